//! The article index: a tantivy index, shared by every collection, with one
//! document per source file lede has read and one per article in it.
//!
//! - A **file document** holds the file's full path, its size and
//!   modification time when read, a hash of its bytes, the analysis revision,
//!   and the problems reading it gave. It is how a file is recognised as
//!   unchanged without reading it ([`ArticleStore::recall`]).
//! - An **article document** holds the article and its analysis (stored,
//!   compressed by tantivy), and indexes its title, body, source, link, the
//!   names it mentions with their kinds, its quotes' speakers and its date,
//!   for [`ArticleStore::search`].
//!
//! Every write goes through tantivy's single writer and becomes visible at a
//! commit, which tantivy makes atomic: a lede killed while indexing leaves the
//! last commit whole. A second lede finds the writer's lock taken and only
//! reads. An index that does not open is set aside (renamed
//! `articles.damaged-<unix time>`) and built anew.

use super::CacheProblem;
use super::merging;
use crate::model::{Analysis, Article, EntityKind, KindEvidence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{
    DateTime, DocAddress, Executor, Index, IndexReader, IndexWriter, TantivyDocument, Term,
};

/// What the analysis of this build gives: articles cached with another
/// revision are shown as they were and analysed again. The hash test in
/// `cache/tests.rs` fails when the analysis output changes, as a reminder to
/// raise it.
pub const ANALYSIS_REVISION: u64 = 94;

/// How the stored articles are kept: zstd in blocks of 64 KiB, not
/// tantivy's lz4 in 16 KiB, as neighbouring articles share much of their
/// words. On 100,000 generated articles this stores them in 98 MB instead of
/// 189 MB (lz4 in 64 KiB blocks: 135 MB), for about 0.1 ms more to read one
/// back. An index made with other settings keeps them.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 64 * 1024,
        ..tantivy::IndexSettings::default()
    }
}

/// Memory the writer may use before it writes a segment (tantivy's minimum is 15 MB).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// A file modified this close to the time it was read may have changed again
/// within its modification time's resolution: it is checked by its bytes.
pub(crate) const RACY_NANOS: i128 = 2_000_000_000;

/// The index's fields.
#[derive(Clone, Copy)]
struct Fields {
    /// The source file's full path (both kinds of document).
    file: Field,
    /// `file` or `article`.
    role: Field,
    /// The article's place in its file (0, 1, ...).
    ordinal: Field,
    /// A number for the article (path and ordinal hashed): search hits are
    /// told by it without reading the stored document.
    key: Field,
    title: Field,
    body: Field,
    /// The body's word pairs ([`super::pairs`]), for two-word phrases.
    pairs: Field,
    /// The title's and the names' word pairs, likewise (each name's own: no
    /// pair runs from one name into the next).
    title_pairs: Field,
    entity_pairs: Field,
    source: Field,
    url: Field,
    entity: Field,
    kind: Field,
    speaker: Field,
    date: Field,
    /// The stored record: a [`FileRecord`] or an [`ArticleRecord`].
    record: Field,
}

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        // Counts without positions: a pair is matched whole.
        let pairs = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(super::pairs::PAIRS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            file: builder.add_text_field("file", STRING | STORED),
            role: builder.add_text_field("role", STRING),
            ordinal: builder.add_u64_field("ordinal", STORED),
            key: builder.add_u64_field("key", INDEXED | FAST | STORED),
            title: builder.add_text_field("title", TEXT),
            body: builder.add_text_field("body", TEXT),
            pairs: builder.add_text_field("pairs", pairs.clone()),
            title_pairs: builder.add_text_field("title_pairs", pairs.clone()),
            entity_pairs: builder.add_text_field("entity_pairs", pairs),
            source: builder.add_text_field("source", TEXT),
            url: builder.add_text_field("url", TEXT),
            entity: builder.add_text_field("entity", TEXT),
            kind: builder.add_text_field("kind", STRING),
            speaker: builder.add_text_field("speaker", TEXT),
            date: builder.add_date_field("date", INDEXED | FAST),
            record: builder.add_bytes_field("record", STORED),
        };
        (builder.build(), fields)
    }
}

/// A source file as it was when read: recognised by these without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: i128,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .map_or(0, |time| match time.duration_since(UNIX_EPOCH) {
                Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
                Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
            });
        Stamp {
            size: meta.len(),
            modified,
        }
    }
}

