//! `dossier build`, `check`, `init` and `import` over fixture dossiers.

mod common;

use common::{Fixture, article, warnings_before_summary};

#[test]
fn builds_pages_with_mentions_and_quotes() {
    let f = Fixture::new();
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    assert!(stderr.starts_with("built 2 articles: "), "{stderr}");
    let page = f.read("public/articles/first/index.html");
    assert!(
        page.contains(r#"<a class="mention" id="m-1" href="/sub/entities/iraq/""#),
        "{page}"
    );
    assert!(page.contains(r#"class="quote" id="q-1""#), "{page}");
    for file in [
        "public/index.html",
        "public/entities/index.html",
        "public/entities/adel-abdul-mahdi/index.html",
        "public/quotes/index.html",
        "public/sources/index.html",
        "public/sources/reuters/index.html",
        "public/404.html",
        "public/.nojekyll",
        "public/data/dossier.json",
        "public/style.css",
    ] {
        assert!(f.path(file).exists(), "missing {file}");
    }
    let entity = f.read("public/entities/adel-abdul-mahdi/index.html");
    assert!(
        entity.contains("Caretaker prime minister of Iraq."),
        "{entity}"
    );
}

/// A hidden alias finds its mentions but is not shown among the entity's names; the
/// registry takes British and short kind names.
#[test]
fn hidden_aliases_link_mentions_without_being_shown() {
    let f = Fixture::new();
    f.write(
        "content/entities.toml",
        "[[entity]]\nname = \"Mikhail Khodorkovsky\"\nkind = \"person\"\naliases = [\"Khodorkovsky\"]\nhidden_aliases = [\"Khordokovsky\"]\n\n[[entity]]\nname = \"Yukos\"\nkind = \"organisation\"\n",
    );
    f.write(
        "content/articles/first.md",
        &article("First", "Mikhail Khordokovsky, who ran Yukos, spoke."),
    );
    f.build_ok();
    let page = f.read("public/articles/first/index.html");
    assert!(
        page.contains(
            r#"href="/sub/entities/mikhail-khodorkovsky/" data-kind="person">Khordokovsky</a>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/sub/entities/yukos/" data-kind="organization">Yukos</a>"#),
        "{page}"
    );
    let entity = f.read("public/entities/mikhail-khodorkovsky/index.html");
    let also = &entity[entity
        .find("<dt>Also known as</dt>")
        .expect("shown aliases")..];
    let also = &also[..also.find("</dd>").unwrap()];
    assert_eq!(
        also,
        "<dt>Also known as</dt>\n          <dd><ul class=\"name-list\"><li>Khodorkovsky</li></ul>"
    );
}

/// A build says how many quotes it found no speaker for, and where to see them.
#[test]
fn build_counts_quotes_without_a_speaker() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        &article(
            "Second",
            "Crowds gathered in Baghdad.\n\n“We will never accept foreign troops on our soil.”\n\n“Not today, not tomorrow, not ever.”",
        ),
    );
    let stderr = f.build_ok();
    assert_eq!(
        stderr.lines().last(),
        Some(
            "note: 2 quotes have no speaker; `dossier check` lists them, with how to name the speaker"
        ),
        "{stderr}"
    );
    let out = f.cmd(&["check"]).output().unwrap();
    let check = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        check.matches("warning: quote with no speaker").count(),
        2,
        "{check}"
    );
}

/// An image from the site that is not in `static/` is a warning of the build, at its
/// line, with the place to put the file; once there, the warning goes.
#[test]
fn build_warns_of_an_image_the_site_will_not_have() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        &article(
            "Second",
            "Adel Abdul Mahdi spoke in Iraq.\n\n![A map](/images/map%20one.png)\n\n![Elsewhere](https://example.com/a.png)",
        ),
    );
    let stderr = f.build_ok();
    assert_eq!(
        common::warnings_before_summary(&stderr),
        "content/articles/second.md:8: warning: the image `/images/map one.png` is not in `static/`, so the built site will not have it\n  help: put the file at `static/images/map one.png`, or correct the address\n"
    );
    f.write_bytes("static/images/map one.png", b"\x89PNG\r\n\x1a\n");
    let stderr = f.build_ok();
    assert_eq!(common::warnings_before_summary(&stderr), "", "{stderr}");
}

