//! Rendering: the linked [`Dossier`] into output files, every page in parallel.
//!
//! The renderer builds into memory (`Vec<OutputFile>`); writing is the job of
//! [`crate::output`]. That way tests can look at pages without a disk, and `serve`
//! reuses the same build.

mod cycles;
pub mod export;
pub mod feeds;
pub mod ids;
mod native;
pub mod search;
pub mod svg;
pub mod theme;
pub mod views;
pub mod xml;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::error::Diagnostic;
use crate::index::Dossier;
use theme::Theme;
use views::*;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, with `/` separators (`articles/x/index.html`).
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// A page to render: template, output path, site path and what it shows.
struct Page<'a> {
    template: &'static str,
    path: String,
    site_path: String,
    title: String,
    description: String,
    content: Content<'a>,
}

/// What a page shows: its template context, or the view itself for the pages the
/// built-in theme writes without Tera (see [`native`]).
enum Content<'a> {
    Context(Context),
    Article(Box<ArticlePage<'a>>),
    Entity(Box<EntityView<'a>>),
    Source(Box<SourcePageView<'a>>),
    Timeline(Box<TimelinePage<'a>>),
    Home(Box<HomePage<'a>>),
    Quotes(Box<QuotesPage<'a>>),
    Sources(Vec<SourceView<'a>>),
}

impl Content<'_> {
    /// The template context (the views under the names templates know).
    fn into_context(self) -> Context {
        match self {
            Content::Context(ctx) => ctx,
            Content::Article(p) => {
                let mut ctx = context_of(&[("article", &p.article)]);
                ctx.insert("cards_json", &p.cards_json);
                ctx.insert("prev", &p.prev);
                ctx.insert("next", &p.next);
                ctx
            }
            Content::Entity(view) => context_of(&[("entity", &view)]),
            Content::Source(view) => context_of(&[("source", &view)]),
            Content::Sources(sources) => context_of(&[("sources", &sources)]),
            Content::Home(v) => {
                let mut ctx = context_of(&[("intro", &v.intro)]);
                ctx.insert("articles", &v.articles);
                ctx.insert("top_entities", &v.top_entities);
                ctx.insert("top_clusters", &v.top_clusters);
                ctx.insert("graph_svg", &v.graph_svg);
                ctx
            }
            Content::Quotes(v) => {
                let mut ctx = context_of(&[("clusters", &v.clusters)]);
                ctx.insert("cluster_count", &v.cluster_count);
                ctx.insert("first_number", &v.first_number);
                ctx.insert("last_number", &v.last_number);
                ctx.insert("speakers", &v.speakers);
                ctx.insert("terms", &v.terms);
                ctx.insert("pages", &v.pages);
                ctx.insert("page_number", &v.page_number);
                ctx.insert("coverage_svg", &v.coverage_svg);
                ctx
            }
            Content::Timeline(p) => {
                let mut ctx = context_of(&[("days", &p.days)]);
                ctx.insert("months", &p.months);
                ctx.insert("month", &p.month(p.month));
                ctx.insert("prev_month", &p.prev_month());
                ctx.insert("next_month", &p.next_month());
                ctx.insert("chart_svg", &p.chart_svg);
                ctx
            }
        }
    }
}

/// One page of the site, named by what it shows. Indices are those of the [`Dossier`]
/// it was planned from (articles in dossier order, entities in registry order, sources
/// sorted). `serve` uses these to re-render only the pages whose inputs changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Article(usize),
    Entities,
    Entity(usize),
    Quotes,
    /// A further page of a quote index too long for one (index from 1).
    QuotesPage(usize),
    Sources,
    Source(usize),
    Timeline,
    /// One month of a timeline too long for one page (index into
    /// `Dossier::timeline_months`).
    TimelineMonth(usize),
    Search,
    NotFound,
}

/// Renders every page and data file of the dossier into memory, sorted by path.
pub fn render_site(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_site_to(dossier, theme, &|f| {
        files.lock().expect("not poisoned").push(f);
    })?;
    let mut files = files.into_inner().expect("not poisoned");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where rendered files go as they are made: to disk (`build`) or into memory. Any
/// `Fn(OutputFile)` is one.
pub trait Sink: Sync {
    fn file(&self, file: OutputFile);

    /// A file made in parts by `write`, so that a large one (the JSON export) need not
    /// be whole in memory. By default the parts are gathered and given to
    /// [`Sink::file`].
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        let mut bytes = Vec::new();
        write(&mut bytes).expect("writing to memory");
        self.file(OutputFile::new(path, bytes));
    }
}

impl<F: Fn(OutputFile) + Sync> Sink for F {
    fn file(&self, file: OutputFile) {
        self(file)
    }
}

/// Renders every page and data file of the dossier, handing each to `sink` as soon as
/// it is made (from any thread), and returns their paths. Pages and data files are
/// made side by side, so neither waits for the other's slowest part.
pub fn render_site_to(
    dossier: &Dossier,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    // The pages that list the whole dossier take longest: started first, they run
    // beside the many small pages instead of after them on one core.
    let mut ids = page_ids(dossier);
    ids.sort_by_key(|id| match id {
        PageId::Timeline => 0,
        PageId::Quotes | PageId::QuotesPage(_) => 1,
        PageId::Home => 2,
        PageId::Sources => 3,
        PageId::Source(_) => 4,
        _ => 5,
    });
    let site = dossier.site_view();
    let errors = std::sync::Mutex::new(Vec::new());
    let tally = crate::timings::Tally::new();
    let (mut paths, data_paths) = rayon::join(
        || {
            let t = crate::timings::Timer::start();
            let paths: Vec<String> = ids
                .par_iter()
                .filter_map(|&id| {
                    match tally.time(id.kind(), || render_page(dossier, &site, theme, id)) {
                        Ok(file) => {
                            let path = file.path.clone();
                            sink.file(file);
                            Some(path)
                        }
                        Err(d) => {
                            let mut errors = errors.lock().expect("not poisoned");
                            if !errors.contains(&d) {
                                errors.push(d);
                            }
                            None
                        }
                    }
                })
                .collect();
            t.lap("pages");
            tally.print("pages by kind");
            paths
        },
        || data_files_to(dossier, sink),
    );
    let errors = errors.into_inner().expect("not poisoned");
    if !errors.is_empty() {
        return Err(errors);
    }
    paths.extend(data_paths);
    Ok(paths)
}

impl PageId {
    /// The kind of page, for timings.
    fn kind(self) -> &'static str {
        match self {
            PageId::Home => "home",
            PageId::Article(_) => "article",
            PageId::Entities => "entities",
            PageId::Entity(_) => "entity",
            PageId::Quotes | PageId::QuotesPage(_) => "quotes",
            PageId::Sources => "sources",
            PageId::Source(_) => "source",
            PageId::Timeline | PageId::TimelineMonth(_) => "timeline",
            PageId::Search | PageId::NotFound => "other",
        }
    }
}

/// Renders the given pages in parallel; the results are in the order of `ids`.
pub fn render_pages(
    dossier: &Dossier,
    theme: &Theme,
    ids: &[PageId],
) -> Vec<Result<OutputFile, Diagnostic>> {
    let site = dossier.site_view();
    ids.par_iter()
        .map(|&id| render_page(dossier, &site, theme, id))
        .collect()
}

/// Renders one page: through the built-in theme's native writer when the dossier
/// keeps that theme's templates for it, else through Tera.
fn render_page(
    dossier: &Dossier,
    site: &SiteView<'_>,
    theme: &Theme,
    id: PageId,
) -> Result<OutputFile, Diagnostic> {
    let page = plan_page(dossier, id);
    debug_assert_eq!(page.path, page_path(dossier, id));
    let chrome = native::Chrome {
        site,
        config: &dossier.config,
        title: &page.title,
        description: &page.description,
        path: &page.site_path,
    };
    if theme.is_native(page.template)
        && let Some(html) = native::page(&chrome, &page.content)
    {
        return Ok(OutputFile::new(page.path, html));
    }
    let mut ctx = page.content.into_context();
    ctx.insert("site", site);
    ctx.insert("base_url", &dossier.config.base_url);
    ctx.insert("base_path", &dossier.config.base_path);
    ctx.insert("page_title", &page.title);
    ctx.insert("page_description", &page.description);
    ctx.insert("page_path", &page.site_path);
    theme
        .render(page.template, &ctx)
        .map(|html| OutputFile::new(page.path, html))
}

/// The output path of a page (`articles/<slug>/index.html`), without rendering it.
pub fn page_path(d: &Dossier, id: PageId) -> String {
    match id {
        PageId::Home => "index.html".into(),
        PageId::Article(i) => format!("articles/{}/index.html", d.articles[i].article.slug),
        PageId::Entities => "entities/index.html".into(),
        PageId::Entity(e) => format!("entities/{}/index.html", d.registry.entities[e].id),
        PageId::Quotes => "quotes/index.html".into(),
        PageId::QuotesPage(p) => {
            format!("{}index.html", d.quote_page_path(p).trim_start_matches('/'))
        }
        PageId::Sources => "sources/index.html".into(),
        PageId::Source(s) => format!("sources/{}/index.html", d.sources[s].slug),
        PageId::Timeline => "timeline/index.html".into(),
        PageId::TimelineMonth(k) => format!("timeline/{}/index.html", d.timeline_months[k].key()),
        PageId::Search => "search/index.html".into(),
        PageId::NotFound => "404.html".into(),
    }
}

/// The files that are not rendered from templates: the JSON export, the feed and the
/// sitemap (when the base URL is a full address), robots.txt, `.nojekyll` and `CNAME`.
pub fn data_files(dossier: &Dossier) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    data_files_to(dossier, &|f| files.lock().expect("not poisoned").push(f));
    files.into_inner().expect("not poisoned")
}

/// Makes the data files, handing each to `sink` as soon as it is made (the JSON export
/// is written and freed before the search index is built), and returns their paths.
fn data_files_to(dossier: &Dossier, sink: &dyn Sink) -> Vec<String> {
    let mut paths = vec!["data/dossier.json".to_string()];
    let t = crate::timings::Timer::start();
    sink.stream("data/dossier.json", &mut |w| {
        export::export_json_to(dossier, w)
    });
    let mut give = |f: OutputFile| {
        paths.push(f.path.clone());
        sink.file(f);
    };
    t.lap("json export");
    if dossier.config.has_address() {
        give(OutputFile::new("feed.xml", feeds::atom_feed(dossier)));
        give(OutputFile::new("sitemap.xml", feeds::sitemap(dossier)));
    }
    give(OutputFile::new("robots.txt", feeds::robots(dossier)));
    give(OutputFile::new(".nojekyll", Vec::new()));
    t.lap("feed+sitemap");
    search::search_files(dossier, &mut give);
    t.lap("search");
    if let Some(cname) = &dossier.config.cname {
        give(OutputFile::new("CNAME", format!("{cname}\n")));
    }
    paths
}

fn context_of<T: Serialize>(pairs: &[(&str, &T)]) -> Context {
    let mut ctx = Context::new();
    for (k, v) in pairs {
        ctx.insert(*k, v);
    }
    ctx
}

/// Every page of the dossier, in a stable order.
pub fn page_ids(d: &Dossier) -> Vec<PageId> {
    let mut ids = vec![PageId::Home];
    ids.extend((0..d.articles.len()).map(PageId::Article));
    ids.push(PageId::Entities);
    ids.extend((0..d.registry.len()).map(PageId::Entity));
    ids.push(PageId::Quotes);
    ids.extend((1..d.quote_pages()).map(PageId::QuotesPage));
    ids.push(PageId::Sources);
    ids.extend((0..d.sources.len()).map(PageId::Source));
    ids.push(PageId::Timeline);
    ids.extend((0..d.timeline_months.len()).map(PageId::TimelineMonth));
    ids.extend([PageId::Search, PageId::NotFound]);
    ids
}

fn plan_page(d: &Dossier, id: PageId) -> Page<'_> {
    match id {
        PageId::Home => home_page(d),
        PageId::Article(i) => article_page(d, i),
        PageId::Entities => entities_page(d),
        PageId::Entity(e) => entity_page(d, e),
        PageId::Quotes => quotes_page(d, 0),
        PageId::QuotesPage(p) => quotes_page(d, p),
        PageId::Sources => sources_page(d),
        PageId::Source(s) => source_page(d, s),
        PageId::Timeline => timeline_page(d, None),
        PageId::TimelineMonth(k) => timeline_page(d, Some(k)),
        PageId::Search => simple_page(
            "search.html",
            "search/index.html",
            "/search/",
            "Search",
            "Search the articles, entities and quotes.",
        ),
        PageId::NotFound => simple_page(
            "404.html",
            "404.html",
            "/404.html",
            "Page not found",
            "This page does not exist.",
        ),
    }
}

fn simple_page(
    template: &'static str,
    path: &str,
    site_path: &str,
    title: &str,
    description: &str,
) -> Page<'static> {
    Page {
        template,
        path: path.to_string(),
        site_path: site_path.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        content: Content::Context(Context::new()),
    }
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

/// The home page: the articles, newest first, and what stands out across them.
struct HomePage<'a> {
    /// `content/_index.md` as HTML.
    intro: &'a str,
    articles: Vec<ArticleSummary<'a>>,
    top_entities: Vec<EntitySummary<'a>>,
    top_clusters: Vec<ClusterView<'a>>,
    graph_svg: String,
}

