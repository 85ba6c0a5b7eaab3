//! Writing the built site: into a fresh directory beside the output, then swapped in.
//!
//! A build either replaces the whole site or leaves the last good one exactly as it
//! was. The output directory is checked before anything is written: it may not be the
//! dossier root, contain it, lie inside `content/`, `templates/` or `static/`, or be `/`.
//! A build never deletes what dossier did not write: the site records its files in a
//! manifest, and the user's files found in the output are carried into the new site or
//! stop the build ([`manifest`]). One build at a time writes an output folder, and the
//! next build removes what a killed one left beside it ([`lock`]). Where the system can
//! exchange two folders in one step (Linux), the output folder is never missing, even
//! for a moment.

mod lock;
pub mod manifest;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::error::{ContentErrors, Diagnostic};
use crate::files::{self, Folder, FolderFile, STATIC_LIMIT};
use crate::render::OutputFile;
use crate::render::theme::THEME_STATIC;
use lock::OutputLock;
use manifest::{MANIFEST_FILE, Manifest, UserFiles};

/// Makes `path` absolute and normal (`..` and `.` resolved) without touching the disk
/// for the parts that do not exist yet.
pub fn normalise_path(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve symlinks in the longest existing prefix.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(p), Some(n)) => {
                rest.push(n.to_os_string());
                existing = p.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    let mut clean = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// Refuses output directories that would destroy the dossier or anything else.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = normalise_path(root);
    let out_n = normalise_path(out);
    let refuse = |why: &str| {
        Err(Diagnostic::error(crate::config::CONFIG_FILE, 0, format!("refusing to write the site to `{}`: {why}", out.display()))
            .with_help("choose a separate folder for the site, such as `public` (the `--output` option or `build.output_dir`)"))
    };
    if out_n.parent().is_none() {
        return refuse("it is the file system root");
    }
    if out_n == root {
        return refuse("it is the dossier itself");
    }
    if root.starts_with(&out_n) {
        return refuse("it contains the dossier");
    }
    for dir in ["content", "templates", "static"] {
        if out_n.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the dossier's `{dir}/` folder"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && normalise_path(&home) == out_n
    {
        return refuse("it is your home folder");
    }
    if out_n.is_file() {
        return refuse("it is a file");
    }
    Ok(())
}

/// `path` as the user would write it: relative to the current folder when inside it.
pub fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).to_path_buf()
}

/// An output folder made ready for one build: locked against other builds, cleared of
/// what killed builds left beside it, and looked through for the user's files.
#[derive(Debug)]
pub struct OutputFolder {
    path: PathBuf,
    user: UserFiles,
    /// Held until the build is done with the folder.
    _lock: OutputLock,
}

