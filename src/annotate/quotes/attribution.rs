//! Attribution: who said each quote.
//!
//! Newswriting names a speaker in a handful of fixed constructions, and this module
//! recognises those and nothing else. Every rule looks at the sentence the quote sits
//! in (the text between the quote and the neighbouring quotes or sentence ends), finds
//! a finite speech verb (lower case: "States" is not "states"), and reads the speaker's
//! phrase next to it:
//!
//! | form | example |
//! |---|---|
//! | after, inverted | `"...," said student Raad Ismail.` / `"..." for Clinton, said Kunin.` |
//! | after | `"...," Iraq's caretaker prime minister, Adel Abdul Mahdi, told lawmakers.` |
//! | after | `"...," the resolution read, according to Reuters.` (the first verb wins) |
//! | after | `"...," according to NAME.` |
//! | before, colon | `In a statement, the Iraqi foreign ministry said: "..."` |
//! | before, colon | `Sadr, who leads the bloc, wrote in a letter that a supporter read aloud: "..."` |
//! | before, embedded | `the foreign ministry said in a statement that it is about "..."` |
//! | before, participle | `Conservative co-chairman Liam Fox derided the photo call, saying: "..."` |
//! | before, reported | `Jones called the plan "reckless"` / `Brown, calling him "a liar," left` (`reported`) |
//! | before, no verb | `Pollsters agree - Jane Roe: "..."` / `Continued Stone: "..."` (`reported`) |
//!
//! The construction after the quote wins, except that a pronoun there yields to a name
//! right before the quote (`X said: "...," he said`). It is refused when the verb has a
//! clause of its own (`"...," X said the cases were different` reports something else),
//! or when the quote ended its sentence with a full stop; a passive (`X was asked:
//! "..."`, `"...," he was told`) names the one spoken to, so nobody. An embedded quote
//! is refused when it is a title (`X said she had watched "The Long Walk Home"`) or
//! when a stance verb with a subject of its own stands between (`X said Y called it
//! "..."`, which `reported` gives to Y).
//!
//! **The subject** of a verb before the quote is read leftwards to a clause boundary
//! ("that", "but", ", and"; a relative clause set off by commas is read through). A
//! verb coordinated with an earlier one (`X said ... but added, "..."`) takes that
//! one's subject; a verb inside a subordinate clause (`When X said ..., Y laughed:
//! "..."`) introduces nothing, while the clause's own verb does (`as he told
//! journalists:`). The subject is then split at commas: introductory phrases ("In a
//! statement,", "Appearing before supporters,") are dropped; a last part attached to
//! the verb is the head (`Clinton, a top aide said,` / `As a phone rang, the announcer
//! said`), unless it is only adverbs or a verb phrase (`Clinton, exasperated, famously
//! responded`); a last part set off by a comma makes the first part the head and the
//! others appositives (`Ammar al-Shibli, a Shi'ite lawmaker, said`).
//!
//! **The speaker**: a registry mention in the head or an appositive gives the entity
//! (people before organisations before places; possessives and mentions after a
//! preposition are modifiers, except after "spokesman for"; two different people make
//! the phrase ambiguous and the quote unattributed). Without a mention the phrase
//! itself is the speaker ("one demonstrator", "hundreds of young Iraqis", "Raad Ismail"
//! from "student Raad Ismail") after a check that it reads like a noun phrase, mapped
//! to an entity when it equals a registry name or alias, or when it is a short form of
//! a person named earlier in the article ("al-Mahdi"). A dateline in capitals before a
//! dash is dropped ("WASHINGTON — President X said"); an honorific makes one word a
//! name ("a crestfallen Mr Lim"); a name set off after a role follows it ("said Opera
//! spokeswoman, Berit Hanson"); a body's statement or website speaks for the body
//! ("Rovers' statement said").
//!
//! **Pronouns**: `he`/`she` resolve to the latest person before the quote, within a few
//! paragraphs: speakers of earlier quotes, and people opening a sentence as its subject
//! (registry mentions, capitalised names, and single capitalised words the article also
//! writes with a capital mid-sentence, so "Sanders" counts and "Officials" does not).
//! An unnamed speaker or unnamed sentence subject in between ("one demonstrator told
//! AFP", "The prime minister's spokesman said") makes the pronoun ambiguous, and so
//! does a latest person whose name rules the pronoun out (`she` after "Mr Tully" or
//! "Mark Tully": someone the rules did not see spoke; see `gender`), or another person
//! of the pronoun's gender named next to a speech verb in a later sentence than the
//! latest one ("said Alan Abramowitz"). `it` resolves likewise to an organisation or
//! document. `they`, `we` and `I` are never resolved.
//!
//! **Inheritance**: a quote without a construction of its own inherits a speaker only
//! in cases that newswriting makes unambiguous: it is joined to an attributed quote in
//! the same sentence by "and"/"or"/a comma (`X said: "A" and "B"`), or it opens a
//! sentence (or a paragraph of nothing but quotation) right after the last quoted voice
//! and that voice's own attribution sentence (`"A," he said. "B."`; `"A," said X, who
//! ..., adding that .... "B."`), and nothing in between could hand the floor to someone
//! else: not another sentence (nor a full stop after the closing mark: `... "a
//! fragment". "B," X said`), an attribution after the quote that the rules could not
//! read (`"B," those who lost out later said`), a clause with a subject of its own
//! (`"A," X said, and her husband cut in. "B."`), a second speech verb or a quote of
//! another voice (`continuation`). Anything else stays unattributed: a wrong speaker is
//! worse than none.
//!
//! **Descriptions**: "the mayor", "the Tory leader", "the 23-year-old", as a speaker or
//! as a sentence subject a later pronoun refers to, stand for the one person the
//! article introduced with that role or age ("London mayor Ken Livingstone", "Bailey,
//! 23,"); with none or two such people the description stays as written.
//!
//! This module reads the constructions and the inheritance; `reported` reads the
//! constructions tried last, when none of these names a speaker (reported speech,
//! introductions without a speech verb); `speaker` turns a subject phrase into a
//! [`Speaker`], `antecedents` collects what pronouns may refer to, `descriptions`
//! finds whom a description stands for, `gender` which pronoun a name allows, and
//! `continuation` decides which quotes carry on an earlier voice.