fn home_page(d: &Dossier) -> Page<'_> {
    let articles: Vec<ArticleSummary> = (0..d.articles.len())
        .map(|i| d.article_summary(i))
        .collect();
    let mut mentioned: Vec<usize> = (0..d.registry.len())
        .filter(|&e| !d.entities[e].mentions.is_empty())
        .collect();
    by_prominence(d, &mut mentioned);
    let top_entities: Vec<EntitySummary> = mentioned
        .iter()
        .take(12)
        .map(|&e| d.entity_summary(e))
        .collect();
    let top_clusters: Vec<ClusterView> = (0..d.clusters.len().min(5))
        .map(|c| d.cluster_view(c))
        .collect();
    let view = HomePage {
        intro: &d.intro_html,
        articles,
        top_entities,
        top_clusters,
        graph_svg: home_graph(d, &mentioned),
    };
    Page {
        template: "index.html",
        path: "index.html".into(),
        site_path: "/".into(),
        title: d
            .intro
            .title
            .clone()
            .unwrap_or_else(|| d.config.title.clone()),
        description: d.config.description.clone(),
        content: Content::Home(Box::new(view)),
    }
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    summary: ArticleSummary<'a>,
    content: std::borrow::Cow<'a, str>,
    tags: &'a [String],
    entities: Vec<EntityInArticle<'a>>,
    quotes: Vec<QuoteView<'a>>,
}

