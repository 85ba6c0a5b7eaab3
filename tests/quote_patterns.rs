//! The attribution patterns of news text, one test per pattern, each on a sentence
//! shaped like real reporting (written for these tests, not taken from a corpus).
//!
//! Every test runs the quote finder with an empty registry, as on text the rules never
//! saw, and checks the speaker named for each quotation (or that none is named).

#[path = "common/speakers.rs"]
mod speakers;

use dossier::annotate::TextBlock;
use dossier::annotate::quotes::QuoteFinder;
use dossier::content::registry::Registry;
use speakers::{assert_speakers, spans, speakers};

#[test]
fn a_time_clause_after_the_verb_keeps_the_speaker() {
    assert_speakers(
        &[
            "\u{201c}That is a fair worry, because they care a great deal,\u{201d} Okafor, 52, told the radio station on Monday when asked about fears that the vote would be lost.",
        ],
        &[Some("Okafor")],
    );
}

#[test]
fn a_participle_after_a_comma_keeps_the_speaker() {
    assert_speakers(
        &[
            "\"The company has met every condition of the licence,\" the regulator said, reasoning that no appeal was needed.",
        ],
        &[Some("the regulator")],
    );
}

#[test]
fn a_quote_mark_reopening_mid_line_keeps_both_spans_and_the_speaker() {
    let got = speakers(&[
        "Team manager Helen Garside said: \"We have worked hard all winter and it showed today. \"But I have a lot of confidence in the younger riders.\"",
    ]);
    assert_eq!(
        got,
        [
            (
                "We have worked hard all winter and it showed today.".to_string(),
                Some("Helen Garside".to_string())
            ),
            (
                "But I have a lot of confidence in the younger riders.".to_string(),
                Some("Helen Garside".to_string())
            ),
        ]
    );
}

#[test]
fn a_lost_closing_mark_before_an_attribution_does_not_make_a_span() {
    assert_speakers(
        &["\"It was a poor start, he said. \"We will put it right next time.\""],
        &[None],
    );
}

#[test]
fn a_description_resolves_to_the_person_introduced_with_that_role() {
    assert_speakers(
        &[
            "Harbour mayor Ellen Troy has refused to withdraw the plan.",
            "\"We will not be moved on this,\" the mayor said.",
        ],
        &[Some("Ellen Troy")],
    );
}

#[test]
fn a_description_two_people_fit_is_not_resolved() {
    assert_speakers(
        &[
            "United manager Sam Hollis met City manager Dan Price on Friday.",
            "\"It was a frank and useful conversation,\" the manager said.",
        ],
        &[Some("the manager")],
    );
}

#[test]
fn an_age_resolves_the_23_year_old() {
    assert_speakers(
        &[
            "Striker Leon Marsh, 23, joined the club in the summer.",
            "\"I feel at home here already,\" said the 23-year-old.",
        ],
        &[Some("Leon Marsh")],
    );
}

#[test]
fn a_pronoun_after_a_resolved_description_finds_the_person() {
    assert_speakers(
        &[
            "Tory leader Michael Harlow spoke at the conference.",
            "The Tory leader said the party was ready for the election. \"We are the only party with a plan,\" he said.",
        ],
        &[Some("Michael Harlow")],
    );
}

#[test]
fn a_sentence_opening_with_but_still_names_the_speaker_of_a_fragment() {
    assert_speakers(
        &["But despite the warm words, Okafor says the talks go \"back to square one tomorrow.\""],
        &[Some("Okafor")],
    );
}

#[test]
fn a_participle_introduction_names_the_subject_of_the_sentence() {
    assert_speakers(
        &[
            "Party co-chairman Ruth Kemble mocked the photo call, saying: \"That was the worst acting I have ever seen.\"",
        ],
        &[Some("Ruth Kemble")],
    );
    assert_speakers(
        &[
            "Hours later, Okafor returned the compliment, telling reporters, \"We have been friends for a long time.\"",
        ],
        &[Some("Okafor")],
    );
}

#[test]
fn a_participle_defers_to_a_finite_verb_and_names_nobody_after_a_subordinate_clause() {
    assert_speakers(
        &[
            "Officials said that the minister had resigned, adding: \"The department will continue its work.\"",
        ],
        &[Some("Officials")],
    );
    assert_speakers(
        &["When the vote was lost, the crowd booed, chanting \"Out, out, out, now\"."],
        &[None],
    );
}

#[test]
fn a_field_before_a_role_is_part_of_the_speakers_description() {
    assert_speakers(
        &[
            "\"Buyers have more power to negotiate this winter,\" housing spokesman Ian Pardoe said.",
        ],
        &[Some("Ian Pardoe")],
    );
}

