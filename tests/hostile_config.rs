//! Hostile configuration and front matter: addresses that are not addresses, a CNAME
//! that is two lines, control characters in everything XML carries, times that must keep
//! their offset, a feed that must stay small, and `import` options that must not break
//! the file they write. Each mistake gets a located message and a non-zero exit; each
//! accepted value gives well-formed, absolute output.

mod common;

use common::{CONFIG, Fixture, article, one_error, warnings_before_summary};

/// Runs `dossier ARGS` and returns (success, stderr), checking that nothing panicked.
fn run(f: &Fixture, args: &[&str]) -> (bool, String) {
    let out = f.cmd(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    (out.status.success(), stderr)
}

/// Expects `dossier build` to fail with exactly `expected` as its report.
fn build_fails_with(f: &Fixture, expected: &str) {
    assert_eq!(f.build_err(), expected);
}

/// The help of every refused `base_url` in `dossier.toml`.
const BASE_URL_HELP: &str =
    "  help: write a full address such as `https://user.github.io/repo/`, or a path such as `/`";

/// The warning, and its help, of a `base_url` that is a path; `at` is where it comes from.
fn path_base_url(at: &str, level: &str, path: &str) -> String {
    format!(
        "{at}: {level}: `base_url` `{path}` is a path, not a full address, so the site has no feed.xml or sitemap.xml (both need absolute addresses)\n  help: set `base_url` to the address the site is published at, such as `https://user.github.io/repo/`, or pass --base-url\n"
    )
}

/// Reads a whole XML document with `quick_xml`, failing on the first error, and returns
/// the text of every element named `name`.
fn well_formed_texts(xml: &str, name: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let (mut depth, mut inside, mut texts) = (0usize, false, Vec::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                inside = e.name().as_ref() == name;
                if inside {
                    texts.push(String::new());
                }
            }
            Ok(Event::End(_)) => {
                depth -= 1;
                inside = false;
            }
            Ok(Event::Text(t)) if inside => {
                texts.last_mut().unwrap().push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if inside => {
                let name = r.xml10_content();
                let c = quick_xml::escape::resolve_predefined_entity(&name)
                    .map(str::to_string)
                    .or_else(|| r.resolve_char_ref().ok().flatten().map(String::from))
                    .unwrap_or_else(|| panic!("unknown entity &{name};"));
                texts.last_mut().unwrap().push_str(&c);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at byte {}: {e}\n{xml}",
                reader.error_position()
            ),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    texts
}

/// XML 1.0's `Char` production, for checking what a parser would refuse.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn assert_only_xml_chars(what: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!("{what} holds {c:?}, which XML 1.0 forbids");
    }
}

