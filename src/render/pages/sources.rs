//! The outlets: the index of every source, and each source's pages: its articles,
//! newest first, [`ARTICLES_PER_PAGE`] a page, with their quotes; on the first page
//! the entities it mentions most and the widely reported statements it does not carry.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::entity::Related;
use super::paging::{self, ARTICLES_PER_PAGE, Paginator};
use super::{Page, list};
use crate::link::{Dossier, paged_path};
use crate::render::values::Values;

pub const INDEX_PATH: &str = "/sources/";

/// How many of each outlet's articles, the newest, the index of sources lists: the
/// index stays small however many articles the outlets published.
pub const ARTICLES_ON_INDEX: usize = 5;

/// How many of the entities it mentions most a source's page lists.
pub const TOP_ENTITIES_OF_SOURCE: usize = 12;

/// How many of the most widely reported statements an outlet does not carry its page
/// lists (the most widely reported first).
pub const MISSING_CLUSTERS_SHOWN: usize = 20;

pub fn site_path(d: &Dossier, s: usize) -> String {
    format!("/sources/{}/", d.sources[s].slug)
}

#[derive(Serialize)]
struct SourceView<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    href: String,
    article_count: usize,
    quote_count: usize,
    /// Its articles, newest first: on its page that page's, on the index the newest
    /// [`ARTICLES_ON_INDEX`].
    articles: Value,
}

fn source_view<'a>(
    d: &'a Dossier,
    v: &Values,
    s: usize,
    shown: std::ops::Range<usize>,
) -> SourceView<'a> {
    let src = &d.sources[s];
    let path = site_path(d, s);
    SourceView {
        name: &src.name,
        slug: &src.slug,
        href: d.config.url(&path),
        path,
        article_count: src.articles.len(),
        quote_count: src
            .articles
            .iter()
            .map(|&a| d.articles[a].links.quote_count)
            .sum(),
        articles: list(src.articles[shown].iter().map(|&a| v.article(a))),
    }
}

pub fn index_page(d: &Dossier, v: &Values) -> Page {
    let sources: Vec<SourceView> = (0..d.sources.len())
        .map(|s| {
            source_view(
                d,
                v,
                s,
                0..d.sources[s].articles.len().min(ARTICLES_ON_INDEX),
            )
        })
        .collect();
    let mut page = Page::new(
        v,
        "sources.html",
        INDEX_PATH.into(),
        "Sources".into(),
        "The outlets whose reports make up this dossier.".into(),
    );
    page.set("sources", &sources);
    page
}

#[derive(Serialize)]
struct SourcePageView<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    /// On the first page, the entities it mentions most.
    top_entities: Vec<Related>,
    /// The quotes of this page's articles.
    quotes: Value,
    /// On the first page, the widely reported statements it does not carry.
    missing_clusters: Value,
}

/// How many pages an outlet's articles take.
pub fn page_count(d: &Dossier, s: usize) -> usize {
    paging::page_count(d.sources[s].articles.len(), ARTICLES_PER_PAGE)
}

/// The page (0-based) of outlet `s` that lists article `a`; the first if none does.
pub fn page_of(d: &Dossier, s: usize, a: usize) -> usize {
    paging::page_of(&d.sources[s].articles, a, ARTICLES_PER_PAGE)
}

/// Page `page` (0-based) of outlet `s`.
pub fn page(d: &Dossier, v: &Values, s: usize, page: usize) -> Page {
    let src = &d.sources[s];
    let first = page == 0;
    let shown = paging::page_items(src.articles.len(), ARTICLES_PER_PAGE, page);
    let mut quotes = Vec::new();
    for &a in &src.articles[shown.clone()] {
        for (qi, q) in d.articles[a].body.quotes.iter().enumerate() {
            if !q.is_term {
                quotes.push(v.quote((a, qi)));
            }
        }
    }
    let mut top: Vec<(usize, usize)> = Vec::new();
    if first {
        let mut counts: std::collections::BTreeMap<usize, usize> =
            std::collections::BTreeMap::new();
        for &a in &src.articles {
            for m in &d.articles[a].body.mentions {
                *counts.entry(m.entity).or_default() += 1;
            }
        }
        top = counts.into_iter().collect();
        top.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    }
    let view = SourcePageView {
        source: source_view(d, v, s, shown.clone()),
        top_entities: top
            .iter()
            .take(TOP_ENTITIES_OF_SOURCE)
            .map(|&(e, count)| Related {
                entity: v.entity(e),
                count,
            })
            .collect(),
        quotes: Value::from(quotes),
        missing_clusters: if first {
            list(
                (0..d.clusters.len())
                    .filter(|&c| {
                        d.clusters[c].sources.len() >= 2
                            && !d.clusters[c].sources.contains(&src.name)
                    })
                    .take(MISSING_CLUSTERS_SHOWN)
                    .map(|c| v.cluster(c)),
            )
        } else {
            list([])
        },
    };
    let list_path = site_path(d, s);
    let paginator = Paginator::new(
        &d.config,
        &list_path,
        page,
        page_count(d, s),
        shown,
        src.articles.len(),
    );
    let mut out = Page::new(
        v,
        "source.html",
        paged_path(&list_path, page),
        if first {
            src.name.clone()
        } else {
            format!("{}, page {}", src.name, page + 1)
        },
        format!("Reports from {} in this dossier.", src.name),
    );
    out.set("source", &view);
    out.set("paginator", &paginator);
    out
}

/// What the index shows: every outlet, its counts and its newest articles.
pub fn index_key(k: &Fingerprints, d: &Dossier, h: &mut PageHasher) {
    k.listing(d, false).hash(h);
}

/// What an outlet's page shows: its counts, the page's articles and their quotes, and
/// on the first page the entities it mentions most (from all its articles' mentions)
/// and the widely reported statements it misses.
pub fn key(k: &Fingerprints, d: &Dossier, s: usize, page: usize, h: &mut PageHasher) {
    let src = &d.sources[s];
    (&src.name, &src.slug, page, src.articles.len()).hash(h);
    let shown = paging::page_items(src.articles.len(), ARTICLES_PER_PAGE, page);
    for (i, &a) in src.articles.iter().enumerate() {
        let f = k.fact(d, a);
        // Every page shows the outlet's quote count.
        f.quotes.hash(h);
        if shown.contains(&i) {
            k.listed(d, a, h);
            k.quote_clusters[a].hash(h);
        }
        if page == 0 {
            for &(e, _) in &f.mentions {
                (e, k.entity[e]).hash(h);
            }
            f.entity_sequence.hash(h);
        }
    }
    if page == 0 {
        for (c, fp) in d.clusters.iter().zip(k.cluster.iter()) {
            if c.sources.len() >= 2 {
                fp.hash(h);
            }
        }
    }
}
