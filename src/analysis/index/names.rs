//! The collection index's name lookup, the names of numbered slots kept end
//! to end, and reading its columns back at their exact size: at a million
//! articles the index holds about as many entities, and these are what each
//! one costs.
//!
//! The lookup is a hash table of entity slots whose keys are the entities'
//! own names (a `HashMap<String, usize>` would keep a second copy of every
//! name), hashed with a per-process seed (names come from the articles).

use super::CollectionEntity;
use hashbrown::HashTable;
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use std::hash::BuildHasher;
use std::marker::PhantomData;

/// What the table finds slots of: anything with a name (the index's entities).
pub(super) trait Named {
    fn name(&self) -> &str;
}

impl Named for CollectionEntity {
    fn name(&self) -> &str {
        &self.name
    }
}

/// Numbered slots' names, as the table reads them.
pub(super) trait NameList {
    /// The name of `slot` (empty for a slot merged away).
    fn name_at(&self, slot: usize) -> Option<&str>;
}

impl<T: Named> NameList for [T] {
    fn name_at(&self, slot: usize) -> Option<&str> {
        self.get(slot).map(Named::name)
    }
}

impl<T: Named> NameList for Vec<T> {
    fn name_at(&self, slot: usize) -> Option<&str> {
        self.as_slice().name_at(slot)
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
    pub(super) fn find(&self, names: &(impl NameList + ?Sized), name: &str) -> Option<usize> {
        let hash = self.state.hash_one(name);
        self.slots
            .find(hash, |&slot| names.name_at(slot as usize) == Some(name))
            .map(|&slot| slot as usize)
    }

    /// Adds `slot` under its entity's name, which no other slot has.
    pub(super) fn insert(&mut self, names: &(impl NameList + ?Sized), slot: usize) {
        let state = &self.state;
        let hash_of = |slot: &u32| {
            names
                .name_at(*slot as usize)
                .map_or(0, |name| state.hash_one(name))
        };
        debug_assert!(names.name_at(slot).is_some(), "slot {slot} has no name");
        let hash = state.hash_one(names.name_at(slot).unwrap_or_default());
        // Slots are below four billion: the index numbers articles in u32 too.
        self.slots.insert_unique(hash, slot as u32, hash_of);
    }

    /// Takes `slot` out, before its entity's name changes or goes.
    pub(super) fn remove(&mut self, names: &(impl NameList + ?Sized), slot: usize) {
        debug_assert!(names.name_at(slot).is_some(), "slot {slot} has no name");
        let hash = self.state.hash_one(names.name_at(slot).unwrap_or_default());
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

/// Where a slot's name is in [`SlotNames`]'s buffer.
#[derive(Debug, Clone, Copy)]
struct Place {
    start: u32,
    len: u32,
}

/// The names of numbered slots, end to end in one buffer: a `String` each
/// costs 24 bytes and an allocation of at least 32 besides its letters,
/// and `lede index` keeps about a million names at a million articles, twice
/// (its index's slots and the unifier's facts). A slot that changes its name
/// takes its new name at the end (renames are few); one merged away has
/// none. Past 4 GiB of names (hundreds of millions), the rest are kept one
/// by one.
#[derive(Debug, Clone)]
pub(super) struct SlotNames {
    buffer: String,
    places: Vec<Place>,
    /// Names past the buffer's reach; their place's `start` is `u32::MAX`
    /// and its `len` their number here.
    beyond: Vec<Box<str>>,
    /// The buffer's most bytes (below `u32::MAX`; less in tests).
    reach: usize,
}

impl Default for SlotNames {
    fn default() -> Self {
        SlotNames::with_reach(u32::MAX as usize - 1)
    }
}

impl SlotNames {
    fn with_reach(reach: usize) -> SlotNames {
        SlotNames {
            buffer: String::new(),
            places: Vec::new(),
            beyond: Vec::new(),
            reach: reach.min(u32::MAX as usize - 1),
        }
    }

    /// Adds the next slot, called `name`; its number.
    pub(super) fn push(&mut self, name: &str) -> usize {
        let place = self.place_for(name);
        self.places.push(place);
        self.places.len() - 1
    }

    /// Renames `slot` (an empty name: merged away); a slot past the end
    /// is left as it is (none).
    pub(super) fn set(&mut self, slot: usize, name: &str) {
        if slot >= self.places.len() {
            return;
        }
        self.places[slot] = self.place_for(name);
    }

    fn place_for(&mut self, name: &str) -> Place {
        if name.is_empty() {
            return Place { start: 0, len: 0 };
        }
        let start = self.buffer.len();
        match u32::try_from(start) {
            Ok(at) if start + name.len() <= self.reach => {
                self.buffer.push_str(name);
                Place {
                    start: at,
                    len: name.len() as u32,
                }
            }
            _ => {
                self.beyond.push(name.into());
                Place {
                    start: u32::MAX,
                    len: u32::try_from(self.beyond.len() - 1).unwrap_or(u32::MAX),
                }
            }
        }
    }

    /// The name of `slot` ("" for one merged away or past the end).
    pub(super) fn get(&self, slot: usize) -> &str {
        let Some(&Place { start, len }) = self.places.get(slot) else {
            return "";
        };
        if start == u32::MAX {
            return self.beyond.get(len as usize).map_or("", |name| name);
        }
        let (start, len) = (start as usize, len as usize);
        self.buffer.get(start..start + len).unwrap_or_default()
    }

    pub(super) fn len(&self) -> usize {
        self.places.len()
    }

    /// Every slot's name, in slot order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.len()).map(|slot| self.get(slot))
    }
}

impl NameList for SlotNames {
    fn name_at(&self, slot: usize) -> Option<&str> {
        (slot < self.len()).then(|| self.get(slot))
    }
}

/// Numbered slots' names and their lookup, kept in step: the slot of a name
/// ([`Self::find`]) and the name of a slot ([`Self::get`]). What `lede
/// index`'s unifier and its spilled index number their names with.
#[derive(Debug, Clone, Default)]
pub(super) struct NamedSlots {
    names: SlotNames,
    table: NameTable,
}

impl NamedSlots {
    /// The slot called `name`.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.table.find(&self.names, name)
    }

    /// The slot called `name`, and whether it is new (the next slot).
    pub(super) fn find_or_add(&mut self, name: &str) -> (usize, bool) {
        if let Some(slot) = self.find(name) {
            return (slot, false);
        }
        let slot = self.names.push(name);
        self.table.insert(&self.names, slot);
        (slot, true)
    }

    /// The name of `slot` ("" for one merged away or past the end).
    pub(super) fn get(&self, slot: usize) -> &str {
        self.names.get(slot)
    }

    /// Takes `slot` out of the lookup: [`Self::find`] no longer gives it,
    /// and its name stays until [`Self::rename`].
    pub(super) fn forget(&mut self, slot: usize) {
        self.table.remove(&self.names, slot);
    }

    /// Calls `slot` `name` (an empty name: merged away, found by no name).
    pub(super) fn rename(&mut self, slot: usize, name: &str) {
        if slot >= self.names.len() {
            return;
        }
        self.forget(slot);
        self.names.set(slot, name);
        if !name.is_empty() {
            self.table.insert(&self.names, slot);
        }
    }

    /// Every slot's name, in slot order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.names.iter()
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
    fn slot_names_are_kept_end_to_end_renamed_and_found() {
        let mut names = SlotNames::default();
        let mut table = NameTable::default();
        for name in ["Ali Khamenei", "Tehran", "IRGC"] {
            let slot = names.push(name);
            table.insert(&names, slot);
        }
        assert_eq!(table.find(&names, "Tehran"), Some(1));
        assert_eq!(names.get(2), "IRGC");
        // A rename: out of the table first, then in under the new name.
        table.remove(&names, 1);
        names.set(1, "Teheran");
        table.insert(&names, 1);
        assert_eq!(table.find(&names, "Tehran"), None);
        assert_eq!(table.find(&names, "Teheran"), Some(1));
        // Merged away: no name, not found.
        table.remove(&names, 2);
        names.set(2, "");
        assert_eq!(table.find(&names, ""), None);
        assert_eq!(
            names.iter().collect::<Vec<_>>(),
            ["Ali Khamenei", "Teheran", ""]
        );
        assert_eq!(names.get(7), "", "past the end");
        names.set(7, "Raisi");
        assert_eq!(names.len(), 3, "a slot past the end is not made");
        assert_eq!(
            names.buffer, "Ali KhameneiTehranIRGCTeheran",
            "nor its name kept"
        );
    }

    #[test]
    fn named_slots_find_add_forget_and_rename_in_step() {
        let mut slots = NamedSlots::default();
        assert_eq!(slots.find_or_add("Tehran"), (0, true));
        assert_eq!(slots.find_or_add("IRGC"), (1, true));
        assert_eq!(slots.find_or_add("Tehran"), (0, false));
        // Forgotten: not found, still named until renamed.
        slots.forget(0);
        assert_eq!(slots.find("Tehran"), None);
        assert_eq!(slots.get(0), "Tehran");
        slots.rename(0, "Teheran");
        assert_eq!(slots.find("Teheran"), Some(0));
        // A rename takes the slot out of the lookup under its old name.
        slots.rename(1, "Revolutionary Guard");
        assert_eq!(slots.find("IRGC"), None);
        assert_eq!(slots.find("Revolutionary Guard"), Some(1));
        // Merged away: no name, found by none.
        slots.rename(1, "");
        assert_eq!(slots.find(""), None);
        assert_eq!(slots.iter().collect::<Vec<_>>(), ["Teheran", ""]);
        slots.rename(5, "Raisi");
        assert_eq!(slots.iter().count(), 2, "a slot past the end is not made");
    }

    #[test]
    fn names_past_the_buffers_reach_are_kept_one_by_one() {
        let mut names = SlotNames::with_reach(10);
        let a = names.push("Raisi");
        let b = names.push("Soleimani");
        let c = names.push("Assad");
        names.set(a, "Ebrahim Raisi");
        assert_eq!(names.get(a), "Ebrahim Raisi");
        assert_eq!(names.get(b), "Soleimani");
        assert_eq!(names.get(c), "Assad");
        assert_eq!(names.buffer, "RaisiAssad", "the ones that fit");
        assert_eq!(names.beyond.len(), 2);
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
