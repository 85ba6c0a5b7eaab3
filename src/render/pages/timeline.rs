//! The timeline: each day's reports and the dated events the articles describe, with a
//! chart of them by day. A long timeline (see [`crate::link::timeline::ENTRIES_PER_PAGE`]) is
//! an overview of its months and a page per month.

use std::hash::Hash;

use super::PageId;
use super::key::{Fingerprints, PageHasher};
use serde::Serialize;
use tera::Value;

use super::paging::Paginator;
use super::{Page, list};
use crate::link::timeline::ENTRIES_PER_MONTH_PAGE;
use crate::link::{Dossier, paged_path};
use crate::render::values::Values;
use crate::render::{charts, ids};

/// The overview (`None`) or page `.1` (0-based) of a month.
pub fn site_path(d: &Dossier, month: Option<(usize, usize)>) -> String {
    match month {
        None => "/timeline/".to_string(),
        Some((k, p)) => paged_path(&month_path(d, k), p),
    }
}

/// The first page of month `k`.
fn month_path(d: &Dossier, k: usize) -> String {
    format!("/timeline/{}/", d.timeline_months[k].month.key())
}

/// An event on the timeline. A long timeline has a hundred thousand, so the fields are
/// made only when the page's context is.
struct EventView<'a> {
    event: &'a crate::analyse::dates::DatedEvent,
    /// Where its article is.
    links: &'a crate::analyse::ArticleLinks,
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
    crate::analyse::dates::Period,
    (
        Vec<usize>,
        Vec<(&'a crate::analyse::dates::DatedEvent, usize)>,
    ),
>;

/// The periods `keep` accepts, with their articles and events, from the groups the
/// link stage made.
fn timeline_groups<'a>(
    d: &'a Dossier,
    keep: &dyn Fn(&crate::analyse::dates::Period) -> bool,
) -> TimelineGroups<'a> {
    d.timeline_groups
        .iter()
        .filter(|g| keep(&g.period))
        .map(|g| {
            let events = g
                .events
                .iter()
                .map(|&(a, e)| (&d.articles[a].body.events[e], a))
                .collect();
            (g.period, (g.articles.clone(), events))
        })
        .collect()
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
/// [`crate::link::timeline::ENTRIES_PER_PAGE`]), an overview of the months (`month` is
/// `None`) and a month's pages (`Some((month, page))`), each of at most
/// [`ENTRIES_PER_MONTH_PAGE`] entries: a period's events, then its articles.
pub fn page(d: &Dossier, v: &Values, month: Option<(usize, usize)>) -> Page {
    use crate::analyse::dates::Precision;
    use crate::link::timeline::YearMonth;
    let paged = !d.timeline_months.is_empty();
    let month_href = |k: usize| d.config.url(&month_path(d, k));
    let month_of = |period: &crate::analyse::dates::Period| {
        d.timeline_months
            .binary_search_by_key(&YearMonth::of_period(period), |m| m.month)
            .unwrap_or(0)
    };
    // A month page groups its own month only (a period whose month is not listed
    // belongs to the first); the overview all of them (for the chart and the counts),
    // but lists none when the timeline is paged.
    let groups = timeline_groups(d, &|p| month.is_none_or(|(k, _)| month_of(p) == k));
    // On a month's page, the entries (a period's events, then its articles) it shows.
    let shown = month.map(|(_, p)| p * ENTRIES_PER_MONTH_PAGE..(p + 1) * ENTRIES_PER_MONTH_PAGE);
    let mut seen = 0;
    let mut days: Vec<DayView> = Vec::new();
    for (period, (articles, events)) in &groups {
        if paged && month.map(|(k, _)| k) != Some(month_of(period)) {
            continue;
        }
        // This period's events and articles on the page.
        let (events, articles) = match &shown {
            None => (&events[..], &articles[..]),
            Some(range) => {
                let total = events.len() + articles.len();
                let from = range.start.clamp(seen, seen + total) - seen;
                let to = range.end.clamp(seen, seen + total) - seen;
                seen += total;
                if from == to {
                    continue;
                }
                let ev = &events[from.min(events.len())..to.min(events.len())];
                let ar = &articles
                    [from.max(events.len()) - events.len()..to.max(events.len()) - events.len()];
                (ev, ar)
            }
        };
        days.push(DayView {
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
        });
    }
    let mut months: Vec<MonthView> = d
        .timeline_months
        .iter()
        .enumerate()
        .map(|(k, m)| MonthView {
            key: m.month.key(),
            display: m.month.display(),
            href: month_href(k),
            articles: 0,
            events: 0,
            current: month.map(|(k, _)| k) == Some(k),
        })
        .collect();
    if paged {
        for (period, (articles, events)) in &groups {
            let m = &mut months[month_of(period)];
            m.articles += articles.len();
            m.events += events.len();
        }
    }
    // On the overview: a column per period, or for a paged timeline a column per
    // month (a column per day would be tens of thousands of pixels wide).
    let chart = match month {
        Some(_) => None,
        None if paged => month_chart(d, &months),
        None => timeline_chart(&groups, &|period| format!("#d-{}", period.key())),
    };
    let (site_path, title) = match month {
        None => (site_path(d, None), "Timeline".to_string()),
        Some((k, p)) => (
            site_path(d, month),
            match p {
                0 => format!("Timeline: {}", d.timeline_months[k].month.display()),
                p => format!(
                    "Timeline: {}, page {}",
                    d.timeline_months[k].month.display(),
                    p + 1
                ),
            },
        ),
    };
    let paginator = month.map(|(k, p)| {
        let m = &d.timeline_months[k];
        Paginator::new(
            &d.config,
            &month_path(d, k),
            p,
            m.pages(),
            (p * ENTRIES_PER_MONTH_PAGE).min(m.entries)
                ..((p + 1) * ENTRIES_PER_MONTH_PAGE).min(m.entries),
            m.entries,
        )
    });
    let mut page = Page::new(
        v,
        "timeline.html",
        site_path,
        title,
        "The articles in order of publication, and the dated events they report.".into(),
    );
    let k = month.map(|(k, _)| k);
    let month_view = |k: Option<usize>| k.and_then(|k| months.get(k));
    page.set("days", &days);
    page.set("month", &month_view(k));
    page.set("prev_month", &month_view(k.and_then(|k| k.checked_sub(1))));
    page.set("next_month", &month_view(k.map(|k| k + 1)));
    page.set("months", &months);
    // On a month's pages: where this page stands among them.
    page.set("paginator", &paginator);
    // On the overview only: drawn by the `timeline_chart` component.
    page.set("chart", &chart);
    page
}

