//! Key sequences for the prompt (`/`, `:`), the body search with n/N through
//! matches and articles, the list filter as typed, stacked entity filters,
//! the sidebar's narrowing and group jumps, and going to article N.

use super::*;
use crate::app::body_lines::segments;

/// Whether the status line's message holds `text`.
fn says(app: &App, text: &str) -> bool {
    app.status().is_some_and(|s| s.contains(text))
}

/// The open prompt's line with `|` at the cursor.
fn prompt_line(app: &App) -> Option<String> {
    let prompt = app.prompt()?;
    let mut line = prompt.text.to_string();
    line.insert(prompt.cursor, '|');
    Some(line)
}

/// The text of every match in the open article, in reading order.
fn match_texts(app: &App) -> Vec<String> {
    let Some((article, _)) = app.open_article_data() else {
        return Vec::new();
    };
    let title = app
        .search_marks(None)
        .iter()
        .map(|m| article.title[m.range.clone()].to_string());
    let paragraphs = (0..article.paragraphs.len()).flat_map(|p| {
        app.search_marks(Some(p))
            .iter()
            .map(move |m| article.paragraphs[p][m.range.clone()].to_string())
    });
    title.chain(paragraphs).collect()
}

#[test]
fn the_prompt_takes_every_key_and_edits_like_readline() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab /");
    assert_eq!(prompt_line(&app).as_deref(), Some("|"));
    // Keys of the key table are typed: q does not quit, j does not move.
    press(&mut app, "q j n G 1 space x");
    assert!(!app.should_quit());
    assert_eq!(prompt_line(&app).as_deref(), Some("qjnG1 x|"));
    let cases = [
        ("left left", "qjnG1| x"),
        ("backspace", "qjnG| x"),
        ("del", "qjnG|x"),
        ("home", "|qjnGx"),
        ("right", "q|jnGx"),
        ("end", "qjnGx|"),
        ("ctrl-a", "|qjnGx"),
        ("ctrl-e space a b", "qjnGx ab|"),
        ("ctrl-w", "qjnGx |"),
        ("left ctrl-u", "| "),
        ("ctrl-d p i e r", "pier|"),
    ];
    for (keys, want) in cases {
        press(&mut app, keys);
        assert_eq!(prompt_line(&app).as_deref(), Some(want), "after {keys}");
    }
    press(&mut app, "esc");
    assert!(app.prompt().is_none());
    assert_eq!(app.search_text(), None, "Esc cancels");
    assert!(!app.should_quit());
    press(&mut app, "ctrl-c");
    assert!(app.should_quit(), "Ctrl-C still quits from the prompt");
}

#[test]
fn up_and_down_recall_earlier_searches() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab / p i e r enter esc / v o s s enter esc / x");
    press(&mut app, "up");
    assert_eq!(prompt_line(&app).as_deref(), Some("voss|"));
    press(&mut app, "up up");
    assert_eq!(prompt_line(&app).as_deref(), Some("pier|"));
    press(&mut app, "down down");
    assert_eq!(prompt_line(&app).as_deref(), Some("x|"));
}

#[test]
fn body_search_is_smartcase_and_jumps_to_the_first_match() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab / p i e r enter");
    assert_eq!(app.prompt().map(|p| p.kind), None);
    assert_eq!(app.search_text(), Some("pier"));
    // The title and two paragraphs of article 0.
    assert_eq!(match_texts(&app), ["pier", "pier", "pier"]);
    assert_eq!(app.match_position(), Some((Some(0), 3)));
    press(&mut app, "esc / P I E R enter");
    assert_eq!(app.open_index(), 0);
    assert!(match_texts(&app).is_empty(), "a capital makes case matter");
    assert!(says(&app, "none of the 3"));
    press(&mut app, "esc / h a r b o r space c enter");
    assert_eq!(match_texts(&app), ["Harbor C", "Harbor C", "Harbor C"]);
}

