//! Watching the dossier's files and deciding what each change means.
//!
//! Two parts: [`classify`], a pure function from a changed path to the kind of rebuild
//! it calls for (tested with a table, no file system needed), and [`Watcher`], which
//! runs `notify` through `notify-debouncer-full` and turns debounced batches of events
//! into a [`Changes`] set.
//!
//! Editors save in surprising ways. Vim writes a probe file named `4913`, renames the
//! original to `file~` and writes a new file with a new inode; others write a temporary
//! file and rename it over the original. So the root folder is watched
//! non-recursively (to see `dossier.toml` come and go, whatever its inode) and
//! `content/`, `templates/` and `static/` recursively, and every path of every event is
//! classified: the rename's target counts, the swap and backup files are ignored. The
//! output folder is ignored too, so that a site written inside the dossier never
//! triggers a rebuild of itself.
//!
//! A watch follows a folder, not its name: once `content/` is deleted (or moved away)
//! its watch is gone, and the folder put back in its place is a new one. So every
//! batch that creates, removes or renames one of the three folders itself (the root's
//! watch sees that) has the [`Watcher`] drop its watch and watch whatever folder now
//! has the name ([`Watcher::refresh`]).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdMap, new_debouncer_opt};

use crate::config::CONFIG_FILE;
use crate::content::load::{ARTICLES_DIR, INDEX_FILE, REGISTRY_FILE};
use crate::files::{is_article_name, is_editor_temp_file};

/// What a change to one path calls for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// An article file (path relative to the root, `content/articles/x.md`): re-read
    /// and re-analyse that article alone.
    Article(PathBuf),
    /// `content/entities.toml`: every mention may change, so everything is rebuilt.
    Registry,
    /// `dossier.toml`: everything is rebuilt.
    Config,
    /// Anything under `templates/`: re-render every page without re-analysing.
    Template,
    /// A file under `static/` (path relative to `static/`): copied as it is.
    Static(PathBuf),
    /// `content/_index.md`: the home page's introduction.
    Index,
    /// A folder under `content/articles/` appeared, vanished or was renamed: the
    /// articles in it are found by loading everything again.
    Rescan,
    /// Nothing the site is built from (editor temp files, the output, other files).
    Ignored,
}

/// Classifies a changed path. `root` is the dossier's folder and `output` the output
/// folder (ignored wherever it is); both absolute, like the paths `notify` reports.
pub fn classify(path: &Path, root: &Path, output: &Path) -> Change {
    if path.starts_with(output) {
        return Change::Ignored;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    // Paths from the watcher are already clean; refuse anything odd all the same.
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Change::Ignored;
    }
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return Change::Ignored;
    };
    if is_editor_temp_file(name) {
        return Change::Ignored;
    }
    if rel == Path::new(CONFIG_FILE) {
        return Change::Config;
    }
    if rel == Path::new(REGISTRY_FILE) {
        return Change::Registry;
    }
    if rel == Path::new(INDEX_FILE) {
        return Change::Index;
    }
    if let Ok(inside) = rel.strip_prefix(ARTICLES_DIR) {
        if inside.as_os_str().is_empty() {
            return Change::Rescan;
        }
        let hidden = inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            return Change::Ignored;
        }
        return match rel.extension() {
            Some(_) if is_article_name(name) => Change::Article(rel.to_path_buf()),
            // No extension: most likely a folder of articles.
            None => Change::Rescan,
            Some(_) => Change::Ignored,
        };
    }
    if rel == Path::new("content") {
        return Change::Rescan;
    }
    if rel.starts_with("templates") {
        return Change::Template;
    }
    if let Ok(inside) = rel.strip_prefix("static") {
        return Change::Static(inside.to_path_buf());
    }
    Change::Ignored
}

/// A batch of changes, as the rebuild needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The configuration, the registry or the articles' folders changed.
    pub full: bool,
    pub templates: bool,
    pub index: bool,
    pub articles: BTreeSet<PathBuf>,
    pub statics: BTreeSet<PathBuf>,
    /// What changed, for the one-line report (`content/articles/x.md`, `templates/`).
    pub what: BTreeSet<String>,
    /// The watched folders (absolute paths) that were themselves created, removed or
    /// renamed: they must be watched anew.
    pub folders: BTreeSet<PathBuf>,
}

