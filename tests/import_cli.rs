//! `dossier import` as a newcomer uses it: saved pages of several kinds, plain text,
//! folders, many inputs at once, and inputs that cannot be imported. Each test builds a
//! fixture dossier, runs the binary, and reads the articles it wrote.

mod common;
#[path = "common/http_server.rs"]
mod http_server;

use common::Fixture;
use http_server::{HttpServer, Route};

/// A news page as a browser saves it: navigation, the article, a "most popular" box,
/// a newsletter box, share buttons, a comment section and a footer around it. `head`
/// is what the page says of itself (JSON-LD, Open Graph tags, a title).
fn news_page(head: &str) -> String {
    let paragraphs: String = [
        "Iraq's parliament voted on Sunday to expel US troops from the country, in a resolution passed by a special session in Baghdad.",
        "The resolution calls on the government to end the presence of foreign forces and to bar them from using Iraqi land, airspace and water.",
        "“Despite the internal and external difficulties that we might face, it remains best for Iraq,” the caretaker prime minister, Adel Abdul Mahdi, told lawmakers.",
        "Most Shiite members of parliament backed the measure, while many Sunni and Kurdish legislators did not attend the session.",
        "The vote came two days after a US airstrike near Baghdad airport killed the Iranian general Qassem Soleimani.",
    ]
    .iter()
    .map(|p| format!("<p>{p}</p>\n"))
    .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
{head}
<script>window.dataLayer = [{{"event": "pageview", "title": "do not import"}}];</script>
<style>.share {{ color: red }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main>
<article>
<h1>Iraq's parliament votes to expel US troops</h1>
<div class="share"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
<figure><img src="/images/parliament.jpg" alt="Members of parliament in Baghdad"><figcaption>Members of the Iraqi parliament in Baghdad. (Reuters)</figcaption></figure>
{paragraphs}
</article>
<aside class="most-popular"><h2>Most Popular</h2><ol><li><a href="/a">Celebrity chef opens a new restaurant downtown</a></li><li><a href="/b">Ten gadgets you need this winter season</a></li><li><a href="/c">Local team wins the championship final</a></li></ol></aside>
<div class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the day's top stories delivered to your inbox every morning.</p><form><input type="email"><button>Subscribe</button></form></div>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>This is a terrible decision by the government and they will regret it soon enough.</p></div>
<div class="comment"><p>Finally someone stands up for the sovereignty of the country, well done.</p></div>
</section>
</main>
<footer><p>© 2020 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"#
    )
}

const JSON_LD: &str = r#"<title>Iraq's parliament votes to expel US troops | The Daily Example</title>
<link rel="canonical" href="https://daily.example.org/world/2020/01/05/iraq-vote">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Iraq's parliament votes to expel US troops",
 "datePublished": "2020-01-05T14:30:00+03:00",
 "author": [{"@type": "Person", "name": "Jane Reporter"}],
 "publisher": {"@type": "Organization", "name": "The Daily Example"},
 "description": "A special session of parliament tells the government to expel foreign troops."}</script>"#;

const OPEN_GRAPH: &str = r#"<title>Iraq's parliament votes to expel US troops - The Daily Example</title>
<meta property="og:title" content="Iraq's parliament votes to expel US troops">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://daily.example.org/world/iraq-vote">
<meta property="og:description" content="Parliament tells the government to expel foreign troops.">
<meta property="article:published_time" content="2020-01-05T11:30:00Z">"#;

