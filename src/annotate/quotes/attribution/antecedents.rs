//! Pronoun antecedents: the people and bodies a later "he", "she" or "it" may stand for.
//!
//! Candidates are the speakers of earlier quotes and the subjects that open sentences:
//! registry mentions, capitalised names, and single capitalised words the article also
//! capitalises mid-sentence. Unnamed subjects ("The prime minister's spokesman said")
//! are recorded too, so that a pronoun after them is known to be ambiguous.
//!
//! Most articles never need any of this, so the sentence subjects are collected only
//! when the first pronoun is to be resolved, tokenising each block once.

use std::collections::HashSet;
use std::ops::Range;

use super::super::text::{
    CLAUSE_MARKERS, DETERMINERS, INTRO_WORDS, NAME_PARTICLES, NAME_TITLES, NOT_IN_SPEAKER,
    NOT_PERSON_ENDINGS, TITLE_WORDS, Word, is_in, sentence_end, words,
};
use super::{
    Attributor, PRONOUN_WINDOW, is_intro, is_possessive, is_speech_verb, split_parts, strip_adverbs,
};
use crate::annotate::quotes::Speaker;
use crate::annotate::{BlockKind, TextPos};
use crate::content::registry::EntityKind;

/// What a pronoun may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Person,
    /// An organisation, group or document ("it").
    NonPerson,
    /// Someone unnamed, or a place: stops a pronoun rather than resolving it.
    Other,
}

struct Antecedent {
    pos: TextPos,
    class: Class,
    speaker: Speaker,
}

/// The sentence subjects of an article and its proper names, built on first use.
pub(super) struct Antecedents {
    /// Sorted by position.
    subjects: Vec<Antecedent>,
    /// Capitalised words the article also capitalises inside a sentence: proper names
    /// ("Sanders"), as opposed to common words opening a sentence ("Officials").
    proper: HashSet<String>,
}

