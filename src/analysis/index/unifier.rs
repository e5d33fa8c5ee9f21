//! How [`unify`] decides: the [`Unifier`] gathers, one article at a time,
//! what the collection says of each name, and [`Unifier::renames`] turns it
//! into a collection name and kind for each ([`Renames`]), which
//! [`apply_renames`] gives each article.

use super::majority_kind;
use super::names::NamedSlots;
use crate::analysis::gazetteer;
use crate::analysis::kinds;
use crate::analysis::merges::{self, NameUse, SurnameOwners};
use crate::analysis::names::normalise;
use crate::model::{Analysis, Entity, EntityKind, KindEvidence};
use foldhash::{HashMap, HashMapExt, HashSet};

/// Cues a name needs across the collection before they overrule its votes
/// (an article alone needs two, [`kinds::apply`]; on CoNLL-2003 dev two
/// across the collection cost more than they gave).
const COLLECTION_CUES: u32 = 3;

/// Gives every entity one canonical name across the collection, merging
/// entities of an article that turn out to be the same, and keeping each
/// article's quote speakers pointing at the right entity. The same as adding
/// every analysis to a [`Unifier`] and applying its renames to each.
pub fn unify(analyses: &mut [Analysis]) {
    let mut unifier = Unifier::default();
    for analysis in analyses.iter() {
        unifier.add(analysis);
    }
    let renames = unifier.renames();
    for analysis in analyses.iter_mut() {
        apply_renames(analysis, &renames);
    }
}

/// What [`unify`] decided for a collection: the collection name of each name
/// that changes, and the kind of each name whose articles disagree on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Renames {
    /// Old name → collection name (looked up once, never in a chain).
    pub names: HashMap<String, String>,
    /// Collection name → the kind most of its articles give it (places keep theirs).
    pub kinds: HashMap<String, EntityKind>,
}

impl Renames {
    /// The collection name for `name`.
    pub fn name<'a>(&'a self, name: &'a str) -> &'a str {
        self.names.get(name).map_or(name, String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.kinds.is_empty()
    }
}

/// Owners an alias keeps count of before it counts as "many": enough for a
/// party's nickname shared with one faction ("Labour" of "Labour Party" and
/// "New Labour"), few enough to stay small.
const FEW_OWNERS: usize = 4;

/// Share of an alias's articles (in per cent) its dominant owner needs.
const DOMINANT_OWNER: u32 = 80;

/// The owners of a name, each with the number of articles where the name
/// is its alias: a few, or many (the rules act on none then).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owners {
    Few(Vec<(Box<str>, u32)>),
    Many,
}

impl Owners {
    /// Counts `owner` in.
    fn with(&mut self, owner: &str) {
        let Owners::Few(list) = self else {
            return;
        };
        if let Some((_, n)) = list.iter_mut().find(|(o, _)| **o == *owner) {
            *n += 1;
        } else if list.len() < FEW_OWNERS {
            list.push((owner.into(), 1));
        } else {
            *self = Owners::Many;
        }
    }

    /// The owner of a name: the only one, or one with at least
    /// [`DOMINANT_OWNER`] per cent of its articles.
    fn one(slot: Option<&Owners>) -> Option<&str> {
        let Some(Owners::Few(list)) = slot else {
            return None;
        };
        let total: u32 = list.iter().map(|(_, n)| n).sum();
        let (owner, top) = list
            .iter()
            .max_by_key(|(o, n)| (*n, std::cmp::Reverse(o)))?;
        (top * 100 >= total * DOMINANT_OWNER).then_some(owner)
    }
}

/// Adds `owner` to the owners of `key`.
fn add_owner(map: &mut HashMap<String, Owners>, key: &str, owner: &str) {
    match map.get_mut(key) {
        Some(owners) => owners.with(owner),
        None => {
            map.insert(key.to_string(), Owners::Few(vec![(owner.into(), 1)]));
        }
    }
}

/// How many articles' worth a name's own cues count across the collection:
/// two, so that a strong one (2: a listed company, an organisation's or an
/// event's word) clears [`COLLECTION_CUES`] alone in two articles, as it
/// clears an article's bar alone; a weak one (1: a first name's shape, a
/// title's opening word) needs a cue around the name ("Will Young" was
/// made a work in his five articles by his first name's being a common
/// word); and neither outweighs what its articles' words say.
const OWN_CUES_ARTICLES: u32 = 2;

