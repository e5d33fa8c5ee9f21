//! Bringing the cache up to date with a collection (`lede index`): files the
//! cache knows unchanged are passed over without being read; new and changed
//! files are read, analysed on every core and kept; files gone from a folder
//! are forgotten.

use super::CacheProblem;
use super::store::{ArticleStore, NewFile, article_key, fnv1a_64};
use crate::loader::dedup::Dedup;
use crate::loader::{Input, KnownFiles, Loaded};
use crate::model::{Analysis, Article};
use std::cell::RefCell;
use std::fs;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What [`update`] did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files the cache knew, unchanged.
    pub unchanged: usize,
    /// Files read (new or changed).
    pub read: usize,
    /// Articles in the files read, analysed and kept.
    pub analysed: usize,
    /// Articles in all (known and read).
    pub articles: usize,
    /// Files the cache held under the folders that are gone now.
    pub forgotten: usize,
    /// The collection's articles by their numbers in the index
    /// ([`super::store::article_key`]), to narrow a search to it; gathered
    /// only when asked for (`lede search`), as a million cost 19 MB.
    pub keys: foldhash::HashSet<u64>,
    /// The files met, in order, with their stamps: whether the collection's
    /// snapshot is current ([`super::snapshot::is_current`]).
    pub walk: super::snapshot::WalkDigest,
}

/// How far [`update`] has got, for a progress bar.
pub type Progress<'a> = dyn Fn(&Summary) + 'a;

/// Analyse this many articles at a time (on every core), then keep them.
const BATCH_ARTICLES: usize = 256;

/// Make what was kept permanent at least this often, so that a long first
/// build stopped halfway keeps what it did.
const COMMIT_EVERY: Duration = Duration::from_secs(20);

/// A file read, waiting to be analysed and kept.
struct Pending {
    file: NewFile,
    articles: Vec<Article>,
}

/// What the walk found so far.
struct Tracker<'s> {
    store: &'s mut ArticleStore,
    full_paths: super::FullPaths,
    /// Every file met, by its full path hashed (a million paths would
    /// otherwise be a hundred megabytes).
    seen: foldhash::HashSet<u64>,
    /// The file being read now (its articles and problems come next).
    reading: Option<Pending>,
    pending: Vec<Pending>,
    pending_articles: usize,
    summary: Summary,
    /// Whether to gather `summary.keys`.
    gather_keys: bool,
    last_commit: Instant,
    problem: Option<CacheProblem>,
}

impl Tracker<'_> {
    /// The file read last is complete: queue it for analysis.
    fn close_reading(&mut self) {
        if let Some(file) = self.reading.take() {
            self.pending_articles += file.articles.len();
            self.pending.push(file);
        }
    }

    /// Takes a part of the load: the articles and problems of the file being read.
    fn take(&mut self, part: Loaded) {
        if let Some(pending) = &mut self.reading {
            pending.articles.extend(part.articles);
            pending.file.note_problems(&part.skipped, &part.warnings);
        } else {
            self.summary.articles += part.articles.len();
        }
    }

    /// Analyses the queued files on `workers` threads and keeps them.
    fn flush(&mut self, workers: usize) {
        if self.pending.is_empty() {
            return;
        }
        let files = std::mem::take(&mut self.pending);
        self.pending_articles = 0;
        let analysed = analyse_files(&files, workers);
        for (file, articles) in files.iter().zip(analysed) {
            self.summary.read += 1;
            if self.gather_keys {
                self.summary
                    .keys
                    .extend((0..articles.len()).map(|i| article_key(&file.file.path, i)));
            }
            self.summary.analysed += articles.len();
            self.summary.articles += articles.len();
            let reading = file.file.reading(&articles);
            if let Err(problem) = self.store.put(&reading) {
                self.problem.get_or_insert(problem);
            }
        }
        if self.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit();
        }
    }

    fn commit(&mut self) {
        if let Err(problem) = self.store.commit() {
            self.problem.get_or_insert(problem);
        }
        self.last_commit = Instant::now();
    }
}

/// Each file's articles with their analyses, made on `workers` threads.
fn analyse_files(files: &[Pending], workers: usize) -> Vec<Vec<(Article, Analysis)>> {
    let jobs: Vec<(usize, &Article)> = files
        .iter()
        .enumerate()
        .flat_map(|(f, file)| file.articles.iter().map(move |a| (f, a)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Vec<(usize, Article, Analysis)>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(_, article)) = jobs.get(i) else {
                            break;
                        };
                        done.push((i, article.clone(), crate::analysis::analyse(article)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            results.push(handle.join().unwrap_or_default());
        }
    });
    let mut all: Vec<(usize, Article, Analysis)> = results.into_iter().flatten().collect();
    all.sort_by_key(|(i, ..)| *i);
    let mut by_file: Vec<Vec<(Article, Analysis)>> = files.iter().map(|_| Vec::new()).collect();
    for (i, article, analysis) in all {
        by_file[jobs[i].0].push((article, analysis));
    }
    by_file
}

