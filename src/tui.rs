//! The only module that touches the terminal: sets it up (raw mode, alternate
//! screen, a panic hook that restores it), runs the event loop, and restores it
//! on the way out, also after an error or a panic. Key presses become actions
//! through the key table; resizes go to [`App::resize`]; while a collection
//! streams in, the loop also hands the background's news to the app
//! ([`Reader::deliver`]) and redraws at a bounded rate. A key never waits for
//! the background: it is handled, and drawn, as soon as it arrives. After a
//! key it carries out what the app asked of the world: a link opens in the
//! browser around a restored terminal, reload and fetch requests go to the
//! background ([`Reader::serve`]).

use crate::action::Action;
use crate::app::App;
use crate::keymap::{Key, KeyCode};
use crate::opener;
use crate::pipeline::Reader;
use crate::sanitize::sanitize;
use crate::ui;
use crate::ui::theme::Theme;
use anyhow::Context as _;
use crossterm::event::{self, Event, KeyCode as C, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::EnterAlternateScreen;
use ratatui::DefaultTerminal;
use std::time::{Duration, Instant};

/// Least time between two redraws caused by the background (keys redraw at once).
const REDRAW_EVERY: Duration = Duration::from_millis(50);

/// How long the loop waits for a key while the background may have news.
const POLL_BUSY: Duration = Duration::from_millis(10);

/// How long it waits when the background is done (it still answers requests).
const POLL_IDLE: Duration = Duration::from_millis(250);

/// Runs the reader until the user quits, fed by `reader` when the collection
/// streams in. The terminal is restored in every case.
///
/// # Errors
///
/// When the terminal cannot be set up (no tty), drawn to, or read from.
pub fn run(mut app: App, reader: Option<Reader>) -> anyhow::Result<()> {
    // try_init installs the panic hook that restores the terminal, then enters
    // raw mode and the alternate screen; unlike `ratatui::run` it reports a
    // missing terminal as an error instead of panicking.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            // Undo whatever half of the setup succeeded.
            ratatui::restore();
            return Err(error).context("cannot set up the terminal");
        }
    };
    quiet_panics_of_caught_threads();
    let result = event_loop(&mut terminal, &mut app, reader.as_ref());
    ratatui::restore();
    result
}

/// Wraps the panic hook so that a panic in a thread whose panics are caught
/// and reported as a problem (the web page extractor, see
/// [`crate::loader::html`]) neither restores the terminal under the running
/// reader nor prints over its screen; every other panic restores the
/// terminal as before.
fn quiet_panics_of_caught_threads() {
    let restoring = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let caught = std::thread::current().name() == Some(crate::loader::html::EXTRACT_THREAD);
        if !caught {
            restoring(info);
        }
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    reader: Option<&Reader>,
) -> anyhow::Result<()> {
    let theme = Theme::from_env();
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut key_pressed = false;
    // Key-to-frame times, when LEDE_FRAME_LOG names a file to write them to.
    let log_path = std::env::var_os("LEDE_FRAME_LOG");
    let mut key_at: Option<Instant> = None;
    let mut key_to_frame: Vec<(Duration, Option<Action>)> = Vec::new();
    let mut last_action = None;
    while !app.should_quit() {
        // After a key, its frame comes first; the background's news wait a turn.
        if !key_pressed
            && let Some(reader) = reader
            && reader.deliver(app, Duration::ZERO)
        {
            dirty = true;
        }
        key_pressed = false;
        if dirty && last_draw.is_none_or(|t| t.elapsed() >= REDRAW_EVERY) {
            terminal.draw(|frame| ui::draw(frame, app, &theme))?;
            last_draw = Some(Instant::now());
            dirty = false;
            if let Some(t) = key_at.take() {
                key_to_frame.push((t.elapsed(), last_action));
            }
        }
        let busy = reader.is_some() && (!app.progress().done || app.waiting_for_analysis());
        let timeout = match (dirty, last_draw) {
            (true, Some(t)) => REDRAW_EVERY.saturating_sub(t.elapsed()).min(POLL_BUSY),
            _ if busy => POLL_BUSY,
            _ if reader.is_some() => POLL_IDLE,
            _ => Duration::from_secs(3600),
        };
        if !event::poll(timeout)? {
            continue;
        }
        match event::read()? {
            // Key *presses* only: Windows and the kitty protocol also report releases.
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                key_at = key_at.or_else(|| Some(Instant::now()));
                if let Some(reader) = reader {
                    reader.key_pressed();
                }
                last_action = to_key(key).and_then(|k| app.press(k));
                if last_action.is_some() {
                    serve_requests(terminal, app, reader)?;
                }
                // A key is answered at once, whatever the redraw pace.
                last_draw = None;
                dirty = true;
                key_pressed = true;
            }
            Event::Resize(width, height) => {
                app.resize(width, height);
                last_draw = None;
                dirty = true;
            }
            _ => {}
        }
    }
    if let Some(path) = log_path {
        write_frame_log(&path, &key_to_frame)?;
    }
    Ok(())
}

