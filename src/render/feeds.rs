//! The Atom feed, the sitemap and robots.txt: the files hosts and readers' tools expect.
//!
//! The feed follows RFC 4287: the feed has an id, a title, an updated date, an author
//! and a `self` link; every entry an id, a title, an updated date, an `alternate`
//! link, an author, a summary and the article's HTML as content. Every address in the
//! feed and the sitemap is absolute under `base_url`, sub-path included, so both are
//! only made when `base_url` is a full address. Times keep the seconds and offset the
//! front matter gave. All text goes through [`super::xml::escape`], which also removes
//! the characters XML forbids, so no title or body can make a file unreadable.
//!
//! The feed is bounded whatever the dossier holds: at most [`FEED_ENTRIES`] entries, the
//! full HTML only for an entry whose escaped content fits in [`FEED_CONTENT_BYTES`] (a
//! longer one carries its summary and link alone), and summaries of at most
//! [`SUMMARY_CHARS`] characters.

use std::fmt::Write;

use time::format_description::well_known::Rfc3339;

use super::xml::escape;
use crate::analyse::AnalysedArticle;
use crate::link::Dossier;

/// How many articles the feed carries: the newest, as feed readers expect; the whole
/// dossier is in the JSON export.
pub const FEED_ENTRIES: usize = 50;

/// The most an entry's escaped HTML content may weigh (256 KiB, several times a long
/// annotated report); a longer article is announced by its summary and link alone.
pub const FEED_CONTENT_BYTES: usize = 256 * 1024;

/// The longest summary an entry carries, in characters: a summary written in the front
/// matter is shortened beyond this; one taken from the first paragraph beyond 300.
pub const SUMMARY_CHARS: usize = 1000;

