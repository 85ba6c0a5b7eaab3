//! One build at a time per output folder, and what dead builds left beside it.
//!
//! A build locks `.<out>.lock` beside the output folder (an advisory `flock`, released by
//! the system when the process ends however it ends) and writes its process id into it,
//! so a second build of the same folder fails at once, naming the first. Holding the
//! lock, it removes the `.<out>.new-PID` and `.<out>.old-PID` folders of builds whose
//! process is no longer running: killed, or stopped before they could clean up. An
//! `.old-PID` folder is the previous site moved aside by a swap that did not finish; if
//! the output is missing, it is put back rather than removed.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// The exclusive right to write one output folder; dropping it removes the lock file
/// and lets the next build in.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    file: File,
}

impl OutputLock {
    /// Locks `out` (an absolute, normalised path) for this process, or fails naming the
    /// process that holds it.
    pub fn acquire(out: &Path) -> anyhow::Result<OutputLock> {
        let path = beside(out, "lock")?;
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("failed to create the lock `{}`", path.display()))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let holder = match holder_pid(&file, &path) {
                        Holder::Gone => continue,
                        Holder::Pid(pid) => format!(" (pid {pid})"),
                        Holder::Unknown => String::new(),
                    };
                    bail!(
                        "another build is writing `{}`{holder}; wait for it to finish, or stop it",
                        super::shown(out).display()
                    );
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("failed to lock `{}`", path.display()));
                }
            }
            // The build that held the lock may have removed the file between our opening
            // and locking it: then the lock is on a file nobody else will look at.
            if is_at(&file, &path) {
                let mut lock = OutputLock { path, file };
                lock.write_pid()?;
                return Ok(lock);
            }
        }
    }

    fn write_pid(&mut self) -> anyhow::Result<()> {
        self.file
            .set_len(0)
            .and_then(|()| write!(self.file, "{}", std::process::id()))
            .with_context(|| format!("failed to write `{}`", self.path.display()))
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other build can lock this file afterwards
        // (a build that opened it already sees it gone and opens a new one).
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the lock file says of the build holding it.
enum Holder {
    /// The holder has finished and removed the file: try again.
    Gone,
    Pid(String),
    /// Nothing written (a build stopped between locking and writing its pid).
    Unknown,
}

/// Reads the process id from the lock file `file` at `path`. A build writes its pid
/// just after locking, so an empty file is read again for a short while before giving up.
fn holder_pid(file: &File, path: &Path) -> Holder {
    // Half a second at most, so that a loaded machine still sees the pid.
    for _ in 0..250 {
        if !is_at(file, path) {
            return Holder::Gone;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let pid = text.trim();
        if !pid.is_empty() {
            return Holder::Pid(pid.to_owned());
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    Holder::Unknown
}

/// Whether `file` is the file now found at `path`.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// This process's folders beside `out`: for the new site, and for the previous one
/// moved aside.
pub fn temporaries(out: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let pid = std::process::id();
    Ok((
        beside(out, &format!("new-{pid}"))?,
        beside(out, &format!("old-{pid}"))?,
    ))
}

/// `.<name>.<suffix>` in the folder that holds `out`.
fn beside(out: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let parent = out.parent().context("the output folder has no parent")?;
    let name = out.file_name().context("the output folder has no name")?;
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

/// A folder a build writes beside the output: the new site, or the previous one moved
/// aside during the swap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Temporary {
    Old,
    New,
}

/// Which temporary folder of `out` the name `file_name` is, and the process that made it.
fn temporary_of(out_name: &str, file_name: &str) -> Option<(Temporary, u32)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(out_name)?;
    let (kind, pid) = if let Some(pid) = rest.strip_prefix(".new-") {
        (Temporary::New, pid)
    } else {
        (Temporary::Old, rest.strip_prefix(".old-")?)
    };
    if !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, pid.parse().ok()?))
}

/// Removes the temporary folders that builds of `out` no longer running left beside it
/// (this process's own id counts as not running: it has written nothing yet), putting a
/// previous site moved aside back first if the output is missing. Call it holding the
/// [`OutputLock`].
pub fn remove_leftovers(out: &Path) -> anyhow::Result<()> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut dead: Vec<(Temporary, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let (kind, pid) = temporary_of(&name, &e.file_name().to_string_lossy())?;
            (pid == std::process::id() || !process_running(pid)).then(|| (kind, e.path()))
        })
        .collect();
    // A previous site moved aside goes back before anything is removed.
    dead.sort();
    for (kind, path) in &dead {
        if *kind == Temporary::Old && !out.exists() {
            std::fs::rename(path, out).with_context(|| {
                format!(
                    "failed to put the site `{}` left by an interrupted build back into `{}`",
                    path.display(),
                    out.display()
                )
            })?;
            continue;
        }
        std::fs::remove_dir_all(path).with_context(|| {
            format!(
                "failed to remove `{}`, left by an interrupted build",
                path.display()
            )
        })?;
    }
    Ok(())
}

/// Whether a process with this id exists (a process of another user counts).
#[cfg(unix)]
fn process_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every process counts as running: nothing is removed.
#[cfg(not(unix))]
fn process_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised() {
        assert_eq!(
            temporary_of("public", ".public.new-42"),
            Some((Temporary::New, 42))
        );
        assert_eq!(
            temporary_of("public", ".public.old-7"),
            Some((Temporary::Old, 7))
        );
        assert_eq!(temporary_of("public", ".public.lock"), None);
        assert_eq!(temporary_of("public", ".public.new-+4"), None);
        assert_eq!(temporary_of("public", ".other.new-4"), None);
        assert_eq!(temporary_of("public", ".public.new-"), None);
    }

    #[test]
    fn only_running_processes_count() {
        assert!(process_running(std::process::id()));
        assert!(!process_running(0));
        assert!(!process_running(u32::MAX));
    }

    #[test]
    fn a_holder_that_has_not_yet_written_its_pid_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let path = beside(&out, "lock").unwrap();
        let mut held = File::create(&path).unwrap();
        held.try_lock().unwrap();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(30));
            write!(held, "4242").unwrap();
            held
        });
        let err = OutputLock::acquire(&out).unwrap_err().to_string();
        assert!(err.contains("(pid 4242)"), "{err}");
        drop(writer.join().unwrap());
    }

    #[test]
    fn a_holder_that_finishes_lets_the_build_in() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let path = beside(&out, "lock").unwrap();
        let held = File::create(&path).unwrap();
        held.try_lock().unwrap();
        let remover = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(30));
            std::fs::remove_file(&path).unwrap();
            drop(held);
        });
        let lock = OutputLock::acquire(&out);
        remover.join().unwrap();
        assert!(lock.is_ok(), "{lock:?}");
    }
}
