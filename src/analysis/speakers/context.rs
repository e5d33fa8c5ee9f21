//! What attribution knows around a quote: the article's mentions by position,
//! and who was named last (what a pronoun refers to).

use super::RECENT;
use super::vocabulary::Pronoun;
use crate::analysis::gazetteer::Gender;
use crate::model::{Entity, EntityKind};
use std::ops::Range;

/// Rank of a kind when choosing among mentions: people speak first, then organizations.
pub(super) fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

/// One entity mention, flattened for lookups by byte position.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) entity: usize,
    pub(super) kind: EntityKind,
}

/// Every paragraph's mentions, sorted by start.
pub(super) struct Mentions(Vec<Vec<Mention>>);

impl Mentions {
    /// Indexes the mentions, leaving out any that do not slice its paragraph.
    pub(super) fn new(paragraphs: &[String], entities: &[Entity]) -> Self {
        let mut by_paragraph = vec![Vec::new(); paragraphs.len()];
        for (entity, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let valid = paragraphs
                    .get(m.paragraph)
                    .is_some_and(|t| m.start < m.end && t.get(m.range()).is_some());
                if valid && let Some(list) = by_paragraph.get_mut(m.paragraph) {
                    list.push(Mention {
                        start: m.start,
                        end: m.end,
                        entity,
                        kind: e.kind,
                    });
                }
            }
        }
        for list in &mut by_paragraph {
            list.sort_by_key(|m| (m.start, kind_rank(m.kind)));
        }
        Mentions(by_paragraph)
    }

    pub(super) fn of(&self, paragraph: usize) -> &[Mention] {
        self.0.get(paragraph).map_or(&[], Vec::as_slice)
    }
}

/// The best mention overlapping `range` in a sorted list: a person before an organization.
pub(super) fn covering(mentions: &[Mention], range: Range<usize>) -> Option<Mention> {
    let upto = mentions.partition_point(|m| m.start < range.end);
    mentions[..upto]
        .iter()
        .rev()
        .take(8) // mentions barely overlap; a few steps back reach every candidate
        .filter(|m| m.end > range.start)
        .min_by_key(|m| kind_rank(m.kind))
        .copied()
}

/// Who was most recently named as a subject or speaker: what pronouns refer to.
pub(super) struct Salience<'a> {
    pub(super) entities: &'a [Entity],
    pub(super) genders: Vec<Option<Gender>>,
    /// Most recent last; each entity at most once.
    pub(super) recent: Vec<usize>,
    /// The last quote's speaker and its paragraph.
    pub(super) last_speaker: Option<(usize, usize)>,
    /// Organisations that have spoken through a spokesperson the article does
    /// not name (`a spokesman for X said`, `"…," an X spokeswoman said`):
    /// `he` and `she` may then stand for them.
    pub(super) voiced: Vec<bool>,
    /// Role words written before people's names (`French President Jacques
    /// Chirac`, `festival organiser Michael Eavis`): what `the president`
    /// and `the organiser` refer back to.
    pub(super) roles: Vec<(String, usize)>,
}

impl Salience<'_> {
    pub(super) fn note(&mut self, entity: usize) {
        self.recent.retain(|&e| e != entity);
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push(entity);
    }

    pub(super) fn note_speaker(&mut self, entity: usize, paragraph: usize) {
        self.note(entity);
        self.last_speaker = Some((entity, paragraph));
    }

    /// Notes that organisation `entity` spoke through someone unnamed.
    pub(super) fn note_voice(&mut self, entity: usize) {
        if self.entities[entity].kind == EntityKind::Organization
            && let Some(v) = self.voiced.get_mut(entity)
        {
            *v = true;
        }
    }

    /// The person the article named with `role` before the name (`the
    /// president` is French President Jacques Chirac): the only one, else the
    /// most recently named of them.
    pub(super) fn role_holder(&self, role: &str) -> Option<usize> {
        let mut holders = self
            .roles
            .iter()
            .filter(|(r, _)| r == role)
            .map(|&(_, e)| e);
        let first = holders.next()?;
        if holders.clone().all(|e| e == first) {
            return Some(first);
        }
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&e| e == first || holders.clone().any(|h| h == e))
    }

    /// The person who was the subject last, whatever the gender.
    pub(super) fn last_person(&self) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&e| self.entities[e].kind == EntityKind::Person)
    }

    pub(super) fn resolve(&self, pronoun: Pronoun) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&e| self.fits(pronoun, e))
    }

    /// Whether `pronoun` can stand for entity `e` (kind, and gender when known).
    pub(super) fn fits(&self, pronoun: Pronoun, e: usize) -> bool {
        let kind = |e: usize| self.entities[e].kind;
        match pronoun {
            Pronoun::He => {
                kind(e) == EntityKind::Person && self.genders[e] != Some(Gender::Female)
                    || self.voiced[e]
            }
            Pronoun::She => {
                kind(e) == EntityKind::Person && self.genders[e] != Some(Gender::Male)
                    || self.voiced[e]
            }
            Pronoun::They => matches!(kind(e), EntityKind::Person | EntityKind::Organization),
            Pronoun::It => kind(e) == EntityKind::Organization,
            Pronoun::Other => false,
        }
    }
}
