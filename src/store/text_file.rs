//! A file of article texts (a collection's snapshot keeps its texts in one),
//! compressed in blocks and read back an article at a time.
//!
//! Texts are put in one after the other and addressed by where they start in
//! that uncompressed run (`at`) and their length. They gather in an open block
//! in memory, readable at once; once it holds [`BLOCK`] bytes it is compressed
//! (lz4: quick to read back, as a search reads every text) and written. A
//! text never straddles two blocks. [`TextsWriter::finish`] writes the last
//! block and a footer, the table of blocks:
//!
//! ```text
//! block 0, block 1, …        lz4, each alone (no dictionary)
//! per block: raw start, file start   u64 LE each; CRC-32 of its texts, u32 LE
//! blocks, raw length                 u64 LE each
//! "LEDETXT2"
//! ```
//!
//! The scale corpus' generated articles repeat their words from one article
//! to the next and compress to a quarter of their size; real news text to
//! about half. A file that does not read back (cut, its footer garbled, a
//! block claiming more text than lz4 can make of its bytes) does not open; a
//! damaged block (its checksum wrong) reads as no text.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Write};
#[cfg(not(any(unix, windows)))]
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Bytes of text a block gathers before it is compressed.
pub const BLOCK: usize = 64 * 1024;

/// Blocks kept decompressed, the last ones decompressed: a search over every
/// article reads them in order, and an article shown twice is not
/// decompressed twice.
const CACHED_BLOCKS: usize = 4;

/// The footer's last bytes, which say the file was finished.
const FOOTER_MAGIC: &[u8; 8] = b"LEDETXT2";

/// Bytes of one block's entry in the footer: raw start, file start, checksum.
const ENTRY: usize = 20;

/// The most text lz4 makes of one byte (a block of one repeated byte).
const LZ4_MOST: u64 = 255;

/// A file of texts, being written or finished.
pub struct TextFile {
    /// The file, for reading.
    file: File,
    table: RwLock<Table>,
    /// Blocks decompressed lately, first in first out: (block, its text).
    cache: Mutex<VecDeque<(usize, Arc<[u8]>)>>,
    /// Where the file's one read position is shared (neither on Unix nor
    /// on Windows), held while reading.
    #[cfg_attr(any(unix, windows), allow(dead_code))]
    position: Mutex<()>,
}

/// Where the blocks are, and the open block.
#[derive(Default)]
struct Table {
    /// Where each written block starts among the texts.
    raw_starts: Vec<u64>,
    /// Where each written block starts in the file.
    file_starts: Vec<u64>,
    /// The CRC-32 of each written block's texts.
    checksums: Vec<u32>,
    /// Where the open block starts among the texts: the written blocks' end.
    open_at: u64,
    /// Where the written blocks end in the file.
    file_len: u64,
    /// Texts not yet written (only while the file is written).
    open: Vec<u8>,
}

/// One written block: where it is among the texts and in the file.
#[derive(Debug, Clone, Copy)]
struct Block {
    number: usize,
    raw_start: u64,
    raw_end: u64,
    file_start: u64,
    file_end: u64,
    checksum: u32,
}

impl Table {
    /// Written block `number`, if there is one.
    fn block(&self, number: usize) -> Option<Block> {
        Some(Block {
            number,
            raw_start: *self.raw_starts.get(number)?,
            raw_end: self
                .raw_starts
                .get(number + 1)
                .copied()
                .unwrap_or(self.open_at),
            file_start: *self.file_starts.get(number)?,
            file_end: self
                .file_starts
                .get(number + 1)
                .copied()
                .unwrap_or(self.file_len),
            checksum: *self.checksums.get(number)?,
        })
    }

    /// The written block holding `at..at + len`; none when the texts are
    /// not in one block.
    fn block_of(&self, at: u64, len: u64) -> Option<Block> {
        let number = self.raw_starts.partition_point(|&start| start <= at);
        let block = self.block(number.checked_sub(1)?)?;
        (at.checked_add(len)? <= block.raw_end).then_some(block)
    }
}

