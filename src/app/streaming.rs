//! The collection streaming in: what the background (loader, analysers,
//! indexer; see [`crate::pipeline`]) tells the reader, and which analyses the
//! reader asks it for first.

use super::{App, Scope, as_u32, renamed};
use crate::analysis::index::Renames;
use crate::date;
use crate::model::Analysis;
use crate::store::StoredArticle;
use std::sync::Arc;

/// How far loading and analysis have got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Files are still being read.
    pub loading: bool,
    /// Web addresses being fetched in the background: (fetched, of); `None`
    /// when nothing is being fetched.
    pub fetching: Option<(usize, usize)>,
    /// Articles whose entities are in the index.
    pub analysed: usize,
    /// Everything is analysed and names are unified across the collection.
    pub done: bool,
}

impl App {
    /// Appends articles (in load order; a sorted list puts each in its
    /// place). The first one opens.
    pub fn add_articles(&mut self, articles: Vec<Arc<StoredArticle>>) {
        let first = self.articles.is_empty();
        let from = as_u32(self.articles.len());
        // Growing shows the read articles hidden by `U` again: the cursor
        // stays on its article (they are hidden again below).
        let keep = self.list.at(self.list.cursor());
        self.list.grow(articles.len());
        if let Some(article) = keep {
            self.list.point_at(article, &self.geometry);
        }
        self.dates
            .extend(articles.iter().map(|a| date::sort_key(a.date())));
        self.articles.extend(articles);
        self.sort_in((from..as_u32(self.articles.len())).collect(), None);
        if self.list.text().is_some() {
            // New articles whose title or source holds the text join the list.
            self.refilter();
        }
        if first && !self.articles.is_empty() {
            self.open_article(0);
        }
        self.reading_arrived(from as usize, self.articles.len());
    }

    /// Article `index` has a new version (the full text fetched for a feed's
    /// summary, say): it replaces the stored one, its analysis is dropped and
    /// asked for again, and if it is open the body shows the new text. The
    /// list cursor stays where it is.
    pub fn replace_article(&mut self, index: usize, article: Arc<StoredArticle>) {
        let Some(slot) = self.articles.get_mut(index) else {
            return;
        };
        let date = date::sort_key(article.date());
        *slot = article;
        if let Some(d) = self.dates.get_mut(index) {
            *d = date;
        }
        self.sort_in(vec![as_u32(index)], Some(as_u32(index)));
        self.analyses.forget(index);
        if self.body.index() == index {
            self.show_in_body(index);
        }
    }

    /// The loader found article `article` again from another `source` (same
    /// guid, link or text): the metadata line and the list row say so.
    pub fn add_duplicate_source(&mut self, article: usize, source: String) {
        let Some(stored) = self.articles.get(article) else {
            return;
        };
        let source = source.trim().to_string();
        let own = stored.source().unwrap_or("");
        let sources = self.also_in.entry(article).or_default();
        if source.is_empty() || source == own || sources.contains(&source) {
            return;
        }
        sources.push(source);
        if self.body.index() == article {
            self.body.set_also_in(sources.clone(), &self.geometry);
        }
    }

    /// Adds loader messages: files skipped, problems with files that loaded.
    pub fn add_problems(&mut self, skipped: Vec<String>, warnings: Vec<String>) {
        self.overlays
            .add_problems(skipped, warnings, &self.geometry);
    }

    /// A reload begins: the problems of web addresses, which it fetches
    /// again, are forgotten, so that they are counted once and a feed that
    /// works again no longer shows as failed. Problems of files stay (a
    /// reload does not report them again).
    pub fn forget_reloadable_problems(&mut self) {
        self.overlays
            .retain_problems(|p| !crate::fetch::is_web_url(p), &self.geometry);
    }

    /// Every file has been read.
    pub fn loading_finished(&mut self) {
        self.progress.loading = false;
    }

