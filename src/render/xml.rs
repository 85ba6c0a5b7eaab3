//! Text made safe for XML 1.0, for every XML file and fragment the site writes.
//!
//! Escaping `<`, `&` and quotes is not enough: XML 1.0 forbids most C0 control
//! characters and U+FFFE/U+FFFF outright, even escaped, so a single `\u{1}` pasted into
//! a title would make the whole feed unreadable to a strict parser. [`escape`] is the one
//! door text goes through into the feed, the sitemap and the inline SVG pictures: it
//! replaces the whitespace-like controls (vertical tab, form feed) with a space, drops
//! the other forbidden characters, and escapes the rest.

use std::borrow::Cow;

/// Whether XML 1.0's `Char` production allows `c` (lone surrogates cannot occur in a
/// Rust string, so only the controls and the two non-characters remain to refuse).
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` with every character XML forbids replaced (vertical tab and form feed become
/// a space) or dropped. Borrows when there is nothing to change.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{b}' | '\u{c}' => Some(' '),
                c if is_xml_char(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// `text` escaped for XML content and attribute values, with the characters XML
/// forbids replaced or dropped as [`xml_chars`] does.
pub fn escape(text: &str) -> Cow<'_, str> {
    match xml_chars(text) {
        Cow::Borrowed(t) => quick_xml::escape::escape(t),
        Cow::Owned(t) => Cow::Owned(quick_xml::escape::escape(&t).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_or_spaced() {
        assert_eq!(escape("a\u{1}b\u{c}c\td\n<&>"), "ab c\td\n&lt;&amp;&gt;");
        assert_eq!(escape("x\u{fffe}\u{ffff}\u{0}y"), "xy");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(escape("plain text"), Cow::Borrowed(_)));
        assert!(matches!(xml_chars("é \u{7f} \u{10ffff}"), Cow::Borrowed(_)));
    }
}
