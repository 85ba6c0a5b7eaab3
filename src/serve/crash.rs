//! A panic in a rebuild, turned into an error like any other.
//!
//! A panic is a bug in dossier, but under `serve --watch` it must not take the rebuild
//! thread with it: the server would go on answering with the old site and never rebuild
//! again, even after the file that set it off is fixed. So each rebuild runs inside
//! [`catch_panic`], and a panic comes out as an error [`Diagnostic`] that names what
//! changed, the panic's message and where in dossier it happened. The caller shows it
//! in the terminal and over the page like any failed rebuild, and goes on watching.

use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, Once, PoisonError};

use crate::error::Diagnostic;

/// Where the last panic happened (`src/analyse/dates.rs:1013:34`), recorded by the panic hook
/// that [`catch_panic`] installs, since the payload carries only the message. Shared by
/// every thread: a panic in a rayon worker is resumed on the thread that waits for it.
static LAST_PANIC_AT: Mutex<Option<String>> = Mutex::new(None);

/// Runs `step`, the rebuild after `what` changed. A panic in it becomes an error
/// located in `what`; the panic message is printed as usual by the panic hook too.
pub fn catch_panic<T>(what: &str, step: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    record_panic_locations();
    *LAST_PANIC_AT.lock().unwrap_or_else(PoisonError::into_inner) = None;
    // Unwind safety: on a panic the caller throws away whatever `step` was changing.
    std::panic::catch_unwind(AssertUnwindSafe(step)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        let at = LAST_PANIC_AT
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .map(|at| format!(" (at {at})"))
            .unwrap_or_default();
        Diagnostic::error(what, 0, format!("dossier crashed: {message}{at}"))
            .with_help("this is a bug in dossier, please report it with this file; the last good site is still served, and the next change rebuilds everything")
    })
}

/// Installs, once, a panic hook that records where a panic happened before printing it
/// as the default hook does.
fn record_panic_locations() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let print = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            if let Some(at) = info.location() {
                *LAST_PANIC_AT.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some(at.to_string());
            }
            print(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests that catch panics take turns: each clears the one panic location
    /// [`catch_panic`] reads, as the one rebuild at a time of `serve` does.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    #[test]
    fn a_panicking_rebuild_becomes_an_error_naming_the_change() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let d = catch_panic::<u32>("content/articles/end.md", || {
            panic!("overflow adding duration to date")
        })
        .unwrap_err();
        assert!(d.is_error());
        assert_eq!(d.file, std::path::Path::new("content/articles/end.md"));
        assert!(
            d.message.contains(
                "dossier crashed: overflow adding duration to date (at src/serve/crash.rs:"
            ),
            "{}",
            d.message
        );
        let formatted = catch_panic::<()>("templates/", || panic!("depth {}", 3)).unwrap_err();
        assert!(
            formatted.message.contains(": depth 3 (at "),
            "{}",
            formatted.message
        );
        assert_eq!(catch_panic("x", || 7), Ok(7));
    }

    #[test]
    fn a_panic_in_a_worker_thread_is_caught_too() {
        use rayon::prelude::*;
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let d = catch_panic("content/", || {
            (0..64)
                .into_par_iter()
                .for_each(|i| assert!(i != 40, "article {i}"))
        })
        .unwrap_err();
        assert!(d.message.contains("article 40"), "{}", d.message);
    }
}
