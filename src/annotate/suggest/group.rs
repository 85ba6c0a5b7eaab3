//! Grouping candidates into entities (step 4) with union-find: spellings of one name,
//! descriptions of one institution, a name and its parenthetical, an institution and
//! its acronym or short forms, and the short forms of people's names.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::candidate::{Candidate, Table, normalise};
use super::words::{self, Shape};
use super::{fold, known};
use crate::text::lexicon;

/// Groups of candidates that name one thing; each group lists candidate indices.
pub(super) fn group_candidates(table: &Table) -> Vec<Vec<usize>> {
    let cands = &table.candidates;
    let live: Vec<usize> = (0..cands.len())
        .filter(|&i| !cands[i].occurrences.is_empty())
        .collect();
    let mut sets = UnionFind::new(cands.len());

    join_spellings(cands, &live, &mut sets);
    join_names_in_capitals(cands, &live, &mut sets);
    // Descriptions of one institution: "Iraqi parliament", "Iraq's parliament".
    let mut descriptions: BTreeMap<&(String, String), usize> = BTreeMap::new();
    for &i in &live {
        if let Some(d) = &cands[i].description {
            let first = *descriptions.entry(d).or_insert(i);
            sets.union(first, i);
        }
    }
    // A name and its parenthetical, unless either is paired with another name too:
    // "Deutsche Bank (DB)" and "Deutsche Boerse (DB)" are two.
    let mut partners: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(a, b) in &table.parenthetical {
        partners.entry(a).or_default().insert(b);
        partners.entry(b).or_default().insert(a);
    }
    for &(a, b) in &table.parenthetical {
        if partners[&a].len() == 1 && partners[&b].len() == 1 {
            sets.union(a, b);
        }
    }
    join_short_forms_of_institutions(table, &live, &mut sets);
    join_short_forms_of_people(table, &live, &mut sets);

    // A short form that several people share ("Clinton") joins none of them: an
    // alias must name one entity.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &live {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Joins spellings of one name: the same folded form ("U.S."/"US", "The Times"/"Times")
/// or a spelling variant ("Qasem"/"Qassem Soleimani").
fn join_spellings(cands: &[Candidate], live: &[usize], sets: &mut UnionFind) {
    // An acronym folds to its letters, so that "U.S." and "US" meet.
    let folded: Vec<Vec<String>> = cands
        .iter()
        .map(|c| match c.is_acronym() {
            true => vec![fold::acronym_letters(&c.surface).to_lowercase()],
            false => fold::fold(&c.surface),
        })
        .collect();
    // The last words of personal names: alike surnames are different people
    // ("Bogdanov", "Bogdanova", "Hofmann", "Hoffmann"), so lone words that are
    // surnames are not compared by spelling (their full names are).
    let surnames: HashSet<&str> = live
        .iter()
        .filter(|&&i| cands[i].is_person_shaped())
        .filter_map(|&i| cands[i].surface.rsplit(' ').next())
        .collect();
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in live {
        if !folded[i].is_empty() && cands[i].description.is_none() {
            by_key
                .entry(fold::block_key(&folded[i]))
                .or_default()
                .push(i);
        }
    }
    for members in by_key.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (a, b) = (&cands[i], &cands[j]);
                if a.is_acronym() != b.is_acronym() {
                    continue;
                }
                let surname = |c: &Candidate| surnames.contains(c.surface.as_str());
                let lone_surnames = folded[i].len() == 1 && (surname(a) || surname(b));
                let (few, many) = {
                    let (x, y) = (a.occurrences.len(), b.occurrences.len());
                    (x.min(y), x.max(y))
                };
                // A rare misspelling of a long name: "Khordokovsky" once beside
                // "Khodorkovsky" often. Two places are two places ("Austria").
                let misspelt = few * 3 <= many
                    && !(known::is_place(&a.surface) && known::is_place(&b.surface))
                    && fold::is_misspelling(&folded[i], &folded[j]);
                let alike = if is_adjective_of(&folded[i], &folded[j]) {
                    false
                } else if a.is_acronym() {
                    folded[i] == folded[j]
                } else {
                    !lone_surnames && (fold::is_variant(&folded[i], &folded[j]) || misspelt)
                };
                if alike {
                    sets.union(i, j);
                }
            }
        }
    }
}

