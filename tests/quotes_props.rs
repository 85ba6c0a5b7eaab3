//! Property tests of quote finding and clustering on arbitrary input: no panics, spans
//! on `char` boundaries inside their blocks, and the same result on every run.
//!
//! The number of cases follows `PROPTEST_CASES` (256 by default); the long run is
//! `PROPTEST_CASES=10000 cargo test --release --test quotes_props`.

use proptest::prelude::*;

use dossier::annotate::clusters::{ClusterItem, DiffPart, cluster_quotes, word_diff};
use dossier::annotate::entities::FoundMention;
use dossier::annotate::quotes::{FoundQuote, QuoteFinder, find_quotes};
use dossier::annotate::{BlockKind, TextBlock, TextPos};
use dossier::content::registry::{Entity, EntityKind, Registry};

fn registry() -> Registry {
    let e = |id: &str, name: &str, kind, aliases: &[&str]| Entity {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        hidden_aliases: Vec::new(),
        description: String::new(),
        links: Vec::new(),
        line: 0,
    };
    Registry::new(vec![
        e(
            "moqtada-sadr",
            "Moqtada Sadr",
            EntityKind::Person,
            &["Sadr"],
        ),
        e("reuters", "Reuters", EntityKind::Organization, &[]),
        e(
            "parliament-resolution",
            "Resolution",
            EntityKind::Document,
            &["the resolution"],
        ),
        e("iraq", "Iraq", EntityKind::Place, &[]),
    ])
}

/// Pieces that exercise the rules, mixed with arbitrary characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "said", "told", "he", "she", "it", "they", "Sadr", "Moqtada Sadr", "Reuters",
            "the resolution", "read", "aloud", "according", "to", "one", "demonstrator",
            "Iraq", "Iraq’s", "Iraq‘s", "don't", "Shi’ite", "'90s", "who", "and", "that",
            "Mr.", "U.S.", "wrote", "chanted", "hundreds", "of", "young", "Iraqis",
            "saying", "telling", "quoted", "as", "was", "the mayor", "London mayor",
            "Ken Smith", "the 23-year-old", "23", "housing", "spokesman", "shot", "back",
            "the OECD", "But", "When", "the",
        ])
        .prop_map(str::to_string),
        4 => prop::sample::select(vec![
            "\"", "“", "”", "„", "«", "»", "‘", "’", "'", ",", ".", ":", ";", "!", "?", "—",
            "-", "(", ")", "[", "]", "…",
        ])
        .prop_map(str::to_string),
        4 => prop::sample::select(vec![" ", " ", " ", "  ", "\t", "\u{a0}", "\n"])
            .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{0,4}",
    ]
}

fn block_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|ps| ps.concat())
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop::sample::select(vec![
        BlockKind::Paragraph,
        BlockKind::Paragraph,
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Caption,
        BlockKind::BlockQuote,
        BlockKind::ListItem,
    ])
}

fn blocks() -> impl Strategy<Value = Vec<TextBlock>> {
    prop::collection::vec((kind(), block_text()), 0..8).prop_map(|bs| {
        bs.into_iter()
            .map(|(kind, text)| {
                let mut b = TextBlock::paragraph(&text);
                b.kind = kind;
                b
            })
            .collect()
    })
}

/// Every whole-word occurrence of a registry name, as the real matcher would report.
fn mentions(blocks: &[TextBlock], registry: &Registry) -> Vec<FoundMention> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for (i, e) in registry.entities.iter().enumerate() {
            for name in e.names() {
                for (at, _) in block.text.match_indices(name) {
                    out.push(FoundMention {
                        block: b,
                        range: at..at + name.len(),
                        entity: i,
                    });
                }
            }
        }
    }
    out
}

fn check_pos(blocks: &[TextBlock], p: TextPos) -> Result<(), TestCaseError> {
    prop_assert!(p.block < blocks.len(), "block {} out of range", p.block);
    let text = &blocks[p.block].text;
    prop_assert!(p.offset <= text.len(), "offset {} past the end", p.offset);
    prop_assert!(
        text.is_char_boundary(p.offset),
        "offset {} not on a char",
        p.offset
    );
    Ok(())
}

