//! Linking across articles: the stage that turns analysed articles into a dossier.
//!
//! Everything here is derived, cheap to recompute, and deterministic: entity statistics
//! (mentions, sources, co-mentions in the same paragraph), quote clusters and the
//! speakers they lend to unattributed copies (`crate::annotate::lending`), sources and
//! the article order, the pages of the quote index and of the timeline
//! ([`timeline`]). Once statements are clustered, each article's quote links are
//! pointed at the quote index page that shows their statement ([`point_quote_links`]).
//! Pages are rendered from the [`Dossier`] alone.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::analyse::AnalysedArticle;
use crate::annotate::clusters::{ClusterItem, cluster};
use crate::annotate::lending::{lend, text_names};
use crate::annotate::quotes::Speaker;
use crate::config::Config;
use crate::content::{Intro, Registry};
pub mod claims;
pub mod timeline;

/// Statements on one page of the quote index at most; more make more pages
/// (`/quotes/page/2/`), most widely reported first.
pub const CLUSTERS_PER_PAGE: usize = 500;

/// Wordings on one page of the quote index at most (a page has at least one
/// statement): the most widely reported statements have dozens each, and a page of 500
/// of them would run to megabytes.
pub const WORDINGS_PER_PAGE: usize = 200;

/// How many of one statement's reports the quote index lists at most: a statement
/// carried by hundreds of articles would otherwise fill a page of its own beyond any
/// size. Its fullest wording comes first, then those worded differently, then those in
/// the same words; the rest are counted.
pub const WORDINGS_SHOWN: usize = 100;

/// An entity's addresses and one-line summary, made once rather than for each page
/// that lists the entity.
#[derive(Debug, Clone)]
pub struct EntityLinks {
    /// `/entities/<id>/`, and under the site's base path.
    pub path: String,
    pub href: String,
    /// The first sentence of its description, as plain text.
    pub summary: String,
}

impl EntityLinks {
    fn of(entity: &crate::content::Entity, config: &Config) -> Self {
        let path = format!("/entities/{}/", entity.id);
        EntityLinks {
            href: config.url(&path),
            path,
            summary: crate::text::one_line(&entity.description),
        }
    }
}

/// A reference to one quote: (article index, index into that article's `quotes`).
pub type QuoteRef = (usize, usize);

/// What the dossier knows about one registry entity.
#[derive(Debug, Clone, Default)]
pub struct EntityStats {
    /// (article index, mention index), in article order.
    pub mentions: Vec<(usize, usize)>,
    pub article_count: usize,
    pub source_count: usize,
    /// Surface forms seen in the text, most frequent first.
    pub aliases_seen: Vec<String>,
    /// Quotes this entity is the speaker of, named or lent ([`Dossier::lent_from`]), in
    /// article order.
    pub quotes: Vec<QuoteRef>,
    /// Entities mentioned in the same paragraphs, with the number of shared paragraphs,
    /// most frequent first.
    pub related: Vec<(usize, usize)>,
    /// The articles that mention it or carry its quotes, in article order: what its
    /// page lists, a page at a time.
    pub articles: Vec<usize>,
}

/// The same statement as reported by one or more articles.
#[derive(Debug, Clone)]
pub struct QuoteCluster {
    /// `c-N`, numbered in the order of the quote index.
    pub id: String,
    /// Members in article order.
    pub quotes: Vec<QuoteRef>,
    pub speaker: Option<Speaker>,
    /// Outlets that carry it, sorted.
    pub sources: Vec<String>,
    /// The fullest wording, shown first and compared against.
    pub representative: QuoteRef,
    /// The members the quote index lists, in article order: all of them, or for a
    /// statement reported more than [`WORDINGS_SHOWN`] times, that many
    /// ([`listed_wordings`]). The others' quote links point at the statement.
    pub listed: Vec<QuoteRef>,
}

impl QuoteCluster {
    /// Whether the quote index lists this member with an anchor of its own.
    pub fn lists(&self, r: QuoteRef) -> bool {
        self.listed.binary_search(&r).is_ok()
    }
}

/// One outlet.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub slug: String,
    /// Article indices, in dossier order.
    pub articles: Vec<usize>,
}

