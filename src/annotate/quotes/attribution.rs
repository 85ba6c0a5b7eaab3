//! Attribution: who said each quote.
//!
//! Newswriting names a speaker in a handful of fixed constructions, and this module
//! recognises those and nothing else. Every rule looks at the sentence the quote sits
//! in (the text between the quote and the neighbouring quotes or sentence ends), finds a
//! speech verb, and reads the speaker's phrase next to it:
//!
//! | form | example |
//! |---|---|
//! | after, inverted | `"...," said student Raad Ismail.` |
//! | after | `"...," Iraq's caretaker prime minister, Adel Abdul Mahdi, told lawmakers.` |
//! | after | `"...," the resolution read, according to Reuters.` (the first verb wins) |
//! | after | `"...," according to NAME.` |
//! | before, colon | `In a statement, the Iraqi foreign ministry said: "..."` |
//! | before, colon | `Sadr, who leads the bloc, wrote in a letter that a supporter read aloud: "..."` |
//! | before, embedded | `the foreign ministry said in a statement that it is about "..."` |
//!
//! The speaker's phrase is split at commas: introductory phrases ("In a statement,")
//! and relative clauses (", who is the leader of ...,") are dropped, appositives are
//! kept. A registry mention inside the phrase gives the entity (people before
//! organisations before places; possessives and mentions after a preposition are
//! modifiers, not the speaker; two different people make the phrase ambiguous and the
//! quote unattributed). Without a mention the phrase itself is the speaker ("one
//! demonstrator", "hundreds of young Iraqis") after a check that it reads like a noun
//! phrase, mapped to an entity when it equals a registry name or alias, or when it is a
//! short form of a person named earlier in the article ("al-Mahdi").
//!
//! Pronouns: `he`/`she` resolve to the latest person before the quote, counting the
//! speakers of earlier quotes and people named as the subject of a sentence, within a
//! few paragraphs; `it` likewise to an organisation or document. `they`, `we` and `I`
//! are never resolved.
//!
//! A quote without a construction of its own inherits a speaker only in three cases
//! that newswriting makes unambiguous: it is joined to an attributed quote in the same
//! sentence by "and"/"or"/a comma (`X said: "A" and "B"`), it directly follows the
//! attribution clause of the previous quote (`"A," he said. "B."`), or its paragraph
//! is nothing but quotation and directly follows a paragraph whose last quote was
//! attributed and which ends with that attribution. Anything else stays unattributed:
//! a wrong speaker is worse than none.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::marks::QuoteSpan;
use super::text::{
    DETERMINERS, INTRO_WORDS, NAME_TITLES, NOT_IN_SPEAKER, NP_CUT, SPEECH_PARTICIPLES,
    SPEECH_VERBS, TITLE_WORDS, Word, is_in, sentence_end, sentence_start, words,
};
use super::{Speaker, SpeakerSource};
use crate::annotate::entities::FoundMention;
use crate::annotate::{BlockKind, TextBlock, TextPos};
use crate::content::registry::{EntityKind, Registry};

/// How far back (in blocks) a pronoun may look for the person it stands for.
const PRONOUN_WINDOW: usize = 4;
/// Most words between a speech verb and the quote it introduces with a colon.
const MAX_COLON_GAP: usize = 20;
/// Most words between a speech verb and a quote embedded in its reported speech.
const MAX_EMBEDDED_GAP: usize = 10;
/// Most words of a speaker's phrase before its verb after the quote.
const MAX_SUBJECT_WORDS: usize = 12;
/// Most words of a free-text speaker.
const MAX_FREE_WORDS: usize = 8;

/// Registry names and aliases by lower-case form, for exact matches of free-text
/// speakers. Built once per build by [`super::QuoteFinder`]; a one-off call scans.
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    map: Option<HashMap<String, Vec<usize>>>,
}

