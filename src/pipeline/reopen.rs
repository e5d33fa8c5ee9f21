//! Reopening a collection of files from its snapshot
//! ([`crate::cache::snapshot`]), and making the snapshot of a collection
//! loaded the long way.
//!
//! The loader meets the files in order. While each one is the snapshot's next
//! file and unchanged, its articles come from the snapshot, with no analysis
//! at all; when the last one did and nothing else came, the indexer takes the
//! snapshot's entity index and renames whole, and the collection is final at
//! once. The first file that is not the snapshot's next (changed, added, or
//! one removed before it) ends that: the files met so far get their analyses
//! from the article index after all, and the rest loads as without a
//! snapshot. Such a load, once everything is analysed, kept and unified,
//! writes a new snapshot.

use crate::cache::snapshot::{self, EntriesOut, FileBlob, Snapshot, SnapshotFile, Tail, TextsOut};
use crate::cache::store::{ArticleStore, Stamp};
use crate::loader::LoadError;
use crate::model::Analysis;
use crate::store::{StoredArticle, TextFile};
use foldhash::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after the snapshot is opened its tail may start being read beside
/// the loader: by the first file met after it (see [`Reopen::meet`]); if every
/// file is met sooner, the tail is read when the loader asks for it.
const TAIL_AFTER: Duration = Duration::from_millis(40);

/// The loader's side of a reopening, and the draft of the next snapshot.
pub(super) struct Reopen {
    snapshot: Option<Snapshot>,
    /// The snapshot's file that should come next.
    next: usize,
    /// The articles that came from the snapshot, while it is followed: the
    /// draft's file each is in, and its number in the collection (in the
    /// order the draft has them).
    met: Vec<(u32, u32)>,
    /// Articles the snapshot's files held up to the file met last.
    numbered: usize,
    /// Old analyses (from the article index) of the articles of files
    /// changed since the snapshot, by article number: to take out of its index.
    stale: Vec<(usize, Analysis)>,
    /// Articles of files changed or added since the snapshot, read and held
    /// back from analysis until the snapshot's index is in place.
    fresh: Vec<(usize, Arc<StoredArticle>)>,
    /// The last file read while the snapshot is followed.
    changing: Option<Change>,
    /// Articles of files added after the snapshot's last.
    added: usize,
    /// Whether a file changed or was added since the snapshot (even one
    /// that gives no article): the snapshot is then written anew.
    touched: bool,
    /// The collection as loaded this time, for a new snapshot.
    draft: Draft,
    /// When the snapshot was opened.
    opened: Instant,
}

/// A file read while the snapshot is followed.
#[derive(Clone, Copy)]
enum Change {
    /// One of the snapshot's, changed: its articles' numbers then (from
    /// `first`, `count` of them) and how many it has given now. They must be
    /// as many, so that every later article keeps its number.
    Edited {
        first: usize,
        count: usize,
        now: usize,
    },
    /// A file after the snapshot's last.
    Added,
}

/// What the snapshot says of a file the loader meets.
pub(super) enum Meeting {
    /// Unchanged: its articles, and the file their texts are in.
    Same(FileBlob, Arc<TextFile>),
    /// The snapshot's next file, changed since: its stamp then, to find its
    /// old analyses by (then [`Reopen::changed`]); it is read.
    Changed(Stamp),
    /// A file after the snapshot's last: read, and added (nothing to take
    /// out of the index, so nothing to recall).
    Added,
    /// Anything else: the file is read (or recalled) as without a snapshot.
    Other,
}

/// What the analyses of the articles met so far are, once the snapshot no
/// longer holds: recalled ones for the indexer, the others to analyse.
#[derive(Default)]
pub(super) struct Fallback {
    pub(super) recalled: Vec<(usize, Analysis, Arc<StoredArticle>)>,
    pub(super) to_analyse: Vec<(usize, Arc<StoredArticle>)>,
}

