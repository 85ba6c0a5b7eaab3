//! Quote finding and attribution: every quoted span of an article, whether it is a
//! quotation or a term, and who said it.
//!
//! The work is split in two passes over an article's [`TextBlock`]s, each in its own
//! submodule:
//!
//! 1. `marks` pairs double quotation marks (curly, straight, low, guillemets) into
//!    spans. It decides the direction of each mark from its neighbours, keeps a broken
//!    quote inside its paragraph, ends a quote whose mark reopens after a sentence end
//!    (paragraphs run together in scraped text), and joins a quotation that runs over several
//!    paragraphs (no closing mark at the end of one, an opening mark at the start of the
//!    next) into **one** quote spanning the blocks: that is how the reader sees it, and
//!    a shorter report of part of it still clusters with it by containment. Single
//!    quotes inside a quote are recorded as nested quotes, never confused with
//!    apostrophes.
//! 2. `attribution` reads the sentence around each quote for the constructions
//!    newswriting uses to name a speaker (`"...," X said`, `X said: "..."`, `according
//!    to X`, `X rallied supporters, saying: "..."`, `quoted X as saying`, `he said`
//!    after a named speaker, "the mayor" for the one person introduced as mayor, a
//!    paragraph of pure quotation continuing the previous speaker) and maps the speaker
//!    to a registry entity through the mentions found in the speaker's phrase, or an
//!    exact name match. Precision comes first: a quote with no recognised construction
//!    gets no speaker, and every rule's precision is measured on the corpora
//!    (`tests/quotes_corpus.rs`).
//!
//! A quoted span of fewer than `min_words` words is a term ("occupiers", "martyr") with
//! `is_term` set, unless a construction of its own names who said it and it is not a
//! single word or a title: then it is a fragment of that person's words (`X said the
//! plan was "rash and negligent"`). Scare quotes rarely match a construction and stay
//! unattributed terms.
//!
//! [`QuoteFinder`] keeps a lower-cased index of registry names for a whole build;
//! [`SpeakerNames`] is that index alone, for a build that keeps it beside the entity
//! matcher and calls [`find_quotes_indexed`]; [`find_quotes`] is the one-off form,
//! which scans the registry only when a free-text speaker needs looking up. Text
//! helpers (sentences, words, word lists) live in `text`.
//!
//! Attribution reads the mentions [`crate::annotate::entities`] found; that module
//! knows nothing of quotes.

mod attribution;
mod marks;
pub(crate) mod text;

use crate::annotate::entities::FoundMention;
use crate::annotate::{TextBlock, TextPos};
use crate::content::registry::Registry;

use attribution::{Attributor, NameIndex};

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as the text names them ("Adel Abdul Mahdi", "one demonstrator"),
    /// or the registry name when the speaker is a known entity.
    pub name: String,
    /// Registry index when the speaker is a known entity.
    pub entity: Option<usize>,
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerSource {
    /// Named (or referred to by a pronoun) in the quote's own sentence.
    Named,
    /// Shared with a neighbouring quote of the same sentence or attribution
    /// (`X said: "A" and "B"`, `"A," he said. "B."`).
    Shared,
    /// A paragraph of pure quotation continuing the previous paragraph's speaker.
    Continued,
    /// The subject of the reporting verb whose reported speech the quote is worked
    /// into (`X called the plan "..."`, `X says the deal is "..."`).
    Reported,
}

/// A quoted span found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Position of the opening quotation mark.
    pub start: TextPos,
    /// Position just after the closing quotation mark (or the end of the last block
    /// of a quote that never closes).
    pub end: TextPos,
    /// The quoted words, without the outer marks; paragraphs joined by a space.
    pub text: String,
    pub speaker: Option<Speaker>,
    /// Fewer than `min_words` words: a term ("occupiers"), not a quote.
    pub is_term: bool,
    /// Where the text names the speaker for this quote (the name, the phrase or the
    /// pronoun), when the attribution is [`SpeakerSource::Named`].
    pub speaker_span: Option<(TextPos, TextPos)>,
    /// How the speaker was found; `None` when there is no speaker.
    pub speaker_source: Option<SpeakerSource>,
    /// Quotations in single marks inside this one: opening mark to just after the
    /// closing mark.
    pub nested: Vec<(TextPos, TextPos)>,
}

