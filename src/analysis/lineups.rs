//! Team sheets: a paragraph that only lists players ("Morton, Moffat,
//! MacRae, Hore, Warnock." or "J Laharrague; A Rougerie, Y Jauzion (capt)")
//! names a person in every item. The tagger reads such a line without a
//! sentence around it and calls "Ford" a firm and "Bell" a place; the shape
//! of the whole line says better. A line is a team sheet only when it shows
//! people: items written as an initial and a surname, or surnames of people
//! the article names in full; a list of countries or firms has neither.

use super::entities::RawMention;
use super::gazetteer;
use super::names::is_initials;
use crate::model::{EntityKind, Span};
use foldhash::{HashSet, HashSetExt};
use std::ops::Range;

/// Items a list needs before it is a team sheet (a side has at least five).
const MIN_ITEMS: usize = 5;

/// Items that must show they are people (an initial, or the surname of a
/// person the article names in full).
const MIN_PEOPLE: usize = 2;

/// Makes every item of each team-sheet paragraph a person mention, in place
/// of the mentions the tagger found there (a team in parentheses after a
/// player, "J Bonnaire (Bourgoin)", keeps its own).
pub fn mark(paragraphs: &[String], mentions: &mut Vec<RawMention>) {
    // Made at the first paragraph with enough items: most articles have none.
    let mut surnames: Option<HashSet<&str>> = None;
    let mut changed = false;
    let mut after_sheet = false;
    for (pi, para) in paragraphs.iter().enumerate() {
        // The replacements' line after a side's needs no proof of its own.
        let need = if after_sheet { 0 } else { MIN_PEOPLE };
        if !has_items(para) {
            after_sheet = false;
            continue;
        }
        let surnames = surnames.get_or_insert_with(|| person_surnames(paragraphs, mentions));
        let Some(items) = team_sheet(para, surnames, need) else {
            after_sheet = false;
            continue;
        };
        after_sheet = true;
        mentions.retain(|m| {
            m.span.paragraph != pi
                || !items
                    .iter()
                    .any(|r| m.span.start < r.end && r.start < m.span.end)
        });
        mentions.extend(items.into_iter().map(|r| RawMention {
            span: Span::new(pi, r.start, r.end),
            kind: EntityKind::Person,
            canonical: None,
        }));
        changed = true;
    }
    if changed {
        mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
    }
}

/// The last words of the article's person mentions of two words or more.
fn person_surnames<'a>(paragraphs: &'a [String], mentions: &[RawMention]) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person) {
        let text = m.text(paragraphs).unwrap_or("");
        if let Some((_, last)) = text.rsplit_once(' ') {
            out.insert(last);
        }
    }
    out
}

/// The byte ranges of the names a team-sheet paragraph lists, or `None`
/// when the paragraph is not one.
fn team_sheet(
    para: &str,
    surnames: &HashSet<&str>,
    min_people: usize,
) -> Option<Vec<Range<usize>>> {
    if !has_items(para) {
        return None;
    }
    let mut items = Vec::new();
    for piece in pieces(para) {
        let name = name_in(para, piece)?;
        items.push(name);
    }
    let people = items
        .iter()
        .filter(|r| {
            let text = &para[r.start..r.end];
            let first = text.split(' ').next().unwrap_or("");
            (is_initials(first) && text.contains(' ')) || surnames.contains(text)
        })
        .count();
    let places = items
        .iter()
        .filter(|r| gazetteer::place(&para[r.start..r.end]).is_some())
        .count();
    (items.len() >= MIN_ITEMS && people >= min_people && places * 2 < items.len()).then_some(items)
}

/// True when a paragraph has commas or semicolons enough for [`MIN_ITEMS`].
fn has_items(para: &str) -> bool {
    let separators = para.bytes().filter(|&b| b == b',' || b == b';').count();
    separators + 1 >= MIN_ITEMS
}

/// The paragraph cut at commas and semicolons outside parentheses.
fn pieces(para: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in para.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(start..para.len());
    out
}

/// The name a piece of a list holds: the piece without spaces around, a
/// final full stop and a note in parentheses ("Pelous (capt)"), when what
/// is left is one to three capitalised words.
fn name_in(para: &str, piece: Range<usize>) -> Option<Range<usize>> {
    let text = para.get(piece.clone())?;
    let lead = text.len() - text.trim_start().len();
    let mut name = text.trim();
    if let Some(at) = name.find('(') {
        let note = name[at..].trim_end_matches(['.', ' ']);
        if !note.ends_with(')') {
            return None;
        }
        name = name[..at].trim_end();
    }
    // "Bowe." and, in tokenised copy, "Bowe ."
    let name = name
        .strip_suffix('.')
        .map(str::trim_end)
        .filter(|n| !ends_in_initial(n))
        .unwrap_or(name);
    let words: Vec<&str> = name.split(' ').collect();
    let shaped = (1..=3).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let start = piece.start + lead;
    shaped.then_some(start..start + name.len())
}

