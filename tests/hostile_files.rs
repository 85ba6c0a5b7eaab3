//! Hostile files and folders: one policy for what a walk takes (hidden files, editors'
//! leftovers, links, odd names), only regular files read and never past a cap, and
//! messages that name the file at fault.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, article};

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
    assert!(!stderr.contains("warning"), "{stderr}");
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
    let out_md = outside.path().join("out.md");
    for (rel, target) in [
        ("static/secret.txt", &secret),
        ("content/articles/out.md", &out_md),
        ("templates/secret.html", &secret),
    ] {
        assert_contains(
            &stderr,
            &format!(
                "{rel}: warning: this symbolic link leads outside the dossier, to `{}`; it is skipped",
                target.canonicalize().unwrap().display()
            ),
        );
    }
    assert_contains(
        &stderr,
        "static/elsewhere: warning: this symbolic link leads outside the dossier",
    );
    assert_contains(
        &stderr,
        "static/config.txt: warning: this symbolic link leads to `.git/config`, a hidden or temporary file of the dossier; it is skipped",
    );
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
    assert_contains(
        &stderr,
        "static/secret.txt: error: this symbolic link leads outside",
    );
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
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_contains(&f.read("public/articles/shout/index.html"), "Shout");
    assert_contains(&f.read("public/articles/long/index.html"), "Long");
}

#[test]
fn files_a_folder_does_not_take_are_named_with_a_warning() {
    let f = Fixture::new();
    f.write("content/articles/notes.txt", "to do");
    f.write("templates/notes.md", "to do");
    let stderr = f.build_ok();
    assert_contains(
        &stderr,
        "content/articles/notes.txt: warning: this is not an article (articles end in `.md`); it is skipped",
    );
    assert_contains(
        &stderr,
        "templates/notes.md: warning: this is not a template (templates end in `.html`, `.xml` or `.txt`); it is skipped",
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
    assert!(!stderr.contains("warning"), "{stderr}");
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
    assert_contains(
        &stderr,
        "static/f\u{FFFD}.txt: warning: this name is not valid UTF-8, so it cannot be published or linked to; it is skipped",
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
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!f.path("public/style.css.bak").exists());
    let (ok, stderr) = run_with_deadline(&f, &["check", "--strict"]);
    assert!(ok, "check failed:\n{stderr}");
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
        assert_contains(
            &stderr,
            &format!(
                "{rel}: error: this is a named pipe, not a regular file; only regular files are read"
            ),
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
        assert_contains(
            &stderr,
            &format!("{rel}: error: this is a device, not a regular file"),
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
    let stderr = f.build_err();
    assert_contains(&stderr, "content/articles/mac.md:3:");
    assert!(!stderr.contains("no front matter"), "{stderr}");
}

#[test]
fn static_file_colliding_with_a_generated_folder_is_named() {
    let f = Fixture::new();
    f.write("static/articles", "a file where the site needs a folder");
    let stderr = f.build_err();
    assert_contains(
        &stderr,
        "static/articles: error: this static file has the name of the generated folder `articles/`",
    );
    assert!(!stderr.contains(".new-"), "{stderr}");

    let f = Fixture::new();
    f.write(
        "static/index.html/extra.css",
        "a folder where the site has a page",
    );
    let stderr = f.build_err();
    assert_contains(
        &stderr,
        "static/index.html/extra.css: error: this static file would need the generated `index.html` to be a folder",
    );
    assert!(!stderr.contains(".new-"), "{stderr}");
}

#[test]
fn one_letter_and_common_word_aliases_are_warned_about() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        "[[entity]]\nid = \"adel-abdul-mahdi\"\nname = \"Adel Abdul Mahdi\"\nkind = \"person\"\naliases = [\n  \"Abdul Mahdi\",\n  \"a\",\n  \"the\",\n  \"said\",\n]\n\n[[entity]]\nname = \"United States\"\nkind = \"place\"\naliases = [\"US\", \"U\"]\n",
    );
    let stderr = f.build_ok();
    for (line, alias, what) in [
        (7, "a", "a single letter"),
        (8, "the", "a common English word"),
        (9, "said", "a common English word"),
    ] {
        assert_contains(
            &stderr,
            &format!(
                "content/entities.toml:{line}: warning: the alias `{alias}` of `adel-abdul-mahdi` is {what}"
            ),
        );
    }
    assert_contains(
        &stderr,
        "content/entities.toml:15: warning: the alias `U` of `united-states` is a single letter",
    );
    assert!(!stderr.contains("alias `US`"), "{stderr}");
    assert_contains(&stderr, "help: remove the alias");
    let (ok, _) = run_with_deadline(&f, &["build", "--strict"]);
    assert!(!ok, "--strict passed with common-word aliases");
}
