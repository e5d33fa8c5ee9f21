//! Acronyms an article spells out in ordinary words: "digital rights
//! management (DRM)", "a personal video recorder (PVR)", "non-governmental
//! organisations (NGOs)". Written in capitals, they look like an
//! organisation's initials to the tagger, but the words they stand for are
//! no name, so neither are they, anywhere in the article. A name spelled out
//! is written with capitals ("the Consumer Electronics Show (CES)") and is
//! left alone.

use super::entities::RawMention;
use super::tokens::{TokenKind, Tokenized};
use foldhash::{HashSet, HashSetExt};

/// Small words an acronym's letters pass over ("rules of origin (ROO)").
const SKIPPED: &[&str] = &["a", "an", "and", "for", "in", "of", "on", "the", "to"];

/// Removes the mentions of every acronym the article spells out in
/// lower-case words.
pub fn drop_spelled_out_terms(
    paragraphs: &[String],
    split: &[Tokenized],
    mentions: &mut Vec<RawMention>,
) {
    // A set: an article may define the same term many times.
    let mut terms: HashSet<&str> = HashSet::new();
    for (text, tokenized) in paragraphs.iter().zip(split) {
        let tokens = &tokenized.tokens;
        for (i, window) in tokens.windows(3).enumerate() {
            let [open, acronym, close] = window else {
                continue;
            };
            if open.text(text) != "(" || close.text(text) != ")" {
                continue;
            }
            let acronym = acronym.text(text);
            let letters = acronym.strip_suffix('s').unwrap_or(acronym);
            let shaped =
                (2..=6).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase());
            if shaped && spelled_out_before(text, &tokens[..i], letters) {
                terms.insert(letters);
            }
        }
    }
    if terms.is_empty() {
        return;
    }
    mentions.retain(|m| {
        let Some(said) = m.text(paragraphs) else {
            return true;
        };
        let letters = said.strip_suffix('s').unwrap_or(said);
        !terms.contains(letters)
    });
}

/// Whether the words ending `before` are lower-case words whose first letters
/// spell `letters`, each part of a hyphenated word giving its own
/// ("non-governmental organisations (NGOs)"); a small word may give its letter
/// or be passed over ("rules of origin (ROO)", "rights of way (ROW)").
fn spelled_out_before(text: &str, before: &[super::tokens::Token], letters: &str) -> bool {
    // The parts, last first: at most two per letter are ever needed.
    let mut parts: Vec<&str> = Vec::new();
    for token in before.iter().rev() {
        let word = token.text(text);
        if parts.len() >= 2 * letters.len()
            || token.kind != TokenKind::Word
            || !word.starts_with(|c: char| c.is_lowercase())
        {
            break;
        }
        parts.extend(word.rsplit('-').filter(|p| !p.is_empty()));
    }
    let wanted: Vec<char> = letters
        .chars()
        .rev()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    spells(&parts, &wanted)
}

/// Whether `parts` (last first) spell `wanted` (last letter first) from their
/// start, small words giving their letter or not: which numbers of letters
/// the parts read so far can have spelled, one part at a time (a table of at
/// most 13 parts by 7 letters, however many small words).
fn spells(parts: &[&str], wanted: &[char]) -> bool {
    // reachable[j]: the first j letters are spelled by the parts read so far.
    let mut reachable = vec![false; wanted.len() + 1];
    reachable[0] = true;
    for part in parts {
        if reachable[wanted.len()] {
            return true;
        }
        let small = SKIPPED.contains(part);
        let mut next = vec![false; wanted.len() + 1];
        for j in 0..=wanted.len() {
            if !reachable[j] {
                continue;
            }
            if small {
                next[j] = true;
            }
            if j < wanted.len() && part.starts_with(wanted[j]) {
                next[j + 1] = true;
            }
        }
        reachable = next;
    }
    reachable[wanted.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_words_may_give_their_letter_or_not_and_stay_cheap() {
        let parts = |s: &'static str| -> Vec<&'static str> { s.split(' ').rev().collect() };
        let letters = |s: &str| -> Vec<char> { s.chars().rev().collect() };
        assert!(spells(&parts("rights of way"), &letters("row")));
        assert!(spells(&parts("rules of origin"), &letters("roo")));
        assert!(spells(&parts("rules of origin"), &letters("ro")));
        assert!(!spells(&parts("rules of origin"), &letters("rox")));
        // Many small words: a table of parts by letters, not every way of skipping.
        let many = ["a"; 12];
        assert!(!spells(&many, &letters("taaaaa")));
    }
    use crate::model::EntityKind::{Organization, Other};

    #[test]
    fn an_acronym_spelled_out_in_small_words_is_no_name_anywhere() {
        let text = "It uses digital rights management (DRM) and rules of origin (ROO). DRM irks \
            fans, as do QBCs and non-governmental organisations (NGOs).";
        let kept = RawMention::after_pass(
            text,
            &[
                ("DRM", Organization),
                ("ROO", Organization),
                ("QBCs", Other),
                ("NGOs", Organization),
            ],
            drop_spelled_out_terms,
        );
        assert_eq!(kept, [("QBCs".to_string(), Other)]);
    }

    #[test]
    fn a_name_spelled_out_and_letters_that_do_not_fit_stay() {
        let text =
            "It went to the Qarlow Electronics Show (QES) with a digital video (DRM) player.";
        let kept = RawMention::after_pass(
            text,
            &[
                ("Qarlow Electronics Show", Other),
                ("QES", Other),
                ("DRM", Organization),
            ],
            drop_spelled_out_terms,
        );
        assert_eq!(kept.len(), 3);
    }
}
