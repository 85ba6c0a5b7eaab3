//! Publishing the example dossier under a sub-path, as GitHub Pages serves a project
//! site: every link resolves inside the sub-path, the feed and the sitemap are valid
//! and absolute, every page has its canonical and sharing metadata, and the pictures
//! and the timeline are there.

mod common;

use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

const BASE: &str = "https://user.github.io/repo/";

/// Builds the repository's example dossier into a temporary folder with the sub-path
/// base URL.
fn build_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let opts = dossier::build::BuildOptions {
        root: common::repo_root(),
        output: Some(out.clone()),
        base_url: Some(BASE.to_string()),
        ..Default::default()
    };
    if let Err(e) = dossier::build::build(&opts) {
        panic!("the example dossier does not build: {e:#}");
    }
    (tmp, out)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

fn html_pages(site: &Path) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            pages.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    pages
}

#[test]
fn every_link_of_the_example_resolves_under_the_sub_path() {
    let (_tmp, site) = build_example();
    let broken = dossier::linkcheck::check_site(&site, BASE).unwrap();
    let broken: Vec<String> = broken.iter().map(|b| b.to_string()).collect();
    assert!(broken.is_empty(), "{broken:#?}");
    // And no page links to the root of the host, outside the sub-path.
    for (page, html) in html_pages(&site) {
        for attr in ["href=\"/", "src=\"/"] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len() - 1..];
                assert!(
                    rest.starts_with("/repo/"),
                    "{page}: {}",
                    &rest[..rest.len().min(60)]
                );
            }
        }
    }
}

