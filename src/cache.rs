//! The cache of read and analysed articles, in `$XDG_CACHE_HOME/lede/` (else
//! `~/.cache/lede/`), so that a collection opens again without reading and
//! analysing every file, and can be searched. No terminal here.
//!
//! ```text
//! $XDG_CACHE_HOME/lede/
//!   <32 hex digits>     web pages and feeds as fetched (crate::fetch::cache)
//!   articles/           a tantivy index: one document per source file and one
//!                       per article, shared by every collection (see store)
//!   collections/        one snapshot per collection of files (see snapshot):
//!                       what reopening it unchanged needs, in one read
//! ```
//!
//! A source file is known by its full path, size and modification time; its
//! documents hold what reading and analysing it gave (articles, analyses,
//! problems), so any collection that names the file again (the same folder,
//! a folder around it, the file alone) takes them instead of reading it.
//!
//! The cache is never a reason to fail: when it cannot be opened, read or
//! written, lede works without it and says so once ([`CacheProblem`]).

pub mod directory;
pub mod every_match;
pub mod indexing;
pub mod merging;
pub mod pairs;
pub mod query;
pub mod snapshot;
pub mod store;

pub use every_match::SegmentArticles;
pub use store::{ArticleStore, Hit};

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder of lede's cache: `$XDG_CACHE_HOME/lede`, else `~/.cache/lede`;
/// `None` without a home.
pub fn default_dir() -> Option<PathBuf> {
    crate::fetch::default_cache_dir()
}

/// The article index's folder inside the cache folder.
pub fn articles_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("articles")
}

/// Full paths of the files under a collection's inputs: a file is known to
/// the cache by its full path, worked out once per folder named rather than
/// once per file (a `canonicalize` per file would cost more than reading the
/// cache).
pub struct FullPaths {
    /// The folders and files named, as given and as full paths.
    roots: Vec<(PathBuf, PathBuf)>,
}

impl FullPaths {
    pub fn new(inputs: &[crate::loader::Input]) -> FullPaths {
        let roots = inputs
            .iter()
            .filter_map(|input| match input {
                crate::loader::Input::Path(path) => {
                    fs::canonicalize(path).ok().map(|full| (path.clone(), full))
                }
                crate::loader::Input::Web(_) => None,
            })
            .collect();
        FullPaths { roots }
    }

    /// The full paths of the inputs, in order.
    pub fn roots(&self) -> Vec<String> {
        self.roots
            .iter()
            .map(|(_, full)| full.to_string_lossy().into_owned())
            .collect()
    }

    /// The folders among the inputs, as full paths.
    pub fn folders(&self) -> impl Iterator<Item = &Path> {
        self.roots
            .iter()
            .map(|(_, full)| full.as_path())
            .filter(|full| full.is_dir())
    }

    /// The full path of `path`: its input's full path and the rest as walked.
    pub fn of(&self, path: &Path) -> String {
        for (given, full) in &self.roots {
            if let Ok(rest) = path.strip_prefix(given) {
                return full.join(rest).to_string_lossy().into_owned();
            }
        }
        fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .to_string_lossy()
            .into_owned()
    }
}

/// Why the cache is not being used (or only read), for the status line and
/// standard error; said once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheProblem(pub String);

impl fmt::Display for CacheProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Files and bytes under `dir`, counted without following links; a folder
/// that does not exist holds nothing.
pub fn usage(dir: &Path) -> io::Result<(u64, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                files += 1;
                bytes += meta.len();
            }
        }
    }
    Ok((files, bytes))
}

/// Empties the cache folder (web pages, feeds and the article index); the
/// folder itself stays. Returns the files and bytes removed.
pub fn clear(dir: &Path) -> io::Result<(u64, u64)> {
    let removed = usage(dir)?;
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok((0, 0)),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(removed)
}

/// A byte count for people: `812 B`, `4.2 MB`, `1.3 GB` (powers of 1,000).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod folder_tests {
    use super::*;

    #[test]
    fn human_bytes_reads_like_a_file_manager() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1000), "1.0 kB");
        assert_eq!(human_bytes(4_200_000), "4.2 MB");
        assert_eq!(human_bytes(1_300_000_000), "1.3 GB");
    }

    #[test]
    fn usage_and_clear_count_what_is_under_the_folder() {
        let dir = std::env::temp_dir().join(format!("lede-cache-usage-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("articles/inner")).unwrap();
        fs::write(dir.join("0123"), b"abc").unwrap();
        fs::write(dir.join("articles/inner/x"), b"hello").unwrap();
        assert_eq!(usage(&dir).unwrap(), (2, 8));
        assert_eq!(clear(&dir).unwrap(), (2, 8));
        assert_eq!(usage(&dir).unwrap(), (0, 0));
        assert!(dir.exists(), "the folder itself stays");
        assert_eq!(usage(&dir.join("missing")).unwrap(), (0, 0));
        fs::remove_dir_all(&dir).unwrap();
    }
}