#[test]
fn the_body_shows_the_search_as_it_is_typed_and_esc_undoes_it() {
    let mut app = long_app(40);
    press(&mut app, "tab pgdn pgdn pgdn");
    let start = app.body_top();
    press(&mut app, "/ e a s t");
    assert!(app.prompt().is_some());
    assert_eq!(match_texts(&app).len(), 13, "every Eastport highlighted");
    let (current, _) = app.match_position().expect("searching");
    assert!(current > Some(0), "the first match from the screen's top");
    let top = app.body_top();
    assert!(top >= start);
    press(&mut app, "esc");
    assert_eq!(app.search_text(), None);
    assert!(match_texts(&app).is_empty());
    assert_eq!(app.body_top(), start, "back where it was");
    // Enter searches from where the prompt opened; `/` Enter searches again.
    press(&mut app, "/ e a s t enter");
    assert_eq!(app.body_top(), top);
    assert_eq!(app.match_position().map(|(c, _)| c), Some(current));
    press(&mut app, "pgdn pgdn / enter");
    assert_eq!(app.search_text(), Some("east"));
    assert!(app.match_position().is_some_and(|(c, _)| c > current));
}

#[test]
fn n_and_n_walk_matches_and_go_on_through_the_list() {
    let mut app = fixture::app(100, 30);
    // "harbo": article 0 (title, two paragraphs), 1 ("harbour"), 2 (once).
    press(&mut app, "tab / h a r b o enter");
    assert_eq!(app.match_position(), Some((Some(0), 3)));
    press(&mut app, "n n");
    assert_eq!(app.match_position(), Some((Some(2), 3)));
    press(&mut app, "n");
    assert_eq!(app.open_index(), 1);
    assert_eq!(app.match_position(), Some((Some(0), 1)));
    assert_eq!(match_texts(&app), ["harbo"]);
    assert!(
        says(&app, "→ next article with “harbo”: Northwind ferry"),
        "{:?}",
        app.status()
    );
    press(&mut app, "n n");
    assert_eq!(app.open_index(), 0, "wrapped around");
    assert!(says(&app, "wrapped around"));
    press(&mut app, "N");
    assert_eq!(app.open_index(), 2);
    assert!(says(&app, "← previous"));
    // Esc clears the search: n goes back to mentions.
    press(&mut app, "esc");
    assert_eq!(app.search_text(), None);
    assert_eq!(app.match_position(), None);
    press(&mut app, "n");
    assert!(says(&app, "Select an entity first"));
}

#[test]
fn a_search_only_this_article_holds_comes_back_to_its_first_match() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab / w i n t e r enter n");
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.match_position(), Some((Some(0), 1)));
    assert!(says(&app, "Only this article"));
}

#[test]
fn matches_map_onto_wrapped_lines_at_every_width() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "tab / c o u n c i l space m e t enter");
    for width in 40..110 {
        app.resize(width, 30);
        let (article, _) = app.open_article_data().expect("open");
        let mut found = String::new();
        for line in app.body_lines() {
            if let BodyLine::Text { paragraph, range } = line {
                let marks = app.marks(*paragraph).cloned().unwrap_or_default();
                for segment in segments(&marks, app.search_marks(Some(*paragraph)), range.clone()) {
                    if segment.matched.is_some() {
                        found.push_str(&article.paragraphs[*paragraph][segment.range]);
                    }
                }
                found.push('|');
            }
        }
        let pieces: String = found.split('|').filter(|s| !s.is_empty()).collect();
        assert_eq!(pieces, "Council met", "width {width}");
    }
}

#[test]
fn search_finds_unicode_text_whatever_its_case() {
    let (article, analysis) = fixture::article(
        "In ZÜRICH",
        &["İstanbul and Zürich, then the Straße.", "ȺȺ zürich"],
    )
    .build();
    let mut app = App::new(vec![article], vec![analysis], Vec::new(), Vec::new());
    app.resize(100, 30);
    press(&mut app, "tab / z ü r i c h enter");
    assert_eq!(match_texts(&app), ["ZÜRICH", "Zürich", "zürich"]);
    press(&mut app, "esc / i s t a n b u l enter");
    assert_eq!(match_texts(&app), ["İstanbul"]);
    press(&mut app, "esc / s t r a ß e enter");
    assert_eq!(match_texts(&app), ["Straße"]);
}

