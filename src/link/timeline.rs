//! The timeline's pages: one, or one per month once it holds more entries than a page
//! should. The entries are each article (under its date) and the events it reports
//! ([`crate::analyse::dates`]), under the period they happened in.

use time::{Date, Month};

use crate::analyse::AnalysedArticle;
use crate::analyse::dates::{DatedEvent, Period, Precision};

/// A timeline with more entries (articles and dated events) than this is split into a
/// page per month, with `/timeline/` an overview of the months: at 10,000 articles a
/// single page would be tens of megabytes.
pub const ENTRIES_PER_PAGE: usize = 1000;

/// A month's page holds at most this many entries; a month with more has further
/// pages (`/timeline/2020-01/page/2/`), so that no page grows past a few hundred
/// kilobytes however many events a month reports.
pub const ENTRIES_PER_MONTH_PAGE: usize = 400;

/// A month of a paged timeline and how many entries (articles and events) it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimelineMonth {
    pub month: YearMonth,
    pub entries: usize,
}

impl TimelineMonth {
    /// How many pages the month takes.
    pub fn pages(&self) -> usize {
        self.entries.div_ceil(ENTRIES_PER_MONTH_PAGE).max(1)
    }
}

/// A month of the timeline with a page of its own (`/timeline/2020-01/`), or a year
/// for events dated only by their year (`/timeline/2014/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12, or 0 for the year as a whole.
    pub month: u8,
}

impl YearMonth {
    pub fn of(date: Date) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month() as u8,
        }
    }

    /// The page of a period: the month it starts in, or its year.
    pub fn of_period(period: &Period) -> Self {
        match period.precision {
            Precision::Year => YearMonth {
                year: period.start.year(),
                month: 0,
            },
            _ => YearMonth::of(period.start),
        }
    }

    /// `2020-01` or `2014`: the page's folder.
    pub fn key(&self) -> String {
        match self.month {
            0 => format!("{:04}", self.year),
            m => format!("{:04}-{m:02}", self.year),
        }
    }

    /// "January 2020", or "2014".
    pub fn display(&self) -> String {
        match Month::try_from(self.month) {
            Ok(m) => format!("{m} {}", self.year),
            Err(_) => format!("{}", self.year),
        }
    }
}

/// The months that get a page of their own, oldest first: none when the timeline fits
/// on one page. `articles` gives each article's date and dated events; a period belongs
/// to the month it starts in.
pub fn paged_months<'a>(
    articles: impl Iterator<Item = (Date, &'a [DatedEvent])> + Clone,
) -> Vec<TimelineMonth> {
    let entries: usize = articles.clone().map(|(_, events)| 1 + events.len()).sum();
    if entries <= ENTRIES_PER_PAGE {
        return Vec::new();
    }
    let mut months: Vec<YearMonth> = Vec::with_capacity(entries);
    for (date, events) in articles {
        months.push(YearMonth::of(date));
        months.extend(
            events
                .iter()
                .map(|ev| YearMonth::of_period(&ev.event.period)),
        );
    }
    months.sort_unstable();
    months
        .chunk_by(|a, b| a == b)
        .map(|run| TimelineMonth {
            month: run[0],
            entries: run.len(),
        })
        .collect()
}

/// One period of the timeline: the articles published in it and the events reported
/// about it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineGroup {
    pub period: Period,
    /// Article indices, oldest first.
    pub articles: Vec<usize>,
    /// (article index, index into its events), in the order the timeline lists them.
    pub events: Vec<(usize, usize)>,
}

/// Every period of the timeline, in order, with its articles and events: made once per
/// link, so that each page of the timeline takes its own periods without going through
/// every article again.
pub fn timeline_groups(articles: &[AnalysedArticle]) -> Vec<TimelineGroup> {
    /// A period's articles and (article, event) pairs.
    type Entries = (Vec<usize>, Vec<(usize, usize)>);
    let mut groups: std::collections::BTreeMap<Period, Entries> = std::collections::BTreeMap::new();
    // Oldest article first, so each period lists its reports in order.
    for i in (0..articles.len()).rev() {
        let a = &articles[i];
        groups
            .entry(Period::day(a.article.date))
            .or_default()
            .0
            .push(i);
        for (e, ev) in a.body.events.iter().enumerate() {
            groups.entry(ev.event.period).or_default().1.push((i, e));
        }
    }
    groups
        .into_iter()
        .map(|(period, (articles_in, mut events))| {
            events.sort_by_key(|&(a, e)| {
                let ev = &articles[a].body.events[e].event;
                (ev.part, ev.relation)
            });
            TimelineGroup {
                period,
                articles: articles_in,
                events,
            }
        })
        .collect()
}

/// The months of the timeline with a page each ([`paged_months`]); empty when it fits
/// on one page.
pub fn timeline_months(articles: &[AnalysedArticle]) -> Vec<TimelineMonth> {
    paged_months(
        articles
            .iter()
            .map(|a| (a.article.date, a.body.events.as_slice())),
    )
}
