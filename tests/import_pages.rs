//! Saved web pages read by `dossier::content::import::page::parse`: the article kept as
//! escaped Markdown, the page around it dropped, the metadata read from the markup; and
//! measured on the development pages of the article-extraction corpus when present.

#[path = "common/corpora.rs"]
mod corpora;

use std::collections::HashMap;
use std::io::Read as _;

use dossier::content::import::draft::Draft;
use dossier::content::import::input;
use dossier::content::import::page::{self, parse};

/// Four paragraphs of an invented news story, long enough to be an article.
const STORY: [&str; 4] = [
    "The river authority opened the northern sluice gates on Tuesday morning after three days of heavy rain raised the water level above the warning mark.",
    "Engineers said the old embankment near the mill had held, although a section of the towpath was closed while they inspected the stonework for damage.",
    "Residents of the lower town were told to move cars away from the quay, and the ferry service was suspended until the current slows down again.",
    "The authority expects the level to fall by the weekend if the forecast of drier weather holds, and will publish readings every six hours until then.",
];

fn story_html() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>\n")).collect()
}

/// The story's paragraphs after the first, as HTML, for pages that write the first one
/// themselves.
fn rest_of_story() -> String {
    STORY[1..].iter().map(|p| format!("<p>{p}</p>")).collect()
}

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"
    )
}

fn article_page(head: &str, article: &str) -> String {
    page(
        head,
        &format!(
            "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>{article}</article><footer>Copyright the Gazette</footer>"
        ),
    )
}

fn body(draft: &Draft) -> String {
    draft.blocks.join("\n\n")
}

/// The HTML a block list renders to, as the site renders articles.
fn rendered(draft: &Draft) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&body(draft)));
    html
}

#[test]
fn json_ld_metadata_is_read_first() {
    let head = r##"<title>Sluice gates opened | The Gazette</title>
        <meta property="og:title" content="Open Graph title">
        <meta property="og:site_name" content="Gazette OG">
        <link rel="canonical" href="https://gazette.example/news/sluice-gates">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"Organization","@id":"#org","name":"The Gazette"},
          {"@type":"NewsArticle","headline":"River authority opens sluice gates",
           "datePublished":"2021-03-02T08:15:00+0000","description":"Gates opened after rain.",
           "author":[{"@type":"Person","name":"Ann Reporter"},{"@type":"Person","name":"Bo Writer"}],
           "publisher":{"@id":"#org"}}]}</script>"##;
    let draft = parse(article_page(head, &story_html()).as_bytes(), None);
    assert_eq!(
        draft.title.as_deref(),
        Some("River authority opens sluice gates")
    );
    assert_eq!(draft.date.as_deref(), Some("2021-03-02T08:15:00Z"));
    assert_eq!(draft.authors, ["Ann Reporter", "Bo Writer"]);
    assert_eq!(draft.source.as_deref(), Some("The Gazette"));
    assert_eq!(
        draft.url.as_deref(),
        Some("https://gazette.example/news/sluice-gates")
    );
    assert_eq!(draft.summary.as_deref(), Some("Gates opened after rain."));
}

#[test]
fn open_graph_metadata_is_read_without_json_ld() {
    let head = r#"<title>Sluice gates opened | The Gazette</title>
        <meta property="og:title" content="Sluice gates opened on the river">
        <meta property="og:site_name" content="The Gazette">
        <meta property="og:url" content="https://gazette.example/sluice">
        <meta property="og:description" content="The gates are open.">
        <meta property="article:published_time" content="2021-03-02">
        <meta name="author" content="Ann Reporter">"#;
    let draft = parse(article_page(head, &story_html()).as_bytes(), None);
    assert_eq!(
        draft.title.as_deref(),
        Some("Sluice gates opened on the river")
    );
    assert_eq!(draft.date.as_deref(), Some("2021-03-02"));
    assert_eq!(draft.authors, ["Ann Reporter"]);
    assert_eq!(draft.source.as_deref(), Some("The Gazette"));
    assert_eq!(draft.url.as_deref(), Some("https://gazette.example/sluice"));
    assert_eq!(draft.summary.as_deref(), Some("The gates are open."));
}

