//! The shapes templates see: small serialisable views of the dossier.
//!
//! Templates never see the model itself. Each view is built from the [`Dossier`] by
//! borrowing, so the names in templates are stable even when the model changes. A view
//! that holds another that many pages show (a quote's article, a statement's wordings)
//! holds it as the shared template value [`super::values::Values`] made once per build.

use serde::Serialize;
use tera::Value;

use crate::annotate::quotes::Speaker;
use crate::content::Entity;
use crate::link::{Dossier, QuoteRef};

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    /// Whether the site has an Atom feed (`feed.xml`): only with a full `base_url`.
    pub feed: bool,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub articles: usize,
    pub entities: usize,
    pub quotes: usize,
    pub clusters: usize,
    pub sources: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub date_display: &'a str,
    pub time: Option<&'a str>,
    pub source: &'a str,
    pub source_slug: &'a str,
    pub source_path: &'a str,
    /// `source_path` under the site's base path, ready for an `href`.
    pub source_href: &'a str,
    pub url: Option<&'a str>,
    pub authors: &'a [String],
    pub summary: Option<&'a str>,
    pub path: &'a str,
    /// `path` under the site's base path, ready for an `href` (what `url(path=...)`
    /// gives, without a function call in every loop).
    pub href: &'a str,
    pub mention_count: usize,
    pub quote_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub kind_label: &'static str,
    /// The section of the entity index that lists it: its kind's, or
    /// [`UNMENTIONED_SECTION`] when no article mentions it.
    pub index_section: &'static str,
    pub summary: &'a str,
    pub path: &'a str,
    pub href: &'a str,
    pub mention_count: usize,
    pub article_count: usize,
    pub source_count: usize,
}

/// The id `entities.html` gives the entity index's section of entities no article
/// mentions; the others are listed in a section per kind, whose id is the kind.
pub const UNMENTIONED_SECTION: &str = "unmentioned";

#[derive(Debug, Clone, Serialize)]
pub struct SpeakerView<'a> {
    pub name: &'a str,
    pub entity: Option<&'a str>,
    pub path: Option<&'a str>,
    pub href: Option<&'a str>,
    /// Set when the quote's own article does not name the speaker and another article's
    /// attribution of the same statement lends it (`crate::annotate::lending`).
    pub inferred: Option<InferredView<'a>>,
}

/// Where an inferred speaker was named: the attributed copy of the same statement.
#[derive(Debug, Clone, Serialize)]
pub struct InferredView<'a> {
    /// The outlet that attributed it, and its article's title.
    pub source: &'a str,
    pub title: &'a str,
    /// The attributed quote in its article (`/articles/<slug>/#q-3`), and under the
    /// site's base path.
    pub path: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView<'a> {
    pub id: String,
    pub anchor: &'a str,
    pub text: &'a str,
    /// The quote's [`SpeakerView`] (shared with every quote of the same known entity
    /// unless lent), or none.
    pub speaker: Value,
    pub cluster: Option<&'a str>,
    pub cluster_path: Option<String>,
    pub cluster_href: Option<String>,
    pub cluster_sources: usize,
    /// The article's [`ArticleSummary`].
    pub article: Value,
    pub path: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantView {
    /// The wording's [`QuoteView`].
    pub quote: Value,
    /// The wording against the statement's most common one, word by word.
    pub diff: Vec<DiffView>,
    /// Whether any word differs.
    pub differs: bool,
    pub is_representative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterView<'a> {
    pub id: &'a str,
    /// Where it is on the quote index (`/quotes/#c-3`, `/quotes/page/2/#c-612`).
    pub path: String,
    pub href: String,
    /// The statement's [`SpeakerView`], or none.
    pub speaker: Value,
    pub source_count: usize,
    pub sources: &'a [String],
    pub text: &'a str,
    pub variants: Vec<VariantView>,
    /// Its reports the quote index does not list ([`crate::link::WORDINGS_SHOWN`]).
    pub unlisted: usize,
}

pub use crate::text::{display_date, one_line};

