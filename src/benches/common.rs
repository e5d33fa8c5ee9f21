//! Inputs shared by the benchmarks: lede's own sample and prose fixtures,
//! loaded by the real loader, and a reader over a large collection made by
//! repeating them (the index built as the background would build it).

#![allow(dead_code)] // each benchmark uses a part

use lede::analysis::index::{CollectionIndex, Renames};
use lede::app::{App, SharedIndex};
use lede::model::{Analysis, Article};
use lede::store::StoredArticle;
use std::path::Path;
use std::sync::Arc;

/// The sample collection (the seed article first) and the prose fixtures.
pub fn templates() -> Vec<Article> {
    let mut articles = lede::loader::load_sample().articles;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fixtures");
    let folders = ["quotes", "entities"].map(|f| fixtures.join(f));
    articles.extend(lede::loader::load_paths(&folders).articles);
    articles
}

/// Body bytes of `articles`.
pub fn body_bytes(articles: &[Article]) -> u64 {
    articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.len() as u64)
        .sum()
}

/// A reader over `n` articles (the templates over and over), 200 × 60, the
/// seed article open and analysed, loading and analysis finished.
pub fn big_app(n: usize) -> App {
    let templates = templates();
    let analyses: Vec<Analysis> = templates.iter().map(lede::analysis::analyse).collect();
    let t = templates.len();
    let mut index = CollectionIndex::default();
    for i in 0..n {
        index.add(i, &analyses[i % t]);
    }
    index.sort();
    let stored: Vec<Arc<StoredArticle>> = templates
        .into_iter()
        .map(|a| Arc::new(StoredArticle::new(a, None)))
        .collect();
    let mut app = App::loading(SharedIndex::new(index));
    for (i, analysis) in analyses.iter().enumerate().take(n) {
        app.add_analysis(i, analysis.clone());
    }
    app.add_articles((0..n).map(|i| Arc::clone(&stored[i % t])).collect());
    app.loading_finished();
    app.unified(Arc::new(Renames::default()));
    app.resize(200, 60);
    app
}
