//! Writing the suggestions as TOML: `[[entity]]` tables for new names and `aliases`
//! lines for registry entities, each with its reasons and an example sentence as
//! comments, and the escaping that keeps the whole valid TOML.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;

use crate::content::registry::Registry;

use super::candidate::{Occurrence, Table, normalise};
use super::corpus::Corpus;
use super::kind::guess_kind;
use super::registry::Suggestions;
use crate::text::count;

/// Writes the suggestions as TOML.
pub(super) fn render(
    corpus: &Corpus,
    table: &Table,
    suggestions: &Suggestions,
    registry: &Registry,
) -> String {
    let cands = &table.candidates;
    let sources: BTreeSet<&str> = corpus.articles.iter().map(|a| a.source).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Entity suggestions from {} ({}).",
        count(corpus.articles.len(), "article", "articles"),
        count(sources.len(), "source", "sources")
    );
    if suggestions.aliases.is_empty() && suggestions.entities.is_empty() {
        out.push_str("# No suggestions: every capitalised name is in the registry.\n");
        return out;
    }
    out.push_str(
        "# Paste what you want to keep into content/entities.toml, check each kind,\n\
         # and delete what is not an entity. Counts are mentions in the article text.\n",
    );

    let describe = |out: &mut String, indices: &[usize], indent: &str| {
        let occurrences: Vec<&Occurrence> = indices
            .iter()
            .flat_map(|&i| &cands[i].occurrences)
            .collect();
        let articles: BTreeSet<usize> = occurrences.iter().map(|o| o.article).collect();
        let sources: BTreeSet<&str> = articles
            .iter()
            .map(|&a| corpus.articles[a].source)
            .collect();
        let _ = writeln!(
            out,
            "{indent}{} in {} from {}.",
            count(occurrences.len(), "mention", "mentions"),
            count(articles.len(), "article", "articles"),
            count(sources.len(), "source", "sources"),
        );
        if indices.len() > 1 {
            let forms: Vec<String> = indices
                .iter()
                .map(|&i| format!("\"{}\" {}", cands[i].surface, cands[i].occurrences.len()))
                .collect();
            let _ = writeln!(out, "{indent}forms: {}", comment_text(&forms.join(", ")));
        }
        let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in indices {
            for (t, n) in &cands[i].titles {
                *titles.entry(t).or_default() += n;
            }
        }
        if !titles.is_empty() {
            let titles: Vec<String> = titles.iter().map(|(t, n)| format!("\"{t}\" {n}")).collect();
            let _ = writeln!(out, "{indent}titles: {}", comment_text(&titles.join(", ")));
        }
        let contains: BTreeSet<usize> = indices
            .iter()
            .flat_map(|&i| cands[i].contains.iter().copied())
            .collect();
        if !contains.is_empty() {
            let ids: Vec<&str> = contains
                .iter()
                .map(|&e| registry.entities[e].id.as_str())
                .collect();
            let _ = writeln!(
                out,
                "{indent}contains a mention of {}",
                comment_text(&ids.join(", "))
            );
        }
        let first = indices
            .iter()
            .filter_map(|&i| cands[i].occurrences.first())
            .min()
            .copied();
        if let Some(o) = first {
            let _ = writeln!(
                out,
                "{indent}e.g. \"{}\" ({})",
                comment_text(&example(corpus, o)),
                comment_text(corpus.articles[o.article].slug)
            );
        }
    };

    if !suggestions.aliases.is_empty() {
        out.push_str(
            "\n# ---------------------------------------------------------------------------\n\
             # New spellings of registry entities: replace the `aliases` line of each\n\
             # entity below with the one given.\n\
             # ---------------------------------------------------------------------------\n",
        );
        for (entity, indices) in &suggestions.aliases {
            let e = &registry.entities[*entity];
            let _ = writeln!(
                out,
                "\n# id = {} ({})",
                toml_string(&e.id),
                comment_text(&e.name)
            );
            let mut aliases = e.aliases.clone();
            for &i in indices {
                let c = &cands[i];
                let _ = writeln!(out, "#   \"{}\":", comment_text(&c.surface));
                describe(&mut out, &[i], "#     ");
                if !aliases
                    .iter()
                    .any(|a| normalise(a) == normalise(&c.surface))
                    && normalise(&e.name) != normalise(&c.surface)
                {
                    aliases.push(c.surface.clone());
                }
            }
            let _ = writeln!(out, "# aliases = {}", toml_list(&aliases));
        }
    }

    if !suggestions.entities.is_empty() {
        out.push_str(
            "\n# ---------------------------------------------------------------------------\n\
             # Names the registry lacks\n\
             # ---------------------------------------------------------------------------\n",
        );
    }
    let mut ids: HashSet<String> = registry.entities.iter().map(|e| e.id.clone()).collect();
    for group in &suggestions.entities {
        let name = &cands[group[0]].surface;
        let (kind, why) = guess_kind(table, group);
        let _ = writeln!(out, "\n# {}:", comment_text(name));
        describe(&mut out, group, "#   ");
        if cands[group[0]].description.is_some() {
            out.push_str(
                "#   a description, not a proper name: an alias for the institution's entry?\n",
            );
        }
        let _ = writeln!(out, "#   kind: {} ({})", kind.as_str(), comment_text(&why));
        let id = unique_id(name, &mut ids);
        let aliases: Vec<String> = group[1..]
            .iter()
            .map(|&i| cands[i].surface.clone())
            .collect();
        let _ = writeln!(out, "[[entity]]");
        let _ = writeln!(out, "id = {}", toml_string(&id));
        let _ = writeln!(out, "name = {}", toml_string(name));
        let _ = writeln!(out, "kind = {}", toml_string(kind.as_str()));
        let _ = writeln!(out, "aliases = {}", toml_list(&aliases));
    }
    out
}

/// The sentence around an occurrence, cut to a readable length.
fn example(corpus: &Corpus, o: Occurrence) -> String {
    const BEFORE: usize = 90;
    const AFTER: usize = 110;
    let words = &corpus.blocks[o.article][o.block];
    let sentence = words.sentence_at(o.start);
    let text = words.text;
    let mut start = sentence.start.max(o.start.saturating_sub(BEFORE));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = sentence.end.min(o.end + AFTER);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut s = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if start > sentence.start {
        s.insert_str(0, "… ");
    }
    if end < sentence.end {
        s.push_str(" …");
    }
    s
}

/// The slug of a name, made unique among `taken`.
fn unique_id(name: &str, taken: &mut HashSet<String>) -> String {
    let base = crate::text::slug(name);
    let base = if base.is_empty() {
        "entity".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Text safe inside a TOML comment: no control characters, one line.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_valid_toml_strings_and_comments() {
        let cases: &[(&str, &str)] = &[
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("Shi’ite", "\"Shi’ite\""),
        ];
        for (s, expected) in cases {
            assert_eq!(toml_string(s), *expected);
        }
        assert_eq!(comment_text("a\nb\u{7f}c\td"), "a b c\td");
    }
}
