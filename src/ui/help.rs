//! The overlays: the help box generated from the key table, and the list of
//! skipped files and warnings. Both draw the app's `overlay_lines`, scrolled.

use crate::app::{App, Overlay, OverlayLine};
use crate::ui::scroll_note;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

/// Width of the keys column in the help box.
const KEYS_COLUMN: usize = 16;

/// Clears `area` and draws an overlay's double border with `title` at the
/// top and `footer` (scroll position, keys) at the bottom right; returns the
/// area inside.
pub(super) fn frame(
    title: String,
    footer: String,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.border_focused))
        .title_bottom(Line::styled(footer, theme.dim).right_aligned());
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    inner
}

/// Draws the open overlay into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = match app.overlay() {
        Some(Overlay::Help) => " Keys ",
        Some(Overlay::Skipped) => " Skipped files and warnings ",
        Some(Overlay::Quotes) => return super::quotes::render(app, theme, area, buf),
        None => return,
    };
    let lines = app.overlay_lines();
    let height = usize::from(area.height.saturating_sub(2));
    let footer = format!(
        "{}Esc close ",
        scroll_note(app.overlay_top(), height, lines.len())
    );
    let inner = frame(title.to_string(), footer, theme, area, buf);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(app.overlay_top())
        .take(height)
        .map(|line| match line {
            OverlayLine::Heading(text) => Line::styled(text, theme.heading),
            OverlayLine::Row(keys, what) => Line::from(vec![
                Span::styled(format!("  {keys:<KEYS_COLUMN$}"), theme.key),
                Span::styled(what, theme.text),
            ]),
            OverlayLine::Text(text) => Line::styled(format!("  {text}"), theme.text),
            OverlayLine::Blank => Line::default(),
        })
        .collect();
    // The app already wrapped long text to this box, so one line is one row and
    // its scroll arithmetic holds.
    Paragraph::new(shown).render(inner, buf);
}
