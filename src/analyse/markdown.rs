//! Markdown to annotated HTML: one body's way through the analysis, and the types it
//! gives the link stage ([`AnalysedBody`], [`Mention`], [`Quote`]).
//!
//! An article body goes through pulldown-cmark once. The events are made safe and plain
//! ([`super::events`]), then the plain text of every leaf block is collected into
//! [`TextBlock`]s ([`super::blocks`]) for the analysers in [`crate::annotate`]. The
//! sentences of each block are found once and serve the mentions' contexts, the figures
//! ([`super::figures`]) and the dated events ([`super::dates`]). The findings come back
//! as byte spans, which are turned into marks (the opening and closing tags of mention
//! links and quote spans) attached to the text events they fall in ([`super::marks`]).
//! Headings and footnotes then get ids unique in the page, clear of the theme's own and
//! of the mention and quote anchors ([`super::ids`]), and the event stream is written
//! out as HTML with the marks in place. Each quote's link to the quote index is noted
//! where it is written ([`QuoteLink`]), for the link stage to point at the page its
//! statement ends up on.
//!
//! Marks never cross an element boundary: a quote that spans emphasis or several
//! paragraphs is wrapped piece by piece, each piece inside one text event, so the HTML
//! always nests correctly.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::blocks::collect_blocks;
use super::body::{AnalyseContext, AnalysedBody, BodySource, FigureLink, QuoteLink, SLOT};
use super::dates::{self, DatedEvent};
use super::events::{Normalised, normalise};
use super::ids::{give_ids, write_footnotes};
use super::marks::{Mark, annotate, apply_marks};
use crate::error::LineIndex;
use crate::text::sentences::Sentences;

/// Analyses and renders one Markdown body.
pub fn analyse_body(body: &str, src: &BodySource<'_>, ctx: &AnalyseContext<'_>) -> AnalysedBody {
    let body = without_nul(body);
    let lines = LineIndex::starting_at(&body, src.first_line);
    let mut diagnostics = Vec::new();
    let Normalised {
        mut events,
        entity_starts,
        mut article_links,
        images,
    } = normalise(&body, src, ctx, &lines, &mut diagnostics);
    article_links.sort_unstable();
    article_links.dedup();
    let collected = collect_blocks(&events, &entity_starts, &lines);
    let mut out = AnalysedBody {
        blocks: collected.blocks,
        article_links,
        images,
        diagnostics,
        ..Default::default()
    };
    let mut marks: HashMap<usize, Vec<Mark>> = HashMap::new();
    if src.annotate {
        // Each block's sentences, found once for the mentions' contexts, the figures and
        // the dated events.
        let sentences: Vec<Sentences> =
            out.blocks.iter().map(|b| Sentences::new(&b.text)).collect();
        let quotes = annotate(
            &mut out,
            &collected.text_events,
            &collected.entity_links,
            src,
            ctx,
            &sentences,
            &mut marks,
        );
        let mut found = super::figures::figures(&out, &quotes, &sentences);
        let unused = super::figures::apply_corrections(&mut found, &out.blocks, src);
        out.diagnostics.extend(unused);
        out.figures = found;
        if src.slug.is_some() {
            super::marks::figure_marks(&out.figures, &quotes, &collected.text_events, &mut marks);
        }
        if let Some(date) = src.date {
            out.events = dates::extract_events(&out.blocks, &sentences, date)
                .into_iter()
                .map(|event| DatedEvent {
                    anchor: dates::nearest_anchor(&out, event.block, event.offset)
                        .map(str::to_string),
                    event,
                })
                .collect();
        }
    }
    let anchors: HashSet<&str> = out
        .mentions
        .iter()
        .map(|m| m.anchor.as_str())
        .chain(out.quotes.iter().map(|q| q.anchor.as_str()))
        .filter(|a| !a.is_empty())
        .collect();
    let footnotes = give_ids(
        &mut events,
        &anchors,
        src,
        ctx,
        &lines,
        &mut out.diagnostics,
    );
    let mut html = String::with_capacity(body.len() * 3 / 2);
    apply_marks(&mut events, marks);
    write_footnotes(&mut events, &footnotes);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    (out.html, out.quote_links, out.figure_links) = take_slots(html);
    // Until quotes are clustered, every link points at the first page of the index.
    let slug = src.slug.unwrap_or_default();
    out.point_quote_links(|_, quote| ctx.config.url(&format!("/quotes/#{slug}-{}", quote.anchor)));
    out
}

/// Takes the link slots out of the HTML, noting where each quote link's address goes
/// and where each figure's link goes (empty ranges until
/// [`AnalysedBody::point_quote_links`] and [`AnalysedBody::point_figure_links`] write
/// them). A slot holds a quote's index, or `f` and a figure's.
fn take_slots(html: String) -> (String, Vec<QuoteLink>, Vec<FigureLink>) {
    if !html.contains(SLOT) {
        return (html, Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(html.len());
    let (mut quotes, mut figures) = (Vec::new(), Vec::new());
    let mut rest = html.as_str();
    while let Some(open) = rest.find(SLOT) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(SLOT).expect("slots come in pairs");
        let at = out.len()..out.len();
        match after[..close].strip_prefix('f') {
            Some(n) => figures.push(FigureLink {
                at,
                figure: n.parse().expect("a figure slot holds its index"),
            }),
            None => quotes.push(QuoteLink {
                href: at,
                quote: after[..close].parse().expect("a slot holds a quote index"),
            }),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    (out, quotes, figures)
}

/// The body with every NUL replaced by U+FFFD, as CommonMark asks for safety; the HTML
/// written from it then holds no NUL but the quote link slots ([`SLOT`]).
pub(super) fn without_nul(body: &str) -> Cow<'_, str> {
    if body.contains('\0') {
        Cow::Owned(body.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(body)
    }
}
