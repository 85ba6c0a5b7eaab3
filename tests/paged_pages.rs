//! Long lists are paged: an entity mentioned in 500 articles, and the outlets that
//! published them, get pages of fifty articles with stable addresses, links between
//! them that resolve at the site root and under a sub-path, and a sitemap that lists
//! them all.

mod common;

use common::{CONFIG, Fixture};

const ARTICLES: usize = 500;

/// The fixture's dossier with 500 more articles, each mentioning Adel Abdul Mahdi
/// four times; every fifth quotes him.
fn five_hundred(config: &str) -> Fixture {
    let f = Fixture::new();
    f.write("dossier.toml", config);
    for n in 0..ARTICLES {
        let source = if n % 2 == 0 { "Reuters" } else { "AFP" };
        let quote = if n % 5 == 0 {
            format!("\n\n“We will hold talks number {n} next week,” Abdul Mahdi said.")
        } else {
            String::new()
        };
        f.write(
            &format!("content/articles/a-{n:03}.md"),
            &format!(
                "+++\ntitle = \"Report {n}\"\ndate = 2021-{:02}-{:02}\nsource = \"{source}\"\n+++\nAdel Abdul Mahdi met envoys in Baghdad on day {n}. Abdul Mahdi spoke first.\n\nLater, Abdul Mahdi left. Aides to Abdul Mahdi stayed.{quote}\n",
                n % 12 + 1,
                n % 28 + 1,
            ),
        );
    }
    f
}

/// The site paths that `page` links to inside the site (`href="/sub/…"`).
fn links<'a>(page: &'a str, prefix: &str) -> Vec<&'a str> {
    let start = format!("href=\"{prefix}");
    page.match_indices(&start)
        .map(|(i, _)| {
            let rest = &page[i + "href=\"".len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn an_entity_in_500_articles_has_its_articles_on_linked_pages_of_fifty() {
    let f = five_hundred(CONFIG);
    f.build_ok();
    // The fixture's own two articles mention him too.
    let total = ARTICLES + 2;
    let pages = total.div_ceil(50);
    assert_eq!(pages, 11);
    let path = |p: usize| match p {
        1 => "public/entities/adel-abdul-mahdi/index.html".to_string(),
        p => format!("public/entities/adel-abdul-mahdi/page/{p}/index.html"),
    };
    assert!(!f.path(&path(pages + 1)).exists());
    let mut listed = Vec::new();
    for p in 1..=pages {
        let page = f.read(&path(p));
        assert!(page.len() < 300_000, "page {p}: {} bytes", page.len());
        let groups: Vec<&str> = page
            .match_indices("<h3 class=\"mention-group__title\" id=\"mg-")
            .map(|(i, _)| {
                let rest = &page[i..];
                let id = &rest[rest.find("mg-").unwrap() + 3..];
                &id[..id.find('"').unwrap()]
            })
            .collect();
        assert_eq!(
            groups.len(),
            if p < pages { 50 } else { total - 500 },
            "page {p}"
        );
        listed.extend(groups.iter().map(|s| s.to_string()));
        let first = (p - 1) * 50 + 1;
        let last = (p * 50).min(total);
        assert!(
            page.contains(&format!(
                "<p class=\"section-note\">Articles {first} to {last} of {total}, newest first.</p>"
            )),
            "page {p}"
        );
        // Previous and next, where there are.
        let prev = format!(
            "<li><a href=\"/sub/entities/adel-abdul-mahdi/{}\" rel=\"prev\">",
            match p {
                2 => String::new(),
                p => format!("page/{}/", p - 1),
            }
        );
        assert_eq!(page.contains(&prev), p > 1, "page {p}");
        let next = format!(
            "<li><a href=\"/sub/entities/adel-abdul-mahdi/page/{}/\" rel=\"next\">",
            p + 1
        );
        assert_eq!(page.contains(&next), p < pages, "page {p}");
        assert!(
            page.contains(&format!(">{p}</a></li>")) && page.contains("aria-current=\"page\""),
            "page {p}"
        );
        // Only the first page has the statements, the names and the connections.
        assert_eq!(page.contains("id=\"quotes-title\""), p == 1, "page {p}");
        assert_eq!(page.contains("id=\"names-title\""), p == 1, "page {p}");
        assert_eq!(page.contains("id=\"entity-graph\""), p == 1, "page {p}");
    }
    // Every article once, newest first.
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), total);
    // Three of an article's four mentions in context, and a link to the rest.
    let first = f.read(&path(1));
    let group = &first[first.find("<section class=\"mention-group\"").unwrap()..];
    let group = &group[..group.find("</section>").unwrap()];
    assert_eq!(group.matches("<mark>").count(), 3, "{group}");
    assert!(group.contains("1 more in this article</a></li>"), "{group}");
    // The middle page links the first, the last and its neighbours, with gaps.
    let middle = f.read(&path(6));
    let numbers: Vec<&str> = links(&middle, "/sub/entities/adel-abdul-mahdi/")
        .into_iter()
        .filter(|l| !l.contains('#'))
        .collect();
    assert!(middle.contains("<li class=\"page-list__gap\" aria-hidden=\"true\">…</li>"));
    for p in [1, 4, 5, 7, 8, 11] {
        let href = match p {
            1 => "/sub/entities/adel-abdul-mahdi/".to_string(),
            p => format!("/sub/entities/adel-abdul-mahdi/page/{p}/"),
        };
        assert!(numbers.contains(&href.as_str()), "{href} in {numbers:?}");
    }
    assert!(!numbers.contains(&"/sub/entities/adel-abdul-mahdi/page/2/"));
    // The sitemap lists every page.
    let sitemap = f.read("public/sitemap.xml");
    for p in 2..=pages {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/sub/entities/adel-abdul-mahdi/page/{p}/</loc>"
            )),
            "{p}"
        );
    }
    f.check_site_ok();
}

