//! Reported speech and introductions without a speech verb: the constructions tried
//! when no other construction names a quote's speaker, all found as
//! [`SpeakerSource::Reported`].
//!
//! **Reported speech**: a quotation worked into a sentence whose reporting clause comes
//! first, without the colon or comma of a direct introduction. `Smith says the deal is
//! "a betrayal"`, `Jones called the plan "reckless and unaffordable"`, `Kim referred to
//! the mayor as "a capable leader"`, `Park thanked voters for "standing with us"`,
//! `Brown, calling him "a dangerous man," left`: the quotation is said by the subject of
//! the sentence's last reporting verb (a lower-case speech verb, a verb of stance such
//! as "called", "praised", "accused", or a participle of either). The rule stays silent
//! whenever something could be the source instead: a noun of speech between the verb
//! and the quotation (`X mocked the claim that "..."`), a possessive right before it
//! (`Trump's "Make America Great Again"`), a contrast or a clause of time or place
//! ([`GAP_STOPS`]), more than [`MAX_GAP`] words, "according to" in the sentence, or a
//! reporting clause after the quotation (`..., the paper reported`). The last verb
//! wins, so `X said Y called it "..."` is Y's; a passive (`was called "..."`) or an
//! infinitive (`to say`) reports nothing. A quotation of one word or in title case (a
//! term, a name or a title) is never attributed this way.
//!
//! The subject is read with the reader every construction uses: leftwards to a clause
//! boundary (`subject_start`), then the phrase through `subject_speaker`. A verb
//! coordinated with an earlier predicate (`X took the stage and called it "..."`) takes
//! the subject before that predicate; a participle set off by a comma (`X spoke on
//! Friday, calling them "..."`) takes the subject of its main clause. A verb after
//! ", who" takes the name right before it (`... from Mayor Helen Price, who called it
//! "..."`), and nobody after anything else. A free-text speaker must read as someone (a
//! capitalised name or a role, not "better to"), and a pronoun counts only when it
//! resolves to a registry entity: resolved to free-text antecedents, pronouns in
//! reported speech were wrong about one time in twelve on the BBC and PolNeAR texts
//! read by hand.
//!
//! **Without a speech verb**: a name after a headline and a dash before a colon
//! (`Pollsters agree - Jane Roe: "..."`), or after "More from"; a speech verb opening
//! the sentence before its speaker (`Continued Stone: "..."`, `Said Dorothy Reyes, who
//! grew up there, "..."`); and the owner of an answer (`The senator's answer was that
//! "..."`).

use super::super::SpeakerSource;
use super::super::text::{
    ADVERBS, CLAUSE_MARKERS, CLAUSE_STOPS, DETERMINERS, NAME_PARTICLES, PREPOSITIONS, RELATIVE,
    SPEECH_PARTICIPLES, SPEECH_VERBS, SUBORDINATORS, TITLE_WORDS, Word, is_in, sentence_end,
    sentence_start, words,
};
use super::{
    Attributor, IRREGULAR_PAST, Reading, Resolved, Spoken, after_intro, attribution, is_intro,
    noun_phrase_after, speech_verb_at, split_parts, starts_noun_phrase, strip_adverbs,
};
use crate::annotate::TextPos;

/// Most words between the reporting verb and the quotation.
const MAX_GAP: usize = 20;

/// Words that end the reported speech a quote may be worked into: a contrast or a
/// clause of time or place that may report someone else. (Reported speech runs on
/// through "because", "if", "when", "while", "although" and relative clauses: measured
/// on PolNeAR's training and development splits, they add right attributions and no
/// wrong ones.)
const GAP_STOPS: &[&str] = &[
    "but", "after", "before", "unless", "until", "since", "where",
];
/// How far after a quotation its sentence is read for a reporting clause of its own.
const MAX_AFTER_BYTES: usize = 400;

/// Verbs of a publication reporting what another said.
const REPORTED: &[&str] = &["reported", "reports", "reporting"];

/// Most words of a subject set off before its participle (`X, calling him "...",`).
const MAX_APPOSED: usize = 5;

