//! The keys the duplicate check has seen ([`super::Dedup`]), and the first
//! article that had each. While they are few they are in a hash table (a key's
//! first article's position), beside where each article came from; past a
//! limit, when asked to ([`SeenKeys::spilling`]), the table is written out
//! sorted as a run in an unnamed temporary file and emptied, so that memory
//! stays nearly flat however many articles go by (`lede dump` and `lede index`
//! of a million files): each run keeps in memory a Bloom filter of its keys
//! and the first key of each block of records (together about 1.3 bytes a
//! key), so a key is read from disk only from a run whose filter may hold it,
//! one block at a time. A run is merged with the one before it once it is at
//! least half that one's size, so that there are a few runs (about the
//! logarithm of their number) and each key is rewritten as few times (the
//! simplest form of a log-structured merge tree). A temporary file that cannot
//! be made or written leaves the keys in memory, as before; a block that cannot
//! be read counts as not holding the key (a copy may then be kept twice).

use fastbloom::BloomFilter;
use foldhash::HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// The first article seen with a key: its load position, and hashes of where
/// it came from and of its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Seen {
    pub position: u32,
    pub origin: u64,
    pub id: u64,
}

/// Keys in memory before they are written out as a run: a table of 2^18
/// slots, about 4 MiB, never grown past that.
pub(super) const SPILL_AT: usize = 1 << 17;
/// Bytes of a record on disk: key, position, origin, id (little-endian).
const RECORD: usize = 8 + 4 + 8 + 8;
/// Records per block read from disk for one key (3.5 KiB).
const BLOCK: usize = 128;
/// The filters' share of keys wrongly said to be in a run (a block read for nothing).
const FALSE_POSITIVES: f64 = 0.01;

/// Every key seen so far, in memory and in runs on disk.
pub(super) struct SeenKeys {
    /// Key → load position of its first article, for the keys not yet written out.
    memory: HashMap<u64, u32>,
    /// Origin and id of each article from position `base` on.
    articles: Vec<(u64, u64)>,
    base: u32,
    /// Oldest first.
    runs: Vec<Run>,
    /// Keys in memory at which they are written out; `None`: never.
    spill_at: Option<usize>,
    /// Where the runs go (`None`: the system's temporary folder).
    folder: Option<PathBuf>,
    /// A block read from a run.
    block: Vec<u8>,
}

impl Default for SeenKeys {
    fn default() -> Self {
        SeenKeys::in_memory()
    }
}

impl SeenKeys {
    /// Every key in memory (the reader, which keeps its collection in memory
    /// anyway): 16 bytes a key and 16 an article, as before runs existed.
    pub fn in_memory() -> Self {
        SeenKeys {
            memory: HashMap::default(),
            articles: Vec::new(),
            base: 0,
            runs: Vec::new(),
            spill_at: None,
            folder: None,
            block: Vec::new(),
        }
    }

    /// Keys written out to disk, in `folder` (else the system's temporary
    /// folder), once `at` are in memory.
    pub fn spilling(at: usize, folder: Option<PathBuf>) -> Self {
        SeenKeys {
            spill_at: Some(at.max(1)),
            folder,
            ..SeenKeys::in_memory()
        }
    }

    /// The load position the next article remembered takes.
    fn next_position(&self) -> u32 {
        self.base
            .saturating_add(u32::try_from(self.articles.len()).unwrap_or(u32::MAX))
    }

    /// The first article seen with `key`.
    pub fn get(&mut self, key: u64) -> Option<Seen> {
        if let Some(&position) = self.memory.get(&key) {
            let (origin, id) = self.articles[(position - self.base) as usize];
            return Some(Seen {
                position,
                origin,
                id,
            });
        }
        let block = &mut self.block;
        self.runs.iter_mut().find_map(|run| run.get(key, block))
    }

    /// Remembers the next article, from `origin` with `id`, as the first with
    /// each of `keys`, which [`Self::get`] did not find; returns its load
    /// position, the one after the last article remembered. Writes the keys
    /// in memory out when they are enough.
    pub fn insert(&mut self, keys: impl IntoIterator<Item = u64>, origin: u64, id: u64) -> u32 {
        let position = self.next_position();
        self.articles.push((origin, id));
        for key in keys {
            self.memory.entry(key).or_insert(position);
        }
        if self.spill_at.is_some_and(|at| self.memory.len() >= at) && self.spill().is_err() {
            // No temporary file: the keys stay in memory from now on.
            self.spill_at = None;
        }
        position
    }

