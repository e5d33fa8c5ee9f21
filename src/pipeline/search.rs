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
//!
//! Articles for the session index are only queued as they are analysed, in
//! a packed form, and indexed by the first search that needs them: indexing
//! them as they came took time from the analysis and memory from a reader
//! that may never search (100,000 articles without a cache: done 14 s later,
//! 70 MB more; 20,000 articles are indexed in a few seconds).

use super::{Event, ReaderCache};
use crate::app::as_u32;
use crate::cache::SegmentArticles;
use crate::cache::every_match::{article_of, score_part};
use crate::cache::query::{self, QueryError};
use crate::cache::store::{ArticleStore, Committed, Reading, Stamp, article_key};
use crate::model::{Analysis, Article, Entity, EntityKind, Quote, Span};
use crate::store::StoredArticle;
use foldhash::HashMap;
use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

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
    /// Made when the first article needs it (a collection of files the
    /// cache holds never does); `None` until then, or when tantivy could not
    /// make one (then only cached files are searched).
    session: Mutex<Option<Session>>,
    /// Articles waiting for the session index.
    queue: Mutex<Queue>,
    keys: Mutex<Keys>,
    /// Whether each cached article's key is kept to tell which article a
    /// match is: not for a load that makes a snapshot and searches nothing
    /// (a million keys are about 36 MB).
    maps_keys: bool,
    /// Per [`Side`]: the generation of the keys they were made from, and
    /// each segment's documents' article numbers.
    tables: Mutex<[(u64, SegmentArticles); 2]>,
}

/// The session's index and whether it holds articles not yet committed.
struct Session {
    store: ArticleStore,
    uncommitted: bool,
}

/// Articles for the session index, in the order they came.
#[derive(Default)]
struct Queue {
    waiting: VecDeque<Waiting>,
    /// Articles queued so far, up to [`SESSION_ARTICLES`].
    queued: usize,
    /// Whether articles were left out for want of room.
    full: bool,
}

/// An article waiting for the session index: its number, its text, and what
/// of its analysis the index reads.
struct Waiting {
    article: usize,
    text: WaitingText,
    names: SearchedNames,
}

/// What of an article's analysis the search index reads (its entities' names,
/// aliases and kinds, and who speaks), packed while it waits: 20,000
/// analyses as they are would weigh more than the index.
struct SearchedNames {
    /// Each entity's name, then its aliases other than the name, one after the other.
    text: Box<str>,
    /// Where each of those ends in `text`.
    ends: Box<[u32]>,
    /// Per entity: its kind, its aliases' count, whether it said a quote.
    entities: Box<[(EntityKind, u32, bool)]>,
}

enum WaitingText {
    /// The reader's own copy, read when the article is indexed (an article
    /// the reader has let go since needs no indexing).
    Stored(Weak<StoredArticle>),
    Read(Box<Article>),
}

/// Articles the session's index in memory takes at most: without a cache a
/// big collection's index would cost the reader about as much memory again
/// as its text (measured at 100,000 articles: 766 MB instead of 482 MB).
pub const SESSION_ARTICLES: usize = 20_000;

/// Which article of the collection each key is.
#[derive(Default)]
struct Keys {
    article: HashMap<u64, u32>,
    /// Per article: whether the cache holds it (it has a key).
    cached: Vec<bool>,
    /// Above every article number noted.
    bound: usize,
    /// Changes with every key noted, per [`Side`]: the segments' article
    /// tables made before are stale.
    generation: [u64; 2],
}

/// The two indexes a collection's articles are in.
#[derive(Clone, Copy)]
enum Side {
    Cache = 0,
    Session = 1,
}

impl Keys {
    /// Article `article` is `key` in the index of `side`.
    fn note(&mut self, key: u64, article: usize, side: Side) {
        self.article.insert(key, as_u32(article));
        self.bound = self.bound.max(article + 1);
        self.generation[side as usize] += 1;
    }
}

impl Session {
    /// The index with everything put into it committed (a small in-memory
    /// index commits in a moment; a failure leaves the articles out of the
    /// next search only).
    fn committed_store(&mut self) -> &ArticleStore {
        if self.uncommitted {
            let _ = self.store.commit();
            self.uncommitted = false;
        }
        &self.store
    }
}

