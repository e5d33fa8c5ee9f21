//! Fixed-size records sorted on disk: appended in any order (in memory up to
//! a chunk, then to an unnamed temporary file), and given back sorted by
//! sorting a chunk at a time into runs, each in a temporary file of its own,
//! and merging the runs. Memory holds one chunk, whatever the number of
//! records. Without a temporary file the records stay in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A record of a fixed size, ordered as it is to be given back.
pub(super) trait Record: Copy + Ord {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(bytes: &[u8]) -> Self;
}

/// A fixed-width unsigned integer as its little-endian bytes.
macro_rules! little_endian_record {
    ($($int:ty),*) => {$(
        impl Record for $int {
            const SIZE: usize = std::mem::size_of::<$int>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(bytes: &[u8]) -> Self {
                let mut word = [0; std::mem::size_of::<$int>()];
                word.copy_from_slice(&bytes[..Self::SIZE]);
                <$int>::from_le_bytes(word)
            }
        }
    )*};
}

little_endian_record!(u64, u128);

/// Bytes of records held before they go to the file, once it is made.
const WRITE_BUFFER: usize = 1 << 16;

/// Records appended in any order.
pub(super) struct Spill<R> {
    /// Where the temporary files go (`None`: the system's temporary folder).
    folder: Option<PathBuf>,
    /// Records sorted at once, and held in memory before they go to the file.
    chunk: usize,
    memory: Vec<R>,
    /// The records past the first chunks, unsorted, once there is a file.
    file: Option<BufWriter<File>>,
    /// Records in the file.
    in_file: u64,
    /// No file could be made: every record stays in memory.
    memory_only: bool,
    /// The first write that failed: the records are incomplete.
    error: Option<io::Error>,
}

impl<R: Record> Spill<R> {
    pub(super) fn new(folder: Option<&Path>, chunk: usize) -> Spill<R> {
        Spill {
            folder: folder.map(Path::to_path_buf),
            chunk: chunk.max(1),
            memory: Vec::new(),
            file: None,
            in_file: 0,
            memory_only: false,
            error: None,
        }
    }

    pub(super) fn push(&mut self, record: R) {
        self.memory.push(record);
        // A chunk in memory before the file is made (a small collection
        // needs none); then a buffer's worth at a time.
        let limit = if self.file.is_some() {
            (WRITE_BUFFER / R::SIZE).min(self.chunk)
        } else {
            self.chunk
        };
        if self.memory.len() >= limit && !self.memory_only {
            self.write_out();
        }
    }

    /// Appends the records in memory to the file, made on first use.
    fn write_out(&mut self) {
        if self.file.is_none() {
            match temporary(self.folder.as_deref()) {
                Ok(file) => self.file = Some(BufWriter::with_capacity(1 << 16, file)),
                Err(_) => {
                    self.memory_only = true;
                    return;
                }
            }
        }
        let Some(out) = &mut self.file else {
            return;
        };
        // A block at a time: the first chunk is not copied whole.
        let mut bytes = Vec::with_capacity(WRITE_BUFFER);
        for block in self.memory.chunks(WRITE_BUFFER / R::SIZE) {
            bytes.clear();
            for &record in block {
                record.put(&mut bytes);
            }
            if let Err(error) = out.write_all(&bytes) {
                self.error.get_or_insert(error);
            }
        }
        self.in_file += self.memory.len() as u64;
        self.memory.clear();
        // The first chunk's room is not needed again.
        self.memory.shrink_to(WRITE_BUFFER / R::SIZE);
    }

    /// Every record, each as `map` makes it, in ascending order; with
    /// `dedup`, equal records once.
    ///
    /// # Errors
    /// A write or read of a temporary file that failed.
    pub(super) fn sorted(mut self, map: impl Fn(R) -> R, dedup: bool) -> io::Result<Sorted<R>> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let Some(out) = self.file.take() else {
            // All in memory: one sort.
            let mut records: Vec<R> = self.memory.drain(..).map(&map).collect();
            records.sort_unstable();
            if dedup {
                records.dedup();
            }
            return Ok(Sorted::Memory(records.into_iter()));
        };
        let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(0))?;
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let mut runs = Vec::new();
        let mut left = self.in_file;
        let mut chunk: Vec<R> = Vec::with_capacity(self.chunk);
        let mut bytes = vec![0; R::SIZE];
        loop {
            chunk.clear();
            while chunk.len() < self.chunk && left > 0 {
                reader.read_exact(&mut bytes)?;
                chunk.push(map(R::get(&bytes)));
                left -= 1;
            }
            // The records still in memory come last.
            if left == 0 {
                let room = self.chunk.saturating_sub(chunk.len());
                let take = room.min(self.memory.len());
                chunk.extend(self.memory.drain(..take).map(&map));
            }
            if chunk.is_empty() {
                break;
            }
            chunk.sort_unstable();
            if dedup {
                chunk.dedup();
            }
            runs.push(write_run(self.folder.as_deref(), &chunk)?);
        }
        drop(reader);
        Sorted::merging(runs, dedup)
    }
}

