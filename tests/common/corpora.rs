//! Where the shared measurement corpora are, when they are there at all.

use std::path::{Path, PathBuf};

/// The corpora folder: `DOSSIER_CORPORA` if set, else `../shared/corpora` beside the
/// crate; `None` when it is absent (tests that need it then skip, passing).
pub fn corpora() -> Option<PathBuf> {
    let dir = std::env::var_os("DOSSIER_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    dir.is_dir().then_some(dir)
}
