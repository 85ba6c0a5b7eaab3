//! Plain text as pages show it, made once by the link stage ([`crate::index`]) and by
//! the renderer alike: a date as people write it, and a description's first sentence.
//! It sits below both, so linking never has to reach into [`crate::render`].

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
    let end = crate::annotate::sentences::ends(&plain)
        .map(|end| end.end)
        .find(|&i| i >= 20)
        .unwrap_or(plain.len());
    plain[..end].to_string()
}
