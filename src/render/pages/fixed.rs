//! The pages that show no part of the dossier: search (filled in by the reader's
//! browser from the search index) and the page shown for a missing address.

use super::Page;
use crate::render::values::Values;

pub const SEARCH_PATH: &str = "/search/";
pub const NOT_FOUND_PATH: &str = "/404.html";

pub fn search(v: &Values) -> Page {
    Page::new(
        v,
        "search.html",
        SEARCH_PATH.into(),
        "Search".into(),
        "Search the articles, entities and quotes.".into(),
    )
}

pub fn not_found(v: &Values) -> Page {
    Page::new(
        v,
        "404.html",
        NOT_FOUND_PATH.into(),
        "Page not found".into(),
        "This page does not exist.".into(),
    )
}

/// The pages show nothing of the dossier but what every page shows.
pub fn key() {}
