//! Reading a snapshot's tail (the collection's entity index and renames) on
//! a thread of its own, while the loader meets the files: at a million
//! articles the index is a few hundred megabytes, and decoding it after the
//! walk would add its time to the reopening's.
//!
//! The bytes are read a chunk at a time at their place in the file (no
//! copy of the whole tail beside the index being built), and the reading
//! stops at the next chunk once the snapshot is given up.

use super::Tail;
use postcard::de_flavors::Flavor;
use std::fs::File;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Bytes read at a time; also the longest string the tail can hold (an
/// entity's name, a rename): a longer one makes the snapshot unreadable,
/// and the collection is loaded the long way.
const CHUNK: usize = 1 << 20;

/// The tail being read.
pub struct TailReading {
    thread: Option<JoinHandle<Option<Tail>>>,
    cancel: Arc<AtomicBool>,
}

impl TailReading {
    /// Starts reading the `len` bytes at `at` of `file` (a handle of its
    /// own on the snapshot the loader reads), then `check` what they gave.
    pub fn start(
        file: File,
        at: u64,
        len: u64,
        check: impl FnOnce(Tail) -> Option<Tail> + Send + 'static,
    ) -> TailReading {
        let cancel = Arc::new(AtomicBool::new(false));
        let bytes = TailBytes {
            file,
            at,
            end: at.saturating_add(len),
            buf: Vec::new(),
            pos: 0,
            filled: 0,
            cancel: Arc::clone(&cancel),
        };
        let thread = std::thread::Builder::new()
            .name("lede-snapshot-tail".to_string())
            .spawn(move || read(bytes).and_then(check))
            .ok();
        TailReading { thread, cancel }
    }

    /// What the tail gave, once read; `None` when it did not read back.
    pub fn finish(mut self) -> Option<Tail> {
        self.thread.take()?.join().ok()?
    }
}

impl Drop for TailReading {
    /// Given up: the thread stops at its next chunk.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

fn read(bytes: TailBytes) -> Option<Tail> {
    let mut deserializer = postcard::Deserializer::from_flavor(bytes);
    serde::Deserialize::deserialize(&mut deserializer).ok()
}

/// The tail's bytes, a chunk at a time, read where they are in the file
/// (the loader reads the same file at its own place meanwhile).
struct TailBytes {
    file: File,
    /// Where the next chunk starts in the file, and where the tail ends.
    at: u64,
    end: u64,
    buf: Vec<u8>,
    /// What of `buf` is read and not yet taken.
    pos: usize,
    filled: usize,
    cancel: Arc<AtomicBool>,
}

impl TailBytes {
    /// Keeps what is not taken yet and reads on, so that at least `want`
    /// bytes are there if the tail has them.
    fn refill(&mut self, want: usize) -> postcard::Result<()> {
        if self.cancel.load(Ordering::Relaxed) || want > CHUNK {
            return Err(postcard::Error::DeserializeUnexpectedEnd);
        }
        if self.buf.is_empty() {
            self.buf = vec![0; CHUNK];
        }
        self.buf.copy_within(self.pos..self.filled, 0);
        self.filled -= self.pos;
        self.pos = 0;
        while self.filled < want && self.at < self.end {
            let room =
                (CHUNK - self.filled).min(usize::try_from(self.end - self.at).unwrap_or(CHUNK));
            let read = read_at(
                &self.file,
                &mut self.buf[self.filled..self.filled + room],
                self.at,
            )
            .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
            if read == 0 {
                break;
            }
            self.filled += read;
            self.at += read as u64;
        }
        if self.filled < want {
            return Err(postcard::Error::DeserializeUnexpectedEnd);
        }
        Ok(())
    }
}

impl<'de> Flavor<'de> for TailBytes {
    type Remainder = ();
    type Source = ();

    /// What is left of the tail: a sequence that claims more elements than
    /// that (a damaged length) reserves no room for them.
    fn size_hint(&self) -> Option<usize> {
        let unread = usize::try_from(self.end - self.at).unwrap_or(usize::MAX);
        Some(unread.saturating_add(self.filled - self.pos))
    }

    fn pop(&mut self) -> postcard::Result<u8> {
        if self.pos == self.filled {
            self.refill(1)?;
        }
        let byte = self.buf[self.pos];
        self.pos += 1;
        Ok(byte)
    }

    /// Borrowed bytes: the tail holds none (its strings are owned and go
    /// through [`Flavor::try_take_n_temp`]).
    fn try_take_n(&mut self, _count: usize) -> postcard::Result<&'de [u8]> {
        Err(postcard::Error::DeserializeUnexpectedEnd)
    }

    fn try_take_n_temp<'a>(&'a mut self, count: usize) -> postcard::Result<&'a [u8]>
    where
        'de: 'a,
    {
        if self.filled - self.pos < count {
            self.refill(count)?;
        }
        let bytes = &self.buf[self.pos..self.pos + count];
        self.pos += count;
        Ok(bytes)
    }

    fn finalize(self) -> postcard::Result<()> {
        Ok(())
    }
}

/// Reads at `at` without moving the file's shared position.
#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, bytes, at)
}

#[cfg(windows)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, bytes, at)
}
