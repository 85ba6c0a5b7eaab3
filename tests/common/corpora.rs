//! Where the shared test corpora and raw seed articles are, when they are present.
//! They are never part of the repository: tests that read them skip when they are absent.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpora folder: `$DOSSIER_CORPORA`, else `../shared/corpora` beside the crate.
pub fn corpora() -> Option<PathBuf> {
    locate("DOSSIER_CORPORA", "../shared/corpora")
}

/// The raw seed articles: `$DOSSIER_SEEDS`, else `../shared/seeds` beside the crate.
pub fn seeds() -> Option<PathBuf> {
    locate("DOSSIER_SEEDS", "../shared/seeds")
}

fn locate(var: &str, beside_crate: &str) -> Option<PathBuf> {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(beside_crate));
    path.is_dir().then_some(path)
}

/// The `.txt` files of a corpus folder, sorted by name; empty when it cannot be read.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}
