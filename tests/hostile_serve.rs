//! `dossier serve` against hostile requests and faults: other sites' names and origins
//! (DNS rebinding), a rebuild that panics, and folders deleted and put back under a
//! running watcher. Against the real binary, on 127.0.0.1.

mod common;
mod serve_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use common::{Fixture, article};
use serve_support::{Server, raw_request, wait_until};

const WAIT: Duration = Duration::from_secs(30);

/// A websocket upgrade of the live-reload socket, with the given `Host` and extra headers.
fn upgrade(port: u16, host: &str, extra: &str) -> u16 {
    raw_request(
        port,
        format!(
            "GET /__livereload HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra}"
        )
        .trim_end(),
    )
    .status
}

/// `GET path` with the given `Host` and extra headers.
fn get_as(port: u16, path: &str, host: &str, extra: &str) -> serve_support::Response {
    raw_request(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}").trim_end(),
    )
}

#[test]
fn dev_server_refuses_other_hosts_and_origins() {
    let f = Fixture::new();
    let server = Server::start(f.root(), &["--watch"]);
    let port = server.port;

    // A page whose name was re-pointed at 127.0.0.1 (DNS rebinding) gets nothing.
    let refused = get_as(port, "/", "evil.example", "");
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(
        refused.text(),
        format!(
            "403 Forbidden: this server does not answer to the name `evil.example` (a guard against DNS rebinding); pass `--host evil.example` to serve under that name. Open http://127.0.0.1:{port}/ instead.\n"
        )
    );
    assert_eq!(
        get_as(
            port,
            "/articles/first/",
            &format!("evil.example:{port}"),
            ""
        )
        .status,
        403
    );
    // Nor the live-reload socket, however often it asks.
    for _ in 0..100 {
        assert_eq!(upgrade(port, &format!("evil.example:{port}"), ""), 403);
    }
    // Nor through an absolute request target, nor without naming a host at all.
    let absolute = raw_request(
        port,
        &format!(
            "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close"
        ),
    );
    assert_eq!(absolute.status, 403, "{}", absolute.text());
    assert_eq!(raw_request(port, "GET / HTTP/1.0").status, 403);

    // This server's own names are fine, whatever the port (a forwarded one).
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "localhost:8080".to_string(),
    ] {
        let page = get_as(port, "/articles/first/", &host, "");
        assert_eq!(page.status, 200, "{host}: {}", page.text());
    }

    // Another site's page may not open the socket or read a page with a script.
    let own = format!("127.0.0.1:{port}");
    for origin in [
        "http://evil.example".to_string(),
        format!("http://localhost:{port}"),
        "http://127.0.0.1:3000".to_string(),
        "null".to_string(),
    ] {
        assert_eq!(
            upgrade(port, &own, &format!("Origin: {origin}\r\n")),
            403,
            "{origin}"
        );
        let page = get_as(port, "/", &own, &format!("Origin: {origin}\r\n"));
        assert_eq!(page.status, 403, "{origin}");
        assert!(page.text().contains(&origin), "{}", page.text());
    }
    // The site's own pages may.
    assert_eq!(
        upgrade(port, &own, &format!("Origin: http://127.0.0.1:{port}\r\n")),
        101
    );
    assert_eq!(upgrade(port, &own, ""), 101);
}

#[test]
fn wildcard_bound_server_takes_any_host_but_not_foreign_origins() {
    let f = Fixture::new();
    let server = Server::start(f.root(), &["--host", "0.0.0.0", "--watch"]);
    let port = server.port;
    // Bound to every address on purpose: the machine's names are not known, so any.
    let lan = format!("devbox.lan:{port}");
    assert_eq!(get_as(port, "/", &lan, "").status, 200);
    assert_eq!(
        upgrade(port, &lan, &format!("Origin: http://{lan}\r\n")),
        101
    );
    // But a page of another site still cannot open the socket.
    assert_eq!(upgrade(port, &lan, "Origin: http://evil.example\r\n"), 403);
    assert_eq!(
        upgrade(
            port,
            &lan,
            &format!("Origin: http://evil.example:{port}\r\n")
        ),
        403
    );
}

/// An article whose relative date falls after the last date there is: it made the
/// timeline's date arithmetic panic.
const END_OF_TIME: &str =
    "+++\ntitle = \"End\"\ndate = 9999-12-31\nsource = \"Reuters\"\n+++\nTomorrow it ends.\n";

/// Whatever the hostile article did (a panic, an error, nothing), the server goes on
/// serving and watching: fixing the article shows it, and a later edit shows too. A
/// panic is shown over the page, located in `blamed`.
fn fixing_the_article_rebuilds(server: &Server, f: &Fixture, blamed: &str) {
    if server.log().contains("dossier crashed") {
        let home = server.get("/");
        let html = home.text();
        assert!(
            html.contains("id=\"dossier-error-overlay\" role=\"alert\""),
            "{html}"
        );
        assert!(
            html.contains(&format!("<code>{blamed}</code>: dossier crashed: ")),
            "{html}"
        );
    }
    f.write(
        "content/articles/end.md",
        &article("End", "It ends, fixed."),
    );
    wait_until(WAIT, "the fixed article is served", || {
        let page = server.get("/articles/end/");
        page.status == 200
            && page.text().contains("It ends, fixed.")
            && !page.text().contains("dossier-error-overlay\" role")
    });
    f.write(
        "content/articles/second.md",
        &article("Second", "Adel Abdul Mahdi spoke again."),
    );
    wait_until(WAIT, "a later edit is served", || {
        server
            .get("/articles/second/")
            .text()
            .contains("spoke again")
    });
}

