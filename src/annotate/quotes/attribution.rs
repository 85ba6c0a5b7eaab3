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

use std::collections::HashMap;
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
}

const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "at", "in", "with", "to", "on", "by", "against", "about", "near",
    "inside", "outside", "within", "over", "under", "into", "toward", "towards", "between",
];

const CLAUSE_STOPS: &[&str] = &[
    "that", "but", "while", "because", "as", "when", "after", "before", "if", "although", "though",
    "whereas", "where", "since", "unless", "until", "so",
];

const EMBED_STOPS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "because", "after", "before", "when", "who",
    "which", "whom", "whose", "if", "unless", "until", "since", "where",
];

/// Entities mentioned in a speaker's phrase, with where.
type Mentioned = Vec<(usize, Range<usize>)>;

const CLAUSE_MARKERS: &[&str] = &[
    "who", "which", "that", "whose", "whom", "is", "are", "was", "were", "has", "have", "had",
    "will", "would", "could", "should", "can", "did", "does", "do", "be", "been", "not", "when",
    "while", "if", "because",
];

const RELATIVE: &[&str] = &["who", "which", "whose", "whom", "where"];

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
];

const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "del", "van", "von", "der", "la", "le",
    "du", "abu", "abd", "abdul", "y", "st",
];

const JOINERS: &[&str] = &["and", "or", "as", "well", "then", "also", "plus", "but"];

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
            for b in s.start.block..=s.end.block {
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
                quoted[b].push(from..to);
            }
        }
        Attributor {
            blocks,
            registry,
            names,
            spans,
            mentions: by_block,
            quoted,
        }
    }

    /// Attributes every span, in order.
    pub fn attribute_all(&self) -> Vec<Attribution> {
        let mut antecedents = self.subject_mentions();
        let mut out: Vec<Attribution> = Vec::with_capacity(self.spans.len());
        for i in 0..self.spans.len() {
            let own = self.own_attribution(i, &antecedents);
            let att = match own {
                Some(a) => a,
                None => self.inherited(i, &out).unwrap_or_default(),
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
            if out[i].speaker.is_none() && out[i + 1].speaker.is_some() && self.joined(i, i + 1) {
                out[i] = Attribution {
                    speaker: out[i + 1].speaker.clone(),
                    span: None,
                    source: Some(SpeakerSource::Shared),
                    clause_end: None,
                };
            }
        }
        out
    }

    fn own_attribution(&self, i: usize, antecedents: &[Antecedent]) -> Option<Attribution> {
        self.after_quote(i, antecedents)
            .or_else(|| self.before_quote(i, antecedents))
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
            return Some(inherit(speaker, SpeakerSource::Shared));
        }
        if same_block {
            if let Some(ce) = prev.clause_end {
                let text = &self.blocks[q.start.block].text;
                if ce <= q.start.offset && !has_word(&text[ce..q.start.offset]) {
                    return Some(inherit(speaker, SpeakerSource::Shared));
                }
            }
            return None;
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
        {
            return None;
        }
        if !self.only_quotes(b) {
            return None;
        }
        let ptext = &self.blocks[pb].text;
        let tail_from = prev.clause_end.unwrap_or(a.end.offset).max(a.end.offset);
        if has_word(&ptext[tail_from.min(ptext.len())..]) {
            return None;
        }
        Some(inherit(speaker, SpeakerSource::Continued))
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
    fn after_quote(&self, i: usize, antecedents: &[Antecedent]) -> Option<Attribution> {
        let q = &self.spans[i];
        let b = q.end.block;
        let text = &self.blocks[b].text;
        let seg_start = q.end.offset;
        let seg_end = self.next_quote_start(b, seg_start).unwrap_or(text.len());
        if seg_start >= seg_end {
            return None;
        }
        let (lb, lr) = q.pieces.last()?;
        let inner = self.blocks[*lb].text[lr.clone()].trim_end();
        let last = inner.chars().next_back()?;
        let after = text[seg_start..seg_end].trim_start();
        let first_after = after.chars().next()?;
        if last == '.' || last == ':' || last == ';' || first_after == '.' {
            return None; // the quote ended its sentence
        }
        // After `?`, `!` or an unpunctuated quote followed by a capital, the words that
        // follow may start a new sentence: only a short subject right before its verb
        // (or an inverted verb) counts then.
        let restricted = matches!(last, '?' | '!')
            || (!matches!(last, ',' | '—' | '–' | '-' | '…') && first_after.is_uppercase());
        let clause_end = sentence_end(text, seg_start, seg_end);
        let ws = words(text, seg_start..clause_end);
        if ws.is_empty() {
            return None;
        }
        if ws.len() >= 3 && ws[0].lower == "according" && ws[1].lower == "to" {
            let np = noun_phrase_after(&ws, 2);
            return self
                .speaker_from_parts(b, &[np], q.start, antecedents)
                .map(|(sp, span)| attribution(sp, b, span, Some(clause_end)));
        }
        let k = ws
            .iter()
            .take(MAX_SUBJECT_WORDS + 1)
            .position(|w| is_in(SPEECH_VERBS, &w.lower))?;
        let verb = &ws[k];
        if verb.lower == "read"
            && ws
                .get(k + 1)
                .is_some_and(|w| w.lower == "aloud" || w.lower == "out")
        {
            return None; // someone reading out another's words
        }
        let found = if k == 0 {
            let np = noun_phrase_after(&ws, 1);
            self.speaker_from_parts(b, &[np], q.start, antecedents)
        } else {
            if restricted && k > 4 {
                return None;
            }
            let subject = &ws[..k];
            let parts = split_parts(subject);
            self.speaker_from_parts(b, &parts, q.start, antecedents)
        };
        found.map(|(sp, span)| attribution(sp, b, span, Some(clause_end)))
    }

    /// `X said: "..."` / `X told Reuters the decision was "..."` / `According to X, "..."`.
    fn before_quote(&self, i: usize, antecedents: &[Antecedent]) -> Option<Attribution> {
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
        if ws.is_empty() {
            return None;
        }
        let tail = text[ws.last()?.range.end..seg_end].trim();
        let colon = tail.ends_with(':');
        let comma = tail.ends_with(',');
        let mut verb = None;
        for k in (0..ws.len()).rev() {
            let w = ws[k].lower.as_str();
            if is_in(SPEECH_PARTICIPLES, w) {
                continue;
            }
            if w == "read"
                && ws
                    .get(k + 1)
                    .is_some_and(|n| n.lower == "aloud" || n.lower == "out")
            {
                continue;
            }
            if is_in(SPEECH_VERBS, w) {
                verb = Some(k);
                break;
            }
        }
        let Some(k) = verb else {
            // According to X, "..."
            if comma && ws.len() >= 3 && ws[0].lower == "according" && ws[1].lower == "to" {
                let np = noun_phrase_after(&ws, 2);
                if np.len() + 2 == ws.len() {
                    return self
                        .speaker_from_parts(b, &[np], q.start, antecedents)
                        .map(|(sp, span)| attribution(sp, b, span, None));
                }
            }
            return None;
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
            return None;
        }
        // The subject runs back from the verb to the start of its clause.
        let mut j = k;
        while j > 0 {
            let w = &ws[j - 1];
            if is_in(CLAUSE_STOPS, &w.lower)
                || (j >= 2
                    && ws[j - 2].comma_after
                    && matches!(w.lower.as_str(), "and" | "or" | "but"))
            {
                break;
            }
            j -= 1;
        }
        if j == k {
            return None;
        }
        let parts = split_parts(&ws[j..k]);
        self.speaker_from_parts(b, &parts, q.start, antecedents)
            .map(|(sp, span)| attribution(sp, b, span, None))
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

    /// The speaker a subject phrase names: its parts are comma-separated runs of words.
    fn speaker_from_parts(
        &self,
        b: usize,
        parts: &[&[Word]],
        quote: TextPos,
        antecedents: &[Antecedent],
    ) -> Option<(Speaker, Range<usize>)> {
        let text = &self.blocks[b].text;
        // Drop introductory phrases, participial phrases and relative clauses.
        let mut kept: Vec<&[Word]> = Vec::new();
        for (n, p) in parts.iter().enumerate() {
            let Some(first) = p.first() else { continue };
            let intro = is_in(INTRO_WORDS, &first.lower) && !is_in(DETERMINERS, &first.lower);
            let participle = !first.capitalized && first.lower.ends_with("ing");
            if kept.is_empty() && intro && n + 1 < parts.len() {
                continue;
            }
            if is_in(RELATIVE, &first.lower) || (participle && !kept.is_empty()) {
                continue;
            }
            if kept.is_empty() && (intro || participle) {
                return None;
            }
            kept.push(p);
        }
        // A part with a verb or a relative word in it is a clause, not a noun phrase.
        let clause = |p: &[Word]| p.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower));
        if kept.first().is_some_and(|p| clause(p)) {
            return None;
        }
        kept.retain(|p| !clause(p));
        let head = strip_adverbs(kept.first()?);
        if head.is_empty() {
            return None;
        }
        // Pronouns.
        if head.len() == 1 {
            let class = match head[0].lower.as_str() {
                "he" | "she" => Some(Class::Person),
                "it" => Some(Class::NonPerson),
                _ => None,
            };
            if let Some(class) = class {
                let sp = resolve_pronoun(antecedents, quote, class)?;
                return Some((sp, head[0].range.clone()));
            }
        }
        // Registry mentions in the head and its appositives.
        // (rank, [(entity, range)]) of the best-ranked eligible mentions.
        let mut best: Option<(u8, Mentioned)> = None;
        for p in kept.iter() {
            let span = p.first()?.range.start..p.last()?.range.end;
            for m in &self.mentions[b] {
                if m.range.start < span.start || m.range.end > span.end {
                    continue;
                }
                if is_possessive(text, &m.range) {
                    continue;
                }
                let after_prep = p
                    .iter()
                    .take_while(|w| w.range.end <= m.range.start)
                    .any(|w| is_in(PREPOSITIONS, &w.lower));
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
        if let Some((_, found)) = best {
            let first = found[0].0;
            if found.iter().any(|(e, _)| *e != first) {
                return None; // two different people (or bodies): ambiguous
            }
            return Some((
                Speaker {
                    name: self.registry.entities[first].name.clone(),
                    entity: Some(first),
                },
                found[0].1.clone(),
            ));
        }
        // Free text: prefer a proper-name appositive to a descriptive head.
        let mut candidates: Vec<&[Word]> = vec![head];
        for p in kept.iter().skip(1) {
            if p.iter()
                .all(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
            {
                candidates.insert(0, p);
            }
        }
        for c in candidates {
            if let Some(found) = self.free_text_speaker(b, c, quote) {
                return Some(found);
            }
        }
        None
    }

    /// A speaker named in words with no registry mention.
    fn free_text_speaker(
        &self,
        b: usize,
        ws: &[Word],
        quote: TextPos,
    ) -> Option<(Speaker, Range<usize>)> {
        let text = &self.blocks[b].text;
        let ws = strip_adverbs(ws);
        if ws.is_empty() || ws.len() > MAX_FREE_WORDS {
            return None;
        }
        if ws.iter().any(|w| {
            is_in(NOT_IN_SPEAKER, &w.lower) && !(w.lower == "us" && w.capitalized)
                || is_in(SPEECH_VERBS, &w.lower)
                || is_in(SPEECH_PARTICIPLES, &w.lower)
        }) {
            return None;
        }
        let first = &ws[0];
        if is_in(INTRO_WORDS, &first.lower) && !is_in(DETERMINERS, &first.lower) {
            return None;
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
        // name; after a description it is a name ("student Hassan").
        let before_all_titles = ws[..tail].iter().all(|w| is_in(TITLE_WORDS, &w.lower));
        let proper = !name_words.is_empty()
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
            None => {
                let proper = sp.name.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || is_in(NAME_PARTICLES, &w.to_lowercase())
                });
                let first = sp.name.split_whitespace().next().unwrap_or("");
                let two_words = sp.name.split_whitespace().nth(1).is_some();
                if proper && two_words && !is_in(DETERMINERS, &first.to_lowercase()) {
                    Class::Person
                } else {
                    Class::Other
                }
            }
        }
    }

    /// Mentions that are the subject of their sentence, as pronoun antecedents.
    fn subject_mentions(&self) -> Vec<Antecedent> {
        let mut out = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem
            ) {
                continue;
            }
            let text = &block.text;
            for m in &self.mentions[b] {
                if self.quoted[b]
                    .iter()
                    .any(|r| r.start <= m.range.start && m.range.end <= r.end)
                {
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
                if is_possessive(text, &m.range) {
                    continue;
                }
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
        }
        out
    }
}

fn inherit(speaker: Speaker, source: SpeakerSource) -> Attribution {
    Attribution {
        speaker: Some(speaker),
        span: None,
        source: Some(source),
        clause_end: None,
    }
}

fn attribution(
    speaker: Speaker,
    b: usize,
    span: Range<usize>,
    clause_end: Option<usize>,
) -> Attribution {
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
        clause_end,
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
    while rest.len() > 1
        && rest[0]
            .first()
            .is_some_and(|w| is_in(INTRO_WORDS, &w.lower) && !is_in(DETERMINERS, &w.lower))
    {
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
