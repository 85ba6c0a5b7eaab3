//! The search index as files: what `dossier build` writes under `data/search/`, read
//! back the way `static/search.js` reads it.

mod common;

use std::collections::BTreeMap;

use common::{Fixture, article, repo_root};
use dossier::build::{BuildOptions, build_in_memory};
use dossier::render::OutputFile;
use dossier::render::search::{FOLD_TABLE, tokenize};
use serde_json::Value;

/// The index decoded: documents by number, and every term's postings.
struct Index {
    meta: Value,
    /// term -> (doc, passage, weight)
    terms: BTreeMap<String, Vec<(u64, u64, u64)>>,
    /// term -> the chunk it was found in
    chunk_of: BTreeMap<String, usize>,
    /// doc -> its fragment
    docs: Vec<Value>,
    files: Vec<OutputFile>,
    all_files: Vec<OutputFile>,
}

impl Index {
    fn file(&self, path: &str) -> Value {
        let f = self
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no file {path}"));
        serde_json::from_slice(&f.bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn doc_by_url(&self, url: &str) -> usize {
        self.docs
            .iter()
            .position(|d| d["u"] == url)
            .unwrap_or_else(|| panic!("no document {url}"))
    }

    fn postings(&self, term: &str) -> &[(u64, u64, u64)] {
        self.terms
            .get(term)
            .map(|v| v.as_slice())
            .unwrap_or_else(|| panic!("term `{term}` is not in the index"))
    }
}

fn build(root: &std::path::Path) -> Vec<OutputFile> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    match build_in_memory(&opts) {
        Ok(b) => b.files,
        Err(e) => panic!("build failed: {e:?}"),
    }
}

fn decode(all_files: Vec<OutputFile>) -> Index {
    let files: Vec<OutputFile> = all_files
        .iter()
        .filter(|f| f.path.starts_with("data/search/"))
        .cloned()
        .collect();
    let mut index = Index {
        meta: Value::Null,
        terms: BTreeMap::new(),
        chunk_of: BTreeMap::new(),
        docs: Vec::new(),
        files,
        all_files,
    };
    index.meta = index.file("data/search/meta.json");
    let chunks = index.meta["chunks"].as_array().unwrap().len();
    for n in 0..chunks {
        let chunk = index.file(&format!("data/search/terms/{n}.json"));
        for (term, list) in chunk.as_object().unwrap() {
            let nums: Vec<u64> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            assert_eq!(nums.len() % 3, 0, "postings of `{term}` come in threes");
            let mut doc = 0;
            let postings = nums
                .chunks(3)
                .map(|p| {
                    doc += p[0];
                    (doc, p[1], p[2])
                })
                .collect();
            assert!(
                index.terms.insert(term.clone(), postings).is_none(),
                "`{term}` is in two chunks"
            );
            index.chunk_of.insert(term.clone(), n);
        }
    }
    for kind in index.meta["kinds"].as_array().unwrap().clone() {
        let (count, per) = (
            kind["count"].as_u64().unwrap() as usize,
            kind["per_file"].as_u64().unwrap() as usize,
        );
        assert_eq!(kind["start"].as_u64().unwrap() as usize, index.docs.len());
        for n in 0..count.div_ceil(per) {
            let list = index.file(&format!(
                "data/search/docs/{}-{n}.json",
                kind["kind"].as_str().unwrap()
            ));
            index.docs.extend(list.as_array().unwrap().iter().cloned());
        }
        assert_eq!(
            index.docs.len(),
            kind["start"].as_u64().unwrap() as usize + count
        );
    }
    assert_eq!(
        index.meta["docs"].as_u64().unwrap() as usize,
        index.docs.len()
    );
    index
}

/// JavaScript's `<` on strings: UTF-16 code units.
fn js_lt(a: &str, b: &str) -> bool {
    a.encode_utf16().lt(b.encode_utf16())
}

/// The chunk `search.js` looks a term up in: the last whose separator is <= the term.
fn client_chunk(meta: &Value, term: &str) -> usize {
    let seps = meta["chunks"].as_array().unwrap();
    seps.iter()
        .rposition(|s| !js_lt(term, s.as_str().unwrap()))
        .expect("the first separator is empty")
}

#[test]
fn tokenize_lowercases_folds_and_drops_possessives() {
    let cases: &[(&str, &[&str])] = &[
        ("Iraq's parliament", &["iraq", "parliament"]),
        ("Iraq’s Prime Minister", &["iraq", "prime", "minister"]),
        (
            "al-Mahdi, 5,000 troops.",
            &["al", "mahdi", "5", "000", "troops"],
        ),
        ("Café Ñandú Straße", &["cafe", "nandu", "strasse"]),
        ("Cafe\u{301} OK", &["cafe", "ok"]),
        ("\"occupiers\": Iran", &["occupiers", "iran"]),
        ("'s alone, don't", &["s", "alone", "don", "t"]),
        ("قاسم سليماني", &["قاسم", "سليماني"]),
        ("ΟΔΥΣΣΕΥΣ", &["οδυσσευσ"]),
        ("", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(tokenize(text), *want, "tokenize({text:?})");
    }
    let long = "x".repeat(41);
    assert!(tokenize(&format!("a {long} b")) == ["a", "b"]);
}

#[test]
fn the_client_folds_exactly_as_the_indexer() {
    let js = std::fs::read_to_string(repo_root().join("static/search.js")).unwrap();
    let start = js
        .find("var FOLD_TABLE = \"")
        .expect("FOLD_TABLE in search.js")
        + 18;
    let end = start + js[start..].find('"').unwrap();
    assert_eq!(&js[start..end], FOLD_TABLE);
    assert!(js.contains("var MAX_TERM_CHARS = 40;"));
}

#[test]
fn fixture_index_has_terms_postings_and_passages() {
    let f = Fixture::new();
    let index = decode(build(f.root()));
    let kinds: Vec<&str> = index.meta["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["entity", "article", "statement", "claim"]);

    let mahdi = index.doc_by_url("/entities/adel-abdul-mahdi/");
    let iraq = index.doc_by_url("/entities/iraq/");
    let first = index.doc_by_url("/articles/first/");
    let second = index.doc_by_url("/articles/second/");
    // The one quote is a statement, which leads to its place in the quote index.
    let quote = index.doc_by_url("/quotes/#c-1");
    assert_eq!(index.docs[quote]["l"], "Reuters");
    assert_eq!(index.docs[quote]["d"], "5 January 2020");
    // The words of the entities' names, four letters and more, that the index holds.
    assert_eq!(
        index.file("data/search/names.json"),
        serde_json::json!(["abdul", "adel", "iraq", "mahdi"])
    );
    // The statement is titled by its speaker, when attribution found one.
    let quotes = &index
        .all_files
        .iter()
        .find(|f| f.path == "data/quotes-0001.jsonl")
        .unwrap()
        .bytes;
    let first_quote: Value =
        serde_json::from_slice(quotes.split(|&b| b == b'\n').next().unwrap()).unwrap();
    let speaker = first_quote["speaker"]["name"].as_str();
    assert_eq!(
        index.docs[quote]["t"],
        speaker.unwrap_or("Unattributed statement")
    );
    assert_eq!(index.docs[first]["l"], "Reuters");
    assert_eq!(index.docs[first]["d"], "5 January 2020");

    // "mahdi": the entity's names (passage 0, boosted), both articles' text, and the
    // quote's speaker (passage 1) when it has one.
    let docs: Vec<u64> = index.postings("mahdi").iter().map(|p| p.0).collect();
    for d in [mahdi, first, second] {
        assert!(docs.contains(&(d as u64)), "mahdi in doc {d}: {docs:?}");
    }
    let in_name = index
        .postings("mahdi")
        .iter()
        .find(|p| p.0 == mahdi as u64)
        .unwrap();
    assert_eq!(in_name.1, 0);
    let in_text = index
        .postings("mahdi")
        .iter()
        .find(|p| p.0 == second as u64)
        .unwrap();
    assert!(in_name.2 > in_text.2, "a name weighs more than body text");
    if speaker.is_some() {
        assert!(
            index
                .postings("mahdi")
                .iter()
                .any(|p| p.0 == quote as u64 && p.1 == 1)
        );
    }

    // "Iraq's" is "iraq"; no stray "s".
    assert!(
        index
            .postings("iraq")
            .iter()
            .any(|p| p.0 == iraq as u64 && p.1 == 0)
    );
    assert!(!index.terms.contains_key("s"));

    // A word of the quote: in the quote (passage 0) and in the article's paragraph,
    // whose passage links to the quote's anchor.
    let despite = index.postings("despite");
    assert!(despite.contains(&(quote as u64, 0, 2)), "{despite:?}");
    let (_, passage, _) = *despite.iter().find(|p| p.0 == first as u64).unwrap();
    let frag = &index.docs[first];
    let text = frag["p"][passage as usize].as_str().unwrap();
    assert!(text.starts_with("“Despite the internal"), "{text}");
    let anchor = frag["a"][passage as usize].as_str().unwrap();
    assert!(
        anchor == "q-1" || anchor.starts_with("m-"),
        "the paragraph links to its first quote or mention: {anchor}"
    );
}

/// A statement reported by several outlets is one document: every outlet in its label,
/// every distinct wording a passage of it, so a word of any wording finds it once.
#[test]
fn a_statement_is_one_document_with_every_wording() {
    let f = Fixture::new();
    f.write(
        "content/articles/third.md",
        "+++\ntitle = \"Third\"\ndate = 2020-01-06\nsource = \"AFP\"\n+++\n\
         “Despite the internal and external difficulties we might face, it remains best for Iraq,” \
         Abdul Mahdi said.\n",
    );
    let index = decode(build(f.root()));
    let statements: Vec<&Value> = index
        .docs
        .iter()
        .filter(|d| d["u"].as_str().unwrap().starts_with("/quotes/"))
        .collect();
    assert_eq!(statements.len(), 1, "{statements:#?}");
    let s = statements[0];
    assert_eq!(s["l"], "AFP and Reuters");
    // First reported on the 5th (Reuters), before AFP's of the 6th.
    assert_eq!(s["d"], "5 January 2020");
    assert_eq!(s["t"], "Adel Abdul Mahdi");
    let passages: Vec<&str> = s["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(passages.len(), 3, "{passages:?}");
    assert_eq!(passages[1], "Adel Abdul Mahdi");
    let mut wordings = [passages[0], passages[2]];
    wordings.sort();
    assert_eq!(
        wordings,
        [
            "Despite the internal and external difficulties that we might face, it remains best for Iraq",
            "Despite the internal and external difficulties we might face, it remains best for Iraq",
        ]
    );
    let doc = index.docs.iter().position(|d| std::ptr::eq(d, s)).unwrap() as u64;
    let despite: Vec<_> = index
        .postings("despite")
        .iter()
        .filter(|p| p.0 == doc)
        .collect();
    assert_eq!(despite.len(), 2, "in both wordings: {despite:?}");
}

/// A claim is a document: what it counts and what about, then each report's outlet and
/// sentence, leading to the claim on the figures page.
#[test]
fn a_claim_is_a_document_of_its_own() {
    let index = decode(build(&repo_root()));
    let claim = index.doc_by_url("/figures/#n-1");
    let doc = &index.docs[claim];
    assert_eq!(doc["t"], "Troops: United States");
    assert_eq!(doc["l"], "Reported differently by 4 outlets");
    let passages: Vec<&str> = doc["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(passages.len(), 5, "{passages:#?}");
    assert_eq!(
        passages[2],
        "Reuters: Around 5,000 US troops remain in Iraq, most of them in an advisory capacity."
    );
    let troops: Vec<u64> = index
        .postings("troops")
        .iter()
        .filter(|p| p.0 == claim as u64)
        .map(|p| p.1)
        .collect();
    assert_eq!(troops, [0, 1, 2, 3, 4]);
}

/// A hidden alias is searched (the entity's third passage) but its fragment text is
/// empty, so no result shows it.
#[test]
fn a_hidden_alias_is_searched_but_never_shown() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        "[[entity]]\nname = \"Adel Abdul Mahdi\"\nkind = \"person\"\n\
         hidden_aliases = [\"Abdel Mehdi\"]\n",
    );
    f.write(
        "content/articles/second.md",
        &article("Second", "Abdel Mehdi spoke."),
    );
    let index = decode(build(f.root()));
    let mahdi = index.doc_by_url("/entities/adel-abdul-mahdi/") as u64;
    assert_eq!(index.docs[mahdi as usize]["p"][0], "Adel Abdul Mahdi");
    assert_eq!(index.docs[mahdi as usize]["p"][2], "");
    assert!(
        index.postings("mehdi").contains(&(mahdi, 2, 12)),
        "{:?}",
        index.postings("mehdi")
    );
    let names = index.file("data/search/names.json");
    assert!(
        names.as_array().unwrap().contains(&Value::from("mehdi")),
        "{names}"
    );
}

#[test]
fn passage_anchors_exist_in_the_article_pages() {
    let files = build(&repo_root());
    let pages: BTreeMap<String, String> = files
        .iter()
        .filter(|f| f.path.ends_with("index.html"))
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let index = decode(files);
    let mut checked = 0;
    for doc in &index.docs {
        let url = doc["u"].as_str().unwrap();
        let (path, hash) = url.split_once('#').unwrap_or((url, ""));
        let page = &pages[&format!("{}index.html", &path[1..])];
        let mut anchors: Vec<&str> = doc["a"]
            .as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap()).collect())
            .unwrap_or_default();
        anchors.push(hash);
        for a in anchors.into_iter().filter(|a| !a.is_empty()) {
            assert!(
                page.contains(&format!("id=\"{a}\"")),
                "{url}: no element with id {a}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "checked {checked} anchors");
}

#[test]
fn file_names_are_safe_and_chunks_are_found_by_the_client_rule() {
    // Enough distinct words for several chunks, and names outside ASCII.
    let f = Fixture::new();
    for a in 0..40 {
        let words: Vec<String> = (0..300).map(|w| format!("w{a:02}x{w:03}")).collect();
        let body = format!(
            "{}\n\nÉlysée Ἀθῆναι القاهرة Zürich 東京 {}",
            words.join(" "),
            a
        );
        f.write(
            &format!("content/articles/gen-{a:02}.md"),
            &article(&format!("Generated {a}"), &body),
        );
    }
    let index = decode(build(f.root()));
    let seps: Vec<&str> = index.meta["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(seps.len() >= 3, "several chunks: {seps:?}");
    assert_eq!(seps[0], "");
    for w in seps.windows(2) {
        assert!(js_lt(w[0], w[1]), "separators ascend: {seps:?}");
    }
    for (term, &chunk) in &index.chunk_of {
        assert_eq!(client_chunk(&index.meta, term), chunk, "chunk of `{term}`");
    }
    for term in ["elysee", "zurich", "القاهرة", "東京"] {
        assert!(index.terms.contains_key(term), "{term}");
    }
    for file in &index.files {
        let name = file.path.strip_prefix("data/search/").unwrap();
        let ok = name == "meta.json"
            || name == "names.json"
            || name
                .strip_prefix("terms/")
                .and_then(|n| n.strip_suffix(".json"))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            || name
                .strip_prefix("docs/")
                .and_then(|n| n.strip_suffix(".json"))
                .and_then(|n| n.split_once('-'))
                .is_some_and(|(k, n)| {
                    ["entity", "article", "statement", "claim"].contains(&k)
                        && !n.is_empty()
                        && n.bytes().all(|b| b.is_ascii_digit())
                });
        assert!(ok, "unexpected file name {}", file.path);
        let terms_in = |f: &OutputFile| {
            serde_json::from_slice::<Value>(&f.bytes)
                .unwrap()
                .as_object()
                .unwrap()
                .len()
        };
        // Only a term whose postings alone exceed the budget has a larger chunk.
        if name.starts_with("terms/") && terms_in(file) > 1 {
            assert!(
                file.bytes.len() <= dossier::render::search::TERM_CHUNK_BYTES,
                "{} is {} bytes",
                file.path,
                file.bytes.len()
            );
        }
    }
}

#[test]
fn the_index_is_deterministic() {
    let a = build(&repo_root());
    let b = build(&repo_root());
    let search = |files: &[OutputFile]| -> Vec<OutputFile> {
        files
            .iter()
            .filter(|f| f.path.starts_with("data/search/"))
            .cloned()
            .collect()
    };
    let (a, b) = (search(&a), search(&b));
    assert!(a.len() > 3);
    assert_eq!(a, b);
}
