//! Table-driven tests of quote finding and attribution, one table per form.

use super::*;
use crate::annotate::BlockKind;
use crate::content::registry::{Entity, EntityKind};

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

fn registry() -> Registry {
    use EntityKind::*;
    Registry::new(vec![
        entity(
            "adel-abdul-mahdi",
            "Adel Abdul Mahdi",
            Person,
            &["Abdul Mahdi", "al-Mahdi"],
        ),
        entity("raad-ismail", "Raad Ismail", Person, &[]),
        entity("ammar-al-shibli", "Ammar al-Shibli", Person, &[]),
        entity("mohammed-halbusi", "Mohammed Halbusi", Person, &[]),
        entity("moqtada-sadr", "Moqtada Sadr", Person, &["Sadr"]),
        entity("donald-trump", "Donald Trump", Person, &["Trump"]),
        entity(
            "iraqi-foreign-ministry",
            "Iraqi foreign ministry",
            Organization,
            &["foreign ministry"],
        ),
        entity(
            "parliament-resolution",
            "Resolution of 5 January 2020",
            Document,
            &["the resolution", "The resolution", "nonbinding resolution"],
        ),
        entity(
            "iraqi-parliament",
            "Iraqi parliament",
            Organization,
            &["parliament"],
        ),
        entity("reuters", "Reuters", Organization, &[]),
        entity("afp", "AFP", Organization, &[]),
        entity("iraq", "Iraq", Place, &[]),
    ])
}

/// Whole-word, case-sensitive, longest-first mentions: enough for these tests, and
/// independent of the real matcher.
fn mentions(blocks: &[TextBlock], registry: &Registry) -> Vec<FoundMention> {
    let mut names: Vec<(&str, usize)> = registry
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.names().map(move |n| (n, i)))
        .collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for (name, e) in &names {
            for (at, _) in block.text.match_indices(name) {
                let end = at + name.len();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if word(block.text[..at].chars().next_back())
                    || word(block.text[end..].chars().next())
                {
                    continue;
                }
                if taken.iter().any(|r| r.start < end && at < r.end) {
                    continue;
                }
                taken.push(at..end);
                out.push(FoundMention {
                    block: b,
                    range: at..end,
                    entity: *e,
                });
            }
        }
    }
    out
}

/// The speaker as the gold file writes it: an entity id, or the free-text name.
fn speaker_label(registry: &Registry, q: &FoundQuote) -> Option<String> {
    q.speaker.as_ref().map(|s| match s.entity {
        Some(e) => registry.entities[e].id.clone(),
        None => s.name.clone(),
    })
}

fn run(paras: &[&str]) -> (Registry, Vec<TextBlock>, Vec<FoundQuote>) {
    let registry = registry();
    let blocks: Vec<TextBlock> = paras.iter().map(|p| TextBlock::paragraph(p)).collect();
    let ms = mentions(&blocks, &registry);
    let quotes = find_quotes(&blocks, &ms, &registry, 4);
    (registry, blocks, quotes)
}

/// Runs each case and compares (first words of each quote, speaker label).
/// Paragraphs, and the (first words, speaker label) of each quote expected in them.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, Option<&'a str>)]);

fn check(cases: &[Case]) {
    for (paras, want) in cases {
        let (registry, _, quotes) = run(paras);
        let got: Vec<(String, Option<String>)> = quotes
            .iter()
            .map(|q| (q.text.clone(), speaker_label(&registry, q)))
            .collect();
        assert_eq!(got.len(), want.len(), "quotes in {paras:#?}: {got:#?}");
        for ((text, speaker), (prefix, want_speaker)) in got.iter().zip(want.iter()) {
            assert!(
                text.starts_with(prefix),
                "{text:?} should start with {prefix:?} in {paras:#?}"
            );
            assert_eq!(
                speaker.as_deref(),
                *want_speaker,
                "speaker of {text:?} in {paras:#?}"
            );
        }
    }
}

