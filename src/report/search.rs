//! `lede search`: the articles a query finds in the cache, best first.

use super::Row;
use super::table::{Align, Column};
use crate::sanitize::sanitize;
use serde::Serialize;

/// One article found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchRow {
    pub title: String,
    pub source: Option<String>,
    /// As the article wrote it.
    pub date: Option<String>,
    /// As in the dump.
    pub id: String,
    pub url: Option<String>,
    /// How well it matches (tantivy's BM25 score).
    pub score: f32,
}

impl SearchRow {
    /// A row for `article`, every string made safe for a terminal.
    pub fn new(article: &crate::model::Article, score: f32) -> SearchRow {
        SearchRow {
            title: sanitize(&article.title),
            source: article.source.as_deref().map(sanitize),
            date: article.date.as_deref().map(sanitize),
            id: sanitize(&article.id),
            url: article.url.as_deref().map(sanitize),
            score,
        }
    }
}

impl Row for SearchRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("TITLE", 16, 80),
        Column::text("SOURCE", 6, 24),
        Column::fixed("DATE", Align::Left),
        Column::text("ID", 10, usize::MAX),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.title.clone(),
            self.source.clone().unwrap_or_default(),
            self.date
                .as_deref()
                .map(crate::date::short)
                .unwrap_or_default(),
            self.id.clone(),
        ]
    }
}
