//! The command line: one argument struct per subcommand, each with its `run`. The
//! arguments are turned into the library's own options (`BuildOptions`, `ServeOptions`,
//! `ImportOptions`), so no library module depends on this one.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::build::{BuildOptions, build, build_in_memory, load_config};
use crate::content::import::ImportOptions;
use crate::error::Diagnostics;
use crate::text::count;

/// A static site generator for annotated news dossiers.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory (default `public/`).
    Build(BuildArgs),
    /// Validate the content without writing a site.
    Check(CheckArgs),
    /// Serve the site locally; with --watch, rebuild and reload pages as files change.
    Serve(ServeArgs),
    /// Write a starter dossier into DIR, or into the current folder when it is empty.
    Init(InitArgs),
    /// Bring articles in (saved web pages, plain text, links) as Markdown with front matter.
    Import(ImportArgs),
    /// Work with the entity registry.
    Entities(EntitiesArgs),
}

/// Options shared by commands that read a dossier.
#[derive(Debug, Clone, Args)]
pub struct RootArgs {
    /// The dossier's folder (the one with `dossier.toml`).
    #[arg(long, short = 'r', value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Where to write the site (default: `build.output_dir`, `public`).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Override `base_url` for this build (e.g. `https://user.github.io/repo/`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Build even if the output folder holds files dossier did not write; they stay
    /// where they are, in the new site, and later builds keep them too.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Also check every internal link and anchor of a built site in DIR.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Rebuild when a file changes and reload the open pages.
    #[arg(long, short = 'w')]
    pub watch: bool,
    /// The address to listen on (default: `serve.host`, `127.0.0.1`).
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// The port to listen on (default: `serve.port`, 1111); 0 picks a free one.
    #[arg(long, short = 'p', value_name = "PORT")]
    pub port: Option<u16>,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Watch by reading the files every second instead of waiting for file system
    /// events (for network or container file systems); implies --watch.
    #[arg(long)]
    pub poll: bool,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it may exist, but must not hold a dossier yet); without
    /// it, the current folder, which must be empty
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// What to import: saved web pages (.html, also gzipped), plain-text files
    /// (paragraphs separated by blank lines, a title line, perhaps a date marker: the
    /// word `date` and a YYYY-MM-DD date), folders of them, and http(s) addresses to
    /// fetch.
    #[arg(required = true, value_name = "FILE|DIR|URL")]
    pub inputs: Vec<String>,
    /// The title (one input only); paragraphs equal to it are dropped as the repeated
    /// headline.
    #[arg(long)]
    pub title: Option<String>,
    /// The date (YYYY-MM-DD), over what the input says.
    #[arg(long)]
    pub date: Option<String>,
    /// An author, over what the page says (repeat the flag for several).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// The outlet, over what the page says (default "Unknown").
    #[arg(long)]
    pub source: Option<String>,
    /// The original article's address (one input only), over the page's own.
    #[arg(long)]
    pub url: Option<String>,
    /// Replace an article imported before (the same address, or the same title, date and
    /// outlet).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(subcommand)]
    pub command: EntitiesCommand,
}

#[derive(Debug, Subcommand)]
pub enum EntitiesCommand {
    /// Print names the registry lacks, as TOML ready to paste into `content/entities.toml`.
    Suggest(RootArgs),
}

/// Prints diagnostics (warnings) to stderr.
fn print_warnings(d: &Diagnostics) {
    for w in d.sorted() {
        eprintln!("{w}");
    }
}

impl Cli {
    /// Runs the command; the error, if any, is printed by `main`.
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Build(args) => run_build(args),
            Command::Check(args) => run_check(args),
            Command::Serve(args) => crate::serve::serve(crate::serve::ServeOptions {
                root: args.root.root,
                host: args.host,
                port: args.port,
                watch: args.watch,
                open: args.open,
                poll: args.poll,
                drafts: args.drafts,
            }),
            Command::Init(args) => match &args.dir {
                Some(dir) => crate::init::init(dir),
                None => crate::init::init_here(),
            },
            Command::Import(args) => crate::content::import::run(&ImportOptions {
                root: args.root.root,
                inputs: args.inputs,
                title: args.title,
                date: args.date,
                authors: args.authors,
                source: args.source,
                url: args.url,
                force: args.force,
            }),
            Command::Entities(EntitiesArgs {
                command: EntitiesCommand::Suggest(root),
            }) => run_suggest(root),
        }
    }
}

