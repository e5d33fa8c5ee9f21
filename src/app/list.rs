//! The article list pane: which articles it shows (all, or those left by its
//! filters: the entities they must mention and the text their title or source
//! must hold), in which order, its cursor and its scroll. Articles are
//! indices into the app's collection; the list never holds an article itself.
//! The order itself is worked out by [`super::sort`]; the list keeps it and
//! each article's place in it, so that finding an article is a lookup.

use super::geometry::Geometry;
use super::sort::SortOrder;
use super::{as_u32, step};

/// Which articles the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Visible {
    /// Every article, in list order.
    #[default]
    All,
    /// These articles, in list order: those the filters leave.
    Only(Vec<u32>),
    /// The first this many articles of the list's order: a search's
    /// matches in their own order (best first), when no other filter is on.
    /// (Articles that arrive meanwhile are no match: they sort after them.)
    Leading(usize),
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
    /// Canonical names of the entities the list is filtered by, in the order
    /// they were added (articles must mention them all).
    filters: Vec<String>,
    /// Text the articles' title or source must hold (`/` in the list).
    text: Option<String>,
    /// The search across the collection (`:` and a query), while it is on.
    search: Option<Matches>,
    sort: SortOrder,
    /// Every article in list order when sorted; empty in load order.
    order: Vec<u32>,
    /// Where each article is in `order`; empty in load order.
    rank: Vec<u32>,
    /// While read articles are hidden: the articles of `visible` still
    /// shown, in list order (see [`ArticleList::narrow`]). Whatever changes
    /// `visible` drops it, for the app to narrow the list again.
    narrowed: Option<Vec<u32>>,
}

/// What a search across the collection found: the list shows only these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Matches {
    /// The query as typed.
    pub(super) query: String,
    /// The matches, best first. (Each one's place among them is the list's
    /// own rank while the list is in relevance order: see [`ArticleList::relevance`].)
    pub(super) ranked: Vec<u32>,
    /// The list's order before the search, for when it ends.
    pub(super) sort_before: SortOrder,
}

impl Matches {
    /// The matches `ranked` best first.
    pub(super) fn new(query: String, ranked: Vec<u32>, sort_before: SortOrder) -> Matches {
        Matches {
            query,
            ranked,
            sort_before,
        }
    }

    /// The matches in ascending order, each one of `total` articles: made
    /// when another filter or order needs them, not for every search.
    pub(super) fn ascending(&self, total: usize) -> Vec<u32> {
        // Without a sort: a bit per article (a million articles take 125
        // KB), then the bits set, in order.
        let mut bits = vec![0u64; total.div_ceil(64)];
        for &article in &self.ranked {
            if let Some(word) = bits.get_mut(article as usize / 64) {
                *word |= 1 << (article % 64);
            }
        }
        let mut articles = Vec::with_capacity(self.ranked.len());
        for (w, &word) in (0u32..).zip(&bits) {
            let mut rest = word;
            while rest != 0 {
                articles.push(w * 64 + rest.trailing_zeros());
                rest &= rest - 1;
            }
        }
        articles
    }
}

/// The articles of a list (of the index's) nearest to one article, in list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Around {
    pub(super) before: Option<usize>,
    pub(super) after: Option<usize>,
    pub(super) first: Option<usize>,
    pub(super) last: Option<usize>,
}

impl ArticleList {
    /// `added` more articles are in the collection.
    pub(super) fn grow(&mut self, added: usize) {
        self.total += added;
        self.narrowed = None;
    }

    /// Number of articles the list shows.
    pub(super) fn len(&self) -> usize {
        self.narrowed
            .as_ref()
            .map_or_else(|| self.base_len(), Vec::len)
    }

    /// Number of articles the list shows with read ones not hidden.
    pub(super) fn base_len(&self) -> usize {
        match &self.visible {
            Visible::All => self.total,
            Visible::Only(v) => v.len(),
            Visible::Leading(n) => *n,
        }
    }

