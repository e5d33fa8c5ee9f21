//! Key sequences on the app state: keys go through the real key table.

use super::body::Anchor;
use super::body_lines::BodyLine;
use super::*;
use crate::app::fixture;
use crate::keymap::Key;
use crate::model::EntityKind;
use crate::store;

/// The body's lookups, called on the app as before the body had its own module.
impl App {
    fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        self.body.line_of(paragraph, offset)
    }

    fn anchor(&self) -> Option<Anchor> {
        self.body.anchor()
    }
}

/// Feeds keys written like `"tab j enter n N ctrl-d"` through the key table.
fn press(app: &mut App, keys: &str) {
    for token in keys.split_whitespace() {
        let key = Key::parse(token).unwrap_or_else(|| panic!("bad key {token:?}"));
        app.press(key);
    }
}

/// The name of the entity under the sidebar cursor.
fn sidebar_cursor_name(app: &App) -> Option<String> {
    match app.sidebar_row(app.sidebar_cursor_row()?)? {
        SidebarRow::Entity { name, .. } => Some(name),
        SidebarRow::Heading { .. } => None,
    }
}

/// The names the sidebar lists, in order.
fn sidebar_names(app: &App) -> Vec<String> {
    app.sidebar_rows(0, app.sidebar_len())
        .into_iter()
        .filter_map(|row| match row {
            SidebarRow::Entity { name, .. } => Some(name),
            SidebarRow::Heading { .. } => None,
        })
        .collect()
}

/// Text of the current mention in the open article.
fn current_mention_text(app: &App) -> Option<&str> {
    let (entity, index) = app.current_mention()?;
    let (article, analysis) = app.open_article_data()?;
    Some(analysis.entities[entity].mentions[index].text(article))
}

/// A long article: `paragraphs` paragraphs, "Eastport" in every third one.
fn long_app(paragraphs: usize) -> App {
    let texts: Vec<String> = (0..paragraphs)
        .map(|i| {
            let place = if i % 3 == 2 { "Eastport" } else { "the town" };
            format!("Paragraph {i} talks about {place} at some length, so that it wraps over a couple of lines in a narrow body.")
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (article, analysis) = fixture::article("Long read", &refs)
        .entity("Eastport", EntityKind::Place, &["Eastport"])
        .build();
    let mut app = App::new(vec![article], vec![analysis], Vec::new(), Vec::new());
    app.resize(80, 14);
    app
}

#[test]
fn app_starts_on_the_first_article_with_the_list_focused() {
    let app = fixture::app(100, 30);
    assert_eq!(app.focus(), Focus::ArticleList);
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.list_cursor(), 0);
    assert_eq!(app.selected_entity(), None);
    assert!(!app.body_lines().is_empty());
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Mara Voss"));
}

#[test]
fn focus_keys_cycle_and_stop_at_the_edges() {
    let mut app = fixture::app(100, 30);
    let cases = [
        ("tab", Focus::Body),
        ("tab", Focus::Sidebar),
        ("tab", Focus::ArticleList),
        ("backtab", Focus::Sidebar),
        ("l l", Focus::Sidebar),
        ("h", Focus::Body),
        ("left h h", Focus::ArticleList),
        ("right", Focus::Body),
    ];
    for (keys, focus) in cases {
        press(&mut app, keys);
        assert_eq!(app.focus(), focus, "after {keys:?}");
    }
}

#[test]
fn list_keys_move_the_cursor_and_enter_opens() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j j j");
    assert_eq!(app.list_cursor(), 2, "clamped at the last article");
    assert_eq!(app.open_index(), 0, "moving does not open");
    press(&mut app, "k enter");
    assert_eq!(app.open_index(), 1);
    assert_eq!(app.focus(), Focus::Body);
    press(&mut app, "h g");
    assert_eq!(app.list_cursor(), 0);
    press(&mut app, "G");
    assert_eq!(app.list_cursor(), 2);
}

#[test]
fn enter_on_an_entity_selects_it_and_makes_its_first_mention_current() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter");
    assert_eq!(app.focus(), Focus::Sidebar);
    assert_eq!(app.selected_entity(), Some("Mara Voss"));
    assert_eq!(current_mention_text(&app), Some("Mara Voss"));
    assert!(
        app.status()
            .is_some_and(|s| s.contains("3 mentions here, 2 articles in all"))
    );
    press(&mut app, "enter");
    assert_eq!(app.selected_entity(), None, "enter again clears");
}

