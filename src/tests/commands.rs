//! Runs the built `lede` commands as a script would: standard output to a
//! pipe, the exit status checked (0 done, 1 nothing loaded, 2 usage). The
//! table a terminal gets is tried in `tmux.rs`.

use std::process::{Command, Output};

/// Runs `lede ARGS` with config and cache folders of its own (so no
/// subscription list of whoever runs the tests is read).
fn lede(args: &[&str]) -> Output {
    let home = std::env::temp_dir().join(format!("lede-commands-home-{}", std::process::id()));
    lede_in(&home, args)
}

/// Runs `lede ARGS` with its config and cache folders in `home`.
fn lede_in(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("lede runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn entities_in_a_pipe_are_tab_separated_and_json_lines_with_json() {
    let out = lede(&["entities"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let khamenei: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("Ali Khamenei\t"))
        .unwrap_or_else(|| panic!("no Ali Khamenei line:\n{text}"))
        .split('\t')
        .collect();
    assert_eq!(khamenei[1], "person");
    assert!(
        khamenei[4].split(", ").any(|a| a == "Khamenei"),
        "{khamenei:?}"
    );
    assert!(!text.starts_with("NAME"), "no header in a pipe");

    let out = lede(&["entities", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let objects: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect();
    assert_eq!(objects.len(), text.lines().count());
    let articles: Vec<u64> = objects
        .iter()
        .map(|o| o["articles"].as_u64().expect("a count"))
        .collect();
    assert!(articles.windows(2).all(|w| w[0] >= w[1]), "{articles:?}");
}

#[test]
fn quotes_of_one_speaker_by_alias_in_any_case() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample");
    let out = lede(&["quotes", sample, "--speaker", "KHAMENEI", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let objects: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect();
    assert!(objects.len() >= 6, "{objects:?}");
    for o in &objects {
        assert_eq!(o["speaker"], "Ali Khamenei");
        assert!(o["title"].is_string() && o["id"].is_string() && o["text"].is_string());
    }
    // No one of that name: nothing printed, said on standard error, still 0.
    let out = lede(&["quotes", sample, "--speaker", "Nobody Atall"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no one in these articles is called Nobody Atall"));
}

#[test]
fn exit_status_is_1_when_nothing_loads_and_2_for_a_usage_error() {
    // Two files that give no article (fixtures of the bad-files corpus).
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fixtures/bad");
    let (empty, truncated) = (format!("{bad}/empty.txt"), format!("{bad}/truncated.json"));
    for command in ["dump", "entities", "quotes"] {
        let out = lede(&[command, &empty, &truncated]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(
            stderr(&out).contains("no article could be loaded"),
            "{command}"
        );
        assert!(stderr(&out).contains("empty.txt: empty file"), "{command}");
        assert!(stderr(&out).contains("truncated.json"), "{command}");
    }
    for args in [
        &["entities", "--bogus"][..],
        &["quotes", "--speaker"],
        &["quotes", "--speaker", ""],
        &["dump", "--json"],
    ] {
        let out = lede(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn help_shows_examples_and_exit_statuses() {
    for args in [
        &["--help"][..],
        &["dump", "--help"],
        &["entities", "--help"],
        &["quotes", "--help"],
    ] {
        let out = lede(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        assert!(text.contains("Examples:"), "{args:?}:\n{text}");
        assert!(text.contains("Exit status: 0"), "{args:?}:\n{text}");
    }
}

#[test]
fn dump_entities_and_quotes_honour_the_corrections_file() {
    // A config folder of this test's own, with a corrections file.
    let home = std::env::temp_dir().join(format!("lede-commands-corr-{}", std::process::id()));
    let config = home.join("config").join("lede");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(
        config.join("entities.toml"),
        "[IRGC]\nhide = true\n\n[Syria]\nkind = \"plaice\"\n\n[\"Ali Khamenei\"]\nmerge = [\"Ebrahim Raisi\"]\naliases = [\"the Supreme Leader\"]\n",
    )
    .expect("corrections file");
    let run = |args: &[&str]| lede_in(&home, args);
    let out = run(&["dump"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The bad line, with its place, on standard error; the others apply.
    assert!(
        stderr(&out).contains("entities.toml:5:8: unknown kind \"plaice\""),
        "{}",
        stderr(&out)
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().expect("a line")).expect("JSON");
    let entities = first["entities"].as_array().expect("entities");
    let names: Vec<&str> = entities.iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(
        !names.contains(&"IRGC") && !names.contains(&"Ebrahim Raisi"),
        "{names:?}"
    );
    let khamenei = entities
        .iter()
        .find(|e| e["name"] == "Ali Khamenei")
        .expect("Ali Khamenei");
    let aliases = khamenei["aliases"].as_array().expect("aliases");
    assert!(
        aliases.iter().any(|a| a == "the Supreme Leader"),
        "{aliases:?}"
    );
    assert!(
        aliases.iter().any(|a| a == "Raisi" || a == "Ebrahim Raisi"),
        "{aliases:?}"
    );
    // The quotes' speakers and the entity table follow the same file.
    let out = run(&["entities"]);
    let table = stdout(&out);
    assert!(!table.lines().any(|l| l.starts_with("IRGC\t")), "{table}");
    assert!(
        !table.lines().any(|l| l.starts_with("Ebrahim Raisi\t")),
        "{table}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// A folder of `n` short articles written for the cache tests.
fn write_articles(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir).expect("a folder");
    for i in 0..n {
        let town = ["Eastport", "Westford", "Northam"][i % 3];
        std::fs::write(
            dir.join(format!("{i:04}.txt")),
            format!(
                "Council report {i} from {town}\n\n\
                 Mayor Jon Hale of {town} said on Monday that report {i} was ready. \
                 \"We will publish it,\" Hale said.\n\n\
                 The Harbour Trust welcomed report {i}.\n"
            ),
        )
        .expect("written");
    }
}

/// Dates the files of `dir` an hour back: a file modified just before it is
/// read may change again unseen, and is never trusted to a snapshot.
fn age(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        date_back(&entry.path(), 3600);
    }
}

/// Dates the file at `path` `seconds` back.
fn date_back(path: &std::path::Path, seconds: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
    file.set_modified(when).expect("set modified");
}

#[test]
fn index_then_search_and_cache_show_and_clear() {
    let home = std::env::temp_dir().join(format!("lede-commands-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    write_articles(&news, 12);
    age(&news);
    let news_arg = news.to_str().expect("UTF-8 path");

    let out = lede_in(&home, &["index", news_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("12 articles: 0 files unchanged, 12 read"),
        "{}",
        stderr(&out)
    );
    // ... and the collection's snapshot, for the reader to reopen it at once.
    assert!(
        stderr(&out).contains("the collection's snapshot: written"),
        "{}",
        stderr(&out)
    );
    let snapshots = std::fs::read_dir(home.join("cache").join("lede").join("collections"))
        .expect("collections")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "snap"))
        .count();
    assert_eq!(snapshots, 1);
    let again = lede_in(&home, &["index", news_arg]);
    assert!(
        stderr(&again).contains("12 files unchanged, 0 read"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("the collection's snapshot: up to date"),
        "{}",
        stderr(&again)
    );
    // The snapshot's step alone, as `lede index` runs it in a second process.
    let collections = home.join("cache").join("lede").join("collections");
    for entry in std::fs::read_dir(&collections)
        .expect("collections")
        .flatten()
    {
        std::fs::remove_file(entry.path()).expect("removed");
    }
    let out = lede_in(&home, &["index", "--snapshot-only", news_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the collection's snapshot: written")
            && !stderr(&out).contains("files unchanged"),
        "{}",
        stderr(&out)
    );

    // Westford is every third article; a phrase, a field, JSON Lines.
    let out = lede_in(
        &home,
        &["search", "--json", "title:westford \"report 4 was ready\""],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0]["title"], "Council report 4 from Westford");
    let out = lede_in(&home, &["search", "speaker:hale", news_arg, "--limit", "3"]);
    assert_eq!(stdout(&out).lines().count(), 3);
    assert!(
        stderr(&out).contains("3 of 12 matching articles"),
        "{}",
        stderr(&out)
    );
    let out = lede_in(&home, &["search", "kind:animal"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("kinds are person"),
        "{}",
        stderr(&out)
    );

    let out = lede_in(&home, &["cache"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("12 articles indexed"),
        "{}",
        stdout(&out)
    );
    let out = lede_in(&home, &["cache", "--clear"]);
    assert!(stdout(&out).contains("cleared"), "{}", stdout(&out));
    let out = lede_in(&home, &["cache"]);
    assert!(
        stdout(&out).contains(": 0 B in 0 files"),
        "{}",
        stdout(&out)
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn an_empty_folder_is_said_at_each_start_and_does_not_keep_the_snapshot_from_being_made() {
    let home = std::env::temp_dir().join(format!("lede-commands-empty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    write_articles(&news, 3);
    // A file that gives no article (skipped: empty).
    let blank = news.join("0001a.txt");
    std::fs::write(&blank, "").expect("written");
    age(&news);
    // A problem of no file: found by the walk at every start, not kept in
    // the snapshot.
    std::fs::create_dir_all(news.join("empty")).expect("folder");
    let news_arg = news.to_str().expect("UTF-8 path");
    for said in ["written", "up to date"] {
        let out = lede_in(&home, &["index", news_arg]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("the collection's snapshot: {said}")),
            "{}",
            stderr(&out)
        );
        // Said by the indexing, each time (the snapshot's load is quiet).
        assert_eq!(
            stderr(&out).matches("empty directory").count(),
            1,
            "{}",
            stderr(&out)
        );
    }
    // The blank file touched: no article changes, but its stamp does, and
    // the snapshot is written anew (it would otherwise be given up at every
    // start after, its old stamp gone from the article index).
    date_back(&blank, 1800);
    for said in ["written", "up to date"] {
        let out = lede_in(&home, &["index", news_arg]);
        assert!(
            stderr(&out).contains(&format!("the collection's snapshot: {said}")),
            "{}",
            stderr(&out)
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn index_killed_midway_leaves_a_cache_the_next_run_completes() {
    let home = std::env::temp_dir().join(format!("lede-commands-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let news = home.join("news");
    write_articles(&news, 600);
    let news_arg = news.to_str().expect("UTF-8 path");
    for wait in [20, 150, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["index", news_arg])
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("lede runs");
        std::thread::sleep(std::time::Duration::from_millis(wait));
        // SIGKILL: no chance to tidy up.
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = lede_in(&home, &["index", news_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("600 articles"), "{}", stderr(&out));
    let out = lede_in(&home, &["search", "westford", news_arg, "--limit", "1000"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 200);
    let _ = std::fs::remove_dir_all(&home);
}
