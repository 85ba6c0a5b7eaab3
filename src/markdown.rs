//! Markdown to annotated HTML.
//!
//! An article body goes through pulldown-cmark once. The events are normalised (soft
//! breaks folded into text, adjacent text joined, `entity:` and `article:` links
//! resolved; unless the dossier allows raw HTML, raw HTML escaped, heading attributes
//! kept to an id and classes, and link and image addresses that would run script
//! disabled), then the plain text of every leaf block is collected into [`TextBlock`]s
//! for the analysers in [`crate::annotate`]. Their findings come back as byte spans,
//! which are turned into marks (the opening and closing tags of mention links and quote
//! spans) attached to the text events they fall in. Headings and footnotes then get ids
//! unique in the page, clear of the theme's own and of the mention and quote anchors
//! ([`PageIds`]), and the event stream is written out as HTML with the marks in place.
//!
//! Marks never cross an element boundary: a quote that spans emphasis or several
//! paragraphs is wrapped piece by piece, each piece inside one text event, so the HTML
//! always nests correctly.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::annotate::entities::EntityMatcher;
use crate::annotate::quotes::{Speaker, SpeakerNames, find_quotes_indexed};
use crate::annotate::sentences::Sentences;
use crate::annotate::{BlockKind, TextBlock, TextPos};
use crate::config::Config;
use crate::content::{QuoteCorrection, Registry};
use crate::error::{Diagnostic, LineIndex};

/// What the analyser needs to know about the whole dossier.
pub struct AnalyseContext<'a> {
    pub config: &'a Config,
    pub registry: &'a Registry,
    pub matcher: &'a EntityMatcher,
    /// The registry's names indexed for quote attribution, built once like the matcher.
    pub speakers: &'a SpeakerNames,
    /// Slugs of every article, for `article:` links.
    pub article_slugs: &'a HashSet<String>,
}

/// A mention of a registry entity in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// `m-N`, the element id in the article page.
    pub anchor: String,
    /// Registry index.
    pub entity: usize,
    /// The words as written.
    pub surface: String,
    /// Index of the block (paragraph) it is in.
    pub block: usize,
    /// Byte range of the words in the block's text.
    pub at: Range<usize>,
    /// Byte range of the sentence around them in the block's text (see
    /// [`Mention::context`]). Ranges rather than copies: a large dossier has millions of
    /// mentions.
    pub sentence: Range<usize>,
    /// An explicit `[words](entity:id)` link rather than a found name.
    pub explicit: bool,
}

impl Mention {
    /// The sentence around the mention, split at it: whole when it fits in twice the
    /// length a side may have, else each side cut to that length. `blocks` are those of
    /// the article it is in.
    pub fn context<'a>(&self, blocks: &'a [TextBlock]) -> (Cow<'a, str>, Cow<'a, str>) {
        let text = blocks[self.block].text.as_str();
        let before = &text[self.sentence.start..self.at.start];
        let after = &text[self.at.end..self.sentence.end];
        // No more bytes than characters allowed: nothing to cut (most sentences).
        if before.len() + after.len() <= 2 * CONTEXT_CHARS {
            return (Cow::Borrowed(before), Cow::Borrowed(after));
        }
        (shorten_before(before), shorten_after(after))
    }
}

/// How many characters of a long sentence on each side of a mention its context keeps.
/// A sentence of up to twice this is shown whole: 99% of the sentences of the BBC and
/// PolNeAR news corpora are.
const CONTEXT_CHARS: usize = 160;

fn shorten_before(before: &str) -> Cow<'_, str> {
    // No more bytes than characters kept: nothing to cut (most sentences).
    if before.len() <= CONTEXT_CHARS {
        return Cow::Borrowed(before);
    }
    match before.char_indices().rev().nth(CONTEXT_CHARS - 1) {
        Some((i, _)) if i > 0 => Cow::Owned(format!("…{}", before[i..].trim_start())),
        _ => Cow::Borrowed(before),
    }
}

fn shorten_after(after: &str) -> Cow<'_, str> {
    if after.len() <= CONTEXT_CHARS {
        return Cow::Borrowed(after);
    }
    match after.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => Cow::Owned(format!("{}…", after[..i].trim_end())),
        None => Cow::Borrowed(after),
    }
}

/// A quotation (or a short quoted term) in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// `q-N` for quotes; empty for terms, which carry no anchor.
    pub anchor: String,
    pub text: String,
    pub speaker: Option<Speaker>,
    pub block: usize,
    /// 1-based line in the article file.
    pub line: usize,
    pub is_term: bool,
    /// The speaker comes from a `[[quotes]]` correction in the front matter.
    pub corrected: bool,
}

