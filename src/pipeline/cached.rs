//! The reader's use of the cache ([`crate::cache`]): a file the cache knows
//! unchanged comes with its articles' analyses, so it is neither read nor
//! analysed; any other file is read and analysed as before, and once all its
//! articles are analysed the indexer keeps them in the cache for next time.
//!
//! ```text
//! loader thread: recall(file) ──hit──▶ articles + analyses ──▶ indexer (no analysis)
//!                             └─miss─▶ read ──▶ work queue ──▶ workers ──▶ indexer ──▶ put(file)
//! ```

use super::ToIndexer;
use super::reopen::{Fallback, Meeting, Reopen};
use super::search::CollectionSearch;
use crate::cache::snapshot::TextPlace;
use crate::cache::store::{ArticleStore, NewFile};
use crate::loader::{KnownFiles, LoadError, Loaded};
use crate::model::{Analysis, Article};
use crate::store::{StoredArticle, TextFile};
use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;
use std::fs;
use std::path::Path;
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The cache the reader shares between its loader (recall) and its indexer (put).
pub struct ReaderCache {
    store: Mutex<ArticleStore>,
    /// The cache folder (collections' snapshots are in it).
    dir: std::path::PathBuf,
}

impl ReaderCache {
    /// Opens the cache's article index in `cache_dir` (for writing when no
    /// other lede writes it); `None` when it cannot be used. The problem, if
    /// any, is for the status line.
    pub fn open(cache_dir: &Path) -> (Option<Arc<ReaderCache>>, Option<String>) {
        let (store, problem) = ArticleStore::open(&crate::cache::articles_dir(cache_dir), true);
        let cache = store.map(|store| {
            Arc::new(ReaderCache {
                store: Mutex::new(store),
                dir: cache_dir.to_path_buf(),
            })
        });
        (cache, problem.map(|p| p.to_string()))
    }

    /// The cache folder.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn store(&self) -> std::sync::MutexGuard<'_, ArticleStore> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// An article the cache gave: with its analysis from the article index,
/// or from the collection's snapshot (whose index holds its entities).
enum Recall {
    Analysis(Analysis, u64),
    Snapshot {
        key: u64,
        texts: Arc<TextFile>,
        text: TextPlace,
    },
}

/// A file being read (not known to the cache), and where its articles went.
pub(super) struct FileRead {
    /// Its number among the files read.
    slot: u32,
    file: NewFile,
    /// Its articles' numbers in the collection, in file order.
    articles: Vec<usize>,
}

/// The loader thread's side: the hook the loader asks before reading a file,
/// and what the feeder needs to know of the answer.
pub(super) struct LoadSide {
    cache: Arc<ReaderCache>,
    indexer: SyncSender<ToIndexer>,
    full_paths: crate::cache::FullPaths,
    /// Analyses of the articles just recalled, with their keys, by id, for the feeder.
    recalled: HashMap<String, Recall>,
    search: Arc<CollectionSearch>,
    reading: Option<FileRead>,
    next_file: u32,
    /// The collection's snapshot, for a collection of files only.
    reopen: Option<Reopen>,
    /// Analyses recalled once the snapshot no longer held, for the feeder
    /// to pass on after their articles; articles to analyse after all.
    fallback: Fallback,
}

impl LoadSide {
    pub(super) fn new(
        cache: Arc<ReaderCache>,
        indexer: SyncSender<ToIndexer>,
        inputs: &[crate::loader::Input],
        search: Arc<CollectionSearch>,
        files_only: bool,
    ) -> LoadSide {
        let full_paths = crate::cache::FullPaths::new(inputs);
        let reopen = files_only.then(|| {
            Reopen::new(crate::cache::snapshot::path_for(
                &cache.dir,
                &full_paths.roots(),
            ))
        });
        LoadSide {
            cache,
            indexer,
            full_paths,
            recalled: HashMap::new(),
            search,
            reading: None,
            next_file: 0,
            reopen,
            fallback: Fallback::default(),
        }
    }

    /// What the snapshot no longer gives, for the feeder: analyses to pass
    /// on once their articles are with the reader, articles to analyse.
    pub(super) fn take_fallback(&mut self) -> Fallback {
        std::mem::take(&mut self.fallback)
    }

