//! `[[quotes]]` corrections whose speaker is an entity id, free text, or an id the
//! registry does not have.

mod common;

use common::Fixture;

/// An article whose one quote is corrected to `speaker`; the `[[quotes]]` table is on
/// line 6.
fn corrected_article(speaker: &str) -> String {
    format!(
        "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n\n[[quotes]]\ntext = \"We refuse a proxy\"\nspeaker = \"{speaker}\"\n+++\n“We refuse a proxy war on Iraqi territory and the creation of crisis after crisis,” said one student.\n"
    )
}

fn quote_speaker(f: &Fixture) -> serde_json::Value {
    let json: serde_json::Value =
        serde_json::from_str(&f.read("public/data/dossier.json")).unwrap();
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
    let stderr = f.build_err();
    assert!(
        stderr.contains("content/articles/vote.md:6: error: the correction's speaker `adel-abdul-mahdy` is not an entity id in the registry"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `adel-abdul-mahdi`?"),
        "{stderr}"
    );
}

#[test]
fn a_removed_entity_with_no_near_id_is_an_error_saying_what_to_do() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        &corrected_article("qassem-soleimani"),
    );
    let stderr = f.build_err();
    assert!(
        stderr.contains("content/articles/vote.md:6: error: the correction's speaker `qassem-soleimani` is not an entity id in the registry"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add the entity to content/entities.toml, or write the speaker as a name"),
        "{stderr}"
    );
    let out = f.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "check fails too");
}

#[test]
fn an_unused_correction_with_an_unknown_id_is_still_an_error() {
    let f = Fixture::new();
    f.write(
        "content/articles/vote.md",
        "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n\n[[quotes]]\ntext = \"Words nobody said\"\nspeaker = \"ammar-al-shibli\"\n+++\nParliament voted.\n",
    );
    let stderr = f.build_err();
    assert!(
        stderr.contains(
            "content/articles/vote.md:6: error: the correction's speaker `ammar-al-shibli`"
        ),
        "{stderr}"
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
    assert!(!stderr.contains("error"), "{stderr}");
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
        assert!(!stderr.contains("is not an entity id"), "{free}: {stderr}");
        let speaker = quote_speaker(&f);
        assert_eq!(speaker["name"], free);
        assert!(speaker["entity"].is_null(), "{free}");
    }
}
