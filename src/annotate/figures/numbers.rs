//! Numbers in running text: the words and digits a journalist writes a quantity with,
//! read into a value and the interval of values the wording allows.
//!
//! `5,000`, `5.2bn`, `$3 million`, `40 per cent`, `two`, `twenty-five`, `a dozen`,
//! `dozens`, `hundreds of thousands`. A number that is not a quantity is read too, and
//! said to be what it is, so that the caller can leave it out on purpose: a year (`the
//! 2014 bill`, `2014-2017`), a date (`January 3`, `3 January`), a time (`10:30`, `3pm`),
//! an ordinal (`82nd`, `third`), an age (`45-year-old`, `aged 45`), a decade (`1990s`),
//! a span of time (`three months`, `two days`), or part of a name (`Article 5`).

use crate::text::lowercase;
use std::ops::Range;

use crate::text::lexicon::is_month_or_weekday;

/// What a number in the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A count or an amount: what a figure is made of.
    Quantity,
    Year,
    Date,
    Time,
    Ordinal,
    Age,
    Decade,
    /// A span of time: "three months", "48 hours".
    Duration,
    /// Part of a name or a reference: "Article 5", "Boeing 737", "Resolution 2334".
    Name,
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Byte range of the whole wording: currency sign, digits or words, scale word and
    /// percent sign included ("$3 million", "hundreds of thousands", "40 per cent").
    pub range: Range<usize>,
    /// Index of the first token after the number.
    pub next: usize,
    /// Index of the number's first token.
    pub first: usize,
    pub kind: NumberKind,
    /// The value as written, scaled: "5.2bn" is 5.2e9; for a word of quantity
    /// ("hundreds") the lowest value it names.
    pub value: f64,
    /// The values the wording allows, before any qualifier: the value itself, the range
    /// of a decimal's last digit ("5.2bn": 5.15bn to 5.25bn), or a word of quantity's
    /// span ("hundreds": 200 to 999).
    pub lo: f64,
    pub hi: f64,
    /// A word of quantity rather than a number: "dozens", "thousands".
    pub vague: bool,
    /// ISO code of a currency written with the number ("$", "£", "euros").
    pub currency: Option<&'static str>,
    pub percent: bool,
}

/// A token of text: a word, a number as written, or one other character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// Whether it is in lower case already: ASCII without a capital, as most words
    /// are. Noted as it is read, so that the rules comparing it with word lists need
    /// not look at it again ([`Token::lower`]).
    pub lower: bool,
}

