//! Splits a paragraph into word tokens and sentences, keeping byte offsets into
//! the paragraph. Tokens follow the CoNLL / Penn Treebank habit that the entity
//! rules and the tagger expect: punctuation is its own token, a possessive `'s`
//! (straight or curly) is split off, hyphenated words and abbreviations with dots
//! (`U.S.`, `Mr.`) stay whole.

use super::names::{is_generic_domain, is_second_level_domain};
use std::ops::Range;

/// What a token is made of, decided once so that later steps need not re-scan it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, inner apostrophes or dots.
    Word,
    /// Starts with a digit.
    Number,
    /// A single punctuation or symbol character (quotes included).
    Punct,
}

/// One token: a byte range in its paragraph and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `paragraph` (the string it was made from).
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.start..self.end]
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || matches!(c, '\u{0300}'..='\u{036f}')
}

/// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt",
    "Maj", "Adm", "Rev", "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "No", "vs", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "e.g", "i.e",
    "etc",
];

/// Splits `text` into tokens.
///
/// # Algorithm
/// Walk the characters once. A run of word characters forms a word; inside a word
/// a hyphen, a dot or an apostrophe is kept when a word character follows it
/// (`Amir-Abdollahian`, `U.S`, `don't`), except that an apostrophe followed by
/// `s` and then a non-letter starts a separate possessive token (`Iran` + `'s`).
/// A dot directly after a known abbreviation, or after a single-letter chain like
/// `U.S`, joins the word, and so does one inside a web address (`Amazon.com`,
/// [`domain_label_at`]). Everything else that is not white space is one
/// punctuation token per character.
///
/// The walk moves a byte offset and decodes one character at a time
/// ([`char_at`], with a fast path for ASCII), remembering the previous
/// character of the word, so it needs no buffer of characters: this function
/// runs on every paragraph of every article.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut b = 0;
    while let Some(c) = char_at(text, b) {
        let next = b + c.len_utf8();
        if c.is_whitespace() {
            b = next;
            continue;
        }
        if !is_word_char(c) {
            // A clitic (`'s`, `’s`, `'m`, `'ve` ...) after a word is its own token,
            // also when text already tokenised the CoNLL way puts a space before it.
            if is_apostrophe(c)
                && tokens
                    .last()
                    .is_some_and(|t: &Token| t.kind != TokenKind::Punct)
                && let Some(len) = clitic_len(text, next)
            {
                tokens.push(Token {
                    start: b,
                    end: next + len,
                    kind: TokenKind::Word,
                });
                b = next + len;
                continue;
            }
            tokens.push(Token {
                start: b,
                end: next,
                kind: TokenKind::Punct,
            });
            b = next;
            continue;
        }
        let start = b;
        let kind = if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        b = next;
        // The last character of the word so far, how many it has, and whether
        // they are a chain of initials ([`continues_chain`]), kept up as the
        // word grows: asked at every dot, a scan of the word would make a long
        // chain (`A.B.C.…`) quadratic.
        let mut prev = c;
        let mut chars = 1;
        let mut chain = c.is_uppercase();
        loop {
            match char_at(text, b) {
                Some(n) if is_word_char(n) => {
                    chain = chain && continues_chain(chars, n);
                    chars += 1;
                    prev = n;
                    b += n.len_utf8();
                }
                Some(n) if matches!(n, '-' | '.' | ',' | '/' | '&') || is_apostrophe(n) => {
                    let after = b + n.len_utf8();
                    let Some(m) = char_at(text, after).filter(|&m| is_word_char(m)) else {
                        break;
                    };
                    // A clitic (`'s`, `'ve` ...): stop before it.
                    if is_apostrophe(n) && clitic_len(text, after).is_some() {
                        break;
                    }
                    // Commas and slashes join only digits (1,000 and 24/7); `&` only capitals (AT&T).
                    let joins = match n {
                        ',' | '/' => prev.is_ascii_digit() && m.is_ascii_digit(),
                        '&' => prev.is_uppercase() && m.is_uppercase(),
                        '.' => {
                            prev.is_ascii_digit() && m.is_ascii_digit()
                                || (prev.is_uppercase() && m.is_uppercase() && chain)
                                || (prev.is_alphanumeric()
                                    && domain_label_at(text, &text[start..b], after))
                        }
                        _ => true,
                    };
                    if !joins {
                        break;
                    }
                    chain = chain && continues_chain(chars, n) && continues_chain(chars + 1, m);
                    chars += 2;
                    prev = m;
                    b = after + m.len_utf8();
                }
                _ => break,
            }
        }
        // A trailing dot joins an abbreviation (`Mr.`) or an initial chain (`U.S.`).
        if text.as_bytes().get(b) == Some(&b'.') {
            let word = &text[start..b];
            let chain = word.len() >= 3
                && word.contains('.')
                && word.chars().all(|ch| ch == '.' || ch.is_uppercase());
            let single_initial = word.chars().count() == 1
                && word.chars().all(char::is_uppercase)
                && !initial_ends_sentence(text, tokens.last(), b);
            if ABBREVIATIONS.contains(&word) || chain || single_initial {
                b += 1;
            }
        }
        tokens.push(Token {
            start,
            end: b,
            kind,
        });
    }
    tokens
}

