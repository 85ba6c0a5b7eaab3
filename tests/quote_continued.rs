//! Continued quotes and the people "he", "she" and "the MP" stand for: one test per
//! behaviour, each on sentences shaped like real reporting (written for these tests,
//! not taken from a corpus), with the negatives that must stay unattributed.
//!
//! Every test runs the quote finder with an empty registry, as on text the rules never
//! saw, and checks the speaker named for each quotation (or that none is named).

#[path = "common/speakers.rs"]
mod speakers;

use speakers::assert_speakers;

// Continued quotes.

#[test]
fn a_quote_after_an_attribution_with_a_relative_clause_continues_the_speaker() {
    assert_speakers(
        &[
            "\u{201c}We need more nurses on every ward,\u{201d} said Martha Quill, a union organiser who has worked at the hospital since 1998. \u{201c}Nobody in the trust is listening to us.\u{201d}",
        ],
        &[Some("Martha Quill"), Some("Martha Quill")],
    );
}

#[test]
fn a_quote_after_an_attribution_with_a_participle_continues_the_speaker() {
    assert_speakers(
        &[
            "\"A leader has to fight for his town,\" Donnelly said, adding that he had fought for the new bridge for a decade. \"I will not stop now that we are this close.\"",
        ],
        &[Some("Donnelly"), Some("Donnelly")],
    );
}

#[test]
fn a_quoted_title_inside_the_attribution_does_not_break_the_chain() {
    assert_speakers(
        &[
            "\"We won the argument about the budget,\" Ferris told the \"Morning Report\" programme on Monday. \"The figures speak for themselves.\"",
        ],
        &[Some("Ferris"), Some("Ferris")],
    );
}

#[test]
fn a_paragraph_of_quotation_after_an_attribution_with_an_appositive_continues_it() {
    assert_speakers(
        &[
            "\"The river came up faster than anyone expected,\" said Joan Petrie, 61, who has farmed the valley for forty years.",
            "\"We lost half the flock in a single night and there was nothing we could do.\"",
        ],
        &[Some("Joan Petrie"), Some("Joan Petrie")],
    );
}

#[test]
fn a_new_clause_with_its_own_subject_breaks_the_chain() {
    assert_speakers(
        &[
            "\"Tell her I promised you a picture of the house,\" Marta Ebeling said, and her husband cut in. \"Don't forget about the dog.\"",
        ],
        &[Some("Marta Ebeling"), None],
    );
}

#[test]
fn a_sentence_in_between_breaks_the_chain() {
    assert_speakers(
        &[
            "\"It was a fine day for the whole village,\" said Ruiz. Others paid tribute on social media. \"He was the kindest man I ever knew.\"",
        ],
        &[Some("Ruiz"), None],
    );
}

#[test]
fn a_second_speech_verb_in_the_attribution_breaks_the_chain() {
    assert_speakers(
        &[
            "\"We will appeal against the ruling,\" said Lowe, whose lawyer told reporters that the judge had erred. \"It is far from over.\"",
        ],
        &[Some("Lowe"), None],
    );
}

#[test]
fn when_asked_in_the_attribution_does_not_break_the_chain() {
    assert_speakers(
        &[
            "\u{201c}No council is ever going to get it perfect,\u{201d} Alvarez said when asked about the new school standards. \u{201c}The job is to keep making them better.\u{201d}",
        ],
        &[Some("Alvarez"), Some("Alvarez")],
    );
}

#[test]
fn a_quoted_title_ending_the_attribution_sentence_does_not_break_the_chain() {
    assert_speakers(
        &[
            "\"It is too early to tell,\" said Morrow, who also presents the TV show \"Night Desk.\" \"I will decide after the summer.\"",
        ],
        &[Some("Morrow"), Some("Morrow")],
    );
}

#[test]
fn a_possessive_after_as_is_not_a_clause_of_its_own() {
    assert_speakers(
        &[
            "\u{201c}The closures hurt every shop on the pier,\u{201d} said Councillor Jim Whelan, who served as its harbour master for years. \u{201c}We have not recovered.\u{201d}",
        ],
        &[Some("Jim Whelan"), Some("Jim Whelan")],
    );
}

// Pronouns.

