//! A saved web page into a [`super::draft::Draft`]: the article's text kept, the page
//! around it dropped, and what the markup says about the article read.
//!
//! This module owns reading the page's bytes in their character set (byte-order mark,
//! `<meta charset>` or `http-equiv`, else UTF-8 with bad bytes replaced), leaving out
//! text for screen readers only, and dropping an opening heading that restates the title
//! or summary. The article is found by the `trafilatura` crate, chosen by measurement
//! (see `BENCHMARKS.md`, "Import"), which drops navigation, advertising, share buttons,
//! teasers, comment sections and the like. [`metadata`] reads the title, date, authors,
//! outlet, address and summary from the page's markup, [`markdown`] writes the extracted
//! article as escaped Markdown, and [`merge`] takes the article's text from the crate's
//! default extraction and its links, emphasis, images and captions from a second one
//! that keeps them.

use std::collections::HashSet;

use trafilatura::dom::Document;
use url::Url;

use super::draft::Draft;

pub mod markdown;
pub mod merge;
pub mod metadata;

/// Text a page shows to screen readers only ("Image caption", "Share on Facebook", "opens
/// in a new window"), by the class names of the common frameworks and sites: Bootstrap,
/// HTML5 Boilerplate, WordPress, the BBC. A reader of the page never sees it; on the 60
/// development pages, none of the 123 such texts of two words or more is article text.
pub const SCREEN_READER_ONLY: &str =
    ".sr-only, .visually-hidden, .visuallyhidden, .screen-reader-text, .off-screen";

/// How far into a page its `<meta charset>` is looked for, as browsers do.
const CHARSET_PRESCAN_BYTES: usize = 1024;

/// Reads a saved web page, unpacked already (`page_url` is where it was fetched from,
/// when known).
pub fn parse(html: &[u8], page_url: Option<&str>) -> Draft {
    let mut draft = Draft::default();
    let doc = Document::parse(&decode(html).replace(markdown::CAPTION_MARK, ""));
    let page_url = page_url.and_then(web_url);
    let meta = metadata::read(&doc, page_url.as_ref());
    let base = meta.base.clone().or(page_url);
    draft.title = meta.title;
    draft.date = meta.date;
    draft.authors = meta.authors;
    draft.source = meta.outlet;
    draft.url = meta.url;
    draft.summary = meta.summary;

    let mut options = trafilatura::Options::default()
        // The date is read by `metadata`, from what the page states; the crate's own
        // search through the text would only cost time.
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
    if let Some(base) = &base {
        options = options.with_url(base.clone());
    }
    let body = extract(doc, &options, base.as_ref());
    draft.blocks = body.blocks;
    draft.dropped = body.dropped;
    drop_restated_headline(&mut draft);
    if draft.blocks.is_empty() {
        draft.warnings.push(
            "no article text was found in the page; check that it is the article's page \
             and not a list of links, or copy its text into a .txt file and import that"
                .to_string(),
        );
    }
    draft
}

/// The article in the page, as Markdown blocks, and what was left out. Which text is the
/// article is the crate's choice with its default options; how it is written, and its
/// images and captions, come from a second extraction of the same tree (parsed once)
/// with links and images kept: [`merge`] says why and how.
fn extract(
    mut doc: Document,
    options: &trafilatura::Options,
    base: Option<&Url>,
) -> markdown::Body {
    for hidden in doc
        .query_selector_all(doc.root(), SCREEN_READER_ONLY)
        .into_iter()
        .rev()
    {
        // The text after it is the page's own.
        doc.remove(hidden, true);
    }
    let chosen = trafilatura::extract_document(doc.clone_document(), options);
    mark_captions(&mut doc);
    let rich_options = options.clone().with_links(true).with_images(true);
    let rich = trafilatura::extract_document(doc, &rich_options);
    let (mut body, comments) = match (chosen, rich) {
        (Ok(chosen), Ok(rich)) => {
            let plain = markdown::convert(&chosen.content_html, base);
            let mut body = markdown::convert(&rich.content_html, base);
            body.blocks = merge::merge(plain.blocks, body.blocks);
            (body, rich.comments_text)
        }
        (Ok(only), Err(_)) | (Err(_), Ok(only)) => (
            markdown::convert(&only.content_html, base),
            only.comments_text,
        ),
        (Err(_), Err(_)) => (markdown::Body::default(), String::new()),
    };
    let comment_words = comments.split_whitespace().count();
    if comment_words > 0 {
        body.dropped.push(format!(
            "the comment section ({})",
            crate::text::count(comment_words, "word", "words")
        ));
    }
    body
}

