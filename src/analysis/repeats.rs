//! Finds again the names an article has already given, where the tagger and the
//! rules passed them by: once "Karim al-Haddad" is a person, a later "Haddad
//! added …" is a mention of him; once "Coastal Patrol Service (CPS)" is an
//! organisation, every later "CPS" is one too. A tagger decides word by word and
//! can miss a repetition its first mention made plain; this pass makes the
//! article's own naming decide (the "document" features of Ratinov & Roth, 2009).

use super::entities::RawMention;
use super::gazetteer;
use super::names::{firm_head, is_acronym, surname_forms};
use super::tokens::{TokenKind, Tokenized};
use crate::model::{EntityKind, Span};
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

/// A surname written lower-case more often than a rare ordinary word is
/// ("Brown", "Young") is not taken at the start of a sentence, where any word
/// is capitalised. The rare ones ([`gazetteer::RARE_ORDINARY`]: "cairn",
/// "twitter") are taken: the article has named the thing so, and opens a
/// sentence with the word as an ordinary one seldom.
const COMMON_AT_SENTENCE_START: u8 = gazetteer::RARE_ORDINARY + 1;

/// Adds a mention for each unclaimed occurrence of a name the article already
/// has: the surnames of its people named in full, and its organisations' names
/// and acronyms. Mentions come back in text order.
pub fn add_repeats(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    let forms = repeatable_forms(paragraphs, mentions);
    if forms.is_empty() {
        return;
    }
    // Forms by their first word, so each token is compared with few forms.
    let mut by_first: HashMap<&str, Vec<&Form>> = HashMap::new();
    for form in &forms {
        by_first
            .entry(form.words[0].as_ref())
            .or_default()
            .push(form);
    }
    // The byte ranges already taken, per paragraph: the mentions found, then
    // those added here.
    let mut found: Vec<Vec<(usize, usize)>> = vec![Vec::new(); paragraphs.len()];
    for m in mentions.iter() {
        if let Some(taken) = found.get_mut(m.span.paragraph) {
            taken.push((m.span.start, m.span.end));
        }
    }
    let mut claimed: Vec<Claimed> = found.into_iter().map(Claimed::new).collect();
    let mut added: Vec<RawMention> = Vec::new();
    for (p, ((text, tokenized), taken)) in
        paragraphs.iter().zip(split).zip(&mut claimed).enumerate()
    {
        for sentence in &tokenized.sentences {
            let tokens = &tokenized.tokens[sentence.clone()];
            for (i, token) in tokens.iter().enumerate() {
                let word = token.text(text);
                // Every form starts with a capital, so only capitalised words are looked up.
                if token.kind != TokenKind::Word || !word.starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
                let Some(candidates) = by_first.get(word) else {
                    continue;
                };
                for form in candidates {
                    let Some(end) = match_form(text, tokens, i, &form.words) else {
                        continue;
                    };
                    let (start, end_byte) = (token.start, tokens[end].end);
                    if taken.overlaps(start, end_byte)
                        || glued_to_a_name(text, tokens, i, end)
                        || super::furniture::in_markup(text, start, end_byte)
                    {
                        continue;
                    }
                    if i == 0
                        && form.words.len() == 1
                        && gazetteer::lowercase_share(form.words[0].as_ref())
                            .is_some_and(|share| share >= COMMON_AT_SENTENCE_START)
                    {
                        continue;
                    }
                    taken.add(end_byte);
                    added.push(RawMention {
                        span: Span::new(p, start, end_byte),
                        kind: form.kind,
                        canonical: None,
                    });
                    break;
                }
            }
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
}

/// The byte ranges of one paragraph already taken: its mentions found, and
/// those added in text order. Asked at every candidate, so each question
/// is a binary search, not a walk over all (a paragraph may name thousands).
struct Claimed {
    /// The found mentions' starts, ascending, and the furthest end among
    /// them up to each (mentions may overlap).
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
    /// Where the last added range ends: added ranges come in text order and
    /// never overlap, so only the last can reach a later candidate.
    last_added_end: usize,
}

impl Claimed {
    fn new(mut ranges: Vec<(usize, usize)>) -> Self {
        ranges.sort_unstable();
        let mut furthest = 0;
        let furthest_end = ranges
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Claimed {
            starts: ranges.iter().map(|&(start, _)| start).collect(),
            furthest_end,
            last_added_end: 0,
        }
    }

    /// Whether `start..end` overlaps a range taken.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        let found = before_end > 0 && self.furthest_end[before_end - 1] > start;
        found || self.last_added_end > start
    }

    /// Takes the range that ends at `end`, after every range added before.
    fn add(&mut self, end: usize) {
        self.last_added_end = end;
    }
}

/// A name to look for again, as its words (borrowed from the article but for
/// made-up initials), and the kind to give it.
struct Form<'a> {
    words: Vec<Cow<'a, str>>,
    kind: EntityKind,
}