    /// Runs on disk (for tests and figures).
    #[cfg(test)]
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Writes the keys in memory out as a run, sorted, and empties the table
    /// (keeping its room); then merges the newest run into the one before as
    /// long as it is at least half that one's size.
    fn spill(&mut self) -> io::Result<()> {
        let mut entries: Vec<(u64, u32)> = self.memory.iter().map(|(k, p)| (*k, *p)).collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        let mut writer = RunWriter::new(entries.len(), self.folder.as_ref())?;
        for (key, position) in entries {
            let (origin, id) = self.articles[(position - self.base) as usize];
            let seen = Seen {
                position,
                origin,
                id,
            };
            writer.push(key, seen)?;
        }
        self.runs.push(writer.finish()?);
        self.memory.clear();
        self.base = self.next_position();
        self.articles.clear();
        while let [.., older, newer] = self.runs.as_slice()
            && newer.len * 2 >= older.len
        {
            let pair = self.runs.len() - 2;
            // A failed merge leaves the runs as they were: still right, only slower.
            let Ok(merged) = merge(&mut self.runs[pair..], self.folder.as_ref()) else {
                break;
            };
            self.runs.truncate(pair);
            self.runs.push(merged);
        }
        Ok(())
    }
}

/// A sorted run of records in a temporary file, with what finds a key in it.
struct Run {
    file: File,
    len: usize,
    /// The first key of each block of [`BLOCK`] records.
    firsts: Vec<u64>,
    filter: BloomFilter,
}

impl Run {
    /// The record of `key`, reading at most one block (into `block`). A
    /// block that does not read counts as not holding it.
    fn get(&mut self, key: u64, block: &mut Vec<u8>) -> Option<Seen> {
        if !self.filter.contains_hash(key) {
            return None;
        }
        let index = self
            .firsts
            .partition_point(|&first| first <= key)
            .checked_sub(1)?;
        let start = index * BLOCK;
        let count = BLOCK.min(self.len - start);
        block.resize(count * RECORD, 0);
        self.file
            .seek(SeekFrom::Start((start * RECORD) as u64))
            .and_then(|_| self.file.read_exact(block))
            .ok()?;
        let key_at = |i: usize| decode(&block[i * RECORD..(i + 1) * RECORD]);
        // A binary search over the block's records, by key.
        let (mut low, mut high) = (0, count);
        while low < high {
            let middle = (low + high) / 2;
            let (found, seen) = key_at(middle);
            match found.cmp(&key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(seen),
            }
        }
        None
    }
}

/// Writes a run's records in key order, building its filter and block index.
struct RunWriter {
    out: BufWriter<File>,
    len: usize,
    firsts: Vec<u64>,
    filter: BloomFilter,
}

impl RunWriter {
    /// A run for about `expected` keys, in `folder` (else the system's
    /// temporary folder).
    fn new(expected: usize, folder: Option<&PathBuf>) -> io::Result<Self> {
        let file = match folder {
            Some(folder) => tempfile::tempfile_in(folder)?,
            None => tempfile::tempfile()?,
        };
        Ok(RunWriter {
            out: BufWriter::with_capacity(1 << 16, file),
            len: 0,
            firsts: Vec::with_capacity(expected / BLOCK + 1),
            filter: BloomFilter::with_false_pos(FALSE_POSITIVES).expected_items(expected.max(1)),
        })
    }

    /// Adds a record, its key not less than the last's.
    fn push(&mut self, key: u64, seen: Seen) -> io::Result<()> {
        if self.len.is_multiple_of(BLOCK) {
            self.firsts.push(key);
        }
        self.filter.insert_hash(key);
        self.out.write_all(&encode(key, seen))?;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<Run> {
        let file = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        Ok(Run {
            file,
            len: self.len,
            firsts: self.firsts,
            filter: self.filter,
        })
    }
}

/// Merges `runs` into one, reading each in order once. A key in more than one
/// run (which [`SeenKeys::insert`]'s callers avoid) keeps its first article.
fn merge(runs: &mut [Run], folder: Option<&PathBuf>) -> io::Result<Run> {
    let total = runs.iter().map(|run| run.len).sum();
    let mut readers = Vec::with_capacity(runs.len());
    for run in runs.iter_mut() {
        run.file.seek(SeekFrom::Start(0))?;
        readers.push((BufReader::with_capacity(1 << 16, &run.file), run.len));
    }
    // The next record of each run, least key (then first position) on top.
    let mut next = BinaryHeap::new();
    for r in 0..readers.len() {
        read_next(&mut readers, r, &mut next)?;
    }
    let mut writer = RunWriter::new(total, folder)?;
    let mut last = None;
    while let Some(Reverse((key, position, r, origin, id))) = next.pop() {
        if last != Some(key) {
            writer.push(
                key,
                Seen {
                    position,
                    origin,
                    id,
                },
            )?;
            last = Some(key);
        }
        read_next(&mut readers, r, &mut next)?;
    }
    writer.finish()
}

/// A record waiting in [`merge`]: key, position, run, origin, id.
type Waiting = Reverse<(u64, u32, usize, u64, u64)>;

/// Puts run `r`'s next record, if any is left, among those waiting.
fn read_next(
    readers: &mut [(BufReader<&File>, usize)],
    r: usize,
    waiting: &mut BinaryHeap<Waiting>,
) -> io::Result<()> {
    let (reader, left) = &mut readers[r];
    if *left > 0 {
        *left -= 1;
        let mut record = [0u8; RECORD];
        reader.read_exact(&mut record)?;
        let (key, seen) = decode(&record);
        waiting.push(Reverse((key, seen.position, r, seen.origin, seen.id)));
    }
    Ok(())
}

fn encode(key: u64, seen: Seen) -> [u8; RECORD] {
    let mut record = [0u8; RECORD];
    record[..8].copy_from_slice(&key.to_le_bytes());
    record[8..12].copy_from_slice(&seen.position.to_le_bytes());
    record[12..20].copy_from_slice(&seen.origin.to_le_bytes());
    record[20..].copy_from_slice(&seen.id.to_le_bytes());
    record
}

fn decode(record: &[u8]) -> (u64, Seen) {
    let word = |range: std::ops::Range<usize>| {
        let mut bytes = [0u8; 8];
        bytes[..range.len()].copy_from_slice(&record[range]);
        u64::from_le_bytes(bytes)
    };
    let seen = Seen {
        position: word(8..12) as u32,
        origin: word(12..20),
        id: word(20..28),
    };
    (word(0..8), seen)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn seen(position: u32) -> Seen {
        Seen {
            position,
            origin: u64::from(position) * 7,
            id: u64::from(position) * 13,
        }
    }

    /// Remembers the next article, which must be the `n`th, as [`seen`]`(n)`.
    fn remember<const K: usize>(keys: &mut SeenKeys, with: [u64; K], n: u32) {
        let s = seen(n);
        assert_eq!(keys.insert(with, s.origin, s.id), n);
    }

    /// Well-mixed keys, as the duplicate check's hashes are.
    fn key(n: u64) -> u64 {
        n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) | 1
    }

