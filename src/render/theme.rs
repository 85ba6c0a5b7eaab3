//! The templates: the built-in theme embedded in the binary, overridden file by file by
//! the dossier's own `templates/`.
//!
//! All templates are parsed once per build into one Tera instance that every page
//! render shares (Tera is `Sync`), after [`super::cycles`] has made sure none of them
//! refers to itself. Tera's errors hide their cause and their location;
//! this module digs both out so that a broken template is reported as
//! `templates/article.html:12:5: ...` like any other content error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{Tera, Value};

use crate::config::Config;
use crate::content::files::{self, Folder};
use crate::error::Diagnostic;

/// The built-in theme's templates.
pub static THEME_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");
/// The built-in theme's static files (CSS, scripts, icons).
pub static THEME_STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Where messages place the built-in templates.
const BUILT_IN_DIR: &str = "(built-in theme)/templates";

/// Parsed templates plus their sources (to locate errors).
pub struct Theme {
    pub tera: Tera,
    /// Template name -> (file shown in messages, source text).
    sources: HashMap<String, (PathBuf, String)>,
    /// The built-in templates the dossier does not override, with none of the
    /// templates they build on overridden either: pages from these are written by
    /// [`super::native`], which makes exactly what Tera would make of them.
    native: Vec<&'static str>,
}

/// The templates [`super::native`] can write, and the ones each builds on.
const NATIVE: [(&str, [&str; 2]); 7] = [
    ("sources.html", ["base.html", "macros.html"]),
    ("index.html", ["base.html", "macros.html"]),
    ("quotes.html", ["base.html", "macros.html"]),
    ("article.html", ["base.html", "macros.html"]),
    ("entity.html", ["base.html", "macros.html"]),
    ("source.html", ["base.html", "macros.html"]),
    ("timeline.html", ["base.html", "macros.html"]),
];

/// Set, every page goes through Tera: for checking the native writer against the
/// templates it stands for.
const TERA_ONLY_VAR: &str = "DOSSIER_TERA_ONLY";

