//! The site as the server sees it: every file's bytes in memory, plus the errors of the
//! last rebuild, published as one immutable snapshot.
//!
//! The rebuild thread builds a new [`Site`] and swaps it in with one pointer store;
//! a request clones the `Arc` of the current snapshot and answers from it alone. So a
//! request sees either the whole old site or the whole new one, never a page written
//! halfway, and no lock is held while a response is sent.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::error::{Diagnostic, Severity};

/// One error of a failed rebuild, as the browser overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl From<&Diagnostic> for ShownError {
    fn from(d: &Diagnostic) -> Self {
        ShownError {
            file: d.file.display().to_string(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// One version of the served site.
#[derive(Debug, Default)]
pub struct Site {
    /// Files by path relative to the site root (`articles/x/index.html`).
    pub files: HashMap<Arc<str>, Bytes>,
    /// The errors that keep the site from being rebuilt; empty after a good rebuild.
    pub errors: Vec<ShownError>,
    /// Files in `files` that are older than this version of the site (the data files
    /// after an incremental rebuild): a request for one asks the rebuild thread to make
    /// them first ([`Work::Data`]).
    pub stale: HashSet<Arc<str>>,
}

/// What the rebuild thread is asked to do.
#[derive(Debug)]
pub enum Work {
    /// Files changed.
    Changes(crate::serve::watch::Changes),
    /// A stale file was requested: bring the data files up to date, then answer.
    Data(tokio::sync::oneshot::Sender<()>),
}

impl Site {
    /// The errors among `diagnostics`, for the overlay.
    pub fn shown_errors<'a>(
        diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    ) -> Vec<ShownError> {
        diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(ShownError::from)
            .collect()
    }
}

/// What the live-reload channel tells the browsers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ReloadMessage {
    /// A rebuild succeeded: reload the page.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css { paths: Vec<String> },
    /// A rebuild failed: show these errors over the page.
    Errors { errors: Vec<ShownError> },
}

impl ReloadMessage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("messages serialise")
    }
}

/// The state shared by the HTTP handlers and the rebuild thread.
#[derive(Debug, Clone)]
pub struct SiteState {
    current: Arc<RwLock<Arc<Site>>>,
    reload: broadcast::Sender<ReloadMessage>,
}

impl Default for SiteState {
    fn default() -> Self {
        SiteState::new(Site::default())
    }
}

impl SiteState {
    pub fn new(site: Site) -> Self {
        let (reload, _) = broadcast::channel(64);
        SiteState {
            current: Arc::new(RwLock::new(Arc::new(site))),
            reload,
        }
    }

    /// The current snapshot.
    pub fn current(&self) -> Arc<Site> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the snapshot: later requests see only the new one.
    pub fn publish(&self, site: Site) {
        let site = Arc::new(site);
        let old = std::mem::replace(
            &mut *self.current.write().unwrap_or_else(|e| e.into_inner()),
            site,
        );
        // Free the old site outside the lock.
        drop(old);
    }

    /// Tells every open page; returns how many were listening.
    pub fn notify(&self, message: ReloadMessage) -> usize {
        self.reload.send(message).unwrap_or(0)
    }

    /// A receiver for the live-reload messages sent from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ReloadMessage> {
        self.reload.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_swaps_the_whole_site() {
        let state = SiteState::default();
        let old = state.current();
        let mut site = Site::default();
        site.files
            .insert(Arc::from("index.html"), Bytes::from_static(b"new"));
        state.publish(site);
        assert!(old.files.is_empty(), "a snapshot never changes");
        assert_eq!(state.current().files.len(), 1);
    }

    #[test]
    fn messages_are_tagged_json() {
        assert_eq!(ReloadMessage::Reload.to_json(), r#"{"type":"reload"}"#);
        let m = ReloadMessage::Errors {
            errors: vec![ShownError {
                file: "content/articles/a.md".into(),
                line: 3,
                column: 1,
                message: "<bad>".into(),
                help: None,
            }],
        };
        assert!(m.to_json().contains(r#""type":"errors""#));
    }
}
