//! The timeline: each day's reports and the dated events the articles describe, with a
//! chart of them by day. A long timeline (see [`crate::timeline::ENTRIES_PER_PAGE`]) is
//! an overview of its months and a page per month.

use std::hash::Hash;

use super::PageId;
use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::{Page, html, list};
use crate::index::Dossier;
use crate::render::values::Values;
use crate::render::{ids, svg};

/// The overview (`None`) or a month's page.
pub fn site_path(d: &Dossier, month: Option<usize>) -> String {
    match month {
        None => "/timeline/".to_string(),
        Some(k) => format!("/timeline/{}/", d.timeline_months[k].key()),
    }
}

/// An event on the timeline. A long timeline has a hundred thousand, so the fields are
/// made only when the page's context is.
struct EventView<'a> {
    event: &'a crate::index::DatedEvent,
    /// Where its article is.
    links: &'a crate::index::ArticleLinks,
    /// The article's [`crate::render::views::ArticleSummary`].
    article: Value,
}

impl EventView<'_> {
    /// The sentence in its article: at the nearest mention or quote anchor.
    fn path(&self) -> String {
        match &self.event.anchor {
            Some(anchor) => format!("{}#{anchor}", self.links.path),
            None => self.links.path.clone(),
        }
    }

    fn href(&self) -> String {
        match &self.event.anchor {
            Some(anchor) => format!("{}#{anchor}", self.links.href),
            None => self.links.href.clone(),
        }
    }
}

impl Serialize for EventView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("EventView", 5)?;
        // The event's own date ("3 January 2020", "since late 2017").
        st.serialize_field("date_display", &self.event.event.display())?;
        // The sentence that reports it.
        st.serialize_field("text", &self.event.event.text)?;
        st.serialize_field("path", &self.path())?;
        st.serialize_field("href", &self.href())?;
        st.serialize_field("article", &self.article)?;
        st.end()
    }
}

#[derive(Serialize)]
struct DayView<'a> {
    /// Unique and URL-safe: `2020-01-03`, `2019-12-29-week`, `2019-10`, `2014`.
    key: String,
    /// For `<time datetime>`: a date, a month (`2019-10`) or a year.
    date: String,
    date_display: String,
    /// `day`, `week`, `month` or `year`.
    precision: &'static str,
    articles: Value,
    events: Vec<EventView<'a>>,
}

/// Events and articles grouped by the period they belong to, oldest first.
type TimelineGroups<'a> = std::collections::BTreeMap<
    crate::timeline::Period,
    (Vec<usize>, Vec<(&'a crate::index::DatedEvent, usize)>),
>;

/// The periods `keep` accepts, with their articles and events.
fn timeline_groups<'a>(
    d: &'a Dossier,
    keep: &dyn Fn(&crate::timeline::Period) -> bool,
) -> TimelineGroups<'a> {
    use crate::timeline::Period;
    let mut groups = TimelineGroups::new();
    // Oldest article first, so each period lists its reports in order.
    for i in (0..d.articles.len()).rev() {
        let a = &d.articles[i];
        let day = Period::day(a.article.date);
        if keep(&day) {
            groups.entry(day).or_default().0.push(i);
        }
        for ev in a.events.iter().filter(|ev| keep(&ev.event.period)) {
            groups.entry(ev.event.period).or_default().1.push((ev, i));
        }
    }
    for (_, events) in groups.values_mut() {
        events.sort_by_key(|(ev, _)| (ev.event.part, ev.event.relation));
    }
    groups
}

#[derive(Serialize)]
struct MonthView {
    key: String,
    display: String,
    href: String,
    /// Counted on the overview for every month, on a month page for that month only.
    articles: usize,
    events: usize,
    current: bool,
}

