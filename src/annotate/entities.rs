//! Mention finding: every occurrence of a registry name or alias in article text.
//!
//! This module owns one question: where, in an article's plain-text blocks, does the
//! text name an entity of the registry? It answers it in a single pass per block over
//! every name and alias at once, so the cost of a build grows with the amount of text,
//! not with the size of the registry times the amount of text.
//!
//! # Shape
//!
//! [`EntityMatcher::new`] runs once per build. It turns the registry into a table of
//! *surface forms* (each distinct name or alias, with the entity or entities it may
//! mean) and compiles every spelling of every surface form into one Aho-Corasick
//! automaton with leftmost-longest semantics: a DFA for ordinary registries, the
//! compact NFA for very many or very long names, so that building it stays linear in
//! the length of the names. It also records, for each spelling, the shorter spellings
//! that are prefixes of it.
//!
//! [`EntityMatcher::find_mentions`] then runs once per article. In each block the
//! automaton finds the next position where any spelling starts, and the longest one
//! there. A match is kept only if it is a whole word, outside masked text; if it
//! fails, the shorter spellings that are its prefixes are tried at the same position,
//! and then the search moves on by one character. So "Abu Mahdi al-Muhandis" wins over
//! the "Mahdi" inside it, and a long match that fails a boundary test ("Islamic State"
//! in "Islamic Statehood") hides neither a shorter one at the same place ("Islamic",
//! if it were a name) nor one that starts inside it. This is exactly leftmost-longest
//! over the matches that pass the tests, at the cost of one automaton scan of the
//! text. Scratch vectors are reused from block to block; nothing is allocated per
//! character and no automaton is built per block.
//!
//! # Rules
//!
//! - **Words.** Word characters are Unicode alphanumerics ([`char::is_alphanumeric`]).
//!   A pattern that begins with a word character may not follow one, and one that ends
//!   with a word character may not be followed by one: "Iraq" is not found in "Iraqi",
//!   "IS" not in "ISIS". A hyphen separates words, so "US-led" and "Iran-backed" mention
//!   "US" and "Iran", and "al-Mahdi" mentions an alias "Mahdi"; an alias that contains
//!   the hyphen ("al-Mahdi", "Abu Mahdi al-Muhandis") matches as a whole and, being
//!   longer, wins over the shorter name inside it.
//! - **Apostrophes.** An apostrophe (`'`, `’`, or the wrong-way `‘` found in pasted
//!   text) joins letters into one word ("Shi’ite", "Sana'a"), so "Sana" is not found in
//!   "Sana'a". It ends a word when it forms a possessive: "Iraq's", "Iraq’s", "Iraq‘s"
//!   and the bare "Soleimani'" all mention "Iraq" or "Soleimani". The reported range is
//!   the name alone, without the possessive ending, so the linked text is exactly a
//!   registry form. An apostrophe inside a registry form matches any of the three marks:
//!   "Shi’ite" in the registry finds "Shi'ite" in the text.
//! - **Case.** Matching is case-sensitive, because the short forms that matter most are
//!   the ones that case-folding would ruin: "US" and "us", "IS" and "is", "WHO" and
//!   "who", "AP" and "ap". Nor are Title-case forms matched in capitals ("IRAQ" in a
//!   shouted headline) or the other way round ("Isis" and "ISIS" are different
//!   spellings, to be listed as aliases if both are wanted). The one exception: a form
//!   that starts with a lower-case letter ("the resolution", "al-Mahdi") also matches
//!   with its first letter capitalised, but only at the start of a sentence (the start
//!   of the block, after a sentence end of [`crate::text::sentences`] (not after
//!   "Gen." or "U.S.") or after `:`, skipping spaces, quotation marks and opening
//!   brackets). An upper-case or all-caps form never matches in lower case.
//! - **Shared forms.** A form that is the *name* of exactly one entity means that
//!   entity even if others list it as an alias: an editor who writes
//!   `name = "Mahdi"` for one entity has said what the word means, and an alias is a
//!   weaker claim. A form shared by several names, or (when no entity has it as its
//!   name) by several aliases, is ambiguous. An ambiguous mention resolves to the
//!   candidate whose unambiguous mention (found here, or an explicit `entity:` link)
//!   comes nearest *before* it in the article, scanning blocks in order. Otherwise it
//!   is reported in [`Mentions::ambiguous`] and not linked. Only unambiguous mentions
//!   resolve others, so a resolution never depends on an earlier guess.
//! - **Forms.** Names and aliases are trimmed and their inner runs of white space
//!   become single spaces; a form with no alphanumeric character is ignored, since it
//!   could only match punctuation.
//! - **Masks.** A match may not overlap a masked range (code, link text) or an explicit
//!   `entity:` link: the link is a mention already and is not reported twice.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::annotate::{TextBlock, TextPos};
use crate::content::registry::Registry;
use crate::text::sentences::{self, Marks};

