//! Figures: the quantities an article reports, each with what it counts and what it is
//! about, so that the figures of different outlets can be set side by side.
//!
//! A figure is a number ([`numbers`]) that counts something: its qualifier ("some",
//! "more than", "up to"), which turns the value into the interval of values the
//! sentence allows; the thing counted (the plural noun after it, "troops", "sites",
//! "Iranians", or a currency, or "per cent" of something); whether it is a change
//! ("thousands more troops") rather than a total; the event it counts when its clause
//! names one (killed, injured, arrested...); and, for the caller to fill from the
//! mentions it found, the entities of its clause and the authority the sentence gives
//! for it ("according to The Associated Press", a quote's speaker).
//!
//! Numbers that count nothing are left out on purpose, each for its reason: years (the
//! 2014 bill), dates, times, ordinals, ages, decades, spans of time ("three months",
//! which outlets count from different days) and numbers that are part of a name
//! ("Article 5"). So are counts whose thing is not written ("one said"): with nothing
//! to compare, a number is not a figure; and counts of the rest of a set ("three other
//! detainees"), which depend on a count made before.

pub mod numbers;

use crate::text::lowercase;
use crate::text::sentences::Sentences;
use std::ops::Range;

use numbers::{Number, NumberKind, Token, TokenKind};

/// How a qualifier bounds a figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "some", "about", "around", "roughly", "an estimated": within a tenth.
    About,
    /// "nearly", "almost", "close to": up to a tenth below.
    Nearly,
    /// "more than", "over", "above".
    MoreThan,
    /// "at least".
    AtLeast,
    /// "up to", "as many as".
    UpTo,
    /// "fewer than", "less than", "under", "below".
    LessThan,
    /// "exactly", "only".
    Exactly,
}

impl Qualifier {
    /// The words shown for it.
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::MoreThan => "more than",
            Qualifier::AtLeast => "at least",
            Qualifier::UpTo => "up to",
            Qualifier::LessThan => "fewer than",
            Qualifier::Exactly => "exactly",
        }
    }

    /// The values allowed by this qualifier on a number allowing `lo..=hi`.
    fn bound(self, value: f64, lo: f64, hi: f64) -> (f64, f64) {
        match self {
            Qualifier::About => (lo * 0.9, hi * 1.1),
            Qualifier::Nearly => (lo * 0.9, hi),
            // Inclusive: "more than $27bn" and "$27bn" are one rounded figure.
            Qualifier::MoreThan => (value, f64::INFINITY),
            Qualifier::AtLeast => (lo, f64::INFINITY),
            Qualifier::UpTo => (0.0, hi),
            Qualifier::LessThan => (0.0, value),
            Qualifier::Exactly => (lo, hi),
        }
    }
}

/// The qualifier ending right before token `i`, and how many tokens it takes.
fn qualifier_before(text: &str, toks: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    let w = |back: usize| {
        i.checked_sub(back)
            .and_then(|k| toks.get(k))
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.lower(text))
    };
    let (w1, w2, w3) = (w(1), w(2), w(3));
    let (w1, w2, w3) = (w1.as_deref(), w2.as_deref(), w3.as_deref());
    use Qualifier::*;
    Some(match (w3, w2, w1) {
        (Some("as"), Some("many" | "much"), Some("as")) => (UpTo, 3),
        (Some("in"), Some("excess"), Some("of")) => (MoreThan, 3),
        (_, Some("more" | "greater"), Some("than")) => (MoreThan, 2),
        (_, Some("upwards"), Some("of")) => (MoreThan, 2),
        (_, Some("at"), Some("least")) => (AtLeast, 2),
        (_, Some("no"), Some("fewer" | "less")) => return None,
        (_, Some("up"), Some("to")) => (UpTo, 2),
        (_, Some("fewer" | "less"), Some("than")) => (LessThan, 2),
        (_, Some("close"), Some("to")) => (Nearly, 2),
        (_, Some("an"), Some("estimated")) => (About, 2),
        (_, Some("just"), Some("over" | "above")) => (MoreThan, 2),
        (_, Some("just"), Some("under" | "below")) => (LessThan, 2),
        (_, _, Some("over" | "above")) => (MoreThan, 1),
        (_, _, Some("under" | "below")) => (LessThan, 1),
        (_, _, Some("nearly" | "almost")) => (Nearly, 1),
        (
            _,
            _,
            Some(
                "some" | "about" | "around" | "roughly" | "approximately" | "estimated" | "circa"
                | "approx",
            ),
        ) => (About, 1),
        (_, _, Some("exactly" | "precisely")) => (Exactly, 1),
        _ => return None,
    })
}

/// Words before a number that make it a change rather than a total.
fn change_before(w: &str) -> bool {
    // "closed down 51 cents", "ended up 0.7%": a movement ("up to" is a qualifier,
    // read before this).
    matches!(
        w,
        "additional" | "another" | "extra" | "further" | "up" | "down"
    )
}

