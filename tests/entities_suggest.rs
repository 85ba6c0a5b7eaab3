//! `suggest_entities` end to end on a small fixture collection: the output parses as
//! TOML, groups the forms of one name into one entity, leaves out ordinary words, and
//! turns new spellings of registry entities into aliases.

use dossier::annotate::TextBlock;
use dossier::annotate::suggest::{SuggestInput, suggest_entities};
use dossier::content::registry::{Entity, EntityKind, Registry};

/// Three short reports of one (invented) event, from three outlets.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "wire-vote",
        "Wire One",
        "Lawmakers in Baghdad voted on Sunday to end the mission of foreign troops.\n\n\
         The vote came days after a drone strike killed Gen. Karim Haddad, the commander of \
         the Eastern Brigades, near the airport in Baghdad.\n\n\
         Prime Minister Adel Abdul Mahdi told parliament the decision was final. \
         President Donald Trump said the United States would respond.\n\n\
         The Eastern Brigades said Haddad would be buried in Najaf. Iraqi officials said \
         Islamic State fighters could exploit the crisis.",
    ),
    (
        "daily-vote",
        "The Daily",
        "Iraq’s parliament has voted to expel US troops, a blow to the fight against \
         the Islamic State group, according to Reuters.\n\n\
         “We will not be a battlefield,” Abdul Mahdi told lawmakers. Mr Trump threatened \
         sanctions; Trump also said the US would not leave.\n\n\
         In Najaf, mourners carried a portrait of Karim Hadad. The Iraqi parliament \
         session was boycotted by Kurdish members.",
    ),
    (
        "gazette-vote",
        "The Gazette",
        "The Iraqi parliament asked the government to cancel its request for help from \
         the coalition fighting IS.\n\n\
         Mahdi, who resigned in November, said the US had violated Iraqi sovereignty. \
         Washington said it was disappointed.\n\n\
         But protesters in Baghdad said the vote changed nothing. The US Embassy in \
         Baghdad was closed, according to Reuters.",
    ),
];

fn blocks(text: &str) -> Vec<TextBlock> {
    text.split("\n\n").map(TextBlock::paragraph).collect()
}

fn suggest(registry: &Registry) -> String {
    let blocks: Vec<(&str, &str, Vec<TextBlock>)> = ARTICLES
        .iter()
        .map(|(slug, source, text)| (*slug, *source, blocks(text)))
        .collect();
    let inputs: Vec<SuggestInput> = blocks
        .iter()
        .map(|(slug, source, blocks)| SuggestInput {
            slug,
            source,
            blocks,
        })
        .collect();
    suggest_entities(&inputs, registry)
}

#[derive(Debug, serde::Deserialize)]
struct Suggested {
    #[serde(default)]
    entity: Vec<SuggestedEntity>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestedEntity {
    id: String,
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
}

fn parse(toml_text: &str) -> Vec<SuggestedEntity> {
    match toml::from_str::<Suggested>(toml_text) {
        Ok(s) => s.entity,
        Err(e) => panic!("not TOML: {e}\n{toml_text}"),
    }
}

fn find<'a>(entities: &'a [SuggestedEntity], name: &str) -> &'a SuggestedEntity {
    entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity named {name:?} in {entities:#?}"))
}

fn entity(id: &str, name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
    Entity {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        hidden_aliases: Vec::new(),
        description: String::new(),
        links: Vec::new(),
        line: 0,
    }
}

