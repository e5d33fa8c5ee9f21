//! Finds mentions of people, organizations, places and other names in an
//! article's paragraphs: the first half of entity analysis (the second,
//! [`super::aliases`], merges the mentions into entities).
//!
//! The statistical tagger (`tagged`) finds most names; rules over
//! capitalised token runs plus the [`super::gazetteer`] (`rules`, `classify`)
//! add what it cannot know, a document-level pass (`consistency`) lets the
//! surest reading of a name decide its other occurrences, and `combine`
//! joins the two.

mod classify;
mod combine;
mod consistency;
mod rules;
mod tagged;
#[cfg(test)]
mod tests;

use super::tokens::{self, Tokenized};
use crate::model::{EntityKind, Span};
use combine::combine;
use rules::rule_mentions;
use tagged::tagged_mentions;

/// One mention before aliases are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMention {
    pub span: Span,
    pub kind: EntityKind,
    /// Canonical name when known already (a gazetteer alias such as "Supreme Leader").
    pub canonical: Option<String>,
}

impl RawMention {
    /// The words the mention covers in its paragraph; `None` for a span that
    /// is not in `paragraphs`.
    pub(crate) fn text<'p>(&self, paragraphs: &'p [String]) -> Option<&'p str> {
        paragraphs.get(self.span.paragraph)?.get(self.span.range())
    }

    /// Removes the mentions at `sorted` (ascending indices), keeping the
    /// others' order: what the passes that join two mentions into one do once
    /// at the end, not once per join.
    pub(crate) fn remove_at(mentions: &mut Vec<RawMention>, sorted: &[usize]) {
        if sorted.is_empty() {
            return;
        }
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            sorted.binary_search(&(k - 1)).is_err()
        });
    }
}

/// Test helpers shared by the passes that read and write raw mentions.
#[cfg(test)]
impl RawMention {
    /// The first occurrence of `text` in paragraph `p`, as a mention of `kind`.
    pub(crate) fn first_in(paragraphs: &[String], p: usize, text: &str, kind: EntityKind) -> Self {
        let start = paragraphs[p].find(text).expect("text in paragraph");
        Self::of_text_at(p, start, text, kind)
    }

    /// The last occurrence of `text` in paragraph `p`, as a mention of `kind`.
    pub(crate) fn last_in(paragraphs: &[String], p: usize, text: &str, kind: EntityKind) -> Self {
        let start = paragraphs[p].rfind(text).expect("text in paragraph");
        Self::of_text_at(p, start, text, kind)
    }

    fn of_text_at(p: usize, start: usize, text: &str, kind: EntityKind) -> Self {
        RawMention {
            span: Span::new(p, start, start + text.len()),
            kind,
            canonical: None,
        }
    }

    /// The text each mention covers, in order.
    pub(crate) fn texts(paragraphs: &[String], mentions: &[RawMention]) -> Vec<String> {
        mentions
            .iter()
            .map(|m| paragraphs[m.span.paragraph][m.span.start..m.span.end].to_string())
            .collect()
    }

    /// The mentions of the one paragraph `text` after `pass`, as (text, kind),
    /// given `pieces` as the tagger found them (the first occurrence of each).
    pub(crate) fn after_pass(
        text: &str,
        pieces: &[(&str, EntityKind)],
        pass: impl Fn(&[String], &[Tokenized], &mut Vec<RawMention>),
    ) -> Vec<(String, EntityKind)> {
        let ps = vec![text.to_string()];
        let mut mentions: Vec<RawMention> = pieces
            .iter()
            .map(|(t, k)| RawMention::first_in(&ps, 0, t, *k))
            .collect();
        pass(&ps, &tokens::split_paragraphs(&ps), &mut mentions);
        RawMention::texts(&ps, &mentions)
            .into_iter()
            .zip(mentions.iter().map(|m| m.kind))
            .collect()
    }
}

/// How sure the rules are of a candidate's kind. The consistency pass lets the
/// surest reading of a name decide its weaker occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Confidence {
    /// No evidence beyond capitalisation.
    Guess,
    /// Context only: "X said", "in X".
    Cue,
    /// A naming rule: a title before it, an organisation word, a first name.
    Rule,
    /// The gazetteer knows the name.
    Known,
}

/// A mention found by the rules, before the document-level pass.
#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    kind: EntityKind,
    canonical: Option<String>,
    confidence: Confidence,
    /// The words of the name joined by single spaces (without a skipped parenthesis).
    text: String,
}

/// A capitalised word left out as an ordinary sentence-initial word; revived when
/// the article uses the same word as a name elsewhere ("Brown said" after "Gordon Brown").
#[derive(Debug, Clone)]
struct Dropped {
    span: Span,
    text: String,
}

/// Finds every name mention in the paragraphs, in text order.
///
/// # Algorithm
/// Each paragraph is tokenised and split into sentences. Runs of capitalised
/// tokens (with name particles, `&`, "and" and "of (the)"/"for" after organisation
/// word) are cut into mentions by `Scanner::classify` (in `classify`). Then
/// `make_consistent` (in `consistency`) gives each name the kind of its surest occurrence,
/// marks single words that are the surname of a named person as that person,
/// and revives dropped sentence-initial words that the article uses as names.
pub fn find_mentions(paragraphs: &[String]) -> Vec<RawMention> {
    find_mentions_in(paragraphs, &tokens::split_paragraphs(paragraphs))
}

/// [`find_mentions`] over paragraphs already split by [`tokens::split_paragraphs`]
/// (`split[i]` is paragraph `i`), so that the caller can share the split.
pub fn find_mentions_in(paragraphs: &[String], split: &[Tokenized]) -> Vec<RawMention> {
    let rules = rule_mentions(paragraphs, split);
    let tagged = tagged_mentions(paragraphs, split);
    let mut mentions = combine(paragraphs, tagged, rules);
    super::initials::join(paragraphs, split, &mut mentions);
    super::works::join_titles(paragraphs, split, &mut mentions);
    super::laws::join_laws(paragraphs, split, &mut mentions);
    super::products::join_makers(paragraphs, &mut mentions);
    super::models::join_models(paragraphs, split, &mut mentions);
    super::furniture::strip(paragraphs, split, &mut mentions);
    super::lineups::mark(paragraphs, &mut mentions);
    super::premodifiers::trim(paragraphs, &mut mentions);
    super::stage_names::mark(paragraphs, split, &mut mentions);
    mentions
}
