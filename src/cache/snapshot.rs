//! A collection's snapshot: everything a reader had once a collection of
//! files was loaded, analysed and its names unified (each file's stamp,
//! articles and problems, the collection's entity index and renames), so
//! that reopening it unchanged takes neither the article index's records nor
//! any analysis or unifying; and the articles' texts in a file beside it,
//! read only when an article is shown, so that a reopened collection keeps
//! no text in memory.
//!
//! ```text
//! collections/<16 hex digits>.snap    one per collection (its folders and files, as full paths):
//!   "LEDESNAP" format:u32 header_at:u64   each file's entry (its full path, stamp, articles
//!                                         without text, where their texts are, keys,
//!                                         problems), the tail (index, renames), the header
//!                                         (revision, counts, where the tail is, the file of
//!                                         texts' name)
//! collections/<same>-<time>-<pid>.text   the texts, one after the other, in lz4 blocks
//!                                         (`store::TextFile`)
//! ```
//!
//! The header is read first, and is a few dozen bytes however big the
//! collection: the files' entries are read one after the other as the
//! loader meets the files, so that neither the first frame nor the memory
//! waits for a table of every file; the tail only when every file was met
//! unchanged, streamed into the index it holds. Anything that does not
//! read back (another format, another analysis revision, a damaged or cut
//! file, no file of texts) is no snapshot: the collection loads through the
//! article index as before, and a new snapshot replaces the old one once it
//! is complete. The file of texts is written first under a name of its own,
//! the snapshot then atomically, so two readers or a `kill -9` leave the old
//! snapshot or the new one, each with its texts.

use super::store::{ANALYSIS_REVISION, Stamp, now_nanos};
use crate::analysis::index::{CollectionIndex, Renames, SpilledIndex};
use crate::model::Article;
use crate::sanitize::sanitize_in_place;
use crate::state::atomic::AtomicFile;
use crate::store::{StoredArticle, TextFile};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod tail;
mod texts;
use tail::TailReading;
pub use texts::TextsOut;

const MAGIC: &[u8; 8] = b"LEDESNAP";

/// Raised when the layout below changes.
const FORMAT: u32 = 8;

/// Past one article in this many read from changed or added files since
/// the collection was last loaded whole (their names not unified with the
/// rest), the snapshot is given up and the collection loaded whole.
pub const INCREMENTAL_SHARE: usize = 20;

/// Bytes before the first blob: magic, format, the header's place.
const PREAMBLE: u64 = 8 + 4 + 8;

/// The snapshot file of the collection whose inputs have these full paths.
pub fn path_for(cache_dir: &Path, roots: &[String]) -> PathBuf {
    let mut bytes = Vec::new();
    for root in roots {
        bytes.extend_from_slice(root.as_bytes());
        bytes.push(0);
    }
    let hash = super::store::fnv1a_64(&bytes);
    cache_dir
        .join("collections")
        .join(format!("{hash:016x}.snap"))
}

/// Where a blob is in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Place {
    at: u64,
    len: u64,
}

/// What the snapshot holds as a whole: a few numbers, read before the
/// first file's entry.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Header {
    revision: u64,
    /// When it was written (nanoseconds since 1970), to tell racy stamps.
    written_at: i128,
    /// Files in all: their entries are one after the other from the preamble
    /// on, in the order the loader met them, up to the tail.
    files: u64,
    /// Articles in all.
    articles: u64,
    tail: Place,
    /// The name of the file of texts beside it.
    texts: String,
    /// Its length, to tell a file of texts cut short.
    texts_len: u64,
    /// Articles read from changed or added files since the collection was
    /// last loaded whole (their names were not unified with the rest).
    incremental: u64,
}

/// One file as the snapshot has it, read when the loader meets the file.
pub struct FileEntry {
    /// Its full path.
    pub path: String,
    /// Its size and modification time when it was read.
    pub stamp: Stamp,
    /// Modified so close to the moment it was read that it may have changed
    /// again within its time's resolution: never taken as unchanged (it is
    /// read again).
    racy: bool,
    pub blob: FileBlob,
}

