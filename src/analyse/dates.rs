//! Dates in article text: the events an article reports, resolved against its date.
//!
//! A news report dates what it tells relative to the day it was written: "on Friday",
//! "last week", "two days after", "since late 2017". [`extract_events`] finds such
//! phrases in the plain text of an article's blocks and resolves each to a [`Period`]
//! (a day, a week, a month or a year) using the article's date, so the timeline can
//! group what every outlet reports under the day it happened rather than the day it
//! was published.
//!
//! The extractor is a small set of table-driven rules over words, not a parser of
//! English, and it is pure: text and a date in, events out. It errs on the side of
//! silence: a month name needs a day, a year or a preposition beside it ("in May",
//! not "Theresa May"), a bare number needs a unit and an anchor ("three months ago",
//! not "three months"), and vague spans ("weeks ago") are left alone. A phrase that
//! names a time but no event dates nothing: a span ("for 15 years", "over the past
//! week", "in five of the last six years"), a comparison ("the highest level since
//! 2003", "the first rise since May"), a time told from another date than the
//! article's ("a year earlier", "the previous month"), a weekday or "Today" leading a
//! name ("the Sunday Times", "Radio 4's Today programme"), and "today" and "tonight",
//! which add nothing to the article's own date and as often mean "nowadays".
//!
//! Each event found becomes a [`DatedEvent`]: the event and the anchor to link it to
//! ([`nearest_anchor`]). Grouping events into the timeline's pages is the link stage's
//! ([`crate::link::timeline`]).
//!
//! Resolution rules, each covered by the tests at the end of this file:
//! - a weekday is the most recent such day on or before the article's date, or the
//!   next one on or after it when the nearest tense marker is in the future ("will
//!   vote on Monday", "is to visit on Friday", "is expected on Sunday"); a participle
//!   after a form of "be" ("will be held") is no marker of its own; `last` and `next`
//!   exclude the article's own day;
//! - weeks run Sunday to Saturday (an article dated Sunday calls the seven days before
//!   it "last week", as newsrooms do); "last week" is the week before the article's;
//! - a month or a day without a year is the most recent one on or before the article's
//!   date (the next one in the future tense), or in the year named after it ("in
//!   October last year", "June next year");
//! - "N days/weeks/months/years ago" (also "after", as in "the vote comes two days
//!   after the strike") counts back from the article's date;
//! - a four-digit year from 1900 to 2099 alone is a year-precision event;
//! - a phrase whose date would fall outside the calendar `time` can represent (years
//!   -9999 to 9999: "tomorrow" in an article dated 9999-12-31) dates nothing, like any
//!   phrase that cannot be resolved. Every shift of a date is checked arithmetic.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use time::{Date, Duration, Month};

use crate::analyse::body::AnalysedBody;
use crate::annotate::{BlockKind, TextBlock};
use crate::text::sentences::Sentences;

/// How precisely an event is dated, from the coarsest to the finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    /// Seven days from a Sunday.
    Week,
    Day,
}

/// A part of a month or a year: "early October", "mid-December", "late 2017".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// How the event relates to the period it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// It happened in the period.
    In,
    /// It began then and goes on ("since late 2017", "for three months").
    Since,
    /// About then ("some three decades ago").
    Around,
    /// Some time before ("more than four years ago").
    Before,
}

/// A span of time an event is dated to: its first day and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The day, the Sunday a week starts on, the first of the month, or 1 January.
    pub start: Date,
    pub precision: Precision,
}

/// A dated event found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub period: Period,
    pub part: Option<Part>,
    pub relation: Relation,
    /// The sentence that reports it.
    pub text: String,
    /// Index of the block (paragraph) in the article.
    pub block: usize,
    /// Byte offset of `phrase` in the block's text.
    pub offset: usize,
    /// The words that date it ("on Friday", "since late 2017").
    pub phrase: String,
}

impl Event {
    /// The event's own date as a reader would say it: "3 January 2020", "early October
    /// 2019", "since late 2017", "around 1990".
    pub fn display(&self) -> String {
        if self.relation == Relation::Since && self.period.precision == Precision::Week {
            let s = self.period.start;
            return format!("since the week of {}", Period::day(s).display());
        }
        let base = match (self.part, self.period.precision) {
            (Some(part), Precision::Year | Precision::Month) => {
                let p = match part {
                    Part::Early => "early ",
                    Part::Mid => "mid-",
                    Part::Late => "late ",
                };
                format!("{p}{}", self.period.display())
            }
            _ => self.period.display(),
        };
        match self.relation {
            Relation::In => base,
            Relation::Since => format!("since {base}"),
            Relation::Around => format!("around {base}"),
            Relation::Before => format!("before {base}"),
        }
    }

    /// Orders events within a period: by part, then relation.
    pub fn sort_key(&self) -> (Period, Option<Part>, Relation) {
        (self.period, self.part, self.relation)
    }
}

impl Period {
    pub fn day(date: Date) -> Period {
        Period {
            start: date,
            precision: Precision::Day,
        }
    }

    /// The week (Sunday to Saturday) that contains `date`; `None` when its Sunday is
    /// before the first representable day.
    pub fn week_of(date: Date) -> Option<Period> {
        let back = date.weekday().number_days_from_sunday();
        Some(Period {
            start: shift_days(date, -i64::from(back))?,
            precision: Precision::Week,
        })
    }