    #[test]
    fn keys_written_out_and_merged_are_found_with_their_first_article() {
        let mut keys = SeenKeys::spilling(100, None);
        let mut most_runs = 0;
        for n in 0..6_000u32 {
            // Two keys an article, as a file's id and text.
            remember(&mut keys, [key(n.into()), key(u64::from(n) + 1_000_000)], n);
            most_runs = most_runs.max(keys.runs());
        }
        // Written out 120 times; merged as they pile up, so that a few runs
        // are left, about the logarithm of their number.
        assert!(keys.runs() >= 1 && most_runs <= 8, "{most_runs} runs");
        assert!(keys.memory.len() < 100);
        for n in 0..6_000u32 {
            assert_eq!(keys.get(key(n.into())), Some(seen(n)), "key {n}");
            assert_eq!(keys.get(key(u64::from(n) + 1_000_000)), Some(seen(n)));
        }
        // Keys never seen are not found (the filters' false positives read a
        // block and find nothing).
        assert!((6_000..12_000u64).all(|n| keys.get(key(n)).is_none()));
    }

    #[test]
    fn a_key_in_two_runs_keeps_its_first_article_when_merged() {
        let mut keys = SeenKeys::spilling(2, None);
        remember(&mut keys, [5, 9], 0);
        // Against the callers' rule, key 5 again in a later run.
        remember(&mut keys, [5, 11], 1);
        for n in 2..40u32 {
            remember(&mut keys, [u64::from(n) * 100], n);
        }
        assert_eq!(keys.get(5), Some(seen(0)));
        assert_eq!(keys.get(11), Some(seen(1)));
        assert_eq!(keys.get(3_900), Some(seen(39)));
    }

    #[test]
    fn in_memory_keys_never_go_to_disk() {
        let mut keys = SeenKeys::in_memory();
        for n in 0..1_000u32 {
            remember(&mut keys, [key(n.into())], n);
        }
        assert_eq!(keys.runs(), 0);
        assert_eq!(keys.get(key(999)), Some(seen(999)));
    }

    #[test]
    fn runs_go_to_the_folder_given_and_a_folder_that_is_none_keeps_them_in_memory() {
        let folder = tempfile::tempdir().unwrap();
        let mut keys = SeenKeys::spilling(1, Some(folder.path().to_path_buf()));
        remember(&mut keys, [1], 0);
        assert_eq!(keys.runs(), 1);
        let mut keys = SeenKeys::spilling(1, Some(folder.path().join("gone")));
        remember(&mut keys, [1], 0);
        remember(&mut keys, [2], 1);
        assert_eq!(keys.runs(), 0);
        assert_eq!(keys.get(1), Some(seen(0)));
        assert_eq!(keys.get(2), Some(seen(1)));
    }

    #[test]
    fn records_read_back_as_written() {
        let s = Seen {
            position: u32::MAX,
            origin: u64::MAX - 1,
            id: 42,
        };
        assert_eq!(decode(&encode(u64::MAX, s)), (u64::MAX, s));
    }
}
