//! The on-disk cache behind [`super::Fetcher`]: one file per URL in
//! `$XDG_CACHE_HOME/lede/`, holding the last good body and what is needed to
//! ask the server whether it changed. Written atomically; a damaged file is
//! moved aside and read as absent, never fatal.
//!
//! # File format
//! ```text
//! lede-cache 1\n           magic and format version
//! {"url":…,"body_len":…}\n metadata, one line of JSON (`Meta`)
//! <body bytes>             exactly body_len bytes
//! ```
//! The file name is a 128-bit FNV-1a hash of the URL in hex: stable across
//! builds and Rust versions (std's hasher is not), and the URL inside is
//! checked on read.

use super::request::Body;
use super::{Fetched, Origin};
use crate::state::atomic::{move_aside, write_atomically};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The first line of every cache file; the number is the format version.
const MAGIC: &[u8] = b"lede-cache 1\n";

/// A folder of cached responses. Cloning shares nothing but the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

/// The metadata line of a cache file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Meta {
    /// The URL asked for (the key).
    pub(super) url: String,
    /// The URL the body came from, after redirects.
    pub(super) final_url: String,
    pub(super) content_type: Option<String>,
    pub(super) charset: Option<String>,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
    /// Seconds since the Unix epoch when the body was downloaded.
    pub(super) fetched: u64,
    /// The body's length: a shorter file was cut off.
    pub(super) body_len: u64,
}

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) meta: Meta,
    pub(super) body: Vec<u8>,
}

/// What a conditional request sends back to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Validators {
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    pub(super) fn any(&self) -> bool {
        self.etag.is_some() || self.last_modified.is_some()
    }
}

impl Entry {
    /// The entry for a body just downloaded from `final_url` for `url`.
    pub(super) fn new(url: &str, final_url: &str, body: Body) -> Self {
        let fetched = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        Entry {
            meta: Meta {
                url: url.to_string(),
                final_url: final_url.to_string(),
                content_type: body.content_type,
                charset: body.charset,
                etag: body.etag,
                last_modified: body.last_modified,
                fetched,
                body_len: body.bytes.len() as u64,
            },
            body: body.bytes,
        }
    }

    /// The validators this entry can send.
    pub(super) fn validators(&self) -> Validators {
        Validators {
            etag: self.meta.etag.clone(),
            last_modified: self.meta.last_modified.clone(),
        }
    }

    /// The entry as a fetch result for `url`.
    pub(super) fn into_fetched(
        self,
        url: &str,
        origin: Origin,
        cache_problem: Option<String>,
    ) -> Fetched {
        Fetched {
            url: url.to_string(),
            final_url: self.meta.final_url,
            body: self.body,
            content_type: self.meta.content_type,
            charset: self.meta.charset,
            fetched_at: UNIX_EPOCH + Duration::from_secs(self.meta.fetched),
            origin,
            cache_problem: cache_problem.map(|problem| crate::sanitize::sanitize(&problem)),
        }
    }

    /// The file's bytes: magic, metadata line, body.
    fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain strings and numbers cannot fail; the fallback
        // writes a file that reads back as damaged rather than panicking.
        let meta = serde_json::to_vec(&self.meta).unwrap_or_default();
        let mut bytes = Vec::with_capacity(MAGIC.len() + meta.len() + 1 + self.body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&meta);
        bytes.push(b'\n');
        bytes.extend_from_slice(&self.body);
        bytes
    }

    /// Parses a cache file; the error says what is wrong with it.
    fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a lede cache file of this version")?;
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("metadata line cut off")?;
        let meta: Meta = serde_json::from_slice(&rest[..newline])
            .map_err(|error| format!("bad metadata: {error}"))?;
        let body = &rest[newline + 1..];
        if body.len() as u64 != meta.body_len {
            return Err(format!(
                "body is {} bytes, metadata says {}",
                body.len(),
                meta.body_len
            ));
        }
        Ok(Entry {
            body: body.to_vec(),
            meta,
        })
    }
}

impl Cache {
    /// A cache in `dir`, created on the first write.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    /// The cache in [`super::default_cache_dir`]; `None` without a home.
    pub fn open_default() -> Option<Self> {
        super::default_cache_dir().map(Cache::new)
    }

