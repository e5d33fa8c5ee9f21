//! Key sequences for the quotes view (`"`): an entity's quotes across the
//! collection, newest first, the open article's by speaker, Enter to go to a
//! quote, `y` to copy one.

use super::*;
use crate::app::QuoteLine;

/// The quotes view's words lines, in order.
fn quoted_words(app: &App) -> Vec<String> {
    app.quote_lines()
        .iter()
        .filter_map(|line| match line {
            QuoteLine::Words { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn quotes_of_the_sidebar_entity_list_the_newest_first_and_enter_goes_there() {
    let mut app = fixture::app(100, 30);
    // The sidebar's first entity is Mara Voss, quoted in articles 0 (1 March) and 2 (5 March).
    press(&mut app, "l l \"");
    assert_eq!(app.overlay(), Some(Overlay::Quotes));
    assert_eq!(app.quotes_title(), "Mara Voss: 2 quotes, newest first");
    assert_eq!(
        quoted_words(&app),
        [
            "“No decision today”",
            "“We will build the pier before winter”"
        ]
    );
    let sources: Vec<&QuoteLine> = (app.quote_lines().iter())
        .filter(|l| matches!(l, QuoteLine::Source { .. }))
        .collect();
    assert_eq!(
        sources[0],
        &QuoteLine::Source {
            item: 0,
            text: "— Mara Voss, Budget talks stall · 2024-03-05".to_string()
        }
    );
    assert_eq!(app.quotes_cursor(), Some(0));

    press(&mut app, "j enter");
    assert_eq!(app.overlay(), None);
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.focus(), Focus::Body);
    assert_eq!(app.current_quote(), Some(0));
    assert_eq!(app.status(), Some("Quote 1/2 — Mara Voss"));
}

#[test]
fn without_an_entity_the_view_lists_the_open_article_by_speaker() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "\"");
    assert_eq!(app.quotes_title(), "This article: 2 quotes by speaker");
    let headings: Vec<&QuoteLine> = (app.quote_lines().iter())
        .filter(|l| matches!(l, QuoteLine::Heading(_)))
        .collect();
    assert_eq!(
        headings,
        [
            &QuoteLine::Heading("Mara Voss".to_string()),
            &QuoteLine::Heading("Speaker unknown".to_string())
        ]
    );
    // Esc closes; the reader is as it was.
    press(&mut app, "esc");
    assert_eq!(app.overlay(), None);
    assert_eq!(app.focus(), Focus::ArticleList);
}

#[test]
fn quote_key_switches_between_the_entity_and_the_article() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter \"");
    assert_eq!(app.quotes_title(), "Mara Voss: 2 quotes, newest first");
    press(&mut app, "\"");
    assert_eq!(app.quotes_title(), "This article: 2 quotes by speaker");
    press(&mut app, "\"");
    assert_eq!(app.quotes_title(), "Mara Voss: 2 quotes, newest first");
    // Movement stays in the view and is clamped to its quotes.
    press(&mut app, "j j j G");
    assert_eq!(app.quotes_cursor(), Some(1));
    press(&mut app, "g");
    assert_eq!(app.quotes_cursor(), Some(0));
}

#[test]
fn y_asks_to_copy_the_quote_with_its_speaker_title_and_link_unless_copying_is_off() {
    let (mut articles, analyses) = fixture::collection();
    articles[2].url = Some("https://example.com/budget".to_string());
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.resize(100, 30);
    press(&mut app, "l l \" y");
    assert_eq!(
        app.take_copy_request().as_deref(),
        Some("“No decision today” — Mara Voss\nBudget talks stall\nhttps://example.com/budget")
    );
    assert_eq!(app.take_copy_request(), None, "taken once");
    app.configure(crate::config::Config {
        clipboard: false,
        ..Default::default()
    });
    press(&mut app, "y");
    assert_eq!(app.take_copy_request(), None);
    assert!(app.status().is_some_and(|s| s.contains("Copying is off")));
}

#[test]
fn long_quotes_are_cut_and_the_cursor_keeps_its_quote_in_view() {
    let long = "word ".repeat(200);
    let paragraphs: Vec<String> = (0..12)
        .map(|i| format!("\"{long}\" said Ada Brightwater in part {i}."))
        .collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let mut builder = fixture::article("Speech", &refs).entity(
        "Ada Brightwater",
        EntityKind::Person,
        &["Ada Brightwater"],
    );
    for _ in 0..12 {
        builder = builder.quote(long.trim_end(), Some("Ada Brightwater"));
    }
    let (article, analysis) = builder.build();
    let mut app = App::new(vec![article], vec![analysis], Vec::new(), Vec::new());
    app.resize(80, 24);
    press(&mut app, "\"");
    let first: Vec<&QuoteLine> = (app.quote_lines().iter())
        .filter(|l| matches!(l, QuoteLine::Words { item: 0, .. }))
        .collect();
    assert_eq!(first.len(), 6, "a quote shows at most six lines");
    assert!(matches!(first[5], QuoteLine::Words { text, .. } if text.ends_with('…')));
    let rows = app.geometry().overlay_rows();
    for _ in 0..11 {
        press(&mut app, "j");
        let cursor = app.quotes_cursor().expect("cursor");
        let lines: Vec<usize> = (app.quote_lines().iter().enumerate())
            .filter(|(_, l)| l.item() == Some(cursor))
            .map(|(i, _)| i)
            .collect();
        let (top, bottom) = (app.quotes_top(), app.quotes_top() + rows);
        assert!(
            lines.iter().all(|l| (top..bottom).contains(l)),
            "quote {cursor} at lines {lines:?}, view {top}..{bottom}"
        );
    }
}
