//! Templates that refer to themselves: found in the template sources before anything
//! is rendered, and refused with the file and line of the tag that closes the circle.
//!
//! Tera follows `extends`, `include` and `import` references, and macro calls, without
//! a bound: a template that includes itself, directly or through others, or a macro
//! that calls itself, recurses until the stack overflows, which aborts the process (no
//! error, no clean-up, and `serve` dies with it). Tera cannot limit the depth of such
//! recursion, so this module refuses every such circle, recursive macros included, even
//! those that would stop: a news site's pages have no data nested deep enough to need
//! them.
//!
//! It reads only the tags (`{% ... %}` and `{{ ... }}`, skipping comments, raw blocks
//! and string literals) with a small scanner, because Tera's syntax tree, hidden from
//! its documentation and unstable, keeps no positions. Templates reach this module
//! after Tera has parsed each of them, so the scanner sees well-formed tags only.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Diagnostic, line_col};

/// How one template refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Extends,
    Include,
    Import,
}

impl Kind {
    fn verb(self) -> &'static str {
        match self {
            Kind::Extends => "extends",
            Kind::Include => "includes",
            Kind::Import => "imports",
        }
    }
}

/// A reference to another template, at byte `at` (its tag) of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    kind: Kind,
    target: String,
    /// The namespace of an `import ... as ns`.
    namespace: Option<String>,
    at: usize,
}

/// A macro call `namespace::name(` inside a macro's body, at byte `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Call {
    namespace: String,
    name: String,
    at: usize,
}

/// What the tags of one template refer to.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    references: Vec<Reference>,
    /// Each macro defined here, with the macros its body calls.
    macros: Vec<(String, Vec<Call>)>,
}

/// One template as the check sees it.
pub struct Source<'a> {
    pub name: &'a str,
    /// The file shown in messages.
    pub file: &'a Path,
    pub text: &'a str,
    /// A template of the built-in theme: when a circle runs through one and a
    /// dossier's own template, the message points at the dossier's.
    pub built_in: bool,
}

/// Every circle of references between templates, and of calls between macros: an error
/// for each, at the tag or call that closes it. Macros are looked at only when the
/// templates form no circle, since finding a macro follows `extends` and `import`.
pub fn check(sources: &[Source<'_>]) -> Vec<Diagnostic> {
    let mut sources: Vec<&Source> = sources.iter().collect();
    sources.sort_by_key(|s| s.name);
    let scans: Vec<Scan> = sources.iter().map(|s| scan(s.text)).collect();
    let templates = Templates {
        sources: &sources,
        scans: &scans,
        index: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name, i))
            .collect(),
    };
    let errors = templates.reference_circles();
    if !errors.is_empty() {
        return errors;
    }
    templates.macro_circles()
}

struct Templates<'a> {
    sources: &'a [&'a Source<'a>],
    scans: &'a [Scan],
    index: HashMap<&'a str, usize>,
}

