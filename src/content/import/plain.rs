//! Plain text into a [`Draft`]: the date marker, the title line, photo captions and the
//! website furniture a copied page brings along.
//!
//! Text copied from a web page or a dataset is paragraphs separated by blank lines,
//! sometimes opening with a ` date YYYY-MM-DD ` marker, usually with the headline on the
//! first line. Plain text is never refused for lack of a title: a short first line is
//! the headline, and when there is none the title is made from the first sentence, with
//! a warning saying where to change it. Copies of the headline in the body are dropped.
//! Photo captions and credits become `Caption: ` paragraphs, and the furniture of the
//! page the text was copied from (share prompts, "Most Popular", comment notices...) is
//! dropped and reported. Every rule here is a general one, measured on real news
//! corpora for how often it fires where it should not (see `tests/import_plain.rs`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::sentences;

use super::draft::{Draft, escape_markdown};

/// Reads plain text. With `given_title` (the `--title`), that is the title and only
/// paragraphs equal to it are dropped as the headline; without it, a short first line
/// is the title, or failing that the first sentence is (with a warning).
pub fn parse(text: &str, given_title: Option<&str>) -> Draft {
    let mut paragraphs = paragraphs(text);
    let mut draft = Draft {
        date: take_date_marker(&mut paragraphs),
        ..Draft::default()
    };
    draft.title = given_title.map(str::to_string);
    if draft.title.is_none() && paragraphs.first().is_some_and(is_title_line) {
        draft.title = Some(headline(&paragraphs.remove(0).text));
    }
    let mut headline_copies = 0;
    let mut furniture_lines: Vec<String> = Vec::new();
    // The text a title can be made from: the first paragraph of text, else of a caption.
    let mut first_text: Option<String> = None;
    let mut first_caption: Option<String> = None;
    for p in &paragraphs {
        if draft
            .title
            .as_deref()
            .is_some_and(|t| same_headline(t, &p.text))
        {
            headline_copies += 1;
        } else if let Some(c) = caption(&p.text) {
            first_caption.get_or_insert_with(|| c.text.clone());
            draft
                .blocks
                .push(format!("Caption: {}", escape_markdown(&c.text)));
        } else if furniture(&p.text).is_some() {
            furniture_lines.push(p.text.clone());
        } else {
            let tidy = tidy_spacing(&p.text);
            first_text.get_or_insert_with(|| tidy.clone());
            draft.blocks.push(escape_markdown(&tidy));
        }
    }
    if draft.title.is_none()
        && let Some(first) = first_text.or(first_caption)
    {
        draft.title = Some(title_from_sentence(&first));
        draft.title_from_text = true;
        draft.warnings.push(
            "no title line; the title was made from the first sentence: change `title` in \
             the article's front matter, or import again with --title"
                .to_string(),
        );
    }
    match headline_copies {
        0 => {}
        1 => draft.dropped.push("the repeated headline".to_string()),
        n => draft.dropped.push(format!("{n} copies of the headline")),
    }
    if !furniture_lines.is_empty() {
        draft.dropped.push(furniture_summary(&furniture_lines));
    }
    draft
}

/// A paragraph of the input: its lines joined with spaces, and how many lines it had.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Paragraph {
    text: String,
    lines: usize,
}

/// Splits the text at blank lines (lines of white space count as blank). Lines are
/// trimmed and joined with a space; non-breaking spaces become spaces.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut flush = |lines: &mut Vec<&str>| {
        if !lines.is_empty() {
            out.push(Paragraph {
                text: lines.join(" ").replace('\u{a0}', " "),
                lines: lines.len(),
            });
            lines.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            flush(&mut lines);
        } else {
            lines.push(line);
        }
    }
    flush(&mut lines);
    out
}

