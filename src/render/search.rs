//! The search index: every word of the dossier, in small files a static host can serve.
//!
//! Search runs in the reader's browser (`static/search.js`), so the index has to be
//! cheap to fetch piece by piece. It is built from the [`Dossier`] alone, as four kinds
//! of file under `data/search/`:
//!
//! - `meta.json`, small and read first: how documents are numbered (entities, then
//!   articles, statements and claims, each kind a contiguous range), the first term of
//!   every term chunk, and the corpus's most common terms.
//! - `terms/<n>.json`, term chunks: the sorted vocabulary cut into consecutive ranges
//!   of about [`TERM_CHUNK_BYTES`], each an object from term to its postings. A query
//!   word needs exactly one chunk (a prefix, the few chunks its range spans); a word so
//!   common that its postings alone exceed the budget gets a chunk of its own, which is
//!   only fetched when someone searches for it.
//! - `names.json`, the words of the entities' names and aliases: fetched only when a
//!   query word matches nothing, to look for the name it misspells (within one edit
//!   from five characters, two from eight).
//! - `docs/<kind>-<n>.json`, document fragments: title, URL, label, date and the text of
//!   every passage, so results can show the passage that matched. Articles come
//!   [`ARTICLES_PER_FILE`] to a file (they are large), entities [`ENTITIES_PER_FILE`],
//!   statements [`STATEMENTS_PER_FILE`] and claims [`CLAIMS_PER_FILE`]. Only the
//!   fragments of the results on screen are fetched.
//!
//! A document is a list of passages: an article is its title, byline, summary and then
//! one passage per block of text (paragraph, heading, list item...), linked through the
//! first mention or quote anchor (`m-N`, `q-N`) in that block; an entity is its names,
//! its description and its hidden aliases (searched, never shown); a statement (a quote
//! and its reports in other outlets, as the quote index groups them) is its fullest
//! wording, its speaker and its other wordings, and leads to its place in the quote
//! index; a claim (a figure several outlets report) is what it counts and then each
//! report's outlet and sentence, and leads to the claim on the figures page. A posting is three integers, `doc`, `passage`, `weight`, flattened into one
//! array per term, with `doc` stored as the difference from the previous posting's.
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
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::link::Dossier;
use crate::render::OutputFile;
use crate::render::views::{display_date, kind_label};
use crate::text::list_names;

/// Folding of lower-case letters with diacritics to plain ones: entries separated by a
/// space, each a letter followed by what it becomes. `static/search.js` holds the same
/// string (a test checks that they agree).
pub const FOLD_TABLE: &str = "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĳij ĵj ķk ĸk ĺl ļl ľl łl ńn ņn ňn ŋn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ſs ƀb ơo ưu ƶz ǆdz ǉlj ǌnj ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǥg ǧg ǩk ǫo ǭo ǰj ǳdz ǵg ǹn ǻa ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ɇe ɉj ɍr ɏy ɨi ʉu ςσ ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẛs ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy";

/// Words longer than this (in characters) are not indexed: they are URLs, hashes and
/// the like, and nobody types them.
pub const MAX_TERM_CHARS: usize = 40;

/// The size a term chunk is cut at, in bytes of JSON.
pub const TERM_CHUNK_BYTES: usize = 32 * 1024;

/// Documents per fragment file, by kind. A result list shows ten results, so it
/// fetches at most ten fragment files: an article's text averages 2 to 5 KB, an
/// entity's or a statement's a few hundred bytes. Grouping keeps the index at a few
/// thousand files however many articles there are (a static host may cap a site at
/// 20,000), and each file small enough that ten of them stay well under 100 KB once
/// compressed, as hosts serve them.
pub const ARTICLES_PER_FILE: usize = 3;
pub const ENTITIES_PER_FILE: usize = 32;
pub const STATEMENTS_PER_FILE: usize = 64;
pub const CLAIMS_PER_FILE: usize = 32;

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

