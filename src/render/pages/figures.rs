//! The figures page: every quantity more than one outlet reports (a claim), the
//! disagreements first, each with its values side by side and, under each value, the
//! outlets that give it, in their own words, on whose authority, linked to the sentence.

use std::hash::Hash;

use serde::Serialize;

use super::Page;
use super::key::{Fingerprints, PageHasher};
use crate::link::Dossier;
use crate::link::claims::{Claim, FigureRef, wording};
use crate::render::values::Values;

pub const SITE_PATH: &str = "/figures/";

#[derive(Serialize)]
pub(super) struct ReportView<'a> {
    source: &'a str,
    source_href: &'a str,
    title: &'a str,
    date: &'a str,
    date_display: &'a str,
    /// The article's sentence, with the figure's anchor.
    href: String,
    /// The figure as written ("some 5,000 US troops").
    wording: &'a str,
    /// The sentence it stands in.
    sentence: &'a str,
    /// On whose authority ("The Associated Press"), or none.
    authority: Option<&'a str>,
    in_quote: bool,
}

#[derive(Serialize)]
pub(super) struct ValueView<'a> {
    /// The value as the first report writes its number ("5,000", "thousands").
    value: &'a str,
    reports: Vec<ReportView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ClaimView<'a> {
    id: &'a str,
    disagrees: bool,
    /// What is counted ("troops").
    unit: String,
    /// The entities every report of it names.
    about: Vec<&'a str>,
    source_count: usize,
    values: Vec<ValueView<'a>>,
}

fn report<'a>(d: &'a Dossier, (a, f): FigureRef) -> ReportView<'a> {
    let art = &d.articles[a];
    let fig = &art.body.figures[f];
    let block = &art.body.blocks[fig.block].text;
    ReportView {
        source: &art.article.source,
        source_href: &art.links.source_href,
        title: &art.article.title,
        date: &art.links.date,
        date_display: &art.links.date_display,
        href: format!("{}#{}", art.links.href, fig.anchor),
        wording: wording(&d.articles, (a, f)),
        sentence: &block[fig.sentence.clone()],
        authority: fig.authority.as_ref().map(|x| x.name.as_str()),
        in_quote: fig.in_quote,
    }
}

/// A claim as pages show it: its values side by side, each with its reports.
pub(super) fn claim_view<'a>(d: &'a Dossier, claim: &'a Claim) -> ClaimView<'a> {
    // Values in the order they are first reported; reports under each in article order.
    let mut values: Vec<(f64, bool, ValueView)> = Vec::new();
    for &r in &claim.figures {
        let fig = &d.articles[r.0].body.figures[r.1];
        let key = (fig.found.value, fig.found.vague);
        let view = report(d, r);
        match values.iter_mut().find(|(v, vague, _)| (*v, *vague) == key) {
            Some((_, _, value)) => value.reports.push(view),
            None => {
                let block = &d.articles[r.0].body.blocks[fig.block].text;
                values.push((
                    key.0,
                    key.1,
                    ValueView {
                        value: &block[fig.found.number.clone()],
                        reports: vec![view],
                    },
                ))
            }
        }
    }
    let (unit, about) = crate::link::claims::subject(&d.articles, &d.registry, claim);
    ClaimView {
        id: &claim.id,
        disagrees: claim.disagrees,
        unit,
        about,
        source_count: claim.sources,
        values: values.into_iter().map(|(_, _, v)| v).collect(),
    }
}

pub fn page(d: &Dossier, v: &Values) -> Page {
    let disagreements = d.claims.iter().filter(|c| c.disagrees).count();
    let mut page = Page::new(
        v,
        "figures.html",
        SITE_PATH.into(),
        "Figures".into(),
        "The figures several outlets report, and where they disagree.".into(),
    );
    let claims: Vec<ClaimView> = d.claims.iter().map(|c| claim_view(d, c)).collect();
    page.set("claims", &claims);
    page.set("disagreement_count", &disagreements);
    page
}

/// What the page shows: every claim, and the articles of its figures.
pub fn key(k: &Fingerprints, d: &Dossier, h: &mut PageHasher) {
    for c in &d.claims {
        claim_key(k, d, c, h);
    }
}

/// What a claim shows: its figures, and the articles they are in.
pub(super) fn claim_key(k: &Fingerprints, d: &Dossier, c: &Claim, h: &mut PageHasher) {
    (&c.id, c.disagrees, &c.figures).hash(h);
    for &(a, _) in &c.figures {
        k.fact(d, a).version.hash(h);
        k.summary[a].hash(h);
    }
}
