//! The search page and the hover cards over mentions in a real browser: headless
//! Chromium, driven over the DevTools protocol, on the example dossier served under a
//! sub-path from a local server.
//!
//! Chromium is required: without it this test fails and says how to install it
//! (`scripts/test` installs it when missing).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

const CHROMIUM: &str = "/usr/bin/chromium";
/// How long any one wait may take.
const WAIT: Duration = Duration::from_secs(10);

fn chromium() -> PathBuf {
    let path = std::env::var_os("DOSSIER_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    assert!(
        path.exists(),
        "the search browser test needs Chromium at {}, which is missing: run `scripts/test`, \
         which installs it, or `apt-get install -y chromium` (or point DOSSIER_CHROMIUM at a \
         Chromium binary)",
        path.display()
    );
    path
}

/// A static file server for `dir` under `prefix` (`/sub`, or `` for the root) on
/// 127.0.0.1, for as long as it lives.
struct Server {
    addr: SocketAddr,
    prefix: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(dir: &Path, prefix: &str) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let dir = dir.to_path_buf();
        let mount = prefix.to_string();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let files = tower_http::services::ServeDir::new(dir);
                let app = if mount.is_empty() {
                    axum::Router::new().fallback_service(files)
                } else {
                    axum::Router::new().nest_service(&mount, files)
                };
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        Server {
            addr,
            prefix: prefix.to_string(),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!(
            "http://{}{}/{}",
            self.addr,
            self.prefix,
            path.trim_start_matches('/')
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Headless Chromium with one page, over the DevTools protocol.
struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                "--window-size=1200,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Reads to the end so that Chromium never blocks on a full pipe.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let Ok(ws_url) = rx.recv_timeout(WAIT) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not open its DevTools port within {WAIT:?}");
        };
        let host = ws_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&host).expect("connect to chromium");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_write_timeout(Some(WAIT)).unwrap();
        let (ws, _) = tungstenite::client(ws_url.as_str(), stream).expect("DevTools handshake");
        let mut browser = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    /// Sends a command (to the page once attached) and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "{method}: no answer in {WAIT:?}");
            let text = match self.ws.read() {
                Ok(Message::Text(t)) => t,
                Ok(_) => continue,
                Err(e) => panic!("{method}: {e}"),
            };
            let reply: Value = serde_json::from_str(text.as_str()).unwrap();
            if reply["id"] != json!(id) {
                continue; // an event
            }
            if let Some(err) = reply.get("error") {
                panic!("{method}: {err}");
            }
            return reply["result"].clone();
        }
    }

    /// Evaluates a JavaScript expression in the page (awaiting a promise) and returns
    /// its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it is truthy; returns its value.
    fn wait_for(&mut self, what: &str, expr: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.eval(expr);
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Loads `url` and waits until the new page is ready.
    fn goto(&mut self, url: &str) {
        self.eval("window.__leaving = true");
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(
            url,
            "!window.__leaving && document.readyState === 'complete'",
        );
    }

    /// Waits until the search page has answered `query`, then returns its results.
    fn results(&mut self, query: &str) -> Vec<Hit> {
        let done = format!(
            "(() => {{ const r = document.getElementById('search-results');
                return r && r.dataset.query === {q} && r.dataset.state !== 'searching'
                    && r.dataset.state; }})()",
            q = json!(query)
        );
        let state = self.wait_for(&format!("results for {query:?}"), &done);
        assert_eq!(state, "done", "search for {query:?} ended in {state}");
        let hits = self.eval(
            "JSON.stringify(Array.from(document.querySelectorAll('#search-results .search-hit')).map(li => ({
                kind: li.querySelector('.search-hit__kind').textContent,
                title: li.querySelector('.search-hit__title').textContent,
                href: li.querySelector('.search-hit__title a').href,
                passage: (li.querySelector('.search-hit__passage') || {}).textContent || '',
                marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
            })))",
        );
        serde_json::from_str::<Vec<Value>>(hits.as_str().unwrap())
            .unwrap()
            .into_iter()
            .map(|h| Hit {
                kind: h["kind"].as_str().unwrap().to_string(),
                title: h["title"].as_str().unwrap().to_string(),
                href: h["href"].as_str().unwrap().to_string(),
                passage: h["passage"].as_str().unwrap().to_string(),
                marks: h["marks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect(),
            })
            .collect()
    }

    /// Types `text` into the search box as a person would (replacing what is there).
    fn type_query(&mut self, text: &str) {
        self.eval("(() => { const i = document.getElementById('search-input'); i.focus(); i.select(); })()");
        self.call("Input.insertText", json!({"text": text}));
    }

    /// Clicks the result link to `href` with real mouse events, scrolled into view at
    /// once (the theme scrolls smoothly, and a click during the scroll would land
    /// beside the link).
    fn click_link(&mut self, href: &str) {
        let rect = self.eval(&format!(
            "(() => {{ const a = Array.from(document.querySelectorAll('#search-results a')).find(a => a.href === {h});
                a.scrollIntoView({{block: 'center', behavior: 'instant'}});
                const r = a.getClientRects()[0];
                return [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2]; }})()",
            h = json!(href)
        ));
        let (x, y) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// After following a link: the page has loaded, the fragment names an element, and
    /// that element's paragraph (or the element) contains `word`.
    fn expect_anchor_with(&mut self, href: &str, word: &str) {
        let (_, hash) = href.split_once('#').expect("a link to an anchor");
        self.wait_for(
            &format!("navigation to {href}"),
            &format!(
                "location.href === {} && document.readyState === 'complete'",
                json!(href)
            ),
        );
        let text = self.eval(&format!(
            "(() => {{ const el = document.getElementById({id});
                if (!el) return null;
                const block = el.closest('p, li, blockquote, h2, h3, h4, figcaption, td') || el;
                return block.textContent; }})()",
            id = json!(hash)
        ));
        let text = text
            .as_str()
            .unwrap_or_else(|| panic!("{href}: no element with id {hash}"));
        assert!(
            text.to_lowercase().contains(&word.to_lowercase()),
            "{href}: the anchored passage does not contain {word:?}: {text}"
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Hit {
    kind: String,
    title: String,
    href: String,
    passage: String,
    marks: Vec<String>,
}

/// The example dossier built into a temporary folder served under `/sub`, and a
/// browser (the folder lives as long as the first value).
fn serve_example() -> (tempfile::TempDir, Server, Browser) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let server = Server::start(&site, "/sub");
    build_into(&common::repo_root(), &site, &server);
    (tmp, server, Browser::launch())
}