impl Token {
    /// The token in lower case ([`lowercase`]).
    #[inline]
    pub fn lower<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let word = &text[self.range.clone()];
        if self.lower {
            std::borrow::Cow::Borrowed(word)
        } else {
            lowercase(word)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with apostrophes, hyphens and full stops inside ("U.S.", "year-old").
    Word,
    /// Starts with a digit: digits with `,` and `.` between them, and whatever letters,
    /// `%` or hyphenated words are attached ("5.2bn", "82nd", "45-year-old", "2014-2017").
    Digits,
    /// Any other character that is not a space.
    Other,
}

/// The tokens of `text`.
#[cfg(test)]
pub fn tokens(text: &str) -> Vec<Token> {
    tokens_in(text, 0..text.len())
}

/// The tokens of `text[within]` (one sentence), their ranges in `text`: nothing after
/// `within` is looked at.
pub fn tokens_in(text: &str, within: Range<usize>) -> Vec<Token> {
    let text = &text[..within.end];
    let bytes = text.as_bytes();
    // The character at byte `j`, decoded only beyond ASCII.
    let at = |j: usize| match bytes.get(j) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[j..].chars().next(),
        None => None,
    };
    let word_char = |c: char| c.is_alphanumeric();
    let joiner = |c: char| matches!(c, '\'' | '’' | '-' | '.' | ',' | '%');
    // About one token in five bytes, so that the list seldom grows.
    let mut out = Vec::with_capacity(within.len() / 5 + 4);
    let mut i = within.start;
    while let Some(c) = at(i) {
        if c == ' ' {
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !(c.is_ascii_digit() || c.is_alphabetic()) {
            out.push(Token {
                range: i..i + c.len_utf8(),
                kind: TokenKind::Other,
                lower: c.is_ascii(),
            });
            i += c.len_utf8();
            continue;
        }
        let digits = c.is_ascii_digit();
        let mut end = i + c.len_utf8();
        let mut lower = c.is_ascii() && !c.is_ascii_uppercase();
        loop {
            // Most of a word: ASCII letters and digits, passed over byte by byte.
            while let Some(&b) = bytes.get(end).filter(|b| b.is_ascii_alphanumeric()) {
                lower &= !b.is_ascii_uppercase();
                end += 1;
            }
            let Some(d) = at(end) else {
                break;
            };
            if word_char(d) {
                lower = false;
                end += d.len_utf8();
                continue;
            }
            if d == '%' && digits {
                end += 1;
                break;
            }
            if joiner(d) {
                // A joiner stays inside only between two letters or digits: "U.S."
                // keeps its last full stop when a letter precedes it; a comma only
                // between digits, followed by exactly three of them.
                let rest = &text[end + d.len_utf8()..];
                let next = rest.chars().next();
                let inside = match d {
                    ',' => {
                        digits
                            && rest.len() >= 3
                            && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                            && !rest.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
                    }
                    '.' if digits => next.is_some_and(|n| n.is_ascii_digit()),
                    '.' => {
                        // "U.S." : a single letter before and after.
                        let before = &text[i..end];
                        before.chars().last().is_some_and(|l| l.is_uppercase())
                            && before
                                .split('.')
                                .next_back()
                                .is_some_and(|p| p.chars().count() == 1)
                            && (next.is_some_and(|n| n.is_uppercase())
                                || (before.contains('.') || before.len() == 1)
                                    && !next.is_some_and(|n| n.is_alphanumeric()))
                    }
                    '%' => false,
                    _ => next.is_some_and(word_char),
                };
                if inside {
                    lower &= d.is_ascii();
                    end += d.len_utf8();
                    continue;
                }
            }
            break;
        }
        out.push(Token {
            range: i..end,
            kind: if digits {
                TokenKind::Digits
            } else {
                TokenKind::Word
            },
            lower,
        });
        i = end;
    }
    out
}

fn unit_word(w: &str) -> Option<u64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-five", "seven", "forty": 1 to 99 in words.
pub(super) fn small_number_word(w: &str) -> Option<u64> {
    if let Some(n) = unit_word(w).or_else(|| tens_word(w)) {
        return Some(n);
    }
    let (t, u) = w.split_once('-')?;
    Some(tens_word(t)? + unit_word(u).filter(|&u| u < 10)?)
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Plural words of quantity: "hundreds" is 200 to 999.
fn vague_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> bool {
    matches!(
        w,
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "eleventh"
            | "twelfth"
            | "twentieth"
            | "hundredth"
            | "thousandth"
            | "millionth"
    )
}

/// Words for spans of time, singular and plural.
pub fn is_time_unit(w: &str) -> bool {
    matches!(
        w.strip_suffix('s').unwrap_or(w),
        "second"
            | "minute"
            | "hour"
            | "day"
            | "night"
            | "week"
            | "weekend"
            | "fortnight"
            | "month"
            | "year"
            | "decade"
            | "centurie"
            | "century"
            | "millennium"
            | "millennia"
            | "season"
            | "term"
    )
}

fn currency_sign(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" | "US$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        _ => return None,
    })
}

/// A currency named after an amount: "3 million dollars".
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "pound" | "pounds" | "sterling" => "GBP",
        "euro" | "euros" => "EUR",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        _ => return None,
    })
}

/// Half the unit of the last decimal written: 0.05 for "5.2", 0 for "5,000".
fn decimal_margin(digits: &str) -> f64 {
    match digits.split_once('.') {
        Some((_, frac)) => 0.5 * 10f64.powi(-(frac.len() as i32)),
        None => 0.0,
    }
}

