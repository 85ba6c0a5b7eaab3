//! The timeline's date rules on whole built dossiers: each pattern with a sentence of
//! the kind news reports are written in, and the period it lands in on the built
//! timeline page (or that it lands nowhere).

mod common;

use common::Fixture;

/// Builds a dossier whose one article, dated `date`, says `body`, and returns the
/// timeline's events as (period key, sentence) pairs, in page order.
fn timeline_events(date: &str, body: &str) -> Vec<(String, String)> {
    let f = Fixture::new();
    for old in ["first", "second"] {
        std::fs::remove_file(f.path(&format!("content/articles/{old}.md"))).unwrap();
    }
    f.write(
        "content/articles/report.md",
        &format!("+++\ntitle = \"Report\"\ndate = {date}\nsource = \"Reuters\"\n+++\n{body}\n"),
    );
    f.build_ok();
    let html = f.read("public/timeline/index.html");
    assert!(
        html.contains(&format!("id=\"d-{date}\"")),
        "the article's own day is on the timeline"
    );
    let day = regex::Regex::new(r#"<li class="day day--\w+" id="d-([^"]+)">"#).unwrap();
    let event = regex::Regex::new(r#"<p class="event__text"><a href="[^"]*">([^<]*)</a>"#).unwrap();
    let starts: Vec<(usize, String)> = day
        .captures_iter(&html)
        .map(|c| (c.get(0).unwrap().start(), c[1].to_string()))
        .collect();
    let mut events = Vec::new();
    for (k, (start, key)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(html.len(), |(s, _)| *s);
        for c in event.captures_iter(&html[*start..end]) {
            events.push((key.clone(), c[1].to_string()));
        }
    }
    events
}

fn one(key: &str, sentence: &str) -> Vec<(String, String)> {
    vec![(key.to_string(), sentence.to_string())]
}

// Wednesday 9 June 2021.
const WEDNESDAY: &str = "2021-06-09";

#[test]
fn a_weekday_in_the_future_tense_is_the_coming_one() {
    let s = "The auction house will sell the painting on Sunday.";
    assert_eq!(timeline_events(WEDNESDAY, s), one("2021-06-13", s));
    let s = "The minister is to visit the flooded towns on Friday.";
    assert_eq!(timeline_events(WEDNESDAY, s), one("2021-06-11", s));
}

#[test]
fn a_weekday_in_the_past_tense_is_the_last_one() {
    let s = "The auction house sold the painting on Sunday.";
    assert_eq!(timeline_events(WEDNESDAY, s), one("2021-06-06", s));
}

#[test]
fn a_passive_future_looks_past_its_participle() {
    let s = "The prizes will be handed out at a dinner on 15 February.";
    assert_eq!(timeline_events(WEDNESDAY, s), one("2022-02-15", s));
}

#[test]
fn durations_are_not_events() {
    let body = "She has run the bakery for 15 years.\n\nRents have climbed over the past four months.\n\nThe club has lost money in five of the last six years.";
    assert_eq!(timeline_events(WEDNESDAY, body), vec![]);
}

#[test]
fn since_after_a_superlative_or_ordinal_is_a_comparison_not_an_event() {
    let body = "Unemployment fell to its lowest level since 2003.\n\nIt was the first rise in rents since March.";
    assert_eq!(timeline_events(WEDNESDAY, body), vec![]);
}

#[test]
fn since_a_date_still_dates_when_something_began() {
    let s = "Street protests have continued since late 2017.";
    assert_eq!(timeline_events(WEDNESDAY, s), one("2017", s));
}

#[test]
fn a_month_followed_by_last_year_is_one_event_in_that_year() {
    // In November, "in October" alone would be this October.
    let s = "The director was arrested in October last year.";
    assert_eq!(timeline_events("2021-11-20", s), one("2020-10", s));
}

#[test]
fn today_dates_nothing_beyond_the_articles_own_day() {
    let body = "Today our government is weak and our schools are half empty.\n\nThe minister told the Today programme that the plan was sound.\n\nThe council voted today to close the pool.";
    assert_eq!(timeline_events(WEDNESDAY, body), vec![]);
}

#[test]
fn a_weekday_leading_a_name_is_not_a_date() {
    let s = "The minister told the Sunday Times that the plan was sound.";
    assert_eq!(timeline_events(WEDNESDAY, s), vec![]);
}

#[test]
fn a_time_told_from_another_date_is_not_placed() {
    let body = "Profit rose to 5m euros in 2020, from 4m euros a year earlier.\n\nSales were a fifth higher than the previous year.";
    assert_eq!(
        timeline_events(WEDNESDAY, body),
        one(
            "2020",
            "Profit rose to 5m euros in 2020, from 4m euros a year earlier."
        )
    );
}

#[test]
fn the_same_event_told_twice_in_one_article_is_placed_once() {
    let body = "The council voted on Monday to close the bridge.\n\nThe vote on Monday came after a crack was found. Engineers had warned of it in 2019.\n\nRepairs have been planned since 2019.";
    assert_eq!(
        timeline_events(WEDNESDAY, body),
        vec![
            (
                "2019".to_string(),
                "Engineers had warned of it in 2019.".to_string()
            ),
            (
                "2019".to_string(),
                "Repairs have been planned since 2019.".to_string()
            ),
            (
                "2021-06-07".to_string(),
                "The council voted on Monday to close the bridge.".to_string()
            ),
        ]
    );
}
