//! The extracted article's HTML as Markdown blocks that render as the text it was.
//!
//! The tree is walked element by element: paragraphs, `## `/`### ` headings, `> `
//! quotes, `- `/`1. ` lists, `*emphasis*` and `**strong**` emphasis, links, images
//! (`![alt](address)`, each its own block) and figure captions (`Caption: ` paragraphs)
//! are written by this module, and every piece of the page's text goes through
//! [`escape_inline`] and [`guard_line_start`], so no markup of the page's making passes
//! through. Links and images keep only absolute http(s) addresses, resolved against the
//! page's address; `javascript:`, `data:` and the like are dropped and counted.

use crate::text::count;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use url::Url;

use super::metadata::{clean, resolve};
use crate::content::import::draft::{escape_inline, guard_line_start};

/// Opens the text of a figure caption in the extracted HTML (see
/// [`super::mark_captions`]): a Unicode noncharacter, for a program's internal use and
/// removed from the page's own text before it is read.
pub const CAPTION_MARK: char = '\u{fdd0}';

/// Opens a caption paragraph in the Markdown written.
pub const CAPTION_PREFIX: &str = "Caption: ";

/// The article as Markdown blocks, and what was left out of it.
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<String>,
    pub dropped: Vec<String>,
}

/// Converts an article's HTML (a fragment) into Markdown blocks.
pub fn convert(html: &str, base: Option<&Url>) -> Body {
    let fragment = Html::parse_fragment(html);
    let mut writer = Writer {
        base,
        ..Writer::default()
    };
    let mut blocks = Vec::new();
    writer.container(*fragment.root_element(), &mut blocks);
    // A lazily loaded image comes twice (the script's copy and the `<noscript>` one).
    blocks.dedup_by(|a, b| a == b && a.starts_with("!["));
    let mut dropped = Vec::new();
    if writer.dropped_links > 0 {
        dropped.push(format!(
            "{} not to a web address",
            count(writer.dropped_links, "link", "links")
        ));
    }
    if writer.dropped_images > 0 {
        dropped.push(format!(
            "{} without a web address",
            count(writer.dropped_images, "image", "images")
        ));
    }
    Body { blocks, dropped }
}

/// The text a Markdown block reads as: its text and code, without the markup and
/// without image descriptions (a reader sees the image, not its `alt`); a list's items
/// and a quote's paragraphs on lines of their own.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut in_image = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Elements whose content is never article text.
const SKIPPED: [&str; 13] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "button",
    "input", "select", "textarea", "form",
];

/// Elements that make blocks of their own; everything else is inline.
const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "table",
    "tr",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
];

#[derive(Default)]
struct Writer<'a> {
    base: Option<&'a Url>,
    /// Images met inside a paragraph: written as blocks of their own after it.
    pending_images: Vec<String>,
    in_link: bool,
    in_emphasis: bool,
    in_strong: bool,
    /// The last thing written was an element's text: text after it that starts with a
    /// letter is a word of its own (the extraction drops the space between them).
    joined: bool,
    dropped_links: usize,
    dropped_images: usize,
}

