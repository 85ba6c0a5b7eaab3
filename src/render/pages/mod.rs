//! The pages of the site, one module per kind. Each module owns, for its kind, the
//! site path of every page, the context its template sees (built from the shared
//! [`Values`]) and the constants that bound what it lists; [`plan`] is the one place
//! that maps a [`PageId`] to them.

mod article;
mod entities;
mod entity;
mod figures;
mod fixed;
mod home;
pub mod key;
mod paging;
mod quotes;
mod sources;
mod timeline;

use tera::{Context, Value};

use super::values::Values;
use crate::link::Dossier;

/// One page of the site, named by what it shows. Indices are those of the [`Dossier`]
/// it was planned from (articles in dossier order, entities in registry order, sources
/// sorted). `serve` uses these to re-render only the pages whose inputs changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Article(usize),
    Entities,
    /// Page `.1` (0-based) of entity `.0`.
    Entity(usize, usize),
    Quotes,
    /// A further page of a quote index too long for one (index from 1).
    QuotesPage(usize),
    /// The claims: figures reported by several outlets.
    Figures,
    Sources,
    /// Page `.1` (0-based) of outlet `.0`.
    Source(usize, usize),
    Timeline,
    /// Page `.1` (0-based) of one month of a timeline too long for one page (index
    /// into `Dossier::timeline_months`).
    TimelineMonth(usize, usize),
    Search,
    NotFound,
}

impl PageId {
    /// The kind of page, for timings.
    pub fn kind(self) -> &'static str {
        match self {
            PageId::Home => "home",
            PageId::Article(_) => "article",
            PageId::Entities => "entities",
            PageId::Entity(..) => "entity",
            PageId::Quotes | PageId::QuotesPage(_) => "quotes",
            PageId::Figures => "figures",
            PageId::Sources => "sources",
            PageId::Source(..) => "source",
            PageId::Timeline | PageId::TimelineMonth(..) => "timeline",
            PageId::Search | PageId::NotFound => "other",
        }
    }
}

/// A page to render: its template, where it goes and what its template sees.
pub struct Page {
    pub template: &'static str,
    /// The page's site path (`/articles/x/`).
    pub site_path: String,
    /// The template's variables, in the order they were set: the ones every page sees,
    /// then the page's own.
    pub vars: Vec<(&'static str, Value)>,
}

impl Page {
    /// A page of `template` at `site_path`, its context holding the values every page
    /// sees; the page's own are added to it.
    fn new(
        v: &Values,
        template: &'static str,
        site_path: String,
        title: String,
        description: String,
    ) -> Self {
        let mut page = Page {
            template,
            site_path,
            vars: v.common(),
        };
        page.set("page_title", &title);
        page.set("page_description", &description);
        page.set_value("page_path", Value::from(page.site_path.as_str()));
        page.set("page_language", &v.language());
        page
    }

    /// The page's language, when it is not the site's (an article's own).
    fn set_language(&mut self, tag: &str) {
        if let Some((_, value)) = self.vars.iter_mut().find(|(n, _)| *n == "page_language") {
            *value = Value::from(tag);
        }
    }

    /// Sets a template variable to a view.
    fn set(&mut self, name: &'static str, view: &impl serde::Serialize) {
        self.set_value(name, Value::from_serializable(view));
    }

    /// Sets a template variable to a value.
    fn set_value(&mut self, name: &'static str, value: Value) {
        self.vars.push((name, value));
    }

    /// The template context.
    pub fn context(&self) -> Context {
        let mut context = Context::new();
        for (name, value) in &self.vars {
            context.insert_value(*name, value.clone());
        }
        context
    }
}

/// Every page's template and the variables it sees, with their values: what the
/// README's list of template variables is made from.
pub fn page_variables(d: &Dossier) -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    let v = Values::new(d);
    page_ids(d)
        .into_iter()
        .map(|id| {
            let page = plan(d, &v, id);
            (page.template, page.vars)
        })
        .collect()
}

/// Every page of the dossier, in a stable order.
pub fn page_ids(d: &Dossier) -> Vec<PageId> {
    let mut ids = vec![PageId::Home];
    ids.extend((0..d.articles.len()).map(PageId::Article));
    ids.push(PageId::Entities);
    ids.extend(
        (0..d.registry.len())
            .flat_map(|e| (0..entity::page_count(d, e)).map(move |p| PageId::Entity(e, p))),
    );
    ids.push(PageId::Quotes);
    ids.extend((1..d.quote_pages()).map(PageId::QuotesPage));
    ids.push(PageId::Figures);
    ids.push(PageId::Sources);
    ids.extend(
        (0..d.sources.len())
            .flat_map(|s| (0..sources::page_count(d, s)).map(move |p| PageId::Source(s, p))),
    );
    ids.push(PageId::Timeline);
    ids.extend(timeline_month_pages(d));
    ids.extend([PageId::Search, PageId::NotFound]);
    ids
}

/// Every page of every month of a paged timeline.
pub fn timeline_month_pages(d: &Dossier) -> impl Iterator<Item = PageId> + '_ {
    d.timeline_months
        .iter()
        .enumerate()
        .flat_map(|(k, m)| (0..m.pages()).map(move |p| PageId::TimelineMonth(k, p)))
}

