//! A small dossier that takes the templates' branches.

use crate::common::Fixture;

const RICH_REGISTRY: &str = r#"
[[entity]]
id = "adel-abdul-mahdi"
name = "Adel Abdul Mahdi"
kind = "person"
aliases = ["Abdul Mahdi", "Mahdi & Co"]
description = "Caretaker prime minister of Iraq. He resigned in *late* 2019 after weeks of protests."
links = ["https://www.example.org/adel/", "http://wiki.example.com/Adel"]

[[entity]]
name = "Iraq"
kind = "place"
description = "Iraq"

[[entity]]
name = "Mike Pompeo"
kind = "person"

[[entity]]
name = "Kata'ib <Hezbollah>"
kind = "group"

[[entity]]
name = "Nobody Mentioned"
kind = "organization"
description = "Never in an article."
"#;

/// A dossier that takes the templates' branches: authors, tags, times, summaries,
/// awkward characters, statements reported by several outlets and by one, unattributed
/// quotes, an entity nobody mentions, and enough dated events and statements for a
/// paged timeline and quote index.
pub fn rich_fixture() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "dossier.toml",
        "title = \"Rich <dossier> & co\"\ndescription = \"Tests 'quotes' & \\\"marks\\\"\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    f.write("content/entities.toml", RICH_REGISTRY);
    f.write("content/_index.md", "Welcome.\n");
    let outlets = ["Reuters", "AP", "Al <Jazeera> & Co", "BBC"];
    for i in 0..48 {
        let outlet = outlets[i % outlets.len()];
        let authors = match i % 4 {
            0 => "",
            1 => "authors = [\"Jane O'Neil\"]\n",
            2 => "authors = [\"A One\", \"B Two\"]\n",
            _ => "authors = [\"A One\", \"B Two\", \"C <Three>\"]\n",
        };
        let extra = match i % 3 {
            0 => {
                "tags = [\"iraq\", \"votes & laws\"]\nsummary = \"A summary with <angle> & 'quotes'.\"\n"
            }
            1 => "url = \"https://example.com/story?a=1&b=2\"\n",
            _ => "",
        };
        // Many dated events, so the timeline has more entries than one page holds.
        let events: String = (1..=26)
            .map(|d| format!("Officials met on {d} March 2019 in Baghdad. "))
            .collect();
        // Distinct statements, so the quote index has more than one page.
        let statements: String = (0..13)
            .map(|k| {
                // Words of its own, so that no two statements read as one.
                let mut x: u64 = (i * 13 + k) as u64 + 1;
                let words: Vec<String> = (0..7)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        format!("w{}", x >> 52)
                    })
                    .collect();
                format!("\n\n“We must {} now,” Mike Pompeo said.", words.join(" "))
            })
            .collect();
        // A statement two outlets carry in different words, which the others miss.
        let border = match i % 4 {
            0 => "\n\n“The border stays closed for now,” Mike Pompeo said.",
            1 => "\n\n“The border stays closed for now, and that is final,” Mike Pompeo said.",
            2 => "\n\nOfficials called the vote a “betrayal”.",
            _ => "",
        };
        let body = format!(
            "Iraq's parliament voted. Abdul Mahdi spoke to Kata'ib <Hezbollah> envoys.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said.\n\n“We will not leave {i},” a spokesman said.{border}\n\n{events}{statements}"
        );
        f.write(
            &format!("content/articles/report-{i:02}.md"),
            &format!(
                "+++\ntitle = \"Report {i}: <votes> & 'views'\"\ndate = 2020-01-{:02}{}\nsource = \"{}\"\n{authors}{extra}+++\n{body}\n",
                1 + i % 28,
                // A date-time gives the article a time of day.
                if i % 5 == 0 { "T14:30:00Z" } else { "" },
                outlet.replace('"', "\\\""),
            ),
        );
    }
    f
}
