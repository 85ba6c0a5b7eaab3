//! The quote index: every statement, most widely reported first, with each outlet's
//! wording compared; on its first page the index by speaker, the quoted terms and the
//! chart of which outlets carry which statements. A long index is paged
//! ([`CLUSTERS_PER_PAGE`]).

use std::hash::{Hash, Hasher};

use super::PageId;
use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, html, list};
use crate::index::Dossier;
use crate::render::values::Values;
use crate::render::views::{CLUSTERS_PER_PAGE, SpeakerView};
use crate::render::{ids, svg};

/// How many of the most widely reported statements the coverage chart shows.
const COVERAGE_ROWS: usize = 20;

#[derive(Serialize)]
struct SpeakerGroup<'a> {
    speaker: SpeakerView<'a>,
    clusters: Vec<ClusterRef<'a>>,
    count: usize,
}

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

#[derive(Serialize)]
struct QuotePageLink {
    number: usize,
    href: String,
    current: bool,
}

/// Page `page` (0-based) of the quote index: its statements, and on the first page the
/// index by speaker, the quoted terms and the coverage chart.
pub fn page(d: &Dossier, v: &Values, page: usize) -> Page {
    let per_page = CLUSTERS_PER_PAGE;
    let first = (page * per_page).min(d.clusters.len());
    let shown = (first + per_page).min(d.clusters.len()) - first;
    let mut speakers: Vec<SpeakerGroup> = Vec::new();
    let mut terms: Vec<TermView> = Vec::new();
    if page == 0 {
        let mut by_speaker: std::collections::HashMap<(&str, Option<&str>), usize> =
            std::collections::HashMap::new();
        for (ci, c) in d.clusters.iter().enumerate() {
            let Some(s) = &c.speaker else { continue };
            let view = d.speaker_view(s);
            let path = d.cluster_path(ci);
            let r = ClusterRef {
                id: &c.id,
                num: c.id.trim_start_matches("c-"),
                href: d.config.url(&path),
                path,
            };
            match by_speaker.get(&(view.name, view.entity)) {
                Some(&g) => {
                    speakers[g].clusters.push(r);
                    speakers[g].count += c.quotes.len();
                }
                None => {
                    by_speaker.insert((view.name, view.entity), speakers.len());
                    speakers.push(SpeakerGroup {
                        speaker: view,
                        clusters: vec![r],
                        count: c.quotes.len(),
                    });
                }
            }
        }
        speakers.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.speaker.name.cmp(b.speaker.name))
        });
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
    let pages: Vec<QuotePageLink> = if d.quote_pages() > 1 {
        (0..d.quote_pages())
            .map(|p| QuotePageLink {
                number: p + 1,
                href: d.config.url(&d.quote_page_path(p)),
                current: p == page,
            })
            .collect()
    } else {
        Vec::new()
    };
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
    out.set_value(
        "clusters",
        list((first..first + shown).map(|k| v.cluster(k))),
    );
    // Statements in the whole index.
    out.set("cluster_count", &d.clusters.len());
    // The numbers of this page's first and last statements (from 1).
    out.set("first_number", &(page * per_page + 1));
    out.set("last_number", &(page * per_page + shown));
    // On the first page only, as are `terms` and `coverage_svg`.
    out.set("speakers", &speakers);
    out.set("terms", &terms);
    // Every page of the index, when it has more than one.
    out.set("pages", &pages);
    // This page's number (from 1).
    out.set("page_number", &(page + 1));
    out.set_value(
        "coverage_svg",
        html(&if page == 0 {
            coverage_svg(d)
        } else {
            String::new()
        }),
    );
    out
}

/// The quote index's grid of which outlets carry which widely reported statement.
fn coverage_svg(d: &Dossier) -> String {
    let clusters: Vec<&crate::index::QuoteCluster> = d
        .clusters
        .iter()
        .filter(|c| c.sources.len() >= 2)
        .take(COVERAGE_ROWS)
        .collect();
    let rows: Vec<svg::CoverageRow> = clusters
        .iter()
        .map(|c| svg::CoverageRow {
            label: format!(
                "№ {} · {}",
                c.id.trim_start_matches("c-"),
                c.speaker
                    .as_ref()
                    .map_or("Unattributed", |s| d.speaker_view(s).name)
            ),
            text: d.quote(c.representative).text.clone(),
            href: format!("#{}", c.id),
        })
        .collect();
    let columns: Vec<svg::CoverageColumn> = d
        .sources
        .iter()
        .map(|s| svg::CoverageColumn {
            label: s.name.clone(),
            href: d.config.url(&format!("/sources/{}/", s.slug)),
        })
        .collect();
    let carries: Vec<Vec<bool>> = clusters
        .iter()
        .map(|c| {
            d.sources
                .iter()
                .map(|s| c.sources.contains(&s.name))
                .collect()
        })
        .collect();
    svg::coverage_grid(ids::COVERAGE_CHART, &rows, &columns, &carries)
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
