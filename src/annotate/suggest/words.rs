//! Splitting a block into tokens and sentences: each word's byte range and shape
//! (capitalised, acronym, initial, lower case...), whether it starts a sentence or a
//! quotation, a possessive `'s` set aside, and what separates it from the word before.
//! Sentences are those of the one sentence model ([`crate::text::sentences`]),
//! whose abbreviations keep their full stop in the token ("Gen.", "U.S."); a colon
//! also starts a clause here, since a capital after it says no more than one after a
//! full stop.

use std::ops::Range;

use crate::text::lexicon;
use crate::text::sentences::{ends as sentence_ends, keeps_full_stop};

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a capital: "Iraq", "McDonald", "Gen.".
    Name,
    /// Capitals only, two letters or more: "US", "AFP", "U.S.".
    Acronym,
    /// One capital and a full stop: the "W." in "George W. Bush".
    Initial,
    /// Starts in lower case, or a plural acronym ("MPs") used as a common noun.
    Lower,
    Number,
    /// Anything else: "I", "A", scripts without case.
    Other,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    Space,
    Hyphen,
    Comma,
    OpenParen,
    Other,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range of the word, without a possessive `'s`.
    pub range: Range<usize>,
    pub shape: Shape,
    /// The first word of a sentence (or of a quotation).
    pub initial: bool,
    /// Followed by `'s` (or `’s`, `‘s`).
    pub possessive: bool,
    pub gap: Gap,
    /// Index into `Words::sentences`.
    pub sentence: usize,
}

/// How a block is laid out, which says whether its capitals mark names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Running text: it has lower-case words.
    Prose,
    /// Written in capitals: a heading, a table's header ("GF GA PTS").
    Capitals,
    /// No lower-case word but not in capitals: a byline, a table row, a results line.
    Listing,
}

/// The tokens of one block.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Byte offset where each sentence starts.
    pub sentences: Vec<usize>,
}