#[test]
fn it_resolves_to_a_body_named_before() {
    assert_speakers(
        &[
            "\"The recovery will be uneven,\" the OECD said. \"Supported by strong balance sheets, investment will rise next year,\" it added.",
        ],
        &[Some("the OECD"), Some("the OECD")],
    );
}

#[test]
fn it_is_not_resolved_past_a_name_that_may_be_a_company() {
    assert_speakers(
        &[
            "\"We oppose the bid for the exchange,\" the IMF said.",
            "Harlow Marsh said the fund's opposition would not change its plans. \"The offer remains in the interests of all shareholders,\" it said.",
        ],
        &[Some("the IMF"), None],
    );
}

#[test]
fn a_phrasal_speech_verb_names_the_speaker() {
    assert_speakers(
        &[
            "\"She wants to look tough tonight,\" Okafor shot back. \"Let me finish what I was saying.\"",
        ],
        &[Some("Okafor"), Some("Okafor")],
    );
}

#[test]
fn a_less_common_speech_verb_names_the_speaker() {
    assert_speakers(
        &["\"Go back to your own studio,\" Okafor barked at the anchor."],
        &[Some("Okafor")],
    );
}

#[test]
fn quoted_as_saying_names_the_person_quoted() {
    assert_speakers(
        &[
            "\"We are mourning the passing of a great company,\" the agency quoted warehouse worker Dana Ogle as saying.",
        ],
        &[Some("Dana Ogle")],
    );
    assert_speakers(
        &[
            "The Interfax news agency quoted Mr Okafor as saying: \"I will not leave the country whatever happens.\"",
        ],
        &[Some("Okafor")],
    );
    assert_speakers(
        &["\"Aid is the key to the recovery,\" Mr Okafor was quoted as saying by a news agency."],
        &[Some("Okafor")],
    );
}

#[test]
fn a_quote_reopening_after_an_ellipsis_keeps_both_spans() {
    let got = speakers(&[
        "After the match, coach Ann Pryce said: \"We were simply not good enough on the day\u{2026} \"Next week will be a different story altogether.\"",
    ]);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got.iter().all(|(_, s)| s.as_deref() == Some("Ann Pryce")),
        "{got:#?}"
    );
}

#[test]
fn a_colon_closing_the_paragraph_before_introduces_the_quotation() {
    assert_speakers(
        &[
            "Asked about the rules of public service, Senator Ruth Kemble said:",
            "\"In every administration I have served in, you give up a great deal to do the job.\"",
        ],
        &[Some("Ruth Kemble")],
    );
}

#[test]
fn a_pronoun_after_an_unnamed_definite_speaker_stands_for_that_speaker() {
    assert_speakers(
        &[
            "\"We will study the report closely,\" the band's spokesman said. \"Obviously we all want him to get better soon,\" he added.",
        ],
        &[Some("the band's spokesman"), Some("the band's spokesman")],
    );
}

#[test]
fn a_pronoun_after_an_indefinite_speaker_is_not_resolved() {
    assert_speakers(
        &[
            "Inspections will be faster, according to an agency spokesman.",
            "Computer specialist at the agency, Peter Smith, wants better tools. \"If we could have that on our laptops, we could be far quicker,\" he said.",
        ],
        &[None],
    );
}

#[test]
fn a_colon_after_for_and_a_name_gives_that_person_the_floor() {
    assert_speakers(
        &[
            "For Henrik Ostberg, this is progress: \"We finally have a plan that works for the town.\"",
        ],
        &[Some("Henrik Ostberg")],
    );
}

#[test]
fn a_colon_after_a_plain_clause_names_nobody() {
    assert_speakers(
        &[
            "Media shares the blame in the poll overhype: \"Pollsters are taking a lot of heat from the public.\"",
        ],
        &[None],
    );
}

#[test]
fn a_sentence_opening_word_or_a_title_is_not_part_of_the_name() {
    assert_speakers(
        &["Ruddock was pleased. But Ruddock said: \"We squandered far too many chances today.\""],
        &[Some("Ruddock")],
    );
    assert_speakers(
        &["First Mark Cueto said: \"It was a proud day for the whole squad.\""],
        &[Some("Mark Cueto")],
    );
    assert_speakers(
        &["Chairman Peter Hill-Wood said: \"We are delighted that he has signed.\""],
        &[Some("Peter Hill-Wood")],
    );
}

#[test]
fn a_quotation_continuing_the_speakers_words_keeps_the_speaker() {
    assert_speakers(
        &[
            "\"It will be a tough season for the whole club,\" Bailey said. \"I'm confident about the future though.\"",
        ],
        &[Some("Bailey"), Some("Bailey")],
    );
}