mod antecedents;
mod continuation;
mod descriptions;
mod gender;
mod reported;
mod speaker;

use antecedents::{Antecedents, Class, Spoken};
use descriptions::Introductions;
pub(super) use reported::worth_reporting;
use speaker::NameEndings;
pub(super) use speaker::NameIndex;

use std::cell::OnceCell;
use std::ops::Range;

use super::marks::QuoteSpan;
use super::text::{
    ADVERBS, CLAUSE_MARKERS, CLAUSE_STOPS, DETERMINERS, EMBED_STOPS, INTRO_WORDS, JOINERS,
    NAME_PARTICLES, NP_CUT, RELATIVE, SPEECH_PARTICIPLES, SPEECH_VERBS, SUBORDINATORS, TITLE_WORDS,
    Word, is_in, sentence_end, sentence_start, words,
};
use super::{Speaker, SpeakerSource};

use crate::annotate::entities::FoundMention;
use crate::annotate::{BlockKind, TextBlock, TextPos};
use crate::content::registry::Registry;

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
    /// Sentence subjects for pronouns, collected when the first pronoun needs them.
    antecedents: OnceCell<Antecedents>,
    /// The ends of the names of people mentioned, collected when the first short name
    /// is looked up.
    name_endings: OnceCell<NameEndings>,
    /// People introduced with a role or an age, by marker, collected when a
    /// description first needs them.
    introductions: Introductions,
}

