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
    serde_json::from_slice(&std::fs::read(site.join("data/dossier.json")).unwrap()).unwrap()
}
