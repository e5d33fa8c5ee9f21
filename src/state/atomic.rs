//! Writing a file so that a crash or `kill -9` at any moment leaves the old
//! file or the new one, never half of one; and moving a damaged file aside.
//! Used by the reading state and the web cache.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Tells temporary files of one process apart (threads write at once).
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically: a temporary file in the same folder
/// (created if missing), written and synced, renamed over `path`, then the
/// folder synced so that the rename itself is durable.
///
/// # Errors
///
/// Whatever the file system says (no room, no permission, read-only); `path`
/// is then as it was, and no temporary file is left behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// [`write_atomically`], for a file too big to make in memory first: `write`
/// writes it into the temporary file.
///
/// # Errors
///
/// Those of `write`, and whatever the file system says; `path` is then as it
/// was.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(file.file())?;
    file.commit()
}

/// A file being written under a temporary name beside `path`, put in its
/// place by [`AtomicFile::commit`]; dropped uncommitted, it is removed. For
/// a file written over a long time (a snapshot whose entries go out as a
/// collection loads), where [`write_atomically_with`] would hold it all first.
pub struct AtomicFile {
    path: PathBuf,
    temp: PathBuf,
    file: fs::File,
    /// Renamed into place: nothing to remove.
    committed: bool,
}

impl AtomicFile {
    /// Starts the file (its folder created if missing).
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be made.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = folder_of(path);
        fs::create_dir_all(dir)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = dir.join(format!(
            ".{name}.tmp-{}-{}",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let file = fs::File::create(&temp)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
            file,
            committed: false,
        })
    }

    /// The temporary file, to write in.
    pub fn file(&mut self) -> &mut fs::File {
        &mut self.file
    }

    /// Syncs the file and renames it over `path`, then syncs the folder so
    /// that the rename itself is durable (best effort: once renamed, the file
    /// is in place, and what names it must be kept).
    ///
    /// # Errors
    ///
    /// Whatever the file system says before the rename; `path` is then as it
    /// was, and the temporary file is removed.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.file.sync_all()?;
        fs::rename(&self.temp, &self.path)?;
        self.committed = true;
        let _ = sync_dir(folder_of(&self.path));
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a leftover temporary file is harmless (it never
            // has the file's name).
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Makes a rename durable: on Unix a directory is opened and synced like a
/// file. Elsewhere the rename is all there is.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Renames a damaged `path` to `<path>.corrupt-<unix time>`, kept for a look,
/// and returns the new name.
///
/// # Errors
///
/// When the rename fails (the folder is read-only, say).
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{now}"));
    let aside = PathBuf::from(aside);
    fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::fetch::test_server::TempDir;

    #[test]
    fn write_atomically_replaces_the_file_and_leaves_no_temporary_file() {
        let temp = TempDir::new("atomic");
        let path = temp.path().join("deeper/state.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn move_aside_keeps_the_damaged_file_under_a_new_name() {
        let temp = TempDir::new("aside");
        let path = temp.path().join("state.json");
        fs::write(&path, b"{broken").unwrap();
        let aside = move_aside(&path).unwrap();
        assert!(!path.exists());
        assert_eq!(fs::read(&aside).unwrap(), b"{broken");
        let name = aside.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("state.json.corrupt-"), "{name}");
    }
}
