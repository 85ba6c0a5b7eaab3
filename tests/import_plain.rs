//! Plain-text import (`content::import::plain`): each rule on small texts written for
//! it, the raw seed articles against the tidied example articles, and the news corpora
//! (each skips, passing, when its folder is absent).

#[path = "common/corpora.rs"]
mod corpora;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier::content::import::plain::{
    Caption, CaptionRule, Furniture, caption, furniture, parse, strip_dateline, tidy_spacing,
};

// ---------------------------------------------------------------------------------
// The title

#[test]
fn a_title_line_ending_in_a_full_stop_is_the_title() {
    let d = parse(
        "Senate passes the budget.\n\nThe Senate voted on Friday.\n",
        None,
    );
    assert_eq!(d.title.as_deref(), Some("Senate passes the budget"));
    assert!(!d.title_from_text);
    assert_eq!(d.blocks, ["The Senate voted on Friday."]);
    assert!(d.warnings.is_empty());
}

#[test]
fn a_title_line_ending_in_a_question_mark_is_the_title() {
    let d = parse("Will the Senate pass the budget?\n\nIt might.\n", None);
    assert_eq!(d.title.as_deref(), Some("Will the Senate pass the budget?"));
    assert_eq!(d.blocks, ["It might."]);
}

#[test]
fn a_title_line_ending_in_a_quotation_mark_is_the_title() {
    let d = parse(
        "Mayor calls the plan ‘a disgrace’\n\nThe mayor spoke on Monday.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Mayor calls the plan ‘a disgrace’")
    );
    let d = parse("Mayor: ‘We will not pay.’\n\nThe mayor spoke.\n", None);
    assert_eq!(d.title.as_deref(), Some("Mayor: ‘We will not pay.’"));
}

#[test]
fn an_abbreviation_keeps_its_full_stop_in_the_title() {
    let d = parse("Mayor visits the U.S.\n\nThe mayor travelled.\n", None);
    assert_eq!(d.title.as_deref(), Some("Mayor visits the U.S."));
}

#[test]
fn a_date_marker_may_precede_the_title_line() {
    let d = parse(
        " date 2021-03-04 Senate passes the budget.\n\nText.\n",
        None,
    );
    assert_eq!(d.date.as_deref(), Some("2021-03-04"));
    assert_eq!(d.title.as_deref(), Some("Senate passes the budget"));
    assert_eq!(d.blocks, ["Text."]);
}

#[test]
fn a_date_marker_on_a_line_of_its_own() {
    let d = parse(
        "date 2021-03-04\n\nSenate passes the budget\n\nText.\n",
        None,
    );
    assert_eq!(d.date.as_deref(), Some("2021-03-04"));
    assert_eq!(d.title.as_deref(), Some("Senate passes the budget"));
}

#[test]
fn a_date_marker_must_be_a_real_date() {
    let d = parse(" date 2021-13-40 Text here.\n", None);
    assert_eq!(d.date, None);
    assert_eq!(d.title.as_deref(), Some("date 2021-13-40 Text here"));
}

#[test]
fn a_sentence_case_lead_ending_in_a_full_stop_stays_in_the_body() {
    let lead = "The city council voted on Monday night to close the old library on Main Street.";
    let d = parse(&format!("{lead}\n\nSecond paragraph.\n"), None);
    assert_eq!(d.blocks, [lead, "Second paragraph."]);
    assert!(d.title_from_text);
    assert_eq!(
        d.title.as_deref(),
        Some("The city council voted on Monday night to close the old library on Main Street")
    );
}

#[test]
fn a_title_case_headline_ending_in_a_full_stop_is_the_title_even_when_long() {
    let title = "Council Votes To Close The Old Library On Main Street After Years Of Debate.";
    let d = parse(&format!("{title}\n\nThe council voted.\n"), None);
    assert_eq!(
        d.title.as_deref(),
        Some("Council Votes To Close The Old Library On Main Street After Years Of Debate")
    );
    assert_eq!(d.blocks, ["The council voted."]);
}

#[test]
fn a_first_paragraph_of_several_lines_is_not_a_title() {
    let d = parse("The council voted\non Monday.\n\nMore.\n", None);
    assert!(d.title_from_text);
    assert_eq!(d.blocks, ["The council voted on Monday.", "More."]);
}

