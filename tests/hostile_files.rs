//! Hostile files and folders: one policy for what a walk takes (hidden files, editors'
//! leftovers, links, odd names), only regular files read and never past a cap, and
//! messages that name the file at fault.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, article, one_error, warnings_before_summary};

/// Runs `dossier ARGS` in the fixture, killing it and failing if it has not finished
/// within a deadline far beyond what any of these builds needs: a build that waits on a
/// named pipe or reads a device must fail the test, never hang it.
fn run_with_deadline(f: &Fixture, args: &[&str]) -> (bool, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .args(args)
        .current_dir(f.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dossier runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("`dossier {}` did not finish: it hangs", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    (out.status.success(), stderr)
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(path);
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a NUL-terminated path that lives for the whole call.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo");
}

fn link(target: impl AsRef<Path>, f: &Fixture, rel: &str) {
    let path = f.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    symlink(target, path).unwrap();
}

fn assert_contains(text: &str, expected: &str) {
    assert!(text.contains(expected), "expected `{expected}` in:\n{text}");
}

// Item 6: files silently left out or published.

#[test]
fn symlinks_inside_the_dossier_are_followed_in_every_folder() {
    let f = Fixture::new();
    f.write("shared/extra.css", "body { color: teal }");
    f.write("shared/img/logo.svg", "<svg/>");
    f.write("shared/third.md", &article("Third", "Iraq voted again."));
    f.write(
        "shared/404.html",
        "{% extends \"base.html\" %}{% block content %}linked not found{% endblock %}",
    );
    link(f.path("shared/extra.css"), &f, "static/extra.css");
    link("../shared/img", &f, "static/img");
    link(f.path("shared/third.md"), &f, "content/articles/third.md");
    link(f.path("shared/404.html"), &f, "templates/404.html");
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    assert_eq!(f.read("public/extra.css"), "body { color: teal }");
    assert_eq!(f.read("public/img/logo.svg"), "<svg/>");
    assert_contains(&f.read("public/articles/third/index.html"), "Third");
    assert_contains(&f.read("public/404.html"), "linked not found");
}

#[test]
fn symlinks_leading_outside_the_dossier_are_refused_with_a_warning() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "private").unwrap();
    std::fs::write(outside.path().join("out.md"), article("Out", "Iraq.")).unwrap();
    let f = Fixture::new();
    link(&secret, &f, "static/secret.txt");
    link(outside.path(), &f, "static/elsewhere");
    link(outside.path().join("out.md"), &f, "content/articles/out.md");
    link(&secret, &f, "templates/secret.html");
    // Inside the dossier, but hidden: a link may not publish `.git/`.
    f.write(
        ".git/config",
        "[remote]\nurl = https://token@example.org/x\n",
    );
    link(f.path(".git/config"), &f, "static/config.txt");
    let stderr = f.build_ok();
    // Sorted by file; each link named with where it leads, as the file system resolves it.
    let outside_dir = outside.path().canonicalize().unwrap();
    let report = |level: &str| {
        let leads_outside = |rel: &str, target: &Path| {
            format!(
                "{rel}: {level}: this symbolic link leads outside the dossier, to `{}`; it is skipped\n  help: copy what it points to into the dossier, or remove the link\n",
                target.display()
            )
        };
        [
            leads_outside("content/articles/out.md", &outside_dir.join("out.md")),
            format!(
                "static/config.txt: {level}: this symbolic link leads to `.git/config`, a hidden or temporary file of the dossier; it is skipped\n  help: hidden files are never published: remove the link\n"
            ),
            leads_outside("static/elsewhere", &outside_dir),
            leads_outside("static/secret.txt", &outside_dir.join("secret.txt")),
            leads_outside("templates/secret.html", &outside_dir.join("secret.txt")),
        ]
        .concat()
    };
    assert_eq!(warnings_before_summary(&stderr), report("warning"));
    for published in [
        "public/secret.txt",
        "public/elsewhere",
        "public/config.txt",
        "public/articles/out",
    ] {
        assert!(!f.path(published).exists(), "{published} was published");
    }
    let (ok, stderr) = run_with_deadline(&f, &["build", "--strict"]);
    assert!(!ok, "--strict passed:\n{stderr}");
    assert_eq!(stderr, report("error") + "5 errors; nothing was written\n");
}