fn run_build(args: BuildArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: args.root.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        strict: args.strict,
        force: args.force,
    };
    let spinner = std::io::stderr().is_terminal().then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message("building");
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    });
    let result = build(&opts);
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    let report = result?;
    print_warnings(&report.warnings);
    let shown = crate::output::shown(&report.output).display().to_string();
    eprintln!(
        "built {}: {}, {} in {} ({:.1} MB) in {} ms{}",
        count(report.articles, "article", "articles"),
        count(report.written.pages, "page", "pages"),
        count(report.written.files, "file", "files"),
        shown,
        report.written.bytes as f64 / 1e6,
        report.elapsed.as_millis(),
        match report.warnings.warning_count() {
            0 => String::new(),
            1 => ", 1 warning".to_string(),
            n => format!(", {n} warnings"),
        }
    );
    if report.unattributed > 0 {
        eprintln!(
            "note: {} no speaker; `dossier check` lists {}, with how to name the speaker",
            match report.unattributed {
                1 => "1 quote has".to_string(),
                n => format!("{n} quotes have"),
            },
            if report.unattributed == 1 {
                "it"
            } else {
                "them"
            }
        );
    }
    Ok(())
}

fn run_check(args: CheckArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: args.root.root,
        drafts: args.drafts,
        strict: args.strict,
        ..Default::default()
    };
    let built = build_in_memory(&opts)?;
    // Quotes nobody is named as saying: a warning each, located at the quote.
    let mut warnings = built.warnings.clone();
    for a in &built.dossier.articles {
        for q in &a.body.quotes {
            if !q.lacks_speaker() {
                continue;
            }
            let words: Vec<&str> = q.text.split_whitespace().take(4).collect();
            let shown: String = if q.text.chars().count() > 60 {
                format!(
                    "{}…",
                    q.text.chars().take(59).collect::<String>().trim_end()
                )
            } else {
                q.text.clone()
            };
            warnings.push(
                crate::error::Diagnostic::warning(
                    &a.article.file,
                    q.line,
                    format!("quote with no speaker: “{shown}”"),
                )
                .with_help(format!(
                    "add [[quotes]] with text = \"{}\" and speaker = \"<an entity id, or who said it>\" to the front matter; speaker = \"\" marks it as said by nobody named",
                    words.join(" ").replace('"', "\\\"")
                )),
            );
        }
    }
    if args.strict {
        warnings.escalate_warnings();
    }
    if warnings.has_errors() {
        return Err(warnings.into_failure().into());
    }
    print_warnings(&warnings);
    let mut broken = 0;
    if let Some(site) = &args.site {
        if !site.join("index.html").is_file() {
            anyhow::bail!(
                "`{}` holds no built site (no `index.html`); run `dossier build` first",
                site.display()
            );
        }
        // Check against the base the site was built for (it may come from --base-url).
        let base = match crate::linkcheck::site_base_url(site) {
            Some(base) => base,
            None => load_config(&opts)?.base_url,
        };
        for mut problem in crate::linkcheck::check_site(site, &base)? {
            problem.page = site.join(&problem.page).display().to_string();
            eprintln!("{problem}");
            broken += 1;
        }
    }
    if broken > 0 {
        anyhow::bail!(
            "{broken} broken link{} in the site",
            if broken == 1 { "" } else { "s" }
        );
    }
    eprintln!(
        "checked {}{}: no errors{}",
        count(built.dossier.articles.len(), "article", "articles"),
        if args.site.is_some() {
            " and the site's links"
        } else {
            ""
        },
        match warnings.warning_count() {
            0 => String::new(),
            n => format!(", {n} warning{}", if n == 1 { "" } else { "s" }),
        }
    );
    Ok(())
}

fn run_suggest(root: RootArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: root.root,
        ..Default::default()
    };
    let config = load_config(&opts)?;
    let (content, diags) = crate::content::load_content(&config, true);
    if diags.has_errors() {
        return Err(diags.into_failure().into());
    }
    let (dossier, _, _) = crate::build::analyse(config, content);
    let inputs: Vec<crate::annotate::suggest::SuggestInput> = dossier
        .articles
        .iter()
        .map(|a| crate::annotate::suggest::SuggestInput {
            slug: &a.article.slug,
            source: &a.article.source,
            blocks: &a.body.blocks,
        })
        .collect();
    print!(
        "{}",
        crate::annotate::suggest::suggest_entities(&inputs, &dossier.registry)
    );
    Ok(())
}
