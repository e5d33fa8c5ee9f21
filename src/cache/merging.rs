//! How the article index's segments merge: tantivy's log policy (segments
//! of like size merged once eight or more are alike), but no merge reads
//! more than [`MAX_MERGED_DOCS`] documents (but compacting a segment an
//! older build made bigger, which is rewritten alone).
//!
//! Why: a merge reads its segments' postings and positions through mapped
//! pages, which stay in the process's resident memory until it ends. With
//! tantivy's default a million articles ended in one segment of 1.3 million
//! documents, and the merges that made it held about 1 GB of the 1.3 GB peak
//! of `lede index`. Bounded, a merge holds the same at a million articles as
//! at a hundred thousand. The cost is more segments (25–30 after a first build
//! of a million articles): a search still scores slices of at most 65,536
//! documents however the segments fall (`every_match`), but looks each term
//! up in every segment, 9–26% slower at a million articles (README).

use std::collections::HashMap;
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Documents (deleted ones included: they are read too) a merge reads at
/// most: 87,000 generated articles with their files' documents, whose
/// postings and positions were 221 MB at most in one first build of a
/// million articles and 462 MB in another (merging small segments, which
/// each repeat every common term). A segment with more than half of
/// it live is merged no more, but to drop deleted documents
/// ([`compaction_groups`]).
pub const MAX_MERGED_DOCS: u32 = 1 << 17;

/// Merges at once (tantivy's default is four): with [`MAX_MERGED_DOCS`],
/// what bounds the pages merges map together. At a million articles two at
/// once mapped 414 MB at the worst sampled moment, one 221–462 MB; a first build of
/// 100,000 files took 64–65 s against 70 s with tantivy's own (both cores
/// analyse anyway).
pub const MERGE_THREADS: usize = 1;

/// tantivy's [`LogMergePolicy`], its merges cut to at most `max_docs`
/// documents each.
#[derive(Debug)]
pub struct BoundedMerges {
    log: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    /// Merges of at most `max_docs` documents.
    pub fn new(max_docs: u32) -> BoundedMerges {
        let mut log = LogMergePolicy::default();
        log.set_max_docs_before_merge(usize::try_from(max_docs / 2).unwrap_or(usize::MAX));
        BoundedMerges { log, max_docs }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.max_doc())).collect();
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| {
                let sized = candidate
                    .0
                    .into_iter()
                    .map(|id| (id, docs.get(&id).copied().unwrap_or(0)));
                groups_within(sized, self.max_docs)
                    .into_iter()
                    .filter(|group| group.len() > 1)
                    .map(MergeCandidate)
            })
            .collect()
    }
}

/// `segments` (each with its documents) cut, in their order, into groups
/// of at most `max_docs` documents; a segment over it is a group alone.
fn groups_within(
    segments: impl IntoIterator<Item = (SegmentId, u32)>,
    max_docs: u32,
) -> Vec<Vec<SegmentId>> {
    let mut groups: Vec<Vec<SegmentId>> = Vec::new();
    let mut docs_in_last = 0u32;
    for (id, docs) in segments {
        match groups.last_mut() {
            Some(last) if docs_in_last.saturating_add(docs) <= max_docs => {
                last.push(id);
                docs_in_last += docs;
            }
            _ => {
                groups.push(vec![id]);
                docs_in_last = docs;
            }
        }
    }
    groups
}

/// The merges that rewrite `dirty` segments (each with its documents, all
/// read, and its live ones, all written) without their deleted documents,
/// at most `max_docs` read by each: a segment alone when it is big, small
/// ones together.
pub fn compaction_groups(dirty: &[(SegmentId, u32)], max_docs: u32) -> Vec<Vec<SegmentId>> {
    groups_within(dirty.iter().copied(), max_docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Index;
    use tantivy::schema::Schema;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&docs| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    fn merged_sizes(policy: &BoundedMerges, segments: &[SegmentMeta]) -> Vec<u32> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.max_doc())).collect();
        let mut sizes: Vec<u32> = policy
            .compute_merge_candidates(segments)
            .iter()
            .map(|c| c.0.iter().map(|id| docs[id]).sum())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn a_level_of_small_segments_merges_in_groups_under_the_bound() {
        let policy = BoundedMerges::new(100_000);
        // Twelve alike segments: tantivy's policy would merge all twelve.
        let sizes = merged_sizes(&policy, &metas(&[20_000; 12]));
        assert_eq!(sizes, [40_000, 100_000, 100_000]);
    }

    #[test]
    fn segments_over_half_the_bound_are_merged_no_more() {
        let policy = BoundedMerges::new(100_000);
        assert!(merged_sizes(&policy, &metas(&[60_000; 10])).is_empty());
        // The small ones beside them still merge.
        let mut segments = metas(&[60_000; 10]);
        segments.extend(metas(&[5_000; 8]));
        assert_eq!(merged_sizes(&policy, &segments), [40_000]);
    }

    #[test]
    fn a_big_segment_mostly_deleted_merges_again_within_the_bound() {
        let policy = BoundedMerges::new(100_000);
        // 90,000 documents read, 10,000 live: under half the bound live.
        let mut segments: Vec<SegmentMeta> = metas(&[90_000])
            .into_iter()
            .map(|s| s.with_delete_meta(80_000, 1))
            .collect();
        segments.extend(metas(&[5_000; 8]));
        // Its 90,000 read and the small ones beside it: never over 100,000.
        let sizes = merged_sizes(&policy, &segments);
        assert!(sizes.iter().all(|&docs| docs <= 100_000), "{sizes:?}");
        assert!(!sizes.is_empty());
    }

    #[test]
    fn fewer_than_eight_alike_segments_wait() {
        let policy = BoundedMerges::new(100_000);
        assert!(merged_sizes(&policy, &metas(&[20_000; 7])).is_empty());
    }

    #[test]
    fn compaction_keeps_a_big_segment_alone_and_joins_small_ones() {
        let ids: Vec<SegmentId> = (0..4).map(|_| SegmentId::generate_random()).collect();
        let dirty = [
            (ids[0], 300_000),
            (ids[1], 30_000),
            (ids[2], 40_000),
            (ids[3], 90_000),
        ];
        let groups = compaction_groups(&dirty, 100_000);
        assert_eq!(
            groups,
            vec![vec![ids[0]], vec![ids[1], ids[2]], vec![ids[3]]]
        );
    }
}
