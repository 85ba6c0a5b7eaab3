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