impl Changes {
    /// Adds one classified change.
    pub fn add(&mut self, change: Change) {
        match change {
            Change::Article(p) => {
                self.what.insert(p.display().to_string());
                self.articles.insert(p);
            }
            Change::Registry => {
                self.full = true;
                self.what.insert(REGISTRY_FILE.to_string());
            }
            Change::Config => {
                self.full = true;
                self.what.insert(CONFIG_FILE.to_string());
            }
            Change::Rescan => {
                self.full = true;
                self.what.insert("content/".to_string());
            }
            Change::Template => {
                self.templates = true;
                self.what.insert("templates/".to_string());
            }
            Change::Static(p) => {
                self.what
                    .insert(Path::new("static").join(&p).display().to_string());
                self.statics.insert(p);
            }
            Change::Index => {
                self.index = true;
                self.what.insert(INDEX_FILE.to_string());
            }
            Change::Ignored => {}
        }
    }

    /// Adds another batch.
    pub fn merge(&mut self, other: Changes) {
        self.full |= other.full;
        self.templates |= other.templates;
        self.index |= other.index;
        self.articles.extend(other.articles);
        self.statics.extend(other.statics);
        self.what.extend(other.what);
        self.folders.extend(other.folders);
    }

    pub fn is_empty(&self) -> bool {
        !self.full
            && !self.templates
            && !self.index
            && self.articles.is_empty()
            && self.statics.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.full
            && !self.templates
            && !self.index
            && self.articles.is_empty()
            && !self.statics.is_empty()
            && self
                .statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
    }

    /// A short description for the rebuild line.
    pub fn describe(&self) -> String {
        let mut parts: Vec<&str> = self.what.iter().map(String::as_str).collect();
        let more = parts.len().saturating_sub(3);
        parts.truncate(3);
        let mut s = parts.join(", ");
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    }
}

/// How long the file system must be quiet before a batch of events is handled. Editors
/// save in well under a millisecond, so this is short: it sets the floor of the
/// save-to-reload latency.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often `--poll` looks at the files (reading them all: it is the fallback for file
/// systems that send no change events).
pub const POLL_INTERVAL: Duration = Duration::from_millis(1000);

/// A running file watcher; dropping it stops it.
pub struct Watcher {
    debouncer: WatchBackend,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

enum WatchBackend {
    Native(Debouncer<notify::RecommendedWatcher, FileIdMap>),
    Poll(Debouncer<notify::PollWatcher, FileIdMap>),
}

impl WatchBackend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            WatchBackend::Native(d) => d.watch(path, mode),
            WatchBackend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            WatchBackend::Native(d) => d.unwatch(path),
            WatchBackend::Poll(d) => d.unwatch(path),
        }
    }
}

/// The folders watched recursively, relative to the root.
const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

