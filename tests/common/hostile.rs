//! Hostile dossiers for whole-pipeline property tests: Markdown, front matter, entity
//! registries and configurations assembled from the pieces that break parsers,
//! escapers and date arithmetic (attribute blocks with `on…` handlers, `javascript:`
//! links in every disguise, raw HTML, unbalanced quotes, control characters, dates at
//! the ends of the calendar, very long words).
//!
//! Values that go into TOML are serialised with the `toml` crate, so the files are
//! valid TOML holding hostile strings; a small share of cases breaks the structure on
//! purpose (an unclosed front matter, a value the schema refuses) to reach the error
//! paths as well.
#![allow(dead_code)]

use std::path::Path;

use proptest::prelude::*;
use toml::value::{Datetime, Table, Value};

/// Entity names and aliases: plausible ones, and ones that try to break out of the
/// markup they are written into.
pub const NAMES: &[&str] = &[
    "Adel Abdul Mahdi",
    "Abdul Mahdi",
    "Iraq",
    "Mike Pompeo",
    "Reuters",
    "Kata'ib <Hezbollah>",
    "Mahdi & Co",
    "«Le Monde»",
    "O'Brien",
    "\"Quoted\" Name",
    "</script><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "javascript:alert(1)",
    "Tomorrow",
    "Said",
    "\u{202e}Reversed Name",
    "علي السيستاني",
    "A",
    "The",
    "{{ config }}",
    "{% raw %}",
];

/// Entity ids a registry gives (valid slugs), plus ones the registry refuses.
const IDS: &[&str] = &["e-0", "e-1", "e-2", "e-3", "iraq", "on-click", "script"];
const BAD_IDS: &[&str] = &["Not An Id", "", "a/b"];

/// URLs for front matter and registry links: good ones, odd ones a browser still
/// treats as http, and the schemes that run script.
const URLS: &[&str] = &[
    "https://example.org/a",
    "http://example.org/a?b=1&c=2#d",
    "https://example.org/\"onmouseover=\"alert(1)",
    "https://example.org/<script>alert(1)</script>",
    "HTTPS://EXAMPLE.ORG/",
];
const REFUSED_URLS: &[&str] = &[
    "https://example.org/ spaces /",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
];

/// `base_url` values: the accepted forms and a few refused ones.
const BASE_URLS: &[&str] = &[
    "https://example.org/sub/",
    "https://example.org",
    "/",
    "",
    "/sub",
    "http://127.0.0.1:1111/",
    "https://example.org/\"onmouseover=\"alert(1)/",
    "https://example.org/<x>/",
];
/// `language` values: tags of the registry, and values that are no tag at all (refused,
/// but never to be written into a page unescaped).
const LANGUAGES: &[&str] = &["en", "ar", "fr-CA", "zh-Hant", "en-GB"];
const REFUSED_LANGUAGES: &[&str] = &["\" onclick=\"alert(1)", "<x>", "english", ""];

const REFUSED_BASE_URLS: &[&str] = &[
    "javascript:alert(1)//",
    "https://example.org/?q=1",
    "https://example.org/a b/",
    "//example.org/",
];

/// Dates for `date =`: TOML dates and date-times (the ends of the calendar, leap days,
/// extreme offsets) and strings holding them, some of them not dates at all.
const DATES: &[&str] = &[
    "2020-01-05",
    "2020-01-05",
    "2020-01-06",
    "2020-02-29",
    "9999-12-31",
    "0001-01-01",
    "2020-01-05T14:30:00Z",
    "2020-01-05T23:59:59+14:00",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2020-01-05 10:30:00",
    "2020-01-05T10:30:00.123456789",
];
const DATE_STRINGS: &[&str] = &["2020-01-05", " 2020-01-05 ", "9999-12-31T23:59"];
const REFUSED_DATE_STRINGS: &[&str] = &["2020-02-30", "2020-13-01", "20-1-5", ""];

/// Phrases the timeline resolves against the article's date.
const DATE_PHRASES: &[&str] = &[
    "Tomorrow",
    "tomorrow",
    "yesterday",
    "today",
    "tonight",
    "on Monday",
    "last Friday",
    "next week",
    "last week",
    "three days ago",
    "two days after",
    "for three months",
    "over the past 9999 weeks",
    "in late 2017",
    "since early 1900",
    "in 2099",
    "9999",
    "December 31, 9999",
    "January 1, 0001",
    "in May",
    "31 December",
];