/// Builds the dossier at `root` into `site`, for `server`'s address.
fn build_into(root: &Path, site: &Path, server: &Server) {
    let status = Command::cargo_bin("dossier")
        .unwrap()
        .current_dir(root)
        .args(["build", "--output"])
        .arg(site)
        .args(["--base-url", &server.url("/")])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .unwrap();
    assert!(status.success(), "building {} failed", root.display());
}

#[test]
fn search_page_finds_and_links_in_headless_chromium() {
    let started = Instant::now();
    chromium();
    let (_tmp, server, mut b) = serve_example();
    eprintln!("built the example in {:?}", started.elapsed());

    // A name, from the address bar.
    b.goto(&server.url("/search/?q=Soleimani"));
    let hits = b.results("Soleimani");
    let status = b.eval("document.getElementById('search-status').textContent");
    assert!(
        status.as_str().unwrap().contains("results for “Soleimani”"),
        "{status}"
    );
    assert_eq!(hits[0].kind, "Entity", "{hits:#?}");
    assert_eq!(hits[0].title, "Qassem Soleimani");
    assert_eq!(hits[0].href, server.url("/entities/qassem-soleimani/"));
    let articles: Vec<&Hit> = hits.iter().filter(|h| h.kind == "Article").collect();
    assert!(articles.len() >= 4, "{hits:#?}");
    for h in &articles {
        assert!(h.href.starts_with(&server.url("/articles/")), "{h:?}");
        assert!(h.marks.iter().any(|m| m == "Soleimani"), "{h:?}");
    }
    // Follow the first article result that links into the text.
    let target = articles
        .iter()
        .find(|h| h.href.contains('#'))
        .expect("an article result with an anchor")
        .href
        .clone();
    b.click_link(&target);
    b.expect_anchor_with(&target, "Soleimani");

    // A name typed into the box; the address follows the query.
    b.goto(&server.url("/search/"));
    b.type_query("Mahdi");
    let hits = b.results("Mahdi");
    assert_eq!(hits[0].title, "Adel Abdul Mahdi", "{hits:#?}");
    assert_eq!(hits[0].href, server.url("/entities/adel-abdul-mahdi/"));
    assert!(hits.iter().any(|h| h.title == "Abu Mahdi al-Muhandis"));
    assert!(
        hits.iter()
            .any(|h| h.kind == "Article" && h.marks.iter().any(|m| m == "Mahdi")),
        "{hits:#?}"
    );
    let search = b.eval("location.search");
    assert_eq!(search, "?q=Mahdi");

    // A word from a quotation: the statement is a result of its own, once however
    // many outlets report it, titled by its speaker, and following it lands on the
    // statement in the quote index.
    b.type_query("practically");
    let hits = b.results("practically");
    let statements: Vec<&Hit> = hits.iter().filter(|h| h.kind == "Statement").collect();
    assert_eq!(statements.len(), 1, "{hits:#?}");
    let statement = statements[0];
    assert!(
        statement.passage.contains("on principle and practically"),
        "{statement:?}"
    );
    assert_eq!(statement.marks, ["practically"]);
    assert!(
        statement.href.starts_with(&server.url("/quotes/")) && statement.href.contains("#c-"),
        "{statement:?}"
    );
    let target = statement.href.clone();
    b.click_link(&target);
    b.expect_anchor_with(&target, "practically");

    // A figure several outlets report is a result of its own, leading to its claim.
    b.goto(&server.url("/search/?q=troops%205,200"));
    let hits = b.results("troops 5,200");
    let figure = hits
        .iter()
        .find(|h| h.kind == "Figure")
        .unwrap_or_else(|| panic!("no figure among {hits:#?}"));
    assert_eq!(figure.title, "Troops: United States");
    assert_eq!(figure.href, server.url("/figures/#n-1"));
    assert!(figure.passage.contains("5,200 troops"), "{figure:?}");

    // Several words narrow the results; a prefix finds completions; nonsense finds
    // nothing.
    b.goto(&server.url("/search/?q=sovereignty%20foreign%20ministry"));
    let hits = b.results("sovereignty foreign ministry");
    assert_eq!(hits[0].title, "Iraqi foreign ministry", "{hits:#?}");
    b.type_query("Soleim");
    let hits = b.results("Soleim");
    assert_eq!(hits[0].title, "Qassem Soleimani", "{hits:#?}");

    // A submitted query matches whole words: "iraq" marks Iraq, never "Iraqi", which
    // the same word typed (a prefix while typing) does find. A submitted word that
    // is no whole word falls back to its completions.
    b.goto(&server.url("/search/?q=iraq"));
    let hits = b.results("iraq");
    let marks: Vec<String> = hits
        .iter()
        .flat_map(|h| h.marks.iter().map(|m| m.to_lowercase()))
        .collect();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m == "iraq"),
        "{marks:?}"
    );
    b.type_query("Iraq");
    let hits = b.results("Iraq");
    assert!(
        hits.iter()
            .flat_map(|h| &h.marks)
            .any(|m| m.to_lowercase() == "iraqi"),
        "{hits:#?}"
    );
    b.goto(&server.url("/search/?q=Soleim"));
    let hits = b.results("Soleim");
    assert_eq!(hits[0].title, "Qassem Soleimani", "{hits:#?}");
    b.type_query("zzzqqq");
    assert!(b.results("zzzqqq").is_empty());
    let status = b.eval("document.getElementById('search-status').textContent");
    assert_eq!(status, "No results for “zzzqqq”.");

    // The client finds words exactly as the indexer does.
    let samples = [
        "Iraq’s parliament, al-Mahdi's 5,000 troops",
        "Café Ñandú STRASSE Straße Ærø",
        "Cafe\u{301} d'Estaing l'Irak ΟΔΥΣΣΕΥΣ قاسم سليماني 東京",
        "don't 's x'y",
    ];
    let js = b.eval(&format!(
        "JSON.stringify({}.map(s => dossierSearch.tokenize(s)))",
        json!(samples)
    ));
    let js: Vec<Vec<String>> = serde_json::from_str(js.as_str().unwrap()).unwrap();
    let rust: Vec<Vec<String>> = samples
        .iter()
        .map(|s| dossier::render::search::tokenize(s))
        .collect();
    assert_eq!(js, rust);

    let stats = b.eval("JSON.stringify(dossierSearch.stats)");
    eprintln!(
        "search browser test: {stats} loaded by the last page, {:?} in all",
        started.elapsed()
    );
}