/// Entities mentioned in a speaker's phrase, with where.
type Mentioned = Vec<(usize, Range<usize>)>;

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
        Attributor {
            blocks,
            registry,
            names,
            spans,
            mentions: by_block,
            quoted,
            antecedents: OnceCell::new(),
            name_endings: OnceCell::new(),
            introductions: Introductions::default(),
        }
    }

    /// Attributes every span, in order.
    pub fn attribute_all(&self) -> Vec<Attribution> {
        // Speakers of the quotes so far, as pronoun antecedents.
        let mut spoken = Spoken::default();
        let mut out: Vec<Attribution> = Vec::with_capacity(self.spans.len());
        for i in 0..self.spans.len() {
            let att = match self.own_attribution(i, &spoken) {
                Reading::Found(a) => a,
                Reading::Unknown => Attribution::default(),
                // A clause after the quote that the rules could not read is its own
                // attribution (`"...," a crestfallen Mr Lim confided`): not inherited.
                Reading::Nothing if self.unread_clause_after(i) => Attribution::default(),
                Reading::Nothing => self.inherited(i, &out).unwrap_or_default(),
            };
            if let Some(sp) = &att.speaker {
                spoken.push(self.spans[i].start, sp.clone());
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
    fn own_attribution(&self, i: usize, spoken: &Spoken) -> Reading {
        let after = self.after_quote(i, spoken);
        let before = || self.before_quote(i, spoken);
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
            Reading::Nothing => match before() {
                Reading::Nothing => self.reported(i, spoken),
                r => r,
            },
        }
    }

    /// Whether quote `i` closes on a comma and its sentence goes on with a speech verb
    /// within a speaker's phrase of it: an attribution of its own.
    fn unread_clause_after(&self, i: usize) -> bool {
        let q = &self.spans[i];
        let Some((lb, lr)) = q.pieces.last() else {
            return false;
        };
        if !self.blocks[*lb].text[lr.clone()].trim_end().ends_with(',') {
            return false;
        }
        let b = q.end.block;
        let text = &self.blocks[b].text;
        let from = q.end.offset.min(text.len());
        let to = self.next_quote_start(b, from).unwrap_or(text.len());
        let ws = words(text, from..sentence_end(text, from, to));
        (0..ws.len().min(MAX_SUBJECT_WORDS + 1)).any(|k| speech_verb_at(&ws, k))
    }

    /// Speaker inherited from an earlier quote (see the module notes).
    fn inherited(&self, i: usize, done: &[Attribution]) -> Option<Attribution> {
        self.inherited_from_previous(i, done).or_else(|| {
            let j = self.continued(i, done)?;
            let source = if self.spans[j].end.block == self.spans[i].start.block {
                SpeakerSource::Shared
            } else {
                SpeakerSource::Continued
            };
            Some(inherit(done[j].speaker.clone(), source))
        })
    }

    /// Speaker inherited from the quote right before: joined to it, right after its
    /// bare attribution clause, or a paragraph of quotation right after it.
    fn inherited_from_previous(&self, i: usize, done: &[Attribution]) -> Option<Attribution> {
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
        // A sentence ended between them (`... "a fragment". "A new quote," X said`).
        let between = &self.blocks[b.start.block].text[a.end.offset..b.start.offset];
        if between.contains(['.', '!', '?', ';']) {
            return false;
        }
        between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| is_in(JOINERS, &w.to_lowercase()))
    }

    /// `"...," said X` / `"...," X said` / `"...," according to X`.
    fn after_quote(&self, i: usize, spoken: &Spoken) -> Reading {
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
        // A nested quote closing with the outer one (`... 'darn it,'"`) ends on the
        // inner punctuation.
        let inner = self.blocks[*lb].text[lr.clone()]
            .trim_end()
            .trim_end_matches(['\'', '\u{2019}', '"', '\u{201d}'])
            .trim_end();
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
            let r = self.subject_speaker(b, np, q.start, spoken);
            return found(r, &ws[2 + np.len()..]);
        }
        // `"...," the paper quoted X as saying` / `"...," X was quoted as saying`.
        if let Some(qv) = ws
            .iter()
            .take(MAX_SUBJECT_WORDS + 1)
            .position(|w| w.lower == "quoted")
            && let Some(saying) = (qv + 1..ws.len().min(qv + 3 + MAX_FREE_WORDS))
                .find(|&k| ws[k].lower == "saying" && ws[k - 1].lower == "as")
            && let Some(speaker) = quoted_as_saying(&ws[..=saying])
        {
            return found(
                self.subject_speaker(b, speaker, q.start, spoken),
                &ws[saying + 1..],
            );
        }
        let Some(k) = ws
            .iter()
            .take(MAX_SUBJECT_WORDS + 1)
            .enumerate()
            .position(|(k, _)| speech_verb_at(&ws, k))
        else {
            return Reading::Nothing;
        };
        if read_aloud(&ws, k) || passive_at(&ws, k) {
            return Reading::Unknown; // someone reading out another's words, or spoken to
        }
        // `"...," said X`: the speaker follows the verb.
        let inverted = |r: Resolved| {
            let mut np = noun_phrase_after(&ws, k + 1);
            // `said Opera spokeswoman, Berit Hanson`: the name after the role.
            let after = k + 1 + np.len();
            let mut rest = after;
            if np
                .last()
                .is_some_and(|w| w.comma_after && is_in(TITLE_WORDS, &w.lower))
            {
                let name = ws[after..]
                    .iter()
                    .take_while(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
                    .count();
                let ends = ws
                    .get(after + name)
                    .is_none_or(|_| ws[after + name - 1].comma_after);
                if name >= 2 && ends {
                    np = &ws[after..after + name];
                    rest = after + name;
                }
            }
            match r {
                Resolved::Invalid => {
                    found(self.subject_speaker(b, np, q.start, spoken), &ws[rest..])
                }
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
        // `X said the two cases were different` reports another statement; a clause of
        // time or condition (`X said when asked`) or one set off by a comma (`X said,
        // reasoning that ...`) does not.
        let complement = !ws[k].comma_after
            && ws[k + 1..]
                .iter()
                .take_while(|w| !is_in(RELATIVE, &w.lower) && !is_in(SUBORDINATORS, &w.lower))
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
        let r = self.subject_speaker(b, &ws[..k], q.start, spoken);
        if ws[k - 1].comma_after {
            // `"..." for Clinton, said Kunin`: no subject before the comma, so the
            // speaker follows the verb.
            return inverted(r);
        }
        found(r, &ws[k + 1..])
    }

    /// `X said: "..."` / `X told Reuters the decision was "..."` / `According to X, "..."`.
    fn before_quote(&self, i: usize, spoken: &Spoken) -> Reading {
        let q = &self.spans[i];
        let b = q.start.block;
        if let Some(prev) = self.introduced_by_colon(q.start) {
            // `He said:` closing the paragraph before a paragraph of quotation.
            let end = self.blocks[prev].text.trim_end().len();
            return self.before_at(prev, end, q.start, spoken);
        }
        self.before_at(b, q.start.offset, q.start, spoken)
    }

    /// The paragraph before the one `quote` opens, when that paragraph ends with a
    /// colon and nothing but white space stands before the quote.
    fn introduced_by_colon(&self, quote: TextPos) -> Option<usize> {
        let b = quote.block;
        let prev = b.checked_sub(1)?;
        let (this, before) = (&self.blocks[b], &self.blocks[prev]);
        let fits = this.kind == before.kind
            && matches!(this.kind, BlockKind::Paragraph | BlockKind::BlockQuote)
            && this.text[..quote.offset].trim().is_empty()
            && before.text.trim_end().ends_with(':')
            && !self.in_quote(
                prev,
                &(before.text.len().saturating_sub(1)..before.text.len()),
            );
        fits.then_some(prev)
    }

    /// The construction before a quote in the words of block `b` up to `seg_end`.
    fn before_at(&self, b: usize, seg_end: usize, quote: TextPos, spoken: &Spoken) -> Reading {
        let text = &self.blocks[b].text;
        let floor = self.prev_quote_end(b, seg_end).unwrap_or(0).min(seg_end);
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
                    return self.before_found(b, np, quote, spoken, true);
                }
            }
            // Interfax quoted X as saying "..." / X was quoted as saying "..."
            if let Some(speaker) = quoted_as_saying(&ws) {
                return self.before_found(b, speaker, quote, spoken, false);
            }
            // X rallied supporters, saying: "..."
            if let Some(subject) = participle_subject(&ws, colon || comma) {
                return self.before_found(b, subject, quote, spoken, false);
            }
            // For X, this is progress: "..."
            return match colon_subject(&ws).filter(|_| colon) {
                Some(subject) => self.before_found(b, subject, quote, spoken, true),
                None => Reading::Nothing,
            };
        };
        if passive_at(&ws, k) {
            return Reading::Unknown; // `X was asked: "..."`: X is spoken to
        }
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
                // `X said Y called it "..."` is Y's (see `reported`); a title is nobody's.
                && !reported::another_report(gap)
                && !self.quotes_title(quote)
        };
        if !allowed {
            return Reading::Nothing;
        }
        let adjacent = (colon || comma) && gap.len() <= 3;
        let Some((from, stop)) = subject_start(&ws, k) else {
            return Reading::Nothing;
        };
        // A speech verb inside a subordinate clause ("When X said ..., Y laughed:") is
        // not the one that introduces the quote. The colon or comma right before the
        // quote does not end such a clause ("as he told journalists: ...").
        if stop.is_some_and(|s| is_in(SUBORDINATORS, &ws[s].lower))
            && gap[..gap.len().saturating_sub(1)]
                .iter()
                .any(|w| w.comma_after)
        {
            return Reading::Nothing;
        }
        // A verb coordinated with an earlier one ("X said ... but added, ...") has its
        // subject before that one.
        // A sentence opening with "But" or "And" coordinates with nothing.
        let coordinated = stop
            .is_some_and(|s| s > 0 && matches!(ws[s].lower.as_str(), "and" | "but"))
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
        self.before_found(b, &ws[from..k], quote, spoken, adjacent)
    }

    fn before_found(
        &self,
        b: usize,
        subject: &[Word],
        quote: TextPos,
        spoken: &Spoken,
        adjacent: bool,
    ) -> Reading {
        match self.subject_speaker(b, subject, quote, spoken) {
            Resolved::Speaker(sp, span, pronoun) => {
                let mut a = attribution(sp, b, span, pronoun);
                a.adjacent = adjacent;
                Reading::Found(a)
            }
            Resolved::Unknown => Reading::Unknown,
            Resolved::Invalid => Reading::Nothing,
        }
    }

    /// Where the first quote of block `b` starting at or after `from` starts. The
    /// quoted ranges of a block are in order and do not overlap, so their starts and
    /// their ends are both ascending.
    fn next_quote_start(&self, b: usize, from: usize) -> Option<usize> {
        let quoted = &self.quoted[b];
        let i = quoted.partition_point(|r| r.start < from);
        quoted.get(i).map(|r| r.start)
    }

    /// Where the last quote of block `b` ending at or before `before` ends.
    fn prev_quote_end(&self, b: usize, before: usize) -> Option<usize> {
        let quoted = &self.quoted[b];
        quoted[..quoted.partition_point(|r| r.end <= before)]
            .last()
            .map(|r| r.end)
    }

    /// Whether a quote of block `b` holds all of `r`.
    fn in_quote(&self, b: usize, r: &Range<usize>) -> bool {
        let quoted = &self.quoted[b];
        quoted[..quoted.partition_point(|q| q.start <= r.start)]
            .last()
            .is_some_and(|q| r.end <= q.end)
    }

    /// The mentions of block `b` that lie within `span`, in order.
    fn mentions_within(
        &self,
        b: usize,
        span: Range<usize>,
    ) -> impl Iterator<Item = &'a FoundMention> + '_ {
        let ms = &self.mentions[b];
        ms[ms.partition_point(|m| m.range.start < span.start)..]
            .iter()
            .take_while(move |m| m.range.start <= span.end)
            .filter(move |m| m.range.end <= span.end)
            .copied()
    }
}

