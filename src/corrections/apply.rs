//! The corrections applied: to one article's analysis (the body's marks, the
//! article sidebar, quotes and their speakers, `lede dump`), and to the
//! collection index (the collection sidebar, `f`, the quotes view, `lede
//! entities`). Both run after names are unified, and both are idempotent:
//! applying the same corrections twice changes nothing more.
//!
//! Order: splits, then aliases, then merges, kinds, and last hides, so that a
//! split alias can itself be merged or hidden, and an alias added to an entity
//! follows that entity into a merge.

use super::Corrections;
use crate::analysis::index::{CollectionIndex, Renames};
use crate::model::{Analysis, Entity, EntityKind, Span};

impl Corrections {
    /// Applies the corrections to the analysis of an article with these
    /// `paragraphs`: entities renamed, merged, re-kinded, hidden, split;
    /// phrases given as aliases marked as mentions; speakers re-pointed (a
    /// hidden speaker's quotes have none). Entities are sorted as the
    /// analysis sorts them.
    pub fn apply(&self, paragraphs: &[String], analysis: &mut Analysis) {
        if self.is_empty() {
            return;
        }
        let mut work = Work {
            entities: std::mem::take(&mut analysis.entities),
            went_to: Vec::new(),
        };
        work.went_to = vec![None; work.entities.len()];
        for split in &self.splits {
            work.split(paragraphs, split);
        }
        for (phrase, target) in &self.aliases {
            let kind = self.kinds.get(target).copied();
            work.add_alias(paragraphs, phrase, target, kind);
        }
        // A merged entity takes the kind of the entity it joins, where the article has it.
        let kind_of: std::collections::HashMap<String, EntityKind> = work
            .entities
            .iter()
            .filter(|e| !self.merges.contains_key(&e.name))
            .map(|e| (e.name.clone(), e.kind))
            .collect();
        // An entity named by an alias's phrase itself is that alias's entity.
        let named_by_phrase: std::collections::HashMap<&str, &String> = self
            .aliases
            .iter()
            .map(|(phrase, target)| (phrase.as_str(), target))
            .collect();
        for entity in &mut work.entities {
            if let Some(&target) = named_by_phrase.get(entity.name.as_str()) {
                entity
                    .name
                    .clone_from(self.merges.get(target).unwrap_or(target));
            }
            if let Some(into) = self.merges.get(&entity.name) {
                entity.name.clone_from(into);
                if let Some(&kind) = kind_of.get(into) {
                    entity.kind = kind;
                }
            }
            if let Some(&kind) = self.kinds.get(&entity.name) {
                entity.kind = kind;
            }
        }
        let speakers: Vec<Option<usize>> = analysis.quotes.iter().map(|q| q.speaker).collect();
        let (entities, new_speakers) = work.finish(&self.hidden, &speakers);
        analysis.entities = entities;
        for (quote, speaker) in analysis.quotes.iter_mut().zip(new_speakers) {
            quote.speaker = speaker;
        }
    }

    /// Applies the corrections to a collection index whose names are
    /// unified. `hits(phrase)` gives the articles whose text holds `phrase`
    /// as a whole word, with how often (for aliases and splits: the index has
    /// no text). Call once per index (counts are added).
    pub fn apply_to_index(
        &self,
        index: &mut CollectionIndex,
        hits: &dyn Fn(&str) -> Vec<(usize, usize)>,
    ) {
        for split in &self.splits {
            let Some(from) = index.get(&split.from).map(|e| e.articles.clone()) else {
                continue;
            };
            let mut moved = 0;
            for (article, count) in hits(&split.alias) {
                if from.binary_search(&as_u32(article)).is_ok() {
                    index.add_mentions(&split.alias, split.kind, article, count);
                    moved += count;
                }
            }
            index.remove_mentions(&split.from, moved);
        }
        for (phrase, target) in &self.aliases {
            let kind = self
                .kinds
                .get(target)
                .copied()
                .or_else(|| index.get(target).map(|e| e.kind))
                .or_else(|| index.get(phrase).map(|e| e.kind))
                .unwrap_or(EntityKind::Other);
            // An entity named by the phrase itself is the target.
            if phrase != target && index.get(phrase).is_some() {
                let names = [(phrase.clone(), target.clone())].into_iter().collect();
                index.rename(&Renames {
                    names,
                    ..Renames::default()
                });
            }
            for (article, count) in hits(phrase) {
                let linked = index
                    .get(target)
                    .is_some_and(|e| e.articles.binary_search(&as_u32(article)).is_ok());
                // Where the entity is named already the phrase is often one of its mentions.
                if !linked {
                    index.add_mentions(target, kind, article, count);
                }
            }
        }
        self.apply_names_to_index(index);
    }

