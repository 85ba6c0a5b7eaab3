//! Reading a speaker's phrase: from the words naming the subject of a speech verb to a
//! [`Speaker`], through the article's registry mentions, an exact registry name, or the
//! phrase itself when it reads like a name or a description of someone.
//!
//! Everything here declines rather than guesses: a phrase that reads like a clause, a
//! list of people or a fragment of a sentence names nobody.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::super::text::{
    ADVERBS, CLAUSE_MARKERS, DETERMINERS, NAME_PARTICLES, NAME_TITLES, NOT_IN_SPEAKER,
    PREPOSITIONS, RELATIVE, SENTENCE_OPENERS, SPEECH_PARTICIPLES, SPOKES, SUBORDINATORS,
    TITLE_WORDS, Word, is_in, sentence_start, words,
};
use super::antecedents::lower_first;
use super::gender::Gender;
use super::{
    Attributor, Class, MAX_FREE_WORDS, Mentioned, Resolved, Spoken, is_intro, is_possessive,
    is_speech_verb, opens_with_intro, role_modifier, split_parts, starts_noun_phrase,
    strip_adverbs,
};
use crate::annotate::TextPos;
use crate::annotate::quotes::Speaker;
use crate::content::registry::{EntityKind, Registry};

/// What a body says things through: its owner is the speaker.
const DOCUMENT_NOUNS: &[&str] = &["statement", "website", "announcement", "press"];

/// Personal honorifics, which only ever stand before a name.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame"];

/// Registry names and aliases by lower-case form, for exact matches of free-text
/// speakers. Built once per registry (`crate::annotate::quotes::SpeakerNames`); a one-off
/// call scans the registry instead.
#[derive(Debug, Clone, Default)]
pub(in crate::annotate::quotes) struct NameIndex {
    map: Option<HashMap<String, Vec<usize>>>,
}

