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
use super::search::CollectionSearch;
use crate::cache::store::{ArticleStore, NewFile};
use crate::loader::{KnownFiles, LoadError, Loaded};
use crate::model::{Analysis, Article};
use crate::store::StoredArticle;
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
            })
        });
        (cache, problem.map(|p| p.to_string()))
    }

    pub(super) fn store(&self) -> std::sync::MutexGuard<'_, ArticleStore> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
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
    recalled: HashMap<String, (Analysis, u64)>,
    search: Arc<CollectionSearch>,
    reading: Option<FileRead>,
    next_file: u32,
}

impl LoadSide {
    pub(super) fn new(
        cache: Arc<ReaderCache>,
        indexer: SyncSender<ToIndexer>,
        inputs: &[crate::loader::Input],
        search: Arc<CollectionSearch>,
    ) -> LoadSide {
        LoadSide {
            cache,
            indexer,
            full_paths: crate::cache::FullPaths::new(inputs),
            recalled: HashMap::new(),
            search,
            reading: None,
            next_file: 0,
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
    pub(super) fn recalled(&mut self, article: &StoredArticle, index: usize) -> Option<Analysis> {
        if self.recalled.is_empty() {
            return None;
        }
        let (analysis, key) = self.recalled.remove(&article.id())?;
        self.search.note_cached(index, key);
        Some(analysis)
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
        let recalled = side.cache.store().recall(&full, label, meta);
        if let Some(recalled) = recalled.filter(|r| r.current) {
            let mut articles = Vec::with_capacity(recalled.articles.len());
            for (ordinal, (article, analysis)) in recalled.articles.into_iter().enumerate() {
                let key = crate::cache::store::article_key(&full, ordinal);
                side.recalled.insert(article.id.clone(), (analysis, key));
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
            uncommitted_keys: Vec::new(),
        }
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