/// An article body, analysed and rendered.
#[derive(Debug, Clone, Default)]
pub struct AnalysedBody {
    pub html: String,
    pub blocks: Vec<TextBlock>,
    pub mentions: Vec<Mention>,
    /// Quotes and terms in document order.
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the body comes from, for messages and anchors.
pub struct BodySource<'a> {
    pub file: &'a Path,
    /// 1-based line of the file on which the body starts.
    pub first_line: usize,
    /// The article's slug (for quote links); `None` for bodies that are not articles.
    pub slug: Option<&'a str>,
    pub corrections: &'a [QuoteCorrection],
    /// Find mentions and quotes (article bodies) or only render (introductions,
    /// entity descriptions).
    pub annotate: bool,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders Markdown with no annotation (introductions, descriptions); `entity:` and
/// `article:` links still resolve.
pub fn render_plain(
    body: &str,
    file: &Path,
    first_line: usize,
    ctx: &AnalyseContext<'_>,
) -> AnalysedBody {
    analyse_body(
        body,
        &BodySource {
            file,
            first_line,
            slug: None,
            corrections: &[],
            annotate: false,
        },
        ctx,
    )
}

/// Analyses and renders one Markdown body.
pub fn analyse_body(body: &str, src: &BodySource<'_>, ctx: &AnalyseContext<'_>) -> AnalysedBody {
    let lines = LineIndex::starting_at(body, src.first_line);
    let mut diagnostics = Vec::new();
    let (mut events, entity_starts) = normalise(body, src, ctx, &lines, &mut diagnostics);
    let collected = collect_blocks(&events, &entity_starts, &lines);
    let mut out = AnalysedBody {
        blocks: collected.blocks,
        diagnostics,
        ..Default::default()
    };
    let mut marks: HashMap<usize, Vec<Mark>> = HashMap::new();
    if src.annotate {
        annotate(
            &mut out,
            &collected.text_events,
            &collected.entity_links,
            src,
            ctx,
            &mut marks,
        );
    }
    let anchors: HashSet<&str> = out
        .mentions
        .iter()
        .map(|m| m.anchor.as_str())
        .chain(out.quotes.iter().map(|q| q.anchor.as_str()))
        .filter(|a| !a.is_empty())
        .collect();
    give_ids(
        &mut events,
        &anchors,
        src,
        ctx,
        &lines,
        &mut out.diagnostics,
    );
    let mut html = String::with_capacity(body.len() * 3 / 2);
    apply_marks(&mut events, marks);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    out.html = html;
    out
}

/// How deeply blocks and inline elements may nest. Real articles use a handful of
/// levels; thousands (a pasted or generated file) would make pages browsers choke on.
pub const MAX_NESTING: usize = 32;

/// Events with their source ranges.
type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Parses and normalises the event stream (see the module docs).
fn normalise<'a>(
    body: &'a str,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    lines: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Events<'a>, HashMap<usize, usize>) {
    let mut entity_starts = HashMap::new();
    let unsafe_html = ctx.config.markdown.unsafe_html;
    let mut events: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    // Stack of link kinds so that the matching end tag can be rewritten too.
    let mut link_stack: Vec<LinkRewrite> = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    // The text of a run of adjacent text events being joined into the last event: one
    // buffer for the whole run, so that a paragraph of many lines is copied once.
    let mut joined: Option<String> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    diagnostics.push(
                        Diagnostic::error(src.file, lines.line(range.start), format!("the Markdown is nested more than {MAX_NESTING} levels deep here"))
                            .with_help("flatten the nested lists, quotes or emphasis; an article needs only a few levels"),
                    );
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let line = || lines.line(range.start);
        let event = match event {
            Event::SoftBreak => Event::Text(CowStr::Borrowed("\n")),
            Event::Html(h) | Event::InlineHtml(h) if !unsafe_html => Event::Text(h),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) if !unsafe_html => {
                let (id, classes) =
                    safe_heading_attributes(id, classes, attrs, src.file, line(), diagnostics);
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: inert_url(dest_url, "image", ctx, src.file, line(), diagnostics),
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (rewrite, event) = rewrite_link(
                    link_type,
                    dest_url,
                    title,
                    id,
                    src,
                    ctx,
                    line(),
                    diagnostics,
                );
                if let LinkRewrite::Entity(e) = rewrite {
                    entity_starts.insert(events.len(), e);
                }
                link_stack.push(rewrite);
                match event {
                    Some(e) => e,
                    None => continue,
                }
            }
            Event::End(TagEnd::Link) => match link_stack.pop() {
                Some(LinkRewrite::Dropped) => continue,
                Some(LinkRewrite::Entity(_)) => Event::InlineHtml(CowStr::Borrowed("</a>")),
                _ => Event::End(TagEnd::Link),
            },
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert_names(kind);
                Event::Html(CowStr::from(format!(
                    "<aside class=\"editor-note editor-note-{class}\"><p class=\"editor-note-title\">{label}</p>\n"
                )))
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::Borrowed("</aside>\n")),
            other => other,
        };
        // Join adjacent text so that names are never split between events.
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&event, events.last_mut())
        {
            joined.get_or_insert_with(|| prev.to_string()).push_str(t);
            prev_range.end = range.end;
            continue;
        }
        finish_joined(&mut events, &mut joined);
        events.push((event, range));
    }
    finish_joined(&mut events, &mut joined);
    mark_captions(&mut events);
    (events, entity_starts)
}

/// Puts the text joined so far into the last event, which it extends.
fn finish_joined(events: &mut Events<'_>, joined: &mut Option<String>) {
    if let (Some(text), Some((Event::Text(last), _))) = (joined.take(), events.last_mut()) {
        *last = CowStr::from(text);
    }
}

