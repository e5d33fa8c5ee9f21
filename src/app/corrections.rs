//! The reader's corrections in the app: the corrections file applied to the
//! open article's analysis and to the collection index once names are
//! unified, and the sidebar's keys that write a correction (hide, kind,
//! mark and merge, undo) and show it at once, without analysing again.

use super::{App, SidebarRow};
use crate::analysis::index::Saved;
use crate::corrections::write::{self, Edit};
use crate::corrections::{self, Corrections, apply::find_phrase};
use crate::model::{Analysis, EntityKind};
use std::path::PathBuf;
use std::sync::Arc;

/// The corrections, where they are written, the entity marked for a merge,
/// and what undo puts back.
#[derive(Debug, Clone, Default)]
pub(super) struct Corrector {
    corrections: Arc<Corrections>,
    /// `entities.toml`; `None` without a config folder (nothing is written).
    path: Option<PathBuf>,
    /// The entity `m` marked, which `M` merges into the one under the cursor.
    marked: Option<String>,
    /// The corrections made by keys this session, the last last.
    undo: Vec<Step>,
    /// The corrections that need the text are in the index (once, after names are unified).
    in_index: bool,
}

/// One correction made by a key, and what undoing it puts back.
#[derive(Debug, Clone)]
struct Step {
    /// The file before (`None`: there was none).
    before: Option<String>,
    /// The index's entities it changed, as they were.
    saved: Vec<Saved>,
    what: String,
}

impl App {
    /// The entity `m` marked for a merge, if any.
    pub fn marked_entity(&self) -> Option<&str> {
        self.corrector.marked.as_deref()
    }

    /// Takes the reader's corrections and the file the keys write them to:
    /// the open article and (once names are unified) the index show them.
    pub fn set_corrections(&mut self, corrections: Corrections, path: Option<PathBuf>) {
        self.corrector.corrections = Arc::new(corrections);
        self.corrector.path = path;
        self.corrector.in_index = false;
        if self.progress.done {
            self.correct_index();
        }
        self.correct_open();
    }

    /// An analysis with the corrections applied.
    pub(super) fn corrected(&self, paragraphs: &[String], mut analysis: Analysis) -> Analysis {
        self.corrector.corrections.apply(paragraphs, &mut analysis);
        analysis
    }

    /// The index takes the corrections: all of them the first time after
    /// names are unified (phrases are looked for in the stored text), the
    /// names-only ones after that (articles added by a reload may bring a
    /// hidden or merged name back).
    pub(super) fn correct_index(&mut self) {
        let corrections = Arc::clone(&self.corrector.corrections);
        if corrections.is_empty() {
            return;
        }
        let mut index = self.index.write();
        index.note_corrected();
        if self.corrector.in_index {
            corrections.apply_names_to_index(&mut index);
        } else {
            let articles = &self.articles;
            let hits = |phrase: &str| {
                articles
                    .iter()
                    .enumerate()
                    .filter_map(|(i, a)| {
                        let text = a.text();
                        let n: usize = text
                            .paragraphs()
                            .map(|p| find_phrase(p, phrase).len())
                            .sum();
                        (n > 0).then_some((i, n))
                    })
                    .collect()
            };
            corrections.apply_to_index(&mut index, &hits);
            self.corrector.in_index = true;
        }
        drop(index);
        self.follow_merges();
    }

    /// The open article shows the corrections as they are now: applied to
    /// its analysis as it arrived (kept in the cache) where there is one.
    pub(super) fn correct_open(&mut self) {
        if !self.body.is_analysed() {
            return;
        }
        let open = self.body.index();
        let raw = self.analyses.get(open).cloned();
        let Some((article, shown)) = self.body.article_data() else {
            return;
        };
        let paragraphs = article.paragraphs.clone();
        let analysis = raw.unwrap_or_else(|| shown.clone());
        let corrected = self.corrected(&paragraphs, analysis);
        let selected = self.selected.as_deref();
        self.body.set_analysis(corrected, selected, &self.geometry);
        self.rebuild_sidebar();
        self.refresh_from_index();
    }

    /// The selected entity and the list's filters follow merges; a hidden
    /// selected entity is let go.
    fn follow_merges(&mut self) {
        let corrections = Arc::clone(&self.corrector.corrections);
        if let Some(name) = &self.selected {
            if corrections.hidden.contains(name) {
                self.selected = None;
            } else {
                self.selected = Some(corrections.name(name).to_string());
            }
        }
        for name in self.list.filters_mut() {
            let new = corrections.name(name).to_string();
            *name = new;
        }
    }