impl TextFile {
    /// A finished file of texts, if its footer reads.
    pub fn open(file: File) -> Option<Arc<TextFile>> {
        let len = file.metadata().ok()?.len();
        let mut trailer = [0u8; 24];
        let trailer_at = len.checked_sub(24)?;
        read_exact_at(&file, &mut trailer, trailer_at).ok()?;
        if &trailer[16..] != FOOTER_MAGIC {
            return None;
        }
        let blocks = u64::from_le_bytes(trailer[..8].try_into().ok()?);
        let raw_len = u64::from_le_bytes(trailer[8..16].try_into().ok()?);
        let table_len = blocks.checked_mul(ENTRY as u64)?;
        let table_at = trailer_at.checked_sub(table_len)?;
        let mut bytes = vec![0; usize::try_from(table_len).ok()?];
        read_exact_at(&file, &mut bytes, table_at).ok()?;
        let mut table = Table {
            open_at: raw_len,
            file_len: table_at,
            ..Table::default()
        };
        for entry in bytes.chunks_exact(ENTRY) {
            let raw = u64::from_le_bytes(entry[..8].try_into().ok()?);
            let at = u64::from_le_bytes(entry[8..16].try_into().ok()?);
            let checksum = u32::from_le_bytes(entry[16..].try_into().ok()?);
            // Blocks follow each other, inside the texts and the file.
            let (last_raw, last_at) = (table.raw_starts.last(), table.file_starts.last());
            if last_raw.is_some_and(|&r| r >= raw)
                || last_at.is_some_and(|&a| a > at)
                || (last_at.is_none() && (at != 0 || raw != 0))
                || raw >= raw_len
                || at > table_at
            {
                return None;
            }
            table.raw_starts.push(raw);
            table.file_starts.push(at);
            table.checksums.push(checksum);
        }
        if table.raw_starts.is_empty() && raw_len != 0 {
            return None;
        }
        // No block may claim more text than its bytes can make: a garbled
        // length would otherwise be a huge allocation when it is read.
        for number in 0..table.raw_starts.len() {
            let block = table.block(number)?;
            let compressed = block.file_end.checked_sub(block.file_start)?;
            if block.raw_end.checked_sub(block.raw_start)? > LZ4_MOST * compressed + 16 {
                return None;
            }
        }
        Some(Self::with_table(file, table))
    }

    /// An empty file of texts being written (by [`TextsWriter`]), read
    /// through `file`.
    pub fn writing(file: File) -> Arc<TextFile> {
        Self::with_table(file, Table::default())
    }

    fn with_table(file: File, table: Table) -> Arc<TextFile> {
        Arc::new(TextFile {
            file,
            table: RwLock::new(table),
            cache: Mutex::new(VecDeque::with_capacity(CACHED_BLOCKS)),
            position: Mutex::new(()),
        })
    }

    /// The bytes at `at`; none when they cannot be read.
    pub fn read_bytes(&self, at: u64, len: u32) -> Vec<u8> {
        self.read_checked(at, u64::from(len)).unwrap_or_default()
    }

    fn read_checked(&self, at: u64, len: u64) -> Option<Vec<u8>> {
        let block = {
            let table = self.table.read().unwrap_or_else(PoisonError::into_inner);
            if at >= table.open_at {
                let from = usize::try_from(at - table.open_at).ok()?;
                let to = from.checked_add(usize::try_from(len).ok()?)?;
                return table.open.get(from..to).map(<[u8]>::to_vec);
            }
            table.block_of(at, len)?
        };
        let text = self.decompressed(block)?;
        let from = usize::try_from(at - block.raw_start).ok()?;
        let to = from.checked_add(usize::try_from(len).ok()?)?;
        text.get(from..to).map(<[u8]>::to_vec)
    }

    /// `block`'s texts, from the cache or decompressed (and checked
    /// against its checksum).
    fn decompressed(&self, block: Block) -> Option<Arc<[u8]>> {
        let cached = {
            let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            cache
                .iter()
                .find(|(number, _)| *number == block.number)
                .map(|(_, text)| Arc::clone(text))
        };
        if let Some(text) = cached {
            return Some(text);
        }
        let mut compressed =
            vec![0; usize::try_from(block.file_end.checked_sub(block.file_start)?).ok()?];
        self.read_exact_at(&mut compressed, block.file_start).ok()?;
        let raw_len = usize::try_from(block.raw_end.checked_sub(block.raw_start)?).ok()?;
        let mut text = vec![0; raw_len];
        match lz4_flex::decompress_into(&compressed, &mut text) {
            Ok(n) if n == raw_len && crc32fast::hash(&text) == block.checksum => {}
            _ => return None,
        }
        let text: Arc<[u8]> = text.into();
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() == CACHED_BLOCKS {
            cache.pop_front();
        }
        cache.push_back((block.number, Arc::clone(&text)));
        Some(text)
    }

    /// Reads at `at` without moving a shared position: the reader's scan
    /// over every text and the analysis workers read at once.
    #[cfg(any(unix, windows))]
    fn read_exact_at(&self, bytes: &mut [u8], at: u64) -> io::Result<()> {
        read_exact_at(&self.file, bytes, at)
    }

