//! The collection index made with its long lists on disk, for `lede index`'s
//! snapshot ([`crate::cache::snapshot`]), which writes the index and reads
//! nothing of it: what grows with the articles (each entity's articles, each
//! speaker's quotes: at a million articles about 20 million pairs and 14
//! million quotes, 560 MB of a 860 MB heap) goes to temporary files as it
//! comes, and only a few numbers per entity stay in memory. The index is
//! then written as [`CollectionIndex`] serialises (postcard), its lists
//! sorted on disk and read back in order, so the snapshot reads back as if
//! the index had been built in memory.
//!
//! ```text
//! add(article)  ──(slot, article), (slot, quote)──▶ unsorted temporary files
//! rename()      ──each slot's collection slot (merges are pointers)
//! write_tail()  ──sorted by collection slot, a chunk at a time, merged──▶ postcard
//! ```

mod runs;

use super::names::NamedSlots;
use super::{QuoteRef, majority_kind, revote};
use crate::model::{Analysis, EntityKind};
use runs::{Record, Spill};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Records sorted at once (8 MiB of pairs, 8 MiB of quotes); at a million
/// articles 32 MiB chunks gave the same peak (the spill in files then), at
/// 100,000 the chunks held in memory were 67 of its 197 MB of heap. Every
/// run is a temporary file open until the merge: a million articles make
/// about 50 (160 MB of pairs, 220 MB of quotes), ten million about 500.
const CHUNK_BYTES: usize = 8 << 20;

/// One entity of the index, without its name (in [`NamedSlots`]) or its
/// lists: 28 bytes, as a million articles make about a million.
#[derive(Debug, Clone)]
struct Slot {
    kind: EntityKind,
    /// Mentions in all its articles (a count past four billion stays there).
    mentions: u32,
    votes: [u32; 4],
    /// Quotes it said (a merged entity's go to the one it joins).
    quotes: u32,
}

/// A [`CollectionIndex`] being built for writing: [`Self::add`] each
/// article, [`Self::rename`] once the names are unified, then
/// [`Self::write_tail`].
///
/// [`CollectionIndex`]: super::CollectionIndex
pub struct SpilledIndex {
    slots: Vec<Slot>,
    /// Each slot's name, and the slot of each; empty once merged into another.
    names: NamedSlots,
    /// The slot each slot's lists go to (itself unless merged).
    into: Vec<u32>,
    articles: usize,
    /// (slot, article), in the order added.
    pairs: Spill<u64>,
    /// (slot, quote), in the order added.
    quotes: Spill<u128>,
    /// Where the temporary files go.
    folder: Option<PathBuf>,
}

impl SpilledIndex {
    /// An empty index whose lists go to temporary files in `folder` (the
    /// system's temporary folder without one; memory if neither works).
    pub fn new(folder: Option<&Path>) -> SpilledIndex {
        SpilledIndex::with_chunk(folder, CHUNK_BYTES)
    }

    fn with_chunk(folder: Option<&Path>, chunk_bytes: usize) -> SpilledIndex {
        SpilledIndex {
            slots: Vec::new(),
            names: NamedSlots::default(),
            into: Vec::new(),
            articles: 0,
            pairs: Spill::new(folder, chunk_bytes / u64::SIZE),
            quotes: Spill::new(folder, chunk_bytes / u128::SIZE),
            folder: folder.map(Path::to_path_buf),
        }
    }