/// The numbers in `text`, given its tokens, in order. Quantities and the numbers that
/// are not quantities alike (see [`NumberKind`]).
pub fn numbers(text: &str, toks: &[Token]) -> Vec<Number> {
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let lower = |i: usize| toks.get(i).map(|t| t.lower(text));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let found = match t.kind {
            TokenKind::Digits => digits_number(text, toks, i),
            TokenKind::Word if may_start_number(&text[t.range.clone()]) => {
                words_number(text, toks, i)
            }
            TokenKind::Word => None,
            TokenKind::Other => None,
        };
        let Some(mut n) = found else {
            i += 1;
            continue;
        };
        // A currency sign before it: "$3", "US$ 5".
        if n.first > 0
            && let Some(c) = word(n.first - 1).and_then(currency_sign)
        {
            n.currency = Some(c);
            n.range.start = toks[n.first - 1].range.start;
            n.first -= 1;
            if n.kind == NumberKind::Year {
                n.kind = NumberKind::Quantity;
            }
        }
        // A currency word after it: "3 million dollars".
        if n.currency.is_none()
            && let Some(c) = lower(n.next).as_deref().and_then(currency_word)
        {
            n.currency = Some(c);
        }
        // "per cent", "percent", "pc".
        match lower(n.next).as_deref() {
            Some("percent" | "pc") => {
                n.percent = true;
                n.range.end = toks[n.next].range.end;
                n.next += 1;
            }
            Some("per") if lower(n.next + 1).as_deref() == Some("cent") => {
                n.percent = true;
                n.range.end = toks[n.next + 1].range.end;
                n.next += 2;
            }
            _ => {}
        }
        if n.percent && n.kind == NumberKind::Year {
            n.kind = NumberKind::Quantity;
        }
        if n.kind == NumberKind::Quantity && n.currency.is_none() && !n.percent {
            n.kind = context_kind(text, toks, &n);
            // "10:30": the minutes are part of the time.
            if n.kind == NumberKind::Time && word(n.next) == Some(":") {
                n.range.end = toks[n.next + 1].range.end;
                n.next += 2;
            }
        }
        i = n.next.max(i + 1);
        out.push(n);
    }
    out
}

/// What a plain number is, from the words around it: a date, a time, an age, a
/// span of time, part of a name, or a quantity.
fn context_kind(text: &str, toks: &[Token], n: &Number) -> NumberKind {
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let lower = |i: usize| toks.get(i).map(|t| t.lower(text));
    let before = n.first.checked_sub(1).and_then(word);
    let after = word(n.next);
    let small_integer = n.value.fract() == 0.0 && n.value >= 1.0 && n.value <= 31.0;
    // "January 3", "3 January", "3rd of January" (the ordinal is found before).
    if small_integer
        && !n.vague
        && (before.is_some_and(is_month_or_weekday_cap)
            || after.is_some_and(is_month_or_weekday_cap))
    {
        return NumberKind::Date;
    }
    // "10:30", "3 pm", "3 a.m.", "3 o'clock".
    if after == Some(":") && word(n.next + 1).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        return NumberKind::Time;
    }
    if matches!(
        lower(n.next).as_deref(),
        Some(
            "pm" | "am"
                | "p.m."
                | "a.m."
                | "p.m"
                | "a.m"
                | "o'clock"
                | "o’clock"
                | "gmt"
                | "utc"
                | "bst"
                | "est"
        )
    ) {
        return NumberKind::Time;
    }
    // "aged 45", "45 years old".
    if matches!(
        lower(n.first.wrapping_sub(1)).as_deref(),
        Some("aged" | "age")
    ) {
        return NumberKind::Age;
    }
    // A rank: "the top 30", "number 3", "No 10".
    if matches!(
        lower(n.first.wrapping_sub(1)).as_deref(),
        Some("top" | "number" | "no" | "no." | "nos")
    ) {
        return NumberKind::Ordinal;
    }
    if let Some(a) = lower(n.next)
        && is_time_unit(&a)
    {
        if matches!(lower(n.next + 1).as_deref(), Some("old")) {
            return NumberKind::Age;
        }
        return NumberKind::Duration;
    }
    // "Article 5", "Boeing 737": a capitalised word right before, other than the
    // first of the sentence, and a number written without grouping.
    if let Some(b) = before
        && !n.vague
        && b.chars().next().is_some_and(char::is_uppercase)
        && !b.ends_with("'s")
        && !b.ends_with("’s")
        && !text[n.range.clone()].contains(',')
        && !is_qualifier_word(&lowercase(b))
        && n.first >= 2
        && !matches!(word(n.first - 2), Some("." | "!" | "?" | "\"" | "“"))
    {
        return NumberKind::Name;
    }
    NumberKind::Quantity
}

