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
//! A rebuild that fails, or panics ([`crash`]), leaves the last good site in place and
//! shows its errors in the terminal and over the page; watching goes on. Only requests
//! that name this server are answered ([`hosts`]). Ctrl-C closes the websockets and
//! stops the server.

pub mod crash;
pub mod hosts;
pub mod http;
pub mod incremental;
pub mod site;
pub mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::text::count;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::build::BuildOptions;
use crate::config::{CONFIG_FILE, Config, ServeConfig};
use crate::error::{Diagnostic, Diagnostics};
use crash::catch_panic;
use hosts::HostPolicy;
use incremental::{Model, RebuildReport};
use site::{ReloadMessage, Site, SiteState, Work};
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

    let hosts = Arc::new(HostPolicy::new(&host, addr, &base_url));
    let state = SiteState::default();
    let start = Instant::now();
    let model = match load(&build_opts, "(first build)") {
        Ok((model, report)) => {
            print_warnings(&report.warnings);
            state.publish(model.site());
            eprintln!(
                "built {}: {} in {} ms",
                count(model.dossier().articles.len(), "article", "articles"),
                count(report.rendered, "page", "pages"),
                start.elapsed().as_millis()
            );
            Some(model)
        }
        Err(diags) => {
            print_errors(&diags);
            publish_errors(&state, &diags);
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
        let mut work = None;
        if opts.watch || opts.poll {
            let (tx, rx) = mpsc::channel();
            let to_rebuild = tx.clone();
            let watcher = Watcher::start(&root, &output, opts.poll, move |changes| {
                let _ = to_rebuild.send(Work::Changes(changes));
            })?;
            let state = state.clone();
            std::thread::Builder::new()
                .name("dossier rebuild".into())
                .spawn(move || rebuild_loop(rx, model, &build_opts, &state, watcher))
                .context("failed to start the rebuild thread")?;
            work = Some(tx);
        }
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = http::router(http::AppState {
            site: state.clone(),
            shutdown: stop_rx.clone(),
            work,
            hosts,
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

/// Applies batches of changes, one at a time, and makes stale files when asked, until
/// the channel closes.
fn rebuild_loop(
    rx: mpsc::Receiver<Work>,
    mut model: Option<Model>,
    opts: &BuildOptions,
    state: &SiteState,
    mut watcher: Watcher,
) {
    while let Ok(first) = rx.recv() {
        let mut changes = Changes::default();
        let mut waiting = Vec::new();
        for work in std::iter::once(first).chain(rx.try_iter()) {
            match work {
                Work::Changes(c) => changes.merge(c),
                Work::Data(reply) => waiting.push(reply),
            }
        }
        if !changes.is_empty() {
            watcher.refresh(&changes.folders);
            apply_changes(&changes, &mut model, opts, state);
        }
        if !waiting.is_empty() {
            if let Some(m) = model.as_mut().filter(|m| m.data_stale()) {
                let start = Instant::now();
                let mut report = RebuildReport::default();
                match catch_panic("data/", || m.ensure_data(&mut report)) {
                    Ok(()) => {
                        state.publish(m.site());
                        eprintln!(
                            "made the data files (JSON export, feed, sitemap) on request in {} ms",
                            start.elapsed().as_millis()
                        );
                    }
                    Err(crash) => {
                        model = None;
                        let errors = diagnostics([crash]);
                        publish_errors(state, &errors);
                        fail(state, &errors, "making the data files", start);
                    }
                }
            }
            for reply in waiting {
                let _ = reply.send(());
            }
        }
    }
}

/// Rebuilds after one batch of changes, publishes the new site, tells the browsers and
/// prints one line. A rebuild that panics is reported like one that fails, and the
/// model it was changing is dropped: the next change loads everything again.
fn apply_changes(
    changes: &Changes,
    model: &mut Option<Model>,
    opts: &BuildOptions,
    state: &SiteState,
) {
    let start = Instant::now();
    let cpu_start = process_cpu_time();
    let what = changes.describe();
    let rebuilt = catch_panic(&what, || rebuild(changes, &what, model, opts, state));
    let (mut report, errors) = rebuilt.unwrap_or_else(|crash| {
        *model = None;
        let errors = diagnostics([crash]);
        publish_errors(state, &errors);
        (RebuildReport::default(), errors)
    });
    print_warnings(&report.warnings);
    if errors.has_errors() {
        fail(state, &errors, &format!("rebuild after {what}"), start);
        return;
    }
    let message = if changes.css_only() {
        ReloadMessage::Css {
            paths: changes
                .statics
                .iter()
                .map(|p| format!("/{}", p.display()).replace('\\', "/"))
                .collect(),
        }
    } else {
        ReloadMessage::Reload
    };
    report.time("notify", || state.notify(message));
    let elapsed = start.elapsed();
    let cpu = process_cpu_time().saturating_sub(cpu_start);
    eprintln!(
        "rebuilt after {what} changed: {} rendered, {}, {} removed; reload sent in {} ms (CPU {} ms)",
        count(report.rendered, "page", "pages"),
        count(report.statics, "static file", "static files"),
        report.removed,
        elapsed.as_millis(),
        cpu.as_millis()
    );
    if std::env::var_os("DOSSIER_SERVE_TIMINGS").is_some() {
        eprintln!("  timings: {}", report.describe_timings());
    }
}

/// The rebuild itself, all at once or only what `changes` touch. Publishes the new site
/// (or the errors over the last good one) and returns what it did and what failed.
fn rebuild(
    changes: &Changes,
    what: &str,
    model: &mut Option<Model>,
    opts: &BuildOptions,
    state: &SiteState,
) -> (RebuildReport, Diagnostics) {
    let full = changes.full || model.as_ref().is_none_or(Model::needs_full_rebuild);
    if !full {
        let m = model.as_mut().expect("checked above");
        let mut report = m.rebuild(changes);
        let site = report.time("snapshot", || m.site());
        state.publish(site);
        return (report, m.errors());
    }
    match load(opts, what) {
        Ok((m, mut report)) => {
            let site = m.site();
            // A new model removed nothing itself: what is gone is what the last site had.
            let last = state.current();
            report.removed = last
                .files
                .keys()
                .filter(|f| !site.files.contains_key(*f))
                .count();
            state.publish(site);
            *model = Some(m);
            (report, Diagnostics::new())
        }
        Err(diags) => {
            match model {
                Some(m) => {
                    m.full_rebuild_failed(&diags);
                    state.publish(m.site());
                }
                None => publish_errors(state, &diags),
            }
            (RebuildReport::default(), diags)
        }
    }
}

/// Loads, analyses and renders everything; a panic on the way is one more error, about
/// `what`. The model in use, if any, is untouched either way.
fn load(opts: &BuildOptions, what: &str) -> Result<(Model, RebuildReport), Diagnostics> {
    catch_panic(what, || Model::load(opts)).unwrap_or_else(|crash| Err(diagnostics([crash])))
}

/// Shows `errors` over the last good site, whose files stay as they were.
fn publish_errors(state: &SiteState, errors: &Diagnostics) {
    let last = state.current();
    state.publish(Site {
        files: last.files.clone(),
        errors: Site::shown_errors(errors.sorted()),
        stale: HashSet::new(),
    });
}

/// Tells the browsers and the terminal that `what` failed; the last good site stays.
fn fail(state: &SiteState, errors: &Diagnostics, what: &str, start: Instant) {
    state.notify(ReloadMessage::Errors {
        errors: Site::shown_errors(errors.sorted()),
    });
    print_errors(errors);
    eprintln!(
        "{what} failed (after {} ms); still serving the last good site",
        start.elapsed().as_millis()
    );
}

fn diagnostics(items: impl IntoIterator<Item = Diagnostic>) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.extend(items);
    d
}

/// CPU time used by the whole process so far: with other programs busy on the same
/// cores, it tells the work a rebuild did apart from the time it waited for a core.
#[cfg(unix)]
fn process_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn process_cpu_time() -> Duration {
    Duration::ZERO
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

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[test]
    fn a_failed_rebuild_keeps_the_last_good_files() {
        let mut last = Site::default();
        last.files
            .insert(Arc::from("index.html"), Bytes::from_static(b"good"));
        let state = SiteState::new(last);
        let crash = catch_panic("content/articles/end.md", || panic!("overflow")).unwrap_err();
        publish_errors(&state, &diagnostics([crash]));
        let site = state.current();
        assert_eq!(&site.files["index.html"][..], b"good");
        assert_eq!(site.errors.len(), 1);
        assert_eq!(site.errors[0].file, "content/articles/end.md");
        assert!(
            site.errors[0]
                .message
                .starts_with("dossier crashed: overflow")
        );
    }
}
