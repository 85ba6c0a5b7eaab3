//! Fetching a page for `dossier import https://…`, against a server on 127.0.0.1 that
//! each test starts: pages, redirects, error statuses, answers that are not pages or
//! are too large, compressed answers, servers that stall or are not there, and
//! addresses that are not web addresses.
//!
//! No test times a duration: the stalls are cut short by limits far below the stall,
//! and the size cap is checked by counting what the server managed to send.

#[path = "common/http_server.rs"]
mod http_server;

use std::io::Write as _;
use std::time::Duration;

use dossier::content::import::fetch::{FetchError, Fetched, Limits, fetch};
use http_server::{Framing, HttpServer, Route, closed_port};

const PAGE: &str = "<!doctype html><html><head><title>Iraq votes</title></head>\
                    <body><p>Parliament voted.</p></body></html>";

/// Limits for tests: short waits and a small cap, so that nothing takes long.
fn small_limits() -> Limits {
    Limits {
        connect_timeout: Duration::from_secs(5),
        total_timeout: Duration::from_secs(10),
        max_bytes: 64_000,
        max_redirects: 5,
    }
}

fn fetch_ok(url: &str) -> Fetched {
    fetch(url, &small_limits()).unwrap_or_else(|e| panic!("fetching {url}: {e}"))
}

fn fetch_err(url: &str, limits: &Limits) -> FetchError {
    match fetch(url, limits) {
        Ok(page) => panic!("fetching {url} unexpectedly gave {} bytes", page.body.len()),
        Err(e) => e,
    }
}

#[test]
fn an_html_page_is_fetched_with_its_type() {
    let server = HttpServer::start([("/article", Route::html(PAGE))]);
    let page = fetch_ok(&server.url("/article"));
    assert_eq!(page.url, server.url("/article"));
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.body, PAGE.as_bytes());
}

#[test]
fn the_request_names_dossier_and_asks_for_a_web_page() {
    let server = HttpServer::start([("/article", Route::html(PAGE))]);
    fetch_ok(&server.url("/article"));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.header("User-Agent"),
        Some(concat!("dossier/", env!("CARGO_PKG_VERSION")))
    );
    assert!(
        request
            .header("Accept")
            .is_some_and(|a| a.starts_with("text/html,")),
        "{request:?}"
    );
}

#[test]
fn a_fragment_is_not_sent_and_not_kept() {
    let server = HttpServer::start([("/article", Route::html(PAGE))]);
    let page = fetch_ok(&format!("{}#comments", server.url("/article")));
    assert_eq!(page.url, server.url("/article"));
    assert_eq!(server.requests()[0].path, "/article");
}

#[test]
fn a_redirect_is_followed_and_the_final_address_reported() {
    let server = HttpServer::start([
        ("/old", Route::redirect(301, "/moved/here?id=3")),
        ("/moved/here", Route::html(PAGE)),
    ]);
    let page = fetch_ok(&server.url("/old"));
    assert_eq!(page.url, server.url("/moved/here?id=3"));
    assert_eq!(page.body, PAGE.as_bytes());
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/old", "/moved/here?id=3"]);
}

#[test]
fn every_kind_of_redirect_is_followed_to_another_host() {
    for status in [302, 303, 307, 308] {
        let target = HttpServer::start([("/b", Route::html(PAGE))]);
        let source = HttpServer::start([("/a", Route::redirect(status, &target.url("/b")))]);
        let page = fetch_ok(&source.url("/a"));
        assert_eq!(page.url, target.url("/b"), "status {status}");
        assert_eq!(page.body, PAGE.as_bytes(), "status {status}");
    }
}

#[test]
fn a_redirect_loop_ends_after_the_redirect_limit() {
    let server = HttpServer::start([
        ("/a", Route::redirect(302, "/b")),
        ("/b", Route::redirect(302, "/a")),
    ]);
    let limits = small_limits();
    let error = fetch_err(&server.url("/a"), &limits);
    assert_eq!(
        error,
        FetchError::TooManyRedirects {
            url: server.url("/a"),
            max: 5
        }
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{} redirected more than 5 times; open it in a browser, or save the page from \
             the browser and import the file",
            server.url("/a")
        )
    );
    // The first request and each redirect followed, and no more.
    assert_eq!(server.requests().len(), 1 + 5);
}

