//! Products and events named with a number or a model code: "Windows 95",
//! "Airbus A320", "Euro 2004", "Doom 3", "Radeon 5300M". The
//! tagger reads the name and leaves the number out, or takes the code for a
//! name of its own ("Airbus" and "A320"); the whole is one thing of kind
//! other, as CoNLL-2003 labels such names (94 of its 115 training names with
//! a number in them are other). A broadcaster's channel keeps its kind:
//! "Channel 4" and "BBC Radio 1" are organisations.

use super::entities::RawMention;
use super::names::{is_camel_case, one_space_between};
use super::tokens::{Token, TokenKind, Tokenized};
use super::{gazetteer, products};
use crate::model::{EntityKind, Span};

/// Last words of a broadcaster's channel, which a number ends ("Channel 4").
const CHANNEL_WORDS: &[&str] = &["Channel", "Radio", "TV"];

/// Words after a number that make it a quantity, not a model: "Zentrix 10
/// per cent", "Brimley 3 points".
const QUANTITY_WORDS: &[&str] = &[
    "per",
    "percent",
    "%",
    "points",
    "pts",
    "m",
    "bn",
    "million",
    "billion",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "goals",
    "runs",
    "wickets",
    "times",
    "metres",
    "meters",
    "km",
    "kilometres",
    "miles",
    "yards",
    "feet",
    "kg",
    "tonnes",
    "barrels",
    "people",
    "players",
    "votes",
    "seats",
    "shares",
    "dollars",
    "euros",
    "pounds",
    "yen",
    "-",
    "\u{2013}",
];

/// Extends each organisation's or other's mention over a model code right
/// after it, joining a mention of the code itself, and makes it other (a
/// channel stays an organisation). People and places are left alone: "Henry
/// 23" is a scorer and his minute, "Iraq 2" a score; so is a bare number
/// after an organisation ("Somerset 83"), unless the organisation is a
/// channel. A number that is a quantity, or one of a score line ("Brimley 3
/// Tolham 1"), is no model.
pub fn join_models(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    // Mentions of codes now inside a joined name, ascending.
    let mut inside: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        if let Some((code, kind)) = model_after(paragraphs, split, &mentions[i]) {
            let p = mentions[i].span.paragraph;
            // A later mention running past the join's end ("iPhone 11 Pro
            // Max", the tagger's "Pro Max") keeps its words: no mentions overlap.
            let crosses = |end: usize| {
                mentions[i + 1..]
                    .iter()
                    .take_while(|o| o.span.paragraph == p && o.span.start < end)
                    .any(|o| o.span.end > end)
            };
            let mut end = variant_after(&paragraphs[p], &split[p].tokens, code).unwrap_or(code.end);
            if crosses(end) {
                end = code.end;
            }
            if crosses(end) {
                i += 1;
                continue;
            }
            let m = &mut mentions[i];
            m.span = Span::new(p, m.span.start, end);
            m.kind = kind;
            m.canonical = None;
            // The code's own mention and the variant's, if the tagger made
            // them, are now inside: they are the next ones, and go after the
            // loop (one pass, not one per join).
            while mentions.get(i + 1).is_some_and(|o| {
                o.span.paragraph == p && o.span.start >= code.start && o.span.end <= end
            }) {
                inside.push(i + 1);
                i += 1;
            }
        }
        i += 1;
    }
    RawMention::remove_at(mentions, &inside);
}