#[test]
fn scheme_relative_base_url_is_refused() {
    let f = Fixture::new();
    f.write(
        "dossier.toml",
        "title = \"T\"\nbase_url = \"//evil.com/\"\n",
    );
    let refused = "`base_url` \"//evil.com/\" has no scheme, so it would be read as a path and every link would start with `//`";
    build_fails_with(
        &f,
        &one_error(&format!(
            "dossier.toml:2: error: {refused}\n{BASE_URL_HELP}"
        )),
    );
    let f = Fixture::new();
    let (ok, stderr) = run(&f, &["build", "--base-url", "//evil.com/"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        one_error(&format!(
            "--base-url: error: {refused}\n  help: pass a URL such as `https://user.github.io/repo/`"
        ))
    );
}

#[test]
fn base_url_must_be_a_clean_address_or_path() {
    for (value, expected) in [
        ("http://", "\"http://\" is not a valid address: empty host"),
        (
            "https://[::1",
            "\"https://[::1\" is not a valid address: invalid IPv6 address",
        ),
        (
            "https://exa mple.org/",
            "\"https://exa mple.org/\" holds a space or a control character, which an address cannot",
        ),
        (
            "https://user:pw@example.org/",
            "must not carry a user name or password",
        ),
        (
            "ftp://example.org/",
            "must be an http or https address starting with `https://`, not \"ftp://example.org/\"",
        ),
        ("/a b/", "\"/a b/\" holds ' ', which has no place in a path"),
        (
            "/a\\\"onload=x/",
            "\"/a\\\"onload=x/\" holds '\"', which has no place in a path",
        ),
    ] {
        let f = Fixture::new();
        f.write(
            "dossier.toml",
            &format!("title = \"T\"\n\nbase_url = \"{value}\"\n"),
        );
        build_fails_with(
            &f,
            &one_error(&format!(
                "dossier.toml:3: error: `base_url` {expected}\n{BASE_URL_HELP}"
            )),
        );
    }
}

#[test]
fn path_only_base_url_has_no_feed_or_sitemap_and_says_why() {
    let f = Fixture::new();
    f.write("dossier.toml", "title = \"T\"\nbase_url = \"/relative/\"\n");
    let stderr = f.build_ok();
    assert_eq!(
        warnings_before_summary(&stderr),
        path_base_url("dossier.toml:2", "warning", "/relative/")
    );
    assert!(!f.path("public/feed.xml").exists());
    assert!(!f.path("public/sitemap.xml").exists());
    assert_eq!(f.read("public/robots.txt"), "User-agent: *\nAllow: /\n");
    let home = f.read("public/index.html");
    assert!(
        !home.contains("feed.xml"),
        "no link to a feed that is not there"
    );
    assert!(home.contains("href=\"/relative/entities/\""), "{home}");
    // Every link of the site resolves.
    let (ok, stderr) = run(&f, &["check", "--site", "public"]);
    assert!(ok, "{stderr}");
    assert_eq!(
        stderr,
        path_base_url("dossier.toml:2", "warning", "/relative/")
            + "checked 2 articles and the site's links: no errors, 1 warning\n"
    );
    // A publishing build that treats warnings as errors stops.
    let (ok, stderr) = run(&f, &["build", "--strict"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        path_base_url("dossier.toml:2", "error", "/relative/") + "1 error; nothing was written\n"
    );
    // Without any base_url, the same holds for the whole file.
    f.write("dossier.toml", "title = \"T\"\n");
    let stderr = f.build_ok();
    assert_eq!(
        warnings_before_summary(&stderr),
        path_base_url("dossier.toml", "warning", "/")
    );
    assert!(!f.path("public/feed.xml").exists());
    // With a full address, both are back and absolute.
    f.write("dossier.toml", CONFIG);
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    let sitemap = f.read("public/sitemap.xml");
    for loc in well_formed_texts(&sitemap, "loc") {
        assert!(loc.starts_with("https://example.org/sub/"), "{loc}");
    }
    let feed = f.read("public/feed.xml");
    for id in well_formed_texts(&feed, "id") {
        assert!(id.starts_with("https://example.org/sub/"), "{id}");
    }
    assert!(f.read("public/index.html").contains("/sub/feed.xml"));
}

#[test]
fn cname_must_be_a_host_name() {
    for value in [
        "x.org\\nEvil",
        "https://x.org",
        "x.org/path",
        "x.org:8080",
        "x .org",
        "localhost",
        "-x.org",
        "x..org",
    ] {
        let f = Fixture::new();
        f.write("dossier.toml", &format!("{CONFIG}cname = \"{value}\"\n"));
        build_fails_with(
            &f,
            &one_error(&format!(
                "dossier.toml:3: error: `cname` must be a domain name such as `dossier.example.org`, without scheme, path or port, not \"{value}\"\n  help: write only the host name the site is served at, or remove the line"
            )),
        );
    }
    let f = Fixture::new();
    f.write(
        "dossier.toml",
        &format!("{CONFIG}cname = \" Dossier.Example.org \"\n"),
    );
    f.build_ok();
    assert_eq!(f.read("public/CNAME"), "dossier.example.org\n");
}

#[test]
fn article_url_must_be_a_full_web_address() {
    for (value, expected) in [
        (
            "http://",
            "`url` \"http://\" is not a valid address: empty host",
        ),
        (
            "https://[::1",
            "`url` \"https://[::1\" is not a valid address: invalid IPv6 address",
        ),
        (
            "javascript:alert(1)",
            "`url` must be an http or https address starting with `https://`, not \"javascript:alert(1)\"",
        ),
        (
            "//evil.com/x",
            "`url` must be an http or https address starting with `https://`, not \"//evil.com/x\"",
        ),
        (
            "https://example.org/a\\nb",
            "`url` \"https://example.org/a\\nb\" holds a space or a control character, which an address cannot",
        ),
    ] {
        let f = Fixture::new();
        f.write(
            "content/articles/first.md",
            &format!(
                "+++\ntitle = \"First\"\ndate = 2020-01-05\nsource = \"Reuters\"\nurl = \"{value}\"\n+++\nText.\n"
            ),
        );
        build_fails_with(
            &f,
            &one_error(&format!(
                "content/articles/first.md:5:7: error: {expected}\n  help: give the original article's full address, such as `https://www.reuters.com/...`, or remove the line"
            )),
        );
    }
    let f = Fixture::new();
    f.write(
        "content/articles/first.md",
        "+++\ntitle = \"First\"\ndate = 2020-01-05\nsource = \"Reuters\"\nurl = \"https://[::1]:8080/a?b=c\"\n+++\nText.\n",
    );
    f.build_ok();
}

#[test]
fn feed_sitemap_and_pictures_stay_well_formed_with_control_characters() {
    let f = Fixture::new();
    f.write(
        "dossier.toml",
        "title = \"Test\\u0002 dossier\"\ndescription = \"About\\u001b[31m\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    f.write(
        "content/entities.toml",
        "[[entity]]\nid = \"iraq\"\nname = \"Ir\\u0007aq\"\nkind = \"place\"\naliases = [\"Iraq\"]\n\n[[entity]]\nid = \"baghdad\"\nname = \"Baghdad\"\nkind = \"place\"\n",
    );
    f.write(
        "content/articles/first.md",
        "+++\ntitle = \"First\\u0001 vote\"\ndate = 2020-01-05\nsource = \"Reu\\u0008ters\"\nauthors = [\"Ann\\u0003 Author\"]\nsummary = \"Sum\\u000bmary\"\n+++\nIraq voted\u{c}in Baghdad.\n\nIraq and Baghdad again\u{1f}.\n",
    );
    f.write(
        "content/articles/second.md",
        "+++\ntitle = \"Second \\uFFFE\"\ndate = 2020-01-06\nsource = \"AFP\"\n+++\nBaghdad and Iraq\u{0}.\n",
    );
    f.build_ok();
    let feed = f.read("public/feed.xml");
    assert_only_xml_chars("feed.xml", &feed);
    let titles = well_formed_texts(&feed, "title");
    assert!(titles.contains(&"First vote".to_string()), "{titles:?}");
    assert!(titles.contains(&"Test dossier".to_string()), "{titles:?}");
    let names = well_formed_texts(&feed, "name");
    assert!(names.contains(&"Ann Author".to_string()), "{names:?}");
    let summaries = well_formed_texts(&feed, "summary");
    assert!(summaries.contains(&"Sum mary".to_string()), "{summaries:?}");
    let content = well_formed_texts(&feed, "content").join("\n");
    assert!(
        content.contains("voted in"),
        "form feed became a space: {content}"
    );
    let sitemap = f.read("public/sitemap.xml");
    assert_only_xml_chars("sitemap.xml", &sitemap);
    assert!(!well_formed_texts(&sitemap, "loc").is_empty());
    // Every inline SVG picture is well-formed too. Inline SVG in an HTML page is read
    // as HTML, and its text is escaped as the rest of the page is: the characters XML
    // forbids are not dropped there.
    let mut pictures = 0;
    for page in [
        "public/index.html",
        "public/entities/index.html",
        "public/entities/iraq/index.html",
        "public/timeline/index.html",
    ] {
        let html = f.read(page);
        for (start, _) in html.match_indices("<svg class=\"chart\"") {
            let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
            let svg = &html[start..end];
            well_formed_texts(svg, "title");
            pictures += 1;
        }
    }
    assert!(pictures > 0, "no picture was checked");
}

#[test]
fn feed_times_keep_their_offset_and_seconds() {
    let f = Fixture::new();
    let dated = |title: &str, date: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\nsource = \"AFP\"\n+++\nIraq.\n")
    };
    f.write(
        "content/articles/first.md",
        &dated("First", "2020-01-05T23:30:45+05:00"),
    );
    f.write("content/articles/second.md", &dated("Second", "2020-01-04"));
    f.write(
        "content/articles/third.md",
        &dated("Third", "2020-01-03T08:15:07"),
    );
    f.write(
        "content/articles/fourth.md",
        &dated("Fourth", "\"2020-01-02 10:20-03:30\""),
    );
    f.write(
        "content/articles/fifth.md",
        &dated("Fifth", "2020-01-01T12:00:00.250Z"),
    );
    f.build_ok();
    let feed = f.read("public/feed.xml");
    let published = well_formed_texts(&feed, "published");
    assert_eq!(
        published,
        [
            "2020-01-05T23:30:45+05:00",
            "2020-01-04T00:00:00Z",
            "2020-01-03T08:15:07Z",
            "2020-01-02T10:20:00-03:30",
            "2020-01-01T12:00:00.25Z",
        ]
    );
    // The feed was last updated by its latest entry.
    assert_eq!(
        well_formed_texts(&feed, "updated")[0],
        "2020-01-05T23:30:45+05:00"
    );
    // Pages still show the time of day as written.
    let page = f.read("public/articles/first/index.html");
    assert!(page.contains("23:30"), "{page}");
}

