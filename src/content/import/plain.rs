//! Plain text into a [`Draft`]: the date marker, the title line, photo captions and the
//! website furniture a copied page brings along.

use super::draft::{Draft, escape_markdown};

/// Reads plain text (interim: paragraphs only).
pub fn parse(text: &str, given_title: Option<&str>) -> Draft {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    Draft {
        title: given_title
            .map(str::to_string)
            .or_else(|| paragraphs.first().cloned()),
        blocks: paragraphs
            .iter()
            .skip(1)
            .map(|p| escape_markdown(p))
            .collect(),
        ..Draft::default()
    }
}
