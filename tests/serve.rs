//! `dossier serve`: the HTTP server, path traversal, live reload over the websocket,
//! errors, ports and Ctrl-C, against the real binary.

mod common;
mod serve_support;

use std::time::Duration;

use common::{Fixture, article};
use futures_util::StreamExt;
use serve_support::{Server, raw_get, wait_until};

const SECRET: &str = "TOP-SECRET-do-not-serve";

/// A dossier in `<tmp>/site`, with a secret file beside it and one inside its root
/// (outside the served site).
fn fixture() -> (Fixture, std::path::PathBuf) {
    let f = Fixture::new();
    f.write("secret.txt", SECRET);
    f.write("site/secret.txt", SECRET);
    let root = f.path("site");
    for rel in [
        "dossier.toml",
        "content/entities.toml",
        "content/_index.md",
        "content/articles/first.md",
        "content/articles/second.md",
    ] {
        let from = f.path(rel);
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(from, to).unwrap();
    }
    std::fs::create_dir_all(root.join("static")).unwrap();
    // The configuration is outside the site too: it must not be served.
    let config = std::fs::read_to_string(root.join("dossier.toml")).unwrap();
    std::fs::write(root.join("dossier.toml"), format!("{config}# {SECRET}\n")).unwrap();
    (f, root)
}

#[test]
fn serves_the_site_from_memory() {
    let (_f, root) = fixture();
    let server = Server::start(&root, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = home.text();
    // Links use the server's own address, not the configured base URL.
    assert!(
        html.contains(&format!("http://127.0.0.1:{}/", server.port)),
        "{html}"
    );
    assert!(html.contains("id=\"dossier-livereload\""));
    assert!(html.find("dossier-livereload").unwrap() < html.rfind("</body>").unwrap());

    let page = server.get("/articles/first/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Iraq"), "{}", page.text());

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(!css.text().contains("dossier-livereload"));

    let json = server.get("/data/dossier.json");
    assert_eq!(json.status, 200);
    assert!(
        json.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let data: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(data["version"], 2);
    let articles = server.get("/data/articles-0001.jsonl");
    assert_eq!(articles.status, 200);
    assert_eq!(articles.text().lines().count(), 2, "{}", articles.text());

    let svg = server.get("/favicon.svg");
    assert!(
        svg.header("content-type")
            .unwrap()
            .starts_with("image/svg+xml")
    );

    // A folder without its slash is redirected to it, so relative links work.
    let redirect = server.get("/articles/first");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/articles/first/"));

    // Missing pages get the site's own 404 page, with status 404.
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<title>"), "{}", missing.text());
    let own_404 = server.get("/404.html");
    assert_eq!(own_404.status, 200);
    assert!(
        missing.text().contains("Page not found"),
        "{}",
        missing.text()
    );
}

#[test]
fn path_traversal_never_leaves_the_site() {
    let (_f, root) = fixture();
    let server = Server::start(&root, &[]);
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2f..%2fsecret.txt",
        "/articles/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/..%5c..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/articles%5c..%5c..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/.%2e/secret.txt",
        "/secret.txt",
        "/dossier.toml",
        "/../dossier.toml",
        "/%2e%2e/dossier.toml",
        "/content/articles/first.md",
        "/../site/content/articles/first.md",
        "//secret.txt",
        "/%00/secret.txt",
        "/./secret.txt",
        "/%252e%252e/secret.txt",
    ] {
        let r = server.get(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: status {}",
            r.status
        );
        assert!(!r.text().contains(SECRET), "{path} leaked the secret");
        assert!(
            !r.text().contains("+++"),
            "{path} served an article's source"
        );
    }
}

#[test]
fn build_output_has_no_live_reload_script() {
    let f = Fixture::new();
    f.build_ok();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(f.path("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            for needle in [
                "__livereload",
                "dossier-livereload",
                "dossier-error-overlay",
            ] {
                assert!(
                    !text.contains(needle),
                    "{} contains {needle}",
                    entry.path().display()
                );
            }
            pages += usize::from(entry.path().extension().is_some_and(|e| e == "html"));
        }
    }
    assert!(pages > 5, "only {pages} pages built");
}

