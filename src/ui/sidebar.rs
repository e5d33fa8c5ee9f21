//! The entity sidebar (right): People / Organizations / Places / Other, each
//! entity with its count (mentions in this article, or articles in the
//! collection), a `●` before the selected one, a `+` before the one marked
//! for a merge (`m`), and the cursor as a bar.

use crate::app::{App, Focus, Scope, SidebarRow};
use crate::sanitize::sanitize;
use crate::ui::theme::Theme;
use crate::ui::{pane_block, scroll_note, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Draws the sidebar into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Sidebar;
    let (title, unit) = match app.scope() {
        Scope::Article => ("Entities · article", "mentions"),
        Scope::Collection => ("Entities · all", "articles"),
    };
    let height = usize::from(area.height.saturating_sub(2));
    let total = app.sidebar_len();
    // Only the rows on screen: the collection scope can list many thousands.
    let rows = app.sidebar_rows(app.sidebar_top(), height);
    let note = match scroll_note(app.sidebar_top(), height, total) {
        note if note.is_empty() => format!(" {unit} "),
        note => note,
    };
    let title = match app.sidebar_narrowed() {
        Some(text) => format!("{title} · /{}", sanitize(text)),
        None => title.to_string(),
    };
    let block = pane_block(title, focused, theme)
        .title_bottom(Line::styled(note, theme.dim).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let cursor = app.sidebar_cursor_row();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (i + app.sidebar_top(), row))
        .map(|(i, row)| match row {
            SidebarRow::Heading { kind, entities } => Line::from(vec![
                Span::styled(kind.heading(), theme.heading),
                Span::styled(format!(" {entities}"), theme.count),
            ]),
            SidebarRow::Entity { name, kind, count } => {
                let selected = app.selected_entity() == Some(name.as_str());
                let marked = app.marked_entity() == Some(name.as_str());
                let marker = match (marked, selected) {
                    (true, _) => "+ ",
                    (false, true) => "● ",
                    (false, false) => "  ",
                };
                let count = format!(" {count}");
                let room = width.saturating_sub(2 + count.width());
                let name = truncate(name, room);
                let gap = room.saturating_sub(name.width());
                let mut name_style = theme.kind(*kind);
                if selected {
                    name_style = name_style.patch(theme.selected_mention);
                }
                let mut spans = vec![
                    Span::styled(marker, name_style),
                    Span::styled(name, name_style),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(count, theme.count),
                ];
                if cursor == Some(i) {
                    let bar = if focused {
                        theme.cursor
                    } else {
                        theme.cursor_unfocused
                    };
                    for span in &mut spans {
                        span.style = span.style.patch(bar);
                    }
                }
                Line::from(spans)
            }
        })
        .collect();
    if rows.is_empty() {
        let nothing = app
            .sidebar_narrowed()
            .map(|text| format!("No name holds “{}” (Esc: all).", sanitize(text)));
        let empty = match app.scope() {
            _ if nothing.is_some() => nothing.as_deref().unwrap_or_default(),
            Scope::Article if app.article_count() > 0 && !app.open_is_analysed() => {
                "Analysing this article…"
            }
            Scope::Article => "No entities in this article.",
            Scope::Collection if !app.progress().done => "Analysing the collection…",
            Scope::Collection => "No entities in the collection.",
        };
        Paragraph::new(Line::styled(empty, theme.dim))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    Paragraph::new(lines).render(inner, buf);
}
