//! A small HTTP/1.1 server on 127.0.0.1 for the tests that fetch pages: canned routes
//! (status, headers, body, how the body is framed, delays), a log of the requests it
//! received, and counts of the connections and body bytes it served.
//!
//! It is bounded so that every test ends by itself: it listens on a port the system
//! chooses, answers one request per connection and closes it, waits and writes in
//! short steps that stop as soon as the server is dropped, and stops by itself after
//! [`LIFETIME`] in any case. Use it from a test with
//! `#[path = "common/http_server.rs"] mod http_server;`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a server runs at most, whatever its routes ask for.
pub const LIFETIME: Duration = Duration::from_secs(60);
/// The step of every wait, so that a dropped server stops within it.
const STEP: Duration = Duration::from_millis(5);
/// The largest request head read.
const MAX_HEAD: usize = 64 * 1024;

/// How the body's end is told to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// A `Content-Length` header.
    Length,
    /// `Transfer-Encoding: chunked`, with no length.
    Chunked,
    /// Neither: the body ends when the connection closes.
    UntilClose,
}

/// One canned answer.
#[derive(Debug, Clone)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body is `body` this many times over, written piece by piece (a large body
    /// without holding it in memory).
    pub repeat: u64,
    pub framing: Framing,
    /// A wait before anything is answered.
    pub delay: Duration,
    /// A wait after the head, before the body.
    pub body_delay: Duration,
}

impl Route {
    /// An answer with `status` and a short text body.
    pub fn status(status: u16) -> Route {
        Route {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: format!("status {status}\n").into_bytes(),
            repeat: 1,
            framing: Framing::Length,
            delay: Duration::ZERO,
            body_delay: Duration::ZERO,
        }
    }

    /// A 200 answer of type `content_type`.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route::status(200)
            .without_header("Content-Type")
            .header("Content-Type", content_type)
            .body(body)
    }

    /// A 200 HTML page.
    pub fn html(body: &str) -> Route {
        Route::ok("text/html; charset=utf-8", body)
    }

    /// A redirect (`status` 301, 302, 303, 307 or 308) to `location`, as written.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route::status(status).header("Location", location)
    }

    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn without_header(mut self, name: &str) -> Route {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Route {
        self.body = body.into();
        self
    }

    pub fn repeated(mut self, times: u64) -> Route {
        self.repeat = times;
        self
    }

    pub fn framing(mut self, framing: Framing) -> Route {
        self.framing = framing;
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Route {
        self.delay = delay;
        self
    }

    pub fn body_delayed(mut self, delay: Duration) -> Route {
        self.body_delay = delay;
        self
    }
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first value of the header `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Shared {
    routes: HashMap<String, Route>,
    stop: AtomicBool,
    started: Instant,
    requests: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    body_bytes: AtomicU64,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.started.elapsed() > LIFETIME
    }

    /// Waits `duration`, or less if the server stops; false if it stopped.
    fn wait(&self, duration: Duration) -> bool {
        let end = Instant::now() + duration;
        while Instant::now() < end {
            if self.stopping() {
                return false;
            }
            std::thread::sleep(STEP.min(end - Instant::now()));
        }
        !self.stopping()
    }
}

/// A running server; it stops when dropped.
pub struct HttpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    /// Starts a server answering each path (`"/a"`, with any query) with its route,
    /// and any other path with a 404.
    pub fn start<'a>(routes: impl IntoIterator<Item = (&'a str, Route)>) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("address");
        let shared = Arc::new(Shared {
            routes: routes
                .into_iter()
                .map(|(p, r)| (p.to_string(), r))
                .collect(),
            stop: AtomicBool::new(false),
            started: Instant::now(),
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            body_bytes: AtomicU64::new(0),
        });
        let accepting = Arc::clone(&shared);
        let thread = std::thread::spawn(move || accept_loop(&listener, &accepting));
        HttpServer {
            addr,
            shared,
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Body bytes the system accepted to send so far (they may still sit in its
    /// buffers, unread by the client).
    pub fn body_bytes_sent(&self) -> u64 {
        self.shared.body_bytes.load(Ordering::SeqCst)
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on: bound by the system, then released.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.local_addr().expect("address").port()
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    let mut handlers = Vec::new();
    while !shared.stopping() {
        match listener.accept() {
            Ok((stream, _)) => {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(shared);
                handlers.push(std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                }));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(STEP),
            Err(_) => std::thread::sleep(STEP),
        }
    }
    for handler in handlers {
        let _ = handler.join();
    }
}

/// Answers the one request on `stream`.
fn serve(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(STEP))?;
    stream.set_write_timeout(Some(Duration::from_secs(1)))?;
    let Some(request) = read_head(&mut stream, shared)? else {
        return Ok(());
    };
    let route = shared
        .routes
        .get(request.path.split('?').next().unwrap_or_default())
        .cloned()
        .unwrap_or_else(|| Route::status(404));
    shared.requests.lock().unwrap().push(request);
    if !shared.wait(route.delay) {
        return Ok(());
    }
    stream.write_all(&head(&route))?;
    if !shared.wait(route.body_delay) {
        return Ok(());
    }
    write_body(&mut stream, &route, shared)?;
    stream.flush()
}

/// Reads the request line and headers; `None` if the client closed first or the
/// server stopped.
fn read_head(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<Option<Request>> {
    let mut head = Vec::new();
    let mut buf = [0_u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if shared.stopping() || head.len() > MAX_HEAD {
            return Ok(None);
        }
        match stream.read(&mut buf) {
            Ok(0) => return Ok(None),
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => return Err(e),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_string();
    let path = first.next().unwrap_or_default().to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Some(Request {
        method,
        path,
        headers,
    }))
}

/// The status line and headers, with the framing's own header.
fn head(route: &Route) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", route.status, reason(route.status));
    for (name, value) in &route.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    match route.framing {
        Framing::Length => {
            let length = route.body.len() as u64 * route.repeat;
            out.push_str(&format!("Content-Length: {length}\r\n"));
        }
        Framing::Chunked => out.push_str("Transfer-Encoding: chunked\r\n"),
        Framing::UntilClose => {}
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

/// The body, piece by piece, until it is all sent, the client leaves or the server
/// stops.
fn write_body(stream: &mut TcpStream, route: &Route, shared: &Shared) -> std::io::Result<()> {
    for _ in 0..route.repeat {
        if shared.stopping() {
            return Ok(());
        }
        if route.body.is_empty() {
            break;
        }
        if route.framing == Framing::Chunked {
            stream.write_all(format!("{:x}\r\n", route.body.len()).as_bytes())?;
        }
        stream.write_all(&route.body)?;
        shared
            .body_bytes
            .fetch_add(route.body.len() as u64, Ordering::SeqCst);
        if route.framing == Framing::Chunked {
            stream.write_all(b"\r\n")?;
        }
    }
    if route.framing == Framing::Chunked {
        stream.write_all(b"0\r\n\r\n")?;
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