/// The pages that show article `a`'s text: its own, the page of each entity it
/// mentions that lists it, and the page of its outlet that lists it.
pub fn pages_with_text_of(
    d: &Dossier,
    a: usize,
    entities: impl Iterator<Item = usize>,
) -> Vec<PageId> {
    let mut ids = vec![PageId::Article(a)];
    for e in entities {
        ids.push(PageId::Entity(e, entity::page_of(d, e, a)));
    }
    let source = crate::content::source_slug(&d.articles[a].article.source);
    if let Some(s) = d.sources.iter().position(|s| s.slug == source) {
        ids.push(PageId::Source(s, sources::page_of(d, s, a)));
    }
    ids
}

/// The site path of a page (`/articles/<slug>/`), without planning it.
pub fn site_path(d: &Dossier, id: PageId) -> String {
    match id {
        PageId::Home => home::SITE_PATH.into(),
        PageId::Article(i) => article::site_path(d, i),
        PageId::Entities => entities::SITE_PATH.into(),
        PageId::Entity(e, p) => crate::link::paged_path(&entity::site_path(d, e), p),
        PageId::Quotes => d.quote_page_path(0),
        PageId::QuotesPage(p) => d.quote_page_path(p),
        PageId::Figures => figures::SITE_PATH.into(),
        PageId::Sources => sources::INDEX_PATH.into(),
        PageId::Source(s, p) => crate::link::paged_path(&sources::site_path(d, s), p),
        PageId::Timeline => timeline::site_path(d, None),
        PageId::TimelineMonth(k, p) => timeline::site_path(d, Some((k, p))),
        PageId::Search => fixed::SEARCH_PATH.into(),
        PageId::NotFound => fixed::NOT_FOUND_PATH.into(),
    }
}

/// The output path of a page (`articles/<slug>/index.html`), without planning it.
pub fn page_path(d: &Dossier, id: PageId) -> String {
    output_path(&site_path(d, id))
}

/// Where the page at a site path is written: `/x/` in `x/index.html`, `/404.html` in
/// `404.html`.
pub fn output_path(site_path: &str) -> String {
    let rel = site_path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// The page `id`: its template, paths, title and context.
pub fn plan(d: &Dossier, v: &Values, id: PageId) -> Page {
    match id {
        PageId::Home => home::page(d, v),
        PageId::Article(i) => article::page(d, v, i),
        PageId::Entities => entities::page(d, v),
        PageId::Entity(e, p) => entity::page(d, v, e, p),
        PageId::Quotes => quotes::page(d, v, 0),
        PageId::QuotesPage(p) => quotes::page(d, v, p),
        PageId::Figures => figures::page(d, v),
        PageId::Sources => sources::index_page(d, v),
        PageId::Source(s, p) => sources::page(d, v, s, p),
        PageId::Timeline => timeline::page(d, v, None),
        PageId::TimelineMonth(k, p) => timeline::page(d, v, Some((k, p))),
        PageId::Search => fixed::search(v),
        PageId::NotFound => fixed::not_found(v),
    }
}

/// HTML the program made (from Markdown, or a chart) as a value marked safe: templates
/// write it as it is, without `| safe` (which would copy it once more).
fn html(text: &str) -> Value {
    Value::safe_string(text)
}

/// A template list of (shared) values.
fn list(items: impl IntoIterator<Item = Value>) -> Value {
    Value::from(items.into_iter().collect::<Vec<_>>())
}

/// Entities ordered by prominence: mentions, then sources, then name.
fn by_prominence(d: &Dossier, entities: &mut [usize]) {
    entities.sort_by(|&a, &b| {
        let (sa, sb) = (&d.entities[a], &d.entities[b]);
        sb.mentions
            .len()
            .cmp(&sa.mentions.len())
            .then_with(|| sb.source_count.cmp(&sa.source_count))
            .then_with(|| {
                d.registry.entities[a]
                    .name
                    .cmp(&d.registry.entities[b].name)
            })
    });
}

/// Orders entities by kind (as on the entity index), keeping prominence within a kind.
fn by_kind(d: &Dossier, entities: &mut [usize]) {
    let rank = |e: usize| {
        crate::content::EntityKind::ALL
            .iter()
            .position(|&k| k == d.registry.entities[e].kind)
    };
    entities.sort_by_key(|&e| rank(e));
}

/// Graph nodes for entities, in the order given: each holds the entity's shared
/// template value, which the chart's component shows.
fn graph_nodes<'d>(
    d: &'d Dossier,
    v: &Values,
    entities: &[usize],
) -> Vec<super::charts::GraphNode<'d>> {
    entities
        .iter()
        .map(|&e| {
            let s = d.entity_summary(e);
            super::charts::GraphNode {
                entity: v.entity(e),
                label: s.name,
                kind: s.kind,
                kind_label: s.kind_label,
                weight: s.mention_count,
            }
        })
        .collect()
}

/// Edges between `entities` (indices into it) from their paragraph co-mentions,
/// strongest first, at most `limit`.
fn graph_edges(d: &Dossier, entities: &[usize], limit: usize) -> Vec<super::charts::GraphEdge> {
    // An entity's co-mentions can run to thousands; look each up among a dozen.
    let index: rustc_hash::FxHashMap<usize, usize> =
        entities.iter().enumerate().map(|(i, &e)| (e, i)).collect();
    let mut edges = Vec::new();
    for (a, &ea) in entities.iter().enumerate() {
        for &(other, weight) in &d.entities[ea].related {
            if let Some(&b) = index.get(&other)
                && a < b
            {
                edges.push(super::charts::GraphEdge { a, b, weight });
            }
        }
    }
    edges.sort_by(|x, y| {
        y.weight
            .cmp(&x.weight)
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    edges.truncate(limit);
    edges
}
