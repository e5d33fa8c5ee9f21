//! What the ui (and the tests) read of the reader's state: each answer comes
//! from the component that owns it. Nothing here changes the state.

use super::body_lines::{BodyLine, ParagraphMarks};
use super::geometry::Geometry;
use super::{App, Focus, Overlay, OverlayLine, Scope, SidebarRow, SortOrder};
use crate::action::Action;
use crate::config::Config;
use crate::keymap::{self, Context, Key, Keymap};
use crate::model::{Analysis, Article};

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

impl App {
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

    /// The list's order.
    pub fn sort_order(&self) -> SortOrder {
        self.list.sort()
    }

    /// The other sources article `index` also came from (duplicates).
    pub fn also_in(&self, index: usize) -> &[String] {
        self.also_in.get(&index).map_or(&[], Vec::as_slice)
    }

    /// The entity the list is filtered by (the last added).
    pub fn filter(&self) -> Option<&str> {
        self.list.filter()
    }

    /// Every entity the list is filtered by, first added first.
    pub fn filters(&self) -> &[String] {
        self.list.filters()
    }

    /// The text the list's titles or sources must hold.
    pub fn list_text_filter(&self) -> Option<&str> {
        self.list.text()
    }

    /// What the sidebar's names are narrowed to.
    pub fn sidebar_narrowed(&self) -> Option<&str> {
        self.sidebar.narrowed()
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
        if self.prompt().is_some() {
            return keymap::PROMPT_CONTEXTS.to_vec();
        }
        keymap::live_contexts(self.overlays.shown().is_some(), pane)
    }

    /// The action `key` stands for here and now.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.config.keymap.lookup(key, &self.key_contexts())
    }

    /// The key table in use (the default one with the config's keys).
    pub fn keymap(&self) -> &Keymap {
        &self.config.keymap
    }

    /// The config file's settings the reader runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The lines of the open overlay (empty when none is open).
    pub fn overlay_lines(&self) -> Vec<OverlayLine> {
        self.overlays.lines(&self.geometry)
    }
}