/// What a reader sees hovering and focusing mentions: the card of the right entity,
/// next to its link and inside the window, its data fetched once from the shared card
/// file, and gone on Escape.
#[test]
fn hover_cards_show_the_entity_of_a_mention_in_headless_chromium() {
    chromium();
    let (_tmp, server, mut b) = serve_example();
    b.goto(&server.url("/articles/iran-mourns-soleimani/"));
    assert_eq!(
        b.eval("document.querySelector('[data-card-files]').dataset.cardFiles"),
        "1"
    );
    assert_eq!(
        b.eval("document.getElementById('entity-hovercard') === null || document.getElementById('entity-hovercard').hidden"),
        true
    );

    // The mouse over the first mention of Soleimani.
    let card = hover_card(
        &mut b,
        "Array.from(document.querySelectorAll('a.mention')).find(a => a.textContent === 'Qassem Soleimani')",
    );
    assert_eq!(card["kind"], "Person", "{card}");
    assert_eq!(card["name"], "Qassem Soleimani", "{card}");
    assert!(
        card["summary"]
            .as_str()
            .unwrap()
            .starts_with("Iranian general"),
        "{card}"
    );
    assert_eq!(card["meta"], "In 5 articles", "{card}");

    // Another entity, by keyboard: its card, from the file already fetched.
    b.eval(
        "Array.from(document.querySelectorAll('a.mention')).find(a => a.getAttribute('href').endsWith('/entities/mashhad/')).focus()",
    );
    b.wait_for(
        "the card of Mashhad",
        "(() => { const c = document.getElementById('entity-hovercard');
            return !c.hidden && c.querySelector('.hovercard__name').textContent === 'Mashhad'; })()",
    );
    assert_eq!(
        b.eval("document.activeElement.getAttribute('aria-describedby')"),
        "entity-hovercard"
    );
    let fetched = b.eval(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/cards/'))",
    );
    assert_eq!(fetched, json!(["/sub/data/cards/0.json"]));

    // The script finds an entity's card file as the build places it.
    let ids = ["iraq", "qassem-soleimani", "café-ñandú", "東京", "a", ""];
    for count in [1, 8, 1000] {
        let js = b.eval(&format!(
            "JSON.stringify({}.map(id => dossier.cardFile(id, {count})))",
            json!(ids)
        ));
        let js: Vec<usize> = serde_json::from_str(js.as_str().unwrap()).unwrap();
        let rust: Vec<usize> = ids
            .iter()
            .map(|id| dossier::render::cards::file_of(id, count))
            .collect();
        assert_eq!(js, rust, "{count} files");
    }

    escape_hides_the_card(&mut b);
}

