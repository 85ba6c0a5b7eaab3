//! One article: its front matter, typed and checked, and its Markdown body.
//!
//! Dates are read as RFC 3339 (what TOML writes), keeping the time of day, seconds and
//! offset for the feed; the original article's `url` must be a full web address.

use std::path::PathBuf;

use time::{Date, OffsetDateTime};

/// A `[[quotes]]` correction from front matter: overrides automatic attribution for the
/// quote whose text starts with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteCorrection {
    pub text: String,
    /// An entity id, or free text ("one demonstrator"); empty means "no speaker".
    pub speaker: String,
    pub line: usize,
}

/// A `[[figures]]` correction from front matter: for the figure whose wording starts with
/// `text` ("5,200 troops"), the claim it belongs to, overriding the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureCorrection {
    pub text: String,
    pub tie: FigureTie,
    pub line: usize,
}

/// What a `[[figures]]` correction does with its figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FigureTie {
    /// `split = true`: the figure is in no claim.
    Split,
    /// `claim = "us-troops"`: the figure is in the claim of every figure, in any
    /// article, tied to the same name, and in no other.
    Claim(String),
}

/// An article as loaded from `content/articles/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file stem; the article's URL is `/articles/<slug>/`.
    pub slug: String,
    /// Path of the source file relative to the dossier root, for messages.
    pub file: PathBuf,
    pub title: String,
    pub date: Date,
    /// Time of day as `HH:MM` when the front matter gave a date-time.
    pub time: Option<String>,
    /// The moment of publication for feeds, with the seconds and offset the front matter
    /// gave: a bare date is midnight UTC, a time without an offset is taken as UTC.
    pub published: OffsetDateTime,
    pub source: String,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    /// The article's language (a BCP 47 tag) when the front matter gives one; the site's
    /// otherwise.
    pub language: Option<String>,
    pub quotes: Vec<QuoteCorrection>,
    pub figures: Vec<FigureCorrection>,
    /// The Markdown body after the closing `+++`.
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

impl Article {
    /// Who reports it, for counting outlets: its source, or, when the source is
    /// "Unknown", the article itself (two reports of unknown origin are not known to
    /// be one outlet's).
    pub fn outlet(&self) -> &str {
        if self.source.eq_ignore_ascii_case("unknown") {
            &self.slug
        } else {
            &self.source
        }
    }
}

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::content::frontmatter::{self, SplitError};
use crate::error::{Diagnostic, LineIndex, toml_diagnostic};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    source: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    #[serde(default)]
    authors: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    tags: Vec<String>,
    language: Option<Spanned<String>>,
    #[serde(default)]
    quotes: Vec<Spanned<RawCorrection>>,
    #[serde(default)]
    figures: Vec<Spanned<RawFigureCorrection>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigureCorrection {
    text: String,
    claim: Option<String>,
    #[serde(default)]
    split: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    text: String,
    #[serde(default)]
    speaker: String,
}

/// Parses an article file's text. `file` is the path shown in messages.
pub fn parse_article(file: &Path, slug: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let text = frontmatter::strip_bom(text);
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(file, 1, "the article is empty").with_help(
                "start it with front matter: `+++`, title, date and source, `+++`, then the text",
            ),
        ]);
    }
    let split = frontmatter::split(text, true).map_err(|e| {
        vec![match e {
            SplitError::Missing => Diagnostic::error(file, 1, "the article has no front matter")
                .with_help("begin the file with a `+++` line, then `title`, `date` and `source`, then another `+++` line (or the same as YAML between `---` lines)"),
            SplitError::Unclosed => Diagnostic::error(file, 1, "the front matter opened on line 1 is never closed")
                .with_help(if text.starts_with("---") {
                    "add a line with just `---` after the front matter"
                } else {
                    "add a line with just `+++` after the front matter"
                }),
        }]
    })?;
    if split.yaml {
        // YAML front matter is read as the TOML it converts to; a problem is reported
        // at the line of its key in the YAML.
        let fm_line = split.front_matter_line;
        let toml = frontmatter::yaml_to_toml(split.front_matter).map_err(|(l, c, msg)| {
            vec![
                Diagnostic::error(file, fm_line + l - 1, msg)
                    .with_column(c)
                    .with_help("write `key: value` lines between the `---` lines, or TOML between `+++` lines"),
            ]
        })?;
        let lines = frontmatter::YamlLines::of(split.front_matter);
        let yaml_line = |toml_line: usize| {
            let path = frontmatter::toml_path(&toml, toml_line.saturating_sub(fm_line));
            lines.line(&path).map_or(1, |l| fm_line + l - 1)
        };
        return parse_front_matter(file, slug, &toml, fm_line, &split).map_err(|errors| {
            errors
                .into_iter()
                .map(|mut d| {
                    if d.line > 1 {
                        d.line = yaml_line(d.line);
                        d.column = 0;
                    }
                    d
                })
                .collect()
        });
    }
    parse_front_matter(
        file,
        slug,
        split.front_matter,
        split.front_matter_line,
        &split,
    )
}

