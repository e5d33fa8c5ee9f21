//! The collection's entity index as the reader, the background indexer and
//! a snapshot being written share it: behind a lock, and copied on write, so
//! that a snapshot can be written from the index as it is without a copy of
//! it (a few hundred megabytes at a million articles), and a correction made
//! meanwhile copies it only then.

use crate::analysis::index::CollectionIndex;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A handle on the shared index; cloning it gives another handle on the same one.
#[derive(Debug, Clone, Default)]
pub struct SharedIndex(Arc<RwLock<Arc<CollectionIndex>>>);

impl SharedIndex {
    /// Shares `index`.
    pub fn new(index: CollectionIndex) -> SharedIndex {
        SharedIndex(Arc::new(RwLock::new(Arc::new(index))))
    }

    /// Reads the index for as long as the guard lives (as before a panic
    /// poisoned the lock, if one did).
    pub fn read(&self) -> IndexReader<'_> {
        IndexReader(self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Changes the index for as long as the guard lives. While a
    /// [`SharedIndex::frozen`] copy is held, the index is copied first, under
    /// the read lock only, so that readers (the reader's frames) do not wait
    /// for a copy of a big index; the copy takes the index's place if no
    /// other change came meanwhile (else it is made again).
    pub fn write(&self) -> IndexWriter<'_> {
        loop {
            let current = Arc::clone(&self.read().0);
            // The lock's and this one: no frozen copy is held.
            if Arc::strong_count(&current) <= 2 {
                drop(current);
                // One frozen since is copied under the write lock (`deref_mut`).
                return IndexWriter(self.0.write().unwrap_or_else(PoisonError::into_inner));
            }
            let copy = Arc::new(CollectionIndex::clone(&current));
            let mut guard = self.0.write().unwrap_or_else(PoisonError::into_inner);
            if Arc::ptr_eq(&guard, &current) {
                *guard = copy;
                return IndexWriter(guard);
            }
        }
    }

    /// The index as it is now, unchanged by later writes: the same memory
    /// until one comes.
    pub fn frozen(&self) -> Arc<CollectionIndex> {
        Arc::clone(&self.read().0)
    }

    /// Puts `index` in the place of the shared one (with no copy of the old).
    pub fn replace(&self, index: CollectionIndex) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(index);
    }
}

/// The index locked for reading (see [`SharedIndex::read`]).
pub struct IndexReader<'a>(RwLockReadGuard<'a, Arc<CollectionIndex>>);

impl Deref for IndexReader<'_> {
    type Target = CollectionIndex;

    fn deref(&self) -> &CollectionIndex {
        &self.0
    }
}

/// The index locked for a change (see [`SharedIndex::write`]).
pub struct IndexWriter<'a>(RwLockWriteGuard<'a, Arc<CollectionIndex>>);

impl Deref for IndexWriter<'_> {
    type Target = CollectionIndex;

    fn deref(&self) -> &CollectionIndex {
        &self.0
    }
}

impl DerefMut for IndexWriter<'_> {
    fn deref_mut(&mut self) -> &mut CollectionIndex {
        Arc::make_mut(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::index::Renames;

    #[test]
    fn a_frozen_index_keeps_its_state_and_shares_memory_until_a_write() {
        let shared = SharedIndex::default();
        let frozen = shared.frozen();
        // Nothing written since: the very same index.
        assert!(Arc::ptr_eq(&frozen, &shared.frozen()));
        let renames = Renames {
            names: [("Blair".to_string(), "Tony Blair".to_string())]
                .into_iter()
                .collect(),
            ..Renames::default()
        };
        shared.write().note_corrected();
        shared.write().rename(&renames);
        assert!(!Arc::ptr_eq(&frozen, &shared.frozen()));
        assert!(shared.read().is_corrected());
        assert!(!frozen.is_corrected());
    }

    #[test]
    fn a_write_while_a_frozen_copy_is_held_changes_a_copy_and_keeps_it() {
        let shared = SharedIndex::default();
        let frozen = shared.frozen();
        {
            let mut writer = shared.write();
            writer.note_corrected();
        }
        // The next write, with no frozen copy held but the first, changes in place.
        let in_place = Arc::as_ptr(&shared.frozen());
        shared.write().note_corrected();
        assert_eq!(Arc::as_ptr(&shared.frozen()), in_place);
        assert!(shared.read().is_corrected());
        assert!(!frozen.is_corrected());
    }

    #[test]
    fn a_replaced_index_is_seen_through_every_handle() {
        let shared = SharedIndex::default();
        let other = shared.clone();
        let mut index = CollectionIndex::default();
        index.note_corrected();
        shared.replace(index);
        assert!(other.read().is_corrected());
    }
}
