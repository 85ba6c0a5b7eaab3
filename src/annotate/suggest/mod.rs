//! `dossier entities suggest`: names in the articles that the registry lacks.
//!
//! This module reads every article and proposes `[[entity]]` tables for the names the
//! registry does not know yet, plus new spellings of the entities it does know. Its
//! output is TOML to paste into `content/entities.toml`, with the reasons as comments,
//! so an editor can keep, fix or delete each proposal. It is a heuristic with a human
//! behind it: it prefers to say why it suggests something over being clever in silence.
//!
//! # Shape
//!
//! The work is a pipeline over the whole collection, because single articles say too
//! little: whether "Parliament" is a name or a sentence-initial common noun is only
//! clear from the rest of the text.
//!
//! 1. **Words** (`words`). Each block is split into tokens (hyphenated words into
//!    their parts, possessives set aside, "U.S." and "Gen." kept whole) with their
//!    shape (capitalised, acronym, lower case...) and sentence starts. Counts over the
//!    whole collection record how often each word is written in lower case and how
//!    often capitalised in mid-sentence.
//! 2. **Runs.** A run is a maximal sequence of capitalised words and acronyms joined by
//!    spaces or hyphens, allowing name particles inside ("Abu Mahdi al-Muhandis",
//!    "Osama bin Laden"; one that is an English word, "at" or "as", only before a
//!    hyphen) and "of"/"for"/"on" after an institution word ("Council of
//!    Representatives").
//! 3. **Cleaning.** Sentence-initial function words ("The", "But", "In") are stripped;
//!    a capitalised "The" inside a sentence stays ("The Times"). Whatever stands before
//!    a title followed by a name qualifies the person and goes with the title
//!    ("Iraqi Prime Minister Adil Abd al-Mahdi", "Belgian Foreign Minister ..."); the
//!    title is kept as evidence; so does a nationality before a personal name
//!    ("Moroccan Ahmed Tazi", "Englishman Tom Ashcroft"). A trailing title goes too
//!    ("UN Secretary-General").
//!    Titles, months, weekdays and adjectives of nationality alone are not entities.
//!    A second pass uses the first pass's counts: a word that starts a sentence and is
//!    never capitalised elsewhere, or is mostly written in lower case, is an ordinary
//!    word ("Lawmakers", "Video"), unless it is a place of the gazetteer or owns
//!    something and is never written in lower case ("Dorvale's chairman"); a sentence-initial word glued to a known name is
//!    split off ("Tags Iran"); a single word always followed by another word is an
//!    adjective ("French activist", "French government").
//!
//!    An adjective of nationality before an institution ("Iraqi parliament", and the
//!    possessive "Iraq's parliament") is not a proper name, but editors want such
//!    phrases linked to the institution, so two or more mentions are suggested as one
//!    organisation marked "a description": its forms are ready-made aliases.
//! 4. **Grouping** (union-find). Spelling variants (edit distance on a folded,
//!    transliteration-tolerant form: "Qasem"/"Qassem", "Muhandis"/"Mohandes"), short
//!    forms of a person's name ("Trump", "Abdul Mahdi", "al-Mahdi"), acronyms of a
//!    longer name ("IS" and "Islamic State"), a name and its parenthetical ("Daesh
//!    (Islamic State)"), and a qualified name and its tail ("US Defense Department"
//!    and "Defense Department") become one entity with aliases; so does a rare
//!    misspelling of a long name ("Khordokovsky"). No alias is a common word, an
//!    adjective of nationality or a place ("German" of "German Gref", "Madrid" of
//!    "Real Madrid"), a short form two names could have ("Clinton"), a common given
//!    name ("Carl") or the first word of a company's name ("Honda" of "Honda Motor
//!    Co" is not Yasuto Honda's); a person and a place or team in brackets after the
//!    name are not joined.
//! 5. **Registry.** Mentions the matcher already finds are not candidates. A group
//!    that is a variant, surname or acronym of a registry entity becomes a list of
//!    aliases for that entity instead of a new one.
//! 6. **Kind.** Evidence is counted, not guessed at once: a title before, "said"
//!    after, a common given name or an initial first, a lone word that ends a
//!    person's name (a surname), or figures after it in a results line (a scorer
//!    and the minute: "(Keelan 71)"; a player listed after a comma or a dash:
//!    ", Hennie Brandt 70 68") suggests a person; institution,
//!    club and company words (Ministry, Times, FC, Plc...), "X shares", a score in a
//!    table row, one side of a fixture ("Dorvale v Westbury"), "group", "agency" or
//!    "newspaper" after it, a trade before it ("oil firm", "carmaker"), a lone word that begins an organisation's name
//!    ("Kanda" of "Kanda Motor Co") or an acronym an organisation; the gazetteer, a
//!    dateline, "in"/"at"/"near" before, "city of" or a place word (Fort, East,
//!    States) a place. The comment says which evidence won.
//!
//! Each step has its own submodule: `words` and `stats` (1), `runs` (2 and the first
//! cleaning), `corpus` (the passes over the collection, and the second cleaning),
//! `candidate` and `evidence` (what is recorded of each form), `group` (4), `registry`
//! (5), `kind` (6), `known` (the gazetteer and given names) and `render` (the TOML).
//!
//! Blocks are read by their layout (`words::Layout`): a line in capitals (a heading,
//! a table's header) gives no names, except a table row whose name in capitals is
//! followed by numbers only ("HARTFORD 12 7 6 77"): a team's, written as in a
//! sentence; a block with no lower-case word (a byline, a
//! table row, a results line) gives names but no parenthetical pairs, its runs are
//! split into two names each seen alone, and a name before a score there is a team's.
//! A dateline ("LONDON 1996-12-06") names places.
//!
//! The word lists in `lexicon` are short and closed (function words, titles,
//! institution, club and company words, months), written for this module. `known`
//! keeps a gazetteer of countries, regions and cities and a list of common given
//! names: they tell a name's kind and keep a place from being a person's short form,
//! but never make a name. Adjectives of nationality are recognised from the text
//! itself ("Iraqi" is "Iraq" + "i", and "Iraq" occurs; "Kurdish" ends in "-ish") or
//! from the gazetteer ("Germans", "South Koreans", "Moroccan"); a place in the
//! gazetteer is never one ("Sweden" beside "Swede"), and only a handful of religious
//! and ethnic adjectives that derive from no place name ("Sunni", "Shiite", "Arab")
//! are listed. Scripts without letter case are not handled: a name is found by its
//! capitals.

