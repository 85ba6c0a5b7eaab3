//! The README's list of template variables is what the templates are given: it is made
//! from the pages of a dossier that takes the templates' branches, and compared with
//! the README's (`UPDATE_README=1 cargo test --test readme_templates` writes it).

mod common;
#[path = "common/rich.rs"]
mod rich;

use std::collections::BTreeMap;

use common::repo_root;
use dossier::build::{BuildOptions, build_in_memory};
use tera::Value;

const START: &str = "<!-- template variables: made by tests/readme_templates.rs -->\n";
const END: &str = "<!-- end of template variables -->\n";

/// What a variable holds: text or a number, a map of fields, or a list.
#[derive(Default)]
enum Shape {
    #[default]
    Plain,
    Map(BTreeMap<String, Shape>),
    List(Box<Shape>),
}

impl Shape {
    fn add(&mut self, v: &Value) {
        if let Some(map) = v.as_map() {
            if !matches!(self, Shape::Map(_)) {
                *self = Shape::Map(BTreeMap::new());
            }
            let Shape::Map(fields) = self else {
                unreachable!()
            };
            for (k, v) in map {
                let name = k.as_str().expect("field names are text").to_string();
                fields.entry(name).or_default().add(v);
            }
        } else if let Some(items) = v.as_array() {
            if !matches!(self, Shape::List(_)) {
                *self = Shape::List(Box::default());
            }
            let Shape::List(item) = self else {
                unreachable!()
            };
            for v in items {
                item.add(v);
            }
        }
    }

    /// ` {a, b (list of {c, d})}`: the fields of a map, the fields of a list's items; a
    /// map with the fields of one of the `named` shapes is called by its name.
    fn describe(&self, named: &[(&str, String)]) -> String {
        match self {
            Shape::Plain => String::new(),
            Shape::Map(fields) => {
                let full = format!(
                    " {{{}}}",
                    fields
                        .iter()
                        .map(|(k, s)| format!("`{k}`{}", s.describe(named)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                match named.iter().find(|(_, d)| *d == full) {
                    Some((name, _)) => format!(": {name}"),
                    None => full,
                }
            }
            Shape::List(item) => match item.describe(named) {
                d if d.is_empty() => " (list)".to_string(),
                d if d.starts_with(": ") => format!(" (list of {}s)", &d[2..]),
                d => format!(" (list of{d})"),
            },
        }
    }

    /// The shape at `path` (field names; `[]` for a list's items).
    fn at(&self, path: &[&str]) -> &Shape {
        match (self, path.split_first()) {
            (_, None) => self,
            (Shape::List(item), Some((&"[]", rest))) => item.at(rest),
            (Shape::Map(fields), Some((name, rest))) => fields[*name].at(rest),
            _ => panic!("no {path:?}"),
        }
    }
}

/// The README section: the variables every template sees, then each template's own.
fn section() -> String {
    let f = rich::rich_fixture();
    let built = build_in_memory(&BuildOptions {
        root: f.root().to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let mut templates: BTreeMap<&str, BTreeMap<&str, Shape>> = BTreeMap::new();
    let mut order: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (template, vars) in dossier::render::page_variables(&built.dossier) {
        let shapes = templates.entry(template).or_default();
        let names = order.entry(template).or_default();
        for (name, value) in &vars {
            shapes.entry(name).or_default().add(value);
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    // What every template sees comes first in each, in the same order.
    let common: Vec<&str> = order
        .values()
        .cloned()
        .reduce(|a, b| a.into_iter().filter(|n| b.contains(n)).collect())
        .unwrap_or_default();
    // The shapes many pages show, by name, each described with the names before it.
    let mut named: Vec<(&str, String)> = Vec::new();
    for (name, template, var, path) in [
        ("speaker", "quotes.html", "clusters", &["[]", "speaker"][..]),
        ("article", "index.html", "articles", &["[]"][..]),
        ("entity", "index.html", "top_entities", &["[]"][..]),
        ("quote", "article.html", "article", &["quotes", "[]"][..]),
        ("statement", "quotes.html", "clusters", &["[]"][..]),
    ] {
        let described = templates[template][var].at(path).describe(&named);
        named.push((name, described));
    }
    let mut out = String::from(START);
    out.push_str("The shapes many pages share, by name:\n\n");
    for (name, described) in &named {
        out.push_str(&format!("- *{name}*{described}\n"));
    }
    out.push_str("\nEvery template sees:\n\n");
    let first = templates.values().next().expect("templates");
    for name in &common {
        out.push_str(&format!("- `{name}`{}\n", first[name].describe(&named)));
    }
    for (template, shapes) in &templates {
        out.push_str(&format!("\n`{template}` also sees:\n\n"));
        let own: Vec<&&str> = order[template]
            .iter()
            .filter(|n| !common.contains(n))
            .collect();
        if own.is_empty() {
            out.push_str("- nothing more\n");
        }
        for name in own {
            out.push_str(&format!("- `{name}`{}\n", shapes[name].describe(&named)));
        }
    }
    out.push_str(END);
    out
}

#[test]
fn the_readme_lists_what_each_template_sees() {
    let path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let made = section();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no list of template variables between\n{START}and\n{END}");
    };
    let current = &readme[start..end + END.len()];
    if current != made {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, readme.replace(current, &made)).unwrap();
        } else {
            panic!(
                "README.md's list of template variables is out of date; run `UPDATE_README=1 cargo test --test readme_templates`. It should read:\n{made}"
            );
        }
    }
}
