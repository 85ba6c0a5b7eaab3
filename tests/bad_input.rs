//! The bad-input suite: every mistake gets a located message with a fix, a non-zero
//! exit, no panic, and the previous site stays exactly as it was.

mod common;

use common::{Fixture, article, one_error};

/// Builds a good site first, applies `breakage`, then expects `dossier build ARGS` to fail
/// with exit code 1 and exactly `expected` on stderr (`[ROOT]` standing for the fixture's
/// folder), keeping the previous site.
fn fails_keeping_site(args: &[&str], breakage: impl FnOnce(&Fixture), expected: &str) -> String {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read("public/articles/first/index.html");
    breakage(&f);
    let mut full = vec!["build"];
    full.extend_from_slice(args);
    let out = f.cmd(&full).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        expected.replace("[ROOT]", &f.root().display().to_string())
    );
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
        &one_error(
            "dossier.toml:2:12: error: string values must be quoted, expected literal string",
        ),
    );
    fails_keeping_site(
        &[],
        |f| f.write("content/entities.toml", "[[entity]\nname = \"A\"\n"),
        &one_error("content/entities.toml:1:10: error: unclosed array table, expected `]`"),
    );
    fails_keeping_site(
        &[],
        |f| f.write("content/_index.md", "+++\ntitle = \n+++\nHi\n"),
        &one_error(
            "content/_index.md:2:9: error: string values must be quoted, expected literal string",
        ),
    );
}

#[test]
fn unknown_fields_suggest_the_nearest() {
    fails_keeping_site(
        &[],
        |f| f.write("dossier.toml", "title = \"x\"\nbase_ulr = \"/\"\n"),
        &one_error(
            "dossier.toml:2:1: error: unknown field `base_ulr`, expected one of `title`, `description`, `base_url`, `language`, `cname`, `build`, `quotes`, `figures`, `serve`, `markdown`\n  help: did you mean `base_url`?",
        ),
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nname = \"A\"\nalias = [\"B\"]\n",
            )
        },
        &one_error(
            "content/entities.toml:3:1: error: unknown field `alias`, expected one of `id`, `name`, `kind`, `aliases`, `hidden_aliases`, `description`, `links`\n  help: did you mean `aliases`?",
        ),
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
        &one_error("content/articles/bad.md:2:9: error: `title` must be text in quotes, not 5"),
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/articles/bad.md",
                "+++\ntitle = \"T\"\ndate = true\nsource = \"X\"\n+++\nText.\n",
            )
        },
        &one_error(
            "content/articles/bad.md:3:8: error: `date` must be a date like 2020-01-05, not a boolean\n  help: write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`",
        ),
    );
    fails_keeping_site(
        &[],
        |f| f.write("dossier.toml", "description = \"no title\"\n"),
        &one_error(
            "dossier.toml:1:1: error: missing field `title`\n  help: add the field; see the file formats in the README",
        ),
    );
}

#[test]
fn impossible_dates() {
    let written = "write a real date as `2020-01-05` or `2020-01-05T14:30:00Z`";
    let quoted = "write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`";
    for (date, message, help) in [
        (
            "2021-02-29",
            "invalid date, expected day between 01 and 28",
            written,
        ),
        (
            "2020-13-01",
            "invalid date, expected month between 01 and 12",
            written,
        ),
        (
            "2020-04-31",
            "invalid date, expected day between 01 and 30",
            written,
        ),
        ("\"yesterday\"", "`yesterday` is not a valid date", quoted),
    ] {
        fails_keeping_site(
            &[],
            |f| {
                f.write(
                    "content/articles/bad.md",
                    &format!("+++\ntitle = \"T\"\nsource = \"X\"\ndate = {date}\n+++\nText.\n"),
                )
            },
            &one_error(&format!(
                "content/articles/bad.md:4:8: error: {message}\n  help: {help}"
            )),
        );
    }
}