/// An article's page: the article, its neighbours and the cards its mentions show.
struct ArticlePage<'a> {
    article: ArticleView<'a>,
    /// `{entity id: Card}` as JSON, for the cards shown over mentions.
    cards_json: String,
    /// The next older article.
    prev: Option<ArticleSummary<'a>>,
    /// The next newer article.
    next: Option<ArticleSummary<'a>>,
}

#[derive(Serialize)]
struct EntityInArticle<'a> {
    #[serde(flatten)]
    summary: EntitySummary<'a>,
    in_article: usize,
}

#[derive(Serialize)]
struct Card<'a> {
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    summary: &'a str,
    articles: usize,
}

fn article_page(d: &Dossier, i: usize) -> Page<'_> {
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
    let entities: Vec<EntityInArticle> = ents
        .iter()
        .map(|&(e, n)| EntityInArticle {
            summary: d.entity_summary(e),
            in_article: n,
        })
        .collect();
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
    let quotes: Vec<QuoteView> = a
        .body
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.is_term)
        .map(|(q, _)| d.quote_view((i, q)))
        .collect();
    let view = ArticleView {
        summary: d.article_summary(i),
        content: quote_links_paged(d, i),
        tags: &a.article.tags,
        entities,
        quotes,
    };
    let page = ArticlePage {
        article: view,
        cards_json: script_safe_json(&cards),
        prev: (i + 1 < d.articles.len()).then(|| d.article_summary(i + 1)),
        next: (i > 0).then(|| d.article_summary(i - 1)),
    };
    Page {
        template: "article.html",
        path: format!("articles/{}/index.html", a.article.slug),
        site_path: format!("/articles/{}/", a.article.slug),
        title: a.article.title.clone(),
        description: a
            .article
            .summary
            .clone()
            .unwrap_or_else(|| format!("{}, {}", a.article.source, display_date(a.article.date))),
        content: Content::Article(Box::new(page)),
    }
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

