//! Pronoun antecedents: the people and bodies a later "he", "she" or "it" may stand for.
//!
//! Candidates are the speakers of earlier quotes and the subjects that open sentences
//! (after a conjunction or an introduction, a relative clause closing it included: "At
//! the club, where ..., Colin Brandt"; past an appositive set off by commas: "But Sir
//! Bernard Ingham, Thatcher's former press secretary, took"; and the name set off after
//! a description: "The charity's chief executive, Nadia Osei, said"): registry
//! mentions; capitalised names (a party tag in brackets ends one, and after describing
//! words and a title the name is the one after the title: "Clinton campaign manager
//! Robby Mook"); and single capitalised words the article also capitalises mid-sentence
//! or writes after an initial or a title ("Sander M. Levin", "Sen. Levin"). Unnamed
//! subjects ("The prime minister's spokesman said") are recorded too, so that a pronoun
//! after them is known to be ambiguous, and so are single names the article writes as
//! places ("in Clarkston,"). A pronoun of the other gender than the latest person stays
//! unresolved (`gender`).
//!
//! A person of the pronoun's gender who speaks next to a speech verb in a later
//! sentence than the latest antecedent ("said Alan Abramowitz") leaves the pronoun
//! unresolved: either may be meant. So does a quote that names the antecedent itself
//! (`"I said to Harry ...," he said`). A pronoun opening a reporting clause after what
//! was said (`Mr Blair has failed, he claimed`) looks before its sentence
//! (`speaker::parenthetical_limit`).
//!
//! "It" finds organisations and documents: registry bodies, and speakers and unnamed
//! sentence subjects that read as one without a registry (an acronym, "the company", a
//! name ending "Council"). A capitalised name outside the registry after that body may
//! be a company as much as a person, so after one "it" is left unresolved.
//!
//! Most articles never need any of this, so the sentence subjects are collected only
//! when the first pronoun is to be resolved, tokenising each block once. Candidates
//! are indexed by class, so that a pronoun finds the latest one that fits without
//! reading through a run of others (a long paragraph of quotes from a ministry before
//! a "he"), and every test made of a mention's sentence is a lookup, however long the
//! sentence.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;

use super::super::text::{
    CLAUSE_MARKERS, DETERMINERS, INTRO_WORDS, NAME_PARTICLES, NAME_TITLES, NOT_IN_SPEAKER,
    NOT_PERSON_ENDINGS, SENTENCE_OPENERS, TITLE_WORDS, Word, is_in, sentence_end, words,
};
use super::descriptions::person_description;
use super::gender::{Gender, Genders};
use super::reported;
use super::{Attributor, PRONOUN_WINDOW, is_intro, is_possessive, is_speech_verb, strip_adverbs};
use crate::annotate::quotes::Speaker;
use crate::annotate::{BlockKind, TextPos};
use crate::content::registry::EntityKind;

/// What a pronoun may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Person = 0,
    /// An organisation, group or document ("it").
    NonPerson = 1,
    /// Someone unnamed, or a place: stops a pronoun rather than resolving it.
    Other = 2,
}

struct Antecedent {
    pos: TextPos,
    class: Class,
    speaker: Speaker,
}

/// Positions in a list of candidates (sorted by position) by class.
#[derive(Default)]
struct ByClass([Vec<usize>; 3]);

impl ByClass {
    fn push(&mut self, class: Class, i: usize) {
        self.0[class as usize].push(i);
    }

    /// The last candidate of `class`, or of [`Class::Other`] (which stops a pronoun),
    /// among those for which `before` holds (a prefix of the list).
    fn latest_fitting(&self, class: Class, before: impl Fn(usize) -> bool) -> Option<usize> {
        [class, Class::Other]
            .iter()
            .filter_map(|&c| {
                let list = &self.0[c as usize];
                list[..list.partition_point(|&i| before(i))].last().copied()
            })
            .max()
    }
}

/// The speakers of the quotes attributed so far, in order: antecedents for pronouns.
/// Each is classed once, by the first pronoun after it.
#[derive(Default)]
pub(super) struct Spoken {
    speakers: Vec<(TextPos, Speaker)>,
    /// How many speakers are classed, and those by class.
    classed: RefCell<(usize, ByClass)>,
}

impl Spoken {
    pub(super) fn push(&mut self, pos: TextPos, speaker: Speaker) {
        self.speakers.push((pos, speaker));
    }
}

