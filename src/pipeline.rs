//! Loading and analysis as a stream, on every core, so that neither the
//! reader nor `lede dump` waits for the whole collection. No terminal here.
//!
//! For the reader ([`Reader`]):
//!
//! ```text
//! loader thread ──articles──▶ work queue ──▶ analysis workers ──▶ indexer thread
//!      │  (walk, read, parse)   (asked-for first)   (one per core)    │ (index, unify)
//!      └──────────── Event::Articles ──▶ UI thread ◀── Event::Analysed / Indexed / Unified
//! ```
//!
//! The UI thread only stores articles and the analyses it asked for (the open
//! article and its neighbours, which jump the queue); the indexer keeps the
//! shared [`CollectionIndex`] and, once every article is analysed, unifies
//! names across the collection and swaps in the unified index.
//!
//! For `lede dump` ([`dump`]): the loader thread feeds workers that analyse
//! and serialise each article; the writer puts lines back in load order. At
//! most [`DUMP_WINDOW`] articles are in flight, so memory stays flat however
//! big the collection. Unifying names across the collection would need every
//! article before the first line; instead the first [`DUMP_NAMING_BYTES`] of
//! text settle the names (exactly as the reader does, for a collection that
//! fits) and later articles take the renames found there (see the README,
//! "Performance").

mod cached;
mod reopen;
mod search;
pub use cached::ReaderCache;
pub use search::{CollectionSearch, Found};

use crate::analysis::index::SpilledIndex;
use crate::analysis::index::{Renames, Unifier};
use crate::app::{ANALYSIS_CACHE, App, BackgroundRequests, SharedIndex};
use crate::corrections::Corrections;
use crate::dump::quiet_broken_pipe;
use crate::fetch::{Cache, FetchOptions, Fetcher};
use crate::loader::dedup::Dedup;
use crate::loader::{self, Duplicate, Input, LoadError, Loaded, WebSource};
use crate::model::{Analysis, Article};
use crate::store::StoredArticle;
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Condvar, Mutex, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};

/// What to load.
#[derive(Clone)]
pub enum Source {
    /// The sample collection built into the binary.
    Sample,
    /// Files, directories and `-` for standard input, nothing from the web.
    Paths(Vec<PathBuf>),
    /// Paths, web addresses and subscription lists; web addresses are read
    /// with `fetcher` (and its cache).
    Inputs {
        inputs: Vec<Input>,
        fetcher: Arc<Fetcher>,
    },
}

impl Source {
    /// The sample when nothing is given; otherwise the arguments, each a path
    /// or a web address, fetched through the cache in the user's cache folder.
    pub fn from_args(paths: Vec<PathBuf>) -> Source {
        if paths.is_empty() {
            Source::Sample
        } else {
            Source::Inputs {
                inputs: paths.into_iter().map(Input::from_arg).collect(),
                fetcher: Arc::new(default_fetcher()),
            }
        }
    }

    /// The feeds of the subscription file in `config_dir` (`urls`, else
    /// `subscriptions.opml`), with the problems found reading it; `None`
    /// when there is no such file.
    pub fn subscriptions(config_dir: &std::path::Path) -> Option<(Source, Vec<LoadError>)> {
        use crate::fetch::urls::{self, SubscriptionFormat};
        let file = urls::subscription_file(config_dir)?;
        let label = file.path.to_string_lossy().into_owned();
        let (inputs, problems) = match file.format {
            SubscriptionFormat::Urls => match urls::read_urls(&file.path) {
                Ok(list) => {
                    let inputs = list
                        .subscriptions
                        .into_iter()
                        .map(|s| {
                            if crate::fetch::is_web_url(&s.url) {
                                Input::Web(WebSource {
                                    url: s.url,
                                    title: s.title,
                                    full_article: s.full_article,
                                })
                            } else {
                                Input::Path(PathBuf::from(s.url))
                            }
                        })
                        .collect();
                    (inputs, list.warnings)
                }
                Err(error) => (Vec::new(), vec![error]),
            },
            // An OPML list is read like one given on the command line.
            SubscriptionFormat::Opml => (vec![Input::Path(file.path)], Vec::new()),
        };
        if inputs.is_empty() && problems.is_empty() {
            let empty = LoadError::new(label, "the subscription list names no feed");
            return Some((Source::Sample, vec![empty]));
        }
        let source = Source::Inputs {
            inputs,
            fetcher: Arc::new(default_fetcher()),
        };
        Some((source, problems))
    }

    /// Loads, handing over each file's outcome in load order. With
    /// `cached_first`, web addresses give their cached copies first and are
    /// fetched after everything else (the reader); otherwise each is fetched
    /// in its turn (`lede dump`).
    /// Returns the web addresses fetched in the background, for a reload.
    /// `known` answers for the files the cache holds.
    fn load(
        &self,
        cached_first: bool,
        progress: Option<&loader::inputs::Progress>,
        dedup: &mut Dedup,
        known: &mut dyn loader::KnownFiles,
        emit: &mut loader::Emit<'_>,
    ) -> Vec<WebSource> {
        match self {
            Source::Sample => {
                let _ = emit(loader::load_sample());
                Vec::new()
            }
            Source::Paths(paths) => {
                let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
                loader::inputs::load_inputs_known(&inputs, None, dedup, known, emit)
            }
            Source::Inputs { inputs, fetcher } => {
                let web = loader::Web {
                    fetcher,
                    cached_first,
                    progress,
                };
                loader::inputs::load_inputs_known(inputs, Some(&web), dedup, known, emit)
            }
        }
    }

    /// Whether it is files and folders only (no web address, no standard
    /// input): a collection that can be reopened from its snapshot.
    pub fn files_only(&self) -> bool {
        let file = |path: &PathBuf| path.as_os_str() != "-";
        match self {
            Source::Sample => false,
            Source::Paths(paths) => paths.iter().all(file),
            Source::Inputs { inputs, .. } => inputs
                .iter()
                .all(|input| matches!(input, Input::Path(path) if file(path))),
        }
    }

    /// The paths among the inputs, for a reload.
    fn paths(&self) -> Vec<Input> {
        match self {
            Source::Sample => Vec::new(),
            Source::Paths(paths) => paths.iter().cloned().map(Input::Path).collect(),
            Source::Inputs { inputs, .. } => inputs
                .iter()
                .filter(|input| matches!(input, Input::Path(_)))
                .cloned()
                .collect(),
        }
    }
}

/// A fetcher with the default limits and the cache in the user's cache
/// folder (none when there is no home to put it in).
pub fn default_fetcher() -> Fetcher {
    Fetcher::new(FetchOptions::default(), Cache::open_default())
}