impl Dossier {
    pub fn site_view(&self) -> SiteView<'_> {
        SiteView {
            title: &self.config.title,
            description: &self.config.description,
            base_url: &self.config.base_url,
            language: &self.config.language,
            feed: self.config.has_address(),
            counts: Counts {
                articles: self.articles.len(),
                entities: self
                    .entities
                    .iter()
                    .filter(|e| !e.mentions.is_empty())
                    .count(),
                quotes: self.quote_count(),
                clusters: self.clusters.len(),
                sources: self.sources.len(),
            },
        }
    }

    pub fn article_summary(&self, i: usize) -> ArticleSummary<'_> {
        let a = &self.articles[i];
        let art = &a.article;
        let links = &a.links;
        ArticleSummary {
            slug: &art.slug,
            title: &art.title,
            date: &links.date,
            date_display: &links.date_display,
            time: art.time.as_deref(),
            source: &art.source,
            source_slug: &links.source_slug,
            source_path: &links.source_path,
            source_href: &links.source_href,
            url: art.url.as_deref(),
            authors: &art.authors,
            summary: art.summary.as_deref(),
            path: &links.path,
            href: &links.href,
            mention_count: a.body.mentions.len(),
            quote_count: links.quote_count,
        }
    }

    pub fn entity_summary(&self, e: usize) -> EntitySummary<'_> {
        let entity: &Entity = &self.registry.entities[e];
        let stats = &self.entities[e];
        let links = &self.entity_links[e];
        EntitySummary {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.as_str(),
            kind_label: kind_label(entity.kind),
            index_section: if stats.mentions.is_empty() {
                UNMENTIONED_SECTION
            } else {
                entity.kind.as_str()
            },
            summary: &links.summary,
            path: &links.path,
            href: &links.href,
            mention_count: stats.mentions.len(),
            article_count: stats.article_count,
            source_count: stats.source_count,
        }
    }

    pub fn speaker_view<'a>(&'a self, s: &'a Speaker) -> SpeakerView<'a> {
        match s.entity {
            Some(e) => {
                let entity = &self.registry.entities[e];
                let links = &self.entity_links[e];
                SpeakerView {
                    name: &entity.name,
                    entity: Some(&entity.id),
                    path: Some(&links.path),
                    href: Some(&links.href),
                    inferred: None,
                }
            }
            None => SpeakerView {
                name: &s.name,
                entity: None,
                path: None,
                href: None,
                inferred: None,
            },
        }
    }

    /// The speaker of a quote, named in its article or lent by another's.
    pub fn quote_speaker_view(&self, r: QuoteRef) -> Option<SpeakerView<'_>> {
        let (s, from) = self.speaker_of(r)?;
        let mut view = self.speaker_view(s);
        view.inferred = from.map(|(a, q)| {
            let lender = &self.articles[a];
            let path = format!("{}#{}", lender.links.path, lender.body.quotes[q].anchor);
            InferredView {
                source: &lender.article.source,
                title: &lender.article.title,
                href: self.config.url(&path),
                path,
            }
        });
        Some(view)
    }

    /// The quote at `r`; `summary` is its article's shared summary, `speaker` its
    /// speaker's value.
    pub fn quote_view(&self, r: QuoteRef, summary: Value, speaker: Value) -> QuoteView<'_> {
        let (a, q) = r;
        let article = &self.articles[a];
        let quote = &article.body.quotes[q];
        let index = self.cluster_of[a][q];
        let cluster = index.map(|c| &self.clusters[c]);
        let cluster_path = index.map(|c| self.cluster_path(c));
        let path = format!("/articles/{}/#{}", article.article.slug, quote.anchor);
        QuoteView {
            id: format!("{}#{}", article.article.slug, quote.anchor),
            anchor: &quote.anchor,
            text: &quote.text,
            speaker,
            cluster: cluster.map(|c| c.id.as_str()),
            cluster_href: cluster_path.as_deref().map(|p| self.config.url(p)),
            cluster_path,
            cluster_sources: cluster.map_or(1, |c| c.sources.len()),
            article: summary,
            href: self.config.url(&path),
            path,
        }
    }

    /// The cluster at `index`, with every wording; `quote` gives a wording's shared
    /// value, `speaker` the statement's speaker's.
    pub fn cluster_view(
        &self,
        index: usize,
        quote: &dyn Fn(QuoteRef) -> Value,
        speaker: Value,
    ) -> ClusterView<'_> {
        let c = &self.clusters[index];
        let reference = &self.quote(c.representative).text;
        let variants = c
            .listed
            .iter()
            .map(|&r| {
                let diff = diff(reference, &self.quote(r).text);
                VariantView {
                    quote: quote(r),
                    differs: diff.iter().any(|d| d.change != "same"),
                    diff,
                    is_representative: r == c.representative,
                }
            })
            .collect();
        let path = self.cluster_path(index);
        ClusterView {
            id: &c.id,
            href: self.config.url(&path),
            path,
            speaker,
            source_count: c.sources.len(),
            sources: &c.sources,
            text: reference,
            variants,
            unlisted: c.quotes.len() - c.listed.len(),
        }
    }
}

pub fn kind_label(kind: crate::content::EntityKind) -> &'static str {
    use crate::content::EntityKind::*;
    match kind {
        Person => "Person",
        Organization => "Organisation",
        Place => "Place",
        Group => "Group",
        Event => "Event",
        Document => "Document",
        Other => "Other",
    }
}

/// A run of words of a wording compared with another.
#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    pub text: String,
    /// `same`, `added` (only in this wording) or `removed` (only in the other).
    pub change: &'static str,
}

/// `text` against `reference`, word by word.
pub fn diff(reference: &str, text: &str) -> Vec<DiffView> {
    use crate::annotate::clusters::{DiffPart, word_diff};
    if reference == text {
        return vec![DiffView {
            text: text.to_string(),
            change: "same",
        }];
    }
    word_diff(reference, text)
        .into_iter()
        .map(|part| match part {
            DiffPart::Same(text) => DiffView {
                text,
                change: "same",
            },
            DiffPart::Added(text) => DiffView {
                text,
                change: "added",
            },
            DiffPart::Removed(text) => DiffView {
                text,
                change: "removed",
            },
        })
        .collect()
}