/// The file document's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileRecord {
    /// The path as the collection that read it named it (articles' ids and
    /// `source_path` start with it).
    label: String,
    stamp: Stamp,
    /// When it was read, nanoseconds since 1970.
    read_at: i128,
    /// FNV-1a of its bytes, checked when the stamp alone cannot be trusted.
    content_hash: u64,
    revision: u64,
    articles: u32,
    skipped: Vec<String>,
    warnings: Vec<String>,
}

/// The article document's record: the article and its analysis, field by
/// field (postcard, a format without field names, needs every field written).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ArticleRecord {
    id: String,
    source_path: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    url: Option<String>,
    author: Option<String>,
    paragraphs: Vec<String>,
    removed: Vec<String>,
    guid: Option<String>,
    analysis: Analysis,
    /// [`Analysis::evidence`], which the dump does not carry: each entity's
    /// cues (its name's own among them are worked out again when read: a
    /// record keeps the shape older caches wrote, so that they are read and
    /// shown while they are analysed again).
    evidence: Vec<[u16; 4]>,
}

impl ArticleRecord {
    fn new(article: &Article, analysis: &Analysis) -> ArticleRecord {
        ArticleRecord {
            id: article.id.clone(),
            source_path: article.source_path.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            date: article.date.clone(),
            url: article.url.clone(),
            author: article.author.clone(),
            paragraphs: article.paragraphs.clone(),
            removed: article.removed.clone(),
            guid: article.guid.clone(),
            analysis: analysis.clone(),
            evidence: analysis.evidence.iter().map(|e| e.cues).collect(),
        }
    }

    fn into_parts(self) -> (Article, Analysis) {
        let mut analysis = self.analysis;
        analysis.evidence = self
            .evidence
            .into_iter()
            .zip(&analysis.entities)
            .map(|(cues, entity)| KindEvidence {
                cues,
                own: crate::analysis::kinds::name_evidence(entity),
            })
            .collect();
        let article = Article {
            id: self.id,
            source_path: self.source_path,
            title: self.title,
            source: self.source,
            date: self.date,
            url: self.url,
            author: self.author,
            paragraphs: self.paragraphs,
            removed: self.removed,
            guid: self.guid,
        };
        (article, analysis)
    }
}

/// What reading a file gave, as the cache remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    /// The articles, labelled with the path as named now, each with its analysis.
    pub articles: Vec<(Article, Analysis)>,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    /// Whether the analyses are of this build's revision (else they are to
    /// be shown and made again).
    pub current: bool,
}

/// What a file gave when read, to be kept.
pub struct Reading<'a> {
    /// The file's full path (canonical).
    pub path: &'a str,
    /// The path as the collection names it.
    pub label: &'a str,
    pub stamp: Stamp,
    pub content_hash: u64,
    pub articles: &'a [(Article, Analysis)],
    pub skipped: &'a [String],
    pub warnings: &'a [String],
}

/// A file the cache did not know, as it is read: what to keep of it with
/// its articles once they are analysed ([`NewFile::reading`]).
#[derive(Debug, Clone)]
pub struct NewFile {
    /// The file's full path (canonical).
    pub path: String,
    /// The path as the collection names it.
    pub label: String,
    stamp: Stamp,
    content_hash: u64,
    skipped: Vec<String>,
    warnings: Vec<String>,
}