/// Analysis threads: one per core.
fn worker_count() -> usize {
    thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The reader's analysis threads: one core is left to the reader and the
/// loader, so a key never waits behind analysis (measured at 100,000 articles
/// on 2 cores: with a worker per core a key now and then took 9 ms).
fn reader_worker_count() -> usize {
    worker_count().saturating_sub(1).max(1)
}

/// What the background tells the reader, in the order it happened.
#[derive(Debug)]
pub enum Event {
    /// More articles, in load order.
    Articles(Vec<Arc<StoredArticle>>),
    /// Files that gave no article, and problems with files that did.
    Problems {
        skipped: Vec<String>,
        warnings: Vec<String>,
    },
    /// Every file has been read (and every web address fetched).
    Loaded,
    /// Articles that arrived again from another source and were dropped.
    Duplicates(Vec<Duplicate>),
    /// A reload begins: the problems it may find again are forgotten.
    Reloading,
    /// A reload is over: this many new articles came in.
    Reloaded { added: usize },
    /// Something for the status line (a full article that could not be had).
    Status(String),
    /// The background has fetched `done` of `of` web addresses.
    Fetching { done: usize, of: usize },
    /// An article's text was replaced (its full article fetched): the
    /// stored article to show instead, analysed again.
    Replaced {
        article: usize,
        stored: Arc<StoredArticle>,
    },
    /// An analysis the reader asked for with [`Reader::request`] (`asked`),
    /// or one of the first [`ANALYSIS_CACHE`] others, which a small collection
    /// keeps whole.
    Analysed {
        article: usize,
        analysis: Analysis,
        asked: bool,
        /// The stored article the analysis was made from: one replaced since
        /// (its full article fetched) makes the analysis stale.
        from: Weak<StoredArticle>,
    },
    /// The index holds this many articles and its sidebar order is fresh.
    Indexed { articles: usize },
    /// Every article is analysed and the index holds the unified names;
    /// analyses sent from now on are renamed already.
    Unified { renames: Arc<Renames> },
    /// What a search across the collection ([`Reader::search`]) found.
    Found(Found),
}

/// Articles waiting for analysis.
#[derive(Default)]
struct Queue {
    /// Not yet analysed, by article index: taken lowest first.
    pending: BTreeMap<usize, Arc<StoredArticle>>,
    /// Asked for by the reader: taken before anything pending.
    urgent: VecDeque<(usize, Arc<StoredArticle>)>,
    stop: bool,
}

/// The queue and the bell that wakes the workers.
#[derive(Default)]
struct Work {
    queue: Mutex<Queue>,
    ready: Condvar,
}

impl Work {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next article to analyse (asked-for ones first), waiting for one;
    /// `None` once stopped. The flag says whether the reader asked for it.
    fn take(&self) -> Option<(usize, Arc<StoredArticle>, bool)> {
        let mut queue = self.lock();
        loop {
            if queue.stop {
                return None;
            }
            if let Some((i, a)) = queue.urgent.pop_front() {
                return Some((i, a, true));
            }
            if let Some((i, a)) = queue.pending.pop_first() {
                return Some((i, a, false));
            }
            queue = self
                .ready
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.ready.notify_all();
    }
}

/// What the workers and the loader tell the indexer.
enum ToIndexer {
    Analysed {
        article: usize,
        analysis: Analysis,
        asked: bool,
        /// The text analysed (see [`Event::Analysed`]).
        from: Weak<StoredArticle>,
    },
    /// Loading is over: this many articles in all.
    Total(usize),
    /// A file read (the cache did not know it) is complete: the cache keeps
    /// it once its articles are analysed.
    FileRead(Box<cached::FileRead>),
    /// Article `.0` is one of the file read as `.1` (said before it can be analysed).
    ReadFrom(usize, u32),
    /// The collection came from its snapshot: its index and renames, final
    /// but for the articles of files changed or added since (being analysed);
    /// the draft of a new snapshot if there were any.
    Restored {
        restored: Box<reopen::Restored>,
        draft: Option<Box<reopen::Draft>>,
    },
    /// The collection as loaded, for its next snapshot once it is all
    /// analysed, kept and unified.
    Draft(Box<reopen::Draft>),
    /// An article's text is being replaced by its full article: the index
    /// will no longer be that of the files' texts, so no snapshot is made.
    NoSnapshot,
}

/// The background of the reader: loads and analyses a collection, and keeps
/// its index. Dropping it stops the workers; the loader stops at its next file.
pub struct Reader {
    events: Receiver<Event>,
    work: Arc<Work>,
    index: SharedIndex,
    stop: Arc<AtomicBool>,
    typing: Arc<Typing>,
    /// To the loader thread, which serves reloads and full articles once
    /// the collection is in.
    requests: Sender<Request>,
    /// To the search thread.
    queries: Sender<String>,
    /// The thread writing the collection's snapshot, if one was started.
    snapshot_writer: SnapshotWriter,
}

/// The collection's snapshot as this start goes: the thread writing it, once
/// the indexer starts it; how that went; whether it was current already.
type SnapshotWriter = Arc<Mutex<SnapshotState>>;

#[derive(Default)]
struct SnapshotState {
    /// Says whether it wrote the snapshot.
    writing: Option<thread::JoinHandle<bool>>,
    written: Option<bool>,
    /// The collection came whole from its snapshot, nothing changed.
    current: bool,
}

/// What became of a collection's snapshot ([`Reader::snapshot_collection`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotOutcome {
    /// Written anew.
    Written,
    /// Reopened whole from it: nothing had changed.
    Current,
    /// None made: the collection is not one of files (web addresses, `-`),
    /// an article is not in the article index, the index was corrected
    /// while it loaded, or the write failed.
    NotMade,
}

/// Analyses waiting for the indexer at most; the senders wait beyond.
const INDEXER_BACKLOG: usize = 4096;

/// How often the indexer re-sorts the sidebar order and reports progress, at
/// most: a sort of a big collection's entities takes a while, and the next
/// waits [`RESORT_SHARE`] times as long, so that sorting never takes more
/// than a small share of the indexer's time (at 100,000 articles a sort every
/// 250 ms took 40% of it).
const INDEX_REFRESH: Duration = Duration::from_millis(250);

/// The indexer's time between sorts, as a multiple of the last sort's.
const RESORT_SHARE: u32 = 10;

/// What the background works for: a reader, or a collection's snapshot alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Reading,
    Snapshotting,
}

/// How often the loader hands a batch of articles to the reader.
const LOAD_BATCH: Duration = Duration::from_millis(15);

/// When the reader last pressed a key, for the background threads to step
/// aside while a person types: on a machine with few cores, a loader and an
/// analysis thread running beside the reader's thread sometimes delay a key's
/// frame by a scheduler tick or two.
struct Typing {
    epoch: Instant,
    /// Milliseconds since `epoch` of the last key, plus one (0: none yet).
    last_key: AtomicU64,
}

/// How long background work waits after a key.
const STEP_ASIDE: Duration = Duration::from_millis(40);

impl Typing {
    fn new() -> Typing {
        Typing {
            epoch: Instant::now(),
            last_key: AtomicU64::new(0),
        }
    }

    fn key_pressed(&self) {
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX - 1);
        self.last_key.store(now + 1, Ordering::Relaxed);
    }

    /// Sleeps until [`STEP_ASIDE`] has passed since the last key.
    fn step_aside(&self) {
        loop {
            let last = self.last_key.load(Ordering::Relaxed);
            if last == 0 {
                return;
            }
            let until = Duration::from_millis(last - 1) + STEP_ASIDE;
            let now = self.epoch.elapsed();
            if now >= until {
                return;
            }
            thread::sleep(until - now);
        }
    }
}

/// Starts a background thread with a name (shown by `top -H`, profilers and
/// panic messages). Like `thread::spawn`, it panics when the system cannot
/// start a thread: the reader cannot work without its background, and the
/// panic hook restores the terminal before the message is printed (a message
/// written while the reader owns the screen would be lost in it).
fn spawn_named(name: &str, work: impl FnOnce() + Send + 'static) {
    if let Err(error) = thread::Builder::new().name(name.to_string()).spawn(work) {
        panic!("cannot start the {name} thread: {error}");
    }
}

impl Reader {
    /// Starts loading `source` in the background.
    pub fn start(source: Source) -> Reader {
        Reader::with_workers(source, reader_worker_count())
    }

    /// Starts loading with `workers` analysis threads.
    pub fn with_workers(source: Source, workers: usize) -> Reader {
        Reader::with_cache(source, workers, None)
    }

    /// Starts loading with the cache in `cache_dir` ([`crate::cache`]): files
    /// it knows unchanged come with their analyses, the others are kept in it
    /// once analysed. A cache that cannot be used is said once in the status
    /// line, and the reader works without it.
    pub fn start_cached(source: Source, cache_dir: Option<&std::path::Path>) -> Reader {
        // Before the cache is opened: the first frame waits for the first
        // article's analysis, which waits for the model.
        // Without it, the workers load the model themselves.
        let _ = thread::Builder::new()
            .name("lede-warm-up".to_string())
            .spawn(warm_up_analysis);
        let cache = match (&source, cache_dir) {
            (Source::Sample, _) | (_, None) => None,
            (_, Some(dir)) => Some(ReaderCache::open(dir)),
        };
        let (cache, problem) = cache.unwrap_or((None, None));
        Reader::spawn(
            source,
            reader_worker_count(),
            cache,
            problem,
            Purpose::Reading,
        )
    }

    /// Starts loading through the cache in `cache_dir` for the collection's
    /// snapshot alone ([`Reader::snapshot_collection`]): no one reads, so
    /// what grows with the articles (the duplicate check's keys, the entity
    /// index's lists) goes to temporary files in the cache's folder, and
    /// the events say only how far it got.
    fn start_snapshotting(source: Source, cache_dir: &std::path::Path) -> Reader {
        let (cache, problem) = ReaderCache::open(cache_dir);
        Reader::spawn(
            source,
            reader_worker_count(),
            cache,
            problem,
            Purpose::Snapshotting,
        )
    }