/// Calls `f` with each word of `text` as an index term, in order, repeats included.
/// `norm` is scratch space, reused so that a passage costs no allocation.
fn for_each_term(text: &str, norm: &mut String, mut f: impl FnMut(&str)) {
    norm.clear();
    if text.is_ascii() {
        norm.push_str(text);
        norm.make_ascii_lowercase();
    } else {
        text.chars().for_each(|c| normalise_into(c, norm));
    }
    let norm = norm.as_str();
    // The two characters before the current one, and the current word: its start,
    // its length in characters, and the two characters before it.
    let (mut prev, mut prev2) = (None::<char>, None::<char>);
    let mut word: Option<(usize, usize, Option<char>, Option<char>)> = None;
    let mut end_word = |word: &mut Option<(usize, usize, Option<char>, Option<char>)>, end| {
        if let Some((start, chars, before, before2)) = word.take() {
            let possessive = &norm[start..end] == "s"
                && before.is_some_and(is_apostrophe)
                && before2.is_some_and(char::is_alphanumeric);
            if !possessive && chars <= MAX_TERM_CHARS {
                f(&norm[start..end]);
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
            end_word(&mut word, i);
        }
        prev2 = prev;
        prev = Some(c);
    }
    end_word(&mut word, norm.len());
}

/// The words of `text` as index terms, in order, repeats included.
///
/// Lower-cased, diacritics folded, split on every character that is not a letter or a
/// digit; an `s` right after an apostrophe that follows a letter or digit (`Iraq's`) is
/// dropped, and so is any word longer than [`MAX_TERM_CHARS`].
pub fn tokenize(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(text, &mut String::new(), |t| terms.push(t.to_string()));
    terms
}

/// What kind of thing a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Entity,
    Article,
    Statement,
    Claim,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Entity => "entity",
            DocKind::Article => "article",
            DocKind::Statement => "statement",
            DocKind::Claim => "claim",
        }
    }

    fn per_file(self) -> usize {
        match self {
            DocKind::Article => ARTICLES_PER_FILE,
            DocKind::Entity => ENTITIES_PER_FILE,
            DocKind::Statement => STATEMENTS_PER_FILE,
            DocKind::Claim => CLAIMS_PER_FILE,
        }
    }
}

/// A passage of a document: its text, the anchor that links to it, its weight.
#[derive(Debug, Clone)]
struct Passage<'a> {
    /// Borrowed from the dossier where it can be: article bodies are most of the text.
    text: Cow<'a, str>,
    anchor: &'a str,
    boost: u32,
    /// Whether a result may show the text: hidden aliases are searched, never shown.
    shown: bool,
}

impl<'a> Passage<'a> {
    fn new(text: impl Into<Cow<'a, str>>, boost: u32) -> Self {
        Passage {
            text: text.into(),
            anchor: "",
            boost,
            shown: true,
        }
    }
}

/// One searchable document.
#[derive(Debug, Clone)]
struct Doc<'a> {
    kind: DocKind,
    title: Cow<'a, str>,
    /// Site path (`/articles/x/`, `/articles/x/#q-2`).
    url: String,
    /// Entity kind, or the article's source.
    label: Cow<'a, str>,
    date: String,
    passages: Vec<Passage<'a>>,
}