/// Finds and attributes quotes with a registry index built once, for analysing many
/// articles against the same registry.
#[derive(Debug, Clone)]
pub struct QuoteFinder<'r> {
    registry: &'r Registry,
    names: SpeakerNames,
    min_words: usize,
}

impl<'r> QuoteFinder<'r> {
    /// Indexes the registry's names; `min_words` is the shortest quote that is not a term.
    pub fn new(registry: &'r Registry, min_words: usize) -> Self {
        QuoteFinder {
            registry,
            names: SpeakerNames::new(registry),
            min_words,
        }
    }

    /// Finds the quotations in an article's blocks and attributes them, in document order.
    /// `mentions` are the article's registry mentions (any order).
    pub fn find(&self, blocks: &[TextBlock], mentions: &[FoundMention]) -> Vec<FoundQuote> {
        find_quotes_indexed(blocks, mentions, self.registry, &self.names, self.min_words)
    }
}

/// The registry's names and aliases by lower-case form, for attributing quotes to
/// speakers named in free text. Build it once per registry: without it each such
/// speaker is looked up by scanning the whole registry.
#[derive(Debug, Clone, Default)]
pub struct SpeakerNames(NameIndex);

impl SpeakerNames {
    pub fn new(registry: &Registry) -> Self {
        SpeakerNames(NameIndex::build(registry))
    }
}

/// [`find_quotes`] with the registry's names already indexed.
pub fn find_quotes_indexed(
    blocks: &[TextBlock],
    mentions: &[FoundMention],
    registry: &Registry,
    names: &SpeakerNames,
    min_words: usize,
) -> Vec<FoundQuote> {
    find_with(blocks, mentions, registry, &names.0, min_words)
}

/// Finds the quotations in an article's blocks and attributes them, in document order.
///
/// Spans of fewer than `min_words` words are returned as terms (`is_term`). Every
/// offset lies on a `char` boundary of its block; a quote may span several blocks.
pub fn find_quotes(
    blocks: &[TextBlock],
    mentions: &[FoundMention],
    registry: &Registry,
    min_words: usize,
) -> Vec<FoundQuote> {
    find_with(
        blocks,
        mentions,
        registry,
        &NameIndex::scanning(),
        min_words,
    )
}

fn find_with(
    blocks: &[TextBlock],
    mentions: &[FoundMention],
    registry: &Registry,
    names: &NameIndex,
    min_words: usize,
) -> Vec<FoundQuote> {
    let spans = marks::find_spans(blocks);
    if spans.is_empty() {
        return Vec::new();
    }
    let attributions = Attributor::new(blocks, mentions, registry, names, &spans).attribute_all();
    spans
        .iter()
        .zip(attributions)
        .map(|(s, a)| {
            let text = s.text(blocks);
            // A short span worked into a sentence that names, before it, who said it is
            // a fragment of their words (`X called the plan "rash and negligent"`), not
            // a term; a single word or a title stays a term.
            let own = matches!(
                a.source,
                Some(SpeakerSource::Named | SpeakerSource::Reported)
            );
            let named_before = a.span.is_some_and(|(from, _)| from < s.start);
            let fragment =
                a.speaker.is_some() && own && named_before && attribution::worth_reporting(&text);
            let is_term = text::word_count(&text) < min_words && !fragment;
            FoundQuote {
                start: s.start,
                end: s.end,
                text,
                speaker: a.speaker,
                is_term,
                speaker_span: a.span,
                speaker_source: a.source,
                nested: s.nested.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