/// What the rules need to know about one entity name.
#[derive(Debug, Clone, Default)]
struct NameFacts {
    /// Articles that use it as an entity name.
    articles: u32,
    /// Used at least once by an entity that is not a one-word person (rule 2 may rename it).
    not_surname: bool,
    /// Used at least once by a one-word person (rule 3 may rename it).
    surname: bool,
    /// Entities of each kind with this name, in [`EntityKind::ALL`] order (rule 4).
    kinds: [u32; 4],
    /// Cues for each kind in the words around it, summed over its articles (rule 4).
    context: [u32; 4],
    /// Cues in the name itself ([`kinds::name_evidence`]), the most any
    /// article gave: an article repeats them, it adds nothing to them ("Six
    /// Nations" has an organisation's word in each of its 76 articles, and
    /// that is not 76 times the evidence of the words around it, which say
    /// a contest), so they count as [`OWN_CUES_ARTICLES`] articles' worth.
    own: [u16; 4],
}

impl NameFacts {
    /// Adds the facts of another name that takes this one's collection name
    /// (rule 4): its articles, votes and context cues; its own words' cues
    /// only where they outnumber these, so that each spelling does not bring
    /// its own two articles' worth.
    fn absorb(&mut self, other: &NameFacts) {
        self.articles += other.articles;
        for (total, n) in self.kinds.iter_mut().zip(other.kinds) {
            *total += n;
        }
        for (total, n) in self.context.iter_mut().zip(other.context) {
            *total += n;
        }
        for (most, n) in self.own.iter_mut().zip(other.own) {
            *most = (*most).max(n);
        }
    }

    /// The cues for each kind across the collection: its name's as
    /// [`OWN_CUES_ARTICLES`] articles' worth, the words around it in every
    /// article.
    fn evidence(&self) -> [u32; 4] {
        let mut all = self.context;
        for (total, n) in all.iter_mut().zip(self.own) {
            *total += u32::from(n) * self.articles.min(OWN_CUES_ARTICLES);
        }
        all
    }
}

/// The collection-wide facts [`unify`] decides on, gathered one article at a
/// time and in any order (every fact is a count or a set), so a streaming
/// reader can feed articles as they are analysed and ask for the renames at
/// the end. Memory grows with the number of distinct names, not of articles.
#[derive(Debug, Clone, Default)]
pub struct Unifier {
    /// Rule 1: for each gazetteer place, the mentions of each name used for it.
    place_names: HashMap<&'static str, HashMap<String, usize>>,
    /// Rule 2: the names each normalised alias belongs to, where it is not the name itself.
    alias_owner: HashMap<String, Owners>,
    names: FactsByName,
}

/// Each name's [`NameFacts`], the names end to end in one buffer: at a
/// million articles about a million names, and a `HashMap<String, _>`
/// entry costs twice what these do.
#[derive(Debug, Clone, Default)]
struct FactsByName {
    names: NamedSlots,
    facts: Vec<NameFacts>,
}

impl FactsByName {
    fn get(&self, name: &str) -> Option<&NameFacts> {
        self.facts.get(self.names.find(name)?)
    }

    /// The facts of `name`, new ones on first sight.
    fn get_or_add(&mut self, name: &str) -> &mut NameFacts {
        let (slot, new) = self.names.find_or_add(name);
        if new {
            self.facts.push(NameFacts::default());
        }
        &mut self.facts[slot]
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &NameFacts)> + Clone {
        self.names.iter().zip(&self.facts)
    }
}

