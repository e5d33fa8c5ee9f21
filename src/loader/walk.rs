//! Walking a folder: every file under it, depth first in path order, with
//! what the file system says of each (size, time, kind).
//!
//! The walk runs on a thread of its own, ahead of the loader, which takes
//! what it finds in order: listing folders and asking for each file's
//! metadata are about a third of reopening a million unchanged files, and
//! on a second core they cost the loader nothing.

use super::{
    Emit, Format, KnownFiles, LoadError, Loaded, flush, io_reason, is_collection_notes, is_hidden,
    label_of, recall_or_read,
};
use std::collections::HashSet;
use std::fs;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// What a folder walk passed over, to say why a folder gave nothing.
#[derive(Default)]
pub(super) struct Walk {
    /// Files of formats lede does not read, by extension.
    other_types: std::collections::BTreeMap<String, usize>,
    /// Collection notes (README, LICENSE …) passed over.
    notes: usize,
}

impl Walk {
    /// Why the folder gave nothing, for a reader.
    pub(super) fn why_nothing(&self) -> String {
        let others: usize = self.other_types.values().sum();
        if others == 0 && self.notes == 0 {
            return "no files in this folder (hidden ones are not read)".to_string();
        }
        let mut reason = String::from("no file lede reads in this folder");
        if others > 0 {
            let kinds: Vec<String> = self
                .other_types
                .keys()
                .take(5)
                .map(|e| {
                    if e.is_empty() {
                        "no extension".to_string()
                    } else {
                        format!(".{e}")
                    }
                })
                .collect();
            reason.push_str(&format!(
                " ({others} file{} of other types: {})",
                if others == 1 { "" } else { "s" },
                kinds.join(", ")
            ));
        }
        if self.notes > 0 {
            reason.push_str(&format!(
                "; {} collection note{} (README, LICENSE …) passed over",
                self.notes,
                if self.notes == 1 { "" } else { "s" }
            ));
        }
        reason
    }
}

/// What the walk finds, in the order the loader takes it.
enum Found {
    /// A file in a format lede reads, with its metadata.
    File(PathBuf, fs::Metadata),
    /// A file of a format lede does not read: its extension.
    OtherType(String),
    /// A collection note (README, LICENSE …), passed over.
    Note,
    /// A folder that cannot be read, or a broken link that could be an article.
    Skipped(LoadError),
    /// A folder that is empty, or one met twice.
    Warning(LoadError),
}

/// Findings the walk may be ahead of the loader by.
const AHEAD: usize = 4096;

/// Walks `root` depth first, children in path order, handing each file to
/// `known` (what it recalls) or reading it.
pub(super) fn walk_dir(
    root: &Path,
    loaded: &mut Loaded,
    walk: &mut Walk,
    known: &mut dyn KnownFiles,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    std::thread::scope(|scope| {
        let (found, finds) = mpsc::sync_channel(AHEAD);
        let walker = std::thread::Builder::new()
            .name("lede-walk".to_string())
            .spawn_scoped(scope, move || {
                find(root, &mut |item| found.send(item).is_ok());
            });
        match walker {
            // The loader stops taking (emit said stop): the walker's next
            // send fails, and it stops too.
            Ok(_) => take(finds, loaded, walk, known, emit),
            // No thread: the walk first, then the files.
            Err(_) => {
                let mut items = Vec::new();
                find(root, &mut |item| {
                    items.push(item);
                    true
                });
                take(items, loaded, walk, known, emit)
            }
        }
    })
}

/// Takes what the walk found, in order: recalls or reads each file.
fn take(
    finds: impl IntoIterator<Item = Found>,
    loaded: &mut Loaded,
    walk: &mut Walk,
    known: &mut dyn KnownFiles,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    for item in finds {
        flush(loaded, emit)?;
        match item {
            Found::File(path, meta) => recall_or_read(&path, &meta, known, loaded, emit)?,
            Found::OtherType(extension) => *walk.other_types.entry(extension).or_default() += 1,
            Found::Note => walk.notes += 1,
            Found::Skipped(error) => loaded.skipped.push(error),
            Found::Warning(error) => loaded.warnings.push(error),
        }
    }
    ControlFlow::Continue(())
}

/// Walks `root`, giving `found` what it finds in order until it says stop
/// (false). An explicit stack instead of recursion: depth is bounded only
/// by the file system, not by our call stack.
fn find(root: &Path, found: &mut dyn FnMut(Found) -> bool) {
    let found = &mut Out { found, going: true };
    // The folders entered, by canonical path.
    let mut visited = HashSet::new();
    let visited = &mut visited;
    let mut stack: Vec<std::vec::IntoIter<Child>> = Vec::new();
    if let Some(children) = enter_dir(root, visited, 0, found) {
        stack.push(children);
    }
    while let Some(children) = stack.last_mut() {
        let Some(child) = children.next() else {
            stack.pop();
            continue;
        };
        let (path, metadata) = child.metadata();
        if is_hidden(&path) {
            continue;
        }
        let item = match metadata {
            Ok(meta) if meta.is_dir() => {
                match enter_dir(&path, visited, stack.len(), found) {
                    Some(children) => stack.push(children),
                    None if !found.going => return,
                    None => {}
                }
                continue;
            }
            // Inside a directory, formats we do not read and special files
            // (pipes, sockets, devices) are not articles: pass over silently.
            Ok(meta) if meta.is_file() => {
                if Format::from_label(&label_of(&path)).is_err() {
                    let extension = path
                        .extension()
                        .map_or(String::new(), |e| e.to_string_lossy().to_lowercase());
                    Found::OtherType(extension)
                } else if is_collection_notes(&path) {
                    Found::Note
                } else {
                    Found::File(path, meta)
                }
            }
            Ok(_) => continue,
            // A broken link is worth reporting only if it could be an article.
            Err(error) => {
                let label = label_of(&path);
                if Format::from_label(&label).is_err() {
                    continue;
                }
                Found::Skipped(LoadError::new(label, io_reason(&error)))
            }
        };
        if !found.give(item) {
            return;
        }
    }
}

