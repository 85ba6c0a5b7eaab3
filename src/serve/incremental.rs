//! The dossier kept in memory between rebuilds, and the rebuild that touches only what
//! a change affects.
//!
//! [`Model`] holds what `dossier build` computes and throws away: the configuration,
//! the theme, the [`Analyser`] the build made (the registry's names indexed, the article
//! slugs), every analysed article and the
//! linked [`Dossier`], plus every output file with a fingerprint of the inputs it was
//! rendered from.
//!
//! A rebuild works in three steps:
//! 1. **Update the model.** An edited article is re-read and re-analysed alone (and the
//!    articles that link to an article that appeared or vanished, since their
//!    `article:` links change); a template change reloads the theme; `dossier.toml`, the
//!    registry or a folder of articles reload everything.
//! 2. **Re-link.** [`Dossier::link`] runs again over the articles, moved out of the old
//!    dossier and back into the new one, so nothing is copied. A prose edit, one that
//!    leaves everything the linker reads as it was (`link_key`: the article's place in
//!    the order, its outlet, its mentions and quotes), skips this step: the edited
//!    article just replaces the old one in place.
//! 3. **Re-render what changed.** Every page gets a fingerprint: a hash of the parts of
//!    the model its template context is built from (for an article page: its own
//!    analysis, its neighbours' summaries, the counts of the entities it mentions, the
//!    clusters of its quotes; for an entity page: the mentions of it in each article,
//!    its quotes, its related entities and their own co-mentions, which its graph draws;
//!    and so on, following `render::plan_page`).
//!    Only pages whose fingerprint changed are rendered again. Anything that every page
//!    shows (the site's counts in the footer, the theme) is in every fingerprint, so a
//!    change to it re-renders everything.
//!
//! Per-article facts (a hash of its summary, of its mentions of each entity, of its
//! quotes) are computed once per analysis, which keeps fingerprinting 12,000 pages to
//! ~15 ms at 10,000 articles. After a prose edit that also left the article's summary
//! alone, only the pages that show its text (its own, its entities', its outlet's) are
//! fingerprinted, against the site-wide parts kept from the last full pass.
//!
//! The data files (JSON export, feed, sitemap) show everything, and at 10,000 articles
//! take longer to make than all of the above: they are made when first requested after
//! a change ([`Model::ensure_data`]), so a request never sees an old one. The test `incremental_equals_full_build` checks the whole scheme:
//! after each of a series of edits, the site in memory is byte for byte the site a full
//! build of the same files gives.
//!
//! A file that fails (bad front matter, an unknown `entity:` link) keeps its last good
//! version in the model; its errors are kept by file until it loads again, so the site
//! goes on updating for the other files while the overlay shows what is broken.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use crate::analyse::AnalysedArticle;
use crate::analyse::Analyser;
use crate::build::{BuildOptions, analyse, load_config};
use crate::content::article::parse_article;
use crate::content::load::{INDEX_FILE, REGISTRY_FILE, load_intro, read_text};
use crate::content::{Intro, Registry, load_content};
use crate::error::{Diagnostic, Diagnostics};
use crate::link::Dossier;
use crate::output::static_files;
use crate::render::key::{ArticleFacts, Fingerprints, FpParts};
use crate::render::theme::Theme;
use crate::render::{
    PageId, data_files, page_ids, page_path, pages_with_text_of, render_pages, timeline_month_pages,
};
use crate::serve::site::Site;
use crate::serve::watch::Changes;

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct RebuildReport {
    /// Pages and data files rendered again (their inputs changed).
    pub rendered: usize,
    /// Static files added or changed.
    pub statics: usize,
    /// Files that no longer exist in the site.
    pub removed: usize,
    /// Warnings of the files that were loaded again.
    pub warnings: Diagnostics,
    /// How long each step took, for `DOSSIER_SERVE_TIMINGS=1`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl RebuildReport {
    /// Runs `f`, recording how long it took as `step`.
    pub fn time<T>(&mut self, step: &'static str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let out = f();
        self.timings.push((step, start.elapsed()));
        out
    }

    /// The step timings as `analyse 3 ms, link 5 ms, ...`.
    pub fn describe_timings(&self) -> String {
        self.timings
            .iter()
            .map(|(s, d)| format!("{s} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The in-memory dossier of `dossier serve`.
pub struct Model {
    dossier: Dossier,
    theme: Theme,
    theme_generation: u64,
    analyser: Analyser,
    /// Article file (relative to the root) -> slug, for the articles in the dossier.
    files: HashMap<PathBuf, String>,
    facts: HashMap<String, ArticleFacts>,
    next_version: u64,
    /// Every file of the site, by path relative to the site root.
    output: HashMap<Arc<str>, Bytes>,
    /// The fingerprint each rendered page was made from.
    fingerprints: HashMap<Arc<str>, u64>,
    /// The data files' paths, and the fingerprint of what they show now and when
    /// they were made.
    data_paths: Vec<Arc<str>>,
    data_fp: u64,
    data_made_from: Option<u64>,
    statics: BTreeMap<String, Bytes>,
    /// The errors of the files that do not load now, by file.
    errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// A full rebuild failed: the next change of any kind tries it again.
    needs_full: bool,
    /// Articles replaced without a new link in this rebuild, whether their summary
    /// (what lists of articles show) stayed the same, and whether the periods of their
    /// dated events did (what places them in the timeline's months).
    in_place: Vec<(String, bool, bool)>,
    /// The site-wide parts of the fingerprints, as of the last link.
    fp_parts: Option<FpParts>,
}

impl Model {
    /// Loads, analyses and renders the whole dossier. On failure, every diagnostic.
    pub fn load(opts: &BuildOptions) -> Result<(Model, RebuildReport), Diagnostics> {
        let config = load_config(opts).map_err(|e| e.0)?;
        let (content, mut diags) = load_content(&config, config.build.drafts);
        let theme = match Theme::load(&config) {
            Ok(t) => Some(t),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        };
        if diags.has_errors() {
            return Err(diags);
        }
        let files: HashMap<PathBuf, String> = content
            .articles
            .iter()
            .map(|a| (a.file.clone(), a.slug.clone()))
            .collect();
        let (dossier, analyser, analysis) = analyse(config, content);
        diags.extend(analysis.iter().cloned());
        if diags.has_errors() {
            return Err(diags);
        }
        let facts: HashMap<String, ArticleFacts> = dossier
            .articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| (a.article.slug.clone(), ArticleFacts::of(a, i as u64)))
            .collect();
        let mut model = Model {
            next_version: dossier.articles.len() as u64,
            dossier,
            theme: theme.expect("checked above"),
            theme_generation: 0,
            analyser,
            files,
            facts,
            output: HashMap::new(),
            fingerprints: HashMap::new(),
            data_paths: Vec::new(),
            data_fp: 0,
            data_made_from: None,
            statics: BTreeMap::new(),
            errors: BTreeMap::new(),
            needs_full: false,
            in_place: Vec::new(),
            fp_parts: None,
        };
        let mut report = RebuildReport::default();
        model.refresh(&mut report);
        model.ensure_data(&mut report);
        model.reload_statics(&mut report);
        if !model.errors.is_empty() {
            let mut all = diags;
            all.extend(model.errors.into_values().flatten());
            return Err(all);
        }
        report.warnings = diags;
        Ok((model, report))
    }

    /// The linked dossier as it is now.
    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// The errors that keep some file from loading, sorted by file and line.
    pub fn errors(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        d.extend(self.errors.values().flatten().cloned());
        d
    }

    /// A snapshot of the site to serve.
    pub fn site(&self) -> Site {
        let errors = self.errors();
        Site {
            files: self.output.clone(),
            errors: Site::shown_errors(errors.sorted()),
            stale: if self.data_stale() {
                self.data_paths.iter().cloned().collect()
            } else {
                HashSet::new()
            },
        }
    }

    /// Whether the next change must rebuild everything.
    pub fn needs_full_rebuild(&self) -> bool {
        self.needs_full
    }

    /// Records the errors of a failed full rebuild; the model stays as it was.
    pub fn full_rebuild_failed(&mut self, errors: &Diagnostics) {
        self.needs_full = true;
        self.errors.clear();
        for d in errors.iter().filter(|d| d.is_error()) {
            self.errors
                .entry(d.file.clone())
                .or_default()
                .push(d.clone());
        }
    }

    /// Applies a batch of changes that does not need a full rebuild (the caller handles
    /// `changes.full` and [`Model::needs_full_rebuild`] with [`Model::load`]).
    pub fn rebuild(&mut self, changes: &Changes) -> RebuildReport {
        let mut report = RebuildReport::default();
        if changes.templates {
            match Theme::load(&self.dossier.config) {
                Ok(theme) => {
                    self.theme = theme;
                    self.theme_generation += 1;
                    self.errors.retain(|f, _| !f.starts_with("templates"));
                }
                Err(errors) => {
                    self.errors.retain(|f, _| !f.starts_with("templates"));
                    for d in errors {
                        self.errors.entry(d.file.clone()).or_default().push(d);
                    }
                }
            }
        }
        let mut changed_slugs = BTreeSet::new();
        let mut relink = false;
        self.in_place.clear();
        let start = std::time::Instant::now();
        for path in &changes.articles {
            relink |= self.update_article(path, &mut changed_slugs, &mut report);
        }
        report.timings.push(("load and analyse", start.elapsed()));
        if !changed_slugs.is_empty() {
            // `article:` links to an article that appeared or vanished resolve differently now;
            // files that failed may load now.
            let mut again: BTreeSet<PathBuf> = self
                .dossier
                .articles
                .iter()
                .filter(|a| {
                    changed_slugs
                        .iter()
                        .any(|s| a.body.article_links.binary_search(s).is_ok())
                })
                .map(|a| a.article.file.clone())
                .collect();
            again.extend(
                self.errors
                    .keys()
                    .filter(|f| {
                        f.extension().is_some_and(|e| e == "md")
                            && f.starts_with("content/articles")
                    })
                    .cloned(),
            );
            for path in again.difference(&changes.articles) {
                let mut ignored = BTreeSet::new();
                relink |= self.update_article(path, &mut ignored, &mut report);
            }
        }
        if changes.index || !changed_slugs.is_empty() {
            self.reload_intro_and_descriptions(changes.index, &mut report);
            relink = true;
        }
        if relink {
            let start = std::time::Instant::now();
            self.relink();
            report.timings.push(("link", start.elapsed()));
        }
        // Only prose changed (the same links, the same summaries): only the pages that
        // show the edited articles' text can differ, and everything site-wide is as it
        // was. Otherwise every page's fingerprint is computed again.
        let targeted = !relink
            && !changes.templates
            && !changes.index
            && self.fp_parts.is_some()
            && self
                .in_place
                .iter()
                .all(|(_, same_summary, _)| *same_summary);
        if targeted {
            self.refresh_edited(&mut report);
        } else {
            self.refresh(&mut report);
        }
        if !changes.statics.is_empty() || changes.templates {
            self.reload_statics(&mut report);
        }
        report
    }

    /// Re-reads and re-analyses one article file. Returns whether the dossier must be
    /// linked again.
    fn update_article(
        &mut self,
        rel: &Path,
        changed_slugs: &mut BTreeSet<String>,
        report: &mut RebuildReport,
    ) -> bool {
        let root = self.dossier.config.root.clone();
        let previous = self.files.get(rel).cloned();
        self.errors.remove(rel);
        if !root.join(rel).is_file() {
            return match previous {
                Some(slug) => {
                    self.remove_article(rel, &slug);
                    changed_slugs.insert(slug);
                    true
                }
                None => false,
            };
        }
        let fail = |model: &mut Model, errors: Vec<Diagnostic>| {
            model.errors.insert(rel.to_path_buf(), errors);
            false
        };
        let text = match read_text(&root, rel) {
            Ok(t) => t,
            Err(d) => return fail(self, vec![d]),
        };
        let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let slug = crate::text::slug(stem);
        if slug.is_empty() {
            return fail(
                self,
                vec![
                    Diagnostic::error(rel, 0, "cannot make a URL slug from this file name")
                        .with_help("rename the file using letters or digits"),
                ],
            );
        }
        let article = match parse_article(rel, &slug, &text) {
            Ok(a) => a,
            Err(errors) => return fail(self, errors),
        };
        if let Some((other, _)) = self.files.iter().find(|(f, s)| **s == slug && *f != rel) {
            let msg = format!(
                "duplicate slug `{slug}`: `{}` has the same URL",
                other.display()
            );
            return fail(
                self,
                vec![Diagnostic::error(rel, 0, msg).with_help("rename one of the two files")],
            );
        }
        if article.draft && !self.dossier.config.build.drafts {
            return match previous {
                Some(slug) => {
                    self.remove_article(rel, &slug);
                    changed_slugs.insert(slug);
                    true
                }
                None => false,
            };
        }
        let is_new = self.analyser.add_slug(&slug);
        let analysed = self
            .analyser
            .article(article, &self.dossier.config, &self.dossier.registry);
        if analysed.body.diagnostics.iter().any(Diagnostic::is_error) {
            if is_new {
                self.analyser.remove_slug(&slug);
            }
            return fail(self, analysed.body.diagnostics);
        }
        report
            .warnings
            .extend(analysed.body.diagnostics.iter().cloned());
        self.next_version += 1;
        let facts = ArticleFacts::of(&analysed, self.next_version);
        let new_summary = facts.summary;
        let old_summary = self.facts.insert(slug.clone(), facts).map(|f| f.summary);
        let relink = match self
            .dossier
            .articles
            .iter()
            .position(|a| a.article.slug == slug)
        {
            Some(i) => {
                // Prose edits leave everything `Dossier::link` reads as it was: then the
                // links across articles are the same and need not be made again.
                let relink = link_key(&self.dossier.articles[i]) != link_key(&analysed);
                // Without a new link, the links of its figures to their claims are
                // written again into the new text: they read the other articles only.
                let d = &self.dossier;
                let figure_links: Option<Vec<String>> =
                    (!relink && d.claim_of[i].iter().any(Option::is_some)).then(|| {
                        d.claim_of[i]
                            .iter()
                            .enumerate()
                            .map(|(f, c)| {
                                c.map(|c| {
                                    crate::link::claims::figure_link(
                                        &d.articles,
                                        &d.claims[c],
                                        (i, f),
                                        &d.config,
                                    )
                                })
                                .unwrap_or_default()
                            })
                            .collect()
                    });
                let slot = &mut self.dossier.articles[i];
                // Where each event stands on the timeline: its period, and its place
                // among the period's events.
                let same_periods = slot
                    .body
                    .events
                    .iter()
                    .map(|e| (e.event.period, e.event.part, e.event.relation))
                    .eq(analysed
                        .body
                        .events
                        .iter()
                        .map(|e| (e.event.period, e.event.part, e.event.relation)));
                *slot = analysed;
                if !relink {
                    // The same quotes in the same order: their statements are where
                    // they were on the quote index.
                    crate::link::point_quote_links(
                        slot,
                        i,
                        &self.dossier.cluster_of[i],
                        &self.dossier.clusters,
                        &self.dossier.quote_page_starts,
                        &self.dossier.config,
                    );
                    if let Some(links) = &figure_links {
                        slot.body.point_figure_links(|f, _| links[f].clone());
                    }
                    self.in_place.push((
                        slug.clone(),
                        old_summary == Some(new_summary),
                        same_periods,
                    ));
                }
                relink
            }
            None => {
                self.dossier.articles.push(analysed);
                true
            }
        };
        self.files.insert(rel.to_path_buf(), slug.clone());
        if is_new {
            changed_slugs.insert(slug);
        }
        relink
    }

    fn remove_article(&mut self, rel: &Path, slug: &str) {
        self.files.remove(rel);
        self.analyser.remove_slug(slug);
        self.facts.remove(slug);
        self.dossier.articles.retain(|a| a.article.slug != slug);
    }

    /// Renders the home page introduction and the entity descriptions again (their
    /// `article:` links depend on which articles exist); reloads `_index.md` if asked.
    fn reload_intro_and_descriptions(&mut self, reload_intro: bool, report: &mut RebuildReport) {
        let root = self.dossier.config.root.clone();
        let index = PathBuf::from(INDEX_FILE);
        if reload_intro {
            let mut diags = Diagnostics::new();
            let intro = load_intro(&root, &mut diags);
            self.errors.remove(&index);
            if diags.has_errors() {
                self.errors
                    .insert(index.clone(), diags.iter().cloned().collect());
                return;
            }
            self.dossier.intro = intro;
        }
        let (intro_html, descriptions, found) = self.analyser.intro_and_descriptions(
            &self.dossier.intro,
            &self.dossier.config,
            &self.dossier.registry,
        );
        self.errors.remove(&index);
        self.errors.remove(Path::new(REGISTRY_FILE));
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            found.into_iter().partition(Diagnostic::is_error);
        if !errors.is_empty() {
            for d in errors {
                self.errors.entry(d.file.clone()).or_default().push(d);
            }
            return;
        }
        report.warnings.extend(warnings);
        self.dossier.intro_html = intro_html;
        self.dossier.descriptions = descriptions;
    }

    /// Links the articles again, moving them out of the old dossier and into the new.
    fn relink(&mut self) {
        let placeholder = Dossier::link(
            self.dossier.config.clone(),
            Registry::default(),
            Vec::new(),
            Intro::default(),
            String::new(),
            Vec::new(),
        );
        let old = std::mem::replace(&mut self.dossier, placeholder);
        let Dossier {
            config,
            registry,
            articles,
            intro,
            intro_html,
            descriptions,
            ..
        } = old;
        self.dossier = Dossier::link(config, registry, articles, intro, intro_html, descriptions);
    }

    /// Renders the pages whose fingerprint changed, drops the ones that no longer
    /// exist, and notes whether the data files are out of date.
    fn refresh(&mut self, report: &mut RebuildReport) {
        let start = std::time::Instant::now();
        // Edits in place do not link again, and may add or remove a timeline month.
        self.dossier.timeline_months =
            crate::link::timeline::timeline_months(&self.dossier.articles);
        self.dossier.timeline_groups =
            crate::link::timeline::timeline_groups(&self.dossier.articles);
        let parts = FpParts::new(&self.dossier, &self.facts, self.theme_generation);
        let d = &self.dossier;
        let fps = Fingerprints::new(d, &self.facts, &parts);
        let ids = page_ids(d);
        let planned: Vec<(PageId, Arc<str>, u64)> = ids
            .par_iter()
            .map(|&id| (id, Arc::from(page_path(d, id)), fps.page(d, id)))
            .collect();
        let data_fp = fps.data(d);
        report.timings.push(("fingerprint", start.elapsed()));
        self.render_changed(&planned, report);
        self.fp_parts = Some(parts);
        // Data files are made later, when asked for (see `ensure_data`): at 10,000
        // articles the JSON export and the feed take longer than everything above.
        self.data_fp = data_fp;
        let mut live: HashSet<Arc<str>> = planned.into_iter().map(|(_, p, _)| p).collect();
        live.extend(self.data_paths.iter().cloned());
        // Pages that are gone (a deleted article, a source nobody cites any more).
        let gone: Vec<Arc<str>> = self
            .fingerprints
            .keys()
            .filter(|k| !live.contains(*k))
            .cloned()
            .collect();
        for path in gone {
            self.fingerprints.remove(&path);
            self.output.remove(&path);
            report.removed += 1;
        }
    }

    /// After prose edits only: fingerprints the pages that show the edited articles'
    /// text (their own page, the pages of the entities they mention, their outlet's
    /// page) against the site-wide parts kept from the last full pass.
    fn refresh_edited(&mut self, report: &mut RebuildReport) {
        // A month of the timeline gained or lost its page: the pages to plan are no
        // longer those of the last full pass.
        // The dates of the edited articles are as they were (they are in the link
        // key); only new periods of dated events can change the months.
        if self
            .in_place
            .iter()
            .any(|(_, _, same_periods)| !same_periods)
        {
            let start = std::time::Instant::now();
            let months = crate::link::timeline::timeline_months(&self.dossier.articles);
            self.dossier.timeline_groups =
                crate::link::timeline::timeline_groups(&self.dossier.articles);
            report.timings.push(("timeline months", start.elapsed()));
            if months != self.dossier.timeline_months {
                self.refresh(report);
                return;
            }
        }
        let start = std::time::Instant::now();
        let parts = self.fp_parts.take().expect("checked by the caller");
        let d = &self.dossier;
        let mut ids: Vec<PageId> = Vec::new();
        for (slug, _, _) in &self.in_place {
            let Some(i) = d.articles.iter().position(|a| &a.article.slug == slug) else {
                continue;
            };
            ids.extend(pages_with_text_of(
                d,
                i,
                self.facts[slug].mentions.iter().map(|&(e, _)| e),
            ));
            // The figures page quotes the sentence of each figure in a claim.
            if d.claim_of[i].iter().any(Option::is_some) {
                ids.push(PageId::Figures);
            }
            // The timeline lists the events the edited text reports.
            ids.push(PageId::Timeline);
            ids.extend(timeline_month_pages(d));
        }
        ids.sort();
        ids.dedup();
        let fps = Fingerprints::lookup(d, &self.facts, &parts);
        let planned: Vec<(PageId, Arc<str>, u64)> = ids
            .iter()
            .map(|&id| (id, Arc::from(page_path(d, id)), fps.page(d, id)))
            .collect();
        let data_fp = fps.data(d);
        report.timings.push(("fingerprint", start.elapsed()));
        self.render_changed(&planned, report);
        self.data_fp = data_fp;
        self.fp_parts = Some(parts);
    }

    /// Renders the planned pages whose fingerprint differs from the one they were
    /// rendered from.
    fn render_changed(&mut self, planned: &[(PageId, Arc<str>, u64)], report: &mut RebuildReport) {
        let d = &self.dossier;
        let dirty: Vec<PageId> = planned
            .iter()
            .filter(|(_, path, fp)| self.fingerprints.get(path) != Some(fp))
            .map(|(id, _, _)| *id)
            .collect();
        let rendered = report.time("render pages", || render_pages(d, &self.theme, &dirty));
        let by_id: HashMap<PageId, u64> = planned.iter().map(|(id, _, fp)| (*id, *fp)).collect();
        let mut render_errors: Vec<Diagnostic> = Vec::new();
        for (id, result) in dirty.iter().zip(rendered) {
            match result {
                Ok(file) => {
                    let path: Arc<str> = Arc::from(file.path.as_str());
                    self.fingerprints.insert(path.clone(), by_id[id]);
                    self.output.insert(path, Bytes::from(file.bytes));
                    report.rendered += 1;
                }
                Err(diag) => {
                    if !render_errors.contains(&diag) {
                        render_errors.push(diag);
                    }
                }
            }
        }
        // Pages that failed to render keep no fingerprint, so they are tried again.
        self.errors.remove(Path::new("(rendering)"));
        if !render_errors.is_empty() {
            self.errors
                .insert(PathBuf::from("(rendering)"), render_errors);
        }
    }

    /// Whether the data files (JSON export, feed, sitemap...) are older than the pages.
    pub fn data_stale(&self) -> bool {
        self.data_made_from != Some(self.data_fp)
    }

    /// Makes the data files if what they show changed since they were made.
    pub fn ensure_data(&mut self, report: &mut RebuildReport) {
        if !self.data_stale() {
            return;
        }
        let files = report.time("data files", || data_files(&self.dossier));
        for path in self.data_paths.drain(..) {
            self.output.remove(&path);
        }
        for file in files {
            let path: Arc<str> = Arc::from(file.path.as_str());
            self.output.insert(path.clone(), Bytes::from(file.bytes));
            self.data_paths.push(path);
            report.rendered += 1;
        }
        self.data_made_from = Some(self.data_fp);
    }

    /// Reads the static files again (the theme's and the dossier's `static/`).
    fn reload_statics(&mut self, report: &mut RebuildReport) {
        let generated: std::collections::HashSet<&str> = self
            .fingerprints
            .keys()
            .chain(&self.data_paths)
            .map(|k| &**k)
            .collect();
        let root = self.dossier.config.root.clone();
        self.errors.retain(|f, _| !f.starts_with("static"));
        match static_files(&root, &generated) {
            Ok(files) => {
                let new: BTreeMap<String, Bytes> = files
                    .into_iter()
                    .map(|f| (f.path, Bytes::from(f.bytes)))
                    .collect();
                for path in self.statics.keys() {
                    if !new.contains_key(path) {
                        self.output.remove(path.as_str());
                        report.removed += 1;
                    }
                }
                for (path, bytes) in &new {
                    if self.statics.get(path) != Some(bytes) {
                        report.statics += 1;
                    }
                    self.output.insert(Arc::from(path.as_str()), bytes.clone());
                }
                self.statics = new;
            }
            Err(errors) => {
                for d in errors {
                    self.errors.entry(d.file.clone()).or_default().push(d);
                }
            }
        }
    }
}

/// A hash of everything about an article that [`Dossier::link`] reads: its place in
/// the order (date, time, title, slug), its outlet, its mentions (which entity, the
/// words, the paragraph) and its quotes. Two analyses with the same key link the same
/// way, so replacing one with the other needs no new link. The mentions' surrounding
/// sentences, the HTML and the other front matter fields only reach the pages.
fn link_key(a: &AnalysedArticle) -> u64 {
    use std::hash::{Hash, Hasher};
    let art = &a.article;
    let mut h = std::hash::DefaultHasher::new();
    (art.date, &art.time, &art.title, &art.slug, &art.source).hash(&mut h);
    for m in &a.body.mentions {
        (m.entity, &m.surface, m.block, m.explicit, &m.anchor).hash(&mut h);
    }
    for q in &a.body.quotes {
        (&q.anchor, &q.text, q.block, q.line, q.is_term, q.corrected).hash(&mut h);
        q.speaker.as_ref().map(|s| (&s.name, s.entity)).hash(&mut h);
    }
    // Figures: what claims are made of, and what other articles' links to a claim
    // show of them.
    for f in &a.body.figures {
        let found = &f.found;
        (
            &f.anchor,
            &f.entities,
            &f.owners,
            &f.location,
            found.change,
            found.event,
            found.unit.key(),
            &found.times,
            found.is_reading(),
            found.rate,
            found.prospective,
        )
            .hash(&mut h);
        (
            found.value.to_bits(),
            found.lo.to_bits(),
            found.hi.to_bits(),
        )
            .hash(&mut h);
        a.body.blocks[f.block].text[f.at.clone()].hash(&mut h);
        f.authority.as_ref().map(|x| &x.name).hash(&mut h);
        f.tie.hash(&mut h);
    }
    (
        a.body.mentions.len(),
        a.body.quotes.len(),
        a.body.figures.len(),
    )
        .hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::build_in_memory;
    use crate::serve::watch::Change;

    const REGISTRY: &str = r#"
[[entity]]
id = "adel-abdul-mahdi"
name = "Adel Abdul Mahdi"
kind = "person"
aliases = ["Abdul Mahdi"]
description = "Caretaker prime minister of [Iraq](entity:iraq)."

[[entity]]
name = "Iraq"
kind = "place"

[[entity]]
name = "Baghdad"
kind = "place"

[[entity]]
name = "Mike Pompeo"
kind = "person"
"#;

    fn article(title: &str, date: &str, source: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\nsource = \"{source}\"\n+++\n{body}\n")
    }

    struct Dir(tempfile::TempDir);

    impl Dir {
        fn write(&self, rel: &str, text: &str) {
            let p = self.0.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }

    fn fixture() -> Dir {
        let d = Dir(tempfile::tempdir().unwrap());
        d.write(
            "dossier.toml",
            "title = \"T\"\nbase_url = \"https://example.org/sub/\"\n",
        );
        d.write("content/entities.toml", REGISTRY);
        d.write(
            "content/_index.md",
            "Welcome. See [the vote](article:vote).\n",
        );
        d.write(
            "content/articles/vote.md",
            &article("Vote", "2020-01-05", "Reuters", "Iraq's parliament voted.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said."),
        );
        d.write(
            "content/articles/reaction.md",
            &article(
                "Reaction",
                "2020-01-06",
                "AP",
                "Adel Abdul Mahdi spoke in Baghdad.",
            ),
        );
        d.write(
            "content/articles/protest.md",
            &article(
                "Protest",
                "2020-01-04",
                "AP",
                "Crowds gathered in Baghdad. See [the vote](article:vote).",
            ),
        );
        d.write(
            "content/articles/quiet.md",
            &article("Quiet", "2020-01-03", "AFP", "Nothing happened."),
        );
        d
    }

    fn opts(d: &Dir) -> BuildOptions {
        BuildOptions {
            root: d.0.path().to_path_buf(),
            base_url: Some("http://127.0.0.1:1111/".into()),
            ..Default::default()
        }
    }

    /// The site in memory is exactly what a full build of the same files gives.
    fn assert_same_as_full_build(model: &mut Model, opts: &BuildOptions, step: &str) {
        assert!(model.errors().is_empty(), "{step}: {:?}", model.errors());
        model.ensure_data(&mut RebuildReport::default());
        assert!(!model.data_stale());
        assert!(model.site().stale.is_empty());
        let full = build_in_memory(opts).unwrap_or_else(|e| panic!("{step}: {e}"));
        let site = model.site();
        let mut want: Vec<&str> = full.files.iter().map(|f| f.path.as_str()).collect();
        let mut have: Vec<&str> = site.files.keys().map(|k| &**k).collect();
        want.sort();
        have.sort();
        assert_eq!(have, want, "{step}: the same files");
        for f in &full.files {
            let ours = &site.files[f.path.as_str()];
            assert!(
                ours[..] == f.bytes[..],
                "{step}: `{}` differs from a full build:\n--- serve\n{}\n--- build\n{}",
                f.path,
                String::from_utf8_lossy(ours),
                String::from_utf8_lossy(&f.bytes)
            );
        }
    }

    fn changed(paths: &[&str]) -> Changes {
        let mut c = Changes::default();
        for p in paths {
            c.add(Change::Article(PathBuf::from(p)));
        }
        c
    }

    #[test]
    fn incremental_equals_full_build() {
        let d = fixture();
        let opts = opts(&d);
        let (mut model, report) = Model::load(&opts).unwrap();
        let total = report.rendered;
        assert!(!model.data_stale());
        assert_same_as_full_build(&mut model, &opts, "initial");

        type Edit = Box<dyn Fn(&Dir)>;
        let steps: Vec<(&str, Edit, Changes)> = vec![
            (
                "a sentence without names",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/quiet.md",
                        &article(
                            "Quiet",
                            "2020-01-03",
                            "AFP",
                            "Nothing happened.\n\nStill nothing.",
                        ),
                    )
                }),
                changed(&["content/articles/quiet.md"]),
            ),
            (
                "the sentence around a mention (no new link needed)",
                Box::new(|d: &Dir| {
                    d.write("content/articles/vote.md", &article("Vote", "2020-01-05", "Reuters", "Iraq's parliament voted today.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said."))
                }),
                changed(&["content/articles/vote.md"]),
            ),
            (
                "a new mention of an entity nobody mentioned",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/quiet.md",
                        &article(
                            "Quiet",
                            "2020-01-03",
                            "AFP",
                            "Nothing happened, said Mike Pompeo.",
                        ),
                    )
                }),
                changed(&["content/articles/quiet.md"]),
            ),
            (
                "the same quote reported by a second outlet",
                Box::new(|d: &Dir| {
                    d.write("content/articles/reaction.md", &article("Reaction", "2020-01-06", "AP", "Adel Abdul Mahdi spoke in Baghdad.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” he said."))
                }),
                changed(&["content/articles/reaction.md"]),
            ),
            (
                "a title change (neighbours, lists and entity pages show it)",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/protest.md",
                        &article(
                            "Protest renamed",
                            "2020-01-04",
                            "AP",
                            "Crowds gathered in Baghdad. See [the vote](article:vote).",
                        ),
                    )
                }),
                changed(&["content/articles/protest.md"]),
            ),
            (
                "a mention moved from one entity to another, the counts unchanged",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/protest.md",
                        &article(
                            "Protest renamed",
                            "2020-01-04",
                            "AP",
                            "Crowds gathered in Iraq. See [the vote](article:vote).",
                        ),
                    )
                }),
                changed(&["content/articles/protest.md"]),
            ),
            (
                "a speaker corrected in the front matter",
                Box::new(|d: &Dir| {
                    d.write("content/articles/vote.md", "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = \"Reuters\"\n[[quotes]]\ntext = \"Despite\"\nspeaker = \"one lawmaker\"\n+++\nIraq's parliament voted.\n\n“Despite the internal and external difficulties that we might face, it remains best for Iraq,” Abdul Mahdi said.\n")
                }),
                changed(&["content/articles/vote.md"]),
            ),
            (
                "a date that reorders the articles",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/quiet.md",
                        &article(
                            "Quiet",
                            "2020-01-09",
                            "AFP",
                            "Nothing happened, said Mike Pompeo.",
                        ),
                    )
                }),
                changed(&["content/articles/quiet.md"]),
            ),
            (
                "a new source; the old one has no article left",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/quiet.md",
                        &article(
                            "Quiet",
                            "2020-01-09",
                            "BBC",
                            "Nothing happened, said Mike Pompeo.",
                        ),
                    )
                }),
                changed(&["content/articles/quiet.md"]),
            ),
            (
                "a new article linking to another",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/articles/new.md",
                        &article(
                            "New",
                            "2020-01-07",
                            "Reuters",
                            "Back to [the vote](article:vote) in Iraq.",
                        ),
                    )
                }),
                changed(&["content/articles/new.md"]),
            ),
            (
                "an article deleted",
                Box::new(|d: &Dir| {
                    std::fs::remove_file(d.0.path().join("content/articles/reaction.md")).unwrap()
                }),
                changed(&["content/articles/reaction.md"]),
            ),
            (
                "an article becomes a draft",
                Box::new(|d: &Dir| {
                    d.write("content/articles/new.md", "+++\ntitle = \"New\"\ndate = 2020-01-07\nsource = \"Reuters\"\ndraft = true\n+++\nBack.\n")
                }),
                changed(&["content/articles/new.md"]),
            ),
            (
                "the introduction",
                Box::new(|d: &Dir| {
                    d.write(
                        "content/_index.md",
                        "+++\ntitle = \"Home\"\n+++\nHello Baghdad.\n",
                    )
                }),
                {
                    let mut c = Changes::default();
                    c.add(Change::Index);
                    c
                },
            ),
            (
                "a template override",
                Box::new(|d: &Dir| {
                    d.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Lost?</p>{% endblock content %}")
                }),
                {
                    let mut c = Changes::default();
                    c.add(Change::Template);
                    c
                },
            ),
            (
                "a static file",
                Box::new(|d: &Dir| d.write("static/extra.css", "p { color: red }")),
                {
                    let mut c = Changes::default();
                    c.add(Change::Static(PathBuf::from("extra.css")));
                    c
                },
            ),
        ];
        for (step, edit, changes) in steps {
            edit(&d);
            let report = model.rebuild(&changes);
            if model.data_stale() {
                let stale = model.site().stale;
                assert!(stale.contains("data/dossier.json"), "{step}: {stale:?}");
            }
            assert_same_as_full_build(&mut model, &opts, step);
            let relinked = report.timings.iter().any(|(s, _)| *s == "link");
            let article_step = !step.contains("template") && !step.contains("static");
            assert_eq!(
                relinked && article_step,
                article_step && !step.contains("without names") && !step.contains("no new link"),
                "{step}: linked again?"
            );
            if step == "a sentence without names" {
                assert!(
                    report.rendered < total / 2,
                    "{step}: {} of {total} files rendered again",
                    report.rendered
                );
            }
        }
    }

    /// A figure edited in one article changes its claim on every page that shows it:
    /// the figures page and the ≠ links of the other article, as a full build would.
    #[test]
    fn an_edited_figure_updates_its_claim_everywhere() {
        let d = fixture();
        d.write(
            "content/articles/troops-a.md",
            &article(
                "Troops A",
                "2020-01-04",
                "AFP",
                "Some 5,000 troops remain in Iraq.",
            ),
        );
        d.write(
            "content/articles/troops-b.md",
            &article(
                "Troops B",
                "2020-01-04",
                "Reuters",
                "A bill let 5,200 troops stay in Iraq.",
            ),
        );
        let opts = opts(&d);
        let (mut model, _) = Model::load(&opts).unwrap();
        let page = |model: &mut Model, path: &str| {
            String::from_utf8_lossy(&model.site().files[path]).into_owned()
        };
        assert!(page(&mut model, "figures/index.html").contains("5,200"));
        // "some 5,000" and 5,200 agree: a claim, not reported differently.
        assert!(!page(&mut model, "articles/troops-b/index.html").contains("figure-link"));
        for (step, text, disputed) in [
            (
                "a figure that now disagrees",
                "Exactly 5,000 troops remain in Iraq.",
                true,
            ),
            (
                "a prose edit beside it",
                "Exactly 5,000 troops remain in Iraq. Nothing else.",
                true,
            ),
            (
                "a figure that agrees again",
                "Around 5,100 troops remain in Iraq.",
                false,
            ),
        ] {
            d.write(
                "content/articles/troops-a.md",
                &article("Troops A", "2020-01-04", "AFP", text),
            );
            model.rebuild(&changed(&["content/articles/troops-a.md"]));
            assert_same_as_full_build(&mut model, &opts, step);
            let other = page(&mut model, "articles/troops-b/index.html");
            assert_eq!(
                other.contains("class=\"figure-link\""),
                disputed,
                "{step}: {other}"
            );
            let own = page(&mut model, "articles/troops-a/index.html");
            assert_eq!(
                own.contains("class=\"figure-link\""),
                disputed,
                "{step}: {own}"
            );
            let figures = page(&mut model, "figures/index.html");
            assert_eq!(figures.contains("claim--disputed"), disputed, "{step}");
        }
    }

    #[test]
    fn a_broken_file_keeps_its_last_good_version() {
        let d = fixture();
        let opts = opts(&d);
        let (mut model, _) = Model::load(&opts).unwrap();
        let before = model.site().files["articles/vote/index.html"].clone();
        d.write(
            "content/articles/vote.md",
            "+++\ntitle = \"Vote\"\ndate = 2020-01-05\nsource = Reuters\n+++\nBody.\n",
        );
        model.rebuild(&changed(&["content/articles/vote.md"]));
        let errors = model.errors();
        let e = errors.iter().next().expect("an error");
        assert_eq!(e.file, Path::new("content/articles/vote.md"));
        assert_eq!(e.line, 4);
        let site = model.site();
        assert_eq!(site.errors.len(), 1);
        assert_eq!(site.files["articles/vote/index.html"], before);
        // Another file still updates meanwhile, and the error stays.
        d.write(
            "content/articles/quiet.md",
            &article("Quiet", "2020-01-03", "AFP", "Updated meanwhile."),
        );
        model.rebuild(&changed(&["content/articles/quiet.md"]));
        assert!(
            String::from_utf8_lossy(&model.site().files["articles/quiet/index.html"])
                .contains("Updated meanwhile.")
        );
        assert_eq!(model.site().errors.len(), 1);
        // An unknown link target is an error too.
        d.write(
            "content/articles/vote.md",
            &article(
                "Vote",
                "2020-01-05",
                "Reuters",
                "See [this](article:nowhere).",
            ),
        );
        model.rebuild(&changed(&["content/articles/vote.md"]));
        assert!(
            model.errors().iter().any(|e| e.message.contains("nowhere")),
            "{:?}",
            model.errors()
        );
        // Fixed: no errors, and the same site as a full build.
        d.write(
            "content/articles/vote.md",
            &article("Vote", "2020-01-05", "Reuters", "Fixed."),
        );
        model.rebuild(&changed(&["content/articles/vote.md"]));
        assert_same_as_full_build(&mut model, &opts, "fixed");
    }

    #[test]
    fn a_broken_template_is_reported_until_fixed() {
        let d = fixture();
        let opts = opts(&d);
        let (mut model, _) = Model::load(&opts).unwrap();
        let before = model.site().files["404.html"].clone();
        let mut templates = Changes::default();
        templates.add(Change::Template);
        d.write(
            "templates/404.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ oops }\n",
        );
        model.rebuild(&templates);
        let errors = model.errors();
        let e = errors.iter().next().expect("a template error");
        assert_eq!(e.file, Path::new("templates/404.html"), "{e}");
        assert_eq!(
            model.site().files["404.html"],
            before,
            "the last good page stays"
        );
        d.write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<p>Lost.</p>{% endblock content %}",
        );
        model.rebuild(&templates);
        assert_same_as_full_build(&mut model, &opts, "template fixed");
        assert!(String::from_utf8_lossy(&model.site().files["404.html"]).contains("<p>Lost.</p>"));
    }

    #[test]
    fn a_renamed_article_moves() {
        let d = fixture();
        let opts = opts(&d);
        let (mut model, _) = Model::load(&opts).unwrap();
        std::fs::rename(
            d.0.path().join("content/articles/quiet.md"),
            d.0.path().join("content/articles/calm.md"),
        )
        .unwrap();
        model.rebuild(&changed(&[
            "content/articles/quiet.md",
            "content/articles/calm.md",
        ]));
        assert_same_as_full_build(&mut model, &opts, "renamed");
        let site = model.site();
        assert!(site.files.contains_key("articles/calm/index.html"));
        assert!(!site.files.contains_key("articles/quiet/index.html"));
    }

    #[test]
    fn removing_a_linked_article_reports_the_link() {
        let d = fixture();
        let opts = opts(&d);
        let (mut model, _) = Model::load(&opts).unwrap();
        std::fs::remove_file(d.0.path().join("content/articles/vote.md")).unwrap();
        model.rebuild(&changed(&["content/articles/vote.md"]));
        let errors = model.errors();
        let files: Vec<_> = errors
            .iter()
            .map(|e| e.file.display().to_string())
            .collect();
        assert!(
            files.iter().any(|f| f == "content/articles/protest.md"),
            "{files:?}"
        );
        assert!(files.iter().any(|f| f == "content/_index.md"), "{files:?}");
        // Putting it back clears them.
        d.write(
            "content/articles/vote.md",
            &article("Vote", "2020-01-05", "Reuters", "Back."),
        );
        model.rebuild(&changed(&["content/articles/vote.md"]));
        assert_same_as_full_build(&mut model, &opts, "restored");
    }
}
