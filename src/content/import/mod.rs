//! `dossier import`: articles as people collect them (plain text, saved web pages,
//! links) into Markdown articles with front matter.
//!
//! Each source has its module: [`input`] tells what a file holds, [`plain`] reads text,
//! [`page`] reads a saved web page, [`fetch`] brings a page from its address. Each
//! yields a [`draft::Draft`]; this module settles it (the flags, given as an
//! [`ImportOptions`] the command line fills, over what the input said; what nobody says
//! stays unknown), names it, parses it back as an article and writes it. Inputs are
//! read in parallel and independently: one that cannot be imported is reported and the
//! others still are. Each article (and a fetched page's original, kept under
//! `content/originals/`, which is never published) is written whole or not at all, and
//! an existing article is replaced only with `--force`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::bail;
use rayon::prelude::*;

use crate::content::load::ARTICLES_DIR;
use crate::files::{self, CONTENT_LIMIT};
use draft::Draft;
pub use draft::escape_markdown;

pub mod draft;
pub mod fetch;
pub mod input;
pub mod page;
pub mod plain;

/// Where fetched pages are kept, inside `content/` but outside what is published.
pub const ORIGINALS_DIR: &str = "content/originals";

/// Slugs are cut to this many bytes (at a word boundary) so file names stay readable.
const MAX_SLUG_BYTES: usize = 80;

/// One thing to import, as named on the command line (a folder becomes its files).
#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Url(String),
}

impl Source {
    fn label(&self) -> String {
        match self {
            Source::File(p) => format!("`{}`", p.display()),
            Source::Url(u) => u.clone(),
        }
    }
}

/// An input read and understood.
struct Read {
    draft: Draft,
    /// A fetched page as it came, to keep beside the content, with its file ending.
    original: Option<(Vec<u8>, &'static str)>,
}

/// An article ready to be named and written: the flags laid over the draft.
struct Settled {
    title: String,
    date: String,
    source: String,
    draft: Draft,
    original: Option<(Vec<u8>, &'static str)>,
}

/// What `dossier import` is asked to do: the inputs, and the values given over what
/// they say.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The dossier's folder (the one with `dossier.toml`).
    pub root: PathBuf,
    /// Files, folders and http(s) addresses to import.
    pub inputs: Vec<String>,
    /// The title (one input only).
    pub title: Option<String>,
    /// The date (YYYY-MM-DD).
    pub date: Option<String>,
    /// The authors; when given, they replace the input's.
    pub authors: Vec<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The original article's address (one input only).
    pub url: Option<String>,
    /// Replace an article imported before.
    pub force: bool,
}

/// Runs `dossier import`.
pub fn run(args: &ImportOptions) -> anyhow::Result<()> {
    let root = &args.root;
    if !root.join(crate::config::CONFIG_FILE).exists() {
        bail!(
            "`{}` is not a dossier (no `{}`); pass --root DIR or create one with `dossier init DIR`",
            root.display(),
            crate::config::CONFIG_FILE
        );
    }
    check_flags(args)?;
    let Gathered { sources, skipped } = gather(&args.inputs)?;
    for (dir, count) in &skipped {
        println!(
            "skipped {count} file{} in `{}` that {} not a page or text (pictures, scripts, styles...)",
            if *count == 1 { "" } else { "s" },
            dir.display(),
            if *count == 1 { "is" } else { "are" },
        );
    }
    if sources.is_empty() {
        bail!(
            "there is nothing to import: the folders given hold no web pages (.html, .htm) or text files (.txt)"
        );
    }
    if sources.len() > 1 {
        for (flag, value) in [("--title", &args.title), ("--url", &args.url)] {
            if value.is_some() {
                bail!(
                    "{flag} is for one article, but {} inputs were given; import that one on its own",
                    sources.len()
                );
            }
        }
    }
    let read: Vec<Result<Settled, String>> = sources
        .par_iter()
        .map(|s| read_source(s, args).and_then(|r| settle(r, args)))
        .collect();
    let mut naming = Naming::new(root, args.force);
    let (mut imported, mut failed) = (0usize, 0usize);
    for (source, result) in sources.iter().zip(read) {
        let outcome = result.and_then(|settled| {
            let target = naming.target(&settled, source)?;
            write_article(root, &target, &settled)?;
            Ok((target.slug, settled))
        });
        match outcome {
            Ok((slug, settled)) => {
                imported += 1;
                println!("{}", report_line(source, &slug, &settled));
                for w in &settled.draft.warnings {
                    eprintln!(
                        "warning: {} (imported as {ARTICLES_DIR}/{slug}.md): {w}",
                        source.label()
                    );
                }
            }
            Err(message) if sources.len() == 1 => bail!("{}: {message}", source.label()),
            Err(message) => {
                failed += 1;
                eprintln!("error: {}: {message}", source.label());
            }
        }
    }
    let total = sources.len();
    if failed > 0 {
        bail!(
            "{failed} of {total} inputs could not be imported{}",
            if imported == 1 {
                "; the other one was imported".to_string()
            } else if imported > 1 {
                format!("; the other {imported} were imported")
            } else {
                String::new()
            }
        );
    }
    if total > 1 {
        println!("imported {imported} articles");
    }
    Ok(())
}

/// Checks the flags that apply to every input before anything is read.
fn check_flags(args: &ImportOptions) -> anyhow::Result<()> {
    if let Some(d) = &args.date
        && settle_date(d).is_none()
    {
        bail!("--date `{d}` is not a date; write it as YYYY-MM-DD");
    }
    if let Some(u) = &args.url
        && let Err(msg) = crate::config::web_url(u)
    {
        bail!("--url {msg}");
    }
    let named = [("--title", &args.title), ("--source", &args.source)];
    let authors = args.authors.iter().map(|a| ("--author", Some(a)));
    for (flag, value) in named.iter().map(|(f, v)| (*f, v.as_ref())).chain(authors) {
        if let Some(v) = value {
            if v.chars().any(char::is_control) {
                bail!(
                    "{flag} {v:?} holds a line break or another control character; give it on one line"
                );
            }
            if v.trim().is_empty() {
                bail!("{flag} is empty; give the text, or leave the flag out");
            }
        }
    }
    Ok(())
}

/// What the command line names: the sources to read, and per folder how many of its
/// files were skipped as not pages or text.
struct Gathered {
    sources: Vec<Source>,
    skipped: Vec<(PathBuf, usize)>,
}

/// Turns the command line's inputs into sources: addresses, files, and each folder's
/// importable files.
fn gather(inputs: &[String]) -> anyhow::Result<Gathered> {
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    for raw in inputs {
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            sources.push(Source::Url(raw.clone()));
            continue;
        }
        if let Some((scheme, _)) = raw.split_once("://")
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+')
        {
            bail!(
                "`{raw}`: only http and https addresses can be fetched; save the page from the browser and import the file"
            );
        }
        let path = PathBuf::from(raw);
        if path.is_dir() {
            let (files, count) = input::folder_files(&path);
            if count > 0 {
                skipped.push((path, count));
            }
            sources.extend(files.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(path));
        }
    }
    // A file named twice (or inside a folder also given) is imported once.
    let mut seen = HashSet::new();
    sources.retain(|s| {
        seen.insert(match s {
            Source::File(p) => p.canonicalize().unwrap_or_else(|_| p.clone()),
            Source::Url(u) => PathBuf::from(u),
        })
    });
    Ok(Gathered { sources, skipped })
}