impl Reopen {
    /// Starts a load of the collection whose snapshot is (to be) at `path`.
    pub(super) fn new(path: PathBuf) -> Reopen {
        snapshot::remove_abandoned_beside(&path);
        let snapshot = Snapshot::open(&path);
        // As many files as last time, most likely (a damaged count reserves
        // no more than a million).
        let files = snapshot.as_ref().map_or(0, |s| s.file_count().min(1 << 20));
        Reopen {
            snapshot,
            next: 0,
            met: Vec::new(),
            numbered: 0,
            stale: Vec::new(),
            fresh: Vec::new(),
            changing: None,
            added: 0,
            touched: false,
            opened: Instant::now(),
            draft: Draft {
                path,
                files: Vec::with_capacity(files),
                texts: None,
                complete: true,
                incremental: 0,
                entries: None,
                broken: false,
            },
        }
    }

    /// The loader meets a file: what it gave last time if the snapshot
    /// holds it unchanged, as the collection names it now; whether it is the
    /// snapshot's next file changed, or a file added after its last. Any
    /// other file ends the snapshot (see [`Reopen::give_up`]).
    pub(super) fn meet(&mut self, path: &str, label: &str, stamp: Stamp) -> Meeting {
        let racy =
            crate::cache::store::now_nanos() - stamp.modified < crate::cache::store::RACY_NANOS;
        self.draft.files.push(DraftFile {
            path: path.into(),
            label: (label != path).then(|| label.into()),
            stamp,
            racy,
            articles: Vec::new(),
            problems: None,
        });
        if self.snapshot.is_none() {
            self.draft.write_out_done();
        }
        if !self.changed_as_many() {
            return Meeting::Other;
        }
        let Some(snapshot) = self.snapshot.as_mut() else {
            return Meeting::Other;
        };
        if self.next == snapshot.file_count() {
            // Files after the last keep every article's number: read, and added.
            self.changing = Some(Change::Added);
            self.touched = true;
            return Meeting::Added;
        }
        let Some(entry) = snapshot.next_file().filter(|entry| entry.path == path) else {
            return Meeting::Other;
        };
        self.next += 1;
        let count = entry.blob.articles.len();
        if !entry.unchanged(&stamp) {
            self.touched = true;
            self.changing = Some(Change::Edited {
                first: self.numbered,
                count,
                now: 0,
            });
            self.numbered += count;
            return Meeting::Changed(entry.stamp);
        }
        self.numbered += count;
        // The first frame's moments are the model's and the first article's:
        // the tail (index and renames, a few hundred megabytes at a million
        // articles) is decoded beside the walk only after them.
        if self.opened.elapsed() >= TAIL_AFTER {
            snapshot.read_tail_ahead();
        }
        if let Some(file) = self.draft.files.last_mut() {
            file.articles.reserve_exact(count);
        }
        Meeting::Same(entry.blob.relabelled(label), Arc::clone(snapshot.texts()))
    }

    /// The file met last changed since the snapshot, and this is what the
    /// article index recalls of it as it was then (with the stamp
    /// [`Meeting::Changed`] gave): its old analyses are taken out of the
    /// snapshot's index once it is in place. A changed file whose old
    /// analyses are gone ends the snapshot (false).
    pub(super) fn changed(&mut self, then: Option<crate::cache::store::Recalled>) -> bool {
        match self.changing {
            Some(Change::Edited { first, count, .. }) => {
                match then.filter(|r| r.current && r.articles.len() == count) {
                    Some(recalled) => {
                        let old = recalled.articles.into_iter().map(|(_, analysis)| analysis);
                        self.stale.extend((first..).zip(old));
                        true
                    }
                    None => false,
                }
            }
            Some(Change::Added) | None => false,
        }
    }

    /// Whether the file changed last, if any, has as many articles as it had
    /// (checked when the next file is met, and at the end).
    fn changed_as_many(&self) -> bool {
        match self.changing {
            Some(Change::Added) | None => true,
            Some(Change::Edited { count, now, .. }) => count == now,
        }
    }

