//! Screen snapshots (text only) and buffer assertions for styles.

use super::*;
use crate::app::OverlayLine;
use crate::app::body_lines::BodyLine;
use crate::app::fixture;
use crate::keymap::Key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Modifier, Style};

fn press(app: &mut App, keys: &str) {
    for token in keys.split_whitespace() {
        let key = Key::parse(token).unwrap_or_else(|| panic!("bad key {token:?}"));
        app.press(key);
    }
}

/// Renders the app at its own size into a test terminal.
fn screen(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let g = app.geometry();
    let (width, height) = (g.status.width, g.status.y + g.status.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| draw(frame, app, theme))
        .expect("draw");
    terminal
}

/// Position of the first cell where `text` starts (cells of width one).
fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    for y in buf.area.top()..buf.area.bottom() {
        let row: Vec<&str> = (buf.area.left()..buf.area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if let Some(x) = row
            .windows(wanted.len())
            .position(|w| w == wanted.as_slice())
        {
            return Some((u16::try_from(x).ok()?, y));
        }
    }
    None
}

/// Whether the cell at `at` carries every part of `style` (colours and modifiers).
fn has_style(buf: &Buffer, at: (u16, u16), style: Style) -> bool {
    let cell = &buf[at];
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
}

#[test]
fn screen_at_100x30_shows_three_panes() {
    let app = fixture::app(100, 30);
    insta::assert_snapshot!("start_100x30", screen(&app, &Theme::colored()).backend());
}

#[test]
fn screen_at_100x30_with_an_entity_selected_and_jumped() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter n n n");
    insta::assert_snapshot!("jumped_100x30", screen(&app, &Theme::colored()).backend());
}

#[test]
fn sidebar_after_a_hide_and_a_merge_100x30() {
    let dir = std::env::temp_dir().join(format!("lede-ui-corr-{}", std::process::id()));
    let mut app = fixture::app(100, 30);
    let path = dir.join("lede").join("entities.toml");
    app.set_corrections(crate::corrections::Corrections::default(), Some(path));
    // Collection scope: hide Northwind (the last place), mark Jon Hale and
    // merge him into Mara Voss (the first person).
    press(&mut app, "tab tab a G x g j m");
    let marked = screen(&app, &Theme::plain());
    assert!(
        find(marked.backend().buffer(), "+ Jon Hale").is_some(),
        "the mark shows"
    );
    press(&mut app, "g M");
    insta::assert_snapshot!("corrected_100x30", screen(&app, &Theme::plain()).backend());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn screen_at_60x20_shows_only_the_focused_pane() {
    let mut app = fixture::app(60, 20);
    insta::assert_snapshot!("list_60x20", screen(&app, &Theme::plain()).backend());
    press(&mut app, "enter ]");
    insta::assert_snapshot!("body_60x20", screen(&app, &Theme::plain()).backend());
    press(&mut app, "tab a");
    insta::assert_snapshot!("sidebar_60x20", screen(&app, &Theme::plain()).backend());
}

#[test]
fn screen_with_help_overlay() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "?");
    insta::assert_snapshot!("help_100x30", screen(&app, &Theme::colored()).backend());
}

#[test]
fn screen_with_skipped_overlay_and_status_note() {
    let (articles, analyses) = fixture::collection();
    let mut app = App::new(
        articles,
        analyses,
        vec!["broken.json:3:14: expected `,` or `}` after an object member".to_string()],
        Vec::new(),
    );
    app.resize(100, 30);
    let terminal = screen(&app, &Theme::plain());
    assert!(find(terminal.backend().buffer(), "1 file skipped (e to list)").is_some());
    press(&mut app, "e");
    insta::assert_snapshot!("skipped_100x30", screen(&app, &Theme::plain()).backend());
}

