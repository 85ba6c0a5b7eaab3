//! Work grows linearly with the input, however hostile: a paragraph of hundreds of
//! kilobytes, a quote that never closes, thousands of block-quote lines, of quotes or of
//! identical headings in one article, registry aliases that repeat one letter.
//!
//! Wall time is no measure on a shared machine, so the work is counted: this test binary
//! runs itself again (the `measured_child` test, told what to build by
//! [`CHILD_VAR`]) under valgrind's callgrind, which counts the instructions executed in
//! [`measured_pipeline`] alone: analysing, linking and exporting a one-article dossier,
//! and the view of each quote its page shows.
//! Templates are not compiled and nothing else is counted. The child also reports the
//! most memory live at once during that work. Each case is measured at n and 2n (and
//! 4n) and the counts may grow at most [`MAX_RATIO`] times per doubling, where a
//! quadratic step would grow them four times. Without valgrind the cases are skipped,
//! saying so.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Fixture, article};
use dossier::build::{BuildOptions, analyse, load_config};
use dossier::content::load_content;

/// Tells the child which case to build and how big: `CASE:N`.
const CHILD_VAR: &str = "DOSSIER_LINEAR_CHILD";
/// Most growth of the counted work when the input doubles.
const MAX_RATIO: f64 = 2.3;

/// The allocator, counting the bytes live and the most live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes on to the system allocator with the caller's own arguments;
// the counting beside it only touches atomics and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller keeps `alloc`'s contract, which is `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above, that is from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const REGISTRY: &str = r#"
[[entity]]
id = "adel-abdul-mahdi"
name = "Adel Abdul Mahdi"
kind = "person"
aliases = ["Abdul Mahdi", "Mahdi"]

[[entity]]
id = "moqtada-sadr"
name = "Moqtada Sadr"
kind = "person"
aliases = ["Sadr"]

[[entity]]
name = "Iraq"
kind = "place"

[[entity]]
id = "iraqi-parliament"
name = "Iraqi parliament"
kind = "organization"
aliases = ["parliament"]

[[entity]]
name = "Reuters"
kind = "organization"
"#;

/// Words that are not names, for filler.
const WORDS: &[&str] = &[
    "the",
    "troops",
    "vote",
    "would",
    "government",
    "of",
    "week",
    "protest",
    "and",
    "city",
    "forces",
    "before",
    "minister",
    "in",
    "people",
    "resolution",
];
/// Names from the registry, or written like names.
const NAMES: &[&str] = &[
    "Iraq",
    "Adel Abdul Mahdi",
    "Sadr",
    "Iraqi parliament",
    "Reuters",
    "Mahdi",
    "John Smith",
];

/// A fixed stream of pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// `n` words with no sentence end, one in ten a name.
    fn words(&mut self, n: usize) -> String {
        let ws: Vec<&str> = (0..n)
            .map(|_| {
                if self.below(10) == 0 {
                    self.pick(NAMES)
                } else {
                    self.pick(WORDS)
                }
            })
            .collect();
        ws.join(" ")
    }

    /// A made-up word of three syllables, one of a thousand.
    fn made_up_word(&mut self) -> String {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mi", "ten", "dra", "su", "vo", "pel", "ri", "zan",
        ];
        (0..3).map(|_| self.pick(SYLLABLES)).collect()
    }

    /// A quote and its attribution, of one of the constructions attribution reads.
    /// Quotes of made-up words seldom match, so that clustering (whose candidates per
    /// quote are bounded by `MAX_POSTING`, not by the input) does not hide the rest.
    fn quote(&mut self) -> String {
        let said = match self.below(6) {
            0 => "Adel Abdul Mahdi said.",
            1 => "he said.",
            2 => "it said.",
            3 => "the Iraqi parliament said in a statement.",
            4 => "said John Smith, a lawmaker.",
            _ => "Reuters reported.",
        };
        let words: Vec<String> = (0..8).map(|_| self.made_up_word()).collect();
        format!("\"We will not leave, {},\" {said}", words.join(" "))
    }
}

/// The body of the generated article of a case, of size `n`.
fn body(case: &str, n: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    match case {
        // One paragraph of words among names, with no sentence end.
        "paragraph" => rng.words(n),
        // A quote that never closes.
        "unclosed" => format!("He said \"{}", rng.words(n)),
        "blockquote" => "> line Iraq\n".repeat(n),
        // Quotes one after another in one paragraph.
        "quotes" => (0..n).map(|_| rng.quote()).collect::<Vec<_>>().join(" "),
        "headings" => "# Same\n\n".repeat(n),
        "mixed" => mixed(&mut rng, n),
        "runs" => rng.words(200),
        _ => panic!("unknown case {case}"),
    }
}

/// The registry of a case of size `n`: for `runs`, one alias for each ASCII letter of
/// `n` repetitions of it, the worst case for the failure links of the entity automaton.
fn registry(case: &str, n: usize) -> String {
    if case != "runs" {
        return REGISTRY.to_string();
    }
    let aliases: Vec<String> = ('a'..='z')
        .chain('A'..='Z')
        .map(|c| format!("\"{}\"", c.to_string().repeat(n)))
        .collect();
    format!(
        "{REGISTRY}\n[[entity]]\nid = \"runs\"\nname = \"Runs\"\naliases = [{}]\n",
        aliases.join(", ")
    )
}