impl Templates<'_> {
    /// The template that `reference` names, when it exists (a missing one is reported
    /// by Tera).
    fn target(&self, reference: &Reference) -> Option<usize> {
        self.index.get(reference.target.as_str()).copied()
    }

    fn error_at(&self, template: usize, at: usize, message: String, help: &str) -> Diagnostic {
        let source = self.sources[template];
        let (line, column) = line_col(source.text, at);
        Diagnostic::error(source.file, line, message)
            .with_column(column)
            .with_help(help)
    }

    fn reference_circles(&self) -> Vec<Diagnostic> {
        // Edges are (template, index of the reference in its scan).
        let mut edges: Vec<(usize, usize)> = Vec::new();
        let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.sources.len()];
        for (from, scan) in self.scans.iter().enumerate() {
            for (r, reference) in scan.references.iter().enumerate() {
                if let Some(to) = self.target(reference) {
                    adjacent[from].push((to, edges.len()));
                    edges.push((from, r));
                }
            }
        }
        circles(&adjacent)
            .into_iter()
            .map(|circle| {
                let circle: Vec<(usize, &Reference)> = circle
                    .iter()
                    .map(|&e| (edges[e].0, &self.scans[edges[e].0].references[edges[e].1]))
                    .collect();
                let circle = self.starting_in_the_dossier(circle, |&(t, _)| t);
                let (template, first) = circle[0];
                let name = self.sources[template].name;
                let message = if circle.len() == 1 {
                    format!("the template `{name}` {} itself", first.kind.verb())
                } else {
                    let rest: Vec<String> = circle[1..]
                        .iter()
                        .map(|(_, r)| format!(", which {} `{}`", r.kind.verb(), r.target))
                        .collect();
                    format!(
                        "the template `{name}` {} `{}`{}: templates may not refer to each other in a circle",
                        first.kind.verb(),
                        first.target,
                        rest.concat()
                    )
                };
                self.error_at(
                    template,
                    first.at,
                    message,
                    "the build would recurse until it crashed; remove this reference, or move what the templates share into a template that refers to neither",
                )
            })
            .collect()
    }

    fn macro_circles(&self) -> Vec<Diagnostic> {
        let mut macros: Vec<(usize, &str)> = Vec::new();
        for (t, scan) in self.scans.iter().enumerate() {
            macros.extend(scan.macros.iter().map(|(name, _)| (t, name.as_str())));
        }
        let node: HashMap<(usize, &str), usize> =
            macros.iter().enumerate().map(|(i, &m)| (m, i)).collect();
        // Edges are (calling macro, the call).
        let mut edges: Vec<(usize, &Call)> = Vec::new();
        let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); macros.len()];
        for (t, scan) in self.scans.iter().enumerate() {
            let namespaces = self.namespaces(t);
            for (name, calls) in &scan.macros {
                let from = node[&(t, name.as_str())];
                for call in calls {
                    let callee = namespaces
                        .get(call.namespace.as_str())
                        .and_then(|&target| node.get(&(target, call.name.as_str())));
                    if let Some(&to) = callee {
                        adjacent[from].push((to, edges.len()));
                        edges.push((from, call));
                    }
                }
            }
        }
        let describe = |m: usize| {
            let (t, name) = macros[m];
            format!("`{name}` in `{}`", self.sources[t].name)
        };
        circles(&adjacent)
            .into_iter()
            .map(|circle| {
                let circle: Vec<(usize, &Call)> = circle.iter().map(|&e| edges[e]).collect();
                let circle = self.starting_in_the_dossier(circle, |&(m, _)| macros[m].0);
                let (caller, call) = circle[0];
                let message = if circle.len() == 1 {
                    format!("the macro {} calls itself", describe(caller))
                } else {
                    let rest: Vec<String> = circle[1..]
                        .iter()
                        .map(|&(m, _)| format!("{}, which calls ", describe(m)))
                        .collect();
                    format!(
                        "the macro {} calls {}{}",
                        describe(caller),
                        rest.concat(),
                        describe(caller)
                    )
                };
                self.error_at(
                    macros[caller].0,
                    call.at,
                    message,
                    "Tera cannot limit how deep macros call each other, so a macro may not call itself, directly or through others; write out the levels the page needs, or give it data that is already flat",
                )
            })
            .collect()
    }

    /// The circle turned to start at its first step in a dossier's own template.
    fn starting_in_the_dossier<T>(
        &self,
        mut circle: Vec<T>,
        template: impl Fn(&T) -> usize,
    ) -> Vec<T> {
        let own = circle
            .iter()
            .position(|step| !self.sources[template(step)].built_in)
            .unwrap_or(0);
        circle.rotate_left(own);
        circle
    }

    /// The templates that macro namespaces name in template `t`, as Tera resolves them:
    /// `self` (when it defines macros) and its own imports first, then what the
    /// templates it imports can name, then what its parent can.
    fn namespaces(&self, t: usize) -> HashMap<&str, usize> {
        let mut out = HashMap::new();
        let mut seen = vec![false; self.sources.len()];
        self.collect_namespaces(t, &mut out, &mut seen);
        out
    }

    fn collect_namespaces<'s>(
        &'s self,
        t: usize,
        out: &mut HashMap<&'s str, usize>,
        seen: &mut [bool],
    ) {
        if std::mem::replace(&mut seen[t], true) {
            return;
        }
        let scan = &self.scans[t];
        if !scan.macros.is_empty() {
            out.entry("self").or_insert(t);
        }
        let targets = |kind: Kind| {
            scan.references
                .iter()
                .filter(move |r| r.kind == kind)
                .filter_map(|r| Some((r, self.target(r)?)))
        };
        for (r, target) in targets(Kind::Import) {
            if let Some(ns) = &r.namespace {
                out.entry(ns.as_str()).or_insert(target);
            }
        }
        for (_, target) in targets(Kind::Import).chain(targets(Kind::Extends)) {
            self.collect_namespaces(target, out, seen);
        }
    }
}

