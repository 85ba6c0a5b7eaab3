//! Property tests of mention finding: arbitrary Unicode text and small arbitrary
//! registries.
//!
//! The number of cases is proptest's default configuration, which reads the standard
//! `PROPTEST_CASES` environment variable (256 when it is unset):
//! `PROPTEST_CASES=10000 cargo test --release --test entities_props`.

use std::ops::Range;

use dossier::annotate::TextBlock;
use dossier::annotate::entities::{EntityMatcher, Mentions};
use dossier::content::registry::{Entity, EntityKind, Registry};
use proptest::prelude::*;

/// A name or alias: mostly short strings over a small alphabet, so that names collide
/// with each other and with the text, sometimes anything at all.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-cA-C]{1,3}",
        3 => "[a-cA-Cé'’‘ -]{1,7}",
        1 => any::<String>(),
    ]
}

fn registry() -> impl Strategy<Value = Vec<(String, Vec<String>)>> {
    prop::collection::vec((name(), prop::collection::vec(name(), 0..3)), 0..6)
}

/// A piece of article text: a registry form (by index), a separator, or anything.
#[derive(Debug, Clone)]
enum Piece {
    Form(usize),
    Text(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        4 => any::<usize>().prop_map(Piece::Form),
        4 => prop::sample::select(vec![
            " ", ". ", "-", "'s ", "’s ", "‘s", "'", ", ", "x", "é", "\u{301}", "“", "ab",
        ])
        .prop_map(|s| Piece::Text(s.to_string())),
        1 => any::<String>().prop_map(Piece::Text),
    ]
}

/// A block before it is built: its pieces, byte ranges (start, length) to mask, and
/// perhaps an explicit link (start, length, entity).
type BlockSpec = (
    Vec<Piece>,
    Vec<(usize, usize)>,
    Option<(usize, usize, usize)>,
);

fn block() -> impl Strategy<Value = BlockSpec> {
    (
        prop::collection::vec(piece(), 0..12),
        prop::collection::vec((0usize..64, 0usize..16), 0..2),
        prop::option::of((0usize..64, 0usize..16, 0usize..8)),
    )
}

fn build_registry(spec: &[(String, Vec<String>)]) -> Registry {
    Registry::new(
        spec.iter()
            .enumerate()
            .map(|(i, (name, aliases))| Entity {
                id: format!("e{i}"),
                name: name.clone(),
                kind: EntityKind::Other,
                aliases: aliases.clone(),
                hidden_aliases: Vec::new(),
                description: String::new(),
                links: Vec::new(),
                line: 0,
            })
            .collect(),
    )
}

/// Clamps a range to char boundaries of `text` (masks may come from anywhere).
fn clamp(text: &str, start: usize, len: usize) -> Range<usize> {
    let mut s = start.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (s + len).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    s..e
}

fn build_blocks(spec: &[(String, Vec<String>)], blocks: &[BlockSpec]) -> Vec<TextBlock> {
    let forms: Vec<&str> = spec
        .iter()
        .flat_map(|(n, a)| std::iter::once(n.as_str()).chain(a.iter().map(String::as_str)))
        .collect();
    blocks
        .iter()
        .map(|(pieces, masks, explicit)| {
            let mut text = String::new();
            for piece in pieces {
                match piece {
                    Piece::Form(i) if !forms.is_empty() => text.push_str(forms[i % forms.len()]),
                    Piece::Form(_) => text.push_str("Iraq"),
                    Piece::Text(t) => text.push_str(t),
                }
            }
            let mut block = TextBlock::paragraph(&text);
            block.masked = masks.iter().map(|&(s, l)| clamp(&text, s, l)).collect();
            if let Some((s, l, e)) = *explicit {
                let range = clamp(&text, s, l);
                block.masked.push(range.clone());
                block.explicit.push((range, e % spec.len().max(1)));
            }
            block
        })
        .collect()
}

/// A registry form as the matcher compares it: trimmed, single spaces, straight
/// apostrophes.
fn normalise(form: &str) -> String {
    form.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if matches!(c, '’' | '‘') { '\'' } else { c })
        .collect()
}

