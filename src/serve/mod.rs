//! `dossier serve [--watch]`: the site from memory over HTTP, rebuilt as files change.
//!
//! Three parts run side by side, in the shape of mdBook's server:
//! - the HTTP server ([`http`]) on a small tokio runtime, answering from the current
//!   [`site::Site`] snapshot and holding the live-reload websockets;
//! - the file watcher ([`watch`]), whose debounced batches of changes go down a
//!   channel;
//! - one plain thread that owns the in-memory [`incremental::Model`], applies each
//!   batch, publishes the new snapshot and only then tells the browsers to reload.
//!
//! Nothing is written to the output folder: the site lives in memory (as Zola's does),
//! with `base_url` set to the server's own address so that every link works locally.
//! A rebuild that fails leaves the last good site in place and shows its errors in
//! the terminal and over the page. Ctrl-C closes the websockets and stops the server.

pub mod http;
pub mod incremental;
pub mod site;
pub mod watch;

use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::build::BuildOptions;
use crate::config::{CONFIG_FILE, Config, ServeConfig};
use crate::error::Diagnostics;
use incremental::{Model, RebuildReport};
use site::{ReloadMessage, Site, SiteState};
use watch::{Changes, Watcher};

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// `--host`, overriding `serve.host`.
    pub host: Option<String>,
    /// `--port`, overriding `serve.port`; a port given here is never replaced by another.
    pub port: Option<u16>,
    pub watch: bool,
    pub open: bool,
    /// Use notify's polling watcher (for network and container file systems).
    pub poll: bool,
    pub drafts: bool,
}

