//! Figures found in sentences written for the purpose: each kind of number, qualifier
//! and thing counted, and the numbers that count nothing.

use super::*;

/// The figures of `text` as (wording, value, lo, hi, unit label, change, event).
fn found(text: &str) -> Vec<FoundFigure> {
    find_figures(text)
}

fn only(text: &str) -> FoundFigure {
    let mut all = found(text);
    assert_eq!(all.len(), 1, "{text}: {all:#?}");
    all.remove(0)
}

fn wording<'a>(text: &'a str, f: &FoundFigure) -> &'a str {
    &text[f.range.clone()]
}

#[test]
fn a_count_of_troops_with_each_qualifier() {
    let cases: &[(&str, &str, Option<Qualifier>, f64, f64)] = &[
        (
            "Some 5,000 US troops remain.",
            "Some 5,000 US troops",
            Some(Qualifier::About),
            4500.0,
            5500.0,
        ),
        (
            "Around 5,000 US troops remain in Iraq.",
            "Around 5,000 US troops",
            Some(Qualifier::About),
            4500.0,
            5500.0,
        ),
        (
            "It let Washington station 5,200 troops in Iraq.",
            "5,200 troops",
            None,
            5200.0,
            5200.0,
        ),
        (
            "More than 4,000 soldiers left.",
            "More than 4,000 soldiers",
            Some(Qualifier::MoreThan),
            4000.0,
            f64::INFINITY,
        ),
        (
            "At least 300 troops died.",
            "At least 300 troops",
            Some(Qualifier::AtLeast),
            300.0,
            f64::INFINITY,
        ),
        (
            "Up to 3,000 troops may go.",
            "Up to 3,000 troops",
            Some(Qualifier::UpTo),
            0.0,
            3000.0,
        ),
        (
            "Nearly 2,000 soldiers were sent.",
            "Nearly 2,000 soldiers",
            Some(Qualifier::Nearly),
            1800.0,
            2000.0,
        ),
        (
            "Fewer than 100 troops stayed.",
            "Fewer than 100 troops",
            Some(Qualifier::LessThan),
            0.0,
            100.0,
        ),
        (
            "As many as 700 troops were hurt.",
            "As many as 700 troops",
            Some(Qualifier::UpTo),
            0.0,
            700.0,
        ),
    ];
    for &(text, words, q, lo, hi) in cases {
        let f = only(text);
        assert_eq!(wording(text, &f), words, "{text}");
        assert_eq!(f.qualifier, q, "{text}");
        assert!((f.lo - lo).abs() <= 1.0, "{text}: lo {}", f.lo);
        assert!(
            f.hi == hi || (f.hi - hi).abs() <= 1.0,
            "{text}: hi {}",
            f.hi
        );
        assert_eq!(f.unit.key(), "troop", "{text}");
    }
}

#[test]
fn things_counted_money_and_percentages() {
    let text = "Trump said the U.S. would strike 52 Iranian sites, including cultural sites.";
    let f = only(text);
    assert_eq!(
        (wording(text, &f), f.unit.clone()),
        ("52 Iranian sites", Unit::Noun("site".into()))
    );

    let text = "Video showed thousands of emotional, grieving Iranians in the streets.";
    let f = only(text);
    assert_eq!(f.unit, Unit::Noun("iranian".into()));
    assert!(f.vague && f.lo == 2000.0 && f.hi == 9999.0, "{f:?}");

    let text = "In Iran, hundreds of thousands took to the streets.";
    let f = only(text);
    assert_eq!(f.unit, Unit::Noun("people".into()));
    assert_eq!((f.lo, f.hi), (200_000.0, 999_999.0));

    let text = "The company agreed a $5.2bn deal with the state.";
    let f = only(text);
    assert_eq!(f.unit, Unit::Money("USD", "deal".into()));
    assert_eq!(f.value, 5.2e9);

    let text = "Britain pledged £3 million in aid.";
    assert_eq!(only(text).unit, Unit::Money("GBP", "aid".into()));
    let text = "The regulator imposed a fine of 40 million euros on the bank.";
    let f = only(text);
    assert_eq!(f.unit, Unit::Money("EUR", "fine".into()), "{f:?}");

    let text = "Turnout was 44 per cent, the commission said.";
    assert_eq!(only(text).unit, Unit::Percent("turnout".into()));
    let text = "About 40% of voters backed the plan.";
    let f = only(text);
    assert_eq!(
        (f.unit.clone(), f.qualifier),
        (Unit::Percent("voter".into()), Some(Qualifier::About))
    );

    let text = "Two hundred people were arrested and a dozen police officers injured.";
    let all = found(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        (all[0].value, all[0].unit.key(), all[0].event),
        (200.0, "people".to_string(), Some("arrested"))
    );
    assert_eq!((all[1].value, all[1].event), (12.0, Some("injured")));
}