/// Verbs that speak only with their particle: "shot back", "fired back", "went on",
/// "points out".
const PHRASAL_SPEECH: &[(&str, &str)] = &[
    ("shot", "back"),
    ("fired", "back"),
    ("hit", "back"),
    ("went", "on"),
    ("goes", "on"),
    ("points", "out"),
    ("pointed", "out"),
    ("put", "it"),
    ("puts", "it"),
];

/// Whether the word at `k` is a finite speech verb, alone, with its particle, or as
/// a progressive ("is insisting", "was telling").
fn speech_verb_at(ws: &[Word], k: usize) -> bool {
    let w = &ws[k];
    let progressive = k > 0
        && !w.capitalized
        && is_in(SPEECH_PARTICIPLES, &w.lower)
        && matches!(
            ws[k - 1].lower.as_str(),
            "is" | "was" | "are" | "were" | "been"
        );
    is_speech_verb(w)
        || progressive
        || (!w.capitalized
            && ws.get(k + 1).is_some_and(|n| {
                PHRASAL_SPEECH
                    .iter()
                    .any(|&(v, p)| v == w.lower && p == n.lower)
            }))
}

fn is_speech_verb(w: &Word) -> bool {
    !w.capitalized && is_in(SPEECH_VERBS, &w.lower)
}