/// The sentence subjects of an article and its proper names, built on first use.
pub(super) struct Antecedents {
    /// Sorted by position.
    subjects: Vec<Antecedent>,
    by_class: ByClass,
    /// Capitalised words the article also capitalises inside a sentence: proper names
    /// ("Sanders"), as opposed to common words opening a sentence ("Officials").
    proper: HashSet<String>,
    /// What the article's names say about gender.
    genders: Genders,
    /// Where the article names, outside quotes and next to a speech verb, a speaker
    /// whose gender it knows, with the surname (lower case), in order.
    gendered: Vec<(TextPos, String)>,
}

impl Attributor<'_> {
    fn antecedents(&self) -> &Antecedents {
        self.antecedents.get_or_init(|| self.collect_antecedents())
    }

    /// The latest antecedent of the wanted class before `before` (a position at or
    /// before the quote, which opens at `quote`), within a few blocks: a sentence
    /// subject, or a speaker of an earlier quote (`spoken`, in order). An unnamed one
    /// in between ("one demonstrator") makes the pronoun ambiguous.
    pub(super) fn resolve_pronoun(
        &self,
        spoken: &Spoken,
        quote: TextPos,
        before: TextPos,
        class: Class,
        gender: Option<Gender>,
    ) -> Option<Speaker> {
        let near = |pos: TextPos| pos < before && pos.block + PRONOUN_WINDOW >= before.block;
        let ants = self.antecedents();
        let from_subject = ants
            .by_class
            .latest_fitting(class, |i| ants.subjects[i].pos < before)
            .map(|i| &ants.subjects[i])
            .filter(|a| near(a.pos))
            .map(|a| (a.pos, a.class, &a.speaker));
        let mut classed = spoken.classed.borrow_mut();
        while classed.0 < spoken.speakers.len() {
            let i = classed.0;
            classed.1.push(self.class_of(&spoken.speakers[i].1), i);
            classed.0 += 1;
        }
        let from_quote = classed
            .1
            .latest_fitting(class, |i| spoken.speakers[i].0 < before)
            .map(|i| &spoken.speakers[i])
            .filter(|(pos, _)| near(*pos))
            .map(|(pos, sp)| (*pos, self.class_of(sp), sp));
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
        if latest.1 != class {
            return None;
        }
        // A name outside the registry may be a company as well as a person
        // ("Deutsche Boerse said ... it said"): after one, "it" is not resolved.
        if class == Class::NonPerson {
            let unregistered_after =
                |pos: TextPos, sp: &Speaker| pos > latest.0 && sp.entity.is_none();
            let persons = &ants.by_class.0[Class::Person as usize];
            let subject = persons[..persons.partition_point(|&i| ants.subjects[i].pos < before)]
                .last()
                .map(|&i| &ants.subjects[i])
                .is_some_and(|a| unregistered_after(a.pos, &a.speaker));
            let persons = &classed.1.0[Class::Person as usize];
            let speaker = persons[..persons.partition_point(|&i| spoken.speakers[i].0 < before)]
                .last()
                .map(|&i| &spoken.speakers[i])
                .is_some_and(|(pos, sp)| unregistered_after(*pos, sp));
            if subject || speaker {
                return None;
            }
        }
        // "She" right after a man is someone the rules did not see: unresolved.
        if let Some(g) = gender
            && ants.genders.of(&latest.2.name).is_some_and(|l| l != g)
        {
            return None;
        }
        // Nor is "he" when another man spoke in a later sentence than the one it
        // would stand for ("Rubio ... said Alan Abramowitz ... he said"): either may
        // be meant. In the antecedent's own sentence the subject outranks the others.
        if let Some(g) = gender
            && class == Class::Person
        {
            let own = surname(&latest.2.name);
            let text = &self.blocks[latest.0.block].text;
            let sentence = TextPos {
                block: latest.0.block,
                offset: sentence_end(text, latest.0.offset, text.len()),
            };
            let since = ants.gendered.partition_point(|(pos, _)| *pos < sentence);
            let until = ants.gendered.partition_point(|(pos, _)| *pos < before);
            if ants.gendered[since..until.max(since)]
                .iter()
                .any(|(_, name)| *name != own && ants.genders.of_surname(name) == Some(g))
            {
                return None;
            }
        }
        // Nor does it stand for someone the quote itself speaks of by name ("I said to
        // Harry ...," he said): people rarely name themselves.
        if class == Class::Person && self.quote_names(quote, &latest.2.name) {
            return None;
        }
        Some(latest.2.clone())
    }

    /// Whether the quote opening at `quote` writes, capitalised, one of the words of
    /// `name` or the first name the article gives it (three letters or more, not a
    /// title).
    fn quote_names(&self, quote: TextPos, name: &str) -> bool {
        let i = self.spans.partition_point(|s| s.start < quote);
        let Some(span) = self.spans.get(i).filter(|s| s.start == quote) else {
            return false;
        };
        let text = span.text(self.blocks);
        let said: HashSet<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        // The name's own words, and the first name the article gives its surname.
        let first = self
            .antecedents()
            .genders
            .first_name_of(&surname(name))
            .map(str::to_string);
        name.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .chain(first)
            .filter(|w| w.chars().count() >= 3)
            .filter(|w| !is_in(NAME_TITLES, w) && !is_in(TITLE_WORDS, w))
            .any(|w| said.contains(&w))
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
            None if body_name(&sp.name) => Class::NonPerson,
            None if person_description(&sp.name) => Class::Person,
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
        // Single names the article writes as a place ("in Maine,"): not people.
        let mut places = HashSet::new();
        let mut genders = Genders::default();
        for (block, ws) in self.blocks.iter().zip(&tokens) {
            genders.add_block(&block.text, ws);
            for pair in ws.windows(2) {
                let (prev, w) = (&pair[0], &pair[1]);
                let gap = &block.text[prev.range.end..w.range.start];
                if w.capitalized && !gap.contains(['.', '!', '?', ':', '"', '“', '(']) {
                    proper.insert(w.lower.clone());
                }
                // "Sander M. Levin", "Sen. Levin": a name after an initial or a title.
                let initial = prev.lower.chars().count() == 1 || is_in(NAME_TITLES, &prev.lower);
                if w.capitalized && prev.capitalized && initial && gap == ". " {
                    proper.insert(w.lower.clone());
                }
                if w.capitalized
                    && gap == " "
                    && is_in(&["in", "across", "throughout"], &prev.lower)
                    && block.text[w.range.end..].starts_with([',', '.', ';'])
                {
                    places.insert(w.lower.clone());
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
            let parts = Parts::new(ws);
            // The furthest end of the mentions starting before each one (a mention
            // overlaps a range when one starting before its end reaches into it).
            let reach: Vec<usize> = self.mentions[b]
                .iter()
                .scan(0, |end, m| {
                    *end = m.range.end.max(*end);
                    Some(*end)
                })
                .collect();
            let overlaps_mention = |r: &Range<usize>| {
                let before_end = self.mentions[b].partition_point(|m| m.range.start < r.end);
                before_end > 0 && reach[before_end - 1] > r.start
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
            let word_span = |r: Range<usize>| {
                let from = ws.partition_point(|w| w.range.start < r.start);
                let to = ws.partition_point(|w| w.range.end <= r.end);
                (from, to.max(from))
            };
            let words_in = |r: Range<usize>| {
                let (from, to) = word_span(r);
                &ws[from..to]
            };
            for m in &self.mentions[b] {
                if self.in_quote(b, &m.range) || is_possessive(text, &m.range) {
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
                let (from, to) = word_span(start..m.range.start);
                if !parts.subject_prefix(from, to) {
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
                    let pos = TextPos {
                        block: b,
                        offset: range.start,
                    };
                    // "The mayor said ...": a description of someone named before.
                    let referent = self.description_referent(words_in(range.clone()), pos);
                    let phrase = &text[range];
                    // "The company said ...": a body a later "it" stands for.
                    let (class, name) = if referent.is_some() || person_description(phrase) {
                        (Class::Person, referent)
                    } else if body_name(phrase) {
                        (Class::NonPerson, Some(lower_first(phrase)))
                    } else {
                        (Class::Other, None)
                    };
                    subjects.push(Antecedent {
                        pos,
                        class,
                        speaker: Speaker {
                            name: name.unwrap_or_else(|| phrase.to_string()),
                            entity: None,
                        },
                    });
                }
                // Names outside the registry opening a sentence ("Keeper Tony Bullock
                // echoed ...").
                if let Some((range, name)) = self.sentence_subject_name(b, sws, &proper)
                    && !self.in_quote(b, &range)
                    && !overlaps_mention(&range)
                {
                    subjects.push(Antecedent {
                        pos: TextPos {
                            block: b,
                            offset: range.start,
                        },
                        // A place opening a sentence stops a pronoun like an unnamed
                        // subject: the person speaking is someone else.
                        class: if places.contains(&name.to_lowercase()) {
                            Class::Other
                        } else {
                            Class::Person
                        },
                        speaker: Speaker { name, entity: None },
                    });
                }
            }
        }
        // Speakers named next to their verb ("said Alan Abramowitz", "Peter Duncan
        // said") whose gender is known: a later one stands between a pronoun and an
        // earlier person.
        let mut gendered = Vec::new();
        for (b, ws) in tokens.iter().enumerate() {
            let mut i = 0;
            while i < ws.len() {
                let run = ws[i..]
                    .iter()
                    .take_while(|w| w.capitalized && !is_in(NOT_IN_SPEAKER, &w.lower))
                    .count();
                if run == 0 {
                    i += 1;
                    continue;
                }
                let last = &ws[i + run - 1];
                let speaking = (i > 0 && is_speech_verb(&ws[i - 1]) && !ws[i - 1].comma_after)
                    || (!last.comma_after && ws.get(i + run).is_some_and(is_speech_verb));
                let name = surname(&last.lower);
                if speaking && genders.of_surname(&name).is_some() && !self.in_quote(b, &last.range)
                {
                    let pos = TextPos {
                        block: b,
                        offset: last.range.start,
                    };
                    gendered.push((pos, name));
                }
                i += run;
            }
        }
        subjects.sort_by_key(|a| a.pos);
        let mut by_class = ByClass::default();
        for (i, a) in subjects.iter().enumerate() {
            by_class.push(a.class, i);
        }
        Antecedents {
            subjects,
            by_class,
            proper,
            genders,
            gendered,
        }
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
        let person_mentioned = self
            .mentions_within(b, range.clone())
            .any(|m| self.registry.entities[m.entity].kind == EntityKind::Person);
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
        // "But Sir Bernard Ingham, ..., took": a conjunction opens no phrase of its own.
        if ws.first().is_some_and(|w| {
            !w.comma_after && matches!(w.lower.as_str(), "but" | "and" | "so" | "yet" | "or")
        }) {
            from = 1;
        } else if ws.first().is_some_and(is_intro)
            && let Some(c) = ws.iter().position(|w| w.comma_after)
        {
            from = c + 1;
            // "At Boca West, where it costs $70,000 to join, Jay DiPietro ...": a relative
            // clause closing the introduction is skipped too.
            if ws
                .get(from)
                .is_some_and(|w| is_in(RELATIVE_OPENERS, &w.lower))
                && let Some(c) = ws[from..].iter().position(|w| w.comma_after)
            {
                from += c + 1;
            }
        }
        // "The group's executive director, Betty Bradley, said": a description of the
        // person opens the sentence, the name follows it between commas.
        if let Some(d) = description_before_name(&ws[from.min(ws.len())..]) {
            from += d;
        }
        // The run of capitalised words, which ends at a comma or dash.
        let capitalised_run = |from: usize| {
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
            run
        };
        let mut run = capitalised_run(from);
        // "Florida delegate John Archer", "Clinton campaign manager Robby Mook": the name
        // follows a title after the capitalised words that describe the person.
        if run > 0
            && !ws[from + run - 1].comma_after
            && let Some(t) = (1..=3).find(|&t| {
                let between = &ws[(from + run).min(ws.len())..(from + run + t).min(ws.len())];
                between.len() == t
                    && between.iter().all(|w| {
                        !w.capitalized
                            && !w.comma_after
                            && !is_in(NOT_IN_SPEAKER, &w.lower)
                            && !is_in(INTRO_WORDS, &w.lower)
                    })
                    && is_in(TITLE_WORDS, &between[t - 1].lower)
                    && capitalised_run(from + run + t) >= 2
            })
        {
            from += run + t;
            run = capitalised_run(from);
        }
        // An appositive set off by commas after the name ("Sir Bernard Ingham,
        // Margaret Thatcher's former press secretary, took"): the verb follows it.
        let mut after = from + run;
        if run >= 2
            && ws[after - 1].comma_after
            && let Some(end) = (after..ws.len().min(after + 8)).find(|&i| ws[i].comma_after)
            && ws.get(end + 1).is_some_and(|v| !v.capitalized)
        {
            after = end + 1;
        }
        let next = ws.get(after)?;
        let next_quoted = self.in_quote(b, &next.range);
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
        // A party tag in brackets ends the name ("Sander Levin (D-Mich.)").
        if let Some(p) = name
            .iter()
            .position(|w| text[..w.range.start].ends_with('('))
            .filter(|&p| p > 0)
        {
            name = &name[..p];
        }
        while name.len() >= 2
            && (is_in(NAME_TITLES, name[0].lower.trim_end_matches('.'))
                || is_in(TITLE_WORDS, name[0].lower.trim_end_matches('.'))
                || is_in(SENTENCE_OPENERS, &name[0].lower))
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

/// Words opening a relative clause after an introductory phrase.
const RELATIVE_OPENERS: &[&str] = &["where", "which", "when", "whose"];

/// The number of words of a description opening `ws` and set off from the name after it
/// by a comma: a determiner or a possessive name, then lower-case words ending in the
/// role ("The group's executive director,", "Clinton's campaign manager,"). `None` when
/// the words after the comma are not a name of two or more words closed by a comma.
fn description_before_name(ws: &[Word]) -> Option<usize> {
    let first = ws.first()?;
    if first.comma_after
        || !(is_in(DETERMINERS, &first.lower) || reported::is_possessive_word(first))
    {
        return None;
    }
    let end = (1..ws.len().min(7)).find(|&i| ws[i].comma_after)?;
    let role = &ws[1..=end];
    if role[role.len() - 1].capitalized
        || role
            .iter()
            .any(|w| is_in(NOT_IN_SPEAKER, &w.lower) || is_in(INTRO_WORDS, &w.lower))
    {
        return None;
    }
    let name = &ws[end + 1..];
    let run = name.iter().take_while(|w| w.capitalized).count();
    let closed =
        run >= 2 && name[run - 1].comma_after && name[..run - 1].iter().all(|w| !w.comma_after);
    closed.then_some(end + 1)
}

/// Nouns of a body or a document that speaks as "it" ("the company said ... it added",
/// "the email read ... it said").
#[rustfmt::skip]
const BODY_NOUNS: &[&str] = &[
    "company", "firm", "group", "bank", "ministry", "department", "agency", "commission",
    "council", "committee", "government", "report", "study", "survey", "statement",
    "union", "association", "organisation", "organization", "court", "club", "airline",
    "carrier", "retailer", "regulator", "watchdog", "body", "board", "institute", "fund",
    "newspaper", "paper", "magazine", "article", "editorial", "column", "email", "memo",
    "letter", "document", "filing", "lawsuit", "complaint", "release", "website", "ad",
];

/// Whether a free-text speaker reads as an organisation or a document: an acronym
/// ("OECD"), a capitalised name ending in a body's word ("Federal Reserve Board"), or
/// "the" and a body's noun ("the company", "the report").
fn body_name(name: &str) -> bool {
    let all: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = all.last() else {
        return false;
    };
    let lower = last.to_lowercase();
    let described =
        all.len() == 2 && all[0].eq_ignore_ascii_case("the") && is_in(BODY_NOUNS, &lower);
    let ws = match all.split_first() {
        Some((first, rest)) if first.eq_ignore_ascii_case("the") => rest,
        _ => &all[..],
    };
    let acronym = ws.len() == 1
        && last.len() >= 2
        && last.chars().all(|c| c.is_ascii_uppercase() || c == '&');
    let named_body = ws
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && is_in(NOT_PERSON_ENDINGS, &lower);
    !ws.is_empty() && (acronym || named_body || described)
}

/// The last word of a name in lower case, without a possessive or punctuation.
fn surname(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    let bare = last
        .strip_suffix("'s")
        .or_else(|| last.strip_suffix("’s"))
        .unwrap_or(&last);
    bare.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// A phrase with its first letter in lower case ("The company" -> "the company").
pub(super) fn lower_first(phrase: &str) -> String {
    let mut cs = phrase.chars();
    cs.next()
        .map(|c| c.to_lowercase().chain(cs).collect())
        .unwrap_or_default()
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

/// Most words before a mention in subject position (after an introductory phrase).
const MAX_SUBJECT_PREFIX: usize = 6;

/// Whether a word may stand before a mention in subject position: a capitalised word,
/// a title, an article or a possessive.
fn subject_word(w: &Word) -> bool {
    (w.capitalized && !is_in(INTRO_WORDS, &w.lower))
        || is_in(TITLE_WORDS, &w.lower)
        || matches!(w.lower.as_str(), "the" | "a" | "an")
        || w.lower.ends_with("’s")
        || w.lower.ends_with("'s")
}

/// Whether the words before a mention in its sentence leave it in subject position:
/// after an optional introductory phrase, only titles, articles and capitalised words.
/// [`Parts::subject_prefix`] answers the same for any run of a block's words at once.
#[cfg(test)]
fn subject_prefix(ws: &[Word]) -> bool {
    let parts = super::split_parts(ws);
    let mut rest: &[&[Word]] = &parts;
    while rest.len() > 1 && rest[0].first().is_some_and(is_intro) {
        rest = &rest[1..];
    }
    let words: Vec<&Word> = rest.iter().flat_map(|p| p.iter()).collect();
    words.len() <= MAX_SUBJECT_PREFIX && words.into_iter().all(subject_word)
}

/// The comma-separated parts of a block's words, indexed so that whether the words
/// before a mention leave it in subject position is read from the last few of them,
/// however long the sentence.
struct Parts<'w> {
    ws: &'w [Word],
    /// For each word, where the part it is in starts.
    part_start: Vec<usize>,
    /// For each `i`, how many of the first `i` words open a part and are not
    /// introductory.
    opening: Vec<usize>,
}

impl<'w> Parts<'w> {
    fn new(ws: &'w [Word]) -> Self {
        let mut part_start = Vec::with_capacity(ws.len());
        let mut opening = Vec::with_capacity(ws.len() + 1);
        opening.push(0);
        for (i, w) in ws.iter().enumerate() {
            let opens = i == 0 || ws[i - 1].comma_after;
            part_start.push(if opens { i } else { part_start[i - 1] });
            opening.push(opening[i] + usize::from(opens && !is_intro(w)));
        }
        Parts {
            ws,
            part_start,
            opening,
        }
    }

    fn opens(&self, from: usize, i: usize) -> bool {
        i == from || self.ws[i - 1].comma_after
    }

    /// Whether the words `from..to` leave the word at `to` in subject position: the
    /// parts opening with an introductory word are dropped from the front (the last
    /// part stays), and what is left must be a few subject words.
    fn subject_prefix(&self, from: usize, to: usize) -> bool {
        if from >= to {
            return true;
        }
        let last = self.part_start[to - 1].max(from);
        if to - last > MAX_SUBJECT_PREFIX {
            return false;
        }
        // A part kept (one not opening with an introductory word) that starts further
        // back than the last few words leaves too many words.
        if let Some(far) = (to - from)
            .checked_sub(MAX_SUBJECT_PREFIX + 1)
            .map(|n| from + n)
        {
            let far = far.min(last);
            let kept =
                (self.opening[far + 1] - self.opening[from + 1]) > 0 || !is_intro(&self.ws[from]);
            if kept {
                return false;
            }
        }
        let near = from.max(to.saturating_sub(MAX_SUBJECT_PREFIX));
        let kept = (near..last)
            .find(|&i| self.opens(from, i) && !is_intro(&self.ws[i]))
            .unwrap_or(last);
        self.ws[kept..to].iter().all(subject_word)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::text::words;
    use super::*;

    #[test]
    fn indexed_subject_prefix_agrees_with_reading_the_words() {
        let vocab = [
            "In", "in", "after", "Speaking", "the", "a", "minister", "Obama", "Sadr", "Iraq's",
            "voted", "and", "which", "US", "told", "prime",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let len = next(40);
            let text: Vec<String> = (0..len)
                .map(|_| {
                    let w = vocab[next(vocab.len())];
                    if next(4) == 0 {
                        format!("{w},")
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            let text = text.join(" ");
            let ws = words(&text, 0..text.len());
            let parts = Parts::new(&ws);
            for from in 0..=ws.len() {
                for to in from..=ws.len() {
                    assert_eq!(
                        parts.subject_prefix(from, to),
                        subject_prefix(&ws[from..to]),
                        "words {from}..{to} of {text:?}"
                    );
                }
            }
        }
    }
}
