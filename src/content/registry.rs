//! The entity registry: `content/entities.toml`, the people, organisations and places
//! a dossier knows by name.
//!
//! Entities are kept in file order; `Registry::index` maps ids to positions so that
//! the analysers can refer to an entity by a cheap `usize`. Parsing also refuses what
//! no registry needs and the matcher should not be asked to compile: a name or alias
//! longer than [`MAX_NAME_CHARS`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// What kind of thing an entity is. The registry takes a kind in any case, and also
/// the British spelling `organisation`, and `org` and `location`, for the kinds they
/// name ([`EntityKind::parse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Group,
    Event,
    Document,
    Other,
}

impl<'de> Deserialize<'de> for EntityKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = String::deserialize(deserializer)?;
        EntityKind::parse(&written).ok_or_else(|| {
            serde::de::Error::unknown_variant(
                &written,
                &[
                    "person",
                    "organization",
                    "place",
                    "group",
                    "event",
                    "document",
                    "other",
                ],
            )
        })
    }
}

impl EntityKind {
    /// The kind a registry names, in any case: its name, or `organisation`, `org`,
    /// `location`.
    pub fn parse(written: &str) -> Option<Self> {
        Some(match written.trim().to_lowercase().as_str() {
            "person" => EntityKind::Person,
            "organization" | "organisation" | "org" => EntityKind::Organization,
            "place" | "location" => EntityKind::Place,
            "group" => EntityKind::Group,
            "event" => EntityKind::Event,
            "document" => EntityKind::Document,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }

    /// Every kind, in the order the entity index shows them.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Group,
        EntityKind::Place,
        EntityKind::Document,
        EntityKind::Event,
        EntityKind::Other,
    ];

    /// The lower-case name used in files and in the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Event => "event",
            EntityKind::Document => "document",
            EntityKind::Other => "other",
        }
    }

    /// A plural heading for index pages.
    pub fn plural_label(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organisations",
            EntityKind::Place => "Places",
            EntityKind::Group => "Groups",
            EntityKind::Event => "Events",
            EntityKind::Document => "Documents",
            EntityKind::Other => "Other",
        }
    }
}

/// One known person, organisation, place or thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable identifier, used in URLs (`/entities/<id>/`) and `entity:` links.
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other spellings and short forms that also mean this entity, shown on its page.
    pub aliases: Vec<String>,
    /// Forms that mean this entity in articles but are not shown as its names: a
    /// misspelling some outlet uses, say (`hidden_aliases` in the registry).
    pub hidden_aliases: Vec<String>,
    /// Markdown source of the description.
    pub description: String,
    pub links: Vec<String>,
    /// 1-based line of the `[[entity]]` table in `entities.toml` (0 when not from a file).
    pub line: usize,
}

/// The longest name or alias accepted, in characters. The longest real names are far
/// shorter: 48 characters among the 5,648 named entities of the CoNLL-2003 test set
/// ("International Confederation of Free Trade Unions"), 45 in the example registry.
pub const MAX_NAME_CHARS: usize = 200;

impl Entity {
    /// The name followed by every alias, hidden ones last: all the surface forms to
    /// look for.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.all_aliases())
    }

    /// Every alias, shown and hidden.
    pub fn all_aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .chain(&self.hidden_aliases)
            .map(String::as_str)
    }
}

/// All entities of a dossier, in file order, with an index by id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    index: HashMap<String, usize>,
}

impl Registry {
    /// Builds a registry; callers have already checked that ids are unique.
    pub fn new(entities: Vec<Entity>) -> Self {
        let index = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Registry { entities, index }
    }

    /// The position of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index_of(id).map(|i| &self.entities[i])
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

use std::path::Path;

use toml::Spanned;

use crate::error::{Diagnostic, toml_diagnostic};
use crate::text::lexicon::{is_function_word, is_say_verb};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Option<String>,
    name: Spanned<String>,
    #[serde(default = "default_kind")]
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    hidden_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    links: Vec<String>,
}

fn default_kind() -> EntityKind {
    EntityKind::Other
}

