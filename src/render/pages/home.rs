//! The home page: the introduction, the newest articles, and what stands out
//! across them (the most mentioned entities, the most widely reported statements, the
//! graph of who appears with whom).

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use super::{Page, by_kind, by_prominence, graph_edges, graph_nodes, html, list};
use crate::link::Dossier;
use crate::render::values::Values;
use crate::render::{charts, ids};

pub const SITE_PATH: &str = "/";

/// How many articles, the newest, the home page lists; the timeline lists them all, by
/// date, a page a month in a large dossier. The home page stays small at any size.
pub const LATEST_ARTICLES: usize = 30;
/// How many of the most mentioned entities the home page lists.
pub const TOP_ENTITIES: usize = 12;
/// How many of the most widely reported statements the home page shows: those that more
/// than one outlet reports.
pub const TOP_CLUSTERS: usize = 5;
/// How many of the most mentioned entities the home page's graph draws.
const GRAPH_ENTITIES: usize = 25;

/// The entities any article mentions, the most mentioned first.
pub fn mentioned_by_prominence(d: &Dossier) -> Vec<usize> {
    let mut mentioned: Vec<usize> = (0..d.registry.len())
        .filter(|&e| !d.entities[e].mentions.is_empty())
        .collect();
    by_prominence(d, &mut mentioned);
    mentioned
}

pub fn page(d: &Dossier, v: &Values) -> Page {
    let mentioned = mentioned_by_prominence(d);
    let mut page = Page::new(
        v,
        "index.html",
        SITE_PATH.into(),
        d.intro
            .title
            .clone()
            .unwrap_or_else(|| d.config.title.clone()),
        d.config.description.clone(),
    );
    // `content/_index.md` as HTML.
    page.set_value("intro", html(&d.intro_html));
    page.set_value(
        "articles",
        list((0..d.articles.len().min(LATEST_ARTICLES)).map(|i| v.article(i))),
    );
    page.set_value(
        "top_entities",
        list(mentioned.iter().take(TOP_ENTITIES).map(|&e| v.entity(e))),
    );
    // Statements come most widely reported first.
    page.set_value(
        "top_clusters",
        list(
            (0..d.clusters.len().min(TOP_CLUSTERS))
                .take_while(|&k| d.clusters[k].sources.len() > 1)
                .map(|k| v.cluster(k)),
        ),
    );
    page.set("cluster_count", &d.clusters.len());
    page.set("graph", &graph(d, v, &mentioned));
    page
}

/// The graph of who appears with whom: the most mentioned entities.
fn graph<'d>(
    d: &'d Dossier,
    v: &Values,
    by_prominence: &[usize],
) -> Option<charts::EntityGraph<'d>> {
    let mut top: Vec<usize> = by_prominence.iter().copied().take(GRAPH_ENTITIES).collect();
    by_kind(d, &mut top);
    let edges = graph_edges(d, &top, 3 * top.len());
    if top.len() < 2 || edges.is_empty() {
        return None;
    }
    charts::entity_graph(ids::HOME_GRAPH, graph_nodes(d, v, &top), &edges, None)
}

/// What the page shows: the introduction, the newest articles, the entities (the most
/// mentioned and their graph) and the most widely reported statements.
pub fn key(k: &Fingerprints, d: &Dossier, h: &mut PageHasher) {
    d.intro.title.hash(h);
    d.intro_html.hash(h);
    for i in 0..d.articles.len().min(LATEST_ARTICLES) {
        k.listed(d, i, h);
    }
    k.entity.hash(h);
    k.related.hash(h);
    k.cluster.iter().take(TOP_CLUSTERS).for_each(|c| c.hash(h));
    d.clusters.len().hash(h);
}