impl Watcher {
    /// Starts watching the dossier at `root` (absolute). Each batch of changes is given
    /// to `on_changes`; the output folder's changes are dropped.
    pub fn start(
        root: &Path,
        output: &Path,
        poll: bool,
        on_changes: impl Fn(Changes) + Send + 'static,
    ) -> anyhow::Result<Watcher> {
        let (root_c, output_c) = (root.to_path_buf(), output.to_path_buf());
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut changes = Changes::default();
                for event in events {
                    if event.kind.is_access() {
                        continue;
                    }
                    for path in &event.paths {
                        changes.add(classify(path, &root_c, &output_c));
                        if WATCHED_DIRS.iter().any(|d| *path == root_c.join(d)) {
                            changes.folders.insert(path.clone());
                        }
                    }
                }
                if !changes.is_empty() {
                    on_changes(changes);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watcher: {e}");
                }
            }
        };
        let tick = Some(Duration::from_millis(2));
        let debouncer = if poll {
            // notify's poller keeps modification times in whole seconds: compare the
            // contents too, or a second save within the same second would be missed.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            WatchBackend::Poll(new_debouncer_opt(
                DEBOUNCE,
                tick,
                handler,
                FileIdMap::new(),
                config,
            )?)
        } else {
            WatchBackend::Native(new_debouncer_opt(
                DEBOUNCE,
                tick,
                handler,
                FileIdMap::new(),
                notify::Config::default(),
            )?)
        };
        let mut w = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        w.debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| anyhow::anyhow!("cannot watch `{}`: {e}", root.display()))?;
        w.refresh(&BTreeSet::new());
        Ok(w)
    }

    /// Brings the watches of `content/`, `templates/` and `static/` in line with the
    /// folders on disk: a folder that vanished is no longer watched, one that appeared
    /// is, and one in `replaced` (created, removed or renamed in the last batch: perhaps
    /// deleted and put back) is watched anew, since the old watch followed the old
    /// folder. Run before each rebuild, which then reads what the watches may have
    /// missed.
    pub fn refresh(&mut self, replaced: &BTreeSet<PathBuf>) {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            if self.watched.contains(&path) && (!exists || replaced.contains(&path)) {
                // The watch may be gone with the folder already: nothing to undo then.
                let _ = self.debouncer.unwatch(&path);
                self.watched.retain(|p| *p != path);
            }
            if exists && !self.watched.contains(&path) {
                match self.debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(path),
                    Err(e) => eprintln!("warning: cannot watch `{}`: {e}", path.display()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/d");
        let out = Path::new("/d/public");
        let art = |p: &str| Change::Article(PathBuf::from(p));
        let cases: &[(&str, Change)] = &[
            ("/d/content/articles/a.md", art("content/articles/a.md")),
            (
                "/d/content/articles/2020/b.md",
                art("content/articles/2020/b.md"),
            ),
            ("/d/content/articles/2020", Change::Rescan),
            ("/d/content/articles", Change::Rescan),
            ("/d/content", Change::Rescan),
            ("/d/content/articles/notes.txt", Change::Ignored),
            ("/d/content/articles/.hidden.md", Change::Ignored),
            ("/d/content/entities.toml", Change::Registry),
            ("/d/content/_index.md", Change::Index),
            ("/d/content/other.md", Change::Ignored),
            ("/d/dossier.toml", Change::Config),
            ("/d/templates/article.html", Change::Template),
            ("/d/templates/partials/x.html", Change::Template),
            ("/d/templates", Change::Template),
            (
                "/d/static/style.css",
                Change::Static(PathBuf::from("style.css")),
            ),
            (
                "/d/static/img/a.png",
                Change::Static(PathBuf::from("img/a.png")),
            ),
            ("/d/public/index.html", Change::Ignored),
            ("/d/public", Change::Ignored),
            ("/d/README.md", Change::Ignored),
            ("/d/.git/index", Change::Ignored),
            ("/elsewhere/dossier.toml", Change::Ignored),
            ("/d/content/articles/../../x.md", Change::Ignored),
        ];
        for (path, want) in cases {
            assert_eq!(&classify(Path::new(path), root, out), want, "{path}");
        }
    }

    #[test]
    fn ignores_editor_temp_files() {
        let root = Path::new("/d");
        let out = Path::new("/d/public");
        for name in [
            "content/articles/.a.md.swp",
            "content/articles/a.md.swp",
            "content/articles/a.md~",
            "content/articles/.#a.md",
            "content/articles/#a.md#",
            "content/articles/4913",
            "content/articles/a.md.tmp",
            "content/articles/a.md.kate-swp",
            "content/articles/a.md___jb_tmp___",
            "content/articles/.goutputstream-ABC123",
            "content/articles/sedAb12Cd",
            "dossier.toml~",
            ".dossier.toml.swp",
            "4913",
            "content/entities.toml.bak",
            "templates/.base.html.swp",
            "templates/base.html~",
            "static/.DS_Store",
            "static/style.css.crswap",
        ] {
            let path = root.join(name);
            assert_eq!(classify(&path, root, out), Change::Ignored, "{name}");
        }
    }

    #[test]
    fn output_anywhere_is_ignored() {
        // An output folder inside `static/` would otherwise rebuild itself forever.
        let root = Path::new("/d");
        let out = Path::new("/d/static/site");
        assert_eq!(
            classify(Path::new("/d/static/site/index.html"), root, out),
            Change::Ignored
        );
        assert_eq!(
            classify(Path::new("/d/static/site.css"), root, out),
            Change::Static(PathBuf::from("site.css"))
        );
    }

    #[test]
    fn batches_know_css_only_changes() {
        let mut c = Changes::default();
        c.add(Change::Static(PathBuf::from("style.css")));
        assert!(c.css_only());
        c.add(Change::Static(PathBuf::from("dossier.js")));
        assert!(!c.css_only());
        let mut c = Changes::default();
        c.add(Change::Ignored);
        assert!(c.is_empty());
        c.add(Change::Config);
        assert!(c.full && !c.css_only());
        assert_eq!(c.describe(), "dossier.toml");
    }
}