/// The forms a surface may legitimately be for this entity: each name or alias, and a
/// lower-case one with its first letter capitalised.
fn allowed(registry: &Registry, entity: usize) -> Vec<String> {
    let mut out = Vec::new();
    for form in registry.entities[entity].names() {
        let form = normalise(form);
        let mut chars = form.chars();
        if let Some(first) = chars.next()
            && first.is_lowercase()
        {
            out.push(first.to_uppercase().chain(chars).collect());
        }
        out.push(form);
    }
    out
}

fn check(registry: &Registry, blocks: &[TextBlock], mentions: &Mentions) -> Result<(), String> {
    let mut spans: Vec<(usize, Range<usize>, Vec<usize>)> = mentions
        .found
        .iter()
        .map(|f| (f.block, f.range.clone(), vec![f.entity]))
        .chain(
            mentions
                .ambiguous
                .iter()
                .map(|a| (a.block, a.range.clone(), a.candidates.clone())),
        )
        .collect();
    for (block, range, entities) in &spans {
        let text = &blocks[*block].text;
        if range.start >= range.end || range.end > text.len() {
            return Err(format!("bad range {range:?} in {text:?}"));
        }
        if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            return Err(format!(
                "range {range:?} not on char boundaries of {text:?}"
            ));
        }
        let surface = normalise(&text[range.clone()]);
        for &e in entities {
            if !allowed(registry, e).contains(&surface) {
                return Err(format!("{surface:?} is not a form of entity {e}"));
            }
        }
        let b = &blocks[*block];
        let overlaps = |r: &Range<usize>| r.start < range.end && range.start < r.end;
        if b.masked.iter().any(overlaps) || b.explicit.iter().any(|(r, _)| overlaps(r)) {
            return Err(format!("{range:?} overlaps a masked range in {text:?}"));
        }
    }
    for list in [
        mentions
            .found
            .iter()
            .map(|f| (f.block, f.range.start))
            .collect::<Vec<_>>(),
        mentions
            .ambiguous
            .iter()
            .map(|a| (a.block, a.range.start))
            .collect(),
    ] {
        if !list.windows(2).all(|w| w[0] < w[1]) {
            return Err(format!("not sorted by (block, start): {list:?}"));
        }
    }
    spans.sort_by_key(|(b, r, _)| (*b, r.start));
    for w in spans.windows(2) {
        if w[0].0 == w[1].0 && w[1].1.start < w[0].1.end {
            return Err(format!(
                "overlapping mentions {:?} and {:?}",
                w[0].1, w[1].1
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn mentions_are_well_formed_and_deterministic(
        spec in registry(),
        blocks in prop::collection::vec(block(), 0..4),
    ) {
        let registry = build_registry(&spec);
        let blocks = build_blocks(&spec, &blocks);
        let matcher = EntityMatcher::new(&registry);
        let first = matcher.find_mentions(&blocks);
        if let Err(message) = check(&registry, &blocks, &first) {
            return Err(TestCaseError::fail(message));
        }
        prop_assert_eq!(&first, &matcher.find_mentions(&blocks));
        prop_assert_eq!(&first, &EntityMatcher::new(&registry).find_mentions(&blocks));
    }

    #[test]
    fn arbitrary_text_never_panics(spec in registry(), text in any::<String>()) {
        let registry = build_registry(&spec);
        let blocks = [TextBlock::paragraph(&text)];
        let mentions = EntityMatcher::new(&registry).find_mentions(&blocks);
        if let Err(message) = check(&registry, &blocks, &mentions) {
            return Err(TestCaseError::fail(message));
        }
    }
}

/// Every form placed alone in a block of its own is found (unless another entity's
/// form shares it, in which case it is found or reported ambiguous).
#[test]
fn every_registry_form_is_found_alone() {
    let spec = vec![
        (
            "Qassem Soleimani".to_string(),
            vec!["Soleimani".to_string()],
        ),
        ("Shi’ite".to_string(), vec!["Shi'ite bloc".to_string()]),
        ("the resolution".to_string(), vec![]),
        (
            "Abu Mahdi al-Muhandis".to_string(),
            vec!["al-Muhandis".to_string()],
        ),
    ];
    let registry = build_registry(&spec);
    let matcher = EntityMatcher::new(&registry);
    for (i, entity) in registry.entities.iter().enumerate() {
        for form in entity.names() {
            let m = matcher.find_mentions(&[TextBlock::paragraph(&format!("({form})"))]);
            assert_eq!(m.found.len(), 1, "{form}");
            assert_eq!(m.found[0].entity, i, "{form}");
        }
    }
}
