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
//!
//! Signals ([`signals`]): SIGTERM, SIGHUP and SIGINT end the loop, so the
//! terminal is restored before lede dies of the signal; Ctrl-Z (a key in raw
//! mode) and SIGTSTP hand the restored terminal back to the shell until `fg`.

use crate::action::Action;
use crate::app::App;
use crate::app::{Mouse, MouseKind};
use crate::keymap::{Key, KeyCode};
use crate::opener;
use crate::pipeline::Reader;
use crate::sanitize::sanitize;
use crate::state::Saver;
use crate::ui;
use crate::ui::theme::Theme;
use anyhow::Context as _;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode as C, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::terminal::EnterAlternateScreen;
use ratatui::DefaultTerminal;
use std::time::{Duration, Instant};

mod signals;

pub use signals::{Exit, die_of};

/// Least time between two redraws caused by the background (keys redraw at once).
const REDRAW_EVERY: Duration = Duration::from_millis(50);

/// How long the loop waits for a key while the background may have news.
const POLL_BUSY: Duration = Duration::from_millis(10);

/// How long it waits for a key while a search across the collection runs
/// (tens of milliseconds: its answer should not wait for the loop).
const POLL_SEARCH: Duration = Duration::from_millis(2);

/// How long it waits when the background is done (it still answers requests,
/// and sees to signals).
const POLL_IDLE: Duration = Duration::from_millis(250);

/// Runs the reader until the user quits or a signal ends it, fed by `reader`
/// when the collection streams in, its reading state kept by `saver`
/// (written in full on the way out, also after a signal). The terminal is
/// restored in every case.
///
/// # Errors
///
/// When the terminal cannot be set up (no tty), drawn to, or read from.
///
/// The mouse is captured unless the config says `mouse = false`, which
/// leaves it to the terminal's own selection.
pub fn run(mut app: App, reader: Option<Reader>, mut saver: Option<Saver>) -> anyhow::Result<Exit> {
    let mouse = app.config().mouse;
    // Watched before the terminal changes, so that no signal finds it
    // changed and unwatched.
    let mut watch = signals::Watch::start()?;
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
    if mouse {
        release_mouse_on_panic();
        capture_mouse(true)?;
    }
    // Installed last, so that it sees a panic first: one in a thread whose
    // panics are caught leaves the terminal (and the mouse) as they are.
    quiet_panics_of_caught_threads();
    let result = event_loop(
        &mut terminal,
        &mut app,
        reader.as_ref(),
        &mut watch,
        mouse,
        saver.as_mut(),
    );
    if mouse {
        // Best effort: the terminal is restored whatever happens here.
        let _ = capture_mouse(false);
    }
    let _ = terminal.show_cursor();
    ratatui::restore();
    if let Some(reader) = &reader {
        reader.settle(SNAPSHOT_WAIT);
    }
    if let Some(mut saver) = saver {
        let mut changes = app.take_reading_changes();
        if !saver.is_loaded() {
            // The saved place was never taken in: it stays the saved one.
            changes.last = None;
        }
        saver.add(changes, Instant::now());
        for problem in saver.finish() {
            eprintln!("lede: {problem}");
        }
    }
    result
}

/// How long quitting waits for the collection's snapshot being written
/// (a second at 100,000 articles), the terminal already given back.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(5);

/// Starts (`on`) or stops reporting mouse events.
fn capture_mouse(on: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout();
    if on {
        crossterm::execute!(out, EnableMouseCapture)
    } else {
        crossterm::execute!(out, DisableMouseCapture)
    }
    .context("cannot set up the mouse")
}

/// Wraps the panic hook so that a panic also gives the mouse back to the
/// terminal before it is restored.
fn release_mouse_on_panic() {
    let restoring = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = capture_mouse(false);
        restoring(info);
    }));
}

/// The width of the terminal standard output goes to, or `None` when it
/// goes to a pipe or a file (the commands print tables to a terminal only).
pub fn stdout_width() -> Option<usize> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(width, _)| usize::from(width))
        .filter(|&width| width > 0)
}