/// Whether the dot before byte `after` goes on in a web address that names a
/// firm or a site ("Amazon.com", "Jolt.co.uk"): a top-level label after it
/// that ends the word, or a country's after a ".co"-like one (`word` is the
/// word so far). The address stays one word, as its name.
fn domain_label_at(text: &str, word: &str, after: usize) -> bool {
    let rest = text.as_bytes().get(after..).unwrap_or_default();
    let len = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let label = &text[after..after + len];
    let ends = char_at(text, after + len).is_none_or(|n| !is_word_char(n));
    ends && (is_generic_domain(label)
        || is_second_level_domain(label)
        || len == 2 && follows_second_level(word))
}

/// Whether `word` ends in a label that a country's two letters follow ("Jolt.co").
fn follows_second_level(word: &str) -> bool {
    word.rsplit_once('.')
        .is_some_and(|(_, label)| is_second_level_domain(label))
}

/// The character starting at byte `b` of `text` (a char boundary), if any.
fn char_at(text: &str, b: usize) -> Option<char> {
    match text.as_bytes().get(b) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(b..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// The length in bytes of an English clitic (`s`, `m`, `d`, `ll`, `re`, `ve`)
/// starting at byte `at` and ending the word, if there is one. Clitics are
/// ASCII, so bytes and characters coincide until the clitic is matched.
fn clitic_len(text: &str, at: usize) -> Option<usize> {
    let word_end = |k: usize| char_at(text, k).is_none_or(|n| !is_word_char(n));
    let lower = |k: usize| text.as_bytes().get(k).map(u8::to_ascii_lowercase);
    match (lower(at), lower(at + 1)) {
        (Some(b's' | b'm' | b'd'), _) if word_end(at + 1) => Some(1),
        (Some(b'l'), Some(b'l')) | (Some(b'r' | b'v'), Some(b'e')) if word_end(at + 2) => Some(2),
        _ => None,
    }
}

/// True when `c`, as character number `k` (from 0) of a word, keeps it a chain
/// of single capitals separated by dots (`U`, `U.S`).
fn continues_chain(k: usize, c: char) -> bool {
    if k.is_multiple_of(2) {
        c.is_uppercase()
    } else {
        c == '.'
    }
}

/// Splits tokens into sentences: ranges of token indices.
///
/// A sentence ends after `.`, `!` or `?` (and any closing quotes or brackets
/// that follow) when the next token starts with an upper-case letter, a digit,
/// or an opening quote, or when the paragraph ends. Abbreviation tokens carry
/// their dot inside them, so they never end a sentence.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text(text);
        if matches!(t, "." | "!" | "?" | "…") {
            let mut end = i + 1;
            // Closing quotes and brackets attached to the full stop belong to this
            // sentence; a detached straight quote opens the next one.
            while end < tokens.len()
                && tokens[end].start == tokens[end - 1].end
                && matches!(
                    tokens[end].text(text),
                    "\"" | "\u{201d}" | "'" | "\u{2019}" | ")" | "]" | "." | "!" | "?"
                )
            {
                end += 1;
            }
            let next_starts = tokens.get(end).is_none_or(|n| {
                let c = n.text(text).chars().next().unwrap_or(' ');
                c.is_uppercase()
                    || c.is_numeric()
                    || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '\'')
            });
            if next_starts {
                out.push(begin..end);
                begin = end;
            }
            // A full stop inside the attached run (`.....`) would find the same end
            // and the same next token: skipping the run keeps a long one linear.
            i = end;
            continue;
        }
        i += 1;
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

/// Whether the dot at byte `dot` of `text`, after a capital, ends its
/// sentence rather than making the capital a name's initial ("George W.
/// Bush", "said J. Smith"), `before` being the token before the capital. It
/// ends the sentence when a capitalised word follows and either the word
/// before is an ordinary word written with a capital, no first name, title or
/// initial ("the Xbox Series X. Samsung said", "Plan B. Officials"), or the
/// word after is an ordinary word that opens sentences ("you and I. The",
/// but not "Ulysses S. Grant", whose S follows a first name).
fn initial_ends_sentence(text: &str, before: Option<&Token>, dot: usize) -> bool {
    use super::gazetteer;
    let rest = &text[dot + 1..];
    let after_start = rest.len() - rest.trim_start().len();
    let after: &str = rest[after_start..]
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let Some(before) = before.map(|t| t.text(text)) else {
        return false;
    };
    if after_start == 0 || !after.starts_with(char::is_uppercase) {
        return false;
    }
    let name_before = gazetteer::is_first_name(before)
        || gazetteer::is_us_first_name(before)
        || gazetteer::title(before).is_some()
        || ABBREVIATIONS.contains(&before.trim_end_matches('.'))
        || before.ends_with('.')
        || before.chars().count() == 1;
    if name_before {
        return false;
    }
    // An ordinary word written with a capital, as in a product's or a plan's
    // name; a name the lists lack ("Narendra D. Modi") is no ordinary word.
    // (Written in capitals, a headline's words tell nothing: "RESULTS OF S.
    // KOREAN GAMES".)
    let mut letters = before.chars();
    let capitalised_before = letters.next().is_some_and(char::is_uppercase)
        && letters.next().is_some_and(char::is_lowercase)
        && gazetteer::lowercase_share(before).is_some_and(|share| share >= 50);
    let opens_sentences = gazetteer::lowercase_share(after).is_some_and(|share| share >= 95);
    capitalised_before || opens_sentences
}

/// One paragraph split once into tokens and sentences. The entity rules, the
/// tagger and the speaker finder all read the same split, so each article's
/// paragraphs are tokenised once ([`split_paragraphs`]) and shared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenized {
    pub tokens: Vec<Token>,
    /// Sentences as ranges of indices into `tokens` ([`sentences`]).
    pub sentences: Vec<Range<usize>>,
}

