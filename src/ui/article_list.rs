//! The article list pane (left): two rows per article, the title with a `▶`
//! before the open one (bold while unread, after a `★` when starred), then
//! source and short date (or the file name) dimmed, with `+2` at the end when
//! the article also came from two other sources.

use crate::app::{App, Focus, ListCounts, SortOrder};
use crate::date;
use crate::sanitize::sanitize;
use crate::store::StoredArticle;
use crate::ui::theme::Theme;
use crate::ui::{pane_block, scroll_note, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The star before a starred article's title.
const STAR: &str = "★ ";

/// "Articles (12)", "Articles (12, 5 unread)" once some are read, "Unread (5
/// of 12)" while read ones are hidden, or "Articles · Khamenei (3)" while
/// filtered by an entity ("Articles · Ofcom + BT · /bank (2)" by two and a text). The count always shows, in a shorter form when the
/// pane is narrow ("Articles 5/12 unread", then "Articles (12)"): a pane
/// `pane_width` wide has its borders, the focus marker and a space around
/// the title (5 columns). A long name is cut to fit, or left out when even a
/// cut one would not fit.
fn list_title(filter: Option<&str>, counts: ListCounts, pane_width: usize) -> String {
    let ListCounts {
        shown,
        of,
        unread,
        hiding_read,
    } = counts;
    let forms: Vec<(&str, String)> = if hiding_read {
        vec![
            ("Unread", format!(" ({shown} of {of})")),
            ("Unread", format!(" ({shown})")),
        ]
    } else if unread < shown {
        vec![
            ("Articles", format!(" ({shown}, {unread} unread)")),
            ("Articles", format!(" {unread}/{shown} unread")),
            ("Articles", format!(" ({shown})")),
        ]
    } else {
        vec![("Articles", format!(" ({shown})"))]
    };
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let room = pane_width.saturating_sub(5);
    if let Some(name) = filter {
        // The full count if the name keeps a few columns, else the shortest.
        let last = forms.len() - 1;
        for (i, (what, count)) in forms.iter().enumerate() {
            let fixed = width(what) + width(" · ") + count.len();
            let least = if i == last { 2 } else { width(name).min(8) };
            if room >= fixed + least {
                return format!("{what} · {}{count}", truncate(name, room - fixed));
            }
        }
    }
    let fits = forms
        .iter()
        .find(|(what, count)| width(what) + count.len() <= room)
        .or(forms.last());
    fits.map(|(what, count)| format!("{what}{count}"))
        .unwrap_or_default()
}

/// Draws the list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::ArticleList;
    let shown = app.visible_len();
    let mut filters = app.filters().join(" + ");
    if let Some(query) = app.collection_query() {
        if !filters.is_empty() {
            filters.push_str(" · ");
        }
        filters.push(':');
        filters.push_str(&sanitize(query));
    }
    if let Some(text) = app.list_text_filter() {
        if !filters.is_empty() {
            filters.push_str(" · ");
        }
        filters.push('/');
        filters.push_str(&sanitize(text));
    }
    let filter = (!filters.is_empty()).then_some(filters.as_str());
    let title = list_title(filter, app.list_counts(), usize::from(area.width));
    let details = app.geometry().list_item_rows > 1;
    let rows_each = if details { 2 } else { 1 };
    let capacity = usize::from(area.height.saturating_sub(2) / rows_each).max(1);
    let mut block = pane_block(title, focused, theme).title_bottom(
        Line::styled(scroll_note(app.list_top(), capacity, shown), theme.dim).right_aligned(),
    );
    let order = match app.sort_order() {
        SortOrder::Load => None,
        SortOrder::Date => Some(" by date "),
        SortOrder::Source => Some(" by source "),
        SortOrder::Relevance => Some(" best first "),
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
        if !app.is_read(index) {
            title_style = title_style.patch(theme.unread);
        }
        let mut star_style = theme.star;
        let mut meta_style = theme.meta;
        let mut also_style = theme.also_in;
        if position == app.list_cursor() {
            let cursor = if focused {
                theme.cursor
            } else {
                theme.cursor_unfocused
            };
            title_style = title_style.patch(cursor);
            star_style = star_style.patch(cursor);
            meta_style = meta_style.patch(cursor);
            also_style = also_style.patch(cursor);
        }
        let star = if app.is_starred(index) { STAR } else { "" };
        let star_width = unicode_width::UnicodeWidthStr::width(star);
        // "+2": found in two more sources, when there is room for it.
        let also = app.also_in(index).len();
        let room = width.saturating_sub(2);
        let about = about(article);
        let mut also_in = (also > 0).then(|| format!(" +{also}"));
        if also_in.as_ref().is_some_and(|m| room < m.len() + 8) {
            also_in = None;
        }
        let also_width = also_in.as_ref().map_or(0, String::len);
        if !details {
            // One row an article: the "+2" goes at the end of the title.
            let title = truncate(
                article.title(),
                room.saturating_sub(also_width + star_width),
            );
            let mut line = pad(
                Line::from(vec![
                    Span::styled(marker, title_style),
                    Span::styled(star, star_style),
                    Span::styled(title, title_style),
                ]),
                width - also_width,
            );
            line.spans
                .extend(also_in.map(|a| Span::styled(a, also_style)));
            lines.push(line);
            continue;
        }
        let title = truncate(article.title(), room.saturating_sub(star_width));
        let meta = truncate(&about, room - also_width).into_owned();
        lines.push(pad(
            Line::from(vec![
                Span::styled(marker, title_style),
                Span::styled(star, star_style),
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
    use super::{ListCounts, list_title};

    /// Counts with nothing read and nothing hidden.
    fn all(shown: usize) -> ListCounts {
        ListCounts {
            shown,
            of: shown,
            unread: shown,
            hiding_read: false,
        }
    }

    #[test]
    fn list_title_keeps_the_count_when_the_name_is_long() {
        assert_eq!(list_title(None, all(7), 40), "Articles (7)");
        assert_eq!(list_title(Some("IRGC"), all(3), 40), "Articles · IRGC (3)");
        let cut = list_title(Some("Islamic Revolutionary Guard Corps"), all(12), 30);
        assert_eq!(
            list_title(Some("Ofcom + BT · /bank"), all(2), 40),
            "Articles · Ofcom + BT · /bank (2)"
        );
        assert_eq!(cut, "Articles · Islamic… (12)");
        assert!(unicode_width::UnicodeWidthStr::width(cut.as_str()) <= 25);
        assert_eq!(
            list_title(Some("Islamic Revolutionary"), all(12), 18),
            "Articles (12)"
        );
    }

    #[test]
    fn list_title_counts_unread_articles_and_says_when_read_ones_are_hidden() {
        let some_read = ListCounts {
            unread: 5,
            ..all(12)
        };
        assert_eq!(list_title(None, some_read, 40), "Articles (12, 5 unread)");
        assert_eq!(list_title(None, some_read, 25), "Articles 5/12 unread");
        assert_eq!(list_title(None, some_read, 20), "Articles (12)");
        let hiding = ListCounts {
            shown: 5,
            hiding_read: true,
            ..some_read
        };
        assert_eq!(list_title(None, hiding, 40), "Unread (5 of 12)");
        assert_eq!(
            list_title(Some("IRGC"), hiding, 40),
            "Unread · IRGC (5 of 12)"
        );
    }
}
