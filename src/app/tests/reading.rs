//! Key sequences for reading state, with made-up times: what marks an
//! article read (`READ_AFTER` open, or scrolled to its end by key) and what
//! does not (the cursor passing over, an article opening by itself, the
//! mouse wheel), `r`, `S`, `u`, `U`, the saved marks and place coming back
//! as a collection streams in, and the changes handed over for saving.

use super::*;
use crate::state::{LastOpen, Saved};
use std::time::{Duration, Instant};

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

fn read_articles(app: &App) -> Vec<usize> {
    (0..app.article_count())
        .filter(|&a| app.is_read(a))
        .collect()
}

/// The fixture's article ids (`<title>.txt`).
fn id(app: &App, article: usize) -> String {
    app.stored(article).expect("article").id()
}

#[test]
fn passing_over_articles_marks_none_read() {
    let mut app = fixture::app(100, 30);
    let t0 = Instant::now();
    // Article 0 opened by itself at start: looked at, not read.
    app.tick(t0);
    assert_eq!(app.tick_due_in(t0), None);
    press(&mut app, "j j k");
    app.tick(t0 + secs(1.0));
    app.tick(t0 + secs(10.0));
    assert_eq!(read_articles(&app), Vec::<usize>::new());
    // J through articles, half a second each: none is read.
    press(&mut app, "J");
    app.tick(t0 + secs(10.5));
    press(&mut app, "J");
    app.tick(t0 + secs(11.0));
    press(&mut app, "K");
    app.tick(t0 + secs(11.5));
    assert_eq!(read_articles(&app), Vec::<usize>::new());
}

#[test]
fn an_article_open_for_two_seconds_becomes_read() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j enter");
    let t0 = Instant::now();
    assert!(!app.tick(t0));
    assert_eq!(app.tick_due_in(t0 + secs(1.5)), Some(secs(0.5)));
    assert!(!app.tick(t0 + secs(1.9)));
    assert!(!app.is_read(1));
    assert!(app.tick(t0 + READ_AFTER));
    assert_eq!(read_articles(&app), [1]);
    // Nothing left to wait for: the terminal loop sleeps.
    assert_eq!(app.tick_due_in(t0 + READ_AFTER), None);
}

#[test]
fn the_reading_time_counts_only_while_the_body_shows() {
    // Narrow: one pane at a time.
    let mut app = fixture::app(60, 20);
    press(&mut app, "j enter");
    assert_eq!(app.focus(), Focus::Body);
    let t0 = Instant::now();
    app.tick(t0);
    // Off to the sidebar for a while: the body is hidden.
    press(&mut app, "tab");
    app.tick(t0 + secs(1.0));
    app.tick(t0 + secs(5.0));
    assert!(!app.is_read(1));
    // Back in the body: two seconds from now on.
    press(&mut app, "backtab");
    app.tick(t0 + secs(6.0));
    app.tick(t0 + secs(7.9));
    assert!(!app.is_read(1));
    app.tick(t0 + secs(8.0));
    assert!(app.is_read(1));
    // The help overlay over the body pauses it too.
    let mut app = fixture::app(100, 30);
    press(&mut app, "j enter ?");
    app.tick(t0);
    app.tick(t0 + secs(5.0));
    assert!(!app.is_read(1));
}

#[test]
fn going_into_the_article_that_opened_by_itself_starts_its_reading_time() {
    let mut app = fixture::app(100, 30);
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + secs(5.0));
    assert!(!app.is_read(0));
    press(&mut app, "tab");
    app.tick(t0 + secs(6.0));
    app.tick(t0 + secs(8.0));
    assert!(app.is_read(0));
}

#[test]
fn scrolling_to_the_end_by_key_marks_read_and_by_mouse_does_not() {
    let mut app = long_app(30);
    press(&mut app, "tab j");
    assert!(!app.is_read(0), "the end is not in view yet");
    // The wheel goes all the way down: still unread.
    app.scroll_body_by(isize::MAX, true);
    assert!(!app.is_read(0));
    app.scroll_body_by(isize::MIN, true);
    // A key that shows the last line: read, without waiting.
    press(&mut app, "G");
    assert!(app.is_read(0));

    // Scrolling by key through `scroll_body_by` counts as well.
    let mut app = long_app(30);
    press(&mut app, "tab");
    app.scroll_body_by(isize::MAX, false);
    assert!(app.is_read(0));
}