/// Words right after a number that make it a change: "thousands more troops".
fn change_after(w: &str) -> bool {
    matches!(w, "more" | "additional" | "extra" | "fewer" | "less")
}

/// Nouns counted in the plural that do not end in -s.
fn irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "cattle"
            | "sheep"
            | "fish"
            | "aircraft"
            | "livestock"
            | "crew"
    )
}

/// The singular of a plural noun, near enough to compare words: "troops" is "troop",
/// "casualties" "casualty", "buses" "bus".
pub fn singular(w: &str) -> String {
    let w = w.to_lowercase();
    if irregular_plural(&w) {
        return match w.as_str() {
            "men" => "man".into(),
            "women" => "woman".into(),
            "children" => "child".into(),
            _ => w,
        };
    }
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{s}y");
    }
    for end in ["sses", "shes", "ches", "xes"] {
        if let Some(s) = w.strip_suffix(end) {
            return format!("{s}{}", &end[..end.len() - 2]);
        }
    }
    match w.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.ends_with('u') && !s.is_empty() => s.to_string(),
        _ => w,
    }
}

/// Whether `w` (as written) can be the plural noun a number counts.
fn counted_noun(w: &str) -> bool {
    let lower = w.to_lowercase();
    if irregular_plural(&lower) {
        return true;
    }
    // "was", "this"; "three times" multiplies, "eight others" counts what came before.
    if crate::text::lexicon::is_function_word(&lower)
        || matches!(lower.as_str(), "times" | "others" | "says" | "does")
    {
        return false;
    }
    if !w.chars().all(|c| c.is_alphabetic() || c == '-') || w.chars().count() < 3 {
        return false;
    }
    // "US", "UN": an abbreviation is a modifier.
    if w.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("ics")
        || lower.ends_with("is") && w.starts_with(char::is_uppercase) // "Iraqis"
}

/// The group of things counted that `lemma` belongs to, for comparing figures: nouns that
/// name the same people or things across outlets ("troops", "soldiers", "forces").
pub fn unit_group(lemma: &str) -> &str {
    match lemma {
        "troop" | "soldier" | "serviceman" | "servicemen" | "personnel" | "force"
        | "service member" => "troop",
        "person" | "people" | "individual" => "people",
        "casualty" | "fatality" | "death" | "dead" => "people",
        other => other,
    }
}

/// What a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plural noun, as its singular: "troop", "site", "iranian".
    Noun(String),
    /// An amount of money in a currency (ISO code), and what it pays for when written
    /// ("deal", "aid"; empty when not).
    Money(&'static str, String),
    /// A percentage of something, the noun it is of or about ("voter", "turnout"; empty
    /// when not written).
    Percent(String),
}

impl Unit {
    /// Whether figures of this unit can be compared: an amount or a percentage only
    /// when what it is of is written.
    pub fn comparable(&self) -> bool {
        match self {
            Unit::Noun(_) => true,
            Unit::Money(_, t) | Unit::Percent(t) => !t.is_empty(),
        }
    }

    /// Whether it is a unit of measure rather than of things counted: index points,
    /// cents, degrees. What is measured so moves from one day to the next.
    pub fn is_measure(&self) -> bool {
        matches!(self, Unit::Noun(n) if matches!(
            n.as_str(),
            "point"
                | "cent"
                | "penny"
                | "pence"
                | "degree"
                | "teraflop"
                | "basis"
                | "barrel"
                | "tonne"
                | "ton"
                | "gallon"
                | "ounce"
                | "litre"
                | "liter"
        ))
    }

    /// Whether it counts members of a population (people, households, users, copies
    /// sold) rather than things of one kind the story is about (troops, banks, sites):
    /// how many people of a country do something is a different number for each thing
    /// they do, so the country alone does not say which quantity it is.
    pub fn is_population(&self) -> bool {
        matches!(self, Unit::Noun(n) if matches!(
            unit_group(n),
            "people"
                | "household"
                | "home"
                | "family"
                | "adult"
                | "user"
                | "resident"
                | "citizen"
                | "customer"
                | "subscriber"
                | "viewer"
                | "listener"
                | "reader"
                | "fan"
                | "visitor"
                | "voter"
                | "consumer"
                | "child"
                | "student"
                | "copy"
                | "unit"
                | "patient"
                | "passenger"
                | "spectator"
                | "member"
                | "briton"
                | "american"
        ))
    }

    /// A key for comparing: figures are only compared within a key.
    pub fn key(&self) -> String {
        match self {
            Unit::Noun(n) => unit_group(n).to_string(),
            Unit::Money(c, t) => format!("{c} {t}"),
            Unit::Percent(t) => format!("% {t}"),
        }
    }

