//! Walking `content/` and loading everything in it, reporting every problem at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Article;
use crate::content::article::parse_article;
use crate::content::frontmatter;
use crate::content::registry::{Registry, parse_registry};
use crate::error::{Diagnostic, Diagnostics, line_col};

/// Where things live inside a dossier.
pub const CONTENT_DIR: &str = "content";
pub const ARTICLES_DIR: &str = "content/articles";
pub const REGISTRY_FILE: &str = "content/entities.toml";
pub const INDEX_FILE: &str = "content/_index.md";

/// The home page introduction from `content/_index.md`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intro {
    pub title: Option<String>,
    pub body: String,
    pub body_line: usize,
}

/// Everything under `content/`, loaded and validated.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Articles sorted by slug (drafts dropped unless asked for).
    pub articles: Vec<Article>,
    pub registry: Registry,
    pub intro: Intro,
}

/// The largest content file read. A news article is rarely over 100 KB; a file of many
/// megabytes is almost surely a mistake (a pasted PDF, a data dump), and would make every
/// page that quotes it huge.
pub const MAX_FILE_BYTES: u64 = 16_000_000;

/// A file in one of the dossier's own folders (`templates/`, `static/`).
pub struct FolderFile {
    /// Path inside the folder, with `/` separators (`css/site.css`).
    pub name: String,
    /// Path relative to the dossier root, for messages and reading.
    pub rel: PathBuf,
}

/// Every file under `root/folder`, sorted; a folder that cannot be read is reported.
pub fn folder_files(root: &Path, folder: &str) -> (Vec<FolderFile>, Vec<Diagnostic>) {
    let dir = root.join(folder);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return (files, errors);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let inside = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                files.push(FolderFile {
                    name: inside.to_string_lossy().replace('\\', "/"),
                    rel: Path::new(folder).join(inside),
                });
            }
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::error(
                folder,
                0,
                format!("cannot read the {folder} folder: {e}"),
            )),
        }
    }
    (files, errors)
}

/// Reads a file as UTF-8, naming the first invalid byte's line and column otherwise.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let path = root.join(rel);
    if let Ok(meta) = std::fs::metadata(&path)
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(Diagnostic::error(
            rel,
            0,
            format!(
                "the file is {:.1} MB; content files are limited to {} MB",
                meta.len() as f64 / 1e6,
                MAX_FILE_BYTES / 1_000_000
            ),
        )
        .with_help("split the article into several files, or remove what is not article text"));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(rel, 0, format!("cannot read the file: {e}"))
            .with_help("check that the file exists and is readable")
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, col) = line_col(&prefix, prefix.len());
        Diagnostic::error(rel, line, "the file is not valid UTF-8")
            .with_column(col)
            .with_help("save the file with UTF-8 encoding")
    })
}

/// Loads the content of the dossier at `config.root`.
pub fn load_content(config: &Config, drafts: bool) -> (Content, Diagnostics) {
    let root = &config.root;
    let mut diags = Diagnostics::new();

    let registry = if root.join(REGISTRY_FILE).exists() {
        match read_text(root, Path::new(REGISTRY_FILE)) {
            Ok(text) => match parse_registry(Path::new(REGISTRY_FILE), &text) {
                Ok((r, warnings)) => {
                    diags.extend(warnings);
                    r
                }
                Err(errors) => {
                    diags.extend(errors);
                    Registry::default()
                }
            },
            Err(d) => {
                diags.push(d);
                Registry::default()
            }
        }
    } else {
        Registry::default()
    };

    let intro = load_intro(root, &mut diags);

    let (paths, walk_errors) = article_paths(root);
    diags.extend(walk_errors);
    let results: Vec<Result<Article, Vec<Diagnostic>>> = paths
        .par_iter()
        .map(|rel| {
            let text = read_text(root, rel).map_err(|d| vec![d])?;
            let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let slug = slug::slugify(stem);
            if slug.is_empty() {
                return Err(vec![
                    Diagnostic::error(rel, 0, "cannot make a URL slug from this file name")
                        .with_help("rename the file using letters or digits"),
                ]);
            }
            parse_article(rel, &slug, &text)
        })
        .collect();
    let mut by_slug: BTreeMap<String, Article> = BTreeMap::new();
    for result in results {
        match result {
            Ok(article) => {
                if let Some(first) = by_slug.get(&article.slug) {
                    diags.push(
                        Diagnostic::error(
                            &article.file,
                            0,
                            format!(
                                "duplicate slug `{}`: `{}` has the same URL",
                                article.slug,
                                first.file.display()
                            ),
                        )
                        .with_help("rename one of the two files"),
                    );
                    continue;
                }
                if article.draft && !drafts {
                    continue;
                }
                by_slug.insert(article.slug.clone(), article);
            }
            Err(errors) => diags.extend(errors),
        }
    }
    let content = Content {
        articles: by_slug.into_values().collect(),
        registry,
        intro,
    };
    (content, diags)
}

/// Loads `content/_index.md` (an empty introduction when there is none).
pub fn load_intro(root: &Path, diags: &mut Diagnostics) -> Intro {
    let rel = Path::new(INDEX_FILE);
    if !root.join(rel).exists() {
        return Intro::default();
    }
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Intro::default();
        }
    };
    let text = frontmatter::strip_bom(&text);
    let split = match frontmatter::split(text, false) {
        Ok(s) => s,
        Err(_) => {
            diags.push(
                Diagnostic::error(rel, 1, "the front matter opened on line 1 is never closed")
                    .with_help("add a line with just `+++` after the front matter"),
            );
            return Intro::default();
        }
    };
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct IndexFrontMatter {
        title: Option<String>,
    }
    let fm: IndexFrontMatter = match toml::from_str(split.front_matter) {
        Ok(fm) => fm,
        Err(e) => {
            diags.push(crate::error::toml_diagnostic(
                rel,
                split.front_matter,
                split.front_matter_line,
                &e,
            ));
            return Intro::default();
        }
    };
    Intro {
        title: fm.title,
        body: split.body.to_string(),
        body_line: split.body_line,
    }
}

/// Every `.md` file under `content/articles/`, relative to the root, sorted.
fn article_paths(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let dir = root.join(ARTICLES_DIR);
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    if !dir.exists() {
        return (paths, errors);
    }
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_md = path.extension().is_some_and(|e| e == "md");
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if entry.file_type().is_file() && is_md && !hidden {
                    paths.push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| PathBuf::from(ARTICLES_DIR));
                let missing = e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                let help = if e.loop_ancestor().is_some() {
                    "a symbolic link points back to a folder that contains it: remove the link"
                } else if missing {
                    "a symbolic link here points to nothing: remove it or point it at a file"
                } else {
                    "check the folder's permissions"
                };
                errors.push(
                    Diagnostic::error(path, 0, format!("cannot read the folder: {e}"))
                        .with_help(help),
                );
            }
        }
    }
    (paths, errors)
}
