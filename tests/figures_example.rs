//! Figures and claims of the example dossier: the US troops in Iraq, 5,000 by three
//! outlets against 5,200 by the fifth report, and no other disagreement.

mod common;

use dossier::build::{BuildOptions, build_in_memory};

#[test]
fn the_us_troops_in_iraq_are_the_one_disagreement() {
    let built = build_in_memory(&BuildOptions {
        root: common::repo_root(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let d = &built.dossier;
    let describe = |&(a, f): &(usize, usize)| {
        let art = &d.articles[a];
        let fig = &art.body.figures[f];
        let text = &art.body.blocks[fig.block].text[fig.at.clone()];
        let authority = fig
            .authority
            .as_ref()
            .map(|x| x.name.as_str())
            .unwrap_or("");
        format!(
            "{} | {} | {} | {}",
            art.article.source, text, fig.found.value, authority
        )
    };
    // Every figure is found, each for what it counts; the change ("thousands more")
    // and the counts of people, sites and allies stay out of the claim.
    let mut all: Vec<String> = Vec::new();
    for (a, art) in d.articles.iter().enumerate() {
        for f in 0..art.body.figures.len() {
            all.push(describe(&(a, f)));
        }
    }
    all.sort();
    assert_eq!(
        all,
        [
            "AFP | Thousands more US troops | 2000 | ",
            "AFP | hundreds of young Iraqis | 200 | ",
            "AFP | some 5,000 US troops | 5000 | ",
            "AFP | two occupiers | 2 | one demonstrator",
            "Reuters | Around 5,000 US troops | 5000 | ",
            "The Hill | 5,000 troops | 5000 | The Associated Press",
            "The Hill | 52 Iranian sites | 52 | Trump",
            "Unknown | 5,200 troops | 5200 | ",
            "Unknown | hundreds of thousands | 200000 | ",
            "Unknown | scores of anti-government protests | 40 | ",
            "Unknown | scores of people | 40 | ",
            "Unknown | thousands of emotional, grieving Iranians | 2000 | ",
        ]
    );
    // One claim, and it disagrees: 5,000 (AFP, Reuters, The Hill citing the AP) against
    // 5,200.
    assert_eq!(d.claims.len(), 1, "{:#?}", d.claims);
    let claim = &d.claims[0];
    assert!(claim.disagrees);
    assert_eq!(claim.sources, 4);
    let troops: Vec<String> = claim.figures.iter().map(describe).collect();
    assert_eq!(
        troops,
        [
            "AFP | some 5,000 US troops | 5000 | ",
            "Reuters | Around 5,000 US troops | 5000 | ",
            "The Hill | 5,000 troops | 5000 | The Associated Press",
            "Unknown | 5,200 troops | 5200 | ",
        ]
    );
}

/// The claims of a fixture dossier as (outlets of its figures, sorted; disagrees).
fn claims_of(f: &common::Fixture) -> Vec<(Vec<String>, bool)> {
    let built = build_in_memory(&BuildOptions {
        root: f.root().to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let d = &built.dossier;
    d.claims
        .iter()
        .map(|c| {
            let mut sources: Vec<String> = c
                .figures
                .iter()
                .map(|&(a, _)| d.articles[a].article.source.clone())
                .collect();
            sources.sort();
            (sources, c.disagrees)
        })
        .collect()
}

fn article(source: &str, corrections: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{source}\"\ndate = 2020-01-05\nsource = \"{source}\"\n{corrections}+++\n{body}\n"
    )
}

/// `[[figures]]` in front matter: `split = true` takes a figure out of its claim,
/// `claim = "name"` ties figures of several articles into one claim and no other; a
/// correction that names no figure is a warning.
#[test]
fn figures_corrected_in_front_matter() {
    let f = common::Fixture::new();
    f.write(
        "content/articles/first.md",
        &article("AFP", "", "Some 5,000 troops remain in Iraq."),
    );
    f.write(
        "content/articles/second.md",
        &article("Reuters", "", "A bill let 5,200 troops stay in Iraq."),
    );
    f.write(
        "content/articles/third.md",
        &article("BBC", "", "About 9,000 troops were in Iraq in 2014."),
    );
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // The 2014 figure is taken for the same quantity, and disagrees.
    assert_eq!(claims_of(&f), [(s(&["AFP", "BBC", "Reuters"]), true)]);

    // Split out, the two others agree.
    f.write(
        "content/articles/third.md",
        &article(
            "BBC",
            "[[figures]]\ntext = \"About 9,000 troops\"\nsplit = true\n",
            "About 9,000 troops were in Iraq in 2014.",
        ),
    );
    assert_eq!(claims_of(&f), [(s(&["AFP", "Reuters"]), false)]);

    // Tied by name: a figure the rules would not compare (no place named) joins the
    // 5,200 of Reuters, and only it.
    f.write(
        "content/articles/fourth.md",
        &article(
            "The Hill",
            "[[figures]]\ntext = \"5,000 soldiers\"\nclaim = \"troops-in-iraq\"\n",
            "Washington keeps 5,000 soldiers there.",
        ),
    );
    f.write(
        "content/articles/second.md",
        &article(
            "Reuters",
            "[[figures]]\ntext = \"5,200 troops in Iraq\"\nclaim = \"troops-in-iraq\"\n",
            "A bill let 5,200 troops stay in Iraq.",
        ),
    );
    assert_eq!(claims_of(&f), [(s(&["Reuters", "The Hill"]), true)]);

    // A correction that names no figure.
    f.write(
        "content/articles/fourth.md",
        &article(
            "The Hill",
            "[[figures]]\ntext = \"6,000 soldiers\"\nclaim = \"troops-in-iraq\"\n",
            "Washington keeps 5,000 soldiers there.",
        ),
    );
    let stderr = f.build_ok();
    assert!(
        stderr.contains("content/articles/fourth.md:5: warning: no figure in the article starts with “6,000 soldiers”\n  help: copy the figure's first words exactly as the text has them, such as `5,200 troops`"),
        "{stderr}"
    );
    // Both `claim` and `split`, or neither: an error at the correction's line.
    f.write(
        "content/articles/fourth.md",
        &article(
            "The Hill",
            "[[figures]]\ntext = \"5,000 soldiers\"\n",
            "Washington keeps 5,000 soldiers there.",
        ),
    );
    assert_eq!(
        f.build_err(),
        common::one_error(
            "content/articles/fourth.md:5: error: a `[[figures]]` correction needs `claim = \"a-name\"` or `split = true`\n  help: give the figure's first words as the text has them, and either `claim = \"a-name\"` (the same name in each article whose figure reports the same quantity) or `split = true` (in no claim)"
        )
    );
}

/// The rules that keep figures about different quantities apart, on a dossier of
/// articles written for them: each pair below is compared, or not, as said.
#[test]
fn what_is_compared_and_what_is_not() {
    let f = common::Fixture::new();
    f.write(
        "content/entities.toml",
        &format!(
            "{}\n{}",
            common::REGISTRY,
            r#"
[[entity]]
name = "United Kingdom"
kind = "place"
aliases = ["UK"]

[[entity]]
name = "Ofcom"
kind = "organisation"

[[entity]]
name = "Heathrow"
kind = "place"

[[entity]]
name = "Gatwick"
kind = "place"
"#
        ),
    );
    let dated = |source: &str, date: &str, body: &str| {
        format!("+++\ntitle = \"{source}\"\ndate = {date}\nsource = \"{source}\"\n+++\n{body}\n")
    };
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let only = |a: (&str, &str, &str), b: (&str, &str, &str)| {
        std::fs::remove_dir_all(f.path("content/articles")).unwrap();
        f.write("content/articles/a.md", &dated(a.0, a.1, a.2));
        f.write("content/articles/b.md", &dated(b.0, b.1, b.2));
        claims_of(&f)
    };
    let day = "2020-01-05";
    let next = "2020-01-06";

    // A population the sentence places only in a country is not one quantity: what
    // the households have is what would say which. Ofcom says the second figure; it
    // is not what the figure is about.
    assert_eq!(
        only(
            (
                "AFP",
                day,
                "More than six million UK households have broadband."
            ),
            (
                "BBC",
                day,
                "Ofcom said 14 million households in the UK have digital TV."
            ),
        ),
        []
    );
    // A rate that names no time is a reading of a series taken at any time, even on
    // one day; both naming the month, one quantity reported differently.
    let rate = ("AFP", day, "Inflation in the UK stood at 3.1%.");
    assert_eq!(
        only(rate, ("BBC", day, "Inflation in the UK was 2.9%.")),
        []
    );
    assert_eq!(
        only(
            ("AFP", day, "Inflation in the UK stood at 3.1% in December."),
            ("BBC", next, "Inflation in the UK was 2.9% in December.")
        ),
        [(s(&["AFP", "BBC"]), true)]
    );
    // A count reported a week later is a new count; within a day, the same one.
    let troops = ("AFP", day, "Some 5,000 UK troops remain in Iraq.");
    assert_eq!(
        only(
            troops,
            ("BBC", "2020-01-12", "6,000 UK troops remain in Iraq.")
        ),
        []
    );
    assert_eq!(
        only(troops, ("BBC", next, "6,000 UK troops remain in Iraq.")),
        [(s(&["AFP", "BBC"]), true)]
    );
    // Unless the dossier compares counts a week apart.
    f.write(
        "dossier.toml",
        &format!("{}[figures]\ndays_apart = 7\n", common::CONFIG),
    );
    assert_eq!(
        only(
            troops,
            ("BBC", "2020-01-12", "6,000 UK troops remain in Iraq.")
        ),
        [(s(&["AFP", "BBC"]), true)]
    );
    f.write("dossier.toml", common::CONFIG);
    // Where the things counted are, when both say: Heathrow alone is not Heathrow and
    // Gatwick.
    assert_eq!(
        only(
            (
                "AFP",
                day,
                "Checks were made on 175,000 passengers at Heathrow and 10,000 at Gatwick."
            ),
            (
                "BBC",
                day,
                "Some 185,000 passengers were checked at Heathrow and Gatwick."
            ),
        ),
        []
    );
    // Two reports of unknown origin are two outlets.
    assert_eq!(
        only(
            ("Unknown", day, "5,000 troops remain in Iraq."),
            ("Unknown", day, "A bill let 5,200 troops stay in Iraq."),
        ),
        [(s(&["Unknown", "Unknown"]), true)]
    );
}