/// Joins a name written in capitals in a table or a results line ("FLORIDA 4") to
/// the same name written in a sentence ("Florida"), when it has four letters or more:
/// "US" stays apart from "Us".
fn join_names_in_capitals(cands: &[Candidate], live: &[usize], sets: &mut UnionFind) {
    let written: HashMap<&str, usize> = live
        .iter()
        .filter(|&&i| !cands[i].is_acronym())
        .map(|&i| (cands[i].surface.as_str(), i))
        .collect();
    for &i in live {
        let c = &cands[i];
        let letters = c.surface.chars().filter(|c| c.is_alphabetic()).count();
        if c.is_acronym()
            && letters >= 4
            && let Some(&j) = written.get(words::title_case(&c.surface).as_str())
        {
            sets.union(i, j);
        }
    }
}

/// True when one folded name is the other with the ending of an adjective of
/// nationality: "South African" and "South Africa", "East Timorese" and "East Timor".
fn is_adjective_of(a: &[String], b: &[String]) -> bool {
    let (ja, jb) = (a.concat(), b.concat());
    let (long, short) = if ja.len() > jb.len() {
        (ja, jb)
    } else {
        (jb, ja)
    };
    long.strip_prefix(short.as_str())
        .is_some_and(|ending| matches!(ending, "n" | "an" | "ian" | "ese" | "i" | "ish"))
}

/// Joins an institution's name to the same words in another order, and to the short
/// forms that only it can have: its acronym
/// ("IS", "Islamic State"), its name without a qualifier ("Defense Department", "US
/// Defense Department") or without a company word ("Sentinel Refining", "Sentinel
/// Refining Group"). A short form that several names could have stays apart.
fn join_short_forms_of_institutions(table: &Table, live: &[usize], sets: &mut UnionFind) {
    let cands = &table.candidates;
    let mut acronyms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut shorter: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for &i in live {
        let c = &cands[i];
        let words = c.words();
        if words.len() < 2 || c.description.is_some() {
            continue;
        }
        // A name shaped like a person's that is not known to be one has initials
        // too: it joins no acronym, but keeps one from joining another name ("DB" of
        // "Deutsche Boerse" is not "Deutsche Bank"'s).
        if c.is_person_shaped() {
            if !c.is_known_person() {
                acronyms
                    .entry(fold::initials(&c.surface))
                    .or_default()
                    .insert(i);
            }
            continue;
        }
        acronyms
            .entry(fold::initials(&c.surface))
            .or_default()
            .insert(i);
        let qualifier = words[0];
        let qualified = words::shape_of(qualifier) == Shape::Acronym
            || table.index.contains_key(&normalise(qualifier));
        let tail = &words[1..];
        if qualified && (tail.len() > 1 || tail.iter().any(|w| lexicon::is_organisation_word(w))) {
            shorter
                .entry(normalise(&tail.join(" ")))
                .or_default()
                .insert(i);
        }
        if words.len() >= 3 && lexicon::is_company_word(words[words.len() - 1]) {
            let head = words[..words.len() - 1].join(" ");
            shorter.entry(normalise(&head)).or_default().insert(i);
        }
    }
    // The same words in another order: "Nigerian Ministry of Foreign Affairs",
    // "Nigerian Foreign Ministry".
    let mut bags: BTreeMap<Vec<&str>, usize> = BTreeMap::new();
    for &i in live {
        let c = &cands[i];
        let words = c.words();
        if words.len() < 2 || c.is_person_shaped() || c.description.is_some() {
            continue;
        }
        let mut bag: Vec<&str> = words
            .into_iter()
            .filter(|w| !matches!(*w, "of" | "for" | "the" | "and" | "Affairs"))
            .collect();
        bag.sort_unstable();
        let first = *bags.entry(bag).or_insert(i);
        sets.union(first, i);
    }
    for &i in live {
        let c = &cands[i];
        let claims = if c.is_acronym() {
            acronyms.get(&fold::acronym_letters(&c.surface))
        } else if c.is_common_or_place() {
            None
        } else {
            shorter.get(&normalise(&c.surface))
        };
        let Some(claims) = claims else {
            continue;
        };
        let roots: BTreeSet<usize> = claims.iter().map(|&j| sets.find(j)).collect();
        let institution = claims.iter().any(|&j| !cands[j].is_person_shaped());
        if let [root] = roots.into_iter().collect::<Vec<_>>()[..]
            && institution
        {
            sets.union(root, i);
        }
    }
}

