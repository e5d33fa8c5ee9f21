//! Where each pane sits for a terminal size. The app needs the sizes (to wrap
//! the body, page and keep the current mention visible) and the ui draws into
//! the same rectangles, so both read them from here. Plain numbers, no terminal.
//! The config's [`Layout`] sets the side panes' widths, the reading width and
//! centring of the body text, and the list's rows per article.

use crate::config::Layout;

/// A rectangle in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Self {
        Area {
            x,
            y,
            width,
            height,
        }
    }

    /// The area inside a one-cell border.
    pub fn inner(self) -> Area {
        Area {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }
}

/// Terminals narrower than this show only the focused pane, full width.
pub const NARROW_BELOW: u16 = 72;

/// Columns of padding on each side of the body text, inside the border.
pub const BODY_PADDING: u16 = 1;

/// The body keeps at least this many columns when the side panes are set wide.
pub const MIN_BODY: u16 = 30;

/// The screen split into panes: article list on the left, body in the middle,
/// entity sidebar on the right, the status line at the bottom, and the overlay
/// box centred on top. When `narrow`, all three panes share the full width and
/// only the focused one is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub list: Area,
    pub body: Area,
    pub sidebar: Area,
    pub status: Area,
    pub overlay: Area,
    pub narrow: bool,
    /// Where the body text goes: inside the body's border and padding, at
    /// most the reading width wide, centred when the layout says so.
    pub body_text: Area,
    /// Rows each article takes in the list (2 with the source/date line).
    pub list_item_rows: u16,
}

impl Geometry {
    /// Splits a `width` × `height` terminal with the default layout.
    pub fn new(width: u16, height: u16) -> Self {
        Geometry::with_layout(width, height, &Layout::default())
    }

    /// Splits a `width` × `height` terminal as `layout` says. Any size works, down to 0 × 0.
    pub fn with_layout(width: u16, height: u16, layout: &Layout) -> Self {
        let main_height = height.saturating_sub(1);
        let status = Area::new(0, main_height, width, height.min(1));
        let narrow = width < NARROW_BELOW;
        let (list, body, sidebar) = if narrow {
            let all = Area::new(0, 0, width, main_height);
            (all, all, all)
        } else {
            let (list_width, sidebar_width) = side_widths(width, layout);
            let body_width = width - list_width - sidebar_width;
            (
                Area::new(0, 0, list_width, main_height),
                Area::new(list_width, 0, body_width, main_height),
                Area::new(list_width + body_width, 0, sidebar_width, main_height),
            )
        };
        let overlay_width = (width.saturating_mul(4) / 5).max(width.min(40));
        let overlay_height = (main_height.saturating_mul(4) / 5).max(main_height.min(12));
        let overlay = Area::new(
            (width - overlay_width) / 2,
            (main_height - overlay_height) / 2,
            overlay_width,
            overlay_height,
        );
        Geometry {
            list,
            body,
            sidebar,
            status,
            overlay,
            narrow,
            body_text: body_text(body, layout),
            list_item_rows: if layout.list_details { 2 } else { 1 },
        }
    }

    /// Columns the body text is wrapped to (at least 1).
    pub fn body_text_width(&self) -> usize {
        usize::from(self.body_text.width).max(1)
    }

    /// Lines of body text visible at once.
    pub fn body_text_height(&self) -> usize {
        usize::from(self.body.inner().height)
    }

    /// Rows inside the article list.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.inner().height)
    }

    /// Rows inside the sidebar.
    pub fn sidebar_rows(&self) -> usize {
        usize::from(self.sidebar.inner().height)
    }

    /// Rows inside the overlay box.
    pub fn overlay_rows(&self) -> usize {
        usize::from(self.overlay.inner().height)
    }
}

/// The list's and the sidebar's widths on a screen `width` columns wide (at
/// least [`NARROW_BELOW`]): as the layout says, both narrowed in proportion
/// when the body would keep fewer than [`MIN_BODY`] columns.
fn side_widths(width: u16, layout: &Layout) -> (u16, u16) {
    let list = u32::from(layout.list_width.columns(width));
    let sidebar = u32::from(layout.sidebar_width.columns(width));
    let room = u32::from(width.saturating_sub(MIN_BODY));
    let (list, sidebar) = if list + sidebar > room {
        let list = room * list / (list + sidebar).max(1);
        (list, room - list)
    } else {
        (list, sidebar)
    };
    let columns = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (columns(list), columns(sidebar))
}

