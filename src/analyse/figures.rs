//! The figures of an analysed article: [`crate::annotate::figures`] run over each block
//! of text, each figure given what the rest of the analysis knows about its sentence:
//! the entities named in its clause (from the mentions found), and on whose authority
//! it is given (the entity or words after "according to", or the speaker of the quote
//! it stands in).

use std::ops::Range;

use super::body::{AnalysedBody, Authority, BodySource, Figure};
use crate::annotate::TextBlock;
use crate::annotate::TextPos;
use crate::annotate::figures::{find_figures, may_hold_figures};
use crate::error::Diagnostic;
use crate::text::sentences::spans;

/// The figures of `body`, whose mentions and quotes are found; `quotes` says where each
/// quotation is and its index in `body.quotes`.
pub fn figures(body: &AnalysedBody, quotes: &[(TextPos, TextPos, usize)]) -> Vec<Figure> {
    let mut out = Vec::new();
    for (b, block) in body.blocks.iter().enumerate() {
        if !may_hold_figures(&block.text) {
            continue;
        }
        let sentences = spans(&block.text);
        let found = find_figures(&block.text, &sentences);
        if found.is_empty() {
            continue;
        }
        let mentions: Vec<(Range<usize>, usize)> = body
            .mentions
            .iter()
            .filter(|m| m.block == b)
            .map(|m| (m.at.clone(), m.entity))
            .collect();
        for f in found {
            let inside = |r: &Range<usize>, outer: &Range<usize>| {
                outer.start <= r.start && r.end <= outer.end
            };
            let at = TextPos {
                block: b,
                offset: f.number.start,
            };
            let quote = quotes
                .iter()
                .find(|(s, e, _)| *s <= at && at < *e)
                .map(|&(_, _, q)| q);
            let mut authority = f.authority.clone().map(|r| Authority {
                name: block.text[r.clone()]
                    .trim_end_matches(['.', ','])
                    .to_string(),
                entity: mentions
                    .iter()
                    .find(|(m, _)| inside(m, &r))
                    .map(|&(_, e)| e),
            });
            if let Some(q) = quote {
                // A figure in a quote is its speaker's.
                authority = body.quotes[q].speaker.as_ref().map(|s| Authority {
                    name: s.name.clone(),
                    entity: s.entity,
                });
            }
            let mut entities: Vec<usize> = mentions
                .iter()
                .filter(|(m, e)| {
                    inside(m, &f.clause)
                        && !f.authority.as_ref().is_some_and(|a| inside(m, a))
                        && authority.as_ref().and_then(|a| a.entity) != Some(*e)
                })
                .map(|&(_, e)| e)
                .collect();
            entities.sort_unstable();
            entities.dedup();
            let sentence = sentences
                .iter()
                .find(|s| inside(&f.number, s))
                .cloned()
                .unwrap_or(0..block.text.len());
            out.push(Figure {
                anchor: format!("f-{}", out.len() + 1),
                block: b,
                at: f.range.clone(),
                sentence,
                found: f,
                entities,
                authority,
                in_quote: quote.is_some(),
                tie: None,
            });
        }
    }
    out
}

/// Text compared without case, spacing or the shape of quotation marks.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['’', '‘'], "'")
}

/// Gives each figure the tie of the `[[figures]]` correction whose text its wording
/// starts with (or that starts with its wording: "5,200 troops in Iraq" names the
/// figure "5,200 troops"), the first that does. Returns a warning for each correction
/// no figure took.
pub fn apply_corrections(
    figures: &mut [Figure],
    blocks: &[TextBlock],
    src: &BodySource<'_>,
) -> Vec<Diagnostic> {
    let corrections = src.figure_corrections;
    if corrections.is_empty() {
        return Vec::new();
    }
    let texts: Vec<String> = corrections.iter().map(|c| normalised(&c.text)).collect();
    let mut used = vec![false; corrections.len()];
    for f in figures.iter_mut() {
        let wording = normalised(&blocks[f.block].text[f.at.clone()]);
        if let Some(c) = texts
            .iter()
            .position(|t| wording.starts_with(t.as_str()) || t.starts_with(wording.as_str()))
        {
            used[c] = true;
            f.tie = Some(corrections[c].tie.clone());
        }
    }
    corrections
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(c, _)| {
            Diagnostic::warning(
                src.file,
                c.line,
                format!("no figure in the article starts with “{}”", c.text),
            )
            .with_help("copy the figure's first words exactly as the text has them, such as `5,200 troops`")
        })
        .collect()
}