impl NewFile {
    /// The file at `path` (full path `full`, named `label`), about to be read.
    pub fn start(path: &Path, full: String, label: &str, meta: &fs::Metadata) -> NewFile {
        NewFile {
            path: full,
            label: label.to_string(),
            stamp: Stamp::of(meta),
            content_hash: content_hash_if_racy(path, meta),
            skipped: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Takes the problems of a part of the load that are this file's.
    pub fn note_problems(
        &mut self,
        skipped: &[crate::loader::LoadError],
        warnings: &[crate::loader::LoadError],
    ) {
        let ours = |e: &&crate::loader::LoadError| e.path.starts_with(&self.label);
        let skipped: Vec<String> = skipped
            .iter()
            .filter(ours)
            .map(ToString::to_string)
            .collect();
        let warnings: Vec<String> = warnings
            .iter()
            .filter(ours)
            .map(ToString::to_string)
            .collect();
        self.skipped.extend(skipped);
        self.warnings.extend(warnings);
    }

    /// The file with its articles, analysed, for [`ArticleStore::put`].
    pub fn reading<'a>(&'a self, articles: &'a [(Article, Analysis)]) -> Reading<'a> {
        Reading {
            path: &self.path,
            label: &self.label,
            stamp: self.stamp,
            content_hash: self.content_hash,
            articles,
            skipped: &self.skipped,
            warnings: &self.warnings,
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub score: f32,
    /// The article's number ([`article_key`]).
    pub key: u64,
    address: DocAddress,
}

/// The cache's article index, open for reading and (when this process holds
/// its lock) writing.
pub struct ArticleStore {
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    /// Whether each article's record (its text and analysis) is stored: not
    /// in a session's index in memory, whose reader holds the articles
    /// already (it would double the reader's memory without a cache).
    records: bool,
    dir: PathBuf,
    /// What runs a reader's search: over the segments on every core (a
    /// phrase over a million articles reads a few hundred megabytes of
    /// positions). The index's own lookups (a file's documents, one at a
    /// time as the loader meets files) stay on the caller's thread.
    searching: Arc<Executor>,
    /// The files put since the last commit, by their full paths hashed:
    /// with the committed index, whether a file put again has documents to
    /// delete ([`ArticleStore::put`]).
    put_since_commit: foldhash::HashSet<u64>,
}

/// A search's threads: one for each core, or none (the caller's) when
/// there is one core or no thread can be had.
fn searching_executor() -> Arc<Executor> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let executor = if cores > 1 {
        Executor::multi_thread(cores, "lede-search-").unwrap_or_else(|_| Executor::single_thread())
    } else {
        Executor::single_thread()
    };
    Arc::new(executor)
}

/// `query` searched with `collector` on `executor`, scored.
fn search_on<C: tantivy::collector::Collector>(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    collector: &C,
    executor: &Executor,
) -> tantivy::Result<C::Fruit> {
    let scoring = tantivy::query::EnableScoring::enabled_from_searcher(searcher);
    searcher.search_with_executor(query, collector, executor, scoring)
}

/// The number an article is known by in the index: its file's full path and
/// its place in the file, hashed.
pub fn article_key(path: &str, ordinal: usize) -> u64 {
    let mut bytes = Vec::with_capacity(path.len() + 9);
    bytes.extend_from_slice(path.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(&(ordinal as u64).to_le_bytes());
    fnv1a_64(&bytes)
}

/// What to keep of a file's bytes when it is read now: their hash when the
/// file was modified too recently for its time to tell a later change
/// ([`RACY_NANOS`]), else nothing (0), as it will never be asked for.
pub fn content_hash_if_racy(path: &Path, meta: &fs::Metadata) -> u64 {
    if now_nanos() - Stamp::of(meta).modified >= RACY_NANOS {
        return 0;
    }
    fs::read(path).map_or(0, |bytes| fnv1a_64(&bytes))
}

/// FNV-1a, 64 bits: a stable hash (the same in every build and process).
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

pub(crate) fn now_nanos() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

fn tantivy_problem(what: &str, error: &tantivy::TantivyError) -> CacheProblem {
    CacheProblem(format!("cache: {what}: {error}"))
}

/// Decompressed blocks of stored articles each segment's reader keeps: the
/// articles are read file by file, and a file's are side by side, so a few
/// do; tantivy's 100 held 60-90 MB of a load's peak (64 KiB of zstd each).
const DOC_STORE_CACHE_BLOCKS: usize = 8;

/// A reader of `index` that sees what is committed when told to
/// ([`ArticleStore::commit`] reloads it); `what` names the index in the problem.
fn reader_of(index: &Index, what: &str) -> Result<IndexReader, CacheProblem> {
    index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
        .try_into()
        .map_err(|error| tantivy_problem(&format!("{what} does not read"), &error))
}

impl ArticleStore {
    /// Opens (or creates) the index in `dir`, for writing when `write` is
    /// asked and no other lede is writing it. Returns the store, if any, and
    /// what to tell the reader about it: read only, set aside, or not usable.
    pub fn open(dir: &Path, write: bool) -> (Option<ArticleStore>, Option<CacheProblem>) {
        match Self::try_open(dir) {
            Ok(store) => store.with_writer(write),
            Err(first) => {
                // A damaged index: set it aside for a look, and start anew.
                let aside = dir.with_file_name(format!(
                    "{}.damaged-{}",
                    dir.file_name()
                        .map_or("articles".into(), |n| n.to_string_lossy()),
                    now_nanos() / 1_000_000_000
                ));
                if !dir.exists() || fs::rename(dir, &aside).is_err() {
                    return (None, Some(first));
                }
                let note = CacheProblem(format!(
                    "{first}; set aside as {} and built anew",
                    aside.display()
                ));
                match Self::try_open(dir) {
                    Ok(store) => {
                        let (store, problem) = store.with_writer(write);
                        (store, Some(problem.unwrap_or(note)))
                    }
                    Err(second) => (None, Some(second)),
                }
            }
        }
    }

    fn try_open(dir: &Path) -> Result<ArticleStore, CacheProblem> {
        fs::create_dir_all(dir).map_err(|error| {
            CacheProblem(format!(
                "cache: cannot make {}: {}",
                dir.display(),
                crate::loader::io_reason(&error)
            ))
        })?;
        let (schema, fields) = Fields::schema();
        let directory = super::directory::IndexDirectory::open(dir).map_err(|error| {
            CacheProblem(format!("cache: cannot open {}: {error}", dir.display()))
        })?;
        let index = Index::builder()
            .schema(schema.clone())
            .settings(index_settings())
            .open_or_create(directory)
            .map_err(|error| tantivy_problem("the article index does not open", &error))?;
        if index.schema() != schema {
            return Err(CacheProblem(
                "cache: the article index is of another version".to_string(),
            ));
        }
        register_tokenizers(&index);
        let reader = reader_of(&index, "the article index")?;
        Ok(ArticleStore {
            index,
            reader,
            writer: None,
            fields,
            records: true,
            dir: dir.to_path_buf(),
            searching: searching_executor(),
            put_since_commit: foldhash::HashSet::default(),
        })
    }

    fn with_writer(mut self, write: bool) -> (Option<ArticleStore>, Option<CacheProblem>) {
        if !write {
            return (Some(self), None);
        }
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(1)
            .memory_budget_per_thread(WRITER_MEMORY)
            .num_merge_threads(merging::MERGE_THREADS)
            .build();
        // The writer has an index of its own on the same folder, nothing of
        // it mapped (see `directory`): its merges read every segment once.
        let writing = match self.writing_index() {
            Ok(index) => index,
            Err(problem) => return (Some(self), Some(problem)),
        };
        match writing.writer_with_options(options) {
            Ok(writer) => {
                writer.set_merge_policy(Box::new(merging::BoundedMerges::new(
                    merging::MAX_MERGED_DOCS,
                )));
                self.writer = Some(writer);
                // What another lede committed before the lock was ours: `put`
                // asks the reader whether a file has documents to delete.
                match self.read_back() {
                    Ok(()) => (Some(self), None),
                    Err(problem) => (Some(self), Some(problem)),
                }
            }
            Err(tantivy::TantivyError::LockFailure(..)) => (
                Some(self),
                Some(CacheProblem(
                    "cache: another lede is writing it; only reading it".to_string(),
                )),
            ),
            Err(error) => (
                Some(self),
                Some(tantivy_problem("cannot write; only reading it", &error)),
            ),
        }
    }

    /// The index as the writer opens it: the same folder, read by call.
    fn writing_index(&self) -> Result<Index, CacheProblem> {
        let directory =
            super::directory::IndexDirectory::for_writer(&self.dir).map_err(|error| {
                CacheProblem(format!(
                    "cache: cannot write; only reading it: {}: {error}",
                    self.dir.display()
                ))
            })?;
        let index = Index::open(directory)
            .map_err(|error| tantivy_problem("cannot write; only reading it", &error))?;
        register_tokenizers(&index);
        Ok(index)
    }

    /// A store in memory only, for the articles of one session that no file
    /// holds (web pages, feeds, standard input) or for a reader without a
    /// cache: searchable like the cache, gone when lede quits. It keeps no
    /// article records ([`ArticleStore::article`] finds nothing): the reader
    /// holds the articles.
    ///
    /// # Errors
    /// When tantivy cannot make its writer (no thread, say).
    pub fn in_memory() -> Result<ArticleStore, CacheProblem> {
        /// tantivy's smallest writer budget: a session's articles are few.
        const SESSION_MEMORY: usize = 15_000_000;
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let reader = reader_of(&index, "the session index")?;
        let writer = index
            .writer_with_num_threads(1, SESSION_MEMORY)
            .map_err(|error| tantivy_problem("the session index cannot be written", &error))?;
        Ok(ArticleStore {
            index,
            reader,
            writer: Some(writer),
            fields,
            records: false,
            dir: PathBuf::new(),
            searching: Arc::new(Executor::single_thread()),
            put_since_commit: foldhash::HashSet::default(),
        })
    }

    /// Whether this process may write the index.
    pub fn writable(&self) -> bool {
        self.writer.is_some()
    }

    /// The folder the index is in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file_term(&self, path: &str) -> Term {
        Term::from_field_text(self.fields.file, path)
    }

    /// The documents of `path`'s file as last committed.
    fn documents_of(&self, path: &str) -> Vec<TantivyDocument> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(self.file_term(path), IndexRecordOption::Basic);
        // Every document of the file, in no order (the articles carry their
        // ordinals): a set, not a ranked top-N sized for the largest file.
        let Ok(addresses) = searcher.search(&query, &DocSetCollector) else {
            return Vec::new();
        };
        addresses
            .into_iter()
            .filter_map(|address| searcher.doc::<TantivyDocument>(address).ok())
            .collect()
    }

    fn record<'d>(&self, doc: &'d TantivyDocument) -> Option<&'d [u8]> {
        doc.get_first(self.fields.record).and_then(|v| v.as_bytes())
    }

