//! `serve --watch` rebuilds only the pages whose fingerprint changed: after each edit
//! here, the site in memory must be byte for byte what a full build of the same files
//! gives. Each test is an edit that changes something a page shows while leaving
//! everything else that page's fingerprint once covered as it was.

mod common;

use std::path::PathBuf;

use common::Fixture;
use dossier::build::{BuildOptions, build_in_memory};
use dossier::serve::incremental::{Model, RebuildReport};
use dossier::serve::watch::{Change, Changes};

const REGISTRY: &str = r#"
[[entity]]
name = "Iraq"
kind = "place"

[[entity]]
name = "Baghdad"
kind = "place"

[[entity]]
name = "Mike Pompeo"
kind = "person"
"#;

fn article(title: &str, date: &str, source: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\nsource = \"{source}\"\n+++\n{body}\n")
}

/// A dossier with `config` appended to the usual one and the given articles.
fn fixture(config: &str, articles: &[(&str, String)]) -> Fixture {
    let f = Fixture::empty();
    f.write("dossier.toml", &format!("{}{config}", common::CONFIG));
    f.write("content/entities.toml", REGISTRY);
    for (name, text) in articles {
        f.write(&format!("content/articles/{name}.md"), text);
    }
    f
}

fn opts(f: &Fixture) -> BuildOptions {
    BuildOptions {
        root: f.root().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    }
}

/// Writes an article as an editor would, and rebuilds as the watcher would.
fn edit(model: &mut Model, f: &Fixture, name: &str, text: &str) {
    let rel = format!("content/articles/{name}.md");
    f.write(&rel, text);
    let mut changes = Changes::default();
    changes.add(Change::Article(PathBuf::from(rel)));
    model.rebuild(&changes);
}

/// The site in memory is exactly what a full build of the same files gives.
fn assert_same_as_full_build(model: &mut Model, opts: &BuildOptions, step: &str) {
    assert!(model.errors().is_empty(), "{step}: {:?}", model.errors());
    model.ensure_data(&mut RebuildReport::default());
    let full = build_in_memory(opts).unwrap_or_else(|e| panic!("{step}: {e}"));
    let site = model.site();
    let mut want: Vec<&str> = full.files.iter().map(|f| f.path.as_str()).collect();
    let mut have: Vec<&str> = site.files.keys().map(|k| &**k).collect();
    want.sort();
    have.sort();
    assert_eq!(have, want, "{step}: the same files");
    for f in &full.files {
        let ours = &site.files[f.path.as_str()];
        assert!(
            ours[..] == f.bytes[..],
            "{step}: `{}` differs from a full build:\n--- serve\n{}\n--- build\n{}",
            f.path,
            String::from_utf8_lossy(ours),
            String::from_utf8_lossy(&f.bytes)
        );
    }
}

fn page(model: &Model, path: &str) -> String {
    String::from_utf8_lossy(&model.site().files[path]).into_owned()
}

/// The coverage chart on the quote index has a column per outlet. An article with no
/// quotes that changes outlet changes the columns (and nothing else the quote index
/// showed), so the index is rendered again.
#[test]
fn an_outlet_change_redraws_the_quote_coverage_chart() {
    let f = fixture(
        "\n[quotes]\nmin_words = 1\n",
        &[
            ("a0", article("A0", "2020-01-05", "AP", "«Le Monde")),
            (
                "a1",
                article("A1", "2020-01-05", "Reuters", "[«Le Monde»: the"),
            ),
            ("a2", article("A2", "2020-01-05", "AFP", "")),
        ],
    );
    let opts = opts(&f);
    let (mut model, _) = Model::load(&opts).unwrap();
    assert_same_as_full_build(&mut model, &opts, "initial");
    let before = page(&model, "quotes/index.html");
    assert!(
        before.contains(">AFP<"),
        "the chart has a column per outlet"
    );

    edit(
        &mut model,
        &f,
        "a2",
        &article("A2", "2020-01-05", "BBC", ""),
    );
    assert_same_as_full_build(&mut model, &opts, "a2's outlet changed");
    let after = page(&model, "quotes/index.html");
    assert!(
        after.contains(">BBC<") && !after.contains(">AFP<"),
        "{after}"
    );
}