#[test]
fn a_redirect_to_another_scheme_is_refused_without_following_it() {
    for target in [
        "ftp://127.0.0.1/article.html",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ] {
        let server = HttpServer::start([("/a", Route::redirect(301, target))]);
        let error = fetch_err(&server.url("/a"), &small_limits());
        assert_eq!(
            error.to_string(),
            format!(
                "{} redirected to `{target}`, which is not an http:// or https:// address; \
                 save the page from the browser and import the file",
                server.url("/a")
            )
        );
        assert_eq!(server.connections(), 1, "{target}");
    }
}

#[test]
fn a_404_names_the_status_and_the_address() {
    let server = HttpServer::start([]);
    let error = fetch_err(&server.url("/gone"), &small_limits());
    assert_eq!(
        error.to_string(),
        format!(
            "the server answered 404 Not Found for {}; check the address, or save the page \
             from the browser and import the file",
            server.url("/gone")
        )
    );
}

#[test]
fn a_500_names_the_status() {
    let server = HttpServer::start([("/a", Route::status(500))]);
    let error = fetch_err(&server.url("/a"), &small_limits());
    assert_eq!(
        error,
        FetchError::Status {
            url: server.url("/a"),
            status: "500 Internal Server Error".into()
        }
    );
}

#[test]
fn a_404_after_a_redirect_names_the_final_address() {
    let server = HttpServer::start([("/a", Route::redirect(301, "/missing"))]);
    let error = fetch_err(&server.url("/a"), &small_limits());
    assert!(
        matches!(&error, FetchError::Status { url, .. } if *url == server.url("/missing")),
        "{error}"
    );
}

#[test]
fn a_pdf_is_not_a_web_page() {
    let server = HttpServer::start([("/report.pdf", Route::ok("application/pdf", "%PDF-1.7"))]);
    let error = fetch_err(&server.url("/report.pdf"), &small_limits());
    assert_eq!(
        error.to_string(),
        format!(
            "{} answered with application/pdf, not a web page; give the address of the \
             article's page, or import the file itself",
            server.url("/report.pdf")
        )
    );
}

