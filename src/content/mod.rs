//! Loading a dossier's content: articles with front matter, the entity registry and
//! the home page introduction.

pub mod article;
pub mod registry;

pub use article::{Article, QuoteCorrection};
pub use registry::{Entity, EntityKind, Registry};
