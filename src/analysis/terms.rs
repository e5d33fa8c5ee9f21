//! Acronyms an article spells out in ordinary words: "digital rights
//! management (DRM)", "a personal video recorder (PVR)", "non-governmental
//! organisations (NGOs)". Written in capitals, they look like an
//! organisation's initials to the tagger, but the words they stand for are
//! no name, so neither are they, anywhere in the article. A name spelled out
//! is written with capitals ("the Consumer Electronics Show (CES)") and is
//! left alone.

use super::entities::RawMention;
use super::tokens::{TokenKind, Tokenized};

/// Small words an acronym's letters pass over ("rules of origin (ROO)").
const SKIPPED: &[&str] = &["a", "an", "and", "for", "in", "of", "on", "the", "to"];

/// Removes the mentions of every acronym the article spells out in
/// lower-case words.
pub fn drop_spelled_out_terms(
    paragraphs: &[String],
    split: &[Tokenized],
    mentions: &mut Vec<RawMention>,
) {
    let mut terms: Vec<&str> = Vec::new();
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
                terms.push(letters);
            }
        }
    }
    if terms.is_empty() {
        return;
    }
    mentions.retain(|m| {
        let Some(said) = paragraphs
            .get(m.span.paragraph)
            .and_then(|p| p.get(m.span.start..m.span.end))
        else {
            return true;
        };
        let letters = said.strip_suffix('s').unwrap_or(said);
        !terms.contains(&letters)
    });
}

/// Whether the words ending `before` are lower-case words whose first letters
/// spell `letters`; a small word may give its letter or be passed over
/// ("rules of origin (ROO)", "rights of way (ROW)").
fn spelled_out_before(text: &str, before: &[super::tokens::Token], letters: &str) -> bool {
    let words: Vec<&str> = before
        .iter()
        .rev()
        .take(2 * letters.len())
        .map_while(|t| {
            let word = t.text(text);
            (t.kind == TokenKind::Word && word.starts_with(|c: char| c.is_lowercase()))
                .then_some(word)
        })
        .collect();
    let wanted: Vec<char> = letters
        .chars()
        .rev()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    spells(&words, &wanted)
}

/// Whether `words` (last first) spell `wanted` (last letter first) from their
/// start. Backtracks only over small words: at most a few steps.
fn spells(words: &[&str], wanted: &[char]) -> bool {
    let Some((&letter, rest_letters)) = wanted.split_first() else {
        return true;
    };
    let Some((&word, rest_words)) = words.split_first() else {
        return false;
    };
    let small = SKIPPED.contains(&word);
    (word.starts_with(letter) && spells(rest_words, rest_letters))
        || (small && spells(rest_words, wanted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind::{Organization, Other};

    #[test]
    fn an_acronym_spelled_out_in_small_words_is_no_name_anywhere() {
        let text = "It uses digital rights management (DRM) and rules of origin (ROO). DRM irks \
            fans, as do NGOs.";
        let kept = RawMention::after_pass(
            text,
            &[
                ("DRM", Organization),
                ("ROO", Organization),
                ("NGOs", Other),
            ],
            drop_spelled_out_terms,
        );
        assert_eq!(kept, [("NGOs".to_string(), Other)]);
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