    /// What reading `path` (a full path) gave last time, when the file has not
    /// changed since: its size and modification time are as they were (and,
    /// for a file modified just before it was read, its bytes too). `label`
    /// is the path as the collection names it now; `None` to read the file.
    pub fn recall(&self, path: &str, label: &str, meta: &fs::Metadata) -> Option<Recalled> {
        self.recall_stamped(path, label, Stamp::of(meta))
    }

    /// [`ArticleStore::recall`] for a file whose stamp was taken already.
    pub fn recall_stamped(&self, path: &str, label: &str, stamp: Stamp) -> Option<Recalled> {
        self.recall_kept(path, label, stamp, true)
    }

    /// What was kept for the file at `path` when it had `stamp`, whatever
    /// the file holds now: what a file changed since its collection's
    /// snapshot gave then, to be taken out of the snapshot's index. With
    /// `current`, only if the file still holds it (a racy stamp is checked
    /// by the file's bytes).
    pub fn recall_kept(
        &self,
        path: &str,
        label: &str,
        stamp: Stamp,
        current: bool,
    ) -> Option<Recalled> {
        let docs = self.documents_of(path);
        let mut file: Option<FileRecord> = None;
        let mut articles: Vec<(u64, ArticleRecord)> = Vec::new();
        for doc in &docs {
            let bytes = self.record(doc)?;
            match doc.get_first(self.fields.ordinal).and_then(|v| v.as_u64()) {
                Some(ordinal) => articles.push((ordinal, postcard::from_bytes(bytes).ok()?)),
                None => file = Some(postcard::from_bytes(bytes).ok()?),
            }
        }
        let file = file?;
        if file.stamp != stamp || articles.len() != file.articles as usize {
            return None;
        }
        if current
            && file.read_at - stamp.modified < RACY_NANOS
            && fs::read(path).map_or(true, |bytes| fnv1a_64(&bytes) != file.content_hash)
        {
            return None;
        }
        articles.sort_by_key(|(ordinal, _)| *ordinal);
        let relabel = |text: String| match text.strip_prefix(&file.label) {
            Some(rest) if file.label != label => format!("{label}{rest}"),
            _ => text,
        };
        let articles = articles
            .into_iter()
            .map(|(_, record)| {
                let (mut article, analysis) = record.into_parts();
                article.id = relabel(article.id);
                article.source_path = relabel(article.source_path);
                (article, analysis)
            })
            .collect();
        Some(Recalled {
            articles,
            skipped: file.skipped.into_iter().map(relabel).collect(),
            warnings: file.warnings.into_iter().map(relabel).collect(),
            current: file.revision == ANALYSIS_REVISION,
        })
    }

