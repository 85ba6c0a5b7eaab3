//! Compares main-text extraction crates on saved news pages with their true article text,
//! with the article-extraction benchmark's measure (4-word shingles, precision and recall
//! per page, averaged). Usage: `cargo run --release -- ../../../shared/corpora/article-extraction`.

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
