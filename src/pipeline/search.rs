//! The reader's search across its collection (`:` and a query): tantivy
//! finds the matches, and this module tells which of them are this
//! collection's articles, ranked best first.
//!
//! Articles live in one of two indexes:
//! - the cache's ([`ReaderCache`]), shared by every collection: the articles
//!   of files, recalled or kept there once analysed. They are known by their
//!   key ([`crate::cache::store::article_key`]); the loader (recalled) and the
//!   indexer (kept) note which article of the collection each key is;
//! - a session index in memory, for the articles no file holds (web pages,
//!   feeds, standard input, the sample) and for every article when there is
//!   no writable cache. It is gone when lede quits.
//!
//! A search runs on its own thread ([`searcher_loop`]), so that the reader
//! keeps answering keys while a million articles are searched.

use super::{Event, ReaderCache};
use crate::cache::query::{self, QueryError};
use crate::cache::store::{ArticleStore, Reading, Stamp, article_key};
use crate::model::{Analysis, Article};
use foldhash::HashMap;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A search's outcome, for the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The query as typed.
    pub query: String,
    /// The matching articles, best first; or why the query could not be read.
    pub articles: Result<Vec<u32>, String>,
}

/// What a collection's search needs: where its articles are indexed, and
/// which article each key is.
pub struct CollectionSearch {
    cache: Option<Arc<ReaderCache>>,
    /// `None` when tantivy could not make one (then only cached files are searched).
    session: Option<Mutex<Session>>,
    keys: Mutex<Keys>,
}

/// The session's index and whether it holds articles not yet committed.
struct Session {
    store: ArticleStore,
    uncommitted: bool,
}

/// Which article of the collection each key is.
#[derive(Default)]
struct Keys {
    article: HashMap<u64, u32>,
    /// Per article: whether the cache holds it (it has a key).
    cached: Vec<bool>,
}

/// An article index as the list keeps it.
fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The path a session article is kept under (one "file" per article, so that
/// an article replaced by its full text replaces its document).
fn session_path(article: usize) -> String {
    format!("lede-session:{article}")
}

impl CollectionSearch {
    /// The search over `cache` (if any) and a session index.
    pub fn new(cache: Option<Arc<ReaderCache>>) -> CollectionSearch {
        let session = ArticleStore::in_memory().ok().map(|store| {
            Mutex::new(Session {
                store,
                uncommitted: false,
            })
        });
        CollectionSearch {
            cache,
            session,
            keys: Mutex::new(Keys::default()),
        }
    }

    /// The cache, if the reader has one.
    pub(super) fn cache(&self) -> Option<&Arc<ReaderCache>> {
        self.cache.as_ref()
    }

    /// Article `article` is the cache's article `key`.
    pub(super) fn note_cached(&self, article: usize, key: u64) {
        let mut keys = lock(&self.keys);
        keys.article.insert(key, as_u32(article));
        if keys.cached.len() <= article {
            keys.cached.resize(article + 1, false);
        }
        keys.cached[article] = true;
    }

    /// Whether the cache holds article `article`.
    pub(super) fn is_cached(&self, article: usize) -> bool {
        lock(&self.keys)
            .cached
            .get(article)
            .copied()
            .unwrap_or(false)
    }

    /// Keeps article `article` (not in the cache) in the session index.
    pub(super) fn keep_in_session(&self, article: usize, text: Article, analysis: &Analysis) {
        let Some(session) = &self.session else {
            return;
        };
        let path = session_path(article);
        let articles = [(text, analysis.clone())];
        let reading = Reading {
            path: &path,
            label: &path,
            stamp: Stamp {
                size: 0,
                modified: 0,
            },
            content_hash: 0,
            articles: &articles,
            skipped: &[],
            warnings: &[],
        };
        let mut session = lock(session);
        if session.store.put(&reading).is_ok() {
            session.uncommitted = true;
            lock(&self.keys)
                .article
                .insert(article_key(&path, 0), as_u32(article));
        }
    }

    /// The collection's articles matching `text`, best first.
    ///
    /// # Errors
    /// A query that cannot be read, in the reader's words.
    pub fn search(&self, text: &str) -> Result<Vec<u32>, QueryError> {
        let mut scored: Vec<(u64, f32)> = Vec::new();
        let mut session = self.session.as_ref().map(lock);
        if let Some(session) = &mut session
            && session.uncommitted
        {
            // Committing a small in-memory index takes a moment; a failure
            // leaves the articles out of this search only.
            let _ = session.store.commit();
            session.uncommitted = false;
        }
        let cache = self.cache.as_ref().map(|c| c.store());
        let parsed = match (&cache, &session) {
            (Some(store), _) => query::parse(store, text)?,
            (None, Some(session)) => query::parse(&session.store, text)?,
            (None, None) => return Err(QueryError("search is not available".to_string())),
        };
        if let Some(store) = &cache {
            scored.extend(store.every_match(parsed.as_ref()));
        }
        drop(cache);
        if let Some(session) = &session {
            scored.extend(session.store.every_match(parsed.as_ref()));
        }
        drop(session);
        let keys = lock(&self.keys);
        // The cache holds other collections' articles too: only this one's count.
        let mut found: Vec<(u32, f32)> = scored
            .into_iter()
            .filter_map(|(key, score)| keys.article.get(&key).map(|&a| (a, score)))
            .collect();
        drop(keys);
        found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut seen = vec![
            false;
            found
                .iter()
                .map(|(a, _)| *a as usize + 1)
                .max()
                .unwrap_or(0)
        ];
        Ok(found
            .into_iter()
            .filter(|(article, _)| !std::mem::replace(&mut seen[*article as usize], true))
            .map(|(article, _)| article)
            .collect())
    }
}

/// The search thread: runs each query it is sent (only the latest of those
/// waiting) and tells the reader what it found.
pub(super) fn searcher_loop(
    search: &CollectionSearch,
    queries: &Receiver<String>,
    events: &Sender<Event>,
) {
    while let Ok(mut text) = queries.recv() {
        // Queries typed while one ran: only the last one matters.
        while let Ok(newer) = queries.try_recv() {
            text = newer;
        }
        let articles = search.search(&text).map_err(|error| error.to_string());
        let found = Found {
            query: text,
            articles,
        };
        if events.send(Event::Found(found)).is_err() {
            return;
        }
    }
}
