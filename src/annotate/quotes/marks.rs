//! Pairing quotation marks into quoted spans.
//!
//! Double marks delimit quotes: curly `“ ”`, straight `"`, two apostrophes `''`, low
//! `„` and guillemets `« »`. Each mark gets a direction from its shape and its neighbours: a mark after
//! white space (or an opening bracket or dash) and before a word opens; a mark after a
//! word and before white space or punctuation closes. The context wins over the shape,
//! so a wrong-way curly mark still pairs; a straight mark with words on both sides or
//! spaces on both sides has no clear direction and is paired by position (it opens when
//! no quote is open and closes one that is).
//!
//! The pairing is a two-state scan per block, which keeps a broken quote local:
//! - a closing mark with no quote open is ignored;
//! - an opening mark while a quote is open means the open quote lost its closing mark
//!   and a new one starts. When a sentence ends right before the new mark, the open
//!   quote ends there: scraped text runs a quotation's paragraphs together (`X said:
//!   "A. "B`), and the second span goes on to share the first one's speaker. Otherwise
//!   (or when that sentence ends in an attribution, `"A, he said. "B"`) the open quote
//!   is dropped: its extent is unknowable;
//! - a quote still open at the end of its block stops there, unless the next block is a
//!   paragraph of the same kind that starts with an opening mark: the news convention
//!   for a quotation running over several paragraphs, which becomes **one** quote
//!   spanning the blocks (the continuation mark is part of the quote, the text of each
//!   paragraph is joined with a space);
//! - an unclosed quote that does not continue is kept up to the end of its block only
//!   when its opening mark was clearly an opening one.
//!
//! So no quote ever runs past the end of its paragraph except through the continuation
//! rule. Single marks never delimit quotes here (too many apostrophes look like them),
//! but inside a quote a single-quoted span is recorded as a nested quote, telling
//! apostrophes ("don't", "Iraq’s", "Iraq‘s", "Shi’ite", "the '90s") from quotation
//! marks by the same context test.

use std::ops::Range;

use super::text::{SPEECH_VERBS, is_in, sentence_start, words};
use crate::annotate::{BlockKind, TextBlock, TextPos};

/// A quoted span before attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QuoteSpan {
    /// The opening mark.
    pub start: TextPos,
    /// Just after the closing mark, or the end of the block of an unclosed quote.
    pub end: TextPos,
    /// The quoted text of each block, between the marks (untrimmed).
    pub pieces: Vec<(usize, Range<usize>)>,
    /// Nested single-quoted spans: opening mark to just after the closing mark.
    pub nested: Vec<(TextPos, TextPos)>,
}

impl QuoteSpan {
    /// The quoted words, pieces trimmed and joined with a space, a trailing comma (left
    /// by the attribution that follows) removed.
    pub fn text(&self, blocks: &[TextBlock]) -> String {
        let mut out = String::new();
        for (b, r) in &self.pieces {
            let piece = blocks[*b].text[r.clone()].trim();
            if piece.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(piece);
        }
        let trimmed = out.trim_end_matches([',', ' ']).len();
        out.truncate(trimmed);
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// A straight mark whose neighbours do not tell.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    dir: Dir,
}

fn opens_left(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '\u{2018}' | '\'' | '\u{201C}'
                )
        }
    }
}

fn closes_right(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '…'
                        | '\u{2019}'
                        | '\''
                        | '\u{201D}'
                )
        }
    }
}

/// The double quotation marks of a text, with their directions.
fn double_marks(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    // Every mark is `"`, two apostrophes `''` (the typewriter's double mark), or starts
    // with byte 0xE2 (“ ” „) or 0xC2 (« »): look at those bytes only, which are always
    // the first byte of a character.
    let bytes = text.as_bytes();
    let candidates = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2))
        .map(|(at, _)| at);
    for at in candidates {
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let (shape, len) = match c {
            '"' => (Dir::Either, 1),
            // Exactly two apostrophes; a third either side makes them something else.
            '\'' if bytes.get(at + 1) == Some(&b'\'')
                && bytes.get(at + 2) != Some(&b'\'')
                && (at == 0 || bytes[at - 1] != b'\'') =>
            {
                (Dir::Either, 2)
            }
            '\u{201C}' | '\u{201E}' | '«' => (Dir::Open, c.len_utf8()),
            '\u{201D}' | '»' => (Dir::Close, c.len_utf8()),
            _ => continue,
        };
        let prev = text[..at].chars().next_back();
        let next = text[at + len..].chars().next();
        let left = opens_left(prev);
        let right = closes_right(next);
        let context = match (left, right) {
            (true, false) => Dir::Open,
            (false, true) => Dir::Close,
            _ => Dir::Either,
        };
        let dir = match (shape, context) {
            (Dir::Either, ctx) => ctx,
            (shape, Dir::Either) => shape,
            (_, ctx) => ctx,
        };
        out.push(Mark { at, len, dir });
    }
    out
}

