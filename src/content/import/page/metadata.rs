//! What a page's markup says about its article: title, publication date, authors,
//! outlet, canonical address and summary, each from the most deliberate statement the
//! page makes. JSON-LD (written for search engines, about the article itself) comes
//! first, then Open Graph and other `<meta>` tags, then the document's own elements
//! (`<title>`, `<time datetime>`, `<h1>`). Nothing is guessed from the text or the
//! address: what the markup does not say stays unknown.

use std::collections::HashMap;

use serde_json::Value;
use trafilatura::dom::{Document, NodeId};
use url::Url;

/// What the page says about its article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMetadata {
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or an RFC 3339 date-time when the page gives the time and its offset.
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    /// The canonical address, absolute http(s).
    pub url: Option<String>,
    pub summary: Option<String>,
    /// What relative addresses in the page are resolved against: its `<base href>`, else
    /// its address as given, else its canonical address.
    pub base: Option<Url>,
}

/// Reads the page's metadata; `page_url` is where the page was fetched from, if known.
pub fn read(doc: &Document, page_url: Option<&Url>) -> PageMetadata {
    let metas = MetaTags::read(doc);
    let ld = JsonLd::read(doc);
    let base_href = doc
        .query_selector(doc.root(), "base[href]")
        .and_then(|id| doc.get_attribute(id, "href"))
        .and_then(|href| resolve(&href, page_url));
    let canonical = doc
        .query_selector(doc.root(), "link[rel~=canonical][href]")
        .and_then(|id| doc.get_attribute(id, "href"))
        .or_else(|| metas.first(&["og:url"]))
        .or_else(|| ld.article_str("url"))
        .and_then(|href| resolve(&href, base_href.as_ref().or(page_url)));
    let outlet = ld
        .publisher()
        .or_else(|| metas.first(&["og:site_name", "application-name"]))
        .or_else(|| microdata_publisher(doc));
    let title = ld
        .article_str("headline")
        .or_else(|| metas.first(&["og:title", "twitter:title"]))
        .map(|t| without_outlet(&t, outlet.as_deref()))
        .or_else(|| document_title(doc, outlet.as_deref()));
    let date = [
        ld.article_str("datePublished"),
        metas.first(&[
            "article:published_time",
            "article:published",
            "datepublished",
            "og:published_time",
            "publishdate",
            "pubdate",
            "publish-date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "date",
        ]),
        dated_element(doc),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| normalise_date(&d));
    let mut authors = ld.authors();
    if authors.is_empty() {
        authors = metas
            .all(&[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
            ])
            .into_iter()
            .filter(|a| is_name(a))
            .collect();
    }
    dedup(&mut authors);
    let summary = ld
        .article_str("description")
        .or_else(|| metas.first(&["og:description", "description", "twitter:description"]));
    let base = base_href
        .or_else(|| page_url.cloned())
        .or_else(|| canonical.clone());
    PageMetadata {
        title: title.filter(|t| !t.is_empty()),
        date,
        authors,
        outlet,
        url: canonical.map(String::from),
        summary,
        base,
    }
}

/// Text as a reader sees it: runs of whitespace are one space, ends trimmed.
pub fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `<meta>` value by any of its names (`name`, `property` or `itemprop`, any case).
struct MetaTags(HashMap<String, Vec<String>>);

impl MetaTags {
    fn read(doc: &Document) -> MetaTags {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for id in doc.query_selector_all(doc.root(), "meta[content]") {
            let content = clean(&doc.get_attribute(id, "content").unwrap_or_default());
            if content.is_empty() {
                continue;
            }
            for attr in ["name", "property", "itemprop"] {
                // `itemprop="datePublished dateCreated"` names two properties.
                for key in doc
                    .get_attribute(id, attr)
                    .iter()
                    .flat_map(|k| k.split_whitespace())
                {
                    map.entry(key.to_ascii_lowercase())
                        .or_default()
                        .push(content.clone());
                }
            }
        }
        MetaTags(map)
    }

    /// The first value under the first of `keys` the page uses.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.get(*k).and_then(|v| v.first()).cloned())
    }

    /// Every value under the first of `keys` the page uses.
    fn all(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .find_map(|k| self.0.get(*k))
            .cloned()
            .unwrap_or_default()
    }
}

/// The page's JSON-LD objects, and the one among them that describes the article.
struct JsonLd {
    objects: Vec<Value>,
    article: Option<usize>,
}

impl JsonLd {
    fn read(doc: &Document) -> JsonLd {
        let mut objects = Vec::new();
        for id in doc.scripts_with_type(&["application/ld+json"]) {
            let text = doc.text_content(id);
            let text = text
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_end_matches(';');
            let parsed = serde_json::from_str::<Value>(text)
                .or_else(|_| serde_json::from_str::<Value>(&lenient_json(text)));
            if let Ok(value) = parsed {
                flatten(value, &mut objects);
            }
        }
        let article = objects
            .iter()
            .position(|o| types(o).any(is_article_type))
            .or_else(|| objects.iter().position(|o| o.get("headline").is_some()));
        JsonLd { objects, article }
    }

