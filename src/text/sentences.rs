//! The one sentence model: where the sentences of a block's text end and the next
//! begin, shared by quote attribution, the contexts of mentions, the rule that lets a
//! lower-case alias match capitalised at a sentence start, the dates of the timeline,
//! entity suggestions, the titles of imported articles and the one-line descriptions of
//! entity pages.
//!
//! A paragraph is a [`crate::annotate::TextBlock`]: sentences never cross one. Inside a
//! block, a sentence ends at `.`, `?` or `!` (with any closing quotation marks and
//! brackets after it) followed by white space and a word that can start a sentence (a
//! capital, a digit, an opening quotation mark or bracket), or by the end of the text.
//! A full stop after an abbreviation never ends a sentence: a title or a month ("Gen.",
//! "Jan."), a single initial ("J."), letters joined by full stops ("U.S.", "a.m."),
//! "vs." always, and "No." before a number. Whether the capital after "U.S." starts a
//! sentence or a name cannot be told from the text; a missed boundary only makes a
//! context longer and attribution decline, where a false one cuts a name from its
//! title. "etc." is an ordinary word: it ends a sentence when a capital follows and not
//! otherwise, like any other.
//!
//! Everything here takes time linear in the text: candidates are found by a byte
//! search, and each looks only at the word before it and the white space after it.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Titles and months whose full stop does not end a sentence, as they are written.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Gen", "Col", "Lt", "Maj", "Sgt", "Capt", "Cmdr",
    "Cpl", "Adm", "Brig", "Gov", "Sen", "Rep", "Rev", "Prof", "Pres", "Hon", "Det", "Insp",
    "Supt", "St", "Mt", "Ft", "Jr", "Sr",
    // Months.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    // Always followed by more of the sentence.
    "vs",
];

/// Abbreviations that stand before a number: "No. 10", "Nos. 3 and 4".
const BEFORE_NUMBERS: &[&str] = &["No", "Nos"];

/// Marks that close a quotation or a bracket and stay with the sentence they close.
const CLOSING: [char; 7] = [')', ']', '"', '\u{201D}', '\u{2019}', '\'', '»'];

/// Which marks end a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `.`, `?` and `!`.
    Sentences,
    /// Those, and a semicolon wherever it stands: quote attribution reads the clauses
    /// a semicolon joins apart.
    Clauses,
}

/// The end of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// Byte offset of the mark that ends it.
    pub mark: usize,
    /// Byte offset just after the mark and the closing marks that follow it.
    pub end: usize,
    /// Byte offset where the next sentence starts, after the white space (the end of
    /// the text when none follows).
    pub next: usize,
}

/// True when `word` is on the list of abbreviations whose full stop never ends a
/// sentence, or a single initial, or a dotted abbreviation ("U.S", "a.m", without its
/// last dot).
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word) || is_initial_or_acronym(word)
}

/// True when the full stop after `word` belongs to it rather than ending a sentence;
/// `next` is the first character after the full stop and the white space after it.
pub fn keeps_full_stop(word: &str, next: Option<char>) -> bool {
    is_abbreviation(word)
        || (BEFORE_NUMBERS.contains(&word) && next.is_some_and(|c| c.is_ascii_digit()))
}

/// "J", "U.S", "U.K", "a.m", "e.g": one capital (but the pronoun "I"), or single
/// letters joined by full stops. Before a capital, "9 a.m. EST" goes on more often than it stops.
fn is_initial_or_acronym(word: &str) -> bool {
    let letter = |part: &str| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    };
    if word.contains('.') {
        // "then-U.S": the acronym after the hyphen.
        let tail = word.rsplit('-').next().unwrap_or(word);
        tail.split('.').all(letter)
    } else {
        // "I" is far more often the pronoun ending "you and I." than an initial.
        letter(word) && word.chars().all(char::is_uppercase) && word != "I"
    }
}