/// Joins the short forms of people's names: "Abdul Mahdi" first, then "Trump" and
/// "al-Mahdi" (a last name), or "Tian" (a first name that begins one name only and
/// ends none, as family names do in Chinese order, when that name was seen after a
/// title or with "said" and the word is not a common given name such as "Carl"). A
/// common word, an adjective of nationality or a place ("German", "Madrid") is no
/// one's short form, nor is a word that begins an organisation's name ("Honda" of
/// "Honda Motor Co") or was seen before "group" or "shares"; a short form that
/// several people could have stays apart.
fn join_short_forms_of_people(table: &Table, live: &[usize], sets: &mut UnionFind) {
    let (cands, heads) = (&table.candidates, &table.organisation_heads);
    for length in [2, 1] {
        let mut last_forms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut first_forms: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        let mut other_firsts: HashSet<&str> = HashSet::new();
        // Roots of names of two words seen after a title or with "said".
        let mut persons: HashSet<usize> = HashSet::new();
        for &i in live {
            let c = &cands[i];
            let words = c.words();
            if !c.is_person_shaped() || known::is_place(&c.surface) {
                if words.len() > 1 {
                    other_firsts.insert(words[0]);
                }
                continue;
            }
            if words.len() <= length {
                continue;
            }
            let root = sets.find(i);
            let last = words[words.len() - 1];
            let mut forms = vec![last.to_string()];
            if let Some((particle, bare)) = last.split_once('-')
                && lexicon::is_particle(particle)
            {
                forms.push(bare.to_string());
            }
            if words.len() >= 3 {
                forms.push(words[words.len() - 2..].join(" "));
            }
            for form in forms {
                last_forms.entry(normalise(&form)).or_default().insert(root);
            }
            if words.len() == 2 {
                first_forms.entry(words[0]).or_default().insert(root);
                if c.evidence.title + c.evidence.says > 0 {
                    persons.insert(root);
                }
            }
        }
        for &i in live {
            let c = &cands[i];
            if c.is_acronym()
                || c.words().len() != length
                || c.is_common_or_place()
                || is_organisation_short_form(c, heads)
            {
                continue;
            }
            let key = normalise(&c.surface);
            let roots = match last_forms.get(&key) {
                Some(roots) => roots,
                None if length == 1
                    && !other_firsts.contains(c.surface.as_str())
                    && !known::is_given_name(&c.surface) =>
                {
                    match first_forms.get(c.surface.as_str()) {
                        Some(roots) if roots.len() == 1 => roots,
                        _ => continue,
                    }
                }
                None => continue,
            };
            // A first name alone joins only a name known to be a person's
            // ("Xie" of "Xie Xuren"): two capitalised words are as often a brand
            // and its product ("Fiat Powertrain").
            let first_form = !last_forms.contains_key(&key);
            let place_like =
                c.evidence.place + c.evidence.city > c.evidence.title + c.evidence.says;
            let own = sets.find(i);
            let others: BTreeSet<usize> = roots
                .iter()
                .map(|&r| sets.find(r))
                .filter(|&r| r != own)
                .collect();
            if let [other] = others.into_iter().collect::<Vec<_>>()[..]
                && !place_like
                && (!first_form || roots.iter().all(|r| persons.contains(r)))
            {
                sets.union(other, i);
            }
        }
    }
}

/// True when a lone word names an organisation rather than a person: it begins an
/// organisation's name or is seen before "group", "shares" or a score.
fn is_organisation_short_form(c: &Candidate, heads: &HashSet<String>) -> bool {
    let e = &c.evidence;
    heads.contains(&c.surface) || e.organisation_noun + e.company + e.scored > 0
}

/// Disjoint sets over candidate indices; the smaller index is the root.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut i = i;
        while self.parent[i] != root {
            let next = self.parent[i];
            self.parent[i] = root;
            i = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}