/// Parses `entities.toml`. Returns the registry and any warnings (an alias shared by two
/// entities is allowed: mention finding resolves it by context), or every error found.
pub fn parse_registry(
    file: &Path,
    text: &str,
) -> Result<(Registry, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawRegistry = toml::from_str(text).map_err(|e| {
        let mut d = toml_diagnostic(file, text, 1, &e);
        if d.message.contains("unknown variant") {
            d = d.with_help(
                "`kind` is one of: person, organization (or organisation, org), place (or location), group, event, document, other",
            );
        }
        vec![d]
    })?;
    let lines = crate::error::LineIndex::new(text);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let mut owner_of_name: HashMap<String, (String, bool)> = HashMap::new();
    for spanned in raw.entity {
        let line = lines.line(spanned.span().start);
        let raw = spanned.into_inner();
        let name_line = lines.line(raw.name.span().start);
        let name = raw.name.into_inner().trim().to_string();
        if name.is_empty() {
            errors.push(
                Diagnostic::error(file, line, "an entity has an empty `name`")
                    .with_help("give the entity its usual name"),
            );
            continue;
        }
        if let Some(error) = too_long(file, name_line, "name", &name, None) {
            errors.push(error);
            continue;
        }
        let id = match raw.id {
            Some(id) => {
                let id = id.trim().to_string();
                if id.is_empty() || id != slug::slugify(&id) {
                    errors.push(
                        Diagnostic::error(
                            file,
                            line,
                            format!("the entity id `{id}` is not a valid id"),
                        )
                        .with_help(format!(
                            "ids are lower-case words joined by hyphens, e.g. `{}`",
                            crate::text::slug(if id.is_empty() { &name } else { &id })
                        )),
                    );
                    continue;
                }
                id
            }
            None => crate::text::slug(&name),
        };
        if id.is_empty() {
            errors.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("cannot make an id from the name `{name}`"),
                )
                .with_help("add an `id` made of letters, digits and hyphens"),
            );
            continue;
        }
        if let Some(first) = first_line_of.get(&id) {
            errors.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("duplicate entity id `{id}` (first defined on line {first})"),
                )
                .with_help("give each entity its own `id`, or merge the two entries"),
            );
            continue;
        }
        first_line_of.insert(id.clone(), line);
        let mut aliases: Vec<String> = Vec::new();
        let mut hidden_aliases: Vec<String> = Vec::new();
        let shown = raw.aliases.into_iter().map(|a| (a, false));
        let hidden = raw.hidden_aliases.into_iter().map(|a| (a, true));
        for (alias, is_hidden) in shown.chain(hidden) {
            let alias_line = lines.line(alias.span().start);
            let alias = alias.into_inner().trim().to_string();
            if alias.is_empty()
                || alias == name
                || aliases.contains(&alias)
                || hidden_aliases.contains(&alias)
            {
                continue;
            }
            if let Some(error) = too_long(file, alias_line, "alias", &alias, Some(&id)) {
                errors.push(error);
                continue;
            }
            if let Some(what) = too_common(&alias) {
                warnings.push(
                    Diagnostic::warning(file, alias_line, format!("the alias `{alias}` of `{id}` is {what}: it would link every `{alias}` in every article to `{id}`"))
                        .with_help(format!("remove the alias; where the word does mean the entity, link it by hand: [{alias}](entity:{id})")),
                );
            }
            if is_hidden {
                hidden_aliases.push(alias);
            } else {
                aliases.push(alias);
            }
        }
        for (n, is_name) in std::iter::once((&name, true))
            .chain(aliases.iter().chain(&hidden_aliases).map(|a| (a, false)))
        {
            match owner_of_name.get(n) {
                Some((other, _)) if *other != id => {
                    warnings.push(
                        Diagnostic::warning(file, line, format!("`{n}` names both `{other}` and `{id}`; each occurrence is resolved by the nearest unambiguous mention, or reported"))
                            .with_help("remove the alias from one entity if it only ever means the other"),
                    );
                }
                _ => {
                    owner_of_name.insert(n.clone(), (id.clone(), is_name));
                }
            }
        }
        let mut links = Vec::new();
        for link in raw.links {
            let lower = link.trim().to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                links.push(link.trim().to_string());
            } else {
                errors.push(
                    Diagnostic::error(
                        file,
                        line,
                        format!("the link `{link}` of `{id}` is not an http or https address"),
                    )
                    .with_help("give full addresses such as `https://en.wikipedia.org/wiki/...`"),
                );
            }
        }
        entities.push(Entity {
            id,
            name,
            kind: raw.kind,
            aliases,
            hidden_aliases,
            description: raw.description.trim().to_string(),
            links,
            line,
        });
    }
    if errors.is_empty() {
        Ok((Registry::new(entities), warnings))
    } else {
        Err(errors)
    }
}

/// The error for a name or alias (`what`, of the entity `owner` once its id is known)
/// longer than [`MAX_NAME_CHARS`], if it is.
fn too_long(
    file: &Path,
    line: usize,
    what: &str,
    form: &str,
    owner: Option<&str>,
) -> Option<Diagnostic> {
    let chars = form.chars().count();
    (chars > MAX_NAME_CHARS).then(|| {
        let shown = crate::text::truncate(form, 40);
        let of = owner.map(|id| format!(" of `{id}`")).unwrap_or_default();
        Diagnostic::error(
            file,
            line,
            format!("the {what} `{shown}`{of} is {chars} characters long; a name or alias may have at most {MAX_NAME_CHARS}"),
        )
        .with_help("shorten it to the name as articles write it; a longer text belongs in `description`")
    })
}