impl Attributor<'_> {
    fn antecedents(&self) -> &Antecedents {
        self.antecedents.get_or_init(|| self.collect_antecedents())
    }

    /// The latest antecedent of the wanted class before `before`, within a few blocks:
    /// a sentence subject, or a speaker of an earlier quote (`spoken`, in order). An
    /// unnamed one in between ("one demonstrator") makes the pronoun ambiguous.
    pub(super) fn resolve_pronoun(
        &self,
        spoken: &[(TextPos, Speaker)],
        before: TextPos,
        class: Class,
    ) -> Option<Speaker> {
        let near = |pos: TextPos| pos < before && pos.block + PRONOUN_WINDOW >= before.block;
        let fits = |c: Class| c == class || c == Class::Other;
        let subjects = &self.antecedents().subjects;
        let from_subject = subjects[..subjects.partition_point(|a| a.pos < before)]
            .iter()
            .rev()
            .take_while(|a| near(a.pos))
            .find(|a| fits(a.class))
            .map(|a| (a.pos, a.class, &a.speaker));
        let from_quote = spoken
            .iter()
            .rev()
            .filter(|(pos, _)| *pos < before)
            .take_while(|(pos, _)| near(*pos))
            .map(|(pos, sp)| (*pos, self.class_of(sp), sp))
            .find(|(_, c, _)| fits(*c));
        let latest = match (from_subject, from_quote) {
            (Some(a), Some(b)) => {
                if a.0 > b.0 {
                    a
                } else {
                    b
                }
            }
            (a, b) => a.or(b)?,
        };
        (latest.1 == class).then(|| latest.2.clone())
    }

    fn class_of(&self, sp: &Speaker) -> Class {
        match sp.entity {
            Some(e) => match self.registry.entities[e].kind {
                EntityKind::Person => Class::Person,
                EntityKind::Organization | EntityKind::Group | EntityKind::Document => {
                    Class::NonPerson
                }
                _ => Class::Other,
            },
            None if person_name(&sp.name) => Class::Person,
            None if !sp.name.contains(' ')
                && !is_in(DETERMINERS, &sp.name.to_lowercase())
                && self.antecedents().proper.contains(&sp.name.to_lowercase()) =>
            {
                Class::Person
            }
            None => Class::Other,
        }
    }

    /// People and bodies that are the subject of a sentence (registry mentions and
    /// capitalised names), and unnamed subjects, with the article's proper names.
    fn collect_antecedents(&self) -> Antecedents {
        let tokens: Vec<Vec<Word>> = self
            .blocks
            .iter()
            .map(|b| words(&b.text, 0..b.text.len()))
            .collect();
        let mut proper = HashSet::new();
        for (block, ws) in self.blocks.iter().zip(&tokens) {
            for pair in ws.windows(2) {
                let (prev, w) = (&pair[0], &pair[1]);
                let gap = &block.text[prev.range.end..w.range.start];
                if w.capitalized && !gap.contains(['.', '!', '?', ':', '"', '“', '(']) {
                    proper.insert(w.lower.clone());
                }
            }
        }
        let mut subjects = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem
            ) {
                continue;
            }
            let text = &block.text;
            let ws = &tokens[b];
            let inside_quote = |r: &Range<usize>| {
                self.quoted[b]
                    .iter()
                    .any(|q| q.start <= r.start && r.end <= q.end)
            };
            // Sentences as byte ranges, and the words of a range.
            let mut sentences = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let end = sentence_end(text, at, text.len());
                if end <= at {
                    break;
                }
                sentences.push(at..end);
                at = end;
            }
            let words_in = |r: Range<usize>| {
                let from = ws.partition_point(|w| w.range.start < r.start);
                let to = ws.partition_point(|w| w.range.end <= r.end);
                &ws[from..to.max(from)]
            };
            for m in &self.mentions[b] {
                if inside_quote(&m.range) || is_possessive(text, &m.range) {
                    continue;
                }
                let e = &self.registry.entities[m.entity];
                let class = match e.kind {
                    EntityKind::Person => Class::Person,
                    EntityKind::Organization | EntityKind::Group | EntityKind::Document => {
                        Class::NonPerson
                    }
                    _ => continue,
                };
                let sentence = sentences[sentences
                    .partition_point(|s| s.end <= m.range.start)
                    .min(sentences.len().saturating_sub(1))..]
                    .first()
                    .map_or(0, |s| s.start);
                let floor = self.prev_quote_end(b, m.range.start).unwrap_or(0);
                let start = sentence.max(floor).min(m.range.start);
                if !subject_prefix(words_in(start..m.range.start)) {
                    continue;
                }
                subjects.push(Antecedent {
                    pos: TextPos {
                        block: b,
                        offset: m.range.start,
                    },
                    class,
                    speaker: Speaker {
                        name: e.name.clone(),
                        entity: Some(m.entity),
                    },
                });
            }
            for sentence in &sentences {
                let sws = words_in(sentence.clone());
                if let Some(range) = self.unnamed_subject(b, sws) {
                    subjects.push(Antecedent {
                        pos: TextPos {
                            block: b,
                            offset: range.start,
                        },
                        class: Class::Other,
                        speaker: Speaker {
                            name: text[range].to_string(),
                            entity: None,
                        },
                    });
                }
                // Names outside the registry opening a sentence ("Keeper Tony Bullock
                // echoed ...").
                if let Some((range, name)) = self.sentence_subject_name(b, sws, &proper)
                    && !inside_quote(&range)
                    && !self.mentions[b]
                        .iter()
                        .any(|m| m.range.start < range.end && range.start < m.range.end)
                {
                    subjects.push(Antecedent {
                        pos: TextPos {
                            block: b,
                            offset: range.start,
                        },
                        class: Class::Person,
                        speaker: Speaker { name, entity: None },
                    });
                }
            }
        }
        subjects.sort_by_key(|a| a.pos);
        Antecedents { subjects, proper }
    }

    /// An unnamed speaker opening a sentence ("The prime minister's official spokesman
    /// said ..."): not an antecedent itself, but it stops a later "he" from reaching
    /// past it to someone named earlier.
    fn unnamed_subject(&self, b: usize, ws: &[Word]) -> Option<Range<usize>> {
        let mut from = 0;
        if ws.first().is_some_and(is_intro)
            && let Some(c) = ws.iter().position(|w| w.comma_after)
        {
            from = c + 1;
        }
        let first = ws.get(from)?;
        if !is_in(DETERMINERS, &first.lower) {
            return None;
        }
        let k = (from + 1..ws.len().min(from + 8)).find(|&k| is_speech_verb(&ws[k]))?;
        let np = strip_adverbs(&ws[from..k]);
        if np
            .iter()
            .any(|w| w.comma_after || is_in(CLAUSE_MARKERS, &w.lower))
        {
            return None;
        }
        let range = np.first()?.range.start..np.last()?.range.end;
        let person_mentioned = self.mentions[b].iter().any(|m| {
            m.range.start >= range.start
                && m.range.end <= range.end
                && self.registry.entities[m.entity].kind == EntityKind::Person
        });
        (!person_mentioned).then_some(range)
    }

    /// A capitalised name of two or more words opening a sentence, after an optional
    /// introductory phrase and titles, and followed by a lower-case word (its verb).
    fn sentence_subject_name(
        &self,
        b: usize,
        ws: &[Word],
        proper: &HashSet<String>,
    ) -> Option<(Range<usize>, String)> {
        let text = &self.blocks[b].text;
        let mut from = 0;
        if ws.first().is_some_and(is_intro)
            && let Some(c) = ws.iter().position(|w| w.comma_after)
        {
            from = c + 1;
        }
        // The run of capitalised words, which ends at a comma or dash.
        let mut run = 0;
        for w in &ws[from..] {
            if !(w.capitalized || is_in(NAME_PARTICLES, &w.lower)) {
                break;
            }
            run += 1;
            if w.comma_after {
                break;
            }
        }
        let next = ws.get(from + run)?;
        let next_quoted = self.quoted[b]
            .iter()
            .any(|q| q.start <= next.range.start && next.range.end <= q.end);
        // One word will do when the article capitalises it mid-sentence too.
        let single_name = run == 1 && {
            let w = &ws[from];
            proper.contains(&w.lower)
                && !is_in(DETERMINERS, &w.lower)
                && !is_in(INTRO_WORDS, &w.lower)
                && !is_in(NOT_IN_SPEAKER, &w.lower)
                && !is_in(NOT_PERSON_ENDINGS, &w.lower)
        };
        if (run < 2 && !single_name) || next.capitalized || next_quoted {
            return None;
        }
        let mut name = &ws[from..from + run];
        while name.len() >= 2
            && (is_in(NAME_TITLES, name[0].lower.trim_end_matches('.'))
                || is_in(TITLE_WORDS, name[0].lower.trim_end_matches('.')))
        {
            name = &name[1..];
        }
        let last = &name[name.len() - 1];
        if is_in(NOT_PERSON_ENDINGS, &last.lower)
            || is_in(DETERMINERS, &name[0].lower)
            || name
                .iter()
                .any(|w| w.lower.ends_with("'s") || w.lower.ends_with("’s"))
        {
            return None;
        }
        let range = name[0].range.start..last.range.end;
        Some((range.clone(), text[range].to_string()))
    }
}

