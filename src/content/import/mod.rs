//! `dossier import`: articles as people collect them (plain text, saved web pages,
//! links) into Markdown articles with front matter.
//!
//! Each source has its module: [`plain`] reads text, [`page`] reads a saved web page,
//! [`fetch`] brings a page from its address. Each yields a [`draft::Draft`], and this
//! module settles it (flags over what the input said), names it, checks that it parses
//! back as an article and writes it.
//!
//! The input is text as copied from a web page or a dataset: paragraphs separated by
//! blank lines, sometimes a leading ` date YYYY-MM-DD ` marker, sometimes a title line
//! (repeated, as scrapes often do). What the text does not say comes from the options;
//! what nobody says stays unknown. Markdown and HTML syntax in the text is escaped, so
//! an imported article renders as the text it was and never carries markup or script.
//! The front matter is written as one-line TOML strings, whatever the options hold, and
//! every written article is parsed back before anything is written, so an import never
//! leaves a file that does not build.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::cli::ImportArgs;
pub use draft::escape_markdown;

pub mod draft;
pub mod fetch;
pub mod page;
pub mod plain;

/// A plain-text article, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainArticle {
    pub title: Option<String>,
    pub date: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Reads a ` date YYYY-MM-DD ` marker, a title line and the paragraphs. With `given`