#[test]
fn prices_rates_and_changes_that_do_not_say_of_what() {
    // A price per thing is a market's reading, never compared.
    let f = only("US crude rose to $53.09 a barrel in New York.");
    assert!(!f.unit.comparable(), "{f:?}");
    let f = only("Tickets were sold at $40 each.");
    assert!(!f.unit.comparable(), "{f:?}");
    let f = only("Inflation in the UK stood at 3.1%.");
    assert_eq!(f.unit, Unit::Percent("inflation".into()), "{f:?}");
    // A rate per stretch of time is of what the clause names.
    let f = only("Debt is rising at 15% a year.");
    assert_eq!(f.unit, Unit::Percent("debt".into()), "{f:?}");
    // A rise or a fall of an unnamed thing cannot be compared; of a named one it is
    // of that thing.
    let f = only("Economists had expected a 0.3% rise.");
    assert!(!f.unit.comparable(), "{f:?}");
    let f = only("The ONS reported a 0.6% rise in sales.");
    assert_eq!(f.unit, Unit::Percent("sale".into()), "{f:?}");
    // Tax rises and tax cuts are different amounts.
    let rises = only("Experts say £8 billion of tax rises are inevitable.");
    let cuts = only("He offered £4 billion of tax cuts.");
    assert_eq!(rises.unit, Unit::Money("GBP", "tax rises".into()));
    assert_eq!(cuts.unit, Unit::Money("GBP", "tax cuts".into()));
    // One donation is not the total of several.
    let one = only("Lord Sainsbury made a £2m donation to the party.");
    let all = only("The party received more than £5m in donations.");
    assert_ne!(one.unit.key(), all.unit.key());
    // How far a price moved is a change, and a reading.
    let f = only("Brent crude closed down 51 cents.");
    assert!(f.change && f.is_reading(), "{f:?}");
    let f = only("The index ended the day up 0.7%.");
    assert!(f.change && f.is_reading(), "{f:?}");
    let f = only("The Dow Jones index fell 20.54 points.");
    assert!(f.change && f.is_reading(), "{f:?}");
    let f = only("Inflation rose by 0.2% in March.");
    assert!(f.change, "{f:?}");
    let f = only("Turnout rose to 44%.");
    assert!(!f.change, "{f:?}");
    // So much a day or a year is a rate.
    let f = only("India produces about 793,000 barrels of oil a day.");
    assert!(f.rate && f.is_reading(), "{f:?}");
    // Counts of things and amounts paid once are not readings.
    assert!(!only("Some 5,000 US troops remain.").is_reading());
    assert!(!only("The firm agreed a $5.2bn deal.").is_reading());
}

#[test]
fn the_event_counted_is_the_one_its_verb_says() {
    assert_eq!(
        only("Police arrested some 200 people.").event,
        Some("arrested")
    );
    assert_eq!(
        only("Lawmakers voted to end a bill which allowed Washington to station 5,200 troops.")
            .event,
        None
    );
    assert_eq!(
        only("Some 45,000 people were surveyed.").event,
        Some("surveyed")
    );
    assert_eq!(only("Up to 2,500 jobs are to go.").event, Some("cut"));
}

