//! The outlets: the index of every source, and a page per source with its articles,
//! its quotes, the entities it mentions most and the widely reported statements it
//! does not carry.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::entity::Related;
use super::{Page, list};
use crate::link::Dossier;
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
    /// Its articles, newest first: all of them, or on the index the newest
    /// [`ARTICLES_ON_INDEX`].
    articles: Value,
}

fn source_view<'a>(d: &'a Dossier, v: &Values, s: usize, shown: usize) -> SourceView<'a> {
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
        articles: list(src.articles.iter().take(shown).map(|&a| v.article(a))),
    }
}

pub fn index_page(d: &Dossier, v: &Values) -> Page {
    let sources: Vec<SourceView> = (0..d.sources.len())
        .map(|s| source_view(d, v, s, ARTICLES_ON_INDEX))
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
    top_entities: Vec<Related>,
    quotes: Value,
    missing_clusters: Value,
}

pub fn page(d: &Dossier, v: &Values, s: usize) -> Page {
    let src = &d.sources[s];
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut quotes = Vec::new();
    for &a in &src.articles {
        for m in &d.articles[a].body.mentions {
            *counts.entry(m.entity).or_default() += 1;
        }
        for (qi, q) in d.articles[a].body.quotes.iter().enumerate() {
            if !q.is_term {
                quotes.push(v.quote((a, qi)));
            }
        }
    }
    let mut top: Vec<(usize, usize)> = counts.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let view = SourcePageView {
        source: source_view(d, v, s, usize::MAX),
        top_entities: top
            .iter()
            .take(TOP_ENTITIES_OF_SOURCE)
            .map(|&(e, count)| Related {
                entity: v.entity(e),
                count,
            })
            .collect(),
        quotes: Value::from(quotes),
        missing_clusters: list(
            (0..d.clusters.len())
                .filter(|&c| {
                    d.clusters[c].sources.len() >= 2 && !d.clusters[c].sources.contains(&src.name)
                })
                .take(MISSING_CLUSTERS_SHOWN)
                .map(|c| v.cluster(c)),
        ),
    };
    let mut page = Page::new(
        v,
        "source.html",
        site_path(d, s),
        src.name.clone(),
        format!("Reports from {} in this dossier.", src.name),
    );
    page.set("source", &view);
    page
}

/// What the index shows: every outlet, its counts and its newest articles.
pub fn index_key(k: &Fingerprints, d: &Dossier, h: &mut PageHasher) {
    k.listing(d, false).hash(h);
}

/// What an outlet's page shows: its articles, their quotes and mentions (the entities
/// it mentions most), and the widely reported statements (those it misses).
pub fn key(k: &Fingerprints, d: &Dossier, s: usize, h: &mut PageHasher) {
    let src = &d.sources[s];
    (&src.name, &src.slug).hash(h);
    for &a in &src.articles {
        let f = k.fact(d, a);
        k.listed(d, a, h);
        (f.quotes, k.quote_clusters[a], f.entity_sequence).hash(h);
        for &(e, _) in &f.mentions {
            k.entity[e].hash(h);
        }
    }
    for (c, fp) in d.clusters.iter().zip(k.cluster.iter()) {
        if c.sources.len() >= 2 {
            fp.hash(h);
        }
    }
}
