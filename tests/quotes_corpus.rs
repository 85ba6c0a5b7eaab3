//! Quote finding and attribution on real and synthetic corpora outside the repository.
//!
//! These tests are ignored by default and skip when their data is absent; nothing from
//! the corpora is copied into the repository. Run them with
//!
//! ```sh
//! cargo test --release --test quotes_corpus -- --ignored --nocapture
//! ```
//!
//! - `bbc_and_polnear`: counts over `../shared/corpora/{bbc,polnear}` (or
//!   `$DOSSIER_CORPORA`), attribution precision and recall per PolNeAR split (train,
//!   dev, test) checked against its hand annotations, and 30 attributions drawn with a
//!   fixed seed for checking by hand. Tune on train and dev only; `SHOW_WRONG=1` lists
//!   their wrong and missed attributions, never the test split's.
//! - `bench_corpus`: a corpus written by `bench/gen_corpus.py --format dossier` at
//!   `$DOSSIER_BENCH_CORPUS`: attribution against its ground truth, and the time to
//!   find and cluster every quote.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use serde::Deserialize;

use dossier::annotate::clusters::{ClusterItem, cluster_quotes};
use dossier::annotate::entities::FoundMention;
use dossier::annotate::quotes::{FoundQuote, QuoteFinder};
use dossier::annotate::{BlockKind, TextBlock, TextPos};
use dossier::content::registry::{Entity, EntityKind, Registry};

#[path = "common/corpora.rs"]
mod corpora;

/// A corpus article: title line, blank line, paragraphs separated by blank lines.
/// Returns the blocks and the byte offset of each block in the file.
fn corpus_blocks(text: &str) -> (Vec<TextBlock>, Vec<usize>) {
    let mut blocks = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0;
    for (n, para) in text.split("\n\n").enumerate() {
        let start = at;
        at += para.len() + 2;
        let lead = para.len() - para.trim_start().len();
        let body = para.trim();
        if body.is_empty() {
            continue;
        }
        let mut b = TextBlock::paragraph(body);
        if n == 0 {
            b.kind = BlockKind::Heading;
        }
        blocks.push(b);
        starts.push(start + lead);
    }
    (blocks, starts)
}

/// A small deterministic generator (SplitMix64) for sampling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}...")
    }
}

/// One gold attribution of PolNeAR: character ranges of its source and content.
struct GoldAttribution {
    source: Vec<(usize, usize)>,
    content: Vec<(usize, usize)>,
    source_text: String,
}

fn parse_ann(ann: &str) -> Vec<GoldAttribution> {
    // Text-bound spans by id: character ranges and covered text.
    type Spans<'a> = HashMap<&'a str, (Vec<(usize, usize)>, &'a str)>;
    let mut spans: Spans = HashMap::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(meta)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let text = cols.next().unwrap_or("");
        let ranges = meta.split_once(' ').map_or("", |(_, r)| r);
        let parsed: Vec<(usize, usize)> = ranges
            .split(';')
            .filter_map(|r| {
                let (a, b) = r.trim().split_once(' ')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            })
            .collect();
        spans.insert(id, (parsed, text));
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else {
            continue;
        };
        let mut source = Vec::new();
        let mut content = Vec::new();
        let mut source_text = String::new();
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let Some((ranges, text)) = spans.get(id) else {
                continue;
            };
            if role.starts_with("Source") {
                source.extend(ranges.iter().copied());
                source_text = text.to_string();
            } else if role.starts_with("Content") {
                content.extend(ranges.iter().copied());
            }
        }
        out.push(GoldAttribution {
            source,
            content,
            source_text,
        });
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

const CUES: &[&str] = &["said", "says", "told", "added", "wrote", "asked"];

const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "you", "him", "her"];

#[derive(Default)]
struct Tally {
    articles: usize,
    quotes: usize,
    terms: usize,
    attributed: usize,
    multi_block: usize,
    by_source: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, quotes: &[FoundQuote]) {
        self.articles += 1;
        for q in quotes {
            if q.is_term {
                self.terms += 1;
                continue;
            }
            self.quotes += 1;
            if q.start.block != q.end.block {
                self.multi_block += 1;
            }
            if q.speaker.is_some() {
                self.attributed += 1;
            }
            *self
                .by_source
                .entry(format!("{:?}", q.speaker_source))
                .or_default() += 1;
        }
    }

    fn print(&self, name: &str) {
        println!(
            "{name}: {} articles, {} quotations ({} over several paragraphs), {} terms; {} attributed ({:.1}%); by rule {:?}",
            self.articles,
            self.quotes,
            self.multi_block,
            self.terms,
            self.attributed,
            100.0 * self.attributed as f64 / self.quotes.max(1) as f64,
            self.by_source
        );
    }
}