    /// Starts loading with `workers` analysis threads and, if given, the cache.
    pub fn with_cache(source: Source, workers: usize, cache: Option<Arc<ReaderCache>>) -> Reader {
        Reader::spawn(source, workers, cache, None, Purpose::Reading)
    }

    /// Starts the background threads; `note` (a problem with the cache) is
    /// the first thing the reader hears.
    fn spawn(
        source: Source,
        workers: usize,
        cache: Option<Arc<ReaderCache>>,
        note: Option<String>,
        purpose: Purpose,
    ) -> Reader {
        // A snapshot's load puts its long lists in the cache's folder.
        let spill_folder = cache.as_ref().map(|cache| cache.dir().to_path_buf());
        let (events_tx, events) = mpsc::channel();
        if let Some(note) = note {
            let note = crate::sanitize::sanitize(&note);
            let _ = events_tx.send(Event::Status(note.clone()));
            let _ = events_tx.send(Event::Problems {
                skipped: Vec::new(),
                warnings: vec![note],
            });
        }
        // Bounded: a cache recalls analyses far faster than the indexer takes
        // them in, and a backlog of 100,000 would all be in memory at once.
        let (indexer_tx, indexer_rx) = mpsc::sync_channel(INDEXER_BACKLOG);
        let (requests, requests_rx) = mpsc::channel();
        let (queries, queries_rx) = mpsc::channel();
        let search = Arc::new(match purpose {
            Purpose::Reading => CollectionSearch::new(cache.clone()),
            Purpose::Snapshotting => CollectionSearch::unsearched(cache.clone()),
        });
        let work = Arc::new(Work::default());
        let index = SharedIndex::default();
        let stop = Arc::new(AtomicBool::new(false));
        let typing = Arc::new(Typing::new());
        for _ in 0..workers.max(1) {
            let (work, tx, typing) = (Arc::clone(&work), indexer_tx.clone(), Arc::clone(&typing));
            spawn_named("lede-analysis", move || analyse_loop(&work, &tx, &typing));
        }
        {
            let (work, tx, events, stop, typing) = (
                Arc::clone(&work),
                indexer_tx,
                events_tx.clone(),
                Arc::clone(&stop),
                Arc::clone(&typing),
            );
            let search = Arc::clone(&search);
            // The reader keeps its keys for reloads; a snapshot's load
            // spills them to the cache's folder past a limit.
            let dedup = match purpose {
                Purpose::Snapshotting => Dedup::spilling(spill_folder.clone()),
                Purpose::Reading => Dedup::default(),
            };
            spawn_named("lede-loader", move || {
                let threads = LoaderThreads {
                    work: &work,
                    indexer: &tx,
                    events: &events,
                    stop: &stop,
                    typing: &typing,
                };
                load_loop(&source, &threads, cache, search, &requests_rx, dedup);
            });
        }
        {
            let (search, events) = (Arc::clone(&search), events_tx.clone());
            spawn_named("lede-search", move || {
                search::searcher_loop(&search, &queries_rx, &events);
            });
        }
        let snapshot_writer = SnapshotWriter::default();
        {
            let index = index.clone();
            let keeper = Some(cached::Keeper::new(search));
            let writer = Arc::clone(&snapshot_writer);
            // No one reads a snapshot's load: its index's lists go to disk.
            let spilled = (purpose == Purpose::Snapshotting)
                .then(|| SpilledIndex::new(spill_folder.as_deref()));
            spawn_named("lede-index", move || {
                index_loop(&indexer_rx, &index, &events_tx, keeper, &writer, spilled)
            });
        }
        Reader {
            events,
            work,
            index,
            stop,
            typing,
            requests,
            queries,
            snapshot_writer,
        }
    }

    /// Waits up to `limit` for the collection's snapshot to be written, if
    /// it is being written (the reader quits just after the collection was
    /// complete); a snapshot not written by then is for another time.
    pub fn settle(&self, limit: Duration) {
        let started = Instant::now();
        let mut state = self
            .snapshot_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while state.writing.as_ref().is_some_and(|w| !w.is_finished()) && started.elapsed() < limit
        {
            thread::sleep(Duration::from_millis(10));
        }
        if state
            .writing
            .as_ref()
            .is_some_and(thread::JoinHandle::is_finished)
            && let Some(done) = state.writing.take()
        {
            state.written = Some(done.join().unwrap_or(false));
        }
    }

    /// Loads the collection through the cache as the reader would, with no
    /// one reading, until its names are unified and its snapshot written
    /// (`lede index`, so that the reader's next start reopens it at once).
    /// The articles must be in the article index already, or they are
    /// analysed here. A load that stalls (nothing heard for [`STALLED`]: a
    /// thread of the background gone) makes none.
    /// `progress` hears how far it is: articles loaded, and analyses in the
    /// collection index; then `None` while the snapshot is written. (Whether
    /// a walk just met the snapshot's files unchanged, so that no loading is
    /// needed, is [`Reader::snapshot_is_current`].)
    pub fn snapshot_collection(
        source: Source,
        cache_dir: &std::path::Path,
        progress: &mut dyn FnMut(Option<(usize, usize)>),
    ) -> SnapshotOutcome {
        let reader = Reader::start_snapshotting(source, cache_dir);
        let (mut loaded, mut indexed) = (0, 0);
        loop {
            match reader.events().recv_timeout(STALLED) {
                Ok(Event::Unified { .. }) => break,
                Ok(Event::Articles(articles)) => loaded += articles.len(),
                Ok(Event::Indexed { articles }) => indexed = articles,
                Ok(_) => continue,
                Err(_) => return SnapshotOutcome::NotMade,
            }
            progress(Some((loaded, indexed)));
        }
        progress(None);
        // The writer starts before the reader hears the names are unified.
        reader.settle(Duration::MAX);
        let state = reader
            .snapshot_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match (state.written, state.current) {
            (Some(true), _) => SnapshotOutcome::Written,
            (None, true) => SnapshotOutcome::Current,
            _ => SnapshotOutcome::NotMade,
        }
    }

    /// Whether the snapshot of `source`'s collection in `cache_dir` holds
    /// the files `walk` met, as it met them.
    pub fn snapshot_is_current(
        source: &Source,
        cache_dir: &std::path::Path,
        walk: crate::cache::snapshot::WalkDigest,
    ) -> bool {
        let roots = crate::cache::FullPaths::new(&source.paths()).roots();
        crate::cache::snapshot::is_current(
            &crate::cache::snapshot::path_for(cache_dir, &roots),
            walk,
        )
    }

    /// Searches the collection for `query` ([`crate::cache::query`] says how
    /// queries are written) on the search thread; [`Event::Found`] brings the
    /// matches. Returns `false` when the search thread is gone.
    pub fn search(&self, query: &str) -> bool {
        self.queries.send(query.to_string()).is_ok()
    }

    /// Fetches every web address again (after the first load is over) and
    /// adds the new articles; [`Event::Reloaded`] says when it is done.
    /// Returns `false` when the loader thread is gone.
    pub fn reload(&self) -> bool {
        self.requests.send(Request::Reload).is_ok()
    }

    /// Fetches the web page article `article` links to and replaces the
    /// article's text with the page's ([`Event::Replaced`]); a failure comes
    /// back as a problem. Returns `false` when the loader thread is gone.
    pub fn fetch_full(&self, article: usize, stored: &Arc<StoredArticle>) -> bool {
        self.requests
            .send(Request::FullArticle {
                article,
                stored: Arc::clone(stored),
            })
            .is_ok()
    }

    /// The events so far, and those to come.
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// The index the indexer fills; give it to [`crate::app::App::loading`].
    pub fn index(&self) -> SharedIndex {
        self.index.clone()
    }

