//! Mention finding: every occurrence of a registry name or alias in article text.

use std::ops::Range;

use crate::annotate::TextBlock;
use crate::content::registry::Registry;

/// A mention of a registry entity found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMention {
    /// Index of the block in the slice given to [`EntityMatcher::find_mentions`].
    pub block: usize,
    /// Byte range of the surface form in the block's text.
    pub range: Range<usize>,
    /// Registry index of the entity.
    pub entity: usize,
}

/// An alias shared by several entities that no nearby mention disambiguates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousMention {
    pub block: usize,
    pub range: Range<usize>,
    /// Registry indices of every entity the surface form could mean.
    pub candidates: Vec<usize>,
}

/// The result of mention finding over one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Resolved mentions, sorted by (block, start).
    pub found: Vec<FoundMention>,
    pub ambiguous: Vec<AmbiguousMention>,
}

/// Finds the names and aliases of a registry in text. Built once per build.
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    names: Vec<(String, usize)>,
}

impl EntityMatcher {
    pub fn new(registry: &Registry) -> Self {
        let mut names = Vec::new();
        for (i, e) in registry.entities.iter().enumerate() {
            for n in e.names() {
                if !n.is_empty() {
                    names.push((n.to_string(), i));
                }
            }
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
        EntityMatcher { names }
    }

    /// Finds the mentions in an article's blocks (in document order).
    pub fn find_mentions(&self, blocks: &[TextBlock]) -> Mentions {
        let mut found = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            let mut taken: Vec<Range<usize>> = block.masked.clone();
            for (name, entity) in &self.names {
                for (start, _) in block.text.match_indices(name.as_str()) {
                    let end = start + name.len();
                    let before = block.text[..start].chars().next_back();
                    let after = block.text[end..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                    if word(before) || word(after) {
                        continue;
                    }
                    if taken.iter().any(|r| r.start < end && start < r.end) {
                        continue;
                    }
                    taken.push(start..end);
                    found.push(FoundMention {
                        block: b,
                        range: start..end,
                        entity: *entity,
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.block, m.range.start));
        Mentions {
            found,
            ambiguous: Vec::new(),
        }
    }
}