/// JSON that is safe inside a `<script>` element (no `</script>` can close it early).
pub fn script_safe_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("views serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
struct KindGroup<'a> {
    kind: &'static str,
    label: &'static str,
    entities: Vec<EntitySummary<'a>>,
}

fn entities_page(d: &Dossier) -> Page<'_> {
    let mut groups = Vec::new();
    for kind in crate::content::EntityKind::ALL {
        let mut members: Vec<usize> = (0..d.registry.len())
            .filter(|&e| d.registry.entities[e].kind == kind && !d.entities[e].mentions.is_empty())
            .collect();
        if members.is_empty() {
            continue;
        }
        by_prominence(d, &mut members);
        groups.push(KindGroup {
            kind: kind.as_str(),
            label: kind.plural_label(),
            entities: members.iter().map(|&e| d.entity_summary(e)).collect(),
        });
    }
    // Groups with the most mentions first.
    groups.sort_by_key(|g| {
        std::cmp::Reverse(g.entities.iter().map(|e| e.mention_count).sum::<usize>())
    });
    let unmentioned: Vec<EntitySummary> = (0..d.registry.len())
        .filter(|&e| d.entities[e].mentions.is_empty())
        .map(|e| d.entity_summary(e))
        .collect();
    let mut ctx = context_of(&[("groups", &groups)]);
    ctx.insert("unmentioned", &unmentioned);
    Page {
        template: "entities.html",
        path: "entities/index.html".into(),
        site_path: "/entities/".into(),
        title: "Entities".into(),
        description: "The people, organisations and places in this dossier.".into(),
        content: Content::Context(ctx),
    }
}

/// A mention in its sentence, as an entity page lists it. An entity page can list
/// thousands, so the fields are made only as they are read: when serialised for a
/// template, or written straight into the page by the built-in theme.
struct MentionInContext<'a> {
    article: &'a crate::index::AnalysedArticle,
    mention: &'a crate::markdown::Mention,
}

impl MentionInContext<'_> {
    /// `/articles/<slug>/#m-3`.
    fn path(&self) -> String {
        format!("{}#{}", self.article.links.path, self.mention.anchor)
    }

    fn href(&self) -> String {
        format!("{}#{}", self.article.links.href, self.mention.anchor)
    }

    /// The line as the built-in theme shows it: a link to the mention in its
    /// sentence, the name marked.
    fn write_html(&self, out: &mut String) {
        let (before, after) = self.mention.context(&self.article.body.blocks);
        self.write_html_around(out, &before, &after);
    }

    fn write_html_around(&self, out: &mut String, before: &str, after: &str) {
        use theme::escape_into as esc;
        out.push_str("<a href=\"");
        esc(out, &self.article.links.href);
        out.push('#');
        esc(out, &self.mention.anchor);
        out.push_str("\">");
        esc(out, before);
        out.push_str("<mark>");
        esc(out, &self.mention.surface);
        out.push_str("</mark>");
        esc(out, after);
        out.push_str("</a>");
    }
}

