//! What the list shows: `f` adds the selected entity to a stack of entity
//! filters (articles mentioning them all: "what did Ofcom say about BT?"), `f`
//! on one already there takes it off, Esc takes off the last; `/` in the list
//! filters by title and source as it is typed; a search across the collection
//! (`collection_search`) leaves only its matches. The filters combine with
//! each other and with the list's order.

use super::query::Query;
use super::{App, count};

/// Sorted articles in both `a` and `b` (both ascending).
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(x);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

impl App {
    /// The articles (ascending) mentioning every one of `names`; `None` for no name.
    fn mentioning_all(&self, names: &[String]) -> Option<Vec<u32>> {
        let mut names = names.iter();
        let first = self.mentioning(names.next()?);
        Some(names.fold(first, |all, name| intersect(&all, &self.mentioning(name))))
    }

    /// The articles the list's filters leave (ascending), `None` when no
    /// filter is on.
    fn filtered(&self) -> Option<Vec<u32>> {
        let mut by_entities = self.mentioning_all(self.list.filters());
        if let Some(search) = self.list.search() {
            by_entities = Some(match by_entities {
                Some(articles) => intersect(&articles, &search.ascending(self.articles.len())),
                None => search.ascending(self.articles.len()),
            });
        }
        let Some(query) = self.list.text().and_then(Query::new) else {
            return by_entities;
        };
        let mut buffer = String::new();
        let mut holds = |a: u32| {
            self.articles.get(a as usize).is_some_and(|stored| {
                query.is_in(stored.title(), &mut buffer)
                    || stored.source().is_some_and(|s| query.is_in(s, &mut buffer))
            })
        };
        Some(match by_entities {
            Some(articles) => articles.into_iter().filter(|&a| holds(a)).collect(),
            None => (0..super::as_u32(self.articles.len()))
                .filter(|&a| holds(a))
                .collect(),
        })
    }

    /// Shows what the filters leave, the cursor staying on its article when
    /// it is still shown (else on the open one).
    pub(super) fn refilter(&mut self) {
        let keep = self.list.at(self.list.cursor());
        if self.list.search().is_some()
            && self.list.filters().is_empty()
            && self.list.text().is_none()
        {
            // The search alone: its matches need no list of their own.
            self.list
                .show_matches(keep, self.body.index(), &self.geometry);
            self.refresh_hidden();
            return;
        }
        let articles = self.filtered();
        let keep = keep
            .filter(|&a| {
                articles
                    .as_ref()
                    .is_none_or(|v| v.binary_search(&super::as_u32(a)).is_ok())
            })
            .unwrap_or(self.body.index());
        self.list.show(articles, keep, &self.geometry);
        self.refresh_hidden();
    }

    /// `/` in the list, as typed: only the articles whose title or source
    /// holds `text` (all again when it is empty).
    pub(super) fn filter_list_by_text(&mut self, text: &str) {
        self.list
            .set_text((!text.is_empty()).then(|| text.to_string()));
        self.refilter();
    }

    /// f: adds the selected entity to the filters, or takes it off when it
    /// is there already; with nothing selected, takes every entity filter off.
    pub(super) fn toggle_filter(&mut self) {
        let Some(name) = self.selected.clone() else {
            if self.list.filters().is_empty() {
                self.status = Some("Select an entity first (Enter in the sidebar).".to_string());
            } else {
                self.list.filters_mut().clear();
                self.refilter();
                self.status = Some(self.listing_note());
            }
            return;
        };
        if let Some(at) = self.list.filters().iter().position(|f| *f == name) {
            self.list.filters_mut().remove(at);
            self.refilter();
            self.status = Some(self.listing_note());
            return;
        }
        let mut names = self.list.filters().to_vec();
        names.push(name.clone());
        if self.mentioning_all(&names).is_none_or(|a| a.is_empty()) {
            self.status = Some(if names.len() == 1 {
                format!("No article mentions {name}.")
            } else {
                format!("No article listed here mentions {name} too.")
            });
            return;
        }
        self.list.filters_mut().push(name);
        self.refilter();
        self.status = Some(format!("{} (f or Esc: undo).", self.listing_note()));
    }

    /// Esc on a filtered list: takes off the text filter, else the entity
    /// filter added last; `false` when there was none.
    pub(super) fn pop_filter(&mut self) -> bool {
        if self.list.text().is_some() {
            self.list.set_text(None);
        } else if self.list.search().is_some() {
            self.end_collection_search();
        } else if self.list.filters_mut().pop().is_none() {
            return false;
        }
        self.refilter();
        self.status = Some(self.listing_note());
        true
    }

    /// "Listing 3 articles mentioning Ofcom + BT", "Listing all 12 articles."
    pub(super) fn listing_note(&self) -> String {
        if !self.list.is_filtered() {
            return format!("Listing all {} articles.", self.articles.len());
        }
        let mut note = format!("Listing {}", count(self.list.len(), "article"));
        if !self.list.filters().is_empty() {
            note.push_str(" mentioning ");
            note.push_str(&self.list.filters().join(" + "));
        }
        if let Some(text) = self.list.text() {
            note.push_str(&format!(" with “{text}” in title or source"));
        }
        if let Some(search) = self.list.search() {
            note.push_str(&format!(" matching “{}”", search.query));
        }
        note
    }
}

#[cfg(test)]
mod tests {
    use super::intersect;

    #[test]
    fn intersect_keeps_what_both_lists_hold() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), [3, 7]);
        assert!(intersect(&[], &[1]).is_empty());
    }
}
