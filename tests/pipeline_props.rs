//! Whole-pipeline property tests: hostile dossiers (see `common/hostile.rs`) go through
//! `build`, through a `serve` rebuild after a hostile edit, and through `entities
//! suggest`, in process. Whatever the input, nothing panics, and whatever is built is
//! safe to open:
//! - no HTML element has an event-handler (`on…`) attribute, and no URL attribute
//!   (`href`, `src`, `action`, ...) holds a `javascript:`, `vbscript:` or
//!   `data:text/html` URL, however it is cased, spaced or written with entities;
//! - no inline script but the site's own JSON, which parses as JSON; no `iframe`,
//!   `object`, `embed` or `base` element; ids are unique on each page;
//! - every XML file (feed, sitemap) is well-formed XML 1.0, and the HTML the feed
//!   carries passes the HTML checks; every JSON file parses;
//! - a `serve` rebuild gives byte for byte what a full build of the same files gives.
//!
//! A panic is caught and reported with the smallest input proptest finds. Each test
//! runs `PIPELINE_CASES` cases (32 by default); `PROPTEST_CASES` raises it for a long
//! run, e.g. `PROPTEST_CASES=2000 cargo test --test pipeline_props`.

#[path = "common/hostile.rs"]
mod hostile;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use dossier::annotate::suggest::{SuggestInput, suggest_entities};
use dossier::build::{BuildOptions, analyse, build_in_memory, load_config};
use dossier::content::load_content;
use dossier::serve::http::overlay_html;
use dossier::serve::incremental::{Model, RebuildReport};
use dossier::serve::site::Site;
use dossier::serve::watch::{Change, Changes};
use lol_html::{RewriteStrSettings, element, rewrite_str, text};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use quick_xml::events::Event;

/// Cases per test when `PROPTEST_CASES` does not say. A case costs up to three
/// builds, most of it loading the theme's templates: about 1 s in the debug profile.
const PIPELINE_CASES: u32 = 32;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PIPELINE_CASES);
    Config {
        cases,
        // Each step of shrinking is a whole build: a few hundred give small inputs.
        max_shrink_iters: 256,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------
// Panics

/// Panic messages with their location, by message, as the hook saw them (the payload
/// that `catch_unwind` returns has no location).
static PANICS: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".to_string())
}

/// Records the panics of the pipeline (on this thread inside [`no_panic`], or on a
/// rayon worker) instead of printing them, so that shrinking stays quiet; any other
/// panic, such as a failed test, is printed as usual.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.get() || rayon::current_thread_index().is_some() {
                let message = payload_message(info.payload());
                let at = info
                    .location()
                    .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
                PANICS
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(message.clone(), format!("{message}{at}"));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into a test failure that says where it happened.
fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    install_panic_hook();
    CATCHING.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(false);
    result.map_err(|payload| {
        let message = payload_message(&*payload);
        let shown = PANICS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&message)
            .unwrap_or(message);
        TestCaseError::fail(format!("{what} panicked: {shown}"))
    })
}

// ---------------------------------------------------------------------------------
// What is checked in the output

/// Attributes whose value is a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "cite",
    "background",
];

/// Elements the site never writes, and that would load or run something.
const FOREIGN_ELEMENTS: &[&str] = &["iframe", "frame", "object", "embed", "base", "applet"];

/// An attribute value as a browser reads it: character references decoded once,
/// numeric ones with or without their `;` (`&#106` is `j`), named ones with it.
fn decode_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, len) = numeric_reference(rest)
            .or_else(|| named_reference(rest))
            .unwrap_or(('&'.to_string(), 1));
        out.push_str(&decoded);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// `&#106;`, `&#x6A`...: the character and the length of the reference.
