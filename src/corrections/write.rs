//! The sidebar's keys write their corrections into `entities.toml`: the file
//! is edited as a document (toml_edit), so the reader's comments, order and
//! layout stay as they were, and written atomically. A file that is not
//! valid TOML is never written over.

use crate::model::EntityKind;
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Table, value};

/// The first lines of a file the keys create.
const HEADER: &str = "# lede's corrections to its entities: one table per entity, keyed by its name as the\n\
# collection sidebar shows it. Keys: merge, aliases, kind, hide, split (see lede's README).\n";

/// One correction a key makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// `[name] hide = true`.
    Hide(String),
    /// `[name] kind = "…"`.
    Kind(String, EntityKind),
    /// `[into] merge = [..., "from"]`.
    Merge { from: String, into: String },
}

impl Edit {
    /// The corrections text `text` with this correction added.
    ///
    /// # Errors
    /// When `text` is not valid TOML, or the entity's entry is not a table.
    pub fn apply_to(&self, text: &str) -> Result<String, String> {
        let mut doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| format!("not valid TOML ({})", first_line(&e)))?;
        let name = match self {
            Edit::Hide(name) | Edit::Kind(name, _) => name,
            Edit::Merge { into, .. } => into,
        };
        let table = entity_table(&mut doc, name)?;
        match self {
            Edit::Hide(_) => {
                table.insert("hide", value(true));
            }
            Edit::Kind(_, kind) => {
                table.insert("kind", value(kind.as_str()));
            }
            Edit::Merge { from, .. } => {
                let item = table.entry("merge").or_insert(value(Array::new()));
                // A single name written as a string becomes a list.
                if let Some(one) = item.as_str().map(str::to_string) {
                    *item = value(Array::from_iter([one]));
                }
                let Some(list) = item.as_array_mut() else {
                    return Err(format!("`merge` of [\"{name}\"] is not a list"));
                };
                if !list.iter().any(|v| v.as_str() == Some(from)) {
                    list.push(from.as_str());
                }
            }
        }
        Ok(doc.to_string())
    }
}

/// The table of the entity `name`, made at the end of the file if new.
fn entity_table<'d>(doc: &'d mut DocumentMut, name: &str) -> Result<&'d mut Table, String> {
    if !doc.contains_key(name) {
        // Comments at the end of the file stay before the new table, and a
        // blank line parts it from what is above.
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing("");
        let mut table = Table::new();
        let gap = if doc.is_empty() && trailing.is_empty() {
            ""
        } else {
            "\n"
        };
        let trailing = trailing.trim_end_matches('\n');
        let prefix = if trailing.is_empty() {
            gap.to_string()
        } else {
            format!("{trailing}\n{gap}")
        };
        table.decor_mut().set_prefix(prefix);
        doc.insert(name, Item::Table(table));
    }
    let item = doc.entry(name).or_insert(Item::Table(Table::new()));
    item.as_table_mut()
        .ok_or_else(|| format!("[\"{name}\"] is not a table"))
}

fn first_line(e: &toml_edit::TomlError) -> String {
    e.message().lines().next().unwrap_or("").trim().to_string()
}

/// Adds `edit` to the file at `path` (made, with its folder, if missing),
/// atomically. Returns the text before (`None`: there was no file), for undo.
///
/// # Errors
/// When the file cannot be read or written, or is not valid TOML.
pub fn edit_file(path: &Path, edit: &Edit) -> Result<Option<String>, String> {
    let before = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let after = edit
        .apply_to(before.as_deref().unwrap_or(HEADER))
        .map_err(|e| format!("{}: {e}; not changed", path.display()))?;
    write(path, &after)?;
    Ok(before)
}

/// Puts the file back as it was before an edit (`None`: there was none).
///
/// # Errors
/// When the file cannot be written or removed.
pub fn restore_file(path: &Path, before: Option<&str>) -> Result<(), String> {
    match before {
        Some(text) => write(path, text),
        None => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
        },
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    crate::state::atomic::write_atomically(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
