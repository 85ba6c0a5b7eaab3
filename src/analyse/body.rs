//! What the analysis of one body gives: its annotated HTML with the blocks of plain
//! text, mentions, quotes and quote links found in it ([`AnalysedBody`]), and what the
//! analysis is given ([`AnalyseContext`], [`BodySource`]). The link stage reads these.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::Options;

use crate::annotate::TextBlock;
use crate::annotate::entities::EntityMatcher;
use crate::annotate::quotes::{Speaker, SpeakerNames};
use crate::config::Config;
use crate::content::{QuoteCorrection, Registry};
use crate::error::Diagnostic;
use crate::text::escape_html;

/// What the analyser needs to know about the whole dossier.
pub struct AnalyseContext<'a> {
    pub config: &'a Config,
    pub registry: &'a Registry,
    pub matcher: &'a EntityMatcher,
    /// The registry's names indexed for quote attribution, built once like the matcher.
    pub speakers: &'a SpeakerNames,
    /// Slugs of every article, for `article:` links.
    pub article_slugs: &'a HashSet<String>,
    /// Whether the theme gives this id to an element of its own on a page with
    /// Markdown, given the article slugs.
    pub reserved_id: fn(&str, &HashSet<String>) -> bool,
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
pub(super) const CONTEXT_CHARS: usize = 160;

pub(super) fn shorten_before(before: &str) -> Cow<'_, str> {
    // No more bytes than characters kept: nothing to cut (most sentences).
    if before.len() <= CONTEXT_CHARS {
        return Cow::Borrowed(before);
    }
    match before.char_indices().rev().nth(CONTEXT_CHARS - 1) {
        Some((i, _)) if i > 0 => Cow::Owned(format!("…{}", before[i..].trim_start())),
        _ => Cow::Borrowed(before),
    }
}

pub(super) fn shorten_after(after: &str) -> Cow<'_, str> {
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

impl Quote {
    /// A quotation (not a term) that neither the text nor a correction gives a speaker:
    /// what `dossier check` warns about, and `dossier build` counts.
    pub fn lacks_speaker(&self) -> bool {
        !self.is_term && self.speaker.is_none() && !self.corrected
    }
}

/// An article body, analysed and rendered.
#[derive(Debug, Clone, Default)]
pub struct AnalysedBody {
    pub html: String,
    pub blocks: Vec<TextBlock>,
    pub mentions: Vec<Mention>,
    /// Quotes and terms in document order.
    pub quotes: Vec<Quote>,
    /// Where `html` links each quote to its statement on the quote index, in document
    /// order. Analysis points them at the first page; the link stage, which knows the
    /// page each statement is on, points them there ([`crate::link::Dossier::link`]).
    pub quote_links: Vec<QuoteLink>,
    /// Where `html` may link each figure to its claim on the figures page, in
    /// document order: empty until the link stage, which knows the claims, writes the
    /// links of the figures other outlets report ([`crate::link::Dossier::link`]).
    pub figure_links: Vec<FigureLink>,
    /// The slugs that `article:` links name, sorted: an article that appears or
    /// vanishes changes these links.
    pub article_links: Vec<String>,
    /// The images the body shows from the site itself: each one's path under the site
    /// root (`images/map.png`) and line, for the build to check it is there.
    pub images: Vec<(String, usize)>,
    /// The figures the text reports, in document order ([`super::figures`]).
    pub figures: Vec<Figure>,
    /// The dated events its sentences report, for the timeline ([`super::dates`]): found
    /// with the rest of the analysis, so that the work is done in parallel and once per
    /// edit.
    pub events: Vec<super::dates::DatedEvent>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A figure an article reports: a number, what it counts and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `f-N`, numbered in document order.
    pub anchor: String,
    pub block: usize,
    /// The figure's wording in its block ("some 5,000 US troops").
    pub at: Range<usize>,
    /// Its sentence in the block.
    pub sentence: Range<usize>,
    pub found: crate::annotate::figures::FoundFigure,
    /// Registry indices of the entities named in its clause, sorted (its authority's
    /// excepted).
    pub entities: Vec<usize>,
    /// Those of them whose the things counted are, as the wording says: "5,000 US
    /// troops", "China's 340 million users". Sorted.
    pub owners: Vec<usize>,
    /// The entities of the phrase after it saying where the things counted are ("in
    /// Iraq"; see [`super::figures`]). Sorted.
    pub location: Vec<usize>,
    /// Who the sentence gives it on the authority of: the words after "according to"
    /// or "citing", or the speaker of the quote it is in.
    pub authority: Option<Authority>,
    /// It is inside a quotation.
    pub in_quote: bool,
    /// What a `[[figures]]` correction says of its claim, when one does.
    pub tie: Option<crate::content::FigureTie>,
}

/// Whose figure it is, as the text names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    pub name: String,
    /// Registry index, when a known entity.
    pub entity: Option<usize>,
}

/// A quote's link to the quote index in the body's HTML: the byte range of its `href`
/// value, as written (escaped), and the quote's index in [`AnalysedBody::quotes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLink {
    pub href: Range<usize>,
    pub quote: usize,
}

/// Where a figure's link to its claim goes in the body's HTML (right after the figure's
/// number), and the figure's index in [`AnalysedBody::figures`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureLink {
    pub at: Range<usize>,
    pub figure: usize,
}