#[test]
fn n_walks_mentions_then_on_to_the_next_article_and_wraps() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter n");
    assert_eq!(app.current_mention(), Some((0, 1)));
    assert_eq!(current_mention_text(&app), Some("Voss"));
    press(&mut app, "n");
    assert_eq!(app.current_mention(), Some((0, 2)));
    press(&mut app, "n");
    assert_eq!(app.open_index(), 2, "article 1 does not mention her");
    assert_eq!(current_mention_text(&app), Some("Mara Voss"));
    assert_eq!(
        app.status(),
        Some("→ next article mentioning Mara Voss: Budget talks stall")
    );
    assert_eq!(app.list_cursor(), 2, "the list follows");
    assert_eq!(
        sidebar_cursor_name(&app).as_deref(),
        Some("Mara Voss"),
        "the sidebar follows"
    );
    press(&mut app, "* *");
    assert_eq!(app.open_index(), 0, "wrapped at the collection end");
    assert!(app.status().is_some_and(|s| s.contains("wrapped")));
    assert_eq!(app.current_mention(), Some((0, 0)));
}

#[test]
fn capital_n_goes_back_to_the_previous_article_at_its_last_mention() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter N");
    assert_eq!(app.open_index(), 2, "wraps backwards");
    assert_eq!(app.current_mention(), Some((0, 1)), "its last mention");
    assert_eq!(current_mention_text(&app), Some("Voss"));
    press(&mut app, "# #");
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.current_mention(), Some((0, 2)));
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("← previous article"))
    );
}

#[test]
fn n_without_a_selection_explains_itself() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "n");
    assert_eq!(app.open_index(), 0);
    assert!(app.status().is_some_and(|s| s.contains("Select an entity")));
}

#[test]
fn collection_scope_selects_entities_absent_here_and_n_finds_them() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "a");
    assert_eq!(app.scope(), Scope::Collection);
    // Collection rows: People: Mara Voss (2 articles), Jon Hale (1).
    press(&mut app, "l l j");
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Jon Hale"));
    press(&mut app, "enter");
    assert_eq!(app.selected_entity(), Some("Jon Hale"));
    assert_eq!(app.current_mention(), None);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("not in this article"))
    );
    press(&mut app, "n");
    assert_eq!(app.open_index(), 1);
    assert_eq!(current_mention_text(&app), Some("Jon Hale"));
    assert_eq!(app.scope(), Scope::Collection, "scope is kept");
    press(&mut app, "n");
    assert_eq!(app.open_index(), 1, "the only article: stays");
    assert!(
        app.status()
            .is_some_and(|s| s.contains("Only this article"))
    );
    press(&mut app, "a");
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Jon Hale"));
}

#[test]
fn f_filters_the_list_and_esc_clears_filter_then_selection() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "f");
    assert_eq!(app.filter(), None, "nothing selected yet");
    // Sidebar of article 0: Mara Voss, Harbor Council, Eastport, Northwind.
    press(&mut app, "l l j j enter");
    assert_eq!(app.selected_entity(), Some("Eastport"));
    press(&mut app, "f");
    assert_eq!(app.filter(), Some("Eastport"));
    assert_eq!(app.visible_articles(), &[0, 1]);
    press(&mut app, "J");
    assert_eq!(app.open_index(), 1);
    press(&mut app, "J");
    assert_eq!(app.open_index(), 1, "last article of the filtered list");
    assert!(app.status().is_some_and(|s| s.contains("last")));
    // Another entity selected while filtered: f narrows further (both).
    press(&mut app, "l l k k enter f");
    assert_eq!(app.selected_entity(), Some("Jon Hale"));
    assert_eq!(app.filters(), ["Eastport", "Jon Hale"]);
    assert_eq!(app.visible_articles(), &[1]);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("Eastport + Jon Hale"))
    );
    // f on one already filtered takes it off.
    press(&mut app, "f");
    assert_eq!(app.filters(), ["Eastport"]);
    assert_eq!(app.visible_articles(), &[0, 1]);
    // Esc takes off the last one added, then the one before.
    press(&mut app, "f esc");
    assert_eq!(app.filters(), ["Eastport"]);
    press(&mut app, "esc");
    assert_eq!(app.filter(), None);
    assert_eq!(app.visible_articles().len(), 3);
    assert_eq!(app.selected_entity(), Some("Jon Hale"));
    press(&mut app, "esc");
    assert_eq!(app.selected_entity(), None);
}