impl FileEntry {
    /// Whether the file is the same now, with `stamp`: same size and
    /// modification time, and not racy.
    pub fn unchanged(&self, stamp: &Stamp) -> bool {
        self.stamp == *stamp && !self.racy
    }
}

/// A [`FileEntry`] as written.
#[derive(Serialize, Deserialize)]
struct EntryRecord {
    path: String,
    stamp: Stamp,
    racy: bool,
    blob: BlobRecord,
}

/// What loading one file gave: its articles (after duplicates were dropped)
/// with their keys in the article index, and its problems as (place, reason).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileBlob {
    /// The path as the collection named it (ids and problems start with it).
    pub label: String,
    /// The articles without their paragraphs: those are in [`FileBlob::texts`].
    pub articles: Vec<Article>,
    /// Where each article's text is in the snapshot's file of texts.
    pub texts: Vec<TextPlace>,
    pub keys: Vec<u64>,
    pub skipped: Vec<(String, String)>,
    pub warnings: Vec<(String, String)>,
}

/// Where an article's text is in the file of texts, and where its paragraphs end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPlace {
    pub at: u64,
    pub len: u32,
    pub ends: Vec<u32>,
}

impl FileBlob {
    /// The blob as seen by a collection that names the file `label` now.
    pub fn relabelled(mut self, label: &str) -> FileBlob {
        if self.label != label {
            let old = std::mem::take(&mut self.label);
            let relabel = |text: &mut String| {
                if let Some(rest) = text.strip_prefix(&old) {
                    *text = format!("{label}{rest}");
                }
            };
            for article in &mut self.articles {
                relabel(&mut article.id);
                relabel(&mut article.source_path);
            }
            for (place, _) in self.skipped.iter_mut().chain(&mut self.warnings) {
                relabel(place);
            }
            self.label = label.to_string();
        }
        self
    }
}

/// A [`FileBlob`] as written: postcard, a format without field names, needs
/// every field written, which [`Article`]'s serde form does not do.
#[derive(Serialize, Deserialize)]
struct BlobRecord {
    label: String,
    articles: Vec<ArticleRecord>,
    keys: Vec<u64>,
    skipped: Vec<(String, String)>,
    warnings: Vec<(String, String)>,
}

/// What the reader keeps of an article (see [`crate::store`]), its text
/// apart.
#[derive(Serialize, Deserialize)]
struct ArticleRecord {
    id: String,
    source_path: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    url: Option<String>,
    author: Option<String>,
    text: TextPlace,
}

impl From<BlobRecord> for FileBlob {
    fn from(record: BlobRecord) -> FileBlob {
        let (articles, texts) = record
            .articles
            .into_iter()
            .map(|mut a| {
                // Sanitised when they were read from their files; again,
                // as this file may have been damaged since.
                for text in [&mut a.id, &mut a.source_path, &mut a.title]
                    .into_iter()
                    .chain(a.source.as_mut())
                    .chain(a.date.as_mut())
                    .chain(a.url.as_mut())
                    .chain(a.author.as_mut())
                {
                    sanitize_in_place(text);
                }
                let article = Article {
                    id: a.id,
                    source_path: a.source_path,
                    title: a.title,
                    source: a.source,
                    date: a.date,
                    url: a.url,
                    author: a.author,
                    ..Article::default()
                };
                (article, a.text)
            })
            .unzip();
        FileBlob {
            label: record.label,
            articles,
            texts,
            keys: record.keys,
            skipped: record.skipped,
            warnings: record.warnings,
        }
    }
}

/// One file of the collection as it was loaded, for [`EntriesOut::push`].
pub struct SnapshotFile {
    /// Its full path.
    pub path: String,
    pub stamp: Stamp,
    /// The path as the collection named it.
    pub label: String,
    /// Modified so close to the moment the loader met it that it may have
    /// changed again within its time's resolution (never trusted as unchanged).
    pub racy: bool,
    /// Its articles (after duplicates were dropped) with their keys in the article index.
    pub articles: Vec<(Arc<StoredArticle>, u64)>,
    pub skipped: Vec<(String, String)>,
    pub warnings: Vec<(String, String)>,
}