#[test]
fn without_a_title_line_the_first_sentence_is_the_title_and_a_warning_says_so() {
    let d = parse(
        " date 2020-01-05 The council met on Tuesday evening in the town hall. It voted to close the library.\n\nMore.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The council met on Tuesday evening in the town hall")
    );
    assert!(d.title_from_text);
    assert_eq!(
        d.warnings,
        [
            "no title line; the title was made from the first sentence: change `title` in the \
          article's front matter, or import again with --title"
        ]
    );
    assert_eq!(d.blocks.len(), 2, "the first sentence stays in the body");
}

#[test]
fn a_made_title_keeps_abbreviations_inside_the_sentence() {
    let d = parse(
        "A strike killed Gen. Smith and two U.S. contractors near the airport on Friday night. More text.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some(
            "A strike killed Gen. Smith and two U.S. contractors near the airport on Friday night"
        )
    );
}

#[test]
fn a_made_title_leaves_out_the_dateline() {
    let d = parse(
        "LISBON: The council met on Monday to decide the future of the old library.\n\nMore.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The council met on Monday to decide the future of the old library")
    );
    let d = parse(
        "Lisbon, Feb. 8 (Reuters) — The council met on Monday to decide the future of the old library.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The council met on Monday to decide the future of the old library")
    );
}

#[test]
fn a_made_title_keeps_a_name_before_a_colon() {
    let d = parse(
        "Mayor: the council has to stop arguing about the library and start fixing the roads.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Mayor: the council has to stop arguing about the library and start fixing the roads")
    );
}

#[test]
fn a_made_title_keeps_the_quotation_mark_closing_its_sentence() {
    let d = parse(
        "The singer performed for the candidate in a preview clip of the show ‘The Evening.’ More.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The singer performed for the candidate in a preview clip of the show ‘The Evening.’")
    );
}

#[test]
fn a_long_made_title_is_cut_at_its_first_clause() {
    let d = parse(
        "The city council has voted to close the old library on Main Street, ending a debate \
         that divided the town for years and cost two councillors their seats in the last election.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The city council has voted to close the old library on Main Street")
    );
    let words = vec!["word"; 40].join(" ");
    let d = parse(&format!("{words}.\n"), None);
    assert_eq!(d.title, Some(format!("{}…", vec!["word"; 25].join(" "))));
}

#[test]
fn a_made_title_skips_a_leading_caption() {
    let d = parse(
        " date 2020-01-05 Handout . / Reuters Members of the council are seen in the hall.\n\n\
         The council met on Monday to decide the future of the old library.\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("The council met on Monday to decide the future of the old library")
    );
    assert_eq!(
        d.blocks[0],
        "Caption: Members of the council are seen in the hall. (Handout / Reuters)"
    );
}

#[test]
fn a_text_of_captions_only_still_gets_a_title() {
    let d = parse(
        "A protest sign held up in the main square. Credit: PA Images\n",
        None,
    );
    assert_eq!(
        d.title.as_deref(),
        Some("A protest sign held up in the main square")
    );
    assert!(d.title_from_text);
}

#[test]
fn text_with_no_paragraphs_has_no_title() {
    let d = parse("\u{feff} \n\n \n", None);
    assert_eq!(d.title, None);
    assert!(d.blocks.is_empty());
}

// ---------------------------------------------------------------------------------
// The repeated headline

#[test]
fn a_repeated_headline_is_dropped_and_reported() {
    let d = parse(
        "Iraq votes\n\nIRAQ  votes.\n\nIraq votes\n\nThe text.\n",
        None,
    );
    assert_eq!(d.title.as_deref(), Some("Iraq votes"));
    assert_eq!(d.blocks, ["The text."]);
    assert_eq!(d.dropped, ["2 copies of the headline"]);
    let d = parse("Iraq votes\n\nIraq votes\n\nThe text.\n", None);
    assert_eq!(d.dropped, ["the repeated headline"]);
}

#[test]
fn a_paragraph_equal_to_the_given_title_is_dropped() {
    let d = parse("A first line\n\nTHE  title.\n\nText.\n", Some("The title"));
    assert_eq!(d.title.as_deref(), Some("The title"));
    assert_eq!(d.blocks, ["A first line", "Text."]);
    assert_eq!(d.dropped, ["the repeated headline"]);
    assert!(!d.title_from_text);
}