/// What became of a link's start tag.
enum LinkRewrite {
    Kept,
    /// An `entity:` link: a mention of the registry entity.
    Entity(usize),
    /// An unresolvable link: its text is kept, the link dropped.
    Dropped,
}

#[allow(clippy::too_many_arguments)]
fn rewrite_link<'a>(
    link_type: LinkType,
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    id: CowStr<'a>,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (LinkRewrite, Option<Event<'a>>) {
    let dest = dest_url.trim();
    if let Some(target) = dest.strip_prefix("entity:") {
        return match ctx.registry.index_of(target) {
            Some(i) => (
                LinkRewrite::Entity(i),
                Some(Event::InlineHtml(CowStr::from(mention_open(
                    None,
                    &ctx.registry.entities[i],
                    ctx,
                )))),
            ),
            None => {
                let ids: Vec<&str> = ctx
                    .registry
                    .entities
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect();
                let help = match crate::error::nearest(target, &ids) {
                    Some(n) => format!(
                        "did you mean `entity:{n}`? Entity ids are listed in content/entities.toml"
                    ),
                    None => "add the entity to content/entities.toml, or fix the id".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        src.file,
                        line,
                        format!("unknown entity `{target}` in an `entity:` link"),
                    )
                    .with_help(help),
                );
                (LinkRewrite::Dropped, None)
            }
        };
    }
    if let Some(target) = dest.strip_prefix("article:") {
        let (slug, anchor) = match target.split_once('#') {
            Some((s, a)) => (s, Some(a)),
            None => (target, None),
        };
        if !ctx.article_slugs.contains(slug) {
            let slugs: Vec<&str> = ctx.article_slugs.iter().map(String::as_str).collect();
            let help = match crate::error::nearest(slug, &slugs) {
                Some(n) => format!(
                    "did you mean `article:{n}`? The slug is the article's file name without `.md`"
                ),
                None => {
                    "the slug is the file name of an article in content/articles/, without `.md`"
                        .to_string()
                }
            };
            diagnostics.push(
                Diagnostic::error(
                    src.file,
                    line,
                    format!("unknown article `{slug}` in an `article:` link"),
                )
                .with_help(help),
            );
            return (LinkRewrite::Dropped, None);
        }
        let mut url = ctx.config.url(&format!("/articles/{slug}/"));
        if let Some(a) = anchor {
            url.push('#');
            url.push_str(a);
        }
        return (
            LinkRewrite::Kept,
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(url),
                title,
                id,
            })),
        );
    }
    (
        LinkRewrite::Kept,
        Some(Event::Start(Tag::Link {
            link_type,
            dest_url: inert_url(dest_url, "link", ctx, src.file, line, diagnostics),
            title,
            id,
        })),
    )
}

/// The scheme of a URL that can run script (`javascript:`, `vbscript:`, `data:`), read
/// as a browser reads it: without whitespace and control characters, in any case.
fn script_scheme(url: &str) -> Option<&'static str> {
    let read = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| read.starts_with(s))
}

/// `url`, or `#` in place of an address that could run script, with a warning naming
/// `what` the address is for (a link, an image), unless the dossier allows raw HTML.
fn inert_url<'a>(
    url: CowStr<'a>,
    what: &str,
    ctx: &AnalyseContext<'_>,
    file: &Path,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if ctx.config.markdown.unsafe_html {
        return url;
    }
    let Some(scheme) = script_scheme(&url) else {
        return url;
    };
    diagnostics.push(
        Diagnostic::warning(
            file,
            line,
            format!("this {what}'s `{scheme}` address could run script; it was replaced by `#`"),
        )
        .with_help("use an http or https address; `unsafe_html = true` under `[markdown]` in dossier.toml keeps any address"),
    );
    CowStr::Borrowed("#")
}

/// Whether an `{#id}` or `.class` written on a heading is made of safe characters:
/// letters, digits, `-` and `_`.
fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A heading's `{…}` attributes as a dossier without raw HTML allows them: an `{#id}`
/// and `.class`es of safe characters ([`is_safe_name`]) and nothing else, which could
/// carry script (`onclick=…`) or restyle the page. What is dropped is named in a warning.
fn safe_heading_attributes<'a>(
    id: Option<CowStr<'a>>,
    mut classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    file: &Path,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    let mut dropped: Vec<String> = Vec::new();
    let id = match id {
        Some(id) if !is_safe_name(&id) => {
            dropped.push(format!("`#{id}`"));
            None
        }
        id => id,
    };
    classes.retain(|c| {
        let safe = is_safe_name(c);
        if !safe {
            dropped.push(format!("`.{c}`"));
        }
        safe
    });
    dropped.extend(attrs.iter().map(|(name, value)| match value {
        Some(v) => format!("`{name}={v}`"),
        None => format!("`{name}`"),
    }));
    if !dropped.is_empty() {
        let (noun, verb) = if dropped.len() == 1 {
            ("attribute", "was")
        } else {
            ("attributes", "were")
        };
        diagnostics.push(
            Diagnostic::warning(
                file,
                line,
                format!("this heading's {noun} {} {verb} dropped", dropped.join(", ")),
            )
            .with_help("a heading may have an `{#id}` and `.class`es made of letters, digits, `-` and `_`, and nothing else unless `unsafe_html = true` under `[markdown]` in dossier.toml"),
        );
    }
    (id, classes)
}