    /// The snapshot no longer holds (if it did): the articles it gave get
    /// their analyses from the article index after all.
    fn give_up_snapshot(&mut self) {
        if let Some(reopen) = self.reopen.as_mut().filter(|r| r.following()) {
            let fallback = reopen.give_up(&self.cache.store());
            self.fallback.recalled.extend(fallback.recalled);
            self.fallback.to_analyse.extend(fallback.to_analyse);
        }
    }

    /// The load is over with `total` articles: what the indexer is to take
    /// (the snapshot's index, or the draft of the next snapshot).
    pub(super) fn finish(&mut self, total: usize) -> Option<ToIndexer> {
        let reopen = self.reopen.as_mut()?;
        let restored = reopen.finish(total);
        if restored.is_none() {
            self.give_up_snapshot();
        }
        let draft = self.reopen.take()?.into_draft();
        match restored {
            Some((restored, fallback)) => {
                self.fallback.to_analyse.extend(fallback.to_analyse);
                // Unchanged, there is nothing new to snapshot.
                let draft = draft.filter(|_| restored.touched);
                Some(ToIndexer::Restored { restored, draft })
            }
            None => draft.map(ToIndexer::Draft),
        }
    }

    /// The file read last is complete: the indexer keeps it once its articles are analysed.
    pub(super) fn close_reading(&mut self) {
        if let Some(file) = self.reading.take() {
            let _ = self.indexer.send(ToIndexer::FileRead(Box::new(file)));
        }
    }

    /// The analysis the cache gave for `article`, if it was recalled; the
    /// search learns that the cache's article is number `index`.
    /// The analysis is `None` for an article of the snapshot (whose
    /// entities the snapshot's index holds). Every article of a collection
    /// of files goes to the draft of its next snapshot.
    /// An article of the snapshot comes with its text left in the
    /// snapshot's file of texts.
    pub(super) fn recalled(
        &mut self,
        article: StoredArticle,
        index: usize,
    ) -> (Arc<StoredArticle>, Option<Option<Analysis>>) {
        let recall = if self.recalled.is_empty() {
            None
        } else {
            self.recalled.remove(&article.id())
        };
        let (article, analysis, key) = match recall {
            Some(Recall::Analysis(analysis, key)) => {
                if self.reopen.as_ref().is_some_and(Reopen::following) {
                    // A file changed since the snapshot that the article
                    // index has as it is now: its analyses must reach the
                    // indexer after the snapshot's index, so they are made
                    // again then (see `Reopen::hold`).
                    self.search.note_cached(index, key);
                    return (self.drafted(article, Some(key)), None);
                }
                (self.drafted(article, Some(key)), Some(analysis), key)
            }
            Some(Recall::Snapshot { key, texts, text }) => {
                let article = article.with_text_in(&texts, text.at, text.len, text.ends);
                if let Some(reopen) = &mut self.reopen {
                    reopen.placed(index);
                }
                (self.drafted(article, Some(key)), None, key)
            }
            None => return (self.drafted(article, None), None),
        };
        self.search.note_cached(index, key);
        (article, Some(analysis))
    }

    /// `article` to share: in the draft of the next snapshot (its text put
    /// in the snapshot's file of texts) when there is one.
    fn drafted(&mut self, article: StoredArticle, key: Option<u64>) -> Arc<StoredArticle> {
        match &mut self.reopen {
            Some(reopen) => reopen.draft_article(article, key),
            None => Arc::new(article),
        }
    }

    /// Whether article `index`, read, is to wait for the snapshot's index
    /// before it is analysed (see [`Reopen::hold`]).
    pub(super) fn hold(&mut self, index: usize, stored: &Arc<StoredArticle>) -> bool {
        self.reopen.as_mut().is_some_and(|r| r.hold(index, stored))
    }

    /// Notes that article number `index` came from the file being read. The
    /// indexer hears it before any worker can take the article, so that it
    /// keeps the article's analysis however soon that comes.
    pub(super) fn read_into(&mut self, index: usize) {
        if let Some(file) = &mut self.reading {
            file.articles.push(index);
            let _ = self.indexer.send(ToIndexer::ReadFrom(index, file.slot));
        }
    }