/// Where the walk gives what it finds, until told to stop.
struct Out<'a> {
    found: &'a mut dyn FnMut(Found) -> bool,
    /// Whether `found` has not said stop yet: once it has, nothing more is
    /// looked at.
    going: bool,
}

impl Out<'_> {
    /// Gives `item`; whether the walk goes on.
    fn give(&mut self, item: Found) -> bool {
        self.going = self.going && (self.found)(item);
        self.going
    }
}

/// A folder's entry, to be looked at: while the folders entered are few, as
/// the open folder's entry (its metadata looked up in the folder, not by
/// the whole path); deeper, by its path alone, so that a deep tree does not
/// keep a folder open for each level.
enum Child {
    Entry(fs::DirEntry),
    Path(PathBuf),
}

/// Folders kept open at most, one for each level of the walk.
const OPEN_FOLDERS: usize = 64;

impl Child {
    /// Its path and what it is (following a symbolic link, as
    /// [`fs::metadata`] does).
    fn metadata(self) -> (PathBuf, std::io::Result<fs::Metadata>) {
        match self {
            Child::Entry(entry) => {
                let path = entry.path();
                let metadata = entry_metadata(&entry, &path);
                (path, metadata)
            }
            Child::Path(path) => {
                let metadata = fs::metadata(&path);
                (path, metadata)
            }
        }
    }
}

/// Lists a directory's entries sorted by path, or says why it cannot be
/// read. Returns `None` for a directory already visited (a symlink loop, or
/// the same directory named twice), or once `found` says stop. `depth` is
/// how many folders are open already.
fn enter_dir(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    depth: usize,
    found: &mut Out<'_>,
) -> Option<std::vec::IntoIter<Child>> {
    if !found.going {
        return None;
    }
    // The folder cannot be read (said once for each error).
    let unreadable =
        |error: &std::io::Error| Found::Skipped(LoadError::new(label_of(dir), io_reason(error)));
    let canonical = match fs::canonicalize(dir) {
        Ok(canonical) => canonical,
        Err(error) => {
            found.give(unreadable(&error));
            return None;
        }
    };
    if !visited.insert(canonical) {
        found.give(Found::Warning(LoadError::new(
            label_of(dir),
            "directory already loaded (a symbolic link loop?); not read again",
        )));
        return None;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            found.give(unreadable(&error));
            return None;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(error) => {
                found.give(unreadable(&error));
            }
        }
    }
    if children.is_empty() {
        found.give(Found::Warning(LoadError::new(
            label_of(dir),
            "empty directory",
        )));
    }
    // By name: the same order as by path, as they share the folder.
    children.sort_by_cached_key(fs::DirEntry::file_name);
    let children: Vec<Child> = if depth < OPEN_FOLDERS {
        children.into_iter().map(Child::Entry).collect()
    } else {
        children
            .into_iter()
            .map(|e| Child::Path(e.path()))
            .collect()
    };
    Some(children.into_iter())
}

/// What `entry` (at `path`) is, following a symbolic link as
/// [`fs::metadata`] does. Looked up in its open folder rather than by its
/// whole path: a million files reopened are a million of these.
/// (On Unix: elsewhere a folder's listing may hold an older size and time
/// for a file still being written, so the file itself is asked.)
fn entry_metadata(entry: &fs::DirEntry, path: &Path) -> std::io::Result<fs::Metadata> {
    match entry.file_type() {
        Ok(kind) if cfg!(unix) && !kind.is_symlink() => entry.metadata(),
        _ => fs::metadata(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lede-walk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("folder");
        dir
    }

    fn files(items: &[Found]) -> Vec<PathBuf> {
        items
            .iter()
            .filter_map(|item| match item {
                Found::File(path, _) => Some(path.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_tree_deeper_than_the_folders_kept_open_is_walked_whole_in_order() {
        let root = folder("deep");
        let mut dir = root.clone();
        for level in 0..OPEN_FOLDERS + 6 {
            fs::write(dir.join(format!("a{level}.txt")), "Story\n\nText.\n").expect("file");
            dir = dir.join("d");
            fs::create_dir(&dir).expect("folder");
        }
        fs::write(dir.join("last.txt"), "Story\n\nText.\n").expect("file");
        let mut items = Vec::new();
        find(&root, &mut |item| {
            items.push(item);
            true
        });
        let found = files(&items);
        assert_eq!(found.len(), OPEN_FOLDERS + 7);
        // Depth first, children by name: each level's file before its folder.
        assert!(found[0].ends_with("a0.txt"));
        assert!(found[1].ends_with("d/a1.txt"));
        assert!(found.last().is_some_and(|p| p.ends_with("d/last.txt")));
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn the_walk_stops_when_the_loader_stops_taking() {
        let root = folder("stop");
        for n in 0..5 {
            let dir = root.join(format!("f{n}"));
            fs::create_dir(&dir).expect("folder");
            fs::write(dir.join("story.txt"), "Story\n\nText.\n").expect("file");
        }
        let mut given = 0;
        find(&root, &mut |_| {
            given += 1;
            given < 2
        });
        assert_eq!(given, 2, "nothing is given after the stop");
        let _ = fs::remove_dir_all(&root);
    }
}
