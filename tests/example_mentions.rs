//! Every occurrence of every registry name in the example articles is a mention, and
//! nothing else is: the program's mentions, per article, entity and surface form, equal
//! the count made independently in `tests/data/example_mentions.md`.

mod common;

use std::collections::BTreeMap;

use assert_cmd::Command;

type Counts = BTreeMap<(String, String, String), usize>;

/// Parses `## slug: N` headings and `- entity (N): Surface xK, Other xJ` lines.
fn expected_counts() -> Counts {
    let text = std::fs::read_to_string(common::repo_root().join("tests/data/example_mentions.md"))
        .unwrap();
    let mut counts = Counts::new();
    let mut article = None;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            article = h.split(':').next().map(|s| s.trim().to_string());
        } else if let (Some(rest), Some(a)) = (line.strip_prefix("- "), &article) {
            let Some((entity, forms)) = rest.split_once("): ") else {
                continue;
            };
            let entity = entity.split(" (").next().unwrap().trim().to_string();
            for form in forms.split(", ") {
                let (surface, n) = form.rsplit_once(" x").unwrap();
                counts.insert(
                    (a.clone(), entity.clone(), surface.to_string()),
                    n.trim().parse().unwrap(),
                );
            }
        }
    }
    counts
}

#[test]
fn example_mentions_match_the_independent_count() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let result = Command::cargo_bin("dossier")
        .unwrap()
        .arg("build")
        .arg("--root")
        .arg(common::repo_root())
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let json: serde_json::Value = common::read_export(&site);
    let mut found = Counts::new();
    for e in json["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            // Possessives are outside the surface; the sentence-start capital is inside.
            let key = (
                m["article"].as_str().unwrap().to_string(),
                e["id"].as_str().unwrap().to_string(),
                m["surface"].as_str().unwrap().to_string(),
            );
            *found.entry(key).or_default() += 1;
        }
    }
    let expected = expected_counts();
    assert!(
        expected.values().sum::<usize>() >= 200,
        "the count file was read"
    );
    assert_eq!(found, expected);
    // No warnings: no ambiguous or unlinked names in the example.
    assert!(!String::from_utf8_lossy(&result.stderr).contains("could mean"));
}
