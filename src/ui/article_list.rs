//! The article list pane (left): two rows per article, the title with a `▶`
//! before the open one, then source and date (or the file name) dimmed.

use crate::app::{App, Focus};
use crate::store::StoredArticle;
use crate::ui::theme::Theme;
use crate::ui::{pane_block, scroll_note, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::ArticleList;
    let shown = app.visible_len();
    let title = match app.filter() {
        Some(name) => format!("Articles · {name} ({shown})"),
        None => format!("Articles ({shown})"),
    };
    let capacity = usize::from(area.height.saturating_sub(2) / 2).max(1);
    let block = pane_block(title, focused, theme).title_bottom(
        Line::styled(scroll_note(app.list_top(), capacity, shown), theme.dim).right_aligned(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    // Only the rows on screen are looked at, however long the list.
    for position in app.list_top()..app.list_top().saturating_add(capacity).min(shown) {
        let Some(index) = app.visible_at(position) else {
            continue;
        };
        let Some(article) = app.stored(index) else {
            continue;
        };
        let open = index == app.open_index();
        let marker = if open { "▶ " } else { "  " };
        let mut title_style = if open { theme.open_article } else { theme.text };
        let mut meta_style = theme.meta;
        if position == app.list_cursor() {
            let cursor = if focused {
                theme.cursor
            } else {
                theme.cursor_unfocused
            };
            title_style = title_style.patch(cursor);
            meta_style = meta_style.patch(cursor);
        }
        let title = truncate(article.title(), width.saturating_sub(2));
        let meta = truncate(&about(article), width.saturating_sub(2)).into_owned();
        lines.push(pad(
            Line::from(vec![
                Span::styled(marker, title_style),
                Span::styled(title, title_style),
            ]),
            width,
        ));
        lines.push(pad(
            Line::from(vec![
                Span::styled("  ", meta_style),
                Span::styled(meta, meta_style),
            ]),
            width,
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Source and date when known, else the file the article came from.
fn about(article: &StoredArticle) -> String {
    let known: Vec<&str> = [article.source(), article.date()]
        .into_iter()
        .flatten()
        .collect();
    if known.is_empty() {
        // The file with its folder ("business/001.txt"): enough to tell files apart.
        let parts: Vec<&str> = article.source_path().rsplit('/').take(2).collect();
        parts.into_iter().rev().collect::<Vec<_>>().join("/")
    } else {
        known.join(" · ")
    }
}

/// Pads a line with spaces in its last span's style, so a cursor row is a full bar.
fn pad(mut line: Line<'_>, width: usize) -> Line<'_> {
    let missing = width.saturating_sub(line.width());
    if missing > 0 {
        let style = line.spans.last().map(|s| s.style).unwrap_or_default();
        line.spans.push(Span::styled(" ".repeat(missing), style));
    }
    line
}