/// The sentence context of a quote's attribution, for reading by hand.
fn show(blocks: &[TextBlock], q: &FoundQuote) -> String {
    let start = &blocks[q.start.block].text;
    let end = &blocks[q.end.block].text;
    let before: String = start[..q.start.offset]
        .chars()
        .rev()
        .take(90)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = end[q.end.offset..].chars().take(90).collect();
    format!("...{before}[[{}]]{after}...", ellipsize(&q.text, 70))
}

#[test]
#[ignore]
fn bbc_and_polnear() {
    let Some(dir) =
        corpora::corpora().filter(|d| d.join("bbc").is_dir() && d.join("polnear").is_dir())
    else {
        eprintln!("skipped: no corpora (set DOSSIER_CORPORA or add ../shared/corpora)");
        return;
    };
    let registry = Registry::default();
    let finder = QuoteFinder::new(&registry, 4);
    let mut samples: Vec<(String, String, String)> = Vec::new();

    // BBC.
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("bbc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let started = Instant::now();
    let results: Vec<(String, Vec<TextBlock>, Vec<FoundQuote>)> = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let (blocks, _) = corpus_blocks(&text);
            let quotes = finder.find(&blocks, &[]);
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, blocks, quotes)
        })
        .collect();
    let elapsed = started.elapsed();
    let mut bbc = Tally::default();
    let mut bbc_items: Vec<(String, Option<String>)> = Vec::new();
    for (name, blocks, quotes) in &results {
        bbc.add(quotes);
        for q in quotes {
            bbc_items.push((q.text.clone(), q.speaker.as_ref().map(|s| s.name.clone())));
            if let (false, Some(sp)) = (q.is_term, &q.speaker) {
                samples.push((
                    name.clone(),
                    show(blocks, q),
                    format!("{} ({:?})", sp.name, q.speaker_source.unwrap()),
                ));
            }
        }
    }
    bbc.print("bbc");
    println!("bbc: found and attributed in {elapsed:.2?}");
    let items: Vec<ClusterItem> = bbc_items
        .iter()
        .map(|(t, s)| ClusterItem {
            text: t,
            speaker: s.as_deref(),
        })
        .collect();
    let started = Instant::now();
    let clusters = cluster_quotes(&items);
    let multi = clusters.iter().filter(|c| c.len() > 1).count();
    println!(
        "bbc: {} items in {} clusters ({multi} with several items) in {:.2?}",
        items.len(),
        clusters.len(),
        started.elapsed()
    );

    // PolNeAR, with its gold attributions.
    let pdir = dir.join("polnear");
    let split: HashMap<String, String> = std::fs::read_to_string(pdir.join("metadata.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            let comp = c.next()?.to_string();
            Some((c.next()?.trim_end_matches(".txt").to_string(), comp))
        })
        .collect();
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut ann_files: Vec<PathBuf> = std::fs::read_dir(pdir.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    ann_files.sort();
    for p in ann_files {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        if let Some((article, _)) = stem.rsplit_once('_') {
            anns.entry(article.to_string()).or_insert(p);
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&pdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut pol = Tally::default();
    // Per split: [right, wrong, unverifiable, no gold attribution, gold-attributed quotes
    // we left without speaker].
    let mut scores: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    // Per split and rule (`SpeakerSource`): [right, wrong].
    let mut by_rule: BTreeMap<(String, String), [usize; 2]> = BTreeMap::new();
    let mut wrong_examples: Vec<String> = Vec::new();
    let mut missed_examples: Vec<String> = Vec::new();
    for p in &files {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(p).unwrap();
        let (blocks, starts) = corpus_blocks(&text);
        let quotes = finder.find(&blocks, &[]);
        pol.add(&quotes);
        for q in &quotes {
            if let (false, Some(sp)) = (q.is_term, &q.speaker) {
                samples.push((
                    stem.clone(),
                    show(&blocks, q),
                    format!("{} ({:?})", sp.name, q.speaker_source.unwrap()),
                ));
            }
        }
        let Some(ann) = anns.get(&stem) else { continue };
        let gold = parse_ann(&std::fs::read_to_string(ann).unwrap());
        let comp = split.get(&stem).cloned().unwrap_or_else(|| "other".into());
        // Byte offset in the file -> character offset.
        let mut char_of = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (i, c) in text.char_indices() {
            for slot in &mut char_of[i..i + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        char_of[text.len()] = n;
        let at = |p: TextPos| char_of[starts[p.block] + p.offset];
        let tally = scores.entry(comp.clone()).or_default();
        for q in quotes.iter().filter(|q| !q.is_term) {
            let qr = (
                at(q.start) + 1,
                at(q.end).saturating_sub(1).max(at(q.start) + 1),
            );
            let matching: Vec<&GoldAttribution> = gold
                .iter()
                .filter(|g| !g.source.is_empty() && g.content.iter().any(|&c| overlaps(c, qr)))
                .collect();
            let Some(sp) = &q.speaker else {
                if !matching.is_empty() {
                    tally[4] += 1;
                    if comp == "train" && missed_examples.len() < 400 {
                        missed_examples.push(format!("{stem}: {}", show(&blocks, q)));
                    }
                }
                continue;
            };
            if matching.is_empty() {
                tally[3] += 1;
                continue;
            }
            // Right when our speaker phrase overlaps a gold source span, or when a gold
            // source names our speaker (by last name). Gold sources that are only a
            // pronoun or only a speech verb (an annotation slip) cannot tell.
            let span_hit = q.speaker_span.is_some_and(|(s, e)| {
                let mine = (at(s), at(e));
                matching
                    .iter()
                    .any(|g| g.source.iter().any(|&r| overlaps(r, mine)))
            });
            let sources: Vec<String> = matching
                .iter()
                .map(|g| g.source_text.to_lowercase())
                .collect();
            let last = sp
                .name
                .split_whitespace()
                .last()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let name_hit = !last.is_empty()
                && sources
                    .iter()
                    .any(|s| s.split(|c: char| !c.is_alphanumeric()).any(|w| w == last));
            let uninformative = sources
                .iter()
                .all(|s| PRONOUNS.contains(&s.as_str()) || CUES.contains(&s.as_str()));
            let verdict = if span_hit || name_hit {
                Some(true)
            } else if uninformative {
                None
            } else {
                Some(false)
            };
            if let Some(v) = verdict {
                // A pronoun's span overlaps a gold pronoun source whoever it was resolved
                // to: those are counted apart, their resolution unchecked.
                let via_pronoun = q.speaker_span.is_some_and(|(s, e)| {
                    s.block == e.block
                        && PRONOUNS.contains(
                            &blocks[s.block].text[s.offset..e.offset]
                                .to_lowercase()
                                .as_str(),
                        )
                });
                let rule = format!(
                    "{:?}{}",
                    q.speaker_source.unwrap(),
                    if via_pronoun {
                        " (pronoun, resolution unchecked)"
                    } else {
                        ""
                    }
                );
                by_rule.entry((comp.clone(), rule)).or_default()[usize::from(!v)] += 1;
            }
            match verdict {
                Some(true) => tally[0] += 1,
                Some(false) => {
                    tally[1] += 1;
                    // Examples from the held-out test split are never shown.
                    if comp != "test" && wrong_examples.len() < 400 {
                        wrong_examples.push(format!(
                            "{stem}: {} -> {:?} ({:?}); gold source {:?}",
                            show(&blocks, q),
                            sp.name,
                            q.speaker_source,
                            matching.iter().map(|g| &g.source_text).collect::<Vec<_>>()
                        ));
                    }
                }
                None => tally[2] += 1,
            }
        }
    }
    pol.print("polnear");
    for (comp, t) in &scores {
        // Recall over the quotations found that have a gold source: named right, of
        // those named right, wrong, unverifiably, or not at all.
        println!(
            "polnear {comp}: attribution precision {:.3}, recall {:.3} ({} right, {} wrong, {} unverifiable (pronoun or verb-only gold sources), {} with no gold attribution); {} gold-attributed quotations left without a speaker",
            t[0] as f64 / (t[0] + t[1]).max(1) as f64,
            t[0] as f64 / (t[0] + t[1] + t[2] + t[4]).max(1) as f64,
            t[0],
            t[1],
            t[2],
            t[3],
            t[4]
        );
    }
    for ((comp, rule), [right, wrong]) in &by_rule {
        println!(
            "polnear {comp} {rule}: precision {:.3} ({right} right, {wrong} wrong)",
            *right as f64 / (right + wrong).max(1) as f64
        );
    }
    if std::env::var_os("SHOW_WRONG").is_some() {
        for w in &wrong_examples {
            println!("WRONG {w}");
        }
        for w in &missed_examples {
            println!("MISSED {w}");
        }
    }

    // Thirty attributions for checking by hand.
    samples.sort();
    let mut rng = Rng(20200105);
    println!("\n30 attributions drawn with a fixed seed:");
    let mut drawn: Vec<usize> = Vec::new();
    while drawn.len() < 30.min(samples.len()) {
        let i = (rng.next() % samples.len() as u64) as usize;
        if !drawn.contains(&i) {
            drawn.push(i);
        }
    }
    for (n, &i) in drawn.iter().enumerate() {
        let n = n + 1;
        let (file, context, speaker) = &samples[i];
        println!("{n:2}. {file}\n    {context}\n    -> {speaker}");
    }
}

#[derive(Deserialize)]
struct RawRegistry {
    entity: Vec<RawEntity>,
}

#[derive(Deserialize)]
struct RawEntity {
    id: String,
    name: String,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct TruthLine {
    slug: String,
    quotes: Vec<TruthQuote>,
}

#[derive(Deserialize)]
struct TruthQuote {
    text: String,
    speaker: Option<String>,
}

/// Whole-word, leftmost-longest registry mentions: a fast stand-in for the real matcher.
struct FastMatcher {
    ac: AhoCorasick,
    entity_of: Vec<usize>,
}

impl FastMatcher {
    fn new(registry: &Registry) -> Self {
        let mut names = Vec::new();
        let mut entity_of = Vec::new();
        for (i, e) in registry.entities.iter().enumerate() {
            for n in e.names() {
                names.push(n.to_string());
                entity_of.push(i);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .unwrap();
        FastMatcher { ac, entity_of }
    }

    fn find(&self, blocks: &[TextBlock]) -> Vec<FoundMention> {
        let mut out = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            let t = &block.text;
            for m in self.ac.find_iter(t) {
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if word(t[..m.start()].chars().next_back()) || word(t[m.end()..].chars().next()) {
                    continue;
                }
                out.push(FoundMention {
                    block: b,
                    range: m.start()..m.end(),
                    entity: self.entity_of[m.pattern().as_usize()],
                });
            }
        }
        out
    }
}

#[test]
#[ignore]
fn bench_corpus() {
    let Some(dir) = std::env::var_os("DOSSIER_BENCH_CORPUS").map(PathBuf::from) else {
        eprintln!("skipped: set DOSSIER_BENCH_CORPUS to a corpus from bench/gen_corpus.py");
        return;
    };
    let raw: RawRegistry =
        toml::from_str(&std::fs::read_to_string(dir.join("content/entities.toml")).unwrap())
            .unwrap();
    let registry = Registry::new(
        raw.entity
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                description: String::new(),
                links: Vec::new(),
                line: 0,
            })
            .collect(),
    );
    // `DOSSIER_BENCH_LIMIT` takes only the first articles.
    let limit: usize = std::env::var("DOSSIER_BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let truth: Vec<TruthLine> = std::fs::read_to_string(dir.join("ground_truth.jsonl"))
        .unwrap()
        .lines()
        .take(limit)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let matcher = FastMatcher::new(&registry);
    let finder = QuoteFinder::new(&registry, 4);

    let started = Instant::now();
    let finding_ns = AtomicU64::new(0);
    let results: Vec<Vec<FoundQuote>> = truth
        .par_iter()
        .map(|t| {
            let path = dir.join("content/articles").join(format!("{}.md", t.slug));
            let source = std::fs::read_to_string(path).unwrap();
            let body = source
                .strip_prefix("+++")
                .and_then(|r| r.split_once("\n+++"))
                .map_or(source.as_str(), |(_, b)| b);
            let blocks: Vec<TextBlock> = body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let mut b = TextBlock::paragraph(&p.replace('\n', " "));
                    if p.starts_with('#') {
                        b.kind = BlockKind::Heading;
                    }
                    b
                })
                .collect();
            let mentions = matcher.find(&blocks);
            let t = Instant::now();
            let quotes = finder.find(&blocks, &mentions);
            finding_ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
            quotes
        })
        .collect();
    let found_in = started.elapsed();
    let finding = Duration::from_nanos(finding_ns.load(Ordering::Relaxed));

    let norm = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (mut gold_n, mut matched, mut found_n) = (0, 0, 0);
    let (mut right, mut wrong, mut missing) = (0, 0, 0);
    let mut wrong_examples: Vec<String> = Vec::new();
    for (t, quotes) in truth.iter().zip(&results) {
        found_n += quotes.iter().filter(|q| !q.is_term).count();
        let mut taken = vec![false; quotes.len()];
        for g in &t.quotes {
            gold_n += 1;
            let want = norm(&g.text);
            let Some(i) = quotes
                .iter()
                .enumerate()
                .position(|(i, q)| !taken[i] && norm(&q.text) == want)
            else {
                continue;
            };
            taken[i] = true;
            matched += 1;
            let got = quotes[i]
                .speaker
                .as_ref()
                .and_then(|s| s.entity)
                .map(|e| registry.entities[e].id.as_str());
            match (got, g.speaker.as_deref()) {
                (Some(a), Some(b)) if a == b => right += 1,
                (None, Some(_)) => missing += 1,
                (None, None) => {}
                (a, b) => {
                    wrong += 1;
                    if wrong_examples.len() < 10 {
                        wrong_examples
                            .push(format!("{}: {:?} -> {a:?}, truth {b:?}", t.slug, g.text));
                    }
                }
            }
        }
    }
    println!(
        "bench: {} articles, {gold_n} true quotations, {found_n} found, {matched} matched; read, mentions, found and attributed in {found_in:.2?} ({finding:.2?} of thread time in quote finding)",
        truth.len()
    );
    println!(
        "bench attribution (entity ids): precision {:.4} ({right}/{}), recall {:.4} ({right}/{}); {missing} left without an entity",
        right as f64 / (right + wrong).max(1) as f64,
        right + wrong,
        right as f64 / (right + wrong + missing).max(1) as f64,
        right + wrong + missing,
    );
    for w in &wrong_examples {
        println!("  {w}");
    }

    let items: Vec<ClusterItem> = results
        .iter()
        .flatten()
        .map(|q| ClusterItem {
            text: &q.text,
            speaker: q.speaker.as_ref().map(|s| match s.entity {
                Some(e) => registry.entities[e].id.as_str(),
                None => s.name.as_str(),
            }),
        })
        .collect();
    let started = Instant::now();
    let clusters = cluster_quotes(&items);
    let elapsed = started.elapsed();
    let multi = clusters.iter().filter(|c| c.len() > 1).count();
    let largest = clusters.iter().map(Vec::len).max().unwrap_or(0);
    println!(
        "bench clustering: {} quotes in {} clusters ({multi} with several, largest {largest}) in {elapsed:.2?}",
        items.len(),
        clusters.len()
    );
    let mut by_size: Vec<&Vec<usize>> = clusters.iter().collect();
    by_size.sort_by_key(|c| std::cmp::Reverse(c.len()));
    for c in by_size.iter().take(5) {
        let mut speakers: Vec<Option<&str>> = c.iter().map(|&i| items[i].speaker).collect();
        speakers.sort();
        speakers.dedup();
        let mut texts: Vec<&str> = c.iter().map(|&i| items[i].text).collect();
        texts.sort();
        texts.dedup();
        println!(
            "  cluster of {}: {} speakers ({:?}...), {} wordings, e.g. {:?} / {:?}",
            c.len(),
            speakers.len(),
            &speakers[..speakers.len().min(3)],
            texts.len(),
            texts[0],
            texts[texts.len() - 1]
        );
    }
    if std::env::var_os("SHOW_CLUSTER").is_some() {
        // The clusters with the most distinct wordings, for reading.
        let wordings = |c: &Vec<usize>| {
            let mut texts: Vec<&str> = c.iter().map(|&i| items[i].text).collect();
            texts.sort();
            texts.dedup();
            texts
        };
        let mut by_wordings: Vec<&Vec<usize>> = clusters.iter().collect();
        by_wordings.sort_by_key(|c| std::cmp::Reverse(wordings(c).len()));
        for c in by_wordings.iter().take(3) {
            println!("  cluster of {} ({:?}):", c.len(), items[c[0]].speaker);
            for t in wordings(c) {
                println!("    {t}");
            }
        }
    }
}