/// Where a quote opened at `inner` ends when a new opening mark at `at` follows it
/// without a closing mark: right after the sentence end before the new mark, the way
/// paragraphs of a quotation read when scraped text runs them together. `None` when no
/// sentence ends there, or when that sentence ends in an attribution (a speech verb a
/// few words after a comma): then the lost mark
/// closed the quote before its attribution (`"Broken, he said. "Whole."`).
fn reopened_after(text: &str, inner: usize, at: usize) -> Option<usize> {
    let end = inner + text[inner..at].trim_end().len();
    if end == inner || !text[..end].ends_with(['.', '?', '!', '\u{2026}']) {
        return None;
    }
    let mark = text[..end].chars().next_back().map_or(1, char::len_utf8);
    let last_sentence = sentence_start(text, inner, end - mark)..end;
    let ws = words(text, last_sentence);
    let attributed = ws.iter().enumerate().any(|(k, w)| {
        !w.capitalized
            && is_in(SPEECH_VERBS, &w.lower)
            && ws[k.saturating_sub(3)..k].iter().any(|w| w.comma_after)
    });
    (!attributed).then_some(end)
}

/// Whether a quote left open at the end of block `b` may continue into block `b + 1`.
fn continues_into(blocks: &[TextBlock], b: usize) -> Option<Mark> {
    let next = blocks.get(b + 1)?;
    let this = &blocks[b];
    if this.kind != next.kind || !matches!(this.kind, BlockKind::Paragraph | BlockKind::BlockQuote)
    {
        return None;
    }
    let lead = next.text.len() - next.text.trim_start().len();
    let first = double_marks(&next.text).into_iter().next()?;
    (first.at == lead && first.dir != Dir::Close).then_some(first)
}

struct Pending {
    start: TextPos,
    /// Start of the quoted text in the current block.
    inner: usize,
    /// Pieces from earlier blocks.
    pieces: Vec<(usize, Range<usize>)>,
    definite: bool,
}

/// Finds every quoted span in the blocks, in document order.
pub(super) fn find_spans(blocks: &[TextBlock]) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut carry: Option<Pending> = None;
    for (b, block) in blocks.iter().enumerate() {
        let text = &block.text;
        let marks = double_marks(text);
        let mut marks = marks.as_slice();
        let mut pending: Option<Pending> = None;
        if let Some(mut p) = carry.take() {
            // The first mark is the continuation mark (checked by `continues_into`).
            let m = marks[0];
            p.inner = m.at + m.len;
            pending = Some(p);
            marks = &marks[1..];
        }
        for &m in marks {
            match pending.take() {
                None => {
                    if m.dir != Dir::Close {
                        pending = Some(Pending {
                            start: TextPos {
                                block: b,
                                offset: m.at,
                            },
                            inner: m.at + m.len,
                            pieces: Vec::new(),
                            definite: m.dir == Dir::Open,
                        });
                    }
                }
                Some(mut p) => {
                    if m.dir == Dir::Open {
                        // The open quote lost its closing mark. A quote carried over from
                        // earlier paragraphs ends with them; one begun here ends at a
                        // sentence end right before the new mark (paragraphs run
                        // together: `X said: "A. "B`), and is dropped otherwise.
                        if p.pieces.is_empty() {
                            if let Some(end) = reopened_after(text, p.inner, m.at) {
                                let piece = vec![(b, p.inner..end)];
                                push_span(
                                    blocks,
                                    &mut out,
                                    p.start,
                                    TextPos {
                                        block: b,
                                        offset: end,
                                    },
                                    piece,
                                );
                            }
                        } else if let Some(&(lb, _)) = p.pieces.last() {
                            let end = TextPos {
                                block: lb,
                                offset: blocks[lb].text.len(),
                            };
                            push_span(blocks, &mut out, p.start, end, p.pieces);
                        }
                        pending = Some(Pending {
                            start: TextPos {
                                block: b,
                                offset: m.at,
                            },
                            inner: m.at + m.len,
                            pieces: Vec::new(),
                            definite: true,
                        });
                    } else {
                        p.pieces.push((b, p.inner..m.at));
                        let end = TextPos {
                            block: b,
                            offset: m.at + m.len,
                        };
                        push_span(blocks, &mut out, p.start, end, p.pieces);
                    }
                }
            }
        }
        if let Some(mut p) = pending {
            p.pieces.push((b, p.inner..text.len()));
            if continues_into(blocks, b).is_some() {
                carry = Some(p);
            } else if p.definite || p.pieces.len() > 1 {
                let end = TextPos {
                    block: b,
                    offset: text.len(),
                };
                push_span(blocks, &mut out, p.start, end, p.pieces);
            }
        }
    }
    out
}

