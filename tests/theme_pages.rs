//! What readers see, pinned: every kind of page of the example dossier, of a small
//! dossier that takes the templates' branches, and of an empty one, as snapshots
//! (`tests/snapshots/`). A change to a template or to what a page shows shows up here
//! as a diff to review (`INSTA_UPDATE=always cargo test --test theme_pages` to accept).

mod common;
#[path = "common/rich.rs"]
mod rich;

use std::path::Path;

use common::{Fixture, repo_root};

/// Builds the dossier at `root` into a fresh folder, and returns it.
fn build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .current_dir(root)
        .args(["build", "--output"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Snapshots each page (by its path in the site) under `prefix`.
fn snapshot_pages(prefix: &str, site: &Path, pages: &[&str]) {
    for page in pages {
        let html =
            std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let name = match page
            .trim_end_matches("index.html")
            .trim_end_matches(".html")
        {
            "" => "home".to_string(),
            path => path.trim_end_matches('/').replace('/', "_"),
        };
        let name = format!("{prefix}__{name}");
        insta::assert_snapshot!(name, html);
    }
}

#[test]
fn the_example_dossier_pages() {
    let out = build(&repo_root());
    snapshot_pages(
        "example",
        out.path(),
        &[
            "index.html",
            "articles/iraqi-parliament-votes-expel-us-troops/index.html",
            "entities/index.html",
            "entities/adel-abdul-mahdi/index.html",
            "entities/the-hill/index.html",
            "entities/united-states/index.html",
            "quotes/index.html",
            "figures/index.html",
            "sources/index.html",
            "sources/the-hill/index.html",
            "timeline/index.html",
            "search/index.html",
            "404.html",
        ],
    );
}

#[test]
fn a_rich_dossier_pages() {
    let f = rich::rich_fixture();
    let out = build(f.root());
    snapshot_pages(
        "rich",
        out.path(),
        &[
            "index.html",
            "articles/report-05/index.html",
            "entities/index.html",
            "entities/adel-abdul-mahdi/index.html",
            "entities/nobody-mentioned/index.html",
            "quotes/page/2/index.html",
            "sources/index.html",
            "sources/al-jazeera-co/index.html",
            "timeline/index.html",
            "timeline/2019-03/index.html",
        ],
    );
    let quotes = std::fs::read_to_string(out.path().join("quotes/index.html")).unwrap();
    for branch in ["variant--differs", "terms__item", "badge--quiet"] {
        assert!(quotes.contains(branch), "the fixture misses `{branch}`");
    }
}

#[test]
fn an_empty_dossier_pages() {
    let f = Fixture::empty();
    f.write("dossier.toml", "title = \"Empty\"\n");
    f.write(
        "content/entities.toml",
        "[[entity]]\nname = \"Iraq\"\nkind = \"place\"\n",
    );
    let out = build(f.root());
    snapshot_pages(
        "empty",
        out.path(),
        &[
            "index.html",
            "entities/index.html",
            "entities/iraq/index.html",
            "quotes/index.html",
            "sources/index.html",
            "timeline/index.html",
        ],
    );
}

/// A dossier's own templates win over the built-in ones, a component or the base
/// template as much as a page's, and every page that uses them changes.
#[test]
fn a_dossier_template_overrides_the_built_in_one() {
    let f = Fixture::new();
    f.write(
        "templates/components.html",
        &std::fs::read_to_string(repo_root().join("templates/components.html"))
            .unwrap()
            .replace("<span class=\"speaker\">", "<span class=\"speaker own\">")
            .replace("<time datetime=", "<time data-own=\"yes\" datetime="),
    );
    f.write(
        "templates/entity.html",
        "{% extends \"base.html\" %}{% block content %}<p>own entity page: {{ entity.name }}</p>{% endblock content %}",
    );
    f.write(
        "templates/base.html",
        &std::fs::read_to_string(repo_root().join("templates/base.html"))
            .unwrap()
            .replace("<body class=", "<body data-own-base=\"yes\" class="),
    );
    f.build_ok();
    let entity = f.read("public/entities/iraq/index.html");
    assert!(entity.contains("<p>own entity page: Iraq</p>"), "{entity}");
    let article = f.read("public/articles/first/index.html");
    assert!(article.contains("<time data-own=\"yes\""), "{article}");
    for page in [
        "index.html",
        "articles/first/index.html",
        "entities/iraq/index.html",
        "404.html",
    ] {
        let html = f.read(&format!("public/{page}"));
        assert!(
            html.contains("<body data-own-base=\"yes\" class="),
            "{page}: {html}"
        );
    }
}

/// The charts are drawn and worded by `charts.html` from the layout the program gives,
/// so a dossier's own `charts.html` rewords them.
#[test]
fn a_dossier_charts_template_rewords_the_charts() {
    let f = Fixture::new();
    let built_in = std::fs::read_to_string(repo_root().join("templates/charts.html")).unwrap();
    let own = built_in
        .replace("Who appears with whom{", "Qui apparaît avec qui{")
        .replace(" and who appears with them{", " et son entourage{");
    assert_eq!(own.matches("Qui apparaît").count(), 1);
    assert_eq!(own.matches("son entourage").count(), 1);
    f.write("templates/charts.html", &own);
    f.build_ok();
    let home = f.read("public/index.html");
    assert!(
        home.contains("<title id=\"home-graph-title\">Qui apparaît avec qui</title>"),
        "{home}"
    );
    let entity = f.read("public/entities/iraq/index.html");
    assert!(
        entity.contains("<title id=\"entity-graph-title\">Iraq et son entourage</title>"),
        "{entity}"
    );
}