#[test]
fn groups_the_forms_of_each_name_into_one_entity() {
    let out = suggest(&Registry::default());
    let entities = parse(&out);

    // (name, kind, aliases in any order)
    let expected: &[(&str, EntityKind, &[&str])] = &[
        (
            "Adel Abdul Mahdi",
            EntityKind::Person,
            &["Abdul Mahdi", "Mahdi"],
        ),
        ("Donald Trump", EntityKind::Person, &["Trump"]),
        (
            "Karim Haddad",
            EntityKind::Person,
            &["Haddad", "Karim Hadad"],
        ),
        ("Islamic State", EntityKind::Organization, &["IS"]),
        ("United States", EntityKind::Place, &["US"]),
        ("Eastern Brigades", EntityKind::Organization, &[]),
        ("Reuters", EntityKind::Organization, &[]),
        ("Baghdad", EntityKind::Place, &[]),
        ("US Embassy", EntityKind::Organization, &[]),
    ];
    for (name, kind, aliases) in expected {
        let e = find(&entities, name);
        assert_eq!(e.kind, *kind, "kind of {name}\n{out}");
        let mut got = e.aliases.clone();
        got.sort();
        let mut want: Vec<String> = aliases.iter().map(|a| a.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "aliases of {name}\n{out}");
    }
    assert_eq!(find(&entities, "Adel Abdul Mahdi").id, "adel-abdul-mahdi");

    // "Iraqi parliament" and "Iraq’s parliament" describe one institution.
    let parliament = find(&entities, "Iraqi parliament");
    assert_eq!(parliament.aliases, vec!["Iraq’s parliament".to_string()]);

    // Ordinary words, titles, dates and nationalities are not entities, on their own
    // or as an alias.
    let names: Vec<&str> = entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)))
        .collect();
    for word in [
        "Lawmakers",
        "The",
        "But",
        "In",
        "Sunday",
        "November",
        "Iraqi",
        "Kurdish",
        "President",
        "Prime Minister",
        "Gen.",
        "Mr",
        "We",
    ] {
        assert!(!names.contains(&word), "{word:?} suggested:\n{out}");
    }

    // Every entity has a comment block with counts and an example.
    assert!(
        out.contains("# Adel Abdul Mahdi:\n#   3 mentions in 3 articles from 3 sources."),
        "{out}"
    );
    assert!(out.contains("#   e.g. \""));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(suggest(&Registry::default()), suggest(&Registry::default()));
}

#[test]
fn suggests_new_spellings_of_registry_entities_as_aliases() {
    let registry = Registry::new(vec![
        entity("karim-haddad", "Karim Haddad", EntityKind::Person, &[]),
        entity("baghdad", "Baghdad", EntityKind::Place, &[]),
        entity(
            "islamic-state",
            "Islamic State",
            EntityKind::Organization,
            &[],
        ),
    ]);
    let out = suggest(&registry);
    let entities = parse(&out);

    // Known names are not suggested again...
    for name in ["Karim Haddad", "Baghdad", "Islamic State"] {
        assert!(
            entities.iter().all(|e| e.name != name),
            "{name} again:\n{out}"
        );
    }
    // ...but their other spellings, surname and acronym are offered as aliases.
    assert!(
        out.contains("# id = \"karim-haddad\" (Karim Haddad)"),
        "{out}"
    );
    assert!(
        out.contains("# aliases = [\"Haddad\", \"Karim Hadad\"]"),
        "{out}"
    );
    assert!(
        out.contains("# id = \"islamic-state\" (Islamic State)"),
        "{out}"
    );
    assert!(out.contains("# aliases = [\"IS\"]"), "{out}");
    // A new id never collides with a registry id.
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert!(!ids.contains(&"baghdad"));
}

#[test]
fn an_empty_collection_parses() {
    let out = suggest_entities(&[], &Registry::default());
    assert!(parse(&out).is_empty());
}

/// The suggestions for some articles, each given as paragraphs separated by blank
/// lines (invented text, one source).
fn suggest_articles(articles: &[&str]) -> (String, Vec<SuggestedEntity>) {
    let blocks: Vec<Vec<TextBlock>> = articles.iter().map(|a| blocks(a)).collect();
    let slugs: Vec<String> = (0..articles.len()).map(|i| format!("a{i}")).collect();
    let inputs: Vec<SuggestInput> = blocks
        .iter()
        .zip(&slugs)
        .map(|(blocks, slug)| SuggestInput {
            slug,
            source: "Wire",
            blocks,
        })
        .collect();
    let out = suggest_entities(&inputs, &Registry::default());
    let entities = parse(&out);
    (out, entities)
}

