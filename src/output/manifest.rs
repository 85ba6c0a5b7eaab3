//! Whose files are in the output folder: dossier's, which a build replaces, or the
//! user's, which it never deletes.
//!
//! Every build records the files it wrote in `.dossier-manifest.json` at the top of the
//! site (`written`, relative paths). Before the next build replaces the folder, it looks
//! at what is there. A file the manifest lists is dossier's. Git's and the host's files at
//! the top (`.git/`, `.gitignore`, `.gitattributes`, `.nojekyll`, `CNAME`) are the user's
//! unless dossier wrote them, and are carried into the new site; where the new site
//! writes one itself (`.nojekyll` always, `CNAME` from `cname`), its own wins. Any other
//! file stops the build with a list, unless `--force` is given: then those files are
//! carried into the new site too, and recorded as `kept` so that later builds keep them
//! without asking. A folder written before the manifest existed, marked by dossier's
//! `.nojekyll`, counts as all dossier's but for git's and the host's files.
//!
//! Carried files are hard links (copies where the file system has none), so the
//! originals stay where they are until the new site, holding them too, is swapped in.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;

/// The manifest's name, at the top of the output folder.
pub const MANIFEST_FILE: &str = ".dossier-manifest.json";

/// Names at the top of the output folder that belong to git or the host.
const HOSTING_FILES: [&str; 5] = [".git", ".gitignore", ".gitattributes", ".nojekyll", "CNAME"];

/// How many of the user's files a message names before it counts the rest.
const LISTED: usize = 10;

/// The record of one build's files.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// What the file is, for whoever opens it.
    #[serde(default)]
    about: String,
    /// The files dossier wrote, relative to the folder, sorted.
    pub written: Vec<String>,
    /// The user's files and folders (a folder ends in `/`) that `--force` said to keep.
    #[serde(default)]
    pub kept: Vec<String>,
}

impl Manifest {
    pub fn new(mut written: Vec<String>, kept: Vec<String>) -> Manifest {
        written.sort_unstable();
        Manifest {
            about: "The files `dossier build` wrote in this folder. It replaces them on the \
                    next build and keeps every other file."
                .into(),
            written,
            kept,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a manifest serialises")
    }

    /// The manifest of the site in `out`, if it has one.
    fn read(out: &Path) -> Result<Option<Manifest>, Diagnostic> {
        let path = out.join(MANIFEST_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(
                    Diagnostic::error(&path, 0, format!("cannot read the file: {e}"))
                        .with_help("check the file's permissions"),
                );
            }
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Diagnostic::error(&path, e.line(), format!("this is not a manifest dossier can read: {e}"))
                .with_help("delete it: the next build then replaces every file of the folder but git's and the host's")
        })
    }
}

/// A file or folder of the user's in the output folder, relative to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UserEntry {
    pub rel: PathBuf,
    pub is_dir: bool,
}

impl UserEntry {
    /// The path as messages and the manifest show it: `/`-separated, a folder with a
    /// trailing `/`.
    pub fn shown(&self) -> String {
        let path = self.rel.to_string_lossy().replace('\\', "/");
        if self.is_dir { path + "/" } else { path }
    }

    fn is_hosting_file(&self) -> bool {
        HOSTING_FILES.iter().any(|h| self.rel == Path::new(h))
    }
}

/// The user's files in an output folder, found before a build replaces it.
#[derive(Debug, Default)]
pub struct UserFiles {
    /// What the new site carries over: git's and the host's files, and the rest when
    /// they may be kept.
    pub carried: Vec<UserEntry>,
    /// What the new manifest records as kept: the carried entries but git's and the host's.
    pub kept: Vec<String>,
}

