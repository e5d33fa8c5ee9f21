//! The reader's state and what every [`Action`] does to it. Sits between the
//! analysed collection and the panes: `ui` draws a `&App`, `tui` feeds it
//! actions and sizes. No IO and no terminal here, so every key sequence can be
//! tested on a plain value.
//!
//! Scrolling, clamping and keeping the current mention visible all happen in
//! [`App::apply`] and [`App::resize`]; drawing never changes state.

mod analyses;
mod body;
pub mod body_lines;
#[cfg(test)]
pub(crate) mod fixture;
pub mod geometry;
mod list;
mod overlay;
mod sidebar;

use crate::action::Action;
use crate::analysis::index::{CollectionIndex, Renames};
use crate::keymap::{self, Context, Key};
use crate::model::{Analysis, Article};
use crate::store::{self, StoredArticle};
use analyses::Analyses;
use body::Body;
use body_lines::{BodyLine, ParagraphMarks};
use geometry::Geometry;
use list::ArticleList;
use overlay::Overlays;
pub use overlay::{Overlay, OverlayLine};
use sidebar::Sidebar;
pub use sidebar::{Scope, SidebarRow};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

/// The collection index, shared with the background indexer that fills it
/// while a collection streams in (see [`crate::pipeline`]).
pub type SharedIndex = Arc<RwLock<CollectionIndex>>;

/// Full analyses kept for opening articles again quickly. The rest of the
/// collection is kept as text only (its entities are in the index), so memory
/// does not grow with the analyses of every article; an article whose analysis
/// is not here is analysed again, ahead of everything else.
pub const ANALYSIS_CACHE: usize = 256;

/// How far loading and analysis have got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Files are still being read.
    pub loading: bool,
    /// Articles whose entities are in the index.
    pub analysed: usize,
    /// Everything is analysed and names are unified across the collection.
    pub done: bool,
}

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

