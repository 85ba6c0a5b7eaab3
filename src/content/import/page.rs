//! A saved web page into a [`super::draft::Draft`]: the article's text kept, the page
//! around it dropped, and what the markup says about the article read.
//!
//! This module owns reading the page's bytes in their character set (byte-order mark,
//! `<meta charset>` or `http-equiv`, else UTF-8 with bad bytes replaced). The article is found by the `trafilatura`
//! crate, chosen by measurement (see `BENCHMARKS.md`, "Import"), which drops
//! navigation, advertising, share buttons, teasers, comment sections and the like.
//! [`metadata`] reads the title, date, authors, outlet, address and summary from the
//! page's markup, and [`markdown`] writes the extracted article as escaped Markdown.

use trafilatura::dom::Document;
use url::Url;

use super::draft::Draft;

pub mod markdown;
pub mod metadata;

/// How far into a page its `<meta charset>` is looked for, as browsers do.
const CHARSET_PRESCAN_BYTES: usize = 1024;

/// Reads a saved web page, unpacked already (`page_url` is where it was fetched from,
/// when known).
pub fn parse(html: &[u8], page_url: Option<&str>) -> Draft {
    let mut draft = Draft::default();
    let mut doc = Document::parse(&decode(html).replace(markdown::CAPTION_MARK, ""));
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
        .with_links(true)
        .with_images(true)
        // The date is read by `metadata`, from what the page states; the crate's own
        // search through the text would only cost time.
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
    if let Some(base) = &base {
        options = options.with_url(base.clone());
    }
    mark_captions(&mut doc);
    if let Ok(extracted) = trafilatura::extract_document(doc, &options) {
        let body = markdown::convert(&extracted.content_html, base.as_ref());
        draft.blocks = body.blocks;
        draft.dropped = body.dropped;
        let comment_words = extracted.comments_text.split_whitespace().count();
        if comment_words > 0 {
            draft
                .dropped
                .push(format!("the comment section ({comment_words} words)"));
        }
    }
    drop_repeated_headline(&mut draft);
    if draft.blocks.is_empty() {
        draft.warnings.push(
            "no article text was found in the page; check that it is the article's page \
             and not a list of links, or copy its text into a .txt file and import that"
                .to_string(),
        );
    }
    draft
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

/// Pages often repeat the headline as the body's first heading; it is the title
/// already, so it goes.
fn drop_repeated_headline(draft: &mut Draft) {
    let (Some(title), Some(first)) = (&draft.title, draft.blocks.first()) else {
        return;
    };
    if first.starts_with('#') && markdown::same_text(&markdown::plain_text(first), title) {
        draft.blocks.remove(0);
        draft.dropped.push("the repeated headline".to_string());
    }
}
