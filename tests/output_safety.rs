//! The output folder: a build replaces only what dossier wrote, keeps the user's files,
//! writes one at a time, and cleans up after builds that were killed.

mod common;

use std::collections::BTreeSet;
use std::hash::{BuildHasher as _, Hasher as _};
use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Output};
use std::time::Instant;

use common::{Fixture, article, one_error};

const MANIFEST: &str = ".dossier-manifest.json";

/// The help of a build refused for the user's files in the output folder.
const OTHER_FILES_HELP: &str = "  help: move them out of the folder; or pass `--force` to build anyway: they then stay where they are, in the new site, and later builds keep them too";

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `dossier build ARGS`, expects failure without a panic, returns stderr.
fn build_fails(f: &Fixture, args: &[&str]) -> String {
    let out = f.cmd(&[&["build"], args].concat()).output().unwrap();
    let stderr = stderr_of(&out);
    assert!(!out.status.success(), "the build succeeded:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Runs `dossier build ARGS` and expects success.
fn build_succeeds(f: &Fixture, args: &[&str]) {
    let out = f.cmd(&[&["build"], args].concat()).output().unwrap();
    assert!(
        out.status.success(),
        "the build failed:\n{}",
        stderr_of(&out)
    );
}

/// The files a manifest lists.
fn manifest_files(site: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(site.join(MANIFEST)).expect("a manifest");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

/// The site in `site` is whole: its manifest lists the pages, and every file it lists
/// is there.
fn assert_whole(site: &Path) {
    let files = manifest_files(site);
    assert!(files.iter().any(|f| f == "index.html"), "{files:?}");
    for f in &files {
        assert!(site.join(f).is_file(), "missing {f}");
    }
}

/// What builds write beside the output folder `public` of `root`: temporary folders
/// and the lock.
fn beside_public(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// A user's git checkout and domain file in the built site of `f`.
fn add_hosting_files(f: &Fixture) {
    f.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    f.write("public/.git/objects/ab/cdef", "object");
    f.write("public/CNAME", "news.example.org\n");
}

fn assert_hosting_files_kept(f: &Fixture) {
    assert_eq!(f.read("public/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(f.read("public/.git/objects/ab/cdef"), "object");
    assert_eq!(f.read("public/CNAME"), "news.example.org\n");
}

#[test]
fn git_checkout_and_cname_in_the_output_are_kept() {
    let f = Fixture::new();
    f.build_ok();
    add_hosting_files(&f);
    f.write(
        "content/articles/second.md",
        &article("Second, revised", "Iraq."),
    );
    f.build_ok();
    assert_hosting_files_kept(&f);
    assert!(
        f.read("public/articles/second/index.html")
            .contains("Second, revised")
    );
    assert!(f.path("public/.nojekyll").exists());
    // Neither is recorded as dossier's: the next build keeps them again.
    let files = manifest_files(&f.path("public"));
    assert!(
        !files.iter().any(|p| p.starts_with(".git") || p == "CNAME"),
        "{files:?}"
    );
    f.build_ok();
    assert_hosting_files_kept(&f);
}

#[test]
fn site_from_before_the_manifest_keeps_git_and_cname() {
    let f = Fixture::new();
    f.build_ok();
    // A site written by an older version: `.nojekyll`, no manifest.
    std::fs::remove_file(f.path("public").join(MANIFEST)).unwrap();
    add_hosting_files(&f);
    f.write(
        "public/articles/gone/index.html",
        "an article since deleted",
    );
    f.build_ok();
    assert_hosting_files_kept(&f);
    assert!(!f.path("public/articles/gone").exists());
    assert_whole(&f.path("public"));
}

#[test]
fn cname_from_the_config_replaces_the_previous_one() {
    let f = Fixture::new();
    f.write(
        "dossier.toml",
        &format!("{}cname = \"a.example.org\"\n", common::CONFIG),
    );
    f.build_ok();
    assert_eq!(f.read("public/CNAME"), "a.example.org\n");
    f.write(
        "dossier.toml",
        &format!("{}cname = \"b.example.org\"\n", common::CONFIG),
    );
    f.build_ok();
    assert_eq!(f.read("public/CNAME"), "b.example.org\n");
    // Dossier wrote it, so dossier removes it when the config no longer asks for it.
    f.write("dossier.toml", common::CONFIG);
    f.build_ok();
    assert!(!f.path("public/CNAME").exists());
}

#[test]
fn folder_of_other_files_is_refused_with_the_list() {
    let f = Fixture::new();
    f.write("some/dir/notes.md", "my notes");
    f.write("some/dir/docs/plan.txt", "my plan");
    let stderr = build_fails(&f, &["--output", "some/dir"]);
    assert_eq!(
        stderr,
        "some/dir: error: the output folder holds files that dossier did not write: docs/, notes.md\n  \
         help: move them out of the folder; or pass `--force` to build anyway: they then stay \
         where they are, in the new site, and later builds keep them too\n\
         1 error; nothing was written\n"
    );
    assert_eq!(f.read("some/dir/notes.md"), "my notes");
    assert_eq!(f.read("some/dir/docs/plan.txt"), "my plan");
    assert!(!f.path("some/dir/index.html").exists());
    assert!(beside_public(&f.path("some")).is_empty());
}

#[test]
fn files_added_to_a_built_site_are_refused() {
    let f = Fixture::new();
    f.build_ok();
    f.write("public/articles/first/draft.md", "mine");
    let stderr = build_fails(&f, &[]);
    assert_eq!(
        stderr,
        one_error(&format!(
            "public: error: the output folder holds files that dossier did not write: articles/first/draft.md\n{OTHER_FILES_HELP}"
        ))
    );
    assert_eq!(f.read("public/articles/first/draft.md"), "mine");
}

#[test]
fn long_list_of_other_files_names_ten_and_counts_the_rest() {
    let f = Fixture::new();
    for i in 0..25 {
        f.write(&format!("out/file{i:02}.txt"), "mine");
    }
    let stderr = build_fails(&f, &["--output", "out"]);
    assert_eq!(
        stderr,
        one_error(&format!(
            "out: error: the output folder holds files that dossier did not write: file00.txt, file01.txt, file02.txt, file03.txt, file04.txt, file05.txt, file06.txt, file07.txt, file08.txt, file09.txt, and 15 more\n{OTHER_FILES_HELP}"
        ))
    );
}

#[test]
fn force_builds_keeping_other_files_in_place() {
    let f = Fixture::new();
    f.write("some/dir/notes.md", "my notes");
    f.write("some/dir/docs/plan.txt", "my plan");
    build_succeeds(&f, &["--output", "some/dir", "--force"]);
    assert_eq!(f.read("some/dir/notes.md"), "my notes");
    assert_eq!(f.read("some/dir/docs/plan.txt"), "my plan");
    assert_whole(&f.path("some/dir"));
    // Kept once, kept from then on.
    f.write("content/articles/third.md", &article("Third", "Iraq."));
    build_succeeds(&f, &["--output", "some/dir"]);
    assert_eq!(f.read("some/dir/notes.md"), "my notes");
    assert_eq!(f.read("some/dir/docs/plan.txt"), "my plan");
    assert!(f.path("some/dir/articles/third/index.html").exists());
    // A kept file the user removes is forgotten.
    std::fs::remove_file(f.path("some/dir/notes.md")).unwrap();
    build_succeeds(&f, &["--output", "some/dir"]);
    f.write("some/dir/notes.md", "new notes");
    build_fails(&f, &["--output", "some/dir"]);
}

#[test]
fn force_does_not_let_the_site_overwrite_a_users_file() {
    let f = Fixture::new();
    f.write("out/index.html", "my own home page");
    f.write("out/about.txt", "mine");
    let stderr = build_fails(&f, &["--output", "out", "--force"]);
    assert_eq!(
        stderr,
        one_error(
            "out: error: the new site writes files that are yours in the output folder (not dossier's): index.html\n  help: move them out of the folder, or rename the pages or static files that replace them"
        )
    );
    assert_eq!(f.read("out/index.html"), "my own home page");
    assert_eq!(f.read("out/about.txt"), "mine");
    assert!(!f.path("out").join(MANIFEST).exists());
    assert!(beside_public(f.root()).is_empty());
}

#[test]
fn static_file_cannot_replace_the_manifest() {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read(&format!("public/{MANIFEST}"));
    // A hidden file in `static/` is never published, so it cannot stand in for the
    // manifest; the site's own record is written as before.
    f.write(&format!("static/{MANIFEST}"), "{}");
    f.build_ok();
    assert_eq!(f.read(&format!("public/{MANIFEST}")), before);
}

#[test]
fn leftovers_of_dead_builds_are_removed() {
    let f = Fixture::new();
    f.build_ok();
    let dead = dead_pid();
    f.write(&format!(".public.new-{dead}/index.html"), "half a site");
    f.write(&format!(".public.old-{dead}/index.html"), "an old site");
    f.write(
        &format!(".public.new-{}/index.html", u32::MAX),
        "no such process",
    );
    // A build still running (this test, as far as the check can tell) keeps its folder.
    let live = format!(".public.new-{}", std::process::id());
    f.write(&format!("{live}/index.html"), "being written");
    f.write(".public.new-notapid/x", "not a build's");
    f.build_ok();
    assert_eq!(
        beside_public(f.root()),
        BTreeSet::from([live, ".public.new-notapid".to_string()])
    );
    assert_whole(&f.path("public"));
}

#[test]
fn site_moved_aside_by_an_interrupted_swap_is_put_back() {
    let f = Fixture::new();
    f.build_ok();
    add_hosting_files(&f);
    // Killed between moving the previous site aside and moving the new one in.
    let dead = dead_pid();
    std::fs::rename(f.path("public"), f.path(&format!(".public.old-{dead}"))).unwrap();
    f.write(&format!(".public.new-{dead}/index.html"), "the new site");
    f.build_ok();
    assert_hosting_files_kept(&f);
    assert_whole(&f.path("public"));
    assert!(beside_public(f.root()).is_empty());
}

#[test]
fn second_build_of_the_same_output_fails_naming_the_first() {
    let f = Fixture::new();
    let mut lock = std::fs::File::create(f.path(".public.lock")).unwrap();
    lock.try_lock().unwrap();
    write!(lock, "4242").unwrap();
    let stderr = build_fails(&f, &[]);
    assert_eq!(
        stderr,
        "error: another build is writing `public` (pid 4242); wait for it to finish, or stop it\n"
    );
    assert!(!f.path("public").exists());
    drop(lock);
    f.build_ok();
    assert!(beside_public(f.root()).is_empty(), "the lock file stays");
}

/// A dossier big enough that a build takes a while.
fn big_fixture() -> Fixture {
    let f = Fixture::new();
    let body = "Iraq's parliament voted. Adel Abdul Mahdi spoke in Iraq.\n\nA second paragraph about the vote in Iraq.";
    for i in 0..600 {
        f.write(
            &format!("content/articles/a{i:04}.md"),
            &article(&format!("Article {i}"), body),
        );
    }
    f
}

fn spawn_build(f: &Fixture) -> Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("build")
        .current_dir(f.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn two_builds_at_once_leave_one_whole_site() {
    let f = big_fixture();
    let (a, b) = (spawn_build(&f), spawn_build(&f));
    let pids = [a.id(), b.id()];
    let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let succeeded = outs.iter().filter(|o| o.status.success()).count();
    assert!(succeeded >= 1);
    // A build that fails names the other, which holds the lock.
    for (i, o) in outs.iter().enumerate() {
        if !o.status.success() {
            assert_eq!(
                stderr_of(o),
                format!(
                    "error: another build is writing `public` (pid {}); wait for it to finish, or stop it\n",
                    pids[1 - i]
                )
            );
        }
    }
    assert_whole(&f.path("public"));
    assert!(beside_public(f.root()).is_empty());
}

/// Waits until the build `child` of `f` has started writing the new site (or ended).
fn wait_for_writing(f: &Fixture, child: &mut Child) {
    let fresh = f.path(&format!(".public.new-{}", child.id()));
    while !fresh.exists() && child.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// Stops builds of `f` with `signal`: every other one as soon as it starts writing the
/// site, the rest at spread-out random moments. Checks after each that the site is whole
/// and the user's files are there, and that one more build leaves nothing behind.
#[cfg(unix)]
fn interrupt_builds(f: &Fixture, signal: libc::c_int, times: u32) {
    let start = Instant::now();
    f.build_ok();
    let build_time = start.elapsed();
    add_hosting_files(f);
    let mut jitter = std::collections::hash_map::RandomState::new().build_hasher();
    for i in 0..times {
        let mut child = spawn_build(f);
        if i % 2 == 1 {
            wait_for_writing(f, &mut child);
        } else {
            jitter.write_u32(i);
            let random = (jitter.finish() % 1000) as f64 / 1000.0;
            let fraction = (f64::from(i) + random) / f64::from(times);
            std::thread::sleep(build_time.mul_f64(fraction));
        }
        // SAFETY: sends a signal to the child this test started and has not reaped.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        child.wait_with_output().unwrap();
        assert_whole(&f.path("public"));
        assert_hosting_files_kept(f);
    }
    let left = beside_public(f.root());
    assert!(
        left.iter().any(|n| n.starts_with(".public.new-")),
        "no build was stopped while writing: {left:?}"
    );
    f.build_ok();
    assert!(
        beside_public(f.root()).is_empty(),
        "{:?}",
        beside_public(f.root())
    );
    assert_whole(&f.path("public"));
    assert_hosting_files_kept(f);
}

#[cfg(unix)]
#[test]
fn killed_builds_leave_a_whole_site_and_nothing_after_the_next_build() {
    let f = big_fixture();
    interrupt_builds(&f, libc::SIGKILL, 6);
}

#[cfg(unix)]
#[test]
fn aborted_build_leaves_nothing_after_the_next_build() {
    let f = big_fixture();
    interrupt_builds(&f, libc::SIGABRT, 2);
    // And one that stops on its own with an error partway leaves nothing either.
    f.write("static/index.html", "a page of its own");
    build_fails(&f, &[]);
    assert!(beside_public(f.root()).is_empty());
}
