//! Quotations worked into reported speech, and introductions without a speech verb:
//! one test per shape, each on a sentence shaped like real reporting (written for these
//! tests, not taken from a corpus), including the shapes where attribution must stay
//! silent. The last test builds a dossier and reads the speaker off the built page.
//!
//! The quote finder runs with an empty registry, as on text the rules never saw.

mod common;

use common::{Fixture, article};
use dossier::annotate::TextBlock;
use dossier::annotate::quotes::{QuoteFinder, SpeakerSource};
use dossier::content::registry::Registry;

/// Every quoted span of the paragraphs (terms too: a two-word quote counts as a
/// quotation here), as (text, speaker name, how the speaker was found).
fn quotes(paras: &[&str]) -> Vec<(String, Option<String>, Option<SpeakerSource>)> {
    let blocks: Vec<TextBlock> = paras.iter().map(|p| TextBlock::paragraph(p)).collect();
    let registry = Registry::default();
    QuoteFinder::new(&registry, 2)
        .find(&blocks, &[])
        .into_iter()
        .map(|q| (q.text, q.speaker.map(|s| s.name), q.speaker_source))
        .collect()
}

/// Asserts the speaker of each quoted span, in order.
fn assert_speakers(paras: &[&str], want: &[Option<&str>]) {
    let got = quotes(paras);
    let names: Vec<Option<&str>> = got.iter().map(|(_, s, _)| s.as_deref()).collect();
    assert_eq!(names, want, "quotes found: {got:#?}");
}

/// Asserts the one quotation's speaker, found by the reported-speech rule.
fn assert_reported(para: &str, speaker: &str) {
    let got = quotes(&[para]);
    assert_eq!(got.len(), 1, "quotes found: {got:#?}");
    assert_eq!(got[0].1.as_deref(), Some(speaker), "quotes found: {got:#?}");
    assert_eq!(
        got[0].2,
        Some(SpeakerSource::Reported),
        "quotes found: {got:#?}"
    );
}

/// Asserts that the built article page marks the quotation with its speaker.
fn assert_page_speaker(f: &Fixture, speaker: &str, quote: &str) {
    let html = f.read("public/articles/reported/index.html");
    let marked = format!("data-speaker=\"{speaker}\">\"{quote}\"</span>");
    assert!(html.contains(&marked), "{marked} not in the page:\n{html}");
}

// Reported speech: the subject of the sentence's last reporting verb.

#[test]
fn says_with_a_clause_gives_the_quote_inside_it_to_the_subject() {
    assert_speakers(
        &["Councillor Mary Okafor says the housing deal is \"a betrayal of working families.\""],
        &[Some("Mary Okafor")],
    );
}

#[test]
fn called_gives_the_quote_to_the_subject() {
    assert_reported(
        "Opposition leader Tom Hale called the budget \"reckless and unaffordable.\"",
        "Tom Hale",
    );
}

#[test]
fn a_participle_set_off_after_the_subject_gives_the_quote_to_it() {
    assert_reported(
        "Brown, calling the minister \"a dangerous man,\" walked out of the chamber.",
        "Brown",
    );
}

#[test]
fn a_participle_after_the_main_clause_gives_the_quote_to_its_subject() {
    assert_reported(
        "Senator Ruth Adler voted against the measure on Thursday, calling it \"a gift to the banks.\"",
        "Ruth Adler",
    );
}

#[test]
fn a_progressive_stance_verb_gives_the_quote_to_the_subject() {
    assert_reported(
        "Governor Anne Lee is labelling the transport bill \"a power grab.\"",
        "Anne Lee",
    );
}

#[test]
fn referred_to_as_gives_the_quote_to_the_subject() {
    assert_reported(
        "Mr Kim referred to the new mayor as \"a bright, capable leader\" in his speech.",
        "Kim",
    );
}

#[test]
fn described_without_as_is_not_a_report() {
    assert_speakers(
        &["The firm described \"a year of steady growth in every region\" in its filing."],
        &[None],
    );
}