impl<'a> Words<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// The text from the first of `tokens` to the end of the last.
    pub fn span(&self, tokens: Range<usize>) -> &'a str {
        &self.text[self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end]
    }

    /// How the block is laid out: prose has a lower-case word other than a name
    /// particle; without one, more acronyms than names make a line in capitals.
    pub fn layout(&self) -> Layout {
        let count = |shape: Shape| self.tokens.iter().filter(|t| t.shape == shape).count();
        let lower = (0..self.tokens.len())
            .filter(|&i| {
                self.tokens[i].shape == Shape::Lower && !lexicon::is_particle(self.word(i))
            })
            .count();
        if lower > 0 {
            Layout::Prose
        } else if count(Shape::Acronym) > count(Shape::Name) {
            Layout::Capitals
        } else {
            Layout::Listing
        }
    }

    /// The places a dateline names: a block that opens with a name in capitals,
    /// perhaps followed by a comma and a region, then a date ("LONDON 1996-12-06",
    /// "AL-AIN, United Arab Emirates 1996-12-06"). Returns the token ranges of the
    /// names, the first being the one in capitals.
    pub fn dateline(&self) -> Vec<Range<usize>> {
        const LONGEST: usize = 10;
        let t = &self.tokens;
        if t.len() > LONGEST || self.layout() == Layout::Prose {
            return Vec::new();
        }
        // A year ("1996-12-06") or a month ("Dec 6"), not a score ("LA CLIPPERS 102").
        let Some(date) = (0..t.len()).position(|i| {
            let w = self.word(i);
            (t[i].shape == Shape::Number && w.len() == 4) || lexicon::is_month_or_weekday(w)
        }) else {
            return Vec::new();
        };
        let capitals = t[..date]
            .iter()
            .position(|x| x.shape != Shape::Acronym || x.gap == Gap::Comma)
            .unwrap_or(date);
        if capitals == 0
            || !t[1..capitals]
                .iter()
                .all(|x| matches!(x.gap, Gap::Space | Gap::Hyphen))
        {
            return Vec::new();
        }
        let region = capitals..date;
        let region_is_name = region
            .clone()
            .all(|i| t[i].shape == Shape::Name && (i == capitals || t[i].gap == Gap::Space))
            && t.get(capitals).is_some_and(|x| x.gap == Gap::Comma);
        let mut places = Vec::with_capacity(2);
        if region.is_empty() || region_is_name {
            places.push(0..capitals);
        }
        if !region.is_empty() && region_is_name {
            places.push(region);
        }
        places
    }

    /// The name of a table row written in capitals: a block that opens with words
    /// in capitals and has only numbers after them, two or more ("HARTFORD 12 7 6 77
    /// 76 30"), which a header ("W L T GF GA PTS") or a heading has not.
    pub fn row_in_capitals(&self) -> Option<Range<usize>> {
        let t = &self.tokens;
        let name = t
            .iter()
            .enumerate()
            .position(|(i, x)| x.shape != Shape::Acronym || (i > 0 && x.gap != Gap::Space))?;
        let numbers = &t[name..];
        let letters: usize = (0..name)
            .map(|i| self.word(i).chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        (name > 0 && letters >= 3 && numbers.len() >= 2)
            .then_some(0..name)
            .filter(|_| numbers.iter().all(|x| x.shape == Shape::Number))
    }

    /// Byte range of the sentence that holds `offset`.
    pub fn sentence_at(&self, offset: usize) -> Range<usize> {
        let k = self.sentences.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.sentences.get(k).copied().unwrap_or(0);
        let end = self
            .sentences
            .get(k + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }
}

/// A word in capitals written as a name: "AL-AIN" is "Al-Ain", "NEW YORK" "New York".
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if in_word {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        in_word = c.is_alphanumeric();
    }
    out
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Splits a block's text into tokens.
pub fn tokenize(text: &str) -> Words<'_> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let pos = |i: usize| chars.get(i).map_or(text.len(), |&(p, _)| p);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let possessive_at = |j: usize| {
        at(j).is_some_and(is_apostrophe)
            && matches!(at(j + 1), Some('s' | 'S'))
            && !is_word(at(j + 2))
    };

    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences = Vec::new();
    let mut ends = sentence_ends(text).peekable();
    let mut prev_end = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_word(at(i)) {
            i += 1;
            continue;
        }
        let start = pos(i);
        let mut j = i + 1;
        loop {
            match at(j) {
                Some(c) if c.is_alphanumeric() => j += 1,
                // "Shi’ite", "O'Brien", "Hill.TV", "U.S": joined; "Iraq's": not.
                Some(c) if is_apostrophe(c) && is_word(at(j + 1)) && !possessive_at(j) => j += 2,
                Some('.') if is_word(at(j + 1)) => j += 2,
                _ => break,
            }
        }
        let mut end = pos(j);
        let mut next = j;
        let possessive = possessive_at(j);
        if possessive {
            next = j + 2;
        } else if at(j) == Some('.')
            && keeps_full_stop(
                &text[start..end],
                text[end + 1..].trim_start().chars().next(),
            )
        {
            end += 1;
            next = j + 1;
        }
        let gap_text = &text[prev_end..start];
        let mut after_end = None;
        while let Some(end) = ends.next_if(|end| end.mark < start) {
            after_end = Some(end.next);
        }
        let new_sentence = tokens.is_empty() || after_end.is_some() || gap_text.contains(':');
        if new_sentence {
            sentences.push(after_end.unwrap_or_else(|| prev_end + clause_offset(gap_text)));
        }
        let shape = shape_of(&text[start..end]);
        let initial = new_sentence || (opens_quote(gap_text) && shape != Shape::Lower);
        tokens.push(Token {
            range: start..end,
            shape,
            initial,
            possessive,
            gap: classify_gap(gap_text),
            sentence: sentences.len().saturating_sub(1),
        });
        prev_end = pos(next);
        i = next;
    }
    Words {
        text,
        tokens,
        sentences,
    }
}

/// True when the gap ends with an opening quotation mark: a quotation starts.
fn opens_quote(gap: &str) -> bool {
    gap.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '\u{201C}' | '\u{2018}' | '"' | '\'' | '«'))
}

/// Where in a gap the next clause starts: after its last colon (a capital after
/// "Beirut:" starts a clause like a sentence's) and the closing marks and spaces that
/// follow it, or after the gap's leading spaces.
fn clause_offset(gap: &str) -> usize {
    let Some(last) = gap.rfind(':') else {
        return gap.len() - gap.trim_start().len();
    };
    let rest = &gap[last + 1..];
    let mut offset = last + 1;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let closing = matches!(c, '\u{201D}' | '\u{2019}' | ')' | ']')
            || (matches!(c, '"' | '\'') && chars.peek().is_none_or(|(_, n)| n.is_whitespace()));
        if c.is_whitespace() || closing {
            offset = last + 1 + i + c.len_utf8();
        } else {
            break;
        }
    }
    offset
}

fn classify_gap(gap: &str) -> Gap {
    if !gap.is_empty() && gap.chars().all(char::is_whitespace) {
        return Gap::Space;
    }
    match gap.trim() {
        "-" | "\u{2010}" if gap.len() == gap.trim().len() => Gap::Hyphen,
        "," => Gap::Comma,
        "(" => Gap::OpenParen,
        _ => Gap::Other,
    }
}

