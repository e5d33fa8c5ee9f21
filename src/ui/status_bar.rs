//! The status line (bottom): where the reader is (article i/n, mention i/n of
//! the selected entity), the last action's message or the skipped-files note,
//! and key hints generated from the key table, as many as fit.

use crate::app::{App, PromptView, count};
use crate::keymap::Hint;
use crate::sanitize::sanitize;
use crate::ui::theme::Theme;
use crate::ui::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// "2 feeds failed, 1 file skipped, 1 warning (e to list)": what the load
/// reported, when it reported anything. A skipped source named by its
/// `http(s)://` address is a feed or page that could not be fetched or read.
fn problems_note(skipped: &[String], warnings: usize) -> Option<String> {
    let web = skipped
        .iter()
        .filter(|s| crate::fetch::is_web_url(s))
        .count();
    let files = skipped.len() - web;
    let parts: Vec<String> = [
        (web > 0).then(|| format!("{} failed", count(web, "feed"))),
        (files > 0).then(|| format!("{} skipped", count(files, "file"))),
        (warnings > 0).then(|| count(warnings, "warning")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("{} (e to list)", parts.join(", ")))
}

/// The open prompt as spans: `/` and the line, the cursor as a reversed
/// cell, cut from the left when too long for `width` columns so the cursor
/// always shows.
fn prompt_spans<'a>(prompt: &PromptView<'_>, theme: &Theme, width: usize) -> Vec<Span<'a>> {
    let text = sanitize(prompt.text);
    let cursor = sanitize(prompt.text.get(..prompt.cursor).unwrap_or("")).len();
    let (before, rest) = text.split_at_checked(cursor).unwrap_or((&text, ""));
    let mut chars = rest.chars();
    let under = chars.next().map_or_else(|| " ".to_string(), String::from);
    let after = chars.as_str();
    // Keep the end of what is before the cursor when the line is too long.
    let room = width.saturating_sub(3 + under.width());
    let mut shown = before;
    while shown.width() > room {
        let mut cut = shown.chars();
        cut.next();
        shown = cut.as_str();
    }
    vec![
        Span::styled(format!("{} ", prompt.kind.sigil()), theme.key),
        Span::raw(shown.to_string()),
        Span::styled(under, theme.prompt_cursor),
        Span::raw(truncate(after, room.saturating_sub(shown.width())).into_owned()),
    ]
}