/// The body text's area in the body pane: inside the border and padding, at
/// most `reading_width` wide (0: no limit), centred if `center_body`.
fn body_text(body: Area, layout: &Layout) -> Area {
    let inner = body.inner();
    let room = inner.width.saturating_sub(2 * BODY_PADDING);
    let width = match layout.reading_width {
        0 => room,
        limit => room.min(limit),
    };
    let margin = if layout.center_body {
        (room - width) / 2
    } else {
        0
    };
    Area::new(
        inner.x.saturating_add(BODY_PADDING).saturating_add(margin),
        inner.y,
        width,
        inner.height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Width;

    #[test]
    fn geometry_splits_wide_screens_into_three_columns() {
        let g = Geometry::new(100, 30);
        assert!(!g.narrow);
        assert_eq!(g.list.width + g.body.width + g.sidebar.width, 100);
        assert_eq!(g.body.x, g.list.width);
        assert_eq!(g.status, Area::new(0, 29, 100, 1));
        assert_eq!(g.body.height, 29);
        assert!(g.body.width > g.list.width && g.body.width > g.sidebar.width);
    }

    #[test]
    fn geometry_gives_narrow_screens_one_full_width_pane() {
        let g = Geometry::new(60, 20);
        assert!(g.narrow);
        assert_eq!(g.body, Area::new(0, 0, 60, 19));
        assert_eq!(g.body_text_width(), 56);
    }

    #[test]
    fn geometry_survives_tiny_sizes() {
        for (w, h) in [(0, 0), (1, 1), (1, 0), (0, 1), (2, 3), (71, 2), (72, 1)] {
            let g = Geometry::new(w, h);
            assert!(g.body_text_width() >= 1);
            assert!(g.overlay.x + g.overlay.width <= w.max(1));
            assert!(g.status.height <= h);
        }
    }

    #[test]
    fn side_panes_grow_with_the_screen() {
        // As before up to 160 columns (a quarter, 22 %) ...
        for (width, list, sidebar) in [(72, 18, 18), (80, 20, 18), (100, 25, 22), (150, 37, 33)] {
            let g = Geometry::new(width, 30);
            assert_eq!(
                (g.list.width, g.sidebar.width),
                (list, sidebar),
                "at {width}"
            );
        }
        // ... and on, where they used to stop at 40 and 34 columns.
        let g = Geometry::new(250, 60);
        assert_eq!((g.list.width, g.sidebar.width, g.body.width), (62, 55, 133));
    }

    #[test]
    fn side_pane_widths_follow_the_layout_and_leave_the_body_room() {
        let layout = Layout {
            list_width: Width::Columns(50),
            sidebar_width: Width::Percent(30),
            ..Layout::default()
        };
        let g = Geometry::with_layout(200, 40, &layout);
        assert_eq!((g.list.width, g.sidebar.width, g.body.width), (50, 60, 90));
        // Too wide for the screen: both narrowed, the body keeps its minimum.
        let g = Geometry::with_layout(100, 40, &layout);
        assert_eq!(g.body.width, MIN_BODY);
        assert_eq!(g.list.width + g.sidebar.width, 70);
        assert!(g.list.width < 50 && g.sidebar.width < 30);
    }

    #[test]
    fn body_text_keeps_to_the_reading_width_and_is_centred() {
        let g = Geometry::new(250, 60);
        // Body 133 wide: inside border and padding 129, text 100, centred.
        assert_eq!(g.body_text.width, 100);
        assert_eq!(g.body_text.x, g.body.x + 1 + BODY_PADDING + 14);
        assert_eq!(g.body_text_width(), 100);
        let left = Layout {
            center_body: false,
            ..Layout::default()
        };
        let g = Geometry::with_layout(250, 60, &left);
        assert_eq!(g.body_text.x, g.body.x + 1 + BODY_PADDING);
        let whole = Layout {
            reading_width: 0,
            ..Layout::default()
        };
        assert_eq!(Geometry::with_layout(250, 60, &whole).body_text.width, 129);
        // A pane narrower than the reading width wraps at the pane.
        let g = Geometry::new(100, 30);
        assert_eq!(g.body_text.width, g.body.width - 4);
    }

    #[test]
    fn list_rows_per_article_follow_the_layout() {
        assert_eq!(Geometry::new(100, 30).list_item_rows, 2);
        let one = Layout {
            list_details: false,
            ..Layout::default()
        };
        assert_eq!(Geometry::with_layout(100, 30, &one).list_item_rows, 1);
    }
}
