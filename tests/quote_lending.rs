//! Speakers lent across outlets: one article attributes a statement, another reports the
//! same words without a speaker, and the built site shows the second copy's speaker as
//! inferred, linked to where it was attributed, on its article page, the speaker's
//! entity page, the quote index and in the data export.

mod common;

use common::{CONFIG, Fixture, REGISTRY};

const PLEDGE: &str = "We will not raise taxes on working families this year or next";

/// The Courier's first paragraph: it names Abdul Mahdi and Ali Allawi, but not as
/// speakers.
const COURIER_LEAD: &str =
    "The budget that Abdul Mahdi and Ali Allawi drew up was published on Tuesday.";

/// The inferred mark for a speaker lent by the Herald's article.
const MARK: &str = "<span class=\"speaker-inferred\">(inferred: attributed by <a href=\"/sub/articles/herald/#q-1\" title=\"Budget pledge\">The Herald</a>)</span>";

fn article(slug: &str, title: &str, source: &str, body: &str) -> (String, String) {
    (
        format!("content/articles/{slug}.md"),
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2020-01-05\nsource = \"{source}\"\n+++\n{body}\n"
        ),
    )
}

/// A dossier of the Herald's attributed pledge, the Courier's copy with `courier` as
/// its paragraph, and any `more` articles (slug, title, source, body).
fn dossier(courier: &str, more: &[(&str, &str, &str, &str)]) -> Fixture {
    let f = Fixture::empty();
    f.write("dossier.toml", CONFIG);
    f.write("content/entities.toml", REGISTRY);
    f.write("content/_index.md", "Welcome.\n");
    let herald = format!("“{PLEDGE},” Abdul Mahdi said on Tuesday.");
    let courier = format!("{COURIER_LEAD}\n\n{courier}");
    let mut articles = vec![
        article("herald", "Budget pledge", "The Herald", &herald),
        article("courier", "Budget day", "The Courier", &courier),
    ];
    articles.extend(
        more.iter()
            .map(|&(slug, title, source, body)| article(slug, title, source, body)),
    );
    for (path, text) in articles {
        f.write(&path, &text);
    }
    f.build_ok();
    f
}

/// The Courier's copy of the pledge, standing alone in its paragraph.
fn copied() -> String {
    format!("“{PLEDGE}.”")
}

/// The export's quotes of an article, as (text, speaker).
fn export_quotes(f: &Fixture, slug: &str) -> Vec<(String, serde_json::Value)> {
    let data: serde_json::Value = common::read_export(&f.path("public"));
    data["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["article"] == slug)
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                q["speaker"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_article_page_shows_a_lent_speaker_marked_as_inferred() {
    let f = dossier(&copied(), &[]);
    let page = f.read("public/articles/courier/index.html");
    let shown = format!(
        "<p class=\"aside-quotes__speaker\"><a class=\"speaker\" href=\"/sub/entities/adel-abdul-mahdi/\">Adel Abdul Mahdi</a> {MARK}</p>"
    );
    assert!(page.contains(&shown), "{page}");
    // The article that names the speaker shows no mark.
    let herald = f.read("public/articles/herald/index.html");
    assert!(!herald.contains("speaker-inferred"), "{herald}");
}

#[test]
fn the_entity_page_lists_the_lent_quote_with_its_mark() {
    let f = dossier(&copied(), &[]);
    let page = f.read("public/entities/adel-abdul-mahdi/index.html");
    assert!(page.contains("<strong>2</strong> quotes"), "{page}");
    // Listed with the article that carries it, marked as lent.
    assert!(
        page.contains(&format!(
            "<li><a href=\"/sub/articles/courier/#q-1\">“We will not raise taxes on working families this year or next.”</a> {MARK} <a class=\"group-quotes__cluster\" href=\"/sub/quotes/#c-1\">Reported by 2 outlets</a></li>"
        )),
        "{page}"
    );
}

#[test]
fn the_quote_index_says_which_copy_does_not_name_the_speaker() {
    let f = dossier(&copied(), &[]);
    let page = f.read("public/quotes/index.html");
    assert!(
        page.contains(&format!(
            "<p class=\"variant__note\">Speaker not named here {MARK}</p>"
        )),
        "{page}"
    );
}

#[test]
fn the_export_carries_the_inferred_speaker_and_where_it_was_named() {
    let f = dossier(&copied(), &[]);
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier.len(), 1);
    assert_eq!(
        courier[0].1,
        serde_json::json!({
            "entity": "adel-abdul-mahdi",
            "name": "Adel Abdul Mahdi",
            "inferred": true,
            "inferred_from": "herald#q-1"
        })
    );
    let herald = export_quotes(&f, "herald");
    assert_eq!(
        herald[0].1,
        serde_json::json!({"entity": "adel-abdul-mahdi", "name": "Adel Abdul Mahdi", "inferred": false})
    );
}

#[test]
fn disagreeing_attributions_lend_nothing() {
    let f = dossier(
        &copied(),
        &[(
            "gazette",
            "Budget row",
            "The Gazette",
            &format!("“{PLEDGE},” the finance minister Ali Allawi said."),
        )],
    );
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier[0].1, serde_json::Value::Null);
    let page = f.read("public/articles/courier/index.html");
    assert!(!page.contains("speaker-inferred"), "{page}");
    assert!(
        page.contains("<p class=\"aside-quotes__speaker\"><span class=\"speaker speaker--none\">Unattributed</span></p>"),
        "{page}"
    );
}

#[test]
fn a_short_shared_quotation_lends_nothing() {
    // Five words: a phrase many people say, though here the very same words.
    let f = dossier(
        "Critics mocked the pledge: “We will not raise taxes.”",
        &[(
            "post",
            "Taxes",
            "The Post",
            "“We will not raise taxes,” Abdul Mahdi said on Wednesday.",
        )],
    );
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier[0].0, "We will not raise taxes.");
    assert_eq!(courier[0].1, serde_json::Value::Null);
}

