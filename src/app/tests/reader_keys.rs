//! Key sequences for the list order (`s`), links (`o`), reload (`R`), full
//! articles (`F`), and what the background feeds in for them: new versions of
//! articles and the other sources an article came from.

use super::*;

/// The fixture collection, each article with a link of its own.
fn linked_app(urls: [Option<&str>; 3]) -> App {
    let (mut articles, analyses) = fixture::collection();
    for (article, url) in articles.iter_mut().zip(urls) {
        article.url = url.map(str::to_string);
    }
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.resize(100, 30);
    app
}

fn cursor_article(app: &App) -> Option<usize> {
    app.visible_at(app.list_cursor())
}

#[test]
fn s_cycles_date_source_and_load_order_keeping_the_cursor_on_its_article() {
    // Article 0: Eastport Gazette, 2024-03-01; 1: Coastal Wire, undated;
    // 2: no source, 2024-03-05.
    let mut app = fixture::app(100, 30);
    press(&mut app, "j");
    assert_eq!(cursor_article(&app), Some(1));
    press(&mut app, "s");
    assert_eq!(app.sort_order(), SortOrder::Date);
    assert_eq!(
        app.visible_articles(),
        [2, 0, 1],
        "newest first, undated last"
    );
    assert_eq!(app.status(), Some("sorted by date, newest first"));
    assert_eq!(
        cursor_article(&app),
        Some(1),
        "the cursor stays on its article"
    );
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [1, 0, 2], "sources A–Z, none last");
    assert_eq!(app.status(), Some("sorted by source, then newest first"));
    assert_eq!(cursor_article(&app), Some(1));
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [0, 1, 2]);
    assert_eq!(app.status(), Some("in load order"));
    assert_eq!(cursor_article(&app), Some(1));
}

#[test]
fn sorted_list_moves_opens_and_steps_articles_in_its_own_order() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "s g enter");
    assert_eq!(app.open_index(), 2, "the newest is first");
    press(&mut app, "J");
    assert_eq!(app.open_index(), 0);
    press(&mut app, "J");
    assert_eq!(app.open_index(), 1);
    press(&mut app, "K K");
    assert_eq!((app.open_index(), app.list_cursor()), (2, 0));
}

#[test]
fn n_goes_on_to_the_next_article_in_list_order() {
    // Mara Voss is in articles 0 and 2; by date 2 comes first.
    let mut app = fixture::app(100, 30);
    press(&mut app, "s l l enter");
    assert_eq!(app.selected_entity(), Some("Mara Voss"));
    press(&mut app, "n n n");
    assert_eq!(
        app.open_index(),
        2,
        "after her last mention in 0: wrapped to 2"
    );
    assert!(
        app.status().is_some_and(|s| s.contains("wrapped")),
        "{:?}",
        app.status()
    );
    press(&mut app, "n n");
    assert_eq!(
        app.open_index(),
        0,
        "and from 2 on to 0, the next in the list"
    );
    assert!(app.status().is_some_and(|s| !s.contains("wrapped")));
}

#[test]
fn sort_keeps_the_entity_filter_and_sorts_within_it() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "l l enter f");
    assert_eq!(app.visible_articles(), [0, 2]);
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [2, 0]);
    assert_eq!(cursor_article(&app), Some(0), "on the open article still");
    press(&mut app, "esc");
    assert_eq!(
        app.visible_articles(),
        [2, 0, 1],
        "all again, still by date"
    );
    assert_eq!(cursor_article(&app), Some(0));
}

#[test]
fn articles_streaming_into_a_sorted_list_take_their_places() {
    let (mut app, stored, _) = streaming();
    app.add_articles(vec![Arc::clone(&stored[1])]);
    press(&mut app, "s");
    app.add_articles(vec![Arc::clone(&stored[0])]);
    assert_eq!(app.visible_articles(), [1, 0], "dated before undated");
    assert_eq!(
        cursor_article(&app),
        Some(0),
        "the cursor stays on its article"
    );
    app.add_articles(vec![Arc::clone(&stored[2])]);
    assert_eq!(app.visible_articles(), [2, 1, 0]);
    assert_eq!(cursor_article(&app), Some(0));
    press(&mut app, "s s");
    assert_eq!(app.visible_articles(), [0, 1, 2]);
}