/// Every name and alias suggested.
fn all_forms(entities: &[SuggestedEntity]) -> Vec<&str> {
    entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)))
        .collect()
}

#[test]
fn lines_in_capitals_and_table_headers_are_not_names() {
    let (out, entities) = suggest_articles(&["FOOTBALL - HARLOW HOLD WESTBURY TO A DRAW.\n\n\
         Table after Saturday's games:\n\n\
         P W D L GF GA PTS\n\n\
         The match in Harlow was watched by a small crowd."]);
    let forms = all_forms(&entities);
    for shouted in [
        "FOOTBALL",
        "HARLOW",
        "WESTBURY",
        "GF GA PTS",
        "P W D L GF GA PTS",
    ] {
        assert!(!forms.contains(&shouted), "{shouted} suggested:\n{out}");
    }
}

#[test]
fn a_dateline_names_a_place() {
    let (out, entities) = suggest_articles(&[
        "KARVASSO 2021-03-04\n\n\
         The council met on Thursday to discuss the harbour.",
        "KARVASSO 2021-03-05\n\n\
         Fishermen protested again on Friday.",
    ]);
    let place = find(&entities, "Karvasso");
    assert_eq!(place.kind, EntityKind::Place, "{out}");
    assert!(out.contains("named by a dateline 2 times"), "{out}");
}

#[test]
fn a_results_line_does_not_merge_people_with_their_country() {
    let (out, entities) = suggest_articles(&["Results of the women's sprint on Sunday:\n\n\
         1. Anna Kowalczyk (Poland) 1:45.20 points\n\n\
         2. Marta Nowicka (Poland) 1:45.90 points\n\n\
         3. Edda Solvang (Norway) 1:46.10 points"]);
    for name in ["Anna Kowalczyk", "Marta Nowicka", "Edda Solvang"] {
        let e = find(&entities, name);
        assert!(e.aliases.is_empty(), "{name} has aliases:\n{out}");
    }
    assert_eq!(find(&entities, "Poland").kind, EntityKind::Place, "{out}");
}

#[test]
fn a_fixture_list_splits_two_teams_seen_apart() {
    let (out, entities) = suggest_articles(&["Fixtures for the weekend:\n\n\
         Harrowgate Vale Dunmere Rovers\n\n\
         Harrowgate Vale 2\n\n\
         Dunmere Rovers 1"]);
    let forms = all_forms(&entities);
    assert!(
        !forms.contains(&"Harrowgate Vale Dunmere Rovers"),
        "two teams as one:\n{out}"
    );
    find(&entities, "Harrowgate Vale");
    find(&entities, "Dunmere Rovers");
}

#[test]
fn a_team_followed_by_scores_in_a_table_is_an_organisation() {
    let (out, entities) = suggest_articles(&["Results on Saturday:\n\n\
         Westbury 3 Colnford 1\n\n\
         Standings:\n\n\
         Westbury 12 8 2 2 26\n\n\
         Colnford 12 6 3 3 21"]);
    for team in ["Westbury", "Colnford"] {
        assert_eq!(
            find(&entities, team).kind,
            EntityKind::Organization,
            "{team}\n{out}"
        );
    }
}

#[test]
fn kinds_come_from_the_gazetteer_given_names_and_organisation_words() {
    let (out, entities) = suggest_articles(&[
        "Delegates gathered in Vienna for the talks. Michael Brandauer opened them.\n\n\
         Vienna has hosted such talks before, and Michael Brandauer has chaired three.\n\n\
         Hapoel Karmiel beat Dorvale FC at home. Dorvale FC lost again on Sunday, \
         and Hapoel Karmiel moved top.",
    ]);
    let expected = [
        ("Vienna", EntityKind::Place),
        ("Michael Brandauer", EntityKind::Person),
        ("Dorvale FC", EntityKind::Organization),
    ];
    for (name, kind) in expected {
        assert_eq!(find(&entities, name).kind, kind, "{name}\n{out}");
    }
}

