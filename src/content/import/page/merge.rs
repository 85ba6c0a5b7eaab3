//! The article's blocks from two extractions of one page: which text is the article is
//! what the crate chooses with its default options (no links, no images), the options it
//! measures best with; how that text is written (links, emphasis) and the images and
//! captions among it come from a second extraction that keeps links and images.
//!
//! Asked to keep links and images, the crate chooses different content: it keeps the
//! text of image containers (credits, alt texts repeated as text, gallery furniture) and
//! its link-density filtering weighs paragraphs differently. On the 60 development pages
//! that cost 0.016 of F1 (see `BENCHMARKS.md`, "Import"). So the rich extraction only
//! dresses the default one: each default block is matched, in order, to a block of the
//! rich one with the same words, or to a run of them (an image inside a paragraph
//! splits it in two there); the images and captions the rich extraction has between
//! two matched blocks, or right before the first unless it is a heading, are taken with
//! them, each once. A default block without a match is written as it is.
//!
//! The work is linear in the text: a block's match is found through hashes of its
//! words' prefixes, never by searching the rest of the page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::markdown::{CAPTION_PREFIX, plain_text};

/// The blocks of `chosen` (the default extraction, as Markdown), each written as its
/// match in `rich` where there is one, with the images and captions `rich` has among
/// the matched blocks.
pub fn merge(chosen: Vec<String>, rich: Vec<String>) -> Vec<String> {
    let rich = Rich::new(rich);
    let mut out = Vec::with_capacity(chosen.len());
    // The first rich block after the last match, once there is one.
    let mut next: Option<usize> = None;
    for block in chosen {
        let Some(run) = rich.find_run(&key(&block), next.unwrap_or(0)) else {
            out.push(block);
            continue;
        };
        let figures_from = next.unwrap_or_else(|| rich.figures_before(run.start));
        // A figure shown twice over (a lazily loaded copy and its fallback) is one.
        let mut taken = HashSet::new();
        out.extend(
            rich.blocks[figures_from..run.start]
                .iter()
                .filter(|b| is_figure(b) && taken.insert(b.as_str()))
                .cloned(),
        );
        out.extend(rich.blocks[run.clone()].iter().cloned());
        next = Some(run.end);
    }
    out
}

/// The rich extraction's blocks, with their words, where each text block's words are
/// found by hash, and which block holds text next.
struct Rich {
    blocks: Vec<String>,
    keys: Vec<String>,
    by_hash: HashMap<u64, Vec<usize>>,
    /// For each position, the first text block there or after (the block count if none).
    next_text: Vec<usize>,
}

impl Rich {
    fn new(blocks: Vec<String>) -> Rich {
        let keys: Vec<String> = blocks.iter().map(|b| key(b)).collect();
        // Text to match: not an image, a caption or bare punctuation.
        let is_text = |at: usize| !is_figure(&blocks[at]) && !keys[at].is_empty();
        let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
        for at in (0..blocks.len()).filter(|&at| is_text(at)) {
            let (_, hash) = prefix_hashes(&keys[at]).last().unwrap_or_default();
            by_hash.entry(hash).or_default().push(at);
        }
        let mut next_text = vec![blocks.len(); blocks.len() + 1];
        for at in (0..blocks.len()).rev() {
            next_text[at] = if is_text(at) { at } else { next_text[at + 1] };
        }
        Rich {
            blocks,
            keys,
            by_hash,
            next_text,
        }
    }

    /// The first text block at or after `from` whose words are those of `hash`.
    fn first_with(&self, hash: u64, from: usize) -> Option<usize> {
        let at = self.by_hash.get(&hash)?;
        at.get(at.partition_point(|&p| p < from)).copied()
    }

    /// The blocks, from `from` on, that say `words`: one text block with just those words,
    /// else the earliest run of text blocks (images and captions between them) whose
    /// words, one after the other, are those.
    fn find_run(&self, words: &str, from: usize) -> Option<Range<usize>> {
        if words.is_empty() {
            return None;
        }
        let hashes: Vec<(usize, u64)> = prefix_hashes(words).collect();
        let (_, whole) = *hashes.last()?;
        if let Some(at) = self
            .first_with(whole, from)
            .filter(|&at| self.keys[at] == words)
        {
            return Some(at..at + 1);
        }
        let (start, len) = hashes
            .iter()
            .filter_map(|&(len, hash)| Some((self.first_with(hash, from)?, len)))
            .min()?;
        if self.keys[start] != words[..len] {
            return None;
        }
        let (mut said, mut last) = (len, start);
        while said < words.len() {
            let at = self.next_text[last + 1];
            let next = self.keys.get(at)?;
            if !words[said..].starts_with(next.as_str()) {
                return None;
            }
            said += next.len();
            last = at;
        }
        Some(start..last + 1)
    }

    /// Where the images and captions right before block `at` begin: a lead image stands
    /// just before the text it opens, with no other text between. Before a heading
    /// (the headline, mostly) they are the page's masthead, not the article's.
    fn figures_before(&self, at: usize) -> usize {
        let mut from = at;
        if self.blocks[at].starts_with('#') {
            return from;
        }
        while from > 0 && is_figure(&self.blocks[from - 1]) {
            from -= 1;
        }
        from
    }
}

