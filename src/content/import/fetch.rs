//! Bringing a web page from its address, within limits of time and size.
//!
//! `dossier import https://…` reads the page this module fetches as it would read a
//! saved page. The fetch is the one place where the import talks to the network, so
//! it is where the network's failures are turned into messages a user can act on: an
//! address that is not a web address, a host that cannot be reached, a server that
//! does not answer in time, an error status, an answer that is not a web page or is
//! too large, a chain of redirects that does not end. Each names the address and says
//! what to do, which is usually to check the address or to save the page from the
//! browser and import the file.
//!
//! Redirects are followed here rather than by the client, one by one, so that each
//! target is checked (only `http:` and `https:`), the final address is known, and the
//! total time covers the whole chain. The body is read up to the size cap and no
//! further, whatever the server declares, and the cap counts the decompressed bytes.
//! A proxy named in the environment (`HTTPS_PROXY`, `ALL_PROXY`, with `NO_PROXY`) is
//! used, as other command-line tools do.

use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::{Response, StatusCode, header};
use url::Url;

/// What a server answered: the page, where it was found and what it says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The final address, after redirects.
    pub url: String,
    /// The `Content-Type` header as sent (with its `charset`, if any); `None` when the
    /// server sent none.
    pub content_type: Option<String>,
    /// The body, decompressed, at most [`Limits::max_bytes`] long.
    pub body: Vec<u8>,
}

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// For opening the connection (name lookup, TCP and TLS).
    pub connect_timeout: Duration,
    /// For the whole fetch: every redirect and the body.
    pub total_timeout: Duration,
    /// The largest body read, after decompression.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for Limits {
    /// 10 s to connect, 30 s in all, the size cap of content files, 10 redirects.
    fn default() -> Limits {
        Limits {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_bytes: crate::files::CONTENT_LIMIT.bytes,
            max_redirects: 10,
        }
    }
}

/// The advice shared by the messages where the page cannot be had from its address.
const SAVE: &str = "save the page from the browser and import the file";

/// Why a page could not be fetched. Each message names the address and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error(
        "`{url}` is not a web address ({reason}); give an address such as https://example.org/article"
    )]
    Malformed { url: String, reason: String },
    #[error(
        "`{url}` is a `{scheme}:` address, not a web page; give an http:// or https:// address, or import the file itself"
    )]
    NotWeb { url: String, scheme: String },
    #[error("cannot connect to {url}: {reason}; check the address and the connection, or {SAVE}")]
    Connect { url: String, reason: String },
    #[error("{url} did not answer within {after}; try again later, or {SAVE}")]
    TimedOut { url: String, after: String },
    #[error("the server answered {status} for {url}; check the address, or {SAVE}")]
    Status { url: String, status: String },
    #[error("{url} is more than {limit}, too large for an article; {SAVE}")]
    TooLarge { url: String, limit: String },
    #[error(
        "{url} answered with {content_type}, not a web page; give the address of the article's page, or import the file itself"
    )]
    NotAPage { url: String, content_type: String },
    #[error("{url} redirected more than {max} times; open it in a browser, or {SAVE}")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url} redirected to `{target}`, which is not an http:// or https:// address; {SAVE}")]
    RedirectNotWeb { url: String, target: String },
    #[error("fetching {url} failed: {reason}; try again, or {SAVE}")]
    Broken { url: String, reason: String },
}

/// The media types read as web pages.
const PAGE_TYPES: [&str; 3] = ["text/html", "application/xhtml+xml", "text/plain"];

/// Fetches the page at `url`, following redirects, within `limits`.
pub fn fetch(url: &str, limits: &Limits) -> Result<Fetched, FetchError> {
    let mut address = web_address(url)?;
    let deadline = Instant::now() + limits.total_timeout;
    let agent = agent(limits);
    let mut redirects = 0;
    loop {
        let mut response = get(&agent, &address, deadline, limits)?;
        let status = response.status();
        let Some(location) = status
            .is_redirection()
            .then(|| response.headers().get(header::LOCATION))
            .flatten()
        else {
            return read_page(address, &mut response, limits);
        };
        let target = String::from_utf8_lossy(location.as_bytes()).into_owned();
        address = redirect_target(&address, &target)?;
        redirects += 1;
        if redirects > limits.max_redirects {
            return Err(FetchError::TooManyRedirects {
                url: url.to_string(),
                max: limits.max_redirects,
            });
        }
    }
}