/// Whether the speech verb at `k` is a passive (`X was asked:`, `"...," he was told`):
/// its subject is the one spoken to, not the speaker. "Quoted as saying" is read
/// before this, by [`quoted_as_saying`].
fn passive_at(ws: &[Word], k: usize) -> bool {
    let w = &ws[k].lower;
    let participle = w.ends_with("ed") || matches!(w.as_str(), "told" | "written" | "spoken");
    let aux = ws[..k]
        .iter()
        .rev()
        .find(|w| !(w.lower.ends_with("ly") && w.lower.len() > 4));
    participle
        && aux.is_some_and(|a| {
            matches!(
                a.lower.as_str(),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            ) && !a.comma_after
        })
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
        .find(|&k| speech_verb_at(ws, k) && !read_aloud(ws, k))
}

/// The subject of a sentence whose quote a speech participle set off by a comma
/// introduces (`X rallied supporters, saying: "..."`, `X appears in a clip, telling
/// them "..."`): the words opening the sentence, after introductory phrases, up to its
/// first verb-like word. An adverb may stand before the participle (`, quickly
/// adding:`). `None` without such a participle close to the quote, or when the main
/// clause holds another clause ("that", "who", "when").
fn participle_subject(ws: &[Word], marked: bool) -> Option<&[Word]> {
    let gap = if marked { 3 } else { 1 };
    let mut p = (ws.len().saturating_sub(gap + 1)..ws.len())
        .rev()
        .find(|&p| is_in(SPEECH_PARTICIPLES, &ws[p].lower))?;
    if p >= 3 && ws[p - 2].comma_after && strip_adverbs(&ws[p - 2..p]).len() == 1 {
        p -= 1;
    }
    if p < 2 || !ws[p - 1].comma_after {
        return None;
    }
    let from = after_intro(ws, p)?;
    let verb = (from..p - 1).find(|&v| looks_finite(&ws[v]) && !ws[v].comma_after)?;
    if verb == from
        || ws[verb..p]
            .iter()
            .any(|w| is_in(CLAUSE_MARKERS, &w.lower) || is_in(CLAUSE_STOPS, &w.lower))
    {
        return None;
    }
    Some(&ws[from..verb])
}

