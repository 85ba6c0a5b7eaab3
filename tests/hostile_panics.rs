//! Hostile input that used to panic or overflow the stack: dates at the ends of the
//! calendar, templates that include themselves, and paragraphs that start with a
//! connector word. Each gets a built site or a located error, never a panic.

mod common;

use common::{Fixture, article};

/// An article dated `date` with one paragraph of `body`.
fn dated_article(date: &str, body: &str) -> String {
    article("Edge", body).replace("date = 2020-01-05", &format!("date = {date}"))
}

/// In an article dated 9999-12-31, the last day of the calendar, phrases that point
/// past it date nothing and the build goes on with the rest; in one dated 0000-01-01
/// (the earliest a front matter can give), the past is still in the calendar.
#[test]
fn relative_dates_past_the_last_day_date_nothing() {
    let f = Fixture::new();
    f.write(
        "content/articles/edge.md",
        &dated_article(
            "9999-12-31",
            "Tomorrow it ends. Next week it resumes. Next month it is over. Next year too. \
             It will be on Saturday. It was on Monday. It began two days ago.",
        ),
    );
    f.write(
        "content/articles/start.md",
        &dated_article(
            "0000-01-01",
            "It started yesterday. Last week it rained. Last month, two years ago and \
             a decade ago as well.",
        ),
    );
    let stderr = f.build_ok();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let timeline = f.read("public/timeline/index.html");
    assert!(
        timeline.contains("27 December 9999") && timeline.contains("29 December 9999"),
        "the past-tense phrases are still dated"
    );
    assert!(
        timeline.contains("31 December -1"),
        "\"yesterday\" before year 0 is dated"
    );
    assert!(!timeline.contains("10000"), "nothing dated after 9999");
}
