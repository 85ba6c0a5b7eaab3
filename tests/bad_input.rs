//! The bad-input suite: every mistake gets a located message with a fix, a non-zero
//! exit, no panic, and the previous site stays exactly as it was.

mod common;

use common::{Fixture, article};

/// Builds a good site first, applies `breakage`, then expects `dossier build ARGS` to fail
/// with every `expected` text, keeping the previous site.
fn fails_keeping_site(args: &[&str], breakage: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read("public/articles/first/index.html");
    breakage(&f);
    let mut full = vec!["build"];
    full.extend_from_slice(args);
    let out = f.cmd(&full).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "build unexpectedly succeeded:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "expected `{e}` in:\n{stderr}");
    }
    assert_eq!(
        f.read("public/articles/first/index.html"),
        before,
        "the previous site changed"
    );
    stderr
}

#[test]
fn malformed_toml_in_each_file() {
    fails_keeping_site(
        &[],
        |f| f.write("dossier.toml", "title = \"x\"\nbase_url = \n"),
        &["dossier.toml:2:"],
    );
    fails_keeping_site(
        &[],
        |f| f.write("content/entities.toml", "[[entity]\nname = \"A\"\n"),
        &["content/entities.toml:1:"],
    );
    fails_keeping_site(
        &[],
        |f| f.write("content/_index.md", "+++\ntitle = \n+++\nHi\n"),
        &["content/_index.md:2:"],
    );
}

#[test]
fn unknown_fields_suggest_the_nearest() {
    fails_keeping_site(
        &[],
        |f| f.write("dossier.toml", "title = \"x\"\nbase_ulr = \"/\"\n"),
        &["dossier.toml:2:", "did you mean `base_url`?"],
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nname = \"A\"\nalias = [\"B\"]\n",
            )
        },
        &["content/entities.toml:3:", "did you mean `aliases`?"],
    );
}

#[test]
fn mistyped_required_fields() {
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = 5\ndate = 2020-01-05\nsource = \"X\"\n+++\nText.\n",
            )
        },
        &["content/articles/bad.md:2:", "invalid type"],
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = \"T\"\ndate = true\nsource = \"X\"\n+++\nText.\n",
            )
        },
        &["content/articles/bad.md:3:", "`date` must be a date"],
    );
    fails_keeping_site(
        &[],
        |f| f.write("dossier.toml", "description = \"no title\"\n"),
        &["dossier.toml", "missing field `title`"],
    );
}

#[test]
fn impossible_dates() {
    for date in ["2021-02-29", "2020-13-01", "2020-04-31", "\"yesterday\""] {
        fails_keeping_site(
            &[],
            |f| {
                f.write(
                    "content/articles/bad.md",
                    &format!("+++\ntitle = \"T\"\nsource = \"X\"\ndate = {date}\n+++\nText.\n"),
                )
            },
            &["content/articles/bad.md:4:"],
        );
    }
}

#[test]
fn empty_file() {
    fails_keeping_site(
        &[],
        |f| f.write("content/articles/empty.md", ""),
        &[
            "content/articles/empty.md:1: error: the article is empty",
            "help:",
        ],
    );
}

#[test]
fn huge_file() {
    fails_keeping_site(
        &[],
        |f| {
            let mut text = article("Huge", "");
            let para = "Iraq's parliament voted to expel foreign troops from the country. "
                .repeat(20)
                + "\n\n";
            while text.len() < 50_000_000 {
                text.push_str(&para);
            }
            f.write("content/articles/huge.md", &text);
        },
        &[
            "content/articles/huge.md: error: the file is 50.0 MB; content files are limited to 16 MB",
            "split the article",
        ],
    );
}