    /// Article `index`, read from a file changed or added since the
    /// snapshot, is held back from analysis while the snapshot is followed
    /// (true): its analysis must reach the index after the snapshot's.
    pub(super) fn hold(&mut self, index: usize, stored: &Arc<StoredArticle>) -> bool {
        if self.snapshot.is_none() {
            return false;
        }
        match &mut self.changing {
            Some(Change::Added) => self.added += 1,
            Some(Change::Edited { now, .. }) => *now += 1,
            None => return false,
        }
        self.fresh.push((index, Arc::clone(stored)));
        true
    }

    /// Whether the snapshot is still followed (and has not been given up).
    pub(super) fn following(&self) -> bool {
        self.snapshot.is_some()
    }

    /// Article `index` of the file met last came from the snapshot (the
    /// draft has it next).
    pub(super) fn placed(&mut self, index: usize) {
        if self.snapshot.is_none() {
            return;
        }
        // Numbers below four billion, as the collection index keeps them.
        let file = self.draft.files.len().saturating_sub(1);
        self.met.push((file as u32, index as u32));
    }

    /// The snapshot no longer holds: the analyses of the articles met so far,
    /// from the article index `store` (those it has not got are to analyse).
    pub(super) fn give_up(&mut self, store: &ArticleStore) -> Fallback {
        self.snapshot = None;
        self.stale.clear();
        let mut fallback = Fallback {
            to_analyse: std::mem::take(&mut self.fresh),
            ..Fallback::default()
        };
        let met = std::mem::take(&mut self.met);
        // The articles of one file are together, in the draft's order.
        for group in met.chunk_by(|a, b| a.0 == b.0) {
            let Some(file) = self.draft.files.get(group[0].0 as usize) else {
                continue;
            };
            let mut analyses: HashMap<String, Analysis> = store
                .recall_stamped(&file.path, file.label(), file.stamp)
                .filter(|r| r.current)
                .map(|r| {
                    r.articles
                        .into_iter()
                        .map(|(article, analysis)| (article.id, analysis))
                        .collect()
                })
                .unwrap_or_default();
            for (&(_, index), (stored, _)) in group.iter().zip(&file.articles) {
                let (index, stored) = (index as usize, Arc::clone(stored));
                match analyses.remove(&stored.id()) {
                    Some(analysis) => fallback.recalled.push((index, analysis, stored)),
                    None => {
                        // Not in the article index: analysed again, and not
                        // snapshotted (the snapshot would promise a key the
                        // article index does not hold).
                        self.draft.complete = false;
                        fallback.to_analyse.push((index, stored));
                    }
                }
            }
        }
        // The files met so far are done with but the last.
        self.draft.write_out_done();
        fallback
    }

    /// The load is over with `total` articles: the snapshot's index and
    /// renames if every file came from it, changed in place or added after
    /// its last; `None` if not (then [`Reopen::give_up`] is due, if still
    /// [`Reopen::following`]). The articles held back are then to analyse.
    pub(super) fn finish(&mut self, total: usize) -> Option<(Box<Restored>, Fallback)> {
        let as_many = self.changed_as_many();
        let snapshot = self.snapshot.as_ref()?;
        // Names read since the last whole load were not unified with the
        // rest: past a twentieth of the collection, it is loaded whole again.
        let incremental = snapshot.incremental().saturating_add(self.fresh.len());
        let whole = as_many
            && self.next == snapshot.file_count()
            && snapshot.articles() == self.numbered
            && self.numbered + self.added == total
            && incremental <= total / snapshot::INCREMENTAL_SHARE;
        if !whole {
            return None;
        }
        // A tail that does not read back leaves the snapshot followed, for
        // the caller to give it up.
        let tail = self.snapshot.as_mut()?.tail()?;
        self.snapshot = None;
        self.met = Vec::new();
        self.draft.incremental = incremental as u64;
        let fresh = std::mem::take(&mut self.fresh);
        let restored = Restored {
            tail,
            touched: self.touched,
            total,
            stale: std::mem::take(&mut self.stale),
            fresh: fresh.iter().map(|(index, _)| *index).collect(),
        };
        let fallback = Fallback {
            to_analyse: fresh,
            ..Fallback::default()
        };
        Some((Box::new(restored), fallback))
    }

