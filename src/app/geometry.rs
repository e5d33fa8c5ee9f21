//! Where each pane sits for a terminal size. The app needs the sizes (to wrap
//! the body, page and keep the current mention visible) and the ui draws into
//! the same rectangles, so both read them from here. Plain numbers, no terminal.

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
}

impl Geometry {
    /// Splits a `width` × `height` terminal. Any size works, down to 0 × 0.
    pub fn new(width: u16, height: u16) -> Self {
        let main_height = height.saturating_sub(1);
        let status = Area::new(0, main_height, width, height.min(1));
        let narrow = width < NARROW_BELOW;
        let (list, body, sidebar) = if narrow {
            let all = Area::new(0, 0, width, main_height);
            (all, all, all)
        } else {
            let list_width = (width / 4).clamp(18, 40);
            let sidebar_width = (width * 22 / 100).clamp(18, 34);
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
        }
    }

    /// Columns the body text is wrapped to (inside border and padding; at least 1).
    pub fn body_text_width(&self) -> usize {
        usize::from(self.body.inner().width.saturating_sub(2 * BODY_PADDING)).max(1)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
