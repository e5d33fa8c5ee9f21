//! Laws and treaties named whole: "the Licensing Act 2003", "the Serious
//! Organised Crime and Police Bill", "the Prevention of Terrorism Act". The
//! tagger reads a law's ordinary capitalised words as nothing or as pieces
//! ("Bill" alone, "Police" a body); a run of capitalised words, joined by
//! small ones, that ends in a law's word ([`names::is_law_word`]) is one
//! law: a mention of kind other, as CoNLL-2003 files laws under MISC.

use super::entities::RawMention;
use super::names;
use super::tokens::{Token, TokenKind, Tokenized};
use super::works;
use crate::model::Span;

/// Small words inside a law's name: "Prevention of Terrorism", "Crime and
/// Police", "Representation of the People".
const JOINERS: &[&str] = &["of", "and", "the", "for", "on", "in", "to"];

/// Small words capitalised to open a sentence (or a quote), never a law's
/// first word: "Under the Licensing Act", "No Bill", "The Act".
const OPENERS: &[&str] = &[
    "A",
    "About",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Even",
    "Every",
    "Following",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "If",
    "In",
    "Into",
    "It",
    "Its",
    "Last",
    "Like",
    "My",
    "Next",
    "No",
    "Not",
    "Now",
    "On",
    "Once",
    "Only",
    "Or",
    "Our",
    "Over",
    "She",
    "Since",
    "So",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Through",
    "Under",
    "Unlike",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yet",
    "Your",
];

/// Replaces the mentions inside each law's name by one mention of the whole
/// name, of kind other. Mentions stay in text order.
pub fn join_laws(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    let mut laws: Vec<Span> = Vec::new();
    for (p, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        for sentence in &tok.sentences {
            let tokens = &tok.tokens[sentence.clone()];
            // A title-case headline capitalises every word: no run says a name there.
            if works::headline_case(para, tokens) {
                continue;
            }
            for k in 1..tokens.len() {
                if let Some(first) = law_start(para, tokens, k) {
                    // "the Licensing Act 2003": its year.
                    let last = match tokens.get(k + 1) {
                        Some(t) if is_year(para, t) => k + 1,
                        _ => k,
                    };
                    laws.push(Span::new(p, tokens[first].start, tokens[last].end));
                }
            }
        }
    }
    works::join_found(mentions, laws, |_, _| true);
}

/// The first token of a law's name that ends with token `k`, a law's word
/// ending the run of capitalised words ("Bill Clinton" is no law).
fn law_start(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Word);
    let capitalised =
        |i: usize| word(i).is_some_and(|t| t.text(para).starts_with(char::is_uppercase));
    // A word of the name: capitalised, not a sentence's opening small word.
    let named = |i: usize| capitalised(i) && !OPENERS.contains(&tokens[i].text(para));
    if !word(k).is_some_and(|t| names::is_law_word(t.text(para))) || capitalised(k + 1) {
        return None;
    }
    let mut first = k;
    loop {
        if first > 0 && named(first - 1) {
            first -= 1;
            continue;
        }
        // Up to two small words, then a capitalised word that is not a
        // sentence's opening small word.
        let joiners = (1..=2)
            .take_while(|&n| {
                first >= n && word(first - n).is_some_and(|t| JOINERS.contains(&t.text(para)))
            })
            .count();
        let before = first.checked_sub(joiners + 1);
        match before {
            Some(b) if joiners > 0 && named(b) => {
                first = b;
            }
            _ => break,
        }
    }
    // A name ending in the law's word, at least one word before it.
    (first < k).then_some(first)
}

fn is_year(para: &str, token: &Token) -> bool {
    let text = token.text(para);
    token.kind == TokenKind::Number
        && text.len() == 4
        && (text.starts_with("19") || text.starts_with("20"))
        && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind::{self, Organization, Other, Person};

    fn joined(text: &str, pieces: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        RawMention::after_pass(text, pieces, join_laws)
    }

    #[test]
    fn a_run_of_capitals_ending_in_a_laws_word_is_one_law() {
        let law = |t: &str| (t.to_string(), Other);
        assert_eq!(
            joined(
                "The new Licensing Act 2003 comes into force in November.",
                &[]
            ),
            [law("Licensing Act 2003")]
        );
        assert_eq!(
            joined(
                "MPs debated the Serious Organised Crime and Police Bill in the house on a quiet day.",
                &[("Bill", Other), ("Police", Organization)]
            ),
            [law("Serious Organised Crime and Police Bill")]
        );
        assert_eq!(
            joined(
                "They used the Representation of the People Act in court.",
                &[]
            ),
            [law("Representation of the People Act")]
        );
        // Not back over a sentence's opening small word, nor a name after it.
        assert_eq!(
            joined("Under the Licensing Act pubs may open late at night.", &[]),
            [law("Licensing Act")]
        );
        assert_eq!(
            joined(
                "President Bill Clinton spoke on Monday about the plan.",
                &[("Bill Clinton", Person)]
            ),
            [("Bill Clinton".to_string(), Person)]
        );
        assert!(joined("The Bill was passed by a large majority on Monday.", &[]).is_empty());
    }
}