    /// Hands `app` the events that have arrived, waiting up to `wait` for the
    /// first one, and for at most a few milliseconds in all so that keys stay
    /// quick; then passes on the analyses `app` asks for. Returns whether
    /// anything arrived.
    pub fn deliver(&self, app: &mut App, wait: Duration) -> bool {
        const BUDGET: Duration = Duration::from_millis(4);
        let first = if wait.is_zero() {
            self.events.try_recv().ok()
        } else {
            self.events.recv_timeout(wait).ok()
        };
        let start = Instant::now();
        let mut any = false;
        let mut next = first;
        while let Some(event) = next {
            any = true;
            apply(app, event);
            next = if start.elapsed() < BUDGET {
                self.events.try_recv().ok()
            } else {
                None
            };
        }
        for article in app.take_requests() {
            if let Some(stored) = app.stored(article) {
                self.request(article, stored);
            }
        }
        any
    }

    /// Passes on what the reader asked of the background (`R`, `F`; see
    /// [`App::take_background_requests`]) to the loader thread, which serves
    /// them after the first load. Returns `false` when they were dropped
    /// because the loader thread is gone.
    pub fn serve(&self, requests: BackgroundRequests, app: &App) -> bool {
        let mut sent = !requests.reload || self.reload();
        if let Some(query) = &requests.search {
            sent &= self.search(query);
        }
        // The link is the stored article's own; the loader takes it from there.
        for (article, _link) in requests.full_articles {
            if let Some(stored) = app.stored(article) {
                sent &= self.fetch_full(article, stored);
            }
        }
        sent
    }

    /// Tells the background that the reader pressed a key: for a moment the
    /// loader and the analysis of articles nobody asked for step aside, so that
    /// the key's frame has the cores to itself.
    pub fn key_pressed(&self) {
        self.typing.key_pressed();
    }

    /// Asks for article `article`'s analysis ahead of everything else; it
    /// comes back as [`Event::Analysed`].
    pub fn request(&self, article: usize, stored: &Arc<StoredArticle>) {
        let mut queue = self.work.lock();
        queue.pending.remove(&article);
        // Asked for twice: once is enough, with the text the reader has now
        // (the article may have been replaced by its full text since).
        match queue.urgent.iter_mut().find(|(i, _)| *i == article) {
            Some(queued) => queued.1 = Arc::clone(stored),
            None => queue.urgent.push_back((article, Arc::clone(stored))),
        }
        drop(queue);
        self.work.ready.notify_one();
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.work.stop();
    }
}

/// Gives one event to the reader's state.
fn apply(app: &mut App, event: Event) {
    match event {
        Event::Articles(articles) => app.add_articles(articles),
        Event::Problems { skipped, warnings } => app.add_problems(skipped, warnings),
        Event::Loaded => app.loading_finished(),
        Event::Duplicates(duplicates) => {
            for duplicate in duplicates {
                app.add_duplicate_source(duplicate.original, duplicate.source);
            }
        }
        Event::Reloaded { added } => app.set_status(match added {
            0 => "reloaded: nothing new".to_string(),
            1 => "reloaded: 1 new article".to_string(),
            n => format!("reloaded: {n} new articles"),
        }),
        Event::Status(message) => app.set_status(message),
        Event::Reloading => app.forget_reloadable_problems(),
        Event::Fetching { done, of } => app.fetching(done, of),
        Event::Replaced { article, stored } => {
            app.replace_article(article, stored);
            app.set_status("the full article is in".to_string());
        }
        // An analysis of text replaced since is dropped; the new text's is
        // on its way.
        Event::Analysed { article, from, .. }
            if !app
                .stored(article)
                .is_some_and(|current| std::ptr::eq(from.as_ptr(), Arc::as_ptr(current))) => {}
        Event::Analysed {
            article,
            analysis,
            asked: true,
            ..
        } => app.add_analysis(article, analysis),
        Event::Analysed {
            article,
            analysis,
            asked: false,
            ..
        } => app.offer_analysis(article, analysis),
        Event::Indexed { articles } => app.indexed(articles),
        Event::Unified { renames } => app.unified(renames),
        Event::Found(found) => app.found(found.query, found.articles),
    }
}

/// What the reader asks the loader thread for once the collection is in.
#[derive(Debug)]
pub enum Request {
    /// Fetch every web address again and add what is new.
    Reload,
    /// Fetch the web page of this article (its link) and show its full text
    /// in place of the feed's summary.
    FullArticle {
        article: usize,
        stored: Arc<StoredArticle>,
    },
}

/// Hands loaded articles to the analysis queue and, in batches, to the reader.
struct Feeder<'a> {
    work: &'a Work,
    events: &'a Sender<Event>,
    typing: &'a Typing,
    stop: &'a AtomicBool,
    indexer: &'a SyncSender<ToIndexer>,
    /// What the cache recalled and which file is being read, when there is a cache.
    cache: Option<&'a std::cell::RefCell<cached::LoadSide>>,
    /// Recalled analyses, for the indexer once their articles are with the
    /// reader (an analysis of an article the reader has not got is dropped).
    recalled: Vec<ToIndexer>,
    /// The next article's index.
    next: usize,
    batch: Vec<Arc<StoredArticle>>,
    last_send: Option<Instant>,
    shared_path: Option<Arc<str>>,
}

impl Feeder<'_> {
    /// Takes one part of the load.
    fn take(&mut self, part: Loaded) -> ControlFlow<()> {
        if self.stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        self.typing.step_aside();
        let mut side = self.cache.map(std::cell::RefCell::borrow_mut);
        if let Some(side) = &mut side {
            side.problems(&part.skipped, &part.warnings);
        }
        if !part.skipped.is_empty() || !part.warnings.is_empty() {
            let strings = |v: Vec<LoadError>| v.iter().map(ToString::to_string).collect();
            let _ = self.events.send(Event::Problems {
                skipped: strings(part.skipped),
                warnings: strings(part.warnings),
            });
        }
        let duplicates = part.duplicates;
        let mut queue = self.work.lock();
        if let Some(side) = &mut side {
            self.fall_back(side.take_fallback(), &mut queue);
        }
        for article in part.articles {
            let stored = StoredArticle::new(article, self.shared_path.as_ref());
            self.shared_path = Some(Arc::clone(stored.shared_path()));
            // An article the cache recalled comes with its analysis; the
            // others are analysed (and those of a file read, kept).
            let (stored, recalled) = match side.as_mut() {
                Some(side) => side.recalled(stored, self.next),
                None => (Arc::new(stored), None),
            };
            match recalled {
                Some(Some(analysis)) => self.recalled.push(ToIndexer::Analysed {
                    article: self.next,
                    analysis,
                    asked: false,
                    from: Arc::downgrade(&stored),
                }),
                // Its entities are in the snapshot's index.
                Some(None) => {}
                None => {
                    let held = side.as_mut().is_some_and(|side| {
                        side.read_into(self.next);
                        side.hold(self.next, &stored)
                    });
                    if !held {
                        queue.pending.insert(self.next, Arc::clone(&stored));
                    }
                }
            }
            self.batch.push(stored);
            self.next += 1;
        }
        drop(side);
        // Workers are woken only for work: a collection that comes from
        // its snapshot brings none, file after file.
        let queued = !queue.pending.is_empty();
        drop(queue);
        if queued {
            self.work.ready.notify_all();
        }
        // The first articles go at once (the first frame waits for them),
        // then batches at a steady pace. Copies point at articles that must
        // be in the reader's list first.
        if !duplicates.is_empty() || self.last_send.is_none_or(|t| t.elapsed() >= LOAD_BATCH) {
            self.send();
        }
        if !duplicates.is_empty() {
            let _ = self.events.send(Event::Duplicates(duplicates));
        }
        ControlFlow::Continue(())
    }

    /// Takes the analyses of articles the snapshot gave, recalled once it
    /// no longer held, and queues those the cache had not for analysis.
    fn fall_back(&mut self, fallback: reopen::Fallback, queue: &mut Queue) {
        for (article, analysis, stored) in fallback.recalled {
            self.recalled.push(ToIndexer::Analysed {
                article,
                analysis,
                asked: false,
                from: Arc::downgrade(&stored),
            });
        }
        for (article, stored) in fallback.to_analyse {
            queue.pending.insert(article, stored);
        }
    }

    /// Sends the batch gathered so far, then the analyses recalled for it.
    fn send(&mut self) {
        if !self.batch.is_empty() {
            let _ = self
                .events
                .send(Event::Articles(std::mem::take(&mut self.batch)));
            self.last_send = Some(Instant::now());
        }
        for message in self.recalled.drain(..) {
            let _ = self.indexer.send(message);
        }
    }
}

