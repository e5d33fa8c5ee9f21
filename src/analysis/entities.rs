//! Finds mentions of people, organizations, places and other names. (Skeleton.)
use crate::model::{EntityKind, Span};

/// One mention before aliases are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMention {
    pub span: Span,
    pub kind: EntityKind,
    /// Canonical name when known already (a gazetteer alias such as "Supreme Leader").
    pub canonical: Option<String>,
}

/// Finds every name mention in the paragraphs, in text order.
pub fn find_mentions(_paragraphs: &[String]) -> Vec<RawMention> {
    Vec::new()
}