#[test]
fn thanked_for_gives_the_quote_to_the_subject() {
    assert_reported(
        "Mayor Lena Park thanked voters for \"standing with us through a hard winter.\"",
        "Lena Park",
    );
}

#[test]
fn vows_to_gives_the_quote_to_the_subject() {
    assert_speakers(
        &["Union leader Sam Green vows to \"defend every job at the plant.\""],
        &[Some("Sam Green")],
    );
}

#[test]
fn accused_of_gives_the_quote_to_the_subject() {
    assert_reported(
        "Jane Roe accused the council of \"wasting money on vanity projects.\"",
        "Jane Roe",
    );
}

#[test]
fn said_with_an_adverb_and_a_clause_gives_the_quote_to_the_subject() {
    assert_speakers(
        &["Adams said, however, that he hopes \"someone else takes it up.\""],
        &[Some("Adams")],
    );
}

#[test]
fn told_a_paper_with_because_gives_the_quote_to_the_subject() {
    assert_reported(
        "White told the Post that he backs the plan because \"we need a leader who listens.\"",
        "White",
    );
}

#[test]
fn telling_reporters_that_gives_the_quote_to_the_main_subject() {
    assert_speakers(
        &["Ortiz left the hearing early, telling reporters that \"we tell the truth here.\""],
        &[Some("Ortiz")],
    );
}

#[test]
fn a_fragment_after_a_named_companion_stays_with_the_subject() {
    assert_speakers(
        &[
            "Mr Kharrazi said he had spoken with Jack Straw \"in a very positive way\" about the talks.",
        ],
        &[Some("Kharrazi")],
    );
}

#[test]
fn a_verb_coordinated_with_an_earlier_predicate_takes_its_subject() {
    assert_reported(
        "Clinton took the stage in Baltimore and called the tax system \"rotten to the core.\"",
        "Clinton",
    );
}

#[test]
fn a_subordinate_clause_that_reports_someone_else_leaves_the_quote_to_the_main_clause() {
    assert_speakers(
        &[
            "When Ortiz said the deal was dead, Garcia hit back hard: \"If they sue us, they will lose.\"",
        ],
        &[Some("Garcia")],
    );
    assert_speakers(
        &[
            "When Ortiz said the deal was dead, Garcia only laughed: \"If they sue us, they will lose.\"",
        ],
        &[None],
    );
}

#[test]
fn a_relative_clause_after_the_subject_keeps_the_subject() {
    assert_reported(
        "Marsh, who has in the past clashed with the board, described the chairman as \"a man out of his depth.\"",
        "Marsh",
    );
}

#[test]
fn a_progressive_after_an_aside_keeps_the_subject() {
    assert_reported(
        "Former governor Ann Pike, for her part, is labelling the reform \"a blatant abuse of power.\"",
        "Ann Pike",
    );
}

#[test]
fn a_coordinated_verb_after_a_comma_and_but_takes_the_first_subject() {
    assert_reported(
        "Congressman Tom Reyes used to back the senator, but now said the governor had \"the chance to bring us together.\"",
        "Tom Reyes",
    );
}

#[test]
fn a_subordinate_clause_before_the_subject_does_not_hide_it() {
    assert_reported(
        "As the count dragged into the night, Garcia mocked her rival for \"having a very long evening.\"",
        "Garcia",
    );
}

#[test]
fn a_noun_like_a_speech_verb_after_the_quote_does_not_silence_the_rule() {
    assert_reported(
        "Trump mocked Marco Rubio for \"having a tough night\" because he did not win any states.",
        "Trump",
    );
}

// Reported speech: where the rule must stay silent.
#[test]
fn a_pronoun_in_reported_speech_without_a_registry_person_stays_silent() {
    assert_speakers(
        &[
            "Tom Hale spoke in Leeds on Monday.",
            "He called the budget \"reckless and unaffordable.\"",
        ],
        &[None],
    );
}