/// `/feed.xml`: an Atom feed of the newest articles, newest first.
pub fn atom_feed(d: &Dossier) -> String {
    let c = &d.config;
    let updated = d
        .articles
        .iter()
        .take(FEED_ENTRIES)
        .map(|a| a.article.published)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
    let mut out = String::new();
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    let _ = writeln!(
        out,
        " xml:lang=\"{}\" xml:base=\"{}\">",
        escape(&c.language),
        escape(&c.base_url)
    );
    let _ = writeln!(out, "  <title>{}</title>", escape(&c.title));
    if !c.description.is_empty() {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", escape(&c.description));
    }
    let _ = writeln!(out, "  <id>{}</id>", escape(&c.abs_url("/")));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&c.abs_url("/feed.xml"))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&c.abs_url("/"))
    );
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", escape(&c.title));
    let _ = writeln!(out, "  <generator>dossier</generator>");
    for a in d.articles.iter().take(FEED_ENTRIES) {
        let art = &a.article;
        let url = c.abs_url(&format!("/articles/{}/", art.slug));
        let when = rfc3339(art.published);
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}</title>", escape(&art.title));
        let _ = writeln!(out, "    <id>{}</id>", escape(&url));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&url)
        );
        let _ = writeln!(out, "    <updated>{when}</updated>");
        let _ = writeln!(out, "    <published>{when}</published>");
        let names: Vec<&str> = if art.authors.is_empty() {
            vec![art.source.as_str()]
        } else {
            art.authors.iter().map(String::as_str).collect()
        };
        for name in names {
            let _ = writeln!(out, "    <author><name>{}</name></author>", escape(name));
        }
        let _ = writeln!(
            out,
            "    <category term=\"{}\" label=\"{}\"/>",
            escape(&crate::content::source_slug(&art.source)),
            escape(&art.source)
        );
        let _ = writeln!(out, "    <summary>{}</summary>", escape(&entry_summary(a)));
        let content = escape(&a.body.html);
        if content.len() <= FEED_CONTENT_BYTES {
            let _ = writeln!(out, "    <content type=\"html\">{content}</content>");
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The article's summary, or else its first paragraph, shortened.
fn entry_summary(a: &AnalysedArticle) -> String {
    if let Some(summary) = &a.article.summary {
        return shorten(summary, SUMMARY_CHARS);
    }
    let first = a
        .body
        .blocks
        .iter()
        .find(|b| b.kind == crate::annotate::BlockKind::Paragraph && !b.text.trim().is_empty())
        .map_or(a.article.title.as_str(), |b| b.text.trim());
    shorten(first, 300)
}

/// `text` cut after at most `max` characters, at a word, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().nth(max).is_none() {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// A moment as RFC 3339, as Atom wants it: `2020-01-05T23:30:45+05:00`.
fn rfc3339(moment: time::OffsetDateTime) -> String {
    moment
        .format(&Rfc3339)
        .unwrap_or_else(|_| format!("{}T00:00:00Z", moment.date()))
}

/// Site paths of every HTML page (every page of a paged list too), for the sitemap.
pub fn page_paths(d: &Dossier) -> Vec<String> {
    use super::pages::{PageId, page_ids, site_path};
    page_ids(d)
        .into_iter()
        .filter(|&id| id != PageId::NotFound)
        .map(|id| site_path(d, id))
        .collect()
}

/// The most addresses one sitemap file may list, as the sitemap protocol allows; a
/// larger site gets a sitemap index.
pub const URLS_PER_SITEMAP: usize = 50_000;

/// The sitemap: `/sitemap.xml` listing every page; for a site of more than
/// [`URLS_PER_SITEMAP`] pages, `/sitemap.xml` is an index of `/sitemap-1.xml`,
/// `/sitemap-2.xml`… that list them. Returns `(path, XML)` pairs.
pub fn sitemaps(d: &Dossier) -> Vec<(String, String)> {
    let lastmod: std::collections::HashMap<String, String> = d
        .articles
        .iter()
        .map(|a| {
            (
                format!("/articles/{}/", a.article.slug),
                a.article.date.to_string(),
            )
        })
        .collect();
    let urls: Vec<(String, Option<&String>)> = page_paths(d)
        .into_iter()
        .map(|p| {
            let m = lastmod.get(&p);
            (d.config.abs_url(&p), m)
        })
        .collect();
    sitemap_files(&urls, URLS_PER_SITEMAP, |p| d.config.abs_url(p))
}

/// The sitemap files for `urls` (absolute address, last change), `limit` to a file;
/// `abs_url` makes a site path absolute.
fn sitemap_files(
    urls: &[(String, Option<&String>)],
    limit: usize,
    abs_url: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let urlset = |urls: &[(String, Option<&String>)]| {
        let mut out = format!("{HEAD}<urlset {NS}>\n");
        for (loc, lastmod) in urls {
            let _ = write!(out, "  <url><loc>{}</loc>", escape(loc));
            if let Some(m) = lastmod {
                let _ = write!(out, "<lastmod>{m}</lastmod>");
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if urls.len() <= limit {
        return vec![("sitemap.xml".to_string(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    for (n, chunk) in urls.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&abs_url(&format!("/{name}")))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index));
    files
}

/// `/robots.txt`: everything may be crawled; the sitemap is named when there is one.
pub fn robots(d: &Dossier) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if d.config.has_address() {
        let _ = writeln!(out, "Sitemap: {}", d.config.abs_url("/sitemap.xml"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("https://example.org/sub/p/{i}/"))
            .collect()
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let date = "2020-01-05".to_string();
        let urls: Vec<(String, Option<&String>)> = urls(3)
            .into_iter()
            .enumerate()
            .map(|(i, u)| (u, (i == 1).then_some(&date)))
            .collect();
        let files = sitemap_files(&urls, 3, |p| format!("https://example.org/sub{p}"));
        assert_eq!(
            files,
            [(
                "sitemap.xml".to_string(),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://example.org/sub/p/0/</loc></url>\n  <url><loc>https://example.org/sub/p/1/</loc><lastmod>2020-01-05</lastmod></url>\n  <url><loc>https://example.org/sub/p/2/</loc></url>\n</urlset>\n".to_string()
            )]
        );
    }

    #[test]
    fn a_large_site_has_a_sitemap_index() {
        let urls: Vec<(String, Option<&String>)> = urls(5).into_iter().map(|u| (u, None)).collect();
        let files = sitemap_files(&urls, 2, |p| format!("https://example.org/sub{p}"));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap><loc>https://example.org/sub/sitemap-1.xml</loc></sitemap>\n  <sitemap><loc>https://example.org/sub/sitemap-2.xml</loc></sitemap>\n  <sitemap><loc>https://example.org/sub/sitemap-3.xml</loc></sitemap>\n</sitemapindex>\n"
        );
        assert_eq!(files[1].1.matches("<url>").count(), 2);
        assert_eq!(files[3].1.matches("<url>").count(), 1);
        assert!(
            files[3]
                .1
                .contains("<loc>https://example.org/sub/p/4/</loc>")
        );
    }
}
