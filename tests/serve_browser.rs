//! Live reload in a real browser: headless Chromium, driven over the DevTools protocol.
//!
//! Serves a fixture dossier with `--watch`, opens an article, edits the file on disk
//! and waits for the new text to appear with no action in the page; breaks the front
//! matter and waits for the error overlay; fixes it and waits for the page to come back
//! without the overlay. The page is only ever read (`document.body.innerText`), never
//! clicked or reloaded by the test. Every wait is bounded.
//!
//! Needs `/usr/bin/chromium` (`apt-get install -y chromium`); without it the test fails
//! and says so: it never passes without having run.

mod common;
mod serve_support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Fixture, article};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serve_support::{Server, wait_until};

const CHROMIUM: &str = "/usr/bin/chromium";

fn launch(profile: &Path) -> Browser {
    let chromium = std::env::var_os("DOSSIER_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    assert!(
        chromium.exists(),
        "the browser test needs Chromium at {}, which is missing: run `scripts/test`, which \
         installs it, or `apt-get install -y chromium` (or point DOSSIER_CHROMIUM at a \
         Chromium binary)",
        chromium.display()
    );
    let options = LaunchOptions {
        path: Some(chromium),
        headless: true,
        sandbox: false,
        enable_gpu: false,
        user_data_dir: Some(profile.to_path_buf()),
        idle_browser_timeout: Duration::from_secs(120),
        args: vec![
            OsStr::new("--disable-gpu"),
            OsStr::new("--no-first-run"),
            OsStr::new("--disable-background-networking"),
            OsStr::new("--disable-component-update"),
            OsStr::new("--disable-sync"),
            OsStr::new("--disable-quic"),
        ],
        ..LaunchOptions::default()
    };
    Browser::new(options).expect("start headless Chromium")
}

/// The page's visible text, or "" while it is between two documents.
fn body_text(tab: &Tab) -> String {
    tab.evaluate("document.body ? document.body.innerText : ''", false)
        .ok()
        .and_then(|r| r.value)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The overlay's text, or "" when there is none.
fn overlay_text(tab: &Tab) -> String {
    tab.evaluate(
        "(function(){var o=document.getElementById('dossier-error-overlay');return o?o.innerText:'';})()",
        false,
    )
    .ok()
    .and_then(|r| r.value)
    .and_then(|v| v.as_str().map(str::to_string))
    .unwrap_or_default()
}

#[test]
fn the_page_follows_edits_and_errors_by_itself() {
    let f = Fixture::new();
    let mut server = Server::start(f.root(), &["--watch"]);
    let profile = tempfile::tempdir().unwrap();
    let browser = launch(profile.path());
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(30));
    tab.navigate_to(&server.url("/articles/second/"))
        .and_then(|t| t.wait_until_navigated())
        .expect("open the article");
    assert!(body_text(&tab).contains("Adel Abdul Mahdi spoke in Iraq."));
    // Let the live-reload socket connect before editing.
    wait_until(
        Duration::from_secs(10),
        "the page's socket connects",
        || {
            tab.evaluate("performance.now() > 300", false)
                .ok()
                .and_then(|r| r.value)
                .is_some_and(|v| v == serde_json::json!(true))
        },
    );
    std::thread::sleep(Duration::from_millis(300));

    // 1. Edit the article: the open page shows the new text by itself.
    f.write(
        "content/articles/second.md",
        &article(
            "Second",
            "Adel Abdul Mahdi spoke in Iraq. The browser sees this sentence.",
        ),
    );
    wait_until(
        Duration::from_secs(30),
        "the edited text appears in the page",
        || body_text(&tab).contains("The browser sees this sentence."),
    );

    // 2. Break the front matter: the last good page stays, with the error overlay.
    f.write(
        "content/articles/second.md",
        "+++\ntitle = \"Second\"\ndate = 2020-01-05\nsource = Reuters\n+++\nBroken.\n",
    );
    wait_until(Duration::from_secs(30), "the error overlay appears", || {
        overlay_text(&tab).contains("content/articles/second.md:4")
    });
    assert!(body_text(&tab).contains("The browser sees this sentence."));
    assert!(!body_text(&tab).contains("Broken."));

    // 3. Fix it: the overlay goes, the fixed text is there.
    f.write(
        "content/articles/second.md",
        &article("Second", "Adel Abdul Mahdi spoke again, fixed."),
    );
    wait_until(
        Duration::from_secs(30),
        "the fixed page replaces the overlay",
        || body_text(&tab).contains("spoke again, fixed.") && overlay_text(&tab).is_empty(),
    );
    server.wait_for_log("rebuilt after", Duration::from_secs(5));
    drop(tab);
    drop(browser);
}

#[test]
fn the_page_reconnects_and_reloads_after_a_restart() {
    let f = Fixture::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Server::start_on(f.root(), port, &["--watch"]);
    let profile = tempfile::tempdir().unwrap();
    let browser = launch(profile.path());
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(30));
    tab.navigate_to(&server.url("/articles/second/"))
        .and_then(|t| t.wait_until_navigated())
        .expect("open the article");
    assert!(body_text(&tab).contains("Adel Abdul Mahdi spoke in Iraq."));
    std::thread::sleep(Duration::from_millis(600));

    // Stop the server (Ctrl-C), change the article while it is down, start it again on
    // the same port: the page reconnects by itself and reloads.
    assert!(server.interrupt().success());
    f.write(
        "content/articles/second.md",
        &article("Second", "Written while the server was down."),
    );
    let _again = Server::start_on(f.root(), port, &["--watch"]);
    wait_until(
        Duration::from_secs(30),
        "the page reloads from the restarted server",
        || body_text(&tab).contains("Written while the server was down."),
    );
}
