//! What the words around an occurrence say about a candidate: the clues to its kind
//! (a title before, "said" after, "in" or "city of" before...), and whether it stands
//! before another word as an adjective does ("French activist").

use std::ops::{AddAssign, Range};

use super::runs::Cleaned;
use super::words::{Gap, Shape, Words};
use crate::text::lexicon;

/// Clues to a candidate's kind, counted over its occurrences. "Shares in Yukos" is
/// a company's clue, not a place's.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Evidence {
    /// After a title or a role noun: "President Trump", "cleric Moqtada Sadr".
    pub(super) title: usize,
    /// Before a reporting verb or after "said".
    pub(super) says: usize,
    /// After "in", "at", "near"...
    pub(super) place: usize,
    /// After "city of", "province of"...
    pub(super) city: usize,
    /// After "according to", "reported by", "as per".
    pub(super) source: usize,
    /// Before "group", "agency" or "newspaper": "the Xinhua news agency".
    pub(super) organisation_noun: usize,
    /// Before "shares", "profits"..., or after "shares in", "stake in": a company.
    pub(super) company: usize,
    /// Followed by a score in a table row: a team.
    pub(super) scored: usize,
    /// Followed by a number inside brackets in a results line, as a scorer is by the
    /// minute ("(Ostrander 34, Keel 71)"), or a personal name followed by a number
    /// after a comma or a dash, as a player is by figures ("..., Hennie Brandt 70 68").
    pub(super) scorer: usize,
    /// Named by a dateline: "LONDON 1996-12-06".
    pub(super) dateline: usize,
    /// After a noun that says what organisation it is: "oil firm Vostek",
    /// "carmaker Halvard", "Italian side Dorvale".
    pub(super) trade: usize,
    /// One side of a fixture: "Dorvale v Westbury", "Dorvale (4) v Westbury (9)".
    pub(super) versus: usize,
}

impl AddAssign for Evidence {
    fn add_assign(&mut self, o: Evidence) {
        self.title += o.title;
        self.says += o.says;
        self.place += o.place;
        self.city += o.city;
        self.source += o.source;
        self.organisation_noun += o.organisation_noun;
        self.dateline += o.dateline;
        self.company += o.company;
        self.scored += o.scored;
        self.scorer += o.scorer;
        self.versus += o.versus;
        self.trade += o.trade;
    }
}

/// The clues around one occurrence of a cleaned run.
pub(super) fn context_evidence(words: &Words, tokens: Range<usize>, cleaned: &Cleaned) -> Evidence {
    let t = &words.tokens;
    let (s, e) = (tokens.start, tokens.end);
    let lower = |i: usize| words.word(i).to_lowercase();
    // The word `back` places before the run, in the same sentence.
    let before = |back: usize| -> Option<String> {
        let i = s.checked_sub(back)?;
        (t[i].sentence == t[s].sentence && t[i + 1..=s].iter().all(|x| !x.initial))
            .then(|| lower(i))
    };
    let after = (e < t.len() && !t[e].initial && matches!(t[e].gap, Gap::Space | Gap::Comma))
        .then(|| lower(e));
    let (b1, b2, b3) = (before(1), before(2), before(3));
    let is = |w: &Option<String>, f: fn(&str) -> bool| w.as_deref().is_some_and(f);
    let eq = |w: &Option<String>, s: &str| w.as_deref() == Some(s);
    let close = matches!(t[s].gap, Gap::Space | Gap::Comma);

    let mut ev = Evidence::default();
    if cleaned.title.is_some() || (close && is(&b1, lexicon::is_role_word)) {
        ev.title += 1;
    }
    if cleaned.title.is_none() && t[s].gap == Gap::Space && is(&b1, lexicon::is_trade_noun) {
        ev.trade += 1;
    }
    let after_said = eq(&b1, "said") || (eq(&b2, "said") && is(&b1, |w| !w.is_empty()));
    if is(&after, lexicon::is_say_verb) || (close && after_said) {
        ev.says += 1;
    }
    let according = (eq(&b1, "to") && eq(&b2, "according"))
        || (eq(&b1, "the") && eq(&b2, "to") && eq(&b3, "according"))
        || (eq(&b1, "by") && eq(&b2, "reported"))
        || eq(&b1, "per")
        || (eq(&b1, "the") && eq(&b2, "per"));
    let holding = is(&b2, lexicon::is_company_context) && (eq(&b1, "in") || eq(&b1, "of"));
    if is(&after, lexicon::is_company_context) || holding {
        ev.company += 1;
    }
    if according {
        ev.source += 1;
    } else if !holding
        && (is(&b1, lexicon::is_place_preposition)
            || (eq(&b1, "the") && is(&b2, lexicon::is_place_preposition)))
    {
        ev.place += 1;
    }
    if eq(&b1, "of") && is(&b2, lexicon::is_place_noun) {
        ev.city += 1;
    }
    // "Dorvale group", "the Xinhua news agency"; not "a Yorkshire firm", which is a
    // firm from Yorkshire.
    let news = eq(&after, "news") && e + 1 < t.len() && !t[e + 1].initial;
    let noun = if news {
        Some(lower(e + 1))
    } else {
        after.clone()
    };
    let indefinite = eq(&b1, "a") || eq(&b1, "an");
    if is(&noun, lexicon::is_organisation_noun) && !indefinite {
        ev.organisation_noun += 1;
    }
    if is(&b1, is_versus) || is_versus_after(words, e) {
        ev.versus += 1;
    }
    ev
}

fn is_versus(lower: &str) -> bool {
    matches!(lower, "v" | "vs" | "v." | "vs.")
}

/// True when "v" follows the token before `next`, perhaps after a number in brackets
/// (a place in a table: "Dorvale (4) v Westbury").
fn is_versus_after(words: &Words, next: usize) -> bool {
    let t = &words.tokens;
    let ranked = t.get(next).is_some_and(|x| {
        x.shape == Shape::Number
            && x.gap == Gap::OpenParen
            && words.text[x.range.end..].starts_with(')')
    });
    let at = next + usize::from(ranked);
    t.get(at)
        .is_some_and(|x| !x.initial && is_versus(&words.word(at).to_lowercase()))
}

/// True when the word at `next` follows the one before it as a noun follows an
/// adjective: "French activist", not "Reuters said", "Iraq, the" or "Iran and".
pub(super) fn is_attributive(words: &Words, next: usize) -> bool {
    let Some(t) = words.tokens.get(next) else {
        return false;
    };
    let lower = words.word(next).to_lowercase();
    t.gap == Gap::Space
        && !t.initial
        && !words.tokens[next - 1].possessive
        && matches!(t.shape, Shape::Lower | Shape::Name | Shape::Acronym)
        && !lexicon::is_function_word(&lower)
        && !lexicon::is_say_verb(&lower)
}