/// The linked dossier: everything the renderer needs.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub config: Config,
    pub registry: Registry,
    /// Newest first, then by title.
    pub articles: Vec<AnalysedArticle>,
    pub intro: Intro,
    pub intro_html: String,
    /// Rendered entity descriptions, by registry index.
    pub descriptions: Vec<String>,
    /// By registry index.
    pub entities: Vec<EntityStats>,
    /// By registry index.
    pub entity_links: Vec<EntityLinks>,
    /// Quantities reported by more than one outlet, disagreements first.
    pub claims: Vec<claims::Claim>,
    /// For each article, for each of its figures, the index of its claim.
    pub claim_of: Vec<Vec<Option<usize>>>,
    /// By registry index: the claims of which a figure names the entity, in order.
    pub entity_claims: Vec<Vec<usize>>,
    /// Most widely reported first.
    pub clusters: Vec<QuoteCluster>,
    /// For each article, for each of its quotes, the index of its cluster (terms: none).
    pub cluster_of: Vec<Vec<Option<usize>>>,
    /// For each article, for each of its quotes, the attributed copy of the same
    /// statement in another article that lends it its speaker, when it names none.
    pub lent_from: Vec<Vec<Option<QuoteRef>>>,
    /// Sorted by name.
    pub sources: Vec<Source>,
    /// Where each page of the quote index starts ([`quote_page_starts`]).
    pub quote_page_starts: Vec<usize>,
    /// The months of the timeline with a page each; empty when it fits on one page.
    pub timeline_months: Vec<timeline::TimelineMonth>,
    /// Every period of the timeline with its articles and events ([`timeline::timeline_groups`]).
    pub timeline_groups: Vec<timeline::TimelineGroup>,
}

impl Dossier {
    /// Links analysed articles into a dossier.
    pub fn link(
        config: Config,
        registry: Registry,
        mut articles: Vec<AnalysedArticle>,
        intro: Intro,
        intro_html: String,
        descriptions: Vec<String>,
    ) -> Dossier {
        articles.sort_by(|a, b| {
            (b.article.date, &b.article.time)
                .cmp(&(a.article.date, &a.article.time))
                .then_with(|| a.article.title.cmp(&b.article.title))
                .then_with(|| a.article.slug.cmp(&b.article.slug))
        });
        let (mut entities, (linked, sources)) = rayon::join(
            || {
                let t = crate::timings::Timer::start();
                let r = entity_stats(&registry, &articles);
                t.lap("entity stats");
                r
            },
            || {
                let t = crate::timings::Timer::start();
                let c = link_clusters(&articles);
                t.lap("clusters");
                (c, link_sources(&articles))
            },
        );
        let LinkedQuotes {
            clusters,
            cluster_of,
            lent_from,
        } = linked;
        add_lent_quotes(&mut entities, &articles, &lent_from);
        for e in &mut entities {
            e.articles = listed_articles(e);
        }
        let t = crate::timings::Timer::start();
        let claims = claims::link_claims(&articles, &registry, &config.figures);
        let claim_of = claims::claim_of(&articles, &claims);
        let entity_claims = claims::entity_claims(&articles, &claims, registry.len());
        let figure_links = claims::figure_links(&articles, &claims, &config);
        articles.par_iter_mut().enumerate().for_each(|(a, art)| {
            art.body
                .point_figure_links(|f, _| figure_links.get(&(a, f)).cloned().unwrap_or_default())
        });
        t.lap("claims");
        let timeline_months = timeline::timeline_months(&articles);
        let timeline_groups = timeline::timeline_groups(&articles);
        let entity_links = registry
            .entities
            .iter()
            .map(|e| EntityLinks::of(e, &config))
            .collect();
        let quote_page_starts = quote_page_starts(&clusters);
        articles
            .par_iter_mut()
            .zip(&cluster_of)
            .enumerate()
            .for_each(|(i, (a, of))| {
                point_quote_links(a, i, of, &clusters, &quote_page_starts, &config)
            });
        Dossier {
            entity_links,
            config,
            registry,
            articles,
            intro,
            intro_html,
            descriptions,
            entities,
            timeline_months,
            timeline_groups,
            claims,
            claim_of,
            entity_claims,
            clusters,
            cluster_of,
            lent_from,
            sources,
            quote_page_starts,
        }
    }

    /// Pages of the quote index: one, or more ([`quote_page_starts`]).
    pub fn quote_pages(&self) -> usize {
        self.quote_page_starts.len()
    }

    /// The statements (indices into `clusters`) on quote index page `page` (0-based).
    pub fn quote_page_clusters(&self, page: usize) -> std::ops::Range<usize> {
        let start = self.quote_page_starts[page];
        let end = self
            .quote_page_starts
            .get(page + 1)
            .copied()
            .unwrap_or(self.clusters.len());
        start..end
    }

    /// The site path of quote index page `page` (0-based).
    pub fn quote_page_path(&self, page: usize) -> String {
        quote_page_path(page)
    }

    /// The quote index page (0-based) of the cluster at `index`.
    pub fn cluster_page(&self, index: usize) -> usize {
        cluster_page(&self.quote_page_starts, index)
    }