/// (the `--title`), that is the title, and only paragraphs equal to it are taken for
/// the repeated headline; without it, a first line that looks like a title is one.
pub fn parse_plain(text: &str, given: Option<&str>) -> PlainArticle {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let mut paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map(|p| p.replace('\u{a0}', " "))
        .filter(|p| !p.is_empty())
        .collect();
    let mut date = None;
    if let Some(first) = paragraphs.first_mut() {
        let trimmed = first.trim_start();
        if let Some(rest) = trimmed.strip_prefix("date ") {
            let candidate: String = rest.chars().take(10).collect();
            let format = time::macros::format_description!("[year]-[month]-[day]");
            if time::Date::parse(&candidate, &format).is_ok() {
                date = Some(candidate.clone());
                *first = rest[candidate.len()..].trim().to_string();
            }
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    // A title line: a short first line without a closing full stop, on its own.
    let mut title = given.map(str::to_string);
    if let Some(first) = paragraphs.first().filter(|_| title.is_none()) {
        let words = first.split_whitespace().count();
        let looks_like_title = words > 0
            && words <= 20
            && !first.ends_with(['.', '!', '?', '"', '”', ':'])
            && !first.contains(". ");
        if looks_like_title && date.is_none() {
            title = Some(first.clone());
        }
    }
    if let Some(t) = &title {
        // Scrapes often repeat the headline; drop every copy, and nothing else.
        let headline = normalised(t);
        paragraphs.retain(|p| normalised(p) != headline);
    }
    PlainArticle {
        title,
        date,
        paragraphs,
    }
}

/// Text compared as a reader would: case and runs of whitespace do not count.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A one-line TOML basic string: line breaks and control characters escaped, so no
/// value can close the front matter or add a key.
fn toml_string(s: &str) -> String {
    use toml_writer::ToTomlValue as _;
    toml_writer::TomlStringBuilder::new(s)
        .as_basic()
        .to_toml_value()
}

/// Renders an imported article as Markdown with front matter.
pub fn render_article(
    title: &str,
    date: &str,
    source: &str,
    url: Option<&str>,
    paragraphs: &[String],
) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", toml_string(title)));
    out.push_str(&format!("date = {date}\n"));
    out.push_str(&format!("source = {}\n", toml_string(source)));
    if let Some(u) = url {
        out.push_str(&format!("url = {}\n", toml_string(u)));
    }
    out.push_str("+++\n");
    for p in paragraphs {
        out.push_str(&escape_markdown(p));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Runs `dossier import`.
pub fn run(args: &ImportArgs) -> anyhow::Result<()> {
    let dir = args.root.root.join(crate::content::load::ARTICLES_DIR);
    if !args.root.root.join(crate::config::CONFIG_FILE).exists() {
        bail!(
            "`{}` is not a dossier (no `{}`); pass --root DIR or create one with `dossier init DIR`",
            args.root.root.display(),
            crate::config::CONFIG_FILE
        );
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if let Some(d) = &args.date
        && time::Date::parse(d, &format).is_err()
    {
        bail!("--date `{d}` is not a date; write it as YYYY-MM-DD");
    }
    if let Some(u) = &args.url
        && let Err(msg) = crate::config::web_url(u)
    {
        bail!("--url {msg}");
    }
    for (flag, value) in [("--title", &args.title), ("--source", &args.source)] {
        if let Some(v) = value
            && v.chars().any(char::is_control)
        {
            bail!(
                "{flag} {v:?} holds a line break or another control character; give it on one line"
            );
        }
    }
    let mut planned: Vec<(PathBuf, String)> = Vec::new();
    for file in &args.files {
        let bytes =
            std::fs::read(file).with_context(|| format!("failed to read `{}`", file.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            anyhow::anyhow!(
                "`{}` is not valid UTF-8; save it as UTF-8 and import it again",
                file.display()
            )
        })?;
        let plain = parse_plain(&text, args.title.as_deref());
        let title = plain.title.clone().with_context(|| {
            format!(
                "`{}` has no title line; give one with --title",
                file.display()
            )
        })?;
        let date = plain.date.clone().or(args.date.clone()).with_context(|| {
            format!(
                "`{}` has no ` date YYYY-MM-DD ` marker; give the date with --date",
                file.display()
            )
        })?;
        if plain.paragraphs.is_empty() {
            bail!("`{}` has no text to import", file.display());
        }
        let slug = slug::slugify(&title);
        let path = dir.join(format!("{slug}.md"));
        if path.exists() && !args.force {
            bail!(
                "`{}` exists already; pass --force to replace it",
                path.display()
            );
        }
        if planned.iter().any(|(p, _)| *p == path) {
            bail!(
                "two files would both be imported as `{}`; import them one at a time with --title",
                path.display()
            );
        }
        let source = args.source.as_deref().unwrap_or("Unknown");
        let article = render_article(
            &title,
            &date,
            source,
            args.url.as_deref(),
            &plain.paragraphs,
        );
        let rel = Path::new(crate::content::load::ARTICLES_DIR).join(format!("{slug}.md"));
        if let Err(problems) = crate::content::article::parse_article(&rel, &slug, &article) {
            let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
            bail!(
                "`{}` would not import as a valid article:\n{}",
                file.display(),
                report.join("\n")
            );
        }
        planned.push((path, article));
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    for (path, text) in planned {
        std::fs::write(&path, text)
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        eprintln!("imported {}", display_rel(&path, &args.root.root));
    }
    Ok(())
}

fn display_rel(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_and_paragraphs() {
        let p = parse_plain(" date 2020-01-05 First paragraph.\n\nSecond one.\n", None);
        assert_eq!(p.date.as_deref(), Some("2020-01-05"));
        assert_eq!(p.title, None);
        assert_eq!(p.paragraphs, vec!["First paragraph.", "Second one."]);
    }

    #[test]
    fn repeated_title_line() {
        let p = parse_plain(
            "Iraq votes\n\nIRAQ  votes\n\nIraq votes\n\nThe text.\n",
            None,
        );
        assert_eq!(p.title.as_deref(), Some("Iraq votes"));
        assert_eq!(p.paragraphs, vec!["The text."]);
    }

    #[test]
    fn a_given_title_drops_only_its_own_copies() {
        let p = parse_plain("A first line\n\nTHE  title\n\nText.\n", Some("The title"));
        assert_eq!(p.title.as_deref(), Some("The title"));
        assert_eq!(p.paragraphs, vec!["A first line", "Text."]);
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape_markdown("1. Not a list"), "\\1. Not a list");
        assert_eq!(
            escape_markdown("[x](javascript:y)"),
            "\\[x\\](javascript:y)"
        );
    }
}