impl NameIndex {
    pub fn build(registry: &Registry) -> Self {
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

    pub fn scanning() -> Self {
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

/// The attribution of one quote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Attribution {
    pub speaker: Option<Speaker>,
    /// Where the speaker is named for this quote (the phrase, or the pronoun).
    pub span: Option<(TextPos, TextPos)>,
    pub source: Option<SpeakerSource>,
    /// End of the attribution clause after the quote, when the speaker came from there.
    clause_end: Option<usize>,
    /// The clause after the quote is a bare attribution (`he said on Sunday`), so a
    /// quote right after it continues the same speaker.
    bare_clause: bool,
    /// The speaker is a pronoun resolved to an antecedent.
    pronoun: bool,
    /// Named right before the quote (`X said: "..."`).
    adjacent: bool,
}

/// The outcome of reading one construction.
enum Reading {
    /// A speaker.
    Found(Attribution),
    /// The construction names a speaker that cannot be told (an unresolved pronoun,
    /// two people): the quote stays unattributed.
    Unknown,
    /// No construction here.
    Nothing,
}

/// What a subject phrase names.
enum Resolved {
    Speaker(Speaker, Range<usize>, bool),
    Unknown,
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Person,
    NonPerson,
    Other,
}

struct Antecedent {
    pos: TextPos,
    class: Class,
    speaker: Speaker,
}

/// Everything attribution reads, borrowed for one article.
pub(super) struct Attributor<'a> {
    blocks: &'a [TextBlock],
    registry: &'a Registry,
    names: &'a NameIndex,
    spans: &'a [QuoteSpan],
    /// Mentions by block, sorted by start.
    mentions: Vec<Vec<&'a FoundMention>>,
    /// Byte ranges covered by quotes, by block.
    quoted: Vec<Vec<Range<usize>>>,
    /// Capitalised words the article also capitalises inside a sentence: proper names
    /// ("Sanders"), as opposed to common words opening a sentence ("Officials").
    proper: HashSet<String>,
}

/// Entities mentioned in a speaker's phrase, with where.
type Mentioned = Vec<(usize, Range<usize>)>;

const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "at", "in", "with", "to", "on", "by", "against", "about", "near",
    "inside", "outside", "within", "over", "under", "into", "toward", "towards", "between",
];

/// Words at which the subject of a verb, read leftwards, stops.
const CLAUSE_STOPS: &[&str] = &[
    "that", "but", "while", "because", "as", "when", "after", "before", "if", "although", "though",
    "whereas", "where", "since", "unless", "until", "so",
];

/// Subordinating words: a speech verb after one of them is not the main verb.
const SUBORDINATORS: &[&str] = &[
    "when", "as", "after", "before", "if", "because", "although", "though", "while", "since",
    "unless", "until", "whereas",
];

const EMBED_STOPS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "because", "after", "before", "when", "who",
    "which", "whom", "whose", "if", "unless", "until", "since", "where",
];

const CLAUSE_MARKERS: &[&str] = &[
    "who", "which", "that", "whose", "whom", "is", "are", "was", "were", "has", "have", "had",
    "will", "would", "could", "should", "can", "did", "does", "do", "be", "been", "not", "when",
    "while", "if", "because",
];

const RELATIVE: &[&str] = &["who", "which", "whose", "whom", "where"];

/// Adverbs and auxiliaries between a subject and its verb ("he also said", "Clinton
/// has told").
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "still",
    "once",
    "previously",
    "earlier",
    "recently",
    "further",
    "today",
    "yesterday",
    "last",
    "week",
    "night",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "had",
    "just",
    "never",
    "often",
    "repeatedly",
    "once",
    "first",
    "finally",
];

const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "del", "van", "von", "der", "la", "le",
    "du", "abu", "abd", "abdul", "y", "st",
];

const JOINERS: &[&str] = &["and", "or", "as", "well", "then", "also", "plus", "but"];

/// Last words of capitalised names that are organisations or places, not people.
const NOT_PERSON_ENDINGS: &[&str] = &[
    "party",
    "united",
    "council",
    "ministry",
    "department",
    "office",
    "commission",
    "committee",
    "association",
    "union",
    "company",
    "group",
    "bank",
    "corporation",
    "inc",
    "ltd",
    "government",
    "court",
    "police",
    "army",
    "news",
    "times",
    "post",
    "journal",
    "agency",
    "institute",
    "university",
    "league",
    "club",
    "board",
    "authority",
    "service",
    "network",
    "house",
    "senate",
    "congress",
    "parliament",
    "assembly",
    "church",
    "fc",
    "city",
    "county",
    "state",
    "states",
    "kingdom",
    "republic",
    "forces",
    "foundation",
    "center",
    "centre",
    "campaign",
    "administration",
    "organization",
    "organisation",
    "federation",
    "airlines",
    "motors",
    "bureau",
    "agency",
    "school",
    "college",
    "channel",
];

