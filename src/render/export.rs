//! `/data/`: the whole dossier as data, version 2.
//!
//! The export is a public contract (documented in the README, described by the JSON
//! Schema [`SCHEMA`] shipped beside it as `/data/schema.json`): others build on it and
//! our own tests read it. `/data/dossier.json` is a small manifest: the version, the
//! site, the number of records of each type, and the shards that hold them. A shard is
//! a JSON Lines file (`articles-0001.jsonl`: one record a line) of at most about
//! [`SHARD_BYTES`], named by its type and number, with its size and SHA-256 hash in
//! the manifest; whatever the dossier's size, no file is large (version 1's single
//! file was 134 MB at 10,000 articles, more than a Pages branch takes).
//!
//! Record types, in this order: `article`, `entity`, `mention` (an entity's mention in
//! an article, a record of its own), `quote`, `cluster`, `figure` (a number an article
//! reports and what it counts), `claim` (the figures of several outlets about one
//! quantity). Fields are only ever added
//! within a version, never renamed or removed.
//!
//! Records are serialised in parallel, in chunks, straight from the model, and written
//! in order: at no time is the whole export in memory.

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::OutputFile;
use crate::annotate::quotes::Speaker;
use crate::link::Dossier;

/// The version of the export: the manifest's `version`.
pub const VERSION: u32 = 2;

/// A shard is closed once it holds this many bytes: a few megabytes, small enough to
/// fetch on a phone and far below any host's limit on a file.
pub const SHARD_BYTES: usize = 4 << 20;

/// The JSON Schema of the manifest and of every record type, written as
/// `/data/schema.json`.
pub const SCHEMA: &str = include_str!("export.schema.json");

#[derive(Serialize)]
struct ArticleOut<'a> {
    slug: &'a str,
    title: &'a str,
    date: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    authors: &'a [String],
    /// The article's language (BCP 47): its own, or the site's.
    language: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    path: &'a str,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    /// The entity's id.
    entity: &'a str,
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
    /// Whether the quote's own article names no speaker and this one is lent by the
    /// same statement attributed in another article.
    inferred: bool,
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

#[derive(Serialize)]
struct FigureOut<'a> {
    /// `slug#f-2`.
    id: String,
    article: &'a str,
    anchor: &'a str,
    /// As written: "some 5,000 US troops".
    text: &'a str,
    value: f64,
    /// The values the wording allows; `max` is null when it has no upper bound ("more
    /// than 4,000").
    min: f64,
    max: Option<f64>,
    qualifier: Option<crate::annotate::figures::Qualifier>,
    /// The thing counted ("troop"), or the currency and what it pays for, or the
    /// percentage and what it is of.
    unit: String,
    change: bool,
    reading: bool,
    /// So much a day or a year.
    rate: bool,
    /// Given as what is to come or what is needed: compared only with others so
    /// given.
    prospective: bool,
    event: Option<&'a str>,
    /// Entity ids of its clause.
    entities: Vec<&'a str>,
    authority: Option<&'a str>,
    in_quote: bool,
    claim: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    disagrees: bool,
    sources: usize,
    figures: Vec<String>,
}

/// A figure's id in the export: `slug#f-2`.
fn figure_id(d: &Dossier, (a, f): crate::link::claims::FigureRef) -> String {
    let art = &d.articles[a];
    format!("{}#{}", art.article.slug, art.body.figures[f].anchor)
}

fn speaker_out<'a>(d: &'a Dossier, s: &'a Speaker) -> SpeakerOut<'a> {
    match s.entity {
        Some(e) => SpeakerOut {
            entity: Some(&d.registry.entities[e].id),
            name: &d.registry.entities[e].name,
            inferred: false,
            inferred_from: None,
        },
        None => SpeakerOut {
            entity: None,
            name: &s.name,
            inferred: false,
            inferred_from: None,
        },
    }
}

/// A quote's id in the export: `slug#q-3`.
fn quote_id(d: &Dossier, (a, q): crate::link::QuoteRef) -> String {
    let art = &d.articles[a];
    format!("{}#{}", art.article.slug, art.body.quotes[q].anchor)
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    /// The JSON Schema, beside the manifest.
    schema: &'static str,
    site: SiteOut<'a>,
    counts: Counts,
    shards: Vec<Shard>,
}

#[derive(Serialize)]
struct SiteOut<'a> {
    title: &'a str,
    base_url: &'a str,
    language: &'a str,
}

#[derive(Serialize, Default)]
struct Counts {
    articles: usize,
    entities: usize,
    mentions: usize,
    quotes: usize,
    clusters: usize,
    figures: usize,
    claims: usize,
}

/// A file of records, listed in the manifest.
#[derive(Serialize)]
struct Shard {
    #[serde(rename = "type")]
    kind: &'static str,
    /// Relative to the manifest: `articles-0001.jsonl`.
    path: String,
    records: usize,
    bytes: usize,
    sha256: String,
}