#[test]
fn a_malformed_time_of_day_is_located() {
    let f = Fixture::new();
    f.write(
        "content/articles/first.md",
        "+++\ntitle = \"First\"\nsource = \"AFP\"\ndate = \"2020-01-05T<b>:00\"\n+++\nText.\n",
    );
    build_fails_with(
        &f,
        &one_error(
            "content/articles/first.md:4:8: error: `2020-01-05T<b>:00` is not a valid date\n  help: write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`",
        ),
    );
    f.write(
        "content/articles/first.md",
        "+++\ntitle = \"First\"\nsource = \"AFP\"\ndate = 2020-01-05T24:61:00Z\n+++\nText.\n",
    );
    build_fails_with(
        &f,
        &one_error(
            "content/articles/first.md:4:8: error: invalid time, expected hour between 00 and 23\n  help: write a real date as `2020-01-05` or `2020-01-05T14:30:00Z`",
        ),
    );
}

#[test]
fn the_feed_is_bounded_for_huge_articles_and_many_articles() {
    let f = Fixture::new();
    let paragraph = "Iraq's parliament voted & <debated> at length. ".repeat(40);
    let body = vec![paragraph.as_str(); 200].join("\n\n");
    assert!(body.len() > 300 * 1024);
    let long_summary = "word ".repeat(5_000);
    f.write(
        "content/articles/huge.md",
        &format!(
            "+++\ntitle = \"Huge\"\ndate = 2020-02-01\nsource = \"AFP\"\nsummary = \"{long_summary}\"\n+++\n{body}\n"
        ),
    );
    for i in 0..60 {
        f.write(
            &format!("content/articles/small-{i}.md"),
            &article(&format!("Small {i}"), "Iraq voted."),
        );
    }
    f.build_ok();
    let feed = f.read("public/feed.xml");
    assert_eq!(
        well_formed_texts(&feed, "entry").len(),
        dossier::render::feeds::FEED_ENTRIES
    );
    assert!(
        feed.len() < 200 * 1024,
        "the feed is {} bytes for {} bytes of articles",
        feed.len(),
        body.len()
    );
    // The huge article is announced by its summary and link alone.
    let huge = &feed[feed.find("<title>Huge</title>").expect("huge entry")..];
    let huge = &huge[..huge.find("</entry>").unwrap()];
    assert!(!huge.contains("<content"), "{}", &huge[..500]);
    let summary = &well_formed_texts(huge, "summary")[0];
    assert!(summary.ends_with('…'), "{summary}");
    assert!(
        summary.chars().count() <= dossier::render::feeds::SUMMARY_CHARS + 1,
        "{} chars",
        summary.chars().count()
    );
    // Smaller articles keep their full content.
    assert!(feed.contains("<content type=\"html\">"));
}