#[test]
fn a_port_in_use_is_reported_with_the_option_to_change() {
    let (_f, root) = fixture();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: port {port} on 127.0.0.1 is already in use: pass another with --port, or change `serve.port` in dossier.toml\n"
        )
    );

    // A port from dossier.toml that is taken is replaced by the next free one.
    let config = std::fs::read_to_string(root.join("dossier.toml")).unwrap();
    std::fs::write(
        root.join("dossier.toml"),
        format!("{config}\n[serve]\nport = {port}\n"),
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root"])
        .arg(&root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let mut said = String::new();
    let end = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < end && !said.contains("Web server is available") {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            said.push_str(&line);
            said.push('\n');
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(said.contains(&format!("port {port} is in use")), "{said}");
    assert!(!said.contains(&format!(":{port}/")), "{said}");
    drop(taken);
}

/// Reads the next text message from the live-reload socket (at most `timeout`).
async fn next_message(
    ws: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    timeout: Duration,
) -> serde_json::Value {
    loop {
        let msg = tokio::time::timeout(timeout, ws.next())
            .await
            .expect("a live-reload message in time")
            .expect("the socket is open")
            .expect("a message");
        if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

/// Waits for live-reload messages until `ready` holds: one save can be seen as
/// several changes (a rename is a removal and a creation), each with its reload, and
/// a reload for the previous step may still be on its way.
async fn reload_until(
    ws: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    timeout: Duration,
    ready: impl Fn() -> bool + Send + Clone + 'static,
) {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let m = next_message(ws, left).await;
        assert_eq!(m["type"], "reload", "{m}");
        if tokio::task::spawn_blocking(ready.clone()).await.unwrap() {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_rebuilds_reloads_and_shows_errors() {
    let (_f, root) = fixture();
    let root_c = root.clone();
    let mut server = tokio::task::spawn_blocking(move || Server::start(&root_c, &["--watch"]))
        .await
        .unwrap();
    let port = server.port;
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://127.0.0.1:{port}/__livereload"))
            .await
            .expect("connect to the live-reload socket");
    let page = move || raw_get(port, "/articles/second/");

    // An edit: one reload message, then the page has the new text.
    std::fs::write(
        root.join("content/articles/second.md"),
        article(
            "Second, revised",
            "Adel Abdul Mahdi spoke in Iraq. A brand new sentence.",
        ),
    )
    .unwrap();
    let m = next_message(&mut ws, Duration::from_secs(20)).await;
    assert_eq!(m["type"], "reload", "{m}");
    let r = tokio::task::spawn_blocking(page).await.unwrap();
    assert!(r.text().contains("A brand new sentence."));
    assert!(!r.text().contains("dossier-error-overlay\" role"));
    // The entity page, the JSON export and the quote index follow in the same rebuild.
    let json = tokio::task::spawn_blocking(move || raw_get(port, "/data/articles-0001.jsonl"))
        .await
        .unwrap();
    assert!(
        json.text().contains("\"title\":\"Second, revised\""),
        "{}",
        json.text()
    );
    let entity = tokio::task::spawn_blocking(move || raw_get(port, "/entities/adel-abdul-mahdi/"))
        .await
        .unwrap();
    assert!(entity.text().contains("Second, revised"));

    // Broken front matter: an errors message, the last good page with the overlay.
    std::fs::write(
        root.join("content/articles/second.md"),
        "+++\ntitle = \"Second\"\ndate = 2020-01-05\nsource = Reuters <b>\n+++\nBody\n",
    )
    .unwrap();
    let m = next_message(&mut ws, Duration::from_secs(20)).await;
    assert_eq!(m["type"], "errors", "{m}");
    assert_eq!(m["errors"][0]["file"], "content/articles/second.md");
    assert_eq!(m["errors"][0]["line"], 4);
    let r = tokio::task::spawn_blocking(page).await.unwrap();
    let html = r.text();
    assert!(html.contains("A brand new sentence."), "the last good page");
    assert!(html.contains("id=\"dossier-error-overlay\" role=\"alert\""));
    assert!(html.contains("content/articles/second.md:4"), "{html}");

    // A second socket opened now hears about the errors straight away.
    let (mut ws2, _) =
        tokio_tungstenite::connect_async(format!("ws://127.0.0.1:{port}/__livereload"))
            .await
            .unwrap();
    let m2 = next_message(&mut ws2, Duration::from_secs(5)).await;
    assert_eq!(m2["type"], "errors");

    // Fixed: a reload, and no overlay.
    std::fs::write(
        root.join("content/articles/second.md"),
        article("Second", "Fixed text."),
    )
    .unwrap();
    let m = next_message(&mut ws, Duration::from_secs(20)).await;
    assert_eq!(m["type"], "reload", "{m}");
    let r = tokio::task::spawn_blocking(page).await.unwrap();
    assert!(r.text().contains("Fixed text."));
    assert!(!r.text().contains("dossier-error-overlay\" role"));

    // Editor debris changes nothing.
    let rebuilds = server.count_log("rebuilt after");
    std::fs::write(root.join("content/articles/.second.md.swp"), "junk").unwrap();
    std::fs::write(root.join("content/articles/second.md~"), "junk").unwrap();
    std::fs::write(root.join("content/articles/4913"), "").unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        server.count_log("rebuilt after"),
        rebuilds,
        "{}",
        server.log()
    );

    // An atomic save (write a temporary file, rename it over the article).
    let tmp = root.join("content/articles/second.md.tmp");
    std::fs::write(&tmp, article("Second", "Saved atomically.")).unwrap();
    std::fs::rename(&tmp, root.join("content/articles/second.md")).unwrap();
    let m = next_message(&mut ws, Duration::from_secs(20)).await;
    assert_eq!(m["type"], "reload", "{m}");
    let r = tokio::task::spawn_blocking(page).await.unwrap();
    assert!(r.text().contains("Saved atomically."));

    // dossier.toml replaced by a new file (a new inode, as vim saves it).
    let config = std::fs::read_to_string(root.join("dossier.toml")).unwrap();
    let new_config = config.replace("Test dossier", "Renamed dossier");
    std::fs::write(root.join("dossier.toml.new"), new_config).unwrap();
    std::fs::rename(root.join("dossier.toml"), root.join("dossier.toml~")).unwrap();
    std::fs::rename(root.join("dossier.toml.new"), root.join("dossier.toml")).unwrap();
    reload_until(&mut ws, Duration::from_secs(30), move || {
        raw_get(port, "/").text().contains("Renamed dossier")
    })
    .await;

    // A new article appears, then is deleted.
    std::fs::write(
        root.join("content/articles/third.md"),
        article("Third", "A third report."),
    )
    .unwrap();
    reload_until(&mut ws, Duration::from_secs(20), move || {
        raw_get(port, "/articles/third/").status == 200
    })
    .await;
    std::fs::remove_file(root.join("content/articles/third.md")).unwrap();
    reload_until(&mut ws, Duration::from_secs(20), move || {
        raw_get(port, "/articles/third/").status == 404
    })
    .await;

    // A stylesheet: the page swaps it without reloading.
    std::fs::write(root.join("static/style.css"), "body { color: red }").unwrap();
    // A reload still on its way from the deletion may come first.
    let mut m = next_message(&mut ws, Duration::from_secs(20)).await;
    while m["type"] == "reload" {
        m = next_message(&mut ws, Duration::from_secs(20)).await;
    }
    assert_eq!(m["type"], "css", "{m}");
    assert_eq!(m["paths"][0], "/style.css");

    // Each rebuild said what changed, how many pages, how long.
    let log = server.log();
    assert!(
        log.contains("rebuilt after content/articles/second.md changed:"),
        "{log}"
    );
    assert!(log.contains("reload sent in "), "{log}");

    // Ctrl-C stops it cleanly, closing the socket.
    let status = tokio::task::spawn_blocking(move || {
        let s = server.interrupt();
        (s, server)
    })
    .await
    .unwrap()
    .0;
    assert!(status.success(), "{status}");
    let closed = tokio::time::timeout(Duration::from_secs(5), ws.next()).await;
    assert!(
        matches!(
            closed,
            Ok(None)
                | Ok(Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_))))
                | Ok(Some(Err(_)))
        ),
        "{closed:?}"
    );
}

#[test]
fn poll_watcher_rebuilds_too() {
    let (_f, root) = fixture();
    let mut server = Server::start(&root, &["--poll"]);
    std::fs::write(
        root.join("content/articles/second.md"),
        article("Second", "Seen by polling."),
    )
    .unwrap();
    server.wait_for_log("rebuilt after", Duration::from_secs(20));
    wait_until(
        Duration::from_secs(10),
        "the polled change is served",
        || {
            server
                .get("/articles/second/")
                .text()
                .contains("Seen by polling.")
        },
    );
}