/// The circles of a directed graph (`adjacent[node]` lists `(next node, edge)`), one
/// for each edge that closes a circle in a depth-first search, each as its edges in
/// order. The search keeps its own stack, so a long chain of templates cannot
/// overflow the thread's.
fn circles(adjacent: &[Vec<(usize, usize)>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        Unseen,
        OnPath,
        Done,
    }
    let mut state = vec![State::Unseen; adjacent.len()];
    let mut found = Vec::new();
    for root in 0..adjacent.len() {
        if state[root] != State::Unseen {
            continue;
        }
        state[root] = State::OnPath;
        // (node, how many of its edges are followed, the edge that led to it)
        let mut path: Vec<(usize, usize, Option<usize>)> = vec![(root, 0, None)];
        while let Some(top) = path.last_mut() {
            let node = top.0;
            let Some(&(next, edge)) = adjacent[node].get(top.1) else {
                state[node] = State::Done;
                path.pop();
                continue;
            };
            top.1 += 1;
            match state[next] {
                State::Unseen => {
                    state[next] = State::OnPath;
                    path.push((next, 0, Some(edge)));
                }
                State::OnPath => {
                    let from = path.iter().rposition(|step| step.0 == next).unwrap_or(0);
                    let mut circle: Vec<usize> =
                        path[from + 1..].iter().filter_map(|step| step.2).collect();
                    circle.push(edge);
                    found.push(circle);
                }
                State::Done => {}
            }
        }
    }
    found
}

/// The references and macro calls in a template's tags.
fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut in_macro = false;
    for tag in tags(text) {
        let words = lex(tag.inner);
        let word = |i: usize| words.get(i).map(|w| w.text);
        let strings = || {
            words
                .iter()
                .filter(|w| w.string)
                .map(|w| w.text.to_string())
        };
        let reference = |kind, target: String, namespace| Reference {
            kind,
            target,
            namespace,
            at: tag.start,
        };
        if tag.statement {
            match word(0) {
                Some("extends") => out
                    .references
                    .extend(strings().take(1).map(|t| reference(Kind::Extends, t, None))),
                // `include "a.html"`, `include ["a.html", "b.html"] ignore missing`.
                Some("include") => out
                    .references
                    .extend(strings().map(|t| reference(Kind::Include, t, None))),
                Some("import") => {
                    if let (Some(target), Some("as"), Some(ns)) =
                        (strings().next(), word(2), word(3))
                    {
                        out.references
                            .push(reference(Kind::Import, target, Some(ns.to_string())));
                    }
                }
                Some("macro") => {
                    if let Some(name) = word(1) {
                        out.macros.push((name.to_string(), Vec::new()));
                        in_macro = true;
                    }
                }
                Some("endmacro") => in_macro = false,
                _ => {}
            }
        }
        if in_macro && let Some((_, calls)) = out.macros.last_mut() {
            calls.extend(words.windows(5).filter_map(|w| {
                let call = !w[0].string
                    && w[1].text == ":"
                    && w[2].text == ":"
                    && !w[3].string
                    && w[4].text == "(";
                call.then(|| Call {
                    namespace: w[0].text.to_string(),
                    name: w[3].text.to_string(),
                    at: tag.inner_start + w[0].at,
                })
            }));
        }
    }
    out
}