#[test]
fn shares_and_stakes_tell_a_company_not_a_place() {
    let (out, entities) = suggest_articles(&["Veltrix shares fell by a tenth on Monday.\n\n\
         The fund sold its stake in Veltrix to Norimex. Shares in Veltrix recovered later, \
         and Norimex shares rose."]);
    for company in ["Veltrix", "Norimex"] {
        assert_eq!(
            find(&entities, company).kind,
            EntityKind::Organization,
            "{company}\n{out}"
        );
    }
}

#[test]
fn no_alias_is_a_common_word_or_a_nationality() {
    let (out, entities) = suggest_articles(&[
        "German Kalinin, the minister, spoke in Moscow. Kalinin said prices would rise.\n\n\
         German banks were cautious, and the Germans kept buying gold. Gold rose.\n\n\
         Halvard Gold Mining said output fell. South Koreans bought more. German Kalinin \
         left.",
    ]);
    let forms = all_forms(&entities);
    for word in ["German", "Germans", "Gold", "South Koreans"] {
        assert!(!forms.contains(&word), "{word} suggested:\n{out}");
    }
    let minister = find(&entities, "German Kalinin");
    assert_eq!(minister.aliases, vec!["Kalinin".to_string()], "{out}");
}

#[test]
fn a_short_form_two_people_share_is_no_ones_alias() {
    let (out, entities) = suggest_articles(&[
        "Bill Hartwell and Susan Hartwell met in London. Hartwell said nothing.\n\n\
         Bill Hartwell left first; Susan Hartwell stayed. Hartwell later spoke.",
    ]);
    for name in ["Bill Hartwell", "Susan Hartwell"] {
        let e = find(&entities, name);
        assert!(
            !e.aliases.contains(&"Hartwell".to_string()),
            "{name}\n{out}"
        );
    }
}

#[test]
fn a_place_is_not_a_persons_short_form() {
    let (out, entities) = suggest_articles(&[
        "Paolo Madrid scored twice. The team then flew to Madrid.\n\n\
         Paolo Madrid was rested in Madrid on Sunday.",
    ]);
    let player = find(&entities, "Paolo Madrid");
    assert!(player.aliases.is_empty(), "{out}");
    assert_eq!(find(&entities, "Madrid").kind, EntityKind::Place, "{out}");
}

#[test]
fn a_rare_misspelling_of_a_long_name_is_merged() {
    let (out, entities) = suggest_articles(&[
        "Vasily Perdomirsky spoke. Perdomirsky said the firm was sound.\n\n\
         Vasily Perdomirsky left. Vasily Perdomirsky returned on Friday.\n\n\
         Vasily Predomirsky was cheered.",
    ]);
    let e = find(&entities, "Vasily Perdomirsky");
    assert!(
        e.aliases.contains(&"Vasily Predomirsky".to_string()),
        "{out}"
    );
}

#[test]
fn short_names_one_letter_apart_are_not_merged() {
    let (out, entities) =
        suggest_articles(&["Talks in Gambia went well. Gambia and Zambia signed.\n\n\
         Zambia will host the next round, then Gambia."]);
    find(&entities, "Gambia");
    let zambia = find(&entities, "Zambia");
    assert!(zambia.aliases.is_empty(), "{out}");
}

#[test]
fn an_acronym_is_not_the_initials_of_a_name_holding_another_acronym() {
    let (out, entities) =
        suggest_articles(&["BNP Paribas said profits rose. BP said profits fell.\n\n\
         BNP Paribas and BP both reported on Tuesday."]);
    let bank = find(&entities, "BNP Paribas");
    assert!(!bank.aliases.contains(&"BP".to_string()), "{out}");
}