/// Reads one source into a draft.
fn read_source(source: &Source, args: &ImportOptions) -> Result<Read, String> {
    match source {
        Source::File(path) => {
            let bytes = files::read_bytes(path, &CONTENT_LIMIT)
                .map_err(|e| e.diagnostic(path, &CONTENT_LIMIT).message)?;
            let bytes = input::unpack(bytes).map_err(|r| r.to_string())?;
            let draft = match input::classify(&bytes).map_err(|r| r.to_string())? {
                input::Kind::Page => page::parse(&bytes, None),
                input::Kind::Text => {
                    let text = String::from_utf8_lossy(&bytes);
                    plain::parse(&text, args.title.as_deref())
                }
            };
            Ok(Read {
                draft,
                original: None,
            })
        }
        Source::Url(url) => {
            let fetched =
                fetch::fetch(url, &fetch::Limits::default()).map_err(|e| e.to_string())?;
            let bytes = fetched.body;
            let is_text = fetched.content_type.as_deref().is_some_and(|t| {
                t.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("text/plain")
            });
            let (mut draft, ending) = match input::classify(&bytes).map_err(|r| r.to_string())? {
                input::Kind::Text if is_text => (
                    plain::parse(&String::from_utf8_lossy(&bytes), args.title.as_deref()),
                    "txt",
                ),
                _ => (page::parse(&bytes, Some(&fetched.url)), "html"),
            };
            if draft.url.is_none() {
                draft.url = Some(fetched.url.clone());
            }
            Ok(Read {
                draft,
                original: Some((bytes, ending)),
            })
        }
    }
}