impl Theme {
    /// Loads the built-in templates, then the dossier's overrides.
    pub fn load(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: HashMap<String, (PathBuf, String)> = HashMap::new();
        for file in THEME_TEMPLATES.files() {
            let name = file.path().to_string_lossy().replace('\\', "/");
            if let Some(text) = file.contents_utf8() {
                sources.insert(
                    name.clone(),
                    (Path::new(BUILT_IN_DIR).join(&name), text.to_string()),
                );
            }
        }
        let (found, mut errors) = files::walk(&config.root, Folder::Templates).files_and_errors();
        for f in found {
            match crate::content::load::read_text(&config.root, &f.rel) {
                Ok(text) => {
                    sources.insert(f.name, (f.rel, text));
                }
                Err(d) => errors.push(d),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        // Parse each template alone first, so a syntax error names its own file; the
        // templates it extends, includes or imports are checked below, when all are in.
        for (name, (file, text)) in &sources {
            if let Err(e) = tera::Template::new(name, None, text) {
                errors.push(locate_parse_error(file, &e));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Before Tera links the templates: it follows a circle of `extends` for ever.
        let circles = super::cycles::check(
            &sources
                .iter()
                .map(|(name, (file, text))| super::cycles::Source {
                    name,
                    file,
                    text,
                    built_in: file.starts_with(BUILT_IN_DIR),
                })
                .collect::<Vec<_>>(),
        );
        if !circles.is_empty() {
            return Err(circles);
        }
        let mut all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
            .collect();
        all.sort();
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(vec![Diagnostic::error("templates", 0, error_chain(&e)).with_help(
                "a template extends or includes a template that does not exist; check the names in `extends` and `include`",
            )]);
        }
        register_url_functions(&mut tera, config);
        // A dossier's copy of a built-in template, unchanged, is the built-in one
        // (the example dossier at the repository's root is such a copy).
        let built_in = |name: &str| {
            sources.get(name).is_some_and(|(_, text)| {
                THEME_TEMPLATES
                    .get_file(name)
                    .and_then(|f| f.contents_utf8())
                    == Some(text.as_str())
            })
        };
        let native = if std::env::var_os(TERA_ONLY_VAR).is_some() {
            Vec::new()
        } else {
            NATIVE
                .iter()
                .filter(|(name, deps)| built_in(name) && deps.iter().all(|d| built_in(d)))
                .map(|(name, _)| *name)
                .collect()
        };
        Ok(Theme {
            tera,
            sources,
            native,
        })
    }

    /// Whether pages of `template` are written natively rather than through Tera.
    pub fn is_native(&self, template: &str) -> bool {
        self.native.contains(&template)
    }

    /// Renders a template, turning a failure into a located diagnostic.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| self.locate_render_error(template, &e))
    }

    fn locate_render_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let chain = error_chain(e);
        if matches!(e.kind, tera::ErrorKind::TemplateNotFound(_))
            || (chain.contains("Template '") && chain.contains("not found"))
        {
            // Name the template that refers to the missing one, at the reference.
            let missing = chain
                .split("Template '")
                .nth(1)
                .and_then(|r| r.split("' not found").next())
                .map(|m| m.trim_matches(['[', ']']).to_string())
                .unwrap_or_default();
            let mut names: Vec<&String> = self.sources.keys().collect();
            names.sort();
            for name in names {
                let (file, text) = &self.sources[name];
                if !missing.is_empty()
                    && let Some(pos) = text.find(&format!("\"{missing}\""))
                {
                    let (line, col) = crate::error::line_col(text, pos);
                    return Diagnostic::error(
                        file,
                        line,
                        format!("the template `{missing}` does not exist"),
                    )
                    .with_column(col)
                    .with_help("add it to `templates/`, or remove the reference to it");
                }
            }
            return Diagnostic::error("templates", 0, chain)
                .with_help("add the template to `templates/`, or remove the reference to it");
        }
        // "Variable `article.foo` not found in context while rendering 'x.html'"
        let variable = chain
            .split("Variable `")
            .nth(1)
            .and_then(|r| r.split('`').next())
            .map(str::to_string);
        let rendering = chain
            .rsplit("while rendering '")
            .next()
            .and_then(|r| r.split('\'').next())
            .filter(|_| chain.contains("while rendering '"))
            .unwrap_or(template)
            .to_string();
        // The variable may be used in a parent or an included template: search them all,
        // the one being rendered first.
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort_by_key(|n| (n.as_str() != rendering, n.as_str() != template, n.as_str()));
        if let Some(var) = &variable {
            for name in names {
                let (file, text) = &self.sources[name];
                if let Some(pos) = text.find(var.as_str()) {
                    let (line, col) = crate::error::line_col(text, pos);
                    return Diagnostic::error(file, line, format!("the template reads `{var}`, which is not defined here"))
                        .with_column(col)
                        .with_help("check the variable's name against the template context in the README, or guard it with `{% if ... is defined %}`");
                }
            }
        }
        let file = self
            .sources
            .get(&rendering)
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| PathBuf::from("templates").join(&rendering));
        Diagnostic::error(file, 0, chain)
    }
}

/// Escapes text for HTML element content and quoted attribute values. Unlike Tera's
/// default it leaves `/` alone, so URLs stay readable in the page source.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    escape_into(&mut out, input);
    out
}

/// [`escape_html`], appending to `out`.
pub fn escape_into(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        // The escaped bytes are ASCII, so `done..i` falls on character boundaries.
        out.push_str(&input[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&input[done..]);
}

/// The full cause chain of a Tera error, one cause per line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn locate_parse_error(file: &Path, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    // Tera's parser reports " --> 3:14" in its message.
    let (line, col) = chain
        .split("--> ")
        .nth(1)
        .and_then(|r| {
            let mut it = r
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty());
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .unwrap_or((0, 0));
    let detail = chain
        .lines()
        .map(str::trim)
        .rfind(|l| {
            !l.is_empty()
                && !l.starts_with("-->")
                && !l.starts_with('|')
                && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .unwrap_or("syntax error")
        .trim_start_matches("= ")
        .to_string();
    Diagnostic::error(file, line, format!("template syntax error: {detail}"))
        .with_column(col)
        .with_help(
            "fix the tag at this place; Tera tags are `{{ ... }}`, `{% ... %}` and `{# ... #}`",
        )
}

fn register_url_functions(tera: &mut Tera, config: &Config) {
    let base_path = config.base_path.clone();
    let base_url = config.base_url.clone();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or("`url` needs `path=\"/...\"`")?;
        Ok(Value::String(format!(
            "{}{}",
            base_path,
            path.trim_start_matches('/')
        )))
    });
    tera.register_function("abs_url", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or("`abs_url` needs `path=\"/...\"`")?;
        Ok(Value::String(format!(
            "{}{}",
            base_url,
            path.trim_start_matches('/')
        )))
    });
}