/// The end of a sentence at the mark at byte `mark` of `text` (`.`, `?`, `!`, or with
/// [`Marks::Clauses`] `;`), or `None` when the mark does not end one.
pub fn end_at(text: &str, mark: usize, marks: Marks) -> Option<End> {
    let c = text.as_bytes()[mark];
    let after = &text[mark + 1..];
    let rest = after.trim_start_matches(CLOSING);
    let end = text.len() - rest.len();
    let next_text = rest.trim_start();
    let next = text.len() - next_text.len();
    let found = Some(End { mark, end, next });
    if c == b';' {
        return found.filter(|_| marks == Marks::Clauses);
    }
    if rest.is_empty() {
        return found;
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let first = next_text.chars().next();
    let can_start = first.is_none_or(|n| {
        n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(n, '"' | '\u{201C}' | '\u{2018}' | '\'' | '(' | '[' | '«')
    });
    if !can_start {
        return None;
    }
    if c == b'.' && keeps_full_stop(word_before(text, mark), first) {
        return None;
    }
    found
}

/// The word that ends at byte `at`: letters and digits, with the full stops, hyphens,
/// ampersands and apostrophes inside it ("U.S", "Jay-Z", "AT&T" whole, so neither is
/// taken for an initial), less any punctuation that opens it ("(J" is "J").
fn word_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '&' | '\'' | '’')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The sentence ends in `text` after byte `from`, in order.
pub fn ends_from(text: &str, from: usize, marks: Marks) -> impl Iterator<Item = End> + '_ {
    // The marks are ASCII: a (vectorised) search for their bytes finds every candidate
    // without decoding the text, and only candidates look at what is around them.
    static SENTENCE_MARKS: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new([".", "?", "!"]).expect("fixed patterns"));
    static CLAUSE_MARKS: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new([".", "?", "!", ";"]).expect("fixed patterns"));
    let search = match marks {
        Marks::Sentences => &*SENTENCE_MARKS,
        Marks::Clauses => &*CLAUSE_MARKS,
    };
    search
        .find_iter(&text[from..])
        .filter_map(move |m| end_at(text, from + m.start(), marks))
}

/// The sentence ends of `text`, in order.
pub fn ends(text: &str) -> impl Iterator<Item = End> + '_ {
    ends_from(text, 0, Marks::Sentences)
}

/// Byte ranges of the sentences of `text`, without the white space around them.
pub fn spans(text: &str) -> Vec<Range<usize>> {
    Sentences::new(text).spans
}

fn push_trimmed(spans: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let s = &text[range.clone()];
    let trimmed = s.trim_start();
    if trimmed.is_empty() {
        return;
    }
    let lead = s.len() - trimmed.len();
    let trail = trimmed.len() - trimmed.trim_end().len();
    spans.push(range.start + lead..range.end - trail);
}

/// The sentences of one text, found once so that the sentence around any range of it
/// is a lookup, and the sentences themselves a list.
#[derive(Debug, Clone)]
pub struct Sentences {
    ends: Vec<End>,
    /// Byte ranges of the sentences, without the white space around them.
    spans: Vec<Range<usize>>,
    len: usize,
}

impl Sentences {
    pub fn new(text: &str) -> Self {
        let ends: Vec<End> = ends(text).collect();
        let mut spans = Vec::with_capacity(ends.len() + 1);
        let mut start = 0;
        for end in &ends {
            push_trimmed(&mut spans, text, start..end.end);
            start = end.next;
        }
        push_trimmed(&mut spans, text, start..text.len());
        Sentences {
            ends,
            spans,
            len: text.len(),
        }
    }

    /// The byte range of the sentence (or sentences) around `range`: from the start of
    /// the one it starts in to the end, closing marks included, of the one it ends in.
    pub fn around(&self, range: &Range<usize>) -> Range<usize> {
        let before = self.ends.partition_point(|e| e.next <= range.start);
        let start = before.checked_sub(1).map_or(0, |i| self.ends[i].next);
        let after = self.ends.partition_point(|e| e.end < range.end);
        let end = self.ends.get(after).map_or(self.len, |e| e.end);
        start..end
    }

    /// Byte ranges of the sentences of the text, without the white space around them.
    pub fn spans(&self) -> &[Range<usize>] {
        &self.spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_full_stops_questions_and_exclamations() {
        assert_eq!(
            split("He left. Why? Nobody knows! “It is over,” she said."),
            [
                "He left.",
                "Why?",
                "Nobody knows!",
                "“It is over,” she said."
            ]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            split("She said “enough.” Then she left (for good.) Done."),
            ["She said “enough.”", "Then she left (for good.)", "Done."]
        );
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            split("The strike killed Gen. Qassem Soleimani in Baghdad. Mr. Trump spoke."),
            [
                "The strike killed Gen. Qassem Soleimani in Baghdad.",
                "Mr. Trump spoke."
            ]
        );
        assert_eq!(
            split("Sen. Lindsey Graham and Rep. Adam Schiff met Dr. Jones Jr. on Friday."),
            ["Sen. Lindsey Graham and Rep. Adam Schiff met Dr. Jones Jr. on Friday."]
        );
    }