#[test]
fn speaker_after_the_quote() {
    check(&[
        (
            &["\"We refuse a proxy war on Iraqi territory,\" said student Raad Ismail."],
            &[("We refuse", Some("raad-ismail"))],
        ),
        (
            &["“We will stay in Iraq for now,” Abdul Mahdi said."],
            &[("We will stay", Some("adel-abdul-mahdi"))],
        ),
        (
            &[
                "“Despite the challenges, this choice remains the best for Iraq,” Iraq’s caretaker prime minister, Adel Abdul Mahdi, told lawmakers.",
            ],
            &[("Despite", Some("adel-abdul-mahdi"))],
        ),
        (
            &[
                "\"The parliament has voted to commit the government,\" parliament speaker Mohammed Halbusi announced, CNBC reports.",
            ],
            &[("The parliament", Some("mohammed-halbusi"))],
        ),
        (
            &[
                "“It remains best for Iraq on principle,” al-Mahdi told parliament in a speech Sunday, according to Reuters.",
            ],
            &[("It remains", Some("adel-abdul-mahdi"))],
        ),
        (
            &[
                "“There is no need for American forces,” said Ammar al-Shibli, a Shi’ite lawmaker, before the meeting.",
            ],
            &[("There is", Some("ammar-al-shibli"))],
        ),
        (
            &["“The talks have failed completely,” according to Moqtada Sadr."],
            &[("The talks", Some("moqtada-sadr"))],
        ),
        (
            &["“Why are they still here now?” asked Sadr."],
            &[("Why are", Some("moqtada-sadr"))],
        ),
        (
            &["“We will keep marching until the end,” said student Ali Hassan."],
            &[("We will keep", Some("Ali Hassan"))],
        ),
    ]);
}

#[test]
fn speaker_before_the_quote() {
    check(&[
        (
            &["Trump said: “We will respond very strongly.”"],
            &[("We will respond", Some("donald-trump"))],
        ),
        (
            &["Ammar al-Shibli told Reuters: \"There is no need for American forces here.\""],
            &[("There is", Some("ammar-al-shibli"))],
        ),
        (
            &[
                "Sadr, who is the leader of the largest bloc in parliament, wrote in a letter to the assembly that a supporter read aloud: \"I consider this a weak response.\"",
            ],
            &[("I consider", Some("moqtada-sadr"))],
        ),
        (
            &[
                "In a statement, the Iraqi foreign ministry said: \"[The airstrikes] were a blatant violation\" and \"contradict the agreed missions of the coalition.\"",
            ],
            &[
                ("[The airstrikes]", Some("iraqi-foreign-ministry")),
                ("contradict", Some("iraqi-foreign-ministry")),
            ],
        ),
        (
            &[
                "As reported by The Independent, the foreign ministry said in a statement that it is about \"American attacks and aggression on Iraqi positions.\"",
            ],
            &[("American attacks", Some("iraqi-foreign-ministry"))],
        ),
        (
            &["According to Sadr, “the strikes were a blatant violation of sovereignty.”"],
            &[("the strikes", Some("moqtada-sadr"))],
        ),
    ]);
}

#[test]
fn documents_and_unnamed_speakers() {
    check(&[
        (
            &["“The government commits to revoke its request,” the resolution read."],
            &[("The government", Some("parliament-resolution"))],
        ),
        (
            &["“All foreign troops must leave the country,” the statement read."],
            &[("All foreign", Some("the statement"))],
        ),
        (
            &["\"We're taking a stance against the two occupiers,\" one demonstrator told AFP."],
            &[("We're taking", Some("one demonstrator"))],
        ),
        (
            &["\"No to Iran, no to America!\" chanted hundreds of young Iraqis as they marched."],
            &[("No to Iran", Some("hundreds of young Iraqis"))],
        ),
        (
            &["“Three people were wounded in the shooting,” medical sources told AFP."],
            &[("Three people", Some("medical sources"))],
        ),
    ]);
}

