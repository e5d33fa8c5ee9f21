//! Hostile text through the real loader, analysis and panes: whatever an
//! article, its metadata or its file name holds, no cell of the screen and no
//! byte written to the terminal carries a control character, and the reader
//! sees a visible marker where something was.

use super::*;
use crate::action::{Action, Edit};
use crate::loader::{LoadError, parse_file};
use crate::model::Article;
use crate::sanitize::{is_forbidden, sanitize};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::{Terminal, TerminalOptions, Viewport};

#[path = "../tests/terminal_bytes.rs"]
mod terminal_bytes;

/// Strings that try to drive the terminal, by what they try.
const HOSTILE: &[(&str, &str)] = &[
    ("SGR colour", "\x1b[31mRED\x1b[0m"),
    ("OSC 52 clipboard write", "\x1b]52;c;cm0gLXJmIH4=\x07"),
    (
        "OSC 8 link",
        "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    ),
    ("window title set, BEL", "\x1b]0;pwned\x07"),
    ("window title set, ST", "\x1b]2;pwned\x1b\\"),
    ("title report", "\x1b[21t"),
    ("cursor position report", "\x1b[6n"),
    ("DCS request", "\x1bP$q\"p\x1b\\"),
    ("APC", "\x1b_payload\x1b\\"),
    ("full reset", "\x1bc"),
    ("leave the alternate screen", "\x1b[?1049l"),
    ("clear screen and home", "\x1b[2J\x1b[H"),
    ("C1 CSI", "\u{9b}31m"),
    ("C1 OSC with C1 ST", "\u{9d}0;pwned\u{9c}"),
    ("C1 NEL", "a\u{85}b"),
    ("nested OSC", "\x1b]0;\x1b]0;inner\x07outer\x07"),
    ("NUL splice", "\x1b\x00[31m"),
    ("zero-width splice", "\x1b\u{200b}[31m"),
    ("DEL splice", "\x1b\x7f]0;x\x07"),
    ("unterminated OSC", "\x1b]0;runs to the end"),
    ("lone ESC", "\x1b"),
    ("BEL and backspaces", "\x07\x08\x08\x08"),
    ("carriage return overwrite", "safe\rEVIL"),
    ("bidi override", "\u{202e}gnp.exe\u{202c}"),
    ("bidi isolates", "\u{2066}abc\u{2069}\u{2067}def\u{2069}"),
    ("line separator", "a\u{2028}b"),
    ("tab", "a\tb"),
];

/// Actions that reach every pane, overlay and state that shows text.
const TOURS: &[&[Action]] = &[
    &[],
    &[Action::FocusNext],
    &[
        Action::FocusNext,
        Action::FocusNext,
        Action::SelectEntity,
        Action::NextMention,
    ],
    &[
        Action::FocusNext,
        Action::FocusNext,
        Action::ToggleScope,
        Action::MoveDown,
        Action::SelectEntity,
        Action::ToggleFilter,
    ],
    &[Action::NextQuote, Action::FocusNext],
    &[Action::ShowHelp],
    &[Action::ShowSkipped],
    &[Action::ShowSkipped, Action::PageDown, Action::PageDown],
    // The body search highlighted; the list filtered and the sidebar narrowed
    // as typed; a prompt holding what a paste could bring (drawn sanitised).
    &[
        Action::FocusNext,
        Action::Search,
        Action::Edit(Edit::Insert('e')),
        Action::Edit(Edit::Accept),
        Action::NextMention,
    ],
    &[Action::Search, Action::Edit(Edit::Insert('a'))],
    &[
        Action::FocusPrevious,
        Action::Search,
        Action::Edit(Edit::Insert('a')),
        Action::Edit(Edit::Accept),
    ],
    &[
        Action::FocusNext,
        Action::Search,
        Action::Edit(Edit::Insert('\u{202e}')),
        Action::Edit(Edit::Insert('\u{9b}')),
        Action::Edit(Edit::Insert('x')),
    ],
];

const SIZES: &[(u16, u16)] = &[(120, 40), (200, 60), (80, 24), (50, 16), (20, 6)];

/// One JSON article per hostile string, with the string in every field, inside
/// a name, inside a quote, and in a paragraph of its own between sentinels.
fn json_collection() -> Vec<u8> {
    let records: Vec<serde_json::Value> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, (_, h))| {
            serde_json::json!({
                "title": format!("Title {i} {h} end"),
                "body": [
                    format!("Mara Voss{h} said the Harbor Council met in Eastport{h} on Monday."),
                    sentinel(i, h),
                    format!("\"We will build {h} the pier,\" Voss said."),
                    format!("Jon{h}Hale and Mara{h} Voss met {h}President Ada Quill."),
                ],
                "source": format!("Gazette{h}"),
                "author": [format!("Ann{h}"), "Bo".to_string()],
                "url": format!("https://news.example/{h}"),
                "date": format!("2024-03-0{}{h}", i % 9 + 1),
            })
        })
        .collect();
    serde_json::to_vec(&records).expect("serialisable")
}