    #[test]
    fn months_do_not_end_sentences() {
        assert_eq!(
            split("The vote is set for Jan. 8 and the count for Sept. 30. It may slip."),
            [
                "The vote is set for Jan. 8 and the count for Sept. 30.",
                "It may slip."
            ]
        );
    }

    #[test]
    fn initials_and_dotted_acronyms_do_not_end_sentences() {
        assert_eq!(
            split("George W. Bush met then-U.S. and U.K. envoys at the U.N. Security Council."),
            ["George W. Bush met then-U.S. and U.K. envoys at the U.N. Security Council."]
        );
        assert_eq!(
            split("The deal went to AT&T. Shares of Jay-Z. Records (J. Smith's firm) fell."),
            [
                "The deal went to AT&T.",
                "Shares of Jay-Z.",
                "Records (J. Smith's firm) fell."
            ]
        );
    }

    #[test]
    fn the_pronoun_i_ends_a_sentence() {
        assert_eq!(
            split("It is up to you and I. The rest is politics."),
            ["It is up to you and I.", "The rest is politics."]
        );
    }

    #[test]
    fn number_abbreviation_only_before_a_digit() {
        assert_eq!(
            split("He lives at No. 10 Downing Street. The answer was no. Nobody asked."),
            [
                "He lives at No. 10 Downing Street.",
                "The answer was no.",
                "Nobody asked."
            ]
        );
        assert_eq!(
            split("Asked again, he said No. The room fell silent."),
            ["Asked again, he said No.", "The room fell silent."]
        );
    }

    #[test]
    fn versus_never_ends_a_sentence() {
        assert_eq!(
            split("The case, Smith vs. Jones, opens today."),
            ["The case, Smith vs. Jones, opens today."]
        );
        assert_eq!(
            split("The case is known as Smith vs. Jones in the courts."),
            ["The case is known as Smith vs. Jones in the courts."]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("They sold rice, flour, etc. and left. Prices rose, fuel, etc. Then calm."),
            [
                "They sold rice, flour, etc. and left.",
                "Prices rose, fuel, etc.",
                "Then calm."
            ]
        );
    }

    #[test]
    fn lower_case_after_a_full_stop_continues_the_sentence() {
        assert_eq!(
            split("It ended at 11 a.m. on Sunday. The count was 5.2 million."),
            [
                "It ended at 11 a.m. on Sunday.",
                "The count was 5.2 million."
            ]
        );
    }

    #[test]
    fn lower_case_dotted_abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Polls close at 8 p.m. EST in most states, i.e. New York too."),
            ["Polls close at 8 p.m. EST in most states, i.e. New York too."]
        );
    }

    #[test]
    fn semicolons_end_clauses_not_sentences() {
        let text = "Mr Trump spoke; nobody listened.";
        assert_eq!(split(text), [text]);
        let clause_ends: Vec<usize> = ends_from(text, 0, Marks::Clauses).map(|e| e.mark).collect();
        assert_eq!(clause_ends, [14, text.len() - 1]);
    }

    #[test]
    fn around_gives_the_whole_sentence_of_a_range() {
        let text = "Iraq voted. The strike killed Gen. Qassem Soleimani in Baghdad. Then calm.";
        let sentences = Sentences::new(text);
        let at = text.find("Baghdad").unwrap();
        let around = sentences.around(&(at..at + "Baghdad".len()));
        assert_eq!(
            &text[around],
            "The strike killed Gen. Qassem Soleimani in Baghdad."
        );
        let first = sentences.around(&(0..4));
        assert_eq!(&text[first], "Iraq voted.");
    }

    #[test]
    fn work_is_linear_in_the_text() {
        // Every candidate looks only at its own word and the white space after it, so
        // a long text of abbreviations and marks splits as quickly as it is read.
        let text = "Gen. U.S. No. a. ".repeat(50_000) + "etc. vs. ... ?! ".repeat(50_000).as_str();
        // Each "a." before "Gen." ends a sentence; nothing in the second half does.
        assert_eq!(spans(&text).len(), 50_000);
    }
}