#[test]
fn capital_j_and_k_open_neighbouring_articles() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "J J");
    assert_eq!(app.open_index(), 2);
    assert_eq!(app.list_cursor(), 2);
    press(&mut app, "K");
    assert_eq!(app.open_index(), 1);
    press(&mut app, "K K");
    assert_eq!(app.open_index(), 0);
    assert!(app.status().is_some_and(|s| s.contains("first")));
}

#[test]
fn brackets_step_through_quotes() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "]");
    assert_eq!(app.current_quote(), Some(0));
    assert_eq!(app.status(), Some("Quote 1/2 — Mara Voss"));
    press(&mut app, "]");
    assert_eq!(app.current_quote(), Some(1));
    assert_eq!(app.status(), Some("Quote 2/2 speaker unknown"));
    press(&mut app, "]");
    assert_eq!(app.current_quote(), Some(1));
    assert!(app.status().is_some_and(|s| s.contains("No more quotes")));
    press(&mut app, "[");
    assert_eq!(app.current_quote(), Some(0));
}

#[test]
fn body_keys_scroll_and_clamp() {
    let mut app = long_app(12);
    let height = app.geometry().body_text_height();
    let max_top = app.body_lines().len() - height;
    press(&mut app, "tab j j");
    assert_eq!(app.body_top(), 2);
    press(&mut app, "k");
    assert_eq!(app.body_top(), 1);
    press(&mut app, "space");
    assert_eq!(app.body_top(), height);
    press(&mut app, "b");
    assert_eq!(app.body_top(), 1);
    press(&mut app, "ctrl-d");
    assert_eq!(app.body_top(), 1 + (height - 1) / 2);
    press(&mut app, "ctrl-u ctrl-u");
    assert_eq!(app.body_top(), 0);
    press(&mut app, "G");
    assert_eq!(app.body_top(), max_top);
    press(&mut app, "j pgdn end");
    assert_eq!(app.body_top(), max_top, "clamped at the end");
    press(&mut app, "home");
    assert_eq!(app.body_top(), 0);
}

#[test]
fn n_goes_on_from_the_screen_after_the_reader_scrolls_away() {
    let mut app = long_app(30);
    press(&mut app, "l l enter");
    assert_eq!(app.current_mention().map(|(_, i)| i), Some(0));
    // Scroll the body to the end, then n: not back to mention 2, but on from the screen.
    press(&mut app, "h G n");
    let (_, index) = app.current_mention().expect("a current mention");
    assert!(index >= 5, "n went back to mention {index}");
}

#[test]
fn n_keeps_the_current_mention_on_screen() {
    let mut app = long_app(30);
    press(&mut app, "l l enter");
    let height = app.geometry().body_text_height();
    let mut seen = 0;
    for _ in 0..10 {
        let (_, index) = app.current_mention().expect("a current mention");
        let span = app.open_article_data().expect("open").1.entities[0].mentions[index];
        let line = app.line_of(span.paragraph, span.start).expect("laid out");
        assert!(
            (app.body_top()..app.body_top() + height).contains(&line),
            "mention {index} on line {line}, top {}",
            app.body_top()
        );
        seen = seen.max(index);
        press(&mut app, "n");
    }
    assert_eq!(seen, 9, "ten mentions visited in order");
}

#[test]
fn resize_rewraps_and_keeps_the_reader_place() {
    let mut app = long_app(20);
    press(&mut app, "tab");
    press(&mut app, &"j ".repeat(17));
    let Anchor {
        paragraph, offset, ..
    } = app.anchor().expect("text at the top");
    // Sizes where the article is still longer than the pane (otherwise the top
    // is simply clamped to the start).
    for (width, height) in [(120, 14), (50, 9), (72, 6), (80, 14)] {
        app.resize(width, height);
        let top_text = app.body_lines()[app.body_top()..]
            .iter()
            .find_map(|line| match line {
                BodyLine::Text { paragraph, range } => Some((*paragraph, range.clone())),
                _ => None,
            })
            .expect("text below the top");
        assert_eq!(top_text.0, paragraph, "at {width}x{height}");
        assert!(
            top_text.1.start <= offset && offset <= top_text.1.end,
            "offset {offset} in {:?} at {width}x{height}",
            top_text.1
        );
    }
}