/// An unnamed temporary file (gone when closed, whatever happens).
pub(super) fn temporary(folder: Option<&Path>) -> io::Result<File> {
    match folder {
        Some(folder) => tempfile::tempfile_in(folder),
        None => tempfile::tempfile(),
    }
}

/// Writes `records` (sorted) to a temporary file of its own, ready to read.
fn write_run<R: Record>(folder: Option<&Path>, records: &[R]) -> io::Result<BufReader<File>> {
    let mut out = BufWriter::with_capacity(1 << 16, temporary(folder)?);
    let mut bytes = Vec::with_capacity(1 << 16);
    for block in records.chunks((1 << 16) / R::SIZE) {
        bytes.clear();
        for &record in block {
            record.put(&mut bytes);
        }
        out.write_all(&bytes)?;
    }
    let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

/// The records in order.
pub(super) enum Sorted<R> {
    Memory(std::vec::IntoIter<R>),
    Runs {
        runs: Vec<BufReader<File>>,
        /// The next record of each run not yet given, smallest first.
        heads: BinaryHeap<Reverse<(R, usize)>>,
        dedup: bool,
        last: Option<R>,
    },
}

impl<R: Record> Sorted<R> {
    fn merging(mut runs: Vec<BufReader<File>>, dedup: bool) -> io::Result<Sorted<R>> {
        let mut heads = BinaryHeap::with_capacity(runs.len());
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(record) = read_record(run)? {
                heads.push(Reverse((record, i)));
            }
        }
        Ok(Sorted::Runs {
            runs,
            heads,
            dedup,
            last: None,
        })
    }

    /// The next record, if any.
    ///
    /// # Errors
    /// A run that does not read back.
    pub(super) fn next_record(&mut self) -> io::Result<Option<R>> {
        match self {
            Sorted::Memory(records) => Ok(records.next()),
            Sorted::Runs {
                runs,
                heads,
                dedup,
                last,
            } => loop {
                let Some(Reverse((record, i))) = heads.pop() else {
                    return Ok(None);
                };
                if let Some(next) = read_record(&mut runs[i])? {
                    heads.push(Reverse((next, i)));
                }
                if *dedup && *last == Some(record) {
                    continue;
                }
                *last = Some(record);
                return Ok(Some(record));
            },
        }
    }
}

/// The next record of a run, `None` at its end.
fn read_record<R: Record>(run: &mut BufReader<File>) -> io::Result<Option<R>> {
    let mut bytes = [0u8; 16];
    let bytes = &mut bytes[..R::SIZE];
    // The end of a run falls between records; a part of one is an error.
    let mut filled = 0;
    while filled < R::SIZE {
        match run.read(&mut bytes[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(Some(R::get(bytes)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn all<R: Record>(mut sorted: Sorted<R>) -> Vec<R> {
        let mut out = Vec::new();
        while let Some(record) = sorted.next_record().unwrap() {
            out.push(record);
        }
        out
    }

    /// Pseudo-random records with repeats.
    fn records(n: u64) -> Vec<u64> {
        (0..n).map(|i| (i * 7_919 + 13) % (n / 2 + 1)).collect()
    }

    #[test]
    fn records_over_many_runs_come_back_sorted_mapped_and_deduplicated() {
        let folder = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(Some(folder.path()), 100);
        for record in records(1_050) {
            spill.push(record);
        }
        let mut expected: Vec<u64> = records(1_050).into_iter().map(|r| r / 3).collect();
        expected.sort_unstable();
        let with_repeats = all(spill.sorted(|r| r / 3, false).unwrap());
        assert_eq!(with_repeats, expected);
        let mut spill = Spill::new(Some(folder.path()), 100);
        for record in records(1_050) {
            spill.push(record);
        }
        expected.dedup();
        assert_eq!(all(spill.sorted(|r| r / 3, true).unwrap()), expected);
        // The temporary files have no names: the folder stays empty.
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_that_is_gone_keeps_the_records_in_memory() {
        let folder = tempfile::tempdir().unwrap();
        let gone = folder.path().join("gone");
        let mut spill: Spill<u128> = Spill::new(Some(&gone), 10);
        for record in (0..95u128).rev() {
            spill.push(record << 64);
        }
        let back = all(spill.sorted(|r| r, true).unwrap());
        assert_eq!(back, (0..95u128).map(|r| r << 64).collect::<Vec<_>>());
    }

    #[test]
    fn a_run_cut_inside_a_record_is_an_error_not_its_end() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&7u64.to_le_bytes()).unwrap();
        file.write_all(&[1, 2, 3]).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let mut sorted: Sorted<u64> = Sorted::merging(vec![BufReader::new(file)], false).unwrap();
        // Found when the record after the whole one is read, before the run ends.
        assert!(sorted.next_record().is_err());
    }

    #[test]
    fn fewer_records_than_a_chunk_are_sorted_in_memory() {
        let mut spill = Spill::new(None, 1_000);
        for record in [5u64, 1, 5, 3] {
            spill.push(record);
        }
        assert!(matches!(
            spill.sorted(|r| r, true).unwrap(),
            Sorted::Memory(_)
        ));
    }
}
