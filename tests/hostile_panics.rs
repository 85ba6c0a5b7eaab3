//! Hostile input that used to panic or overflow the stack: dates at the ends of the
//! calendar, templates that include themselves, and paragraphs that start with a
//! connector word. Each gets a built site or a located error, never a panic.

mod common;
mod serve_support;

use std::time::Duration;

use common::{Fixture, article, one_error};
use dossier::annotate::TextBlock;
use dossier::annotate::suggest::{SuggestInput, suggest_entities};
use dossier::content::registry::Registry;
use proptest::prelude::*;
use serve_support::{Server, wait_until};

/// An article dated `date` with one paragraph of `body`.
fn dated_article(date: &str, body: &str) -> String {
    article("Edge", body).replace("date = 2020-01-05", &format!("date = {date}"))
}

/// In an article dated 9999-12-31, the last day of the calendar, phrases that point
/// past it date nothing and the build goes on with the rest; in one dated 0000-01-01
/// (the earliest a front matter can give), the past is still in the calendar.
#[test]
fn relative_dates_past_the_last_day_date_nothing() {
    let f = Fixture::new();
    f.write(
        "content/articles/edge.md",
        &dated_article(
            "9999-12-31",
            "Tomorrow it ends. Next week it resumes. Next month it is over. Next year too. \
             It will be on Saturday. It was on Monday. It began two days ago.",
        ),
    );
    f.write(
        "content/articles/start.md",
        &dated_article(
            "0000-01-01",
            "It started yesterday. Last week it rained. Last month, two years ago and \
             a decade ago as well.",
        ),
    );
    let stderr = f.build_ok();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let timeline = f.read("public/timeline/index.html");
    assert!(
        timeline.contains("27 December 9999") && timeline.contains("29 December 9999"),
        "the past-tense phrases are still dated"
    );
    assert!(
        timeline.contains("31 December -1"),
        "\"yesterday\" before year 0 is dated"
    );
    assert!(!timeline.contains("10000"), "nothing dated after 9999");
}

/// An article template whose content includes itself, at line 3.
const SELF_INCLUDING: &str = "{% extends \"base.html\" %}\n{% block content %}\n  {% include \"article.html\" %}\n{% endblock content %}\n";