#[test]
fn a_quotation_over_several_paragraphs_keeps_the_speaker() {
    assert_speakers(
        &[
            "The club's owner, Marta Lindqvist, said: \"We have worked hard for this.",
            "\"Nobody here expected the season to end like this, and we will learn from it.\"",
        ],
        &[Some("Marta Lindqvist")],
    );
}

#[test]
fn a_paragraph_of_quotation_after_an_attributed_one_continues_it() {
    assert_speakers(
        &[
            "\"The market has slowed sharply since the summer,\" said analyst Joe Brand.",
            "\"We expect prices to fall again in the spring.\"",
        ],
        &[Some("Joe Brand"), Some("Joe Brand")],
    );
}

#[test]
fn according_to_names_the_speaker() {
    assert_speakers(
        &["\"The deal is worth far more than the market thinks,\" according to analyst Joe Brand."],
        &[Some("Joe Brand")],
    );
}

#[test]
fn told_the_bbc_names_the_speaker_not_the_broadcaster() {
    assert_speakers(
        &["\"I think it is a fantastic job for anybody,\" Strand told the BBC."],
        &[Some("Strand")],
    );
    assert_speakers(
        &["\"The talks have broken down for good,\" a union official told Reuters."],
        &[Some("a union official")],
    );
}

#[test]
fn a_term_in_quotes_is_not_a_quotation() {
    let blocks = [TextBlock::paragraph(
        "The government called the protesters \"occupiers\" on Tuesday.",
    )];
    let registry = Registry::default();
    let quotes = QuoteFinder::new(&registry, 4).find(&blocks, &[]);
    assert_eq!(quotes.len(), 1);
    assert!(quotes[0].is_term);
}

#[test]
fn a_progressive_speech_verb_names_the_speaker() {
    assert_speakers(
        &[
            "On Monday, front-runner Dana Hale is insisting that she has \"expanded the party in every single state\" this year.",
        ],
        &[Some("Dana Hale")],
    );
}

#[test]
fn many_descriptions_read_the_article_once_per_role() {
    // 10,000 paragraphs, each with a description to resolve: read once per role this
    // takes well under a second; read again for each description (50 million
    // paragraph readings) it would take tens of seconds or more.
    let mut paras = vec!["Harbour mayor Ellen Troy has refused to withdraw the plan.".to_string()];
    for n in 0..10_000 {
        paras.push(format!(
            "\"We will not be moved on plan number {n} at all,\" the mayor said."
        ));
    }
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let got = speakers(&refs);
    assert_eq!(got.len(), 10_000);
    assert!(got.iter().all(|(_, s)| s.as_deref() == Some("Ellen Troy")));
}

#[test]
fn a_name_that_is_also_a_month_or_a_modal_names_the_speaker() {
    assert_speakers(
        &[
            "Guitarist Brian May welcomed the decision. May said: \"We have waited a long time for this moment and it feels right.\"",
            "\"The crowd has always been with us,\" May said.",
        ],
        &[Some("May"), Some("May")],
    );
    // A modal before the base form of a speech verb is a modal.
    assert_speakers(
        &["Their lawyers may say: \"The contract was never signed by both parties.\""],
        &[None],
    );
}

#[test]
fn a_colon_introduction_after_as_names_the_subject_of_its_clause() {
    assert_speakers(
        &[
            "\"It was a long season,\" said Daniel Ortega. He was speaking after the match, as he told journalists: \"We played well in the second half and deserved the win.\"",
        ],
        &[Some("Daniel Ortega"), Some("Daniel Ortega")],
    );
    assert_speakers(
        &[
            "\"It was a long season,\" said Daniel Ortega. As he told journalists: \"We played well in the second half and deserved the win.\"",
        ],
        &[Some("Daniel Ortega"), Some("Daniel Ortega")],
    );
}

#[test]
fn a_colon_after_a_subordinate_clause_with_its_own_comma_names_nobody() {
    assert_speakers(
        &[
            "When the minister said he would resign, his deputy laughed: \"He has said that every year since I arrived.\"",
        ],
        &[None],
    );
}

#[test]
fn it_added_after_the_company_said_is_the_company() {
    assert_speakers(
        &[
            "The company said profits rose by a fifth over the year. \"Sales in our larger stores have been very strong,\" it added.",
        ],
        &[Some("the company")],
    );
    // A name outside the registry in between may be a company as well as a person.
    assert_speakers(
        &[
            "The company said it would appeal. Chief executive Tom Hill said the ruling was wrong. \"We expect a recovery in the new year,\" it added.",
        ],
        &[None],
    );
}