fn alert_names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Editor’s note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// The prefix that marks a paragraph as a photo caption.
pub const CAPTION_PREFIX: &str = "Caption:";

/// Turns paragraphs that start with `Caption:` into `<p class="caption">`.
fn mark_captions(events: &mut [(Event<'_>, Range<usize>)]) {
    let mut i = 0;
    while i + 1 < events.len() {
        if matches!(events[i].0, Event::Start(Tag::Paragraph))
            && let Event::Text(t) = &events[i + 1].0
            && let Some(rest) = t.strip_prefix(CAPTION_PREFIX)
        {
            let rest = rest.trim_start().to_string();
            events[i + 1].0 = Event::Text(CowStr::from(rest));
            events[i].0 = Event::Html(CowStr::Borrowed("<p class=\"caption\">"));
            // Find the paragraph's end and close it ourselves.
            if let Some(end) = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
            {
                events[i + end].0 = Event::Html(CowStr::Borrowed("</p>\n"));
            }
        }
        i += 1;
    }
}

/// The ids of one page's headings and footnotes: each taken once, none of those
/// `reserved` says the page already uses (which must be finitely many).
///
/// The next suffix to try is remembered per base, so that a page with N headings of
/// the same text costs N steps, not N² ([`PageIds::probes`] counts them).
pub struct PageIds<F> {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
    reserved: F,
    probes: usize,
}

impl<F: Fn(&str) -> bool> PageIds<F> {
    pub fn new(reserved: F) -> Self {
        PageIds {
            taken: HashSet::new(),
            next: HashMap::new(),
            reserved,
            probes: 0,
        }
    }

    /// Takes `id` if it is free.
    pub fn take(&mut self, id: &str) -> bool {
        self.probes += 1;
        if self.taken.contains(id) || (self.reserved)(id) {
            return false;
        }
        self.taken.insert(id.to_string());
        true
    }

    /// Takes `base` if it is free, otherwise the first free `base-N` (N from 2, past
    /// those given out for `base` before).
    pub fn take_unique(&mut self, base: &str) -> String {
        if self.take(base) {
            return base.to_string();
        }
        let mut n = self.next.get(base).copied().unwrap_or(2);
        loop {
            let id = format!("{base}-{n}");
            n += 1;
            if self.take(&id) {
                self.next.insert(base.to_string(), n);
                return id;
            }
        }
    }

    /// How many ids were tried so far.
    pub fn probes(&self) -> usize {
        self.probes
    }
}

/// Why a heading's written `{#id}` had to be replaced.
enum Clash {
    /// An earlier heading, on this line, wrote it.
    Written(usize),
    /// The anchor of a mention or quote on the page.
    Anchor,
    /// The theme's own.
    Theme,
}

/// Gives every heading and footnote of a page an id of its own. Written `{#id}`s come
/// first, first come first served, then ids made from heading text and footnote
/// labels in document order. None takes a mention's or quote's anchor (`anchors`) or
/// an id of the theme's; a written id that would is replaced, with a warning.
fn give_ids(
    events: &mut [(Event<'_>, Range<usize>)],
    anchors: &HashSet<&str>,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    lines: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids = PageIds::new(|id: &str| {
        anchors.contains(id) || crate::render::ids::is_theme_id(id, ctx.article_slugs)
    });
    let mut written: HashMap<String, usize> = HashMap::new();
    // Events still to be given an id, with the clash that displaced a written one.
    let mut pending: Vec<(usize, Option<Clash>)> = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                let line = lines.line(range.start);
                if ids.take(id) {
                    written.insert(id.to_string(), line);
                    continue;
                }
                let clash = match written.get(id.as_ref()) {
                    Some(&first) => Clash::Written(first),
                    None if anchors.contains(id.as_ref()) => Clash::Anchor,
                    None => Clash::Theme,
                };
                pending.push((i, Some(clash)));
            }
            Event::Start(Tag::Heading { id: None, .. } | Tag::FootnoteDefinition(_)) => {
                pending.push((i, None));
            }
            _ => {}
        }
    }
    let mut footnotes: HashMap<String, String> = HashMap::new();
    for (i, clash) in pending {
        let base = id_base(events, i);
        let id = ids.take_unique(&base);
        match &mut events[i].0 {
            Event::Start(Tag::Heading { id: slot, .. }) => *slot = Some(CowStr::from(id.clone())),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                // References lead to the first definition of their label, which they
                // match whatever its case.
                footnotes
                    .entry(label.to_lowercase())
                    .or_insert_with(|| id.clone());
                *label = CowStr::from(id.clone());
            }
            _ => {}
        }
        if let Some(clash) = clash {
            let why = match clash {
                Clash::Written(first) => format!("is already that of the heading on line {first}"),
                Clash::Anchor => "is the anchor of a mention or quote on this page".to_string(),
                Clash::Theme => "is one the page's theme uses".to_string(),
            };
            diagnostics.push(
                Diagnostic::warning(
                    src.file,
                    lines.line(events[i].1.start),
                    format!("the heading id `{base}` {why}; this heading gets `{id}`"),
                )
                .with_help("give the heading an `{#id}` of its own, or none to have one made from its text"),
            );
        }
    }
    if footnotes.is_empty() {
        return;
    }
    for (event, _) in events.iter_mut() {
        if let Event::FootnoteReference(label) = event
            && let Some(id) = footnotes.get(&label.to_lowercase())
            && id != label.as_ref()
        {
            *label = CowStr::from(id.clone());
        }
    }
}

