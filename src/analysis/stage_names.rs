//! Stage names: a performer known by a name that does not read as a
//! person's ("50 Cent", "The Game", "Lady Sovereign"), which the article
//! shows to be one by giving the real name beside it: "X, whose real name is
//! Y", "X, real name Y", "X (real name Y)". The tagger, learned from wire copy
//! of 1996, misses such names or calls them something else, and with them
//! every quote they say. The name before is a person wherever the article
//! writes it whole, and the real name one of its aliases.

use super::entities::RawMention;
use super::gazetteer;
use super::names::whole_word_matches;
use super::tokens::{TokenKind, Tokenized};
use crate::model::{EntityKind, Span};

/// Most words a stage name has.
const MOST_WORDS: usize = 4;

/// Marks the stage names the article introduces with a real name: each whole
/// occurrence a person's mention (replacing what overlapped it), and the real
/// name's mentions aliases of it. `mentions` stay in text order.
pub fn mark(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    let found = introduced(paragraphs, split, mentions);
    if found.is_empty() {
        return;
    }
    for (stage, real) in &found {
        for m in mentions.iter_mut() {
            if text_of(paragraphs, m.span) == real.as_str() {
                m.kind = EntityKind::Person;
                m.canonical = Some(stage.clone());
            }
        }
        for (p, para) in paragraphs.iter().enumerate() {
            for start in whole_word_matches(para, stage) {
                let span = Span::new(p, start, start + stage.len());
                mentions.retain(|m| {
                    m.span.paragraph != p || m.span.end <= span.start || m.span.start >= span.end
                });
                mentions.push(RawMention {
                    span,
                    kind: EntityKind::Person,
                    canonical: None,
                });
            }
        }
    }
    mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
}

/// The (stage name, real name) pairs the article gives.
fn introduced(
    paragraphs: &[String],
    split: &[Tokenized],
    mentions: &[RawMention],
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (p, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        // Most paragraphs have none: looked for before any copy is made.
        if !para.contains("eal name") && !para.contains("EAL NAME") {
            continue;
        }
        let lower = para.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find("real name").map(|i| from + i) {
            from = at + "real name".len();
            let Some(name_end) = opening_before(&lower[..at]) else {
                continue;
            };
            // The real name: a person's mention right after ("is" between).
            let rest = &para[from..];
            let skipped = rest.len() - rest.trim_start().len();
            let mut y = from + skipped;
            if para[y..].starts_with("is ") {
                y += 3;
            }
            let Some(real) = mentions
                .iter()
                .find(|m| m.span.paragraph == p && m.span.start == y)
                .filter(|m| m.kind == EntityKind::Person && m.canonical.is_none())
            else {
                continue;
            };
            let Some(stage) = name_before(paragraphs, para, tok, name_end) else {
                continue;
            };
            let real = text_of(paragraphs, real.span).to_string();
            if stage != real && !found.iter().any(|(s, _)| *s == stage) {
                found.push((stage, real));
            }
        }
    }
    found
}

/// Where the name ends before "real name", when what comes between is ", ",
/// ", whose " or " (" (as `before`, lower-cased, ends).
fn opening_before(before: &str) -> Option<usize> {
    for opening in [", whose ", ", ", " ("] {
        if let Some(rest) = before.strip_suffix(opening) {
            // Text made of tokens has a space before the comma.
            return Some(rest.trim_end().len());
        }
    }
    None
}

/// The capitalised words (or numbers) of `para` that end at `end`, within
/// their sentence: the stage name. A sentence's first word is taken only when
/// it is not an ordinary word, a title or a compound such as "Chart-topper";
/// a leading "The" only when the article writes "The" so mid-sentence.
fn name_before(paragraphs: &[String], para: &str, tok: &Tokenized, end: usize) -> Option<String> {
    let last = tok.tokens.iter().rposition(|t| t.end == end)?;
    let sentence = tok.sentences.iter().find(|s| s.contains(&last))?;
    let mut first = last + 1;
    while first > sentence.start {
        let t = &tok.tokens[first - 1];
        let word = t.text(para);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if !(t.kind == TokenKind::Number || t.kind == TokenKind::Word && capital) {
            break;
        }
        first -= 1;
        if last + 1 - first > MOST_WORDS {
            return None;
        }
    }
    let opening = tok.tokens[sentence.clone()]
        .iter()
        .position(|t| t.kind != TokenKind::Punct)
        .map(|i| sentence.start + i);
    if Some(first) == opening && first <= last {
        let word = tok.tokens[first].text(para);
        let keep = if word == "The" {
            let rest = &para[tok.tokens[first].end..end];
            written_mid_sentence(paragraphs, &format!("The{rest}"))
        } else {
            !ordinary(word)
        };
        if !keep {
            first += 1;
        }
    }
    if first > last {
        return None;
    }
    let name = &para[tok.tokens[first].start..end];
    // A place, or a title alone, is no stage name.
    if gazetteer::place(name).is_some() || first == last && ordinary(name) {
        return None;
    }
    Some(name.to_string())
}

/// An ordinary word that opens a sentence: a common word, a title, or a
/// compound whose second part is lower case ("Chart-topper").
fn ordinary(word: &str) -> bool {
    gazetteer::lowercase_share(word).is_some_and(|share| share >= 50)
        || gazetteer::title(word).is_some()
        || word
            .split_once('-')
            .is_some_and(|(_, second)| second.chars().next().is_some_and(char::is_lowercase))
}

/// Whether the article writes `name` after a lower-case word somewhere.
fn written_mid_sentence(paragraphs: &[String], name: &str) -> bool {
    paragraphs.iter().any(|para| {
        whole_word_matches(para, name).any(|start| {
            para[..start]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(char::is_lowercase)
        })
    })
}

fn text_of(paragraphs: &[String], span: Span) -> &str {
    paragraphs
        .get(span.paragraph)
        .and_then(|p| p.get(span.start..span.end))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyse;
    use crate::model::{Article, EntityKind};

    fn entities(text: &str) -> Vec<(String, EntityKind, Vec<String>)> {
        let article = Article {
            id: "a".into(),
            title: "t".into(),
            paragraphs: text.split("\n\n").map(str::to_string).collect(),
            ..Article::default()
        };
        analyse(&article)
            .entities
            .into_iter()
            .map(|e| (e.name, e.kind, e.aliases))
            .collect()
    }

    #[test]
    fn a_name_given_with_a_real_name_is_a_person_everywhere_with_that_alias() {
        let found = entities(
            "Rapper 50 Cent has ended his feud with his protege The Game.\n\n\
             The Game, whose real name is Jayceon Taylor, told reporters: \"I want to apologise.\" \
             Chart-topper 50 Cent, real name Curtis Jackson, said the truce was real. \
             \"We are here today,\" 50 Cent said.",
        );
        let person = |name: &str| {
            found
                .iter()
                .find(|(n, k, _)| n == name && *k == EntityKind::Person)
                .unwrap_or_else(|| panic!("{name} a person in {found:?}"))
        };
        assert!(person("50 Cent").2.iter().any(|a| a == "Curtis Jackson"));
        assert!(person("The Game").2.iter().any(|a| a == "Jayceon Taylor"));
        assert!(!found.iter().any(|(n, ..)| n == "Chart-topper 50 Cent"));
    }

    #[test]
    fn without_a_real_name_nothing_changes() {
        let plain = "The Game was released on Monday. Its maker, Zentrix, said so.";
        let found = entities(plain);
        assert!(
            !found
                .iter()
                .any(|(n, k, _)| n == "The Game" && *k == EntityKind::Person)
        );
    }
}