#[test]
fn list_shows_unread_titles_bold_and_a_star_with_and_without_colour() {
    for theme in [Theme::colored(), Theme::plain()] {
        let mut app = fixture::app(100, 30);
        // Article 1 read, article 2 starred; the cursor back on the open 0.
        press(&mut app, "j r j S k k");
        let terminal = screen(&app, &theme);
        let buf = terminal.backend().buffer();
        assert!(
            find(buf, "Articles 2/3 unread").is_some(),
            "{:?}",
            terminal.backend()
        );
        let open = find(buf, "Harbor Council votes").expect("article 0");
        let read = find(buf, "Northwind ferry").expect("article 1");
        let starred = find(buf, "Budget talks").expect("article 2");
        assert!(buf[open].modifier.contains(Modifier::BOLD), "unread");
        assert!(!buf[read].modifier.contains(Modifier::BOLD), "read");
        assert!(has_style(buf, starred, theme.unread));
        let star = (starred.0 - 2, starred.1);
        assert_eq!(buf[star].symbol(), "★");
        assert!(has_style(buf, star, theme.star), "{:?}", buf[star]);
        // Without colour the star is still a glyph, and bold.
        assert!(!theme.star.add_modifier.is_empty());
    }
    let mut app = fixture::app(100, 30);
    press(&mut app, "j r j S k k");
    insta::assert_snapshot!(
        "reading_state_100x30",
        screen(&app, &Theme::plain()).backend()
    );
    press(&mut app, "U");
    let terminal = screen(&app, &Theme::plain());
    let buf = terminal.backend().buffer();
    assert!(find(buf, "Unread (2 of 3)").is_some());
    assert!(find(buf, "Northwind ferry").is_none());
}

#[test]
fn quote_and_current_mention_cells_use_the_theme() {
    for theme in [Theme::colored(), Theme::plain()] {
        let mut app = fixture::app(100, 30);
        press(&mut app, "l l enter n");
        let terminal = screen(&app, &theme);
        let buf = terminal.backend().buffer();
        // Inside the quote "We will build the pier before winter,".
        let quote = find(buf, "We will build").expect("quote on screen");
        assert!(has_style(buf, quote, theme.quote), "{:?}", buf[quote]);
        // The current mention is the second "Voss", right after the quote.
        let (x, y) = find(buf, "winter,\" Voss").expect("mention on screen");
        let mention = (x + 9, y);
        assert!(
            has_style(buf, mention, theme.current_mention),
            "{:?}",
            buf[mention]
        );
        assert!(buf[mention].modifier.contains(Modifier::REVERSED));
        // Another mention of the selected entity: emphasised, not current.
        let other = find(buf, "Mara Voss opened").expect("first mention");
        assert!(has_style(buf, other, theme.selected_mention));
        assert!(!buf[other].modifier.contains(Modifier::REVERSED));
        // A place mention has the place style.
        let place = find(buf, "Eastport.").expect("place");
        assert!(has_style(buf, place, theme.place));
        // The speaker line.
        let speaker = find(buf, "— Mara Voss").expect("attribution");
        assert!(has_style(buf, speaker, theme.attribution));
    }
}

#[test]
fn text_spans_concatenate_to_the_source_and_carry_meaning_styles() {
    let theme = Theme::colored();
    let mut app = fixture::app(72, 30);
    press(&mut app, "l l enter");
    for _ in 0..3 {
        for line in app.body_lines() {
            let BodyLine::Text { paragraph, range } = line else {
                continue;
            };
            let spans = body::text_spans(&app, &theme, *paragraph, range.clone());
            let joined: String = spans.iter().map(|s| s.content.as_ref()).collect();
            let source = &app.open_article_data().expect("open").0.paragraphs[*paragraph];
            assert_eq!(joined, source[range.clone()]);
            for span in &spans {
                if span.content.as_ref() == "Eastport" {
                    assert_eq!(span.style, theme.text.patch(theme.place));
                }
                if span.content.as_ref() == "a costly mistake" {
                    assert_eq!(span.style, theme.text.patch(theme.quote));
                }
            }
        }
        press(&mut app, "J");
    }
}