    /// Notes the problems of a part of the load that belong to the file being read.
    pub(super) fn problems(&mut self, skipped: &[LoadError], warnings: &[LoadError]) {
        if let Some(reopen) = &mut self.reopen {
            reopen.draft_problems(skipped, warnings);
        }
        if let Some(read) = &mut self.reading {
            read.file.note_problems(skipped, warnings);
        }
    }
}

/// The hook the loader asks before reading each file.
pub(super) struct Hook<'a>(pub(super) &'a RefCell<LoadSide>);

impl KnownFiles for Hook<'_> {
    fn recall(&mut self, path: &Path, label: &str, meta: &fs::Metadata) -> Option<Loaded> {
        let mut side = self.0.borrow_mut();
        side.close_reading();
        let full = side.full_paths.of(path);
        let stamp = crate::cache::store::Stamp::of(meta);
        let side = &mut *side;
        let meeting = match side.reopen.as_mut() {
            Some(reopen) => reopen.meet(&full, label, stamp),
            None => Meeting::Other,
        };
        if let Meeting::Same(blob, texts) = meeting {
            let places = blob.texts.into_iter().zip(&blob.keys);
            for (article, (text, &key)) in blob.articles.iter().zip(places) {
                let texts = Arc::clone(&texts);
                let recall = Recall::Snapshot { key, texts, text };
                side.recalled.insert(article.id.clone(), recall);
            }
            let errors = |pairs: Vec<(String, String)>| {
                pairs
                    .into_iter()
                    .map(|(place, reason)| LoadError::new(place, reason))
                    .collect()
            };
            return Some(Loaded {
                articles: blob.articles,
                skipped: errors(blob.skipped),
                warnings: errors(blob.warnings),
                ..Loaded::default()
            });
        }
        let go_on = match meeting {
            Meeting::Changed(then) => {
                let before = side.cache.store().recall_kept(&full, label, then, false);
                side.reopen.as_mut().is_some_and(|r| r.changed(before))
            }
            Meeting::Added => true,
            Meeting::Same(..) | Meeting::Other => false,
        };
        if !go_on {
            side.give_up_snapshot();
        }
        let recalled = side.cache.store().recall_stamped(&full, label, stamp);
        if let Some(recalled) = recalled.filter(|r| r.current) {
            let mut articles = Vec::with_capacity(recalled.articles.len());
            for (ordinal, (article, analysis)) in recalled.articles.into_iter().enumerate() {
                let key = crate::cache::store::article_key(&full, ordinal);
                side.recalled
                    .insert(article.id.clone(), Recall::Analysis(analysis, key));
                articles.push(article);
            }
            return Some(Loaded {
                articles,
                skipped: recalled
                    .skipped
                    .iter()
                    .map(|p| stored_problem(p, label))
                    .collect(),
                warnings: recalled
                    .warnings
                    .iter()
                    .map(|p| stored_problem(p, label))
                    .collect(),
                ..Loaded::default()
            });
        }
        let slot = side.next_file;
        side.next_file += 1;
        side.reading = Some(FileRead {
            slot,
            file: NewFile::start(path, full, label, meta),
            articles: Vec::new(),
        });
        None
    }
}

/// A problem as the cache kept it (`path: reason`) made a load error again.
fn stored_problem(text: &str, label: &str) -> LoadError {
    match text
        .strip_prefix(label)
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, reason)) => LoadError::new(format!("{label}{position}"), reason),
        None => LoadError::new(label, text),
    }
}

/// How often the indexer makes what it kept permanent while articles stream in.
const COMMIT_EVERY: Duration = Duration::from_secs(10);

/// The indexer thread's side: gathers the analyses of each file read and
/// keeps the file in the cache once they are all in; keeps every other
/// article in the search's session index.
pub(super) struct Keeper {
    /// The search, and through it the cache (if any).
    search: Arc<CollectionSearch>,
    /// Files read, by slot, waiting for their articles' analyses.
    files: HashMap<u32, Waiting>,
    /// Which file each waited-for article came from.
    file_of: HashMap<usize, u32>,
    last_commit: Instant,
    uncommitted: bool,
    /// Whether a file could not be kept, or an article went to the session index.
    missed: bool,
    /// Articles kept since the last commit, with their keys: the search
    /// learns them once committed (until then the cache's reader still
    /// sees what the file held before, under the same keys).
    uncommitted_keys: Vec<(usize, u64)>,
}

/// A file's articles as their analyses come in; what it is, once read whole.
#[derive(Default)]
struct Waiting {
    file: Option<Box<FileRead>>,
    done: HashMap<usize, (Article, Analysis)>,
}

