//! Bad input: a located message, a non-zero exit, and the previous site untouched.

mod common;

use common::{Fixture, article, one_error};

/// Builds once (to have a previous site), breaks the fixture with `breakage`, and checks
/// that the failed build prints exactly `expected` and leaves the site as it was.
fn assert_fails_keeping_site(breakage: impl FnOnce(&Fixture), expected: &str) -> String {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read("public/articles/first/index.html");
    breakage(&f);
    let stderr = f.build_err();
    assert_eq!(stderr, expected);
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
        &one_error(
            "content/articles/bad.md:4:10: error: string values must be quoted, expected literal string",
        ),
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
        &one_error(
            "content/articles/bad.md:1: error: missing required field `source` in the front matter\n  help: add a line such as `source = \"Reuters\" (or \"Unknown\")` between the `+++` lines",
        ),
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
        &one_error(
            "content/articles/bad.md:3:8: error: `2020-02-30` is not a valid date\n  help: write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`",
        ),
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
        &one_error(
            "content/articles/bad.md:8: error: unknown entity `adel-abdul-mahdl` in an `entity:` link\n  help: did you mean `entity:adel-abdul-mahdi`? Entity ids are listed in content/entities.toml",
        ),
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
        &one_error(
            "content/articles/bad.md:6: error: unknown article `frist` in an `article:` link\n  help: did you mean `article:first`? The slug is the article's file name without `.md`",
        ),
    );
}

#[test]
fn duplicate_slug() {
    assert_fails_keeping_site(
        |f| f.write("content/articles/sub/first.md", &article("Again", "Text.")),
        &one_error(
            "content/articles/sub/first.md: error: duplicate slug `first`: `content/articles/first.md` has the same URL\n  help: rename one of the two files",
        ),
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
        &one_error(
            "content/articles/bad.md:6:4: error: the file is not valid UTF-8\n  help: save the file with UTF-8 encoding",
        ),
    );
}

#[test]
fn template_syntax_error() {
    assert_fails_keeping_site(
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock %}\n")
        },
        &one_error(
            "templates/article.html:4:1: error: template syntax error: found `{` but expected }}\n  help: fix the tag at this place; Tera tags are `{{ ... }}`, `{% ... %}` and `{# ... #}`",
        ),
    );
}

#[test]
fn template_reading_undefined_variable() {
    assert_fails_keeping_site(
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ article.auther }}</p>\n{% endblock %}\n")
        },
        &one_error(
            "templates/article.html:3:15: error: the template reads `article.auther`, which is not defined here; what is there: authors, content, date, date_display, entities, href, mention_count, path, quote_count, quotes, slug, source, source_href, source_path, source_slug, summary, tags, time, title, url\n  help: check the name against the template variables in the README, or guard it with `{% if ... is defined %}`",
        ),
    );
}

#[test]
fn unclosed_front_matter() {
    assert_fails_keeping_site(
        |f| f.write("content/articles/bad.md", "+++\ntitle = \"Bad\"\n\nText.\n"),
        &one_error(
            "content/articles/bad.md:1: error: the front matter opened on line 1 is never closed\n  help: add a line with just `+++` after the front matter",
        ),
    );
}

#[test]
fn unknown_field_suggests_nearest() {
    assert_fails_keeping_site(
        |f| {
            f.write("content/articles/bad.md", "+++\ntitle = \"Bad\"\ndate = 2020-01-05\nsource = \"X\"\nauther = \"Y\"\n+++\nText.\n")
        },
        &one_error(
            "content/articles/bad.md:5:1: error: unknown field `auther`, expected one of `title`, `date`, `source`, `url`, `authors`, `summary`, `draft`, `tags`, `language`, `quotes`, `figures`\n  help: did you mean `authors`?",
        ),
    );
}

