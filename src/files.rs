//! Which files under a dossier's folders count, and reading them safely.
//!
//! One policy for every folder a build walks (`content/articles/`, `templates/`,
//! `static/`) and for every file it reads:
//!
//! - Names starting with `.` (hidden files, and everything in a hidden folder) and the
//!   lock, swap and backup files that editors leave beside the files they save are
//!   never loaded or published. They are passed over without a word: they come and go
//!   as the user works, and the watcher of `serve` ignores the same names.
//! - A symbolic link is followed when it resolves inside the dossier. One that leads
//!   outside it, or into a hidden part of it, is skipped with a warning (a link to
//!   `~/.ssh` or `.git/` in `static/` would publish it); one that leads nowhere, or
//!   back to a folder that contains it, is an error.
//! - A file the folder does not take (an article not ending in `.md`, a template not
//!   ending in `.html`, `.xml` or `.txt`) or whose name is not UTF-8 (it could not be
//!   given a URL) is skipped with a warning naming it.
//! - Only regular files are read (a named pipe would block the build for ever, a
//!   device never ends), and never more than a limit: the read stops one byte past it,
//!   whatever size the file system reports.

use std::fs::{self, DirEntry, FileType};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::Diagnostic;

/// A folder of the dossier that is walked for files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Articles,
    Templates,
    Static,
}

impl Folder {
    /// The folder's path relative to the dossier root.
    pub const fn path(self) -> &'static str {
        match self {
            Folder::Articles => "content/articles",
            Folder::Templates => "templates",
            Folder::Static => "static",
        }
    }

    /// Why a file of this name is not taken from the folder (message and help), if it
    /// is not.
    fn refusal(self, name: &str) -> Option<(&'static str, &'static str)> {
        match self {
            Folder::Articles if !is_article_name(name) => Some((
                "this is not an article (articles end in `.md`); it is skipped",
                "rename it to end in `.md` if it is an article, or move it out of `content/articles/`",
            )),
            Folder::Templates if !is_template_name(name) => Some((
                "this is not a template (templates end in `.html`, `.xml` or `.txt`); it is skipped",
                "rename it if it is a template, or move it out of `templates/`",
            )),
            _ => None,
        }
    }
}

/// Whether a file name is an article's: it ends in `.md` or `.markdown`, in any case.
pub fn is_article_name(name: &str) -> bool {
    extension(name)
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn is_template_name(name: &str) -> bool {
    extension(name).is_some_and(|e| matches!(e, "html" | "xml" | "txt"))
}

fn extension(name: &str) -> Option<&str> {
    Path::new(name).extension().and_then(|e| e.to_str())
}

/// Whether a file or folder of this name is passed over without a word: hidden, or an
/// editor's lock, swap or backup file.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_editor_temp_file(name)
}

/// Swap, backup, lock and temporary files that editors and tools write next to the
/// files they save.
pub fn is_editor_temp_file(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "~",            // vim and emacs backups
        ".swp",         // vim swap files
        ".swo",         //
        ".swx",         //
        ".swpx",        //
        ".tmp",         // many editors' temporary files
        ".temp",        //
        ".bak",         //
        ".orig",        // merge leftovers
        ".kate-swp",    // Kate
        ".crswap",      // browsers' file system access
        "___jb_tmp___", // JetBrains IDEs
        "___jb_old___",
    ];
    name == "4913" // vim's probe that the folder is writable
        || name == ".DS_Store"
        || name.starts_with(".#") // emacs lock files
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-saves
        || name.starts_with(".goutputstream-") // GNOME's atomic writes
        || name.starts_with(".~lock.") // LibreOffice
        || (name.starts_with("sed") && name.len() == 9 && !name.contains('.')) // sed -i
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// A file taken from one of the dossier's folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    /// Path inside the folder, with `/` separators (`css/site.css`).
    pub name: String,
    /// Path relative to the dossier root, for messages and reading.
    pub rel: PathBuf,
}

/// What a walk of a folder found: the files it takes, sorted by path, and what it has
/// to say about the rest.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub files: Vec<FolderFile>,
    /// Errors (a dangling or looping link, an unreadable folder) and warnings (files
    /// skipped, and why).
    pub diagnostics: Vec<Diagnostic>,
}

impl Walk {
    /// The files and the errors alone. For `templates/` and `static/`, whose readers
    /// cannot pass warnings on, [`crate::content::load_content`] reports the warnings,
    /// once per load.
    pub fn files_and_errors(self) -> (Vec<FolderFile>, Vec<Diagnostic>) {
        let errors = self.diagnostics.into_iter().filter(Diagnostic::is_error);
        (self.files, errors.collect())
    }