/// What the loader thread works with.
#[derive(Clone, Copy)]
struct LoaderThreads<'a> {
    work: &'a Work,
    indexer: &'a SyncSender<ToIndexer>,
    events: &'a Sender<Event>,
    stop: &'a AtomicBool,
    typing: &'a Typing,
}

/// The loader thread: reads every file in order, queues each article for
/// analysis and hands batches to the reader; then serves the reader's
/// requests (reload, full articles) until the reader goes.
fn load_loop(
    source: &Source,
    threads: &LoaderThreads<'_>,
    cache: Option<Arc<ReaderCache>>,
    search: Arc<CollectionSearch>,
    requests: &Receiver<Request>,
    mut dedup: Dedup,
) {
    lower_priority(LOADER_NICE);
    let LoaderThreads {
        work,
        indexer,
        events,
        stop,
        typing,
    } = *threads;
    let side = cache.map(|cache| {
        std::cell::RefCell::new(cached::LoadSide::new(
            cache,
            indexer.clone(),
            &source.paths(),
            Arc::clone(&search),
            source.files_only(),
        ))
    });
    let mut feeder = Feeder {
        work,
        events,
        typing,
        stop,
        indexer,
        cache: side.as_ref(),
        recalled: Vec::new(),
        next: 0,
        batch: Vec::new(),
        last_send: None,
        shared_path: None,
    };
    // Kept for reloads, so that they add only what is new.
    let events_for_progress = Mutex::new(events.clone());
    let progress = move |done: usize, of: usize| {
        let events = events_for_progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let _ = events.send(Event::Fetching { done, of });
    };
    let mut every = loader::ReadEverything;
    let mut hook = side.as_ref().map(cached::Hook);
    let known: &mut dyn loader::KnownFiles = match &mut hook {
        Some(hook) => hook,
        None => &mut every,
    };
    let web_sources = source.load(
        true,
        Some(&progress),
        &mut dedup,
        known,
        &mut |part: Loaded| feeder.take(part),
    );
    let mut finish = None;
    let mut to_analyse = Vec::new();
    if let Some(side) = &side {
        let mut side = side.borrow_mut();
        side.close_reading();
        finish = side.finish(feeder.next);
        let mut fallback = side.take_fallback();
        to_analyse = std::mem::take(&mut fallback.to_analyse);
        feeder.fall_back(fallback, &mut work.lock());
    }
    feeder.send();
    let _ = events.send(Event::Loaded);
    if let Some(message) = finish {
        let _ = indexer.send(message);
    }
    // Only now: an article held back for the snapshot's index is analysed
    // after the indexer has that index.
    if !to_analyse.is_empty() {
        work.lock().pending.extend(to_analyse);
        work.ready.notify_all();
    }
    let _ = indexer.send(ToIndexer::Total(feeder.next));
    while let Ok(request) = requests.recv() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match request {
            Request::Reload => {
                let before = feeder.next;
                let _ = events.send(Event::Reloading);
                let inputs = source.paths();
                loader::inputs::reread_paths(&inputs, &mut dedup, &mut |part: Loaded| {
                    feeder.take(part)
                });
                if let Source::Inputs { fetcher, .. } = source {
                    loader::inputs::refetch(
                        &web_sources,
                        fetcher,
                        Some(&progress),
                        &mut dedup,
                        &mut |part: Loaded| feeder.take(part),
                    );
                }
                feeder.send();
                let _ = events.send(Event::Reloaded {
                    added: feeder.next - before,
                });
                let _ = indexer.send(ToIndexer::Total(feeder.next));
            }
            Request::FullArticle { article, stored } => {
                let _ = indexer.send(ToIndexer::NoSnapshot);
                full_article(source, work, events, article, &stored);
            }
        }
    }
}

/// Fetches the page an article links to and sends it, with its full text,
/// to replace the article (and to be analysed again, first in line).
fn full_article(
    source: &Source,
    work: &Work,
    events: &Sender<Event>,
    index: usize,
    stored: &StoredArticle,
) {
    let fetcher = match source {
        Source::Inputs { fetcher, .. } => Arc::clone(fetcher),
        _ => Arc::new(default_fetcher()),
    };
    let mut article = stored.to_article();
    match loader::inputs::with_full_text(&mut article, &fetcher, false) {
        Ok(()) => {
            let replaced = Arc::new(StoredArticle::new(article, Some(stored.shared_path())));
            let mut queue = work.lock();
            queue.pending.remove(&index);
            queue.urgent.retain(|(i, _)| *i != index);
            queue.urgent.push_front((index, Arc::clone(&replaced)));
            drop(queue);
            work.ready.notify_one();
            let _ = events.send(Event::Replaced {
                article: index,
                stored: replaced,
            });
        }
        Err(error) => {
            let _ = events.send(Event::Status(format!(
                "no full article: {} (e to list)",
                error.reason
            )));
            let _ = events.send(Event::Problems {
                skipped: Vec::new(),
                warnings: vec![format!("full article: {error}")],
            });
        }
    }
}

/// Nice value of the analysis threads (Linux): they keep every core busy for
/// a large collection, and the reader's thread must still get a core at once.
const WORKER_NICE: i32 = 10;

/// Nice value of the loader and indexer threads: below the reader's thread, so
/// a key never waits for them, above the analysis, so the list keeps filling.
const LOADER_NICE: i32 = 5;

