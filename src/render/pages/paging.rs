//! Lists too long for one page, split into numbered pages with stable addresses
//! (`<list>/page/<n>/`, [`crate::link::paged_path`]), and the `paginator` value their
//! templates see, so that a theme draws the links between pages as it likes.

use serde::Serialize;

use crate::config::Config;
use crate::link::paged_path;

/// How many articles a page of an entity's or an outlet's articles lists.
pub const ARTICLES_PER_PAGE: usize = 50;

/// How many page numbers either side of the current one a paginator links to (the
/// first and last pages are always linked).
const PAGES_AROUND: usize = 2;

/// The pages needed for `items` at `per_page` a page: one at least, empty or not.
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The page (0-based) of a sorted list, `per_page` items a page, that holds `item`; the
/// first when none does.
pub fn page_of(sorted: &[usize], item: usize, per_page: usize) -> usize {
    sorted.binary_search(&item).map_or(0, |i| i / per_page)
}

/// The items (indices into the whole list) on page `page` (0-based).
pub fn page_items(items: usize, per_page: usize, page: usize) -> std::ops::Range<usize> {
    let start = (page * per_page).min(items);
    start..(start + per_page).min(items)
}

/// One link of a paginator: a page, or a gap between pages not linked.
#[derive(Serialize)]
struct PageLink {
    /// Its number (from 1); 0 for a gap.
    number: usize,
    /// Its address; empty for a gap.
    href: String,
    current: bool,
    gap: bool,
}

/// Where a page stands in a paged list, as its template sees it (`paginator`).
#[derive(Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    number: usize,
    /// How many pages the list has.
    total: usize,
    /// How many items the whole list has, and the numbers (from 1) of this page's first
    /// and last.
    item_count: usize,
    first_item: usize,
    last_item: usize,
    /// The addresses of the first, previous, next and last pages (previous and next
    /// are null where there is none).
    first: String,
    previous: Option<String>,
    next: Option<String>,
    last: String,
    /// The pages to link to: the first, the last and those around this one, with gaps
    /// between them.
    pages: Vec<PageLink>,
}

impl Paginator {
    /// Page `page` (0-based) of `total` pages of the list whose first page is at `list`,
    /// showing items `shown` (0-based, into the whole list of `item_count`).
    pub fn new(
        config: &Config,
        list: &str,
        page: usize,
        total: usize,
        shown: std::ops::Range<usize>,
        item_count: usize,
    ) -> Self {
        let href = |p: usize| config.url(&paged_path(list, p));
        let mut pages = Vec::new();
        for p in 0..total {
            let near = p.abs_diff(page) <= PAGES_AROUND;
            if p == 0 || p + 1 == total || near {
                pages.push(PageLink {
                    number: p + 1,
                    href: href(p),
                    current: p == page,
                    gap: false,
                });
            } else if pages.last().is_some_and(|l: &PageLink| !l.gap) {
                pages.push(PageLink {
                    number: 0,
                    href: String::new(),
                    current: false,
                    gap: true,
                });
            }
        }
        Paginator {
            number: page + 1,
            total,
            item_count,
            first_item: if shown.is_empty() { 0 } else { shown.start + 1 },
            last_item: shown.end,
            first: href(0),
            previous: page.checked_sub(1).map(href),
            next: (page + 1 < total).then(|| href(page + 1)),
            last: href(total.saturating_sub(1)),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_a_list_and_keep_one_page_for_none() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_items(120, 50, 0), 0..50);
        assert_eq!(page_items(120, 50, 2), 100..120);
        assert_eq!(page_items(0, 50, 0), 0..0);
    }

    #[test]
    fn a_paginator_links_the_ends_and_the_pages_around_with_gaps() {
        let config = Config::parse(
            std::path::Path::new("."),
            "title = \"x\"\nbase_url = \"https://example.org/sub/\"",
        )
        .unwrap();
        let p = Paginator::new(&config, "/entities/x/", 5, 12, 250..300, 580);
        let v = serde_json::to_value(&p).unwrap();
        let numbers: Vec<u64> = v["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["number"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, [1, 0, 4, 5, 6, 7, 8, 0, 12]);
        assert_eq!(v["number"], 6);
        assert_eq!(v["first_item"], 251);
        assert_eq!(v["last_item"], 300);
        assert_eq!(v["previous"], "/sub/entities/x/page/5/");
        assert_eq!(v["next"], "/sub/entities/x/page/7/");
        assert_eq!(v["first"], "/sub/entities/x/");
        assert_eq!(v["last"], "/sub/entities/x/page/12/");
        let first = Paginator::new(&config, "/entities/x/", 0, 1, 0..3, 3);
        let v = serde_json::to_value(&first).unwrap();
        assert_eq!(v["previous"], serde_json::Value::Null);
        assert_eq!(v["next"], serde_json::Value::Null);
        assert_eq!(v["pages"].as_array().unwrap().len(), 1);
    }
}
