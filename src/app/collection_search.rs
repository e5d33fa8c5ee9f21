//! The search across the collection: `:` and a query (anything but an article
//! number) asks the background to search every article of the collection
//! ([`crate::pipeline::Reader::search`], tantivy over the cache); what it
//! finds narrows the list to the matching articles, best first (`s` goes on
//! to newest first, by source and list order, and back), with the count in the
//! list's title. The query's words are highlighted in the open article and
//! n/N walk them, on through the list's next match; Esc brings back the whole
//! list.

use super::list::Matches;
use super::query::Query;
use super::{App, Focus, SortOrder, count};

impl App {
    /// What the search for `query` found: the matching articles best first,
    /// or why the query could not be read.
    pub fn found(&mut self, query: String, found: Result<Vec<u32>, String>) {
        // The answer to a search asked before the last one: the last one's is coming.
        if self.requests.search_sent.as_deref() != Some(query.as_str()) {
            return;
        }
        self.requests.search_sent = None;
        self.requests.search_answered = true;
        let mut ranked = match found {
            Ok(ranked) => ranked,
            Err(why) => {
                self.status = Some(format!("Search “{query}”: {why}"));
                return;
            }
        };
        let total = self.articles.len();
        ranked.retain(|&a| (a as usize) < total);
        if ranked.is_empty() {
            self.status = Some(format!("No article matches “{query}”."));
            return;
        }
        let sort_before = self
            .list
            .search()
            .map_or(self.list.sort(), |search| search.sort_before);
        // Lower case: the search itself ignores case, so must its highlight.
        self.search.words = crate::cache::query::highlights(&query)
            .iter()
            .filter_map(|word| Query::new(&word.to_lowercase()))
            .collect();
        let matches = Matches::new(query.clone(), ranked, sort_before);
        self.list.set_search(Some(matches));
        self.sort_list(SortOrder::Relevance);
        self.refilter();
        self.list.move_to(0, &self.geometry);
        self.focus = Focus::ArticleList;
        self.find_in_open();
        let shown = self.list.len();
        self.status = Some(format!(
            "{} match “{query}”, best first (s: newest first, list order; Esc: all).",
            count(shown, "article")
        ));
    }

    /// Ends the search across the collection: its highlight goes, and the
    /// list shows what the other filters leave, in its order from before.
    pub(super) fn end_collection_search(&mut self) {
        let Some(search) = self.list.take_search() else {
            return;
        };
        self.search.words.clear();
        self.find_in_open();
        // The list without the search first, so that the order from before
        // sorts only what is left (the whole list, unless other filters are on).
        self.refilter();
        if self.list.sort() == SortOrder::Relevance {
            self.sort_list(search.sort_before);
        }
    }

    /// n/N past the open article's last (first) highlighted word: on to the
    /// next (previous) article of the narrowed list, at its first (last) one.
    pub(super) fn next_search_result(&mut self, forward: bool) {
        let Some(query) = self.list.search().map(|s| s.query.clone()) else {
            return;
        };
        match self.list.neighbour(self.body.index(), forward) {
            Ok(article) => {
                self.open_article(article);
                let lines = self.search_mark_count();
                if lines > 0 {
                    self.go_to_match(if forward { 0 } else { lines - 1 });
                }
                let arrow = if forward { "→ next" } else { "← previous" };
                let title = self.articles.get(article).map_or("", |a| a.title());
                self.status = Some(format!("{arrow} match of “{query}”: {title}"));
            }
            Err(why) => self.status = Some(why.to_string()),
        }
    }

    /// The search across the collection's query, while it narrows the list.
    pub fn collection_query(&self) -> Option<&str> {
        self.list.search().map(|search| search.query.as_str())
    }
}