    /// The article at `position` in the list.
    pub(super) fn at(&self, position: usize) -> Option<usize> {
        match &self.narrowed {
            Some(narrowed) => narrowed.get(position).map(|&a| a as usize),
            None => self.base_at(position),
        }
    }

    /// The article at `position` in the list with read ones not hidden.
    pub(super) fn base_at(&self, position: usize) -> Option<usize> {
        match &self.visible {
            Visible::All if self.is_sorted() => self.order.get(position).map(|&a| a as usize),
            Visible::All => (position < self.total).then_some(position),
            Visible::Only(v) => v.get(position).map(|&a| a as usize),
            Visible::Leading(n) if position < *n => self.order.get(position).map(|&a| a as usize),
            Visible::Leading(_) => None,
        }
    }

    /// Where `article` is in the list, if it is shown.
    pub(super) fn position(&self, article: usize) -> Option<usize> {
        let in_list = |v: &[u32]| {
            let key = self.key(as_u32(article));
            v.binary_search_by_key(&key, |&a| self.key(a)).ok()
        };
        match (&self.narrowed, &self.visible) {
            (Some(narrowed), _) => in_list(narrowed),
            // An article the order has no place for (not a match of the
            // search whose order it is) is not listed.
            (None, Visible::All) if self.is_sorted() => self
                .rank
                .get(article)
                .filter(|&&r| r != u32::MAX)
                .map(|&r| r as usize),
            (None, Visible::All) => (article < self.total).then_some(article),
            (None, Visible::Only(v)) => in_list(v),
            (None, Visible::Leading(n)) => self
                .rank
                .get(article)
                .filter(|&&r| (r as usize) < *n)
                .map(|&r| r as usize),
        }
    }

    /// Hides the articles `shown` says no to (read ones), keeping the cursor
    /// on `anchor` if it is still shown, else on the next one shown.
    pub(super) fn narrow(
        &mut self,
        shown: impl Fn(usize) -> bool,
        anchor: Option<usize>,
        geometry: &Geometry,
    ) {
        let narrowed: Vec<u32> = (0..self.base_len())
            .filter_map(|p| self.base_at(p))
            .filter(|&a| shown(a))
            .map(as_u32)
            .collect();
        if let Some(article) = anchor {
            // The anchor, or the first article shown after it.
            let key = self.key(as_u32(article));
            self.cursor = narrowed.partition_point(|&a| self.key(a) < key);
        }
        self.narrowed = Some(narrowed);
        self.keep_cursor_visible(geometry);
    }

    /// Whether read articles are hidden now (see [`ArticleList::narrow`]).
    pub(super) fn is_narrowed(&self) -> bool {
        self.narrowed.is_some()
    }

    /// Shows the read articles again, the cursor on `anchor`.
    pub(super) fn widen(&mut self, anchor: Option<usize>, geometry: &Geometry) {
        self.narrowed = None;
        if let Some(article) = anchor {
            self.point_at(article, geometry);
        }
        self.keep_cursor_visible(geometry);
    }

    fn is_sorted(&self) -> bool {
        self.sort != SortOrder::Load
    }

    /// What orders the list: the article's place among all (its index in load order).
    fn key(&self, article: u32) -> u32 {
        if self.is_sorted() {
            self.rank.get(article as usize).copied().unwrap_or(u32::MAX)
        } else {
            article
        }
    }

