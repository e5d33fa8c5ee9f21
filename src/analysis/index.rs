//! The cross-article step of entity analysis: [`unify`] makes the same
//! real-world entity carry the same canonical name in every article, and
//! [`CollectionIndex`] records which articles mention each entity.

mod unifier;

pub use unifier::{Renames, Unifier, apply_renames, unify};

use super::kinds;
use crate::model::{Analysis, EntityKind, Span};
use foldhash::HashMap;
use serde::{Deserialize, Serialize};

mod names;
use names::NameTable;

// `lede index` writes the index with its long lists on disk.
mod spilled;
pub use spilled::SpilledIndex;

// The reader's corrections (`crate::corrections`) change the index through these.
mod edit;
pub use edit::Saved;

/// One entity across the whole collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionEntity {
    pub name: String,
    pub kind: EntityKind,
    /// Indices of the articles that mention it, ascending (`u32`: half the
    /// memory of the index's largest part, and no collection comes near 4 billion).
    pub articles: Vec<u32>,
    /// Mentions summed over all articles.
    pub mentions: usize,
}

/// One quote of the collection, as the index keeps it for its speaker: 12
/// bytes, as a big collection holds millions (articles are cut into parts
/// far below 4 GiB; a quote longer than 64 KiB, or in a paragraph past the
/// 65,536th, is not kept: see [`QuoteRef::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QuoteRef {
    /// The article it is in.
    pub article: u32,
    paragraph: u16,
    start: u32,
    len: u16,
}

impl QuoteRef {
    /// The quote at `span` of `article`, if it fits the compact form.
    fn new(article: u32, span: Span) -> Option<Self> {
        Some(QuoteRef {
            article,
            paragraph: u16::try_from(span.paragraph).ok()?,
            start: u32::try_from(span.start).ok()?,
            len: u16::try_from(span.end.checked_sub(span.start)?).ok()?,
        })
    }

    /// The quoted words in the article.
    pub fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(
            usize::from(self.paragraph),
            start,
            start + usize::from(self.len),
        )
    }
}

/// Entities of the whole collection, keyed by canonical name. Built at once
/// ([`CollectionIndex::build`]) or one article at a time while a collection
/// streams in ([`CollectionIndex::add`], in any article order); the sidebar
/// order is recomputed on request ([`CollectionIndex::sort`]) because sorting
/// every name costs more than adding an article.
///
/// It is saved whole in a collection's snapshot ([`crate::cache::snapshot`]);
/// `by_name` is made again from `entities` when it is read back.
///
/// A million articles name about as many entities, so what is kept per
/// entity is kept small: slots and positions are `u32`, and the name lookup
/// holds slots, not a second copy of every name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CollectionIndex {
    /// In first-seen order; `order` gives the sidebar order.
    #[serde(deserialize_with = "names::exact_vec")]
    entities: Vec<CollectionEntity>,
    /// The slot of each entity's name (merged-away ones have none).
    #[serde(skip)]
    by_name: NameTable,
    /// Articles that gave each kind to the entity, in [`EntityKind::ALL`] order.
    #[serde(deserialize_with = "names::exact_vec")]
    kind_votes: Vec<[u32; 4]>,
    /// Entity slots in sidebar order, as of the last sort.
    #[serde(deserialize_with = "names::exact_vec")]
    order: Vec<u32>,
    /// Position of each entity in `order` (`u32::MAX` if added since).
    #[serde(deserialize_with = "names::exact_vec")]
    rank: Vec<u32>,
    /// Entities of each kind in `order`.
    kind_counts: [usize; 4],
    /// Articles added (each article once).
    articles: usize,
    /// What each speaker said, by entity slot, in the order added. Kept
    /// apart from [`CollectionEntity`]: few entities speak, and a list per
    /// entity would cost every one of them.
    quotes: HashMap<usize, Vec<QuoteRef>>,
    /// Whether the reader's corrections have changed it (such an index is
    /// not saved in a snapshot: the corrections apply anew at each start).
    #[serde(skip)]
    corrected: bool,
}

impl CollectionIndex {
    /// Builds the index from per-article analyses (in article order). Run
    /// [`unify`] first so that one entity has one name everywhere.
    ///
    /// Entities are ordered like a sidebar: kind, then number of articles
    /// (most first), then mentions, then name. A name used with different kinds
    /// in different articles takes the kind most articles give it.
    pub fn build(analyses: &[Analysis]) -> Self {
        let mut index = CollectionIndex::default();
        for (article, analysis) in analyses.iter().enumerate() {
            index.add(article, analysis);
        }
        index.sort();
        index
    }

    /// Adds one article's entities. Articles may come in any order, but each
    /// only once. The sidebar order is not updated: call [`CollectionIndex::sort`].
    pub fn add(&mut self, article: usize, analysis: &Analysis) {
        self.articles += 1;
        self.link(article, analysis, false);
    }

    /// Adds the entities of a new analysis of an article already in the
    /// index (its text replaced by the full article): the entities it did
    /// not have before are linked to it; those it had keep their counts.
    pub fn extend(&mut self, article: usize, analysis: &Analysis) {
        // The old quotes' spans were in the text that was replaced.
        let old = u32::try_from(article).unwrap_or(u32::MAX);
        self.quotes.retain(|_, quotes| {
            quotes.retain(|q| q.article != old);
            !quotes.is_empty()
        });
        self.link(article, analysis, true);
    }