/// `n` blocks of every hostile kind, in a random order.
fn mixed(rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    for _ in 0..n {
        let block = match rng.below(8) {
            0 => rng.words(200),
            1 => format!("She said: \"{}", rng.words(60)),
            2 => "# Same".to_string(),
            3 => (0..20).map(|_| rng.quote()).collect::<Vec<_>>().join(" "),
            4 => "> line Iraq\n".repeat(30),
            5 => format!("- [Sadr](entity:moqtada-sadr) and `Iraq` {}", rng.words(20)),
            6 => format!(
                "*{}* [Iraq](https://example.org) **\"{}",
                rng.words(10),
                rng.words(30)
            ),
            _ => format!("“{}.", rng.words(40)),
        };
        out.push_str(&block);
        out.push_str("\n\n");
    }
    out
}

/// The counted work: analyse, link and export the dossier, and view each quote as its
/// article's page does. Returns a size, so that nothing is optimised away.
#[inline(never)]
fn measured_pipeline(root: &Path) -> usize {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let config = load_config(&opts).expect("config");
    let (content, diags) = load_content(&config, false);
    assert!(!diags.has_errors(), "the fixture loads");
    let (dossier, _, _) = analyse(config, content);
    // What an article page shows of each of its quotes.
    let views: usize = (0..dossier.articles.len())
        .flat_map(|a| (0..dossier.articles[a].body.quotes.len()).map(move |q| (a, q)))
        .map(|r| {
            dossier
                .quote_view(r, tera::Value::none(), tera::Value::none())
                .cluster_sources
        })
        .sum();
    let mut exported = 0;
    dossier::render::export::export_files(&dossier, &mut |f| exported += f.bytes.len());
    exported + views
}

/// Run by [`instructions`]: builds the case named in [`CHILD_VAR`] and prints the most
/// memory live during the work. Ignored in an ordinary test run: only the measuring
/// tests run it, under callgrind.
#[test]
#[ignore = "run by the linear-work tests under callgrind"]
fn measured_child() {
    let spec = std::env::var(CHILD_VAR).expect("the case to build, in DOSSIER_LINEAR_CHILD");
    let (case, n) = spec.split_once(':').expect("CASE:N");
    let f = Fixture::empty();
    f.write("dossier.toml", common::CONFIG);
    let n: usize = n.parse().expect("a size");
    f.write("content/entities.toml", &registry(case, n));
    f.write("content/_index.md", "Generated.\n");
    f.write(
        "content/articles/generated.md",
        &article("Generated", &body(case, n)),
    );
    // One thread, so that callgrind counts all the work inside the measured function.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let size = pool.install(|| measured_pipeline(f.root()));
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!("export={size} peak={peak}");
}

/// Instructions executed in [`measured_pipeline`] and the most memory live during it,
/// for a case at size `n`; `None` without valgrind.
fn work(case: &str, n: usize) -> Option<(u64, u64)> {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out_file = out_dir.path().join("callgrind.out");
    let run = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--collect-atstart=no")
        .arg("--toggle-collect=*measured_pipeline*")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "measured_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, format!("{case}:{n}"))
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the measured run of {case} at {n} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let profile = std::fs::read_to_string(&out_file).expect("callgrind's output");
    let instructions = profile
        .lines()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("a total in callgrind's output");
    let peak = stdout
        .split_whitespace()
        .find_map(|w| w.strip_prefix("peak="))
        .and_then(|v| v.parse().ok())
        .expect("the child's report");
    Some((instructions, peak))
}

fn valgrind_present() -> bool {
    let found = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: valgrind is not installed, and the work is counted with it");
    }
    found
}

/// Measures a case at each size and checks that the work (instructions, and the most
/// memory live at once) grows at most [`MAX_RATIO`] times from one size to its double.
fn assert_linear(case: &str, sizes: &[usize]) {
    if !valgrind_present() {
        return;
    }
    let mut last: Option<(usize, u64, u64)> = None;
    for &n in sizes {
        let (instructions, peak) = work(case, n).expect("valgrind runs");
        eprintln!("{case} at {n}: {instructions} instructions, {peak} bytes live at most");
        if let Some((n1, i1, m1)) = last {
            assert_eq!(n, 2 * n1, "sizes double");
            let ratio = instructions as f64 / i1 as f64;
            assert!(
                ratio <= MAX_RATIO,
                "{case}: {i1} instructions at {n1}, {instructions} at {n}: {ratio:.2} times"
            );
            let ratio = peak as f64 / m1 as f64;
            assert!(
                ratio <= MAX_RATIO,
                "{case}: {m1} bytes live at {n1}, {peak} at {n}: {ratio:.2} times"
            );
        }
        last = Some((n, instructions, peak));
    }
}

#[test]
fn a_long_paragraph_is_analysed_in_linear_time() {
    assert_linear("paragraph", &[2_000, 4_000, 8_000]);
}

#[test]
fn an_unclosed_quote_is_analysed_in_linear_time_and_memory() {
    assert_linear("unclosed", &[2_000, 4_000, 8_000]);
}

#[test]
fn block_quote_lines_are_analysed_in_linear_time() {
    assert_linear("blockquote", &[750, 1_500, 3_000]);
}

#[test]
fn quotes_in_one_article_are_attributed_in_linear_time() {
    assert_linear("quotes", &[125, 250, 500]);
}

#[test]
fn repeated_headings_get_their_ids_in_linear_time() {
    assert_linear("headings", &[500, 1_000, 2_000]);
}

#[test]
fn mixed_hostile_input_is_analysed_in_linear_time() {
    assert_linear("mixed", &[20, 40, 80]);
}

#[test]
fn repeated_letter_aliases_are_compiled_in_linear_time() {
    assert_linear("runs", &[50, 100, 200]);
}