#[test]
fn slash_in_the_list_filters_titles_and_sources_as_typed() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "/ w");
    // "Northwind ferry…" by title; "Coastal Wire" by source; "votes on the new pier"? no w.
    assert_eq!(app.visible_articles(), &[0, 1]);
    press(&mut app, "i r");
    assert_eq!(app.visible_articles(), &[1], "Coastal Wire");
    press(&mut app, "esc");
    assert_eq!(
        app.visible_articles().len(),
        3,
        "Esc restores the whole list"
    );
    assert_eq!(app.list_text_filter(), None);
    press(&mut app, "/ t a l k s enter");
    assert_eq!(app.visible_articles(), &[2]);
    assert_eq!(app.list_text_filter(), Some("talks"));
    assert_eq!(app.prompt().map(|p| p.kind), None, "Enter keeps the filter");
    // Opening the prompt again edits the filter where it stands.
    press(&mut app, "/");
    assert_eq!(prompt_line(&app).as_deref(), Some("talks|"));
    press(&mut app, "ctrl-u enter");
    assert_eq!(app.visible_articles().len(), 3);
    // With the entity filter and the sort: Eastport is in 0 and 1.
    press(&mut app, "l l j j enter f h h / e enter");
    assert_eq!(app.filters(), ["Eastport"]);
    assert_eq!(app.visible_articles(), &[0, 1]);
    press(&mut app, "/ ctrl-u g a z enter");
    assert_eq!(app.visible_articles(), &[0]);
    press(&mut app, "/ ctrl-u e enter s");
    assert_eq!(app.sort_order(), SortOrder::Date);
    assert_eq!(app.visible_articles(), &[0, 1], "dated first");
    press(&mut app, "esc");
    assert_eq!(
        app.list_text_filter(),
        None,
        "Esc takes the text filter off first"
    );
    assert_eq!(app.filters(), ["Eastport"]);
}

#[test]
fn stacked_filters_list_articles_mentioning_every_entity() {
    let mut app = fixture::app(100, 30);
    // Article 0's sidebar: Mara Voss, Harbor Council, Eastport, Northwind.
    press(&mut app, "l l j enter f");
    assert_eq!(app.filters(), ["Harbor Council"]);
    assert_eq!(app.visible_articles(), &[0, 2]);
    press(&mut app, "k enter f");
    assert_eq!(app.filters(), ["Harbor Council", "Mara Voss"]);
    assert_eq!(app.visible_articles(), &[0, 2]);
    press(&mut app, "j j j enter f");
    assert_eq!(app.filters(), ["Harbor Council", "Mara Voss", "Northwind"]);
    assert_eq!(app.visible_articles(), &[0]);
    press(&mut app, "esc");
    assert_eq!(app.filters(), ["Harbor Council", "Mara Voss"]);
    press(&mut app, "esc esc");
    assert!(app.filters().is_empty());
    assert_eq!(app.visible_articles().len(), 3);
}

#[test]
fn a_second_filter_no_listed_article_mentions_is_refused() {
    let (mut articles, mut analyses) = fixture::collection();
    articles.truncate(2);
    analyses.truncate(2);
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.resize(100, 30);
    // Harbor Council is in article 0 only; Jon Hale in article 1 only.
    press(&mut app, "l l j enter f J");
    assert_eq!(app.filters(), ["Harbor Council"]);
    press(&mut app, "a");
    let hale = sidebar_names(&app).iter().position(|n| n == "Jon Hale");
    let moves = vec!["j"; hale.expect("Jon Hale listed")].join(" ");
    press(&mut app, &format!("g {moves} enter f"));
    assert_eq!(app.selected_entity(), Some("Jon Hale"));
    assert_eq!(app.filters(), ["Harbor Council"]);
    assert!(says(&app, "mentions Jon Hale too"));
}

