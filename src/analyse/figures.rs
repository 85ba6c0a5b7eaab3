//! The figures of an analysed article: [`crate::annotate::figures`] run over each block
//! of text, each figure given what the rest of the analysis knows about its sentence:
//! the entities named in its part of the clause (from the mentions found), those the
//! things counted belong to and those that say where they are, and on whose authority
//! it is given (the entity or words after "according to", a known entity that says
//! it, or the speaker of the quote it stands in).

use std::ops::Range;

use super::body::{AnalysedBody, Authority, BodySource, Figure};
use crate::annotate::TextBlock;
use crate::annotate::TextPos;
use crate::annotate::figures::find_figures_in;
use crate::error::Diagnostic;
use crate::text::sentences::Sentences;

/// The figures of `body`, whose mentions and quotes are found; `quotes` says where each
/// quotation is and its index in `body.quotes`, `sentences` the sentences of each block.
pub fn figures(
    body: &AnalysedBody,
    quotes: &[(TextPos, TextPos, usize)],
    sentences: &[Sentences],
) -> Vec<Figure> {
    let mut out = Vec::new();
    for (b, block) in body.blocks.iter().enumerate() {
        let found = find_figures_in(&block.text, &sentences[b]);
        if found.is_empty() {
            continue;
        }
        let mentions: Vec<(Range<usize>, usize)> = body
            .mentions
            .iter()
            .filter(|m| m.block == b)
            .map(|m| (m.at.clone(), m.entity))
            .collect();
        // Where each figure's part of its clause ends: at the next figure of the same
        // clause, for what comes after it is about that one ("175,000 people at
        // Heathrow and 10,000 at Gatwick").
        let ends: Vec<usize> = (0..found.len())
            .map(|i| match found.get(i + 1) {
                Some(next) if next.clause == found[i].clause => next.number.start,
                _ => found[i].clause.end,
            })
            .collect();
        for (f, end) in found.into_iter().zip(ends) {
            let inside = |r: &Range<usize>, outer: &Range<usize>| {
                outer.start <= r.start && r.end <= outer.end
            };
            let scope = f.clause.start..end;
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
            // Whoever gives the figure is not what it is about, unless the sentence
            // says they did what it counts ("X said it had sent 5,000 troops").
            let mut speaker_acts = false;
            if authority.is_none()
                && let Some((speaker, acts)) =
                    speaker_in(&block.text, &mentions, &f.sentence, &f.range)
            {
                speaker_acts = acts;
                authority = Some(speaker);
            }
            if let Some(q) = quote {
                speaker_acts = false;
                // A figure in a quote is its speaker's.
                authority = body.quotes[q].speaker.as_ref().map(|s| Authority {
                    name: s.name.clone(),
                    entity: s.entity,
                });
            }
            let mut entities: Vec<usize> = mentions
                .iter()
                .filter(|(m, e)| {
                    inside(m, &scope)
                        && !f.authority.as_ref().is_some_and(|a| inside(m, a))
                        && (speaker_acts || authority.as_ref().and_then(|a| a.entity) != Some(*e))
                })
                .map(|&(_, e)| e)
                .collect();
            entities.sort_unstable();
            entities.dedup();
            // Whose the things counted are: an entity inside the wording ("5,000 US
            // troops") or owning it just before ("China's 340 million users").
            let text = &block.text;
            let mut owners: Vec<usize> = mentions
                .iter()
                .filter(|(m, _)| {
                    inside(m, &f.range)
                        || m.end < f.range.start
                            && matches!(
                                text[m.end..f.range.start].trim_end(),
                                "'s" | "’s" | "'" | "’"
                            )
                })
                .map(|&(_, e)| e)
                .filter(|e| entities.contains(e))
                .collect();
            owners.sort_unstable();
            owners.dedup();
            let location = location(text, &mentions, f.range.end..end);
            let sentence = f.sentence.clone();
            out.push(Figure {
                anchor: format!("f-{}", out.len() + 1),
                block: b,
                at: f.range.clone(),
                sentence,
                found: f,
                entities,
                owners,
                location,
                authority,
                in_quote: quote.is_some(),
                tie: None,
            });
        }
    }
    out
}

/// Who the sentence says gives the figure, when a known entity says it: "Mr Howard
/// said nearly 160,000 people...", "..., Ofcom estimates"; and whether it also says
/// they did what the figure counts, a pronoun after the verb standing for them ("X
/// said it had sent 5,000 troops").
fn speaker_in(
    text: &str,
    mentions: &[(Range<usize>, usize)],
    sentence: &Range<usize>,
    figure: &Range<usize>,
) -> Option<(Authority, bool)> {
    let says = |w: &str| {
        let w = crate::text::lowercase(w);
        crate::text::lexicon::is_say_verb(&w)
            || matches!(
                &*w,
                "say"
                    | "estimated"
                    | "estimates"
                    | "estimate"
                    | "predicted"
                    | "predicts"
                    | "forecast"
                    | "forecasts"
                    | "calculated"
                    | "calculates"
            )
    };
    fn words(r: &str) -> impl Iterator<Item = &str> {
        r.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    mentions
        .iter()
        .filter(|(m, _)| sentence.start <= m.start && m.end <= sentence.end)
        .filter(|(m, _)| m.end <= figure.start || figure.end <= m.start)
        .find(|(m, _)| {
            // "Howard said", "Ofcom has estimated".
            let after_says = words(&text[m.end..sentence.end])
                .find(|w| !matches!(*w, "has" | "had" | "have"))
                .is_some_and(says);
            // "said Mr Howard".
            let before_says = text[sentence.start..m.start]
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .find(|w| !matches!(*w, "Mr" | "Mrs" | "Ms" | "Dr" | "Sir" | "Lord"))
                .is_some_and(says);
            after_says || before_says
        })
        .map(|(m, e)| {
            let acts = words(&text[m.end..figure.start.max(m.end)])
                .skip_while(|w| !says(w))
                .skip(1)
                .find(|w| *w != "that")
                .is_some_and(|w| matches!(w, "it" | "they" | "we" | "he" | "she"));
            let speaker = Authority {
                name: text[m.clone()].to_string(),
                entity: Some(*e),
            };
            (speaker, acts)
        })
}

/// Where the things a figure counts are, when the words after it say ("troops in
/// Iraq", "people at Heathrow and Gatwick"): the entities of the first phrase after
/// `after` opened by "in", "at", "across" or "from", and those joined to it by "and"
/// or commas, sorted. Which of them are places is for the linking to say.
fn location(text: &str, mentions: &[(Range<usize>, usize)], after: Range<usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    for (m, e) in mentions
        .iter()
        .filter(|(m, _)| after.start <= m.start && m.end <= after.end)
    {
        let between = text[last.unwrap_or(after.start)..m.start].trim();
        match last {
            None => {
                // The last word before it, or the one before "the" ("in the Gulf").
                let mut words = between
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase);
                let word = words.next().unwrap_or_default();
                let before_the = if word == "the" {
                    words.next().unwrap_or_default()
                } else {
                    String::new()
                };
                let opens = |w: &str| matches!(w, "in" | "at" | "across" | "from" | "inside");
                if opens(&word) || opens(&before_the) {
                    out.push(*e);
                    last = Some(m.end);
                }
            }
            Some(_) => {
                if matches!(between, "and" | "," | "or" | ", and") {
                    out.push(*e);
                    last = Some(m.end);
                } else {
                    break;
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
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
