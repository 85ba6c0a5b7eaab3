//! Fixture dossiers in temporary folders, and running the `dossier` binary on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A dossier in a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str = "title = \"Test dossier\"\nbase_url = \"https://example.org/sub/\"\n";

pub const REGISTRY: &str = r#"
[[entity]]
id = "adel-abdul-mahdi"
name = "Adel Abdul Mahdi"
kind = "person"
aliases = ["Abdul Mahdi"]
description = "Caretaker prime minister of Iraq."

[[entity]]
name = "Iraq"
kind = "place"
"#;

pub fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2020-01-05\nsource = \"Reuters\"\n+++\n{body}\n")
}

impl Fixture {
    /// A small valid dossier: config, registry and two articles.
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        f.write("dossier.toml", CONFIG);
        f.write("content/entities.toml", REGISTRY);
        f.write("content/_index.md", "Welcome to the test dossier.\n");
        f.write(
            "content/articles/first.md",
            &article("First", "Iraq's parliament voted.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said."),
        );
        f.write(
            "content/articles/second.md",
            &article("Second", "Adel Abdul Mahdi spoke in Iraq."),
        );
        f
    }

    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// `dossier ARGS` with the fixture as the working directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("dossier").expect("binary");
        c.current_dir(self.root()).args(args);
        c
    }

    /// Runs `dossier build` and expects success.
    pub fn build_ok(&self) -> String {
        let out = self.cmd(&["build"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{stderr}");
        stderr
    }

    /// Runs `dossier check --site public` and expects every link of the built site to
    /// resolve.
    pub fn check_site_ok(&self) {
        let out = self.cmd(&["check", "--site", "public"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs `dossier build`, expects failure, returns stderr.
    pub fn build_err(&self) -> String {
        let out = self.cmd(&["build"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "build unexpectedly succeeded:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
        stderr
    }
}

/// What a command that fails on the one error `diagnostic` (its located line and its
/// help) prints, in full.
pub fn one_error(diagnostic: &str) -> String {
    format!("{diagnostic}\n1 error; nothing was written\n")
}

/// What a successful `dossier build` printed before its summary line: its warnings,
/// each with its help. Checks that the summary line closes the report and counts them.
pub fn warnings_before_summary(stderr: &str) -> &str {
    let body = stderr
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("no summary line:\n{stderr}"));
    let start = body.rfind('\n').map_or(0, |i| i + 1);
    let (warnings, summary) = stderr.split_at(start);
    assert!(summary.starts_with("built "), "{stderr}");
    let ending = match warnings.matches(": warning: ").count() {
        0 => " ms\n".to_string(),
        1 => " ms, 1 warning\n".to_string(),
        n => format!(" ms, {n} warnings\n"),
    };
    assert!(summary.ends_with(&ending), "{stderr}");
    warnings
}

/// The repository's root (the example dossier).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example dossier (the repository) into a temporary folder and returns its
/// data export, `data/dossier.json`.
pub fn example_export() -> serde_json::Value {
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let result = Command::cargo_bin("dossier")
        .expect("binary")
        .arg("build")
        .arg("--root")
        .arg(repo_root())
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    read_export(&site)
}

/// Reads a built site's data export as a consumer would, checking it on the way: the
/// manifest and every record against the schema shipped beside it, each shard's size,
/// hash and record count, and the counts. Returns one value for assertions: the
/// manifest's `version` and `site`, each record type's records in order (`articles`,
/// `entities`, `mentions`, `quotes`, `clusters`), and each entity with its mentions
/// gathered under `mentions` too.
pub fn read_export(site: &Path) -> serde_json::Value {
    use serde_json::{Value, json};
    use sha2::Digest;
    let data = site.join("data");
    let read =
        |name: &str| std::fs::read(data.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let manifest: Value = serde_json::from_slice(&read("dossier.json")).expect("manifest");
    let schema: Value =
        serde_json::from_slice(&read(manifest["schema"].as_str().expect("schema"))).unwrap();
    let valid = |instance: &Value, def: Option<&str>| {
        let schema = match def {
            None => schema.clone(),
            Some(def) => json!({
                "$schema": schema["$schema"],
                "$defs": schema["$defs"],
                "$ref": format!("#/$defs/{def}"),
            }),
        };
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        if let Err(e) = validator.validate(instance) {
            panic!("{def:?}: {e}: {instance}");
        }
    };
    valid(&manifest, None);
    let mut records: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    for shard in manifest["shards"].as_array().expect("shards") {
        let path = shard["path"].as_str().unwrap();
        let bytes = read(path);
        assert_eq!(shard["bytes"], bytes.len(), "{path}");
        let hash = base16ct::lower::encode_string(&sha2::Sha256::digest(&bytes));
        assert_eq!(shard["sha256"], hash, "{path}");
        let kind = shard["type"].as_str().unwrap();
        let lines: Vec<Value> = std::str::from_utf8(&bytes)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}")))
            .collect();
        assert_eq!(shard["records"], lines.len(), "{path}");
        for record in &lines {
            valid(record, Some(kind));
        }
        records.entry(kind).or_default().extend(lines);
    }
    let mut out = json!({"version": manifest["version"], "site": manifest["site"]});
    for (kind, list) in [
        ("article", "articles"),
        ("entity", "entities"),
        ("mention", "mentions"),
        ("quote", "quotes"),
        ("cluster", "clusters"),
    ] {
        let found = records.remove(kind).unwrap_or_default();
        assert_eq!(manifest["counts"][list], found.len(), "{list}");
        out[list] = Value::Array(found);
    }
    let mut by_entity: std::collections::HashMap<String, Vec<Value>> = Default::default();
    for m in out["mentions"].as_array().unwrap() {
        let id = m["entity"].as_str().unwrap().to_string();
        by_entity.entry(id).or_default().push(m.clone());
    }
    for entity in out["entities"].as_array_mut().unwrap() {
        let own = by_entity
            .remove(entity["id"].as_str().unwrap())
            .unwrap_or_default();
        entity["mentions"] = Value::Array(own);
    }
    out
}
