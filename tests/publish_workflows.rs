//! The GitHub Pages workflows: the one `dossier init` writes and the project's own.
//! Both must be valid YAML and deploy with GitHub's official Pages actions, at the
//! same major versions.

mod common;

use serde_yaml::Value;

/// The official actions a Pages deployment uses, at the major versions we pin.
const ACTIONS: &[&str] = &[
    "actions/checkout@v7",
    "actions/configure-pages@v6",
    "actions/cache@v4",
    "actions/upload-pages-artifact@v5",
    "actions/deploy-pages@v5",
];

fn workflows() -> Vec<(&'static str, String)> {
    let own = std::fs::read_to_string(common::repo_root().join(".github/workflows/pages.yml"))
        .expect("the project's workflow");
    let starter = dossier::init::STARTER
        .iter()
        .find(|(path, _)| *path == ".github/workflows/pages.yml")
        .expect("init writes a workflow")
        .1
        .to_string();
    vec![("project", own), ("init", starter)]
}

/// Every step of every job, in order.
fn steps(doc: &Value) -> Vec<&Value> {
    doc["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_sequence().expect("steps").iter())
        .collect()
}

#[test]
fn workflows_are_valid_yaml_using_the_official_pages_actions() {
    for (name, text) in workflows() {
        let doc: Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: not YAML: {e}"));
        let uses: Vec<&str> = steps(&doc)
            .iter()
            .filter_map(|s| s["uses"].as_str())
            .collect();
        assert_eq!(uses, ACTIONS, "{name}");
        // Pages deployments need these permissions.
        let perms = &doc["permissions"];
        assert_eq!(perms["pages"].as_str(), Some("write"), "{name}");
        assert_eq!(perms["id-token"].as_str(), Some("write"), "{name}");
        // The site is built for the Pages address, and `.nojekyll` is uploaded with it.
        let build = steps(&doc)
            .iter()
            .filter_map(|s| s["run"].as_str())
            .find(|r| r.contains(" build --output"))
            .unwrap_or_else(|| panic!("{name}: no build step"))
            .to_string();
        assert!(
            build.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\""),
            "{name}: {build}"
        );
        assert!(build.contains("--output public"), "{name}: {build}");
        let upload = steps(&doc)
            .into_iter()
            .find(|s| s["uses"].as_str() == Some("actions/upload-pages-artifact@v5"))
            .unwrap();
        assert_eq!(upload["with"]["path"].as_str(), Some("public"), "{name}");
        assert_eq!(
            upload["with"]["include-hidden-files"].as_bool(),
            Some(true),
            "{name}"
        );
        let deploy = &doc["jobs"]["deploy"];
        assert_eq!(deploy["needs"].as_str(), Some("build"), "{name}");
        assert_eq!(
            deploy["environment"]["name"].as_str(),
            Some("github-pages"),
            "{name}"
        );
    }
}

/// After the first run, a push compiles nothing: the program is restored from a cache
/// (keyed by the release the starter installs, or by the project's own source), and the
/// compile step runs only when the cache missed. The build step runs the program itself.
#[test]
fn workflows_compile_dossier_only_when_the_cache_misses() {
    for (name, text) in workflows() {
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        let steps = steps(&doc);
        let cache = steps
            .iter()
            .find(|s| s["uses"].as_str() == Some("actions/cache@v4"))
            .unwrap_or_else(|| panic!("{name}: no cache step"));
        let id = cache["id"].as_str().expect("the cache step has an id");
        let key = cache["with"]["key"].as_str().expect("a cache key");
        let path = cache["with"]["path"].as_str().expect("a cache path");
        let compiles: Vec<&&Value> = steps
            .iter()
            .filter(|s| {
                s["run"]
                    .as_str()
                    .is_some_and(|r| r.contains("cargo ") || r.contains("rustup "))
            })
            .collect();
        assert_eq!(compiles.len(), 1, "{name}: one step compiles");
        assert_eq!(
            compiles[0]["if"].as_str(),
            Some(format!("steps.{id}.outputs.cache-hit != 'true'").as_str()),
            "{name}"
        );
        let build = steps
            .iter()
            .filter_map(|s| s["run"].as_str())
            .find(|r| r.contains(" build --output public"))
            .unwrap_or_else(|| panic!("{name}: no build step"));
        assert!(!build.contains("cargo"), "{name}: {build}");
        match name {
            "init" => {
                assert_eq!(path, "~/.cargo/bin/dossier");
                assert!(key.contains("${{ env.DOSSIER_VERSION }}"), "{key}");
                // The starter installs the release that wrote it.
                let version = doc["env"]["DOSSIER_VERSION"].as_str().unwrap();
                assert_eq!(version, env!("CARGO_PKG_VERSION"));
                let install = compiles[0]["run"].as_str().unwrap();
                assert!(install.contains("--tag \"v$DOSSIER_VERSION\""), "{install}");
                assert!(build.starts_with("dossier build"), "{build}");
            }
            _ => {
                assert_eq!(path, "target/release/dossier");
                for input in ["Cargo.lock", "src/**", "templates/**", "static/**"] {
                    assert!(key.contains(&format!("'{input}'")), "{key}");
                }
                assert!(build.starts_with("target/release/dossier build"), "{build}");
            }
        }
    }
}

#[test]
fn init_writes_the_starter_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    dossier::init::init(&tmp.path().join("d")).unwrap();
    let written =
        std::fs::read_to_string(tmp.path().join("d/.github/workflows/pages.yml")).unwrap();
    let (_, starter) = workflows().remove(1);
    assert_eq!(written, starter);
}