/// A short line that shows case `i` between markers, so the printed text can
/// be checked for its visible form.
fn sentinel(i: usize, hostile: &str) -> String {
    format!("q{i}a{hostile}q{i}b")
}

/// The hostile collection through the real loader: the JSON articles, a text
/// article under each hostile file name, and files that fail under hostile
/// names (skipped) or load with a warning.
fn load_hostile() -> (Vec<Article>, Vec<LoadError>, Vec<LoadError>) {
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut take = |outcome: Result<(Vec<Article>, Vec<LoadError>), LoadError>| match outcome {
        Ok((a, w)) => {
            articles.extend(a);
            warnings.extend(w);
        }
        Err(e) => skipped.push(e),
    };
    take(parse_file("hostile.json", &json_collection()));
    for (i, (_, h)) in HOSTILE.iter().enumerate() {
        // (A case with a NUL byte makes this file binary: skipped, name and all.)
        let body = format!("Headline {i}{h}\n\nBody{h} text of case {i}.\n");
        take(parse_file(&format!("evil{h}.txt"), body.as_bytes()));
        take(parse_file(&format!("broken{h}.json"), b"{\"title\": "));
        take(parse_file(&format!("binary{h}.txt"), b"\x00\x01\x02"));
        take(parse_file(&format!("latin1{h}.txt"), b"Caf\xe9 \x9b31m\n"));
    }
    (articles, skipped, warnings)
}

fn hostile_app() -> App {
    let (articles, skipped, warnings) = load_hostile();
    for error in skipped.iter().chain(&warnings) {
        let text = error.to_string();
        assert!(!text.chars().any(is_forbidden), "load error {text:?}");
    }
    let analyses = crate::analysis::analyse_collection(&articles);
    for (article, analysis) in articles.iter().zip(&analyses) {
        for entity in &analysis.entities {
            let names = std::iter::once(&entity.name).chain(&entity.aliases);
            for name in names {
                assert!(!name.chars().any(is_forbidden), "entity name {name:?}");
            }
        }
        assert_eq!(
            crate::analysis::invariants::check(article, analysis),
            Ok(())
        );
    }
    for (article, analysis) in articles.iter().zip(&analyses) {
        if article.id.starts_with("hostile.json") {
            assert!(
                analysis.entities.len() >= 3,
                "{}: names for the sidebar {:?}",
                article.id,
                analysis.entities
            );
        }
    }
    let strings = |v: &[LoadError]| v.iter().map(ToString::to_string).collect();
    App::new(articles, analyses, strings(&skipped), strings(&warnings))
}

/// Every state worth drawing: each tour at each size, and each article open.
fn states(app: &App) -> Vec<(String, App)> {
    let mut states = Vec::new();
    for &(width, height) in SIZES {
        for (t, tour) in TOURS.iter().enumerate() {
            let mut app = app.clone();
            app.resize(width, height);
            for &action in *tour {
                app.apply(action);
            }
            states.push((format!("{width}x{height} tour {t}"), app));
        }
    }
    let mut app = app.clone();
    app.resize(120, 40);
    app.apply(Action::FocusNext);
    for i in 0..app.article_count() {
        states.push((format!("article {i} at 120x40"), app.clone()));
        app.apply(Action::NextArticle);
    }
    states
}

