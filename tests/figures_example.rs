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
            "The Hill | 52 Iranian sites | 52 | ",
            "Unknown | 5,200 troops | 5200 | ",
            "Unknown | hundreds of thousands | 200000 | ",
            "Unknown | scores of anti-government protests | 40 | ",
            "Unknown | scores of people | 40 | ",
            "Unknown | thousands of emotional, grieving Iranians | 2000 | ",
            "Unknown | two greatest allies | 2 | ",
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