    /// Where the cluster at `index` is on the quote index.
    pub fn cluster_path(&self, index: usize) -> String {
        format!(
            "{}#{}",
            self.quote_page_path(self.cluster_page(index)),
            self.clusters[index].id
        )
    }

    pub fn quote(&self, (a, q): QuoteRef) -> &crate::analyse::body::Quote {
        &self.articles[a].body.quotes[q]
    }

    /// A quote's speaker: its own, or the one lent to it with the quote that lends it.
    pub fn speaker_of(&self, r: QuoteRef) -> Option<(&Speaker, Option<QuoteRef>)> {
        match self.lent_from[r.0][r.1] {
            Some(from) => self.quote(from).speaker.as_ref().map(|s| (s, Some(from))),
            None => self.quote(r).speaker.as_ref().map(|s| (s, None)),
        }
    }

    /// Number of quotes (not terms) in the dossier.
    pub fn quote_count(&self) -> usize {
        self.articles.iter().map(|a| a.links.quote_count).sum()
    }
}

/// The site path of quote index page `page` (0-based).
fn quote_page_path(page: usize) -> String {
    paged_path("/quotes/", page)
}

/// The site path of page `page` (0-based) of the list at `list` (`/quotes/`): the
/// list's own path, then `<list>page/<n>/` from the second page on.
pub fn paged_path(list: &str, page: usize) -> String {
    match page {
        0 => list.to_string(),
        p => format!("{list}page/{}/", p + 1),
    }
}

/// The quote index page (0-based) of the cluster at `index`, given where each page
/// starts.
fn cluster_page(starts: &[usize], index: usize) -> usize {
    starts.partition_point(|&s| s <= index).saturating_sub(1)
}

/// Where each page of the quote index starts (the index of its first statement): a
/// page takes statements, most widely reported first, until it holds
/// [`CLUSTERS_PER_PAGE`] of them or [`WORDINGS_PER_PAGE`] wordings; the first page,
/// which also carries the chart and the index by speaker, half as many. The first
/// page starts at 0, even with no statement.
pub fn quote_page_starts(clusters: &[QuoteCluster]) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut statements, mut wordings) = (0, 0);
    for (i, c) in clusters.iter().enumerate() {
        let share = if starts.len() == 1 { 2 } else { 1 };
        if statements > 0
            && (statements == CLUSTERS_PER_PAGE / share
                || wordings + c.listed.len() > WORDINGS_PER_PAGE / share)
        {
            starts.push(i);
            (statements, wordings) = (0, 0);
        }
        statements += 1;
        wordings += c.listed.len();
    }
    starts
}

/// Points an article's quote links at the quote index page that shows each quote's
/// statement (`of`: the cluster of each of its quotes, among `clusters`): at the quote's
/// own wording there, or at the statement when the index does not list that report
/// ([`WORDINGS_SHOWN`]). Analysis, which runs before quotes are clustered, points them
/// all at the first page.
pub fn point_quote_links(
    a: &mut AnalysedArticle,
    index: usize,
    of: &[Option<usize>],
    clusters: &[QuoteCluster],
    page_starts: &[usize],
    config: &Config,
) {
    let slug = &a.article.slug;
    a.body.point_quote_links(|q, quote| {
        let Some(c) = of.get(q).copied().flatten() else {
            return config.url(&format!("{}#{slug}-{}", quote_page_path(0), quote.anchor));
        };
        let page = quote_page_path(cluster_page(page_starts, c));
        let cluster = &clusters[c];
        if cluster.lists((index, q)) {
            config.url(&format!("{page}#{slug}-{}", quote.anchor))
        } else {
            config.url(&format!("{page}#{}", cluster.id))
        }
    });
}