/// Finds the user's files in `out`. Files other than git's and the host's fail the build,
/// listed, unless `force` (or an earlier `--force` recorded in the manifest) keeps them.
pub fn survey(out: &Path, force: bool) -> Result<UserFiles, Diagnostic> {
    if !out.is_dir() {
        return Ok(UserFiles::default());
    }
    let manifest = Manifest::read(out)?;
    let owner = Owner::new(manifest.as_ref(), out.join(".nojekyll").exists());
    let mut found = Found::default();
    owner.walk(out, Path::new(""), &mut found).map_err(|e| {
        Diagnostic::error(
            super::shown(out),
            0,
            format!("cannot read the output folder: {e}"),
        )
        .with_help("check the folder's permissions")
    })?;
    found.unknown.sort();
    if !found.unknown.is_empty() && !force {
        return Err(refusal(out, &found.unknown));
    }
    found.kept.append(&mut found.unknown);
    found.kept.sort();
    let kept = found.kept.iter().map(UserEntry::shown).collect();
    let mut carried = found.hosting;
    carried.append(&mut found.kept);
    carried.sort();
    Ok(UserFiles { carried, kept })
}

/// The error for a folder holding files dossier did not write.
fn refusal(out: &Path, unknown: &[UserEntry]) -> Diagnostic {
    Diagnostic::error(
        super::shown(out),
        0,
        format!(
            "the output folder holds files that dossier did not write: {}",
            listing(unknown)
        ),
    )
    .with_help(
        "move them out of the folder; or pass `--force` to build anyway: they then stay \
         where they are, in the new site, and later builds keep them too",
    )
}

/// The first few entries, then how many more there are.
fn listing(entries: &[UserEntry]) -> String {
    let mut list: Vec<String> = entries.iter().take(LISTED).map(UserEntry::shown).collect();
    if entries.len() > LISTED {
        list.push(format!("and {} more", entries.len() - LISTED));
    }
    list.join(", ")
}

/// What a look through the output folder found of the user's.
#[derive(Debug, Default)]
struct Found {
    hosting: Vec<UserEntry>,
    kept: Vec<UserEntry>,
    unknown: Vec<UserEntry>,
}

/// Which paths of the output folder are dossier's.
struct Owner<'a> {
    written: HashSet<&'a str>,
    /// The folders holding a written file.
    folders: HashSet<&'a str>,
    kept: HashSet<&'a str>,
    /// A site from before the manifest: all dossier's but git's and the host's files.
    everything: bool,
}

impl<'a> Owner<'a> {
    fn new(manifest: Option<&'a Manifest>, has_nojekyll: bool) -> Owner<'a> {
        let Some(m) = manifest else {
            return Owner {
                written: HashSet::new(),
                folders: HashSet::new(),
                kept: HashSet::new(),
                everything: has_nojekyll,
            };
        };
        let written: HashSet<&str> = m.written.iter().map(String::as_str).collect();
        let mut folders = HashSet::new();
        for path in &written {
            let mut rest = *path;
            while let Some((folder, _)) = rest.rsplit_once('/') {
                if !folders.insert(folder) {
                    break;
                }
                rest = folder;
            }
        }
        Owner {
            written,
            folders,
            kept: m.kept.iter().map(String::as_str).collect(),
            everything: false,
        }
    }

    /// Sorts the entries of `dir` (at `rel` in the output folder) into `found`, going
    /// into the folders that hold both dossier's and perhaps the user's files.
    fn walk(&self, dir: &Path, rel: &Path, found: &mut Found) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let user = UserEntry {
                rel: rel.join(entry.file_name()),
                is_dir: entry.file_type()?.is_dir(),
            };
            let shown = user.shown();
            let path = shown.trim_end_matches('/');
            if path == MANIFEST_FILE || (self.written.contains(path) && !user.is_dir) {
                continue;
            }
            if user.is_hosting_file() {
                found.hosting.push(user);
            } else if self.everything {
                continue;
            } else if self.kept.contains(shown.as_str()) {
                found.kept.push(user);
            } else if user.is_dir && self.folders.contains(path) {
                self.walk(&entry.path(), &user.rel, found)?;
            } else {
                found.unknown.push(user);
            }
        }
        Ok(())
    }
}

