//! Nominal speakers that stand for someone the article has named.
//!
//! An organisation: `the watchdog said`, `"…," the bank said`, `the Italian
//! firm said`. The organisation whose name holds the noun (`the bank` is
//! Calder Bank, `the trust` is Eastmere Harbour Trust, a word that ends
//! organisation names) when exactly one does, else, for a noun that always
//! means an organisation (`firm`, `watchdog`), the organisation named last as
//! a subject or speaker.
//!
//! A spokesperson: `the spokeswoman said` is whoever spoke last as a
//! spokeswoman would (a person, or the organisation a spokeswoman spoke for:
//! `a BaFin spokeswoman said … the spokeswoman said` is BaFin).
//!
//! A role: `the French president told reporters` is the person the article
//! named with that role before the name (`French President Jacques Chirac`),
//! `said the coach` the one it called `coach`; `the report said` is the
//! organisation whose report the article named (`a World Bank report`).

use super::context::Mentions;
use super::{PREPOSITIONS, Para, Pronoun, Salience, is_one_of, speech_verb};
use crate::analysis::gazetteer::{self, TitleRole};
use crate::analysis::kinds;
use crate::model::EntityKind;
use std::ops::Range;

/// Nouns for someone who speaks for an organisation, and the pronoun that stands for each.
const SPOKESPERSON_NOUNS: &[(&str, Pronoun)] = &[
    ("spokesman", Pronoun::He),
    ("spokesperson", Pronoun::They),
    ("spokeswoman", Pronoun::She),
];

/// Words that stand before names but are not roles (`and Holt`, `told Holt`).
#[rustfmt::skip]
const NOT_ROLES: &[&str] = &[
    "about", "after", "against", "and", "before", "between", "but", "dear", "from", "her", "his",
    "including", "its", "like", "miss", "mrs", "our", "over", "than", "that", "the", "their", "then",
    "told", "under", "when", "where", "while", "who", "whom", "whose", "with",
];

/// Head nouns that stand for an organisation, sorted for binary search.
#[rustfmt::skip]
const ORGANISATION_NOUNS: &[&str] = &[
    "agency", "airline", "association", "authority", "bank", "board", "broadcaster", "carmaker", "chain",
    "channel", "charity", "club", "commission", "committee", "company", "corporation", "council",
    "department", "exchange", "federation", "firm", "foundation", "giant", "group", "institute", "insurer",
    "league", "magazine", "maker", "manufacturer", "ministry", "monopoly", "network", "newspaper",
    "operator", "organisation", "organization", "panel", "publisher", "regulator", "retailer", "society",
    "studio", "supermarket", "union", "watchdog",
];

/// Words after which `the …` may open a subject (`and the firm said`).
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "if", "since", "so", "that", "though",
    "until", "when", "while",
];

/// How many words may stand between `the` and the noun (`the former state monopoly`).
const MODIFIERS: usize = 3;

/// `word` in lower case when it is an organisation's noun (`firm`, `Watchdog`).
pub(super) fn organisation_noun(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    ORGANISATION_NOUNS
        .binary_search(&lower.as_str())
        .is_ok()
        .then_some(lower)
}

/// The pronoun of a spokesperson noun (`spokeswoman` is `she`).
pub(super) fn spokesperson(word: &str) -> Option<Pronoun> {
    SPOKESPERSON_NOUNS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, p)| p)
}

/// Whether the organisation named at `range` of `text` is named as the one an
/// unnamed spokesperson speaks for: `a spokesman for (the) X`, `an X
/// spokeswoman`, `X's spokesman` — not in an apposition to someone named
/// (`Jane Holt, a spokeswoman for X,` is Holt speaking).
pub(super) fn named_with_spokesperson(text: &str, range: Range<usize>) -> bool {
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return false;
    };
    let after = after
        .trim_start_matches(['\'', '\u{2019}', 's'])
        .trim_start();
    let next = after.split_whitespace().next().unwrap_or("");
    let phrase_start = if spokesperson(next.trim_end_matches([',', '.'])).is_some() {
        // `an X spokeswoman`: the phrase opens at X or its determiner.
        before
    } else {
        // `a spokesman for the X`: the phrase opens at the spokesperson noun or its determiner.
        let mut rest = before.trim_end();
        for word in ["the", "for|at"] {
            let (head, last) = rest.rsplit_once(char::is_whitespace).unwrap_or(("", rest));
            if word.split('|').any(|w| last.eq_ignore_ascii_case(w)) {
                rest = head.trim_end();
            } else if word != "the" {
                return false;
            }
        }
        let (head, noun) = rest.rsplit_once(char::is_whitespace).unwrap_or(("", rest));
        if spokesperson(noun).is_none() {
            return false;
        }
        head
    };
    let mut rest = phrase_start.trim_end();
    let (head, last) = rest.rsplit_once(char::is_whitespace).unwrap_or(("", rest));
    if is_one_of(last, &["a", "an", "the"]) {
        rest = head.trim_end();
    }
    // An apposition or a second role of someone named (`Holt, a developer and spokeswoman for X`).
    !(rest.ends_with(',') || rest.ends_with(" and") || rest.ends_with(" or"))
}