// ---------------------------------------------------------------------------------
// Captions

fn caption_rule(p: &str) -> Option<CaptionRule> {
    caption(p).map(|c| c.rule)
}

#[test]
fn a_credit_before_a_caption_moves_to_its_end() {
    assert_eq!(
        caption("Handout . / Reuters Members of the council are seen in the hall."),
        Some(Caption {
            rule: CaptionRule::CreditFirst,
            text: "Members of the council are seen in the hall. (Handout / Reuters)".into()
        })
    );
    assert_eq!(
        caption_rule("Jane Doe/AFP The mayor at the opening."),
        Some(CaptionRule::CreditFirst)
    );
}

#[test]
fn a_credit_on_its_own_is_a_caption() {
    for credit in ["Getty.", "Getty/Instagram.", "Jane Doe / Reuters."] {
        assert_eq!(
            caption_rule(credit),
            Some(CaptionRule::CreditFirst),
            "{credit}"
        );
    }
}

#[test]
fn a_caption_ending_in_an_agency_in_brackets() {
    assert_eq!(
        caption("Mourners carry a coffin through the square (AFP) More"),
        Some(Caption {
            rule: CaptionRule::AgencyInBrackets,
            text: "Mourners carry a coffin through the square (AFP)".into()
        })
    );
    assert_eq!(
        caption_rule("The mayor waves to supporters. (AP Photo/Jane Doe)"),
        Some(CaptionRule::AgencyInBrackets)
    );
}

#[test]
fn a_caption_ending_in_a_credit_label() {
    assert_eq!(
        caption_rule("A protest sign. Credit: PA Images"),
        Some(CaptionRule::CreditLabel)
    );
    assert_eq!(
        caption_rule("The mayor at the opening. Photo: Jane Doe"),
        Some(CaptionRule::CreditLabel)
    );
}

#[test]
fn a_caption_opening_in_this_image() {
    assert_eq!(
        caption_rule("In this image released by the council, the hall is seen empty."),
        Some(CaptionRule::InThisImage)
    );
    assert_eq!(
        caption_rule("In this Jan. 5 photo the mayor speaks."),
        Some(CaptionRule::InThisImage)
    );
}

#[test]
fn sentences_naming_agencies_or_credits_are_not_captions() {
    for p in [
        "The council told Reuters on Monday that it would close the library.",
        "Reuters reported the vote (see below).",
        "In this case the council was right.",
        "He said the credit: was due to the mayor.",
        "AFP and Reuters both reported the vote.",
    ] {
        assert_eq!(caption(p), None, "{p}");
    }
}

#[test]
fn captions_become_caption_paragraphs_with_their_text_escaped() {
    let d = parse("Title\n\nA <b>sign</b>. Credit: PA Images\n\nText.\n", None);
    assert_eq!(
        d.blocks,
        ["Caption: A \\<b\\>sign\\</b\\>. Credit: PA Images", "Text."]
    );
}

// ---------------------------------------------------------------------------------
// Website furniture

#[test]
fn furniture_labels_are_dropped() {
    for p in [
        "Advertisement",
        "Most Popular",
        "Load more",
        "See all Video",
        "See all Hill.TV See all Video",
        "Story continues below advertisement",
    ] {
        assert_eq!(furniture(p), Some(Furniture::Label), "{p}");
    }
}

#[test]
fn share_and_follow_prompts_are_dropped() {
    for p in [
        "Share on Facebook",
        "Share this article",
        "Follow Jane Doe on Twitter @janedoe.",
        "Do you support the mayor? Like the page:",
    ] {
        assert_eq!(furniture(p), Some(Furniture::SharePrompt), "{p}");
    }
}

#[test]
fn comment_notices_are_dropped() {
    assert_eq!(
        furniture(
            "The Daily has removed its comment section, as there are many other forums for \
             readers. We invite you to join the discussion on Facebook."
        ),
        Some(Furniture::CommentNotice)
    );
    assert_eq!(
        furniture("Comments are closed."),
        Some(Furniture::CommentNotice)
    );
}

#[test]
fn newsletter_sign_ups_are_dropped() {
    assert_eq!(
        furniture("Sign up for our morning newsletter."),
        Some(Furniture::Newsletter)
    );
    assert_eq!(
        furniture("Subscribe to get the best stories in your inbox"),
        Some(Furniture::Newsletter)
    );
}