impl<'a> Attributor<'a> {
    pub fn new(
        blocks: &'a [TextBlock],
        mentions: &'a [FoundMention],
        registry: &'a Registry,
        names: &'a NameIndex,
        spans: &'a [QuoteSpan],
    ) -> Self {
        let mut by_block: Vec<Vec<&FoundMention>> = vec![Vec::new(); blocks.len()];
        for m in mentions {
            let ok = m.block < blocks.len()
                && m.entity < registry.len()
                && m.range.start <= m.range.end
                && m.range.end <= blocks[m.block].text.len()
                && blocks[m.block].text.is_char_boundary(m.range.start)
                && blocks[m.block].text.is_char_boundary(m.range.end);
            if ok {
                by_block[m.block].push(m);
            }
        }
        for v in &mut by_block {
            v.sort_by_key(|m| (m.range.start, m.range.end));
        }
        let mut quoted: Vec<Vec<Range<usize>>> = vec![Vec::new(); blocks.len()];
        for s in spans {
            for (b, q) in quoted
                .iter_mut()
                .enumerate()
                .take(s.end.block + 1)
                .skip(s.start.block)
            {
                let from = if b == s.start.block {
                    s.start.offset
                } else {
                    0
                };
                let to = if b == s.end.block {
                    s.end.offset
                } else {
                    blocks[b].text.len()
                };
                q.push(from..to);
            }
        }
        let mut proper = HashSet::new();
        for block in blocks {
            let ws = words(&block.text, 0..block.text.len());
            for pair in ws.windows(2) {
                let (prev, w) = (&pair[0], &pair[1]);
                let gap = &block.text[prev.range.end..w.range.start];
                if w.capitalized && !gap.contains(['.', '!', '?', ':', '"', '“', '(']) {
                    proper.insert(w.lower.clone());
                }
            }
        }
        Attributor {
            blocks,
            registry,
            names,
            spans,
            mentions: by_block,
            quoted,
            proper,
        }
    }

    /// Attributes every span, in order.
    pub fn attribute_all(&self) -> Vec<Attribution> {
        let mut antecedents = self.subject_antecedents();
        let mut out: Vec<Attribution> = Vec::with_capacity(self.spans.len());
        for i in 0..self.spans.len() {
            let att = match self.own_attribution(i, &antecedents) {
                Reading::Found(a) => a,
                Reading::Unknown => Attribution::default(),
                Reading::Nothing => self.inherited(i, &out).unwrap_or_default(),
            };
            if let Some(sp) = &att.speaker {
                antecedents.push(Antecedent {
                    pos: self.spans[i].start,
                    class: self.class_of(sp),
                    speaker: sp.clone(),
                });
            }
            out.push(att);
        }
        // Quotes joined to a later attributed quote in the same sentence
        // ("A" and "B," X said) take its speaker.
        for i in (0..self.spans.len().saturating_sub(1)).rev() {
            if out[i].speaker.is_none()
                && out[i].source.is_none()
                && out[i + 1].speaker.is_some()
                && self.joined(i, i + 1)
            {
                out[i] = inherit(out[i + 1].speaker.clone(), SpeakerSource::Shared);
            }
        }
        out
    }

    /// The construction around the quote itself: after it first, except that a pronoun
    /// after the quote yields to a name right before it (`X said: "...," he said`).
    fn own_attribution(&self, i: usize, antecedents: &[Antecedent]) -> Reading {
        let after = self.after_quote(i, antecedents);
        let before = || self.before_quote(i, antecedents);
        match after {
            Reading::Found(a) if !a.pronoun => Reading::Found(a),
            Reading::Found(a) => match before() {
                Reading::Found(b) if b.adjacent && !b.pronoun => Reading::Found(b),
                _ => Reading::Found(a),
            },
            Reading::Unknown => match before() {
                Reading::Found(b) if b.adjacent && !b.pronoun => Reading::Found(b),
                _ => Reading::Unknown,
            },
            Reading::Nothing => before(),
        }
    }

