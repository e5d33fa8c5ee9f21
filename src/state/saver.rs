//! Reads the reading state in the background, then writes it a moment after
//! it changes: not on every key, never more than [`SAVE_AFTER`] behind, and
//! all of it on quit. Reading, writing and their fsyncs happen on a thread of
//! their own, so neither the first frame (a big state file takes a while to
//! parse) nor a key ever waits for them.

use super::{Changes, Saved, StateFile};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a change waits before it is written: changes in the meantime
/// (a run of `r` and `J`) go in the same write.
pub const SAVE_AFTER: Duration = Duration::from_secs(1);

/// The background reader and writer of one collection's state file.
#[derive(Debug)]
pub struct Saver {
    /// The saved state once read, and what went wrong reading it.
    loaded: Receiver<(Saved, Option<String>)>,
    /// Whether [`Saver::take_loaded`] has given it.
    taken: bool,
    sender: Option<Sender<Changes>>,
    reports: Receiver<String>,
    thread: Option<JoinHandle<()>>,
    /// Changes not yet handed to the writer.
    pending: Changes,
    /// When `pending` is to be written.
    due: Option<Instant>,
    /// Why the writer could not start, reported once by [`Saver::poll`].
    not_started: Option<String>,
}

impl Saver {
    /// Starts reading `file` (see [`Saver::take_loaded`]), then writing it.
    pub fn start(mut file: StateFile) -> Saver {
        let (sender, inbox) = mpsc::channel::<Changes>();
        let (report, reports) = mpsc::channel::<String>();
        let (give, loaded) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("lede-state".to_string())
            .spawn(move || {
                let _ = give.send(file.load());
                write_loop(file, &inbox, &report);
            });
        let (thread, not_started) = match spawned {
            Ok(thread) => (Some(thread), None),
            Err(error) => (
                None,
                Some(format!(
                    "cannot start saving the reading state: {}",
                    crate::loader::io_reason(&error)
                )),
            ),
        };
        Saver {
            loaded,
            taken: false,
            sender: thread.is_some().then_some(sender),
            reports,
            thread,
            pending: Changes::default(),
            due: None,
            not_started,
        }
    }

    /// The saved state and what went wrong reading it, once it has been read
    /// (a moment after [`Saver::start`]; once).
    pub fn take_loaded(&mut self) -> Option<(Saved, Option<String>)> {
        let loaded = self.loaded.try_recv().ok();
        self.taken |= loaded.is_some();
        loaded
    }

    /// Waits for [`Saver::take_loaded`]'s answer (for tests).
    pub fn wait_loaded(&mut self) -> Option<(Saved, Option<String>)> {
        let loaded = self.loaded.recv().ok();
        self.taken |= loaded.is_some();
        loaded
    }

    /// Whether the saved state has been taken: until then the reader's place
    /// is not its own yet (the saved one may still be reopened).
    pub fn is_loaded(&self) -> bool {
        self.taken
    }

    /// Takes `changes` (made at `now`) to write [`SAVE_AFTER`] after the
    /// first change not yet written.
    pub fn add(&mut self, changes: Changes, now: Instant) {
        if changes.is_empty() {
            return;
        }
        self.pending.extend(changes);
        self.due.get_or_insert(now + SAVE_AFTER);
    }

    /// Hands what is due to the writer; returns what went wrong since the
    /// last call, for the status line and the problems list (a write that
    /// fails is reported once, however often it fails).
    pub fn poll(&mut self, now: Instant) -> Vec<String> {
        if self.due.is_some_and(|due| now >= due) {
            self.send();
        }
        let mut reports: Vec<String> = self.not_started.take().into_iter().collect();
        reports.extend(self.reports.try_iter());
        reports
    }

    /// How long until [`Saver::poll`] has something to write.
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        self.due.map(|due| due.saturating_duration_since(now))
    }

    /// Hands what is pending to the writer now (before lede stops, say).
    pub fn flush(&mut self) {
        self.send();
    }

    fn send(&mut self) {
        self.due = None;
        let changes = std::mem::take(&mut self.pending);
        if let Some(sender) = &self.sender
            && !changes.is_empty()
        {
            // The writer only stops when the sender is dropped.
            let _ = sender.send(changes);
        }
    }

    /// Writes everything not yet written and waits for it (on quit);
    /// returns what went wrong.
    pub fn finish(mut self) -> Vec<String> {
        self.send();
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let mut reports: Vec<String> = self.not_started.take().into_iter().collect();
        reports.extend(self.reports.try_iter());
        reports
    }
}

/// The writer: each batch of changes merged into the file; changes that
/// could not be written are kept for the next try (a folder made writable
/// meanwhile), and the first failure alone is reported.
fn write_loop(mut file: StateFile, inbox: &Receiver<Changes>, report: &Sender<String>) {
    let mut unsaved = Changes::default();
    let mut reported = false;
    while let Ok(changes) = inbox.recv() {
        unsaved.extend(changes);
        // Whatever else is waiting goes in the same write.
        for more in inbox.try_iter() {
            unsaved.extend(more);
        }
        match file.save(&unsaved) {
            Ok(problems) => {
                unsaved = Changes::default();
                for problem in problems {
                    let _ = report.send(problem);
                }
            }
            Err(why) if !reported => {
                reported = true;
                let _ = report.send(why);
            }
            Err(_) => {}
        }
    }
}
