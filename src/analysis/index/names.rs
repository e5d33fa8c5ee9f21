//! The collection index's name lookup, and reading its columns back at
//! their exact size: at a million articles the index holds about as many
//! entities, and these are what each one costs.
//!
//! The lookup is a hash table of entity slots whose keys are the entities'
//! own names (a `HashMap<String, usize>` would keep a second copy of every
//! name), hashed with a per-process seed (names come from the articles).

use super::CollectionEntity;
use hashbrown::HashTable;
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use std::hash::BuildHasher;
use std::marker::PhantomData;

/// What the table finds slots of: anything with a name (the index's entities,
/// and the slots of [`super::spilled::SpilledIndex`]).
pub(super) trait Named {
    fn name(&self) -> &str;
}

impl Named for CollectionEntity {
    fn name(&self) -> &str {
        &self.name
    }
}

/// Entity slots by their entity's name.
#[derive(Clone, Default)]
pub(super) struct NameTable {
    slots: HashTable<u32>,
    state: foldhash::fast::RandomState,
}

impl std::fmt::Debug for NameTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameTable({} names)", self.slots.len())
    }
}

impl NameTable {
    /// The lookup of every named slot of `entities` (merged-away slots have
    /// an empty name and are left out).
    pub(super) fn of(entities: &[CollectionEntity]) -> NameTable {
        let mut table = NameTable::default();
        table.slots.reserve(entities.len(), |_| 0);
        for slot in 0..entities.len() {
            if !entities[slot].name().is_empty() {
                table.insert(entities, slot);
            }
        }
        table
    }

    /// The slot whose entity is called `name`.
    pub(super) fn find(&self, entities: &[impl Named], name: &str) -> Option<usize> {
        let hash = self.state.hash_one(name);
        self.slots
            .find(hash, |&slot| {
                entities
                    .get(slot as usize)
                    .is_some_and(|entity| entity.name() == name)
            })
            .map(|&slot| slot as usize)
    }

    /// Adds `slot` under its entity's name, which no other slot has.
    pub(super) fn insert(&mut self, entities: &[impl Named], slot: usize) {
        let state = &self.state;
        let hash_of = |slot: &u32| {
            entities
                .get(*slot as usize)
                .map_or(0, |entity| state.hash_one(entity.name()))
        };
        let hash = state.hash_one(entities[slot].name());
        // Slots are below four billion: the index numbers articles in u32 too.
        self.slots.insert_unique(hash, slot as u32, hash_of);
    }

    /// Takes `slot` out, before its entity's name changes or goes.
    pub(super) fn remove(&mut self, entities: &[impl Named], slot: usize) {
        let hash = self.state.hash_one(entities[slot].name());
        if let Ok(entry) = self.slots.find_entry(hash, |&s| s as usize == slot) {
            entry.remove();
        }
    }

    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// The most a sequence read back reserves before its elements are read: a
/// damaged length asks for no more than this.
const MAX_RESERVE_BYTES: usize = 1 << 28;

/// Reads a sequence into a vector of exactly its length (serde's own
/// reserves a little and doubles, which leaves up to half of a large one
/// unused).
pub(super) fn exact_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let most = MAX_RESERVE_BYTES / size_of::<T>().max(1);
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(most));
            while let Some(value) = seq.next_element()? {
                out.push(value);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_seq(Exact(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn entity(name: &str) -> CollectionEntity {
        CollectionEntity {
            name: name.to_string(),
            kind: EntityKind::Person,
            articles: vec![0],
            mentions: 1,
        }
    }

    #[test]
    fn slots_are_found_by_their_entity_name_and_leave_before_a_rename() {
        let mut entities = vec![entity("Ali Khamenei"), entity(""), entity("Tehran")];
        let mut table = NameTable::of(&entities);
        assert_eq!(table.len(), 2, "a merged-away slot has no name");
        assert_eq!(table.find(&entities, "Tehran"), Some(2));
        assert_eq!(table.find(&entities, "Ali Khamenei"), Some(0));
        assert_eq!(table.find(&entities, ""), None);
        assert_eq!(table.find(&entities, "Raisi"), None);
        table.remove(&entities, 2);
        entities[2].name = "Teheran".to_string();
        table.insert(&entities, 2);
        assert_eq!(table.find(&entities, "Tehran"), None);
        assert_eq!(table.find(&entities, "Teheran"), Some(2));
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn a_sequence_is_read_back_at_its_exact_length() {
        let values: Vec<u32> = (0..20_000).collect();
        let bytes = postcard::to_allocvec(&values).expect("written");
        let mut de = postcard::Deserializer::from_bytes(&bytes);
        let back: Vec<u32> = exact_vec(&mut de).expect("read");
        assert_eq!(back, values);
        assert_eq!(back.capacity(), values.len());
    }
}
