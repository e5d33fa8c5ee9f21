//! Attributes quotes to speakers. (Skeleton: replaced by the real rules.)
use super::quotes::QuoteSpan;
use crate::model::Entity;

/// For each quote, the index into `entities` of its speaker.
pub fn attribute(_paragraphs: &[String], quotes: &[QuoteSpan], _entities: &[Entity]) -> Vec<Option<usize>> {
    vec![None; quotes.len()]
}
