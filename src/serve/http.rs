//! The HTTP side of `dossier serve`: files from the in-memory site, and the live-reload
//! websocket.
//!
//! Files are served from the current [`Site`] snapshot, never from disk, so a request
//! sees a whole site or the next whole site. The request path is percent-decoded once
//! and checked segment by segment: `..`, `.`, backslashes and NUL bytes are refused with
//! 400 before any lookup, so no spelling of a path (`%2e%2e/`, `..%2f`, `%5c`) can reach
//! a file outside the site, and there is no file outside the site to reach anyway.
//! Directories answer with their `index.html`; a directory asked for without its
//! trailing slash is redirected to it, so that relative links resolve; anything else
//! missing gets the site's own `404.html` with status 404. MIME types come from
//! `mime_guess`.
//!
//! Every HTML response gets the live-reload script just before `</body>` and, while the
//! last rebuild failed, the error overlay. Neither is ever in `dossier build` output:
//! they are added here, on the way out.
//!
//! Before any of this, every request (the websocket upgrade too) must name this server
//! in `Host` and come from its own pages if it says where from (`Origin`): others get
//! 403 and a one-line reason ([`hosts`](crate::serve::hosts)).

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use tokio::sync::{broadcast, watch};

use crate::serve::hosts::{HostPolicy, Refusal};
use crate::serve::site::{ReloadMessage, ShownError, Site, SiteState, Work};
use crate::text::escape_html;

/// The path of the live-reload websocket.
pub const LIVERELOAD_PATH: &str = "/__livereload";

/// The script added to every HTML page while serving. It keeps a websocket open,
/// reloads the page after a rebuild, swaps stylesheets after a CSS-only change, shows
/// or hides the error overlay, and reconnects by itself (then reloads, since the site
/// may have changed while the server was away).
pub const LIVERELOAD_SCRIPT: &str = r#"<script id="dossier-livereload">
(function () {
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__livereload";
  var connectedBefore = false, attempts = 0;
  function overlay(errors) {
    var box = document.getElementById("dossier-error-overlay");
    if (box) box.remove();
    if (!errors || !errors.length) return;
    box = document.createElement("div");
    box.id = "dossier-error-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("style", OVERLAY_STYLE);
    var h = document.createElement("h2");
    h.textContent = "The last rebuild failed; this is the last good version of the page.";
    h.setAttribute("style", "margin:0 0 .5em;font-size:1.1em");
    box.appendChild(h);
    var list = document.createElement("ul");
    list.setAttribute("style", "margin:0;padding-left:1.2em");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      var code = document.createElement("code");
      code.textContent = where;
      li.appendChild(code);
      li.appendChild(document.createTextNode(": " + e.message));
      if (e.help) {
        var help = document.createElement("div");
        help.textContent = "help: " + e.help;
        li.appendChild(help);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  function swapCss(paths) {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var u = new URL(link.href, location.href);
      if (paths.some(function (p) { return u.pathname === p; })) {
        u.searchParams.set("livereload", Date.now());
        link.href = u.toString();
      }
    });
  }
  function connect() {
    var ws = new WebSocket(url);
    ws.onopen = function () {
      if (connectedBefore) { location.reload(); return; }
      connectedBefore = true;
      attempts = 0;
    };
    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === "reload") location.reload();
      else if (m.type === "css") swapCss(m.paths);
      else if (m.type === "errors") overlay(m.errors);
    };
    ws.onclose = function () {
      attempts += 1;
      setTimeout(connect, Math.min(2000, 200 * attempts));
    };
  }
  connect();
})();
</script>
"#;

/// The script with the overlay's style filled in.
static SCRIPT: LazyLock<String> =
    LazyLock::new(|| LIVERELOAD_SCRIPT.replace("OVERLAY_STYLE", &format!("{OVERLAY_STYLE:?}")));

/// The overlay's inline style: it must look the same whatever the theme.
const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff4f4;color:#5a0000;border-bottom:3px solid #c00;font:15px/1.45 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.25)";

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub site: SiteState,
    /// Becomes `true` when the server stops: websockets close.
    pub shutdown: watch::Receiver<bool>,
    /// The rebuild thread, to ask for stale files (none without `--watch`).
    pub work: Option<std::sync::mpsc::Sender<Work>>,
    /// The names this server answers to.
    pub hosts: Arc<HostPolicy>,
}