/// The collection as a whole, once every article was in.
#[derive(Debug, Deserialize)]
pub struct Tail {
    pub index: CollectionIndex,
    pub renames: Renames,
}

#[derive(Serialize)]
struct TailRef<'a> {
    index: &'a CollectionIndex,
    renames: &'a Renames,
}

/// What a walk of a collection's files met, in order (each file's full path
/// and stamp), in a few bytes: to tell whether a snapshot holds exactly those
/// files unchanged without loading it ([`is_current`]). Made and compared
/// within one process (`lede index` walks the files, then asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkDigest {
    files: u64,
    hash: u64,
}

impl Default for WalkDigest {
    fn default() -> WalkDigest {
        WalkDigest {
            files: 0,
            hash: 0xcbf2_9ce4_8422_2325,
        }
    }
}

impl WalkDigest {
    /// The walk met the file at the full path `path`, with `stamp`.
    pub fn add(&mut self, path: &str, stamp: Stamp) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (self.hash, path, stamp.size, stamp.modified).hash(&mut hasher);
        self.hash = hasher.finish();
        self.files += 1;
    }
}

/// Whether the snapshot at `path` can be used as it is by a reader whose
/// walk meets what `walk` says: the same files in the same order, each with
/// the stamp it had when read and none read too close to a change to be
/// trusted, as many articles as it says, and not more of them read since
/// it was loaded whole than a reopening takes. Reads the files' entries one
/// at a time (not the tail): `lede index` asks it before loading the
/// collection to make a snapshot.
pub fn is_current(path: &Path, walk: WalkDigest) -> bool {
    let Some(mut snapshot) = Snapshot::open(path) else {
        return false;
    };
    if snapshot.file_count() as u64 != walk.files {
        return false;
    }
    let mut digest = WalkDigest::default();
    let mut articles = 0u64;
    while let Some(entry) = snapshot.next_file() {
        if entry.racy {
            return false;
        }
        digest.add(&entry.path, entry.stamp);
        articles += entry.blob.articles.len() as u64;
    }
    // As a reopening checks before it takes the snapshot whole (its tail,
    // the entity index, is not decoded here: one that does not read back
    // makes the reader load the collection and write a new snapshot).
    let header = &snapshot.header;
    digest == walk
        && articles == header.articles
        && snapshot.at == header.tail.at
        && header.incremental <= header.articles / INCREMENTAL_SHARE as u64
}

/// A snapshot opened for reading: the header read, the files' entries one
/// after the other.
pub struct Snapshot {
    /// Read in order, as the loader meets the files: buffered, so that a
    /// file's entry is rarely a read of its own.
    file: BufReader<File>,
    /// Where `file` is; the entries end where the tail starts.
    at: u64,
    header: Header,
    /// Entries read so far.
    read: u64,
    /// The articles' texts.
    texts: Arc<TextFile>,
    /// The tail, being read beside the loader once its first file was met
    /// (not before: the first article is shown sooner).
    tail: Option<TailReading>,
    /// The bytes of the entry read last.
    entry: Vec<u8>,
}

impl Snapshot {
    /// The snapshot at `path`, if there is one this lede can use.
    pub fn open(path: &Path) -> Option<Snapshot> {
        let (file, header, at) = read_header(path)?;
        if header.revision != ANALYSIS_REVISION
            || header.tail.at < PREAMBLE
            || header.tail.at.checked_add(header.tail.len)? > at
        {
            return None;
        }
        let texts_name = Path::new(&header.texts).file_name()?;
        let texts = File::open(path.with_file_name(texts_name)).ok()?;
        if texts.metadata().ok()?.len() != header.texts_len {
            return None;
        }
        let texts = TextFile::open(texts)?;
        let mut snapshot = Snapshot {
            file: BufReader::with_capacity(READ_BUFFER, file),
            at: 0,
            header,
            read: 0,
            texts,
            tail: None,
            entry: Vec::new(),
        };
        // Starts where the first entry is.
        snapshot.file.seek(SeekFrom::Start(PREAMBLE)).ok()?;
        snapshot.at = PREAMBLE;
        Some(snapshot)
    }