/// Ordinary words, to make sentences, attributions and quotes.
const WORDS: &[&str] = &[
    "said",
    "told",
    "he",
    "she",
    "they",
    "the",
    "parliament",
    "voted",
    "Baghdad",
    "in",
    "and",
    "according",
    "to",
    "wrote",
    "Mr.",
    "U.S.",
    "protesters",
    "a",
    "of",
    "on",
];

/// Quotation marks of every kind, for balanced, unbalanced and nested quotes.
const QUOTES: &[&str] = &[
    "\"", "“", "”", "„", "‘", "’", "'", "«", "»", "‹", "›", "「", "」",
];

/// Emphasis and other inline punctuation that interacts with quotes.
const PUNCTUATION: &[&str] = &[
    "*", "**", "_", "__", "~~", "`", "\\", "[", "]", "(", ")", "!", "<", ">", "&", "|", ",", ".",
    ":", ";", "?", "—", "…",
];

/// Links and images with script URLs in every disguise, and links the analyser resolves.
const LINKS: &[&str] = &[
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](java&#09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](\u{1}javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](DATA:text/html;base64,PHNjcmlwdD4=)",
    "[x](javascript:alert(1) \"title\")",
    "[x](https://example.org/ \"t\\\" onmouseover=\\\"alert(1)\")",
    "[x](https://example.org/\"onmouseover=\"alert(1))",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<https://example.org/>",
    "<mailto:a@example.org>",
    "a@example.org",
    "www.example.org",
    "![x](javascript:alert(1))",
    "![x](JaVaScRiPt:alert(1))",
    "![x](data:text/html,<script>alert(1)</script>)",
    "![x\" onerror=\"alert(1)](x.png)",
    "![x](x.png \"t\\\" onerror=\\\"alert(1)\")",
    "[![x](javascript:alert(1))](javascript:alert(1))",
    "[x][ref]",
    "[ref]",
    "[x](entity:e-0)",
    "[x](entity:e-1)",
    "[x](article:a0)",
    "[x](article:a0 \"title\")",
    "[x](#m-1)",
    "[x](#top)",
    "[^1]",
    "[^note]",
    "[^1]: a note",
];

/// Links the analyser refuses (an unknown entity or article).
const REFUSED_LINKS: &[&str] = &["[x](entity:missing)", "[x](entity:)", "[x](article:nope)"];

/// Raw HTML, inline or as a block: escaped unless the dossier allows raw HTML, and
/// never to carry script either way out of this generator's reach.
const HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<div onclick=\"alert(1)\">x</div>",
    "<b onmouseover=alert(1)>x</b>",
    "<svg onload=alert(1)>",
    "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>x</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<!-- comment -->",
    "<!--",
    "-->",
    "<![CDATA[ x ]]>",
    "]]>",
    "<?xml version=\"1.0\"?>",
    "<details open ontoggle=alert(1)>",
    "<p id=\"m-1\">",
    "&lt;script&gt;",
    "&amp;",
    "&#0;",
    "&#x1;",
    "&#xFFFF;",
    "&#x10FFFF;",
    "&nbsp;",
    "&#106;avascript:",
    "&bogus;",
];

/// Characters that are not text: control characters, a lone CR, NUL, direction marks,
/// separators, non-characters.
const CONTROLS: &[&str] = &[
    "\0",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\r",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{202e}",
    "\u{202d}",
    "\u{200f}",
    "\u{200e}",
    "\u{2066}",
    "\u{2069}",
    "\u{200b}",
    "\u{ad}",
    "\u{301}",
    "\u{1f600}",
];

/// Items of a heading's `{…}` attribute block.
const HEADING_ATTRIBUTES: &[&str] = &[
    "#id",
    "#m-1",
    "#top",
    "#main",
    "#aside-entities-title",
    "#dup",
    ".class",
    ".a.b",
    "key=value",
    "onclick=alert(1)",
    "onclick=\"alert(1)\"",
    "ONLOAD=alert(1)",
    "onmouseover='alert(1)'",
    "href=javascript:alert(1)",
    "src=javascript:alert(1)",
    "style=\"background:url(javascript:alert(1))\"",
    "id=dup",
    "x=\"\\\"onclick=alert(1)\"",
    "=",
    "\"",
];

fn pick(pool: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(pool).prop_map(str::to_string).boxed()
}

/// A word far longer than any line, of up to `max` repeats of letters or of letters
/// glued to punctuation.
fn long_word(max: usize) -> impl Strategy<Value = String> {
    (
        1..max,
        prop::sample::select(&["a", "é", "x-", "&", "“"][..]),
    )
        .prop_map(|(n, unit)| unit.repeat(n))
}

