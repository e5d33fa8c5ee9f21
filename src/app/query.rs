//! What a search looks for, and where it is found: smartcase matching (as in
//! vim and less: case-insensitive unless the query has a capital) that gives
//! byte ranges over the exact string searched, so they can be highlighted on
//! wrapped lines. Case folding is done per character with a map back to the
//! original offsets, never by slicing the original with a lowercased copy's
//! offsets.

use std::ops::Range;

/// A search query, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// As typed.
    text: String,
    /// Whether case matters (the query has a capital).
    sensitive: bool,
    /// What is looked for: the text, folded when case does not matter.
    needle: String,
}

impl Query {
    /// The query for `text`; `None` for an empty one.
    pub fn new(text: &str) -> Option<Query> {
        if text.is_empty() {
            return None;
        }
        let sensitive = text.chars().any(char::is_uppercase);
        let needle = if sensitive {
            text.to_string()
        } else {
            fold(text).0
        };
        Some(Query {
            text: text.to_string(),
            sensitive,
            needle,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether `text` holds a match (no ranges are made).
    pub fn is_in(&self, text: &str, buffer: &mut String) -> bool {
        if self.sensitive {
            return text.contains(self.needle.as_str());
        }
        buffer.clear();
        if text.is_ascii() {
            buffer.push_str(text);
            buffer.make_ascii_lowercase();
        } else {
            buffer.extend(text.chars().flat_map(fold_char));
        }
        buffer.contains(self.needle.as_str())
    }

    /// Every match in `text`, left to right, not overlapping: byte ranges over
    /// `text` itself, on char boundaries.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        if self.sensitive {
            return text
                .match_indices(self.needle.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        let (folded, origin) = fold(text);
        folded
            .match_indices(self.needle.as_str())
            .filter_map(|(i, m)| {
                let start = *origin.get(i)?;
                // The end of the original character the match's last byte came from.
                let last = *origin.get(i + m.len() - 1)?;
                let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
                Some(start..end)
            })
            .collect()
    }
}

/// `text` in lower case, with the offset in `text` of the character each
/// byte of the result came from. İ becomes a plain `i` (not `i` and a
/// combining dot), so "istanbul" finds "İstanbul".
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        folded.extend(fold_char(c));
        origin.resize(origin.len() + folded.len() - before, at);
    }
    (folded, origin)
}

/// One character in lower case (İ as a plain `i`).
fn fold_char(c: char) -> std::char::ToLowercase {
    if c == 'İ' { 'i' } else { c }.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(query: &str, text: &'a str) -> Vec<&'a str> {
        let query = Query::new(query).expect("a query");
        let mut buffer = String::new();
        let ranges = query.find_all(text);
        assert_eq!(query.is_in(text, &mut buffer), !ranges.is_empty(), "{text}");
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn smartcase_ignores_case_unless_the_query_has_a_capital() {
        assert_eq!(
            found("pier", "Pier and PIER and pier"),
            ["Pier", "PIER", "pier"]
        );
        assert_eq!(found("Pier", "Pier and PIER and pier"), ["Pier"]);
        assert_eq!(found("aa", "aaaa"), ["aa", "aa"], "not overlapping");
        assert!(found("x", "pier").is_empty());
        assert_eq!(Query::new(""), None);
    }

    #[test]
    fn unicode_case_folding_keeps_offsets_on_the_original_text() {
        assert_eq!(
            found("zürich", "In ZÜRICH and Zürich"),
            ["ZÜRICH", "Zürich"]
        );
        assert_eq!(found("ZÜRICH", "In ZÜRICH and Zürich"), ["ZÜRICH"]);
        assert_eq!(
            found("istanbul", "İSTANBUL, İstanbul"),
            ["İSTANBUL", "İstanbul"]
        );
        assert_eq!(
            found("straße", "Die STRAßE, die Straße"),
            ["STRAßE", "Straße"]
        );
        assert_eq!(found("σ", "ΟΔΟΣ"), ["Σ"]);
        // A letter whose lower case is longer than itself, before the match.
        assert_eq!(found("ab", "ȺȺ ab"), ["ab"]);
        assert_eq!(found("日本", "東京と日本"), ["日本"]);
    }
}