impl Serialize for MentionInContext<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (before, after) = self.mention.context(&self.article.body.blocks);
        let mut html = String::new();
        self.write_html_around(&mut html, &before, &after);
        let mut st = serializer.serialize_struct("MentionInContext", 7)?;
        st.serialize_field("anchor", &self.mention.anchor)?;
        st.serialize_field("path", &self.path())?;
        st.serialize_field("href", &self.href())?;
        st.serialize_field("html", &html)?;
        st.serialize_field("before", &before)?;
        st.serialize_field("surface", &self.mention.surface)?;
        st.serialize_field("after", &after)?;
        st.end()
    }
}

#[derive(Serialize)]
struct MentionsInArticle<'a> {
    article: ArticleSummary<'a>,
    mentions: Vec<MentionInContext<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    entity: EntitySummary<'a>,
    count: usize,
}

#[derive(Serialize)]
struct EntityView<'a> {
    #[serde(flatten)]
    summary: EntitySummary<'a>,
    aliases: &'a [String],
    aliases_seen: &'a [String],
    description: &'a str,
    links: &'a [String],
    mentions_by_article: Vec<MentionsInArticle<'a>>,
    quotes: Vec<QuoteView<'a>>,
    related: Vec<Related<'a>>,
    graph_svg: String,
}

fn entity_page(d: &Dossier, e: usize) -> Page<'_> {
    let entity = &d.registry.entities[e];
    let stats = &d.entities[e];
    let mut by_article: Vec<MentionsInArticle> = Vec::new();
    for &(a, m) in &stats.mentions {
        let art = &d.articles[a];
        let item = MentionInContext {
            article: art,
            mention: &art.body.mentions[m],
        };
        match by_article.last_mut() {
            Some(group) if group.article.slug == art.article.slug => group.mentions.push(item),
            _ => by_article.push(MentionsInArticle {
                article: d.article_summary(a),
                mentions: vec![item],
            }),
        }
    }
    let graph_svg = entity_graph(d, e);
    let view = EntityView {
        summary: d.entity_summary(e),
        aliases: &entity.aliases,
        aliases_seen: &stats.aliases_seen,
        description: &d.descriptions[e],
        links: &entity.links,
        mentions_by_article: by_article,
        quotes: stats.quotes.iter().map(|&r| d.quote_view(r)).collect(),
        related: stats
            .related
            .iter()
            .take(12)
            .map(|&(r, count)| Related {
                entity: d.entity_summary(r),
                count,
            })
            .collect(),
        graph_svg,
    };
    Page {
        template: "entity.html",
        path: format!("entities/{}/index.html", entity.id),
        site_path: format!("/entities/{}/", entity.id),
        title: entity.name.clone(),
        description: if entity.description.is_empty() {
            format!("{} in this dossier", entity.name)
        } else {
            one_line(&entity.description)
        },
        content: Content::Entity(Box::new(view)),
    }
}

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
    articles: Vec<ArticleSummary<'a>>,
}

/// How many of the articles that quote a term the quote index links to.
const TERM_ARTICLES_SHOWN: usize = 20;

#[derive(Serialize)]
struct QuotePageLink {
    number: usize,
    href: String,
    current: bool,
}

/// A page of the quote index.
struct QuotesPage<'a> {
    clusters: Vec<ClusterView<'a>>,
    /// Statements in the whole index.
    cluster_count: usize,
    /// The numbers of this page's first and last statements (from 1).
    first_number: usize,
    last_number: usize,
    /// On the first page only, as are `terms` and `coverage_svg`.
    speakers: Vec<SpeakerGroup<'a>>,
    terms: Vec<TermView<'a>>,
    /// Every page of the index, when it has more than one.
    pages: Vec<QuotePageLink>,
    /// This page's number (from 1).
    page_number: usize,
    coverage_svg: String,
}

/// Page `page` (0-based) of the quote index: its statements, and on the first page the
/// index by speaker, the quoted terms and the coverage chart.
fn quotes_page(d: &Dossier, page: usize) -> Page<'_> {
    let per_page = views::CLUSTERS_PER_PAGE;
    let first = (page * per_page).min(d.clusters.len());
    let clusters: Vec<ClusterView> = (first..(first + per_page).min(d.clusters.len()))
        .map(|c| d.cluster_view(c))
        .collect();
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
                    articles: unique
                        .into_iter()
                        .take(TERM_ARTICLES_SHOWN)
                        .map(|a| d.article_summary(a))
                        .collect(),
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
    let view = QuotesPage {
        cluster_count: d.clusters.len(),
        first_number: page * per_page + 1,
        last_number: page * per_page + clusters.len(),
        clusters,
        speakers,
        terms,
        pages,
        page_number: page + 1,
        coverage_svg: if page == 0 {
            coverage_svg(d)
        } else {
            String::new()
        },
    };
    let site_path = d.quote_page_path(page);
    Page {
        template: "quotes.html",
        path: format!("{}index.html", site_path.trim_start_matches('/')),
        site_path,
        title: if page == 0 {
            "Quotes".into()
        } else {
            format!("Quotes, page {}", page + 1)
        },
        description: "Every quotation, who said it, and how each outlet worded it.".into(),
        content: Content::Quotes(Box::new(view)),
    }
}