fn check_quotes(blocks: &[TextBlock], quotes: &[FoundQuote]) -> Result<(), TestCaseError> {
    for q in quotes {
        check_pos(blocks, q.start)?;
        check_pos(blocks, q.end)?;
        prop_assert!(
            q.start <= q.end,
            "start {:?} after end {:?}",
            q.start,
            q.end
        );
        prop_assert!(!q.text.is_empty());
        if q.start.block == q.end.block {
            let covered = &blocks[q.start.block].text[q.start.offset..q.end.offset];
            prop_assert!(covered.contains(q.text.split(' ').next().unwrap_or("")));
        }
        if let Some((s, e)) = q.speaker_span {
            check_pos(blocks, s)?;
            check_pos(blocks, e)?;
            prop_assert!(s <= e);
        }
        for &(s, e) in &q.nested {
            check_pos(blocks, s)?;
            check_pos(blocks, e)?;
            prop_assert!(q.start <= s && s < e && e <= q.end);
        }
    }
    for w in quotes.windows(2) {
        prop_assert!(w[0].end <= w[1].start, "quotes overlap: {:?}", w);
    }
    Ok(())
}

proptest! {
    #[test]
    fn quote_spans_are_well_formed(blocks in blocks()) {
        let registry = registry();
        let ms = mentions(&blocks, &registry);
        let quotes = find_quotes(&blocks, &ms, &registry, 4);
        check_quotes(&blocks, &quotes)?;
        prop_assert_eq!(&quotes, &find_quotes(&blocks, &ms, &registry, 4));
    }

    #[test]
    fn quote_finder_on_random_paragraphs_without_a_registry(blocks in blocks()) {
        let registry = Registry::default();
        let finder = QuoteFinder::new(&registry, 4);
        let quotes = finder.find(&blocks, &[]);
        check_quotes(&blocks, &quotes)?;
        prop_assert_eq!(&quotes, &finder.find(&blocks, &[]));
    }

    #[test]
    fn arbitrary_mentions_do_not_break_attribution(
        blocks in blocks(),
        raw in prop::collection::vec((0usize..10, 0usize..200, 0usize..200, 0usize..6), 0..20),
    ) {
        let registry = registry();
        let ms: Vec<FoundMention> = raw
            .into_iter()
            .map(|(block, a, b, entity)| FoundMention { block, range: a.min(b)..a.max(b), entity })
            .collect();
        let quotes = find_quotes(&blocks, &ms, &registry, 4);
        check_quotes(&blocks, &quotes)?;
    }

    #[test]
    fn clusters_partition_the_items(
        texts in prop::collection::vec((block_text(), prop::option::of(0u8..3)), 0..40),
    ) {
        let speakers = ["a", "b", "c"];
        let items: Vec<ClusterItem> = texts
            .iter()
            .map(|(t, s)| ClusterItem { text: t, speaker: s.map(|s| speakers[s as usize]) })
            .collect();
        let clusters = cluster_quotes(&items);
        let mut seen = vec![false; items.len()];
        for c in &clusters {
            prop_assert!(!c.is_empty());
            prop_assert!(c.windows(2).all(|w| w[0] < w[1]));
            for &i in c {
                prop_assert!(!seen[i]);
                seen[i] = true;
            }
            // No cluster holds two different known speakers.
            let mut known: Vec<&str> = c.iter().filter_map(|&i| items[i].speaker).collect();
            known.dedup();
            known.sort_unstable();
            known.dedup();
            prop_assert!(known.len() <= 1, "speakers {:?}", known);
        }
        prop_assert!(seen.iter().all(|&s| s));
        prop_assert!(clusters.windows(2).all(|w| w[0][0] < w[1][0]));
        prop_assert_eq!(&clusters, &cluster_quotes(&items));
    }

    #[test]
    fn word_diff_rebuilds_the_text(a in block_text(), b in block_text()) {
        let parts = word_diff(&a, &b);
        let shown: String = parts
            .iter()
            .filter_map(|p| match p {
                DiffPart::Same(s) | DiffPart::Added(s) => Some(s.as_str()),
                DiffPart::Removed(_) => None,
            })
            .collect();
        prop_assert_eq!(shown, b);
    }
}
