//! Collection-wide word counts: how often each word is written in lower case and how
//! often capitalised in mid-sentence, and the adjectives of nationality that derive
//! from a name in the text ("Iraqi" from "Iraq").

use std::collections::{HashMap, HashSet};

use super::{known, words};
use crate::text::lexicon;

/// Collection-wide word counts.
#[derive(Debug, Default)]
pub(super) struct Stats<'a> {
    /// Occurrences of each lower-case word.
    pub(super) lower: HashMap<&'a str, usize>,
    /// Occurrences of each capitalised word that does not start a sentence.
    pub(super) capitalised_mid: HashMap<&'a str, usize>,
    /// Every capitalised word, anywhere.
    pub(super) capitalised: HashSet<&'a str>,
}

impl Stats<'_> {
    pub(super) fn lower_count(&self, word: &str) -> usize {
        self.lower
            .get(word.to_lowercase().as_str())
            .copied()
            .unwrap_or(0)
    }

    pub(super) fn mid_count(&self, word: &str) -> usize {
        self.capitalised_mid.get(word).copied().unwrap_or(0)
    }

    /// A capitalised word that is mostly written in lower case: "Parliament", "Video".
    pub(super) fn is_ordinary(&self, word: &str) -> bool {
        let lower = self.lower_count(word);
        lower >= 1 && lower * 2 >= self.mid_count(word)
    }

    /// For an adjective of nationality, religion or ethnicity ("Iraqi", "Iranians",
    /// "Kurdish", "Sunni"), the word it derives from ("Iraq"), or itself.
    pub(super) fn demonym_base(&self, word: &str) -> Option<String> {
        // A place is no adjective: "Sweden" is not "Swede" + "n".
        if known::is_place(word) {
            return None;
        }
        let word = word.replace(words::is_apostrophe, "'");
        self.singular_demonym_base(&word).or_else(|| {
            word.strip_suffix('s')
                .filter(|w| w.chars().count() >= 4)
                .and_then(|w| self.singular_demonym_base(w))
        })
    }

    /// True when a name is an adjective or a noun of nationality, of one word
    /// ("Germans", from "Germany" in the gazetteer) or more ("South Korean", "Sri
    /// Lankans").
    pub(super) fn is_demonym(&self, name: &str) -> bool {
        if !name.contains(' ') && self.demonym_base(name).is_some() {
            return true;
        }
        let singular = name.strip_suffix('s').unwrap_or(name);
        [
            ("ian", &["", "e", "a"][..]),
            ("an", &["", "a"][..]),
            ("n", &[""][..]),
            ("", &["y"][..]),
        ]
        .iter()
        .filter_map(|(suffix, restores)| Some((singular.strip_suffix(suffix)?, *restores)))
        .any(|(stem, restores)| {
            restores
                .iter()
                .any(|r| super::known::is_place(&format!("{stem}{r}")))
        })
    }

    /// A name capitalised in the text or a place in the gazetteer: what an adjective
    /// of nationality may derive from.
    fn is_place_name(&self, name: &str) -> bool {
        self.capitalised.contains(name) || known::is_place(name)
    }

    fn singular_demonym_base(&self, word: &str) -> Option<String> {
        if lexicon::is_listed_demonym(word) {
            return Some(word.to_string());
        }
        // "Englishman", "Frenchwoman", "Queenslander": a person from a place.
        if let Some(stem) = ["man", "woman", "men", "women", "er"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .filter(|stem| stem.chars().count() >= 4)
            && let Some(base) = self
                .singular_demonym_base(stem)
                .or_else(|| self.is_place_name(stem).then(|| stem.to_string()))
        {
            return Some(base);
        }
        for (suffix, restores) in [
            ("ian", &["", "e", "a"][..]),
            ("an", &["", "a", "o"][..]),
            ("n", &[""][..]),
            ("i", &[""][..]),
            ("ese", &["", "a"][..]),
            ("ish", &[""][..]),
        ] {
            if let Some(stem) = word.strip_suffix(suffix) {
                for restore in restores {
                    let base = format!("{stem}{restore}");
                    if base.chars().count() >= 4 && self.is_place_name(&base) {
                        return Some(base);
                    }
                }
            }
        }
        let long = word.chars().count() >= 6;
        (long && (word.ends_with("ish") || word.ends_with("ese"))).then(|| word.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_adjectives_of_nationality_from_the_text() {
        let mut stats = Stats::default();
        for w in [
            "Iraq",
            "Iran",
            "America",
            "Syria",
            "Palestine",
            "Soleiman",
            "Swede",
        ] {
            stats.capitalised.insert(w);
        }
        let cases: &[(&str, Option<&str>)] = &[
            ("Iraqi", Some("Iraq")),
            ("Iraqis", Some("Iraq")),
            ("Iranian", Some("Iran")),
            ("Iranians", Some("Iran")),
            ("American", Some("America")),
            ("Syrian", Some("Syria")),
            ("Palestinian", Some("Palestine")),
            ("Kurdish", Some("Kurdish")),
            ("Shi’ite", Some("Shi'ite")),
            ("Sunni", Some("Sunni")),
            // Also from the gazetteer: "China", "Morocco", "Queensland".
            ("Chinese", Some("China")),
            ("Moroccan", Some("Morocco")),
            ("Queenslander", Some("Queensland")),
            // A place in the gazetteer is no adjective, whatever else occurs.
            ("Sweden", None),
            ("Tehran", None),
            ("Trump", None),
            ("Amiri", None),
            ("Irish", None),
        ];
        for (word, base) in cases {
            assert_eq!(stats.demonym_base(word).as_deref(), *base, "{word}");
        }
    }
}
