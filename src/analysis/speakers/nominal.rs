//! Nominal speakers that stand for an organisation the article has named:
//! `the watchdog said`, `"…," the bank said`, `the Italian firm said`. The
//! organisation whose name holds the noun (`the bank` is Calder Bank, `the
//! trust` is Eastmere Harbour Trust, a word that ends organisation names) when exactly one does, else, for a noun
//! that always means an organisation (`firm`, `watchdog`), the organisation
//! named last as a subject or speaker.

use super::{PREPOSITIONS, Para, Pronoun, Salience, is_one_of};
use crate::analysis::gazetteer;
use crate::model::EntityKind;

/// Head nouns that stand for an organisation, sorted for binary search.
#[rustfmt::skip]
const ORGANISATION_NOUNS: &[&str] = &[
    "agency", "airline", "association", "authority", "bank", "broadcaster", "carmaker", "chain",
    "charity", "club", "commission", "company", "corporation", "council", "exchange", "federation", "firm",
    "giant", "group", "insurer", "league", "maker", "manufacturer", "ministry", "monopoly", "network",
    "operator", "organisation", "organization", "publisher", "regulator", "retailer", "society", "studio",
    "supermarket", "union", "watchdog",
];

/// Words after which `the …` may open a subject (`and the firm said`).
const CLAUSE_OPENERS: &[&str] = &["and", "but", "that", "while", "as", "when", "so"];

/// How many words may stand between `the` and the noun (`the former state monopoly`).
const MODIFIERS: usize = 3;

fn organisation_noun(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    ORGANISATION_NOUNS
        .binary_search(&lower.as_str())
        .is_ok()
        .then_some(lower)
}

impl Para<'_> {
    /// The organisation a nominal subject ending `toks` stands for: `toks` end
    /// with `the`, up to [`MODIFIERS`] lower-case words and an organisation
    /// noun (the whole subject, nothing named in it).
    pub(super) fn nominal_organisation(
        &self,
        toks: &[usize],
        salience: &Salience,
    ) -> Option<usize> {
        let (&head, before) = toks.split_last()?;
        let word = self.word(head);
        let generic = organisation_noun(word);
        let noun = generic.clone().or_else(|| {
            // A word that ends organisation names, in lower case (`the trust`).
            if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                return None;
            }
            let mut capitalised = word.to_string();
            capitalised[..1].make_ascii_uppercase();
            gazetteer::is_org_word(&capitalised).then(|| word.to_string())
        })?;
        let the = before
            .iter()
            .rev()
            .take(MODIFIERS + 1)
            .position(|&t| is_one_of(self.word(t), &["the"]))?;
        // The whole subject, not the end of a phrase (`a spokesman for the club`).
        let the_at = before.len() - the - 1;
        if the_at > 0
            && let word = self.word(before[the_at - 1])
            && (is_one_of(word, PREPOSITIONS)
                || word.starts_with(char::is_alphabetic) && !is_one_of(word, CLAUSE_OPENERS))
        {
            return None;
        }
        let modifiers = &before[before.len() - the..];
        if modifiers
            .iter()
            .any(|&t| self.mention(t).is_some() || !self.word(t).starts_with(char::is_lowercase))
        {
            return None;
        }
        let entities = salience.entities;
        let mut named = entities.iter().enumerate().filter(|(_, e)| {
            e.kind == EntityKind::Organization
                && std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|a| a.split_whitespace().any(|w| w.eq_ignore_ascii_case(&noun)))
        });
        match (named.next(), named.next()) {
            (Some((e, _)), None) => Some(e),
            _ => generic.and_then(|_| salience.resolve(Pronoun::It)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_nouns_are_sorted_and_found_in_any_case() {
        assert!(ORGANISATION_NOUNS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(organisation_noun("Watchdog").as_deref(), Some("watchdog"));
        assert_eq!(organisation_noun("mayor"), None);
    }
}
