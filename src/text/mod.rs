//! Text, below every stage that reads or writes it: the one sentence splitter
//! ([`sentences`]), the closed word lists the rules share ([`lexicon`]), HTML escaping,
//! and plain text as pages show it (a date as people write it, a description's first
//! sentence, a label cut to length). Loading, analysis, linking and rendering all use
//! these, and none of them reaches into another stage for them.

pub mod lexicon;
pub mod sentences;

/// `word` in lower case, borrowed when it already is (as most words of a text are), so
/// that rules comparing words with word lists allocate only for capitalised ones.
#[inline]
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    // One pass for the common case: ASCII with no capital.
    if word.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else if word.is_ascii() {
        std::borrow::Cow::Owned(word.to_ascii_lowercase())
    } else if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Formats a date as "5 January 2020".
pub fn display_date(date: time::Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// The first sentence of a Markdown description as plain text, for cards and lists.
pub fn one_line(description: &str) -> String {
    let plain: String = description
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let end = crate::text::sentences::ends(&plain)
        .map(|end| end.end)
        .find(|&i| i >= 20)
        .unwrap_or(plain.len());
    plain[..end].to_string()
}

/// The slug of a name or title for an address: lower-case ASCII words joined by
/// hyphens, with an apostrophe inside a word dropped rather than splitting it
/// ("Russia's oligarchs" is `russias-oligarchs`, not `russia-s-oligarchs`).
pub fn slug(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let joined: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let apostrophe = matches!(c, '\'' | '\u{2019}');
            let inside = i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            !(apostrophe && inside)
        })
        .map(|(_, &c)| c)
        .collect();
    slug::slugify(joined)
}

/// A count and its noun in the right number: `count(1, "page", "pages")` is "1 page",
/// `count(3, "page", "pages")` "3 pages".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Names as a reader lists them: "AFP", "AFP and Reuters", "AFP, Reuters and The
/// Hill"; beyond `max` names, the first `max - 1` and how many others, in `others`
/// ("AFP, Reuters and 4 other outlets").
pub fn list_names(names: &[impl AsRef<str>], max: usize, others: (&str, &str)) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let (shown, rest) = if names.len() > max.max(2) {
        let keep = max.max(2) - 1;
        let rest = names.len() - keep;
        (&names[..keep], Some(count(rest, others.0, others.1)))
    } else {
        (&names[..], None)
    };
    let mut items: Vec<&str> = shown.to_vec();
    if let Some(rest) = &rest {
        items.push(rest);
    }
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Escapes text for HTML element content and attribute values in double quotes, as
/// pulldown-cmark escapes the text of articles and Tera the values in templates (`&`,
/// `<`, `>` and `"`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_as_a_reader_lists_them() {
        let outlets = ("other outlet", "other outlets");
        let list = |n: &[&str]| list_names(n, 3, outlets);
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["AFP"]), "AFP");
        assert_eq!(list(&["AFP", "Reuters"]), "AFP and Reuters");
        assert_eq!(
            list(&["AFP", "Reuters", "The Hill"]),
            "AFP, Reuters and The Hill"
        );
        assert_eq!(
            list(&["AFP", "BBC", "Reuters", "The Hill"]),
            "AFP, BBC and 2 other outlets"
        );
        assert_eq!(
            list_names(&["AFP", "BBC", "CNN"], 1, outlets),
            "AFP and 2 other outlets"
        );
    }

    #[test]
    fn slugs_keep_words_whole_across_apostrophes() {
        assert_eq!(slug("Russia's oligarchs"), "russias-oligarchs");
        assert_eq!(slug("Russia’s oligarchs"), "russias-oligarchs");
        assert_eq!(slug("People's Daily"), "peoples-daily");
        assert_eq!(slug("O'Brien and d'Estaing"), "obrien-and-destaing");
        // Quotation marks around words are not inside a word.
        assert_eq!(slug("the 'martyr' ruling"), "the-martyr-ruling");
        assert_eq!(slug("rock 'n' roll"), "rock-n-roll");
        assert_eq!(slug("Iraqis' anger"), "iraqis-anger");
        assert_eq!(slug("Qassem Soleimani"), "qassem-soleimani");
        assert_eq!(slug("Café Ñandú"), "cafe-nandu");
        assert_eq!(slug("'"), "");
    }

    #[test]
    fn counts_take_the_noun_in_the_right_number() {
        assert_eq!(count(0, "page", "pages"), "0 pages");
        assert_eq!(count(1, "page", "pages"), "1 page");
        assert_eq!(count(2, "entity", "entities"), "2 entities");
    }
}
