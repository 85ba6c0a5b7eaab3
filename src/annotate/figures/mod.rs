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
            .map(|t| text[t.range.clone()].to_lowercase())
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
    matches!(w, "additional" | "another" | "extra" | "further")
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
    /// The clause it is in: its sentence, cut at semicolons and dashes.
    pub clause: Range<usize>,
    /// The words after "according to" or "citing" in its sentence, when there are.
    pub authority: Option<Range<usize>>,
    /// The times its clause anchors it to: years ("2014") and months ("december"),
    /// sorted. Figures anchored to different times are different quantities (jobs
    /// created in November and in December).
    pub times: Vec<String>,
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

/// The figures in `text`, one sentence or paragraph, in order. `sentences` are its
/// sentence ranges.
pub fn find_figures(text: &str, sentences: &[Range<usize>]) -> Vec<FoundFigure> {
    if !may_hold_figures(text) {
        return Vec::new();
    }
    let toks = numbers::tokens(text);
    let nums = numbers::numbers(text, &toks);
    let mut out = Vec::new();
    for n in nums.iter().filter(|n| n.kind == NumberKind::Quantity) {
        if let Some(mut f) = figure(text, &toks, n, sentences) {
            f.times = times_in(text, &toks, &nums, &f.clause);
            out.push(f);
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
            .filter(|t| t.kind == TokenKind::Word && within(&t.range))
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

/// Whether `text` may hold a figure: most text holds no digit and no number word, and
/// this cheap test spares it the rest.
pub fn may_hold_figures(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || has_number_word(text)
}

/// Whether `text` may hold a number in words: the stems every such number has one of.
fn has_number_word(text: &str) -> bool {
    static STEMS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "two", "thre", "thir", "four", "fif", "six", "seven", "eigh", "nine", "ten",
                "eleven", "twel", "twent", "hundred", "thousand", "million", "billion", "dozen",
                "score", "first", "second",
            ])
            .expect("the stems build")
    });
    STEMS.is_match(text)
}

fn figure(
    text: &str,
    toks: &[Token],
    n: &Number,
    sentences: &[Range<usize>],
) -> Option<FoundFigure> {
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let lower = |i: usize| word(i).map(str::to_lowercase);
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
    // "a further 3,000": the article before belongs to the change word.
    let sentence = sentences
        .iter()
        .find(|s| s.start <= n.range.start && n.range.end <= s.end)
        .cloned()
        .unwrap_or(0..text.len());
    let clause = clause_of(text, &sentence, &n.range);

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
            let l = w.to_lowercase();
            // A capitalised plural after another capitalised word is a name ("Kelly
            // Holmes"), unless that word is an abbreviation ("US Marines").
            let prev = &text[toks[k - 1].range.clone()];
            let in_name = w.starts_with(char::is_uppercase)
                && k > n.next
                && prev.starts_with(char::is_uppercase)
                && !prev.chars().all(|c| c.is_uppercase() || c == '.');
            if counted_noun(w) && !in_name {
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
        let (k, lemma) = found?;
        if k >= n.next {
            end = toks[k].range.end;
        }
        unit = Unit::Noun(lemma);
    }

    // The event it counts: an event word after it, before the next "and" or comma
    // ("200 people were arrested and..."), or else the nearest before it in its clause
    // ("police arrested 200 people").
    let in_clause = |t: &Token| clause.start <= t.range.start && t.range.end <= clause.end;
    let event_at = |k: usize| event_of(&text[toks[k].range.clone()].to_lowercase());
    let event = (n.next..toks.len())
        .take_while(|&k| {
            in_clause(&toks[k])
                && !matches!(&text[toks[k].range.clone()], "and" | "but" | "," | "while")
        })
        .find_map(event_at)
        .or_else(|| {
            (0..n.first)
                .rev()
                .take_while(|&k| in_clause(&toks[k]))
                .find_map(event_at)
        });

    let (value, lo, hi) = match qualifier {
        Some((q, _)) => {
            let (lo, hi) = q.bound(n.value, n.lo, n.hi);
            (n.value, lo, hi)
        }
        None => (n.value, n.lo, n.hi),
    };
    Some(FoundFigure {
        range: toks[start].range.start..end,
        number: n.range.clone(),
        value,
        lo,
        hi,
        vague: n.vague,
        qualifier: qualifier.map(|(q, _)| q),
        unit,
        change,
        event,
        clause,
        authority: authority_in(text, toks, &sentence),
        times: Vec::new(),
    })
}

