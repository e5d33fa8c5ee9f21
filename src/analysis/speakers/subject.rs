//! The subject of the clause a partial quote sits in, when no speech verb
//! introduces it: `Holt likened the plan to "a dream"`, `In May, Holt's
//! office called it "rushed"`, `She was "whisked off" to hospital`. The
//! words are the subject's, as a reader takes them.

use super::{
    BETWEEN_SUBJECT_AND_VERB, Local, NOT_A_PREDICATE, Para, Salience, is_manner_adverb, is_one_of,
    pronoun, speech_verb,
};
use super::{Pronoun, kind_rank, patterns::is_dash};
use crate::analysis::gazetteer;

/// Words after which a new clause, with a subject of its own, may start.
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "so", "that", "then", "though", "when",
    "where", "whereas", "while", "yet",
];

/// Endings of verb forms (`likened`, `admires`, `promising`); a noun in `-s`
/// after a name is rare enough (`Holt jacket` is the case to avoid).
const VERB_ENDINGS: &[&str] = &["ed", "s", "ing"];

/// Auxiliaries, modals and common verbs whose forms have none of those endings.
#[rustfmt::skip]
const COMMON_VERBS: &[&str] = &[
    "ate", "became", "began", "brought", "call", "came", "can", "could", "did", "do", "drew", "felt",
    "fought", "found", "gave", "get", "go", "got", "had", "has", "have", "held", "is", "kept", "knew",
    "led", "left", "lost", "made", "may", "meant", "met", "might", "must", "paid", "put", "ran", "sat",
    "saw", "say", "see", "sent", "set", "shall", "should", "sought", "spoke", "stood", "struck", "take",
    "think", "thought", "told", "took", "urge", "want", "was", "went", "were", "will", "won", "would",
    "wrote",
];

/// How many capitalised words (titles, party, office) may stand before the subject (`Democratic Sen. Holt`).
const TITLE_WORDS: usize = 4;
/// How many tokens an appositive or parenthesis after the subject may take (`Holt, the mayor, …`).
const APPOSITIVE_TOKENS: usize = 24;
/// How many capitalised words a modifier after the subject may have (`of West Calder`).
const MODIFIER_NAMES: usize = 4;
/// An appositive this short may start with a capital (`Holt, R-Calder, said`).
const SHORT_APPOSITIVE: usize = 5;

