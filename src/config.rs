//! `dossier.toml`: the site configuration, parsed strictly and resolved.
//!
//! Unknown fields are errors (with the nearest valid name suggested), so a typo never
//! silently falls back to a default. The base URL is split once into the absolute form
//! (for feeds, sitemaps and canonical links) and the path prefix every internal link
//! starts with, so that a site under `https://user.github.io/repo/` works everywhere.
//! Values that end up in every page or in a published file (`base_url`, `cname`) are
//! checked here, with the line of the key, so that no build writes a broken address.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, toml_diagnostic};
use crate::files::{CONTENT_LIMIT, ReadError, read_bytes};

/// The configuration file's name at the dossier root.
pub const CONFIG_FILE: &str = "dossier.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    build: BuildConfig,
    #[serde(default)]
    quotes: QuotesConfig,
    #[serde(default)]
    figures: FiguresConfig,
    #[serde(default)]
    serve: ServeConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
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

/// `[figures]`
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FiguresConfig {
    /// Counts reported more days apart than this are compared only when both name the
    /// same month or year: what is counted changes (delegates won, people killed), and
    /// a count reported later is more often a new count than another report of the
    /// same one. One day: the day of an event and the next.
    #[serde(default = "default_days_apart")]
    pub days_apart: u32,
}

fn default_days_apart() -> u32 {
    1
}

impl Default for FiguresConfig {
    fn default() -> Self {
        FiguresConfig {
            days_apart: default_days_apart(),
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
    /// The line of `base_url` in the configuration (0 when it is not there), or `None`
    /// when `--base-url` set it.
    pub base_url_line: Option<usize>,
    pub language: String,
    pub cname: Option<String>,
    pub build: BuildConfig,
    pub quotes: QuotesConfig,
    pub figures: FiguresConfig,
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
        let base_url_line = raw
            .base_url
            .as_ref()
            .map_or(0, |_| find_key_line(text, "base_url"));
        let (base_url, base_path) = resolve_base_url(raw.base_url.as_deref().unwrap_or("/")).map_err(|msg| {
            Diagnostic::error(CONFIG_FILE, base_url_line, msg).with_help(
                "write a full address such as `https://user.github.io/repo/`, or a path such as `/`",
            )
        })?;
        let cname = match raw.cname.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(resolve_cname(name).map_err(|msg| {
                Diagnostic::error(CONFIG_FILE, find_key_line(text, "cname"), msg)
                    .with_help("write only the host name the site is served at, or remove the line")
            })?),
        };
        let language = crate::language::check_tag(&raw.language).map_err(|bad| {
            Diagnostic::error(
                CONFIG_FILE,
                find_key_line(text, "language"),
                format!("`language`: {}", bad.message),
            )
            .with_help(bad.help)
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
            base_url_line: Some(base_url_line),
            language,
            cname,
            build: raw.build,
            quotes: raw.quotes,
            figures: raw.figures,
            serve: raw.serve,
            markdown: raw.markdown,
        })
    }

