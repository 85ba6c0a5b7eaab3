//! Descriptions: "the mayor", "the Tory leader", "the 23-year-old" standing for a person
//! the article named before.
//!
//! A definite description names its person only through how the article introduced
//! them, so that is all this reads: a role noun written right before a name ("London
//! mayor Ken Livingstone", "Tory MP Boris Johnson", or as its short title: "Sen. Bernie
//! Sanders" for "the senator") or in an appositive right after one
//! ("Peter Schoonen, the paper's image editor,"), and an age after a name ("Bailey,
//! 23,") or before it ("23-year-old Bailey"). The description resolves to the one person
//! introduced that way before it; when two were (two managers, two 23-year-olds), or
//! none, it resolves to nobody and the quote keeps its unnamed speaker.

use super::super::text::{
    DETERMINERS, INTRO_WORDS, NAME_PARTICLES, NAME_TITLES, NOT_IN_SPEAKER, PREPOSITIONS,
    TITLE_WORDS, Word, is_in, words,
};
use std::cell::RefCell;
use std::collections::HashMap;

use super::Attributor;
use crate::annotate::TextPos;

/// Nouns of a role, trade or origin that a description of a person ends with.
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "mp", "minister", "president", "leader", "chancellor", "mayor", "governor", "senator",
    "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chief", "boss",
    "manager", "coach", "director", "executive", "secretary", "judge", "actor", "actress",
    "singer", "star", "player", "striker", "captain", "international", "candidate",
    "congressman", "congresswoman", "premier", "economist", "analyst", "founder", "owner",
    "businessman", "businesswoman", "champion", "winger", "midfielder", "defender",
    "goalkeeper", "keeper", "veteran", "lawyer", "author", "writer", "prince", "princess",
    "king", "queen", "pope", "archbishop", "bishop", "cleric", "general", "commander",
    "ambassador", "envoy", "musician", "rapper", "comedian", "presenter", "chef",
    "designer", "novelist", "billionaire", "tycoon", "frontrunner", "nominee", "adviser",
    "advisor", "commissioner", "prosecutor", "scientist", "professor", "rider", "driver",
    "boxer", "athlete", "sprinter", "golfer", "batsman", "bowler", "editor", "producer",
    "american", "briton", "scot", "australian", "frenchman", "welshman", "irishman",
    "spaniard", "dutchman", "german", "italian", "democrat", "republican", "mogul",
];

/// Most words between a role noun and the name it introduces ("mayor Ken Livingstone")
/// or between a name and the role noun of its appositive.
const MAX_ROLE_GAP: usize = 6;

/// A person introduced with a role or an age: where the name starts in its block,
/// its last word (lower case) and the whole name.
#[derive(Debug, Clone)]
struct Introduction {
    at: usize,
    last: String,
    name: String,
}

/// The introductions of an article by marker, each list in document order as (block,
/// introduction): found once per marker, so a description costs a lookup however
/// many there are.
#[derive(Default)]
pub(super) struct Introductions(RefCell<HashMap<Marker, Vec<(usize, Introduction)>>>);

/// What a description says about its person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Marker {
    /// A role noun and the lower-case words right before it ("prime" of "the prime
    /// minister"), which an introduction must repeat: a "shadow chancellor" is not
    /// "the chancellor".
    Role(String, Vec<String>),
    Age(String),
}

/// The marker of a definite description ("the former Scotland international", "the
/// 23-year-old"), if `ws` is one: "the", at most three modifiers, a role noun or an age.
fn marker(ws: &[Word]) -> Option<Marker> {
    if ws.len() < 2 || ws.len() > 5 || ws[0].lower != "the" {
        return None;
    }
    if ws.iter().any(|w| w.comma_after) {
        return None;
    }
    let head = &ws[ws.len() - 1];
    if let Some(age) = head.lower.strip_suffix("-year-old")
        && !age.is_empty()
        && age.chars().all(|c| c.is_ascii_digit())
    {
        return Some(Marker::Age(age.to_string()));
    }
    let mods = modifiers(&ws[1..], ws.len() - 2);
    is_in(ROLE_NOUNS, &head.lower).then(|| Marker::Role(head.lower.clone(), mods))
}

/// The lower-case words right before the word at `at`, back to a determiner, a
/// possessive, a capitalised word or a function word ("and", "with").
fn modifiers(ws: &[Word], at: usize) -> Vec<String> {
    let run = ws[..at]
        .iter()
        .rev()
        .take_while(|w| {
            !w.capitalized
                && !w.comma_after
                && !is_in(DETERMINERS, &w.lower)
                && !is_in(NOT_IN_SPEAKER, &w.lower)
                && !is_in(PREPOSITIONS, &w.lower)
                && !w.lower.ends_with("'s")
                && !w.lower.ends_with("\u{2019}s")
        })
        .count();
    ws[at - run..at].iter().map(|w| w.lower.clone()).collect()
}

