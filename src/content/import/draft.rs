//! The one shape every import source produces, and the one way it is written.
//!
//! Plain text ([`super::plain`]) and web pages ([`super::page`]) each turn their input
//! into a [`Draft`]: what the input says about the article (title, date, authors,
//! outlet, address, summary), its body as Markdown blocks that are already safe to
//! publish, and an account of what was set aside. [`super::run`] then lays the
//! command-line flags over it and writes it with [`render`], so the front matter of an
//! imported article is written in one place whatever it came from.

/// An article as read from one input, before the command-line flags are applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The headline, when the input gives one.
    pub title: Option<String>,
    /// Where the title was made up from the text rather than found: the warning says so.
    pub title_from_text: bool,
    /// The publication date, `YYYY-MM-DD`, or a full RFC 3339 date-time.
    pub date: Option<String>,
    pub authors: Vec<String>,
    /// The outlet that published it.
    pub source: Option<String>,
    /// The article's canonical address.
    pub url: Option<String>,
    pub summary: Option<String>,
    /// The body: Markdown blocks (paragraphs, `## ` headings, `> ` quotes, lists,
    /// `Caption: ` paragraphs, images), each already escaped so that it renders as the
    /// text it was and never as markup of the input's making.
    pub blocks: Vec<String>,
    /// What was left out of the body, one short phrase each ("2 share prompts",
    /// "the repeated headline"): the import's summary line reports them.
    pub dropped: Vec<String>,
    /// Things the user should know and may want to change (a title made from the
    /// first sentence, a date the page gave in two ways...).
    pub warnings: Vec<String>,
}

impl Draft {
    /// Words in the body, as a reader counts them (Markdown punctuation aside).
    pub fn words(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| {
                b.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
            })
            .sum()
    }
}

/// Escapes what Markdown or HTML would otherwise interpret in plain text, so a
/// paragraph renders as the text it was (one starting like a list item stays a
/// paragraph).
pub fn escape_markdown(paragraph: &str) -> String {
    guard_line_start(escape_inline(paragraph))
}

/// Escapes what Markdown or HTML would interpret anywhere in a line: a run of text that
/// will stand beside Markdown of the importer's own making (emphasis, links).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// A line of escaped text that starts like a list item (`- `, `+ `, `3. `, `3) `) stays
/// text: the marker's punctuation is escaped (`\-`, `3\.`), which CommonMark reads as
/// the character itself.
pub fn guard_line_start(mut line: String) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if line.starts_with(['-', '+', '=']) {
        line.insert(0, '\\');
    } else if digits > 0 && digits < 10 && line[digits..].starts_with([')', '.']) {
        line.insert(digits, '\\');
    }
    line
}

/// A one-line TOML basic string: line breaks and control characters escaped, so no
/// value can close the front matter or add a key.
pub fn toml_string(s: &str) -> String {
    use toml_writer::ToTomlValue as _;
    toml_writer::TomlStringBuilder::new(s)
        .as_basic()
        .to_toml_value()
}

/// The complete article file: front matter, then the blocks separated by blank lines.
/// `title`, `date` and `source` are the settled values (flags over what the input said).
pub fn render(title: &str, date: &str, source: &str, draft: &Draft) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", toml_string(title)));
    out.push_str(&format!("date = {date}\n"));
    out.push_str(&format!("source = {}\n", toml_string(source)));
    if !draft.authors.is_empty() {
        let list: Vec<String> = draft.authors.iter().map(|a| toml_string(a)).collect();
        out.push_str(&format!("authors = [{}]\n", list.join(", ")));
    }
    if let Some(u) = &draft.url {
        out.push_str(&format!("url = {}\n", toml_string(u)));
    }
    if let Some(s) = &draft.summary {
        out.push_str(&format!("summary = {}\n", toml_string(s)));
    }
    out.push_str("+++\n");
    for b in &draft.blocks {
        out.push_str(b.trim_end());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape_markdown("1. Not a list"), "1\\. Not a list");
        assert_eq!(
            escape_markdown("2020) was the year"),
            "2020\\) was the year"
        );
        assert_eq!(escape_markdown("- not an item"), "\\- not an item");
        assert_eq!(
            escape_markdown("[x](javascript:y)"),
            "\\[x\\](javascript:y)"
        );
    }
}