/// Whether the organisation or person at `range` of `text` is named as the
/// author of a document (`a statement from X`, `in a report by the X`): it
/// speaks in that sentence, as the subject of `X said` would, so that `the
/// company denied` or `it said` after it is X rather than whoever was the
/// subject before (`In a statement from Lycos Europe, the company denied`).
pub(super) fn named_as_author(text: &str, range: Range<usize>) -> bool {
    /// The words that open a document's noun phrase.
    const DOCUMENT_DETERMINERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their"];
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return false;
    };
    // Read back first, as most names have no `from`/`by` before them.
    let mut words = before.split_whitespace().rev();
    let mut word = words.next().unwrap_or("");
    if is_one_of(word, &["the"]) {
        word = words.next().unwrap_or("");
    }
    if !is_one_of(word, &["from", "by"]) {
        return false;
    }
    // The document noun itself, or one word between (`a joint statement`
    // is before it; `a statement issued by`: the verb between).
    let noun = words.next().unwrap_or("");
    let noun = if is_one_of(noun, &["issued", "released", "published", "sent"]) {
        words.next().unwrap_or("")
    } else {
        noun
    };
    if !is_document_noun(&noun.to_ascii_lowercase()) {
        return false;
    }
    // The whole author, not a word before its noun (`a report by the
    // Commons work and pensions committee`, `a report by X planning
    // committee`) nor the owner of someone (`a statement from Holt's lawyer`).
    if after.starts_with(['\'', '\u{2019}']) {
        return false;
    }
    let mut next_words = after.split_whitespace();
    if after.starts_with(' ')
        && let Some(next) = next_words.next()
        && next.starts_with(|c: char| c.is_lowercase())
        && next.chars().all(char::is_alphabetic)
        && !is_one_of(next, PREPOSITIONS)
        && !is_one_of(next, CLAUSE_OPENERS)
        && !is_one_of(next, &["which", "who"])
    {
        // `announcing the cuts`, `issued on Monday`: a participle's clause,
        // not a noun the name modifies.
        let then = next_words.next().unwrap_or("");
        let participle = (next.ends_with("ing") || next.ends_with("ed"))
            && (is_one_of(then, DOCUMENT_DETERMINERS)
                || then.eq_ignore_ascii_case("that")
                || is_one_of(then, PREPOSITIONS));
        if !participle {
            return false;
        }
    }
    // The document opens its clause (`In a statement from X, …`, `The
    // report by X said`), not someone else's verb's object (`Unite
    // criticised the statement from Barclays`, `rejected a report by X`).
    let Some(determiner) = words.next() else {
        return true;
    };
    if !is_one_of(determiner, DOCUMENT_DETERMINERS) {
        return false;
    }
    match words.next() {
        None => true,
        Some(opener) => {
            opener.ends_with(['.', ',', ';', ':', '!', '?'])
                || is_one_of(opener, &["in", "under"])
                || opener.eq_ignore_ascii_case("to")
                    && words
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case("according"))
        }
    }
}

/// Nouns for what an organisation publishes, which then speaks for it (`a
/// World Bank report` … `the report said`), sorted for binary search.
#[rustfmt::skip]
const DOCUMENT_NOUNS: &[&str] = &[
    "analysis", "complaint", "email", "filing", "letter", "memo", "message", "note", "paper", "poll",
    "report", "review", "statement", "study", "survey", "tweet",
];

/// Whether `word` is a document's noun (`statement`, `message`), which then
/// speaks for its author and may "read" as well as "say" (`"…," Holt's
/// message read`).
pub(super) fn is_document_noun(word: &str) -> bool {
    DOCUMENT_NOUNS.binary_search(&word).is_ok()
}