    /// Adds one article's entities and quotes, as [`CollectionIndex::add`]
    /// does (each article once, in any order).
    ///
    /// [`CollectionIndex::add`]: super::CollectionIndex::add
    pub fn add(&mut self, article: usize, analysis: &Analysis) {
        self.articles += 1;
        let article = u32::try_from(article).unwrap_or(u32::MAX);
        for quote in &analysis.quotes {
            if let Some(speaker) = quote.speaker.and_then(|i| analysis.entities.get(i)) {
                let slot = self.slot(&speaker.name, speaker.kind);
                if let Some(said) = QuoteRef::new(article, quote.span) {
                    self.quotes.push(quote_record(slot, said));
                    self.slots[slot as usize].quotes += 1;
                }
            }
        }
        for entity in &analysis.entities {
            let slot = self.slot(&entity.name, entity.kind);
            self.pairs
                .push((u64::from(slot) << 32) | u64::from(article));
            let s = &mut self.slots[slot as usize];
            let mentions = u32::try_from(entity.mentions.len()).unwrap_or(u32::MAX);
            s.mentions = s.mentions.saturating_add(mentions);
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == entity.kind) {
                s.votes[k] += 1;
            }
            s.kind = majority_kind(&s.votes);
        }
    }

    /// The slot for `name`, made on first sight.
    fn slot(&mut self, name: &str, kind: EntityKind) -> u32 {
        let (slot, new) = self.names.find_or_add(name);
        if !new {
            return slot as u32;
        }
        self.slots.push(Slot {
            kind,
            mentions: 0,
            votes: [0; 4],
            quotes: 0,
        });
        self.into.push(slot as u32);
        slot as u32
    }

    /// Number of articles added.
    pub fn article_count(&self) -> usize {
        self.articles
    }

    /// Renames entities as [`CollectionIndex::rename`] does; a merged
    /// entity's lists go to the one it joins when they are written.
    ///
    /// [`CollectionIndex::rename`]: super::CollectionIndex::rename
    pub fn rename(&mut self, renames: &super::Renames) {
        let (kinds, renames) = (&renames.kinds, &renames.names);
        let moving: Vec<usize> = (0..self.slots.len())
            .filter(|&slot| {
                let name = self.names.get(slot);
                renames.contains_key(name) && self.names.find(name) == Some(slot)
            })
            .collect();
        // Out of the lookup first, so that no moving slot is taken for a
        // rename's target.
        for &slot in &moving {
            self.names.forget(slot);
        }
        for slot in moving {
            let Some(new) = renames.get(self.names.get(slot)) else {
                continue;
            };
            match self.names.find(new) {
                Some(target) => {
                    let mentions = std::mem::take(&mut self.slots[slot].mentions);
                    let votes = std::mem::take(&mut self.slots[slot].votes);
                    let quotes = std::mem::take(&mut self.slots[slot].quotes);
                    let into = &mut self.slots[target];
                    into.mentions = into.mentions.saturating_add(mentions);
                    into.quotes += quotes;
                    for (t, v) in into.votes.iter_mut().zip(votes) {
                        *t += v;
                    }
                    into.kind = majority_kind(&into.votes);
                    self.into[slot] = target as u32;
                    self.names.rename(slot, "");
                }
                None => self.names.rename(slot, new),
            }
        }
        // Rule 4, as the index in memory applies it.
        for (name, &kind) in kinds {
            if let Some(slot) = self.names.find(name) {
                let s = &mut self.slots[slot];
                s.kind = revote(&mut s.votes, name, kind);
            }
        }
    }

    /// The slot `slot`'s lists end in (a merge into a merged slot followed).
    fn resolve(&self, slot: u32) -> u32 {
        let mut at = slot;
        // Merges point at a slot that kept its name; the bound only guards
        // against a cycle no rename makes.
        for _ in 0..self.into.len() {
            let next = self.into.get(at as usize).copied().unwrap_or(at);
            if next == at {
                break;
            }
            at = next;
        }
        at
    }

    /// Writes the index to `out` exactly as postcard writes the
    /// [`CollectionIndex`] with the same contents, sorted as
    /// [`CollectionIndex::sort`] sorts it (a speaker's quotes in article
    /// order). The entities' articles wait between their count and their
    /// write in a temporary file (in memory when none can be made).
    ///
    /// # Errors
    /// A temporary file or `out` that could not be written or read.
    ///
    /// [`CollectionIndex`]: super::CollectionIndex
    /// [`CollectionIndex::sort`]: super::CollectionIndex::sort
    pub fn write_tail(self, out: &mut impl Write) -> io::Result<()> {
        let final_slot: Vec<u32> = (0..self.into.len() as u32)
            .map(|s| self.resolve(s))
            .collect();
        let SpilledIndex {
            slots,
            names,
            articles,
            pairs,
            quotes,
            folder,
            ..
        } = self;
        let n = slots.len();
        // Each slot's articles, merged slots' with theirs, counted as written out.
        let mut sorted_pairs = pairs.sorted(
            |r| (u64::from(final_slot[(r >> 32) as usize]) << 32) | (r & 0xffff_ffff),
            true,
        )?;
        let mut article_counts = vec![0u32; n];
        let mut pair_file = Scratch::new(folder.as_deref());
        while let Some(pair) = sorted_pairs.next_record()? {
            article_counts[(pair >> 32) as usize] += 1;
            pair_file.put(&(pair as u32).to_le_bytes())?;
        }
        drop(sorted_pairs);
        let mut pair_reader = pair_file.read_back()?;

        // Fields in the order `CollectionIndex` declares them.
        put(out, &n)?;
        let mut word = [0u8; 4];
        for (slot, s) in slots.iter().enumerate() {
            put(out, names.get(slot))?;
            put(out, &s.kind)?;
            put(out, &(article_counts[slot] as usize))?;
            for _ in 0..article_counts[slot] {
                pair_reader.read_exact(&mut word)?;
                put(out, &u32::from_le_bytes(word))?;
            }
            put(out, &(s.mentions as usize))?;
        }
        drop(pair_reader);
        put(out, &n)?;
        for s in &slots {
            put(out, &s.votes)?;
        }
        // The sidebar order, as `CollectionIndex::sorted_order` and `set_order` make it.
        let mut order: Vec<u32> = (0..n as u32)
            .filter(|&s| article_counts[s as usize] > 0)
            .collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&slots[a as usize], &slots[b as usize]);
            x.kind
                .cmp(&y.kind)
                .then(article_counts[b as usize].cmp(&article_counts[a as usize]))
                .then(y.mentions.cmp(&x.mentions))
                .then_with(|| names.get(a as usize).cmp(names.get(b as usize)))
        });
        put(out, &order)?;
        let mut rank = vec![u32::MAX; n];
        let mut kind_counts = [0usize; 4];
        for (position, &slot) in order.iter().enumerate() {
            rank[slot as usize] = position as u32;
            if let Some(k) = EntityKind::ALL
                .iter()
                .position(|&k| k == slots[slot as usize].kind)
            {
                kind_counts[k] += 1;
            }
        }
        drop(order);
        put(out, &rank)?;
        drop(rank);
        put(out, &kind_counts)?;
        put(out, &articles)?;

        // Each speaker's quotes, by its collection slot: counted as they
        // were added, so the sorted quotes go straight out.
        let mut sorted_quotes = quotes.sorted(
            |r| (u128::from(final_slot[(r >> 96) as usize]) << 96) | (r & ((1u128 << 96) - 1)),
            false,
        )?;
        let speakers = slots.iter().filter(|s| s.quotes > 0).count();
        put(out, &speakers)?;
        for (slot, s) in slots.iter().enumerate().filter(|(_, s)| s.quotes > 0) {
            put(out, &slot)?;
            put(out, &(s.quotes as usize))?;
            for _ in 0..s.quotes {
                let quote = sorted_quotes
                    .next_record()?
                    .filter(|q| (q >> 96) as usize == slot)
                    .ok_or_else(|| io::Error::other("a speaker's quotes miscounted"))?;
                put(out, &quote_ref(quote))?;
            }
        }
        if sorted_quotes.next_record()?.is_some() {
            return Err(io::Error::other("a speaker's quotes miscounted"));
        }
        Ok(())
    }
}

