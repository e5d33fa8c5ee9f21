//! The sidebar's correction keys on the app state (x hide, c kind, m/M merge,
//! X undo): each writes the corrections file in a folder of the test's own
//! and shows at once in the sidebar, the index and the open article.

use super::*;
use std::path::PathBuf;

/// A corrections file path in a fresh folder of this test's own.
fn fresh_path(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-corr-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("lede").join("entities.toml")
}

/// The fixture app, sidebar focused in `scope`, writing corrections to `path`.
fn app_writing_to(path: &std::path::Path, scope: Scope) -> App {
    let mut app = fixture::app(120, 30);
    app.set_corrections(Corrections::default(), Some(path.to_path_buf()));
    press(&mut app, "tab tab");
    if scope == Scope::Collection {
        press(&mut app, "a");
    }
    app
}

/// Moves the sidebar cursor down to the entity called `name`.
fn cursor_to(app: &mut App, name: &str) {
    press(app, "g");
    for _ in 0..app.sidebar_len() {
        if sidebar_cursor_name(app).as_deref() == Some(name) {
            return;
        }
        press(app, "j");
    }
    panic!("{name} is not in the sidebar");
}

fn file(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

use crate::corrections::Corrections;

#[test]
fn x_hides_the_entity_writes_it_and_capital_x_undoes_it() {
    let path = fresh_path("hide");
    let mut app = app_writing_to(&path, Scope::Collection);
    cursor_to(&mut app, "Jon Hale");
    press(&mut app, "x");
    assert!(
        file(&path).contains("[\"Jon Hale\"]\nhide = true\n"),
        "{}",
        file(&path)
    );
    assert!(!sidebar_names(&app).contains(&"Jon Hale".to_string()));
    assert!(
        app.status().is_some_and(|s| s.contains("Jon Hale hidden")),
        "{:?}",
        app.status()
    );
    // The article sidebar of an article that names him does not list him either.
    press(&mut app, "a");
    assert!(!sidebar_names(&app).contains(&"Jon Hale".to_string()));
    press(&mut app, "a X");
    assert!(!path.exists(), "undo removes the file it made");
    assert!(sidebar_names(&app).contains(&"Jon Hale".to_string()));
    let _ = std::fs::remove_dir_all(path.parent().and_then(|p| p.parent()).expect("dir"));
}

#[test]
fn c_cycles_the_kind_and_the_entity_moves_group() {
    let path = fresh_path("kind");
    let mut app = app_writing_to(&path, Scope::Collection);
    cursor_to(&mut app, "Northwind");
    press(&mut app, "c");
    assert!(
        file(&path).contains("[Northwind]\nkind = \"other\"\n"),
        "{}",
        file(&path)
    );
    let row = app.sidebar_row(app.sidebar_cursor_row().expect("cursor"));
    assert_eq!(
        row,
        Some(SidebarRow::Entity {
            name: "Northwind".into(),
            kind: EntityKind::Other,
            count: 2
        }),
        "the cursor follows the entity to its new group"
    );
    press(&mut app, "c");
    assert!(file(&path).contains("kind = \"person\""), "{}", file(&path));
    let _ = std::fs::remove_dir_all(path.parent().and_then(|p| p.parent()).expect("dir"));
}

#[test]
fn m_then_capital_m_merges_the_marked_entity_into_this_one() {
    let path = fresh_path("merge");
    // The user's comment stays.
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    std::fs::write(&path, "# my fixes\n").expect("written");
    let mut app = app_writing_to(&path, Scope::Collection);
    cursor_to(&mut app, "Jon Hale");
    press(&mut app, "m");
    assert_eq!(app.marked_entity(), Some("Jon Hale"));
    cursor_to(&mut app, "Mara Voss");
    press(&mut app, "M");
    assert_eq!(
        file(&path),
        "# my fixes\n\n[\"Mara Voss\"]\nmerge = [\"Jon Hale\"]\n"
    );
    assert!(!sidebar_names(&app).contains(&"Jon Hale".to_string()));
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Mara Voss"));
    let articles = app.mentioning("Mara Voss");
    assert_eq!(articles, [0, 1, 2], "f lists every article of both");
    // The second article's quote is now Mara Voss's.
    press(&mut app, "h h j enter");
    let (_, analysis) = app.open_article_data().expect("open");
    let speakers: Vec<_> = analysis
        .quotes
        .iter()
        .map(|q| analysis.speaker_name(q))
        .collect();
    assert_eq!(speakers, [Some("Mara Voss")]);
    // Undo: the file as it was, Jon Hale back in the index and the article.
    press(&mut app, "l l X");
    assert_eq!(file(&path), "# my fixes\n");
    assert_eq!(app.mentioning("Jon Hale"), [1]);
    let (_, analysis) = app.open_article_data().expect("open");
    assert_eq!(analysis.speaker_name(&analysis.quotes[0]), Some("Jon Hale"));
    let _ = std::fs::remove_dir_all(path.parent().and_then(|p| p.parent()).expect("dir"));
}

#[test]
fn capital_m_without_a_mark_says_what_to_do() {
    let path = fresh_path("nomark");
    let mut app = app_writing_to(&path, Scope::Article);
    press(&mut app, "M");
    assert!(
        app.status()
            .is_some_and(|s| s.contains("mark an entity with m"))
    );
    assert!(!path.exists());
}

#[test]
fn a_file_alias_marks_the_phrase_in_the_body_and_the_index() {
    let (corrections, problems) = crate::corrections::parse::parse(
        "[\"Mara Voss\"]\naliases = [\"Council chair\"]\n[Northwind]\nhide = true\n",
        "entities.toml",
    );
    assert!(problems.is_empty());
    let mut app = fixture::app(120, 30);
    app.set_corrections(corrections, None);
    let (article, analysis) = app.open_article_data().expect("open");
    let voss = analysis
        .entities
        .iter()
        .find(|e| e.name == "Mara Voss")
        .expect("Mara Voss");
    let texts: Vec<&str> = voss.mentions.iter().map(|m| m.text(article)).collect();
    assert!(texts.contains(&"Council chair"), "{texts:?}");
    assert!(!analysis.entities.iter().any(|e| e.name == "Northwind"));
    assert!(app.index().get("Northwind").is_none());
    // The body marks the phrase as a mention of hers.
    let voss_at = analysis.entities.iter().position(|e| e.name == "Mara Voss");
    let start = article.paragraphs[0].find("Council chair").expect("there");
    let marks = app.marks(0).expect("marks");
    assert!(
        marks
            .mentions
            .iter()
            .any(|m| m.range == (start..start + 13) && Some(m.entity) == voss_at),
        "{marks:?}"
    );
}
