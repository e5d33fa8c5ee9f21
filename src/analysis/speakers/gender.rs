//! What the article tells of each person's gender, for resolving `he` and
//! `she` to a speaker: personal titles (`Mr`, `Ms`), else a first name's usual
//! gender, else the pronouns of the sentences that name that person alone.

use super::Mentions;
use crate::analysis::gazetteer::{self, FEMALE_TITLES, Gender, MALE_TITLES, title_gender};
use crate::analysis::tokens::Tokenized;
use crate::model::{Entity, EntityKind};

/// How far into a sentence its subject may start (`On Monday night, Holt`).
const SUBJECT_TOKENS: usize = 6;

/// Each entity's gender: told by a title (`Mr Holt`, `Ms Holt`) anywhere in
/// the article, else by a first name ([`first_name_gender`]), else by the pronouns of the sentences that name that person
/// and no other ([`pronoun_votes`]).
pub(super) fn genders(
    paragraphs: &[String],
    split: &[Tokenized],
    mentions: &Mentions,
    entities: &[Entity],
) -> Vec<Option<Gender>> {
    let votes = pronoun_votes(paragraphs, split, mentions, entities.len());
    entities
        .iter()
        .zip(votes)
        .map(|(e, (male, female))| {
            if e.kind != EntityKind::Person {
                return None;
            }
            let titled = e.mentions.iter().find_map(|m| {
                let text = paragraphs.get(m.paragraph)?;
                let mention = text.get(m.start..m.end)?;
                let before = text.get(..m.start)?.trim_end();
                let first = mention.split(char::is_whitespace).next().unwrap_or("");
                title_gender_at_end(before).or_else(|| title_gender(first))
            });
            titled
                .or_else(|| first_name_gender(e))
                .or(if male > 2 * female {
                    Some(Gender::Male)
                } else if female > 2 * male {
                    Some(Gender::Female)
                } else {
                    None
                })
        })
        .collect()
}

/// For each entity, how many `he` and `she` (or `himself`, `herself`) stand in the
/// sentences that name it as the only person, or open the sentences after
/// one that names it alone or opens with it (`On Monday, Holt met Brandt.
/// She said …`; counted twice, and on over sentences that name no one): the
/// evidence an article gives of a gender that no title tells. One pass over
/// the tokens.
fn pronoun_votes(
    paragraphs: &[String],
    split: &[Tokenized],
    mentions: &Mentions,
    entities: usize,
) -> Vec<(u32, u32)> {
    let mut votes = vec![(0u32, 0u32); entities];
    for (p, (text, para)) in paragraphs.iter().zip(split).enumerate() {
        let list = mentions.of(p);
        let mut carried: Option<usize> = None;
        for sentence in &para.sentences {
            let toks = &para.tokens[sentence.clone()];
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let from = list.partition_point(|m| m.start < first.start);
            let to = list.partition_point(|m| m.start < last.end);
            let mut people = list[from..to]
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| m.entity);
            let only = people.next().filter(|&e| people.all(|o| o == e));
            let opening = toks.first().map(|t| gendered(t.text(text)));
            let names_no_one = list[from..to].iter().all(|m| m.kind != EntityKind::Person);
            if let (Some(e), Some(Some(g))) = (carried, opening)
                && names_no_one
            {
                // Counts twice: the plainest evidence an article gives.
                count(&mut votes[e], g);
                count(&mut votes[e], g);
                // `Holt left. She said … She added …`: the same person goes on.
                continue;
            }
            if let Some(e) = only {
                for t in toks {
                    if let Some(g) = gendered(t.text(text)) {
                        count(&mut votes[e], g);
                    }
                }
            }
            // `On Monday, Holt attacked Brandt. She said …`: the person that
            // opens a sentence naming others is its subject, whom a pronoun
            // opening the next one most often means.
            let opener = list[from..to]
                .iter()
                .find(|m| m.kind == EntityKind::Person)
                .filter(|m| toks.get(SUBJECT_TOKENS).is_none_or(|t| m.start < t.start))
                .map(|m| m.entity);
            carried = only.or(opener);
        }
    }
    votes
}

/// The gender of the first names of a person's name and aliases of two words
/// or more (`Jane Holt`), from `first_name_genders.tsv`, when they agree.
fn first_name_gender(e: &Entity) -> Option<Gender> {
    let mut told = std::iter::once(&e.name)
        .chain(&e.aliases)
        .filter_map(|name| {
            let mut words = name.split_whitespace();
            let first = words.next()?;
            words.next()?;
            // A word the article also uses alone is a surname there (`Clinton Goes`, a headline).
            if e.aliases.iter().any(|a| a == first) {
                return None;
            }
            gazetteer::first_name_gender(first)
        });
    // Names that disagree (a couple merged under one surname) tell nothing.
    let first = told.next()?;
    told.all(|g| g == first).then_some(first)
}

