//! Feature extraction for the named-entity tagger: turns the tokens of one
//! document into, for every token, a list of 32-bit feature keys (hashes of
//! feature strings such as "word=paris" or "shape[-1]=Xx"). Training and
//! tagging use exactly this code, so a model only ever sees keys made here.
//!
//! Features are never built as strings: every token's parts (lower-cased word,
//! shapes, affixes) are hashed once, and a feature key mixes a template number
//! with those hashes. That keeps extraction allocation-free and fast.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::clusters::{Clusters, word_key};
use super::lists::Lists;

/// What the features consult besides the tokens, stored in the model file:
/// word classes learned from unlabelled text and name lists. Made by
/// [`Lexicon::new`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub clusters: Vec<Clusters>,
    pub lists: Lists,
    /// `same_words[i]`: clustering `i` classes exactly the words of
    /// clustering `i - 1` (one vocabulary at two granularities), so a word's
    /// position found in one is its position in the other.
    same_words: Vec<bool>,
}

impl Lexicon {
    pub fn new(clusters: Vec<Clusters>, lists: Lists) -> Lexicon {
        let same_words = (0..clusters.len())
            .map(|i| i > 0 && clusters[i].same_words(&clusters[i - 1]))
            .collect();
        Lexicon {
            clusters,
            lists,
            same_words,
        }
    }

    /// Whether clustering `i` has the words of clustering `i - 1`, in the same places.
    fn shares_words(&self, i: usize) -> bool {
        i > 0
            && self.same_words.get(i).copied().unwrap_or(false)
            && self.clusters[i].len() == self.clusters[i - 1].len()
    }
}

/// Bumped whenever the feature templates change, and stored in the model file,
/// so that a model is never used with features it was not trained on.
pub const FEATURE_VERSION: u32 = 3;

/// Extra per-token features from outside the tagger, such as gazetteer hits.
///
/// A hook is part of the model: a model trained with hooks records their
/// names and must be used with the same hooks (see [`super::model::Model`]).
pub trait FeatureHook: Send + Sync {
    /// Stable name, stored in the model file.
    fn name(&self) -> &str;
    /// Calls `emit(token_index, feature)` for every feature of the tokens of one
    /// sentence, e.g. `emit(3, "gaz=LOC-begin")`.
    fn features(&self, sentence: &[&str], emit: &mut dyn FnMut(usize, &str));
}

// ---------------------------------------------------------------- hashing

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Final avalanche (splitmix64), so that nearby inputs give unrelated keys.
fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// Hashes `c` lower-cased, with ASCII digits folded to `0`.
fn fnv_lower(h: u64, c: char) -> u64 {
    if c.is_ascii() {
        let b = if c.is_ascii_digit() {
            b'0'
        } else {
            c.to_ascii_lowercase() as u8
        };
        fnv_byte(h, b)
    } else {
        c.to_lowercase().fold(h, fnv_char)
    }
}

fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

/// Hashes a string (for hook features and fixed markers).
pub fn hash_str(s: &str) -> u64 {
    finish(s.bytes().fold(FNV_OFFSET, fnv_byte))
}

/// Combines two hashes, order-sensitive.
fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(21) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The 32-bit key of feature template `template` with value hash `value`.
/// Zero is reserved for "empty slot" in the model's table, so it is never a key.
fn key(template: u8, value: u64) -> u32 {
    let h = mix(u64::from(template) + 1, value);
    let k = (h >> 32) as u32 ^ h as u32;
    if k == 0 { 1 } else { k }
}