/// The documents of the dossier in index order: entities, articles, statements,
/// claims.
fn documents(d: &Dossier) -> Vec<Doc<'_>> {
    let mut docs = Vec::new();
    for (e, entity) in d.registry.entities.iter().enumerate() {
        let mut names = entity.name.clone();
        if !entity.aliases.is_empty() {
            names.push_str(" (");
            names.push_str(&entity.aliases.join(", "));
            names.push(')');
        }
        let mut passages = vec![
            Passage::new(names, BOOST_ENTITY_NAME),
            Passage::new(html_to_text(&d.descriptions[e]), BOOST_TEXT),
        ];
        if !entity.hidden_aliases.is_empty() {
            // Found by a search for the spelling, but never shown as one of its names.
            // The third passage, where `search.js` (ENTITY_HIDDEN_ALIASES) looks.
            passages.push(Passage {
                shown: false,
                ..Passage::new(entity.hidden_aliases.join(", "), BOOST_ENTITY_NAME)
            });
        }
        docs.push(Doc {
            kind: DocKind::Entity,
            title: Cow::Borrowed(&entity.name),
            url: format!("/entities/{}/", entity.id),
            label: Cow::Borrowed(kind_label(entity.kind)),
            date: String::new(),
            passages,
        });
    }
    docs.par_extend(d.articles.par_iter().map(|a| {
        let art = &a.article;
        let mut byline = art.source.clone();
        if !art.authors.is_empty() {
            byline.push_str(", by ");
            byline.push_str(&art.authors.join(", "));
        }
        let mut passages = Vec::with_capacity(ARTICLE_BODY_START + a.body.blocks.len());
        passages.extend([
            Passage::new(art.title.as_str(), BOOST_TITLE),
            Passage::new(byline, BOOST_BYLINE),
            Passage::new(art.summary.as_deref().unwrap_or_default(), BOOST_SUMMARY),
        ]);
        let anchors = block_anchors(&a.body);
        for (block, anchor) in a.body.blocks.iter().zip(anchors) {
            let boost = match block.kind {
                crate::annotate::BlockKind::Heading => BOOST_HEADING,
                _ => BOOST_TEXT,
            };
            passages.push(Passage {
                anchor,
                ..Passage::new(block.text.as_str(), boost)
            });
        }
        Doc {
            kind: DocKind::Article,
            title: Cow::Borrowed(&art.title),
            url: format!("/articles/{}/", art.slug),
            label: Cow::Borrowed(&art.source),
            date: display_date(art.date),
            passages,
        }
    }));
    for (c, cluster) in d.clusters.iter().enumerate() {
        let speaker = cluster.speaker.as_ref().map(|s| d.speaker_view(s).name);
        let wording = d.quote(cluster.representative).text.as_str();
        let mut passages = vec![
            Passage::new(wording, BOOST_QUOTE),
            Passage::new(speaker.unwrap_or_default(), BOOST_SPEAKER),
        ];
        // The other wordings the quote index lists, each once.
        let mut seen = rustc_hash::FxHashSet::default();
        seen.insert(wording);
        for &r in &cluster.listed {
            let text = d.quote(r).text.as_str();
            if seen.insert(text) {
                passages.push(Passage::new(text, BOOST_QUOTE));
            }
        }
        let first = cluster
            .quotes
            .iter()
            .map(|&(a, _)| d.articles[a].article.date)
            .min()
            .expect("a statement has a report");
        docs.push(Doc {
            kind: DocKind::Statement,
            title: Cow::Borrowed(speaker.unwrap_or("Unattributed statement")),
            url: d.cluster_path(c),
            label: Cow::Owned(list_names(
                &cluster.sources,
                3,
                ("other outlet", "other outlets"),
            )),
            date: display_date(first),
            passages,
        });
    }
    for claim in &d.claims {
        let (unit, about) = crate::link::claims::subject(&d.articles, &d.registry, claim);
        let mut chars = unit.chars();
        let mut title: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        if !about.is_empty() {
            title.push_str(": ");
            title.push_str(&about.join(", "));
        }
        // One passage per report: the outlet and its wording, then its sentence.
        let mut passages = vec![Passage::new(title.clone(), BOOST_TITLE)];
        for &(a, f) in &claim.figures {
            let art = &d.articles[a];
            let fig = &art.body.figures[f];
            let sentence = &art.body.blocks[fig.block].text[fig.sentence.clone()];
            passages.push(Passage::new(
                format!("{}: {}", art.article.source, sentence),
                BOOST_TEXT,
            ));
        }
        docs.push(Doc {
            kind: DocKind::Claim,
            title: Cow::Owned(title),
            url: format!("/figures/#{}", claim.id),
            label: Cow::Owned(if claim.disagrees {
                format!("Reported differently by {} outlets", claim.sources)
            } else {
                format!("Reported alike by {} outlets", claim.sources)
            }),
            date: String::new(),
            passages,
        });
    }
    docs
}

