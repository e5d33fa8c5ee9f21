//! The article list's order: load order, by date (newest first), by
//! source (A–Z, then newest first), or, while a search across the collection
//! is on, best match first. Each article's date is read once, when it
//! arrives ([`crate::date`]); a whole sort interns the sources first so that
//! comparisons are between integers, and articles streaming in are merged
//! into the sorted order rather than sorting it all again.

use crate::store::StoredArticle;
use std::cmp::{Ordering, Reverse};
use std::sync::Arc;

/// How the article list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// As the articles were loaded.
    #[default]
    Load,
    /// Newest first; undated articles last, in load order.
    Date,
    /// By source A–Z (case-insensitive), newest first within a source; articles
    /// without a source last.
    Source,
    /// Best match of the collection search first (only while one is on).
    Relevance,
}

impl SortOrder {
    /// The order `s` switches to; while a collection search is on
    /// (`searching`), best first comes round after load order.
    pub fn next(self, searching: bool) -> SortOrder {
        match self {
            SortOrder::Relevance => SortOrder::Date,
            SortOrder::Date => SortOrder::Source,
            SortOrder::Source => SortOrder::Load,
            SortOrder::Load if searching => SortOrder::Relevance,
            SortOrder::Load => SortOrder::Date,
        }
    }

    /// What the status line says after `s`.
    pub fn note(self) -> &'static str {
        match self {
            SortOrder::Load => "in load order",
            SortOrder::Date => "sorted by date, newest first",
            SortOrder::Source => "sorted by source, then newest first",
            SortOrder::Relevance => "best matches first",
        }
    }
}

/// Newest first, undated last.
fn by_date(a: Option<i64>, b: Option<i64>) -> Ordering {
    (a.is_none(), a.map(Reverse)).cmp(&(b.is_none(), b.map(Reverse)))
}

/// Sources A–Z ignoring case (then exactly, so the order is total), none last.
fn by_source(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => folded(a).cmp(folded(b)).then_with(|| a.cmp(b)),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

/// `text` in lower case, without allocating.
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// The articles and their dates, which an order compares.
pub(super) struct Keys<'a> {
    pub(super) articles: &'a [Arc<StoredArticle>],
    /// Sort key of each article's date ([`crate::date::sort_key`]).
    pub(super) dates: &'a [Option<i64>],
    /// Each article's place among the collection search's matches (best
    /// first; `u32::MAX` for none); empty without a search.
    pub(super) relevance: &'a [u32],
    /// The search's matches best first (empty without a search).
    pub(super) ranked: &'a [u32],
}

