//! Runs the real `lede` binary inside tmux, types keys and reads the screen, as a
//! person would. Skipped (with a message) when tmux is not installed, unless
//! `LEDE_REQUIRE_TMUX=1` (CI sets it), which turns a missing tmux into a failure.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// A detached tmux session running one command, on a tmux server of its own
/// (its socket a file in the temporary folder): tests run side by side, and on
/// one shared server a test's `new-session` could meet the server exiting as
/// another test killed the last session. The server and its socket go on drop.
struct Session {
    name: String,
    socket: std::path::PathBuf,
}

impl Session {
    /// Starts `command` (a shell command line) in a new detached session, or
    /// returns `None` when tmux is not available and not required.
    fn start(test: &str, command: &str) -> Option<Session> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("LEDE_REQUIRE_TMUX").is_none(),
                "tmux is required (LEDE_REQUIRE_TMUX is set) but not installed"
            );
            eprintln!("skipping {test}: tmux is not installed");
            return None;
        }
        let name = format!("lede-test-{test}-{}", std::process::id());
        let socket = std::env::temp_dir().join(format!("{name}.tmux"));
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(["-f", "/dev/null"])
            .args(["new-session", "-d", "-s", &name])
            .args(["-x", &WIDTH.to_string(), "-y", &HEIGHT.to_string()])
            .args(["-e", "TERM=xterm-256color", "-e", "NO_COLOR="])
            .arg(command)
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        Some(Session { name, socket })
    }

    /// A tmux command line on the session's own server.
    fn tmux(&self) -> Command {
        let mut command = Command::new("tmux");
        command.arg("-S").arg(&self.socket);
        command
    }

    /// Sends tmux key names (`Tab`, `Enter`, `j` ...), one `send-keys` call each,
    /// so that Esc is never read as Alt plus the next key.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = self
                .tmux()
                .args(["send-keys", "-t", &self.name, key])
                .status()
                .expect("tmux send-keys runs");
            assert!(status.success());
            sleep(Duration::from_millis(40));
        }
    }

    /// The visible screen as text.
    fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("tmux capture-pane runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen with its attributes, as SGR escape sequences.
    fn styled_screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-e", "-t", &self.name])
            .output()
            .expect("tmux capture-pane runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ready` (up to 10 s), returning it.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// The command line that runs the built binary with `args`, then reports how it ended.
/// The config and cache folders are the test's own, so a subscription list of
/// whoever runs the tests never takes the sample's place.
fn lede_command(args: &str) -> String {
    lede_command_with_cache(args, &test_home().join("cache"))
}

/// [`lede_command`] with the web cache in `cache`. The reading state goes
/// to a data folder of this command's own, so that tests running at once
/// never see each other's read articles or last open article.
fn lede_command_with_cache(args: &str, cache: &std::path::Path) -> String {
    static COMMANDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COMMANDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    lede_command_in(args, cache, &test_home().join(format!("data-{n}")))
}

/// [`lede_command_with_cache`] with the reading state in `data` (`XDG_DATA_HOME`).
fn lede_command_in(args: &str, cache: &std::path::Path, data: &std::path::Path) -> String {
    format!(
        "env XDG_CONFIG_HOME='{}' XDG_CACHE_HOME='{}' XDG_DATA_HOME='{}' {} {args}; echo \"lede exited with $?\"; sleep 30",
        test_home().join("config").display(),
        cache.display(),
        data.display(),
        env!("CARGO_BIN_EXE_lede")
    )
}

/// A folder of this test process's own.
/// `lede` (the sample) with a config folder of a test's own, `home`, its
/// data in `home/data` and the shared cache.
fn lede_command_with_config(home: &std::path::Path) -> String {
    format!(
        "env XDG_CONFIG_HOME='{}' XDG_CACHE_HOME='{}' XDG_DATA_HOME='{}' {}; echo \"lede exited with $?\"; sleep 30",
        home.display(),
        test_home().join("cache").display(),
        home.join("data").display(),
        env!("CARGO_BIN_EXE_lede")
    )
}

fn test_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("lede-tmux-home-{}", std::process::id()))
}

/// The text of the sidebar pane (the right-most box) on each screen row.
fn sidebar_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let chars: Vec<char> = line.trim_end().chars().collect();
            let borders: Vec<usize> = chars
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c, '│' | '┃'))
                .map(|(i, _)| i)
                .collect();
            match borders.as_slice() {
                [.., open, close] if close > open => {
                    Some(chars[open + 1..*close].iter().collect::<String>())
                }
                _ => None,
            }
        })
        .collect()
}

/// The number right after `prefix` on the screen ("IRGC 1/3" → 3).
fn number_after(screen: &str, prefix: &str) -> usize {
    screen
        .split(prefix)
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {prefix:?} on the screen:\n{screen}"))
}

fn is_heading(row: &str) -> bool {
    let row = row.trim();
    ["People", "Organizations", "Places", "Other"]
        .iter()
        .any(|h| {
            row.strip_prefix(h)
                .is_some_and(|rest| rest.trim().parse::<usize>().is_ok())
        })
}

#[test]
fn tmux_reader_selects_an_entity_and_jumps_through_its_mentions() {
    let Some(session) = Session::start("reader", &lede_command("")) else {
        return;
    };
    // The sample collection opens on the seed article, quotes attributed. The
    // collection streams in: wait until its analysis is complete too (the
    // status line's progress note is gone).
    let screen = session.wait_for("the first frame, analysed", |s| {
        s.contains("Articles (7)") && s.contains("— Ali Khamenei") && !s.contains("analysing")
    });
    assert!(
        screen.contains("Syrian President Bashar al-Assad"),
        "{screen}"
    );
    assert!(
        screen.contains("— Ali Khamenei"),
        "a quote's speaker is shown:\n{screen}"
    );

    // Into the sidebar, down to the IRGC, select it.
    session.keys(&["Tab", "Tab"]);
    let screen = session.wait_for("the sidebar", |s| s.contains("IRGC"));
    let rows = sidebar_rows(&screen);
    let entity_rows: Vec<&String> = rows
        .iter()
        .filter(|r| !r.trim().is_empty() && !is_heading(r))
        .collect();
    let steps = entity_rows
        .iter()
        .position(|r| r.contains("IRGC"))
        .unwrap_or_else(|| panic!("IRGC not in the sidebar:\n{screen}"));
    let downs = vec!["j"; steps];
    session.keys(&downs);
    session.keys(&["Enter"]);
    let screen = session.wait_for("the IRGC selected", |s| s.contains("● IRGC"));
    // The status line counts the mentions: "IRGC 1/3".
    let total = number_after(&screen, "IRGC 1/");
    assert!(total >= 2, "{screen}");

    // n through every mention in this article, then on to the next article.
    for i in 2..=total {
        session.keys(&["n"]);
        session.wait_for("the next mention", |s| {
            s.contains(&format!("IRGC {i}/{total}"))
        });
    }
    session.keys(&["n"]);
    let screen = session.wait_for("the next article, at its first mention", |s| {
        s.contains("→ next article mentioning IRGC") && s.contains("IRGC 1/")
    });
    assert!(
        !screen.contains("Article 1/7"),
        "still on the seed:\n{screen}"
    );
    assert!(screen.contains("IRGC 1/"), "first mention there:\n{screen}");

    // Help opens from the key table and closes with Esc.
    session.keys(&["?"]);
    session.wait_for("the help overlay", |s| {
        s.contains("next mention of the selected entity")
    });
    session.keys(&["Escape"]);
    session.wait_for("help closed", |s| {
        !s.contains("next mention of the selected entity")
    });

    // q quits and the terminal is restored: the shell line is back, the panes gone.
    session.keys(&["q"]);
    let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
    assert!(
        !screen.contains("Articles (7)"),
        "the alternate screen was left:\n{screen}"
    );
}