#[test]
fn pronouns_resolve_to_the_last_named_speaker() {
    check(&[
        (
            &[
                "\"We refuse a proxy war on Iraqi territory,\" said student Raad Ismail.",
                "\"We're warning them: don't ignore our demands,\" he said.",
            ],
            &[
                ("We refuse", Some("raad-ismail")),
                ("We're warning", Some("raad-ismail")),
            ],
        ),
        (
            // A person named as the subject of a later sentence is the nearer antecedent.
            &[
                "“I consider this a weak response from them,” Sadr said.",
                "At the assembly, Prime Minister Abdul Mahdi tried to convince parliament.",
                "“It remains best for Iraq on principle,” he told MPs.",
            ],
            &[
                ("I consider", Some("moqtada-sadr")),
                ("It remains", Some("adel-abdul-mahdi")),
            ],
        ),
        (
            // Nobody to refer to.
            &["“We have our own armed forces here,” he told Reuters."],
            &[("We have", None)],
        ),
        (
            // An unnamed speaker in between makes "he" ambiguous.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail.",
                "“We're taking a stance against them,” one demonstrator told AFP.",
                "“We will not leave the square at all,” he said.",
            ],
            &[
                ("We refuse", Some("raad-ismail")),
                ("We're taking", Some("one demonstrator")),
                ("We will not", None),
            ],
        ),
        (
            // Too far back.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail.",
                "One.",
                "Two.",
                "Three.",
                "Four.",
                "Five.",
                "“We will not leave the square at all,” he said.",
            ],
            &[("We refuse", Some("raad-ismail")), ("We will not", None)],
        ),
        (
            // "It" stands for a document named as a subject.
            &[
                "The nonbinding resolution passed Sunday demanded an end to the presence. It declared an “achievement of victory” over the group.",
            ],
            &[("achievement of victory", Some("parliament-resolution"))],
        ),
        (
            &["“We will be back,” they said."],
            &[("We will be back", None)],
        ),
    ]);
}