/// Lays the flags over what the input said, and refuses what cannot be an article.
fn settle(read: Read, args: &ImportOptions) -> Result<Settled, String> {
    let mut draft = read.draft;
    let title = match (&args.title, &draft.title) {
        (Some(t), _) => t.trim().to_string(),
        (None, Some(t)) if !t.trim().is_empty() => t.trim().to_string(),
        _ => return Err("found no title in it; give one with --title".into()),
    };
    let date = match (&args.date, &draft.date) {
        (Some(d), _) => settle_date(d).ok_or_else(|| format!("--date `{d}` is not a date"))?,
        (None, Some(d)) => settle_date(d).ok_or_else(|| {
            format!("its date `{d}` is not a date; give the date with --date YYYY-MM-DD")
        })?,
        (None, None) => {
            return Err(
                "it gives no date (no ` date YYYY-MM-DD ` marker and no date in the page); give the date with --date YYYY-MM-DD"
                    .into(),
            );
        }
    };
    let source = args
        .source
        .clone()
        .or_else(|| draft.source.clone().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "Unknown".into());
    if !args.authors.is_empty() {
        draft.authors = args.authors.iter().map(|a| a.trim().to_string()).collect();
    }
    if let Some(u) = &args.url {
        draft.url = Some(u.clone());
    } else if let Some(u) = &draft.url
        && crate::config::web_url(u).is_err()
    {
        draft.warnings.push(format!(
            "its address `{u}` is not an http(s) address and was left out"
        ));
        draft.url = None;
    }
    if draft.blocks.is_empty() {
        return Err("found no article text in it".into());
    }
    Ok(Settled {
        title,
        date,
        source: source.trim().to_string(),
        draft,
        original: read.original,
    })
}

/// A date or date-time as TOML writes it, or `None` when it is not one: `2020-01-05`,
/// `2020-01-05T10:30:00+01:00`, `2020-01-05 10:30`.
fn settle_date(raw: &str) -> Option<String> {
    let parsed: toml::value::Datetime = raw.trim().parse().ok()?;
    let day = parsed.date?;
    let month = time::Month::try_from(day.month).ok()?;
    time::Date::from_calendar_date(day.year.into(), month, day.day).ok()?;
    Some(parsed.to_string())
}

/// Where an article goes, and whether it replaces the file there.
struct Target {
    slug: String,
    /// Relative to the dossier root.
    rel: PathBuf,
    replaces: bool,
}

/// Names the articles of one import. An article is the same as one in the dossier when
/// it has the same address (whatever its title has become), or, without addresses, the
/// same title, date and outlet: that one is replaced only with `--force`. A different
/// article whose title slugs the same keeps its file, and the new one gets `-2`, `-3`.
/// Within one import, the same address twice is one article.
struct Naming<'a> {
    root: &'a Path,
    force: bool,
    /// Slugs given out by this import.
    taken: HashSet<String>,
    /// Addresses imported by this import, and from which input.
    imported: HashMap<String, String>,
    /// The dossier's articles that give an address, by address; read when first needed.
    existing: Option<HashMap<String, PathBuf>>,
}

