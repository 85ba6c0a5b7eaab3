//! The README's first lines give the two commands a newcomer needs: one builds the
//! example dossier, one runs the whole test suite, and CI runs exactly the latter.

use std::path::Path;

/// The commands of the README's first `sh` block, without their comments.
fn first_commands() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README opens with an sh block");
    block
        .lines()
        .map(|l| l.split('#').next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_readme_opens_with_the_build_and_the_test_command() {
    assert_eq!(
        first_commands(),
        ["cargo run --release -- build", "scripts/test"]
    );
}

#[test]
fn ci_runs_exactly_the_readmes_test_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    let commands: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !l.starts_with("set ") && !l.starts_with("cd "))
        .collect();
    assert_eq!(commands, [first_commands()[1].as_str()]);
}

#[test]
#[cfg(unix)]
fn the_test_script_is_executable() {
    use std::os::unix::fs::PermissionsExt as _;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["scripts/test", ".ci/run"] {
        let mode = std::fs::metadata(root.join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(mode & 0o111, 0, "{file} is not executable");
    }
}