/// Auxiliaries of the passive and the progressive (`was called`, `is labelling`).
const PASSIVE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Finite verbs of stance that report what their subject said: "called the plan
/// '...'", "accused him of '...'".
#[rustfmt::skip]
const STANCE_VERBS: &[&str] = &[
    "called", "calls", "described", "describes", "labelled", "labeled", "labels",
    "branded", "brands", "dubbed", "dubs", "praised", "praises", "accused", "accuses",
    "criticized", "criticised", "criticizes", "criticises", "slammed", "slams", "blasted",
    "blasts", "mocked", "mocks", "thanked", "hailed", "hails", "denounced", "denounces",
    "decried", "decries", "condemned", "condemns", "derided", "derides", "dismissed",
    "dismisses", "touted", "touts", "referred", "refers", "call",
];

/// Participles of stance verbs; like speech participles they take the subject of
/// their main clause.
#[rustfmt::skip]
const STANCE_PARTICIPLES: &[&str] = &[
    "calling", "describing", "labelling", "labeling", "branding", "dubbing", "praising",
    "accusing", "criticizing", "criticising", "slamming", "blasting", "mocking",
    "thanking", "hailing", "denouncing", "decrying", "condemning", "deriding",
    "dismissing", "touting", "referring", "vowing", "pledging", "promising", "posting",
];

/// Stance verbs that report words only with "as" (`described the bill as "..."`).
const NEED_AS: &[&str] = &[
    "described",
    "describes",
    "describing",
    "referred",
    "refers",
    "referring",
];

/// Nouns of speech or of a work: a quotation after one belongs to its owner or is its
/// title, not to the subject of the verb (`X mocked Y's claim that "..."`).
#[rustfmt::skip]
const SPEECH_NOUNS: &[&str] = &[
    "claim", "claims", "remark", "remarks", "comment", "comments", "statement",
    "statements", "words", "slogan", "motto", "chant", "chants", "cry", "phrase", "term",
    "label", "line", "quote", "tweet", "post", "headline", "title", "book", "article",
    "column", "report", "ad", "advert", "letter", "email", "speech", "message", "promise",
    "pledge", "warning", "assertion", "accusation", "suggestion", "description",
    "question", "answer", "joke", "nickname", "catchphrase", "mantra", "editorial",
    "op-ed", "song", "film", "show", "album", "novel", "titled", "entitled", "named",
    "so-called", "according", "quoted", "signs", "sign", "banner", "banners", "memo",
    "video", "poster", "headlines", "descriptions", "quotes", "promises", "warnings",
    "accusations", "suggestions", "questions", "answers", "jokes", "insults", "phrases",
    "terms", "labels", "lines", "tweets", "posts", "slogans", "nicknames",
];

/// Nouns of a reply: `X's answer was that "..."` is X's.
const ANSWER_NOUNS: &[&str] = &[
    "answer",
    "response",
    "reply",
    "message",
    "argument",
    "explanation",
    "advice",
    "verdict",
    "retort",
    "excuse",
    "view",
    "position",
    "reasoning",
    "conclusion",
];

/// Particles of phrasal verbs, which open no speaker's phrase ("hit back at X").
const PARTICLES: &[&str] = &["back", "on", "out", "up", "off"];

/// Auxiliaries that end a subject as a finite verb does.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can",
    "did", "does", "do", "may", "might", "must",
];