fn numeric_reference(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix("&#")?;
    let (radix, digits_at) = match body.as_bytes().first()? {
        b'x' | b'X' => (16, 3),
        _ => (10, 2),
    };
    let digits = s[digits_at..]
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(s.len() - digits_at);
    if digits == 0 {
        return None;
    }
    let number = u32::from_str_radix(&s[digits_at..digits_at + digits], radix).unwrap_or(u32::MAX);
    let c = char::from_u32(number)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{fffd}');
    let semicolon = usize::from(s[digits_at + digits..].starts_with(';'));
    Some((c.to_string(), digits_at + digits + semicolon))
}

/// `&colon;`, `&Tab;`...: the text and the length of the reference.
fn named_reference(s: &str) -> Option<(String, usize)> {
    let end = s.char_indices().take(40).find(|&(_, c)| c == ';')?.0;
    let name = &s[..=end];
    if !name[1..end].chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let decoded = html_escape::decode_html_entities(name);
    (decoded != name).then(|| (decoded.into_owned(), name.len()))
}

/// Whether a URL (an attribute's value as written) runs script or a document when
/// followed. A browser decodes the references, strips leading and trailing spaces and
/// C0 controls, removes every tab and newline, and ignores the scheme's case.
fn is_script_url(raw: &str) -> bool {
    let decoded = decode_attribute(raw);
    let url: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// The problems of one HTML document (a page, or HTML carried in a feed).
fn html_problems(html: &str) -> Vec<String> {
    let problems = RefCell::new(Vec::new());
    let ids = RefCell::new(HashSet::new());
    // The kind of script element whose text comes next, and its text so far.
    let script = RefCell::new((false, String::new()));
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("*", |el| {
            let tag = el.tag_name();
            let problem = |p: String| problems.borrow_mut().push(format!("<{tag}>: {p}"));
            for a in el.attributes() {
                let (name, value) = (a.name(), a.value());
                if name.starts_with("on") {
                    problem(format!("event handler `{name}={value}`"));
                }
                if URL_ATTRIBUTES.contains(&name.as_str()) && is_script_url(&value) {
                    problem(format!("script URL `{name}={value}`"));
                }
                if name == "style" && value.to_ascii_lowercase().contains("javascript:") {
                    problem(format!("script in a style attribute `{value}`"));
                }
                if name == "id" && !ids.borrow_mut().insert(value.clone()) {
                    problem(format!("duplicate id `{value}`"));
                }
            }
            if FOREIGN_ELEMENTS.contains(&tag.as_str()) {
                problem("an element the site never writes".to_string());
            }
            if tag == "meta" && el.get_attribute("http-equiv").is_some() {
                problem("a `meta http-equiv`".to_string());
            }
            if tag == "script" {
                let json = el
                    .get_attribute("type")
                    .is_some_and(|t| t == "application/json");
                if el.get_attribute("src").is_none() && !json {
                    problem("an inline script".to_string());
                }
                *script.borrow_mut() = (json, String::new());
            }
            Ok(())
        }))
        .append_element_content_handler(text!("script", |t| {
            let mut script = script.borrow_mut();
            script.1.push_str(t.as_str());
            if t.last_in_text_node()
                && script.0
                && let Err(e) = serde_json::from_str::<serde_json::Value>(&script.1)
            {
                problems
                    .borrow_mut()
                    .push(format!("<script type=application/json>: not JSON ({e})"));
            }
            Ok(())
        }))
        .append_element_content_handler(text!("style", |t| {
            if t.as_str().to_ascii_lowercase().contains("javascript:") {
                problems
                    .borrow_mut()
                    .push("<style>: a script URL".to_string());
            }
            Ok(())
        }));
    if let Err(e) = rewrite_str(html, settings) {
        problems
            .borrow_mut()
            .push(format!("cannot be read as HTML: {e}"));
    }
    problems.into_inner()
}

