//! `dossier check`: content problems as located errors and warnings, and with `--site`
//! every internal link and anchor of a built site, with a non-zero exit on errors.

mod common;

use common::{Fixture, article};

/// Runs `dossier ARGS` in the fixture; returns (success, stderr).
fn run(f: &Fixture, args: &[&str]) -> (bool, String) {
    let out = f.cmd(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.success(), stderr)
}

#[test]
fn unknown_entity_and_article_targets_are_located_errors() {
    let f = Fixture::new();
    f.write(
        "content/articles/bad.md",
        &article(
            "Bad",
            "See [him](entity:adel-abdul-mahdl).\n\nAnd [this](article:frist).",
        ),
    );
    let (ok, stderr) = run(&f, &["check"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("content/articles/bad.md:6: error: unknown entity `adel-abdul-mahdl`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/bad.md:8: error: unknown article `frist`"),
        "{stderr}"
    );
    assert!(!f.path("public").exists(), "check writes nothing");
}

#[test]
fn articles_without_date_or_source_are_located_errors() {
    let f = Fixture::new();
    f.write(
        "content/articles/nodate.md",
        "+++\ntitle = \"No date\"\nsource = \"AFP\"\n+++\nText.\n",
    );
    f.write(
        "content/articles/nosource.md",
        "+++\ntitle = \"No source\"\ndate = 2020-01-05\n+++\nText.\n",
    );
    let (ok, stderr) = run(&f, &["check"]);
    assert!(!ok);
    assert!(
        stderr.contains("content/articles/nodate.md:1: error: missing required field `date`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/nosource.md:1: error: missing required field `source`"),
        "{stderr}"
    );
}

#[test]
fn ambiguous_aliases_are_warnings_and_strict_makes_them_errors() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        &format!(
            "{}\n[[entity]]\nid = \"mahdi-army\"\nname = \"Mahdi Army\"\nkind = \"group\"\naliases = [\"Abdul Mahdi\"]\n",
            common::REGISTRY
        ),
    );
    let (ok, stderr) = run(&f, &["check"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("content/entities.toml:"), "{stderr}");
    assert!(
        stderr.contains("warning: `Abdul Mahdi` names both"),
        "{stderr}"
    );
    let (ok, stderr) = run(&f, &["check", "--strict"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("error: `Abdul Mahdi` names both"),
        "{stderr}"
    );
}

#[test]
fn each_unattributed_quote_is_a_located_warning() {
    let f = Fixture::new();
    f.write(
        "content/articles/lone.md",
        &article(
            "Lone",
            "A paragraph first.\n\n“Nobody is named as the one who said these words.”\n\n“Nor these words, which an editor marked as said by nobody.”",
        ),
    );
    // Mark the second quote as deliberately unattributed.
    f.write(
        "content/articles/lone.md",
        &f.read("content/articles/lone.md").replacen(
            "+++\nA paragraph",
            "[[quotes]]\ntext = \"Nor these words\"\nspeaker = \"\"\n+++\nA paragraph",
            1,
        ),
    );
    let (ok, stderr) = run(&f, &["check"]);
    assert!(ok, "warnings do not fail: {stderr}");
    assert!(
        stderr.contains(
            "content/articles/lone.md:11: warning: quote with no speaker: “Nobody is named as the one who said these words.”"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: add [[quotes]] with text = \"Nobody is named as\""),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Nor these words, which"),
        "a quote marked `speaker = \"\"` is not reported: {stderr}"
    );
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("checked 3 articles: no errors,") && last.contains("warning"),
        "{last}"
    );
    let (ok, stderr) = run(&f, &["check", "--strict"]);
    assert!(!ok, "--strict fails on warnings: {stderr}");
    assert!(
        stderr.contains("content/articles/lone.md:11: error: quote with no speaker"),
        "{stderr}"
    );
}

#[test]
fn a_clean_site_passes_the_link_check() {
    let f = Fixture::new();
    f.build_ok();
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("checked 2 articles and the site's links: no errors"),
        "{stderr}"
    );
}

#[test]
fn broken_links_and_anchors_are_named_with_their_page() {
    let f = Fixture::new();
    f.build_ok();
    let page = f.read("public/articles/second/index.html");
    f.write(
        "public/articles/second/index.html",
        &page.replacen(
            "</main>",
            "<a href=\"/sub/articles/first/#nope\">x</a><a href=\"/sub/gone/\">y</a><a href=\"/elsewhere/\">z</a></main>",
            1,
        ),
    );
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(!ok, "{stderr}");
    for expected in [
        "articles/second/index.html: broken link `/sub/articles/first/#nope`: no element with id `nope` in `articles/first/index.html`",
        "articles/second/index.html: broken link `/sub/gone/`: no file `gone/index.html` in the site",
        "articles/second/index.html: broken link `/elsewhere/`: it leaves the site's base path `/sub/`",
        "error: 3 broken links in the site",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

#[test]
fn the_site_is_checked_against_the_base_it_was_built_for() {
    let f = Fixture::new();
    let (ok, stderr) = run(
        &f,
        &[
            "build",
            "--base-url",
            "https://user.github.io/other/",
            "--output",
            "site",
        ],
    );
    assert!(ok, "{stderr}");
    // dossier.toml says `/sub/`; the site was built for `/other/`.
    let (ok, stderr) = run(&f, &["check", "--site", "site"]);
    assert!(ok, "{stderr}");
}

#[test]
fn a_folder_without_a_site_is_an_error() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.path("empty")).unwrap();
    let (ok, stderr) = run(&f, &["check", "--site", "empty"]);
    assert!(!ok);
    assert!(stderr.contains("holds no built site"), "{stderr}");
}