/// The model code right after mention `m` that joins it, and the kind of the
/// whole; `None` when there is none, or it is no model ([`join_models`]).
fn model_after<'a>(
    paragraphs: &[String],
    split: &'a [Tokenized],
    m: &RawMention,
) -> Option<(&'a Token, EntityKind)> {
    let p = m.span.paragraph;
    let (para, tokens) = (paragraphs.get(p)?, &split.get(p)?.tokens);
    if !matches!(m.kind, EntityKind::Organization | EntityKind::Other) {
        return None;
    }
    let next = tokens.partition_point(|t| t.start < m.span.end);
    let code = tokens.get(next)?;
    // One space between, no more.
    if !one_space_between(para, m.span.end, code.start)
        || !is_model_code(code.text(para))
        || !ends_the_name(para, tokens, next)
        || after_a_score(para, tokens, m.span.start)
    {
        return None;
    }
    let channel = para[m.span.start..m.span.end]
        .rsplit(' ')
        .next()
        .is_some_and(|last| CHANNEL_WORDS.contains(&last));
    // A bare number after an organisation is mostly its score or its
    // total ("Somerset 83 and 296"); only a code with letters ("A320")
    // makes its product, and a number its channel.
    // No letters: "787-9" is as bare as a cricket score's "429-7".
    let bare = code
        .text(para)
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-');
    let name = &para[m.span.start..m.span.end];
    // A listed maker's number is its model ("Boeing 737", "Nokia 3310"),
    // unless it is a year ("Boeing 2019 results").
    let head = code.text(para).split('-').next().unwrap_or("");
    let makers_model = gazetteer::is_company(name) && !is_year(head);
    if bare
        && m.kind == EntityKind::Organization
        && !channel
        && !product_shaped(name)
        && !makers_model
    {
        return None;
    }
    let kind = if channel {
        EntityKind::Organization
    } else {
        EntityKind::Other
    };
    Some((code, kind))
}

/// Whether an organisation's name is shaped like a product's, so that a bare
/// number after it is its model, not a score: a listed maker's name and
/// product words ("Apple Watch Series 5", [`products::is_product`]), or a last
/// word with a capital inside it after small letters, as brands of devices
/// and games are written ("PlayStation 5", "iPhone 11", "AirPods 2"); clubs
/// and sides, whose scores follow them, are not written so, nor is a surname
/// such as "McKoy" or "DeMerit", which a line-up's minute follows
/// ([`is_camel_case`]).
fn product_shaped(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    products::is_product(name) || is_camel_case(last)
}

/// A year of the last two centuries or this one, written in full.
fn is_year(word: &str) -> bool {
    word.len() == 4 && (word.starts_with("19") || word.starts_with("20"))
}

/// Words that name a variant of a model after its code ("Boeing 737
/// Dreamliner", "Xbox 360 Elite"): these, and those of
/// [`NAME_ENDING_VARIANTS`] ("iPhone 11 Pro", "Galaxy S21 Ultra").
const CODE_VARIANTS: &[&str] = &["Edge", "Neo", "Dreamliner", "Jumbo", "Classic", "Home"];

/// Variant words that end a product's name on their own: "MacBook Air",
/// "Switch Lite", "Radeon Pro" (not "Home", "Classic" or "Edge", which end
/// other names too).
const NAME_ENDING_VARIANTS: &[&str] = &[
    "Pro", "Max", "Plus", "Ultra", "Mini", "Lite", "Air", "Elite", "Slim", "XL",
];

/// Whether `word` ends a product's name as its variant ("MacBook Air").
pub(crate) fn ends_product_name(word: &str) -> bool {
    NAME_ENDING_VARIANTS.contains(&word)
}

/// Where a model's name ends when a variant's word follows its code at
/// `code`: the end of that word; `None` when none follows.
fn variant_after(para: &str, tokens: &[Token], code: &Token) -> Option<usize> {
    let k = tokens.partition_point(|t| t.start < code.end);
    let word = tokens.get(k)?;
    let variant = word.text(para);
    (one_space_between(para, code.end, word.start)
        && (ends_product_name(variant) || CODE_VARIANTS.contains(&variant)))
    .then_some(word.end)
}

/// Letters after a number that make it a measure, a time or an ordinal,
/// not a model: "800m", "10am", "2nd", "1990s".
const UNIT_SUFFIXES: &[&str] = &[
    "m", "km", "cm", "mm", "kg", "g", "bn", "k", "am", "pm", "s", "st", "nd", "rd", "th", "ft",
    "lb",
];

