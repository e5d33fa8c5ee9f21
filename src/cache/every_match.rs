//! Every matching article of a search, with its score, unsorted: what
//! narrowing a collection to a query needs (all its matches, ranked by the
//! caller), where a top-N collector would keep a heap as large as the index.
//! A collector for the whole index ([`EveryMatch`]), and the collection's
//! matches scored on every core ([`matches_in`]). The key is read from its
//! fast field, not the stored document.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Executor, Score, Searcher, SegmentOrdinal, SegmentReader};

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

/// Documents a slice of the index holds at most: a search's threads score
/// slices, not whole segments, as one segment often holds most of the index
/// (after merges, 60% of a million articles), and a thread per segment
/// would leave the other cores waiting for it.
const SLICE_DOCS: u32 = 65_536;

/// The matches of `query` among a collection's articles (`articles` tells
/// each segment's documents' article numbers; documents not of the
/// collection are passed over), each packed as one number that sorts best
/// first ([`rank_key`]), in the index's order: scored on `executor`'s
/// threads, a slice of a segment each.
///
/// # Errors
/// Those of tantivy making the query's scorers.
pub(super) fn matches_in(
    searcher: &Searcher,
    query: &dyn Query,
    articles: &SegmentArticles,
    executor: &Executor,
) -> tantivy::Result<Vec<u64>> {
    matches_in_slices(searcher, query, articles, executor, SLICE_DOCS)
}

/// [`matches_in`], with slices of at most `slice_docs` documents.
pub(super) fn matches_in_slices(
    searcher: &Searcher,
    query: &dyn Query,
    articles: &SegmentArticles,
    executor: &Executor,
    slice_docs: u32,
) -> tantivy::Result<Vec<u64>> {
    let slice_docs = slice_docs.max(1);
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let readers = searcher.segment_readers();
    let slices = readers.iter().enumerate().flat_map(|(ord, reader)| {
        let max = reader.max_doc();
        (0..max.div_ceil(slice_docs)).map(move |n| {
            (
                ord,
                n * slice_docs,
                max.min((n + 1).saturating_mul(slice_docs)),
            )
        })
    });
    let found = executor.map(
        |(ord, start, end): (usize, DocId, DocId)| {
            let Some(reader) = readers.get(ord) else {
                return Ok(Vec::new());
            };
            let Some(table) = articles.get(&reader.segment_id()) else {
                return Ok(Vec::new());
            };
            let alive = reader.alive_bitset();
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            if doc < start {
                doc = scorer.seek(start);
            }
            let mut found = Vec::new();
            // TERMINATED, past the last match, is above every slice's end.
            while doc < end {
                if alive.is_none_or(|alive| alive.is_alive(doc))
                    && let Some(&article) = table.get(doc as usize)
                    && article != u32::MAX
                {
                    found.push(rank_key(article, scorer.score()));
                }
                doc = scorer.advance();
            }
            Ok(found)
        },
        slices,
    )?;
    Ok(found.concat())
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