impl NameIndex {
    pub(in crate::annotate::quotes) fn build(registry: &Registry) -> Self {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in registry.entities.iter().enumerate() {
            for n in e.names() {
                let v = map.entry(n.to_lowercase()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        NameIndex { map: Some(map) }
    }

    pub(in crate::annotate::quotes) fn scanning() -> Self {
        NameIndex { map: None }
    }

    /// The one entity whose name or alias equals `key` (lower case), if exactly one does.
    fn lookup(&self, registry: &Registry, key: &str) -> Option<usize> {
        let found: Vec<usize> = match &self.map {
            Some(map) => map.get(key).cloned().unwrap_or_default(),
            None => registry
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.names().any(|n| n.to_lowercase() == key))
                .map(|(i, _)| i)
                .collect(),
        };
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

impl Attributor<'_> {
    /// Where the sentence of a pronoun at `at` in block `b` starts, when the pronoun
    /// opens a reporting clause set off by a comma after a main clause of its own
    /// sentence that holds no quotation (`Mr Blair has failed, he claimed,
    /// saying ...`): that clause is what he said, and a name in it is not the one who
    /// said it. Not after a clause opened by a subordinator (`Although X admitted ...,
    /// he insisted`) nor inside a relative clause (`the minister who, he claims, ...`).
    fn parenthetical_limit(&self, b: usize, at: usize) -> Option<TextPos> {
        let text = &self.blocks[b].text;
        // Read from the last quote before, so that a block of many quotes costs linear
        // work: a sentence that would start before that quote holds it.
        let floor = self.prev_quote_end(b, at);
        let start = sentence_start(text, floor.unwrap_or(0), at);
        if floor.is_some_and(|f| start <= f) {
            return None;
        }
        let ws = words(text, start..at);
        let main_clause = ws
            .iter()
            .find(|w| !matches!(w.lower.as_str(), "but" | "and" | "so" | "yet"))
            .is_some_and(|w| !is_intro(w) && !is_in(SUBORDINATORS, &w.lower));
        let closed = ws
            .last()
            .is_some_and(|w| w.comma_after && !is_in(RELATIVE, &w.lower));
        (main_clause && closed).then_some(TextPos {
            block: b,
            offset: start,
        })
    }

    /// The speaker a subject names. The subject's comma-separated parts are read as:
    /// introductory phrases first (dropped); then either a head right before the verb
    /// (`Clinton, a top aide said,` / `As a phone rang, the announcer said`) or, when
    /// the last part is set off by a comma, a head with appositives and relative
    /// clauses (`Ammar al-Shibli, a Shi’ite lawmaker, said`, `Sadr, who ..., wrote`).
    pub(super) fn subject_speaker(
        &self,
        b: usize,
        subject: &[Word],
        quote: TextPos,
        spoken: &Spoken,
    ) -> Resolved {
        let Some(last_word) = subject.last() else {
            return Resolved::Invalid;
        };
        let mut attached = !last_word.comma_after;
        let mut parts = split_parts(subject);
        let text = &self.blocks[b].text;
        // Introductory phrases, and a dateline in capitals before a dash ("WASHINGTON
        // — President Obama, ..., said").
        let dateline = |p: &[Word]| {
            p.iter().all(|w| {
                w.lower.chars().any(char::is_alphabetic)
                    && !text[w.range.clone()].chars().any(char::is_lowercase)
            }) && p.last().is_some_and(|w| {
                text[w.range.end..]
                    .trim_start_matches([',', ' '])
                    .starts_with(['\u{2014}', '\u{2013}', '-'])
            })
        };
        while parts.len() > 1 && (is_intro(&parts[0][0]) || dateline(parts[0])) {
            parts.remove(0);
        }
        // A last part that is only adverbs or a verb phrase ("Clinton, exasperated,
        // famously responded", "O'Malley, ..., interjected to say") leaves the subject
        // before it.
        while parts.len() > 1 && attached && {
            let last = parts[parts.len() - 1];
            let w = &last[0];
            last.iter()
                .all(|w| is_in(ADVERBS, &w.lower) || w.lower.ends_with("ly"))
                || (!w.capitalized && !starts_noun_phrase(w) && !is_in(TITLE_WORDS, &w.lower))
        } {
            parts.pop();
            attached = false;
        }
        let (head, appositives): (&[Word], Vec<&[Word]>) = if parts.len() == 1 || attached {
            (parts[parts.len() - 1], Vec::new())
        } else {
            let rest = parts[1..]
                .iter()
                .copied()
                .filter(|p| !is_in(RELATIVE, &p[0].lower) && !is_intro(&p[0]))
                .filter(|p| !p.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower)))
                .collect();
            (parts[0], rest)
        };
        let mut head = strip_adverbs(head);
        // An introductory phrase without its comma ("For the opposition Ali Hassan
        // said"): the name at the end is the subject.
        if attached
            && appositives.is_empty()
            && head.first().is_some_and(|w| is_in(PREPOSITIONS, &w.lower))
        {
            let run = head
                .iter()
                .rev()
                .take_while(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
                .count();
            if run == 0 || run == head.len() {
                return Resolved::Invalid;
            }
            head = &head[head.len() - run..];
        }
        let Some(first) = head.first() else {
            return Resolved::Invalid;
        };
        if opens_with_intro(head) || head.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower)) {
            return Resolved::Invalid;
        }
        // Pronouns.
        if head.len() == 1 {
            let class = match first.lower.as_str() {
                "he" | "she" => Some(Class::Person),
                "it" => Some(Class::NonPerson),
                "they" | "we" | "i" | "you" => return Resolved::Unknown,
                _ => None,
            };
            if let Some(class) = class {
                let gender = Gender::of_pronoun(&first.lower);
                let limit = self
                    .parenthetical_limit(b, first.range.start)
                    .unwrap_or(quote);
                return match self.resolve_pronoun(spoken, quote, limit, class, gender) {
                    Some(sp) => Resolved::Speaker(sp, first.range.clone(), true),
                    None => Resolved::Unknown,
                };
            }
        }
        // Registry mentions in the head and its appositives.
        let mut groups: Vec<&[Word]> = vec![head];
        groups.extend(appositives.iter().copied());
        match self.mentioned_speaker(b, &groups) {
            Some(Ok(found)) => return Resolved::Speaker(found.0, found.1, false),
            Some(Err(())) => return Resolved::Unknown,
            None => {}
        }
        // Free text: a proper-name appositive before a descriptive head ("the
        // caretaker prime minister, John Smith,"), not before a name.
        let proper_name = |p: &[Word]| {
            p.len() >= 2
                && p.iter()
                    .all(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
        };
        let mut candidates: Vec<&[Word]> = if head.iter().all(|w| w.capitalized) {
            Vec::new()
        } else {
            appositives
                .iter()
                .copied()
                .filter(|p| proper_name(p))
                .collect()
        };
        candidates.push(head);
        for c in candidates {
            if let Some((sp, span)) = self.free_text_speaker(b, c, quote) {
                return Resolved::Speaker(sp, span, false);
            }
        }
        Resolved::Invalid
    }

    /// The entity mentioned as the speaker in these word groups: people before other
    /// bodies before places; possessives and mentions after a preposition do not count
    /// (except after "spokesman for"). `Err` when two different entities tie.
    #[allow(clippy::type_complexity)]
    fn mentioned_speaker(
        &self,
        b: usize,
        groups: &[&[Word]],
    ) -> Option<Result<(Speaker, Range<usize>), ()>> {
        let text = &self.blocks[b].text;
        // (rank, [(entity, range)]) of the best-ranked eligible mentions.
        let mut best: Option<(u8, Mentioned)> = None;
        for p in groups {
            let span = p.first()?.range.start..p.last()?.range.end;
            for m in self.mentions_within(b, span) {
                if is_possessive(text, &m.range) {
                    continue;
                }
                let before: Vec<&Word> = p
                    .iter()
                    .take_while(|w| w.range.end <= m.range.start)
                    .collect();
                let after_prep = before.iter().enumerate().any(|(n, w)| {
                    is_in(PREPOSITIONS, &w.lower) && !(n > 0 && is_in(SPOKES, &before[n - 1].lower))
                });
                if after_prep {
                    continue;
                }
                let rank = match self.registry.entities[m.entity].kind {
                    EntityKind::Person => 0,
                    EntityKind::Place => 2,
                    _ => 1,
                };
                match &mut best {
                    Some((r, v)) if *r == rank => v.push((m.entity, m.range.clone())),
                    Some((r, _)) if *r < rank => {}
                    _ => best = Some((rank, vec![(m.entity, m.range.clone())])),
                }
            }
        }
        let (_, found) = best?;
        let first = found[0].0;
        if found.iter().any(|(e, _)| *e != first) {
            return Some(Err(()));
        }
        Some(Ok((
            Speaker {
                name: self.registry.entities[first].name.clone(),
                entity: Some(first),
            },
            found[0].1.clone(),
        )))
    }

    /// A speaker named in words with no registry mention.
    fn free_text_speaker(
        &self,
        b: usize,
        ws: &[Word],
        quote: TextPos,
    ) -> Option<(Speaker, Range<usize>)> {
        let text = &self.blocks[b].text;
        // A body speaks through its statement ("United's statement to the stock
        // exchange said"): the speaker is the owner.
        if let [owner, noun, ..] = ws
            && owner.capitalized
            && is_in(DOCUMENT_NOUNS, &noun.lower)
            && let written = &text[owner.range.clone()]
            && let Some(stem) = written
                .strip_suffix("'s")
                .or_else(|| written.strip_suffix("\u{2019}s"))
                .or_else(|| {
                    // "Rovers' statement": the apostrophe is left out of the word.
                    let after = &text[owner.range.end..];
                    (after.starts_with(['\'', '\u{2019}']) && written.ends_with('s'))
                        .then_some(written)
                })
        {
            let mut owner = owner.clone();
            owner.range.end = owner.range.start + stem.len();
            owner.lower = stem.to_lowercase();
            return self.free_text_speaker(b, &[owner], quote);
        }
        let mut ws = strip_adverbs(ws);
        // A party tag in brackets ends the name ("Jim Clyburn (D-S.C.)").
        if let Some(p) = ws.iter().position(|w| text[..w.range.start].ends_with('(')) {
            ws = &ws[..p];
        }
        // A trailing participle is a clause, not a name ("a court document filed").
        while ws.len() > 1 && {
            let w = &ws[ws.len() - 1];
            !w.capitalized && w.lower.ends_with("ed")
        } {
            ws = &ws[..ws.len() - 1];
        }
        if ws.is_empty() || ws.len() > MAX_FREE_WORDS {
            return None;
        }
        // A modal cannot stand before "said" or "says": a capitalised one there is a
        // name ("May said:", "Will says").
        let next_word = text[ws[ws.len() - 1].range.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphabetic());
        let named_modal = |i: usize, w: &Word| {
            w.capitalized
                && i + 1 == ws.len()
                && matches!(w.lower.as_str(), "may" | "will")
                && (next_word.ends_with('s') || next_word.ends_with("ed") || next_word == "said")
        };
        if ws.iter().enumerate().any(|(i, w)| {
            is_in(NOT_IN_SPEAKER, &w.lower)
                && !(w.lower == "us" && w.capitalized)
                && !named_modal(i, w)
                || is_speech_verb(w)
                || is_in(SPEECH_PARTICIPLES, &w.lower)
                || (!w.capitalized
                    && w.lower.ends_with("ing")
                    && w.lower.len() > 4
                    && !role_modifier(ws, i))
        }) {
            return None;
        }
        if opens_with_intro(ws) {
            return None;
        }
        // A name at the start followed by "of ..." ("Stephen Vladeck of the University").
        let lead = ws
            .iter()
            .take_while(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
            .count();
        if lead >= 2 && lead < ws.len() && is_in(PREPOSITIONS, &ws[lead].lower) {
            ws = &ws[..lead];
        }
        // A name at the end of a description ("student Raad Ismail").
        let mut tail = ws.len();
        while tail > 0 && (ws[tail - 1].capitalized || is_in(NAME_PARTICLES, &ws[tail - 1].lower)) {
            tail -= 1;
        }
        while tail < ws.len() && !ws[tail].capitalized {
            tail += 1;
        }
        let mut name_words = &ws[tail..];
        // Titles ("Chairman Peter Hill-Wood") and words that are capitalised only
        // because they open the sentence ("But Bailey", "First Mark Cueto") are not
        // part of the name.
        // An honorific before one word makes it a name ("a crestfallen Mr Lim").
        let mut honorific = false;
        while name_words.len() > 1 && {
            let w = name_words[0].lower.trim_end_matches('.');
            is_in(NAME_TITLES, w) || is_in(TITLE_WORDS, w) || is_in(SENTENCE_OPENERS, w)
        } {
            honorific = is_in(HONORIFICS, name_words[0].lower.trim_end_matches('.'));
            name_words = &name_words[1..];
        }
        honorific &= name_words.len() == 1
            && !is_in(NAME_TITLES, &name_words[0].lower)
            && !is_in(TITLE_WORDS, &name_words[0].lower);
        // One capitalised word after an article is a title ("the President"), not a
        // name; after a description it is a name ("student Hassan"). A name after a
        // preposition belongs to a description ("one of the prosecutors for X").
        let before = &ws[..tail];
        let descriptive = before.iter().all(|w| !is_in(PREPOSITIONS, &w.lower));
        let before_all_titles = before.iter().all(|w| is_in(TITLE_WORDS, &w.lower));
        let proper = !name_words.is_empty()
            && descriptive
            && (name_words.len() >= 2 || tail == 0 || before_all_titles || honorific)
            && !is_in(DETERMINERS, &name_words[0].lower);
        let chosen = if proper { name_words } else { ws };
        let range = chosen.first()?.range.start..chosen.last()?.range.end;
        let written = &text[range.clone()];
        // A sentence-initial determiner: "The resolution" -> "the resolution".
        let name = if !proper && is_in(DETERMINERS, &chosen[0].lower) && chosen[0].capitalized {
            lower_first(written)
        } else {
            written.to_string()
        };
        // Exact registry match of the phrase or the name, with or without an article.
        let whole = text[ws[0].range.start..ws[ws.len() - 1].range.end].to_lowercase();
        let lower = name.to_lowercase();
        let bare = |s: &str| s.strip_prefix("the ").map(str::to_string);
        let entity = [
            Some(whole.clone()),
            bare(&whole),
            Some(lower.clone()),
            bare(&lower),
        ]
        .into_iter()
        .flatten()
        .find_map(|key| self.names.lookup(self.registry, &key))
        .or_else(|| proper.then(|| self.short_name(&name, quote)).flatten());
        // "The mayor": the one person the article introduced as its mayor.
        let referent = (entity.is_none() && !proper)
            .then(|| self.description_referent(ws, quote))
            .flatten();
        if let Some(person) = referent {
            let entity = self.names.lookup(self.registry, &person.to_lowercase());
            let name = entity.map_or(person, |e| self.registry.entities[e].name.clone());
            return Some((Speaker { name, entity }, range));
        }
        let speaker = match entity {
            Some(e) => Speaker {
                name: self.registry.entities[e].name.clone(),
                entity: Some(e),
            },
            None => Speaker { name, entity: None },
        };
        Some((speaker, range))
    }

    /// The one person mentioned before `before` whose name ends with `name` (as
    /// written there, or as a registry name or alias); none if two people do.
    fn short_name(&self, name: &str, before: TextPos) -> Option<usize> {
        let ending = self
            .name_endings
            .get_or_init(|| self.collect_name_endings())
            .get(name)?;
        (ending.first < before && ending.other.is_none_or(|o| o >= before)).then_some(ending.entity)
    }

    /// Every ending of the names of the people the article mentions, in one pass over
    /// the mentions: only the first mention of each person with each ending counts.
    fn collect_name_endings(&self) -> NameEndings {
        let mut endings = NameEndings::new();
        let mut people: HashSet<usize> = HashSet::new();
        let mut surfaces: HashSet<(usize, &str)> = HashSet::new();
        for (b, ms) in self.mentions.iter().enumerate() {
            for m in ms {
                let e = &self.registry.entities[m.entity];
                if e.kind != EntityKind::Person {
                    continue;
                }
                let pos = TextPos {
                    block: b,
                    offset: m.range.start,
                };
                let surface = &self.blocks[b].text[m.range.clone()];
                // A spelling already seen for the person adds nothing; the registry's
                // names count from the person's first mention on.
                let new_surface = surfaces.insert((m.entity, surface));
                let first_mention = people.insert(m.entity);
                let written = new_surface
                    .then_some(surface)
                    .into_iter()
                    .chain(e.names().filter(|_| first_mention));
                for w in written {
                    for (i, _) in w.match_indices(' ') {
                        let key = &w[i + 1..];
                        match endings.get_mut(key) {
                            None => {
                                endings.insert(
                                    key.to_string(),
                                    Ending {
                                        entity: m.entity,
                                        first: pos,
                                        other: None,
                                    },
                                );
                            }
                            Some(x) if x.entity != m.entity && x.other.is_none() => {
                                x.other = Some(pos);
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        endings
    }
}

/// The ends of people's names (the words after a space in a name as written or as
/// registered), for [`Attributor::short_name`].
pub(in crate::annotate::quotes) type NameEndings = HashMap<String, Ending>;

/// The people whose names end in one way.
pub(in crate::annotate::quotes) struct Ending {
    /// The first person mentioned with the ending, and where.
    entity: usize,
    first: TextPos,
    /// Where another person is first mentioned with it.
    other: Option<TextPos>,
}