/// Titles written short before a name, with the role noun each stands for.
const ABBREVIATED_ROLES: &[(&str, &str)] = &[
    ("sen", "senator"),
    ("gov", "governor"),
    ("gen", "general"),
    ("rep", "congressman"),
    ("rep", "congresswoman"),
];

/// Whether a word (lower case) names `role`, in full or as its abbreviated title
/// ("Sen." for "the senator").
fn names_role(word: &str, role: &str) -> bool {
    word == role || ABBREVIATED_ROLES.contains(&(word, role))
}

/// Whether a word may be part of a name: not a function word or an opener that only
/// looks like a name at the start of a sentence ("However", "It", "At").
fn name_word(w: &Word) -> bool {
    (w.capitalized || is_in(NAME_PARTICLES, &w.lower))
        && !is_in(INTRO_WORDS, &w.lower)
        && !is_in(NOT_IN_SPEAKER, &w.lower)
        && !is_in(DETERMINERS, &w.lower)
}

/// Whether an unnamed speaker is a person by its definite description: "the", a few
/// words and a role noun ("the French coach"; not "the spokesman for the club", where
/// the role does not end the phrase, nor "an IAEA spokesman", who may be anyone).
pub(super) fn person_description(phrase: &str) -> bool {
    let ws: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    ws.len() >= 2
        && ws.len() <= 5
        && ws[0] == "the"
        && ws.last().is_some_and(|l| is_in(ROLE_NOUNS, l))
}

/// The run of name words starting at `from` (capitalised words and particles, titles
/// dropped from its front).
fn name_at(text: &str, ws: &[Word], from: usize) -> Option<Introduction> {
    let run = ws[from..]
        .iter()
        .enumerate()
        // A party tag in brackets ends the name ("Bernie Sanders (I-Vt.)").
        .take_while(|(i, w)| name_word(w) && !(*i > 0 && text[..w.range.start].ends_with('(')))
        .map(|(_, w)| w)
        .enumerate()
        .take_while(|(i, w)| *i == 0 || !ws[from + i - 1].comma_after || !w.capitalized)
        .count();
    let mut name = &ws[from..from + run];
    if let Some(c) = name.iter().position(|w| w.comma_after) {
        name = &name[..=c];
    }
    while name.len() > 1 && {
        let w = name[0].lower.trim_end_matches('.');
        is_in(NAME_TITLES, w) || is_in(TITLE_WORDS, w)
    } {
        name = &name[1..];
    }
    let last = name.last()?;
    if !last.capitalized || is_in(DETERMINERS, &name[0].lower) || last.lower.ends_with("'s") {
        return None;
    }
    let whole = text[name[0].range.start..last.range.end].to_string();
    Some(Introduction {
        at: name[0].range.start,
        last: last.lower.clone(),
        name: whole,
    })
}

/// Where a word ends a name run to its left: the start of that run.
fn name_start(ws: &[Word], end: usize) -> Option<usize> {
    let mut s = end;
    while s > 0 && name_word(&ws[s - 1]) && (s == end || !ws[s - 1].comma_after) {
        s -= 1;
    }
    (s < end).then_some(s)
}

/// The people the words of one block introduce with `marker`.
fn introduced(text: &str, ws: &[Word], marker: &Marker, out: &mut Vec<Introduction>) {
    for (i, w) in ws.iter().enumerate() {
        match marker {
            Marker::Role(role, mods) if names_role(&w.lower, role) && &modifiers(ws, i) == mods => {
                // "mayor Ken Livingstone": titles may sit between.
                if !w.comma_after
                    && let Some(n) = ws.get(i + 1).filter(|n| n.capitalized)
                    && n.range.start > w.range.end
                    && let Some(found) = name_at(text, ws, i + 1)
                {
                    out.push(found);
                    continue;
                }
                // "Peter Schoonen, the paper's image editor,": a name, a comma, then an
                // appositive ending in the role and closed by a comma (not "Echoing
                // Rice, the prime minister said").
                if !w.comma_after {
                    continue;
                }
                let open = (i.saturating_sub(MAX_ROLE_GAP)..i)
                    .rev()
                    .find(|&k| ws[k].comma_after);
                if let Some(k) = open
                    && ws[k + 1..i].iter().all(|w| !w.comma_after)
                    && is_in(&["a", "an", "the"], &ws[k + 1].lower)
                    && let Some(s) = name_start(ws, k + 1)
                    && let Some(found) = name_at(text, &ws[..=k], s)
                {
                    out.push(found);
                }
            }
            Marker::Age(age) => {
                let young = w.lower.strip_suffix("-year-old") == Some(age.as_str());
                if young
                    && let Some(found) = (i + 1 < ws.len())
                        .then(|| name_at(text, ws, i + 1))
                        .flatten()
                {
                    out.push(found);
                } else if &w.lower == age
                    && w.comma_after
                    && i > 0
                    && ws[i - 1].comma_after
                    && let Some(s) = name_start(ws, i)
                    && let Some(found) = name_at(text, &ws[..i], s)
                {
                    out.push(found);
                }
            }
            _ => {}
        }
    }
}

