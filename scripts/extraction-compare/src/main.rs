//! Compares main-text extraction crates on saved news pages with their true article text,
//! with the article-extraction benchmark's measure (4-word shingles, precision and recall
//! per page, averaged). Usage: `cargo run --release -- ../../../shared/corpora/article-extraction`,
//! with `ONLY=name` for some extractors and `VERBOSE=1` for each page's figures. To look
//! closer: `EXPLAIN=hash` (the lines each extractor adds to the true text or misses, on the
//! pages whose hash starts so; `SHOW=1` prints its output, `MARKDOWN=1` dossier's blocks),
//! `FIGURES=1` (images and captions dossier keeps), `HIDDEN=1` (whether text for screen
//! readers only is article text), `HEADINGS=1` (how often the restated
//! headline test fires on later headings) and `TIMING=1` (where the import's time goes).

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;
use std::time::Instant;

type Extractor = fn(&str, &str) -> String;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../../../shared/corpora/article-extraction".into());
    let dir = Path::new(&dir);
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
    let mut pages = Vec::new();
    for (hash, v) in truth.as_object().unwrap() {
        let mut gz = flate2::read::GzDecoder::new(
            std::fs::File::open(dir.join("html").join(format!("{hash}.html.gz"))).unwrap(),
        );
        let mut bytes = Vec::new();
        gz.read_to_end(&mut bytes).unwrap();
        let html = String::from_utf8_lossy(&bytes).into_owned();
        pages.push((
            hash.clone(),
            html,
            v["articleBody"].as_str().unwrap_or("").to_string(),
            v["url"].as_str().unwrap_or("").to_string(),
        ));
    }
    let extractors: Vec<(&str, Extractor)> = vec![
        // `dossier import` itself: the article body as written (its Markdown read back).
        ("dossier import (page::parse)", |html, _| {
            let draft = dossier::content::import::page::parse(html.as_bytes(), None);
            let lines: Vec<String> = draft
                .blocks
                .iter()
                .map(|b| dossier::content::import::page::markdown::plain_text(b))
                .collect();
            lines.join("\n")
        }),
        ("dossier import, captions aside", |html, _| {
            let draft = dossier::content::import::page::parse(html.as_bytes(), None);
            let lines: Vec<String> = draft
                .blocks
                .iter()
                .filter(|b| !b.starts_with("Caption: "))
                .map(|b| dossier::content::import::page::markdown::plain_text(b))
                .collect();
            lines.join("\n")
        }),
        ("rs-trafilatura 0.2", |html, url| {
            let opts = rs_trafilatura::Options {
                url: Some(url.to_string()),
                ..Default::default()
            };
            rs_trafilatura::extract_with_options(html, &opts)
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
        ("trafilatura 0.6", |html, _| {
            trafilatura::extract(html, &trafilatura::Options::default())
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
        ("trafilatura 0.6 (fallback)", |html, _| {
            trafilatura::extract(html, &trafilatura::Options::default().with_fallback(true))
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
        ("trafilatura 0.6 (recall)", |html, _| {
            let o = trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorRecall);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (precision)", |html, _| {
            let o = trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorPrecision);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (no comments)", |html, _| {
            let o = trafilatura::Options::default().with_exclude_comments(true);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (no tables)", |html, _| {
            let o = trafilatura::Options::default().with_exclude_tables(true);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (images+links)", |html, _| {
            let o = trafilatura::Options::default().with_images(true).with_links(true);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (images)", |html, _| {
            let o = trafilatura::Options::default().with_images(true);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (links)", |html, _| {
            let o = trafilatura::Options::default().with_links(true);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (url)", |html, url| {
            let mut o = trafilatura::Options::default();
            if let Ok(u) = url.parse() { o = o.with_url(u); }
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("trafilatura 0.6 (fast date)", |html, _| {
            let o = trafilatura::Options::default().with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
            trafilatura::extract(html, &o).map(|r| r.content_text).unwrap_or_default()
        }),
        ("dom_smoothie 0.19", |html, url| {
            dom_smoothie::Readability::new(html, Some(url), None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default()
        }),
        ("legible 0.5", |html, url| {
            legible::parse(html, Some(url), None)
                .map(|a| a.text_content)
                .unwrap_or_default()
        }),
    ];
    if let Ok(f) = std::env::var("FILE") {
        let html = std::fs::read_to_string(f).unwrap();
        let o = trafilatura::Options::default().with_images(true).with_links(true);
        let r = trafilatura::extract(&html, &o).unwrap();
        println!("{}\n-----\n{}", r.content_html, r.content_text);
        return;
    }
    if let Ok(h) = std::env::var("DUMP") {
        for (hash, html, truth, _) in &pages {
            if hash.starts_with(&h) {
                let o = trafilatura::Options::default().with_images(true).with_links(true);
                let r = trafilatura::extract(html, &o).unwrap();
                println!("{}\n-----\n{}\n-----\n{:#?}", r.content_html, truth, r.metadata);
            }
        }
        return;
    }
    if let Ok(h) = std::env::var("EXPLAIN") {
        // The lines of each extractor's output that the true text does not hold (+), and
        // the true lines it misses (-), for the pages whose hash starts with `h`.
        let only = std::env::var("ONLY").ok();
        for (hash, html, truth, url) in pages.iter().filter(|p| p.0.starts_with(&h)) {
            println!("=== {hash}");
            if std::env::var("MARKDOWN").is_ok() {
                let draft = dossier::content::import::page::parse(html.as_bytes(), None);
                println!("title: {:?}\n{}\n===", draft.title, draft.blocks.join("\n\n"));
            }
            for (name, f) in &extractors {
                if only.as_deref().is_some_and(|o| !name.contains(o)) {
                    continue;
                }
                println!("--- {name}");
                let out = f(html, url);
                if std::env::var("SHOW").is_ok() {
                    println!("{out}\n---");
                }
                explain(truth, &out);
            }
        }
        return;
    }
    if std::env::var("TIMING").is_ok() {
        // Where the import's time goes, single thread, best of 5 rounds over the pages.
        use trafilatura::{Options, dom::Document};
        let best = |f: &dyn Fn(&str)| {
            (0..5)
                .map(|_| {
                    let start = Instant::now();
                    for (_, html, _, _) in &pages {
                        f(html);
                    }
                    start.elapsed().as_secs_f64() * 1000.0 / pages.len() as f64
                })
                .fold(f64::MAX, f64::min)
        };
        let o = Options::default().with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
        let rich = o.clone().with_links(true).with_images(true);
        println!("parse           {:.2} ms/page", best(&|h| drop(Document::parse(h))));
        println!("parse+clone     {:.2}", best(&|h| drop(Document::parse(h).clone_document())));
        println!("parse+default   {:.2}", best(&|h| drop(trafilatura::extract(h, &o))));
        println!("parse+rich      {:.2}", best(&|h| drop(trafilatura::extract(h, &rich))));
        let import = |h: &str| drop(dossier::content::import::page::parse(h.as_bytes(), None));
        println!("page::parse     {:.2}", best(&import));
        return;
    }
    if std::env::var("HIDDEN").is_ok() {
        // How many texts for screen readers only (two words or more) the true text holds.
        use dossier::content::import::page::SCREEN_READER_ONLY;
        let words = |s: &str| format!(" {} ", tokens(&s.to_lowercase()).join(" "));
        let (mut texts, mut in_truth) = (0, 0);
        for (hash, html, truth, _) in &pages {
            let doc = trafilatura::dom::Document::parse(html);
            let truth = words(truth);
            for id in doc.query_selector_all(doc.root(), SCREEN_READER_ONLY) {
                let text = words(&doc.text_content(id));
                if text.split_whitespace().count() >= 2 {
                    texts += 1;
                    if truth.contains(&text) {
                        in_truth += 1;
                        println!("  {hash:.8} {text:.100}");
                    }
                }
            }
        }
        println!("{texts} texts for screen readers only, {in_truth} in the true text");
        return;
    }
    if std::env::var("HEADINGS").is_ok() {
        // How often the test for a restated headline would fire on the body's other
        // headings (which are article text): with the title, and with the summary.
        use dossier::content::import::page::{markdown::plain_text, restates, words};
        let (mut headings, mut by_title, mut by_summary) = (0, 0, 0);
        for (hash, html, _, _) in &pages {
            let draft = dossier::content::import::page::parse(html.as_bytes(), None);
            for b in draft.blocks.iter().skip(1).filter(|b| b.starts_with('#')) {
                let text = plain_text(b);
                let heading = words(&text);
                headings += 1;
                let t = draft.title.as_deref().is_some_and(|t| restates(&heading, &words(t)));
                let s = draft.summary.as_deref().is_some_and(|s| words(s).starts_with(&heading));
                by_title += t as usize;
                by_summary += s as usize;
                if t || s {
                    println!("  {hash:.8} title={t} summary={s} | {text:.100}");
                }
            }
            if draft.dropped.iter().any(|d| d == "the repeated headline") {
                println!("  {hash:.8} dropped the opening heading");
            }
        }
        println!("{headings} later headings: {by_title} restate the title, {by_summary} the summary");
        return;
    }
    if std::env::var("FIGURES").is_ok() {
        let (mut images, mut captions) = (0, 0);
        for (hash, html, _, _) in &pages {
            let draft = dossier::content::import::page::parse(html.as_bytes(), None);
            let i = draft.blocks.iter().filter(|b| b.starts_with("![")).count();
            let c = draft.blocks.iter().filter(|b| b.starts_with("Caption: ")).count();
            println!("  {hash:.12} images {i} captions {c}");
            images += i;
            captions += c;
        }
        println!("images {images} captions {captions}");
        return;
    }
    let only = std::env::var("ONLY").ok();
    for (name, f) in extractors {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let start = Instant::now();
        let mut scores = Vec::new();
        for (hash, html, truth, url) in &pages {
            let pred = f(html, url);
            let s = shingle_match(truth, &pred);
            if std::env::var("VERBOSE").is_ok() {
                println!("  {hash:.12} p={:.3} r={:.3}", prec(s), rec(s));
            }
            scores.push(s);
        }
        let secs = start.elapsed().as_secs_f64();
        let (p, r) = averages(&scores);
        println!(
            "{name:30} F1 {:.3}  precision {p:.3}  recall {r:.3}  {:.1} ms/page",
            2.0 * p * r / (p + r),
            secs * 1000.0 / pages.len() as f64
        );
    }
}

fn tokens(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\w+").unwrap();
    re.find_iter(text).map(|m| m.as_str().to_string()).collect()
}

fn shingles(text: &str) -> HashMap<String, usize> {
    let t = tokens(text);
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..t.len().saturating_sub(n - 1).max(1) {
        let s = t[i..(i + n).min(t.len())].join(" ");
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// Normalised (tp, fp, fn) of one page.
fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let tc = *t.get(key).unwrap_or(&0) as f64;
        let pc = *p.get(key).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn prec((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn rec((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn averages(scores: &[(f64, f64, f64)]) -> (f64, f64) {
    let n = scores.len() as f64;
    (
        scores.iter().map(|s| prec(*s)).sum::<f64>() / n,
        scores.iter().map(|s| rec(*s)).sum::<f64>() / n,
    )
}

/// Prints the output's lines whose shingles the truth mostly lacks, and the truth's lines
/// whose shingles the output mostly lacks.
fn explain(truth: &str, pred: &str) {
    let (t, p) = (shingles(truth), shingles(pred));
    let missing = |line: &str, other: &HashMap<String, usize>| {
        let own = shingles(line);
        let total = own.len().max(1);
        let absent = own.keys().filter(|k| !other.contains_key(*k)).count();
        (absent * 2 > total && tokens(line).len() > 0).then_some((absent, total))
    };
    for line in pred.lines() {
        if let Some((a, n)) = missing(line, &t) {
            println!("+ [{a}/{n}] {line:.200}");
        }
    }
    for line in truth.lines() {
        if let Some((a, n)) = missing(line, &p) {
            println!("- [{a}/{n}] {line:.200}");
        }
    }
}