fn entity_stats(registry: &Registry, articles: &[AnalysedArticle]) -> Vec<EntityStats> {
    // Plain vectors rather than hash sets: this runs on every rebuild of `serve`, over
    // every mention of every article. Articles are visited in order, so "a new article
    // for this entity" is a comparison with the last one seen.
    let n = registry.len();
    let mut stats = vec![EntityStats::default(); n];
    let mut source_ids: HashMap<&str, usize> = HashMap::new();
    let article_source: Vec<usize> = articles
        .iter()
        .map(|a| {
            let next = source_ids.len();
            *source_ids.entry(a.article.source.as_str()).or_insert(next)
        })
        .collect();
    let mut last_article: Vec<usize> = vec![usize::MAX; n];
    let mut sources: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut surfaces: Vec<Vec<(&str, usize)>> = vec![Vec::new(); n];
    let mut pairs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut by_block: Vec<(usize, usize)> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        by_block.clear();
        for (mi, m) in a.body.mentions.iter().enumerate() {
            let e = m.entity;
            stats[e].mentions.push((ai, mi));
            if last_article[e] != ai {
                last_article[e] = ai;
                stats[e].article_count += 1;
                sources[e].push(article_source[ai]);
            }
            match surfaces[e].iter_mut().find(|(s, _)| *s == m.surface) {
                Some((_, count)) => *count += 1,
                None => surfaces[e].push((&m.surface, 1)),
            }
            by_block.push((m.block, e));
        }
        for (qi, q) in a.body.quotes.iter().enumerate() {
            if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity)
                && !q.is_term
            {
                stats[e].quotes.push((ai, qi));
            }
        }
        by_block.sort_unstable();
        by_block.dedup();
        for block in by_block.chunk_by(|x, y| x.0 == y.0) {
            for &(_, x) in block {
                for &(_, y) in block {
                    if x != y {
                        pairs[x].push(y);
                    }
                }
            }
        }
    }
    for (i, s) in stats.iter_mut().enumerate() {
        let mut srcs = std::mem::take(&mut sources[i]);
        srcs.sort_unstable();
        srcs.dedup();
        s.source_count = srcs.len();
        let mut seen = std::mem::take(&mut surfaces[i]);
        seen.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        s.aliases_seen = seen.into_iter().map(|(k, _)| k.to_string()).collect();
        let mut others = std::mem::take(&mut pairs[i]);
        others.sort_unstable();
        let mut rel: Vec<(usize, usize)> = others
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            .collect();
        rel.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        s.related = rel;
    }
    stats
}

/// The key two quotes must share to be clustered as the same speaker's words.
fn speaker_key(s: &Option<Speaker>, registry_ids: &dyn Fn(usize) -> String) -> Option<String> {
    s.as_ref().map(|s| match s.entity {
        Some(e) => registry_ids(e),
        None => s.name.to_lowercase(),
    })
}

/// The quote clusters of a dossier and the speakers they lend.
struct LinkedQuotes {
    clusters: Vec<QuoteCluster>,
    cluster_of: Vec<Vec<Option<usize>>>,
    lent_from: Vec<Vec<Option<QuoteRef>>>,
}

fn link_clusters(articles: &[AnalysedArticle]) -> LinkedQuotes {
    let refs: Vec<QuoteRef> = articles
        .iter()
        .enumerate()
        .flat_map(|(ai, a)| {
            a.body
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| !q.is_term)
                .map(move |(qi, _)| (ai, qi))
        })
        .collect();
    let keys: Vec<Option<String>> = refs
        .iter()
        .map(|&(a, q)| speaker_key(&articles[a].body.quotes[q].speaker, &|e| format!("#{e}")))
        .collect();
    let items: Vec<ClusterItem<'_>> = refs
        .iter()
        .zip(&keys)
        .map(|(&(a, q), key)| ClusterItem {
            text: &articles[a].body.quotes[q].text,
            speaker: key.as_deref(),
        })
        .collect();
    let clustering = cluster(&items);
    let article_of: Vec<usize> = refs.iter().map(|r| r.0).collect();
    let mut lent_from: Vec<Vec<Option<QuoteRef>>> = articles
        .iter()
        .map(|a| vec![None; a.body.quotes.len()])
        .collect();
    let names = |i: usize, l: usize| {
        let (la, lq) = refs[l];
        articles[la].body.quotes[lq]
            .speaker
            .as_ref()
            .is_some_and(|s| names_speaker(&articles[refs[i].0], s))
    };
    for (i, lender) in lend(&items, &article_of, &clustering, names)
        .into_iter()
        .enumerate()
    {
        let (a, q) = refs[i];
        // An editor's correction to no speaker stands.
        if !articles[a].body.quotes[q].corrected {
            lent_from[a][q] = lender.map(|l| refs[l]);
        }
    }
    let mut clusters: Vec<QuoteCluster> = clustering
        .clusters
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let mut quotes: Vec<QuoteRef> = g.iter().map(|&i| refs[i]).collect();
            quotes.sort();
            let sources: Vec<String> = quotes
                .iter()
                .map(|&(a, _)| articles[a].article.source.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(str::to_string)
                .collect();
            let representative = *quotes
                .iter()
                .max_by_key(|&&(a, q)| {
                    (
                        articles[a].body.quotes[q].text.len(),
                        std::cmp::Reverse((a, q)),
                    )
                })
                .expect("clusters are not empty");
            let speaker = cluster_speaker(articles, &quotes);
            let listed = listed_wordings(articles, &quotes, representative);
            QuoteCluster {
                id: String::new(),
                quotes,
                speaker,
                sources,
                representative,
                listed,
            }
        })
        .collect();
    // Most widely reported first; ties by the order of their first quote.
    clusters.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then_with(|| b.quotes.len().cmp(&a.quotes.len()))
            .then_with(|| a.quotes[0].cmp(&b.quotes[0]))
    });
    let mut cluster_of: Vec<Vec<Option<usize>>> = articles
        .iter()
        .map(|a| vec![None; a.body.quotes.len()])
        .collect();
    for (ci, c) in clusters.iter_mut().enumerate() {
        c.id = format!("c-{}", ci + 1);
        for &(a, q) in &c.quotes {
            cluster_of[a][q] = Some(ci);
        }
    }
    LinkedQuotes {
        clusters,
        cluster_of,
        lent_from,
    }
}