#[test]
fn a_rebuild_that_panics_is_reported_and_watching_goes_on() {
    let f = Fixture::new();
    let mut server = Server::start(f.root(), &["--watch"]);
    f.write("content/articles/end.md", END_OF_TIME);
    let line = server.wait_for_log("after content/articles/end.md", WAIT);
    if server.log().contains("dossier crashed") {
        assert!(
            line.starts_with("rebuild after content/articles/end.md failed (after ")
                && line.ends_with(" ms); still serving the last good site"),
            "{line}"
        );
        assert!(
            server
                .log()
                .contains("content/articles/end.md: error: dossier crashed: "),
            "{}",
            server.log()
        );
    }
    // The last good site is still there.
    assert_eq!(server.get("/articles/first/").status, 200);
    fixing_the_article_rebuilds(&server, &f, "content/articles/end.md");
}

#[test]
fn a_first_build_that_panics_still_serves_and_watches() {
    let f = Fixture::new();
    f.write("content/articles/end.md", END_OF_TIME);
    let server = Server::start(f.root(), &["--watch"]);
    if server.log().contains("dossier crashed") {
        assert!(
            server
                .log()
                .contains("(first build): error: dossier crashed: "),
            "{}",
            server.log()
        );
    }
    fixing_the_article_rebuilds(&server, &f, "(first build)");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The files `dossier build` makes for this fixture.
fn built_files(f: &Fixture) -> BTreeSet<String> {
    f.build_ok();
    let public = f.path("public");
    let files = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&public)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    std::fs::remove_dir_all(&public).unwrap();
    files
}

/// The sum of the `N removed` of the rebuild lines logged after the first `from` lines.
fn removed_since(server: &Server, from: usize) -> usize {
    server
        .log()
        .lines()
        .skip(from)
        .filter(|l| l.starts_with("rebuilt after"))
        .filter_map(|l| {
            l.split(" removed;")
                .next()?
                .rsplit(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum()
}

#[test]
fn content_deleted_and_put_back_is_watched_again() {
    let f = Fixture::new();
    // What vanishes with `content/`: the files of the whole site less those of an empty one.
    let whole = built_files(&f);
    let backup = tempfile::tempdir().unwrap();
    copy_dir(&f.path("content"), &backup.path().join("content"));
    std::fs::remove_dir_all(f.path("content")).unwrap();
    let gone = whole.difference(&built_files(&f)).count();
    assert!(gone > 4, "{gone}");
    copy_dir(&backup.path().join("content"), &f.path("content"));

    let server = Server::start(f.root(), &["--watch"]);
    assert_eq!(server.get("/articles/first/").status, 200);

    // `rm -rf content`: the pages go, and the log says how many.
    let mark = server.log().lines().count();
    std::fs::remove_dir_all(f.path("content")).unwrap();
    wait_until(WAIT, "the log counts every file removed", || {
        removed_since(&server, mark) == gone
    });
    assert_eq!(server.get("/articles/first/").status, 404);

    // `cp -r backup content`: the pages are back, and edits are followed again.
    copy_dir(&backup.path().join("content"), &f.path("content"));
    wait_until(WAIT, "the restored article is served", || {
        server.get("/articles/first/").status == 200
    });
    f.write(
        "content/articles/first.md",
        &article("First", "Edited after the restore."),
    );
    wait_until(WAIT, "an edit after the restore is served", || {
        server
            .get("/articles/first/")
            .text()
            .contains("Edited after the restore.")
    });

    // Moved away and back: the same.
    std::fs::rename(f.path("content"), f.path("content.away")).unwrap();
    wait_until(WAIT, "the moved article is gone", || {
        server.get("/articles/first/").status == 404
    });
    std::fs::rename(f.path("content.away"), f.path("content")).unwrap();
    f.write(
        "content/articles/first.md",
        &article("First", "Edited after the move."),
    );
    wait_until(WAIT, "an edit after the move back is served", || {
        server
            .get("/articles/first/")
            .text()
            .contains("Edited after the move.")
    });
}

#[test]
fn templates_and_static_deleted_and_put_back_are_watched_again() {
    let f = Fixture::new();
    let lost = |text: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<p>{text}</p>{{% endblock content %}}"
        )
    };
    f.write("templates/404.html", &lost("Lost here."));
    f.write("static/extra.css", "p { color: red }");
    let backup = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), &["--watch"]);
    let missing = || server.get("/no/such/page/").text();
    assert!(missing().contains("Lost here."));

    for dir in ["templates", "static"] {
        copy_dir(&f.path(dir), &backup.path().join(dir));
        std::fs::remove_dir_all(f.path(dir)).unwrap();
    }
    wait_until(WAIT, "the theme's own 404 page and no extra.css", || {
        !missing().contains("Lost here.") && server.get("/extra.css").status == 404
    });

    for dir in ["templates", "static"] {
        copy_dir(&backup.path().join(dir), &f.path(dir));
    }
    wait_until(WAIT, "the restored template and stylesheet", || {
        missing().contains("Lost here.") && server.get("/extra.css").status == 200
    });
    f.write("templates/404.html", &lost("Lost again."));
    f.write("static/extra.css", "p { color: blue }");
    wait_until(WAIT, "edits after the restore are served", || {
        missing().contains("Lost again.") && server.get("/extra.css").text().contains("blue")
    });
}