/// Carries the user's `entries` from the site in `out` into the new site in `fresh`,
/// as hard links where the file system allows and copies elsewhere. A file the new
/// site writes itself is an error, but for git's and the host's, where the site's own
/// wins.
pub fn carry(out: &Path, fresh: &Path, entries: &[UserEntry]) -> Result<(), Diagnostic> {
    let mut clashes = Vec::new();
    // A folder's permissions are set once it is filled: it may be read-only.
    let mut folders = Vec::new();
    for entry in entries {
        let walk = walkdir::WalkDir::new(out.join(&entry.rel)).follow_root_links(false);
        for item in walk {
            let item = item.map_err(|e| cannot_keep(out, entry, &e.to_string()))?;
            let rel = item.path().strip_prefix(out).expect("walked from out");
            let dest = fresh.join(rel);
            let is_dir = item.file_type().is_dir();
            if dest.symlink_metadata().is_ok() {
                let site_wins = entry.is_hosting_file() && !entry.is_dir;
                if (is_dir && dest.is_dir()) || site_wins {
                    continue;
                }
                clashes.push(UserEntry {
                    rel: rel.to_path_buf(),
                    is_dir,
                });
                continue;
            }
            let copied = if is_dir {
                item.metadata()
                    .map_err(std::io::Error::from)
                    .and_then(|meta| {
                        std::fs::create_dir(&dest)?;
                        folders.push((dest, rel.to_path_buf(), meta.permissions()));
                        Ok(())
                    })
            } else {
                link_or_copy(item.path(), &dest)
            };
            copied.map_err(|e| cannot_keep(out, entry, &e.to_string()))?;
        }
    }
    for (dest, rel, permissions) in folders.into_iter().rev() {
        std::fs::set_permissions(&dest, permissions)
            .map_err(|e| cannot_keep(out, &UserEntry { rel, is_dir: true }, &e.to_string()))?;
    }
    if clashes.is_empty() {
        return Ok(());
    }
    Err(Diagnostic::error(
        super::shown(out),
        0,
        format!(
            "the new site writes files that are yours in the output folder (not dossier's): {}",
            listing(&clashes)
        ),
    )
    .with_help(
        "move them out of the folder, or rename the pages or static files that replace them",
    ))
}

fn cannot_keep(out: &Path, entry: &UserEntry, why: &str) -> Diagnostic {
    Diagnostic::error(
        super::shown(out),
        0,
        format!("cannot keep `{}` in the new site: {why}", entry.shown()),
    )
    .with_help("move it out of the folder, or make it readable")
}

/// Makes `dest` the same file as `src`: a hard link, or a copy (a link is copied as a
/// link).
fn link_or_copy(src: &Path, dest: &Path) -> std::io::Result<()> {
    if std::fs::hard_link(src, dest).is_ok() {
        return Ok(());
    }
    let meta = src.symlink_metadata()?;
    if meta.file_type().is_symlink() {
        copy_symlink(src, dest)
    } else {
        std::fs::copy(src, dest).map(drop)
    }
}

#[cfg(unix)]
fn copy_symlink(src: &Path, dest: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(src)?, dest)
}

#[cfg(not(unix))]
fn copy_symlink(src: &Path, dest: &Path) -> std::io::Result<()> {
    std::fs::copy(src, dest).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn shown(entries: &[UserEntry]) -> Vec<String> {
        entries.iter().map(UserEntry::shown).collect()
    }

    #[test]
    fn files_outside_the_manifest_are_the_users() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        write(out, "index.html", "site");
        write(out, "articles/a/index.html", "site");
        write(out, "articles/notes.md", "mine");
        write(out, "docs/x.txt", "mine");
        write(out, ".git/HEAD", "ref");
        write(out, ".nojekyll", "");
        let manifest = Manifest::new(
            vec![
                "index.html".into(),
                "articles/a/index.html".into(),
                ".nojekyll".into(),
            ],
            vec![],
        );
        std::fs::write(out.join(MANIFEST_FILE), manifest.to_json()).unwrap();
        let err = survey(out, false).unwrap_err();
        assert!(err.message.ends_with(": articles/notes.md, docs/"), "{err}");
        let user = survey(out, true).unwrap();
        assert_eq!(
            shown(&user.carried),
            [".git/", "articles/notes.md", "docs/"]
        );
        assert_eq!(user.kept, ["articles/notes.md", "docs/"]);
    }

    #[test]
    fn long_lists_are_counted() {
        let entries: Vec<UserEntry> = (0..25)
            .map(|i| UserEntry {
                rel: format!("f{i:02}").into(),
                is_dir: false,
            })
            .collect();
        let text = listing(&entries);
        assert!(text.starts_with("f00, f01"), "{text}");
        assert!(text.ends_with("f09, and 15 more"), "{text}");
    }
}