/// A mention of a registry entity found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMention {
    /// Index of the block in the slice given to [`EntityMatcher::find_mentions`].
    pub block: usize,
    /// Byte range of the surface form in the block's text.
    pub range: Range<usize>,
    /// Registry index of the entity.
    pub entity: usize,
}

/// An alias shared by several entities that no nearby mention disambiguates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousMention {
    pub block: usize,
    pub range: Range<usize>,
    /// Registry indices of every entity the surface form could mean, ascending.
    pub candidates: Vec<usize>,
}

/// The result of mention finding over one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Resolved mentions, sorted by (block, start).
    pub found: Vec<FoundMention>,
    /// Unresolved mentions of shared aliases, sorted by (block, start).
    pub ambiguous: Vec<AmbiguousMention>,
}

/// Finds the names and aliases of a registry in text. Built once per build.
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    /// Every spelling of every surface form, searched anchored at one position at a
    /// time; pattern ids index `patterns`.
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    surfaces: Vec<Surface>,
    /// For each pattern, the shorter patterns that are prefixes of it, longest first:
    /// where the longest match at a position fails a test, these are tried in turn.
    prefixes: Vec<Box<[usize]>>,
}

/// One spelling compiled into the automaton.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// Index into `EntityMatcher::surfaces`.
    surface: usize,
    /// Length of the spelling in bytes.
    len: usize,
    /// The capitalised spelling of a lower-case form: valid only at a sentence start.
    sentence_start_only: bool,
    /// The spelling starts with a word character, so the text before must not be one.
    word_start: bool,
    /// The spelling ends with a word character, so the text after must not be one.
    word_end: bool,
}

/// A distinct name or alias and what it means.
#[derive(Debug, Clone)]
struct Surface {
    meaning: Meaning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Meaning {
    /// The form means one entity.
    One(usize),
    /// The form is shared; registry indices, ascending, at least two.
    Shared(Vec<usize>),
}

/// A match that passed every test, before overlaps are resolved.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    surface: usize,
}

/// Up to this many bytes of spellings (some 12,000 names and aliases) the automaton
/// may be a DFA.
const DFA_MAX_PATTERN_BYTES: usize = 160 * 1024;

/// The most bytes a spelling may be long, on average weighted by length, for the
/// automaton to be a DFA: ordinary registries weigh 17 or 18 (the example's, and the
/// generated one of 3,467 names). Fifty-two aliases of 50 repetitions of a letter,
/// which weigh 50, take 25 times the work to build as a DFA as as an NFA.
const DFA_MAX_MEAN_DEPTH: usize = 32;

/// The apostrophes treated alike: straight, right curly, and the left curly mark that
/// word processors put in by mistake.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2018}'];

