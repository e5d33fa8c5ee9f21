//! The cross-article step of entity analysis: [`unify`] makes the same
//! real-world entity carry the same canonical name in every article, and
//! [`CollectionIndex`] records which articles mention each entity.

use super::aliases::{normalise, surname_forms};
use super::gazetteer;
use crate::model::{Analysis, Entity, EntityKind};
use foldhash::{HashMap, HashMapExt};

/// One entity across the whole collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionEntity {
    pub name: String,
    pub kind: EntityKind,
    /// Indices of the articles that mention it, ascending.
    pub articles: Vec<usize>,
    /// Mentions summed over all articles.
    pub mentions: usize,
}

/// Entities of the whole collection, keyed by canonical name.
#[derive(Debug, Clone, Default)]
pub struct CollectionIndex {
    pub entities: Vec<CollectionEntity>,
    by_name: HashMap<String, usize>,
}

impl CollectionIndex {
    /// Builds the index from per-article analyses (in article order). Run
    /// [`unify`] first so that one entity has one name everywhere.
    ///
    /// Entities are ordered like a sidebar: kind, then number of articles
    /// (most first), then mentions, then name. A name used with different kinds
    /// in different articles takes the kind most articles give it.
    pub fn build(analyses: &[Analysis]) -> Self {
        let mut entities: Vec<CollectionEntity> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut kind_votes: Vec<[usize; 4]> = Vec::new();
        for (article, analysis) in analyses.iter().enumerate() {
            for entity in &analysis.entities {
                let slot = *by_name.entry(entity.name.clone()).or_insert_with(|| {
                    entities.push(CollectionEntity {
                        name: entity.name.clone(),
                        kind: entity.kind,
                        articles: Vec::new(),
                        mentions: 0,
                    });
                    kind_votes.push([0; 4]);
                    entities.len() - 1
                });
                let e = &mut entities[slot];
                if e.articles.last() != Some(&article) {
                    e.articles.push(article);
                }
                e.mentions += entity.mentions.len();
                if let Some(k) = EntityKind::ALL.iter().position(|&k| k == entity.kind) {
                    kind_votes[slot][k] += 1;
                }
            }
        }
        for (e, votes) in entities.iter_mut().zip(&kind_votes) {
            if let Some(k) = (0..4).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))) {
                e.kind = EntityKind::ALL[k];
            }
        }
        entities.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.articles.len().cmp(&a.articles.len()))
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.name.cmp(&b.name))
        });
        let by_name = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        CollectionIndex { entities, by_name }
    }

    /// The collection entity with this canonical name.
    pub fn get(&self, name: &str) -> Option<&CollectionEntity> {
        self.by_name.get(name).map(|&i| &self.entities[i])
    }
}