/// The file names in the dossier's root folder, sorted.
fn root_entries(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `dossier ARGS` fails with exit code 1 and exactly the one error `diagnostic` (its
/// located line and its help).
fn fails_with(f: &Fixture, args: &[&str], diagnostic: &str) {
    let out = f.cmd(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}:\n{stderr}");
    assert_eq!(stderr, one_error(diagnostic), "{args:?}");
}

/// A template that includes itself is refused by `build` and `check` with its file and
/// line, before anything is rendered: the previous site stays, no temporary folder is
/// left behind.
#[test]
fn a_template_that_includes_itself_is_refused() {
    let f = Fixture::new();
    f.build_ok();
    let before = f.read("public/articles/first/index.html");
    let entries = root_entries(&f);
    f.write("templates/article.html", SELF_INCLUDING);
    let expected = "templates/article.html:3:3: error: the template `article.html` includes itself\n  help: a template cannot include itself, even through others: remove one of these references";
    fails_with(&f, &["build"], expected);
    fails_with(&f, &["check"], expected);
    assert_eq!(f.read("public/articles/first/index.html"), before);
    let mut now = root_entries(&f);
    now.retain(|n| n != "templates");
    assert_eq!(now, entries, "something was left in the dossier's folder");
}

/// Circles through several templates and kinds of reference, including an `extends`
/// circle that the template extending into it does not belong to (which Tera itself
/// follows for ever), are named step by step.
#[test]
fn templates_that_refer_to_each_other_in_a_circle_are_refused() {
    let f = Fixture::new();
    f.write("templates/page.html", "{% extends \"a.html\" %}\n");
    f.write("templates/a.html", "{% extends \"b.html\" %}\n");
    f.write(
        "templates/b.html",
        "{# the circle closes here #}\n{%- extends \"a.html\" -%}\n",
    );
    fails_with(
        &f,
        &["build"],
        "templates/a.html:1:1: error: the template `a.html` extends `b.html`, which extends `a.html`\n  help: a template cannot extend itself, even through others: remove one of these references",
    );
    f.write("templates/a.html", "<p>{% include \"b.html\" %}</p>\n");
    f.write("templates/b.html", "{% include \"a.html\" %}\n");
    fails_with(
        &f,
        &["check"],
        "templates/a.html:1:4: error: the template `a.html` includes `b.html`, which includes `a.html`\n  help: a template cannot include itself, even through others: remove one of these references",
    );
}

/// A component may call itself (a tree of items), but one that never stops is stopped
/// at 20 levels and reported at its call to itself; one that stops renders.
#[test]
fn a_component_that_calls_itself_without_end_is_refused() {
    let f = Fixture::new();
    f.write(
        "templates/tree.html",
        "{% component node(n) %}\n<li>{{ n }}<ul>{{ <node n={n + 1} /> }}</ul></li>\n{% endcomponent node %}\n",
    );
    f.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<ul>{{ <node n={1} /> }}</ul>{% endblock content %}",
    );
    fails_with(
        &f,
        &["build"],
        "templates/tree.html:2:19: error: the component `node` calls itself more than 20 levels deep\n  help: a component that calls itself must stop: call it only when there is more to show, `{% if ... %}`",
    );
    f.write(
        "templates/tree.html",
        "{% component node(n) %}<li>{{ n }}{% if n < 3 %}<ul>{{ <node n={n + 1} /> }}</ul>{% endif %}</li>{% endcomponent node %}\n",
    );
    f.build_ok();
    let page = f.read("public/404.html");
    assert!(
        page.contains("<ul><li>1<ul><li>2<ul><li>3</li></ul></li></ul></li></ul>"),
        "{page}"
    );
}

/// `serve --watch` refuses a self-including template like a build: it shows the error
/// over the last good page, keeps serving and watching, and recovers once it is fixed.
#[test]
fn serve_refuses_a_template_that_includes_itself_and_keeps_watching() {
    let f = Fixture::new();
    let mut server = Server::start(f.root(), &["--watch"]);
    let page = |server: &Server| server.get("/articles/first/").text();
    assert!(page(&server).contains("Iraq"));
    f.write("templates/article.html", SELF_INCLUDING);
    wait_until(Duration::from_secs(30), "the error is shown", || {
        page(&server).contains("templates/article.html:3")
    });
    // The log is read as the server writes it: the line may follow the page.
    wait_until(Duration::from_secs(30), "the error is logged", || {
        server
            .log()
            .contains("the template `article.html` includes itself")
    });
    std::fs::remove_file(f.path("templates/article.html")).unwrap();
    wait_until(Duration::from_secs(30), "the fix is picked up", || {
        !page(&server).contains("templates/article.html:3")
    });
    assert!(page(&server).contains("Iraq"));
    assert!(!server.log().contains("panicked"), "{}", server.log());
    server.interrupt();
}

/// Paragraphs that start with lowercase "of", "for" and "on": the connectors of
/// "Council of Representatives" have no word before them there.
#[test]
fn suggest_survives_paragraphs_starting_with_a_connector() {
    let f = Fixture::new();
    f.write(
        "content/articles/third.md",
        &article(
            "Third",
            "of the three bridges, only one was open, the Council of Representatives said.\n\n\
             for the first time, the Gulf of Oman was quiet.\n\n\
             on the whole, the Council on Foreign Relations agreed.",
        ),
    );
    let out = f.cmd(&["entities", "suggest"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for name in [
        "Council of Representatives",
        "Gulf of Oman",
        "Council on Foreign Relations",
    ] {
        assert!(stdout.contains(name), "{name} not suggested:\n{stdout}");
    }
}

/// A word for the suggester: mostly the words its rules look at (connectors, particles,
/// institution and place words, titles, initials, possessives, punctuation), sometimes
/// anything.
fn suggest_word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "of", "for", "on", "the", "The", "Council", "Gulf", "Ministry", "al", "bin", "Abu",
            "Iraq", "Iraqi", "Prime", "Minister", "Gen.", "W.", "U.S.", "US", "MPs", "Hill.TV",
            "said", "in", "Monday", "January", "Rostov", "-", "on-", "'s", "’s", ",", ".", "(",
            ")", "“", "”", "\"", ":", "Mr", "Former", "Shi’ite", "2020",
        ])
        .prop_map(String::from),
        1 => "[A-Za-z]{1,6}",
        1 => any::<String>(),
    ]
}

/// Articles as word sequences: blocks of words joined by spaces or nothing.
fn word_articles() -> impl Strategy<Value = Vec<Vec<String>>> {
    let block = (
        prop::collection::vec(suggest_word(), 0..16),
        prop::collection::vec(any::<bool>(), 16),
    )
        .prop_map(|(words, spaced)| {
            let mut text = String::new();
            for (w, space) in words.iter().zip(spaced) {
                text.push_str(w);
                if space {
                    text.push(' ');
                }
            }
            text
        });
    prop::collection::vec(prop::collection::vec(block, 1..4), 1..4)
}

proptest! {
    /// The suggester's whole pipeline on arbitrary word sequences never panics, and
    /// its output always parses as TOML.
    #[test]
    fn suggest_never_panics_on_arbitrary_words(articles in word_articles()) {
        let blocks: Vec<Vec<TextBlock>> = articles
            .iter()
            .map(|a| a.iter().map(|t| TextBlock::paragraph(t)).collect())
            .collect();
        let inputs: Vec<SuggestInput> = blocks
            .iter()
            .map(|blocks| SuggestInput { slug: "a", source: "Reuters", blocks })
            .collect();
        let out = suggest_entities(&inputs, &Registry::default());
        prop_assert!(toml::from_str::<toml::Table>(&out).is_ok(), "{}", out);
    }
}
