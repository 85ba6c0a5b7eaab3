//! The search index: every word of the dossier, in small files a static host can serve.
//!
//! Search runs in the reader's browser (`static/search.js`), so the index has to be
//! cheap to fetch piece by piece. It is built from the [`Dossier`] alone, as three kinds
//! of file under `data/search/`:
//!
//! - `meta.json`, small and read first: how documents are numbered (entities, then
//!   articles, then quotes, each kind a contiguous range), the first term of every term
//!   chunk, and the corpus's most common terms.
//! - `terms/<n>.json`, term chunks: the sorted vocabulary cut into consecutive ranges
//!   of about [`TERM_CHUNK_BYTES`], each an object from term to its postings. A query
//!   word needs exactly one chunk (a prefix, the few chunks its range spans); a word so
//!   common that its postings alone exceed the budget gets a chunk of its own, which is
//!   only fetched when someone searches for it.
//! - `docs/<kind>-<n>.json`, document fragments: title, URL, label, date and the text of
//!   every passage, so results can show the passage that matched. Articles get a file
//!   each (they are large); entities and quotes come [`SMALL_DOCS_PER_FILE`] to a file.
//!   Only the fragments of the results on screen are fetched.
//!
//! A document is a list of passages: an article is its title, byline, summary and then
//! one passage per block of text (paragraph, heading, list item...), linked through the
//! first mention or quote anchor (`m-N`, `q-N`) in that block; an entity is its names
//! and its description; a quote is its text and its speaker. A posting is three
//! integers, `doc`, `passage`, `weight`, flattened into one array per term, with `doc`
//! stored as the difference from the previous posting's.
//!
//! Words are found by [`tokenize`], which `search.js` mirrors exactly (same folding
//! table, same rules): lower case, common Latin diacritics folded (`é` to `e`, `ß` to
//! `ss`), split on anything that is not a letter or digit, and a possessive `'s`
//! dropped. Terms are sorted by UTF-16 code units, the order JavaScript compares strings
//! in, so the client can binary-search the chunk list. Everything is ordered and
//! numbered deterministically; `meta.json` carries a hash of the other files, which the
//! client appends to their URLs so a browser never mixes two builds.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::index::Dossier;
use crate::render::OutputFile;
use crate::render::views::{display_date, kind_label};

/// Folding of lower-case letters with diacritics to plain ones: entries separated by a
/// space, each a letter followed by what it becomes. `static/search.js` holds the same
/// string (a test checks that they agree).
pub const FOLD_TABLE: &str = "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĳij ĵj ķk ĸk ĺl ļl ľl łl ńn ņn ňn ŋn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ſs ƀb ơo ưu ƶz ǆdz ǉlj ǌnj ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǥg ǧg ǩk ǫo ǭo ǰj ǳdz ǵg ǹn ǻa ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ɇe ɉj ɍr ɏy ɨi ʉu ςσ ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẛs ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy";

/// Words longer than this (in characters) are not indexed: they are URLs, hashes and
/// the like, and nobody types them.
pub const MAX_TERM_CHARS: usize = 40;

/// The size a term chunk is cut at, in bytes of JSON.
pub const TERM_CHUNK_BYTES: usize = 24 * 1024;

/// Entities or quotes per fragment file (articles have one file each).
pub const SMALL_DOCS_PER_FILE: usize = 32;

/// Passages of an article before its body: title, byline, summary.
pub const ARTICLE_BODY_START: usize = 3;

/// A corpus of at least this many documents gets a list of common terms: those in more
/// than [`COMMON_SHARE`] of the documents, which the client skips in a query of several
/// words.
const COMMON_MIN_DOCS: usize = 500;
const COMMON_SHARE: f64 = 0.2;

/// Term frequency counts up to this many occurrences per passage.
const MAX_TF: u32 = 4;

/// Weight of an occurrence, by where it is.
const BOOST_ENTITY_NAME: u32 = 12;
const BOOST_TITLE: u32 = 6;
const BOOST_HEADING: u32 = 2;
const BOOST_QUOTE: u32 = 2;
const BOOST_SPEAKER: u32 = 2;
const BOOST_BYLINE: u32 = 2;
const BOOST_SUMMARY: u32 = 2;
const BOOST_TEXT: u32 = 1;

