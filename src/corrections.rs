//! The reader's corrections to the analysis, `$XDG_CONFIG_HOME/lede/entities.toml`:
//! merge two entities, add an alias, set a kind, hide an entity, split an alias
//! out of an entity. Applied after names are unified across the collection, so
//! a correction keys an entity by the canonical name the collection sidebar
//! shows, and holds across articles and runs. Plain data, no terminal.
//!
//! | module | role |
//! | --- | --- |
//! | [`parse`] | the file read key by key, every problem with its line and column |
//! | [`apply`] | the corrections applied to one article's analysis and to the collection index |
//! | [`write`] | the sidebar's keys adding a correction to the file, keeping its comments and order |

pub mod apply;
pub mod parse;
pub mod write;

use crate::config::Problem;
use crate::model::EntityKind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every correction of the file, ready to apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Entity name → the name it is merged into, chains followed to their end.
    pub merges: BTreeMap<String, String>,
    /// Entity name → its kind.
    pub kinds: BTreeMap<String, EntityKind>,
    /// Entities not shown anywhere.
    pub hidden: BTreeSet<String>,
    /// Phrases that are mentions of an entity wherever they occur: (phrase, entity).
    pub aliases: Vec<(String, String)>,
    /// Aliases taken out of an entity into one of their own.
    pub splits: Vec<Split>,
}

/// An alias taken out of an entity (`US`) into an entity of its own, named
/// by the alias (`Universal Studio`), of `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub from: String,
    pub alias: String,
    pub kind: EntityKind,
}

impl Corrections {
    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty()
            && self.kinds.is_empty()
            && self.hidden.is_empty()
            && self.aliases.is_empty()
            && self.splits.is_empty()
    }

    /// The name `name` ends up with once merges are applied.
    pub fn name<'a>(&'a self, name: &'a str) -> &'a str {
        self.merges.get(name).map_or(name, String::as_str)
    }
}

/// Where lede looks for the corrections file (`None` without a home directory).
pub fn path() -> Option<PathBuf> {
    crate::fetch::default_config_dir().map(|dir| dir.join("entities.toml"))
}

/// Reads the corrections file at `path`: no file is no correction and no
/// problem; a file that cannot be read is one problem and no correction.
pub fn load(path: &Path) -> (Corrections, Vec<Problem>) {
    match crate::config::read_user_file(path, "no correction applied") {
        Ok(Some(text)) => parse::parse(&text, &path.display().to_string()),
        Ok(None) => (Corrections::default(), Vec::new()),
        Err(problem) => (Corrections::default(), vec![problem]),
    }
}

/// The kind a file names: lower case, `organisation` too.
pub fn kind_named(name: &str) -> Option<EntityKind> {
    match name {
        "organisation" => Some(EntityKind::Organization),
        _ => EntityKind::ALL.iter().copied().find(|k| k.as_str() == name),
    }
}

#[cfg(test)]
mod tests;
