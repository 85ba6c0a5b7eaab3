//! The templates: the built-in theme embedded in the binary, overridden file by file by
//! the dossier's own `templates/`.
//!
//! All templates are parsed once per build into one Tera instance that every page
//! render shares (Tera is `Sync`). Tera reports a broken template with the template's
//! name and the line and column of the fault; this module turns each report into a
//! located [`Diagnostic`] (`templates/article.html:12:5: ...`) like any other content
//! error, naming the dossier's file or the built-in one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::config::Config;
use crate::error::Diagnostic;
use crate::files::{self, Folder};

/// The built-in theme's templates.
pub static THEME_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");
/// The built-in theme's static files (CSS, scripts, icons).
pub static THEME_STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Where messages place the built-in templates.
const BUILT_IN_DIR: &str = "(built-in theme)/templates";

/// Parsed templates plus their sources (to locate errors).
pub struct Theme {
    tera: Tera,
    /// Template name -> (file shown in messages, source text).
    sources: HashMap<String, (PathBuf, String)>,
}

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
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        // Parse each template alone first, so that every syntax error is reported, each
        // in its own file; what they refer to is checked below, when all are in.
        for name in &names {
            let (_, text) = &sources[*name];
            let mut alone = new_tera(config);
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                errors.extend(locate(&sources, &e, name));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = new_tera(config);
        let all = names.iter().map(|n| (n.as_str(), sources[*n].1.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(locate(&sources, &e, ""));
        }
        Ok(Theme { tera, sources })
    }

    /// Renders a template into bytes (UTF-8, as the templates and values are), turning a
    /// failure into a located diagnostic.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.render_into(template, context, &mut out).map(|()| out)
    }

    /// Renders a template at the end of `out`, so that a caller rendering many pages can
    /// reuse one buffer (a page grown afresh each time is copied at every doubling, into
    /// memory the system must clear first).
    pub fn render_into(
        &self,
        template: &str,
        context: &Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        self.tera.render_to(template, context, out).map_err(|e| {
            locate(&self.sources, &e, template)
                .into_iter()
                .next()
                .expect("one diagnostic at least")
        })
    }
}

/// A Tera instance with the theme's escaping and functions, and no templates yet.
fn new_tera(config: &Config) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    register_url_functions(&mut tera, config);
    tera
}

/// Tera's escaping, with a NUL (which only a `\u0000` escape in TOML can put in a
/// title or a name) written as U+FFFD, as CommonMark writes one in an article's text:
/// no page holds a NUL.
fn escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if !text.contains('\0') {
        return tera::escape_html(text, out);
    }
    tera::escape_html(&text.replace('\0', "\u{FFFD}"), out)
}

