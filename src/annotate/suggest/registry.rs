//! Comparing groups with the registry (step 5): a group that is a spelling, surname or
//! acronym of a registry entity becomes aliases for it; the others become new
//! entities, each with its name chosen and its forms and place in the output ordered.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::content::registry::{EntityKind, Registry};

use super::candidate::Table;
use super::{fold, words};

/// What to print.
pub(super) struct Suggestions {
    /// New spellings of registry entities: entity index, candidate indices.
    pub(super) aliases: Vec<(usize, Vec<usize>)>,
    /// New entities: candidate indices, the first being the name.
    pub(super) entities: Vec<Vec<usize>>,
}

/// Splits groups into new spellings of registry entities and new entities, and
/// orders both.
pub(super) fn compare_with_registry(
    table: &Table,
    groups: Vec<Vec<usize>>,
    registry: &Registry,
) -> Suggestions {
    let cands = &table.candidates;
    let mut by_key: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
    let mut surnames: HashMap<String, BTreeSet<usize>> = HashMap::new();
    let mut initials: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (e, entity) in registry.entities.iter().enumerate() {
        for form in entity.names() {
            let folded = fold::fold(form);
            if !folded.is_empty() {
                by_key
                    .entry(fold::block_key(&folded))
                    .or_default()
                    .push((e, folded));
            }
        }
        let words: Vec<&str> = entity.name.split_whitespace().collect();
        if entity.kind == EntityKind::Person && words.len() >= 2 {
            surnames
                .entry(words[words.len() - 1].to_string())
                .or_default()
                .insert(e);
        } else if words.len() >= 2 {
            initials
                .entry(fold::initials(&entity.name))
                .or_default()
                .insert(e);
        }
    }
    let registry_match = |i: usize| -> Option<usize> {
        let c = &cands[i];
        if c.description.is_some() {
            return None;
        }
        if c.is_acronym() {
            let hits = initials.get(&fold::acronym_letters(&c.surface))?;
            return (hits.len() == 1).then(|| *hits.first().expect("one"));
        }
        let folded = fold::fold(&c.surface);
        if let Some(forms) = by_key.get(&fold::block_key(&folded))
            && let Some((e, _)) = forms.iter().find(|(_, f)| fold::is_variant(&folded, f))
        {
            return Some(*e);
        }
        if !c.surface.contains(' ') {
            let hits = surnames.get(&c.surface)?;
            return (hits.len() == 1).then(|| *hits.first().expect("one"));
        }
        None
    };

    let mut aliases: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut entities = Vec::new();
    for mut group in groups {
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &group {
            if let Some(e) = registry_match(i) {
                *votes.entry(e).or_default() += 1;
            }
        }
        if let Some((&entity, _)) = votes.iter().max_by_key(|&(&e, &n)| (n, usize::MAX - e)) {
            aliases.entry(entity).or_default().extend(group);
            continue;
        }
        let count = |i: usize| cands[i].occurrences.len();
        let total: usize = group.iter().map(|&i| count(i)).sum();
        if group.iter().all(|&i| cands[i].description.is_some()) && total < 2 {
            continue;
        }
        // The name: most words (a full name over a surname, a name over its acronym),
        // then not a description, then most frequent, then first seen.
        group.sort_by_key(|&i| {
            let c = &cands[i];
            (
                std::cmp::Reverse(c.words().len() * usize::from(!c.is_acronym())),
                c.description.is_some(),
                c.surface.contains(words::is_apostrophe),
                std::cmp::Reverse(count(i)),
                i,
            )
        });
        group[1..].sort_by_key(|&i| (std::cmp::Reverse(count(i)), i));
        entities.push(group);
    }
    let total = |g: &Vec<usize>| -> usize { g.iter().map(|&i| cands[i].occurrences.len()).sum() };
    entities.sort_by_key(|g| (std::cmp::Reverse(total(g)), g[0]));
    Suggestions {
        aliases: aliases.into_iter().collect(),
        entities,
    }
}