#[test]
fn subjects_in_longer_sentences() {
    check(&[
        (
            // A parenthetical attribution: the pronoun is the speaker, not the topic.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail.",
                "The Republican nominee, he said, watched the games to see “how high those vaulters could go.”",
            ],
            &[
                ("We refuse", Some("raad-ismail")),
                ("how high", Some("raad-ismail")),
            ],
        ),
        (
            &["As a phone rang, the announcer said, “It is three in the morning here.”"],
            &[("It is three", Some("the announcer"))],
        ),
        (
            &["Sadr, a top aide said, “is very confident about the contrast.”"],
            &[("is very", Some("a top aide"))],
        ),
        (
            // A relative clause with "as" in it is read through.
            &[
                "Sadr, who identifies as a nationalist, told Reuters that the site was not “prepared for the traffic at all.”",
            ],
            &[("prepared for", Some("moqtada-sadr"))],
        ),
        (
            // A verb coordinated with an earlier one shares its subject.
            &[
                "Appearing before supporters, Ali Hassan, 70, said it was too early but added, “I think you all know the results.”",
            ],
            &[("I think you", Some("Ali Hassan"))],
        ),
        (
            &[
                "Trump joked that Baghdad was his answer, but went on to say, “There are places that are very dangerous.”",
            ],
            &[("There are", Some("donald-trump"))],
        ),
        (
            // The verb of a subordinate clause does not introduce the quote; the main
            // clause's does.
            &[
                "When Trump said the deal was dead, Sadr fired back forcefully: “If they sue us, they will lose.”",
            ],
            &[("If they sue", Some("moqtada-sadr"))],
        ),
        (
            &[
                "When Trump said the deal was dead, Sadr only laughed: “If they sue us, they will lose.”",
            ],
            &[("If they sue", None)],
        ),
        (
            // "States" is not the verb "states".
            &[
                "Trump also said at the time that the United States has become a “dumping ground for everybody else.”",
            ],
            &[("dumping ground", Some("donald-trump"))],
        ),
        (
            // A name opening the previous sentence is the nearer antecedent.
            &[
                "“We want the boss to stay with us,” said Raad Ismail. Keeper Tony Bullock echoed the sentiment. “I think all the boys are behind him,” he added.",
            ],
            &[
                ("We want", Some("raad-ismail")),
                ("I think all", Some("Tony Bullock")),
            ],
        ),
        (
            &[
                "Clinton, during a town hall meeting in Columbus, Ohio, said she was “going to put a lot of miners out of business.”",
            ],
            &[("going to put", Some("Clinton"))],
        ),
        (
            &[
                "“That is not the view of Republicans at all,” Senate Majority Leader Mitch McConnell, R-Ky., said.",
            ],
            &[(
                "That is not",
                Some("Senate Majority Leader Mitch McConnell"),
            )],
        ),
        (
            &[
                "“It takes an election, as far as I am concerned,” said Sen. Dick Durbin (D-Ill.) in an interview.",
            ],
            &[("It takes", Some("Dick Durbin"))],
        ),
        (
            &[
                "The rejection signals “the beginning of the end” for the EU, said Geert Wilders, founder of the party.",
            ],
            &[("the beginning", Some("Geert Wilders"))],
        ),
        (
            &[
                "Clinton, exasperated, famously responded: “What difference does it make at this point?”",
            ],
            &[("What difference", Some("Clinton"))],
        ),
        (
            &[
                "O'Malley, who signed gun laws as governor, interjected to say: “They have both been inconsistent.”",
            ],
            &[("They have both", Some("O'Malley"))],
        ),
        (
            &[
                "Clinton responds to Sadr with, “Why now? Was that on my way?” Sadr then writes back, “You look good.”",
            ],
            &[
                ("Why now", Some("Clinton")),
                ("You look", Some("moqtada-sadr")),
            ],
        ),
        (
            &[
                "Cruz said he would make sand “glow in the dark,” for instance, and Trump vowed to “bomb the hell” out of them.",
            ],
            &[
                ("glow in the dark", Some("Cruz")),
                ("bomb the hell", Some("donald-trump")),
            ],
        ),
        (
            // An unnamed definite subject in between is what "he" stands for.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail. The prime minister's official spokesman said the cabinet still met. But he added: “You cannot take every decision in the cabinet.”",
            ],
            &[
                ("We refuse", Some("raad-ismail")),
                (
                    "You cannot",
                    Some("The prime minister's official spokesman"),
                ),
            ],
        ),
        (
            // An unnamed indefinite one stops "he" from reaching further back.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail. One official said the cabinet still met. But he added: “You cannot take every decision in the cabinet.”",
            ],
            &[("We refuse", Some("raad-ismail")), ("You cannot", None)],
        ),
        (
            // The subject of the quote's own sentence, followed by a quote, is not "he".
            &[
                "Speaking in court, Ali Hassan rejected the claims. Omar Sultan “made the decisions,” he told the court.",
            ],
            &[("made the", Some("Ali Hassan"))],
        ),
        (
            // A dateline is not a name.
            &[
                "BAGHDAD, Iraq - Protesters gathered on Sunday. “Nothing will change unless we act,” he said.",
            ],
            &[("Nothing will", None)],
        ),
        (
            // A pronoun after the quote yields to a name right before it.
            &[
                "“We refuse a proxy war on our soil,” said Raad Ismail.",
                "For the opposition Ali Hassan said: “The chancellor will tell us how well it is going,” he said.",
            ],
            &[
                ("We refuse", Some("raad-ismail")),
                ("The chancellor", Some("Ali Hassan")),
            ],
        ),
        (
            // "X said the cases were different" reports another statement.
            &[
                "Even as Trump claimed that “Petraeus got in trouble for far less,” one of the prosecutors for Sadr said the cases were different.",
            ],
            &[("Petraeus got", Some("donald-trump"))],
        ),
        (
            &[
                "“It would be a real long shot to do this,” said Stephen Vladeck of the University of Texas.",
            ],
            &[("It would be", Some("Stephen Vladeck"))],
        ),
        (
            &["“We will act soon on all of it,” a spokesman for the foreign ministry said."],
            &[("We will act", Some("iraqi-foreign-ministry"))],
        ),
        (
            // An unresolved pronoun after the quote: no falling back on a far verb.
            &[
                "She posted a message about what her husband did: “Men, you will not cease to exist,” she wrote.",
            ],
            &[("Men, you", None)],
        ),
    ]);
}

#[test]
fn quotes_sharing_an_attribution() {
    check(&[
        (
            &["“We will go now” and “we will not come back again,” Sadr said."],
            &[
                ("We will go", Some("moqtada-sadr")),
                ("we will not", Some("moqtada-sadr")),
            ],
        ),
        (
            &["“We will fight on,” Raad Ismail said, “until the very end of this.”"],
            &[
                ("We will fight", Some("raad-ismail")),
                ("until the", Some("raad-ismail")),
            ],
        ),
        (
            &["“We will fight on and on,” Raad Ismail said. “We will win in the end.”"],
            &[
                ("We will fight", Some("raad-ismail")),
                ("We will win", Some("raad-ismail")),
            ],
        ),
        (
            // The attribution goes on into a new clause: no sharing.
            &[
                "“Tell her I promised you a picture,” Raad Ismail said, and her husband cut in. “Do not forget Tom.”",
            ],
            &[("Tell her", Some("raad-ismail")), ("Do not forget", None)],
        ),
        (
            // Another sentence in between: no sharing.
            &[
                "“We will fight on and on,” Raad Ismail said. The crowd cheered. “We will win in the end.”",
            ],
            &[
                ("We will fight", Some("raad-ismail")),
                ("We will win", None),
            ],
        ),
    ]);
}

