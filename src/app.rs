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
use crate::analysis::index::{self, CollectionIndex, Renames};
use crate::keymap::{self, Context, Key};
use crate::model::{Analysis, Article, EntityKind, Span};
use crate::store::{self, StoredArticle};
use body_lines::{BodyLine, ParagraphMarks};
use geometry::Geometry;
use std::collections::{HashMap, VecDeque};
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
    /// Where each text line starts, as (paragraph, byte offset, line index) in
    /// order: finding the line of a mention is a binary search, not a walk.
    text_starts: Vec<(usize, usize, usize)>,
    /// Quotes and mentions per paragraph (independent of width).
    marks: Vec<ParagraphMarks>,
    /// First body line showing.
    top: usize,
}

/// The sidebar rows and cursor. In article scope the entities are listed
/// here; in collection scope they are read from the index's sidebar order, so
/// showing a large collection copies nothing.
#[derive(Debug, Clone, Default)]
struct SidebarView {
    /// The open article's entities as (name, kind, mentions), in sidebar order
    /// (article scope only).
    entities: Vec<(String, EntityKind, usize)>,
    /// Entities of each kind, in [`EntityKind::ALL`] order.
    kind_counts: [usize; 4],
    /// The cursor: position among the entities.
    cursor: usize,
    /// First row showing.
    top: usize,
}

impl SidebarView {
    fn entity_count(&self) -> usize {
        self.kind_counts.iter().sum()
    }

    /// Rows: a heading for each kind with entities, then its entities.
    fn len(&self) -> usize {
        self.kind_counts
            .iter()
            .filter(|&&c| c > 0)
            .map(|c| c + 1)
            .sum()
    }

    /// What row `row` is: a kind's heading, or the entity at a position.
    fn row(&self, mut row: usize) -> Option<RowKind> {
        let mut first = 0;
        for (kind, &count) in EntityKind::ALL.iter().zip(&self.kind_counts) {
            if count == 0 {
                continue;
            }
            if row == 0 {
                return Some(RowKind::Heading(*kind, count));
            }
            if row <= count {
                return Some(RowKind::Entity(first + row - 1));
            }
            row -= count + 1;
            first += count;
        }
        None
    }

    /// The row of the entity at `position`.
    fn row_of(&self, position: usize) -> Option<usize> {
        let (mut first, mut headings) = (0, 0);
        for &count in self.kind_counts.iter().filter(|&&c| c > 0) {
            headings += 1;
            if position < first + count {
                return Some(position + headings);
            }
            first += count;
        }
        None
    }
}

/// A sidebar row, before its entity is looked up.
enum RowKind {
    Heading(EntityKind, usize),
    Entity(usize),
}

/// Which articles the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Visible {
    /// Every article, in load order.
    All,
    /// These articles (ascending): those mentioning the filter entity.
    Only(Vec<u32>),
}

/// The open article, made whole from the store, and its analysis.
#[derive(Debug, Clone, Default)]
struct Opened {
    article: Article,
    /// Empty until the analysis arrives (`analysed` false).
    analysis: Analysis,
    analysed: bool,
}

/// Analyses by article, the least recently used dropped first.
#[derive(Debug, Clone, Default)]
struct AnalysisCache {
    map: HashMap<usize, Analysis>,
    order: VecDeque<usize>,
    capacity: usize,
}

impl AnalysisCache {
    fn with_capacity(capacity: usize) -> Self {
        AnalysisCache {
            capacity: capacity.max(1),
            ..AnalysisCache::default()
        }
    }

    fn get(&mut self, article: usize) -> Option<&Analysis> {
        if self.map.contains_key(&article) {
            self.touch(article);
        }
        self.map.get(&article)
    }

    fn has_room(&self) -> bool {
        self.map.len() < self.capacity
    }

    fn contains(&self, article: usize) -> bool {
        self.map.contains_key(&article)
    }