#[derive(Serialize)]
struct SourceView<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    href: String,
    article_count: usize,
    quote_count: usize,
    articles: Vec<ArticleSummary<'a>>,
}

fn source_view(d: &Dossier, s: usize) -> SourceView<'_> {
    let src = &d.sources[s];
    let path = format!("/sources/{}/", src.slug);
    SourceView {
        name: &src.name,
        slug: &src.slug,
        href: d.config.url(&path),
        path,
        article_count: src.articles.len(),
        quote_count: src
            .articles
            .iter()
            .map(|&a| d.articles[a].links.quote_count)
            .sum(),
        articles: src.articles.iter().map(|&a| d.article_summary(a)).collect(),
    }
}

fn sources_page(d: &Dossier) -> Page<'_> {
    let sources: Vec<SourceView> = (0..d.sources.len()).map(|s| source_view(d, s)).collect();
    Page {
        template: "sources.html",
        path: "sources/index.html".into(),
        site_path: "/sources/".into(),
        title: "Sources".into(),
        description: "The outlets whose reports make up this dossier.".into(),
        content: Content::Sources(sources),
    }
}

#[derive(Serialize)]
struct SourcePageView<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    top_entities: Vec<Related<'a>>,
    quotes: Vec<QuoteView<'a>>,
    missing_clusters: Vec<ClusterView<'a>>,
}

/// How many of the most widely reported statements an outlet does not carry its page
/// lists (the most widely reported first).
const MISSING_CLUSTERS_SHOWN: usize = 20;

fn source_page(d: &Dossier, s: usize) -> Page<'_> {
    let src = &d.sources[s];
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut quotes = Vec::new();
    for &a in &src.articles {
        for m in &d.articles[a].body.mentions {
            *counts.entry(m.entity).or_default() += 1;
        }
        for (qi, q) in d.articles[a].body.quotes.iter().enumerate() {
            if !q.is_term {
                quotes.push(d.quote_view((a, qi)));
            }
        }
    }
    let mut top: Vec<(usize, usize)> = counts.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let missing_clusters: Vec<ClusterView> = (0..d.clusters.len())
        .filter(|&c| d.clusters[c].sources.len() >= 2 && !d.clusters[c].sources.contains(&src.name))
        .take(MISSING_CLUSTERS_SHOWN)
        .map(|c| d.cluster_view(c))
        .collect();
    let view = SourcePageView {
        source: source_view(d, s),
        top_entities: top
            .iter()
            .take(12)
            .map(|&(e, count)| Related {
                entity: d.entity_summary(e),
                count,
            })
            .collect(),
        quotes,
        missing_clusters,
    };
    Page {
        template: "source.html",
        path: format!("sources/{}/index.html", src.slug),
        site_path: format!("/sources/{}/", src.slug),
        title: src.name.clone(),
        description: format!("Reports from {} in this dossier.", src.name),
        content: Content::Source(Box::new(view)),
    }
}

/// An event on the timeline. A long timeline has a hundred thousand, so the fields are
/// made only as they are read: when serialised for a template, or written straight
/// into the page by the built-in theme.
struct EventView<'a> {
    event: &'a crate::index::DatedEvent,
    article: ArticleSummary<'a>,
}

impl EventView<'_> {
    /// The sentence in its article: at the nearest mention or quote anchor.
    fn path(&self) -> String {
        match &self.event.anchor {
            Some(anchor) => format!("{}#{anchor}", self.article.path),
            None => self.article.path.to_string(),
        }
    }

    fn href(&self) -> String {
        match &self.event.anchor {
            Some(anchor) => format!("{}#{anchor}", self.article.href),
            None => self.article.href.to_string(),
        }
    }
}

impl Serialize for EventView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("EventView", 5)?;
        // The event's own date ("3 January 2020", "since late 2017").
        st.serialize_field("date_display", &self.event.event.display())?;
        // The sentence that reports it.
        st.serialize_field("text", &self.event.event.text)?;
        st.serialize_field("path", &self.path())?;
        st.serialize_field("href", &self.href())?;
        st.serialize_field("article", &self.article)?;
        st.end()
    }
}

#[derive(Serialize)]
struct DayView<'a> {
    /// Unique and URL-safe: `2020-01-03`, `2019-12-29-week`, `2019-10`, `2014`.
    key: String,
    /// For `<time datetime>`: a date, a month (`2019-10`) or a year.
    date: String,
    date_display: String,
    /// `day`, `week`, `month` or `year`.
    precision: &'static str,
    articles: Vec<ArticleSummary<'a>>,
    events: Vec<EventView<'a>>,
}

