//! Names that speak are no places. A one-word name the tagger took for a
//! place, which the gazetteer does not know as one, and which is the subject
//! of a verb of saying ("Khamenei told Assad", "Bono said") is a person, as
//! is a one-word "organisation" that speaks and is the surname of someone
//! the article names in full ("said Connors", after "Jimmy Connors"): a
//! place speaks for its government only when it is a known one ("Moscow
//! said", "Washington told", which the gazetteer has), and a building that
//! does takes "the" ("the Kremlin said", "the Pentagon"). Decided on the
//! mentions, before they are merged, so that the person takes his title
//! and his full name ("the Supreme Leader", "Ali Khamenei").

use super::entities::RawMention;
use super::gazetteer;
use super::speakers::speaks_at;
use crate::model::EntityKind;
use foldhash::{HashMap, HashMapExt, HashSet};

/// Turns into people the place mentions whose name speaks in the article
/// (see the module's comment); every mention of such a name changes.
pub fn speaking_places_are_people(paragraphs: &[String], mentions: &mut [RawMention]) {
    // The surnames of the people the article names in full: a one-word
    // "organisation" that is one of them and speaks is that person ("said
    // Connors", after "Jimmy Connors").
    let surnames: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .filter_map(|m| m.text(paragraphs))
        .filter_map(|text| text.rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let candidate = |m: &RawMention, text: &str| {
        m.canonical.is_none()
            && (m.kind == EntityKind::Place
                || (m.kind == EntityKind::Organization && surnames.contains(text)))
    };
    // For each one-word candidate name: whether it speaks, and whether any
    // of its mentions rules it out.
    let mut names: HashMap<&str, (bool, bool)> = HashMap::new();
    for m in mentions.iter() {
        let Some(text) = m.text(paragraphs) else {
            continue;
        };
        if !candidate(m, text) {
            continue;
        }
        let Some(para) = paragraphs.get(m.span.paragraph) else {
            continue;
        };
        let (speaks, ruled_out) = names
            .entry(text)
            .or_insert_with(|| (false, !could_be_surname(text)));
        let before = word_before(para, m.span.start).to_ascii_lowercase();
        let after = para.get(m.span.end..).unwrap_or("");
        // "the Kremlin" is a building; "in Kiev" a place.
        *ruled_out |= before == "the" || placed(&before, after);
        *speaks |= !is_preposition(&before) && speaks_at(para, m.span.start, m.span.end);
    }
    // A word of a longer name that is no person's is that name's short form
    // ("Fairmont said", after "Fairmont Hotels & Resorts").
    for m in mentions.iter() {
        let Some(text) = m.text(paragraphs) else {
            continue;
        };
        if m.kind == EntityKind::Person || !text.contains(' ') {
            continue;
        }
        for word in text.split(' ') {
            if let Some((_, ruled_out)) = names.get_mut(word) {
                *ruled_out = true;
            }
        }
    }
    for m in mentions.iter_mut() {
        let Some(text) = m.text(paragraphs) else {
            continue;
        };
        let speaks = candidate(m, text)
            && names
                .get(text)
                .is_some_and(|&(speaks, ruled_out)| speaks && !ruled_out);
        if speaks {
            m.kind = EntityKind::Person;
        }
    }
}

/// A single capitalised word of letters (a hyphen or an apostrophe inside)
/// that no list knows as a place, a people or a company.
fn could_be_surname(text: &str) -> bool {
    let mut chars = text.chars();
    let shaped = chars.next().is_some_and(char::is_uppercase)
        && text.ends_with(char::is_alphabetic)
        && chars.clone().any(char::is_lowercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'));
    shaped
        && gazetteer::place(text).is_none()
        && gazetteer::demonym(text).is_none()
        && !gazetteer::is_company(text)
}

/// The word right before `start`.
fn word_before(para: &str, start: usize) -> &str {
    let before = para.get(..start).unwrap_or("").trim_end();
    before.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// Whether a name after the (lower-cased) word `before`, with `after`
/// following it, is written as a place is: after a preposition of place, not
/// as someone's ("in Kiev", "from Qarvani"; not "in Khamenei's view"). One
/// such mention keeps the name a place ("Kiev said", a name the gazetteer has
/// only as "Kyiv").
fn placed(before: &str, after: &str) -> bool {
    let possessive = after.starts_with("'s") || after.starts_with("\u{2019}s");
    !possessive
        && matches!(
            before,
            "in" | "from" | "near" | "into" | "across" | "outside" | "inside" | "around"
        )
}

/// Whether the (lower-cased) word before a name is a preposition: the place
/// is then part of what speaks ("the Archbishop of Canterbury said") or
/// where it does ("in Qarvani Holt said").
fn is_preposition(before: &str) -> bool {
    matches!(
        before,
        "of" | "in" | "at" | "from" | "for" | "to" | "on" | "by" | "with" | "near"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    /// The kinds of the mentions of `name` in `text` (one paragraph), each
    /// first given `kind`, after the step.
    fn kinds_after(text: &str, name: &str, kind: EntityKind) -> Vec<EntityKind> {
        let paragraphs = vec![text.to_string()];
        let mut mentions: Vec<RawMention> = text
            .match_indices(name)
            .map(|(at, _)| mention(at, name.len(), kind))
            .collect();
        speaking_places_are_people(&paragraphs, &mut mentions);
        mentions.iter().map(|m| m.kind).collect()
    }

    /// A mention of `len` bytes at `start` of the one paragraph.
    fn mention(start: usize, len: usize, kind: EntityKind) -> RawMention {
        RawMention {
            span: Span::new(0, start, start + len),
            kind,
            canonical: None,
        }
    }

    const PERSON: EntityKind = EntityKind::Person;
    const PLACE: EntityKind = EntityKind::Place;

    #[test]
    fn an_unknown_place_that_speaks_is_a_person_in_every_mention() {
        let text = "Qarvani met Holt in Qarvani's office. Qarvani also told Holt to wait.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON; 3]);
        let text = "\"We will win,\" said Qarvani. The crowd cheered Qarvani.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON; 2]);
        let text = "Qarvani angrily denied it.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON]);
        let text = "Qarvani said: \"No.\" Qarvani was saying so for years.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON, PERSON]);
        let text = "\u{201c}No,\u{201d} said Qarvani, and left.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON]);
    }

    #[test]
    fn a_speaking_organisation_that_is_a_named_persons_surname_is_that_person() {
        let text = "Jimmy Qonnors won. \"Yes,\" said Qonnors. Qonnors Ltd is his firm.";
        let paragraphs = vec![text.to_string()];
        let at = |s: &str, n: usize| text.match_indices(s).nth(n).map_or(0, |(i, _)| i);
        let org = EntityKind::Organization;
        let mut mentions = vec![
            mention(at("Jimmy", 0), 13, PERSON),
            mention(at("Qonnors", 1), 7, org),
        ];
        speaking_places_are_people(&paragraphs, &mut mentions);
        assert_eq!(mentions[1].kind, PERSON);
        // A word of the firm's longer name is the firm's.
        mentions[1].kind = org;
        mentions.push(mention(at("Qonnors Ltd", 0), 11, org));
        speaking_places_are_people(&paragraphs, &mut mentions);
        assert_eq!(mentions[1].kind, org);
        // No one of that surname named in full: stays what it was.
        let mut alone = vec![mention(at("Qonnors", 1), 7, org)];
        speaking_places_are_people(&paragraphs, &mut alone);
        assert_eq!(alone[0].kind, org);
    }

    #[test]
    fn known_places_buildings_and_silent_places_stay_places() {
        // The gazetteer's places speak for their governments.
        assert_eq!(
            kinds_after("Moscow said it would reply.", "Moscow", PLACE),
            [PLACE]
        );
        // A building that speaks takes "the".
        let text = "The Qremlin is old. The Qremlin said nothing.";
        assert_eq!(kinds_after(text, "Qremlin", PLACE), [PLACE, PLACE]);
        // Part of what speaks, or where.
        let text = "The Archbishop of Qarvani said: \"Yes.\"";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE]);
        // Spoken to, not speaking; named in what another says.
        let text = "Qarvani was told to wait. Qarvani has been described as lost.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE, PLACE]);
        let text = "Holt said Qarvani, Qiev and Tolham were won.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE]);
        // After a preposition however written.
        let text = "In Qarvani said no.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE]);
        // Written as a place elsewhere in the article.
        let text = "Aid reached people in Qiev. Qiev said the talks were over.";
        assert_eq!(kinds_after(text, "Qiev", PLACE), [PLACE, PLACE]);
        // Not by a possessive after "in".
        let text = "In Qarvani's view it was over, Qarvani said.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PERSON, PERSON]);
        // It does not speak: "said" is another's.
        let text = "In Qarvani, Holt said no.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE]);
        // "said" after it, but not ending the clause: "said Qarvani was far".
        let text = "Holt said Qarvani was far.";
        assert_eq!(kinds_after(text, "Qarvani", PLACE), [PLACE]);
        // The short form of a firm's name.
        let text = "Qarvani Hotels has bought it. Qarvani said so.";
        let paragraphs = vec![text.to_string()];
        let mut mentions = vec![
            mention(0, 14, EntityKind::Organization),
            mention(30, 7, PLACE),
        ];
        speaking_places_are_people(&paragraphs, &mut mentions);
        assert_eq!(mentions[1].kind, PLACE);
        // Two words, or an acronym, are no surname.
        assert_eq!(
            kinds_after("Qarvani Heights said so.", "Qarvani Heights", PLACE),
            [PLACE]
        );
        assert_eq!(kinds_after("QRV said so.", "QRV", PLACE), [PLACE]);
        // Only places change.
        let org = EntityKind::Organization;
        assert_eq!(kinds_after("Qarvani said so.", "Qarvani", org), [org]);
    }
}
