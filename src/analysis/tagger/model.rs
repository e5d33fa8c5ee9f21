//! The tagger's learned weights as shipped: a compact binary file (quantised
//! 8-bit weights keyed by 32-bit feature hashes) and the in-memory table that
//! scores a token's features for every tag.
//!
//! File layout (little-endian):
//! `b"LEDENER1"`, u32 feature version, u32 scheme, u32 tag count T, f32 scale,
//! u32 hook count and each hook name (u32 length + UTF-8), u32 list count and
//! each list name, u32 longest phrase, u32 phrase count P and P × (u32 phrase
//! key, u32 list bit mask), u32 clustering
//! count and each clustering (u32 word count W, then W × (u32 word key, u16 class)), f32 transitions
//! `[(T + 1) * T]`, u32 feature count N, u32 keys `[N]` (written in increasing
//! order), i8 weights `[N * T]`.

use std::borrow::Cow;

use super::clusters::{Clusters, NotSorted, RECORD};
use super::decode::{Decoder, Scheme};
use super::features::FEATURE_VERSION;
use super::features::Lexicon;
use super::lists::Lists;

const MAGIC: &[u8; 8] = b"LEDENER1";

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a model file, or cut short.
    Corrupt(&'static str),
    /// Made by a different feature version than this build extracts.
    FeatureVersion { file: u32, code: u32 },
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::Corrupt(what) => write!(f, "corrupt tagger model: {what}"),
            ModelError::FeatureVersion { file, code } => write!(
                f,
                "tagger model uses feature version {file}, this build extracts version {code}: retrain it"
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// A trained tagger model ready to score tokens.
pub struct Model {
    pub scheme: Scheme,
    /// A decoder with this model's transitions, cloned for each use.
    decoder: Decoder,
    /// Names of the feature hooks the model was trained with.
    pub hooks: Vec<String>,
    /// Word classes and name lists the features consult.
    pub lexicon: Lexicon,
    /// Real weight = quantised weight × scale.
    scale: f32,
    /// `trans[(prev + 1) * T + cur]`, row 0 from the sentence start.
    pub trans: Vec<f32>,
    /// Open-addressing table of feature keys (0 = empty slot); slot `s` owns
    /// `slot_weights[s * T..(s + 1) * T]`, so a hit costs one more cache line.
    slot_keys: Vec<u32>,
    slot_weights: Vec<i8>,
    mask: usize,
    /// Features with weights.
    len: usize,
}

/// Keys are already well-mixed hashes, so their low bits pick the slot.
fn table_slot(key: u32, mask: usize) -> usize {
    key as usize & mask
}

impl Model {
    /// Builds a model from real-valued weights: `features` is `(key, weights[T])`.
    /// Keys must be unique and non-zero.
    pub fn from_weights(
        scheme: Scheme,
        hooks: Vec<String>,
        lexicon: Lexicon,
        trans: Vec<f32>,
        features: &[(u32, &[f32])],
    ) -> Model {
        let t = scheme.n_tags();
        let max = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i8::MAX)
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(features.len());
        let mut weights = Vec::with_capacity(features.len() * t);
        for (k, w) in features {
            keys.push(*k);
            weights.extend(w.iter().map(|&x| (x / scale).round() as i8));
        }
        Model::assemble(scheme, hooks, lexicon, scale, trans, keys, weights)
    }

    fn assemble(
        scheme: Scheme,
        hooks: Vec<String>,
        lexicon: Lexicon,
        scale: f32,
        trans: Vec<f32>,
        keys: Vec<u32>,
        weights: Vec<i8>,
    ) -> Model {
        let t = scheme.n_tags();
        // Load factor between 0.25 and 0.5: a miss probes until an empty slot,
        // at 0.66 about five probes, at 0.33 under two. Nine in ten features
        // of the words the tagger scores are in the model (BBC news), but
        // neither a fuller table (keys in 1 MiB) nor keys and weights in one
        // 16-byte slot measured faster (2026-12-05).
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slot_keys = vec![0u32; cap];
        let mut slot_weights = vec![0i8; cap * t];
        let mut len = 0;
        for (row, &k) in keys.iter().enumerate() {
            let mut s = table_slot(k, mask);
            while slot_keys[s] != 0 && slot_keys[s] != k {
                s = (s + 1) & mask;
            }
            len += usize::from(slot_keys[s] == 0);
            slot_keys[s] = k;
            slot_weights[s * t..(s + 1) * t].copy_from_slice(&weights[row * t..(row + 1) * t]);
        }
        let mut decoder = Decoder::new(scheme);
        decoder.set_transitions(&trans);
        Model {
            decoder,
            scheme,
            hooks,
            lexicon,
            scale,
            trans,
            slot_keys,
            slot_weights,
            mask,
            len,
        }
    }

    pub fn n_tags(&self) -> usize {
        self.scheme.n_tags()
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.len
    }

    /// A Viterbi decoder with this model's transition scores.
    pub fn decoder(&self) -> Decoder {
        self.decoder.clone()
    }

    fn slot(&self, key: u32) -> Option<usize> {
        let mut s = table_slot(key, self.mask);
        loop {
            let k = self.slot_keys[s];
            if k == key {
                return Some(s);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the scores of one token's features to `out` (length T).
    pub fn emissions(&self, feats: &[u32], out: &mut [f32]) {
        let t = self.n_tags();
        let mut acc = [0i32; 32];
        let acc = &mut acc[..t];
        for &f in feats {
            if let Some(s) = self.slot(f) {
                for (a, &w) in acc.iter_mut().zip(&self.slot_weights[s * t..s * t + t]) {
                    *a += i32::from(w);
                }
            }
        }
        for (o, &a) in out.iter_mut().zip(acc.iter()) {
            *o = a as f32 * self.scale;
        }
    }

    /// The features and their weights, sorted by key (the stored order),
    /// read back from the table: no second copy is kept for writing.
    fn features(&self) -> Vec<(u32, &[i8])> {
        let t = self.n_tags();
        let mut features: Vec<(u32, &[i8])> = self
            .slot_keys
            .iter()
            .zip(self.slot_weights.chunks_exact(t))
            .filter(|&(&k, _)| k != 0)
            .map(|(&k, w)| (k, w))
            .collect();
        features.sort_unstable_by_key(|&(k, _)| k);
        features
    }

    /// Serialises the model (see the module documentation for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(64 + self.len * (4 + self.n_tags()));
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        b.extend_from_slice(&self.scheme.code().to_le_bytes());
        b.extend_from_slice(&(self.n_tags() as u32).to_le_bytes());
        b.extend_from_slice(&self.scale.to_le_bytes());
        b.extend_from_slice(&(self.hooks.len() as u32).to_le_bytes());
        for h in &self.hooks {
            b.extend_from_slice(&(h.len() as u32).to_le_bytes());
            b.extend_from_slice(h.as_bytes());
        }
        let lists = &self.lexicon.lists;
        b.extend_from_slice(&(lists.names.len() as u32).to_le_bytes());
        for name in &lists.names {
            b.extend_from_slice(&(name.len() as u32).to_le_bytes());
            b.extend_from_slice(name.as_bytes());
        }
        b.extend_from_slice(&(lists.max_len as u32).to_le_bytes());
        b.extend_from_slice(&(lists.entries.len() as u32).to_le_bytes());
        for &(k, mask) in &lists.entries {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&mask.to_le_bytes());
        }
        b.extend_from_slice(&(self.lexicon.clusters.len() as u32).to_le_bytes());
        for c in &self.lexicon.clusters {
            b.extend_from_slice(&(c.len() as u32).to_le_bytes());
            b.extend_from_slice(c.records());
        }
        for &x in &self.trans {
            b.extend_from_slice(&x.to_le_bytes());
        }
        let features = self.features();
        b.extend_from_slice(&(features.len() as u32).to_le_bytes());
        for &(k, _) in &features {
            b.extend_from_slice(&k.to_le_bytes());
        }
        for &(_, weights) in &features {
            b.extend(weights.iter().map(|&w| w as u8));
        }
        b
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::read(bytes, |records| Cow::Owned(records.to_vec()))
    }

    /// [`Model::from_bytes`] for a model that lives as long as the program
    /// (the one embedded in the binary): its word classes, most of the file,
    /// are read where they are instead of copied.
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::read(bytes, Cow::Borrowed)
    }

    /// Reads a model; `keep` keeps each clustering's stored records.
    fn read<'a>(
        bytes: &'a [u8],
        keep: impl Fn(&'a [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Corrupt("bad magic"));
        }
        let version = r.u32()?;
        if version != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion {
                file: version,
                code: FEATURE_VERSION,
            });
        }
        let scheme = Scheme::from_code(r.u32()?).ok_or(ModelError::Corrupt("unknown scheme"))?;
        let t = r.u32()? as usize;
        if t != scheme.n_tags() {
            return Err(ModelError::Corrupt("tag count does not match scheme"));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let n_hooks = r.u32()? as usize;
        let mut hooks = Vec::with_capacity(n_hooks.min(64));
        for _ in 0..n_hooks {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError::Corrupt("hook name is not UTF-8"))?;
            hooks.push(name.to_string());
        }
        let n_lists = r.u32()? as usize;
        let mut list_names = Vec::with_capacity(n_lists.min(32));
        for _ in 0..n_lists {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError::Corrupt("list name is not UTF-8"))?;
            list_names.push(name.to_string());
        }
        let max_len = r.u32()? as usize;
        let n_phrases = r.u32()? as usize;
        let phrases = r
            .take(
                n_phrases
                    .checked_mul(8)
                    .ok_or(ModelError::Corrupt("size"))?,
            )?
            .chunks_exact(8)
            .map(|e| {
                (
                    u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
                    u32::from_le_bytes([e[4], e[5], e[6], e[7]]),
                )
            })
            .collect();
        let lists = Lists::from_parts(list_names, phrases, max_len);
        let n_clusterings = r.u32()? as usize;
        let mut clusters = Vec::with_capacity(n_clusterings.min(16));
        for _ in 0..n_clusterings {
            let w = r.u32()? as usize;
            let records = r.take(w.checked_mul(RECORD).ok_or(ModelError::Corrupt("size"))?)?;
            clusters.push(
                Clusters::from_records(keep(records))
                    .map_err(|NotSorted| ModelError::Corrupt("word classes not sorted"))?,
            );
        }
        let trans = r
            .take((t + 1) * t * 4)?
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let n = r.u32()? as usize;
        let keys: Vec<u32> = r
            .take(n.checked_mul(4).ok_or(ModelError::Corrupt("size"))?)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if keys.contains(&0) {
            return Err(ModelError::Corrupt("zero feature key"));
        }
        let weights = r
            .take(n.checked_mul(t).ok_or(ModelError::Corrupt("size"))?)?
            .iter()
            .map(|&b| b as i8)
            .collect();
        if r.pos != bytes.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model::assemble(
            scheme,
            hooks,
            Lexicon::new(clusters, lists),
            scale,
            trans,
            keys,
            weights,
        ))
    }
}

