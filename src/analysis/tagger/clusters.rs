//! Word classes for the tagger, learned without labels from plain text: words
//! that occur in similar contexts (`Pirelli`, `Ericsson`, `Fiat`) share a class,
//! so the tagger can generalise from names it saw in training to names it only
//! saw in the unlabelled text. The classes ship inside the model file, keyed by
//! word hash (no text).

use std::borrow::Cow;

use super::features::IdMap;

/// Bytes of one stored entry: u32 word key, u16 class, little-endian.
pub const RECORD: usize = 6;

/// Word hash → class number, for one clustering.
///
/// The entries are kept in their stored form, `(u32 word key, u16 class)`
/// records sorted by key, and for the shipped model they are borrowed from
/// the model file embedded in the binary rather than copied: a clustering
/// learned from word vectors has a quarter of a million words, and a hash
/// table of them cost 3 MB of memory (and a sort at start-up) per
/// clustering. A look-up reads where the key's bucket of records starts
/// (keys are uniform hashes, so the buckets, by the keys' top bits, hold
/// two to four records each), then scans that bucket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Sorted records, [`RECORD`] bytes each.
    records: Cow<'static, [u8]>,
    /// `starts[b]..starts[b + 1]` are the records whose key's top
    /// `bucket_bits` bits are `b`.
    starts: Vec<u32>,
    bucket_bits: u32,
}

/// Why stored word classes could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSorted;

fn record_key(r: &[u8]) -> u32 {
    u32::from_le_bytes([r[0], r[1], r[2], r[3]])
}

fn record_class(r: &[u8]) -> u16 {
    u16::from_le_bytes([r[4], r[5]])
}

impl Clusters {
    /// Builds the lookup from `(word key, class)` pairs (of a repeated key,
    /// the lowest class wins; key 0 is dropped).
    pub fn new(mut entries: Vec<(u32, u16)>) -> Clusters {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        entries.retain(|e| e.0 != 0);
        let mut records = Vec::with_capacity(entries.len() * RECORD);
        for (k, c) in entries {
            records.extend_from_slice(&k.to_le_bytes());
            records.extend_from_slice(&c.to_le_bytes());
        }
        // Sorted, without repeats or key 0 just above, so this cannot fail.
        Clusters::from_records(Cow::Owned(records)).unwrap_or_default()
    }

    /// The lookup over stored records ([`Clusters::records`]), which must
    /// be whole and sorted by key, without repeats or key 0.
    pub fn from_records(records: Cow<'static, [u8]>) -> Result<Clusters, NotSorted> {
        if !records.len().is_multiple_of(RECORD) {
            return Err(NotSorted);
        }
        let n = records.len() / RECORD;
        // Two to four records a bucket: a short scan, and the bucket starts
        // cost under two bytes a word.
        let bucket_bits = (n / 4).max(1).next_power_of_two().trailing_zeros().min(24);
        let mut starts = vec![0u32; (1 << bucket_bits) + 1];
        let mut last = 0u32;
        for r in records.chunks_exact(RECORD) {
            let k = record_key(r);
            if k <= last {
                return Err(NotSorted);
            }
            last = k;
            starts[bucket(k, bucket_bits) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        Ok(Clusters {
            records,
            starts,
            bucket_bits,
        })
    }

    /// `(word key, class)` records sorted by key: the stored form.
    pub fn records(&self) -> &[u8] {
        &self.records
    }

    /// `(word key, class)` sorted by key.
    pub fn entries(&self) -> Vec<(u32, u16)> {
        self.records
            .chunks_exact(RECORD)
            .map(|r| (record_key(r), record_class(r)))
            .collect()
    }

    /// The class of a word, by its key (see [`word_key`]).
    pub fn class(&self, key: u32) -> Option<u16> {
        self.position(key).map(|at| self.class_at(at))
    }

    /// Where a word's record is, by its key: the same place in every
    /// clustering of the same words ([`Clusters::same_words`]), so that one
    /// look-up serves them all ([`Clusters::class_at`]).
    pub fn position(&self, key: u32) -> Option<usize> {
        let b = bucket(key, self.bucket_bits);
        let (from, to) = (
            *self.starts.get(b)? as usize,
            *self.starts.get(b + 1)? as usize,
        );
        let bytes = self.records.get(from * RECORD..to * RECORD)?;
        for (i, r) in bytes.chunks_exact(RECORD).enumerate() {
            match record_key(r) {
                k if k == key => return Some(from + i),
                k if k > key => return None,
                _ => {}
            }
        }
        None
    }

    /// The class of the record at `at`, a [`Clusters::position`] of this
    /// clustering or of one with the same words.
    pub fn class_at(&self, at: usize) -> u16 {
        self.records
            .get(at * RECORD..(at + 1) * RECORD)
            .map_or(0, record_class)
    }

    /// Whether both clusterings class exactly the same words (the same
    /// vocabulary at two granularities), record for record.
    pub fn same_words(&self, other: &Clusters) -> bool {
        self.len() == other.len()
            && self
                .records
                .chunks_exact(RECORD)
                .zip(other.records.chunks_exact(RECORD))
                .all(|(a, b)| a[..4] == b[..4])
    }

    pub fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The bucket of a key: its top `bits` bits.
fn bucket(key: u32, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        (key >> (32 - bits)) as usize
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
        assert_eq!(c.class(4), None);
        assert_eq!(c.entries(), vec![(3, 2), (5, 1)]);
    }

    #[test]
    fn clusters_find_every_key_of_a_large_table_and_reject_unsorted_records() {
        // Spread keys over all buckets, including the first and the last.
        let entries: Vec<(u32, u16)> = (1..5000u32)
            .map(|i| (i.wrapping_mul(0x9e37_79b1) | 1, (i % 300) as u16))
            .chain([(u32::MAX, 7)])
            .collect();
        let c = Clusters::new(entries.clone());
        for &(k, class) in &entries {
            assert_eq!(c.class(k), Some(class), "{k}");
        }
        assert_eq!(c.class(2), None);
        // The same words at another granularity: one position serves both.
        let coarse = Clusters::new(entries.iter().map(|&(k, class)| (k, class / 10)).collect());
        assert!(coarse.same_words(&c));
        assert!(!coarse.same_words(&Clusters::new(entries[1..].to_vec())));
        for &(k, class) in &entries {
            let at = c.position(k).expect("known word");
            assert_eq!(coarse.class_at(at), class / 10, "{k}");
        }
        let back = Clusters::from_records(Cow::Owned(c.records().to_vec())).expect("sorted");
        assert_eq!(back, c);
        let mut swapped = c.records().to_vec();
        swapped.rotate_left(RECORD);
        assert_eq!(Clusters::from_records(Cow::Owned(swapped)), Err(NotSorted));
        assert_eq!(
            Clusters::from_records(Cow::Borrowed(&[1, 2, 3])),
            Err(NotSorted)
        );
    }
}