/// Gives every entity one canonical name across the collection, merging
/// entities of an article that turn out to be the same, and keeping each
/// article's quote speakers pointing at the right entity.
///
/// # Algorithm
/// 1. Places the gazetteer knows are grouped by their gazetteer place; the
///    group's name is its most used name across the collection ("UAE" beats
///    "United Arab Emirates" if articles say it more).
/// 2. Every other entity name that is an alias of exactly one entity
///    elsewhere, under a different name, takes that name (an article that
///    only says "Revolutionary Guard" gets the collection's "IRGC"), unless
///    more articles use it as a name than use the other.
/// 3. A one-word person (a surname) takes the full name of the one person in
///    the collection whose surname it is; with two candidates it stays as is.
/// 4. A name given different kinds in different articles takes the kind most
///    of its articles give it ("Google" tagged a person in one article, an
///    organization in five), like the tagger's document pass, collection-wide.
///    Places are left alone: a place name used for a team or a government
///    ("Leeds won", "Washington said") is a different thing in that article.
/// 5. Entities of one article that now share a name are merged, the article
///    is re-sorted, and quote speakers are re-pointed.
pub fn unify(analyses: &mut [Analysis]) {
    let mut rename: HashMap<String, String> = HashMap::new();

    // 1. Places by gazetteer identity.
    let mut place_names: HashMap<&'static str, HashMap<String, usize>> = HashMap::new();
    for e in analyses
        .iter()
        .flat_map(|a| &a.entities)
        .filter(|e| e.kind == EntityKind::Place)
    {
        if let Some(p) = gazetteer::place(&e.name) {
            *place_names
                .entry(p.canonical)
                .or_default()
                .entry(e.name.clone())
                .or_default() += e.mentions.len();
        }
    }
    for names in place_names.values() {
        if let Some((best, _)) = names
            .iter()
            .max_by_key(|(n, c)| (**c, n.len(), std::cmp::Reverse(n.as_str())))
        {
            for n in names.keys().filter(|n| *n != best) {
                rename.insert(n.clone(), best.clone());
            }
        }
    }

    // 2. Aliases of one named entity elsewhere.
    let mut alias_owner: HashMap<String, Vec<String>> = HashMap::new();
    for e in analyses.iter().flat_map(|a| &a.entities) {
        for alias in &e.aliases {
            let a = normalise(alias);
            if a != e.name {
                let owners = alias_owner.entry(a).or_default();
                if !owners.contains(&e.name) {
                    owners.push(e.name.clone());
                }
            }
        }
    }
    let mut articles_named: HashMap<&str, usize> = HashMap::new();
    for a in analyses.iter() {
        for e in &a.entities {
            *articles_named.entry(e.name.as_str()).or_default() += 1;
        }
    }
    for e in analyses.iter().flat_map(|a| &a.entities) {
        if rename.contains_key(&e.name)
            || (e.kind == EntityKind::Person && !e.name.contains(' '))
            || gazetteer::place(&e.name).is_some()
        {
            continue; // surnames are step 3's, places step 1's
        }
        if let Some([owner]) = alias_owner.get(&e.name).map(Vec::as_slice) {
            // The name most articles use wins: one odd article does not rename the rest.
            let used = |n: &str| articles_named.get(n).copied().unwrap_or(0);
            if used(owner) >= used(&e.name) {
                rename.insert(e.name.clone(), owner.clone());
            }
        }
    }

    // 3. Surnames.
    let mut by_surname: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in analyses.iter().flat_map(|a| &a.entities) {
        if e.kind == EntityKind::Person && e.name.contains(' ') {
            for s in surname_forms(&e.name) {
                let fulls = by_surname.entry(s).or_default();
                if !fulls.contains(&e.name.as_str()) {
                    fulls.push(e.name.as_str());
                }
            }
        }
    }
    let surname_renames: Vec<(String, String)> = analyses
        .iter()
        .flat_map(|a| &a.entities)
        .filter(|e| e.kind == EntityKind::Person && !e.name.contains(' '))
        .filter_map(
            |e| match by_surname.get(e.name.as_str()).map(Vec::as_slice) {
                Some([full]) => Some((e.name.clone(), (*full).to_string())),
                _ => None,
            },
        )
        .collect();
    rename.extend(surname_renames);

    // 4. One kind per name: the kind most articles give it, when most do.
    let mut votes: HashMap<&str, [usize; 4]> = HashMap::new();
    for e in analyses.iter().flat_map(|a| &a.entities) {
        let name = rename.get(&e.name).unwrap_or(&e.name);
        if let Some(k) = EntityKind::ALL.iter().position(|&k| k == e.kind) {
            votes.entry(name.as_str()).or_default()[k] += 1;
        }
    }
    let kinds: HashMap<String, EntityKind> = votes
        .into_iter()
        .filter_map(|(name, v)| {
            let total: usize = v.iter().sum();
            let (k, &top) = v.iter().enumerate().max_by_key(|&(_, n)| n)?;
            let kind = EntityKind::ALL[k];
            (total >= 2 && top * 2 > total && top < total && kind != EntityKind::Place)
                .then(|| (name.to_string(), kind))
        })
        .collect();

    // 5. Apply per article.
    for analysis in analyses.iter_mut() {
        apply_renames(analysis, &rename, &kinds);
    }
}

/// Renames entities, merges those that now share a name, re-sorts, and
/// re-points quote speakers.
fn apply_renames(
    analysis: &mut Analysis,
    rename: &HashMap<String, String>,
    kinds: &HashMap<String, EntityKind>,
) {
    let final_name = |e: &Entity| rename.get(&e.name).unwrap_or(&e.name).clone();
    let revoted = |e: &Entity| {
        e.kind != EntityKind::Place
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
    for mut e in old {
        e.name = final_name(&e);
        if let Some(&kind) = kinds.get(&e.name)
            && e.kind != EntityKind::Place
        {
            e.kind = kind;
        }
        if let Some(pos) = merged.iter().position(|m| m.name == e.name) {
            let m = &mut merged[pos];
            for a in e.aliases {
                if !m.aliases.contains(&a) {
                    m.aliases.push(a);
                }
            }
            m.mentions.extend(e.mentions);
            m.mentions.sort();
            m.mentions.dedup();
            old_to_new.push(pos);
        } else {
            merged.push(e);
            old_to_new.push(merged.len() - 1);
        }
    }
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&merged[a], &merged[b]);
        x.kind
            .cmp(&y.kind)
            .then(y.mentions.len().cmp(&x.mentions.len()))
            .then_with(|| x.name.cmp(&y.name))
    });
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{aliases, entities};
    use crate::model::{Quote, Span};

    fn analyse(text: &str) -> Analysis {
        let paragraphs: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).collect();
        let entities = aliases::merge(&paragraphs, entities::find_mentions(&paragraphs));
        Analysis {
            entities,
            quotes: Vec::new(),
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
        assert_eq!(index.entities[0].name, "Lima");
    }
}