/// The members of a statement the quote index lists (see [`WORDINGS_SHOWN`]), in
/// article order. Wordings count as the same when their words are, whatever the case
/// and punctuation.
fn listed_wordings(
    articles: &[AnalysedArticle],
    quotes: &[QuoteRef],
    representative: QuoteRef,
) -> Vec<QuoteRef> {
    if quotes.len() <= WORDINGS_SHOWN {
        return quotes.to_vec();
    }
    let words = |(a, q): QuoteRef| -> Vec<String> {
        articles[a].body.quotes[q]
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let reference = words(representative);
    let (different, same): (Vec<QuoteRef>, Vec<QuoteRef>) = quotes
        .iter()
        .copied()
        .filter(|&r| r != representative)
        .partition(|&r| words(r) != reference);
    let mut listed: Vec<QuoteRef> = std::iter::once(representative)
        .chain(different)
        .chain(same)
        .take(WORDINGS_SHOWN)
        .collect();
    listed.sort();
    listed
}

/// Whether an article names a speaker: mentions the entity, or has the last word of a
/// free-text name.
fn names_speaker(article: &AnalysedArticle, s: &Speaker) -> bool {
    match s.entity {
        Some(e) => article.body.mentions.iter().any(|m| m.entity == e),
        None => article
            .body
            .blocks
            .iter()
            .any(|b| text_names(&b.text, &s.name)),
    }
}

/// The articles that mention an entity or carry its quotes, in article order.
fn listed_articles(e: &EntityStats) -> Vec<usize> {
    let mut articles: Vec<usize> = e
        .mentions
        .iter()
        .map(|&(a, _)| a)
        .chain(e.quotes.iter().map(|&(a, _)| a))
        .collect();
    articles.sort_unstable();
    articles.dedup();
    articles
}

/// Adds the quotes lent an entity's name to the entity's quotes, in article order.
fn add_lent_quotes(
    entities: &mut [EntityStats],
    articles: &[AnalysedArticle],
    lent_from: &[Vec<Option<QuoteRef>>],
) {
    let mut touched: Vec<usize> = Vec::new();
    for (a, lent) in lent_from.iter().enumerate() {
        for (q, from) in lent.iter().enumerate() {
            let Some((fa, fq)) = *from else { continue };
            if let Some(e) = articles[fa].body.quotes[fq]
                .speaker
                .as_ref()
                .and_then(|s| s.entity)
            {
                entities[e].quotes.push((a, q));
                touched.push(e);
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for e in touched {
        entities[e].quotes.sort_unstable();
    }
}

/// The speaker most members agree on, preferring a registry entity.
fn cluster_speaker(articles: &[AnalysedArticle], quotes: &[QuoteRef]) -> Option<Speaker> {
    let mut counts: Vec<(Speaker, usize)> = Vec::new();
    for &(a, q) in quotes {
        if let Some(s) = &articles[a].body.quotes[q].speaker {
            match counts.iter_mut().find(|(x, _)| x == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(s, n)| (s.entity.is_some(), *n))
        .map(|(s, _)| s)
}

fn link_sources(articles: &[AnalysedArticle]) -> Vec<Source> {
    let mut by_slug: BTreeMap<String, Source> = BTreeMap::new();
    // One slug per outlet name, not per article.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let slug = slugs
            .entry(a.article.source.as_str())
            .or_insert_with(|| crate::content::source_slug(&a.article.source))
            .clone();
        by_slug
            .entry(slug.clone())
            .or_insert_with(|| Source {
                name: a.article.source.clone(),
                slug,
                articles: Vec::new(),
            })
            .articles
            .push(i);
    }
    let mut sources: Vec<Source> = by_slug.into_values().collect();
    sources.sort_by_key(|a| a.name.to_lowercase());
    sources
}