/// Moves the mouse over the element `element` (a script expression) evaluates to, waits
/// for the hover card, checks it stands just below or above the link and inside the
/// window, and returns what it says: kind, name, summary, meta and reports.
fn hover_card(b: &mut Browser, element: &str) -> Value {
    let at = b.eval(&format!(
        "(() => {{ const a = {element};
            a.scrollIntoView({{block: 'center', behavior: 'instant'}});
            const r = a.getClientRects()[0];
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
    ));
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    b.call(
        "Input.dispatchMouseEvent",
        json!({"type": "mouseMoved", "x": x, "y": y}),
    );
    b.wait_for(
        "the hover card",
        "(() => { const c = document.getElementById('entity-hovercard'); return c && !c.hidden; })()",
    );
    let card = b.eval(&format!(
        "(() => {{ const c = document.getElementById('entity-hovercard'); const r = c.getBoundingClientRect();
            const l = ({element}).getClientRects()[0];
            const text = s => {{ const e = c.querySelector(s); return e ? e.textContent : null; }};
            return {{link_top: l.top, link_bottom: l.bottom, kind: text('.hovercard__kind'),
                name: text('.hovercard__name'), summary: text('.hovercard__summary'),
                meta: text('.hovercard__meta'),
                reports: Array.from(c.querySelectorAll('.hovercard__reports li')).map(li => li.textContent),
                top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                width: innerWidth, height: innerHeight}}; }})()"
    ));
    let f = |k: &str| card[k].as_f64().unwrap();
    let (link_top, link_bottom) = (f("link_top"), f("link_bottom"));
    // Just below the link (or just above it), and inside the window.
    let below = f("top") >= link_bottom && f("top") - link_bottom <= 16.0;
    let above = f("bottom") <= link_top && link_top - f("bottom") <= 16.0;
    assert!(below || above, "{card}");
    assert!(f("left") >= 0.0 && f("right") <= f("width"), "{card}");
    assert!(f("top") >= 0.0 && f("bottom") <= f("height"), "{card}");
    card
}