#[test]
fn empty_file() {
    fails_keeping_site(
        &[],
        |f| f.write("content/articles/empty.md", ""),
        &one_error(
            "content/articles/empty.md:1: error: the article is empty\n  help: start it with front matter: `+++`, title, date and source, `+++`, then the text",
        ),
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
        &one_error(
            "content/articles/huge.md: error: the file is 50.0 MB; content files are limited to 16 MB\n  help: split the article into several files, or remove what is not article text",
        ),
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
        &one_error(
            "content/articles/deep.md:8: error: the Markdown is nested more than 32 levels deep here\n  help: flatten the nested lists, quotes or emphasis; an article needs only a few levels",
        ),
    );
    let f = Fixture::new();
    f.write(
        "content/articles/deep.md",
        &article(
            "Deep",
            &format!("{}x{}", "*a ".repeat(2000), " a*".repeat(2000)),
        ),
    );
    // Emphasis nested as deep is refused the same way, where it starts.
    let out = f.cmd(&["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        one_error(
            "content/articles/deep.md:6: error: the Markdown is nested more than 32 levels deep here\n  help: flatten the nested lists, quotes or emphasis; an article needs only a few levels"
        )
    );
}

#[test]
fn duplicate_ids_and_slugs() {
    fails_keeping_site(
        &[],
        |f| f.write("content/articles/nested/second.md", &article("Dup", "x")),
        &one_error(
            "content/articles/second.md: error: duplicate slug `second`: `content/articles/nested/second.md` has the same URL\n  help: rename one of the two files",
        ),
    );
    fails_keeping_site(
        &[],
        |f| {
            f.write(
                "content/entities.toml",
                "[[entity]]\nid = \"x\"\nname = \"A\"\n[[entity]]\nid = \"x\"\nname = \"B\"\n",
            )
        },
        &one_error(
            "content/entities.toml:4: error: duplicate entity id `x` (first defined on line 1)\n  help: give each entity its own `id`, or merge the two entries",
        ),
    );
}

#[test]
fn alias_claimed_by_two_entities_fails_under_strict() {
    fails_keeping_site(
        &["--strict"],
        |f| {
            f.write("content/entities.toml", "[[entity]]\nname = \"Adel Abdul Mahdi\"\naliases = [\"Mahdi\"]\n[[entity]]\nname = \"Abu Mahdi al-Muhandis\"\naliases = [\"Mahdi\"]\n")
        },
        "content/articles/first.md:8: error: `Mahdi` could mean adel-abdul-mahdi or abu-mahdi-al-muhandis; not linked\n  help: write `[Mahdi](entity:adel-abdul-mahdi)` to say which\ncontent/entities.toml:4: error: `Mahdi` names both `adel-abdul-mahdi` and `abu-mahdi-al-muhandis`; each occurrence is resolved by the nearest unambiguous mention, or reported\n  help: remove the alias from one entity if it only ever means the other\n2 errors; nothing was written\n",
    );
}

#[test]
fn missing_template() {
    fails_keeping_site(
        &[],
        |f| {
            f.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}{% include \"sidebar.html\" %}{% endblock content %}\n")
        },
        &one_error(
            "templates/article.html:2:31: error: the template `sidebar.html` does not exist\n  help: add it to `templates/`, or remove the reference to it",
        ),
    );
}

#[test]
fn static_file_overwriting_a_page() {
    fails_keeping_site(
        &[],
        |f| f.write("static/articles/first/index.html", "mine"),
        &one_error(
            "static/articles/first/index.html: error: this static file would overwrite the generated `articles/first/index.html`\n  help: rename or remove the file; to change a generated page, override its template in `templates/`",
        ),
    );
}