/// Time has passed: the saved reading state may have been read, the open
/// article may have become read, and the reading state may be due for
/// saving (what went wrong reading or saving it is shown and listed).
/// `true` when the screen changed.
fn keep_time(app: &mut App, mut saver: Option<&mut Saver>, now: Instant) -> bool {
    let mut changed = false;
    if let Some((saved, problem)) = saver.as_deref_mut().and_then(Saver::take_loaded) {
        app.restore_reading(saved);
        if let Some(problem) = problem {
            app.set_status(problem.clone());
            app.add_problems(Vec::new(), vec![problem]);
        }
        changed = true;
    }
    changed |= app.tick(now);
    if let Some(saver) = saver {
        if saver.is_loaded() {
            saver.add(app.take_reading_changes(), now);
        }
        let problems = saver.poll(now);
        if let Some(last) = problems.last() {
            app.set_status(last.clone());
            app.add_problems(Vec::new(), problems);
            changed = true;
        }
    }
    changed
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
    watch: &mut signals::Watch,
    mouse: bool,
    mut saver: Option<&mut Saver>,
) -> anyhow::Result<Exit> {
    let theme = Theme::from_env(&app.config().colours);
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut key_pressed = false;
    // Key-to-frame times, when LEDE_FRAME_LOG names a file to write them to.
    let log_path = std::env::var_os("LEDE_FRAME_LOG");
    let mut key_at: Option<Instant> = None;
    let mut key_to_frame: Vec<(Duration, Option<Action>)> = Vec::new();
    // And the time from the key that sent a search across the collection to
    // the frame that shows its answer (`src/benches/collection_search.sh`).
    let mut search_at: Option<Instant> = None;
    let mut answered_at: Option<Instant> = None;
    let mut search_to_frame: Vec<Duration> = Vec::new();
    let mut last_action = None;
    let mut exit = Exit::Quit;
    let mut clicks = Clicks::default();
    while !app.should_quit() {
        match watch.take() {
            Some(signals::Caught::End(signal)) => {
                exit = Exit::Signal(signal);
                break;
            }
            Some(signals::Caught::Stop) => {
                suspend(terminal, app, mouse, saver.as_deref_mut())?;
                last_draw = None;
                dirty = true;
            }
            Some(signals::Caught::Continued) => {
                // Stopped and continued by someone else: the shell may have
                // changed the terminal meanwhile.
                take_terminal_back(terminal, app, mouse)?;
                last_draw = None;
                dirty = true;
            }
            None => {}
        }
        // After a key, its frame comes first; the background's news wait a turn.
        if !key_pressed
            && let Some(reader) = reader
            && reader.deliver(app, Duration::ZERO)
        {
            dirty = true;
            if app.take_search_answered() {
                // The answer to the reader's search: drawn at once.
                last_draw = None;
                answered_at = search_at.take();
            }
        }
        key_pressed = false;
        if keep_time(app, saver.as_deref_mut(), Instant::now()) {
            dirty = true;
        }
        if dirty && last_draw.is_none_or(|t| t.elapsed() >= REDRAW_EVERY) {
            terminal.draw(|frame| ui::draw(frame, app, &theme))?;
            last_draw = Some(Instant::now());
            dirty = false;
            if let Some(t) = key_at.take() {
                key_to_frame.push((t.elapsed(), last_action));
            }
            if let Some(t) = answered_at.take() {
                search_to_frame.push(t.elapsed());
            }
        }
        let busy = reader.is_some()
            && (!app.progress().done || app.waiting_for_analysis() || app.waiting_for_search());
        let timeout = match (dirty, last_draw) {
            (true, Some(t)) => REDRAW_EVERY.saturating_sub(t.elapsed()).min(POLL_BUSY),
            // The answer is shown the moment it comes.
            _ if reader.is_some() && app.waiting_for_search() => POLL_SEARCH,
            _ if busy => POLL_BUSY,
            // Idle, the loop still wakes now and then to see to signals.
            _ => POLL_IDLE,
        };
        // Wake when an article becomes read or the state is due for saving.
        let now = Instant::now();
        let timeout = [
            app.tick_due_in(now),
            saver.as_deref().and_then(|s| s.due_in(now)),
        ]
        .into_iter()
        .flatten()
        .fold(timeout, Duration::min);
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
                let lede_key = to_key(key);
                let searching = app.waiting_for_search();
                last_action = lede_key.and_then(|k| app.press(k));
                if !searching && app.waiting_for_search() {
                    search_at = key_at;
                }
                match (last_action, lede_key) {
                    (Some(Action::Suspend), _) => {
                        suspend(terminal, app, mouse, saver.as_deref_mut())?;
                    }
                    (Some(_), _) => serve_requests(terminal, app, reader, watch, mouse)?,
                    // A key lede has no name for in its table (F5, Alt-x).
                    (None, None) => {
                        if let Some(name) = key_name(key) {
                            app.key_not_bound(&name);
                        }
                    }
                    // Typed into the prompt, a count's digit, or said to be unbound.
                    (None, Some(_)) => {}
                }
                // A key is answered at once, whatever the redraw pace.
                last_draw = None;
                dirty = true;
                key_pressed = true;
            }
            Event::Mouse(event) => {
                if let Some(event) = clicks.translate(event, Instant::now()) {
                    app.mouse(event);
                    last_draw = None;
                    dirty = true;
                }
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
        write_frame_log(&path, &key_to_frame, &search_to_frame)?;
    }
    Ok(exit)
}

