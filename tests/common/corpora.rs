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