#[test]
fn a_page_without_metadata_gives_its_title_without_the_site_name_and_no_outlet() {
    let head = "<title>Sluice gates opened after three days of rain | Gazette</title>";
    let article = format!(
        "<time datetime=\"2021-03-02T09:00:00+01:00\">2 March</time>{}",
        story_html()
    );
    let draft = parse(article_page(head, &article).as_bytes(), None);
    assert_eq!(
        draft.title.as_deref(),
        Some("Sluice gates opened after three days of rain")
    );
    assert_eq!(draft.date.as_deref(), Some("2021-03-02T09:00:00+01:00"));
    assert_eq!(
        draft.source, None,
        "an outlet the page does not name stays unknown"
    );
    assert_eq!(draft.url, None);
    assert!(draft.authors.is_empty());
}

#[test]
fn the_body_keeps_paragraphs_and_drops_the_page_around_it() {
    let article = format!(
        "<h1>Sluice gates opened</h1>{}\
         <div class=\"share-buttons\"><a href=\"https://facebook.com/share\">Share on Facebook</a> <a href=\"https://twitter.com/share\">Tweet this</a></div>",
        story_html()
    );
    let body_html = format!(
        "<nav class=\"menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>\
         <div id=\"cookie-notice\" class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>\
         <article>{article}</article>\
         <aside class=\"most-popular\"><h2>Most popular</h2><ol><li><a href=\"/a\">Celebrity buys castle in the hills</a></li><li><a href=\"/b\">Ten recipes for a rainy afternoon</a></li></ol></aside>\
         <div class=\"newsletter-signup\"><h3>Sign up for our newsletter</h3><p>Get the morning briefing in your inbox every weekday.</p><form><input type=\"email\"><button>Subscribe</button></form></div>\
         <section id=\"comments\" class=\"comments\"><h3>Comments</h3><div class=\"comment\"><p>First! This is a reader comment about something unrelated entirely.</p></div></section>\
         <footer>Copyright the Gazette. All rights reserved.</footer>"
    );
    let draft = parse(
        page("<title>Sluice gates opened | Gazette</title>", &body_html).as_bytes(),
        None,
    );
    let text = body(&draft);
    for p in STORY {
        assert!(text.contains(p), "kept: {p}\n{text}");
    }
    for furniture in [
        "Home",
        "Sport",
        "cookies",
        "Most popular",
        "Celebrity",
        "newsletter",
        "briefing",
        "Subscribe",
        "First!",
        "Share on Facebook",
        "Tweet",
        "Copyright",
    ] {
        assert!(!text.contains(furniture), "dropped: {furniture}\n{text}");
    }
    assert_eq!(draft.blocks.len(), STORY.len(), "{:#?}", draft.blocks);
    assert!(
        draft.dropped.iter().any(|d| d == "the repeated headline"),
        "{:?}",
        draft.dropped
    );
}

#[test]
fn scripts_and_styles_never_appear() {
    let article = format!(
        "<script>var tracker = 'SECRET_SCRIPT';</script><style>.x {{ color: red }} STYLE_RULE</style>{}<noscript>NOSCRIPT_TEXT</noscript>",
        story_html()
    );
    let head = "<script>window.HEAD_SCRIPT=1</script><style>body{}</style>";
    let draft = parse(article_page(head, &article).as_bytes(), None);
    let text = body(&draft);
    for leaked in [
        "SECRET_SCRIPT",
        "STYLE_RULE",
        "NOSCRIPT_TEXT",
        "HEAD_SCRIPT",
        "color: red",
        "<",
    ] {
        assert!(!text.contains(leaked), "{leaked} leaked:\n{text}");
    }
    assert_eq!(draft.blocks.len(), STORY.len());
}