#[test]
fn tmux_reader_survives_resizes_and_tiny_windows() {
    let Some(session) = Session::start("resize", &lede_command("")) else {
        return;
    };
    session.wait_for("the first frame", |s| s.contains("Articles (7)"));
    for (w, h) in [(1, 1), (20, 5), (60, 20), (200, 60), (WIDTH, HEIGHT)] {
        let status = session
            .tmux()
            .args(["resize-window", "-t", &session.name])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .status()
            .expect("tmux resize-window runs");
        assert!(status.success());
        sleep(Duration::from_millis(150));
    }
    session.keys(&["J", "G", "j"]);
    let screen = session.wait_for("a redraw at full size", |s| s.contains("Articles (7)"));
    assert!(
        !screen.contains("lede exited"),
        "lede ended during resizes:\n{screen}"
    );
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
}

#[test]
fn tmux_reader_opens_a_huge_one_line_file_in_parts() {
    // 3 MB on one line, beside an ordinary article: the big one is listed as
    // parts, a warning says so, and moving through the parts stays quick.
    let dir = std::env::temp_dir().join(format!("lede-tmux-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let sentence = "The harbour master said ferries would run again on Tuesday. ";
    std::fs::write(
        dir.join("huge.txt"),
        sentence.repeat(3_000_000 / sentence.len()),
    )
    .expect("write");
    std::fs::write(
        dir.join("small.txt"),
        "Tide tables\n\nThe tide came in at noon, Ada Lovelace said.\n",
    )
    .expect("write");
    let Some(session) = Session::start("huge", &lede_command(&dir.display().to_string())) else {
        return;
    };
    // The whole frame, status line included (a capture may catch one half drawn).
    let screen = session.wait_for("the parts in the list, the warning counted", |s| {
        s.contains("Part 1/12: The harbour") && s.contains("1 warning (e to list)")
    });
    assert!(screen.contains("Articles (13)"), "{screen}");
    assert!(screen.contains("Part 2/12: The harbour"), "{screen}");
    session.keys(&["J", "J", "J"]);
    session.wait_for("the fourth part open", |s| s.contains("Article 4/13"));
    session.keys(&["e"]);
    session.wait_for("the warning", |s| {
        s.contains("huge.txt: 2.9 MiB of text in one article: shown as 12 parts")
    });
    session.keys(&["q", "q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tmux_nothing_loadable_prints_reasons_and_fails() {
    let dir = std::env::temp_dir().join(format!("lede-tmux-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let Some(session) = Session::start("empty", &lede_command(&empty.display().to_string())) else {
        return;
    };
    let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 1"), "{screen}");
    assert!(screen.contains("empty.txt: empty file"), "{screen}");
    let _ = std::fs::remove_dir_all(&dir);
}

mod terminal_bytes;

/// A web server on the loopback address for the reader's web tests: serves
/// the fixture feed at `/feed.rss`, 404 for anything else, one request per
/// connection, until the returned flag is set.
fn serve_feed() -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    let feed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/fixtures/net/feed.rss"
    ))
    .expect("fixture feed");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let stopped = std::sync::Arc::clone(&stop);
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            let Ok((stream, _)) = listener.accept() else {
                sleep(Duration::from_millis(10));
                continue;
            };
            let _ = stream.set_nonblocking(false);
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            // The rest of the request head.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let (status, body): (&str, &[u8]) = if request.starts_with("GET /feed.rss ") {
                ("200 OK", &feed)
            } else {
                ("404 Not Found", b"not here")
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
        }
    });
    (address, stop)
}