impl SearchedNames {
    fn of(analysis: &Analysis) -> SearchedNames {
        let mut speaks = vec![false; analysis.entities.len()];
        for speaker in analysis.quotes.iter().filter_map(|quote| quote.speaker) {
            if let Some(speaks) = speaks.get_mut(speaker) {
                *speaks = true;
            }
        }
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut entities = Vec::with_capacity(analysis.entities.len());
        for (entity, speaks) in analysis.entities.iter().zip(speaks) {
            let aliases = entity.aliases.iter().filter(|a| **a != entity.name);
            let mut count = 0;
            for name in std::iter::once(&entity.name).chain(aliases) {
                text.push_str(name);
                ends.push(as_u32(text.len()));
                count += 1;
            }
            entities.push((entity.kind, count - 1, speaks));
        }
        SearchedNames {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
            entities: entities.into_boxed_slice(),
        }
    }

    /// An analysis that the index reads as it would the article's own: its
    /// entities without mentions, and one quote for each speaker.
    fn analysis(&self) -> Analysis {
        let mut names = self.ends.iter().scan(0, |start, &end| {
            let name = self.text.get(*start..end as usize).unwrap_or_default();
            *start = end as usize;
            Some(name.to_string())
        });
        let mut analysis = Analysis::default();
        for (i, &(kind, aliases, speaks)) in self.entities.iter().enumerate() {
            let name = names.next().unwrap_or_default();
            let aliases = names.by_ref().take(aliases as usize).collect();
            analysis.entities.push(Entity {
                name,
                kind,
                aliases,
                mentions: Vec::new(),
            });
            if speaks {
                analysis.quotes.push(Quote {
                    span: Span::new(0, 0, 0),
                    speaker: Some(i),
                });
            }
        }
        analysis
    }
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
        CollectionSearch {
            cache,
            session: Mutex::new(None),
            queue: Mutex::default(),
            keys: Mutex::new(Keys::default()),
            maps_keys: true,
            tables: Mutex::default(),
        }
    }

    /// The search of a load that only makes the collection's snapshot: it
    /// knows which articles the cache holds, not which key each is.
    pub(super) fn unsearched(cache: Option<Arc<ReaderCache>>) -> CollectionSearch {
        CollectionSearch {
            maps_keys: false,
            ..CollectionSearch::new(cache)
        }
    }

    /// The search over every article `cache` holds, as a collection of all of
    /// them (numbered in no particular order): what a reader of the whole
    /// cache searches, for measuring.
    pub fn over_whole_cache(cache: Arc<ReaderCache>) -> CollectionSearch {
        let keys: Vec<u64> = cache
            .store()
            .every_match(&tantivy::query::AllQuery)
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        let search = CollectionSearch::new(Some(cache));
        for (article, key) in keys.into_iter().enumerate() {
            search.note_cached(article, key);
        }
        search
    }

    /// The cache, if the reader has one.
    pub(super) fn cache(&self) -> Option<&Arc<ReaderCache>> {
        self.cache.as_ref()
    }

    /// Article `article` is the cache's article `key`.
    pub(super) fn note_cached(&self, article: usize, key: u64) {
        let mut keys = lock(&self.keys);
        if self.maps_keys {
            keys.note(key, article, Side::Cache);
        }
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

    /// Queues article `article` (not in the cache) for the session index,
    /// to be read from the reader's copy `text`.
    pub(super) fn keep_in_session(
        &self,
        article: usize,
        text: &Arc<StoredArticle>,
        analysis: &Analysis,
    ) {
        self.queue(article, WaitingText::Stored(Arc::downgrade(text)), analysis);
    }

    /// Queues article `article` (not in the cache) for the session index, as read.
    pub(super) fn keep_read_in_session(&self, article: usize, text: Article, analysis: &Analysis) {
        self.queue(article, WaitingText::Read(Box::new(text)), analysis);
    }

    fn queue(&self, article: usize, text: WaitingText, analysis: &Analysis) {
        let mut queue = lock(&self.queue);
        if queue.queued >= SESSION_ARTICLES {
            queue.full = true;
            return;
        }
        queue.queued += 1;
        queue.waiting.push_back(Waiting {
            article,
            text,
            names: SearchedNames::of(analysis),
        });
    }

    /// Puts the queued articles into the session index, in the order they came.
    fn index_queued(&self) {
        let mut session = lock(&self.session);
        let waiting = std::mem::take(&mut lock(&self.queue).waiting);
        if waiting.is_empty() {
            return;
        }
        if session.is_none() {
            *session = ArticleStore::in_memory().ok().map(|store| Session {
                store,
                uncommitted: false,
            });
        }
        let Some(session) = session.as_mut() else {
            return;
        };
        for waiting in waiting {
            let text = match waiting.text {
                WaitingText::Stored(stored) => match stored.upgrade() {
                    Some(stored) => stored.to_article(),
                    None => continue,
                },
                WaitingText::Read(text) => *text,
            };
            let path = session_path(waiting.article);
            let articles = [(text, waiting.names.analysis())];
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
            if session.store.put(&reading).is_ok() {
                session.uncommitted = true;
                lock(&self.keys).note(article_key(&path, 0), waiting.article, Side::Session);
            }
        }
    }

    /// The collection's articles matching `text`, best first.
    ///
    /// # Errors
    /// A query that cannot be read, in the reader's words.
    pub fn search(&self, text: &str) -> Result<Vec<u32>, QueryError> {
        // The indexes as committed, taken under their locks, searched without
        // them: the loader and the indexer go on meanwhile.
        self.index_queued();
        let (parsed, cache, session) = {
            let mut guard = lock(&self.session);
            let session = guard.as_mut().map(Session::committed_store);
            let cache = self.cache.as_ref().map(|c| c.store());
            let parsed = match (&cache, &session) {
                (Some(store), _) => query::parse(store, text)?,
                (None, Some(store)) => query::parse(store, text)?,
                (None, None) => return Err(QueryError("search is not available".to_string())),
            };
            (
                parsed,
                cache.map(|store| store.committed()),
                session.map(ArticleStore::committed),
            )
        };
        let mut found: Vec<u64> = Vec::new();
        if let Some(index) = &cache {
            let articles = self.articles_of(index, Side::Cache);
            found.extend(index.matches_in(parsed.as_ref(), &articles));
        }
        if let Some(index) = &session {
            let articles = self.articles_of(index, Side::Session);
            found.extend(index.matches_in(parsed.as_ref(), &articles));
        }
        // Best first, by the score's half of each packed number (four passes
        // of the radix sort, not eight): matches with equal scores stay in
        // the order the index gave them.
        radsort::sort_by_key(&mut found, |&key| score_part(key));
        let mut seen = vec![false; self.articles_noted()];
        Ok(found
            .into_iter()
            .map(article_of)
            .filter(|&article| {
                seen.get_mut(article as usize)
                    .is_some_and(|seen| !std::mem::replace(seen, true))
            })
            .collect())
    }

    /// Whether the session's index left articles out (see [`SESSION_ARTICLES`]).
    fn session_full(&self) -> bool {
        lock(&self.queue).full
    }

    /// The keys' generations now (they change as articles are noted).
    fn generations(&self) -> [u64; 2] {
        lock(&self.keys).generation
    }

    /// Makes the segments' article tables ahead of a search, so that the first
    /// search after the collection is in does not wait for them.
    fn prepare(&self) {
        let cache = self.cache.as_ref().map(|c| c.store().committed());
        if let Some(index) = &cache {
            self.articles_of(index, Side::Cache);
        }
        let session = lock(&self.session)
            .as_mut()
            .map(|session| session.committed_store().committed());
        if let Some(index) = &session {
            self.articles_of(index, Side::Session);
        }
    }

    /// Articles noted so far (cached or in the session), an upper bound of their numbers.
    fn articles_noted(&self) -> usize {
        lock(&self.keys).bound
    }

    /// Each of `store`'s segments' documents' article numbers, made again for
    /// the segments new since the last search, or all of them when articles
    /// were noted since.
    fn articles_of(&self, index: &Committed, side: Side) -> SegmentArticles {
        let keys = lock(&self.keys);
        let generation = keys.generation[side as usize];
        let mut tables = lock(&self.tables);
        let table = &mut tables[side as usize];
        if table.0 != generation {
            *table = (generation, SegmentArticles::new());
        }
        let mut current = SegmentArticles::new();
        for (segment, documents, column) in index.segment_keys() {
            let articles = table.1.get(&segment).cloned().unwrap_or_else(|| {
                (0..documents)
                    .map(|doc| {
                        column
                            .first(doc)
                            .and_then(|key| keys.article.get(&key).copied())
                            .unwrap_or(u32::MAX)
                    })
                    .collect()
            });
            current.insert(segment, articles);
        }
        // Segments merged away are forgotten.
        table.1.clone_from(&current);
        current
    }
}

