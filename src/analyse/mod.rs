//! The analysis stage: each article on its own, from Markdown to the facts the link
//! stage consumes.
//!
//! An article body goes through [`markdown`] once: its events are made safe, the plain
//! text of every block collected, sentences split, entity mentions and quotations found
//! and attributed (the text algorithms of [`crate::annotate`]), and the annotated HTML
//! written. [`dates`] then finds the dated events its sentences report. The result, an
//! [`AnalysedArticle`], depends on nothing but the article, the registry, the
//! configuration and which other articles exist (for `article:` links), so articles
//! are analysed in parallel, and `serve` analyses an edited one again alone, with the
//! same [`Analyser`] the build made.
//!
//! Nothing here knows of other articles' contents: what depends on them (quote
//! clusters, which quote index page a quote link points at, entity statistics) is the
//! link stage's ([`crate::link`]).

pub mod blocks;
pub mod body;
pub mod dates;
pub mod events;
pub mod figures;
pub mod ids;
pub mod markdown;
pub mod marks;

use std::collections::HashSet;
use std::path::Path;

use crate::annotate::entities::EntityMatcher;
use crate::annotate::quotes::SpeakerNames;
use crate::config::Config;
use crate::content::load::{INDEX_FILE, REGISTRY_FILE};
use crate::content::{Article, Intro, Registry};
use crate::error::Diagnostic;
use body::{AnalyseContext, AnalysedBody, BodySource};
use markdown::analyse_body;

/// What analysing an article needs to know of the whole dossier, made once per load:
/// the registry's names indexed for matching and for attribution, and the slugs of the
/// articles that exist.
pub struct Analyser {
    matcher: EntityMatcher,
    speakers: SpeakerNames,
    slugs: HashSet<String>,
    /// Whether the theme gives an id to one of its own elements on a page with Markdown
    /// (see [`ids::PageIds`]); handed in by the caller, who knows the theme.
    reserved_id: fn(&str, &HashSet<String>) -> bool,
}

impl Analyser {
    pub fn new(
        registry: &Registry,
        slugs: HashSet<String>,
        reserved_id: fn(&str, &HashSet<String>) -> bool,
    ) -> Self {
        Analyser {
            matcher: EntityMatcher::new(registry),
            speakers: SpeakerNames::new(registry),
            slugs,
            reserved_id,
        }
    }

    /// The slugs of the articles that exist, which `article:` links may name.
    pub fn slugs(&self) -> &HashSet<String> {
        &self.slugs
    }

    /// Notes that an article appeared (`true` when it is new) or vanished.
    pub fn add_slug(&mut self, slug: &str) -> bool {
        self.slugs.insert(slug.to_string())
    }

    pub fn remove_slug(&mut self, slug: &str) {
        self.slugs.remove(slug);
    }