/// Writes the export: each shard to `give` as soon as it is full, then the manifest and
/// the schema.
pub fn export_files(d: &Dossier, give: &mut dyn FnMut(OutputFile)) {
    let mut shards = Vec::new();
    let mut counts = Counts::default();
    let mut out = Shards {
        shards: &mut shards,
        limit: SHARD_BYTES,
        give,
    };
    counts.articles = out.records("article", "articles", d.articles.len(), 256, |i| {
        let a = &d.articles[i];
        ArticleOut {
            slug: &a.article.slug,
            title: &a.article.title,
            date: &a.links.date,
            source: &a.article.source,
            url: a.article.url.as_deref(),
            authors: &a.article.authors,
            language: a.article.language.as_deref().unwrap_or(&d.config.language),
            path: &a.links.href,
        }
    });
    counts.entities = out.records("entity", "entities", d.registry.len(), 256, |i| {
        let e = &d.registry.entities[i];
        EntityOut {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            aliases: &e.aliases,
            path: &d.entity_links[i].href,
        }
    });
    let mentions: Vec<(usize, usize, usize)> = d
        .entities
        .iter()
        .enumerate()
        .flat_map(|(e, s)| s.mentions.iter().map(move |&(a, m)| (e, a, m)))
        .collect();
    counts.mentions = out.records("mention", "mentions", mentions.len(), 256, |i| {
        let (e, a, m) = mentions[i];
        let art = &d.articles[a];
        let mention = &art.body.mentions[m];
        MentionOut {
            entity: &d.registry.entities[e].id,
            article: &art.article.slug,
            anchor: &mention.anchor,
            surface: &mention.surface,
            context: MentionContext {
                mention,
                blocks: &art.body.blocks,
            },
        }
    });
    drop(mentions);
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
    counts.quotes = out.records("quote", "quotes", quotes.len(), 256, |i| {
        let (a, q, c) = quotes[i];
        let art = &d.articles[a];
        let quote = &art.body.quotes[q];
        QuoteOut {
            id: quote_id(d, (a, q)),
            article: &art.article.slug,
            anchor: &quote.anchor,
            text: &quote.text,
            speaker: d.speaker_of((a, q)).map(|(s, from)| SpeakerOut {
                inferred: from.is_some(),
                inferred_from: from.map(|r| quote_id(d, r)),
                ..speaker_out(d, s)
            }),
            cluster: &d.clusters[c].id,
        }
    });
    counts.clusters = out.records("cluster", "clusters", d.clusters.len(), 256, |i| {
        let c = &d.clusters[i];
        ClusterOut {
            id: &c.id,
            speaker: c.speaker.as_ref().map(|s| speaker_out(d, s)),
            quotes: c.quotes.iter().map(|&r| quote_id(d, r)).collect(),
            sources: &c.sources,
        }
    });
    let figures: Vec<(usize, usize)> = d
        .articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.body.figures.len()).map(move |f| (a, f)))
        .collect();
    counts.figures = out.records("figure", "figures", figures.len(), 256, |i| {
        let (a, f) = figures[i];
        let art = &d.articles[a];
        let fig = &art.body.figures[f];
        FigureOut {
            id: figure_id(d, (a, f)),
            article: &art.article.slug,
            anchor: &fig.anchor,
            text: crate::link::claims::wording(&d.articles, (a, f)),
            value: fig.found.value,
            min: fig.found.lo,
            max: fig.found.hi.is_finite().then_some(fig.found.hi),
            qualifier: fig.found.qualifier,
            unit: fig.found.unit.label(),
            change: fig.found.change,
            reading: fig.found.is_reading(),
            rate: fig.found.rate,
            prospective: fig.found.prospective,
            event: fig.found.event,
            entities: fig
                .entities
                .iter()
                .map(|&e| d.registry.entities[e].id.as_str())
                .collect(),
            authority: fig.authority.as_ref().map(|x| x.name.as_str()),
            in_quote: fig.in_quote,
            claim: d.claim_of[a][f].map(|c| d.claims[c].id.as_str()),
        }
    });
    counts.claims = out.records("claim", "claims", d.claims.len(), 256, |i| {
        let c = &d.claims[i];
        ClaimOut {
            id: &c.id,
            disagrees: c.disagrees,
            sources: c.sources,
            figures: c.figures.iter().map(|&r| figure_id(d, r)).collect(),
        }
    });
    let manifest = Manifest {
        version: VERSION,
        schema: "schema.json",
        site: SiteOut {
            title: &d.config.title,
            base_url: &d.config.base_url,
            language: &d.config.language,
        },
        counts,
        shards,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    json.push(b'\n');
    give(OutputFile::new("data/dossier.json", json));
    give(OutputFile::new("data/schema.json", SCHEMA));
}