    /// Speaker inherited from the previous quote (see the module notes).
    fn inherited(&self, i: usize, done: &[Attribution]) -> Option<Attribution> {
        if i == 0 {
            return None;
        }
        let prev = &done[i - 1];
        let speaker = prev.speaker.clone()?;
        let (a, q) = (&self.spans[i - 1], &self.spans[i]);
        let same_block = a.end.block == q.start.block;
        if same_block && self.joined(i - 1, i) {
            return Some(inherit(Some(speaker), SpeakerSource::Shared));
        }
        if same_block {
            let text = &self.blocks[q.start.block].text;
            return match prev.clause_end {
                Some(ce)
                    if prev.bare_clause
                        && ce <= q.start.offset
                        && !has_word(&text[ce..q.start.offset]) =>
                {
                    Some(inherit(Some(speaker), SpeakerSource::Shared))
                }
                _ => None,
            };
        }
        // A paragraph of nothing but quotation after an attributed paragraph.
        let b = q.start.block;
        let pb = a.end.block;
        if pb + 1 != b
            || self.blocks[pb].kind != self.blocks[b].kind
            || !matches!(
                self.blocks[b].kind,
                BlockKind::Paragraph | BlockKind::BlockQuote
            )
            || !self.only_quotes(b)
        {
            return None;
        }
        let ptext = &self.blocks[pb].text;
        let tail_from = match prev.clause_end {
            Some(ce) if prev.bare_clause => ce.max(a.end.offset),
            Some(_) => return None,
            None => a.end.offset,
        };
        if has_word(&ptext[tail_from.min(ptext.len())..]) {
            return None;
        }
        Some(inherit(Some(speaker), SpeakerSource::Continued))
    }

    /// Whether the text of block `b` outside its quotes has no words.
    fn only_quotes(&self, b: usize) -> bool {
        let text = &self.blocks[b].text;
        let mut at = 0;
        for r in &self.quoted[b] {
            if r.start > at && has_word(&text[at..r.start]) {
                return false;
            }
            at = at.max(r.end);
        }
        !has_word(&text[at.min(text.len())..])
    }

