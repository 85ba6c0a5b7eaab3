//! Claims: the figures of different articles that report the same quantity, grouped,
//! and whether their values agree.
//!
//! Two figures are about the same quantity when they count the same thing (the same
//! unit key: "troops", "soldiers" and "forces" are one), are both totals or both
//! changes, both rates ("a year") or neither, both prospective or neither (forecast or
//! needed: "predictions of 1.5% growth" against the 0.2% measured, "the 1,237 delegates
//! needed" against the 329 won), count the same event or none, and are about the same
//! entities: they share one, the fewer entities are among the other's (but for one, of
//! three or more), and the places of one are among the places of the other ("5,000 US
//! troops" and "5,200 troops in Iraq" sent by Washington, but not US troops in Iraq and
//! US troops in Syria). Their clauses name no different times (jobs created in November
//! are not those created in December); when both say whose the things counted are, or
//! where they are, they say the same. Counts are compared only when reported at most
//! `[figures] days_apart` days apart (one by default), or when both name the same month
//! or year: what is counted changes (delegates won, people killed), and a count
//! reported later is more often a new count than another report of the same one.
//! Readings of a series that moves from day to day
//! ([`crate::annotate::figures::FoundFigure::is_reading`]: percentages, rates, index
//! levels, prices) move within a day too, and are compared only when both name the same
//! month or year. Figures whose values are more than [`MAX_RATIO`] apart (or
//! [`MAX_PART_RATIO`], when one names entities the other does not) are taken to be
//! about different quantities rather than to disagree. A claim is built by adding each
//! figure, in article order, to a claim every member of which it is about the same
//! quantity as (so a claim never chains unrelated figures through a third) and that
//! holds no value of its own article it disagrees with (an article giving two values
//! gives two quantities: 51 people arrested in one city and 25 in the next): of
//! several, one whose values it agrees with, then the one whose first figure shares
//! most entities with it.
//!
//! A `[[figures]]` correction overrides all this for its figure: `split = true` keeps
//! it out of every claim, `claim = "name"` puts it in the claim of the figures tied to
//! the same name, and in no other.
//!
//! Small counts of things (below [`MIN_COUNT_COMPARED`]) are only compared when they
//! count an event, and populations (people, households, users) only when more than a
//! place says which: an event, an organisation or person, or two places.
//!
//! Values agree when the intervals their wordings allow meet: "some 5,000" (4,500 to
//! 5,500) agrees with "around 5,000" and with "5,200"; "5,000" and "5,200" do not;
//! "more than 4,000" agrees with "5,000". A claim disagrees when two of its outlets'
//! values do not meet.

use rustc_hash::FxHashMap;

/// Counts below this are compared only when they count an event (killed, injured,
/// arrested...): "two companies", "four Britons" name a particular set of things, which
/// outlets describe rather than measure, and which two articles of one story often
/// count differently because they speak of different sets.
pub const MIN_COUNT_COMPARED: f64 = 10.0;

/// Values further apart than this factor are not compared: "5,000 troops" and "60,000
/// troops" in the same clause's company are more likely two quantities (those in one
/// country, those in a region) than one reported wrongly.
pub const MAX_RATIO: f64 = 10.0;

/// Values further apart than this factor are compared only when both figures name the
/// same entities: where one names more, it may count a part of what the other counts
/// (what two oil fields in India produce, and what India does; the games launched with
/// a console, and all those being written for it).
pub const MAX_PART_RATIO: f64 = 3.0;

