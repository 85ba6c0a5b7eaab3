//! Splitting a content file into TOML front matter and Markdown body.
//!
//! Front matter sits between two lines of exactly `+++`. An article may also have YAML
//! front matter between `---` lines, as Hugo and Zola read it: [`yaml_to_toml`] turns
//! it into the TOML the rest of the program reads. The splitter is tolerant of what
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
    /// The front matter is YAML (between `---` lines), not TOML.
    pub yaml: bool,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `+++` (and front matter is required).
    Missing,
    /// The opening `+++` (or `---`) on line 1 has no closing line.
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
/// With `required = true` (an article), front matter may also be YAML between `---`
/// lines. With `required = false`, a file that does not start with `+++` is all body
/// (a `---` first line there is a Markdown rule).
pub fn split(text: &str, required: bool) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    let first = lines.next();
    let delimiter = match first {
        Some((_, line)) if line.trim_end() == "+++" => "+++",
        Some((_, line)) if required && line.trim_end() == "---" => "---",
        _ if required => return Err(SplitError::Missing),
        _ => {
            return Ok(Split {
                front_matter: "",
                front_matter_line: 1,
                body: text,
                body_line: 1,
                yaml: false,
            });
        }
    };
    let fm_start = lines.pos;
    let mut line_no = 1;
    while let Some((start, line)) = lines.next() {
        line_no += 1;
        if line.trim_end() == delimiter {
            return Ok(Split {
                front_matter: &text[fm_start..start],
                front_matter_line: 2,
                body: &text[lines.pos..],
                body_line: line_no + 1,
                yaml: delimiter == "---",
            });
        }
    }
    Err(SplitError::Unclosed)
}

/// Where each key and item of YAML front matter is: its path (`title`, `quotes.1`,
/// `quotes.1.speaker`, items numbered from 0) to its 1-based line. Built from the
/// parser's events, so flow style, comments and blank lines make no difference.
#[derive(Debug, Default)]
pub struct YamlLines {
    lines: std::collections::HashMap<String, usize>,
}

impl YamlLines {
    /// The lines of `yaml`'s keys and items (none where it cannot be parsed).
    pub fn of(yaml: &str) -> YamlLines {
        use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
        use yaml_rust2::scanner::Marker;

        enum Frame {
            /// A mapping at `path`, and the path of the key whose value comes next.
            Map { path: String, key: Option<String> },
            /// A sequence at `path`, and the number of its next item.
            Seq { path: String, next: usize },
        }
        #[derive(Default)]
        struct Receiver {
            stack: Vec<Frame>,
            lines: std::collections::HashMap<String, usize>,
        }
        fn join(path: &str, part: &str) -> String {
            if path.is_empty() {
                part.to_string()
            } else {
                format!("{path}.{part}")
            }
        }
        impl Receiver {
            /// The path of the node that starts here, recorded at `line` when it is an
            /// item; `None` when it is a mapping's key.
            fn node(&mut self, line: usize) -> Option<String> {
                match self.stack.last_mut() {
                    None => Some(String::new()),
                    Some(Frame::Map { key, .. }) => key.take(),
                    Some(Frame::Seq { path, next }) => {
                        let item = join(path, &next.to_string());
                        *next += 1;
                        self.lines.entry(item.clone()).or_insert(line);
                        Some(item)
                    }
                }
            }
        }
        impl MarkedEventReceiver for Receiver {
            fn on_event(&mut self, ev: Event, mark: Marker) {
                let line = mark.line();
                match ev {
                    // A key: its value comes next.
                    Event::Scalar(text, ..) if self.node(line).is_none() => {
                        if let Some(Frame::Map { path, key }) = self.stack.last_mut() {
                            let at = join(path, &text);
                            self.lines.entry(at.clone()).or_insert(line);
                            *key = Some(at);
                        }
                    }
                    Event::MappingStart(..) => {
                        let path = self.node(line).unwrap_or_default();
                        self.stack.push(Frame::Map { path, key: None });
                    }
                    Event::SequenceStart(..) => {
                        let path = self.node(line).unwrap_or_default();
                        self.stack.push(Frame::Seq { path, next: 0 });
                    }
                    Event::MappingEnd | Event::SequenceEnd => {
                        self.stack.pop();
                    }
                    Event::Alias(_) => {
                        self.node(line);
                    }
                    _ => {}
                }
            }
        }
        let mut receiver = Receiver::default();
        let _ = Parser::new_from_str(yaml).load(&mut receiver, false);
        YamlLines {
            lines: receiver.lines,
        }
    }