mod candidate;
mod corpus;
mod evidence;
mod fold;
mod group;
mod kind;
mod known;
mod registry;
mod render;
mod runs;
mod stats;
mod words;

use crate::annotate::TextBlock;
use crate::content::registry::Registry;

use self::corpus::Corpus;
use self::group::group_candidates;
use self::registry::compare_with_registry;
use self::render::render;

/// One article's text as the suggester sees it.
#[derive(Debug, Clone)]
pub struct SuggestInput<'a> {
    pub slug: &'a str,
    pub source: &'a str,
    pub blocks: &'a [TextBlock],
}

/// Returns TOML (`[[entity]]` tables with `#` comments) ready to paste into
/// `content/entities.toml`.
///
/// New entities come as tables with `id`, `name`, `kind` and `aliases`; new
/// spellings of registry entities come as comments naming the entity's id with the
/// `aliases` line to put there. The text always parses as TOML.
pub fn suggest_entities(articles: &[SuggestInput<'_>], registry: &Registry) -> String {
    let corpus = Corpus::read(articles, registry);
    let table = corpus.candidates();
    let groups = group_candidates(&table);
    let suggestions = compare_with_registry(&table, groups, registry);
    render(&corpus, &table, &suggestions, registry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_collection_suggests_nothing() {
        let out = suggest_entities(&[], &Registry::default());
        assert!(out.contains("No suggestions"));
        assert!(toml::from_str::<toml::Table>(&out).is_ok());
    }
}
