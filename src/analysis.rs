//! The analysis step: from an [`Article`]'s paragraphs to its quotes (with
//! speakers) and entities (with aliases merged). Pure functions, no IO.
//!
//! Per article: [`quotes`] finds quoted speech, [`entities`] finds name
//! mentions (rules plus the [`gazetteer`]), [`aliases`] merges mentions of the
//! same thing into one [`Entity`], and [`speakers`] attributes each quote.
//! Across the collection, [`index`] unifies canonical names and records which
//! articles mention each entity.

pub mod aliases;
pub mod entities;
pub mod gazetteer;
pub mod index;
pub mod quotes;
pub mod speakers;
pub mod tagger;
pub mod tokens;

use crate::model::{Analysis, Article, Quote};

/// Analyses one article: entities first (speakers are chosen among them), then quotes.
pub fn analyse(article: &Article) -> Analysis {
    let paragraphs = &article.paragraphs;
    let mentions = entities::find_mentions(paragraphs);
    let entities = aliases::merge(paragraphs, mentions);
    let quote_spans = quotes::find_quotes(paragraphs);
    let speakers = speakers::attribute(paragraphs, &quote_spans, &entities);
    let quotes = quote_spans
        .iter()
        .zip(speakers)
        .map(|(q, speaker)| Quote {
            span: q.span,
            speaker,
        })
        .collect();
    Analysis { entities, quotes }
}