    /// Whether quotes `i` and `j = i + 1` sit in one sentence with only "and", "or" or
    /// punctuation between them.
    fn joined(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.spans[i], &self.spans[j]);
        if a.end.block != b.start.block || a.end.offset > b.start.offset {
            return false;
        }
        let between = &self.blocks[b.start.block].text[a.end.offset..b.start.offset];
        if between.contains(['.', '!', '?', ';']) && has_word(between) {
            return false;
        }
        between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| is_in(JOINERS, &w.to_lowercase()))
    }

    /// `"...," said X` / `"...," X said` / `"...," according to X`.
    fn after_quote(&self, i: usize, antecedents: &[Antecedent]) -> Reading {
        let q = &self.spans[i];
        let b = q.end.block;
        let text = &self.blocks[b].text;
        let seg_start = q.end.offset;
        let seg_end = self.next_quote_start(b, seg_start).unwrap_or(text.len());
        if seg_start >= seg_end {
            return Reading::Nothing;
        }
        let Some((lb, lr)) = q.pieces.last() else {
            return Reading::Nothing;
        };
        let inner = self.blocks[*lb].text[lr.clone()].trim_end();
        let (Some(last), Some(first_after)) = (
            inner.chars().next_back(),
            text[seg_start..seg_end].trim_start().chars().next(),
        ) else {
            return Reading::Nothing;
        };
        if last == '.' || last == ':' || last == ';' || first_after == '.' {
            return Reading::Nothing; // the quote ended its sentence
        }
        // After `?`, `!` or an unpunctuated quote followed by a capital, the words that
        // follow may start a new sentence: only a short subject right before its verb
        // (or an inverted verb) counts then.
        let restricted = matches!(last, '?' | '!')
            || (!matches!(last, ',' | '—' | '–' | '-' | '…') && first_after.is_uppercase());
        let clause_end = sentence_end(text, seg_start, seg_end);
        let ws = words(text, seg_start..clause_end);
        if ws.is_empty() {
            return Reading::Nothing;
        }
        let found = |r: Resolved, tail: &[Word]| match r {
            Resolved::Speaker(sp, span, pronoun) => {
                let mut a = attribution(sp, b, span, pronoun);
                a.clause_end = Some(clause_end);
                a.bare_clause = bare_tail(tail);
                Reading::Found(a)
            }
            Resolved::Unknown => Reading::Unknown,
            Resolved::Invalid => Reading::Nothing,
        };
        if ws.len() >= 3 && ws[0].lower == "according" && ws[1].lower == "to" {
            let np = noun_phrase_after(&ws, 2);
            let r = self.subject_speaker(b, np, q.start, antecedents);
            return found(r, &ws[2 + np.len()..]);
        }
        let Some(k) = ws
            .iter()
            .take(MAX_SUBJECT_WORDS + 1)
            .position(is_speech_verb)
        else {
            return Reading::Nothing;
        };
        if read_aloud(&ws, k) {
            return Reading::Unknown; // someone reading out another's words
        }
        // `"...," said X`: the speaker follows the verb.
        let inverted = |r: Resolved| {
            let np = noun_phrase_after(&ws, k + 1);
            match r {
                Resolved::Invalid => found(
                    self.subject_speaker(b, np, q.start, antecedents),
                    &ws[k + 1 + np.len()..],
                ),
                r => found(r, &ws[k + 1..]),
            }
        };
        if k == 0 {
            return inverted(Resolved::Invalid);
        }
        // After `?` or `!` a capitalised word may open a new sentence that goes on to
        // a quote of its own (`"Why now?" Mills writes back, "..."`).
        if restricted && (k > 4 || clause_end == seg_end && seg_end < text.len()) {
            return Reading::Nothing;
        }
        // `X said the two cases were different` reports another statement.
        let complement = ws[k + 1..]
            .iter()
            .take_while(|w| !is_in(RELATIVE, &w.lower))
            .scan(false, |stop, w| {
                if *stop {
                    return None;
                }
                *stop = w.comma_after;
                Some(w)
            })
            .any(|w| is_in(CLAUSE_MARKERS, &w.lower));
        if complement {
            return Reading::Nothing;
        }
        let r = self.subject_speaker(b, &ws[..k], q.start, antecedents);
        if ws[k - 1].comma_after {
            // `"..." for Clinton, said Kunin`: no subject before the comma, so the
            // speaker follows the verb.
            return inverted(r);
        }
        found(r, &ws[k + 1..])
    }

    /// `X said: "..."` / `X told Reuters the decision was "..."` / `According to X, "..."`.
    fn before_quote(&self, i: usize, antecedents: &[Antecedent]) -> Reading {
        let q = &self.spans[i];
        let b = q.start.block;
        let text = &self.blocks[b].text;
        let floor = self
            .prev_quote_end(b, q.start.offset)
            .unwrap_or(0)
            .min(q.start.offset);
        let seg_end = q.start.offset;
        let start = sentence_start(text, floor, seg_end);
        let ws = words(text, start..seg_end);
        let Some(last) = ws.last() else {
            return Reading::Nothing;
        };
        let tail = text[last.range.end..seg_end].trim();
        let colon = tail.ends_with(':');
        let comma = tail.ends_with(',');
        let Some(k) = last_speech_verb(&ws, ws.len()) else {
            // According to X, "..."
            if comma && ws.len() >= 3 && ws[0].lower == "according" && ws[1].lower == "to" {
                let np = noun_phrase_after(&ws, 2);
                if np.len() + 2 == ws.len() {
                    return self.before_found(b, np, q.start, antecedents, true);
                }
            }
            return Reading::Nothing;
        };
        let gap = &ws[k + 1..];
        let allowed = if colon {
            gap.len() <= MAX_COLON_GAP
        } else if comma && gap.len() <= 6 {
            true
        } else {
            gap.len() <= MAX_EMBEDDED_GAP
                && !gap.iter().any(|w| is_in(EMBED_STOPS, &w.lower))
                && !gap.windows(2).any(|p| {
                    p[0].comma_after && matches!(p[1].lower.as_str(), "and" | "but" | "or")
                })
                && !text[ws[k].range.end..seg_end].contains(';')
        };
        if !allowed {
            return Reading::Nothing;
        }
        let adjacent = (colon || comma) && gap.len() <= 3;
        let Some((from, stop)) = subject_start(&ws, k) else {
            return Reading::Nothing;
        };
        // A speech verb inside a subordinate clause ("When X said ..., Y fired back:")
        // is not the one that introduces the quote.
        if stop.is_some_and(|s| is_in(SUBORDINATORS, &ws[s].lower))
            && gap.iter().any(|w| w.comma_after)
        {
            return Reading::Nothing;
        }
        // A verb coordinated with an earlier one ("X said ... but added, ...") has its
        // subject before that one.
        let coordinated = stop.is_some_and(|s| matches!(ws[s].lower.as_str(), "and" | "but"))
            && (from == k || !starts_noun_phrase(&ws[from]));
        let (from, k) = if coordinated {
            let Some(k2) = last_speech_verb(&ws, stop.unwrap_or(0)) else {
                return Reading::Nothing;
            };
            match subject_start(&ws, k2) {
                Some((f2, _)) if f2 < k2 => (f2, k2),
                _ => return Reading::Nothing,
            }
        } else {
            (from, k)
        };
        if from == k {
            return Reading::Nothing;
        }
        self.before_found(b, &ws[from..k], q.start, antecedents, adjacent)
    }

    fn before_found(
        &self,
        b: usize,
        subject: &[Word],
        quote: TextPos,
        antecedents: &[Antecedent],
        adjacent: bool,
    ) -> Reading {
        match self.subject_speaker(b, subject, quote, antecedents) {
            Resolved::Speaker(sp, span, pronoun) => {
                let mut a = attribution(sp, b, span, pronoun);
                a.adjacent = adjacent;
                Reading::Found(a)
            }
            Resolved::Unknown => Reading::Unknown,
            Resolved::Invalid => Reading::Nothing,
        }
    }

    fn next_quote_start(&self, b: usize, from: usize) -> Option<usize> {
        self.quoted[b]
            .iter()
            .map(|r| r.start)
            .filter(|&s| s >= from)
            .min()
    }

    fn prev_quote_end(&self, b: usize, before: usize) -> Option<usize> {
        self.quoted[b]
            .iter()
            .filter(|r| r.end <= before)
            .map(|r| r.end)
            .max()
    }

    /// The speaker a subject names. The subject's comma-separated parts are read as:
    /// introductory phrases first (dropped); then either a head right before the verb
    /// (`Clinton, a top aide said,` / `As a phone rang, the announcer said`) or, when
    /// the last part is set off by a comma, a head with appositives and relative
    /// clauses (`Ammar al-Shibli, a Shi’ite lawmaker, said`, `Sadr, who ..., wrote`).
    fn subject_speaker(
        &self,
        b: usize,
        subject: &[Word],
        quote: TextPos,
        antecedents: &[Antecedent],
    ) -> Resolved {
        let Some(last_word) = subject.last() else {
            return Resolved::Invalid;
        };
        let mut attached = !last_word.comma_after;
        let mut parts = split_parts(subject);
        while parts.len() > 1 && is_intro(&parts[0][0]) {
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
        if is_intro(first) || head.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower)) {
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
                return match resolve_pronoun(antecedents, quote, class) {
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
            for m in &self.mentions[b] {
                if m.range.start < span.start || m.range.end > span.end {
                    continue;
                }
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
        if ws.iter().any(|w| {
            is_in(NOT_IN_SPEAKER, &w.lower) && !(w.lower == "us" && w.capitalized)
                || is_speech_verb(w)
                || is_in(SPEECH_PARTICIPLES, &w.lower)
                || (!w.capitalized && w.lower.ends_with("ing") && w.lower.len() > 4)
        }) {
            return None;
        }
        if is_intro(&ws[0]) {
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
        while name_words.len() > 1 && is_in(NAME_TITLES, name_words[0].lower.trim_end_matches('.'))
        {
            name_words = &name_words[1..];
        }
        // One capitalised word after an article is a title ("the President"), not a
        // name; after a description it is a name ("student Hassan"). A name after a
        // preposition belongs to a description ("one of the prosecutors for X").
        let before = &ws[..tail];
        let descriptive = before.iter().all(|w| !is_in(PREPOSITIONS, &w.lower));
        let before_all_titles = before.iter().all(|w| is_in(TITLE_WORDS, &w.lower));
        let proper = !name_words.is_empty()
            && descriptive
            && (name_words.len() >= 2 || tail == 0 || before_all_titles)
            && !is_in(DETERMINERS, &name_words[0].lower);
        let chosen = if proper { name_words } else { ws };
        let range = chosen.first()?.range.start..chosen.last()?.range.end;
        let mut name = text[range.clone()].to_string();
        if !proper && is_in(DETERMINERS, &chosen[0].lower) && chosen[0].capitalized {
            // A sentence-initial determiner: "The resolution" -> "the resolution".
            let mut cs = name.chars();
            if let Some(c) = cs.next() {
                name = c.to_lowercase().chain(cs).collect();
            }
        }
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
        let speaker = match entity {
            Some(e) => Speaker {
                name: self.registry.entities[e].name.clone(),
                entity: Some(e),
            },
            None => Speaker { name, entity: None },
        };
        Some((speaker, range))
    }

    /// A person mentioned earlier in the article whose name ends with `name`.
    fn short_name(&self, name: &str, before: TextPos) -> Option<usize> {
        let suffix = format!(" {name}");
        let mut found: Option<usize> = None;
        for (b, ms) in self.mentions.iter().enumerate().take(before.block + 1) {
            for m in ms {
                if (TextPos {
                    block: b,
                    offset: m.range.start,
                }) >= before
                {
                    continue;
                }
                let e = &self.registry.entities[m.entity];
                if e.kind != EntityKind::Person {
                    continue;
                }
                let surface = &self.blocks[b].text[m.range.clone()];
                let matches = surface.ends_with(&suffix) || e.names().any(|n| n.ends_with(&suffix));
                if matches {
                    match found {
                        Some(f) if f != m.entity => return None,
                        _ => found = Some(m.entity),
                    }
                }
            }
        }
        found
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
                && self.proper.contains(&sp.name.to_lowercase()) =>
            {
                Class::Person
            }
            None => Class::Other,
        }
    }

    /// People and bodies that are the subject of a sentence, as pronoun antecedents:
    /// registry mentions, and capitalised names outside the registry.
    fn subject_antecedents(&self) -> Vec<Antecedent> {
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

/// Speech-verb of a spokesperson: a mention after "spokesman for" is the speaker.
const SPOKES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "representative",
    "representatives",
];

fn is_speech_verb(w: &Word) -> bool {
    !w.capitalized && is_in(SPEECH_VERBS, &w.lower)
}

fn read_aloud(ws: &[Word], k: usize) -> bool {
    ws[k].lower == "read"
        && ws
            .get(k + 1)
            .is_some_and(|n| n.lower == "aloud" || n.lower == "out")
}

/// The rightmost finite speech verb before `end`, skipping participles ("saying") and
/// someone reading out another's words.
fn last_speech_verb(ws: &[Word], end: usize) -> Option<usize> {
    (0..end.min(ws.len()))
        .rev()
        .find(|&k| is_speech_verb(&ws[k]) && !read_aloud(ws, k))
}

/// Where the subject of the verb at `k` starts, reading leftwards to a clause boundary;
/// and the index of the word that stopped the reading, if any. A relative clause set off
/// by commas ("Zimmerman, who identifies as Hispanic, told") is read through.
fn subject_start(ws: &[Word], k: usize) -> Option<(usize, Option<usize>)> {
    let mut j = k;
    while j > 0 {
        let w = &ws[j - 1];
        let coordinated =
            j >= 2 && ws[j - 2].comma_after && matches!(w.lower.as_str(), "and" | "or" | "but");
        if is_in(CLAUSE_STOPS, &w.lower) || coordinated {
            let part_start = (0..j - 1)
                .rev()
                .find(|&n| ws[n].comma_after)
                .map_or(0, |n| n + 1);
            if part_start > 0 && is_in(RELATIVE, &ws[part_start].lower) {
                j = part_start;
                continue;
            }
            return Some((j, Some(j - 1)));
        }
        j -= 1;
    }
    Some((0, None))
}

/// Whether a word can open a noun phrase (a subject).
fn starts_noun_phrase(w: &Word) -> bool {
    w.capitalized
        || is_in(DETERMINERS, &w.lower)
        || matches!(w.lower.as_str(), "he" | "she" | "it" | "they" | "we" | "i")
}

/// An introductory word: a preposition, adverb or participle opening a phrase.
fn is_intro(w: &Word) -> bool {
    (is_in(INTRO_WORDS, &w.lower) && !is_in(DETERMINERS, &w.lower))
        || (w.lower.ends_with("ing") && w.lower.len() > 4)
}

/// Whether the words after an attribution's verb (or name) are only circumstances
/// ("on Sunday", "told Reuters in a speech") and not a new clause.
fn bare_tail(tail: &[Word]) -> bool {
    tail.len() <= 12
        && !tail
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "and" | "but" | "or"))
        && !tail.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower))
        && !tail
            .windows(2)
            .any(|p| p[0].comma_after && matches!(p[1].lower.as_str(), "and" | "but" | "or"))
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

