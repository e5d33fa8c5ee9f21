//! The statistical tagger's mentions as byte spans: titles taken off people,
//! sentence-initial ordinary words and stance adjectives ("anti-Assad") left out.

use crate::analysis::gazetteer::{self, TitleRole};
use crate::analysis::names::{breaks_name, is_plain_plural, is_prefixed_adjective, starts_upper};
use crate::analysis::tokens::{Token, Tokenized};
use crate::model::{EntityKind, Span};
use foldhash::HashSet;

use super::RawMention;

/// The statistical tagger's mentions ([`crate::analysis::tagger`]), as byte spans, with
/// leading titles taken off people ("Mr Blair" is Blair).
pub(super) fn tagged_mentions(paragraphs: &[String], split: &[Tokenized]) -> Vec<RawMention> {
    // One document: every sentence of every paragraph, remembering where each token is.
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut places: Vec<(usize, &[Token])> = Vec::new();
    for (pi, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        for sentence in &tok.sentences {
            let toks = &tok.tokens[sentence.clone()];
            sentences.push(toks.iter().map(|t| t.text(para)).collect());
            places.push((pi, toks));
        }
    }
    let tagged = crate::analysis::tagger::tag_document(&sentences);
    // Capitalised words seen inside sentences: names, whatever their dictionary use.
    let inner_caps: HashSet<&str> = sentences
        .iter()
        .flat_map(|words| {
            words
                .iter()
                .enumerate()
                .filter(|&(k, w)| !opens_sentence(words, k) && starts_upper(w))
                .map(|(_, w)| *w)
        })
        .collect();
    let mut out = Vec::new();
    for ((spans, words), (pi, ranges)) in tagged.iter().zip(&sentences).zip(&places) {
        for span in spans {
            let mut first = span.start_token;
            // A lone ordinary word that is capitalised only because it starts the
            // sentence ("All 28 people", "(Rural affairs minister)") is not a name.
            // Nor a role that opens it ("Rapper 50 Cent", "Chancellor Gordon
            // Brown"): a person's noun names no one alone.
            if opens_sentence(words, first)
                && span.end_token == first + 1
                && !inner_caps.contains(words[first])
                && (gazetteer::lowercase_share(words[first]).is_some_and(|share| share >= 90)
                    || crate::analysis::kinds::is_person_noun(&words[first].to_lowercase()))
            {
                continue;
            }
            if span.kind == EntityKind::Person {
                while first + 1 < span.end_token
                    && gazetteer::title(words[first]) == Some(TitleRole::Head)
                {
                    first += 1;
                }
            }
            // "His Graceland home": a possessive that opens the sentence is no
            // part of a person's, a body's or a place's name (a work's title
            // may begin with one: "His Dark Materials", "My Fair Lady").
            if opens_sentence(words, first)
                && span.end_token > first + 1
                && matches!(
                    words[first],
                    "His" | "Her" | "Its" | "Their" | "Our" | "My" | "Your"
                )
                && span.kind != EntityKind::Other
            {
                first += 1;
            }
            if span.end_token - first == 1 && is_prefixed_adjective(words[first]) {
                continue;
            }
            // An abbreviation of an ordinary thing, alone ("MPs", "TV"), names no one.
            if span.end_token - first == 1 && is_plain_plural(words[first]) {
                continue;
            }
            // A lower-case word that cannot sit inside a name ("Jet Airways is India")
            // ends one name; what follows it may start another.
            let mut piece_start = first;
            for k in first..=span.end_token {
                let ends = k == span.end_token || breaks_name(words[k]);
                if !ends {
                    continue;
                }
                if k > piece_start
                    && starts_upper(words[piece_start])
                    && let (Some(start), Some(end)) = (ranges.get(piece_start), ranges.get(k - 1))
                {
                    // A "person" of two words or more ending in an organisation
                    // word ("Nour News", "Harbour Police") is an organisation.
                    let org_named = span.kind == EntityKind::Person
                        && k - piece_start >= 2
                        && gazetteer::is_org_word(words[k - 1]);
                    // A one-word "person" that is a nationality ("the Scot",
                    // "Welshman") is other, as CoNLL-2003 has it.
                    let demonym_person = span.kind == EntityKind::Person
                        && k - piece_start == 1
                        && gazetteer::demonym(words[piece_start]).is_some();
                    out.push(RawMention {
                        span: Span::new(*pi, start.start, end.end),
                        kind: if org_named {
                            EntityKind::Organization
                        } else if demonym_person {
                            EntityKind::Other
                        } else {
                            span.kind
                        },
                        canonical: None,
                    });
                }
                piece_start = k + 1;
            }
        }
    }
    out
}

/// True for the first word of a sentence, also after an opening bracket or quote.
pub(super) fn opens_sentence(words: &[&str], k: usize) -> bool {
    k == 0 || (k == 1 && matches!(words[0], "(" | "\"" | "“" | "'" | "‘"))
}