    /// The phrases whose places in the text the index needs ([`Self::apply_to_index`]):
    /// the aliases, then the split aliases, each once.
    pub fn phrases(&self) -> Vec<&str> {
        let mut phrases: Vec<&str> = Vec::new();
        let all = self.aliases.iter().map(|(p, _)| p.as_str());
        for p in all.chain(self.splits.iter().map(|s| s.alias.as_str())) {
            if !phrases.contains(&p) {
                phrases.push(p);
            }
        }
        phrases
    }

    /// Corrects a table of collection name → its other names and surface
    /// forms (`lede entities`' aliases column).
    pub fn correct_aliases(
        &self,
        aliases: &mut foldhash::HashMap<String, std::collections::BTreeSet<String>>,
    ) {
        for split in &self.splits {
            if aliases
                .get_mut(&split.from)
                .is_some_and(|set| set.remove(&split.alias))
            {
                aliases.entry(split.alias.clone()).or_default();
            }
        }
        for (phrase, target) in &self.aliases {
            aliases
                .entry(target.clone())
                .or_default()
                .insert(phrase.clone());
        }
        for (from, into) in &self.merges {
            if let Some(mut set) = aliases.remove(from) {
                set.insert(from.clone());
                aliases.entry(into.clone()).or_default().extend(set);
            }
        }
        for name in &self.hidden {
            aliases.remove(name);
        }
    }

    /// The corrections that need no text (merges, kinds, hides) applied to
    /// `index`, sorted after; again after articles were added, they undo
    /// what the new articles brought back.
    pub fn apply_names_to_index(&self, index: &mut CollectionIndex) {
        let names = self
            .merges
            .iter()
            .filter(|(from, _)| index.get(from).is_some())
            .map(|(from, into)| (from.clone(), into.clone()))
            .collect::<foldhash::HashMap<_, _>>();
        if !names.is_empty() {
            // A merged entity takes the kind of the entity it joins.
            let kinds: Vec<(String, EntityKind)> = names
                .values()
                .filter_map(|into| index.get(into).map(|e| (into.clone(), e.kind)))
                .collect();
            index.rename(&Renames {
                names,
                ..Renames::default()
            });
            for (name, kind) in kinds {
                index.set_kind(&name, kind);
            }
        }
        for (name, &kind) in &self.kinds {
            index.set_kind(name, kind);
        }
        for name in &self.hidden {
            index.remove(name);
        }
        index.sort();
    }
}

