//! The reader's state and what every [`Action`] does to it. Sits between the
//! analysed collection and the panes: `ui` draws a `&App`, `tui` feeds it
//! actions and sizes. No IO and no terminal here, so every key sequence can be
//! tested on a plain value.
//!
//! Scrolling, clamping and keeping the current mention visible all happen in
//! [`App::apply`] and [`App::resize`]; drawing never changes state.

pub mod body_lines;
#[cfg(test)]
pub(crate) mod fixture;
pub mod geometry;

use crate::action::Action;
use crate::analysis::index::CollectionIndex;
use crate::keymap::{self, Context, Key};
use crate::model::{Analysis, Article, EntityKind};
use body_lines::{BodyLine, ParagraphMarks};
use geometry::Geometry;

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

/// A box drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key table.
    Help,
    /// Files that were skipped while loading, and the loader's warnings.
    Skipped,
}

/// What the sidebar lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The open article's entities, with mention counts.
    #[default]
    Article,
    /// Every entity of the collection, with article counts.
    Collection,
}

/// One row of the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidebarRow {
    /// A group heading with the number of entities in it.
    Heading { kind: EntityKind, entities: usize },
    /// An entity with its count: mentions (article scope) or articles (collection scope).
    Entity {
        name: String,
        kind: EntityKind,
        count: usize,
    },
}

/// One line of an overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverlayLine {
    Heading(String),
    /// A key (or file) and what it does (or what went wrong).
    Row(String, String),
    Text(String),
    Blank,
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

/// The open article laid out for the body pane at one width.
#[derive(Debug, Clone, Default)]
struct BodyView {
    /// The width `lines` were wrapped to (0: not laid out yet).
    width: usize,
    lines: Vec<BodyLine>,
    /// Quotes and mentions per paragraph (independent of width).
    marks: Vec<ParagraphMarks>,
    /// First body line showing.
    top: usize,
}

/// The sidebar rows and cursor.
#[derive(Debug, Clone, Default)]
struct SidebarView {
    rows: Vec<SidebarRow>,
    /// Row index of each entity row, in order; the cursor indexes this.
    entity_rows: Vec<usize>,
    cursor: usize,
    /// First row showing.
    top: usize,
}

/// Where the top of the body is, in terms that survive re-wrapping.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    paragraph: usize,
    offset: usize,
    /// Lines shown above the anchored text line (title, blank lines ...).
    above: usize,
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    articles: Vec<Article>,
    analyses: Vec<Analysis>,
    index: CollectionIndex,
    skipped: Vec<String>,
    warnings: Vec<String>,
    geometry: Geometry,
    focus: Focus,
    overlay: Option<Overlay>,
    overlay_top: usize,
    /// Articles shown in the list (all, or those mentioning the filter entity).
    visible: Vec<usize>,
    /// Cursor in the list, an index into `visible`.
    list_cursor: usize,
    /// First list item showing.
    list_top: usize,
    /// Canonical name of the entity the list is filtered by.
    filter: Option<String>,
    /// Index of the article in the body.
    open: usize,
    body: BodyView,
    scope: Scope,
    sidebar: SidebarView,
    /// Canonical name of the selected entity; kept across articles.
    selected: Option<String>,
    /// Current mention: index into the selected entity's mentions in the open article.
    mention: Option<usize>,
    /// Current quote: index into the open article's quotes.
    quote: Option<usize>,
    status: Option<String>,
    quit: bool,
}

impl App {
    /// A reader over `articles` and their `analyses` (same order). `skipped` and
    /// `warnings` are the loader's messages, shown on request. Starts at 80 × 24
    /// with the first article open; call [`App::resize`] with the real size.
    pub fn new(
        articles: Vec<Article>,
        mut analyses: Vec<Analysis>,
        skipped: Vec<String>,
        warnings: Vec<String>,
    ) -> Self {
        analyses.resize_with(articles.len(), Analysis::default);
        let index = CollectionIndex::build(&analyses);
        let visible = (0..articles.len()).collect();
        let mut app = App {
            articles,
            analyses,
            index,
            skipped,
            warnings,
            geometry: Geometry::new(80, 24),
            focus: Focus::ArticleList,
            overlay: None,
            overlay_top: 0,
            visible,
            list_cursor: 0,
            list_top: 0,
            filter: None,
            open: 0,
            body: BodyView::default(),
            scope: Scope::Article,
            sidebar: SidebarView::default(),
            selected: None,
            mention: None,
            quote: None,
            status: None,
            quit: false,
        };
        app.open_article(0);
        app
    }