    /// Keeps what reading a file gave, in place of what was kept before; seen
    /// by readers after the next [`ArticleStore::commit`]. Nothing happens
    /// when the store is read only.
    pub fn put(&mut self, reading: &Reading<'_>) -> Result<(), CacheProblem> {
        let fields = self.fields;
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        // Only a file kept before has documents to delete. tantivy kept
        // every delete of a first build to its end (12.8 MB of them at
        // 100,000 files, none matching anything).
        let term = Term::from_field_text(fields.file, reading.path);
        let put_before = !self
            .put_since_commit
            .insert(fnv1a_64(reading.path.as_bytes()));
        if put_before
            || self
                .reader
                .searcher()
                .doc_freq(&term)
                .map_or(true, |n| n > 0)
        {
            writer.delete_term(term);
        }
        let file = FileRecord {
            label: reading.label.to_string(),
            stamp: reading.stamp,
            read_at: now_nanos(),
            content_hash: reading.content_hash,
            revision: ANALYSIS_REVISION,
            articles: u32::try_from(reading.articles.len()).unwrap_or(u32::MAX),
            skipped: reading.skipped.to_vec(),
            warnings: reading.warnings.to_vec(),
        };
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.file, reading.path);
        doc.add_text(fields.role, "file");
        doc.add_bytes(fields.record, &encode(&file)?);
        add(writer, doc)?;
        for (ordinal, (article, analysis)) in reading.articles.iter().enumerate() {
            let doc = article_document(
                fields,
                reading.path,
                ordinal,
                article,
                analysis,
                self.records,
            )?;
            add(writer, doc)?;
        }
        Ok(())
    }

    /// Forgets a file that is gone.
    pub fn forget(&mut self, path: &str) {
        if let Some(writer) = &self.writer {
            writer.delete_term(self.file_term(path));
        }
    }

    /// Points the reader at what is committed now. The writer's index is
    /// another than the reader's (see `writing_index`), whose files a merge's
    /// clean-up does not know are in use. tantivy's lock on the list of
    /// segments keeps a reload and a clean-up apart (on a local disk); where
    /// that lock is weaker, a file gone between the reader's look at the list
    /// and its opening of them makes it look again.
    fn read_back(&self) -> Result<(), CacheProblem> {
        const TRIES: usize = 3;
        let mut tries = 1;
        loop {
            match self.reader.reload() {
                Ok(()) => return Ok(()),
                Err(tantivy::TantivyError::OpenReadError(_)) if tries < TRIES => tries += 1,
                Err(error) => return Err(tantivy_problem("cannot read back", &error)),
            }
        }
    }

    /// Makes what was put since the last commit permanent and visible.
    pub fn commit(&mut self) -> Result<(), CacheProblem> {
        if let Some(writer) = &mut self.writer {
            writer
                .commit()
                .map_err(|error| tantivy_problem("cannot save", &error))?;
        }
        self.read_back()?;
        // Seen by the reader now.
        self.put_since_commit.clear();
        Ok(())
    }

    /// Rewrites the segments where changed and forgotten files left many
    /// deleted documents, which every search still steps over (a collection
    /// re-analysed whole leaves every old document deleted); `lede index`
    /// does it at its end. Returns whether anything was rewritten.
    ///
    /// # Errors
    /// When tantivy cannot merge (the cache stays as committed).
    pub fn compact(&mut self) -> Result<bool, CacheProblem> {
        /// Share of deleted documents above which a segment is rewritten.
        const DELETED_SHARE: u64 = 3; // in tenths
        let Some(writer) = &mut self.writer else {
            return Ok(false);
        };
        let searcher = self.reader.searcher();
        let dirty: Vec<(tantivy::index::SegmentId, u32)> = searcher
            .segment_readers()
            .iter()
            .filter(|s| {
                u64::from(s.num_deleted_docs()) * 10 > u64::from(s.max_doc()) * DELETED_SHARE
            })
            .map(|s| (s.segment_id(), s.max_doc()))
            .collect();
        drop(searcher);
        if dirty.is_empty() {
            return Ok(false);
        }
        // One bounded merge after another, as the merge policy's; a group
        // that cannot be merged (a merge of the policy's took a segment of
        // it) leaves the others to go on.
        let mut failed = None;
        for group in merging::compaction_groups(&dirty, merging::MAX_MERGED_DOCS) {
            if let Err(error) = writer.merge(&group).wait() {
                failed.get_or_insert_with(|| tantivy_problem("cannot compact", &error));
            }
        }
        self.read_back()?;
        failed.map_or(Ok(true), Err)
    }

    /// Lets the merges of segments started by the last commits finish, and
    /// gives up writing (`lede index` at its end: a writer dropped abandons
    /// them, so that how many segments a first build left, and the cache's
    /// size, depended on when it ended: 11 segments and 462 MB at 100,000
    /// files one time, 248 MB merged another).
    ///
    /// # Errors
    /// When a merge failed (what was committed stays).
    pub fn finish_merges(&mut self) -> Result<(), CacheProblem> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        writer
            .wait_merging_threads()
            .map_err(|error| tantivy_problem("cannot merge", &error))
    }

    /// The full paths of the files kept whose path starts with `prefix`,
    /// those `wanted` takes (a million paths would otherwise all be held at
    /// once to find the few gone).
    pub fn files_under(&self, prefix: &str, wanted: impl Fn(&str) -> bool) -> BTreeSet<String> {
        let searcher = self.reader.searcher();
        let mut files = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let Ok(terms) = segment.inverted_index(self.fields.file) else {
                continue;
            };
            let alive = segment.alive_bitset();
            let Ok(mut stream) = terms.terms().range().ge(prefix.as_bytes()).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(path) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !path.starts_with(prefix) {
                    break;
                }
                if !wanted(path) {
                    continue;
                }
                // Terms of deleted documents stay until segments merge.
                let live = terms
                    .read_postings(
                        &Term::from_field_text(self.fields.file, path),
                        IndexRecordOption::Basic,
                    )
                    .ok()
                    .flatten()
                    .is_some_and(|mut postings| {
                        use tantivy::DocSet;
                        let mut doc = postings.doc();
                        while doc != tantivy::TERMINATED {
                            if alive.is_none_or(|a| a.is_alive(doc)) {
                                return true;
                            }
                            doc = postings.advance();
                        }
                        false
                    });
                if live {
                    files.insert(path.to_string());
                }
            }
        }
        files
    }

    /// Articles kept in all.
    pub fn article_count(&self) -> usize {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.role, "article"),
            IndexRecordOption::Basic,
        );
        searcher.search(&query, &Count).unwrap_or(0)
    }

    /// The articles matching `query`, best first, at most `limit`, and how
    /// many match in all.
    pub fn search(&self, query: &dyn Query, limit: usize) -> (Vec<Hit>, usize) {
        let searcher = self.reader.searcher();
        // The top-documents collector makes room for `limit` at once: a small
        // limit is collected with the count in one pass, a big one (every
        // match, to narrow to a collection) after counting.
        const ONE_PASS: usize = 10_000;
        let (top, count) = if limit <= ONE_PASS {
            let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
            match search_on(&searcher, query, &collector, &self.searching) {
                Ok(found) => found,
                Err(_) => return (Vec::new(), 0),
            }
        } else {
            let Ok(count) = search_on(&searcher, query, &Count, &self.searching) else {
                return (Vec::new(), 0);
            };
            if count == 0 {
                return (Vec::new(), 0);
            }
            let collector = TopDocs::with_limit(limit.min(count)).order_by_score();
            match search_on(&searcher, query, &collector, &self.searching) {
                Ok(top) => (top, count),
                Err(_) => return (Vec::new(), 0),
            }
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let key = segment
                .fast_fields()
                .u64("key")
                .ok()
                .and_then(|column| column.first(address.doc_id));
            if let Some(key) = key {
                hits.push(Hit {
                    score,
                    key,
                    address,
                });
            }
        }
        (hits, count)
    }

    /// Every article matching `query` as (key, score), in no order: for
    /// narrowing a collection, whose articles the caller picks out by key.
    pub fn every_match(&self, query: &dyn Query) -> Vec<(u64, f32)> {
        let searcher = self.reader.searcher();
        search_on(
            &searcher,
            query,
            &super::every_match::EveryMatch,
            &self.searching,
        )
        .unwrap_or_default()
    }

    /// The index as last committed, to search without holding the store
    /// (its writer may go on meanwhile).
    pub fn committed(&self) -> Committed {
        Committed(self.reader.searcher(), Arc::clone(&self.searching))
    }

    /// The article (and its analysis) a hit found.
    pub fn article(&self, hit: &Hit) -> Option<(Article, Analysis)> {
        let doc: TantivyDocument = self.reader.searcher().doc(hit.address).ok()?;
        let record: ArticleRecord = postcard::from_bytes(self.record(&doc)?).ok()?;
        Some(record.into_parts())
    }

    /// The index, for the query parser.
    pub(super) fn index(&self) -> &Index {
        &self.index
    }

    /// The searchable fields by the names queries use.
    pub(super) fn field(&self, name: &str) -> Option<Field> {
        let f = self.fields;
        Some(match name {
            "title" => f.title,
            "body" => f.body,
            "pairs" => f.pairs,
            "title_pairs" => f.title_pairs,
            "entity_pairs" => f.entity_pairs,
            "source" => f.source,
            "url" => f.url,
            "entity" => f.entity,
            "kind" => f.kind,
            "speaker" => f.speaker,
            "date" => f.date,
            _ => return None,
        })
    }
}

