//! Attribution patterns that sit at a quote's edges rather than in a clause
//! around it: doubled marks (`''…,'' said Holt`), a signature after a dash
//! (`“…” ― Jane Holt`) and a transcript label inside the quote (`"HOLT: …"`).

use super::{Mention, Para, is_quote_char};
use crate::model::{Entity, EntityKind};
use std::ops::Range;

/// `range` (a quote with its marks) widened over marks written twice: the
/// doubled apostrophes (`''…''`) and backticks of some wire styles, or a
/// straight mark beside a curly one. The tokens of both marks then count as
/// quoted, so the attribution after `''…,''` starts at its first word.
pub(super) fn widen_over_doubled_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let is_mark = |c: char| is_quote_char(c) || c == '`';
    let start = text.get(..range.start).map_or(range.start, |before| {
        let kept = before.trim_end_matches(is_mark).len();
        // At most one more mark: `'''` is a doubled mark and an apostrophe.
        kept.max(prev_char_start(before))
    });
    let end = text.get(range.end..).map_or(range.end, |after| {
        let extra = after.len() - after.trim_start_matches(is_mark).len();
        range.end + extra.min(after.chars().next().map_or(0, char::len_utf8))
    });
    start.min(range.start)..end.max(range.end)
}

/// The byte offset of the last character of `s` (0 when empty).
fn prev_char_start(s: &str) -> usize {
    s.char_indices().next_back().map_or(0, |(i, _)| i)
}

/// A dash of any width, as written between a quote and its signature.
pub(super) fn is_dash(word: &str) -> bool {
    matches!(
        word,
        "-" | "\u{2012}" | "\u{2013}" | "\u{2014}" | "\u{2015}" | "\u{2212}"
    )
}

impl Para<'_> {
    /// A signature at the start of `toks` (unquoted tokens right after a quote):
    /// one or two dashes, then a person or organization, then nothing more of
    /// the clause (the sentence or paragraph ends, a quote opens, or
    /// punctuation follows): `“…” ― Jane Holt.`, `"…" -- Holt, a voter`. Gives
    /// the entity and how many of `toks` the signature takes.
    pub(super) fn dash_signature(&self, toks: &[usize]) -> Option<(usize, usize)> {
        let dashes = toks
            .iter()
            .take(2)
            .take_while(|&&t| is_dash(self.word(t)))
            .count();
        if dashes == 0 {
            return None;
        }
        // Past a first name or an initial the entity finder left out (`― Ana N. Holt`).
        let mut k = dashes;
        while k < dashes + 3
            && toks.get(k).is_some_and(|&t| {
                self.mention(t).is_none()
                    && (self.word(t) == "." || self.word(t).starts_with(char::is_uppercase))
            })
        {
            k += 1;
        }
        let &first = toks.get(k)?;
        let m = self.mention(first).filter(is_speaker_kind)?;
        // The mention's own tokens, then what follows it.
        while toks
            .get(k)
            .is_some_and(|&t| self.tokens[t].start < m.end && self.tokens[t].end > m.start)
        {
            k += 1;
        }
        let last = toks[k - 1];
        let ends_clause = match self.tokens.get(last + 1) {
            None => true,
            Some(_) if self.quoted[last + 1] => true,
            Some(_) => {
                let next = self.word(last + 1);
                self.sentence_of[last + 1] != self.sentence_of[last]
                    || matches!(next, "." | "," | ";" | "(" | "[" | "/")
                    || is_dash(next)
            }
        };
        ends_clause.then_some((m.entity, k))
    }
}

fn is_speaker_kind(m: &Mention) -> bool {
    matches!(m.kind, EntityKind::Person | EntityKind::Organization)
}

/// Longest transcript label, in bytes (`SEN. JANE HOLT-BRANDT:`).
const LABEL_BYTES: usize = 40;

/// The label of a transcript line at the start of a quote's words (`HOLT:
/// We will…`, `MR. HOLT: …`, `HOST: …`): up to four words of capitals before
/// a colon and a space. `None` for anything in mixed case (`Note: …`), which
/// is too often the quoted words themselves.
pub(super) fn transcript_label(words: &str) -> Option<&str> {
    let colon = words.get(..words.len().min(LABEL_BYTES + 1))?.find(':')?;
    let label = words[..colon].trim();
    if !words[colon + 1..].starts_with(char::is_whitespace) {
        return None;
    }
    let parts: Vec<&str> = label.split_whitespace().collect();
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = label
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}'));
    (all_caps && letters >= 2 && (1..=4).contains(&parts.len())).then_some(label)
}

/// The person (else organization) whose name or alias ends in the label's last
/// word, in any case (`PENCE` is Mike Pence; `MR. HOLT` is Jane Holt); `None`
/// when no one or more than one entity of that kind fits (`HOST` in an
/// article that never names the host).
pub(super) fn entity_for_label(entities: &[Entity], label: &str) -> Option<usize> {
    let last = label.split_whitespace().next_back()?.trim_end_matches('.');
    let fits = |e: &Entity| {
        std::iter::once(&e.name).chain(&e.aliases).any(|a| {
            a.split_whitespace()
                .next_back()
                .is_some_and(|w| w.eq_ignore_ascii_case(last))
        })
    };
    for kind in [EntityKind::Person, EntityKind::Organization] {
        let mut found = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind && fits(e));
        if let Some((i, _)) = found.next() {
            return found.next().is_none().then_some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widen_over_doubled_marks_takes_both_apostrophes() {
        let text = "''We won,'' said Holt.";
        // The quote finder pairs the inner apostrophes: `'We won,'`.
        assert_eq!(widen_over_doubled_marks(text, 1..10), 0..11);
        let text = "\"We won,\" said Holt.";
        assert_eq!(widen_over_doubled_marks(text, 0..9), 0..9);
        assert_eq!(widen_over_doubled_marks("``Yes''", 1..6), 0..7);
    }

    #[test]
    fn transcript_label_needs_capitals_and_a_colon() {
        assert_eq!(transcript_label("HOLT: We will."), Some("HOLT"));
        assert_eq!(transcript_label("MR. HOLT: We will."), Some("MR. HOLT"));
        assert_eq!(transcript_label("Note: we will."), None);
        assert_eq!(transcript_label("We will: soon."), None);
        assert_eq!(transcript_label("AT 10:30 we met."), None);
        assert_eq!(transcript_label("A: yes"), None);
    }

    #[test]
    fn entity_for_label_matches_a_surname_in_any_case() {
        let entity = |name: &str, kind, aliases: &[&str]| Entity {
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
            mentions: Vec::new(),
        };
        let entities = [
            entity("Eastmere", EntityKind::Place, &["Eastmere"]),
            entity("Jane Holt", EntityKind::Person, &["Jane Holt", "Holt"]),
            entity("Tom Brandt", EntityKind::Person, &["Tom Brandt"]),
        ];
        assert_eq!(entity_for_label(&entities, "HOLT"), Some(1));
        assert_eq!(entity_for_label(&entities, "MR. BRANDT"), Some(2));
        assert_eq!(entity_for_label(&entities, "HOST"), None);
    }
}