#[test]
fn the_subject_of_a_passive_speech_verb_is_spoken_to_not_the_speaker() {
    assert_speakers(
        &[
            "Prime Minister Tom Carver was asked: \"Will you resign if the vote is lost?\" He refused to answer.",
        ],
        &[None],
    );
    assert_speakers(
        &["\"You will have to leave the building by noon,\" Carver was told by police."],
        &[None],
    );
}

#[test]
fn a_person_named_in_the_next_sentence_is_not_the_speaker() {
    assert_speakers(
        &[
            "The union met on Monday night. \"We will appeal against the ruling as soon as we can.\" Union leader Mark Fell said the members were angry.",
        ],
        &[None],
    );
    assert_speakers(
        &[
            "\"Nobody expected the vote to go this way,\" said one delegate. Party chairman Eric Dane later told reporters the result would stand.",
        ],
        &[Some("one delegate")],
    );
}

#[test]
fn a_name_after_the_role_set_off_by_a_comma_is_the_speaker() {
    assert_speakers(
        &["\"We never meant to shut anyone out,\" said Norvik spokeswoman, Ada Lindqvist."],
        &[Some("Ada Lindqvist")],
    );
}

#[test]
fn a_quote_after_a_sentence_ending_outside_the_marks_does_not_share_the_next_speaker() {
    assert_speakers(
        &[
            "The regional provider also backed the plan, saying it was \"exactly what the market needed\". \"Prices will fall for everyone in the spring,\" said founder Tom Reade.",
        ],
        &[None, Some("Tom Reade")],
    );
}

#[test]
fn an_unread_attribution_after_the_quote_is_not_replaced_by_the_last_speaker() {
    assert_speakers(
        &[
            "\"Nobody has paid a penny of tax,\" observed Mr Kerr. \"That was a disaster for me from start to finish,\" those who had lost their stalls later said.",
        ],
        &[Some("Kerr"), None],
    );
}

#[test]
fn an_honorific_after_describing_words_names_the_speaker() {
    assert_speakers(
        &[
            "\"Nobody has paid a penny of tax,\" observed Mr Kerr. \"That was a disaster for me from start to finish,\" a crestfallen Mr Lowe confided to the presenter.",
        ],
        &[Some("Kerr"), Some("Lowe")],
    );
    // A title after an article stays a description.
    assert_speakers(
        &["\"We will not be moved on this,\" the Prime Minister said."],
        &[Some("the Prime Minister")],
    );
}

#[test]
fn a_short_fragment_someone_is_named_as_saying_is_a_quote_not_a_term() {
    assert_eq!(
        spans(&["Opposition leader Jane Hollis called the plan \"rash and negligent\" on Monday."]),
        [(
            "rash and negligent".to_string(),
            false,
            Some("Jane Hollis".to_string())
        )]
    );
    // A scare-quoted word, a title and a span nobody is named as saying stay terms.
    let got = spans(&[
        "The \"occupiers\" left the square. Fans of \"Night Desk\" were told it would return. The so-called \"peace dividend\" never came.",
    ]);
    assert!(got.iter().all(|(_, term, _)| *term), "{got:#?}");
}

#[test]
fn a_statement_speaks_for_its_owner() {
    assert_speakers(
        &[
            "Rovers' statement to the stock exchange said: \"The board has noted the recent press speculation on this subject.\"",
            "Later, Dorvale's website said: \"No offer for the club has been received.\"",
        ],
        &[Some("Rovers"), Some("Dorvale")],
    );
    // A spokesman is someone else than the body he speaks for.
    assert_speakers(
        &["Dorvale's spokesman said: \"No offer for the club has been received.\""],
        &[Some("Dorvale's spokesman")],
    );
}

#[test]
fn a_dateline_in_capitals_is_not_the_speaker() {
    assert_speakers(
        &[
            "WASHINGTON \u{2014} President Ada Morgan, opening the museum on Saturday, said it would tell a story \"of suffering and delight, of fear and of hope\".",
        ],
        &[Some("Ada Morgan")],
    );
}

#[test]
fn two_apostrophes_typed_as_a_double_mark_delimit_a_quote() {
    assert_speakers(
        &["''We have a long way to go,'' said Mr. Holt, the union's president."],
        &[Some("Holt")],
    );
}

#[test]
fn as_a_name_put_it_introduces_the_quote() {
    assert_speakers(
        &[
            "Or, as Ruth Adeyemi, a former harbour master, put it: \"The sea does not read the forecasts.\"",
        ],
        &[Some("Ruth Adeyemi")],
    );
}

#[test]
fn concludes_and_reveals_are_speech_verbs() {
    assert_speakers(
        &[
            "\"The council can still change course before spring,\" Halvorsen concludes.",
            "\"Not one of the pumps had been serviced,\" the audit reveals.",
        ],
        &[Some("Halvorsen"), Some("the audit")],
    );
}
