//! What the reader's corrections (`crate::corrections`) may do to a
//! [`CollectionIndex`] in place, without the analyses: give an entity a kind,
//! take it out, link it to more articles, and save and put back an entity as
//! it was (for undo). Merges are [`CollectionIndex::rename`]. Call
//! [`CollectionIndex::sort`] after.

use super::{CollectionIndex, QuoteRef, majority_kind};
use crate::model::EntityKind;

/// One entity of the index as it was, to put back with [`CollectionIndex::restore`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    entity: super::CollectionEntity,
    votes: [u32; 4],
    quotes: Vec<QuoteRef>,
}

impl CollectionIndex {
    /// Makes the entity called `name` of `kind`, whatever its articles say
    /// (its votes go to that kind, so articles added later keep it).
    pub fn set_kind(&mut self, name: &str, kind: EntityKind) {
        let Some(slot) = self.slot_of(name) else {
            return;
        };
        let votes = &mut self.kind_votes[slot];
        let total: u32 = votes.iter().sum();
        *votes = [0; 4];
        if let Some(k) = EntityKind::ALL.iter().position(|&k| k == kind) {
            votes[k] = total.max(1);
        }
        self.entities[slot].kind = kind;
    }

    /// Takes the entity called `name` out of the index (its quotes too),
    /// returning it as it was.
    pub fn remove(&mut self, name: &str) -> Option<Saved> {
        let saved = self.save(name)?;
        let slot = self.slot_of(name)?;
        self.by_name.remove(&self.entities, slot);
        // An emptied slot is left out of the order, as a renamed one is.
        self.entities[slot].articles.clear();
        self.entities[slot].mentions = 0;
        self.kind_votes[slot] = [0; 4];
        self.quotes.remove(&slot);
        self.order.clear();
        Some(saved)
    }

    /// The entity called `name` as it is now.
    pub fn save(&self, name: &str) -> Option<Saved> {
        let slot = self.slot_of(name)?;
        Some(Saved {
            entity: self.entities[slot].clone(),
            votes: self.kind_votes[slot],
            quotes: self.quotes.get(&slot).cloned().unwrap_or_default(),
        })
    }

    /// Puts an entity back as it was saved, in place of the one of that
    /// name if there is one.
    pub fn restore(&mut self, saved: Saved) {
        let Saved {
            entity,
            votes,
            quotes,
        } = saved;
        let slot = self.slot(&entity.name, entity.kind);
        self.kind_votes[slot] = votes;
        if quotes.is_empty() {
            self.quotes.remove(&slot);
        } else {
            self.quotes.insert(slot, quotes);
        }
        self.entities[slot] = entity;
        self.order.clear();
    }

    /// Links the entity called `name` (made, of `kind`, if new) to `article`
    /// with `mentions` more mentions; a new entity's kind is `kind`.
    pub fn add_mentions(&mut self, name: &str, kind: EntityKind, article: usize, mentions: usize) {
        let article = u32::try_from(article).unwrap_or(u32::MAX);
        let slot = self.slot(name, kind);
        let e = &mut self.entities[slot];
        if let Err(at) = e.articles.binary_search(&article) {
            e.articles.insert(at, article);
            let votes = &mut self.kind_votes[slot];
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == kind) {
                votes[k] += 1;
            }
            e.kind = majority_kind(votes);
        }
        e.mentions += mentions;
    }

    /// Counts `mentions` fewer mentions of the entity called `name`.
    pub fn remove_mentions(&mut self, name: &str, mentions: usize) {
        if let Some(slot) = self.slot_of(name) {
            let e = &mut self.entities[slot];
            e.mentions = e.mentions.saturating_sub(mentions);
        }
    }
}