/// Renaming an outlet (its only article's `source`) renames it on every page that
/// lists or charts the outlets, with the number of outlets unchanged.
#[test]
fn a_renamed_outlet_is_renamed_on_every_page() {
    let said = "“We will leave the region within the next few months,” Mike Pompeo said.";
    let f = fixture(
        "",
        &[
            ("one", article("One", "2020-01-05", "AP", said)),
            ("two", article("Two", "2020-01-06", "Reuters", said)),
            (
                "three",
                article("Three", "2020-01-07", "AFP", "Iraq and Baghdad."),
            ),
        ],
    );
    let opts = opts(&f);
    let (mut model, _) = Model::load(&opts).unwrap();
    assert_same_as_full_build(&mut model, &opts, "initial");

    edit(
        &mut model,
        &f,
        "two",
        &article("Two", "2020-01-06", "Reuters Agency", said),
    );
    assert_same_as_full_build(&mut model, &opts, "Reuters renamed");
    edit(
        &mut model,
        &f,
        "three",
        &article(
            "Three",
            "2020-01-07",
            "Agence France-Presse",
            "Iraq and Baghdad.",
        ),
    );
    assert_same_as_full_build(&mut model, &opts, "AFP renamed");
    for path in [
        "quotes/index.html",
        "sources/index.html",
        "timeline/index.html",
    ] {
        assert!(
            page(&model, path).contains("Agence France-Presse"),
            "{path} shows the new name"
        );
    }
}

/// The graphs of who appears with whom join entities by their own co-mentions: an
/// entity's page draws the links between the entities around it, the home page those
/// between the most mentioned. A co-mention that moves to another paragraph leaves
/// every count as it was but changes those links.
#[test]
fn a_moved_co_mention_redraws_the_graphs_of_who_appears_with_whom() {
    let f = fixture(
        "",
        &[
            (
                "all",
                article(
                    "All",
                    "2020-01-05",
                    "AP",
                    "Iraq, Baghdad and Mike Pompeo met.",
                ),
            ),
            (
                "pair",
                article("Pair", "2020-01-06", "AP", "Baghdad and Mike Pompeo again."),
            ),
        ],
    );
    let opts = opts(&f);
    let (mut model, _) = Model::load(&opts).unwrap();
    assert_same_as_full_build(&mut model, &opts, "initial");
    let iraq_before = page(&model, "entities/iraq/index.html");

    // Baghdad and Pompeo now share one paragraph, not two; Iraq's own co-mentions and
    // everyone's counts are as they were.
    edit(
        &mut model,
        &f,
        "pair",
        &article(
            "Pair",
            "2020-01-06",
            "AP",
            "Baghdad again.\n\nMike Pompeo again.",
        ),
    );
    assert_same_as_full_build(&mut model, &opts, "a co-mention moved");
    assert_ne!(
        page(&model, "entities/iraq/index.html"),
        iraq_before,
        "the edge between Baghdad and Pompeo on Iraq's graph is thinner"
    );
}

/// An entity in a hundred articles has two pages of fifty. An edit to the prose of an
/// article on the second page, a new article that pushes every article one place down
/// and adds a third page, and its removal leave the pages as a full build makes them.
#[test]
fn the_pages_of_an_entity_follow_edits_that_move_articles_between_pages() {
    let name = |n: usize| format!("a-{n:03}");
    let day = |n: usize| format!("2020-{:02}-{:02}", n / 28 + 1, n % 28 + 1);
    let articles: Vec<(String, String)> = (0..100)
        .map(|n| {
            (
                name(n),
                article(
                    &format!("Report {n}"),
                    &day(n),
                    if n % 2 == 0 { "AP" } else { "AFP" },
                    &format!("Talks in Baghdad went on, day {n}."),
                ),
            )
        })
        .collect();
    let named: Vec<(&str, String)> = articles
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    let f = fixture("", &named);
    let opts = opts(&f);
    let (mut model, _) = Model::load(&opts).unwrap();
    assert_same_as_full_build(&mut model, &opts, "initial");
    let second = "entities/baghdad/page/2/index.html";
    assert!(page(&model, second).contains("Report 0"));
    assert!(
        !model
            .site()
            .files
            .contains_key("entities/baghdad/page/3/index.html")
    );

    // The oldest article, on the second page, says something else about Baghdad.
    edit(
        &mut model,
        &f,
        &name(0),
        &article(
            "Report 0",
            &day(0),
            "AP",
            "Talks in Baghdad broke down, day 0.",
        ),
    );
    assert_same_as_full_build(&mut model, &opts, "prose on the second page");
    assert!(page(&model, second).contains("broke down"));

    // A newer article: every other one moves down a place, and a third page starts.
    edit(
        &mut model,
        &f,
        "newest",
        &article("Newest", "2021-01-01", "AP", "Baghdad again."),
    );
    assert_same_as_full_build(&mut model, &opts, "a new article first");
    assert!(page(&model, "entities/baghdad/page/3/index.html").contains("Report 0"));

    // And gone again: so is the third page.
    std::fs::remove_file(f.path("content/articles/newest.md")).unwrap();
    let mut changes = Changes::default();
    changes.add(Change::Article(PathBuf::from("content/articles/newest.md")));
    model.rebuild(&changes);
    assert_same_as_full_build(&mut model, &opts, "the new article removed");
    assert!(
        !model
            .site()
            .files
            .contains_key("entities/baghdad/page/3/index.html")
    );
}
