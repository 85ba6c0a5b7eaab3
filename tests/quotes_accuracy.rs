//! Accuracy of quote finding, attribution and clustering on the example dossier,
//! measured against the hand-made gold file `tests/data/quotes_gold.toml`.
//!
//! The articles are split into blocks here with a deliberately small reader (blank
//! lines separate paragraphs, `Caption: ` marks a caption, `#` a heading, `>` a block
//! quote) so that this test depends only on the analysers. Skips when the example
//! content is absent.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use dossier::annotate::clusters::{ClusterItem, cluster_quotes};
use dossier::annotate::entities::EntityMatcher;
use dossier::annotate::quotes::{FoundQuote, QuoteFinder};
use dossier::annotate::{BlockKind, TextBlock};
use dossier::content::registry::{Entity, EntityKind, Registry};

#[derive(Deserialize)]
struct RawRegistry {
    entity: Vec<RawEntity>,
}

#[derive(Deserialize)]
struct RawEntity {
    id: Option<String>,
    name: String,
    kind: Option<EntityKind>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct Gold {
    quote: Vec<GoldQuote>,
}

#[derive(Deserialize, Debug)]
struct GoldQuote {
    article: String,
    text: String,
    #[serde(default)]
    term: bool,
    speaker: Option<String>,
    cluster: String,
}

fn load_registry(path: &Path) -> Registry {
    let raw: RawRegistry = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Registry::new(
        raw.entity
            .into_iter()
            .map(|e| Entity {
                id: e
                    .id
                    .unwrap_or_else(|| e.name.to_lowercase().replace(' ', "-")),
                name: e.name,
                kind: e.kind.unwrap_or(EntityKind::Other),
                aliases: e.aliases,
                hidden_aliases: Vec::new(),
                description: String::new(),
                links: Vec::new(),
                line: 0,
            })
            .collect(),
    )
}

/// Splits an article file into blocks of plain text.
fn blocks_of(source: &str) -> Vec<TextBlock> {
    let body = match source.strip_prefix("+++") {
        Some(rest) => rest.split_once("\n+++").map_or(rest, |(_, b)| b),
        None => source,
    };
    let mut out = Vec::new();
    for para in body.split("\n\n") {
        let mut kind = BlockKind::Paragraph;
        let mut lines: Vec<&str> = Vec::new();
        for line in para.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix('>') {
                kind = BlockKind::BlockQuote;
                let rest = rest.trim();
                if !rest.starts_with("[!") {
                    lines.push(rest);
                }
            } else if !line.is_empty() {
                lines.push(line);
            }
        }
        let mut text = lines.join(" ");
        if text.is_empty() {
            continue;
        }
        if let Some(rest) = text.strip_prefix("Caption: ") {
            kind = BlockKind::Caption;
            text = rest.to_string();
        } else if text.starts_with('#') {
            kind = BlockKind::Heading;
            text = text.trim_start_matches('#').trim().to_string();
        }
        // Backslash escapes: `\[` is `[`.
        let mut plain = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                continue;
            }
            plain.push(c);
        }
        let mut block = TextBlock::paragraph(&plain);
        block.kind = kind;
        out.push(block);
    }
    out
}

/// Lower-case letters and digits, single spaces: for matching by prefix.
fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn label(registry: &Registry, q: &FoundQuote) -> Option<String> {
    q.speaker.as_ref().map(|s| match s.entity {
        Some(e) => registry.entities[e].id.clone(),
        None => s.name.clone(),
    })
}