/// `url` parsed, checked to be an `http:` or `https:` address with a host, and
/// without its `#fragment` (which is never sent).
fn web_address(url: &str) -> Result<Url, FetchError> {
    let mut parsed = Url::parse(url.trim()).map_err(|e| FetchError::Malformed {
        url: url.to_string(),
        reason: match e {
            url::ParseError::RelativeUrlWithoutBase => "it does not start with https://".into(),
            other => other.to_string(),
        },
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::NotWeb {
            url: url.to_string(),
            scheme: parsed.scheme().to_string(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::Malformed {
            url: url.to_string(),
            reason: "it names no host".to_string(),
        });
    }
    parsed.set_fragment(None);
    Ok(parsed)
}

/// Where a redirect from `from` leads: `location` resolved against it, and only to a
/// web address.
fn redirect_target(from: &Url, location: &str) -> Result<Url, FetchError> {
    let refused = || FetchError::RedirectNotWeb {
        url: from.to_string(),
        target: location.to_string(),
    };
    let target = from.join(location).map_err(|_| refused())?;
    web_address(target.as_str()).map_err(|_| refused())
}

/// The client: it neither follows redirects nor treats error statuses as errors, so
/// that both are handled here with their own messages.
fn agent(limits: &Limits) -> Agent {
    Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_connect(Some(limits.connect_timeout))
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .accept("text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8")
        .build()
        .new_agent()
}

/// One GET of `address`, within what is left of the total time.
fn get(
    agent: &Agent,
    address: &Url,
    deadline: Instant,
    limits: &Limits,
) -> Result<Response<ureq::Body>, FetchError> {
    let left = deadline.saturating_duration_since(Instant::now());
    agent
        .get(address.as_str())
        .config()
        .timeout_global(Some(left))
        .build()
        .call()
        .map_err(|e| failure(address, e, limits))
}

/// A final answer: its status, type and size checked, its body read up to the cap.
fn read_page(
    address: Url,
    response: &mut Response<ureq::Body>,
    limits: &Limits,
) -> Result<Fetched, FetchError> {
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: address.to_string(),
            status: status_text(status),
        });
    }
    let content_type = header_text(response, header::CONTENT_TYPE);
    if let Some(kind) = &content_type
        && !PAGE_TYPES.contains(&media_type(kind).as_str())
    {
        return Err(FetchError::NotAPage {
            url: address.to_string(),
            content_type: media_type(kind),
        });
    }
    if let Some(encoding) = header_text(response, header::CONTENT_ENCODING).filter(|e| {
        !matches!(
            e.trim().to_ascii_lowercase().as_str(),
            "gzip" | "br" | "identity"
        )
    }) {
        return Err(FetchError::Broken {
            url: address.to_string(),
            reason: format!("the answer is compressed as `{encoding}`, which dossier cannot read"),
        });
    }
    // A declared length over the cap is refused before any of the body is read.
    if response
        .body()
        .content_length()
        .is_some_and(|n| n > limits.max_bytes)
    {
        return Err(too_large(&address, limits));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| failure(&address, e, limits))?;
    Ok(Fetched {
        url: address.to_string(),
        content_type,
        body,
    })
}

/// A header's value as text, if it was sent and is readable.
fn header_text(response: &Response<ureq::Body>, name: header::HeaderName) -> Option<String> {
    let value = response.headers().get(name)?;
    value.to_str().ok().map(str::to_string)
}

/// The media type of a `Content-Type` value, lower case, without its parameters.
fn media_type(content_type: &str) -> String {
    let kind = content_type.split(';').next().unwrap_or_default();
    kind.trim().to_ascii_lowercase()
}