    /// The month `month` (1-12) of `year`.
    pub fn month(year: i32, month: u8) -> Option<Period> {
        let m = Month::try_from(month).ok()?;
        Some(Period {
            start: Date::from_calendar_date(year, m, 1).ok()?,
            precision: Precision::Month,
        })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            start: Date::from_calendar_date(year, Month::January, 1).ok()?,
            precision: Precision::Year,
        })
    }

    /// The last day of the period: for the last week of the calendar, its last
    /// representable day.
    pub fn end(&self) -> Date {
        match self.precision {
            Precision::Day => self.start,
            Precision::Week => self.start.saturating_add(Duration::days(6)),
            Precision::Month => {
                let (y, m) = (self.start.year(), self.start.month());
                Date::from_calendar_date(y, m, m.length(y)).unwrap_or(self.start)
            }
            Precision::Year => Date::from_calendar_date(self.start.year(), Month::December, 31)
                .unwrap_or(self.start),
        }
    }

    /// A unique, URL-safe key: `2020-01-03`, `2019-12-29-week`, `2019-10`, `2014`.
    pub fn key(&self) -> String {
        match self.precision {
            Precision::Day => self.start.to_string(),
            Precision::Week => format!("{}-week", self.start),
            Precision::Month => format!(
                "{:04}-{:02}",
                self.start.year(),
                u8::from(self.start.month())
            ),
            Precision::Year => format!("{:04}", self.start.year()),
        }
    }

    /// A value for `<time datetime>`: a date, a month, a year, or a week's first day.
    pub fn datetime(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => self.start.to_string(),
            _ => self.key(),
        }
    }

    /// "3 January 2020", "29 December 2019 – 4 January 2020", "October 2019", "2014".
    pub fn display(&self) -> String {
        let s = self.start;
        match self.precision {
            Precision::Day => format!("{} {} {}", s.day(), s.month(), s.year()),
            Precision::Week => {
                let e = self.end();
                if s.year() != e.year() {
                    format!(
                        "{} {} {} – {} {} {}",
                        s.day(),
                        s.month(),
                        s.year(),
                        e.day(),
                        e.month(),
                        e.year()
                    )
                } else if s.month() != e.month() {
                    format!(
                        "{} {} – {} {} {}",
                        s.day(),
                        s.month(),
                        e.day(),
                        e.month(),
                        e.year()
                    )
                } else {
                    format!("{}–{} {} {}", s.day(), e.day(), s.month(), s.year())
                }
            }
            Precision::Month => format!("{} {}", s.month(), s.year()),
            Precision::Year => s.year().to_string(),
        }
    }

    /// A two-line label for a chart axis: ("3 Jan", "2020"), ("Oct", "2019"), ("2014", "").
    pub fn short_label(&self) -> (String, String) {
        let s = self.start;
        let abbr = |d: Date| {
            let mut name = d.month().to_string();
            name.truncate(3);
            name
        };
        match self.precision {
            Precision::Day => (format!("{} {}", s.day(), abbr(s)), s.year().to_string()),
            Precision::Week => (format!("wk {} {}", s.day(), abbr(s)), s.year().to_string()),
            Precision::Month => (abbr(s), s.year().to_string()),
            Precision::Year => (s.year().to_string(), String::new()),
        }
    }
}

/// Whether events in blocks of this kind belong on the timeline. Headings repeat the
/// text, captions date photographs and footnotes are the editor's.
fn reports_events(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::ListItem | BlockKind::BlockQuote | BlockKind::TableCell
    )
}

/// Finds the dated events in an article's blocks, resolved against `article_date`.
/// Events come in document order; a sentence that names two dates gives two events.
///
/// An article is placed once on each date it reports: a later sentence dated to the
/// same period, part and relation as an earlier one ("voted on Sunday" in the lead,
/// "the vote on Sunday" further down) tells more of the same event, and the first
/// mention, which introduces it, stands for both. Different periods, or "since" and
/// "in" the same year, stay separate events.
pub fn extract_events(
    blocks: &[TextBlock],
    sentences: &[Sentences],
    article_date: Date,
) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for (bi, block) in blocks.iter().enumerate() {
        if !reports_events(block.kind) {
            continue;
        }
        let lowered = block.text.to_ascii_lowercase();
        for span in sentences[bi].spans() {
            let sentence = &block.text[span.clone()];
            for found in find_dates_in(sentence, &lowered[span.clone()], article_date) {
                if !placed.insert((found.period, found.part, found.relation)) {
                    continue;
                }
                events.push(Event {
                    period: found.period,
                    part: found.part,
                    relation: found.relation,
                    text: sentence.trim().to_string(),
                    block: bi,
                    offset: span.start + found.range.start,
                    phrase: sentence[found.range].to_string(),
                });
            }
        }
    }
    events
}

/// An event on the timeline and where to link it: the nearest mention or quote anchor.
#[derive(Debug, Clone)]
pub struct DatedEvent {
    pub event: Event,
    pub anchor: Option<String>,
}

/// The anchor (`m-N` or `q-N`) in block `block` of an analysed article nearest to byte
/// `offset`: the place to link an event to. `None` when the block has neither. Mentions
/// and quotes are in document order, so only the block's own are read.
pub fn nearest_anchor(body: &AnalysedBody, block: usize, offset: usize) -> Option<&str> {
    let text = body.blocks.get(block)?.text.as_str();
    let mentions = &body.mentions[body.mentions.partition_point(|m| m.block < block)..];
    let quotes = &body.quotes[body.quotes.partition_point(|q| q.block < block)..];
    let mentions = mentions
        .iter()
        .take_while(|m| m.block == block)
        .map(|m| (m.at.start, m.anchor.as_str()));
    // A quote is placed where its first words are.
    let quotes = quotes
        .iter()
        .take_while(|q| q.block == block)
        .filter(|q| !q.is_term && !q.anchor.is_empty())
        .map(|q| {
            let probe = q
                .text
                .char_indices()
                .nth(24)
                .map_or(q.text.len(), |(i, _)| i);
            let pos = text.find(&q.text[..probe]).unwrap_or(0);
            (pos, q.anchor.as_str())
        });
    mentions
        .chain(quotes)
        .min_by_key(|&(pos, _)| pos.abs_diff(offset))
        .map(|(_, a)| a)
}

/// A date phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range of the phrase in the sentence.
    pub range: Range<usize>,
    pub period: Period,
    pub part: Option<Part>,
    pub relation: Relation,
}

struct Token<'a> {
    range: Range<usize>,
    text: &'a str,
    /// Borrowed unless the word has non-ASCII capitals (see [`tokenize`]).
    lower: std::borrow::Cow<'a, str>,
}

/// Splits a sentence into words (runs of letters and digits). `lowered` is the sentence
/// with ASCII letters lowercased, so that a word's lowercase is a slice of it rather than
/// an allocation: only a non-ASCII word with capitals needs one.
fn tokenize<'a>(s: &'a str, lowered: &'a str) -> Vec<Token<'a>> {
    // A word and the space after it take five bytes or more: room for them all at once.
    let mut tokens = Vec::with_capacity(s.len() / 4);
    let mut start: Option<usize> = None;
    let mut ascii = true;
    let mut i = 0;
    while i <= s.len() {
        // Bytes, not chars: most text is ASCII and needs no decoding.
        let (alphanumeric, width) = match s.as_bytes().get(i) {
            None => (false, 1),
            Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            Some(_) => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        if alphanumeric {
            start.get_or_insert(i);
            ascii &= width == 1;
        } else if let Some(st) = start.take() {
            let text = &s[st..i];
            let lower = if ascii || !text.chars().any(char::is_uppercase) {
                std::borrow::Cow::Borrowed(&lowered[st..i])
            } else {
                std::borrow::Cow::Owned(text.to_lowercase())
            };
            tokens.push(Token {
                range: st..i,
                text,
                lower,
            });
            ascii = true;
        }
        i += width;
    }
    tokens
}

/// Whether the article's text talks about the past or the future around a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Words that tell of the past without ending in "-ed": irregular past forms and
/// participles, and "ago". Matched by `matches!`, which compares a word with few of
/// them rather than each in turn: the test is made on most words of a dated sentence.
fn is_past_word(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "met"
            | "came"
            | "took"
            | "left"
            | "went"
            | "began"
            | "fled"
            | "held"
            | "made"
            | "gave"
            | "saw"
            | "fought"
            | "flew"
            | "struck"
            | "spoke"
            | "wrote"
            | "ago"
            | "sent"
            | "led"
            | "won"
            | "lost"
            | "hit"
            | "shot"
            | "ran"
            | "became"
            | "brought"
            | "thought"
            | "felt"
            | "spent"
            | "paid"
            | "sold"
            | "bought"
            | "found"
            | "kept"
            | "heard"
            | "knew"
            | "grew"
            | "rose"
            | "fell"
            | "stood"
            | "chose"
            | "broke"
            | "built"
            | "caught"
            | "sought"
            | "taught"
            | "drew"
            | "threw"
            | "wore"
            | "forgot"
            | "froze"
            | "hung"
            | "laid"
            | "meant"
            | "rode"
            | "sang"
            | "sank"
            | "slept"
            | "stole"
            | "swore"
            | "tore"
            | "woke"
            | "done"
            | "gone"
            | "seen"
            | "taken"
            | "given"
            | "known"
            | "shown"
    )
}