/// A model code: a number of up to four digits with up to two letters after
/// it ("95", "2004", "5300M", "777x"), or one or two capitals and one to four
/// digits ("A320", "X5"), either with a variant's number after a hyphen
/// ("A350-900", "737-800", "F-35"; a score's "2-1" has shorter numbers). Not
/// a decimal, a money sum, a measure, a time or an ordinal.
fn is_model_code(word: &str) -> bool {
    if let Some((head, variant)) = word.split_once('-') {
        let variant_ok = (1..=4).contains(&variant.len())
            && variant.chars().all(|c| c.is_ascii_digit())
            // "2004-05", "1998-2003": a season or a span of years.
            && !is_year(head);
        let lettered = head.starts_with(|c: char| c.is_ascii_uppercase());
        let long_number = head.len() >= 3 && head.chars().all(|c| c.is_ascii_digit());
        let letters_only =
            (1..=2).contains(&head.len()) && head.chars().all(|c| c.is_ascii_uppercase());
        return variant_ok && (long_number || letters_only || lettered && plain_code(head));
    }
    plain_code(word)
}

/// [`is_model_code`] without a variant's number.
fn plain_code(word: &str) -> bool {
    let letters_then_digits = {
        let caps = word.chars().take_while(char::is_ascii_uppercase).count();
        let rest = &word[caps..];
        (1..=2).contains(&caps)
            && (1..=4).contains(&rest.len())
            && rest.chars().all(|c| c.is_ascii_digit())
    };
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let tail = &word[digits..];
    let digits_then_letters = (1..=4).contains(&digits)
        && tail.len() <= 2
        && tail.chars().all(|c| c.is_ascii_alphabetic())
        && !UNIT_SUFFIXES.contains(&tail);
    letters_then_digits || digits_then_letters
}

/// Whether the code at `tokens[k]` ends the name: nothing after it that makes
/// it a quantity or a score ("10 per cent", "3-1", "Brimley 3 Tolham 1").
fn ends_the_name(para: &str, tokens: &[Token], k: usize) -> bool {
    let Some(after) = tokens.get(k + 1) else {
        return true;
    };
    let word = after.text(para);
    if QUANTITY_WORDS.contains(&word) || after.kind == TokenKind::Number {
        return false;
    }
    // A score line: a capitalised word and a number after the code (a comma
    // between them or not), or a number before the name.
    let rest = &tokens[k + 1..];
    let rest = match rest.first() {
        Some(t) if t.text(para) == "," => &rest[1..],
        _ => rest,
    };
    let side_after = matches!(rest, [name, number, ..]
        if name.kind == TokenKind::Word
            && name.text(para).starts_with(char::is_uppercase)
            && number.kind == TokenKind::Number);
    !side_after
}

