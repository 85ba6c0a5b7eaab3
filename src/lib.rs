//! dossier: a static site generator for annotated news dossiers.
//!
//! The pipeline flows one way: [`content`] loads the files, [`annotate`] finds mentions
//! and quotes in each article, [`index`] links them across articles, [`render`] turns
//! the linked dossier into pages and [`output`] writes them atomically.

pub mod annotate;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod index;
pub mod init;
pub mod linkcheck;
pub mod markdown;
pub mod output;
pub mod render;
pub mod serve;
pub mod text;
pub mod timeline;
pub mod timings;
