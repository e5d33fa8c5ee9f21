//! The article list pane: which articles it shows (all, or those mentioning
//! the filter entity), its cursor and its scroll. Articles are indices into the
//! app's collection; the list never holds an article itself.

use super::geometry::Geometry;
use super::{as_u32, step};

/// Which articles the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Visible {
    /// Every article, in load order.
    #[default]
    All,
    /// These articles (ascending): those mentioning the filter entity.
    Only(Vec<u32>),
}

/// The article list's state.
#[derive(Debug, Clone, Default)]
pub(super) struct ArticleList {
    /// Articles in the collection (what [`Visible::All`] shows).
    total: usize,
    visible: Visible,
    /// The cursor, a position in the list.
    cursor: usize,
    /// First list item showing.
    top: usize,
    /// Canonical name of the entity the list is filtered by.
    filter: Option<String>,
}

impl ArticleList {
    /// `added` more articles are in the collection.
    pub(super) fn grow(&mut self, added: usize) {
        self.total += added;
    }

    /// Number of articles the list shows.
    pub(super) fn len(&self) -> usize {
        match &self.visible {
            Visible::All => self.total,
            Visible::Only(v) => v.len(),
        }
    }

    /// The article at `position` in the list.
    pub(super) fn at(&self, position: usize) -> Option<usize> {
        match &self.visible {
            Visible::All => (position < self.total).then_some(position),
            Visible::Only(v) => v.get(position).map(|&a| a as usize),
        }
    }

    /// Where `article` is in the list, if it is shown.
    pub(super) fn position(&self, article: usize) -> Option<usize> {
        match &self.visible {
            Visible::All => (article < self.total).then_some(article),
            Visible::Only(v) => v.binary_search(&as_u32(article)).ok(),
        }
    }

    pub(super) fn cursor(&self) -> usize {
        self.cursor
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    pub(super) fn filter(&self) -> Option<&str> {
        self.filter.as_deref()
    }

    /// Articles the list shows at once (two rows each).
    pub(super) fn capacity(geometry: &Geometry) -> usize {
        (geometry.list_rows() / 2).max(1)
    }

    /// Moves the cursor by `delta`, clamped at both ends.
    pub(super) fn move_by(&mut self, delta: isize, geometry: &Geometry) {
        self.cursor = step(self.cursor, delta, self.len().saturating_sub(1));
        self.keep_cursor_visible(geometry);
    }

    /// Clamps the cursor to the list and scrolls so it shows.
    pub(super) fn keep_cursor_visible(&mut self, geometry: &Geometry) {
        self.cursor = self.cursor.min(self.len().saturating_sub(1));
        let capacity = Self::capacity(geometry);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + capacity {
            self.top = self.cursor + 1 - capacity;
        }
        self.top = self.top.min(self.len().saturating_sub(capacity));
    }

    /// Puts the cursor on `article` if the list shows it.
    pub(super) fn point_at(&mut self, article: usize, geometry: &Geometry) {
        if let Some(position) = self.position(article) {
            self.cursor = position;
            self.keep_cursor_visible(geometry);
        }
    }

    /// The article to open after (`forward`) or before `open`, or why there is
    /// none. When `open` is filtered out, the one under the cursor.
    pub(super) fn neighbour(&self, open: usize, forward: bool) -> Result<usize, &'static str> {
        let target = match (self.position(open), forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i.checked_sub(1).ok_or("This is the first article.")?,
            (None, _) => self.cursor,
        };
        self.at(target).ok_or("This is the last article.")
    }

    /// Shows only `articles` (ascending, not empty): those mentioning `name`.
    pub(super) fn filter_by(
        &mut self,
        name: String,
        articles: Vec<u32>,
        open: usize,
        geometry: &Geometry,
    ) {
        self.visible = Visible::Only(articles);
        self.filter = Some(name);
        self.cursor = self.position(open).unwrap_or(0);
        self.top = 0;
        self.keep_cursor_visible(geometry);
    }

    /// Shows every article again, the cursor on the open one.
    pub(super) fn clear_filter(&mut self, open: usize, geometry: &Geometry) {
        self.filter = None;
        self.visible = Visible::All;
        self.cursor = open.min(self.len().saturating_sub(1));
        self.keep_cursor_visible(geometry);
    }

    /// The filter entity is now mentioned in `articles` (the index grew or
    /// renamed it); an empty list keeps what is shown.
    pub(super) fn follow_filter(&mut self, articles: Vec<u32>, open: usize, geometry: &Geometry) {
        if !articles.is_empty() {
            self.visible = Visible::Only(articles);
            self.cursor = self.position(open).unwrap_or(self.cursor);
            self.keep_cursor_visible(geometry);
        }
    }

    /// The filter entity has a new canonical name.
    pub(super) fn filter_mut(&mut self) -> &mut Option<String> {
        &mut self.filter
    }
}

/// The articles just before and just after `article` in an ascending list of
/// articles (`article` itself need not be in it).
pub(super) fn around(articles: &[u32], article: usize) -> (Option<usize>, Option<usize>) {
    let article = as_u32(article);
    let before = articles.partition_point(|&a| a < article);
    let after = articles.partition_point(|&a| a <= article);
    let at = |i: Option<usize>| i.and_then(|i| articles.get(i)).map(|&a| a as usize);
    (at(before.checked_sub(1)), at(Some(after)))
}
