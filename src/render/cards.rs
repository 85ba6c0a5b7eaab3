//! `/data/cards/`: what the card over a mention shows (an entity's name, kind, one-line
//! summary and how many articles mention it), in a few shared files instead of in
//! every article page.
//!
//! An article page names its mentions' entities in their links; the theme's script
//! fetches the one file holding an entity's card when a mention is first hovered or
//! focused, and keeps it for the other mentions. The entities are spread over
//! [`file_count`] files by a hash of their id ([`file_of`]: 64-bit FNV-1a over the id's
//! UTF-8 bytes, computed again by `dossier.js`), about [`CARDS_PER_FILE`] to a file; an
//! article page tells the script how many there are. Before, each page carried the
//! cards of every entity it mentions: 1.5 KB a page, 15 MB at 10,000 articles.

use serde::Serialize;

use super::OutputFile;
use crate::link::Dossier;

/// About how many entities' cards one file holds: some 30 KB.
pub const CARDS_PER_FILE: usize = 256;

/// What the card over a mention shows.
#[derive(Serialize)]
struct Card<'a> {
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    summary: &'a str,
    articles: usize,
}

/// How many card files a dossier of `entities` registry entries has (at least one).
pub fn file_count(entities: usize) -> usize {
    entities.div_ceil(CARDS_PER_FILE).max(1)
}

/// The file (from 0) that holds the card of the entity `id`, among `count`.
pub fn file_of(id: &str, count: usize) -> usize {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(id.as_bytes());
    (hasher.finish() % count as u64) as usize
}

/// The card files: `data/cards/<n>.json`, each `{entity id: card}` for the mentioned
/// entities whose id falls in it.
pub fn card_files(d: &Dossier, give: &mut dyn FnMut(OutputFile)) {
    let count = file_count(d.registry.len());
    let mut files: Vec<std::collections::BTreeMap<&str, Card>> = (0..count)
        .map(|_| std::collections::BTreeMap::new())
        .collect();
    for e in 0..d.registry.len() {
        if d.entities[e].mentions.is_empty() {
            continue;
        }
        let s = d.entity_summary(e);
        files[file_of(s.id, count)].insert(
            s.id,
            Card {
                name: s.name,
                kind: s.kind,
                kind_label: s.kind_label,
                summary: s.summary,
                articles: s.article_count,
            },
        );
    }
    for (n, cards) in files.iter().enumerate() {
        let json = serde_json::to_vec(cards).expect("cards serialise");
        give(OutputFile::new(format!("data/cards/{n}.json"), json));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_count_grows_with_the_registry() {
        assert_eq!(file_count(0), 1);
        assert_eq!(file_count(1), 1);
        assert_eq!(file_count(CARDS_PER_FILE), 1);
        assert_eq!(file_count(CARDS_PER_FILE + 1), 2);
        assert_eq!(file_count(2000), 8);
    }

    /// The values `dossier.js` computes for the same ids (64-bit FNV-1a), so that the
    /// script looks for a card in the file the build put it in.
    #[test]
    fn file_of_is_fnv1a_of_the_id() {
        assert_eq!(
            file_of("", 1000),
            (0xcbf2_9ce4_8422_2325_u64 % 1000) as usize
        );
        assert_eq!(
            file_of("a", 1000),
            (0xaf63_dc4c_8601_ec8c_u64 % 1000) as usize
        );
        assert_eq!(file_of("iraq", 1000), 640);
        let spread: std::collections::BTreeSet<usize> = (0..200)
            .map(|i| file_of(&format!("entity-{i}"), 8))
            .collect();
        assert_eq!(spread.len(), 8, "ids spread over every file");
    }
}