/// Draws the status line into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut left: Vec<Span> = Vec::new();
    if let Some(prompt) = app.prompt() {
        let purpose = format!("  {}", prompt.kind.purpose());
        let mut spans = prompt_spans(&prompt, theme, width.saturating_sub(purpose.width()));
        let used: usize = spans.iter().map(Span::width).sum();
        if used + purpose.width() <= width {
            spans.push(Span::styled(purpose, theme.hint));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    let total = app.article_count();
    if total > 0 {
        left.push(Span::styled(
            format!(" {}/{total} ", app.open_index() + 1),
            theme.status_position,
        ));
    }
    if let Some(progress) = progress_note(app) {
        left.push(Span::styled(progress, theme.dim));
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
    if let Some((current, here)) = app.match_position() {
        let place = match (current, here) {
            (_, 0) => "no match here".to_string(),
            (Some(i), here) => format!("match {}/{here}", i + 1),
            (None, here) => format!("match -/{here}"),
        };
        left.push(Span::styled(format!("{place} "), theme.status_position));
    }
    let message = match app.status() {
        Some(message) => Some(Span::styled(message.to_string(), theme.status_message)),
        None => problems_note(app.skipped(), app.warnings().len())
            .map(|note| Span::styled(note, theme.warning)),
    };
    let mut hints = app.keymap().hints(&app.key_contexts());
    if app.match_position().is_some() {
        // While a search is on, n/N walk its matches.
        for hint in hints.iter_mut().filter(|h| h.hint == "mention") {
            hint.hint = "match";
        }
    }
    let hint_width = |h: &Hint| h.keys.width() + h.hint.width() + 3;
    // Help, quit and close always keep their room; the message gets the rest.
    let essential: usize = hints.iter().filter(|h| h.essential).map(hint_width).sum();
    let used: usize = left.iter().map(Span::width).sum();
    if let Some(mut message) = message {
        let room = width.saturating_sub(used + 1 + essential + 2 * usize::from(essential > 0));
        message.content = truncate(&message.content, room).into_owned().into();
        left.push(Span::raw(" "));
        left.push(message);
    }
    let used: usize = left.iter().map(Span::width).sum();
    let shown = fitting_hints(&hints, width.saturating_sub(used + 2), hint_width);
    // Hints go right-aligned into what is left, in the table's order.
    let mut spans: Vec<Span> = Vec::new();
    let mut hints_width = 0;
    for hint in hints
        .iter()
        .zip(shown)
        .filter_map(|(h, show)| show.then_some(h))
    {
        hints_width += hint_width(hint);
        spans.push(Span::styled(hint.keys.clone(), theme.key));
        spans.push(Span::styled(format!(" {}  ", hint.hint), theme.hint));
    }
    let gap = width.saturating_sub(used + hints_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(spans);
    Paragraph::new(Line::from(left)).render(area, buf);
}

/// Which hints fit in `room` columns: the essential ones (help, quit,
/// close) first, then the others in the table's order until one does not fit.
fn fitting_hints(hints: &[Hint], room: usize, width: impl Fn(&Hint) -> usize) -> Vec<bool> {
    let mut shown = vec![false; hints.len()];
    let mut used = 0;
    for (i, hint) in hints.iter().enumerate().filter(|(_, h)| h.essential) {
        if used + width(hint) <= room {
            used += width(hint);
            shown[i] = true;
        }
    }
    for (i, hint) in hints.iter().enumerate().filter(|(_, h)| !h.essential) {
        if used + width(hint) > room {
            break;
        }
        used += width(hint);
        shown[i] = true;
    }
    shown
}

/// What the background is doing while a collection streams in: "loading
/// 12,345 articles…", then "analysing 40%", then "unifying names…".
pub fn progress_note(app: &App) -> Option<String> {
    let p = app.progress();
    if let Some((done, of)) = p.fetching {
        let noun = if of == 1 { "address" } else { "addresses" };
        return Some(format!("fetching {done}/{of} web {noun}… "));
    }
    if p.done {
        return None;
    }
    let total = app.article_count();
    Some(if p.loading {
        format!("loading {} articles… ", thousands(total))
    } else if p.analysed < total {
        format!("analysing {}% ", p.analysed * 100 / total.max(1))
    } else {
        "unifying names… ".to_string()
    })
}

/// `12345` as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Hint, fitting_hints, problems_note};

    #[test]
    fn fitting_hints_keep_help_and_quit_and_drop_the_others_first() {
        let hint = |keys: &str, hint: &'static str, essential| Hint {
            keys: keys.to_string(),
            hint,
            essential,
        };
        let hints = [
            hint("j/k", "move", false),
            hint("n/N", "mention", false),
            hint("?", "help", true),
            hint("q", "quit", true),
        ];
        let width = |h: &Hint| h.keys.len() + h.hint.len() + 3;
        assert_eq!(fitting_hints(&hints, 100, width), [true, true, true, true]);
        // "? help  q quit  " is 16 columns, "j/k move  " 10 more.
        assert_eq!(fitting_hints(&hints, 26, width), [true, false, true, true]);
        assert_eq!(fitting_hints(&hints, 16, width), [false, false, true, true]);
        assert_eq!(fitting_hints(&hints, 8, width), [false, false, true, false]);
    }

    #[test]
    fn problems_note_counts_failed_feeds_skipped_files_and_warnings() {
        let files = |n: usize| vec!["a.txt: empty file".to_string(); n];
        assert_eq!(problems_note(&[], 0), None);
        assert_eq!(
            problems_note(&files(2), 0).as_deref(),
            Some("2 files skipped (e to list)")
        );
        assert_eq!(
            problems_note(&[], 1).as_deref(),
            Some("1 warning (e to list)")
        );
        assert_eq!(
            problems_note(&files(1), 3).as_deref(),
            Some("1 file skipped, 3 warnings (e to list)")
        );
        let mut skipped = files(1);
        skipped.push("https://news.example/feed.xml: HTTP 404".into());
        skipped.push("HTTP://wire.example/rss: timed out".into());
        assert_eq!(
            problems_note(&skipped, 0).as_deref(),
            Some("2 feeds failed, 1 file skipped (e to list)")
        );
    }
}
