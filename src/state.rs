//! Reading state that lasts between runs: which articles are read and
//! starred, and the article that was open with its place, per collection.
//! No terminal here; the reader's in-memory side is [`crate::app`]'s `reading`.
//!
//! # Where and what
//! `$XDG_DATA_HOME/lede/collections/<key>/state.json` (else
//! `~/.local/share/lede/…`), one folder per collection:
//!
//! | collection | its inputs (hashed into `<key>`) |
//! | --- | --- |
//! | `lede` with no argument, the subscription list | `subscriptions:<config folder>` (the list may change, the state stays) |
//! | `lede` with no argument and no list, the bundled sample | `sample` |
//! | `lede PATH… URL…` | each path made absolute (symbolic links resolved), each web address as given; sorted, so the order of the arguments does not matter |
//! | anything read from standard input (`-`) | none: the state lasts for the session only (the same ids would name other articles next time) |
//!
//! `<key>` is a 128-bit FNV-1a hash of the inputs; the file repeats them for
//! people. Inside, articles are named by the ids `lede dump` prints (the path,
//! `path#N` in a collection file, `feed#guid` for a feed item), so adding
//! files to a folder or reordering arguments keeps what was read.
//!
//! ```json
//! { "version": 1, "collection": ["/home/me/news"],
//!   "read": ["/home/me/news/a.txt"], "starred": [],
//!   "last": { "article": "/home/me/news/a.txt", "paragraph": 3, "offset": 0, "above": 0 } }
//! ```
//!
//! # Safety
//! Written atomically ([`atomic::write_atomically`]); a file that does not
//! parse is moved aside as `state.json.corrupt-<unix time>` and a fresh one
//! started; a folder that cannot be written is reported once and reading goes
//! on. Two readers of one collection merge: each write happens under a lock
//! (`state.lock`), re-reads the file and applies only this reader's changes
//! since its last write, so neither loses the other's read or starred marks;
//! the last open article is the last writer's.

pub mod atomic;
mod file;
mod saver;

pub use file::StateFile;
pub use saver::Saver;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The format version this lede writes; a newer file is read but never
/// overwritten.
pub const VERSION: u32 = 1;

/// A collection, named by its inputs (see the module table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    inputs: Vec<String>,
}

impl Collection {
    /// The bundled sample collection.
    pub fn sample() -> Collection {
        Collection {
            inputs: vec!["sample".to_string()],
        }
    }

    /// The feeds of the subscription list in `config_dir`, whatever they are
    /// today.
    pub fn subscriptions(config_dir: &Path) -> Collection {
        Collection {
            inputs: vec![format!("subscriptions:{}", absolute(config_dir))],
        }
    }

    /// The collection `lede PATH…` reads: the arguments; without any, the
    /// subscription list in `config_dir` if there is one, else the sample.
    /// `None` when nothing is to be saved (see [`Collection::of_args`]).
    pub fn of_command_line(args: &[PathBuf], config_dir: Option<&Path>) -> Option<Collection> {
        if !args.is_empty() {
            return Collection::of_args(args);
        }
        Some(match config_dir {
            Some(config) if crate::fetch::urls::subscription_file(config).is_some() => {
                Collection::subscriptions(config)
            }
            _ => Collection::sample(),
        })
    }

    /// The command line's paths and web addresses; `None` when standard
    /// input is among them, whose articles' ids name other articles each time.
    pub fn of_args(args: &[PathBuf]) -> Option<Collection> {
        let mut inputs = Vec::with_capacity(args.len());
        for arg in args {
            let text = arg.to_string_lossy();
            if text == crate::loader::STDIN_LABEL {
                return None;
            }
            inputs.push(if crate::fetch::is_web_url(&text) {
                text.trim().to_string()
            } else {
                absolute(arg)
            });
        }
        inputs.sort();
        inputs.dedup();
        Some(Collection { inputs })
    }

    /// The inputs, as written into the state file.
    pub fn inputs(&self) -> &[String] {
        &self.inputs
    }

    /// The folder name: a hash of the inputs, in hex.
    pub fn key(&self) -> String {
        let joined = self.inputs.join("\0");
        format!("{:032x}", crate::fetch::cache::fnv1a_128(joined.as_bytes()))
    }

    /// The state file of this collection under `data_dir` (lede's data folder).
    pub fn state_path(&self, data_dir: &Path) -> PathBuf {
        data_dir
            .join("collections")
            .join(self.key())
            .join("state.json")
    }
}

/// `path` made absolute with symbolic links resolved, or lexically when it
/// does not exist (yet).
fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Where the reader was in an article: the text at the top of the body, in
/// terms that survive another terminal width (see the body's anchor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastOpen {
    /// The article's id.
    pub article: String,
    /// The paragraph at the top of the body, and the byte offset in it.
    pub paragraph: usize,
    pub offset: usize,
    /// Lines shown above that text (the title, blank lines).
    pub above: usize,
}