#[test]
fn said_that_another_called_it_gives_the_quote_to_the_other() {
    assert_speakers(
        &["Peter Vance said Maria Lopez called the offer \"an insult to every nurse.\""],
        &[Some("Maria Lopez")],
    );
}

#[test]
fn a_quoted_title_is_not_attributed() {
    assert_speakers(
        &["Carla Moss said she had watched \"The Long Walk Home\" twice that week."],
        &[None],
    );
}

#[test]
fn a_one_word_term_is_not_attributed() {
    assert_speakers(
        &["Harris called the proposal \"madness\" on Tuesday."],
        &[None],
    );
}

#[test]
fn a_quote_after_a_noun_of_speech_is_not_the_subjects() {
    assert_speakers(
        &["Jones mocked the claim that \"the books are balanced at last.\""],
        &[None],
    );
}

#[test]
fn a_quote_after_a_possessive_is_not_the_subjects() {
    assert_speakers(
        &["The senator dismissed the governor's \"plan for a greener state\" as costly."],
        &[None],
    );
}

#[test]
fn a_later_reporting_clause_silences_the_rule() {
    assert_speakers(
        &["Lee thanked the crews for \"rebuilding the pier by spring,\" the Gazette reported."],
        &[None],
    );
}

#[test]
fn a_passive_stance_verb_is_not_a_report() {
    assert_speakers(
        &["The plan was called \"a betrayal of working families\" by the union."],
        &[None],
    );
}

#[test]
fn an_infinitive_speech_verb_is_not_a_report() {
    assert_speakers(
        &["Critics would prefer the board to say \"we got this wrong\" and move on."],
        &[None],
    );
}

#[test]
fn a_source_named_with_according_to_silences_the_rule() {
    assert_speakers(
        &["According to two aides, Moreno called the deal \"the worst in a generation.\""],
        &[None],
    );
}

// Introductions with or without a speech verb.

#[test]
fn a_phrasal_verb_with_a_comma_introduces_the_quote() {
    assert_speakers(
        &["Davis shot back, \"Nobody here is hiding anything.\""],
        &[Some("Davis")],
    );
}

#[test]
fn wrote_to_followers_with_a_comma_introduces_the_quote() {
    assert_speakers(
        &["Ortiz wrote to her followers, \"See you all at the rally tomorrow.\""],
        &[Some("Ortiz")],
    );
}

#[test]
fn yelled_with_a_colon_introduces_the_quote() {
    assert_speakers(
        &["The candidate yelled: \"We are not going anywhere!\""],
        &[Some("the candidate")],
    );
}

#[test]
fn a_name_before_a_colon_after_for_introduces_the_quote() {
    assert_speakers(
        &["For Henry Reichhold, this is progress: \"We finally have a seat at the table.\""],
        &[Some("Henry Reichhold")],
    );
}

#[test]
fn a_participle_with_a_colon_introduces_the_quote() {
    assert_speakers(
        &["The coach pulled Evans aside at half-time, telling him: \"You did everything right.\""],
        &[Some("the coach")],
    );
}

#[test]
fn a_participle_after_an_adverb_with_a_colon_introduces_the_quote() {
    assert_speakers(
        &["The minister defended the new rules, quickly adding: \"Nobody will lose their home.\""],
        &[Some("the minister")],
    );
}

#[test]
fn an_insisted_after_the_quote_with_an_auxiliary_names_the_speaker() {
    assert_speakers(
        &["He will \"stick to his guns\", Tory MP Boris Johnson has insisted."],
        &[Some("Boris Johnson")],
    );
}

#[test]
fn quoted_as_saying_names_the_speaker() {
    assert_speakers(
        &["The Interfax news agency quoted Mr Petrov as saying \"the case is closed for good.\""],
        &[Some("Petrov")],
    );
}

#[test]
fn was_quoted_as_saying_names_the_speaker() {
    assert_speakers(
        &["Anna Berg was quoted as saying \"the figures do not add up.\""],
        &[Some("Anna Berg")],
    );
}

