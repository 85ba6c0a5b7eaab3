//! Runs of capitalised words and their first cleaning (steps 2 and 3 of the `suggest`
//! module documentation): the maximal runs of a block, then each run stripped of
//! sentence-initial function words, titles, adjectives of nationality and trailing
//! titles, down to a name.

use std::ops::Range;

use super::known;
use super::stats::Stats;
use super::words::{Gap, Shape, Words};
use crate::text::lexicon;

/// A cleaned run of capitalised words.
#[derive(Debug, Clone)]
pub(super) struct Cleaned {
    pub(super) tokens: Range<usize>,
    /// Text of the titles stripped in front ("Prime Minister").
    pub(super) title: Option<String>,
    /// The run started a sentence and nothing but function words was stripped, so
    /// its first word may be capitalised only for being first.
    pub(super) initial: bool,
}

pub(super) enum Outcome {
    Name(Cleaned),
    /// An adjective of nationality alone (token index): maybe "Iraqi parliament".
    Demonym(usize),
    Nothing,
}

/// Maximal runs of capitalised words, as token ranges.
pub(super) fn find_runs(words: &Words) -> Vec<Range<usize>> {
    let tokens = &words.tokens;
    let n = tokens.len();
    let name_like = |i: usize| {
        matches!(
            tokens[i].shape,
            Shape::Name | Shape::Acronym | Shape::Initial
        )
    };
    // Token `i` continues the words before it: same sentence, joined by a space or a
    // hyphen, not after a possessive.
    let joined = |i: usize| {
        i > 0
            && !tokens[i].initial
            && matches!(tokens[i].gap, Gap::Space | Gap::Hyphen)
            && !tokens[i - 1].possessive
    };
    // A web name ("Hill.TV") stands alone.
    let dotted = |i: usize| {
        let w = words.word(i);
        tokens[i].shape == Shape::Name && w.contains('.') && !w.ends_with('.')
    };
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut k = 0;
    while k < n {
        if name_like(k) {
            let repeated = k > 0 && words.word(k) == words.word(k - 1);
            let apart = dotted(k) || (k > 0 && dotted(k - 1));
            if let Some(s) = start
                && (!joined(k) || repeated || apart)
            {
                runs.push(s..k);
                start = None;
            }
            start.get_or_insert(k);
            k += 1;
            continue;
        }
        // "Rostov-on-Don", "Stratford-upon-Avon".
        if start.is_some()
            && tokens[k].gap == Gap::Hyphen
            && tokens[k].shape == Shape::Lower
            && words.word(k).len() <= 4
            && k + 1 < n
            && name_like(k + 1)
            && tokens[k + 1].gap == Gap::Hyphen
        {
            k += 1;
            continue;
        }
        // "Abu Mahdi al-Muhandis", "Osama bin Laden", and "al-Mahdi" on its own; a
        // particle that is an English word joins only by a hyphen ("as-Sadr", not
        // "November as Christmas").
        let particle = lexicon::is_particle(words.word(k))
            && (tokens.get(k + 1).is_some_and(|t| t.gap == Gap::Hyphen)
                || !lexicon::is_function_word(words.word(k)));
        if particle && k + 1 < n && name_like(k + 1) && joined(k + 1) {
            match start {
                Some(_) if joined(k) => {}
                _ => {
                    if let Some(s) = start.take() {
                        runs.push(s..k);
                    }
                    if tokens[k + 1].gap == Gap::Hyphen {
                        start = Some(k);
                    }
                }
            }
            k += 1;
            continue;
        }
        // "Council of Representatives", "Council on Foreign Relations", "Gulf of Oman";
        // not "Kandil Mountains on Friday". Only inside an open run, which a name before
        // `k` opened: a connector at the start of a block has no word before it.
        if start.is_some() && joined(k) && connects_names(words.word(k), words.word(k - 1)) {
            let mut next = k + 1;
            if next < n && words.word(next) == "the" && joined(next) {
                next += 1;
            }
            if next < n
                && name_like(next)
                && joined(next)
                && !lexicon::is_month_or_weekday(words.word(next))
            {
                k = next;
                continue;
            }
        }
        if let Some(s) = start.take() {
            runs.push(s..k);
        }
        k += 1;
    }
    if let Some(s) = start {
        runs.push(s..n);
    }
    runs
}

/// True when `connector` ("of", "for", "on") after `before` continues a name:
/// "Council of", "Gulf of", "Council on"; not "Mountains on".
fn connects_names(connector: &str, before: &str) -> bool {
    match connector {
        "of" | "for" => lexicon::is_organisation_word(before) || lexicon::is_place_word(before),
        "on" => lexicon::is_organisation_word(before),
        _ => false,
    }
}

