//! The quote index: every statement, most widely reported first, with each outlet's
//! wording compared; on its first page the index by speaker, the quoted terms and the
//! chart of which outlets carry which statements. A long index is paged
//! ([`crate::link::quote_page_starts`]), and the index by speaker lists the most quoted
//! ([`SPEAKERS_SHOWN`], each with its first [`STATEMENTS_PER_SPEAKER`] statements).

use std::hash::{Hash, Hasher};

use super::PageId;
use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::paging::Paginator;
use super::{Page, list};
use crate::link::Dossier;
use crate::render::values::Values;
use crate::render::views::SpeakerView;
use crate::render::{charts, ids};

/// How many of the most widely reported statements the coverage chart shows.
const COVERAGE_ROWS: usize = 15;

#[derive(Serialize)]
struct SpeakerGroup<'a> {
    speaker: SpeakerView<'a>,
    /// Its first statements, the most widely reported first.
    clusters: Vec<ClusterRef<'a>>,
    /// Its statements not listed.
    more: usize,
    /// Its quotes.
    count: usize,
}

/// How many speakers, the most quoted, the index by speaker lists.
pub const SPEAKERS_SHOWN: usize = 50;

/// How many of a speaker's statements the index by speaker links to.
pub const STATEMENTS_PER_SPEAKER: usize = 10;

/// A link to a statement on the quote index.
#[derive(Serialize)]
struct ClusterRef<'a> {
    id: &'a str,
    /// Its number (`612` for `c-612`).
    num: &'a str,
    path: String,
    href: String,
}

#[derive(Serialize)]
struct TermView<'a> {
    text: &'a str,
    count: usize,
    /// The first articles that quote it (at most [`TERM_ARTICLES_SHOWN`]).
    articles: Value,
}

/// How many of the articles that quote a term the quote index links to.
const TERM_ARTICLES_SHOWN: usize = 20;

/// Page `page` (0-based) of the quote index: its statements, and on the first page the
/// index by speaker, the quoted terms and the coverage chart.
pub fn page(d: &Dossier, v: &Values, page: usize) -> Page {
    let shown = d.quote_page_clusters(page);
    let mut speakers: Vec<SpeakerGroup> = Vec::new();
    let mut speaker_count = 0;
    let mut terms: Vec<TermView> = Vec::new();
    if page == 0 {
        // Each speaker's statements and quotes, then the most quoted speakers' links.
        let mut by_speaker: std::collections::HashMap<(&str, Option<&str>), usize> =
            std::collections::HashMap::new();
        let mut groups: Vec<(SpeakerView, Vec<usize>, usize)> = Vec::new();
        for (ci, c) in d.clusters.iter().enumerate() {
            let Some(s) = &c.speaker else { continue };
            let view = d.speaker_view(s);
            match by_speaker.get(&(view.name, view.entity)) {
                Some(&g) => {
                    groups[g].1.push(ci);
                    groups[g].2 += c.quotes.len();
                }
                None => {
                    by_speaker.insert((view.name, view.entity), groups.len());
                    groups.push((view, vec![ci], c.quotes.len()));
                }
            }
        }
        groups.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.name.cmp(b.0.name)));
        speaker_count = groups.len();
        speakers = groups
            .into_iter()
            .take(SPEAKERS_SHOWN)
            .map(|(speaker, clusters, count)| SpeakerGroup {
                speaker,
                more: clusters.len().saturating_sub(STATEMENTS_PER_SPEAKER),
                clusters: clusters
                    .into_iter()
                    .take(STATEMENTS_PER_SPEAKER)
                    .map(|ci| {
                        let c = &d.clusters[ci];
                        let path = d.cluster_path(ci);
                        ClusterRef {
                            id: &c.id,
                            num: c.id.trim_start_matches("c-"),
                            href: d.config.url(&path),
                            path,
                        }
                    })
                    .collect(),
                count,
            })
            .collect();
        let mut by_text: std::collections::BTreeMap<String, (&str, Vec<usize>)> =
            std::collections::BTreeMap::new();
        for (ai, a) in d.articles.iter().enumerate() {
            for q in a.body.quotes.iter().filter(|q| q.is_term) {
                let entry = by_text
                    .entry(q.text.to_lowercase())
                    .or_insert((&q.text, Vec::new()));
                entry.1.push(ai);
            }
        }
        terms = by_text
            .into_values()
            .map(|(text, arts)| {
                let mut unique = arts.clone();
                unique.dedup();
                TermView {
                    text,
                    count: arts.len(),
                    articles: list(
                        unique
                            .into_iter()
                            .take(TERM_ARTICLES_SHOWN)
                            .map(|a| v.article(a)),
                    ),
                }
            })
            .collect();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(b.text)));
    }
    let paginator = Paginator::new(
        &d.config,
        &d.quote_page_path(0),
        page,
        d.quote_pages(),
        shown.clone(),
        d.clusters.len(),
    );
    let site_path = d.quote_page_path(page);
    let mut out = Page::new(
        v,
        "quotes.html",
        site_path,
        if page == 0 {
            "Quotes".into()
        } else {
            format!("Quotes, page {}", page + 1)
        },
        "Every quotation, who said it, and how each outlet worded it.".into(),
    );
    out.set_value("clusters", list(shown.clone().map(|k| v.cluster(k))));
    // Statements in the whole index.
    out.set("cluster_count", &d.clusters.len());
    // On the first page only, as are `terms` and `coverage`.
    out.set("speakers", &speakers);
    // Speakers in the whole index, of whom `speakers` lists the most quoted.
    out.set("speaker_count", &speaker_count);
    out.set("terms", &terms);
    // Where this page stands among the pages of statements.
    out.set("paginator", &paginator);
    // Drawn by the `coverage_grid` component.
    out.set("coverage", &if page == 0 { coverage(d) } else { None });
    out
}

