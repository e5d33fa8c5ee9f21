//! The quotes view: an entity's quotes across the collection, or the open
//! article's by speaker, drawn from the app's laid-out lines; the quote under
//! the cursor is marked with a bar and its source line in the cursor style.

use crate::app::{App, QuoteLine};
use crate::ui::scroll_note;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the quotes view into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let lines = app.quote_lines();
    let height = usize::from(area.height.saturating_sub(2));
    let footer = format!(
        "{}Enter go to · y copy · \" switch · Esc close ",
        scroll_note(app.quotes_top(), height, lines.len())
    );
    let title = format!(" {} ", app.quotes_title());
    let inner = super::help::frame(title, footer, theme, area, buf);
    let cursor = app.quotes_cursor();
    if lines.is_empty() {
        let none = Line::styled("  No quotes.", theme.text);
        Paragraph::new(none).render(inner, buf);
        return;
    }
    let shown: Vec<Line> = lines
        .iter()
        .skip(app.quotes_top())
        .take(height)
        .map(|line| {
            let here = line.item().is_some() && line.item() == cursor;
            let bar = if here {
                Span::styled("▌ ", theme.cursor)
            } else {
                Span::raw("  ")
            };
            match line {
                QuoteLine::Heading(name) => Line::styled(name.clone(), theme.heading),
                QuoteLine::Words { text, .. } => {
                    Line::from(vec![bar, Span::styled(text.clone(), theme.quote)])
                }
                QuoteLine::Source { text, .. } => {
                    let style = if here {
                        theme.cursor
                    } else {
                        theme.attribution
                    };
                    Line::from(vec![bar, Span::styled(text.clone(), style)])
                }
                QuoteLine::Blank => Line::default(),
            }
        })
        .collect();
    Paragraph::new(shown).render(inner, buf);
}
