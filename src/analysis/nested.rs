//! Splits an organisation named as part of another, "A of the B", into its two
//! organisations when the article shows that B stands on its own: "the Qods
//! Force of the Revolutionary Guard (IRGC)" is the Qods Force and the
//! Revolutionary Guard, since the acronym in parentheses spells B; and "the
//! Finance Committee of the European Parliament" is two when the article names
//! the European Parliament elsewhere. "Bank of England" stays whole: A must be
//! a name of its own, two words or more ending in an organisation word, and
//! B two capitalised words or more.
//!
//! The other way round, "A for (the) B" is one organisation named for its
//! purpose ("Medical Foundation for the Care of Victims of Torture",
//! "Commission for Racial Equality"): when the tagger split it at "for", the
//! pieces are joined again.

use super::entities::RawMention;
use super::gazetteer;
use super::names::{one_space_between, whole_word_matches};
use crate::model::{EntityKind, Span};

/// Replaces each splittable organisation mention by its two parts.
pub fn split_nested(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        match split_one(paragraphs, &m) {
            Some((a, b)) => out.extend([a, b]),
            None => out.push(m),
        }
    }
    *mentions = out;
}

/// Last words of an institution named for its purpose ("… Foundation for",
/// "… Commission for"), never a side or a firm ("Manchester United for Real
/// Madrid" is two).
const PURPOSE_WORDS: &[&str] = &[
    "Agency",
    "Alliance",
    "Association",
    "Campaign",
    "Center",
    "Centre",
    "Coalition",
    "Commission",
    "Committee",
    "Council",
    "Department",
    "Federation",
    "Foundation",
    "Fund",
    "Institute",
    "Institution",
    "Ministry",
    "Movement",
    "Office",
    "Organisation",
    "Organization",
    "Society",
    "Trust",
];

/// Joins "A for (the) B" where A is an organisation ending in an
/// institution's word and B a name right after that is no person. One pass,
/// whatever the number of mentions.
pub fn join_purposes(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    let mut kept: Vec<RawMention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let joins = kept.last().is_some_and(|a| {
            a.span.paragraph == m.span.paragraph
                && a.kind == EntityKind::Organization
                && a.canonical.is_none()
                && m.kind != EntityKind::Person
                && paragraphs.get(a.span.paragraph).is_some_and(|text| {
                    let between = text.get(a.span.end..m.span.start).unwrap_or("");
                    let last = text
                        .get(a.span.start..a.span.end)
                        .and_then(|name| name.rsplit(' ').next())
                        .unwrap_or("");
                    matches!(between, " for " | " for the ") && PURPOSE_WORDS.contains(&last)
                })
        });
        match kept.last_mut() {
            Some(a) if joins => a.span.end = m.span.end,
            _ => kept.push(m),
        }
    }
    *mentions = kept;
}

