//! Which mentions in a paragraph are clause subjects (`Holt said`, `Mayor
//! Holt, who chairs the board, said`): the people and organizations that
//! pronouns refer back to. Reads backwards word by word from each mention.

use super::{
    AFFILIATIONS, APPOSITIVE_BYTES, Mention, NOT_A_PREDICATE, is_one_of, is_quote_char, speech_verb,
};
use std::cell::OnceCell;

/// True when the mention starts a clause and is followed by what looks like
/// its verb (`Holt said`, `…, Mayor Holt also made`), so it is the subject,
/// or ends an inverted attribution (`…, said Mr Holt.`).
pub(super) fn is_subject(words: &Lookback, m: &Mention) -> bool {
    let text = words.text;
    // Before: only capitalised words (titles, adjectives) back to a clause boundary.
    let mut end = words.trimmed_end(m.start);
    for _ in 0..5 {
        let rest = &text[..end];
        let Some(last) = rest.chars().next_back() else {
            return follows_as_subject(text, m);
        };
        if matches!(
            last,
            '.' | '!' | '?' | ';' | ':' | ',' | '(' | '\u{2014}' | '\u{2013}'
        ) || is_quote_char(last)
        {
            return follows_as_subject(text, m);
        }
        // After the last white space, which may be wider than a byte (U+00A0).
        let word_start = words.word_start(end);
        let word = &rest[word_start..];
        if speech_verb(word) == Some(true) {
            // `…, said Mr Holt.`: the speaker of an inverted attribution.
            return text[m.end..].starts_with(['.', ',', ';']) || m.end == text.len();
        }
        // Titles and role nouns may stand before a subject ("Mayor Holt",
        // "retired teacher Dariush Sadeghi", "His friend Parisa Jafari"); a verb
        // may not, which `follows_as_subject` checks on the other side.
        let role_noun = || words.lowercase_or_hyphens(word_start, end) && !ends_like_verb(word);
        if !(word.starts_with(char::is_uppercase) || role_noun()) {
            return false;
        }
        end = words.trimmed_end(word_start);
    }
    false
}

/// Characters [`Lookback`] reads back before it turns to its index.
const SHORT_LOOK: usize = 64;

/// One paragraph, read backwards word by word from a mention ([`is_subject`]).
///
/// Nearly every word and every gap between words is short, and is found by
/// reading back a few characters. A long one (a line of `Holt/said/…` without
/// white space naming thousands, or thousands of spaces) would be read again
/// for every name after it; the paragraph's words are then indexed once, and
/// each look back becomes a binary search.
pub(super) struct Lookback<'a> {
    text: &'a str,
    /// Every white-space-separated word, built on the first long look back.
    index: OnceCell<Vec<WordSpan>>,
}

/// A white-space-separated word of a paragraph.
#[derive(Debug, Clone, Copy)]
struct WordSpan {
    start: usize,
    end: usize,
    /// The first character that is neither lower case nor a hyphen, or `end`.
    not_lower: usize,
}

impl<'a> Lookback<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lookback {
            text,
            index: OnceCell::new(),
        }
    }

    fn words(&self) -> &[WordSpan] {
        self.index.get_or_init(|| {
            let mut words = Vec::new();
            let mut word: Option<WordSpan> = None;
            for (i, c) in self.text.char_indices() {
                if c.is_whitespace() {
                    if let Some(mut w) = word.take() {
                        w.end = i;
                        w.not_lower = w.not_lower.min(i);
                        words.push(w);
                    }
                    continue;
                }
                let w = word.get_or_insert(WordSpan {
                    start: i,
                    end: usize::MAX,
                    not_lower: usize::MAX,
                });
                if w.not_lower == usize::MAX && !(c.is_lowercase() || c == '-') {
                    w.not_lower = i;
                }
            }
            if let Some(mut w) = word {
                w.end = self.text.len();
                w.not_lower = w.not_lower.min(w.end);
                words.push(w);
            }
            words
        })
    }

    /// The last word starting before byte `pos`.
    fn word_before(&self, pos: usize) -> Option<WordSpan> {
        let words = self.words();
        let k = words.partition_point(|w| w.start < pos);
        k.checked_sub(1).map(|k| words[k])
    }

    /// `text[..pos].trim_end().len()`.
    pub(super) fn trimmed_end(&self, pos: usize) -> usize {
        let mut back = self.text[..pos].char_indices().rev();
        for (i, c) in back.by_ref().take(SHORT_LOOK) {
            if !c.is_whitespace() {
                return i + c.len_utf8();
            }
        }
        if back.next().is_none() {
            return 0;
        }
        self.word_before(pos).map_or(0, |w| w.end.min(pos))
    }

    /// Where the word ending at `end` starts: after the last white space before
    /// `end`, which must follow a character that is not white space.
    pub(super) fn word_start(&self, end: usize) -> usize {
        let mut back = self.text[..end].char_indices().rev();
        for (i, c) in back.by_ref().take(SHORT_LOOK) {
            if c.is_whitespace() {
                return i + c.len_utf8();
            }
        }
        if back.next().is_none() {
            return 0;
        }
        self.word_before(end).map_or(0, |w| w.start)
    }

    /// True when every character from `start` (a word start) to `end` is lower
    /// case or a hyphen.
    pub(super) fn lowercase_or_hyphens(&self, start: usize, end: usize) -> bool {
        let scan = || {
            self.text[start..end]
                .chars()
                .all(|c| c.is_lowercase() || c == '-')
        };
        if end - start <= SHORT_LOOK {
            return scan();
        }
        match self.word_before(start + 1) {
            Some(w) if w.start == start => w.not_lower >= end,
            _ => scan(),
        }
    }
}