/// One inline piece of hostile text.
pub fn inline_piece() -> impl Strategy<Value = String> {
    piece_up_to(5000)
}

/// One inline piece of hostile text, its long words at most `long` repeats long.
fn piece_up_to(long: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => pick(WORDS),
        4 => pick(NAMES),
        3 => pick(QUOTES),
        3 => pick(PUNCTUATION),
        6 => prop::sample::select(&[" ", " ", " ", "  \n", "\n", "\t", "\u{a0}"][..])
            .prop_map(str::to_string),
        3 => pick(LINKS),
        1 => prop::option::weighted(0.01, pick(REFUSED_LINKS)).prop_map(Option::unwrap_or_default),
        2 => pick(HTML),
        2 => pick(DATE_PHRASES),
        2 => pick(CONTROLS),
        1 => long_word(long),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,12}",
    ]
}

/// A run of inline pieces (a sentence or a paragraph).
pub fn inline_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(inline_piece(), 0..max).prop_map(|p| p.concat())
}

/// A heading, ATX or setext, often with an attribute block.
fn heading() -> impl Strategy<Value = String> {
    (
        1usize..=7,
        inline_text(8),
        prop::option::weighted(0.7, prop::collection::vec(pick(HEADING_ATTRIBUTES), 0..5)),
        any::<bool>(),
    )
        .prop_map(|(level, text, attrs, setext)| {
            let attrs = attrs.map_or(String::new(), |a| format!(" {{{}}}", a.join(" ")));
            if setext {
                let underline = if level % 2 == 0 { "---" } else { "===" };
                format!("{text}{attrs}\n{underline}")
            } else {
                format!("{} {text}{attrs}", "#".repeat(level))
            }
        })
}

/// A GFM table with hostile cells (pipes and newlines included).
fn table() -> impl Strategy<Value = String> {
    (1usize..4, prop::collection::vec(inline_text(4), 1..10)).prop_map(|(cols, cells)| {
        let row = |cells: &[String]| {
            let mut cells: Vec<String> = cells.iter().map(|c| c.replace('\n', " ")).collect();
            cells.resize(cols, String::new());
            format!("| {} |", cells.join(" | "))
        };
        let mut lines = vec![row(&cells[..1]), format!("|{}", "---|".repeat(cols))];
        lines.extend(cells[1..].chunks(cols).map(row));
        lines.join("\n")
    })
}

/// A fenced or indented code block, its info string hostile too.
fn code() -> impl Strategy<Value = String> {
    (
        prop::sample::select(
            &[
                "",
                "rust",
                "js onclick=alert(1)",
                "\"><script>alert(1)</script>",
                "{.class #id onclick=alert(1)}",
            ][..],
        ),
        inline_text(10),
        any::<bool>(),
    )
        .prop_map(|(info, text, fenced)| {
            if fenced {
                format!("```{info}\n{text}\n```")
            } else {
                text.lines().map(|l| format!("    {l}\n")).collect()
            }
        })
}

/// One block of Markdown.
pub fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => inline_text(30),
        3 => heading(),
        1 => table(),
        1 => code(),
        2 => pick(HTML),
        1 => inline_text(10).prop_map(|t| format!("> {t}")),
        1 => inline_text(10).prop_map(|t| format!("> [!WARNING]\n> {t}")),
        1 => prop::collection::vec(inline_text(6), 1..4).prop_map(|items| {
            items.iter().map(|i| format!("- [ ] {i}\n")).collect()
        }),
        1 => inline_text(8).prop_map(|t| format!("1. {t}\n   1. {t}")),
        1 => inline_text(6).prop_map(|t| format!("[^1]: {t}")),
        1 => prop_oneof![4 => pick(URLS), 1 => pick(REFUSED_URLS)]
            .prop_map(|u| format!("[ref]: {u} \"title\"")),
        1 => Just("***".to_string()),
        1 => Just("+++".to_string()),
    ]
}

/// A whole Markdown body: blocks separated by blank lines (LF, CRLF or lone CR).
pub fn markdown() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 0..12),
        prop::sample::select(&["\n\n", "\n\n", "\n\n", "\r\n\r\n", "\r\r", "\n"][..]),
    )
        .prop_map(|(blocks, sep)| blocks.join(sep))
}

/// A value the loader accepts, or with probability `share` one it refuses.
fn or_refused<T: std::fmt::Debug + Clone + 'static>(
    share: f64,
    accepted: impl Strategy<Value = T> + 'static,
    refused: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    (prop::bool::weighted(share), accepted, refused)
        .prop_map(|(refuse, a, r)| if refuse { r } else { a })
        .boxed()
}