/// Lowers the calling thread's priority to `nice` (on Linux the nice value is
/// per thread).
fn lower_priority(nice: i32) {
    #[cfg(target_os = "linux")]
    {
        // Failing to lower it costs only responsiveness: carry on.
        let _ = rustix::process::setpriority_process(None, nice);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}

/// The analysis's model and word lists load on first use: loads them (once
/// for every thread), while the loader reads the first files and the
/// terminal is set up.
fn warm_up_analysis() {
    let _ = crate::analysis::analyse(&Article {
        paragraphs: vec!["Mr Jon Hale of the Harbor Council said \"yes\" in Eastport.".to_string()],
        ..Article::default()
    });
}

/// An analysis worker: analyses articles until stopped.
fn analyse_loop(work: &Work, indexer: &SyncSender<ToIndexer>, typing: &Typing) {
    // The first frame waits (briefly) for the first article's analysis: until
    // that is made, the analysis runs as high as the reader's thread (a
    // collection reopened from its snapshot keeps the loader's threads
    // busy); after it, below the loader.
    warm_up_analysis();
    let mut lowered = false;
    while let Some((article, stored, asked)) = work.take() {
        if !asked {
            typing.step_aside();
        }
        let analysis = crate::analysis::analyse(&stored.to_article());
        let from = Arc::downgrade(&stored);
        drop(stored);
        let message = ToIndexer::Analysed {
            article,
            analysis,
            asked,
            from,
        };
        if indexer.send(message).is_err() {
            return;
        }
        if !std::mem::replace(&mut lowered, true) {
            lower_priority(WORKER_NICE);
        }
    }
}

/// The indexer thread: adds every analysis to the index and the unifier,
/// forwards the asked-for ones, re-sorts the sidebar order now and then, and
/// unifies names when the last article is in.
fn index_loop(
    from: &Receiver<ToIndexer>,
    index: &SharedIndex,
    events: &Sender<Event>,
    mut keeper: Option<cached::Keeper>,
    snapshot_writer: &SnapshotWriter,
    mut spilled: Option<SpilledIndex>,
) {
    lower_priority(LOADER_NICE);
    let mut seen: Vec<bool> = Vec::new();
    // Per article, the address of the stored text last analysed.
    let mut texts: Vec<usize> = Vec::new();
    let mut extended: Vec<(usize, Analysis)> = Vec::new();
    let mut analysed = 0;
    let mut total: Option<usize> = None;
    let mut unifier = Some(Unifier::default());
    let mut renames: Option<Arc<Renames>> = None;
    let mut changed = false;
    let mut last_refresh = Instant::now();
    let mut refresh_every = INDEX_REFRESH;
    let mut batch: Vec<(usize, Analysis)> = Vec::new();
    let mut offered = 0;
    let mut draft: Option<Box<reopen::Draft>> = None;
    // Whether the collection came from its snapshot with articles still to
    // analyse: once they are in, the reader hears it is unified.
    let mut unified_late = false;
    // Whether a full article replaced a file's text this run.
    let mut no_snapshot = false;
    loop {
        let first = match from.recv_timeout(INDEX_REFRESH) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(keeper) = &mut keeper {
                    keeper.commit_now_and_then(true);
                }
                return;
            }
        };
        // Take what else is waiting, so that the index is locked once per
        // batch; small batches keep each write lock short.
        for message in first.into_iter().chain(from.try_iter().take(63)) {
            match message {
                ToIndexer::Total(n) => total = Some(n),
                ToIndexer::FileRead(file) => {
                    if let Some(keeper) = &mut keeper {
                        keeper.file_read(file);
                    }
                }
                ToIndexer::ReadFrom(article, slot) => {
                    if let Some(keeper) = &mut keeper {
                        keeper.read_from(article, slot);
                    }
                }
                ToIndexer::Draft(next) if !no_snapshot => draft = Some(next),
                ToIndexer::Draft(_) => {}
                ToIndexer::NoSnapshot => {
                    no_snapshot = true;
                    draft = None;
                }
                ToIndexer::Restored {
                    restored,
                    draft: next,
                } => {
                    // What was added so far (an article the reader asked for
                    // first) is in the snapshot's index too, or held back.
                    let reopen::Restored {
                        tail,
                        total,
                        stale,
                        fresh,
                        ..
                    } = *restored;
                    let table = Arc::new(tail.renames);
                    let mut restored = tail.index;
                    // The snapshot's order is its sidebar's; with articles
                    // taken out, the order is made again once the fresh ones
                    // (there are some then) are in.
                    for (article, mut old) in stale {
                        crate::analysis::index::apply_renames(&mut old, &table);
                        restored.subtract(article, &old);
                    }
                    index.replace(restored);
                    // The snapshot's index is in memory now: it is the one written.
                    spilled = None;
                    seen = vec![true; total];
                    for &article in &fresh {
                        if let Some(seen) = seen.get_mut(article) {
                            *seen = false;
                        }
                    }
                    // 0: no text analysed here yet (the first is not a replacement).
                    texts = vec![0; total];
                    analysed = total - fresh.len();
                    unifier = None;
                    batch.clear();
                    changed = false;
                    renames = Some(Arc::clone(&table));
                    // Without a draft nothing changed since it was written.
                    if next.is_none() {
                        snapshot_writer
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .current = true;
                    }
                    draft = next.filter(|_| !no_snapshot);
                    let _ = events.send(Event::Indexed { articles: analysed });
                    if fresh.is_empty() && draft.is_none() {
                        let _ = events.send(Event::Unified { renames: table });
                    } else {
                        // Said once the fresh articles are in and kept, with
                        // a new snapshot (also when a file changed or added
                        // gave none: its new stamp is snapshotted).
                        unified_late = true;
                    }
                }
                ToIndexer::Analysed {
                    article,
                    mut analysis,
                    asked,
                    from,
                } => {
                    if seen.len() <= article {
                        seen.resize(article + 1, false);
                        texts.resize(article + 1, 0);
                    }
                    let new = !seen[article];
                    // The same article with another text: its full article,
                    // fetched since. Its new entities join the index.
                    let text = from.as_ptr() as usize;
                    let replaced = !new && texts[article] != 0 && texts[article] != text;
                    texts[article] = text;
                    let offer = new && offered < ANALYSIS_CACHE;
                    if new {
                        // Kept as analysed, before any renaming (the next start unifies anew).
                        if let (Some(keeper), Some(text)) = (&mut keeper, from.upgrade()) {
                            keeper.analysed(article, &analysis, &text);
                        }
                        seen[article] = true;
                        analysed += 1;
                        if let Some(unifier) = &mut unifier {
                            unifier.add(&analysis);
                        }
                    }
                    // Analyses after the names were unified take the renames,
                    // in the index as in the reader (a reload's articles).
                    if let Some(renames) = &renames {
                        crate::analysis::index::apply_renames(&mut analysis, renames);
                    }
                    if replaced {
                        if let (Some(keeper), Some(text)) = (&mut keeper, from.upgrade()) {
                            keeper.replaced(article, &analysis, &text);
                        }
                        extended.push((article, analysis.clone()));
                    }
                    if asked || offer {
                        offered += usize::from(!asked);
                        let forwarded = if new || replaced {
                            analysis.clone()
                        } else {
                            std::mem::take(&mut analysis)
                        };
                        let _ = events.send(Event::Analysed {
                            article,
                            analysis: forwarded,
                            asked,
                            from,
                        });
                    }
                    if new {
                        batch.push((article, analysis));
                    }
                }
            }
        }
        if !extended.is_empty() {
            let mut guard = index.write();
            for (article, analysis) in extended.drain(..) {
                guard.extend(article, &analysis);
            }
            changed = true;
        }
        if let Some(spilled) = &mut spilled {
            for (article, analysis) in batch.drain(..) {
                spilled.add(article, &analysis);
            }
        }
        if !batch.is_empty() {
            let mut guard = index.write();
            for (article, analysis) in batch.drain(..) {
                guard.add(article, &analysis);
            }
            changed = true;
        }
        let all_in = total.is_some_and(|t| analysed >= t);
        if changed && (all_in || last_refresh.elapsed() >= refresh_every) {
            let sorting = Instant::now();
            resort(index);
            refresh_every = INDEX_REFRESH.max(sorting.elapsed() * RESORT_SHARE);
            let _ = events.send(Event::Indexed { articles: analysed });
            changed = false;
            last_refresh = Instant::now();
        }
        if all_in && let Some(keeper) = &mut keeper {
            keeper.commit_now_and_then(true);
        }
        if let Some(spilled) = spilled.as_ref().filter(|_| !all_in) {
            // No one reads the index: the events only say how far it got.
            if last_refresh.elapsed() >= INDEX_REFRESH {
                let articles = spilled.article_count();
                let _ = events.send(Event::Indexed { articles });
                last_refresh = Instant::now();
            }
        }
        if all_in && let Some(unifier) = unifier.take() {
            let table = if let Some(mut spilled) = spilled.take() {
                let table = Arc::new(unifier.renames());
                drop(unifier);
                spilled.rename(&table);
                let _ = events.send(Event::Indexed { articles: analysed });
                start_spilled_snapshot(
                    draft.take(),
                    keeper.as_ref(),
                    spilled,
                    &table,
                    snapshot_writer,
                );
                table
            } else {
                // Room for the unifying: the index's lists hold no more than they need.
                index.write().shrink_to_fit();
                let table = Arc::new(unifier.renames());
                drop(unifier);
                // Renaming touches only the renamed entities: a short write lock.
                index.write().rename(&table);
                resort(index);
                start_snapshot(
                    draft.take(),
                    keeper.as_ref(),
                    index,
                    &table,
                    snapshot_writer,
                );
                table
            };
            renames = Some(Arc::clone(&table));
            let _ = events.send(Event::Unified { renames: table });
        }
        if all_in
            && unified_late
            && let Some(table) = &renames
        {
            unified_late = false;
            resort(index);
            start_snapshot(draft.take(), keeper.as_ref(), index, table, snapshot_writer);
            let _ = events.send(Event::Unified {
                renames: Arc::clone(table),
            });
        }
    }
}

/// Starts writing the collection's snapshot from `draft` on a thread of its
/// own, when every article is kept in the cache and the index is not
/// corrected (the corrections apply anew at each start); started before the
/// reader hears the collection is unified, so that it can wait for it.
fn start_snapshot(
    draft: Option<Box<reopen::Draft>>,
    keeper: Option<&cached::Keeper>,
    index: &SharedIndex,
    table: &Arc<Renames>,
    snapshot_writer: &SnapshotWriter,
) {
    let snapshot = draft.filter(|_| keeper.is_some_and(cached::Keeper::all_in_cache));
    let copy = snapshot.and_then(|draft| {
        let index = index.frozen();
        (!index.is_corrected()).then_some((draft, index))
    });
    // Written beside the reader, which may correct the index meanwhile: the
    // frozen index is not copied unless it does (started before the reader
    // hears, so that it can wait for it).
    if let Some((draft, index)) = copy {
        let table = Arc::clone(table);
        spawn_snapshot_writer(draft, snapshot_writer, move |draft| {
            draft
                .write(crate::cache::snapshot::TailIndex::Memory(&index), &table)
                .is_ok()
        });
    }
}

