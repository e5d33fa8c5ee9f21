//! The keys the duplicate check has seen ([`super::Dedup`]), and the first
//! article that had each. While they are few they are in a hash table; past a
//! limit, when asked to ([`SeenKeys::spilling`]), the table is written out
//! sorted as a run in an unnamed temporary file and emptied, so that memory
//! stays flat however many articles go by (`lede dump` and `lede index` of a
//! million files). Each run keeps in memory a Bloom filter of its keys (about
//! 1.2 bytes a key) and the first key of each block of records, so a key is
//! read from disk only from a run whose filter may hold it, one block at a
//! time; runs are merged into one when there are more than [`MAX_RUNS`]
//! (the simplest form of a log-structured merge tree). A temporary file that
//! cannot be made or written leaves the keys in memory, as before.

use fastbloom::BloomFilter;
use foldhash::HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// The first article seen with a key: its load position, and hashes of where
/// it came from and of its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Seen {
    pub position: u32,
    pub origin: u64,
    pub id: u64,
}

/// Keys in memory before they are written out as a run: a table of 2^18
/// slots, about 8 MiB, never grown past that.
pub(super) const SPILL_AT: usize = 1 << 17;
/// Runs kept apart before they are merged into one: each costs a filter's
/// look at every key asked about.
const MAX_RUNS: usize = 4;
/// Bytes of a record on disk: key, position, origin, id (little-endian).
const RECORD: usize = 8 + 4 + 8 + 8;
/// Records per block read from disk for one key (3.5 KiB).
const BLOCK: usize = 128;
/// The filters' share of keys wrongly said to be in a run (a block read for nothing).
const FALSE_POSITIVES: f64 = 0.01;

/// Every key seen so far, in memory and in runs on disk.
pub(super) struct SeenKeys {
    memory: HashMap<u64, Seen>,
    /// Oldest first.
    runs: Vec<Run>,
    /// Keys in memory at which they are written out; `None`: never.
    spill_at: Option<usize>,
    /// A block read from a run.
    block: Vec<u8>,
}

impl Default for SeenKeys {
    fn default() -> Self {
        SeenKeys::in_memory()
    }
}

impl SeenKeys {
    /// Every key in memory (the reader, which keeps its collection in memory anyway).
    pub fn in_memory() -> Self {
        SeenKeys {
            memory: HashMap::default(),
            runs: Vec::new(),
            spill_at: None,
            block: Vec::new(),
        }
    }

    /// Keys written out to disk once `at` are in memory.
    pub fn spilling(at: usize) -> Self {
        SeenKeys {
            spill_at: Some(at.max(1)),
            ..SeenKeys::in_memory()
        }
    }

    /// The first article seen with `key`.
    pub fn get(&mut self, key: u64) -> Option<Seen> {
        if let Some(seen) = self.memory.get(&key) {
            return Some(*seen);
        }
        let block = &mut self.block;
        self.runs.iter_mut().find_map(|run| run.get(key, block))
    }

    /// Remembers `seen` as the first article with `key`, which [`Self::get`]
    /// did not find; writes the keys in memory out when they are enough.
    pub fn insert(&mut self, key: u64, seen: Seen) {
        self.memory.entry(key).or_insert(seen);
        if self.spill_at.is_some_and(|at| self.memory.len() >= at) && self.spill().is_err() {
            // No temporary file: the keys stay in memory from now on.
            self.spill_at = None;
        }
    }

    /// Runs on disk (for tests and figures).
    #[cfg(test)]
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Writes the keys in memory out as a run, sorted, and empties the table
    /// (keeping its room); merges the runs once there are too many.
    fn spill(&mut self) -> io::Result<()> {
        let mut entries: Vec<(u64, Seen)> = self.memory.iter().map(|(k, s)| (*k, *s)).collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        let mut writer = RunWriter::new(entries.len())?;
        for (key, seen) in entries {
            writer.push(key, seen)?;
        }
        self.runs.push(writer.finish()?);
        self.memory.clear();
        if self.runs.len() > MAX_RUNS {
            // A failed merge leaves the runs as they were: still right, only slower.
            if let Ok(merged) = merge(&mut self.runs) {
                self.runs = vec![merged];
            }
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
        let records: Vec<&[u8]> = block.chunks_exact(RECORD).collect();
        let at = records
            .binary_search_by_key(&key, |record| decode(record).0)
            .ok()?;
        Some(decode(records[at]).1)
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
    /// A run for about `expected` keys.
    fn new(expected: usize) -> io::Result<Self> {
        Ok(RunWriter {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
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
fn merge(runs: &mut [Run]) -> io::Result<Run> {
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
    let mut writer = RunWriter::new(total)?;
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

    /// Well-mixed keys, as the duplicate check's hashes are.
    fn key(n: u64) -> u64 {
        n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) | 1
    }

    #[test]
    fn keys_written_out_and_merged_are_found_with_their_first_article() {
        let mut keys = SeenKeys::spilling(100);
        let mut most_runs = 0;
        for n in 0..3_000u32 {
            keys.insert(key(n.into()), seen(n));
            most_runs = most_runs.max(keys.runs());
        }
        // Written out thirty times, merged whenever more than four runs.
        assert!(keys.runs() >= 1 && keys.runs() <= MAX_RUNS);
        assert_eq!(most_runs, MAX_RUNS);
        assert!(keys.memory.len() < 100);
        for n in 0..3_000u32 {
            assert_eq!(keys.get(key(n.into())), Some(seen(n)), "key {n}");
        }
        // Keys never seen are not found (the filters' false positives read a
        // block and find nothing).
        assert!((3_000..6_000u64).all(|n| keys.get(key(n)).is_none()));
    }

    #[test]
    fn a_key_in_two_runs_keeps_its_first_article_when_merged() {
        let mut keys = SeenKeys::spilling(2);
        keys.insert(5, seen(1));
        keys.insert(9, seen(2));
        // Against the callers' rule, key 5 again in a later run.
        keys.insert(5, seen(3));
        keys.insert(11, seen(4));
        for n in 20..40 {
            keys.insert(n, seen(n as u32));
        }
        assert_eq!(keys.get(5), Some(seen(1)));
        assert_eq!(keys.get(11), Some(seen(4)));
    }

    #[test]
    fn in_memory_keys_never_go_to_disk() {
        let mut keys = SeenKeys::in_memory();
        for n in 0..1_000u32 {
            keys.insert(key(n.into()), seen(n));
        }
        assert_eq!(keys.runs(), 0);
        assert_eq!(keys.get(key(999)), Some(seen(999)));
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