/// A `{% ... %}` or `{{ ... }}` tag: where it starts, and what is between its
/// delimiters (without the `-` of whitespace control).
struct Tag<'a> {
    start: usize,
    statement: bool,
    inner: &'a str,
    inner_start: usize,
}

/// The tags of a template, in order, without comments and the inside of raw blocks.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut in_raw = false;
    while let Some(found) = text[from..].find('{') {
        let start = from + found;
        let rest = &text[start..];
        let close = match rest.as_bytes().get(1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            Some(b'#') => "#}",
            _ => {
                from = start + 1;
                continue;
            }
        };
        let end = if close == "#}" {
            rest.find(close).map(|e| start + e)
        } else {
            closing(text, start + 2, close)
        };
        let Some(end) = end else { break };
        from = end + 2;
        if close == "#}" {
            continue;
        }
        let inner_start = start + 2 + usize::from(text[start + 2..].starts_with('-'));
        let inner_end = if text[..end].ends_with('-') && end > inner_start {
            end - 1
        } else {
            end
        };
        let tag = Tag {
            start,
            statement: close == "%}",
            inner: &text[inner_start..inner_end],
            inner_start,
        };
        let first_word = tag.inner.split_whitespace().next();
        if in_raw {
            in_raw = !(tag.statement && first_word == Some("endraw"));
            continue;
        }
        if tag.statement && first_word == Some("raw") {
            in_raw = true;
            continue;
        }
        out.push(tag);
    }
    out
}

/// Where `close` ends a tag whose inside starts at `from`: the first one outside
/// string literals.
fn closing(text: &str, from: usize, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text[from..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if text[from + i..].starts_with(close) => return Some(from + i),
            None => {}
        }
    }
    None
}

/// A word of a tag: a name, a number, a string literal's content, or one character of
/// punctuation; `at` is its byte offset in the tag's inside.
struct Word<'a> {
    text: &'a str,
    string: bool,
    at: usize,
}

