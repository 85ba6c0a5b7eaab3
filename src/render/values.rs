//! The template values of what many pages show, made once per render and shared.
//!
//! An article is listed on the home page, its outlet's page, the timeline and every
//! entity page that quotes or mentions it; a statement is on the quote index, the home
//! page and every outlet page that misses it. Each such article, entity, quote and
//! statement becomes a Tera value once, the first time a page asks for it, and every
//! later page holds the same value by reference (Tera's strings, lists and maps are
//! reference-counted, and a value inside a view is passed through, not copied, when
//! the view becomes the page's context). So no page deep-copies the model, however
//! many pages show the same thing, and a page rendered alone (by `serve`) makes only
//! what it shows.

use std::sync::OnceLock;

use tera::Value;

use crate::annotate::quotes::Speaker;
use crate::link::{Dossier, QuoteRef};

/// The shared values of one dossier, filled in as pages ask for them (from any thread).
pub struct Values<'d> {
    d: &'d Dossier,
    /// `site`, `base_url` and `base_path`: what every page's context starts from.
    common: Vec<(&'static str, Value)>,
    articles: Vec<OnceLock<Value>>,
    entities: Vec<OnceLock<Value>>,
    /// Each entity as the speaker of quotes and statements.
    speakers: Vec<OnceLock<Value>>,
    /// Every quote, article by article.
    quotes: Vec<OnceLock<Value>>,
    /// Per article, where its quotes start in `quotes`.
    quote_start: Vec<usize>,
    clusters: Vec<OnceLock<Value>>,
}

impl<'d> Values<'d> {
    pub fn new(d: &'d Dossier) -> Self {
        let common = vec![
            ("site", Value::from_serializable(&d.site_view())),
            ("base_url", Value::from(d.config.base_url.as_str())),
            ("base_path", Value::from(d.config.base_path.as_str())),
        ];
        let cells = |n: usize| (0..n).map(|_| OnceLock::new()).collect::<Vec<_>>();
        let mut quote_start = Vec::with_capacity(d.articles.len());
        let mut quotes = 0;
        for a in &d.articles {
            quote_start.push(quotes);
            quotes += a.body.quotes.len();
        }
        Values {
            d,
            common,
            articles: cells(d.articles.len()),
            entities: cells(d.registry.len()),
            speakers: cells(d.registry.len()),
            quotes: cells(quotes),
            quote_start,
            clusters: cells(d.clusters.len()),
        }
    }

    /// The variables every template sees.
    pub fn common(&self) -> Vec<(&'static str, Value)> {
        self.common.clone()
    }

    /// The site's language (BCP 47), every page's unless it has its own.
    pub fn language(&self) -> &str {
        &self.d.config.language
    }

    /// The article at `i` as an [`super::views::ArticleSummary`].
    pub fn article(&self, i: usize) -> Value {
        self.articles[i]
            .get_or_init(|| Value::from_serializable(&self.d.article_summary(i)))
            .clone()
    }

    /// The entity at `e` as an [`super::views::EntitySummary`].
    pub fn entity(&self, e: usize) -> Value {
        self.entities[e]
            .get_or_init(|| Value::from_serializable(&self.d.entity_summary(e)))
            .clone()
    }

    /// The quote at `r` as a [`super::views::QuoteView`].
    pub fn quote(&self, r: QuoteRef) -> Value {
        let (a, q) = r;
        self.quotes[self.quote_start[a] + q]
            .get_or_init(|| {
                Value::from_serializable(&self.d.quote_view(
                    r,
                    self.article(a),
                    self.quote_speaker(r),
                ))
            })
            .clone()
    }

    /// A speaker as a [`super::views::SpeakerView`]: a known entity's made once.
    fn speaker(&self, s: &Speaker) -> Value {
        let view = || Value::from_serializable(&self.d.speaker_view(s));
        match s.entity {
            Some(e) => self.speakers[e].get_or_init(view).clone(),
            None => view(),
        }
    }

    /// The speaker of the quote at `r`: its own or, lent from another article's
    /// attribution, marked inferred.
    fn quote_speaker(&self, r: QuoteRef) -> Value {
        match self.d.speaker_of(r) {
            None => Value::none(),
            Some((s, None)) => self.speaker(s),
            Some((_, Some(_))) => Value::from_serializable(&self.d.quote_speaker_view(r)),
        }
    }

    /// The statement at `c` as a [`super::views::ClusterView`].
    pub fn cluster(&self, c: usize) -> Value {
        self.clusters[c]
            .get_or_init(|| {
                let speaker = self.d.clusters[c]
                    .speaker
                    .as_ref()
                    .map_or_else(Value::none, |s| self.speaker(s));
                Value::from_serializable(&self.d.cluster_view(c, &|r| self.quote(r), speaker))
            })
            .clone()
    }
}

/// A view made of a shared value's fields and a few of the page's own: an article's
/// summary with its page's content, an entity's with its count in one article. The
/// fields are copied by reference into one map, as `#[serde(flatten)]` would, but
/// without making each field's name anew (flatten goes through serde's maps, whose
/// keys Tera must own).
pub struct Extended<'a, T> {
    /// A value made from a struct (its fields named by `&'static str`).
    pub base: &'a Value,
    /// The page's own fields, a struct too.
    pub extra: T,
}

impl<T: serde::Serialize> serde::Serialize for Extended<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeStruct};
        let base = self
            .base
            .as_map()
            .ok_or_else(|| S::Error::custom("not a map"))?;
        let extra = Value::from_serializable(&self.extra);
        let extra = extra
            .as_map()
            .ok_or_else(|| S::Error::custom("not a map"))?;
        let mut st = serializer.serialize_struct("Extended", base.len() + extra.len())?;
        for (key, value) in base.iter().chain(extra.iter()) {
            match key {
                tera::value::Key::Str(name) => st.serialize_field(name, value)?,
                _ => return Err(S::Error::custom("a field named at run time")),
            }
        }
        st.end()
    }
}