#[test]
fn broken_config_and_registry() {
    assert_fails_keeping_site(
        |f| f.write("dossier.toml", "title = \"x\"\n[build]\noutput = \"x\"\n"),
        &one_error(
            "dossier.toml:3:1: error: unknown field `output`, expected `output_dir` or `drafts`\n  help: did you mean `output_dir`?",
        ),
    );
    assert_fails_keeping_site(
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nname = \"A\"\n\n[[entity]]\nname = \"A\"\n",
            )
        },
        &one_error(
            "content/entities.toml:4: error: duplicate entity id `a` (first defined on line 1)\n  help: give each entity its own `id`, or merge the two entries",
        ),
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
    // Sorted by file and line, whichever was read first.
    assert_eq!(
        f.build_err(),
        "content/articles/a.md:3:8: error: `2020-13-01` is not a valid date\n  help: write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`\ncontent/articles/b.md:1: error: missing required field `source` in the front matter\n  help: add a line such as `source = \"Reuters\" (or \"Unknown\")` between the `+++` lines\n2 errors; nothing was written\n"
    );
}

#[test]
fn refuses_dangerous_output_dirs() {
    let f = Fixture::new();
    // The folder is named as the build resolved it, under the current folder.
    let root = f.root().canonicalize().unwrap();
    let root = root.display();
    for (out, shown, why) in [
        (".", format!("{root}/."), "it is the dossier itself"),
        (
            "content",
            format!("{root}/content"),
            "it is inside the dossier's `content/` folder",
        ),
        (
            "content/x",
            format!("{root}/content/x"),
            "it is inside the dossier's `content/` folder",
        ),
        ("/", "/".to_string(), "it is the file system root"),
    ] {
        let o = f.cmd(&["build", "--output", out]).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            one_error(&format!(
                "dossier.toml: error: refusing to write the site to `{shown}`: {why}\n  help: choose a separate folder for the site, such as `public` (the `--output` option or `build.output_dir`)"
            )),
            "{out}"
        );
    }
    assert!(f.path("content/articles/first.md").exists());
}

#[test]
fn missing_config_says_what_to_do() {
    let f = Fixture::empty();
    let out = f.cmd(&["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        one_error(
            "dossier.toml: error: cannot read the configuration: No such file or directory (os error 2)\n  help: run dossier in a dossier's root (the folder with `dossier.toml`), pass --root DIR, or create one with `dossier init DIR`"
        )
    );
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

/// YAML front matter between `---` lines is read as Hugo and Zola read it; a mistake in
/// it is reported at its line in the YAML.
#[test]
fn yaml_front_matter_is_read_and_its_errors_located() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        "---\ntitle: \"Iraq's vote\"\ndate: 2020-01-05\nsource: Reuters\nauthors:\n  - Jane Doe\ntags: [iraq, vote]\n---\nAdel Abdul Mahdi spoke in Iraq.\n",
    );
    f.build_ok();
    let page = f.read("public/articles/second/index.html");
    assert!(
        page.contains("<h1 class=\"article-title\" id=\"article-title\">Iraq&#39;s vote</h1>"),
        "{page}"
    );
    assert!(page.contains("By Jane Doe"), "{page}");
    assert!(
        page.contains("<time datetime=\"2020-01-05\">5 January 2020</time>"),
        "{page}"
    );
    f.write(
        "content/articles/second.md",
        "---\ntitle: Vote\ndate: 2020-01-05\nsource: Reuters\ndraft: maybe\n---\nText.\n",
    );
    assert_eq!(
        f.build_err(),
        "content/articles/second.md:5: error: `draft` must be `true` or `false`, not the text \"maybe\"\n1 error; nothing was written\n"
    );
    // A mistake inside a `quotes` entry, at the line of its key in that entry.
    f.write(
        "content/articles/second.md",
        "---\ntitle: Vote\ndate: 2020-01-05\nsource: Reuters\nquotes:\n  - text: spoke\n    speaker: adel-abdul-mahdi\n  - speaker: adel-abdul-mahdi\n    # a number, not words\n    text: 5\n---\nAdel Abdul Mahdi spoke in Iraq.\n",
    );
    assert_eq!(
        f.build_err(),
        "content/articles/second.md:10: error: `text` must be text in quotes, not 5\n1 error; nothing was written\n"
    );
    f.write(
        "content/articles/second.md",
        "---\ntitle: Vote\ndate: 2020-01-05\n",
    );
    assert_eq!(
        f.build_err(),
        "content/articles/second.md:1: error: the front matter opened on line 1 is never closed\n  help: add a line with just `---` after the front matter\n1 error; nothing was written\n"
    );
}
