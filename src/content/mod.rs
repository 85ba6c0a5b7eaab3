//! Loading a dossier's content: articles with front matter, the entity registry and
//! the home page introduction. Everything here validates: the rest of the pipeline can
//! trust that dates are dates and ids are unique. Which files under a dossier's folders
//! count, and how any of them is read, is decided here too ([`files`]).

pub mod article;
pub mod frontmatter;
pub mod import;
pub mod load;
pub mod registry;

pub use article::{Article, FigureCorrection, FigureTie, QuoteCorrection};
pub use load::{Content, Intro, load_content};
pub use registry::{Entity, EntityKind, Registry};

/// The slug of an outlet's name, its page's folder (`/sources/<slug>/`).
pub fn source_slug(name: &str) -> String {
    let s = crate::text::slug(name);
    if s.is_empty() {
        "unknown".to_string()
    } else {
        s
    }
}