/// The layout of the quote index's grid of which outlets carry which widely reported
/// statement.
fn coverage(d: &Dossier) -> Option<charts::CoverageGrid> {
    let clusters: Vec<(usize, &crate::link::QuoteCluster)> = d
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.sources.len() >= 2)
        .take(COVERAGE_ROWS)
        .collect();
    let rows: Vec<charts::CoverageRow> = clusters
        .iter()
        .map(|&(ci, c)| charts::CoverageRow {
            label: format!(
                "№ {} · {}",
                c.id.trim_start_matches("c-"),
                c.speaker
                    .as_ref()
                    .map_or("Unattributed", |s| d.speaker_view(s).name)
            ),
            text: d.quote(c.representative).text.clone(),
            // The statement may be on a later page of the index than the chart.
            href: match d.cluster_page(ci) {
                0 => format!("#{}", c.id),
                _ => d.config.url(&d.cluster_path(ci)),
            },
        })
        .collect();
    let columns: Vec<charts::CoverageColumn> = d
        .sources
        .iter()
        .map(|s| charts::CoverageColumn {
            label: s.name.clone(),
            href: d.config.url(&format!("/sources/{}/", s.slug)),
        })
        .collect();
    let carries: Vec<Vec<bool>> = clusters
        .iter()
        .map(|(_, c)| {
            d.sources
                .iter()
                .map(|s| c.sources.contains(&s.name))
                .collect()
        })
        .collect();
    charts::coverage_grid(ids::COVERAGE_CHART, rows, columns, &carries)
}

/// What a page of the index shows: every statement (a page's statements and numbers
/// depend on all of them), the outlets (the chart's columns) and the quoted terms.
pub fn key(k: &Fingerprints, d: &Dossier, id: PageId, h: &mut PageHasher) {
    id.hash(h);
    k.quotes
        .get_or_init(|| {
            let mut h = PageHasher::default();
            k.cluster.hash(&mut h);
            super::key::sources(d, &mut h);
            for (i, a) in d.articles.iter().enumerate() {
                if !a.body.quotes.is_empty() {
                    k.listed(d, i, &mut h);
                    k.fact(d, i).quotes.hash(&mut h);
                }
            }
            h.finish()
        })
        .hash(h);
}