fn url() -> BoxedStrategy<String> {
    or_refused(0.005, pick(URLS), pick(REFUSED_URLS))
}

fn date_value() -> impl Strategy<Value = Value> {
    let accepted = prop_oneof![
        8 => prop::sample::select(DATES)
            .prop_map(|d| Value::Datetime(d.parse::<Datetime>().expect("a TOML date"))),
        1 => pick(DATE_STRINGS).prop_map(Value::String),
    ];
    let refused = prop_oneof![
        pick(REFUSED_DATE_STRINGS).prop_map(Value::String),
        Just(Value::Integer(20200105)),
    ];
    or_refused(0.005, accepted, refused)
}

/// A short hostile string for a title, an outlet, a tag or an author (it may be
/// blank).
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pick(WORDS),
        2 => pick(NAMES),
        3 => inline_text(5),
        1 => Just(" ".to_string()),
    ]
}

/// A label for a field that must not be blank (a title, an outlet); now and then a
/// blank one all the same.
fn required_label() -> BoxedStrategy<String> {
    let accepted = (label(), pick(WORDS)).prop_map(|(l, w)| format!("{w}{l}"));
    or_refused(0.005, accepted, Just(String::new()))
}

fn strings(max: usize) -> impl Strategy<Value = Value> {
    prop::collection::vec(label().prop_map(Value::String), 0..max).prop_map(Value::Array)
}

/// The front matter of an article, as a TOML table.
fn front_matter() -> impl Strategy<Value = Table> {
    (
        (
            required_label(),
            prop::option::weighted(0.995, date_value()),
            required_label(),
            prop::option::of(url()),
        ),
        (
            strings(3),
            prop::option::of(inline_text(10)),
            prop::bool::weighted(0.05),
            strings(4),
            prop::collection::vec((inline_text(6), prop::option::of(label())), 0..3),
        ),
    )
        .prop_map(
            |((title, date, source, url), (authors, summary, draft, tags, quotes))| {
                let mut t = Table::new();
                t.insert("title".into(), Value::String(title));
                if let Some(date) = date {
                    t.insert("date".into(), date);
                }
                t.insert("source".into(), Value::String(source));
                if let Some(url) = url {
                    t.insert("url".into(), Value::String(url));
                }
                t.insert("authors".into(), authors);
                if let Some(summary) = summary {
                    t.insert("summary".into(), Value::String(summary));
                }
                if draft {
                    t.insert("draft".into(), Value::Boolean(true));
                }
                t.insert("tags".into(), tags);
                let quotes = quotes
                    .into_iter()
                    .map(|(text, speaker)| {
                        let mut q = Table::new();
                        q.insert("text".into(), Value::String(text));
                        if let Some(s) = speaker {
                            q.insert("speaker".into(), Value::String(s));
                        }
                        Value::Table(q)
                    })
                    .collect();
                t.insert("quotes".into(), Value::Array(quotes));
                t
            },
        )
}

/// An article file's whole text: front matter and body, usually well formed.
pub fn article() -> impl Strategy<Value = String> {
    (
        front_matter(),
        markdown(),
        or_refused(
            0.005,
            prop::sample::select(&["plain", "plain", "plain", "crlf", "bom"][..]),
            Just("unclosed"),
        ),
    )
        .prop_map(|(fm, body, shape)| {
            let fm = toml::to_string(&fm).expect("front matter serialises");
            match shape {
                "crlf" => format!("+++\n{fm}+++\n{body}\n").replace('\n', "\r\n"),
                "bom" => format!("\u{feff}+++\n{fm}+++\n{body}\n"),
                "unclosed" => format!("+++\n{fm}\n{body}\n"),
                _ => format!("+++\n{fm}+++\n{body}\n"),
            }
        })
}

/// A made-up alias. Its long words stay short of a line: registry names are
/// compiled into one automaton, whose cost a very long alias tests apart from this.
fn alias_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece_up_to(60), 0..3).prop_map(|p| p.concat())
}

