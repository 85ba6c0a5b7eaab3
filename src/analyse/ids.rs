//! Ids for the headings and footnotes of a page, unique in it: clear of each other, of
//! the mention and quote anchors, and of the theme's own ids.
//!
//! Footnotes are numbered in the order they are first cited. A definition gets
//! `fn-<label>`, each citation `fnref-<label>` (`-2`, `-3` for the next ones), and the
//! definition links back to every place that cites it, as GitHub does
//! ([`write_footnotes`]).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::body::{AnalyseContext, BodySource};
use crate::error::{Diagnostic, LineIndex};

/// The ids of one page's headings and footnotes: each taken once, none of those
/// `reserved` says the page already uses (which must be finitely many).
///
/// The next suffix to try is remembered per base, so that a page with N headings of
/// the same text costs N steps, not N² ([`PageIds::probes`] counts them).
pub struct PageIds<F> {
    pub(super) taken: HashSet<String>,
    pub(super) next: HashMap<String, usize>,
    pub(super) reserved: F,
    pub(super) probes: usize,
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
pub(super) enum Clash {
    /// An earlier heading, on this line, wrote it.
    Written(usize),
    /// The anchor of a mention or quote on the page.
    Anchor,
    /// The theme's own.
    Theme,
}

/// The footnotes of a page: their numbers and ids, and the ids of their citations.
#[derive(Debug, Default)]
pub(super) struct Footnotes {
    /// Per citation, in document order: its own id, its note's id and number.
    citations: Vec<(String, String, usize)>,
    /// Per note id: its number and the ids of its citations.
    notes: HashMap<String, (usize, Vec<String>)>,
}

/// Gives every heading and footnote of a page an id of its own, and every citation of a
/// footnote its own id and the note's number. Written `{#id}`s come first, first come
/// first served, then ids made from heading text and footnote labels in document
/// order. None takes a mention's or quote's anchor (`anchors`) or an id of the theme's;
/// a written id that would is replaced, with a warning.
pub(super) fn give_ids(
    events: &mut [(Event<'_>, Range<usize>)],
    anchors: &HashSet<&str>,
    src: &BodySource<'_>,
    ctx: &AnalyseContext<'_>,
    lines: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Footnotes {
    let mut ids =
        PageIds::new(|id: &str| anchors.contains(id) || (ctx.reserved_id)(id, ctx.article_slugs));
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
    let mut notes = Footnotes::default();
    if footnotes.is_empty() {
        return notes;
    }
    // A note's number is its place among the notes seen so far.
    for (event, _) in events.iter() {
        if let Event::FootnoteReference(label) = event
            && let Some(note) = footnotes.get(&label.to_lowercase())
        {
            let next = notes.notes.len() + 1;
            let citation = ids.take_unique(&format!("fnref-{}", label_slug(label)));
            let (number, cited) = notes
                .notes
                .entry(note.clone())
                .or_insert((next, Vec::new()));
            cited.push(citation.clone());
            notes.citations.push((citation, note.clone(), *number));
        }
    }
    // Notes nothing cites come last, in the order they are written.
    for (event, _) in events.iter() {
        if let Event::Start(Tag::FootnoteDefinition(note)) = event {
            let next = notes.notes.len() + 1;
            notes
                .notes
                .entry(note.to_string())
                .or_insert((next, Vec::new()));
        }
    }
    notes
}

/// A footnote label as a piece of an id: its slug, or `note`.
fn label_slug(label: &str) -> String {
    let slug = crate::text::slug(label);
    if slug.is_empty() {
        "note".to_string()
    } else {
        slug
    }
}

/// Writes the footnotes' markup into the events: each citation a numbered link to its
/// note, each note its number and links back to where it is cited (inside its last
/// paragraph). Runs after [`give_ids`], in the same document order.
pub(super) fn write_footnotes<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    footnotes: &Footnotes,
) {
    if footnotes.notes.is_empty() {
        return;
    }
    let mut citations = footnotes.citations.iter();
    let mut open: Vec<String> = Vec::new();
    let mut out: Vec<(Event<'a>, Range<usize>)> = Vec::with_capacity(events.len() + 8);
    for (event, range) in events.drain(..) {
        match event {
            Event::FootnoteReference(label) => match citations.next() {
                Some((id, note, number)) => out.push((
                    Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#{note}\">{number}</a></sup>"
                    ))),
                    range,
                )),
                None => out.push((Event::FootnoteReference(label), range)),
            },
            Event::Start(Tag::FootnoteDefinition(note)) => {
                let number = footnotes.notes.get(note.as_ref()).map_or(0, |n| n.0);
                out.push((
                    Event::Html(CowStr::from(format!(
                        "<div class=\"footnote-definition\" id=\"{note}\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
                    ))),
                    range,
                ));
                open.push(note.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let note = open.pop().unwrap_or_default();
                let back: String = footnotes
                    .notes
                    .get(&note)
                    .map(|(_, cited)| {
                        cited
                            .iter()
                            .enumerate()
                            .map(|(k, id)| match k {
                                0 => format!(" <a class=\"footnote-backref\" href=\"#{id}\" aria-label=\"Back to where it is cited\">↩</a>"),
                                k => format!(" <a class=\"footnote-backref\" href=\"#{id}\" aria-label=\"Back to where it is cited ({})\">↩<sup>{}</sup></a>", k + 1, k + 1),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if !back.is_empty() {
                    // Inside the note's last paragraph when it ends with one.
                    match out.last() {
                        Some((Event::End(TagEnd::Paragraph), last)) => {
                            let at = last.clone();
                            let i = out.len() - 1;
                            out.insert(i, (Event::InlineHtml(CowStr::from(back)), at));
                        }
                        _ => out.push((Event::Html(CowStr::from(back)), range.clone())),
                    }
                }
                out.push((Event::Html(CowStr::Borrowed("</div>\n")), range));
            }
            other => out.push((other, range)),
        }
    }
    *events = out;
}

/// What the id of the heading or footnote that event `i` opens is made from: its
/// written id, its text as a slug, or its label.
pub(super) fn id_base(events: &[(Event<'_>, Range<usize>)], i: usize) -> String {
    match &events[i].0 {
        Event::Start(Tag::Heading { id: Some(id), .. }) => id.to_string(),
        Event::Start(Tag::FootnoteDefinition(label)) => format!("fn-{}", label_slug(label)),
        _ => {
            let mut text = String::new();
            for (e, _) in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let slug = crate::text::slug(&text);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        }
    }
}
