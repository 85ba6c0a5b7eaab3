//! The built-in theme's pages, written straight from their views.
//!
//! A dossier has a page per article and per entity: thousands of them, and a few pages
//! (the home page, outlets, the timeline, the quote index) that list thousands of
//! items. Through Tera each page costs a `serde_json::Value` copy of its view and a
//! walk of the template tree that looks every variable up by name: that was over half
//! of a build's time. Here the same markup is written from the borrowed views.
//!
//! This is a second copy of the theme's `base.html`, `macros.html`, `index.html`,
//! `article.html`, `entity.html`, `source.html`, `sources.html`, `timeline.html` and
//! `quotes.html`, and it must make exactly what Tera makes of them: the tests in
//! `tests/native_theme.rs` render fixture dossiers both ways and compare every byte,
//! so a change to one of those templates without the same change here fails them. A
//! dossier that overrides a template gets Tera for the pages concerned
//! ([`super::theme::Theme::is_native`]); setting `DOSSIER_TERA_ONLY` sends every page
//! through Tera. The small fixed pages (search, 404, the entity index) stay with Tera.

use std::fmt::Write as _;

use super::theme::escape_into;
use super::views::{
    ArticleSummary, ClusterView, EntitySummary, InferredView, QuoteView, SiteView, SpeakerView,
};
use super::{
    ArticlePage, Content, EntityView, HomePage, QuotesPage, SourcePageView, SourceView,
    TimelinePage,
};
use crate::config::Config;

/// What `base.html` needs to know about the page it frames.
pub struct Chrome<'a> {
    pub site: &'a SiteView<'a>,
    pub config: &'a Config,
    pub title: &'a str,
    pub description: &'a str,
    /// The page's site path (`/articles/x/`).
    pub path: &'a str,
}

/// The page, written as the built-in theme's template for it would; `None` for a page
/// that has only a template context.
pub fn page(c: &Chrome, content: &Content) -> Option<String> {
    Some(match content {
        Content::Home(v) => home(c, v),
        Content::Article(p) => article(c, p),
        Content::Entity(v) => entity(c, v),
        Content::Source(v) => source(c, v),
        Content::Sources(v) => sources(c, v),
        Content::Timeline(p) => timeline(c, p),
        Content::Quotes(v) => quotes(c, v),
        Content::Context(_) => return None,
    })
}

/// A page's HTML being written.
struct Out(String);

impl Out {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Text, escaped as Tera escapes a variable.
    fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.0, s);
        self
    }

    fn num(&mut self, n: usize) -> &mut Self {
        let _ = write!(self.0, "{n}");
        self
    }

    /// `{{ n | pluralize }}`.
    fn plural(&mut self, n: usize) -> &mut Self {
        self.plural_as(n, "", "s")
    }

    fn plural_as(&mut self, n: usize, one: &str, many: &str) -> &mut Self {
        self.raw(if n == 1 { one } else { many })
    }
}

/// The parts of `base.html` a page fills in.
struct Blocks<'a> {
    og_type: &'a str,
    body_class: &'a str,
    head_meta: &'a dyn Fn(&mut Out),
    content: &'a dyn Fn(&mut Out),
}