/// Escape hides the hover card.
fn escape_hides_the_card(b: &mut Browser) {
    b.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyDown", "key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27}),
    );
    b.wait_for(
        "the card to hide",
        "document.getElementById('entity-hovercard').hidden",
    );
}

/// A figure other outlets report differently: its ≠ link shows a card with the other
/// outlets' values, next to the link and inside the window, without a second box from
/// the link's title.
#[test]
fn a_figure_reported_differently_shows_the_other_values_in_headless_chromium() {
    chromium();
    let (_tmp, server, mut b) = serve_example();
    b.goto(&server.url("/articles/iraqi-parliament-votes-expel-us-troops/"));
    assert_eq!(
        b.eval("document.querySelectorAll('a.figure-link').length"),
        1
    );
    // The title is for browsers without scripts.
    assert_eq!(
        b.eval("document.querySelector('a.figure-link').hasAttribute('title')"),
        false
    );
    let card = hover_card(&mut b, "document.querySelector('a.figure-link')");
    assert_eq!(card["kind"], "Reported differently", "{card}");
    assert_eq!(card["name"], "5,200 troops", "{card}");
    assert_eq!(
        card["reports"],
        json!([
            "AFP: some 5,000 US troops",
            "Reuters: Around 5,000 US troops",
            "The Hill: 5,000 troops, according to The Associated Press"
        ]),
        "{card}"
    );
    escape_hides_the_card(&mut b);
}

/// An editor's note reads its label once ("Editor's note"), another kind of note says
/// it is an editor's note before its own label ("Editor's note · Tip").
#[test]
fn an_editors_note_shows_its_label_once_in_headless_chromium() {
    chromium();
    let f = common::Fixture::new();
    f.write(
        "content/articles/notes.md",
        &common::article("Notes", "> [!NOTE]\n> Read this.\n\n> [!TIP]\n> And this."),
    );
    let (_tmp, server, mut b) = serve_fixture(&f);
    b.goto(&server.url("/articles/notes/"));
    let labels = b.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('.editor-note-title')).map(t =>
            [getComputedStyle(t, '::before').content, t.innerText]))",
    );
    let labels: Vec<(String, String)> = serde_json::from_str(labels.as_str().unwrap()).unwrap();
    assert_eq!(
        labels,
        [
            ("none".to_string(), "EDITOR’S NOTE".to_string()),
            ("\"Editor’s note · \"".to_string(), "TIP".to_string()),
        ]
    );
}