/// What the id of the heading or footnote that event `i` opens is made from: its
/// written id, its text as a slug, or its label.
fn id_base(events: &[(Event<'_>, Range<usize>)], i: usize) -> String {
    match &events[i].0 {
        Event::Start(Tag::Heading { id: Some(id), .. }) => id.to_string(),
        Event::Start(Tag::FootnoteDefinition(label)) => label.to_string(),
        _ => {
            let mut text = String::new();
            for (e, _) in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let slug = slug::slugify(&text);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        }
    }
}

/// A text event that belongs to a block: where its text starts in the block's text.
#[derive(Debug, Clone, Copy)]
struct TextEvent {
    event: usize,
    block: usize,
    start: usize,
    end: usize,
}

struct Collected {
    blocks: Vec<TextBlock>,
    /// Sorted by (block, start).
    text_events: Vec<TextEvent>,
    entity_links: Vec<EntityLink>,
}

/// An `entity:` link: where its text lies and which event opens it.
struct EntityLink {
    block: usize,
    range: Range<usize>,
    entity: usize,
    event: usize,
}

/// Collects the plain text of every leaf block, remembering where each text event lies.
fn collect_blocks(
    events: &[(Event<'_>, Range<usize>)],
    entity_starts: &HashMap<usize, usize>,
    lines: &LineIndex<'_>,
) -> Collected {
    let mut blocks: Vec<TextBlock> = Vec::new();
    let mut text_events = Vec::new();
    let mut entity_links = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    let mut current: Option<usize> = None;
    let mut caption = false;
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
    // (block, start in block text, entity, start event) of the open entity link.
    let mut open_entity: Option<(usize, usize, usize, usize)> = None;
    let mut pending_entity: Option<(usize, usize)> = None;
    let mut code_block = 0usize;

    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if let Some(c) = Container::of(tag) {
                    current = None;
                    stack.push(c);
                }
                match tag {
                    Tag::Link { .. } => link_depth += 1,
                    Tag::Image { .. } => image_depth += 1,
                    Tag::CodeBlock(_) => code_block += 1,
                    _ => {}
                }
            }
            Event::End(tag) => {
                if Container::ends(tag) {
                    current = None;
                    stack.pop();
                    caption = false;
                }
                match tag {
                    TagEnd::Link => link_depth = link_depth.saturating_sub(1),
                    TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                    TagEnd::CodeBlock => code_block = code_block.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Html(h) if h.starts_with("<p class=\"caption\">") => {
                current = None;
                stack.push(Container::Paragraph);
                caption = true;
            }
            Event::Html(h) if h.starts_with("</p>") && caption => {
                current = None;
                stack.pop();
                caption = false;
            }
            Event::InlineHtml(_) if entity_starts.contains_key(&i) => {
                pending_entity = Some((entity_starts[&i], i));
            }
            Event::InlineHtml(h) if h.as_ref() == "</a>" => {
                if let Some((b, start, entity, event)) = open_entity.take() {
                    let end = blocks[b].text.len();
                    blocks[b].masked.push(start..end);
                    if end > start {
                        blocks[b].explicit.push((start..end, entity));
                        entity_links.push(EntityLink {
                            block: b,
                            range: start..end,
                            entity,
                            event,
                        });
                    }
                }
            }
            Event::Text(t) if image_depth == 0 && code_block == 0 => {
                let b = match current {
                    Some(b) => b,
                    None => {
                        let kind = block_kind(&stack, caption);
                        let Some(kind) = kind else { continue };
                        blocks.push(TextBlock {
                            kind,
                            text: String::new(),
                            line: lines.line(range.start),
                            masked: Vec::new(),
                            explicit: Vec::new(),
                        });
                        current = Some(blocks.len() - 1);
                        blocks.len() - 1
                    }
                };
                if let Some((entity, event)) = pending_entity.take() {
                    open_entity = Some((b, blocks[b].text.len(), entity, event));
                }
                let start = blocks[b].text.len();
                blocks[b]
                    .text
                    .extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
                let end = blocks[b].text.len();
                if link_depth > 0 && open_entity.is_none() {
                    blocks[b].masked.push(start..end);
                }
                text_events.push(TextEvent {
                    event: i,
                    block: b,
                    start,
                    end,
                });
            }
            Event::Code(_) => {
                if let Some(b) = current {
                    let start = blocks[b].text.len();
                    blocks[b].text.push(' ');
                    blocks[b].masked.push(start..start + 1);
                }
            }
            Event::HardBreak => {
                if let Some(b) = current {
                    blocks[b].text.push(' ');
                }
            }
            _ => {}
        }
    }
    Collected {
        blocks,
        text_events,
        entity_links,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    Heading,
    Item,
    TableCell,
    BlockQuote,
    Footnote,
    Other,
}

impl Container {
    fn of(tag: &Tag<'_>) -> Option<Container> {
        Some(match tag {
            Tag::Paragraph => Container::Paragraph,
            Tag::Heading { .. } => Container::Heading,
            Tag::Item => Container::Item,
            Tag::TableCell => Container::TableCell,
            Tag::BlockQuote(_) => Container::BlockQuote,
            Tag::FootnoteDefinition(_) => Container::Footnote,
            Tag::List(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Container::Other,
            _ => return None,
        })
    }

    fn ends(tag: &TagEnd) -> bool {
        matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
        )
    }
}

/// The kind of block that text at this point of the container stack belongs to.
fn block_kind(stack: &[Container], caption: bool) -> Option<BlockKind> {
    let inner = *stack.last()?;
    let within = |c: Container| stack.contains(&c);
    Some(match inner {
        Container::Heading => BlockKind::Heading,
        Container::TableCell => BlockKind::TableCell,
        Container::Item => BlockKind::ListItem,
        Container::Paragraph if caption => BlockKind::Caption,
        Container::Paragraph if within(Container::Footnote) => BlockKind::Footnote,
        Container::Paragraph if within(Container::Item) => BlockKind::ListItem,
        Container::Paragraph if within(Container::BlockQuote) => BlockKind::BlockQuote,
        Container::Paragraph => BlockKind::Paragraph,
        Container::BlockQuote => BlockKind::BlockQuote,
        Container::Footnote => BlockKind::Footnote,
        Container::Other => return None,
    })
}

/// An opening or closing tag to insert into a text event at a byte offset of its text.
#[derive(Debug, Clone)]
struct Mark {
    offset: usize,
    /// Order among marks at the same offset: closers first, then openers, so that
    /// elements nest.
    order: u8,
    html: String,
}

const CLOSE_MENTION: u8 = 0;
const CLOSE_QUOTE: u8 = 1;
const QUOTE_LINK: u8 = 2;
const OPEN_QUOTE: u8 = 3;
const OPEN_MENTION: u8 = 4;

/// Finds mentions and quotes, records them in `out` and the marks to draw them.
#[allow(clippy::too_many_arguments)]
fn annotate(
    out: &mut AnalysedBody,
    text_events: &[TextEvent],
    entity_links: &[EntityLink],
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    marks: &mut HashMap<usize, Vec<Mark>>,
) {
    let blocks = &out.blocks;
    let found = ctx.matcher.find_mentions(blocks);
    for amb in &found.ambiguous {
        let names: Vec<&str> = amb
            .candidates
            .iter()
            .map(|&c| ctx.registry.entities[c].id.as_str())
            .collect();
        let surface = &blocks[amb.block].text[amb.range.clone()];
        out.diagnostics.push(
            Diagnostic::warning(
                src.file,
                blocks[amb.block].line,
                format!("`{surface}` could mean {}; not linked", names.join(" or ")),
            )
            .with_help(format!(
                "write `[{surface}](entity:{})` to say which",
                names[0]
            )),
        );
    }
    // Explicit links and found names, in document order.
    let mut all: Vec<(usize, Range<usize>, usize, Option<usize>)> = entity_links
        .iter()
        .map(|l| (l.block, l.range.clone(), l.entity, Some(l.event)))
        .collect();
    all.extend(
        found
            .found
            .iter()
            .map(|m| (m.block, m.range.clone(), m.entity, None)),
    );
    all.sort_by_key(|(b, r, _, _)| (*b, r.start));

    let quotes = find_quotes_indexed(
        blocks,
        &found.found,
        ctx.registry,
        ctx.speakers,
        ctx.config.quotes.min_words,
    );
    // Quote ranges per block, to keep mention links from crossing quote boundaries.
    let mut quote_ranges: Vec<(TextPos, TextPos)> = Vec::new();
    let mut q_n = 0;
    let mut used_corrections = vec![false; src.corrections.len()];
    let corrections: Vec<String> = src
        .corrections
        .iter()
        .map(|c| normalise_quote_text(&c.text))
        .collect();
    for q in &quotes {
        quote_ranges.push((q.start, q.end));
        let mut speaker = q.speaker.clone();
        let mut corrected = false;
        if !q.is_term
            && !corrections.is_empty()
            && let Some(ci) = {
                let text = normalise_quote_text(&q.text);
                corrections
                    .iter()
                    .position(|c| text.starts_with(c.as_str()))
            }
        {
            used_corrections[ci] = true;
            corrected = true;
            speaker = correction_speaker(&src.corrections[ci].speaker, ctx.registry);
        }
        let anchor = if q.is_term {
            String::new()
        } else {
            q_n += 1;
            format!("q-{q_n}")
        };
        let line = out.blocks.get(q.start.block).map_or(0, |b| b.line);
        add_quote_marks(
            q.start,
            q.end,
            &anchor,
            q.is_term,
            speaker.as_ref(),
            src,
            ctx,
            text_events,
            marks,
        );
        out.quotes.push(Quote {
            anchor,
            text: q.text.clone(),
            speaker,
            block: q.start.block,
            line,
            is_term: q.is_term,
            corrected,
        });
    }
    for (c, used) in src.corrections.iter().zip(&used_corrections) {
        out.diagnostics
            .extend(unknown_speaker_id(c, src.file, ctx.registry));
        if !used {
            out.diagnostics.push(
                Diagnostic::warning(
                    src.file,
                    c.line,
                    format!("no quote in the article starts with “{}”", c.text),
                )
                .with_help("copy the first words of the quote exactly as they appear in the text"),
            );
        }
    }

    let mut m_n = 0;
    // The sentences of the block of the mentions at hand (they come block by block).
    let mut sentences: Option<(usize, Sentences)> = None;
    for (b, range, entity, link_event) in all {
        let explicit = link_event.is_some();
        let ev = text_event_at(text_events, b, &range);
        if !explicit && (ev.is_none() || crosses_quote(&quote_ranges, b, &range)) {
            continue;
        }
        m_n += 1;
        let anchor = format!("m-{m_n}");
        let e = &ctx.registry.entities[entity];
        let text = &out.blocks[b].text;
        let sentence = match &sentences {
            Some((sb, s)) if *sb == b => s,
            _ => &sentences.insert((b, Sentences::new(text))).1,
        }
        .around(&range);
        if let Some(event) = link_event {
            // The link's opening tag is an event of its own: replace it whole.
            marks.entry(event).or_default().push(Mark {
                offset: 0,
                order: OPEN_MENTION,
                html: mention_open(Some(&anchor), e, ctx),
            });
        } else if let Some(t) = ev {
            let list = marks.entry(t.event).or_default();
            list.push(Mark {
                offset: range.start - t.start,
                order: OPEN_MENTION,
                html: mention_open(Some(&anchor), e, ctx),
            });
            list.push(Mark {
                offset: range.end - t.start,
                order: CLOSE_MENTION,
                html: "</a>".to_string(),
            });
        }
        out.mentions.push(Mention {
            anchor,
            entity,
            surface: text[range.clone()].to_string(),
            block: b,
            at: range.clone(),
            sentence,
            explicit,
        });
    }
}

/// The text event that holds all of `range` in block `b`. Events are sorted by (block,
/// start) and follow one another in a block, so it can only be the first one of the
/// block that ends at or after the range.
fn text_event_at<'e>(
    events: &'e [TextEvent],
    b: usize,
    range: &Range<usize>,
) -> Option<&'e TextEvent> {
    let i = events.partition_point(|t| (t.block, t.end) < (b, range.end));
    events
        .get(i)
        .filter(|t| t.block == b && t.start <= range.start)
}

/// Whether a mention at `range` in block `b` has one end inside a quote and the other
/// outside (touching the quote's edge is not crossing it). Quotes are in document order
/// and do not overlap, so only the last quote starting before an end can hold it.
fn crosses_quote(quotes: &[(TextPos, TextPos)], b: usize, range: &Range<usize>) -> bool {
    let a = TextPos {
        block: b,
        offset: range.start,
    };
    let z = TextPos {
        block: b,
        offset: range.end,
    };
    let last_before = |p: TextPos| quotes[..quotes.partition_point(|(s, _)| *s < p)].last();
    [last_before(a), last_before(z)]
        .into_iter()
        .flatten()
        .any(|(s, e)| {
            let inside = |pos: TextPos| *s < pos && pos < *e;
            inside(a) != inside(z) && !(*s == a || *e == z)
        })
}

fn mention_open(
    anchor: Option<&str>,
    e: &crate::content::Entity,
    ctx: &AnalyseContext<'_>,
) -> String {
    let id = anchor.map(|a| format!(" id=\"{a}\"")).unwrap_or_default();
    format!(
        "<a class=\"mention\"{id} href=\"{}\" data-entity=\"{}\" data-kind=\"{}\">",
        escape_html(&ctx.config.url(&format!("/entities/{}/", e.id))),
        escape_html(&e.id),
        e.kind.as_str()
    )
}

#[allow(clippy::too_many_arguments)]
fn add_quote_marks(
    start: TextPos,
    end: TextPos,
    anchor: &str,
    is_term: bool,
    speaker: Option<&Speaker>,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    text_events: &[TextEvent],
    marks: &mut HashMap<usize, Vec<Mark>>,
) {
    let mut first = true;
    let mut last: Option<(usize, usize)> = None;
    // The events the quote covers: from the first one ending after its start (events
    // are sorted by block and offset) to the last one starting before its end.
    let from = text_events.partition_point(|t| (t.block, t.end) <= (start.block, start.offset));
    for t in &text_events[from..] {
        let (b, s, e) = (t.block, t.start, t.end);
        if (b, s) >= (end.block, end.offset) {
            break;
        }
        let piece_start = if b == start.block {
            start.offset.max(s)
        } else {
            s
        };
        let piece_end = if b == end.block { end.offset.min(e) } else { e };
        if piece_start >= piece_end {
            continue;
        }
        let open = if is_term {
            "<span class=\"term\">".to_string()
        } else {
            let mut attrs = format!("class=\"quote\" data-quote=\"{anchor}\"");
            if first {
                attrs = format!("class=\"quote\" id=\"{anchor}\" data-quote=\"{anchor}\"");
                if let Some(sp) = speaker {
                    attrs.push_str(&format!(" data-speaker=\"{}\"", escape_html(&sp.name)));
                }
            }
            format!("<span {attrs}>")
        };
        first = false;
        let list = marks.entry(t.event).or_default();
        list.push(Mark {
            offset: piece_start - s,
            order: OPEN_QUOTE,
            html: open,
        });
        list.push(Mark {
            offset: piece_end - s,
            order: CLOSE_QUOTE,
            html: "</span>".to_string(),
        });
        last = Some((t.event, piece_end - s));
    }
    if let (Some((event, offset)), false, Some(slug)) = (last, is_term, src.slug) {
        let href = ctx.config.url(&format!("/quotes/#{slug}-{anchor}"));
        marks.entry(event).or_default().push(Mark {
            offset,
            order: QUOTE_LINK,
            html: format!(
                "<a class=\"quote-link\" href=\"{}\" title=\"Compare this quote across sources\" aria-label=\"Compare this quote across sources\">⇄</a>",
                escape_html(&href)
            ),
        });
    }
}

/// Splits each text event at its marks, inserting them as inline HTML.
fn apply_marks(events: &mut Vec<(Event<'_>, Range<usize>)>, marks: HashMap<usize, Vec<Mark>>) {
    if marks.is_empty() {
        return;
    }
    let old = std::mem::take(events);
    for (i, (event, range)) in old.into_iter().enumerate() {
        let Some(mut list) = marks.get(&i).cloned() else {
            events.push((event, range));
            continue;
        };
        let Event::Text(text) = event else {
            // A non-text event with a mark is an `entity:` link's opening tag.
            let html = list.pop().map_or(String::new(), |m| m.html);
            events.push((Event::InlineHtml(CowStr::from(html)), range));
            continue;
        };
        list.sort_by_key(|m| (m.offset, m.order));
        let mut pos = 0;
        for m in list {
            let offset = m.offset.min(text.len());
            if offset > pos {
                events.push((
                    Event::Text(CowStr::from(text[pos..offset].to_string())),
                    range.clone(),
                ));
                pos = offset;
            }
            events.push((Event::InlineHtml(CowStr::from(m.html)), range.clone()));
        }
        if pos < text.len() {
            events.push((
                Event::Text(CowStr::from(text[pos..].to_string())),
                range.clone(),
            ));
        }
    }
}

/// A correction's speaker: a registry id, free text, or nothing.
fn correction_speaker(speaker: &str, registry: &Registry) -> Option<Speaker> {
    let speaker = speaker.trim();
    if speaker.is_empty() {
        return None;
    }
    Some(match registry.index_of(speaker) {
        Some(i) => Speaker {
            name: registry.entities[i].name.clone(),
            entity: Some(i),
        },
        None => Speaker {
            name: speaker.to_string(),
            entity: None,
        },
    })
}

/// An error for a correction whose speaker is written as an id (see [`looks_like_id`])
/// that no entity in the registry has, as when the entity was removed or renamed: shown
/// as written, the id would pass for the speaker's name.
fn unknown_speaker_id(c: &QuoteCorrection, file: &Path, registry: &Registry) -> Option<Diagnostic> {
    let speaker = c.speaker.trim();
    if !looks_like_id(speaker) || registry.index_of(speaker).is_some() {
        return None;
    }
    let ids: Vec<&str> = registry.entities.iter().map(|e| e.id.as_str()).collect();
    let help = match crate::error::nearest(speaker, &ids) {
        Some(id) => format!("did you mean `{id}`?"),
        None => "add the entity to content/entities.toml, or write the speaker as a name \
                 (\"Adel Abdul Mahdi\") to show it as written"
            .to_string(),
    };
    Some(
        Diagnostic::error(
            file,
            c.line,
            format!("the correction's speaker `{speaker}` is not an entity id in the registry"),
        )
        .with_help(help),
    )
}

/// Whether a correction's speaker is written as an entity id rather than free text: a
/// slug (lowercase letters, digits and hyphens) with a hyphen or a digit, as in
/// `adel-abdul-mahdi`. One plain lowercase word ("protesters") reads as free text.
fn looks_like_id(speaker: &str) -> bool {
    !speaker.is_empty()
        && speaker == slug::slugify(speaker)
        && speaker.contains(|c: char| c == '-' || c.is_ascii_digit())
}

/// Quote text for prefix comparison: marks and spacing ignored, case folded.
fn normalise_quote_text(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '‘' | '’' | '\''))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Escapes text for HTML element content and attribute values in double quotes, as
/// pulldown-cmark escapes the text of articles and Tera the values in templates (`&`,
/// `<`, `>` and `"`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}
