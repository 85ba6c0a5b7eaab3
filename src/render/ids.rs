//! The ids the built-in theme gives its own elements, which Markdown must leave alone.
//!
//! An article body, the home page's introduction and an entity's description share
//! their page with the theme's markup, and an id may occur only once in a page: a
//! heading that took `main` would break the skip link, one that took `entity-hovercard`
//! the hover cards. The build hands [`is_theme_id`] to the analysis ([`crate::analyse::Analyser`]), which asks it which ids are taken. They are read
//! from the built-in templates and scripts themselves, so a new id in the theme is
//! reserved without a list to keep; only the ids the templates are given as data are
//! named here: the charts'. Each chart's layout ([`super::charts`]) carries its id, and
//! the chart's component in `charts.html` gives it to the picture, its title
//! (`<id>-title`) and its description (`<id>-desc`).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::theme::{THEME_STATIC, THEME_TEMPLATES};

/// The chart on the home page (who appears with whom).
pub const HOME_GRAPH: &str = "home-graph";
/// The chart on an entity's page.
pub const ENTITY_GRAPH: &str = "entity-graph";
/// The chart of the timeline.
pub const TIMELINE_CHART: &str = "timeline-chart";
/// The grid of the quote index.
pub const COVERAGE_CHART: &str = "coverage";

/// Ids given as data or made in Rust code: each chart's, its title's and its
/// description's (see [`super::charts`]), and the live-reload error overlay of `serve`.
fn code_ids() -> impl Iterator<Item = String> {
    [HOME_GRAPH, ENTITY_GRAPH, TIMELINE_CHART, COVERAGE_CHART]
        .into_iter()
        .flat_map(|c| [c.to_string(), format!("{c}-title"), format!("{c}-desc")])
        .chain(["dossier-error-overlay".to_string()])
}

/// Every fixed id of the built-in theme.
static THEME_IDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let templates = THEME_TEMPLATES.files().filter_map(|f| f.contents_utf8());
    let scripts = THEME_STATIC
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "js"))
        .filter_map(|f| f.contents_utf8());
    let mut ids: HashSet<String> = templates
        .flat_map(|t| literal_values(t, " id=\""))
        .chain(scripts.flat_map(|s| literal_values(s, ".id = \"")))
        .map(str::to_string)
        .collect();
    ids.extend(code_ids());
    ids
});

/// The values in `text` that follow `prefix` up to the next `"`, leaving out those a
/// template fills in (`{{ … }}`): see [`is_theme_id`] for those.
fn literal_values<'a>(text: &'a str, prefix: &'a str) -> impl Iterator<Item = &'a str> {
    text.match_indices(prefix).filter_map(move |(i, _)| {
        let rest = &text[i + prefix.len()..];
        let value = &rest[..rest.find('"')?];
        (!value.contains('{')).then_some(value)
    })
}

/// Whether the theme may give `id` to an element of a page that has Markdown in it:
/// one of its fixed ids, or an entity page's group of the mentions in one article
/// (`mg-<article slug>`). The theme's other made ids (`d-…` on the timeline, `source-…`,
/// the quote index's) are on pages without Markdown.
pub fn is_theme_id(id: &str, article_slugs: &HashSet<String>) -> bool {
    THEME_IDS.contains(id)
        || id
            .strip_prefix("mg-")
            .is_some_and(|slug| article_slugs.contains(slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The templates of pages that show Markdown: an article's, the home page's (the
    /// introduction) and an entity's (its description), and those they build on.
    const MARKDOWN_PAGES: [&str; 6] = [
        "base.html",
        "components.html",
        "charts.html",
        "article.html",
        "index.html",
        "entity.html",
    ];

    #[test]
    fn fixed_ids_are_read_from_templates_scripts_and_code() {
        let none = HashSet::new();
        for id in [
            "main",
            "aside-entities-title",
            "graph-title",
            "article-title",
            "entity-hovercard",
            "home-graph-title",
            "search-input",
        ] {
            assert!(is_theme_id(id, &none), "{id}");
        }
        assert!(!is_theme_id("background", &none));
        assert!(!is_theme_id("mg-first", &none));
        assert!(is_theme_id(
            "mg-first",
            &HashSet::from(["first".to_string()])
        ));
    }

    /// A template id made from data on a page with Markdown must be one
    /// [`is_theme_id`] knows: this fails when a new one is added to such a page.
    #[test]
    fn made_ids_on_markdown_pages_are_known() {
        for name in MARKDOWN_PAGES {
            let text = THEME_TEMPLATES
                .get_file(name)
                .and_then(|f| f.contents_utf8())
                .expect("built-in template");
            let made: Vec<&str> = text
                .match_indices(" id=\"")
                .map(|(i, _)| {
                    let rest = &text[i + 5..];
                    &rest[..rest.find('"').expect("closing quote")]
                })
                .filter(|v| v.contains('{'))
                .collect();
            let known: &[&str] = match name {
                "entity.html" => &["mg-{{ a.slug }}"],
                // The charts' ids, given as data: those of `code_ids`.
                "charts.html" => &[
                    "{{ chart.id }}",
                    "{{ chart.id }}-title",
                    "{{ chart.id }}-desc",
                    "{{ graph.id }}",
                    "{{ graph.id }}-title",
                    "{{ graph.id }}-desc",
                    "{{ grid.id }}",
                    "{{ grid.id }}-title",
                    "{{ grid.id }}-desc",
                ],
                _ => &[],
            };
            assert_eq!(made, known, "{name}");
        }
    }
}