/// Lower-case words that are verbs or function words, never the role noun in
/// front of a name: "met", "told", "with", "and" ... (a rough test, enough to
/// keep objects like "met the chairman John Smith" from being subjects).
pub(super) fn ends_like_verb(word: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "and",
        "or",
        "but",
        "with",
        "by",
        "to",
        "for",
        "from",
        "of",
        "on",
        "in",
        "at",
        "as",
        "that",
        "than",
        "who",
        "whom",
        "which",
        "while",
        "when",
        "after",
        "before",
        "is",
        "was",
        "are",
        "were",
        "be",
        "has",
        "had",
        "have",
        "met",
        "told",
        "asked",
        "thanked",
        "urged",
        "said",
        "says",
        "called",
        "named",
        "appointed",
        "replaced",
        "like",
        "about",
    ];
    FUNCTION_WORDS.contains(&word) || speech_verb(word).is_some()
}

/// The word after a mention is a lower-case word that can be a verb, possibly
/// after an appositive (`Holt, who chairs the board, said`, `Holt - a former
/// mayor - said`).
fn follows_as_subject(text: &str, m: &Mention) -> bool {
    let after = skip_parenthesis(&text[m.end..]);
    let is_dash = |c: char| matches!(c, '-' | '\u{2013}' | '\u{2014}');
    let trimmed = after.trim_start();
    if let Some(rest) = trimmed
        .strip_prefix(',')
        .or_else(|| trimmed.strip_prefix(is_dash))
    {
        let rest = rest.trim_start();
        // The name closes an appositive: "His neighbour, the tailor Rana Aziz, said ...".
        let first_word = leading_word(rest);
        if speech_verb(first_word) == Some(true) {
            return true;
        }
        // "Head of the division, Andrew Burke, spoke about …": the name closes
        // an appositive to the subject, and the verb follows.
        // Also after "the" ("CENTR, the Council of X, agrees"), where a plural
        // noun would be a list's next item ("Ian Varro, the Harrow Trust,
        // parents and teachers"): a verb surely, there.
        let before = text[..m.start].trim_end();
        let after_the = before
            .strip_suffix("the")
            .filter(|b| b.ends_with(' '))
            .map(str::trim_end);
        if before.ends_with(',') && looks_finite(first_word)
            || after_the.is_some_and(|b| b.ends_with(','))
                && surely_finite(first_word, &rest[first_word.len()..])
        {
            return true;
        }
        if !rest.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()) {
            return false; // a list of names, or a new clause
        }
        // The appositive ends at its first comma, or at a later one that a
        // verb surely follows ("Amor, who will captain England in the opening
        // tournament, the Dubai Sevens, was delighted"), within its sentence
        // ("Of Hepburn, she said: …" is no appositive of the next one's).
        let sentence_end = sentence_end(rest);
        let mut ends = rest
            .char_indices()
            .take_while(|&(i, _)| i < APPOSITIVE_BYTES.min(sentence_end))
            .filter(|&(_, c)| c == ',' || is_dash(c))
            .map(|(i, c)| i + c.len_utf8());
        return ends.next().is_some_and(|first| {
            starts_with_predicate(&rest[first..])
                || ends.any(|at| {
                    let after = rest[at..].trim_start();
                    let word = leading_word(after);
                    surely_finite(word, &after[word.len()..])
                })
        });
    }
    after.starts_with(char::is_whitespace)
        && (starts_with_predicate(after) || starts_with_predicate(past_affiliation(after)))
}

