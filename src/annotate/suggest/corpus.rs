//! Reading the collection: every block's tokens, the registry's mentions and the word
//! counts, then the two passes over the runs that fill the candidates table (the
//! second splitting off ordinary words with the first pass's counts), along with the
//! descriptions of institutions ("Iraqi parliament", "Iraq's parliament").

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::annotate::entities::EntityMatcher;
use crate::content::registry::Registry;

use super::SuggestInput;
use super::candidate::{Occurrence, Table, normalise};
use super::evidence::{context_evidence, is_attributive};
use super::runs::{Cleaned, Outcome, clean, find_runs, is_capitalised_function_word};
use super::stats::Stats;
use super::words::{self, Gap, Layout, Shape, Words};
use super::{fold, known};
use crate::text::lexicon;

/// A registry mention found by the matcher.
struct Known {
    range: Range<usize>,
    entities: Vec<usize>,
}

/// Everything read from the articles.
pub(super) struct Corpus<'a> {
    pub(super) articles: &'a [SuggestInput<'a>],
    pub(super) blocks: Vec<Vec<Words<'a>>>,
    known: Vec<Vec<Vec<Known>>>,
    stats: Stats<'a>,
    /// Normalised registry forms, to skip candidates the registry has.
    registry_forms: HashSet<String>,
}