/// Whether `c` may appear in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// The problems of one XML document: anything that keeps it from being well-formed
/// XML 1.0, and the problems of the HTML an Atom feed carries in `type="html"`
/// elements.
fn xml_problems(xml: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(c) = xml.chars().find(|&c| !is_xml_char(c)) {
        problems.push(format!("the character {c:?} is not allowed in XML"));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut depth, mut roots) = (0usize, 0usize);
    // The text of the `type="html"` element we are in, if any.
    let mut carried: Option<String> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                problems.push(format!(
                    "malformed at byte {}: {e}",
                    reader.buffer_position()
                ));
                break;
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                roots += usize::from(depth == 0);
                for a in e.attributes() {
                    match a {
                        Ok(a) => {
                            if let Err(e) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                                problems.push(format!("an attribute value: {e}"));
                            }
                        }
                        Err(e) => problems.push(format!("an attribute: {e}")),
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    let html = e
                        .try_get_attribute("type")
                        .ok()
                        .flatten()
                        .is_some_and(|t| &*t.value == "html");
                    if html {
                        carried = Some(String::new());
                    }
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some(html) = carried.take() {
                    problems.extend(
                        html_problems(&html)
                            .into_iter()
                            .map(|p| format!("carried HTML {p}")),
                    );
                }
            }
            Event::Text(t) => {
                if let Some(html) = &mut carried {
                    html.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(html) = &mut carried {
                    html.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) if is_xml_char(c) => {
                    if let Some(html) = &mut carried {
                        html.push(c);
                    }
                }
                Ok(Some(c)) => problems.push(format!("a reference to {c:?}, not allowed in XML")),
                Ok(None) => {
                    let name: &str = &r;
                    match quick_xml::escape::resolve_xml_entity(name) {
                        Some(text) => {
                            if let Some(html) = &mut carried {
                                html.push_str(text);
                            }
                        }
                        None => problems.push(format!("an undeclared entity `&{name};`")),
                    }
                }
                Err(e) => problems.push(format!("a character reference: {e}")),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        problems.push(format!("{depth} element(s) left open"));
    }
    if roots != 1 {
        problems.push(format!("{roots} root elements"));
    }
    problems
}

/// The problems of every file of a site, as `path: problem` lines.
fn site_problems<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<String> {
    let mut all = Vec::new();
    for (path, bytes) in files {
        let ext = Path::new(path).extension().and_then(|e| e.to_str());
        let problems = match (ext, std::str::from_utf8(bytes)) {
            (Some("html" | "xml" | "svg" | "json"), Err(e)) => vec![format!("not UTF-8: {e}")],
            (Some("html"), Ok(text)) => html_problems(text),
            (Some("xml" | "svg"), Ok(text)) => xml_problems(text),
            (Some("json"), Ok(text)) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(_) => Vec::new(),
                Err(e) => vec![format!("not JSON: {e}")],
            },
            _ => Vec::new(),
        };
        all.extend(problems.into_iter().map(|p| format!("{path}: {p}")));
    }
    all.sort();
    all
}

fn assert_safe(problems: Vec<String>) -> Result<(), TestCaseError> {
    prop_assert!(
        problems.is_empty(),
        "{} problem(s) in the site:\n{}",
        problems.len(),
        problems.join("\n")
    );
    Ok(())
}

// ---------------------------------------------------------------------------------
// Running the pipeline

/// A hostile dossier written to a temporary folder.
struct Written {
    dir: tempfile::TempDir,
}

impl Written {
    fn new(dossier: &hostile::Dossier) -> Written {
        let dir = tempfile::tempdir().expect("temp dir");
        dossier.write(dir.path());
        Written { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn opts(&self, base_url: Option<&str>) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            base_url: base_url.map(str::to_string),
            ..Default::default()
        }
    }
}

/// An edit to apply to a served dossier.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace one article's text.
    Rewrite(prop::sample::Index, String),
    /// Add an article.
    Add(String),
    /// Delete one article.
    Delete(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<prop::sample::Index>(), hostile::article()).prop_map(|(i, a)| Edit::Rewrite(i, a)),
        2 => hostile::article().prop_map(Edit::Add),
        1 => any::<prop::sample::Index>().prop_map(Edit::Delete),
    ]
}