/// The anchor that leads to each block of `body` (empty for none): the first mention
/// or quote that starts in it, the first in document order among equals. One pass over
/// the mentions and quotes rather than one per block.
fn block_anchors(body: &crate::analyse::body::AnalysedBody) -> Vec<&str> {
    let mut best: Vec<Option<(usize, &str)>> = vec![None; body.blocks.len()];
    let mentions = body
        .mentions
        .iter()
        .map(|m| (m.block, m.surface.as_str(), Some(&m.at), m.anchor.as_str()));
    let quotes = body
        .quotes
        .iter()
        .filter(|q| !q.anchor.is_empty())
        .map(|q| (q.block, q.text.as_str(), None, q.anchor.as_str()));
    for (b, words, at, anchor) in mentions.chain(quotes) {
        let Some(slot) = best.get_mut(b) else {
            continue;
        };
        let text = &body.blocks[b].text;
        // Where `words` first occurs, searched only as far as it can matter: a mention's
        // words occur at the mention if not before, and only a position before the best
        // so far can replace it.
        let mut end = text.len();
        if let Some(at) = at
            && text.get(at.clone()) == Some(words)
        {
            end = at.end;
        }
        if let Some((p, _)) = slot {
            end = end.min(p.saturating_add(words.len()));
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let pos = text[..end].find(words).unwrap_or(usize::MAX);
        if slot.is_none_or(|(p, _)| pos < p) {
            *slot = Some((pos, anchor));
        }
    }
    best.into_iter()
        .map(|slot| slot.map_or("", |(_, anchor)| anchor))
        .collect()
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

/// The postings of one term in a run of consecutive documents: `first_doc`, then the
/// integers that follow it in the term's JSON array (passage and weight of the first
/// posting, doc delta, passage and weight of each after it) as LEB128 varints, mostly a
/// byte each, where they would take four as integers and two as JSON.
#[derive(Default)]
struct TermPostings {
    first_doc: u32,
    last_doc: u32,
    /// Documents with the term.
    df: u32,
    /// Occurrences in the passage being indexed.
    count: u32,
    /// The varints, in pieces: runs indexed apart are joined without copying.
    rest: Vec<Vec<u8>>,
}

impl TermPostings {
    /// Adds the posting of the passage being indexed, from the occurrences counted.
    fn post(&mut self, doc: u32, passage: u32, boost: u32) {
        let weight = self.count.min(MAX_TF) * boost;
        self.count = 0;
        let delta = if self.rest.is_empty() {
            self.first_doc = doc;
            self.rest.push(Vec::new());
            None
        } else {
            Some(doc - self.last_doc)
        };
        if delta != Some(0) {
            self.df += 1;
        }
        self.last_doc = doc;
        let rest = self
            .rest
            .last_mut()
            .expect("pushed above if there was none");
        for n in delta.into_iter().chain([passage, weight]) {
            push_varint(rest, n);
        }
    }

    /// Appends the postings of documents that all come after these.
    fn append(&mut self, later: TermPostings) {
        let mut delta = Vec::new();
        push_varint(&mut delta, later.first_doc - self.last_doc);
        self.rest.push(delta);
        self.rest.extend(later.rest);
        self.last_doc = later.last_doc;
        self.df += later.df;
    }

    /// Appends the postings as a JSON array.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        push_u32(out, self.first_doc);
        let (mut n, mut shift) = (0, 0);
        for &byte in self.rest.iter().flatten() {
            n |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                out.push(b',');
                push_u32(out, n);
                (n, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
        out.push(b']');
    }
}

/// Appends `n` as a LEB128 varint: seven bits a byte, low bits first, the high bit set
/// on every byte but the last.
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends the decimal digits of `n`: a large index has tens of millions of numbers,
/// most of them a single digit.
fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &d in &digits[i..] {
        out.push(d);
    }
}

/// The terms of a run of consecutive documents, each with its postings. Runs are
/// indexed in parallel and merged in document order.
#[derive(Default)]
struct Index {
    ids: rustc_hash::FxHashMap<String, u32>,
    terms: Vec<TermPostings>,
    /// Scratch: the passage normalised, and the terms found in it.
    norm: String,
    found: Vec<u32>,
}

impl Index {
    /// Indexes document number `n`, which comes after every document indexed so far.
    fn add(&mut self, n: u32, doc: &Doc) {
        for (p, passage) in doc.passages.iter().enumerate() {
            let (ids, terms, found) = (&mut self.ids, &mut self.terms, &mut self.found);
            for_each_term(&passage.text, &mut self.norm, |term| {
                let id = match ids.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        ids.insert(term.to_string(), id);
                        terms.push(TermPostings::default());
                        id
                    }
                };
                let postings = &mut terms[id as usize];
                if postings.count == 0 {
                    found.push(id);
                }
                postings.count += 1;
            });
            for id in self.found.drain(..) {
                self.terms[id as usize].post(n, p as u32, passage.boost);
            }
        }
    }

    /// The two runs as one: `later`'s documents all come after these.
    fn merge(mut self, later: Index) -> Index {
        if self.terms.is_empty() {
            return later;
        }
        let Index { ids, mut terms, .. } = later;
        for (term, id) in ids {
            let postings = std::mem::take(&mut terms[id as usize]);
            match self.ids.get(term.as_str()) {
                Some(&mine) => self.terms[mine as usize].append(postings),
                None => {
                    self.ids.insert(term, self.terms.len() as u32);
                    self.terms.push(postings);
                }
            }
        }
        self
    }

    /// Every term with its postings, sorted as JavaScript sorts strings.
    fn into_sorted(self) -> Vec<(String, TermPostings)> {
        let mut terms = self.terms;
        let mut sorted: Vec<(String, TermPostings)> = self
            .ids
            .into_iter()
            .map(|(term, id)| (term, std::mem::take(&mut terms[id as usize])))
            .collect();
        sorted.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
        sorted
    }
}

