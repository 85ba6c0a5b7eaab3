//! Grouping candidates into entities (step 4) with union-find: spellings of one name,
//! descriptions of one institution, a name and its parenthetical, an institution and
//! its acronym or short forms, and the short forms of people's names.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::candidate::{Candidate, Table, normalise};
use super::words::{self, Shape};
use super::{fold, lexicon};

/// Groups of candidates that name one thing; each group lists candidate indices.
pub(super) fn group_candidates(table: &Table) -> Vec<Vec<usize>> {
    let cands = &table.candidates;
    let live: Vec<usize> = (0..cands.len())
        .filter(|&i| !cands[i].occurrences.is_empty())
        .collect();
    let mut sets = UnionFind::new(cands.len());

    join_spellings(cands, &live, &mut sets);
    // Descriptions of one institution: "Iraqi parliament", "Iraq's parliament".
    let mut descriptions: BTreeMap<&(String, String), usize> = BTreeMap::new();
    for &i in &live {
        if let Some(d) = &cands[i].description {
            let first = *descriptions.entry(d).or_insert(i);
            sets.union(first, i);
        }
    }
    for &(a, b) in &table.parenthetical {
        sets.union(a, b);
    }
    join_short_forms_of_institutions(table, &live, &mut sets);
    let shared = join_short_forms_of_people(cands, &live, &mut sets);

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &live {
        if !shared.iter().any(|(s, _)| *s == i) {
            groups.entry(sets.find(i)).or_default().push(i);
        }
    }
    // A short form shared by several people is an alias of each (the matcher resolves
    // it by the nearest full mention).
    for (i, roots) in shared {
        let roots: BTreeSet<usize> = roots.into_iter().map(|r| sets.find(r)).collect();
        for root in roots {
            if let Some(g) = groups.get_mut(&root) {
                g.push(i);
            }
        }
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
                let alike = if a.is_acronym() {
                    folded[i] == folded[j]
                } else {
                    !lone_surnames && fold::is_variant(&folded[i], &folded[j])
                };
                if alike {
                    sets.union(i, j);
                }
            }
        }
    }
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
        if words.len() < 2 || c.is_person_shaped() || c.description.is_some() {
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
        } else {
            shorter.get(&normalise(&c.surface))
        };
        let Some(claims) = claims else {
            continue;
        };
        let roots: BTreeSet<usize> = claims.iter().map(|&j| sets.find(j)).collect();
        if let [root] = roots.into_iter().collect::<Vec<_>>()[..] {
            sets.union(root, i);
        }
    }
}

/// Joins the short forms of people's names: "Abdul Mahdi" first, then "Trump" and
/// "al-Mahdi" (a last name), or "Tian" (a first name that begins one name only and
/// ends none, as family names do in Chinese order). Returns the short forms that
/// several people share, with their groups.
fn join_short_forms_of_people(
    cands: &[Candidate],
    live: &[usize],
    sets: &mut UnionFind,
) -> Vec<(usize, Vec<usize>)> {
    let mut shared: Vec<(usize, Vec<usize>)> = Vec::new();
    for length in [2, 1] {
        let mut last_forms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut first_forms: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        let mut other_firsts: HashSet<&str> = HashSet::new();
        for &i in live {
            let c = &cands[i];
            let words = c.words();
            if !c.is_person_shaped() {
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
            }
        }
        for &i in live {
            let c = &cands[i];
            if c.is_acronym() || c.words().len() != length {
                continue;
            }
            let key = normalise(&c.surface);
            let roots = match last_forms.get(&key) {
                Some(roots) => roots,
                None if length == 1 && !other_firsts.contains(c.surface.as_str()) => {
                    match first_forms.get(c.surface.as_str()) {
                        Some(roots) if roots.len() == 1 => roots,
                        _ => continue,
                    }
                }
                None => continue,
            };
            let place_like =
                c.evidence.place + c.evidence.city > c.evidence.title + c.evidence.says;
            let own = sets.find(i);
            let others: BTreeSet<usize> = roots
                .iter()
                .map(|&r| sets.find(r))
                .filter(|&r| r != own)
                .collect();
            match others.len() {
                0 => {}
                1 if !place_like => sets.union(*others.first().expect("one"), i),
                1 => {}
                _ => shared.push((i, others.into_iter().collect())),
            }
        }
    }
    shared
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