/// A cheap hasher for integer keys (most already good hashes): one multiply.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_byte(self.0 ^ FNV_OFFSET, b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Fold the high half in: keys such as `a << 32 | b` must spread too.
        self.0 = (n ^ (n >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A `HashMap` keyed by pre-hashed integers (deterministic, no SipHash cost).
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

// ---------------------------------------------------------------- tokens

/// How a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No letters at all (numbers, punctuation).
    None,
    /// All letters lower-case.
    Lower,
    /// First letter upper-case, some later letter lower-case (`Paris`, `McDonald`).
    Title,
    /// Every letter upper-case, at least one letter (`NATO`, `PARIS`, `A`).
    Upper,
    /// Anything else (`iPhone`).
    Mixed,
}

impl Case {
    /// The case of a word from its letter counts and whether it starts upper-case.
    fn of(letters: usize, upper: usize, lowers: usize, first_upper: bool) -> Case {
        if letters == 0 {
            Case::None
        } else if upper == letters {
            Case::Upper
        } else if lowers == letters {
            Case::Lower
        } else if first_upper {
            Case::Title
        } else {
            Case::Mixed
        }
    }
}

/// Everything about one token that features need, hashed once.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    /// Lower-cased word with digits folded to `0`.
    pub lower: u64,
    /// Word shape: `Paris` → `Xxxxx`, `1996-08-22` → `dddd-dd-dd` (capped length).
    pub shape: u64,
    /// Shape with runs collapsed: `Xx`, `d-d-d`.
    pub short_shape: u64,
    pub case: Case,
    pub has_digit: bool,
    pub has_hyphen: bool,
    pub has_dot: bool,
    pub chars: usize,
}

const SHAPE_MAX: usize = 8;

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

impl TokenInfo {
    /// Hashes the parts of `word`.
    pub fn new(word: &str) -> TokenInfo {
        if word.is_ascii() {
            TokenInfo::new_ascii(word.as_bytes())
        } else {
            TokenInfo::new_chars(word)
        }
    }

    /// [`TokenInfo::new`] for any word, character by character.
    fn new_chars(word: &str) -> TokenInfo {
        let mut lower = FNV_OFFSET;
        let (mut shape, mut short_shape) = (FNV_OFFSET, FNV_OFFSET);
        let (mut upper, mut lowers, mut letters) = (0usize, 0usize, 0usize);
        let mut first_upper = false;
        let (mut has_digit, mut has_hyphen, mut has_dot) = (false, false, false);
        let mut last_class = '\0';
        let mut n = 0;
        for c in word.chars() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                    if letters == 1 {
                        first_upper = true;
                    }
                } else {
                    lowers += 1;
                }
            }
            has_digit |= c.is_numeric();
            has_hyphen |= c == '-';
            has_dot |= c == '.';
            lower = fnv_lower(lower, c);
            let class = shape_class(c);
            if n < SHAPE_MAX {
                shape = fnv_char(shape, class);
            }
            if class != last_class {
                short_shape = fnv_char(short_shape, class);
                last_class = class;
            }
            n += 1;
        }
        if n > SHAPE_MAX {
            shape = fnv_char(shape, '+');
        }
        let case = Case::of(letters, upper, lowers, first_upper);
        TokenInfo {
            lower: finish(lower),
            shape: finish(shape),
            short_shape: finish(short_shape),
            case,
            has_digit,
            has_hyphen,
            has_dot,
            chars: n,
        }
    }

    /// [`TokenInfo::new`] for ASCII words (nearly all of them), byte by byte.
    /// It must give exactly the same hashes: for an ASCII character the
    /// character classes are the ASCII ones, and its UTF-8 encoding is one byte.
    fn new_ascii(word: &[u8]) -> TokenInfo {
        let mut lower = FNV_OFFSET;
        let (mut shape, mut short_shape) = (FNV_OFFSET, FNV_OFFSET);
        let (mut upper, mut lowers, mut letters) = (0usize, 0usize, 0usize);
        let mut first_upper = false;
        let (mut has_digit, mut has_hyphen, mut has_dot) = (false, false, false);
        let mut last_class = 0u8;
        for (n, &c) in word.iter().enumerate() {
            let (class, folded) = match c {
                b'A'..=b'Z' => {
                    letters += 1;
                    upper += 1;
                    first_upper |= letters == 1;
                    (b'X', c.to_ascii_lowercase())
                }
                b'a'..=b'z' => {
                    letters += 1;
                    lowers += 1;
                    (b'x', c)
                }
                b'0'..=b'9' => {
                    has_digit = true;
                    (b'd', b'0')
                }
                _ => {
                    has_hyphen |= c == b'-';
                    has_dot |= c == b'.';
                    (c, c)
                }
            };
            lower = fnv_byte(lower, folded);
            if n < SHAPE_MAX {
                shape = fnv_byte(shape, class);
            }
            if class != last_class {
                short_shape = fnv_byte(short_shape, class);
                last_class = class;
            }
        }
        let n = word.len();
        if n > SHAPE_MAX {
            shape = fnv_char(shape, '+');
        }
        let case = Case::of(letters, upper, lowers, first_upper);
        TokenInfo {
            lower: finish(lower),
            shape: finish(shape),
            short_shape: finish(short_shape),
            case,
            has_digit,
            has_hyphen,
            has_dot,
            chars: n,
        }
    }
}