/// "Hore", "MacRae", "Sowden-Taylor", "O'Neill", "S.", "J-P": a word that
/// starts with a capital and holds only letters, hyphens, apostrophes and dots.
fn is_name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '\u{2019}'))
}

/// "N. Best" keeps its dot; "Bowe." loses it: a name's last word that is an initial.
fn ends_in_initial(name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(is_initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(para: &str, surnames: &[&str]) -> Option<Vec<String>> {
        let set: HashSet<&str> = surnames.iter().copied().collect();
        team_sheet(para, &set, MIN_PEOPLE)
            .map(|items| items.into_iter().map(|r| para[r].to_string()).collect())
    }

    #[test]
    fn a_line_of_initials_and_surnames_is_a_team_sheet() {
        let items = sheet(
            "K Orley; T Vance (capt), J-P Marrow, S. Dunne, R Quill-Harper (Tolham).",
            &[],
        );
        assert_eq!(
            items.as_deref(),
            Some(
                &[
                    "K Orley".to_string(),
                    "T Vance".into(),
                    "J-P Marrow".into(),
                    "S. Dunne".into(),
                    "R Quill-Harper".into()
                ][..]
            )
        );
    }

    #[test]
    fn tokenised_copy_is_read_too() {
        let items = sheet(
            "K Orley , T Vance ( capt ) , J Marrow , S. Dunne , R Quill .",
            &[],
        );
        assert_eq!(items.map(|i| i.len()), Some(5));
        let items = sheet(
            "Orley , Vance , Marrow , Dunne , Bell .",
            &["Orley", "Bell"],
        );
        assert_eq!(
            items.and_then(|i| i.last().cloned()).as_deref(),
            Some("Bell")
        );
    }

    #[test]
    fn the_line_after_a_team_sheet_is_one_by_its_shape() {
        let paragraphs: Vec<String> = vec![
            "K Orley, T Vance, J Marrow, S Dunne, R Quill.".into(),
            "Pym, Hale, Moss, Stroud, Ness.".into(),
            "Pym, Hale, Moss, Stroud, Ness.".into(),
        ];
        let mut mentions = Vec::new();
        mark(&paragraphs, &mut mentions);
        let lines: Vec<usize> = mentions.iter().map(|m| m.span.paragraph).collect();
        assert_eq!(lines, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
        // Alone, the line of bare surnames proves nothing.
        let mut mentions = Vec::new();
        mark(&paragraphs[1..], &mut mentions);
        assert!(mentions.is_empty());
    }

    #[test]
    fn bare_surnames_need_people_the_article_names_in_full() {
        let line = "Orley, Vance, Marrow, Dunne, Ford, Bell.";
        assert_eq!(sheet(line, &[]), None);
        let items = sheet(line, &["Orley", "Dunne"]).unwrap_or_default();
        assert_eq!(items.len(), 6);
        assert_eq!(items[5], "Bell");
    }

    #[test]
    fn prose_short_lists_and_lists_of_places_are_no_team_sheet() {
        assert_eq!(
            sheet(
                "Orley, Vance, Marrow, Dunne, and Bell said so.",
                &["Orley", "Vance"]
            ),
            None
        );
        assert_eq!(sheet("K Orley, T Vance, J Marrow.", &[]), None);
        assert_eq!(
            sheet("France, Spain, Italy, Germany, K Orley, T Vance.", &[]),
            None
        );
    }

    #[test]
    fn mark_turns_every_item_into_a_person_and_keeps_the_team_in_parentheses() {
        let paragraphs: Vec<String> = vec![
            "Tom Orley and Sam Vance scored for Tolham.".into(),
            "Orley, Vance, Marrow, Dunne, Ford (Tolham), Bell.".into(),
        ];
        let mut mentions = vec![
            RawMention::first_in(&paragraphs, 0, "Tom Orley", EntityKind::Person),
            RawMention::first_in(&paragraphs, 0, "Sam Vance", EntityKind::Person),
            RawMention::first_in(&paragraphs, 1, "Ford", EntityKind::Organization),
            RawMention::first_in(&paragraphs, 1, "Tolham", EntityKind::Organization),
        ];
        mark(&paragraphs, &mut mentions);
        let in_sheet: Vec<(String, EntityKind)> = mentions
            .iter()
            .filter(|m| m.span.paragraph == 1)
            .map(|m| (paragraphs[1][m.span.range()].to_string(), m.kind))
            .collect();
        let person = |n: &str| (n.to_string(), EntityKind::Person);
        assert_eq!(
            in_sheet,
            vec![
                person("Orley"),
                person("Vance"),
                person("Marrow"),
                person("Dunne"),
                person("Ford"),
                ("Tolham".to_string(), EntityKind::Organization),
                person("Bell"),
            ]
        );
    }
}