/// Ctrl-Z: gives the terminal back to the shell, stops lede until `fg`
/// (or SIGCONT), then takes the terminal again and redraws it all.
/// The reading state is written first (a stopped lede may never be
/// continued), and the time spent stopped is not reading time.
fn suspend(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse: bool,
    saver: Option<&mut Saver>,
) -> anyhow::Result<()> {
    if let Some(saver) = saver
        && saver.is_loaded()
    {
        saver.add(app.take_reading_changes(), Instant::now());
        saver.flush();
    }
    give_terminal_back(terminal, mouse)?;
    signals::stop_until_continued().context("cannot suspend")?;
    app.reading_paused();
    take_terminal_back(terminal, app, mouse)
}

/// Shows the cursor, leaves the alternate screen and raw mode (and gives the
/// `mouse` back if lede had it): the terminal as the shell had it.
fn give_terminal_back(terminal: &mut DefaultTerminal, mouse: bool) -> anyhow::Result<()> {
    terminal.show_cursor()?;
    if mouse {
        capture_mouse(false)?;
    }
    ratatui::try_restore().context("cannot restore the terminal")
}

/// Raw mode and the alternate screen again, after a program or the shell had
/// the terminal; the next frame is drawn whole, at the terminal's size now.
fn take_terminal_back(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse: bool,
) -> anyhow::Result<()> {
    crossterm::terminal::enable_raw_mode().context("cannot set up the terminal again")?;
    crossterm::execute!(std::io::stdout(), EnterAlternateScreen)
        .context("cannot set up the terminal again")?;
    if mouse {
        capture_mouse(true)?;
    }
    // Forget what was drawn: the next frame is drawn whole.
    terminal.clear()?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    Ok(())
}

/// Carries out what the last action asked of the world: opens a link, and
/// passes reload and fetch requests to the background.
fn serve_requests(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    reader: Option<&Reader>,
    watch: &mut signals::Watch,
    mouse: bool,
) -> anyhow::Result<()> {
    if let Some(url) = app.take_open_request() {
        open_link(terminal, app, &url, watch, mouse)?;
    }
    if let Some(text) = app.take_copy_request() {
        copy_to_clipboard(&text)?;
    }
    let requests = app.take_background_requests();
    if !requests.is_empty() && !reader.is_some_and(|r| r.serve(requests, app)) {
        // No answer will come to a search either.
        app.search_not_sent();
        app.set_status("nothing here can reload or fetch articles".to_string());
    }
    Ok(())
}

/// Opens `url` with `$BROWSER` or the system opener (see [`opener::command`]):
/// leaves the alternate screen and raw mode, runs the program without a
/// shell and waits for it, then takes the terminal back and redraws it all.
/// A program that does not start, or fails, is reported in the status line.
fn open_link(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    url: &str,
    watch: &mut signals::Watch,
    mouse: bool,
) -> anyhow::Result<()> {
    let browser = std::env::var("BROWSER").ok();
    let command = match opener::command(browser.as_deref(), url, cfg!(target_os = "macos")) {
        Ok(command) => command,
        Err(why) => {
            app.set_status(why);
            return Ok(());
        }
    };
    give_terminal_back(terminal, mouse)?;
    let result = watch.beside_child(|| {
        std::process::Command::new(&command.program)
            .args(&command.args)
            .status()
    });
    take_terminal_back(terminal, app, mouse)?;
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

/// Asks the terminal to put `text` on the clipboard with the OSC 52 sequence
/// (xterm's; tmux passes it on with `set-clipboard on`). The sequence is
/// lede's own and the text goes in base64, so nothing in it can reach the
/// terminal as a control.
fn copy_to_clipboard(text: &str) -> anyhow::Result<()> {
    use base64::Engine as _;
    use std::io::Write as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "{}", osc52(&encoded)).context("cannot write to the terminal")?;
    out.flush().context("cannot write to the terminal")
}

/// The OSC 52 sequence that sets the clipboard to base64 `encoded` text.
fn osc52(encoded: &str) -> String {
    format!("\x1b]52;c;{encoded}\x07")
}