/// The shards written so far, and where each goes once full.
struct Shards<'a> {
    shards: &'a mut Vec<Shard>,
    /// A shard is closed once it holds this many bytes ([`SHARD_BYTES`]).
    limit: usize,
    give: &'a mut dyn FnMut(OutputFile),
}

impl Shards<'_> {
    /// Writes `item(0..n)` as records of type `kind`, one a line, into shards named
    /// `<name>-0001.jsonl` and on, serialising chunks of `chunk` items in parallel;
    /// returns `n`.
    fn records<T: Serialize>(
        &mut self,
        kind: &'static str,
        name: &str,
        n: usize,
        chunk: usize,
        item: impl Fn(usize) -> T + Sync,
    ) -> usize {
        // Chunks made in parallel before they are written: a few for every core.
        let batch_len = 4 * rayon::current_num_threads();
        let chunks = n.div_ceil(chunk);
        let mut open: Vec<u8> = Vec::new();
        let mut in_open = 0;
        for batch in (0..chunks).step_by(batch_len) {
            let made: Vec<(Vec<u8>, Vec<usize>)> = (batch..(batch + batch_len).min(chunks))
                .into_par_iter()
                .map(|c| {
                    let mut buf = Vec::new();
                    let mut ends = Vec::new();
                    for i in c * chunk..((c + 1) * chunk).min(n) {
                        serde_json::to_writer(&mut buf, &item(i)).expect("the export serialises");
                        buf.push(b'\n');
                        ends.push(buf.len());
                    }
                    (buf, ends)
                })
                .collect();
            for (buf, ends) in made {
                let mut start = 0;
                for end in ends {
                    open.extend_from_slice(&buf[start..end]);
                    start = end;
                    in_open += 1;
                    if open.len() >= self.limit {
                        self.close(kind, name, &mut open, &mut in_open);
                    }
                }
            }
        }
        if in_open > 0 {
            self.close(kind, name, &mut open, &mut in_open);
        }
        n
    }

    /// Hands the open shard on and lists it.
    fn close(&mut self, kind: &'static str, name: &str, open: &mut Vec<u8>, in_open: &mut usize) {
        let number = self.shards.iter().filter(|s| s.kind == kind).count() + 1;
        let path = format!("{name}-{number:04}.jsonl");
        let bytes = std::mem::take(open);
        self.shards.push(Shard {
            kind,
            path: path.clone(),
            records: std::mem::take(in_open),
            bytes: bytes.len(),
            sha256: base16ct::lower::encode_string(&Sha256::digest(&bytes)),
        });
        (self.give)(OutputFile::new(format!("data/{path}"), bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records fill shards in order, each closed once it reaches the limit, named by
    /// type and number, with their size, hash and record count.
    #[test]
    fn records_are_split_into_numbered_shards() {
        let mut shards = Vec::new();
        let mut files: Vec<OutputFile> = Vec::new();
        let mut give = |f: OutputFile| files.push(f);
        let mut out = Shards {
            shards: &mut shards,
            limit: 100,
            give: &mut give,
        };
        // 1,000 records of 10 bytes each ("\"r-00001\"\n"), in chunks of 7.
        assert_eq!(
            out.records("article", "articles", 1000, 7, |i| format!("r-{i:05}")),
            1000
        );
        assert_eq!(out.records("quote", "quotes", 0, 7, |i| i), 0);
        assert_eq!(out.records("cluster", "clusters", 3, 7, |i| i), 3);
        assert_eq!(shards.len(), 101);
        assert_eq!(shards[0].path, "articles-0001.jsonl");
        assert_eq!(shards[99].path, "articles-0100.jsonl");
        assert!(
            shards[..100]
                .iter()
                .all(|s| s.records == 10 && s.bytes == 100)
        );
        assert_eq!(shards[100].path, "clusters-0001.jsonl");
        assert_eq!(shards[100].records, 3);
        assert_eq!(files.len(), 101);
        assert_eq!(files[0].path, "data/articles-0001.jsonl");
        let first = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(first.starts_with("\"r-00000\"\n\"r-00001\"\n"), "{first}");
        assert!(first.ends_with("\"r-00009\"\n"), "{first}");
        let last = String::from_utf8(files[99].bytes.clone()).unwrap();
        assert!(last.ends_with("\"r-00999\"\n"), "{last}");
        assert_eq!(
            shards[0].sha256,
            base16ct::lower::encode_string(&Sha256::digest(&files[0].bytes))
        );
        assert_eq!(shards[100].sha256.len(), 64);
    }

    #[test]
    fn the_schema_is_json() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        for def in ["article", "entity", "mention", "quote", "cluster"] {
            assert!(schema["$defs"][def].is_object(), "{def}");
        }
    }
}