/// Takes a leading ` date YYYY-MM-DD ` marker off the first paragraph; what follows it
/// on that line stays as the paragraph (often the headline).
fn take_date_marker(paragraphs: &mut Vec<Paragraph>) -> Option<String> {
    let first = paragraphs.first_mut()?;
    let rest = first.text.strip_prefix("date ")?;
    let candidate = rest.get(..10)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(candidate, &format).ok()?;
    if rest[10..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let date = candidate.to_string();
    first.text = rest[10..].trim().to_string();
    if first.text.is_empty() {
        paragraphs.remove(0);
    }
    Some(date)
}

/// Most words a headline has. Real headlines run to 9 words (BBC) and 22 (PolNeAR, 2
/// of 1,008 over 20); longer first lines are taken for the start of the text.
const HEADLINE_MAX_WORDS: usize = 20;
/// Most words of a headline that ends in a full stop, unless it is in title case. A
/// full stop is what a short lead sentence ends with too, and taking a lead for the
/// title would lose it from the body, so such a line must be shorter.
const STOPPED_HEADLINE_MAX_WORDS: usize = 12;

/// Whether the first paragraph is a headline: one line of at most
/// [`HEADLINE_MAX_WORDS`] words that is not a photo caption, whatever punctuation ends
/// it (nor furniture); a line ending in a full stop must also be short or in title case.
fn is_title_line(p: &Paragraph) -> bool {
    let words = p.text.split_whitespace().count();
    if p.lines != 1
        || words == 0
        || words > HEADLINE_MAX_WORDS
        || caption(&p.text).is_some()
        || furniture(&p.text).is_some()
    {
        return false;
    }
    !ends_with_full_stop(&p.text) || words <= STOPPED_HEADLINE_MAX_WORDS || title_case(&p.text)
}

/// Whether the text ends in a full stop, perhaps inside closing quotes or brackets.
fn ends_with_full_stop(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with('.')
}

/// Title Case: at least 60% of the words of four letters or more are capitalised.
fn title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && capitalised * 10 >= long.len() * 6
}

/// A headline as a title: without the full stop some corpora end headlines with
/// (an abbreviation's full stop, as in "U.S.", stays).
fn headline(text: &str) -> String {
    let text = text.trim();
    match text.strip_suffix('.') {
        Some(rest)
            if rest.chars().next_back().is_some_and(char::is_alphanumeric)
                && !rest.rsplit(' ').next().unwrap_or("").contains('.') =>
        {
            rest.to_string()
        }
        _ => text.to_string(),
    }
}

/// Whether a paragraph is a copy of the headline: equal but for case, spacing and a
/// closing full stop.
fn same_headline(title: &str, paragraph: &str) -> bool {
    let norm = |s: &str| {
        headline(s)
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(title) == norm(paragraph)
}

/// Most words of a title made from a sentence before it is cut at a clause.
const MADE_TITLE_MAX_WORDS: usize = 25;
/// Fewest words a clause must have to serve as the title on its own.
const MADE_TITLE_MIN_WORDS: usize = 5;

/// A title made from a paragraph: its first sentence, without a dateline ("BEIRUT:",
/// "Washington (AP) —") or closing full stop; a long sentence is cut at its first clause
/// break (a comma, semicolon or dash after at least five words), or after 25 words.
pub fn title_from_sentence(paragraph: &str) -> String {
    let end = sentences::ends(paragraph)
        .next()
        .map_or(paragraph.len(), |end| end.end);
    let sentence = headline(strip_dateline(paragraph[..end].trim()));
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= MADE_TITLE_MAX_WORDS {
        return words.join(" ");
    }
    let clause_end = words
        .iter()
        .enumerate()
        .skip(MADE_TITLE_MIN_WORDS - 1)
        .take(MADE_TITLE_MAX_WORDS - MADE_TITLE_MIN_WORDS)
        .find(|(i, w)| w.ends_with([',', ';']) || matches!(words.get(i + 1), Some(&("–" | "—"))))
        .map(|(i, _)| i + 1);
    match clause_end {
        Some(n) => words[..n]
            .join(" ")
            .trim_end_matches([',', ';'])
            .to_string(),
        None => format!("{}…", words[..MADE_TITLE_MAX_WORDS].join(" ")),
    }
}

/// A place name in capitals ("WASHINGTON", "MEXICO CITY").
const PLACE_IN_CAPITALS: &str = r"\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,2}";
/// A place name in capitalised words ("Beirut", "Mexico City").
const PLACE: &str = r"\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,2}";
/// A date after the place (", Feb. 8") and an agency in brackets (" (Reuters)").
const DATE_AFTER_PLACE: &str = r"(?:, [\p{L}\p{N}. ]{1,20})?";
const AGENCY_AFTER_PLACE: &str = r" \([\p{L} ]{1,20}\)";

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?P<dateline>(?:{PLACE_IN_CAPITALS}{DATE_AFTER_PLACE}(?:{AGENCY_AFTER_PLACE})?(?::| [-–—])|{PLACE}{DATE_AFTER_PLACE}{AGENCY_AFTER_PLACE}(?::| [-–—])|{PLACE} [–—]) +)\S"
    ))
});