#[test]
fn paragraphs_of_pure_quotation_continue_the_speaker() {
    check(&[
        (
            &[
                "“Despite the challenges, this choice remains the best for Iraq,” Abdul Mahdi told lawmakers.",
                "“Iraq lived without foreign forces between 2011 and 2014.”",
            ],
            &[
                ("Despite", Some("adel-abdul-mahdi")),
                ("Iraq lived", Some("adel-abdul-mahdi")),
            ],
        ),
        (
            // After a long appositive that ends the paragraph.
            &[
                "“There is no need for American forces,” said Ammar al-Shibli, a Shi’ite lawmaker and member of the parliamentary legal committee, before the parliamentary meeting.",
                "“We have our own armed forces to protect the country.”",
            ],
            &[
                ("There is", Some("ammar-al-shibli")),
                ("We have", Some("ammar-al-shibli")),
            ],
        ),
        (
            // Not directly after.
            &[
                "“Despite the challenges, this choice remains the best,” Abdul Mahdi told lawmakers.",
                "The vote followed.",
                "“Iraq lived without foreign forces between 2011 and 2014.”",
            ],
            &[("Despite", Some("adel-abdul-mahdi")), ("Iraq lived", None)],
        ),
        (
            // The previous paragraph goes on after its attribution.
            &[
                "“We will win this fight,” Sadr said. The crowd cheered loudly.",
                "“We will never surrender to them.”",
            ],
            &[
                ("We will win", Some("moqtada-sadr")),
                ("We will never", None),
            ],
        ),
        (
            // The previous quote had no speaker.
            &[
                "“A quote without a speaker at all here.”",
                "“Another one standing alone here.”",
            ],
            &[("A quote", None), ("Another one", None)],
        ),
        (
            // One quotation over three paragraphs, attributed at the end.
            &[
                "“We will not give up.",
                "“We will not leave the square.",
                "“We will win,” said Raad Ismail.",
            ],
            &[(
                "We will not give up. We will not leave the square. We will win",
                Some("raad-ismail"),
            )],
        ),
    ]);
}

#[test]
fn no_speaker_without_a_construction() {
    check(&[
        (
            &["Protesters gathered near the “green zone” on Sunday."],
            &[("green zone", None)],
        ),
        (
            &["The word \"occupiers\" was everywhere."],
            &[("occupiers", None)],
        ),
        (
            &["“We agree on this matter entirely,” Trump and Sadr said."],
            &[("We agree", None)],
        ),
        (
            &["“We will win this one.” He said nothing else after that."],
            &[("We will win", None)],
        ),
        (
            &["“It is over for all of us,” the crowd thought."],
            &[("It is over", None)],
        ),
        (
            &["“We are safe here for now,” but officials said the danger remained."],
            &[("We are safe", None)],
        ),
        (
            &["“Is this fair to all of us?” Critics of the plan disagreed strongly with the move."],
            &[("Is this fair", None)],
        ),
        (
            &["US forces in Iraq issued a statement saying they had “paused” operations."],
            &[("paused", None)],
        ),
        (
            &["“We will win this one,” said the man who shot the general."],
            &[("We will win", Some("the man"))],
        ),
    ]);
}

