//! Hostile input that used to panic or overflow the stack: dates at the ends of the
//! calendar, templates that include themselves, and paragraphs that start with a
//! connector word. Each gets a built site or a located error, never a panic.

mod common;

use common::{Fixture, article};
use dossier::annotate::TextBlock;
use dossier::annotate::suggest::{SuggestInput, suggest_entities};
use dossier::content::registry::Registry;
use proptest::prelude::*;

/// An article dated `date` with one paragraph of `body`.
fn dated_article(date: &str, body: &str) -> String {
    article("Edge", body).replace("date = 2020-01-05", &format!("date = {date}"))
}

/// In an article dated 9999-12-31, the last day of the calendar, phrases that point
/// past it date nothing and the build goes on with the rest; in one dated 0000-01-01
/// (the earliest a front matter can give), the past is still in the calendar.
#[test]
fn relative_dates_past_the_last_day_date_nothing() {
    let f = Fixture::new();
    f.write(
        "content/articles/edge.md",
        &dated_article(
            "9999-12-31",
            "Tomorrow it ends. Next week it resumes. Next month it is over. Next year too. \
             It will be on Saturday. It was on Monday. It began two days ago.",
        ),
    );
    f.write(
        "content/articles/start.md",
        &dated_article(
            "0000-01-01",
            "It started yesterday. Last week it rained. Last month, two years ago and \
             a decade ago as well.",
        ),
    );
    let stderr = f.build_ok();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let timeline = f.read("public/timeline/index.html");
    assert!(
        timeline.contains("27 December 9999") && timeline.contains("29 December 9999"),
        "the past-tense phrases are still dated"
    );
    assert!(
        timeline.contains("31 December -1"),
        "\"yesterday\" before year 0 is dated"
    );
    assert!(!timeline.contains("10000"), "nothing dated after 9999");
}

/// Paragraphs that start with lowercase "of", "for" and "on": the connectors of
/// "Council of Representatives" have no word before them there.
#[test]
fn suggest_survives_paragraphs_starting_with_a_connector() {
    let f = Fixture::new();
    f.write(
        "content/articles/third.md",
        &article(
            "Third",
            "of the three bridges, only one was open, the Council of Representatives said.\n\n\
             for the first time, the Gulf of Oman was quiet.\n\n\
             on the whole, the Council on Foreign Relations agreed.",
        ),
    );
    let out = f.cmd(&["entities", "suggest"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for name in [
        "Council of Representatives",
        "Gulf of Oman",
        "Council on Foreign Relations",
    ] {
        assert!(stdout.contains(name), "{name} not suggested:\n{stdout}");
    }
}

/// A word for the suggester: mostly the words its rules look at (connectors, particles,
/// institution and place words, titles, initials, possessives, punctuation), sometimes
/// anything.
fn suggest_word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "of", "for", "on", "the", "The", "Council", "Gulf", "Ministry", "al", "bin", "Abu",
            "Iraq", "Iraqi", "Prime", "Minister", "Gen.", "W.", "U.S.", "US", "MPs", "Hill.TV",
            "said", "in", "Monday", "January", "Rostov", "-", "on-", "'s", "’s", ",", ".", "(",
            ")", "“", "”", "\"", ":", "Mr", "Former", "Shi’ite", "2020",
        ])
        .prop_map(String::from),
        1 => "[A-Za-z]{1,6}",
        1 => any::<String>(),
    ]
}

/// Articles as word sequences: blocks of words joined by spaces or nothing.
fn word_articles() -> impl Strategy<Value = Vec<Vec<String>>> {
    let block = (
        prop::collection::vec(suggest_word(), 0..16),
        prop::collection::vec(any::<bool>(), 16),
    )
        .prop_map(|(words, spaced)| {
            let mut text = String::new();
            for (w, space) in words.iter().zip(spaced) {
                text.push_str(w);
                if space {
                    text.push(' ');
                }
            }
            text
        });
    prop::collection::vec(prop::collection::vec(block, 1..4), 1..4)
}

proptest! {
    /// The suggester's whole pipeline on arbitrary word sequences never panics, and
    /// its output always parses as TOML.
    #[test]
    fn suggest_never_panics_on_arbitrary_words(articles in word_articles()) {
        let blocks: Vec<Vec<TextBlock>> = articles
            .iter()
            .map(|a| a.iter().map(|t| TextBlock::paragraph(t)).collect())
            .collect();
        let inputs: Vec<SuggestInput> = blocks
            .iter()
            .map(|blocks| SuggestInput { slug: "a", source: "Reuters", blocks })
            .collect();
        let out = suggest_entities(&inputs, &Registry::default());
        prop_assert!(toml::from_str::<toml::Table>(&out).is_ok(), "{}", out);
    }
}
