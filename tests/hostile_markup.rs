//! Markdown that reaches for the page's markup: heading attributes that carry script,
//! addresses that run it, heading ids that clash with the theme's, with mention and
//! quote anchors or with each other, and thousands of headings of the same text.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use common::{Fixture, article, repo_root, warnings_before_summary};
use dossier::analyse::ids::PageIds;

/// Every `id` attribute in `html`, in document order.
fn ids_in(html: &str) -> Vec<String> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    use std::cell::RefCell;
    let ids = RefCell::new(Vec::new());
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!("[id]", |el| {
            ids.borrow_mut().extend(el.get_attribute("id"));
            Ok(())
        }));
    rewrite_str(html, settings).unwrap();
    ids.into_inner()
}

/// The name of every attribute of every element in `html`.
fn attribute_names(html: &str) -> Vec<String> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    use std::cell::RefCell;
    let names = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        names
            .borrow_mut()
            .extend(el.attributes().iter().map(|a| a.name()));
        Ok(())
    }));
    rewrite_str(html, settings).unwrap();
    names.into_inner()
}

/// Every HTML page of the site in `dir`: (path, text).
fn pages(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().display().to_string(), text)
        })
        .collect()
}

/// Fails on a page of the site in `dir` that gives an id twice; returns every id seen.
fn assert_ids_unique(dir: &Path) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    let pages = pages(dir);
    assert!(pages.len() > 5, "no site in {}", dir.display());
    for (path, html) in pages {
        let mut count: HashMap<String, usize> = HashMap::new();
        for id in ids_in(&html) {
            *count.entry(id).or_default() += 1;
        }
        let twice: Vec<&String> = count
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(k, _)| k)
            .collect();
        assert!(twice.is_empty(), "{path} gives ids twice: {twice:?}");
        all.extend(count.into_keys());
    }
    all
}

