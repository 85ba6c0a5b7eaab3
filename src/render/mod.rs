//! Rendering: the linked [`Dossier`] into output files, every page in parallel.
//!
//! Every page goes through its template ([`theme`]); what each kind of page shows is
//! its module's in [`pages`], built from the values many pages share ([`values`]). The
//! data files (the JSON export, the feed, the sitemap, the search index) are made
//! beside the pages. The renderer hands files to a [`Sink`]; writing them is the job
//! of [`crate::output`], so tests can look at pages without a disk, and `serve` reuses
//! the same functions.

pub mod cards;
pub mod charts;
pub mod export;
pub mod feeds;
pub mod ids;
mod pages;
pub mod search;
pub mod theme;
mod values;
pub mod views;
pub mod xml;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Diagnostic;
use crate::link::Dossier;
pub use pages::{
    PageId, key, page_ids, page_path, page_variables, pages_with_text_of, timeline_month_pages,
};
use theme::Theme;
use values::Values;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, with `/` separators (`articles/x/index.html`).
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Renders every page and data file of the dossier into memory, sorted by path.
pub fn render_site(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_site_to(dossier, theme, &|f| {
        files.lock().expect("not poisoned").push(f);
    })?;
    let mut files = files.into_inner().expect("not poisoned");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where rendered files go as they are made: to disk (`build`) or into memory. Any
/// `Fn(OutputFile)` is one.
pub trait Sink: Sync {
    fn file(&self, file: OutputFile);

    /// A file whose bytes the renderer keeps (a page, rendered into a buffer each
    /// thread reuses). By default they are copied and given to [`Sink::file`].
    fn borrowed(&self, path: String, bytes: &[u8]) {
        self.file(OutputFile::new(path, bytes));
    }

    /// A file made in parts by `write`, so that a large one (the JSON export) need not
    /// be whole in memory. By default the parts are gathered and given to
    /// [`Sink::file`].
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        let mut bytes = Vec::new();
        write(&mut bytes).expect("writing to memory");
        self.file(OutputFile::new(path, bytes));
    }
}

impl<F: Fn(OutputFile) + Sync> Sink for F {
    fn file(&self, file: OutputFile) {
        self(file)
    }
}

/// Renders every page and data file of the dossier, handing each to `sink` as soon as
/// it is made (from any thread), and returns their paths. Pages and data files are
/// made side by side, so neither waits for the other's slowest part.
pub fn render_site_to(
    dossier: &Dossier,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    // The pages that list the whole dossier take longest: started first, they run
    // beside the many small pages instead of after them on one core.
    let mut ids = page_ids(dossier);
    ids.sort_by_key(|id| match id {
        PageId::Timeline => 0,
        PageId::Quotes | PageId::QuotesPage(_) => 1,
        PageId::Home => 2,
        PageId::Sources => 3,
        PageId::Source(..) => 4,
        _ => 5,
    });
    let values = Values::new(dossier);
    let errors = std::sync::Mutex::new(Vec::new());
    let tally = crate::timings::Tally::new();
    let (mut paths, data_paths) = rayon::join(
        || {
            let t = crate::timings::Timer::start();
            let paths: Vec<String> = ids
                .par_iter()
                .filter_map(|&id| {
                    let rendered = PAGE_BUFFER.with_borrow_mut(|buffer| {
                        buffer.clear();
                        let path = tally.time(id.kind(), || {
                            render_page_into(dossier, &values, theme, id, buffer)
                        })?;
                        sink.borrowed(path.clone(), buffer);
                        Ok(path)
                    });
                    match rendered {
                        Ok(path) => Some(path),
                        Err(d) => {
                            let mut errors = errors.lock().expect("not poisoned");
                            if !errors.contains(&d) {
                                errors.push(d);
                            }
                            None
                        }
                    }
                })
                .collect();
            t.lap("pages");
            tally.print("pages by kind");
            paths
        },
        || data_files_to(dossier, sink),
    );
    let errors = errors.into_inner().expect("not poisoned");
    if !errors.is_empty() {
        return Err(errors);
    }
    paths.extend(data_paths);
    Ok(paths)
}

/// Renders the given pages in parallel; the results are in the order of `ids`.
pub fn render_pages(
    dossier: &Dossier,
    theme: &Theme,
    ids: &[PageId],
) -> Vec<Result<OutputFile, Diagnostic>> {
    let values = Values::new(dossier);
    ids.par_iter()
        .map(|&id| render_page(dossier, &values, theme, id))
        .collect()
}

/// Renders one page through its template.
fn render_page(
    dossier: &Dossier,
    values: &Values,
    theme: &Theme,
    id: PageId,
) -> Result<OutputFile, Diagnostic> {
    let mut html = Vec::with_capacity(32 * 1024);
    render_page_into(dossier, values, theme, id, &mut html).map(|path| OutputFile::new(path, html))
}

thread_local! {
    /// The buffer each thread renders its pages into, kept from page to page.
    static PAGE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders one page through its template at the end of `out`, and returns the path of
/// its file.
fn render_page_into(
    dossier: &Dossier,
    values: &Values,
    theme: &Theme,
    id: PageId,
    out: &mut Vec<u8>,
) -> Result<String, Diagnostic> {
    let page = pages::plan(dossier, values, id);
    theme.render_into(page.template, &page.context(), out)?;
    Ok(pages::output_path(&page.site_path))
}

/// The files that are not rendered from templates: the JSON export, the hover cards, the feed and the
/// sitemap (when the base URL is a full address), robots.txt, `.nojekyll` and `CNAME`.
pub fn data_files(dossier: &Dossier) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    data_files_to(dossier, &|f| files.lock().expect("not poisoned").push(f));
    files.into_inner().expect("not poisoned")
}

/// Makes the data files, handing each to `sink` as soon as it is made (the JSON export
/// is written and freed before the search index is built), and returns their paths.
fn data_files_to(dossier: &Dossier, sink: &dyn Sink) -> Vec<String> {
    let mut paths = Vec::new();
    let t = crate::timings::Timer::start();
    let mut give = |f: OutputFile| {
        paths.push(f.path.clone());
        sink.file(f);
    };
    export::export_files(dossier, &mut give);
    t.lap("json export");
    cards::card_files(dossier, &mut give);
    if dossier.config.has_address() {
        give(OutputFile::new("feed.xml", feeds::atom_feed(dossier)));
        for (path, xml) in feeds::sitemaps(dossier) {
            give(OutputFile::new(path, xml));
        }
    }
    give(OutputFile::new("robots.txt", feeds::robots(dossier)));
    give(OutputFile::new(".nojekyll", Vec::new()));
    t.lap("feed+sitemap");
    search::search_files(dossier, &mut give);
    t.lap("search");
    if let Some(cname) = &dossier.config.cname {
        give(OutputFile::new("CNAME", format!("{cname}\n")));
    }
    paths
}

/// JSON that is safe inside a `<script>` element (no `</script>` can close it early).
pub fn script_safe_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("views serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