/// Gives `index` the tokenizers of lede's own that its fields name.
fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(super::pairs::PAIRS, super::pairs::PairsTokenizer::default());
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CacheProblem> {
    postcard::to_stdvec(value)
        .map_err(|error| CacheProblem(format!("cache: cannot encode: {error}")))
}

fn add(writer: &IndexWriter, doc: TantivyDocument) -> Result<(), CacheProblem> {
    writer
        .add_document(doc)
        .map(drop)
        .map_err(|error| tantivy_problem("cannot add an article", &error))
}

/// An article's document: what is searched, and the record.
fn article_document(
    fields: Fields,
    path: &str,
    ordinal: usize,
    article: &Article,
    analysis: &Analysis,
    record: bool,
) -> Result<TantivyDocument, CacheProblem> {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.file, path);
    doc.add_text(fields.role, "article");
    doc.add_u64(fields.ordinal, ordinal as u64);
    doc.add_u64(fields.key, article_key(path, ordinal));
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.title_pairs, &article.title);
    for paragraph in &article.paragraphs {
        doc.add_text(fields.body, paragraph);
        doc.add_text(fields.pairs, paragraph);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    let mut kinds: BTreeSet<EntityKind> = BTreeSet::new();
    for entity in &analysis.entities {
        doc.add_text(fields.entity, &entity.name);
        doc.add_text(fields.entity_pairs, &entity.name);
        for alias in entity.aliases.iter().filter(|a| **a != entity.name) {
            doc.add_text(fields.entity, alias);
            doc.add_text(fields.entity_pairs, alias);
        }
        kinds.insert(entity.kind);
    }
    for kind in kinds {
        doc.add_text(fields.kind, kind.as_str());
    }
    let speakers: BTreeSet<&str> = analysis
        .quotes
        .iter()
        .filter_map(|q| analysis.speaker_name(q))
        .collect();
    for speaker in speakers {
        doc.add_text(fields.speaker, speaker);
    }
    if let Some(seconds) = crate::date::sort_key(article.date.as_deref()) {
        doc.add_date(fields.date, DateTime::from_timestamp_secs(seconds));
    }
    if record {
        doc.add_bytes(
            fields.record,
            &encode(&ArticleRecord::new(article, analysis))?,
        );
    }
    Ok(doc)
}