    /// What the list shows of `articles` (ascending), in list order.
    fn in_list_order(&self, mut articles: Vec<u32>) -> Visible {
        if !self.is_sorted() {
            return Visible::Only(articles);
        }
        // Best first, and every match shown: the search's own order, which
        // leads the list's. (Only matches are shown while a search is on, so
        // as many are all of them.)
        if self.sort == SortOrder::Relevance
            && let Some(search) = &self.search
            && search.ranked.len() == articles.len()
        {
            return Visible::Leading(articles.len());
        }
        if articles.len() > self.order.len() / 8 {
            // Many of them: one pass over the order beats sorting them.
            let mut wanted = vec![false; self.total];
            for &a in &articles {
                if let Some(w) = wanted.get_mut(a as usize) {
                    *w = true;
                }
            }
            let mut ordered: Vec<u32> = self
                .order
                .iter()
                .copied()
                .filter(|&a| wanted.get(a as usize).copied().unwrap_or(false))
                .collect();
            // Articles the order does not hold yet (just arrived) go after
            // it, in load order, as `key` has them.
            ordered.extend(articles.iter().filter(|&&a| self.key(a) == u32::MAX));
            return Visible::Only(ordered);
        }
        articles.sort_unstable_by_key(|&a| (self.key(a), a));
        Visible::Only(articles)
    }

    pub(super) fn sort(&self) -> SortOrder {
        self.sort
    }