/// The state file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// The collection's inputs, for people looking at the file.
    #[serde(default)]
    pub collection: Vec<String>,
    #[serde(default)]
    pub read: BTreeSet<String>,
    #[serde(default)]
    pub starred: BTreeSet<String>,
    #[serde(default)]
    pub last: Option<LastOpen>,
}

/// What a reader changed since its last write: each article's new read and
/// starred flags (the last change of each wins), and the open article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub read: HashMap<String, bool>,
    pub starred: HashMap<String, bool>,
    pub last: Option<LastOpen>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.starred.is_empty() && self.last.is_none()
    }

    /// Adds `later` changes on top of these.
    pub fn extend(&mut self, later: Changes) {
        self.read.extend(later.read);
        self.starred.extend(later.starred);
        if later.last.is_some() {
            self.last = later.last;
        }
    }
}

impl Saved {
    /// Applies `changes` on top of what is saved (another reader's marks stay).
    pub fn apply(&mut self, changes: &Changes) {
        for (set, flags) in [
            (&mut self.read, &changes.read),
            (&mut self.starred, &changes.starred),
        ] {
            for (id, &on) in flags {
                if on {
                    set.insert(id.clone());
                } else {
                    set.remove(id);
                }
            }
        }
        if let Some(last) = &changes.last {
            self.last = Some(last.clone());
        }
    }
}

/// lede's data folder: `$XDG_DATA_HOME/lede`, else `~/.local/share/lede`;
/// `None` without a home.
pub fn default_data_dir() -> Option<PathBuf> {
    crate::fetch::default_data_dir()
}

/// The saver of `collection`'s reading state in `data_dir`, which reads it
/// first ([`Saver::take_loaded`]).
pub fn open(collection: &Collection, data_dir: &Path) -> Saver {
    Saver::start(StateFile::new(collection.state_path(data_dir), collection))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn collections_ignore_argument_order_and_keep_web_addresses() {
        let a = Collection::of_args(&[
            PathBuf::from("https://example.test/feed"),
            PathBuf::from("/news/b"),
            PathBuf::from("/news/a"),
        ])
        .unwrap();
        let b = Collection::of_args(&[
            PathBuf::from("/news/a"),
            PathBuf::from("https://example.test/feed"),
            PathBuf::from("/news/b"),
            PathBuf::from("/news/a"),
        ])
        .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.key(), b.key());
        assert_eq!(a.inputs()[2], "https://example.test/feed");
        assert_eq!(a.key().len(), 32);
        assert_ne!(a.key(), Collection::sample().key());
        assert_eq!(
            Collection::of_args(&[PathBuf::from("/news/a"), PathBuf::from("-")]),
            None
        );
    }

    #[test]
    fn without_arguments_the_collection_is_the_subscription_list_else_the_sample() {
        let temp = crate::fetch::test_server::TempDir::new("collection-config");
        let config = temp.path();
        assert_eq!(
            Collection::of_command_line(&[], Some(config)),
            Some(Collection::sample())
        );
        assert_eq!(
            Collection::of_command_line(&[], None),
            Some(Collection::sample())
        );
        std::fs::write(config.join("urls"), "https://example.test/feed\n").unwrap();
        let list = Collection::of_command_line(&[], Some(config)).unwrap();
        assert_eq!(list, Collection::subscriptions(config));
        assert!(list.inputs()[0].starts_with("subscriptions:/"), "{list:?}");
        assert_eq!(
            Collection::of_command_line(&[PathBuf::from("-")], Some(config)),
            None
        );
    }

    #[test]
    fn collections_of_relative_paths_are_absolute() {
        let relative = Collection::of_args(&[PathBuf::from("assets/sample")]).unwrap();
        let here = std::env::current_dir().unwrap().join("assets/sample");
        let absolute = Collection::of_args(&[here]).unwrap();
        assert_eq!(relative, absolute);
        assert!(Path::new(&relative.inputs()[0]).is_absolute());
    }

    #[test]
    fn changes_apply_over_another_readers_marks() {
        let mut saved = Saved {
            read: ["theirs".to_string(), "both".to_string()].into(),
            ..Saved::default()
        };
        let mut changes = Changes::default();
        changes.read.insert("mine".to_string(), true);
        changes.read.insert("both".to_string(), true);
        let mut later = Changes::default();
        later.read.insert("both".to_string(), false);
        later.starred.insert("mine".to_string(), true);
        changes.extend(later);
        saved.apply(&changes);
        let read: Vec<&str> = saved.read.iter().map(String::as_str).collect();
        assert_eq!(read, ["mine", "theirs"]);
        assert!(saved.starred.contains("mine"));
    }
}