impl OutputFolder {
    /// Readies `out`; with `force`, files dossier did not write are kept rather than
    /// stopping the build.
    pub fn open(out: &Path, force: bool) -> anyhow::Result<OutputFolder> {
        let path = normalise_path(out);
        let parent = path.parent().context("the output folder has no parent")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        let lock = OutputLock::acquire(&path)?;
        lock::remove_leftovers(&path)?;
        let user = manifest::survey(&path, force).map_err(ContentErrors::from)?;
        Ok(OutputFolder {
            path,
            user,
            _lock: lock,
        })
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: u64,
}

/// The static files to copy: the built-in theme's, then the dossier's own `static/`
/// (which override the theme's of the same name). A static file may not replace a
/// generated page, nor stand where the site needs a folder or the other way round.
pub fn static_files(
    root: &Path,
    generated: &HashSet<&str>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = std::collections::BTreeMap::new();
    collect_embedded(&THEME_STATIC, &mut files);
    let (found, mut errors) = files::walk(root, Folder::Static).files_and_errors();
    let folders = if found.is_empty() {
        HashSet::new()
    } else {
        generated_folders(generated)
    };
    for f in found {
        if let Some(clash) = clash_with_generated(&f, generated, &folders) {
            errors.push(clash);
            continue;
        }
        match files::read_file(root, &f.rel, &STATIC_LIMIT) {
            Ok(bytes) => {
                files.insert(f.name, bytes);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(files
        .into_iter()
        .map(|(p, b)| OutputFile::new(p, b))
        .collect())
}

/// Every folder the generated files are in (`articles` and `articles/x` for
/// `articles/x/index.html`).
fn generated_folders<'a>(generated: &HashSet<&'a str>) -> HashSet<&'a str> {
    generated
        .iter()
        .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
        .collect()
}

/// Why the static file `f` cannot be written beside the generated files, if it cannot.
fn clash_with_generated(
    f: &FolderFile,
    generated: &HashSet<&str>,
    folders: &HashSet<&str>,
) -> Option<Diagnostic> {
    let name = f.name.as_str();
    let message = if generated.contains(name) {
        format!("this static file would overwrite the generated `{name}`")
    } else if folders.contains(name) {
        format!("this static file has the name of the generated folder `{name}/`")
    } else {
        let page = name
            .match_indices('/')
            .map(|(i, _)| &name[..i])
            .find(|folder| generated.contains(folder))?;
        format!("this static file would need the generated `{page}` to be a folder")
    };
    Some(Diagnostic::error(&f.rel, 0, message).with_help(
        "rename or remove the file; to change a generated page, override its template in `templates/`",
    ))
}

fn collect_embedded(
    dir: &include_dir::Dir<'_>,
    out: &mut std::collections::BTreeMap<String, Vec<u8>>,
) {
    for f in dir.files() {
        out.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            f.contents().to_vec(),
        );
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Writes `files` as the new content of `out`, atomically replacing what dossier wrote
/// there.
pub fn write_site(out: &Path, files: &[OutputFile]) -> anyhow::Result<WriteReport> {
    let staging = Staging::new(OutputFolder::open(out, false)?)?;
    files.par_iter().for_each(|f| staging.write(f));
    staging.commit()
}

/// A site being written: files go into a fresh directory beside the output as they are
/// made (so the whole site is never held in memory), and [`Staging::commit`] swaps it
/// in. Dropped without a commit, it removes what it wrote and the last site stays.
pub struct Staging {
    out: OutputFolder,
    fresh: PathBuf,
    old: PathBuf,
    /// Every file written, for the manifest.
    written: Mutex<Vec<String>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicU64,
    /// The first write that failed; the rest are skipped.
    error: Mutex<Option<anyhow::Error>>,
    committed: bool,
}

impl Staging {
    pub fn new(out: OutputFolder) -> anyhow::Result<Self> {
        let (fresh, old) = lock::temporaries(&out.path)?;
        std::fs::create_dir(&fresh)
            .with_context(|| format!("failed to create `{}`", fresh.display()))?;
        Ok(Staging {
            out,
            fresh,
            old,
            written: Mutex::new(Vec::new()),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            error: Mutex::new(None),
            committed: false,
        })
    }

    /// Writes one file; a failure is kept for [`Staging::commit`] to report.
    pub fn write(&self, file: &OutputFile) {
        if self.failed() {
            return;
        }
        if let Err(e) = self.try_write(file) {
            self.error.lock().expect("not poisoned").get_or_insert(e);
        }
    }

    fn failed(&self) -> bool {
        self.error.lock().expect("not poisoned").is_some()
    }

    /// Writes one file made elsewhere, at `rel`.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        if self.failed() {
            return;
        }
        if let Err(e) = self.try_write_bytes(rel, bytes) {
            self.error.lock().expect("not poisoned").get_or_insert(e);
        }
    }

    fn try_write(&self, file: &OutputFile) -> anyhow::Result<()> {
        self.try_write_bytes(&file.path, &file.bytes)
    }

    fn try_write_bytes(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.create(rel)?;
        std::fs::write(&path, bytes)
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if rel.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Writes one file as `write` makes it, through a buffer.
    fn try_stream(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let path = self.create(rel)?;
        let file = std::fs::File::create(&path)
            .with_context(|| format!("failed to create `{}`", path.display()))?;
        let mut out = Counted {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            bytes: 0,
        };
        write(&mut out)
            .and_then(|()| out.inner.flush())
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(out.bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Where the site file `rel` goes in the new site, its folder made; records it for
    /// the manifest.
    fn create(&self, rel: &str) -> anyhow::Result<PathBuf> {
        if rel == MANIFEST_FILE {
            bail!(
                "`{MANIFEST_FILE}` is dossier's record of the files it wrote; rename the file that would replace it"
            );
        }
        let path = safe_join(&self.fresh, rel)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("failed to create `{}`", dir.display()))?;
        }
        self.written
            .lock()
            .expect("not poisoned")
            .push(rel.to_string());
        Ok(path)
    }

    /// Carries the user's files over, records the site's in the manifest and swaps the
    /// new site in for the previous one; or reports the first failed write (and leaves
    /// the previous site as it was).
    pub fn commit(mut self) -> anyhow::Result<WriteReport> {
        if let Some(e) = self.error.lock().expect("not poisoned").take() {
            return Err(e);
        }
        let out = &self.out.path;
        manifest::carry(out, &self.fresh, &self.out.user.carried).map_err(ContentErrors::from)?;
        let written = std::mem::take(&mut *self.written.lock().expect("not poisoned"));
        let manifest = Manifest::new(written, std::mem::take(&mut self.out.user.kept));
        let path = self.fresh.join(MANIFEST_FILE);
        std::fs::write(&path, manifest.to_json())
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        let previous = swap(out, &self.fresh, &self.old)?;
        self.committed = true;
        if let Some(previous) = previous {
            let _ = std::fs::remove_dir_all(previous);
        }
        Ok(WriteReport {
            files: self.files.load(Ordering::Relaxed),
            pages: self.pages.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl crate::render::Sink for Staging {
    fn file(&self, file: OutputFile) {
        self.write(&file);
    }

    fn borrowed(&self, path: String, bytes: &[u8]) {
        self.write_bytes(&path, bytes);
    }

    fn stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) {
        if self.failed() {
            return;
        }
        if let Err(e) = self.try_stream(path, write) {
            self.error.lock().expect("not poisoned").get_or_insert(e);
        }
    }
}

/// A writer that counts what goes through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Puts the folder `fresh` in place of `out` and returns where the previous site went.
/// Where the system can, the two are exchanged in one step, so that `out` is never
/// missing and `fresh` then holds the previous site; elsewhere the previous site is
/// moved to `old` first, and back if the new one cannot take its place.
fn swap(out: &Path, fresh: &Path, old: &Path) -> anyhow::Result<Option<PathBuf>> {
    if !out.exists() {
        std::fs::rename(fresh, out)
            .with_context(|| format!("failed to move the new site into `{}`", out.display()))?;
        return Ok(None);
    }
    if exchange(fresh, out).is_ok() {
        return Ok(Some(fresh.to_path_buf()));
    }
    std::fs::rename(out, old)
        .with_context(|| format!("failed to move the previous site `{}` aside", out.display()))?;
    if let Err(e) = std::fs::rename(fresh, out) {
        let _ = std::fs::rename(old, out);
        return Err(e)
            .with_context(|| format!("failed to move the new site into `{}`", out.display()));
    }
    Ok(Some(old.to_path_buf()))
}

/// Exchanges two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that live for the whole call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

/// Joins a site path to the output directory, refusing anything that would escape it.
fn safe_join(dir: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        bail!("refusing to write outside the output folder: `{rel}`");
    }
    Ok(dir.join(rel_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("d");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, tmp.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content/x")).is_err());
        assert!(check_output_dir(&root, Path::new("/")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        assert!(check_output_dir(&root, &root.join("content/../public")).is_ok());
    }

    #[test]
    fn write_swaps_in_new_tree() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(
            &out,
            &[
                OutputFile::new("a/index.html", "one"),
                OutputFile::new(".nojekyll", ""),
            ],
        )
        .unwrap();
        write_site(&out, &[OutputFile::new("b/index.html", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn rejects_escaping_paths() {
        assert!(safe_join(Path::new("/x"), "../etc/passwd").is_err());
        assert!(safe_join(Path::new("/x"), "/etc/passwd").is_err());
    }
}
