//! An entity's pages: what it is, its names, its most widely reported statements, the
//! entities mentioned with it and their graph; then the articles that mention or quote
//! it, newest first, [`ARTICLES_PER_PAGE`] a page, each with its first mentions of the
//! entity in their sentences and the entity's quotes there. However often an entity is
//! mentioned, each page stays small.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::paging::{self, ARTICLES_PER_PAGE, Paginator};
use super::{Page, by_kind, graph_edges, graph_nodes, html, list};
use crate::link::{Dossier, paged_path};
use crate::render::values::{Extended, Values};
use crate::render::views::one_line;
use crate::render::{charts, ids};

/// How many of the entities mentioned with it an entity's page lists (and draws).
pub const RELATED_SHOWN: usize = 12;

pub fn site_path(d: &Dossier, e: usize) -> String {
    format!("/entities/{}/", d.registry.entities[e].id)
}

/// A mention in its sentence, as an entity page lists it. An entity page can list
/// thousands, so the fields are made only when the page's context is.
struct MentionInContext<'a> {
    article: &'a crate::analyse::AnalysedArticle,
    mention: &'a crate::analyse::body::Mention,
}

impl Serialize for MentionInContext<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (before, after) = self.mention.context(&self.article.body.blocks);
        let links = &self.article.links;
        let mut st = serializer.serialize_struct("MentionInContext", 6)?;
        st.serialize_field("anchor", &self.mention.anchor)?;
        let anchor = &self.mention.anchor;
        let mut link =
            String::with_capacity(links.href.len().max(links.path.len()) + 1 + anchor.len());
        for (field, page) in [("path", &links.path), ("href", &links.href)] {
            link.clear();
            link.push_str(page);
            link.push('#');
            link.push_str(anchor);
            st.serialize_field(field, link.as_str())?;
        }
        st.serialize_field("before", &before)?;
        st.serialize_field("surface", &self.mention.surface)?;
        st.serialize_field("after", &after)?;
        st.end()
    }
}

/// An article on an entity's page: the entity's first mentions in it, in their
/// sentences, and its quotes there.
#[derive(Serialize)]
struct MentionsInArticle<'a> {
    /// The article's [`crate::render::views::ArticleSummary`].
    article: Value,
    /// Its first [`CONTEXTS_PER_ARTICLE`] mentions of the entity.
    mentions: Vec<MentionInContext<'a>>,
    /// Its mentions of the entity, all of them.
    mention_count: usize,
    /// Its mentions not listed.
    more: usize,
    /// The entity's quotes in it, as [`crate::render::views::QuoteView`]s.
    quotes: Value,
}

/// How many of its mentions of the entity an article shows in context on the entity's
/// page; the article's own page marks them all.
pub const CONTEXTS_PER_ARTICLE: usize = 3;

/// How many of the entity's statements, the most widely reported, its first page shows.
pub const STATEMENTS_SHOWN: usize = 20;

/// How many of the claims about the entity (those reported differently first) its
/// first page shows.
pub const CLAIMS_SHOWN: usize = 10;

/// An entity and how often it goes with another (articles together, or mentions).
#[derive(Serialize)]
pub struct Related {
    pub entity: Value,
    pub count: usize,
}

/// An entity's page, shown with the fields of its
/// [`crate::render::views::EntitySummary`].
#[derive(Serialize)]
struct EntityView<'a> {
    aliases: &'a [String],
    aliases_seen: &'a [String],
    description: Value,
    links: &'a [String],
    /// This page's articles, newest first, with the entity's mentions and quotes in
    /// each.
    mentions_by_article: Vec<MentionsInArticle<'a>>,
    /// Its quotes, all of them.
    quote_count: usize,
    /// On the first page, its most widely reported statements (at most
    /// [`STATEMENTS_SHOWN`]), as [`crate::render::views::ClusterView`]s.
    statements: Value,
    /// Its statements, all of them.
    statement_count: usize,
    /// On the first page, the claims a figure of which names it (at most
    /// [`CLAIMS_SHOWN`]), reported differently first.
    claims: Vec<super::figures::ClaimView<'a>>,
    /// The claims about it, all of them.
    claim_count: usize,
    /// On the first page, the entities mentioned with it.
    related: Vec<Related>,
    /// On the first page, who appears with the entity, drawn by the `entity_graph`
    /// component.
    graph: Option<charts::EntityGraph<'a>>,
}

/// How many pages an entity's articles take.
pub fn page_count(d: &Dossier, e: usize) -> usize {
    paging::page_count(d.entities[e].articles.len(), ARTICLES_PER_PAGE)
}

/// The page (0-based) of entity `e` that lists article `a`; the first if none does.
pub fn page_of(d: &Dossier, e: usize, a: usize) -> usize {
    paging::page_of(&d.entities[e].articles, a, ARTICLES_PER_PAGE)
}

/// The entity's statements (clusters), the most widely reported first.
fn statements(d: &Dossier, e: usize) -> Vec<usize> {
    let mut clusters: Vec<usize> = d.entities[e]
        .quotes
        .iter()
        .filter_map(|&(a, q)| d.cluster_of[a][q])
        .collect();
    clusters.sort_unstable();
    clusters.dedup();
    clusters
}