/// What makes an alias too common to stand for one entity, if it is: a single letter,
/// or nothing but English function words and reporting verbs ("the", "of the",
/// "said"). Matching is case-sensitive, so an acronym such as `US` or `WHO` is not the
/// word `us` or `who`; a capitalised word still is one at the start of a sentence.
fn too_common(alias: &str) -> Option<&'static str> {
    if alias.chars().count() == 1 {
        return Some("a single letter");
    }
    let common_word = |word: &str| {
        let acronym = !word.chars().any(char::is_lowercase);
        let lower = word.to_lowercase();
        !acronym && (is_function_word(&lower) || is_say_verb(&lower))
    };
    let words: Vec<&str> = alias.split_whitespace().collect();
    if !words.iter().all(|w| common_word(w)) {
        None
    } else if words.len() > 1 {
        Some("made of common English words")
    } else {
        Some("a common English word")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Registry, Vec<Diagnostic>), Vec<Diagnostic>> {
        parse_registry(Path::new("content/entities.toml"), text)
    }

    #[test]
    fn british_and_short_kind_names_are_accepted() {
        let (r, _) = parse(
            "[[entity]]\nname = \"A\"\nkind = \"organisation\"\n[[entity]]\nname = \"B\"\nkind = \"org\"\n[[entity]]\nname = \"C\"\nkind = \"location\"\n[[entity]]\nname = \"D\"\nkind = \"Organisation\"\n",
        )
        .unwrap();
        let kinds: Vec<EntityKind> = r.entities.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EntityKind::Organization,
                EntityKind::Organization,
                EntityKind::Place,
                EntityKind::Organization
            ]
        );
    }

    #[test]
    fn hidden_aliases_are_names_to_find_but_not_to_show() {
        let (r, w) = parse(
            "[[entity]]\nname = \"Mikhail Khodorkovsky\"\nkind = \"person\"\naliases = [\"Khodorkovsky\"]\nhidden_aliases = [\"Khordokovsky\", \"Khodorkovsky\", \" \"]\n",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        let e = &r.entities[0];
        assert_eq!(e.aliases, ["Khodorkovsky"]);
        // A hidden alias that is also shown, or empty, is dropped.
        assert_eq!(e.hidden_aliases, ["Khordokovsky"]);
        assert_eq!(
            e.names().collect::<Vec<_>>(),
            ["Mikhail Khodorkovsky", "Khodorkovsky", "Khordokovsky"]
        );
    }

    #[test]
    fn ids_default_to_slug_of_name() {
        let (r, w) = parse("[[entity]]\nname = \"Qassem Soleimani\"\nkind = \"person\"\naliases = [\"Soleimani\"]\n").unwrap();
        assert!(w.is_empty());
        assert_eq!(r.entities[0].id, "qassem-soleimani");
        assert_eq!(r.index_of("qassem-soleimani"), Some(0));
    }

    #[test]
    fn duplicate_ids_are_errors_with_lines() {
        let e = parse("[[entity]]\nname = \"A\"\n\n[[entity]]\nid = \"a\"\nname = \"B\"\n")
            .unwrap_err();
        assert_eq!(e[0].line, 4);
        assert!(e[0].message.contains("duplicate entity id `a`"));
    }

    #[test]
    fn shared_alias_is_a_warning() {
        let (_, w) = parse("[[entity]]\nname = \"Ann Bell\"\naliases = [\"Bell\"]\n[[entity]]\nname = \"Cy Bell\"\naliases = [\"Bell\"]\n").unwrap();
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn common_words_and_letters_make_poor_aliases() {
        for alias in ["a", "A", "the", "The", "said", "of the", "é"] {
            assert!(too_common(alias).is_some(), "{alias}");
        }
        for alias in ["US", "IS", "WHO", "AP", "Iraq", "the Pentagon", "U.S."] {
            assert_eq!(too_common(alias), None, "{alias}");
        }
        let (_, w) =
            parse("[[entity]]\nname = \"The Times\"\naliases = [\n  \"Times\",\n  \"the\",\n]\n")
                .unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 5);
        assert!(w[0].message.contains("`the`"), "{}", w[0].message);
    }

    #[test]
    fn bad_kind_lists_kinds() {
        let e = parse("[[entity]]\nname = \"A\"\nkind = \"persn\"\n").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(e[0].help.as_deref().unwrap().contains("person"));
    }
}
