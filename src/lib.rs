//! lede: a terminal reader for news articles.
//!
//! Data flows one way:
//!
//! ```text
//! files ──loader──▶ Article ──analysis──▶ Analysis ──▶ App (state) ──▶ ui (render &App)
//!                                             │          ▲   keys ──▶ Action ──▶ App::apply
//!                                             └─ index ──┘ (entity → articles across the collection)
//! ```
//!
//! | module | role |
//! | --- | --- |
//! | [`model`] | `Article`, `Analysis`, `Entity`, `Quote`, `Span`: plain data shared by every layer |
//! | [`loader`] | files, directories, stdin and web addresses → articles; feeds, web pages, text, JSON; copies merged; typed load errors |
//! | [`fetch`] | `http(s)://` URLs → bytes for the loader: HTTP client, on-disk cache, subscription list |
//! | [`date`] | publication dates as written → a time to sort by, a short form to show |
//! | [`opener`] | `$BROWSER` (or the system opener) and a link → the program to run |
//! | [`sanitize`] | makes untrusted text safe for the terminal (controls, escape sequences, bidi) |
//! | [`analysis`] | quotes, speakers, entities, aliases per article; the cross-article index |
//! | [`dump`] | `lede dump`: the analysis as JSON Lines |
//! | [`cache`] | read and analysed articles kept on disk (tantivy), recognised unchanged without reading; search |
//! | [`store`] | compact storage of loaded articles for the reader |
//! | [`state`] | reading state that lasts (read, starred, last place) per collection; atomic writes |
//! | [`pipeline`] | loading and analysis as a stream on every core: the reader's background, the streaming dump |
//! | [`reflow`] | wraps a paragraph to a width as byte ranges |
//! | [`report`] | `lede entities`, `lede quotes`: a collection's entities and quotes as a table or JSON Lines |
//! | [`action`], [`keymap`] | what the reader can do, and the one key table that also feeds help |
//! | [`config`] | `config.toml`: keys, colours, layout, switches; every problem with its line |
//! | [`corrections`] | `entities.toml`: the reader's corrections (merge, alias, kind, hide, split), read, applied and written |
//! | [`app`] | the reader's state and `apply(Action)`; no IO, no terminal |
//! | [`ui`] | panes drawn from `&App` |
//! | [`tui`] | the only module that touches the terminal: setup, event loop, restore |
//!
//! The pure layers (model, loader, fetch, date, opener, analysis, dump, cache, store, state, pipeline, reflow, report, config, corrections, app) never import
//! ratatui or crossterm.

pub mod action;
pub mod analysis;
pub mod app;
pub mod cache;
pub mod config;
pub mod corrections;
pub mod date;
pub mod dump;
pub mod fetch;
pub mod keymap;
pub mod loader;
pub mod model;
pub mod opener;
pub mod pipeline;
pub mod reflow;
pub mod report;
pub mod sanitize;
pub mod state;
pub mod store;
pub mod tui;
pub mod ui;