    #[cfg(not(any(unix, windows)))]
    fn read_exact_at(&self, bytes: &mut [u8], at: u64) -> io::Result<()> {
        let _position = self.position.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file = &self.file;
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(bytes)
    }
}

/// What writes a [`TextFile`]: the file opened for writing, beside the
/// [`TextFile`] that reads it.
pub struct TextsWriter {
    out: File,
    texts: Arc<TextFile>,
    /// A write failed: what it held stays readable in memory, and nothing
    /// more goes in.
    broken: bool,
    /// The footer is written: nothing more goes in.
    finished: bool,
}

impl TextsWriter {
    /// Writes the texts through `out`; `texts` reads the same file.
    pub fn new(out: File, texts: Arc<TextFile>) -> TextsWriter {
        TextsWriter {
            out,
            texts,
            broken: false,
            finished: false,
        }
    }

    /// The file, for reading what was put in.
    pub fn file(&self) -> &Arc<TextFile> {
        &self.texts
    }

    /// Whether nothing more can go in.
    pub fn broken(&self) -> bool {
        self.broken
    }

    /// Puts `text` in, readable at once, and says where it is: (at, length).
    ///
    /// # Errors
    ///
    /// When an earlier write failed, the file is finished, or the text is
    /// over 4 GiB. A failed write of the block this text fills is no error:
    /// the text stays readable in memory, and the next put fails.
    pub fn put(&mut self, text: &[u8]) -> io::Result<(u64, u32)> {
        if self.broken || self.finished {
            return Err(io::Error::other("the file of texts takes no more"));
        }
        let len = u32::try_from(text.len()).map_err(io::Error::other)?;
        let mut table = self
            .texts
            .table
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let at = table.open_at + table.open.len() as u64;
        table.open.extend_from_slice(text);
        if table.open.len() >= BLOCK && write_open(&mut self.out, &mut table).is_err() {
            self.broken = true;
        }
        Ok((at, len))
    }

    /// Writes the last block and the footer and makes the file durable:
    /// returns its length. The texts are read from the file from then on.
    ///
    /// # Errors
    ///
    /// When a write failed, now or before, or it was finished before.
    pub fn finish(&mut self) -> io::Result<u64> {
        if self.broken || self.finished {
            return Err(io::Error::other("the file of texts takes no more"));
        }
        self.finished = true;
        let mut table = self
            .texts
            .table
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let written = write_open(&mut self.out, &mut table).and_then(|()| {
            let mut footer = Vec::with_capacity(table.raw_starts.len() * ENTRY + 24);
            for block in 0..table.raw_starts.len() {
                footer.extend_from_slice(&table.raw_starts[block].to_le_bytes());
                footer.extend_from_slice(&table.file_starts[block].to_le_bytes());
                footer.extend_from_slice(&table.checksums[block].to_le_bytes());
            }
            footer.extend_from_slice(&(table.raw_starts.len() as u64).to_le_bytes());
            footer.extend_from_slice(&table.open_at.to_le_bytes());
            footer.extend_from_slice(FOOTER_MAGIC);
            self.out.write_all(&footer)?;
            Ok(table.file_len + footer.len() as u64)
        });
        drop(table);
        match written {
            Ok(len) => {
                self.out.sync_all()?;
                Ok(len)
            }
            Err(error) => {
                self.broken = true;
                Err(error)
            }
        }
    }
}

/// Compresses and writes the open block (a failed write leaves it open,
/// readable in memory).
fn write_open(out: &mut File, table: &mut Table) -> io::Result<()> {
    if table.open.is_empty() {
        return Ok(());
    }
    let compressed = lz4_flex::compress(&table.open);
    out.write_all(&compressed)?;
    let file_at = table.file_len;
    table.raw_starts.push(table.open_at);
    table.file_starts.push(file_at);
    table.checksums.push(crc32fast::hash(&table.open));
    table.file_len += compressed.len() as u64;
    table.open_at += table.open.len() as u64;
    table.open = Vec::new();
    Ok(())
}

/// Reads `bytes.len()` bytes of `file` at `at`, each call saying where, so
/// that threads reading one file at once do not move each other's place
/// (the texts of a snapshot, the article index's stored articles).
#[cfg(unix)]
pub(crate) fn read_exact_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
pub(crate) fn read_exact_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, bytes, at) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                bytes = &mut bytes[n..];
                at += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
pub(crate) fn read_exact_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    let mut file = file;
    file.seek(SeekFrom::Start(at))?;
    file.read_exact(bytes)
}

impl PartialEq for TextFile {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for TextFile {}

impl std::fmt::Debug for TextFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TextFile")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::OpenOptions;