    /// The words shown for it: "troops", "US dollars (aid)", "per cent (turnout)".
    pub fn label(&self) -> String {
        match self {
            Unit::Noun(n) => n.clone(),
            Unit::Money(c, t) => format!("{c} ({t})"),
            Unit::Percent(t) => format!("per cent ({t})"),
        }
    }
}

/// Events a count of people may be of: figures of different events are never compared.
fn event_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "dead" | "died" | "deaths" | "death" | "fatalities" | "killing" | "slain"
        | "kills" => "killed",
        "injured" | "wounded" | "hurt" | "injuries" | "injuring" | "wounding" => "injured",
        "arrested" | "detained" | "jailed" | "arrests" | "detentions" | "imprisoned" => "arrested",
        "displaced" | "fled" | "evacuated" | "homeless" | "refugees" => "displaced",
        "missing" | "disappeared" => "missing",
        "marched" | "rallied" | "protested" => "protested",
        // What happens to jobs: "3,000 jobs will go", "300 jobs would be moved".
        "cut" | "cuts" | "cutting" | "axed" | "shed" | "lost" | "lose" | "losing" | "losses"
        | "slashed" | "scrapped" | "go" | "going" => "cut",
        "created" | "create" | "creating" | "creation" | "added" | "hired" | "hiring" => "created",
        "moved" | "relocated" | "transferred" | "outsourced" => "moved",
        // What a population did, which says which population it is.
        "surveyed" | "polled" | "questioned" | "interviewed" => "surveyed",
        "watched" | "attended" | "viewed" => "watched",
        "tested" | "screened" | "checked" => "tested",
        "infected" => "infected",
        "voted" => "voted",
        "sold" => "sold",
        _ => return None,
    })
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundFigure {
    /// The qualifier, number and the words up to the thing counted: "some 5,000 US troops".
    pub range: Range<usize>,
    /// The number as written: "5,000".
    pub number: Range<usize>,
    /// The value as written, scaled ("5.2bn" is 5.2e9).
    pub value: f64,
    /// The values the wording allows, qualifier included.
    pub lo: f64,
    pub hi: f64,
    pub vague: bool,
    pub qualifier: Option<Qualifier>,
    pub unit: Unit,
    /// A change ("thousands more", "an additional 3,000") rather than a total.
    pub change: bool,
    pub event: Option<&'static str>,
    /// So much a day, a year: a rate.
    pub rate: bool,
    /// Given as what is to come or what is needed rather than as what is or was
    /// ("forecasts of 1.5% growth", "will cut 300 jobs", "needs 67 delegates", "the
    /// 1,237 delegates needed"): told by a word of forecast, of the future or of need
    /// before it in its part of the clause, or by "needed" or "required" after it.
    pub prospective: bool,
    /// Its sentence.
    pub sentence: Range<usize>,
    /// The clause it is in: its sentence, cut at semicolons and dashes.
    pub clause: Range<usize>,
    /// The words after "according to" or "citing" in its sentence, when there are.
    pub authority: Option<Range<usize>>,
    /// The times its clause anchors it to: years ("2014") and months ("december"),
    /// sorted. Figures anchored to different times are different quantities (jobs
    /// created in November and in December).
    pub times: Vec<String>,
}

impl FoundFigure {
    /// Whether it reads a series that moves from one day to the next (a percentage, a
    /// rate, an index, a price and how much it moved) rather than counting things or
    /// an amount paid once: such readings are only compared when taken on the same
    /// day.
    pub fn is_reading(&self) -> bool {
        match &self.unit {
            _ if self.rate => true,
            Unit::Percent(_) => true,
            Unit::Money(..) => self.change,
            noun => noun.is_measure(),
        }
    }
}

/// Words that give what follows them as a forecast, as what is to come or as what is
/// needed.
fn prospect_word(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "needs"
            | "needed"
            | "require"
            | "requires"
            | "required"
            | "target"
            | "targets"
            | "forecast"
            | "forecasts"
            | "forecasting"
            | "forecasters"
            | "predict"
            | "predicts"
            | "predicted"
            | "predicting"
            | "prediction"
            | "predictions"
            | "expect"
            | "expects"
            | "expected"
            | "expecting"
            | "expectation"
            | "expectations"
            | "projected"
            | "projection"
            | "projections"
            | "outlook"
            | "will"
            | "would"
            | "could"
            | "might"
            | "shall"
            | "next"
    )
}

/// People named by whom they are related to: "the parents of two Americans".
fn relatives(w: &str) -> bool {
    matches!(
        w,
        "parents"
            | "families"
            | "relatives"
            | "widows"
            | "children"
            | "mothers"
            | "fathers"
            | "sons"
            | "daughters"
            | "wives"
            | "husbands"
            | "siblings"
            | "brothers"
            | "sisters"
            | "friends"
    )
}