#[test]
fn opening_a_short_article_does_not_by_itself_count_as_reaching_its_end() {
    // Every fixture article fits on screen, so its end shows at once: J
    // through them must still not mark them read.
    let mut app = fixture::app(100, 30);
    press(&mut app, "enter J J");
    assert_eq!(read_articles(&app), Vec::<usize>::new());
    // Paging down in one that fits is reaching its end.
    press(&mut app, "space");
    assert_eq!(read_articles(&app), [2]);
}

#[test]
fn r_toggles_read_under_the_list_cursor_or_on_the_open_article() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j r");
    assert_eq!(read_articles(&app), [1]);
    assert_eq!(app.status(), Some("marked read"));
    press(&mut app, "r");
    assert_eq!(read_articles(&app), Vec::<usize>::new());
    assert_eq!(app.status(), Some("marked unread"));
    // In the body: the open article. Marked unread by hand, it stays so
    // however long it is read.
    press(&mut app, "j enter r");
    assert_eq!(read_articles(&app), [2]);
    press(&mut app, "r");
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + secs(10.0));
    assert_eq!(read_articles(&app), Vec::<usize>::new());
}

#[test]
fn s_stars_and_unstars() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j S");
    assert!(app.is_starred(1));
    assert_eq!(app.status(), Some("starred"));
    press(&mut app, "tab S");
    assert!(app.is_starred(0), "the open article, from the body");
    press(&mut app, "S");
    assert!(!app.is_starred(0));
    assert_eq!(app.status(), Some("star removed"));
}

#[test]
fn u_opens_the_next_unread_article_going_round_and_says_when_none_is_left() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "j r k");
    // From article 0: 1 is read, so 2.
    press(&mut app, "u");
    assert_eq!(app.open_index(), 2);
    assert_eq!(app.status(), None);
    // From 2 in the body: round to 0.
    press(&mut app, "tab u");
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.status(), Some("→ next unread article, from the top"));
    // 2 is the only other unread article.
    press(&mut app, "u");
    assert_eq!(app.open_index(), 2);
    press(&mut app, "r u");
    assert_eq!(app.open_index(), 0, "0 is still unread");
    press(&mut app, "r u");
    assert_eq!(app.open_index(), 0);
    assert_eq!(app.status(), Some("No unread articles left."));
}

#[test]
fn hiding_read_articles_keeps_the_open_one_and_works_with_filter_and_sort() {
    let mut app = fixture::app(100, 30);
    // Read article 1 by hand; 0 is open.
    press(&mut app, "j r k U");
    assert_eq!(app.visible_articles(), [0, 2]);
    assert_eq!(app.status(), Some("unread articles only (U: all)"));
    let counts = app.list_counts();
    assert_eq!((counts.shown, counts.of, counts.unread), (2, 3, 2));
    assert!(counts.hiding_read);
    // The open article, once read, stays in the list while it is open.
    press(&mut app, "r");
    assert_eq!(app.visible_articles(), [0, 2]);
    assert_eq!(app.list_counts().unread, 1);
    // Opening another one lets it go.
    press(&mut app, "j enter");
    assert_eq!(app.visible_articles(), [2]);
    // Sorted by date (2 is newest) and back: still only the unread ones.
    press(&mut app, "s");
    assert_eq!(app.visible_articles(), [2]);
    press(&mut app, "s s");
    // Filter by Mara Voss (articles 0 and 2): the unread of those.
    press(&mut app, "U r");
    assert_eq!(read_articles(&app), [0, 1, 2]);
    press(&mut app, "r U tab");
    press(&mut app, "g");
    while sidebar_cursor_name(&app).as_deref() != Some("Mara Voss") {
        press(&mut app, "j");
    }
    press(&mut app, "enter f");
    assert_eq!(app.filter(), Some("Mara Voss"));
    assert_eq!(app.visible_articles(), [2], "0 is read, 1 not mentioned");
    // Showing read ones again: the whole filtered list.
    press(&mut app, "U");
    assert_eq!(app.visible_articles(), [0, 2]);
    assert_eq!(app.list_counts().unread, 1);
    // Esc clears the filter: everything, read or not.
    press(&mut app, "esc");
    assert_eq!(app.visible_articles(), [0, 1, 2]);
}

#[test]
fn hiding_read_articles_moves_the_cursor_to_the_next_one_shown() {
    let mut app = fixture::app(100, 30);
    press(&mut app, "U j");
    assert_eq!(app.visible_at(app.list_cursor()), Some(1));
    // Marking the article under the cursor read hides it: the cursor goes on
    // to the next one.
    press(&mut app, "r");
    assert_eq!(app.visible_articles(), [0, 2]);
    assert_eq!(app.visible_at(app.list_cursor()), Some(2));
}

