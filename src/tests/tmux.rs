//! Runs the real `lede` binary inside tmux, types keys and reads the screen, as a
//! person would. Skipped (with a message) when tmux is not installed, unless
//! `LEDE_REQUIRE_TMUX=1` (CI sets it), which turns a missing tmux into a failure.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// A detached tmux session running one command; killed on drop.
struct Session {
    name: String,
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
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name])
            .args(["-x", &WIDTH.to_string(), "-y", &HEIGHT.to_string()])
            .args(["-e", "TERM=xterm-256color", "-e", "NO_COLOR="])
            .arg(command)
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        Some(Session { name })
    }

    /// Sends tmux key names (`Tab`, `Enter`, `j` ...), one `send-keys` call each,
    /// so that Esc is never read as Alt plus the next key.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["send-keys", "-t", &self.name, key])
                .status()
                .expect("tmux send-keys runs");
            assert!(status.success());
            sleep(Duration::from_millis(40));
        }
    }

    /// The visible screen as text.
    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
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
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

/// The command line that runs the built binary with `args`, then reports how it ended.
/// The config and cache folders are the test's own, so a subscription list of
/// whoever runs the tests never takes the sample's place.
fn lede_command(args: &str) -> String {
    lede_command_with_cache(args, &test_home().join("cache"))
}

/// [`lede_command`] with the web cache in `cache`.
fn lede_command_with_cache(args: &str, cache: &std::path::Path) -> String {
    format!(
        "env XDG_CONFIG_HOME='{}' XDG_CACHE_HOME='{}' {} {args}; echo \"lede exited with $?\"; sleep 30",
        test_home().join("config").display(),
        cache.display(),
        env!("CARGO_BIN_EXE_lede")
    )
}

/// A folder of this test process's own.
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
        let status = Command::new("tmux")
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
    let screen = session.wait_for("the parts in the list", |s| {
        s.contains("Part 1/12: The harbour")
    });
    assert!(screen.contains("Articles (13)"), "{screen}");
    assert!(screen.contains("Part 2/12: The harbour"), "{screen}");
    assert!(
        screen.contains("1 warning (e to list)"),
        "the status line counts it:\n{screen}"
    );
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
        let status = Command::new("tmux")
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

#[test]
fn tmux_o_opens_the_link_with_browser_as_one_argument_and_comes_back() {
    let dir = std::env::temp_dir().join(format!("lede-tmux-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let args = dir.join("args");
    let script = dir.join("browser.sh");
    // Writes how many arguments it got, then each on its own line.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            args.display()
        ),
    )
    .expect("write");
    let status = Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    assert!(status.success());
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
    session.wait_for("the whole list", |s| s.contains("Articles (7)"));
    session.keys(&["q"]);
    let screen = session.wait_for("lede to exit", |s| s.contains("lede exited with"));
    assert!(screen.contains("lede exited with 0"), "{screen}");
}