    /// Notes an article of the file met last, with its key in the article
    /// index if known (a file read has its articles kept in file order).
    /// Its text goes to the next snapshot's file of texts now: the article
    /// to share is the one with its text there, not in memory.
    pub(super) fn draft_article(
        &mut self,
        stored: StoredArticle,
        key: Option<u64>,
    ) -> Arc<StoredArticle> {
        let draft = &mut self.draft;
        let Some(file) = draft.files.last_mut() else {
            draft.complete = false;
            return Arc::new(stored);
        };
        if draft.texts.is_none() && stored.text_in_memory().is_some() {
            // Without a file of texts (a cache that cannot be written) the
            // texts stay in memory, and the snapshot, if any, puts them in.
            draft.texts = TextsOut::create(&draft.path).ok();
        }
        let stored = Arc::new(match &mut draft.texts {
            Some(texts) => texts.take_text(stored),
            None => stored,
        });
        file.articles.push((Arc::clone(&stored), key));
        stored
    }

    /// Notes the problems of a part of the load that are the file's met
    /// last (the file itself, or a place in it: `file:3:17`). The others (an
    /// input that is missing, a folder that is empty or cannot be read) are
    /// no file's: the walk finds them again at each start, so the snapshot
    /// does not keep them (it would say them twice).
    pub(super) fn draft_problems(&mut self, skipped: &[LoadError], warnings: &[LoadError]) {
        let Some(file) = self.draft.files.last_mut() else {
            return;
        };
        // Problems name the file as sanitised (as every load error is).
        let label = crate::sanitize::sanitized(file.label()).into_owned();
        let of_the_file = |errors: &[LoadError]| -> Vec<(String, String)> {
            errors
                .iter()
                .filter(|e| {
                    e.path
                        .strip_prefix(&label)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
                })
                .map(|e| (e.path.clone(), e.reason.clone()))
                .collect()
        };
        let (skipped, warnings) = (of_the_file(skipped), of_the_file(warnings));
        if skipped.is_empty() && warnings.is_empty() {
            return;
        }
        let problems = file.problems.get_or_insert_default();
        problems.skipped.extend(skipped);
        problems.warnings.extend(warnings);
    }

    /// The draft of the next snapshot, when one can be made of this load.
    pub(super) fn into_draft(self) -> Option<Box<Draft>> {
        self.draft.complete.then(|| Box::new(self.draft))
    }
}

/// What the indexer takes from a snapshot: its index and renames, final
/// for the collection's `total` articles but those `fresh` (read from files
/// changed or added since, being analysed), once the `stale` ones (their
/// old analyses) are taken out.
pub(super) struct Restored {
    pub(super) tail: Tail,
    /// A file changed or was added since (one that gives no article too).
    pub(super) touched: bool,
    pub(super) total: usize,
    pub(super) stale: Vec<(usize, Analysis)>,
    pub(super) fresh: Vec<usize>,
}

/// The collection as the loader went through it, for a new snapshot once
/// every article is analysed and kept in the article index.
pub(super) struct Draft {
    path: PathBuf,
    files: Vec<DraftFile>,
    /// The next snapshot's file of texts, once an article's text went in.
    texts: Option<TextsOut>,
    /// Whether everything the load gave is in `files`.
    complete: bool,
    /// Articles read from changed or added files since the collection was
    /// last loaded whole.
    incremental: u64,
    /// The snapshot being written, with the entries of the files the load
    /// is done with, once the snapshot is not followed (see
    /// [`Draft::write_out_done`]).
    entries: Option<EntriesOut>,
    /// A write of an entry failed: no snapshot this time.
    broken: bool,
}

