//! Descriptive words glued to a name: the tagger reads a capitalised word
//! next to a name as part of it. A sentence's first word that is a common
//! noun ("Holders Manchester United", "Champions Chelsea") describes the
//! name after it; an office in capitals after a party ("Labour MPs", "SNP
//! MSP") names its members, not the party. Both are cut off the mention, so
//! the sidebar shows the name and the entity joins its other mentions.

use super::entities::RawMention;
use super::gazetteer;

/// Cuts descriptive words off the mentions of each paragraph.
pub fn trim(paragraphs: &[String], mentions: &mut [RawMention]) {
    // The names the article writes on their own, to tell "Holders
    // Manchester United" (the article's "Manchester United") from a title
    // that opens with a common word.
    let written = |name: &str| mentions.iter().any(|m| m.text(paragraphs) == Some(name));
    let mut cuts = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let Some(para) = paragraphs.get(m.span.paragraph) else {
            continue;
        };
        let Some(text) = para.get(m.span.range()) else {
            continue;
        };
        let lead = leading_description(para, m.span.start, text)
            .filter(|rest| written(&text[*rest..]) || starts_with_place(&text[*rest..]));
        let trail = trailing_office(text);
        if lead.is_some() || trail.is_some() {
            cuts.push((i, lead.unwrap_or(0), trail.unwrap_or(text.len())));
        }
    }
    for (i, from, to) in cuts {
        let m = &mut mentions[i];
        if from < to {
            m.span.end = m.span.start + to;
            m.span.start += from;
            m.canonical = None;
        }
    }
}

/// Where the name starts after a sentence's first word that is a common
/// noun, in bytes from the mention's start: "Holders Manchester United" → 8.
fn leading_description(para: &str, start: usize, text: &str) -> Option<usize> {
    let (first, rest) = text.split_once(' ')?;
    // A plural common noun: "Holders", "Champions", "Hosts" (not "Greater
    // Manchester Police", not "Like Toy Soldiers"). Cheapest tests first.
    if !first.ends_with('s') || first.ends_with("ss") || !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let opens = para
        .get(..start)?
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '\u{201c}' | ':'));
    let common = opens && gazetteer::lowercase_share(first).is_some_and(|p| p >= 90);
    // "Greater Manchester Police": the word opens a place's name.
    (common && !starts_with_place(text)).then_some(first.len() + 1)
}

/// True when a name opens with a place the gazetteer knows ("Manchester United").
fn starts_with_place(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (1..words.len()).any(|n| gazetteer::place(&words[..n].join(" ")).is_some())
}

/// Where the name ends before an office written in capitals, in bytes from
/// the mention's start: "Labour MPs" → 6.
fn trailing_office(text: &str) -> Option<usize> {
    let (name, last) = text.rsplit_once(' ')?;
    let office = last.strip_suffix('s').unwrap_or(last);
    let capitals = office.chars().count() >= 2 && office.chars().all(|c| c.is_ascii_uppercase());
    // A head title ("MP", not the modifier "US"), and no place ("AOL UK").
    let head = gazetteer::title(office) == Some(gazetteer::TitleRole::Head)
        && gazetteer::place(office).is_none();
    (capitals && head && !name.is_empty()).then_some(name.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn trimmed(paragraphs: &[String], names: &[(usize, &str)]) -> Vec<String> {
        let mut mentions: Vec<RawMention> = names
            .iter()
            .map(|&(p, n)| RawMention::first_in(paragraphs, p, n, EntityKind::Organization))
            .collect();
        trim(paragraphs, &mut mentions);
        RawMention::texts(paragraphs, &mentions)
    }

    #[test]
    fn an_office_in_capitals_after_a_party_is_cut_off() {
        let paragraphs = vec!["Some Brimley MPs voted no, and one Brimley MEP.".to_string()];
        assert_eq!(
            trimmed(&paragraphs, &[(0, "Brimley MPs"), (0, "Brimley MEP")]),
            ["Brimley", "Brimley"]
        );
        // A name that ends in a capitalised word of its own stays whole.
        let paragraphs =
            vec!["He ate at Burger Palace and met Tolham FC of Zentrix UK.".to_string()];
        assert_eq!(
            trimmed(
                &paragraphs,
                &[(0, "Burger Palace"), (0, "Tolham FC"), (0, "Zentrix UK")]
            ),
            ["Burger Palace", "Tolham FC", "Zentrix UK"]
        );
    }

    #[test]
    fn a_common_noun_opening_the_sentence_is_cut_off_a_name_the_article_knows() {
        let paragraphs = vec![
            "Holders Tolham Rovers lost. It was a shock.".to_string(),
            "Fans of Tolham Rovers wept.".to_string(),
        ];
        assert_eq!(
            trimmed(
                &paragraphs,
                &[(0, "Holders Tolham Rovers"), (1, "Tolham Rovers")]
            ),
            ["Tolham Rovers", "Tolham Rovers"]
        );
        // Or a name that opens with a known place.
        let paragraphs = vec!["Holders Manchester Rovers lost.".to_string()];
        assert_eq!(
            trimmed(&paragraphs, &[(0, "Holders Manchester Rovers")]),
            ["Manchester Rovers"]
        );
        // A word that is no plural noun stays: "Greater", "Like".
        let paragraphs =
            vec!["Greater Manchester Rovers lost. Like Tolham Rovers, it won.".to_string()];
        assert_eq!(
            trimmed(
                &paragraphs,
                &[
                    (0, "Greater Manchester Rovers"),
                    (0, "Like Tolham Rovers"),
                    (0, "Tolham Rovers")
                ]
            ),
            [
                "Greater Manchester Rovers",
                "Like Tolham Rovers",
                "Tolham Rovers"
            ]
        );
        // A title opened by a common word, mid-sentence or unknown, stays.
        let paragraphs = vec!["Finding Quarrywood won. She saw Holders Tolham there.".to_string()];
        assert_eq!(
            trimmed(
                &paragraphs,
                &[(0, "Finding Quarrywood"), (0, "Holders Tolham")]
            ),
            ["Finding Quarrywood", "Holders Tolham"]
        );
    }
}