#[test]
fn a_common_given_name_alone_is_no_ones_short_form() {
    let (out, entities) = suggest_articles(&[
        "Carl Westmore batted for three hours on Friday. Westmore said the pitch was slow.\n\n\
         The visitors replied through Carl and Dunning before lunch, and Carl Westmore \
         was out soon after.",
    ]);
    let batsman = find(&entities, "Carl Westmore");
    assert!(!batsman.aliases.contains(&"Carl".to_string()), "{out}");
}

#[test]
fn the_first_word_of_a_brand_is_not_its_short_form() {
    let (out, entities) = suggest_articles(&[
        "Vortek Powertrain will build engines in Turin. The unit was set up by Vortek \
         last year.\n\n\
         Vortek Powertrain employs 400 people, and Vortek wants to sell it.",
    ]);
    let unit = find(&entities, "Vortek Powertrain");
    assert!(!unit.aliases.contains(&"Vortek".to_string()), "{out}");
}

#[test]
fn a_word_that_begins_a_company_name_is_not_a_persons_surname() {
    let (out, entities) = suggest_articles(&[
        "On Sunday the race was won by Yoshiro Kanda, and Yoshiro Kanda said he was tired.\n\n\
         Kanda Motor Co said sales rose, and Kanda launched a new van.",
    ]);
    let driver = find(&entities, "Yoshiro Kanda");
    assert!(!driver.aliases.contains(&"Kanda".to_string()), "{out}");
    let company = find(&entities, "Kanda Motor Co");
    assert_eq!(company.kind, EntityKind::Organization, "{out}");
}

#[test]
fn an_initial_and_a_surname_make_a_person_not_an_acronym() {
    let (out, entities) = suggest_articles(&[
        "P. Dunmore took three wickets on Friday, and P. Dunmore then made 40.\n\n\
         The PD, the ruling party, won the vote. The PD said it was pleased.",
    ]);
    let player = find(&entities, "P. Dunmore");
    assert!(!player.aliases.contains(&"PD".to_string()), "{out}");
}

#[test]
fn a_dateline_in_capitals_is_suggested_once() {
    let (out, entities) = suggest_articles(&[
        "KARVASSO, Cornwall 2021-03-04\n\n\
         The council met on Thursday to discuss the harbour in Cornwall.",
        "KARVASSO, Cornwall 2021-03-05\n\n\
         Fishermen protested again on Friday.",
    ]);
    assert_eq!(find(&entities, "Karvasso").kind, EntityKind::Place, "{out}");
    assert!(
        !all_forms(&entities).contains(&"KARVASSO"),
        "the capitals suggested again:\n{out}"
    );
}

#[test]
fn a_name_in_capitals_in_a_results_line_is_the_name_written_in_a_sentence() {
    let (out, entities) = suggest_articles(&["Results on Sunday:\n\n\
         DORVALE 4 Harrowgate 2\n\n\
         Fans cheered as Dorvale won again, and Harrowgate lost at home."]);
    let team = find(&entities, "Dorvale");
    assert_eq!(team.aliases, vec!["DORVALE".to_string()], "{out}");
}

#[test]
fn a_lone_surname_of_several_people_is_a_person() {
    let (out, entities) = suggest_articles(&[
        "John Tresilian and Peter Tresilian both played on Sunday.\n\n\
         The crowd cheered when Tresilian scored twice, and Tresilian was carried off.",
    ]);
    assert_eq!(
        find(&entities, "Tresilian").kind,
        EntityKind::Person,
        "{out}"
    );
}

#[test]
fn a_scorer_in_brackets_in_a_results_line_is_a_person_and_the_team_an_organisation() {
    let (out, entities) = suggest_articles(&["Results on Saturday:\n\n\
         Westbury 2 (Ostrander 34, Keelan 71) Colnford 1 (Ostrander 80)\n\n\
         Dunmere 1 (Keelan 12) Harrowgate 0"]);
    for scorer in ["Ostrander", "Keelan"] {
        assert_eq!(find(&entities, scorer).kind, EntityKind::Person, "{out}");
    }
    for team in ["Westbury", "Colnford"] {
        assert_eq!(
            find(&entities, team).kind,
            EntityKind::Organization,
            "{out}"
        );
    }
}

