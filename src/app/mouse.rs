//! The mouse, on the reader's state: the wheel scrolls the pane under the
//! pointer, a click focuses a pane and points at what is under it (an article,
//! an entity, a name in the text), a double click opens it. The terminal layer
//! turns its events into [`Mouse`] (and tells clicks from double clicks);
//! nothing here knows about the terminal. Scrolling with the wheel never marks
//! anything read: it does not go through the keyboard's movement.

use super::geometry::Area;
use super::quotes::QuoteLine;
use super::{App, ArticleList, Focus, Overlay};
use crate::action::Action;
use crate::app::body_lines::BodyLine;
use crate::model::{Analysis, Article};
use unicode_width::UnicodeWidthChar;

/// Lines one notch of the wheel scrolls.
const WHEEL_LINES: isize = 3;

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button, pressed once.
    Click,
    /// The left button, pressed twice at one place in a short while.
    DoubleClick,
    WheelUp,
    WheelDown,
}

/// A mouse event at a cell of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

impl Area {
    /// Whether the cell at `column`, `row` is inside.
    fn contains(self, column: u16, row: u16) -> bool {
        (self.x..self.x.saturating_add(self.width)).contains(&column)
            && (self.y..self.y.saturating_add(self.height)).contains(&row)
    }

    /// The row inside the border that `row` is, if it is one.
    fn inner_row(self, row: u16) -> Option<usize> {
        let inner = self.inner();
        (inner.y..inner.y.saturating_add(inner.height))
            .contains(&row)
            .then(|| usize::from(row - inner.y))
    }
}

impl App {
    /// Carries out a mouse event.
    pub fn mouse(&mut self, event: Mouse) {
        self.status = None;
        let Mouse { kind, column, row } = event;
        if let Some(overlay) = self.overlays.shown() {
            self.mouse_in_overlay(overlay, event);
            return;
        }
        let Some(pane) = self.pane_at(column, row) else {
            return;
        };
        match kind {
            MouseKind::WheelUp | MouseKind::WheelDown => {
                let delta = if kind == MouseKind::WheelUp {
                    -WHEEL_LINES
                } else {
                    WHEEL_LINES
                };
                match pane {
                    Focus::ArticleList => self.list.move_by(delta, &self.geometry),
                    Focus::Body => self.body.scroll_by(delta, &self.geometry),
                    Focus::Sidebar => self.sidebar.move_by(delta, &self.geometry),
                }
            }
            MouseKind::Click | MouseKind::DoubleClick => {
                self.focus = pane;
                let double = kind == MouseKind::DoubleClick;
                match pane {
                    Focus::ArticleList => self.click_list(row, double),
                    Focus::Body => self.click_body(column, row),
                    Focus::Sidebar => self.click_sidebar(row),
                }
            }
        }
    }