/// The index of every document, in document order. Runs are long enough that their
/// vocabularies, which each run keeps its own copy of, stay few.
fn index(docs: &[Doc<'_>]) -> Index {
    docs.par_iter()
        .enumerate()
        .with_min_len(1024)
        .fold(Index::default, |mut index, (n, doc)| {
            index.add(n as u32, doc);
            index
        })
        .reduce(Index::default, Index::merge)
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
struct Meta {
    version: u32,
    hash: String,
    docs: usize,
    kinds: Vec<KindRange>,
    article_body_start: usize,
    /// For each term chunk, a prefix of its first term that sorts after every term of
    /// the chunk before.
    chunks: Vec<String>,
    common: Vec<String>,
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
fn file_hash(f: &OutputFile) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    f.path.hash(&mut h);
    f.bytes.hash(&mut h);
    h.finish()
}

/// The index's fingerprint from its files' hashes, in order.
fn fingerprint(per_file: impl IntoIterator<Item = u64>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in per_file {
        h ^= x;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The term chunks, in order, and for each a prefix of its first term that sorts after
/// every term of the chunk before. Each term's postings are freed once written, and each
/// chunk is copied out of a reused buffer at its exact size.
fn term_chunks(
    terms: Vec<(String, TermPostings)>,
    emit: &mut dyn FnMut(OutputFile),
) -> Vec<String> {
    let mut chunks = Vec::new();
    let (mut body, mut entry) = (Vec::new(), Vec::new());
    let mut prev_last: Option<String> = None;
    let mut written = 0;
    let mut flush = |body: &mut Vec<u8>| {
        if !body.is_empty() {
            body.push(b'}');
            emit(OutputFile::new(
                format!("data/search/terms/{written}.json"),
                body.as_slice(),
            ));
            written += 1;
            body.clear();
        }
    };
    for (term, postings) in terms {
        // `"term":[doc,passage,weight,...]`
        entry.clear();
        serde_json::to_writer(&mut entry, &term).expect("strings serialise");
        entry.push(b':');
        postings.write_json(&mut entry);
        drop(postings);
        // The chunk with this entry: its comma, the entry and the closing brace.
        if !body.is_empty() && body.len() + 1 + entry.len() + 1 > TERM_CHUNK_BYTES {
            flush(&mut body);
        }
        if body.is_empty() {
            chunks.push(match &prev_last {
                Some(last) => separator(last, &term),
                None => String::new(),
            });
            body.push(b'{');
        } else {
            body.push(b',');
        }
        body.extend_from_slice(&entry);
        prev_last = Some(term);
    }
    flush(&mut body);
    chunks
}

/// The fragment file of `group`, documents of one kind.
fn fragment_file(kind: DocKind, n: usize, group: &[Doc]) -> OutputFile {
    let mut size = 2;
    let fragments: Vec<Fragment> = group
        .iter()
        .map(|doc| {
            let anchored = doc.passages.iter().any(|p| !p.anchor.is_empty());
            size += 40 + doc.title.len() + doc.url.len() + doc.label.len() + doc.date.len();
            size += doc
                .passages
                .iter()
                .map(|p| p.text.len() + p.anchor.len() + 6)
                .sum::<usize>();
            Fragment {
                t: &doc.title,
                u: &doc.url,
                l: &doc.label,
                d: &doc.date,
                p: doc
                    .passages
                    .iter()
                    .map(|p| if p.shown { p.text.as_ref() } else { "" })
                    .collect(),
                a: if anchored {
                    doc.passages.iter().map(|p| p.anchor).collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    // The JSON's size near enough, and room for some escapes: the buffer is kept until
    // the file is written, and one grown by doubling would hold up to twice its size.
    let mut bytes = Vec::with_capacity(size + size / 32);
    serde_json::to_writer(&mut bytes, &fragments).expect("fragments serialise");
    OutputFile::new(
        format!("data/search/docs/{}-{n}.json", kind.as_str()),
        bytes,
    )
}

/// Name terms shorter than this (in characters) are left out of `names.json`: the
/// client only looks for a close spelling of a word of five characters or more, which
/// is at least four once a letter is taken out.
const MIN_NAME_TERM_CHARS: usize = 4;

/// The words of every entity's names and aliases, hidden ones included, that the index
/// holds, sorted and without repeats: what the client compares a query word that
/// matches nothing against, to find the name it misspells. Numbers are left out: one
/// digit off is another number, not a typing slip.
fn name_terms(d: &Dossier, terms: &[(String, TermPostings)]) -> Vec<String> {
    let mut names: Vec<String> = d
        .registry
        .entities
        .iter()
        .flat_map(|e| e.names())
        .flat_map(tokenize)
        .filter(|t| {
            t.chars().count() >= MIN_NAME_TERM_CHARS
                && !t.chars().any(|c| c.is_numeric())
                && terms
                    .binary_search_by(|(term, _)| utf16_cmp(term, t))
                    .is_ok()
        })
        .collect();
    names.sort_unstable_by(|a, b| utf16_cmp(a, b));
    names.dedup();
    names
}

/// The search index of the dossier: `data/search/meta.json`, term chunks and document
/// fragments, each handed to `emit` as soon as it is made (the index is never whole in
/// memory).
pub fn search_files(d: &Dossier, emit: &mut dyn FnMut(OutputFile)) {
    let docs = documents(d);
    let doc_count = docs.len();
    let terms = index(&docs).into_sorted();

    // Document fragments, made first so that the documents are freed before the term
    // chunks are: each kind is a contiguous range of `docs`.
    let mut fragment_hashes = Vec::new();
    let mut kinds = Vec::new();
    let mut start = 0;
    for kind in [
        DocKind::Entity,
        DocKind::Article,
        DocKind::Statement,
        DocKind::Claim,
    ] {
        let count = docs[start..]
            .iter()
            .take_while(|doc| doc.kind == kind)
            .count();
        let of_kind = &docs[start..start + count];
        let made: Vec<OutputFile> = of_kind
            .par_chunks(kind.per_file())
            .enumerate()
            .map(|(n, group)| fragment_file(kind, n, group))
            .collect();
        fragment_hashes.par_extend(made.par_iter().map(file_hash));
        made.into_iter().for_each(&mut *emit);
        kinds.push(KindRange {
            kind: kind.as_str(),
            start,
            count,
            per_file: kind.per_file(),
        });
        start += count;
    }
    drop(docs);

    let common: Vec<String> = if doc_count >= COMMON_MIN_DOCS {
        let limit = (doc_count as f64 * COMMON_SHARE) as u32;
        terms
            .iter()
            .filter(|(_, postings)| postings.df > limit)
            .map(|(term, _)| term.clone())
            .collect()
    } else {
        Vec::new()
    };
    let names = OutputFile::new(
        "data/search/names.json",
        serde_json::to_vec(&name_terms(d, &terms)).expect("names serialise"),
    );
    let mut term_hashes = vec![file_hash(&names)];
    emit(names);
    let chunks = term_chunks(terms, &mut |f| {
        term_hashes.push(file_hash(&f));
        emit(f);
    });
    let meta = Meta {
        version: 1,
        // The name list, term chunks, then fragments.
        hash: fingerprint(term_hashes.into_iter().chain(fragment_hashes)),
        docs: doc_count,
        kinds,
        article_body_start: ARTICLE_BODY_START,
        chunks,
        common,
    };
    emit(OutputFile::new(
        "data/search/meta.json",
        serde_json::to_vec(&meta).expect("meta serialises"),
    ));
}
