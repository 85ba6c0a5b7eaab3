//! Errors and warnings about the user's content, located in a file.
//!
//! Plumbing failures (a directory that cannot be created) travel as `anyhow` errors with
//! context. Mistakes in the dossier itself are [`Diagnostic`]s: each names a file, a line
//! and column where there is one, says what is wrong and, where we can tell, what to do.
//! A build collects every diagnostic before it fails, so the editor sees all problems at
//! once, sorted by file and line, with a count at the end.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in the dossier's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the dossier root where possible.
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column: 0,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    #[must_use]
    pub fn with_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity) {
        (&self.file, self.line, self.column, self.severity)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Diagnostics collected over a whole build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All diagnostics sorted by file, line and column.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn escalate_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// The errors alone, as a failure to return.
    pub fn into_failure(self) -> ContentErrors {
        ContentErrors(self)
    }
}

/// A build stopped by errors in the content: every one of them, printable as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Diagnostics);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.sorted() {
            writeln!(f, "{d}")?;
        }
        let errors = self.0.error_count();
        let warnings = self.0.warning_count();
        write!(f, "{errors} error{}", if errors == 1 { "" } else { "s" })?;
        if warnings > 0 {
            write!(
                f,
                " and {warnings} warning{}",
                if warnings == 1 { "" } else { "s" }
            )?;
        }
        write!(f, "; nothing was written")
    }
}

impl std::error::Error for ContentErrors {}

impl From<Diagnostic> for ContentErrors {
    fn from(d: Diagnostic) -> Self {
        ContentErrors(Diagnostics { items: vec![d] })
    }
}

/// Lines and columns of byte offsets in one text, found without rescanning it for each
/// offset. Lines count from the line of its file the text starts on (1 unless given),
/// columns from 1 in chars.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset of each line's start.
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::starting_at(text, 1)
    }

    /// The index of `text` when it starts on line `first_line` of its file (front
    /// matter below its opening `+++`, an article body below its front matter).
    pub fn starting_at(text: &'a str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    /// The line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The line and column of a byte offset. One past the end is the end; one inside a
    /// char is that char.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let i = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[i]..offset].chars().count() + 1;
        (self.first_line + i, column)
    }
}

/// Converts a byte offset in `text` to a 1-based (line, column), counting columns in
/// chars: [`LineIndex::line_col`] for a single offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a
/// plausible typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| {
            let close = *d <= c.chars().count().max(word.chars().count()).div_ceil(3);
            let prefix = word.len() >= 3 && (c.starts_with(word) || word.starts_with(c));
            close || prefix
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Turns a TOML parse error into a located diagnostic. `text` is the TOML that was
/// parsed and `first_line` the line of the file on which it starts (front matter starts
/// below the opening `+++`). An unknown field gets the nearest valid name as help.
pub fn toml_diagnostic(
    file: &Path,
    text: &str,
    first_line: usize,
    err: &toml::de::Error,
) -> Diagnostic {
    let (line, column) = err
        .span()
        .map(|s| LineIndex::starting_at(text, first_line).line_col(s.start))
        .unwrap_or((first_line, 0));
    let key = err.span().and_then(|s| key_at(text, s.start));
    let message = plain_type_message(err.message().trim(), key);
    let mut d = Diagnostic::error(file, line, message.clone()).with_column(column);
    if let Some(help) = unknown_field_help(&message) {
        d = d.with_help(help);
    } else if message.starts_with("missing field") {
        d = d.with_help("add the field; see the file formats in the README");
    } else if message.contains("invalid date") || message.contains("invalid time") {
        d = d.with_help("write a real date as `2020-01-05` or `2020-01-05T14:30:00Z`");
    } else if message.contains("invalid type") {
        d = d.with_help("check the value's type (quote strings, write dates as 2020-01-05)");
    }
    d
}

/// The key of the `key = value` line that holds byte `at` of `text`, if any.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some(key)
}

