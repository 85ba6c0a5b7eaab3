//! `dossier entities suggest`: names in the articles that the registry lacks.

use crate::annotate::TextBlock;
use crate::content::registry::Registry;

/// One article's text as the suggester sees it.
#[derive(Debug, Clone)]
pub struct SuggestInput<'a> {
    pub slug: &'a str,
    pub source: &'a str,
    pub blocks: &'a [TextBlock],
}

/// Returns TOML (`[[entity]]` tables with `#` comments) ready to paste into
/// `content/entities.toml`.
pub fn suggest_entities(_articles: &[SuggestInput<'_>], _registry: &Registry) -> String {
    String::from("# no suggestions\n")
}