/// Widens an institution named for its purpose or its field ("… for A", "…
/// of A") whose mention stopped at "and" over the ordinary capitalised word
/// after it: "Department for Work and Pensions", "Organisation for Economic
/// Co-operation and Development", "Department for Culture, Media and Sport"
/// (the tagger learned that "and" ends names). Not over a name of its own
/// ("the Department for Education and Ofsted"), nor over the first word of a
/// longer name ("… and Bank of England"). One pass.
pub fn extend_over_and(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    const AND: &str = " and ";
    // The mentions taken in, ascending.
    let mut absorbed: Vec<usize> = Vec::new();
    for i in 0..mentions.len() {
        if absorbed.last() == Some(&i) {
            continue;
        }
        let m = &mentions[i];
        if m.kind != EntityKind::Organization || m.canonical.is_some() {
            continue;
        }
        let Some(text) = paragraphs.get(m.span.paragraph) else {
            continue;
        };
        let named_for = m
            .text(paragraphs)
            .is_some_and(|name| name.contains(" for ") || name.contains(" of "));
        let Some(after) = text.get(m.span.end..).and_then(|t| t.strip_prefix(AND)) else {
            continue;
        };
        let word_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        let word = &after[..word_len];
        let longer_name = after[word_len..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        let ordinary = word.starts_with(char::is_uppercase)
            && gazetteer::lowercase_share(word).is_some_and(|share| share >= 50);
        if !named_for || !ordinary || longer_name {
            continue;
        }
        let end = m.span.end + AND.len() + word_len;
        // The word may be a mention of its own, which the name takes in.
        let next = mentions
            .get(i + 1)
            .filter(|x| x.span.paragraph == m.span.paragraph && x.span.start < end);
        match next {
            None => {}
            Some(x) if x.span.end == end && x.kind != EntityKind::Person => absorbed.push(i + 1),
            Some(_) => continue,
        }
        mentions[i].span.end = end;
    }
    RawMention::remove_at(mentions, &absorbed);
}

/// Joins two mentions side by side that together are a name the article
/// writes whole elsewhere, in the singular or the plural: the tagger read
/// "Liberal Democrat Sarah Teather" as "Liberal" and "Democrat" where the
/// article also names the "Liberal Democrats" (and, at a sentence's start,
/// left "Liberal" out: a mention takes the word before it so too). The whole
/// takes the kind of the name written whole. One pass, whatever the number
/// of mentions.
pub fn join_named_whole(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    let mut wholes: foldhash::HashMap<&str, EntityKind> = foldhash::HashMap::default();
    // Organisations' and things' names: a person's is often a title and a
    // surname ("Lord Butler"), which stay apart.
    for m in mentions.iter() {
        if let Some(text) = m.text(paragraphs).filter(|t| t.contains(' '))
            && matches!(m.kind, EntityKind::Organization | EntityKind::Other)
        {
            wholes.entry(text).or_insert(m.kind);
        }
    }
    if wholes.is_empty() {
        return;
    }
    let whole_kind = |joined: &str| {
        wholes.get(joined).copied().or_else(|| {
            let plural = format!("{joined}s");
            wholes.get(plural.as_str()).copied()
        })
    };
    let mut kept: Vec<RawMention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let joined = kept.last().and_then(|a| {
            let text = paragraphs.get(a.span.paragraph)?;
            let side_by_side = a.span.paragraph == m.span.paragraph
                && one_space_between(text, a.span.end, m.span.start);
            let both = text.get(a.span.start..m.span.end)?;
            side_by_side.then(|| whole_kind(both)).flatten()
        });
        match (kept.last_mut(), joined) {
            (Some(a), Some(kind)) => {
                a.span.end = m.span.end;
                a.kind = kind;
                a.canonical = None;
            }
            _ => kept.push(widened_over_word_before(paragraphs, m, &kept, &whole_kind)),
        }
    }
    *mentions = kept;
}