/// Runs `dossier import ARGS` in the fixture: (success, stdout, stderr).
fn import(f: &Fixture, args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = f.cmd(&all).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// The articles in the fixture's `content/articles/`, by file name, other than the
/// fixture's own two.
fn imported(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.path("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "first.md" && n != "second.md")
        .collect();
    names.sort();
    names
}

/// The text a page from [`news_page`] must give and the page furniture it must not.
fn assert_article_only(text: &str) {
    for kept in [
        "Iraq's parliament voted on Sunday to expel US troops",
        "told lawmakers.",
        "killed the Iranian general Qassem Soleimani.",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    for dropped in [
        "Most Popular",
        "Celebrity chef",
        "newsletter",
        "terrible decision",
        "sovereignty of the country",
        "Share on Twitter",
        "cookies",
        "All rights reserved",
        "do not import",
        "<",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?}:\n{text}");
    }
}

#[test]
fn a_page_with_json_ld_gives_its_title_date_authors_and_outlet() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    let (ok, stdout, stderr) = import(&f, &["saved/vote.html"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        imported(&f),
        ["iraqs-parliament-votes-to-expel-us-troops.md"]
    );
    let text = f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md");
    assert!(
        text.starts_with(
            "+++\ntitle = \"Iraq's parliament votes to expel US troops\"\ndate = 2020-01-05T14:30:00+03:00\nsource = \"The Daily Example\"\nauthors = [\"Jane Reporter\"]\nurl = \"https://daily.example.org/world/2020/01/05/iraq-vote\"\nsummary = \"A special session of parliament tells the government to expel foreign troops.\"\n+++\n"
        ),
        "{text}"
    );
    assert_article_only(&text);
    assert!(
        stdout.starts_with("imported `saved/vote.html` as content/articles/iraqs-parliament-votes-to-expel-us-troops.md: \"Iraq's parliament votes to expel US troops\", 2020-01-05T14:30:00+03:00, The Daily Example, "),
        "{stdout}"
    );
    f.build_ok();
}

#[test]
fn a_page_with_only_open_graph_tags_gives_its_title_date_and_outlet() {
    let f = Fixture::new();
    f.write("saved/vote.htm", &news_page(OPEN_GRAPH));
    let (ok, _, stderr) = import(&f, &["saved/vote.htm"]);
    assert!(ok, "{stderr}");
    let text = f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md");
    assert!(text.contains("\ndate = 2020-01-05T11:30:00Z\n"), "{text}");
    assert!(
        text.contains("\nsource = \"The Daily Example\"\n"),
        "{text}"
    );
    assert!(
        text.contains("\nurl = \"https://daily.example.org/world/iraq-vote\"\n"),
        "{text}"
    );
    assert_article_only(&text);
    f.build_ok();
}

#[test]
fn a_page_that_names_no_date_or_outlet_needs_date_and_stays_unknown() {
    let f = Fixture::new();
    f.write(
        "saved/vote.html",
        &news_page("<title>Iraq's parliament votes to expel US troops</title>"),
    );
    let (ok, _, stderr) = import(&f, &["saved/vote.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `saved/vote.html`: it gives no date (no ` date YYYY-MM-DD ` marker and no date in the page); give the date with --date YYYY-MM-DD\n"
    );
    assert!(imported(&f).is_empty());
    let (ok, _, stderr) = import(&f, &["saved/vote.html", "--date", "2020-01-05"]);
    assert!(ok, "{stderr}");
    let text = f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md");
    assert!(
        text.starts_with("+++\ntitle = \"Iraq's parliament votes to expel US troops\"\ndate = 2020-01-05\nsource = \"Unknown\"\n"),
        "{text}"
    );
    assert_article_only(&text);
}

#[test]
fn flags_override_what_the_page_says() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    let (ok, _, stderr) = import(
        &f,
        &[
            "saved/vote.html",
            "--title",
            "The vote",
            "--date",
            "2020-01-06",
            "--source",
            "AFP",
            "--url",
            "https://afp.example.com/vote",
            "--author",
            "A. Writer",
            "--author",
            "B. Writer",
        ],
    );
    assert!(ok, "{stderr}");
    let text = f.read("content/articles/the-vote.md");
    assert!(
        text.starts_with("+++\ntitle = \"The vote\"\ndate = 2020-01-06\nsource = \"AFP\"\nauthors = [\"A. Writer\", \"B. Writer\"]\nurl = \"https://afp.example.com/vote\"\n"),
        "{text}"
    );
}

#[test]
fn a_gzipped_page_is_unpacked() {
    use std::io::Write as _;
    let f = Fixture::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(news_page(JSON_LD).as_bytes()).unwrap();
    f.write_bytes("saved/vote.html.gz", &gz.finish().unwrap());
    let (ok, _, stderr) = import(&f, &["saved/vote.html.gz"]);
    assert!(ok, "{stderr}");
    assert_article_only(&f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md"));
}

#[test]
fn a_page_saved_under_another_name_is_still_a_page() {
    let f = Fixture::new();
    f.write("saved/vote.txt", &news_page(JSON_LD));
    let (ok, _, stderr) = import(&f, &["saved/vote.txt"]);
    assert!(ok, "{stderr}");
    assert_article_only(&f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md"));
}

#[test]
fn text_named_html_is_imported_as_text() {
    let f = Fixture::new();
    f.write(
        "saved/notes.html",
        "Parliament votes on troops\n\n date 2020-01-05 is not a marker here.\n\nIraq's parliament voted on Sunday. The <b> in this text is text.\n",
    );
    let (ok, _, stderr) = import(&f, &["saved/notes.html", "--date", "2020-01-05"]);
    assert!(ok, "{stderr}");
    let text = f.read("content/articles/parliament-votes-on-troops.md");
    assert!(text.contains("The \\<b\\> in this text is text."), "{text}");
}

#[test]
fn empty_and_binary_files_are_refused_and_change_nothing() {
    let f = Fixture::new();
    f.write("saved/empty.html", "");
    f.write("saved/blank.txt", " \n\n \t\n");
    f.write_bytes("saved/photo.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    f.write_bytes("saved/blob.txt", b"abc\0\x01\x02\x03def");
    f.write_bytes("saved/latin1.txt", b"Caf\xe9 au lait\n\nText.\n");
    for (file, message) in [
        (
            "saved/empty.html",
            "it is empty; there is nothing to import",
        ),
        ("saved/blank.txt", "it is empty; there is nothing to import"),
        (
            "saved/photo.html",
            "it is a PNG image, not a web page or text; import the saved page (.html) or the article's text",
        ),
        (
            "saved/blob.txt",
            "it is binary data, not a web page or text; import the saved page (.html) or the article's text",
        ),
        (
            "saved/latin1.txt",
            "it is text but not UTF-8; save it as UTF-8 (most editors offer it under \"Save as\") and import it again",
        ),
    ] {
        let (ok, stdout, stderr) = import(&f, &[file, "--date", "2020-01-05"]);
        assert!(!ok, "{file}");
        assert_eq!(stdout, "");
        assert_eq!(stderr, format!("error: `{file}`: {message}\n"));
    }
    assert!(imported(&f).is_empty());
}

#[test]
fn a_missing_file_is_named() {
    let f = Fixture::new();
    let (ok, _, stderr) = import(&f, &["saved/nowhere.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `saved/nowhere.html`: cannot read the file: No such file or directory (os error 2)\n"
    );
}

#[test]
fn many_inputs_are_imported_each_on_its_own() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    f.write("saved/empty.txt", "");
    f.write(
        "notes/afp.txt",
        " date 2020-01-05 Iraq's parliament votes to expel US troops\n\nIraq's parliament voted on Sunday to expel the troops.\n",
    );
    let (ok, stdout, stderr) = import(&f, &["saved/vote.html", "saved/empty.txt", "notes/afp.txt"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `saved/empty.txt`: it is empty; there is nothing to import\nerror: 1 of 3 inputs could not be imported; the other 2 were imported\n"
    );
    // The two that import get distinct slugs though their titles slug the same.
    assert_eq!(
        imported(&f),
        [
            "iraqs-parliament-votes-to-expel-us-troops-2.md",
            "iraqs-parliament-votes-to-expel-us-troops.md"
        ]
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.lines().nth(1).unwrap().starts_with(
        "imported `notes/afp.txt` as content/articles/iraqs-parliament-votes-to-expel-us-troops-2.md: \"Iraq's parliament votes to expel US troops\", 2020-01-05, Unknown, 9 words"
    ), "{stdout}");
    f.build_ok();
}

#[test]
fn a_folder_imports_its_pages_and_texts_and_skips_the_rest() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    f.write("saved/vote_files/style.css", "body { color: red }");
    f.write("saved/vote_files/app.js", "alert(1)");
    f.write("saved/.hidden.txt", "Hidden\n\nNot for import.\n");
    f.write("saved/more/notes.txt", "Second article\n\nIts text.\n");
    let (ok, stdout, stderr) = import(&f, &["saved", "--date", "2020-01-07"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("skipped 2 files in `saved` that are not a page or text (pictures, scripts, styles...)\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("imported 2 articles\n"), "{stdout}");
    assert_eq!(
        imported(&f),
        [
            "iraqs-parliament-votes-to-expel-us-troops.md",
            "second-article.md"
        ]
    );
    // --date applies to every input, over what the page says.
    assert!(
        f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md")
            .contains("\ndate = 2020-01-07\n")
    );
}

#[test]
fn a_folder_with_nothing_to_import_says_so() {
    let f = Fixture::new();
    f.write("saved/pic.png", "x");
    let (ok, _, stderr) = import(&f, &["saved"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: there is nothing to import: the folders given hold no web pages (.html, .htm) or text files (.txt)\n"
    );
}

#[test]
fn title_and_url_flags_are_for_one_input() {
    let f = Fixture::new();
    f.write("a.txt", "A\n\nText.\n");
    f.write("b.txt", "B\n\nText.\n");
    for flag in ["--title", "--url"] {
        let (ok, _, stderr) = import(
            &f,
            &[
                "a.txt",
                "b.txt",
                "--date",
                "2020-01-05",
                flag,
                "https://x.example/",
            ],
        );
        assert!(!ok);
        assert_eq!(
            stderr,
            format!(
                "error: {flag} is for one article, but 2 inputs were given; import that one on its own\n"
            )
        );
    }
    assert!(imported(&f).is_empty());
}

#[test]
fn an_article_imported_before_is_replaced_only_with_force() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    assert!(import(&f, &["saved/vote.html"]).0);
    let path = "content/articles/iraqs-parliament-votes-to-expel-us-troops.md";
    f.write(
        path,
        &f.read(path).replace("Most Shiite", "EDITED Most Shiite"),
    );
    let (ok, _, stderr) = import(&f, &["saved/vote.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        format!(
            "error: `saved/vote.html`: `{path}` already holds this article; pass --force to replace it\n"
        )
    );
    assert!(f.read(path).contains("EDITED"), "the user's edit survives");
    let (ok, _, stderr) = import(&f, &["saved/vote.html", "--force"]);
    assert!(ok, "{stderr}");
    assert!(!f.read(path).contains("EDITED"));
    assert_eq!(imported(&f).len(), 1);
}

#[test]
fn a_different_article_with_the_same_slug_keeps_its_file() {
    let f = Fixture::new();
    f.write(
        "content/articles/iraqs-parliament-votes-to-expel-us-troops.md",
        &common::article(
            "Iraq's parliament votes to expel US troops",
            "An older report.",
        ),
    );
    f.write("saved/vote.html", &news_page(JSON_LD));
    let (ok, _, stderr) = import(&f, &["saved/vote.html"]);
    assert!(ok, "{stderr}");
    assert!(
        f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md")
            .contains("An older report.")
    );
    assert!(
        f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops-2.md")
            .contains("told lawmakers")
    );
}

#[test]
fn an_import_leaves_no_temporary_files() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    assert!(import(&f, &["saved/vote.html"]).0);
    let hidden: Vec<_> = std::fs::read_dir(f.path("content/articles"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.starts_with('.').then_some(name)
        })
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn only_http_addresses_are_fetched() {
    let f = Fixture::new();
    let (ok, _, stderr) = import(&f, &["ftp://example.org/page.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `ftp://example.org/page.html`: only http and https addresses can be fetched; save the page from the browser and import the file\n"
    );
}

#[test]
fn a_link_is_fetched_imported_and_its_original_kept() {
    let page = news_page(JSON_LD);
    let server = HttpServer::start([
        ("/old", Route::redirect(301, "/world/vote")),
        ("/world/vote", Route::html(&page)),
    ]);
    let f = Fixture::new();
    let url = server.url("/old");
    let (ok, stdout, stderr) = import(&f, &[&url]);
    assert!(ok, "{stderr}");
    let slug = "iraqs-parliament-votes-to-expel-us-troops";
    assert!(
        stdout.starts_with(&format!("imported {url} as content/articles/{slug}.md: ")),
        "{stdout}"
    );
    let text = f.read(&format!("content/articles/{slug}.md"));
    assert_article_only(&text);
    // The page's canonical address is the article's, not the one typed.
    assert!(
        text.contains("\nurl = \"https://daily.example.org/world/2020/01/05/iraq-vote\"\n"),
        "{text}"
    );
    assert_eq!(f.read(&format!("content/originals/{slug}.html")), page);
    f.build_ok();
    assert!(!f.path("public/originals").exists());
    let published = walk(&f.path("public"));
    assert!(
        !published.iter().any(|p| p.contains("originals")),
        "{published:?}"
    );
}

#[test]
fn a_link_to_a_page_without_canonical_address_keeps_the_final_one() {
    let server = HttpServer::start([
        ("/a", Route::redirect(302, "/b")),
        (
            "/b",
            Route::html(&news_page(
                OPEN_GRAPH.replace("og:url", "og:nothing").as_str(),
            )),
        ),
    ]);
    let f = Fixture::new();
    let (ok, _, stderr) = import(&f, &[&server.url("/a")]);
    assert!(ok, "{stderr}");
    let text = f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md");
    assert!(
        text.contains(&format!("\nurl = \"{}\"\n", server.url("/b"))),
        "{text}"
    );
}

#[test]
fn a_404_is_an_error_naming_the_address_and_changes_nothing() {
    let server = HttpServer::start([("/gone", Route::status(404))]);
    let f = Fixture::new();
    let url = server.url("/gone");
    let (ok, stdout, stderr) = import(&f, &[&url]);
    assert!(!ok);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: {url}: the server answered 404 Not Found for {url}; check the address, or save the page from the browser and import the file\n"
        )
    );
    assert!(imported(&f).is_empty());
    assert!(!f.path("content/originals").exists());
}

#[test]
fn a_link_that_is_not_a_web_page_is_refused() {
    let server = HttpServer::start([(
        "/report.pdf",
        Route::ok("application/pdf", b"%PDF-1.7 not a page".to_vec()),
    )]);
    let f = Fixture::new();
    let url = server.url("/report.pdf");
    let (ok, _, stderr) = import(&f, &[&url]);
    assert!(!ok);
    assert_eq!(
        stderr,
        format!(
            "error: {url}: {url} answered with application/pdf, not a web page; give the address of the article's page, or import the file itself\n"
        )
    );
    assert!(imported(&f).is_empty());
}

#[test]
fn links_and_files_import_together() {
    let server = HttpServer::start([
        ("/vote", Route::html(&news_page(JSON_LD))),
        ("/gone", Route::status(404)),
    ]);
    let f = Fixture::new();
    f.write(
        "notes/afp.txt",
        " date 2020-01-06 Protests in Baghdad\n\nThousands marched.\n",
    );
    let (ok, stdout, stderr) = import(
        &f,
        &[
            &server.url("/vote"),
            &server.url("/gone"),
            "notes/afp.txt",
            "--source",
            "AFP",
        ],
    );
    assert!(!ok);
    assert!(
        stderr.ends_with("error: 1 of 3 inputs could not be imported; the other 2 were imported\n"),
        "{stderr}"
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    // --source is laid over what the page says.
    assert!(
        f.read("content/articles/iraqs-parliament-votes-to-expel-us-troops.md")
            .contains("\nsource = \"AFP\"\n")
    );
}

/// Every file under `dir`, as paths relative to it.
fn walk(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn the_same_page_given_twice_is_one_article() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    f.write("saved/copy/vote (1).html", &news_page(JSON_LD));
    let (ok, stdout, stderr) = import(&f, &["saved/vote.html", "saved", "saved/vote.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: `saved/copy/vote (1).html`: it is the same article as `saved/vote.html` (the same address, https://daily.example.org/world/2020/01/05/iraq-vote); it was imported once\nerror: 1 of 2 inputs could not be imported; the other one was imported\n"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_eq!(
        imported(&f),
        ["iraqs-parliament-votes-to-expel-us-troops.md"]
    );
}

#[test]
fn imported_text_renders_as_the_text_it_was() {
    let f = Fixture::new();
    f.write(
        "notes/a.txt",
        " date 2020-01-05 Plain words\n\n1. Not a list, a sentence.\n\n- Not an item either.\n\n<b>Not bold</b> & *not emphasis* [not a link](https://x.example/)\n",
    );
    let (ok, _, stderr) = import(&f, &["notes/a.txt"]);
    assert!(ok, "{stderr}");
    f.build_ok();
    let page = f.read("public/articles/plain-words/index.html");
    for shown in [
        "<p>1. Not a list, a sentence.</p>",
        "<p>- Not an item either.</p>",
        "&lt;b&gt;Not bold&lt;/b&gt; &amp; *not emphasis* [not a link](https://x.example/)",
    ] {
        assert!(page.contains(shown), "{shown:?} not in\n{page}");
    }
}

#[test]
fn a_page_whose_headline_changed_is_still_the_article_of_its_address() {
    let f = Fixture::new();
    f.write("saved/vote.html", &news_page(JSON_LD));
    assert!(import(&f, &["saved/vote.html"]).0);
    let path = "content/articles/iraqs-parliament-votes-to-expel-us-troops.md";
    f.write(
        "saved/vote-updated.html",
        &news_page(JSON_LD).replace(
            "\"headline\": \"Iraq's parliament votes to expel US troops\"",
            "\"headline\": \"Iraqi MPs vote to expel US troops\"",
        ),
    );
    let (ok, _, stderr) = import(&f, &["saved/vote-updated.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        format!(
            "error: `saved/vote-updated.html`: `{path}` already holds this article; pass --force to replace it\n"
        )
    );
    let (ok, stdout, stderr) = import(&f, &["saved/vote-updated.html", "--force"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(&format!(
            " as {path}: \"Iraqi MPs vote to expel US troops\""
        )),
        "{stdout}"
    );
    assert_eq!(
        imported(&f),
        ["iraqs-parliament-votes-to-expel-us-troops.md"]
    );
    assert!(
        f.read(path)
            .contains("title = \"Iraqi MPs vote to expel US troops\"")
    );
}