/// The forms worth finding again, longest first so that "Coastal Patrol
/// Service" is taken before a shorter form inside it.
fn repeatable_forms<'a>(paragraphs: &'a [String], mentions: &[RawMention]) -> Vec<Form<'a>> {
    let mut forms: Vec<Form> = Vec::new();
    // The forms already taken (an article may name thousands of things).
    let mut seen: foldhash::HashSet<Vec<Cow<str>>> = foldhash::HashSet::default();
    let mut push = |text: Cow<'a, str>, kind: EntityKind| {
        let words: Vec<Cow<str>> = match text {
            Cow::Borrowed(text) => text.split_whitespace().map(Cow::Borrowed).collect(),
            Cow::Owned(text) => text
                .split_whitespace()
                .map(|w| Cow::Owned(w.to_string()))
                .collect(),
        };
        let capitalised = words
            .first()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        let long_enough = words.len() > 1
            || words
                .first()
                .is_some_and(|w| w.chars().count() >= 3 || is_acronym(w));
        if capitalised && long_enough && !seen.contains(&words) {
            seen.insert(words.clone());
            forms.push(Form { words, kind });
        }
    };
    for m in mentions {
        let Some(text) = m.text(paragraphs) else {
            continue;
        };
        match m.kind {
            EntityKind::Person if text.split_whitespace().count() >= 2 => {
                for surname in surname_forms(text) {
                    if !gazetteer::is_first_name(surname) && gazetteer::title(surname).is_none() {
                        push(Cow::Borrowed(surname), EntityKind::Person);
                    }
                }
            }
            // "Madonna said" after "Madonna's album": a one-word name the
            // tagger took for a person's (whose kind the article's cues may
            // still change), unless it is a common word, a first name, a title
            // or a place, which many sentences hold for other reasons.
            EntityKind::Person
                if !text.contains(char::is_whitespace)
                    && gazetteer::lowercase_share(text).is_none()
                    && !gazetteer::is_first_name(text)
                    && gazetteer::title(text).is_none()
                    && gazetteer::place(text).is_none() =>
            {
                push(Cow::Borrowed(text), EntityKind::Person);
            }
            // "Alibaba is set to…" opening the story after "Alibaba's listing":
            // a one-word organisation too, unless it is also a common word
            // ("Current", "Chime") that any sentence may open with.
            EntityKind::Organization
                if text.split_whitespace().count() >= 2
                    || is_acronym(text)
                    || gazetteer::lowercase_share(text).is_none() =>
            {
                push(Cow::Borrowed(text), EntityKind::Organization);
                // "Cairn said" after "Cairn Energy": a firm without its suffix.
                // A common word opening a sentence is passed over as for any form.
                if let Some(head) = firm_head(text) {
                    push(Cow::Borrowed(head), EntityKind::Organization);
                }
                // "A WB official" after "the World Bank": its initials, unless
                // they spell a place ("US" is not the Union of Students).
                let initials: String = text
                    .split_whitespace()
                    .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                    .collect();
                if initials.chars().count() >= 2 && gazetteer::place(&initials).is_none() {
                    push(Cow::Owned(initials), EntityKind::Organization);
                }
            }
            _ => {}
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
    forms
}

/// The index of the last token when the words of `form` start at token `i`.
fn match_form(
    text: &str,
    tokens: &[super::tokens::Token],
    i: usize,
    form: &[Cow<str>],
) -> Option<usize> {
    // Punctuation is a token of its own, so "Patrol, Service" does not match.
    for (k, word) in form.iter().enumerate() {
        let token = tokens.get(i + k)?;
        if token.kind != TokenKind::Word || token.text(text) != word.as_ref() {
            return None;
        }
    }
    Some(i + form.len() - 1)
}

/// True when a capitalised word stands right before or after the match: then
/// the match is part of a longer name ("Haddad Street", "Port Haddad"). A
/// personal title before it is not ("Mr Haddad" is Haddad), nor an ordinary
/// word opening the sentence ("The CPS").
fn glued_to_a_name(text: &str, tokens: &[super::tokens::Token], first: usize, last: usize) -> bool {
    // An ordinary word capitalised at a sentence start ("The CPS") is no part of a name.
    let capitalised_word = |t: &super::tokens::Token| {
        let word = t.text(text);
        t.kind == TokenKind::Word
            && word.chars().next().is_some_and(char::is_uppercase)
            && gazetteer::lowercase_share(word).is_none_or(|share| share < 90)
    };
    let before = first
        .checked_sub(1)
        .and_then(|b| tokens.get(b))
        .is_some_and(|t| {
            capitalised_word(t)
                && t.end + 1 >= tokens[first].start
                && gazetteer::title(t.text(text).trim_end_matches('.')).is_none()
        });
    let after = tokens
        .get(last + 1)
        .is_some_and(|t| capitalised_word(t) && tokens[last].end + 1 >= t.start);
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::split_paragraphs;

    fn mention(p: usize, paragraphs: &[String], text: &str, kind: EntityKind) -> RawMention {
        RawMention::first_in(paragraphs, p, text, kind)
    }

    #[test]
    fn a_surname_and_an_acronym_are_found_again() {
        let paragraphs: Vec<String> = [
            "Karim al-Haddad runs the ferry line for the Coastal Patrol Service (CPS).",
            "Haddad added that the CPS would buy boats. Mr Haddad smiled.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![
            mention(0, &paragraphs, "Karim al-Haddad", EntityKind::Person),
            mention(
                0,
                &paragraphs,
                "Coastal Patrol Service",
                EntityKind::Organization,
            ),
            mention(0, &paragraphs, "CPS", EntityKind::Organization),
        ];
        add_repeats(&paragraphs, &split, &mut mentions);
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            [
                "Karim al-Haddad",
                "Coastal Patrol Service",
                "CPS",
                "Haddad",
                "CPS",
                "Haddad"
            ]
        );
        assert_eq!(mentions[3].kind, EntityKind::Person);
        assert_eq!(mentions[4].kind, EntityKind::Organization);
    }

    #[test]
    fn a_one_word_organisation_is_found_again_unless_it_is_a_common_word() {
        let paragraphs: Vec<String> = [
            "Zentrix is set to list its shares.",
            "Rivals such as Zentrix and Current cut fees. Current rules apply.",
            "Thanks to @Zentrix for the note.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![
            mention(1, &paragraphs, "Zentrix", EntityKind::Organization),
            mention(1, &paragraphs, "Current", EntityKind::Organization),
        ];
        add_repeats(&paragraphs, &split, &mut mentions);
        // The opening "Zentrix" is found; "Current rules" and the handle are not.
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            ["Zentrix", "Zentrix", "Current"]
        );
    }

    #[test]
    fn a_one_word_person_is_found_again_unless_a_first_name_or_a_common_word() {
        let paragraphs: Vec<String> = [
            "Zentrix is set to list its shares, say fans of Grace and of Young people.",
            "Analysts praised Zentrix, Grace and Young.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![
            mention(1, &paragraphs, "Zentrix", EntityKind::Person),
            mention(1, &paragraphs, "Grace", EntityKind::Person),
            mention(1, &paragraphs, "Young", EntityKind::Person),
        ];
        add_repeats(&paragraphs, &split, &mut mentions);
        // The opening "Zentrix" is found; the first name and the common word,
        // mid-sentence, are not.
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            ["Zentrix", "Zentrix", "Grace", "Young"]
        );
        assert_eq!(mentions[0].kind, EntityKind::Person);
    }

    #[test]
    fn a_firm_is_found_again_without_its_suffix_but_not_as_a_nation() {
        let paragraphs: Vec<String> = [
            "Zentrix Energy and British Airways cut jobs.",
            "Later Zentrix said British fliers would pay more.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![
            mention(0, &paragraphs, "Zentrix Energy", EntityKind::Organization),
            mention(0, &paragraphs, "British Airways", EntityKind::Organization),
        ];
        add_repeats(&paragraphs, &split, &mut mentions);
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            ["Zentrix Energy", "British Airways", "Zentrix"]
        );
    }

    #[test]
    fn a_rare_ordinary_word_the_article_names_a_firm_is_found_opening_a_sentence() {
        let paragraphs: Vec<String> = [
            "Shares in Cairn Energy fell.",
            "Cairn said it would appeal.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![mention(
            0,
            &paragraphs,
            "Cairn Energy",
            EntityKind::Organization,
        )];
        add_repeats(&paragraphs, &split, &mut mentions);
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            ["Cairn Energy", "Cairn"]
        );
    }

    #[test]
    fn common_words_longer_names_and_claimed_text_are_left_alone() {
        let paragraphs: Vec<String> = [
            "Gordon Brown met Ann Young on Haddad Street with Omar Haddad.",
            "Young people cheered on Haddad Street.",
        ]
        .map(String::from)
        .to_vec();
        let split = split_paragraphs(&paragraphs);
        let mut mentions = vec![
            mention(0, &paragraphs, "Gordon Brown", EntityKind::Person),
            mention(0, &paragraphs, "Ann Young", EntityKind::Person),
            mention(0, &paragraphs, "Omar Haddad", EntityKind::Person),
        ];
        add_repeats(&paragraphs, &split, &mut mentions);
        // "Young" opens a sentence as an ordinary word; "Haddad" is part of a
        // street name both times.
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            ["Gordon Brown", "Ann Young", "Omar Haddad"]
        );
    }
}