/// `base.html` around `blocks`.
fn base(c: &Chrome, blocks: Blocks) -> String {
    let site = c.site;
    let bp = c.config.base_path.as_str();
    let is_home = c.path == "/";
    let plain_title = is_home || c.title.is_empty();
    let description = if c.description.is_empty() {
        site.description
    } else {
        c.description
    };
    let canonical = c.config.abs_url(c.path);
    let mut o = Out(String::with_capacity(32 * 1024));
    o.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(site.language)
        .raw("\" data-base=\"")
        .text(bp)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
    if plain_title {
        o.text(site.title);
    } else {
        o.text(c.title).raw(" · ").text(site.title);
    }
    o.raw("</title>");
    if !description.is_empty() {
        o.raw("\n<meta name=\"description\" content=\"")
            .text(description)
            .raw("\">");
    }
    o.raw("\n<link rel=\"canonical\" href=\"")
        .text(&canonical)
        .raw("\">\n<meta property=\"og:title\" content=\"")
        .text(if plain_title { site.title } else { c.title })
        .raw("\">");
    if !description.is_empty() {
        o.raw("\n<meta property=\"og:description\" content=\"")
            .text(description)
            .raw("\">");
    }
    o.raw("\n<meta property=\"og:url\" content=\"")
        .text(&canonical)
        .raw("\">\n<meta property=\"og:type\" content=\"")
        .raw(blocks.og_type)
        .raw("\">\n<meta property=\"og:site_name\" content=\"")
        .text(site.title)
        .raw("\">\n<meta property=\"og:locale\" content=\"")
        .text(site.language)
        .raw("\">\n<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"")
        .text(if plain_title { site.title } else { c.title })
        .raw("\">");
    if !description.is_empty() {
        o.raw("\n<meta name=\"twitter:description\" content=\"")
            .text(description)
            .raw("\">");
    }
    (blocks.head_meta)(&mut o);
    o.raw("\n<meta name=\"theme-color\" content=\"#faf8f3\" media=\"(prefers-color-scheme: light)\">\n<meta name=\"theme-color\" content=\"#16171a\" media=\"(prefers-color-scheme: dark)\">");
    if site.feed {
        o.raw("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
            .text(site.title)
            .raw("\" href=\"")
            .text(bp)
            .raw("feed.xml\">");
    }
    o.raw("\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"")
        .text(bp)
        .raw("favicon.svg\">\n<link rel=\"stylesheet\" href=\"")
        .text(bp)
        .raw("style.css\">\n<script src=\"")
        .text(bp)
        .raw("dossier.js\" defer></script>\n</head>\n<body class=\"")
        .raw(blocks.body_class)
        .raw("\">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n  <div class=\"site-header__inner\">\n    <a class=\"site-title\" href=\"")
        .text(bp)
        .raw("\"");
    if is_home {
        o.raw(" aria-current=\"page\"");
    }
    o.raw(">\n      <svg class=\"site-title__mark\" viewBox=\"0 0 32 32\" width=\"28\" height=\"28\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M6 3.5h13.5L26 10v18.5H6z\" fill=\"currentColor\" opacity=\".14\"/><path d=\"M6 3.5h13.5L26 10v18.5H6z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"/><path d=\"M19.5 3.5V10H26\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"/><path d=\"M11 15.5h10M11 19.5h10M11 23.5h6\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg>\n      <span class=\"site-title__text\">")
        .text(site.title)
        .raw("</span>\n    </a>\n    <nav class=\"site-nav\" aria-label=\"Main\">\n      <ul>\n        <li><a href=\"")
        .text(bp)
        .raw("\"");
    if is_home {
        o.raw(" aria-current=\"page\"");
    } else if c.path.starts_with("/articles/") {
        o.raw(" class=\"is-active\"");
    }
    o.raw(">Articles</a></li>");
    for (section, label) in [
        ("entities", "Entities"),
        ("quotes", "Quotes"),
        ("sources", "Sources"),
        ("timeline", "Timeline"),
    ] {
        o.raw("\n        <li><a href=\"")
            .text(bp)
            .raw(section)
            .raw("/\"");
        let here = c
            .path
            .strip_prefix('/')
            .and_then(|p| p.strip_prefix(section))
            .and_then(|p| p.strip_prefix('/'));
        match here {
            Some("") => o.raw(" aria-current=\"page\""),
            Some(_) => o.raw(" class=\"is-active\""),
            None => &mut o,
        };
        o.raw(">").raw(label).raw("</a></li>");
    }
    o.raw("\n        <li class=\"site-nav__search-item\"><a class=\"site-nav__search\" href=\"")
        .text(bp)
        .raw("search/\"");
    if c.path == "/search/" {
        o.raw(" aria-current=\"page\"");
    }
    o.raw("><svg viewBox=\"0 0 20 20\" width=\"15\" height=\"15\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"8.5\" cy=\"8.5\" r=\"5.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/><path d=\"M12.6 12.6 17 17\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg><span class=\"site-nav__label\">Search</span></a></li>\n      </ul>\n    </nav>\n  </div>\n</header>\n<main id=\"main\" class=\"site-main\" tabindex=\"-1\">\n");
    (blocks.content)(&mut o);
    o.raw("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"site-footer__inner\">\n    <p class=\"site-footer__title\"><a href=\"")
        .text(bp)
        .raw("\">")
        .text(site.title)
        .raw("</a></p>");
    if !site.description.is_empty() {
        o.raw("\n    <p class=\"site-footer__desc\">")
            .text(site.description)
            .raw("</p>");
    }
    let n = &site.counts;
    o.raw("\n    <p class=\"site-footer__counts\">\n      <a href=\"")
        .text(bp)
        .raw("\">")
        .num(n.articles)
        .raw(" article")
        .plural(n.articles)
        .raw("</a>\n      <span aria-hidden=\"true\">·</span> <a href=\"")
        .text(bp)
        .raw("sources/\">")
        .num(n.sources)
        .raw(" source")
        .plural(n.sources)
        .raw("</a>\n      <span aria-hidden=\"true\">·</span> <a href=\"")
        .text(bp)
        .raw("entities/\">")
        .num(n.entities)
        .raw(" entit")
        .plural_as(n.entities, "y", "ies")
        .raw("</a>\n      <span aria-hidden=\"true\">·</span> <a href=\"")
        .text(bp)
        .raw("quotes/\">")
        .num(n.quotes)
        .raw(" quote")
        .plural(n.quotes)
        .raw("</a>\n    </p>\n    <ul class=\"site-footer__links\">\n      <li><a href=\"")
        .text(bp)
        .raw("data/dossier.json\" type=\"application/json\">Data (JSON)</a></li>");
    if site.feed {
        o.raw("\n      <li><a href=\"")
            .text(bp)
            .raw("feed.xml\" type=\"application/atom+xml\">Atom feed</a></li>");
    }
    o.raw("\n      <li><a href=\"")
        .text(bp)
        .raw("search/\">Search</a></li>\n    </ul>\n  </div>\n</footer>\n</body>\n</html>\n");
    o.0
}

/// `base.html` around a page that keeps its `og_type` and `head_meta` blocks.
fn plain_page(c: &Chrome, body_class: &str, content: &dyn Fn(&mut Out)) -> String {
    base(
        c,
        Blocks {
            og_type: "website",
            body_class,
            head_meta: &|_| {},
            content,
        },
    )
}

/// `macros.html`: `names(list)`.
fn names(o: &mut Out, list: &[String]) {
    for (k, n) in list.iter().enumerate() {
        if k > 0 {
            o.raw(if k + 1 == list.len() { " and " } else { ", " });
        }
        o.text(n);
    }
}

/// `macros.html`: `date(a)`.
fn date(o: &mut Out, a: &ArticleSummary) {
    o.raw("<time datetime=\"").text(a.date);
    if let Some(t) = a.time.filter(|t| !t.is_empty()) {
        o.raw("T").text(t);
    }
    o.raw("\">").text(a.date_display);
    if let Some(t) = a.time.filter(|t| !t.is_empty()) {
        o.raw(", ").text(t);
    }
    o.raw("</time>");
}

/// `macros.html`: `speaker(s)`.
fn speaker(o: &mut Out, s: Option<&SpeakerView>) {
    match s {
        Some(s) => match (s.path, s.href) {
            (Some(_), href) => o
                .raw("<a class=\"speaker\" href=\"")
                .text(href.unwrap_or(""))
                .raw("\">")
                .text(s.name)
                .raw("</a>"),
            (None, _) => o
                .raw("<span class=\"speaker\">")
                .text(s.name)
                .raw("</span>"),
        },
        None => o.raw("<span class=\"speaker speaker--none\">Unattributed</span>"),
    };
    if let Some(i) = s.and_then(|s| s.inferred.as_ref()) {
        o.raw(" ");
        inferred(o, i);
    }
}

/// `macros.html`: `inferred(i)`.
fn inferred(o: &mut Out, i: &InferredView) {
    o.raw("<span class=\"speaker-inferred\">(inferred: attributed by <a href=\"")
        .text(&i.href)
        .raw("\" title=\"")
        .text(i.title)
        .raw("\">")
        .text(i.source)
        .raw("</a>)</span>");
}

/// `macros.html`: `entity_chip(e, count, label)` (with a count).
fn entity_chip(o: &mut Out, e: &EntitySummary, count: usize, label: &str) {
    o.raw("<a class=\"chip\" href=\"")
        .text(e.href)
        .raw("\" data-kind=\"")
        .text(e.kind)
        .raw("\" title=\"")
        .text(e.kind_label);
    if !e.summary.is_empty() {
        o.raw(": ").text(e.summary);
    }
    o.raw("\"><span class=\"chip__name\">")
        .text(e.name)
        .raw("</span><span class=\"chip__count\">")
        .num(count)
        .raw("<span class=\"visually-hidden\"> ")
        .text(label)
        .raw("</span></span></a>");
}

/// `macros.html`: `quote_block(q, show_speaker, show_article)`.
fn quote_block(o: &mut Out, q: &QuoteView, show_speaker: bool, show_article: bool) {
    o.raw("<figure class=\"quote-block\">\n  <blockquote");
    if let Some(url) = q.article.url.filter(|u| !u.is_empty()) {
        o.raw(" cite=\"").text(url).raw("\"");
    }
    o.raw("><p>“")
        .text(q.text)
        .raw("”</p></blockquote>\n  <figcaption>");
    if show_speaker {
        o.raw("<span class=\"quote-block__speaker\">");
        speaker(o, q.speaker.as_ref());
        o.raw("</span>");
    } else if let Some(i) = q.speaker.as_ref().and_then(|s| s.inferred.as_ref()) {
        o.raw("<span class=\"quote-block__speaker\">");
        inferred(o, i);
        o.raw("</span>");
    }
    o.raw("\n    <span class=\"quote-block__source\"><a href=\"")
        .text(&q.href)
        .raw("\">");
    if show_article {
        o.text(q.article.source)
            .raw(", ")
            .text(q.article.date_display);
    } else {
        o.raw("In context");
    }
    o.raw("</a></span>\n    <a class=\"quote-block__cluster\" href=\"")
        .text(q.cluster_href.as_deref().unwrap_or(""));
    if q.cluster_sources > 1 {
        o.raw("\">Reported by ")
            .num(q.cluster_sources)
            .raw(" outlets</a>");
    } else {
        o.raw("\">On the quote index</a>");
    }
    o.raw("\n  </figcaption>\n</figure>");
}

/// `macros.html`: `cluster_block(c)`.
fn cluster_block(o: &mut Out, c: &ClusterView) {
    o.raw("<figure class=\"quote-block quote-block--cluster\">\n  <blockquote><p>“")
        .text(c.text)
        .raw("”</p></blockquote>\n  <figcaption>\n    <span class=\"quote-block__speaker\">");
    speaker(o, c.speaker.as_ref());
    o.raw("</span>\n    <a class=\"quote-block__cluster\" href=\"")
        .text(&c.href)
        .raw("\">Reported by ")
        .num(c.source_count)
        .raw(" outlet")
        .plural(c.source_count)
        .raw("</a>");
    if !c.sources.is_empty() {
        o.raw("\n    <span class=\"quote-block__outlets\">");
        names(o, c.sources);
        o.raw("</span>");
    }
    o.raw("\n  </figcaption>\n</figure>");
}

/// `macros.html`: `article_card(a, level=3, show_source)`.
fn article_card(o: &mut Out, a: &ArticleSummary, show_source: bool) {
    o.raw("<article class=\"card\">");
    if show_source {
        o.raw("\n  <p class=\"kicker\"><a href=\"")
            .text(a.source_href)
            .raw("\">")
            .text(a.source)
            .raw("</a></p>");
    }
    o.raw("\n  <h3 class=\"card__title\"><a href=\"")
        .text(a.href)
        .raw("\">")
        .text(a.title)
        .raw("</a></h3>");
    if let Some(summary) = a.summary.filter(|x| !x.is_empty()) {
        o.raw("\n  <p class=\"card__summary\">")
            .text(summary)
            .raw("</p>");
    }
    o.raw("\n  <p class=\"meta\">");
    date(o, a);
    const SEP: &str = "<span class=\"meta__sep\" aria-hidden=\"true\"> · </span>";
    if !a.authors.is_empty() {
        o.raw(SEP).raw("<span class=\"meta__authors\">By ");
        names(o, a.authors);
        o.raw("</span>");
    }
    if a.mention_count > 0 {
        o.raw(SEP)
            .raw("<span class=\"meta__count\">")
            .num(a.mention_count)
            .raw(" mention")
            .plural(a.mention_count)
            .raw("</span>");
    }
    if a.quote_count > 0 {
        o.raw(SEP)
            .raw("<span class=\"meta__count\">")
            .num(a.quote_count)
            .raw(" quote")
            .plural(a.quote_count)
            .raw("</span>");
    }
    o.raw("</p>\n</article>");
}

/// `macros.html`: `article_line(a, show_source=false)`.
fn article_line_without_source(o: &mut Out, a: &ArticleSummary) {
    o.raw("<a class=\"article-line\" href=\"")
        .text(a.href)
        .raw("\"><span class=\"article-line__title\">")
        .text(a.title)
        .raw("</span>\n<span class=\"article-line__meta\">");
    date(o, a);
    o.raw("</span></a>");
}

/// `macros.html`: `article_line(a, show_date=false)`.
fn article_line_without_date(o: &mut Out, a: &ArticleSummary) {
    o.raw("<a class=\"article-line\" href=\"")
        .text(a.href)
        .raw("\"><span class=\"article-line__title\">")
        .text(a.title)
        .raw("</span>\n<span class=\"article-line__meta\">")
        .text(a.source);
    if let Some(t) = a.time.filter(|t| !t.is_empty()) {
        o.raw(" · <time datetime=\"")
            .text(a.date)
            .raw("T")
            .text(t)
            .raw("\">")
            .text(t)
            .raw("</time>");
    }
    o.raw("</span></a>");
}

/// `{{ text | truncate(length=n) }}`: the first `n` grapheme clusters and "…".
fn truncate(text: &str, n: usize) -> std::borrow::Cow<'_, str> {
    use unicode_segmentation::UnicodeSegmentation;
    match text.grapheme_indices(true).nth(n) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

/// `article.html`.
fn article(c: &Chrome, p: &ArticlePage) -> String {
    let a = &p.article;
    let s = &a.summary;
    let head_meta = |o: &mut Out| {
        o.raw("\n<meta property=\"article:published_time\" content=\"")
            .text(s.date);
        if let Some(t) = s.time.filter(|t| !t.is_empty()) {
            o.raw("T").text(t);
        }
        o.raw("\">");
        for author in s.authors {
            o.raw("\n<meta property=\"article:author\" content=\"")
                .text(author)
                .raw("\">");
        }
        for t in a.tags {
            o.raw("\n<meta property=\"article:tag\" content=\"")
                .text(t)
                .raw("\">");
        }
        o.raw("\n");
    };
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n<article class=\"article\" aria-labelledby=\"article-title\">\n  <header class=\"article-header\">\n    <p class=\"kicker\"><a href=\"")
            .text(s.source_href)
            .raw("\">")
            .text(s.source)
            .raw("</a></p>\n    <h1 class=\"article-title\" id=\"article-title\">")
            .text(s.title)
            .raw("</h1>");
        if let Some(summary) = s.summary.filter(|x| !x.is_empty()) {
            o.raw("\n    <p class=\"dek\">").text(summary).raw("</p>");
        }
        o.raw("\n    <div class=\"byline\">");
        if !s.authors.is_empty() {
            o.raw("\n      <p class=\"byline__authors\">By ");
            names(o, s.authors);
            o.raw("</p>");
        }
        o.raw("\n      <p class=\"byline__meta\">\n        <a class=\"byline__source\" href=\"")
            .text(s.source_href)
            .raw("\">")
            .text(s.source)
            .raw("</a><span class=\"meta__sep\" aria-hidden=\"true\"> · </span>");
        date(o, s);
        o.raw("\n      </p>");
        if let Some(url) = s.url.filter(|u| !u.is_empty()) {
            o.raw("\n      <p class=\"byline__link\"><a class=\"byline__original\" href=\"")
                .text(url)
                .raw("\" rel=\"external noopener\">Read the original at ")
                .text(s.source)
                .raw("<svg viewBox=\"0 0 12 12\" width=\"11\" height=\"11\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M4.5 2.5h5v5M9.5 2.5 3 9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg></a></p>");
        }
        o.raw("\n    </div>");
        if !a.tags.is_empty() {
            o.raw("\n    <ul class=\"tags\" aria-label=\"Tags\">");
            for t in a.tags {
                o.raw("\n      <li>").text(t).raw("</li>");
            }
            o.raw("\n    </ul>");
        }
        o.raw("\n  </header>\n\n  <div class=\"article-body prose\">\n    ")
            .raw(&a.content)
            .raw("\n  </div>\n\n  <aside class=\"article-aside\" aria-label=\"In this article\">");
        if !a.entities.is_empty() {
            o.raw("\n    <section class=\"side-section\" aria-labelledby=\"aside-entities-title\">\n      <h2 class=\"side-title\" id=\"aside-entities-title\">Who and what <span class=\"count\">")
                .num(a.entities.len())
                .raw("</span></h2>\n      <ul class=\"entity-list\">");
            for e in &a.entities {
                o.raw("\n        <li><a class=\"entity-row\" href=\"")
                    .text(e.summary.href)
                    .raw("\" data-kind=\"")
                    .text(e.summary.kind)
                    .raw("\"><span class=\"entity-row__name\">")
                    .text(e.summary.name)
                    .raw("</span><span class=\"entity-row__kind\">")
                    .text(e.summary.kind_label)
                    .raw("</span><span class=\"entity-row__count\" title=\"Mentions in this article\">")
                    .num(e.in_article)
                    .raw("<span class=\"visually-hidden\"> mention")
                    .plural(e.in_article)
                    .raw(" here</span></span></a></li>");
            }
            o.raw("\n      </ul>\n    </section>");
        }
        if !a.quotes.is_empty() {
            o.raw("\n    <section class=\"side-section\" aria-labelledby=\"aside-quotes-title\">\n      <h2 class=\"side-title\" id=\"aside-quotes-title\">Quoted <span class=\"count\">")
                .num(a.quotes.len())
                .raw("</span></h2>\n      <ol class=\"aside-quotes\">");
            for q in &a.quotes {
                o.raw("\n        <li>\n          <p class=\"aside-quotes__speaker\">");
                speaker(o, q.speaker.as_ref());
                o.raw("</p>\n          <p class=\"aside-quotes__text\"><a href=\"#")
                    .text(q.anchor)
                    .raw("\">“")
                    .text(&truncate(q.text, 140))
                    .raw("”</a></p>\n          <p class=\"aside-quotes__meta\"><a href=\"")
                    .text(q.cluster_href.as_deref().unwrap_or(""));
                if q.cluster_sources > 1 {
                    let others = q.cluster_sources - 1;
                    o.raw("\">Also in ")
                        .num(others)
                        .raw(" other outlet")
                        .plural(others)
                        .raw("</a></p>");
                } else {
                    o.raw("\">Only this outlet</a></p>");
                }
                o.raw("\n        </li>");
            }
            o.raw("\n      </ol>\n    </section>");
        }
        o.raw(LEGEND);
        if p.prev.is_some() || p.next.is_some() {
            o.raw("\n  <nav class=\"pager\" aria-label=\"Earlier and later articles\">");
            for (n, rel, label) in [(&p.prev, "prev", "Earlier"), (&p.next, "next", "Later")] {
                if let Some(n) = n {
                    o.raw("\n    <a class=\"pager__link pager__link--")
                        .raw(rel)
                        .raw("\" href=\"")
                        .text(n.href)
                        .raw("\" rel=\"")
                        .raw(rel)
                        .raw("\"><span class=\"pager__label\">")
                        .raw(label)
                        .raw("</span><span class=\"pager__title\">")
                        .text(n.title)
                        .raw("</span><span class=\"pager__meta\">")
                        .text(n.source)
                        .raw(" · ")
                        .text(n.date_display)
                        .raw("</span></a>");
                }
            }
            o.raw("\n  </nav>");
        }
        o.raw("\n</article>\n</div>\n<script type=\"application/json\" id=\"entity-cards\">")
            .raw(&p.cards_json)
            .raw("</script>\n");
    };
    base(
        c,
        Blocks {
            og_type: "article",
            body_class: "page page--article",
            head_meta: &head_meta,
            content: &content,
        },
    )
}

/// The article page's legend of marks, and the end of its aside.
const LEGEND: &str = "\n\n    <section class=\"side-section side-section--legend\" aria-labelledby=\"aside-legend-title\">\n      <h2 class=\"side-title\" id=\"aside-legend-title\">Reading the marks</h2>\n      <ul class=\"legend\">\n        <li>Names link to <span class=\"legend__sample legend__sample--mention\" data-kind=\"person\">people</span>, <span class=\"legend__sample legend__sample--mention\" data-kind=\"organization\">organisations</span>, <span class=\"legend__sample legend__sample--mention\" data-kind=\"place\">places</span> and <span class=\"legend__sample legend__sample--mention\" data-kind=\"other\">more</span>.</li>\n        <li><span class=\"legend__sample legend__sample--quote\">“Quotations”</span> are shaded; <span class=\"quote-link quote-link--sample\" aria-hidden=\"true\"></span> compares a quote across outlets.</li>\n        <li><span class=\"legend__sample legend__sample--term\">“Terms”</span> are short quoted words.</li>\n      </ul>\n    </section>\n  </aside>";

/// `entity.html`.
fn entity(c: &Chrome, v: &EntityView) -> String {
    let e = &v.summary;
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"page-header entity-header\" data-kind=\"")
            .text(e.kind)
            .raw("\">\n    <p class=\"kicker kicker--kind\" data-kind=\"")
            .text(e.kind)
            .raw("\"><a href=\"")
            .text(&c.config.url(&format!("/entities/#{}", e.index_section)))
            .raw("\">")
            .text(e.kind_label)
            .raw("</a></p>\n    <h1 class=\"page-title\">")
            .text(e.name)
            .raw("</h1>");
        if !e.summary.is_empty() && !v.description.contains(e.summary) {
            o.raw("\n    <p class=\"dek\">").text(e.summary).raw("</p>");
        }
        o.raw("\n    <ul class=\"stats\" aria-label=\"Coverage\">\n      <li><a href=\"#mentions\"><strong>")
            .num(e.mention_count)
            .raw("</strong> mention")
            .plural(e.mention_count)
            .raw("</a></li>\n      <li><strong>")
            .num(e.article_count)
            .raw("</strong> article")
            .plural(e.article_count)
            .raw("</li>\n      <li><strong>")
            .num(e.source_count)
            .raw("</strong> source")
            .plural(e.source_count)
            .raw("</li>");
        if !v.quotes.is_empty() {
            o.raw("\n      <li><a href=\"#quotes\"><strong>")
                .num(v.quotes.len())
                .raw("</strong> quote")
                .plural(v.quotes.len())
                .raw("</a></li>");
        }
        o.raw("\n    </ul>\n  </header>\n\n  <div class=\"layout\">\n    <div class=\"layout__main\">");
        if !v.description.is_empty() {
            o.raw("\n      <section class=\"prose entity-description\" aria-label=\"Description\">\n        ")
                .raw(v.description)
                .raw("\n      </section>");
        }
        if !v.quotes.is_empty() {
            o.raw("\n      <section id=\"quotes\" aria-labelledby=\"quotes-title\">\n        <h2 class=\"section-title\" id=\"quotes-title\">Quoted <span class=\"count\">")
                .num(v.quotes.len())
                .raw("</span></h2>\n        <ul class=\"quote-list\">");
            for q in &v.quotes {
                o.raw("\n          <li>");
                quote_block(o, q, false, true);
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>");
        }
        o.raw("\n\n      <section id=\"mentions\" aria-labelledby=\"mentions-title\">\n        <h2 class=\"section-title\" id=\"mentions-title\">Mentions <span class=\"count\">")
            .num(e.mention_count)
            .raw("</span></h2>");
        for group in &v.mentions_by_article {
            let a = &group.article;
            o.raw("\n        <section class=\"mention-group\" aria-labelledby=\"mg-")
                .text(a.slug)
                .raw("\">\n          <h3 class=\"mention-group__title\" id=\"mg-")
                .text(a.slug)
                .raw("\"><a href=\"")
                .text(a.href)
                .raw("\">")
                .text(a.title)
                .raw("</a></h3>\n          <p class=\"meta\"><a href=\"")
                .text(a.source_href)
                .raw("\">")
                .text(a.source)
                .raw("</a><span class=\"meta__sep\" aria-hidden=\"true\"> · </span>");
            date(o, a);
            o.raw("<span class=\"meta__sep\" aria-hidden=\"true\"> · </span>")
                .num(group.mentions.len())
                .raw(" mention")
                .plural(group.mentions.len())
                .raw("</p>\n          <ol class=\"kwic\">");
            for m in &group.mentions {
                o.raw("\n            <li>");
                m.write_html(&mut o.0);
                o.raw("</li>");
            }
            o.raw("\n          </ol>\n        </section>");
        }
        if v.mentions_by_article.is_empty() {
            o.raw("\n        <p class=\"empty\">No article mentions ")
                .text(e.name)
                // Tera strips no whitespace inside a loop's `else`.
                .raw(" yet.</p>\n        ");
        }
        o.raw("\n      </section>\n    </div>\n\n    <aside class=\"layout__side\" aria-label=\"About ")
            .text(e.name)
            .raw("\">");
        if !v.related.is_empty() {
            o.raw("\n      <section class=\"side-section\" aria-labelledby=\"related-title\">\n        <h2 class=\"side-title\" id=\"related-title\">Mentioned with</h2>\n        <ul class=\"chip-list\">");
            for r in &v.related {
                o.raw("\n          <li>");
                entity_chip(o, &r.entity, r.count, "articles together");
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>");
        }
        if !v.aliases.is_empty() || !v.aliases_seen.is_empty() {
            o.raw("\n      <section class=\"side-section\" aria-labelledby=\"names-title\">\n        <h2 class=\"side-title\" id=\"names-title\">Names</h2>\n        <dl class=\"names\">");
            for (list, label) in [
                (v.aliases_seen, "Written in articles as"),
                (v.aliases, "Also known as"),
            ] {
                if !list.is_empty() {
                    o.raw("\n          <dt>")
                        .raw(label)
                        .raw("</dt>\n          <dd><ul class=\"name-list\">");
                    for a in list {
                        o.raw("<li>").text(a).raw("</li>");
                    }
                    o.raw("</ul></dd>");
                }
            }
            o.raw("\n        </dl>\n      </section>");
        }
        if !v.links.is_empty() {
            o.raw("\n      <section class=\"side-section\" aria-labelledby=\"links-title\">\n        <h2 class=\"side-title\" id=\"links-title\">Elsewhere</h2>\n        <ul class=\"link-list\">");
            for l in v.links {
                let shown = l
                    .replace("https://", "")
                    .replace("http://", "")
                    .replace("www.", "");
                o.raw("\n          <li><a href=\"")
                    .text(l)
                    .raw("\" rel=\"external noopener\">")
                    .text(shown.trim_end_matches('/'))
                    .raw("</a></li>");
            }
            o.raw("\n        </ul>\n      </section>");
        }
        o.raw("\n    </aside>\n  </div>");
        if !v.graph_svg.is_empty() {
            o.raw("\n  <section class=\"figure-section\" aria-labelledby=\"graph-title\">\n    <h2 class=\"section-title\" id=\"graph-title\">Connections</h2>\n    <figure class=\"graphic graphic--graph\">\n      ")
                .raw(&v.graph_svg)
                .raw("\n      <figcaption>Entities mentioned in the same paragraphs as ")
                .text(e.name)
                .raw(". Larger circles are mentioned more often; thicker lines share more paragraphs.</figcaption>\n    </figure>\n  </section>");
        }
        o.raw("\n</div>\n");
    };
    base(
        c,
        Blocks {
            og_type: "profile",
            body_class: "page page--entity",
            head_meta: &|_| {},
            content: &content,
        },
    )
}

/// `source.html`.
fn source(c: &Chrome, v: &SourcePageView) -> String {
    let s = &v.source;
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"page-header\">\n    <p class=\"kicker kicker--plain\"><a href=\"")
            .text(&c.config.base_path)
            .raw("sources/\">Source</a></p>\n    <h1 class=\"page-title\">")
            .text(s.name)
            .raw("</h1>\n    <ul class=\"stats\" aria-label=\"In this dossier\">\n      <li><a href=\"#articles\"><strong>")
            .num(s.article_count)
            .raw("</strong> article")
            .plural(s.article_count)
            .raw("</a></li>\n      <li>");
        if v.quotes.is_empty() {
            o.raw("<strong>")
                .num(s.quote_count)
                .raw("</strong> quote")
                .plural(s.quote_count)
                .raw("</li>");
        } else {
            o.raw("<a href=\"#quotes\"><strong>")
                .num(s.quote_count)
                .raw("</strong> quote")
                .plural(s.quote_count)
                .raw("</a></li>");
        }
        if !v.missing_clusters.is_empty() {
            o.raw("\n      <li><a href=\"#missing\"><strong>")
                .num(v.missing_clusters.len())
                .raw("</strong> statement")
                .plural(v.missing_clusters.len())
                .raw(" not carried</a></li>");
        }
        o.raw("\n    </ul>\n  </header>\n\n  <div class=\"layout\">\n    <div class=\"layout__main\">\n      <section id=\"articles\" aria-labelledby=\"articles-title\">\n        <h2 class=\"section-title\" id=\"articles-title\">Articles <span class=\"count\">")
            .num(s.articles.len())
            .raw("</span></h2>\n        <ol class=\"card-list\">");
        for a in &s.articles {
            o.raw("\n          <li>");
            article_card(o, a, false);
            o.raw("</li>");
        }
        o.raw("\n        </ol>\n      </section>");
        if !v.quotes.is_empty() {
            o.raw("\n      <section id=\"quotes\" aria-labelledby=\"quotes-title\">\n        <h2 class=\"section-title\" id=\"quotes-title\">Quoted by ")
                .text(s.name)
                .raw(" <span class=\"count\">")
                .num(v.quotes.len())
                .raw("</span></h2>\n        <ul class=\"quote-list\">");
            for q in &v.quotes {
                o.raw("\n          <li>");
                quote_block(o, q, true, false);
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>");
        }
        if !v.missing_clusters.is_empty() {
            o.raw("\n      <section id=\"missing\" aria-labelledby=\"missing-title\">\n        <h2 class=\"section-title\" id=\"missing-title\">Not in ")
                .text(s.name)
                .raw(" <span class=\"count\">")
                .num(v.missing_clusters.len())
                .raw("</span></h2>\n        <p class=\"section-note\">Statements other outlets report that ")
                .text(s.name)
                .raw(" does not quote.</p>\n        <ul class=\"quote-list\">");
            for cl in &v.missing_clusters {
                o.raw("\n          <li>");
                cluster_block(o, cl);
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>");
        }
        o.raw("\n    </div>");
        if !v.top_entities.is_empty() {
            o.raw("\n    <aside class=\"layout__side\" aria-label=\"Most mentioned by ")
                .text(s.name)
                .raw("\">\n      <section class=\"side-section\" aria-labelledby=\"top-entities-title\">\n        <h2 class=\"side-title\" id=\"top-entities-title\">Most mentioned</h2>\n        <ul class=\"chip-list\">");
            for t in &v.top_entities {
                o.raw("\n          <li>");
                entity_chip(o, &t.entity, t.count, "mentions");
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>\n    </aside>");
        }
        o.raw("\n  </div>\n</div>\n");
    };
    plain_page(c, "page page--source", &content)
}

/// `timeline.html`.
fn timeline(c: &Chrome, p: &TimelinePage) -> String {
    let month = p.month(p.month);
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"page-header\">\n    <p class=\"kicker kicker--plain\">");
        match month {
            Some(_) => o
                .raw("<a href=\"")
                .text(&c.config.base_path)
                .raw("timeline/\">Chronology</a>"),
            None => o.raw("Chronology"),
        };
        o.raw("</p>\n    <h1 class=\"page-title\">");
        match month {
            Some(m) => o.text(&m.display),
            None => o.raw("Timeline"),
        };
        o.raw("</h1>");
        match month {
            Some(m) => o
                .raw("\n    <p class=\"dek\">")
                .num(m.articles)
                .raw(" article")
                .plural(m.articles)
                .raw(" and ")
                .num(m.events)
                .raw(" dated event")
                .plural(m.events)
                .raw(" in ")
                .text(&m.display)
                .raw(".</p>"),
            None => o.raw("\n    <p class=\"dek\">What happened when, as the articles tell it: each day’s reports, and the dated events they describe.</p>"),
        };
        if p.days.len() > 1 {
            o.raw("\n    <nav class=\"jump\" aria-label=\"Days\">\n      <ul>");
            for d in &p.days {
                o.raw("\n        <li><a href=\"#d-")
                    .text(&d.key)
                    .raw("\">")
                    .text(&d.date_display)
                    .raw("</a></li>");
            }
            o.raw("\n      </ul>\n    </nav>");
        }
        o.raw("\n  </header>");
        if !p.chart_svg.is_empty() {
            o.raw("\n  <figure class=\"graphic graphic--chart\">\n    ")
                .raw(&p.chart_svg)
                .raw("\n    <figcaption>Articles and events by day.</figcaption>\n  </figure>");
        }
        if !p.months.is_empty() && month.is_none() {
            o.raw("\n  <section aria-labelledby=\"months-title\">\n    <h2 class=\"section-title\" id=\"months-title\">Months <span class=\"count\">")
                .num(p.months.len())
                .raw("</span></h2>\n    <ol class=\"month-list\">");
            for mo in &p.months {
                o.raw("\n      <li><a href=\"")
                    .text(&mo.href)
                    .raw("\">")
                    .text(&mo.display)
                    .raw("</a> <span class=\"meta\">")
                    .num(mo.articles)
                    .raw(" article")
                    .plural(mo.articles)
                    .raw(" · ")
                    .num(mo.events)
                    .raw(" event")
                    .plural(mo.events)
                    .raw("</span></li>");
            }
            o.raw("\n    </ol>\n  </section>");
        }
        o.raw("\n\n  <ol class=\"timeline\">");
        for d in &p.days {
            o.raw("\n    <li class=\"day day--")
                .raw(d.precision)
                .raw("\" id=\"d-")
                .text(&d.key)
                .raw("\">\n      <h2 class=\"day__date\"><time datetime=\"")
                .text(&d.date)
                .raw("\">")
                .text(&d.date_display)
                .raw("</time></h2>\n      <div class=\"day__body\">");
            if !d.events.is_empty() {
                o.raw("\n        <ol class=\"events\" aria-label=\"Events\">");
                for ev in &d.events {
                    o.raw("\n          <li class=\"event\">\n            <p class=\"event__text\"><a href=\"")
                        .text(ev.article.href);
                    if let Some(anchor) = &ev.event.anchor {
                        o.raw("#").text(anchor);
                    }
                    o.raw("\">")
                        .text(&ev.event.event.text)
                        .raw("</a></p>\n            <p class=\"event__meta\">");
                    let date_display = ev.event.event.display();
                    if !date_display.is_empty() && date_display != d.date_display {
                        o.text(&date_display).raw(" · ");
                    }
                    o.raw("according to <a href=\"")
                        .text(ev.article.href)
                        .raw("\" title=\"")
                        .text(ev.article.title)
                        .raw("\">")
                        .text(ev.article.source)
                        .raw("</a></p>\n          </li>");
                }
                o.raw("\n        </ol>");
            }
            if !d.articles.is_empty() {
                o.raw("\n        <h3 class=\"day__subtitle\">Published <span class=\"count\">")
                    .num(d.articles.len())
                    .raw("</span></h3>\n        <ul class=\"article-lines\">");
                for a in &d.articles {
                    o.raw("\n          <li>");
                    article_line_without_date(o, a);
                    o.raw("</li>");
                }
                o.raw("\n        </ul>");
            }
            o.raw("\n      </div>\n    </li>");
        }
        if p.days.is_empty() {
            // Tera strips no whitespace inside a loop's `else`.
            o.raw("\n    ");
            if p.months.is_empty() {
                o.raw("\n    <li><p class=\"empty\">Nothing dated yet.</p></li>\n    ");
            }
            o.raw("\n    ");
        }
        o.raw("\n  </ol>");
        if month.is_some() {
            o.raw("\n  <nav class=\"pager\" aria-label=\"Earlier and later months\">");
            for (m, rel, label) in [
                (p.prev_month(), "prev", "Earlier"),
                (p.next_month(), "next", "Later"),
            ] {
                if let Some(m) = m {
                    o.raw("\n    <a class=\"pager__link pager__link--")
                        .raw(rel)
                        .raw("\" href=\"")
                        .text(&m.href)
                        .raw("\" rel=\"")
                        .raw(rel)
                        .raw("\"><span class=\"pager__label\">")
                        .raw(label)
                        .raw("</span><span class=\"pager__title\">")
                        .text(&m.display)
                        .raw("</span></a>");
                }
            }
            o.raw("\n  </nav>");
        }
        o.raw("\n</div>\n");
    };
    plain_page(c, "page page--timeline", &content)
}