#[test]
fn a_surname_written_after_an_initial_is_a_name_a_pronoun_can_stand_for() {
    assert_speakers(
        &[
            "Rep. Sander Q. Dalton (Ohio), a superdelegate, has backed the plan for months.",
            "Robin Pryce, the state party chair, wants the delegates to think again.",
            "Dalton dismissed concerns that he was out of step with the voters of his state.",
            "\u{201c}It was a narrow victory in a very long race,\u{201d} he said.",
        ],
        &[Some("Dalton")],
    );
}

#[test]
fn a_party_tag_in_brackets_ends_the_name_a_pronoun_stands_for() {
    assert_speakers(
        &[
            "Rep. Lena Ortiz (D-N.M.) spoke at the hearing on Tuesday. \u{201c}We cannot keep patching the same dam every spring,\u{201d} she said.",
        ],
        &[Some("Lena Ortiz")],
    );
}

#[test]
fn a_name_after_a_title_is_the_subject_a_pronoun_stands_for() {
    assert_speakers(
        &[
            "Harbour campaign manager Robby Tern released a memo on Monday night.",
            "\u{201c}We have built a lead that cannot be overturned,\u{201d} he said.",
        ],
        &[Some("Robby Tern")],
    );
}

#[test]
fn a_place_opening_a_sentence_stops_a_pronoun() {
    assert_speakers(
        &[
            "New families arrive in Clarkston, often with nothing but a suitcase.",
            "Clarkston takes in about 3,000 refugees a year. \u{201c}We never turn anyone away,\u{201d} he said.",
        ],
        &[None],
    );
}

// Gender.

#[test]
fn she_right_after_a_man_stays_unattributed() {
    assert_speakers(
        &[
            "Councillor Mark Tully opened the debate on the new bypass. \u{201c}We cannot wait another ten years for this road,\u{201d} she said.",
        ],
        &[None],
    );
}

#[test]
fn he_after_a_man_still_resolves_to_him() {
    assert_speakers(
        &[
            "Councillor Mark Tully opened the debate on the new bypass. \u{201c}We cannot wait another ten years for this road,\u{201d} he said.",
        ],
        &[Some("Mark Tully")],
    );
}

#[test]
fn a_title_gives_a_surname_its_gender() {
    assert_speakers(
        &[
            "Mrs Okafor chairs the parish council.",
            "Okafor wrote to the minister again in March. \u{201c}The bridge is older than the village hall,\u{201d} he said.",
        ],
        &[None],
    );
}

#[test]
fn a_surname_shared_by_a_husband_and_wife_gives_no_gender() {
    assert_speakers(
        &[
            "Tom Ebeling and Betsy Ebeling have known the candidate since school.",
            "Ebeling said the attacks were hard to watch. \u{201c}It is the blessing and the curse at the same time,\u{201d} she said.",
        ],
        &[Some("Ebeling")],
    );
}

// Descriptions.

#[test]
fn the_senator_is_the_one_person_introduced_with_the_title_sen() {
    assert_speakers(
        &[
            "Sen. Maria Delgado (D-Ore.) met the wheat farmers in Pendleton on Friday.",
            "\u{201c}Nobody in this room asked for a trade war,\u{201d} the senator said.",
        ],
        &[Some("Maria Delgado")],
    );
}

#[test]
fn the_senator_stays_as_written_when_two_senators_were_introduced() {
    assert_speakers(
        &[
            "Sen. Maria Delgado and Sen. Tom Reyes met the wheat farmers in Pendleton on Friday.",
            "\u{201c}Nobody in this room asked for a trade war,\u{201d} the senator said.",
        ],
        &[Some("the senator")],
    );
}

#[test]
fn the_governor_is_the_one_person_introduced_as_gov() {
    assert_speakers(
        &[
            "New Jersey Gov. Chris Dalloway accused his rival of playing politics with the budget.",
            "\u{201c}He went for the easy vote when it looked popular,\u{201d} the New Jersey governor said.",
        ],
        &[Some("Chris Dalloway")],
    );
}

#[test]
fn it_added_after_a_newspaper_is_the_newspaper() {
    assert_speakers(
        &[
            "\u{201c}The valley is a safe seat with few votes to win,\u{201d} the newspaper admitted.",
            "\u{201c}But the flooding should be a call to conscience, not to arithmetic,\u{201d} it added.",
        ],
        &[Some("the newspaper"), Some("the newspaper")],
    );
}

