//! The status line (bottom): where the reader is (article i/n, mention i/n of
//! the selected entity), the last action's message or the skipped-files note,
//! and key hints generated from the key table, as many as fit.

use crate::app::{App, count};
use crate::keymap;
use crate::ui::theme::Theme;
use crate::ui::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the status line into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut left: Vec<Span> = Vec::new();
    let total = app.articles().len();
    if total > 0 {
        left.push(Span::styled(
            format!(" {}/{total} ", app.open_index() + 1),
            theme.status_position,
        ));
    }
    if let Some(p) = app.mention_position() {
        let place = match (p.current, p.here) {
            (_, 0) => format!("not here, in {}", count(p.articles, "article")),
            (Some(i), here) => format!("{}/{here}", i + 1),
            (None, here) => format!("-/{here}"),
        };
        left.push(Span::styled(
            format!("{} {place} ", p.name),
            theme.status_position,
        ));
    }
    let message = match app.status() {
        Some(message) => Some(Span::styled(message.to_string(), theme.status_message)),
        None if !app.skipped().is_empty() => Some(Span::styled(
            format!("{} skipped (e to list)", count(app.skipped().len(), "file")),
            theme.warning,
        )),
        None => None,
    };
    let used: usize = left.iter().map(Span::width).sum();
    if let Some(mut message) = message {
        let room = width.saturating_sub(used + 1);
        message.content = truncate(&message.content, room).into_owned().into();
        left.push(Span::raw(" "));
        left.push(message);
    }
    let used: usize = left.iter().map(Span::width).sum();
    // Hints go right-aligned into what is left, dropping those that do not fit.
    let mut hints: Vec<Span> = Vec::new();
    let mut hints_width = 0;
    for (keys, hint) in keymap::hints(&app.key_contexts()) {
        let w = keys.chars().count() + hint.chars().count() + 3;
        if used + hints_width + w + 2 > width {
            break;
        }
        hints_width += w;
        hints.push(Span::styled(keys, theme.key));
        hints.push(Span::styled(format!(" {hint}  "), theme.hint));
    }
    let gap = width.saturating_sub(used + hints_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(hints);
    Paragraph::new(Line::from(left)).render(area, buf);
}