/// One article from one outlet: counts in the singular, and a home page that says no
/// statement is reported by more than one outlet rather than showing one that is not.
#[test]
fn one_article_is_counted_in_the_singular() {
    let f = Fixture::new();
    std::fs::remove_file(f.path("content/articles/second.md")).unwrap();
    let stderr = f.build_ok();
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("built 1 article: ") && summary.contains(" pages, "),
        "{stderr}"
    );
    let home = f.read("public/index.html");
    assert!(
        home.contains("No statement is reported by more than one outlet yet."),
        "{home}"
    );
    assert!(!home.contains("quote-block--cluster"), "{home}");
    let sources = f.read("public/sources/index.html");
    assert!(
        sources.contains("The outlet in this dossier, with what it published and whom it quoted."),
        "{sources}"
    );
    let out = f.cmd(&["check"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().last(),
        Some("checked 1 article: no errors")
    );
}

#[test]
fn the_data_export_is_a_manifest_of_shards_that_follow_the_schema() {
    let f = Fixture::new();
    f.build_ok();
    let json = common::read_export(&f.path("public"));
    assert_eq!(json["version"], 2);
    // A small manifest lists the shards, one per record type here.
    let manifest: serde_json::Value =
        serde_json::from_str(&f.read("public/data/dossier.json")).unwrap();
    let shards: Vec<(&str, &str)> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["type"].as_str().unwrap(), s["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        shards,
        [
            ("article", "articles-0001.jsonl"),
            ("entity", "entities-0001.jsonl"),
            ("mention", "mentions-0001.jsonl"),
            ("quote", "quotes-0001.jsonl"),
            ("cluster", "clusters-0001.jsonl"),
        ]
    );
    assert_eq!(f.read("public/data/articles-0001.jsonl").lines().count(), 2);
    assert_eq!(json["site"]["base_url"], "https://example.org/sub/");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["path"], "/sub/articles/first/");
    let adel = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "adel-abdul-mahdi")
        .unwrap();
    assert_eq!(adel["kind"], "person");
    let mentions = adel["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 2);
    assert!(
        mentions
            .iter()
            .any(|m| m["surface"] == "Abdul Mahdi" && m["article"] == "first")
    );
    let quote = &json["quotes"][0];
    assert_eq!(quote["id"], "first#q-1");
    assert!(quote["cluster"].as_str().unwrap().starts_with("c-"));
    assert_eq!(json["clusters"][0]["sources"][0], "Reuters");
}

#[test]
fn base_url_override_and_output_dir() {
    let f = Fixture::new();
    let out = f
        .cmd(&[
            "build",
            "--base-url",
            "https://user.github.io/repo",
            "--output",
            "site",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = f.read("site/index.html");
    assert!(home.contains("/repo/entities/"), "{home}");
    assert!(
        home.contains("https://user.github.io/repo/"),
        "canonical link uses the absolute base"
    );
}

#[test]
fn drafts_only_with_flag() {
    let f = Fixture::new();
    f.write(
        "content/articles/draft.md",
        "+++\ntitle = \"D\"\ndate = 2020-01-06\nsource = \"X\"\ndraft = true\n+++\nDraft.\n",
    );
    f.build_ok();
    assert!(!f.path("public/articles/draft").exists());
    f.cmd(&["build", "--drafts"]).assert().success();
    assert!(f.path("public/articles/draft/index.html").exists());
}

#[test]
fn every_internal_link_resolves() {
    let f = Fixture::new();
    f.build_ok();
    let broken = dossier::linkcheck::check_site(&f.path("public"), "/sub/").unwrap();
    let broken: Vec<String> = broken.iter().map(|b| b.to_string()).collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn check_reports_without_writing() {
    let f = Fixture::new();
    let out = f.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "checked 2 articles: no errors\n"
    );
    assert!(!f.path("public").exists());
}

/// `dossier init` with no folder fills the current one when it is empty but for hidden
/// files, and what it writes builds with a bare `dossier build`.
#[test]
fn init_in_an_empty_current_folder_writes_a_dossier_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .current_dir(tmp.path())
        .arg("init")
        .assert()
        .success()
        .stderr("created a dossier in the current folder\nnext: dossier build\n");
    builds_the_starter(tmp.path(), &["build"], "public");
}

/// Runs `dossier` with `args` in `dir`, expects success, and the starter's article
/// page in `dir`'s `public` folder.
fn builds_the_starter(dir: &std::path::Path, args: &[&str], public: &str) {
    let out = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.join(public)
            .join("articles/a-first-article/index.html")
            .exists()
    );
}

