//! The data every layer shares: an [`Article`] as the loader makes it, and the
//! [`Analysis`] the analysis step adds to it. Plain data with serde, no logic
//! beyond small accessors, so any layer may depend on it.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One news article as loaded from a file (or one element of a JSON collection).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable across runs: the path, plus `#index` for articles inside a collection file.
    pub id: String,
    /// The file (or `-` for standard input) the article came from.
    pub source_path: String,
    pub title: String,
    /// Publisher or outlet, when the input says.
    pub source: Option<String>,
    /// Publication date as written in the input (not parsed).
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Body paragraphs, already sanitised; every offset in [`Analysis`] is a byte
    /// offset into one of these strings.
    pub paragraphs: Vec<String>,
    /// Lines the loader dropped as site boilerplate (navigation, share prompts ...).
    pub removed: Vec<String>,
    /// A feed item's guid (or Atom id): the same story arriving through two
    /// copies of a feed is told by it. Not part of the dump.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
}

/// What kind of thing an entity is. Serialised lower-case, as in the dump schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    /// All kinds in sidebar order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Other,
    ];

    /// Lower-case name, as used in the dump.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    /// Plural heading for the sidebar.
    pub fn heading(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Place => "Places",
            EntityKind::Other => "Other",
        }
    }
}

/// A byte range inside one paragraph of an article (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(paragraph: usize, start: usize, end: usize) -> Self {
        Span {
            paragraph,
            start,
            end,
        }
    }

    /// The byte range inside the paragraph.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers in `article` (empty if the span is out of range).
    pub fn text<'a>(&self, article: &'a Article) -> &'a str {
        article
            .paragraphs
            .get(self.paragraph)
            .and_then(|p| p.get(self.start..self.end))
            .unwrap_or("")
    }
}

/// A person, organization, place or other named thing, with every mention of it
/// in one article. Aliases ("Khamenei", "the Supreme Leader") are merged into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the same real-world entity has the same name in every article.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen in the article, canonical name included if it occurs.
    pub aliases: Vec<String>,
    /// Mentions in text order (paragraph, then start).
    pub mentions: Vec<Span>,
}

impl Entity {
    /// The order of an article's entities: kind, then mention count (most
    /// first), then name.
    pub fn sidebar_order(&self, other: &Entity) -> std::cmp::Ordering {
        self.kind
            .cmp(&other.kind)
            .then(other.mentions.len().cmp(&self.mentions.len()))
            .then_with(|| self.name.cmp(&other.name))
    }
}

/// One stretch of quoted speech inside a paragraph. A quotation that runs over
/// several paragraphs is one `Quote` per paragraph, all with the same speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Index into [`Analysis::entities`] of the person (or organization) who said it.
    pub speaker: Option<usize>,
}

/// Everything the analysis step found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Entities sorted by kind, then by mention count (most first), then name.
    pub entities: Vec<Entity>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// What the article's words say of each entity's kind, parallel to
    /// `entities` (empty when not gathered). The collection step adds it up
    /// per name ([`crate::analysis::kinds`]); not part of the dump.
    #[serde(skip)]
    pub evidence: Vec<KindEvidence>,
}

/// Cues for an entity's kind in one article ("Mr X", "shares in X", "the film
/// X"), counted per kind in [`EntityKind::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindEvidence {
    /// Every cue: the words around the name and the name's own words.
    pub cues: [u16; 4],
    /// Of those, the name's own ([`crate::analysis::kinds::name_evidence`]):
    /// the same in every article that writes the name alike (an acronym's
    /// expansion and a person's initial may differ), so the collection
    /// counts them apart.
    pub own: [u16; 4],
}

impl Analysis {
    /// The canonical name of a quote's speaker, if it has one.
    pub fn speaker_name(&self, quote: &Quote) -> Option<&str> {
        quote
            .speaker
            .and_then(|i| self.entities.get(i))
            .map(|e| e.name.as_str())
    }
}