    fn article(&self) -> Option<&Value> {
        self.article.map(|i| &self.objects[i])
    }

    /// A string property of the article (the first, when it is a list).
    fn article_str(&self, key: &str) -> Option<String> {
        let value = self.article()?.get(key)?;
        let value = match value {
            Value::Array(items) => items.first()?,
            v => v,
        };
        let text = match value {
            Value::String(s) => s.as_str(),
            // `mainEntityOfPage` and the like may be an object with an `@id`.
            Value::Object(o) => o.get("@id")?.as_str()?,
            _ => return None,
        };
        Some(clean(&html_escape::decode_html_entities(text))).filter(|s| !s.is_empty())
    }

    /// An object itself, or the object its `@id` reference points to.
    fn resolved<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("@id").and_then(Value::as_str) {
            Some(id) if value.get("name").is_none() => self
                .objects
                .iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id))
                .unwrap_or(value),
            _ => value,
        }
    }

    fn name_of(&self, value: &Value) -> Option<String> {
        let name = match value {
            Value::String(s) => s.as_str(),
            v => self.resolved(v).get("name")?.as_str()?,
        };
        Some(clean(&html_escape::decode_html_entities(name))).filter(|n| !n.is_empty())
    }

    fn publisher(&self) -> Option<String> {
        let publisher = self.article()?.get("publisher")?;
        match publisher {
            Value::Array(items) => items.iter().find_map(|p| self.name_of(p)),
            p => self.name_of(p),
        }
    }

    fn authors(&self) -> Vec<String> {
        let Some(author) = self.article().and_then(|a| a.get("author")) else {
            return Vec::new();
        };
        let items = match author {
            Value::Array(items) => items.iter().collect(),
            a => vec![a],
        };
        items
            .into_iter()
            .filter_map(|a| self.name_of(a))
            .filter(|a| is_name(a))
            .collect()
    }
}

/// Every object in a JSON-LD value: lists and `@graph`s opened.
fn flatten(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out);
            }
            if map.keys().any(|k| k != "@context") {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

fn types(object: &Value) -> impl Iterator<Item = &str> {
    let t = object.get("@type");
    let list: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
}

/// schema.org's article types: `Article` and its kinds (`NewsArticle`, `BlogPosting`,
/// `LiveBlogPosting`, `Report`...).
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article") || t.ends_with("Posting") || t == "Report"
}

/// A person's or organisation's name, not an address or a handle.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && !text.contains("://")
        && !text.starts_with('@')
        && text.chars().any(char::is_alphabetic)
}

fn dedup(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
}

/// A relative or absolute address, made absolute; only http(s) is kept.
pub fn resolve(href: &str, base: Option<&Url>) -> Option<Url> {
    let href = href.trim();
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Separators between a headline and the site's name in a page title.
const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " « "];

/// The `<title>` without the site's name, else the page's only `<h1>`.
fn document_title(doc: &Document, outlet: Option<&str>) -> Option<String> {
    let h1s = doc.query_selector_all(doc.root(), "h1");
    let h1 = match h1s.as_slice() {
        [one] => Some(clean(&doc.text_content(*one))).filter(|t| !t.is_empty()),
        _ => None,
    };
    let title = doc
        .query_selector(doc.root(), "title")
        .map(|id| clean(&doc.text_content(id)))
        .filter(|t| !t.is_empty());
    match (title, h1) {
        (Some(title), Some(h1)) if title.to_lowercase().contains(&h1.to_lowercase()) => Some(h1),
        (Some(title), _) => Some(without_site_name(&title, outlet)),
        (None, h1) => h1,
    }
}

/// A page title with the site's name taken off its end or start, when the part after
/// the last separator (or before the first) is the outlet's name.
fn without_outlet(title: &str, outlet: Option<&str>) -> String {
    split_title(title, outlet).unwrap_or_else(|| clean(title))
}

/// A `<title>` without the site's name: as [`without_outlet`], and also when the part
/// after the last separator is a short name (four words at most) after a headline at
/// least twice as long. That rule would cut 12 of the 2,225 BBC headlines (0.5%:
/// "Taxes must be trusted - Kennedy"), so it is kept for `<title>`, where the site's
/// name is the convention.
fn without_site_name(title: &str, outlet: Option<&str>) -> String {
    if let Some(cut) = split_title(title, outlet) {
        return cut;
    }
    let title = clean(title);
    if let Some((head, tail)) = last_separated(&title)
        && tail.split_whitespace().count() <= 4
        && head.chars().count() >= 2 * tail.chars().count()
    {
        return head.trim().to_string();
    }
    title
}

