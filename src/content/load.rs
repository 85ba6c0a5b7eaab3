//! Loading everything in `content/`, reporting every problem at once. Which files count
//! and how they are read is [`crate::files`]'s policy.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Article;
use crate::content::article::parse_article;
use crate::content::frontmatter;
use crate::content::registry::{Registry, parse_registry};
use crate::error::{Diagnostic, Diagnostics, line_col};
use crate::files::{self, CONTENT_LIMIT, Folder, FolderFile};

/// Where things live inside a dossier.
pub const CONTENT_DIR: &str = "content";
pub const ARTICLES_DIR: &str = Folder::Articles.path();
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

/// Reads a content file as UTF-8 with `\n` line endings (see
/// [`frontmatter::normalise_line_endings`]), naming the first invalid byte's line and
/// column otherwise.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = files::read_file(root, rel, &CONTENT_LIMIT)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let prefix = frontmatter::normalise_line_endings(prefix);
        let (line, col) = line_col(&prefix, prefix.len());
        Diagnostic::error(rel, line, "the file is not valid UTF-8")
            .with_column(col)
            .with_help("save the file with UTF-8 encoding")
    })?;
    Ok(frontmatter::normalise_line_endings(text))
}

/// Loads the content of the dossier at `config.root`. The diagnostics also say what the
/// walks of `templates/` and `static/` skip, so that every command that loads a dossier
/// reports it once.
pub fn load_content(config: &Config, drafts: bool) -> (Content, Diagnostics) {
    let root = &config.root;
    let mut diags = Diagnostics::new();

    let registry = if is_present(root, REGISTRY_FILE) {
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

    let articles = files::walk(root, Folder::Articles);
    diags.extend(articles.diagnostics);
    // The theme and the static files are read later, by readers that cannot pass
    // warnings on: what their walks skip is said here, once per load.
    for folder in [Folder::Templates, Folder::Static] {
        diags.extend(files::walk(root, folder).warnings());
    }
    let results: Vec<Result<Article, Vec<Diagnostic>>> = articles
        .files
        .par_iter()
        .map(|FolderFile { rel, .. }| {
            let text = read_text(root, rel).map_err(|d| vec![d])?;
            let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let slug = crate::text::slug(stem);
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
    if !is_present(root, INDEX_FILE) {
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
    let Ok(split) = frontmatter::split(text, false) else {
        diags.push(
            Diagnostic::error(rel, 1, "the front matter opened on line 1 is never closed")
                .with_help("add a line with just `+++` after the front matter"),
        );
        return Intro::default();
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

/// Whether a file the loader reads by its fixed name is there: a dangling link is, so
/// that reading it says what is wrong.
fn is_present(root: &Path, rel: &str) -> bool {
    root.join(rel).symlink_metadata().is_ok()
}