/// A misspelt name finds the entity and the articles that spell it right, ranked as an
/// exact search would rank them and marked where the right spelling stands; the status
/// says which spelling was used. A hidden alias is found without being shown, and words
/// that are not names, short words and numbers are never respelled.
#[test]
fn a_misspelt_name_finds_its_entity_in_headless_chromium() {
    chromium();
    let f = common::Fixture::new();
    f.write(
        "content/entities.toml",
        r#"
[[entity]]
name = "Mikhail Khodorkovsky"
kind = "person"
hidden_aliases = ["Khordokovsky"]
description = "Former head of Yukos."

[[entity]]
name = "Yukos"
kind = "organisation"

[[entity]]
name = "Iraq"
kind = "place"
"#,
    );
    f.write(
        "content/articles/first.md",
        &common::article(
            "Trial resumes",
            "Mikhail Khodorkovsky returned to court on Monday.\n\nYukos faces bankruptcy.",
        ),
    );
    f.write(
        "content/articles/second.md",
        &common::article(
            "Shares fall",
            "Khodorkovsky's company Yukos lost 4,000 jobs in Iraq.",
        ),
    );
    f.write(
        "content/articles/third.md",
        &common::article("A misspelling", "Khordokovsky spoke to reporters."),
    );
    let (_tmp, server, mut b) = serve_fixture(&f);
    let status = |b: &mut Browser| {
        b.eval("document.getElementById('search-status').textContent")
            .as_str()
            .unwrap()
            .to_string()
    };

    // Submitted: one letter off, then two (a swap and a doubled letter).
    for query in ["Khodorkovski", "Khodorkovksyy"] {
        b.goto(&server.url(&format!("/search/?q={query}")));
        let hits = b.results(query);
        assert_eq!(hits[0].kind, "Entity", "{hits:#?}");
        assert_eq!(hits[0].title, "Mikhail Khodorkovsky", "{hits:#?}");
        let mut articles: Vec<&str> = hits
            .iter()
            .filter(|h| h.kind == "Article")
            .map(|h| h.title.as_str())
            .collect();
        articles.sort();
        assert_eq!(articles, ["Shares fall", "Trial resumes"], "{hits:#?}");
        assert!(
            hits.iter()
                .filter(|h| h.kind == "Article")
                .all(|h| h.marks.iter().any(|m| m == "Khodorkovsky")),
            "{hits:#?}"
        );
        assert_eq!(
            status(&mut b),
            format!("3 results for “{query}”, spelled “khodorkovsky” in the dossier.")
        );
    }

    // Typed: a misspelt beginning is compared with the names' beginnings.
    b.type_query("Khodorkovks");
    let hits = b.results("Khodorkovks");
    assert_eq!(hits[0].title, "Mikhail Khodorkovsky", "{hits:#?}");

    // Two words, one misspelt: only what has both.
    b.goto(&server.url("/search/?q=Yukso%20bankruptcy"));
    let hits = b.results("Yukso bankruptcy");
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Trial resumes"], "{hits:#?}");

    // The hidden alias finds the entity (and the article that uses it) without the
    // result ever showing it.
    b.goto(&server.url("/search/?q=Khordokovsky"));
    let hits = b.results("Khordokovsky");
    assert_eq!(hits[0].title, "Mikhail Khodorkovsky", "{hits:#?}");
    assert_eq!(hits[0].passage, "Former head of Yukos.", "{hits:#?}");
    assert!(hits.iter().any(|h| h.title == "A misspelling"), "{hits:#?}");
    assert_eq!(status(&mut b), "2 results for “Khordokovsky”.");

    // Not respelled: a word that is no name's, a four-letter word (Irak is one letter
    // from Iraq and from Iran alike).
    for query in ["bankrupcty", "Irak"] {
        b.goto(&server.url(&format!("/search/?q={query}")));
        assert!(b.results(query).is_empty(), "{query}");
        assert_eq!(status(&mut b), format!("No results for “{query}”."));
    }
}

/// Builds `f` into a temporary folder served under `/sub`, and opens a browser.
fn serve_fixture(f: &common::Fixture) -> (tempfile::TempDir, Server, Browser) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let server = Server::start(&site, "/sub");
    build_into(f.root(), &site, &server);
    (tmp, server, Browser::launch())
}