impl Tokenized {
    /// Tokenises `text` and splits it into sentences.
    pub fn new(text: &str) -> Tokenized {
        let tokens = tokenize(text);
        let sentences = sentences(text, &tokens);
        Tokenized { tokens, sentences }
    }
}

/// Every paragraph tokenised and split into sentences, in order.
pub fn split_paragraphs(paragraphs: &[String]) -> Vec<Tokenized> {
    paragraphs.iter().map(|p| Tokenized::new(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // ------------------------------------------------ the reference tokenizer
    // The first, simple implementation over a buffer of characters, kept as an
    // oracle: the fast [`tokenize`] must agree with it on every input.

    /// Splits `text` into tokens.
    ///
    /// # Algorithm
    /// Walk the characters once. A run of word characters forms a word; inside a word
    /// a hyphen, a dot or an apostrophe is kept when a word character follows it
    /// (`Amir-Abdollahian`, `U.S`, `don't`), except that an apostrophe followed by
    /// `s` and then a non-letter starts a separate possessive token (`Iran` + `'s`).
    /// A dot directly after a known abbreviation, or after a single-letter chain like
    /// `U.S`, joins the word, and so does one after a lone capital unless it
    /// ends the sentence ([`initial_ends_sentence`]). Everything else that is
    /// not white space is one punctuation token per character.
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if !is_word_char(c) {
                // A clitic (`'s`, `’s`, `'m`, `'ve` ...) after a word is its own token,
                // also when text already tokenised the CoNLL way puts a space before it.
                if is_apostrophe(c)
                    && tokens
                        .last()
                        .is_some_and(|t: &Token| t.kind != TokenKind::Punct)
                    && let Some(len) = ref_clitic_len(&chars, i + 1)
                {
                    tokens.push(Token {
                        start: byte_at(i),
                        end: byte_at(i + 1 + len),
                        kind: TokenKind::Word,
                    });
                    i += 1 + len;
                    continue;
                }
                tokens.push(Token {
                    start: byte_at(i),
                    end: byte_at(i + 1),
                    kind: TokenKind::Punct,
                });
                i += 1;
                continue;
            }
            let start = i;
            let kind = if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            i += 1;
            loop {
                match chars.get(i) {
                    Some(&(_, n)) if is_word_char(n) => i += 1,
                    Some(&(_, n))
                        if matches!(n, '-' | '.' | ',' | '/' | '&') || is_apostrophe(n) =>
                    {
                        let next_is_word = chars.get(i + 1).is_some_and(|&(_, m)| is_word_char(m));
                        if !next_is_word {
                            break;
                        }
                        // A clitic (`'s`, `'ve` ...): stop before it.
                        if is_apostrophe(n) && ref_clitic_len(&chars, i + 1).is_some() {
                            break;
                        }
                        // Commas and slashes join only digits (1,000 and 24/7); `&` only capitals (AT&T).
                        let prev = chars[i - 1].1;
                        let next = chars[i + 1].1;
                        let joins = match n {
                            ',' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
                            '&' => prev.is_uppercase() && next.is_uppercase(),
                            '.' => {
                                prev.is_ascii_digit() && next.is_ascii_digit()
                                    || (prev.is_uppercase()
                                        && next.is_uppercase()
                                        && ref_is_initial_chain(&chars, start, i))
                                    || (prev.is_alphanumeric()
                                        && ref_domain_label(&chars, start, i))
                            }
                            _ => true,
                        };
                        if !joins {
                            break;
                        }
                        i += 2;
                    }
                    _ => break,
                }
            }
            // A trailing dot joins an abbreviation (`Mr.`) or an initial chain (`U.S.`).
            if chars.get(i).is_some_and(|&(_, n)| n == '.') {
                let word = &text[byte_at(start)..byte_at(i)];
                let chain = word.len() >= 3
                    && word.contains('.')
                    && word.chars().all(|ch| ch == '.' || ch.is_uppercase());
                let single_initial = word.chars().count() == 1
                    && word.chars().all(char::is_uppercase)
                    && !initial_ends_sentence(text, tokens.last(), byte_at(i));
                if ABBREVIATIONS.contains(&word) || chain || single_initial {
                    i += 1;
                }
            }
            tokens.push(Token {
                start: byte_at(start),
                end: byte_at(i),
                kind,
            });
        }
        tokens
    }

    /// The length in chars of an English clitic (`s`, `m`, `d`, `ll`, `re`, `ve`)
    /// starting at `at` and ending the word, if there is one.
    fn ref_clitic_len(chars: &[(usize, char)], at: usize) -> Option<usize> {
        let word_end = |k: usize| chars.get(k).is_none_or(|&(_, n)| !is_word_char(n));
        let lower = |k: usize| chars.get(k).map(|&(_, n)| n.to_ascii_lowercase());
        match (lower(at), lower(at + 1)) {
            (Some('s' | 'm' | 'd'), _) if word_end(at + 1) => Some(1),
            (Some('l'), Some('l')) | (Some('r' | 'v'), Some('e')) if word_end(at + 2) => Some(2),
            _ => None,
        }
    }

    /// True when the dot at `dot` goes on in a web address: the lower-case
    /// letters after it are a top-level label and end the word (or a
    /// country's two letters after ".co", ".com", ".org" or ".ac").
    fn ref_domain_label(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
        let label: String = chars[dot + 1..]
            .iter()
            .map(|&(_, c)| c)
            .take_while(char::is_ascii_lowercase)
            .collect();
        let after = dot + 1 + label.chars().count();
        if chars.get(after).is_some_and(|&(_, c)| is_word_char(c)) {
            return false;
        }
        let word: String = chars[start..dot].iter().map(|&(_, c)| c).collect();
        is_generic_domain(&label)
            || is_second_level_domain(&label)
            || label.len() == 2 && follows_second_level(&word)
    }

    /// True when chars[start..dot] is a chain of single capitals separated by dots (`U`, `U.S`).
    fn ref_is_initial_chain(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
        chars[start..dot].iter().enumerate().all(|(k, &(_, c))| {
            if k % 2 == 0 {
                c.is_uppercase()
            } else {
                c == '.'
            }
        })
    }

    proptest::proptest! {
        #[test]
        fn tokenize_agrees_with_the_reference(
            text in "[A-Za-z0-9 .,'\u{2019}\u{201c}\u{201d}&/()é\u{0301}Éß\u{00a0}sSmdlrve-]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokenize(&text));
        }
    }

    #[test]
    fn tokenize_agrees_with_the_reference_on_tricky_text() {
        for text in [
            "Iran's role, Russia’s war. Iran 's envoy , I 've seen",
            "U.S. A.B.C.D. U.S.A U.s. É.U. Mr. Mrs. e.g. i.e. etc. X. x.",
            "1,000 24/7 AT&T A&b 1.5 a-b a- -a don't they'll we're I'VE 'S ’ll",
            "Straße café´ e\u{301}tat naïve — “quoted” ‘single’ «guillemets»",
            "end.'s x'",
            "'",
            "a'",
            "a’s",
            "a’",
            "5.",
            "US.",
            "A.",
            "ÉÉ.",
            "the Series X. Samsung, you and I. The end, George W. Bush",
        ] {
            assert_eq!(tokenize(text), reference_tokenize(text), "{text}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokenize_splits_possessives_and_punctuation() {
        assert_eq!(
            words("Iran's role, Russia’s war."),
            ["Iran", "'s", "role", ",", "Russia", "’s", "war", "."]
        );
        assert_eq!(words("Iran' state TV"), ["Iran", "'", "state", "TV"]);
        assert_eq!(
            words("Iran 's envoy , I 've seen"),
            ["Iran", "'s", "envoy", ",", "I", "'ve", "seen"]
        );
        assert_eq!(
            words("he said 'sure' and 'd'"),
            ["he", "said", "'", "sure", "'", "and", "'d", "'"]
        );
        assert_eq!(
            words("Revolutionary Guard (IRGC),"),
            ["Revolutionary", "Guard", "(", "IRGC", ")", ","]
        );
    }

    #[test]
    fn tokenize_keeps_a_web_address_whole() {
        assert_eq!(
            words("Amazon.com Inc and Jolt.co.uk said, as did bbc.co.uk."),
            [
                "Amazon.com",
                "Inc",
                "and",
                "Jolt.co.uk",
                "said",
                ",",
                "as",
                "did",
                "bbc.co.uk",
                "."
            ]
        );
        // Not a sentence run into the next, nor a label that goes on.
        assert_eq!(words("It rose.Com"), ["It", "rose", ".", "Com"]);
        assert_eq!(words("the end.common"), ["the", "end", ".", "common"]);
    }

    #[test]
    fn tokenize_keeps_hyphens_abbreviations_and_numbers() {
        assert_eq!(
            words("Mohammad-Javad Zarif met Mr. Smith in the U.S. on 1,000 days (1980-1988)."),
            [
                "Mohammad-Javad",
                "Zarif",
                "met",
                "Mr.",
                "Smith",
                "in",
                "the",
                "U.S.",
                "on",
                "1,000",
                "days",
                "(",
                "1980-1988",
                ")",
                "."
            ]
        );
        assert_eq!(words("don't AT&T I've"), ["don't", "AT&T", "I", "'ve"]);
    }

    #[test]
    fn tokenize_offsets_slice_the_original_text() {
        let text = "“Some leaders,” he said — Tehran’s é́ test";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!t.text(text).trim().is_empty());
        }
    }

    #[test]
    fn tokenize_reads_a_long_chain_of_initials_once() {
        // Each dot used to re-read the chain so far.
        let chain = "A.".repeat(100_000);
        let text = format!("{chain} said");
        let toks = tokenize(&text);
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[0].text(&text), chain);
    }

    #[test]
    fn sentences_read_a_long_run_of_full_stops_once() {
        // Every full stop of the run used to scan the rest of it again.
        let dots = ".".repeat(200_000);
        for (next, count) in [("went on", 1), ("Went on", 2)] {
            let text = format!("the talks{dots} {next}");
            let toks = tokenize(&text);
            let sents = sentences(&text, &toks);
            assert_eq!(sents.len(), count, "{next}");
            assert_eq!(sents.last().map(|r| r.end), Some(toks.len()));
        }
        let text = "Wait...!? no. \"Yes.\") Go";
        let toks = tokenize(text);
        let words = |r: Range<usize>| text[toks[r.start].start..toks[r.end - 1].end].to_string();
        let sents: Vec<String> = sentences(text, &toks).into_iter().map(words).collect();
        assert_eq!(sents, ["Wait...!? no.", "\"Yes.\")", "Go"]);
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_only() {
        let text = "Mr. Smith went to the U.S. Army base. He left. \"Go,\" he said. Then 3 more.";
        let toks = tokenize(text);
        let sents: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect();
        assert_eq!(
            sents,
            [
                "Mr. Smith went to the U.S. Army base.",
                "He left.",
                "\"Go,\" he said.",
                "Then 3 more."
            ]
        );
    }

    fn sentence_texts(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        sentences(text, &toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_capital_and_its_dot_end_a_sentence_after_an_ordinary_word_or_before_one() {
        assert_eq!(
            sentence_texts("It sells the Xbox Series X. Samsung said sales rose."),
            ["It sells the Xbox Series X.", "Samsung said sales rose."]
        );
        assert_eq!(
            sentence_texts("They lack vitamin D. The study said so."),
            ["They lack vitamin D.", "The study said so."]
        );
        // The capital is a word then, its dot the sentence's end.
        assert_eq!(
            words("It is to you and I. The end."),
            ["It", "is", "to", "you", "and", "I", ".", "The", "end", "."]
        );
        // Initials of names stay inside their sentence.
        for one in [
            "George W. Bush met Ulysses S. Grant there.",
            "The book, said J. Smith, was late.",
            "It was written by Narendra D. Modi and H. G. Wells.",
            "Sen. John F. Kennedy spoke.",
            "RESULTS OF S. KOREAN GAMES.",
        ] {
            assert_eq!(sentence_texts(one), [one], "{one}");
        }
    }
}