/// Hashes of the lower-cased prefixes and suffixes of 1..=4 characters of a
/// word (0 where the word is shorter). Computed only for tokens that get features.
pub(crate) fn affixes(word: &str) -> ([u64; 4], [u64; 4]) {
    let (mut prefix, mut suffix) = ([0u64; 4], [0u64; 4]);
    let mut h = FNV_OFFSET;
    for (k, c) in word.chars().take(4).enumerate() {
        h = fnv_lower(h, c);
        prefix[k] = finish(h ^ 0x5052);
    }
    let mut h = FNV_OFFSET;
    for (k, c) in word.chars().rev().take(4).enumerate() {
        h = fnv_lower(h, c);
        suffix[k] = finish(h ^ 0x5355);
    }
    (prefix, suffix)
}

// ---------------------------------------------------------------- document context

/// How a word is written across a document, counting only positions where
/// case carries meaning (not sentence-initial, not inside an all-caps line).
#[derive(Debug, Clone, Copy, Default)]
struct CaseStats {
    title: u16,
    lower: u16,
    upper: u16,
}

/// Document-level facts the features consult: how each word is cased where
/// case is informative, and which sentences are all-caps headlines.
pub(crate) struct DocContext {
    stats: IdMap<u64, CaseStats>,
    caps_sentence: Vec<bool>,
}

/// True when a sentence is written in capitals (a headline such as
/// `SOCCER - JAPAN GET LUCKY WIN`): its case says nothing about names.
fn is_caps_sentence(infos: &[TokenInfo]) -> bool {
    let (mut upper, mut other) = (0, 0);
    for t in infos {
        match t.case {
            Case::Upper if t.chars > 1 => upper += 1,
            Case::Lower | Case::Title | Case::Mixed => other += 1,
            _ => {}
        }
    }
    upper >= 2 && upper > 3 * other
}

impl DocContext {
    pub fn new(doc: &[Vec<TokenInfo>]) -> DocContext {
        let mut stats: IdMap<u64, CaseStats> = IdMap::default();
        let caps_sentence: Vec<bool> = doc.iter().map(|s| is_caps_sentence(s)).collect();
        for (sent, &caps) in doc.iter().zip(&caps_sentence) {
            if caps {
                continue;
            }
            for t in sent.iter().skip(1) {
                let s = stats.entry(t.lower).or_default();
                match t.case {
                    Case::Title | Case::Mixed => s.title = s.title.saturating_add(1),
                    Case::Lower => s.lower = s.lower.saturating_add(1),
                    Case::Upper => s.upper = s.upper.saturating_add(1),
                    Case::None => {}
                }
            }
        }
        DocContext {
            stats,
            caps_sentence,
        }
    }
}

// ---------------------------------------------------------------- templates

/// Feature templates. Each value is mixed into the key, so templates never clash.
mod t {
    pub const BIAS: u8 = 0;
    pub const WORD: u8 = 1;
    pub const WORD_M1: u8 = 2;
    pub const WORD_P1: u8 = 3;
    pub const WORD_M2: u8 = 4;
    pub const WORD_P2: u8 = 5;
    pub const SHAPE: u8 = 6;
    pub const SSHAPE: u8 = 7;
    pub const SSHAPE_M1: u8 = 8;
    pub const SSHAPE_P1: u8 = 9;
    pub const SSHAPE_M2: u8 = 10;
    pub const SSHAPE_P2: u8 = 11;
    pub const PREFIX: u8 = 12; // ..=15
    pub const SUFFIX: u8 = 16; // ..=19
    pub const BIGRAM_M1: u8 = 20;
    pub const BIGRAM_P1: u8 = 21;
    pub const SHAPE_TRI: u8 = 22;
    pub const INITIAL: u8 = 23;
    pub const DOC_CASE: u8 = 24;
    pub const CAPS_LINE: u8 = 25;
    pub const WORD_M1_SHAPE: u8 = 26;
    pub const SHAPE_WORD_P1: u8 = 27;
    pub const FLAGS: u8 = 28;
    pub const LENGTH: u8 = 29;
    pub const WORD_CASE: u8 = 30;
    pub const HOOK: u8 = 31;
    /// Word class of the token, then of its left and right neighbours (per clustering).
    pub const CLUSTER: u8 = 32;
    pub const CLUSTER_M1: u8 = 33;
    pub const CLUSTER_P1: u8 = 34;
    pub const CLUSTER_CASE: u8 = 35;
    /// Name-list phrase: list number and part (single, first, inside, last).
    pub const LIST: u8 = 36;
}

