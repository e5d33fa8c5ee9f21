//! The reader's state and what every [`Action`] does to it. Sits between the
//! analysed collection and the panes: `ui` draws a `&App`, `tui` feeds it
//! actions and sizes. No IO and no terminal here, so every key sequence can be
//! tested on a plain value.
//!
//! Each pane and overlay owns its state and its part of `apply`; `App` keeps
//! what they share and routes actions to them:
//!
//! | module | owns |
//! | --- | --- |
//! | `list` | the list's visible articles (all or filtered), cursor and scroll |
//! | `body` | the open article laid out, its scroll, the current mention and quote |
//! | `sidebar` | the sidebar's scope, rows, cursor and scroll |
//! | `overlay` | the open overlay (help, problems), its scroll, the loader's messages |
//! | `mouse` | the wheel, clicks and double clicks on panes, entities, names and quotes |
//! | `quotes` | the quotes view: an entity's quotes across the collection, or the open article's by speaker |
//! | `analyses` | the analysis cache, the requests in flight, the renames |
//! | `corrections` | the reader's corrections applied to the open article and the index; the keys that write them |
//! | `selection` | what the panes do together with the selected entity (Enter, n/N, Esc) |
//! | `filters` | what the list shows: the stack of entity filters (f) and the text filter (/) |
//! | `search` | the prompt (/ and :), the body search and its matches, going to article N |
//! | `prompt`, `query` | the prompt's line editor and history; smartcase matching with byte ranges |
//! | `sort` | the list's order (load, date, source), worked out once and merged into |
//! | `streaming` | what the background feeds in, and what the reader asks it for |
//! | `requests` | what the reader asks of the world: open a link, reload, fetch an article |
//! | `reading` | read and starred marks, when an article becomes read, hiding read ones, what to save |
//! | `view` | what the ui reads |
//!
//! `App` itself holds the stored articles (with each one's date, read once,
//! and the other sources it also came from), the index, focus, geometry, the
//! selected entity and the status line. [`App::apply`] gives an open overlay
//! every action first, movement to the focused pane, and the rest to the
//! components that take part. Scrolling, clamping and keeping the current
//! mention visible all happen in [`App::apply`] and [`App::resize`]; drawing
//! never changes state.

mod analyses;
mod body;
pub mod body_lines;
mod collection_search;
mod corrections;
mod filters;
#[cfg(test)]
pub(crate) mod fixture;
pub mod geometry;
mod list;
mod mouse;
mod overlay;
pub mod prompt;
pub mod query;
mod quotes;
mod reading;
mod requests;
mod search;
mod selection;
mod shared_index;
mod sidebar;
mod sort;
mod streaming;
mod view;

use crate::action::Action;
use crate::analysis::index::{CollectionIndex, Renames};
use crate::config::Config;
use crate::model::{Analysis, Article};
use crate::store::{self, StoredArticle};
use analyses::Analyses;
use body::Body;
use geometry::Geometry;
use list::ArticleList;
pub use mouse::{Mouse, MouseKind};
use overlay::Overlays;
pub use overlay::{Overlay, OverlayLine};
pub use quotes::{QuoteLine, QuotesOf};
pub use reading::{ListCounts, READ_AFTER};
pub use requests::BackgroundRequests;
use requests::Requests;
use search::Search;
pub use search::{PromptKind, PromptView};
pub use shared_index::{IndexReader, IndexWriter, SharedIndex};
use sidebar::Sidebar;
pub use sidebar::{Scope, SidebarRow};
pub use sort::SortOrder;
use std::collections::HashMap;
use std::sync::Arc;
pub use streaming::Progress;
pub use view::MentionPosition;

/// Full analyses kept for opening articles again quickly. The rest of the
/// collection is kept as text only (its entities are in the index), so memory
/// does not grow with the analyses of every article; an article whose analysis
/// is not here is analysed again, ahead of everything else.
pub const ANALYSIS_CACHE: usize = 256;