    fn writer(path: &std::path::Path) -> TextsWriter {
        let out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .unwrap();
        TextsWriter::new(out, TextFile::writing(File::open(path).unwrap()))
    }

    /// Texts of a few hundred bytes to a few KiB, unlike each other.
    fn texts(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("Text {i}: ") + &"word ".repeat(50 + (i * 37) % 700))
            .collect()
    }

    #[test]
    fn texts_read_back_while_written_and_from_the_finished_file() {
        let dir = crate::fetch::test_server::TempDir::new("text-file");
        let path = dir.path().join("t.text");
        let mut out = writer(&path);
        let texts = texts(300);
        let mut places = Vec::new();
        for text in &texts {
            let place = out.put(text.as_bytes()).unwrap();
            places.push(place);
            // Readable at once, as are the earlier ones (some in written blocks).
            assert_eq!(out.file().read_bytes(place.0, place.1), text.as_bytes());
            assert_eq!(
                out.file().read_bytes(places[0].0, places[0].1),
                texts[0].as_bytes()
            );
        }
        let raw: u64 = texts.iter().map(|t| t.len() as u64).sum();
        assert!(raw > 4 * BLOCK as u64, "several blocks: {raw}");
        let len = out.finish().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), len);
        // Finished: nothing more goes in.
        assert!(out.put(b"late").is_err());
        assert!(out.finish().is_err());
        assert_eq!(std::fs::metadata(&path).unwrap().len(), len);
        assert!(len < raw / 4, "compressed: {len} of {raw}");
        let file = TextFile::open(File::open(&path).unwrap()).unwrap();
        for (text, &(at, n)) in texts.iter().zip(&places).rev() {
            assert_eq!(file.read_bytes(at, n), text.as_bytes());
        }
        // Past the end, or across two blocks: nothing.
        assert!(file.read_bytes(raw, 1).is_empty());
        assert!(file.read_bytes(raw - 1, 2).is_empty());
        let second_block = file.table.read().unwrap().raw_starts[1];
        assert!(file.read_bytes(second_block - 1, 2).is_empty());
        assert!(file.read_bytes(u64::MAX, 2).is_empty());
    }

    #[test]
    fn a_cut_or_garbled_file_does_not_open_and_a_garbled_block_reads_as_nothing() {
        let dir = crate::fetch::test_server::TempDir::new("text-file-bad");
        let path = dir.path().join("t.text");
        let mut out = writer(&path);
        let texts = texts(200);
        let places: Vec<_> = texts
            .iter()
            .map(|t| out.put(t.as_bytes()).unwrap())
            .collect();
        out.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();

        let cut = dir.path().join("cut.text");
        std::fs::write(&cut, &bytes[..bytes.len() - 5]).unwrap();
        assert!(TextFile::open(File::open(&cut).unwrap()).is_none());
        std::fs::write(&cut, b"").unwrap();
        assert!(TextFile::open(File::open(&cut).unwrap()).is_none());
        // A footer whose table runs backwards.
        let mut garbled = bytes.clone();
        let last_entry = garbled.len() - 24 - ENTRY;
        garbled[last_entry..last_entry + 8].copy_from_slice(&0u64.to_le_bytes());
        std::fs::write(&cut, &garbled).unwrap();
        assert!(TextFile::open(File::open(&cut).unwrap()).is_none());
        // A raw length no block's bytes can make (one high bit flipped).
        let mut garbled = bytes.clone();
        let raw_len_at = garbled.len() - 16;
        garbled[raw_len_at + 6] ^= 0x80;
        std::fs::write(&cut, &garbled).unwrap();
        assert!(TextFile::open(File::open(&cut).unwrap()).is_none());

        // The first block's bytes changed: its texts read as nothing (the
        // checksum tells, also where lz4 still decodes), the rest read.
        let mut garbled = bytes;
        for byte in &mut garbled[10..400] {
            *byte = byte.wrapping_add(1);
        }
        std::fs::write(&cut, &garbled).unwrap();
        let file = TextFile::open(File::open(&cut).unwrap()).unwrap();
        assert!(file.read_bytes(places[0].0, places[0].1).is_empty());
        let last = places.len() - 1;
        assert_eq!(
            file.read_bytes(places[last].0, places[last].1),
            texts[last].as_bytes()
        );
    }

    #[test]
    fn an_empty_file_of_texts_opens() {
        let dir = crate::fetch::test_server::TempDir::new("text-file-empty");
        let path = dir.path().join("t.text");
        let mut out = writer(&path);
        out.finish().unwrap();
        let file = TextFile::open(File::open(&path).unwrap()).unwrap();
        assert!(file.read_bytes(0, 1).is_empty());
        assert!(file.read_bytes(0, 0).is_empty());
    }
}