/// One figure, as the alignment sees it.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Unit key ([`crate::annotate::figures::Unit::key`]); empty when the figure cannot
    /// be compared.
    pub key: &'a str,
    pub change: bool,
    pub event: Option<&'static str>,
    pub value: f64,
    pub lo: f64,
    pub hi: f64,
    /// Registry indices of the people, organisations, groups and places of its clause
    /// (not its authority), sorted.
    pub entities: &'a [usize],
    /// Those of them that are places, sorted.
    pub places: &'a [usize],
    /// Those of them the things counted belong to ("US troops"), sorted.
    pub owners: &'a [usize],
    /// The places the words after it put the things counted in ("troops in Iraq"),
    /// sorted.
    pub location: &'a [usize],
    /// The years and months its clause names, sorted.
    pub times: &'a [String],
    /// Its article's date, and whether it reads a series that moves from day to day
    /// ([`crate::annotate::figures::FoundFigure::is_reading`]).
    pub date: time::Date,
    pub reading: bool,
    /// So much a day or a year.
    pub rate: bool,
    /// Given as what is to come or is needed
    /// ([`crate::annotate::figures::FoundFigure::prospective`]).
    pub prospective: bool,
    /// Its article, by index: an article does not contradict itself.
    pub article: usize,
    /// The outlet that reports it ([`crate::content::Article::outlet`]).
    pub source: &'a str,
    /// The claim a `[[figures]]` correction ties it to: it is compared with the figures
    /// tied to the same name, and with no other.
    pub tie: Option<&'a str>,
}