impl Attributor<'_> {
    /// The person a definite description before `before` stands for: the one person
    /// the article introduced with its role or age before; none when it introduced
    /// none or two.
    pub(super) fn description_referent(&self, ws: &[Word], before: TextPos) -> Option<String> {
        let marker = marker(ws)?;
        let mut cache = self.introductions.0.borrow_mut();
        let all = cache
            .entry(marker)
            .or_insert_with_key(|marker| self.collect_introductions(marker));
        let earlier = &all[..all.partition_point(|(b, i)| {
            TextPos {
                block: *b,
                offset: i.at,
            } < before
        })];
        let (_, first) = earlier.first()?;
        if earlier.iter().any(|(_, i)| i.last != first.last) {
            return None;
        }
        earlier
            .iter()
            .map(|(_, i)| &i.name)
            .max_by_key(|n| n.len())
            .cloned()
    }

    /// Every introduction with `marker` in the article, in order.
    fn collect_introductions(&self, marker: &Marker) -> Vec<(usize, Introduction)> {
        let needles: Vec<&str> = match marker {
            Marker::Role(r, _) => std::iter::once(r.as_str())
                .chain(
                    ABBREVIATED_ROLES
                        .iter()
                        .filter(|(_, full)| full == r)
                        .map(|(short, _)| *short),
                )
                .collect(),
            Marker::Age(a) => vec![a.as_str()],
        };
        let mut out = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            let text = &block.text;
            let lower = text.to_lowercase();
            if lower.len() != text.len() || !needles.iter().any(|n| lower.contains(n)) {
                continue;
            }
            let mut found = Vec::new();
            introduced(text, &words(text, 0..text.len()), marker, &mut found);
            found.sort_by_key(|i| i.at);
            out.extend(found.into_iter().map(|i| (b, i)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<Word> {
        words(s, 0..s.len())
    }

    #[test]
    fn descriptions_and_their_markers() {
        let role = |r: &str, m: &[&str]| {
            Some(Marker::Role(
                r.into(),
                m.iter().map(|m| m.to_string()).collect(),
            ))
        };
        assert_eq!(marker(&ws("the mayor")), role("mayor", &[]));
        assert_eq!(marker(&ws("the Tory leader")), role("leader", &[]));
        assert_eq!(
            marker(&ws("the prime minister")),
            role("minister", &["prime"])
        );
        assert_eq!(
            marker(&ws("the former Scotland international")),
            role("international", &[])
        );
        assert_eq!(
            marker(&ws("the 23-year-old")),
            Some(Marker::Age("23".into()))
        );
        assert_eq!(marker(&ws("a spokesman")), None);
        assert_eq!(marker(&ws("the company")), None);
        assert_eq!(marker(&ws("the mayor of a small town in the north")), None);
    }

    #[test]
    fn introductions_by_role_and_age() {
        let found = |text: &str, m: Marker| {
            let mut out = Vec::new();
            introduced(text, &ws(text), &m, &mut out);
            out.into_iter().map(|i| i.name).collect::<Vec<_>>()
        };
        let role = |r: &str| Marker::Role(r.to_string(), Vec::new());
        assert_eq!(
            found("London mayor Ken Livingstone has refused.", role("mayor")),
            ["Ken Livingstone"]
        );
        assert_eq!(
            found("Tory MP Mr Boris Johnson said so.", role("mp")),
            ["Boris Johnson"]
        );
        assert_eq!(
            found(
                "Peter Schoonen, the paper's image editor, said so.",
                Marker::Role("editor".into(), vec!["image".into()])
            ),
            ["Peter Schoonen"]
        );
        assert_eq!(
            found("Sam Bailey, 23, signed.", Marker::Age("23".into())),
            ["Sam Bailey"]
        );
        assert_eq!(
            found("The 23-year-old Bailey signed.", Marker::Age("23".into())),
            ["Bailey"]
        );
        assert!(found("The mayor said so.", role("mayor")).is_empty());
        assert!(
            found(
                "Tory shadow chancellor Oliver Letwin said.",
                role("chancellor")
            )
            .is_empty()
        );
        assert!(found("However, the spokesman said so.", role("spokesman")).is_empty());
        assert!(found("Echoing Ann Rice, the minister said so.", role("minister")).is_empty());
    }
}