impl<'a> Naming<'a> {
    fn new(root: &'a Path, force: bool) -> Naming<'a> {
        Naming {
            root,
            force,
            taken: HashSet::new(),
            imported: HashMap::new(),
            existing: None,
        }
    }

    fn target(&mut self, settled: &Settled, source: &Source) -> Result<Target, String> {
        let url = settled.draft.url.as_deref();
        if let Some(url) = url {
            if let Some(first) = self.imported.get(url) {
                return Err(format!(
                    "it is the same article as {first} (the same address, {url}); it was imported once"
                ));
            }
            self.imported.insert(url.to_string(), source.label());
            let root = self.root;
            let existing = self
                .existing
                .get_or_insert_with(|| existing_addresses(root));
            if let Some(rel) = existing.get(url).cloned() {
                let slug = rel
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                return self.replace(slug, rel);
            }
        }
        let base = slug_of(&settled.title);
        for n in 1.. {
            let slug = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if self.taken.contains(&slug) {
                continue;
            }
            let rel = Path::new(ARTICLES_DIR).join(format!("{slug}.md"));
            let path = self.root.join(&rel);
            if std::fs::symlink_metadata(&path).is_ok() {
                if !is_same_article(&path, &slug, settled) {
                    continue;
                }
                return self.replace(slug, rel);
            }
            self.taken.insert(slug.clone());
            return Ok(Target {
                slug,
                rel,
                replaces: false,
            });
        }
        unreachable!("some numbered slug is free")
    }

    /// The same article is in the dossier at `rel`: replaced with `--force` only.
    fn replace(&mut self, slug: String, rel: PathBuf) -> Result<Target, String> {
        if !self.force {
            return Err(format!(
                "`{}` already holds this article; pass --force to replace it",
                rel.display()
            ));
        }
        self.taken.insert(slug.clone());
        Ok(Target {
            slug,
            rel,
            replaces: true,
        })
    }
}

/// The dossier's articles that give an address (`url` in the front matter), by address.
/// Files that cannot be read or parsed are left to `dossier build` to report.
fn existing_addresses(root: &Path) -> HashMap<String, PathBuf> {
    #[derive(serde::Deserialize)]
    struct Address {
        url: Option<String>,
    }
    let mut out = HashMap::new();
    for file in files::walk(root, files::Folder::Articles).files {
        let Ok(bytes) = files::read_bytes(&root.join(&file.rel), &CONTENT_LIMIT) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let Ok(split) = crate::content::frontmatter::split(&text, true) else {
            continue;
        };
        if let Ok(Address { url: Some(url) }) = toml::from_str(split.front_matter) {
            out.insert(url, file.rel);
        }
    }
    out
}

/// The title's slug, cut at a word boundary to [`MAX_SLUG_BYTES`].
fn slug_of(title: &str) -> String {
    let full = crate::text::slug(title);
    let mut slug = String::new();
    for word in full.split('-') {
        if !slug.is_empty() && slug.len() + 1 + word.len() > MAX_SLUG_BYTES {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(MAX_SLUG_BYTES);
    if slug.is_empty() {
        "article".into()
    } else {
        slug
    }
}

/// Whether the article file at `path` is the one being imported when addresses do not
/// tell (one of the two has none): the same title, date and outlet. A file that does
/// not parse is the user's and is never taken for it.
fn is_same_article(path: &Path, slug: &str, settled: &Settled) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(existing) = crate::content::article::parse_article(path, slug, &text) else {
        return false;
    };
    match (&existing.url, &settled.draft.url) {
        (Some(_), Some(_)) => false,
        _ => {
            existing.title.trim() == settled.title
                && existing.source.trim() == settled.source
                && settle_date(&settled.date)
                    .is_some_and(|d| d.starts_with(&existing.date.to_string()))
        }
    }
}

/// Parses the article back, then writes it (and a fetched original) whole.
fn write_article(root: &Path, target: &Target, settled: &Settled) -> Result<(), String> {
    let text = draft::render(
        &settled.title,
        &settled.date,
        &settled.source,
        &settled.draft,
    );
    let slug = &target.slug;
    if let Err(problems) = crate::content::article::parse_article(&target.rel, slug, &text) {
        let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(format!(
            "it would not import as a valid article:\n{}",
            report.join("\n")
        ));
    }
    if let Some((bytes, ending)) = &settled.original {
        let original = Path::new(ORIGINALS_DIR).join(format!("{slug}.{ending}"));
        write_whole(&root.join(&original), bytes, true)?;
    }
    write_whole(&root.join(&target.rel), text.as_bytes(), target.replaces)
}

/// Writes `bytes` to `path` through a hidden file beside it, so the file is there whole
/// or not at all. Without `replace`, an existing file is never overwritten, even one
/// that appeared since the slug was chosen.
fn write_whole(path: &Path, bytes: &[u8], replace: bool) -> Result<(), String> {
    let dir = path.parent().expect("article paths have a folder");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let name = path.file_name().expect("a file name").to_string_lossy();
    let tmp = dir.join(format!(".{name}.import-{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes)
        .and_then(|()| {
            if replace {
                std::fs::rename(&tmp, path)
            } else {
                std::fs::hard_link(&tmp, path)
            }
        })
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()));
    let _ = std::fs::remove_file(&tmp);
    result
}

/// The line said of one imported article.
fn report_line(source: &Source, slug: &str, settled: &Settled) -> String {
    let draft = &settled.draft;
    let mut line = format!(
        "imported {} as {ARTICLES_DIR}/{slug}.md: {:?}, {}, {}, {}",
        source.label(),
        settled.title,
        settled.date,
        settled.source,
        crate::text::count(draft.words(), "word", "words")
    );
    if !draft.dropped.is_empty() {
        line.push_str("; dropped ");
        line.push_str(&draft.dropped.join(", "));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_date_times_are_settled_as_toml_writes_them() {
        assert_eq!(settle_date("2020-01-05").as_deref(), Some("2020-01-05"));
        assert_eq!(
            settle_date(" 2020-01-05T10:30:00+01:00 ").as_deref(),
            Some("2020-01-05T10:30:00+01:00")
        );
        assert_eq!(settle_date("2020-02-30"), None);
        assert_eq!(settle_date("10:30:00"), None);
        assert_eq!(settle_date("yesterday"), None);
    }

    #[test]
    fn slugs_are_cut_at_a_word_boundary() {
        assert_eq!(slug_of("Iraq votes!"), "iraq-votes");
        assert_eq!(slug_of("«»"), "article");
        let long = slug_of(&"parliament ".repeat(30));
        assert!(
            long.len() <= MAX_SLUG_BYTES && long.ends_with("parliament"),
            "{long}"
        );
    }
}
