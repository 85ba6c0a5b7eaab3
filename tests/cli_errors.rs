//! Bad input: a located message, a non-zero exit, and the previous site untouched.

mod common;

use common::{Fixture, article};

/// Builds once (to have a previous site), breaks the fixture with `breakage`, and checks
/// that the failed build names `expected` and leaves the site as it was.
fn assert_fails_keeping_site(breakage: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read("public/articles/first/index.html");
    breakage(&f);
    let stderr = f.build_err();
    for e in expected {
        assert!(stderr.contains(e), "expected `{e}` in:\n{stderr}");
    }
    assert!(
        stderr.contains("nothing was written") || stderr.contains("error"),
        "{stderr}"
    );
    assert_eq!(
        f.read("public/articles/first/index.html"),
        before,
        "the previous site changed"
    );
    assert!(f.path("public/.nojekyll").exists());
    stderr
}

#[test]
fn malformed_front_matter() {
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = \"Bad\"\ndate = 2020-01-05\nsource = Reuters\n+++\nText.\n",
            )
        },
        &["content/articles/bad.md:4:", "error:"],
    );
}

#[test]
fn missing_required_field() {
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = \"Bad\"\ndate = 2020-01-05\n+++\nText.\n",
            )
        },
        &[
            "content/articles/bad.md:1: error: missing required field `source`",
            "help: add a line such as `source =",
        ],
    );
}

#[test]
fn bad_date() {
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = \"Bad\"\ndate = \"2020-02-30\"\nsource = \"X\"\n+++\nText.\n",
            )
        },
        &[
            "content/articles/bad.md:3:",
            "`2020-02-30` is not a valid date",
        ],
    );
}

#[test]
fn unknown_entity_link() {
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/articles/bad.md",
                &article("Bad", "Line one.\n\nSee [him](entity:adel-abdul-mahdl)."),
            )
        },
        &[
            "content/articles/bad.md:8: error: unknown entity `adel-abdul-mahdl`",
            "did you mean `entity:adel-abdul-mahdi`?",
        ],
    );
}

#[test]
fn unknown_article_link() {
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/articles/bad.md",
                &article("Bad", "See [this](article:frist)."),
            )
        },
        &[
            "content/articles/bad.md:6: error: unknown article `frist`",
            "did you mean `article:first`?",
        ],
    );
}

#[test]
fn duplicate_slug() {
    assert_fails_keeping_site(
        |f| f.write("content/articles/sub/first.md", &article("Again", "Text.")),
        &["duplicate slug `first`", "rename one of the two files"],
    );
}

#[test]
fn invalid_utf8() {
    assert_fails_keeping_site(
        |f| {
            f.write_bytes(
                "content/articles/bad.md",
                b"+++\ntitle = \"Bad\"\ndate = 2020-01-05\nsource = \"X\"\n+++\nCaf\xe9 text.\n",
            )
        },
        &[
            "content/articles/bad.md:6:4: error: the file is not valid UTF-8",
            "save the file with UTF-8",
        ],
    );
}

#[test]
fn template_syntax_error() {
    assert_fails_keeping_site(
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock %}\n")
        },
        &[
            "templates/article.html:4:1: error: template syntax error: found `{` but expected }}\n  help: fix the tag at this place; Tera tags are `{{ ... }}`, `{% ... %}` and `{# ... #}`",
        ],
    );
}

#[test]
fn template_reading_undefined_variable() {
    assert_fails_keeping_site(
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ article.auther }}</p>\n{% endblock %}\n")
        },
        &[
            "templates/article.html:3:15: error: the template reads `article.auther`, which is not defined here; what is there: authors, content, date,",
            "\n  help: check the name against the template variables in the README, or guard it with `{% if ... is defined %}`",
        ],
    );
}

#[test]
fn unclosed_front_matter() {
    assert_fails_keeping_site(
        |f| f.write("content/articles/bad.md", "+++\ntitle = \"Bad\"\n\nText.\n"),
        &["content/articles/bad.md:1: error: the front matter opened on line 1 is never closed"],
    );
}

#[test]
fn unknown_field_suggests_nearest() {
    assert_fails_keeping_site(
        |f| {
            f.write("content/articles/bad.md", "+++\ntitle = \"Bad\"\ndate = 2020-01-05\nsource = \"X\"\nauther = \"Y\"\n+++\nText.\n")
        },
        &[
            "content/articles/bad.md:5:",
            "unknown field `auther`",
            "did you mean `authors`?",
        ],
    );
}

#[test]
fn broken_config_and_registry() {
    assert_fails_keeping_site(
        |f| f.write("dossier.toml", "title = \"x\"\n[build]\noutput = \"x\"\n"),
        &["dossier.toml:3:", "did you mean `output_dir`?"],
    );
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nname = \"A\"\n\n[[entity]]\nname = \"A\"\n",
            )
        },
        &["content/entities.toml:4: error: duplicate entity id `a`"],
    );
}

#[test]
fn all_errors_are_reported_together_sorted() {
    let f = Fixture::new();
    f.write(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-05\n+++\nText.\n",
    );
    f.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\ndate = \"2020-13-01\"\nsource = \"X\"\n+++\nText.\n",
    );
    let stderr = f.build_err();
    let a = stderr.find("content/articles/a.md:3").expect(&stderr);
    let b = stderr.find("content/articles/b.md:1").expect(&stderr);
    assert!(a < b, "{stderr}");
    assert!(
        stderr.trim_end().ends_with("2 errors; nothing was written"),
        "{stderr}"
    );
}

#[test]
fn refuses_dangerous_output_dirs() {
    let f = Fixture::new();
    for out in [".", "content", "content/x", "/"] {
        let o = f.cmd(&["build", "--output", out]).output().unwrap();
        assert!(!o.status.success(), "{out}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("refusing to write the site"),
            "{out}"
        );
    }
    assert!(f.path("content/articles/first.md").exists());
}

#[test]
fn missing_config_says_what_to_do() {
    let f = Fixture::empty();
    let out = f.cmd(&["build"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dossier.toml: error: cannot read the configuration"),
        "{stderr}"
    );
    assert!(stderr.contains("dossier init"), "{stderr}");
}

#[test]
fn bom_and_crlf_work() {
    let f = Fixture::new();
    f.write("content/articles/crlf.md", "\u{feff}+++\r\ntitle = \"CRLF\"\r\ndate = 2020-01-05\r\nsource = \"X\"\r\n+++\r\nIraq voted.\r\n");
    f.build_ok();
    assert!(
        f.read("public/articles/crlf/index.html")
            .contains("entities/iraq/")
    );
}