    /// Takes out what `analysis` (renamed as the index is) of `article` had
    /// added: the article from its entities' lists, its mentions, its kind
    /// votes and its quotes. For an article whose file changed since the
    /// index was made (a collection reopened from its snapshot); an entity
    /// left with no article drops out of the sidebar at the next sort.
    pub fn subtract(&mut self, article: usize, analysis: &Analysis) {
        let article = u32::try_from(article).unwrap_or(u32::MAX);
        for quote in &analysis.quotes {
            let speaker = quote.speaker.and_then(|i| analysis.entities.get(i));
            let slot = speaker.and_then(|s| self.slot_of(&s.name));
            if let (Some(slot), Some(said)) = (slot, QuoteRef::new(article, quote.span))
                && let Some(quotes) = self.quotes.get_mut(&slot)
            {
                quotes.retain(|q| *q != said);
                if quotes.is_empty() {
                    self.quotes.remove(&slot);
                }
            }
        }
        for entity in &analysis.entities {
            let Some(slot) = self.slot_of(&entity.name) else {
                continue;
            };
            let e = &mut self.entities[slot];
            let Ok(at) = e.articles.binary_search(&article) else {
                continue;
            };
            e.articles.remove(at);
            e.mentions = e.mentions.saturating_sub(entity.mentions.len());
            let votes = &mut self.kind_votes[slot];
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == entity.kind) {
                votes[k] = votes[k].saturating_sub(1);
            }
            if votes.iter().any(|&v| v > 0) {
                e.kind = majority_kind(votes);
            }
        }
        self.articles = self.articles.saturating_sub(1);
    }

    /// Links each entity of `analysis` to `article`, counting its mentions
    /// and its kind's vote; with `new_only`, not those linked already.
    fn link(&mut self, article: usize, analysis: &Analysis, new_only: bool) {
        let article = u32::try_from(article).unwrap_or(u32::MAX);
        for quote in &analysis.quotes {
            if let Some(speaker) = quote.speaker.and_then(|i| analysis.entities.get(i)) {
                let slot = self.slot(&speaker.name, speaker.kind);
                if let Some(said) = QuoteRef::new(article, quote.span) {
                    self.quotes.entry(slot).or_default().push(said);
                }
            }
        }
        for entity in &analysis.entities {
            let slot = self.slot(&entity.name, entity.kind);
            let e = &mut self.entities[slot];
            match e.articles.binary_search(&article) {
                Ok(_) if new_only => continue,
                Ok(_) => {}
                Err(at) => e.articles.insert(at, article),
            }
            e.mentions += entity.mentions.len();
            let votes = &mut self.kind_votes[slot];
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == entity.kind) {
                votes[k] += 1;
            }
            e.kind = majority_kind(votes);
        }
    }

    /// The entity slot for `name`, made on first sight.
    fn slot(&mut self, name: &str, kind: EntityKind) -> usize {
        if let Some(slot) = self.slot_of(name) {
            return slot;
        }
        self.entities.push(CollectionEntity {
            name: name.to_string(),
            kind,
            articles: Vec::new(),
            mentions: 0,
        });
        self.kind_votes.push([0; 4]);
        self.rank.push(u32::MAX);
        let slot = self.entities.len() - 1;
        self.by_name.insert(&self.entities, slot);
        slot
    }

    /// The slot of the entity called `name`.
    fn slot_of(&self, name: &str) -> Option<usize> {
        self.by_name.find(&self.entities, name)
    }

    /// The sidebar order for the entities as they are now; does not change
    /// the index, so it can run while others read it (see [`Self::set_order`]).
    pub fn sorted_order(&self) -> Vec<u32> {
        let e = &self.entities;
        // Slots merged away by a rename have no articles left.
        let mut order: Vec<u32> = (0..e.len())
            .filter(|&i| !e[i].articles.is_empty())
            .map(|i| i as u32)
            .collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&e[a as usize], &e[b as usize]);
            x.kind
                .cmp(&y.kind)
                .then(y.articles.len().cmp(&x.articles.len()))
                .then(y.mentions.cmp(&x.mentions))
                .then_with(|| x.name.cmp(&y.name))
        });
        order
    }

    /// Installs an order made by [`Self::sorted_order`] on this index (entities
    /// added since are left out until the next sort).
    pub fn set_order(&mut self, order: Vec<u32>) {
        self.rank.iter_mut().for_each(|r| *r = u32::MAX);
        self.kind_counts = [0; 4];
        for (position, &slot) in order.iter().enumerate() {
            let slot = slot as usize;
            if let Some(r) = self.rank.get_mut(slot) {
                *r = position as u32;
            }
            if let Some(e) = self.entities.get(slot)
                && let Some(k) = EntityKind::ALL.iter().position(|&k| k == e.kind)
            {
                self.kind_counts[k] += 1;
            }
        }
        self.order = order;
    }

    /// Recomputes the sidebar order.
    pub fn sort(&mut self) {
        let order = self.sorted_order();
        self.set_order(order);
    }

    /// Gives back what the lists' growth reserved beyond what they hold (a
    /// list grown by doubling holds up to twice its length): once a
    /// collection is all in, before its names are unified, which needs room
    /// of its own. At a million articles the quotes' and articles' lists are
    /// most of the index (heaptrack at 100,000 files: the snapshot step's
    /// heap peak 228 MB without this, 200 MB with it; 192 MB shrinking every list).
    pub fn shrink_to_fit(&mut self) {
        // Only lists with room for 16 more: most of the room is in the long
        // lists, and a million short ones would take long under the lock.
        const ROOM: usize = 16;
        for entity in &mut self.entities {
            if entity.articles.capacity() - entity.articles.len() >= ROOM {
                entity.articles.shrink_to_fit();
            }
        }
        for quotes in self.quotes.values_mut() {
            if quotes.capacity() - quotes.len() >= ROOM {
                quotes.shrink_to_fit();
            }
        }
        self.entities.shrink_to_fit();
        self.kind_votes.shrink_to_fit();
        self.rank.shrink_to_fit();
        self.quotes.shrink_to_fit();
    }

    /// Whether entities were added since the last sort (counts may have
    /// changed too: re-sort after adding).
    pub fn order_is_stale(&self) -> bool {
        self.order.len() != self.by_name.len()
    }

    /// The collection entity with this canonical name.
    pub fn get(&self, name: &str) -> Option<&CollectionEntity> {
        self.slot_of(name).map(|i| &self.entities[i])
    }

    /// Every quote attributed to the entity called `name`, in the order the
    /// articles were added (not sorted: the caller orders them).
    pub fn quotes_of(&self, name: &str) -> &[QuoteRef] {
        self.slot_of(name)
            .and_then(|slot| self.quotes.get(&slot))
            .map_or(&[], Vec::as_slice)
    }

    /// Number of distinct entities.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Number of articles added.
    pub fn article_count(&self) -> usize {
        self.articles
    }

    /// Notes that the reader's corrections changed the index.
    pub fn note_corrected(&mut self) {
        self.corrected = true;
    }

    /// Whether the reader's corrections changed the index.
    pub fn is_corrected(&self) -> bool {
        self.corrected
    }

    /// Makes the name lookup again, for an index read back from a snapshot
    /// (which does not keep it: it is the entities' names once more), each
    /// name first passed through `clean` (the sanitiser).
    pub fn index_names(&mut self, clean: impl Fn(&mut String)) {
        for entity in &mut self.entities {
            clean(&mut entity.name);
        }
        self.by_name = NameTable::of(&self.entities);
    }

    /// Whether an index read back from a snapshot holds together for a
    /// collection of `articles` articles: every per-entity list as long as
    /// the entities, every slot and article number in range. A damaged one
    /// would otherwise panic where it is used.
    pub fn is_consistent(&self, articles: usize) -> bool {
        let slots = self.entities.len();
        let in_range = |article: u32| (article as usize) < articles;
        self.kind_votes.len() == slots
            && self.rank.len() == slots
            && self.order.iter().all(|&slot| (slot as usize) < slots)
            && self
                .rank
                .iter()
                .all(|&r| r == u32::MAX || (r as usize) < self.order.len())
            && self.entities.iter().all(|e| {
                e.articles.iter().all(|&a| in_range(a))
                    && e.articles.windows(2).all(|w| w[0] < w[1])
            })
            && self
                .quotes
                .iter()
                .all(|(&slot, quotes)| slot < slots && quotes.iter().all(|q| in_range(q.article)))
    }

    /// Entities in sidebar order (as of the last sort).
    pub fn sorted(&self) -> impl Iterator<Item = &CollectionEntity> {
        self.order.iter().map(|&slot| &self.entities[slot as usize])
    }

    /// The entity at `position` in sidebar order.
    pub fn at(&self, position: usize) -> Option<&CollectionEntity> {
        self.order
            .get(position)
            .map(|&slot| &self.entities[slot as usize])
    }

    /// The position of `name` in sidebar order, if it was there at the last sort.
    pub fn position(&self, name: &str) -> Option<usize> {
        let slot = self.slot_of(name)?;
        let rank = *self.rank.get(slot)?;
        (rank != u32::MAX).then_some(rank as usize)
    }

    /// Sorted entities of each kind, in [`EntityKind::ALL`] order.
    pub fn kind_counts(&self) -> [usize; 4] {
        self.kind_counts
    }

    /// Renames entities by `renames` (from [`Unifier::renames`]), in place:
    /// entities that come to share a name are merged (articles united,
    /// mentions and kind votes added up), and names whose articles disagree
    /// on their kind take the collection's. Call [`Self::sort`] after.
    ///
    /// This equals building the index from the renamed analyses, except that
    /// two entities of one article merged by a rename count as two kind votes.
    ///
    /// # Algorithm
    /// Each name is looked up once, as [`apply_renames`] does (no chains).
    /// First every renamed entity leaves the name table; then each goes to the
    /// entity now holding its new name, or takes the name itself when none
    /// does. Only renamed entities are touched, so the work is small however
    /// big the index, and no second index is built.
    pub fn rename(&mut self, renames: &Renames) {
        let (kinds, renames) = (&renames.kinds, &renames.names);
        let moving: Vec<usize> = (0..self.entities.len())
            .filter(|&slot| {
                renames.contains_key(&self.entities[slot].name)
                    && self.slot_of(&self.entities[slot].name) == Some(slot)
            })
            .collect();
        for &slot in &moving {
            self.by_name.remove(&self.entities, slot);
        }
        for slot in moving {
            let Some(new) = renames.get(&self.entities[slot].name) else {
                continue;
            };
            match self.slot_of(new) {
                Some(target) => {
                    let from = std::mem::take(&mut self.entities[slot].articles);
                    let mentions = std::mem::take(&mut self.entities[slot].mentions);
                    let votes = std::mem::take(&mut self.kind_votes[slot]);
                    let into = &mut self.entities[target];
                    into.articles = merge_sorted(&into.articles, &from);
                    into.mentions += mentions;
                    let total = &mut self.kind_votes[target];
                    for (t, v) in total.iter_mut().zip(votes) {
                        *t += v;
                    }
                    into.kind = majority_kind(total);
                    if let Some(said) = self.quotes.remove(&slot) {
                        self.quotes.entry(target).or_default().extend(said);
                    }
                    self.entities[slot].name.clear();
                    self.entities[slot].name.shrink_to_fit();
                }
                None => {
                    self.entities[slot].name.clone_from(new);
                    self.by_name.insert(&self.entities, slot);
                }
            }
        }
        // Rule 4: a name's non-place votes go to its collection kind, as
        // apply_renames turns those entities into that kind.
        for (name, &kind) in kinds {
            if let Some(slot) = self.slot_of(name) {
                self.entities[slot].kind = revote(&mut self.kind_votes[slot], name, kind);
            }
        }
        // Merged-away entities stay as empty slots, left out of the order.
        self.order.clear();
    }
}