#[test]
fn outlets_and_the_home_page_stay_bounded_and_resolve_at_the_root_too() {
    let f = five_hundred("title = \"Test dossier\"\nbase_url = \"https://example.org/\"\n");
    f.build_ok();
    // Reuters: 250 of the 500 and the fixture's two.
    let first = f.read("public/sources/reuters/index.html");
    assert!(first.contains("<p class=\"section-note\">Articles 1 to 50 of 252, newest first.</p>"));
    assert!(first.contains("<li><a href=\"/sources/reuters/page/2/\" rel=\"next\">"));
    let last = f.read("public/sources/reuters/page/6/index.html");
    assert!(
        last.contains("<p class=\"section-note\">Articles 251 to 252 of 252, newest first.</p>")
    );
    assert!(last.contains("<li><a href=\"/sources/reuters/page/5/\" rel=\"prev\">"));
    assert!(!f.path("public/sources/reuters/page/7/index.html").exists());
    // The quotes of a page's articles, not the outlet's every quote.
    let quoted = |page: &str| page.matches("<figure class=\"quote-block\">").count();
    assert_eq!(
        (1..=6)
            .map(|p| quoted(&f.read(&match p {
                1 => "public/sources/reuters/index.html".to_string(),
                p => format!("public/sources/reuters/page/{p}/index.html"),
            })))
            .sum::<usize>(),
        // Every fifth article quotes him, all of them even-numbered Reuters ones; and
        // the fixture's first article.
        50 + 1
    );
    let home = f.read("public/index.html");
    assert_eq!(home.matches("<article class=\"card\">").count(), 30);
    for (rel, _) in [
        ("public/index.html", ()),
        ("public/entities/adel-abdul-mahdi/page/11/index.html", ()),
    ] {
        assert!(f.read(rel).len() < 300_000, "{rel}");
    }
    f.check_site_ok();
}