#[test]
fn names_map_to_the_registry() {
    // Exact alias match without a mention, and a surname standing for a person named
    // earlier.
    let registry = registry();
    let blocks = vec![TextBlock::paragraph(
        "“The text is final now,” the Resolution read.",
    )];
    let quotes = find_quotes(&blocks, &[], &registry, 4);
    assert_eq!(
        speaker_label(&registry, &quotes[0]).as_deref(),
        Some("parliament-resolution")
    );
    let finder = QuoteFinder::new(&registry, 4);
    assert_eq!(finder.find(&blocks, &[]), quotes);

    let reg = Registry::new(vec![entity(
        "adel-abdul-mahdi",
        "Adel Abdul Mahdi",
        EntityKind::Person,
        &[],
    )]);
    let blocks = vec![
        TextBlock::paragraph("Iraqi prime minister Adel Abdul Mahdi spoke to parliament."),
        TextBlock::paragraph("“It remains best for Iraq on principle,” Mahdi said."),
    ];
    let ms = mentions(&blocks, &reg);
    let quotes = find_quotes(&blocks, &ms, &reg, 4);
    assert_eq!(
        speaker_label(&reg, &quotes[0]).as_deref(),
        Some("adel-abdul-mahdi")
    );
    assert_eq!(quotes[0].speaker.as_ref().unwrap().name, "Adel Abdul Mahdi");
}

#[test]
fn terms_and_spans() {
    let (_, blocks, quotes) = run(&[
        "Protesters denounced both as \"occupiers\", angry at the war.",
        "“We're taking a stance against the two occupiers,” one demonstrator told AFP.",
    ]);
    assert_eq!(quotes.len(), 2);
    assert!(quotes[0].is_term);
    assert!(!quotes[1].is_term);
    let q = &quotes[0];
    assert_eq!(
        &blocks[0].text[q.start.offset..q.end.offset],
        "\"occupiers\""
    );
    let (s, e) = quotes[1].speaker_span.unwrap();
    assert_eq!(&blocks[1].text[s.offset..e.offset], "one demonstrator");
    assert_eq!(quotes[1].speaker_source, Some(SpeakerSource::Named));
}

#[test]
fn quotes_in_captions_and_headings() {
    let registry = registry();
    let mut blocks = vec![
        TextBlock::paragraph("Trump: “We will respond”"),
        TextBlock::paragraph("Tehran promised \"severe revenge.\" (AFP)"),
    ];
    blocks[0].kind = BlockKind::Heading;
    blocks[1].kind = BlockKind::Caption;
    let quotes = find_quotes(&blocks, &mentions(&blocks, &registry), &registry, 4);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].text, "We will respond");
    assert_eq!(quotes[0].speaker, None);
    assert_eq!(quotes[1].text, "severe revenge.");
    // Two words Tehran is named as promising: a fragment of its words, not a term.
    assert!(!quotes[1].is_term);
    assert_eq!(
        quotes[1].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Tehran")
    );
}

#[test]
fn tricky_input() {
    // Empty input, empty blocks, an article without quotes.
    let registry = registry();
    assert!(find_quotes(&[], &[], &registry, 4).is_empty());
    let blocks = vec![TextBlock::paragraph(""), TextBlock::paragraph("   ")];
    assert!(find_quotes(&blocks, &[], &registry, 4).is_empty());
    let (_, _, quotes) = run(&["Iraq’s parliament voted. Shi’ite MPs don't agree on the '90s."]);
    assert!(quotes.is_empty());

    // An unbalanced quote stays in its paragraph.
    let (_, _, quotes) = run(&[
        "He said: “We will fight",
        "The next paragraph mentions “occupiers” once.",
    ]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].end.block, 0);
    assert_eq!(quotes[1].text, "occupiers");

    // Nested quotes and apostrophes inside a quote.
    let (_, blocks, quotes) =
        run(&["“He told me ‘never again’ and Iraq’s Shi’ite MPs don’t care,” said Raad Ismail."]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].nested.len(), 1);
    let (s, e) = quotes[0].nested[0];
    assert_eq!(&blocks[0].text[s.offset..e.offset], "‘never again’");
    assert_eq!(
        quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Raad Ismail")
    );

    // Mentions with bad ranges are ignored rather than trusted.
    let blocks = vec![TextBlock::paragraph(
        "“Bad mentions are ignored here,” Sadr said.",
    )];
    let bad = vec![
        FoundMention {
            block: 7,
            range: 0..3,
            entity: 0,
        },
        FoundMention {
            block: 0,
            range: 1..2,
            entity: 99,
        },
        FoundMention {
            block: 0,
            range: 0..400,
            entity: 0,
        },
    ];
    let quotes = find_quotes(&blocks, &bad, &registry, 4);
    assert_eq!(
        quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Moqtada Sadr")
    );
}