/// Starts writing the collection's snapshot from `draft` with the index
/// whose lists are on disk, as [`start_snapshot`] does with the reader's.
fn start_spilled_snapshot(
    draft: Option<Box<reopen::Draft>>,
    keeper: Option<&cached::Keeper>,
    spilled: SpilledIndex,
    table: &Arc<Renames>,
    snapshot_writer: &SnapshotWriter,
) {
    if let Some(draft) = draft.filter(|_| keeper.is_some_and(cached::Keeper::all_in_cache)) {
        let table = Arc::clone(table);
        spawn_snapshot_writer(draft, snapshot_writer, move |draft| {
            let index = crate::cache::snapshot::TailIndex::Spilled(Box::new(spilled));
            draft.write(index, &table).is_ok()
        });
    }
}

/// Runs `write` (whether the snapshot was written) on `draft` on a thread
/// of its own at the workers' priority, which `snapshot_writer` keeps for
/// [`Reader::settle`]. Without the thread there is no snapshot: a slower
/// next start.
fn spawn_snapshot_writer(
    draft: Box<reopen::Draft>,
    snapshot_writer: &SnapshotWriter,
    write: impl FnOnce(Box<reopen::Draft>) -> bool + Send + 'static,
) {
    let writing = thread::Builder::new()
        .name("lede-snapshot".to_string())
        .spawn(move || {
            lower_priority(WORKER_NICE);
            write(draft)
        });
    if let Ok(writing) = writing {
        snapshot_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .writing = Some(writing);
    }
}

/// How long [`Reader::snapshot_collection`] waits for news of the load
/// before it gives up (a thread of the background gone). Articles and
/// analyses come many times a second, but the end (the last commit, the
/// unifying of every name) says nothing until it is over, and takes tens of
/// seconds at a million articles.
const STALLED: Duration = Duration::from_secs(600);

/// Most articles in flight in [`dump`] at once (read, being analysed, or
/// waiting for an earlier one to be written).
pub const DUMP_WINDOW: usize = 256;

/// Article text [`dump`] reads before it settles the collection's names: the
/// articles up to here are held, their names unified as by
/// [`crate::analysis::index::unify`], and the renames found then apply to every
/// later article. A collection smaller than this is dumped exactly as if it
/// had all been unified at once.
pub const DUMP_NAMING_BYTES: usize = 16 * 1024 * 1024;

/// What [`dump`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DumpSummary {
    pub articles: usize,
    pub skipped: usize,
}

/// A worker's result: a finished line, or (while names are not settled) the
/// article and its analysis for the writer to hold.
enum Analysed {
    Line(String),
    Held(Box<(Article, Analysis)>),
}

/// The renames of the naming window, once settled.
type Settled = std::sync::OnceLock<Arc<Renames>>;

/// Writes the analysis of every article under `source` to `out` as JSON Lines,
/// in load order, analysing on `workers` threads while the loader reads on.
/// `problem` gets every load problem as it is found, with whether the file
/// was skipped. A closed pipe ends quietly.
///
/// # Algorithm
/// Articles are numbered as they are read. Workers take them in that order,
/// but one never starts article `n` before the writer has taken article
/// `n - DUMP_WINDOW`, so few articles are in flight at once. The writer keeps
/// finished results in a map by number and takes each as soon as every one
/// before it is taken. Names: the writer holds the first
/// [`DUMP_NAMING_BYTES`] of articles, gathering their names in a [`Unifier`];
/// then it settles the renames, writes what it held, and from then on workers
/// rename and serialise each article themselves. Memory is bounded by the
/// window and the naming bytes, whatever the collection's size.
///
/// # Errors
/// When writing to `out` fails (other than a closed pipe).
pub fn dump(
    source: &Source,
    out: impl Write,
    workers: usize,
    problem: impl FnMut(&LoadError, bool) + Send,
) -> io::Result<DumpSummary> {
    dump_corrected(source, out, workers, &Corrections::default(), problem)
}

/// [`dump`] with the reader's `corrections` applied to every article once
/// its names are the collection's.
///
/// # Errors
/// When writing to `out` fails (other than a closed pipe).
pub fn dump_corrected(
    source: &Source,
    out: impl Write,
    workers: usize,
    corrections: &Corrections,
    problem: impl FnMut(&LoadError, bool) + Send,
) -> io::Result<DumpSummary> {
    dump_with(
        source,
        out,
        workers,
        DUMP_NAMING_BYTES,
        corrections,
        problem,
    )
}

/// [`dump`] with the naming window's size in bytes.
fn dump_with(
    source: &Source,
    out: impl Write,
    workers: usize,
    naming_bytes: usize,
    corrections: &Corrections,
    problem: impl FnMut(&LoadError, bool) + Send,
) -> io::Result<DumpSummary> {
    let settled = Settled::new();
    let mut writer = DumpWriter {
        out: io::BufWriter::with_capacity(1 << 16, out),
        unifier: Some(Unifier::default()),
        held: Vec::new(),
        held_bytes: 0,
        naming_bytes,
        settled: &settled,
        workers,
        corrections,
    };
    // Once names are settled, workers rename and serialise each article
    // themselves; until then the writer holds them.
    let serialise = |article: Article, mut analysis: Analysis| match settled.get() {
        Some(renames) => {
            crate::analysis::index::apply_renames(&mut analysis, renames);
            corrections.apply(&article.paragraphs, &mut analysis);
            Analysed::Line(crate::dump::record_json(&article, &analysis))
        }
        None => Analysed::Held(Box::new((article, analysis))),
    };
    // A closed pipe stops the dump quietly.
    let summary = analyse_in_order(source, workers, problem, serialise, |result| {
        match writer.take(result) {
            Ok(()) => Ok(ControlFlow::Continue(())),
            Err(e) => quiet_broken_pipe(e).map(|()| ControlFlow::Break(())),
        }
    })?;
    writer.settle().or_else(quiet_broken_pipe)?;
    writer.out.flush().or_else(quiet_broken_pipe)?;
    Ok(summary)
}

/// Analyses every article under `source` on `workers` threads while the
/// loader reads on, and hands each result to `take` in load order: `work`
/// turns an article and its analysis into what `take` needs (on the
/// workers, so costly work such as serialising is shared out). `problem`
/// gets every load problem as it is found, with whether the file was
/// skipped. `take` may stop it early (`Break`). The names are each article's own; a caller that wants the
/// collection's gathers them (see [`crate::analysis::index::Unifier`]).
///
/// # Algorithm
/// Articles are numbered as they are read. Workers take them in that order,
/// but one never starts article `n` before `take` has had article
/// `n - DUMP_WINDOW`, so few articles are in flight at once. Articles and
/// results change threads [`HAND_OVER`] at a time (a worker hands on what it
/// holds before it waits), so that on one core the threads do not switch at
/// every article. Finished results wait in a map by number, and each goes to
/// `take` as soon as every one before it has. Memory is bounded by the window, whatever the collection's
/// size.
///
/// # Errors
/// The first error `take` returns, which stops the loading and the workers
/// as a `Break` does.
pub fn analyse_in_order<T: Send>(
    source: &Source,
    workers: usize,
    problem: impl FnMut(&LoadError, bool) + Send,
    work: impl Fn(Article, Analysis) -> T + Sync,
    mut take: impl FnMut(T) -> io::Result<ControlFlow<()>>,
) -> io::Result<DumpSummary> {
    let (articles_tx, articles_rx) =
        mpsc::sync_channel::<Vec<(usize, Article)>>(DUMP_WINDOW / HAND_OVER);
    let articles_rx = Mutex::new(articles_rx);
    let (done_tx, done_rx) = mpsc::channel::<Vec<(usize, T)>>();
    let taken = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let mut summary = DumpSummary::default();
    let result = thread::scope(|scope| {
        let stop_flag = &stop;
        let loader = scope.spawn(move || dump_load(source, &articles_tx, problem, stop_flag));
        for _ in 0..workers.max(1) {
            let done_tx = done_tx.clone();
            let (articles_rx, taken, work) = (&articles_rx, &taken, &work);
            scope.spawn(move || dump_work(articles_rx, taken, work, &done_tx));
        }
        drop(done_tx);
        let result = take_in_order(&done_rx, &taken, &mut summary, &mut take);
        // After an error, wind the loader and workers down: workers stop,
        // the loader stops at its next file, and what it already queued is
        // drained so that it never blocks.
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
        {
            let (lock, bell) = &taken;
            *lock.lock().unwrap_or_else(PoisonError::into_inner) = usize::MAX;
            bell.notify_all();
        }
        let drain = articles_rx.lock().unwrap_or_else(PoisonError::into_inner);
        while drain.recv().is_ok() {}
        drop(drain);
        summary.skipped = loader.join().unwrap_or(0);
        result
    });
    result.map(|()| summary)
}

