//! The Markdown event stream made safe and plain for analysis: soft breaks folded into
//! text and adjacent text joined (so that a name is never split between events),
//! `entity:` and `article:` links resolved, and, unless the dossier allows raw HTML,
//! raw HTML escaped, heading attributes kept to an id and classes, and link and image
//! addresses that would run script disabled. Editor's notes (`> [!NOTE]`) and image
//! captions are marked here too.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::body::{AnalyseContext, BodySource, parser_options};
use super::marks::mention_open;
use crate::error::{Diagnostic, LineIndex};

/// How deeply blocks and inline elements may nest. Real articles use a handful of
/// levels; thousands (a pasted or generated file) would make pages browsers choke on.
pub const MAX_NESTING: usize = 32;

/// Events with their source ranges.
pub(super) type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The event stream made safe, with what its links name.
pub(super) struct Normalised<'a> {
    pub(super) events: Events<'a>,
    /// Event index of each `entity:` link's start -> registry index.
    pub(super) entity_starts: HashMap<usize, usize>,
    /// The slugs of `article:` links.
    pub(super) article_links: Vec<String>,
    /// The images shown from the site itself: path under the site root, and line.
    pub(super) images: Vec<(String, usize)>,
}

/// Parses and normalises the event stream (see the module docs).
pub(super) fn normalise<'a>(
    body: &'a str,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    lines: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Normalised<'a> {
    let mut entity_starts = HashMap::new();
    let mut article_links = Vec::new();
    let mut images = Vec::new();
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
            // Raw HTML not allowed is shown as the text it is; a block of it stands as
            // a block of code, not as loose text after the last paragraph, and is not
            // read for names and quotes.
            Event::Start(Tag::HtmlBlock) if !unsafe_html => Event::Start(Tag::CodeBlock(
                pulldown_cmark::CodeBlockKind::Fenced(CowStr::Borrowed("html")),
            )),
            Event::End(TagEnd::HtmlBlock) if !unsafe_html => Event::End(TagEnd::CodeBlock),
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
            }) => {
                let dest_url = site_url(
                    inert_url(dest_url, "image", ctx, src.file, line(), diagnostics),
                    ctx,
                    src.file,
                );
                if let Some(path) = site_path(&dest_url, &ctx.config.base_path) {
                    images.push((path, line()));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
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
                match &rewrite {
                    LinkRewrite::Entity(e) => {
                        entity_starts.insert(events.len(), *e);
                    }
                    LinkRewrite::Article(slug) => article_links.push(slug.clone()),
                    LinkRewrite::Kept | LinkRewrite::Dropped => {}
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
    Normalised {
        events,
        entity_starts,
        article_links,
        images,
    }
}

/// The file an address under the site's base path names (`/sub/images/a%20b.png` ->
/// `images/a b.png`), or none for an address elsewhere.
fn site_path(url: &str, base_path: &str) -> Option<String> {
    let url = url.trim();
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(base_path)?;
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let path = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    (!path.is_empty()).then(|| path.into_owned())
}

/// Puts the text joined so far into the last event, which it extends.
pub(super) fn finish_joined(events: &mut Events<'_>, joined: &mut Option<String>) {
    if let (Some(text), Some((Event::Text(last), _))) = (joined.take(), events.last_mut()) {
        *last = CowStr::from(text);
    }
}

/// What became of a link's start tag.
pub(super) enum LinkRewrite {
    Kept,
    /// An `article:` link to the article of this slug.
    Article(String),
    /// An `entity:` link: a mention of the registry entity.
    Entity(usize),
    /// An unresolvable link: its text is kept, the link dropped.
    Dropped,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn rewrite_link<'a>(
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
            LinkRewrite::Article(slug.to_string()),
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
            dest_url: site_url(
                inert_url(dest_url, "link", ctx, src.file, line, diagnostics),
                ctx,
                src.file,
            ),
            title,
            id,
        })),
    )
}

/// A link's or image's address as the site must write it, wherever the site is
/// published: a root-relative address (`/images/map.png`, `/about/`) goes under the
/// site's base path, unless it is written under it already; a relative one that leads
/// from the Markdown file into `static/` (`../../static/images/map.png`, as an editor's
/// preview resolves it) becomes the address of that file. Any other address is left as
/// written: an absolute one, an anchor, or a relative one, which the browser resolves
/// against the page's own address (`../other-article/` from an article).
pub(super) fn site_url<'a>(url: CowStr<'a>, ctx: &AnalyseContext<'_>, file: &Path) -> CowStr<'a> {
    let written = url.trim();
    let base_path = ctx.config.base_path.as_str();
    if written.starts_with('/') {
        if written.starts_with("//") || base_path == "/" || written.starts_with(base_path) {
            return url;
        }
        return CowStr::from(ctx.config.url(written));
    }
    if written.is_empty() || written.starts_with(['#', '?']) || url::Url::parse(written).is_ok() {
        return url;
    }
    let source = file.to_string_lossy().replace('\\', "/");
    let target = url::Url::parse("file:///")
        .and_then(|root| root.join(&source))
        .and_then(|source| source.join(written));
    let Some(target) = target.ok() else {
        return url;
    };
    match target.path().strip_prefix("/static/") {
        Some(path) => {
            let mut site = ctx.config.url(path);
            if let Some(q) = target.query() {
                site.push('?');
                site.push_str(q);
            }
            if let Some(f) = target.fragment() {
                site.push('#');
                site.push_str(f);
            }
            CowStr::from(site)
        }
        None => url,
    }
}

/// The scheme of a URL that can run script (`javascript:`, `vbscript:`, `data:`), read
/// as a browser reads it: without whitespace and control characters, in any case.
pub(super) fn script_scheme(url: &str) -> Option<&'static str> {
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
pub(super) fn inert_url<'a>(
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
pub(super) fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A heading's `{…}` attributes as a dossier without raw HTML allows them: an `{#id}`
/// and `.class`es of safe characters ([`is_safe_name`]) and nothing else, which could
/// carry script (`onclick=…`) or restyle the page. What is dropped is named in a warning.
pub(super) fn safe_heading_attributes<'a>(
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

pub(super) fn alert_names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
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
pub(super) fn mark_captions(events: &mut [(Event<'_>, Range<usize>)]) {
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