static FOLD: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    FOLD_TABLE
        .split(' ')
        .map(|entry| {
            let mut chars = entry.chars();
            let c = chars.next().expect("fold entries are not empty");
            (c, chars.as_str())
        })
        .collect()
});

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Lower case and folded: what a character of text becomes before splitting.
fn normalise_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        if ('\u{0300}'..='\u{036F}').contains(&l) {
            continue; // a combining diacritic
        }
        match FOLD.get(&l) {
            Some(f) => out.push_str(f),
            None => out.push(l),
        }
    }
}

/// `text` normalised, and the byte ranges of its words in that normalised text.
fn term_ranges(text: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut norm = String::with_capacity(text.len());
    for c in text.chars() {
        normalise_into(c, &mut norm);
    }
    let mut ranges = Vec::new();
    // The two characters before the current one, and the current word: its start,
    // its length in characters, and the two characters before it.
    let (mut prev, mut prev2) = (None::<char>, None::<char>);
    let mut word: Option<(usize, usize, Option<char>, Option<char>)> = None;
    let mut end_word =
        |word: &mut Option<(usize, usize, Option<char>, Option<char>)>, end: usize, norm: &str| {
            if let Some((start, chars, before, before2)) = word.take() {
                let possessive = &norm[start..end] == "s"
                    && before.is_some_and(is_apostrophe)
                    && before2.is_some_and(char::is_alphanumeric);
                if !possessive && chars <= MAX_TERM_CHARS {
                    ranges.push(start..end);
                }
            }
        };
    for (i, c) in norm.char_indices() {
        if c.is_alphanumeric() {
            match &mut word {
                Some((_, chars, _, _)) => *chars += 1,
                None => word = Some((i, 1, prev, prev2)),
            }
        } else {
            end_word(&mut word, i, &norm);
        }
        prev2 = prev;
        prev = Some(c);
    }
    end_word(&mut word, norm.len(), &norm);
    (norm, ranges)
}

/// The words of `text` as index terms, in order, repeats included.
///
/// Lower-cased, diacritics folded, split on every character that is not a letter or a
/// digit; an `s` right after an apostrophe that follows a letter or digit (`Iraq's`) is
/// dropped, and so is any word longer than [`MAX_TERM_CHARS`].
pub fn tokenize(text: &str) -> Vec<String> {
    let (norm, ranges) = term_ranges(text);
    ranges.into_iter().map(|r| norm[r].to_string()).collect()
}

/// What kind of thing a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Entity,
    Article,
    Quote,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Entity => "entity",
            DocKind::Article => "article",
            DocKind::Quote => "quote",
        }
    }

    fn per_file(self) -> usize {
        match self {
            DocKind::Article => 1,
            DocKind::Entity | DocKind::Quote => SMALL_DOCS_PER_FILE,
        }
    }
}

/// A passage of a document: its text, the anchor that links to it, its weight.
#[derive(Debug, Clone)]
struct Passage<'a> {
    /// Borrowed from the dossier where it can be: article bodies are most of the text.
    text: Cow<'a, str>,
    anchor: String,
    boost: u32,
}

impl<'a> Passage<'a> {
    fn new(text: impl Into<Cow<'a, str>>, boost: u32) -> Self {
        Passage {
            text: text.into(),
            anchor: String::new(),
            boost,
        }
    }
}

/// One searchable document.
#[derive(Debug, Clone)]
struct Doc<'a> {
    kind: DocKind,
    title: String,
    /// Site path (`/articles/x/`, `/articles/x/#q-2`).
    url: String,
    /// Entity kind, or the article's source.
    label: String,
    date: String,
    passages: Vec<Passage<'a>>,
}