/// Whether a free-text speaker reads as a person's name.
fn person_name(name: &str) -> bool {
    let ws: Vec<&str> = name.split_whitespace().collect();
    ws.len() >= 2
        && ws.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || is_in(NAME_PARTICLES, &w.to_lowercase())
        })
        && !is_in(DETERMINERS, &ws[0].to_lowercase())
        && !is_in(NOT_PERSON_ENDINGS, &ws[ws.len() - 1].to_lowercase())
}

/// Whether the words before a mention in its sentence leave it in subject position:
/// after an optional introductory phrase, only titles, articles and capitalised words.
fn subject_prefix(ws: &[Word]) -> bool {
    let parts = split_parts(ws);
    let mut rest: &[&[Word]] = &parts;
    while rest.len() > 1 && rest[0].first().is_some_and(is_intro) {
        rest = &rest[1..];
    }
    let words: Vec<&Word> = rest.iter().flat_map(|p| p.iter()).collect();
    words.len() <= 6
        && words.iter().all(|w| {
            (w.capitalized && !is_in(INTRO_WORDS, &w.lower))
                || is_in(TITLE_WORDS, &w.lower)
                || matches!(w.lower.as_str(), "the" | "a" | "an")
                || w.lower.ends_with("’s")
                || w.lower.ends_with("'s")
        })
}
