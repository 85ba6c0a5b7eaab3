//! One article: its front matter, typed, and its Markdown body.

use std::path::PathBuf;

use time::Date;

/// A `[[quotes]]` correction from front matter: overrides automatic attribution for the
/// quote whose text starts with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteCorrection {
    pub text: String,
    /// An entity id, or free text ("one demonstrator"); empty means "no speaker".
    pub speaker: String,
    pub line: usize,
}

/// An article as loaded from `content/articles/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file stem; the article's URL is `/articles/<slug>/`.
    pub slug: String,
    /// Path of the source file relative to the dossier root, for messages.
    pub file: PathBuf,
    pub title: String,
    pub date: Date,
    /// Time of day as `HH:MM` when the front matter gave a date-time.
    pub time: Option<String>,
    pub source: String,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub quotes: Vec<QuoteCorrection>,
    /// The Markdown body after the closing `+++`.
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}
