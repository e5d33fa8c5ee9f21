//! The analyses the reader holds: a bounded cache of full analyses, the
//! requests in flight, and the collection's renames once names are unified.
//! Everything else of the collection is text in the store and entities in the
//! index, so memory does not grow with the analyses of every article.

use crate::analysis::index::{self, Renames};
use crate::model::Analysis;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Full analyses by article, the least recently used dropped first; the
/// articles asked for; the renames to apply to every analysis that arrives.
#[derive(Debug, Clone, Default)]
pub(super) struct Analyses {
    map: HashMap<usize, Analysis>,
    order: VecDeque<usize>,
    capacity: usize,
    /// Articles whose analysis was asked for and has not arrived.
    asked: Vec<usize>,
    /// Articles whose text changed: their analysis is asked for again.
    again: Vec<usize>,
    /// Collection names for the names articles use, once every article is analysed.
    renames: Option<Arc<Renames>>,
}

impl Analyses {
    /// An empty cache keeping at most `capacity` analyses (at least one).
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Analyses {
            capacity: capacity.max(1),
            ..Analyses::default()
        }
    }

    /// The analysis of `article`, now the most recently used.
    pub(super) fn get(&mut self, article: usize) -> Option<&Analysis> {
        if self.map.contains_key(&article) {
            self.touch(article);
        }
        self.map.get(&article)
    }

    /// Whether an analysis can be kept without dropping another.
    pub(super) fn has_room(&self) -> bool {
        self.map.len() < self.capacity
    }

    pub(super) fn contains(&self, article: usize) -> bool {
        self.map.contains_key(&article)
    }

    /// Keeps the analysis of `article`, dropping the least recently used
    /// beyond capacity.
    pub(super) fn insert(&mut self, article: usize, analysis: Analysis) {
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

    /// Whether `article` was asked for and has not arrived.
    pub(super) fn is_asked(&self, article: usize) -> bool {
        self.asked.contains(&article)
    }

    /// Notes that these articles were asked for.
    pub(super) fn ask(&mut self, articles: &[usize]) {
        self.asked.extend(articles);
    }

    /// The article's text changed: its analysis is dropped, and it is asked
    /// for again even if no pane needs it yet (see [`Analyses::take_again`]).
    pub(super) fn forget(&mut self, article: usize) {
        self.map.remove(&article);
        self.order.retain(|&a| a != article);
        self.asked.retain(|&a| a != article);
        if !self.again.contains(&article) {
            self.again.push(article);
        }
    }

    /// The articles to ask for again, once.
    pub(super) fn take_again(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.again)
    }

    /// Whether an analysis asked for has not arrived yet.
    pub(super) fn waiting(&self) -> bool {
        !self.asked.is_empty()
    }

    /// The analysis of `article` has arrived: it is no longer waited for, and
    /// it gets the collection's names if they are known already.
    pub(super) fn arrived(&mut self, article: usize, analysis: &mut Analysis) {
        self.asked.retain(|&a| a != article);
        if let Some(renames) = &self.renames {
            index::apply_renames(analysis, renames);
        }
    }

    /// Names are unified: every kept analysis, and every one to come, uses
    /// the collection's names.
    pub(super) fn unify(&mut self, renames: Arc<Renames>) {
        for analysis in self.map.values_mut() {
            index::apply_renames(analysis, &renames);
        }
        self.renames = Some(renames);
    }
}
