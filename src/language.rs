//! Language tags (BCP 47), as `dossier.toml`'s `language` and an article's front
//! matter give them: checked against the IANA subtag registry, with the tag to write
//! when someone writes a language's name instead (`english`: `en`).

use isolang::Language;
use language_tags::LanguageTag;

/// Why a language tag was refused, and the tag (or the kind of tag) to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTag {
    pub message: String,
    pub help: String,
}

/// The tag as written when it is a valid BCP 47 language tag (`en`, `en-GB`, `fr`,
/// `zh-Hant`), or why not.
pub fn check_tag(tag: &str) -> Result<String, BadTag> {
    let trimmed = tag.trim();
    let valid = LanguageTag::parse(trimmed)
        .ok()
        .filter(|t| t.validate().is_ok());
    match valid {
        Some(t) => Ok(t.as_str().to_string()),
        None => Err(BadTag {
            message: format!("`{trimmed}` is not a language tag (BCP 47)"),
            help: match tag_for_name(trimmed) {
                Some((code, name)) => format!("for {name}, write `{code}`"),
                None => "write a tag such as `en`, `en-GB`, `fr`, `de` or `ar`".to_string(),
            },
        }),
    }
}

/// The shortest tag of a language named in English (`english`, `French`), with its
/// name.
fn tag_for_name(name: &str) -> Option<(&'static str, &'static str)> {
    let wanted = name.to_string();
    let language = Language::match_names(move |n| n.eq_ignore_ascii_case(&wanted)).next()?;
    let code = language.to_639_1().unwrap_or_else(|| language.to_639_3());
    Some((code, language.to_name()))
}

/// Whether the analysis's word lists (speech verbs, titles, function words) are those of
/// the tag's language: English only, so far.
pub fn is_english(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_the_registry_pass_as_written() {
        for tag in [
            "en", "en-GB", "fr", "de-CH", "ar", "zh-Hant", "pt-BR", "ckb",
        ] {
            assert_eq!(check_tag(tag).as_deref(), Ok(tag), "{tag}");
        }
    }

    #[test]
    fn a_language_name_gets_its_tag_suggested() {
        assert_eq!(
            check_tag("english"),
            Err(BadTag {
                message: "`english` is not a language tag (BCP 47)".into(),
                help: "for English, write `en`".into(),
            })
        );
        assert_eq!(
            check_tag("French").unwrap_err().help,
            "for French, write `fr`"
        );
        assert_eq!(
            check_tag("xx-nowhere").unwrap_err().help,
            "write a tag such as `en`, `en-GB`, `fr`, `de` or `ar`"
        );
        assert!(check_tag("").is_err());
        assert!(check_tag("en_GB").is_err());
    }

    #[test]
    fn english_is_recognised_with_any_region() {
        assert!(is_english("en") && is_english("en-GB") && is_english("EN-us"));
        assert!(!is_english("fr") && !is_english("eng-x"));
    }
}
