//! The repository's own example dossier builds, with every link resolving.

mod common;

use assert_cmd::Command;

#[test]
fn example_dossier_builds_with_sub_path_and_no_broken_links() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let result = Command::cargo_bin("dossier")
        .unwrap()
        .args(["build", "--root"])
        .arg(common::repo_root())
        .arg("--output")
        .arg(&site)
        .args(["--base-url", "https://user.github.io/repo/"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("built 5 articles"), "{stderr}");
    let articles: Vec<_> = std::fs::read_dir(site.join("articles")).unwrap().collect();
    assert_eq!(articles.len(), 5);
    assert!(site.join(".nojekyll").exists());
    // An entity page for each registry entry mentioned.
    let json: serde_json::Value = common::read_export(&site);
    let entities = json["entities"].as_array().unwrap();
    assert!(entities.len() >= 30, "{}", entities.len());
    for e in entities
        .iter()
        .filter(|e| !e["mentions"].as_array().unwrap().is_empty())
    {
        let id = e["id"].as_str().unwrap();
        assert!(
            site.join(format!("entities/{id}/index.html")).exists(),
            "{id}"
        );
    }
    let broken = dossier::linkcheck::check_site(&site, "/repo/").unwrap();
    let broken: Vec<String> = broken.iter().map(|b| b.to_string()).collect();
    assert!(broken.is_empty(), "{broken:#?}");
}
