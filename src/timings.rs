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
