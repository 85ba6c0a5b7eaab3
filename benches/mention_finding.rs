//! Times mention finding over a generated corpus and scores it against the
//! generator's ground truth.
//!
//! ```sh
//! python3 /work/shared/bench/gen_corpus.py --format dossier -n 10000 -o /tmp/corpus
//! DOSSIER_BENCH_CORPUS=/tmp/corpus cargo bench --bench mention_finding
//! ```
//!
//! The corpus's `content/entities.toml` becomes the registry and every
//! `content/articles/*.md` becomes a list of paragraph blocks (front matter stripped,
//! paragraphs split on blank lines; no Markdown is parsed, the generated bodies are
//! plain paragraphs). `find_mentions` runs over all articles on one thread and then
//! with rayon; the set of entity ids found in each article is compared with
//! `ground_truth.jsonl`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use dossier::annotate::TextBlock;
use dossier::annotate::entities::{EntityMatcher, Mentions};
use dossier::content::registry::{Entity, EntityKind, Registry};
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct RegistryFile {
    entity: Vec<EntityRecord>,
}

#[derive(Deserialize)]
struct EntityRecord {
    id: String,
    name: String,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
struct Truth {
    slug: String,
    entities: Vec<String>,
}

struct Article {
    slug: String,
    blocks: Vec<TextBlock>,
}

fn main() -> Result<()> {
    let Some(dir) = std::env::var_os("DOSSIER_BENCH_CORPUS") else {
        println!("mention_finding: set DOSSIER_BENCH_CORPUS to a generated corpus, e.g.");
        println!(
            "  python3 /work/shared/bench/gen_corpus.py --format dossier -n 10000 -o /tmp/corpus"
        );
        println!("  DOSSIER_BENCH_CORPUS=/tmp/corpus cargo bench --bench mention_finding");
        return Ok(());
    };
    let dir = Path::new(&dir);

    let registry = load_registry(&dir.join("content/entities.toml"))?;
    let articles = load_articles(&dir.join("content/articles"))?;
    let bytes: usize = articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.len())
        .sum();
    println!(
        "corpus: {} articles ({:.1} MB of text), {} entities",
        articles.len(),
        bytes as f64 / 1e6,
        registry.len()
    );

    let start = Instant::now();
    let matcher = EntityMatcher::new(&registry);
    println!(
        "build matcher: {:.1} ms ({} names and aliases)",
        ms(start.elapsed()),
        matcher.surface_count()
    );

    // Warm up once, then take the best of three runs of each.
    let _ = find_all(&matcher, &articles);
    let (single, results) = best_of(3, || find_all(&matcher, &articles));
    report("single thread", single, articles.len(), bytes);
    let (parallel, parallel_results) = best_of(3, || find_all_parallel(&matcher, &articles));
    report(
        &format!("rayon ({} threads)", rayon::current_num_threads()),
        parallel,
        articles.len(),
        bytes,
    );
    assert!(
        results == parallel_results,
        "parallel and serial results differ"
    );

    let truth_path = dir.join("ground_truth.jsonl");
    let truth = load_truth(&truth_path)?;
    score(&registry, &articles, &results, &truth);
    Ok(())
}

fn find_all(matcher: &EntityMatcher, articles: &[Article]) -> Vec<Mentions> {
    articles
        .iter()
        .map(|a| matcher.find_mentions(&a.blocks))
        .collect()
}

fn find_all_parallel(matcher: &EntityMatcher, articles: &[Article]) -> Vec<Mentions> {
    articles
        .par_iter()
        .map(|a| matcher.find_mentions(&a.blocks))
        .collect()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        let took = start.elapsed();
        if best.as_ref().is_none_or(|(d, _)| took < *d) {
            best = Some((took, value));
        }
    }
    best.expect("at least one run")
}

fn report(label: &str, took: Duration, articles: usize, bytes: usize) {
    println!(
        "{label}: {:.1} ms total, {:.2} µs per article, {:.0} MB/s",
        ms(took),
        took.as_secs_f64() * 1e6 / articles.max(1) as f64,
        bytes as f64 / 1e6 / took.as_secs_f64()
    );
}

fn score(registry: &Registry, articles: &[Article], results: &[Mentions], truth: &[Truth]) {
    let truth: HashMap<&str, BTreeSet<&str>> = truth
        .iter()
        .map(|t| {
            (
                t.slug.as_str(),
                t.entities.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let (mut tp, mut fp, mut fn_, mut ambiguous, mut scored) = (0, 0, 0, 0, 0);
    for (article, mentions) in articles.iter().zip(results) {
        let Some(expected) = truth.get(article.slug.as_str()) else {
            continue;
        };
        scored += 1;
        let found: BTreeSet<&str> = mentions
            .found
            .iter()
            .map(|m| registry.entities[m.entity].id.as_str())
            .collect();
        tp += found.intersection(expected).count();
        fp += found.difference(expected).count();
        fn_ += expected.difference(&found).count();
        ambiguous += mentions.ambiguous.len();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "ground truth ({scored} articles, entity ids per article): precision {precision:.4}, recall {recall:.4} \
         (tp {tp}, fp {fp}, fn {fn_}; {ambiguous} ambiguous mentions)"
    );
}

fn load_registry(path: &Path) -> Result<Registry> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    let file: RegistryFile =
        toml::from_str(&text).with_context(|| format!("failed to parse `{}`", path.display()))?;
    Ok(Registry::new(
        file.entity
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                hidden_aliases: Vec::new(),
                description: e.description,
                links: Vec::new(),
                line: 0,
            })
            .collect(),
    ))
}

fn load_articles(dir: &Path) -> Result<Vec<Article>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("failed to read `{}`", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("failed to read `{}`", path.display()))?;
            let slug = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            Ok(Article {
                slug,
                blocks: paragraphs(&text),
            })
        })
        .collect()
}

/// Strips `+++` front matter and splits the body into paragraph blocks on blank lines,
/// keeping each block's 1-based starting line.
fn paragraphs(text: &str) -> Vec<TextBlock> {
    let mut lines = text.lines().enumerate().peekable();
    if lines.peek().is_some_and(|(_, l)| l.trim() == "+++") {
        lines.next();
        for (_, line) in lines.by_ref() {
            if line.trim() == "+++" {
                break;
            }
        }
    }
    let mut blocks = Vec::new();
    let mut current: Option<TextBlock> = None;
    for (n, line) in lines {
        if line.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(block) => {
                block.text.push(' ');
                block.text.push_str(line.trim());
            }
            None => {
                let mut block = TextBlock::paragraph(line.trim());
                block.line = n + 1;
                current = Some(block);
            }
        }
    }
    blocks.extend(current);
    blocks
}

fn load_truth(path: &Path) -> Result<Vec<Truth>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("{}:{}: bad ground truth line", path.display(), n + 1))
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