#[test]
fn a_stretch_the_writer_chose_is_not_a_quantity() {
    for text in [
        "England have lost eight of their last 13 matches.",
        "Only two of the first 30 applicants were hired.",
        "The next 300 jobs will move to London.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
    assert_eq!(found("Nine of the 20 biggest-selling games were EA's."), []);
    assert_eq!(found("He is among the 50 richest men."), []);
    // The same count without the stretch stands.
    assert_eq!(only("Some 300 jobs will move to London.").value, 300.0);
}

#[test]
fn kinds_of_number() {
    for (text, value) in [
        ("They sent 5000 troops.", 5000.0),
        ("They sent 5,000 troops.", 5000.0),
        ("They sent two battalions.", 2.0),
        ("They sent twenty-five observers.", 25.0),
        ("They sent a dozen observers.", 12.0),
        ("They sent three thousand troops.", 3000.0),
        ("It cost 5.2bn dollars.", 5.2e9),
        ("It cost $3 million for repairs.", 3e6),
    ] {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        assert_eq!(all[0].value, value, "{text}");
    }
    let f = only("Dozens of protesters were hurt.");
    assert!(f.vague && f.lo == 24.0, "{f:?}");
    assert_eq!(f.event, Some("injured"));
}

#[test]
fn changes_are_not_totals() {
    let f = only("Thousands more US troops were ordered to the Middle East.");
    assert!(f.change, "{f:?}");
    assert_eq!(f.unit.key(), "troop");
    assert!(only("An additional 3,000 troops were sent.").change);
    assert!(!only("Around 5,000 US troops remain.").change);
}

#[test]
fn years_dates_times_ages_ordinals_and_spans_are_not_counts() {
    for text in [
        "Lawmakers voted to end the 2014 bill.",
        "They fought side by side during the 2014-2017 war.",
        "Soleimani died on January 3 in Baghdad.",
        "Soleimani died on 3 January in Baghdad.",
        "The vote was held at 10:30 in the morning.",
        "The 82nd Airborne Division was loaded into aircraft.",
        "A 45-year-old man was detained.",
        "The man, aged 45, was detained.",
        "Protests have gone on for three months.",
        "The vote came two days after the strike.",
        "Iraq lived without foreign forces between 2011 and 2014.",
        "A late 2017 uprising began in Mashhad.",
        "They invoked Article 5 of the treaty.",
        "One demonstrator told AFP that he was angry.",
        "Gen. Soleimani was the third most powerful man.",
        "In the 1990s, sanctions hit Iraq.",
        "England lost in the Six Nations on Saturday.",
        "Eleven was the number on his shirt.",
        "It grew three times faster.",
        "The 1500m champion Kelly Holmes won.",
        "It sold more copies than the rest of the top 30 combined.",
        "Download sales of 312,000 compared with physical singles.",
        "It happened some three decades ago.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn a_figure_keeps_its_clause_and_its_authority() {
    let text = "The resolution aims to force the U.S. to withdraw 5,000 troops, according to The Associated Press. It passed.";
    let f = only(text);
    assert_eq!(&text[f.authority.clone().unwrap()], "The Associated Press");
    assert_eq!(&text[f.clause.clone()], &text[..text.find(" It").unwrap()]);
    let text = "Police arrested 200 people; 50 officers were injured, citing the ministry.";
    let all = found(text);
    assert_eq!(all.len(), 2);
    assert_eq!(&text[all[0].clause.clone()], "Police arrested 200 people");
    assert_eq!(all[0].event, Some("arrested"));
    assert_eq!(all[1].event, Some("injured"));
    assert_eq!(&text[all[1].authority.clone().unwrap()], "the ministry");
}

#[test]
fn singulars() {
    for (plural, one) in [
        ("troops", "troop"),
        ("casualties", "casualty"),
        ("boxes", "box"),
        ("churches", "church"),
        ("people", "people"),
        ("women", "woman"),
        ("Iranians", "iranian"),
        ("Iraqis", "iraqi"),
    ] {
        assert_eq!(singular(plural), one);
    }
}

#[test]
fn a_sentence_is_read_when_it_has_a_digit_or_a_word_starting_like_a_number_word() {
    let may = |text: &str| may_hold_number(text, &(0..text.len()));
    assert!(!may("It often has content."));
    assert!(may("“Two hundred” came."));
    assert!(may("It cost £5m."));
    assert!(may("Ñandú six"));
    assert!(!may("Éten and élan"));
    for text in [
        "five",
        "Forty",
        "ninety",
        "the ninth",
        "a trillion",
        "dozens",
        "Hundreds",
    ] {
        assert!(may(text), "{text}");
    }
    // Before, inside and after each eight-byte step, and within a longer text.
    for k in 0..20 {
        let pad = "x".repeat(k);
        assert!(may(&format!("{pad} seven")), "{k}");
        assert!(may(&format!("{pad}7")), "{k}");
        assert!(!may(&format!("x{pad}seven")), "{k}");
        assert!(!may(&format!("{pad} often")), "{k}");
        assert!(may(&format!("It was {pad} seven {pad}.")[3..]), "{k}");
    }
}

/// The same test made one character at a time.
fn may_hold_number_by_characters(text: &str) -> bool {
    let mut after_letter = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit()
            || c.is_ascii_alphabetic()
                && !after_letter
                && numbers::number_stem_at(text.as_bytes(), i)
        {
            return true;
        }
        after_letter = c.is_alphabetic();
    }
    false
}

proptest::proptest! {
    #[test]
    fn reading_eight_bytes_at_a_time_finds_what_one_at_a_time_does(
        text in "[a-zA-Z0-9 ,.éÉ—“]{0,40}(seven|Two|ten|fif)?[a-zA-Z0-9 éÉ—]{0,20}"
    ) {
        proptest::prop_assert_eq!(
            may_hold_number(&text, &(0..text.len())),
            may_hold_number_by_characters(&text)
        );
    }
}

#[test]
fn a_figure_after_a_word_of_forecast_or_of_need_in_its_part_of_the_clause_is_prospective() {
    assert!(only("The EU predicts growth of 1.5% next year.").prospective);
    assert!(only("The firm is expected to cut 300 jobs.").prospective);
    assert!(only("The firm will cut 300 jobs.").prospective);
    assert!(!only("The firm cut 300 jobs, as expected.").prospective);
    assert!(!only("Growth was 0.2%, below forecasts.").prospective);
    let prospective =
        |text: &str| -> Vec<bool> { find_figures(text).iter().map(|f| f.prospective).collect() };
    assert_eq!(
        prospective("Sales rose 5%, beating forecasts of 3%."),
        [false, true]
    );
    assert_eq!(
        prospective("Analysts expect 3% growth but the firm cut 300 jobs."),
        [true, false]
    );
    assert!(only("Clinton needs 67 delegates to win.").prospective);
    assert!(only("She has to win the 1,237 delegates needed.").prospective);
    assert!(!only("Trump leads with 329 delegates.").prospective);
}

#[test]
fn a_number_word_after_a_percentage_is_not_what_it_is_of() {
    let f = only("The economy grew at an annual rate of 3.7% in the three months to June.");
    assert_eq!(f.unit.label(), "per cent (rate)");
}

#[test]
fn relatives_of_a_number_of_people_count_a_part_of_them() {
    assert_eq!(
        found("The parents of two Americans killed in the attack spoke."),
        []
    );
    assert_eq!(found("Relatives of 12 victims sued the firm."), []);
    let f = only("He met the families of the nine people who were killed.");
    assert_eq!(f.value, 9.0);
}

#[test]
fn a_capitalised_word_before_a_name_is_not_what_is_counted() {
    assert_eq!(found("Leading scores: 132 Des Terblanche 65 67."), []);
    assert_eq!(
        only("Police killed 20 Iraqis Monday.").unit.label(),
        "iraqi"
    );
    assert_eq!(
        only("Some 5,000 Iranians gathered.").unit.label(),
        "iranian"
    );
}