/// Verbs whose subject, after a bare count, is people: "hundreds of thousands took to
/// the streets".
fn people_verb(w: &str) -> bool {
    matches!(
        w,
        "marched"
            | "gathered"
            | "rallied"
            | "protested"
            | "demonstrated"
            | "died"
            | "fled"
            | "took"
            | "attended"
            | "voted"
            | "signed"
            | "turned"
            | "chanted"
            | "mourned"
            | "queued"
            | "lined"
            | "perished"
    )
}

/// Words that end the search for the thing counted.
fn stops_unit_search(lower: &str) -> bool {
    crate::text::lexicon::is_function_word(lower) && !matches!(lower, "more" | "other")
        || matches!(lower, "per")
}

/// The figures in `text`, one sentence or paragraph, in order.
pub fn find_figures(text: &str) -> Vec<FoundFigure> {
    find_figures_in(text, &Sentences::new(text))
}

/// The figures in `text`, whose sentences are found, in order.
pub fn find_figures_in(text: &str, sentences: &Sentences) -> Vec<FoundFigure> {
    let mut out = Vec::new();
    // Each sentence on its own: a figure never reaches past its sentence, and most
    // sentences hold none, so they are not even split into words.
    for sentence in sentences.spans() {
        if !may_hold_number(text, sentence) {
            continue;
        }
        let toks = numbers::tokens_in(text, sentence.clone());
        let nums = numbers::numbers(text, &toks);
        let mut authority = None;
        for n in nums.iter().filter(|n| n.kind == NumberKind::Quantity) {
            if let Some(mut f) = figure(text, &toks, n, sentence) {
                // The sentence's, looked for once it has a figure.
                f.authority = authority
                    .get_or_insert_with(|| authority_in(text, &toks))
                    .clone();
                f.times = times_in(text, &toks, &nums, &f.clause);
                out.push(f);
            }
        }
    }
    out
}

/// The years and months named in `clause`, lower case, sorted, without repeats.
fn times_in(text: &str, toks: &[Token], nums: &[Number], clause: &Range<usize>) -> Vec<String> {
    let within = |r: &Range<usize>| clause.start <= r.start && r.end <= clause.end;
    let mut times: Vec<String> = nums
        .iter()
        .filter(|n| n.kind == NumberKind::Year && within(&n.range))
        .map(|n| text[n.range.clone()].chars().take(4).collect())
        .collect();
    times.extend(
        toks.iter()
            // A month is capitalised: a word in lower case is not one.
            .filter(|t| t.kind == TokenKind::Word && !t.lower && within(&t.range))
            .map(|t| &text[t.range.clone()])
            .filter(|w| w.starts_with(char::is_uppercase) && is_month(w))
            .map(|w| w.to_lowercase()),
    );
    times.sort();
    times.dedup();
    times
}

/// A month's name, whole or shortened ("Dec"), but not "May" (as often a verb).
fn is_month(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "January"
            | "Jan"
            | "February"
            | "Feb"
            | "March"
            | "April"
            | "Apr"
            | "June"
            | "Jun"
            | "July"
            | "Jul"
            | "August"
            | "Aug"
            | "September"
            | "Sep"
            | "Sept"
            | "October"
            | "Oct"
            | "November"
            | "Nov"
            | "December"
            | "Dec"
    )
}

/// Whether `text[range]` may hold a number: a digit, or a word starting with the stem
/// of a number word ([`numbers::number_stem_at`]). Eight bytes at a time, for most of
/// a text is letters inside words that hold neither: first for digits, the commoner
/// and cheaper to find, then for the starts of words, and only those are looked at.
fn may_hold_number(text: &str, range: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
    let mut chunks = bytes[range.clone()].chunks_exact(8);
    if chunks.by_ref().any(|c| ascii_digits(word(c)) != 0)
        || chunks.remainder().iter().any(u8::is_ascii_digit)
    {
        return true;
    }
    // A letter starts a word when the character before it is not a letter: not an
    // ASCII one, nor one beyond ASCII ("élan").
    #[inline(always)]
    fn stem_at(text: &str, j: usize) -> bool {
        let bytes = text.as_bytes();
        numbers::number_stem_at(bytes, j)
            && !(j > 0
                && bytes[j - 1] >= 0x80
                && text[..j]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic))
    }
    let mut chunks = bytes[range.clone()].chunks_exact(8);
    // The high bit of the first byte set when the byte before the chunk is a letter.
    let mut after_letter = 0;
    let mut at = range.start;
    for chunk in &mut chunks {
        let letters = ascii_letters(word(chunk));
        let mut starts = letters & !(letters << 8 | after_letter);
        while starts != 0 {
            if stem_at(text, at + (starts.trailing_zeros() / 8) as usize) {
                return true;
            }
            starts &= starts - 1;
        }
        after_letter = (letters >> 56) & 0x80;
        at += 8;
    }
    (at..range.end).any(|j| {
        bytes[j].is_ascii_alphabetic()
            && (j == range.start || !bytes[j - 1].is_ascii_alphabetic())
            && stem_at(text, j)
    })
}