/// A cursor over the model bytes that fails instead of panicking.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Corrupt("size"))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or(ModelError::Corrupt("truncated"))?;
        self.pos = end;
        Ok(s)
    }

    fn array(&mut self) -> Result<[u8; 4], ModelError> {
        let s = self.take(4)?;
        Ok([s[0], s[1], s[2], s[3]])
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let s = Scheme::Bio;
        let t = s.n_tags();
        let trans: Vec<f32> = (0..(t + 1) * t).map(|i| i as f32 * 0.25).collect();
        let w1: Vec<f32> = (0..t).map(|i| i as f32 - 3.0).collect();
        let w2: Vec<f32> = (0..t).map(|i| (i * i) as f32 * 0.5).collect();
        let lexicon = Lexicon::new(
            vec![Clusters::new(vec![(42, 3), (17, 0)])],
            Lists::build(&[("places".into(), vec!["Paris".into(), "New York".into()])]),
        );
        Model::from_weights(
            s,
            vec!["gaz".into()],
            lexicon,
            trans,
            &[(7, &w1), (123_456, &w2)],
        )
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let m = tiny();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("loads");
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.hooks, ["gaz"]);
        assert_eq!(back.lexicon, m.lexicon);
        assert_eq!(back.n_features(), 2);
        let t = m.n_tags();
        let (mut a, mut b) = (vec![0.0; t], vec![0.0; t]);
        m.emissions(&[7, 123_456, 99], &mut a);
        back.emissions(&[7, 123_456, 99], &mut b);
        assert_eq!(a, b);
        // Quantisation keeps weights close: tag 2 = (2 - 3) + 2 = 1.
        assert!((a[2] - 1.0).abs() < 0.01, "{a:?}");
    }

    #[test]
    fn model_rejects_damaged_files() {
        let bytes = tiny().to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"not a model").is_err());
        let mut other = bytes.clone();
        other[8] ^= 0xff;
        assert!(matches!(
            Model::from_bytes(&other),
            Err(ModelError::FeatureVersion { .. })
        ));
    }
}