/// The speaker of `quoted X as saying "..."` (X) or of `X was quoted as saying "..."`
/// (X, read as the sentence subject), when "saying" is the last word before the quote.
fn quoted_as_saying(ws: &[Word]) -> Option<&[Word]> {
    let n = ws.len();
    if n < 4 || ws[n - 1].lower != "saying" || ws[n - 2].lower != "as" {
        return None;
    }
    if ws[n - 3].lower == "quoted" {
        let aux = n - 4;
        if !matches!(ws.get(aux)?.lower.as_str(), "was" | "is" | "were" | "been") {
            return None;
        }
        let from = after_intro(ws, aux)?;
        let subject = &ws[from..aux];
        let has_clause = subject
            .iter()
            .any(|w| is_in(CLAUSE_STOPS, &w.lower) || is_in(CLAUSE_MARKERS, &w.lower));
        return (!subject.is_empty() && !has_clause).then_some(subject);
    }
    let q = (n.saturating_sub(2 + MAX_FREE_WORDS)..n - 2).rfind(|&k| ws[k].lower == "quoted")?;
    let np = &ws[q + 1..n - 2];
    (!np.is_empty() && np.iter().all(|w| !w.comma_after)).then_some(np)
}

/// The person a sentence ending in a colon gives the floor to without a speech verb:
/// the name after an opening "For" (`For Henry Reichhold, this is progress:`). Only a
/// capitalised name of at most four words counts, and no other clause may intervene.
/// (A name as the subject of any clause, `Trump went even further:`, measured 12 right
/// and 4 wrong on PolNeAR's training split, and is not read.)
fn colon_subject(ws: &[Word]) -> Option<&[Word]> {
    let name = |p: &[Word]| {
        !p.is_empty()
            && p.len() <= 4
            && p.iter()
                .all(|w| w.capitalized && !is_in(INTRO_WORDS, &w.lower))
    };
    let plain = |p: &[Word]| {
        !p.iter().any(|w| {
            is_in(CLAUSE_STOPS, &w.lower)
                || is_in(RELATIVE, &w.lower)
                || matches!(w.lower.as_str(), "he" | "she" | "they" | "it" | "i" | "we")
        })
    };
    if ws.first()?.lower != "for" {
        return None;
    }
    let c = ws.iter().position(|w| w.comma_after)?;
    let np = &ws[1..=c];
    (name(np) && plain(&ws[c + 1..])).then_some(np)
}