/// serde's "invalid type: string \"abc\", expected u16" in the words of the file's
/// author: "`port` must be a port number (1–65535), not the text \"abc\"". Other
/// messages are returned as they are.
fn plain_type_message(message: &str, key: Option<&str>) -> String {
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return message.to_string();
    };
    let expected = match (key, expected) {
        (Some("port"), _) => "a port number (1–65535)",
        (Some("min_words"), _) => "a whole number of words (1 or more)",
        (_, "u8" | "u16" | "u32" | "u64" | "usize") => "a whole number (0 or more)",
        (_, "i8" | "i16" | "i32" | "i64" | "isize") => "a whole number",
        (_, "f32" | "f64") => "a number",
        (_, "a boolean") => "`true` or `false`",
        (_, "a string" | "a borrowed string") => "text in quotes",
        (_, "a sequence") => "a list in brackets, such as `[\"a\", \"b\"]`",
        (_, e) if e == "a map" || e.starts_with("struct ") => "a table",
        (_, e) => e,
    };
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(rest) = ["integer ", "boolean ", "floating point "]
        .iter()
        .find_map(|p| found.strip_prefix(p))
    {
        rest.trim_matches('`').to_string()
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "a table".to_string(),
            other => other.to_string(),
        }
    };
    match key {
        Some(key) => format!("`{key}` must be {expected}, not {found}"),
        None => format!("expected {expected}, not {found}"),
    }
}

/// "did you mean `title`?" for serde's "unknown field `titel`, expected one of ...".
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match nearest(field, &expected) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!(
            "remove it; valid fields are: {}",
            expected.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_type_names_become_plain_words() {
        let cases = [
            (
                "invalid type: string \"abc\", expected u16",
                Some("port"),
                "`port` must be a port number (1–65535), not the text \"abc\"",
            ),
            (
                "invalid value: integer `-1`, expected usize",
                Some("depth"),
                "`depth` must be a whole number (0 or more), not -1",
            ),
            (
                "invalid type: floating point `1.5`, expected i64",
                None,
                "expected a whole number, not 1.5",
            ),
            (
                "invalid type: map, expected a string",
                Some("title"),
                "`title` must be text in quotes, not a table",
            ),
            (
                "invalid type: sequence, expected struct BuildConfig",
                Some("build"),
                "`build` must be a table, not a list",
            ),
            ("unknown field `x`", Some("x"), "unknown field `x`"),
        ];
        for (serde, key, plain) in cases {
            assert_eq!(plain_type_message(serde, key), plain, "{serde}");
        }
        assert_eq!(key_at("a = 1\n  port = \"x\"\n", 14), Some("port"));
        assert_eq!(key_at("[serve]\n", 3), None);
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncé d", 6), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
        // Inside "é", and past the end.
        assert_eq!(line_col("ab\ncé d", 5), (2, 2));
        assert_eq!(line_col("ab\nc", 99), (2, 2));
        assert_eq!(line_col("ab\n", 3), (2, 1));
    }

    #[test]
    fn line_index_counts_from_the_first_line() {
        let text = "a\nbc\n\nd";
        let expected = [
            (1, 1),
            (1, 2),
            (2, 1),
            (2, 2),
            (2, 3),
            (3, 1),
            (4, 1),
            (4, 2),
            (4, 2),
        ];
        let (lines, lines_at_5) = (LineIndex::new(text), LineIndex::starting_at(text, 5));
        for (offset, (line, col)) in expected.into_iter().enumerate() {
            assert_eq!(lines.line(offset), line, "{offset}");
            assert_eq!(lines.line_col(offset), (line, col), "{offset}");
            assert_eq!(lines_at_5.line(offset), line + 4, "{offset}");
            assert_eq!(lines_at_5.line_col(offset), (line + 4, col), "{offset}");
        }
    }

    #[test]
    fn nearest_suggests_typos() {
        assert_eq!(
            nearest("auther", &["authors", "title", "date"]),
            Some("authors")
        );
        assert_eq!(nearest("zzz", &["authors", "title"]), None);
    }

    #[test]
    fn report_is_sorted_with_count() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error("b.md", 3, "late"));
        d.push(Diagnostic::error("a.md", 9, "early").with_help("fix it"));
        let text = d.into_failure().to_string();
        assert!(text.starts_with("a.md:9: error: early\n  help: fix it\nb.md:3: error: late"));
        assert!(text.ends_with("2 errors; nothing was written"));
    }
}