/// `index.html`.
fn home(c: &Chrome, v: &HomePage) -> String {
    let site = c.site;
    let bp = c.config.base_path.as_str();
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"home-hero\">\n    <p class=\"kicker kicker--plain\">Dossier</p>\n    <h1 class=\"home-hero__title\">")
            .text(site.title)
            .raw("</h1>");
        if !site.description.is_empty() {
            o.raw("\n    <p class=\"dek\">")
                .text(site.description)
                .raw("</p>");
        }
        let n = &site.counts;
        o.raw("\n    <ul class=\"stats\" aria-label=\"In this dossier\">\n      <li><a href=\"#articles\"><strong>")
            .num(n.articles)
            .raw("</strong> article")
            .plural(n.articles)
            .raw("</a></li>\n      <li><a href=\"")
            .text(bp)
            .raw("sources/\"><strong>")
            .num(n.sources)
            .raw("</strong> source")
            .plural(n.sources)
            .raw("</a></li>\n      <li><a href=\"")
            .text(bp)
            .raw("entities/\"><strong>")
            .num(n.entities)
            .raw("</strong> entit")
            .plural_as(n.entities, "y", "ies")
            .raw("</a></li>\n      <li><a href=\"")
            .text(bp)
            .raw("quotes/\"><strong>")
            .num(n.quotes)
            .raw("</strong> quote")
            .plural(n.quotes)
            .raw("</a></li>\n      <li><a href=\"")
            .text(bp)
            .raw("quotes/\"><strong>")
            .num(n.clusters)
            .raw("</strong> statement")
            .plural(n.clusters)
            .raw("</a></li>\n    </ul>\n  </header>");
        if !v.intro.is_empty() {
            o.raw("\n  <div class=\"prose home-intro\">\n    ")
                .raw(v.intro)
                .raw("\n  </div>");
        }
        o.raw("\n\n  <div class=\"layout\">\n    <section class=\"layout__main\" id=\"articles\" aria-labelledby=\"articles-title\">\n      <h2 class=\"section-title\" id=\"articles-title\">Articles <span class=\"count\">")
            .num(v.articles.len())
            .raw("</span></h2>");
        if v.articles.is_empty() {
            o.raw("\n      <p class=\"empty\">No articles yet. Add Markdown files to <code>content/articles/</code>.</p>");
        } else {
            o.raw("\n      <ol class=\"card-list\">");
            for a in &v.articles {
                o.raw("\n        <li>");
                article_card(o, a, true);
                o.raw("</li>");
            }
            o.raw("\n      </ol>");
        }
        o.raw("\n    </section>\n\n    <aside class=\"layout__side\" aria-label=\"Overview\">");
        if !v.top_entities.is_empty() {
            o.raw("\n      <section class=\"side-section\" aria-labelledby=\"top-entities-title\">\n        <h2 class=\"side-title\" id=\"top-entities-title\">Most mentioned</h2>\n        <ul class=\"chip-list\">");
            for e in &v.top_entities {
                o.raw("\n          <li>");
                entity_chip(o, e, e.mention_count, "mentions");
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n        <p class=\"more\"><a href=\"")
                .text(bp)
                .raw("entities/\">All entities</a></p>\n      </section>");
        }
        if !v.top_clusters.is_empty() {
            o.raw("\n      <section class=\"side-section\" aria-labelledby=\"top-clusters-title\">\n        <h2 class=\"side-title\" id=\"top-clusters-title\">Most widely reported</h2>\n        <ul class=\"quote-list\">");
            for cl in &v.top_clusters {
                o.raw("\n          <li>");
                cluster_block(o, cl);
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n        <p class=\"more\"><a href=\"")
                .text(bp)
                .raw("quotes/\">Compare all quotes</a></p>\n      </section>");
        }
        o.raw("\n    </aside>\n  </div>");
        if !v.graph_svg.is_empty() {
            o.raw("\n  <section class=\"figure-section\" aria-labelledby=\"graph-title\">\n    <h2 class=\"section-title\" id=\"graph-title\">Who appears with whom</h2>\n    <figure class=\"graphic graphic--graph\">\n      ")
                .raw(&v.graph_svg)
                .raw("\n      <figcaption>The most mentioned entities, joined where an article names them in the same paragraph. Larger circles are mentioned more often; thicker lines share more paragraphs.</figcaption>\n    </figure>\n  </section>");
        }
        o.raw("\n</div>\n");
    };
    plain_page(c, "page page--home", &content)
}

