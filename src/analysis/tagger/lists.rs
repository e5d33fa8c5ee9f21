//! Name lists (gazetteers) as tagger features: which tokens start, continue
//! or end a phrase found in a list of places, first names, organisation words
//! and so on. The lists are read when training and stored in the model file as
//! hashed phrases, so the shipped tagger needs nothing else at run time.

use super::features::{IdMap, TokenInfo};
use crate::analysis::tokens::tokenize;

/// Phrases of several named lists, keyed by the hash of their lower-cased tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// List names, in bit order (at most 32).
    pub names: Vec<String>,
    /// `(phrase key, bit mask of the lists holding it)`, sorted: the stored form.
    pub entries: Vec<(u32, u32)>,
    /// Longest phrase, in tokens.
    pub max_len: usize,
    map: IdMap<u32, u32>,
}

/// The key of a phrase from its tokens' lower-cased hashes ([`TokenInfo::lower`]).
pub fn phrase_key(lowers: impl IntoIterator<Item = u64>) -> u32 {
    phrase_key_of(lowers.into_iter().fold(PHRASE_START, phrase_step))
}

/// The state of a phrase key before its first token.
const PHRASE_START: u64 = 0x6c69_7374_7068_7261;

/// The state of a phrase key after one more token: the keys of a phrase's
/// prefixes come one step apart.
fn phrase_step(h: u64, lower: u64) -> u64 {
    (h.rotate_left(23) ^ lower).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The key of a phrase from its state after its last token.
fn phrase_key_of(mut h: u64) -> u32 {
    h ^= h >> 29;
    match (h >> 32) as u32 ^ h as u32 {
        0 => 1,
        k => k,
    }
}

/// Longest phrase kept (longer list entries are skipped).
const MAX_PHRASE: usize = 6;

impl Lists {
    /// Builds lists from `(name, phrases)`; phrases are split by `lede`'s tokenizer.
    pub fn build(lists: &[(String, Vec<String>)]) -> Lists {
        let mut masks: IdMap<u32, u32> = IdMap::default();
        let mut max_len = 0;
        for (bit, (_, phrases)) in lists.iter().enumerate().take(32) {
            for p in phrases {
                let toks = tokenize(p);
                if toks.is_empty() || toks.len() > MAX_PHRASE {
                    continue;
                }
                max_len = max_len.max(toks.len());
                let key = phrase_key(toks.iter().map(|t| TokenInfo::new(t.text(p)).lower));
                *masks.entry(key).or_default() |= 1 << bit;
            }
        }
        let mut entries: Vec<(u32, u32)> = masks.into_iter().collect();
        entries.sort_unstable();
        Lists::from_parts(
            lists.iter().take(32).map(|l| l.0.clone()).collect(),
            entries,
            max_len,
        )
    }

    /// Rebuilds lists from their stored form.
    pub fn from_parts(names: Vec<String>, entries: Vec<(u32, u32)>, max_len: usize) -> Lists {
        let map = entries.iter().copied().collect();
        Lists {
            names,
            entries,
            max_len: max_len.min(MAX_PHRASE),
            map,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Calls `hit(token, list, part)` for the longest phrase of each list that
    /// starts at each token where `may_start` is true; `part` is 0 for a
    /// one-token phrase, else 1 first, 2 inside, 3 last.
    pub fn matches(
        &self,
        sent: &[TokenInfo],
        may_start: &[bool],
        mut hit: impl FnMut(usize, usize, u8),
    ) {
        if self.entries.is_empty() {
            return;
        }
        for s in 0..sent.len() {
            if !may_start[s] {
                continue;
            }
            // The keys of the phrases starting here, one token longer each.
            let longest = self.max_len.min(sent.len() - s);
            let mut keys = [0u32; MAX_PHRASE];
            let mut h = PHRASE_START;
            for (k, t) in keys.iter_mut().zip(&sent[s..s + longest]) {
                h = phrase_step(h, t.lower);
                *k = phrase_key_of(h);
            }
            let mut seen = 0u32;
            for len in (1..=longest).rev() {
                let Some(&mask) = self.map.get(&keys[len - 1]) else {
                    continue;
                };
                let new = mask & !seen;
                seen |= mask;
                for list in (0..32).filter(|b| new & (1 << b) != 0) {
                    for i in s..s + len {
                        let part = if len == 1 {
                            0
                        } else if i == s {
                            1
                        } else if i + 1 == s + len {
                            3
                        } else {
                            2
                        };
                        hit(i, list, part);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infos(words: &[&str]) -> Vec<TokenInfo> {
        words.iter().map(|w| TokenInfo::new(w)).collect()
    }

    #[test]
    fn lists_match_longest_phrase_per_list_ignoring_case() {
        let lists = Lists::build(&[
            (
                "places".into(),
                vec!["New York".into(), "York".into(), "St. Louis".into()],
            ),
            ("names".into(), vec!["York".into()]),
        ]);
        let sent = infos(&["In", "NEW", "YORK", "and", "St.", "Louis"]);
        let mut hits = Vec::new();
        lists.matches(&sent, &[true; 6], |i, l, p| hits.push((i, l, p)));
        hits.sort_unstable();
        assert_eq!(
            hits,
            vec![
                (1, 0, 1),
                (2, 0, 0),
                (2, 0, 3),
                (2, 1, 0),
                (4, 0, 1),
                (5, 0, 3)
            ]
        );
        // Only allowed starts are tried.
        let mut none = Vec::new();
        lists.matches(&sent, &[false; 6], |i, l, p| none.push((i, l, p)));
        assert!(none.is_empty());
    }

    #[test]
    fn lists_round_trip_through_parts() {
        let a = Lists::build(&[("x".into(), vec!["Paris".into(), "Le Mans".into()])]);
        let b = Lists::from_parts(a.names.clone(), a.entries.clone(), a.max_len);
        assert_eq!(a, b);
        assert_eq!(b.max_len, 2);
    }
}
