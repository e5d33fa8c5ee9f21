//! `lede entities`: every entity of a collection with its kind, the number
//! of articles and mentions, and its aliases, most widely mentioned first.

use super::table::{Align, Column};
use super::{Collection, Row};
use crate::model::EntityKind;
use crate::sanitize::sanitize;
use serde::Serialize;

/// One entity of the collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// Its collection name, as the reader's sidebar shows it.
    pub name: String,
    pub kind: EntityKind,
    /// Articles that mention it.
    pub articles: usize,
    /// Mentions in all of them.
    pub mentions: usize,
    /// The other names and surface forms seen for it, sorted.
    pub aliases: Vec<String>,
}

/// The collection's entities: most articles first, then most mentions, then by name.
pub fn rows(collection: &Collection) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = collection
        .index
        .sorted()
        .map(|e| EntityRow {
            name: sanitize(&e.name),
            kind: e.kind,
            articles: e.articles.len(),
            mentions: e.mentions,
            aliases: collection.aliases(&e.name).map(sanitize).collect(),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

impl Row for EntityRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("NAME", 12, 36),
        Column::fixed("KIND", Align::Left),
        Column::fixed("ARTICLES", Align::Right),
        Column::fixed("MENTIONS", Align::Right),
        Column::text("ALIASES", 10, usize::MAX),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.kind.as_str().to_string(),
            self.articles.to_string(),
            self.mentions.to_string(),
            self.aliases.join(", "),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_collection;

    #[test]
    fn entities_merge_across_articles_and_sort_by_articles() {
        let rows = rows(&test_collection());
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        // Khamenei is one person across the articles, however each named him.
        let khamenei = rows
            .iter()
            .find(|r| r.name == "Ali Khamenei")
            .expect("Ali Khamenei is listed");
        assert_eq!(khamenei.kind, EntityKind::Person);
        assert!(khamenei.articles >= 2, "{khamenei:?}");
        assert!(
            khamenei.aliases.iter().any(|a| a == "Khamenei"),
            "{khamenei:?}"
        );
        assert!(!khamenei.aliases.contains(&khamenei.name), "{khamenei:?}");
        assert_eq!(
            names.iter().filter(|n| **n == "Ali Khamenei").count(),
            1,
            "{names:?}"
        );
        assert!(
            rows.windows(2).all(|w| w[0].articles > w[1].articles
                || (w[0].articles == w[1].articles && w[0].mentions >= w[1].mentions)),
            "{rows:?}"
        );
    }

    #[test]
    fn entities_are_the_reader_sidebar_s_in_collection_scope() {
        use crate::analysis::index::{CollectionIndex, unify};
        let (articles, mut analyses) = crate::report::sample();
        unify(&mut analyses);
        let sidebar = CollectionIndex::build(&analyses);
        let collection = test_collection();
        let mut ours: Vec<(String, EntityKind, usize, usize)> = collection
            .index
            .sorted()
            .map(|e| (e.name.clone(), e.kind, e.articles.len(), e.mentions))
            .collect();
        let mut theirs: Vec<(String, EntityKind, usize, usize)> = sidebar
            .sorted()
            .map(|e| (e.name.clone(), e.kind, e.articles.len(), e.mentions))
            .collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs);
        assert_eq!(collection.index.article_count(), articles.len());
    }
}
