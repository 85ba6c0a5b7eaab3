//! Plain text as pages show it, made once by the link stage ([`crate::link`]) and by
//! the renderer alike: a date as people write it, a description's first sentence, a
//! label cut to length. It sits below both, so linking (and the registry's messages)
//! never have to reach into [`crate::render`].

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

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