/// Tera's error as diagnostics at the file, line and column it names. `template` is the
/// one being loaded or rendered, for errors that name no place.
fn locate(
    sources: &HashMap<String, (PathBuf, String)>,
    e: &tera::Error,
    template: &str,
) -> Vec<Diagnostic> {
    let file_of = |name: &str| file_of(sources, name);
    match e.kind() {
        ErrorKind::SyntaxError(r) => {
            let span = r.span();
            vec![
                Diagnostic::error(
                    file_of(r.filename()),
                    span.start_line,
                    format!("template syntax error: {}", message(r.message())),
                )
                .with_column(span.start_col + 1)
                .with_help(
                    "fix the tag at this place; Tera tags are `{{ ... }}`, `{% ... %}` and `{# ... #}`",
                ),
            ]
        }
        ErrorKind::RenderingError(r) => {
            let span = r.span();
            let text = sources.get(r.filename()).map_or("", |(_, t)| t.as_str());
            let (message, help) = explain(r.message(), text, span.range.clone());
            vec![
                Diagnostic::error(file_of(r.filename()), span.start_line, message)
                    .with_column(span.start_col + 1)
                    .with_help(help),
            ]
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => vec![circle(sources, tpl, inheritance_chain, "extends")],
        ErrorKind::CircularInclude { tpl, include_chain } => {
            vec![circle(sources, tpl, include_chain, "include")]
        }
        ErrorKind::MissingParent { current, parent } => {
            let (line, col) = reference(sources, current, "extends", parent).unwrap_or((0, 0));
            let (message, help) = missing_template(parent);
            vec![
                Diagnostic::error(file_of(current), line, message)
                    .with_column(col)
                    .with_help(help),
            ]
        }
        ErrorKind::TemplateNotFound(missing) => {
            let (message, help) = missing_template(missing);
            vec![Diagnostic::error(file_of(template), 0, message).with_help(help)]
        }
        _ => {
            let text = error_chain(e);
            if text.contains("recursion depth for components") {
                let (file, line, col, name) = self_calling_component(sources)
                    .map(|(name, line, col, component)| (file_of(name), line, col, component))
                    .unwrap_or_else(|| (file_of(template), 0, 0, String::new()));
                return vec![
                    Diagnostic::error(
                        file,
                        line,
                        format!("the component `{name}` calls itself more than {MAX_COMPONENT_DEPTH} levels deep"),
                    )
                    .with_column(col)
                    .with_help("a component that calls itself must stop: call it only when there is more to show, `{% if ... %}`"),
                ];
            }
            let reports = reports(&text);
            if reports.is_empty() {
                return vec![Diagnostic::error(file_of(template), 0, text)];
            }
            reports
                .into_iter()
                .map(|(name, line, col, msg)| {
                    let (message, help) = explain(&msg, "", 0..0);
                    Diagnostic::error(file_of(&name), line, message)
                        .with_column(col)
                        .with_help(help)
                })
                .collect()
        }
    }
}

/// Tera's message about a template as ours, with what to do: `source` is the
/// template's text and `at` the place the message is about, to name what it reads.
fn explain(tera: &str, source: &str, at: std::ops::Range<usize>) -> (String, String) {
    let quoted = |prefix: &str| {
        tera.strip_prefix(prefix)
            .and_then(|r| r.split_once('`'))
            .map(|(name, rest)| (name.to_string(), rest.to_string()))
    };
    if let Some((name, _)) = quoted("Unknown template `") {
        return missing_template(&name);
    }
    if let Some((name, _)) = quoted("Unknown component `") {
        return (
            format!("there is no component `{name}`"),
            format!(
                "define it with `{{% component {name}(...) %}}` in `components.html`, or check the name against the components in the README"
            ),
        );
    }
    for kind in ["filter", "function", "test"] {
        if let Some((name, _)) = quoted(&format!("Unknown {kind} `")) {
            return (
                format!("there is no {kind} `{name}`"),
                format!("check the name against Tera's {kind}s and the functions in the README"),
            );
        }
    }
    if let Some((name, _)) = quoted("Block `") {
        return (
            format!("the block `{name}` is in no template this one extends"),
            format!(
                "add `{{% block {name} %}}{{% endblock {name} %}}` to the template it extends (`base.html`), or remove the block here"
            ),
        );
    }
    if let Some((_, rest)) = quoted("Field `").or_else(|| quoted("Variable `")) {
        // The whole path read (`article.auther`), from the name Tera points at.
        let start = source.get(..at.start).map_or(at.start, |before| {
            before
                .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
                .len()
        });
        let read = source.get(start..at.end).unwrap_or("");
        let available = rest
            .split_once("Available fields: ")
            .or_else(|| rest.split_once("Available variables: "))
            .map(|(_, list)| format!("; what is there: {}", list.trim_end_matches('.')))
            .unwrap_or_default();
        return (
            format!("the template reads `{read}`, which is not defined here{available}"),
            "check the name against the template variables in the README, or guard it with `{% if ... is defined %}`".into(),
        );
    }
    (
        message(tera),
        "see the template variables, functions and components in the README".into(),
    )
}

/// The file a template is read from, as messages name it.
fn file_of(sources: &HashMap<String, (PathBuf, String)>, name: &str) -> PathBuf {
    sources
        .get(name)
        .map(|(f, _)| f.clone())
        .unwrap_or_else(|| PathBuf::from("templates").join(name))
}

/// Where the template `name` refers to `target` with `keyword` (`extends`, `include`):
/// the line and column of the tag.
fn reference(
    sources: &HashMap<String, (PathBuf, String)>,
    name: &str,
    keyword: &str,
    target: &str,
) -> Option<(usize, usize)> {
    let (_, text) = sources.get(name)?;
    let at = text.match_indices(keyword).map(|(i, _)| i).find(|&i| {
        text[i..]
            .split_once(['"', '\''])
            .is_some_and(|(_, rest)| rest.starts_with(target))
    })?;
    let tag = text[..at].rfind("{%").unwrap_or(at);
    Some(crate::error::line_col(text, tag))
}

/// How deep Tera lets components call themselves.
const MAX_COMPONENT_DEPTH: usize = 20;

/// The first component, in template order, that calls itself: its template, the line and
/// column of the call, and its name.
fn self_calling_component(
    sources: &HashMap<String, (PathBuf, String)>,
) -> Option<(&str, usize, usize, String)> {
    let mut names: Vec<&String> = sources.keys().collect();
    names.sort();
    for name in names {
        let text = &sources[name].1;
        for (start, _) in text.match_indices("component ") {
            let tag = text[..start].trim_end_matches([' ', '-']);
            if !tag.ends_with("{%") {
                continue;
            }
            let rest = &text[start + "component ".len()..];
            let component = rest.split('(').next()?.trim();
            let body_end = rest.find("endcomponent").unwrap_or(rest.len());
            let body = &rest[..body_end];
            if let Some(at) = body
                .find(&format!("<{component} "))
                .or_else(|| body.find(&format!("<{component}/")))
            {
                let offset = text.len() - rest.len() + at;
                let (line, col) = crate::error::line_col(text, offset);
                return Some((name.as_str(), line, col, component.to_string()));
            }
        }
    }
    None
}

/// The message and help for a reference to a template that does not exist.
fn missing_template(name: &str) -> (String, String) {
    (
        format!("the template `{name}` does not exist"),
        "add it to `templates/`, or remove the reference to it".into(),
    )
}

/// A circle of `extends` or `include` as a diagnostic at its first step.
fn circle(
    sources: &HashMap<String, (PathBuf, String)>,
    tpl: &str,
    chain: &[String],
    keyword: &str,
) -> Diagnostic {
    let verb = if keyword == "extends" {
        "extends"
    } else {
        "includes"
    };
    let mut steps: Vec<&str> = chain.iter().map(String::as_str).collect();
    if steps.first() != Some(&tpl) {
        steps.insert(0, tpl);
    }
    if steps.last() != Some(&tpl) || steps.len() == 1 {
        steps.push(tpl);
    }
    let text = if steps.len() == 2 {
        format!("the template `{tpl}` {verb} itself")
    } else {
        let mut text = format!("the template `{}` {verb} `{}`", steps[0], steps[1]);
        for next in &steps[2..] {
            text.push_str(&format!(", which {verb} `{next}`"));
        }
        text
    };
    let (line, col) = reference(sources, steps[0], keyword, steps[1]).unwrap_or((0, 0));
    Diagnostic::error(file_of(sources, steps[0]), line, text)
        .with_column(col)
        .with_help(format!(
            "a template cannot {} itself, even through others: remove one of these references",
            if keyword == "extends" {
                "extend"
            } else {
                "include"
            }
        ))
}

/// Tera's messages start with a capital and end with a full stop; ours do neither.
fn message(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The located reports in the text of an error that gathers several
/// (`error: ...` then ` --> name:line:col`): (template, line, column, message).
fn reports(text: &str) -> Vec<(String, usize, usize, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(msg) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(at) = lines.peek().and_then(|l| l.trim().strip_prefix("--> ")) else {
            continue;
        };
        let mut parts = at.rsplitn(3, ':');
        let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if let (Ok(line), Ok(col)) = (line.parse(), col.parse()) {
            out.push((name.to_string(), line, col, msg.to_string()));
        }
    }
    out
}

/// The full cause chain of a Tera error, one cause per line.
fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// `url(path="/x/")` (the path under the site's base path) and `abs_url(path="/x/")`
/// (the full address).
fn register_url_functions(tera: &mut Tera, config: &Config) {
    let base_path = config.base_path.clone();
    let base_url = config.base_url.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            Ok(format!("{base_path}{}", path.trim_start_matches('/')))
        },
    );
    tera.register_function(
        "abs_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            Ok(format!("{base_url}{}", path.trim_start_matches('/')))
        },
    );
}