fn push_span(
    blocks: &[TextBlock],
    out: &mut Vec<QuoteSpan>,
    start: TextPos,
    end: TextPos,
    pieces: Vec<(usize, Range<usize>)>,
) {
    let has_word = pieces.iter().any(|(b, r)| {
        blocks[*b].text[r.clone()]
            .chars()
            .any(char::is_alphanumeric)
    });
    if !has_word {
        return;
    }
    let nested = pieces
        .iter()
        .flat_map(|(b, r)| {
            nested_quotes(&blocks[*b].text, r.clone())
                .into_iter()
                .map(move |n| {
                    (
                        TextPos {
                            block: *b,
                            offset: n.start,
                        },
                        TextPos {
                            block: *b,
                            offset: n.end,
                        },
                    )
                })
        })
        .collect();
    out.push(QuoteSpan {
        start,
        end,
        pieces,
        nested,
    });
}

/// Elisions that begin with an apostrophe and look like an opening single mark.
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "n", "round", "bout", "nuff", "kay",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Single {
    Open,
    Close,
    Apostrophe,
}

fn classify_single(text: &str, at: usize, c: char) -> Single {
    let prev = text[..at].chars().next_back();
    let rest = &text[at + c.len_utf8()..];
    let next = rest.chars().next();
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if alnum(prev) && alnum(next) {
        return Single::Apostrophe; // don't, Iraq’s, Iraq‘s, Shi’ite
    }
    let left = prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '"' | '\u{201C}' | '«')
    });
    if left && alnum(next) {
        // '90s, ’90s, 'em, 'til: elisions, not quotes.
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let decade = word.len() >= 2
            && word.chars().take(2).all(|c| c.is_ascii_digit())
            && (word.len() == 2 || &word[2..] == "s");
        if decade || ELISIONS.contains(&word.as_str()) || c == '\u{2019}' {
            return Single::Apostrophe;
        }
        return Single::Open;
    }
    let right = next.is_none_or(|n| {
        n.is_whitespace()
            || matches!(
                n,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '"' | '\u{201D}' | '»'
            )
    });
    if right && prev.is_some_and(|p| !p.is_whitespace()) && c != '\u{2018}' {
        return Single::Close;
    }
    Single::Apostrophe
}