    /// The warnings alone.
    pub fn warnings(self) -> impl Iterator<Item = Diagnostic> {
        self.diagnostics.into_iter().filter(|d| !d.is_error())
    }
}

/// Walks `folder` of the dossier at `root` under the policy of this module. A folder
/// that does not exist has no files.
pub fn walk(root: &Path, folder: Folder) -> Walk {
    let rel = PathBuf::from(folder.path());
    let mut walker = Walker {
        root,
        inside: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        folder,
        ancestors: Vec::new(),
        walk: Walk::default(),
    };
    let is_link = root
        .join(&rel)
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let top = if is_link {
        walker.follow(&rel)
    } else {
        root.join(&rel).canonicalize().ok()
    };
    if let Some(top) = top.filter(|t| t.is_dir()) {
        walker.visit_dir(top, rel, String::new());
    }
    walker.walk
}

struct Walker<'a> {
    root: &'a Path,
    /// The dossier root, canonical: links must resolve under it.
    inside: PathBuf,
    folder: Folder,
    /// Canonical paths of the folders being walked, outermost first.
    ancestors: Vec<PathBuf>,
    walk: Walk,
}

impl Walker<'_> {
    /// Walks the folder `rel` (canonically `canon`), whose files are named `prefix/...`.
    fn visit_dir(&mut self, canon: PathBuf, rel: PathBuf, prefix: String) {
        let mut entries: Vec<DirEntry> = Vec::new();
        match fs::read_dir(self.root.join(&rel)) {
            Ok(read) => {
                for entry in read {
                    match entry {
                        Ok(entry) => entries.push(entry),
                        Err(e) => self.unreadable_folder(&rel, e),
                    }
                }
            }
            Err(e) => return self.unreadable_folder(&rel, e),
        }
        entries.sort_by_key(DirEntry::file_name);
        self.ancestors.push(canon);
        for entry in entries {
            self.visit_entry(&entry, &rel, &prefix);
        }
        self.ancestors.pop();
    }

    fn visit_entry(&mut self, entry: &DirEntry, parent: &Path, prefix: &str) {
        let os_name = entry.file_name();
        let rel = parent.join(&os_name);
        if is_ignored_name(&os_name.to_string_lossy()) {
            return;
        }
        let Some(name) = os_name.to_str() else {
            self.walk.diagnostics.push(
                Diagnostic::warning(&rel, 0, "this name is not valid UTF-8, so it cannot be published or linked to; it is skipped")
                    .with_help("rename it using UTF-8 (any file manager will do)"),
            );
            return;
        };
        let inside = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        };
        let file_type = entry.file_type();
        let target = if file_type.as_ref().is_ok_and(FileType::is_symlink) {
            let Some(target) = self.follow(&rel) else {
                return;
            };
            Some(target)
        } else {
            None
        };
        let is_dir = match &target {
            Some(target) => target.is_dir(),
            None => file_type.is_ok_and(|t| t.is_dir()),
        };
        if !is_dir {
            match self.folder.refusal(name) {
                Some((message, help)) => self
                    .walk
                    .diagnostics
                    .push(Diagnostic::warning(&rel, 0, message).with_help(help)),
                None => self.walk.files.push(FolderFile { name: inside, rel }),
            }
            return;
        }
        let canon = target.unwrap_or_else(|| {
            let parent = self.ancestors.last().expect("inside a folder");
            parent.join(name)
        });
        if self.ancestors.contains(&canon) {
            self.walk.diagnostics.push(
                Diagnostic::error(
                    &rel,
                    0,
                    "this symbolic link points back to a folder that contains it",
                )
                .with_help("remove the link"),
            );
        } else {
            self.visit_dir(canon, rel, inside);
        }
    }

    fn unreadable_folder(&mut self, rel: &Path, e: std::io::Error) {
        self.walk.diagnostics.push(
            Diagnostic::error(rel, 0, format!("cannot read the folder: {e}"))
                .with_help("check the folder's permissions"),
        );
    }

    /// Where the symbolic link `rel` leads, canonically, if it may be followed;
    /// otherwise says why not.
    fn follow(&mut self, rel: &Path) -> Option<PathBuf> {
        let path = self.root.join(rel);
        let target = match path.canonicalize() {
            Ok(target) => target,
            Err(e) => {
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    let leads_to = fs::read_link(&path).unwrap_or_default();
                    format!(
                        "this symbolic link leads to `{}`, which does not exist",
                        leads_to.display()
                    )
                } else {
                    format!("cannot follow this symbolic link: {e}")
                };
                self.walk.diagnostics.push(
                    Diagnostic::error(rel, 0, message)
                        .with_help("remove the link, or point it at a file"),
                );
                return None;
            }
        };
        let Ok(within) = target.strip_prefix(&self.inside) else {
            self.walk.diagnostics.push(
                Diagnostic::warning(
                    rel,
                    0,
                    format!(
                        "this symbolic link leads outside the dossier, to `{}`; it is skipped",
                        target.display()
                    ),
                )
                .with_help("copy what it points to into the dossier, or remove the link"),
            );
            return None;
        };
        let hidden = within.components().any(|c| match c {
            Component::Normal(n) => is_ignored_name(&n.to_string_lossy()),
            _ => false,
        });
        if hidden {
            self.walk.diagnostics.push(
                Diagnostic::warning(
                    rel,
                    0,
                    format!(
                        "this symbolic link leads to `{}`, a hidden or temporary file of the dossier; it is skipped",
                        within.display()
                    ),
                )
                .with_help("hidden files are never published: remove the link"),
            );
            return None;
        }
        Some(target)
    }
}