/// Words ending in "-ed" that are not past forms.
fn is_not_past(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "needed"
            | "speed"
            | "feed"
            | "bleed"
            | "proceed"
            | "exceed"
            | "succeed"
            | "indeed"
            | "red"
            | "bed"
            | "hundred"
            | "seed"
            | "breed"
            | "creed"
            | "greed"
            | "weed"
            | "shed"
    )
}

/// Words that tell of what is to come.
fn is_future_word(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "ll"
            | "tomorrow"
            | "due"
            | "scheduled"
            | "upcoming"
            | "forthcoming"
            | "expected"
            | "planned"
            | "planning"
            | "plans"
            | "intends"
            | "poised"
    )
}

/// Words after which a past form carries no tense of its own: forms of "be" before a
/// participle ("will be held", "has been delayed", "is scheduled"), where the word
/// before says when, and determiners before an adjective ("the flooded towns"). After
/// "has" or "have" it does: "has confirmed on Monday" tells of the past.
fn no_tense_after(w: &str) -> bool {
    matches!(
        w,
        "be" | "been"
            | "being"
            | "is"
            | "are"
            | "am"
            | "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
    )
}

/// The tense that token `k` marks, if any: a future word ("will", "due"), "to" after a
/// form of "be" or "set" ("is to play", "set to open"), or a past form that is not a
/// participle or an adjective (see [`no_tense_after`]).
fn tense_marker(tokens: &[Token<'_>], k: usize) -> Option<Tense> {
    let w = tokens[k].lower.as_ref();
    let before = k.checked_sub(1).map(|b| tokens[b].lower.as_ref());
    if is_future_word(w) || (w == "to" && matches!(before, Some("is" | "are" | "am" | "set"))) {
        return Some(Tense::Future);
    }
    let past = is_past_word(w)
        || (w.len() >= 4
            && w.ends_with("ed")
            && !is_not_past(w)
            && w.chars().all(|c| c.is_alphabetic()));
    let participle = before.is_some_and(no_tense_after);
    (past && !participle).then_some(Tense::Past)
}

/// The tense of the nearest tense marker to token `at`, if the sentence has one. The
/// nearest wins, and one before the date wins over one as near after it: the search
/// goes outwards from the date and usually stops within a few words.
fn marked_tense_at(tokens: &[Token<'_>], at: usize) -> Option<Tense> {
    (1..tokens.len())
        .flat_map(|d| [at.checked_sub(d), Some(at + d)])
        .filter_map(|k| k.filter(|&k| k < tokens.len()))
        .find_map(|k| tense_marker(tokens, k))
}

/// The tense at token `at`: that of the nearest tense marker, past by default (a
/// report mostly tells what happened).
fn tense_at(tokens: &[Token<'_>], at: usize) -> Tense {
    marked_tense_at(tokens, at).unwrap_or(Tense::Past)
}

fn month_number(word: &str) -> Option<(u8, bool)> {
    if let Ok(month) = word.parse::<Month>() {
        return Some((u8::from(month), false));
    }
    let abbr = [
        ("Jan", 1),
        ("Feb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Jun", 6),
        ("Jul", 7),
        ("Aug", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Oct", 10),
        ("Nov", 11),
        ("Dec", 12),
    ];
    abbr.iter()
        .find(|(a, _)| *a == word)
        .map(|&(_, n)| (n, true))
}

fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.chars().all(|c| c.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

fn count_number(word: &str) -> Option<i64> {
    const WORDS: &[(&str, i64)] = &[
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
    ];
    if let Some(&(_, n)) = WORDS.iter().find(|(w, _)| *w == word) {
        return Some(n);
    }
    if word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit()) {
        return word.parse().ok().filter(|&n| n > 0);
    }
    None
}

/// Nouns after which a four-digit number is a count, not a year.
const COUNTED: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "protesters",
    "dead",
    "deaths",
    "km",
    "miles",
    "metres",
    "meters",
    "dollars",
    "euros",
    "pounds",
    "members",
    "votes",
    "seats",
    "sites",
    "times",
];

/// `date` moved by `days` (back when negative); `None` outside the calendar.
fn shift_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Duration::days(days))
}

fn add_months(date: Date, months: i64) -> Option<Period> {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    Period::month(
        i32::try_from(total.div_euclid(12)).ok()?,
        u8::try_from(total.rem_euclid(12) + 1).ok()?,
    )
}

/// "last year", "this year" or "next year", also "of last year", right after token `k`:
/// the year it names and the phrase's last token.
fn relative_year_after(
    s: &str,
    tokens: &[Token<'_>],
    k: usize,
    article: Date,
) -> Option<(i32, usize)> {
    let word = |j: usize| {
        tokens
            .get(j)
            .filter(|_| is_space(gap(s, tokens, j)))
            .map(|t| t.lower.as_ref())
    };
    let mut j = k + 1;
    if word(j) == Some("of") {
        j += 1;
    }
    let step = match word(j)? {
        "last" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    (word(j + 1)? == "year").then_some((article.year() + step, j + 1))
}

/// The day `day` of `month`, whose words start at token `at` and end at token `k`: in
/// the year written after it ("3 January 2020", "January 3, 2020") or named there ("on
/// 30 September last year"), else the one the tense points to. Returns the day and the
/// phrase's last token.
fn dated_day(
    s: &str,
    tokens: &[Token<'_>],
    at: usize,
    k: usize,
    month: u8,
    day: u8,
    article: Date,
) -> Option<(Period, usize)> {
    let written = tokens
        .get(k + 1)
        .filter(|_| matches!(gap(s, tokens, k + 1), " " | ", "))
        .and_then(|y| year_number(y.text))
        .map(|y| (y, k + 1));
    match written.or_else(|| relative_year_after(s, tokens, k, article)) {
        Some((year, last)) => {
            let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
            Some((Period::day(date), last))
        }
        None => Some((infer_day(month, day, article, tense_at(tokens, at))?, k)),
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A month (1-12) without a year: the latest on or before the article's month in the
/// past tense, the earliest on or after it in the future.
fn infer_month(month: u8, article: Date, tense: Tense) -> Option<Period> {
    let current = u8::from(article.month());
    let year = match tense {
        Tense::Past if month > current => article.year() - 1,
        Tense::Future if month < current => article.year() + 1,
        _ => article.year(),
    };
    Period::month(year, month)
}

fn infer_day(month: u8, day: u8, article: Date, tense: Tense) -> Option<Period> {
    let m = Month::try_from(month).ok()?;
    let this_year = Date::from_calendar_date(article.year(), m, day).ok();
    let date = match (tense, this_year) {
        (Tense::Past, Some(d)) if d <= article => d,
        (Tense::Past, _) => Date::from_calendar_date(article.year() - 1, m, day).ok()?,
        (Tense::Future, Some(d)) if d >= article => d,
        (Tense::Future, _) => Date::from_calendar_date(article.year() + 1, m, day).ok()?,
    };
    Some(Period::day(date))
}

/// Whether some rule of [`match_at`] could match in `sentence` (`lowered` is the same
/// with ASCII letters lowercased): every rule needs a digit, a capitalised month name
/// or abbreviation, or, in any case, "day" (also in weekdays, "today", "yesterday"),
/// "week", "month", "year", "decade", "tonight" or "tomorrow". Most sentences have
/// none, and these searches cost far less than splitting them into words. The Kelvin
/// sign is searched for because it lowercases to an ASCII "k", as in "week".
fn may_have_date(sentence: &str, lowered: &str) -> bool {
    // Leftmost-first searches, unlike standard ones, can use vectorised search.
    fn searcher(patterns: &[&str]) -> AhoCorasick {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(patterns)
            .expect("fixed patterns")
    }
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        searcher(&[
            "day", "week", "month", "year", "decade", "tonight", "tomorrow", "\u{212A}",
        ])
    });
    static DIGITS: LazyLock<AhoCorasick> =
        LazyLock::new(|| searcher(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]));
    static MONTHS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        searcher(&[
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ])
    });
    WORDS.is_match(lowered) || DIGITS.is_match(sentence) || MONTHS.is_match(sentence)
}

/// Whether some rule of [`match_at`] can start at `t`: a number, a capitalised word
/// (months and weekdays), or one of the few lowercase words a rule starts with. Most
/// words are none of these, and this is far cheaper than trying the rules.
fn may_start_date(t: &Token<'_>) -> bool {
    match t.text.as_bytes()[0] {
        b'0'..=b'9' | b'A'..=b'Z' => true,
        _ => {
            matches!(
                t.lower.as_ref(),
                "yesterday" | "today" | "tonight" | "tomorrow" | "week" | "month" | "year"
            ) || count_number(&t.lower).is_some()
        }
    }
}

/// Finds the date phrases of one sentence, in order, resolved against `article`.
pub fn find_dates(sentence: &str, article: Date) -> Vec<FoundDate> {
    find_dates_in(sentence, &sentence.to_ascii_lowercase(), article)
}

/// [`find_dates`] given the sentence with ASCII letters lowercased, which a caller
/// with many sentences makes once for all of them.
fn find_dates_in(sentence: &str, lowered: &str, article: Date) -> Vec<FoundDate> {
    if !may_have_date(sentence, lowered) {
        return Vec::new();
    }
    let tokens = tokenize(sentence, lowered);
    let mut found = Vec::new();
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i < tokens.len() {
        if may_start_date(&tokens[i])
            && let Some((end, f)) = match_at(sentence, &tokens, i, article, last_end)
        {
            found.extend(f);
            last_end = Some(end);
            i = end + 1;
        } else {
            i += 1;
        }
    }
    found
}

/// Text between token `i - 1` and token `i`.
fn gap<'a>(s: &'a str, tokens: &[Token<'_>], i: usize) -> &'a str {
    if i == 0 || i >= tokens.len() {
        return "";
    }
    &s[tokens[i - 1].range.end..tokens[i].range.start]
}

fn is_space(g: &str) -> bool {
    !g.is_empty() && g.chars().all(char::is_whitespace)
}

/// Whether "since" at token `since` ends a comparison rather than dating when something
/// began: "the highest level since 2003", "for the first time since May", "its fifth
/// deal since October". A superlative or an ordinal after a determiner up to six words
/// before it says so.
fn compares_since(tokens: &[Token<'_>], since: usize, floor: usize) -> bool {
    const DETERMINERS: &[&str] = &["the", "its", "their", "his", "her", "our", "my", "your"];
    const RANKS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "only", "best", "worst", "most", "least",
    ];
    let lowest = since.saturating_sub(6).max(floor + 1);
    (lowest..since).any(|k| {
        let w = tokens[k].lower.as_ref();
        let ranked = RANKS.contains(&w) || (w.len() >= 5 && w.ends_with("est"));
        ranked && DETERMINERS.contains(&tokens[k - 1].lower.as_ref())
    })
}

/// Looks back from token `i` (exclusive) for a part ("early", "mid-", "the start of")
/// and a relation ("since", "around"), returning the first token of the phrase.
fn look_back(
    s: &str,
    tokens: &[Token<'_>],
    i: usize,
    floor: usize,
) -> (usize, Option<Part>, Relation, bool) {
    let word = |k: usize| tokens[k].lower.as_ref();
    let joined = |k: usize| {
        let g = gap(s, tokens, k + 1);
        is_space(g) || g == "-"
    };
    let mut first = i;
    let mut part = None;
    if first > floor && joined(first - 1) {
        match word(first - 1) {
            "early" => part = Some(Part::Early),
            "mid" => part = Some(Part::Mid),
            "late" => part = Some(Part::Late),
            _ => {}
        }
        if part.is_some() {
            first -= 1;
        } else if word(first - 1) == "of" && first >= floor + 2 && joined(first - 2) {
            // "the start of December", "the end of 2019".
            part = match word(first - 2) {
                "start" | "beginning" => Some(Part::Early),
                "middle" => Some(Part::Mid),
                "end" => Some(Part::Late),
                _ => None,
            };
            if part.is_some() {
                first -= 2;
                if first > floor && joined(first - 1) && word(first - 1) == "the" {
                    first -= 1;
                }
            }
        }
    }
    let mut cue = part.is_some();
    if !cue && first > floor && joined(first - 1) && word(first - 1) == "of" {
        // "the events of January".
        first -= 1;
        cue = true;
    }
    let mut relation = Relation::In;
    if first > floor && joined(first - 1) {
        match word(first - 1) {
            "since" => {
                relation = Relation::Since;
                first -= 1;
                cue = true;
            }
            "around" | "about" | "circa" | "approximately" => {
                relation = Relation::Around;
                first -= 1;
                cue = true;
            }
            "before" => {
                relation = Relation::Before;
                first -= 1;
                cue = true;
            }
            "in" | "on" | "by" | "during" | "from" | "until" | "till" | "through"
            | "throughout" | "after" | "at" | "between" => {
                first -= 1;
                cue = true;
            }
            _ => {}
        }
    }
    (first, part, relation, cue)
}

/// Tries every rule at token `i`; returns the last token used and the date, or no date
/// for a phrase that names a time but no event: a duration ("for 15 years", "over the
/// past week"), a comparison ("the highest since 2003"), a time told relative to
/// another ("a year earlier", "the previous month"), a figurative "today".
fn match_at(
    s: &str,
    tokens: &[Token<'_>],
    i: usize,
    article: Date,
    last_end: Option<usize>,
) -> Option<(usize, Option<FoundDate>)> {
    let floor = last_end.map_or(0, |e| e + 1);
    let t = &tokens[i];
    let range = |first: usize, last: usize| tokens[first].range.start..tokens[last].range.end;
    let found = |first: usize, last: usize, period, part, relation| {
        if relation == Relation::Since && compares_since(tokens, first, floor) {
            return Some((last, None));
        }
        Some((
            last,
            Some(FoundDate {
                range: range(first, last),
                period,
                part,
                relation,
            }),
        ))
    };
    let undated = |last: usize| Some((last, None));

    // A day before a month: "3 January", "3 January 2020".
    if let Some(day) = day_number(t.text)
        && let Some(next) = tokens.get(i + 1)
        && is_space(gap(s, tokens, i + 1))
        && let Some((month, _)) = month_number(next.text)
    {
        let (first, _, relation, _) = look_back(s, tokens, i, floor);
        let (period, last) = dated_day(s, tokens, i, i + 1, month, day, article)?;
        return found(first, last, period, None, relation);
    }

    // A month: "January 3", "January 3, 2020", "Jan. 3", "January 2020", "in January".
    if let Some((month, abbreviated)) = month_number(t.text) {
        let g1 = gap(s, tokens, i + 1);
        let day = tokens
            .get(i + 1)
            .filter(|_| is_space(g1) || (abbreviated && g1 == ". "))
            .and_then(|d| day_number(d.text));
        if let Some(day) = day {
            let (first, _, relation, _) = look_back(s, tokens, i, floor);
            let (period, last) = dated_day(s, tokens, i, i + 1, month, day, article)?;
            return found(first, last, period, None, relation);
        }
        let year = tokens
            .get(i + 1)
            .filter(|_| is_space(g1) || (abbreviated && g1 == ". "))
            .and_then(|y| year_number(y.text));
        let (first, part, relation, cue) = look_back(s, tokens, i, floor);
        // "October and November": a month right after another date needs no cue.
        let follows_date = last_end.is_some_and(|e| {
            e + 2 == i
                && matches!(
                    tokens[i - 1].lower.as_ref(),
                    "and" | "or" | "to" | "through"
                )
        });
        if let Some(y) = year {
            return found(first, i + 1, Period::month(y, month)?, part, relation);
        }
        // "in October last year", "June next year": but not "Theresa May last year".
        let after_name = i > 0 && is_space(gap(s, tokens, i)) && starts_upper(tokens[i - 1].text);
        if !abbreviated
            && (cue || follows_date || !after_name)
            && let Some((y, last)) = relative_year_after(s, tokens, i, article)
        {
            return found(first, last, Period::month(y, month)?, part, relation);
        }
        if !abbreviated && (cue || follows_date) {
            let period = infer_month(month, article, tense_at(tokens, i))?;
            return found(first, i, period, part, relation);
        }
        return None;
    }

    // A weekday: "on Friday", "last Tuesday", "Sunday's vote".
    if let Some(wd) = WEEKDAYS.iter().position(|&w| w == t.text) {
        let prev = if i > floor && is_space(gap(s, tokens, i)) {
            tokens[i - 1].lower.as_ref()
        } else {
            ""
        };
        if matches!(prev, "good" | "black" | "cyber") {
            return None;
        }
        let cued = matches!(
            prev,
            "last" | "previous" | "next" | "coming" | "this" | "on" | "since" | "until"
        );
        // "the Sunday Times", "Saturday Night Live": a weekday leading a name, unless
        // a cue says it is a day ("on Sunday Mr Blair said").
        if !cued
            && let Some(next) = tokens.get(i + 1)
            && is_space(gap(s, tokens, i + 1))
            && starts_upper(next.text)
            && month_number(next.text).is_none()
        {
            return None;
        }
        let target = wd as i64;
        let today = i64::from(article.weekday().number_days_from_sunday());
        let back = (today - target).rem_euclid(7);
        let ahead = (target - today).rem_euclid(7);
        let offset = match prev {
            "last" => -(if back == 0 { 7 } else { back }),
            "previous" => return undated(i),
            "next" | "coming" => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            _ => match tense_at(tokens, i) {
                Tense::Past => -back,
                Tense::Future => ahead,
            },
        };
        let first = if cued || prev == "by" { i - 1 } else { i };
        let relation = if prev == "since" {
            Relation::Since
        } else {
            Relation::In
        };
        let period = Period::day(shift_days(article, offset)?);
        return found(first, i, period, None, relation);
    }

    // Yesterday and tomorrow. "Today" and "tonight" add nothing to the article's own
    // date, and "today" is as often "nowadays" ("music in Britain today").
    let shift = match t.lower.as_ref() {
        "yesterday" => Some(-1),
        "today" | "tonight" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(days) = shift {
        // Capitalised within a sentence, it is a name: "Radio 4's Today programme".
        if days == 0 || (starts_upper(t.text) && i > 0 && is_space(gap(s, tokens, i))) {
            return undated(i);
        }
        let period = Period::day(shift_days(article, days)?);
        return found(i, i, period, None, Relation::In);
    }

    // "last week", "this month", "next year"; "the past week" and "the next year" are
    // spans, and "the previous month" is told from another date.
    if matches!(t.lower.as_ref(), "week" | "month" | "year")
        && i > floor
        && is_space(gap(s, tokens, i))
    {
        let word = |k: usize| tokens[k].lower.as_ref();
        let the = i >= floor + 2 && word(i - 2) == "the";
        let step = match word(i - 1) {
            "past" | "previous" => return undated(i),
            "last" | "next" | "coming" if the => return undated(i),
            "last" => -1,
            "this" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        let period = match t.lower.as_ref() {
            "week" => Period::week_of(shift_days(article, 7 * step)?)?,
            "month" => add_months(article, step)?,
            _ => Period::year(article.year() + step as i32)?,
        };
        return found(i - 1, i, period, None, Relation::In);
    }

    // "three months ago", "two days after", "some three decades ago"; "for three
    // months" and "over the past two weeks" are spans, "a year earlier" is told from
    // another date.
    if let Some(n) = count_number(&t.lower)
        && let Some(unit) = tokens.get(i + 1)
        && is_space(gap(s, tokens, i + 1))
    {
        let unit = unit.lower.trim_end_matches('s');
        if !matches!(unit, "day" | "week" | "month" | "year" | "decade") {
            return None;
        }
        let after = tokens
            .get(i + 2)
            .filter(|_| is_space(gap(s, tokens, i + 2)))
            .map(|t| t.lower.as_ref());
        let word = |k: usize| -> &str {
            if k >= floor && k < tokens.len() {
                tokens[k].lower.as_ref()
            } else {
                ""
            }
        };
        let span = i > floor
            && (word(i - 1) == "for"
                || (matches!(word(i - 1), "past" | "last" | "next")
                    && i >= floor + 2
                    && word(i - 2) == "the"));
        match after {
            _ if span => return undated(i + 1),
            Some("earlier" | "before" | "later") => return undated(i + 2),
            Some("ago" | "after") => {}
            _ => return None,
        }
        let (mut first, mut relation) = (i, Relation::In);
        if i > floor {
            match word(i - 1) {
                "some" | "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" => {
                    (first, relation) = (i - 1, Relation::Around)
                }
                "than" if i >= floor + 2 && word(i - 2) == "more" => {
                    (first, relation) = (i - 2, Relation::Before)
                }
                _ => {}
            }
        }
        let period = match unit {
            "day" => Period::day(shift_days(article, -n)?),
            "week" => Period::week_of(shift_days(article, -7 * n)?)?,
            "month" => add_months(article, -n)?,
            "year" => Period::year(article.year() - n as i32)?,
            _ => {
                if relation == Relation::In {
                    relation = Relation::Around;
                }
                Period::year(article.year() - 10 * n as i32)?
            }
        };
        return found(first, i + 2, period, None, relation);
    }

    // A year alone: "in 2014", "since late 2017", "the 2014 bill", "2014-2017".
    if let Some(y) = year_number(t.text) {
        let before = gap(s, tokens, i);
        if before.ends_with(['$', '£', '€', '#']) {
            return None;
        }
        let after = s[t.range.end..].chars().next();
        if matches!(after, Some('%')) {
            return None;
        }
        if let Some(next) = tokens.get(i + 1)
            && is_space(gap(s, tokens, i + 1))
            && COUNTED.contains(&next.lower.as_ref())
        {
            return None;
        }
        let (first, part, relation, _) = look_back(s, tokens, i, floor);
        return found(first, i, Period::year(y)?, part, relation);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Sunday 5 January 2020, the day of the vote.
    const ARTICLE: Date = date!(2020 - 01 - 05);

    fn resolve(sentence: &str) -> Vec<(String, String)> {
        resolve_at(sentence, ARTICLE)
    }

    /// The phrases of `sentence` and their dates, in an article dated `article`.
    fn resolve_at(sentence: &str, article: Date) -> Vec<(String, String)> {
        find_dates(sentence, article)
            .into_iter()
            .map(|f| {
                let event = Event {
                    period: f.period,
                    part: f.part,
                    relation: f.relation,
                    text: String::new(),
                    block: 0,
                    offset: 0,
                    phrase: String::new(),
                };
                (sentence[f.range].to_string(), event.display())
            })
            .collect()
    }

    #[test]
    fn resolves_date_phrases() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Weekdays: past tense, the most recent on or before the article's day.
            (
                "The airstrike took place in the early hours of Friday.",
                &[("Friday", "3 January 2020")],
            ),
            (
                "Parliament voted on Sunday to expel the troops.",
                &[("on Sunday", "5 January 2020")],
            ),
            (
                "The nonbinding resolution passed Sunday demanded an end.",
                &[("Sunday", "5 January 2020")],
            ),
            (
                "He repeated his call on Saturday during a funeral.",
                &[("on Saturday", "4 January 2020")],
            ),
            (
                "He was meeting with Soleimani on Tuesday.",
                &[("on Tuesday", "31 December 2019")],
            ),
            (
                "They met last Sunday.",
                &[("last Sunday", "29 December 2019")],
            ),
            // Future tense looks ahead.
            (
                "Parliament will vote on Tuesday.",
                &[("on Tuesday", "7 January 2020")],
            ),
            (
                "The funeral is next Sunday.",
                &[("next Sunday", "12 January 2020")],
            ),
            // Weeks run Sunday to Saturday.
            (
                "Last week's attack ratcheted up tensions.",
                &[("Last week", "29 December 2019 – 4 January 2020")],
            ),
            (
                "Protests erupted at the embassy last week.",
                &[("last week", "29 December 2019 – 4 January 2020")],
            ),
            (
                "It happened earlier this week.",
                &[("this week", "5–11 January 2020")],
            ),
            // Explicit dates.
            (
                "Soleimani died on January 3 under the command of President Trump.",
                &[("on January 3", "3 January 2020")],
            ),
            (
                "The protest was on December 31.",
                &[("on December 31", "31 December 2019")],
            ),
            (
                "It was signed on 3 January 2020 in Baghdad.",
                &[("on 3 January 2020", "3 January 2020")],
            ),
            (
                "It was signed on Jan. 3, 2019.",
                &[("on Jan. 3, 2019", "3 January 2019")],
            ),
            (
                "Trump at a rally in January 2020.",
                &[("in January 2020", "January 2020")],
            ),
            // Months without a day.
            (
                "He resigned in November amid street protests.",
                &[("in November", "November 2019")],
            ),
            (
                "They have protested since early October.",
                &[("since early October", "since early October 2019")],
            ),
            (
                "Mahdi resigned at the start of December.",
                &[("at the start of December", "early December 2019")],
            ),
            (
                "Talks are planned for mid-March.",
                &[("mid-March", "mid-March 2020")],
            ),
            // Counted spans.
            (
                "The vote comes two days after a US airstrike killed Soleimani.",
                &[("two days after", "3 January 2020")],
            ),
            (
                "It echoed the founder's death, some three decades ago.",
                &[("some three decades ago", "around 1990")],
            ),
            (
                "Troops were sent more than four years ago.",
                &[("more than four years ago", "before 2016")],
            ),
            (
                "It was decided yesterday.",
                &[("yesterday", "4 January 2020")],
            ),
            // Years alone.
            (
                "Protests have continued since late 2017.",
                &[("since late 2017", "since late 2017")],
            ),
            (
                "Iraq lived without foreign forces between 2011 and 2014.",
                &[("between 2011", "2011"), ("2014", "2014")],
            ),
            (
                "They fought side by side in Iraq's 2014-2017 war.",
                &[("2014", "2014"), ("2017", "2017")],
            ),
            ("Lawmakers voted to end a 2014 bill.", &[("2014", "2014")]),
            (
                "Between October and November, crowds grew.",
                &[
                    ("Between October", "October 2019"),
                    ("November", "November 2019"),
                ],
            ),
        ];
        for (sentence, expected) in cases {
            let got = resolve(sentence);
            let want: Vec<(String, String)> = expected
                .iter()
                .map(|(p, d)| (p.to_string(), d.to_string()))
                .collect();
            assert_eq!(got, want, "in {sentence:?}");
        }
    }

    #[test]
    fn leaves_non_dates_alone() {
        for sentence in [
            "Theresa May spoke to the press.",
            "The US has 5,000 troops in Iraq.",
            "It would strike 52 Iranian sites.",
            "Marchers took to the streets.",
            "Despite the internal and external difficulties that we may face.",
            "Gripped only weeks ago by protests.",
            "For months, nothing changed.",
            "About 2000 people marched.",
            "The three-month deadline passed.",
            "Good Friday is a holiday.",
            "Rallies lasted three months.",
        ] {
            assert_eq!(resolve(sentence), vec![], "in {sentence:?}");
        }
    }

    /// Spans of time, comparisons, times told from another date, names and "today":
    /// phrases that name a time but date no event.
    #[test]
    fn phrases_that_date_no_event() {
        for sentence in [
            "For three months, rallies have condemned the ruling class.",
            "Tensions grew over the past two weeks.",
            "She has run the bakery for 15 years.",
            "The party has lost ground in five of the last six years.",
            "The last week of the campaign was bitter.",
            "Prices are at their highest level since 2003.",
            "It was the first rise since October.",
            "Profit rose to £5m from £4m a year earlier.",
            "Sales were higher than the previous year.",
            "He told the Sunday Times that he would stay.",
            "She spoke on Radio 4's Today programme.",
            "Today our schools are half empty.",
            "The vote was held today.",
        ] {
            assert_eq!(resolve(sentence), vec![], "in {sentence:?}");
        }
    }

    #[test]
    fn future_tense_resolves_forward_through_auxiliaries() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "The winners will be announced on 30 November.",
                "on 30 November",
                "30 November 2020",
            ),
            (
                "The minister is to visit on Friday.",
                "on Friday",
                "10 January 2020",
            ),
            (
                "The band is set to release a single in March.",
                "in March",
                "March 2020",
            ),
            (
                "The envoy has arrived on Friday.",
                "on Friday",
                "3 January 2020",
            ),
        ];
        for &(sentence, phrase, display) in cases {
            let want = vec![(phrase.to_string(), display.to_string())];
            assert_eq!(resolve(sentence), want, "in {sentence:?}");
        }
    }

    #[test]
    fn a_month_with_last_or_next_year_is_one_date() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "He was arrested in October last year.",
                "in October last year",
                "October 2019",
            ),
            (
                "The hearing is set for June next year.",
                "June next year",
                "June 2021",
            ),
            (
                "It opened on 3 March this year.",
                "on 3 March this year",
                "3 March 2020",
            ),
        ];
        for &(sentence, phrase, display) in cases {
            let want = vec![(phrase.to_string(), display.to_string())];
            assert_eq!(resolve(sentence), want, "in {sentence:?}");
        }
        assert_eq!(
            resolve("Theresa May last year resigned."),
            vec![("last year".to_string(), "2019".to_string())],
            "a name before the month"
        );
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Gen. Soleimani was killed by the U.S. military. Iraq protested! “It was a violation.” Then Jan. 3 came.";
        let spans: Vec<&str> = crate::text::sentences::spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            spans,
            vec![
                "Gen. Soleimani was killed by the U.S. military.",
                "Iraq protested!",
                "“It was a violation.”",
                "Then Jan. 3 came."
            ]
        );
    }

    fn events_in(blocks: &[TextBlock], article: Date) -> Vec<Event> {
        let sentences: Vec<Sentences> = blocks.iter().map(|b| Sentences::new(&b.text)).collect();
        extract_events(blocks, &sentences, article)
    }

    #[test]
    fn extracts_events_with_sentences_and_offsets() {
        let blocks = vec![
            TextBlock::paragraph("Iraq's parliament voted on Sunday. The strike was on Friday."),
            TextBlock {
                kind: BlockKind::Caption,
                ..TextBlock::paragraph("Trump at a rally in January 2020.")
            },
        ];
        let events = events_in(&blocks, ARTICLE);
        assert_eq!(events.len(), 2, "captions are skipped: {events:?}");
        assert_eq!(events[0].text, "Iraq's parliament voted on Sunday.");
        assert_eq!(events[0].phrase, "on Sunday");
        assert_eq!(
            &blocks[0].text[events[0].offset..][..9],
            "on Sunday",
            "offset points at the phrase"
        );
        assert_eq!(events[1].text, "The strike was on Friday.");
        assert_eq!(events[1].period, Period::day(date!(2020 - 01 - 03)));
    }

    #[test]
    fn the_same_event_mentioned_twice_is_placed_once() {
        let blocks = vec![
            TextBlock::paragraph("Lawmakers voted on Sunday to end the agreement."),
            TextBlock::paragraph(
                "The vote on Sunday followed a week of protests. It began in 2019.",
            ),
            TextBlock::paragraph("Unrest has gone on since 2019, and the strike was on Friday."),
        ];
        let events = events_in(&blocks, ARTICLE);
        let placed: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e.phrase.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            placed,
            [
                (
                    "on Sunday",
                    "Lawmakers voted on Sunday to end the agreement."
                ),
                ("in 2019", "It began in 2019."),
                (
                    "since 2019",
                    "Unrest has gone on since 2019, and the strike was on Friday."
                ),
                (
                    "on Friday",
                    "Unrest has gone on since 2019, and the strike was on Friday."
                ),
            ],
            "the first mention of a date stands for the later ones; since and in stay apart"
        );
    }

    #[test]
    fn finds_dates_in_any_case_past_the_prefilters() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "The ceasefire began on 3 March.",
                "on 3 March",
                "3 March 2019",
            ),
            ("Talks resume March 3.", "March 3", "3 March 2019"),
            ("It was signed Sept. 3.", "Sept. 3", "3 September 2019"),
            ("He resigned in May.", "in May", "May 2019"),
            ("They met on Tuesday.", "on Tuesday", "31 December 2019"),
            (
                "Fighting resumed last week.",
                "last week",
                "29 December 2019 – 4 January 2020",
            ),
            ("The law was passed in 2019.", "in 2019", "2019"),
            ("Elections are due by mid-2020.", "by mid-2020", "mid-2020"),
            (
                "YESTERDAY the vote was held.",
                "YESTERDAY",
                "4 January 2020",
            ),
            ("The envoy arrives tOmOrRoW.", "tOmOrRoW", "6 January 2020"),
            (
                "Two Days Ago, a bomb exploded.",
                "Two Days Ago",
                "3 January 2020",
            ),
            (
                "THREE MONTHS AGO, rallies began.",
                "THREE MONTHS AGO",
                "October 2019",
            ),
            ("It ended a decade ago.", "a decade ago", "around 2010"),
            // The Kelvin sign lowercases to "k".
            (
                "It peaked last wee\u{212A}.",
                "last wee\u{212A}",
                "29 December 2019 – 4 January 2020",
            ),
        ];
        for &(sentence, phrase, display) in cases {
            let want = vec![(phrase.to_string(), display.to_string())];
            assert_eq!(resolve(sentence), want, "in {sentence:?}");
        }
    }

    /// Mostly ordinary dates, sometimes within a year of either end of the calendar.
    fn any_article_date() -> impl proptest::strategy::Strategy<Value = Date> {
        use proptest::prelude::*;
        prop_oneof![
            2 => (0i64..40_000).prop_map(|d| date!(1950 - 01 - 01) + Duration::days(d)),
            1 => (0i64..400).prop_map(|d| Date::MIN + Duration::days(d)),
            1 => (0i64..400).prop_map(|d| Date::MAX - Duration::days(d)),
        ]
    }

    proptest::proptest! {
        /// The cheap tests that skip sentences and words never skip one a rule matches.
        #[test]
        fn prefilters_skip_only_what_no_rule_matches(
            text in "(on |last |the |for |a |Two |THREE |Friday|January|Sept|May|3|2014|days|Weeks|MONTH|Year|decades|ago|Today|tOmOrRoW|wee\u{212A}|İ|[a-zA-Z0-9 .,’“”-]{0,12}){0,14}",
            day in 0i64..40_000,
        ) {
            let article = date!(1950 - 01 - 01) + Duration::days(day);
            let lowered = text.to_ascii_lowercase();
            let tokens = tokenize(&text, &lowered);
            for (i, t) in tokens.iter().enumerate() {
                for last_end in [None, i.checked_sub(2)] {
                    if match_at(&text, &tokens, i, article, last_end).is_some() {
                        proptest::prop_assert!(may_start_date(t), "{:?} in {:?}", t.text, text);
                        proptest::prop_assert!(may_have_date(&text, &lowered), "{:?}", text);
                    }
                }
            }
        }

        /// Any text, however odd, in an article of any date, even at the ends of the
        /// calendar, gives phrases on character boundaries and never panics.
        #[test]
        fn never_panics_and_ranges_are_valid(
            text in "(on |last |next |since |early |for |two |will |Friday|January|3|2014|days|ago|week|month|year|tomorrow|yesterday|[a-zA-Z0-9 .,’“”-]{0,12}){0,14}",
            article in any_article_date(),
        ) {
            for f in find_dates(&text, article) {
                proptest::prop_assert!(text.get(f.range.clone()).is_some());
            }
            let blocks = [TextBlock::paragraph(&text)];
            for e in events_in(&blocks, article) {
                proptest::prop_assert!(blocks[0].text[e.offset..].starts_with(&e.phrase));
            }
        }
    }

    /// The phrases of every relative rule, and what each resolves to at the last
    /// representable day (Friday 9999-12-31) and the first (Monday -9999-01-01): the
    /// ones that would leave the calendar date nothing.
    #[test]
    fn relative_dates_beyond_the_calendar_date_nothing() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("It ends tomorrow.", None, Some("2 January -9999")),
            ("It began yesterday.", Some("30 December 9999"), None),
            ("It ends next week.", None, Some("7–13 January -9999")),
            ("It began last week.", Some("19–25 December 9999"), None),
            ("It is this week.", Some("26–31 December 9999"), None),
            ("It ends next month.", None, Some("February -9999")),
            ("It began last month.", Some("November 9999"), None),
            ("It ends next year.", None, Some("-9998")),
            ("It began last year.", Some("9998"), None),
            (
                "It was on Monday.",
                Some("27 December 9999"),
                Some("1 January -9999"),
            ),
            ("It will be on Saturday.", None, Some("6 January -9999")),
            ("It was last Friday.", Some("24 December 9999"), None),
            ("It is next Friday.", None, Some("5 January -9999")),
            ("It began two days ago.", Some("29 December 9999"), None),
            (
                "It began three weeks ago.",
                Some("5–11 December 9999"),
                None,
            ),
            ("It began five months ago.", Some("July 9999"), None),
            ("It began two years ago.", Some("9997"), None),
            ("It began two decades ago.", Some("around 9979"), None),
        ];
        for &(sentence, at_max, at_min) in cases {
            for (article, want) in [(Date::MAX, at_max), (Date::MIN, at_min)] {
                let got: Vec<String> = resolve_at(sentence, article)
                    .into_iter()
                    .map(|(_, display)| display)
                    .collect();
                let want: Vec<String> = want.into_iter().map(String::from).collect();
                assert_eq!(got, want, "{sentence:?} in an article dated {article}");
            }
        }
    }

    #[test]
    fn periods_have_keys_and_labels() {
        let week = Period::week_of(date!(2020 - 01 - 01)).unwrap();
        assert_eq!(week.start, date!(2019 - 12 - 29));
        assert_eq!(week.key(), "2019-12-29-week");
        assert_eq!(week.end(), date!(2020 - 01 - 04));
        let month = Period::month(2019, 10).unwrap();
        assert_eq!(month.key(), "2019-10");
        assert_eq!(month.end(), date!(2019 - 10 - 31));
        assert_eq!(month.short_label(), ("Oct".to_string(), "2019".to_string()));
        let year = Period::year(2014).unwrap();
        assert_eq!(
            (year.key(), year.datetime()),
            ("2014".into(), "2014".into())
        );
        assert!(
            Period::year(2019).unwrap() < Period::month(2019, 1).unwrap(),
            "coarser periods sort first on the same day"
        );
    }
}
