//! An entity's page: what it is, its names, its quotes, every mention in its sentence
//! grouped by article, the entities mentioned with it and their graph.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, by_kind, graph_edges, graph_nodes, html, list};
use crate::link::Dossier;
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

#[derive(Serialize)]
struct MentionsInArticle<'a> {
    /// The article's [`crate::render::views::ArticleSummary`].
    article: Value,
    mentions: Vec<MentionInContext<'a>>,
}

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
    mentions_by_article: Vec<MentionsInArticle<'a>>,
    quotes: Value,
    related: Vec<Related>,
    /// Who appears with the entity, drawn by the `entity_graph` component.
    graph: Option<charts::EntityGraph<'a>>,
}

pub fn page(d: &Dossier, v: &Values, e: usize) -> Page {
    let entity = &d.registry.entities[e];
    let stats = &d.entities[e];
    let mut by_article: Vec<(usize, MentionsInArticle)> = Vec::new();
    for &(a, m) in &stats.mentions {
        let art = &d.articles[a];
        let item = MentionInContext {
            article: art,
            mention: &art.body.mentions[m],
        };
        match by_article.last_mut() {
            Some((last, group)) if *last == a => group.mentions.push(item),
            _ => by_article.push((
                a,
                MentionsInArticle {
                    article: v.article(a),
                    mentions: vec![item],
                },
            )),
        }
    }
    let view = EntityView {
        aliases: &entity.aliases,
        aliases_seen: &stats.aliases_seen,
        description: html(&d.descriptions[e]),
        links: &entity.links,
        mentions_by_article: by_article.into_iter().map(|(_, g)| g).collect(),
        quotes: list(stats.quotes.iter().map(|&r| v.quote(r))),
        related: stats
            .related
            .iter()
            .take(RELATED_SHOWN)
            .map(|&(r, count)| Related {
                entity: v.entity(r),
                count,
            })
            .collect(),
        graph: graph(d, v, e),
    };
    let mut page = Page::new(
        v,
        "entity.html",
        site_path(d, e),
        entity.name.clone(),
        if entity.description.is_empty() {
            format!("{} in this dossier", entity.name)
        } else {
            one_line(&entity.description)
        },
    );
    page.set(
        "entity",
        &Extended {
            base: &v.entity(e),
            extra: view,
        },
    );
    page
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

/// What the page shows: the entity, each article that mentions it and those mentions,
/// its quotes, and the entities around it with their own co-mentions (the graph).
pub fn key(k: &Fingerprints, d: &Dossier, e: usize, h: &mut PageHasher) {
    k.entity[e].hash(h);
    let stats = &d.entities[e];
    let mut last = usize::MAX;
    for &(a, _) in &stats.mentions {
        if a != last {
            k.listed(d, a, h);
            k.fact(d, a).mentions_of(e).hash(h);
            last = a;
        }
    }
    for &(a, q) in &stats.quotes {
        k.listed(d, a, h);
        (q, k.fact(d, a).quotes, k.quote_clusters[a]).hash(h);
    }
    k.related[e].hash(h);
    for &(r, _) in stats.related.iter().take(RELATED_SHOWN) {
        (k.entity[r], k.related[r]).hash(h);
    }
    stats.aliases_seen.hash(h);
}