#[test]
fn resize_to_one_cell_and_back_returns_to_the_same_line() {
    for scrolled in [0, 1, 5, 17] {
        let mut app = long_app(20);
        press(&mut app, "tab");
        press(&mut app, &"j ".repeat(scrolled));
        let top = app.body_top();
        for (width, height) in [(1, 1), (2, 3), (1, 1)] {
            app.resize(width, height);
        }
        app.resize(80, 14);
        assert_eq!(app.body_top(), top, "after {scrolled} lines down");
    }
}

#[test]
fn help_overlay_scrolls_and_q_closes_it_before_quitting() {
    let mut app = fixture::app(100, 12);
    press(&mut app, "?");
    assert_eq!(app.overlay(), Some(Overlay::Help));
    press(&mut app, "j j");
    assert_eq!(app.overlay_top(), 2);
    press(&mut app, "n G");
    assert_eq!(app.open_index(), 0, "reader keys are off under an overlay");
    assert_eq!(
        app.overlay_top(),
        app.overlay_lines().len() - app.geometry().overlay_rows()
    );
    press(&mut app, "q");
    assert_eq!(app.overlay(), None);
    assert!(!app.should_quit());
    press(&mut app, "e");
    assert_eq!(app.overlay(), Some(Overlay::Skipped));
    press(&mut app, "esc q");
    assert!(app.should_quit());
}

#[test]
fn skipped_overlay_lists_files_and_warnings() {
    let (articles, analyses) = fixture::collection();
    let mut app = App::new(
        articles,
        analyses,
        vec!["bad.json:3:7: expected `,` or `}`".to_string()],
        vec!["latin1.txt: invalid UTF-8 replaced".to_string()],
    );
    press(&mut app, "w");
    let lines = app.overlay_lines();
    assert!(lines.contains(&OverlayLine::Heading("Skipped files (1)".to_string())));
    assert!(lines.contains(&OverlayLine::Text(
        "bad.json:3:7: expected `,` or `}`".to_string()
    )));
    assert!(lines.contains(&OverlayLine::Text(
        "latin1.txt: invalid UTF-8 replaced".to_string()
    )));
}

