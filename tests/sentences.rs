//! The one sentence model on whole built dossiers: a mention's context on its entity
//! page and an event's sentence on the timeline run past titles, months, initials,
//! dotted acronyms and "No." before a number, and stop where the sentence does; and
//! the model's precision against the hand-made sentence breaks of CoNLL-2003.

mod common;
#[path = "common/corpora.rs"]
mod corpora;

use assert_cmd::Command;
use common::Fixture;
use serde_json::Value;

/// The contexts of `entity`'s mentions in `article`, from the built `data/dossier.json`.
fn contexts(json: &Value, entity: &str, article: &str) -> Vec<String> {
    let e = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entity)
        .unwrap_or_else(|| panic!("no entity {entity}"));
    e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["article"] == article)
        .map(|m| m["context"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_hill_article_s_baghdad_context_is_the_whole_sentence() {
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
    let json: Value = common::read_export(&site);
    let sentence = "Iraq’s parliament reportedly voted on Sunday to expel the U.S. military from \
                    the country after an American airstrike killed top Iranian military \
                    commander Gen. Qassem Soleimani in Baghdad.";
    let found = contexts(
        &json,
        "baghdad",
        "iraq-parliament-votes-to-expel-us-military",
    );
    assert_eq!(
        found[0], sentence,
        "the first mention of Baghdad, in the lead"
    );
    let page = std::fs::read_to_string(site.join("entities/baghdad/index.html")).unwrap();
    assert!(
        page.contains("commander Gen. Qassem Soleimani in <"),
        "the entity page shows the words before the title"
    );
}

/// Builds the fixture dossier with one article saying `body` and returns the built
/// `data/dossier.json`.
fn build_with(body: &str) -> Value {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        &common::article("Second", body),
    );
    f.build_ok();
    common::read_export(&f.path("public"))
}

#[test]
fn a_context_runs_past_titles_months_initials_acronyms_and_numbers() {
    let sentence = "On Jan. 5 Sen. John W. Smith told the U.S. envoy that Iraq was No. 3 on \
                    the list.";
    let json = build_with(&format!("The talks ended. {sentence} Nobody replied."));
    assert_eq!(contexts(&json, "iraq", "second"), [sentence]);
}

#[test]
fn a_context_stops_at_a_full_stop_before_a_capital() {
    let json = build_with("Talks stalled, etc. Iraq voted. Then the U.S. envoy left.");
    assert_eq!(contexts(&json, "iraq", "second"), ["Iraq voted."]);
}

#[test]
fn a_context_keeps_the_closing_quotation_mark() {
    let json = build_with("He said “the vote in Iraq was over.” Then he left.");
    assert_eq!(
        contexts(&json, "iraq", "second"),
        ["He said “the vote in Iraq was over.”"]
    );
}

#[test]
fn a_timeline_event_is_the_whole_sentence_around_its_date() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        &common::article(
            "Second",
            "The Rev. Jesse Jones will visit Iraq on Jan. 9 with Lt. Col. A. Brown. He left.",
        ),
    );
    f.build_ok();
    let html = f.read("public/timeline/index.html");
    assert!(
        html.contains("The Rev. Jesse Jones will visit Iraq on Jan. 9 with Lt. Col. A. Brown.</a>"),
        "{html}"
    );
}

#[test]
fn a_context_longer_than_twice_a_side_is_cut_on_each_side() {
    let clause = "and the talks went on through the night without any sign of agreement ";
    let body = format!(
        "Officials said {}that Iraq {}would vote.",
        clause.repeat(3),
        clause.repeat(3)
    );
    let json = build_with(&body);
    let context = &contexts(&json, "iraq", "second")[0];
    assert!(
        context.starts_with('…') && context.ends_with('…'),
        "{context}"
    );
    assert!(
        context.contains("agreement that Iraq and the talks "),
        "{context}"
    );
    // At most 160 characters a side and an ellipsis at each cut.
    assert!(
        context.chars().count() <= 160 + "Iraq".len() + 160 + 2,
        "{context}"
    );
    assert!(context.chars().count() > 300, "{context}");
}

/// Precision and recall of the model's sentence ends against CoNLL-2003's hand-made
/// sentences (one a paragraph of its articles), joined again with single spaces: every
/// model end must fall where one of them ends. Skips, passing, when the corpora are
/// absent.
#[test]
fn sentence_ends_fall_where_conll_sentences_end() {
    let Some(root) = corpora::corpora() else {
        eprintln!("corpora absent: skipped");
        return;
    };
    let dir = root.join("conll2003/articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} absent: skipped", dir.display());
        return;
    };
    let (mut right, mut wrong, mut gold) = (0usize, 0usize, 0usize);
    let mut wrong_samples = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let article = std::fs::read_to_string(&path).unwrap();
        // The headline, byline and dateline are not sentences of running text, nor
        // are the rows of results tables, which end without a full stop: runs of
        // sentences that end in one are measured, each run as one text.
        let paragraphs = article.split("\n\n").skip(3).map(str::trim);
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for p in paragraphs {
            if p.trim_end_matches(['"', '\'', ')'])
                .ends_with(['.', '?', '!'])
            {
                runs.last_mut().unwrap().push(p);
            } else if !runs.last().unwrap().is_empty() {
                runs.push(Vec::new());
            }
        }
        for sentences in runs.iter().filter(|r| !r.is_empty()) {
            let text = sentences.join(" ");
            let mut gold_ends = std::collections::HashSet::new();
            let mut at = 0;
            for s in sentences {
                at += s.len();
                gold_ends.insert(at);
                at += 1;
            }
            gold += sentences.len();
            for end in dossier::text::sentences::ends(&text) {
                if gold_ends.contains(&end.end) {
                    right += 1;
                } else {
                    wrong += 1;
                    let from = text.floor_char_boundary(end.end.saturating_sub(50));
                    let to = text.ceil_char_boundary((end.end + 30).min(text.len()));
                    wrong_samples.push(text[from..to].to_string());
                }
            }
        }
    }
    if gold == 0 {
        eprintln!("no CoNLL articles: skipped");
        return;
    }
    let precision = right as f64 / (right + wrong) as f64;
    let recall = right as f64 / gold as f64;
    eprintln!(
        "CoNLL-2003: {gold} sentences, {} model ends, precision {precision:.4}, recall {recall:.4}",
        right + wrong
    );
    for s in wrong_samples.iter().take(40) {
        eprintln!("  not a gold end: {s:?}");
    }
    assert!(precision >= 0.95, "precision {precision:.4}");
}

#[test]
fn an_entity_page_description_is_the_first_whole_sentence() {
    let f = Fixture::new();
    let registry = common::REGISTRY.replace(
        "name = \"Iraq\"\nkind = \"place\"",
        "name = \"Iraq\"\nkind = \"place\"\ndescription = \"Country where Gen. Qassem Soleimani \
         was killed by a U.S. strike. It borders Iran.\"",
    );
    f.write("content/entities.toml", &registry);
    f.build_ok();
    let page = f.read("public/entities/iraq/index.html");
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"Country where Gen. Qassem Soleimani was \
             killed by a U.S. strike.\">"
        ),
        "{page}"
    );
}