/// The high bit of each byte of `x` that is an ASCII letter.
fn ascii_letters(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Seven bits of each byte, folded to lower case: adding to them never carries into
    // the next byte.
    let low = (x & !HIGH) | 0x2020_2020_2020_2020;
    let at_least_a = low + 0x1f1f_1f1f_1f1f_1f1f; // 0x80 - b'a'
    let past_z = low + 0x0505_0505_0505_0505; // 0x80 - (b'z' + 1)
    at_least_a & !past_z & !x & HIGH
}

/// The high bit of each byte of `x` that is an ASCII digit.
fn ascii_digits(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & !HIGH;
    let at_least_0 = low + 0x5050_5050_5050_5050; // 0x80 - b'0'
    let past_9 = low + 0x4646_4646_4646_4646; // 0x80 - (b'9' + 1)
    at_least_0 & !past_9 & !x & HIGH
}

fn figure(text: &str, toks: &[Token], n: &Number, sentence: &Range<usize>) -> Option<FoundFigure> {
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let lower = |i: usize| toks.get(i).map(|t| t.lower(text));
    // "one" alone is a pronoun as often as a count ("one said"): never a figure.
    if !n.vague && n.value == 1.0 && n.currency.is_none() && !n.percent {
        return None;
    }
    // "Six Nations", "the Big Four": a capitalised number word inside a sentence,
    // before a capitalised word, is a name.
    let first_word = &text[toks[n.first].range.clone()];
    if n.first > 0
        && first_word.starts_with(char::is_alphabetic)
        && first_word.starts_with(char::is_uppercase)
        && word(n.next).is_some_and(|w| w.starts_with(char::is_uppercase))
        && !matches!(
            word(n.first - 1),
            Some("." | "!" | "?" | "\"" | "“" | "‘" | "'")
        )
    {
        return None;
    }
    let mut start = n.first;
    let mut change = false;
    let qualifier = qualifier_before(text, toks, n.first);
    if let Some((_, len)) = qualifier {
        start -= len;
    }
    if start > 0 && lower(start - 1).as_deref().is_some_and(change_before) {
        change = true;
    }
    // "their last 13 matches", "the past six months", "the next 30 projects": a
    // stretch the writer chose to speak of, not a quantity anyone reports.
    if start > 0
        && matches!(
            lower(start - 1).as_deref(),
            Some("last" | "past" | "first" | "next" | "previous" | "final" | "latest" | "opening")
        )
    {
        return None;
    }
    let clause = clause_of(text, sentence, &n.range);

    // "the 20 biggest-selling games", "the 50 richest people": a ranked list, as
    // long as the writer chose to make it.
    if word(n.next).is_some_and(|w| {
        let head = lowercase(w.split('-').next().unwrap_or_default());
        head.ends_with("est")
            && head.len() > 4
            && !matches!(&*head, "interest" | "protest" | "arrest")
            || matches!(&*head, "most" | "best" | "worst" | "least")
    }) {
        return None;
    }
    // "the parents of two Americans killed", "families of 12 victims": the number says
    // whose relatives they are, a part of a set counted elsewhere ("four Americans
    // were killed"), not how many there were. "The families of the nine people killed"
    // name them all.
    if start > 1
        && lower(start - 1).as_deref() == Some("of")
        && lower(start - 2).as_deref().is_some_and(relatives)
    {
        return None;
    }
    // "three other detainees": the rest of a set the text counted before, not a
    // quantity that stands alone.
    if lower(n.next)
        .as_deref()
        .is_some_and(|w| w == "other" || w == "others")
    {
        return None;
    }
    // The thing counted.
    let mut i = n.next;
    if i < toks.len() && lower(i).as_deref().is_some_and(change_after) {
        change = true;
        i += 1;
    }
    let unit;
    let mut end = toks[n.next - 1].range.end;
    if n.percent {
        unit = Unit::Percent(topic(text, toks, n, &clause).unwrap_or_default());
    } else if let Some(c) = n.currency {
        // "3 million dollars": the currency word is part of the amount.
        if lower(i)
            .as_deref()
            .and_then(numbers::currency_word)
            .is_some()
        {
            end = toks[i].range.end;
        }
        unit = Unit::Money(c, topic(text, toks, n, &clause).unwrap_or_default());
    } else {
        if n.vague && lower(i).as_deref() == Some("of") {
            i += 1;
            if lower(i).as_deref() == Some("the") {
                i += 1;
            }
        }
        let mut found = None;
        for k in i..(i + 5).min(toks.len()) {
            let t = &toks[k];
            let w = &text[t.range.clone()];
            if t.range.start >= clause.end {
                break;
            }
            match t.kind {
                TokenKind::Other if matches!(w, "," | "-" | "–") && k > i => continue,
                TokenKind::Other | TokenKind::Digits => break,
                TokenKind::Word => {}
            }
            let l = t.lower(text);
            // A capitalised plural after another capitalised word is a name ("Kelly
            // Holmes"), unless that word is an abbreviation ("US Marines").
            let prev = &text[toks[k - 1].range.clone()];
            let in_name = w.starts_with(char::is_uppercase)
                && k > n.next
                && prev.starts_with(char::is_uppercase)
                && !prev.chars().all(|c| c.is_uppercase() || c == '.');
            // So is one before another capitalised word: a first name ("132 Des
            // Terblanche" in a table of scores), unless that word is a day or a month
            // ("killed 20 Iraqis Monday").
            let starts_name = w.starts_with(char::is_uppercase)
                && toks.get(k + 1).is_some_and(|t| {
                    let next = &text[t.range.clone()];
                    t.kind == TokenKind::Word
                        && t.range.end <= clause.end
                        && next.starts_with(char::is_uppercase)
                        && !next.chars().all(|c| c.is_uppercase() || c == '.')
                        && !crate::text::lexicon::is_month_or_weekday(next)
                });
            if counted_noun(w) && !in_name && !starts_name {
                found = Some((k, singular(w)));
                break;
            }
            // A capitalised word is a modifier ("US", "Iranian"), not the end.
            if stops_unit_search(&l) && !w.starts_with(char::is_uppercase) {
                break;
            }
            // A verb that only people do, right after a bare count: "thousands
            // marched", "50 died" (not "sales of 312,000 compared with...").
            if k == i && people_verb(&l) {
                found = Some((k - 1, "people".to_string()));
                break;
            }
        }
        let (mut k, mut lemma) = found?;
        // "5,000 police officers": a plural noun after one is what is counted.
        if let Some(next) = toks.get(k + 1).filter(|t| {
            let w = &text[t.range.clone()];
            t.kind == TokenKind::Word
                && t.range.end <= clause.end
                && w.starts_with(char::is_lowercase)
                && counted_noun(w)
        }) {
            k += 1;
            lemma = singular(&text[next.range.clone()]);
        }
        if k >= n.next {
            end = toks[k].range.end;
        }
        unit = Unit::Noun(lemma);
    }

    // The event it counts: an event word after it, before the next "and" or comma
    // ("200 people were arrested and..."), or else the nearest before it in the same
    // part of its clause ("police arrested 200 people", but not "lawmakers voted to
    // end a bill which allowed Washington to station 5,200 troops").
    let in_clause = |t: &Token| clause.start <= t.range.start && t.range.end <= clause.end;
    let lower_at = |k: usize| toks[k].lower(text);
    let event = (n.next..toks.len())
        .take_while(|&k| {
            in_clause(&toks[k])
                && !matches!(&text[toks[k].range.clone()], "and" | "but" | "," | "while")
        })
        .find_map(|k| event_of(&lower_at(k)))
        .or_else(|| {
            (0..n.first)
                .rev()
                .take_while(|&k| in_clause(&toks[k]))
                .map(lower_at)
                .take_while(|w| {
                    !matches!(
                        &**w,
                        "and" | "but" | "," | "while" | "which" | "that" | "who" | "to"
                    )
                })
                .find_map(|w| event_of(&w))
        });

    let (value, lo, hi) = match qualifier {
        Some((q, _)) => {
            let (lo, hi) = q.bound(n.value, n.lo, n.hi);
            (n.value, lo, hi)
        }
        None => (n.value, n.lo, n.hi),
    };
    // "fell 20 points", "rose by 2%": how far a measure moved ("rose to 2%" is where
    // it got to).
    let measured = match &unit {
        Unit::Noun(_) => unit.is_measure(),
        Unit::Money(..) | Unit::Percent(_) => true,
    };
    if measured && !change && start > 0 {
        let before = lower(start - 1);
        let moved = match before.as_deref() {
            Some("by") => start > 1 && lower(start - 2).as_deref().is_some_and(movement_verb),
            Some(w) => movement_verb(w),
            None => false,
        };
        change = moved;
    }
    // "793,000 barrels a day", "£35bn a year": a rate.
    // "barrels of oil a day": what it is of may stand between.
    // The first word after it.
    let after = toks[n.next - 1..]
        .iter()
        .position(|t| t.range.start >= end)
        .map(|k| k + n.next - 1);
    let rate = {
        let w = |k: usize| toks.get(k).map(|t| t.lower(text));
        after.is_some_and(|after| {
            (after..after + 4)
                .take_while(|&k| {
                    toks.get(k)
                        .is_some_and(|t| t.kind == TokenKind::Word && t.range.end <= clause.end)
                })
                .any(|k| {
                    matches!(w(k).as_deref(), Some("a" | "an" | "per" | "each"))
                        && w(k + 1).is_some_and(|u| numbers::is_time_unit(&u))
                        || w(k).as_deref() == Some("bpd")
                })
        })
    };
    // "predictions of growth of 1.5%", "is expected to cut 300 jobs", "needs 67
    // delegates": told by a word before it, back to the start of its part of the
    // clause; "the 1,237 delegates needed": by the word after it.
    let prospective = (0..n.first)
        .rev()
        .take_while(|&k| in_clause(&toks[k]))
        .map(lower_at)
        .take_while(|w| !matches!(&**w, "and" | "but" | "," | "while" | "which" | "who"))
        .any(|w| prospect_word(&w))
        || after.is_some_and(|k| matches!(&*toks[k].lower(text), "needed" | "required"));
    Some(FoundFigure {
        range: toks[start].range.start..end,
        rate,
        prospective,
        number: n.range.clone(),
        value,
        lo,
        hi,
        vague: n.vague,
        qualifier: qualifier.map(|(q, _)| q),
        unit,
        change,
        event,
        sentence: sentence.clone(),
        clause,
        authority: None,
        times: Vec::new(),
    })
}