/// The documents of the dossier in index order: entities, articles, quotes.
fn documents(d: &Dossier) -> Vec<Doc<'_>> {
    let mut docs = Vec::new();
    for (e, entity) in d.registry.entities.iter().enumerate() {
        let mut names = entity.name.clone();
        if !entity.aliases.is_empty() {
            names.push_str(" (");
            names.push_str(&entity.aliases.join(", "));
            names.push(')');
        }
        docs.push(Doc {
            kind: DocKind::Entity,
            title: entity.name.clone(),
            url: format!("/entities/{}/", entity.id),
            label: kind_label(entity.kind).to_string(),
            date: String::new(),
            passages: vec![
                Passage::new(names, BOOST_ENTITY_NAME),
                Passage::new(html_to_text(&d.descriptions[e]), BOOST_TEXT),
            ],
        });
    }
    docs.par_extend(d.articles.par_iter().map(|a| {
        let art = &a.article;
        let mut byline = art.source.clone();
        if !art.authors.is_empty() {
            byline.push_str(", by ");
            byline.push_str(&art.authors.join(", "));
        }
        let mut passages = vec![
            Passage::new(art.title.as_str(), BOOST_TITLE),
            Passage::new(byline, BOOST_BYLINE),
            Passage::new(art.summary.as_deref().unwrap_or_default(), BOOST_SUMMARY),
        ];
        for (b, block) in a.body.blocks.iter().enumerate() {
            let boost = match block.kind {
                crate::annotate::BlockKind::Heading => BOOST_HEADING,
                _ => BOOST_TEXT,
            };
            passages.push(Passage {
                text: Cow::Borrowed(&block.text),
                anchor: block_anchor(&a.body, b),
                boost,
            });
        }
        Doc {
            kind: DocKind::Article,
            title: art.title.clone(),
            url: format!("/articles/{}/", art.slug),
            label: art.source.clone(),
            date: display_date(art.date),
            passages,
        }
    }));
    for a in &d.articles {
        let art = &a.article;
        for q in a.body.quotes.iter().filter(|q| !q.is_term) {
            let speaker = q
                .speaker
                .as_ref()
                .map(|s| d.speaker_view(s).name.to_string());
            docs.push(Doc {
                kind: DocKind::Quote,
                title: speaker
                    .clone()
                    .unwrap_or_else(|| "Unattributed quote".to_string()),
                url: format!("/articles/{}/#{}", art.slug, q.anchor),
                label: art.source.clone(),
                date: display_date(art.date),
                passages: vec![
                    Passage::new(q.text.as_str(), BOOST_QUOTE),
                    Passage::new(speaker.unwrap_or_default(), BOOST_SPEAKER),
                ],
            });
        }
    }
    docs
}

/// The anchor that leads to block `b`: the first mention or quote that starts in it.
fn block_anchor(body: &crate::markdown::AnalysedBody, b: usize) -> String {
    let text = &body.blocks[b].text;
    let mentions = body
        .mentions
        .iter()
        .filter(|m| m.block == b)
        .map(|m| (text.find(&m.surface).unwrap_or(usize::MAX), &m.anchor));
    let quotes = body
        .quotes
        .iter()
        .filter(|q| q.block == b && !q.anchor.is_empty())
        .map(|q| (text.find(&q.text).unwrap_or(usize::MAX), &q.anchor));
    // The first by position; the first found in document order among equals.
    let mut best: Option<(usize, &String)> = None;
    for (pos, anchor) in mentions.chain(quotes) {
        if best.is_none_or(|(p, _)| pos < p) {
            best = Some((pos, anchor));
        }
    }
    best.map(|(_, a)| a.clone()).unwrap_or_default()
}

/// The text of rendered HTML: tags removed, entities decoded, spaces collapsed.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shards of the vocabulary, merged in parallel.
const SHARDS: usize = 32;

/// A document's terms: the normalised text of its passages in one buffer, and each
/// (term, passage) as its range in the buffer, the passage and the weight, grouped by
/// shard (a hash of the term), with where each shard's group starts. One buffer per
/// document instead of a string per term: a large dossier has tens of millions.
struct DocTerms {
    text: String,
    terms: Vec<(u32, u32, u32, u32)>,
    starts: [usize; SHARDS + 1],
}

impl DocTerms {
    fn term(&self, (start, end, _, _): (u32, u32, u32, u32)) -> &str {
        &self.text[start as usize..end as usize]
    }
}

fn shard_of(term: &str) -> usize {
    let mut h = rustc_hash::FxHasher::default();
    term.hash(&mut h);
    (h.finish() % SHARDS as u64) as usize
}