fn tag<'n>(node: &NodeRef<'n, Node>) -> Option<&'n str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn attr<'n>(node: &NodeRef<'n, Node>, name: &str) -> Option<&'n str> {
    match node.value() {
        Node::Element(e) => e.attr(name),
        _ => None,
    }
}

impl Writer<'_> {
    /// The blocks of an element's children: runs of inline content become paragraphs,
    /// block elements their own blocks.
    fn container(&mut self, node: NodeRef<'_, Node>, out: &mut Vec<String>) {
        let mut paragraph = String::new();
        for child in node.children() {
            match tag(&child) {
                Some(t) if SKIPPED.contains(&t) => {}
                Some("img") => {
                    self.flush(&mut paragraph, out);
                    out.extend(self.image(&child));
                }
                Some("br") => paragraph.push('\n'),
                Some(t) if BLOCKS.contains(&t) || holds_blocks(&child) => {
                    self.flush(&mut paragraph, out);
                    self.block(t, child, out);
                }
                _ => self.inline(child, &mut paragraph),
            }
        }
        self.flush(&mut paragraph, out);
    }

    /// Ends a paragraph: its lines (`<br>` breaks) trimmed and guarded, joined by hard
    /// breaks; then the images it held.
    fn flush(&mut self, paragraph: &mut String, out: &mut Vec<String>) {
        match paragraph.trim_start().strip_prefix(CAPTION_MARK) {
            Some(caption) => out.extend(
                finish_paragraph(&caption.replace('\n', " "))
                    .map(|c| format!("{CAPTION_PREFIX}{c}")),
            ),
            None => out.extend(finish_paragraph(paragraph)),
        }
        self.joined = false;
        paragraph.clear();
        out.append(&mut self.pending_images);
    }

    fn block(&mut self, tag: &str, node: NodeRef<'_, Node>, out: &mut Vec<String>) {
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let marker = if matches!(tag, "h1" | "h2") {
                    "## "
                } else {
                    "### "
                };
                let mut text = String::new();
                self.inline_children(node, &mut text);
                if let Some(text) = finish_paragraph(&text.replace('\n', " ")) {
                    out.push(format!("{marker}{text}"));
                }
                out.append(&mut self.pending_images);
            }
            "blockquote" => {
                let mut inner = Vec::new();
                self.container(node, &mut inner);
                if !inner.is_empty() {
                    out.push(prefix_lines(&inner.join("\n\n"), "> ", "> "));
                }
            }
            "ul" | "ol" => {
                if let Some(list) = self.list(node, tag == "ol") {
                    out.push(list);
                }
            }
            "figcaption" => self.caption(node, out),
            "table" => self.table(node, out),
            "pre" => {
                let text: String = node
                    .descendants()
                    .filter_map(|n| match n.value() {
                        Node::Text(t) => Some(&**t),
                        _ => None,
                    })
                    .collect();
                let lines: Vec<String> = text
                    .lines()
                    .map(|l| guard_line_start(escape_inline(l.trim())))
                    .filter(|l| !l.is_empty())
                    .collect();
                if !lines.is_empty() {
                    out.push(lines.join("\\\n"));
                }
            }
            "hr" => {}
            _ => self.container(node, out),
        }
    }

    /// A list, items marked `- ` or `1. `, their further lines indented under them.
    fn list(&mut self, node: NodeRef<'_, Node>, ordered: bool) -> Option<String> {
        let mut items = Vec::new();
        for item in node.children().filter(|c| tag(c).is_some()) {
            let mut blocks = Vec::new();
            if tag(&item) == Some("li") {
                self.container(item, &mut blocks);
            } else {
                self.block(tag(&item).unwrap_or("div"), item, &mut blocks);
            }
            if blocks.is_empty() {
                continue;
            }
            let marker = if ordered {
                format!("{}. ", items.len() + 1)
            } else {
                "- ".to_string()
            };
            let indent = " ".repeat(marker.len());
            items.push(prefix_lines(&blocks.join("\n\n"), &marker, &indent));
        }
        (!items.is_empty()).then(|| items.join("\n"))
    }

    fn caption(&mut self, node: NodeRef<'_, Node>, out: &mut Vec<String>) {
        let mut text = String::new();
        self.inline_children(node, &mut text);
        if let Some(text) = finish_paragraph(&text.replace('\n', " ")) {
            out.push(format!("{CAPTION_PREFIX}{text}"));
        }
        out.append(&mut self.pending_images);
    }

    /// Each row a paragraph, its cells separated by `|`.
    fn table(&mut self, node: NodeRef<'_, Node>, out: &mut Vec<String>) {
        for row in node.descendants().filter(|n| tag(n) == Some("tr")) {
            let cells: Vec<String> = row
                .children()
                .filter(|c| matches!(tag(c), Some("td" | "th")))
                .filter_map(|cell| {
                    let mut text = String::new();
                    self.inline_children(cell, &mut text);
                    finish_paragraph(&text.replace('\n', " "))
                })
                .collect();
            if !cells.is_empty() {
                out.push(guard_line_start(cells.join(" \\| ")));
            }
            out.append(&mut self.pending_images);
        }
    }

    fn inline_children(&mut self, node: NodeRef<'_, Node>, out: &mut String) {
        for child in node.children() {
            self.inline(child, out);
        }
    }

    /// Inline content, appended to `out` as escaped Markdown.
    fn inline(&mut self, node: NodeRef<'_, Node>, out: &mut String) {
        match node.value() {
            Node::Text(t) => {
                if std::mem::take(&mut self.joined) && t.starts_with(char::is_alphanumeric) {
                    out.push(' ');
                }
                push_text(out, t);
            }
            Node::Element(_) => match tag(&node).unwrap_or_default() {
                t if SKIPPED.contains(&t) => {}
                "br" => out.push('\n'),
                "img" => {
                    let image = self.image(&node);
                    self.pending_images.extend(image);
                }
                "em" | "i" if !self.in_emphasis => {
                    self.in_emphasis = true;
                    self.wrapped(node, out, "*", "*");
                    self.in_emphasis = false;
                }
                "strong" | "b" if !self.in_strong => {
                    self.in_strong = true;
                    self.wrapped(node, out, "**", "**");
                    self.in_strong = false;
                }
                "a" if !self.in_link => match attr(&node, "href").map(|h| self.web_url(h)) {
                    Some(Some(url)) => {
                        self.in_link = true;
                        let close = format!("]({})", link_destination(&url));
                        self.wrapped(node, out, "[", &close);
                        self.in_link = false;
                    }
                    Some(None) => {
                        self.dropped_links += 1;
                        self.inline_children(node, out);
                    }
                    None => self.inline_children(node, out),
                },
                _ => {
                    // A block inside inline content reads as words apart.
                    let apart = BLOCKS.contains(&tag(&node).unwrap_or_default());
                    if apart {
                        push_text(out, " ");
                    }
                    self.inline_children(node, out);
                    if apart {
                        push_text(out, " ");
                    }
                }
            },
            _ => {}
        }
    }

    /// Inline children between markers; the spaces at their ends stay outside the
    /// markers (`*word *` is not emphasis), and markers around nothing are not written.
    /// Between a word and an element's word a space is written: the extraction drops
    /// it, and in paragraphs of the development pages such a boundary had one in 98
    /// cases out of 100 (see `BENCHMARKS.md`, "Import").
    fn wrapped(&mut self, node: NodeRef<'_, Node>, out: &mut String, open: &str, close: &str) {
        let word_before = std::mem::take(&mut self.joined) || out.ends_with(char::is_alphanumeric);
        let mut inner = String::new();
        self.inline_children(node, &mut inner);
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            out.push_str(&inner);
            return;
        }
        if inner.starts_with(char::is_whitespace)
            || (word_before && trimmed.starts_with(char::is_alphanumeric))
        {
            push_text(out, " ");
        }
        out.push_str(open);
        out.push_str(trimmed);
        out.push_str(close);
        if inner.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        self.joined = trimmed.ends_with(char::is_alphanumeric);
    }

    /// `![alt](address)`, or nothing for an image without a web address.
    fn image(&mut self, node: &NodeRef<'_, Node>) -> Option<String> {
        let src = ["src", "data-src", "data-original"]
            .iter()
            .filter_map(|a| attr(node, a))
            .chain(attr(node, "srcset").and_then(|s| s.split_whitespace().next()))
            .find_map(|s| self.web_url(s));
        let Some(url) = src else {
            self.dropped_images += 1;
            return None;
        };
        let alt = escape_inline(&clean(attr(node, "alt").unwrap_or_default()));
        Some(format!("![{alt}]({})", link_destination(&url)))
    }

    fn web_url(&self, href: &str) -> Option<Url> {
        resolve(href, self.base)
    }
}