#[test]
fn quotation_marks_in_attribute_values_stay_out_of_the_text() {
    let article = format!(
        "<p class=\"lead &quot;quoted&quot;\" data-note='He said \"no\"' title=\"“Curly” title\">{}</p>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    let text = body(&draft);
    assert!(
        !text.contains("quoted") && !text.contains("He said") && !text.contains("Curly"),
        "{text}"
    );
    assert_eq!(draft.blocks[0], STORY[0]);
}

#[test]
fn relative_image_and_link_addresses_are_resolved_against_the_page() {
    let article = format!(
        "<p>{} Read <a href=\"../reports/levels.html?a=1&amp;b=2\">the readings</a>.</p>\
         <figure><img src=\"/img/gates.jpg\" alt=\"The gates [open]\"><figcaption>The northern gates on <em>Tuesday</em>.</figcaption></figure>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(
        article_page("", &article).as_bytes(),
        Some("https://gazette.example/news/2021/sluice.html"),
    );
    let text = body(&draft);
    assert!(
        text.contains(
            "[the readings](https://gazette.example/news/reports/levels.html?a=1&amp;b=2)"
        ),
        "{text}"
    );
    assert!(
        text.contains("![The gates \\[open\\]](https://gazette.example/img/gates.jpg)"),
        "{text}"
    );
    let html = rendered(&draft);
    assert!(html.contains("<a href=\"https://gazette.example/news/reports/levels.html?a=1&amp;b=2\">the readings</a>"), "{html}");
    assert!(
        html.contains(
            "<img src=\"https://gazette.example/img/gates.jpg\" alt=\"The gates [open]\""
        ),
        "{html}"
    );
}

#[test]
fn a_canonical_address_resolves_relative_urls_of_a_saved_page() {
    let head = "<link rel=\"canonical\" href=\"https://gazette.example/news/sluice\">";
    let article = format!(
        "<p>{} See <a href=\"/levels\">levels</a>.</p>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(article_page(head, &article).as_bytes(), None);
    assert!(
        body(&draft).contains("[levels](https://gazette.example/levels)"),
        "{}",
        body(&draft)
    );
}

#[test]
fn a_javascript_link_is_dropped_and_its_text_kept() {
    let article = format!(
        "<p>{} <a href=\"javascript:alert(document.cookie)\">Click here</a> and <a href=\"data:text/html,hi\">there</a>.</p><p><img src=\"data:image/png;base64,AAAA\" alt=\"pixel\"></p>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(
        article_page("", &article).as_bytes(),
        Some("https://gazette.example/a"),
    );
    let text = body(&draft);
    assert!(text.contains("Click here and there."), "{text}");
    assert!(
        !text.contains("javascript") && !text.contains("data:") && !text.contains("pixel"),
        "{text}"
    );
    assert!(
        draft
            .dropped
            .contains(&"2 links not to a web address".to_string()),
        "{:?}",
        draft.dropped
    );
}

#[test]
fn a_figcaption_becomes_a_caption_paragraph() {
    let article = format!(
        "<p>{}</p><figure><img src=\"https://cdn.example/gates.jpg\" alt=\"Gates\"><figcaption>Water pours through the gates. Photo: A. Photographer</figcaption></figure>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    assert_eq!(
        draft.blocks[1], "![Gates](https://cdn.example/gates.jpg)",
        "{:#?}",
        draft.blocks
    );
    assert_eq!(
        draft.blocks[2],
        "Caption: Water pours through the gates. Photo: A. Photographer"
    );
}

/// The story's paragraphs from the `from`th on, as HTML.
fn story_from(from: usize) -> String {
    STORY[from..]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect()
}

#[test]
fn the_text_of_an_image_container_stays_out_and_its_figure_caption_stays_in() {
    // Kept with its images, the crate keeps the text of an image container too; the
    // article's text is what it chooses without them.
    let article = format!(
        "<p>{}</p><div class=\"photo-caption\"><img src=\"https://cdn.example/quay.jpg\"><p>Photo agency credit line</p></div>\
         <p>{}</p><figure><img src=\"https://cdn.example/gates.jpg\" alt=\"Gates\"><figcaption>Water pours through the gates.</figcaption></figure>{}",
        STORY[0],
        STORY[1],
        story_from(2)
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    let text = body(&draft);
    assert!(!text.contains("Photo agency credit line"), "{text}");
    assert!(
        text.contains(&format!(
            "{}\n\n![Gates](https://cdn.example/gates.jpg)\n\nCaption: Water pours through the gates.\n\n{}",
            STORY[1], STORY[2]
        )),
        "{text}"
    );
}

#[test]
fn a_paragraph_an_image_splits_keeps_its_links_and_the_image() {
    let article = format!(
        "<p>{}</p><p>Readings: <a href=\"https://river.example/north\">north gauge</a><br>\
         <img src=\"https://cdn.example/gauge.jpg\" alt=\"Gauge\"><br>and <a href=\"https://river.example/south\">south gauge</a> every six hours.</p>{}",
        STORY[0],
        story_from(1)
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    let text = body(&draft);
    for expected in [
        "[north gauge](https://river.example/north)",
        "![Gauge](https://cdn.example/gauge.jpg)",
        "[south gauge](https://river.example/south) every six hours.",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}

#[test]
fn a_lead_image_is_kept_and_an_image_above_the_headline_is_not() {
    let head = "<title>Sluice gates opened after heavy rain</title>";
    let article = format!(
        "<img src=\"https://gazette.example/logo.png\" alt=\"Gazette\"><h1>Sluice gates opened after heavy rain</h1><p>{}</p>",
        STORY[0]
    );
    let masthead = parse(
        article_page(head, &format!("{article}{}", story_from(1))).as_bytes(),
        None,
    );
    assert!(!body(&masthead).contains("logo.png"), "{}", body(&masthead));
    let lead = format!(
        "<figure><img src=\"https://cdn.example/gates.jpg\" alt=\"Gates\"></figure>{}",
        story_html()
    );
    let draft = parse(article_page(head, &lead).as_bytes(), None);
    assert_eq!(
        draft.blocks[0],
        "![Gates](https://cdn.example/gates.jpg)",
        "{}",
        body(&draft)
    );
    assert_eq!(draft.blocks[1], STORY[0]);
}

#[test]
fn an_opening_heading_that_restates_the_title_or_the_summary_goes() {
    let head = "<title>Sluice gates opened as river rises | Gazette</title>\
        <meta name=\"description\" content=\"Three days of rain raised the river above the warning mark.\">";
    for opening in [
        "<h1>River rises: sluice gates opened</h1>",
        "<h2>Three days of rain raised the river above the warning mark.</h2>",
    ] {
        let draft = parse(
            article_page(head, &format!("{opening}{}", story_html())).as_bytes(),
            None,
        );
        assert_eq!(draft.blocks[0], STORY[0], "{opening}");
        assert!(
            draft.dropped.iter().any(|d| d == "the repeated headline"),
            "{:?}",
            draft.dropped
        );
    }
    // A heading that says something else is the article's own.
    let draft = parse(
        article_page(head, &format!("<h2>Ferry suspended</h2>{}", story_html())).as_bytes(),
        None,
    );
    assert_eq!(draft.blocks[0], "## Ferry suspended");
}

#[test]
fn text_for_screen_readers_only_stays_out() {
    let article = format!(
        "<p>{} <a href=\"https://river.example/levels\">Levels<span class=\"sr-only\"> (opens in a new window)</span></a> are online.</p>\
         <figure><img src=\"https://cdn.example/gates.jpg\" alt=\"Gates\"><figcaption><span class=\"off-screen\">Image caption</span>Water pours through the gates.</figcaption></figure>{}",
        STORY[0],
        story_from(1)
    );
    let text = body(&parse(article_page("", &article).as_bytes(), None));
    assert!(!text.contains("new window"), "{text}");
    assert!(
        text.contains("\n\nCaption: Water pours through the gates.\n\n"),
        "{text}"
    );
    assert!(
        text.contains("[Levels](https://river.example/levels) are online."),
        "{text}"
    );
}

#[test]
fn structure_becomes_markdown_headings_quotes_lists_and_emphasis() {
    let article = format!(
        "<p>{}</p><h2>What residents said</h2><blockquote><p>We have seen <strong>worse</strong>, but not <em>this</em> year.</p></blockquote>\
         <h3>Closed roads</h3><ul><li>Quay Street</li><li>Mill Lane</li></ul><ol><li>Move cars</li><li>Check drains</li></ol>{}",
        STORY[0],
        rest_of_story()
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    let text = body(&draft);
    for expected in [
        "## What residents said",
        "> We have seen **worse**, but not *this* year.",
        "### Closed roads",
        "- Quay Street\n- Mill Lane",
        "1. Move cars\n2. Check drains",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let html = rendered(&draft);
    assert!(
        html.contains(
            "<blockquote>\n<p>We have seen <strong>worse</strong>, but not <em>this</em> year.</p>"
        ),
        "{html}"
    );
    assert!(html.contains("<ol>\n<li>Move cars</li>"), "{html}");
}

#[test]
fn markup_in_the_page_text_is_escaped_and_renders_as_text() {
    let article = format!(
        "<p>1. Not a list &lt;script&gt;alert(1)&lt;/script&gt; *not emphasis* [not](a link) # not a heading &amp;copy;</p><p>- nor a list item</p>{}",
        story_html()
    );
    let draft = parse(article_page("", &article).as_bytes(), None);
    let html = rendered(&draft);
    assert!(html.contains(
        "<p>1. Not a list &lt;script&gt;alert(1)&lt;/script&gt; *not emphasis* [not](a link) # not a heading &amp;copy;</p>"
    ), "{html}");
    assert!(html.contains("<p>- nor a list item</p>"), "{html}");
}

#[test]
fn a_latin1_page_is_decoded_by_its_declared_charset() {
    let text = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><title>Caf\u{e9}</title></head><body><article><p>Le caf\u{e9} du march\u{e9} a rouvert ses portes.</p>{}</article></body></html>",
        story_html()
    );
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let draft = parse(&latin1, None);
    assert_eq!(draft.blocks[0], "Le café du marché a rouvert ses portes.");
    assert_eq!(draft.title.as_deref(), Some("Café"));
}

#[test]
fn a_gzipped_page_is_unpacked() {
    use std::io::Write as _;
    let html = article_page("<title>Gates</title>", &story_html());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(html.as_bytes()).unwrap();
    let bytes = input::unpack(gz.finish().unwrap()).unwrap();
    assert!(input::is_html(&bytes));
    assert_eq!(parse(&bytes, None).blocks, STORY);
}

#[test]
fn html_is_recognised_by_content_whatever_the_name() {
    for yes in [
        "<!DOCTYPE html><html></html>",
        "\u{feff}  <!-- saved --><html lang=en>",
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">",
        "<HEAD><TITLE>x</TITLE>",
    ] {
        assert!(input::is_html(yes.as_bytes()), "{yes}");
    }
    for no in [
        "Plain text about <html> tags.",
        "date 2020-01-05 Text",
        "<?xml version=\"1.0\"?><rss>",
    ] {
        assert!(!input::is_html(no.as_bytes()), "{no}");
    }
}

#[test]
fn plain_text_articles_are_never_taken_for_html() {
    let Some(dir) = corpora::corpora() else {
        eprintln!("skipped: the corpora are not here");
        return;
    };
    let mut checked = 0;
    for sub in ["bbc", "polnear"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                assert!(
                    !input::is_html(&std::fs::read(&path).unwrap()),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    eprintln!("{checked} plain-text articles, none taken for HTML");
}

#[test]
fn a_page_without_article_text_warns() {
    let draft = parse(
        page(
            "<title>Index</title>",
            "<script>document.write('Home')</script><img src=\"/logo.png\">",
        )
        .as_bytes(),
        None,
    );
    assert!(draft.blocks.is_empty());
    assert_eq!(draft.warnings.len(), 1);
    assert!(
        draft.warnings[0].starts_with("no article text was found in the page"),
        "{:?}",
        draft.warnings
    );
}

// --- The development pages of the article-extraction benchmark -----------------------

struct Page {
    html: Vec<u8>,
    truth: String,
    url: String,
}

fn development_pages() -> Option<Vec<Page>> {
    let dir = corpora::corpora()?.join("article-extraction");
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).ok()?).ok()?;
    let pages = truth
        .as_object()?
        .iter()
        .map(|(hash, v)| {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(
                std::fs::File::open(dir.join("html").join(format!("{hash}.html.gz"))).unwrap(),
            )
            .read_to_end(&mut html)
            .unwrap();
            Page {
                html,
                truth: v["articleBody"].as_str().unwrap_or_default().to_string(),
                url: v["url"].as_str().unwrap_or_default().to_string(),
            }
        })
        .collect();
    Some(pages)
}

/// The text an imported body says as written: each block's Markdown read back, one
/// line each.
fn as_written(draft: &Draft) -> String {
    let lines: Vec<String> = draft
        .blocks
        .iter()
        .map(|b| page::markdown::plain_text(b))
        .collect();
    lines.join("\n")
}

/// The benchmark's measure: 4-word shingles of `\w+` words, counted; each page's
/// (true positives, false positives, false negatives) normalised by their sum.
fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    fn shingles(text: &str) -> HashMap<String, usize> {
        let words: Vec<&str> = regex::Regex::new(r"\w+")
            .unwrap()
            .find_iter(text)
            .map(|m| m.as_str())
            .collect();
        let mut out = HashMap::new();
        for i in 0..words.len().saturating_sub(3).max(1) {
            let s = words[i..(i + 4).min(words.len())].join(" ");
            if !s.is_empty() {
                *out.entry(s).or_insert(0) += 1;
            }
        }
        out
    }
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let tc = *t.get(key).unwrap_or(&0) as f64;
        let pc = *p.get(key).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn precision_recall((tp, fp, fn_): (f64, f64, f64)) -> (f64, f64) {
    if fp == 0.0 && fn_ == 0.0 {
        return (1.0, 1.0);
    }
    let p = if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    };
    let r = if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    };
    (p, r)
}

#[test]
fn development_pages_reach_the_article_body_target() {
    let Some(pages) = development_pages() else {
        eprintln!("skipped: the article-extraction corpus is not here");
        return;
    };
    let (mut sums, mut aside_sums) = ((0.0, 0.0), (0.0, 0.0));
    for page in &pages {
        let mut draft = parse(&page.html, None);
        let (p, r) = precision_recall(shingle_match(&page.truth, &as_written(&draft)));
        if std::env::var_os("VERBOSE").is_some() {
            eprintln!("{:60.60} p={p:.3} r={r:.3}", page.url);
        }
        sums = (sums.0 + p, sums.1 + r);
        // The benchmark's true text leaves photo captions out; the import keeps them.
        draft.blocks.retain(|b| !b.starts_with("Caption: "));
        let (p, r) = precision_recall(shingle_match(&page.truth, &as_written(&draft)));
        aside_sums = (aside_sums.0 + p, aside_sums.1 + r);
    }
    let n = pages.len() as f64;
    let score = |(p, r): (f64, f64)| {
        let (p, r) = (p / n, r / n);
        (2.0 * p * r / (p + r), p, r)
    };
    let (f1, p, r) = score(sums);
    let (aside, aside_p, aside_r) = score(aside_sums);
    eprintln!(
        "article body: F1 {f1:.3} (precision {p:.3}, recall {r:.3}) on {} pages; \
         captions aside F1 {aside:.3} (precision {aside_p:.3}, recall {aside_r:.3})",
        pages.len()
    );
    // Reached: 0.972 and 0.976 (deterministic); the issue's target is 0.95.
    assert!(f1 >= 0.965, "F1 {f1:.3} (P {p:.3} R {r:.3})");
    assert!(aside >= 0.97, "captions aside: F1 {aside:.3}");
}

#[test]
fn development_pages_give_title_date_and_outlet() {
    let Some(pages) = development_pages() else {
        eprintln!("skipped: the article-extraction corpus is not here");
        return;
    };
    let drafts: Vec<Draft> = pages.iter().map(|p| parse(&p.html, None)).collect();
    let share = |found: &dyn Fn(&Draft) -> bool| {
        drafts.iter().filter(|d| found(d)).count() as f64 / drafts.len() as f64
    };
    let title = share(&|d| d.title.is_some());
    let date = share(&|d| d.date.is_some());
    let outlet = share(&|d| d.source.is_some());
    if std::env::var_os("VERBOSE").is_some() {
        for (d, p) in drafts.iter().zip(&pages) {
            eprintln!(
                "{:50.50} | {:?} | {:?} | {:?} | {:?}",
                p.url, d.title, d.date, d.source, d.authors
            );
        }
    }
    eprintln!(
        "found on {} pages: title {title:.2}, date {date:.2}, outlet {outlet:.2}",
        pages.len()
    );
    assert!(
        title >= 0.9 && date >= 0.9 && outlet >= 0.9,
        "title {title:.2}, date {date:.2}, outlet {outlet:.2}"
    );
}

#[test]
fn no_markup_of_the_pages_passes_through_on_development_pages() {
    use pulldown_cmark::{Event, Parser, Tag};
    let Some(pages) = development_pages() else {
        eprintln!("skipped: the article-extraction corpus is not here");
        return;
    };
    for page in &pages {
        let draft = parse(&page.html, None);
        for event in Parser::new(&body(&draft)) {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => panic!("{}: raw HTML {h:?}", page.url),
                Event::Start(Tag::Link { dest_url: u, .. } | Tag::Image { dest_url: u, .. }) => {
                    assert!(
                        u.starts_with("https://") || u.starts_with("http://"),
                        "{}: {u}",
                        page.url
                    );
                }
                _ => {}
            }
        }
    }
}
