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
