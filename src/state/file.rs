//! One collection's state file: read once at start (a damaged file moved
//! aside), then written by merging this reader's changes into what is on
//! disk, under a lock shared with other lede processes. Every message is a
//! sanitised sentence for the status line and the problems list.

use super::atomic::{move_aside, write_atomically};
use super::{Changes, Collection, Saved, VERSION};
use crate::loader::io_reason;
use crate::sanitize::sanitize;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The state file of one collection.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    collection: Vec<String>,
    /// Why this file must not be written, when reading it showed that it
    /// must not (unreadable, or from a newer lede): nothing is lost by
    /// reading on without saving, everything by overwriting it.
    frozen: Option<String>,
}

/// What reading the file on disk found.
enum OnDisk {
    Missing,
    Parsed(Saved),
    /// Could not be read (the reason).
    Unreadable(String),
    /// Read but not parsed (the reason).
    Damaged(String),
}

impl StateFile {
    /// The state file at `path` for `collection`; nothing is read yet.
    pub fn new(path: PathBuf, collection: &Collection) -> StateFile {
        StateFile {
            path,
            collection: collection.inputs().to_vec(),
            frozen: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    fn read(&self) -> OnDisk {
        match fs::read(&self.path) {
            Ok(bytes) => match serde_json::from_slice::<Saved>(&bytes) {
                Ok(saved) => OnDisk::Parsed(saved),
                Err(error) => OnDisk::Damaged(error.to_string()),
            },
            // A file where a folder should be: nothing saved there yet, and
            // writing will say why it cannot.
            Err(error)
                if matches!(error.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) =>
            {
                OnDisk::Missing
            }
            Err(error) => OnDisk::Unreadable(io_reason(&error)),
        }
    }

    /// Moves a damaged file aside; the sentence that says so.
    fn set_aside(&mut self, reason: &str) -> String {
        let path = self.shown();
        match move_aside(&self.path) {
            Ok(aside) => format!(
                "reading state was damaged ({reason}); moved aside, starting afresh: {}",
                aside.display()
            ),
            Err(error) => {
                let why = io_reason(&error);
                self.frozen = Some(why.clone());
                format!(
                    "reading state is damaged ({reason}) and could not be moved aside ({why}), so it is not saved: {path}"
                )
            }
        }
    }

    /// Reads the saved state, and what went wrong if anything did (then the
    /// state is empty, and reading goes on).
    pub fn load(&mut self) -> (Saved, Option<String>) {
        let path = self.shown();
        let (saved, problem) = match self.read() {
            OnDisk::Missing => (Saved::default(), None),
            OnDisk::Parsed(saved) if saved.version > VERSION => {
                self.frozen = Some("written by a newer lede".to_string());
                let problem = format!(
                    "reading state was written by a newer lede (format {}); read but not saved: {path}",
                    saved.version
                );
                (saved, Some(problem))
            }
            OnDisk::Parsed(saved) => (saved, None),
            OnDisk::Unreadable(why) => {
                self.frozen = Some(why.clone());
                let problem =
                    format!("cannot read the reading state ({why}); not saved this time: {path}");
                (Saved::default(), Some(problem))
            }
            OnDisk::Damaged(reason) => (Saved::default(), Some(self.set_aside(&reason))),
        };
        (saved, problem.map(|p| sanitize(&p)))
    }

    /// Writes `changes` over what is on disk now (another lede may have
    /// written since), under the collection's lock. Returns problems met on
    /// the way (a file damaged since, moved aside); `Err` when nothing could
    /// be written.
    ///
    /// # Errors
    ///
    /// The folder cannot be made or written (read-only, full), or the file
    /// must not be written (see [`StateFile::load`]).
    pub fn save(&mut self, changes: &Changes) -> Result<Vec<String>, String> {
        if let Some(why) = &self.frozen {
            return Err(sanitize(&format!(
                "reading state not saved ({why}): {}",
                self.shown()
            )));
        }
        let shown = self.shown();
        let cannot = |error: &std::io::Error| {
            sanitize(&format!(
                "cannot save the reading state ({}); reading goes on: {shown}",
                io_reason(error)
            ))
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| cannot(&e))?;
        let lock = fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("state.lock"))
            .map_err(|e| cannot(&e))?;
        // Held until `lock` is dropped at the end: another lede's write waits.
        lock.lock().map_err(|e| cannot(&e))?;
        remove_leftovers(dir);
        let mut problems = Vec::new();
        let mut saved = match self.read() {
            OnDisk::Missing => Saved::default(),
            OnDisk::Parsed(saved) if saved.version > VERSION => {
                self.frozen = Some("written by a newer lede".to_string());
                return Err(sanitize(&format!(
                    "reading state was written by a newer lede; not saved: {}",
                    self.shown()
                )));
            }
            OnDisk::Parsed(saved) => saved,
            OnDisk::Unreadable(why) => {
                return Err(sanitize(&format!(
                    "cannot read the reading state ({why}); not saved: {}",
                    self.shown()
                )));
            }
            OnDisk::Damaged(reason) => {
                let note = sanitize(&self.set_aside(&reason));
                if self.frozen.is_some() {
                    return Err(note);
                }
                problems.push(note);
                Saved::default()
            }
        };
        saved.apply(changes);
        saved.version = VERSION;
        saved.collection.clone_from(&self.collection);
        let mut bytes = serde_json::to_vec_pretty(&saved).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        write_atomically(&self.path, &bytes).map_err(|e| cannot(&e))?;
        Ok(problems)
    }
}

/// Removes the temporary files of writers killed mid-write. Every write
/// happens under the lock, so while it is held any temporary file is such a
/// leftover (see [`write_atomically`] for their names).
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".state.json.tmp-")
        {
            // Best effort: a leftover is harmless, only untidy.
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests;