/// A file of the draft: kept for each of a million files, so as small as it
/// can be.
struct DraftFile {
    /// Its full path.
    path: Box<str>,
    /// The path as the collection names it, when that is not the full path.
    label: Option<Box<str>>,
    stamp: Stamp,
    /// Modified just before the loader met it: it may change again unseen,
    /// and is not trusted to the snapshot.
    racy: bool,
    articles: Vec<(Arc<StoredArticle>, Option<u64>)>,
    /// Few files have any.
    problems: Option<Box<Problems>>,
}

impl DraftFile {
    fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.path)
    }

    /// The file as the snapshot has it: an article read from it whose key
    /// in the article index is not known has the one its place gives.
    fn into_snapshot_file(self) -> SnapshotFile {
        let label = self.label().to_string();
        let path = self.path;
        let articles = self
            .articles
            .into_iter()
            .enumerate()
            .map(|(ordinal, (stored, key))| {
                let key = key.unwrap_or_else(|| crate::cache::store::article_key(&path, ordinal));
                (stored, key)
            })
            .collect();
        let problems = self.problems.map(|p| *p).unwrap_or_default();
        SnapshotFile {
            path: path.into(),
            stamp: self.stamp,
            label,
            racy: self.racy,
            articles,
            skipped: problems.skipped,
            warnings: problems.warnings,
        }
    }
}

/// A file's problems, as (place, reason).
#[derive(Default)]
struct Problems {
    skipped: Vec<(String, String)>,
    warnings: Vec<(String, String)>,
}

impl Draft {
    /// Writes out the entries of the files before the last (the load may
    /// still note problems of the last one), so that the draft does not hold
    /// the collection's articles: only once the snapshot is not followed, as
    /// a reopening that gives up its snapshot needs the articles met so far
    /// (see [`Reopen::give_up`]), and one that follows it to the end may
    /// need no new snapshot at all.
    fn write_out_done(&mut self) {
        if self.files.len() < 2 || self.broken || !self.complete {
            return;
        }
        let done: Vec<DraftFile> = self.files.drain(..self.files.len() - 1).collect();
        if self.push(done).is_err() {
            self.broken = true;
        }
    }

    /// Writes the entries of `files` into the snapshot being written,
    /// started if it is not yet.
    fn push(&mut self, files: Vec<DraftFile>) -> std::io::Result<()> {
        // The entries written name places in one file of texts.
        if self.entries.is_none() && self.texts.as_ref().is_none_or(TextsOut::broken) {
            self.texts = Some(TextsOut::create(&self.path)?);
        }
        let texts = self
            .texts
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no file of texts"))?;
        let entries = match &mut self.entries {
            Some(entries) => entries,
            None => self.entries.insert(EntriesOut::create(&self.path)?),
        };
        for file in files {
            entries.push(file.into_snapshot_file(), texts)?;
        }
        Ok(())
    }