#[test]
fn every_action_survives_tiny_sizes_and_an_empty_collection() {
    let keys = "j k g G space b pgdn pgup ctrl-d ctrl-u tab enter n N * # J K ] [ f a e esc ? j esc backtab h l enter f esc";
    let empty = App::new(Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for base in [fixture::app(100, 30), long_app(5), empty] {
        for (width, height) in [(0, 0), (1, 1), (0, 5), (5, 0), (3, 2), (80, 3)] {
            let mut app = base.clone();
            app.resize(width, height);
            for _ in 0..3 {
                press(&mut app, keys);
                press(&mut app, "tab");
            }
            app.resize(100, 30);
            press(&mut app, keys);
        }
    }
}

#[test]
fn narrow_screens_show_the_body_after_selecting_or_jumping() {
    let mut app = fixture::app(60, 20);
    press(&mut app, "l l");
    assert_eq!(app.focus(), Focus::Sidebar);
    press(&mut app, "enter");
    assert_eq!(app.focus(), Focus::Body, "only the focused pane shows");
    let mut wide = fixture::app(100, 30);
    press(&mut wide, "l l enter");
    assert_eq!(wide.focus(), Focus::Sidebar, "wide: stay to pick another");
}

// ----- a collection streaming in -----

/// An app with nothing loaded yet, and the fixture collection to feed it.
fn streaming() -> (App, Vec<Arc<StoredArticle>>, Vec<Analysis>) {
    let (articles, analyses) = fixture::collection();
    let mut app = App::loading(SharedIndex::default());
    app.resize(100, 30);
    (app, store::store_all(articles), analyses)
}

#[test]
fn app_fills_its_list_as_articles_arrive_and_opens_the_first() {
    let (mut app, stored, _) = streaming();
    assert_eq!(app.article_count(), 0);
    assert!(app.open_article_data().is_none());
    assert!(app.progress().loading);
    app.add_articles(stored[..2].to_vec());
    assert_eq!(app.visible_len(), 2);
    assert_eq!(app.open_index(), 0);
    let (article, analysis) = app.open_article_data().expect("open");
    assert_eq!(article.title, "Harbor Council votes on the new pier");
    assert!(analysis.entities.is_empty() && !app.open_is_analysed());
    press(&mut app, "j");
    app.add_articles(stored[2..].to_vec());
    assert_eq!(app.visible_len(), 3);
    assert_eq!(
        (app.list_cursor(), app.open_index()),
        (1, 0),
        "nothing moves"
    );
    app.loading_finished();
    assert!(!app.progress().loading);
}

#[test]
fn app_asks_for_the_open_article_first_then_its_neighbours_once() {
    let (mut app, stored, _) = streaming();
    app.add_articles(stored);
    assert_eq!(app.take_requests(), [0, 1]);
    assert!(app.take_requests().is_empty(), "asked once");
    assert!(app.waiting_for_analysis());
    press(&mut app, "J");
    assert_eq!(app.open_index(), 1);
    assert_eq!(app.take_requests(), [2]);
}

#[test]
fn app_marks_the_open_article_when_its_analysis_arrives() {
    let (mut app, stored, analyses) = streaming();
    app.add_articles(stored);
    let lines_before = app.body_lines().len();
    app.add_analysis(1, analyses[1].clone());
    assert!(!app.open_is_analysed(), "another article's analysis");
    app.add_analysis(0, analyses[0].clone());
    assert!(app.open_is_analysed());
    assert!(!app.waiting_for_analysis() || app.take_requests().is_empty());
    assert_eq!(app.open_article_data().map(|(_, a)| a), Some(&analyses[0]));
    assert!(app.marks(0).is_some_and(|m| !m.mentions.is_empty()));
    assert!(
        app.body_lines().len() > lines_before,
        "the speaker lines came"
    );
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Mara Voss"));
    // J to an article analysed earlier opens it analysed at once.
    press(&mut app, "J");
    assert!(app.open_is_analysed());
}

#[test]
fn app_follows_the_index_and_the_unified_names() {
    let (mut app, stored, analyses) = streaming();
    let index = app.index.clone();
    app.add_articles(stored);
    app.add_analysis(0, analyses[0].clone());
    {
        let mut guard = index.write();
        for (i, a) in analyses.iter().enumerate() {
            guard.add(i, a);
        }
        guard.sort();
    }
    app.indexed(3);
    press(&mut app, "l l enter");
    assert_eq!(app.selected_entity(), Some("Mara Voss"));
    assert_eq!(app.mention_position().map(|p| p.articles), Some(2));
    let renames = Renames {
        names: [("Mara Voss".to_string(), "Mara Voss-Lind".to_string())]
            .into_iter()
            .collect(),
        ..Renames::default()
    };
    index.write().rename(&renames);
    index.write().sort();
    app.unified(Arc::new(renames));
    assert!(app.progress().done);
    assert_eq!(app.selected_entity(), Some("Mara Voss-Lind"));
    let (_, analysis) = app.open_article_data().expect("open");
    assert!(analysis.entities.iter().any(|e| e.name == "Mara Voss-Lind"));
    assert_eq!(app.mention_position().map(|p| p.articles), Some(2));
    assert!(
        app.current_mention().is_some(),
        "the current mention survives"
    );
}

#[test]
fn n_into_an_article_not_yet_analysed_lands_on_its_first_mention_when_it_arrives() {
    let (mut app, stored, analyses) = streaming();
    let index = app.index.clone();
    app.add_articles(stored);
    {
        let mut guard = index.write();
        for (i, a) in analyses.iter().enumerate() {
            guard.add(i, a);
        }
        guard.sort();
    }
    app.add_analysis(0, analyses[0].clone());
    press(&mut app, "l l enter h");
    assert_eq!(app.selected_entity(), Some("Mara Voss"));
    let here = app.mention_position().map_or(0, |p| p.here);
    for _ in 0..here {
        press(&mut app, "n");
    }
    assert_eq!(app.open_index(), 2, "on to the next article mentioning her");
    assert_eq!(app.current_mention(), None, "not analysed yet");
    app.add_analysis(2, analyses[2].clone());
    assert_eq!(app.current_mention().map(|(_, i)| i), Some(0));
}

#[test]
fn progress_note_says_what_the_background_is_doing() {
    use crate::ui::status_bar::progress_note;
    let (mut app, stored, analyses) = streaming();
    app.add_articles(stored);
    assert_eq!(progress_note(&app).as_deref(), Some("loading 3 articles… "));
    app.loading_finished();
    app.indexed(1);
    assert_eq!(progress_note(&app).as_deref(), Some("analysing 33% "));
    app.indexed(3);
    assert_eq!(progress_note(&app).as_deref(), Some("unifying names… "));
    app.unified(Arc::new(Renames::default()));
    assert_eq!(progress_note(&app), None);
    drop(analyses);
}

#[test]
fn progress_note_counts_web_addresses_while_they_are_fetched() {
    use crate::ui::status_bar::progress_note;
    let (mut app, stored, _analyses) = streaming();
    app.add_articles(stored);
    app.fetching(0, 3);
    assert_eq!(
        progress_note(&app).as_deref(),
        Some("fetching 0/3 web addresses… ")
    );
    app.fetching(2, 3);
    assert_eq!(
        progress_note(&app).as_deref(),
        Some("fetching 2/3 web addresses… ")
    );
    app.fetching(3, 3);
    assert_eq!(progress_note(&app).as_deref(), Some("loading 3 articles… "));
    // A reload after everything was done shows its fetching too.
    app.loading_finished();
    app.indexed(3);
    app.unified(Arc::new(Renames::default()));
    app.fetching(0, 1);
    assert_eq!(
        progress_note(&app).as_deref(),
        Some("fetching 0/1 web address… ")
    );
}

mod corrections_keys;
mod mouse;
mod quotes_view;
mod reader_keys;
mod reading;
mod search_keys;

#[test]
fn a_reload_forgets_the_problems_of_web_addresses_and_keeps_those_of_files() {
    let (mut app, _, _) = streaming();
    app.add_problems(
        vec![
            "https://feeds.example/a.rss: HTTP 404 Not Found".into(),
            "bad.txt: empty file".into(),
        ],
        vec![
            "http://feeds.example/b.rss: connection refused; showing the copy saved just now"
                .into(),
        ],
    );
    app.forget_reloadable_problems();
    assert_eq!(app.skipped(), ["bad.txt: empty file"]);
    assert!(app.warnings().is_empty());
}

#[test]
fn the_config_sets_keys_layout_and_the_sidebar_s_first_scope() {
    let (config, problems) = crate::config::parse(
        "[keys]\nnext_article = [\"x\"]\n[layout]\nsidebar_scope = \"collection\"\nlist_width = 40\n",
        "config.toml",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = fixture::app(120, 30);
    app.configure(config);
    assert_eq!(app.scope(), Scope::Collection);
    assert!(
        app.sidebar_len() > 0,
        "the collection's entities are listed"
    );
    assert_eq!(app.geometry().list.width, 40);
    press(&mut app, "J");
    assert_eq!(app.open_index(), 0, "J was rebound");
    press(&mut app, "x");
    assert_eq!(app.open_index(), 1);
    assert_eq!(
        app.config().layout.list_width,
        crate::config::Width::Columns(40)
    );
}

#[test]
fn a_key_that_does_nothing_here_names_the_help_key() {
    let (config, _) = crate::config::parse("[keys]\nshow_help = [\"H\"]\n", "config.toml");
    let mut app = fixture::app(100, 30);
    app.key_not_bound("\u{1b}[31mz");
    assert_eq!(app.status(), Some("␛z: not bound here — ? for help"));
    app.configure(config);
    app.key_not_bound("F5");
    assert_eq!(app.status(), Some("F5: not bound here — H for help"));
    press(&mut app, "H");
    app.key_not_bound("n");
    assert_eq!(app.status(), Some("n: not bound here — Esc to close"));
}