fn run(f: &Fixture, args: &[&str]) -> (bool, String) {
    let out = f.cmd(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    (out.status.success(), stderr)
}

/// The hostile headings of the issue in an article, the introduction and a description.
fn hostile_headings(unsafe_html: bool) -> Fixture {
    let f = Fixture::new();
    if unsafe_html {
        f.write(
            "dossier.toml",
            &format!("{}[markdown]\nunsafe_html = true\n", common::CONFIG),
        );
    }
    f.write(
        "content/articles/hostile.md",
        &article(
            "Hostile",
            "# Heading {#h1 onclick=alert(1)}\n\n## X {onmouseover=\"alert(2)\" style=\"x\"}\n\n## Safe {#ok .fine .bad\"x}\n\nIraq voted.",
        ),
    );
    f.write(
        "content/_index.md",
        "# Heading {#h1 onclick=alert(1)}\n\nWelcome.\n",
    );
    f.write(
        "content/entities.toml",
        &format!(
            "{}\n[[entity]]\nname = \"Baghdad\"\nkind = \"place\"\ndescription = '## X {{onmouseover=\"alert(2)\" style=\"x\"}}'\n",
            common::REGISTRY
        ),
    );
    f
}

#[test]
fn heading_attributes_cannot_carry_scripts() {
    let f = hostile_headings(false);
    let stderr = f.build_ok();
    let help = "  help: a heading may have an `{#id}` and `.class`es made of letters, digits, `-` and `_`, and nothing else unless `unsafe_html = true` under `[markdown]` in dossier.toml";
    // Sorted by file and line.
    let report = |level: &str| {
        [
            "content/_index.md:1: {level}: this heading's attribute `onclick=alert(1)` was dropped",
            "content/articles/hostile.md:6: {level}: this heading's attribute `onclick=alert(1)` was dropped",
            "content/articles/hostile.md:8: {level}: this heading's attributes `onmouseover=\"alert(2)\"`, `style=\"x\"` were dropped",
            "content/articles/hostile.md:10: {level}: this heading's attribute `.bad\"x` was dropped",
            "content/entities.toml:13: {level}: this heading's attributes `onmouseover=\"alert(2)\"`, `style=\"x\"` were dropped",
        ]
        .map(|line| format!("{}\n{help}\n", line.replace("{level}", level)))
        .concat()
    };
    assert_eq!(warnings_before_summary(&stderr), report("warning"));
    let article = f.read("public/articles/hostile/index.html");
    assert!(article.contains("<h1 id=\"h1\">Heading</h1>"), "{article}");
    assert!(article.contains("<h2 id=\"x\">X</h2>"));
    assert!(article.contains("<h2 id=\"ok\" class=\"fine\">Safe</h2>"));
    assert!(
        f.read("public/index.html")
            .contains("<h1 id=\"h1\">Heading</h1>")
    );
    assert!(
        f.read("public/entities/baghdad/index.html")
            .contains("<h2 id=\"x\">X</h2>")
    );
    for (path, html) in pages(&f.path("public")) {
        let attacks: Vec<String> = attribute_names(&html)
            .into_iter()
            .filter(|a| a.starts_with("on") || a == "style")
            .collect();
        assert!(attacks.is_empty(), "{path} has {attacks:?}");
    }
    // Warnings fail a strict build.
    let (ok, stderr) = run(&f, &["build", "--strict"]);
    assert!(!ok, "{stderr}");
    assert_eq!(stderr, report("error") + "5 errors; nothing was written\n");
}

#[test]
fn unsafe_html_keeps_heading_attributes() {
    let f = hostile_headings(true);
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    let article = f.read("public/articles/hostile/index.html");
    assert!(
        article.contains("<h1 id=\"h1\" onclick=\"alert(1)\">"),
        "{article}"
    );
}

#[test]
fn script_addresses_of_images_are_neutralised_like_links() {
    let f = Fixture::new();
    f.write(
        "content/articles/pictures.md",
        &article(
            "Pictures",
            "![a](javascript:alert(1))\n\n![b](JaVaScRiPt:alert(2))\n\n![c](vbscript:msgbox)\n\n![d](data:text/html;base64,PHNjcmlwdD4=)\n\n![e](/photo.jpg)\n\n[f](javascript:alert(3))",
        ),
    );
    f.write_bytes("static/photo.jpg", b"\xff\xd8\xff");
    let stderr = f.build_ok();
    let help = "  help: use an http or https address; `unsafe_html = true` under `[markdown]` in dossier.toml keeps any address";
    let warnings: String = [
        (6, "image", "javascript:"),
        (8, "image", "javascript:"),
        (10, "image", "vbscript:"),
        (12, "image", "data:"),
        (16, "link", "javascript:"),
    ]
    .map(|(line, what, scheme)| {
        format!(
            "content/articles/pictures.md:{line}: warning: this {what}'s `{scheme}` address could run script; it was replaced by `#`\n{help}\n"
        )
    })
    .concat();
    assert_eq!(warnings_before_summary(&stderr), warnings);
    let html = f.read("public/articles/pictures/index.html");
    for alt in ["a", "b", "c", "d"] {
        assert!(
            html.contains(&format!("<img src=\"#\" alt=\"{alt}\" />")),
            "{alt}: {html}"
        );
    }
    // A safe address is kept, under the site's base path.
    assert!(html.contains("<img src=\"/sub/photo.jpg\" alt=\"e\" />"));
    assert!(html.contains("<a href=\"#\">f</a>"));
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("javascript:") && !lower.contains("vbscript:"));
    assert!(!lower.contains("src=\"data:"));
}

#[test]
fn repeated_headings_are_named_in_linear_steps() {
    const N: usize = 20_000;
    let mut ids = PageIds::new(|_: &str| false);
    let mut seen = BTreeSet::new();
    for _ in 0..N {
        assert!(seen.insert(ids.take_unique("same")));
    }
    assert!(seen.contains("same") && seen.contains(&format!("same-{N}")));
    // Each heading tries its text, then the next suffix: two steps, not one per heading
    // before it.
    assert_eq!(ids.probes(), 2 * N - 1);

    // Ids already taken and reserved ones are stepped over once, not once per heading.
    let mut ids = PageIds::new(|id: &str| {
        id.strip_prefix("same-")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n <= 1000)
    });
    for n in 1001..=2000 {
        assert!(ids.take(&format!("same-{n}")));
    }
    for _ in 0..N {
        ids.take_unique("same");
    }
    assert!(ids.probes() <= 1000 + 2 * N + 2000, "{}", ids.probes());
}