/// `quotes.html`.
fn quotes(c: &Chrome, v: &QuotesPage) -> String {
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"page-header\">\n    <p class=\"kicker kicker--plain\">Index</p>\n    <h1 class=\"page-title\">Quotes");
        if v.page_number > 1 {
            o.raw(", page ").num(v.page_number);
        }
        let articles = c.site.counts.articles;
        o.raw("</h1>\n    <p class=\"dek\">")
            .num(v.cluster_count)
            .raw(" statement")
            .plural(v.cluster_count)
            .raw(" quoted across ")
            .num(articles)
            .raw(" article")
            .plural(articles)
            .raw(", compared outlet by outlet. The most widely reported come first");
        if !v.pages.is_empty() {
            o.raw(": statements ")
                .num(v.first_number)
                .raw(" to ")
                .num(v.last_number)
                .raw(" here");
        }
        o.raw(".</p>\n    <p class=\"diff-legend\">Against the most common wording, <ins>added words</ins> are underlined and <del>missing words</del> struck through.</p>\n    <nav class=\"jump\" aria-label=\"On this page\">\n      <ul>\n        <li><a href=\"#statements\">Statements <span class=\"count\">")
            .num(v.clusters.len())
            .raw("</span></a></li>");
        for (n, href, label) in [
            (v.pages.len(), "#quote-pages", "Pages"),
            (v.speakers.len(), "#speakers", "By speaker"),
            (v.terms.len(), "#terms", "Quoted terms"),
        ] {
            if n > 0 {
                o.raw("\n        <li><a href=\"")
                    .raw(href)
                    .raw("\">")
                    .raw(label)
                    .raw(" <span class=\"count\">")
                    .num(n)
                    .raw("</span></a></li>");
            }
        }
        o.raw("\n      </ul>\n    </nav>\n  </header>");
        if !v.coverage_svg.is_empty() {
            o.raw("\n  <figure class=\"graphic graphic--coverage\">\n    ")
                .raw(&v.coverage_svg)
                .raw("\n    <figcaption>Which outlets carry which statements.</figcaption>\n  </figure>");
        }
        o.raw("\n\n  <div class=\"layout layout--quotes\">\n    <section class=\"layout__main\" id=\"statements\" aria-labelledby=\"statements-title\">\n      <h2 class=\"section-title\" id=\"statements-title\">Statements</h2>");
        for cl in &v.clusters {
            statement(o, cl);
        }
        if v.clusters.is_empty() {
            // Tera strips no whitespace inside a loop's `else`.
            o.raw("\n      <p class=\"empty\">No quotations found yet.</p>\n      ");
        }
        if !v.pages.is_empty() {
            o.raw("\n      <nav class=\"page-list\" id=\"quote-pages\" aria-label=\"Pages of statements\">\n        <ol>");
            for p in &v.pages {
                o.raw("\n          <li><a href=\"").text(&p.href).raw("\"");
                if p.current {
                    o.raw(" aria-current=\"page\"");
                }
                o.raw(">").num(p.number).raw("</a></li>");
            }
            o.raw("\n        </ol>\n      </nav>");
        }
        o.raw("\n    </section>");
        if !v.speakers.is_empty() {
            o.raw("\n    <aside class=\"layout__side\" aria-label=\"Speakers\">\n      <section class=\"side-section side-section--sticky\" id=\"speakers\" aria-labelledby=\"speakers-title\">\n        <h2 class=\"side-title\" id=\"speakers-title\">By speaker</h2>\n        <ol class=\"speaker-index\">");
            for s in &v.speakers {
                o.raw("\n          <li>\n            <p class=\"speaker-index__name\">");
                speaker(o, Some(&s.speaker));
                o.raw(" <span class=\"count\" title=\"Quotes\">")
                    .num(s.count)
                    .raw("<span class=\"visually-hidden\"> quote")
                    .plural(s.count)
                    .raw("</span></span></p>\n            <ul class=\"cluster-refs\" aria-label=\"Statements\">");
                for r in &s.clusters {
                    o.raw("\n              <li><a href=\"")
                        .text(&r.href)
                        .raw("\" aria-label=\"Statement ")
                        .text(r.num)
                        .raw("\">")
                        .text(r.num)
                        .raw("</a></li>");
                }
                o.raw("\n            </ul>\n          </li>");
            }
            o.raw("\n        </ol>\n      </section>\n    </aside>");
        }
        o.raw("\n  </div>");
        if !v.terms.is_empty() {
            o.raw("\n  <section class=\"terms-section\" id=\"terms\" aria-labelledby=\"terms-title\">\n    <h2 class=\"section-title\" id=\"terms-title\">Quoted terms <span class=\"count\">")
                .num(v.terms.len())
                .raw("</span></h2>\n    <p class=\"section-note\">Short words and phrases that outlets put in quotation marks.</p>\n    <ul class=\"terms\">");
            for t in &v.terms {
                o.raw("\n      <li class=\"terms__item\">\n        <span class=\"terms__text\">“")
                    .text(t.text)
                    .raw("”</span>\n        <span class=\"terms__count\">")
                    .num(t.count)
                    .raw("&times;</span>\n        <span class=\"terms__articles\">");
                for (k, a) in t.articles.iter().enumerate() {
                    if k > 0 {
                        o.raw(", ");
                    }
                    o.raw("<a href=\"")
                        .text(a.href)
                        .raw("\" title=\"")
                        .text(a.title)
                        .raw("\">")
                        .text(a.source)
                        .raw("</a>");
                }
                o.raw("</span>\n      </li>");
            }
            o.raw("\n    </ul>\n  </section>");
        }
        o.raw("\n</div>\n");
    };
    plain_page(c, "page page--quotes", &content)
}

