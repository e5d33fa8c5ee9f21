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

use anyhow::Context as _;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::process::ExitCode;

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
    /// The one that wins when several came at once: ending, then stopping.
    fn weight(self) -> u8 {
        match self {
            Caught::End(_) => 2,
            Caught::Stop => 1,
            Caught::Continued => 0,
        }
    }
}

/// The watched signals, registered while the reader runs (dropping it
/// unregisters them).
pub(super) struct Watch {
    signals: Signals,
}

impl Watch {
    /// Starts catching the signals the reader answers.
    pub(super) fn start() -> anyhow::Result<Watch> {
        let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])
            .context("cannot watch for signals")?;
        Ok(Watch { signals })
    }

    /// What to do about the signals caught since the last look, if any.
    pub(super) fn take(&mut self) -> Option<Caught> {
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
        assert!(Caught::End(SIGTERM).weight() > Caught::Stop.weight());
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