/// One `[[entity]]` table.
fn entity(i: usize) -> impl Strategy<Value = Table> {
    (
        pick(NAMES),
        // The first two are always `e-0` and `e-1`, which articles link to.
        prop::bool::weighted(0.9)
            .prop_map(move |keep| (keep || i < 2).then_some(IDS[i % IDS.len()])),
        prop::sample::select(&["person", "organization", "place", "group", "event", "other"][..]),
        prop::collection::vec(prop_oneof![3 => pick(NAMES), 1 => alias_text()], 0..4),
        inline_text(12),
        prop::collection::vec(url(), 0..2),
        prop::option::weighted(0.005, pick(BAD_IDS)),
    )
        .prop_map(|(name, id, kind, aliases, description, links, bad_id)| {
            let mut t = Table::new();
            if let Some(id) = bad_id.or(id.map(str::to_string)) {
                t.insert("id".into(), Value::String(id));
            }
            t.insert("name".into(), Value::String(name));
            t.insert("kind".into(), Value::String(kind.to_string()));
            let aliases = aliases.into_iter().map(Value::String).collect();
            t.insert("aliases".into(), Value::Array(aliases));
            t.insert("description".into(), Value::String(description));
            let links = links.into_iter().map(Value::String).collect();
            t.insert("links".into(), Value::Array(links));
            t
        })
}

/// `content/entities.toml`.
fn registry() -> impl Strategy<Value = String> {
    (2usize..6)
        .prop_flat_map(|n| (0..n).map(entity).collect::<Vec<_>>())
        .prop_map(|entities| {
            let mut t = Table::new();
            let entities = entities.into_iter().map(Value::Table).collect();
            t.insert("entity".into(), Value::Array(entities));
            toml::to_string(&t).expect("registry serialises")
        })
}

/// `dossier.toml`.
fn config() -> impl Strategy<Value = String> {
    (
        label(),
        inline_text(6),
        or_refused(0.005, pick(BASE_URLS), pick(REFUSED_BASE_URLS)),
        or_refused(0.005, pick(LANGUAGES), pick(REFUSED_LANGUAGES)),
        1usize..6,
    )
        .prop_map(|(title, description, base_url, language, min_words)| {
            let mut t = Table::new();
            let title = if title.trim().is_empty() {
                "T".into()
            } else {
                title
            };
            t.insert("title".into(), Value::String(title));
            t.insert("description".into(), Value::String(description));
            t.insert("base_url".into(), Value::String(base_url.clone()));
            t.insert("language".into(), Value::String(language));
            let mut quotes = Table::new();
            quotes.insert("min_words".into(), Value::Integer(min_words as i64));
            t.insert("quotes".into(), Value::Table(quotes));
            toml::to_string(&t).expect("config serialises")
        })
}

/// `content/_index.md`: a body, with a title in front matter or without front matter.
fn intro() -> impl Strategy<Value = String> {
    (prop::option::of(label()), markdown()).prop_map(|(title, body)| match title {
        Some(title) => {
            let mut t = Table::new();
            t.insert("title".into(), Value::String(title));
            let fm = toml::to_string(&t).expect("front matter serialises");
            format!("+++\n{fm}+++\n{body}\n")
        }
        None => format!("Welcome.\n\n{body}\n"),
    })
}

/// A whole dossier: configuration, registry, introduction and articles.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub config: String,
    pub registry: String,
    pub intro: Option<String>,
    /// (file name under `content/articles/`, text).
    pub articles: Vec<(String, String)>,
}

/// Article file names: `a0.md`, `a1.md`, ... mostly, and now and then a name whose
/// slug is odd or empty.
fn file_name(i: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        20 => Just(format!("a{i}.md")),
        1 => prop::sample::select(
            &["Ünïcode.md", "on click.md", "javascript:x.md", "%3Cscript%3E.md", "___.md"][..]
        )
        .prop_map(str::to_string),
    ]
}

pub fn dossier() -> impl Strategy<Value = Dossier> {
    (
        config(),
        registry(),
        prop::option::of(intro()),
        (1usize..4).prop_flat_map(|n| {
            (0..n)
                .map(|i| (file_name(i), article()))
                .collect::<Vec<_>>()
        }),
    )
        .prop_map(|(config, registry, intro, articles)| Dossier {
            config,
            registry,
            intro,
            articles,
        })
}

impl Dossier {
    /// The bytes of its articles and registry, to find the smallest of several.
    pub fn size(&self) -> usize {
        self.articles
            .iter()
            .map(|(_, text)| text.len())
            .sum::<usize>()
            + self.registry.len()
    }

    /// Writes the dossier's files under `root`.
    pub fn write(&self, root: &Path) {
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        write("dossier.toml", &self.config);
        write("content/entities.toml", &self.registry);
        if let Some(intro) = &self.intro {
            write("content/_index.md", intro);
        }
        for (name, text) in &self.articles {
            write(&format!("content/articles/{name}"), text);
        }
    }
}
