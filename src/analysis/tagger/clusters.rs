//! Word classes for the tagger, learned without labels from plain text: words
//! that occur in similar contexts (`Pirelli`, `Ericsson`, `Fiat`) share a class,
//! so the tagger can generalise from names it saw in training to names it only
//! saw in the unlabelled text. The classes ship inside the model file, keyed by
//! word hash (no text).

use super::features::IdMap;

/// Word hash → class number, for one clustering.
///
/// Only the open-addressing table is kept (a clustering learned from word
/// vectors has a quarter of a million words, so a second sorted copy would
/// cost megabytes for nothing); [`Clusters::entries`] rebuilds the sorted
/// list when the model is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Open-addressing table (key 0 = empty).
    slot_keys: Vec<u32>,
    slot_classes: Vec<u16>,
    len: usize,
}

impl Clusters {
    /// Builds the lookup from `(word key, class)` pairs (of a repeated key,
    /// the lowest class wins; key 0 is dropped).
    pub fn new(mut entries: Vec<(u32, u16)>) -> Clusters {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        entries.retain(|e| e.0 != 0);
        // Load factor between 0.4 and 0.8: short probes, little memory.
        let cap = (entries.len() + entries.len() / 4 + 1)
            .next_power_of_two()
            .max(16);
        let (mut slot_keys, mut slot_classes) = (vec![0u32; cap], vec![0u16; cap]);
        for &(k, c) in &entries {
            let mut s = k as usize & (cap - 1);
            while slot_keys[s] != 0 {
                s = (s + 1) & (cap - 1);
            }
            slot_keys[s] = k;
            slot_classes[s] = c;
        }
        Clusters {
            slot_keys,
            slot_classes,
            len: entries.len(),
        }
    }

