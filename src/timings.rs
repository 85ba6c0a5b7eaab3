//! Phase timings on stderr when `DOSSIER_TIMINGS` is set: where a build's time goes,
//! without a profiler.

use std::cell::Cell;
use std::time::Instant;

pub struct Timer {
    on: bool,
    last: Cell<Instant>,
}

impl Timer {
    pub fn start() -> Self {
        Timer {
            on: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: Cell::new(Instant::now()),
        }
    }

    /// Prints the time since the previous lap (or the start).
    pub fn lap(&self, what: &str) {
        if self.on {
            let now = Instant::now();
            eprintln!(
                "{what:>16}: {:>8.1} ms {:>6} MiB resident",
                (now - self.last.get()).as_secs_f64() * 1e3,
                resident_mib()
            );
            self.last.set(now);
        }
    }
}

/// The process's resident memory, from `/proc/self/statm` (0 where there is none).
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}

/// Time spent per kind of work across threads (e.g. per kind of page), printed in one
/// line by [`Tally::print`]; inert unless `DOSSIER_TIMINGS` is set.
pub struct Tally {
    on: bool,
    totals: std::sync::Mutex<Vec<(&'static str, std::time::Duration, usize)>>,
}

impl Tally {
    pub fn new() -> Self {
        Tally {
            on: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            totals: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Runs `f`, adding its time to `kind`.
    pub fn time<R>(&self, kind: &'static str, f: impl FnOnce() -> R) -> R {
        if !self.on {
            return f();
        }
        let start = Instant::now();
        let r = f();
        let spent = start.elapsed();
        let mut totals = self.totals.lock().expect("not poisoned");
        match totals.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, t, n)) => {
                *t += spent;
                *n += 1;
            }
            None => totals.push((kind, spent, 1)),
        }
        r
    }

    /// Prints each kind's total (summed over threads) and count, largest first.
    pub fn print(&self, what: &str) {
        if self.on {
            let mut totals = self.totals.lock().expect("not poisoned").clone();
            totals.sort_by_key(|t| std::cmp::Reverse(t.1));
            let parts: Vec<String> = totals
                .iter()
                .map(|(k, t, n)| format!("{k} {:.0} ms/{n}", t.as_secs_f64() * 1e3))
                .collect();
            eprintln!("{what:>16}: {}", parts.join(", "));
        }
    }
}

impl Default for Tally {
    fn default() -> Self {
        Self::new()
    }
}
