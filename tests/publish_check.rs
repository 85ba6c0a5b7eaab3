//! `dossier check`: content problems as located errors and warnings, and with `--site`
//! every internal link and anchor of a built site, with a non-zero exit on errors.

mod common;

use common::{Fixture, article, one_error};

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
    assert_eq!(
        stderr,
        "content/articles/bad.md:6: error: unknown entity `adel-abdul-mahdl` in an `entity:` link\n  help: did you mean `entity:adel-abdul-mahdi`? Entity ids are listed in content/entities.toml\ncontent/articles/bad.md:8: error: unknown article `frist` in an `article:` link\n  help: did you mean `article:first`? The slug is the article's file name without `.md`\n2 errors; nothing was written\n"
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
    assert_eq!(
        stderr,
        "content/articles/nodate.md:1: error: missing required field `date` in the front matter\n  help: add a line such as `date = 2020-01-05` between the `+++` lines\ncontent/articles/nosource.md:1: error: missing required field `source` in the front matter\n  help: add a line such as `source = \"Reuters\" (or \"Unknown\")` between the `+++` lines\n2 errors; nothing was written\n"
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
    // The registry entry, and the mention it leaves unlinked.
    let report = |level: &str| {
        format!(
            "content/articles/first.md:8: {level}: `Abdul Mahdi` could mean adel-abdul-mahdi or mahdi-army; not linked\n  help: write `[Abdul Mahdi](entity:adel-abdul-mahdi)` to say which\ncontent/entities.toml:13: {level}: `Abdul Mahdi` names both `adel-abdul-mahdi` and `mahdi-army`; each occurrence is resolved by the nearest unambiguous mention, or reported\n  help: remove the alias from one entity if it only ever means the other\n"
        )
    };
    let (ok, stderr) = run(&f, &["check"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        stderr,
        report("warning") + "checked 2 articles: no errors, 2 warnings\n"
    );
    let (ok, stderr) = run(&f, &["check", "--strict"]);
    assert!(!ok, "{stderr}");
    assert_eq!(stderr, report("error") + "2 errors; nothing was written\n");
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
    // A quote marked `speaker = ""` is not reported.
    let report = |level: &str| {
        format!(
            "content/articles/lone.md:11: {level}: quote with no speaker: “Nobody is named as the one who said these words.”\n  help: add [[quotes]] with text = \"Nobody is named as\" and speaker = \"<an entity id, or who said it>\" to the front matter; speaker = \"\" marks it as said by nobody named"
        )
    };
    let (ok, stderr) = run(&f, &["check"]);
    assert!(ok, "warnings do not fail: {stderr}");
    assert_eq!(
        stderr,
        report("warning") + "\nchecked 3 articles: no errors, 1 warning\n"
    );
    let (ok, stderr) = run(&f, &["check", "--strict"]);
    assert!(!ok, "--strict fails on warnings: {stderr}");
    assert_eq!(stderr, one_error(&report("error")));
}

#[test]
fn a_clean_site_passes_the_link_check() {
    let f = Fixture::new();
    f.build_ok();
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        stderr,
        "checked 2 articles and the site's links: no errors\n"
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
            "<a href=\"/sub/articles/first/#nope\">x</a><a href=\"/sub/gone/\">y</a><img src=\"images/map.png\"><a href=\"/elsewhere/\">z</a></main>",
            1,
        ),
    );
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(!ok, "{stderr}");
    assert_eq!(
        stderr,
        [
            "public/articles/second/index.html: error: broken link `/sub/articles/first/#nope`: no element with id `nope` in `articles/first/index.html`\n",
            "  help: link to an id the page has, or leave out the `#` part\n",
            "public/articles/second/index.html: error: broken link `/sub/gone/`: no file `gone/index.html` in the site\n",
            "  help: a file in `static/` is published at its path there (`static/gone/index.html` at `/sub/gone/index.html`): put the file there, or mend the address\n",
            "public/articles/second/index.html: error: broken link `images/map.png`: no file `articles/second/images/map.png` in the site\n",
            "  help: a relative address is resolved against the page's own folder (`/sub/articles/second/`); for a file in `static/`, write its path from the site's root: `/images/map.png` for `static/images/map.png`\n",
            "public/articles/second/index.html: error: broken link `/elsewhere/`: it leaves the site's base path `/sub/`\n",
            "  help: the site is published under `/sub/`: a Markdown link or image written `/elsewhere/` is put under it by `dossier build`; in a template, write {{ url(path=\"/elsewhere/\") }}; in raw HTML, write the base path too\n",
            "error: 4 broken links in the site\n",
        ]
        .concat()
    );
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
    assert_eq!(
        stderr,
        "checked 2 articles and the site's links: no errors\n"
    );
}

#[test]
fn a_folder_without_a_site_is_an_error() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.path("empty")).unwrap();
    let (ok, stderr) = run(&f, &["check", "--site", "empty"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `empty` holds no built site (no `index.html`); run `dossier build` first\n"
    );
}