#[test]
fn tmux_reader_reads_feeds_by_web_address_and_offline_from_its_cache() {
    let (address, stop) = serve_feed();
    let cache = test_home().join("web-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let args = format!("{address}/feed.rss {address}/missing.rss");
    let Some(session) = Session::start("web", &lede_command_with_cache(&args, &cache)) else {
        return;
    };
    let screen = session.wait_for("the feed's items", |s| {
        s.contains("Articles (2)") && s.contains("1 feed failed")
    });
    assert!(screen.contains("Ferry timetable changes"), "{screen}");
    assert!(screen.contains("Harbour Town Gazette"), "{screen}");
    session.keys(&["e"]);
    let screen = session.wait_for("the problems overlay", |s| s.contains("HTTP 404"));
    assert!(screen.contains("missing.rss"), "{screen}");
    session.keys(&["Escape", "q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    drop(session);
    // The server is gone: the same start shows the cached copy, and says so.
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    sleep(Duration::from_millis(50));
    let Some(session) = Session::start("web-offline", &lede_command_with_cache(&args, &cache))
    else {
        return;
    };
    let screen = session.wait_for("the cached items", |s| {
        s.contains("Articles (2)") && s.contains("warning")
    });
    assert!(screen.contains("Library opens a reading r"), "{screen}");
    session.keys(&["e"]);
    session.wait_for("the offline warning", |s| {
        s.contains("showing the copy saved")
    });
    let _ = std::fs::remove_dir_all(&cache);
}

/// Hostile strings for the real-binary test, each between sentinels so the
/// printed text can be checked for its visible form.
const HOSTILE: &[&str] = &[
    "\x1b[31m",
    "\x1b[1m",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1b]0;pwned\x07",
    "\x1b[21t",
    "\u{9b}31m",
    "\x1b\x00[31m",
    "\u{202e}",
];

/// The bytes a tmux pane received from its program, via `pipe-pane`.
struct PaneLog {
    path: std::path::PathBuf,
}

impl PaneLog {
    /// Starts copying everything `session`'s program writes into a file.
    fn start(session: &Session, test: &str) -> PaneLog {
        let path = std::env::temp_dir().join(format!("lede-{test}-{}.bytes", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let status = session
            .tmux()
            .args(["pipe-pane", "-o", "-t", &session.name])
            .arg(format!("cat >> '{}'", path.display()))
            .status()
            .expect("tmux pipe-pane runs");
        assert!(status.success());
        PaneLog { path }
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap_or_default()
    }
}

impl Drop for PaneLog {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the reader must see for case `i`: the sanitised form between its
/// sentinels, spaces removed (a terminal diff skips unchanged blank cells).
fn visible_sentinel(i: usize) -> String {
    let sanitised = lede::sanitize::sanitize(&format!("q{i}a{}q{i}b", HOSTILE[i]));
    sanitised.chars().filter(|c| *c != ' ').collect()
}

#[test]
fn tmux_hostile_text_writes_no_foreign_bytes_to_the_terminal() {
    let dir = std::env::temp_dir().join(format!("lede-tmux-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let body: Vec<String> = (0..HOSTILE.len())
        .map(|i| format!("q{i}a{}q{i}b", HOSTILE[i]))
        .collect();
    let record = serde_json::json!({
        "title": format!("Hostile {}", HOSTILE.concat()),
        "body": [
            format!("Mara Voss{} said the Harbor Council met in Eastport.", HOSTILE[0]),
            body.join(" "),
            format!("\"We will build {} the pier,\" Voss said.", HOSTILE[4]),
        ],
        "source": format!("Gazette{}", HOSTILE[2]),
        "author": format!("Ann{}", HOSTILE[8]),
        "url": format!("https://news.example/{}", HOSTILE[3]),
    });
    std::fs::write(dir.join("a-hostile.json"), record.to_string()).expect("write");
    std::fs::write(
        dir.join("evil\x1b]0;pwn\x07name.txt"),
        "Second\x1b]2;x\x07 article\n\nVoss\u{202e} spoke again.",
    )
    .expect("write");
    std::fs::write(dir.join("broken\x1b[21t.json"), "{\"title\": ").expect("write");

    // The program waits for Enter, so the log is attached before it draws.
    let command = format!("read _; {}", lede_command(&format!("'{}'", dir.display())));
    let Some(session) = Session::start("hostile", &command) else {
        return;
    };
    let log = PaneLog::start(&session, "hostile");
    session.keys(&["Enter"]);
    session.wait_for("the first frame", |s| s.contains("Articles (2)"));
    session.keys(&["Enter", "Tab", "Tab", "Enter", "n", "e"]);
    session.wait_for("the skipped overlay", |s| s.contains("Skipped files (1)"));
    session.keys(&["Escape", "J", "?", "Escape", "q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));

    let bytes = log.bytes();
    // Captured from the start: the switch to the alternate screen is there.
    assert!(
        bytes.windows(8).any(|w| w == b"\x1b[?1049h"),
        "not captured from the start: {} bytes",
        bytes.len()
    );
    let printed = terminal_bytes::audit(&bytes, lede::sanitize::is_forbidden, true)
        .unwrap_or_else(|problem| panic!("the binary wrote {problem}"));
    let printed: String = printed.chars().filter(|c| *c != ' ').collect();
    for i in 0..HOSTILE.len() {
        let expected = visible_sentinel(i);
        assert!(printed.contains(&expected), "{expected:?} not shown");
    }
    assert!(printed.contains("broken␛.json"), "the skipped file's name");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tmux_nothing_loadable_reports_hostile_names_harmlessly() {
    let dir = std::env::temp_dir().join(format!("lede-tmux-evil-empty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let evil = dir.join("evil\x1b]0;pwn\x07\u{9b}6n.txt");
    std::fs::write(&evil, b"").expect("write");
    let command = format!("read _; {}", lede_command(&format!("'{}'", evil.display())));
    let Some(session) = Session::start("evil-empty", &command) else {
        return;
    };
    let log = PaneLog::start(&session, "evil-empty");
    session.keys(&["Enter"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 1"));
    let bytes = log.bytes();
    let printed = terminal_bytes::audit(&bytes, lede::sanitize::is_forbidden, true)
        .unwrap_or_else(|problem| panic!("the binary wrote {problem}"));
    assert!(printed.contains("evil␛␛.txt: empty file"), "{printed:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The feed fixtures: two small feeds of invented news (see their README).
fn feeds_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fixtures/feeds").to_string()
}

/// Rows of the article list pane (the left-most box) on which each of
/// `titles` shows, or `None` for one that is not listed.
fn rows_of(screen: &str, titles: &[&str]) -> Vec<Option<usize>> {
    let list: Vec<String> = screen
        .lines()
        .map(|line| {
            line.chars()
                .skip(1)
                .take_while(|c| !matches!(c, '│' | '┃'))
                .collect()
        })
        .collect();
    titles
        .iter()
        .map(|t| list.iter().position(|row| row.contains(t)))
        .collect()
}

#[test]
fn tmux_s_sorts_the_list_by_date_then_source() {
    let Some(session) = Session::start("sort", &lede_command(&feeds_dir())) else {
        return;
    };
    let titles = [
        "Storm closes",
        "Ferry strike",
        "Pier vote",
        "Notice to mariners",
    ];
    let screen = session.wait_for("the feeds", |s| {
        s.contains("Articles (4)") && s.contains("Notice to mariners")
    });
    // Load order: the Atom entry, then the RSS items as written; short dates.
    let rows = rows_of(&screen, &titles);
    assert!(
        rows[1] < rows[2] && rows[2] < rows[0] && rows[0] < rows[3],
        "{screen}"
    );
    assert!(
        screen.contains("Coastal News · 2026-11-29 12:00"),
        "{screen}"
    );
    session.keys(&["s"]);
    let screen = session.wait_for("date order", |s| s.contains("sorted by date, newest first"));
    let rows = rows_of(&screen, &titles);
    assert!(
        rows[0] < rows[1] && rows[1] < rows[2] && rows[2] < rows[3],
        "{screen}"
    );
    assert!(screen.contains("by date"), "{screen}");
    session.keys(&["s"]);
    let screen = session.wait_for("source order", |s| {
        s.contains("sorted by source, then newest first")
    });
    // Coastal News first, then Harbour Wire newest first, the undated last.
    let rows = rows_of(&screen, &titles);
    assert!(
        rows[1] < rows[0] && rows[0] < rows[2] && rows[2] < rows[3],
        "{screen}"
    );
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
}

/// A fresh folder for `test`, and in it a shell script `browser.sh` running
/// `body` (which may name files of the folder: `{dir}` stands for it).
fn browser_script(test: &str, body: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("lede-tmux-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let body = body.replace("{dir}", &dir.display().to_string());
    let script = dir.join("browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}")).expect("write");
    let status = Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    assert!(status.success());
    (dir, script)
}

#[test]
fn tmux_o_opens_the_link_with_browser_as_one_argument_and_comes_back() {
    // Writes how many arguments it got, then each on its own line.
    let (dir, script) = browser_script(
        "browser",
        "printf '%s\\n' \"$#\" \"$@\" > '{dir}/args.tmp'\nmv '{dir}/args.tmp' '{dir}/args'\n",
    );
    let args = dir.join("args");
    let command = format!(
        "cd '{}' && BROWSER='{} --new-tab' {}",
        dir.display(),
        script.display(),
        lede_command(&feeds_dir())
    );
    let Some(session) = Session::start("browser", &command) else {
        return;
    };
    session.wait_for("the feeds", |s| s.contains("Articles (4)"));
    session.keys(&["o"]);
    let url = "https://coastal.example.test/ferry?a=1&b=$(touch%20pwned);c";
    let deadline = Instant::now() + Duration::from_secs(10);
    while !args.exists() {
        assert!(Instant::now() < deadline, "the browser script never ran");
        sleep(Duration::from_millis(50));
    }
    let got = std::fs::read_to_string(&args).expect("read args");
    assert_eq!(
        got,
        format!("2\n--new-tab\n{url}\n"),
        "one argument for the link"
    );
    assert!(!dir.join("pwned").exists(), "no shell ran the link");
    // The reader is back: the list drawn, the status line says what happened.
    let screen = session.wait_for("the reader again", |s| {
        s.contains("Articles (4)") && s.contains("opened https://coastal.example.test")
    });
    assert!(screen.contains("Ferry strike called off"), "{screen}");
    // A file:// link is refused, and nothing runs.
    std::fs::remove_file(&args).expect("remove");
    session.keys(&["G", "Enter", "o"]);
    session.wait_for("the refusal", |s| s.contains("not opening a file:// link"));
    assert!(!args.exists(), "the browser ran for a file:// link");
    session.keys(&["q"]);
    let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tmux_config_with_one_bad_key_is_reported_and_the_rest_applied() {
    // A config folder of this test's own: the others share theirs.
    let home = test_home().join("config-test");
    let config = home.join("lede");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(
        config.join("config.toml"),
        "[layout]\nlist_width = 50\nsidebar_scope = \"collection\"\ncenter = true\n\n[keys]\nnext_article = [\"x\"]\n",
    )
    .expect("config file");
    let command = lede_command_with_config(&home);
    let Some(session) = Session::start("config", &command) else {
        return;
    };
    // The whole first frame: the status line, drawn last, holds the report
    // (a capture can meet a frame half written).
    let screen = session.wait_for("the first frame and the report", |s| {
        s.contains("Articles (7)") && s.contains("unknown key in [layout] `center`")
    });
    // The bad key, with its line, in the status line.
    let status = screen.lines().nth(usize::from(HEIGHT) - 1).unwrap_or("");
    assert!(
        status.contains("config.toml:4:1: unknown key in [layout] `center`"),
        "{screen}"
    );
    assert!(status.contains("? help  q quit"), "{screen}");
    // The good keys count: a list 50 columns wide, the collection's entities.
    let top = screen.lines().next().unwrap_or("");
    assert_eq!(top.chars().position(|c| c == '┓'), Some(49), "{screen}");
    assert!(screen.contains("Entities · all"), "{screen}");
    session.keys(&["x"]);
    session.wait_for("x opening the next article", |s| s.contains("Article 2/7"));
    session.keys(&["J"]);
    session.wait_for("J saying it is not bound", |s| {
        s.contains("J: not bound here — ? for help") && s.contains("Article 2/7")
    });
    // The problems list names the whole path and the valid keys.
    session.keys(&["e"]);
    let screen = session.wait_for("the problems list", |s| s.contains("Warnings (1)"));
    assert!(
        screen.contains("lede/config.toml:4:1: unknown key"),
        "{screen}"
    );
    assert!(screen.contains("list_width, sidebar_width"), "{screen}");
    session.keys(&["q", "q"]);
    session.wait_for("lede to quit", |s| s.contains("lede exited with 0"));
}

/// Runs `tmux -L socket ARGS` and returns its standard output.
fn tmux_on(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn tmux_quotes_view_goes_to_a_quote_copies_it_and_the_mouse_clicks() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("LEDE_REQUIRE_TMUX").is_none(),
            "tmux required"
        );
        return;
    }
    // A server of its own: the clipboard option is the server's, and the
    // copied text lands in its buffers. The session and the option go in one
    // tmux command: a server started on its own, with no session, exits at
    // once, and a `new-session` right after could meet it exiting.
    let socket = format!("lede-test-quotes-{}", std::process::id());
    let name = "quotes";
    let started = Command::new("tmux")
        .args(["-L", &socket, "-f", "/dev/null"])
        .args(["new-session", "-d", "-s", name, "-x", "120", "-y", "40"])
        .args(["-e", "TERM=xterm-256color", &lede_command("")])
        .args([";", "set", "-s", "set-clipboard", "on"])
        .status()
        .expect("tmux runs");
    // The server goes on drop, also when the start failed half way.
    struct Server(String);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-L", &self.0, "kill-server"])
                .status();
        }
    }
    let _server = Server(socket.clone());
    assert!(started.success(), "tmux new-session failed");
    let screen = || tmux_on(&socket, &["capture-pane", "-p", "-t", name]);
    let keys = |keys: &[&str]| {
        for key in keys {
            tmux_on(&socket, &["send-keys", "-t", name, key]);
            sleep(Duration::from_millis(40));
        }
    };
    let wait_for = |what: &str, ready: &dyn Fn(&str) -> bool| -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = screen();
            if ready(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    };
    wait_for("the sample, analysed", &|s| {
        s.contains("Articles (7)") && s.contains("— Ali Khamenei") && !s.contains("analysing")
    });

    // No entity selected: the open article's quotes, by speaker.
    keys(&["\""]);
    let view = wait_for("the quotes view", &|s| s.contains("by speaker"));
    assert!(view.contains("Ali Khamenei"), "{view}");
    keys(&["Escape"]);

    // Khamenei's quotes across the collection; Enter goes to the second.
    keys(&["Tab", "Tab"]);
    let screen_now = wait_for("the sidebar", &|s| s.contains("Ali Khamenei"));
    let rows = sidebar_rows(&screen_now);
    let steps = (rows.iter())
        .filter(|r| !r.trim().is_empty() && !is_heading(r))
        .position(|r| r.contains("Ali Khamenei"))
        .expect("Khamenei listed");
    keys(&vec!["j"; steps]);
    keys(&["\""]);
    wait_for("Khamenei's quotes", &|s| {
        s.contains("Ali Khamenei: ") && s.contains("newest first")
    });
    keys(&["j", "y"]);
    let copied = wait_for("the copy", &|s| s.contains("Quote copied"));
    let buffer = tmux_on(&socket, &["show-buffer"]);
    assert!(
        buffer.contains("— Ali Khamenei"),
        "buffer {buffer:?}\n{copied}"
    );
    assert!(buffer.starts_with('“'), "the quote comes first: {buffer:?}");
    keys(&["Escape", "\"", "j", "Enter"]);
    wait_for("the quote in its article", &|s| {
        s.contains("Quote 2/") && s.contains("— Ali Khamenei")
    });

    // The mouse: a double click on the third article opens it (SGR reports,
    // as a terminal sends them: press and release, twice).
    let click = "\x1b[<0;5;6M\x1b[<0;5;6m";
    tmux_on(
        &socket,
        &["send-keys", "-t", name, "-l", &format!("{click}{click}")],
    );
    wait_for("the third article opened", &|s| s.contains("Article 3/7"));
    keys(&["q"]);
    wait_for("lede to exit", &|s| s.contains("lede exited with 0"));
}

impl Session {
    /// A tmux format for the session's pane (`#{alternate_on}` ...).
    fn display(&self, format: &str) -> String {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.name, format])
            .output()
            .expect("tmux display-message runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Whether the pane is on the normal screen with the cursor shown, as a
    /// shell leaves it.
    fn terminal_is_restored(&self) -> bool {
        self.display("#{alternate_on} #{cursor_flag}") == "0 1"
    }
}

/// [`lede_command`] in which lede first writes its process id to a file of
/// the test home called `name` (a shell writes it, then becomes lede: exec
/// keeps the process id).
fn lede_command_telling_pid(name: &str) -> (String, std::path::PathBuf) {
    let pid_file = test_home().join(name);
    std::fs::create_dir_all(test_home()).expect("test home");
    let _ = std::fs::remove_file(&pid_file);
    let command = lede_command("").replacen(
        "env ",
        &format!(
            "sh -c 'echo $$ > {}; exec \"$0\" \"$@\"' env ",
            pid_file.display()
        ),
        1,
    );
    (command, pid_file)
}

#[test]
fn tmux_term_hup_and_int_restore_the_terminal_before_lede_dies() {
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let (command, pid_file) = lede_command_telling_pid(&format!("pid-{signal}"));
        let Some(session) = Session::start(&format!("signal-{signal}"), &command) else {
            return;
        };
        session.wait_for("the reader", |s| s.contains("Articles (7)"));
        assert_eq!(session.display("#{alternate_on}"), "1");
        let pid = std::fs::read_to_string(&pid_file).expect("pid file");
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), pid.trim()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
        assert!(
            screen.contains(&format!("lede exited with {status}")),
            "SIG{signal}:\n{screen}"
        );
        assert!(
            session.terminal_is_restored(),
            "SIG{signal} left the alternate screen or a hidden cursor:\n{screen}"
        );
        assert!(!screen.contains("Articles (7)"), "{screen}");
    }
}

#[test]
fn tmux_ctrl_z_suspends_to_the_shell_and_fg_redraws_the_reader() {
    // An interactive shell, so that there is job control (`fg`).
    let Some(session) = Session::start("suspend", "bash --norc --noprofile -i") else {
        return;
    };
    let command = lede_command("").replace("; sleep 30", "");
    // Only lede itself: `; echo` would run as soon as lede stops.
    let command = command
        .split("; echo")
        .next()
        .expect("the lede part")
        .to_string();
    session.keys(&[&command, "Enter"]);
    session.wait_for("the reader", |s| {
        s.contains("Articles (7)") && s.contains("— Ali Khamenei")
    });
    session.keys(&["J"]);
    session.wait_for("the second article", |s| s.contains("Article 2/7"));
    session.keys(&["C-z"]);
    let screen = session.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert!(
        session.terminal_is_restored(),
        "suspended on the alternate screen or with a hidden cursor:\n{screen}"
    );
    assert!(!screen.contains("Article 2/7"), "{screen}");
    session.keys(&["fg", "Enter"]);
    // Back as it was, drawn whole.
    let screen = session.wait_for("the reader again", |s| {
        s.contains("Articles (7)") && s.contains("Article 2/7")
    });
    assert_eq!(session.display("#{alternate_on}"), "1", "{screen}");
    session.keys(&["j", "q"]);
    session.wait_for("the shell", |s| !s.contains("Articles (7)"));
    session.keys(&["echo \"lede exited with $?\"", "Enter"]);
    let screen = session.wait_for("the status", |s| s.contains("lede exited with 0"));
    assert!(session.terminal_is_restored(), "{screen}");
}

#[test]
fn tmux_entities_and_quotes_print_a_table_fitted_to_the_terminal() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample/iran-syria.txt");
    let Some(session) = Session::start("entities", &lede_command(&format!("entities {seed}")))
    else {
        return;
    };
    let screen = session.wait_for("the table", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
    let has_header = |screen: &str, words: &[&str]| {
        screen
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == words)
    };
    assert!(
        has_header(
            &screen,
            &["NAME", "KIND", "ARTICLES", "MENTIONS", "ALIASES"]
        ),
        "{screen}"
    );
    // A row per entity, on one line, aliases last.
    let khamenei = screen
        .lines()
        .find(|l| l.starts_with("Ali Khamenei ") && l.contains("person"))
        .unwrap_or_else(|| panic!("no Ali Khamenei row:\n{screen}"));
    assert!(khamenei.contains("Khamenei, "), "{khamenei}");
    drop(session);

    let command = lede_command(&format!("quotes --speaker khamenei {seed}"));
    let Some(session) = Session::start("quotes", &command) else {
        return;
    };
    let screen = session.wait_for("the table", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
    assert!(
        has_header(&screen, &["SPEAKER", "QUOTE", "ARTICLE", "DATE"]),
        "{screen}"
    );
    // Six quotes, longer than the screen is wide: cut, with an ellipsis.
    let quotes: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("Ali Khamenei "))
        .collect();
    assert_eq!(quotes.len(), 6, "{screen}");
    assert!(quotes.iter().any(|l| l.contains('…')), "{screen}");
}

#[test]
fn tmux_ctrl_z_in_a_program_lede_started_stops_lede_with_it() {
    // As a terminal program does on Ctrl-Z: stop the whole process group.
    let (dir, script) = browser_script("stopper", "kill -TSTP 0\necho back > '{dir}/done'\n");
    let done = dir.join("done");
    let Some(session) = Session::start("stopper", "bash --norc --noprofile -i") else {
        return;
    };
    let command = format!(
        "BROWSER='{}' {}",
        script.display(),
        lede_command(&feeds_dir())
            .split("; echo")
            .next()
            .expect("the lede part")
    );
    session.keys(&[&command, "Enter"]);
    session.wait_for("the feeds", |s| s.contains("Articles (4)"));
    session.keys(&["o"]);
    // lede stopped with the program: the shell has the terminal.
    session.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert!(!done.exists(), "the program went on while stopped");
    session.keys(&["fg", "Enter"]);
    let screen = session.wait_for("the reader again", |s| {
        s.contains("Articles (4)") && s.contains("opened https://coastal.example.test")
    });
    assert!(done.exists(), "the program ended:\n{screen}");
    // Not suspended again by the program's stop, and still answering keys.
    session.keys(&["q"]);
    session.wait_for("the shell", |s| !s.contains("Articles (4)"));
    session.keys(&["echo \"lede exited with $?\"", "Enter"]);
    session.wait_for("the status", |s| s.contains("lede exited with 0"));
    assert!(session.terminal_is_restored());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tmux_closing_the_terminal_ends_lede() {
    let (command, pid_file) = lede_command_telling_pid("pid-hangup");
    let Some(session) = Session::start("hangup", &command) else {
        return;
    };
    session.wait_for("the reader", |s| s.contains("Articles (7)"));
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let pid = pid.trim().to_string();
    // The window goes away: the terminal hangs up under the reader.
    drop(session);
    let alive = || {
        Command::new("kill")
            .args(["-0", &pid])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while alive() {
        assert!(
            Instant::now() < deadline,
            "lede {pid} still runs after its terminal closed"
        );
        sleep(Duration::from_millis(50));
    }
}

/// `text` without its escape sequences.
fn visible(text: &str) -> String {
    text.split("\x1b[")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or("", |(_, rest)| rest)
            }
        })
        .collect()
}

/// Whether the article list shows `title` in bold, on a screen captured
/// with its attributes ([`Session::styled_screen`]): the SGR sequences before
/// it on its row are followed. Only the list (the left pane) is looked at.
fn starts_bold(styled: &str, title: &str) -> Option<bool> {
    let list_width = usize::from(WIDTH / 4);
    let before = styled.lines().find_map(|row| {
        let at = row.find(title)?;
        let before = &row[..at];
        (visible(before).chars().count() < list_width).then_some(before)
    })?;
    let mut bold = false;
    for sequence in before.split("\x1b[").skip(1) {
        let Some(end) = sequence.find('m') else {
            continue;
        };
        let mut params = sequence[..end].split(';');
        while let Some(param) = params.next() {
            match param {
                "" | "0" => bold = false,
                "1" => bold = true,
                "22" => bold = false,
                // Colours: 38;5;N and 38;2;R;G;B (and 48, 58) carry numbers
                // that are not attributes.
                "38" | "48" | "58" => {
                    let skip = if params.next() == Some("5") { 1 } else { 3 };
                    for _ in 0..skip {
                        params.next();
                    }
                }
                _ => {}
            }
        }
    }
    Some(bold)
}

#[test]
fn tmux_an_article_read_for_a_moment_stays_read_and_reopens_next_time() {
    let home = test_home().join("reading-state");
    let _ = std::fs::remove_dir_all(&home);
    let command = lede_command_in("", &home.join("cache"), &home.join("data"));
    let Some(session) = Session::start("reading", &command) else {
        return;
    };
    let seed = "Syrian President Bashar";
    let second = "Explainer: Assad";
    let screen = session.wait_for("the sample", |s| {
        s.contains("Articles (7)") && s.contains(second)
    });
    // Everything unread: bold titles.
    let styled = session.styled_screen();
    assert_eq!(starts_bold(&styled, second), Some(true), "{screen}");
    // Open the second article and stay on it: after two seconds it is read
    // (the reader wakes by itself, no key needed).
    session.keys(&["j", "Enter"]);
    let screen = session.wait_for("the article read", |s| s.contains("Articles (7, 6 unread)"));
    assert!(screen.contains(&format!("▶ {second}")), "{screen}");
    let styled = session.styled_screen();
    assert_eq!(starts_bold(&styled, second), Some(false), "{styled}");
    // The seed article opened by itself at start and was only looked at.
    assert_eq!(starts_bold(&styled, seed), Some(true), "{styled}");
    // Scroll down a little, star it, and quit.
    session.keys(&["j", "j", "S"]);
    session.wait_for("the star", |s| s.contains(&format!("★ {}", &second[..9])));
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    drop(session);

    // The state file is there, naming the article by its id.
    let collections = home.join("data/lede/collections");
    let state = std::fs::read_dir(&collections)
        .expect("the collections folder")
        .map(|e| e.expect("entry").path().join("state.json"))
        .next()
        .expect("a collection");
    let text = std::fs::read_to_string(&state).expect("state.json");
    assert!(text.contains("\"sample/"), "{text}");

    // Next time: the same article opens at its place, still read and starred.
    let Some(session) = Session::start("reading-again", &command) else {
        return;
    };
    let screen = session.wait_for("the sample again", |s| {
        s.contains("Articles (7, 6 unread)") && s.contains(&format!("▶ ★ {}", &second[..9]))
    });
    assert!(!screen.contains(&format!("▶ {seed}")), "{screen}");
    let styled = session.styled_screen();
    assert_eq!(starts_bold(&styled, &second[..9]), Some(false), "{styled}");
    assert_eq!(starts_bold(&styled, seed), Some(true), "{styled}");
    // U hides the read ones but the open one; u goes on to the next unread.
    session.keys(&["U"]);
    session.wait_for("read ones hidden", |s| s.contains("Unread (7 of 7)"));
    session.keys(&["u"]);
    session.wait_for("the next unread", |s| s.contains("Unread (6 of 7)"));
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn tmux_a_damaged_state_file_is_reported_moved_aside_and_never_fatal() {
    let home = test_home().join("damaged-state");
    let _ = std::fs::remove_dir_all(&home);
    let data = home.join("data");
    let state = lede::state::Collection::sample().state_path(&data.join("lede"));
    std::fs::create_dir_all(state.parent().expect("folder")).expect("state folder");
    std::fs::write(&state, b"{\"version\": 1, \"read\": [\"sample/").expect("damage");
    let command = lede_command_in("", &home.join("cache"), &data);
    let Some(session) = Session::start("damaged-state", &command) else {
        return;
    };
    // Said in the status line, and the reader opens as usual.
    let screen = session.wait_for("the damage reported", |s| {
        s.contains("Articles (7)") && s.contains("reading state was damaged")
    });
    assert!(screen.contains("▶ Syrian President"), "{screen}");
    // Listed under `e`, with where the file went.
    session.keys(&["e"]);
    session.wait_for("the problems list", |s| {
        s.contains("Warnings (1)") && s.contains("reading state was damaged")
    });
    session.keys(&["Escape", "q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    let names: Vec<String> = std::fs::read_dir(state.parent().expect("folder"))
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.json.corrupt-")),
        "{names:?}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn tmux_slash_searches_the_body_and_n_walks_the_matches() {
    let Some(session) = Session::start("search", &lede_command("")) else {
        return;
    };
    session.wait_for("the first frame", |s| s.contains("Articles (7)"));
    // Into the body; `/`, a word typed with a slip mended by Backspace, Enter.
    session.keys(&["Tab", "/", "i", "r", "x", "BSpace", "a", "n"]);
    let screen = session.wait_for("the prompt", |s| s.contains("/ iran"));
    assert!(screen.contains("search the article"), "{screen}");
    session.keys(&["Enter"]);
    let screen = session.wait_for("the first match", |s| s.contains("match 1/"));
    let total = number_after(&screen, "match 1/");
    assert!(total >= 2, "{screen}");
    session.keys(&["n"]);
    session.wait_for("the second match", |s| {
        s.contains(&format!("match 2/{total}"))
    });
    // Past the last match, on to the next article that holds the word.
    for _ in 2..=total {
        session.keys(&["n"]);
    }
    session.wait_for("the next article", |s| {
        s.contains("→ next article with “iran”")
    });
    // Esc clears the search; `:3` Enter opens the list's third article.
    session.keys(&["Escape"]);
    session.wait_for("the search cleared", |s| !s.contains("match "));
    session.keys(&[":", "3", "Enter"]);
    session.wait_for("article 3", |s| s.contains("Article 3/7"));
    // In the list, `/` filters as typed; Esc gives the whole list back.
    session.keys(&["h", "h", "/", "z", "z", "z"]);
    session.wait_for("an empty list", |s| s.contains("Articles · /zzz (0)"));
    session.keys(&["Escape"]);
    session.wait_for("the whole list", |s| s.contains("Articles (7"));
    session.keys(&["q"]);
    let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
}

#[test]
fn tmux_corrections_file_applies_and_x_writes_and_undoes() {
    // A config folder of this test's own, with a corrections file holding a bad line.
    let home = test_home().join("corrections-test");
    let config = home.join("lede");
    std::fs::create_dir_all(&config).expect("config folder");
    let file = config.join("entities.toml");
    std::fs::write(
        &file,
        "# mine\n[IRGC]\nhide = true\n[Syria]\nkind = \"plaice\"\n",
    )
    .expect("corrections file");
    let command = lede_command_with_config(&home);
    let Some(session) = Session::start("corrections", &command) else {
        return;
    };
    let screen = session.wait_for("the first article's entities", |s| {
        s.contains("Articles (7)") && s.contains("Places")
    });
    let status = screen.lines().nth(usize::from(HEIGHT) - 1).unwrap_or("");
    assert!(
        status.contains("entities.toml:5:8: unknown kind \"plaice\""),
        "{screen}"
    );
    let rows = sidebar_rows(&screen);
    assert!(!rows.iter().any(|r| r.contains("IRGC")), "{screen}");
    assert!(rows.iter().any(|r| r.contains("Syria")), "{screen}");
    // The problems list names the whole path.
    session.keys(&["e"]);
    let screen = session.wait_for("the problems list", |s| s.contains("Warnings (1)"));
    assert!(
        screen.contains("lede/entities.toml:5:8: unknown kind"),
        "{screen}"
    );
    session.keys(&["Escape"]);
    session.wait_for("the list closed", |s| !s.contains("Warnings (1)"));
    // x on the first entity of the sidebar hides it and writes the file.
    session.keys(&["Tab", "Tab", "x"]);
    let screen = session.wait_for("the entity hidden", |s| {
        s.contains("hidden (entities.toml; X undoes)")
    });
    let written = std::fs::read_to_string(&file).expect("the file");
    assert!(
        written.starts_with("# mine\n[IRGC]\nhide = true\n"),
        "{written}"
    );
    let hidden = written
        .lines()
        .rev()
        .nth(1)
        .and_then(|l| l.strip_prefix('['))
        .map(|l| l.trim_end_matches(']').trim_matches('"').to_string())
        .expect("a new table");
    assert!(written.ends_with("hide = true\n"), "{written}");
    assert!(
        !sidebar_rows(&screen).iter().any(|r| r.contains(&hidden)),
        "{screen}"
    );
    // X puts it back, in the file and on screen.
    session.keys(&["X"]);
    let screen = session.wait_for("the undo", |s| s.contains("undone:"));
    assert!(
        sidebar_rows(&screen).iter().any(|r| r.contains(&hidden)),
        "{screen}"
    );
    let written = std::fs::read_to_string(&file).expect("the file");
    assert_eq!(
        written,
        "# mine\n[IRGC]\nhide = true\n[Syria]\nkind = \"plaice\"\n"
    );
    session.keys(&["q"]);
    session.wait_for("lede to quit", |s| s.contains("lede exited with 0"));
}

#[test]
fn tmux_a_damaged_cache_is_set_aside_said_once_and_the_next_start_reads_from_it() {
    let home = test_home().join("damaged-cache");
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    std::fs::create_dir_all(&news).expect("news folder");
    for (i, town) in ["Eastport", "Westford", "Northam"].iter().enumerate() {
        std::fs::write(
            news.join(format!("{i}.txt")),
            format!(
                "Harbour vote in {town}\n\nMayor Jon Hale of {town} said the vote was close.\n"
            ),
        )
        .expect("article");
    }
    let cache = home.join("cache");
    let index = cache.join("lede/articles");
    std::fs::create_dir_all(&index).expect("index folder");
    std::fs::write(index.join("meta.json"), b"{ not json").expect("damage");
    let args = news.to_string_lossy().into_owned();
    let command = lede_command_in(&args, &cache, &home.join("data-1"));
    let Some(session) = Session::start("damaged-cache", &command) else {
        return;
    };
    // The reader opens as usual; the problem is listed under `e`.
    session.wait_for("the articles", |s| s.contains("Articles (3)"));
    session.keys(&["e"]);
    session.wait_for("the cache problem listed", |s| s.contains("set aside as"));
    // The files read are kept once analysed (a moment after they show).
    let kept = || {
        let (store, _) = lede::cache::ArticleStore::open(&index, false);
        store.map_or(0, |s| s.article_count())
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while kept() < 3 {
        assert!(std::time::Instant::now() < deadline, "never kept");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    session.keys(&["Escape", "q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    drop(session);
    let aside = std::fs::read_dir(cache.join("lede"))
        .expect("cache folder")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("articles.damaged-")
        });
    assert!(aside, "the damaged index kept for a look");

    // The index built anew holds the three files: the next start takes them
    // from it and has nothing to say about the cache.
    let command = lede_command_in(&args, &cache, &home.join("data-2"));
    let Some(session) = Session::start("damaged-cache-2", &command) else {
        return;
    };
    let screen = session.wait_for("the articles again", |s| {
        s.contains("Articles (3)") && s.contains("Harbour vote in Eastport")
    });
    assert!(!screen.contains("cache:"), "{screen}");
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn tmux_colon_searches_the_collection_and_esc_brings_the_list_back() {
    let home = test_home().join("collection-search");
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    std::fs::create_dir_all(&news).expect("news folder");
    for (i, (town, topic)) in [
        ("Eastport", "harbour"),
        ("Westford", "harbour"),
        ("Northam", "school"),
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            news.join(format!("{i}.txt")),
            format!("The {topic} vote in {town}\n\nMayor Jon Hale of {town} said the {topic} vote was close.\n"),
        )
        .expect("article");
    }
    let cache = home.join("cache");
    let args = news.to_string_lossy().into_owned();
    // Twice: the files read and kept in the cache, then recalled from it.
    for run in 1..=2 {
        let command = lede_command_in(&args, &cache, &home.join(format!("data-{run}")));
        let Some(session) = Session::start(&format!("collection-search-{run}"), &command) else {
            return;
        };
        session.wait_for("the articles", |s| s.contains("Articles (3)"));
        // Wait for the index: a search finds what the cache has committed.
        session.wait_for("everything analysed", |s| {
            !s.contains("analysing") && !s.contains("unifying")
        });
        std::thread::sleep(Duration::from_millis(300));
        session.keys(&[":", "harbour -westford", "Enter"]);
        let screen = session.wait_for("the narrowed list", |s| {
            s.contains("Articles · :harbour") && s.contains("(1)")
        });
        assert!(screen.contains("1 article match"), "{screen}");
        assert!(screen.contains("best first"), "{screen}");
        assert!(screen.contains("The harbour vote in Eastport"), "{screen}");
        assert!(!screen.contains("The harbour vote in Westford"), "{screen}");
        session.keys(&[":", "title:(", "Enter"]);
        session.wait_for("the query error", |s| s.contains("does not read"));
        session.keys(&["Escape"]);
        session.wait_for("the whole list", |s| s.contains("Articles (3"));
        session.keys(&["q"]);
        session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn tmux_a_collection_reopened_unchanged_comes_whole_from_its_snapshot() {
    let home = test_home().join("snapshot-reopen");
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    std::fs::create_dir_all(&news).expect("news folder");
    // An hour old: a file modified just before the snapshot is not trusted to it.
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for i in 0..12 {
        let speaker = if i % 3 == 0 { "Jon Hale" } else { "Mara Voss" };
        let path = news.join(format!("{i:02}.txt"));
        std::fs::write(
            &path,
            format!(
                "Quay vote {i} in Eastport\n\n{speaker} of the Harbor Council spoke in Eastport on day {i}.\n\n\"We will build pier {i},\" {speaker} said.\n"
            ),
        )
        .expect("article");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(an_hour_ago).expect("age");
    }
    let cache = home.join("cache");
    let args = news.to_string_lossy().into_owned();
    let snapshots = || -> Vec<String> {
        std::fs::read_dir(cache.join("lede").join("collections"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    // First: read, analysed, kept; the snapshot is written once all is in.
    let command = lede_command_in(&args, &cache, &home.join("data-1"));
    let Some(session) = Session::start("snapshot-reopen-1", &command) else {
        return;
    };
    session.wait_for("the articles", |s| s.contains("Articles (12)"));
    session.wait_for("everything analysed", |s| {
        !s.contains("analysing") && !s.contains("unifying") && !s.contains("loading")
    });
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    let written = snapshots();
    assert!(written.iter().any(|n| n.ends_with(".snap")), "{written:?}");
    assert!(written.iter().any(|n| n.ends_with(".text")), "{written:?}");
    drop(session);

    // Again: the list, the collection's sidebar and the open article's text
    // come from the snapshot.
    let command = lede_command_in(&args, &cache, &home.join("data-2"));
    let Some(session) = Session::start("snapshot-reopen-2", &command) else {
        return;
    };
    session.wait_for("the articles", |s| s.contains("Articles (12)"));
    session.keys(&["Tab", "Tab", "a"]);
    let screen = session.wait_for("the collection's sidebar", |s| {
        s.contains("Entities · all") && s.contains("Mara Voss") && s.contains("Jon Hale")
    });
    assert!(screen.contains("Harbor Council"), "{screen}");
    assert!(!screen.contains("Analysing the collection"), "{screen}");
    session.keys(&["Tab", "Enter"]);
    session.wait_for("the first article's text", |s| {
        s.contains("spoke in Eastport on day 0") && s.contains("We will build pier 0")
    });
    // The open article's marks may come a moment after its text (the text is
    // read from the snapshot, the article analysed again, first in line).
    session.wait_for("the quote attributed", |s| s.contains("— Jon Hale"));
    session.keys(&["q"]);
    session.wait_for("lede to exit", |s| s.contains("lede exited with 0"));
    assert_eq!(snapshots(), written, "nothing written again");
    let _ = std::fs::remove_dir_all(&home);
}
