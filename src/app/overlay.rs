//! The boxes drawn over the panes (the key table, the loader's problems) and
//! their scrolling. An open overlay sees every action before the panes do, the
//! way a popup sits on top of a compositor's stack.

use super::geometry::Geometry;
use super::{Handled, movement, step};
use crate::action::Action;
use crate::keymap::Keymap;

/// A box drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key table.
    Help,
    /// Files that were skipped while loading, and the loader's warnings.
    Skipped,
    /// Quotes of an entity or of the open article (see `super::quotes`).
    Quotes,
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

/// The open overlay, its scroll, and the loader's messages it lists.
#[derive(Debug, Clone, Default)]
pub(super) struct Overlays {
    shown: Option<Overlay>,
    /// First overlay line showing.
    top: usize,
    /// Files that could not be loaded, each with its reason.
    skipped: Vec<String>,
    warnings: Vec<String>,
    /// The key table the help overlay lists.
    keymap: Keymap,
}

impl Overlays {
    pub(super) fn shown(&self) -> Option<Overlay> {
        self.shown
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    pub(super) fn skipped(&self) -> &[String] {
        &self.skipped
    }

    pub(super) fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Adds loader messages; the problems overlay may be open and get longer.
    pub(super) fn add_problems(
        &mut self,
        skipped: Vec<String>,
        warnings: Vec<String>,
        geometry: &Geometry,
    ) {
        self.skipped.extend(skipped);
        self.warnings.extend(warnings);
        self.clamp(geometry);
    }

    /// Keeps only the problems `keep` says yes to.
    pub(super) fn retain_problems(&mut self, keep: impl Fn(&str) -> bool, geometry: &Geometry) {
        self.skipped.retain(|p| keep(p));
        self.warnings.retain(|p| keep(p));
        self.clamp(geometry);
    }

    pub(super) fn show(&mut self, overlay: Overlay) {
        self.shown = Some(overlay);
        self.top = 0;
    }

    pub(super) fn close(&mut self) {
        self.shown = None;
        self.top = 0;
    }

    /// Keeps the scroll within the lines after a resize or new lines.
    pub(super) fn clamp(&mut self, geometry: &Geometry) {
        self.top = self.top.min(self.max_top(geometry));
    }

    /// Takes every action while an overlay is open: moves scroll it, Esc and
    /// the keys that open overlays close it. Quit is left to the app.
    pub(super) fn apply(&mut self, action: Action, geometry: &Geometry) -> Handled {
        if self.shown.is_none() || action == Action::Quit {
            return Handled::Ignored;
        }
        let max = self.max_top(geometry);
        if let Some(delta) = movement(action, geometry.overlay_rows().max(1)) {
            self.top = step(self.top, delta, max);
        } else if matches!(
            action,
            Action::Back | Action::ShowHelp | Action::ShowSkipped
        ) {
            self.close();
        }
        Handled::Consumed
    }

    fn max_top(&self, geometry: &Geometry) -> usize {
        self.lines(geometry)
            .len()
            .saturating_sub(geometry.overlay_rows())
    }

    /// The key table help shows (the config's).
    pub(super) fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// The lines of the open overlay (empty when none is open).
    pub(super) fn lines(&self, geometry: &Geometry) -> Vec<OverlayLine> {
        match self.shown {
            // The quotes view lays out its own lines.
            None | Some(Overlay::Quotes) => Vec::new(),
            Some(Overlay::Help) => {
                let mut lines = Vec::new();
                for (heading, rows) in self.keymap.help_sections() {
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
                let mut lines = Vec::new();
                let sections = [
                    ("Skipped files", &self.skipped, "No file was skipped."),
                    ("Warnings", &self.warnings, "No warnings."),
                ];
                for (heading, messages, none) in sections {
                    if !lines.is_empty() {
                        lines.push(OverlayLine::Blank);
                    }
                    lines.push(OverlayLine::Heading(format!(
                        "{heading} ({})",
                        messages.len()
                    )));
                    if messages.is_empty() {
                        lines.push(OverlayLine::Text(none.to_string()));
                    }
                    lines.extend(messages.iter().flat_map(|m| wrapped(m, geometry)));
                }
                lines
            }
        }
    }
}

/// A message wrapped to the overlay box (inside its border and indent).
fn wrapped(text: &str, geometry: &Geometry) -> Vec<OverlayLine> {
    let width = usize::from(geometry.overlay.inner().width).saturating_sub(2);
    crate::reflow::wrap(text, width)
        .into_iter()
        .filter_map(|range| text.get(range))
        .map(|line| OverlayLine::Text(line.to_string()))
        .collect()
}