/// Writes key-to-frame times, one a line: microseconds, then the action (for
/// `src/benches/keys.sh`); then the searches' times from the key to the
/// frame with the answer, as `<microseconds> search`.
fn write_frame_log(
    path: &std::ffi::OsStr,
    times: &[(Duration, Option<Action>)],
    searches: &[Duration],
) -> anyhow::Result<()> {
    let keys = times
        .iter()
        .map(|(t, action)| format!("{} {action:?}\n", t.as_micros()));
    let searches = searches
        .iter()
        .map(|t| format!("{} search\n", t.as_micros()));
    let text: String = keys.chain(searches).collect();
    std::fs::write(path, text).context("cannot write LEDE_FRAME_LOG")
}

/// Longest time between two clicks of a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Tells clicks from double clicks: the terminal reports each press alone.
#[derive(Debug, Default)]
struct Clicks {
    /// Where and when the last click was, unless it already made a double click.
    last: Option<(u16, u16, Instant)>,
}

impl Clicks {
    /// The mouse event as lede's [`Mouse`], at time `now`; `None` for what
    /// the reader does not use (other buttons, releases, drags, moves).
    fn translate(&mut self, event: MouseEvent, now: Instant) -> Option<Mouse> {
        let (column, row) = (event.column, event.row);
        let kind = match event.kind {
            MouseEventKind::ScrollUp => MouseKind::WheelUp,
            MouseEventKind::ScrollDown => MouseKind::WheelDown,
            MouseEventKind::Down(MouseButton::Left) => {
                let double = self.last.is_some_and(|(c, r, at)| {
                    (c, r) == (column, row) && now.saturating_duration_since(at) <= DOUBLE_CLICK
                });
                if double {
                    self.last = None;
                    MouseKind::DoubleClick
                } else {
                    self.last = Some((column, row, now));
                    MouseKind::Click
                }
            }
            _ => return None,
        };
        Some(Mouse { kind, column, row })
    }
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

/// A name for a key the table cannot hold (`F5`, `Alt-x`, `Delete`), for
/// the message that it is not bound; `None` for lone modifiers and the like.
fn key_name(event: KeyEvent) -> Option<String> {
    let alt = if event.modifiers.contains(KeyModifiers::ALT) {
        "Alt-"
    } else {
        ""
    };
    let name = match event.code {
        C::F(n) => format!("F{n}"),
        C::Char(c) => c.to_string(),
        C::Backspace => "Backspace".to_string(),
        C::Delete => "Delete".to_string(),
        C::Insert => "Insert".to_string(),
        _ => return None,
    };
    Some(format!("{alt}{name}"))
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

    #[test]
    fn clicks_tell_a_double_click_by_place_and_time() {
        let press = |column, row| MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let kind = |m: Option<Mouse>| m.map(|m| m.kind);
        let mut clicks = Clicks::default();
        let t = Instant::now();
        assert_eq!(
            kind(clicks.translate(press(3, 4), t)),
            Some(MouseKind::Click)
        );
        let soon = t + Duration::from_millis(200);
        assert_eq!(
            kind(clicks.translate(press(3, 4), soon)),
            Some(MouseKind::DoubleClick)
        );
        // A third click starts again.
        assert_eq!(
            kind(clicks.translate(press(3, 4), soon)),
            Some(MouseKind::Click)
        );
        // Elsewhere, or too late: two clicks.
        let later = soon + Duration::from_millis(100);
        assert_eq!(
            kind(clicks.translate(press(9, 4), later)),
            Some(MouseKind::Click)
        );
        let late = later + DOUBLE_CLICK + Duration::from_millis(1);
        assert_eq!(
            kind(clicks.translate(press(9, 4), late)),
            Some(MouseKind::Click)
        );
        let release = MouseEvent {
            kind: MouseEventKind::Up(MouseButton::Left),
            ..press(9, 4)
        };
        assert_eq!(clicks.translate(release, late), None);
        let wheel = MouseEvent {
            kind: MouseEventKind::ScrollDown,
            ..press(1, 1)
        };
        assert_eq!(
            kind(clicks.translate(wheel, late)),
            Some(MouseKind::WheelDown)
        );
    }

    #[test]
    fn keys_the_table_cannot_hold_still_have_a_name_for_the_message() {
        let alt_x = KeyEvent::new(C::Char('x'), KeyModifiers::ALT);
        assert_eq!(to_key(alt_x), None);
        assert_eq!(key_name(alt_x).as_deref(), Some("Alt-x"));
        let f5 = KeyEvent::new(C::F(5), KeyModifiers::NONE);
        assert_eq!(key_name(f5).as_deref(), Some("F5"));
        let caps = KeyEvent::new(C::CapsLock, KeyModifiers::NONE);
        assert_eq!(key_name(caps), None);
    }
}