/// The clause of `sentence` around `range`: cut at semicolons, dashes and colons.
fn clause_of(text: &str, sentence: &Range<usize>, range: &Range<usize>) -> Range<usize> {
    // Found by their bytes: "—" and "–" are E2 80 94 and E2 80 93.
    let b = text.as_bytes();
    let dash_at = |k: usize| {
        b.get(k..k + 3)
            .is_some_and(|d| d[0] == 0xE2 && d[1] == 0x80 && matches!(d[2], 0x93 | 0x94))
    };
    let start = (sentence.start..range.start)
        .rev()
        .find(|&k| matches!(b[k], b';' | b':') || k >= 2 && dash_at(k - 2))
        .map_or(sentence.start, |k| k + 1);
    let end = (range.end..sentence.end)
        .find(|&k| matches!(b[k], b';' | b':') || dash_at(k))
        .unwrap_or(sentence.end);
    start..end
}

/// What a percentage or an amount of money is of: the noun after it ("a $5bn deal",
/// "$3 million in aid", "40% of voters"), or before it ("a fine of $5m", "turnout was
/// 44%"), lower case.
///
/// A percentage's topic is a lemma ("voter"); an amount's keeps its number, for "a £2m
/// donation" is one donation, and "£5m in donations" the total of many.
fn topic(text: &str, toks: &[Token], n: &Number, clause: &Range<usize>) -> Option<String> {
    let lemma = |w: &str| {
        if n.currency.is_some() {
            w.to_string()
        } else {
            singular(w)
        }
    };
    let within = |t: &Token| clause.start <= t.range.start && t.range.end <= clause.end;
    let content = |t: &Token| {
        let w = &text[t.range.clone()];
        let l = t.lower(text);
        // Lower case, or capitalised only as the clause's first word ("Turnout was").
        (t.kind == TokenKind::Word
            && (w.chars().next().is_some_and(char::is_lowercase)
                || t.range.start == clause.start && w.chars().skip(1).all(char::is_lowercase))
            && !crate::text::lexicon::is_function_word(&l)
            // "3.7% in the three months": a number is what it is of for no figure.
            && numbers::small_number_word(&l).is_none()
            && !matches!(
                &*l,
                "worth"
                    | "per"
                    | "cent"
                    | "percent"
                    | "rose"
                    | "fell"
                    | "grew"
                    | "dropped"
                    | "was"
                    | "is"
                    | "stood"
                    | "reached"
                    | "hit"
                    | "totalled"
                    | "totaled"
                    | "nearly"
                    | "almost"
                    | "some"
                    | "around"
                    | "roughly"
            )
            && !l.ends_with("ed")
            && !l.ends_with("ly"))
        .then(|| lemma(&l))
    };
    let skip_after = |w: &str| {
        matches!(
            w,
            "in" | "of" | "for" | "on" | "worth" | "a" | "the" | "its" | "their"
        )
    };
    let lower_at = |k: usize| toks.get(k).filter(|t| within(t)).map(|t| t.lower(text));
    let mut k = n.next;
    while k < n.next + 3 {
        let Some(t) = toks.get(k).filter(|t| within(t)) else {
            break;
        };
        let w = t.lower(text);
        // "$53 a barrel", "10% a year": a rate. Per stretch of time, what it is of is
        // written elsewhere ("debt rising at 15% a year"); per anything else it is a
        // price, a reading of a market that moves between one report and the next,
        // and never compared.
        if matches!(&*w, "a" | "an" | "per" | "each") {
            match lower_at(k + 1) {
                Some(u) if numbers::is_time_unit(&u) => {
                    k += 2;
                    continue;
                }
                Some(u) if u.starts_with(char::is_alphabetic) => return None,
                _ if &*w == "each" => return None,
                _ => {}
            }
        }
        // "a 0.3% rise": what rose is written elsewhere, if at all, and two rises of
        // the same size are not one quantity; "a 2% rise in sales" is of sales.
        if is_change_noun(&w) {
            let mut j = k + 1;
            if !matches!(lower_at(j).as_deref(), Some("in" | "of")) {
                return None;
            }
            j += 1;
            if lower_at(j).as_deref() == Some("the") {
                j += 1;
            }
            return toks.get(j).filter(|t| within(t)).and_then(content);
        }
        k += 1;
        if let Some(c) = content(t).filter(|_| numbers::currency_word(&w).is_none()) {
            // "£8bn of tax rises" and "£4bn of tax cuts" are not one amount.
            return Some(match lower_at(k).filter(|w| is_change_noun(w)) {
                Some(change) => format!("{c} {}", lemma(&change)),
                None => c,
            });
        }
        if !skip_after(&w) && numbers::currency_word(&w).is_none() {
            break;
        }
    }
    // Before it: "a fine of $5m", "a stake of 10%"; or the clause's first word with
    // only a linking verb between ("Turnout was 44%", "Inflation rose to 3%").
    let before = |k: usize| toks.get(k).filter(|t| within(t));
    let k = n.first.checked_sub(1)?;
    let w = |k: usize| before(k).map(|t| t.lower(text));
    if w(k).as_deref() == Some("of") {
        return before(k.checked_sub(1)?).and_then(content);
    }
    let mut k = k;
    while w(k).as_deref().is_some_and(|w| {
        matches!(
            w,
            "was"
                | "is"
                | "stood"
                | "at"
                | "rose"
                | "fell"
                | "to"
                | "by"
                | "reached"
                | "of"
                | "has"
                | "had"
                | "grew"
                | "dropped"
                | "rising"
                | "falling"
                | "growing"
                | "running"
                | "hit"
                | "totalled"
                | "totaled"
        )
    }) {
        k = k.checked_sub(1)?;
    }
    // "Inflation in the UK stood at 3%": where it is measured stands between.
    let capitalised = |k: usize| {
        before(k).is_some_and(|t| {
            t.kind == TokenKind::Word && text[t.range.clone()].starts_with(char::is_uppercase)
        })
    };
    if capitalised(k) {
        let mut j = k;
        while j > 0 && (capitalised(j) || w(j).as_deref() == Some("the")) {
            j -= 1;
        }
        if matches!(w(j).as_deref(), Some("in" | "of" | "across")) && j > 0 {
            k = j - 1;
        }
    }
    let t = before(k)?;
    (t.range.start == clause.start || k == 0)
        .then(|| content(t))
        .flatten()
}