impl AnalysedBody {
    /// Points each quote link at the address `href` gives for its quote (by index, and
    /// the quote; unescaped), and rewrites the HTML only when one of them moved.
    pub fn point_quote_links(&mut self, href: impl Fn(usize, &Quote) -> String) {
        let wanted: Vec<String> = self
            .quote_links
            .iter()
            .map(|l| escape_html(&href(l.quote, &self.quotes[l.quote])))
            .collect();
        let mut slots: Vec<&mut Range<usize>> =
            self.quote_links.iter_mut().map(|l| &mut l.href).collect();
        let mut others: Vec<&mut Range<usize>> =
            self.figure_links.iter_mut().map(|l| &mut l.at).collect();
        fill_slots(&mut self.html, &mut slots, &wanted, &mut others);
    }

    /// Writes after each figure's number the HTML `link` gives for it (by index, and
    /// the figure; empty for none), and rewrites the HTML only when one of them changed.
    pub fn point_figure_links(&mut self, link: impl Fn(usize, &Figure) -> String) {
        let wanted: Vec<String> = self
            .figure_links
            .iter()
            .map(|l| link(l.figure, &self.figures[l.figure]))
            .collect();
        let mut slots: Vec<&mut Range<usize>> =
            self.figure_links.iter_mut().map(|l| &mut l.at).collect();
        let mut others: Vec<&mut Range<usize>> =
            self.quote_links.iter_mut().map(|l| &mut l.href).collect();
        fill_slots(&mut self.html, &mut slots, &wanted, &mut others);
    }
}

/// Replaces each slot's range of `html` (in order) with the wanted text, and moves the
/// slots to where their text now is, and `others` (slots of another kind, in order,
/// none inside these) by what was added or taken out before them; leaves `html` as it
/// is when nothing changes.
fn fill_slots(
    html: &mut String,
    slots: &mut [&mut Range<usize>],
    wanted: &[String],
    others: &mut [&mut Range<usize>],
) {
    if slots
        .iter()
        .zip(wanted)
        .all(|(s, w)| html[(**s).clone()] == **w)
    {
        return;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    // Where each slot was, and how much longer the text before its end now is.
    let mut moved: Vec<(usize, isize)> = Vec::with_capacity(slots.len());
    for (slot, w) in slots.iter_mut().zip(wanted) {
        out.push_str(&html[copied..slot.start]);
        copied = slot.end;
        let start = out.len();
        out.push_str(w);
        moved.push((slot.end, out.len() as isize - slot.end as isize));
        **slot = start..out.len();
    }
    out.push_str(&html[copied..]);
    *html = out;
    for other in others.iter_mut() {
        let before = moved.partition_point(|&(end, _)| end <= other.start);
        let shift = before.checked_sub(1).map_or(0, |i| moved[i].1);
        **other = other.start.saturating_add_signed(shift)..other.end.saturating_add_signed(shift);
    }
}

/// Where the body comes from, for messages and anchors.
pub struct BodySource<'a> {
    pub file: &'a Path,
    /// 1-based line of the file on which the body starts.
    pub first_line: usize,
    /// The article's slug (for quote links); `None` for bodies that are not articles.
    pub slug: Option<&'a str>,
    pub corrections: &'a [QuoteCorrection],
    /// `[[figures]]` corrections: the claim a figure belongs to, or none.
    pub figure_corrections: &'a [crate::content::FigureCorrection],
    /// The article's date, which dated events are read against; `None` for bodies that
    /// are not articles, which report none.
    pub date: Option<time::Date>,
    /// Find mentions and quotes (article bodies) or only render (introductions,
    /// entity descriptions).
    pub annotate: bool,
    /// Whether the body is in English, the language of the attribution rules' word lists
    /// (speech verbs, titles): in another, quotes are marked by their quotation marks
    /// but their speakers come only from the front matter's corrections.
    pub english: bool,
}

pub(super) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Marks the place of a quote link's address in the HTML until it is written: the
/// quote's index between two of these. The body has none (see [`without_nul`]).
pub(super) const SLOT: char = '\0';

#[cfg(test)]
mod tests {
    use super::*;

    /// Quote links and figure links are written into the same HTML, in either order,
    /// each time moving the other's places.
    #[test]
    fn quote_and_figure_links_are_filled_in_either_order() {
        let mut body = AnalysedBody {
            html: "<a href=\"\">q</a> 5,000 and 52.".to_string(),
            quote_links: vec![QuoteLink {
                href: 9..9,
                quote: 0,
            }],
            figure_links: vec![
                FigureLink {
                    at: 22..22,
                    figure: 0,
                },
                FigureLink {
                    at: 29..29,
                    figure: 1,
                },
            ],
            ..Default::default()
        };
        body.quotes.push(Quote {
            anchor: "q-1".into(),
            text: "q".into(),
            speaker: None,
            block: 0,
            line: 1,
            is_term: false,
            corrected: false,
        });
        let fig = |n: usize| Figure {
            anchor: format!("f-{n}"),
            block: 0,
            at: 0..0,
            sentence: 0..0,
            found: crate::annotate::figures::find_figures("5,000 troops").remove(0),
            entities: Vec::new(),
            owners: Vec::new(),
            location: Vec::new(),
            authority: None,
            in_quote: false,
            tie: None,
        };
        body.figures = vec![fig(1), fig(2)];
        body.point_figure_links(|f, _| format!("<{f}>"));
        body.point_quote_links(|_, q| format!("/quotes/#{}", q.anchor));
        assert_eq!(
            body.html,
            "<a href=\"/quotes/#q-1\">q</a> 5,000<0> and 52<1>."
        );
        body.point_figure_links(|f, _| {
            if f == 0 {
                String::new()
            } else {
                "[≠]".into()
            }
        });
        body.point_quote_links(|_, _| "/q".into());
        assert_eq!(body.html, "<a href=\"/q\">q</a> 5,000 and 52[≠].");
        body.point_figure_links(|_, _| "!".into());
        assert_eq!(body.html, "<a href=\"/q\">q</a> 5,000! and 52!.");
    }
}
