//! The entity index: the entities articles mention, grouped by kind (the most
//! mentioned as cards, the others by name), and the registry entries none mentions.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, by_prominence, list};
use crate::link::Dossier;
use crate::render::values::Values;

pub const SITE_PATH: &str = "/entities/";

#[derive(Serialize)]
struct KindGroup {
    kind: &'static str,
    label: &'static str,
    /// How many entities of the kind articles mention.
    count: usize,
    /// The most prominent ([`CARDS_PER_KIND`] at most), shown as cards.
    entities: Value,
    /// The others, most prominent first, listed by name.
    more: Value,
}

/// How many entities of each kind, the most mentioned, the index shows as cards; the
/// others are listed by name, so that the index stays small with thousands of entities.
pub const CARDS_PER_KIND: usize = 48;

pub fn page(d: &Dossier, v: &Values) -> Page {
    // (kind, label, members most prominent first, their mentions)
    let mut groups = Vec::new();
    for kind in crate::content::EntityKind::ALL {
        let mut members: Vec<usize> = (0..d.registry.len())
            .filter(|&e| d.registry.entities[e].kind == kind && !d.entities[e].mentions.is_empty())
            .collect();
        if members.is_empty() {
            continue;
        }
        by_prominence(d, &mut members);
        let mentions: usize = members.iter().map(|&e| d.entities[e].mentions.len()).sum();
        groups.push((
            mentions,
            KindGroup {
                kind: kind.as_str(),
                label: kind.plural_label(),
                count: members.len(),
                entities: list(members.iter().take(CARDS_PER_KIND).map(|&e| v.entity(e))),
                more: list(members.iter().skip(CARDS_PER_KIND).map(|&e| v.entity(e))),
            },
        ));
    }
    // Groups with the most mentions first.
    groups.sort_by_key(|(mentions, _)| std::cmp::Reverse(*mentions));
    let groups: Vec<KindGroup> = groups.into_iter().map(|(_, g)| g).collect();
    let mut page = Page::new(
        v,
        "entities.html",
        SITE_PATH.into(),
        "Entities".into(),
        "The people, organisations and places in this dossier.".into(),
    );
    page.set("groups", &groups);
    page.set_value(
        "unmentioned",
        list(
            (0..d.registry.len())
                .filter(|&e| d.entities[e].mentions.is_empty())
                .map(|e| v.entity(e)),
        ),
    );
    page
}

/// What the page shows: every entity's summary.
pub fn key(k: &Fingerprints, h: &mut PageHasher) {
    k.entity.hash(h);
}
