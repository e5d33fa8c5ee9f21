//! Laws and treaties named whole: "the Licensing Act 2003", "the Serious
//! Organised Crime and Police Bill", "the Prevention of Terrorism Act". The
//! tagger reads a law's ordinary capitalised words as nothing or as pieces
//! ("Bill" alone, "Police" a body); a run of capitalised words, joined by
//! small ones, that ends in a law's word ([`names::is_law_word`]) is one
//! law: a mention of kind other, as CoNLL-2003 files laws under MISC.

use super::entities::RawMention;
use super::gazetteer;
use super::names;
use super::tokens::{Token, TokenKind, Tokenized};
use super::works;
use crate::model::Span;

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

/// Most tokens a law's name holds: the longest in the BBC collection,
/// "Controlling the Assault of Non-Solicited Pornography and Marketing Act",
/// has eleven. Bounds the walk back from each law's word.
const LONGEST_LAW: usize = 16;

/// The first token of a law's name that ends with token `k`, a law's word
/// ending the run of capitalised words ("Bill Clinton" is no law) right
/// after a capitalised word of its own ("the Bill" alone names none).
fn law_start(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Word);
    let text = |i: usize| word(i).map_or("", |t| t.text(para));
    let capitalised = |i: usize| text(i).starts_with(char::is_uppercase);
    // A word of the name: capitalised, not a sentence's opening small word.
    let named = |i: usize| capitalised(i) && !OPENERS.contains(&text(i));
    if !names::is_law_word(text(k)) || capitalised(k + 1) || k == 0 || !named(k - 1) {
        return None;
    }
    // "Uncle Bill", "Sonny Bill": a first name's, not a law's.
    if text(k) == "Bill"
        && (gazetteer::is_first_name(text(k - 1))
            || gazetteer::title(text(k - 1)) == Some(gazetteer::TitleRole::Head)
            || matches!(
                text(k - 1),
                "Uncle" | "Aunt" | "Old" | "Big" | "Little" | "Young"
            ))
    {
        return None;
    }
    let mut first = k - 1;
    while k - first < LONGEST_LAW {
        if first > 0 && named(first - 1) {
            first -= 1;
            continue;
        }
        // Small words inside a law's name: "Prevention of Terrorism", "of
        // the People", "Crime and Police", "Tax for Pensions" (not "to the":
        // "opposition from Labour to the Hunting Bill"); never back to a
        // sentence's (or a quote's)
        // first word across them ("Critics of the Prevention of Terrorism
        // Bill", "Changes to the Finance Bill").
        let small = |n: usize| first.checked_sub(n).map_or("", text);
        let joiners = match (small(2), small(1)) {
            ("of", "the") => 2,
            (_, "of" | "and" | "for") => 1,
            _ => 0,
        };
        match first.checked_sub(joiners + 1) {
            Some(b) if joiners > 0 && named(b) && b > 0 && word(b - 1).is_some() => first = b,
            _ => break,
        }
    }
    Some(first)
}

fn is_year(para: &str, token: &Token) -> bool {
    token.kind == TokenKind::Number && names::is_year(token.text(para))
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
        // "the Bill" alone is no law to reach back from; nor small words other
        // than a name's, nor a sentence's first word across them.
        for text in [
            "There was an attack by Tory leader Michael Howard on the Bill this week.",
            "Ministers expect Tony Blair and the Licensing Act to be in the news.",
            "On Monday the Licensing Act came into force across the country.",
            "There was opposition from Labour to the Hunting Bill in the Lords.",
            "Hillary and Bill arrived at the party late in the evening.",
            "Meanwhile Uncle Bill said the party had been a great success.",
        ] {
            let found = joined(text, &[]);
            assert!(
                found
                    .iter()
                    .all(|(t, _)| !t.contains(" the ") && !t.contains(" and ")),
                "{text}: {found:?}"
            );
        }
        assert_eq!(
            joined(
                "Critics of the Prevention of Terrorism Bill say it goes too far for them.",
                &[]
            ),
            [law("Prevention of Terrorism Bill")]
        );
        assert_eq!(
            joined(
                "Changes to the Finance Bill were made by the minister this week.",
                &[]
            ),
            [law("Finance Bill")]
        );
        assert!(joined("Meanwhile Uncle Bill said the party had been fun.", &[]).is_empty());
    }
}