impl EntityMatcher {
    /// Compiles every name and alias of the registry into one automaton.
    ///
    /// # Panics
    ///
    /// Only if the automaton exceeds its internal size limits, which takes far more
    /// names than any registry holds (billions of bytes of patterns).
    pub fn new(registry: &Registry) -> Self {
        // Which entities have each normalised form as their name, and as an alias.
        let mut forms: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (index, entity) in registry.entities.iter().enumerate() {
            if let Some(form) = normalise_form(&entity.name) {
                forms.entry(form).or_default().0.push(index);
            }
            for alias in entity.all_aliases() {
                if let Some(form) = normalise_form(alias) {
                    forms.entry(form).or_default().1.push(index);
                }
            }
        }

        let mut surfaces = Vec::with_capacity(forms.len());
        let mut spellings: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |spelling: String, pattern: Pattern| {
            if !seen.contains_key(&spelling) {
                seen.insert(spelling.clone(), patterns.len());
                spellings.push(spelling);
                patterns.push(pattern);
            }
        };

        let mut lower_initial = Vec::new();
        for (form, (mut names, mut aliases)) in forms {
            names.dedup();
            aliases.sort_unstable();
            aliases.dedup();
            let mut holders = if names.is_empty() { aliases } else { names };
            holders.dedup();
            let meaning = match holders.as_slice() {
                [one] => Meaning::One(*one),
                _ => Meaning::Shared(holders),
            };
            let surface = surfaces.len();
            surfaces.push(Surface { meaning });
            for spelling in apostrophe_spellings(&form) {
                let pattern = pattern_for(&spelling, surface, false);
                add(spelling, pattern);
            }
            if form.chars().next().is_some_and(char::is_lowercase) {
                lower_initial.push((form, surface));
            }
        }
        // Capitalised spellings come last so that a literal form of the same spelling
        // ("The Times" next to "the Times") keeps its own meaning everywhere.
        for (form, surface) in lower_initial {
            let capitalised = capitalise_first(&form);
            if capitalised == form {
                continue;
            }
            for spelling in apostrophe_spellings(&capitalised) {
                let pattern = pattern_for(&spelling, surface, true);
                add(spelling, pattern);
            }
        }

        let prefixes = prefixes_of(&spellings);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(automaton_kind(&spellings)))
            .build(&spellings)
            .expect("the registry's names fit in an Aho-Corasick automaton");
        EntityMatcher {
            automaton,
            patterns,
            surfaces,
            prefixes,
        }
    }

    /// The number of distinct names and aliases the matcher knows.
    pub fn surface_count(&self) -> usize {
        self.surfaces.len()
    }

    /// Finds the mentions in an article's blocks (in document order).
    ///
    /// Explicit `entity:` links are not reported but count as unambiguous mentions
    /// when a shared alias is resolved.
    pub fn find_mentions(&self, blocks: &[TextBlock]) -> Mentions {
        let mut mentions = Mentions::default();
        // Where each entity was last mentioned unambiguously.
        let mut last_seen: HashMap<usize, TextPos> = HashMap::new();
        let mut hits = Vec::new();
        let mut explicit: Vec<(usize, usize)> = Vec::new();
        let mut blocked = Blocked::default();

        for (b, block) in blocks.iter().enumerate() {
            blocked.fill(block);
            self.collect_hits(block, &blocked, &mut hits);
            explicit.clear();
            explicit.extend(block.explicit.iter().map(|(r, e)| (r.start, *e)));
            explicit.sort_unstable();
            let mut pending = explicit.iter().peekable();

            for hit in &hits {
                while let Some(&&(start, entity)) = pending.peek() {
                    if start > hit.start {
                        break;
                    }
                    last_seen.insert(
                        entity,
                        TextPos {
                            block: b,
                            offset: start,
                        },
                    );
                    pending.next();
                }
                let pos = TextPos {
                    block: b,
                    offset: hit.start,
                };
                let entity = match &self.surfaces[hit.surface].meaning {
                    Meaning::One(entity) => {
                        last_seen.insert(*entity, pos);
                        Some(*entity)
                    }
                    Meaning::Shared(candidates) => nearest_before(candidates, &last_seen),
                };
                match entity {
                    Some(entity) => mentions.found.push(FoundMention {
                        block: b,
                        range: hit.start..hit.end,
                        entity,
                    }),
                    None => {
                        if let Meaning::Shared(candidates) = &self.surfaces[hit.surface].meaning {
                            mentions.ambiguous.push(AmbiguousMention {
                                block: b,
                                range: hit.start..hit.end,
                                candidates: candidates.clone(),
                            });
                        }
                    }
                }
            }
            for &(start, entity) in pending {
                last_seen.insert(
                    entity,
                    TextPos {
                        block: b,
                        offset: start,
                    },
                );
            }
        }
        mentions
    }

    /// Fills `hits` with the chosen matches of one block: on word boundaries, outside
    /// masked text, leftmost first and longest first, not overlapping, in order.
    ///
    /// A leftmost-longest search finds the next position where any pattern starts,
    /// and the longest pattern there. If that match fails a test, the shorter patterns
    /// that are prefixes of it (so also match there) are tried, longest first; if none
    /// passes, the search resumes one character further on. An accepted match moves
    /// the search past its end.
    fn collect_hits(&self, block: &TextBlock, blocked: &Blocked, hits: &mut Vec<Hit>) {
        hits.clear();
        let text = block.text.as_str();
        let mut pos = 0;
        while pos < text.len() {
            let input = Input::new(text).span(pos..text.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            let start = m.start();
            let longest = m.pattern().as_usize();
            let chosen = std::iter::once(longest)
                .chain(self.prefixes[longest].iter().copied())
                .map(|id| self.patterns[id])
                .find(|p| self.accepts(block, blocked, start, p));
            match chosen {
                Some(pattern) => {
                    hits.push(Hit {
                        start,
                        end: start + pattern.len,
                        surface: pattern.surface,
                    });
                    pos = start + pattern.len;
                }
                None => pos = start + text[start..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// True when `pattern`, found at `start`, is a whole word (or words), is outside
    /// masked text, and (for a capitalised lower-case form) starts a sentence.
    fn accepts(
        &self,
        block: &TextBlock,
        blocked: &Blocked,
        start: usize,
        pattern: &Pattern,
    ) -> bool {
        let text = block.text.as_str();
        let end = start + pattern.len;
        !(pattern.word_start && !starts_word(text, start)
            || pattern.word_end && !ends_word(text, end)
            || blocked.overlaps(start..end)
            || pattern.sentence_start_only && !is_sentence_start(text, start))
    }
}

/// The ranges of a block where no match may fall (masked text and explicit links), by
/// start, each with the furthest end of those starting no later: a match is checked
/// against all of them with one binary search, however many links a paragraph has.
#[derive(Debug, Default)]
struct Blocked(Vec<(usize, usize)>);

impl Blocked {
    fn fill(&mut self, block: &TextBlock) {
        let ranges = block
            .masked
            .iter()
            .chain(block.explicit.iter().map(|(r, _)| r));
        self.0.clear();
        self.0.extend(ranges.map(|r| (r.start, r.end)));
        self.0.sort_unstable();
        let mut reach = 0;
        for (_, end) in &mut self.0 {
            reach = reach.max(*end);
            *end = reach;
        }
    }

    /// Whether a range overlaps `r` (an empty one strictly inside it counts).
    fn overlaps(&self, r: Range<usize>) -> bool {
        let starting_before = self.0.partition_point(|&(start, _)| start < r.end);
        starting_before > 0 && self.0[starting_before - 1].1 > r.start
    }
}

/// The candidate mentioned unambiguously nearest before, if any was.
fn nearest_before(candidates: &[usize], last_seen: &HashMap<usize, TextPos>) -> Option<usize> {
    candidates
        .iter()
        .filter_map(|c| last_seen.get(c).map(|pos| (*pos, *c)))
        // The latest position wins; on a tie (two links on one range) the lower index.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, c)| c)
}

/// For each spelling, the shorter spellings that are prefixes of it, longest first.
///
/// In sorted order every spelling comes after its prefixes, and the spellings on the
/// way to it that are prefixes of one another form a chain: a stack of them, popped
/// when the next spelling does not extend the top, holds exactly the prefixes of each
/// spelling in turn. Each spelling is pushed and popped once and compared with only
/// the top, so the work grows with the total length of the spellings, however long one
/// of them is.
fn prefixes_of(spellings: &[String]) -> Vec<Box<[usize]>> {
    let mut order: Vec<usize> = (0..spellings.len()).collect();
    order.sort_unstable_by_key(|&i| spellings[i].as_str());
    let mut prefixes = vec![Box::default(); spellings.len()];
    let mut chain: Vec<usize> = Vec::new();
    for i in order {
        while let Some(&top) = chain.last() {
            if spellings[i].starts_with(spellings[top].as_str()) {
                break;
            }
            chain.pop();
        }
        prefixes[i] = chain.iter().rev().copied().collect();
        chain.push(i);
    }
    prefixes
}

/// The kind of automaton for the spellings: a DFA when it is small and quick to build,
/// else the compact NFA.
///
/// A DFA is the fastest to search (a third fewer instructions than the NFA on a
/// generated corpus) but its table grows with the names (about 7 MB for 3,500 names),
/// and building it follows failure links from every state for every byte class: up to
/// as many links as the state is deep, so a run of one letter repeated ("aaaa...")
/// costs the square of its length. The DFA is therefore chosen only while the
/// spellings are few and, weighted by length, short; its construction is then bounded
/// by a constant times their total length. The NFA is built in time linear in that
/// length, whatever the spellings.
fn automaton_kind(spellings: &[String]) -> AhoCorasickKind {
    let bytes: usize = spellings.iter().map(String::len).sum();
    let depth_work: usize = spellings.iter().map(|s| s.len() * s.len()).sum();
    if bytes <= DFA_MAX_PATTERN_BYTES && depth_work <= DFA_MAX_MEAN_DEPTH * bytes {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    }
}

/// Trims a name, collapses its inner white space and makes its apostrophes straight;
/// `None` when nothing alphanumeric is left to match.
fn normalise_form(name: &str) -> Option<String> {
    if !name.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut form = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !form.is_empty() {
            form.push(' ');
        }
        form.extend(
            word.chars()
                .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c }),
        );
    }
    Some(form)
}

/// The spellings of a normalised form: itself, and with every apostrophe written as
/// each of the other marks.
fn apostrophe_spellings(form: &str) -> Vec<String> {
    if !form.contains('\'') {
        return vec![form.to_string()];
    }
    APOSTROPHES
        .iter()
        .map(|&mark| form.replace('\'', mark.encode_utf8(&mut [0; 4])))
        .collect()
}

fn pattern_for(spelling: &str, surface: usize, sentence_start_only: bool) -> Pattern {
    Pattern {
        surface,
        len: spelling.len(),
        sentence_start_only,
        word_start: spelling.chars().next().is_some_and(is_word_char),
        word_end: spelling.chars().next_back().is_some_and(is_word_char),
    }
}

/// The form with its first character in upper case.
fn capitalise_first(form: &str) -> String {
    let mut chars = form.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// True when no word continues into `text[pos..]` from the left: the character
/// before is not a word character, nor an apostrophe that follows one ("O'Brien").
fn starts_word(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].chars().rev();
    match before.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_apostrophe(c) => !before.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// True when the word that ends at `pos` goes no further: the next character is not
/// a word character, and an apostrophe there is a possessive (`'s`, or a bare `'`)
/// rather than part of a longer word ("Sana'a", "Shi’ite").
fn ends_word(text: &str, pos: usize) -> bool {
    let mut after = text[pos..].chars();
    match after.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_apostrophe(c) => match after.next() {
            Some(c) if is_word_char(c) => {
                matches!(c, 's' | 'S') && !after.next().is_some_and(is_word_char)
            }
            _ => true,
        },
        Some(_) => true,
    }
}

/// True when `pos` starts a sentence: only spaces, quotation marks and opening
/// brackets stand between it and the start of the block, a sentence end of the one
/// sentence model, or a colon (a capital after "Beirut:" says as little as one after a
/// full stop).
fn is_sentence_start(text: &str, pos: usize) -> bool {
    let skippable = |c: &char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\''
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '«'
                    | '»'
                    | '('
                    | '['
            )
    };
    match text[..pos]
        .char_indices()
        .rev()
        .find(|(_, c)| !skippable(c))
    {
        None => true,
        Some((_, ':')) => true,
        Some((i, '.' | '!' | '?')) => sentences::end_at(text, i, Marks::Sentences).is_some(),
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::BlockKind;
    use crate::content::registry::{Entity, EntityKind};

    fn entity(id: &str, name: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: id.to_string(),
            name: name.to_string(),
            kind: EntityKind::Other,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            hidden_aliases: Vec::new(),
            description: String::new(),
            links: Vec::new(),
            line: 0,
        }
    }

    /// The registry the table-driven tests share.
    fn registry() -> Registry {
        Registry::new(vec![
            entity("iraq", "Iraq", &[]),
            entity("us", "United States", &["US", "U.S."]),
            entity("islamic-state", "Islamic State", &["IS", "ISIS", "Isis"]),
            entity(
                "adel-abdul-mahdi",
                "Adel Abdul Mahdi",
                &["Abdul Mahdi", "Mahdi"],
            ),
            entity(
                "abu-mahdi-al-muhandis",
                "Abu Mahdi al-Muhandis",
                &["Muhandis", "al-Muhandis", "Mahdi"],
            ),
            entity(
                "qassem-soleimani",
                "Qassem Soleimani",
                &["Qasem", "Soleimani"],
            ),
            entity("resolution", "Resolution 18", &["the resolution"]),
            entity("shiite", "Shi’ite bloc", &[]),
            entity("hadi-al-amiri", "Hadi al-Amiri", &["al-Amiri"]),
            entity("sanaa", "Sana'a", &[]),
            entity("sana", "Sana", &[]),
        ])
    }

    /// (entity id, surface) of every found mention, and surfaces of ambiguous ones.
    fn run(registry: &Registry, blocks: &[TextBlock]) -> (Vec<(String, String)>, Vec<String>) {
        let m = EntityMatcher::new(registry).find_mentions(blocks);
        let found = m
            .found
            .iter()
            .map(|f| {
                (
                    registry.entities[f.entity].id.clone(),
                    blocks[f.block].text[f.range.clone()].to_string(),
                )
            })
            .collect();
        let ambiguous = m
            .ambiguous
            .iter()
            .map(|a| blocks[a.block].text[a.range.clone()].to_string())
            .collect();
        (found, ambiguous)
    }

    fn found_in(text: &str) -> Vec<(String, String)> {
        run(&registry(), &[TextBlock::paragraph(text)]).0
    }

    /// Expected mentions: (entity id, surface).
    type Expected<'a> = &'a [(&'a str, &'a str)];

    fn pairs(expected: Expected<'_>) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(id, s)| (id.to_string(), s.to_string()))
            .collect()
    }

    #[test]
    fn finds_whole_words_longest_first() {
        let cases: &[(&str, Expected)] = &[
            ("", &[]),
            ("Iraq", &[("iraq", "Iraq")]),
            ("in Iraq.", &[("iraq", "Iraq")]),
            // Longest match first: the full name, not the aliases inside it.
            (
                "Abu Mahdi al-Muhandis was killed",
                &[("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis")],
            ),
            (
                "Adel Abdul Mahdi spoke",
                &[("adel-abdul-mahdi", "Adel Abdul Mahdi")],
            ),
            (
                "Qassem Soleimani",
                &[("qassem-soleimani", "Qassem Soleimani")],
            ),
            (
                "Qasem Soleimani",
                &[
                    ("qassem-soleimani", "Qasem"),
                    ("qassem-soleimani", "Soleimani"),
                ],
            ),
            (
                "the Islamic State group",
                &[("islamic-state", "Islamic State")],
            ),
            // A failed long match does not hide a shorter one at the same place.
            ("Islamic Statehood", &[]),
            ("the US Statehood", &[("us", "US")]),
            // No match inside a longer word.
            ("Iraqi lawmakers", &[]),
            ("ISIS fighters", &[("islamic-state", "ISIS")]),
            ("a ThIS b", &[]),
            ("USA", &[]),
            ("Iraq2", &[]),
            ("Soleimanis", &[]),
            // Hyphens separate words; aliases with a hyphen match whole.
            ("US-led coalition", &[("us", "US")]),
            ("pro-Iraq militias", &[("iraq", "Iraq")]),
            (
                "al-Muhandis said",
                &[("abu-mahdi-al-muhandis", "al-Muhandis")],
            ),
            ("Hadi al-Amiri, the", &[("hadi-al-amiri", "Hadi al-Amiri")]),
            ("leader al-Amiri said", &[("hadi-al-amiri", "al-Amiri")]),
            // Dotted acronyms.
            ("the U.S. military", &[("us", "U.S.")]),
            ("the U.S.", &[("us", "U.S.")]),
        ];
        for (text, expected) in cases {
            assert_eq!(found_in(text), pairs(expected), "text: {text:?}");
        }
    }

    #[test]
    fn handles_possessives_and_apostrophes() {
        let cases: &[(&str, Expected)] = &[
            ("Iraq's parliament", &[("iraq", "Iraq")]),
            ("Iraq’s parliament", &[("iraq", "Iraq")]),
            ("Iraq‘s parliament", &[("iraq", "Iraq")]),
            ("IRAQ'S", &[]),
            ("the US'S", &[("us", "US")]),
            (
                "blamed Soleimani' for",
                &[("qassem-soleimani", "Soleimani")],
            ),
            ("'Iraq' in quotes", &[("iraq", "Iraq")]),
            ("‘Iraq’ in quotes", &[("iraq", "Iraq")]),
            // An apostrophe followed by more letters is inside a word.
            ("Iraq'sx", &[]),
            ("Iraq’ll", &[]),
            ("in Sana'a today", &[("sanaa", "Sana'a")]),
            ("in Sana’a today", &[("sanaa", "Sana’a")]),
            ("in Sana today", &[("sana", "Sana")]),
            ("O'Iraq", &[]),
            // The registry's curly apostrophe matches a straight one in the text.
            ("the Shi'ite bloc", &[("shiite", "Shi'ite bloc")]),
            ("the Shi’ite bloc", &[("shiite", "Shi’ite bloc")]),
            ("the Shi‘ite bloc", &[("shiite", "Shi‘ite bloc")]),
        ];
        for (text, expected) in cases {
            assert_eq!(found_in(text), pairs(expected), "text: {text:?}");
        }
    }

    #[test]
    fn matches_case_sensitively_except_at_sentence_start() {
        let cases: &[(&str, Expected)] = &[
            ("the US and us", &[("us", "US")]),
            ("Us and US", &[("us", "US")]),
            ("IS is Is", &[("islamic-state", "IS")]),
            ("this is it", &[]),
            ("iraq", &[]),
            ("IRAQ VOTES", &[]),
            (
                "Isis and ISIS",
                &[("islamic-state", "Isis"), ("islamic-state", "ISIS")],
            ),
            // A lower-case alias may be capitalised at the start of a sentence only.
            ("the resolution passed", &[("resolution", "the resolution")]),
            ("The resolution passed", &[("resolution", "The resolution")]),
            (
                "It passed. The resolution",
                &[("resolution", "The resolution")],
            ),
            (
                "He said: “The resolution",
                &[("resolution", "The resolution")],
            ),
            ("  (The resolution", &[("resolution", "The resolution")]),
            ("as The resolution", &[]),
            ("THE RESOLUTION", &[]),
            ("Al-Amiri spoke", &[("hadi-al-amiri", "Al-Amiri")]),
            ("with Al-Amiri", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(found_in(text), pairs(expected), "text: {text:?}");
        }
    }

    #[test]
    fn resolves_shared_aliases_by_the_nearest_mention_before() {
        let reg = registry();
        // (blocks, found, ambiguous surfaces)
        let cases: &[(&[&str], Expected, &[&str])] = &[
            // Nothing before: ambiguous.
            (&["Mahdi spoke."], &[], &["Mahdi"]),
            // A mention after does not count.
            (
                &["Mahdi spoke.", "Adel Abdul Mahdi"],
                &[("adel-abdul-mahdi", "Adel Abdul Mahdi")],
                &["Mahdi"],
            ),
            // The nearest before wins, across blocks.
            (
                &["Adel Abdul Mahdi met Muhandis.", "Mahdi said"],
                &[
                    ("adel-abdul-mahdi", "Adel Abdul Mahdi"),
                    ("abu-mahdi-al-muhandis", "Muhandis"),
                    ("abu-mahdi-al-muhandis", "Mahdi"),
                ],
                &[],
            ),
            (
                &["Muhandis met Abdul Mahdi. Mahdi said"],
                &[
                    ("abu-mahdi-al-muhandis", "Muhandis"),
                    ("adel-abdul-mahdi", "Abdul Mahdi"),
                    ("adel-abdul-mahdi", "Mahdi"),
                ],
                &[],
            ),
            // "al-Mahdi" is a hyphenated form of the shared "Mahdi".
            (
                &["Abdul Mahdi, or al-Mahdi"],
                &[
                    ("adel-abdul-mahdi", "Abdul Mahdi"),
                    ("adel-abdul-mahdi", "Mahdi"),
                ],
                &[],
            ),
        ];
        for (texts, found, ambiguous) in cases {
            let blocks: Vec<TextBlock> = texts.iter().map(|t| TextBlock::paragraph(t)).collect();
            let (f, a) = run(&reg, &blocks);
            assert_eq!(f, pairs(found), "texts: {texts:?}");
            assert_eq!(a, ambiguous.to_vec(), "texts: {texts:?}");
        }
    }

    #[test]
    fn reports_every_candidate_of_an_ambiguous_mention() {
        let reg = registry();
        let m = EntityMatcher::new(&reg).find_mentions(&[TextBlock::paragraph("Mahdi")]);
        assert_eq!(
            m.ambiguous,
            vec![AmbiguousMention {
                block: 0,
                range: 0..5,
                candidates: vec![3, 4],
            }]
        );
    }

    #[test]
    fn uses_explicit_links_to_resolve_but_does_not_report_them() {
        let reg = registry();
        let text = "the commander met Mahdi";
        let mut block = TextBlock::paragraph(text);
        block.masked.push(4..13);
        block.explicit.push((4..13, 4));
        let (found, ambiguous) = run(&reg, &[block.clone()]);
        assert_eq!(found, pairs(&[("abu-mahdi-al-muhandis", "Mahdi")]));
        assert!(ambiguous.is_empty());

        // An explicit link that is not also masked is still never matched over.
        let mut block = TextBlock::paragraph("Iraq and Mahdi");
        block.explicit.push((0..4, 3));
        let (found, _) = run(&reg, &[block]);
        assert_eq!(found, pairs(&[("adel-abdul-mahdi", "Mahdi")]));
    }

    #[test]
    fn skips_masked_ranges() {
        let reg = registry();
        // (text, masked (start, end) pairs, found)
        type Case<'a> = (&'a str, &'a [(usize, usize)], Expected<'a>);
        let cases: &[Case] = &[
            ("Iraq and Iraq", &[(0, 4)], &[("iraq", "Iraq")]),
            ("Iraq and Iraq", &[(2, 3)], &[("iraq", "Iraq")]),
            ("Iraq and Iraq", &[(0, 13)], &[]),
            (
                "Iraq and Iraq",
                &[(4, 9), (5, 5)],
                &[("iraq", "Iraq"), ("iraq", "Iraq")],
            ),
            // Masking part of a name masks the name.
            ("Qassem Soleimani", &[(7, 16)], &[]),
            (
                "Abu Mahdi al-Muhandis",
                &[(0, 3)],
                &[("abu-mahdi-al-muhandis", "al-Muhandis")],
            ),
        ];
        for (text, masked, expected) in cases {
            let mut block = TextBlock::paragraph(text);
            block.masked = masked.iter().map(|&(s, e)| s..e).collect();
            let (found, ambiguous) = run(&reg, &[block]);
            assert_eq!(found, pairs(expected), "text: {text:?} masked: {masked:?}");
            // "Mahdi" alone is left over in the last case: ambiguous.
            if text.starts_with("Abu") {
                assert_eq!(ambiguous, vec!["Mahdi".to_string()]);
            }
        }
    }

    #[test]
    fn finds_mentions_in_every_kind_of_block() {
        let reg = registry();
        let kinds = [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Caption,
            BlockKind::ListItem,
            BlockKind::TableCell,
            BlockKind::Footnote,
            BlockKind::BlockQuote,
        ];
        let blocks: Vec<TextBlock> = kinds
            .iter()
            .map(|&kind| TextBlock {
                kind,
                ..TextBlock::paragraph("Iraq and the US")
            })
            .collect();
        let m = EntityMatcher::new(&reg).find_mentions(&blocks);
        let seen: Vec<(usize, Range<usize>)> =
            m.found.iter().map(|f| (f.block, f.range.clone())).collect();
        let expected: Vec<(usize, Range<usize>)> = (0..kinds.len())
            .flat_map(|b| [(b, 0..4), (b, 13..15)])
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn handles_non_ascii_names() {
        let reg = Registry::new(vec![
            entity("qasem", "Qasem Soleimani", &["Qāsem Soleimānī"]),
            entity("shiite", "Shi’ite", &[]),
            entity("amiri", "Hadi al-Amiri", &[]),
            entity("moscow", "Москва", &[]),
            entity("zurich", "Zürich", &[]),
        ]);
        let cases: &[(&str, Expected)] = &[
            ("Qāsem Soleimānī’s men", &[("qasem", "Qāsem Soleimānī")]),
            ("rival Shi’ite leaders", &[("shiite", "Shi’ite")]),
            ("rival Shi'ite leaders", &[("shiite", "Shi'ite")]),
            ("Hadi al-Amiri, the top", &[("amiri", "Hadi al-Amiri")]),
            ("в Москва", &[("moscow", "Москва")]),
            ("в Москвае", &[]),
            ("Zürich’s", &[("zurich", "Zürich")]),
            ("Züriché", &[]),
            ("éZürich", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(run(&reg, &[TextBlock::paragraph(text)]).0, pairs(expected));
        }
    }

    #[test]
    fn name_wins_over_a_shared_alias() {
        let reg = Registry::new(vec![
            entity("mahdi-army", "Mahdi", &[]),
            entity("adel", "Adel Abdul Mahdi", &["Mahdi"]),
            entity("other", "Other Mahdi", &["Mahdi"]),
        ]);
        assert_eq!(
            run(&reg, &[TextBlock::paragraph("Mahdi")]).0,
            pairs(&[("mahdi-army", "Mahdi")])
        );
    }

    #[test]
    fn two_names_alike_are_ambiguous() {
        let reg = Registry::new(vec![
            entity("a", "Ali Hassan", &[]),
            entity("b", "Ali Hassan", &[]),
        ]);
        let (found, ambiguous) = run(&reg, &[TextBlock::paragraph("Ali Hassan")]);
        assert!(found.is_empty());
        assert_eq!(ambiguous, vec!["Ali Hassan".to_string()]);
    }

    #[test]
    fn an_empty_registry_or_text_finds_nothing() {
        let empty = Registry::new(Vec::new());
        assert_eq!(
            EntityMatcher::new(&empty).find_mentions(&[TextBlock::paragraph("Iraq")]),
            Mentions::default()
        );
        assert_eq!(
            EntityMatcher::new(&registry()).find_mentions(&[]),
            Mentions::default()
        );
        assert_eq!(
            EntityMatcher::new(&registry()).find_mentions(&[TextBlock::paragraph("")]),
            Mentions::default()
        );
    }

    #[test]
    fn ignores_forms_without_letters_and_normalises_space() {
        let reg = Registry::new(vec![
            entity("dots", "...", &["", "  ", "-"]),
            entity("spaced", "  Abu   Mahdi ", &[]),
        ]);
        let matcher = EntityMatcher::new(&reg);
        assert_eq!(matcher.surface_count(), 1);
        assert_eq!(
            run(&reg, &[TextBlock::paragraph("... - Abu Mahdi")]).0,
            pairs(&[("spaced", "Abu Mahdi")])
        );
    }

    #[test]
    fn boundary_helpers() {
        let cases: &[(&str, usize, bool, bool)] = &[
            // (text, position, starts_word, ends_word)
            ("ab", 0, true, false),
            ("ab", 2, false, true),
            ("a b", 1, false, true),
            ("a b", 2, true, false),
            ("a's", 1, false, true),
            ("a'sb", 1, false, false),
            ("a'b", 1, false, false),
            ("a' b", 1, false, true),
            ("x 'b", 3, true, false),
            ("x'b", 2, false, false),
            ("a-b", 2, true, false),
            ("a-b", 1, false, true),
        ];
        for (text, pos, start, end) in cases {
            assert_eq!(
                starts_word(text, *pos),
                *start,
                "starts_word({text:?}, {pos})"
            );
            assert_eq!(ends_word(text, *pos), *end, "ends_word({text:?}, {pos})");
        }
    }

    #[test]
    fn sentence_starts() {
        let cases: &[(&str, usize, bool)] = &[
            ("The", 0, true),
            ("a. The", 3, true),
            ("a? “The", 6, true),
            ("a! (The", 4, true),
            ("Beirut: The", 8, true),
            ("a, The", 3, false),
            ("said The", 5, false),
            ("Gen. The", 5, false),
            ("the U.S. The", 9, false),
        ];
        for (text, pos, expected) in cases {
            assert_eq!(
                is_sentence_start(text, *pos),
                *expected,
                "{text:?} at {pos}"
            );
        }
    }

    #[test]
    fn output_is_sorted_and_deterministic() {
        let reg = registry();
        let blocks = vec![
            TextBlock::paragraph("Soleimani, Iraq, the US and Mahdi. Iraq's IS."),
            TextBlock::paragraph("Muhandis and Mahdi; Qassem Soleimani in Iraq."),
        ];
        let matcher = EntityMatcher::new(&reg);
        let first = matcher.find_mentions(&blocks);
        assert_eq!(first, matcher.find_mentions(&blocks));
        assert_eq!(first, EntityMatcher::new(&reg).find_mentions(&blocks));
        let keys: Vec<(usize, usize)> = first
            .found
            .iter()
            .map(|f| (f.block, f.range.start))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn prefixes_are_those_of_the_direct_search() {
        let spellings: Vec<String> = [
            "Abu",
            "Abu Mahdi",
            "Abu Mahdi al-Muhandis",
            "Abu X",
            "A",
            "Ab",
            "B",
            "aaa",
            "a",
            "aa",
            "aaaa",
            "Zürich",
            "Zü",
            "Z",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let direct: Vec<Box<[usize]>> = spellings
            .iter()
            .map(|s| {
                let mut found: Vec<usize> = (0..spellings.len())
                    .filter(|&j| spellings[j].len() < s.len() && s.starts_with(&spellings[j]))
                    .collect();
                found.sort_by_key(|&j| std::cmp::Reverse(spellings[j].len()));
                found.into_boxed_slice()
            })
            .collect();
        assert_eq!(prefixes_of(&spellings), direct);
    }

    #[test]
    fn long_repeated_spellings_get_the_nfa() {
        let ordinary: Vec<String> = registry()
            .entities
            .iter()
            .flat_map(|e| e.names().map(str::to_string).collect::<Vec<_>>())
            .collect();
        assert_eq!(automaton_kind(&ordinary), AhoCorasickKind::DFA);
        let mut hostile = ordinary.clone();
        hostile.push("a".repeat(1_000));
        assert_eq!(automaton_kind(&hostile), AhoCorasickKind::ContiguousNFA);
    }
}
