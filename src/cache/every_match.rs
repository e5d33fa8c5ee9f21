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