#[test]
fn saved_marks_and_place_come_back_as_the_collection_streams_in() {
    // A place in article 2 on a small screen, scrolled down.
    let mut before = fixture::app(100, 8);
    press(&mut before, "j j enter j j j");
    assert!(before.body_top() > 0);
    let last = before.take_reading_changes().last.expect("a place");
    let (mut app, stored, analyses) = streaming();
    let saved = Saved {
        read: [stored[0].id()].into(),
        starred: [stored[1].id()].into(),
        last: Some(last.clone()),
        ..Saved::default()
    };
    app.resize(100, 8);
    app.restore_reading(saved);
    app.add_articles(stored[..2].to_vec());
    assert_eq!(app.open_index(), 0, "the last article has not arrived yet");
    assert!(app.is_read(0) && app.is_starred(1));
    app.add_articles(stored[2..].to_vec());
    assert_eq!(app.open_index(), 2, "reopened once it arrived");
    assert_eq!(app.visible_at(app.list_cursor()), Some(2));
    // Laid out without its quote attributions, the place was past the end:
    // with its analysis, it is where it was.
    app.add_analysis(2, analyses[2].clone());
    assert_eq!(app.body_top(), before.body_top());
    let top = app.anchor().expect("anchor");
    assert_eq!((top.paragraph, top.offset), (last.paragraph, last.offset));
    // Nothing done yet: nothing to save.
    app.loading_finished();
    assert!(app.take_reading_changes().is_empty());
}

#[test]
fn opening_an_article_before_the_last_one_arrives_cancels_reopening_it() {
    let (mut app, stored, _) = streaming();
    app.restore_reading(Saved {
        last: Some(LastOpen {
            article: stored[2].id(),
            paragraph: 0,
            offset: 0,
            above: 0,
        }),
        ..Saved::default()
    });
    app.add_articles(stored[..2].to_vec());
    press(&mut app, "j enter");
    app.add_articles(stored[2..].to_vec());
    assert_eq!(app.open_index(), 1);
}

#[test]
fn a_saved_place_read_late_does_not_reopen_over_the_readers_choice() {
    // The state file is read in the background: here it comes after the
    // reader has opened an article.
    let mut app = fixture::app(100, 30);
    press(&mut app, "j enter");
    let saved = Saved {
        read: [id(&app, 2)].into(),
        last: Some(LastOpen {
            article: id(&app, 2),
            paragraph: 0,
            offset: 0,
            above: 0,
        }),
        ..Saved::default()
    };
    app.restore_reading(saved.clone());
    assert_eq!(app.open_index(), 1);
    assert!(app.is_read(2), "the marks are taken all the same");
    // Before any choice, it does reopen.
    let mut app = fixture::app(100, 30);
    app.restore_reading(saved);
    assert_eq!(app.open_index(), 2);
}

#[test]
fn changes_for_saving_name_articles_by_id_and_the_place_once() {
    let mut app = fixture::app(100, 30);
    assert!(app.take_reading_changes().is_empty(), "only looked");
    press(&mut app, "j r S enter");
    let changes = app.take_reading_changes();
    assert_eq!(changes.read.get(&id(&app, 1)), Some(&true));
    assert_eq!(changes.starred.get(&id(&app, 1)), Some(&true));
    let last = changes.last.expect("the place");
    assert_eq!(last.article, id(&app, 1));
    // Taken once; the place again only when it moves.
    assert!(app.take_reading_changes().is_empty());
    press(&mut app, "J");
    let changes = app.take_reading_changes();
    assert!(changes.read.is_empty());
    assert_eq!(changes.last.map(|l| l.article), Some(id(&app, 2)));
}

#[test]
fn a_place_that_never_arrives_stops_waiting_when_loading_ends() {
    let (mut app, stored, _) = streaming();
    app.restore_reading(Saved {
        last: Some(LastOpen {
            article: "gone.txt".to_string(),
            paragraph: 0,
            offset: 0,
            above: 0,
        }),
        ..Saved::default()
    });
    app.add_articles(stored);
    press(&mut app, "j");
    assert!(app.take_reading_changes().is_empty(), "still waiting");
    app.loading_finished();
    assert_eq!(
        app.take_reading_changes().last.map(|l| l.article),
        Some(id(&app, 0))
    );
}