fn count(votes: &mut (u32, u32), gender: Gender) {
    match gender {
        Gender::Male => votes.0 += 1,
        Gender::Female => votes.1 += 1,
    }
}

/// The gender of a third-person subject pronoun (`he`, `She`, `himself`).
fn gendered(word: &str) -> Option<Gender> {
    // Subjects only: `him`, `his` and `her` as often stand for someone else
    // (`Holt met her`, `His neighbour, Rana Aziz`).
    const MALE: &[&str] = &["he", "himself"];
    const FEMALE: &[&str] = &["she", "herself"];
    if MALE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(Gender::Male)
    } else if FEMALE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// [`title_gender`] of the last word of `text` (which ends in no white space).
/// Only a title can match, so only as many characters as the title has are
/// read, not the whole word: in a long run without white space (`x/Holt/x/…`)
/// the word before each name would be the whole run so far.
fn title_gender_at_end(text: &str) -> Option<Gender> {
    let core = text.trim_end_matches('.');
    let ends_in = |title: &&str| {
        core.strip_suffix(*title)
            .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace))
    };
    if MALE_TITLES.iter().any(ends_in) {
        Some(Gender::Male)
    } else if FEMALE_TITLES.iter().any(ends_in) {
        Some(Gender::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::split_paragraphs;
    use crate::model::Span;

    #[test]
    fn title_gender_at_end_reads_the_last_word_only() {
        assert_eq!(title_gender_at_end("met Mr"), Some(Gender::Male));
        assert_eq!(title_gender_at_end("Mrs."), Some(Gender::Female));
        assert_eq!(title_gender_at_end("met Mr ..."), None);
        assert_eq!(title_gender_at_end("met HMr"), None);
        assert_eq!(title_gender_at_end(""), None);
    }

    #[test]
    fn genders_come_from_pronouns_of_sentences_naming_one_person() {
        let paragraphs = vec![
            "Dana Reyes spoke first, and she was brief. She left.".to_string(),
            "Kim Oduya waited. He said little. Reyes and Oduya met; he smiled.".to_string(),
        ];
        // The first `name` in paragraph `p` at or after `at`.
        let span = |p: usize, at: &str, name: &str| {
            let start = paragraphs[p].find(at).expect("in the fixture");
            Span::new(p, start, start + name.len())
        };
        let person = |name: &str, mentions: Vec<Span>| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            mentions,
        };
        let entities = vec![
            person(
                "Dana Reyes",
                vec![
                    span(0, "Dana Reyes", "Dana Reyes"),
                    span(1, "Reyes", "Reyes"),
                ],
            ),
            person(
                "Kim Oduya",
                vec![
                    span(1, "Kim Oduya", "Kim Oduya"),
                    span(1, "Oduya met", "Oduya"),
                ],
            ),
        ];
        let split = split_paragraphs(&paragraphs);
        let mentions = Mentions::new(&paragraphs, &entities);
        assert_eq!(
            genders(&paragraphs, &split, &mentions, &entities),
            [Some(Gender::Female), Some(Gender::Male)]
        );
    }

    #[test]
    fn a_pronoun_opening_the_sentences_after_a_subject_tells_its_gender() {
        // Qarlow opens a sentence that names two others; the next two open with "She".
        let paragraphs = vec![
            "On Monday night, Qarlow attacked Vexlo and Brandt. She spoke. She left.".to_string(),
        ];
        let person = |name: &str| {
            let start = paragraphs[0].find(name).expect("in the fixture");
            Entity {
                name: name.to_string(),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                mentions: vec![Span::new(0, start, start + name.len())],
            }
        };
        let entities = vec![person("Qarlow"), person("Vexlo"), person("Brandt")];
        let split = split_paragraphs(&paragraphs);
        let mentions = Mentions::new(&paragraphs, &entities);
        assert_eq!(
            genders(&paragraphs, &split, &mentions, &entities),
            [Some(Gender::Female), None, None]
        );
    }

    #[test]
    fn first_names_tell_a_gender_only_in_names_of_two_words() {
        let person = |name: &str, aliases: &[&str]| Entity {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
            mentions: Vec::new(),
        };
        assert_eq!(
            first_name_gender(&person("Melanie Ostrova", &[])),
            Some(Gender::Female)
        );
        assert_eq!(
            first_name_gender(&person("Ostrova", &["David Ostrova"])),
            Some(Gender::Male)
        );
        assert_eq!(first_name_gender(&person("David", &[])), None);
        assert_eq!(first_name_gender(&person("David Goes", &["David"])), None);
        assert_eq!(
            first_name_gender(&person("Ostrova", &["David Ostrova", "Melanie Ostrova"])),
            None
        );
        assert_eq!(first_name_gender(&person("Qzxv Ostrova", &[])), None);
    }
}