fn lex(inner: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '"' | '\'' | '`') {
            let body = i + 1;
            let end = inner[body..].find(c).map_or(inner.len(), |e| body + e);
            words.push(Word {
                text: &inner[body..end],
                string: true,
                at: i,
            });
            while chars.next_if(|&(j, _)| j <= end).is_some() {}
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() || c == '_' {
            while let Some((j, n)) = chars.next_if(|&(_, n)| n.is_alphanumeric() || n == '_') {
                end = j + n.len_utf8();
            }
        }
        words.push(Word {
            text: &inner[i..end],
            string: false,
            at: i,
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(name: &'a str, text: &'a str) -> Source<'a> {
        Source {
            name,
            file: Path::new(name),
            text,
            built_in: false,
        }
    }

    fn messages(templates: &[(&str, &str)]) -> Vec<String> {
        let sources: Vec<Source> = templates.iter().map(|&(n, t)| source(n, t)).collect();
        check(&sources)
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn scans_references_and_macro_calls_but_not_comments_raw_or_strings() {
        let text = "{% extends \"base.html\" %}\n{# {% include \"no.html\" %} #}\n\
            {%- import 'm.html' as m -%}\n{% raw %}{% include \"raw.html\" %}{% endraw %}\n\
            {% macro a(x) %}{{ m::b(y=\"%}\") }}{{ \"self::c()\" }}{% endmacro a %}\n\
            {{ self::a(x=1) }}{% include [\"p.html\", \"q.html\"] ignore missing %}";
        let s = scan(text);
        let refs: Vec<(Kind, &str, Option<&str>)> = s
            .references
            .iter()
            .map(|r| (r.kind, r.target.as_str(), r.namespace.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                (Kind::Extends, "base.html", None),
                (Kind::Import, "m.html", Some("m")),
                (Kind::Include, "p.html", None),
                (Kind::Include, "q.html", None),
            ]
        );
        assert_eq!(s.macros.len(), 1);
        let (name, calls) = &s.macros[0];
        assert_eq!(name, "a");
        let calls: Vec<(&str, &str)> = calls
            .iter()
            .map(|c| (c.namespace.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(calls, [("m", "b")]);
    }

    use std::path::PathBuf;

    #[test]
    fn the_built_in_theme_has_no_circles() {
        let files: Vec<(String, PathBuf, &str)> = super::super::theme::THEME_TEMPLATES
            .files()
            .filter_map(|f| {
                let name = f.path().to_string_lossy().into_owned();
                Some((name.clone(), PathBuf::from(name), f.contents_utf8()?))
            })
            .collect();
        let sources: Vec<Source> = files
            .iter()
            .map(|(n, f, t)| Source {
                name: n,
                file: f,
                text: t,
                built_in: true,
            })
            .collect();
        assert_eq!(check(&sources), []);
        let macros = scan(
            sources
                .iter()
                .find(|s| s.name == "macros.html")
                .unwrap()
                .text,
        );
        assert!(
            macros.macros.iter().any(|(_, calls)| !calls.is_empty()),
            "macros.html calls its own macros: the scanner must see them"
        );
    }

    #[test]
    fn finds_circles_of_references() {
        assert_eq!(
            messages(&[("a.html", "x\n  {% include \"a.html\" %}")]),
            ["a.html:2:3: error: the template `a.html` includes itself"]
        );
        assert_eq!(
            messages(&[
                ("a.html", "{% extends \"b.html\" %}"),
                ("b.html", "{% extends \"c.html\" %}"),
                ("c.html", "{% import \"b.html\" as b %}"),
            ]),
            [
                "b.html:1:1: error: the template `b.html` extends `c.html`, which imports `b.html`: templates may not refer to each other in a circle"
            ]
        );
        assert_eq!(
            messages(&[("a.html", "{% include \"missing.html\" %}")]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn finds_circles_of_macro_calls() {
        assert_eq!(
            messages(&[(
                "m.html",
                "{% macro tree(n) %}\n{% for c in n.children %}{{ self::tree(n=c) }}{% endfor %}{% endmacro %}"
            )]),
            ["m.html:2:29: error: the macro `tree` in `m.html` calls itself"]
        );
        assert_eq!(
            messages(&[
                (
                    "a.html",
                    "{% import \"b.html\" as b %}{% macro x() %}{{ b::y() }}{% endmacro %}"
                ),
                (
                    "b.html",
                    "{% import \"a.html\" as a %}{% macro y() %}{{ a::x() }}{% endmacro %}"
                ),
            ]),
            [
                "a.html:1:1: error: the template `a.html` imports `b.html`, which imports `a.html`: templates may not refer to each other in a circle"
            ]
        );
        assert_eq!(
            messages(&[
                (
                    "m.html",
                    "{% macro x() %}{{ self::y() }}{% endmacro %}{% macro y() %}{{ self::x() }}{% endmacro %}"
                ),
                ("page.html", "{% import \"m.html\" as m %}{{ m::x() }}"),
            ]),
            [
                "m.html:1:19: error: the macro `x` in `m.html` calls `y` in `m.html`, which calls `x` in `m.html`"
            ]
        );
        // Calls outside macros, and between different macros, are fine.
        assert_eq!(
            messages(&[(
                "m.html",
                "{% macro x() %}{{ self::y() }}{% endmacro %}{% macro y() %}y{% endmacro %}{{ self::x() }}"
            )]),
            Vec::<String>::new()
        );
    }
}