    /// `(word key, class)` sorted by key: the stored form.
    pub fn entries(&self) -> Vec<(u32, u16)> {
        let mut entries: Vec<(u32, u16)> = self
            .slot_keys
            .iter()
            .zip(&self.slot_classes)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &c)| (k, c))
            .collect();
        entries.sort_unstable();
        entries
    }

    /// The class of a word, by its key (see [`word_key`]).
    pub fn class(&self, key: u32) -> Option<u16> {
        let mask = self.slot_keys.len().checked_sub(1)?;
        let mut s = key as usize & mask;
        loop {
            match self.slot_keys[s] {
                0 => return None,
                k if k == key => return Some(self.slot_classes[s]),
                _ => s = (s + 1) & mask,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The key a word is clustered under: its lower-cased, digit-folded hash
/// ([`super::features::TokenInfo::lower`]) folded to 32 bits.
pub fn word_key(lower: u64) -> u32 {
    match (lower >> 32) as u32 ^ lower as u32 {
        0 => 1,
        k => k,
    }
}

/// Settings for [`induce`].
#[derive(Debug, Clone)]
pub struct InduceConfig {
    pub classes: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    pub iterations: usize,
}

/// `x ln x`, tabulated for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(max: usize) -> XLogX {
        XLogX(
            (0..=max)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }

    fn f(&self, x: i64) -> f64 {
        match self.0.get(x.max(0) as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Learns word classes from sentences of word keys by the exchange algorithm.
///
/// # Algorithm
/// The classes maximise the likelihood of a class bigram model,
/// `Σ N(c1,c2) ln N(c1,c2) − Σ N(c1,·) ln N(c1,·) − Σ N(·,c2) ln N(·,c2)`
/// (Martin, Liermann and Ney 1998). Words start in classes by frequency rank;
/// then, for a fixed number of passes, each word (most frequent first) is taken
/// out of its class and put into the class that raises the likelihood most.
/// Only the class counts touched by the word's neighbours change, so one move
/// costs (classes × distinct neighbour classes). Rare words and sentence
/// boundaries share one fixed pseudo-word so that their contexts still count.
pub fn induce(
    sentences: &[Vec<u32>],
    config: &InduceConfig,
    mut progress: impl FnMut(usize, f64),
) -> Clusters {
    let c = config.classes.max(2);
    // Vocabulary: frequent words by count (ties by key, for determinism).
    let mut counts: IdMap<u32, u32> = IdMap::default();
    for s in sentences {
        for &w in s {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut vocab: Vec<(u32, u32)> = counts
        .iter()
        .filter(|&(_, &n)| n >= config.min_count)
        .map(|(&w, &n)| (w, n))
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let id_of: IdMap<u32, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32 + 1))
        .collect();
    // Word 0 stands for rare words and sentence boundaries; it stays in class 0.
    let n_words = vocab.len() + 1;
    let mut bigrams: IdMap<u64, u32> = IdMap::default();
    let mut total = 0usize;
    for s in sentences {
        let mut prev = 0u32;
        for w in s
            .iter()
            .map(|w| id_of.get(w).copied().unwrap_or(0))
            .chain(std::iter::once(0))
        {
            *bigrams
                .entry(u64::from(prev) << 32 | u64::from(w))
                .or_default() += 1;
            prev = w;
            total += 1;
        }
    }
    // Neighbour lists: left[w] = (v, n) for bigrams (v, w); right[w] = (v, n) for (w, v).
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_words];
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_words];
    let mut pairs: Vec<(u64, u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    for (k, n) in pairs {
        let (v, w) = ((k >> 32) as u32, k as u32);
        right[v as usize].push((w, n));
        left[w as usize].push((v, n));
    }
    let n_left: Vec<i64> = right
        .iter()
        .map(|r| r.iter().map(|&(_, n)| i64::from(n)).sum())
        .collect();
    let n_right: Vec<i64> = left
        .iter()
        .map(|l| l.iter().map(|&(_, n)| i64::from(n)).sum())
        .collect();

    let mut class: Vec<usize> = (0..n_words)
        .map(|w| if w == 0 { 0 } else { 1 + (w - 1) % (c - 1) })
        .collect();
    let mut pair = vec![0i64; c * c];
    let mut cl = vec![0i64; c];
    let mut cr = vec![0i64; c];
    for (v, r) in right.iter().enumerate() {
        for &(w, n) in r {
            pair[class[v] * c + class[w as usize]] += i64::from(n);
        }
        cl[class[v]] += n_left[v];
        cr[class[v]] += n_right[v];
    }
    let xl = XLogX::new(total + 1);
    let mut lw = vec![0i64; c];
    let mut rw = vec![0i64; c];
    let mut touched_l: Vec<usize> = Vec::new();
    let mut touched_r: Vec<usize> = Vec::new();
    for iteration in 0..config.iterations {
        let mut moved = 0usize;
        for w in 1..n_words {
            let a = class[w];
            // Neighbour class counts, without the word's own bigrams with itself.
            let mut own = 0i64;
            for &(v, n) in &left[w] {
                if v as usize == w {
                    own += i64::from(n);
                    continue;
                }
                let k = class[v as usize];
                if lw[k] == 0 {
                    touched_l.push(k);
                }
                lw[k] += i64::from(n);
            }
            for &(v, n) in &right[w] {
                if v as usize == w {
                    continue;
                }
                let k = class[v as usize];
                if rw[k] == 0 {
                    touched_r.push(k);
                }
                rw[k] += i64::from(n);
            }
            // Take the word out of its class.
            for &k in &touched_l {
                pair[k * c + a] -= lw[k];
            }
            for &k in &touched_r {
                pair[a * c + k] -= rw[k];
            }
            pair[a * c + a] -= own;
            cl[a] -= n_left[w];
            cr[a] -= n_right[w];
            // Score every class it could join (class 0 is reserved).
            let mut best = a;
            let mut best_gain = f64::NEG_INFINITY;
            for b in 1..c {
                let mut gain = 0.0;
                for &k in &touched_l {
                    if k != b {
                        let x = pair[k * c + b];
                        gain += xl.f(x + lw[k]) - xl.f(x);
                    }
                }
                for &k in &touched_r {
                    if k != b {
                        let x = pair[b * c + k];
                        gain += xl.f(x + rw[k]) - xl.f(x);
                    }
                }
                let x = pair[b * c + b];
                gain += xl.f(x + lw[b] + rw[b] + own) - xl.f(x);
                gain -= xl.f(cl[b] + n_left[w]) - xl.f(cl[b]);
                gain -= xl.f(cr[b] + n_right[w]) - xl.f(cr[b]);
                if gain > best_gain + 1e-9 || (b == a && gain >= best_gain - 1e-9) {
                    best_gain = gain;
                    best = b;
                }
            }
            // Put it into the best class (its neighbours keep theirs).
            for &k in &touched_l {
                pair[k * c + best] += lw[k];
            }
            for &k in &touched_r {
                pair[best * c + k] += rw[k];
            }
            pair[best * c + best] += own;
            cl[best] += n_left[w];
            cr[best] += n_right[w];
            if best != a {
                moved += 1;
                class[w] = best;
            }
            for &k in &touched_l {
                lw[k] = 0;
            }
            for &k in &touched_r {
                rw[k] = 0;
            }
            touched_l.clear();
            touched_r.clear();
        }
        let mut ll = 0.0;
        for &x in &pair {
            ll += xl.f(x);
        }
        for k in 0..c {
            ll -= xl.f(cl[k]) + xl.f(cr[k]);
        }
        progress(iteration + 1, ll / total as f64);
        if moved == 0 {
            break;
        }
    }
    Clusters::new(
        vocab
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, class[i + 1] as u16))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn induce_groups_words_used_alike() {
        // Two kinds of word in fixed frames: "in X ." and "Mr Y said".
        let (places, people) = ([10u32, 11, 12, 13], [20u32, 21, 22, 23]);
        let mut sents = Vec::new();
        for round in 0..20 {
            for k in 0..4 {
                sents.push(vec![1, 2, places[(k + round) % 4], 3]);
                sents.push(vec![4, people[(k + round) % 4], 5, 6]);
            }
        }
        let config = InduceConfig {
            classes: 6,
            min_count: 1,
            iterations: 10,
        };
        let cl = induce(&sents, &config, |_, _| {});
        // Words of one kind have identical contexts, so splitting them costs
        // nothing; what matters is that no place shares a class with a person.
        for &p in &places {
            for &q in &people {
                assert!(
                    cl.class(p).is_some() && cl.class(p) != cl.class(q),
                    "{p} {q}"
                );
            }
        }
        assert_eq!(cl.class(99), None);
    }

    #[test]
    fn clusters_lookup_by_key() {
        let c = Clusters::new(vec![(5, 1), (3, 2), (5, 9)]);
        assert_eq!(c.class(3), Some(2));
        assert_eq!(c.class(5), Some(1));
        assert_eq!(c.len(), 2);
    }
}