#[test]
fn twenty_thousand_same_headings_get_distinct_ids() {
    const N: usize = 20_000;
    let f = Fixture::new();
    f.write(
        "content/articles/same.md",
        &article("Same", &"# Same\n\n".repeat(N)),
    );
    f.build_ok();
    let html = f.read("public/articles/same/index.html");
    let ids: Vec<String> = ids_in(&html)
        .into_iter()
        .filter(|id| id.starts_with("same"))
        .collect();
    assert_eq!(ids.len(), N);
    assert_eq!(ids[0], "same");
    assert_eq!(ids[1], "same-2");
    assert_eq!(ids[N - 1], format!("same-{N}"));
    assert_ids_unique(&f.path("public"));
}

#[test]
fn heading_ids_never_repeat_or_take_the_pages_own() {
    let f = Fixture::new();
    f.write(
        "content/articles/clash.md",
        &article(
            "Clash",
            "# Dup {#dup}\n\nIraq and Iraq.\n\n# Dup again {#dup}\n\n# Mention {#m-1}\n\n# Quote {#q-1}\n\n# Main\n\n# Aside entities title\n\n# M\n\n# M\n\n# Article title {#article-title}\n\n“We will not accept this under any circumstances at all,” Iraq said.",
        ),
    );
    let stderr = f.build_ok();
    let help =
        "  help: give the heading an `{#id}` of its own, or none to have one made from its text";
    // Made ids (`main-2`, `m-4`) are not the author's doing: no warning.
    let warnings: String = [
        "content/articles/clash.md:10: warning: the heading id `dup` is already that of the heading on line 6; this heading gets `dup-2`",
        "content/articles/clash.md:12: warning: the heading id `m-1` is the anchor of a mention or quote on this page; this heading gets `m-1-2`",
        "content/articles/clash.md:14: warning: the heading id `q-1` is the anchor of a mention or quote on this page; this heading gets `q-1-2`",
        "content/articles/clash.md:24: warning: the heading id `article-title` is one the page's theme uses; this heading gets `article-title-2`",
    ]
    .map(|warning| format!("{warning}\n{help}\n"))
    .concat();
    assert_eq!(warnings_before_summary(&stderr), warnings);
    let html = f.read("public/articles/clash/index.html");
    for heading in [
        "<h1 id=\"dup\">Dup</h1>",
        "<h1 id=\"dup-2\">Dup again</h1>",
        "<h1 id=\"m-1-2\">Mention</h1>",
        "<h1 id=\"q-1-2\">Quote</h1>",
        "<h1 id=\"main-2\">Main</h1>",
        "<h1 id=\"aside-entities-title-2\">Aside entities title</h1>",
        // `m-2` and `m-3` are the anchors of the second and third mentions.
        "<h1 id=\"m\">M</h1>",
        "<h1 id=\"m-4\">M</h1>",
    ] {
        assert!(html.contains(heading), "{heading}\n{html}");
    }
    // The theme's elements keep theirs: the skip link and the aside's heading.
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("<h2 class=\"side-title\" id=\"aside-entities-title\">"));
    assert!(
        html.contains("id=\"m-1\" href="),
        "the mention keeps its anchor"
    );
    assert!(html.contains("id=\"q-1\""), "the quote keeps its anchor");
    assert_ids_unique(&f.path("public"));
}

/// Footnotes get ids of their own (`fn-…`, `fnref-…`), clear of the page's, and link
/// both ways: each citation to its note, the note back to every citation.
#[test]
fn footnotes_get_prefixed_ids_and_links_back() {
    let f = Fixture::new();
    f.write(
        "content/articles/notes.md",
        &article(
            "Notes",
            "# Fn main {#fn-main}\n\nA claim[^main] and another[^Main], then[^2].\n\n[^main]: The source.\n[^2]: Another.\n[^unused]: Never cited.",
        ),
    );
    f.build_ok();
    let html = f.read("public/articles/notes/index.html");
    for part in [
        "<h1 id=\"fn-main\">Fn main</h1>",
        "A claim<sup class=\"footnote-reference\" id=\"fnref-main\"><a href=\"#fn-main-2\">1</a></sup> and another<sup class=\"footnote-reference\" id=\"fnref-main-2\"><a href=\"#fn-main-2\">1</a></sup>, then<sup class=\"footnote-reference\" id=\"fnref-2\"><a href=\"#fn-2\">2</a></sup>.",
        "<div class=\"footnote-definition\" id=\"fn-main-2\"><sup class=\"footnote-definition-label\">1</sup>\n<p>The source. <a class=\"footnote-backref\" href=\"#fnref-main\" aria-label=\"Back to where it is cited\">↩</a> <a class=\"footnote-backref\" href=\"#fnref-main-2\" aria-label=\"Back to where it is cited (2)\">↩<sup>2</sup></a></p>\n</div>",
        "<div class=\"footnote-definition\" id=\"fn-2\"><sup class=\"footnote-definition-label\">2</sup>\n<p>Another. <a class=\"footnote-backref\" href=\"#fnref-2\" aria-label=\"Back to where it is cited\">↩</a></p>\n</div>",
        "<div class=\"footnote-definition\" id=\"fn-unused\"><sup class=\"footnote-definition-label\">3</sup>\n<p>Never cited.</p>\n</div>",
    ] {
        assert!(html.contains(part), "{part}\n{html}");
    }
    assert_ids_unique(&f.path("public"));
    f.check_site_ok();
}