#[test]
fn upper_case_and_markdown_extensions_are_articles() {
    let f = Fixture::new();
    f.write(
        "content/articles/shout.MD",
        &article("Shout", "Iraq voted."),
    );
    f.write(
        "content/articles/long.markdown",
        &article("Long", "Iraq voted."),
    );
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    assert_contains(&f.read("public/articles/shout/index.html"), "Shout");
    assert_contains(&f.read("public/articles/long/index.html"), "Long");
}

#[test]
fn files_a_folder_does_not_take_are_named_with_a_warning() {
    let f = Fixture::new();
    f.write("content/articles/notes.txt", "to do");
    f.write("templates/notes.md", "to do");
    let stderr = f.build_ok();
    assert_eq!(
        warnings_before_summary(&stderr),
        "content/articles/notes.txt: warning: this is not an article (articles end in `.md`); it is skipped\n  help: rename it to end in `.md` if it is an article, or move it out of `content/articles/`\ntemplates/notes.md: warning: this is not a template (templates end in `.html`, `.xml` or `.txt`); it is skipped\n  help: rename it if it is a template, or move it out of `templates/`\n"
    );
}

#[test]
fn hidden_folders_and_files_are_never_published() {
    let f = Fixture::new();
    f.write(
        "content/articles/.trash/old.md",
        &article("Old", "Thrown away."),
    );
    f.write("content/articles/.draft.md", &article("Hidden", "Not yet."));
    f.write("static/.private/key.txt", "secret");
    f.write("static/.env", "TOKEN=secret");
    f.write("static/css/.cache/x.css", "secret");
    f.write("templates/.old/index.html", "{{ nonsense");
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    for absent in [
        "public/articles/old",
        "public/articles/draft",
        "public/.private",
        "public/.env",
        "public/css/.cache",
    ] {
        assert!(!f.path(absent).exists(), "{absent} was published");
    }
    assert!(!f.read("public/index.html").contains("Thrown away"));
}