/// The search thread: runs each query it is sent (only the latest of those
/// waiting) and tells the reader what it found. While no query comes and
/// the collection has stopped changing, it makes the tables the next search
/// needs.
pub(super) fn searcher_loop(
    search: &CollectionSearch,
    queries: &Receiver<String>,
    events: &Sender<Event>,
) {
    /// How long the collection must stay as it is before the tables are made.
    const SETTLED: Duration = Duration::from_secs(1);
    let mut seen = search.generations();
    let mut prepared = None;
    loop {
        let mut text = match queries.recv_timeout(SETTLED) {
            Ok(text) => text,
            Err(RecvTimeoutError::Timeout) => {
                let now = search.generations();
                // A load for a snapshot alone searches nothing.
                if now == seen && prepared != Some(now) && search.maps_keys {
                    search.prepare();
                    prepared = Some(now);
                }
                seen = now;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Queries typed while one ran: only the last one matters.
        while let Ok(newer) = queries.try_recv() {
            text = newer;
        }
        let articles = search.search(&text).map_err(|error| error.to_string());
        let missing = articles.is_ok() && search.session_full();
        let found = Found {
            query: text,
            articles,
        };
        if events.send(Event::Found(found)).is_err() {
            return;
        }
        if missing {
            let _ = events.send(Event::Status(format!(
                "Searched the cache and the first {SESSION_ARTICLES} other articles only: \
                 without a writable cache the rest are not indexed."
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: vec![Span::new(0, 0, 1)],
        }
    }

    #[test]
    fn queued_names_give_back_what_the_index_reads() {
        let analysis = Analysis {
            entities: vec![
                entity("Ada Voss", EntityKind::Person, &["Ada Voss", "Voss"]),
                entity("Harbor Council", EntityKind::Organization, &[]),
                entity("Eastport", EntityKind::Place, &["Eastport"]),
            ],
            quotes: vec![
                Quote {
                    span: Span::new(1, 2, 9),
                    speaker: Some(0),
                },
                Quote {
                    span: Span::new(2, 0, 4),
                    speaker: None,
                },
                Quote {
                    span: Span::new(3, 0, 4),
                    speaker: Some(0),
                },
            ],
            evidence: Vec::new(),
        };
        let back = SearchedNames::of(&analysis).analysis();
        let names: Vec<(&str, EntityKind, Vec<&str>)> = back
            .entities
            .iter()
            .map(|e| {
                let aliases = e.aliases.iter().map(String::as_str).collect();
                (e.name.as_str(), e.kind, aliases)
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Ada Voss", EntityKind::Person, vec!["Voss"]),
                ("Harbor Council", EntityKind::Organization, vec![]),
                ("Eastport", EntityKind::Place, vec![]),
            ]
        );
        let speakers: Vec<&str> = back
            .quotes
            .iter()
            .filter_map(|q| back.speaker_name(q))
            .collect();
        assert_eq!(speakers, ["Ada Voss"], "each speaker once");
        assert!(back.entities.iter().all(|e| e.mentions.is_empty()));
    }

    #[test]
    fn queued_articles_are_found_by_the_first_search_and_left_out_past_the_limit() {
        let search = CollectionSearch::new(None);
        let analysis = Analysis {
            entities: vec![entity("Ada Voss", EntityKind::Person, &[])],
            ..Analysis::default()
        };
        let article = |title: &str| Article {
            title: title.to_string(),
            paragraphs: vec![format!("{title} by the pier.")],
            ..Article::default()
        };
        search.keep_read_in_session(0, article("Gulls"), &analysis);
        search.keep_read_in_session(1, article("Terns"), &Analysis::default());
        let mut found = search.search("pier").expect("pier");
        found.sort_unstable();
        assert_eq!(found, [0, 1]);
        assert_eq!(search.search("entity:voss").expect("entity"), [0]);
        assert!(!search.session_full());
        lock(&search.queue).queued = SESSION_ARTICLES;
        search.keep_read_in_session(2, article("Skuas"), &analysis);
        assert!(search.session_full());
        assert_eq!(search.search("skuas").expect("skuas"), Vec::<u32>::new());
    }
}
