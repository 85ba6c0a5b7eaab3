//! Page keys: hashes of what each page is rendered from, so that `serve` renders again
//! only the pages whose inputs changed.
//!
//! Two levels. [`ArticleFacts`] are hashes of one article's analysis (its summary, its
//! mentions of each entity, its quotes), computed once when the article is analysed,
//! with SipHash. [`FpParts`] are the site-wide parts (the site view and its counts, each
//! entity's counts and co-mentions, each quote cluster), computed once per link. A
//! page's key combines the parts and facts its context is built from; each page
//! module's `key` says which, beside the function that builds the context, with the same
//! constants. Keys use a fast hasher since they run over every page of the site.
//! Whatever a page shows of the dossier as a whole (the list of outlets, the co-mention
//! graphs drawn from other entities' co-mentions) is in its key too, even when the edit
//! that changes it touches nothing else the page shows.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::{PageId, article, entities, entity, figures, fixed, home, quotes, sources, timeline};
use crate::analyse::AnalysedArticle;
use crate::analyse::dates::DatedEvent;
use crate::link::Dossier;

/// Hashes of one article's analysis, computed when it is analysed.
#[derive(Debug, Clone)]
pub struct ArticleFacts {
    /// Unique per analysis: a new analysis of the same slug gets a new version.
    pub version: u64,
    /// What `Dossier::article_summary` shows.
    pub summary: u64,
    /// The quotes and terms: anchors, text, speakers.
    pub quotes: u64,
    /// For each entity the article mentions (sorted), a hash of those mentions.
    pub mentions: Vec<(usize, u64)>,
    /// The entities of the mentions, in order.
    pub entity_sequence: u64,
    /// The dated events the text reports, as the timeline shows them.
    pub events: u64,
}

impl ArticleFacts {
    pub fn of(a: &AnalysedArticle, version: u64) -> ArticleFacts {
        let art = &a.article;
        let summary = hash_of(&(
            &art.slug,
            &art.title,
            art.date.to_string(),
            &art.time,
            &art.source,
            &art.url,
            &art.authors,
            &art.summary,
            a.body.mentions.len(),
            a.links.quote_count,
        ));
        let mut h = FpHasher::default();
        for q in &a.body.quotes {
            (&q.anchor, &q.text, q.is_term, q.corrected).hash(&mut h);
            q.speaker.as_ref().map(|s| (&s.name, s.entity)).hash(&mut h);
        }
        let quotes = h.finish();
        let mut by_entity: BTreeMap<usize, FpHasher> = BTreeMap::new();
        for m in &a.body.mentions {
            let h = by_entity.entry(m.entity).or_default();
            (&m.anchor, &m.surface, m.context(&a.body.blocks), m.block).hash(h);
        }
        let entity_sequence =
            hash_of(&a.body.mentions.iter().map(|m| m.entity).collect::<Vec<_>>());
        let mut h = FpHasher::default();
        for DatedEvent { event: ev, anchor } in &a.body.events {
            // The period, part and relation place it on the timeline; the display is
            // what it says there.
            (
                ev.sort_key(),
                ev.display(),
                &ev.text,
                ev.block,
                ev.offset,
                anchor,
            )
                .hash(&mut h);
        }
        let events = h.finish();
        ArticleFacts {
            version,
            events,
            summary,
            quotes,
            entity_sequence,
            mentions: by_entity
                .into_iter()
                .map(|(e, h)| (e, h.finish()))
                .collect(),
        }
    }

    pub(super) fn mentions_of(&self, entity: usize) -> u64 {
        self.mentions
            .binary_search_by_key(&entity, |&(e, _)| e)
            .map_or(0, |i| self.mentions[i].1)
    }
}

/// Hashes article content once per analysis (SipHash: well mixed, and only run on the
/// articles that changed).
type FpHasher = std::hash::DefaultHasher;

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut h = FpHasher::default();
    value.hash(&mut h);
    h.finish()
}