/// The whole-word, case-sensitive places of `phrase` in `text`.
pub fn find_phrase(text: &str, phrase: &str) -> Vec<std::ops::Range<usize>> {
    if phrase.is_empty() {
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    memchr::memmem::find_iter(text.as_bytes(), phrase.as_bytes())
        .map(|start| start..start + phrase.len())
        .filter(|r| {
            // The first and last characters of the phrase border on words only
            // if they are word characters themselves ("U.S." ends in a dot).
            let first = phrase.chars().next();
            let last = phrase.chars().next_back();
            let before = text[..r.start].chars().next_back();
            let after = text[r.end..].chars().next();
            let joined_before = word(first) && word(before);
            let joined_after = word(last) && word(after);
            !joined_before && !joined_after
        })
        .collect()
}

/// How many whole-word places of `phrase` the article's `paragraphs` hold.
pub fn count_phrase(paragraphs: &[String], phrase: &str) -> usize {
    paragraphs
        .iter()
        .map(|p| find_phrase(p, phrase).len())
        .sum()
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An analysis's entities being corrected; `went_to[i]` is the entity an
/// emptied entity's mentions went to (its quotes follow them).
struct Work {
    entities: Vec<Entity>,
    went_to: Vec<Option<usize>>,
}

impl Work {
    /// The entity called `name`, made of `kind` if there is none.
    fn entity(&mut self, name: &str, kind: EntityKind) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.name == name) {
            return i;
        }
        self.entities.push(Entity {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
        self.went_to.push(None);
        self.entities.len() - 1
    }

    /// Mentions of `split.from` that read `split.alias` go to an entity of their own.
    fn split(&mut self, paragraphs: &[String], split: &super::Split) {
        let Some(from) = self.entities.iter().position(|e| e.name == split.from) else {
            return;
        };
        let text = |s: &Span| {
            paragraphs
                .get(s.paragraph)
                .and_then(|p| p.get(s.range()))
                .unwrap_or("")
        };
        let (moved, kept): (Vec<Span>, Vec<Span>) = self.entities[from]
            .mentions
            .iter()
            .partition(|s| text(s) == split.alias);
        if moved.is_empty() {
            return;
        }
        self.entities[from].mentions = kept;
        self.entities[from].aliases.retain(|a| *a != split.alias);
        let to = self.entity(&split.alias, split.kind);
        self.entities[to].kind = split.kind;
        self.join(to, moved, &split.alias);
        if self.entities[from].mentions.is_empty() {
            self.went_to[from] = Some(to);
        }
    }

    /// Every whole-word place of `phrase` becomes a mention of `target`,
    /// taking the place of mentions inside it; a place that crosses a
    /// mention, or lies inside a longer one, is left alone.
    fn add_alias(
        &mut self,
        paragraphs: &[String],
        phrase: &str,
        target: &str,
        kind: Option<EntityKind>,
    ) {
        let mut found: Vec<Span> = Vec::new();
        // Kinds of the mentions the phrase took over, for a new entity's kind.
        let mut absorbed: Vec<EntityKind> = Vec::new();
        for (p, text) in paragraphs.iter().enumerate() {
            for r in find_phrase(text, phrase) {
                let span = Span::new(p, r.start, r.end);
                let overlaps = |m: &Span| m.paragraph == p && m.start < r.end && r.start < m.end;
                let inside = |m: &Span| r.start <= m.start && m.end <= r.end;
                let blocked = self
                    .entities
                    .iter()
                    .any(|e| e.mentions.iter().any(|m| overlaps(m) && !inside(m)));
                if blocked {
                    continue;
                }
                for i in 0..self.entities.len() {
                    let e = &mut self.entities[i];
                    let before = e.mentions.len();
                    e.mentions.retain(|m| !overlaps(m));
                    if e.mentions.len() != before {
                        absorbed.push(e.kind);
                    }
                }
                found.push(span);
            }
        }
        if found.is_empty() {
            return;
        }
        let kind = kind
            .or_else(|| {
                self.entities
                    .iter()
                    .find(|e| e.name == target)
                    .map(|e| e.kind)
            })
            .or_else(|| absorbed.first().copied())
            .unwrap_or(EntityKind::Other);
        let to = self.entity(target, kind);
        self.join(to, found, phrase);
        for i in 0..self.entities.len() {
            if i != to && self.entities[i].mentions.is_empty() && self.went_to[i].is_none() {
                self.went_to[i] = Some(to);
            }
        }
    }

    /// Adds `mentions` (and the alias they read) to entity `to`, in text order.
    fn join(&mut self, to: usize, mentions: Vec<Span>, alias: &str) {
        let e = &mut self.entities[to];
        e.mentions.extend(mentions);
        e.mentions.sort();
        e.mentions.dedup();
        if !e.aliases.iter().any(|a| a == alias) {
            e.aliases.push(alias.to_string());
        }
    }

    /// Entities sharing a name become one, hidden and emptied ones go, the
    /// rest are sorted (kind, mentions, name); returns them with each quote's
    /// speaker re-pointed.
    fn finish(
        self,
        hidden: &std::collections::BTreeSet<String>,
        speakers: &[Option<usize>],
    ) -> (Vec<Entity>, Vec<Option<usize>>) {
        let Work { entities, went_to } = self;
        let mut merged: Vec<Entity> = Vec::new();
        let mut old_to_new: Vec<Option<usize>> = Vec::with_capacity(entities.len());
        for e in entities {
            if e.mentions.is_empty() || hidden.contains(&e.name) {
                old_to_new.push(None);
                continue;
            }
            if let Some(at) = merged.iter().position(|m| m.name == e.name) {
                let m = &mut merged[at];
                for a in e.aliases {
                    if !m.aliases.contains(&a) {
                        m.aliases.push(a);
                    }
                }
                m.mentions.extend(e.mentions);
                m.mentions.sort();
                m.mentions.dedup();
                old_to_new.push(Some(at));
            } else {
                merged.push(e);
                old_to_new.push(Some(merged.len() - 1));
            }
        }
        // An emptied entity's quotes go where its mentions went.
        let target = |mut i: usize| {
            for _ in 0..went_to.len() {
                match (
                    old_to_new.get(i).copied().flatten(),
                    went_to.get(i).copied().flatten(),
                ) {
                    (Some(new), _) => return Some(new),
                    (None, Some(next)) => i = next,
                    (None, None) => return None,
                }
            }
            None
        };
        let mut order: Vec<usize> = (0..merged.len()).collect();
        order.sort_by(|&a, &b| merged[a].sidebar_order(&merged[b]));
        let mut position = vec![0; merged.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        let speakers = speakers
            .iter()
            .map(|s| s.and_then(target).map(|m| position[m]))
            .collect();
        let mut slots: Vec<Option<Entity>> = merged.into_iter().map(Some).collect();
        let entities = order.iter().filter_map(|&i| slots[i].take()).collect();
        (entities, speakers)
    }
}