impl Keeper {
    pub(super) fn new(search: Arc<CollectionSearch>) -> Keeper {
        Keeper {
            search,
            files: HashMap::new(),
            file_of: HashMap::new(),
            last_commit: Instant::now(),
            uncommitted: false,
            missed: false,
            uncommitted_keys: Vec::new(),
        }
    }

    /// Whether every file read is kept in the cache and committed, and no
    /// article is only in the session index: a snapshot may promise them.
    pub(super) fn all_in_cache(&self) -> bool {
        !self.missed && !self.uncommitted && self.files.is_empty()
    }

    /// Article `article` comes from the file read as `slot`.
    pub(super) fn read_from(&mut self, article: usize, slot: u32) {
        self.file_of.insert(article, slot);
        self.files.entry(slot).or_default();
    }

    /// A file read is complete: kept once all its articles are analysed.
    pub(super) fn file_read(&mut self, file: Box<FileRead>) {
        let slot = file.slot;
        self.files.entry(slot).or_default().file = Some(file);
        self.keep_if_done(slot);
    }

    /// An article's first analysis, before any renaming: a file's is kept
    /// with its file, any other in the session index (a recalled one is in
    /// the cache already).
    pub(super) fn analysed(
        &mut self,
        article: usize,
        analysis: &Analysis,
        text: &Arc<StoredArticle>,
    ) {
        let Some(&slot) = self.file_of.get(&article) else {
            if !self.search.is_cached(article) {
                self.missed = true;
                self.search.keep_in_session(article, text, analysis);
            }
            return;
        };
        if let Some(waiting) = self.files.get_mut(&slot) {
            waiting
                .done
                .insert(article, (text.to_article(), analysis.clone()));
        }
        self.keep_if_done(slot);
    }

    /// An article's text was replaced (its full article fetched): the
    /// session index takes the new text (the cache keeps the file's).
    pub(super) fn replaced(
        &mut self,
        article: usize,
        analysis: &Analysis,
        text: &Arc<StoredArticle>,
    ) {
        if !self.search.is_cached(article) && !self.file_of.contains_key(&article) {
            self.search.keep_in_session(article, text, analysis);
        }
    }

    fn keep_if_done(&mut self, slot: u32) {
        let complete = self.files.get(&slot).is_some_and(|w| {
            w.file
                .as_ref()
                .is_some_and(|file| file.articles.iter().all(|a| w.done.contains_key(a)))
        });
        if !complete {
            return;
        }
        let Some(Waiting {
            file: Some(file),
            mut done,
        }) = self.files.remove(&slot)
        else {
            return;
        };
        let (numbers, articles): (Vec<usize>, Vec<(Article, Analysis)>) = file
            .articles
            .iter()
            .filter_map(|&a| {
                self.file_of.remove(&a);
                done.remove(&a).map(|pair| (a, pair))
            })
            .unzip();
        let reading = file.file.reading(&articles);
        let kept = self.search.cache().is_some_and(|cache| {
            let mut store = cache.store();
            // A cache that cannot be written is only a slower next start.
            store.writable() && store.put(&reading).is_ok()
        });
        if kept {
            for (ordinal, &article) in numbers.iter().enumerate() {
                let key = crate::cache::store::article_key(&file.file.path, ordinal);
                self.uncommitted_keys.push((article, key));
            }
            self.uncommitted = true;
            self.commit_now_and_then(false);
        } else {
            self.missed = true;
            // Searched in the session index instead.
            for (article, (text, analysis)) in numbers.into_iter().zip(articles) {
                self.search.keep_read_in_session(article, text, &analysis);
            }
        }
    }

    /// Makes what was kept permanent: now and then, or at once when `now`.
    pub(super) fn commit_now_and_then(&mut self, now: bool) {
        if self.uncommitted && (now || self.last_commit.elapsed() >= COMMIT_EVERY) {
            let committed = self
                .search
                .cache()
                .is_some_and(|c| c.store().commit().is_ok());
            let keys = std::mem::take(&mut self.uncommitted_keys);
            if committed {
                for (article, key) in keys {
                    self.search.note_cached(article, key);
                }
            }
            self.uncommitted = false;
            self.last_commit = Instant::now();
        }
    }
}