#[test]
fn o_asks_for_the_open_articles_web_link_only() {
    let mut app = linked_app([
        Some("https://news.example/pier?a=1&b=2"),
        None,
        Some("file:///etc/passwd"),
    ]);
    press(&mut app, "o");
    assert_eq!(
        app.take_open_request().as_deref(),
        Some("https://news.example/pier?a=1&b=2")
    );
    assert_eq!(app.take_open_request(), None, "taken once");
    press(&mut app, "J o");
    assert_eq!(app.take_open_request(), None);
    assert_eq!(app.status(), Some("no web address for this article"));
    press(&mut app, "J o");
    assert_eq!(app.take_open_request(), None);
    assert_eq!(app.status(), Some("not opening a file:// link"));
}

#[test]
fn capital_r_asks_for_a_reload_once() {
    let mut app = fixture::app(100, 30);
    assert!(app.take_background_requests().is_empty());
    press(&mut app, "R");
    assert_eq!(app.status(), Some("reloading…"));
    let requests = app.take_background_requests();
    assert!(requests.reload && requests.full_articles.is_empty());
    assert!(app.take_background_requests().is_empty(), "taken once");
}

#[test]
fn capital_f_asks_for_the_full_text_of_articles_with_web_links() {
    let mut app = linked_app([
        Some("HTTP://news.example/pier"),
        None,
        Some("https://news.example/b"),
    ]);
    press(&mut app, "F F");
    assert_eq!(app.status(), Some("fetching the full article…"));
    press(&mut app, "J F");
    assert_eq!(app.status(), Some("no web address for this article"));
    press(&mut app, "J F");
    let requests = app.take_background_requests();
    assert!(!requests.reload);
    assert_eq!(
        requests.full_articles,
        [
            (0, "HTTP://news.example/pier".to_string()),
            (2, "https://news.example/b".to_string())
        ],
        "each article once, only web links"
    );
}

#[test]
fn replace_article_shows_the_new_text_and_asks_for_its_analysis_again() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j");
    let (mut full, _) = fixture::article(
        "Harbor Council votes on the new pier",
        &[
            "The full text, fetched from the site.",
            "A second paragraph.",
        ],
    )
    .meta(Some("Eastport Gazette"), Some("2024-03-09T10:00:00Z"))
    .build();
    full.id = "full".into();
    app.take_requests();
    app.replace_article(0, Arc::new(store::StoredArticle::new(full, None)));
    let (article, _) = app.open_article_data().expect("open");
    assert_eq!(
        article.paragraphs[0],
        "The full text, fetched from the site."
    );
    assert!(!app.open_is_analysed(), "the old analysis is gone");
    assert_eq!(app.list_cursor(), 1, "the list cursor stays");
    assert!(
        app.take_requests().contains(&0),
        "its analysis is asked for again"
    );
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [0, 2, 1], "sorted by its new date");
}

#[test]
fn replace_article_in_a_sorted_list_moves_it_to_its_new_place() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [2, 0, 1]);
    let (mut newer, _) = fixture::article("Northwind ferry resumes service", &["Text."])
        .meta(Some("Coastal Wire"), Some("2024-04-01"))
        .build();
    newer.id = "newer".into();
    app.replace_article(1, Arc::new(store::StoredArticle::new(newer, None)));
    assert_eq!(app.visible_articles(), [1, 2, 0]);
    assert_eq!(
        cursor_article(&app),
        Some(0),
        "the cursor stays on its article"
    );
}

#[test]
fn add_duplicate_source_keeps_other_sources_once_and_shows_them() {
    let mut app = fixture::app(100, 30);
    app.add_duplicate_source(0, "Reuters World".into());
    app.add_duplicate_source(0, "AP Top News".into());
    app.add_duplicate_source(0, "Reuters World".into());
    app.add_duplicate_source(0, "Eastport Gazette".into());
    app.add_duplicate_source(0, "  ".into());
    app.add_duplicate_source(9, "Nowhere".into());
    assert_eq!(app.also_in(0), ["Reuters World", "AP Top News"]);
    assert!(app.also_in(1).is_empty());
    let meta: Vec<&BodyLine> = app
        .body_lines()
        .iter()
        .filter(|l| matches!(l, BodyLine::Meta(_)))
        .collect();
    assert!(
        meta.contains(&&BodyLine::Meta(
            "also in: Reuters World, AP Top News".into()
        )),
        "{meta:?}"
    );
    app.add_duplicate_source(2, "Harbour Radio".into());
    press(&mut app, "J J");
    assert!(
        app.body_lines()
            .contains(&BodyLine::Meta("also in: Harbour Radio".into())),
        "shown when the article opens later"
    );
}