impl Candidate<'_> {
    /// Whether two figures are about the same quantity (their values aside); counts
    /// may be reported at most `days_apart` days apart.
    pub fn same_quantity(&self, other: &Candidate<'_>, days_apart: u64) -> bool {
        self.key == other.key
            && self.change == other.change
            && self.rate == other.rate
            && self.prospective == other.prospective
            && self.event == other.event
            && nearly_nested(self.entities, other.entities)
            && (is_subset(self.places, other.places) || is_subset(other.places, self.places))
            && (self.owners.is_empty()
                || other.owners.is_empty()
                || self.owners.iter().any(|o| other.owners.contains(o)))
            && (self.location.is_empty()
                || other.location.is_empty()
                || self.location == other.location)
            && (self.times.is_empty() || other.times.is_empty() || self.shares_time(other))
            && (self.shares_time(other)
                || !(self.reading || other.reading) && self.days_apart(other) <= days_apart)
            && self.value.max(other.value)
                <= self.value.min(other.value)
                    * if self.entities == other.entities {
                        MAX_RATIO
                    } else {
                        MAX_PART_RATIO
                    }
    }

    /// How many days apart the two were reported.
    fn days_apart(&self, other: &Candidate<'_>) -> u64 {
        (self.date - other.date).whole_days().unsigned_abs()
    }

    /// Whether a time one clause names is one the other names too.
    fn shares_time(&self, other: &Candidate<'_>) -> bool {
        self.times.iter().any(|t| other.times.contains(t))
    }

    /// Whether the values their wordings allow meet.
    pub fn agrees(&self, other: &Candidate<'_>) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

/// Whether two sorted entity sets are about the same things: they share one, and the
/// smaller is in the larger, but for one of its entities when it has three or more
/// ("Air China" and "Air Deccan" both buying Airbus planes share only Airbus).
fn nearly_nested(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let fewer = a.len().min(b.len());
    shared >= 1 && shared + usize::from(fewer >= 3) >= fewer
}

/// How many entities two sorted sets share.
fn shared_count(a: &[usize], b: &[usize]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

fn is_subset(a: &[usize], b: &[usize]) -> bool {
    a.iter().all(|x| b.binary_search(x).is_ok())
}

/// A group of figures about one quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// Indices into the candidates, in order.
    pub members: Vec<usize>,
    /// Two outlets' values do not meet.
    pub disagrees: bool,
    /// How many outlets report it.
    pub sources: usize,
}

/// The figures of `cands` (in article order) grouped by quantity: only groups reported
/// by more than one outlet, disagreements first, then by how many outlets report them.
pub fn align(cands: &[Candidate<'_>], days_apart: u64) -> Vec<Aligned> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Groups by unit key, and by entity within it, to find the groups a figure may join.
    let mut by_entity: FxHashMap<(&str, usize), Vec<usize>> = FxHashMap::default();
    let mut tied: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        if let Some(name) = c.tie {
            let g = *tied.entry(name).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
            continue;
        }
        if c.key.is_empty() || c.entities.is_empty() || !c.value.is_finite() || c.value <= 0.0 {
            continue;
        }
        let mut options: Vec<usize> = c
            .entities
            .iter()
            .flat_map(|&e| by_entity.get(&(c.key, e)).into_iter().flatten().copied())
            .collect();
        options.sort_unstable();
        options.dedup();
        // Of the groups it may join, the one whose values it agrees with, then the one
        // it shares most entities with: three reports of 59,100 troops in one place
        // from one organisation are one claim, whatever other troops are counted there.
        let joined = options
            .into_iter()
            .filter(|&g| {
                groups[g].iter().all(|&m| {
                    cands[m].same_quantity(c, days_apart)
                        && (cands[m].article != c.article || cands[m].agrees(c))
                })
            })
            .max_by_key(|&g| {
                let agrees = groups[g].iter().all(|&m| cands[m].agrees(c));
                let shared = shared_count(c.entities, cands[groups[g][0]].entities);
                (agrees, shared, std::cmp::Reverse(g))
            });
        let g = joined.unwrap_or_else(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
        if joined.is_none() {
            for &e in c.entities {
                by_entity.entry((c.key, e)).or_default().push(g);
            }
        }
    }
    let mut out: Vec<Aligned> = groups
        .into_iter()
        .filter_map(|members| {
            let mut sources: Vec<&str> = members.iter().map(|&m| cands[m].source).collect();
            sources.sort_unstable();
            sources.dedup();
            if sources.len() < 2 {
                return None;
            }
            let disagrees = members.iter().enumerate().any(|(k, &a)| {
                members[k + 1..]
                    .iter()
                    .any(|&b| cands[a].source != cands[b].source && !cands[a].agrees(&cands[b]))
            });
            Some(Aligned {
                members,
                disagrees,
                sources: sources.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.disagrees
            .cmp(&a.disagrees)
            .then(b.sources.cmp(&a.sources))
            .then(a.members[0].cmp(&b.members[0]))
    });
    out
}

/// A figure of the dossier: its article's index and its index in the article.
pub type FigureRef = (usize, usize);

/// A quantity reported by more than one outlet, with every figure that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// `n-N`, numbered disagreements first.
    pub id: String,
    /// In article order.
    pub figures: Vec<FigureRef>,
    pub disagrees: bool,
    /// How many outlets report it.
    pub sources: usize,
}

/// What the alignment reads of a figure that its [`Candidate`] borrows: its unit key
/// (empty when it is not compared) and its entity sets, reduced to those that say what
/// it is about.
struct Facts {
    key: String,
    /// Who and where a figure is about: people, organisations, groups and places. The
    /// documents and events its sentence names (a resolution, a vote) are what outlets
    /// report it in, and differ from one report of it to the next.
    actors: Vec<usize>,
    places: Vec<usize>,
    owners: Vec<usize>,
    location: Vec<usize>,
}

impl Facts {
    fn of(fig: &crate::analyse::body::Figure, registry: &crate::content::Registry) -> Facts {
        use crate::content::EntityKind;
        let kind = |e: usize| registry.entities[e].kind;
        let actors: Vec<usize> = fig
            .entities
            .iter()
            .copied()
            .filter(|&e| !matches!(kind(e), EntityKind::Document | EntityKind::Event))
            .collect();
        let small = matches!(fig.found.unit, crate::annotate::figures::Unit::Noun(_))
            && fig.found.hi < MIN_COUNT_COMPARED
            && fig.found.event.is_none();
        // A population is compared only when more than a place says which: what its
        // members did, or an organisation, a person, or two places besides those the
        // wording names ("six million UK households" are not a quantity until the
        // sentence says what they have).
        let unplaced = {
            let beyond: Vec<usize> = actors
                .iter()
                .copied()
                .filter(|e| !fig.owners.contains(e))
                .collect();
            fig.found.unit.is_population()
                && fig.found.event.is_none()
                && beyond.len() < 2
                && beyond.iter().all(|&e| kind(e) == EntityKind::Place)
        };
        let compared = fig.found.unit.comparable()
            && !small
            && !unplaced
            && fig.tie != Some(crate::content::FigureTie::Split);
        let places_of = |set: &[usize]| -> Vec<usize> {
            set.iter()
                .copied()
                .filter(|&e| kind(e) == EntityKind::Place)
                .collect()
        };
        Facts {
            key: if compared {
                fig.found.unit.key()
            } else {
                String::new()
            },
            owners: fig
                .owners
                .iter()
                .copied()
                .filter(|e| actors.contains(e))
                .collect(),
            location: places_of(&fig.location),
            places: places_of(&fig.entities),
            actors,
        }
    }
}

/// The claims of the analysed articles (in dossier order).
pub fn link_claims(
    articles: &[crate::analyse::AnalysedArticle],
    registry: &crate::content::Registry,
    config: &crate::config::FiguresConfig,
) -> Vec<Claim> {
    use crate::content::FigureTie;
    let refs: Vec<FigureRef> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.body.figures.len()).map(move |f| (a, f)))
        .collect();
    let facts: Vec<Facts> = refs
        .iter()
        .map(|&(a, f)| Facts::of(&articles[a].body.figures[f], registry))
        .collect();
    let cands: Vec<Candidate> = refs
        .iter()
        .zip(&facts)
        .map(|(&(a, f), facts)| {
            let fig = &articles[a].body.figures[f];
            Candidate {
                key: &facts.key,
                change: fig.found.change,
                event: fig.found.event,
                value: fig.found.value,
                lo: fig.found.lo,
                hi: fig.found.hi,
                entities: &facts.actors,
                places: &facts.places,
                owners: &facts.owners,
                location: &facts.location,
                times: &fig.found.times,
                date: articles[a].article.date,
                reading: fig.found.is_reading(),
                rate: fig.found.rate,
                prospective: fig.found.prospective,
                article: a,
                source: articles[a].article.outlet(),
                tie: match &fig.tie {
                    Some(FigureTie::Claim(name)) => Some(name.as_str()),
                    _ => None,
                },
            }
        })
        .collect();
    align(&cands, config.days_apart.into())
        .into_iter()
        .enumerate()
        .map(|(n, g)| Claim {
            id: format!("n-{}", n + 1),
            figures: g.members.iter().map(|&m| refs[m]).collect(),
            disagrees: g.disagrees,
            sources: g.sources,
        })
        .collect()
}

/// What a claim counts, as its first report writes it ("troops"; the unit's label for
/// money and percentages), and the entities every report of it names.
pub fn subject<'a>(
    articles: &'a [crate::analyse::AnalysedArticle],
    registry: &'a crate::content::Registry,
    claim: &Claim,
) -> (String, Vec<&'a str>) {
    let (a0, f0) = claim.figures[0];
    let first = &articles[a0].body.figures[f0];
    let unit = match &first.found.unit {
        crate::annotate::figures::Unit::Noun(_) => wording(articles, (a0, f0))
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string(),
        other => other.label(),
    };
    let about = first
        .entities
        .iter()
        .filter(|e| {
            claim
                .figures
                .iter()
                .all(|&(a, f)| articles[a].body.figures[f].entities.contains(e))
        })
        .map(|&e| registry.entities[e].name.as_str())
        .collect();
    (unit, about)
}