/// The hook the loader asks before reading each file.
struct Known<'t, 's>(&'t RefCell<Tracker<'s>>);

impl KnownFiles for Known<'_, '_> {
    fn recall(&mut self, path: &Path, label: &str, meta: &fs::Metadata) -> Option<Loaded> {
        let mut tracker = self.0.borrow_mut();
        tracker.close_reading();
        let full = tracker.full_paths.of(path);
        tracker.seen.insert(fnv1a_64(full.as_bytes()));
        tracker
            .summary
            .walk
            .add(&full, super::store::Stamp::of(meta));
        if let Some(recalled) = tracker.store.recall(&full, label, meta)
            && recalled.current
        {
            tracker.summary.unchanged += 1;
            if tracker.gather_keys {
                let keys = (0..recalled.articles.len()).map(|i| article_key(&full, i));
                tracker.summary.keys.extend(keys);
            }
            return Some(Loaded {
                articles: recalled.articles.into_iter().map(|(a, _)| a).collect(),
                ..Loaded::default()
            });
        }
        // Read it (a file modified just now is hashed too, so that a change
        // within its clock's resolution is seen next time).
        tracker.reading = Some(Pending {
            file: NewFile::start(path, full, label, meta),
            articles: Vec::new(),
        });
        None
    }
}

/// Brings `store` up to date with the files under `inputs` (web addresses
/// are not cached here), analysing on `workers` threads; with `gather_keys`,
/// the summary has the collection's article keys; `progress` hears
/// how far it got after each batch. Problems with the files themselves are
/// kept with them (the reader shows them); `problem` gets each as found.
///
/// # Errors
/// The first problem writing the cache (the work done before it is kept).
pub fn update(
    inputs: &[Input],
    store: &mut ArticleStore,
    workers: usize,
    gather_keys: bool,
    progress: &Progress<'_>,
    problem: &mut dyn FnMut(&crate::loader::LoadError, bool),
) -> Result<Summary, CacheProblem> {
    // Past its limit the duplicate check's keys go to the cache's folder,
    // which is on disk where the system's temporary one may be in memory.
    let spill_folder = store.dir().parent().map(Path::to_path_buf);
    let full_paths = super::FullPaths::new(inputs);
    let folders: Vec<PathBuf> = full_paths.folders().map(Path::to_path_buf).collect();
    let tracker = RefCell::new(Tracker {
        store,
        full_paths,
        seen: foldhash::HashSet::default(),
        reading: None,
        pending: Vec::new(),
        pending_articles: 0,
        summary: Summary::default(),
        gather_keys,
        last_commit: Instant::now(),
        problem: None,
    });
    let mut dedup = Dedup::spilling(spill_folder);
    let mut known = Known(&tracker);
    crate::loader::inputs::load_inputs_known(
        inputs,
        None,
        &mut dedup,
        &mut known,
        &mut |part: Loaded| {
            for error in &part.skipped {
                problem(error, true);
            }
            for error in &part.warnings {
                problem(error, false);
            }
            let mut tracker = tracker.borrow_mut();
            tracker.take(part);
            if tracker.pending_articles >= BATCH_ARTICLES {
                tracker.flush(workers);
                progress(&tracker.summary);
            }
            ControlFlow::Continue(())
        },
    );
    let mut tracker = tracker.into_inner();
    tracker.close_reading();
    tracker.flush(workers);
    // Files kept from these folders that the walk no longer met are gone.
    for folder in &folders {
        let mut prefix = folder.to_string_lossy().into_owned();
        if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
            prefix.push(std::path::MAIN_SEPARATOR);
        }
        let seen = &tracker.seen;
        let gone = tracker
            .store
            .files_under(&prefix, |path| !seen.contains(&fnv1a_64(path.as_bytes())));
        for gone in gone {
            tracker.store.forget(&gone);
            tracker.summary.forgotten += 1;
        }
    }
    tracker.commit();
    progress(&tracker.summary);
    match tracker.problem {
        Some(problem) => Err(problem),
        None => Ok(tracker.summary),
    }
}