#[test]
fn tag_lists_are_dropped() {
    assert_eq!(furniture("Tags Iran Iraq budget"), Some(Furniture::Tags));
    assert_eq!(furniture("Tags: council, library"), Some(Furniture::Tags));
}

#[test]
fn update_stamps_are_dropped() {
    assert_eq!(
        furniture("Updated at 11 a.m."),
        Some(Furniture::UpdateStamp)
    );
    assert_eq!(
        furniture("Last updated: 5 January 2020"),
        Some(Furniture::UpdateStamp)
    );
}

#[test]
fn lines_introducing_a_video_are_dropped() {
    assert_eq!(
        furniture("In the video below, the mayor announces the vote:"),
        Some(Furniture::MediaIntro)
    );
    assert_eq!(
        furniture("Watch the full interview below:"),
        Some(Furniture::MediaIntro)
    );
}

#[test]
fn sentences_about_comments_newsletters_or_videos_are_kept() {
    for p in [
        "Most popular among voters was the mayor, who won easily.",
        "Share prices fell on Monday.",
        "The mayor's comments were closed to the press, she said, and nobody could join.",
        "He said the comment section of the site had been removed after abuse, a decision \
         that drew criticism from readers, writers and the paper's own editors, who had \
         argued for months that the forums were a place where the community could meet and \
         talk about the news.",
        "She signed up for the newsletter last year and read every issue.",
        "Updated figures show the deficit grew in 2019.",
        "The video shows the mayor. Watch it below.",
        "He told reporters:",
        "Follow the money, he said, on Twitter and elsewhere, and you will find the truth of the matter.",
    ] {
        assert_eq!(furniture(p), None, "{p}");
    }
}

#[test]
fn dropped_furniture_is_summed_up_concretely() {
    let d = parse(
        "Title\n\nText.\n\nUpdated at 11 a.m.\n\nTags Iran Iraq\n\nThe Daily has removed its \
         comment section, as there are many other forums for readers.\n\nMost Popular\n\nLoad more\n",
        None,
    );
    assert_eq!(d.blocks, ["Text."]);
    assert_eq!(
        d.dropped,
        [
            "5 lines of website furniture (Updated at 11 a.m., Tags Iran Iraq, The Daily has \
          removed its comment…, ...)"
        ]
    );
}

// ---------------------------------------------------------------------------------
// Spacing and escaping

#[test]
fn a_space_before_a_full_stop_or_comma_is_taken_out() {
    assert_eq!(
        tidy_spacing("by the administration . Then , he left"),
        "by the administration. Then, he left"
    );
    assert_eq!(
        tidy_spacing("he said . . . and left"),
        "he said . . . and left"
    );
    assert_eq!(tidy_spacing("values . 5 and , x"), "values. 5 and, x");
    assert_eq!(tidy_spacing("a .5 share"), "a .5 share");
}

#[test]
fn markup_in_paragraphs_is_escaped() {
    let d = parse(
        "Title\n\n<script>alert(1)</script> and [x](javascript:y)\n\n1. Not a list\n",
        None,
    );
    assert_eq!(
        d.blocks,
        [
            "\\<script\\>alert(1)\\</script\\> and \\[x\\](javascript:y)",
            "1\\. Not a list"
        ]
    );
}

#[test]
fn windows_line_ends_and_non_breaking_spaces_are_read() {
    let d = parse("Title\r\n\r\nOne\u{a0}two \r\nthree.\r\n", None);
    assert_eq!(d.title.as_deref(), Some("Title"));
    assert_eq!(d.blocks, ["One two three."]);
}

// ---------------------------------------------------------------------------------
// The raw seed articles against the tidied example articles

/// Each raw seed and the example article a person tidied from it.
const SEEDS: [(&str, &str); 5] = [
    (
        "000_da4f0fc64bf691cc.txt",
        "parliament-vote-and-protests.md",
    ),
    ("001_aaf6c2d832875a15.txt", "iran-mourns-soleimani.md"),
    (
        "002_efa6c37c4caea35b.txt",
        "iraqi-parliament-votes-expel-us-troops.md",
    ),
    ("003_72011c638610e4d6.txt", "iraqi-mps-pass-resolution.md"),
    (
        "004_c67eefa569b921c4.txt",
        "iraq-parliament-votes-to-expel-us-military.md",
    ),
];