/// A short article's text starts right under its byline, on a desktop (however tall
/// the sidebar beside it: "Who and what", "Quoted", the legend) and on a phone.
#[test]
fn a_short_article_starts_under_its_byline_in_headless_chromium() {
    chromium();
    let f = common::Fixture::new();
    let (_tmp, server, mut b) = serve_fixture(&f);
    for (width, height, mobile) in [(1280, 900, false), (390, 844, true)] {
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        b.goto(&server.url("/articles/second/"));
        let m = b.eval(
            "(() => { const by = document.querySelector('.byline').getBoundingClientRect();
                const body = document.querySelector('.article-body').firstElementChild.getBoundingClientRect();
                const aside = document.querySelector('.article-aside').getBoundingClientRect();
                return {byline: by.bottom, text: body.top, aside: aside.height, aside_left: aside.left,
                    body_right: body.right, body: body.height, width: innerWidth}; })()",
        );
        let f = |k: &str| m[k].as_f64().unwrap();
        assert_eq!(f("width"), f64::from(width), "{m}");
        if !mobile {
            // The sidebar is beside the text and the taller: the case where the gap
            // opened.
            assert!(f("aside_left") >= f("body_right"), "{m}");
            assert!(
                f("aside") > f("text") - f("byline") + f("body") + 200.0,
                "{m}"
            );
        }
        assert!(
            f("text") - f("byline") <= 64.0,
            "{width} px wide: {} px between the byline and the text: {m}",
            f("text") - f("byline")
        );
    }
}

/// The timeline chart's labels are drawn at least at the size of the page's small
/// text (its figure caption's) on a desktop and on a phone: the chart scrolls sideways
/// rather than shrinking.
#[test]
fn the_timeline_stays_readable_on_a_desktop_and_a_phone_in_headless_chromium() {
    chromium();
    let f = common::Fixture::new();
    for n in 0..40 {
        f.write(
            &format!("content/articles/day-{n:02}.md"),
            &format!(
                "+++\ntitle = \"Day {n}\"\ndate = 2020-{:02}-{:02}\nsource = \"Reuters\"\n+++\nIraq's parliament met.\n",
                n / 28 + 2,
                n % 28 + 1
            ),
        );
    }
    let (_tmp, server, mut b) = serve_fixture(&f);
    for (width, height, mobile) in [(1280, 900, false), (390, 844, true)] {
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        b.goto(&server.url("/timeline/"));
        let m = b.eval(
            "(() => { const svg = document.querySelector('.graphic--chart svg.chart');
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const size = el => parseFloat(getComputedStyle(el).fontSize) * scale;
                const labels = Array.from(svg.querySelectorAll('text')).map(size);
                const small = parseFloat(getComputedStyle(document.querySelector('.graphic figcaption')).fontSize);
                const figure = document.querySelector('.graphic--chart');
                return {smallest: Math.min(...labels), small: small, columns: svg.querySelectorAll('.chart-column').length,
                    scrolls: figure.scrollWidth > figure.clientWidth, page: document.documentElement.scrollWidth, width: innerWidth}; })()",
        );
        let f = |k: &str| m[k].as_f64().unwrap();
        assert!(f("columns") >= 40.0, "{m}");
        // The 41 days to jump to take one scrolling row on a phone, and the chart
        // starts on the first screen.
        let days = b.eval(
            "(() => { const nav = document.querySelector('.jump--days'); const ul = nav.querySelector('ul');
                return {height: nav.getBoundingClientRect().height, scrolls: ul.scrollWidth > ul.clientWidth,
                    chart: document.querySelector('.graphic--chart').getBoundingClientRect().top}; })()",
        );
        if mobile {
            assert!(days["height"].as_f64().unwrap() <= 64.0, "{days}");
            assert_eq!(days["scrolls"], true, "{days}");
            assert!(
                days["chart"].as_f64().unwrap() < f64::from(height),
                "{days}"
            );
        }
        assert!(f("smallest") >= f("small") - 0.01, "{width} px wide: {m}");
        // The figure scrolls; the page itself does not.
        assert_eq!(m["scrolls"], true, "{m}");
        assert!(f("page") <= f("width"), "{width} px wide: {m}");
    }
}