    /// Replaces the base URL (for `--base-url` and for serving locally).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = resolve_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        self.base_url_line = None;
        Ok(())
    }

    /// Whether the base URL is a full address. Only then can the site have a feed and a
    /// sitemap: both must give absolute addresses, and a path alone has no host.
    pub fn has_address(&self) -> bool {
        self.base_url != self.base_path
    }

    /// What is wrong with the configuration without stopping the build: a path-only base
    /// URL leaves the site without feed and sitemap.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        if self.has_address() {
            return Vec::new();
        }
        let (file, line) = match self.base_url_line {
            Some(line) => (CONFIG_FILE, line),
            None => ("--base-url", 0),
        };
        vec![Diagnostic::warning(
            file,
            line,
            format!(
                "`base_url` `{}` is a path, not a full address, so the site has no feed.xml or sitemap.xml (both need absolute addresses)",
                self.base_url
            ),
        )
        .with_help("set `base_url` to the address the site is published at, such as `https://user.github.io/repo/`, or pass --base-url")]
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
///
/// A base URL is either a full `http`/`https` address with a host, or a path starting
/// with a single `/` (the site works under that path on any host, but has no feed or
/// sitemap: see [`Config::has_address`]). A scheme-relative `//host/` is refused: it is
/// neither, and every link would point at that host.
pub fn resolve_base_url(raw: &str) -> Result<(String, String), String> {
    let raw = raw.trim();
    if raw.starts_with("//") {
        return Err(format!(
            "`base_url` {raw:?} has no scheme, so it would be read as a path and every link would start with `//`"
        ));
    }
    if raw.is_empty() || raw.starts_with('/') {
        if let Some(c) = raw.chars().find(|&c| !is_path_char(c)) {
            return Err(format!(
                "`base_url` {raw:?} holds {c:?}, which has no place in a path"
            ));
        }
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
    let url = web_url(raw).map_err(|e| format!("`base_url` {e}"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err("`base_url` must not have a query or a fragment".to_string());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("`base_url` must not carry a user name or password".to_string());
    }
    let mut abs = url.to_string();
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
        abs.push('/');
    }
    Ok((abs, path))
}

/// Whether `c` may stand in a URL path as written, unescaped.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~/%!$&'()*+,;=:@".contains(c)
}

/// Parses an absolute `http` or `https` address with a host, as written: the text must
/// start with `http://` or `https://` and hold no whitespace or control character (the
/// URL parser would otherwise drop those silently). The error completes a sentence
/// starting with the value's name.
pub fn web_url(raw: &str) -> Result<url::Url, String> {
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(format!(
            "must be an http or https address starting with `https://`, not {raw:?}"
        ));
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{raw:?} holds a space or a control character, which an address cannot"
        ));
    }
    let url = url::Url::parse(raw).map_err(|e| format!("{raw:?} is not a valid address: {e}"))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{raw:?} has no host"));
    }
    Ok(url)
}

/// Checks a `cname` value: a domain name of at least two labels, each of letters,
/// digits and inner hyphens, as GitHub Pages expects in a `CNAME` file. An
/// internationalised name is written in its ASCII form.
pub fn resolve_cname(raw: &str) -> Result<String, String> {
    let refuse = || {
        format!(
            "`cname` must be a domain name such as `dossier.example.org`, without scheme, path or port, not {raw:?}"
        )
    };
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse());
    }
    let Ok(url::Host::Domain(name)) = url::Host::parse(raw) else {
        return Err(refuse());
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let labels: Vec<&str> = name.split('.').collect();
    if name.len() > 253 || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return Err(refuse());
    }
    Ok(name)
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
        assert!(resolve_base_url("//evil.com/").is_err());
        assert!(resolve_base_url("http://").is_err());
    }

    #[test]
    fn cname_is_a_bare_domain_name() {
        assert_eq!(
            resolve_cname("Dossier.Example.org").unwrap(),
            "dossier.example.org"
        );
        for bad in [
            "x.org\nEvil",
            "https://x.org",
            "x.org/p",
            "x.org:80",
            "org",
            "a..b",
        ] {
            assert!(resolve_cname(bad).is_err(), "{bad}");
        }
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
        assert_eq!(c.figures.days_apart, 1);
        assert_eq!(c.serve.port, 1111);
        assert_eq!(c.url("/entities/"), "/entities/");
    }

    #[test]
    fn figures_may_be_compared_further_apart() {
        let c = Config::parse(
            Path::new("/d"),
            "title = \"x\"\n[figures]\ndays_apart = 7\n",
        )
        .unwrap();
        assert_eq!(c.figures.days_apart, 7);
        let err =
            Config::parse(Path::new("/d"), "title = \"x\"\n[figures]\ndays = 7\n").unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `days_apart`?"));
    }
}