/// Every term with its flat postings (doc delta, passage, weight; docs ascending) and
/// its document frequency, sorted as JavaScript sorts strings. Each shard of the
/// vocabulary is merged across all documents independently, in document order.
fn postings(docs: &[Doc<'_>]) -> Vec<(String, Vec<u32>, u32)> {
    let per_doc: Vec<DocTerms> = docs.par_iter().map(doc_terms).collect();
    let mut terms: Vec<(String, Vec<u32>, u32)> = (0..SHARDS)
        .into_par_iter()
        .flat_map_iter(|shard| {
            let mut merged: rustc_hash::FxHashMap<&str, (Vec<u32>, u32, u32)> = Default::default();
            for (doc, dt) in per_doc.iter().enumerate() {
                let doc = doc as u32;
                for &t in &dt.terms[dt.starts[shard]..dt.starts[shard + 1]] {
                    let (list, last_doc, df) =
                        merged.entry(dt.term(t)).or_insert((Vec::new(), 0, 0));
                    if list.is_empty() || *last_doc != doc {
                        *df += 1;
                    }
                    list.extend([doc - *last_doc, t.2, t.3]);
                    *last_doc = doc;
                }
            }
            merged
                .into_iter()
                .map(|(t, (list, _, df))| (t.to_string(), list, df))
                .collect::<Vec<_>>()
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
    terms
}

/// The terms of one document: (passage, weight) of each term in each passage.
fn doc_terms(doc: &Doc) -> DocTerms {
    let mut text = String::new();
    let mut found: Vec<(usize, (u32, u32, u32, u32))> = Vec::new();
    for (p, passage) in doc.passages.iter().enumerate() {
        let (norm, ranges) = term_ranges(&passage.text);
        let base = text.len();
        text.push_str(&norm);
        // Term -> (its first range, occurrences), in order of first occurrence.
        let mut tf: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut counted: Vec<(std::ops::Range<usize>, u32)> = Vec::new();
        for r in ranges {
            match tf.get(&norm[r.clone()]) {
                Some(&k) => counted[k].1 += 1,
                None => {
                    tf.insert(&norm[r.clone()], counted.len());
                    counted.push((r, 1));
                }
            }
        }
        for (r, n) in counted {
            let term = (
                (base + r.start) as u32,
                (base + r.end) as u32,
                p as u32,
                n.min(MAX_TF) * passage.boost,
            );
            found.push((shard_of(&norm[r]), term));
        }
    }
    // Stable: a term's postings stay in passage order.
    found.sort_by_key(|(s, _)| *s);
    let mut starts = [found.len(); SHARDS + 1];
    for (i, (s, _)) in found.iter().enumerate().rev() {
        starts[*s] = i;
    }
    for s in (0..SHARDS).rev() {
        starts[s] = starts[s].min(starts[s + 1]);
    }
    DocTerms {
        text,
        terms: found.into_iter().map(|(_, t)| t).collect(),
        starts,
    }
}

/// Compares strings the way JavaScript's `<` does: by UTF-16 code units. That is the
/// order of code points (and of UTF-8 bytes) except between a character above U+FFFF
/// (a surrogate pair, from 0xD800) and one from U+E000 to U+FFFF.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let first_unit = |c: char| match c as u32 {
        n if n < 0x10000 => n,
        n => 0xD800 + ((n - 0x10000) >> 10),
    };
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return (first_unit(x), x).cmp(&(first_unit(y), y));
        }
    }
    a.len().cmp(&b.len())
}

/// The shortest prefix of `first` that still sorts after `prev_last`.
fn separator(prev_last: &str, first: &str) -> String {
    let mut sep = String::new();
    for c in first.chars() {
        sep.push(c);
        if utf16_cmp(&sep, prev_last) == std::cmp::Ordering::Greater {
            break;
        }
    }
    sep
}

#[derive(Serialize)]
struct KindRange {
    kind: &'static str,
    start: usize,
    count: usize,
    per_file: usize,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    hash: String,
    docs: usize,
    kinds: Vec<KindRange>,
    article_body_start: usize,
    /// For each term chunk, a prefix of its first term that sorts after every term of
    /// the chunk before.
    chunks: Vec<String>,
    common: Vec<&'a str>,
}