impl<'a> Corpus<'a> {
    pub(super) fn read(articles: &'a [SuggestInput<'a>], registry: &Registry) -> Self {
        let matcher = EntityMatcher::new(registry);
        // Tokens and registry mentions, article by article in parallel.
        let read: Vec<(Vec<Words<'a>>, Vec<Vec<Known>>)> = articles
            .par_iter()
            .map(|article| {
                let words = article
                    .blocks
                    .iter()
                    .map(|b| words::tokenize(&b.text))
                    .collect();
                (words, known_mentions(&matcher, article))
            })
            .collect();
        let mut stats = Stats::default();
        let mut blocks = Vec::with_capacity(articles.len());
        let mut known = Vec::with_capacity(articles.len());
        for (words, per_block) in read {
            for w in &words {
                // Words capitalised for starting a sentence, even after a capitalised
                // function word ("The Hill has..."), do not count as mid-sentence.
                let mut leading = false;
                for (i, t) in w.tokens.iter().enumerate() {
                    leading = t.initial || (leading && is_capitalised_function_word(w, i - 1));
                    match t.shape {
                        Shape::Lower => *stats.lower.entry(w.word(i)).or_default() += 1,
                        Shape::Name | Shape::Acronym => {
                            stats.capitalised.insert(w.word(i));
                            if !leading {
                                *stats.capitalised_mid.entry(w.word(i)).or_default() += 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            blocks.push(words);
            known.push(per_block);
        }
        let registry_forms = registry
            .entities
            .iter()
            .flat_map(|e| e.names())
            .map(normalise)
            .collect();
        Corpus {
            articles,
            blocks,
            known,
            stats,
            registry_forms,
        }
    }

    /// Runs, cleaned and counted twice: the first pass counts each form and how often
    /// it is seen in mid-sentence, the second uses those counts to split off ordinary
    /// words and gathers the final candidates.
    pub(super) fn candidates(&self) -> Table {
        let mut first: HashMap<String, (usize, usize)> = HashMap::new();
        for words in self.blocks.iter().flatten() {
            if words.layout() == Layout::Capitals {
                continue;
            }
            for run in find_runs(words) {
                if let Outcome::Name(c) = clean(words, run, &self.stats) {
                    let entry = first.entry(normalise(words.span(c.tokens))).or_default();
                    entry.0 += 1;
                    if !c.initial {
                        entry.1 += 1;
                    }
                }
            }
        }
        let mid_seen = |words: &Words, tokens: Range<usize>| {
            first
                .get(&normalise(words.span(tokens)))
                .map_or(0, |&(_, mid)| mid)
        };

        let seen_alone = |words: &Words, tokens: Range<usize>| {
            first.contains_key(&normalise(words.span(tokens)))
        };

        let mut table = Table::default();
        let mut datelines: HashMap<String, usize> = HashMap::new();
        for (a, blocks) in self.blocks.iter().enumerate() {
            for (b, words) in blocks.iter().enumerate() {
                // A dateline's name in capitals, already suggested as written in a
                // sentence, is not read again as a run ("VAIL" beside "Vail").
                let mut shouted: Option<Range<usize>> = None;
                for place in words.dateline() {
                    let name = words::title_case(words.span(place.clone()));
                    *datelines.entry(normalise(&name)).or_default() += 1;
                    // A dateline's name in capitals is suggested as written in a
                    // sentence: "BRUSSELS" is "Brussels".
                    if words.tokens[place.start].shape == Shape::Acronym {
                        add_in_capitals(&mut table, words, (a, b), place.clone());
                        shouted = Some(place);
                    }
                }
                let layout = words.layout();
                if layout == Layout::Capitals {
                    // A table row in capitals names a team: "HARTFORD 12 7 6".
                    if let Some(name) = words.row_in_capitals() {
                        let index = add_in_capitals(&mut table, words, (a, b), name);
                        table.candidates[index].evidence.scored += 1;
                    }
                    continue;
                }
                let known = &self.known[a][b];
                let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
                for run in find_runs(words) {
                    if shouted.as_ref().is_some_and(|r| r.contains(&run.start)) {
                        continue;
                    }
                    let run_end = run.end;
                    let cleaned = match clean(words, run, &self.stats) {
                        Outcome::Name(c) => c,
                        Outcome::Demonym(t) => {
                            self.describe(&mut table, words, (a, b), t, t + 1, None);
                            continue;
                        }
                        Outcome::Nothing => continue,
                    };
                    let pieces = match layout {
                        Layout::Listing => split_listed_names(words, cleaned, &seen_alone),
                        _ => vec![cleaned],
                    };
                    for cleaned in pieces {
                        let (s, e) = (cleaned.tokens.start, cleaned.tokens.end);
                        if e == run_end && words.tokens[e - 1].possessive {
                            let base = normalise(words.span(s..e));
                            self.describe(&mut table, words, (a, b), s, e, Some(base));
                        }
                        let Some(tokens) = self.refine(words, &cleaned, layout, &mid_seen) else {
                            continue;
                        };
                        if tokens.len() == 1
                            && self.stats.demonym_base(words.word(tokens.start)).is_some()
                        {
                            self.describe(
                                &mut table,
                                words,
                                (a, b),
                                tokens.start,
                                tokens.end,
                                None,
                            );
                            continue;
                        }
                        let range = words.tokens[tokens.start].range.start
                            ..words.tokens[tokens.end - 1].range.end;
                        if known
                            .iter()
                            .any(|k| k.range.start <= range.start && range.end <= k.range.end)
                        {
                            continue;
                        }
                        let surface = normalise(words.span(tokens.clone()));
                        if self.registry_forms.contains(&surface) {
                            continue;
                        }
                        let occurrence = Occurrence {
                            article: a,
                            block: b,
                            start: range.start,
                            end: range.end,
                        };
                        let index = table.add(&surface, words.span(tokens.clone()), occurrence);
                        let candidate = &mut table.candidates[index];
                        candidate.evidence += context_evidence(words, tokens.clone(), &cleaned);
                        if layout == Layout::Listing && is_followed_by_score(words, tokens.end) {
                            let listed_player = candidate.is_person_shaped()
                                && is_listed_after_comma_or_dash(words, tokens.start);
                            if is_in_brackets(words.text, range.start) || listed_player {
                                candidate.evidence.scorer += 1;
                            } else {
                                candidate.evidence.scored += 1;
                            }
                        }
                        if is_attributive(words, tokens.end) {
                            candidate.attributive += 1;
                        }
                        if let Some(title) = &cleaned.title {
                            *candidate.titles.entry(title.clone()).or_default() += 1;
                        }
                        for k in known {
                            if range.start <= k.range.start && k.range.end <= range.end {
                                candidate.contains.extend(k.entities.iter().copied());
                            }
                        }
                        kept.push((index, tokens));
                    }
                }
                // "Daesh (Islamic State)": a name and its parenthetical are one; not in
                // a table row or a results line ("Katja Seizinger (Germany) 1:18.32").
                if layout != Layout::Prose {
                    continue;
                }
                for pair in kept.windows(2) {
                    let (first, second) = (&pair[0], &pair[1]);
                    let closes = words.text[words.tokens[second.1.end - 1].range.end..]
                        .trim_start()
                        .starts_with(')');
                    // A person's name in brackets is rarely another name of the
                    // person: "Paul Gascoigne (Rangers)", "Sun Jun (China)".
                    let (a, b) = (&table.candidates[first.0], &table.candidates[second.0]);
                    let acronym_of = b.is_acronym()
                        && fold::initials(&a.surface) == fold::acronym_letters(&b.surface);
                    // Nor is a place in brackets: "Sodigraf (Zaire)" says where from.
                    let qualifier =
                        !acronym_of && (a.is_person_shaped() || known::is_place(&b.surface));
                    if second.1.start == first.1.end
                        && !qualifier
                        && words.tokens[second.1.start].gap == Gap::OpenParen
                        && closes
                    {
                        table.parenthetical.push((first.0, second.0));
                    }
                }
            }
        }
        for (key, count) in datelines {
            if let Some(&i) = table.index.get(&key) {
                table.candidates[i].evidence.dateline += count;
            }
        }
        table.drop_ordinary_words(&self.stats);
        table.find_surnames();
        table.find_organisation_heads();
        table
    }

    /// The second pass over a cleaned run: splits off a sentence-initial ordinary word
    /// ("Tags Iran", not the given name in "Paolo Madrid") and trailing ordinary words after a known name ("Reuters
    /// Members"); drops a lone word that is never capitalised mid-sentence, unless it
    /// stands in a listing and is never written in lower case.
    fn refine(
        &self,
        words: &Words,
        cleaned: &Cleaned,
        layout: Layout,
        mid_seen: &impl Fn(&Words, Range<usize>) -> usize,
    ) -> Option<Range<usize>> {
        let (mut s, mut e) = (cleaned.tokens.start, cleaned.tokens.end);
        if cleaned.initial && e - s > 1 && words.tokens[s].shape == Shape::Name {
            let first = words.word(s);
            if mid_seen(words, s..e) == 0
                && self.stats.mid_count(first) == 0
                && !known::is_given_name(first)
                && (self.stats.lower_count(first) >= 1 || mid_seen(words, s + 1..e) >= 1)
            {
                s += 1;
            }
        }
        while e - s > 1 {
            let last = words.word(e - 1);
            if words.tokens[e - 1].shape != Shape::Name
                || lexicon::is_kind_word(last)
                || self.stats.lower_count(last) == 0
                || mid_seen(words, s..e - 1) == 0
            {
                break;
            }
            e -= 1;
        }
        while e > s && words.tokens[e - 1].shape == Shape::Lower {
            e -= 1;
        }
        // A table row has no lower case to set a name apart from a word that starts a
        // sentence: there a lone word stays when it is never written in lower case
        // ("Barnsley 21 10 8 3").
        let listed = layout == Layout::Listing && self.stats.lower_count(words.word(s)) == 0;
        // Nor does a place of the gazetteer need to be seen in mid-sentence, nor a
        // word never written in lower case that owns something ("Dorvale's coach").
        let owner = words.tokens[s].possessive && self.stats.lower_count(words.word(s)) == 0;
        if e - s == 1
            && words.tokens[s].shape == Shape::Name
            && self.stats.mid_count(words.word(s)) == 0
            && !listed
            && !owner
            && !known::is_place(words.word(s))
        {
            return None;
        }
        (e > s).then_some(s..e)
    }

    /// Records "Iraqi parliament" or "Iraq's parliament" when the words `first..end`
    /// (a nationality, or a possessive name) are followed by an institution.
    fn describe(
        &self,
        table: &mut Table,
        words: &Words,
        (article, block): (usize, usize),
        first: usize,
        end: usize,
        base: Option<String>,
    ) {
        let Some(next) = words.tokens.get(end) else {
            return;
        };
        let noun = words.word(end);
        if next.gap != Gap::Space || next.initial || !lexicon::is_institution(noun) {
            return;
        }
        let Some(base) = base.or_else(|| self.stats.demonym_base(words.word(first))) else {
            return;
        };
        let range = words.tokens[first].range.start..next.range.end;
        let known = &self.known[article][block];
        if known
            .iter()
            .any(|k| k.range.start <= range.start && range.end <= k.range.end)
        {
            return;
        }
        let surface = normalise(&words.text[range.clone()]);
        if self.registry_forms.contains(&surface) {
            return;
        }
        let occurrence = Occurrence {
            article,
            block,
            start: range.start,
            end: range.end,
        };
        let index = table.add(&surface, &words.text[range], occurrence);
        table.candidates[index].description = Some((base, noun.to_string()));
    }
}

/// True when the token at `next` is a number after a space: in a table row, the name
/// before it is a team's ("Aberdeen 3 Celtic 1", "Ajax Amsterdam 18 7 8 3").
fn is_followed_by_score(words: &Words, next: usize) -> bool {
    words
        .tokens
        .get(next)
        .is_some_and(|t| t.shape == Shape::Number && t.gap == Gap::Space)
}

/// Adds the words `tokens`, written in capitals, as the name written in a sentence
/// ("BRUSSELS" is "Brussels"); returns the candidate's index.
fn add_in_capitals(
    table: &mut Table,
    words: &Words,
    (article, block): (usize, usize),
    tokens: Range<usize>,
) -> usize {
    let name = words::title_case(words.span(tokens.clone()));
    let occurrence = Occurrence {
        article,
        block,
        start: words.tokens[tokens.start].range.start,
        end: words.tokens[tokens.end - 1].range.end,
    };
    table.add(&normalise(&name), &name, occurrence)
}

/// True when the token at `first` follows a comma, a dash or a colon: the second
/// of a list of players and their figures ("..., Hennie Swart 75 64"), or the
/// first after a team or a heading ("Dorvale - Tom Ashcroft 58").
fn is_listed_after_comma_or_dash(words: &Words, first: usize) -> bool {
    let gap_start = first
        .checked_sub(1)
        .map_or(0, |p| words.tokens[p].range.end);
    let gap = words.text[gap_start..words.tokens[first].range.start].trim();
    matches!(gap, "," | "-" | ":" | "\u{2013}")
}

/// True when `offset` lies inside brackets opened earlier in the block.
fn is_in_brackets(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    before.matches('(').count() > before.matches(')').count()
}

/// A run in a listing that is two names each seen on its own elsewhere ("Real Madrid
/// Barcelona" in a list of fixtures) is split in two; any other run is kept whole.
fn split_listed_names(
    words: &Words,
    cleaned: Cleaned,
    seen_alone: &impl Fn(&Words, Range<usize>) -> bool,
) -> Vec<Cleaned> {
    let (s, e) = (cleaned.tokens.start, cleaned.tokens.end);
    let starts_name = |i: usize| matches!(words.tokens[i].shape, Shape::Name | Shape::Acronym);
    let split = (s + 1..e).find(|&p| {
        words.tokens[p].gap == Gap::Space
            && starts_name(p)
            && seen_alone(words, s..p)
            && seen_alone(words, p..e)
    });
    match split {
        Some(p) => vec![
            Cleaned {
                tokens: s..p,
                ..cleaned.clone()
            },
            Cleaned {
                tokens: p..e,
                title: None,
                initial: false,
            },
        ],
        None => vec![cleaned],
    }
}

/// The registry mentions in each block of an article: found, ambiguous and explicit.
fn known_mentions(matcher: &EntityMatcher, article: &SuggestInput) -> Vec<Vec<Known>> {
    let mentions = matcher.find_mentions(article.blocks);
    let mut per_block: Vec<Vec<Known>> = article.blocks.iter().map(|_| Vec::new()).collect();
    for m in &mentions.found {
        per_block[m.block].push(Known {
            range: m.range.clone(),
            entities: vec![m.entity],
        });
    }
    for m in &mentions.ambiguous {
        per_block[m.block].push(Known {
            range: m.range.clone(),
            entities: m.candidates.clone(),
        });
    }
    for (b, block) in article.blocks.iter().enumerate() {
        for (range, entity) in &block.explicit {
            per_block[b].push(Known {
                range: range.clone(),
                entities: vec![*entity],
            });
        }
    }
    per_block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::TextBlock;

    /// The candidate surfaces of a small text, in order.
    fn surfaces(text: &str) -> Vec<String> {
        let blocks: Vec<TextBlock> = text.split("\n\n").map(TextBlock::paragraph).collect();
        let input = [SuggestInput {
            slug: "a",
            source: "S",
            blocks: &blocks,
        }];
        let registry = Registry::default();
        let corpus = Corpus::read(&input, &registry);
        let table = corpus.candidates();
        table
            .candidates
            .iter()
            .filter(|c| !c.occurrences.is_empty())
            .map(|c| c.surface.clone())
            .collect()
    }

    #[test]
    fn cleans_runs_into_names() {
        let cases: &[(&str, &[&str])] = &[
            // Titles, nationalities and sentence-initial function words go.
            (
                "Iraqi Prime Minister Adil Abd al-Mahdi spoke in Iraq.",
                &["Adil Abd al-Mahdi", "Iraq"],
            ),
            // "Iranian" is known for an adjective because "Iran" occurs.
            (
                "When Iranian Gen. Qassem Soleimani left Iran.",
                &["Qassem Soleimani", "Iran"],
            ),
            // Whatever stands before a title and a name qualifies the person.
            (
                "When Iranian Gen. Qassem Soleimani left.",
                &["Qassem Soleimani"],
            ),
            (
                "Belgian Foreign Minister Didier Delaunay met Former Turkish Speaker \
                 Murat Yildiz.",
                &["Didier Delaunay", "Murat Yildiz"],
            ),
            ("the killing of President Trump, Mr Trump said.", &["Trump"]),
            (
                "He met Abu Mahdi al-Muhandis and al-Mahdi.",
                &["Abu Mahdi al-Muhandis", "al-Mahdi"],
            ),
            // A title alone, a month, a nationality alone: nothing.
            (
                "He resigned as Prime Minister in December. Iraqi troops left.",
                &[],
            ),
            // A capitalised "The" inside a sentence is part of the name; at the start
            // of a sentence it goes (and grouping joins "Times" to "The Times").
            (
                "as reported by The Times. The Times is old.",
                &["The Times", "Times"],
            ),
            // "of" after an institution word.
            (
                "a vote in the Council of Representatives today",
                &["Council of Representatives"],
            ),
            // A trailing title goes: the UN, not its Secretary-General.
            ("lodged with the UN Secretary-General and others", &["UN"]),
            // Hyphenated words mention their capitalised parts.
            (
                "Iran-backed militias and US-led forces left Iran",
                &["Iran", "US"],
            ),
            // A sentence-initial ordinary word never capitalised elsewhere is not a name.
            ("Lawmakers voted. The lawmakers left Baghdad.", &["Baghdad"]),
            // An ordinary word split off a known name.
            ("Tags Iran met. He went to Iran.", &["Iran"]),
            (
                "Handout. Reuters Members of it. The members told Reuters.",
                &["Reuters"],
            ),
            // A particle joins a name only when a name follows.
            ("Osama bin Laden was bin there", &["Osama bin Laden"]),
        ];
        for (text, expected) in cases {
            assert_eq!(surfaces(text), expected.to_vec(), "{text:?}");
        }
    }
}