    /// The line of `path`, or of the nearest thing that holds it (`quotes.1` for
    /// `quotes.1.text` when the item has no `text`).
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&line) = self.lines.get(path) {
                return Some(line);
            }
            path = &path[..path.rfind('.')?];
        }
    }
}

/// The path of what line `line` (0-based) of TOML written by [`yaml_to_toml`] sets, as
/// [`YamlLines`] names it: `title`, or `quotes.1.text` under the second `[[quotes]]`.
pub fn toml_path(toml: &str, line: usize) -> String {
    let unquote = |k: &str| k.trim().trim_matches('"').to_string();
    let mut table = String::new();
    let mut items: std::collections::HashMap<String, usize> = Default::default();
    let mut path = String::new();
    // The closing delimiter of a multi-line string being read: its lines are its key's.
    let mut in_string: Option<&str> = None;
    for (i, l) in toml.lines().enumerate().take(line + 1) {
        let l = l.trim();
        if let Some(delimiter) = in_string {
            if l.contains(delimiter) {
                in_string = None;
            }
            continue;
        }
        if let Some(name) = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let name = unquote(name);
            let n = items.entry(name.clone()).or_insert(0);
            table = format!("{name}.{n}");
            *n += 1;
            path = table.clone();
        } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = unquote(name);
            path = table.clone();
        } else if let Some((key, value)) = l.split_once('=') {
            let value = value.trim();
            in_string = ["\"\"\"", "'''"]
                .into_iter()
                .find(|d| value.starts_with(d) && !value[3..].contains(d));
            if i == line || in_string.is_some() {
                let key = unquote(key);
                path = if table.is_empty() {
                    key
                } else {
                    format!("{table}.{key}")
                };
            }
        } else {
            path = table.clone();
        }
    }
    path
}