    /// The file the articles' texts are in.
    pub fn texts(&self) -> &Arc<TextFile> {
        &self.texts
    }

    /// How many files it holds.
    pub fn file_count(&self) -> usize {
        usize::try_from(self.header.files).unwrap_or(usize::MAX)
    }

    /// Articles read from changed or added files since the collection was
    /// last loaded whole.
    pub fn incremental(&self) -> usize {
        usize::try_from(self.header.incremental).unwrap_or(usize::MAX)
    }

    /// Articles in all.
    pub fn articles(&self) -> usize {
        usize::try_from(self.header.articles).unwrap_or(usize::MAX)
    }

    /// The next file's entry, in the order the loader met the files; `None`
    /// after the last, or when it does not read back.
    pub fn next_file(&mut self) -> Option<FileEntry> {
        if self.read >= self.header.files {
            return None;
        }
        let mut len = [0u8; 4];
        let len = self
            .read_within(&mut len)
            .map(|()| u32::from_le_bytes(len))?;
        // A damaged length asks for no more than the entries have left.
        if u64::from(len) > self.header.tail.at.saturating_sub(self.at) {
            self.at = u64::MAX;
            return None;
        }
        // One buffer for every entry: a million files are a million reads.
        let mut bytes = std::mem::take(&mut self.entry);
        bytes.resize(len as usize, 0);
        let record = self
            .read_within(&mut bytes)
            .and_then(|()| postcard::from_bytes::<EntryRecord>(&bytes).ok());
        // A big entry (a file of many articles) is not kept for the next.
        if bytes.capacity() <= READ_BUFFER {
            self.entry = bytes;
        }
        let record = record?;
        self.read += 1;
        Some(FileEntry {
            path: record.path,
            stamp: record.stamp,
            racy: record.racy,
            blob: record.blob.into(),
        })
    }

    /// Fills `bytes` from where the last read ended, if the entries go that
    /// far (they end where the tail starts).
    fn read_within(&mut self, bytes: &mut [u8]) -> Option<()> {
        let end = self.at.checked_add(bytes.len() as u64)?;
        if end > self.header.tail.at {
            return None;
        }
        let read = self.file.read_exact(bytes);
        // After a failed read the place is unknown: nothing more is read.
        self.at = if read.is_ok() { end } else { u64::MAX };
        read.ok()
    }

    /// Starts reading the tail beside the loader, if not started yet (and
    /// where reads at a place of their own move no shared position).
    pub fn read_tail_ahead(&mut self) {
        if cfg!(unix) && self.tail.is_none() {
            self.tail = read_tail(self.file.get_ref(), &self.header);
        }
    }

    /// The collection's index and renames (read beside the loader since
    /// [`Snapshot::read_tail_ahead`], or now); `None` when they do not read back.
    pub fn tail(&mut self) -> Option<Tail> {
        let reading = match self.tail.take() {
            Some(reading) => reading,
            None => read_tail(self.file.get_ref(), &self.header)?,
        };
        reading.finish()
    }
}

/// Starts reading the tail of the snapshot open as `file`, checked and
/// sanitised as it is read back.
fn read_tail(file: &File, header: &Header) -> Option<TailReading> {
    let articles = usize::try_from(header.articles).unwrap_or(usize::MAX);
    let check = move |mut tail: Tail| {
        if !tail.index.is_consistent(articles) {
            return None;
        }
        tail.index.index_names(sanitize_in_place);
        for name in tail.renames.names.values_mut() {
            sanitize_in_place(name);
        }
        Some(tail)
    };
    let place = header.tail;
    Some(TailReading::start(
        file.try_clone().ok()?,
        place.at,
        place.len,
        check,
    ))
}