#[test]
fn non_utf8_file_names_are_named_not_mangled() {
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new();
    let name = std::ffi::OsStr::from_bytes(b"f\xff.txt");
    std::fs::create_dir_all(f.path("static")).unwrap();
    std::fs::write(f.path("static").join(name), "x").unwrap();
    let stderr = f.build_ok();
    assert_eq!(
        warnings_before_summary(&stderr),
        "static/f\u{FFFD}.txt: warning: this name is not valid UTF-8, so it cannot be published or linked to; it is skipped\n  help: rename it using UTF-8 (any file manager will do)\n"
    );
    let published: Vec<String> = std::fs::read_dir(f.path("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !published.iter().any(|n| n.contains('\u{FFFD}')),
        "{published:?}"
    );
}

// Item 11: editors' lock files break builds.

#[test]
fn editor_lock_swap_and_backup_files_are_ignored_everywhere() {
    let f = Fixture::new();
    // Emacs's lock: a dangling link.
    link("root@host.1:1", &f, "content/articles/.#first.md");
    link("root@host.1:1", &f, "static/.#style.css");
    link("root@host.1:1", &f, "templates/.#base.html");
    f.write("content/articles/#first.md#", "+++ half saved");
    f.write("content/articles/first.md~", "+++ old");
    f.write("content/articles/.first.md.swp", "\u{0}binary");
    f.write("content/articles/4913", "");
    f.write("templates/base.html~", "{{ broken");
    f.write("static/style.css.bak", "old");
    let (ok, stderr) = run_with_deadline(&f, &["build"]);
    assert!(ok, "build failed:\n{stderr}");
    assert_eq!(warnings_before_summary(&stderr), "");
    assert!(!f.path("public/style.css.bak").exists());
    let (ok, stderr) = run_with_deadline(&f, &["check", "--strict"]);
    assert!(ok, "check failed:\n{stderr}");
    assert_eq!(stderr, "checked 2 articles: no errors\n");
}

// Item 15: special files hang the build.

#[test]
fn named_pipes_are_refused_without_waiting() {
    for rel in [
        "dossier.toml",
        "content/entities.toml",
        "content/_index.md",
        "content/articles/first.md",
        "templates/base.html",
        "static/style.css",
    ] {
        let f = Fixture::new();
        f.write(
            "templates/base.html",
            "{% block og_type %}{% endblock %}{% block head_meta %}{% endblock %}{% block head_extra %}{% endblock %}{% block body_class %}{% endblock %}{% block content %}{% endblock %}{% block scripts %}{% endblock %}",
        );
        mkfifo(&f.path(rel));
        let (ok, stderr) = run_with_deadline(&f, &["build"]);
        assert!(!ok, "{rel}: the build passed:\n{stderr}");
        assert_eq!(
            stderr,
            one_error(&format!(
                "{rel}: error: this is a named pipe, not a regular file; only regular files are read\n  help: replace it with an ordinary file"
            ))
        );
    }
}

#[test]
fn links_to_devices_are_refused_unread() {
    for rel in ["content/entities.toml", "dossier.toml", "content/_index.md"] {
        let f = Fixture::new();
        std::fs::remove_file(f.path(rel)).unwrap();
        link("/dev/zero", &f, rel);
        let (ok, stderr) = run_with_deadline(&f, &["build"]);
        assert!(!ok, "{rel}: the build passed:\n{stderr}");
        assert_eq!(
            stderr,
            one_error(&format!(
                "{rel}: error: this is a device, not a regular file; only regular files are read\n  help: replace it with an ordinary file"
            ))
        );
    }
}

// Item 21: messages.

#[test]
fn lone_cr_line_endings_are_lines() {
    let f = Fixture::new();
    f.write(
        "content/articles/mac.md",
        "+++\rtitle = \"Old Mac\"\rdate = 2020-01-05\rsource = \"X\"\r+++\rIraq voted.\r\rAdel Abdul Mahdi spoke.\r",
    );
    f.build_ok();
    let page = f.read("public/articles/mac/index.html");
    assert_contains(&page, "Old Mac");
    assert_contains(&page, "entities/adel-abdul-mahdi/");
    // Line numbers count lone CRs as line ends.
    f.write(
        "content/articles/mac.md",
        "+++\rtitle = \"Old Mac\"\rdate = 2020-13-05\rsource = \"X\"\r+++\rIraq voted.\r",
    );
    assert_eq!(
        f.build_err(),
        one_error(
            "content/articles/mac.md:3:8: error: invalid date, expected month between 01 and 12\n  help: write a real date as `2020-01-05` or `2020-01-05T14:30:00Z`"
        )
    );
}

#[test]
fn static_file_colliding_with_a_generated_folder_is_named() {
    let f = Fixture::new();
    f.write("static/articles", "a file where the site needs a folder");
    let help = "  help: rename or remove the file; to change a generated page, override its template in `templates/`";
    assert_eq!(
        f.build_err(),
        one_error(&format!(
            "static/articles: error: this static file has the name of the generated folder `articles/`\n{help}"
        ))
    );

    let f = Fixture::new();
    f.write(
        "static/index.html/extra.css",
        "a folder where the site has a page",
    );
    assert_eq!(
        f.build_err(),
        one_error(&format!(
            "static/index.html/extra.css: error: this static file would need the generated `index.html` to be a folder\n{help}"
        ))
    );
}

#[test]
fn one_letter_and_common_word_aliases_are_warned_about() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        "[[entity]]\nid = \"adel-abdul-mahdi\"\nname = \"Adel Abdul Mahdi\"\nkind = \"person\"\naliases = [\n  \"Abdul Mahdi\",\n  \"a\",\n  \"the\",\n  \"said\",\n]\n\n[[entity]]\nname = \"United States\"\nkind = \"place\"\naliases = [\"US\", \"U\"]\n",
    );
    let stderr = f.build_ok();
    // `US` is no common word: no warning.
    let report = |level: &str| {
        [
            (7, "a", "adel-abdul-mahdi", "a single letter"),
            (8, "the", "adel-abdul-mahdi", "a common English word"),
            (9, "said", "adel-abdul-mahdi", "a common English word"),
            (15, "U", "united-states", "a single letter"),
        ]
        .map(|(line, alias, id, what)| {
            format!(
                "content/entities.toml:{line}: {level}: the alias `{alias}` of `{id}` is {what}: it would link every `{alias}` in every article to `{id}`\n  help: remove the alias; where the word does mean the entity, link it by hand: [{alias}](entity:{id})\n"
            )
        })
        .concat()
    };
    assert_eq!(warnings_before_summary(&stderr), report("warning"));
    let (ok, stderr) = run_with_deadline(&f, &["build", "--strict"]);
    assert!(!ok, "--strict passed with common-word aliases");
    assert_eq!(stderr, report("error") + "4 errors; nothing was written\n");
}