/// Runs the server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(&opts.root)
        .with_context(|| format!("cannot open the dossier folder `{}`", opts.root.display()))?;
    if !root.join(CONFIG_FILE).is_file() {
        bail!(
            "`{}` has no `{CONFIG_FILE}`: run dossier serve in a dossier's folder, pass --root DIR, or create one with `dossier init DIR`",
            root.display()
        );
    }
    // A broken configuration still serves (the error shows in the page), with defaults.
    let config = Config::load(&root).ok();
    let serve_config = config.as_ref().map(|c| c.serve.clone()).unwrap_or_default();
    let output = config
        .as_ref()
        .map(Config::output_dir)
        .unwrap_or_else(|| root.join("public"));
    let host = opts.host.clone().unwrap_or(serve_config.host.clone());
    let listener = bind(&host, opts.port, &serve_config)?;
    let addr = listener.local_addr()?;
    let url_host = match addr.ip() {
        ip if ip.is_unspecified() => "localhost".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{url_host}:{}/", addr.port());
    let build_opts = BuildOptions {
        root: root.clone(),
        base_url: Some(base_url.clone()),
        drafts: opts.drafts,
        ..Default::default()
    };

    let state = SiteState::default();
    let start = Instant::now();
    let model = match Model::load(&build_opts) {
        Ok((model, report)) => {
            print_warnings(&report.warnings);
            state.publish(model.site());
            eprintln!(
                "built {} articles: {} pages in {} ms",
                model.dossier().articles.len(),
                report.rendered,
                start.elapsed().as_millis()
            );
            Some(model)
        }
        Err(diags) => {
            print_errors(&diags);
            state.publish(Site {
                errors: Site::shown_errors(diags.sorted()),
                ..Default::default()
            });
            eprintln!("the first build failed; serving the errors until the files are fixed");
            None
        }
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("failed to start the async runtime")?;
    let result = runtime.block_on(async {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        if opts.watch || opts.poll {
            let (tx, rx) = mpsc::channel();
            let watcher = Watcher::start(&root, &output, opts.poll, tx)?;
            let state = state.clone();
            std::thread::Builder::new()
                .name("dossier rebuild".into())
                .spawn(move || rebuild_loop(rx, model, &build_opts, &state, watcher))
                .context("failed to start the rebuild thread")?;
        }
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = http::router(http::AppState {
            site: state.clone(),
            shutdown: stop_rx.clone(),
        });
        eprintln!(
            "Web server is available at {base_url}{} (Ctrl-C to stop)",
            if opts.watch || opts.poll {
                ", watching for changes"
            } else {
                ""
            }
        );
        if opts.open {
            open_browser(&base_url);
        }
        let mut stop = stop_rx.clone();
        let server = tokio::spawn(
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .into_future(),
        );
        tokio::signal::ctrl_c()
            .await
            .context("cannot listen for Ctrl-C")?;
        eprintln!("stopping the server");
        let _ = stop_tx.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        anyhow::Ok(())
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

/// Binds the listening socket. A port from the configuration that is taken is
/// replaced by the next free one (and the user is told); a port given with `--port`
/// is not, and the error names both ways to choose another.
fn bind(host: &str, port: Option<u16>, config: &ServeConfig) -> anyhow::Result<TcpListener> {
    let explicit = port.is_some();
    let port = port.unwrap_or(config.port);
    match TcpListener::bind((host, port)) {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            if !explicit && port != 0 {
                for next in port.saturating_add(1)..=port.saturating_add(20) {
                    if let Ok(l) = TcpListener::bind((host, next)) {
                        eprintln!(
                            "port {port} is in use, so serving on port {next} instead (choose one with --port or `serve.port` in {CONFIG_FILE})"
                        );
                        return Ok(l);
                    }
                }
            }
            bail!(
                "port {port} on {host} is already in use: pass another with --port, or change `serve.port` in {CONFIG_FILE}"
            )
        }
        Err(e) => Err(e).with_context(|| {
            format!(
                "cannot listen on {host}:{port} (check --host and `serve.host` in {CONFIG_FILE})"
            )
        }),
    }
}

/// Applies batches of changes, one at a time, until the watcher goes away.
fn rebuild_loop(
    rx: mpsc::Receiver<Changes>,
    mut model: Option<Model>,
    opts: &BuildOptions,
    state: &SiteState,
    mut watcher: Watcher,
) {
    while let Ok(mut changes) = rx.recv() {
        while let Ok(more) = rx.try_recv() {
            changes.merge(more);
        }
        watcher.watch_new_dirs();
        let start = Instant::now();
        let what = changes.describe();
        let full = changes.full || model.as_ref().is_none_or(Model::needs_full_rebuild);
        let (report, errors) = if full {
            match Model::load(opts) {
                Ok((m, report)) => {
                    state.publish(m.site());
                    model = Some(m);
                    (report, Diagnostics::new())
                }
                Err(diags) => {
                    match &mut model {
                        Some(m) => {
                            m.full_rebuild_failed(&diags);
                            state.publish(m.site());
                        }
                        None => state.publish(Site {
                            errors: Site::shown_errors(diags.sorted()),
                            ..Default::default()
                        }),
                    }
                    (RebuildReport::default(), diags)
                }
            }
        } else {
            let m = model.as_mut().expect("checked above");
            let report = m.rebuild(&changes);
            state.publish(m.site());
            (report, m.errors())
        };
        print_warnings(&report.warnings);
        if errors.has_errors() {
            state.notify(ReloadMessage::Errors {
                errors: Site::shown_errors(errors.sorted()),
            });
            print_errors(&errors);
            eprintln!(
                "rebuild after {what} failed (after {} ms); still serving the last good site",
                start.elapsed().as_millis()
            );
            continue;
        }
        if changes.css_only() {
            state.notify(ReloadMessage::Css {
                paths: changes
                    .statics
                    .iter()
                    .map(|p| format!("/{}", p.display()).replace('\\', "/"))
                    .collect(),
            });
        } else {
            state.notify(ReloadMessage::Reload);
        }
        eprintln!(
            "rebuilt after {what} changed: {} pages rendered, {} static files, {} removed; reload sent in {} ms",
            report.rendered,
            report.statics,
            report.removed,
            start.elapsed().as_millis()
        );
    }
}

fn print_warnings(d: &Diagnostics) {
    for w in d.sorted() {
        if !w.is_error() {
            eprintln!("{w}");
        }
    }
}

fn print_errors(d: &Diagnostics) {
    for e in d.sorted() {
        if e.is_error() {
            eprintln!("{e}");
        }
    }
}

/// Opens the site in the default browser, if there is one to open.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(command)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: cannot open a browser ({command}: {e}); open {url} yourself");
    }
}