#[test]
fn import_options_cannot_break_the_front_matter() {
    let f = Fixture::new();
    f.write("raw/a.txt", "The parliament voted on Sunday.\n");
    for (flag, value, expected) in [
        (
            "--source",
            "S\n+++\nbody",
            "--source \"S\\n+++\\nbody\" holds a line break or another control character; give it on one line",
        ),
        (
            "--title",
            "T\n+++",
            "--title \"T\\n+++\" holds a line break or another control character; give it on one line",
        ),
        (
            "--url",
            "https://x.org/\n+++",
            "--url \"https://x.org/\\n+++\" holds a space or a control character, which an address cannot",
        ),
        (
            "--url",
            "http://",
            "--url \"http://\" is not a valid address: empty host",
        ),
    ] {
        let mut args = vec!["import", "raw/a.txt", "--date", "2020-01-05", flag, value];
        if flag != "--title" {
            args.extend(["--title", "Vote"]);
        }
        let (ok, stderr) = run(&f, &args);
        assert!(!ok, "{flag} {value:?} was accepted");
        assert_eq!(stderr, format!("error: {expected}\n"));
    }
    assert!(!f.path("content/articles/vote.md").exists());
    assert!(!f.path("content/articles/t.md").exists());
}

#[test]
fn imported_front_matter_always_builds() {
    let f = Fixture::new();
    // A title line full of what TOML and the front matter delimiters care about.
    f.write(
        "raw/a.txt",
        "Say \"\"\" and ''' \\ then +++ \u{1} now\n\nIraq's parliament voted.\n",
    );
    let (ok, stderr) = run(
        &f,
        &[
            "import",
            "raw/a.txt",
            "--date",
            "2020-01-05",
            "--source",
            "A \"quoted\" \\ outlet '''",
            "--url",
            "https://example.org/a?b=\"c\"",
        ],
    );
    assert!(ok, "{stderr}");
    let written = std::fs::read_dir(f.path("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("say"))
        .expect("the imported article");
    let text = std::fs::read_to_string(&written).unwrap();
    assert_eq!(
        text.lines().filter(|l| *l == "+++").count(),
        2,
        "front matter is one block:\n{text}"
    );
    f.build_ok();
    let slug = written.file_stem().unwrap().to_string_lossy().into_owned();
    let page = f.read(&format!("public/articles/{slug}/index.html"));
    assert!(page.contains("A &quot;quoted&quot; \\ outlet"), "{page}");
    assert!(page.contains("parliament voted."), "{page}");
}

/// Imports `text` with the title "Minister quits" and returns the article written.
fn import_titled(text: &str) -> String {
    let f = Fixture::new();
    f.write("raw/a.txt", text);
    let (ok, stderr) = run(
        &f,
        &[
            "import",
            "raw/a.txt",
            "--date",
            "2020-01-05",
            "--title",
            "Minister quits",
        ],
    );
    assert!(ok, "{stderr}");
    f.read("content/articles/minister-quits.md")
}

#[test]
fn import_keeps_a_first_line_that_is_not_the_title() {
    let text = import_titled("The minister resigned on Monday\n\nHe gave no reason.\n");
    assert!(text.contains("title = \"Minister quits\""), "{text}");
    assert!(
        text.contains("+++\nThe minister resigned on Monday\n\nHe gave no reason.\n"),
        "{text}"
    );
}

#[test]
fn import_drops_only_lines_equal_to_the_title() {
    let text = import_titled(
        "MINISTER   quits\n\nThe minister resigned on Monday.\n\nminister quits\n\nMinister quits today\n",
    );
    assert!(
        text.ends_with("+++\nThe minister resigned on Monday.\n\nMinister quits today\n"),
        "{text}"
    );
}

/// `language` is a BCP 47 tag from the registry; a language's name is refused with the
/// tag to write, in `dossier.toml` and in an article's front matter.
#[test]
fn a_language_name_is_refused_with_its_tag() {
    let f = Fixture::new();
    f.write(
        "dossier.toml",
        "title = \"Test dossier\"\nbase_url = \"https://example.org/sub/\"\nlanguage = \"english\"\n",
    );
    build_fails_with(
        &f,
        "dossier.toml:3: error: `language`: `english` is not a language tag (BCP 47)\n  help: for English, write `en`\n1 error; nothing was written\n",
    );
    f.write(
        "dossier.toml",
        "title = \"Test dossier\"\nbase_url = \"https://example.org/sub/\"\nlanguage = \"en-GB\"\n",
    );
    f.write(
        "content/articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2020-01-05\nsource = \"Le Monde\"\nlanguage = \"french\"\n+++\nTexte.\n",
    );
    build_fails_with(
        &f,
        "content/articles/second.md:5:12: error: `language`: `french` is not a language tag (BCP 47)\n  help: for French, write `fr`\n1 error; nothing was written\n",
    );
}

/// An article in another language than the site's is served with its own `lang`, says
/// so in the export, and its quotes get no speaker from the English attribution rules.
#[test]
fn an_article_in_its_own_language() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2020-01-05\nsource = \"Le Monde\"\nlanguage = \"fr\"\n+++\n« Nous resterons en Irak jusqu'à la fin », said Adel Abdul Mahdi.\n",
    );
    f.build_ok();
    let page = f.read("public/articles/second/index.html");
    assert!(
        page.contains("<html lang=\"fr\" data-base=\"/sub/\">"),
        "{page}"
    );
    assert!(page.contains("<meta property=\"og:locale\" content=\"fr\">"));
    assert!(
        page.contains("<span class=\"quote\" id=\"q-1\" data-quote=\"q-1\">«"),
        "{page}"
    );
    let first = f.read("public/articles/first/index.html");
    assert!(first.contains("<html lang=\"en\" data-base=\"/sub/\">"));
    let articles = f.read("public/data/articles-0001.jsonl");
    let languages: Vec<String> = articles
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}",
                v["slug"].as_str().unwrap(),
                v["language"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(languages, ["first en", "second fr"]);
}
