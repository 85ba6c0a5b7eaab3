//! The quote finder on paragraphs written for a test, with an empty registry (as on text
//! the rules never saw): the speaker named for each quotation.
#![allow(dead_code)]

use dossier::annotate::TextBlock;
use dossier::annotate::quotes::{FoundQuote, QuoteFinder};
use dossier::content::registry::Registry;

/// Every span the finder returns for the paragraphs, terms included.
fn found(paras: &[&str]) -> Vec<FoundQuote> {
    let blocks: Vec<TextBlock> = paras.iter().map(|p| TextBlock::paragraph(p)).collect();
    QuoteFinder::new(&Registry::default(), 4).find(&blocks, &[])
}

/// The quotations (not terms) of the paragraphs, as (text, speaker name).
pub fn speakers(paras: &[&str]) -> Vec<(String, Option<String>)> {
    found(paras)
        .into_iter()
        .filter(|q| !q.is_term)
        .map(|q| (q.text, q.speaker.map(|s| s.name)))
        .collect()
}

/// Every span found, terms included, as (text, is a term, speaker name).
pub fn spans(paras: &[&str]) -> Vec<(String, bool, Option<String>)> {
    found(paras)
        .into_iter()
        .map(|q| (q.text, q.is_term, q.speaker.map(|s| s.name)))
        .collect()
}

/// Asserts the speaker of each quotation, in order.
pub fn assert_speakers(paras: &[&str], want: &[Option<&str>]) {
    let got = speakers(paras);
    let names: Vec<Option<&str>> = got.iter().map(|(_, s)| s.as_deref()).collect();
    assert_eq!(names, want, "quotes found: {got:#?}");
}