impl Unifier {
    /// Adds one article's entities (as the article's own analysis names them).
    pub fn add(&mut self, analysis: &Analysis) {
        for (i, e) in analysis.entities.iter().enumerate() {
            if e.kind == EntityKind::Place
                && let Some(p) = gazetteer::place(&e.name)
            {
                *self
                    .place_names
                    .entry(p.canonical)
                    .or_default()
                    .entry(e.name.clone())
                    .or_default() += e.mentions.len();
            }
            for alias in &e.aliases {
                let a = normalise(alias);
                if a != e.name {
                    add_owner(&mut self.alias_owner, &a, &e.name);
                }
            }
            let one_word = !e.name.contains(' ');
            let facts = self.names.get_or_add(&e.name);
            facts.articles += 1;
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == e.kind) {
                facts.kinds[k] += 1;
            }
            if let Some(ev) = analysis.evidence.get(i) {
                for ((total, n), own) in facts.context.iter_mut().zip(ev.cues).zip(ev.own) {
                    *total += u32::from(n.saturating_sub(own));
                }
                for (most, n) in facts.own.iter_mut().zip(ev.own) {
                    *most = (*most).max(n);
                }
            }
            if e.kind == EntityKind::Person && one_word {
                facts.surname = true;
            } else {
                facts.not_surname = true;
            }
        }
    }

    /// The renames (old name → collection name) for everything added so far.
    ///
    /// # Algorithm
    /// 1. Places the gazetteer knows are grouped by their gazetteer place; the
    ///    group's name is its most used name across the collection ("UAE" beats
    ///    "United Arab Emirates" if articles say it more).
    /// 2. Every other entity name that is an alias of exactly one entity
    ///    elsewhere (or of one in at least 80% of the articles where it is an
    ///    alias), under a different name, takes that name (an article that
    ///    only says "Revolutionary Guard" gets the collection's "IRGC"), unless
    ///    more articles use it as a name than use the other.
    /// 3. A one-word person (a surname) takes the full name of the one person in
    ///    the collection whose surname it is; with two candidates it stays as is.
    ///    A name also used for a place or any other kind of entity is left alone.
    ///    Before, a full name without its middle initials ("George Bush") joins
    ///    the one fuller name of that person ("George W Bush",
    ///    [`merges::middle_initials`]) and counts with it.
    /// 4. A name given different kinds in different articles takes the kind most
    ///    of its articles give it ("Google" tagged a person in one article, an
    ///    organization in five), like the tagger's document pass, collection-wide.
    ///    Then the cues around the name in all its articles may overrule the
    ///    votes, when they clearly show another kind ([`kinds::decide`]:
    ///    "Chelsea beat Arsenal 2-1", "shares in Yukos", "the film Vera Drake").
    ///    Places the gazetteer knows are left alone: a place name used for a
    ///    team or a government ("Leeds won", "Washington said") is a different
    ///    thing in that article.
    pub fn renames(&self) -> Renames {
        let mut rename: HashMap<String, String> = HashMap::new();

        // 1. Places by gazetteer identity.
        for names in self.place_names.values() {
            if let Some((best, _)) = names
                .iter()
                .max_by_key(|(n, c)| (**c, n.len(), std::cmp::Reverse(n.as_str())))
            {
                for n in names.keys().filter(|n| *n != best) {
                    rename.insert(n.clone(), best.clone());
                }
            }
        }

        // 2. Aliases of one named entity elsewhere; surnames are rule 3's, places rule 1's.
        let used = |n: &str| self.names.get(n).map_or(0, |f| f.articles);
        let mut alias_renames = Vec::new();
        for (name, facts) in self.names.iter() {
            if !facts.not_surname || rename.contains_key(name) || gazetteer::place(name).is_some() {
                continue;
            }
            // The name most articles use wins: one odd article does not rename the rest.
            // A name its words show for a place ("the MP for Grantham")
            // takes no person's or body's name that has it as an alias
            // ("Leslie Grantham"); one the tagger alone calls a place may.
            if let Some(owner) = Owners::one(self.alias_owner.get(name))
                && used(owner) >= facts.articles
                && !(kinds::clear_kind(facts.evidence(), 2) == Some(EntityKind::Place)
                    && self
                        .names
                        .get(owner)
                        .is_some_and(|o| majority_kind(&o.kinds) != EntityKind::Place))
            {
                alias_renames.push((name.to_string(), owner.to_string()));
            }
        }
        rename.extend(alias_renames);

        // 2b. Plural and abbreviated forms of organisations and works.
        let uses: Vec<NameUse> = self
            .names
            .iter()
            .filter(|(name, _)| !rename.contains_key(*name) && gazetteer::place(name).is_none())
            .map(|(name, facts)| NameUse {
                name,
                kind: majority_kind(&facts.kinds),
                articles: facts.articles,
            })
            .collect();
        for (from, to) in merges::short_forms(&uses) {
            rename.entry(from).or_insert(to);
        }
        // A list of every name (a million at a million generated articles):
        // gone before the next is made.
        drop(uses);

        // 3. Surnames, and no place, so "Scotland" the country never becomes a
        // footballer because one article took "Baroness Scotland" for
        // "Scotland": a name no article uses for anything but a one-word
        // person goes to the one full name of that surname; a name most of
        // whose articles use it so goes to the collection's dominant full name
        // of that surname ([`SurnameOwners::dominant`]) when that is a
        // person's name by its shape ("Mr Blair" is Tony Blair, though Cherie
        // Blair is named too and one article took "Blair" for something else).
        let person_k = EntityKind::ALL
            .iter()
            .position(|&k| k == EntityKind::Person)
            .unwrap_or(0);
        // 2c. "George Bush" and "George W. Bush" are the collection's one
        // "George W Bush"; counted as one below, so that he is the dominant Bush.
        let people: Vec<(&str, u32)> = self
            .names
            .iter()
            .filter(|(name, facts)| {
                facts.kinds[person_k] * 2 > facts.articles
                    && name.contains(' ')
                    && !rename.contains_key(*name)
            })
            .map(|(name, facts)| (name, facts.kinds[person_k]))
            .collect();
        let fuller: HashMap<String, String> =
            merges::middle_initials(&people).into_iter().collect();
        drop(people);
        for (from, to) in &fuller {
            rename.insert(from.clone(), to.clone());
        }
        // The full person names each surname form belongs to.
        let by_surname = SurnameOwners::new(
            self.names
                .iter()
                .filter(|(name, facts)| facts.kinds[person_k] > 0 && name.contains(' '))
                .map(|(name, facts)| {
                    let name = fuller.get(name).map_or(name, String::as_str);
                    (name, facts.kinds[person_k])
                }),
        );
        for (name, facts) in self.names.iter() {
            if !facts.surname || rename.contains_key(name) || is_a_place(name, facts) {
                continue;
            }
            // Its contexts across the collection show no person ("the band
            // Queen", "Queen have played"): it joins no one's name.
            if kinds::decide(name, EntityKind::Person, facts.evidence(), COLLECTION_CUES).is_some()
            {
                continue;
            }
            let person = facts.kinds[person_k];
            let full = if facts.not_surname {
                None
            } else {
                by_surname.only(name)
            };
            let full = full.or_else(|| {
                by_surname
                    .dominant(name)
                    .filter(|full| person * 3 >= facts.articles * 2 && kinds::is_person_name(full))
            });
            if let Some(full) = full {
                rename.insert(name.to_string(), full.to_string());
            }
        }
        drop(by_surname);

        // 4. One kind per name: the kind most articles give it, when most do.
        // A name neither renamed nor renamed to is decided on its own votes;
        // only the few others are added up by their collection name, so no
        // map of every name is made.
        let majority = |name: &str, v: [usize; 4], evidence: [u32; 4]| {
            let total: usize = v.iter().sum();
            let (k, &top) = v.iter().enumerate().max_by_key(|&(_, n)| n)?;
            let kind = EntityKind::ALL[k];
            let voted = if top * 2 > total {
                (total >= 2 && top < total && kind != EntityKind::Place).then_some(kind)
            } else {
                tie_broken_by_cues(v, evidence)
            };
            let shown = kinds::decide(name, voted.unwrap_or(kind), evidence, COLLECTION_CUES)
                .or_else(|| unpersoned(voted.unwrap_or(kind), evidence));
            match shown {
                // Only when some of its entities are not of that kind yet.
                Some(shown) => EntityKind::ALL
                    .iter()
                    .position(|&k| k == shown)
                    .is_some_and(|k| v[k] < total)
                    .then_some(shown),
                None => voted,
            }
        };
        let widen = |v: [u32; 4]| v.map(|n| n as usize);
        let targets: std::collections::HashSet<&str> =
            rename.values().map(String::as_str).collect();
        let mut kinds: HashMap<String, EntityKind> = HashMap::new();
        let mut votes: HashMap<&str, NameFacts> = HashMap::new();
        for (name, facts) in self.names.iter() {
            let collection = rename.get(name).map_or(name, String::as_str);
            if collection == name && !targets.contains(name) {
                if let Some(kind) = majority(name, widen(facts.kinds), facts.evidence()) {
                    kinds.insert(name.to_string(), kind);
                }
            } else {
                votes.entry(collection).or_default().absorb(facts);
            }
        }
        for (name, facts) in votes {
            if let Some(kind) = majority(name, widen(facts.kinds), facts.evidence()) {
                kinds.insert(name.to_string(), kind);
            }
        }
        Renames {
            names: rename,
            kinds,
        }
    }
}