/// Page `page` (0-based) of entity `e`.
pub fn page(d: &Dossier, v: &Values, e: usize, page: usize) -> Page {
    let entity = &d.registry.entities[e];
    let stats = &d.entities[e];
    let shown = paging::page_items(stats.articles.len(), ARTICLES_PER_PAGE, page);
    let mentions_by_article = stats.articles[shown.clone()]
        .iter()
        .map(|&a| {
            let art = &d.articles[a];
            let mentions = of_article(&stats.mentions, a);
            let quotes = of_article(&stats.quotes, a);
            MentionsInArticle {
                article: v.article(a),
                mentions: mentions
                    .iter()
                    .take(CONTEXTS_PER_ARTICLE)
                    .map(|&(_, m)| MentionInContext {
                        article: art,
                        mention: &art.body.mentions[m],
                    })
                    .collect(),
                mention_count: mentions.len(),
                more: mentions.len().saturating_sub(CONTEXTS_PER_ARTICLE),
                quotes: list(quotes.iter().map(|&r| v.quote(r))),
            }
        })
        .collect();
    let first = page == 0;
    let statements = statements(d, e);
    let view = EntityView {
        aliases: &entity.aliases,
        aliases_seen: &stats.aliases_seen,
        description: html(&d.descriptions[e]),
        links: &entity.links,
        mentions_by_article,
        quote_count: stats.quotes.len(),
        statements: if first {
            list(
                statements
                    .iter()
                    .take(STATEMENTS_SHOWN)
                    .map(|&c| v.cluster(c)),
            )
        } else {
            list([])
        },
        statement_count: statements.len(),
        claims: if first {
            d.entity_claims[e]
                .iter()
                .take(CLAIMS_SHOWN)
                .map(|&c| super::figures::claim_view(d, &d.claims[c]))
                .collect()
        } else {
            Vec::new()
        },
        claim_count: d.entity_claims[e].len(),
        related: if first {
            stats
                .related
                .iter()
                .take(RELATED_SHOWN)
                .map(|&(r, count)| Related {
                    entity: v.entity(r),
                    count,
                })
                .collect()
        } else {
            Vec::new()
        },
        graph: if first { graph(d, v, e) } else { None },
    };
    let list_path = site_path(d, e);
    let total = page_count(d, e);
    let paginator = Paginator::new(
        &d.config,
        &list_path,
        page,
        total,
        shown,
        stats.articles.len(),
    );
    let mut out = Page::new(
        v,
        "entity.html",
        paged_path(&list_path, page),
        if first {
            entity.name.clone()
        } else {
            format!("{}, page {}", entity.name, page + 1)
        },
        if entity.description.is_empty() {
            format!("{} in this dossier", entity.name)
        } else {
            one_line(&entity.description)
        },
    );
    out.set(
        "entity",
        &Extended {
            base: &v.entity(e),
            extra: view,
        },
    );
    out.set("paginator", &paginator);
    out
}

/// The items of article `a` in a list sorted by article.
fn of_article<T>(items: &[(usize, T)], a: usize) -> &[(usize, T)] {
    let start = items.partition_point(|&(x, _)| x < a);
    let end = start + items[start..].partition_point(|&(x, _)| x == a);
    &items[start..end]
}

/// One entity and the entities mentioned with it, for its page.
fn graph<'d>(d: &'d Dossier, v: &Values, e: usize) -> Option<charts::EntityGraph<'d>> {
    let related = &d.entities[e].related;
    if related.is_empty() {
        return None;
    }
    let mut members = vec![e];
    members.extend(related.iter().take(RELATED_SHOWN).map(|&(r, _)| r));
    by_kind(d, &mut members[1..]);
    let edges = graph_edges(d, &members, 4 * members.len());
    charts::entity_graph(
        ids::ENTITY_GRAPH,
        graph_nodes(d, v, &members),
        &edges,
        Some(0),
    )
}

/// What a page shows: the entity and its counts, the page's articles with the
/// entity's mentions and quotes in each, and on the first page its statements and the
/// entities around it with their own co-mentions (the graph).
pub fn key(k: &Fingerprints, d: &Dossier, e: usize, page: usize, h: &mut PageHasher) {
    (k.entity[e], page).hash(h);
    let stats = &d.entities[e];
    stats.articles.len().hash(h);
    let shown = paging::page_items(stats.articles.len(), ARTICLES_PER_PAGE, page);
    for &a in &stats.articles[shown] {
        k.listed(d, a, h);
        k.fact(d, a).mentions_of(e).hash(h);
        for &(_, q) in of_article(&stats.quotes, a) {
            (q, k.fact(d, a).quotes, k.quote_clusters[a]).hash(h);
        }
    }
    stats.quotes.len().hash(h);
    stats.aliases_seen.hash(h);
    let statements = statements(d, e);
    statements.len().hash(h);
    d.entity_claims[e].len().hash(h);
    if page == 0 {
        for &c in statements.iter().take(STATEMENTS_SHOWN) {
            k.cluster[c].hash(h);
        }
        for &c in d.entity_claims[e].iter().take(CLAIMS_SHOWN) {
            super::figures::claim_key(k, d, &d.claims[c], h);
        }
        k.related[e].hash(h);
        for &(r, _) in stats.related.iter().take(RELATED_SHOWN) {
            (k.entity[r], k.related[r]).hash(h);
        }
    }
}