    // ----- reading the state (for the ui and tests) -----

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn analyses(&self) -> &[Analysis] {
        &self.analyses
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// First overlay line showing.
    pub fn overlay_top(&self) -> usize {
        self.overlay_top
    }

    /// Indices of the articles the list shows, in order.
    pub fn visible_articles(&self) -> &[usize] {
        &self.visible
    }

    /// The list cursor, as an index into [`App::visible_articles`].
    pub fn list_cursor(&self) -> usize {
        self.list_cursor
    }

    /// First list item showing.
    pub fn list_top(&self) -> usize {
        self.list_top
    }

    /// The entity the list is filtered by.
    pub fn filter(&self) -> Option<&str> {
        self.filter.as_deref()
    }

    /// Index of the open article.
    pub fn open_index(&self) -> usize {
        self.open
    }

    /// The open article and its analysis (none when the collection is empty).
    pub fn open_article_data(&self) -> Option<(&Article, &Analysis)> {
        Some((self.articles.get(self.open)?, self.analyses.get(self.open)?))
    }

    pub fn body_lines(&self) -> &[BodyLine] {
        &self.body.lines
    }

    /// First body line showing.
    pub fn body_top(&self) -> usize {
        self.body.top
    }

    /// Marks of one paragraph of the open article.
    pub fn marks(&self, paragraph: usize) -> Option<&ParagraphMarks> {
        self.body.marks.get(paragraph)
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn sidebar_rows(&self) -> &[SidebarRow] {
        &self.sidebar.rows
    }

    /// Row index of the sidebar cursor, if the sidebar has any entity.
    pub fn sidebar_cursor_row(&self) -> Option<usize> {
        self.sidebar.entity_rows.get(self.sidebar.cursor).copied()
    }

    /// First sidebar row showing.
    pub fn sidebar_top(&self) -> usize {
        self.sidebar.top
    }

    /// Canonical name of the selected entity.
    pub fn selected_entity(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Index of the selected entity among the open article's entities.
    pub fn selected_in_open(&self) -> Option<usize> {
        let name = self.selected.as_deref()?;
        self.analyses
            .get(self.open)?
            .entities
            .iter()
            .position(|e| e.name == name)
    }

    /// The current mention as (entity index, mention index) in the open article.
    pub fn current_mention(&self) -> Option<(usize, usize)> {
        Some((self.selected_in_open()?, self.mention?))
    }

    /// Index of the current quote in the open article.
    pub fn current_quote(&self) -> Option<usize> {
        self.quote
    }

    /// The selected entity's mention position, for the status line.
    pub fn mention_position(&self) -> Option<MentionPosition> {
        let name = self.selected.clone()?;
        let here = self
            .selected_in_open()
            .and_then(|e| self.analyses.get(self.open)?.entities.get(e))
            .map_or(0, |e| e.mentions.len());
        let articles = self.index.get(&name).map_or(0, |e| e.articles.len());
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
        &self.skipped
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
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
        keymap::live_contexts(self.overlay.is_some(), pane)
    }

    /// The action `key` stands for here and now.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        keymap::lookup(key, &self.key_contexts())
    }

    /// The lines of the open overlay (empty when none is open).
    pub fn overlay_lines(&self) -> Vec<OverlayLine> {
        match self.overlay {
            None => Vec::new(),
            Some(Overlay::Help) => {
                let mut lines = Vec::new();
                for (heading, rows) in keymap::help_sections() {
                    if !lines.is_empty() {
                        lines.push(OverlayLine::Blank);
                    }
                    lines.push(OverlayLine::Heading(heading.to_string()));
                    lines.extend(
                        rows.into_iter()
                            .map(|(keys, what)| OverlayLine::Row(keys, what.to_string())),
                    );
                }
                lines
            }
            Some(Overlay::Skipped) => {
                let mut lines = vec![OverlayLine::Heading(format!(
                    "Skipped files ({})",
                    self.skipped.len()
                ))];
                if self.skipped.is_empty() {
                    lines.push(OverlayLine::Text("No file was skipped.".to_string()));
                }
                lines.extend(self.skipped.iter().flat_map(|s| self.overlay_text(s)));
                lines.push(OverlayLine::Blank);
                lines.push(OverlayLine::Heading(format!(
                    "Warnings ({})",
                    self.warnings.len()
                )));
                if self.warnings.is_empty() {
                    lines.push(OverlayLine::Text("No warnings.".to_string()));
                }
                lines.extend(self.warnings.iter().flat_map(|s| self.overlay_text(s)));
                lines
            }
        }
    }

    /// A message wrapped to the overlay box (inside its border and indent).
    fn overlay_text(&self, text: &str) -> Vec<OverlayLine> {
        let width = usize::from(self.geometry.overlay.inner().width).saturating_sub(2);
        crate::reflow::wrap(text, width)
            .into_iter()
            .filter_map(|range| text.get(range))
            .map(|line| OverlayLine::Text(line.to_string()))
            .collect()
    }

    // ----- changing the state -----

    /// Adapts to a terminal of `width` × `height`: re-wraps the body to its new
    /// width, keeping the line that was at the top, and re-clamps every scroll.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::new(width, height);
        let width = self.geometry.body_text_width();
        if width != self.body.width {
            let anchor = self.anchor();
            self.layout_body(width);
            if let Some(anchor) = anchor {
                self.restore(anchor);
            }
        }
        self.clamp_body();
        self.keep_list_cursor_visible();
        self.keep_sidebar_cursor_visible();
        self.overlay_top = self.overlay_top.min(self.overlay_max_top());
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        self.status = None;
        if self.overlay.is_some() {
            self.apply_in_overlay(action);
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_by(to_isize(self.page())),
            Action::PageUp => self.move_by(-to_isize(self.page())),
            Action::HalfPageDown => self.move_by(to_isize(self.half_page())),
            Action::HalfPageUp => self.move_by(-to_isize(self.half_page())),
            Action::MoveTop => self.move_by(isize::MIN),
            Action::MoveBottom => self.move_by(isize::MAX),
            Action::FocusNext => self.focus = Focus::ORDER[(self.focus.position() + 1) % 3],
            Action::FocusPrevious => self.focus = Focus::ORDER[(self.focus.position() + 2) % 3],
            Action::FocusLeft => {
                self.focus = Focus::ORDER[self.focus.position().saturating_sub(1)];
            }
            Action::FocusRight => self.focus = Focus::ORDER[(self.focus.position() + 1).min(2)],
            Action::OpenArticle => {
                if let Some(&article) = self.visible.get(self.list_cursor) {
                    self.open_article(article);
                    self.focus = Focus::Body;
                }
            }
            Action::SelectEntity => self.select_entity(),
            Action::NextMention => self.step_mention(true),
            Action::PreviousMention => self.step_mention(false),
            Action::NextArticle => self.step_article(true),
            Action::PreviousArticle => self.step_article(false),
            Action::NextQuote => self.step_quote(true),
            Action::PreviousQuote => self.step_quote(false),
            Action::ToggleFilter => self.toggle_filter(),
            Action::ToggleScope => self.toggle_scope(),
            Action::ShowSkipped => self.show_overlay(Overlay::Skipped),
            Action::ShowHelp => self.show_overlay(Overlay::Help),
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
            && (self.current_mention().is_some() || self.quote.is_some())
        {
            self.focus = Focus::Body;
        }
    }

    fn apply_in_overlay(&mut self, action: Action) {
        let rows = self.geometry.overlay_rows();
        let max = self.overlay_max_top();
        let top = self.overlay_top;
        self.overlay_top = match action {
            Action::Quit => {
                self.quit = true;
                top
            }
            Action::Back | Action::ShowHelp | Action::ShowSkipped => {
                self.overlay = None;
                0
            }
            Action::MoveDown => top + 1,
            Action::MoveUp => top.saturating_sub(1),
            Action::PageDown => top + rows.max(1),
            Action::PageUp => top.saturating_sub(rows.max(1)),
            Action::HalfPageDown => top + (rows / 2).max(1),
            Action::HalfPageUp => top.saturating_sub((rows / 2).max(1)),
            Action::MoveTop => 0,
            Action::MoveBottom => max,
            _ => top,
        }
        .min(max);
    }

    fn show_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_top = 0;
    }

    fn overlay_max_top(&self) -> usize {
        self.overlay_lines()
            .len()
            .saturating_sub(self.geometry.overlay_rows())
    }

    /// Esc: close what is open, innermost first.
    fn back(&mut self) {
        if self.filter.is_some() {
            self.clear_filter();
        } else if let Some(name) = self.selected.take() {
            self.mention = None;
            self.status = Some(format!("{name}: selection cleared"));
        }
    }

    // ----- movement in the focused pane -----

    /// Lines one page moves in the focused pane.
    fn page(&self) -> usize {
        match self.focus {
            Focus::ArticleList => self.list_capacity(),
            Focus::Body => self.geometry.body_text_height().saturating_sub(1),
            Focus::Sidebar => self.geometry.sidebar_rows().saturating_sub(1),
        }
        .max(1)
    }

    fn half_page(&self) -> usize {
        (self.page() / 2).max(1)
    }

    /// Moves the focused pane's cursor (or the body's top) by `delta`,
    /// clamped at both ends (`isize::MIN`/`MAX` go to the top/bottom).
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::ArticleList => {
                let last = self.visible.len().saturating_sub(1);
                self.list_cursor = step(self.list_cursor, delta, last);
                self.keep_list_cursor_visible();
            }
            Focus::Body => {
                self.body.top = step(self.body.top, delta, self.body_max_top());
            }
            Focus::Sidebar => {
                let last = self.sidebar.entity_rows.len().saturating_sub(1);
                self.sidebar.cursor = step(self.sidebar.cursor, delta, last);
                if delta == isize::MIN {
                    self.sidebar.top = 0;
                }
                self.keep_sidebar_cursor_visible();
            }
        }
    }

    /// Articles the list shows at once (two rows each).
    fn list_capacity(&self) -> usize {
        (self.geometry.list_rows() / 2).max(1)
    }

    fn keep_list_cursor_visible(&mut self) {
        self.list_cursor = self.list_cursor.min(self.visible.len().saturating_sub(1));
        let capacity = self.list_capacity();
        if self.list_cursor < self.list_top {
            self.list_top = self.list_cursor;
        } else if self.list_cursor >= self.list_top + capacity {
            self.list_top = self.list_cursor + 1 - capacity;
        }
        self.list_top = self
            .list_top
            .min(self.visible.len().saturating_sub(capacity));
    }

    fn keep_sidebar_cursor_visible(&mut self) {
        let rows = self.geometry.sidebar_rows().max(1);
        let Some(row) = self.sidebar_cursor_row() else {
            self.sidebar.top = 0;
            return;
        };
        // Show the group heading too when the cursor is on the group's first entity.
        let heading_above = row > 0
            && matches!(
                self.sidebar.rows.get(row - 1),
                Some(SidebarRow::Heading { .. })
            );
        let first = if heading_above { row - 1 } else { row };
        if first < self.sidebar.top {
            self.sidebar.top = first;
        } else if row >= self.sidebar.top + rows {
            self.sidebar.top = row + 1 - rows;
        }
        self.sidebar.top = self
            .sidebar
            .top
            .min(self.sidebar.rows.len().saturating_sub(rows));
    }

    fn body_max_top(&self) -> usize {
        self.body
            .lines
            .len()
            .saturating_sub(self.geometry.body_text_height())
    }

    fn clamp_body(&mut self) {
        self.body.top = self.body.top.min(self.body_max_top());
    }

    /// Scrolls the body so `line` shows, a third of the way down if it must move.
    fn scroll_to_line(&mut self, line: usize) {
        let height = self.geometry.body_text_height();
        if line < self.body.top || line >= self.body.top + height {
            self.body.top = line.saturating_sub(height / 3);
        }
        self.clamp_body();
    }

    // ----- the open article -----

    /// Opens article `index`: lays it out, resets its scroll, points the list
    /// and sidebar cursors at it and at the selected entity.
    fn open_article(&mut self, index: usize) {
        if index >= self.articles.len() {
            return;
        }
        self.open = index;
        self.mention = None;
        self.quote = None;
        self.body = BodyView {
            marks: body_lines::marks(&self.articles[index], &self.analyses[index]),
            ..BodyView::default()
        };
        self.layout_body(self.geometry.body_text_width());
        if let Some(position) = self.visible.iter().position(|&a| a == index) {
            self.list_cursor = position;
            self.keep_list_cursor_visible();
        }
        if self.scope == Scope::Article {
            self.rebuild_sidebar();
        }
    }

    fn layout_body(&mut self, width: usize) {
        if let Some((article, analysis)) = self.open_article_data() {
            self.body.lines = body_lines::layout(article, analysis, width);
        }
        self.body.width = width;
    }

    /// The top of the body as (paragraph, offset), found at or below the top line.
    fn anchor(&self) -> Option<Anchor> {
        let lines = self.body.lines.get(self.body.top..)?;
        lines
            .iter()
            .enumerate()
            .find_map(|(above, line)| match line {
                BodyLine::Text { paragraph, range } => Some(Anchor {
                    paragraph: *paragraph,
                    offset: range.start,
                    above,
                }),
                _ => None,
            })
    }

    fn restore(&mut self, anchor: Anchor) {
        let line = self.line_of(anchor.paragraph, anchor.offset);
        self.body.top = line.map_or(0, |l| l.saturating_sub(anchor.above));
        self.clamp_body();
    }

    /// The body line showing byte `offset` of `paragraph`.
    fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let mut found = None;
        for (i, line) in self.body.lines.iter().enumerate() {
            if let BodyLine::Text {
                paragraph: p,
                range,
            } = line
            {
                if *p == paragraph && range.start <= offset {
                    found = Some(i);
                } else if *p > paragraph {
                    break;
                }
            }
        }
        found
    }

    // ----- articles -----

    fn step_article(&mut self, forward: bool) {
        let here = self.visible.iter().position(|&a| a == self.open);
        let target = match (here, forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => {
                let Some(j) = i.checked_sub(1) else {
                    self.status = Some("This is the first article.".to_string());
                    return;
                };
                j
            }
            // The open article is filtered out: start from the list cursor.
            (None, _) => self.list_cursor,
        };
        match self.visible.get(target) {
            Some(&article) => self.open_article(article),
            None => self.status = Some("This is the last article.".to_string()),
        }
    }

    /// f: filter by the selected entity; clear the filter when it is already
    /// by that entity (or nothing is selected); switch it to a newly selected one.
    fn toggle_filter(&mut self) {
        if self.filter.is_some() && (self.selected.is_none() || self.filter == self.selected) {
            self.clear_filter();
            return;
        }
        let Some(name) = self.selected.clone() else {
            self.status = Some("Select an entity first (Enter in the sidebar).".to_string());
            return;
        };
        let articles = self
            .index
            .get(&name)
            .map(|e| e.articles.clone())
            .unwrap_or_default();
        if articles.is_empty() {
            self.status = Some(format!("No article mentions {name}."));
            return;
        }
        self.status = Some(format!(
            "Listing {} mentioning {name} (f or Esc: all).",
            count(articles.len(), "article")
        ));
        self.visible = articles;
        self.filter = Some(name);
        self.list_cursor = self
            .visible
            .iter()
            .position(|&a| a == self.open)
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_list_cursor_visible();
    }

    fn clear_filter(&mut self) {
        self.filter = None;
        self.visible = (0..self.articles.len()).collect();
        self.list_cursor = self.open.min(self.visible.len().saturating_sub(1));
        self.keep_list_cursor_visible();
        self.status = Some(format!("Listing all {} articles.", self.articles.len()));
    }

    // ----- entities -----

    fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::Article => Scope::Collection,
            Scope::Collection => Scope::Article,
        };
        self.rebuild_sidebar();
        self.status = Some(
            match self.scope {
                Scope::Article => "Sidebar: this article's entities, with mentions.",
                Scope::Collection => "Sidebar: the whole collection's entities, with articles.",
            }
            .to_string(),
        );
    }

    /// Rebuilds the sidebar rows for the scope, cursor on the selected entity if listed.
    fn rebuild_sidebar(&mut self) {
        let mut entities: Vec<(String, EntityKind, usize, usize)> = match self.scope {
            Scope::Article => self
                .analyses
                .get(self.open)
                .map(|a| {
                    a.entities
                        .iter()
                        .map(|e| (e.name.clone(), e.kind, e.mentions.len(), 0))
                        .collect()
                })
                .unwrap_or_default(),
            Scope::Collection => self
                .index
                .sorted()
                .map(|e| (e.name.clone(), e.kind, e.articles.len(), e.mentions))
                .collect(),
        };
        // By kind, then count (most first), then the tie-breaker count, then name.
        entities.sort_by(|a, b| {
            (a.1, std::cmp::Reverse(a.2), std::cmp::Reverse(a.3), &a.0).cmp(&(
                b.1,
                std::cmp::Reverse(b.2),
                std::cmp::Reverse(b.3),
                &b.0,
            ))
        });
        let mut rows = Vec::with_capacity(entities.len() + 4);
        let mut entity_rows = Vec::with_capacity(entities.len());
        for kind in EntityKind::ALL {
            let group: Vec<_> = entities.iter().filter(|e| e.1 == kind).collect();
            if group.is_empty() {
                continue;
            }
            rows.push(SidebarRow::Heading {
                kind,
                entities: group.len(),
            });
            for (name, kind, count, _) in group {
                entity_rows.push(rows.len());
                rows.push(SidebarRow::Entity {
                    name: name.clone(),
                    kind: *kind,
                    count: *count,
                });
            }
        }
        let cursor = self
            .selected
            .as_deref()
            .and_then(|name| {
                entity_rows.iter().position(
                    |&r| matches!(&rows[r], SidebarRow::Entity { name: n, .. } if n == name),
                )
            })
            .unwrap_or(0);
        self.sidebar = SidebarView {
            rows,
            entity_rows,
            cursor,
            top: 0,
        };
        self.keep_sidebar_cursor_visible();
    }

    /// Enter in the sidebar: select the entity under the cursor (or clear it if
    /// it is already selected) and go to its first mention here.
    fn select_entity(&mut self) {
        let Some(SidebarRow::Entity { name, .. }) = self
            .sidebar_cursor_row()
            .and_then(|row| self.sidebar.rows.get(row))
        else {
            return;
        };
        let name = name.clone();
        self.mention = None;
        if self.selected.as_deref() == Some(name.as_str()) {
            self.selected = None;
            self.status = Some(format!("{name}: selection cleared"));
            return;
        }
        self.selected = Some(name.clone());
        let articles = self.index.get(&name).map_or(0, |e| e.articles.len());
        if self.selected_in_open().is_some() {
            self.go_to_mention(0);
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

    /// Makes mention `index` of the selected entity current and scrolls to it.
    fn go_to_mention(&mut self, index: usize) {
        let span = self
            .selected_in_open()
            .and_then(|e| {
                self.analyses
                    .get(self.open)?
                    .entities
                    .get(e)?
                    .mentions
                    .get(index)
            })
            .copied();
        if let Some(span) = span {
            self.mention = Some(index);
            if let Some(line) = self.line_of(span.paragraph, span.start) {
                self.scroll_to_line(line);
            }
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
        let lines: Vec<usize> = self
            .selected_in_open()
            .and_then(|e| self.analyses.get(self.open)?.entities.get(e))
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|s| self.line_of(s.paragraph, s.start).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let count = lines.len();
        let target = match (self.mention, forward) {
            (Some(i), true) => Some(i + 1).filter(|&j| j < count),
            (Some(i), false) => i.checked_sub(1),
            // No current mention: search from what is on screen, as `less` does.
            (None, true) => lines.iter().position(|&l| l >= self.body.top),
            (None, false) => {
                let bottom = self.body.top + self.geometry.body_text_height();
                lines.iter().rposition(|&l| l < bottom)
            }
        };
        if let Some(index) = target {
            self.go_to_mention(index);
            return;
        }
        self.jump_to_article_mentioning(&name, forward);
    }

    /// Opens the next (previous) article mentioning `name`, wrapping around, at
    /// its first (last) mention.
    fn jump_to_article_mentioning(&mut self, name: &str, forward: bool) {
        let articles = self
            .index
            .get(name)
            .map(|e| e.articles.clone())
            .unwrap_or_default();
        let after = articles.iter().copied().find(|&a| a > self.open);
        let before = articles.iter().copied().rev().find(|&a| a < self.open);
        let (target, wrapped) = if forward {
            match after {
                Some(a) => (Some(a), false),
                None => (articles.first().copied(), true),
            }
        } else {
            match before {
                Some(a) => (Some(a), false),
                None => (articles.last().copied(), true),
            }
        };
        let Some(target) = target else {
            self.status = Some(format!("No article mentions {name}."));
            return;
        };
        if target != self.open {
            self.open_article(target);
        }
        let count = self
            .selected_in_open()
            .and_then(|e| self.analyses.get(self.open)?.entities.get(e))
            .map_or(0, |e| e.mentions.len());
        self.go_to_mention(if forward { 0 } else { count.saturating_sub(1) });
        let title = self.articles.get(target).map_or("", |a| a.title.as_str());
        let arrow = if forward { "→ next" } else { "← previous" };
        let wrap_note = if wrapped { " (wrapped around)" } else { "" };
        self.status = Some(if articles.len() == 1 {
            format!(
                "Only this article mentions {name}; back to its {} mention.",
                if forward { "first" } else { "last" }
            )
        } else {
            format!("{arrow} article mentioning {name}{wrap_note}: {title}")
        });
    }

    // ----- quotes -----

    fn step_quote(&mut self, forward: bool) {
        let Some((_, analysis)) = self.open_article_data() else {
            return;
        };
        let lines: Vec<usize> = analysis
            .quotes
            .iter()
            .map(|q| self.line_of(q.span.paragraph, q.span.start).unwrap_or(0))
            .collect();
        if lines.is_empty() {
            self.status = Some("No quotes in this article.".to_string());
            return;
        }
        let target = match (self.quote, forward) {
            (Some(i), true) => Some(i + 1).filter(|&j| j < lines.len()),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => lines.iter().position(|&l| l >= self.body.top),
            (None, false) => lines.iter().rposition(|&l| l < self.body.top),
        };
        let Some(index) = target else {
            self.status = Some(
                if forward {
                    "No more quotes below."
                } else {
                    "No more quotes above."
                }
                .to_string(),
            );
            return;
        };
        let speaker = analysis
            .quotes
            .get(index)
            .and_then(|q| analysis.speaker_name(q))
            .map_or_else(|| "speaker unknown".to_string(), |s| format!("— {s}"));
        self.status = Some(format!("Quote {}/{} {speaker}", index + 1, lines.len()));
        self.quote = Some(index);
        if let Some(&line) = lines.get(index) {
            self.scroll_to_line(line);
        }
    }
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

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests;