    /// The pane drawn at `column`, `row` (on a narrow screen, the focused one).
    fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let g = &self.geometry;
        if g.narrow {
            return g.body.contains(column, row).then_some(self.focus);
        }
        [
            (g.list, Focus::ArticleList),
            (g.body, Focus::Body),
            (g.sidebar, Focus::Sidebar),
        ]
        .into_iter()
        .find(|(area, _)| area.contains(column, row))
        .map(|(_, pane)| pane)
    }

    /// A click on the list puts the cursor on the article under it; a double
    /// click opens it.
    fn click_list(&mut self, row: u16, double: bool) {
        let Some(inner) = self.geometry.list.inner_row(row) else {
            return;
        };
        let position = self.list.top() + inner / ArticleList::rows_per_article(&self.geometry);
        if position >= self.list.len() {
            return;
        }
        self.list.move_to(position, &self.geometry);
        if double {
            self.apply(Action::OpenArticle);
        }
    }

    /// A click on an entity selects it (a click on the selected one lets it go,
    /// like Enter); on a heading it only focuses the sidebar.
    fn click_sidebar(&mut self, row: u16) {
        let Some(inner) = self.geometry.sidebar.inner_row(row) else {
            return;
        };
        if self
            .sidebar
            .point_at_row(self.sidebar.top() + inner, &self.geometry)
        {
            self.select_entity();
        }
    }

    /// A click on a name in the text selects its entity, as Enter on it in
    /// the sidebar would.
    fn click_body(&mut self, column: u16, row: u16) {
        let Some(inner) = self.geometry.body.inner_row(row) else {
            return;
        };
        let text_x = self.geometry.body_text.x;
        let Some(column) = column.checked_sub(text_x) else {
            return;
        };
        let Some((article, analysis)) = self.body.article_data() else {
            return;
        };
        let line = self.body.top() + inner;
        let name = self.body.lines().get(line).and_then(|line| {
            entity_at(article, analysis, line, usize::from(column)).map(str::to_string)
        });
        let Some(name) = name else {
            return;
        };
        if self.point_sidebar_at(&name) {
            self.select_entity();
        }
    }

    /// Puts the sidebar cursor on the entity called `name`, if it lists it
    /// (and its narrowing does not hide it, which the status line says).
    pub(super) fn point_sidebar_at(&mut self, name: &str) -> bool {
        let position = match self.sidebar.scope() {
            super::Scope::Article => self.sidebar.position_of(name),
            super::Scope::Collection => self.index().position(name),
        };
        let Some(position) = position else {
            return false;
        };
        let shown = self.sidebar.point_at_entity(position, &self.geometry);
        if !shown {
            self.status = Some(format!(
                "{name} is not among the names the sidebar is narrowed to (Esc there: all)."
            ));
        }
        shown
    }

    /// In an overlay, the wheel scrolls it (the quotes view moves its
    /// cursor), a click outside closes it, and in the quotes view a click
    /// picks a quote and a double click goes to it.
    fn mouse_in_overlay(&mut self, overlay: Overlay, event: Mouse) {
        let area = self.geometry.overlay;
        match event.kind {
            MouseKind::WheelUp | MouseKind::WheelDown => {
                let action = if event.kind == MouseKind::WheelUp {
                    Action::MoveUp
                } else {
                    Action::MoveDown
                };
                let steps = if overlay == Overlay::Quotes {
                    1
                } else {
                    WHEEL_LINES
                };
                for _ in 0..steps {
                    self.apply(action);
                }
            }
            MouseKind::Click | MouseKind::DoubleClick => {
                if !area.contains(event.column, event.row) {
                    self.overlays.close();
                    return;
                }
                if overlay != Overlay::Quotes {
                    return;
                }
                let Some(inner) = area.inner_row(event.row) else {
                    return;
                };
                let line = self.quotes.top() + inner;
                if let Some(item) = self.quotes.lines().get(line).and_then(QuoteLine::item) {
                    self.quotes.move_to(item, &self.geometry);
                    if event.kind == MouseKind::DoubleClick {
                        self.apply(Action::GoToQuote);
                    }
                }
            }
        }
    }
}

/// The canonical name of the entity mentioned at `column` of a body `line`.
fn entity_at<'a>(
    article: &Article,
    analysis: &'a Analysis,
    line: &BodyLine,
    column: usize,
) -> Option<&'a str> {
    let BodyLine::Text { paragraph, range } = line else {
        return None;
    };
    let text = article.paragraphs.get(*paragraph)?.get(range.clone())?;
    // The byte under the column: walk the characters, adding up their widths.
    let mut width = 0;
    let offset = text.char_indices().find_map(|(at, c)| {
        width += c.width().unwrap_or(0);
        (width > column).then_some(range.start + at)
    })?;
    analysis
        .entities
        .iter()
        .find(|e| {
            e.mentions
                .iter()
                .any(|m| m.paragraph == *paragraph && m.range().contains(&offset))
        })
        .map(|e| e.name.as_str())
}
