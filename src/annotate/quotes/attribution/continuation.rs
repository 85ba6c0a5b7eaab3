//! Continued quotes: a quotation that opens its sentence with no construction of its
//! own carries on the words of the last quoted voice before it, when nothing stands
//! between them but that voice's own attribution.
//!
//! `"It will be tough," said Bailey, who joined in May. "I'm confident."` and `Bailey
//! said: "It will be tough." "I'm confident."` give the second quote to Bailey; so does
//! a paragraph after the one that ends with Bailey's attribution, when it is pure
//! quotation or opens with a whole quoted sentence (`"I'm confident." But not everyone
//! agrees.`): on the BBC articles, 82 of 84 such paragraphs read by hand continued the
//! speaker, the other two inheriting an error of the paragraph before. What may stand
//! between the two quotes is the rest of the attribution sentence: circumstances, an appositive or relative clause about the speaker, a
//! participle (`adding that ...`), and short quoted terms inside it. The chain breaks at
//! anything that could hand the floor to someone else: another sentence, a clause
//! with a subject of its own (`, and her husband cut in`, `as the crowd roared`), a
//! second speech verb (`, while Jones said`), or a quote of another voice.

use super::super::text::{
    DETERMINERS, RELATIVE, SUBORDINATORS, Word, is_in, sentence_end, sentence_start, words,
};
use super::{Attribution, Attributor, MAX_SUBJECT_WORDS, has_word, is_speech_verb};
use crate::annotate::BlockKind;

/// Words that join a new clause to the attribution sentence.
#[rustfmt::skip]
const CLAUSE_JOINERS: &[&str] = &[
    "and", "but", "or", "while", "whereas", "as", "when", "before", "after", "until",
    "because", "though", "although", "since", "then", "so",
];

/// Personal pronouns that open a subject.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "you", "it"];

/// Pronouns that open a subject, personal and possessive.
#[rustfmt::skip]
const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "you", "it", "his", "her", "their", "our", "my", "its",
];

impl Attributor<'_> {
    /// The attribution quote `i` continues (see the module notes), from the last
    /// attributed quote before it.
    pub(super) fn continued(&self, i: usize, done: &[Attribution]) -> Option<usize> {
        let q = &self.spans[i];
        let qb = q.start.block;
        let qtext = &self.blocks[qb].text;
        // The quote opens its sentence.
        let opens = sentence_start(qtext, 0, q.start.offset);
        if has_word(&qtext[opens..q.start.offset]) {
            return None;
        }
        // The last attributed quote, past unattributed quotes inside its sentence.
        let j = (0..i).rev().find(|&j| done[j].speaker.is_some())?;
        let prev = &self.spans[j];
        let pb = prev.end.block;
        let ptext = &self.blocks[pb].text;
        let ceil = if pb == qb {
            q.start.offset
        } else if pb + 1 == qb
            && self.blocks[pb].kind == self.blocks[qb].kind
            && matches!(
                self.blocks[qb].kind,
                BlockKind::Paragraph | BlockKind::BlockQuote
            )
            && (self.only_quotes(qb) || (opens == 0 && self.ends_sentence(i)))
        {
            ptext.len()
        } else {
            return None;
        };
        let from = prev.end.offset;
        if from > ceil {
            return None;
        }
        // A sentence may end inside a quoted title ("the show \"Shark Tank.\""): it ends
        // after the title's closing mark.
        let tail_end = sentence_end(ptext, from, ceil);
        let tail_end = self.quoted[pb]
            .iter()
            .find(|r| r.start < tail_end && tail_end < r.end && r.start >= from)
            .map_or(tail_end, |r| r.end.min(ceil));
        if has_word(&ptext[tail_end..ceil]) {
            return None; // another sentence in between
        }
        let between_ok = self.spans[j + 1..i].iter().all(|s| {
            s.start.block == pb
                && s.end.block == pb
                && s.end.offset <= tail_end
                && has_word(&ptext[from..s.start.offset])
        });
        if !between_ok {
            return None;
        }
        let tail: Vec<Word> = words(ptext, from..tail_end)
            .into_iter()
            .filter(|w| !self.in_quote(pb, &w.range))
            .collect();
        // A quote that ended its sentence leaves no attribution after it: any words
        // there are a sentence of their own.
        if !tail.is_empty() && self.ends_sentence(j) {
            return None;
        }
        open_tail(&tail).then_some(j)
    }
}

impl Attributor<'_> {
    /// Whether quote `i` ends its sentence: a full stop closes its words, or follows
    /// its closing mark.
    fn ends_sentence(&self, i: usize) -> bool {
        let q = &self.spans[i];
        let Some((lb, lr)) = q.pieces.last() else {
            return false;
        };
        let inner = self.blocks[*lb].text[lr.clone()].trim_end();
        let after = self.blocks[q.end.block].text[q.end.offset..].trim_start();
        inner.ends_with('.') || after.starts_with('.')
    }
}

/// Whether the words of an attribution sentence after its quote leave the floor with
/// the speaker: no clause with a subject of its own, and no speech verb but the
/// attribution's own (the first, among the words a speaker's phrase may take) or one
/// of a relative clause about the speaker (`said Weaver, who said ...`).
fn open_tail(tail: &[Word]) -> bool {
    let own_verb = tail
        .iter()
        .take(MAX_SUBJECT_WORDS + 1)
        .position(is_speech_verb);
    tail.iter().enumerate().all(|(k, w)| {
        let new_clause = is_in(CLAUSE_JOINERS, &w.lower)
            && tail.get(k + 1).is_some_and(|n| {
                let personal = is_in(PERSONAL_PRONOUNS, &n.lower);
                let subject = n.capitalized
                    || personal
                    || is_in(SUBJECT_PRONOUNS, &n.lower)
                    || is_in(DETERMINERS, &n.lower);
                // "and her husband cut in" without a comma; not "served as its mayor".
                let coordinated_possessive = is_in(SUBJECT_PRONOUNS, &n.lower)
                    && matches!(w.lower.as_str(), "and" | "but" | "or" | "while" | "whereas");
                subject && (k == 0 || tail[k - 1].comma_after || personal || coordinated_possessive)
            });
        // "when asked about ...": a passive, not another speaker.
        let passive = k > 0 && is_in(SUBORDINATORS, &tail[k - 1].lower);
        let other_verb = is_speech_verb(w)
            && Some(k) != own_verb
            && !passive
            && !(k > 0 && is_in(RELATIVE, &tail[k - 1].lower));
        !new_clause && !other_verb
    })
}