/// Carries out what the last action asked of the world: opens a link, and
/// passes reload and fetch requests to the background.
fn serve_requests(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    reader: Option<&Reader>,
) -> anyhow::Result<()> {
    if let Some(url) = app.take_open_request() {
        open_link(terminal, app, &url)?;
    }
    let requests = app.take_background_requests();
    if !requests.is_empty() && !reader.is_some_and(|r| r.serve(requests, app)) {
        app.set_status("nothing here can reload or fetch articles".to_string());
    }
    Ok(())
}

/// Opens `url` with `$BROWSER` or the system opener (see [`opener::command`]):
/// leaves the alternate screen and raw mode, runs the program without a
/// shell and waits for it, then takes the terminal back and redraws it all.
/// A program that does not start, or fails, is reported in the status line.
fn open_link(terminal: &mut DefaultTerminal, app: &mut App, url: &str) -> anyhow::Result<()> {
    let browser = std::env::var("BROWSER").ok();
    let command = match opener::command(browser.as_deref(), url, cfg!(target_os = "macos")) {
        Ok(command) => command,
        Err(why) => {
            app.set_status(why);
            return Ok(());
        }
    };
    terminal.show_cursor()?;
    ratatui::try_restore().context("cannot restore the terminal")?;
    let result = std::process::Command::new(&command.program)
        .args(&command.args)
        .status();
    crossterm::terminal::enable_raw_mode().context("cannot set up the terminal again")?;
    crossterm::execute!(std::io::stdout(), EnterAlternateScreen)
        .context("cannot set up the terminal again")?;
    // Forget what was drawn: the next frame is drawn whole.
    terminal.clear()?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let program = sanitize(&command.program);
    app.set_status(match result {
        Ok(status) if status.success() => format!("opened {url}"),
        Ok(status) => format!("{program} failed ({status})"),
        Err(error) => format!(
            "could not start {program}: {}",
            sanitize(&error.to_string())
        ),
    });
    Ok(())
}

/// Writes key-to-frame times, one a line: microseconds, then the action (for
/// `src/benches/keys.sh`).
fn write_frame_log(
    path: &std::ffi::OsStr,
    times: &[(Duration, Option<Action>)],
) -> anyhow::Result<()> {
    let text: String = times
        .iter()
        .map(|(t, action)| format!("{} {action:?}\n", t.as_micros()))
        .collect();
    std::fs::write(path, text).context("cannot write LEDE_FRAME_LOG")
}

/// Translates a crossterm key event into lede's [`Key`]; `None` for keys the
/// table never uses (function keys, Alt combinations ...).
fn to_key(event: KeyEvent) -> Option<Key> {
    if event.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let code = match event.code {
        // Shift is already in the character ('J'), so only Ctrl is kept.
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        _ => return None,
    };
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(Key { code, ctrl })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_key_keeps_ctrl_and_folds_shift_into_the_character() {
        let cases = [
            (
                KeyEvent::new(C::Char('j'), KeyModifiers::NONE),
                Some(Key::char('j')),
            ),
            (
                KeyEvent::new(C::Char('J'), KeyModifiers::SHIFT),
                Some(Key::char('J')),
            ),
            (
                KeyEvent::new(C::Char('c'), KeyModifiers::CONTROL),
                Some(Key::ctrl('c')),
            ),
            (
                KeyEvent::new(C::BackTab, KeyModifiers::SHIFT),
                Some(Key::plain(KeyCode::BackTab)),
            ),
            (
                KeyEvent::new(C::Tab, KeyModifiers::SHIFT),
                Some(Key::plain(KeyCode::BackTab)),
            ),
            (
                KeyEvent::new(C::PageDown, KeyModifiers::NONE),
                Some(Key::plain(KeyCode::PageDown)),
            ),
            (
                KeyEvent::new(C::Backspace, KeyModifiers::NONE),
                Some(Key::plain(KeyCode::Backspace)),
            ),
            (
                KeyEvent::new(C::Delete, KeyModifiers::NONE),
                Some(Key::plain(KeyCode::Delete)),
            ),
            (KeyEvent::new(C::Char('j'), KeyModifiers::ALT), None),
            (KeyEvent::new(C::F(1), KeyModifiers::NONE), None),
        ];
        for (event, key) in cases {
            assert_eq!(to_key(event), key, "{event:?}");
        }
    }
}