/// One statement on the quote index, with every outlet's wording.
fn statement(o: &mut Out, c: &ClusterView) {
    let num = c.id.replace("c-", "");
    let multi = c.variants.len() > 1;
    o.raw("\n      <section class=\"cluster");
    if multi {
        o.raw(" cluster--multi");
    }
    o.raw("\" id=\"")
        .text(c.id)
        .raw("\" aria-labelledby=\"")
        .text(c.id)
        .raw("-title\">\n        <header class=\"cluster__header\">\n          <p class=\"cluster__meta\"><a class=\"cluster__num\" href=\"#")
        .text(c.id)
        .raw("\" aria-label=\"Statement ")
        .text(&num)
        .raw("\">№&#8239;")
        .text(&num)
        .raw("</a> ");
    speaker(o, c.speaker.as_ref());
    o.raw("</p>\n          <h3 class=\"cluster__text\" id=\"")
        .text(c.id)
        .raw("-title\">“")
        .text(c.text)
        .raw("”</h3>\n          <p class=\"cluster__reach\"><span class=\"reach\" aria-hidden=\"true\">");
    for _ in c.sources {
        o.raw("<span class=\"reach__dot\"></span>");
    }
    o.raw("</span><span>Reported by <strong>")
        .num(c.source_count)
        .raw("</strong> outlet")
        .plural(c.source_count);
    if !c.sources.is_empty() {
        o.raw(": ");
        names(o, c.sources);
    }
    o.raw("</span></p>\n        </header>\n        <ol class=\"variants\">");
    for v in &c.variants {
        let q = &v.quote;
        let differs = v.diff_html.contains("<ins") || v.diff_html.contains("<del");
        o.raw("\n          <li class=\"variant");
        if v.is_representative {
            o.raw(" variant--rep");
        }
        if differs {
            o.raw(" variant--differs");
        }
        o.raw("\" id=\"")
            .text(q.article.slug)
            .raw("-")
            .text(q.anchor)
            .raw("\">\n            <p class=\"variant__source\">\n              <a class=\"variant__outlet\" href=\"")
            .text(q.article.source_href)
            .raw("\">")
            .text(q.article.source)
            .raw("</a>\n              <span class=\"variant__date\">");
        date(o, &q.article);
        o.raw("</span>");
        if v.is_representative && multi {
            o.raw("\n              <span class=\"badge\">Most common wording</span>");
        } else if !differs && multi {
            o.raw("\n              <span class=\"badge badge--quiet\">Same wording</span>");
        }
        o.raw("\n              <a class=\"variant__context\" href=\"")
            .text(&q.href)
            .raw("\">In context<span class=\"visually-hidden\">: ")
            .text(q.article.title)
            .raw("</span></a>\n            </p>");
        if differs {
            o.raw("\n            <p class=\"variant__text diff\">“")
                .raw(&v.diff_html)
                .raw("”</p>");
        }
        if let (Some(here), Some(theirs)) = (&q.speaker, &c.speaker)
            && here.name != theirs.name
        {
            o.raw("\n            <p class=\"variant__note\">Attributed here to ");
            speaker(o, Some(here));
            o.raw("</p>");
        } else if let Some(i) = q.speaker.as_ref().and_then(|s| s.inferred.as_ref()) {
            o.raw("\n            <p class=\"variant__note\">Speaker not named here ");
            inferred(o, i);
            o.raw("</p>");
        }
        o.raw("\n          </li>");
    }
    o.raw("\n        </ol>\n      </section>");
}