fn same_speaker(found: &str, gold: &str) -> bool {
    found == gold || found.eq_ignore_ascii_case(gold)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn accuracy_on_the_example_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let articles_dir = root.join("content/articles");
    if !articles_dir.is_dir() {
        eprintln!("skipped: {} is missing", articles_dir.display());
        return;
    }
    let registry = load_registry(&root.join("content/entities.toml"));
    let gold: Gold =
        toml::from_str(&std::fs::read_to_string(root.join("tests/data/quotes_gold.toml")).unwrap())
            .unwrap();
    let matcher = EntityMatcher::new(&registry);
    let finder = QuoteFinder::new(&registry, 4);

    let mut slugs: Vec<String> = gold.quote.iter().map(|g| g.article.clone()).collect();
    slugs.dedup();
    // Found quotes of every article, in slug order of the gold file.
    let mut found: Vec<(String, FoundQuote)> = Vec::new();
    for slug in &slugs {
        let path = articles_dir.join(format!("{slug}.md"));
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let blocks = blocks_of(&source);
        let mentions = matcher.find_mentions(&blocks).found;
        for q in finder.find(&blocks, &mentions) {
            found.push((slug.clone(), q));
        }
    }

    // Match gold to found quotes by article and text prefix, one to one.
    let mut gold_to_found: Vec<Option<usize>> = vec![None; gold.quote.len()];
    let mut taken = vec![false; found.len()];
    for (g, gq) in gold.quote.iter().enumerate() {
        let want = norm(&gq.text);
        let hit = found.iter().enumerate().position(|(i, (slug, q))| {
            !taken[i] && *slug == gq.article && norm(&q.text).starts_with(&want)
        });
        if let Some(i) = hit {
            taken[i] = true;
            gold_to_found[g] = Some(i);
        }
    }
    let matched = gold_to_found.iter().flatten().count();
    let finding_p = ratio(matched, found.len());
    let finding_r = ratio(matched, gold.quote.len());

    // Attribution over quotations (terms reported apart).
    let mut report = String::new();
    let (mut q_claimed, mut q_right, mut q_gold) = (0, 0, 0);
    let (mut t_claimed, mut t_right, mut t_gold) = (0, 0, 0);
    for (g, gq) in gold.quote.iter().enumerate() {
        let got = gold_to_found[g].and_then(|i| label(&registry, &found[i].1));
        let right = match (&got, &gq.speaker) {
            (Some(f), Some(w)) => same_speaker(f, w),
            _ => false,
        };
        let (claimed, ok, total) = if gq.term {
            (&mut t_claimed, &mut t_right, &mut t_gold)
        } else {
            (&mut q_claimed, &mut q_right, &mut q_gold)
        };
        *claimed += usize::from(got.is_some());
        *ok += usize::from(right);
        *total += usize::from(gq.speaker.is_some());
        if !right {
            report.push_str(&format!(
                "  {}{}: {:?} -> found {:?}, gold {:?}\n",
                gq.article,
                if gq.term { " (term)" } else { "" },
                gq.text,
                got,
                gq.speaker
            ));
        }
    }
    // A quotation that is not in the gold file but got a speaker is a wrong claim.
    for (i, (slug, q)) in found.iter().enumerate() {
        if !taken[i] && !q.is_term && q.speaker.is_some() {
            q_claimed += 1;
            report.push_str(&format!("  {slug}: extra quote {:?}\n", q.text));
        }
    }
    let attr_p = ratio(q_right, q_claimed);
    let attr_r = ratio(q_right, q_gold);

    // Clustering over all found quotes, terms included; pairs among matched gold items.
    let items: Vec<ClusterItem> = found
        .iter()
        .map(|(_, q)| ClusterItem {
            text: &q.text,
            speaker: q.speaker.as_ref().map(|s| match s.entity {
                Some(e) => registry.entities[e].id.as_str(),
                None => s.name.as_str(),
            }),
        })
        .collect();
    let clusters = cluster_quotes(&items);
    let mut cluster_of = vec![0; found.len()];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            cluster_of[m] = c;
        }
    }
    let pairs: Vec<(usize, usize)> = gold_to_found
        .iter()
        .enumerate()
        .filter_map(|(g, f)| f.map(|f| (g, f)))
        .collect();
    let (mut both, mut predicted, mut truth) = (0, 0, 0);
    for (x, &(ga, fa)) in pairs.iter().enumerate() {
        for &(gb, fb) in &pairs[x + 1..] {
            let t = gold.quote[ga].cluster == gold.quote[gb].cluster;
            let p = cluster_of[fa] == cluster_of[fb];
            truth += usize::from(t);
            predicted += usize::from(p);
            both += usize::from(t && p);
            if t != p {
                report.push_str(&format!(
                    "  cluster {}: {:?} / {:?}\n",
                    if p { "extra" } else { "missed" },
                    gold.quote[ga].text,
                    gold.quote[gb].text
                ));
            }
        }
    }
    let clus_p = ratio(both, predicted);
    let clus_r = ratio(both, truth);

    let mut per_cluster: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &gold.quote {
        *per_cluster.entry(&g.cluster).or_default() += 1;
    }
    let by_source: HashMap<_, usize> = found.iter().fold(HashMap::new(), |mut m, (_, q)| {
        *m.entry(format!("{:?}", q.speaker_source)).or_default() += 1;
        m
    });
    println!(
        "quote finding: precision {finding_p:.3} recall {finding_r:.3} ({matched} matched, {} found, {} gold)",
        found.len(),
        gold.quote.len()
    );
    println!(
        "attribution of quotations: precision {attr_p:.3} ({q_right}/{q_claimed}) recall {attr_r:.3} ({q_right}/{q_gold})"
    );
    println!(
        "attribution of terms: {t_right} right of {t_claimed} attributed, {t_gold} with a speaker in the gold file"
    );
    println!(
        "clustering (pairs): precision {clus_p:.3} ({both}/{predicted}) recall {clus_r:.3} ({both}/{truth}); {} gold clusters, {} found",
        per_cluster.len(),
        clusters.len()
    );
    println!("speaker sources: {by_source:?}");
    if !report.is_empty() {
        println!("differences:\n{report}");
    }

    assert!(finding_p >= 0.9, "quote finding precision {finding_p:.3}");
    assert!(finding_r >= 0.9, "quote finding recall {finding_r:.3}");
    assert!(attr_p >= 0.95, "attribution precision {attr_p:.3}");
    assert!(attr_r >= 0.9, "attribution recall {attr_r:.3}");
    assert!(clus_p >= 0.9, "clustering precision {clus_p:.3}");
    assert!(clus_r >= 0.8, "clustering recall {clus_r:.3}");
}