    /// The folder the entries are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds `url`'s entry, whether or not it exists.
    pub fn path_for(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{:032x}", fnv1a_128(url.as_bytes())))
    }

    /// `url`'s entry, and any problem met reading it. A file that does not
    /// parse is moved aside as `<name>.corrupt-<unix time>`, so that it is
    /// reported once and kept for a look, and reads as absent.
    pub(super) fn load(&self, url: &str) -> (Option<Entry>, Option<String>) {
        let path = self.path_for(url);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return (None, None),
            Err(error) => {
                let reason = crate::loader::io_reason(&error);
                return (
                    None,
                    Some(format!("cache entry {}: {reason}", path.display())),
                );
            }
        };
        match Entry::from_bytes(&bytes) {
            // Another URL with the same hash: not ours, leave it alone.
            Ok(entry) if entry.meta.url != url => (None, None),
            Ok(entry) => (Some(entry), None),
            Err(reason) => (None, Some(set_aside(&path, &reason))),
        }
    }

    /// Writes `entry` atomically: a temporary file in the same folder,
    /// written and synced, renamed over the old entry, then the folder
    /// synced, so that a crash leaves the old entry or the new one, never
    /// half of one. The error is a sentence for the reader.
    pub(super) fn store(&self, entry: &Entry) -> Result<(), String> {
        let path = self.path_for(&entry.meta.url);
        write_atomically(&path, &entry.to_bytes()).map_err(|error| {
            format!(
                "could not write cache entry {}: {}",
                path.display(),
                crate::loader::io_reason(&error)
            )
        })
    }
}

/// Moves a damaged entry aside and says so.
fn set_aside(path: &Path, reason: &str) -> String {
    match move_aside(path) {
        Ok(aside) => format!(
            "cache entry {} was damaged ({reason}); moved aside as {}",
            path.display(),
            aside.display()
        ),
        Err(error) => format!(
            "cache entry {} is damaged ({reason}) and could not be moved aside: {}",
            path.display(),
            crate::loader::io_reason(&error)
        ),
    }
}

/// 128-bit FNV-1a: a stable hash for file names (not for security: the URL
/// is checked on read).
pub(crate) fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, &b| {
        (hash ^ u128::from(b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::fetch::test_server::TempDir;

    fn entry(url: &str, body: &[u8]) -> Entry {
        Entry::new(
            url,
            url,
            Body {
                bytes: body.to_vec(),
                content_type: Some("text/xml".into()),
                charset: None,
                etag: Some("\"a\"".into()),
                last_modified: None,
            },
        )
    }

    #[test]
    fn fnv1a_128_matches_the_published_test_vectors() {
        // From the FNV reference: the empty string is the offset basis, and "a".
        assert_eq!(fnv1a_128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }

    #[test]
    fn cache_stores_and_loads_an_entry() {
        let temp = TempDir::new("roundtrip");
        let dir = temp.path();
        let cache = Cache::new(dir);
        let stored = entry("http://example.test/feed", b"<rss/>\n\nbody");
        cache.store(&stored).unwrap();
        assert_eq!(cache.load("http://example.test/feed"), (Some(stored), None));
        assert_eq!(cache.load("http://example.test/other"), (None, None));
        // Only the entry is left: no temporary files.
        assert_eq!(fs::read_dir(dir).unwrap().count(), 1);
    }

    #[test]
    fn cache_sets_a_truncated_entry_aside() {
        let temp = TempDir::new("truncated");
        let dir = temp.path();
        let cache = Cache::new(dir);
        let url = "http://example.test/cut";
        cache.store(&entry(url, b"0123456789")).unwrap();
        let path = cache.path_for(url);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let (loaded, problem) = cache.load(url);
        assert_eq!(loaded, None);
        let problem = problem.unwrap();
        assert!(
            problem.contains("body is 7 bytes, metadata says 10"),
            "{problem}"
        );
        assert!(!path.exists());
        let names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].contains(".corrupt-"), "{names:?}");
        // Absent now, and quietly so.
        assert_eq!(cache.load(url), (None, None));
    }
}