/// A quote as a record: its speaker's slot, then the quote in its order.
fn quote_record(slot: u32, q: QuoteRef) -> u128 {
    (u128::from(slot) << 96)
        | (u128::from(q.article) << 64)
        | (u128::from(q.paragraph) << 48)
        | (u128::from(q.start) << 16)
        | u128::from(q.len)
}

fn quote_ref(record: u128) -> QuoteRef {
    QuoteRef {
        article: (record >> 64) as u32,
        paragraph: (record >> 48) as u16,
        start: (record >> 16) as u32,
        len: record as u16,
    }
}

/// Writes one value as postcard does inside a larger one (a struct's
/// fields, a sequence's length and elements are simply one after another).
fn put<T: serde::Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
    postcard::to_io(value, out)
        .map(|_| ())
        .map_err(io::Error::other)
}

/// Bytes written once and read back once, in order: a temporary file, or
/// memory when none can be made.
enum Scratch {
    File(io::BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Scratch {
    fn new(folder: Option<&Path>) -> Scratch {
        match runs::temporary(folder) {
            Ok(file) => Scratch::File(io::BufWriter::with_capacity(1 << 16, file)),
            Err(_) => Scratch::Memory(Vec::new()),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Scratch::File(out) => out.write_all(bytes),
            Scratch::Memory(out) => {
                out.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn read_back(self) -> io::Result<Box<dyn Read>> {
        match self {
            Scratch::File(out) => {
                let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.seek(SeekFrom::Start(0))?;
                Ok(Box::new(io::BufReader::with_capacity(1 << 16, file)))
            }
            Scratch::Memory(bytes) => Ok(Box::new(io::Cursor::new(bytes))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::super::{CollectionIndex, Renames, Unifier};
    use super::*;
    use crate::model::{Entity, Quote, Span};

    fn entity(name: &str, kind: EntityKind, mentions: usize) -> Entity {
        Entity {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            mentions: (0..mentions)
                .map(|i| Span::new(0, i * 10, i * 10 + 3))
                .collect(),
        }
    }

    /// A collection whose names need unifying: surnames, an alias, kinds
    /// that disagree, quotes by speakers that merge.
    fn collection() -> Vec<Analysis> {
        use EntityKind::{Organization, Person, Place};
        (0..300)
            .map(|i| {
                let mut entities = vec![
                    entity(
                        if i % 3 == 0 { "Blair" } else { "Tony Blair" },
                        Person,
                        1 + i % 4,
                    ),
                    entity(&format!("Person {}", i % 37), Person, 1),
                    entity(
                        if i % 5 == 0 { "Google" } else { "Google Inc" },
                        Organization,
                        2,
                    ),
                    entity("London", if i % 7 == 0 { Person } else { Place }, 1),
                ];
                if i % 11 == 0 {
                    entities.push(entity("Sky", Person, 1));
                }
                entities[2].aliases = vec!["Google".to_string()];
                let quotes = (0..i % 3)
                    .map(|q| Quote {
                        span: Span::new(q, 5, 20 + q),
                        speaker: Some(q % 2),
                    })
                    .collect();
                Analysis {
                    entities,
                    quotes,
                    ..Analysis::default()
                }
            })
            .collect()
    }

    /// The index built in memory, and as written by the spilled one (read
    /// back), for the same articles added in `order`.
    fn both(chunk_bytes: usize, order: &[usize]) -> (CollectionIndex, CollectionIndex, Renames) {
        let analyses = collection();
        let mut unifier = Unifier::default();
        for analysis in &analyses {
            unifier.add(analysis);
        }
        let renames = unifier.renames();
        assert!(!renames.names.is_empty(), "the fixture renames some names");
        let mut memory = CollectionIndex::default();
        let folder = tempfile::tempdir().unwrap();
        let mut spilled = SpilledIndex::with_chunk(Some(folder.path()), chunk_bytes);
        for &i in order {
            memory.add(i, &analyses[i]);
            spilled.add(i, &analyses[i]);
        }
        memory.rename(&renames);
        memory.sort();
        spilled.rename(&renames);
        let mut bytes = Vec::new();
        spilled.write_tail(&mut bytes).unwrap();
        let mut back: CollectionIndex = postcard::from_bytes(&bytes).unwrap();
        back.index_names(|_| {});
        (memory, back, renames)
    }

    /// Each speaker's quotes in article order (the index in memory keeps a
    /// merged speaker's after its own).
    fn quotes_sorted(index: &mut CollectionIndex) {
        for quotes in index.quotes.values_mut() {
            quotes.sort();
        }
    }

    #[test]
    fn the_written_index_reads_back_as_the_one_built_in_memory() {
        let order: Vec<usize> = (0..300).collect();
        // Many runs of a few records, and one sort in memory.
        for chunk_bytes in [256, CHUNK_BYTES] {
            let (mut memory, mut back, _) = both(chunk_bytes, &order);
            quotes_sorted(&mut memory);
            quotes_sorted(&mut back);
            assert_eq!(back.entities, memory.entities);
            assert_eq!(back.kind_votes, memory.kind_votes);
            assert_eq!(back.order, memory.order);
            assert_eq!(back.rank, memory.rank);
            assert_eq!(back.kind_counts, memory.kind_counts);
            assert_eq!(back.articles, memory.articles);
            assert_eq!(back.quotes, memory.quotes);
            assert!(back.is_consistent(300));
            // Merged: "Blair" is Tony Blair's, with his quotes.
            assert!(back.get("Blair").is_none());
            let tony = back.get("Tony Blair").unwrap();
            assert_eq!(tony.articles.len(), 300);
            assert!(!back.quotes_of("Tony Blair").is_empty());
        }
    }

    #[test]
    fn articles_added_out_of_order_give_the_same_lists() {
        let mut order: Vec<usize> = (0..300).collect();
        order.reverse();
        order.swap(3, 200);
        let (mut memory, mut back, _) = both(512, &order);
        quotes_sorted(&mut memory);
        quotes_sorted(&mut back);
        assert_eq!(back.entities, memory.entities);
        assert_eq!(back.quotes, memory.quotes);
        assert_eq!(back.order, memory.order);
    }
}
