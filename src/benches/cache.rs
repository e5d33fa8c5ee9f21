//! Search in the cache's article index, in process: a query parsed and the
//! 20 best matches found with the count of all, as `lede search` does; and
//! the reader's search (`:`), every match of its collection ranked best first
//! (here the collection is everything in the cache). On
//! 20,000 articles made from the templates (indexed once, in a folder of its
//! own), or on the cache at `LEDE_BENCH_CACHE` (a `$XDG_CACHE_HOME/lede`
//! folder filled by `lede index`, such as the 1,000,000-article corpus's).
//!
//! `cargo bench --bench cache`
//! `LEDE_BENCH_CACHE=/tmp/c/lede cargo bench --bench cache`

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use lede::cache::store::{ArticleStore, NewFile};
use lede::model::{Analysis, Article};
use std::hint::black_box;
use std::path::PathBuf;

const N: usize = 20_000;

/// A common word, a rarer one, and two phrases.
const QUERIES: [&str; 4] = [
    "harbour",
    "tehran",
    "\"supreme leader\"",
    "\"revolutionary guard\"",
];

/// The store to search: the one named by `LEDE_BENCH_CACHE`, else one made here.
fn store() -> (ArticleStore, String, Option<PathBuf>) {
    if let Some(dir) = std::env::var_os("LEDE_BENCH_CACHE") {
        let dir = PathBuf::from(dir);
        let (store, problem) = ArticleStore::open(&lede::cache::articles_dir(&dir), false);
        let store = store.unwrap_or_else(|| panic!("no cache at {}: {problem:?}", dir.display()));
        let label = format!("{} articles", store.article_count());
        return (store, label, None);
    }
    let dir = std::env::temp_dir().join(format!("lede-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (store, problem) = ArticleStore::open(&dir.join("articles"), true);
    let mut store = store.unwrap_or_else(|| panic!("no cache: {problem:?}"));
    let templates = common::templates();
    let analyses: Vec<Analysis> = templates.iter().map(lede::analysis::analyse).collect();
    // One small file stands for each article's file: put needs its metadata.
    let meta_file = dir.join("stamp");
    std::fs::write(&meta_file, b"x").expect("stamp file");
    let meta = std::fs::metadata(&meta_file).expect("metadata");
    for i in 0..N {
        let article = Article {
            id: format!("bench/{i}.txt"),
            ..templates[i % templates.len()].clone()
        };
        let path = format!("/bench/{i}.txt");
        let file = NewFile::start(&meta_file, path, &article.id, &meta);
        let articles = [(article, analyses[i % templates.len()].clone())];
        store.put(&file.reading(&articles)).expect("kept");
    }
    store.commit().expect("committed");
    (store, format!("{N} articles"), Some(dir))
}

fn search(c: &mut Criterion) {
    let (store, label, made) = store();
    let mut group = c.benchmark_group(format!("search {label}"));
    group.sample_size(20);
    for query in QUERIES {
        group.bench_function(query, |b| {
            b.iter(|| {
                let parsed = lede::cache::query::parse(&store, black_box(query)).expect("query");
                black_box(store.search(parsed.as_ref(), 20))
            });
        });
    }
    group.finish();
    drop(store);
    // The reader's search: the collection is the whole cache.
    let cache_dir = made
        .clone()
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("LEDE_BENCH_CACHE").expect("a cache")));
    let (cache, problem) = lede::pipeline::ReaderCache::open(&cache_dir);
    let cache = cache.unwrap_or_else(|| panic!("no cache: {problem:?}"));
    let collection = lede::pipeline::CollectionSearch::over_whole_cache(cache);
    let mut group = c.benchmark_group(format!("reader search {label}"));
    group.sample_size(10);
    for query in QUERIES {
        group.bench_function(query, |b| {
            b.iter(|| black_box(collection.search(black_box(query)).expect("query").len()));
        });
    }
    group.finish();
    drop(collection);
    if let Some(dir) = made {
        let _ = std::fs::remove_dir_all(dir);
    }
}

criterion_group!(benches, search);
criterion_main!(benches);