/// The layout of a paged timeline's chart: a column per month, linking to its page.
fn month_chart(d: &Dossier, months: &[MonthView]) -> Option<charts::TimelineChart> {
    let mut columns = Vec::new();
    let mut previous: Option<crate::link::timeline::YearMonth> = None;
    for (m, view) in d.timeline_months.iter().zip(months) {
        let ym = m.month;
        let label = match time::Month::try_from(ym.month) {
            Ok(name) => {
                let mut short = name.to_string();
                short.truncate(3);
                (short, ym.year.to_string())
            }
            Err(_) => (ym.year.to_string(), String::new()),
        };
        // The axis breaks where months are missing between two columns (a year's
        // column, for events dated only by their year, comes before its January).
        let gap_before = previous.is_some_and(|p| {
            let next = match p.month {
                12 => (p.year + 1, 1),
                m => (p.year, m + 1),
            };
            ym.month != 0 && (ym.year, ym.month) != next
        });
        previous = Some(ym);
        columns.push(charts::ChartColumn {
            label,
            title: view.display.clone(),
            href: view.href.clone(),
            events: view.events,
            articles: view.articles,
            gap_before,
        });
    }
    charts::timeline_chart(ids::TIMELINE_CHART, columns)
}

/// The layout of the timeline's chart: a column per period, linking to it.
fn timeline_chart(
    groups: &TimelineGroups,
    href: &dyn Fn(&crate::analyse::dates::Period) -> String,
) -> Option<charts::TimelineChart> {
    let mut columns = Vec::new();
    let mut reached: Option<time::Date> = None;
    for (period, (articles, events)) in groups {
        let gap_before = reached.is_some_and(|r| period.start > r.next_day().unwrap_or(r));
        reached = Some(reached.map_or(period.end(), |r| r.max(period.end())));
        columns.push(charts::ChartColumn {
            label: period.short_label(),
            title: period.display(),
            href: href(period),
            events: events.len(),
            articles: articles.len(),
            gap_before,
        });
    }
    charts::timeline_chart(ids::TIMELINE_CHART, columns)
}

/// What a page of the timeline shows: which months have pages and which this is (a
/// month page's index shifts when an earlier month appears), every outlet and article,
/// and the dates each article's text reports.
pub fn key(k: &Fingerprints, d: &Dossier, id: PageId, h: &mut PageHasher) {
    d.timeline_months.hash(h);
    id.hash(h);
    k.timeline.get_or_init(|| k.listing(d, true)).hash(h);
}
