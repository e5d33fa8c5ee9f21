//! The article list pane (left): two rows per article, the title with a `▶`
//! before the open one, then source and short date (or the file name) dimmed,
//! with `+2` at the end when the article also came from two other sources.

use crate::app::{App, Focus, SortOrder};
use crate::date;
use crate::sanitize::sanitize;
use crate::store::StoredArticle;
use crate::ui::theme::Theme;
use crate::ui::{pane_block, scroll_note, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// "Articles (12)", or "Articles · Khamenei (3)" while filtered by an entity
/// ("Articles · Ofcom + BT · /bank (2)" by two and a text). The
/// count always shows: a long name is cut to fit a pane `pane_width` wide (its
/// borders and the focus marker take 5 columns), or left out when even a cut
/// one would not fit.
fn list_title(filter: Option<&str>, shown: usize, pane_width: usize) -> String {
    let count = format!(" ({shown})");
    let Some(name) = filter else {
        return format!("Articles{count}");
    };
    let room = pane_width.saturating_sub(5);
    let fixed = unicode_width::UnicodeWidthStr::width("Articles · ") + count.len();
    if room < fixed + 2 {
        return format!("Articles{count}");
    }
    format!("Articles · {}{count}", truncate(name, room - fixed))
}

/// Draws the list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::ArticleList;
    let shown = app.visible_len();
    let mut filters = app.filters().join(" + ");
    if let Some(text) = app.list_text_filter() {
        if !filters.is_empty() {
            filters.push_str(" · ");
        }
        filters.push('/');
        filters.push_str(&sanitize(text));
    }
    let filter = (!filters.is_empty()).then_some(filters.as_str());
    let title = list_title(filter, shown, usize::from(area.width));
    let capacity = usize::from(area.height.saturating_sub(2) / 2).max(1);
    let mut block = pane_block(title, focused, theme).title_bottom(
        Line::styled(scroll_note(app.list_top(), capacity, shown), theme.dim).right_aligned(),
    );
    let order = match app.sort_order() {
        SortOrder::Load => None,
        SortOrder::Date => Some(" by date "),
        SortOrder::Source => Some(" by source "),
    };
    if let Some(order) = order {
        block = block.title_bottom(Line::styled(order, theme.dim).left_aligned());
    }
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
        let mut also_style = theme.also_in;
        if position == app.list_cursor() {
            let cursor = if focused {
                theme.cursor
            } else {
                theme.cursor_unfocused
            };
            title_style = title_style.patch(cursor);
            meta_style = meta_style.patch(cursor);
            also_style = also_style.patch(cursor);
        }
        let title = truncate(article.title(), width.saturating_sub(2));
        // "+2": found in two more sources, when there is room for it.
        let also = app.also_in(index).len();
        let room = width.saturating_sub(2);
        let about = about(article);
        let mut also_in = (also > 0).then(|| format!(" +{also}"));
        if also_in.as_ref().is_some_and(|m| room < m.len() + 8) {
            also_in = None;
        }
        let meta = truncate(&about, room - also_in.as_ref().map_or(0, String::len)).into_owned();
        lines.push(pad(
            Line::from(vec![
                Span::styled(marker, title_style),
                Span::styled(title, title_style),
            ]),
            width,
        ));
        let mut meta_line = Line::from(vec![
            Span::styled("  ", meta_style),
            Span::styled(meta, meta_style),
        ]);
        if let Some(also_in) = also_in {
            meta_line = pad(meta_line, width.saturating_sub(also_in.len()));
            meta_line.spans.push(Span::styled(also_in, also_style));
        }
        lines.push(pad(meta_line, width));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Source and short date when known, else the file the article came from.
fn about(article: &StoredArticle) -> String {
    let date = article.date().map(date::short);
    let known: Vec<&str> = [article.source(), date.as_deref()]
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

#[cfg(test)]
mod tests {
    use super::list_title;

    #[test]
    fn list_title_keeps_the_count_when_the_name_is_long() {
        assert_eq!(list_title(None, 7, 40), "Articles (7)");
        assert_eq!(list_title(Some("IRGC"), 3, 40), "Articles · IRGC (3)");
        assert_eq!(
            list_title(Some("Ofcom + BT · /bank"), 2, 40),
            "Articles · Ofcom + BT · /bank (2)"
        );
        let cut = list_title(Some("Islamic Revolutionary Guard Corps"), 12, 30);
        assert_eq!(cut, "Articles · Islamic… (12)");
        assert!(unicode_width::UnicodeWidthStr::width(cut.as_str()) <= 25);
        assert_eq!(
            list_title(Some("Islamic Revolutionary"), 12, 18),
            "Articles (12)"
        );
    }
}