#[test]
fn a_nationality_before_a_personal_name_is_not_part_of_it() {
    let (out, entities) = suggest_articles(&[
        "The title went to Englishman Tom Ashcroft, who beat Moroccan Ahmed Tazi in the \
         final.\n\n\
         Later Ashcroft said that Tom Ashcroft the player owed much to Ahmed Tazi.",
    ]);
    find(&entities, "Tom Ashcroft");
    find(&entities, "Ahmed Tazi");
    let forms = all_forms(&entities);
    for wrong in ["Englishman Tom Ashcroft", "Moroccan Ahmed Tazi"] {
        assert!(!forms.contains(&wrong), "{wrong} suggested:\n{out}");
    }
}

#[test]
fn a_country_is_not_an_adjective_of_a_word_it_contains() {
    let (out, entities) = suggest_articles(&["The relay was won by Sweden, ahead of Norway.\n\n\
         A Swede led from the start, and the team from Sweden never looked back."]);
    assert_eq!(find(&entities, "Sweden").kind, EntityKind::Place, "{out}");
}

#[test]
fn a_table_row_in_capitals_names_a_team_and_its_header_nothing() {
    let (out, entities) = suggest_articles(&["Standings after Sunday's games:\n\n\
         W L T GF GA PTS\n\n\
         WESTBURY 12 7 6 77 76 30\n\n\
         NORTH COLNFORD 10 11 4 74 84 24\n\n\
         WESTBURY AT NORTH COLNFORD"]);
    for team in ["Westbury", "North Colnford"] {
        assert_eq!(
            find(&entities, team).kind,
            EntityKind::Organization,
            "{team}\n{out}"
        );
    }
    let forms = all_forms(&entities);
    for shouted in ["W L T GF GA PTS", "GF GA PTS", "WESTBURY AT NORTH COLNFORD"] {
        assert!(!forms.contains(&shouted), "{shouted} suggested:\n{out}");
    }
}

#[test]
fn a_country_or_an_owner_opening_a_sentence_is_a_name() {
    let (out, entities) = suggest_articles(&["Luxembourg hosted the talks on Friday.\n\n\
         Dorvale's chairman said the club was sound. Most fans agreed."]);
    assert_eq!(
        find(&entities, "Luxembourg").kind,
        EntityKind::Place,
        "{out}"
    );
    find(&entities, "Dorvale");
    let forms = all_forms(&entities);
    assert!(!forms.contains(&"Most"), "{out}");
}

#[test]
fn the_sides_of_a_fixture_are_teams_unless_shaped_like_people() {
    let (out, entities) = suggest_articles(&["Matches on Sunday, with places in brackets:\n\n\
         Dorvale (4) v Westbury (9) 1500\n\n\
         The semi-final is Anna Kowalczyk v Edda Solvang, and Colnford play Westbury \
         after Dorvale v Colnford."]);
    for team in ["Dorvale", "Westbury", "Colnford"] {
        assert_eq!(
            find(&entities, team).kind,
            EntityKind::Organization,
            "{team}\n{out}"
        );
    }
    for player in ["Anna Kowalczyk", "Edda Solvang"] {
        assert_eq!(find(&entities, player).kind, EntityKind::Person, "{out}");
    }
}

#[test]
fn a_news_agency_or_a_newspaper_is_an_organisation() {
    let (out, entities) = suggest_articles(&[
        "Officials told the Velmar news agency that talks would resume, and the Kestrel \
         newspaper agreed.\n\n\
         On Monday Velmar quoted an official, and Kestrel printed the text.",
    ]);
    for name in ["Velmar", "Kestrel"] {
        assert_eq!(
            find(&entities, name).kind,
            EntityKind::Organization,
            "{name}\n{out}"
        );
    }
}