/// Single-quoted spans inside `text[range]`, as byte ranges from the opening mark to just
/// after the closing mark. A closing candidate that looks like a plural possessive
/// ("the protesters' demands") is passed over when a later one exists.
pub(super) fn nested_quotes(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut marks: Vec<(usize, usize, Single)> = Vec::new();
    for (i, c) in text[range.clone()].char_indices() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}') {
            let at = range.start + i;
            // Classify against the quoted text only: the outer marks count as edges.
            let kind = classify_single(&text[range.start..range.end], i, c);
            if kind != Single::Apostrophe {
                marks.push((at, c.len_utf8(), kind));
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let (open_at, _, kind) = marks[i];
        if kind != Single::Open {
            i += 1;
            continue;
        }
        // Closing candidates up to the next opening mark.
        let mut j = i + 1;
        let mut chosen = None;
        while j < marks.len() && marks[j].2 == Single::Close {
            let (at, len, _) = marks[j];
            let possessive = text[..at].ends_with('s')
                && text[at + len..]
                    .strip_prefix(' ')
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_lowercase);
            let last = j + 1 >= marks.len() || marks[j + 1].2 != Single::Close;
            if !possessive || last {
                chosen = Some(j);
                break;
            }
            j += 1;
        }
        match chosen {
            Some(j) => {
                out.push(open_at..marks[j].0 + marks[j].1);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(paras: &[&str]) -> Vec<(usize, usize, usize, usize, String)> {
        let blocks: Vec<TextBlock> = paras.iter().map(|p| TextBlock::paragraph(p)).collect();
        find_spans(&blocks)
            .into_iter()
            .map(|s| {
                let text = s.text(&blocks);
                (
                    s.start.block,
                    s.start.offset,
                    s.end.block,
                    s.end.offset,
                    text,
                )
            })
            .collect()
    }

    fn texts(paras: &[&str]) -> Vec<String> {
        spans(paras).into_iter().map(|s| s.4).collect()
    }

    #[test]
    fn pairs_marks_in_one_paragraph() {
        // (paragraph, quoted texts)
        let cases: &[(&str, &[&str])] = &[
            ("No quotes at all.", &[]),
            ("", &[]),
            ("“Curly,” he said.", &["Curly"]),
            ("\"Straight,\" he said.", &["Straight"]),
            ("He said: \"A\" and \"B\".", &["A", "B"]),
            ("as \"occupiers\", angry", &["occupiers"]),
            ("promised \"severe revenge.\" (AFP)", &["severe revenge."]),
            ("„Low,“ he said.", &["Low"]),
            ("«Guillemets» too", &["Guillemets"]),
            // Two apostrophes as a double mark; one, or three, are not.
            ("''Typed,'' said the coach.", &["Typed"]),
            ("the players' 'best' game", &[]),
            ("a '''bold''' word", &[]),
            // A wrong-way closing mark used to open.
            ("”Backwards,” he said.", &["Backwards"]),
            // Stray closing mark, then a proper quote.
            ("lost its opening,” he said. “Here.”", &["Here."]),
            // Missing closing mark: the broken quote is dropped, the next one kept.
            ("“Broken, he said. “Whole.”", &["Whole."]),
            ("\"Broken, he said. \"Whole.\"", &["Whole."]),
            // Inches are not quotes.
            ("a 6\" pipe and a \"real\" quote", &["real"]),
            // Empty quotes are nothing.
            ("an empty \"\" pair", &[]),
            ("“ ” spaced", &[]),
            // Unclosed at the end of the paragraph: kept to the end of the block.
            ("He said: “We will fight", &["We will fight"]),
            // Unclear straight mark left open: dropped.
            ("x\"y and more", &[]),
        ];
        for (para, want) in cases {
            assert_eq!(texts(&[para]), *want, "in {para:?}");
        }
    }

    #[test]
    fn unclosed_quote_stays_in_its_paragraph() {
        let got = spans(&[
            "He said: “We will fight",
            "The next paragraph is narrative.",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].2, got[0].3), (0, "He said: “We will fight".len()));
    }

    #[test]
    fn quote_continues_over_paragraphs() {
        let got = spans(&[
            "“We will fight,” he said. “We will not give up.",
            "“We will win.",
            "“Never,” he added.",
            "Narrative.",
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].4, "We will fight");
        assert_eq!(
            (got[1].0, got[1].2, got[1].4.as_str()),
            (0, 2, "We will not give up. We will win. Never")
        );
        assert_eq!(got[1].3, "“Never,”".len());
    }

    #[test]
    fn no_continuation_into_other_block_kinds() {
        let mut blocks = vec![
            TextBlock::paragraph("He said: “We will fight"),
            TextBlock::paragraph("“Caption text”"),
        ];
        blocks[1].kind = BlockKind::Caption;
        let got = find_spans(&blocks);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].end.block, 0);
    }

    #[test]
    fn nested_single_quotes_and_apostrophes() {
        // (quoted text, nested spans)
        let cases: &[(&str, &[&str])] = &[
            ("Shi’ite leaders don't say Iraq’s or Iraq‘s", &[]),
            ("back in the '90s and the ’90s", &[]),
            ("he called it ‘a victory’ today", &["‘a victory’"]),
            ("he called it 'a victory' today", &["'a victory'"]),
            (
                "‘the protesters’ demands’ were read",
                &["‘the protesters’ demands’"],
            ),
            ("the protesters' demands", &[]),
            ("'em all", &[]),
            ("‘unclosed nested", &[]),
            ("‘don’t,’ she wrote", &["‘don’t,’"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = nested_quotes(text, 0..text.len())
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn nested_quotes_are_reported_in_block_positions() {
        let blocks = [TextBlock::paragraph("He said: “They call it ‘peace’ now.”")];
        let got = find_spans(&blocks);
        assert_eq!(got.len(), 1);
        let (s, e) = got[0].nested[0];
        assert_eq!(&blocks[0].text[s.offset..e.offset], "‘peace’");
    }
}
