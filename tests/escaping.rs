//! Hostile content stays inert: every value from front matter, the registry and the text
//! reaches HTML, attributes, the JSON export and the feed escaped.

mod common;

use common::Fixture;

/// Hostile text for inside a quotation (a straight `"` would end it).
const QUOTE_EVIL: &str = "<script>alert(1)</script> </textarea><img src=x onerror=alert(3)>";

const EVIL: &str =
    r#"<script>alert(1)</script>"onmouseover="alert(2)" </textarea><img src=x onerror=alert(3)>"#;

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn hostile_fixture(unsafe_html: bool) -> Fixture {
    let f = Fixture::new();
    let mut config = format!(
        "title = {}\ndescription = {}\nbase_url = \"https://example.org/sub/\"\n",
        toml_str(EVIL),
        toml_str(EVIL)
    );
    if unsafe_html {
        config.push_str("[markdown]\nunsafe_html = true\n");
    }
    f.write("dossier.toml", &config);
    f.write(
        "content/entities.toml",
        &format!(
            "[[entity]]\nid = \"evil\"\nname = {}\naliases = [\"Evilname\"]\ndescription = {}\nkind = \"person\"\n\n[[entity]]\nname = \"Iraq\"\nkind = \"place\"\n",
            toml_str(&format!("Evil {EVIL}")),
            toml_str(EVIL)
        ),
    );
    f.write(
        "content/articles/first.md",
        &format!(
            "+++\ntitle = {e}\ndate = 2020-01-05\nsource = {e}\nurl = {u}\nauthors = [{e}]\nsummary = {e}\ntags = [{e}]\n+++\n{e}\n\nEvilname said: “{q} is what we quote here today.”\n\n[click](javascript:alert(4)) and [click](JaVaScRiPt:alert(5)) and [data](data:text/html;base64,PHNjcmlwdD4=)\n",
            e = toml_str(EVIL),
            q = QUOTE_EVIL,
            u = toml_str("https://example.org/a\"onmouseover=\"alert(6)")
        ),
    );
    f.write("content/_index.md", &format!("Intro {EVIL}\n"));
    f
}

fn all_files(f: &Fixture, ext: &str) -> Vec<(String, String)> {
    walkdir::WalkDir::new(f.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Parses the page and fails on any element or attribute the hostile values could have
/// created: event-handler attributes, `img` elements, inline scripts other than our JSON.
fn assert_no_injected_markup(path: &str, html: &str) {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    use std::cell::RefCell;
    let problems = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        for a in el.attributes() {
            if a.name().starts_with("on") {
                problems
                    .borrow_mut()
                    .push(format!("<{} {}=...>", el.tag_name(), a.name()));
            }
        }
        if el.tag_name() == "img" || el.tag_name() == "textarea" {
            problems.borrow_mut().push(format!("<{}>", el.tag_name()));
        }
        let json = el
            .get_attribute("type")
            .is_some_and(|t| t == "application/json");
        if el.tag_name() == "script" && el.get_attribute("src").is_none() && !json {
            problems.borrow_mut().push("inline <script>".to_string());
        }
        Ok(())
    }));
    rewrite_str(html, settings).unwrap();
    let problems = problems.into_inner();
    assert!(problems.is_empty(), "{path}: {problems:?}");
}

#[test]
fn hostile_values_are_inert_in_html() {
    let f = hostile_fixture(false);
    f.build_ok();
    let pages = all_files(&f, "html");
    assert!(pages.len() > 5);
    for (path, html) in &pages {
        assert_no_injected_markup(path, html);
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript:"),
            "{path} has a javascript: link"
        );
        assert!(!html.contains("href=\"data:"), "{path} has a data: link");
        assert!(!html.contains("</textarea><"), "{path} closes a textarea");
    }
    let article = f.read("public/articles/first/index.html");
    assert!(
        article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
}

#[test]
fn hostile_values_survive_in_json_and_feed() {
    let f = hostile_fixture(false);
    f.build_ok();
    let json: serde_json::Value = common::read_export(&f.path("public"));
    assert_eq!(json["site"]["title"], EVIL);
    let a = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "first")
        .unwrap();
    assert_eq!(a["title"], EVIL);
    assert_eq!(a["source"], EVIL);
    let evil = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "evil")
        .unwrap();
    assert_eq!(evil["name"], format!("Evil {EVIL}"));
    // The quote's own straight quotation marks split it, but the markup stays text.
    assert!(
        json["quotes"].as_array().unwrap().iter().any(|q| q["text"]
            .as_str()
            .unwrap()
            .contains("<script>alert(1)</script>")),
        "{}",
        json["quotes"]
    );

    let feed = f.read("public/feed.xml");
    let mut reader = quick_xml::Reader::from_str(&feed);
    loop {
        if let quick_xml::events::Event::Eof =
            reader.read_event().expect("the feed is well-formed XML")
        {
            break;
        }
    }
    let titles: Vec<String> = feed
        .split("<title>")
        .skip(1)
        .map(|rest| {
            quick_xml::escape::unescape(rest.split("</title>").next().unwrap())
                .unwrap()
                .into_owned()
        })
        .collect();
    assert_eq!(
        titles.iter().filter(|t| *t == EVIL).count(),
        2,
        "feed and entry titles: {titles:?}"
    );
    assert!(!feed.contains("<script>"));
}

#[test]
fn hover_cards_carry_hostile_names_as_data() {
    let f = hostile_fixture(false);
    f.build_ok();
    let article = f.read("public/articles/first/index.html");
    assert!(article.contains("data-card-files=\"1\""), "{article}");
    let cards: serde_json::Value =
        serde_json::from_str(&f.read("public/data/cards/0.json")).unwrap();
    assert_eq!(cards["evil"]["name"], format!("Evil {EVIL}"));
}

/// Without `unsafe_html`, a block of raw HTML shows as a block of code, apart from the
/// paragraphs around it, and inline HTML as text in its sentence.
#[test]
fn escaped_raw_html_stands_as_its_own_block() {
    let f = common::Fixture::new();
    f.write(
        "content/articles/first.md",
        &common::article(
            "First",
            "Iraq's parliament voted.\n<div class=\"box\">A \"boxed\" note</div>\n\nA <b>bold</b> claim.",
        ),
    );
    f.build_ok();
    let article = f.read("public/articles/first/index.html");
    assert!(
        article.contains("voted.</p>\n<pre><code class=\"language-html\">&lt;div class=\"box\"&gt;A \"boxed\" note&lt;/div&gt;\n</code></pre>\n<p>A &lt;b&gt;bold&lt;/b&gt; claim.</p>"),
        "{article}"
    );
}

#[test]
fn raw_html_passes_only_when_allowed() {
    let f = hostile_fixture(true);
    f.build_ok();
    let article = f.read("public/articles/first/index.html");
    assert!(
        article.contains("<script>alert(1)</script>"),
        "unsafe_html passes raw HTML through"
    );
    // Values from front matter stay escaped even then.
    let title_start = article.find("<title>").unwrap();
    assert!(!article[title_start..title_start + 200].contains("<script>"));
}