/// The sentence without a leading dateline: a place name of up to three words, perhaps
/// a date and an agency in brackets, then a colon or a dash. A capitalised name before
/// a colon is not taken for a place unless an agency follows it: "Trump: ..." is how
/// headlines quote people.
pub fn strip_dateline(sentence: &str) -> &str {
    match DATELINE.captures(sentence) {
        Some(c) => &sentence[c["dateline"].len()..],
        None => sentence,
    }
}

/// Which caption rule recognised a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptionRule {
    /// A credit ("Handout . / Reuters", "Getty.") alone, or before the caption text.
    CreditFirst,
    /// The caption ends with an agency credit in brackets: "... (AFP)", "(AP Photo/X)".
    AgencyInBrackets,
    /// The caption ends with "Credit: ..." or "Photo: ...".
    CreditLabel,
    /// The caption opens the way agency captions do: "In this image released by ...".
    InThisImage,
}

/// A paragraph recognised as a photo caption: the rule, and the caption text to show
/// (its credit kept, in brackets at the end when the credit came first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub rule: CaptionRule,
    pub text: String,
}

/// Photo and news agencies whose names make up picture credits.
const AGENCIES: &str = r"(?:AFP(?: via Getty Images)?|AP Photo|AP|Associated Press|Reuters|Getty Images|Getty|EPA-EFE|EPA|PA Images|PA Wire|PA Media|PA|Bloomberg|Xinhua|Anadolu Agency|Anadolu|Shutterstock|Alamy|Sipa USA|Sipa|ZUMA Press|ZUMA Wire|NurPhoto|SOPA Images|Rex Features|Rex|TASS|UPI|WireImage|Handout)";
/// One name in a credit: up to four capitalised words.
const CREDIT_PART: &str = r"\p{Lu}[\p{L}\p{N}.'’&-]*(?: \p{Lu}[\p{L}\p{N}.'’&-]*){0,3}";
/// What separates the names of a credit: a slash, perhaps after a stray full stop.
const CREDIT_SEP: &str = r"\s*(?:\s\.)?\s*/\s*";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid pattern")
}

static LONE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?:{CREDIT_PART}{CREDIT_SEP})*{AGENCIES}(?:{CREDIT_SEP}{CREDIT_PART})*\.?$"
    ))
});
static CREDIT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?P<credit>(?:{CREDIT_PART}{CREDIT_SEP})+{AGENCIES})\s+(?P<caption>\p{{Lu}}.*)$"
    ))
});
static CREDIT_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| regex(CREDIT_SEP));
static AGENCY_IN_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?P<caption>.*\(\s*{AGENCIES}(?:[ /][^()]{{0,40}})?\))(?:\s+More)?$"
    ))
});
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[.!?]\s+)(?:Photo )?(?:Credit|Photo|Image|Photograph|Picture)s?: \p{Lu}[^.:!?]{0,40}$",
    )
});
static IN_THIS_IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^In this [\p{L}\p{N}.,' ]{0,30}?\b(?:image|photo|picture|photograph|video grab)\b")
});

/// The photo caption a paragraph is, if it is one.
pub fn caption(paragraph: &str) -> Option<Caption> {
    let found = |rule, text: String| Some(Caption { rule, text });
    if LONE_CREDIT.is_match(paragraph) {
        return found(CaptionRule::CreditFirst, paragraph.to_string());
    }
    if let Some(c) = CREDIT_FIRST.captures(paragraph) {
        let credit = CREDIT_SEPARATOR.replace_all(&c["credit"], " / ");
        return found(
            CaptionRule::CreditFirst,
            format!("{} ({credit})", &c["caption"]),
        );
    }
    if let Some(c) = AGENCY_IN_BRACKETS.captures(paragraph) {
        return found(CaptionRule::AgencyInBrackets, c["caption"].to_string());
    }
    if CREDIT_LABEL.is_match(paragraph) {
        return found(CaptionRule::CreditLabel, paragraph.to_string());
    }
    if IN_THIS_IMAGE.is_match(paragraph) {
        return found(CaptionRule::InThisImage, paragraph.to_string());
    }
    None
}