/// The snapshot file at `path` opened, its header read, and where the
/// header starts (the entries and the tail end there).
fn read_header(path: &Path) -> Option<(File, Header, u64)> {
    let mut file = File::open(path).ok()?;
    let mut preamble = [0u8; PREAMBLE as usize];
    file.read_exact(&mut preamble).ok()?;
    let (magic, rest) = preamble.split_at(8);
    let (format, at) = rest.split_at(4);
    if magic != MAGIC || u32::from_le_bytes(format.try_into().ok()?) != FORMAT {
        return None;
    }
    let at = u64::from_le_bytes(at.try_into().ok()?);
    let len = file.metadata().ok()?.len().checked_sub(at)?;
    if len > MAX_HEADER {
        return None;
    }
    file.seek(SeekFrom::Start(at)).ok()?;
    let mut bytes = vec![0; usize::try_from(len).ok()?];
    file.read_exact(&mut bytes).ok()?;
    let header: Header = postcard::from_bytes(&bytes).ok()?;
    Some((file, header, at))
}

/// A header is a few numbers and a file name: one longer is damaged.
const MAX_HEADER: u64 = 1 << 12;

/// The read buffer: a few hundred files' blobs.
const READ_BUFFER: usize = 1 << 20;

/// The collection as a whole, for [`EntriesOut::finish`].
pub struct Whole<'a> {
    pub index: TailIndex<'a>,
    pub renames: &'a Renames,
    /// Articles read from changed or added files since it was last loaded whole.
    pub incremental: u64,
}

/// The collection's entity index as the snapshot gets it: the reader's, in
/// memory; or `lede index`'s, with its lists in temporary files (written
/// the same way, see [`SpilledIndex`]).
pub enum TailIndex<'a> {
    Memory(&'a CollectionIndex),
    Spilled(Box<SpilledIndex>),
}

/// A snapshot being written: each file's entry goes out as soon as the load
/// is done with the file, under a temporary name, so that neither the
/// reader nor `lede index` holds a collection's records (a million files'
/// titles, links and ids) until its names are unified; the tail and the
/// header go out at [`EntriesOut::finish`], which puts the snapshot in its
/// place. Dropped before that, it leaves nothing behind.
pub struct EntriesOut {
    path: PathBuf,
    out: BufWriter<AtomicFile>,
    /// Bytes written so far.
    at: u64,
    files: u64,
    articles: u64,
}

