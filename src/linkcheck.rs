//! Checking a built site: every internal link and anchor must resolve.
//!
//! Pages are read with a streaming HTML rewriter (lol_html) to collect each page's
//! element ids and the `href`/`src` of its links, images and scripts (links inside
//! inline SVG pictures included). A link is internal when it is root-relative or
//! relative, or, when the site's base is given as a full URL, absolute under that URL
//! (canonical links); it must stay under the site's base path, name a file that
//! exists, and, with a fragment, an id on that page.
//!
//! The base of a built site can be read from the site itself ([`site_base_url`]), so a
//! site built with `--base-url` is checked against the base it was built for.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use percent_encoding::percent_decode_str;

/// A broken link: the page it is on and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page, as a path in the site (`articles/x/index.html`).
    pub page: String,
    pub url: String,
    pub problem: String,
    /// How to mend it.
    pub help: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: error: broken link `{}`: {}\n  help: {}",
            self.page, self.url, self.problem, self.help
        )
    }
}

struct PageLinks {
    ids: HashSet<String>,
    links: Vec<String>,
}

fn scan_page(html: &str) -> anyhow::Result<PageLinks> {
    let ids = RefCell::new(HashSet::new());
    let links = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                ids.borrow_mut()
                    .insert(html_escape::decode_html_entities(&id).into_owned());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[href], link[href]", |el| {
            if let Some(h) = el.get_attribute("href") {
                links
                    .borrow_mut()
                    .push(html_escape::decode_html_entities(&h).into_owned());
            }
            Ok(())
        }))
        .append_element_content_handler(element!(
            "img[src], script[src], iframe[src], source[src]",
            |el| {
                if let Some(s) = el.get_attribute("src") {
                    links
                        .borrow_mut()
                        .push(html_escape::decode_html_entities(&s).into_owned());
                }
                Ok(())
            }
        ));
    rewrite_str(html, settings).context("failed to read the page as HTML")?;
    Ok(PageLinks {
        ids: ids.into_inner(),
        links: links.into_inner(),
    })
}

/// The base URL a built site was made for: the first `<loc>` of its sitemap (the home
/// page), or else the `data-base` path of its home page. `None` when it has neither.
pub fn site_base_url(site: &Path) -> Option<String> {
    if let Ok(xml) = std::fs::read_to_string(site.join("sitemap.xml"))
        && let Some(start) = xml.find("<loc>")
        && let Some(len) = xml[start + 5..].find("</loc>")
    {
        let loc = quick_xml::escape::unescape(&xml[start + 5..start + 5 + len])
            .ok()?
            .into_owned();
        if let Ok(url) = url::Url::parse(&loc) {
            let mut base = url.clone();
            base.set_query(None);
            base.set_fragment(None);
            let path = base.path().to_string();
            base.set_path(&path[..path.rfind('/').map_or(0, |i| i + 1)]);
            return Some(base.to_string());
        }
    }
    let html = std::fs::read_to_string(site.join("index.html")).ok()?;
    let at = html.find("data-base=\"")? + "data-base=\"".len();
    let end = html[at..].find('"')?;
    Some(html_escape::decode_html_entities(&html[at..at + end]).into_owned())
}

/// Splits a base (`/repo/` or `https://user.github.io/repo/`) into the absolute URL
/// prefix, if any, and the path.
fn split_base(base: &str) -> (Option<String>, String) {
    match url::Url::parse(base) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            let mut path = u.path().to_string();
            if !path.ends_with('/') {
                path.push('/');
            }
            let mut prefix = u.clone();
            prefix.set_path(&path);
            prefix.set_query(None);
            prefix.set_fragment(None);
            (Some(prefix.to_string()), path)
        }
        _ => {
            let mut path = base.to_string();
            if !path.starts_with('/') {
                path.insert(0, '/');
            }
            if !path.ends_with('/') {
                path.push('/');
            }
            (None, path)
        }
    }
}

/// Checks every page under `site`, whose pages are served under `base`: a path
/// (`/repo/`) or a full URL (`https://user.github.io/repo/`), with which absolute links
/// under that URL are checked too.
pub fn check_site(site: &Path, base: &str) -> anyhow::Result<Vec<BrokenLink>> {
    let (base_url, base_path) = split_base(base);
    let mut pages: HashMap<String, PageLinks> = HashMap::new();
    let mut files: HashSet<String> = HashSet::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to read `{}`", site.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(site)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            let html = std::fs::read_to_string(entry.path())
                .with_context(|| format!("failed to read `{rel}`"))?;
            pages.insert(
                rel.clone(),
                scan_page(&html).with_context(|| format!("in `{rel}`"))?,
            );
        }
        files.insert(rel);
    }
    let mut broken = Vec::new();
    let mut names: Vec<&String> = pages.keys().collect();
    names.sort();
    for page in names {
        for url in &pages[page].links {
            let internal = match &base_url {
                Some(prefix) if url.starts_with(prefix.as_str()) => {
                    format!("{base_path}{}", &url[prefix.len()..])
                }
                _ => url.clone(),
            };
            if let Some((problem, help)) = check_link(page, &internal, &base_path, &files, &pages) {
                broken.push(BrokenLink {
                    page: page.clone(),
                    url: url.clone(),
                    problem,
                    help,
                });
            }
        }
    }
    Ok(broken)
}