fn inherit(speaker: Option<Speaker>, source: SpeakerSource) -> Attribution {
    Attribution {
        speaker,
        source: Some(source),
        ..Attribution::default()
    }
}

fn attribution(speaker: Speaker, b: usize, span: Range<usize>, pronoun: bool) -> Attribution {
    Attribution {
        speaker: Some(speaker),
        span: Some((
            TextPos {
                block: b,
                offset: span.start,
            },
            TextPos {
                block: b,
                offset: span.end,
            },
        )),
        source: Some(SpeakerSource::Named),
        pronoun,
        ..Attribution::default()
    }
}

fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Whether a mention is a possessive modifier ("Iraq's caretaker prime minister").
fn is_possessive(text: &str, r: &Range<usize>) -> bool {
    let mut cs = text[r.end..].chars();
    if !matches!(cs.next(), Some('\'' | '\u{2019}' | '\u{2018}')) {
        return false;
    }
    let n = cs.next();
    let n2 = cs.next();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // "Iraq's", or "the protesters' " after a plural.
    (matches!(n, Some('s' | 'S')) && !word(n2)) || (text[..r.end].ends_with('s') && !word(n))
}

/// Splits a run of words at commas.
fn split_parts(ws: &[Word]) -> Vec<&[Word]> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, w) in ws.iter().enumerate() {
        if w.comma_after {
            out.push(&ws[from..=i]);
            from = i + 1;
        }
    }
    if from < ws.len() {
        out.push(&ws[from..]);
    }
    out
}

/// The noun phrase that follows a verb: up to a comma, a cut word, or eight words.
fn noun_phrase_after(ws: &[Word], from: usize) -> &[Word] {
    let mut end = from;
    while end < ws.len() && end - from < MAX_FREE_WORDS {
        let w = &ws[end];
        if end > from && is_in(NP_CUT, &w.lower) {
            break;
        }
        end += 1;
        if w.comma_after {
            break;
        }
    }
    &ws[from.min(end)..end]
}

fn strip_adverbs(ws: &[Word]) -> &[Word] {
    let mut end = ws.len();
    while end > 1 {
        let w = &ws[end - 1].lower;
        if (w.ends_with("ly") && w.len() > 4 && !ws[end - 1].capitalized) || is_in(ADVERBS, w) {
            end -= 1;
        } else {
            break;
        }
    }
    &ws[..end]
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
fn resolve_pronoun(antecedents: &[Antecedent], before: TextPos, class: Class) -> Option<Speaker> {
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
