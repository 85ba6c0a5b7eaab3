//! `/data/dossier.json`: the whole dossier as data, version 1.
//!
//! The schema is a public contract (documented in the README and in DESIGN.md): others
//! build on it and our own tests read it. Fields are only ever added, never renamed.

use serde::Serialize;

use crate::annotate::quotes::Speaker;
use crate::index::Dossier;

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    site: Site<'a>,
    articles: Vec<ArticleOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    clusters: Vec<ClusterOut<'a>>,
}

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    source: &'a str,
    url: Option<&'a str>,
    authors: &'a [String],
    path: String,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    path: String,
    mentions: Vec<MentionOut<'a>>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    anchor: &'a str,
    surface: &'a str,
    context: String,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    entity: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: String,
    article: &'a str,
    anchor: &'a str,
    text: &'a str,
    speaker: Option<SpeakerOut<'a>>,
    cluster: &'a str,
}

#[derive(Serialize)]
struct ClusterOut<'a> {
    id: &'a str,
    speaker: Option<SpeakerOut<'a>>,
    quotes: Vec<String>,
    sources: &'a [String],
}

fn speaker_out<'a>(d: &'a Dossier, s: &'a Speaker) -> SpeakerOut<'a> {
    match s.entity {
        Some(e) => SpeakerOut {
            entity: Some(&d.registry.entities[e].id),
            name: &d.registry.entities[e].name,
        },
        None => SpeakerOut {
            entity: None,
            name: &s.name,
        },
    }
}

/// Serialises the dossier as the version 1 JSON export.
pub fn export_json(d: &Dossier) -> Vec<u8> {
    let articles = d
        .articles
        .iter()
        .map(|a| ArticleOut {
            slug: &a.article.slug,
            title: &a.article.title,
            date: a.article.date.to_string(),
            source: &a.article.source,
            url: a.article.url.as_deref(),
            authors: &a.article.authors,
            path: d.config.url(&format!("/articles/{}/", a.article.slug)),
        })
        .collect();
    let entities = d
        .registry
        .entities
        .iter()
        .zip(&d.entities)
        .map(|(e, stats)| EntityOut {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            aliases: &e.aliases,
            path: d.config.url(&format!("/entities/{}/", e.id)),
            mentions: stats
                .mentions
                .iter()
                .map(|&(a, m)| {
                    let art = &d.articles[a];
                    let m = &art.body.mentions[m];
                    MentionOut {
                        article: &art.article.slug,
                        anchor: &m.anchor,
                        surface: &m.surface,
                        context: format!("{}{}{}", m.before, m.surface, m.after)
                            .trim()
                            .to_string(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut quotes = Vec::new();
    for (ai, a) in d.articles.iter().enumerate() {
        for (qi, q) in a.body.quotes.iter().enumerate() {
            let Some(c) = d.cluster_of[ai][qi] else {
                continue;
            };
            quotes.push(QuoteOut {
                id: format!("{}#{}", a.article.slug, q.anchor),
                article: &a.article.slug,
                anchor: &q.anchor,
                text: &q.text,
                speaker: q.speaker.as_ref().map(|s| speaker_out(d, s)),
                cluster: &d.clusters[c].id,
            });
        }
    }
    let clusters = d
        .clusters
        .iter()
        .map(|c| ClusterOut {
            id: &c.id,
            speaker: c.speaker.as_ref().map(|s| speaker_out(d, s)),
            quotes: c
                .quotes
                .iter()
                .map(|&(a, q)| {
                    format!(
                        "{}#{}",
                        d.articles[a].article.slug, d.articles[a].body.quotes[q].anchor
                    )
                })
                .collect(),
            sources: &c.sources,
        })
        .collect();
    let export = Export {
        version: 1,
        site: Site {
            title: &d.config.title,
            base_url: &d.config.base_url,
        },
        articles,
        entities,
        quotes,
        clusters,
    };
    let mut out = serde_json::to_vec(&export).expect("the export serialises");
    out.push(b'\n');
    out
}