/// The clause of `sentence` around `range`: cut at semicolons, dashes and colons.
fn clause_of(text: &str, sentence: &Range<usize>, range: &Range<usize>) -> Range<usize> {
    let s = &text[sentence.clone()];
    let cut = |c: char| matches!(c, ';' | '—' | '–' | ':');
    let before = &s[..range.start - sentence.start];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| cut(c))
        .map_or(sentence.start, |(k, c)| sentence.start + k + c.len_utf8());
    let after = &s[range.end - sentence.start..];
    let end = after
        .char_indices()
        .find(|&(_, c)| cut(c))
        .map_or(sentence.end, |(k, _)| range.end + k);
    start..end
}

/// What a percentage or an amount of money is of: the noun after it ("a $5bn deal",
/// "$3 million in aid", "40% of voters"), or before it ("a fine of $5m", "turnout was
/// 44%"), lower case and singular.
fn topic(text: &str, toks: &[Token], n: &Number, clause: &Range<usize>) -> Option<String> {
    let within = |t: &Token| clause.start <= t.range.start && t.range.end <= clause.end;
    let content = |t: &Token| {
        let w = &text[t.range.clone()];
        let l = w.to_lowercase();
        // Lower case, or capitalised only as the clause's first word ("Turnout was").
        (t.kind == TokenKind::Word
            && (w.chars().next().is_some_and(char::is_lowercase)
                || t.range.start == clause.start && w.chars().skip(1).all(char::is_lowercase))
            && !crate::text::lexicon::is_function_word(&l)
            && !matches!(
                l.as_str(),
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
        .then(|| singular(&l))
    };
    let skip_after = |w: &str| {
        matches!(
            w,
            "in" | "of" | "for" | "on" | "worth" | "a" | "the" | "its" | "their"
        )
    };
    for k in n.next..n.next + 3 {
        let Some(t) = toks.get(k).filter(|t| within(t)) else {
            break;
        };
        let w = text[t.range.clone()].to_lowercase();
        if let Some(c) = content(t).filter(|_| numbers::currency_word(&w).is_none()) {
            return Some(c);
        }
        if !skip_after(&w) && numbers::currency_word(&w).is_none() {
            break;
        }
    }
    // Before it: "a fine of $5m", "a stake of 10%"; or the clause's first word with
    // only a linking verb between ("Turnout was 44%", "Inflation rose to 3%").
    let before = |k: usize| toks.get(k).filter(|t| within(t));
    let k = n.first.checked_sub(1)?;
    let w = |k: usize| before(k).map(|t| text[t.range.clone()].to_lowercase());
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
        )
    }) {
        k = k.checked_sub(1)?;
    }
    let t = before(k)?;
    (t.range.start == clause.start || k == 0)
        .then(|| content(t))
        .flatten()
}

/// The words after "according to" or "citing" in `sentence`, up to the next comma or
/// the sentence's end, when there are.
fn authority_in(text: &str, toks: &[Token], sentence: &Range<usize>) -> Option<Range<usize>> {
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&k| sentence.start <= toks[k].range.start && toks[k].range.end <= sentence.end)
        .collect();
    let w = |k: usize| text[toks[k].range.clone()].to_lowercase();
    for (j, &k) in inside.iter().enumerate() {
        let from = match w(k).as_str() {
            "according" if inside.get(j + 1).is_some_and(|&n| w(n) == "to") => j + 2,
            "citing" => j + 1,
            _ => continue,
        };
        let first = *inside.get(from)?;
        let mut last = first;
        for &m in &inside[from..] {
            let t = &toks[m];
            if t.kind == TokenKind::Other
                && !matches!(&text[t.range.clone()], "'" | "’" | "&" | "-")
            {
                break;
            }
            last = m;
        }
        return Some(toks[first].range.start..toks[last].range.end);
    }
    None
}

#[cfg(test)]
mod tests;