/// The role words of the article: for each person mention, the word right
/// before it when it may be a role (`President`, `minister`, `organiser`),
/// lower-cased, with the person's entity; for each organisation, a document
/// noun right after it (`World Bank report`).
pub(super) fn roles(paragraphs: &[String], mentions: &Mentions) -> Vec<(String, usize)> {
    let mut roles: Vec<(String, usize)> = Vec::new();
    let mut add = |role: String, entity: usize| {
        if !roles.iter().any(|(r, e)| *r == role && *e == entity) {
            roles.push((role, entity));
        }
    };
    for (p, text) in paragraphs.iter().enumerate() {
        for m in mentions.of(p) {
            if m.kind == EntityKind::Organization
                && let Some(after) = text.get(m.end..).filter(|a| a.starts_with(' '))
                && let Some(noun) = after.split_whitespace().next()
                && is_document_noun(noun)
            {
                add(noun.to_string(), m.entity);
            }
            if m.kind != EntityKind::Person {
                continue;
            }
            let Some(before) = text.get(..m.start) else {
                continue;
            };
            // The word must touch the name with only a space between (`the mayor, Holt` is an apposition).
            if !before.ends_with(char::is_whitespace) {
                continue;
            }
            let word = before.split_whitespace().next_back().unwrap_or("");
            let role = word.len() >= 3
                && word.chars().all(|c| c.is_alphabetic() || c == '-')
                && !is_one_of(word, NOT_ROLES)
                && !is_one_of(word, PREPOSITIONS)
                && speech_verb(word).is_none();
            if role {
                // `Wales coach Ian Varro`: also the role with its team, so
                // that `the Wales coach` is not England's.
                let mut words = before.split_whitespace().rev().skip(1);
                if let Some(team) = words.next().filter(|w| w.starts_with(char::is_uppercase)) {
                    add(format!("{} {}", team, word).to_lowercase(), m.entity);
                }
                add(word.to_lowercase(), m.entity);
            }
        }
    }
    roles
}

/// Whether a word of a name is `noun`, or its plural (`the airline` is
/// Continental Airlines).
fn same_noun(word: &str, noun: &str) -> bool {
    word.eq_ignore_ascii_case(noun)
        || word
            .strip_suffix('s')
            .is_some_and(|w| w.eq_ignore_ascii_case(noun))
}