#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    l: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    d: &'a str,
    p: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    a: Vec<&'a str>,
}

/// A hash of every file's path and bytes, in hex: the build's fingerprint in `meta.json`.
fn fingerprint(files: &[OutputFile]) -> String {
    let per_file: Vec<u64> = files
        .par_iter()
        .map(|f| {
            let mut h = rustc_hash::FxHasher::default();
            f.path.hash(&mut h);
            f.bytes.hash(&mut h);
            h.finish()
        })
        .collect();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in per_file {
        h ^= x;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The search index of the dossier: `data/search/meta.json`, term chunks and document
/// fragments.
pub fn search_files(d: &Dossier) -> Vec<OutputFile> {
    let docs = documents(d);
    let terms = postings(&docs);
    let mut files = Vec::new();
    let mut chunks: Vec<String> = Vec::new();
    let mut body = String::new();
    let mut prev_last: Option<&str> = None;
    let flush = |body: &mut String, files: &mut Vec<OutputFile>| {
        if !body.is_empty() {
            body.push('}');
            files.push(OutputFile::new(
                format!("data/search/terms/{}.json", files.len()),
                std::mem::take(body),
            ));
        }
    };
    for (term, list, _) in &terms {
        let mut entry = serde_json::to_string(term).expect("strings serialise");
        entry.push_str(":[");
        for (i, n) in list.iter().enumerate() {
            if i > 0 {
                entry.push(',');
            }
            write!(entry, "{n}").expect("writing to a String cannot fail");
        }
        entry.push(']');
        if !body.is_empty() && body.len() + entry.len() > TERM_CHUNK_BYTES {
            flush(&mut body, &mut files);
        }
        if body.is_empty() {
            chunks.push(match prev_last {
                Some(last) => separator(last, term),
                None => String::new(),
            });
            body.push('{');
        } else {
            body.push(',');
        }
        body.push_str(&entry);
        prev_last = Some(term);
    }
    flush(&mut body, &mut files);

    // Document fragments.
    let mut kinds = Vec::new();
    let mut start = 0;
    for kind in [DocKind::Entity, DocKind::Article, DocKind::Quote] {
        let of_kind: Vec<&Doc> = docs.iter().filter(|doc| doc.kind == kind).collect();
        let fragment_files: Vec<OutputFile> = of_kind
            .par_chunks(kind.per_file())
            .enumerate()
            .map(|(n, group)| {
                let fragments: Vec<Fragment> = group
                    .iter()
                    .map(|doc| {
                        let anchored = doc.passages.iter().any(|p| !p.anchor.is_empty());
                        Fragment {
                            t: &doc.title,
                            u: &doc.url,
                            l: &doc.label,
                            d: &doc.date,
                            p: doc.passages.iter().map(|p| p.text.as_ref()).collect(),
                            a: if anchored {
                                doc.passages.iter().map(|p| p.anchor.as_str()).collect()
                            } else {
                                Vec::new()
                            },
                        }
                    })
                    .collect();
                OutputFile::new(
                    format!("data/search/docs/{}-{n}.json", kind.as_str()),
                    serde_json::to_vec(&fragments).expect("fragments serialise"),
                )
            })
            .collect();
        files.extend(fragment_files);
        kinds.push(KindRange {
            kind: kind.as_str(),
            start,
            count: of_kind.len(),
            per_file: kind.per_file(),
        });
        start += of_kind.len();
    }

    let common: Vec<&str> = if docs.len() >= COMMON_MIN_DOCS {
        let limit = (docs.len() as f64 * COMMON_SHARE) as u32;
        terms
            .iter()
            .filter(|(_, _, df)| *df > limit)
            .map(|(t, _, _)| t.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let meta = Meta {
        version: 1,
        hash: fingerprint(&files),
        docs: docs.len(),
        kinds,
        article_body_start: ARTICLE_BODY_START,
        chunks,
        common,
    };
    files.push(OutputFile::new(
        "data/search/meta.json",
        serde_json::to_vec(&meta).expect("meta serialises"),
    ));
    files
}
