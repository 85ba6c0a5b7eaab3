//! The built-in theme's pages written natively are byte for byte what Tera makes of
//! the theme's templates (`DOSSIER_TERA_ONLY` sends every page through Tera), and a
//! dossier's own templates still win over the native writer.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Fixture, repo_root};

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Builds the dossier at `root` natively and through Tera, and compares every file.
fn assert_native_matches_tera(root: &Path) {
    let out = tempfile::tempdir().unwrap();
    let build = |name: &str, tera_only: bool| {
        let dir = out.path().join(name);
        let mut cmd = assert_cmd::Command::cargo_bin("dossier").unwrap();
        cmd.current_dir(root)
            .args(["build", "--output"])
            .arg(&dir)
            .env_remove("DOSSIER_TERA_ONLY");
        if tera_only {
            cmd.env("DOSSIER_TERA_ONLY", "1");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        tree(&dir)
    };
    let native = build("native", false);
    let tera = build("tera", true);
    assert_eq!(
        native.keys().collect::<Vec<_>>(),
        tera.keys().collect::<Vec<_>>()
    );
    let mut pages = 0;
    for (path, bytes) in &native {
        if path.ends_with(".html") {
            pages += 1;
        }
        if bytes != &tera[path] {
            let (a, b) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&tera[path]),
            );
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
            let show = |s: &str| {
                s.lines()
                    .skip(line.saturating_sub(2))
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "`{path}` differs from Tera's at line {}:\n--- native\n{}\n--- tera\n{}",
                line + 1,
                show(&a),
                show(&b)
            );
        }
    }
    assert!(pages > 0);
}

#[test]
fn the_example_dossier_renders_the_same_natively() {
    assert_native_matches_tera(&repo_root());
}

const RICH_REGISTRY: &str = r#"
[[entity]]
id = "adel-abdul-mahdi"
name = "Adel Abdul Mahdi"
kind = "person"
aliases = ["Abdul Mahdi", "Mahdi & Co"]
description = "Caretaker prime minister of Iraq. He resigned in *late* 2019 after weeks of protests."
links = ["https://www.example.org/adel/", "http://wiki.example.com/Adel"]

[[entity]]
name = "Iraq"
kind = "place"
description = "Iraq"

[[entity]]
name = "Mike Pompeo"
kind = "person"

[[entity]]
name = "Kata'ib <Hezbollah>"
kind = "group"

[[entity]]
name = "Nobody Mentioned"
kind = "organization"
description = "Never in an article."
"#;

/// A dossier that takes the templates' branches: authors, tags, times, summaries,
/// awkward characters, statements reported by several outlets and by one, unattributed
/// quotes, an entity nobody mentions, and enough dated events and statements for a
/// paged timeline and quote index.
fn rich_fixture() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "dossier.toml",
        "title = \"Rich <dossier> & co\"\ndescription = \"Tests 'quotes' & \\\"marks\\\"\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    f.write("content/entities.toml", RICH_REGISTRY);
    f.write("content/_index.md", "Welcome.\n");
    let outlets = ["Reuters", "AP", "Al <Jazeera> & Co", "BBC"];
    for i in 0..48 {
        let outlet = outlets[i % outlets.len()];
        let authors = match i % 4 {
            0 => "",
            1 => "authors = [\"Jane O'Neil\"]\n",
            2 => "authors = [\"A One\", \"B Two\"]\n",
            _ => "authors = [\"A One\", \"B Two\", \"C <Three>\"]\n",
        };
        let extra = match i % 3 {
            0 => {
                "tags = [\"iraq\", \"votes & laws\"]\nsummary = \"A summary with <angle> & 'quotes'.\"\n"
            }
            1 => "url = \"https://example.com/story?a=1&b=2\"\n",
            _ => "",
        };
        // Many dated events, so the timeline has more entries than one page holds.
        let events: String = (1..=26)
            .map(|d| format!("Officials met on {d} March 2019 in Baghdad. "))
            .collect();
        // Distinct statements, so the quote index has more than one page.
        let statements: String = (0..13)
            .map(|k| {
                // Words of its own, so that no two statements read as one.
                let mut x: u64 = (i * 13 + k) as u64 + 1;
                let words: Vec<String> = (0..7)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        format!("w{}", x >> 52)
                    })
                    .collect();
                format!("\n\n“We must {} now,” Mike Pompeo said.", words.join(" "))
            })
            .collect();
        // A statement two outlets carry in different words, which the others miss.
        let border = match i % 4 {
            0 => "\n\n“The border stays closed for now,” Mike Pompeo said.",
            1 => "\n\n“The border stays closed for now, and that is final,” Mike Pompeo said.",
            2 => "\n\nOfficials called the vote a “betrayal”.",
            _ => "",
        };
        let body = format!(
            "Iraq's parliament voted. Abdul Mahdi spoke to Kata'ib <Hezbollah> envoys.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said.\n\n“We will not leave {i},” a spokesman said.{border}\n\n{events}{statements}"
        );
        f.write(
            &format!("content/articles/report-{i:02}.md"),
            &format!(
                "+++\ntitle = \"Report {i}: <votes> & 'views'\"\ndate = 2020-01-{:02}{}\nsource = \"{}\"\n{authors}{extra}+++\n{body}\n",
                1 + i % 28,
                // A date-time gives the article a time of day.
                if i % 5 == 0 { "T14:30:00Z" } else { "" },
                outlet.replace('"', "\\\""),
            ),
        );
    }
    f
}

#[test]
fn a_rich_dossier_renders_the_same_natively() {
    let f = rich_fixture();
    assert_native_matches_tera(f.root());
    // The fixture reaches the paged timeline and quote index.
    let out = tempfile::tempdir().unwrap();
    let o = f
        .cmd(&["build", "--output"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(out.path().join("timeline/2019-03/index.html").exists());
    assert!(out.path().join("quotes/page/2/index.html").exists());
    let quotes = std::fs::read_to_string(out.path().join("quotes/index.html")).unwrap();
    for branch in ["variant--differs", "terms__item", "badge--quiet"] {
        assert!(quotes.contains(branch), "the fixture misses `{branch}`");
    }
}

#[test]
fn a_dossier_template_overrides_the_native_pages() {
    let f = Fixture::new();
    f.write(
        "templates/macros.html",
        &std::fs::read_to_string(repo_root().join("templates/macros.html"))
            .unwrap()
            .replace("<span class=\"speaker\">", "<span class=\"speaker own\">")
            .replace("<time datetime=", "<time data-own=\"yes\" datetime="),
    );
    f.write(
        "templates/entity.html",
        "{% extends \"base.html\" %}{% block content %}<p>own entity page: {{ entity.name }}</p>{% endblock content %}",
    );
    f.build_ok();
    let entity = f.read("public/entities/iraq/index.html");
    assert!(entity.contains("<p>own entity page: Iraq</p>"), "{entity}");
    let article = f.read("public/articles/first/index.html");
    assert!(article.contains("<time data-own=\"yes\""), "{article}");
}

#[test]
fn an_empty_dossier_renders_the_same_natively() {
    let f = Fixture::empty();
    f.write("dossier.toml", "title = \"Empty\"\n");
    f.write(
        "content/entities.toml",
        "[[entity]]\nname = \"Iraq\"\nkind = \"place\"\n",
    );
    assert_native_matches_tera(f.root());
}