fn page_hash_of<T: Hash>(value: &T) -> u64 {
    let mut h = PageHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// Combines the per-article hashes into page keys on every rebuild: mostly `u64`s, so
/// a multiply-rotate hasher is enough, and several times faster than SipHash.
pub type PageHasher = rustc_hash::FxHasher;

/// The site-wide and per-cluster hashes that page fingerprints are made of, computed
/// once per link (they change only when the dossier is linked again).
#[derive(Clone)]
pub struct FpParts {
    /// What every page shows: the site view (with its counts) and the theme.
    global: u64,
    /// Per entity: what `Dossier::entity_summary` shows that can change.
    entity: Vec<u64>,
    /// Per entity: its co-mentions, which the graphs of who appears with whom draw.
    related: Vec<u64>,
    /// Per cluster: everything its view shows.
    cluster: Vec<u64>,
    /// Per article (dossier order): its summary hash.
    summary: Vec<u64>,
    /// Per article: the cluster id and size of each of its quotes, and the speaker lent
    /// to it.
    quote_clusters: Vec<u64>,
}

impl FpParts {
    pub fn new(d: &Dossier, facts: &HashMap<String, ArticleFacts>, theme: u64) -> Self {
        let site = d.site_view();
        let global = page_hash_of(&(
            site.title,
            site.description,
            site.base_url,
            site.language,
            site.counts.articles,
            site.counts.entities,
            site.counts.quotes,
            site.counts.clusters,
            site.counts.sources,
            &d.config.base_path,
            theme,
        ));
        let facts: Vec<&ArticleFacts> =
            d.articles.iter().map(|a| &facts[&a.article.slug]).collect();
        let summary: Vec<u64> = facts.iter().map(|f| f.summary).collect();
        let entity = d
            .entities
            .iter()
            .map(|s| page_hash_of(&(s.mentions.len(), s.article_count, s.source_count)))
            .collect();
        let related = d
            .entities
            .iter()
            .map(|s| page_hash_of(&s.related))
            .collect();
        let cluster = d
            .clusters
            .par_iter()
            .map(|c| {
                let mut h = PageHasher::default();
                (
                    &c.id,
                    &c.sources,
                    c.speaker.as_ref().map(|s| (&s.name, s.entity)),
                )
                    .hash(&mut h);
                for &(a, q) in &c.quotes {
                    let f = facts[a];
                    (q, f.summary, f.quotes).hash(&mut h);
                    lent(d, (a, q), &mut h);
                }
                let (ra, rq) = c.representative;
                (summary[ra], rq).hash(&mut h);
                h.finish()
            })
            .collect();
        let quote_clusters = d
            .cluster_of
            .iter()
            .enumerate()
            .map(|(a, of)| {
                let mut h = PageHasher::default();
                for (q, c) in of.iter().enumerate() {
                    c.map(|c| {
                        let c = &d.clusters[c];
                        (&c.id, c.sources.len(), c.lists((a, q)))
                    })
                    .hash(&mut h);
                    lent(d, (a, q), &mut h);
                }
                h.finish()
            })
            .collect();
        FpParts {
            global,
            entity,
            related,
            cluster,
            summary,
            quote_clusters,
        }
    }
}

/// What pages show of the speaker lent to a quote: who, and the quote that lends it.
fn lent(d: &Dossier, (a, q): (usize, usize), h: &mut impl Hasher) {
    d.lent_from[a][q]
        .map(|(la, lq)| {
            let lender = &d.articles[la];
            (
                &lender.article.slug,
                &lender.article.source,
                &lender.article.title,
                &lender.body.quotes[lq].anchor,
                d.quote((la, lq))
                    .speaker
                    .as_ref()
                    .map(|s| (&s.name, s.entity)),
            )
        })
        .hash(h);
}

/// The outlets as lists and charts of them show them: names and addresses, in order.
pub(super) fn sources(d: &Dossier, h: &mut PageHasher) {
    for s in &d.sources {
        (&s.name, &s.slug).hash(h);
    }
}

/// Page fingerprints: the site-wide parts plus each article's facts.
pub struct Fingerprints<'a> {
    /// Per article (dossier order), or empty to look them up by slug.
    pub(super) facts: Vec<&'a ArticleFacts>,
    pub(super) by_slug: &'a HashMap<String, ArticleFacts>,
    pub(super) global: u64,
    pub(super) entity: &'a [u64],
    pub(super) related: &'a [u64],
    pub(super) cluster: &'a [u64],
    pub(super) summary: &'a [u64],
    pub(super) quote_clusters: &'a [u64],
    /// What every page of a paged timeline or quote index shares, computed once for
    /// all of them: each would otherwise hash every article.
    pub(super) timeline: std::sync::OnceLock<u64>,
    pub(super) quotes: std::sync::OnceLock<u64>,
}