/// Moves the votes of the entity called `name` to its collection `kind`
/// (rule 4 of [`Unifier::renames`]), but a place's where the name keeps
/// its place, as [`apply_renames`] does; the kind they give now.
fn revote(votes: &mut [u32; 4], name: &str, kind: EntityKind) -> EntityKind {
    let place = EntityKind::ALL
        .iter()
        .position(|&k| k == EntityKind::Place)
        .filter(|_| kinds::keeps_place(name));
    let moved: u32 = (0..4)
        .filter(|&k| Some(k) != place)
        .map(|k| std::mem::take(&mut votes[k]))
        .sum();
    if let Some(k) = EntityKind::ALL.iter().position(|&k| k == kind) {
        votes[k] += moved;
    }
    majority_kind(votes)
}

/// The kind with most votes; ties go to the earlier kind in [`EntityKind::ALL`].
fn majority_kind(votes: &[u32; 4]) -> EntityKind {
    (0..4)
        .max_by_key(|&k| (votes[k], std::cmp::Reverse(k)))
        .map_or(EntityKind::Other, |k| EntityKind::ALL[k])
}

/// The union of two ascending lists, ascending and without repeats.
fn merge_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x <= y => {
                i += 1;
                if x == y {
                    j += 1;
                }
                x
            }
            (_, Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn extend_links_the_new_entities_of_a_replaced_article_once() {
        use crate::model::{Entity, EntityKind, Span};
        let entity = |name: &str, mentions: usize| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: vec![name.to_string()],
            mentions: vec![Span::new(0, 0, 1); mentions],
        };
        let summary = Analysis {
            entities: vec![entity("Ada Brightwater", 1)],
            quotes: Vec::new(),
            evidence: Vec::new(),
        };
        let full = Analysis {
            entities: vec![entity("Ada Brightwater", 3), entity("Tom Saltmarsh", 2)],
            quotes: Vec::new(),
            evidence: Vec::new(),
        };
        let mut index = CollectionIndex::default();
        index.add(4, &summary);
        index.extend(4, &full);
        index.extend(4, &full);
        assert_eq!(index.article_count(), 1);
        let ada = index.get("Ada Brightwater").expect("kept");
        assert_eq!((ada.articles.as_slice(), ada.mentions), (&[4u32][..], 1));
        let tom = index.get("Tom Saltmarsh").expect("added");
        assert_eq!((tom.articles.as_slice(), tom.mentions), (&[4u32][..], 2));
    }

    #[test]
    fn a_quote_takes_twelve_bytes_and_an_outsized_one_is_not_kept() {
        assert_eq!(std::mem::size_of::<QuoteRef>(), 12);
        let kept = QuoteRef::new(7, Span::new(3, 100, 140)).expect("fits");
        assert_eq!((kept.article, kept.span()), (7, Span::new(3, 100, 140)));
        assert_eq!(QuoteRef::new(7, Span::new(70_000, 0, 10)), None);
        assert_eq!(QuoteRef::new(7, Span::new(0, 0, 70_000)), None);
    }

    #[test]
    fn quotes_follow_their_speaker_through_renames_and_replacements() {
        use crate::model::{Entity, EntityKind, Quote, Span};
        let person = |name: &str| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: vec![name.to_string()],
            mentions: vec![Span::new(0, 0, 1)],
        };
        let said = |paragraph: usize, speaker: Option<usize>| Quote {
            span: Span::new(paragraph, 2, 9),
            speaker,
        };
        let first = Analysis {
            entities: vec![person("Ada Brightwater"), person("Tom Saltmarsh")],
            quotes: vec![said(0, Some(0)), said(1, Some(1)), said(2, None)],
            evidence: Vec::new(),
        };
        let second = Analysis {
            entities: vec![person("Brightwater")],
            quotes: vec![said(3, Some(0))],
            evidence: Vec::new(),
        };
        let mut index = CollectionIndex::default();
        index.add(0, &first);
        index.add(1, &second);
        let refs = |index: &CollectionIndex, name: &str| -> Vec<(u32, usize)> {
            (index.quotes_of(name).iter())
                .map(|q| (q.article, q.span().paragraph))
                .collect()
        };
        assert_eq!(refs(&index, "Ada Brightwater"), [(0, 0)]);
        assert_eq!(refs(&index, "Tom Saltmarsh"), [(0, 1)]);
        assert!(index.quotes_of("Nobody").is_empty());

        // "Brightwater" is merged into the full name: its quote goes along.
        let renames = Renames {
            names: [("Brightwater".to_string(), "Ada Brightwater".to_string())]
                .into_iter()
                .collect(),
            kinds: HashMap::new(),
        };
        index.rename(&renames);
        let mut ada = refs(&index, "Ada Brightwater");
        ada.sort_unstable();
        assert_eq!(ada, [(0, 0), (1, 3)]);
        assert!(index.quotes_of("Brightwater").is_empty());

        // Article 0's text is replaced: its old quotes go, the new ones come.
        let full = Analysis {
            entities: vec![person("Tom Saltmarsh")],
            quotes: vec![said(5, Some(0))],
            evidence: Vec::new(),
        };
        index.extend(0, &full);
        assert_eq!(refs(&index, "Ada Brightwater"), [(1, 3)]);
        assert_eq!(refs(&index, "Tom Saltmarsh"), [(0, 5)]);
    }

    use super::*;
    use crate::analysis::{aliases, entities};
    use crate::model::{Entity, KindEvidence, Quote, Span};
    use foldhash::HashMapExt;

    fn analyse(text: &str) -> Analysis {
        let paragraphs: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).collect();
        let entities = aliases::merge(&paragraphs, entities::find_mentions(&paragraphs));
        Analysis {
            entities,
            quotes: Vec::new(),
            evidence: Vec::new(),
        }
    }

    fn names(a: &Analysis) -> Vec<&str> {
        a.entities.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn unify_gives_surnames_and_acronyms_the_collection_name() {
        let mut analyses = vec![
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_a.txt"
            )),
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_b.txt"
            )),
        ];
        assert!(names(&analyses[1]).contains(&"Varga"));
        unify(&mut analyses);
        assert!(
            names(&analyses[1]).contains(&"Helena Varga"),
            "{:?}",
            names(&analyses[1])
        );
        // Article a names the authority in full once and by acronym once: the longer form wins there,
        // and article b's "NRA" takes that name.
        assert!(
            names(&analyses[1]).contains(&"Northern Rail Authority"),
            "{:?}",
            names(&analyses[1])
        );
        let index = CollectionIndex::build(&analyses);
        let varga = index.get("Helena Varga").expect("indexed");
        assert_eq!(varga.articles, [0, 1]);
        assert_eq!(varga.mentions, 4);
        assert_eq!(
            index
                .get("Northern Rail Authority")
                .map(|e| e.articles.clone()),
            Some(vec![0, 1])
        );
        assert_eq!(index.get("Varga"), None);
    }

    fn one_entity(name: &str, kind: EntityKind) -> Analysis {
        Analysis {
            entities: vec![Entity {
                name: name.to_string(),
                kind,
                aliases: vec![name.to_string()],
                mentions: vec![Span::new(0, 0, name.len())],
            }],
            quotes: vec![Quote {
                span: Span::new(0, 0, 1),
                speaker: Some(0),
            }],
            evidence: Vec::new(),
        }
    }

    #[test]
    fn unify_gives_a_name_the_kind_most_articles_give_it_but_leaves_places() {
        let mut analyses = vec![
            one_entity("Zentrix", EntityKind::Organization),
            one_entity("Zentrix", EntityKind::Person),
            one_entity("Zentrix", EntityKind::Organization),
            one_entity("Leeds", EntityKind::Place),
            one_entity("Leeds", EntityKind::Organization),
            one_entity("Leeds", EntityKind::Organization),
        ];
        unify(&mut analyses);
        let kinds: Vec<EntityKind> = analyses.iter().map(|a| a.entities[0].kind).collect();
        use EntityKind::{Organization as O, Place as P};
        assert_eq!(kinds, [O, O, O, P, O, O]);
        assert_eq!(
            analyses[1].quotes[0].speaker,
            Some(0),
            "speaker still points at it"
        );
    }

    /// One article naming `name` once, as `kind`, with these cues around it.
    fn with(name: &str, kind: EntityKind, cues: [u16; 4]) -> Analysis {
        let mut a = one_entity(name, kind);
        let own = crate::analysis::kinds::name_evidence(&a.entities[0]);
        a.evidence = vec![KindEvidence { cues, own }];
        a
    }

    #[test]
    fn unify_gives_a_name_the_kind_its_cues_show_across_articles() {
        use EntityKind::{Organization as O, Person as P, Place as L};
        let mut analyses = vec![
            // Each article alone shows too little; together they show a club.
            with("Tolham", P, [0, 1, 0, 0]),
            with("Tolham", P, [0, 1, 0, 0]),
            with("Tolham", P, [0, 2, 0, 0]),
            // Cues for two kinds: the votes stand.
            with("Qarlow", P, [2, 2, 0, 0]),
            with("Qarlow", P, [0, 1, 0, 0]),
            // A known place keeps its kind; an unknown one follows its cues.
            with("London", L, [0, 4, 0, 0]),
            with("Yuletide", L, [0, 0, 0, 4]),
        ];
        let index_before = {
            let mut unifier = Unifier::default();
            for a in &analyses {
                unifier.add(a);
            }
            let mut index = CollectionIndex::build(&analyses);
            index.rename(&unifier.renames());
            index.sort();
            index
        };
        unify(&mut analyses);
        let kinds: Vec<EntityKind> = analyses.iter().map(|a| a.entities[0].kind).collect();
        assert_eq!(kinds, [O, O, O, P, P, L, EntityKind::Other]);
        // The index renamed in place agrees with the index of the unified analyses.
        let index_after = CollectionIndex::build(&analyses);
        for name in ["Tolham", "Qarlow", "London", "Yuletide"] {
            assert_eq!(
                index_before.get(name).map(|e| e.kind),
                index_after.get(name).map(|e| e.kind),
                "{name}"
            );
        }
    }

    #[test]
    fn a_names_own_words_count_as_two_articles_worth_across_the_collection() {
        use EntityKind::{Organization as O, Other as X, Person as P};
        // "Nations" is an organisation's word (2 in each article's cues), but
        // six articles' words around it say a contest (3 each): that is not
        // outweighed by the same word counted six times.
        let mut analyses: Vec<Analysis> = (0..6)
            .map(|_| with("Varno Nations", O, [0, 2, 0, 3]))
            .collect();
        // A first name that is also a common word ("Will") is a weak cue
        // for a title, the same in all five articles: the votes stand.
        analyses.extend((0..5).map(|_| with("Will Qarden", P, [0, 0, 0, 1])));
        unify(&mut analyses);
        let kinds: Vec<EntityKind> = analyses.iter().map(|a| a.entities[0].kind).collect();
        assert_eq!(kinds, [[X; 6].as_slice(), &[P; 5]].concat());
        assert_eq!(
            crate::analysis::kinds::name_evidence(&analyses[0].entities[0]),
            [0, 2, 0, 0]
        );
    }

    #[test]
    fn unify_breaks_an_even_split_of_kinds_by_the_cues_but_never_into_a_person() {
        use EntityKind::{Organization as O, Person as P, Place as L};
        let mut analyses = vec![
            // One article a firm, one a person; the cues say firm.
            with("Zentrix", O, [0, 4, 0, 0]),
            with("Zentrix", P, [0, 0, 0, 1]),
            // One article a place, one a person; a name's shape is no tie-breaker.
            with("Holt Park", L, [0, 0, 0, 0]),
            with("Holt Park", P, [1, 0, 0, 0]),
        ];
        unify(&mut analyses);
        let kinds: Vec<EntityKind> = analyses.iter().map(|a| a.entities[0].kind).collect();
        assert_eq!(kinds, [O, O, L, P]);
    }

    #[test]
    fn unify_never_renames_a_place_after_a_person() {
        let mut analyses = vec![
            analyse("Jason Scotland scored twice for Swansea."),
            analyse("Scotland beat Wales in Edinburgh."),
            analyse("Scotland lost to France in Paris."),
        ];
        unify(&mut analyses);
        for a in &analyses[1..] {
            assert!(names(a).contains(&"Scotland"), "{:?}", names(a));
            assert!(!names(a).contains(&"Jason Scotland"), "{:?}", names(a));
        }
    }

    #[test]
    fn a_name_its_words_show_for_a_place_takes_no_persons_name() {
        let mut analyses = vec![
            analyse("The actor Leslie Qranton starred. Qranton said so."),
            // "the MP for Qranton": the place's cues.
            with("Qranton", EntityKind::Place, [0, 0, 2, 0]),
            analyse("The coach Bernard Vexlo spoke. Vexlo said so."),
            // The tagger alone took the surname for a place.
            with("Vexlo", EntityKind::Place, [0, 0, 0, 0]),
        ];
        unify(&mut analyses);
        assert_eq!(names(&analyses[1]), ["Qranton"]);
        assert_eq!(analyses[1].entities[0].kind, EntityKind::Place);
        assert_eq!(names(&analyses[3]), ["Bernard Vexlo"]);
    }

    #[test]
    fn unify_names_a_place_by_its_most_used_form() {
        let mut analyses = vec![
            analyse("Talks in the UAE ended. The UAE said so."),
            analyse("The United Arab Emirates agreed."),
        ];
        unify(&mut analyses);
        assert_eq!(names(&analyses[1]), ["UAE"]);
        assert_eq!(analyses[1].entities[0].aliases, ["United Arab Emirates"]);
    }

    #[test]
    fn a_name_without_its_middle_initial_counts_for_the_dominant_surname() {
        let mut analyses = Vec::new();
        for _ in 0..7 {
            analyses.push(one_entity("Ann K Qarlow", EntityKind::Person));
        }
        for _ in 0..2 {
            analyses.push(one_entity("Ann Qarlow", EntityKind::Person));
            analyses.push(one_entity("Ben Qarlow", EntityKind::Person));
        }
        analyses.push(one_entity("Ann K. Qarlow", EntityKind::Person));
        analyses.push(one_entity("Qarlow", EntityKind::Person));
        analyses.push(one_entity("Qarlow", EntityKind::Person));
        analyses.push(one_entity("Qarlow", EntityKind::Organization));
        // A town's name that no article uses for the town is a surname too.
        analyses.push(one_entity("Ann W Bush", EntityKind::Person));
        analyses.push(one_entity("Ann Bush", EntityKind::Person));
        analyses.push(one_entity("Bush", EntityKind::Person));
        unify(&mut analyses);
        assert_eq!(names(&analyses[analyses.len() - 1]), ["Ann W Bush"]);
        // 10 articles of 12 name Ann K Qarlow, however written: the dominant Qarlow.
        for a in &analyses[..analyses.len() - 3] {
            let name = names(a)[0];
            assert!(
                ["Ann K Qarlow", "Ben Qarlow"].contains(&name)
                    || a.entities[0].kind != EntityKind::Person,
                "{name}"
            );
        }
    }

    #[test]
    fn a_one_word_name_whose_contexts_show_no_person_joins_no_full_name() {
        let person = EntityKind::Person;
        let mut analyses = vec![
            one_entity("Mary Quell", person),
            // "the band Quell", "Quell have played": organisation cues.
            with("Quell", person, [0, 4, 0, 0]),
            with("Quell", person, [0, 2, 0, 0]),
            one_entity("Ada Brightwater", person),
            with("Brightwater", person, [2, 0, 0, 0]),
        ];
        unify(&mut analyses);
        assert_eq!(names(&analyses[1]), ["Quell"]);
        assert_eq!(analyses[1].entities[0].kind, EntityKind::Organization);
        assert_eq!(names(&analyses[4]), ["Ada Brightwater"]);
    }

    #[test]
    fn unify_leaves_ambiguous_surnames_alone() {
        let mut analyses = vec![
            analyse("Anna Berg spoke."),
            analyse("Lars Berg spoke."),
            analyse("Later, Berg said no."),
        ];
        unify(&mut analyses);
        assert_eq!(names(&analyses[2]), ["Berg"]);
    }

    #[test]
    fn unify_merges_entities_that_meet_and_repoints_speakers() {
        let person = |name: &str, start: usize| Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: vec![name.into()],
            mentions: vec![Span::new(0, start, start + 4)],
        };
        let mut analyses = vec![
            Analysis {
                entities: vec![person("Nora Quist", 0)],
                quotes: Vec::new(),
                evidence: Vec::new(),
            },
            Analysis {
                entities: vec![
                    person("Olsen", 0),
                    person("Quist", 10),
                    person("Quist Co", 20),
                ],
                quotes: vec![Quote {
                    span: Span::new(0, 30, 40),
                    speaker: Some(1),
                }],
                evidence: Vec::new(),
            },
        ];
        unify(&mut analyses);
        let second = &analyses[1];
        let speaker = second.quotes[0]
            .speaker
            .and_then(|s| second.entities.get(s))
            .map(|e| e.name.as_str());
        assert_eq!(speaker, Some("Nora Quist"));
    }

    #[test]
    fn build_counts_articles_and_mentions() {
        let analyses = vec![
            analyse("Lima and Quito. Lima again."),
            analyse("Back in Lima."),
        ];
        let index = CollectionIndex::build(&analyses);
        let lima = index.get("Lima").expect("indexed");
        assert_eq!(
            (lima.articles.clone(), lima.mentions, lima.kind),
            (vec![0, 1], 3, EntityKind::Place)
        );
        assert_eq!(index.sorted().next().map(|e| e.name.as_str()), Some("Lima"));
    }

    #[test]
    fn unifier_gives_the_same_renames_in_any_article_order() {
        let analyses = [
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_a.txt"
            )),
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_b.txt"
            )),
            analyse("Talks in the UAE ended. The UAE said so."),
            analyse("The United Arab Emirates agreed with Ms Varga, the minister said."),
        ];
        let renames = |order: &[usize]| {
            let mut unifier = Unifier::default();
            for &i in order {
                unifier.add(&analyses[i]);
            }
            unifier.renames()
        };
        let forward = renames(&[0, 1, 2, 3]);
        assert_eq!(forward, renames(&[3, 2, 1, 0]));
        assert_eq!(forward, renames(&[1, 3, 0, 2]));
        assert_eq!(
            forward
                .names
                .get("United Arab Emirates")
                .map(String::as_str),
            Some("UAE")
        );
        assert_eq!(
            forward.names.get("Varga").map(String::as_str),
            Some("Helena Varga")
        );
    }

    #[test]
    fn shrinking_keeps_the_index_and_gives_back_the_long_lists_room() {
        let analysis =
            analyse("Mayor Jon Hale of Westford said \"the report is ready\" on Monday.");
        let mut index = CollectionIndex::default();
        for article in 0..40 {
            index.add(article, &analysis);
        }
        index.sort();
        let before: Vec<CollectionEntity> = index.sorted().cloned().collect();
        let westford =
            |index: &CollectionIndex| index.get("Westford").map(|e| e.articles.capacity());
        assert!(westford(&index) > Some(40));
        index.shrink_to_fit();
        assert_eq!(westford(&index), Some(40));
        assert_eq!(index.sorted().cloned().collect::<Vec<_>>(), before);
    }

    #[test]
    fn renamed_index_matches_the_index_of_unified_analyses() {
        let analyses = vec![
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_a.txt"
            )),
            analyse(include_str!(
                "../../assets/fixtures/entities/collection_b.txt"
            )),
            analyse("The United Arab Emirates agreed. Talks in the UAE ended."),
            analyse("In the UAE, Varga said no."),
        ];
        let mut streamed = CollectionIndex::default();
        let mut unifier = Unifier::default();
        for i in [2, 0, 3, 1] {
            streamed.add(i, &analyses[i]);
            unifier.add(&analyses[i]);
        }
        streamed.rename(&unifier.renames());
        streamed.sort();
        let mut unified = analyses.clone();
        unify(&mut unified);
        let built = CollectionIndex::build(&unified);
        // Every field of every entity, in sidebar order.
        let rows = |index: &CollectionIndex| index.sorted().cloned().collect::<Vec<_>>();
        assert_eq!(rows(&streamed), rows(&built));
        assert_eq!(streamed.position("UAE"), built.position("UAE"));
    }

    #[test]
    fn add_keeps_articles_ascending_whatever_the_order() {
        let mut index = CollectionIndex::default();
        for i in [3, 0, 2, 1] {
            index.add(i, &analyse("Lima was quiet."));
        }
        assert_eq!(
            index.get("Lima").map(|e| e.articles.clone()),
            Some(vec![0, 1, 2, 3])
        );
        assert!(index.order_is_stale());
        index.sort();
        assert_eq!(index.position("Lima"), Some(0));
        assert_eq!(index.kind_counts()[2], 1);
    }

    #[test]
    fn rename_looks_each_name_up_once_like_apply_renames() {
        let places = |names: &[&str]| Analysis {
            entities: names
                .iter()
                .map(|n| one_entity(n, EntityKind::Place).entities.remove(0))
                .collect(),
            quotes: Vec::new(),
            evidence: Vec::new(),
        };
        let mut index = CollectionIndex::default();
        index.add(0, &places(&["Lima"]));
        index.add(1, &places(&["Quito"]));
        index.add(2, &places(&["Cusco", "Lima"]));
        let renames = Renames {
            names: [("Lima", "Quito"), ("Quito", "Cusco")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into_iter()
                .collect(),
            kinds: HashMap::new(),
        };
        index.rename(&renames);
        index.sort();
        let articles = |name: &str| index.get(name).map(|e| e.articles.clone());
        assert_eq!(articles("Quito"), Some(vec![0, 2]));
        assert_eq!(articles("Cusco"), Some(vec![1, 2]));
        assert_eq!(articles("Lima"), None);
        assert_eq!(index.len(), 2);
        assert_eq!(index.sorted().count(), 2);
    }

    #[test]
    fn apply_renames_merges_entities_that_now_share_a_name() {
        let entity = |name: &str, aliases: &[&str], mentions: &[usize]| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(ToString::to_string).collect(),
            mentions: mentions.iter().map(|&p| Span::new(p, 0, 1)).collect(),
        };
        // Thousands of names renamed to one: each joins without a search.
        let mut entities = vec![entity("Helena Varga", &["Helena Varga"], &[5, 1])];
        let mut renames = Renames::default();
        for n in 0..2_000 {
            let name = format!("Varga{n}");
            entities.push(entity(&name, &[name.as_str(), "Varga"], &[n % 7, 9]));
            renames.names.insert(name, "Helena Varga".to_string());
        }
        entities.push(entity("Ali Reza", &["Ali Reza"], &[3]));
        let mut analysis = Analysis {
            entities,
            quotes: vec![Quote {
                span: Span::new(0, 0, 1),
                speaker: Some(2_001),
            }],
            evidence: Vec::new(),
        };
        apply_renames(&mut analysis, &renames);
        assert_eq!(names(&analysis), ["Helena Varga", "Ali Reza"]);
        let varga = &analysis.entities[0];
        assert_eq!(varga.aliases.len(), 2_002);
        assert_eq!(&varga.aliases[..3], ["Helena Varga", "Varga0", "Varga"]);
        let paragraphs: Vec<usize> = varga.mentions.iter().map(|m| m.paragraph).collect();
        assert_eq!(paragraphs, [0, 1, 2, 3, 4, 5, 6, 9]);
        assert_eq!(analysis.quotes[0].speaker, Some(1));
    }
}