/// The per-token feature keys of one sentence, flat: token `i` owns
/// `keys[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default, Clone)]
pub struct SentenceFeatures {
    pub keys: Vec<u32>,
    pub offsets: Vec<usize>,
    /// Whether token `i` may be part of a name (see [`may_be_in_name`]); only
    /// those tokens get features when extraction skips the others.
    pub candidate: Vec<bool>,
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, i: usize) -> &[u32] {
        &self.keys[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Which tokens of a sentence may be part of a name.
///
/// Names are written with capitals, so a token qualifies when it is
/// capitalised, when it sits between capitalised tokens no more than two
/// away on each side (`Bank of England`, `Bank of the West`), or when it is a
/// number or symbol next to a capitalised token (`Euro 96`, `Boatmen 's`).
/// On CoNLL-2003 train and dev this keeps about 35% of the tokens and all
/// but 0.3% of the names; the tagger skips the rest, which is most of its speed.
pub fn may_be_in_name(sent: &[TokenInfo], out: &mut Vec<bool>) {
    let cap = |j: isize| {
        j >= 0
            && sent
                .get(j as usize)
                .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper | Case::Mixed))
    };
    out.clear();
    out.extend(sent.iter().enumerate().map(|(i, t)| {
        let i = i as isize;
        cap(i)
            || ((cap(i - 1) || cap(i - 2)) && (cap(i + 1) || cap(i + 2)))
            || (t.case == Case::None && (cap(i - 1) || cap(i + 1)))
    }));
}

const PAD_BEFORE: u64 = 0x0b0f_5e17_ce00_0001;
const PAD_AFTER: u64 = 0x0e0f_5e17_ce00_0002;

fn case_code(c: Case) -> u64 {
    match c {
        Case::None => 0,
        Case::Lower => 1,
        Case::Title => 2,
        Case::Upper => 3,
        Case::Mixed => 4,
    }
}

/// Extracts the features of every sentence of one document.
///
/// # Algorithm
/// First every token is hashed once ([`TokenInfo`]); then the document's case
/// statistics are gathered ([`DocContext`]); then each token gets local
/// features (its word, shape, affixes, the words and shapes two to each side)
/// and document features: whether the word is written capitalised or in lower
/// case elsewhere in the document where case is informative. In an all-caps
/// headline the token's own shape is useless, so it is replaced by the shape
/// of the way the document otherwise writes the word (or an "unknown" marker).
pub fn document_features(
    sentences: &[Vec<&str>],
    lexicon: &Lexicon,
    hooks: &[&dyn FeatureHook],
) -> Vec<SentenceFeatures> {
    let mut doc = DocumentFeatures::new(sentences, lexicon, hooks);
    (0..sentences.len())
        .map(|si| {
            let mut out = SentenceFeatures::default();
            doc.sentence(si, &mut out);
            out
        })
        .collect()
}

/// A document prepared for feature extraction (tokens hashed, document
/// context gathered); [`DocumentFeatures::sentence`] then extracts one
/// sentence at a time into a reused buffer. See [`document_features`].
pub struct DocumentFeatures<'a> {
    sentences: &'a [Vec<&'a str>],
    infos: Vec<Vec<TokenInfo>>,
    ctx: DocContext,
    lexicon: &'a Lexicon,
    hooks: &'a [&'a dyn FeatureHook],
    /// Scratch: each token's record in the last clustering looked up, word
    /// classes per clustering (padded), effective shapes, extra features
    /// (name lists and hooks) per token.
    positions: Vec<Option<usize>>,
    classes: Vec<Vec<u64>>,
    shapes: Vec<(u64, u64)>,
    extra: Vec<Vec<u32>>,
    starts: Vec<bool>,
    /// Extract features only for tokens that [`may_be_in_name`].
    skip_unlikely: bool,
}