#[test]
fn sidebar_pane_renders_into_a_small_buffer() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l j enter");
    let mut buf = Buffer::empty(Rect::new(0, 0, 24, 9));
    sidebar::render(&app, &Theme::plain(), buf.area, &mut buf);
    let expected = Buffer::with_lines([
        "┏▸ Entities · article ━┓",
        "┃People 1              ┃",
        "┃  Mara Voss          3┃",
        "┃Organizations 1       ┃",
        "┃● Harbor Council     2┃",
        "┃Places 2              ┃",
        "┃  Eastport           2┃",
        "┃  Northwind          1┃",
        "┗━━━━━━━━━━━━ mentions ┛",
    ]);
    // Text and layout as a whole, then the styles that carry meaning.
    for y in 0..9 {
        for x in 0..24 {
            assert_eq!(buf[(x, y)].symbol(), expected[(x, y)].symbol(), "({x},{y})");
        }
    }
    let t = Theme::plain();
    assert!(has_style(&buf, (3, 4), t.selected_mention.patch(t.cursor)));
    assert!(has_style(&buf, (1, 1), t.heading));
    assert!(!buf[(3, 2)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn render_survives_tiny_and_mismatched_sizes() {
    let theme = Theme::colored();
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter n ?");
    for (width, height) in [
        (1, 1),
        (1, 0),
        (0, 1),
        (0, 0),
        (2, 2),
        (5, 3),
        (72, 2),
        (100, 1),
    ] {
        let mut app = app.clone();
        app.resize(width, height);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        render(&app, &theme, &mut buf);
        // The app believes in a bigger screen than the buffer: still clipped.
        app.resize(200, 60);
        render(&app, &theme, &mut buf);
    }
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    app.resize(1, 1);
    terminal.draw(|f| draw(f, &app, &theme)).expect("draw 1x1");
}

#[test]
fn truncate_marks_cut_text_with_an_ellipsis() {
    assert_eq!(truncate("Eastport", 10), "Eastport");
    assert_eq!(truncate("Eastport", 5), "East…");
    assert_eq!(truncate("伊朗与叙利亚", 5), "伊朗…");
    assert_eq!(truncate("abc", 0), "");
}

#[test]
fn empty_panes_say_so() {
    let (article, analysis) = fixture::article("Quiet day", &["Nothing happened."]).build();
    let mut app = App::new(vec![article], vec![analysis], Vec::new(), Vec::new());
    app.resize(100, 30);
    let terminal = screen(&app, &Theme::plain());
    assert!(find(terminal.backend().buffer(), "No entities in this").is_some());
}

/// Three feed articles: RFC 3339, RFC 2822 and unreadable dates, links, and
/// the first one also found in two other feeds.
fn feed_app() -> App {
    let made = [
        (
            "Port reopens after storm",
            Some("Harbour Wire"),
            Some("2026-11-30T08:00:00+01:00"),
        ),
        (
            "Ferry strike called off",
            Some("Coastal News"),
            Some("Tue, 03 Jun 2008 11:05:30 GMT"),
        ),
        ("Tide tables for December", None, Some("early December")),
    ];
    let (articles, analyses): (Vec<_>, Vec<_>) = made
        .into_iter()
        .map(|(title, source, date)| {
            let (mut article, analysis) = fixture::article(title, &["Ships sailed again."])
                .meta(source, date)
                .url("https://news.example/port")
                .build();
            article.author = Some("Ann Reed".into());
            (article, analysis)
        })
        .unzip();
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.add_duplicate_source(0, "Reuters World".into());
    app.add_duplicate_source(0, "AP Top News".into());
    app.resize(150, 16);
    app
}

#[test]
fn list_rows_show_source_short_date_and_other_sources() {
    let mut app = feed_app();
    let theme = Theme::colored();
    let terminal = screen(&app, &theme);
    insta::assert_snapshot!("feeds_150x16", terminal.backend());
    let buf = terminal.backend().buffer();
    let meta = find(buf, "Harbour Wire · 2026-11-30 08:").expect("short date in the list");
    assert!(has_style(buf, meta, theme.meta.patch(theme.cursor)));
    let also = find(buf, "+2").expect("the other sources' count");
    assert!(has_style(buf, also, theme.also_in.patch(theme.cursor)));
    assert!(find(buf, "Coastal News · 2008-06-03 11:05").is_some());
    assert!(find(buf, "early December").is_some(), "as written");
    // The metadata line over the body: full date, author, link, other sources.
    let full = find(buf, "Harbour Wire · 2026-11-30 08:00 +01:00 · by Ann Reed").expect("full");
    assert!(has_style(buf, full, theme.meta));
    assert!(find(buf, "also in: Reuters World, AP Top News").is_some());
    assert!(find(buf, "https://news.example/port").is_some());
    press(&mut app, "s");
    let terminal = screen(&app, &theme);
    let buf = terminal.backend().buffer();
    assert!(
        find(buf, "by date").is_some(),
        "the order shows under the list"
    );
    insta::assert_snapshot!("feeds_by_date_150x16", terminal.backend());
}

/// The status line (last row) of the app drawn at its size.
fn status_line(app: &App) -> String {
    let terminal = screen(app, &Theme::plain());
    let buf = terminal.backend().buffer();
    let y = buf.area.bottom() - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn status_hints_keep_help_and_quit_at_every_width() {
    for (width, height) in [(80, 24), (120, 40), (72, 20), (60, 20)] {
        let mut app = fixture::app(width, height);
        let line = status_line(&app);
        assert!(line.contains("? help  q quit"), "{width}: {line:?}");
        // And with a long message: the message is cut, not them.
        press(&mut app, "l l enter n n n");
        let line = status_line(&app);
        assert!(line.contains("→ next article"), "{width}: {line:?}");
        assert!(line.contains("? help  q quit"), "{width}: {line:?}");
    }
}

#[test]
fn a_key_bound_nowhere_here_says_so() {
    let mut app = fixture::app(100, 30);
    app.key_not_bound("x");
    assert!(status_line(&app).contains("x: not bound here — ? for help"));
    // The next key clears it.
    press(&mut app, "j");
    assert!(!status_line(&app).contains("not bound"));
}

#[test]
fn scroll_readout_never_starts_past_its_end() {
    assert_eq!(scroll_note(2, 0, 37), " 3/37 ");
    assert_eq!(scroll_note(2, 1, 37), " 3/37 ");
    assert_eq!(scroll_note(2, 2, 37), " 3-4/37 ");
    assert_eq!(scroll_note(0, 40, 37), "");
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab j j");
    app.resize(12, 3);
    let terminal = screen(&app, &Theme::plain());
    let buf = terminal.backend().buffer();
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(!text.contains("3-2/"), "{text:?}");
}

/// The fixture app with `config` text applied, at `width` × `height`.
fn configured(text: &str, width: u16, height: u16) -> App {
    let (config, problems) = crate::config::parse(text, "config.toml");
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = fixture::app(width, height);
    app.configure(config);
    app
}

#[test]
fn body_text_is_centred_at_the_reading_width_on_a_wide_screen() {
    let app = configured("[layout]\nreading_width = 40\n", 200, 30);
    let terminal = screen(&app, &Theme::plain());
    let buf = terminal.backend().buffer();
    let g = app.geometry();
    // The title's row, from where the body text starts.
    let from_text: String = (g.body_text.x..g.body.x + g.body.width)
        .map(|x| buf[(x, 1)].symbol())
        .collect();
    assert!(
        from_text.starts_with("Harbor Council votes"),
        "{from_text:?}"
    );
    let x = g.body_text.x;
    assert!(
        x > g.body.x + 20,
        "centred: {x} in a body from {}",
        g.body.x
    );
    // No body line runs past the reading width.
    for line in app.body_lines() {
        if let BodyLine::Text { range, .. } = line {
            assert!(range.len() <= 40, "{range:?}");
        }
    }
}

#[test]
fn search_matches_and_the_prompt_use_the_theme() {
    for theme in [Theme::colored(), Theme::plain()] {
        let mut app = fixture::app(100, 30);
        press(&mut app, "tab / p i e r enter n");
        let terminal = screen(&app, &theme);
        let buf = terminal.backend().buffer();
        if theme == Theme::colored() {
            insta::assert_snapshot!("search_100x30", terminal.backend());
        }
        // The title's "pier" is a match; the second one is current.
        let (x, y) = find(buf, "new pier").expect("title on screen");
        let title_match = (x + 4, y);
        assert!(
            has_style(buf, title_match, theme.search_match),
            "{:?}",
            buf[title_match]
        );
        assert!(!has_style(buf, title_match, theme.current_match));
        let (x, y) = find(buf, "build the pier").expect("quote on screen");
        let current = (x + 10, y);
        assert!(
            has_style(buf, current, theme.current_match),
            "{:?}",
            buf[current]
        );
        // Still in the quote underneath.
        assert!(buf[current].modifier.contains(Modifier::ITALIC));
        let before = (x + 9, y);
        assert!(!has_style(buf, before, theme.search_match));
        let status = find(buf, "match 2/3").expect("match position in the status line");
        assert_eq!(status.1, buf.area.bottom() - 1);
        // n/N walk the matches now, and the hint says so.
        assert!(find(buf, "n/N match").is_some());
        assert!(find(buf, "n/N mention").is_none());

        // The prompt: `/`, the line, the cursor as a reversed cell.
        press(&mut app, "/ v o s left");
        let terminal = screen(&app, &theme);
        let buf = terminal.backend().buffer();
        if theme == Theme::colored() {
            insta::assert_snapshot!("prompt_100x30", terminal.backend());
        }
        let (x, y) = find(buf, "/ vos").expect("prompt in the status line");
        assert_eq!((x, y), (0, buf.area.bottom() - 1));
        assert!(
            has_style(buf, (x + 4, y), theme.prompt_cursor),
            "cursor on the s"
        );
        assert!(!has_style(buf, (x + 3, y), theme.prompt_cursor));
        assert!(find(buf, "search the article").is_some());
    }
}

#[test]
fn list_without_details_shows_one_row_an_article() {
    let app = configured("[layout]\nlist_details = false\nlist_width = 30\n", 100, 12);
    let terminal = screen(&app, &Theme::plain());
    let buf = terminal.backend().buffer();
    assert_eq!(app.geometry().list.width, 30, "{}", terminal.backend());
    let rows: Vec<usize> = ["▶ Harbor Council", "  Northwind ferry", "  Budget talks"]
        .iter()
        .map(|title| find(buf, title).map_or(0, |(_, y)| usize::from(y)))
        .collect();
    assert_eq!(rows, [1, 2, 3], "{}", terminal.backend());
    // The source and date line shows over the body only.
    let (x, _) = find(buf, "Eastport Gazette · 2").expect("meta");
    assert!(x > 30);
}

#[test]
fn help_and_hints_follow_rebound_keys() {
    let mut app = configured("[keys]\nshow_help = [\"F\"]\nquit = [\"x\"]\n", 120, 40);
    let line = status_line(&app);
    assert!(line.contains("F help  x quit"), "{line:?}");
    press(&mut app, "F");
    let help = app.overlay_lines();
    let row = |keys: &str, what: &str| OverlayLine::Row(keys.to_string(), what.to_string());
    assert!(help.contains(&row("F", "show this help")), "{help:?}");
    // `F` left fetching the full article: its row is gone from help.
    assert!(
        !help
            .iter()
            .any(|l| matches!(l, OverlayLine::Row(_, w) if w.starts_with("fetch the full")))
    );
    press(&mut app, "esc x");
    assert!(app.should_quit());
}

#[test]
fn list_without_details_keeps_the_other_sources_count_on_the_title_row() {
    let mut app = feed_app();
    let (config, _) = crate::config::parse("[layout]\nlist_details = false\n", "config.toml");
    app.configure(config);
    let terminal = screen(&app, &Theme::plain());
    let buf = terminal.backend().buffer();
    let (_, title_row) = find(buf, "▶ Port reopens").expect("title");
    let (x, also_row) = find(buf, "+2").expect("the other sources' count");
    assert_eq!(also_row, title_row);
    assert_eq!(x + 2, app.geometry().list.width - 1, "at the row's end");
}

#[test]
fn quotes_view_shows_each_quote_with_its_source_and_marks_the_cursor() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l \"");
    let theme = Theme::colored();
    let terminal = screen(&app, &theme);
    insta::assert_snapshot!("quotes_100x30", terminal.backend());
    let buf = terminal.backend().buffer();
    let words = find(buf, "“No decision today”").expect("newest quote shown");
    assert!(has_style(buf, words, theme.quote));
    let bar = (words.0 - 2, words.1);
    assert_eq!(buf[bar].symbol(), "▌");
    assert!(has_style(buf, bar, theme.cursor));
    let older = find(buf, "“We will build").expect("older quote shown");
    assert_eq!(
        buf[(older.0 - 2, older.1)].symbol(),
        " ",
        "no bar on other quotes"
    );
    let source = find(buf, "— Mara Voss, Budget talks stall").expect("source line");
    assert!(has_style(buf, source, theme.cursor));
}

#[test]
fn screen_with_stacked_filters_a_text_filter_and_a_narrowed_sidebar() {
    let mut app = fixture::app(200, 16);
    press(
        &mut app,
        "l l j enter f k enter f h h / b u d enter l l a / o u enter",
    );
    let terminal = screen(&app, &Theme::plain());
    insta::assert_snapshot!("filters_200x16", terminal.backend());
    let buf = terminal.backend().buffer();
    // The list title names both entities and the text (cut to the pane's width).
    assert!(find(buf, "Articles · Harbor Council + Ma").is_some());
    assert!(find(buf, "Entities · all · /ou").is_some());
}

#[test]
fn keys_and_mouse_at_every_tiny_size_never_panic_when_drawn() {
    use crate::app::{Mouse, MouseKind};
    let theme = Theme::plain();
    let seqs = [
        "/ é x ä left left ctrl-w enter",
        "tab / ü enter n N esc",
        "l l / o enter } { esc",
        "\" j y enter",
        "l l enter \" \" j enter",
        "r S u U j r U",
        "3 G : 2 enter : x enter",
        "tab tab / a",
        "U / z enter",
        "? j esc",
    ];
    for (width, height) in [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 2),
        (72, 3),
        (40, 4),
        (80, 5),
        (100, 30),
    ] {
        for seq in seqs {
            let mut app = fixture::app(100, 30);
            app.resize(width, height);
            for token in seq.split_whitespace() {
                press(&mut app, token);
                let _ = screen(&app, &theme);
                for kind in [
                    MouseKind::Click,
                    MouseKind::DoubleClick,
                    MouseKind::WheelDown,
                    MouseKind::WheelUp,
                ] {
                    for column in (0..width.max(1)).step_by(if width > 10 { 9 } else { 1 }) {
                        for row in (0..height.max(1)).step_by(if height > 10 { 5 } else { 1 }) {
                            let mut probe = app.clone();
                            probe.mouse(Mouse { kind, column, row });
                            let _ = screen(&probe, &theme);
                        }
                    }
                }
            }
        }
    }
}