/// For each entity (registry order), the claims (in order) of which a figure names it.
pub fn entity_claims(
    articles: &[crate::analyse::AnalysedArticle],
    claims: &[Claim],
    entities: usize,
) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); entities];
    for (c, claim) in claims.iter().enumerate() {
        for &(a, f) in &claim.figures {
            for &e in &articles[a].body.figures[f].entities {
                if of[e].last() != Some(&c) {
                    of[e].push(c);
                }
            }
        }
    }
    of
}

/// For each article, for each of its figures, the index of its claim.
pub fn claim_of(
    articles: &[crate::analyse::AnalysedArticle],
    claims: &[Claim],
) -> Vec<Vec<Option<usize>>> {
    let mut of: Vec<Vec<Option<usize>>> = articles
        .iter()
        .map(|a| vec![None; a.body.figures.len()])
        .collect();
    for (c, claim) in claims.iter().enumerate() {
        for &(a, f) in &claim.figures {
            of[a][f] = Some(c);
        }
    }
    of
}

/// A figure's wording as the article writes it ("some 5,000 US troops").
pub fn wording(articles: &[crate::analyse::AnalysedArticle], (a, f): FigureRef) -> &str {
    let body = &articles[a].body;
    let fig = &body.figures[f];
    &body.blocks[fig.block].text[fig.at.clone()]
}