#[test]
fn github_pages_files_are_written() {
    let (_tmp, site) = build_example();
    assert!(site.join(".nojekyll").is_file());
    assert!(site.join("404.html").is_file());
    assert!(!site.join("CNAME").exists(), "no `cname` in the example");
    let not_found = read(&site, "404.html");
    assert!(
        not_found.contains("href=\"/repo/style.css\""),
        "the 404 page is served at any depth: its links must be root-relative"
    );
    let robots = read(&site, "robots.txt");
    assert!(
        robots.contains("Sitemap: https://user.github.io/repo/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn cname_is_written_when_configured() {
    let f = common::Fixture::new();
    f.write(
        "dossier.toml",
        "title = \"T\"\nbase_url = \"https://dossier.example.org/\"\ncname = \"dossier.example.org\"\n",
    );
    f.build_ok();
    assert_eq!(f.read("public/CNAME"), "dossier.example.org\n");
    assert!(f.path("public/.nojekyll").exists());
}

/// An XML element: the path of element names to it (`feed/entry/id`), its attributes
/// and its text.
type Element = (String, Vec<(String, String)>, String);

/// Reads an XML document into its elements in order, failing on malformed XML.
fn xml_elements(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            AsRef::<str>::as_ref(&a.key).to_string(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                let path = if stack.is_empty() {
                    name.clone()
                } else {
                    format!("{}/{name}", stack.join("/"))
                };
                out.push((path, attrs, String::new()));
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                    open.push(out.len() - 1);
                }
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&t.xml10_content());
                }
            }
            // Entities (`&amp;`, `&#233;`) arrive apart from the text around them.
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or_else(|| panic!("unknown entity {:?}", r.xml10_content()))
                        .to_string(),
                };
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&text);
                }
            }
            Event::End(_) => {
                stack.pop();
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    out
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_rfc3339(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

#[test]
fn atom_feed_has_every_required_element_and_absolute_links() {
    let (_tmp, site) = build_example();
    let xml = read(&site, "feed.xml");
    let elements = xml_elements(&xml);
    let count = |path: &str| elements.iter().filter(|(p, _, _)| p == path).count();
    let text = |path: &str| {
        elements
            .iter()
            .find(|(p, _, _)| p == path)
            .map(|(_, _, t)| t.clone())
            .unwrap_or_default()
    };
    assert_eq!(elements[0].0, "feed");
    assert_eq!(
        attr(&elements[0].1, "xmlns"),
        Some("http://www.w3.org/2005/Atom")
    );
    // The feed: exactly one id, title and updated; an author; a self link.
    for path in ["feed/id", "feed/title", "feed/updated"] {
        assert_eq!(count(path), 1, "{path}");
    }
    assert_eq!(text("feed/id"), BASE);
    assert!(
        is_rfc3339(&text("feed/updated")),
        "{}",
        text("feed/updated")
    );
    assert!(count("feed/author/name") >= 1);
    let links: Vec<&Vec<(String, String)>> = elements
        .iter()
        .filter(|(p, _, _)| p == "feed/link")
        .map(|(_, a, _)| a)
        .collect();
    assert!(
        links.iter().any(|a| attr(a, "rel") == Some("self")
            && attr(a, "href") == Some("https://user.github.io/repo/feed.xml")),
        "{links:?}"
    );
    // Every entry: id, title, updated, an alternate link, an author, content, summary.
    let entries = count("feed/entry");
    assert_eq!(entries, 5);
    for path in [
        "feed/entry/id",
        "feed/entry/title",
        "feed/entry/updated",
        "feed/entry/link",
        "feed/entry/content",
        "feed/entry/summary",
    ] {
        assert_eq!(count(path), entries, "{path}");
    }
    assert!(count("feed/entry/author/name") >= entries);
    for (path, attrs, text) in &elements {
        match path.as_str() {
            "feed/entry/id" => {
                assert!(
                    text.starts_with(BASE) && text.contains("/articles/"),
                    "{text}"
                )
            }
            "feed/entry/updated" | "feed/entry/published" => {
                assert!(is_rfc3339(text), "{text}")
            }
            "feed/entry/link" | "feed/link" => {
                let href = attr(attrs, "href").unwrap();
                assert!(href.starts_with(BASE), "{href}");
            }
            "feed/entry/content" => {
                assert_eq!(attr(attrs, "type"), Some("html"));
                assert!(text.contains("<p"), "content is the article's HTML");
            }
            "feed/entry/summary" | "feed/entry/title" => assert!(!text.trim().is_empty()),
            _ => {}
        }
    }
    // Entry links point at pages that exist.
    for (path, attrs, _) in &elements {
        if path == "feed/entry/link" {
            let href = attr(attrs, "href").unwrap();
            let rel = &href[BASE.len()..];
            assert!(site.join(rel).join("index.html").is_file(), "{href}");
        }
    }
}

#[test]
fn sitemap_lists_every_page_with_an_absolute_address() {
    let (_tmp, site) = build_example();
    let xml = read(&site, "sitemap.xml");
    let elements = xml_elements(&xml);
    assert_eq!(elements[0].0, "urlset");
    let locs: Vec<&str> = elements
        .iter()
        .filter(|(p, _, _)| p == "urlset/url/loc")
        .map(|(_, _, t)| t.as_str())
        .collect();
    assert!(locs.len() > 20, "{locs:?}");
    for loc in &locs {
        assert!(loc.starts_with(BASE), "{loc}");
        let rel = &loc[BASE.len()..];
        let file = if rel.is_empty() || rel.ends_with('/') {
            site.join(rel).join("index.html")
        } else {
            site.join(rel)
        };
        assert!(file.is_file(), "{loc} has no page");
    }
    for page in ["", "timeline/", "quotes/", "sources/", "entities/"] {
        let url = format!("{BASE}{page}");
        assert!(locs.contains(&url.as_str()), "{url} missing");
    }
    for (path, _, text) in &elements {
        if path == "urlset/url/lastmod" {
            assert!(
                time::Date::parse(
                    text,
                    &time::macros::format_description!("[year]-[month]-[day]")
                )
                .is_ok(),
                "{text}"
            );
        }
    }
}

#[test]
fn every_page_has_canonical_and_sharing_metadata() {
    let (_tmp, site) = build_example();
    for (page, html) in html_pages(&site) {
        let canonical = html
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{page}: no canonical link"));
        assert!(canonical.starts_with(BASE), "{page}: {canonical}");
        let expected = if page == "index.html" {
            BASE.to_string()
        } else if let Some(dir) = page.strip_suffix("index.html") {
            format!("{BASE}{dir}")
        } else {
            format!("{BASE}{page}")
        };
        assert_eq!(canonical, expected, "{page}");
        assert!(
            html.contains(&format!(
                "<meta property=\"og:url\" content=\"{canonical}\">"
            )),
            "{page}: og:url"
        );
        for meta in [
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:type\" content=\"",
            "<meta property=\"og:site_name\" content=\"",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "<meta name=\"twitter:title\" content=\"",
            "<meta name=\"description\" content=\"",
        ] {
            assert!(html.contains(meta), "{page}: no {meta}");
        }
    }
}

#[test]
fn timeline_groups_events_under_the_dates_they_refer_to() {
    let (_tmp, site) = build_example();
    let html = read(&site, "timeline/index.html");
    // Days that only have events are listed, oldest first, with the publication day.
    let order: Vec<usize> = [
        "id=\"d-2014\"",
        "id=\"d-2019-11\"",
        "id=\"d-2019-12-29-week\"",
        "id=\"d-2019-12-31\"",
        "id=\"d-2020-01-03\"",
        "id=\"d-2020-01-05\"",
    ]
    .iter()
    .map(|id| html.find(id).unwrap_or_else(|| panic!("no {id}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The AFP report dates the strike "two days after" the vote: 3 January.
    let day =
        &html[html.find("id=\"d-2020-01-03\"").unwrap()..html.find("id=\"d-2020-01-04\"").unwrap()];
    assert!(
        day.contains("The vote comes two days after a US airstrike killed"),
        "{day}"
    );
    // Each event links to its sentence: the nearest anchor in its paragraph.
    assert!(
        day.contains("href=\"/repo/articles/parliament-vote-and-protests/#m-"),
        "{day}"
    );
    // Events keep their own precision.
    assert!(
        html.contains("since late 2017"),
        "Guardian's Ahvaz protests"
    );
    assert!(html.contains("29 December 2019 – 4 January 2020"));
    // The chart and its text alternative.
    assert!(html.contains("<svg class=\"chart\" id=\"timeline-chart\""));
    assert!(html.contains("<caption>Events and articles by date</caption>"));
    assert!(html.contains("<a class=\"chart-column\" href=\"#d-2020-01-03\">"));
}

#[test]
fn pictures_are_drawn_with_text_alternatives() {
    let (_tmp, site) = build_example();
    let home = read(&site, "index.html");
    assert!(
        home.contains("<svg class=\"chart\" id=\"home-graph\""),
        "home graph"
    );
    assert!(home.contains("role=\"img\" aria-labelledby=\"home-graph-title home-graph-desc\""));
    assert!(home.contains("<a href=\"/repo/entities/qassem-soleimani/\"><title>"));
    assert!(home.contains("<div class=\"visually-hidden\"><table><caption>"));
    let entity = read(&site, "entities/qassem-soleimani/index.html");
    assert!(entity.contains("id=\"entity-graph\""), "entity graph");
    assert!(entity.contains("graph-node--focus"));
    let quotes = read(&site, "quotes/index.html");
    assert!(quotes.contains("id=\"coverage\""), "coverage grid");
    assert!(quotes.contains("coverage-cell coverage-cell--yes"));
    assert!(quotes.contains("<a href=\"/repo/sources/reuters/\">"));
    for page in [&home, &entity, &quotes] {
        let svg_start = page.find("<svg class=\"chart\"").unwrap();
        let svg = &page[svg_start..page[svg_start..].find("</svg>").unwrap() + svg_start];
        assert!(
            !svg.contains(" fill=\""),
            "colours come from the style sheet"
        );
        assert!(!svg.contains("<script"), "no script in pictures");
    }
}

#[test]
fn source_pages_show_articles_entities_quotes_and_what_they_miss() {
    let (_tmp, site) = build_example();
    let index = read(&site, "sources/index.html");
    for slug in ["afp", "reuters", "the-hill", "unknown"] {
        assert!(
            index.contains(&format!("href=\"/repo/sources/{slug}/\"")),
            "{slug}"
        );
    }
    let afp = read(&site, "sources/afp/index.html");
    assert!(afp.contains("id=\"articles\""));
    assert!(afp.contains("Most mentioned"));
    assert!(
        afp.contains("id=\"missing\""),
        "AFP does not carry the statements Reuters and The Hill share"
    );
    let reuters = read(&site, "sources/reuters/index.html");
    assert!(reuters.contains("id=\"quotes\""), "Reuters carries quotes");
}