/// The title without a separated part that is the outlet's name.
fn split_title(title: &str, outlet: Option<&str>) -> Option<String> {
    let outlet = simplified(outlet?);
    let title = clean(title);
    let (head, tail) = last_separated(&title)?;
    if simplified(tail) == outlet {
        return Some(head.trim().to_string());
    }
    let (lead, rest) = TITLE_SEPARATORS
        .iter()
        .filter_map(|s| title.find(s).map(|i| (i, s.len())))
        .min_by_key(|(i, _)| *i)
        .map(|(i, len)| (&title[..i], &title[i + len..]))?;
    (simplified(lead) == outlet).then(|| rest.trim().to_string())
}

/// A title cut at its last separator: what comes before, what comes after.
fn last_separated(title: &str) -> Option<(&str, &str)> {
    let (at, len) = TITLE_SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
        .max_by_key(|(i, _)| *i)?;
    Some((&title[..at], &title[at + len..]))
}

/// A name compared loosely: letters and digits only, lower case.
fn simplified(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The publication date an element of the page carries: one marked
/// `itemprop=datePublished` (its `content` or `datetime`, else its text), else the
/// first `<time>` with a `datetime`, one marked `pubdate` first.
fn dated_element(doc: &Document) -> Option<String> {
    let value = |id: NodeId| {
        doc.get_attribute(id, "content")
            .or_else(|| doc.get_attribute(id, "datetime"))
            .or_else(|| Some(doc.text_content(id)))
    };
    let first = |selector: &str| doc.query_selector(doc.root(), selector).and_then(value);
    first("[itemprop~=datePublished]")
        .or_else(|| first("time[pubdate][datetime]"))
        .or_else(|| first("time[datetime]"))
}

/// The name in a microdata publisher (`itemprop=publisher`, its `itemprop=name`).
fn microdata_publisher(doc: &Document) -> Option<String> {
    let id = doc.query_selector(doc.root(), "[itemprop~=publisher] [itemprop~=name]")?;
    let name = doc
        .get_attribute(id, "content")
        .unwrap_or_else(|| doc.text_content(id));
    Some(clean(&name)).filter(|n| is_name(n))
}

/// JSON as pages get it wrong, made right: commas before a closing bracket dropped,
/// line breaks and tabs inside strings made spaces.
fn lenient_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        if c == ',' {
            let rest = chars.clone().find(|n| !n.is_whitespace());
            if matches!(rest, Some(']' | '}')) {
                continue;
            }
        }
        in_string = c == '"';
        out.push(c);
    }
    out
}

/// A date as the page wrote it, as front matter takes it: an RFC 3339 date-time (to
/// the second) when it gives a time with its offset (`+0100` read as `+01:00`), else `YYYY-MM-DD`;
/// `None` for what is not a date.
pub fn normalise_date(text: &str) -> Option<String> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    let text = text.trim();
    let to_the_second =
        |t: time::OffsetDateTime| t.replace_nanosecond(0).ok()?.format(&Rfc3339).ok();
    if let Ok(t) = time::OffsetDateTime::parse(&with_colon_offset(text), &Rfc3339) {
        return to_the_second(t);
    }
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc2822) {
        return to_the_second(t);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let iso = text.get(..10).and_then(|day| {
        let date = time::Date::parse(day, &format).ok()?;
        text[10..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, 'T' | 't' | ' '))
            .then_some(date)
    });
    iso.or_else(|| written_date(text))?.format(&format).ok()
}

/// A date written with the month's English name: `Nov 20, 2019`, `20 November 2019`
/// (the first one in the text, whatever is around it).
fn written_date(text: &str) -> Option<time::Date> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |i: usize, digits: std::ops::RangeInclusive<usize>| {
        words
            .get(i)
            .filter(|w| digits.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.parse::<i32>().ok())
    };
    words.iter().enumerate().find_map(|(i, word)| {
        let month = month_named(word)?;
        let (day, year) = match (number(i + 1, 1..=2), number(i + 2, 4..=4)) {
            (Some(day), Some(year)) => (day, year),
            _ => (number(i.checked_sub(1)?, 1..=2)?, number(i + 1, 4..=4)?),
        };
        time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
    })
}

/// The month an English name (or its first three letters or more) stands for.
fn month_named(word: &str) -> Option<time::Month> {
    use time::Month::*;
    const MONTHS: [(&str, time::Month); 12] = [
        ("january", January),
        ("february", February),
        ("march", March),
        ("april", April),
        ("may", May),
        ("june", June),
        ("july", July),
        ("august", August),
        ("september", September),
        ("october", October),
        ("november", November),
        ("december", December),
    ];
    let word = word.to_lowercase();
    let word = if word == "sept" {
        "sep".to_string()
    } else {
        word
    };
    MONTHS
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(&word))
        .map(|(_, m)| *m)
}

/// `2020-01-05T10:00:00+0100` as `2020-01-05T10:00:00+01:00`; other text as it is.
fn with_colon_offset(text: &str) -> String {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n > 5
        && matches!(bytes[n - 5], b'+' | b'-')
        && bytes[n - 4..].iter().all(u8::is_ascii_digit)
        && text[..n - 5].contains('T')
    {
        format!("{}:{}", &text[..n - 2], &text[n - 2..])
    } else {
        text.to_string()
    }
}