impl Edit {
    /// Applies the edit to the files, and says what changed as the watcher would.
    fn apply(&self, dossier: &hostile::Dossier, root: &Path) -> Changes {
        let rel = |name: &str| PathBuf::from(format!("content/articles/{name}"));
        let path = match self {
            Edit::Rewrite(i, text) => {
                let path = rel(&i.get(&dossier.articles).0);
                std::fs::write(root.join(&path), text).expect("rewrite");
                path
            }
            Edit::Add(text) => {
                let path = rel("added.md");
                std::fs::write(root.join(&path), text).expect("add");
                path
            }
            Edit::Delete(i) => {
                let path = rel(&i.get(&dossier.articles).0);
                std::fs::remove_file(root.join(&path)).expect("delete");
                path
            }
        };
        let mut changes = Changes::default();
        changes.add(Change::Article(path));
        changes
    }
}

/// The site a served model holds, with the error overlay it would show as a page.
fn served_problems(model: &Model) -> Vec<String> {
    let site = model.site();
    let overlay = format!(
        "<!doctype html><html><body>{}</body></html>",
        overlay_html(&site.errors)
    );
    let mut files: Vec<(&str, &[u8])> = site.files.iter().map(|(p, b)| (&**p, &b[..])).collect();
    files.push(("(error overlay).html", overlay.as_bytes()));
    site_problems(files)
}

/// What `entities suggest` prints for the dossier, if it loads.
fn suggest(w: &Written) -> Result<Option<String>, TestCaseError> {
    no_panic("entities suggest", || {
        let config = load_config(&w.opts(None)).ok()?;
        let (content, diags) = load_content(&config, true);
        if diags.has_errors() {
            return None;
        }
        let (dossier, _, _) = analyse(config, content);
        let inputs: Vec<SuggestInput> = dossier
            .articles
            .iter()
            .map(|a| SuggestInput {
                slug: &a.article.slug,
                source: &a.article.source,
                blocks: &a.body.blocks,
            })
            .collect();
        Some(suggest_entities(&inputs, &dossier.registry))
    })
}

