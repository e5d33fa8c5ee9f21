//! Speech named by a noun rather than a verb: `Holt's claim that there were
//! "…"`, `his promise of "…"`, `the mayor's words, "…"`. The owner of the
//! noun is the speaker; a pronoun owner is resolved like a subject.

use super::{Local, Para, Pronoun, Salience, kind_rank, speech_verb};

/// Nouns that name something said, sorted for binary search.
#[rustfmt::skip]
const SPEECH_NOUNS: &[&str] = &[
    "accusation", "accusations", "admission", "advice", "answer", "argument", "assertion", "assessment",
    "boast", "call", "charge", "claim", "claims", "comment", "comments", "complaint", "description",
    "message", "pledge", "prediction", "promise", "question", "remark", "remarks", "reply", "response",
    "slogan", "statement", "statements", "suggestion", "tweet", "tweets", "verdict", "vow", "warning",
    "words",
];

/// Possessive pronouns and the pronoun that resolves them.
const POSSESSIVES: &[(&str, Pronoun)] = &[
    ("his", Pronoun::He),
    ("her", Pronoun::She),
    ("their", Pronoun::They),
    ("its", Pronoun::It),
];

/// Words after a speech noun that lead to its quote (`claim that`, `remarks about`).
const LEADS_TO_QUOTE: &[&str] = &[
    "that", "of", "about", "on", ",", ":", "-", "\u{2013}", "\u{2014}",
];

/// How many tokens may stand between the noun and the quote (`claim that there have been`).
const NOUN_TO_QUOTE: usize = 8;
/// How many adjectives may stand between the owner and the noun (`Holt's earlier, bold claim`).
const ADJECTIVES: usize = 3;

/// Whether `word` names something said (`claim`, `Remarks`).
pub(super) fn is_speech_noun(word: &str) -> bool {
    word.len() < 16 && {
        let lower = word.to_ascii_lowercase();
        SPEECH_NOUNS.binary_search(&lower.as_str()).is_ok()
    }
}

impl Para<'_> {
    /// The owner of a speech noun shortly before the quote, with no speech verb
    /// between them: `toks` are the unquoted tokens from the sentence start.
    pub(super) fn noun_owner(&self, toks: &[usize], salience: &Salience) -> Option<Local> {
        let from = toks.len().saturating_sub(NOUN_TO_QUOTE + 1);
        for n in (from..toks.len()).rev() {
            let word = self.word(toks[n]);
            if !is_speech_noun(word) {
                continue;
            }
            // A verb anywhere in the sentence speaks first (`Holt called
            // Brandt's remarks "…"`); the noun must lead to the quote
            // (`claim that …`, `statement about "…"`), not be a clause's
            // subject or object (`Holt's tweets were "…"`).
            let verb = |&t: &usize| {
                let w = self.word(t);
                speech_verb(w).is_some() && !is_speech_noun(w)
            };
            let leads = toks
                .get(n + 1)
                .is_none_or(|&t| LEADS_TO_QUOTE.contains(&self.word(t)));
            if toks.iter().any(verb) || !leads {
                return None;
            }
            // Back over a few adjectives to the possessive.
            let mut k = n;
            for _ in 0..=ADJECTIVES {
                let Some(prev) = k.checked_sub(1) else { break };
                let w = self.word(toks[prev]);
                if w == "'s" || w == "\u{2019}s" {
                    let owner = prev.checked_sub(1).and_then(|o| self.mention(toks[o]))?;
                    return (kind_rank(owner.kind) <= 1).then_some(Local::Found(owner.entity));
                }
                if let Some(&(_, p)) = POSSESSIVES
                    .iter()
                    .find(|(pw, _)| pw.eq_ignore_ascii_case(w))
                {
                    return salience.resolve(p).map(Local::Found);
                }
                if !w.starts_with(char::is_lowercase) && w != "," {
                    break;
                }
                k = prev;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_nouns_are_sorted_and_found_in_any_case() {
        assert!(SPEECH_NOUNS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_speech_noun("Claim") && is_speech_noun("remarks"));
        assert!(!is_speech_noun("table"));
    }
}