    /// Writes the snapshot of the collection, with its `index` and `renames`
    /// as unified. A snapshot that cannot be written costs only a slower
    /// next start.
    pub(super) fn write(
        mut self,
        index: snapshot::TailIndex<'_>,
        renames: &crate::analysis::index::Renames,
    ) -> std::io::Result<()> {
        if self.broken {
            return Err(std::io::Error::other("a snapshot entry was not written"));
        }
        let files = std::mem::take(&mut self.files);
        self.push(files)?;
        let (Some(entries), Some(texts)) = (self.entries.take(), self.texts.take()) else {
            return Err(std::io::Error::other("no snapshot started"));
        };
        let whole = snapshot::Whole {
            index,
            renames,
            incremental: self.incremental,
        };
        entries.finish(whole, texts)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::analysis::index::{CollectionIndex, Renames};
    use crate::fetch::test_server::TempDir;
    use crate::model::Article;

    fn stored(i: usize) -> StoredArticle {
        StoredArticle::new(
            Article {
                id: format!("/news/{i}.txt"),
                source_path: format!("/news/{i}.txt"),
                title: format!("Story {i}"),
                paragraphs: vec![format!("Text of story {i}.")],
                ..Article::default()
            },
            None,
        )
    }

    /// Files in the snapshot's folder, by name.
    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_draft_with_no_snapshot_to_follow_writes_out_each_file_done_with() {
        let dir = TempDir::new("draft-out");
        let path = dir.path().join("collections").join("00000000000000aa.snap");
        let mut reopen = Reopen::new(path.clone());
        let mut held = Vec::new();
        for i in 0..3 {
            let file = format!("/news/{i}.txt");
            let stamp = Stamp {
                size: 20,
                modified: 1_000_000_000,
            };
            assert!(matches!(reopen.meet(&file, &file, stamp), Meeting::Other));
            // The files before the one met are written out, not held.
            assert_eq!(reopen.draft.files.len(), 1);
            held.push(reopen.draft_article(stored(i), None));
        }
        reopen.draft_problems(&[], &[LoadError::new("/news/2.txt", "a warning")]);
        // The snapshot being written is there under its temporary name only.
        let written = names(path.parent().unwrap());
        assert!(
            written.iter().any(|n| n.contains(".snap.tmp-")),
            "{written:?}"
        );
        assert!(!path.exists());
        let draft = reopen.into_draft().unwrap();
        draft
            .write(
                snapshot::TailIndex::Memory(&CollectionIndex::default()),
                &Renames::default(),
            )
            .unwrap();
        let written = names(path.parent().unwrap());
        assert!(!written.iter().any(|n| n.contains(".tmp-")), "{written:?}");
        let mut snapshot = Snapshot::open(&path).unwrap();
        assert_eq!(snapshot.file_count(), 3);
        for i in 0..3 {
            let entry = snapshot.next_file().unwrap();
            assert_eq!(entry.path, format!("/news/{i}.txt"));
            assert_eq!(entry.blob.articles[0].title, format!("Story {i}"));
            assert_eq!(entry.blob.warnings.len(), usize::from(i == 2));
            let text = &entry.blob.texts[0];
            let body = snapshot.texts().read_bytes(text.at, text.len);
            assert_eq!(body, format!("Text of story {i}.").as_bytes());
        }
        assert!(snapshot.tail().is_some());
    }

    #[test]
    fn a_start_removes_what_a_process_gone_left_of_its_snapshot() {
        let dir = TempDir::new("draft-left");
        let folder = dir.path().join("collections");
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("00000000000000cc.snap");
        // A reader quit while its collection loaded: its unfinished snapshot
        // and file of texts (process 4,000,000,000 never ran).
        let left = [
            ".00000000000000cc.snap.tmp-4000000000-0",
            "00000000000000cc-1-4000000000.text",
        ];
        for name in left {
            std::fs::write(folder.join(name), b"half").unwrap();
        }
        let _reopen = Reopen::new(path);
        if cfg!(target_os = "linux") {
            assert_eq!(names(&folder), Vec::<String>::new());
        }
    }

    #[test]
    fn a_draft_given_up_leaves_neither_snapshot_nor_temporary_files() {
        let dir = TempDir::new("draft-dropped");
        let path = dir.path().join("collections").join("00000000000000bb.snap");
        let mut reopen = Reopen::new(path.clone());
        for i in 0..3 {
            let file = format!("/news/{i}.txt");
            let stamp = Stamp {
                size: 20,
                modified: 1_000_000_000,
            };
            reopen.meet(&file, &file, stamp);
            reopen.draft_article(stored(i), None);
        }
        drop(reopen);
        assert_eq!(names(path.parent().unwrap()), Vec::<String>::new());
    }
}