    fn insert(&mut self, article: usize, analysis: Analysis) {
        self.map.insert(article, analysis);
        self.touch(article);
        while self.map.len() > self.capacity {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
    }

    fn touch(&mut self, article: usize) {
        if self.order.back() != Some(&article) {
            if let Some(at) = self.order.iter().rposition(|&a| a == article) {
                self.order.remove(at);
            }
            self.order.push_back(article);
        }
    }

    fn rename_all(&mut self, renames: &Renames) {
        for analysis in self.map.values_mut() {
            index::apply_renames(analysis, renames);
        }
    }
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
    articles: Vec<Arc<StoredArticle>>,
    index: SharedIndex,
    cache: AnalysisCache,
    /// Collection names for the names articles use, once every article is analysed.
    renames: Option<Arc<Renames>>,
    progress: Progress,
    /// Articles whose analysis was asked for and has not arrived.
    asked: Vec<usize>,
    opened: Opened,
    skipped: Vec<String>,
    warnings: Vec<String>,
    geometry: Geometry,
    focus: Focus,
    overlay: Option<Overlay>,
    overlay_top: usize,
    /// Articles shown in the list (all, or those mentioning the filter entity).
    visible: Visible,
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
    /// n/N opened an article whose analysis has not arrived: go to its first
    /// (`true`) or last mention when it does.
    jump_pending: Option<bool>,
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
        app.cache = AnalysisCache::with_capacity(analyses.len().max(ANALYSIS_CACHE));
        for (i, analysis) in analyses.into_iter().enumerate() {
            app.cache.insert(i, analysis);
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
            cache: AnalysisCache::with_capacity(ANALYSIS_CACHE),
            renames: None,
            progress: Progress {
                loading: true,
                analysed: 0,
                done: false,
            },
            asked: Vec::new(),
            opened: Opened::default(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            geometry: Geometry::new(80, 24),
            focus: Focus::ArticleList,
            overlay: None,
            overlay_top: 0,
            visible: Visible::All,
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
            jump_pending: None,
            status: None,
            quit: false,
        }
    }

    // ----- the collection streaming in -----

    /// Appends articles (in load order). The first one opens.
    pub fn add_articles(&mut self, articles: Vec<Arc<StoredArticle>>) {
        let first = self.articles.is_empty();
        self.articles.extend(articles);
        if first && !self.articles.is_empty() {
            self.open_article(0);
        }
    }

    /// Adds loader messages: files skipped, problems with files that loaded.
    pub fn add_problems(&mut self, skipped: Vec<String>, warnings: Vec<String>) {
        self.skipped.extend(skipped);
        self.warnings.extend(warnings);
        self.overlay_top = self.overlay_top.min(self.overlay_max_top());
    }

    /// Every file has been read.
    pub fn loading_finished(&mut self) {
        self.progress.loading = false;
    }

    /// The analysis of article `article`, asked for by [`App::take_requests`].
    pub fn add_analysis(&mut self, article: usize, mut analysis: Analysis) {
        self.asked.retain(|&a| a != article);
        if let Some(renames) = &self.renames {
            index::apply_renames(&mut analysis, renames);
        }
        if article == self.open && !self.opened.analysed {
            self.set_open_analysis(analysis.clone());
        }
        self.cache.insert(article, analysis);
    }

    /// An analysis nobody asked for, kept only while the cache has room (so
    /// that a small collection is kept whole and opens instantly).
    pub fn offer_analysis(&mut self, article: usize, analysis: Analysis) {
        if self.cache.has_room() || article == self.open {
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
        let current = self.current_span();
        let rename = |name: &mut Option<String>| {
            if let Some(new) = name.as_ref().and_then(|n| renames.names.get(n)) {
                *name = Some(new.clone());
            }
        };
        rename(&mut self.selected);
        rename(&mut self.filter);
        self.cache.rename_all(&renames);
        if self.opened.analysed {
            let mut analysis = std::mem::take(&mut self.opened.analysis);
            index::apply_renames(&mut analysis, &renames);
            self.set_open_analysis(analysis);
            self.mention = current.and_then(|span| {
                let e = self.selected_in_open()?;
                self.opened
                    .analysis
                    .entities
                    .get(e)?
                    .mentions
                    .iter()
                    .position(|m| *m == span)
            });
        }
        self.renames = Some(renames);
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
        let here = self.visible_position(self.open);
        let neighbours = here.into_iter().flat_map(|p| {
            [p.checked_sub(1), Some(p + 1)]
                .into_iter()
                .flatten()
                .filter_map(|q| self.visible_at(q))
        });
        // n/N go on to the articles before and after this one that mention the
        // selected entity: have those ready too.
        let mentioning: Vec<usize> = self.selected.as_deref().map_or_else(Vec::new, |name| {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            let open = as_u32(self.open);
            let before = articles.partition_point(|&a| a < open);
            let after = articles.partition_point(|&a| a <= open);
            [before.checked_sub(1), Some(after)]
                .into_iter()
                .flatten()
                .filter_map(|i| articles.get(i).map(|&a| a as usize))
                .collect()
        });
        let wanted: Vec<usize> = std::iter::once(self.open)
            .chain(neighbours)
            .chain(mentioning)
            .filter(|&a| {
                let at_hand = self.cache.contains(a) || (a == self.open && self.opened.analysed);
                !at_hand && !self.asked.contains(&a)
            })
            .fold(Vec::new(), |mut wanted, a| {
                if !wanted.contains(&a) {
                    wanted.push(a);
                }
                wanted
            });
        self.asked.extend(&wanted);
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
        !self.asked.is_empty()
    }

    /// The index, read-locked for a moment.
    fn index(&self) -> RwLockReadGuard<'_, CollectionIndex> {
        self.index.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// After the index changed: the filtered list and the collection sidebar follow it.
    fn refresh_from_index(&mut self) {
        if let Some(name) = &self.filter {
            let articles = self
                .index()
                .get(name)
                .map(|e| e.articles.clone())
                .unwrap_or_default();
            if !articles.is_empty() {
                self.visible = Visible::Only(articles);
                self.list_cursor = self.visible_position(self.open).unwrap_or(self.list_cursor);
                self.keep_list_cursor_visible();
            }
        }
        if self.scope == Scope::Collection {
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
        self.overlay
    }

    /// First overlay line showing.
    pub fn overlay_top(&self) -> usize {
        self.overlay_top
    }

    /// Number of articles the list shows.
    pub fn visible_len(&self) -> usize {
        match &self.visible {
            Visible::All => self.articles.len(),
            Visible::Only(v) => v.len(),
        }
    }

    /// The article at `position` in the list.
    pub fn visible_at(&self, position: usize) -> Option<usize> {
        match &self.visible {
            Visible::All => (position < self.articles.len()).then_some(position),
            Visible::Only(v) => v.get(position).map(|&a| a as usize),
        }
    }

    /// Where article `article` is in the list, if it is shown.
    fn visible_position(&self, article: usize) -> Option<usize> {
        match &self.visible {
            Visible::All => (article < self.articles.len()).then_some(article),
            Visible::Only(v) => v.binary_search(&as_u32(article)).ok(),
        }
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

    /// The open article and its analysis (none when no article has loaded;
    /// the analysis is empty until it arrives, see [`App::open_is_analysed`]).
    pub fn open_article_data(&self) -> Option<(&Article, &Analysis)> {
        (!self.articles.is_empty()).then_some((&self.opened.article, &self.opened.analysis))
    }

    /// Whether the open article's analysis has arrived.
    pub fn open_is_analysed(&self) -> bool {
        self.opened.analysed
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
        let end = top.saturating_add(count).min(self.sidebar_len());
        let index = (self.scope == Scope::Collection).then(|| self.index());
        (top..end)
            .filter_map(|row| self.row_with(row, index.as_deref()))
            .collect()
    }

    /// Sidebar row `row`, collection entities read from `index`.
    fn row_with(&self, row: usize, index: Option<&CollectionIndex>) -> Option<SidebarRow> {
        match self.sidebar.row(row)? {
            RowKind::Heading(kind, entities) => Some(SidebarRow::Heading { kind, entities }),
            RowKind::Entity(position) => match self.scope {
                Scope::Article => self
                    .sidebar
                    .entities
                    .get(position)
                    .map(|(name, kind, count)| SidebarRow::Entity {
                        name: name.clone(),
                        kind: *kind,
                        count: *count,
                    }),
                Scope::Collection => index?.at(position).map(|e| SidebarRow::Entity {
                    name: e.name.clone(),
                    kind: e.kind,
                    count: e.articles.len(),
                }),
            },
        }
    }

    /// Row index of the sidebar cursor, if the sidebar has any entity.
    pub fn sidebar_cursor_row(&self) -> Option<usize> {
        self.sidebar.row_of(self.sidebar.cursor)
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
        self.opened
            .analysis
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
            .and_then(|e| self.opened.analysis.entities.get(e))
            .map_or(0, |e| e.mentions.len());
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
                if let Some(article) = self.visible_at(self.list_cursor) {
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
                let last = self.visible_len().saturating_sub(1);
                self.list_cursor = step(self.list_cursor, delta, last);
                self.keep_list_cursor_visible();
            }
            Focus::Body => {
                self.body.top = step(self.body.top, delta, self.body_max_top());
            }
            Focus::Sidebar => {
                let last = self.sidebar.entity_count().saturating_sub(1);
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
        self.list_cursor = self.list_cursor.min(self.visible_len().saturating_sub(1));
        let capacity = self.list_capacity();
        if self.list_cursor < self.list_top {
            self.list_top = self.list_cursor;
        } else if self.list_cursor >= self.list_top + capacity {
            self.list_top = self.list_cursor + 1 - capacity;
        }
        self.list_top = self
            .list_top
            .min(self.visible_len().saturating_sub(capacity));
    }

    fn keep_sidebar_cursor_visible(&mut self) {
        let rows = self.geometry.sidebar_rows().max(1);
        let Some(row) = self.sidebar_cursor_row() else {
            self.sidebar.top = 0;
            return;
        };
        // Show the group heading too when the cursor is on the group's first entity.
        let heading_above =
            row > 0 && matches!(self.sidebar.row(row - 1), Some(RowKind::Heading(..)));
        let first = if heading_above { row - 1 } else { row };
        if first < self.sidebar.top {
            self.sidebar.top = first;
        } else if row >= self.sidebar.top + rows {
            self.sidebar.top = row + 1 - rows;
        }
        self.sidebar.top = self
            .sidebar
            .top
            .min(self.sidebar.len().saturating_sub(rows));
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
        let Some(stored) = self.articles.get(index) else {
            return;
        };
        let article = stored.to_article();
        self.open = index;
        self.mention = None;
        self.quote = None;
        self.jump_pending = None;
        let cached = self.cache.get(index).cloned();
        self.opened = Opened {
            article,
            analysed: cached.is_some(),
            analysis: cached.unwrap_or_default(),
        };
        self.body = BodyView {
            marks: body_lines::marks(&self.opened.article, &self.opened.analysis),
            ..BodyView::default()
        };
        self.layout_body(self.geometry.body_text_width());
        if let Some(position) = self.visible_position(index) {
            self.list_cursor = position;
            self.keep_list_cursor_visible();
        }
        if self.scope == Scope::Article {
            self.rebuild_sidebar();
        }
    }

    /// The open article's analysis has arrived (or was renamed): mark and
    /// lay it out again, keeping the text at the top of the body in place.
    fn set_open_analysis(&mut self, analysis: Analysis) {
        let anchor = self.anchor();
        self.opened.analysis = analysis;
        self.opened.analysed = true;
        self.body.marks = body_lines::marks(&self.opened.article, &self.opened.analysis);
        self.layout_body(self.body.width);
        if let Some(anchor) = anchor {
            self.restore(anchor);
        }
        if self.scope == Scope::Article {
            self.rebuild_sidebar();
        }
        if let Some(forward) = self.jump_pending.take() {
            self.go_to_first_or_last_mention(forward);
        }
    }

    /// The span of the current mention, which survives renames and merges.
    fn current_span(&self) -> Option<Span> {
        let (entity, index) = self.current_mention()?;
        self.opened
            .analysis
            .entities
            .get(entity)?
            .mentions
            .get(index)
            .copied()
    }

    fn layout_body(&mut self, width: usize) {
        if !self.articles.is_empty() {
            self.body.lines =
                body_lines::layout(&self.opened.article, &self.opened.analysis, width);
            self.body.text_starts = (self.body.lines.iter().enumerate())
                .filter_map(|(i, line)| match line {
                    BodyLine::Text { paragraph, range } => Some((*paragraph, range.start, i)),
                    _ => None,
                })
                .collect();
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

    /// The body line showing byte `offset` of `paragraph`: the last text line
    /// of that paragraph starting at or before it.
    fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let starts = &self.body.text_starts;
        let after = starts.partition_point(|&(p, start, _)| (p, start) <= (paragraph, offset));
        let &(p, _, line) = starts.get(after.checked_sub(1)?)?;
        (p == paragraph).then_some(line)
    }

    // ----- articles -----

    fn step_article(&mut self, forward: bool) {
        let here = self.visible_position(self.open);
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
        match self.visible_at(target) {
            Some(article) => self.open_article(article),
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
            .index()
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
        self.visible = Visible::Only(articles);
        self.filter = Some(name);
        self.list_cursor = self.visible_position(self.open).unwrap_or(0);
        self.list_top = 0;
        self.keep_list_cursor_visible();
    }

    fn clear_filter(&mut self) {
        self.filter = None;
        self.visible = Visible::All;
        self.list_cursor = self.open.min(self.visible_len().saturating_sub(1));
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

    /// Rebuilds the sidebar for the scope, cursor on the selected entity if
    /// listed. In collection scope only the counts are copied: rows are read
    /// from the index as they are drawn.
    fn rebuild_sidebar(&mut self) {
        let (entities, kind_counts, selected) = match self.scope {
            Scope::Article => {
                let mut entities: Vec<(String, EntityKind, usize)> = self
                    .opened
                    .analysis
                    .entities
                    .iter()
                    .map(|e| (e.name.clone(), e.kind, e.mentions.len()))
                    .collect();
                // By kind, then mentions (most first), then name.
                entities.sort_by(|a, b| {
                    (a.1, std::cmp::Reverse(a.2), &a.0).cmp(&(b.1, std::cmp::Reverse(b.2), &b.0))
                });
                let mut kind_counts = [0; 4];
                for (_, kind, _) in &entities {
                    if let Some(k) = EntityKind::ALL.iter().position(|x| x == kind) {
                        kind_counts[k] += 1;
                    }
                }
                let selected = self
                    .selected
                    .as_deref()
                    .and_then(|name| entities.iter().position(|e| e.0 == name));
                (entities, kind_counts, selected)
            }
            Scope::Collection => {
                let index = self.index();
                let selected = self.selected.as_deref().and_then(|n| index.position(n));
                (Vec::new(), index.kind_counts(), selected)
            }
        };
        let top = self.sidebar.top;
        self.sidebar = SidebarView {
            entities,
            kind_counts,
            cursor: selected.unwrap_or(0),
            top: if selected.is_some() { top } else { 0 },
        };
        self.keep_sidebar_cursor_visible();
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
        self.mention = None;
        if self.selected.as_deref() == Some(name.as_str()) {
            self.selected = None;
            self.status = Some(format!("{name}: selection cleared"));
            return;
        }
        self.selected = Some(name.clone());
        let articles = self.index().get(&name).map_or(0, |e| e.articles.len());
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
            .and_then(|e| self.opened.analysis.entities.get(e)?.mentions.get(index))
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
            .and_then(|e| self.opened.analysis.entities.get(e))
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|s| self.line_of(s.paragraph, s.start).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let count = lines.len();
        // A current mention the reader has scrolled away from no longer anchors
        // n/N: they go on from what is on screen.
        let bottom = self.body.top + self.geometry.body_text_height();
        let current = self.mention.filter(|&i| {
            lines
                .get(i)
                .is_some_and(|&l| (self.body.top..bottom).contains(&l))
        });
        let target = match (current, forward) {
            (Some(i), true) => Some(i + 1).filter(|&j| j < count),
            (Some(i), false) => i.checked_sub(1),
            // No current mention: search from what is on screen, as `less` does.
            (None, true) => lines.iter().position(|&l| l >= self.body.top),
            (None, false) => lines.iter().rposition(|&l| l < bottom),
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
        // Looked up in the index's sorted list: no copy, no scan.
        let (target, wrapped, only_one) = {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            let open = as_u32(self.open);
            let after = articles.partition_point(|&a| a <= open);
            let before = articles.partition_point(|&a| a < open);
            let (target, wrapped) = if forward {
                match articles.get(after) {
                    Some(&a) => (Some(a as usize), false),
                    None => (articles.first().map(|&a| a as usize), true),
                }
            } else {
                match before.checked_sub(1).and_then(|i| articles.get(i)) {
                    Some(&a) => (Some(a as usize), false),
                    None => (articles.last().map(|&a| a as usize), true),
                }
            };
            (target, wrapped, articles.len() == 1)
        };
        let Some(target) = target else {
            self.status = Some(format!("No article mentions {name}."));
            return;
        };
        let stays = target == self.open;
        if !stays {
            self.open_article(target);
        }
        if self.opened.analysed {
            self.go_to_first_or_last_mention(forward);
        } else {
            // Its analysis is on the way: go there when it arrives.
            self.jump_pending = Some(forward);
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

    /// Goes to the selected entity's first (`forward`) or last mention here.
    fn go_to_first_or_last_mention(&mut self, forward: bool) {
        let count = self
            .selected_in_open()
            .and_then(|e| self.opened.analysis.entities.get(e))
            .map_or(0, |e| e.mentions.len());
        self.go_to_mention(if forward { 0 } else { count.saturating_sub(1) });
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

/// An article index as the index stores it.
fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests;