/// Verbs of a measure moving: "the index fell 20 points".
fn movement_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "fell"
            | "gained"
            | "lost"
            | "dropped"
            | "climbed"
            | "jumped"
            | "slipped"
            | "declined"
            | "grew"
            | "shed"
            | "added"
            | "increased"
            | "decreased"
            | "plunged"
            | "surged"
            | "tumbled"
            | "soared"
            | "edged"
            | "dipped"
            | "eased"
            | "rising"
            | "falling"
            | "up"
            | "down"
    )
}

/// Nouns of a change that do not say what changed: "a 0.3% rise".
fn is_change_noun(w: &str) -> bool {
    matches!(
        singular(w).as_str(),
        "rise"
            | "fall"
            | "increase"
            | "decrease"
            | "drop"
            | "decline"
            | "jump"
            | "gain"
            | "climb"
            | "dip"
            | "slump"
            | "surge"
            | "cut"
            | "loss"
            | "slide"
            | "hike"
            | "reduction"
    )
}

/// The words after "according to" or "citing" in the sentence of `toks`, up to the next
/// comma or the sentence's end, when there are.
fn authority_in(text: &str, toks: &[Token]) -> Option<Range<usize>> {
    let is = |k: usize, word: &str| {
        toks.get(k)
            .is_some_and(|t| text[t.range.clone()].eq_ignore_ascii_case(word))
    };
    // Most sentences have neither word, which their lengths and first letters tell.
    let candidate = |t: &Token| {
        matches!(
            (t.range.len(), text.as_bytes()[t.range.start] | 0x20),
            (9, b'a') | (6, b'c')
        )
    };
    let from = toks.iter().position(candidate)?;
    for k in from..toks.len() {
        let from = if is(k, "according") && is(k + 1, "to") {
            k + 2
        } else if is(k, "citing") {
            k + 1
        } else {
            continue;
        };
        let first = toks.get(from)?;
        let mut last = first;
        for t in &toks[from..] {
            if t.kind == TokenKind::Other
                && !matches!(&text[t.range.clone()], "'" | "’" | "&" | "-")
            {
                break;
            }
            last = t;
        }
        return Some(first.range.start..last.range.end);
    }
    None
}

#[cfg(test)]
mod tests;
