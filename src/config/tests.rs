//! The config file read as a user writes it: good keys, bad keys, not TOML at all.

use super::*;
use crate::action::Action;
use crate::app::Scope;
use crate::keymap::{Context, Key};

fn read(text: &str) -> (Config, Vec<Problem>) {
    parse(text, "config.toml")
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// One problem for each of `expected`, in order, each containing its text.
fn assert_problems(problems: &[Problem], expected: &[&str]) {
    let shown = messages(problems);
    assert_eq!(shown.len(), expected.len(), "{shown:?}");
    for (problem, text) in shown.iter().zip(expected) {
        assert!(problem.contains(text), "{problem:?} lacks {text:?}");
    }
}

#[test]
fn printed_defaults_read_back_as_the_defaults() {
    let (config, problems) = read(&default_text());
    assert_eq!(messages(&problems), Vec::<String>::new());
    assert_eq!(config, Config::default());
}

#[test]
fn readme_shows_the_printed_defaults() {
    let readme = include_str!("../../README.md");
    let text = default_text();
    assert!(
        readme.contains(&text),
        "README.md's config section is out of date; it should read:\n{text}"
    );
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(read(""), (Config::default(), Vec::new()));
}

#[test]
fn good_keys_are_read() {
    let (config, problems) = read(
        "[reader]\nmouse = false\nclipboard = false\n\
         [layout]\nlist_width = 50\nsidebar_width = \"30%\"\nreading_width = 0\ncenter_body = false\n\
         sidebar_scope = \"collection\"\nlist_details = false\n\
         [colours]\nquote = \"green bold on #102030\"\nplace = \"208\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!config.mouse && !config.clipboard);
    let layout = config.layout;
    assert_eq!(layout.list_width, Width::Columns(50));
    assert_eq!(layout.sidebar_width, Width::Percent(30));
    assert_eq!(layout.reading_width, 0);
    assert!(!layout.center_body && !layout.list_details);
    assert_eq!(layout.sidebar_scope, Scope::Collection);
    assert_eq!(config.colours.quote.to_string(), "green bold on #102030");
    assert_eq!(config.colours.place.fg, Some(Colour::Indexed(208)));
}

#[test]
fn an_unknown_key_names_its_line_and_the_valid_keys() {
    let (config, problems) = read("[layout]\nreading_width = 72\nlist_widht = 40\n");
    assert_eq!(config.layout.reading_width, 72, "the good key still counts");
    assert_eq!(config.layout.list_width, Layout::default().list_width);
    let [problem] = problems.as_slice() else {
        panic!("{problems:?}");
    };
    assert_eq!((problem.line, problem.column), (3, 1));
    assert!(
        problem
            .message
            .contains("unknown key in [layout] `list_widht`"),
        "{problem}"
    );
    assert!(
        problem.message.contains("list_width, sidebar_width"),
        "{problem}"
    );
    let (_, problems) = read("[colour]\nquote = \"red\"\n");
    assert!(
        messages(&problems)[0].starts_with(
            "config.toml:1:2: unknown section `colour` (valid: reader, layout, colours, keys)"
        ),
        "{problems:?}"
    );
}

#[test]
fn a_bad_value_names_its_line_and_the_valid_choices_and_keeps_the_others() {
    let (config, problems) = read(
        "[layout]\nsidebar_scope = \"everything\"\nlist_details = false\n\
         [colours]\nquote = \"blurple\"\nplace = \"red\"\n",
    );
    assert!(!config.layout.list_details);
    assert_eq!(config.layout.sidebar_scope, Scope::Article);
    assert_eq!(config.colours.quote, Colours::default().quote);
    assert_eq!(config.colours.place.to_string(), "red");
    assert_problems(
        &problems,
        &[
            "config.toml:2:17: `sidebar_scope`: expected \"article\" or \"collection\", found \"everything\"",
            "config.toml:5:9: `quote`: \"blurple\" is neither a colour (black, red",
        ],
    );
    assert!(
        problems[1]
            .message
            .contains("nor a modifier (bold, dim, italic")
    );
}

#[test]
fn a_value_of_the_wrong_type_is_reported() {
    let (config, problems) =
        read("[reader]\nmouse = \"no\"\n[layout]\nreading_width = \"wide\"\n[keys]\nquit = 5\n");
    assert_eq!(config, Config::default());
    assert_problems(
        &problems,
        &[
            ":2:9: `mouse`: expected true or false, found \"no\"",
            ":4:17: `reading_width`: expected 0 (the whole pane) or columns",
            ":6:8: `quit`: expected a list of keys",
        ],
    );
    let (_, problems) = read("layout = 3\n");
    assert!(
        messages(&problems)[0].contains("`layout`: expected a table ([layout])"),
        "{problems:?}"
    );
}

#[test]
fn a_file_that_is_not_toml_gives_its_line_and_every_default() {
    let (config, problems) = read("[layout]\nreading_width = 72\nthis is not toml\n");
    assert_eq!(config, Config::default());
    let [problem] = problems.as_slice() else {
        panic!("{problems:?}");
    };
    assert_eq!(problem.line, 3, "{problem}");
    assert!(problem.message.contains("not valid TOML"), "{problem}");
}

#[test]
fn keys_rebind_actions_and_the_key_leaves_its_old_action() {
    let (config, problems) = read("[keys]\nnext_mention = [\"m\", \"*\"]\ntoggle_filter = \"n\"\n");
    assert!(problems.is_empty(), "{problems:?}");
    let reading = crate::keymap::live_contexts(false, Context::ArticleList);
    let keymap = &config.keymap;
    assert_eq!(
        keymap.lookup(Key::char('m'), &reading),
        Some(Action::NextMention)
    );
    assert_eq!(
        keymap.lookup(Key::char('n'), &reading),
        Some(Action::ToggleFilter)
    );
    assert_eq!(keymap.lookup(Key::char('f'), &reading), None);
    // Help follows the config.
    let help = keymap.help_sections();
    let reader_rows = &help
        .iter()
        .find(|(h, _)| *h == "Reading")
        .expect("reading")
        .1;
    assert!(reader_rows.contains(&(
        "m *".to_string(),
        "next search match, else next mention of the selected entity; on to the next article"
    )));
}

#[test]
fn keys_in_a_context_table_bind_only_there() {
    let (config, problems) = read("[keys.overlay]\nback = [\"x\"]\n");
    assert!(problems.is_empty(), "{problems:?}");
    let overlay = crate::keymap::live_contexts(true, Context::ArticleList);
    let reading = crate::keymap::live_contexts(false, Context::ArticleList);
    assert_eq!(
        config.keymap.lookup(Key::char('x'), &overlay),
        Some(Action::Back)
    );
    assert_eq!(config.keymap.lookup(Key::char('q'), &overlay), None);
    assert_eq!(
        config.keymap.lookup(Key::char('q'), &reading),
        Some(Action::Quit)
    );
}

#[test]
fn a_key_bound_twice_an_unknown_action_and_an_unknown_key_are_reported() {
    let (config, problems) = read(
        "[keys]\nnext_quote = [\"x\"]\nprevious_quote = [\"x\", \"z\"]\njump_around = [\"j\"]\nreload = [\"ctrl-\", \"F5\"]\n",
    );
    assert_problems(
        &problems,
        &[
            ":3:1: key \"x\" is already bound to next_quote in reader",
            ":4:1: unknown action `jump_around` (valid: quit, move_down",
            ":5:11: `reload`: unknown key \"ctrl-\" (a key is a single character",
            ":5:20: `reload`: unknown key \"F5\"",
        ],
    );
    let reading = crate::keymap::live_contexts(false, Context::Move);
    let keymap = &config.keymap;
    assert_eq!(
        keymap.lookup(Key::char('x'), &reading),
        Some(Action::NextQuote)
    );
    assert_eq!(
        keymap.lookup(Key::char('z'), &reading),
        Some(Action::PreviousQuote)
    );
    assert_eq!(
        keymap.lookup(Key::char('R'), &reading),
        None,
        "reload = [] after the bad keys"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_one_problem() {
    let dir = std::env::temp_dir().join(format!("lede-config-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A directory where the file should be cannot be read as text.
    let (config, problems) = load(&dir);
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().contains("cannot read it"));
    let (config, problems) = load(&dir.join("missing.toml"));
    assert_eq!((config, problems), (Config::default(), Vec::new()));
    let _ = std::fs::remove_dir(&dir);
}

#[test]
fn styles_read_back_as_written() {
    for text in [
        "yellow italic",
        "bold underlined on darkgray",
        "#ff8800 reversed",
        "208 on 17",
        "",
    ] {
        let spec = StyleSpec::parse(text).expect(text);
        assert_eq!(spec.to_string(), text);
    }
    assert_eq!(
        StyleSpec::parse("Dark-Grey").map(|s| s.to_string()),
        Ok("darkgray".to_string())
    );
    assert!(StyleSpec::parse("red blue").is_err());
    assert!(StyleSpec::parse("on").is_err());
    assert!(StyleSpec::parse("#12345").is_err());
}