impl<'a> DocumentFeatures<'a> {
    pub fn new(
        sentences: &'a [Vec<&'a str>],
        lexicon: &'a Lexicon,
        hooks: &'a [&'a dyn FeatureHook],
    ) -> DocumentFeatures<'a> {
        let infos: Vec<Vec<TokenInfo>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| TokenInfo::new(w)).collect())
            .collect();
        let ctx = DocContext::new(&infos);
        DocumentFeatures {
            sentences,
            infos,
            ctx,
            lexicon,
            hooks,
            positions: Vec::new(),
            classes: vec![Vec::new(); lexicon.clusters.len()],
            shapes: Vec::new(),
            extra: Vec::new(),
            starts: Vec::new(),
            skip_unlikely: false,
        }
    }

    /// Extract features only for tokens that [`may_be_in_name`] (tagging);
    /// by default every token gets features (training).
    pub fn skipping_unlikely(mut self) -> Self {
        self.skip_unlikely = true;
        self
    }

    /// Extracts the features of sentence `si` into `out` (cleared first).
    pub fn sentence(&mut self, si: usize, out: &mut SentenceFeatures) {
        let sent = &self.infos[si];
        let caps_line = self.ctx.caps_sentence[si];
        may_be_in_name(sent, &mut out.candidate);
        if !self.skip_unlikely {
            out.candidate.iter_mut().for_each(|c| *c = true);
        }
        // Word classes are read only for candidates and their two neighbours;
        // the look-ups (a cache miss each) are skipped for the other tokens.
        let candidate = &out.candidate;
        let needed = |j: usize| {
            candidate[j]
                || j > 0 && candidate[j - 1]
                || candidate.get(j + 1).copied().unwrap_or(false)
        };
        // A clustering with the words of the one before reuses its positions.
        for (ci, (cl, classes)) in self
            .lexicon
            .clusters
            .iter()
            .zip(&mut self.classes)
            .enumerate()
        {
            if !self.lexicon.shares_words(ci) {
                self.positions.clear();
                self.positions.extend(
                    sent.iter()
                        .enumerate()
                        .map(|(j, t)| needed(j).then(|| cl.position(word_key(t.lower))).flatten()),
                );
            }
            classes.clear();
            classes.push(NO_CLASS + 1);
            classes.extend(
                self.positions
                    .iter()
                    .map(|p| p.map_or(NO_CLASS, |at| u64::from(cl.class_at(at)))),
            );
            classes.push(NO_CLASS + 2);
        }
        self.shapes.clear();
        self.shapes.extend(
            sent.iter()
                .map(|t| effective_shapes(t, caps_line, &self.ctx)),
        );
        // Extra features: name-list phrases starting at capitalised tokens, then hooks.
        // Only this sentence's slots are read: clearing every slot the longest
        // sentence so far needed would cost each later sentence that many steps.
        self.extra.iter_mut().take(sent.len()).for_each(Vec::clear);
        if self.extra.len() < sent.len() {
            self.extra.resize(sent.len(), Vec::new());
        }
        let extra = &mut self.extra;
        self.starts.clear();
        self.starts.extend(
            sent.iter()
                .map(|t| matches!(t.case, Case::Title | Case::Upper | Case::Mixed)),
        );
        self.lexicon
            .lists
            .matches(sent, &self.starts, |i, list, part| {
                extra[i].push(key(t::LIST, (list as u64) << 2 | u64::from(part)));
            });
        for hook in self.hooks {
            let name = hash_str(hook.name());
            hook.features(&self.sentences[si], &mut |i, f| {
                if let Some(v) = extra.get_mut(i) {
                    v.push(key(t::HOOK, mix(name, hash_str(f))));
                }
            });
        }
        let c = Context {
            words: &self.sentences[si],
            caps_line,
            doc: &self.ctx,
            classes: &self.classes,
            shapes: &self.shapes,
            extra: &self.extra,
        };
        sentence_features(sent, &c, out);
    }
}