/// A served model's site is byte for byte a full build's.
fn assert_same_as_full_build(model: &Model, opts: &BuildOptions) -> Result<(), TestCaseError> {
    let full = no_panic("the full build", || build_in_memory(opts))?;
    let full = match full {
        Ok(full) => full,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "serve rebuilt without errors, but a full build of the same files fails:\n{e}"
            )));
        }
    };
    let site: Site = model.site();
    let mut want: Vec<&str> = full.files.iter().map(|f| f.path.as_str()).collect();
    let mut have: Vec<&str> = site.files.keys().map(|k| &**k).collect();
    want.sort();
    have.sort();
    prop_assert_eq!(have, want, "serve and a full build have different files");
    for f in &full.files {
        let ours = &site.files[f.path.as_str()];
        prop_assert!(
            ours[..] == f.bytes[..],
            "`{}` differs from a full build:\n--- serve\n{}\n--- build\n{}",
            f.path,
            String::from_utf8_lossy(ours),
            String::from_utf8_lossy(&f.bytes)
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// The properties

/// `build` never panics on the dossier, and what it builds runs no script and is well
/// formed; a dossier it refuses is refused with messages.
fn check_build(dossier: &hostile::Dossier) -> Result<(), TestCaseError> {
    let w = Written::new(dossier);
    match no_panic("build", || build_in_memory(&w.opts(None)))? {
        Ok(built) => assert_safe(site_problems(
            built.files.iter().map(|f| (f.path.as_str(), &f.bytes[..])),
        )),
        Err(errors) => {
            prop_assert!(!errors.0.is_empty());
            for d in errors.0.iter() {
                prop_assert!(!d.message.trim().is_empty(), "an empty message: {d:?}");
            }
            Ok(())
        }
    }
}

/// `serve` loads the dossier and rebuilds it after the edit without a panic, serves
/// nothing unsafe (its error overlay included), and ends with what a full build of
/// the same files gives.
fn check_serve(dossier: &hostile::Dossier, edit: &Edit) -> Result<(), TestCaseError> {
    let w = Written::new(dossier);
    let opts = w.opts(Some("http://127.0.0.1:1111/"));
    let Ok((mut model, _)) = no_panic("serve's first build", || Model::load(&opts))? else {
        // Nothing to serve; `check_build` covers the refusal.
        return Ok(());
    };
    assert_safe(served_problems(&model))?;
    let changes = edit.apply(dossier, w.root());
    no_panic("serve's rebuild", || {
        model.rebuild(&changes);
        model.ensure_data(&mut RebuildReport::default());
    })?;
    assert_safe(served_problems(&model))?;
    if model.errors().is_empty() {
        assert_same_as_full_build(&model, &opts)
    } else {
        let full = no_panic("the full build", || build_in_memory(&opts))?;
        prop_assert!(
            full.is_err(),
            "serve refused the edit, but a full build of the same files succeeds:\n{}",
            model.errors().into_failure()
        );
        Ok(())
    }
}

/// `entities suggest` never panics on the dossier, and prints TOML.
fn check_suggest(dossier: &hostile::Dossier) -> Result<(), TestCaseError> {
    let w = Written::new(dossier);
    if let Some(text) = suggest(&w)?
        && let Err(e) = toml::from_str::<toml::Table>(&text)
    {
        return Err(TestCaseError::fail(format!(
            "the suggestions are not TOML ({e}):\n{text}"
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn hostile_dossiers_build_without_panic_or_script(dossier in hostile::dossier()) {
        check_build(&dossier)?;
    }

    #[test]
    fn serve_rebuilds_after_hostile_edits_match_a_full_build(
        dossier in hostile::dossier(),
        edit in edit(),
    ) {
        check_serve(&dossier, &edit)?;
    }

    #[test]
    fn entities_suggest_on_hostile_dossiers_prints_toml(dossier in hostile::dossier()) {
        check_suggest(&dossier)?;
    }
}

// ---------------------------------------------------------------------------------
// The test of the tests

/// The checks find what they look for: every kind of problem, however disguised.
#[test]
fn the_site_checks_catch_script_and_malformed_output() {
    let bad_html = [
        "<p onclick=\"x\">",
        "<p ONMouseOver=x>",
        "<a href=\" JaVa&#x53;cript:alert(1)\">",
        "<a href=\"java&#9;script:alert(1)\">",
        "<a href=\"&#1;javascript:alert(1)\">",
        "<a href=\"&#106&#97vascript:alert(1)\">",
        "<a href=\"javascript&colon;alert(1)\">",
        "<a href=\"java&Tab;script:alert(1)\">",
        "<img src=\"vbscript:x\">",
        "<iframe src=\"DATA:text/html,x\"></iframe>",
        "<form action=javascript:x>",
        "<button formaction=javascript:x>",
        "<svg><a xlink:href=\"javascript:x\"></a></svg>",
        "<p id=a></p><p id=a></p>",
        "<script>alert(1)</script>",
        "<script type=\"application/json\">{\"a\": \"</script><b>\"}</script>",
        "<base href=/>",
    ];
    for html in bad_html {
        assert!(!html_problems(html).is_empty(), "missed: {html}");
    }
    let good_html = "<!doctype html><p id=a class=on><a href=\"/javascript:x\">javascript:</a>\
        <a href=\"https://example.org/?q=javascript:x\">x</a>\
        <a href=\"&amp;#106;avascript:x\">x</a><a href=\"java&#1;script:x\">x</a></p>\
        <script type=\"application/json\" id=\"b\">{\"a\": \"\\u003c/script>\"}</script>\
        <script src=\"/dossier.js\" defer></script>";
    assert_eq!(html_problems(good_html), Vec::<String>::new());

    let bad_xml = [
        "<a><b></a>",
        "<a>",
        "<a/><b/>",
        "<a>\u{1}</a>",
        "<a>&#0;</a>",
        "<a>&nbsp;</a>",
        "<a x=\"1\" x=\"2\"/>",
        "<feed><content type=\"html\">&lt;b onclick=x&gt;</content></feed>",
    ];
    for xml in bad_xml {
        assert!(!xml_problems(xml).is_empty(), "missed: {xml}");
    }
    let good_xml = "<?xml version=\"1.0\"?><feed a=\"&amp;\"><content type=\"html\">&lt;b&gt;x&amp;amp;&lt;/b&gt;</content>&#233;</feed>";
    assert_eq!(xml_problems(good_xml), Vec::<String>::new());

    let site = [
        ("data/x.json", &b"{"[..]),
        ("x.html", b"<p id=a><p id=a>"),
        ("a.css", b""),
    ];
    assert_eq!(site_problems(site).len(), 2);
}

/// The generators reach the renderer: most hostile dossiers are accepted rather than
/// refused, so the properties test pages, not only error messages.
#[test]
fn hostile_dossiers_are_mostly_accepted() {
    let accepted = |w: &Written| {
        let Ok(config) = load_config(&w.opts(None)) else {
            return false;
        };
        let (content, diags) = load_content(&config, false);
        !diags.has_errors() && !analyse(config, content).2.has_errors()
    };
    let mut runner = TestRunner::deterministic();
    let strategy = hostile::dossier();
    let (mut ok, total) = (0, 40);
    for _ in 0..total {
        let dossier = strategy.new_tree(&mut runner).expect("a dossier").current();
        let w = Written::new(&dossier);
        if let Ok(true) = no_panic("loading", || accepted(&w)) {
            ok += 1;
        }
    }
    assert!(
        ok * 3 > total * 2,
        "only {ok} of {total} hostile dossiers accepted"
    );
}

/// The problems a failed check reports, one a line: each problem of an unsafe site, or
/// the first line of any other failure.
fn problem_lines(check: &str, e: &TestCaseError) -> Vec<String> {
    let text = match e {
        TestCaseError::Fail(reason) | TestCaseError::Reject(reason) => reason.message(),
    };
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    if first.ends_with("problem(s) in the site:") {
        lines.map(|l| format!("{check}: {l}")).collect()
    } else {
        vec![format!("{check}: {first}")]
    }
}

/// Every distinct problem in `SURVEY_CASES` (200) hostile dossiers, with the smallest
/// dossier that shows it: a property test stops at its first failure, this lists them
/// all. `cargo test --test pipeline_props -- --ignored --nocapture`.
#[test]
#[ignore = "a survey for people fixing the pipeline, not a check"]
fn survey_every_distinct_problem() {
    let cases: usize = std::env::var("SURVEY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let mut runner = TestRunner::new(Config::default());
    let (dossiers, edits) = (hostile::dossier(), edit());
    // Problem, its text without details -> (times seen, smallest example's size, example).
    let mut found: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    for _ in 0..cases {
        let dossier = dossiers.new_tree(&mut runner).expect("a dossier").current();
        let edit = edits.new_tree(&mut runner).expect("an edit").current();
        let size = dossier.size();
        let results = [
            ("build", check_build(&dossier)),
            ("serve", check_serve(&dossier, &edit)),
            ("suggest", check_suggest(&dossier)),
        ];
        for (check, result) in results {
            let Err(e) = result else { continue };
            for problem in problem_lines(check, &e) {
                let key: String = problem
                    .split('`')
                    .next()
                    .unwrap_or_default()
                    .replace(|c: char| c.is_ascii_digit(), "N");
                let entry = found.entry(key).or_insert((0, usize::MAX, String::new()));
                entry.0 += 1;
                if size < entry.1 {
                    entry.1 = size;
                    entry.2 = format!("{problem}\n{dossier:#?}\n{edit:?}");
                }
            }
        }
    }
    for (key, (n, _, example)) in &found {
        println!("==== {n} x {key}\n{example}\n");
    }
}
