//! Pronoun antecedents: the people and bodies a later "he", "she" or "it" may stand for.
//!
//! Candidates are the speakers of earlier quotes and the subjects that open sentences:
//! registry mentions, capitalised names, and single capitalised words the article also
//! capitalises mid-sentence. Unnamed subjects ("The prime minister's spokesman said")
//! are recorded too, so that a pronoun after them is known to be ambiguous.

use std::ops::Range;

use super::super::text::{
    CLAUSE_MARKERS, DETERMINERS, INTRO_WORDS, NAME_PARTICLES, NAME_TITLES, NOT_IN_SPEAKER,
    NOT_PERSON_ENDINGS, TITLE_WORDS, Word, is_in, sentence_end, sentence_start, words,
};
use super::{
    Antecedent, Attributor, Class, PRONOUN_WINDOW, is_intro, is_possessive, is_speech_verb,
    split_parts, strip_adverbs,
};
use crate::annotate::quotes::Speaker;
use crate::annotate::{BlockKind, TextPos};
use crate::content::registry::EntityKind;

impl Attributor<'_> {
    pub(super) fn class_of(&self, sp: &Speaker) -> Class {
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
                && self.proper.contains(&sp.name.to_lowercase()) =>
            {
                Class::Person
            }
            None => Class::Other,
        }
    }

    /// People and bodies that are the subject of a sentence, as pronoun antecedents:
    /// registry mentions, and capitalised names outside the registry.
    pub(super) fn subject_antecedents(&self) -> Vec<Antecedent> {
        let mut out = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem
            ) {
                continue;
            }
            let text = &block.text;
            let inside_quote = |r: &Range<usize>| {
                self.quoted[b]
                    .iter()
                    .any(|q| q.start <= r.start && r.end <= q.end)
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
                let floor = self
                    .prev_quote_end(b, m.range.start)
                    .unwrap_or(0)
                    .min(m.range.start);
                let start = sentence_start(text, floor, m.range.start);
                if !subject_prefix(&words(text, start..m.range.start)) {
                    continue;
                }
                out.push(Antecedent {
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
            // Names outside the registry opening a sentence ("Keeper Tony Bullock
            // echoed ...").
            let mut at = 0;
            while at < text.len() {
                let end = sentence_end(text, at, text.len());
                if end <= at {
                    break;
                }
                if let Some(range) = self.unnamed_subject(b, at..end) {
                    out.push(Antecedent {
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
                if let Some((range, name)) = self.sentence_subject_name(b, at..end)
                    && !inside_quote(&range)
                    && !self.mentions[b]
                        .iter()
                        .any(|m| m.range.start < range.end && range.start < m.range.end)
                {
                    out.push(Antecedent {
                        pos: TextPos {
                            block: b,
                            offset: range.start,
                        },
                        class: Class::Person,
                        speaker: Speaker { name, entity: None },
                    });
                }
                at = end;
            }
        }
        out.sort_by_key(|a| a.pos);
        out
    }

    /// An unnamed speaker opening a sentence ("The prime minister's official spokesman
    /// said ..."): not an antecedent itself, but it stops a later "he" from reaching
    /// past it to someone named earlier.
    fn unnamed_subject(&self, b: usize, sentence: Range<usize>) -> Option<Range<usize>> {
        let text = &self.blocks[b].text;
        let ws = words(text, sentence);
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
        sentence: Range<usize>,
    ) -> Option<(Range<usize>, String)> {
        let text = &self.blocks[b].text;
        let ws = words(text, sentence);
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
            self.proper.contains(&w.lower)
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

/// The latest antecedent of the wanted class before `before`, within the window. An
/// unnamed speaker ("one demonstrator") in between makes the pronoun ambiguous.
pub(super) fn resolve_pronoun(
    antecedents: &[Antecedent],
    before: TextPos,
    class: Class,
) -> Option<Speaker> {
    let latest = antecedents
        .iter()
        .filter(|a| {
            (a.class == class || a.class == Class::Other)
                && a.pos < before
                && a.pos.block + PRONOUN_WINDOW >= before.block
        })
        .max_by_key(|a| a.pos)?;
    (latest.class == class).then(|| latest.speaker.clone())
}
