//! One frame at 200 × 60, and key to frame (the action, then the frame) for
//! each navigation key and the sort key, over 7 articles and over 100,000.
//!
//! `cargo bench --bench render`

#[path = "common.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lede::action::Action;
use lede::app::App;
use lede::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;

fn frame(app: &App, theme: &Theme, buf: &mut Buffer) {
    buf.reset();
    lede::ui::render(app, theme, buf);
    black_box(&buf);
}

fn render(c: &mut Criterion) {
    let theme = Theme::colored();
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
    let mut group = c.benchmark_group("frame_200x60");
    for n in [7, 100_000] {
        let app = common::big_app(n);
        group.bench_with_input(BenchmarkId::new("articles", n), &app, |b, app| {
            b.iter(|| frame(app, &theme, &mut buf));
        });
    }
    group.finish();
}

/// Pairs of keys that undo each other, so the state stays put between runs.
fn keys(c: &mut Criterion) {
    use Action::*;
    let theme = Theme::colored();
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
    let cases: [(&str, &[Action], [Action; 2]); 9] = [
        ("j_k_list", &[], [MoveDown, MoveUp]),
        ("space_b_list", &[], [PageDown, PageUp]),
        ("G_g_list", &[], [MoveBottom, MoveTop]),
        ("j_k_body", &[FocusRight], [MoveDown, MoveUp]),
        ("J_K_article", &[], [NextArticle, PreviousArticle]),
        ("tab_shift_tab", &[], [FocusNext, FocusPrevious]),
        // The sidebar's first place is mentioned across the collection.
        (
            "n_N_across_articles",
            &[
                FocusRight,
                FocusRight,
                ToggleScope,
                MoveBottom,
                SelectEntity,
                FocusLeft,
            ],
            [NextMention, PreviousMention],
        ),
        (
            "a_scope",
            &[FocusRight, FocusRight],
            [ToggleScope, ToggleScope],
        ),
        (
            "f_filter",
            &[FocusRight, FocusRight, MoveDown, SelectEntity],
            [ToggleFilter, ToggleFilter],
        ),
    ];
    let mut group = c.benchmark_group("key_to_frame_100k");
    let base = common::big_app(100_000);
    for (name, setup, [there, back]) in cases {
        let mut app = base.clone();
        for action in setup {
            app.apply(*action);
        }
        group.bench_function(name, |b| {
            let mut forward = true;
            b.iter(|| {
                app.apply(if forward { there } else { back });
                forward = !forward;
                frame(&app, &theme, &mut buf);
            });
        });
    }
    // s goes round three orders (date, source, load): the mean of the three.
    let mut app = base.clone();
    group.bench_function("s_sort_cycle", |b| {
        b.iter(|| {
            app.apply(CycleSort);
            frame(&app, &theme, &mut buf);
        });
    });
    group.finish();
}

/// Types `:` and `query` and Enter, and takes the request the background would serve.
fn ask(app: &mut App, query: &str) {
    app.press(lede::keymap::Key::char(':'));
    for c in query.chars() {
        app.press(lede::keymap::Key::char(c));
    }
    app.press(lede::keymap::Key::parse("enter").expect("enter"));
    black_box(app.take_background_requests());
}

/// The reader's search (`:`) as the list sees it: a million articles, three
/// in four matching, narrowed to best first (the search thread's answer
/// handed to the app, then the frame), and Esc back to the whole list, each
/// timed alone. The search itself is in `cargo bench --bench cache`.
fn narrow(c: &mut Criterion) {
    let theme = Theme::colored();
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
    let n: u32 = 1_000_000;
    let mut app = common::big_app(n as usize);
    // Best first in an order unrelated to the list's.
    let mut ranked: Vec<u32> = (0..n).filter(|a| a % 4 != 0).collect();
    ranked.sort_unstable_by_key(|&a| a.wrapping_mul(2_654_435_761));
    let mut group = c.benchmark_group("search_1m");
    group.sample_size(10);
    group.bench_function("narrow", |b| {
        b.iter_custom(|iterations| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let answer = ranked.clone();
                ask(&mut app, "harbour");
                let start = std::time::Instant::now();
                app.found("harbour".to_string(), Ok(answer));
                frame(&app, &theme, &mut buf);
                spent += start.elapsed();
                app.apply(Action::Back);
            }
            spent
        });
    });
    group.bench_function("esc", |b| {
        b.iter_custom(|iterations| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iterations {
                ask(&mut app, "harbour");
                app.found("harbour".to_string(), Ok(ranked.clone()));
                let start = std::time::Instant::now();
                app.apply(Action::Back);
                frame(&app, &theme, &mut buf);
                spent += start.elapsed();
            }
            spent
        });
    });
    group.finish();
}

criterion_group!(benches, render, keys, narrow);
criterion_main!(benches);
