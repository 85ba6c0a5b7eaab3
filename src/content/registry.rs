//! The entity registry: `content/entities.toml`, the people, organisations and places
//! a dossier knows by name.
//!
//! Entities are kept in file order; `Registry::index` maps ids to positions so that
//! the analysers can refer to an entity by a cheap `usize`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

impl EntityKind {
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
    /// Other spellings and short forms that also mean this entity.
    pub aliases: Vec<String>,
    /// Markdown source of the description.
    pub description: String,
    pub links: Vec<String>,
    /// 1-based line of the `[[entity]]` table in `entities.toml` (0 when not from a file).
    pub line: usize,
}

impl Entity {
    /// The name followed by every alias: all the surface forms to look for.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
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
