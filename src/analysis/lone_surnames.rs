//! A surname the article gives alone is its person's, whatever else the
//! word names: after "the late author John M. Ford", "Ford created an
//! alternate history" is the writer, not the car maker, though the tagger
//! (1996 wire copy) and the company list both read a firm. Only when nothing
//! around the name says a body or a place ("Ford's shares", "at Ford"), no
//! longer name of the article holds the word ("Ford Motor"), and the article
//! names one person so.

use super::names::surname_forms;
use crate::model::{Entity, EntityKind, KindEvidence};
use foldhash::{HashMap, HashMapExt, HashSet};

/// Joins each one-word organisation (see the module's comment) to the one
/// person of the article whose surname it is; entities stay in sidebar order.
pub fn join_to_people(entities: &mut Vec<Entity>, evidence: &mut Vec<KindEvidence>) {
    if entities.len() != evidence.len() {
        return;
    }
    // Who has each surname form, and the words of the longer names that are
    // no person's ("Ford" of "Ford Motor"), aliases included: found once,
    // not per candidate, as an article may name thousands.
    let mut people_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut in_longer: HashSet<&str> = HashSet::default();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if e.name.contains(' ') {
                for form in surname_forms(&e.name) {
                    people_by_surname.entry(form).or_default().push(i);
                }
            }
        } else {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                if name.contains(' ') {
                    in_longer.extend(name.split(' '));
                }
            }
        }
    }
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (i, (e, ev)) in entities.iter().zip(evidence.iter()).enumerate() {
        // Only the name's own words speak for a body: none around it.
        if e.kind != EntityKind::Organization
            || e.name.contains(' ')
            || ev.cues != ev.own
            || in_longer.contains(e.name.as_str())
        {
            continue;
        }
        if let Some(&[person]) = people_by_surname.get(e.name.as_str()).map(Vec::as_slice) {
            joins.push((i, person));
        }
    }
    if joins.is_empty() {
        return;
    }
    let mut gone = vec![false; entities.len()];
    for &(from, into) in &joins {
        gone[from] = true;
        let taken = std::mem::take(&mut entities[from].mentions);
        let aliases = std::mem::take(&mut entities[from].aliases);
        let person = &mut entities[into];
        person.mentions.extend(taken);
        person.mentions.sort();
        for alias in aliases {
            if !person.aliases.contains(&alias) {
                person.aliases.push(alias);
            }
        }
        // The person keeps its own cues: the firm's were its name's alone.
    }
    super::kinds::sort_for_sidebar(entities, evidence, |i| !gone[i]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entities of `text` (paragraphs split on blank lines), by name and kind.
    fn found(text: &str) -> Vec<(String, EntityKind, usize)> {
        let ps: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).collect();
        let (entities, _) =
            crate::analysis::find_entities(&ps, &crate::analysis::tokens::split_paragraphs(&ps));
        entities
            .into_iter()
            .map(|e| (e.name, e.kind, e.mentions.len()))
            .collect()
    }

    #[test]
    fn a_firms_name_given_alone_after_a_person_of_that_surname_is_the_person() {
        let people = found(
            "The book was written by the late author John Milo Ford in 1983.\n\n\
             Ford created a history of the wars. Critics loved Ford from the start.",
        );
        assert!(
            people.contains(&("John Milo Ford".to_string(), EntityKind::Person, 3)),
            "{people:?}"
        );
        assert!(
            !people.iter().any(|(name, _, _)| name == "Ford"),
            "{people:?}"
        );
    }

    #[test]
    fn a_firm_that_shows_itself_stays_a_firm() {
        let entity = |name: &str, kind: EntityKind, at: usize| Entity {
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: vec![crate::model::Span::new(0, at, at + 1)],
        };
        let own = KindEvidence {
            cues: [0, 2, 0, 0],
            own: [0, 2, 0, 0],
        };
        let shares = KindEvidence {
            cues: [0, 4, 0, 0],
            own: [0, 2, 0, 0],
        };
        // Cues around it ("shares in Ford"); a longer name holding it; two
        // people of that surname.
        for (entities, evidence) in [
            (
                vec![
                    entity("Bill Qord", EntityKind::Person, 0),
                    entity("Qord", EntityKind::Organization, 5),
                ],
                vec![KindEvidence::default(), shares],
            ),
            (
                vec![
                    entity("Bill Qord", EntityKind::Person, 0),
                    entity("Qord", EntityKind::Organization, 5),
                    entity("Qord Motor", EntityKind::Organization, 9),
                ],
                vec![KindEvidence::default(), own, own],
            ),
            (
                vec![
                    entity("Bill Qord", EntityKind::Person, 0),
                    entity("Ann Qord", EntityKind::Person, 2),
                    entity("Qord", EntityKind::Organization, 5),
                ],
                vec![KindEvidence::default(), KindEvidence::default(), own],
            ),
        ] {
            let (mut after, mut cues) = (entities.clone(), evidence);
            join_to_people(&mut after, &mut cues);
            assert_eq!(after.len(), entities.len(), "{entities:?}");
        }
        // Its own name's cues alone: the person's.
        let mut entities = vec![
            entity("Bill Qord", EntityKind::Person, 0),
            entity("Qord", EntityKind::Organization, 5),
        ];
        let mut evidence = vec![KindEvidence::default(), own];
        join_to_people(&mut entities, &mut evidence);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].mentions.len(), 2);
        assert_eq!(entities[0].aliases, ["Bill Qord", "Qord"]);
    }
}
