//! `entities suggest` over random paragraphs: it never panics, and what it prints is
//! always a registry that loads.
//!
//! The paragraphs are built from the words and marks its rules look at (capitals,
//! acronyms, initials, datelines and scores, brackets, connectors, particles, given
//! names, places, nationalities, possessives) mixed with arbitrary text. The number of
//! cases is proptest's default configuration, which reads the standard
//! `PROPTEST_CASES` environment variable (256 when it is unset); the full run is
//!
//! ```sh
//! PROPTEST_CASES=10000 cargo test --release --test suggest_props
//! ```

use dossier::annotate::TextBlock;
use dossier::annotate::suggest::{SuggestInput, suggest_entities};
use dossier::content::registry::{Registry, parse_registry};
use proptest::prelude::*;

/// A word or a mark of the kind the suggester's rules look at, or anything.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "of", "for", "on", "the", "The", "and", "in", "at", "said", "shares", "stake",
            "Council", "Ministry", "FC", "United", "Hapoel", "Bank", "City", "al", "bin", "Abu",
            "Michael", "Paolo", "Madrid", "Germany", "German", "Germans", "South", "Korean",
            "Koreans", "LONDON", "SOCCER", "GF", "GA", "PTS", "US", "U.S.", "BNP", "W.", "B.",
            "Gen.", "Mr", "Dec", "1996", "12", "06", "1:45.20", "3", "(", ")", ",", ".", "-",
            ":", "'s", "’s", "\"", "“", "”", "Khodorkovsky", "Khordokovsky", "Gambia", "Zambia",
            "Real", "Rovers", "Englishman", "Islamic", "State", "IS", "DB",
        ])
        .prop_map(str::to_string),
        2 => "[A-Za-z]{1,9}",
        1 => "[A-Z]{1,4}",
        1 => any::<String>(),
    ]
}

/// A paragraph: tokens joined by spaces, or glued to the one before.
fn paragraph() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(token(), 0..24),
        prop::collection::vec(any::<bool>(), 24),
    )
        .prop_map(|(tokens, spaced)| {
            let mut text = String::new();
            for (token, space) in tokens.iter().zip(spaced) {
                if space && !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(token);
            }
            text
        })
}

/// Up to four articles of up to six paragraphs.
fn articles() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(paragraph(), 0..6), 0..4)
}

proptest! {
    /// Random paragraphs never make the suggester panic, and its output is a registry
    /// that loads without errors.
    #[test]
    fn suggest_never_panics_on_random_paragraphs(articles in articles()) {
        let blocks: Vec<Vec<TextBlock>> = articles
            .iter()
            .map(|a| a.iter().map(|p| TextBlock::paragraph(p)).collect())
            .collect();
        let inputs: Vec<SuggestInput> = blocks
            .iter()
            .map(|blocks| SuggestInput { slug: "a", source: "S", blocks })
            .collect();
        let out = suggest_entities(&inputs, &Registry::default());
        prop_assert!(toml::from_str::<toml::Table>(&out).is_ok(), "{}", out);
        let loaded = parse_registry(std::path::Path::new("entities.toml"), &out);
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), out);
    }
}

/// Headlines run together in title case make one run of capitalised words longer than
/// a registry takes a name: it is not proposed, and what is proposed loads.
#[test]
fn a_run_of_capitalised_words_longer_than_a_name_is_not_proposed() {
    let headline = "Player Changes Mind And Will Stand For The Anthem Anchor Rips Kaepernick For Not \
        Voting In Election Singer Benched By Team Prior To Her Performance Due To Controversial \
        Shirt Mayor Says Budget Talks Will Go On Through The Night";
    assert!(headline.len() > 200);
    let blocks = vec![TextBlock::paragraph(&format!(
        "Related Stories {headline}. Bryan Marshall said it was over."
    ))];
    let inputs = [SuggestInput {
        slug: "a",
        source: "S",
        blocks: &blocks,
    }];
    let out = suggest_entities(&inputs, &Registry::default());
    assert!(!out.contains("Controversial Shirt"), "{out}");
    let loaded = parse_registry(std::path::Path::new("entities.toml"), &out);
    assert!(loaded.is_ok(), "{:?}\n{out}", loaded.err());
}