#[test]
fn a_list_hiding_read_articles_keeps_its_cursor_when_articles_arrive() {
    let (articles, _) = fixture::collection();
    let stored = crate::store::store_all(articles);
    let mut app = App::loading(SharedIndex::default());
    app.resize(100, 30);
    app.add_articles(stored.clone());
    app.add_articles(stored.clone());
    assert_eq!(app.article_count(), 6);
    press(&mut app, "j r U j j");
    let before = app.visible_at(app.list_cursor());
    assert_eq!(before, Some(4));
    app.add_articles(stored[..1].to_vec());
    assert_eq!(
        app.visible_at(app.list_cursor()),
        before,
        "cursor stays on its article"
    );
}

#[test]
fn count_g_opens_an_article_that_then_reads_like_colon_n() {
    let t0 = Instant::now();
    let mut colon = fixture::app(100, 30);
    press(&mut colon, ": 3 enter");
    assert_eq!(colon.open_index(), 2);
    colon.tick(t0);
    colon.tick(t0 + secs(3.0));
    assert!(colon.is_read(2), ":3 Enter then 3 s: read");
    let mut count = fixture::app(100, 30);
    press(&mut count, "3 G");
    assert_eq!(count.open_index(), 2);
    count.tick(t0);
    count.tick(t0 + secs(3.0));
    assert!(count.is_read(2), "3G then 3 s: read too");
}

#[test]
fn the_quotes_views_enter_opens_an_article_that_then_reads() {
    let t0 = Instant::now();
    let mut app = fixture::app(100, 30);
    // Select Mara Voss in the sidebar, open her quotes, go to the one in article 2.
    press(&mut app, "l l enter \"");
    assert_eq!(app.overlay(), Some(Overlay::Quotes));
    press(&mut app, "enter");
    let open = app.open_index();
    assert_ne!(open, 0, "went to another article");
    app.tick(t0);
    app.tick(t0 + secs(3.0));
    assert!(app.is_read(open), "opened from the quotes view, 3 s: read");
}

#[test]
fn time_spent_suspended_is_not_reading_time() {
    let t0 = Instant::now();
    let mut app = fixture::app(100, 30);
    press(&mut app, "j enter");
    app.tick(t0);
    app.tick(t0 + secs(1.5));
    // Ctrl-Z, and `fg` much later: the two seconds start again.
    app.reading_paused();
    app.tick(t0 + secs(60.0));
    assert!(!app.is_read(1), "not read on coming back");
    app.tick(t0 + secs(62.5));
    assert!(app.is_read(1), "read two seconds after coming back");
}

#[test]
fn a_search_counts_the_unread_among_its_matches_only() {
    let mut app = fixture::app(100, 30);
    // Articles 0 and 1 read; the search finds 2 and 1, best first.
    press(&mut app, "r j r k");
    assert_eq!(read_articles(&app), [0, 1]);
    press(&mut app, ": v o s s enter");
    app.found("voss".to_string(), Ok(vec![2, 1]));
    assert_eq!(app.visible_articles(), [2, 1]);
    let counts = app.list_counts();
    assert_eq!((counts.shown, counts.of, counts.unread), (2, 2, 1));
    // Newest first, and read articles hidden: the same count.
    press(&mut app, "s");
    assert_eq!(app.list_counts().unread, 1);
    press(&mut app, "U");
    assert_eq!(app.visible_articles(), [2]);
    assert_eq!(app.list_counts().unread, 1);
    // Esc: every article again, one of three unread.
    press(&mut app, "U esc");
    let counts = app.list_counts();
    assert_eq!((counts.shown, counts.of, counts.unread), (3, 3, 1));
}

#[test]
fn articles_arriving_during_a_search_stay_out_of_its_matches_in_every_order() {
    let (mut app, stored, _) = streaming();
    app.add_articles(stored[..2].to_vec());
    press(&mut app, ": p i e r enter");
    app.found("pier".to_string(), Ok(vec![1, 0]));
    assert_eq!(app.visible_articles(), [1, 0]);
    // Article 2 arrives: no match, not listed, in any order.
    app.add_articles(stored[2..].to_vec());
    assert_eq!(app.visible_articles(), [1, 0]);
    assert_eq!(app.list_counts().shown, 2);
    for _ in 0..4 {
        press(&mut app, "s");
        let mut shown = app.visible_articles();
        shown.sort_unstable();
        assert_eq!(shown, [0, 1], "{:?}", app.sort_order());
    }
    assert_eq!(app.sort_order(), SortOrder::Relevance);
    assert_eq!(app.visible_articles(), [1, 0]);
    // Read ones hidden: the best match read (r on the list's first), the other left.
    press(&mut app, "g r U");
    assert!(app.is_read(1));
    assert_eq!(app.visible_articles(), [0]);
    press(&mut app, "esc");
    press(&mut app, "U");
    assert_eq!(app.visible_articles(), [0, 1, 2]);
}
