//! `[[quotes]]` corrections whose speaker is an entity id, free text, or an id the
//! registry does not have.

mod common;

use common::{Fixture, one_error, warnings_before_summary};

/// The help of a correction whose speaker id the registry lacks, with no id near it.
const NO_SUCH_ID_HELP: &str = "  help: add the entity to content/entities.toml, or write the speaker as a name (\"Adel Abdul Mahdi\") to show it as written";

/// An article whose one quote is corrected to `speaker`; the `[[quotes]]` table is on
/// line 6.
fn corrected_article(speaker: &str) -> String {
    format!(
        "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n\n[[quotes]]\ntext = \"We refuse a proxy\"\nspeaker = \"{speaker}\"\n+++\n“We refuse a proxy war on Iraqi territory and the creation of crisis after crisis,” said one student.\n"
    )
}

fn quote_speaker(f: &Fixture) -> serde_json::Value {
    let json: serde_json::Value = common::read_export(&f.path("public"));
    json["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["article"] == "vote")
        .expect("the corrected quote")["speaker"]
        .clone()
}

#[test]
fn a_speaker_id_missing_from_the_registry_is_an_error_naming_the_nearest_id() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        &corrected_article("adel-abdul-mahdy"),
    );
    assert_eq!(
        f.build_err(),
        one_error(
            "content/articles/vote.md:6: error: the correction's speaker `adel-abdul-mahdy` is not an entity id in the registry\n  help: did you mean `adel-abdul-mahdi`?"
        )
    );
}

#[test]
fn a_removed_entity_with_no_near_id_is_an_error_saying_what_to_do() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        &corrected_article("qassem-soleimani"),
    );
    let expected = one_error(&format!(
        "content/articles/vote.md:6: error: the correction's speaker `qassem-soleimani` is not an entity id in the registry\n{NO_SUCH_ID_HELP}"
    ));
    assert_eq!(f.build_err(), expected);
    let out = f.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "check fails too");
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
}

#[test]
fn an_unused_correction_with_an_unknown_id_is_still_an_error() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n\n[[quotes]]\ntext = \"Words nobody said\"\nspeaker = \"ammar-al-shibli\"\n+++\nParliament voted.\n",
    );
    // It matches no quote either: a warning beside the error.
    assert_eq!(
        f.build_err(),
        format!(
            "content/articles/vote.md:6: error: the correction's speaker `ammar-al-shibli` is not an entity id in the registry\n{NO_SUCH_ID_HELP}\ncontent/articles/vote.md:6: warning: no quote in the article starts with “Words nobody said”\n  help: copy the first words of the quote exactly as they appear in the text\n1 error and 1 warning; nothing was written\n"
        )
    );
}

#[test]
fn a_known_speaker_id_names_the_entity() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        &corrected_article("adel-abdul-mahdi"),
    );
    let stderr = f.build_ok();
    assert_eq!(warnings_before_summary(&stderr), "");
    let speaker = quote_speaker(&f);
    assert_eq!(speaker["entity"], "adel-abdul-mahdi");
    assert_eq!(speaker["name"], "Adel Abdul Mahdi");
}

#[test]
fn a_free_text_speaker_is_shown_as_written() {
    for free in ["a teenage girl", "Police", "protesters", "One Demonstrator"] {
        let f = Fixture::new();
        f.write("content/articles/vote.md", &corrected_article(free));
        let stderr = f.build_ok();
        assert_eq!(warnings_before_summary(&stderr), "", "{free}");
        let speaker = quote_speaker(&f);
        assert_eq!(speaker["name"], free);
        assert!(speaker["entity"].is_null(), "{free}");
    }
}

/// A speaker written with a NUL (`\u0000` in TOML) is shown with U+FFFD in its place,
/// as a NUL in the body is, and the quote keeps its link to the quote index.
#[test]
fn a_nul_in_a_speaker_name_is_replaced_not_a_crash() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        &corrected_article("one \\u0000student"),
    );
    f.build_ok();
    let page = f.read("public/articles/vote/index.html");
    assert!(
        page.contains("data-speaker=\"one \u{FFFD}student\""),
        "{page}"
    );
    assert!(!page.contains('\0'));
    assert!(
        page.contains("class=\"quote-link\" href=\"/sub/quotes/"),
        "{page}"
    );
    assert_eq!(quote_speaker(&f)["name"], "one \0student");
}