/// The body paragraphs of an example article: everything after the front matter.
fn tidied_body(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/articles")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.splitn(3, "+++\n").nth(2).expect("front matter");
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_seeds_parse_to_the_tidied_articles() {
    let Some(seeds) = corpora::seeds() else {
        eprintln!("skipped: no seeds folder");
        return;
    };
    for (seed, tidied) in SEEDS {
        let text = std::fs::read_to_string(seeds.join(seed)).unwrap();
        let draft = parse(&text, None);
        // The one documented difference: where the seed introduces a video that plain
        // text cannot carry, the tidied article has a note in its place; the import drops
        // the line and reports it.
        let expected: Vec<String> = tidied_body(tidied)
            .into_iter()
            .filter(|p| !p.starts_with("> [!NOTE]"))
            .collect();
        assert_eq!(draft.blocks, expected, "{seed}");
        assert!(draft.title.is_some(), "{seed}");
    }
    let parsed = |seed: &str| parse(&std::fs::read_to_string(seeds.join(seed)).unwrap(), None);
    let titled = parsed("004_c67eefa569b921c4.txt");
    assert_eq!(
        titled.title.as_deref(),
        Some("Iraq’s parliament votes to expel US military")
    );
    assert_eq!(titled.dropped.len(), 1);
    assert!(
        titled.dropped[0].starts_with("7 lines of website furniture (Updated at 11 a.m., Tags"),
        "{:?}",
        titled.dropped
    );
    let repeated = parsed("002_efa6c37c4caea35b.txt");
    assert_eq!(
        repeated.title.as_deref(),
        Some("The Iraqi parliament has voted in favor of expelling US troops")
    );
    assert_eq!(
        repeated.dropped,
        [
            "the repeated headline",
            "1 line of website furniture (In the video below, the pentagon…)"
        ]
    );
    for seed in [
        "000_da4f0fc64bf691cc.txt",
        "001_aaf6c2d832875a15.txt",
        "003_72011c638610e4d6.txt",
    ] {
        let d = parsed(seed);
        assert_eq!(d.date.as_deref(), Some("2020-01-05"), "{seed}");
        assert!(d.title_from_text, "{seed}");
    }
    assert_eq!(
        parsed("001_aaf6c2d832875a15.txt").title.as_deref(),
        Some("Iraq‘s parliament has voted to oust US and other foreign troops fighting Isis")
    );
    assert_eq!(
        parsed("000_da4f0fc64bf691cc.txt").title.as_deref(),
        Some("Beirut: Iraq's parliament has voted to expel the US military from the country")
    );
}

// ---------------------------------------------------------------------------------
// The news corpora

/// The article files of one corpus, with their text.
fn corpus(name: &str) -> Option<Vec<(PathBuf, String)>> {
    let dir = corpora::corpora()?.join(name);
    if !dir.is_dir() {
        return None;
    }
    let files = corpora::txt_files(&dir);
    Some(
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p, text)
            })
            .collect(),
    )
}

/// The body paragraphs of a corpus file (after its title line).
fn body_paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n")
        .skip(1)
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// How often each rule fires on a corpus's body paragraphs, with the paragraphs.
#[derive(Default)]
struct Firings {
    captions: HashMap<CaptionRule, Vec<String>>,
    furniture: HashMap<Furniture, Vec<String>>,
    spacing: Vec<String>,
}

fn firings(files: &[(PathBuf, String)]) -> Firings {
    let mut f = Firings::default();
    for (_, text) in files {
        for p in body_paragraphs(text) {
            if let Some(c) = caption(p) {
                f.captions.entry(c.rule).or_default().push(p.to_string());
            } else if let Some(k) = furniture(p) {
                f.furniture.entry(k).or_default().push(p.to_string());
            } else if tidy_spacing(p) != p {
                f.spacing.push(p.to_string());
            }
        }
    }
    f
}