/// Whether an inline element (a `<span>`, an unknown tag) holds paragraphs or other
/// blocks itself, and so is read as a container.
fn holds_blocks(node: &NodeRef<'_, Node>) -> bool {
    node.children()
        .any(|c| tag(&c).is_some_and(|t| BLOCKS.contains(&t)))
}

/// Appends text as HTML shows it (runs of whitespace one space), escaped.
fn push_text(out: &mut String, text: &str) {
    let mut words = text.split_whitespace().peekable();
    if text.starts_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
    while let Some(word) = words.next() {
        out.push_str(&escape_inline(word));
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    if text.ends_with(char::is_whitespace)
        && text.chars().any(|c| !c.is_whitespace())
        && !out.ends_with(' ')
    {
        out.push(' ');
    }
}

/// A paragraph's text as a Markdown block, or `None` when it holds nothing visible.
fn finish_paragraph(text: &str) -> Option<String> {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| l.trim_matches(invisible))
        .filter(|l| !l.is_empty())
        .map(|l| guard_line_start(l.to_string()))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\\\n"))
}

/// White space and the zero-width characters pages use as spacers.
fn invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Every line of `text` prefixed: the first with `first`, the rest with `rest` (blank
/// lines too, for quotes, which need their marker on every line).
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let prefix = if i == 0 { first } else { rest };
        if line.is_empty() && !prefix.trim().is_empty() {
            out.push_str(prefix.trim_end());
        } else if !line.is_empty() {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}

/// An address as a Markdown link destination: the characters that would end it or be
/// read as an entity are percent- or entity-encoded.
fn link_destination(url: &Url) -> String {
    url.as_str()
        .replace('&', "&amp;")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}
