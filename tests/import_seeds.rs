//! Raw text imported as a newcomer would, with no `--title`: the five raw seed articles
//! (`../shared/seeds/`; `--source`, and `--date` for the two whose text states no date)
//! give a dossier whose quotes and mentions are the tidied example's, and PolNeAR's test
//! split imports whole with its publishers and dates. Skips when they are absent.

mod common;
#[path = "common/corpora.rs"]
mod corpora;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::Fixture;

/// Each seed's outlet, and its date where the text gives none, as the example has them.
const SEEDS: [(&str, &str, Option<&str>); 5] = [
    ("000_", "AFP", None),
    ("001_", "Unknown", None),
    ("002_", "Unknown", Some("2020-01-05")),
    ("003_", "Reuters", None),
    ("004_", "The Hill", Some("2020-01-05")),
];

/// Per outlet: each quote's text and speaker, and each mention's entity and surface,
/// counted, from a built site's `data/dossier.json`.
fn annotations(data: &serde_json::Value) -> BTreeMap<String, BTreeMap<String, usize>> {
    let source_of: BTreeMap<String, String> = data["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["slug"].as_str().unwrap().to_string(),
                a["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut out: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut count = |article: &str, key: String| {
        *out.entry(source_of[article].clone())
            .or_default()
            .entry(key)
            .or_default() += 1;
    };
    for q in data["quotes"].as_array().unwrap() {
        let speaker = &q["speaker"];
        count(
            q["article"].as_str().unwrap(),
            format!(
                "quote {:?} by {} / {}",
                q["text"].as_str().unwrap(),
                speaker["entity"],
                speaker["name"]
            ),
        );
    }
    for e in data["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            count(
                m["article"].as_str().unwrap(),
                format!("mention {} as {}", e["id"], m["surface"]),
            );
        }
    }
    out
}

/// Quote corrections are an editor's notes in an article's front matter, which no import
/// can know: each tidied article's `[[quotes]]` tables are carried over to the imported
/// article of the same outlet, as the editor would add them again.
fn carry_corrections(f: &Fixture) {
    let tidied = common::repo_root().join("content/articles");
    for entry in std::fs::read_dir(tidied).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let Some(start) = text.find("[[quotes]]") else {
            continue;
        };
        let end = text[start..].find("+++").unwrap() + start;
        let corrections = &text[start..end];
        let source_line = text.lines().find(|l| l.starts_with("source = ")).unwrap();
        let imported: Vec<PathBuf> = std::fs::read_dir(f.path("content/articles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                std::fs::read_to_string(p)
                    .unwrap()
                    .lines()
                    .any(|l| l == source_line)
            })
            .collect();
        assert_eq!(imported.len(), 1, "one imported article has {source_line}");
        let mine = std::fs::read_to_string(&imported[0]).unwrap();
        let close = mine[3..].find("+++\n").unwrap() + 3;
        let patched = format!("{}\n{corrections}{}", &mine[..close], &mine[close..]);
        std::fs::write(&imported[0], patched).unwrap();
    }
}

#[test]
fn the_raw_seeds_import_into_the_example_dossier() {
    let Some(dir) = corpora::seeds() else {
        eprintln!("skipped: the seeds are not there");
        return;
    };
    let repo = common::repo_root();
    let f = Fixture::empty();
    for file in ["dossier.toml", "content/entities.toml", "content/_index.md"] {
        f.write(file, &std::fs::read_to_string(repo.join(file)).unwrap());
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for (prefix, source, date) in SEEDS {
        let seed = names
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .expect("a seed for each prefix");
        let seed = seed.to_string_lossy().into_owned();
        let mut args = vec!["import", seed.as_str(), "--source", source];
        if let Some(d) = date {
            args.extend(["--date", d]);
        }
        let out = f.cmd(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{seed}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    carry_corrections(&f);
    f.build_ok();
    let imported: serde_json::Value = common::read_export(&f.path("public"));
    assert_eq!(
        annotations(&imported),
        annotations(&common::example_export())
    );
}

#[test]
fn polnear_test_split_imports_without_titles() {
    let Some(dir) = corpora::corpora().map(|c| c.join("polnear")) else {
        eprintln!("skipped: the corpora are not there");
        return;
    };
    let metadata = std::fs::read_to_string(dir.join("metadata.tsv")).unwrap();
    let f = Fixture::new();
    let (mut count, mut made_titles) = (0, 0);
    for row in metadata.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols[0] != "test" {
            continue;
        }
        let file = dir.join(format!("{}.txt", cols[1]));
        let file = file.to_string_lossy().into_owned();
        let out = f
            .cmd(&["import", &file, "--source", cols[4], "--date", cols[5]])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{file}: {stderr}");
        assert!(!stderr.contains("error"), "{file}: {stderr}");
        made_titles += usize::from(stderr.contains("the title was made from the first sentence"));
        count += 1;
    }
    assert_eq!(count, 84);
    eprintln!("84 imported; {made_titles} titles made from the first sentence");
    f.build_ok();
}