#[test]
fn hostile_text_leaves_no_control_in_any_cell() {
    let app = hostile_app();
    let theme = Theme::colored();
    for (name, app) in states(&app) {
        let g = app.geometry();
        let (width, height) = (g.status.width, g.status.y + g.status.height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal.draw(|f| draw(f, &app, &theme)).expect("draw");
        for cell in &terminal.backend().buffer().content {
            assert!(
                !cell.symbol().chars().any(is_forbidden),
                "{name}: cell holds {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn hostile_text_writes_only_the_backends_own_sequences() {
    let app = hostile_app();
    let theme = Theme::colored();
    for (name, app) in states(&app) {
        let g = app.geometry();
        let area = Rect::new(0, 0, g.status.width, g.status.y + g.status.height);
        let mut bytes = Vec::new();
        let mut terminal = Terminal::with_options(
            CrosstermBackend::new(&mut bytes),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        terminal.draw(|f| draw(f, &app, &theme)).expect("draw");
        drop(terminal);
        let printed = terminal_bytes::audit(&bytes, is_forbidden, false)
            .unwrap_or_else(|problem| panic!("{name}: {problem}"));
        // The open article's sentinel line shows the visible form of its case
        // (unless the case breaks the line: the loader splits paragraphs there).
        if let Some((article, _)) = app.open_article_data()
            && name.starts_with("article")
            && let Some(i) = article
                .title
                .strip_prefix("Title ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
            && !HOSTILE[i].1.contains(['\r', '\n'])
        {
            let expected: String = sanitize(&sentinel(i, HOSTILE[i].1))
                .chars()
                .filter(|c| *c != ' ')
                .collect();
            let printed: String = printed.chars().filter(|c| *c != ' ').collect();
            assert!(
                printed.contains(&expected),
                "{name} ({}): {expected:?} not printed",
                HOSTILE[i].0
            );
        }
    }
}

#[test]
fn hostile_file_names_are_sanitised_in_ids_paths_and_messages() {
    let (articles, skipped, warnings) = load_hostile();
    let texts: Vec<&Article> = articles
        .iter()
        .filter(|a| a.source_path.starts_with("evil"))
        .collect();
    let texts_loaded = HOSTILE.iter().filter(|(_, h)| !h.contains('\0'));
    assert_eq!(texts.len(), texts_loaded.clone().count());
    for (article, (name, h)) in texts.iter().zip(texts_loaded) {
        assert_eq!(
            article.source_path,
            sanitize(&format!("evil{h}.txt")),
            "{name}"
        );
        assert_eq!(article.id, article.source_path, "{name}");
    }
    let broken = skipped
        .iter()
        .filter(|e| e.path.starts_with("broken"))
        .count();
    assert_eq!(broken, HOSTILE.len());
    // `ESC .t` is an nF escape (intermediate `.`, final `t`): a terminal swallows it whole.
    assert!(skipped.iter().any(|e| e.path == "binary␛xt"));
    assert!(skipped.iter().any(|e| e.path == "evil␛␀[31m.txt"));
    assert!(
        warnings
            .iter()
            .any(|e| e.path.starts_with("latin1⇄gnp.exe⇄"))
    );
}

#[test]
fn terminal_byte_audit_rejects_what_content_could_smuggle() {
    let audit = |bytes: &[u8]| terminal_bytes::audit(bytes, is_forbidden, false);
    // What the backend writes passes, and the text comes back.
    assert_eq!(
        audit(b"\x1b[1;1H\x1b[38;5;9m\x1b[1mab\x1b[39m\x1b[0m\x1b[?25l").as_deref(),
        Ok("ab")
    );
    for bad in [
        &b"\x1b]0;t\x07"[..],
        b"\x1b[31m",
        b"\x1b[21t",
        b"\x1b[6n",
        b"\x1bc",
        b"\xc2\x9b31m",
        b"\x9b31m",
        b"a\x07",
        b"a\rb",
        "\u{202e}".as_bytes(),
    ] {
        assert!(audit(bad).is_err(), "{bad:?} passed");
    }
}
