//! The entity sidebar pane: its scope (the open article or the whole
//! collection), its rows grouped by kind, its cursor and its scroll. In
//! article scope the entities are copied here; in collection scope rows are
//! read from the index's sidebar order as they are drawn, so showing a large
//! collection copies nothing. `/` narrows it to the names holding some text
//! (then only the places of those names are kept), and `{`/`}` jump between
//! its groups.

use super::geometry::Geometry;
use super::query::Query;
use super::step;
use crate::analysis::index::CollectionIndex;
use crate::model::{Analysis, EntityKind};

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

/// A sidebar row, before its entity is looked up.
enum RowKind {
    Heading(EntityKind, usize),
    Entity(usize),
}

/// The sidebar's state.
#[derive(Debug, Clone, Default)]
pub(super) struct Sidebar {
    scope: Scope,
    /// The open article's entities as (name, kind, mentions), in sidebar order
    /// (article scope only).
    entities: Vec<(String, EntityKind, usize)>,
    /// Entities of each kind shown, in [`EntityKind::ALL`] order.
    kind_counts: [usize; 4],
    /// Entities of each kind in the scope, narrowed or not.
    all_counts: [usize; 4],
    /// The names shown when narrowed: what they hold, and their places in
    /// the scope's order (ascending).
    narrowed: Option<(Query, Vec<usize>)>,
    /// The cursor: position among the entities.
    cursor: usize,
    /// First row showing.
    top: usize,
    /// The collection's names as narrowing compares them, made when first
    /// needed and dropped when the rows change.
    names: Option<Names>,
}

/// Every name of the scope on a line of its own, as a query compares them
/// (folded or not), and where each starts: narrowing many thousands of names
/// is then one search over one text (a millisecond, not a name at a time).
#[derive(Debug, Clone)]
struct Names {
    folded: bool,
    text: String,
    starts: Vec<usize>,
}

impl Names {
    /// The `count` names `name` gives, as `query` compares them.
    fn new<'a>(query: &Query, count: usize, name: impl Fn(usize) -> Option<&'a str>) -> Names {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(count);
        for position in 0..count {
            starts.push(text.len());
            if let Some(name) = name(position) {
                query.push_compared(name, &mut text);
            }
            // A typed query never holds a line break, so no match runs over two names.
            text.push('\n');
        }
        Names {
            folded: query.folds(),
            text,
            starts,
        }
    }

    /// Positions (ascending) of the names holding `query`.
    fn holding(&self, query: &Query) -> Vec<usize> {
        let mut kept: Vec<usize> = Vec::new();
        for at in query.find_iter(&self.text) {
            let position = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            if kept.last() != Some(&position) {
                kept.push(position);
            }
        }
        kept
    }
}

impl Sidebar {
    pub(super) fn scope(&self) -> Scope {
        self.scope
    }