    fn context<'a>(&'a self, config: &'a Config, registry: &'a Registry) -> AnalyseContext<'a> {
        AnalyseContext {
            config,
            registry,
            matcher: &self.matcher,
            speakers: &self.speakers,
            article_slugs: &self.slugs,
            reserved_id: self.reserved_id,
        }
    }

    /// Analyses an article's body (mentions, quotes, annotated HTML) and finds its dated
    /// events. Errors in the body are in `body.diagnostics`. The Markdown source is not
    /// kept: everything later stages need of it is in the analysis.
    pub fn article(
        &self,
        mut article: Article,
        config: &Config,
        registry: &Registry,
    ) -> AnalysedArticle {
        let source = std::mem::take(&mut article.body);
        let language = article.language.as_deref().unwrap_or(&config.language);
        let body = analyse_body(
            &source,
            &BodySource {
                file: &article.file,
                first_line: article.body_line,
                slug: Some(&article.slug),
                corrections: &article.quotes,
                figure_corrections: &article.figures,
                date: Some(article.date),
                annotate: true,
                english: crate::language::is_english(language),
            },
            &self.context(config, registry),
        );
        AnalysedArticle::new(article, body, config)
    }

    /// Renders the home page's introduction and every entity's description: Markdown
    /// with no annotation, whose `entity:` and `article:` links still resolve. Their
    /// diagnostics, errors and warnings, come back with them.
    pub fn intro_and_descriptions(
        &self,
        intro: &Intro,
        config: &Config,
        registry: &Registry,
    ) -> (String, Vec<String>, Vec<Diagnostic>) {
        let ctx = self.context(config, registry);
        let plain = |body: &str, file: &Path, first_line: usize| {
            analyse_body(
                body,
                &BodySource {
                    file,
                    first_line,
                    slug: None,
                    corrections: &[],
                    figure_corrections: &[],
                    date: None,
                    annotate: false,
                    english: crate::language::is_english(&config.language),
                },
                &ctx,
            )
        };
        let intro = plain(&intro.body, Path::new(INDEX_FILE), intro.body_line);
        let mut diagnostics = intro.diagnostics;
        let descriptions = registry
            .entities
            .iter()
            .map(|e| {
                let r = plain(&e.description, Path::new(REGISTRY_FILE), e.line);
                diagnostics.extend(r.diagnostics);
                r.html
            })
            .collect();
        (intro.html, descriptions, diagnostics)
    }
}

/// An article with its analysis.
#[derive(Debug, Clone)]
pub struct AnalysedArticle {
    pub article: Article,
    pub body: AnalysedBody,
    pub links: ArticleLinks,
}

/// An article's addresses, dates and quote count as pages show them: made once, with its
/// analysis, rather than for each of the many pages (and quotes) that list the article.
#[derive(Debug, Clone)]
pub struct ArticleLinks {
    /// `2020-01-05`.
    pub date: String,
    /// `5 January 2020`.
    pub date_display: String,
    pub source_slug: String,
    /// `/sources/<slug>/`, and under the site's base path.
    pub source_path: String,
    pub source_href: String,
    /// `/articles/<slug>/`, and under the site's base path.
    pub path: String,
    pub href: String,
    /// Its quotes that are not terms.
    pub quote_count: usize,
}

impl ArticleLinks {
    fn of(article: &Article, body: &AnalysedBody, config: &Config) -> Self {
        let source_slug = crate::content::source_slug(&article.source);
        let source_path = format!("/sources/{source_slug}/");
        let path = format!("/articles/{}/", article.slug);
        ArticleLinks {
            date: article.date.to_string(),
            date_display: crate::text::display_date(article.date),
            source_href: config.url(&source_path),
            source_path,
            source_slug,
            href: config.url(&path),
            path,
            quote_count: body.quotes.iter().filter(|q| !q.is_term).count(),
        }
    }
}