fn is_month_or_weekday_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && is_month_or_weekday(w)
}

/// Words that qualify a number and may be capitalised at a sentence's start.
fn is_qualifier_word(w: &str) -> bool {
    matches!(
        w,
        "some"
            | "about"
            | "around"
            | "roughly"
            | "approximately"
            | "nearly"
            | "almost"
            | "over"
            | "under"
            | "only"
            | "just"
            | "exactly"
            | "estimated"
            | "more"
            | "fewer"
            | "less"
            | "at"
            | "up"
            | "as"
            | "another"
            | "all"
            | "the"
            | "those"
            | "these"
    )
}

/// A number starting at token `i`, written with digits.
fn digits_number(text: &str, toks: &[Token], i: usize) -> Option<Number> {
    let raw = &text[toks[i].range.clone()];
    // The digits, and what is attached after them.
    let digits_end = raw
        .char_indices()
        .find(|&(k, c)| {
            !(c.is_ascii_digit()
                || (matches!(c, ',' | '.')
                    && raw[k + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(raw.len(), |(k, _)| k);
    let digits = &raw[..digits_end];
    let attached = &raw[digits_end..];
    let value: f64 = digits.replace(',', "").parse().ok()?;
    let margin = decimal_margin(digits);
    let mut n = Number {
        range: toks[i].range.clone(),
        next: i + 1,
        first: i,
        kind: NumberKind::Quantity,
        value,
        lo: value - margin,
        hi: value + margin,
        vague: false,
        currency: None,
        percent: false,
    };
    let plain_year =
        !digits.contains([',', '.']) && digits.len() == 4 && (1500.0..=2100.0).contains(&value);
    let attached_lower = lowercase(attached);
    let mut scale = 1.0;
    match &*attached_lower {
        "" => {}
        "%" => n.percent = true,
        "st" | "nd" | "rd" | "th" => n.kind = NumberKind::Ordinal,
        "s" | "'s" | "’s" if digits.len() >= 2 && digits.ends_with('0') => {
            n.kind = NumberKind::Decade
        }
        "bn" | "b" => scale = 1e9,
        "m" | "mn" | "mln" => scale = 1e6,
        "k" => scale = 1e3,
        "tn" | "trn" => scale = 1e12,
        "pm" | "am" | "p.m" | "a.m" | "h" | "gmt" => n.kind = NumberKind::Time,
        a if a.starts_with('-') => {
            let rest = &a[1..];
            if rest.starts_with("year-old") || rest.starts_with("years-old") {
                n.kind = NumberKind::Age;
            } else if rest.split('-').next().is_some_and(is_time_unit) {
                n.kind = NumberKind::Duration;
            } else if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                // "2014-2017", "3-1": a span of years, a score.
                n.kind = if plain_year {
                    NumberKind::Year
                } else {
                    NumberKind::Name
                };
            }
            // "5,000-strong", "20-member": the number stands.
        }
        // "F35", "5G", "737MAX": not a quantity.
        _ => n.kind = NumberKind::Name,
    }
    // A scale word after it: "3 million", "5.2 billion", "2 bn".
    if scale == 1.0
        && n.kind == NumberKind::Quantity
        && let Some(s) = toks
            .get(i + 1)
            .map(|t| t.lower(text))
            .as_deref()
            .and_then(scale_word)
    {
        scale = s;
        n.range.end = toks[i + 1].range.end;
        n.next = i + 2;
    }
    if plain_year && n.kind == NumberKind::Quantity && scale == 1.0 && !n.percent {
        n.kind = NumberKind::Year;
    }
    n.value *= scale;
    n.lo *= scale;
    n.hi *= scale;
    Some(n)
}

/// The stems the number words start with ("two", "thirty", "hundreds", "dozen",
/// "fifth"); "one", "a", "an", "half", "first" and "second" aside
/// ([`UNSTEMMED_STARTS`]). Each is at least three letters long.
const STEMS: [&str; 22] = [
    "two", "twel", "twent", "thre", "thir", "thousand", "ten", "trillion", "four", "fort", "fif",
    "fiv", "six", "seven", "score", "eigh", "eleven", "nin", "hundred", "million", "billion",
    "dozen",
];

/// Bit tables made from the [`STEMS`] at compile time, for [`number_stem_at`] to turn
/// nearly every word away with two lookups and no branch. A word's first letters are
/// known by their low five bits, the same in both cases ([`FOLD`]).
struct StemTables {
    /// One bit for the three letters of each three-letter stem, set at [`three_key`].
    short: [u64; 512],
    /// One bit for the first four letters of each longer stem, set at [`four_key`].
    long: [u64; 1024],
}

/// Keeps the five low bits of each of four bytes: the letters' case folded away.
const FOLD: u32 = 0x1f1f_1f1f;

/// The bit of three folded bytes in [`StemTables::short`]: their fifteen bits. Bytes
/// that are not letters may share a bit with letters: what passes is compared in full.
const fn three_key(folded: u32) -> usize {
    ((folded & 0x1f) | (folded >> 3 & 0x3e0) | (folded >> 6 & 0x7c00)) as usize
}

/// The bit of four folded bytes in [`StemTables::long`]: a multiplicative hash of them
/// to sixteen bits, which few words other than the stems' share.
const fn four_key(folded: u32) -> usize {
    (folded.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

static STEM_TABLES: StemTables = {
    let mut t = StemTables {
        short: [0; 512],
        long: [0; 1024],
    };
    let mut s = 0;
    while s < STEMS.len() {
        let w = STEMS[s].as_bytes();
        if w.len() == 3 {
            let k = three_key(u32::from_le_bytes([w[0], w[1], w[2], 0]) & FOLD);
            t.short[k / 64] |= 1 << (k % 64);
        } else {
            let k = four_key(u32::from_le_bytes([w[0], w[1], w[2], w[3]]) & FOLD);
            t.long[k / 64] |= 1 << (k % 64);
        }
        s += 1;
    }
    t
};

/// Whether the word at byte `i` of `bytes` starts with one of the [`STEMS`], in any
/// case. Made on every word of a text: its first three and four letters are looked up
/// in tables, which turn nearly all words away, before the stems are compared.
#[inline(always)]
pub fn number_stem_at(bytes: &[u8], i: usize) -> bool {
    let first = match bytes.get(i..i + 4) {
        Some(four) => u32::from_le_bytes([four[0], four[1], four[2], four[3]]),
        // Near the end, the missing bytes are zero, which no letter folds to.
        None => {
            let mut four = [0; 4];
            let rest = bytes.get(i..).unwrap_or_default();
            four[..rest.len()].copy_from_slice(rest);
            u32::from_le_bytes(four)
        }
    };
    let folded = first & FOLD;
    let (short, long) = (three_key(folded), four_key(folded));
    let tables = &STEM_TABLES;
    let hit = tables.short[short / 64] >> (short % 64) | tables.long[long / 64] >> (long % 64);
    hit & 1 == 1
        && STEMS.iter().any(|stem| {
            bytes
                .get(i..i + stem.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(stem.as_bytes()))
        })
}

/// The words that begin a number in words without a stem of [`number_stem_at`].
/// Each of a different length, so that a word is compared with one at most.
const UNSTEMMED_STARTS: [&str; 6] = ["a", "an", "one", "half", "first", "second"];

/// Whether a word can begin a number written in words: a cheap test, without
/// allocating, made on every word of a text that holds a number.
fn may_start_number(w: &str) -> bool {
    // Most words are turned away by their first letters.
    if !number_stem_at(w.as_bytes(), 0)
        && !UNSTEMMED_STARTS
            .get(w.len().wrapping_sub(1))
            .is_some_and(|s| w.eq_ignore_ascii_case(s))
    {
        return false;
    }
    let mut buf = [0u8; 16];
    let Some(head) = w.as_bytes().get(..w.len().min(16)) else {
        return false;
    };
    if w.len() > 13 || !w.is_ascii() {
        return false;
    }
    buf[..head.len()].copy_from_slice(head);
    buf[..head.len()].make_ascii_lowercase();
    let l = std::str::from_utf8(&buf[..head.len()]).unwrap_or_default();
    matches!(l, "a" | "an" | "half" | "dozen" | "tens")
        || ordinal_word(l)
        || vague_word(l).is_some()
        || small_number_word(l).is_some()
}

/// A number starting at token `i`, written in words: "two", "twenty-five thousand",
/// "a dozen", "hundreds of thousands", "a million".
fn words_number(text: &str, toks: &[Token], i: usize) -> Option<Number> {
    let lower = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.lower(text))
    };
    let first = lower(i)?;
    let number = |first: usize, next: usize, value: f64, lo: f64, hi: f64, vague: bool| Number {
        range: toks[first].range.start..toks[next - 1].range.end,
        next,
        first,
        kind: NumberKind::Quantity,
        value,
        lo,
        hi,
        vague,
        currency: None,
        percent: false,
    };
    if ordinal_word(&first) {
        let mut n = number(i, i + 1, 0.0, 0.0, 0.0, false);
        n.kind = NumberKind::Ordinal;
        return Some(n);
    }
    // Words of quantity: "dozens", "hundreds of thousands", "tens of millions".
    if let Some(v) = vague_word(&first).or_else(|| (first == "tens").then_some(10.0)) {
        let mut lo = v * 2.0;
        let mut hi = v * 10.0 - 1.0;
        let mut next = i + 1;
        if first == "dozens" {
            (lo, hi) = (24.0, 143.0);
        }
        if first == "scores" {
            (lo, hi) = (40.0, 199.0);
        }
        // "hundreds of thousands".
        if lower(next).as_deref() == Some("of")
            && let Some(s) = lower(next + 1)
                .as_deref()
                .and_then(|w| vague_word(w).filter(|&s| s >= 1e3))
        {
            lo *= s;
            hi = (hi + 1.0) * s - 1.0;
            next += 2;
        } else if first == "tens" {
            return None;
        }
        return Some(number(i, next, lo, lo, hi, true));
    }
    // "a dozen", "a hundred", "a million", "half a million".
    let (start, mut value, mut next) = if first == "a" || first == "an" {
        match lower(i + 1).as_deref() {
            Some("dozen") => (i, 12.0, i + 2),
            Some(w) if scale_word(w).is_some() => (i, scale_word(w)?, i + 2),
            _ => return None,
        }
    } else if first == "half" && lower(i + 1).as_deref() == Some("a") {
        let s = lower(i + 2)
            .as_deref()
            .and_then(scale_word)
            .filter(|&s| s >= 1e3)?;
        (i, s / 2.0, i + 3)
    } else if first == "dozen" {
        (i, 12.0, i + 1)
    } else {
        (i, small_number_word(&first)? as f64, i + 1)
    };
    // Scale words and more small numbers: "two hundred and fifty thousand".
    let mut total = 0.0;
    loop {
        match lower(next).as_deref() {
            Some(w) if scale_word(w).is_some() => {
                let s = scale_word(w)?;
                if s == 1e2 {
                    value *= s;
                } else {
                    total += value * s;
                    value = 0.0;
                }
                next += 1;
            }
            Some("and")
                if lower(next + 1)
                    .as_deref()
                    .and_then(small_number_word)
                    .is_some()
                    && value + total >= 100.0 =>
            {
                value += small_number_word(&lower(next + 1)?)? as f64;
                next += 2;
            }
            Some(w) if value >= 100.0 && value % 100.0 == 0.0 && small_number_word(w).is_some() => {
                value += small_number_word(w)? as f64;
                next += 1;
            }
            _ => break,
        }
    }
    let v = total + value;
    // "a dozen" alone is said of ten or fourteen as much as of twelve.
    let dozen = next == start + 1 + usize::from(first != "dozen")
        && lower(next - 1).as_deref() == Some("dozen");
    if dozen {
        return Some(number(start, next, v, 10.0, 14.0, false));
    }
    Some(number(start, next, v, v, v, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, NumberKind, f64, f64, f64)> {
        let toks = tokens(text);
        numbers(text, &toks)
            .into_iter()
            .map(|n| (text[n.range].to_string(), n.kind, n.value, n.lo, n.hi))
            .collect()
    }

    fn one(text: &str) -> (String, NumberKind, f64, f64, f64) {
        let mut all = read(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    use NumberKind::*;

    #[test]
    fn every_word_that_begins_a_number_passes_the_stem_tables() {
        for (i, w) in UNSTEMMED_STARTS.iter().enumerate() {
            assert_eq!(w.len(), i + 1, "{w}");
        }
        let units = [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        let ordinals = [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "twentieth",
            "hundredth",
            "thousandth",
            "millionth",
        ];
        let vague = [
            "dozens",
            "scores",
            "hundreds",
            "thousands",
            "millions",
            "billions",
        ];
        let others = ["a", "an", "half", "dozen", "tens"];
        let hyphenated = tens
            .iter()
            .flat_map(|t| units[..9].iter().map(move |u| format!("{t}-{u}")));
        let all = units
            .iter()
            .chain(&tens)
            .chain(&ordinals)
            .chain(&vague)
            .chain(&others)
            .map(|w| w.to_string())
            .chain(hyphenated);
        for w in all {
            assert!(may_start_number(&w), "{w}");
            let capitalised = w[..1].to_uppercase() + &w[1..];
            assert!(may_start_number(&capitalised), "{capitalised}");
        }
        for w in ["the", "often", "said", "fort", "nine-year", "Alan"] {
            assert!(!may_start_number(w), "{w}");
        }
    }

    #[test]
    fn a_stem_is_found_however_few_bytes_follow_it() {
        for (text, at) in [
            ("two", 0),
            ("Six", 0),
            ("TEN", 0),
            ("twel", 0),
            ("a nin", 2),
        ] {
            assert!(number_stem_at(text.as_bytes(), at), "{text} at {at}");
        }
        // Bytes that fold to the five bits of a letter ("/" to those of "o", "8" to
        // those of "x") pass the tables and are turned away when compared in full.
        for text in ["tw", "t", "", "tw/", "si8", "thou", "though", "forum"] {
            for i in 0..text.len() {
                assert!(!number_stem_at(text.as_bytes(), i), "{text} at {i}");
            }
        }
    }

    #[test]
    fn tokens_know_whether_they_are_in_lower_case() {
        let text = "The U.S. sent 5,000 Troops, 3M and 45-year-old men; Ñandú café ÉLAN’s “x”";
        for t in tokens(text) {
            let word = &text[t.range.clone()];
            let plain = word.is_ascii() && word == lowercase(word);
            assert_eq!(t.lower, plain, "{word}");
            assert_eq!(t.lower(text), lowercase(word), "{word}");
        }
    }

    #[test]
    fn tokens_keep_numbers_and_abbreviations_whole() {
        let words = |text: &'static str| -> Vec<&'static str> {
            tokens(text)
                .iter()
                .map(|t| &text[t.range.clone()])
                .collect()
        };
        let text = "The U.S. sent 5,000 troops, 5.2bn and 45-year-old men; 2014-2017.";
        assert_eq!(
            words(text),
            [
                "The",
                "U.S.",
                "sent",
                "5,000",
                "troops",
                ",",
                "5.2bn",
                "and",
                "45-year-old",
                "men",
                ";",
                "2014-2017",
                "."
            ]
        );
        assert_eq!(
            words("In 1,2345 and 3,000,000. Over 40%."),
            [
                "In",
                "1",
                ",",
                "2345",
                "and",
                "3,000,000",
                ".",
                "Over",
                "40%",
                "."
            ]
        );
    }

    #[test]
    fn digits_with_scales_currencies_and_percentages() {
        assert_eq!(
            one("some 5,000 troops"),
            ("5,000".into(), Quantity, 5000.0, 5000.0, 5000.0)
        );
        let (w, k, v, lo, hi) = one("a 5.2bn deal");
        assert_eq!((w.as_str(), k), ("5.2bn", Quantity));
        assert_eq!(v, 5.2e9);
        assert!(
            (lo - 5.15e9).abs() < 1.0 && (hi - 5.25e9).abs() < 1.0,
            "{lo} {hi}"
        );
        assert_eq!(one("it cost $3 million").0, "$3 million");
        assert_eq!(one("it cost $3 million").2, 3e6);
        assert_eq!(one("£2.5m for it").2, 2.5e6);
        assert_eq!(one("up 40 per cent").0, "40 per cent");
        assert_eq!(one("up 40%").0, "40%");
        assert_eq!(one("52 Iranian sites").2, 52.0);
        assert_eq!(one("3 billion people").2, 3e9);
        let toks = tokens("3 million dollars");
        let n = &numbers("3 million dollars", &toks)[0];
        assert_eq!(n.currency, Some("USD"));
        let toks = tokens("€40bn");
        assert_eq!(numbers("€40bn", &toks)[0].currency, Some("EUR"));
    }

    #[test]
    fn words_of_number_and_of_quantity() {
        assert_eq!(one("two allies").2, 2.0);
        assert_eq!(one("twenty-five people").2, 25.0);
        assert_eq!(one("a dozen sites").2, 12.0);
        assert_eq!(
            (one("a dozen sites").3, one("the dozen sites").4),
            (10.0, 14.0)
        );
        assert_eq!(one("a dozen hundred sites").3, 1200.0);
        assert_eq!(one("two hundred and fifty people").2, 250.0);
        assert_eq!(one("half a million people").2, 5e5);
        assert_eq!(one("a million people").2, 1e6);
        assert_eq!(one("three thousand troops").2, 3000.0);
        let (w, k, _, lo, hi) = one("hundreds of thousands took to the streets");
        assert_eq!(
            (w.as_str(), k, lo, hi),
            ("hundreds of thousands", Quantity, 2e5, 999_999.0)
        );
        assert_eq!(one("thousands of Iranians").3, 2000.0);
        assert_eq!(one("thousands of Iranians").4, 9999.0);
        assert_eq!(one("dozens were hurt").3, 24.0);
        assert_eq!(one("tens of thousands marched").3, 20_000.0);
    }

    #[test]
    fn numbers_that_count_nothing_are_named_for_what_they_are() {
        assert_eq!(one("the 2014 bill").1, Year);
        assert_eq!(one("in 2019, the").1, Year);
        assert_eq!(one("the 2014-2017 war").1, Year);
        assert_eq!(one("on January 3 the").1, Date);
        assert_eq!(one("on 3 January the").1, Date);
        assert_eq!(one("at 10:30 local").1, Time);
        assert_eq!(one("by 3pm").1, Time);
        assert_eq!(one("the 82nd Airborne").1, Ordinal);
        assert_eq!(one("the third day").1, Ordinal);
        assert_eq!(one("a 45-year-old man").1, Age);
        assert_eq!(one("aged 45, he").1, Age);
        assert_eq!(one("he is 45 years old").1, Age);
        assert_eq!(one("in the 1990s").1, Decade);
        assert_eq!(one("for three months").1, Duration);
        assert_eq!(one("two days after").1, Duration);
        assert_eq!(one("the 48-hour deadline").1, Duration);
        assert_eq!(one("under Article 5 of").1, Name);
        assert_eq!(one("a Boeing 737 crashed").1, Name);
        // Letters first: a name, never read as a number.
        assert_eq!(read("the F35 jets"), []);
        // A year-like number with a currency, a scale or a percentage is an amount.
        assert_eq!(one("$2014 in cash").1, Quantity);
        assert_eq!(one("2014 million people").1, Quantity);
        // At a sentence's start, a capitalised word before is no name.
        assert_eq!(
            read("It rose. Some 400 people"),
            [("400".into(), Quantity, 400.0, 400.0, 400.0)]
        );
    }
}