impl Para<'_> {
    /// Who a nominal subject ending `toks` stands for: an organisation
    /// ([`Self::nominal_organisation`]), else a spokesperson or a role holder
    /// named before (`the spokeswoman`, `the French president`).
    pub(super) fn nominal_speaker(&self, toks: &[usize], salience: &Salience) -> Option<usize> {
        if let Some(e) = self.nominal_organisation(toks, salience) {
            return Some(e);
        }
        if self.member_of_named_group(toks) {
            return self.group_member(toks, salience);
        }
        let (&head, before) = toks.split_last()?;
        let the = self.definite_subject(before)?;
        // Modifiers may be capitalised (`the French president`) but name no one.
        let modifiers = &before[before.len() - the..];
        if modifiers.iter().any(|&t| {
            self.mention(t)
                .is_some_and(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))
        }) {
            return None;
        }
        let word = self.word(head);
        if !word.chars().all(char::is_alphabetic) {
            return None;
        }
        match spokesperson(word) {
            Some(p) => salience.resolve(p),
            // `the Oscar-nominated actor said` where no one was called the
            // actor: a person's noun stands for the person last the subject;
            // also an organisation's (`the charity's director`), but not
            // another thing's (`the ad's narrator`). `The report said`: the
            // organisation last the subject (`Oxfam says in a report`).
            None => salience.role_holder(&word.to_lowercase()).or_else(|| {
                if is_document_noun(word) {
                    return salience.resolve(Pronoun::It);
                }
                let owner = modifiers.iter().position(|&t| {
                    self.word(t).ends_with("'s") || self.word(t).ends_with("\u{2019}s")
                });
                let owned_by_other = owner.is_some_and(|i| {
                    let owner = self.word(modifiers[i]);
                    // "charity's", or "charity" "'s" as two tokens.
                    let owner = match owner
                        .strip_suffix("'s")
                        .or_else(|| owner.strip_suffix("\u{2019}s"))
                    {
                        Some(stem) if !stem.is_empty() => stem,
                        _ => i.checked_sub(1).map_or("", |j| self.word(modifiers[j])),
                    };
                    organisation_noun(owner).is_none()
                });
                (gazetteer::title(word) == Some(TitleRole::Head) && !owned_by_other)
                    .then(|| salience.last_person())
                    .flatten()
            }),
        }
    }

    /// Whether `toks` are `the`, a team, firm or place named, and a person's
    /// noun (`the Sale player`, `the Gloucester fly-half`, `the England
    /// coach`): someone of that group, not the group
    /// ([`Self::group_member`] says who).
    pub(super) fn member_of_named_group(&self, toks: &[usize]) -> bool {
        let [the, named @ .., head] = toks else {
            return false;
        };
        is_one_of(self.word(*the), &["the"])
            && !named.is_empty()
            && named.len() <= MODIFIERS
            // A name the tagger missed is a capitalised word still (`Sale`).
            && named.iter().all(|&t| match self.mention(t) {
                Some(m) => matches!(m.kind, EntityKind::Organization | EntityKind::Place),
                None => self.word(t).starts_with(char::is_uppercase),
            })
            && spokesperson(self.word(*head)).is_none()
            && kinds::is_person_noun(&self.word(*head).to_lowercase())
    }

    /// Who `the Sale player` of [`Self::member_of_named_group`] is: the one
    /// the article called so with that team (`England coach Andy Robinson`),
    /// or by that noun when it named no one so with another team; else the
    /// person it has just been about.
    pub(super) fn group_member(&self, toks: &[usize], salience: &Salience) -> Option<usize> {
        let (&head, named) = toks.split_last()?;
        let noun = self.word(head).to_lowercase();
        let team = named.last().map(|&t| self.word(t).to_lowercase())?;
        salience
            .role_holder(&format!("{team} {noun}"))
            .or_else(|| {
                let with_a_team = format!(" {noun}");
                let of_another_team = salience
                    .roles
                    .iter()
                    .any(|(role, _)| role.ends_with(&with_a_team));
                (!of_another_team)
                    .then(|| salience.role_holder(&noun))
                    .flatten()
            })
            .or_else(|| salience.last_person())
    }

    /// When `before` (the words before a subject's head noun) ends with `the`
    /// and up to [`MODIFIERS`] words, and `the` opens the whole subject (not
    /// the end of a phrase: `a spokesman for the club`): how many words stand
    /// between `the` and the head.
    fn definite_subject(&self, before: &[usize]) -> Option<usize> {
        let the = before
            .iter()
            .rev()
            .take(MODIFIERS + 1)
            .position(|&t| is_one_of(self.word(t), &["the"]))?;
        let the_at = before.len() - the - 1;
        if the_at > 0
            && let word = self.word(before[the_at - 1])
            && (is_one_of(word, PREPOSITIONS)
                || word.starts_with(char::is_alphabetic) && !is_one_of(word, CLAUSE_OPENERS))
        {
            return None;
        }
        Some(the)
    }

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
        let the = self.definite_subject(before)?;
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
                    .any(|a| a.split_whitespace().any(|w| same_noun(w, &noun)))
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
        assert!(DOCUMENT_NOUNS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(organisation_noun("Watchdog").as_deref(), Some("watchdog"));
        assert_eq!(organisation_noun("mayor"), None);
    }

    #[test]
    fn spokespeople_speak_for_an_organisation_unless_they_are_named() {
        let cases = [
            (
                "A spokesman for the Calder Trust said so.",
                "Calder Trust",
                true,
            ),
            (
                "Later a spokeswoman at Calder Bank said so.",
                "Calder Bank",
                true,
            ),
            (
                "\"No,\" a Calder Bank spokeswoman said.",
                "Calder Bank",
                true,
            ),
            ("Calder Bank's spokesman declined.", "Calder Bank", true),
            (
                "Jane Holt, a spokeswoman for Calder Bank, said so.",
                "Calder Bank",
                false,
            ),
            (
                "Jane Holt, a developer and spokeswoman for the Calder Trust, said so.",
                "Calder Trust",
                false,
            ),
            (
                "Holt, a Calder Bank spokeswoman, said so.",
                "Calder Bank",
                false,
            ),
            ("The head of Calder Bank said so.", "Calder Bank", false),
            ("A spokesman said Calder Bank agreed.", "Calder Bank", false),
        ];
        for (text, name, want) in cases {
            let start = text.find(name).expect("name in text");
            let got = named_with_spokesperson(text, start..start + name.len());
            assert_eq!(got, want, "{text}");
        }
    }
}