    /// The background has fetched `done` of `of` web addresses (the first
    /// load's, or a reload's).
    pub fn fetching(&mut self, done: usize, of: usize) {
        self.progress.fetching = (done < of).then_some((done, of));
    }

    /// The analysis of article `article`, asked for by [`App::take_requests`].
    pub fn add_analysis(&mut self, article: usize, mut analysis: Analysis) {
        self.analyses.arrived(article, &mut analysis);
        if article == self.body.index() && !self.body.is_analysed() {
            self.set_open_analysis(analysis.clone());
        }
        self.analyses.insert(article, analysis);
    }

    /// An analysis nobody asked for, kept only while the cache has room (so
    /// that a small collection is kept whole and opens instantly).
    pub fn offer_analysis(&mut self, article: usize, analysis: Analysis) {
        if self.analyses.has_room() || article == self.body.index() {
            self.add_analysis(article, analysis);
        }
    }

    /// The index now holds `analysed` articles and may have a new sidebar order.
    pub fn indexed(&mut self, analysed: usize) {
        self.progress.analysed = analysed;
        if self.progress.done {
            // Articles a reload added may bring a hidden or merged name back.
            self.correct_index();
        }
        self.refresh_from_index();
    }

    /// Every article is analysed; `renames` turn the names articles use into
    /// the collection's names, which the index now uses.
    pub fn unified(&mut self, renames: Arc<Renames>) {
        // The current mention, found again by its place in the text.
        let current = self.body.current_span(self.selected.as_deref());
        renamed(&mut self.selected, &renames);
        for name in self.list.filters_mut() {
            if let Some(new) = renames.names.get(name) {
                name.clone_from(new);
            }
        }
        self.analyses.unify(Arc::clone(&renames));
        if self.body.is_analysed() {
            let selected = self.selected.as_deref();
            self.body
                .rename(&renames, selected, current, &self.geometry);
            self.sidebar_follows_body();
        }
        self.progress.done = true;
        self.progress.loading = false;
        self.progress.analysed = self.articles.len();
        self.correct_index();
        self.correct_open();
        self.refresh_from_index();
    }

    /// Articles whose analyses the reader wants first: the open article, and
    /// the ones before and after it in the list, when not at hand and not yet
    /// asked for. Each is returned once; the answer comes to [`App::add_analysis`].
    pub fn take_requests(&mut self) -> Vec<usize> {
        if self.articles.is_empty() {
            return Vec::new();
        }
        let open = self.body.index();
        let here = self.list.position(open);
        let neighbours = here.into_iter().flat_map(|p| {
            [p.checked_sub(1), Some(p + 1)]
                .into_iter()
                .flatten()
                .filter_map(|q| self.list.at(q))
        });
        // n/N go on to the articles before and after this one that mention the
        // selected entity: have those ready too.
        let mentioning: Vec<usize> = self.selected.as_deref().map_or_else(Vec::new, |name| {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            let near = self.list.around(articles, open);
            near.before.into_iter().chain(near.after).collect()
        });
        let again = self.analyses.take_again();
        let wanted: Vec<usize> = std::iter::once(open)
            .chain(again)
            .chain(neighbours)
            .chain(mentioning)
            .filter(|&a| {
                let at_hand = self.analyses.contains(a) || (a == open && self.body.is_analysed());
                !at_hand && !self.analyses.is_asked(a)
            })
            .fold(Vec::new(), |mut wanted, a| {
                if !wanted.contains(&a) {
                    wanted.push(a);
                }
                wanted
            });
        self.analyses.ask(&wanted);
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
        self.analyses.waiting()
    }

    /// After the index changed: the filtered list and the collection sidebar follow it.
    pub(super) fn refresh_from_index(&mut self) {
        // The text filter does not change with the index (new articles join it in `add_articles`).
        if !self.list.filters().is_empty() {
            self.refilter();
        }
        if self.sidebar.scope() == Scope::Collection {
            self.rebuild_sidebar();
        }
    }
}
