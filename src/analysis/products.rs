//! Products named by their maker: "Apple Watch", "Nintendo Switch Lite",
//! "Sony PlayStation", "Amazon Echo". The tagger, which learned 1996 wire
//! copy, reads a company's name and the words after it as one organisation;
//! a listed company's name ([`gazetteer::is_company`]) followed by words that
//! name no business, place or person is likely the company's product, which
//! CoNLL-2003 labels other. It is a cue for the kind evidence
//! (`kinds::name_cues`), not a verdict: a firm named so ("Vivendi Universal",
//! "Sumitomo Mitsui") shows itself by its other cues. "Sony Music", "Toyota
//! Motors", "Nissan North America", "Sony Ericsson" and "Microsoft Chief
//! Executive" are no products.

use super::entities::RawMention;
use super::gazetteer;
use super::names::one_space_between;
use crate::model::{EntityKind, Span};

/// Joins a listed maker's mention to the mention right after it when the two
/// name a product ("Apple" and "AirPods", "Sony" and "PlayStation": the
/// tagger often reads the maker as a firm of its own and the product apart).
/// The whole is of kind other, as CoNLL-2003 labels a product.
pub fn join_makers(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    let mut joined_away: Vec<usize> = Vec::new();
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (maker, product) = (&mentions[i], &mentions[i + 1]);
        let p = maker.span.paragraph;
        let adjacent = product.span.paragraph == p
            && paragraphs
                .get(p)
                .is_some_and(|t| one_space_between(t, maker.span.end, product.span.start));
        let whole = paragraphs
            .get(p)
            .and_then(|t| t.get(maker.span.start..product.span.end));
        // The product's mention a thing's or a firm's: "Allianz" and the
        // place "Arena" make no product.
        if adjacent
            && maker.kind == EntityKind::Organization
            && matches!(product.kind, EntityKind::Organization | EntityKind::Other)
            && whole.is_some_and(is_product)
        {
            let end = product.span.end;
            let m = &mut mentions[i];
            m.span = Span::new(p, m.span.start, end);
            m.kind = EntityKind::Other;
            m.canonical = None;
            joined_away.push(i + 1);
            i += 2;
            continue;
        }
        i += 1;
    }
    RawMention::remove_at(mentions, &joined_away);
}

/// Words after a company's name that make a business of it, not a product,
/// beside the gazetteer's organisation words ("Sony Music", "Toyota Motor").
const BUSINESS_WORDS: &[&str] = &[
    "Computer",
    "Computers",
    "Electronics",
    "Financial",
    "Games",
    "KK",
    "Market",
    "Markets",
    "Mobile",
    "Motor",
    "Music",
    "Networks",
    "Research",
    "Securities",
    "Semiconductor",
    "Software",
    "Technologies",
    "Technology",
    "Telecom",
    "Wholesale",
];

/// Whether `name` is a listed company's one-word name and words that name
/// a product of it.
pub fn is_product(name: &str) -> bool {
    let mut words = name.split(' ');
    let Some(maker) = words.next() else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    !rest.is_empty()
        && rest.len() <= 4
        && gazetteer::is_company(maker)
        && !gazetteer::is_company(name)
        && rest.iter().all(|w| names_a_product(w))
}

/// A word a product's name may hold: capitalised or a model code, and not a
/// business's, a place's, a title's, a nationality's or a first name.
fn names_a_product(word: &str) -> bool {
    let shaped = word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || super::names::is_lower_camel(word);
    shaped
        && !gazetteer::is_org_word(word)
        && !BUSINESS_WORDS.contains(&word)
        && gazetteer::place(word).is_none()
        && gazetteer::title(word).is_none()
        && gazetteer::demonym(word).is_none()
        && !gazetteer::is_first_name(word)
        && !gazetteer::is_company(word)
        && !gazetteer::is_weekday_or_month(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_makers_name_and_its_products_name_after_it_are_one_product() {
        let joined = RawMention::after_pass(
            "A 2019 Apple AirPods deal, and Apple Music.",
            &[
                ("Apple", EntityKind::Organization),
                ("AirPods", EntityKind::Other),
            ],
            |ps, _, ms| join_makers(ps, ms),
        );
        assert_eq!(joined, [("Apple AirPods".to_string(), EntityKind::Other)]);
        // A business of the maker's is no product.
        let kept = RawMention::after_pass(
            "Apple Music grew.",
            &[
                ("Apple", EntityKind::Organization),
                ("Music", EntityKind::Other),
            ],
            |ps, _, ms| join_makers(ps, ms),
        );
        assert_eq!(kept.len(), 2);
        let kept = RawMention::after_pass(
            "At the Apple Arena.",
            &[
                ("Apple", EntityKind::Organization),
                ("Arena", EntityKind::Place),
            ],
            |ps, _, ms| join_makers(ps, ms),
        );
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn a_makers_name_and_product_words_are_a_product() {
        for name in [
            "Apple Watch",
            "Nintendo Switch Lite",
            "Amazon Echo",
            "Apple AirPods",
            "Microsoft Xbox 360",
        ] {
            assert!(is_product(name), "{name}");
        }
    }

    #[test]
    fn a_business_a_region_an_office_or_a_partner_after_the_name_is_no_product() {
        for name in [
            "Sony Music",
            "Toyota Motors",
            "Nissan North America",
            "Apple",
            "Microsoft Chief Executive",
            "Tokyo Electron",
            "Apple Inc.",
            "Microsoft Europe",
            "Siemens Energy",
            "Google March",
        ] {
            assert!(!is_product(name), "{name}");
        }
    }
}