impl Attributor<'_> {
    /// The speaker of a quotation inside the reported speech of the sentence's last
    /// reporting verb (see the module notes).
    pub(super) fn reported(&self, i: usize, spoken: &Spoken) -> Reading {
        let q = &self.spans[i];
        if !worth_reporting(&q.text(self.blocks)) || self.reported_after(i) {
            return Reading::Nothing;
        }
        let b = q.start.block;
        let text = &self.blocks[b].text;
        let end = q.start.offset;
        let floor = self.prev_quote_end(b, end).unwrap_or(0).min(end);
        let start = sentence_start(text, floor, end);
        let ws = words(text, start..end);
        let colon = ws
            .last()
            .is_some_and(|w| text[w.range.end..end].trim().ends_with(':'));
        let marked = ws
            .last()
            .is_some_and(|w| text[w.range.end..end].trim().ends_with([':', ',']));
        let subject = if colon && let Some(name) = headline_name(text, &ws) {
            Some(name.to_vec())
        } else if marked && let Some(np) = inverted_opening(&ws) {
            Some(np.to_vec())
        } else if let Some(owner) = owner_of_answer(&ws) {
            Some(owner)
        } else {
            reporting_subject(text, &ws, end, start > floor || floor == 0, colon)
                .map(<[Word]>::to_vec)
        };
        let Some(subject) = subject else {
            return Reading::Nothing;
        };
        let subject = subject.as_slice();
        match self.subject_speaker(b, subject, q.start, spoken) {
            // A pronoun stands only for a registry entity here: free-text antecedents
            // ("Democrat", "MPs") were too often wrong in reported speech.
            Resolved::Speaker(sp, span, pronoun)
                if sp.entity.is_some() || (!pronoun && plausible_speaker(&text[span.clone()])) =>
            {
                let mut a = attribution(sp, b, span, pronoun);
                a.source = Some(SpeakerSource::Reported);
                Reading::Found(a)
            }
            Resolved::Unknown => Reading::Unknown,
            _ => Reading::Nothing,
        }
    }

    /// Whether the quote's sentence goes on to a reporting clause of its own after the
    /// quote (`... pledged to "...", the paper reported`): the speaker may be that one.
    /// The verb must follow a name, a pronoun or a comma (`, the Gazette reported`,
    /// `, said Smith`): after "and" it continues the first clause, and after other
    /// words it is a noun ("won any states").
    fn reported_after(&self, i: usize) -> bool {
        let q = &self.spans[i];
        let b = q.end.block;
        let text = &self.blocks[b].text;
        let from = q.end.offset;
        // Read a bounded window, so that a block of many quotes costs linear work.
        let mut ceil = (from + MAX_AFTER_BYTES).min(text.len());
        while !text.is_char_boundary(ceil) {
            ceil += 1;
        }
        let ws = words(text, from..sentence_end(text, from, ceil));
        (0..ws.len()).any(|k| {
            // The word before the verb, past adverbs ("Right Wing Watch first reported").
            let before = strip_adverbs(&ws[..k]);
            let after_subject = before.last().is_none_or(|p| {
                p.capitalized || p.comma_after || matches!(p.lower.as_str(), "he" | "she" | "they")
            });
            (speech_verb_at(&ws, k) || is_in(REPORTED, &ws[k].lower)) && after_subject
        })
    }
}

/// The subject of the last reporting verb of the words `ws` before a quote (which
/// opens at `end` of `text`), when nothing between the verb and the quote could be the
/// source instead. `sentence_start`: `ws` opens its sentence; `colon`: a colon stands
/// right before the quote, which a clause set off by a comma after the verb then
/// introduces on its own (`When X said ..., his deputy laughed: "..."`).
fn reporting_subject<'w>(
    text: &str,
    ws: &'w [Word],
    end: usize,
    sentence_start: bool,
    colon: bool,
) -> Option<&'w [Word]> {
    if ws.iter().any(|w| w.lower == "according") {
        return None;
    }
    let k = (0..ws.len()).rev().find(|&k| reporting_verb(ws, k))?;
    let gap = &ws[k + 1..];
    if colon
        && gap[..gap.len().saturating_sub(1)]
            .iter()
            .any(|w| w.comma_after)
    {
        return None;
    }
    if !open_gap(gap)
        || text[ws[k].range.end..end].contains(';')
        || (is_in(NEED_AS, &ws[k].lower) && !gap.iter().any(|w| w.lower == "as"))
    {
        return None;
    }
    match k.checked_sub(1).map(|p| &ws[p]) {
        // `to say`, `was called "a liar"`: no finite verb of its own.
        Some(w) if w.lower == "to" => None,
        Some(w) if is_in(PASSIVE, &w.lower) && !is_participle(&ws[k]) => None,
        // `X, says Y, is that "..."`: a parenthetical verb.
        Some(w) if w.comma_after && parenthetical_name(gap) => None,
        Some(w) if is_participle(&ws[k]) && !is_in(PASSIVE, &w.lower) => {
            participle_subject(ws, k, sentence_start)
        }
        _ => finite_subject(ws, k),
    }
}

/// The speaker a colon gives the floor to without a verb: a name after a headline and
/// a dash (`Pollsters agree - Jane Roe:`), or after an opening speech verb or "More
/// from" (`Continued Stone:`, `More from Jones:`). The name is one to four capitalised
/// words.
fn headline_name<'w>(text: &str, ws: &'w [Word]) -> Option<&'w [Word]> {
    let dash_before = |i: usize| {
        i > 0
            && text[ws[i - 1].range.end..ws[i].range.start]
                .trim()
                .starts_with(['-', '\u{2013}', '\u{2014}'])
    };
    // The run ends at the dash, so a headline in capitals is not read into the name.
    let mut run = 0;
    while run < ws.len() {
        let w = &ws[ws.len() - 1 - run];
        if !((w.capitalized && !is_possessive_word(w)) || is_in(NAME_PARTICLES, &w.lower)) {
            break;
        }
        run += 1;
        if dash_before(ws.len() - run) {
            break;
        }
    }
    if run == 0 || run > 4 || run == ws.len() {
        return None;
    }
    let name_at = ws.len() - run;
    let rest = &ws[..name_at];
    let dash = dash_before(name_at);
    let more_from = matches!(rest, [m, f] if m.lower == "more" && f.lower == "from");
    (dash || more_from).then_some(&ws[name_at..])
}