/// Events and articles grouped by the period they belong to, oldest first.
type TimelineGroups<'a> = std::collections::BTreeMap<
    crate::timeline::Period,
    (Vec<usize>, Vec<(&'a crate::index::DatedEvent, usize)>),
>;

/// The periods `keep` accepts, with their articles and events.
fn timeline_groups<'a>(
    d: &'a Dossier,
    keep: &dyn Fn(&crate::timeline::Period) -> bool,
) -> TimelineGroups<'a> {
    use crate::timeline::Period;
    let mut groups = TimelineGroups::new();
    // Oldest article first, so each period lists its reports in order.
    for i in (0..d.articles.len()).rev() {
        let a = &d.articles[i];
        let day = Period::day(a.article.date);
        if keep(&day) {
            groups.entry(day).or_default().0.push(i);
        }
        for ev in a.events.iter().filter(|ev| keep(&ev.event.period)) {
            groups.entry(ev.event.period).or_default().1.push((ev, i));
        }
    }
    for (_, events) in groups.values_mut() {
        events.sort_by_key(|(ev, _)| (ev.event.part, ev.event.relation));
    }
    groups
}

/// A timeline page: its periods, and the months when the timeline is paged.
struct TimelinePage<'a> {
    days: Vec<DayView<'a>>,
    months: Vec<MonthView>,
    /// The month this page shows (an index into `months`); `None` on the overview.
    month: Option<usize>,
    chart_svg: String,
}

impl TimelinePage<'_> {
    fn month(&self, k: Option<usize>) -> Option<&MonthView> {
        k.and_then(|k| self.months.get(k))
    }

    fn prev_month(&self) -> Option<&MonthView> {
        self.month(self.month.and_then(|k| k.checked_sub(1)))
    }

    fn next_month(&self) -> Option<&MonthView> {
        self.month(self.month.map(|k| k + 1))
    }
}

#[derive(Serialize)]
struct MonthView {
    key: String,
    display: String,
    href: String,
    /// Counted on the overview for every month, on a month page for that month only.
    articles: usize,
    events: usize,
    current: bool,
}

/// The timeline: every period on one page, or, for a long one (see
/// [`crate::timeline::ENTRIES_PER_PAGE`]), an overview of the months (`month` is
/// `None`) and a page per month.
fn timeline_page(d: &Dossier, month: Option<usize>) -> Page<'_> {
    use crate::timeline::{Precision, YearMonth};
    let paged = !d.timeline_months.is_empty();
    let month_href = |k: usize| {
        d.config
            .url(&format!("/timeline/{}/", d.timeline_months[k].key()))
    };
    let month_of = |period: &crate::timeline::Period| {
        d.timeline_months
            .binary_search(&YearMonth::of_period(period))
            .unwrap_or(0)
    };
    // A month page groups its own month only; the overview all of them (for the chart
    // and the counts), but lists none when the timeline is paged.
    // Comparing months directly (rather than looking each period's month up) keeps the
    // month pages' scans of every event cheap; a period whose month is not listed
    // belongs to the first.
    let groups = timeline_groups(d, &|p| match month {
        None => true,
        Some(k) => {
            let ym = YearMonth::of_period(p);
            ym == d.timeline_months[k] || (k == 0 && d.timeline_months.binary_search(&ym).is_err())
        }
    });
    let days: Vec<DayView> = groups
        .iter()
        .filter(|(period, _)| !paged || month == Some(month_of(period)))
        .map(|(period, (articles, events))| DayView {
            key: period.key(),
            date: period.datetime(),
            date_display: period.display(),
            precision: match period.precision {
                Precision::Day => "day",
                Precision::Week => "week",
                Precision::Month => "month",
                Precision::Year => "year",
            },
            articles: articles.iter().map(|&i| d.article_summary(i)).collect(),
            events: events
                .iter()
                .map(|&(ev, i)| EventView {
                    event: ev,
                    article: d.article_summary(i),
                })
                .collect(),
        })
        .collect();
    let mut months: Vec<MonthView> = d
        .timeline_months
        .iter()
        .enumerate()
        .map(|(k, m)| MonthView {
            key: m.key(),
            display: m.display(),
            href: month_href(k),
            articles: 0,
            events: 0,
            current: month == Some(k),
        })
        .collect();
    if paged {
        for (period, (articles, events)) in &groups {
            let m = &mut months[month_of(period)];
            m.articles += articles.len();
            m.events += events.len();
        }
    }
    let chart_svg = if month.is_none() {
        let chart_href = |period: &crate::timeline::Period| {
            if paged {
                format!("{}#d-{}", month_href(month_of(period)), period.key())
            } else {
                format!("#d-{}", period.key())
            }
        };
        timeline_chart(&groups, &chart_href)
    } else {
        String::new()
    };
    let page = TimelinePage {
        days,
        months,
        month,
        chart_svg,
    };
    let (path, site_path, title) = match month {
        None => (
            "timeline/index.html".to_string(),
            "/timeline/".to_string(),
            "Timeline".to_string(),
        ),
        Some(k) => {
            let m = &d.timeline_months[k];
            (
                format!("timeline/{}/index.html", m.key()),
                format!("/timeline/{}/", m.key()),
                format!("Timeline: {}", m.display()),
            )
        }
    };
    Page {
        template: "timeline.html",
        path,
        site_path,
        title,
        description: "The articles in order of publication, and the dated events they report."
            .into(),
        content: Content::Timeline(Box::new(page)),
    }
}