#[test]
fn a_lone_word_that_begins_a_company_name_is_an_organisation() {
    let (out, entities) = suggest_articles(&["Shares of Brackwater Gold Corp rose on Monday.\n\n\
         Analysts said Brackwater would sell its mine, and the deal suits Brackwater."]);
    assert_eq!(
        find(&entities, "Brackwater").kind,
        EntityKind::Organization,
        "{out}"
    );
}

#[test]
fn an_initial_opens_a_persons_name_even_before_a_score() {
    let (out, entities) = suggest_articles(&["Bowling figures:\n\n\
         P. Dunmore 10 2 35 3\n\n\
         K. Ashworth 8 1 40 2\n\n\
         The crowd cheered when P. Dunmore and K. Ashworth walked off."]);
    for player in ["P. Dunmore", "K. Ashworth"] {
        assert_eq!(
            find(&entities, player).kind,
            EntityKind::Person,
            "{player}\n{out}"
        );
    }
}

#[test]
fn a_trade_before_a_name_tells_a_company() {
    let (out, entities) = suggest_articles(&[
        "Talks between oil firm Vostek and carmaker Halvard broke down on Monday.\n\n\
         The insurer Brennock said that both Vostek and Halvard had asked for more time.",
    ]);
    for company in ["Vostek", "Halvard", "Brennock"] {
        assert_eq!(
            find(&entities, company).kind,
            EntityKind::Organization,
            "{company}\n{out}"
        );
    }
}

#[test]
fn an_english_word_between_two_names_does_not_join_them() {
    let (out, entities) = suggest_articles(&[
        "Said Nora Calloway at Brennock Securities: the rate will rise. Sales in \
         November as Christmas neared were strong.\n\n\
         Nora Calloway said Brennock Securities agreed, and Christmas sales rose.",
    ]);
    let forms = all_forms(&entities);
    for joined in [
        "Nora Calloway at Brennock Securities",
        "November as Christmas",
    ] {
        assert!(!forms.contains(&joined), "{joined} suggested:\n{out}");
    }
    find(&entities, "Nora Calloway");
    find(&entities, "Brennock Securities");
}

#[test]
fn a_hyphenated_company_saying_something_is_not_a_person() {
    let (out, entities) =
        suggest_articles(&["Sales at Kel-Mart rose, Kel-Mart said on Monday.\n\n\
         Analysts expect more, and Kel-Mart said it would open new stores."]);
    assert_ne!(
        find(&entities, "Kel-Mart").kind,
        EntityKind::Person,
        "{out}"
    );
}

#[test]
fn an_acronym_one_name_is_given_does_not_join_another_with_the_same_initials() {
    let (out, entities) = suggest_articles(&[
        "A fund that owns 5% of Vastern Boerse's (VB) shares has complained. Under the \
         law, VB need not ask. Vastern Boerse said it would bid.",
        "The case was brought by Vastern Bank and others. Economists at Vastern Bank \
         agreed.",
        "There is a waiting list for the VB9, the maker said. The car shares a platform \
         with the VB9.",
    ]);
    let exchange = find(&entities, "Vastern Boerse");
    assert_eq!(exchange.aliases, vec!["VB".to_string()], "{out}");
    assert!(find(&entities, "Vastern Bank").aliases.is_empty(), "{out}");
}

#[test]
fn players_listed_with_their_figures_are_people() {
    let (out, entities) = suggest_articles(&["Leading second-round scores:\n\n\
         138 Tomas Varga 69 69, Hennie Brandt 70 68\n\n\
         139 Colm Oduya 71 68, Hennie Brandt 70 69\n\n\
         Scorers: Dorvale - Tomas Varga 58, Colm Oduya 65"]);
    for player in ["Tomas Varga", "Hennie Brandt", "Colm Oduya"] {
        assert_eq!(
            find(&entities, player).kind,
            EntityKind::Person,
            "{player}\n{out}"
        );
    }
}