/// The article of front matter `fm_text` (TOML, from line `fm_line` of `file`) and the
/// body of `split`.
fn parse_front_matter(
    file: &Path,
    slug: &str,
    fm_text: &str,
    fm_line: usize,
    split: &frontmatter::Split<'_>,
) -> Result<Article, Vec<Diagnostic>> {
    let fm: FrontMatter =
        toml::from_str(fm_text).map_err(|e| vec![toml_diagnostic(file, fm_text, fm_line, &e)])?;
    let fm_lines = LineIndex::starting_at(fm_text, fm_line);
    let at = |span: std::ops::Range<usize>| fm_lines.line_col(span.start);
    let mut errors = Vec::new();
    let missing = |field: &str, example: &str| {
        Diagnostic::error(
            file,
            1,
            format!("missing required field `{field}` in the front matter"),
        )
        .with_help(format!(
            "add a line such as `{example}` between the `+++` lines"
        ))
    };
    let title = match &fm.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
        Some(t) => {
            let (l, c) = at(t.span());
            errors.push(Diagnostic::error(file, l, "the title is empty").with_column(c));
            String::new()
        }
        None => {
            errors.push(missing(
                "title",
                "title = \"Iraq's parliament votes to expel US troops\"",
            ));
            String::new()
        }
    };
    let source = match &fm.source {
        Some(s) if !s.get_ref().trim().is_empty() => s.get_ref().trim().to_string(),
        Some(s) => {
            let (l, c) = at(s.span());
            errors.push(
                Diagnostic::error(file, l, "the source is empty")
                    .with_column(c)
                    .with_help("name the outlet, or write \"Unknown\" when the text does not say"),
            );
            String::new()
        }
        None => {
            errors.push(missing("source", "source = \"Reuters\" (or \"Unknown\")"));
            String::new()
        }
    };
    let mut when = None;
    match &fm.date {
        None => errors.push(missing("date", "date = 2020-01-05")),
        Some(d) => match parse_date(d.get_ref()) {
            Ok(w) => when = Some(w),
            Err(msg) => {
                let (l, c) = at(d.span());
                errors.push(Diagnostic::error(file, l, msg).with_column(c).with_help(
                    "write a real date as `date = 2020-01-05` or `date = 2020-01-05T14:30:00Z`",
                ));
            }
        },
    }
    let quotes = fm
        .quotes
        .iter()
        .map(|q| {
            let (l, _) = at(q.span());
            QuoteCorrection {
                text: q.get_ref().text.clone(),
                speaker: q.get_ref().speaker.clone(),
                line: l,
            }
        })
        .collect();
    let mut figures = Vec::new();
    for f in &fm.figures {
        let (l, _) = at(f.span());
        let raw = f.get_ref();
        let help = "give the figure's first words as the text has them, and either `claim = \"a-name\"` (the same name in each article whose figure reports the same quantity) or `split = true` (in no claim)";
        let tie = match (&raw.claim, raw.split) {
            _ if raw.text.trim().is_empty() => {
                errors.push(
                    Diagnostic::error(file, l, "a `[[figures]]` correction has an empty `text`")
                        .with_help(help),
                );
                continue;
            }
            (Some(c), false) if !c.trim().is_empty() => FigureTie::Claim(c.trim().to_string()),
            (None, true) => FigureTie::Split,
            (Some(_), true) => {
                errors.push(
                    Diagnostic::error(
                        file,
                        l,
                        "a `[[figures]]` correction has both `claim` and `split`",
                    )
                    .with_help(help),
                );
                continue;
            }
            _ => {
                errors.push(
                    Diagnostic::error(
                        file,
                        l,
                        "a `[[figures]]` correction needs `claim = \"a-name\"` or `split = true`",
                    )
                    .with_help(help),
                );
                continue;
            }
        };
        figures.push(FigureCorrection {
            text: raw.text.clone(),
            tie,
            line: l,
        });
    }
    if let Some(url) = &fm.url
        && let Err(msg) = crate::config::web_url(url.get_ref())
    {
        let (l, c) = at(url.span());
        errors.push(
            Diagnostic::error(file, l, format!("`url` {msg}"))
                .with_column(c)
                .with_help("give the original article's full address, such as `https://www.reuters.com/...`, or remove the line"),
        );
    }
    let mut language = None;
    if let Some(tag) = &fm.language {
        match crate::language::check_tag(tag.get_ref()) {
            Ok(tag) => language = Some(tag),
            Err(bad) => {
                let (l, c) = at(tag.span());
                errors.push(
                    Diagnostic::error(file, l, format!("`language`: {}", bad.message))
                        .with_column(c)
                        .with_help(bad.help),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let when = when.expect("checked above");
    Ok(Article {
        slug: slug.to_string(),
        file: file.to_path_buf(),
        title,
        date: when.date,
        time: when.time,
        published: when.published,
        source,
        url: fm.url.map(Spanned::into_inner),
        authors: fm.authors,
        summary: fm.summary.filter(|s| !s.trim().is_empty()),
        draft: fm.draft,
        tags: fm.tags,
        language,
        quotes,
        figures,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// The `date` field, read.
struct When {
    date: Date,
    /// `HH:MM`, when a time of day was given.
    time: Option<String>,
    published: OffsetDateTime,
}

/// Accepts a TOML date, a TOML date-time, or a string holding either (RFC 3339, with
/// `T` or a space between date and time, seconds optional).
fn parse_date(value: &toml::Value) -> Result<When, String> {
    let written = match value {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => {
            return Err(format!(
                "`date` must be a date like 2020-01-05, not a {}",
                other.type_str()
            ));
        }
    };
    let invalid = || format!("`{written}` is not a valid date");
    let parsed: toml::value::Datetime = written.parse().map_err(|_| invalid())?;
    let day = parsed.date.ok_or_else(invalid)?;
    let month = time::Month::try_from(day.month).map_err(|_| invalid())?;
    let date = Date::from_calendar_date(day.year.into(), month, day.day).map_err(|_| invalid())?;
    let time_of_day = match parsed.time {
        None => time::Time::MIDNIGHT,
        Some(t) => time::Time::from_hms_nano(
            t.hour,
            t.minute,
            t.second.unwrap_or(0),
            t.nanosecond.unwrap_or(0),
        )
        .map_err(|_| format!("`{written}` is not a valid time of day"))?,
    };
    let offset = match parsed.offset {
        None | Some(toml::value::Offset::Z) => time::UtcOffset::UTC,
        Some(toml::value::Offset::Custom { minutes }) => {
            time::UtcOffset::from_whole_seconds(i32::from(minutes) * 60)
                .map_err(|_| format!("`{written}` has an impossible offset"))?
        }
    };
    Ok(When {
        date,
        time: parsed
            .time
            .map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
        published: time::PrimitiveDateTime::new(date, time_of_day).assume_offset(offset),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, Vec<Diagnostic>> {
        parse_article(Path::new("content/articles/a.md"), "a", text)
    }

    #[test]
    fn parses_a_complete_article() {
        let a = parse("+++\ntitle = \"T\"\ndate = 2020-01-05T10:30:00Z\nsource = \"AFP\"\nauthors = [\"X\"]\n[[quotes]]\ntext = \"Despite\"\nspeaker = \"adel\"\n+++\nBody.\n").unwrap();
        assert_eq!(a.title, "T");
        assert_eq!(a.date.to_string(), "2020-01-05");
        assert_eq!(a.time.as_deref(), Some("10:30"));
        assert_eq!(a.quotes[0].speaker, "adel");
        assert_eq!(a.quotes[0].line, 6);
        assert_eq!(a.body_line, 10);
    }

    #[test]
    fn impossible_date_is_located() {
        let e = parse("+++\ntitle = \"T\"\ndate = \"2020-02-30\"\nsource = \"AFP\"\n+++\n")
            .unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(e[0].message.contains("not a valid date"));
    }

    #[test]
    fn missing_fields_are_all_reported() {
        let e = parse("+++\n+++\nBody").unwrap_err();
        let msgs: Vec<_> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
    }

    #[test]
    fn crlf_and_bom_work() {
        let a = parse("\u{feff}+++\r\ntitle = \"T\"\r\ndate = 2020-01-05\r\nsource = \"S\"\r\n+++\r\nBody\r\n").unwrap();
        assert_eq!(a.title, "T");
    }

    #[test]
    fn malformed_toml_is_located() {
        let e = parse("+++\ntitle = \"T\"\ndate = 2020-01-05\nsource = AFP\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 4, "{}", e[0]);
    }
}
