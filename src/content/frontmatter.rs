//! Splitting a content file into TOML front matter and Markdown body.
//!
//! Front matter sits between two lines of exactly `+++`. The splitter is tolerant of what
//! editors and web pages leave behind (a UTF-8 byte order mark, CRLF line endings,
//! trailing spaces after `+++`) and strict about structure: a file that opens front
//! matter and never closes it is an error, never an article whose body is TOML. Files
//! are read with [`normalise_line_endings`], so the old Mac lone-CR endings are lines
//! too, to the splitter, to TOML and to every line number reported.

/// The two halves of a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines (empty when there is no front matter).
    pub front_matter: &'a str,
    /// 1-based line of the file on which the front matter's first line is.
    pub front_matter_line: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `+++` (and front matter is required).
    Missing,
    /// The opening `+++` on line 1 has no closing `+++`.
    Unclosed,
}

/// Removes a UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Turns CRLF and lone CR line endings into LF, keeping the number of lines: TOML and
/// the line numbers of messages know only LF. Text without a CR is returned as it is.
pub fn normalise_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Splits `text` (BOM already stripped) into front matter and body.
///
/// With `required = false`, a file that does not start with `+++` is all body.
pub fn split(text: &str, required: bool) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    let first = lines.next();
    match first {
        Some((_, line)) if is_delimiter(line) => {}
        _ if required => return Err(SplitError::Missing),
        _ => {
            return Ok(Split {
                front_matter: "",
                front_matter_line: 1,
                body: text,
                body_line: 1,
            });
        }
    }
    let fm_start = lines.pos;
    let mut line_no = 1;
    while let Some((start, line)) = lines.next() {
        line_no += 1;
        if is_delimiter(line) {
            return Ok(Split {
                front_matter: &text[fm_start..start],
                front_matter_line: 2,
                body: &text[lines.pos..],
                body_line: line_no + 1,
            });
        }
    }
    Err(SplitError::Unclosed)
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Lines with their start offsets; the line excludes `\n` (a `\r` is left for
/// `trim_end` to drop).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("+++\ntitle = \"a\"\n+++\nBody\n", true).unwrap();
        assert_eq!(s.front_matter, "title = \"a\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(s.front_matter_line, 2);
    }

    #[test]
    fn crlf_and_trailing_spaces() {
        let s = split("+++ \r\na = 1\r\n+++\r\nBody", true).unwrap();
        assert_eq!(s.front_matter, "a = 1\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn errors() {
        assert_eq!(split("title", true), Err(SplitError::Missing));
        assert_eq!(split("", true), Err(SplitError::Missing));
        assert_eq!(split("+++\na = 1\n", true), Err(SplitError::Unclosed));
        assert_eq!(split("Just text", false).unwrap().body, "Just text");
    }

    #[test]
    fn lone_cr_line_endings_are_lines() {
        let text = normalise_line_endings("+++\ra = 1\r\n+++\rBody\r\rEnd".to_string());
        let s = split(&text, true).unwrap();
        assert_eq!(s.front_matter, "a = 1\n");
        assert_eq!(s.body, "Body\n\nEnd");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn bom() {
        assert_eq!(strip_bom("\u{feff}+++"), "+++");
    }
}
