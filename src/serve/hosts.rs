//! Which `Host` and `Origin` headers the dev server answers: its guard against DNS
//! rebinding.
//!
//! A page on `http://evil.example/` can have its name re-pointed at 127.0.0.1 and then
//! read this server's pages and live-reload socket as if they were its own. The browser
//! still says which name it asked for in `Host`, so every request (the websocket
//! upgrade included) must name this server: `localhost` (or a `*.localhost` name, which
//! browsers resolve to this machine themselves), a loopback address, the address the
//! server is bound to, or the name given to `--host`. The port is not checked: a port
//! forwarded elsewhere (`ssh -L 8080:localhost:1111`) is the same server, and a name that
//! is not this one is refused whatever its port.
//!
//! Bound to every address (`--host 0.0.0.0` or `::`) on purpose, the server cannot know
//! all the names the machine answers to, so any `Host` is accepted. In every case an
//! `Origin`, when a browser sends one, must be the very origin named by `Host`: no other
//! site's page can open the live-reload socket or read a page with a script.

use std::net::{IpAddr, SocketAddr};

use url::{Host, Url};

/// The names and addresses one running server answers to.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    /// The bound address; when it is every address (`0.0.0.0`, `::`), any `Host` is
    /// this server.
    bound: IpAddr,
    /// The name given to `--host` or `serve.host`, when it is a name and not `localhost`.
    name: Option<String>,
    /// Where the site is, for the message of a refusal.
    base_url: String,
}

/// Why a request was refused, as the short plain-text body of the 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl HostPolicy {
    /// The policy of a server bound to `addr`, asked for with `host` (`--host` or
    /// `serve.host`) and reachable at `base_url`.
    pub fn new(host: &str, addr: SocketAddr, base_url: &str) -> HostPolicy {
        let name = match parse_authority(host) {
            Some(Host::Domain(d)) if !is_localhost(&d) => Some(d),
            _ => None,
        };
        HostPolicy {
            bound: addr.ip(),
            name,
            base_url: base_url.to_string(),
        }
    }

    /// Checks a request's `Host` (or the authority of an absolute request target) and,
    /// when present, its `Origin`.
    pub fn check(&self, host: Option<&str>, origin: Option<&str>) -> Result<(), Refusal> {
        let Some(host) = host else {
            return Err(self.refuse("the request names no host (no `Host` header)"));
        };
        let Some(name) = parse_authority(host) else {
            return Err(self.refuse(&format!("`{host}` is not a host name")));
        };
        if !self.answers_to(&name) {
            return Err(self.refuse(&format!(
                "this server does not answer to the name `{host}` (a guard against DNS rebinding); pass `--host {name}` to serve under that name"
            )));
        }
        match origin {
            Some(origin) if !same_origin(origin, host) => Err(Refusal(format!(
                "403 Forbidden: requests from pages of `{origin}` are refused; only pages of {} may use this server\n",
                self.base_url
            ))),
            _ => Ok(()),
        }
    }

    fn answers_to(&self, name: &Host) -> bool {
        self.bound.is_unspecified()
            || match name {
                Host::Domain(d) => is_localhost(d) || self.name.as_deref() == Some(d.as_str()),
                Host::Ipv4(ip) => ip.is_loopback() || IpAddr::V4(*ip) == self.bound,
                Host::Ipv6(ip) => ip.is_loopback() || IpAddr::V6(*ip) == self.bound,
            }
    }

    fn refuse(&self, why: &str) -> Refusal {
        Refusal(format!(
            "403 Forbidden: {why}. Open {} instead.\n",
            self.base_url
        ))
    }
}

/// `localhost`, `localhost.` and `*.localhost`, which resolve to this machine alone.
fn is_localhost(domain: &str) -> bool {
    let d = domain.strip_suffix('.').unwrap_or(domain);
    d == "localhost" || d.ends_with(".localhost")
}

/// The host named by an authority (`name`, `name:port`, `[::1]:port`), or `None` if it
/// is anything else (a user name, a path, a space).
fn parse_authority(authority: &str) -> Option<Host> {
    let url = parse_origin(&format!("http://{authority}"))?;
    url.host().map(|h| h.to_owned())
}