#[test]
fn xhtml_and_plain_text_are_accepted() {
    let server = HttpServer::start([
        (
            "/a.txt",
            Route::ok("text/plain; charset=utf-8", "Parliament voted."),
        ),
        ("/a.xhtml", Route::ok("Application/XHTML+XML", PAGE)),
    ]);
    let text = fetch_ok(&server.url("/a.txt"));
    assert_eq!(
        text.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(text.body, b"Parliament voted.");
    let xhtml = fetch_ok(&server.url("/a.xhtml"));
    assert_eq!(xhtml.content_type.as_deref(), Some("Application/XHTML+XML"));
}

#[test]
fn an_answer_without_a_type_is_left_to_the_reader() {
    let server = HttpServer::start([("/a", Route::html(PAGE).without_header("Content-Type"))]);
    let page = fetch_ok(&server.url("/a"));
    assert_eq!(page.content_type, None);
    assert_eq!(page.body, PAGE.as_bytes());
}

/// A body far over the cap: 64 MiB, served in 64 KiB pieces.
fn huge(framing: Framing) -> Route {
    Route::ok("text/html", vec![b'a'; 64 * 1024])
        .repeated(1024)
        .framing(framing)
}

/// What a client that read everything would have made the server send.
const HUGE: u64 = 64 * 1024 * 1024;

fn assert_too_large(server: &HttpServer) {
    let error = fetch_err(&server.url("/big"), &small_limits());
    assert_eq!(
        error.to_string(),
        format!(
            "{} is more than 64 KB, too large for an article; save the page from the \
             browser and import the file",
            server.url("/big")
        )
    );
}

#[test]
fn a_declared_length_over_the_cap_is_refused_before_the_body() {
    let server = HttpServer::start([("/big", huge(Framing::Length))]);
    assert_too_large(&server);
    drop_and_check_sent(server, HUGE / 4);
}

#[test]
fn a_chunked_body_over_the_cap_stops_being_read_at_the_cap() {
    let server = HttpServer::start([("/big", huge(Framing::Chunked))]);
    assert_too_large(&server);
    drop_and_check_sent(server, HUGE / 4);
}

#[test]
fn a_body_without_length_over_the_cap_stops_being_read_at_the_cap() {
    let server = HttpServer::start([("/big", huge(Framing::UntilClose))]);
    assert_too_large(&server);
    drop_and_check_sent(server, HUGE / 4);
}

/// Stops the server and checks that it sent less than `most`: the client stopped
/// reading, and only the system's buffers took more than the cap.
fn drop_and_check_sent(server: HttpServer, most: u64) {
    let counter = server.body_bytes_sent();
    drop(server);
    assert!(
        counter < most,
        "the server sent {counter} bytes of the body"
    );
}

#[test]
fn a_body_exactly_at_the_cap_is_read() {
    let limits = small_limits();
    let body = vec![b'a'; limits.max_bytes as usize];
    let server = HttpServer::start([(
        "/a",
        Route::ok("text/html", body.clone()).framing(Framing::Chunked),
    )]);
    assert_eq!(fetch(&server.url("/a"), &limits).unwrap().body, body);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// `bytes` as a Brotli stream of one uncompressed meta-block (RFC 7932, section 9.2),
/// which every decoder reads; at most 65,536 bytes.
fn brotli_stored(bytes: &[u8]) -> Vec<u8> {
    assert!(!bytes.is_empty() && bytes.len() <= 1 << 16);
    // WBITS 16 (bit 0), ISLAST 0, MNIBBLES 4, MLEN - 1 in 16 bits, ISUNCOMPRESSED 1.
    let header = (((bytes.len() - 1) as u32) << 4) | (1 << 20);
    let mut out = header.to_le_bytes()[..3].to_vec();
    out.extend_from_slice(bytes);
    // The last meta-block: ISLAST 1, ISLASTEMPTY 1.
    out.push(0b11);
    out
}

#[test]
fn a_gzip_answer_is_decompressed() {
    let server = HttpServer::start([(
        "/a",
        Route::html("")
            .header("Content-Encoding", "gzip")
            .body(gzip(PAGE.as_bytes())),
    )]);
    let page = fetch_ok(&server.url("/a"));
    assert_eq!(page.body, PAGE.as_bytes());
    let accepted = server.requests()[0]
        .header("Accept-Encoding")
        .map(str::to_string);
    assert!(accepted.is_some_and(|a| a.contains("gzip") && a.contains("br")));
}

#[test]
fn a_brotli_answer_is_decompressed() {
    let server = HttpServer::start([(
        "/a",
        Route::html("")
            .header("Content-Encoding", "br")
            .body(brotli_stored(PAGE.as_bytes())),
    )]);
    assert_eq!(fetch_ok(&server.url("/a")).body, PAGE.as_bytes());
}

#[test]
fn the_cap_counts_decompressed_bytes() {
    let bomb = gzip(&vec![0_u8; 10_000_000]);
    assert!(bomb.len() < 64 * 1024);
    let server = HttpServer::start([(
        "/big",
        Route::html("")
            .header("Content-Encoding", "gzip")
            .body(bomb),
    )]);
    assert_too_large(&server);
}

#[test]
fn a_damaged_gzip_answer_is_an_error_not_a_page() {
    let server = HttpServer::start([(
        "/a",
        Route::html("")
            .header("Content-Encoding", "gzip")
            .body(&b"not gzip at all"[..]),
    )]);
    let error = fetch_err(&server.url("/a"), &small_limits());
    assert!(matches!(error, FetchError::Broken { .. }), "{error}");
    assert!(error.to_string().contains("gzip"), "{error}");
}

#[test]
fn an_unknown_compression_is_refused() {
    let server = HttpServer::start([("/a", Route::html("x").header("Content-Encoding", "zstd"))]);
    let error = fetch_err(&server.url("/a"), &small_limits());
    assert_eq!(
        error.to_string(),
        format!(
            "fetching {} failed: the answer is compressed as `zstd`, which dossier cannot \
             read; try again, or save the page from the browser and import the file",
            server.url("/a")
        )
    );
}

/// Limits whose total time is a small fraction of the server's stall.
fn impatient() -> Limits {
    Limits {
        total_timeout: Duration::from_millis(300),
        ..small_limits()
    }
}

#[test]
fn a_server_that_stalls_before_answering_times_out() {
    let server = HttpServer::start([("/slow", Route::html(PAGE).delayed(Duration::from_secs(50)))]);
    let error = fetch_err(&server.url("/slow"), &impatient());
    assert_eq!(
        error.to_string(),
        format!(
            "{} did not answer within 0.3 s; try again later, or save the page from the \
             browser and import the file",
            server.url("/slow")
        )
    );
}

#[test]
fn a_server_that_stalls_in_the_body_times_out() {
    let server = HttpServer::start([(
        "/slow",
        Route::html(PAGE).body_delayed(Duration::from_secs(50)),
    )]);
    let error = fetch_err(&server.url("/slow"), &impatient());
    assert!(matches!(error, FetchError::TimedOut { .. }), "{error}");
}

#[test]
fn the_total_time_covers_the_whole_redirect_chain() {
    // Each hop stalls for less than the total, together for more.
    let hop = |next: &str| Route::redirect(302, next).delayed(Duration::from_millis(200));
    let server = HttpServer::start([
        ("/a", hop("/b")),
        ("/b", hop("/c")),
        ("/c", hop("/d")),
        ("/d", Route::html(PAGE)),
    ]);
    let error = fetch_err(&server.url("/a"), &impatient());
    assert!(matches!(error, FetchError::TimedOut { .. }), "{error}");
    assert!(server.requests().len() < 4);
}

#[test]
fn a_refused_connection_names_the_host() {
    let url = format!("http://127.0.0.1:{}/article", closed_port());
    let error = fetch_err(&url, &small_limits());
    assert_eq!(
        error.to_string(),
        format!(
            "cannot connect to {url}: `127.0.0.1` refused the connection; check the address \
             and the connection, or save the page from the browser and import the file"
        )
    );
}

#[test]
fn other_schemes_are_refused_without_connecting() {
    let server = HttpServer::start([("/a", Route::html(PAGE))]);
    let ftp = format!("ftp://{}/a", server.addr());
    for url in [
        ftp.as_str(),
        "file:///etc/passwd",
        "mailto:desk@example.org",
    ] {
        let error = fetch_err(url, &small_limits());
        assert!(matches!(error, FetchError::NotWeb { .. }), "{url}: {error}");
    }
    assert_eq!(
        fetch_err("file:///etc/passwd", &small_limits()).to_string(),
        "`file:///etc/passwd` is a `file:` address, not a web page; give an http:// or \
         https:// address, or import the file itself"
    );
    assert_eq!(server.connections(), 0);
}

#[test]
fn a_malformed_address_says_what_an_address_looks_like() {
    for url in [
        "www.example.org/article",
        "http://",
        "https://exa mple.org/",
        "",
    ] {
        let error = fetch_err(url, &small_limits());
        assert!(
            matches!(error, FetchError::Malformed { .. }),
            "{url}: {error}"
        );
        assert!(
            error
                .to_string()
                .ends_with("give an address such as https://example.org/article"),
            "{error}"
        );
    }
    assert_eq!(
        fetch_err("www.example.org/article", &small_limits()).to_string(),
        "`www.example.org/article` is not a web address (it does not start with https://); \
         give an address such as https://example.org/article"
    );
}