/// The shape hashes to use for a token: its own, or in a caps line the shape
/// of its usual casing in the document.
fn effective_shapes(t: &TokenInfo, caps_line: bool, ctx: &DocContext) -> (u64, u64) {
    if !caps_line || t.case != Case::Upper {
        return (t.shape, t.short_shape);
    }
    match ctx.stats.get(&t.lower) {
        Some(s) if s.title >= s.lower.max(s.upper) && s.title > 0 => {
            (mix(t.shape, 0x7171), hash_str("Xx"))
        }
        Some(s) if s.lower > s.upper && s.lower > 0 => (mix(t.shape, 0x7272), hash_str("x")),
        Some(s) if s.upper > 0 => (t.shape, t.short_shape),
        _ => (mix(t.shape, 0x7373), hash_str("X?")),
    }
}

/// What a sentence's features depend on besides its tokens.
struct Context<'a> {
    words: &'a [&'a str],
    caps_line: bool,
    doc: &'a DocContext,
    /// Per clustering: the class of each token, padded by one on each side.
    classes: &'a [Vec<u64>],
    /// Effective (shape, short shape) of each token.
    shapes: &'a [(u64, u64)],
    /// Ready-made extra feature keys of each token (name lists, hooks).
    extra: &'a [Vec<u32>],
}

/// Value hash for "no class" and for positions past the sentence ends.
const NO_CLASS: u64 = 0xffff;