/// The timeline as a chart: a column per period, linking to it.
fn timeline_chart(
    groups: &TimelineGroups,
    href: &dyn Fn(&crate::timeline::Period) -> String,
) -> String {
    let mut columns = Vec::new();
    let mut reached: Option<time::Date> = None;
    for (period, (articles, events)) in groups {
        let gap_before = reached.is_some_and(|r| period.start > r.next_day().unwrap_or(r));
        reached = Some(reached.map_or(period.end(), |r| r.max(period.end())));
        columns.push(svg::ChartColumn {
            label: period.short_label(),
            title: period.display(),
            href: href(period),
            events: events.len(),
            articles: articles.len(),
            gap_before,
        });
    }
    svg::timeline_chart(ids::TIMELINE_CHART, &columns)
}

/// Graph nodes for entities, in the order of kinds on the entity index.
fn graph_nodes(d: &Dossier, entities: &[usize]) -> Vec<svg::GraphNode> {
    entities
        .iter()
        .map(|&e| {
            let s = d.entity_summary(e);
            svg::GraphNode {
                label: s.name.to_string(),
                kind: s.kind.to_string(),
                kind_label: s.kind_label.to_string(),
                href: s.href.to_string(),
                weight: s.mention_count,
            }
        })
        .collect()
}

/// Edges between `entities` (indices into it) from their paragraph co-mentions,
/// strongest first, at most `limit`.
fn graph_edges(d: &Dossier, entities: &[usize], limit: usize) -> Vec<svg::GraphEdge> {
    // An entity's co-mentions can run to thousands; look each up among a dozen.
    let index: rustc_hash::FxHashMap<usize, usize> =
        entities.iter().enumerate().map(|(i, &e)| (e, i)).collect();
    let mut edges = Vec::new();
    for (a, &ea) in entities.iter().enumerate() {
        for &(other, weight) in &d.entities[ea].related {
            if let Some(&b) = index.get(&other)
                && a < b
            {
                edges.push(svg::GraphEdge { a, b, weight });
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

/// Orders entities by kind (as on the entity index), keeping prominence within a kind.
fn by_kind(d: &Dossier, entities: &mut [usize]) {
    let rank = |e: usize| {
        crate::content::EntityKind::ALL
            .iter()
            .position(|&k| k == d.registry.entities[e].kind)
    };
    entities.sort_by_key(|&e| rank(e));
}

/// The home page's graph of who appears with whom: the most mentioned entities.
fn home_graph(d: &Dossier, by_prominence: &[usize]) -> String {
    let mut top: Vec<usize> = by_prominence.iter().copied().take(25).collect();
    by_kind(d, &mut top);
    let edges = graph_edges(d, &top, 3 * top.len());
    if top.len() < 2 || edges.is_empty() {
        return String::new();
    }
    let strongest = &edges[0];
    let text = svg::GraphText {
        title: "Who appears with whom".into(),
        desc: format!(
            "The {} most mentioned entities as circles, sized by their mentions and coloured by kind, joined where articles mention them in the same paragraph; the thicker the line, the more paragraphs they share. The strongest link is between {} and {} ({} paragraphs).",
            top.len(),
            d.registry.entities[top[strongest.a]].name,
            d.registry.entities[top[strongest.b]].name,
            strongest.weight
        ),
        caption: "Entities and who they are mentioned with (paragraphs shared)".into(),
    };
    svg::entity_graph(ids::HOME_GRAPH, &text, &graph_nodes(d, &top), &edges, None)
}

/// One entity and the entities mentioned with it, for its page.
fn entity_graph(d: &Dossier, e: usize) -> String {
    let related: Vec<usize> = d.entities[e]
        .related
        .iter()
        .take(12)
        .map(|&(r, _)| r)
        .collect();
    if related.is_empty() {
        return String::new();
    }
    let mut ring = related.clone();
    by_kind(d, &mut ring);
    let mut members = vec![e];
    members.extend(ring);
    let edges = graph_edges(d, &members, 4 * members.len());
    let name = &d.registry.entities[e].name;
    let text = svg::GraphText {
        title: format!("{name} and who appears with them"),
        desc: format!(
            "{name} in the middle, with the {} entities most often mentioned in the same paragraphs around it, sized by their mentions and coloured by kind; the thicker the line, the more paragraphs they share.",
            related.len()
        ),
        caption: format!("{name} and the entities mentioned with them (paragraphs shared)"),
    };
    svg::entity_graph(
        ids::ENTITY_GRAPH,
        &text,
        &graph_nodes(d, &members),
        &edges,
        Some(0),
    )
}

/// The quote index's grid of which outlets carry which widely reported statement.
fn coverage_svg(d: &Dossier) -> String {
    let clusters: Vec<&crate::index::QuoteCluster> = d
        .clusters
        .iter()
        .filter(|c| c.sources.len() >= 2)
        .take(20)
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