/// `sources.html`.
fn sources(c: &Chrome, sources: &[SourceView]) -> String {
    let content = |o: &mut Out| {
        o.raw("\n<div class=\"wrap\">\n  <header class=\"page-header\">\n    <p class=\"kicker kicker--plain\">Index</p>\n    <h1 class=\"page-title\">Sources</h1>\n    <p class=\"dek\">The ")
            .num(sources.len())
            .raw(" outlet")
            .plural(sources.len())
            .raw(" in this dossier, with what each published and whom it quoted.</p>\n  </header>\n\n  <ul class=\"source-grid\">");
        for s in sources {
            o.raw("\n    <li>\n      <section class=\"source-card\" aria-labelledby=\"source-")
                .text(s.slug)
                .raw("\">\n        <h2 class=\"source-card__name\" id=\"source-")
                .text(s.slug)
                .raw("\"><a href=\"")
                .text(&s.href)
                .raw("\">")
                .text(s.name)
                .raw("</a></h2>\n        <p class=\"meta\"><span class=\"meta__count\"><strong>")
                .num(s.article_count)
                .raw("</strong> article")
                .plural(s.article_count)
                .raw("</span><span class=\"meta__sep\" aria-hidden=\"true\"> · </span><span class=\"meta__count\"><strong>")
                .num(s.quote_count)
                .raw("</strong> quote")
                .plural(s.quote_count)
                .raw("</span></p>\n        <ul class=\"article-lines\">");
            for a in &s.articles {
                o.raw("\n          <li>");
                article_line_without_source(o, a);
                o.raw("</li>");
            }
            o.raw("\n        </ul>\n      </section>\n    </li>");
        }
        if sources.is_empty() {
            // Tera strips no whitespace inside a loop's `else`.
            o.raw("\n    <li><p class=\"empty\">No sources yet.</p></li>\n    ");
        }
        o.raw("\n  </ul>\n</div>\n");
    };
    plain_page(c, "page page--sources", &content)
}
