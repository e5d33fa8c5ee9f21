//! The state file: round trip, damage, a read-only folder, two writers at
//! once, and `kill -9` in the middle of writes. The writers are this test
//! binary run again as a child process (see [`child_writes`]).

use super::*;
use crate::fetch::test_server::TempDir;
use crate::state::{Changes, Collection, LastOpen, Saver};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Set in a child process to make it a writer: `name:count:path`.
const CHILD: &str = "LEDE_STATE_TEST_WRITER";

fn state_file(dir: &Path) -> StateFile {
    let collection = Collection::sample();
    StateFile::new(collection.state_path(dir), &collection)
}

fn read_change(id: &str, read: bool) -> Changes {
    let mut changes = Changes::default();
    changes.read.insert(id.to_string(), read);
    changes
}

/// In a child process started by [`spawn_writer`], writes the state file
/// `count` times (0: until killed), each write marking one more article
/// `name-i` read, as a reader's saver does; `true` when this is such a child.
fn child_writes() -> bool {
    let Ok(spec) = std::env::var(CHILD) else {
        return false;
    };
    let mut parts = spec.splitn(3, ':');
    let (Some(name), Some(count), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("bad {CHILD}: {spec}");
    };
    let count: usize = count.parse().unwrap();
    let mut file = StateFile::new(PathBuf::from(path), &Collection::sample());
    let mut i = 0;
    while count == 0 || i < count {
        let mut changes = read_change(&format!("{name}-{i}"), true);
        changes.last = Some(LastOpen {
            article: format!("{name}-{i}"),
            paragraph: i,
            offset: 0,
            above: 0,
        });
        file.save(&changes).unwrap();
        i += 1;
    }
    true
}