#[test]
fn the_example_site_has_no_duplicate_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let opts = dossier::build::BuildOptions {
        root: repo_root(),
        output: Some(out.clone()),
        ..Default::default()
    };
    dossier::build::build(&opts).expect("the example dossier builds");
    let ids = assert_ids_unique(&out);
    assert!(ids.contains("graph-title") && ids.contains("home-graph-title"));
}

/// A copy of the example dossier's content in a fixture.
fn example_copy() -> Fixture {
    let f = Fixture::empty();
    let root = repo_root();
    f.write(
        "dossier.toml",
        &std::fs::read_to_string(root.join("dossier.toml")).unwrap(),
    );
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&root).unwrap();
            f.write_bytes(
                &rel.to_string_lossy(),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    f
}

/// Every id of the example's built site, given to headings (made from their text and
/// written) in an article, the introduction and an entity's description: the theme's
/// ids that Markdown must not take are all known, or a page would repeat one.
#[test]
fn the_theme_ids_reserved_from_headings_are_complete() {
    let f = example_copy();
    f.build_ok();
    let mut ids = assert_ids_unique(&f.path("public"));
    ids.insert("mg-zz-headings".to_string());
    let headings: String = ids
        .iter()
        .map(|id| format!("## {id}\n\n## Written {{#{id}}}\n\n"))
        .collect();
    f.write(
        "content/articles/zz-headings.md",
        &article(
            "Headings",
            &format!("Zed Headings met Qassem Soleimani in Baghdad.\n\n{headings}"),
        ),
    );
    let intro = f.read("content/_index.md");
    f.write("content/_index.md", &format!("{intro}\n\n{headings}"));
    let registry = f.read("content/entities.toml");
    f.write(
        "content/entities.toml",
        &format!(
            "{registry}\n[[entity]]\nname = \"Zed Headings\"\nkind = \"person\"\ndescription = '''\n{headings}'''\n"
        ),
    );
    f.build_ok();
    let entity = f.read("public/entities/zed-headings/index.html");
    assert!(entity.contains("id=\"mg-zz-headings\""), "{entity}");
    assert!(
        entity.contains("id=\"entity-graph\""),
        "the entity page has its graph"
    );
    assert!(f.read("public/index.html").contains("id=\"home-graph\""));
    assert_ids_unique(&f.path("public"));
}

#[test]
fn unmentioned_entities_link_to_the_index_section_that_lists_them() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        &format!(
            "{}\n[[entity]]\nname = \"World War Three\"\nkind = \"event\"\n",
            common::REGISTRY
        ),
    );
    f.build_ok();
    let kicker = |slug: &str| {
        let html = f.read(&format!("public/entities/{slug}/index.html"));
        let start = html.find("kicker--kind").expect("kind kicker");
        let href = &html[start..];
        let href = &href[href.find("href=\"").unwrap() + 6..];
        href[..href.find('"').unwrap()].to_string()
    };
    assert_eq!(kicker("world-war-three"), "/sub/entities/#unmentioned");
    assert_eq!(kicker("iraq"), "/sub/entities/#place");
    let index = ids_in(&f.read("public/entities/index.html"));
    assert!(index.iter().any(|id| id == "unmentioned"));
    assert!(index.iter().any(|id| id == "place"));
    assert!(!index.iter().any(|id| id == "event"));
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        stderr,
        "checked 2 articles and the site's links: no errors\n"
    );
}