/// Whether a side and its score stand right before the mention at `start`
/// ("Tolham 1 Brimley 3"): a score line. ("30 Zentrix A320 planes" is none.)
fn after_a_score(para: &str, tokens: &[Token], start: usize) -> bool {
    let before = tokens.partition_point(|t| t.start < start);
    matches!(before.checked_sub(2).map(|b| &tokens[b..before]), Some([side, number])
        if number.kind == TokenKind::Number
            && side.kind == TokenKind::Word
            && side.text(para).starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Organization, Other, Person};

    fn joined(text: &str, pieces: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        RawMention::after_pass(text, pieces, join_models)
    }

    fn one(text: &str, kind: EntityKind) -> Vec<(String, EntityKind)> {
        vec![(text.to_string(), kind)]
    }

    #[test]
    fn a_name_and_its_model_code_are_one_product() {
        assert_eq!(
            joined("It runs Zentrix 95.", &[("Zentrix", Other)]),
            one("Zentrix 95", Other)
        );
        assert_eq!(
            joined(
                "It ordered 30 Zentrix A320 planes.",
                &[("Zentrix", Organization), ("A320", Other)]
            ),
            one("Zentrix A320", Other)
        );
        assert_eq!(
            joined(
                "It ordered 50 Zentrix A350-900 jets.",
                &[("Zentrix", Organization), ("A350-900", Other)]
            ),
            one("Zentrix A350-900", Other)
        );
        assert_eq!(
            joined("The Zentrix 787-9 flew.", &[("Zentrix", Other)]),
            one("Zentrix 787-9", Other)
        );
        assert_eq!(
            joined("The Qarlow 5300M is fast.", &[("Qarlow", Other)]),
            one("Qarlow 5300M", Other)
        );
        assert_eq!(
            joined(
                "It was on Tolham Channel 4 last night.",
                &[("Tolham Channel", Organization)]
            ),
            one("Tolham Channel 4", Organization)
        );
    }

    #[test]
    fn a_bare_number_after_a_device_or_a_makers_product_is_its_model() {
        assert_eq!(
            joined(
                "Sony sold the PlayStation 5 here.",
                &[("PlayStation", Organization)]
            ),
            one("PlayStation 5", Other)
        );
        assert_eq!(
            joined(
                "It beat the iPhone 11 on price.",
                &[("iPhone", Organization)]
            ),
            one("iPhone 11", Other)
        );
        assert_eq!(
            joined(
                "The Apple Watch Series 5 ships.",
                &[("Apple Watch Series", Organization)]
            ),
            one("Apple Watch Series 5", Other)
        );
        assert_eq!(
            joined(
                "It grounded its Boeing 737 Max fleet.",
                &[("Boeing", Organization), ("Max", Person)]
            ),
            one("Boeing 737 Max", Other)
        );
        assert_eq!(
            joined(
                "Boeing 2019 results were weak.",
                &[("Boeing", Organization)]
            ),
            one("Boeing", Organization)
        );
        assert_eq!(
            joined("Herve (McKoy 45), Tapp.", &[("McKoy", Organization)]),
            one("McKoy", Organization)
        );
        // A mention running past the variant keeps its words: the join stops at the code.
        assert_eq!(
            joined(
                "It beat the iPhone 11 Pro Max on price.",
                &[("iPhone", Organization), ("Pro Max", Other)]
            ),
            vec![
                ("iPhone 11".to_string(), Other),
                ("Pro Max".to_string(), Other)
            ]
        );
        // A side written as words keeps its score apart.
        assert_eq!(
            joined("Zentrix 3 and 4.", &[("Zentrix", Organization)]),
            one("Zentrix", Organization)
        );
    }

    #[test]
    fn scores_quantities_people_and_places_keep_their_numbers_apart() {
        assert_eq!(
            joined("Brimley 3 Tolham 1.", &[("Brimley", Organization)]),
            one("Brimley", Organization)
        );
        assert_eq!(
            joined("Somerset 83 and 296.", &[("Somerset", Organization)]),
            one("Somerset", Organization)
        );
        assert_eq!(
            joined("Zentrix 10 per cent up.", &[("Zentrix", Other)]),
            one("Zentrix", Other)
        );
        assert_eq!(
            joined("Scorers: Qarlow 23, Pym 45.", &[("Qarlow", Person)]),
            one("Qarlow", Person)
        );
        assert_eq!(
            joined("Zentrix 2-1 win.", &[("Zentrix", Organization)]),
            one("Zentrix", Organization)
        );
        assert_eq!(
            joined("Zentrix 429-7 declared.", &[("Zentrix", Organization)]),
            one("Zentrix", Organization)
        );
        // A season after a name, or a span of years, is no model.
        assert_eq!(
            joined("The Zentrix Cup 2004-05 season.", &[("Zentrix Cup", Other)]),
            one("Zentrix Cup", Other)
        );
        assert_eq!(
            joined("Herve (DeMerit 45), Tapp.", &[("DeMerit", Organization)]),
            one("DeMerit", Organization)
        );
        assert_eq!(
            joined("Zentrix 3.5 rise.", &[("Zentrix", Organization)]),
            one("Zentrix", Organization)
        );
        for measure in [
            "the Zentrix 800m champion",
            "gave Zentrix 5m",
            "at Zentrix 10am",
            "the Zentrix 1990s",
        ] {
            assert_eq!(
                joined(measure, &[("Zentrix", Other)]),
                one("Zentrix", Other),
                "{measure}"
            );
        }
        assert_eq!(
            joined("Brimley 3, Tolham 1.", &[("Brimley", Organization)]),
            one("Brimley", Organization)
        );
        assert_eq!(
            joined("Tolham 1 Brimley 3.", &[("Brimley", Organization)]),
            one("Brimley", Organization)
        );
    }
}