/// The router: the websocket, then every other path from the site, all behind the
/// `Host` and `Origin` check.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(LIVERELOAD_PATH, get(livereload))
        .fallback(serve_file)
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .with_state(state)
}

/// Refuses, with 403 and a one-line reason, a request that does not name this server
/// or that comes from another site's page.
async fn check_host(State(app): State<AppState>, request: Request, next: Next) -> Response {
    match allowed(&app.hosts, &request) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let mut response = (StatusCode::FORBIDDEN, refusal.0).into_response();
            response.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
    }
}

/// Checks every name a request gives for the server (its `Host` headers and the
/// authority of an absolute target, `GET http://host/ HTTP/1.1`) and its `Origin`.
fn allowed(hosts: &HostPolicy, request: &Request) -> Result<(), Refusal> {
    let headers = request.headers();
    let mut names: Vec<&str> = headers.get_all(header::HOST).iter().map(text).collect();
    names.extend(request.uri().authority().map(|a| a.as_str()));
    let origin = headers.get(header::ORIGIN).map(text);
    if names.is_empty() {
        return hosts.check(None, origin);
    }
    names
        .into_iter()
        .try_for_each(|name| hosts.check(Some(name), origin))
}

/// A header's text; one that is not visible ASCII is no host name, and `?` is refused
/// as one.
fn text(value: &HeaderValue) -> &str {
    value.to_str().unwrap_or("?")
}

/// Where a request path leads inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A path relative to the site root (`articles/x/index.html`).
    File(String),
    /// Refused: the path tries to leave the site or cannot be decoded.
    BadRequest,
}

/// Decodes and checks a request path (`uri.path()`, still percent-encoded).
pub fn site_path(raw: &str) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Lookup::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Lookup::BadRequest;
    }
    let mut parts: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Lookup::BadRequest,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Lookup::File(path)
}

async fn serve_file(State(app): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let path = match site_path(uri.path()) {
        Lookup::File(p) => p,
        Lookup::BadRequest => {
            return (StatusCode::BAD_REQUEST, "bad request path\n").into_response();
        }
    };
    let mut site = app.site.current();
    if site.stale.contains(path.as_str())
        && let Some(work) = &app.work
    {
        // Made on demand: wait for the rebuild thread, then answer from the new site.
        let (tx, rx) = tokio::sync::oneshot::channel();
        if work.send(Work::Data(tx)).is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(300), rx).await;
        }
        site = app.site.current();
    }
    if let Some(bytes) = site.files.get(path.as_str()) {
        return file_response(&site, StatusCode::OK, &path, bytes.clone());
    }
    // `/articles/x` -> `/articles/x/`, so that relative links in the page resolve.
    if !path.ends_with("index.html")
        && site
            .files
            .contains_key(format!("{path}/index.html").as_str())
    {
        let location = format!("/{path}/");
        let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, v);
        }
        return response;
    }
    match site.files.get("404.html") {
        Some(bytes) => file_response(&site, StatusCode::NOT_FOUND, "404.html", bytes.clone()),
        None => file_response(
            &site,
            StatusCode::NOT_FOUND,
            "404.html",
            Bytes::from_static(
                b"<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>",
            ),
        ),
    }
}

