//! The subject of the clause a partial quote sits in, when no speech verb
//! introduces it: `Holt likened the plan to "a dream"`, `In May, Holt's
//! office called it "rushed"`, `She was "whisked off" to hospital`. The
//! words are the subject's, as a reader takes them.

use super::{Local, NOT_A_PREDICATE, Para, Salience, is_one_of, pronoun};
use super::{Pronoun, kind_rank, patterns::is_dash};

/// Words after which a new clause, with a subject of its own, may start.
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "so", "that", "then", "though", "when",
    "where", "whereas", "while", "yet",
];

/// How many capitalised words (titles, party, office) may stand before the subject (`Democratic Sen. Holt`).
const TITLE_WORDS: usize = 4;
/// How many tokens an appositive or parenthesis after the subject may take (`Holt, the mayor, …`).
const APPOSITIVE_TOKENS: usize = 24;

impl Para<'_> {
    /// The first clause subject among `toks` (the unquoted tokens from the
    /// sentence start to the quote) that is a person, an organization or a
    /// pronoun standing for one, and is followed by its predicate.
    pub(super) fn clause_subject(&self, toks: &[usize], salience: &Salience) -> Option<Local> {
        for p in 0..toks.len() {
            let opens = p == 0 || {
                let before = self.word(toks[p - 1]);
                before == "," || before == ";" || is_dash(before) || is_one_of(before, CLAUSE_OPENERS)
            };
            if !opens {
                continue;
            }
            if let Some(local) = self.subject_at(toks, p, salience) {
                return Some(local);
            }
        }
        None
    }

    /// A subject starting at `toks[p]`, past a few capitalised title words.
    fn subject_at(&self, toks: &[usize], p: usize, salience: &Salience) -> Option<Local> {
        let mut k = p;
        for _ in 0..=TITLE_WORDS {
            let &t = toks.get(k)?;
            let word = self.word(t);
            if let Some(pr) = pronoun(word).filter(|&pr| pr != Pronoun::Other) {
                return self
                    .predicate_follows(t)
                    .then(|| Local::from(salience.resolve(pr)));
            }
            if let Some(m) = self.mention(t) {
                if kind_rank(m.kind) > 1 {
                    return None;
                }
                // The mention's last token.
                let mut last = t;
                while self
                    .tokens
                    .get(last + 1)
                    .is_some_and(|n| n.start < m.end && !self.quoted[last + 1])
                {
                    last += 1;
                }
                return self.predicate_follows(last).then_some(Local::Found(m.entity));
            }
            let titled = word.starts_with(char::is_uppercase) || word == ".";
            if !titled {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Whether what follows token `t` (the end of a subject) is its predicate:
    /// a lower-case word that can be a verb, possibly after an appositive in
    /// commas or a parenthesis (`Holt (D-Calder) said`), or a possessive and its
    /// noun (`Holt's claim that …`).
    fn predicate_follows(&self, t: usize) -> bool {
        let mut k = t + 1;
        let word = |k: usize| self.tokens.get(k).map(|_| self.word(k));
        // `Holt and Brandt call it "…"`: past a second name.
        if word(k) == Some("and")
            && let Some(m) = self.tokens.get(k + 1).and_then(|_| self.mention(k + 1))
        {
            k += 1;
            while self.tokens.get(k).is_some_and(|n| n.start < m.end) {
                k += 1;
            }
        }
        match word(k) {
            Some("(") => {
                let close = (k + 1..self.tokens.len().min(k + APPOSITIVE_TOKENS))
                    .find(|&j| self.word(j) == ")");
                let Some(close) = close else { return false };
                k = close + 1;
            }
            Some(",") => {
                let next = word(k + 1).unwrap_or("");
                if !next.starts_with(char::is_lowercase) {
                    return false; // a list of names, or a new clause
                }
                let close = (k + 1..self.tokens.len().min(k + APPOSITIVE_TOKENS))
                    .find(|&j| self.word(j) == "," || self.quoted[j]);
                let Some(close) = close.filter(|&j| !self.quoted[j]) else {
                    return false;
                };
                k = close + 1;
            }
            Some("'s" | "\u{2019}s") => {
                return word(k + 1).is_some_and(|w| w.starts_with(char::is_lowercase));
            }
            _ => {}
        }
        word(k).is_some_and(|w| {
            w.starts_with(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
                && !is_one_of(w, NOT_A_PREDICATE)
        })
    }
}