/// How much of one kind of file is read, and what to say of a larger one.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bytes: u64,
    /// The files it is for, in a message: "content files".
    pub what: &'static str,
    pub help: &'static str,
}

/// Articles, the registry, the home page, templates and the configuration. A news
/// article is rarely over 100 KB; a file of many megabytes is almost surely a mistake
/// (a pasted PDF, a data dump), and would make every page that quotes it huge.
pub const CONTENT_LIMIT: Limit = Limit {
    bytes: 16_000_000,
    what: "content files",
    help: "split the article into several files, or remove what is not article text",
};

/// Files under `static/`, copied as they are: GitHub Pages refuses files over 100 MB.
pub const STATIC_LIMIT: Limit = Limit {
    bytes: 100_000_000,
    what: "static files",
    help: "host large files elsewhere and link to them",
};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not a regular file (after following links): what it is instead.
    NotRegular(&'static str),
    /// Over the limit; the size when the file system tells it.
    TooLarge(Option<u64>),
}

impl ReadError {
    /// The error as a diagnostic about `rel`.
    pub fn diagnostic(self, rel: &Path, limit: &Limit) -> Diagnostic {
        let mb = limit.bytes / 1_000_000;
        match self {
            ReadError::Io(e) => Diagnostic::error(rel, 0, format!("cannot read the file: {e}"))
                .with_help("check that the file exists and is readable"),
            ReadError::NotRegular(kind) => Diagnostic::error(
                rel,
                0,
                format!("this is {kind}, not a regular file; only regular files are read"),
            )
            .with_help("replace it with an ordinary file"),
            ReadError::TooLarge(size) => {
                let size = match size {
                    Some(bytes) => format!("{:.1} MB", bytes as f64 / 1e6),
                    None => format!("over {mb} MB"),
                };
                Diagnostic::error(
                    rel,
                    0,
                    format!("the file is {size}; {} are limited to {mb} MB", limit.what),
                )
                .with_help(limit.help)
            }
        }
    }
}

/// Reads the file `rel` of the dossier at `root`, as [`read_bytes`] does.
pub fn read_file(root: &Path, rel: &Path, limit: &Limit) -> Result<Vec<u8>, Diagnostic> {
    read_bytes(&root.join(rel), limit).map_err(|e| e.diagnostic(rel, limit))
}

/// Reads a regular file (following links) of at most `limit.bytes`. Anything else is
/// refused without waiting: a named pipe is opened without blocking and never read.
pub fn read_bytes(path: &Path, limit: &Limit) -> Result<Vec<u8>, ReadError> {
    let file = open_without_waiting(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// What a file that is not a regular file is, for a message.
fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names_ignore_case() {
        for name in ["a.md", "a.MD", "a.Md", "a.markdown", "a.Markdown"] {
            assert!(is_article_name(name), "{name}");
        }
        for name in ["a.txt", "md", "a.md.txt", "a.mdx"] {
            assert!(!is_article_name(name), "{name}");
        }
    }

    #[test]
    fn hidden_and_editor_files_are_ignored() {
        for name in [".trash", ".#a.md", "a.md~", "#a.md#", ".a.md.swp", "4913"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("a.md"));
    }

    #[test]
    fn reads_stop_past_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.txt");
        fs::write(&path, "12345").unwrap();
        let small = Limit {
            bytes: 4,
            ..CONTENT_LIMIT
        };
        assert!(matches!(
            read_bytes(&path, &small),
            Err(ReadError::TooLarge(Some(5)))
        ));
        assert_eq!(read_bytes(&path, &CONTENT_LIMIT).unwrap(), b"12345");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_unread() {
        let refused = read_bytes(Path::new("/dev/zero"), &CONTENT_LIMIT);
        assert!(matches!(refused, Err(ReadError::NotRegular("a device"))));
    }
}