#[test]
fn he_is_left_unattributed_when_another_man_spoke_since() {
    assert_speakers(
        &[
            "Peter Lang lost the final in straight sets. Lang, along with two other players, will be seeded next year. The champion is in a class of his own, said Roger Kemp, who lost to him in the semi-final.",
            "\"Right now I feel that I can beat anyone,\" he told reporters.",
        ],
        &[None],
    );
    // Named before the antecedent, or only mentioned since, the other man does not
    // stand in the way.
    assert_speakers(
        &[
            "Peter Lang lost the final in straight sets. By all accounts, and even by Roger Kemp, he is now the best player in the country.",
            "\"Right now I feel that I can beat anyone,\" he told reporters.",
        ],
        &[Some("Peter Lang")],
    );
    assert_speakers(
        &[
            "Roger Kemp watched from the stands. Peter Lang lost the final in straight sets.",
            "\"I will come back stronger next year,\" he told reporters.",
        ],
        &[Some("Peter Lang")],
    );
}

#[test]
fn a_title_and_a_full_name_with_an_unlisted_first_name_are_one_woman() {
    assert_speakers(
        &[
            "Culture Secretary Tessa Morven said the new casinos would be tightly regulated. Ms Morven said the law would ban such tricks.",
            "A spokesman for the casino owners, who represent most of the trade, said the plan was unfair.",
            "\"Our industry is one of the most respected in the world,\" he said.",
        ],
        &[None],
    );
}

#[test]
fn he_does_not_stand_for_someone_the_quote_names() {
    assert_speakers(
        &[
            "City are set to unveil Harry Rennick as their new manager. \"Talks have been going on for some time,\" Mandell said. According to Mandell, Rennick promised he would not join their rivals.",
            "\"I said to Harry 'I hope you don't go', and he told me 'absolutely not',\" he said.",
        ],
        &[Some("Mandell"), None],
    );
    // Without his name in the quote, "he" is still the subject before it.
    assert_speakers(
        &[
            "City are set to unveil Harry Rennick as their new manager. \"Talks have been going on for some time,\" Mandell said. According to Mandell, Rennick promised he would not join their rivals.",
            "\"I gave my word and I will keep it,\" he said.",
        ],
        &[Some("Mandell"), Some("Rennick")],
    );
}

#[test]
fn a_subject_with_an_appositive_after_but_is_the_one_he_stands_for() {
    assert_speakers(
        &[
            "\"If it gets more people voting there is no harm in that,\" Mr Hale said. But Sir Bernard Oakes, the former press secretary, took a less charitable view.",
            "\"They will not achieve their aim with that bunch of people,\" he said.",
        ],
        &[Some("Hale"), Some("Bernard Oakes")],
    );
}

#[test]
fn a_name_after_a_description_between_commas_is_the_one_she_stands_for() {
    assert_speakers(
        &[
            "The charity's chief executive, Nadia Osei, said the cuts would close four shelters.",
            "\"We will fight this in the courts if we have to,\" she said.",
        ],
        &[Some("Nadia Osei")],
    );
}

#[test]
fn a_subject_after_an_introduction_with_a_relative_clause_is_the_one_he_stands_for() {
    assert_speakers(
        &[
            "At the Harbour Club, where a mooring costs $9,000 a season, Colin Brandt, its treasurer, blamed the storms.",
            "\"We lost half the pontoons in one night,\" he said.",
        ],
        &[Some("Colin Brandt")],
    );
}

#[test]
fn a_paragraph_opening_with_a_quote_then_going_on_continues_the_speaker() {
    assert_speakers(
        &[
            "\"Members have asked for this for years,\" the club's Dana Whitlock told the local paper.",
            "\"We saw a chance to open the courts to schools as well.\" But not everyone in the village agrees.",
        ],
        &[Some("Dana Whitlock"), Some("Dana Whitlock")],
    );
}

#[test]
fn he_in_a_reporting_clause_after_what_he_said_is_not_the_name_in_it() {
    assert_speakers(
        &[
            "Opposition leader Martin Greaves toured the depot on Monday.",
            "Mr Hollis has failed to fix the rail timetable, he claimed, saying the minister had the \"wrong priorities\" for commuters.",
        ],
        &[Some("Martin Greaves")],
    );
}

#[test]
fn he_inside_a_relative_clause_still_stands_for_the_subject() {
    assert_speakers(
        &[
            "Martin Greaves has no doubt it is the minister who, he claims, is \"rushing the bill through\" before the recess.",
        ],
        &[Some("Martin Greaves")],
    );
}