impl Para<'_> {
    /// The first clause subject among `toks` (the unquoted tokens from the
    /// sentence start to the quote) that is a person, an organization or a
    /// pronoun standing for one, and is followed by its predicate.
    pub(super) fn clause_subject(&self, toks: &[usize], salience: &Salience) -> Option<Local> {
        for p in 0..toks.len() {
            let opens = p == 0 || {
                let before = self.word(toks[p - 1]);
                before == ","
                    || before == ";"
                    || is_dash(before)
                    || is_one_of(before, CLAUSE_OPENERS)
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
                    .predicate_follows(t, false)
                    .then(|| Local::from(salience.resolve(pr)));
            }
            if let Some(m) = self.mention(t) {
                // The mention's last token.
                let mut last = t;
                while self
                    .tokens
                    .get(last + 1)
                    .is_some_and(|n| n.start < m.end && !self.quoted[last + 1])
                {
                    last += 1;
                }
                let closes_apposition = p > 0 && self.word(toks[p - 1]) == ",";
                if kind_rank(m.kind) <= 1 && self.predicate_follows(last, closes_apposition) {
                    return Some(Local::Found(m.entity));
                }
                // A place or an organization before a title and a name
                // (`Calder Mayor Jane Holt`, `House Speaker Tom Brandt`,
                // `Home Office minister Jane Holt`).
                k = toks.iter().position(|&x| x > last)?;
                let next = self.word(toks[k]);
                if !next.starts_with(char::is_uppercase) && gazetteer::title(next).is_none() {
                    return None;
                }
                continue;
            }
            // A title may be written small after its office (`Lib Dem leader Holt`).
            let titled = word.starts_with(char::is_uppercase)
                || word == "."
                || (k > p && gazetteer::title(word).is_some());
            if !titled {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Whether what follows token `t` (the end of a subject) is its predicate:
    /// a lower-case word that can be a verb, possibly after a second name
    /// (`Holt and Brandt call`), a parenthesis (`Holt (D-Calder) said`), an
    /// appositive in commas (`Holt, the mayor, said`; `Holt, R-Calder,
    /// said`), or a possessive and its noun (`Holt's claim that …`). When the
    /// subject itself closes an appositive (`Another critic, Holt, likened`),
    /// `closes_apposition` lets the word after its comma be the predicate.
    fn predicate_follows(&self, t: usize, closes_apposition: bool) -> bool {
        let word = |k: usize| self.tokens.get(k).map(|_| self.word(k));
        let mut k = t + 1;
        // `Holt and Brandt call it "…"`: past a second name.
        if word(k) == Some("and")
            && let Some(m) = self.tokens.get(k + 1).and_then(|_| self.mention(k + 1))
        {
            k += 1;
            while self.tokens.get(k).is_some_and(|n| n.start < m.end) {
                k += 1;
            }
        }
        for _ in 0..3 {
            // `Holt of Calder said`, `Holt on Monday said`: past a short modifier.
            if matches!(word(k), Some("of" | "on"))
                && word(k + 1).is_some_and(|w| w.starts_with(char::is_uppercase))
            {
                k += 1;
                let mut names = 0;
                while names < MODIFIER_NAMES
                    && word(k).is_some_and(|w| w.starts_with(char::is_uppercase))
                {
                    k += 1;
                    names += 1;
                }
            }
            match word(k) {
                Some("(") => {
                    let Some(close) = self.closing(k, |w| w == ")") else {
                        return false;
                    };
                    k = close + 1;
                }
                Some(",") => {
                    let next = word(k + 1).unwrap_or("");
                    let close = self.closing(k, |w| w == ",");
                    let short = close.is_some_and(|c| c - k <= SHORT_APPOSITIVE);
                    if closes_apposition && close.is_none() {
                        return self.is_predicate(k + 1);
                    }
                    if !(next.starts_with(char::is_lowercase) || short) {
                        return false; // a list of names, or a new clause
                    }
                    let Some(close) = close else { return false };
                    k = close + 1;
                }
                Some("'s" | "\u{2019}s") => {
                    return word(k + 1).is_some_and(|w| w.starts_with(char::is_lowercase));
                }
                _ => return self.is_predicate(k),
            }
        }
        false
    }

    /// The first token after `open` (within an appositive's length, and before
    /// any quoted token) that `is_close` accepts.
    fn closing(&self, open: usize, is_close: impl Fn(&str) -> bool) -> Option<usize> {
        (open + 1..self.tokens.len().min(open + APPOSITIVE_TOKENS))
            .take_while(|&j| !self.quoted[j])
            .find(|&j| is_close(self.word(j)))
    }

    /// Token `k` is a lower-case word that looks like a verb (past a manner
    /// adverb: `Holt openly admires`), not a noun (`Holt jacket`).
    fn is_predicate(&self, k: usize) -> bool {
        let looks_like_verb = |w: &str| {
            w.starts_with(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
                && !is_one_of(w, NOT_A_PREDICATE)
                && (VERB_ENDINGS
                    .iter()
                    .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
                    || is_one_of(w, COMMON_VERBS)
                    || speech_verb(w).is_some())
        };
        let Some(word) = self.tokens.get(k).map(|_| self.word(k)) else {
            return false;
        };
        let next = || self.tokens.get(k + 1).map(|_| self.word(k + 1));
        if looks_like_verb(word) {
            return true;
        }
        if is_manner_adverb(word) || is_one_of(word, BETWEEN_SUBJECT_AND_VERB) {
            return next().is_some_and(looks_like_verb);
        }
        // `Holt, R-Calder, despite admitting that …`: a participle phrase.
        is_one_of(word, &["after", "before", "despite", "while"])
            && next().is_some_and(|w| w.ends_with("ing"))
    }
}