impl<'a> Fingerprints<'a> {
    /// For fingerprinting every page: the facts in dossier order.
    pub fn new(d: &Dossier, facts: &'a HashMap<String, ArticleFacts>, parts: &'a FpParts) -> Self {
        let mut fps = Fingerprints::lookup(d, facts, parts);
        fps.facts = d.articles.iter().map(|a| &facts[&a.article.slug]).collect();
        fps
    }

    /// For fingerprinting a few pages: facts looked up as needed.
    pub fn lookup(
        _d: &Dossier,
        facts: &'a HashMap<String, ArticleFacts>,
        parts: &'a FpParts,
    ) -> Self {
        Fingerprints {
            facts: Vec::new(),
            by_slug: facts,
            global: parts.global,
            entity: &parts.entity,
            related: &parts.related,
            cluster: &parts.cluster,
            summary: &parts.summary,
            quote_clusters: &parts.quote_clusters,
            timeline: std::sync::OnceLock::new(),
            quotes: std::sync::OnceLock::new(),
        }
    }

    pub(super) fn fact(&self, d: &Dossier, i: usize) -> &ArticleFacts {
        match self.facts.get(i) {
            Some(f) => f,
            None => &self.by_slug[&d.articles[i].article.slug],
        }
    }

    /// Every source and what lists show of every article, with (for the timeline) the
    /// dates each article's text reports.
    pub(super) fn listing(&self, d: &Dossier, events: bool) -> u64 {
        let mut h = PageHasher::default();
        sources(d, &mut h);
        for i in 0..d.articles.len() {
            self.listed(d, i, &mut h);
            if events {
                self.fact(d, i).events.hash(&mut h);
            }
        }
        h.finish()
    }

    /// What a list of articles shows of article `i` (its summary hash covers the slug).
    pub(super) fn listed(&self, _d: &Dossier, i: usize, h: &mut PageHasher) {
        self.summary[i].hash(h);
    }

    /// The fingerprint of one page's inputs.
    pub fn page(&self, d: &Dossier, id: PageId) -> u64 {
        let mut h = PageHasher::default();
        self.global.hash(&mut h);
        // The kind of page, not its index: an article page whose neighbours did not
        // change stays as it is when an article is added before it.
        std::mem::discriminant(&id).hash(&mut h);
        match id {
            PageId::Home => home::key(self, d, &mut h),
            PageId::Article(i) => article::key(self, d, i, &mut h),
            PageId::Entities => entities::key(self, &mut h),
            PageId::Entity(e, p) => entity::key(self, d, e, p, &mut h),
            PageId::Quotes | PageId::QuotesPage(_) => quotes::key(self, d, id, &mut h),
            PageId::Figures => figures::key(self, d, &mut h),
            PageId::Sources => sources::index_key(self, d, &mut h),
            PageId::Source(s, p) => sources::key(self, d, s, p, &mut h),
            PageId::Timeline | PageId::TimelineMonth(..) => timeline::key(self, d, id, &mut h),
            PageId::Search | PageId::NotFound => fixed::key(),
        }
        h.finish()
    }

    /// The fingerprint of everything the data files (JSON export, feed, sitemap) show.
    pub fn data(&self, d: &Dossier) -> u64 {
        let mut h = PageHasher::default();
        self.global.hash(&mut h);
        for i in 0..d.articles.len() {
            (&d.articles[i].article.slug, self.fact(d, i).version).hash(&mut h);
        }
        self.cluster.hash(&mut h);
        for s in &d.sources {
            s.slug.hash(&mut h);
        }
        d.config.cname.hash(&mut h);
        h.finish()
    }
}
