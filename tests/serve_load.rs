//! The dev server under load and faults: concurrent requests while hundreds of saves
//! trigger rebuilds (no error, no torn page, the last save wins), a client that hangs up
//! mid-response, and enormous URLs and headers (bounded, answered with an error). Every
//! loop is bounded by count and time, and only loopback is used.

mod common;
mod serve_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Fixture, article};
use serve_support::{Server, raw_get, wait_until};

const PAGES: [&str; 5] = [
    "/articles/second/",
    "/articles/first/",
    "/entities/iraq/",
    "/quotes/",
    "/",
];

#[test]
fn concurrent_requests_during_rapid_saves() {
    let f = Fixture::new();
    f.write(
        "content/articles/second.md",
        &article(
            "Second",
            "Adel Abdul Mahdi spoke in Iraq. Version marker 0.",
        ),
    );
    let server = Server::start(f.root(), &["--watch"]);
    let port = server.port;
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..6)
        .map(|c| {
            let (stop, served) = (stop.clone(), served.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut problems = Vec::new();
                for n in 0..2_000 {
                    if stop.load(Ordering::Relaxed) || started.elapsed() > Duration::from_secs(60) {
                        break;
                    }
                    let path = PAGES[(n + c) % PAGES.len()];
                    let r = raw_get(port, path);
                    served.fetch_add(1, Ordering::Relaxed);
                    let text = r.text();
                    if r.status != 200 {
                        problems.push(format!("{path}: status {}", r.status));
                    } else if !text.trim_end().ends_with("</html>") {
                        problems.push(format!("{path}: a torn page of {} bytes", text.len()));
                    } else if path == "/articles/second/"
                        && text.matches("Version marker").count() != 1
                    {
                        problems.push(format!(
                            "{path}: {} version markers",
                            text.matches("Version marker").count()
                        ));
                    }
                }
                problems
            })
        })
        .collect();
    // Hundreds of saves in quick succession, as an editor's autosave might do.
    let saves = 300;
    for v in 1..=saves {
        f.write(
            "content/articles/second.md",
            &article(
                "Second",
                &format!("Adel Abdul Mahdi spoke in Iraq. Version marker {v}."),
            ),
        );
        std::thread::sleep(Duration::from_millis(if v % 50 == 0 { 120 } else { 3 }));
    }
    // The last state wins.
    wait_until(
        Duration::from_secs(30),
        "the last save to be served",
        || {
            raw_get(port, "/articles/second/")
                .text()
                .contains(&format!("Version marker {saves}."))
        },
    );
    stop.store(true, Ordering::Relaxed);
    let problems: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let rebuilds = server.count_log("reload sent");
    eprintln!(
        "served {} requests during {saves} saves; {rebuilds} rebuilds",
        served.load(Ordering::Relaxed)
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        rebuilds >= 1 && rebuilds < saves,
        "saves are debounced: {rebuilds} rebuilds"
    );
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

#[test]
fn faults_are_bounded_and_the_server_survives() {
    let f = Fixture::new();
    let server = Server::start(f.root(), &["--watch"]);
    let port = server.port;
    // A client that hangs up after the first bytes of a response.
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(s, "GET /quotes/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut buf = [0u8; 16];
        let _ = s.read(&mut buf);
        drop(s);
    }
    // An enormous URL and an enormous header: an error status or a closed connection,
    // within a bounded time, never a hang.
    for request in [
        format!(
            "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "a".repeat(2_000_000)
        ),
        format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n",
            "b".repeat(2_000_000)
        ),
    ] {
        let started = Instant::now();
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(request.as_bytes());
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let head = String::from_utf8_lossy(&answer[..answer.len().min(40)]).into_owned();
        assert!(
            answer.is_empty() || head.starts_with("HTTP/1.1 4"),
            "{head}"
        );
        assert!(started.elapsed() < Duration::from_secs(15));
    }
    // Still serving.
    let r = raw_get(port, "/articles/first/");
    assert_eq!(r.status, 200);
    assert!(r.text().trim_end().ends_with("</html>"));
    assert!(!server.log().contains("panicked"), "{}", server.log());
}