#[test]
fn deeply_nested_markdown() {
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/articles/deep.md",
                &article("Deep", &format!("Intro.\n\n{}deep", "> ".repeat(5000))),
            )
        },
        &["content/articles/deep.md:8: error: the Markdown is nested more than 32 levels deep"],
    );
    let f = Fixture::new();
    f.write(
        "content/articles/deep.md",
        &article(
            "Deep",
            &format!("{}x{}", "*a ".repeat(2000), " a*".repeat(2000)),
        ),
    );
    let out = f.cmd(&["build"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn duplicate_ids_and_slugs() {
    fails_keeping_site(
        &[],
        |f| f.write("content/articles/nested/second.md", &article("Dup", "x")),
        &["duplicate slug `second`"],
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nid = \"x\"\nname = \"A\"\n[[entity]]\nid = \"x\"\nname = \"B\"\n",
            )
        },
        &["content/entities.toml:4: error: duplicate entity id `x` (first defined on line 1)"],
    );
}

#[test]
fn alias_claimed_by_two_entities_fails_under_strict() {
    fails_keeping_site(
        &["--strict"],
        |f| {
            f.write("content/entities.toml", "[[entity]]\nname = \"Adel Abdul Mahdi\"\naliases = [\"Mahdi\"]\n[[entity]]\nname = \"Abu Mahdi al-Muhandis\"\naliases = [\"Mahdi\"]\n")
        },
        &[
            "content/entities.toml:4: error: `Mahdi` names both `adel-abdul-mahdi` and `abu-mahdi-al-muhandis`",
        ],
    );
}

#[test]
fn missing_template() {
    fails_keeping_site(
        &[],
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}{% include \"sidebar.html\" %}{% endblock content %}\n")
        },
        &[
            "templates/article.html:2:31: error: the template `sidebar.html` does not exist\n  help: add it to `templates/`, or remove the reference to it",
        ],
    );
}

#[test]
fn static_file_overwriting_a_page() {
    fails_keeping_site(
        &[],
        |f| f.write("static/articles/first/index.html", "mine"),
        &[
            "static/articles/first/index.html: error: this static file would overwrite the generated `articles/first/index.html`",
        ],
    );
}

#[test]
fn output_dirs_that_would_destroy_content() {
    let f = Fixture::new();
    f.build_ok();
    let root = f.root().to_string_lossy().to_string();
    let parent = f.root().parent().unwrap().to_string_lossy().to_string();
    for out in [
        ".",
        "content",
        "content/articles",
        &root,
        &parent,
        "/",
        "templates/x",
    ] {
        let o = f.cmd(&["build", "--output", out]).output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{out}");
        assert!(
            stderr.contains("refusing to write the site") && stderr.contains("help:"),
            "{out}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(f.path("content/articles"))
            .unwrap()
            .count(),
        2
    );
    // A folder of someone else's files is not emptied either.
    f.write("notes/keep.txt", "mine");
    let o = f.cmd(&["build", "--output", "notes"]).output().unwrap();
    assert!(!o.status.success());
    assert_eq!(f.read("notes/keep.txt"), "mine");
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_content() {
    fails_keeping_site(
        &[],
        |f| {
            std::os::unix::fs::symlink(f.path("content/articles"), f.path("content/articles/loop"))
                .unwrap()
        },
        &["content/articles/loop", "symbolic link points back"],
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    // A dangling link stands in for an unreadable file: the superuser can read any file.
    fails_keeping_site(
        &[],
        |f| {
            std::os::unix::fs::symlink(f.path("nowhere.md"), f.path("content/articles/gone.md"))
                .unwrap()
        },
        &["content/articles/gone.md", "error:"],
    );
}

#[test]
fn file_names_with_spaces_and_non_ascii_work() {
    let f = Fixture::new();
    f.write(
        "content/articles/Élection à Bagdad 2020.md",
        &article("Spaces", "Iraq voted."),
    );
    f.build_ok();
    let page = f.read("public/articles/election-a-bagdad-2020/index.html");
    assert!(page.contains("entities/iraq/"));
}

#[test]
fn unknown_link_targets() {
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/articles/bad.md",
                &article("Bad", "[a](entity:nobody) and [b](article:nothing)"),
            )
        },
        &[
            "unknown entity `nobody`",
            "unknown article `nothing`",
            "2 errors",
        ],
    );
}

#[test]
fn registry_links_must_be_web_addresses() {
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nname = \"A\"\nlinks = [\"javascript:alert(1)\"]\n",
            )
        },
        &[
            "content/entities.toml:1: error: the link `javascript:alert(1)` of `a` is not an http or https address",
        ],
    );
}
