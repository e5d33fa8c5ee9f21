//! Word pairs, for two-word phrases: each word of a text with the next, as
//! one term ("supreme leader"), in a field of their own. A phrase query reads
//! where each word stands in every article that has both words; over a
//! million articles that is most of a phrase search's time (positions are
//! most of what it reads). A two-word phrase is a single term of this field,
//! found as fast as a word (search engines call this indexing shingles).
//! Longer phrases still read positions.

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The tokenizer's name in the index.
pub const PAIRS: &str = "pairs";

/// The words as the index's `default` tokenizer makes them (the body's).
pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// How many words `text` is to the index.
pub fn word_count(text: &str) -> usize {
    let mut analyzer = words();
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

/// Makes a text's word pairs.
#[derive(Clone)]
pub struct PairsTokenizer {
    words: TextAnalyzer,
}

impl Default for PairsTokenizer {
    fn default() -> Self {
        PairsTokenizer { words: words() }
    }
}

/// A text's word pairs, one after the other.
pub struct PairsStream {
    pairs: std::vec::IntoIter<Token>,
    token: Token,
}

impl Tokenizer for PairsTokenizer {
    type TokenStream<'a> = PairsStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairsStream {
        let mut words = self.words.token_stream(text);
        let mut pairs = Vec::new();
        let mut previous: Option<Token> = None;
        while words.advance() {
            let word = words.token();
            if let Some(before) = &previous {
                pairs.push(Token {
                    offset_from: before.offset_from,
                    offset_to: word.offset_to,
                    position: pairs.len(),
                    text: format!("{} {}", before.text, word.text),
                    position_length: 1,
                });
            }
            previous = Some(word.clone());
        }
        PairsStream {
            pairs: pairs.into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for PairsStream {
    fn advance(&mut self) -> bool {
        match self.pairs.next() {
            Some(token) => {
                self.token = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_the_words_as_indexed_each_with_the_next() {
        let mut tokenizer = PairsTokenizer::default();
        let mut stream = tokenizer.token_stream("The Supreme Leader's  speech, today.");
        let mut pairs = Vec::new();
        while stream.advance() {
            pairs.push(stream.token().text.clone());
        }
        assert_eq!(
            pairs,
            [
                "the supreme",
                "supreme leader",
                "leader s",
                "s speech",
                "speech today"
            ]
        );
        assert_eq!(word_count("Supreme  Leader!"), 2);
    }

    #[test]
    fn the_words_are_the_body_fields_own() {
        // The body is indexed with tantivy's `default` tokenizer; the pairs
        // (and the two-word test of a phrase) must see the same words.
        let mut body = tantivy::tokenizer::TokenizerManager::default()
            .get("default")
            .expect("tantivy's default tokenizer");
        let text =
            "Ayatollah Ali KHAMENEI's 2nd speech — \u{e9}t\u{e9} ".to_string() + &"x".repeat(45);
        let tokens = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(&text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        assert_eq!(tokens(&mut words()), tokens(&mut body));
        assert_eq!(word_count("Leader's"), 2);
    }
}
