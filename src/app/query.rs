//! What a search looks for, and where it is found: smartcase matching (as in
//! vim and less: case-insensitive unless the query has a capital) that gives
//! byte ranges over the exact string searched, so they can be highlighted on
//! wrapped lines. Case folding is done per character with a map back to the
//! original offsets, never by slicing the original with a lowercased copy's
//! offsets.

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use std::ops::Range;

/// A search query, ready to match.
#[derive(Debug, Clone)]
pub struct Query {
    /// As typed.
    text: String,
    /// Whether case matters (the query has a capital).
    sensitive: bool,
    /// What is looked for: the text, folded when case does not matter.
    needle: String,
    /// Finds `needle` in a text (folded first when case does not matter).
    finder: Finder<'static>,
    /// When case does not matter: a piece of the needle found in a text as
    /// it is, without folding a copy (the scan over every article). A text
    /// without it cannot hold the needle (but see `dotted`); for an ASCII
    /// needle the piece is the needle itself, and finding it is enough.
    prefilter: Option<AhoCorasick>,
    /// The prefilter looks for an `i` or `k`, which İ and the Kelvin sign
    /// fold to from outside ASCII: a text with those is folded to be sure.
    dotted: bool,
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.text == other.text
    }
}

impl Eq for Query {}

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
        let (prefilter, dotted) = if sensitive {
            (None, false)
        } else {
            prefilter(&needle)
        };
        Some(Query {
            text: text.to_string(),
            sensitive,
            finder: Finder::new(needle.as_bytes()).into_owned(),
            needle,
            prefilter,
            dotted,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when `bytes` (a text not yet read as UTF-8) cannot hold a match:
    /// the scan over every article passes most texts over without reading
    /// them as text. False when it may.
    pub fn surely_not_in(&self, bytes: &[u8]) -> bool {
        if self.sensitive {
            return self.finder.find(bytes).is_none();
        }
        let Some(prefilter) = &self.prefilter else {
            return false;
        };
        let odd = |c: &str| memchr::memmem::find(bytes, c.as_bytes()).is_some();
        !prefilter.is_match(bytes) && !(self.dotted && (odd("İ") || odd("\u{212A}")))
    }

    /// Whether `text` holds a match (no ranges are made); `buffer` is room
    /// for a folded copy, reused from call to call.
    pub fn is_in(&self, text: &str, buffer: &mut String) -> bool {
        if self.sensitive {
            return self.finder.find(text.as_bytes()).is_some();
        }
        if let Some(prefilter) = &self.prefilter {
            let odd = |c: &str| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some();
            if prefilter.is_match(text) {
                if self.needle.is_ascii() {
                    return true;
                }
            } else if !(self.dotted && (odd("İ") || odd("\u{212A}"))) {
                return false;
            }
        }
        buffer.clear();
        fold_append(text, buffer);
        self.finder.find(buffer.as_bytes()).is_some()
    }

    /// Whether case does not matter (texts are compared folded).
    pub fn folds(&self) -> bool {
        !self.sensitive
    }

    /// Appends `text` to `out` as this query compares it: folded when case
    /// does not matter (see [`Query::find_iter`]).
    pub fn push_compared(&self, text: &str, out: &mut String) {
        if self.sensitive {
            out.push_str(text);
        } else {
            fold_append(text, out);
        }
    }

    /// Where the query starts in `compared`, a text made by
    /// [`Query::push_compared`] (of this query or one that folds alike).
    pub fn find_iter<'a>(&'a self, compared: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.finder.find_iter(compared.as_bytes())
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

/// The prefilter for a folded `needle`: its longest ASCII piece (two
/// characters or more) matched whatever its case, else its first other
/// character in lower or upper case; and whether the piece has an `i` or `k`.
fn prefilter(needle: &str) -> (Option<AhoCorasick>, bool) {
    let piece = needle
        .split(|c: char| !c.is_ascii())
        .max_by_key(|piece| piece.len())
        .filter(|piece| piece.len() >= 2 || needle.is_ascii());
    if let Some(piece) = piece {
        let built = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([piece]);
        return (built.ok(), piece.contains(['i', 'k']));
    }
    let Some(c) = needle.chars().find(|c| !c.is_ascii()) else {
        return (None, false);
    };
    let mut forms = vec![c.to_string(), c.to_uppercase().collect()];
    if c == 'ß' {
        forms.push('ẞ'.to_string());
    }
    (AhoCorasick::new(forms).ok(), false)
}

/// Appends `text` in lower case to `buffer` (as [`fold`], without the
/// offsets): runs of ASCII are lowered at once, other characters one by one.
fn fold_append(text: &str, buffer: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (head, tail) = rest.split_at(ascii);
        let start = buffer.len();
        buffer.push_str(head);
        if let Some(lowered) = buffer.get_mut(start..) {
            lowered.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            buffer.extend(fold_char(c));
        }
        rest = chars.as_str();
    }
}

/// One character in lower case (İ as a plain `i`).
fn fold_char(c: char) -> std::char::ToLowercase {
    if c == 'İ' { 'i' } else { c }.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_surely_without_the_query_is_one_it_is_not_in() {
        let texts = [
            "The Harbour council met.",
            "harbour",
            "HARBOUR WALL",
            "no such word here",
            "İstanbul and the \u{212A}elvin scale",
            "",
        ];
        let mut buffer = String::new();
        for typed in [
            "harbour",
            "Harbour",
            "istanbul",
            "kelvin",
            "council met",
            "é",
        ] {
            let query = Query::new(typed).expect("query");
            for text in texts {
                if query.surely_not_in(text.as_bytes()) {
                    assert!(!query.is_in(text, &mut buffer), "{typed} in {text}");
                }
            }
        }
        let harbour = Query::new("harbour").expect("query");
        assert!(harbour.surely_not_in(b"no such word here"));
        assert!(!harbour.surely_not_in("HARBOUR WALL".as_bytes()));
        assert!(
            Query::new("Harbour")
                .expect("query")
                .surely_not_in(b"harbour")
        );
        assert!(
            !Query::new("kelvin")
                .expect("query")
                .surely_not_in("\u{212A}elvin".as_bytes())
        );
    }

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
        assert_eq!(found("kelvin", "300 \u{212A}elvin"), ["\u{212A}elvin"]);
        assert_eq!(
            found("zürich", "ZÜRİCH"),
            ["ZÜRİCH"],
            "İ inside the ASCII piece"
        );
        assert_eq!(found("ü", "Ü and ü"), ["Ü", "ü"]);
        assert_eq!(found("ß", "GROẞ"), ["ẞ"]);
        assert!(found("zürich", "zurich, Zuerich").is_empty());
        // A letter whose lower case is longer than itself, before the match.
        assert_eq!(found("ab", "ȺȺ ab"), ["ab"]);
        assert_eq!(found("日本", "東京と日本"), ["日本"]);
    }
}