/// The pane that receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    ArticleList,
    Body,
    Sidebar,
}

impl Focus {
    /// Panes from left to right.
    const ORDER: [Focus; 3] = [Focus::ArticleList, Focus::Body, Focus::Sidebar];

    fn position(self) -> usize {
        Focus::ORDER.iter().position(|&f| f == self).unwrap_or(0)
    }
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    articles: Vec<Arc<StoredArticle>>,
    /// Each article's date as a sort key ([`crate::date::sort_key`]), read once.
    dates: Vec<Option<i64>>,
    /// Other sources an article also came from (a duplicate the loader found).
    also_in: HashMap<usize, Vec<String>>,
    index: SharedIndex,
    analyses: Analyses,
    progress: Progress,
    geometry: Geometry,
    focus: Focus,
    /// The overlay on top, which sees actions first.
    overlays: Overlays,
    list: ArticleList,
    body: Body,
    sidebar: Sidebar,
    /// Read and starred marks, and what to save of them.
    reading: reading::Reading,
    /// The prompt, the body search and its matches.
    search: Search,
    /// Canonical name of the selected entity; kept across articles.
    selected: Option<String>,
    status: Option<String>,
    /// What the reader asked of the world, for the terminal loop to take.
    requests: Requests,
    /// The quotes view (shown as [`Overlay::Quotes`]).
    quotes: quotes::QuotesView,
    quit: bool,
    /// The config file's settings: the key table, layout, colours, switches.
    config: Arc<Config>,
    /// The reader's corrections (`entities.toml`) and the keys' marks and undo.
    corrector: corrections::Corrector,
}

impl App {
    /// A reader over `articles` and their `analyses` (same order), all known
    /// at once. `skipped` and `warnings` are the loader's messages, shown on
    /// request. Starts at 80 × 24 with the first article open; call
    /// [`App::resize`] with the real size.
    pub fn new(
        articles: Vec<Article>,
        mut analyses: Vec<Analysis>,
        skipped: Vec<String>,
        warnings: Vec<String>,
    ) -> Self {
        analyses.resize_with(articles.len(), Analysis::default);
        let index = CollectionIndex::build(&analyses);
        let mut app = App::loading(SharedIndex::new(index));
        app.analyses = Analyses::with_capacity(analyses.len().max(ANALYSIS_CACHE));
        for (i, analysis) in analyses.into_iter().enumerate() {
            app.analyses.insert(i, analysis);
        }
        app.add_articles(store::store_all(articles));
        app.add_problems(skipped, warnings);
        app.progress = Progress {
            loading: false,
            fetching: None,
            analysed: app.articles.len(),
            done: true,
        };
        app
    }

    /// A reader with no article yet, for a collection that streams in: feed
    /// it with [`App::add_articles`], [`App::add_analysis`], [`App::indexed`],
    /// [`App::loading_finished`] and [`App::unified`]; `index` is filled by
    /// whoever analyses the articles.
    pub fn loading(index: SharedIndex) -> Self {
        App {
            articles: Vec::new(),
            dates: Vec::new(),
            also_in: HashMap::new(),
            index,
            analyses: Analyses::with_capacity(ANALYSIS_CACHE),
            progress: Progress {
                loading: true,
                fetching: None,
                analysed: 0,
                done: false,
            },
            geometry: Geometry::new(80, 24),
            focus: Focus::ArticleList,
            overlays: Overlays::default(),
            list: ArticleList::default(),
            body: Body::default(),
            sidebar: Sidebar::default(),
            reading: reading::Reading::default(),
            search: Search::default(),
            selected: None,
            status: None,
            requests: Requests::default(),
            quotes: quotes::QuotesView::default(),
            quit: false,
            config: Arc::default(),
            corrector: corrections::Corrector::default(),
        }
    }

