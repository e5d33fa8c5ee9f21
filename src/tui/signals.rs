//! The signals the reader answers. They are caught through signal-hook's
//! self-pipe and seen by the event loop at its next turn (within
//! [`super::POLL_IDLE`]), so nothing but signal-hook's own code runs in a
//! signal handler, and the loop restores the terminal itself.
//!
//! | signal | what lede does |
//! | --- | --- |
//! | SIGTERM, SIGHUP, SIGINT | restores the terminal, cleans up, then dies of the signal (status 128 + its number) |
//! | SIGTSTP (Ctrl-Z is a key in raw mode; the loop treats it the same) | restores the terminal and stops until continued |
//! | SIGCONT after a stop by someone else (SIGSTOP) | sets the terminal up again and redraws it all |
//!
//! While a program lede started has the terminal (the browser, `o`), job
//! control is the program's: Ctrl-Z stops lede with it (a terminal program
//! such as w3m or vim stops its whole process group), `fg` continues both,
//! and Ctrl-C, which the program takes, does not end lede.
//!
//! A safety net: should the loop not end the reader within [`GRACE`] of a
//! SIGTERM or SIGHUP (stuck: crossterm spins for ever reading a terminal
//! that has hung up, so closing the terminal's window would leave lede
//! running), a thread of its own restores what it can of the terminal and
//! lets the signal end lede.

use anyhow::Context as _;
use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use signal_hook::low_level::unregister;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the loop has to end the reader after SIGTERM or SIGHUP before
/// the safety net ends it.
const GRACE: Duration = Duration::from_secs(1);

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (`q`, Ctrl-C).
    Quit,
    /// This signal ended it; the caller cleans up, then calls [`die_of`].
    Signal(i32),
}

/// What the loop should do about the signals that came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Caught {
    /// End the reader (SIGTERM, SIGHUP, SIGINT).
    End(i32),
    /// Suspend (SIGTSTP).
    Stop,
    /// Take the terminal back (SIGCONT).
    Continued,
}

impl Caught {
    /// The one that wins when several came at once: ending (SIGTERM or SIGHUP
    /// before SIGINT, which a child may have had), then stopping.
    fn weight(self) -> u8 {
        match self {
            Caught::End(SIGINT) => 2,
            Caught::End(_) => 3,
            Caught::Stop => 1,
            Caught::Continued => 0,
        }
    }
}

/// The watched signals, registered while the reader runs (dropping it
/// unregisters them).
pub(super) struct Watch {
    signals: Signals,
    /// Set while a program lede started has the terminal: SIGTSTP then
    /// stops lede at once, as if it were not caught.
    child: Arc<AtomicBool>,
    stop_with_child: SigId,
    /// An ending signal that came while the program ran, for the next look.
    ended: Option<i32>,
    /// The safety net: its signals' handle, and the thread, which ends when
    /// `running` is dropped.
    net: Option<(signal_hook::iterator::Handle, JoinHandle<()>)>,
    running: Option<mpsc::Sender<()>>,
}

impl Watch {
    /// Starts catching the signals the reader answers.
    pub(super) fn start() -> anyhow::Result<Watch> {
        let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])
            .context("cannot watch for signals")?;
        let child = Arc::new(AtomicBool::new(false));
        let stop_with_child =
            signal_hook::flag::register_conditional_default(SIGTSTP, Arc::clone(&child))
                .context("cannot watch for signals")?;
        let (running, stopped) = mpsc::channel();
        let mut ending = Signals::new([SIGTERM, SIGHUP]).context("cannot watch for signals")?;
        let handle = ending.handle();
        let thread = std::thread::Builder::new()
            .name("lede-signals".to_string())
            .spawn(move || {
                if let Some(signal) = ending.forever().next()
                    && stopped.recv_timeout(GRACE) == Err(mpsc::RecvTimeoutError::Timeout)
                {
                    force_restore();
                    die_of(signal);
                }
            })
            .context("cannot watch for signals")?;
        Ok(Watch {
            signals,
            child,
            stop_with_child,
            ended: None,
            net: Some((handle, thread)),
            running: Some(running),
        })
    }

    /// Runs `program`, a child that has the terminal meanwhile, leaving job
    /// control to it; afterwards forgets the stops, continues and interrupts
    /// that came meanwhile (they were the child's), keeping SIGTERM and SIGHUP.
    pub(super) fn beside_child<R>(&mut self, program: impl FnOnce() -> R) -> R {
        self.child.store(true, Ordering::SeqCst);
        let result = program();
        self.child.store(false, Ordering::SeqCst);
        if let Some(Caught::End(signal)) = self.take()
            && signal != SIGINT
        {
            self.ended = Some(signal);
        }
        result
    }

    /// What to do about the signals caught since the last look, if any.
    pub(super) fn take(&mut self) -> Option<Caught> {
        if let Some(signal) = self.ended.take() {
            return Some(Caught::End(signal));
        }
        self.signals
            .pending()
            .map(|signal| match signal {
                SIGTSTP => Caught::Stop,
                SIGCONT => Caught::Continued,
                ending => Caught::End(ending),
            })
            .fold(None, |best: Option<Caught>, next| match best {
                Some(b) if b.weight() >= next.weight() => Some(b),
                _ => Some(next),
            })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        unregister(self.stop_with_child);
        // The reader has ended: the safety net stands down.
        self.running.take();
        if let Some((handle, thread)) = self.net.take() {
            handle.close();
            let _ = thread.join();
        }
    }
}

/// The safety net's restore, from a thread of its own while the loop is
/// stuck: raw mode off, the normal screen, the cursor shown; errors (a
/// terminal that has hung up) are no reason to stop.
fn force_restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Stops lede as Ctrl-Z stops any program (SIGSTOP: SIGTSTP is caught here),
/// returning once the shell continues it (`fg`, `bg`, SIGCONT).
///
/// # Errors
///
/// When the signal cannot be sent.
pub(super) fn stop_until_continued() -> std::io::Result<()> {
    signal_hook::low_level::raise(SIGSTOP)
}

/// Ends the process as `signal` would have, now that the terminal is
/// restored and everything cleaned up, so that the shell sees the signal
/// (and `$?` is 128 + its number); should that fail, the status it would
/// have.
pub fn die_of(signal: i32) -> ExitCode {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ending_signal_outweighs_a_stop_and_a_stop_a_continue() {
        assert!(Caught::End(SIGTERM).weight() > Caught::End(SIGINT).weight());
        assert!(Caught::End(SIGINT).weight() > Caught::Stop.weight());
        assert!(Caught::Stop.weight() > Caught::Continued.weight());
    }

    #[test]
    fn a_caught_signal_is_taken_once() {
        let mut watch = Watch::start().expect("signals");
        assert_eq!(watch.take(), None);
        // SIGCONT is harmless to a running process: only the watch sees it.
        signal_hook::low_level::raise(SIGCONT).expect("raise");
        assert_eq!(watch.take(), Some(Caught::Continued));
        assert_eq!(watch.take(), None);
    }
}