/// The HTML written after each figure of a claim that disagrees: a link to the claim on
/// the figures page ([`figure_link`]). Keyed by figure.
pub fn figure_links(
    articles: &[crate::analyse::AnalysedArticle],
    claims: &[Claim],
    config: &crate::config::Config,
) -> FxHashMap<FigureRef, String> {
    let mut out = FxHashMap::default();
    for claim in claims.iter().filter(|c| c.disagrees) {
        for &r in &claim.figures {
            out.insert(r, figure_link(articles, claim, r, config));
        }
    }
    out
}

/// The link written after figure `r` of `claim`, when the claim is reported
/// differently (empty otherwise): to the claim on the figures page, titled with what
/// the other outlets report, and carrying it for the hover card. It reads only the
/// other articles, so an edit of `r`'s own prose leaves it as it was.
pub fn figure_link(
    articles: &[crate::analyse::AnalysedArticle],
    claim: &Claim,
    r: FigureRef,
    config: &crate::config::Config,
) -> String {
    if !claim.disagrees {
        return String::new();
    }
    let href = config.url(&format!("/figures/#{}", claim.id));
    let others: Vec<String> = claim
        .figures
        .iter()
        .filter(|o| o.0 != r.0)
        .map(|&o| {
            let fig = &articles[o.0].body.figures[o.1];
            let by = fig
                .authority
                .as_ref()
                .map(|x| format!(", according to {}", x.name))
                .unwrap_or_default();
            format!(
                "{}: {}{by}",
                articles[o.0].article.source,
                wording(articles, o)
            )
        })
        .collect();
    let title = format!("Reported differently elsewhere. {}", others.join("; "));
    // The title for browsers without scripts; the hover card reads the reports, one a
    // line, and this figure's wording.
    format!(
        "<a class=\"figure-link\" href=\"{}\" title=\"{}\" data-figure=\"{}\" data-reports=\"{}\" aria-label=\"Compare this figure across outlets\">≠</a>",
        crate::text::escape_html(&href),
        crate::text::escape_html(&title),
        crate::text::escape_html(wording(articles, r)),
        crate::text::escape_html(&others.join("\n"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::figures::find_figures;

    const US: usize = 1;
    const IRAQ: usize = 2;
    const IRAN: usize = 3;
    const SYRIA: usize = 4;
    const AP: usize = 5;

    /// The one figure of `text`, reported by `source`, about `entities` (places: all
    /// but AP).
    struct Fig {
        key: String,
        change: bool,
        event: Option<&'static str>,
        value: f64,
        lo: f64,
        hi: f64,
        entities: Vec<usize>,
        places: Vec<usize>,
        times: Vec<String>,
        source: &'static str,
        owners: Vec<usize>,
        location: Vec<usize>,
        date: time::Date,
        reading: bool,
        rate: bool,
        prospective: bool,
        /// Its article, when it shares one with another figure; else its own.
        article: Option<usize>,
    }

    const DAY: time::Date = time::macros::date!(2020 - 01 - 05);

    fn fig(source: &'static str, text: &str, entities: &[usize]) -> Fig {
        let found = find_figures(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        let f = &found[0];
        Fig {
            key: f.unit.key(),
            change: f.change,
            event: f.event,
            value: f.value,
            lo: f.lo,
            hi: f.hi,
            entities: entities.to_vec(),
            places: entities.iter().copied().filter(|&e| e != AP).collect(),
            times: f.times.clone(),
            source,
            owners: Vec::new(),
            location: Vec::new(),
            date: DAY,
            reading: f.is_reading(),
            rate: f.rate,
            prospective: f.prospective,
            article: None,
        }
    }

    /// The same, reported on `date`.
    fn fig_on(source: &'static str, text: &str, entities: &[usize], date: time::Date) -> Fig {
        Fig {
            date,
            ..fig(source, text, entities)
        }
    }

    fn aligned(figs: &[Fig]) -> Vec<Aligned> {
        aligned_within(figs, 1)
    }

    /// The claims of `figs`, counts compared when reported at most `days` apart.
    fn aligned_within(figs: &[Fig], days: u64) -> Vec<Aligned> {
        let cands: Vec<Candidate> = figs
            .iter()
            .enumerate()
            .map(|(article, f)| Candidate {
                key: &f.key,
                change: f.change,
                event: f.event,
                value: f.value,
                lo: f.lo,
                hi: f.hi,
                entities: &f.entities,
                places: &f.places,
                times: &f.times,
                owners: &f.owners,
                location: &f.location,
                date: f.date,
                reading: f.reading,
                rate: f.rate,
                prospective: f.prospective,
                article: f.article.unwrap_or(article),
                source: f.source,
                tie: None,
            })
            .collect();
        align(&cands, days)
    }

    #[test]
    fn the_us_troops_in_iraq_are_one_claim_with_a_disagreement() {
        let figs = [
            fig(
                "AFP",
                "The aim is to get the US to withdraw some 5,000 US troops present in Iraq.",
                &[US, IRAQ],
            ),
            fig(
                "Reuters",
                "Around 5,000 US troops remain in Iraq.",
                &[US, IRAQ],
            ),
            fig(
                "The Hill",
                "The aim is to force the U.S. to withdraw 5,000 troops.",
                &[US],
            ),
            fig(
                "Fifth",
                "A 2014 bill allowed Washington to station 5,200 troops in Iraq.",
                &[US, IRAQ],
            ),
            // Not the same quantity: a change, a count of people, Iran's troops, troops
            // in Syria.
            fig(
                "AFP",
                "Thousands more US troops were ordered to Iraq.",
                &[US, IRAQ],
            ),
            fig("Reuters", "Some 5,000 people marched in Iraq.", &[IRAQ]),
            fig("Fifth", "Iran has 2,000 troops in Iraq.", &[IRAN, IRAQ]),
            fig(
                "The Hill",
                "The US keeps 900 troops in Syria.",
                &[US, SYRIA],
            ),
        ];
        let claims = aligned(&figs);
        assert_eq!(
            claims,
            [Aligned {
                members: vec![0, 1, 2, 3],
                disagrees: true,
                sources: 4
            }]
        );
    }

    #[test]
    fn readings_of_a_series_are_compared_only_when_they_name_one_time() {
        let next_day = time::macros::date!(2020 - 01 - 06);
        let compared = |a: Fig, b: Fig| !aligned(&[a, b]).is_empty();
        // A rate that names no time, even on the same day: it may have been read at
        // another hour, or of another month.
        let rate = |src, d| fig_on(src, "Inflation in Iraq stood at 3.1%.", &[IRAQ], d);
        let other = |src, d| fig_on(src, "Inflation in Iraq was 2.9%.", &[IRAQ], d);
        assert!(!compared(rate("A", DAY), other("B", DAY)));
        // Both name the month they are of: compared whatever the day of the report.
        assert!(compared(
            fig_on("A", "Inflation in Iraq was 3.1% in December.", &[IRAQ], DAY),
            fig_on(
                "B",
                "Inflation in Iraq hit 2.9% in December.",
                &[IRAQ],
                next_day
            ),
        ));
        // How far a price moved, and an index's level.
        let moved = |src, text| fig_on(src, text, &[US], DAY);
        assert!(!compared(
            moved("A", "US oil closed up $1.26 at the close."),
            moved("B", "US oil closed up $1.50 at the close."),
        ));
        assert!(!compared(
            moved("A", "The US index ended at 11,740 points."),
            moved("B", "The US index ended at 11,488 points."),
        ));
    }

    #[test]
    fn counts_are_compared_when_reported_within_days_apart_or_naming_one_time() {
        let day = |d: u8| time::Date::from_calendar_date(2020, time::Month::January, d).unwrap();
        let compared = |a: Fig, b: Fig, days: u64| {
            let cands: Vec<Fig> = vec![a, b];
            !aligned_within(&cands, days).is_empty()
        };
        let troops = |src, d| fig_on(src, "5,000 US troops remain.", &[US], day(d));
        let more = |src, d| fig_on(src, "5,200 US troops remain.", &[US], day(d));
        assert!(compared(troops("A", 5), more("B", 5), 1));
        assert!(compared(troops("A", 5), more("B", 6), 1));
        assert!(!compared(troops("A", 5), more("B", 7), 1));
        assert!(compared(troops("A", 5), more("B", 12), 7));
        // Both name the year they are of.
        assert!(compared(
            fig_on("A", "5,000 US troops were there in 2014.", &[US], day(5)),
            fig_on("B", "5,200 US troops were there in 2014.", &[US], day(25)),
            1
        ));
    }

    #[test]
    fn things_counted_that_belong_to_different_entities_are_not_compared() {
        const CHINA: usize = 9;
        let owned = |source, text, entities: &[usize], owners: &[usize]| Fig {
            owners: owners.to_vec(),
            ..fig(source, text, entities)
        };
        let claims = aligned(&[
            owned(
                "A",
                "China's 340 million users play games.",
                &[CHINA],
                &[CHINA],
            ),
            owned(
                "B",
                "Users in China will outnumber the 137 million US users.",
                &[CHINA, US],
                &[US],
            ),
        ]);
        assert_eq!(claims, []);
        // One owner named, the other not: compared.
        let claims = aligned(&[
            owned("A", "Some 5,000 US troops are in Iraq.", &[US, IRAQ], &[US]),
            owned("B", "The US has 5,200 troops in Iraq.", &[US, IRAQ], &[]),
        ]);
        assert_eq!(claims.len(), 1);
    }

    #[test]
    fn qualified_values_agree_when_their_ranges_meet() {
        let agree = |a: &str, b: &str| {
            let claims = aligned(&[fig("A", a, &[US]), fig("B", b, &[US])]);
            assert_eq!(claims.len(), 1, "{a} / {b}");
            !claims[0].disagrees
        };
        assert!(agree(
            "Some 5,000 troops stayed.",
            "Around 5,000 troops stayed."
        ));
        assert!(agree(
            "More than 4,000 troops stayed.",
            "5,000 troops stayed."
        ));
        assert!(agree("Around 5,000 troops stayed.", "5,200 troops stayed."));
        assert!(agree("Thousands of troops stayed.", "5,000 troops stayed."));
        assert!(agree("Up to 6,000 troops stayed.", "5,000 troops stayed."));
        assert!(!agree("5,000 troops stayed.", "5,200 troops stayed."));
        assert!(!agree(
            "At least 300 people were killed.",
            "200 people were killed."
        ));
        assert!(!agree(
            "Fewer than 100 troops stayed.",
            "150 troops stayed."
        ));
        // A decimal allows its last digit's rounding.
        assert!(agree(
            "The firm agreed a $5.2bn deal.",
            "The firm agreed a $5.24bn deal."
        ));
        assert!(!agree(
            "The firm agreed a $5.2bn deal.",
            "The firm agreed a $5.4bn deal."
        ));
    }

    #[test]
    fn different_events_counts_and_magnitudes_are_not_compared() {
        // Killed and injured.
        let claims = aligned(&[
            fig("A", "50 people were killed in Iraq.", &[IRAQ]),
            fig("B", "80 people were injured in Iraq.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // Troops and people.
        let claims = aligned(&[
            fig("A", "500 troops left Iraq.", &[IRAQ]),
            fig("B", "700 people left Iraq.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // Different buyers of one maker's planes.
        const AIRBUS: usize = 6;
        const AIR_CHINA: usize = 7;
        const AIR_DECCAN: usize = 8;
        let claims = aligned(&[
            fig(
                "A",
                "Air China ordered 23 Airbus planes.",
                &[AIRBUS, AIR_CHINA],
            ),
            fig(
                "B",
                "Air Deccan ordered 30 Airbus planes.",
                &[AIRBUS, AIR_DECCAN],
            ),
        ]);
        assert_eq!(claims, []);
        // Different times.
        let claims = aligned(&[
            fig("A", "The US created 146,000 jobs in November.", &[US]),
            fig("B", "The US created 337,000 jobs in December.", &[US]),
        ]);
        assert_eq!(claims, []);
        let claims = aligned(&[
            fig("A", "About 9,000 troops were in Iraq in 2014.", &[IRAQ]),
            fig("B", "Some 5,000 troops were in Iraq in 2019.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // A hundredfold apart.
        let claims = aligned(&[
            fig("A", "500 troops left Iraq.", &[IRAQ]),
            fig("B", "60,000 troops left Iraq.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // One outlet twice is no claim.
        let claims = aligned(&[
            fig("A", "500 troops left Iraq.", &[IRAQ]),
            fig("A", "600 troops left Iraq.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // No entity: nothing to say what it is about.
        let claims = aligned(&[
            fig("A", "500 troops left.", &[]),
            fig("B", "600 troops left.", &[]),
        ]);
        assert_eq!(claims, []);
    }

    #[test]
    fn a_rate_and_a_forecast_or_a_need_are_other_quantities_than_a_total_and_an_outcome() {
        // So many a year, and so many in all.
        let claims = aligned(&[
            fig("A", "The plant in Iraq makes 5,000 cars a year.", &[IRAQ]),
            fig("B", "The plant in Iraq has made 7,000 cars.", &[IRAQ]),
        ]);
        assert_eq!(claims, []);
        // What was forecast, and what came about.
        let a = fig(
            "A",
            "Analysts predicted growth of 1.5% in Iraq in 2020.",
            &[IRAQ],
        );
        let b = fig(
            "B",
            "Growth in Iraq was 0.2% in 2020, below expectations.",
            &[IRAQ],
        );
        assert!(a.prospective && !b.prospective);
        assert_eq!(aligned(&[a, b]), []);
        // Two forecasts are compared.
        let claims = aligned(&[
            fig(
                "A",
                "Analysts predicted growth of 1.5% in Iraq in 2020.",
                &[IRAQ],
            ),
            fig(
                "B",
                "Economists expect growth of 2.5% in Iraq in 2020.",
                &[IRAQ],
            ),
        ]);
        assert_eq!(claims.len(), 1);
        assert!(claims[0].disagrees);
    }

    #[test]
    fn an_article_giving_two_values_gives_two_quantities() {
        // The first article's two values are not one quantity reported twice, and the
        // second article's value joins the one it agrees with.
        let mut one = fig("A", "Police in Iraq arrested 51 people.", &[IRAQ]);
        let mut other = fig(
            "A",
            "Police in Iraq and Iran arrested 25 people.",
            &[IRAQ, IRAN],
        );
        one.article = Some(0);
        other.article = Some(0);
        let claims = aligned(&[
            one,
            other,
            fig("B", "Police in Iraq arrested 25 people.", &[IRAQ]),
        ]);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].members, [1, 2]);
        assert!(!claims[0].disagrees);
    }

    #[test]
    fn values_far_apart_are_compared_only_when_about_the_same_entities() {
        const CONSOLE: usize = 6;
        const MAKER: usize = 7;
        // Eight times as many, with a second entity: a part and its whole.
        let claims = aligned(&[
            fig(
                "A",
                "About 130 games are being written for the Console.",
                &[CONSOLE],
            ),
            fig(
                "B",
                "The Maker launched 16 games for the Console.",
                &[CONSOLE, MAKER],
            ),
        ]);
        assert_eq!(claims, []);
        // Twice as many: a disagreement.
        let claims = aligned(&[
            fig(
                "A",
                "About 30 games were launched for the Console.",
                &[CONSOLE],
            ),
            fig(
                "B",
                "The Maker launched 16 games for the Console.",
                &[CONSOLE, MAKER],
            ),
        ]);
        assert_eq!(claims.len(), 1);
        assert!(claims[0].disagrees);
        // Eight times as many, about the same entities: a disagreement.
        let claims = aligned(&[
            fig(
                "A",
                "About 130 games were launched for the Console.",
                &[CONSOLE],
            ),
            fig(
                "B",
                "Only 16 games were launched for the Console.",
                &[CONSOLE],
            ),
        ]);
        assert_eq!(claims.len(), 1);
        assert!(claims[0].disagrees);
    }
}
