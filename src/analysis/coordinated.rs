//! Two works joined by "and" into one name: "nominated for Sideways and
//! Closer", "The Sopranos and Deadwood". A title may hold "and" ("Pride and
//! Prejudice"), so a run "X and Y" that the tagger or the title rule
//! ([`super::works`]) read as one work stays one, unless the article names X
//! or Y alone elsewhere: then it names two.
//!
//! A firm or a place needs both named alone ("Neath and Ospreys", two
//! sides): "Ernst and Young", whose "Young" may be a person's surname in the
//! same article, and "Bosnia and Herzegovina", where "Bosnia" is named alone
//! too, keep their "and".

use super::entities::RawMention;
use crate::model::{EntityKind, Span};
use foldhash::{HashMap, HashMapExt};

/// Replaces each work mention "X and Y" whose X or Y the article names alone
/// (a firm's or a place's: X and Y) by two mentions, X and Y, each of the kind its lone mention has (other
/// when it has none).
pub fn split_coordinated(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    // The kind of each name as a mention of its own (the first one met).
    let mut alone: HashMap<&str, EntityKind> = HashMap::new();
    for m in mentions.iter() {
        if let Some(text) = m.text(paragraphs) {
            alone.entry(text).or_insert(m.kind);
        }
    }
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions.iter() {
        // "University of the Highlands and Islands (UHI)": a name that an
        // acronym after it defines is one.
        let defined = paragraphs
            .get(m.span.paragraph)
            .and_then(|p| p.get(m.span.end..))
            .is_some_and(|after| after.starts_with(" ("));
        let parts = (m.kind != EntityKind::Person && m.canonical.is_none() && !defined)
            .then(|| m.text(paragraphs))
            .flatten()
            .and_then(|text| two_names(text));
        let Some((x, y_at, y)) = parts else {
            out.push(m.clone());
            continue;
        };
        let (x_kind, y_kind) = (alone.get(x), alone.get(y));
        let named_alone = if m.kind == EntityKind::Other {
            x_kind.is_some() || y_kind.is_some()
        } else {
            x_kind.is_some() && y_kind.is_some()
        };
        if !named_alone {
            out.push(m.clone());
            continue;
        }
        let part = |start: usize, end: usize, kind: Option<&EntityKind>| RawMention {
            span: Span::new(m.span.paragraph, start, end),
            kind: kind.copied().unwrap_or(EntityKind::Other),
            canonical: None,
        };
        let start = m.span.start;
        out.push(part(start, start + x.len(), x_kind));
        out.push(part(start + y_at, m.span.end, y_kind));
    }
    *mentions = out;
}

/// "X and Y" as (X, where Y starts, Y) when the name holds one " and " between
/// two capitalised words.
fn two_names(text: &str) -> Option<(&str, usize, &str)> {
    const AND: &str = " and ";
    let at = text.find(AND)?;
    let (x, y) = (&text[..at], &text[at + AND.len()..]);
    let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    (capitalised(x) && capitalised(y) && !y.contains(AND)).then_some((x, at + AND.len(), y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_works_joined_by_and_are_two_when_one_is_named_alone() {
        let ps: Vec<String> = [
            "Votes went to Varenna Nights and Closer Still, and to Hide and Seek.",
            "Closer Still won twice.",
        ]
        .map(String::from)
        .to_vec();
        let other = EntityKind::Other;
        let mut mentions = vec![
            RawMention::first_in(&ps, 0, "Varenna Nights and Closer Still", other),
            RawMention::first_in(&ps, 0, "Hide and Seek", other),
            RawMention::first_in(&ps, 1, "Closer Still", other),
        ];
        split_coordinated(&ps, &mut mentions);
        assert_eq!(
            RawMention::texts(&ps, &mentions),
            [
                "Varenna Nights",
                "Closer Still",
                // A title with "and" whose parts stand nowhere alone.
                "Hide and Seek",
                "Closer Still",
            ]
        );
        assert!(mentions.iter().all(|m| m.kind == other));
    }

    #[test]
    fn firms_and_places_need_both_named_alone() {
        let ps: Vec<String> = [
            "Bosnia and Herzegovina, then Bosnia; Ernst and Young, then Young.",
            "The Varenna Hall and Lakes (VHL): Varenna Hall and Lakes are apart.",
            "The Treasury and Bank of Qarlow met. The Treasury and the Bank of Qarlow.",
        ]
        .map(String::from)
        .to_vec();
        let (place, org) = (EntityKind::Place, EntityKind::Organization);
        let last = |p: usize, name: &str, kind| RawMention::last_in(&ps, p, name, kind);
        let mut mentions = vec![
            RawMention::first_in(&ps, 0, "Bosnia and Herzegovina", place),
            last(0, "Bosnia", place),
            RawMention::first_in(&ps, 0, "Ernst and Young", org),
            last(0, "Young", EntityKind::Person),
            RawMention::first_in(&ps, 1, "Varenna Hall and Lakes", org),
            last(1, "Varenna Hall", org),
            last(1, "Lakes", org),
            RawMention::first_in(&ps, 2, "Treasury and Bank of Qarlow", org),
            last(2, "Treasury", org),
            last(2, "Bank of Qarlow", org),
        ];
        split_coordinated(&ps, &mut mentions);
        assert_eq!(
            RawMention::texts(&ps, &mentions),
            [
                "Bosnia and Herzegovina",
                "Bosnia",
                "Ernst and Young",
                "Young",
                "Varenna Hall and Lakes",
                "Varenna Hall",
                "Lakes",
                "Treasury",
                "Bank of Qarlow",
                "Treasury",
                "Bank of Qarlow",
            ]
        );
    }
}