/// Hands the workers' results to `take` in article order, telling the
/// workers how far it got.
fn take_in_order<T>(
    from: &Receiver<Vec<(usize, T)>>,
    taken: &(Mutex<usize>, Condvar),
    summary: &mut DumpSummary,
    take: &mut impl FnMut(T) -> io::Result<ControlFlow<()>>,
) -> io::Result<()> {
    let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
    let mut next = 0;
    for batch in from {
        waiting.extend(batch);
        let before = next;
        while let Some(result) = waiting.remove(&next) {
            next += 1;
            summary.articles = next;
            if take(result)?.is_break() {
                return Ok(());
            }
        }
        if next != before {
            let (lock, bell) = taken;
            *lock.lock().unwrap_or_else(PoisonError::into_inner) = next;
            bell.notify_all();
        }
    }
    Ok(())
}

/// The dump's loader: numbers articles and queues them (blocking when the
/// queue is full); returns the number of skipped files.
fn dump_load(
    source: &Source,
    to_workers: &SyncSender<Vec<(usize, Article)>>,
    mut problem: impl FnMut(&LoadError, bool),
    stop: &AtomicBool,
) -> usize {
    let mut next = 0;
    let mut skipped = 0;
    let mut every = loader::ReadEverything;
    // Articles go to the workers a few at a time (see [`HAND_OVER`]).
    let mut batch = Vec::with_capacity(HAND_OVER);
    source.load(
        false,
        None,
        &mut Dedup::spilling(None),
        &mut every,
        &mut |part: Loaded| {
            if stop.load(Ordering::Relaxed) {
                return ControlFlow::Break(());
            }
            skipped += part.skipped.len();
            for p in &part.skipped {
                problem(p, true);
            }
            for p in &part.warnings {
                problem(p, false);
            }
            for article in part.articles {
                batch.push((next, article));
                next += 1;
                if batch.len() >= HAND_OVER
                    && (stop.load(Ordering::Relaxed)
                        || to_workers.send(std::mem::take(&mut batch)).is_err())
                {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        },
    );
    if !batch.is_empty() && !stop.load(Ordering::Relaxed) {
        let _ = to_workers.send(batch);
    }
    skipped
}

/// A worker of [`analyse_in_order`]: analyses articles, never more than
/// [`DUMP_WINDOW`] ahead of the taker, and hands `work`'s result on.
fn dump_work<T>(
    from: &Mutex<Receiver<Vec<(usize, Article)>>>,
    taken: &(Mutex<usize>, Condvar),
    work: &impl Fn(Article, Analysis) -> T,
    to_taker: &Sender<Vec<(usize, T)>>,
) {
    // Results go to the taker a few at a time: each hand-over wakes it, and
    // on one core every wake is a switch between threads. They are sent before
    // this worker waits for anything, so the taker is never kept waiting.
    let mut ready: Vec<(usize, T)> = Vec::new();
    let flush = |ready: &mut Vec<(usize, T)>| {
        ready.is_empty() || to_taker.send(std::mem::take(ready)).is_ok()
    };
    let mut articles = Vec::new().into_iter();
    loop {
        let next = match articles.next() {
            Some(next) => next,
            None => {
                let queue = from.lock().unwrap_or_else(PoisonError::into_inner);
                let batch = match queue.try_recv() {
                    Ok(batch) => Ok(batch),
                    Err(_) if !flush(&mut ready) => return,
                    Err(_) => queue.recv(),
                };
                let Ok(batch) = batch else {
                    return;
                };
                articles = batch.into_iter();
                continue;
            }
        };
        let (n, article) = next;
        {
            let (lock, bell) = taken;
            let mut done = lock.lock().unwrap_or_else(PoisonError::into_inner);
            if *done != usize::MAX && n >= *done + DUMP_WINDOW {
                drop(done);
                if !flush(&mut ready) {
                    return;
                }
                done = lock.lock().unwrap_or_else(PoisonError::into_inner);
            }
            while *done != usize::MAX && n >= *done + DUMP_WINDOW {
                done = bell.wait(done).unwrap_or_else(PoisonError::into_inner);
            }
            if *done == usize::MAX {
                return;
            }
        }
        let analysis = crate::analysis::analyse(&article);
        ready.push((n, work(article, analysis)));
        if ready.len() >= HAND_OVER && !flush(&mut ready) {
            return;
        }
    }
}

/// Articles the loader of [`analyse_in_order`] queues at once, and results a
/// worker holds before handing them on: each hand-over may wake a thread, and
/// on one core waking at every article was 7,400 switches for 2,225 articles
/// (0.1 s of 1 s); with 16 it is about 500.
const HAND_OVER: usize = 16;

/// The dump's writer: takes results in article order, holds the naming
/// window, writes lines.
struct DumpWriter<'a, W: Write> {
    out: io::BufWriter<W>,
    /// Names of the held articles; `None` once settled.
    unifier: Option<Unifier>,
    held: Vec<(Article, Analysis)>,
    held_bytes: usize,
    naming_bytes: usize,
    settled: &'a Settled,
    workers: usize,
    corrections: &'a Corrections,
}

impl<W: Write> DumpWriter<'_, W> {
    /// Takes the next result in order.
    fn take(&mut self, result: Analysed) -> io::Result<()> {
        match result {
            Analysed::Line(line) => self.write(&line),
            Analysed::Held(held) => {
                let (article, mut analysis) = *held;
                if let Some(unifier) = &mut self.unifier {
                    unifier.add(&analysis);
                    self.held_bytes += article.paragraphs.iter().map(String::len).sum::<usize>();
                    self.held.push((article, analysis));
                    if self.held_bytes >= self.naming_bytes {
                        self.settle()?;
                    }
                    Ok(())
                } else {
                    if let Some(renames) = self.settled.get() {
                        crate::analysis::index::apply_renames(&mut analysis, renames);
                    }
                    self.corrections.apply(&article.paragraphs, &mut analysis);
                    self.write(&crate::dump::record_json(&article, &analysis))
                }
            }
        }
    }

    /// Settles the names (once) and writes what was held.
    fn settle(&mut self) -> io::Result<()> {
        let Some(unifier) = self.unifier.take() else {
            return Ok(());
        };
        let renames = Arc::new(unifier.renames());
        let _ = self.settled.set(Arc::clone(&renames));
        // Rename and serialise what was held on every core, a slice at a time.
        let mut held = std::mem::take(&mut self.held);
        for slice in held.chunks_mut(DUMP_WINDOW) {
            let lines = serialise_renamed(slice, &renames, self.corrections, self.workers);
            for line in &lines {
                self.write(line)?;
            }
        }
        Ok(())
    }

    fn write(&mut self, line: &str) -> io::Result<()> {
        self.out.write_all(line.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

/// The JSON lines of `held`, renamed in place, made on `workers` threads, in order.
fn serialise_renamed(
    held: &mut [(Article, Analysis)],
    renames: &Renames,
    corrections: &Corrections,
    workers: usize,
) -> Vec<String> {
    let part = held.len().div_ceil(workers.max(1)).max(1);
    thread::scope(|scope| {
        let parts: Vec<_> = held
            .chunks_mut(part)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter_mut()
                        .map(|(article, analysis)| {
                            crate::analysis::index::apply_renames(analysis, renames);
                            corrections.apply(&article.paragraphs, analysis);
                            crate::dump::record_json(article, analysis)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| {
                p.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Sorts the index under a read lock (the reader keeps reading) and installs
/// the order under a short write lock.
fn resort(index: &SharedIndex) {
    let order = index.read().sorted_order();
    index.write().set_order(order);
}

#[cfg(test)]
mod tests;