impl AnalysedArticle {
    fn new(article: Article, body: AnalysedBody, config: &Config) -> Self {
        AnalysedArticle {
            links: ArticleLinks::of(&article, &body, config),
            article,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::article::parse_article;

    fn analyse(config: &str, body: &str) -> AnalysedArticle {
        let config = Config::parse(Path::new("."), config).expect("config");
        let registry = Registry::default();
        let text = format!(
            "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n+++\n{body}\n"
        );
        let article =
            parse_article(Path::new("content/articles/vote.md"), "vote", &text).expect("article");
        let analyser = Analyser::new(&registry, HashSet::from(["vote".into()]), |_, _| false);
        analyser.article(article, &config, &registry)
    }

    const QUOTED: &str = "“We will leave when the parliament asks us to go,” the envoy said.";

    #[test]
    fn quote_links_point_at_the_first_page_until_linked() {
        let a = analyse("title = \"T\"\nbase_url = \"/sub/\"\n", QUOTED);
        let [link] = a.body.quote_links.as_slice() else {
            panic!("{:?}", a.body.quote_links)
        };
        assert_eq!(link.quote, 0);
        assert_eq!(&a.body.html[link.href.clone()], "/sub/quotes/#vote-q-1");
        assert!(
            a.body
                .html
                .contains(r#"<a class="quote-link" href="/sub/quotes/#vote-q-1" title="#),
            "{}",
            a.body.html
        );
    }

    #[test]
    fn pointing_quote_links_moves_them_and_back() {
        let mut a = analyse("title = \"T\"\n", &format!("{QUOTED}\n\nThen: {QUOTED}"));
        assert_eq!(a.body.quote_links.len(), 2);
        let first = a.body.html.clone();
        // The second statement moves to the second page of the quote index.
        a.body.point_quote_links(|q, quote| match q {
            0 => format!("/quotes/#vote-{}", quote.anchor),
            _ => format!("/quotes/page/2/#vote-{}&more", quote.anchor),
        });
        assert_eq!(
            a.body.html,
            first.replace("/quotes/#vote-q-2", "/quotes/page/2/#vote-q-2&amp;more")
        );
        let hrefs: Vec<&str> = a
            .body
            .quote_links
            .iter()
            .map(|l| &a.body.html[l.href.clone()])
            .collect();
        assert_eq!(
            hrefs,
            ["/quotes/#vote-q-1", "/quotes/page/2/#vote-q-2&amp;more"]
        );
        // And back, as when a statement drops to the first page after an edit.
        a.body
            .point_quote_links(|_, quote| format!("/quotes/#vote-{}", quote.anchor));
        assert_eq!(a.body.html, first);
    }

    #[test]
    fn nul_in_the_body_is_replaced_and_never_taken_for_a_quote_link() {
        for config in [
            "title = \"T\"\n",
            "title = \"T\"\n[markdown]\nunsafe_html = true\n",
        ] {
            let body = format!("A\0b <span title=\"x\0y\">z\0</span>\n\n{QUOTED}\n\n`c\0d`");
            let a = analyse(config, &body);
            assert!(!a.body.html.contains('\0'), "{}", a.body.html);
            assert!(a.body.html.contains("A\u{FFFD}b"), "{}", a.body.html);
            let [link] = a.body.quote_links.as_slice() else {
                panic!("{:?}", a.body.quote_links)
            };
            assert_eq!(&a.body.html[link.href.clone()], "/quotes/#vote-q-1");
        }
    }

    #[test]
    fn addresses_follow_the_base_path() {
        let body = "![map](/images/map.png) [about](/about/) [x](/sub/about/) \
            ![plan](../../static/images/plan%20b.png?v=2#top) [other](../other/) \
            [near](images/map.png) [far](https://example.org/a) [here](#q-1) [mail](mailto:a@b.c) \
            [host](//cdn.example.org/x.js)";
        let html = |config: &str| analyse(config, body).body.html;
        let sub = html("title = \"T\"\nbase_url = \"https://example.org/sub/\"\n");
        for expected in [
            r#"src="/sub/images/map.png""#,
            r#"href="/sub/about/""#,
            r#"src="/sub/images/plan%20b.png?v=2#top""#,
            r#"href="../other/""#,
            r#"href="images/map.png""#,
            r#"href="https://example.org/a""#,
            r##"href="#q-1""##,
            r#"href="mailto:a@b.c""#,
            r#"href="//cdn.example.org/x.js""#,
        ] {
            assert!(sub.contains(expected), "{expected}\n{sub}");
        }
        assert!(!sub.contains("/sub/sub/"), "{sub}");
        // At the root of a host, root-relative addresses are already right.
        let root = html("title = \"T\"\n");
        assert!(root.contains(r#"src="/images/map.png""#), "{root}");
        assert!(
            root.contains(r#"src="/images/plan%20b.png?v=2#top""#),
            "{root}"
        );
    }

    #[test]
    fn article_links_are_noted_and_the_source_is_not_kept() {
        let a = analyse(
            "title = \"T\"\n",
            "See [the vote](article:vote) and [again](article:vote#q-1).",
        );
        assert_eq!(a.body.article_links, ["vote"]);
        assert_eq!(a.article.body, "");
    }
}