/// The quote index's coverage grid keeps its labels in view on a desktop and on a
/// phone; on a phone, too narrow for every outlet, it scrolls sideways and says so.
#[test]
fn the_coverage_grid_shows_its_labels_and_on_a_phone_says_it_scrolls() {
    chromium();
    let (_tmp, server, mut b) = serve_example();
    for (width, height, mobile) in [(1280, 900, false), (390, 844, true)] {
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        b.goto(&server.url("/quotes/"));
        let m = b.eval(
            "(() => { const fig = document.querySelector('.graphic--coverage'); const r = fig.getBoundingClientRect();
                const labels = Array.from(fig.querySelectorAll('.coverage-label')).map(t => t.getBoundingClientRect());
                return {left: r.left, right: r.right, scrolls: fig.scrollWidth > fig.clientWidth,
                    labels: labels.length, inside: labels.every(b => b.left >= r.left && b.right <= r.right && b.height >= 12),
                    hint: getComputedStyle(fig.querySelector('figcaption'), '::after').content,
                    page: document.documentElement.scrollWidth, width: innerWidth}; })()",
        );
        assert!(
            m["labels"].as_u64().unwrap() > 0 && m["inside"] == true,
            "{width} px wide: {m}"
        );
        if mobile {
            assert_eq!(m["scrolls"], true, "{m}");
            assert_eq!(
                m["hint"], "\" Scroll sideways to see every outlet.\"",
                "{m}"
            );
        } else {
            // Wide enough: the whole grid, and nothing to say about scrolling.
            assert_eq!(m["scrolls"], false, "{m}");
            assert_eq!(m["hint"], "none", "{m}");
        }
        assert!(
            m["page"].as_f64() <= m["width"].as_f64(),
            "{width} px wide: {m}"
        );
    }
}

/// Bytes and requests a query costs on a site already built at the root of a base URL:
/// `DOSSIER_SEARCH_SITE=/tmp/site DOSSIER_SEARCH_QUERIES='a|b c' cargo test --release
/// --test search_browser -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement on a site built outside the test"]
fn search_cost_per_query() {
    let Some(site) = std::env::var_os("DOSSIER_SEARCH_SITE") else {
        panic!("set DOSSIER_SEARCH_SITE to a site built with a base URL at the root");
    };
    let queries = std::env::var("DOSSIER_SEARCH_QUERIES").unwrap_or_else(|_| "the".into());
    let server = Server::start(Path::new(&site), "");
    let mut b = Browser::launch();
    for query in queries.split('|') {
        // A fresh page each time: nothing loaded yet, as for a first visit.
        b.goto(&server.url(&format!("/search/?q={}", query.replace(' ', "%20"))));
        let start = Instant::now();
        let hits = b.results(query).len();
        let took = start.elapsed();
        let stats = b.eval("JSON.stringify(dossierSearch.stats)");
        let stats: Value = serde_json::from_str(stats.as_str().unwrap()).unwrap();
        // What a host that compresses its responses sends: each file gzipped.
        let gzipped: usize = stats["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                let path = u.as_str().unwrap().split('?').next().unwrap();
                let path = path
                    .trim_start_matches(&server.url(""))
                    .trim_start_matches('/');
                let bytes = std::fs::read(Path::new(&site).join(path)).unwrap();
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
                gz.write_all(&bytes).unwrap();
                gz.finish().unwrap().len()
            })
            .sum();
        let status = b.eval("document.getElementById('search-status').textContent");
        eprintln!(
            "{query:?}: {status} {} requests, {} KB, {} KB gzipped; shown {hits}, {took:?} after load",
            stats["requests"],
            stats["bytes"].as_u64().unwrap() / 1024,
            gzipped / 1024
        );
    }
}
