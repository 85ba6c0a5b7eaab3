//! The candidates table: every surface form seen in the articles, keyed by its
//! normalised spelling, with its occurrences and what its contexts say about it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::evidence::Evidence;
use super::known;
use super::stats::Stats;
use super::words::{self, Shape};
use crate::text::lexicon;

/// Where a candidate occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Occurrence {
    pub(super) article: usize,
    pub(super) block: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// One surface form seen in the articles, with its statistics.
#[derive(Debug, Clone, Default)]
pub(super) struct Candidate {
    /// As first written (white space collapsed).
    pub(super) surface: String,
    pub(super) occurrences: Vec<Occurrence>,
    pub(super) evidence: Evidence,
    /// Titles stripped in front of it, with counts.
    pub(super) titles: BTreeMap<String, usize>,
    /// Registry entities whose mentions lie inside it.
    pub(super) contains: BTreeSet<usize>,
    /// A description such as "Iraqi parliament": (the place, the institution).
    pub(super) description: Option<(String, String)>,
    /// Occurrences directly followed by another word, as an adjective is by its noun.
    pub(super) attributive: usize,
    /// A lone word also written in lower case, or an adjective of nationality.
    pub(super) common: bool,
}

impl Candidate {
    pub(super) fn words(&self) -> Vec<&str> {
        self.surface.split(' ').collect()
    }

    pub(super) fn is_acronym(&self) -> bool {
        !self.surface.contains(' ') && words::shape_of(&self.surface) == Shape::Acronym
    }

    /// Two to five capitalised words with nothing that says "institution" or "place";
    /// initials may stand before the last ("Soren B. Nielsen", "N. Nilsen").
    pub(super) fn is_person_shaped(&self) -> bool {
        let words = self.words();
        (2..=5).contains(&words.len())
            && words[0] != "The"
            && self.description.is_none()
            && words.iter().enumerate().all(|(k, w)| {
                (k + 1 < words.len() && words::shape_of(w) == Shape::Initial)
                    || w.split('-').all(|part| {
                        lexicon::is_particle(part)
                            || (words::shape_of(part) == Shape::Name
                                && !lexicon::is_kind_word(part))
                    })
            })
    }

    /// Shaped like a personal name, and opening with a common given name or an
    /// initial, or seen after a title: a person's name, not a company's that has the
    /// shape ("Deutsche Boerse"), which may say things too.
    pub(super) fn is_known_person(&self) -> bool {
        let first = self.words()[0];
        self.is_person_shaped()
            && (known::is_given_name(first)
                || words::shape_of(first) == Shape::Initial
                || self.evidence.title > 0)
    }

    /// A lone word that cannot be another name's short form: written in lower case
    /// elsewhere ("Gold"), an adjective of nationality ("German"), or a place in the
    /// gazetteer ("Madrid", "Canada").
    pub(super) fn is_common_or_place(&self) -> bool {
        self.common || known::is_place(&self.surface)
    }
}

/// The candidates of the whole collection, in order of first occurrence.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) candidates: Vec<Candidate>,
    pub(super) index: HashMap<String, usize>,
    /// Pairs of candidates seen as "A (B)".
    pub(super) parenthetical: Vec<(usize, usize)>,
    /// The last words of personal names ("Costa" of "Jorge Costa"), filled by
    /// [`Table::find_surnames`].
    pub(super) surnames: HashSet<String>,
    /// The first words of organisations' names ("Kanda" of "Kanda Motor Co"), filled
    /// by [`Table::find_organisation_heads`].
    pub(super) organisation_heads: HashSet<String>,
}

impl Table {
    pub(super) fn add(&mut self, key: &str, surface: &str, occurrence: Occurrence) -> usize {
        let index = *self.index.entry(key.to_string()).or_insert_with(|| {
            self.candidates.push(Candidate {
                surface: surface.split_whitespace().collect::<Vec<_>>().join(" "),
                ..Candidate::default()
            });
            self.candidates.len() - 1
        });
        self.candidates[index].occurrences.push(occurrence);
        index
    }

    /// Empties the single capitalised words that are mostly written in lower case,
    /// and those used only as adjectives ("French activist", "French government"):
    /// adjectives of nationality that cannot be derived from a place in the text, and
    /// names of nationality of any length ("South Koreans"). The
    /// words kept are marked `common` when they are also written in lower case or are
    /// adjectives of nationality: such words are no one's short form.
    pub(super) fn drop_ordinary_words(&mut self, stats: &Stats) {
        for c in &mut self.candidates {
            // "Germans", "South Koreans": people of a place, not a name to suggest.
            if c.description.is_none() && stats.is_demonym(&c.surface) {
                c.occurrences.clear();
                continue;
            }
            let single = !c.surface.contains(' ') && !c.surface.contains('-');
            if !single || words::shape_of(&c.surface) != Shape::Name {
                continue;
            }
            let count = c.occurrences.len();
            let adjective = count >= 3 && c.attributive * 10 >= count * 9;
            if adjective || stats.is_ordinary(&c.surface) {
                c.occurrences.clear();
            }
            c.common =
                stats.lower_count(&c.surface) > 0 || stats.demonym_base(&c.surface).is_some();
        }
    }
}

impl Table {
    /// Records the last words of the names known to be people's
    /// ([`Candidate::is_known_person`]). A lone word that is one ("Costa", of "Jorge
    /// Costa" and "Rui Costa") names a person even when it cannot tell which.
    pub(super) fn find_surnames(&mut self) {
        self.surnames = self
            .candidates
            .iter()
            .filter(|c| !c.occurrences.is_empty() && c.is_known_person())
            .filter_map(|c| c.surface.rsplit(' ').next())
            .map(str::to_string)
            .collect();
    }
}

impl Table {
    /// Records the first words of the organisations' names of two words or more
    /// ("Kanda" of "Kanda Motor Co"): such a word alone is the organisation's short
    /// form, not a person's. A place that begins one ("Chicago" of "Chicago Board of
    /// Trade") is still a place.
    pub(super) fn find_organisation_heads(&mut self) {
        self.organisation_heads = self
            .candidates
            .iter()
            .filter(|c| !c.occurrences.is_empty())
            .map(Candidate::words)
            .filter(|w| w.len() >= 2 && w[1..].iter().any(|x| lexicon::is_organisation_word(x)))
            .filter(|w| !known::is_place(w[0]))
            .map(|w| w[0].to_string())
            .collect();
    }
}

/// The same name written with straight apostrophes and single spaces.
pub(super) fn normalise(surface: &str) -> String {
    surface
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(words::is_apostrophe, "'")
}