pub fn shape_of(word: &str) -> Shape {
    let Some(first) = word.chars().next() else {
        return Shape::Other;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    if first.is_lowercase() {
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    if letters == 1 {
        return if word.ends_with('.') {
            Shape::Initial
        } else {
            Shape::Other
        };
    }
    if capitals == letters {
        return Shape::Acronym;
    }
    if letters >= 3 && capitals == letters - 1 && word.ends_with('s') {
        return Shape::Lower;
    }
    Shape::Name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<(String, Shape, bool)> {
        let w = tokenize(text);
        (0..w.tokens.len())
            .map(|i| {
                (
                    w.word(i).to_string(),
                    w.tokens[i].shape,
                    w.tokens[i].initial,
                )
            })
            .collect()
    }

    #[test]
    fn tokenizes_names_possessives_and_abbreviations() {
        use Shape::*;
        // (text, [(word, shape, starts a sentence)])
        type Case<'a> = (&'a str, &'a [(&'a str, Shape, bool)]);
        let cases: &[Case] = &[
            (
                "Iraq’s parliament",
                &[("Iraq", Name, true), ("parliament", Lower, false)],
            ),
            (
                "the U.S. military",
                &[
                    ("the", Lower, true),
                    ("U.S.", Acronym, false),
                    ("military", Lower, false),
                ],
            ),
            (
                "Gen. Qassem Soleimani",
                &[
                    ("Gen.", Name, true),
                    ("Qassem", Name, false),
                    ("Soleimani", Name, false),
                ],
            ),
            (
                "al-Muhandis",
                &[("al", Lower, true), ("Muhandis", Name, false)],
            ),
            (
                "rival Shi’ite leaders",
                &[
                    ("rival", Lower, true),
                    ("Shi’ite", Name, false),
                    ("leaders", Lower, false),
                ],
            ),
            (
                "Iraqi MPs said. Then IS",
                &[
                    ("Iraqi", Name, true),
                    ("MPs", Lower, false),
                    ("said", Lower, false),
                    ("Then", Name, true),
                    ("IS", Acronym, false),
                ],
            ),
            (
                "chanting “Death to",
                &[
                    ("chanting", Lower, true),
                    ("Death", Name, true),
                    ("to", Lower, false),
                ],
            ),
            (
                "Hill.TV in 2014-2017",
                &[
                    ("Hill.TV", Name, true),
                    ("in", Lower, false),
                    ("2014", Number, false),
                    ("2017", Number, false),
                ],
            ),
            (
                "George W. Bush",
                &[
                    ("George", Name, true),
                    ("W.", Initial, false),
                    ("Bush", Name, false),
                ],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, Shape, bool)> = expected
                .iter()
                .map(|(w, s, i)| (w.to_string(), *s, *i))
                .collect();
            assert_eq!(words_of(text), expected, "{text:?}");
        }
    }

    #[test]
    fn finds_the_places_of_a_dateline_and_nothing_in_a_results_line() {
        let places = |text: &str| -> Vec<String> {
            let w = tokenize(text);
            w.dateline()
                .into_iter()
                .map(|r| w.span(r).to_string())
                .collect()
        };
        assert_eq!(places("LONDON 1996-12-06"), ["LONDON"]);
        assert_eq!(
            places("AL-AIN, United Arab Emirates 1996-12-06"),
            ["AL-AIN", "United Arab Emirates"]
        );
        assert_eq!(places("WASHINGTON Dec 6"), ["WASHINGTON"]);
        assert!(places("LA CLIPPERS 102 Denver 94").is_empty());
        assert!(places("The LONDON office opened in 1996").is_empty());
        assert_eq!(title_case("NEW YORK"), "New York");
        let row = |text: &str| -> Option<String> {
            let w = tokenize(text);
            w.row_in_capitals().map(|r| w.span(r).to_string())
        };
        assert_eq!(row("HARTFORD 12 7 6 77 76 30").as_deref(), Some("HARTFORD"));
        assert_eq!(row("NY RANGERS 10 13 5").as_deref(), Some("NY RANGERS"));
        assert_eq!(row("W L T GF GA PTS"), None);
        assert_eq!(row("GOLF - LEADING SCORES 1996"), None);
        assert_eq!(row("HARTFORD AT BOSTON"), None);
        assert_eq!(title_case("AL-AIN"), "Al-Ain");
    }

    #[test]
    fn tells_prose_from_capitals_and_listings() {
        assert_eq!(tokenize("W L T GF GA PTS").layout(), Layout::Capitals);
        assert_eq!(tokenize("Barnsley 21 10 8 3").layout(), Layout::Listing);
        assert_eq!(tokenize("Osama bin Laden").layout(), Layout::Listing);
        assert_eq!(tokenize("The US said so").layout(), Layout::Prose);
    }
}