/// The page as text, in the character set it declares: a byte-order mark first, then a
/// `<meta charset>` or `http-equiv` declaration (or an XML declaration's `encoding`)
/// among its first bytes, else UTF-8; bytes that are not valid in it become U+FFFD.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    let encoding = declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        // A page that says it is UTF-16 but has no byte-order mark is read as browsers
        // read it: as UTF-8.
        .map(|e| e.output_encoding())
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The label in the first `charset=` (or XML `encoding=`) declaration of the page's
/// opening bytes, inside a `<meta` or `<?xml` tag.
fn declared_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut tags = text.split('<').filter_map(|tag| {
        let tag = tag.split('>').next()?;
        if tag.starts_with("meta") {
            Some((tag, "charset"))
        } else if tag.starts_with("?xml") {
            Some((tag, "encoding"))
        } else {
            None
        }
    });
    tags.find_map(|(tag, key)| {
        let at = tag.find(key)? + key.len();
        let value = tag[at..].trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let label: String = value
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ';' | '/') && !c.is_whitespace())
            .collect();
        (!label.is_empty()).then_some(label)
    })
}

/// An absolute http(s) address, or nothing.
fn web_url(text: &str) -> Option<Url> {
    Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// Figure captions are left out by the extraction, which keeps paragraphs: each becomes
/// one, its text opened by [`markdown::CAPTION_MARK`] so that it is written as a
/// `Caption: ` paragraph.
fn mark_captions(doc: &mut Document) {
    for id in doc.query_selector_all(doc.root(), "figcaption") {
        doc.set_tag_name(id, "p");
        let text = doc.text(id);
        doc.set_text(id, &format!("{}{text}", markdown::CAPTION_MARK));
    }
}

/// Pages open the article with its headline (often worded apart from the `<title>` or
/// Open Graph one) or with its standfirst, set as a heading: the title and summary say
/// them already. So an opening heading goes when it restates the title (at least three
/// of its words, and at least half, are the title's) or opens the summary. On the 60
/// development pages such headings opened 22 bodies, none of them article text; of the
/// 158 later headings, which are article text, the test on the title would take 3 and
/// the one on the summary none (see `BENCHMARKS.md`, "Import").
fn drop_restated_headline(draft: &mut Draft) {
    let Some(first) = draft.blocks.first().filter(|b| b.starts_with('#')) else {
        return;
    };
    let heading = words(&markdown::plain_text(first));
    let restated = draft
        .title
        .as_deref()
        .is_some_and(|t| restates(&heading, &words(t)))
        || draft
            .summary
            .as_deref()
            .is_some_and(|s| words(s).starts_with(&heading));
    if restated {
        draft.blocks.remove(0);
        draft.dropped.push("the repeated headline".to_string());
    }
}

/// Whether a heading says again what a title says: at least three of the heading's
/// distinct words, and at least half of them, are the title's.
pub fn restates(heading: &[String], title: &[String]) -> bool {
    let heading: HashSet<&String> = heading.iter().collect();
    let shared = heading.iter().filter(|w| title.contains(w)).count();
    shared >= 3 && shared * 2 >= heading.len()
}

/// A text's words, lowercased: its runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