#[test]
fn braces_jump_between_sidebar_groups() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "a l l");
    assert_eq!(app.scope(), Scope::Collection);
    let kind = |app: &App| match app.sidebar_row(app.sidebar_cursor_row()?)? {
        SidebarRow::Entity { kind, .. } => Some(kind),
        SidebarRow::Heading { .. } => None,
    };
    assert_eq!(kind(&app), Some(EntityKind::Person));
    press(&mut app, "}");
    assert_eq!(kind(&app), Some(EntityKind::Organization));
    assert_eq!(app.status(), Some("Organizations"));
    press(&mut app, "}");
    assert_eq!(kind(&app), Some(EntityKind::Place));
    press(&mut app, "}");
    assert_eq!(kind(&app), Some(EntityKind::Place), "no group after");
    press(&mut app, "j {");
    assert_eq!(
        kind(&app),
        Some(EntityKind::Place),
        "first of its own group"
    );
    assert_eq!(sidebar_cursor_name(&app).as_deref(), Some("Eastport"));
    press(&mut app, "{ {");
    assert_eq!(kind(&app), Some(EntityKind::Person));
}

#[test]
fn slash_in_the_sidebar_narrows_the_names_as_typed() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "a l l / o");
    assert_eq!(
        sidebar_names(&app),
        [
            "Mara Voss",
            "Jon Hale",
            "Harbor Council",
            "Eastport",
            "Northwind"
        ]
    );
    press(&mut app, "r t");
    assert_eq!(sidebar_names(&app), ["Eastport", "Northwind"]);
    press(&mut app, "backspace backspace backspace n");
    assert_eq!(
        sidebar_names(&app),
        ["Jon Hale", "Harbor Council", "Northwind"]
    );
    press(&mut app, "esc");
    assert_eq!(app.sidebar_narrowed(), None, "Esc cancels");
    assert_eq!(sidebar_names(&app).len(), 5);
    // Smartcase here too: a capital makes case matter.
    press(&mut app, "/ N enter");
    assert_eq!(sidebar_names(&app), ["Northwind"]);
    press(&mut app, "/ ctrl-u n enter");
    assert_eq!(
        sidebar_names(&app),
        ["Jon Hale", "Harbor Council", "Northwind"]
    );
    press(&mut app, "/ ctrl-u v o s s enter");
    assert_eq!(sidebar_names(&app), ["Mara Voss"]);
    press(&mut app, "enter");
    assert_eq!(app.selected_entity(), Some("Mara Voss"));
    // The narrowing stays in the other scope.
    press(&mut app, "a");
    assert_eq!(sidebar_names(&app), ["Mara Voss"]);
    press(&mut app, "/ ctrl-u x y z enter");
    assert!(sidebar_names(&app).is_empty());
    press(&mut app, "esc");
    assert_eq!(app.sidebar_narrowed(), None);
    assert_eq!(
        app.selected_entity(),
        Some("Mara Voss"),
        "Esc cleared the narrowing first"
    );
}

#[test]
fn colon_n_and_count_g_go_to_article_n_of_the_list() {
    let mut app = fixture::app(100, 30);
    press(&mut app, ": 3 enter");
    assert_eq!(app.open_index(), 2);
    assert_eq!(app.list_cursor(), 2);
    press(&mut app, "2 G");
    assert_eq!(app.open_index(), 1);
    assert_eq!(app.pending_count(), None);
    press(&mut app, "1");
    assert_eq!(app.pending_count(), Some(1));
    assert!(says(&app, "go to article 1"));
    press(&mut app, "G");
    assert_eq!(app.open_index(), 0);
    // G without a count still goes to the bottom of the list.
    press(&mut app, "G");
    assert_eq!(app.list_cursor(), 2);
    assert_eq!(app.open_index(), 0);
    press(&mut app, ": 9 enter");
    assert!(says(&app, "No article 9"));
    press(&mut app, ": x enter");
    assert!(
        says(&app, "searching the collection for “x”"),
        "not a number: a search"
    );
    assert_eq!(app.take_background_requests().search.as_deref(), Some("x"));
    // A count is dropped by any other key; the number is the place in the
    // filtered, sorted list as shown.
    press(&mut app, "2 j");
    assert_eq!(app.pending_count(), None);
    press(&mut app, "/ e enter s : 1 enter");
    assert_eq!(app.visible_at(0), Some(2));
    assert_eq!(app.open_index(), 2, "newest first");
}

