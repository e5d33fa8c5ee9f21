//! The panes, drawn from `&App`: a pure function of the state and a [`Theme`].
//! Positions come from the app's [`Geometry`](crate::app::geometry::Geometry),
//! so what is drawn and what the app scrolls always agree. Nothing here changes
//! state; everything is clipped to the buffer, so any size is safe.
//!
//! | pane | module |
//! | --- | --- |
//! | article list (left) | [`article_list`] |
//! | body (middle) | [`body`] |
//! | entity sidebar (right) | [`sidebar`] |
//! | status line (bottom) | [`status_bar`] |
//! | help and skipped-files overlays | [`help`] |
//! | quotes view | [`quotes`] |

pub mod article_list;
pub mod body;
pub mod help;
pub mod quotes;
pub mod sidebar;
pub mod status_bar;
pub mod theme;

use crate::app::geometry::Area;
use crate::app::{App, Focus};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use std::borrow::Cow;
use theme::Theme;
use unicode_width::UnicodeWidthChar;

/// Draws the whole screen into a frame.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    render(app, theme, frame.buffer_mut());
}

/// Draws the whole screen into `buf`.
pub fn render(app: &App, theme: &Theme, buf: &mut Buffer) {
    let g = app.geometry();
    let show = |focus: Focus| !g.narrow || app.focus() == focus;
    if show(Focus::ArticleList) {
        article_list::render(app, theme, clip(g.list, buf), buf);
    }
    if show(Focus::Body) {
        body::render(app, theme, clip(g.body, buf), buf);
    }
    if show(Focus::Sidebar) {
        sidebar::render(app, theme, clip(g.sidebar, buf), buf);
    }
    status_bar::render(app, theme, clip(g.status, buf), buf);
    if app.overlay().is_some() {
        help::render(app, theme, clip(g.overlay, buf), buf);
    }
}

/// The app's area as a ratatui `Rect`, cut to the buffer.
fn clip(area: Area, buf: &Buffer) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height).intersection(buf.area)
}

/// A pane's frame: thick and bright when focused, thin and dim otherwise, with
/// a `▸` before the title of the focused pane (visible without colour too).
fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let (border_type, style, marker) = if focused {
        (BorderType::Thick, theme.border_focused, "▸ ")
    } else {
        (BorderType::Plain, theme.border, " ")
    };
    Block::bordered()
        .border_type(border_type)
        .border_style(style)
        .title(Line::from(vec![
            Span::raw(marker),
            Span::styled(title, style),
            Span::raw(" "),
        ]))
}

/// `text` cut to `width` columns, with `…` as the last column when cut.
fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(ch);
    }
    if width > 0 {
        // "Islamic…", not "Islamic …".
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    Cow::Owned(out)
}

/// `(first, shown, total)` as a short scroll note such as `12-40/80`, or "" when
/// all fits; just `3/37` when one line or none shows (a pane too short for
/// its text), so the start is never past the end.
fn scroll_note(first: usize, shown: usize, total: usize) -> String {
    let last = (first + shown).min(total);
    if total <= shown {
        String::new()
    } else if last <= first + 1 {
        format!(" {}/{total} ", (first + 1).min(total))
    } else {
        format!(" {}-{last}/{total} ", first + 1)
    }
}

#[cfg(test)]
mod safety_tests;
#[cfg(test)]
mod tests;