/// An `http` or `https` URL with nothing but a scheme, a host and perhaps a port.
fn parse_origin(text: &str) -> Option<Url> {
    let (_, authority) = text.split_once("://")?;
    if authority.is_empty() || authority.contains(['@', '/', '\\', '?', '#', ' ', '\t']) {
        return None;
    }
    let url = Url::parse(text).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Whether `origin` (`http://localhost:1111`) is the origin of a page at `host`
/// (`localhost:1111`), the port a scheme's default when one leaves it out.
fn same_origin(origin: &str, host: &str) -> bool {
    let Some(origin) = parse_origin(origin) else {
        return false;
    };
    let Some(page) = parse_origin(&format!("{}://{host}", origin.scheme())) else {
        return false;
    };
    origin.host() == page.host() && origin.port_or_known_default() == page.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(host: &str, addr: &str) -> HostPolicy {
        let addr: SocketAddr = addr.parse().unwrap();
        HostPolicy::new(host, addr, &format!("http://{host}:{}/", addr.port()))
    }

    #[test]
    fn loopback_server_answers_only_to_its_own_names() {
        let p = policy("127.0.0.1", "127.0.0.1:1111");
        for host in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:1111",
            "app.localhost:1111",
            "[::1]:1111",
            "127.0.0.1:8080", // a forwarded port
        ] {
            assert_eq!(p.check(Some(host), None), Ok(()), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "192.168.1.20:1111",
            "127.0.0.1@evil.example",
            "evil.example/127.0.0.1",
            "",
            "local host",
        ] {
            let refused = p.check(Some(host), None).unwrap_err();
            assert!(refused.0.starts_with("403 Forbidden: "), "{refused:?}");
            assert!(refused.0.contains("http://127.0.0.1:1111/"), "{refused:?}");
        }
        assert!(p.check(None, None).is_err());
    }

    #[test]
    fn a_name_or_address_given_to_host_is_accepted() {
        let p = policy("devbox.lan", "192.168.1.20:1111");
        for host in [
            "devbox.lan:1111",
            "DevBox.LAN",
            "192.168.1.20:1111",
            "localhost",
        ] {
            assert_eq!(p.check(Some(host), None), Ok(()), "{host}");
        }
        assert!(p.check(Some("evil.example:1111"), None).is_err());
        assert!(p.check(Some("192.168.1.21:1111"), None).is_err());
    }

    #[test]
    fn wildcard_server_takes_any_host_but_only_its_own_origin() {
        let p = policy("0.0.0.0", "0.0.0.0:1111");
        assert_eq!(p.check(Some("devbox.lan:1111"), None), Ok(()));
        assert_eq!(
            p.check(Some("devbox.lan:1111"), Some("http://devbox.lan:1111")),
            Ok(())
        );
        for origin in [
            "http://evil.example",
            "http://devbox.lan:2222",
            "http://devbox.lan",
            "null",
            "file://",
        ] {
            assert!(
                p.check(Some("devbox.lan:1111"), Some(origin)).is_err(),
                "{origin}"
            );
        }
    }

    #[test]
    fn origin_must_be_the_host_itself() {
        let p = policy("127.0.0.1", "127.0.0.1:1111");
        let ok = [
            ("127.0.0.1:1111", "http://127.0.0.1:1111"),
            ("localhost:1111", "http://LOCALHOST:1111"),
            ("[::1]:1111", "http://[::1]:1111"),
            ("localhost", "http://localhost"),
            ("localhost:80", "http://localhost"),
            ("localhost", "https://localhost:443"),
        ];
        for (host, origin) in ok {
            assert_eq!(p.check(Some(host), Some(origin)), Ok(()), "{host} {origin}");
        }
        let refused = [
            ("127.0.0.1:1111", "http://localhost:1111"),
            ("127.0.0.1:1111", "http://127.0.0.1:3000"),
            ("127.0.0.1:1111", "http://evil.example"),
            ("127.0.0.1:1111", "null"),
            ("127.0.0.1:1111", "http://127.0.0.1:1111@evil.example"),
        ];
        for (host, origin) in refused {
            let r = p.check(Some(host), Some(origin)).unwrap_err();
            assert!(r.0.contains(origin), "{r:?}");
        }
    }
}
