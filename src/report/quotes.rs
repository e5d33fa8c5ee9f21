//! `lede quotes`: every quote of a collection with its speaker, article title
//! and date, newest first; optionally only one speaker's, found by the
//! collection name or any alias, ignoring case.

use super::table::{Align, Column};
use super::{Collection, Row};
use crate::model::{Analysis, Article};
use crate::sanitize::sanitize;
use serde::Serialize;
use std::collections::HashSet;

/// One quote as gathered: the speaker's name, the words, and the article's
/// place in [`Collection`]'s list of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Said {
    pub(super) speaker: Option<String>,
    pub(super) text: String,
    pub(super) article: usize,
}

/// The quotes of one article, in text order, without the comma that ends a
/// quote followed by its attribution. A quotation that runs on into
/// the next paragraph (one quote ending its paragraph, the next, by the same
/// speaker, opening the following one) is one quote here.
pub(super) fn said(article: &Article, analysis: &Analysis) -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
    let mut last: Option<crate::model::Span> = None;
    for quote in &analysis.quotes {
        let speaker = analysis.speaker_name(quote).map(str::to_string);
        let text = quote.span.text(article).trim();
        let runs_on = last.is_some_and(|prev| {
            let paragraph_len = article
                .paragraphs
                .get(prev.paragraph)
                .map_or(0, String::len);
            prev.paragraph + 1 == quote.span.paragraph
                && prev.end + 4 >= paragraph_len
                && quote.span.start <= 4
        });
        match out.last_mut() {
            Some(previous) if runs_on && previous.speaker == speaker => {
                previous.text.push(' ');
                previous.text.push_str(text);
            }
            _ => out.push(Said {
                speaker,
                text: text.to_string(),
                article: 0,
            }),
        }
        last = Some(quote.span);
    }
    // The comma that joins a quote to "he said" is not the speaker's.
    for said in &mut out {
        let words = said.text.trim_end_matches(',').len();
        said.text.truncate(words);
    }
    out
}

/// One quote of the collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRow {
    /// The speaker's collection name; `null` when no one was found.
    pub speaker: Option<String>,
    /// The quoted words, without the quotation marks (nor a comma before "he said").
    pub text: String,
    /// The article's title, date as written, id (as in the dump) and link.
    pub title: String,
    pub date: Option<String>,
    pub id: String,
    pub url: Option<String>,
}

/// The collection names of the entities called `name`, by collection name or
/// any alias, ignoring case.
pub fn called<'a>(collection: &'a Collection, name: &str) -> HashSet<&'a str> {
    let wanted = name.trim().to_lowercase();
    collection
        .index
        .sorted()
        .map(|e| e.name.as_str())
        .filter(|n| {
            n.to_lowercase() == wanted || collection.aliases(n).any(|a| a.to_lowercase() == wanted)
        })
        .collect()
}

/// The collection's quotes, newest article first (undated ones last, in load
/// order), each article's in text order; only those of `speakers` when given.
pub fn rows(collection: &Collection, speakers: Option<&HashSet<&str>>) -> Vec<QuoteRow> {
    let mut rows: Vec<(Option<i64>, QuoteRow)> = collection
        .quotes
        .iter()
        .filter(|said| {
            speakers
                .is_none_or(|wanted| said.speaker.as_deref().is_some_and(|s| wanted.contains(s)))
        })
        .map(|said| {
            let article = &collection.articles[said.article];
            let row = QuoteRow {
                speaker: said.speaker.as_deref().map(sanitize),
                text: sanitize(&said.text),
                title: sanitize(&article.title),
                date: article.date.as_deref().map(sanitize),
                id: sanitize(&article.id),
                url: article.url.as_deref().map(sanitize),
            };
            (crate::date::sort_key(article.date.as_deref()), row)
        })
        .collect();
    // Stable: the same date keeps load and text order.
    rows.sort_by_key(|(date, _)| (date.is_none(), std::cmp::Reverse(*date)));
    rows.into_iter().map(|(_, row)| row).collect()
}

impl Row for QuoteRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("SPEAKER", 8, 24),
        Column::text("QUOTE", 20, usize::MAX),
        Column::text("ARTICLE", 10, 36),
        Column::fixed("DATE", Align::Left),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.speaker.clone().unwrap_or_default(),
            self.text.clone(),
            self.title.clone(),
            self.date
                .as_deref()
                .map(crate::date::short)
                .unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_collection;

    #[test]
    fn every_quote_of_the_sample_is_listed_with_its_article() {
        let collection = test_collection();
        let all = rows(&collection, None);
        let seed: Vec<&QuoteRow> = all
            .iter()
            .filter(|r| r.title.starts_with("Syrian President Bashar"))
            .collect();
        // The seed article's eight quotes (none runs on into the next paragraph).
        assert_eq!(seed.len(), 8, "{seed:#?}");
        let by = |name: &str| {
            seed.iter()
                .filter(|r| r.speaker.as_deref() == Some(name))
                .count()
        };
        assert_eq!(by("Ali Khamenei"), 6);
        assert_eq!(by("Bashar al-Assad"), 2);
    }

    #[test]
    fn a_speaker_is_found_by_alias_ignoring_case_and_quotes_are_newest_first() {
        let collection = test_collection();
        for name in ["ali khamenei", "KHAMENEI", "  Khamenei "] {
            let wanted = called(&collection, name);
            assert_eq!(wanted, HashSet::from(["Ali Khamenei"]), "{name}");
            let rows = rows(&collection, Some(&wanted));
            assert!(rows.len() >= 6, "{rows:#?}");
            assert!(
                rows.iter()
                    .all(|r| r.speaker.as_deref() == Some("Ali Khamenei"))
            );
        }
        assert!(called(&collection, "Nobody Atall").is_empty());
        let all = rows(&collection, None);
        let keys: Vec<Option<i64>> = all
            .iter()
            .map(|r| crate::date::sort_key(r.date.as_deref()))
            .collect();
        let dated: Vec<i64> = keys.iter().map_while(|k| *k).collect();
        assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{keys:?}");
        assert!(keys[dated.len()..].iter().all(Option::is_none), "{keys:?}");
    }

    #[test]
    fn a_quotation_over_two_paragraphs_is_one_quote() {
        let article = Article {
            paragraphs: vec![
                "\"We will build the pier,".to_string(),
                "\"and the school too,\" Mara Voss said.".to_string(),
            ],
            ..Article::default()
        };
        let analysis = crate::analysis::analyse(&article);
        let said = said(&article, &analysis);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].text, "We will build the pier, and the school too");
        assert_eq!(said[0].speaker.as_deref(), Some("Mara Voss"));
    }
}