/// True for a name rule 3 leaves alone as a place: a country, a state or a
/// region the gazetteer knows, or a city some article calls a place. A
/// small town's name that no article uses for it ("Bush") may be a surname.
fn is_a_place(name: &str, facts: &NameFacts) -> bool {
    let place_k = EntityKind::ALL
        .iter()
        .position(|&k| k == EntityKind::Place)
        .unwrap_or(2);
    gazetteer::place(name)
        .is_some_and(|p| p.class != gazetteer::PlaceClass::City || facts.kinds[place_k] > 0)
}

/// The kind a name the votes make a person takes when nothing in any of its
/// articles says person (no title, role, age or first name; not its name's
/// shape either) and twice [`COLLECTION_CUES`] cues say other kinds: the
/// strongest of those ("Sky" in 13 articles, a person by the tagger's votes
/// in 7, with "Sky executives", "broadcasters such as Sky" and "Sky+" around
/// it and no person cue anywhere). A person needs a person's evidence.
fn unpersoned(voted: EntityKind, evidence: [u32; 4]) -> Option<EntityKind> {
    let person = EntityKind::ALL
        .iter()
        .position(|&k| k == EntityKind::Person)?;
    if voted != EntityKind::Person || evidence[person] > 0 {
        return None;
    }
    let others: u32 = evidence.iter().sum();
    let (best, _) = evidence
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != person)
        .max_by_key(|&(k, n)| (*n, std::cmp::Reverse(k)))?;
    (others >= 2 * COLLECTION_CUES).then_some(EntityKind::ALL[best])
}