/// A timeline past 1,000 entries is an overview of its months, each month a page of
/// at most 400 entries, and further pages where a month has more.
#[test]
fn a_month_with_a_thousand_articles_has_pages_of_four_hundred() {
    let f = Fixture::new();
    for n in 0..1001 {
        f.write(
            &format!("content/articles/m-{n:04}.md"),
            &format!(
                "+++\ntitle = \"March report {n}\"\ndate = 2021-03-{:02}\nsource = \"Reuters\"\n+++\nIraq's parliament met.\n",
                n % 31 + 1
            ),
        );
    }
    f.build_ok();
    let overview = f.read("public/timeline/index.html");
    // A column per month on the chart, linking to the month's page.
    assert!(
        overview.contains("href=\"/sub/timeline/2021-03/\""),
        "{overview}"
    );
    assert!(
        overview.contains("href=\"/sub/timeline/2020-01/\""),
        "{overview}"
    );
    assert!(overview.len() < 300_000);
    let lines = |page: &str| page.matches("class=\"article-line\"").count();
    let pages = [
        "public/timeline/2021-03/index.html",
        "public/timeline/2021-03/page/2/index.html",
        "public/timeline/2021-03/page/3/index.html",
    ];
    let counts: Vec<usize> = pages.iter().map(|p| lines(&f.read(p))).collect();
    assert_eq!(counts, [400, 400, 201]);
    assert!(!f.path("public/timeline/2021-03/page/4/index.html").exists());
    let last = f.read(pages[2]);
    assert!(
        last.contains("1001 articles and 0 dated events in March 2021: entries 801 to 1001 here."),
        "{last}"
    );
    assert!(last.contains("<li><a href=\"/sub/timeline/2021-03/page/2/\" rel=\"prev\">"));
    f.check_site_ok();
}

/// A statement reported by 150 articles: the quote index lists 100 of its reports (the
/// two worded differently among them) and counts the rest, whose articles link to the
/// statement instead of to a wording that is not there.
#[test]
fn a_statement_in_150_articles_lists_100_reports_and_links_the_rest_to_it() {
    let f = Fixture::new();
    for n in 0..150 {
        let (source, words) = match n {
            37 => ("AFP", "We will not accept troops on Iraqi soil"),
            120 => ("AFP", "We won't accept foreign troops on Iraqi soil"),
            n if n % 2 == 0 => ("Reuters", "We will not accept foreign troops on Iraqi soil"),
            _ => ("AFP", "We will not accept foreign troops on Iraqi soil"),
        };
        f.write(
            &format!("content/articles/s-{n:03}.md"),
            &format!(
                "+++\ntitle = \"Statement report {n}\"\ndate = 2021-05-{:02}\nsource = \"{source}\"\n+++\n“{words},” Adel Abdul Mahdi said on day {n}.\n",
                n % 28 + 1
            ),
        );
    }
    f.build_ok();
    let index = f.read("public/quotes/index.html");
    let section = index
        .split("<section class=\"cluster")
        .skip(1)
        .map(|s| &s[..s.find("</section>").unwrap()])
        .find(|s| s.contains("accept foreign troops on Iraqi soil"))
        .expect("the statement is on the first page");
    assert_eq!(section.matches("<li class=\"variant").count(), 100);
    assert_eq!(section.matches("variant--differs").count(), 2, "{section}");
    assert!(
        section.contains("And 50 more reports of this statement, not listed here."),
        "{section}"
    );
    let cluster = &section[section.find("id=\"").unwrap() + 4..];
    let cluster = &cluster[..cluster.find('"').unwrap()];
    // Each article links to its own wording when it is listed, else to the statement.
    let (mut own, mut statement) = (0, 0);
    for n in 0..150 {
        let page = f.read(&format!("public/articles/s-{n:03}/index.html"));
        let link = links(&page, "/sub/quotes/")
            .into_iter()
            .find(|l| l.contains('#'))
            .expect("a quote link");
        if link == format!("/sub/quotes/#s-{n:03}-q-1") {
            assert!(section.contains(&format!("id=\"s-{n:03}-q-1\"")));
            own += 1;
        } else {
            assert_eq!(link, format!("/sub/quotes/#{cluster}"));
            statement += 1;
        }
    }
    assert_eq!((own, statement), (100, 50));
    f.check_site_ok();
}
