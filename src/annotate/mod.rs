//! Finding what an article says about whom: entity mentions and quotations.
//!
//! The analysers here work on plain text, not on Markdown: `crate::analyse` turns an
//! article body into a list of [`TextBlock`]s (one per paragraph, heading, caption, list
//! item, table cell or footnote), runs the analysers over them, and maps the spans they
//! report back onto the Markdown events to emit annotated HTML. Keeping the analysers
//! free of Markdown makes them easy to test with table-driven cases and property tests.
//!
//! All offsets are byte offsets into `TextBlock::text` and always lie on `char`
//! boundaries.

pub mod clusters;
pub mod entities;
pub mod figures;
pub mod lending;
pub mod quotes;
pub mod suggest;

use std::ops::Range;

/// What kind of block a piece of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A photo caption (a paragraph starting with `Caption:` in the source).
    Caption,
    ListItem,
    TableCell,
    Footnote,
    BlockQuote,
}

/// The plain text of one leaf block of an article, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    pub kind: BlockKind,
    /// The text with inline markup removed; soft breaks become a space.
    pub text: String,
    /// 1-based line in the article file where the block starts.
    pub line: usize,
    /// Byte ranges of `text` where no mention may be found: inline code and the text of
    /// links (an explicit `entity:` link is a mention already; other links are left alone).
    pub masked: Vec<Range<usize>>,
    /// Explicit `[words](entity:id)` links in this block: the range of their text and the
    /// registry index of the entity. They count as unambiguous mentions.
    pub explicit: Vec<(Range<usize>, usize)>,
}

impl TextBlock {
    /// A plain paragraph with nothing masked: handy in tests.
    pub fn paragraph(text: &str) -> Self {
        TextBlock {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            line: 1,
            masked: Vec::new(),
            explicit: Vec::new(),
        }
    }
}

/// A position in an article's text: block index and byte offset within that block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextPos {
    pub block: usize,
    pub offset: usize,
}