/// Where a sentence's words before `end` start after its introductory phrases ("In a
/// Fox interview later that day, ..."); `None` when one runs to `end`.
fn after_intro(ws: &[Word], end: usize) -> Option<usize> {
    let mut from = 0;
    while from < end && is_intro(&ws[from]) {
        from += ws[from..end].iter().position(|w| w.comma_after)? + 1;
    }
    Some(from)
}

/// Past forms without "-ed" that open a predicate after a subject.
#[rustfmt::skip]
const IRREGULAR_PAST: &[&str] = &[
    "told", "said", "spoke", "took", "went", "made", "gave", "sent", "wrote", "put", "got",
    "came", "held", "left", "met", "led", "set", "hit", "kept", "stood", "struck", "began",
];

/// Whether a word reads as the verb (or an adverb before it) that ends a subject:
/// "rallied", "appears", "then", "spoke"; not "company" or "co-chairman".
fn looks_finite(w: &Word) -> bool {
    let l = w.lower.as_str();
    !w.capitalized
        && !l.contains(['\'', '\u{2019}'])
        && (l.ends_with("ed")
            || (l.ends_with('s') && !l.ends_with("ss") && l.len() > 3)
            || is_in(ADVERBS, l)
            || is_in(IRREGULAR_PAST, l))
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

/// An "-ing" word naming a field before a role ("housing spokesman", "banking
/// analyst"), not a participle opening a phrase.
fn role_modifier(ws: &[Word], i: usize) -> bool {
    ws[i].lower.ends_with("ing") && ws.get(i + 1).is_some_and(|n| is_in(TITLE_WORDS, &n.lower))
}

/// Whether the phrase `ws` opens with an introductory word (see [`is_intro`]).
fn opens_with_intro(ws: &[Word]) -> bool {
    ws.first().is_some_and(is_intro) && !role_modifier(ws, 0)
}

/// An introductory word: a preposition, adverb or participle opening a phrase.
fn is_intro(w: &Word) -> bool {
    (is_in(INTRO_WORDS, &w.lower) && !is_in(DETERMINERS, &w.lower))
        || (w.lower.ends_with("ing") && w.lower.len() > 4)
}

/// Whether the words after an attribution's verb (or name) are only circumstances
/// ("on Sunday", "told Reuters in a speech") and not a new clause.
fn bare_tail(tail: &[Word]) -> bool {
    tail.len() <= 20
        && !tail
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "and" | "but" | "or"))
        && !tail.iter().any(|w| is_in(CLAUSE_MARKERS, &w.lower))
        && !tail
            .windows(2)
            .any(|p| p[0].comma_after && matches!(p[1].lower.as_str(), "and" | "but" | "or"))
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