#[test]
fn init_writes_a_dossier_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = assert_cmd::Command::cargo_bin("dossier").unwrap();
    c.current_dir(tmp.path())
        .args(["init", "site"])
        .assert()
        .success()
        .stdout("")
        .stderr("created a dossier in site\nnext: dossier build --root site\n");
    assert!(tmp.path().join("site/.github/workflows/pages.yml").exists());
    builds_the_starter(tmp.path(), &["build", "--root", "site"], "site/public");
    // Refuses to overwrite.
    let mut c = assert_cmd::Command::cargo_bin("dossier").unwrap();
    let out = c
        .current_dir(tmp.path())
        .args(["init", "site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `site` already holds a dossier (it has a `dossier.toml`); choose another folder\n"
    );
}

#[test]
fn import_turns_plain_text_into_articles() {
    let f = Fixture::new();
    f.write("raw/a.txt", " date 2020-01-05 Iraq's parliament voted.\n\nAbdul Mahdi spoke <script>alert(1)</script>.\n");
    f.write(
        "raw/b.txt",
        "A headline here\n\nA headline here\n\nThe text of it.\n",
    );
    let out = f
        .cmd(&[
            "import",
            "raw/a.txt",
            "--title",
            "The vote",
            "--source",
            "AFP",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = f.read("content/articles/the-vote.md");
    assert!(
        text.starts_with("+++\ntitle = \"The vote\"\ndate = 2020-01-05\nsource = \"AFP\"\n+++\n"),
        "{text}"
    );
    assert!(!text.contains("<script>"), "{text}");
    let out = f
        .cmd(&["import", "raw/b.txt", "--date", "2020-01-06"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = f.read("content/articles/a-headline-here.md");
    assert!(text.contains("source = \"Unknown\""));
    assert_eq!(text.matches("A headline here").count(), 1, "{text}");
    f.build_ok();
    let page = f.read("public/articles/the-vote/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Without a date the import says how to give one.
    f.write("raw/c.txt", "Another headline\n\nBody.\n");
    let out = f.cmd(&["import", "raw/c.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `raw/c.txt`: it gives no date (no ` date YYYY-MM-DD ` marker and no date in the page); give the date with --date YYYY-MM-DD\n"
    );
    assert!(!f.path("content/articles/another-headline.md").exists());
}

#[test]
fn help_for_every_command() {
    // The whole text of each is pinned by the transcripts in tests/cmd/.
    for cmd in ["build", "check", "serve", "init", "import", "entities"] {
        let mut c = assert_cmd::Command::cargo_bin("dossier").unwrap();
        let out = c.args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "{cmd}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(&format!("\n\nUsage: dossier {cmd} ")),
            "{cmd}: {stdout}"
        );
    }
}

#[test]
fn cli_definition_is_valid() {
    use clap::CommandFactory;
    dossier::cli::Cli::command().debug_assert();
}

/// Help text is wrapped to the terminal; at no width may a code span be cut across two
/// lines (each line holds its backticks in pairs).
#[test]
fn help_never_breaks_a_code_span() {
    use clap::CommandFactory;
    let mut helps = Vec::new();
    for width in 60..=140 {
        let mut cli = dossier::cli::Cli::command().term_width(width);
        helps.push(cli.render_long_help().to_string());
        for sub in cli.get_subcommands_mut() {
            helps.push(sub.render_long_help().to_string());
            for inner in sub.get_subcommands_mut() {
                helps.push(inner.render_long_help().to_string());
            }
        }
    }
    for help in &helps {
        for line in help.lines() {
            assert!(line.matches('`').count() % 2 == 0, "{line}\n{help}");
        }
    }
}

#[test]
fn summary_line_is_printed() {
    let f = Fixture::new();
    let stderr = f.build_ok();
    // The whole report is the summary line; only its time varies.
    let (summary, ms) = stderr.rsplit_once(" in ").expect(&stderr);
    assert_eq!(
        summary,
        "built 2 articles: 13 pages, 35 files in ./public (0.2 MB)"
    );
    let ms = ms.strip_suffix(" ms\n").expect(&stderr);
    assert!(ms.parse::<u64>().is_ok(), "{stderr}");
    let _ = article("x", "y");
}

#[test]
fn quote_corrections_override_attribution() {
    let f = Fixture::new();
    f.write(
        "content/articles/third.md",
        "+++\ntitle = \"Third\"\ndate = 2020-01-05\nsource = \"AFP\"\n\n[[quotes]]\ntext = \"We refuse a proxy\"\nspeaker = \"adel-abdul-mahdi\"\n\n[[quotes]]\ntext = \"Peace be\"\nspeaker = \"a teenage girl\"\n\n[[quotes]]\ntext = \"Nothing like this\"\nspeaker = \"x\"\n+++\n“We refuse a proxy war on Iraqi territory and the creation of crisis after crisis,” said student Raad Ismail.\n\nA girl held a sign reading: “Peace be on the land created to live in peace.”\n",
    );
    let stderr = f.build_ok();
    assert_eq!(
        warnings_before_summary(&stderr),
        "content/articles/third.md:14: warning: no quote in the article starts with “Nothing like this”\n  help: copy the first words of the quote exactly as they appear in the text\n"
    );
    let json: serde_json::Value = common::read_export(&f.path("public"));
    let quotes: Vec<&serde_json::Value> = json["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["article"] == "third")
        .collect();
    assert_eq!(quotes[0]["speaker"]["entity"], "adel-abdul-mahdi");
    assert_eq!(quotes[1]["speaker"]["name"], "a teenage girl");
    assert!(quotes[1]["speaker"]["entity"].is_null());
}

#[test]
fn a_long_timeline_gets_a_page_per_month() {
    let f = Fixture::new();
    // 600 articles over three months, each reporting one dated event: more entries
    // than one timeline page holds.
    for i in 0..600 {
        let month = 1 + i % 3;
        f.write(
            &format!("content/articles/a{i:03}.md"),
            &format!(
                "+++\ntitle = \"Report {i}\"\ndate = 2020-{month:02}-{:02}\nsource = \"Reuters\"\n+++\nIraq's parliament met on 3 March 2019 to vote. The border was drawn in 1921.\n",
                1 + i % 28
            ),
        );
    }
    f.build_ok();
    let overview = f.read("public/timeline/index.html");
    for month in ["1921", "2019-03", "2020-01", "2020-02", "2020-03"] {
        assert!(
            overview.contains(&format!(r#"href="/sub/timeline/{month}/""#)),
            "no link to {month}: {overview}"
        );
        assert!(
            f.path(&format!("public/timeline/{month}/index.html"))
                .exists()
        );
    }
    // The overview lists months, not every article.
    assert!(!overview.contains("Report 17<"), "{overview}");
    // The chart has a column per month, leading to the month's page.
    let chart = &overview[overview
        .find("<svg class=\"chart\" id=\"timeline-chart\"")
        .unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    for month in ["1921", "2019-03", "2020-01", "2020-02", "2020-03"] {
        assert!(
            chart.contains(&format!(r#"href="/sub/timeline/{month}/""#)),
            "no column for {month}: {chart}"
        );
    }
    assert!(!chart.contains("#d-"), "{chart}");
    let february = f.read("public/timeline/2020-02/index.html");
    assert!(february.contains(">Report 1<"), "{february}");
    assert!(
        !february.contains(">Report 0<"),
        "January's report on February's page"
    );
    assert!(february.contains(r#"rel="prev""#) && february.contains(r#"rel="next""#));
    let march_2019 = f.read("public/timeline/2019-03/index.html");
    assert!(march_2019.contains("3 March 2019"), "{march_2019}");
    // Events dated only by their year have the year's page.
    let year = f.read("public/timeline/1921/index.html");
    assert!(
        year.contains("<h1 class=\"page-title\">1921</h1>"),
        "{year}"
    );
    assert!(year.contains("The border was drawn in 1921."), "{year}");
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("https://example.org/sub/timeline/2020-03/"));
    // Every link of the site resolves.
    f.check_site_ok();
}

#[test]
fn a_long_quote_index_gets_pages_and_links_find_them() {
    let f = Fixture::new();
    // 520 different statements of one wording each: four pages of the quote index,
    // which takes 200 wordings a page, and 100 on the first, which also has the
    // chart and the index by speaker.
    for i in 0..520 {
        f.write(
            &format!("content/articles/q{i:03}.md"),
            &format!(
                "+++\ntitle = \"Statement {i}\"\ndate = 2020-01-05\nsource = \"Reuters\"\n+++\n“Alpha{i} bravo{i} charlie{i} delta{i} echo{i} foxtrot{i},” Abdul Mahdi said.\n"
            ),
        );
    }
    f.build_ok();
    let first = f.read("public/quotes/index.html");
    let second = f.read("public/quotes/page/2/index.html");
    assert!(
        first.contains(r#"id="c-100""#),
        "the first page ends at 100"
    );
    assert!(!first.contains(r#"id="c-101""#));
    assert!(second.contains(r#"id="c-101""#), "{second}");
    assert!(second.contains(r#"id="c-300""#), "{second}");
    assert!(!second.contains(r#"id="c-301""#), "{second}");
    let fourth = f.read("public/quotes/page/4/index.html");
    assert!(fourth.contains(r#"id="c-520""#), "{fourth}");
    assert!(
        first.contains(r#"href="/sub/quotes/page/2/""#),
        "no link to page 2"
    );
    // The index by speaker links to the speaker's first statements, and counts the rest.
    assert!(first.contains(r#"href="/sub/quotes/#c-10""#), "{first}");
    assert!(!first.contains(r#"href="/sub/quotes/#c-11""#), "{first}");
    assert!(
        first.contains(r#"<li class="cluster-refs__more">and 511 more</li>"#),
        "{first}"
    );
    // An article whose statement is on page 4 links there.
    let json: serde_json::Value = common::read_export(&f.path("public"));
    let quote = json["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["cluster"] == "c-520")
        .unwrap();
    let slug = quote["article"].as_str().unwrap();
    let page = f.read(&format!("public/articles/{slug}/index.html"));
    assert!(
        page.contains(&format!(r#"href="/sub/quotes/page/4/#{slug}-q-1""#)),
        "{page}"
    );
    // The feed carries each article's text with the links of its page.
    let feed = f.read("public/feed.xml");
    let links: Vec<&str> = feed
        .split("quote-link&quot; href=&quot;")
        .skip(1)
        .map(|rest| &rest[..rest.find("&quot;").unwrap()])
        .collect();
    assert!(links.len() > 40, "{feed}");
    for href in links {
        let slug = &href[href.find('#').unwrap() + 1..href.len() - "-q-1".len()];
        let page = f.read(&format!("public/articles/{slug}/index.html"));
        assert!(page.contains(&format!(r#"href="{href}""#)), "{href}");
    }
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("https://example.org/sub/quotes/page/2/"));
    // Every link of the site resolves, fragments included.
    f.check_site_ok();
}

/// Files from `static/` linked from Markdown (an article, the introduction, an entity's
/// description) resolve under a sub-path, written from the site's root or as a path
/// from the Markdown file into `static/`.
#[test]
fn static_files_linked_from_markdown_resolve_under_a_sub_path() {
    let f = Fixture::new();
    f.write_bytes("static/images/map.png", b"\x89PNG\r\n\x1a\n");
    f.write("static/docs/report.pdf", "%PDF-1.4\n");
    f.write(
        "content/articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2020-01-05\nsource = \"Reuters\"\n+++\n![A map of the region](/images/map.png)\n\nThe [full report](../../static/docs/report.pdf) and [the first article](../first/).\n",
    );
    f.write(
        "content/_index.md",
        "Welcome. ![map](/images/map.png) [About the report](/docs/report.pdf)\n",
    );
    f.build_ok();
    let page = f.read("public/articles/second/index.html");
    assert!(
        page.contains(r#"<img src="/sub/images/map.png" alt="A map of the region" />"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/sub/docs/report.pdf">full report</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="../first/">the first article</a>"#),
        "{page}"
    );
    let home = f.read("public/index.html");
    assert!(
        home.contains(r#"<img src="/sub/images/map.png" alt="map" />"#),
        "{home}"
    );
    assert!(home.contains(r#"href="/sub/docs/report.pdf""#), "{home}");
    f.check_site_ok();
}

/// The index of sources stays small: each outlet with its counts and newest articles,
/// and a link to its own page, which lists them all.
#[test]
fn the_sources_index_lists_each_outlets_newest_articles() {
    let f = Fixture::new();
    for day in 1..=8 {
        f.write(
            &format!("content/articles/day-{day}.md"),
            &format!(
                "+++\ntitle = \"Day {day}\"\ndate = 2020-02-{day:02}\nsource = \"Reuters\"\n+++\nIraq's parliament met.\n"
            ),
        );
    }
    f.build_ok();
    let index = f.read("public/sources/index.html");
    let listed: Vec<&str> = index
        .match_indices("href=\"/sub/articles/")
        .map(|(i, _)| {
            let rest = &index[i + "href=\"/sub/articles/".len()..];
            &rest[..rest.find('/').unwrap()]
        })
        .collect();
    // The newest five of the ten (the fixture's two are from Reuters too).
    assert_eq!(
        listed,
        ["day-8", "day-7", "day-6", "day-5", "day-4"],
        "{index}"
    );
    assert!(
        index.contains(
            "<p class=\"more\"><a href=\"/sub/sources/reuters/\">All 10 articles from Reuters</a></p>"
        ),
        "{index}"
    );
    let page = f.read("public/sources/reuters/index.html");
    for day in 1..=8 {
        assert!(
            page.contains(&format!("href=\"/sub/articles/day-{day}/\"")),
            "{day}"
        );
    }
}

/// The home page lists the newest articles and links to the timeline, which lists
/// them all: it stays small whatever the dossier holds.
#[test]
fn the_home_page_lists_the_newest_articles_and_links_to_all() {
    let f = Fixture::new();
    for n in 1..=33 {
        f.write(
            &format!("content/articles/n-{n:02}.md"),
            &format!(
                "+++\ntitle = \"Number {n}\"\ndate = 2020-03-{:02}\nsource = \"Reuters\"\n+++\nIraq's parliament met.\n",
                n.min(28)
            ),
        );
    }
    f.build_ok();
    let home = f.read("public/index.html");
    let cards = home.matches("<article class=\"card\">").count();
    assert_eq!(cards, 30, "{home}");
    assert!(
        home.contains(">Latest articles <span class=\"count\">30</span></h2>"),
        "{home}"
    );
    assert!(
        home.contains(
            "<p class=\"more\"><a href=\"/sub/timeline/\">All 35 articles, by date</a></p>"
        ),
        "{home}"
    );
    // The two oldest (the fixture's, 5 January) are on the timeline, not the home page.
    assert!(!home.contains("href=\"/sub/articles/first/\""), "{home}");
    let timeline = f.read("public/timeline/index.html");
    assert!(
        timeline.contains("href=\"/sub/articles/first/\""),
        "{timeline}"
    );
    f.check_site_ok();
}
