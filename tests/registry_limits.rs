//! Names and aliases of the registry have a length limit, and the entity matcher is
//! built in work linear in the length of the names, however long and repetitive.

mod common;

use common::{Fixture, REGISTRY, article};
use dossier::annotate::TextBlock;
use dossier::annotate::entities::EntityMatcher;
use dossier::content::registry::{Entity, EntityKind, MAX_NAME_CHARS, Registry};

/// An entity whose name, or whose one alias, is `form`, appended to the fixture's
/// registry: the `name` is on line 15 and the `aliases` on line 16.
fn registry_with(name: &str, alias: &str) -> String {
    format!("{REGISTRY}\n[[entity]]\nid = \"long\"\nname = \"{name}\"\naliases = [\"{alias}\"]\n")
}

/// Runs `dossier check` and returns the exit code and standard error.
fn check(f: &Fixture) -> (Option<i32>, String) {
    let out = f.cmd(&["check"]).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_over_long_alias_is_refused_naming_its_line() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        &registry_with("Long", &"a".repeat(5_000)),
    );
    let (code, stderr) = check(&f);
    assert_eq!(code, Some(1), "{stderr}");
    let expected = format!(
        "content/entities.toml:16: error: the alias `{}…` of `long` is 5000 characters long; a name or alias may have at most 200\n  help: shorten it to the name as articles write it; a longer text belongs in `description`\n",
        "a".repeat(39)
    );
    assert_eq!(stderr, format!("{expected}1 error; nothing was written\n"));
}

#[test]
fn an_over_long_name_is_refused_naming_its_line() {
    let f = Fixture::new();
    let name = "Ministry of Everything ".repeat(10);
    f.write("content/entities.toml", &registry_with(&name, "Ministry"));
    let (code, stderr) = check(&f);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "content/entities.toml:15: error: the name `Ministry of Everything Ministry of Ever…` is 229 characters long; a name or alias may have at most 200\n  help: shorten it to the name as articles write it; a longer text belongs in `description`\n1 error; nothing was written\n"
    );
}

#[test]
fn a_name_of_the_longest_length_allowed_is_accepted_and_linked() {
    let f = Fixture::new();
    let alias = format!("Long{}", "o".repeat(MAX_NAME_CHARS - 4));
    assert_eq!(alias.chars().count(), MAX_NAME_CHARS);
    f.write("content/entities.toml", &registry_with("Long", &alias));
    f.write(
        "content/articles/third.md",
        &article("Third", &format!("The {alias} spoke.")),
    );
    f.build_ok();
    let page = f.read("public/articles/third/index.html");
    assert!(page.contains("/entities/long/"), "{page}");
}

/// Builds the matcher for a registry with one alias of `len` repetitions of one letter
/// (the worst case for the failure links of an Aho-Corasick DFA, which made building
/// it quadratic) and finds that alias in text. Built straight from a `Registry`, so
/// past the length limit of the registry file.
fn match_run_of(len: usize) -> usize {
    let run = "a".repeat(len);
    let registry = Registry::new(vec![Entity {
        id: "long".into(),
        name: "Long".into(),
        kind: EntityKind::Other,
        aliases: vec![run.clone(), "Iraq".into()],
        hidden_aliases: Vec::new(),
        description: String::new(),
        links: Vec::new(),
        line: 0,
    }]);
    let matcher = EntityMatcher::new(&registry);
    let text = format!("Iraq and {run}.");
    matcher
        .find_mentions(&[TextBlock::paragraph(&text)])
        .found
        .len()
}

#[test]
fn a_long_repeated_alias_builds_the_matcher_in_linear_work() {
    // 150,000 bytes, few enough for a DFA by size alone: a quadratic construction (the
    // square of the length, times the byte classes) takes hours; a linear one a
    // fraction of a second, even unoptimised.
    assert_eq!(match_run_of(150_000), 2);
}