#[test]
fn output_dirs_that_would_destroy_content() {
    let f = Fixture::new();
    f.build_ok();
    let root = f.root().to_string_lossy().to_string();
    let parent = f.root().parent().unwrap().to_string_lossy().to_string();
    // A relative folder is named as the build resolved it, under the current folder.
    let cwd = f.root().canonicalize().unwrap().display().to_string();
    let inside = |dir: &str| format!("it is inside the dossier's `{dir}/` folder");
    for (out, shown, why) in [
        (
            ".",
            format!("{cwd}/."),
            "it is the dossier itself".to_string(),
        ),
        ("content", format!("{cwd}/content"), inside("content")),
        (
            "content/articles",
            format!("{cwd}/content/articles"),
            inside("content"),
        ),
        (&root, root.clone(), "it is the dossier itself".to_string()),
        (
            &parent,
            parent.clone(),
            "it contains the dossier".to_string(),
        ),
        (
            "/",
            "/".to_string(),
            "it is the file system root".to_string(),
        ),
        (
            "templates/x",
            format!("{cwd}/templates/x"),
            inside("templates"),
        ),
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
    assert_eq!(
        std::fs::read_dir(f.path("content/articles"))
            .unwrap()
            .count(),
        2
    );
    // A folder of someone else's files is not emptied either.
    f.write("notes/keep.txt", "mine");
    let o = f.cmd(&["build", "--output", "notes"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        one_error(
            "notes: error: the output folder holds files that dossier did not write: keep.txt\n  help: move them out of the folder; or pass `--force` to build anyway: they then stay where they are, in the new site, and later builds keep them too"
        )
    );
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
        &one_error(
            "content/articles/loop: error: this symbolic link points back to a folder that contains it\n  help: remove the link",
        ),
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
        &one_error(
            "content/articles/gone.md: error: this symbolic link leads to `[ROOT]/nowhere.md`, which does not exist\n  help: remove the link, or point it at a file",
        ),
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
        "content/articles/bad.md:6: error: unknown entity `nobody` in an `entity:` link\n  help: add the entity to content/entities.toml, or fix the id\ncontent/articles/bad.md:6: error: unknown article `nothing` in an `article:` link\n  help: the slug is the file name of an article in content/articles/, without `.md`\n2 errors; nothing was written\n",
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
        &one_error(
            "content/entities.toml:1: error: the link `javascript:alert(1)` of `a` is not an http or https address\n  help: give full addresses such as `https://en.wikipedia.org/wiki/...`",
        ),
    );
}

/// A value of the wrong type is explained in the author's words, not serde's.
#[test]
fn mistyped_values_say_what_the_field_takes() {
    for (config, message) in [
        (
            "[serve]\nport = \"abc\"\n",
            "dossier.toml:4:8: error: `port` must be a port number (1–65535), not the text \"abc\"",
        ),
        (
            "[serve]\nport = 70000\n",
            "dossier.toml:4:8: error: `port` must be a port number (1–65535), not 70000",
        ),
        (
            "[quotes]\nmin_words = -3\n",
            "dossier.toml:4:13: error: `min_words` must be a whole number of words (1 or more), not -3",
        ),
        (
            "[markdown]\nunsafe_html = \"yes\"\n",
            "dossier.toml:4:15: error: `unsafe_html` must be `true` or `false`, not the text \"yes\"",
        ),
    ] {
        let f = Fixture::new();
        f.write(
            "dossier.toml",
            &format!("title = \"T\"\nbase_url = \"https://example.org/sub/\"\n{config}"),
        );
        assert_eq!(
            f.build_err(),
            format!("{message}\n1 error; nothing was written\n")
        );
    }
    let f = Fixture::new();
    f.write(
        "content/articles/bad.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-05\nsource = \"X\"\nauthors = \"Me\"\n+++\nText.\n",
    );
    assert_eq!(
        f.build_err(),
        "content/articles/bad.md:5:11: error: `authors` must be a list in brackets, such as `[\"a\", \"b\"]`, not the text \"Me\"\n1 error; nothing was written\n"
    );
}