#[test]
fn every_corpus_file_gets_a_title_and_bbc_titles_are_first_lines() {
    for name in ["polnear", "bbc"] {
        let Some(files) = corpus(name) else {
            eprintln!("skipped: no corpora folder");
            return;
        };
        let mut made = 0;
        for (path, text) in &files {
            let d = parse(text, None);
            assert!(d.title.is_some(), "{} has no title", path.display());
            assert!(!d.blocks.is_empty(), "{} has no body", path.display());
            if d.title_from_text {
                made += 1;
            } else if name == "bbc" {
                assert_eq!(
                    d.title.as_deref(),
                    text.lines().next(),
                    "{}",
                    path.display()
                );
            }
        }
        // BBC titles are all first lines; of PolNeAR's, whose headlines the corpus ends
        // with a full stop, 19 of 1,008 are long sentence-case lines taken for a lead.
        let bound = if name == "bbc" { 0 } else { 25 };
        assert!(
            made <= bound,
            "{name}: {made} titles made from the first sentence"
        );
    }
}

#[test]
fn the_rules_rarely_fire_on_clean_bbc_text() {
    let Some(files) = corpus("bbc") else {
        eprintln!("skipped: no corpora folder");
        return;
    };
    // The BBC set is article text with no captions, credits or page furniture at all, so
    // every firing of those rules on it is a mistake; none is allowed. The spacing rule
    // fires on the stray spaces the set has before full stops and commas (25 paragraphs,
    // each a real stray space when measured), so it is bounded, not forbidden.
    let f = firings(&files);
    assert!(f.captions.is_empty(), "captions on BBC: {:?}", f.captions);
    assert!(
        f.furniture.is_empty(),
        "furniture on BBC: {:?}",
        f.furniture
    );
    assert!(f.spacing.len() <= 30, "{} spacing fixes", f.spacing.len());
}

#[test]
fn the_rules_rarely_fire_on_polnear_body_text() {
    let Some(files) = corpus("polnear") else {
        eprintln!("skipped: no corpora folder");
        return;
    };
    // PolNeAR keeps some of its pages' credits ("Getty.", "Jim Urquhart / Reuters."),
    // author plugs ("Follow ... on Twitter @...") and video introductions, which the
    // rules are right to find; the bounds leave room for those and little more.
    let f = firings(&files);
    let captions: usize = f.captions.values().map(Vec::len).sum();
    let furniture: usize = f.furniture.values().map(Vec::len).sum();
    assert!(captions <= 45, "{captions} captions: {:?}", f.captions);
    assert!(furniture <= 60, "{furniture} furniture: {:?}", f.furniture);
}

/// Prints every firing of every rule, and how titles were found, for measuring the
/// rules' precision by eye: `DOSSIER_CORPORA=... cargo test --test import_plain
/// measure -- --ignored --nocapture`.
#[test]
#[ignore]
fn measure_rules_on_the_corpora() {
    for name in ["bbc", "polnear"] {
        let Some(files) = corpus(name) else { return };
        let f = firings(&files);
        println!("== {name}: {} files", files.len());
        for (rule, ps) in &f.captions {
            println!("caption {rule:?}: {}", ps.len());
            ps.iter().for_each(|p| println!("    {p}"));
        }
        for (rule, ps) in &f.furniture {
            println!("furniture {rule:?}: {}", ps.len());
            ps.iter().for_each(|p| println!("    {p}"));
        }
        println!("spacing: {}", f.spacing.len());
        f.spacing.iter().for_each(|p| println!("    {p}"));
        // Titles: from the first line, or made; and what would happen to each file
        // without its title line (its lead taken for the title?).
        let mut made = Vec::new();
        let mut lead_taken = 0;
        for (path, text) in &files {
            let d = parse(text, None);
            if d.title_from_text {
                made.push(format!("{}: {:?}", path.display(), d.title));
            }
            let body = text.split_once("\n\n").map_or("", |(_, b)| b);
            if !parse(body, None).title_from_text {
                lead_taken += 1;
            }
        }
        println!("titles made from the first sentence: {}", made.len());
        made.iter().for_each(|m| println!("    {m}"));
        println!("without the title line, first paragraph taken as title: {lead_taken}");
        let datelines: Vec<&str> = files
            .iter()
            .filter_map(|(_, text)| body_paragraphs(text).next())
            .filter(|p| strip_dateline(p) != *p)
            .collect();
        println!("datelines on first paragraphs: {}", datelines.len());
        datelines
            .iter()
            .for_each(|p| println!("    {}", p.chars().take(60).collect::<String>()));
    }
}
