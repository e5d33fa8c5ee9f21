//! Joins a lone initial to the person's surname after it: "J Hayes" and
//! "J-P Grandclaude" in a team sheet are whole names, but the tagger, which
//! saw such lists rarely, often keeps only the surname and leaves the letter
//! behind as if it were a list marker. Likewise a known first name the tagger
//! left out ("Hillary" of "Hillary Clinton": its 1996 training text called
//! her Hillary Rodham Clinton). Runs on one article's mentions, after the
//! tagger's and the rules' mentions are joined.

use super::entities::RawMention;
use super::gazetteer;
use super::names::is_initials;
use super::tokens::{Token, TokenKind, Tokenized};
use crate::model::EntityKind;

/// Extends each person mention to the left over an initial standing just
/// before it ("J Hayes"), when the initial starts a list item or a sentence,
/// or over a known first name before a one-word mention ("Hillary Clinton").
pub fn join(paragraphs: &[String], split: &[Tokenized], mentions: &mut [RawMention]) {
    // Mentions are in text order: the one before a mention tells whether the
    // initial already belongs to another name.
    let mut previous_end: Option<(usize, usize)> = None;
    for m in mentions.iter_mut() {
        let here = (m.span.paragraph, m.span.start);
        let free_from = previous_end
            .filter(|&(p, _)| p == m.span.paragraph)
            .map_or(0, |(_, end)| end);
        previous_end = Some((m.span.paragraph, m.span.end));
        if m.kind != EntityKind::Person {
            continue;
        }
        let (Some(para), Some(tok)) = (paragraphs.get(here.0), split.get(here.0)) else {
            continue;
        };
        if let Some(start) = initial_before(para, &tok.tokens, m.span.start, free_from)
            .or_else(|| first_name_before(para, &tok.tokens, m.span, free_from))
        {
            m.span.start = start;
        }
    }
}

/// Where the initial before `start` begins, when one stands there: one
/// capital letter, with or without a dot ("J", "N."), or two joined by a
/// hyphen ("J-P"), separated from the name by a single space and opening the
/// sentence or a list item. "A" and "I" are words as often as initials, so
/// they count only inside a list (after a comma or a semicolon).
fn initial_before(para: &str, tokens: &[Token], start: usize, free_from: usize) -> Option<usize> {
    let (at, initial) = word_before(para, tokens, start, free_from)?;
    if !is_initials(initial.text(para)) {
        return None;
    }
    let before = at
        .checked_sub(2)
        .and_then(|k| tokens.get(k))
        .map(|t| t.text(para));
    let opens = match before {
        None => true,
        Some(w) => matches!(w, "," | ";" | ":" | "(" | "." | "-" | "\u{2013}"),
    };
    let word_like = matches!(initial.text(para), "A" | "I");
    let in_list = matches!(before, Some("," | ";"));
    (opens && (!word_like || in_list)).then_some(initial.start)
}

/// The word one space before `start` that no earlier mention holds (it
/// starts at `free_from` or later), and where it stands among `tokens`.
fn word_before<'t>(
    para: &str,
    tokens: &'t [Token],
    start: usize,
    free_from: usize,
) -> Option<(usize, &'t Token)> {
    let at = tokens.partition_point(|t| t.start < start);
    let word = tokens.get(at.checked_sub(1)?)?;
    (word.kind == TokenKind::Word
        && word.start >= free_from
        && para.get(word.end..start) == Some(" "))
    .then_some((at, word))
}

/// Where the first name before the surname at `span` begins, when a known
/// one (not an ordinary word, a title or a month) stands one space before
/// it and the mention is one word ("Hillary Clinton"; a surname may be a
/// first name too, "Clinton").
fn first_name_before(
    para: &str,
    tokens: &[Token],
    span: crate::model::Span,
    free_from: usize,
) -> Option<usize> {
    let surname = para.get(span.start..span.end)?;
    if surname.contains(' ') {
        return None;
    }
    let (_, first) = word_before(para, tokens, span.start, free_from)?;
    let word = first.text(para);
    let known = (gazetteer::is_first_name(word) || gazetteer::is_us_first_name(word))
        && gazetteer::lowercase_share(word).is_none_or(|p| p < 50)
        && gazetteer::title(word).is_none()
        && !gazetteer::is_weekday_or_month(word);
    known.then_some(first.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::split_paragraphs;

    /// The texts of the person mentions after joining, for one paragraph
    /// whose surnames alone are given as mentions.
    fn joined(text: &str, surnames: &[&str]) -> Vec<String> {
        let ps = vec![text.to_string()];
        let mut mentions: Vec<RawMention> = Vec::new();
        let mut from = 0;
        for s in surnames {
            let at = from + ps[0][from..].find(s).expect("surname in text");
            mentions.push(RawMention {
                span: crate::model::Span::new(0, at, at + s.len()),
                kind: EntityKind::Person,
                canonical: None,
            });
            from = at + s.len();
        }
        join(&ps, &split_paragraphs(&ps), &mut mentions);
        RawMention::texts(&ps, &mentions)
    }

    #[test]
    fn an_initial_opening_a_list_item_joins_its_surname() {
        assert_eq!(
            joined(
                "T Varley; A Brisko, K Oldroyd, J-P Maurelle (capt), N. Quist.",
                &["Varley", "Brisko", "Oldroyd", "Maurelle", "Quist"]
            ),
            [
                "T Varley",
                "A Brisko",
                "K Oldroyd",
                "J-P Maurelle",
                "N. Quist"
            ]
        );
    }

    #[test]
    fn a_known_first_name_left_out_joins_its_surname() {
        assert_eq!(
            joined("Then Hillary Qarlow left.", &["Qarlow"]),
            ["Hillary Qarlow"]
        );
        // An ordinary word, a title, or a name already whole: left alone.
        assert_eq!(joined("Then Qarlow left.", &["Qarlow"]), ["Qarlow"]);
        assert_eq!(
            joined("Then President Qarlow left.", &["Qarlow"]),
            ["Qarlow"]
        );
        assert_eq!(
            joined("Then Hillary Ann Qarlow left.", &["Ann Qarlow"]),
            ["Ann Qarlow"]
        );
    }

    #[test]
    fn words_that_are_no_initials_stay_out() {
        // "A" opening a sentence is the article; "I" before a name is the pronoun;
        // a letter after an ordinary word ("Plan B") is part of something else.
        assert_eq!(joined("A Brisko fan wrote in.", &["Brisko"]), ["Brisko"]);
        assert_eq!(
            joined("Yesterday I Varley said nothing.", &["Varley"]),
            ["Varley"]
        );
        assert_eq!(
            joined("They chose plan B Varley hated.", &["Varley"]),
            ["Varley"]
        );
        assert_eq!(joined("Brisko, OK Varley.", &["Varley"]), ["Varley"]);
    }
}