    /// Takes the config file's settings: its keys from now on, its layout
    /// (at the present size) and the scope the sidebar opens in.
    pub fn configure(&mut self, config: Config) {
        self.overlays.set_keymap(config.keymap.clone());
        self.config = Arc::new(config);
        if self.sidebar.scope() != self.config.layout.sidebar_scope {
            self.sidebar.toggle_scope();
            self.rebuild_sidebar();
        }
        let status = self.geometry.status;
        self.resize(status.width, status.y.saturating_add(status.height));
    }

    /// The index, read-locked for a moment.
    fn index(&self) -> IndexReader<'_> {
        self.index.read()
    }

    /// The articles that mention `name` (ascending), from the index.
    fn mentioning(&self, name: &str) -> Vec<u32> {
        self.index()
            .get(name)
            .map(|e| e.articles.clone())
            .unwrap_or_default()
    }

    // ----- changing the state -----

    /// Adapts to a terminal of `width` × `height`: re-wraps the body to its new
    /// width, keeping the line that was at the top, and re-clamps every scroll.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::with_layout(width, height, &self.config.layout);
        self.body.resize(&self.geometry);
        self.list.keep_cursor_visible(&self.geometry);
        self.sidebar.keep_cursor_visible(&self.geometry);
        self.overlays.clamp(&self.geometry);
        if self.overlays.shown() == Some(Overlay::Quotes) {
            self.lay_out_quotes();
        }
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        self.status = None;
        // An open overlay sees every action first.
        if self.apply_in_quotes(action) == Handled::Consumed
            || self.overlays.apply(action, &self.geometry) == Handled::Consumed
        {
            return;
        }
        let before = self.reading_before();
        match action {
            Action::Quit => self.quit = true,
            // The terminal layer suspends lede; the reader's state stays as it is.
            Action::Suspend => {}
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::MoveTop
            | Action::MoveBottom => {
                if let Some(delta) = movement(action, self.page()) {
                    self.move_by(delta);
                }
            }
            Action::FocusNext => self.focus = Focus::ORDER[(self.focus.position() + 1) % 3],
            Action::FocusPrevious => self.focus = Focus::ORDER[(self.focus.position() + 2) % 3],
            Action::FocusLeft => {
                self.focus = Focus::ORDER[self.focus.position().saturating_sub(1)];
            }
            Action::FocusRight => self.focus = Focus::ORDER[(self.focus.position() + 1).min(2)],
            Action::OpenArticle => {
                if let Some(article) = self.list.at(self.list.cursor()) {
                    self.open_article(article);
                    self.focus = Focus::Body;
                }
            }
            Action::SelectEntity => self.select_entity(),
            Action::NextMention if self.is_searching() => self.step_match(true),
            Action::PreviousMention if self.is_searching() => self.step_match(false),
            Action::NextMention => self.step_mention(true),
            Action::PreviousMention => self.step_mention(false),
            Action::NextArticle => self.step_article(true),
            Action::PreviousArticle => self.step_article(false),
            Action::NextQuote => self.status = self.body.step_quote(true, &self.geometry),
            Action::PreviousQuote => self.status = self.body.step_quote(false, &self.geometry),
            Action::ToggleFilter => self.toggle_filter(),
            Action::ToggleScope => {
                let note = self.sidebar.toggle_scope();
                self.rebuild_sidebar();
                self.status = Some(note.to_string());
            }
            Action::ShowSkipped => self.overlays.show(Overlay::Skipped),
            Action::ShowHelp => self.overlays.show(Overlay::Help),
            Action::Back => self.back(),
            Action::CycleSort => self.cycle_sort(),
            Action::OpenLink => self.open_link(),
            Action::Reload => self.reload(),
            Action::FetchFullArticle => self.fetch_full_article(),
            Action::ShowQuotes => self.show_quotes(),
            // Only the quotes view does these (it has taken them above).
            Action::GoToQuote | Action::CopyQuote => {}
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleStar => self.toggle_star(),
            Action::NextUnread => self.next_unread(),
            Action::ToggleHideRead => self.toggle_hide_read(),
            Action::Search => self.open_search(),
            Action::GoToPrompt => self.open_go_to(),
            Action::NextGroup | Action::PreviousGroup => {
                let forward = action == Action::NextGroup;
                if let Some(kind) = self.sidebar.jump_group(forward, &self.geometry) {
                    self.status = Some(kind.heading().to_string());
                }
            }
            Action::HideEntity => self.hide_entity(),
            Action::CycleKind => self.cycle_kind(),
            Action::MarkEntity => self.mark_entity(),
            Action::MergeMarked => self.merge_marked(),
            Action::UndoCorrection => self.undo_correction(),
            Action::Edit(edit) => self.edit_prompt(edit),
        }
        // On a narrow screen only the focused pane shows: after moving through
        // the text, show the text.
        let moves_in_text = matches!(
            action,
            Action::SelectEntity
                | Action::NextMention
                | Action::PreviousMention
                | Action::NextQuote
                | Action::PreviousQuote
        );
        if self.geometry.narrow
            && moves_in_text
            && (self.current_mention().is_some()
                || self.body.quote().is_some()
                || self.current_match().is_some())
        {
            self.focus = Focus::Body;
        }
        self.reading_after(action, before);
    }

    /// A key that does nothing here (`name` as help shows keys): says so,
    /// and which key shows help (or, in an overlay, closes it).
    pub fn key_not_bound(&mut self, name: &str) {
        use crate::keymap::Context;
        let name = crate::sanitize::sanitize(name);
        let keymap = &self.config.keymap;
        let hint = if self.overlays.shown().is_some() {
            keymap
                .key_for(Action::Back, &[Context::Overlay])
                .map(|k| format!("{k} to close"))
        } else {
            keymap
                .key_for(Action::ShowHelp, Context::ALL)
                .map(|k| format!("{k} for help"))
        };
        self.status = Some(match hint {
            Some(hint) => format!("{name}: not bound here — {hint}"),
            None => format!("{name}: not bound here"),
        });
    }

    // ----- movement in the focused pane -----

    /// Lines one page moves in the focused pane.
    fn page(&self) -> usize {
        match self.focus {
            Focus::ArticleList => ArticleList::capacity(&self.geometry),
            Focus::Body => self.geometry.body_text_height().saturating_sub(1),
            Focus::Sidebar => self.geometry.sidebar_rows().saturating_sub(1),
        }
        .max(1)
    }

    /// Moves the focused pane's cursor (or the body's top) by `delta`,
    /// clamped at both ends (`isize::MIN`/`MAX` go to the top/bottom).
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::ArticleList => self.list.move_by(delta, &self.geometry),
            Focus::Body => self.body.scroll_by(delta, &self.geometry),
            Focus::Sidebar => self.sidebar.move_by(delta, &self.geometry),
        }
    }

    // ----- the open article -----

    /// Opens article `index`: lays it out, resets its scroll, points the list
    /// and sidebar cursors at it and at the selected entity.
    fn open_article(&mut self, index: usize) {
        if self.show_in_body(index) {
            self.list.point_at(index, &self.geometry);
        }
    }

    /// Lays article `index` out in the body, at its top, and lists its
    /// entities; `false` when there is no such article.
    fn show_in_body(&mut self, index: usize) -> bool {
        let Some(stored) = self.articles.get(index) else {
            return false;
        };
        let article = stored.to_article();
        let cached = self.analyses.get(index).cloned();
        let cached = cached.map(|a| self.corrected(&article.paragraphs, a));
        let also_in = self.also_in.get(&index).cloned().unwrap_or_default();
        self.body
            .open(index, article, cached, also_in, &self.geometry);
        self.find_in_open();
        self.sidebar_follows_body();
        true
    }

    /// The open article's analysis has arrived: the body and sidebar show it.
    fn set_open_analysis(&mut self, analysis: Analysis) {
        let analysis = match self.body.article_data() {
            Some((article, _)) => {
                let paragraphs = article.paragraphs.clone();
                self.corrected(&paragraphs, analysis)
            }
            None => analysis,
        };
        let selected = self.selected.as_deref();
        self.body.set_analysis(analysis, selected, &self.geometry);
        self.reading_analysed();
        self.sidebar_follows_body();
    }

    /// In article scope the sidebar lists the open article's entities.
    fn sidebar_follows_body(&mut self) {
        if self.sidebar.scope() == Scope::Article {
            self.rebuild_sidebar();
        }
    }

    // ----- articles -----

    /// s: the next list order, the cursor staying on its article.
    fn cycle_sort(&mut self) {
        let sort = self.list.sort().next(self.list.search().is_some());
        self.sort_list(sort);
        self.status = Some(sort.note().to_string());
    }

    /// Orders the whole list by `sort`, the cursor staying on its article.
    fn sort_list(&mut self, sort: SortOrder) {
        let keep = self.list.at(self.list.cursor());
        let keys = sort::Keys {
            articles: &self.articles,
            dates: &self.dates,
            relevance: self.list.relevance(),
            ranked: self.list.ranked(),
        };
        let order = keys.sorted(sort).unwrap_or_default();
        self.list.set_order(sort, order, keep, &self.geometry);
    }

    /// Puts `new` articles (just added, or one just `replaced`) in their
    /// places in a sorted list, the cursor staying on its article.
    fn sort_in(&mut self, new: Vec<u32>, replaced: Option<u32>) {
        let sort = self.list.sort();
        if sort == SortOrder::Load {
            return;
        }
        let keep = self.list.at(self.list.cursor());
        let mut order = self.list.take_order();
        if let Some(old) = replaced {
            order.retain(|&a| a != old);
        }
        let keys = sort::Keys {
            articles: &self.articles,
            dates: &self.dates,
            relevance: self.list.relevance(),
            ranked: self.list.ranked(),
        };
        keys.insert(sort, &mut order, new);
        self.list.set_order(sort, order, keep, &self.geometry);
        self.refresh_hidden();
    }

    /// J / K: opens the next (previous) article in the list.
    fn step_article(&mut self, forward: bool) {
        match self.list.neighbour(self.body.index(), forward) {
            Ok(article) => self.open_article(article),
            Err(why) => self.status = Some(why.to_string()),
        }
    }

    // ----- entities -----

    /// Lists the sidebar's scope again, cursor on the selected entity if
    /// listed. In collection scope only the counts are copied: rows are read
    /// from the index as they are drawn.
    fn rebuild_sidebar(&mut self) {
        let selected = self.selected.as_deref();
        match self.sidebar.scope() {
            Scope::Article => {
                let analysis = self.body.analysis();
                self.sidebar
                    .show_article(analysis, selected, &self.geometry);
            }
            Scope::Collection => {
                let index = self.index.read();
                self.sidebar
                    .show_collection(&index, selected, &self.geometry);
            }
        }
    }
}

/// Whether a component took an action or left it to the next one down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handled {
    Consumed,
    Ignored,
}

/// How far a movement action moves, with pages of `page` lines
/// (`isize::MIN`/`MAX`: to the top/bottom); `None` for other actions.
fn movement(action: Action, page: usize) -> Option<isize> {
    let page = to_isize(page);
    let half = (page / 2).max(1);
    Some(match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        Action::MoveTop => isize::MIN,
        Action::MoveBottom => isize::MAX,
        _ => return None,
    })
}

/// `value + delta`, clamped to `0..=last` (saturating at both ends).
fn step(value: usize, delta: isize, last: usize) -> usize {
    value.saturating_add_signed(delta).min(last)
}

/// "1 article", "3 articles".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Gives `name` its collection name, if `renames` has one.
fn renamed(name: &mut Option<String>, renames: &Renames) {
    if let Some(new) = name.as_ref().and_then(|n| renames.names.get(n)) {
        *name = Some(new.clone());
    }
}

/// An article index as the index stores it.
pub(crate) fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests;