/// The speaker after a speech verb opening the sentence (`Continued Stone:`, `Said
/// Dorothy Reyes, who grew up on the street, "..."`): the noun phrase after the verb,
/// followed by nothing or by a relative clause set off by commas.
fn inverted_opening(ws: &[Word]) -> Option<&[Word]> {
    let verb = ws.first()?;
    if !verb.capitalized || !is_in(SPEECH_VERBS, &verb.lower) {
        return None;
    }
    let np = noun_phrase_after(ws, 1);
    let rest = &ws[1 + np.len()..];
    let plain = rest.is_empty()
        || (np.last().is_some_and(|w| w.comma_after)
            && is_in(RELATIVE, &rest[0].lower)
            && rest.last().is_some_and(|w| w.comma_after));
    (!np.is_empty() && plain).then_some(np)
}

/// The owner of an answer introduced by "was" (`The senator's answer was that "..."`):
/// the words before the possessive, without its "'s", when nothing else opens the
/// sentence.
fn owner_of_answer(ws: &[Word]) -> Option<Vec<Word>> {
    let n = ws.len();
    let that = usize::from(ws.last()?.lower == "that");
    let verb = n.checked_sub(1 + that)?;
    let noun = verb.checked_sub(1)?;
    let owner = noun.checked_sub(1)?;
    if !matches!(ws[verb].lower.as_str(), "was" | "is")
        || !is_in(ANSWER_NOUNS, &ws[noun].lower)
        || !is_possessive_word(&ws[owner])
    {
        return None;
    }
    let from = after_intro(ws, owner)?;
    let mut phrase = ws[from..=owner].to_vec();
    let last = phrase.last_mut()?;
    let cut = last.lower.len() - last.lower.trim_end_matches(['s', '\'', '\u{2019}']).len();
    last.range.end -= cut;
    last.lower.truncate(last.lower.len() - cut);
    Some(phrase)
}

/// Whether a quotation may be someone's words worked into reported speech: two words
/// or more, and not a title.
pub(in crate::annotate::quotes) fn worth_reporting(quoted: &str) -> bool {
    quoted
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 2
        && !is_title(quoted)
}

/// Whether a quotation of several words has every word capitalised: a title or a name
/// ("The Long Walk Home", "Make America Great Again"), not someone's words.
fn is_title(quoted: &str) -> bool {
    let mut ws = quoted
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .peekable();
    let initial = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    ws.peek().is_some() && ws.clone().nth(1).is_some() && ws.all(initial)
}

/// Whether the quote opening at `quote` is a title (see [`is_title`]).
impl Attributor<'_> {
    pub(super) fn quotes_title(&self, quote: TextPos) -> bool {
        let i = self.spans.partition_point(|s| s.start < quote);
        self.spans
            .get(i)
            .is_some_and(|s| s.start == quote && is_title(&s.text(self.blocks)))
    }
}

/// Whether the words after a speech verb hold a report of someone else's: a stance verb
/// with a subject of its own that is not a pronoun (`X said Y called it "..."`, `X said
/// officials were calling it "..."`), not one coordinated with the first (`X said ...
/// and called it`) or a participle continuing it (`X said ..., calling it`).
pub(super) fn another_report(gap: &[Word]) -> bool {
    (1..gap.len()).any(|n| {
        let w = &gap[n];
        let aux = n >= 2 && is_in(PASSIVE, &gap[n - 1].lower);
        let verb = !w.capitalized
            && (is_in(STANCE_VERBS, &w.lower) || (aux && is_in(STANCE_PARTICIPLES, &w.lower)));
        let prev = &gap[if aux { n - 2 } else { n - 1 }];
        verb && !prev.comma_after
            && !is_in(ADVERBS, &prev.lower)
            && !is_in(NOT_SUBJECT, &prev.lower)
    })
}