/// Which kind of website furniture a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Furniture {
    /// A label on its own: "Advertisement", "Most Popular", "Load more", "See all Video".
    Label,
    /// A prompt to share or follow: "Share on Facebook", "Follow X on Twitter @x".
    SharePrompt,
    /// A notice about the comments: "The Hill has removed its comment section...".
    CommentNotice,
    /// A newsletter sign-up: "Sign up for our daily newsletter".
    Newsletter,
    /// The page's tag list: "Tags Iran Iraq".
    Tags,
    /// An update stamp: "Updated at 11 a.m.".
    UpdateStamp,
    /// A line introducing a video the text cannot carry: "Watch the interview below:".
    MediaIntro,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:advertisements?|sponsored(?: content)?|most (?:popular|read|viewed|shared)|(?:load|read|show|see) more|related(?: articles| stories| content| coverage| links)?|continue reading|skip to (?:main )?content|skip advertisement|story continues below(?: advertisement)?|trending now)\s*[.:]?$|^(?:(?:See|View) all [\p{L}\p{N}.]+\s*)+$",
    )
});
static SHARE_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:click to )?share(?: (?:on|via|this|with)\b[^.!?]{0,60})?$|^Follow\b.{1,60}\bon (?:Twitter|Facebook|Instagram)\b.{0,40}$|(?i)\blike (?:the|our|us on) (?:facebook )?page[.:!]?$",
    )
});
static COMMENT_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:comment section|comments section|comments are (?:now )?(?:closed|disabled|turned off)|comments have been (?:closed|disabled)|join the (?:discussion|conversation))\b",
    )
});
static NEWSLETTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:sign up|subscribe)\b.*\b(?:newsletters?|inbox|e-?mails?)\b"));
static TAGS: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?:Tags:?|Tag:)\s+[^.!?]{1,120}$"));
static UPDATE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(?:last )?(?:updated|posted|published)(?: on| at|:)?\s+[^.]{0,10}\d[^!?]{0,30}$")
});
static MEDIA_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:video|watch|clip|footage|listen|audio|podcast)\b.*\b(?:below|above)\b[^.!?]*:$",
    )
});

/// The kind of website furniture a paragraph is, if it is some. Each rule also bounds
/// the paragraph's length, so that a sentence of the article that merely mentions
/// comments or newsletters is never taken for furniture.
pub fn furniture(paragraph: &str) -> Option<Furniture> {
    let words = paragraph.split_whitespace().count();
    let rules: [(Furniture, &Regex, usize); 7] = [
        (Furniture::Label, &LABEL, 8),
        (Furniture::SharePrompt, &SHARE_PROMPT, 15),
        (Furniture::CommentNotice, &COMMENT_NOTICE, 40),
        (Furniture::Newsletter, &NEWSLETTER, 30),
        (Furniture::Tags, &TAGS, 15),
        (Furniture::UpdateStamp, &UPDATE_STAMP, 8),
        (Furniture::MediaIntro, &MEDIA_INTRO, 25),
    ];
    rules
        .into_iter()
        .find(|(_, re, max_words)| words <= *max_words && re.is_match(paragraph))
        .map(|(kind, _, _)| kind)
}

/// "7 lines of website furniture (Updated at 11 a.m., Tags Iran Iraq, See all Video,
/// ...)": how many, and the first three, shortened.
fn furniture_summary(lines: &[String]) -> String {
    let shown: Vec<String> = lines
        .iter()
        .take(3)
        .map(|l| {
            let mut words = l.split_whitespace();
            let short: Vec<&str> = words.by_ref().take(6).collect();
            let more = if words.next().is_some() { "…" } else { "" };
            format!("{}{more}", short.join(" "))
        })
        .collect();
    let more = if lines.len() > 3 { ", ..." } else { "" };
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    format!(
        "{} {noun} of website furniture ({}{more})",
        lines.len(),
        shown.join(", ")
    )
}

/// Takes out the space a copied page leaves before a full stop or comma where a link
/// ended ("Donald Trump's administration ."), leaving spaced ellipses (". . .") alone.
pub fn tidy_spacing(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ' '
            && let Some(&(j, mark @ ('.' | ','))) = chars.peek()
        {
            let before = paragraph[..i].chars().next_back();
            let after = &paragraph[j + 1..];
            let ends_word =
                before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '"' | '”' | '’' | ')'));
            let then_space = after.chars().next().is_none_or(char::is_whitespace);
            let ellipsis = mark == '.' && after.trim_start().starts_with('.');
            if ends_word && then_space && !ellipsis {
                continue;
            }
        }
        out.push(c);
    }
    out
}
