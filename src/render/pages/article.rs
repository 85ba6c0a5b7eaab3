//! An article's page: the annotated text, who and what it mentions, whom it quotes,
//! and its neighbours in time. The cards its mentions show on hover are shared files
//! ([`crate::render::cards`]); the page says how many there are.

use std::hash::Hash;

use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, html, list};
use crate::link::Dossier;
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
    let summary = v.article(i);
    let entity_values: Vec<Value> = ents.iter().map(|&(e, _)| v.entity(e)).collect();
    let view = ArticleView {
        content: html(&a.body.html),
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
    if let Some(tag) = &a.article.language {
        page.set_language(tag);
    }
    // How many files hold the cards shown over mentions.
    page.set(
        "card_files",
        &crate::render::cards::file_count(d.registry.len()),
    );
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

/// What the page shows: the article's analysis, its clusters and lent speakers, its
/// neighbours, the entities it mentions, and how many card files there are.
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
    crate::render::cards::file_count(d.registry.len()).hash(h);
    // The links of its figures to their claims, which other articles' figures make.
    let body = &d.articles[i].body;
    for l in &body.figure_links {
        body.html[l.at.clone()].hash(h);
    }
}