#[test]
fn a_phrase_lifted_from_a_fuller_quotation_lends_nothing() {
    // Contained in the attributed quotation, but woven into another sentence: the
    // opposition repeating it, not the speaker saying it.
    let f = dossier(
        "The opposition called the promise to “not raise taxes on working families this year” a fantasy.",
        &[],
    );
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier[0].1, serde_json::Value::Null);
    let page = f.read("public/articles/courier/index.html");
    assert!(!page.contains("speaker-inferred"), "{page}");
}

#[test]
fn the_inferred_mark_is_on_every_page_that_shows_the_quote() {
    let f = dossier(&copied(), &[]);
    for page in [
        "articles/courier/index.html",
        "entities/adel-abdul-mahdi/index.html",
        "quotes/index.html",
    ] {
        let html = f.read(&format!("public/{page}"));
        assert!(html.contains(MARK), "{page}: {html}");
    }
}

#[test]
fn serve_redraws_the_borrowers_when_the_lending_article_changes_its_speaker() {
    use dossier::build::{BuildOptions, build_in_memory};
    use dossier::serve::incremental::Model;
    use dossier::serve::watch::{Change, Changes};

    let f = dossier(&copied(), &[]);
    let opts = BuildOptions {
        root: f.root().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let (mut model, _) = Model::load(&opts).unwrap();
    let page =
        |model: &Model, path: &str| String::from_utf8_lossy(&model.site().files[path]).into_owned();
    assert!(
        page(&model, "articles/courier/index.html")
            .contains("Adel Abdul Mahdi</a> <span class=\"speaker-inferred\">")
    );

    // The Herald now gives the pledge to someone outside the registry, still
    // mentioning Abdul Mahdi once: nothing changes but who said it.
    let mut edit = |body: &str| {
        let (path, text) = article("herald", "Budget pledge", "The Herald", body);
        f.write(&path, &text);
        let mut changes = Changes::default();
        changes.add(Change::Article(path.into()));
        model.rebuild(&changes);
        assert!(model.errors().is_empty(), "{:?}", model.errors());
    };
    edit(&format!(
        "“{PLEDGE},” Abdul Mahdi said. Ali Allawi stood by."
    ));
    edit(&format!(
        "“{PLEDGE},” Ali Allawi said. Abdul Mahdi stood by."
    ));

    let full = build_in_memory(&opts).unwrap();
    for path in [
        "articles/courier/index.html",
        "entities/adel-abdul-mahdi/index.html",
        "quotes/index.html",
    ] {
        let built = full.files.iter().find(|x| x.path == path).unwrap();
        assert!(
            page(&model, path).as_bytes() == &built.bytes[..],
            "`{path}` differs from a full build"
        );
    }
    let courier = page(&model, "articles/courier/index.html");
    assert!(
        courier.contains(
            "<span class=\"speaker\">Ali Allawi</span> <span class=\"speaker-inferred\">"
        ),
        "{courier}"
    );
    assert!(!page(&model, "entities/adel-abdul-mahdi/index.html").contains("speaker-inferred"));
}

/// Rewrites the Courier's article with `front` added to its front matter and `lead` as
/// its first paragraph, and builds again.
fn rewrite_courier(f: &Fixture, front: &str, lead: &str) {
    f.write(
        "content/articles/courier.md",
        &format!(
            "+++\ntitle = \"Budget day\"\ndate = 2020-01-05\nsource = \"The Courier\"\n{front}+++\n{lead}\n\n{}\n",
            copied()
        ),
    );
    f.build_ok();
}

#[test]
fn a_correction_to_no_speaker_is_not_overridden() {
    let f = dossier(&copied(), &[]);
    rewrite_courier(
        &f,
        "\n[[quotes]]\ntext = \"We will not raise\"\nspeaker = \"\"\n",
        COURIER_LEAD,
    );
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier[0].1, serde_json::Value::Null);
}

#[test]
fn a_copy_in_an_article_that_never_names_the_speaker_borrows_nothing() {
    let f = dossier(&copied(), &[]);
    rewrite_courier(&f, "", "The budget was published on Tuesday.");
    let courier = export_quotes(&f, "courier");
    assert_eq!(courier[0].1, serde_json::Value::Null);
}