/// The kind of a name whose articles are split evenly between kinds (one
/// calls "TimeWarner" a firm, one "Time Warner" a person): the tied kind its
/// cues show most, when they show one more than the others. Never a place,
/// and never a person: a name's shape ("Ellis Park", "Roman Catholic") is a
/// person cue, too weak to make every article's place or creed a person.
fn tie_broken_by_cues(votes: [usize; 4], evidence: [u32; 4]) -> Option<EntityKind> {
    let top = votes.iter().copied().max()?;
    let mut tied = (0..4).filter(|&k| votes[k] == top && top > 0);
    let best = tied.clone().max_by_key(|&k| evidence[k])?;
    let clear = tied.all(|k| k == best || evidence[k] < evidence[best]);
    let kind = EntityKind::ALL[best];
    (clear && !matches!(kind, EntityKind::Place | EntityKind::Person)).then_some(kind)
}

/// Renames entities (and gives them their collection kind), merges those
/// that now share a name, re-sorts, and re-points quote speakers.
pub fn apply_renames(analysis: &mut Analysis, renames: &Renames) {
    let (rename, kinds) = (&renames.names, &renames.kinds);
    let final_name = |e: &Entity| rename.get(&e.name).unwrap_or(&e.name).clone();
    let revoted = |e: &Entity| {
        (e.kind != EntityKind::Place || !kinds::keeps_place(&e.name))
            && kinds
                .get(rename.get(&e.name).unwrap_or(&e.name))
                .is_some_and(|&k| k != e.kind)
    };
    if !analysis
        .entities
        .iter()
        .any(|e| rename.contains_key(&e.name) || revoted(e))
    {
        return;
    }
    let old = std::mem::take(&mut analysis.entities);
    let mut merged: Vec<Entity> = Vec::new();
    let mut old_to_new: Vec<usize> = Vec::with_capacity(old.len());
    // Where each name went, and the aliases of entities that others joined: an
    // article names thousands, so neither is searched in a list.
    let mut position_of: HashMap<String, usize> = HashMap::with_capacity(old.len());
    let mut joined: HashMap<usize, HashSet<String>> = HashMap::new();
    let old_evidence = std::mem::take(&mut analysis.evidence);
    let mut evidence: Vec<KindEvidence> = Vec::with_capacity(old_evidence.len());
    for (i, mut e) in old.into_iter().enumerate() {
        e.name = final_name(&e);
        if let Some(&kind) = kinds.get(&e.name)
            && (e.kind != EntityKind::Place || !kinds::keeps_place(&e.name))
        {
            e.kind = kind;
        }
        let cues = old_evidence.get(i).copied().unwrap_or_default();
        if let Some(&pos) = position_of.get(&e.name) {
            let m = &mut merged[pos];
            let seen = joined
                .entry(pos)
                .or_insert_with(|| m.aliases.iter().cloned().collect());
            for a in e.aliases {
                if seen.insert(a.clone()) {
                    m.aliases.push(a);
                }
            }
            m.mentions.extend(e.mentions);
            if let Some(into) = evidence.get_mut(pos) {
                for (total, n) in into.cues.iter_mut().zip(cues.cues) {
                    *total = total.saturating_add(n);
                }
                for (most, n) in into.own.iter_mut().zip(cues.own) {
                    *most = (*most).max(n);
                }
            }
            old_to_new.push(pos);
        } else {
            position_of.insert(e.name.clone(), merged.len());
            merged.push(e);
            evidence.push(cues);
            old_to_new.push(merged.len() - 1);
        }
    }
    // Sorted once, not at every entity that joins.
    for &pos in joined.keys() {
        let mentions = &mut merged[pos].mentions;
        mentions.sort();
        mentions.dedup();
    }
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| merged[a].sidebar_order(&merged[b]));
    let mut position = vec![0; merged.len()];
    for (new_pos, &i) in order.iter().enumerate() {
        position[i] = new_pos;
    }
    for q in &mut analysis.quotes {
        q.speaker = q
            .speaker
            .and_then(|s| old_to_new.get(s))
            .map(|&m| position[m]);
    }
    let mut slots: Vec<Option<Entity>> = merged.into_iter().map(Some).collect();
    analysis.entities = order.iter().filter_map(|&i| slots[i].take()).collect();
    if !old_evidence.is_empty() {
        analysis.evidence = order
            .iter()
            .filter_map(|&i| evidence.get(i).copied())
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_by_votes_alone_takes_the_kind_its_cues_show() {
        use EntityKind::{Organization, Other, Person};
        // [person, organisation, place, other]: no person cue, six others.
        assert_eq!(unpersoned(Person, [0, 4, 0, 2]), Some(Organization));
        assert_eq!(unpersoned(Person, [0, 1, 0, 5]), Some(Other));
        // One person cue anywhere, too few cues, or no person voted.
        assert_eq!(unpersoned(Person, [1, 6, 0, 4]), None);
        assert_eq!(unpersoned(Person, [0, 3, 0, 2]), None);
        assert_eq!(unpersoned(Organization, [0, 0, 0, 9]), None);
    }

    #[test]
    fn spellings_of_one_collection_name_bring_their_own_cues_once() {
        // Two spellings of one name (an acronym and its expansion), each with
        // a cue in its own words: together one name with one name's cues.
        let spelling = NameFacts {
            articles: 3,
            kinds: [0, 3, 0, 0],
            context: [0, 1, 0, 0],
            own: [0, 0, 0, 1],
            ..NameFacts::default()
        };
        let mut merged = NameFacts::default();
        merged.absorb(&spelling);
        merged.absorb(&spelling);
        assert_eq!(merged.articles, 6);
        assert_eq!(merged.kinds, [0, 6, 0, 0]);
        // Context summed; the name's own cues two articles' worth, once.
        assert_eq!(merged.evidence(), [0, 2, 0, 2]);
    }
}
