//! dossier: a static site generator for annotated news dossiers.
//!
//! The pipeline flows one way: [`content`] loads the files, [`analyse`] reads each
//! article on its own (Markdown, mentions, quotes, dated events; the text algorithms
//! are in [`annotate`]), [`link`] links them across articles, [`render`] turns the
//! linked dossier into pages and [`output`] writes them atomically. [`build`] runs the
//! stages in order; [`serve`] keeps their results and runs the same functions again
//! for what an edit changed.

pub mod analyse;
pub mod annotate;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod files;
pub mod init;
pub mod language;
pub mod link;
pub mod linkcheck;
pub mod output;
pub mod render;
pub mod serve;
pub mod text;
pub mod timings;