/// The reader on the `voices` fixture through the real loader and analysis: a
/// quotation over two paragraphs, two speakers in one paragraph, a quote no
/// one is found to say.
fn voices_app(width: u16, height: u16) -> App {
    let bytes = include_bytes!("../../assets/fixtures/quotes/voices.txt");
    let (articles, _) = crate::loader::parse_file("voices.txt", bytes).expect("fixture loads");
    let analyses = crate::analysis::analyse_collection(&articles);
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.resize(width, height);
    app
}

#[test]
fn body_shows_each_quote_its_own_speaker() {
    let mut app = voices_app(100, 32);
    press(&mut app, "enter");
    insta::assert_snapshot!("voices_100x32", screen(&app, &Theme::plain()).backend());
    let shown: Vec<String> = app
        .body_lines()
        .iter()
        .filter_map(|line| match line {
            BodyLine::Attribution(a) => Some(a.text()),
            _ => None,
        })
        .collect();
    assert_eq!(
        shown,
        [
            // Both pieces of the quotation that runs over two paragraphs.
            "— Nadia Corran",
            "— Nadia Corran",
            // Two speakers in one paragraph: each quote named by its opening.
            "“The pier is a ruin,” — Nadia Corran",
            "“a fantasy” — Owen Pask",
            // The banner's words are no one's: no line under them.
            "— Owen Pask",
        ]
    );
    for theme in [Theme::colored(), Theme::plain()] {
        let terminal = screen(&app, &theme);
        let buf = terminal.backend().buffer();
        let (x, y) = find(buf, "“a fantasy” — Owen Pask").expect("Pask's line");
        assert!(
            has_style(buf, (x + 1, y), theme.quote),
            "{:?}",
            buf[(x + 1, y)]
        );
        assert!(has_style(buf, (x + 12, y), theme.attribution));
        let name = (x + 14, y);
        assert!(has_style(buf, name, theme.attribution.patch(theme.person)));
        // Right-aligned: the name ends at the text's right edge.
        let right = app.geometry().body_text.x + app.geometry().body_text.width;
        assert_eq!(buf[(right - 1, y)].symbol(), "k");
    }
}

#[test]
fn attribution_names_the_selected_speaker_like_its_mentions() {
    let theme = Theme::colored();
    let mut app = voices_app(100, 32);
    press(&mut app, "enter");
    let pask = app
        .open_article_data()
        .and_then(|(_, a)| a.entities.iter().position(|e| e.name == "Owen Pask"))
        .expect("Owen Pask");
    // To the sidebar, then down its rows until Owen Pask is selected.
    press(&mut app, "l l");
    for _ in 0..8 {
        press(&mut app, "enter");
        if app.selected_in_open() == Some(pask) {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(app.selected_in_open(), Some(pask), "Owen Pask selected");
    let terminal = screen(&app, &theme);
    let buf = terminal.backend().buffer();
    let (x, y) = find(buf, "“a fantasy” — Owen Pask").expect("Pask's line");
    assert!(has_style(buf, (x + 14, y), theme.selected_mention));
    let (x, y) = find(buf, "“The pier is a ruin,” — Nadia Corran").expect("Corran's line");
    assert!(!has_style(buf, (x + 24, y), theme.selected_mention));
}