    /// Switches scope (the rows are stale until the next `show_*`) and says
    /// what the sidebar now lists.
    pub(super) fn toggle_scope(&mut self) -> &'static str {
        self.scope = match self.scope {
            Scope::Article => Scope::Collection,
            Scope::Collection => Scope::Article,
        };
        match self.scope {
            Scope::Article => "Sidebar: this article's entities, with mentions.",
            Scope::Collection => "Sidebar: the whole collection's entities, with articles.",
        }
    }

    /// Lists the open article's entities, the cursor on `selected` if listed.
    pub(super) fn show_article(
        &mut self,
        analysis: &Analysis,
        selected: Option<&str>,
        geometry: &Geometry,
    ) {
        let mut entities: Vec<(String, EntityKind, usize)> = analysis
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
        let selected = selected.and_then(|name| entities.iter().position(|e| e.0 == name));
        self.show(entities, kind_counts, selected, None, geometry);
    }

    /// Lists the collection's entities (only their counts are copied), the
    /// cursor on `selected` if listed.
    pub(super) fn show_collection(
        &mut self,
        index: &CollectionIndex,
        selected: Option<&str>,
        geometry: &Geometry,
    ) {
        let selected = selected.and_then(|n| index.position(n));
        self.show(
            Vec::new(),
            index.kind_counts(),
            selected,
            Some(index),
            geometry,
        );
    }

    fn show(
        &mut self,
        entities: Vec<(String, EntityKind, usize)>,
        kind_counts: [usize; 4],
        selected: Option<usize>,
        index: Option<&CollectionIndex>,
        geometry: &Geometry,
    ) {
        self.entities = entities;
        self.names = None;
        self.all_counts = kind_counts;
        self.kind_counts = kind_counts;
        let query = self.narrowed.take().map(|(query, _)| query);
        self.narrow_to(query, index);
        let selected = selected.and_then(|s| self.shown_position(s));
        self.cursor = selected.unwrap_or(0);
        if selected.is_none() {
            self.top = 0;
        }
        self.keep_cursor_visible(geometry);
    }

    /// What the names are narrowed to.
    pub(super) fn narrowed(&self) -> Option<&str> {
        self.narrowed.as_ref().map(|(query, _)| query.text())
    }

    /// Shows only the names holding `query` (all for `None`), the cursor
    /// staying on its entity if it is still shown; `index` is the collection's
    /// (collection scope only).
    pub(super) fn narrow(
        &mut self,
        query: Option<Query>,
        index: Option<&CollectionIndex>,
        geometry: &Geometry,
    ) {
        let at = self.full_position(self.cursor);
        self.narrow_to(query, index);
        self.cursor = self.shown_position(at).unwrap_or(0);
        self.top = 0;
        self.keep_cursor_visible(geometry);
    }

    fn narrow_to(&mut self, query: Option<Query>, index: Option<&CollectionIndex>) {
        self.kind_counts = self.all_counts;
        let Some(query) = query else {
            self.narrowed = None;
            return;
        };
        let total: usize = self.all_counts.iter().sum();
        let scope = self.scope;
        let entities = &self.entities;
        let entity = |position: usize| match scope {
            Scope::Article => entities.get(position).map(|e| (e.0.as_str(), e.1)),
            Scope::Collection => index
                .and_then(|i| i.at(position))
                .map(|e| (e.name.as_str(), e.kind)),
        };
        let kept: Vec<usize> = if scope == Scope::Collection {
            // Tens of thousands of names: one search over all of them at once.
            let folded = query.folds();
            if self
                .names
                .as_ref()
                .is_none_or(|names| names.folded != folded)
            {
                self.names = Some(Names::new(&query, total, |p| entity(p).map(|e| e.0)));
            }
            self.names
                .as_ref()
                .map_or_else(Vec::new, |names| names.holding(&query))
        } else {
            let mut buffer = String::new();
            (0..total)
                .filter(|&p| entity(p).is_some_and(|(name, _)| query.is_in(name, &mut buffer)))
                .collect()
        };
        let mut counts = [0; 4];
        for &position in &kept {
            let kind = entity(position).map(|e| e.1);
            if let Some(k) = EntityKind::ALL.iter().position(|&x| Some(x) == kind) {
                counts[k] += 1;
            }
        }
        self.kind_counts = counts;
        self.narrowed = Some((query, kept));
    }

    /// The place in the scope's order of the entity shown at `position`.
    fn full_position(&self, position: usize) -> usize {
        match &self.narrowed {
            Some((_, kept)) => kept.get(position).copied().unwrap_or(usize::MAX),
            None => position,
        }
    }

    /// Where the entity at `full` in the scope's order is shown, if it is.
    fn shown_position(&self, full: usize) -> Option<usize> {
        match &self.narrowed {
            Some((_, kept)) => kept.binary_search(&full).ok(),
            None => Some(full),
        }
    }

    /// `}` / `{`: the cursor to the first entity of the next group, or of
    /// its own group (of the one before when already there); the group's kind.
    pub(super) fn jump_group(&mut self, forward: bool, geometry: &Geometry) -> Option<EntityKind> {
        let mut first = 0;
        let starts: Vec<(usize, EntityKind)> = (EntityKind::ALL.iter().zip(self.kind_counts))
            .filter(|(_, count)| *count > 0)
            .map(|(&kind, count)| {
                let start = first;
                first += count;
                (start, kind)
            })
            .collect();
        let target = if forward {
            starts.iter().find(|(start, _)| *start > self.cursor)
        } else {
            starts.iter().rev().find(|(start, _)| *start < self.cursor)
        };
        let &(start, kind) = target?;
        self.cursor = start;
        // The group's heading at the top, as far as the end allows.
        self.top = self.cursor_row().map_or(0, |row| row.saturating_sub(1));
        self.keep_cursor_visible(geometry);
        Some(kind)
    }

    fn entity_count(&self) -> usize {
        self.kind_counts.iter().sum()
    }

    /// Rows: a heading for each kind with entities, then its entities.
    pub(super) fn len(&self) -> usize {
        self.kind_counts
            .iter()
            .filter(|&&c| c > 0)
            .map(|c| c + 1)
            .sum()
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    /// What row `row` is: a kind's heading, or the entity at a position.
    fn row_kind(&self, mut row: usize) -> Option<RowKind> {
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

    /// Row index of the cursor, if the sidebar has any entity.
    pub(super) fn cursor_row(&self) -> Option<usize> {
        let (mut first, mut headings) = (0, 0);
        for &count in self.kind_counts.iter().filter(|&&c| c > 0) {
            headings += 1;
            if self.cursor < first + count {
                return Some(self.cursor + headings);
            }
            first += count;
        }
        None
    }

    /// The rows from `top`, at most `count` of them; collection entities are
    /// read from `index` (needed in collection scope only).
    pub(super) fn rows(
        &self,
        top: usize,
        count: usize,
        index: Option<&CollectionIndex>,
    ) -> Vec<SidebarRow> {
        let end = top.saturating_add(count).min(self.len());
        (top..end).filter_map(|row| self.row(row, index)).collect()
    }

    fn row(&self, row: usize, index: Option<&CollectionIndex>) -> Option<SidebarRow> {
        match self.row_kind(row)? {
            RowKind::Heading(kind, entities) => Some(SidebarRow::Heading { kind, entities }),
            RowKind::Entity(position) => match (self.scope, self.full_position(position)) {
                (_, usize::MAX) => None,
                (Scope::Article, position) => {
                    self.entities
                        .get(position)
                        .map(|(name, kind, count)| SidebarRow::Entity {
                            name: name.clone(),
                            kind: *kind,
                            count: *count,
                        })
                }
                (Scope::Collection, position) => index?.at(position).map(|e| SidebarRow::Entity {
                    name: e.name.clone(),
                    kind: e.kind,
                    count: e.articles.len(),
                }),
            },
        }
    }

    /// Puts the cursor on row `row` if it is an entity's (`false` for a
    /// heading or past the end).
    pub(super) fn point_at_row(&mut self, row: usize, geometry: &Geometry) -> bool {
        let Some(RowKind::Entity(position)) = self.row_kind(row) else {
            return false;
        };
        self.move_to(position, geometry);
        true
    }

    /// Puts the cursor on the entity at `position` (clamped) and scrolls to it.
    pub(super) fn move_to(&mut self, position: usize, geometry: &Geometry) {
        self.cursor = position.min(self.entity_count().saturating_sub(1));
        self.keep_cursor_visible(geometry);
    }

    /// Puts the cursor on the entity at `full` (its place in the whole
    /// scope); `false` when the narrowing (`/`) hides it.
    pub(super) fn point_at_entity(&mut self, full: usize, geometry: &Geometry) -> bool {
        let Some(shown) = self.shown_position(full) else {
            return false;
        };
        self.move_to(shown, geometry);
        true
    }

    /// The position of the entity called `name` among the open article's
    /// (article scope only).
    pub(super) fn position_of(&self, name: &str) -> Option<usize> {
        self.entities.iter().position(|(n, _, _)| n == name)
    }

    /// Moves the cursor by `delta`, clamped at both ends; to the very top
    /// (`isize::MIN`) also shows the first heading.
    pub(super) fn move_by(&mut self, delta: isize, geometry: &Geometry) {
        let last = self.entity_count().saturating_sub(1);
        self.cursor = step(self.cursor, delta, last);
        if delta == isize::MIN {
            self.top = 0;
        }
        self.keep_cursor_visible(geometry);
    }

    /// Scrolls so the cursor shows.
    pub(super) fn keep_cursor_visible(&mut self, geometry: &Geometry) {
        let rows = geometry.sidebar_rows().max(1);
        let Some(row) = self.cursor_row() else {
            self.top = 0;
            return;
        };
        // Show the group heading too when the cursor is on the group's first entity.
        let heading_above = row > 0 && matches!(self.row_kind(row - 1), Some(RowKind::Heading(..)));
        let first = if heading_above { row - 1 } else { row };
        if first < self.top {
            self.top = first;
        } else if row >= self.top + rows {
            self.top = row + 1 - rows;
        }
        self.top = self.top.min(self.len().saturating_sub(rows));
    }
}