/// "404 Not Found", or the bare code for one without a standard reason.
fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

fn too_large(address: &Url, limits: &Limits) -> FetchError {
    FetchError::TooLarge {
        url: address.to_string(),
        limit: size_text(limits.max_bytes),
    }
}

/// A size as people say it: "16 MB", "64 KB", "100 bytes".
fn size_text(bytes: u64) -> String {
    let (unit, name) = match bytes {
        1_000_000.. => (1_000_000.0, "MB"),
        1_000.. => (1_000.0, "KB"),
        _ => return format!("{bytes} bytes"),
    };
    let value = format!("{:.1}", bytes as f64 / unit);
    format!("{} {name}", value.trim_end_matches(".0"))
}

/// A duration as people say it: "30 s", "0.5 s".
fn seconds_text(duration: Duration) -> String {
    let value = format!("{:.1}", duration.as_secs_f64());
    format!("{} s", value.trim_end_matches(".0"))
}

/// The client's error as one of ours, about `address`.
fn failure(address: &Url, error: ureq::Error, limits: &Limits) -> FetchError {
    use ureq::Error as E;
    use ureq::Timeout as T;
    let url = address.to_string();
    let host = address.host_str().unwrap_or_default();
    let connect = |reason: String| FetchError::Connect {
        url: url.clone(),
        reason,
    };
    match error {
        E::Timeout(T::Connect | T::Resolve) => FetchError::TimedOut {
            url,
            after: seconds_text(limits.connect_timeout),
        },
        E::Timeout(_) => FetchError::TimedOut {
            url,
            after: seconds_text(limits.total_timeout),
        },
        E::HostNotFound => connect(format!("the host `{host}` was not found")),
        E::ConnectionFailed => connect(format!("no connection could be made to `{host}`")),
        E::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            connect(format!("`{host}` refused the connection"))
        }
        E::BodyExceedsLimit(_) => too_large(address, limits),
        E::Tls(_) | E::Rustls(_) | E::Pem(_) => FetchError::Broken {
            url,
            reason: format!("the secure connection failed ({error})"),
        },
        E::Decompress(kind, e) => FetchError::Broken {
            url,
            reason: format!("the {kind}-compressed answer is damaged ({e})"),
        },
        other => FetchError::Broken {
            url,
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_as_people_say_them() {
        assert_eq!(size_text(16_000_000), "16 MB");
        assert_eq!(size_text(1_500), "1.5 KB");
        assert_eq!(size_text(999), "999 bytes");
        assert_eq!(seconds_text(Duration::from_secs(30)), "30 s");
        assert_eq!(seconds_text(Duration::from_millis(300)), "0.3 s");
    }

    #[test]
    fn the_default_cap_is_the_content_cap() {
        assert_eq!(
            Limits::default().max_bytes,
            crate::files::CONTENT_LIMIT.bytes
        );
    }

    #[test]
    fn media_types_lose_their_parameters_and_case() {
        assert_eq!(media_type("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(media_type("application/pdf"), "application/pdf");
    }

    #[test]
    fn a_host_not_found_names_the_host_and_what_to_do() {
        let address = Url::parse("https://no-such-host.example/a").unwrap();
        let message = failure(&address, ureq::Error::HostNotFound, &Limits::default()).to_string();
        assert_eq!(
            message,
            "cannot connect to https://no-such-host.example/a: the host `no-such-host.example` \
             was not found; check the address and the connection, or save the page from the \
             browser and import the file"
        );
    }

    #[test]
    fn redirects_resolve_relative_targets_and_refuse_other_schemes() {
        let from = Url::parse("https://example.org/a/b").unwrap();
        assert_eq!(
            redirect_target(&from, "../c#top").unwrap().as_str(),
            "https://example.org/c"
        );
        assert!(matches!(
            redirect_target(&from, "file:///etc/passwd"),
            Err(FetchError::RedirectNotWeb { .. })
        ));
        assert!(matches!(
            redirect_target(&from, "javascript:alert(1)"),
            Err(FetchError::RedirectNotWeb { .. })
        ));
    }
}