/// The selected entity's place, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionPosition {
    pub name: String,
    /// Current mention (0-based) in the open article, if one is current.
    pub current: Option<usize>,
    /// Mentions in the open article.
    pub here: usize,
    /// Articles in the collection that mention it.
    pub articles: usize,
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    articles: Vec<Arc<StoredArticle>>,
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
    /// Canonical name of the selected entity; kept across articles.
    selected: Option<String>,
    status: Option<String>,
    quit: bool,
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
        let mut app = App::loading(Arc::new(RwLock::new(index)));
        app.analyses = Analyses::with_capacity(analyses.len().max(ANALYSIS_CACHE));
        for (i, analysis) in analyses.into_iter().enumerate() {
            app.analyses.insert(i, analysis);
        }
        app.add_articles(store::store_all(articles));
        app.add_problems(skipped, warnings);
        app.progress = Progress {
            loading: false,
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
            index,
            analyses: Analyses::with_capacity(ANALYSIS_CACHE),
            progress: Progress {
                loading: true,
                analysed: 0,
                done: false,
            },
            geometry: Geometry::new(80, 24),
            focus: Focus::ArticleList,
            overlays: Overlays::default(),
            list: ArticleList::default(),
            body: Body::default(),
            sidebar: Sidebar::default(),
            selected: None,
            status: None,
            quit: false,
        }
    }

    // ----- the collection streaming in -----

    /// Appends articles (in load order). The first one opens.
    pub fn add_articles(&mut self, articles: Vec<Arc<StoredArticle>>) {
        let first = self.articles.is_empty();
        self.list.grow(articles.len());
        self.articles.extend(articles);
        if first && !self.articles.is_empty() {
            self.open_article(0);
        }
    }

    /// Adds loader messages: files skipped, problems with files that loaded.
    pub fn add_problems(&mut self, skipped: Vec<String>, warnings: Vec<String>) {
        self.overlays
            .add_problems(skipped, warnings, &self.geometry);
    }

    /// Every file has been read.
    pub fn loading_finished(&mut self) {
        self.progress.loading = false;
    }

    /// The analysis of article `article`, asked for by [`App::take_requests`].
    pub fn add_analysis(&mut self, article: usize, mut analysis: Analysis) {
        self.analyses.arrived(article, &mut analysis);
        if article == self.body.index() && !self.body.is_analysed() {
            self.set_open_analysis(analysis.clone());
        }
        self.analyses.insert(article, analysis);
    }

    /// An analysis nobody asked for, kept only while the cache has room (so
    /// that a small collection is kept whole and opens instantly).
    pub fn offer_analysis(&mut self, article: usize, analysis: Analysis) {
        if self.analyses.has_room() || article == self.body.index() {
            self.add_analysis(article, analysis);
        }
    }

    /// The index now holds `analysed` articles and may have a new sidebar order.
    pub fn indexed(&mut self, analysed: usize) {
        self.progress.analysed = analysed;
        self.refresh_from_index();
    }

    /// Every article is analysed; `renames` turn the names articles use into
    /// the collection's names, which the index now uses.
    pub fn unified(&mut self, renames: Arc<Renames>) {
        // The current mention, found again by its place in the text.
        let current = self.body.current_span(self.selected.as_deref());
        renamed(&mut self.selected, &renames);
        renamed(self.list.filter_mut(), &renames);
        self.analyses.unify(Arc::clone(&renames));
        if self.body.is_analysed() {
            let selected = self.selected.as_deref();
            self.body
                .rename(&renames, selected, current, &self.geometry);
            self.sidebar_follows_body();
        }
        self.progress.done = true;
        self.progress.loading = false;
        self.progress.analysed = self.articles.len();
        self.refresh_from_index();
    }

    /// Articles whose analyses the reader wants first: the open article, and
    /// the ones before and after it in the list, when not at hand and not yet
    /// asked for. Each is returned once; the answer comes to [`App::add_analysis`].
    pub fn take_requests(&mut self) -> Vec<usize> {
        if self.articles.is_empty() {
            return Vec::new();
        }
        let open = self.body.index();
        let here = self.list.position(open);
        let neighbours = here.into_iter().flat_map(|p| {
            [p.checked_sub(1), Some(p + 1)]
                .into_iter()
                .flatten()
                .filter_map(|q| self.list.at(q))
        });
        // n/N go on to the articles before and after this one that mention the
        // selected entity: have those ready too.
        let mentioning: Vec<usize> = self.selected.as_deref().map_or_else(Vec::new, |name| {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            let (before, after) = list::around(articles, open);
            before.into_iter().chain(after).collect()
        });
        let wanted: Vec<usize> = std::iter::once(open)
            .chain(neighbours)
            .chain(mentioning)
            .filter(|&a| {
                let at_hand = self.analyses.contains(a) || (a == open && self.body.is_analysed());
                !at_hand && !self.analyses.is_asked(a)
            })
            .fold(Vec::new(), |mut wanted, a| {
                if !wanted.contains(&a) {
                    wanted.push(a);
                }
                wanted
            });
        self.analyses.ask(&wanted);
        wanted
    }

    /// The stored article at `index`.
    pub fn stored(&self, index: usize) -> Option<&Arc<StoredArticle>> {
        self.articles.get(index)
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Whether an analysis the app asked for has not arrived yet.
    pub fn waiting_for_analysis(&self) -> bool {
        self.analyses.waiting()
    }

    /// The index, read-locked for a moment.
    fn index(&self) -> RwLockReadGuard<'_, CollectionIndex> {
        read(&self.index)
    }

    /// The articles that mention `name` (ascending), from the index.
    fn mentioning(&self, name: &str) -> Vec<u32> {
        self.index()
            .get(name)
            .map(|e| e.articles.clone())
            .unwrap_or_default()
    }

    /// After the index changed: the filtered list and the collection sidebar follow it.
    fn refresh_from_index(&mut self) {
        if let Some(articles) = self.list.filter().map(|name| self.mentioning(name)) {
            let open = self.body.index();
            self.list.follow_filter(articles, open, &self.geometry);
        }
        if self.sidebar.scope() == Scope::Collection {
            self.rebuild_sidebar();
        }
    }

    // ----- reading the state (for the ui and tests) -----

    /// Number of articles loaded so far.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlays.shown()
    }

    /// First overlay line showing.
    pub fn overlay_top(&self) -> usize {
        self.overlays.top()
    }

    /// Number of articles the list shows.
    pub fn visible_len(&self) -> usize {
        self.list.len()
    }

    /// The article at `position` in the list.
    pub fn visible_at(&self, position: usize) -> Option<usize> {
        self.list.at(position)
    }

    /// Indices of the articles the list shows, in order (a copy: for tests
    /// and small collections; the ui reads [`App::visible_at`]).
    pub fn visible_articles(&self) -> Vec<usize> {
        (0..self.visible_len())
            .filter_map(|p| self.visible_at(p))
            .collect()
    }

    /// The list cursor, as a position in the list.
    pub fn list_cursor(&self) -> usize {
        self.list.cursor()
    }

    /// First list item showing.
    pub fn list_top(&self) -> usize {
        self.list.top()
    }

    /// The entity the list is filtered by.
    pub fn filter(&self) -> Option<&str> {
        self.list.filter()
    }

    /// Index of the open article.
    pub fn open_index(&self) -> usize {
        self.body.index()
    }

    /// The open article and its analysis (none when no article has loaded;
    /// the analysis is empty until it arrives, see [`App::open_is_analysed`]).
    pub fn open_article_data(&self) -> Option<(&Article, &Analysis)> {
        self.body.article_data()
    }

    /// Whether the open article's analysis has arrived.
    pub fn open_is_analysed(&self) -> bool {
        self.body.is_analysed()
    }

    pub fn body_lines(&self) -> &[BodyLine] {
        self.body.lines()
    }

    /// First body line showing.
    pub fn body_top(&self) -> usize {
        self.body.top()
    }

    /// Marks of one paragraph of the open article.
    pub fn marks(&self, paragraph: usize) -> Option<&ParagraphMarks> {
        self.body.marks(paragraph)
    }

    pub fn scope(&self) -> Scope {
        self.sidebar.scope()
    }

    /// Number of sidebar rows (headings and entities).
    pub fn sidebar_len(&self) -> usize {
        self.sidebar.len()
    }

    /// Sidebar row `row`.
    pub fn sidebar_row(&self, row: usize) -> Option<SidebarRow> {
        self.sidebar_rows(row, 1).pop()
    }

    /// The sidebar rows from `top`, at most `count` of them (the index is
    /// read once for all of them).
    pub fn sidebar_rows(&self, top: usize, count: usize) -> Vec<SidebarRow> {
        let index = (self.sidebar.scope() == Scope::Collection).then(|| self.index());
        self.sidebar.rows(top, count, index.as_deref())
    }

    /// Row index of the sidebar cursor, if the sidebar has any entity.
    pub fn sidebar_cursor_row(&self) -> Option<usize> {
        self.sidebar.cursor_row()
    }

    /// First sidebar row showing.
    pub fn sidebar_top(&self) -> usize {
        self.sidebar.top()
    }

    /// Canonical name of the selected entity.
    pub fn selected_entity(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Index of the selected entity among the open article's entities.
    pub fn selected_in_open(&self) -> Option<usize> {
        self.body.entity_index(self.selected.as_deref())
    }

    /// The current mention as (entity index, mention index) in the open article.
    pub fn current_mention(&self) -> Option<(usize, usize)> {
        self.body.current_mention(self.selected.as_deref())
    }

    /// Index of the current quote in the open article.
    pub fn current_quote(&self) -> Option<usize> {
        self.body.quote()
    }

    /// The selected entity's mention position, for the status line.
    pub fn mention_position(&self) -> Option<MentionPosition> {
        let name = self.selected.clone()?;
        let here = self.body.mentions_here(Some(&name));
        let articles = self.index().get(&name).map_or(0, |e| e.articles.len());
        Some(MentionPosition {
            name,
            current: self.current_mention().map(|(_, i)| i),
            here,
            articles,
        })
    }

    /// The one-off message for the status line, if the last action left one.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Files that could not be loaded, each with its reason.
    pub fn skipped(&self) -> &[String] {
        self.overlays.skipped()
    }

    pub fn warnings(&self) -> &[String] {
        self.overlays.warnings()
    }

    /// Whether the reader asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The key-table contexts live now, in lookup order.
    pub fn key_contexts(&self) -> Vec<Context> {
        let pane = match self.focus {
            Focus::ArticleList => Context::ArticleList,
            Focus::Body => Context::Move,
            Focus::Sidebar => Context::Sidebar,
        };
        keymap::live_contexts(self.overlays.shown().is_some(), pane)
    }

    /// The action `key` stands for here and now.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        keymap::lookup(key, &self.key_contexts())
    }

    /// The lines of the open overlay (empty when none is open).
    pub fn overlay_lines(&self) -> Vec<OverlayLine> {
        self.overlays.lines(&self.geometry)
    }

    // ----- changing the state -----

    /// Adapts to a terminal of `width` × `height`: re-wraps the body to its new
    /// width, keeping the line that was at the top, and re-clamps every scroll.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::new(width, height);
        self.body.resize(&self.geometry);
        self.list.keep_cursor_visible(&self.geometry);
        self.sidebar.keep_cursor_visible(&self.geometry);
        self.overlays.clamp(&self.geometry);
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        self.status = None;
        // An open overlay sees every action first.
        if self.overlays.apply(action, &self.geometry) == Handled::Consumed {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
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
            && (self.current_mention().is_some() || self.body.quote().is_some())
        {
            self.focus = Focus::Body;
        }
    }

    /// Esc: close what is open, innermost first.
    fn back(&mut self) {
        if self.list.filter().is_some() {
            self.clear_filter();
        } else if let Some(name) = self.selected.take() {
            self.body.clear_mention();
            self.status = Some(format!("{name}: selection cleared"));
        }
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
        let Some(stored) = self.articles.get(index) else {
            return;
        };
        let article = stored.to_article();
        let cached = self.analyses.get(index).cloned();
        self.body.open(index, article, cached, &self.geometry);
        self.list.point_at(index, &self.geometry);
        self.sidebar_follows_body();
    }

    /// The open article's analysis has arrived: the body and sidebar show it.
    fn set_open_analysis(&mut self, analysis: Analysis) {
        let selected = self.selected.as_deref();
        self.body.set_analysis(analysis, selected, &self.geometry);
        self.sidebar_follows_body();
    }

    /// In article scope the sidebar lists the open article's entities.
    fn sidebar_follows_body(&mut self) {
        if self.sidebar.scope() == Scope::Article {
            self.rebuild_sidebar();
        }
    }

    // ----- articles -----

    /// J / K: opens the next (previous) article in the list.
    fn step_article(&mut self, forward: bool) {
        match self.list.neighbour(self.body.index(), forward) {
            Ok(article) => self.open_article(article),
            Err(why) => self.status = Some(why.to_string()),
        }
    }

    /// f: filter by the selected entity; clear the filter when it is already
    /// by that entity (or nothing is selected); switch it to a newly selected one.
    fn toggle_filter(&mut self) {
        let filter = self.list.filter();
        if filter.is_some() && (self.selected.is_none() || filter == self.selected.as_deref()) {
            self.clear_filter();
            return;
        }
        let Some(name) = self.selected.clone() else {
            self.status = Some("Select an entity first (Enter in the sidebar).".to_string());
            return;
        };
        let articles = self.mentioning(&name);
        if articles.is_empty() {
            self.status = Some(format!("No article mentions {name}."));
            return;
        }
        self.status = Some(format!(
            "Listing {} mentioning {name} (f or Esc: all).",
            count(articles.len(), "article")
        ));
        self.list
            .filter_by(name, articles, self.body.index(), &self.geometry);
    }

    fn clear_filter(&mut self) {
        self.list.clear_filter(self.body.index(), &self.geometry);
        self.status = Some(format!("Listing all {} articles.", self.articles.len()));
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
                let index = read(&self.index);
                self.sidebar
                    .show_collection(&index, selected, &self.geometry);
            }
        }
    }

    /// Enter in the sidebar: select the entity under the cursor (or clear it if
    /// it is already selected) and go to its first mention here.
    fn select_entity(&mut self) {
        let Some(SidebarRow::Entity { name, .. }) = self
            .sidebar_cursor_row()
            .and_then(|row| self.sidebar_row(row))
        else {
            return;
        };
        self.body.clear_mention();
        if self.selected.as_deref() == Some(name.as_str()) {
            self.selected = None;
            self.status = Some(format!("{name}: selection cleared"));
            return;
        }
        self.selected = Some(name.clone());
        let articles = self.index().get(&name).map_or(0, |e| e.articles.len());
        if self.selected_in_open().is_some() {
            self.body.go_to_mention(Some(&name), 0, &self.geometry);
            let here = self.mention_position().map_or(0, |p| p.here);
            self.status = Some(format!(
                "{name}: {} here, {} in all. n/N: next/previous.",
                count(here, "mention"),
                count(articles, "article")
            ));
        } else {
            self.status = Some(format!(
                "{name} is not in this article but in {}. n: go there.",
                count(articles, "other article")
            ));
        }
    }

    /// n / N: the next (previous) mention of the selected entity; past the last
    /// (first) one here, on to the next (previous) article that mentions it,
    /// wrapping around the collection.
    fn step_mention(&mut self, forward: bool) {
        let Some(name) = self.selected.clone() else {
            self.status = Some("Select an entity first (Enter in the sidebar).".to_string());
            return;
        };
        if !self.body.step_mention(&name, forward, &self.geometry) {
            self.jump_to_article_mentioning(&name, forward);
        }
    }

    /// Opens the next (previous) article mentioning `name`, wrapping around, at
    /// its first (last) mention.
    fn jump_to_article_mentioning(&mut self, name: &str, forward: bool) {
        // Looked up in the index's sorted list: no copy, no scan.
        let (target, wrapped, only_one) = {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            let (before, after) = list::around(articles, self.body.index());
            let (next, wrap_to) = if forward {
                (after, articles.first())
            } else {
                (before, articles.last())
            };
            let (target, wrapped) = match next {
                Some(a) => (Some(a), false),
                None => (wrap_to.map(|&a| a as usize), true),
            };
            (target, wrapped, articles.len() == 1)
        };
        let Some(target) = target else {
            self.status = Some(format!("No article mentions {name}."));
            return;
        };
        let stays = target == self.body.index();
        if !stays {
            self.open_article(target);
        }
        if self.body.is_analysed() {
            let selected = self.selected.as_deref();
            self.body
                .go_to_first_or_last_mention(selected, forward, &self.geometry);
        } else {
            // Its analysis is on the way: go there when it arrives.
            self.body.jump_when_analysed(forward);
        }
        let title = self.articles.get(target).map_or("", |a| a.title());
        let arrow = if forward { "→ next" } else { "← previous" };
        let wrap_note = if wrapped { " (wrapped around)" } else { "" };
        // "Only this article" is true only when the one article is the open one.
        self.status = Some(if only_one && stays {
            format!(
                "Only this article mentions {name}; back to its {} mention.",
                if forward { "first" } else { "last" }
            )
        } else {
            format!("{arrow} article mentioning {name}{wrap_note}: {title}")
        });
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

/// Reads `index` for as long as the guard lives (as before a panic poisoned
/// the lock, if one did).
fn read(index: &SharedIndex) -> RwLockReadGuard<'_, CollectionIndex> {
    index.read().unwrap_or_else(PoisonError::into_inner)
}

/// Gives `name` its collection name, if `renames` has one.
fn renamed(name: &mut Option<String>, renames: &Renames) {
    if let Some(new) = name.as_ref().and_then(|n| renames.names.get(n)) {
        *name = Some(new.clone());
    }
}

/// An article index as the index stores it.
fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests;
