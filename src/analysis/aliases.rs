//! Merges mentions of the same thing into entities. (Skeleton.)
use super::entities::RawMention;
use crate::model::Entity;

/// Groups mentions into entities, sorted by kind, mention count (most first), name.
pub fn merge(_paragraphs: &[String], _mentions: Vec<RawMention>) -> Vec<Entity> {
    Vec::new()
}