/// What is wrong with a link of `page`, and how to mend it; `None` when it resolves.
fn check_link(
    page: &str,
    url: &str,
    base_path: &str,
    files: &HashSet<String>,
    pages: &HashMap<String, PageLinks>,
) -> Option<(String, String)> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("//")
    {
        return None;
    }
    if lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Some((
            "a script or data URL".to_string(),
            "link to an http or https address".to_string(),
        ));
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let target: String = if path.is_empty() {
        page.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        let Some(rest) = format!("/{abs}")
            .strip_prefix(base_path)
            .map(str::to_string)
        else {
            return Some((
                format!("it leaves the site's base path `{base_path}`"),
                format!(
                    "the site is published under `{base_path}`: a Markdown link or image written `{path}` is put under it by `dossier build`; in a template, write {{{{ url(path=\"{path}\") }}}}; in raw HTML, write the base path too"
                ),
            ));
        };
        rest
    } else {
        // Relative to the page's folder.
        let dir = Path::new(page)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut p = PathBuf::new();
        for c in dir.join(path).components() {
            match c {
                std::path::Component::ParentDir if !p.pop() => {
                    return Some((
                        "it leaves the site".to_string(),
                        "write the address from the site's root, starting with `/`".to_string(),
                    ));
                }
                std::path::Component::Normal(n) => p.push(n),
                _ => {}
            }
        }
        let mut s = p.to_string_lossy().replace('\\', "/");
        if path.ends_with('/') {
            s.push('/');
        }
        s
    };
    let target = percent_decode_str(&target).decode_utf8_lossy().into_owned();
    let resolved = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else if files.contains(&target) {
        target.clone()
    } else if files.contains(&format!("{target}/index.html")) {
        format!("{target}/index.html")
    } else {
        target.clone()
    };
    if !files.contains(&resolved) {
        let help = if path.starts_with('/') {
            format!(
                "a file in `static/` is published at its path there (`static/{resolved}` at `{base_path}{resolved}`): put the file there, or mend the address"
            )
        } else {
            let folder = Path::new(page).parent().map_or(String::new(), |p| {
                format!("{}/", p.to_string_lossy().replace('\\', "/"))
            });
            format!(
                "a relative address is resolved against the page's own folder (`{base_path}{folder}`); for a file in `static/`, write its path from the site's root: `/images/map.png` for `static/images/map.png`"
            )
        };
        return Some((format!("no file `{resolved}` in the site"), help));
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty())
        && let Some(p) = pages.get(&resolved)
        && !p
            .ids
            .contains(percent_decode_str(f).decode_utf8_lossy().as_ref())
    {
        return Some((
            format!("no element with id `{f}` in `{resolved}`"),
            "link to an id the page has, or leave out the `#` part".to_string(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_links_and_anchors() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("index.html"), r##"<a href="/repo/a/">ok</a><a href="/repo/a/#x">ok</a><a href="/repo/a/#nope">bad</a><a href="/elsewhere/">bad</a><a href="a/missing.html">bad</a><a href="#top">ok</a><p id="top"></p>"##).unwrap();
        std::fs::write(
            site.join("a/index.html"),
            r#"<p id="x"></p><a href="../index.html">ok</a>"#,
        )
        .unwrap();
        let broken = check_site(site, "/repo/").unwrap();
        let urls: Vec<&str> = broken.iter().map(|b| b.url.as_str()).collect();
        assert_eq!(urls, vec!["/repo/a/#nope", "/elsewhere/", "a/missing.html"]);
    }

    #[test]
    fn decodes_percent_escapes_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        std::fs::write(site.join("a b+c.html"), r#"<p id="x&y=z"></p>"#).unwrap();
        std::fs::write(site.join("q&&a=.html"), "").unwrap();
        std::fs::write(
            site.join("index.html"),
            r##"<a href="a%20b+c.html#x%26y=z">ok</a><a href="q&&a=.html">ok</a><a href="a b c.html">bad</a><a href="a%20b+c.html#x">bad</a>"##,
        )
        .unwrap();
        let broken = check_site(site, "/").unwrap();
        let urls: Vec<&str> = broken.iter().map(|b| b.url.as_str()).collect();
        assert_eq!(urls, vec!["a b c.html", "a%20b+c.html#x"]);
    }

    #[test]
    fn checks_absolute_links_under_a_full_base_url_and_svg_links() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(
            site.join("index.html"),
            r##"<link rel="canonical" href="https://u.github.io/repo/"><a href="https://u.github.io/repo/a/">ok</a><a href="https://u.github.io/repo/gone/">bad</a><a href="https://u.github.io/other/">another site</a><svg><a href="/repo/missing/"><circle r="1"/></a></svg>"##,
        )
        .unwrap();
        std::fs::write(site.join("a/index.html"), "<p>a</p>").unwrap();
        let broken = check_site(site, "https://u.github.io/repo/").unwrap();
        let urls: Vec<&str> = broken.iter().map(|b| b.url.as_str()).collect();
        assert_eq!(
            urls,
            vec!["https://u.github.io/repo/gone/", "/repo/missing/"]
        );
        // As a path only, absolute links are not checked.
        let broken = check_site(site, "/repo").unwrap();
        assert_eq!(broken.len(), 1, "{broken:?}");
    }

    #[test]
    fn reads_the_base_a_site_was_built_for() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("sitemap.xml"),
            "<urlset><url><loc>https://u.github.io/repo/</loc></url><url><loc>https://u.github.io/repo/a/</loc></url></urlset>",
        )
        .unwrap();
        assert_eq!(
            site_base_url(tmp.path()).as_deref(),
            Some("https://u.github.io/repo/")
        );
        std::fs::remove_file(tmp.path().join("sitemap.xml")).unwrap();
        std::fs::write(
            tmp.path().join("index.html"),
            r#"<html data-base="/sub/"></html>"#,
        )
        .unwrap();
        assert_eq!(site_base_url(tmp.path()).as_deref(), Some("/sub/"));
        std::fs::remove_file(tmp.path().join("index.html")).unwrap();
        assert_eq!(site_base_url(tmp.path()), None);
    }
}