/// YAML front matter as TOML, one top-level key a line, sorted (tables of tables, such
/// as `quotes`, last). An error gives its 1-based line and column in
/// the YAML and what is wrong.
pub fn yaml_to_toml(yaml: &str) -> Result<String, (usize, usize, String)> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| {
        (
            e.marker().line(),
            e.marker().col() + 1,
            format!("the YAML front matter cannot be read: {}", e.info()),
        )
    })?;
    let lines = YamlLines::of(yaml);
    let line_of = |key: &str| lines.line(key).unwrap_or(1);
    fn value(y: &Yaml) -> Result<toml::Value, String> {
        Ok(match y {
            Yaml::String(s) => toml::Value::String(s.clone()),
            Yaml::Integer(i) => toml::Value::Integer(*i),
            Yaml::Real(r) => {
                toml::Value::Float(r.parse().map_err(|_| format!("`{r}` is not a number"))?)
            }
            Yaml::Boolean(b) => toml::Value::Boolean(*b),
            Yaml::Array(items) => {
                toml::Value::Array(items.iter().map(value).collect::<Result<_, _>>()?)
            }
            Yaml::Hash(map) => {
                let mut table = toml::Table::new();
                for (k, v) in map {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        other => return Err(format!("a key must be a name, not {other:?}")),
                    };
                    if !matches!(v, Yaml::Null) {
                        table.insert(key, value(v)?);
                    }
                }
                toml::Value::Table(table)
            }
            Yaml::Null => toml::Value::String(String::new()),
            Yaml::Alias(_) | Yaml::BadValue => return Err("aliases are not supported".to_string()),
        })
    }
    let Some(Yaml::Hash(map)) = docs.first() else {
        return match docs.first() {
            None => Ok(String::new()),
            Some(_) => Err((
                1,
                1,
                "the YAML front matter must be `key: value` lines".to_string(),
            )),
        };
    };
    let mut table = toml::Table::new();
    for (k, v) in map {
        let Yaml::String(key) = k else {
            return Err((
                1,
                1,
                format!("the YAML front matter has a key that is not a name: {k:?}"),
            ));
        };
        if matches!(v, Yaml::Null) {
            continue;
        }
        let v = value(v).map_err(|msg| (line_of(key), 1, format!("`{key}`: {msg}")))?;
        table.insert(key.clone(), v);
    }
    toml::to_string(&table).map_err(|e| (1, 1, e.to_string()))
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
    fn yaml_front_matter_becomes_toml() {
        let s = split("---\ntitle: A\n---\nBody\n", true).unwrap();
        assert!(s.yaml);
        assert_eq!(s.front_matter, "title: A\n");
        assert_eq!(s.body_line, 4);
        // Only an article's front matter may be YAML: elsewhere `---` is a rule.
        assert_eq!(split("---\nBody\n", false).unwrap().body, "---\nBody\n");
        let toml = yaml_to_toml(
            "title: \"Iraq's vote\"\ndate: 2020-01-05\nsource: Reuters\ndraft: false\nauthors:\n  - A\n  - B\nsummary:\nquotes:\n  - text: We will\n    speaker: adel-abdul-mahdi\n",
        )
        .unwrap();
        assert_eq!(
            toml,
            "authors = [\"A\", \"B\"]\ndate = \"2020-01-05\"\ndraft = false\nsource = \"Reuters\"\ntitle = \"Iraq's vote\"\n\n[[quotes]]\nspeaker = \"adel-abdul-mahdi\"\ntext = \"We will\"\n"
        );
        assert_eq!(
            yaml_to_toml("title: [unclosed\n").unwrap_err().0,
            2,
            "a YAML error keeps its line"
        );
    }

    #[test]
    fn yaml_keys_and_items_have_their_lines() {
        let yaml = "title: A\n\n# a comment\nquotes:\n  - text: one\n    speaker: x\n  -\n    speaker: y\n    text: >\n      two\ntags: [a, b]\nplace: {name: Iraq}\n";
        let lines = YamlLines::of(yaml);
        for (path, line) in [
            ("title", 1),
            ("quotes", 4),
            ("quotes.0", 5),
            ("quotes.0.text", 5),
            ("quotes.0.speaker", 6),
            // An item that starts on the line after its dash starts there.
            ("quotes.1", 8),
            ("quotes.1.speaker", 8),
            ("quotes.1.text", 9),
            ("tags.1", 11),
            ("place.name", 12),
            // Not there: the nearest thing that holds it.
            ("quotes.1.date", 8),
            ("quotes.5.text", 4),
        ] {
            assert_eq!(lines.line(path), Some(line), "{path}");
        }
        assert_eq!(lines.line("missing"), None);
        assert_eq!(YamlLines::of("title: [unclosed\n").line("title"), Some(1));

        let toml = yaml_to_toml(yaml).unwrap();
        let paths: Vec<String> = (0..toml.lines().count())
            .map(|l| toml_path(&toml, l))
            .collect();
        assert_eq!(
            toml.lines()
                .zip(&paths)
                .map(|(l, p)| format!("{l} -> {p}"))
                .collect::<Vec<_>>(),
            [
                "tags = [\"a\", \"b\"] -> tags",
                "title = \"A\" -> title",
                " -> ",
                "[place] -> place",
                "name = \"Iraq\" -> place.name",
                " -> place",
                "[[quotes]] -> quotes.0",
                "speaker = \"x\" -> quotes.0.speaker",
                "text = \"one\" -> quotes.0.text",
                " -> quotes.0",
                "[[quotes]] -> quotes.1",
                "speaker = \"y\" -> quotes.1.speaker",
                "text = \"\"\" -> quotes.1.text",
                "two -> quotes.1.text",
                "\"\"\" -> quotes.1.text",
            ]
        );
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