/// The article index as committed when it was taken ([`ArticleStore::committed`]).
pub struct Committed(tantivy::Searcher, Arc<Executor>);

impl Committed {
    /// Each segment: its id, its number of documents and its documents'
    /// article keys (a file document has none).
    pub fn segment_keys(
        &self,
    ) -> Vec<(
        tantivy::index::SegmentId,
        u32,
        tantivy::columnar::Column<u64>,
    )> {
        self.0
            .segment_readers()
            .iter()
            .filter_map(|segment| {
                let keys = segment.fast_fields().u64("key").ok()?;
                Some((segment.segment_id(), segment.max_doc(), keys))
            })
            .collect()
    }

    /// The matches of `query` among a collection's articles (`articles`
    /// tells each segment's documents' article numbers), as
    /// [`super::every_match::rank_key`]s in no order.
    pub fn matches_in(&self, query: &dyn Query, articles: &super::SegmentArticles) -> Vec<u64> {
        super::every_match::matches_in(&self.0, query, articles, &self.1).unwrap_or_default()
    }

    /// [`Committed::matches_in`] with slices of `slice_docs` documents.
    #[cfg(test)]
    pub(super) fn matches_in_slices(
        &self,
        query: &dyn Query,
        articles: &super::SegmentArticles,
        slice_docs: u32,
    ) -> Vec<u64> {
        super::every_match::matches_in_slices(&self.0, query, articles, &self.1, slice_docs)
            .expect("matches")
    }
}