fn file_response(site: &Site, status: StatusCode, path: &str, bytes: Bytes) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if is_html {
        "text/html; charset=utf-8".to_string()
    } else if mime.type_() == mime_guess::mime::TEXT
        || mime.essence_str() == "application/javascript"
        || mime.essence_str() == "application/json"
        || mime.essence_str() == "image/svg+xml"
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html {
        Bytes::from(inject(&bytes, &site.errors))
    } else {
        bytes
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Adds the error overlay (if there are errors) and the live-reload script just
/// before the last `</body>`, or at the end of a page without one.
pub fn inject(html: &[u8], errors: &[ShownError]) -> Vec<u8> {
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(&overlay_html(errors));
    }
    extra.push_str(&SCRIPT);
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay as HTML, every value escaped.
pub fn overlay_html(errors: &[ShownError]) -> String {
    let mut out = format!(
        "<div id=\"dossier-error-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><h2 style=\"margin:0 0 .5em;font-size:1.1em\">The last rebuild failed; this is the last good version of the page.</h2><ul style=\"margin:0;padding-left:1.2em\">"
    );
    for e in errors {
        let mut at = e.file.clone();
        if e.line > 0 {
            at.push_str(&format!(":{}", e.line));
            if e.column > 0 {
                at.push_str(&format!(":{}", e.column));
            }
        }
        out.push_str(&format!(
            "<li><code>{}</code>: {}",
            escape_html(&at),
            escape_html(&e.message)
        ));
        if let Some(help) = &e.help {
            out.push_str(&format!("<div>help: {}</div>", escape_html(help)));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></div>\n");
    out
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if haystack.len() < needle.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

async fn livereload(ws: WebSocketUpgrade, State(app): State<AppState>) -> Response {
    ws.on_upgrade(move |socket| live_socket(socket, app))
}

async fn live_socket(mut socket: WebSocket, app: AppState) {
    let mut messages = app.site.subscribe();
    let mut shutdown = app.shutdown.clone();
    if *shutdown.borrow_and_update() {
        return;
    }
    let errors: Vec<ShownError> = app.site.current().errors.clone();
    if !errors.is_empty() {
        let m = ReloadMessage::Errors { errors }.to_json();
        if socket.send(Message::Text(m.into())).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            message = messages.recv() => {
                let text = match message {
                    Ok(m) => m.to_json(),
                    // Missed some: a reload shows the latest state whatever it was.
                    Err(broadcast::error::RecvError::Lagged(_)) => ReloadMessage::Reload.to_json(),
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => break,
                Some(Ok(_)) => {}
            },
            _ = shutdown.changed() => {
                let _ = tokio::time::timeout(Duration::from_millis(200), socket.send(Message::Close(None))).await;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_refuses_escapes() {
        let f = |p: &str| Lookup::File(p.to_string());
        let cases: &[(&str, Lookup)] = &[
            ("/", f("index.html")),
            ("", f("index.html")),
            ("/articles/x/", f("articles/x/index.html")),
            ("/articles/x", f("articles/x")),
            ("/style.css", f("style.css")),
            ("//style.css", f("style.css")),
            ("/a%20b.txt", f("a b.txt")),
            ("/../secret.txt", Lookup::BadRequest),
            ("/%2e%2e/secret.txt", Lookup::BadRequest),
            ("/%2E%2E/secret.txt", Lookup::BadRequest),
            ("/..%2fsecret.txt", Lookup::BadRequest),
            ("/articles/%2e%2e%2f%2e%2e%2fsecret.txt", Lookup::BadRequest),
            ("/..%5csecret.txt", Lookup::BadRequest),
            ("/%5c..%5csecret.txt", Lookup::BadRequest),
            ("/a/./b", Lookup::BadRequest),
            ("/a%00b", Lookup::BadRequest),
            ("/%ff", Lookup::BadRequest),
        ];
        for (raw, want) in cases {
            assert_eq!(&site_path(raw), want, "{raw}");
        }
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", &[])).unwrap();
        let script = out.find("dossier-livereload").unwrap();
        assert!(script < out.find("</BODY>").unwrap(), "{out}");
        assert!(!out.contains("dossier-error-overlay\" role"));
        let no_body = String::from_utf8(inject(b"<p>x</p>", &[])).unwrap();
        assert!(no_body.starts_with("<p>x</p><script"));
    }

    #[test]
    fn overlay_escapes_everything() {
        let errors = vec![ShownError {
            file: "content/articles/<a>.md".into(),
            line: 3,
            column: 9,
            message: "unknown field `<script>alert(1)</script>`".into(),
            help: Some("did you mean \"title\"?".into()),
        }];
        let html = String::from_utf8(inject(b"<body></body>", &errors)).unwrap();
        assert!(html.contains("id=\"dossier-error-overlay\" role=\"alert\""));
        assert!(html.contains("content/articles/&lt;a&gt;.md:3:9"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("did you mean &quot;title&quot;?"));
    }
}