impl Keys<'_> {
    fn date(&self, article: u32) -> Option<i64> {
        self.dates.get(article as usize).copied().flatten()
    }

    fn relevance(&self, article: u32) -> u32 {
        self.relevance
            .get(article as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    fn source(&self, article: u32) -> Option<&str> {
        self.articles.get(article as usize).and_then(|a| a.source())
    }

    /// How `a` and `b` compare in `order`; ties go by load order.
    fn compare(&self, order: SortOrder, a: u32, b: u32) -> Ordering {
        let first = match order {
            SortOrder::Load => Ordering::Equal,
            SortOrder::Date => by_date(self.date(a), self.date(b)),
            SortOrder::Source => by_source(self.source(a), self.source(b))
                .then_with(|| by_date(self.date(a), self.date(b))),
            SortOrder::Relevance => self.relevance(a).cmp(&self.relevance(b)),
        };
        first.then(a.cmp(&b))
    }

    /// The matches best first, as the search ranked them. Only they are
    /// listed while a search is on, so the others take no place in its order
    /// (an article without one sorts last: see `ArticleList::key`), which
    /// spares passes over a million articles and a list of them.
    fn by_relevance(&self, n: u32) -> Vec<u32> {
        self.ranked.iter().copied().filter(|&a| a < n).collect()
    }

    /// Every article in `order` (`None` for load order, which keeps no list).
    pub(super) fn sorted(&self, order: SortOrder) -> Option<Vec<u32>> {
        let n = u32::try_from(self.articles.len()).unwrap_or(u32::MAX);
        let date = |a: u32| {
            let d = self.date(a);
            (d.is_none(), Reverse(d.unwrap_or(0)))
        };
        let mut all: Vec<u32> = match order {
            SortOrder::Load => return None,
            SortOrder::Relevance => return Some(self.by_relevance(n)),
            SortOrder::Date | SortOrder::Source => (0..n).collect(),
        };
        match order {
            SortOrder::Load | SortOrder::Relevance => {}
            SortOrder::Date => all.sort_unstable_by_key(|&a| (date(a), a)),
            SortOrder::Source => {
                // Few sources, many articles: rank the sources once.
                let mut sources: Vec<Option<&str>> = (0..n).map(|a| self.source(a)).collect();
                sources.sort_unstable();
                sources.dedup();
                sources.sort_by(|a, b| by_source(*a, *b));
                let rank: foldhash::HashMap<Option<&str>, u32> = (0u32..)
                    .zip(sources)
                    .map(|(rank, source)| (source, rank))
                    .collect();
                let ranks: Vec<u32> = (0..n)
                    .map(|a| rank.get(&self.source(a)).copied().unwrap_or(u32::MAX))
                    .collect();
                all.sort_unstable_by_key(|&a| (ranks[a as usize], date(a), a));
            }
        }
        Some(all)
    }

    /// Merges `new` articles into `sorted`, a list already in `order`: each
    /// finds its place by binary search, then one pass builds the merged list.
    pub(super) fn insert(&self, order: SortOrder, sorted: &mut Vec<u32>, mut new: Vec<u32>) {
        new.sort_unstable_by(|&a, &b| self.compare(order, a, b));
        let places: Vec<usize> = new
            .iter()
            .map(|&a| sorted.partition_point(|&b| self.compare(order, b, a) == Ordering::Less))
            .collect();
        let mut merged = Vec::with_capacity(sorted.len() + new.len());
        let mut from = 0;
        for (article, place) in new.into_iter().zip(places) {
            merged.extend_from_slice(sorted.get(from..place).unwrap_or_default());
            merged.push(article);
            from = place;
        }
        merged.extend_from_slice(sorted.get(from..).unwrap_or_default());
        *sorted = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    impl Keys<'_> {
        /// Sorts by comparisons alone, as merging does.
        fn sort_some(&self, order: SortOrder, articles: &mut [u32]) {
            articles.sort_unstable_by(|&a, &b| self.compare(order, a, b));
        }
    }

    fn stored(source: Option<&str>) -> Arc<StoredArticle> {
        let article = Article {
            source: source.map(str::to_string),
            ..Article::default()
        };
        Arc::new(StoredArticle::new(article, None))
    }

    #[test]
    fn whole_sorts_and_merges_agree() {
        let sources = [
            Some("wire"),
            None,
            Some("Gazette"),
            Some("Wire"),
            Some("gazette"),
        ];
        let articles: Vec<Arc<StoredArticle>> = (0..40)
            .map(|i| stored(sources[i % sources.len()]))
            .collect();
        let dates: Vec<Option<i64>> = (0..40i64)
            .map(|i| (i % 3 != 0).then_some((i * 7919) % 13))
            .collect();
        let relevance: Vec<u32> = (0..40u32).map(|i| (i * 17) % 41).collect();
        let mut ranked: Vec<u32> = (0..40).collect();
        ranked.sort_by_key(|&a| relevance[a as usize]);
        let keys = Keys {
            articles: &articles,
            dates: &dates,
            relevance: &relevance,
            ranked: &ranked,
        };
        for order in [SortOrder::Date, SortOrder::Source, SortOrder::Relevance] {
            let whole = keys.sorted(order).expect("sorted");
            let mut by_compare: Vec<u32> = (0..40).collect();
            keys.sort_some(order, &mut by_compare);
            assert_eq!(whole, by_compare, "{order:?}");
            let mut merged: Vec<u32> = (0..25).collect();
            keys.sort_some(order, &mut merged);
            keys.insert(order, &mut merged, (25..40).rev().collect());
            assert_eq!(merged, whole, "{order:?}");
        }
    }

    #[test]
    fn sources_sort_without_case_and_undated_go_last() {
        let articles = vec![stored(Some("wire")), stored(None), stored(Some("Gazette"))];
        let dates = vec![None, Some(5), Some(1)];
        let keys = Keys {
            articles: &articles,
            dates: &dates,
            relevance: &[],
            ranked: &[],
        };
        assert_eq!(keys.sorted(SortOrder::Date), Some(vec![1, 2, 0]));
        assert_eq!(keys.sorted(SortOrder::Source), Some(vec![2, 0, 1]));
        assert_eq!(keys.sorted(SortOrder::Load), None);
    }
}