#[test]
fn according_to_after_the_quote_names_the_speaker() {
    assert_speakers(
        &["\"The bridge will reopen in March,\" according to the city engineer."],
        &[Some("the city engineer")],
    );
}

#[test]
fn told_the_broadcaster_names_the_speaker() {
    assert_speakers(
        &["\"We were never consulted on the route,\" farmer Gwen Price told the BBC."],
        &[Some("Gwen Price")],
    );
}

#[test]
fn a_name_after_a_headline_and_a_dash_introduces_the_quote() {
    assert_reported(
        "Pollsters agree - Jane Roe: \"The turnout models missed the late deciders entirely.\"",
        "Jane Roe",
    );
}

#[test]
fn a_name_after_a_headline_in_capitals_and_a_dash_introduces_the_quote() {
    assert_reported(
        "SUBURBS TURN AGAINST THE BYPASS - Marcus T. Hale: \"Three councils have now voted to pause the work.\"",
        "Marcus T. Hale",
    );
}

#[test]
fn more_from_a_name_introduces_the_quote() {
    assert_reported(
        "More from Okafor: \"The party has to win back the towns it lost.\"",
        "Okafor",
    );
}

#[test]
fn an_opening_speech_verb_before_a_name_introduces_the_quote() {
    assert_reported(
        "Continued Stone: \"So I think the problem is very real.\"",
        "Stone",
    );
}

#[test]
fn an_opening_said_before_a_name_and_a_relative_clause_introduces_the_quote() {
    assert_reported(
        "Said Dorothy Reyes, who grew up on the same street, \"We were all so proud of him.\"",
        "Dorothy Reyes",
    );
}

#[test]
fn a_name_before_a_colon_without_a_dash_or_verb_is_not_a_speaker() {
    assert_speakers(
        &["The next day brought Carl Moss: \"nothing but rain and more rain.\""],
        &[None],
    );
}

#[test]
fn an_answer_owned_by_a_possessive_names_the_speaker() {
    assert_reported(
        "The senator's answer was that \"the family comes first in every decision.\"",
        "the senator",
    );
}

#[test]
fn a_phrasal_particle_does_not_open_a_speaker() {
    let got = quotes(&[
        "And he hit back at Labour claims he had used the nurse as \"a human shield for his policies.\"",
    ]);
    assert!(
        got.iter()
            .all(|(_, s, _)| s.as_deref() != Some("back at Labour")),
        "quotes found: {got:#?}"
    );
}

// The built page.

#[test]
fn the_built_page_resolves_a_pronoun_in_reported_speech_to_a_registry_person() {
    let f = Fixture::new();
    f.write(
        "content/articles/reported.md",
        &article(
            "Reported",
            "Adel Abdul Mahdi spoke to parliament on Sunday.\n\nHe called the vote \"a victory for every Iraqi family.\"",
        ),
    );
    f.build_ok();
    assert_page_speaker(&f, "Adel Abdul Mahdi", "a victory for every Iraqi family.");
}

#[test]
fn the_built_page_names_the_speaker_of_a_reported_quote() {
    let f = Fixture::new();
    f.write(
        "content/articles/reported.md",
        &article(
            "Reported",
            "Adel Abdul Mahdi called the vote \"a victory for every Iraqi family.\"",
        ),
    );
    f.build_ok();
    assert_page_speaker(&f, "Adel Abdul Mahdi", "a victory for every Iraqi family.");
}

#[test]
fn who_after_a_name_and_a_comma_gives_the_quote_to_that_name() {
    assert_reported(
        "Mostly, the remarks drew a sharp reply from Mayor Helen Price, who called the plan \"rash and negligent\" on Monday.",
        "Helen Price",
    );
    // "who" after a description names nobody the rule can be sure of.
    assert_speakers(
        &[
            "The remarks angered the protesters, who called the plan \"rash and negligent\" on Monday.",
        ],
        &[None],
    );
}