impl EntriesOut {
    /// Starts the snapshot at `path` (after removing what writes of processes
    /// that are gone left in its folder).
    ///
    /// # Errors
    ///
    /// When its temporary file cannot be made.
    pub fn create(path: &Path) -> io::Result<EntriesOut> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        remove_abandoned(dir);
        let mut out = BufWriter::with_capacity(1 << 20, AtomicFile::create(path)?);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        // The header's place, known at the end.
        out.write_all(&0u64.to_le_bytes())?;
        Ok(EntriesOut {
            path: path.to_path_buf(),
            out,
            at: PREAMBLE,
            files: 0,
            articles: 0,
        })
    }

    /// Writes the entry of the collection's next file; the texts of its
    /// articles that are not in `texts` yet are put in.
    ///
    /// # Errors
    ///
    /// Whatever writing says.
    pub fn push(&mut self, file: SnapshotFile, texts: &mut TextsOut) -> io::Result<()> {
        self.files += 1;
        self.articles += file.articles.len() as u64;
        let mut record = EntryRecord {
            path: file.path,
            stamp: file.stamp,
            racy: file.racy,
            blob: BlobRecord {
                label: file.label,
                articles: Vec::with_capacity(file.articles.len()),
                keys: Vec::with_capacity(file.articles.len()),
                skipped: file.skipped,
                warnings: file.warnings,
            },
        };
        for (stored, key) in &file.articles {
            let (at, len) = match stored.text_place_in(texts.file()) {
                Some(place) => place,
                None => texts.put(stored.text().body())?,
            };
            record.blob.articles.push(ArticleRecord {
                id: stored.id(),
                source_path: stored.source_path().to_string(),
                title: stored.title().to_string(),
                source: stored.source().map(str::to_string),
                date: stored.date().map(str::to_string),
                url: stored.url().map(str::to_string),
                author: stored.author().map(str::to_string),
                text: TextPlace {
                    at,
                    len,
                    ends: stored.paragraph_ends().to_vec(),
                },
            });
            record.blob.keys.push(*key);
        }
        let bytes = postcard::to_allocvec(&record).map_err(io::Error::other)?;
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&bytes)?;
        self.at += 4 + u64::from(len);
        Ok(())
    }

    /// Writes the tail (the collection's index and renames) and the header,
    /// makes `texts` complete and durable, then puts the snapshot in its
    /// place and removes the files of texts of the snapshots it replaces.
    ///
    /// # Errors
    ///
    /// Whatever writing says; the old snapshot, if any, is then as it was.
    pub fn finish(mut self, whole: Whole<'_>, mut texts: TextsOut) -> io::Result<()> {
        let Whole {
            index,
            renames,
            incremental,
        } = whole;
        // Streamed: the index is the biggest part, and is not copied.
        let mut counted = Counted {
            out: &mut self.out,
            written: 0,
        };
        match index {
            TailIndex::Memory(index) => {
                postcard::to_io(&TailRef { index, renames }, &mut counted)
                    .map_err(io::Error::other)?;
            }
            // The same bytes: a struct's fields one after the other.
            TailIndex::Spilled(index) => {
                index.write_tail(&mut counted)?;
                postcard::to_io(renames, &mut counted).map_err(io::Error::other)?;
            }
        }
        let tail = Place {
            at: self.at,
            len: counted.written,
        };
        self.at += tail.len;
        // The texts are on disk before the snapshot that names them is.
        let (texts_name, texts_len) = texts.finish()?;
        let header = Header {
            revision: ANALYSIS_REVISION,
            written_at: now_nanos(),
            files: self.files,
            articles: self.articles,
            tail,
            texts: texts_name,
            texts_len,
            incremental,
        };
        let header_at = self.at;
        put(&mut self.out, &mut self.at, &header)?;
        let mut file = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.file().seek(SeekFrom::Start(8 + 4))?;
        file.file().write_all(&header_at.to_le_bytes())?;
        file.commit()?;
        let texts_path = texts.keep();
        // The texts of the snapshots this one replaces: this process's
        // earlier ones and those of processes gone. Another lede writing a
        // snapshot of the same collection keeps its own, and removes this
        // one's if its snapshot comes last.
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let stem = self.path.file_stem().unwrap_or_default().to_string_lossy();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let Some((of, pid)) = texts_name_parts(&name) else {
                    continue;
                };
                let ours_or_gone = pid == std::process::id().to_string() || process_gone(pid);
                if of == stem && entry.path() != texts_path && ours_or_gone {
                    // A reader that has it open reads on (Unix keeps it until closed).
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// Removes what writes that a process ended before they were done (killed,
/// or quit before the write was over) left: on Linux, the temporary
/// snapshots and the files of texts of processes that are gone, unless a
/// snapshot names the file of texts.
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let gone = process_gone;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `.<name>.tmp-<pid>-<n>`, as `write_atomically_with` names them.
        let temporary = name
            .split_once(".snap.tmp-")
            .and_then(|(_, rest)| rest.split_once('-'))
            .map(|(pid, _)| pid);
        if let Some(pid) = temporary {
            if gone(pid) {
                let _ = std::fs::remove_file(entry.path());
            }
            continue;
        }
        let Some((stem, pid)) = texts_name_parts(&name) else {
            continue;
        };
        let named = read_header(&dir.join(format!("{stem}.snap")))
            .is_some_and(|(_, header, _)| header.texts == *name);
        if gone(pid) && !named {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The snapshot's stem and the process of a file of texts' name,
/// `<stem>-<time>-<pid>.text` as [`TextsOut::create`] names them.
fn texts_name_parts(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_suffix(".text")?;
    let (stem, rest) = rest.split_once('-')?;
    Some((stem, rest.rsplit_once('-')?.1))
}

/// Whether the process `pid` has ended (known on Linux only: elsewhere
/// every process is taken to run on).
fn process_gone(pid: &str) -> bool {
    cfg!(target_os = "linux") && !Path::new("/proc").join(pid).exists()
}

/// Removes, beside the snapshot at `path`, what writes of processes that are
/// gone left (a reader quit while its collection loaded leaves its
/// unfinished snapshot and file of texts): at each start, as a collection
/// reopened whole writes nothing that would remove them.
pub fn remove_abandoned_beside(path: &Path) {
    remove_abandoned(path.parent().unwrap_or(Path::new(".")));
}

/// A writer that counts what goes through it.
struct Counted<W> {
    out: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes `value` at `at` (the bytes written so far), and says where.
fn put<T: Serialize>(out: &mut impl Write, at: &mut u64, value: &T) -> io::Result<Place> {
    let bytes = postcard::to_allocvec(value).map_err(io::Error::other)?;
    out.write_all(&bytes)?;
    let place = Place {
        at: *at,
        len: bytes.len() as u64,
    };
    *at += place.len;
    Ok(place)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::analysis::index::Renames;
    use proptest::prelude::*;

    /// Writes the snapshot at `path` (atomically) in one go, as a load does
    /// file by file ([`EntriesOut`]), and its file of texts
    /// beside it: `files` are the collection's in load order; `index` and
    /// `renames` are the collection's. `texts` is the file of texts the load
    /// put texts in as it went, if any: the articles whose texts are there stay
    /// where they are, the others' are put in. The file of texts is complete
    /// first; the snapshot, renamed into place last, makes it the one.
    ///
    /// # Errors
    ///
    /// Whatever writing says; the old snapshot, if any, is then as it was.
    fn write(
        path: &Path,
        files: impl IntoIterator<Item = SnapshotFile>,
        whole: Whole<'_>,
        texts: Option<TextsOut>,
    ) -> io::Result<()> {
        let mut texts = match texts.filter(|t| !t.broken()) {
            Some(texts) => texts,
            None => TextsOut::create(path)?,
        };
        let mut entries = EntriesOut::create(path)?;
        for file in files {
            entries.push(file, &mut texts)?;
        }
        entries.finish(whole, texts)
    }

    /// A snapshot of five small articles in `dir`, and its bytes.
    fn written(dir: &Path) -> (PathBuf, Vec<u8>) {
        let _ = std::fs::remove_dir_all(dir);
        written_again(dir)
    }

    /// [`written`], over what `dir` holds.
    fn written_again(dir: &Path) -> (PathBuf, Vec<u8>) {
        let path = dir.join("collections").join("0123456789abcdef.snap");
        let articles: Vec<Article> = (0..5)
            .map(|i| Article {
                id: format!("/news/{i}.txt"),
                source_path: format!("/news/{i}.txt"),
                title: format!("Story {i}"),
                paragraphs: vec![format!(
                    "Mayor Jon Hale of Westford said \"report {i} is ready\" on Monday."
                )],
                ..Article::default()
            })
            .collect();
        let analyses: Vec<_> = articles.iter().map(crate::analysis::analyse).collect();
        let index = CollectionIndex::build(&analyses);
        let files = articles.into_iter().enumerate().map(|(i, article)| {
            let path = article.source_path.clone();
            SnapshotFile {
                label: path.clone(),
                path,
                stamp: Stamp {
                    size: 60,
                    modified: 1_000_000_000,
                },
                racy: false,
                articles: vec![(Arc::new(StoredArticle::new(article, None)), i as u64)],
                skipped: Vec::new(),
                warnings: vec![(format!("/news/{i}.txt:1:1"), "a warning".to_string())],
            }
        });
        let renames = Renames::default();
        let whole = Whole {
            index: TailIndex::Memory(&index),
            renames: &renames,
            incremental: 0,
        };
        write(&path, files, whole, None).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        (path, bytes)
    }

    /// Everything a reopening reads of the snapshot at `path`: how many
    /// files' entries, and whether the tail read back.
    fn read_all(path: &Path) -> Option<(usize, bool)> {
        let mut snapshot = Snapshot::open(path)?;
        snapshot.read_tail_ahead();
        let mut files = 0;
        while let Some(entry) = snapshot.next_file() {
            assert!(entry.blob.articles.len() <= 5);
            files += 1;
        }
        Some((files, snapshot.tail().is_some()))
    }

    #[test]
    fn a_snapshot_reads_back_whole() {
        let dir = std::env::temp_dir().join(format!("lede-snap-whole-{}", std::process::id()));
        let (path, _) = written(&dir);
        assert_eq!(read_all(&path), Some((5, true)));
        let mut snapshot = Snapshot::open(&path).unwrap();
        let entry = snapshot.next_file().unwrap();
        assert_eq!(entry.path, "/news/0.txt");
        assert!(entry.unchanged(&Stamp {
            size: 60,
            modified: 1_000_000_000
        }));
        assert_eq!(entry.blob.articles[0].title, "Story 0");
        assert_eq!(entry.blob.warnings.len(), 1);
        let tail = snapshot.tail().unwrap();
        assert!(tail.index.get("Jon Hale").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_write_removes_the_texts_of_processes_gone_and_keeps_a_running_ones() {
        let dir = std::env::temp_dir().join(format!("lede-snap-others-{}", std::process::id()));
        let (path, _) = written(&dir);
        let folder = path.parent().unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        // Process 1 runs as long as the system does; 4,000,000,000 never ran.
        let running = folder.join(format!("{stem}-1-1.text"));
        let gone = folder.join(format!("{stem}-1-4000000000.text"));
        let other_collection = folder.join("fedcba9876543210-1-4000000000.text");
        for file in [&running, &gone, &other_collection] {
            std::fs::write(file, b"texts").unwrap();
        }
        let (_, _) = written_again(&dir);
        if cfg!(target_os = "linux") {
            assert!(running.exists());
            assert!(!gone.exists());
            // Another collection's, of a process gone, that no snapshot names.
            assert!(!other_collection.exists());
        }
        let texts = std::fs::read_dir(folder)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "text"))
            .count();
        // This process's first texts went with its second snapshot.
        assert_eq!(texts, if cfg!(target_os = "linux") { 2 } else { 4 });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_snapshot_is_current_for_a_walk_that_met_its_files_unchanged_only() {
        let dir = std::env::temp_dir().join(format!("lede-snap-current-{}", std::process::id()));
        let (path, _) = written(&dir);
        let walk = |files: &[(usize, i128)]| {
            let mut walk = WalkDigest::default();
            for &(i, modified) in files {
                let stamp = Stamp { size: 60, modified };
                walk.add(&format!("/news/{i}.txt"), stamp);
            }
            walk
        };
        let then = 1_000_000_000;
        let same: Vec<(usize, i128)> = (0..5).map(|i| (i, then)).collect();
        assert!(is_current(&path, walk(&same)));
        // A file changed, one gone, one added, two in another order.
        let mut changed = same.clone();
        changed[3].1 += 1;
        assert!(!is_current(&path, walk(&changed)));
        assert!(!is_current(&path, walk(&same[..4])));
        let mut added = same.clone();
        added.push((5, then));
        assert!(!is_current(&path, walk(&added)));
        let mut swapped = same.clone();
        swapped.swap(1, 2);
        assert!(!is_current(&path, walk(&swapped)));
        // No snapshot there.
        assert!(!is_current(&dir.join("none.snap"), walk(&same)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Bytes changed anywhere (lengths, counts, the header's places):
        /// reading never panics, hangs or asks for more than the file has;
        /// what does not read back is simply no snapshot.
        #[test]
        fn a_damaged_snapshot_reads_as_none_or_in_part_never_a_panic(
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)
        ) {
            let dir = std::env::temp_dir()
                .join(format!("lede-snap-damaged-{}", std::process::id()));
            let (path, mut bytes) = written(&dir);
            for (at, byte) in changes {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            std::fs::write(&path, &bytes).unwrap();
            if let Some((files, _)) = read_all(&path) {
                prop_assert!(files <= 5);
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
