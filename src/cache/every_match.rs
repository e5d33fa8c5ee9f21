//! A tantivy collector that gathers every matching article's key and score,
//! unsorted: what narrowing a collection to a query needs (all its matches,
//! ranked by the caller), where a top-N collector would keep a heap as large
//! as the index. The key is read from its fast field, not the stored document.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Every match as (article key, score).
pub(super) struct EveryMatch;

impl Collector for EveryMatch {
    type Fruit = Vec<(u64, Score)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            keys: reader.fast_fields().u64("key")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u64, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(segments.concat())
    }
}

/// One segment's matches.
pub(super) struct SegmentMatches {
    keys: Column<u64>,
    found: Vec<(u64, Score)>,
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(u64, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Only article documents have a key; a file document never matches
        // a query on the article fields anyway.
        if let Some(key) = self.keys.first(doc) {
            self.found.push((key, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// Per segment of an index, the collection's article number of each
/// document (`u32::MAX`: not one of the collection's), so that a search for
/// a collection looks its hits up in an array instead of hashing their keys.
pub type SegmentArticles =
    std::collections::HashMap<tantivy::index::SegmentId, std::sync::Arc<[u32]>>;

/// A collection's matches, each packed as one number that sorts best first
/// ([`rank_key`]); documents not of the collection are passed over.
pub(super) struct InCollection<'a> {
    pub(super) articles: &'a SegmentArticles,
}

/// `article` with `score` as a number whose ascending order is best score
/// first, then article number: the score's bits (a BM25 score is never
/// negative, and a non-negative float's bits order as it does) flipped, above
/// the article.
pub fn rank_key(article: u32, score: Score) -> u64 {
    (u64::from(!score.max(0.0).to_bits()) << 32) | u64::from(article)
}

/// The score's part of a [`rank_key`]: ascending, best score first.
pub fn score_part(rank_key: u64) -> u32 {
    (rank_key >> 32) as u32
}

/// The article a [`rank_key`] holds.
pub fn article_of(rank_key: u64) -> u32 {
    (rank_key & u64::from(u32::MAX)) as u32
}

impl Collector for InCollection<'_> {
    type Fruit = Vec<u64>;
    type Child = SegmentInCollection;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentInCollection> {
        Ok(SegmentInCollection {
            articles: self.articles.get(&reader.segment_id()).cloned(),
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<u64>>) -> tantivy::Result<Self::Fruit> {
        Ok(segments.concat())
    }
}

/// One segment's matches of the collection.
pub(super) struct SegmentInCollection {
    /// `None`: no article of this segment is the collection's.
    articles: Option<std::sync::Arc<[u32]>>,
    found: Vec<u64>,
}

impl SegmentCollector for SegmentInCollection {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(&article) = self.articles.as_ref().and_then(|a| a.get(doc as usize))
            && article != u32::MAX
        {
            self.found.push(rank_key(article, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_keys_order_best_score_first_then_article() {
        let mut keys = [rank_key(7, 2.0), rank_key(3, 2.0), rank_key(9, 5.0)];
        keys.sort_unstable();
        let articles: Vec<u32> = keys.iter().map(|&k| article_of(k)).collect();
        assert_eq!(articles, [9, 3, 7]);
        // By the score alone (see `CollectionSearch::search`).
        assert!(score_part(rank_key(1, 5.0)) < score_part(rank_key(0, 2.0)));
        assert_eq!(score_part(rank_key(1, 2.0)), score_part(rank_key(0, 2.0)));
    }
}
