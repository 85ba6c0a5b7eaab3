//! An article's page: the annotated text, who and what it mentions, whom it quotes,
//! its neighbours in time, and the cards its mentions show on hover.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, html, list};
use crate::index::Dossier;
use crate::render::values::{Extended, Values};
use crate::render::views::display_date;

pub fn site_path(d: &Dossier, i: usize) -> String {
    format!("/articles/{}/", d.articles[i].article.slug)
}

/// An entity the article mentions, with how often; shown with the fields of the
/// entity's [`crate::render::views::EntitySummary`].
#[derive(Serialize)]
struct EntityInArticle {
    in_article: usize,
}

/// What the card over a mention shows.
#[derive(Serialize)]
struct Card<'a> {
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    summary: &'a str,
    articles: usize,
}

/// An article's page, shown with the fields of its
/// [`crate::render::views::ArticleSummary`].
#[derive(Serialize)]
struct ArticleView<'a> {
    content: Value,
    tags: &'a [String],
    entities: Vec<Extended<'a, EntityInArticle>>,
    quotes: Value,
}

pub fn page(d: &Dossier, v: &Values, i: usize) -> Page {
    let a = &d.articles[i];
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for m in &a.body.mentions {
        *counts.entry(m.entity).or_default() += 1;
    }
    let mut ents: Vec<(usize, usize)> = counts.into_iter().collect();
    ents.sort_by(|x, y| {
        y.1.cmp(&x.1).then_with(|| {
            d.registry.entities[x.0]
                .name
                .cmp(&d.registry.entities[y.0].name)
        })
    });
    let cards: std::collections::BTreeMap<&str, Card> = ents
        .iter()
        .map(|&(e, _)| {
            let s = d.entity_summary(e);
            (
                s.id,
                Card {
                    name: s.name,
                    kind: s.kind,
                    kind_label: s.kind_label,
                    summary: s.summary,
                    articles: s.article_count,
                },
            )
        })
        .collect();
    let summary = v.article(i);
    let entity_values: Vec<Value> = ents.iter().map(|&(e, _)| v.entity(e)).collect();
    let view = ArticleView {
        content: html(&quote_links_paged(d, i)),
        tags: &a.article.tags,
        entities: ents
            .iter()
            .zip(&entity_values)
            .map(|(&(_, n), summary)| Extended {
                base: summary,
                extra: EntityInArticle { in_article: n },
            })
            .collect(),
        quotes: list(
            a.body
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| !q.is_term)
                .map(|(q, _)| v.quote((i, q))),
        ),
    };
    let mut page = Page::new(
        v,
        "article.html",
        site_path(d, i),
        a.article.title.clone(),
        a.article
            .summary
            .clone()
            .unwrap_or_else(|| format!("{}, {}", a.article.source, display_date(a.article.date))),
    );
    page.set(
        "article",
        &Extended {
            base: &summary,
            extra: view,
        },
    );
    // `{entity id: Card}` as JSON, for the cards shown over mentions.
    page.set_value("cards_json", html(&crate::render::script_safe_json(&cards)));
    // The next older and the next newer article.
    page.set_value(
        "prev",
        if i + 1 < d.articles.len() {
            v.article(i + 1)
        } else {
            Value::none()
        },
    );
    page.set_value(
        "next",
        if i > 0 {
            v.article(i - 1)
        } else {
            Value::none()
        },
    );
    page
}

/// The article's HTML with its quotes' links to the quote index pointing at the page
/// their statement is on. Analysis links every quote to the first page (it runs
/// before quotes are clustered); most statements are there. The links are found in one
/// pass over the HTML, however many quotes move.
fn quote_links_paged(d: &Dossier, i: usize) -> std::borrow::Cow<'_, str> {
    let a = &d.articles[i];
    let html = a.body.html.as_str();
    if d.quote_pages() == 1 {
        return std::borrow::Cow::Borrowed(html);
    }
    // The quote index page of each quote that is not on the first, by anchor.
    let pages: std::collections::HashMap<&str, usize> = a
        .body
        .quotes
        .iter()
        .zip(&d.cluster_of[i])
        .filter_map(|(quote, c)| {
            let page = d.cluster_page((*c)?);
            (page > 0 && !quote.anchor.is_empty()).then_some((quote.anchor.as_str(), page))
        })
        .collect();
    if pages.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let link = format!("{}{}-", d.config.url("/quotes/#"), a.article.slug);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&link) {
        let after = &rest[at + link.len()..];
        let moved = after
            .find('"')
            .and_then(|end| Some((&after[..end], *pages.get(&after[..end])?)));
        match moved {
            Some((anchor, page)) => {
                out.push_str(&rest[..at]);
                out.push_str(&d.config.url(&d.quote_page_path(page)));
                out.push('#');
                out.push_str(&a.article.slug);
                out.push('-');
                out.push_str(anchor);
                rest = &after[anchor.len()..];
            }
            None => {
                out.push_str(&rest[..at + link.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// What the page shows: the article's analysis, its clusters and lent speakers, its
/// neighbours, and what the cards show of the entities it mentions.
pub fn key(k: &Fingerprints, d: &Dossier, i: usize, h: &mut PageHasher) {
    let f = k.fact(d, i);
    f.version.hash(h);
    k.summary[i].hash(h);
    k.quote_clusters[i].hash(h);
    if i + 1 < d.articles.len() {
        k.listed(d, i + 1, h);
    }
    if i > 0 {
        k.listed(d, i - 1, h);
    }
    for &(e, _) in &f.mentions {
        k.entity[e].hash(h);
    }
}
