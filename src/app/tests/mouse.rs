//! Mouse events on the state: the wheel scrolls the pane under the pointer
//! (without focusing it), clicks point and select, double clicks open.

use super::*;
use crate::app::{Mouse, MouseKind};

/// The screen cell of the fourth letter of the first `word` in the body text.
fn cell_of(app: &App, word: &str) -> (u16, u16) {
    let (line, offset) = (app.body_lines().iter().enumerate())
        .find_map(|(i, line)| match line {
            BodyLine::Text { paragraph, range } => {
                let text = &app.open_article_data()?.0.paragraphs[*paragraph][range.clone()];
                text.find(word).map(|at| (i, at))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{word} is in the text"));
    let body = app.geometry().body.inner();
    let row = body.y + u16::try_from(line - app.body_top()).expect("row");
    let column = app.geometry().body_text.x + u16::try_from(offset + 3).expect("column");
    (column, row)
}

fn at(kind: MouseKind, column: u16, row: u16) -> Mouse {
    Mouse { kind, column, row }
}

#[test]
fn a_click_points_at_an_article_and_a_double_click_opens_it() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab");
    let list = app.geometry().list.inner();
    // Two rows an article: the third row is the second article's title.
    app.mouse(at(MouseKind::Click, list.x + 2, list.y + 2));
    assert_eq!(app.focus(), Focus::ArticleList);
    assert_eq!(app.list_cursor(), 1);
    assert_eq!(app.open_index(), 0, "a click does not open");
    app.mouse(at(MouseKind::DoubleClick, list.x + 2, list.y + 5));
    assert_eq!(app.open_index(), 2);
    assert_eq!(app.focus(), Focus::Body);
    // Below the last article, nothing happens.
    app.mouse(at(MouseKind::Click, list.x + 2, list.y + 20));
    assert_eq!(app.list_cursor(), 2);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_without_focusing_it() {
    let mut app = long_app(30);
    let body = app.geometry().body.inner();
    app.mouse(at(MouseKind::WheelDown, body.x + 5, body.y + 3));
    assert_eq!(app.body_top(), 3);
    assert_eq!(
        app.focus(),
        Focus::ArticleList,
        "the wheel leaves the focus"
    );
    app.mouse(at(MouseKind::WheelUp, body.x + 5, body.y + 3));
    app.mouse(at(MouseKind::WheelUp, body.x + 5, body.y + 3));
    assert_eq!(app.body_top(), 0, "clamped at the top");
    // On the status line, outside every pane: nothing.
    let status = app.geometry().status;
    app.mouse(at(MouseKind::WheelDown, 5, status.y));
    assert_eq!(app.body_top(), 0);
}

#[test]
fn a_click_on_an_entity_selects_it_and_again_lets_it_go() {
    let mut app = fixture::app(100, 30);
    let sidebar = app.geometry().sidebar.inner();
    let first = app.sidebar_row(1);
    let Some(SidebarRow::Entity { name, .. }) = first else {
        panic!("row 1 is an entity: {first:?}");
    };
    app.mouse(at(MouseKind::Click, sidebar.x + 3, sidebar.y + 1));
    assert_eq!(app.focus(), Focus::Sidebar);
    assert_eq!(app.selected_entity(), Some(name.as_str()));
    app.mouse(at(MouseKind::Click, sidebar.x + 3, sidebar.y + 1));
    assert_eq!(app.selected_entity(), None);
    // A heading only focuses.
    app.mouse(at(MouseKind::Click, sidebar.x + 3, sidebar.y));
    assert_eq!(app.selected_entity(), None);
}

#[test]
fn a_click_on_a_name_in_the_text_selects_its_entity() {
    let mut app = fixture::app(100, 30);
    let (column, row) = cell_of(&app, "Eastport");
    app.mouse(at(MouseKind::Click, column, row));
    assert_eq!(app.focus(), Focus::Body);
    assert_eq!(app.selected_entity(), Some("Eastport"));
    assert_eq!(current_mention_text(&app), Some("Eastport"));
    // A click on plain text selects nothing new.
    app.mouse(at(MouseKind::Click, app.geometry().body_text.x, row + 40));
    assert_eq!(app.selected_entity(), Some("Eastport"));
}

#[test]
fn in_the_quotes_view_a_click_picks_a_quote_a_double_click_goes_and_outside_closes() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l \"");
    let overlay = app.geometry().overlay.inner();
    let second = (app.quote_lines().iter())
        .position(|l| l.item() == Some(1))
        .expect("two quotes");
    let row = overlay.y + u16::try_from(second).expect("row");
    app.mouse(at(MouseKind::Click, overlay.x + 4, row));
    assert_eq!(app.quotes_cursor(), Some(1));
    app.mouse(at(MouseKind::WheelUp, overlay.x + 4, row));
    assert_eq!(app.quotes_cursor(), Some(0));
    app.mouse(at(MouseKind::DoubleClick, overlay.x + 4, row));
    assert_eq!(app.overlay(), None);
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.current_quote(), Some(0));

    press(&mut app, "?");
    assert_eq!(app.overlay(), Some(Overlay::Help));
    app.mouse(at(MouseKind::WheelDown, overlay.x + 4, overlay.y + 2));
    assert_eq!(app.overlay_top(), 3);
    app.mouse(at(MouseKind::Click, 0, 0));
    assert_eq!(app.overlay(), None, "a click outside closes");
}

#[test]
fn a_click_on_a_name_the_narrowed_sidebar_hides_selects_nothing_else() {
    let mut app = fixture::app(100, 30);
    // Narrow the sidebar to names holding "n" (Eastport is not among them).
    press(&mut app, "l l / n enter");
    assert!(app.sidebar_narrowed().is_some());
    let (column, row) = cell_of(&app, "Eastport");
    app.mouse(at(MouseKind::Click, column, row));
    // Not another name in Eastport's place among the narrowed ones: nothing,
    // and the status line says why.
    assert_eq!(app.selected_entity(), None);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("Eastport is not among")),
        "{:?}",
        app.status()
    );
}
