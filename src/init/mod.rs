//! `dossier init [DIR]`: a starter dossier that builds as it is, in a new folder or in
//! the current one when it is empty.
//!
//! The starter has no templates of its own: the built-in theme is in the binary, and a
//! file copied into `templates/` overrides it file by file.

use std::path::Path;

use anyhow::{Context as _, bail};

/// The files of a new dossier: (path, contents).
pub const STARTER: &[(&str, &str)] = &[
    ("dossier.toml", include_str!("dossier.toml")),
    ("content/_index.md", include_str!("_index.md")),
    ("content/entities.toml", include_str!("entities.toml")),
    (
        "content/articles/a-first-article.md",
        include_str!("welcome.md"),
    ),
    (".gitignore", include_str!("gitignore")),
    (".github/workflows/pages.yml", include_str!("pages.yml")),
];

/// Writes the starter dossier into the current folder, which must be empty but for
/// hidden files (a `.git` folder, say).
pub fn init_here() -> anyhow::Result<()> {
    let here = Path::new(".");
    let entries = std::fs::read_dir(here).context("failed to read the current folder")?;
    let mut visible: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    visible.sort();
    if let Some(first) = visible.first() {
        bail!(
            "the current folder is not empty (it has `{first}`{}); run `dossier init` in an empty folder, or name a new one: `dossier init my-dossier`",
            match visible.len() {
                1 => String::new(),
                n => format!(
                    " and {}",
                    crate::text::count(n - 1, "other entry", "other entries")
                ),
            }
        );
    }
    write_starter(here)?;
    eprintln!("created a dossier in the current folder\nnext: dossier build");
    Ok(())
}

/// Writes the starter dossier into `dir`, which must not hold a dossier already.
pub fn init(dir: &Path) -> anyhow::Result<()> {
    write_starter(dir)?;
    eprintln!(
        "created a dossier in {}\nnext: dossier build --root {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// Writes the starter's files into `dir`, refusing to overwrite any.
fn write_starter(dir: &Path) -> anyhow::Result<()> {
    if dir.join(crate::config::CONFIG_FILE).exists() {
        bail!(
            "`{}` already holds a dossier (it has a `{}`); choose another folder",
            dir.display(),
            crate::config::CONFIG_FILE
        );
    }
    for (rel, _) in STARTER {
        let path = dir.join(rel);
        if path.exists() {
            bail!(
                "`{}` exists already; init never overwrites files",
                path.display()
            );
        }
    }
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        std::fs::write(&path, text)
            .with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    std::fs::create_dir_all(dir.join("static"))
        .with_context(|| format!("failed to create `{}`", dir.join("static").display()))?;
    Ok(())
}