    /// The entity under the sidebar cursor: its name and kind.
    fn entity_under_cursor(&self) -> Option<(String, EntityKind)> {
        match self
            .sidebar_cursor_row()
            .and_then(|row| self.sidebar_row(row))
        {
            Some(SidebarRow::Entity { name, kind, .. }) => Some((name, kind)),
            _ => None,
        }
    }

    /// x: hides the entity under the cursor everywhere.
    pub(super) fn hide_entity(&mut self) {
        if let Some((name, _)) = self.entity_under_cursor() {
            let what = format!("{name} hidden");
            self.correct(&Edit::Hide(name.clone()), &[&name], what);
        }
    }

    /// c: the entity under the cursor becomes the next kind.
    pub(super) fn cycle_kind(&mut self) {
        if let Some((name, kind)) = self.entity_under_cursor() {
            let at = EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
            let next = EntityKind::ALL[(at + 1) % EntityKind::ALL.len()];
            let what = format!("{name} is now {}", next.heading());
            self.correct(&Edit::Kind(name.clone(), next), &[&name], what);
            let _ = self.point_sidebar_at(&name);
        }
    }

    /// m: marks the entity under the cursor for `M` (again: unmarks it).
    pub(super) fn mark_entity(&mut self) {
        let Some((name, _)) = self.entity_under_cursor() else {
            return;
        };
        if self.corrector.marked.as_deref() == Some(name.as_str()) {
            self.corrector.marked = None;
            self.status = Some(format!("{name}: mark taken off"));
        } else {
            self.status = Some(format!(
                "{name} marked: M on another entity merges {name} into it"
            ));
            self.corrector.marked = Some(name);
        }
    }

    /// M: merges the marked entity into the one under the cursor.
    pub(super) fn merge_marked(&mut self) {
        let Some((into, _)) = self.entity_under_cursor() else {
            return;
        };
        let Some(from) = self.corrector.marked.clone() else {
            self.status =
                Some("mark an entity with m first, then M merges it into this one".into());
            return;
        };
        if from == into {
            self.status = Some(format!("{into} is the marked entity: move to another one"));
            return;
        }
        self.corrector.marked = None;
        let what = format!("{from} merged into {into}");
        let edit = Edit::Merge {
            from: from.clone(),
            into: into.clone(),
        };
        self.correct(&edit, &[&into, &from], what);
        let _ = self.point_sidebar_at(&into);
    }

    /// X: undoes the last correction made by a key: the file as it was, the
    /// index's entities as they were.
    pub(super) fn undo_correction(&mut self) {
        let Some(step) = self.corrector.undo.pop() else {
            self.status = Some("no correction to undo".to_string());
            return;
        };
        let Some(path) = self.corrector.path.clone() else {
            return;
        };
        if let Err(e) = write::restore_file(&path, step.before.as_deref()) {
            self.status = Some(crate::sanitize::sanitize(&e));
            self.corrector.undo.push(step);
            return;
        }
        self.reload_corrections(&path);
        {
            let mut index = self.index.write();
            index.note_corrected();
            for saved in step.saved {
                index.restore(saved);
            }
            index.sort();
        }
        self.correct_index();
        self.correct_open();
        self.status = Some(format!("undone: {}", step.what));
    }

    /// Writes `edit` to the file, then shows it: the index's entities
    /// `touched` are saved for undo first.
    fn correct(&mut self, edit: &Edit, touched: &[&str], what: String) {
        let Some(path) = self.corrector.path.clone() else {
            self.status = Some("no config folder: corrections cannot be kept".to_string());
            return;
        };
        let before = match write::edit_file(&path, edit) {
            Ok(before) => before,
            Err(e) => {
                self.status = Some(crate::sanitize::sanitize(&e));
                return;
            }
        };
        let saved = {
            let index = self.index.read();
            touched.iter().filter_map(|n| index.save(n)).collect()
        };
        self.corrector.undo.push(Step {
            before,
            saved,
            what: what.clone(),
        });
        self.reload_corrections(&path);
        {
            // Only the names: the phrases are in the index already.
            let mut index = self.index.write();
            index.note_corrected();
            self.corrector.corrections.apply_names_to_index(&mut index);
        }
        self.follow_merges();
        self.correct_open();
        self.status = Some(crate::sanitize::sanitize(&format!(
            "{what} (entities.toml; X undoes)"
        )));
    }

    /// Reads the file again after a key changed it; a problem in it is shown.
    fn reload_corrections(&mut self, path: &std::path::Path) {
        let (corrections, problems) = corrections::load(path);
        self.corrector.corrections = Arc::new(corrections);
        if let Some(first) = problems.first() {
            self.status = Some(crate::sanitize::sanitize(&first.to_string()));
        }
    }
}
