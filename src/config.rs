//! `dossier.toml`: the site configuration, parsed strictly and resolved.
//!
//! Unknown fields are errors (with the nearest valid name suggested), so a typo never
//! silently falls back to a default. The base URL is split once into the absolute form
//! (for feeds, sitemaps and canonical links) and the path prefix every internal link
//! starts with, so that a site under `https://user.github.io/repo/` works everywhere.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::files::{CONTENT_LIMIT, ReadError, read_bytes};
use crate::error::{Diagnostic, toml_diagnostic};

/// The configuration file's name at the dossier root.
pub const CONFIG_FILE: &str = "dossier.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_base_url")]
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    build: BuildConfig,
    #[serde(default)]
    quotes: QuotesConfig,
    #[serde(default)]
    serve: ServeConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_language() -> String {
    "en".to_string()
}

/// `[build]`
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    #[serde(default)]
    pub drafts: bool,
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            output_dir: default_output_dir(),
            drafts: false,
        }
    }
}

/// `[quotes]`
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotesConfig {
    /// A quoted span of fewer words is a term ("occupiers"), not a quote.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    4
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig {
            min_words: default_min_words(),
        }
    }
}

/// `[serve]`
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    #[serde(default = "default_host")]
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
}

fn default_host() -> String {
    "127.0.0.1".to_string()
}

fn default_port() -> u16 {
    1111
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            host: default_host(),
            port: default_port(),
        }
    }
}

/// `[markdown]`
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in article bodies through. Off by default: raw HTML is escaped,
    /// so pasted content can never run script in a reader's browser.
    #[serde(default)]
    pub unsafe_html: bool,
}

/// The resolved site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The dossier's root directory (where `dossier.toml` is).
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Absolute base URL, always ending in `/` (e.g. `https://user.github.io/repo/`),
    /// or just a path (`/`) when the configuration gives no host.
    pub base_url: String,
    /// The path part of the base URL, starting and ending with `/` (`/repo/`).
    pub base_path: String,
    pub language: String,
    pub cname: Option<String>,
    pub build: BuildConfig,
    pub quotes: QuotesConfig,
    pub serve: ServeConfig,
    pub markdown: MarkdownConfig,
}

impl Config {
    /// Reads and validates `dossier.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let bytes = read_bytes(&path, &CONTENT_LIMIT).map_err(|e| match e {
            ReadError::Io(e) => Diagnostic::error(CONFIG_FILE, 0, format!("cannot read the configuration: {e}"))
                .with_help(format!(
                    "run dossier in a dossier's root (the folder with `{CONFIG_FILE}`), pass --root DIR, or create one with `dossier init DIR`"
                )),
            other => other.diagnostic(Path::new(CONFIG_FILE), &CONTENT_LIMIT),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = crate::error::line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            Diagnostic::error(CONFIG_FILE, line, "the file is not valid UTF-8")
                .with_column(col)
                .with_help("save the file as UTF-8")
        })?;
        Config::parse(root, &text)
    }

    /// Parses configuration text; `root` is where the dossier lives.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| toml_diagnostic(Path::new(CONFIG_FILE), text, 1, &e))?;
        let (base_url, base_path) = resolve_base_url(&raw.base_url).map_err(|msg| {
            Diagnostic::error(CONFIG_FILE, find_key_line(text, "base_url"), msg).with_help(
                "write a full URL such as `https://user.github.io/repo/`, or a path such as `/`",
            )
        })?;
        if raw.quotes.min_words == 0 {
            return Err(Diagnostic::error(
                CONFIG_FILE,
                find_key_line(text, "min_words"),
                "`quotes.min_words` must be at least 1",
            ));
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language: raw.language,
            cname: raw.cname.filter(|c| !c.trim().is_empty()),
            build: raw.build,
            quotes: raw.quotes,
            serve: raw.serve,
            markdown: raw.markdown,
        })
    }

    /// Replaces the base URL (for `--base-url` and for serving locally).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = resolve_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// The output directory, resolved against the root.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.build.output_dir)
    }

    /// A site path (`/entities/x/`) as a root-relative URL under the base path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// A site path as an absolute URL (for feeds, sitemaps and canonical links).
    pub fn abs_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// Splits a base URL into (absolute URL ending in `/`, path prefix ending in `/`).
pub fn resolve_base_url(raw: &str) -> Result<(String, String), String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with('/') {
        let mut path = if raw.is_empty() {
            "/".to_string()
        } else {
            raw.to_string()
        };
        if !path.ends_with('/') {
            path.push('/');
        }
        return Ok((path.clone(), path));
    }
    let url = url::Url::parse(raw).map_err(|e| format!("`base_url` is not a valid URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "`base_url` must be an http or https URL with a host, not `{raw}`"
        ));
    }
    let mut abs = url.to_string();
    let mut path = url.path().to_string();
    if url.query().is_some() || url.fragment().is_some() {
        return Err("`base_url` must not have a query or a fragment".to_string());
    }
    if !path.ends_with('/') {
        path.push('/');
        abs.push('/');
    }
    Ok((abs, path))
}

/// The 1-based line on which `key = ` first appears (1 if it does not).
pub fn find_key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_sub_path() {
        let (abs, path) = resolve_base_url("https://user.github.io/repo").unwrap();
        assert_eq!(abs, "https://user.github.io/repo/");
        assert_eq!(path, "/repo/");
        assert_eq!(resolve_base_url("/").unwrap().1, "/");
        assert!(resolve_base_url("ftp://x/").is_err());
    }

    #[test]
    fn unknown_field_is_located_with_suggestion() {
        let err = Config::parse(Path::new("."), "title = \"x\"\ndescripton = \"y\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("unknown field `descripton`"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn defaults() {
        let c = Config::parse(Path::new("/d"), "title = \"x\"").unwrap();
        assert_eq!(c.base_path, "/");
        assert_eq!(c.quotes.min_words, 4);
        assert_eq!(c.serve.port, 1111);
        assert_eq!(c.url("/entities/"), "/entities/");
    }
}
