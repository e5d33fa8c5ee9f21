//! The article index's folder as tantivy sees it: memory-mapped like
//! tantivy's own [`MmapDirectory`], except the stored articles (the `.store`
//! files), which are read by call, a block at a time; and for the writer,
//! whose merges read each segment once from end to end, every file read by
//! call.
//!
//! Why: reading a whole collection back from the index (the snapshot step of
//! `lede index`, a reader's first start with a cache) goes through every
//! stored article once. Mapped, each page read stays in the process's
//! resident memory until the kernel wants it back: 1.9 GB of the 4.0 GB peak
//! of `lede index` at a million articles. Read by call, the same pages stay in
//! the system's file cache, shared and counted by no process, and a block
//! costs a copy of 16 KiB that tantivy decompresses at once anyway. The
//! postings, term dictionaries and fast fields a search reads stay mapped.
//!
//! A merge reads its segments' postings and positions a term at a time:
//! mapped, they stayed resident until the merge ended (135 MB at the worst
//! moment of `lede index` at 100,000 articles, up to 462 MB at a million,
//! with merges bounded as [`super::merging`] says); read by call, a term's
//! bytes are a buffer freed once merged, and the pages again the system's.
//! What a merge reads whole (a segment's term dictionaries, its store of
//! articles when stacked) is mapped while it is held ([`MAPPED_READ`]).

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// [`MmapDirectory`], with stored articles (or, for the writer, every
/// file) read by call.
#[derive(Clone, Debug)]
pub struct IndexDirectory {
    mapped: MmapDirectory,
    root: PathBuf,
    reads: Reads,
}

/// Which files an [`IndexDirectory`] reads by call rather than mapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reads {
    /// For searching: the stored articles only.
    Stored,
    /// For the writer, whose merges and deletes read every file once.
    All,
}

impl IndexDirectory {
    /// The index folder `root`, which must exist, for searching and
    /// reading articles back.
    ///
    /// # Errors
    /// Those of [`MmapDirectory::open`].
    pub fn open(
        root: &Path,
    ) -> Result<IndexDirectory, tantivy::directory::error::OpenDirectoryError> {
        Self::with_reads(root, Reads::Stored)
    }

    /// The index folder `root`, which must exist, for the index's writer:
    /// nothing mapped.
    ///
    /// # Errors
    /// Those of [`MmapDirectory::open`].
    pub fn for_writer(
        root: &Path,
    ) -> Result<IndexDirectory, tantivy::directory::error::OpenDirectoryError> {
        Self::with_reads(root, Reads::All)
    }

    fn with_reads(
        root: &Path,
        reads: Reads,
    ) -> Result<IndexDirectory, tantivy::directory::error::OpenDirectoryError> {
        Ok(IndexDirectory {
            mapped: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            reads,
        })
    }

    /// Whether `path` is read by call: for searching, the stored documents,
    /// which tantivy reads a block at a time and seldom twice; for the
    /// writer, everything.
    fn read_by_call(&self, path: &Path) -> bool {
        self.reads == Reads::All || path.extension().is_some_and(|e| e == "store")
    }
}

/// An open file read with a call per block.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
    /// The file's path in `mapped`, which big reads map instead.
    path: PathBuf,
    mapped: MmapDirectory,
}

/// Reads longer than this are mapped for as long as their bytes live: a
/// merge reads a segment's whole term dictionary, and stacks its whole
/// store of articles (tens of megabytes), at once. Copied, they are big
/// allocations that the allocator may keep after they are freed; mapped,
/// the pages go back with the bytes.
const MAPPED_READ: usize = 1 << 20;

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let end = range.end.min(self.len);
        let len = end.saturating_sub(range.start);
        if len > MAPPED_READ
            && let Ok(mapped) = self.mapped.get_file_handle(&self.path)
        {
            return mapped.read_bytes(range.start..end);
        }
        let mut bytes = vec![0; len];
        crate::store::read_exact_at(&self.file, &mut bytes, range.start as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if !self.read_by_call(path) {
            return self.mapped.get_file_handle(path);
        }
        let full = self.root.join(path);
        let opened = File::open(&full).and_then(|file| {
            let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
            Ok(ReadFile {
                file,
                len,
                path: path.to_path_buf(),
                mapped: self.mapped.clone(),
            })
        });
        match opened {
            Ok(file) => Ok(Arc::new(file)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(io_error) => Err(OpenReadError::IoError {
                io_error: Arc::new(io_error),
                filepath: full,
            }),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_documents_are_read_by_call_and_the_rest_mapped_but_by_the_writer() {
        let dir = std::env::temp_dir().join(format!("lede-directory-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let searching = IndexDirectory::open(&dir).expect("open");
        let writing = IndexDirectory::for_writer(&dir).expect("open");
        for name in ["seg.store", "seg.idx"] {
            searching
                .atomic_write(Path::new(name), b"0123456789")
                .expect("write");
            for directory in [&searching, &writing] {
                let slice = directory.open_read(Path::new(name)).expect("read");
                assert_eq!(slice.len(), 10);
                let bytes = slice.slice(3..7).read_bytes().expect("bytes");
                assert_eq!(bytes.as_slice(), b"3456", "{name}");
            }
        }
        for directory in [&searching, &writing] {
            let missing = directory.get_file_handle(Path::new("gone.idx"));
            assert!(matches!(missing, Err(OpenReadError::FileDoesNotExist(_))));
        }
        // The writer's handle reads by call; the searcher's maps.
        let handle = |directory: &IndexDirectory| {
            let handle = directory.get_file_handle(Path::new("seg.idx"));
            format!("{:?}", handle.expect("open"))
        };
        assert!(
            handle(&writing).starts_with("ReadFile"),
            "{}",
            handle(&writing)
        );
        assert!(!handle(&searching).starts_with("ReadFile"));
        // A big read by the writer (mapped while held) and a small one give the file's bytes.
        let big: Vec<u8> = (0..MAPPED_READ * 2).map(|i| (i % 251) as u8).collect();
        writing
            .atomic_write(Path::new("big.pos"), &big)
            .expect("write");
        let slice = writing.open_read(Path::new("big.pos")).expect("read");
        assert_eq!(slice.read_bytes().expect("bytes").as_slice(), &big[..]);
        let part = slice.slice(7..MAPPED_READ + 9).read_bytes().expect("bytes");
        assert_eq!(part.as_slice(), &big[7..MAPPED_READ + 9]);
        let small = slice.slice(5..50).read_bytes().expect("bytes");
        assert_eq!(small.as_slice(), &big[5..50]);
        assert!(searching.read_by_call(Path::new("a.store")));
        assert!(!searching.read_by_call(Path::new("a.pos")));
        assert!(
            writing.read_by_call(Path::new("a.pos")) && writing.read_by_call(Path::new("a.term"))
        );
        std::fs::remove_dir_all(&dir).expect("clean");
    }
}