/// Words before a verb that do not make it a new report: conjunctions, pronouns of the
/// first speaker, relative words.
const NOT_SUBJECT: &[&str] = &[
    "and", "but", "or", "then", "he", "she", "it", "they", "we", "i", "who", "which", "that",
    "also", "later", "to",
];

/// A lower-case reporting verb at `k`: a finite speech or stance verb, or a speech or
/// stance participle.
fn reporting_verb(ws: &[Word], k: usize) -> bool {
    let w = &ws[k];
    !w.capitalized && (speech_verb_at(ws, k) || is_in(STANCE_VERBS, &w.lower) || is_participle(w))
}

fn is_participle(w: &Word) -> bool {
    is_in(SPEECH_PARTICIPLES, &w.lower) || is_in(STANCE_PARTICIPLES, &w.lower)
}

/// Whether the words between the verb and the quotation leave the verb's subject as the
/// only possible source: short, no contrast or clause of time or place, no second
/// clause coordinated after a comma, no noun of speech and no possessive right before
/// the quotation.
fn open_gap(gap: &[Word]) -> bool {
    gap.len() <= MAX_GAP
        && !gap.iter().any(|w| {
            is_in(GAP_STOPS, &w.lower) || (!w.capitalized && is_in(SPEECH_NOUNS, &w.lower))
        })
        && !gap.last().is_some_and(is_possessive_word)
        && !gap
            .windows(2)
            .any(|p| p[0].comma_after && matches!(p[1].lower.as_str(), "and" | "but" | "or"))
}

/// Whether the words after a verb open with a name set off by a comma (`, says Carl
/// Anthony, ...`): the verb is a parenthesis inside another sentence.
fn parenthetical_name(gap: &[Word]) -> bool {
    let run = gap.iter().take_while(|w| w.capitalized).count();
    run > 0 && gap[run - 1].comma_after
}

/// A possessive ("Trump's", "the organisation's"), not a contraction ("it's").
pub(super) fn is_possessive_word(w: &Word) -> bool {
    let stem = w
        .lower
        .strip_suffix("'s")
        .or_else(|| w.lower.strip_suffix("\u{2019}s"));
    stem.is_some_and(|s| !is_in(CONTRACTED, s))
}

/// Words whose "'s" is "is" or "has".
const CONTRACTED: &[&str] = &[
    "it", "that", "he", "she", "there", "what", "who", "here", "let", "where", "how",
];

/// A word that ends a subject as its verb: a reporting verb, a past form, an auxiliary.
fn verb_like(ws: &[Word], k: usize) -> bool {
    let w = &ws[k];
    !w.capitalized
        && (reporting_verb(ws, k)
            || (w.lower.ends_with("ed") && w.lower.len() > 3)
            || is_in(IRREGULAR_PAST, &w.lower)
            || is_in(AUXILIARIES, &w.lower))
}