/// The timeline: every period on one page, or, for a long one (see
/// [`crate::timeline::ENTRIES_PER_PAGE`]), an overview of the months (`month` is
/// `None`) and a page per month.
pub fn page(d: &Dossier, v: &Values, month: Option<usize>) -> Page {
    use crate::timeline::{Precision, YearMonth};
    let paged = !d.timeline_months.is_empty();
    let month_href = |k: usize| {
        d.config
            .url(&format!("/timeline/{}/", d.timeline_months[k].key()))
    };
    let month_of = |period: &crate::timeline::Period| {
        d.timeline_months
            .binary_search(&YearMonth::of_period(period))
            .unwrap_or(0)
    };
    // A month page groups its own month only; the overview all of them (for the chart
    // and the counts), but lists none when the timeline is paged.
    // Comparing months directly (rather than looking each period's month up) keeps the
    // month pages' scans of every event cheap; a period whose month is not listed
    // belongs to the first.
    let groups = timeline_groups(d, &|p| match month {
        None => true,
        Some(k) => {
            let ym = YearMonth::of_period(p);
            ym == d.timeline_months[k] || (k == 0 && d.timeline_months.binary_search(&ym).is_err())
        }
    });
    let days: Vec<DayView> = groups
        .iter()
        .filter(|(period, _)| !paged || month == Some(month_of(period)))
        .map(|(period, (articles, events))| DayView {
            key: period.key(),
            date: period.datetime(),
            date_display: period.display(),
            precision: match period.precision {
                Precision::Day => "day",
                Precision::Week => "week",
                Precision::Month => "month",
                Precision::Year => "year",
            },
            articles: list(articles.iter().map(|&i| v.article(i))),
            events: events
                .iter()
                .map(|&(ev, i)| EventView {
                    event: ev,
                    links: &d.articles[i].links,
                    article: v.article(i),
                })
                .collect(),
        })
        .collect();
    let mut months: Vec<MonthView> = d
        .timeline_months
        .iter()
        .enumerate()
        .map(|(k, m)| MonthView {
            key: m.key(),
            display: m.display(),
            href: month_href(k),
            articles: 0,
            events: 0,
            current: month == Some(k),
        })
        .collect();
    if paged {
        for (period, (articles, events)) in &groups {
            let m = &mut months[month_of(period)];
            m.articles += articles.len();
            m.events += events.len();
        }
    }
    let chart_svg = if month.is_none() {
        let chart_href = |period: &crate::timeline::Period| {
            if paged {
                format!("{}#d-{}", month_href(month_of(period)), period.key())
            } else {
                format!("#d-{}", period.key())
            }
        };
        timeline_chart(&groups, &chart_href)
    } else {
        String::new()
    };
    let (site_path, title) = match month {
        None => (site_path(d, None), "Timeline".to_string()),
        Some(k) => (
            site_path(d, Some(k)),
            format!("Timeline: {}", d.timeline_months[k].display()),
        ),
    };
    let mut page = Page::new(
        v,
        "timeline.html",
        site_path,
        title,
        "The articles in order of publication, and the dated events they report.".into(),
    );
    let month_view = |k: Option<usize>| k.and_then(|k| months.get(k));
    page.set("days", &days);
    page.set("month", &month_view(month));
    page.set(
        "prev_month",
        &month_view(month.and_then(|k| k.checked_sub(1))),
    );
    page.set("next_month", &month_view(month.map(|k| k + 1)));
    page.set("months", &months);
    page.set_value("chart_svg", html(&chart_svg));
    page
}

/// The timeline as a chart: a column per period, linking to it.
fn timeline_chart(
    groups: &TimelineGroups,
    href: &dyn Fn(&crate::timeline::Period) -> String,
) -> String {
    let mut columns = Vec::new();
    let mut reached: Option<time::Date> = None;
    for (period, (articles, events)) in groups {
        let gap_before = reached.is_some_and(|r| period.start > r.next_day().unwrap_or(r));
        reached = Some(reached.map_or(period.end(), |r| r.max(period.end())));
        columns.push(svg::ChartColumn {
            label: period.short_label(),
            title: period.display(),
            href: href(period),
            events: events.len(),
            articles: articles.len(),
            gap_before,
        });
    }
    svg::timeline_chart(ids::TIMELINE_CHART, &columns)
}

/// What a page of the timeline shows: which months have pages and which this is (a
/// month page's index shifts when an earlier month appears), every outlet and article,
/// and the dates each article's text reports.
pub fn key(k: &Fingerprints, d: &Dossier, id: PageId, h: &mut PageHasher) {
    d.timeline_months.hash(h);
    id.hash(h);
    k.timeline.get_or_init(|| k.listing(d, true)).hash(h);
}
