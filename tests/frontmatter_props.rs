//! Property tests for the front-matter splitter and the article parser: arbitrary
//! input never panics, spans stay inside the input on char boundaries, and the result
//! is the same every time. `PROPTEST_CASES=10000 cargo test --test frontmatter_props`
//! runs the long version.

use std::path::Path;

use dossier::content::article::parse_article;
use dossier::content::frontmatter::split;
use proptest::prelude::*;

fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Text that looks like front matter, to reach the interesting paths.
        (any::<String>(), any::<String>(), prop::bool::ANY).prop_map(|(fm, body, crlf)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            format!("+++{nl}{fm}{nl}+++{nl}{body}")
        }),
        "(\\+\\+\\+|title = \"[^\"]{0,8}\"|date = 20[0-9]{2}-[0-9]{2}-[0-9]{2}|source = \"x\"|\u{feff}|\r?\n|[a-z\\[\\]=\" ]{0,10})*",
    ]
}

proptest! {
    #[test]
    fn split_is_total_and_in_bounds(text in texts(), required in any::<bool>()) {
        if let Ok(s) = split(&text, required) {
            let base = text.as_ptr() as usize;
            for part in [s.front_matter, s.body].into_iter().filter(|p| !p.is_empty()) {
                let start = part.as_ptr() as usize - base;
                prop_assert!(start + part.len() <= text.len());
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(start + part.len()));
            }
            prop_assert!(s.body_line >= 1);
        }
        prop_assert_eq!(split(&text, required), split(&text, required));
    }

    #[test]
    fn parse_article_never_panics(text in texts()) {
        let a = parse_article(Path::new("a.md"), "a", &text);
        let b = parse_article(Path::new("a.md"), "a", &text);
        prop_assert_eq!(a.is_ok(), b.is_ok());
        if let Err(errors) = a {
            prop_assert!(!errors.is_empty());
            for e in errors {
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