/// Where the sentence `text` starts ends: a full stop, "!" or "?" (and any
/// closing quote marks) before white space and a capital or a quote mark
/// (not "£2.5m", "U.S. in"), or ";" or ":" ("she said: …"); the text's length
/// if none.
fn sentence_end(text: &str) -> usize {
    text.char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | ':')
                || matches!(c, '.' | '!' | '?') && {
                    let after = text[i + 1..].trim_start_matches(is_quote_char);
                    after.starts_with(char::is_whitespace)
                        && after
                            .trim_start()
                            .starts_with(|n: char| n.is_uppercase() || is_quote_char(n))
                }
        })
        .map_or(text.len(), |(i, _)| i)
}

/// [`looks_finite`], without the plural nouns it lets through: a word in
/// -s counts only where no list goes on after it ("Sara Cole, who grows
/// apples, pears, plums and figs": "pears" is no verb). `rest` is the text
/// after the word.
fn surely_finite(word: &str, rest: &str) -> bool {
    let plural_like = word.ends_with('s') && !word.ends_with("ss");
    let list_goes_on = {
        let rest = rest.trim_start();
        rest.starts_with(',') || rest.starts_with("and ") || rest.starts_with("or ")
    };
    looks_finite(word) && !(plural_like && list_goes_on && speech_verb(word).is_none())
}

/// A verb that can follow its subject: a past tense in -ed, a present in
/// -s (not a plural's "-ss"), an auxiliary, or a common irregular past
/// ("spoke", "went"); not an adverb ("yesterday") or a determiner ("some").
fn looks_finite(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "is", "was", "has", "had", "will", "would", "can", "could", "may", "might", "must",
        "should", "did", "does", "spoke", "went", "came", "made", "gave", "took", "wrote", "began",
        "became", "left", "won", "lost", "led", "ran", "saw", "knew", "thought", "got", "put",
        "set", "sent", "held", "kept", "brought", "found", "felt", "told", "said", "met",
    ];
    word.starts_with(char::is_lowercase)
        && (IRREGULAR.contains(&word)
            || word.len() > 4 && word.ends_with("ed")
            || word.len() > 3
                && word.ends_with('s')
                && !word.ends_with("ss")
                && !word.ends_with("ous"))
}

/// `text` past an affiliation at its start (`Holt of Save the Children said`:
/// ` said`): `of`, `from` or `at` and the capitalised words of a name, with
/// the small words inside one; else the empty string.
fn past_affiliation(text: &str) -> &str {
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| is_one_of(w, AFFILIATIONS)) {
        return "";
    }
    let mut named = false;
    let mut rest = text.trim_start();
    rest = rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..].trim_start();
    for _ in 0..8 {
        let word = rest.split_whitespace().next().unwrap_or("");
        let capital = word.starts_with(char::is_uppercase);
        if !(capital || is_one_of(word, &["the", "of", "and", "for"])) {
            break;
        }
        named |= capital;
        rest = rest[word.len()..].trim_start();
    }
    if named { rest } else { "" }
}

/// `text` past a short parenthesis at its start (`Holt (D-Calder) said`), else `text`.
fn skip_parenthesis(text: &str) -> &str {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('(') {
        return text;
    }
    trimmed
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ')')
        .map_or(text, |(i, _)| &trimmed[i + 1..])
}

/// `text` starts (after white space) with a lower-case word that can be a verb.
fn starts_with_predicate(text: &str) -> bool {
    let word = leading_word(text.trim_start());
    word.starts_with(char::is_lowercase) && !is_one_of(word, NOT_A_PREDICATE)
}

/// The letters `text` opens with (empty when it opens with anything else).
fn leading_word(text: &str) -> &str {
    text.split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lookback_reads_words_like_a_scan(
            pieces in proptest::collection::vec(0usize..9, 0..12)
        ) {
            let long_spaces = " ".repeat(70);
            let long_lower = "ab-".repeat(30);
            let long_blob = "x/Holt/".repeat(12);
            let long_title = format!("X{}", "a".repeat(70));
            let parts = [
                " ", "Mr", "holt", "\u{a0}", "/", "-", &long_spaces, &long_lower, &long_blob,
            ];
            let parts = [&parts[..], &[long_title.as_str()]].concat();
            let text: String = pieces.iter().map(|&p| parts[p % parts.len()]).collect();
            let words = Lookback::new(&text);
            for (pos, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let trimmed = text[..pos].trim_end().len();
                proptest::prop_assert_eq!(words.trimmed_end(pos), trimmed);
                if trimmed == 0 {
                    continue;
                }
                let start = text[..trimmed]
                    .char_indices()
                    .rfind(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                proptest::prop_assert_eq!(words.word_start(trimmed), start);
                let lower = text[start..trimmed].chars().all(|c| c.is_lowercase() || c == '-');
                proptest::prop_assert_eq!(words.lowercase_or_hyphens(start, trimmed), lower);
            }
        }
    }
}
