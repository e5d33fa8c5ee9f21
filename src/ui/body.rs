//! The body pane (middle): the open article's title, metadata and wrapped
//! paragraphs as the app laid them out, with quotes, mentions, the selected
//! entity and the current mention styled by the theme.

use crate::app::body_lines::{Attribution, BodyLine, ParagraphMarks, Segment, segments};
use crate::app::{App, Focus};
use crate::ui::theme::Theme;
use crate::ui::{pane_block, scroll_note};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the body into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let total = app.article_count();
    let title = if total == 0 {
        "Article".to_string()
    } else {
        format!("Article {}/{total}", app.open_index() + 1)
    };
    let height = usize::from(area.height.saturating_sub(2));
    let lines = app.body_lines();
    let block = pane_block(title, app.focus() == Focus::Body, theme).title_bottom(
        Line::styled(scroll_note(app.body_top(), height, lines.len()), theme.dim).right_aligned(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    // Inside the padding, at most the reading width, centred as the layout says.
    let text = app.geometry().body_text;
    let text_area = Rect::new(text.x, text.y, text.width, text.height).intersection(inner);
    let shown: Vec<Line> = lines
        .iter()
        .skip(app.body_top())
        .take(height)
        .map(|line| body_line(app, theme, line))
        .collect();
    Paragraph::new(shown).render(text_area, buf);
}

/// One body line as styled spans.
fn body_line<'a>(app: &'a App, theme: &Theme, line: &'a BodyLine) -> Line<'a> {
    let Some((article, _)) = app.open_article_data() else {
        return Line::default();
    };
    match line {
        BodyLine::Title(range) => {
            // Only search matches are marked in the title.
            let none = ParagraphMarks::default();
            let spans = segments(&none, app.search_marks(None), range.clone())
                .into_iter()
                .map(|segment| {
                    let content = article.title.get(segment.range.clone()).unwrap_or("");
                    let style = theme.title.patch(match_style(app, theme, &segment));
                    Span::styled(content, style)
                });
            Line::from(spans.collect::<Vec<_>>())
        }
        BodyLine::Meta(text) => Line::styled(text.as_str(), theme.meta),
        BodyLine::Blank => Line::default(),
        BodyLine::Text { paragraph, range } => {
            Line::from(text_spans(app, theme, *paragraph, range.clone()))
        }
        BodyLine::Attribution(attribution) => attribution_line(app, theme, attribution),
    }
}

/// A `— Speaker` line, right-aligned: the quotes' opening words in the quote
/// style, the name in its kind's style (as its mentions in the text are), and
/// emphasised like them when the speaker is the selected entity.
fn attribution_line<'a>(app: &App, theme: &Theme, attribution: &'a Attribution) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, opening) in attribution.openings.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(", ", theme.attribution));
        }
        spans.push(Span::styled(
            opening.as_str(),
            theme.attribution.patch(theme.quote),
        ));
    }
    let dash = if spans.is_empty() { "— " } else { " — " };
    spans.push(Span::styled(dash, theme.attribution));
    let entity = app
        .open_article_data()
        .and_then(|(_, analysis)| analysis.entities.get(attribution.entity));
    let mut name = theme.attribution;
    if let Some(entity) = entity {
        name = name.patch(theme.kind(entity.kind));
    }
    if app.selected_in_open() == Some(attribution.entity) {
        name = name.patch(theme.selected_mention);
    }
    spans.push(Span::styled(attribution.speaker.as_str(), name));
    Line::from(spans).right_aligned()
}

/// The spans of one wrapped line of a paragraph of the open article: the
/// segments of [`segments`] with the theme's style for what each one is. The
/// spans' text concatenates to exactly the paragraph's text over `range`.
pub fn text_spans<'a>(
    app: &'a App,
    theme: &Theme,
    paragraph: usize,
    range: std::ops::Range<usize>,
) -> Vec<Span<'a>> {
    let Some((article, _)) = app.open_article_data() else {
        return Vec::new();
    };
    let Some(text) = article.paragraphs.get(paragraph) else {
        return Vec::new();
    };
    let Some(marks) = app.marks(paragraph) else {
        return vec![Span::styled(text.get(range).unwrap_or(""), theme.text)];
    };
    segments(marks, app.search_marks(Some(paragraph)), range)
        .into_iter()
        .map(|segment| {
            let content = text.get(segment.range.clone()).unwrap_or("");
            Span::styled(content, segment_style(app, theme, &segment))
        })
        .collect()
}

/// The style of a segment: text, then quote, then mention kind, then selection
/// and current mention on top, each patching the one before.
fn segment_style(app: &App, theme: &Theme, segment: &Segment) -> ratatui::style::Style {
    let mut style = theme.text;
    if let Some(quote) = segment.quote {
        style = style.patch(theme.quote);
        if app.current_quote() == Some(quote) {
            style = style.patch(theme.current_quote);
        }
    }
    if let Some(mention) = &segment.mention {
        let kind = app
            .open_article_data()
            .and_then(|(_, analysis)| analysis.entities.get(mention.entity))
            .map(|e| e.kind);
        if let Some(kind) = kind {
            style = style.patch(theme.kind(kind));
        }
        if app.selected_in_open() == Some(mention.entity) {
            style = style.patch(theme.selected_mention);
        }
        if app.current_mention() == Some((mention.entity, mention.index)) {
            style = style.patch(theme.current_mention);
        }
    }
    style.patch(match_style(app, theme, segment))
}

/// The style a search match adds (the current one stands out), or none.
fn match_style(app: &App, theme: &Theme, segment: &Segment) -> ratatui::style::Style {
    match segment.matched {
        Some(index) if app.current_match() == Some(index) => theme.current_match,
        Some(_) => theme.search_match,
        None => ratatui::style::Style::new(),
    }
}