/// The subject of the finite verb at `k`: read leftwards to a clause boundary; a verb
/// coordinated with an earlier predicate by a bare "and"/"but" takes that predicate's
/// subject; a subject that holds a verb of its own is cut after it (`X said Y called`
/// gives Y).
fn finite_subject(ws: &[Word], k: usize) -> Option<&[Word]> {
    // A progressive (`is labelling`): the subject ends before the auxiliary.
    let k = if k > 0 && is_in(PASSIVE, &ws[k - 1].lower) {
        k - 1
    } else {
        k
    };
    // `... from President Barack Obama, who called it "..."`: the name "who" follows,
    // or nobody.
    if k >= 2 && ws[k - 1].lower == "who" {
        if !ws[k - 2].comma_after {
            return None;
        }
        let run = ws[..k - 1]
            .iter()
            .rev()
            .take_while(|w| w.capitalized || is_in(NAME_PARTICLES, &w.lower))
            .count()
            .min(4);
        let name = &ws[k - 1 - run..k - 1];
        let name = match name.iter().position(|w| w.comma_after) {
            Some(c) if c + 1 < name.len() => &name[c + 1..],
            _ => name,
        };
        return (!name.is_empty()).then_some(name);
    }
    let (mut from, stop) = super::subject_start(ws, k)?;
    if let Some(s) = stop {
        if is_in(SUBORDINATORS, &ws[s].lower)
            && let Some(c) = (from..k).rev().find(|&c| ws[c].comma_after)
        {
            // `As the count dragged on, Garcia mocked`: the main clause's subject, unless
            // the subordinate clause reports someone too (`When X said ..., Y fired
            // back`): then either may be the source.
            if (s..c).any(|v| reporting_verb(ws, v)) {
                return None;
            }
            from = c + 1;
        }
        if s > 0 && matches!(ws[s].lower.as_str(), "and" | "but") {
            // `X said ... but called it "..."`: the first predicate's subject.
            if from < k && starts_noun_phrase(&ws[from]) {
                return Some(&ws[from..k]);
            }
            return main_subject(ws, s);
        }
    }
    let subject = &ws[from..k];
    // A bare "and"/"but" right before the verb: `X took the stage and called it`.
    let mut end = subject.len();
    while end > 0 && is_in(ADVERBS, &subject[end - 1].lower) {
        end -= 1;
    }
    if end > 0 && matches!(subject[end - 1].lower.as_str(), "and" | "but") {
        return main_subject(ws, from + end - 1);
    }
    let last_part = split_parts(subject).last().copied()?;
    if last_part.last().is_some_and(|w| w.comma_after) {
        return Some(subject);
    }
    let part_from = k - last_part.len();
    if let Some(v) = (part_from..k).rev().find(|&v| reporting_verb(ws, v)) {
        return Some(&ws[v + 1..k]).filter(|s| !s.is_empty());
    }
    // A last part attached to the verb after other parts (`X of Columbia, South
    // Carolina says`) may be a fragment of a name: no subject can be told.
    let parts = split_parts(subject);
    let named = parts.iter().skip_while(|p| is_intro(&p[0])).count();
    if named > 1 && is_in(RELATIVE, &last_part[0].lower) {
        // `Beck, who has in the past described`: the name before the relative clause.
        return Some(&subject[..subject.len() - last_part.len()]);
    }
    (named <= 1).then_some(subject)
}

/// The subject of the clause that ends at `end`: its words after introductory phrases
/// up to its first verb, with no clause inside.
fn main_subject(ws: &[Word], end: usize) -> Option<&[Word]> {
    let from = after_intro(ws, end)?;
    let verb = (from..end).find(|&v| verb_like(ws, v))?;
    let clause = ws[from..verb]
        .iter()
        .chain(&ws[verb..end])
        .any(|w| is_in(RELATIVE, &w.lower) || is_in(CLAUSE_STOPS, &w.lower));
    (verb > from && !clause).then(|| &ws[from..verb])
}

/// The subject of a participle set off by a comma: the subject of its main clause
/// (`X spoke on Friday, calling them "..."`), or the words before it when it follows
/// the subject directly at the start of its sentence (`X, calling him "...", left`).
fn participle_subject(ws: &[Word], p: usize, sentence_start: bool) -> Option<&[Word]> {
    if p == 0 || !ws[p - 1].comma_after {
        return None;
    }
    main_subject(ws, p).or_else(|| {
        let subject = &ws[..p];
        let plain = sentence_start
            && (1..=MAX_APPOSED).contains(&subject.len())
            && !subject[..subject.len() - 1].iter().any(|w| w.comma_after)
            && !subject
                .iter()
                .any(|w| is_in(CLAUSE_MARKERS, &w.lower) || is_in(CLAUSE_STOPS, &w.lower));
        plain.then_some(subject)
    })
}

/// Whether a free-text speaker's phrase reads as a person or body: it names someone
/// with a capital ("Sen. Smith", "the Republican candidate") or a role ("the
/// senator"), does not open with a
/// preposition or particle ("back at Labour") and does not end in a word that leaves it
/// open ("better to", "the paradox of").
fn plausible_speaker(phrase: &str) -> bool {
    let ws = words(phrase, 0..phrase.len());
    let Some(last) = ws.last() else {
        return false;
    };
    let role = is_in(DETERMINERS, &ws[0].lower) && is_in(TITLE_WORDS, &last.lower);
    // A phrase holding a verb is a clause ("President Obama wanted to admit").
    if (0..ws.len()).any(|k| verb_like(&ws, k)) {
        return false;
    }
    (role
        || ws
            .iter()
            .any(|w| w.capitalized && !is_in(DETERMINERS, &w.lower)))
        && !ws.iter().any(is_possessive_word)
        && !is_in(PREPOSITIONS, &ws[0].lower)
        && !is_in(PARTICLES, &ws[0].lower)
        && !is_in(PREPOSITIONS, &last.lower)
        && last.lower != "to"
        && !is_in(ADVERBS, &last.lower)
}