/// Strips what is not part of a name from a run: see step 3 of the `suggest` module
/// documentation.
pub(super) fn clean(words: &Words, run: Range<usize>, stats: &Stats) -> Outcome {
    let (mut s, mut e) = (run.start, run.end);
    let initial = words.tokens[s].initial;
    while s < e {
        let word = words.word(s);
        if !is_capitalised_function_word(words, s) {
            break;
        }
        // A capitalised "The" inside a sentence belongs to a name: "The Times".
        if word == "The" && !(s == run.start && initial) {
            break;
        }
        s += 1;
    }
    let mut title: Option<String> = None;
    // Whatever stands before a title that is followed by a name qualifies the person:
    // "Belgian Foreign Minister Didier Delaunay", "UN envoy" aside.
    if let Some((p, q)) = (s..e.min(s + 4)).find_map(|p| title_at(words, p, e)) {
        title = Some(words.span(p..q).to_string());
        s = q;
    }
    while s < e {
        // "Former Iranian cleric ...", "Acting Iraqi Prime Minister ...".
        if lexicon::is_title_modifier(words.word(s))
            && s + 2 <= e
            && stats.demonym_base(words.word(s + 1)).is_some()
            && (s + 2 == e || title_at(words, s + 2, e).is_some())
        {
            s += 1;
            continue;
        }
        if stats.demonym_base(words.word(s)).is_some() {
            if s + 1 == e {
                return Outcome::Demonym(s);
            }
            // Before a title and a name ("Iraqi Prime Minister Adil Abd al-Mahdi"),
            // another adjective ("Iraqi Shiite cleric") or a personal name ("Moroccan
            // Ahmed Tazi"), and always a noun of nationality ("Englishman Mark
            // Cairns"); not "Kurdish Supreme Court".
            let personal_name = e - s >= 3 && known::is_given_name(words.word(s + 1));
            if title_at(words, s + 1, e).is_some()
                || stats.demonym_base(words.word(s + 1)).is_some()
                || personal_name
                || is_nationality_noun(words.word(s))
            {
                s += 1;
                continue;
            }
        }
        if let Some((_, q)) = title_at(words, s, e) {
            title = Some(words.span(s..q).to_string());
            s = q;
            continue;
        }
        break;
    }
    while e - s > 1 && lexicon::is_trailing_title(words.word(e - 1)) {
        e -= 1;
    }
    while e > s && words.tokens[e - 1].shape == Shape::Lower {
        e -= 1;
    }
    if s >= e {
        return Outcome::Nothing;
    }
    let all_titles = (s..e)
        .all(|i| lexicon::is_title(words.word(i)) || lexicon::is_title_modifier(words.word(i)));
    let has_name = (s..e).any(|i| matches!(words.tokens[i].shape, Shape::Name | Shape::Acronym));
    if all_titles || !has_name {
        return Outcome::Nothing;
    }
    if e - s == 1
        && (lexicon::is_month_or_weekday(words.word(s)) || is_capitalised_function_word(words, s))
    {
        return Outcome::Nothing;
    }
    // Longer than a registry takes a name: headlines run together in title case
    // ("NFL Player Changes Mind And Will Stand For National Anthem…"), not a name.
    if words.span(s..e).chars().count() > crate::content::registry::MAX_NAME_CHARS {
        return Outcome::Nothing;
    }
    Outcome::Name(Cleaned {
        tokens: s..e,
        initial: initial && title.is_none(),
        title,
    })
}

/// A noun for a person of some nation, given that it is a demonym: "Englishman",
/// "Frenchwomen", "Queenslander".
fn is_nationality_noun(word: &str) -> bool {
    ["man", "men", "woman", "women", "er"]
        .iter()
        .any(|ending| word.ends_with(ending))
}

/// A function word written with a capital ("The", "But"); "US" is not "us".
pub(super) fn is_capitalised_function_word(words: &Words, i: usize) -> bool {
    words.tokens[i].shape == Shape::Name && lexicon::is_function_word(&words.word(i).to_lowercase())
}

/// A title sequence ("Prime Minister", "Brig. Gen.") starting at token `p` and followed,
/// before `end`, by a name with no institution or place word: the range of the title
/// and where the name starts.
fn title_at(words: &Words, p: usize, end: usize) -> Option<(usize, usize)> {
    let mut q = p;
    let mut has_title = false;
    while q < end && (lexicon::is_title(words.word(q)) || lexicon::is_title_modifier(words.word(q)))
    {
        has_title |= lexicon::is_title(words.word(q));
        q += 1;
    }
    let name_follows = q < end
        && words.tokens[q].shape == Shape::Name
        && !(q..end).any(|i| lexicon::is_kind_word(words.word(i)));
    (has_title && name_follows).then_some((p, q))
}