/// Mention `m` widened over the capitalised word right before it when the
/// two are a name written whole ("Liberal" left out of "Liberal Democrat" at
/// a sentence's start), unless that word belongs to the mention before.
fn widened_over_word_before(
    paragraphs: &[String],
    mut m: RawMention,
    kept: &[RawMention],
    whole_kind: &dyn Fn(&str) -> Option<EntityKind>,
) -> RawMention {
    let Some(text) = paragraphs.get(m.span.paragraph) else {
        return m;
    };
    let Some(before) = text.get(..m.span.start).and_then(|b| b.strip_suffix(' ')) else {
        return m;
    };
    let word_start = before.rfind(' ').map_or(0, |i| i + 1);
    let word = &before[word_start..];
    let free = kept
        .last()
        .is_none_or(|a| a.span.paragraph != m.span.paragraph || a.span.end <= word_start);
    if free
        && word.starts_with(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && let Some(kind) = text.get(word_start..m.span.end).and_then(whole_kind)
    {
        m.span = Span::new(m.span.paragraph, word_start, m.span.end);
        m.kind = kind;
        m.canonical = None;
    }
    m
}

fn split_one(paragraphs: &[String], m: &RawMention) -> Option<(RawMention, RawMention)> {
    if m.kind != EntityKind::Organization || m.canonical.is_some() {
        return None;
    }
    let paragraph = paragraphs.get(m.span.paragraph)?;
    let text = paragraph.get(m.span.start..m.span.end)?;
    let (joint, joint_len) = [" of the ", " of "]
        .iter()
        .find_map(|j| text.find(j).map(|at| (at, j.len())))?;
    let (a, b) = (&text[..joint], &text[joint + joint_len..]);
    let a_words: Vec<&str> = a.split(' ').collect();
    let a_is_a_name = a_words.len() >= 2
        && a_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && a_words.last().is_some_and(|w| gazetteer::is_org_word(w));
    let b_words: Vec<&str> = b.split(' ').collect();
    let b_is_a_name = b_words.len() >= 2
        && b_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !a_is_a_name || !b_is_a_name {
        return None;
    }
    let after = &paragraph[m.span.end..];
    if !(acronym_spells(after, b, text) || named_elsewhere(paragraphs, m, b)) {
        return None;
    }
    let b_start = m.span.start + joint + joint_len;
    let part = |start: usize, end: usize| RawMention {
        span: Span::new(m.span.paragraph, start, end),
        kind: EntityKind::Organization,
        canonical: None,
    };
    Some((
        part(m.span.start, m.span.start + joint),
        part(b_start, m.span.end),
    ))
}

/// True when `after` opens with "(ACR)" whose letters are B's initials (in
/// order, extra letters allowed: "Revolutionary Guard (IRGC)") but not the
/// whole name's.
fn acronym_spells(after: &str, b: &str, whole: &str) -> bool {
    let Some(rest) = after.strip_prefix(" (") else {
        return false;
    };
    let Some(acronym) = rest.split(')').next() else {
        return false;
    };
    if !(2..=8).contains(&acronym.len()) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials = |name: &str| -> String {
        name.split(' ')
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    };
    let in_order = |small: &str| {
        let mut it = acronym.chars();
        small.chars().all(|c| it.any(|a| a == c))
    };
    let (b_initials, whole_initials) = (initials(b), initials(whole));
    b_initials.len() >= 2 && in_order(&b_initials) && !in_order(&whole_initials)
}

/// True when B's words stand in the article outside this mention, and not
/// as the tail of another "… of B".
fn named_elsewhere(paragraphs: &[String], m: &RawMention, b: &str) -> bool {
    paragraphs.iter().enumerate().any(|(p, text)| {
        whole_word_matches(text, b).any(|at| {
            let inside = p == m.span.paragraph && at >= m.span.start && at < m.span.end;
            let before = &text[..at];
            let tail_of_another = before.ends_with("of ") || before.ends_with("of the ");
            !inside && !tail_of_another
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(paragraphs: &[String], p: usize, name: &str) -> RawMention {
        RawMention::first_in(paragraphs, p, name, EntityKind::Organization)
    }

    #[test]
    fn an_institution_named_for_its_purpose_takes_the_word_after_and() {
        let ps = vec![
            "A Department for Work and Pensions spokeswoman met the Office of Fair Trading and Ofsted."
                .to_string(),
            "The Department for Culture, Media and Sport and the Bureau for Trade and Bank of Qarlow."
                .to_string(),
        ];
        let mut mentions = vec![
            org(&ps, 0, "Department for Work"),
            org(&ps, 0, "Office of Fair Trading"),
            org(&ps, 0, "Ofsted"),
            org(&ps, 1, "Department for Culture, Media"),
            RawMention::first_in(&ps, 1, "Sport", EntityKind::Other),
            org(&ps, 1, "Bureau for Trade"),
            org(&ps, 1, "Bank of Qarlow"),
        ];
        extend_over_and(&ps, &mut mentions);
        let names: Vec<&str> = mentions
            .iter()
            .map(|m| &ps[m.span.paragraph][m.span.range()])
            .collect();
        assert_eq!(
            names,
            [
                "Department for Work and Pensions",
                "Office of Fair Trading",
                "Ofsted",
                "Department for Culture, Media and Sport",
                "Bureau for Trade",
                "Bank of Qarlow",
            ]
        );
    }

    #[test]
    fn pieces_of_a_name_the_article_writes_whole_are_joined_again() {
        let ps = vec![
            "Qarlow Democrat Ada Quell spoke. The Qarlow Democrats won.".to_string(),
            "Qarlow Democrat Ian Varro agreed, as did Lord Tolham and later Lord Tolham."
                .to_string(),
        ];
        let mut mentions = vec![
            org(&ps, 0, "Qarlow"),
            RawMention::first_in(&ps, 0, "Democrat", EntityKind::Other),
            RawMention::first_in(&ps, 0, "Ada Quell", EntityKind::Person),
            org(&ps, 0, "Qarlow Democrats"),
            RawMention::first_in(&ps, 1, "Democrat", EntityKind::Other),
            RawMention::first_in(&ps, 1, "Ian Varro", EntityKind::Person),
            RawMention::first_in(&ps, 1, "Lord Tolham", EntityKind::Person),
        ];
        // The second "Tolham" without its title, as a tagger may leave it.
        mentions.push(RawMention::last_in(&ps, 1, "Tolham", EntityKind::Person));
        join_named_whole(&ps, &mut mentions);
        // Two pieces joined, a piece widened over the word the tagger left
        // out, each an organisation as the whole is; a person's title and
        // surname stay apart.
        assert_eq!(
            RawMention::texts(&ps, &mentions),
            [
                "Qarlow Democrat",
                "Ada Quell",
                "Qarlow Democrats",
                "Qarlow Democrat",
                "Ian Varro",
                "Lord Tolham",
                "Tolham"
            ]
        );
        assert_eq!(mentions[0].kind, EntityKind::Organization);
        assert_eq!(mentions[3].kind, EntityKind::Organization);
    }

    #[test]
    fn an_organisation_named_for_its_purpose_is_one() {
        let ps = vec![
            "The Tolham Foundation for the Care of Victims said no to Ada Quell and the \
             Brimley Trust for Ian Varro."
                .to_string(),
        ];
        let mut mentions = vec![
            org(&ps, 0, "Tolham Foundation"),
            RawMention::first_in(&ps, 0, "Care of Victims", EntityKind::Other),
            RawMention::first_in(&ps, 0, "Ada Quell", EntityKind::Person),
            org(&ps, 0, "Brimley Trust"),
            RawMention::first_in(&ps, 0, "Ian Varro", EntityKind::Person),
        ];
        join_purposes(&ps, &mut mentions);
        assert_eq!(
            RawMention::texts(&ps, &mentions),
            [
                "Tolham Foundation for the Care of Victims",
                "Ada Quell",
                "Brimley Trust",
                "Ian Varro"
            ]
        );
        // A side is no institution named for a purpose.
        let sides = vec!["He left Tolham United for Brimley Rovers.".to_string()];
        let mut two = vec![
            org(&sides, 0, "Tolham United"),
            RawMention::first_in(&sides, 0, "Brimley Rovers", EntityKind::Other),
        ];
        join_purposes(&sides, &mut two);
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn an_acronym_or_a_second_naming_splits_the_parts() {
        let paragraphs: Vec<String> = [
            "The Harbour Police Force of the Coastal Guard (CGR) sailed.",
            "The Finance Committee of the Lake Assembly met. The Lake Assembly voted.",
        ]
        .map(String::from)
        .to_vec();
        let mut mentions = vec![
            org(&paragraphs, 0, "Harbour Police Force of the Coastal Guard"),
            org(&paragraphs, 1, "Finance Committee of the Lake Assembly"),
        ];
        split_nested(&paragraphs, &mut mentions);
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            [
                "Harbour Police Force",
                "Coastal Guard",
                "Finance Committee",
                "Lake Assembly"
            ]
        );
    }

    #[test]
    fn one_name_stays_whole() {
        let paragraphs: Vec<String> = [
            "The Bank of England and the Council of the Isles met. England won.",
            "The Trade Council of the North Isles (TCNI) met.",
        ]
        .map(String::from)
        .to_vec();
        let mut mentions = vec![
            org(&paragraphs, 0, "Bank of England"),
            org(&paragraphs, 0, "Council of the Isles"),
            org(&paragraphs, 1, "Trade Council of the North Isles"),
        ];
        split_nested(&paragraphs, &mut mentions);
        assert_eq!(
            RawMention::texts(&paragraphs, &mentions),
            [
                "Bank of England",
                "Council of the Isles",
                "Trade Council of the North Isles"
            ]
        );
    }
}
