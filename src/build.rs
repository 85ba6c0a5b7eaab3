//! The whole pipeline, from a dossier folder to a written site.
//!
//! `load -> analyse -> link -> render -> write`, each stage a function of the previous
//! stage's value. Content errors from every stage are collected into one report; only a
//! build without errors reaches the disk.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::analyse::AnalysedArticle;
use crate::analyse::Analyser;
use crate::config::Config;
use crate::content::{Content, load_content};
use crate::error::{ContentErrors, Diagnostic, Diagnostics};
use crate::link::Dossier;
use crate::output::{OutputFolder, Staging, WriteReport, check_output_dir, static_files};
use crate::render::theme::Theme;
use crate::render::{OutputFile, render_site, render_site_to};
use crate::timings::Timer;

/// What `dossier build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Build even if the output folder holds files dossier did not write (they are kept).
    pub force: bool,
}

/// A site built in memory.
pub struct Built {
    pub dossier: Dossier,
    pub files: Vec<OutputFile>,
    /// Warnings (the build succeeded despite them).
    pub warnings: Diagnostics,
}

/// The result of a build that was written to disk.
pub struct BuildReport {
    pub output: PathBuf,
    pub written: WriteReport,
    pub articles: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
    /// Quotations no speaker was found for ([`crate::analyse::body::Quote::lacks_speaker`]).
    pub unattributed: usize,
}

/// Reads `dossier.toml` and applies the command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config, ContentErrors> {
    let fail = |d: Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds.into_failure()
    };
    let mut config = Config::load(&opts.root).map_err(fail)?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|msg| {
            fail(
                Diagnostic::error("--base-url", 0, msg)
                    .with_help("pass a URL such as `https://user.github.io/repo/`"),
            )
        })?;
    }
    if let Some(out) = &opts.output {
        config.build.output_dir = if out.is_absolute() {
            out.clone()
        } else {
            std::env::current_dir().unwrap_or_default().join(out)
        };
    }
    if opts.drafts {
        config.build.drafts = true;
    }
    Ok(config)
}

/// Analyses every article in parallel and links the results. The [`Analyser`] made for
/// it comes back too, for `serve` to analyse edited articles with.
pub fn analyse(config: Config, content: Content) -> (Dossier, Analyser, Diagnostics) {
    let t = Timer::start();
    let mut diags = Diagnostics::new();
    let slugs: HashSet<String> = content.articles.iter().map(|a| a.slug.clone()).collect();
    let analyser = Analyser::new(&content.registry, slugs, crate::render::ids::is_theme_id);
    let analysed: Vec<AnalysedArticle> = content
        .articles
        .into_par_iter()
        .map(|article| analyser.article(article, &config, &content.registry))
        .collect();
    t.lap("analyse bodies");
    for a in &analysed {
        diags.extend(a.body.diagnostics.iter().cloned());
    }
    let (intro_html, descriptions, found) =
        analyser.intro_and_descriptions(&content.intro, &config, &content.registry);
    diags.extend(found);
    t.lap("descriptions");
    let dossier = Dossier::link(
        config,
        content.registry,
        analysed,
        content.intro,
        intro_html,
        descriptions,
    );
    t.lap("link");
    (dossier, analyser, diags)
}

/// Loads, analyses and renders the dossier without writing anything.
pub fn build_in_memory(opts: &BuildOptions) -> Result<Built, ContentErrors> {
    let (dossier, theme, diags) = prepare(load_config(opts)?, opts.strict)?;
    let fail_with = |errors: Vec<Diagnostic>| {
        let mut d = diags.clone();
        d.extend(errors);
        d.into_failure()
    };
    let mut files = render_site(&dossier, &theme).map_err(fail_with)?;
    let generated: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let statics = static_files(&dossier.config.root, &generated).map_err(fail_with)?;
    files.extend(statics);
    Ok(Built {
        dossier,
        files,
        warnings: diags,
    })
}

/// Loads and analyses the dossier of an already loaded configuration, and loads its
/// theme: everything that can fail on content before a page is rendered.
fn prepare(config: Config, strict: bool) -> Result<(Dossier, Theme, Diagnostics), ContentErrors> {
    let t = Timer::start();
    let (content, mut diags) = load_content(&config, config.build.drafts);
    diags.extend(config.warnings());
    t.lap("load");
    let theme = Theme::load(&config);
    if let Err(errors) = &theme {
        diags.extend(errors.iter().cloned());
    }
    if diags.has_errors() {
        return Err(diags.into_failure());
    }
    let (dossier, _, analysis) = analyse(config, content);
    t.lap("analyse+link");
    diags.extend(analysis.iter().cloned());
    if strict {
        diags.escalate_warnings();
    }
    if diags.has_errors() {
        return Err(diags.into_failure());
    }
    Ok((dossier, theme.expect("checked above"), diags))
}

/// Builds the dossier and writes it to its output directory. Pages are written as they
/// are rendered, into a fresh directory that replaces the output only once the whole
/// site is there. The output is locked for the whole build, and checked for files
/// dossier did not write before anything is rendered.
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let config = load_config(opts)?;
    let output = config.output_dir();
    check_output_dir(&config.root, &output).map_err(ContentErrors::from)?;
    let t = Timer::start();
    let folder = OutputFolder::open(&output, opts.force)?;
    t.lap("output folder");
    let (dossier, theme, mut diags) = prepare(config, opts.strict)?;
    let fail_with = |errors: Vec<Diagnostic>| {
        let mut d = diags.clone();
        d.extend(errors);
        d.into_failure()
    };
    let t = Timer::start();
    let staging = Staging::new(folder)?;
    let paths = render_site_to(&dossier, &theme, &staging).map_err(fail_with)?;
    let generated: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let statics = static_files(&dossier.config.root, &generated).map_err(fail_with)?;
    diags.extend(missing_images(&dossier, &generated, &statics));
    for f in statics {
        staging.write(&f);
    }
    t.lap("render+write");
    let written = staging.commit()?;
    t.lap("swap");
    Ok(BuildReport {
        output,
        written,
        articles: dossier.articles.len(),
        elapsed: start.elapsed(),
        warnings: diags,
        unattributed: dossier
            .articles
            .iter()
            .flat_map(|a| &a.body.quotes)
            .filter(|q| q.lacks_speaker())
            .count(),
    })
}

/// A warning for each image an article shows from the site that the site will not
/// have: neither a static file nor a page.
fn missing_images(
    dossier: &Dossier,
    generated: &HashSet<&str>,
    statics: &[crate::render::OutputFile],
) -> Vec<Diagnostic> {
    let statics: HashSet<&str> = statics.iter().map(|f| f.path.as_str()).collect();
    dossier
        .articles
        .iter()
        .flat_map(|a| {
            a.body
                .images
                .iter()
                .map(move |(path, line)| (a, path, *line))
        })
        .filter(|(_, path, _)| {
            !statics.contains(path.as_str()) && !generated.contains(path.as_str())
        })
        .map(|(a, path, line)| {
            Diagnostic::warning(
                &a.article.file,
                line,
                format!(
                    "the image `/{path}` is not in `static/`, so the built site will not have it"
                ),
            )
            .with_help(format!(
                "put the file at `static/{path}`, or correct the address"
            ))
        })
        .collect()
}