/// Runs `test` of this module again in a child process, as a writer (see
/// [`child_writes`]).
fn spawn_writer(test: &str, name: &str, count: usize, path: &Path) -> Child {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &format!("{module}::{test}"), "--test-threads=1"])
        .env(CHILD, format!("{name}:{count}:{}", path.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// For a test that runs writers: its folder and the state file's path, or
/// `None` when this process is one of the writers (which has written by then).
fn writers_test(name: &str) -> Option<(TempDir, PathBuf)> {
    if child_writes() {
        return None;
    }
    let temp = TempDir::new(name);
    let path = state_file(temp.path()).path().to_path_buf();
    Some((temp, path))
}

/// A tiny random number generator, seeded from the clock: where each kill
/// lands differs from run to run, and the seed is printed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn state_file_round_trips_and_repeats_the_collection_for_people() {
    let temp = TempDir::new("state-roundtrip");
    let mut file = state_file(temp.path());
    assert_eq!(file.load(), (Saved::default(), None));
    let mut changes = read_change("sample/a.txt", true);
    changes.starred.insert("sample/b.txt".to_string(), true);
    changes.last = Some(LastOpen {
        article: "sample/b.txt".to_string(),
        paragraph: 2,
        offset: 40,
        above: 0,
    });
    assert_eq!(file.save(&changes), Ok(Vec::new()));
    let (saved, problem) = state_file(temp.path()).load();
    assert_eq!(problem, None);
    assert_eq!(saved.version, VERSION);
    assert_eq!(saved.collection, ["sample"]);
    assert!(saved.read.contains("sample/a.txt"));
    assert!(saved.starred.contains("sample/b.txt"));
    assert_eq!(saved.last, changes.last);
    // Unmarking removes the id; the rest stays.
    file.save(&read_change("sample/a.txt", false)).unwrap();
    let (saved, _) = state_file(temp.path()).load();
    assert!(saved.read.is_empty());
    assert!(saved.starred.contains("sample/b.txt"));
    // Only the file and the lock are left: no temporary files.
    let names: Vec<_> = fs::read_dir(file.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_damaged_state_file_is_moved_aside_reported_and_started_afresh() {
    let temp = TempDir::new("state-damaged");
    let mut file = state_file(temp.path());
    fs::create_dir_all(file.path().parent().unwrap()).unwrap();
    fs::write(file.path(), br#"{"version": 1, "read": ["a", "#).unwrap();
    let (saved, problem) = file.load();
    assert_eq!(saved, Saved::default());
    let problem = problem.unwrap();
    assert!(problem.contains("was damaged"), "{problem}");
    assert!(problem.contains("state.json.corrupt-"), "{problem}");
    assert!(!file.path().exists());
    let aside: Vec<String> = fs::read_dir(file.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    // The fresh file is written as usual.
    assert_eq!(file.save(&read_change("b", true)), Ok(Vec::new()));
    assert!(state_file(temp.path()).load().0.read.contains("b"));
}

#[test]
fn a_file_damaged_while_reading_is_set_aside_when_writing() {
    let temp = TempDir::new("state-damaged-later");
    let mut file = state_file(temp.path());
    file.save(&read_change("a", true)).unwrap();
    fs::write(file.path(), b"\0\0\0").unwrap();
    let problems = file.save(&read_change("b", true)).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("moved aside"), "{problems:?}");
    let saved = state_file(temp.path()).load().0;
    assert_eq!(saved.read.into_iter().collect::<Vec<_>>(), ["b"]);
}

#[test]
fn a_state_file_from_a_newer_lede_is_read_but_never_overwritten() {
    let temp = TempDir::new("state-newer");
    let mut file = state_file(temp.path());
    fs::create_dir_all(file.path().parent().unwrap()).unwrap();
    let newer = br#"{"version": 99, "read": ["a"], "shiny": true}"#;
    fs::write(file.path(), newer).unwrap();
    let (saved, problem) = file.load();
    assert!(saved.read.contains("a"));
    assert!(problem.unwrap().contains("newer lede"));
    assert!(file.save(&read_change("b", true)).is_err());
    assert_eq!(fs::read(file.path()).unwrap(), newer);
}

/// Set when the read-only folder test runs itself again without privileges.
const AS_NOBODY: &str = "LEDE_TEST_AS_NOBODY";

#[test]
fn a_read_only_folder_is_reported_once_and_reading_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let temp = TempDir::new("state-read-only");
    let mut file = state_file(temp.path());
    file.save(&read_change("a", true)).unwrap();
    let dir = file.path().parent().unwrap().to_path_buf();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) writes into read-only folders: there the
    // test runs itself again as `nobody`, through util-linux's setpriv.
    if fs::write(dir.join("probe"), b"").is_ok() {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            std::env::var_os(AS_NOBODY).is_none(),
            "still privileged after setpriv"
        );
        let test = "state::file::tests::a_read_only_folder_is_reported_once_and_reading_goes_on";
        let run = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", test, "--test-threads=1"])
            .env(AS_NOBODY, "1")
            .output();
        match run {
            // The test ran as nobody: it must have passed there.
            Ok(out) if String::from_utf8_lossy(&out.stdout).contains("running 1 test") => {
                assert!(
                    out.status.success(),
                    "as nobody: {}\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            // No setpriv, or not allowed to change user here.
            Ok(out) => eprintln!(
                "skipping the read-only folder check as root: setpriv failed ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => eprintln!("skipping the read-only folder check as root: no setpriv ({e})"),
        }
        return;
    }
    let (saved, problem) = state_file(temp.path()).load();
    assert!(saved.read.contains("a"));
    assert_eq!(problem, None);
    let mut saver = Saver::start(state_file(temp.path()));
    let now = Instant::now();
    saver.add(read_change("b", true), now);
    let mut reports = saver.poll(now + Duration::from_secs(2));
    saver.add(read_change("c", true), now);
    reports.extend(saver.finish());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(reports[0].contains("cannot save"), "{reports:?}");
}

#[test]
fn a_data_folder_that_cannot_be_made_is_reported_once_and_reading_goes_on() {
    let temp = TempDir::new("state-blocked");
    // A file where the data folder should be: fails for root too.
    let blocked = temp.path().join("data");
    fs::write(&blocked, b"not a folder").unwrap();
    let mut file = state_file(&blocked);
    assert_eq!(file.load(), (Saved::default(), None));
    let mut saver = Saver::start(file);
    let now = Instant::now();
    saver.add(read_change("a", true), now);
    assert_eq!(saver.due_in(now), Some(crate::state::saver::SAVE_AFTER));
    let mut reports = saver.poll(now + Duration::from_secs(2));
    assert_eq!(saver.due_in(now), None);
    saver.add(read_change("b", true), now);
    reports.extend(saver.finish());
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(
        reports[0].contains("cannot save the reading state"),
        "{reports:?}"
    );
    assert!(reports[0].contains("reading goes on"), "{reports:?}");
}

#[test]
fn the_saver_reads_the_file_first_in_the_background() {
    let temp = TempDir::new("state-saver-reads");
    state_file(temp.path())
        .save(&read_change("a", true))
        .unwrap();
    let mut saver = Saver::start(state_file(temp.path()));
    let (saved, problem) = saver.wait_loaded().unwrap();
    assert!(saver.is_loaded());
    assert!(saved.read.contains("a"));
    assert_eq!(problem, None);
    assert_eq!(saver.take_loaded(), None, "once");
    assert!(saver.finish().is_empty());
    // A damaged file: moved aside, said once, and the saver writes afresh.
    let mut file = state_file(temp.path());
    fs::write(file.path(), b"[]").unwrap();
    let mut saver = Saver::start(state_file(temp.path()));
    let (saved, problem) = saver.wait_loaded().unwrap();
    assert_eq!(saved, Saved::default());
    assert!(problem.unwrap().contains("moved aside"));
    saver.add(read_change("b", true), Instant::now());
    assert!(saver.finish().is_empty());
    assert_eq!(file.load().0.read.len(), 1);
}

#[test]
fn the_saver_writes_everything_on_finish() {
    let temp = TempDir::new("state-saver");
    let mut saver = Saver::start(state_file(temp.path()));
    let now = Instant::now();
    saver.add(read_change("a", true), now);
    saver.add(read_change("b", true), now);
    // Not due yet: nothing written.
    assert!(saver.poll(now).is_empty());
    assert!(!state_file(temp.path()).path().exists());
    assert!(saver.finish().is_empty());
    let saved = state_file(temp.path()).load().0;
    assert_eq!(saved.read.len(), 2);
}

#[test]
fn two_writers_of_one_collection_keep_each_others_marks() {
    let Some((temp, path)) = writers_test("state-two-writers") else {
        return;
    };
    let test = "two_writers_of_one_collection_keep_each_others_marks";
    let mut children = [
        spawn_writer(test, "one", 60, &path),
        spawn_writer(test, "two", 60, &path),
    ];
    for child in &mut children {
        assert!(child.wait().unwrap().success());
    }
    let (saved, problem) = state_file(temp.path()).load();
    assert_eq!(problem, None);
    // Every mark of both: each write merged into the other's.
    assert_eq!(saved.read.len(), 120, "{:?}", saved.read);
    let last = saved.last.unwrap().article;
    assert!(last == "one-59" || last == "two-59", "{last}");
}

#[test]
fn killing_a_writer_at_any_moment_leaves_a_whole_state_file() {
    let Some((_temp, path)) = writers_test("state-kill") else {
        return;
    };
    let test = "killing_a_writer_at_any_moment_leaves_a_whole_state_file";
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    eprintln!("kill -9 test seed: {seed}");
    let mut random = Lcg(seed);
    // Marks in the file, which must parse whenever it is read.
    let marks_in = |round: usize| match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice::<Saved>(&bytes)
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"))
            .read
            .len(),
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::NotFound, "round {round}");
            0
        }
    };
    let mut marks = 0;
    for round in 0..30 {
        let mut child = spawn_writer(test, &format!("round{round}"), 0, &path);
        // Once it is writing (a mark of its own is in), kill it somewhere in
        // its writes.
        let started = Instant::now();
        while marks_in(round) <= marks {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "round {round}: the writer never wrote"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(random.below(20)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Marks only ever grow: no write was lost or undone.
        let now = marks_in(round);
        assert!(now > marks, "round {round} (seed {seed})");
        marks = now;
    }
    // The next write tidies away what killed writers left half-written.
    let mut file = StateFile::new(path.clone(), &Collection::sample());
    file.save(&read_change("after", true)).unwrap();
    let names: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "state.json" || n == "state.lock"),
        "{names:?}"
    );
}
