//! Mentions and quotations found in the plain text, turned into marks: the opening and
//! closing tags of mention links and quote spans, attached to the text events they fall
//! in, and written into the event stream. Marks never cross an element boundary: a
//! quote that spans emphasis or several paragraphs is wrapped piece by piece.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event};

use super::blocks::{EntityLink, TextEvent};
use super::body::{AnalyseContext, AnalysedBody, BodySource, Mention, Quote, SLOT};
use crate::annotate::TextPos;
use crate::annotate::quotes::{Speaker, find_quotes_indexed};
use crate::content::{QuoteCorrection, Registry};
use crate::error::Diagnostic;
use crate::text::escape_html;
use crate::text::sentences::Sentences;

/// An opening or closing tag to insert into a text event at a byte offset of its text.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub(super) offset: usize,
    /// Order among marks at the same offset: closers first, then openers, so that
    /// elements nest.
    pub(super) order: u8,
    pub(super) html: String,
}

/// A figure's number holds no mention, so its closing tag shares the mentions' place.
pub(super) const CLOSE_FIGURE: u8 = 0;
pub(super) const CLOSE_MENTION: u8 = 0;
pub(super) const CLOSE_QUOTE: u8 = 1;
pub(super) const QUOTE_LINK: u8 = 2;
pub(super) const OPEN_QUOTE: u8 = 3;
pub(super) const OPEN_MENTION: u8 = 4;
pub(super) const OPEN_FIGURE: u8 = 5;

/// Marks each figure's number with a span (`id="f-N"`), followed by a slot for the link
/// to its claim, which the link stage fills when other outlets report it
/// ([`crate::analyse::body::AnalysedBody::point_figure_links`]). A number that crosses
/// a quote's edge or an element's is left unmarked.
pub(super) fn figure_marks(
    figures: &[super::body::Figure],
    quotes: &[(TextPos, TextPos, usize)],
    text_events: &[TextEvent],
    marks: &mut HashMap<usize, Vec<Mark>>,
) {
    let quote_ranges: Vec<(TextPos, TextPos)> = quotes.iter().map(|&(s, e, _)| (s, e)).collect();
    for (i, f) in figures.iter().enumerate() {
        let range = &f.found.number;
        let Some(t) = text_event_at(text_events, f.block, range) else {
            continue;
        };
        if crosses_quote(&quote_ranges, f.block, range) {
            continue;
        }
        let list = marks.entry(t.event).or_default();
        list.push(Mark {
            offset: range.start - t.start,
            order: OPEN_FIGURE,
            html: format!("<span class=\"figure\" id=\"{}\">", f.anchor),
        });
        list.push(Mark {
            offset: range.end - t.start,
            order: CLOSE_FIGURE,
            html: format!("</span>{SLOT}f{i}{SLOT}"),
        });
    }
}

/// Finds mentions and quotes, records them in `out` and the marks to draw them.
/// Returns where each quote (not term) is, with its index in `out.quotes`.
#[allow(clippy::too_many_arguments)]
pub(super) fn annotate(
    out: &mut AnalysedBody,
    text_events: &[TextEvent],
    entity_links: &[EntityLink],
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    sentences: &[Sentences],
    marks: &mut HashMap<usize, Vec<Mark>>,
) -> Vec<(TextPos, TextPos, usize)> {
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
    let mut quote_places = Vec::new();
    let mut q_n = 0;
    let mut used_corrections = vec![false; src.corrections.len()];
    let corrections: Vec<String> = src
        .corrections
        .iter()
        .map(|c| normalise_quote_text(&c.text))
        .collect();
    for q in &quotes {
        quote_ranges.push((q.start, q.end));
        // The attribution rules read English.
        let mut speaker = if src.english { q.speaker.clone() } else { None };
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
            (src.slug.is_some()).then_some(out.quotes.len()),
            text_events,
            marks,
        );
        if !q.is_term {
            quote_places.push((q.start, q.end, out.quotes.len()));
        }
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
        let sentence = sentences[b].around(&range);
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
    quote_places
}

/// The text event that holds all of `range` in block `b`. Events are sorted by (block,
/// start) and follow one another in a block, so it can only be the first one of the
/// block that ends at or after the range.
pub(super) fn text_event_at<'e>(
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
pub(super) fn crosses_quote(quotes: &[(TextPos, TextPos)], b: usize, range: &Range<usize>) -> bool {
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

pub(super) fn mention_open(
    anchor: Option<&str>,
    e: &crate::content::Entity,
    ctx: &AnalyseContext<'_>,
) -> String {
    let id = anchor.map(|a| format!(" id=\"{a}\"")).unwrap_or_default();
    format!(
        "<a class=\"mention\"{id} href=\"{}\" data-kind=\"{}\">",
        escape_html(&ctx.config.url(&format!("/entities/{}/", e.id))),
        e.kind.as_str()
    )
}

#[allow(clippy::too_many_arguments)]
pub(super) fn add_quote_marks(
    start: TextPos,
    end: TextPos,
    anchor: &str,
    is_term: bool,
    speaker: Option<&Speaker>,
    link: Option<usize>,
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
                    // A NUL in a name (from a correction or the registry) would read as
                    // a quote link slot: it becomes U+FFFD, as in the body.
                    let name = sp.name.replace(SLOT, "\u{FFFD}");
                    attrs.push_str(&format!(" data-speaker=\"{}\"", escape_html(&name)));
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
    if let (Some((event, offset)), false, Some(quote)) = (last, is_term, link) {
        marks.entry(event).or_default().push(Mark {
            offset,
            order: QUOTE_LINK,
            html: format!(
                "<a class=\"quote-link\" href=\"{SLOT}{quote}{SLOT}\" title=\"Compare this quote across sources\" aria-label=\"Compare this quote across sources\">⇄</a>"
            ),
        });
    }
}

/// Splits each text event at its marks, inserting them as inline HTML.
pub(super) fn apply_marks(
    events: &mut Vec<(Event<'_>, Range<usize>)>,
    mut marks: HashMap<usize, Vec<Mark>>,
) {
    if marks.is_empty() {
        return;
    }
    let old = std::mem::take(events);
    // Each mark adds its own event and may cut a text event in two.
    events.reserve(old.len() + 2 * marks.values().map(Vec::len).sum::<usize>());
    for (i, (event, range)) in old.into_iter().enumerate() {
        let Some(mut list) = marks.remove(&i) else {
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
pub(super) fn correction_speaker(speaker: &str, registry: &Registry) -> Option<Speaker> {
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
pub(super) fn unknown_speaker_id(
    c: &QuoteCorrection,
    file: &Path,
    registry: &Registry,
) -> Option<Diagnostic> {
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
pub(super) fn looks_like_id(speaker: &str) -> bool {
    !speaker.is_empty()
        && speaker == slug::slugify(speaker)
        && speaker.contains(|c: char| c == '-' || c.is_ascii_digit())
}

/// Quote text for prefix comparison: marks and spacing ignored, case folded.
pub(super) fn normalise_quote_text(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '‘' | '’' | '\''))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