/// An image or a figure's caption: what the rich extraction adds to the article.
fn is_figure(block: &str) -> bool {
    block.starts_with("![") || block.starts_with(CAPTION_PREFIX)
}

/// A block's words, as the match sees them: its letters and digits, lowercased, with
/// nothing between them (the two extractions differ in spacing around links).
fn key(block: &str) -> String {
    plain_text(block)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A polynomial hash of every prefix of `words`, each with the prefix's length in bytes.
fn prefix_hashes(words: &str) -> impl Iterator<Item = (usize, u64)> + '_ {
    const BASE: u64 = 0x100_0000_01b3;
    words.char_indices().scan(0u64, |hash, (at, c)| {
        *hash = hash.wrapping_mul(BASE).wrapping_add(u64::from(c));
        Some((at + c.len_utf8(), *hash))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn formatting_images_and_captions_come_from_the_rich_pass_text_from_the_default() {
        let chosen = blocks(&["First one.", "Second one.", "Only in the default."]);
        let rich = blocks(&[
            "![logo](https://e.org/logo.png)",
            "## Headline",
            "![](https://e.org/portrait.jpg)",
            "Gallery",
            "![lead](https://e.org/a.jpg)",
            "[First](https://e.org/) one.",
            "Photo credit: Agency",
            "![](https://e.org/b.jpg)",
            "Caption: A view.",
            "*Second* one.",
            "![](https://e.org/c.jpg)",
            "More from us",
        ]);
        assert_eq!(
            merge(chosen, rich),
            blocks(&[
                "![lead](https://e.org/a.jpg)",
                "[First](https://e.org/) one.",
                "![](https://e.org/b.jpg)",
                "Caption: A view.",
                "*Second* one.",
                "Only in the default.",
            ])
        );
    }

    #[test]
    fn an_image_before_the_headline_is_the_masthead_and_stays_out() {
        let chosen = blocks(&["## Headline", "Text."]);
        let rich = blocks(&["![logo](https://e.org/logo.png)", "## Headline", "Text."]);
        assert_eq!(merge(chosen, rich), blocks(&["## Headline", "Text."]));
    }

    #[test]
    fn a_figure_shown_twice_between_two_paragraphs_is_taken_once() {
        let chosen = blocks(&["One.", "Two."]);
        let rich = blocks(&[
            "One.",
            "![a](https://e.org/a.jpg)",
            "Caption: A.",
            "![a](https://e.org/a.jpg)",
            "Caption: A.",
            "Two.",
        ]);
        assert_eq!(
            merge(chosen, rich),
            blocks(&["One.", "![a](https://e.org/a.jpg)", "Caption: A.", "Two."])
        );
    }

    #[test]
    fn failed_matches_do_not_walk_the_images_again() {
        // Every default block starts like the first rich one and fails at "Omega":
        // walking the images for each would be 2.5 billion steps, minutes of work.
        const N: usize = 50_000;
        let mut rich = vec!["Alpha".to_string()];
        rich.extend((0..N).map(|i| format!("![](https://e.org/{i}.jpg)")));
        rich.push("Omega".to_string());
        let chosen: Vec<String> = (0..N).map(|i| format!("Alpha {i}")).collect();
        assert_eq!(merge(chosen.clone(), rich), chosen);
    }

    #[test]
    fn repeated_paragraphs_are_matched_in_order() {
        let chosen = blocks(&["Same.", "Between.", "Same."]);
        let rich = blocks(&[
            "**Same.**",
            "Between.",
            "![](https://e.org/x.jpg)",
            "*Same.*",
        ]);
        assert_eq!(
            merge(chosen, rich),
            blocks(&[
                "**Same.**",
                "Between.",
                "![](https://e.org/x.jpg)",
                "*Same.*"
            ])
        );
    }

    #[test]
    fn a_paragraph_split_by_an_image_is_matched_by_its_parts() {
        let chosen = blocks(&["Intro.", "1\\) One\\\n2\\) Two\\\n3\\) Three", "End."]);
        let rich = blocks(&[
            "Intro.",
            "1\\) [One](https://e.org/1)",
            "![](https://e.org/1.jpg)",
            "2\\) Two\\\n3\\) [Three](https://e.org/3)",
            "End.",
        ]);
        assert_eq!(
            merge(chosen, rich),
            blocks(&[
                "Intro.",
                "1\\) [One](https://e.org/1)",
                "![](https://e.org/1.jpg)",
                "2\\) Two\\\n3\\) [Three](https://e.org/3)",
                "End.",
            ])
        );
    }

    #[test]
    fn a_run_that_does_not_say_the_whole_block_is_no_match() {
        let chosen = blocks(&["One two three."]);
        let rich = blocks(&["One two", "four."]);
        assert_eq!(merge(chosen, rich), blocks(&["One two three."]));
    }
}