fn sentence_features(sent: &[TokenInfo], c: &Context<'_>, out: &mut SentenceFeatures) {
    let (caps_line, ctx, classes, shapes, extra) =
        (c.caps_line, c.doc, c.classes, c.shapes, c.extra);
    let n = sent.len();
    let word = |i: isize| -> u64 {
        if i < 0 {
            PAD_BEFORE
        } else {
            sent.get(i as usize).map_or(PAD_AFTER, |t| t.lower)
        }
    };
    let sshape = |i: isize| -> u64 {
        if i < 0 {
            PAD_BEFORE
        } else {
            shapes.get(i as usize).map_or(PAD_AFTER, |s| s.1)
        }
    };
    out.keys.clear();
    out.keys.reserve(n * 48);
    out.offsets.clear();
    out.offsets.push(0);
    for (i, t) in sent.iter().enumerate() {
        if !out.candidate[i] {
            out.offsets.push(out.keys.len());
            continue;
        }
        let k = &mut out.keys;
        let ii = i as isize;
        let (shape, ss) = shapes[i];
        let case = if caps_line && t.case == Case::Upper {
            9
        } else {
            case_code(t.case)
        };
        k.push(key(t::BIAS, 0));
        k.push(key(t::WORD, t.lower));
        k.push(key(t::WORD_CASE, mix(t.lower, case)));
        k.push(key(t::WORD_M1, word(ii - 1)));
        k.push(key(t::WORD_P1, word(ii + 1)));
        k.push(key(t::WORD_M2, word(ii - 2)));
        k.push(key(t::WORD_P2, word(ii + 2)));
        k.push(key(t::SHAPE, shape));
        k.push(key(t::SSHAPE, ss));
        k.push(key(t::SSHAPE_M1, sshape(ii - 1)));
        k.push(key(t::SSHAPE_P1, sshape(ii + 1)));
        k.push(key(t::SSHAPE_M2, sshape(ii - 2)));
        k.push(key(t::SSHAPE_P2, sshape(ii + 2)));
        let (prefix, suffix) = affixes(c.words[i]);
        for j in 0..4 {
            if t.chars > j + 1 {
                k.push(key(t::PREFIX + j as u8, prefix[j]));
                k.push(key(t::SUFFIX + j as u8, suffix[j]));
            }
        }
        k.push(key(t::BIGRAM_M1, mix(word(ii - 1), t.lower)));
        k.push(key(t::BIGRAM_P1, mix(t.lower, word(ii + 1))));
        k.push(key(
            t::SHAPE_TRI,
            mix(mix(sshape(ii - 1), ss), sshape(ii + 1)),
        ));
        k.push(key(t::WORD_M1_SHAPE, mix(word(ii - 1), ss)));
        k.push(key(t::SHAPE_WORD_P1, mix(ss, word(ii + 1))));
        if i == 0 {
            k.push(key(t::INITIAL, ss));
        }
        if caps_line {
            k.push(key(t::CAPS_LINE, ss));
        }
        // How the document writes this word where case is informative.
        let doc_case = match ctx.stats.get(&t.lower) {
            Some(s) => {
                u64::from(s.title > 0) | u64::from(s.lower > 0) << 1 | u64::from(s.upper > 0) << 2
            }
            None => 8,
        };
        k.push(key(t::DOC_CASE, mix(doc_case, case)));
        let flags = u64::from(t.has_digit)
            | u64::from(t.has_hyphen) << 1
            | u64::from(t.has_dot) << 2
            | case << 3;
        k.push(key(t::FLAGS, flags));
        k.push(key(t::LENGTH, t.chars.min(12) as u64));
        for (ci, cls) in classes.iter().enumerate() {
            let tag = (ci as u64) << 20;
            k.push(key(t::CLUSTER, tag | cls[i + 1]));
            k.push(key(t::CLUSTER_M1, tag | cls[i]));
            k.push(key(t::CLUSTER_P1, tag | cls[i + 2]));
            k.push(key(t::CLUSTER_CASE, tag | cls[i + 1] << 4 | case));
        }
        if let Some(e) = extra.get(i) {
            k.extend_from_slice(e);
        }
        out.offsets.push(out.keys.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn token_info_ascii_path_hashes_like_the_general_one(word in "[ -~]{0,14}") {
            let (a, b) = (TokenInfo::new_ascii(word.as_bytes()), TokenInfo::new_chars(&word));
            proptest::prop_assert_eq!(
                (a.lower, a.shape, a.short_shape, a.case, a.has_digit, a.has_hyphen, a.has_dot, a.chars),
                (b.lower, b.shape, b.short_shape, b.case, b.has_digit, b.has_hyphen, b.has_dot, b.chars)
            );
        }
    }

    #[test]
    fn token_info_classifies_case_and_shape() {
        let paris = TokenInfo::new("Paris");
        assert_eq!(paris.case, Case::Title);
        assert_eq!(TokenInfo::new("NATO").case, Case::Upper);
        assert_eq!(TokenInfo::new("said").case, Case::Lower);
        assert_eq!(TokenInfo::new("1996").case, Case::None);
        // Same shape for words of the same pattern, different words differ.
        assert_eq!(paris.shape, TokenInfo::new("Lyons").shape);
        assert_ne!(paris.lower, TokenInfo::new("Lyons").lower);
        assert_eq!(paris.short_shape, TokenInfo::new("Amsterdam").short_shape);
        // Lower-casing and digit folding.
        assert_eq!(paris.lower, TokenInfo::new("PARIS").lower);
        assert_eq!(TokenInfo::new("1996").lower, TokenInfo::new("2024").lower);
        assert!(TokenInfo::new("1996-08-22").has_hyphen);
    }

    #[test]
    fn affixes_ignore_case() {
        let a = affixes("Washington");
        let b = affixes("Kensington");
        assert_eq!(a.1, b.1);
        assert_ne!(a.0[0], b.0[0]);
        assert_eq!(affixes("WASH").0[3], a.0[3]);
        assert_eq!(affixes("ab").0[2], 0);
    }

    #[test]
    fn document_features_are_deterministic_and_per_token() {
        let doc = vec![vec!["John", "Smith", "visited", "Paris", "."]];
        let a = document_features(&doc, &Lexicon::default(), &[]);
        let b = document_features(&doc, &Lexicon::default(), &[]);
        assert_eq!(a[0].keys, b[0].keys);
        assert_eq!(a[0].len(), 5);
        assert!(a[0].keys.iter().all(|&k| k != 0));
        // The shared bias feature appears once per token.
        let bias = key(t::BIAS, 0);
        assert_eq!(a[0].keys.iter().filter(|&&k| k == bias).count(), 5);
    }

    #[test]
    fn caps_headline_borrows_document_casing() {
        let doc = [
            vec!["REUTERS", "SAYS", "SMITH", "WINS", "IN", "PARIS"],
            vec!["Officials", "said", "Smith", "won", "in", "Paris", "."],
        ];
        let infos: Vec<Vec<TokenInfo>> = doc
            .iter()
            .map(|s| s.iter().map(|w| TokenInfo::new(w)).collect())
            .collect();
        let ctx = DocContext::new(&infos);
        assert_eq!(ctx.caps_sentence, [true, false]);
        let smith = effective_shapes(&infos[0][2], true, &ctx);
        let paris = effective_shapes(&infos[0][5], true, &ctx);
        let says = effective_shapes(&infos[0][1], true, &ctx);
        assert_eq!(smith.1, hash_str("Xx"));
        assert_eq!(paris.1, hash_str("Xx"));
        assert_eq!(says.1, hash_str("X?"));
        // "IN" is written lower case in the body.
        assert_eq!(effective_shapes(&infos[0][4], true, &ctx).1, hash_str("x"));
    }

    struct Marker;
    impl FeatureHook for Marker {
        fn name(&self) -> &str {
            "marker"
        }
        fn features(&self, sentence: &[&str], emit: &mut dyn FnMut(usize, &str)) {
            for (i, w) in sentence.iter().enumerate() {
                if *w == "Paris" {
                    emit(i, "city");
                }
            }
        }
    }

    #[test]
    fn hooks_add_features_to_their_tokens_only() {
        let doc = vec![vec!["In", "Paris", "."]];
        let plain = document_features(&doc, &Lexicon::default(), &[]);
        let hooked = document_features(&doc, &Lexicon::default(), &[&Marker]);
        assert_eq!(plain[0].token(0), hooked[0].token(0));
        assert_eq!(plain[0].token(1).len() + 1, hooked[0].token(1).len());
    }

    #[test]
    fn clusterings_of_the_same_words_share_look_ups_with_the_same_features() {
        let doc = vec![vec!["Smith", "met", "Jones", "in", "Paris", "."]];
        let key = |w: &str| word_key(TokenInfo::new(w).lower);
        let fine: Vec<(u32, u16)> = [("smith", 7), ("jones", 3), ("paris", 12), ("met", 1)]
            .into_iter()
            .map(|(w, c)| (key(w), c))
            .collect();
        let coarse: Vec<(u32, u16)> = fine.iter().map(|&(k, c)| (k, c / 4)).collect();
        // The same classes, but one more word: looked up on its own.
        let apart: Vec<(u32, u16)> = coarse.iter().copied().chain([(key("rome"), 2)]).collect();
        let twins = Lexicon::new(
            vec![Clusters::new(fine.clone()), Clusters::new(coarse)],
            Lists::default(),
        );
        let separate = Lexicon::new(
            vec![Clusters::new(fine), Clusters::new(apart)],
            Lists::default(),
        );
        assert!(twins.shares_words(1) && !separate.shares_words(1));
        let (a, b) = (
            document_features(&doc, &twins, &[]),
            document_features(&doc, &separate, &[]),
        );
        assert_eq!(a[0].keys, b[0].keys);
        let plain = document_features(&doc, &Lexicon::default(), &[]);
        assert_ne!(a[0].keys, plain[0].keys, "the classes are features");
    }

    #[test]
    fn sentence_features_do_not_depend_on_the_sentences_read_before() {
        // Only the current sentence's slots of the scratch buffers are reset
        // (resetting every slot the longest sentence needed made each later
        // sentence cost that much): what an earlier, longer one left must not leak.
        let long: Vec<&str> = ["Paris"; 50].into_iter().chain(["."]).collect();
        let doc = vec![long, vec!["In", "Paris", "Smith", "."]];
        let lexicon = Lexicon::default();
        let hooks: [&dyn FeatureHook; 1] = [&Marker];
        let mut after_long = SentenceFeatures::default();
        let mut doc_features = DocumentFeatures::new(&doc, &lexicon, &hooks);
        doc_features.sentence(0, &mut after_long);
        doc_features.sentence(1, &mut after_long);
        let mut alone = SentenceFeatures::default();
        DocumentFeatures::new(&doc, &lexicon, &hooks).sentence(1, &mut alone);
        assert_eq!(after_long.keys, alone.keys);
        assert_eq!(after_long.offsets, alone.offsets);
    }
}
