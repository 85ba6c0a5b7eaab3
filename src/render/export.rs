//! `/data/dossier.json`: the whole dossier as data, version 1.
//!
//! The schema is a public contract (documented in the README and in DESIGN.md): others
//! build on it and our own tests read it. Fields are only ever added, never renamed.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::quotes::Speaker;
use crate::link::Dossier;

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    slug: &'a str,
    title: &'a str,
    date: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    authors: &'a [String],
    path: &'a str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    path: &'a str,
    mentions: MentionsOut<'a>,
}

/// An entity's mentions, serialised as they are visited rather than collected first:
/// there are millions in a large dossier.
struct MentionsOut<'a> {
    d: &'a Dossier,
    mentions: &'a [(usize, usize)],
}

impl Serialize for MentionsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        serializer.collect_seq(self.mentions.iter().map(|&(a, m)| {
            let art = &d.articles[a];
            let m = &art.body.mentions[m];
            MentionOut {
                article: &art.article.slug,
                anchor: &m.anchor,
                surface: &m.surface,
                context: MentionContext {
                    mention: m,
                    blocks: &art.body.blocks,
                },
            }
        }))
    }
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    anchor: &'a str,
    surface: &'a str,
    context: MentionContext<'a>,
}

/// A mention's sentence, as shown on its entity page, trimmed.
struct MentionContext<'a> {
    mention: &'a crate::analyse::body::Mention,
    blocks: &'a [crate::annotate::TextBlock],
}

impl Serialize for MentionContext<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (before, after) = self.mention.context(self.blocks);
        let text = [before.as_ref(), &self.mention.surface, after.as_ref()].concat();
        serializer.serialize_str(text.trim())
    }
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    entity: Option<&'a str>,
    name: &'a str,
    /// For a speaker the quote's article does not name, lent by the same statement's
    /// attribution in another article: that quote's id (`slug#q-3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred_from: Option<String>,
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
            inferred_from: None,
        },
        None => SpeakerOut {
            entity: None,
            name: &s.name,
            inferred_from: None,
        },
    }
}

/// A quote's id in the export: `slug#q-3`.
fn quote_id(d: &Dossier, (a, q): crate::link::QuoteRef) -> String {
    let art = &d.articles[a];
    format!("{}#{}", art.article.slug, art.body.quotes[q].anchor)
}

/// Serialises the dossier as the version 1 JSON export (compact, one line).
pub fn export_json(d: &Dossier) -> Vec<u8> {
    let mut out = Vec::new();
    export_json_to(d, &mut out).expect("writing to memory");
    out
}

/// Writes the JSON export to `out` as it is made.
///
/// Each top-level list is serialised in parallel, in chunks, straight from the model,
/// and written in order, a few chunks at a time: the bytes are those of serialising it
/// in one go, and at no time is the whole export in memory (at 100,000 articles it is
/// over a gigabyte).
pub fn export_json_to(d: &Dossier, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"{\"version\":1,\"site\":")?;
    let site = Site {
        title: &d.config.title,
        base_url: &d.config.base_url,
    };
    serde_json::to_writer(&mut *out, &site)?;
    out.write_all(b",\"articles\":")?;
    json_array(out, d.articles.len(), 256, |i| {
        let a = &d.articles[i];
        ArticleOut {
            slug: &a.article.slug,
            title: &a.article.title,
            date: &a.links.date,
            source: &a.article.source,
            url: a.article.url.as_deref(),
            authors: &a.article.authors,
            path: &a.links.href,
        }
    })?;
    out.write_all(b",\"entities\":")?;
    // An entity carries all its mentions: a few hundred kilobytes for the most named.
    json_array(out, d.registry.len(), 8, |i| {
        let e = &d.registry.entities[i];
        EntityOut {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            aliases: &e.aliases,
            path: &d.entity_links[i].href,
            mentions: MentionsOut {
                d,
                mentions: &d.entities[i].mentions,
            },
        }
    })?;
    let quotes: Vec<(usize, usize, usize)> = d
        .cluster_of
        .iter()
        .enumerate()
        .flat_map(|(a, qs)| {
            qs.iter()
                .enumerate()
                .filter_map(move |(q, c)| c.map(|c| (a, q, c)))
        })
        .collect();
    out.write_all(b",\"quotes\":")?;
    json_array(out, quotes.len(), 256, |i| {
        let (a, q, c) = quotes[i];
        let art = &d.articles[a];
        let quote = &art.body.quotes[q];
        QuoteOut {
            id: quote_id(d, (a, q)),
            article: &art.article.slug,
            anchor: &quote.anchor,
            text: &quote.text,
            speaker: d.speaker_of((a, q)).map(|(s, from)| SpeakerOut {
                inferred_from: from.map(|r| quote_id(d, r)),
                ..speaker_out(d, s)
            }),
            cluster: &d.clusters[c].id,
        }
    })?;
    out.write_all(b",\"clusters\":")?;
    json_array(out, d.clusters.len(), 256, |i| {
        let c = &d.clusters[i];
        ClusterOut {
            id: &c.id,
            speaker: c.speaker.as_ref().map(|s| speaker_out(d, s)),
            quotes: c.quotes.iter().map(|&r| quote_id(d, r)).collect(),
            sources: &c.sources,
        }
    })?;
    out.write_all(b"}\n")
}

/// Writes the JSON array of `item(0..n)` to `out`, serialising chunks of `chunk`
/// items in parallel.
fn json_array<T: Serialize>(
    out: &mut dyn Write,
    n: usize,
    chunk: usize,
    item: impl Fn(usize) -> T + Sync,
) -> std::io::Result<()> {
    // Chunks made in parallel before they are written: a few for every core.
    let batch_len = 4 * rayon::current_num_threads();
    out.write_all(b"[")?;
    let chunks = n.div_ceil(chunk);
    for batch in (0..chunks).step_by(batch_len) {
        let made: Vec<Vec<u8>> = (batch..(batch + batch_len).min(chunks))
            .into_par_iter()
            .map(|c| {
                let mut buf = Vec::new();
                for i in c * chunk..((c + 1) * chunk).min(n) {
                    if i > 0 {
                        buf.push(b',');
                    }
                    serde_json::to_writer(&mut buf, &item(i)).expect("the export serialises");
                }
                buf
            })
            .collect();
        for chunk in made {
            out.write_all(&chunk)?;
        }
    }
    out.write_all(b"]")
}