    /// The sorted order, taken out to merge new articles into it (empty in
    /// load order); give it back with [`ArticleList::set_order`].
    pub(super) fn take_order(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.order)
    }

    /// Lists every article in `order` (empty for load order), sorted by
    /// `sort`, the cursor on `keep` (the article it was on) if it is listed.
    pub(super) fn set_order(
        &mut self,
        sort: SortOrder,
        order: Vec<u32>,
        keep: Option<usize>,
        geometry: &Geometry,
    ) {
        self.sort = sort;
        self.order = order;
        self.narrowed = None;
        // The last rank's memory, if any, is used again: a million articles'
        // worth is 4 MB, and fresh pages cost more than the writes.
        let mut rank = std::mem::take(&mut self.rank);
        rank.clear();
        if self.is_sorted() {
            rank.resize(self.total, u32::MAX);
            for (place, &article) in (0u32..).zip(&self.order) {
                if let Some(r) = rank.get_mut(article as usize) {
                    *r = place;
                }
            }
        }
        self.rank = rank;
        let shown = match std::mem::take(&mut self.visible) {
            Visible::All => None,
            Visible::Only(mut v) => {
                v.sort_unstable();
                Some(v)
            }
            // The matches, to be put in the new order.
            Visible::Leading(_) => self.search.as_ref().map(|s| s.ascending(self.total)),
        };
        self.visible = shown.map_or(Visible::All, |v| self.in_list_order(v));
        if let Some(article) = keep {
            self.point_at(article, geometry);
        }
        self.keep_cursor_visible(geometry);
    }

    /// The articles of `articles` (ascending, as the index lists them) just
    /// before and after `article` in list order (`article` itself need not
    /// be among them), and the first and last of them.
    pub(super) fn around(&self, articles: &[u32], article: usize) -> Around {
        let at = |a: Option<&u32>| a.map(|&a| a as usize);
        if !self.is_sorted() {
            let (before, after) = around(articles, article);
            return Around {
                before,
                after,
                first: at(articles.first()),
                last: at(articles.last()),
            };
        }
        // Sorted: one pass over the articles (no copy, no sort).
        let here = (self.key(as_u32(article)), as_u32(article));
        let keyed = || articles.iter().map(|&a| ((self.key(a), a), a as usize));
        let nearest = |before: bool| {
            let candidates = keyed().filter(|(k, _)| if before { *k < here } else { *k > here });
            if before {
                candidates.max().map(|(_, a)| a)
            } else {
                candidates.min().map(|(_, a)| a)
            }
        };
        Around {
            before: nearest(true),
            after: nearest(false),
            first: keyed().min().map(|(_, a)| a),
            last: keyed().max().map(|(_, a)| a),
        }
    }

    pub(super) fn cursor(&self) -> usize {
        self.cursor
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    /// The entity filter added last.
    pub(super) fn filter(&self) -> Option<&str> {
        self.filters.last().map(String::as_str)
    }

    /// The entity filters, first added first.
    pub(super) fn filters(&self) -> &[String] {
        &self.filters
    }

    /// The entity filters, to add to, remove from or rename.
    pub(super) fn filters_mut(&mut self) -> &mut Vec<String> {
        &mut self.filters
    }

    /// Whether a filter (entities, text or a search) leaves articles out.
    pub(super) fn is_filtered(&self) -> bool {
        !self.filters.is_empty() || self.text.is_some() || self.search.is_some()
    }

    /// The search across the collection, while it is on.
    pub(super) fn search(&self) -> Option<&Matches> {
        self.search.as_ref()
    }

    pub(super) fn set_search(&mut self, search: Option<Matches>) {
        self.search = search;
    }

    pub(super) fn take_search(&mut self) -> Option<Matches> {
        self.search.take()
    }

    /// Each article's place among the search's matches while the list is in
    /// their order (`u32::MAX`: not one): the list's rank then; empty
    /// otherwise, when no order asks for it.
    pub(super) fn relevance(&self) -> &[u32] {
        if self.search.is_some() && self.sort == SortOrder::Relevance {
            &self.rank
        } else {
            &[]
        }
    }

    /// The search's matches best first (empty without one).
    pub(super) fn ranked(&self) -> &[u32] {
        self.search.as_ref().map_or(&[], |m| m.ranked.as_slice())
    }

    /// The text filter.
    pub(super) fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    pub(super) fn set_text(&mut self, text: Option<String>) {
        self.text = text;
    }

    /// Articles the list shows at once (one or two rows each).
    pub(super) fn capacity(geometry: &Geometry) -> usize {
        (geometry.list_rows() / Self::rows_per_article(geometry)).max(1)
    }

    /// Rows each article takes: its title, then (unless the config leaves
    /// them out) source and date.
    pub(super) fn rows_per_article(geometry: &Geometry) -> usize {
        usize::from(geometry.list_item_rows.max(1))
    }

    /// Puts the cursor at `position` (clamped) and scrolls so it shows.
    pub(super) fn move_to(&mut self, position: usize, geometry: &Geometry) {
        self.cursor = position;
        self.keep_cursor_visible(geometry);
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

    /// Shows the search's matches and nothing else (no other filter is on),
    /// the cursor on `keep` if it is one, else on `open` if it is, else on
    /// the first. In their own order, best first, they take no list of
    /// their own: they lead the list's order.
    pub(super) fn show_matches(&mut self, keep: Option<usize>, open: usize, geometry: &Geometry) {
        let Some(search) = &self.search else {
            return;
        };
        self.narrowed = None;
        self.visible = if self.sort == SortOrder::Relevance {
            Visible::Leading(search.ranked.len())
        } else {
            self.in_list_order(search.ascending(self.total))
        };
        self.cursor = keep
            .and_then(|a| self.position(a))
            .or_else(|| self.position(open))
            .unwrap_or(0);
        self.keep_cursor_visible(geometry);
    }

    /// Shows `articles` (ascending: what the filters leave), or every article
    /// for `None`; the cursor on `keep` if shown, else on the first.
    pub(super) fn show(&mut self, articles: Option<Vec<u32>>, keep: usize, geometry: &Geometry) {
        // Read articles are hidden again from the new list (`App::refresh_hidden`).
        self.narrowed = None;
        self.visible = match articles {
            Some(articles) => self.in_list_order(articles),
            None => Visible::All,
        };
        self.cursor = self.position(keep).unwrap_or(0);
        self.keep_cursor_visible(geometry);
    }
}

/// The articles just before and just after `article` in an ascending list of
/// articles (`article` itself need not be in it).
fn around(articles: &[u32], article: usize) -> (Option<usize>, Option<usize>) {
    let article = as_u32(article);
    let before = articles.partition_point(|&a| a < article);
    let after = articles.partition_point(|&a| a <= article);
    let at = |i: Option<usize>| i.and_then(|i| articles.get(i)).map(|&a| a as usize);
    (at(before.checked_sub(1)), at(Some(after)))
}
