//! The cross-article index: which articles mention each entity. (Skeleton.)
use crate::model::{Analysis, EntityKind};
use std::collections::HashMap;

/// One entity across the whole collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionEntity {
    pub name: String,
    pub kind: EntityKind,
    /// Indices of the articles that mention it, ascending.
    pub articles: Vec<usize>,
    /// Mentions summed over all articles.
    pub mentions: usize,
}

/// Entities of the whole collection, keyed by canonical name.
#[derive(Debug, Clone, Default)]
pub struct CollectionIndex {
    pub entities: Vec<CollectionEntity>,
    by_name: HashMap<String, usize>,
}

impl CollectionIndex {
    /// Builds the index from per-article analyses (in article order).
    pub fn build(analyses: &[Analysis]) -> Self {
        let mut index = CollectionIndex::default();
        for (article, analysis) in analyses.iter().enumerate() {
            for entity in &analysis.entities {
                let slot = *index.by_name.entry(entity.name.clone()).or_insert_with(|| {
                    index.entities.push(CollectionEntity {
                        name: entity.name.clone(),
                        kind: entity.kind,
                        articles: Vec::new(),
                        mentions: 0,
                    });
                    index.entities.len() - 1
                });
                let e = &mut index.entities[slot];
                if e.articles.last() != Some(&article) {
                    e.articles.push(article);
                }
                e.mentions += entity.mentions.len();
            }
        }
        index
    }

    /// The collection entity with this canonical name.
    pub fn get(&self, name: &str) -> Option<&CollectionEntity> {
        self.by_name.get(name).map(|&i| &self.entities[i])
    }
}