#[test]
fn a_search_across_the_collection_narrows_the_list_best_first_and_esc_brings_all_back() {
    let mut app = fixture::app(120, 30);
    // `:` with a number still goes to that article; anything else is a search.
    press(&mut app, ": 2 enter");
    assert_eq!(
        app.open_article_data().map(|(a, _)| a.title.as_str()),
        Some("Northwind ferry resumes service")
    );
    assert!(app.take_background_requests().is_empty());
    let query = "\"harbor council\" voss";
    press(&mut app, ":");
    for c in query.chars() {
        app.press(Key::char(c));
    }
    press(&mut app, "enter");
    assert_eq!(
        app.take_background_requests().search.as_deref(),
        Some(query)
    );
    assert!(says(&app, "searching the collection"));

    // The background's answer: article 2 best, then 0.
    app.found(query.to_string(), Ok(vec![2, 0]));
    assert_eq!(app.visible_articles(), [2, 0]);
    assert_eq!(app.sort_order(), SortOrder::Relevance);
    assert_eq!(app.collection_query(), Some(query));
    assert!(says(&app, "2 articles match"), "{:?}", app.status());
    assert_eq!(app.focus(), Focus::ArticleList);

    // Opened, the best match shows the query's words; n walks them and on
    // to the next match in the list.
    press(&mut app, "enter");
    assert_eq!(
        app.open_article_data().map(|(a, _)| a.title.as_str()),
        Some("Budget talks stall")
    );
    assert_eq!(match_texts(&app), ["Voss", "Harbor Council", "Voss"]);
    press(&mut app, "n n n n");
    assert_eq!(
        app.open_article_data().map(|(a, _)| a.title.as_str()),
        Some("Harbor Council votes on the new pier")
    );
    assert!(says(&app, "next match of"), "{:?}", app.status());
    assert_eq!(app.current_match(), Some(0));

    // s: newest first, by source, list order, and best first again.
    press(&mut app, "h s");
    assert_eq!(
        (app.sort_order(), app.visible_articles()),
        (SortOrder::Date, vec![2, 0])
    );
    press(&mut app, "s");
    assert_eq!(
        (app.sort_order(), app.visible_articles()),
        (SortOrder::Source, vec![0, 2])
    );
    press(&mut app, "s");
    assert_eq!(
        (app.sort_order(), app.visible_articles()),
        (SortOrder::Load, vec![0, 2])
    );
    press(&mut app, "s");
    assert_eq!(
        (app.sort_order(), app.visible_articles()),
        (SortOrder::Relevance, vec![2, 0])
    );

    // Esc: the whole list in its order from before, no highlight.
    press(&mut app, "esc");
    assert_eq!(app.visible_articles(), [0, 1, 2]);
    assert_eq!(app.sort_order(), SortOrder::Load);
    assert_eq!(app.collection_query(), None);
    assert!(match_texts(&app).is_empty());
    press(&mut app, "s");
    assert_eq!(
        app.sort_order(),
        SortOrder::Date,
        "best first is gone with the search"
    );

    // Nothing found, or a query that does not read: the list stays, the status says why.
    app.search_collection("nothing");
    app.found("nothing".to_string(), Ok(Vec::new()));
    assert!(says(&app, "No article matches “nothing”"));
    app.search_collection("title:(");
    app.found(
        "title:(".to_string(),
        Err("the query does not read".to_string()),
    );
    assert!(says(&app, "the query does not read"));
    assert_eq!(app.visible_articles().len(), 3);
    assert_eq!(app.collection_query(), None);
}

#[test]
fn only_the_last_search_asked_for_narrows_the_list_and_its_words_light_whatever_their_case() {
    let mut app = fixture::app(120, 30);
    app.search_collection("pier");
    app.search_collection("VOSS");
    // The first search's answer comes late: dropped, the second one's is awaited.
    app.found("pier".to_string(), Ok(vec![0]));
    assert_eq!(app.collection_query(), None);
    assert!(app.waiting_for_search());
    app.found("VOSS".to_string(), Ok(vec![2, 0]));
    assert_eq!(app.collection_query(), Some("VOSS"));
    assert!(!app.waiting_for_search());
    press(&mut app, "enter");
    assert_eq!(
        match_texts(&app),
        ["Voss", "Voss"],
        "the search ignores case, so does its highlight"
    );
}
