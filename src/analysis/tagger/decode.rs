//! Tag sequences for the named-entity tagger: how entity spans are encoded as
//! one tag per token (BIO or BILOU), which tag may follow which, and the
//! Viterbi search for the best legal sequence given per-token scores.

/// Entity types the tagger knows, in the order used by tag numbers:
/// 0 person, 1 organization, 2 place, 3 other (CoNLL PER, ORG, LOC, MISC).
pub const N_TYPES: usize = 4;

/// A span of tokens `(start, end_exclusive, type)` inside one sentence.
pub type RawSpan = (usize, usize, usize);

/// How spans are written as tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `B-X` first token, `I-X` inside, `O` outside.
    Bio,
    /// `B-X` begin, `I-X` inside, `L-X` last, `U-X` single-token unit, `O`.
    Bilou,
}

/// The position part of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Out,
    Begin,
    Inside,
    Last,
    Unit,
}

impl Scheme {
    pub fn code(self) -> u32 {
        match self {
            Scheme::Bio => 1,
            Scheme::Bilou => 2,
        }
    }

    pub fn from_code(code: u32) -> Option<Scheme> {
        match code {
            1 => Some(Scheme::Bio),
            2 => Some(Scheme::Bilou),
            _ => None,
        }
    }

    fn parts(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou => 4,
        }
    }

    /// Number of distinct tags (O plus parts × types).
    pub fn n_tags(self) -> usize {
        1 + self.parts() * N_TYPES
    }

    fn split(self, tag: usize) -> (Part, usize) {
        if tag == 0 {
            return (Part::Out, 0);
        }
        let p = (tag - 1) % self.parts();
        let ty = (tag - 1) / self.parts();
        let part = match (self, p) {
            (_, 0) => Part::Begin,
            (_, 1) => Part::Inside,
            (Scheme::Bilou, 2) => Part::Last,
            _ => Part::Unit,
        };
        (part, ty)
    }

    fn tag(self, part: Part, ty: usize) -> usize {
        let p = match part {
            Part::Out => return 0,
            Part::Begin => 0,
            Part::Inside => 1,
            Part::Last => 2,
            Part::Unit => 3,
        };
        1 + ty * self.parts() + p
    }

    /// Whether `cur` may follow `prev` (`None`: sentence start).
    pub fn allowed(self, prev: Option<usize>, cur: usize) -> bool {
        let (cp, ct) = self.split(cur);
        let open = prev.map(|p| self.split(p)).and_then(|(pp, pt)| match pp {
            Part::Begin | Part::Inside => Some(pt),
            _ => None,
        });
        match self {
            Scheme::Bio => match cp {
                Part::Inside => open == Some(ct),
                _ => true,
            },
            Scheme::Bilou => match cp {
                Part::Inside | Part::Last => open == Some(ct),
                _ => open.is_none(),
            },
        }
    }

    /// Whether a sentence may end on `tag` (BILOU spans must be closed).
    pub fn allowed_last(self, tag: usize) -> bool {
        match self {
            Scheme::Bio => true,
            Scheme::Bilou => !matches!(self.split(tag).0, Part::Begin | Part::Inside),
        }
    }

    /// Encodes spans `(start, end_exclusive, type)` over `len` tokens.
    pub fn encode(self, len: usize, spans: &[RawSpan]) -> Vec<usize> {
        let mut tags = vec![0; len];
        for &(s, e, ty) in spans {
            for (i, tag) in tags.iter_mut().enumerate().take(e).skip(s) {
                let part = match self {
                    Scheme::Bio if i == s => Part::Begin,
                    Scheme::Bio => Part::Inside,
                    Scheme::Bilou if e - s == 1 => Part::Unit,
                    Scheme::Bilou if i == s => Part::Begin,
                    Scheme::Bilou if i + 1 == e => Part::Last,
                    Scheme::Bilou => Part::Inside,
                };
                *tag = self.tag(part, ty);
            }
        }
        tags
    }

    /// Decodes tags into spans `(start, end_exclusive, type)`. Lenient: an
    /// `I` without a matching opener starts a span, as conlleval does.
    pub fn decode(self, tags: &[usize]) -> Vec<RawSpan> {
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, &tag) in tags.iter().enumerate() {
            let (part, ty) = self.split(tag);
            let continues =
                matches!(part, Part::Inside | Part::Last) && open.is_some_and(|(_, t)| t == ty);
            if !continues {
                if let Some((s, t)) = open.take() {
                    spans.push((s, i, t));
                }
                if part != Part::Out {
                    open = Some((i, ty));
                }
            }
            if matches!(part, Part::Last | Part::Unit)
                && let Some((s, t)) = open.take()
            {
                spans.push((s, i + 1, t));
            }
        }
        if let Some((s, t)) = open {
            spans.push((s, tags.len(), t));
        }
        spans
    }
}

/// Viterbi decoder for one scheme, holding its transition scores and reusable buffers.
#[derive(Debug, Clone)]
pub struct Decoder {
    t: usize,
    /// Whether `cur` may follow `prev`: `legal[(prev + 1) * T + cur]`, row 0 the sentence start.
    legal: Vec<bool>,
    /// Whether a sentence may end on a tag.
    last_ok: Vec<bool>,
    /// Transition scores, current-tag major: `trans[cur * (T + 1) + prev + 1]`,
    /// `-inf` where illegal, so the inner loop needs no test.
    trans: Vec<f32>,
    best: Vec<f32>,
    back: Vec<u8>,
}

impl Decoder {
    /// A decoder with all transition scores zero.
    pub fn new(scheme: Scheme) -> Decoder {
        let t = scheme.n_tags();
        let mut legal = vec![false; (t + 1) * t];
        for cur in 0..t {
            legal[cur] = scheme.allowed(None, cur);
            for prev in 0..t {
                legal[(prev + 1) * t + cur] = scheme.allowed(Some(prev), cur);
            }
        }
        let mut d = Decoder {
            t,
            last_ok: (0..t).map(|tag| scheme.allowed_last(tag)).collect(),
            legal,
            trans: Vec::new(),
            best: Vec::new(),
            back: Vec::new(),
        };
        d.set_transitions(&vec![0.0; (t + 1) * t]);
        d
    }

    /// Sets transition scores, given as `trans[(prev + 1) * T + cur]` (row 0: from the start).
    pub fn set_transitions(&mut self, trans: &[f32]) {
        let t = self.t;
        self.trans.clear();
        self.trans.resize((t + 1) * t, f32::NEG_INFINITY);
        for cur in 0..t {
            for row in 0..=t {
                let i = row * t + cur;
                if self.legal[i] {
                    self.trans[cur * (t + 1) + row] = trans[i];
                }
            }
        }
    }

    /// Finds the highest-scoring legal tag sequence for `n` tokens, where
    /// `emit[i * T + tag]` scores `tag` at token `i`.
    pub fn decode(&mut self, emit: &[f32], n: usize, out: &mut Vec<usize>) {
        self.decode_active(emit, n, None, out);
    }

    /// Like [`Decoder::decode`], but tokens whose `active` flag is false are
    /// outside any name (tag `O`) and their emissions are not read.
    ///
    /// # Algorithm
    /// First-order Viterbi: `best[i][cur] = emit[i][cur] + max over prev of
    /// (best[i-1][prev] + trans[prev][cur])`, with back pointers. Illegal
    /// transitions score `-inf`, so the result always decodes to well-formed
    /// spans. A token fixed to `O` cuts the chain: each run of active tokens is
    /// decoded on its own, entered from `O` (or the sentence start) and left
    /// into `O` (or the sentence end), which gives the same answer as decoding
    /// the whole sentence with the inactive tokens forced to `O`.
    pub fn decode_active(
        &mut self,
        emit: &[f32],
        n: usize,
        active: Option<&[bool]>,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        out.resize(n, 0);
        let on = |i: usize| active.is_none_or(|a| a[i]);
        let mut i = 0;
        while i < n {
            if !on(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && on(j) {
                j += 1;
            }
            self.decode_run(emit, i, j, n, out);
            i = j;
        }
    }

    /// Viterbi over tokens `a..b` of a sentence of `n`, the neighbours outside being `O`.
    fn decode_run(&mut self, emit: &[f32], a: usize, b: usize, n: usize, out: &mut [usize]) {
        let t = self.t;
        let stride = t + 1;
        let len = b - a;
        self.best.clear();
        self.best.resize(len * t, f32::NEG_INFINITY);
        self.back.clear();
        self.back.resize(len * t, 0);
        // Row 0 of the transitions is the sentence start, row 1 "after O".
        let start_row = usize::from(a > 0);
        for (cur, (bst, &e)) in self
            .best
            .iter_mut()
            .zip(&emit[a * t..a * t + t])
            .enumerate()
        {
            *bst = e + self.trans[cur * stride + start_row];
        }
        for k in 1..len {
            let (done, rest) = self.best.split_at_mut(k * t);
            let prev_best = &done[(k - 1) * t..];
            let e = &emit[(a + k) * t..(a + k + 1) * t];
            for cur in 0..t {
                let tr = &self.trans[cur * stride + 1..cur * stride + stride];
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for (prev, (&pb, &ts)) in prev_best.iter().zip(tr).enumerate() {
                    let s = pb + ts;
                    if s > best {
                        best = s;
                        arg = prev;
                    }
                }
                rest[cur] = best + e[cur];
                self.back[k * t + cur] = arg as u8;
            }
        }
        let mut last = 0;
        let mut best = f32::NEG_INFINITY;
        for cur in 0..t {
            let mut s = self.best[(len - 1) * t + cur];
            if b < n {
                // The next token is O: add the move into it (-inf where illegal).
                s += self.trans[cur + 1];
            } else if !self.last_ok[cur] {
                continue;
            }
            if s > best {
                best = s;
                last = cur;
            }
        }
        out[b - 1] = last;
        for k in (1..len).rev() {
            out[a + k - 1] = usize::from(self.back[k * t + out[a + k]]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_round_trip_spans() {
        let spans = vec![(0, 2, 0), (2, 3, 0), (5, 8, 2), (9, 10, 3)];
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let tags = scheme.encode(10, &spans);
            assert_eq!(scheme.decode(&tags), spans, "{scheme:?}");
            let mut prev = None;
            for &tag in &tags {
                assert!(scheme.allowed(prev, tag), "{scheme:?} {tags:?}");
                prev = Some(tag);
            }
        }
    }

    #[test]
    fn bio_forbids_inside_after_other_type() {
        let s = Scheme::Bio;
        let b_per = s.tag(Part::Begin, 0);
        let i_per = s.tag(Part::Inside, 0);
        let i_org = s.tag(Part::Inside, 1);
        assert!(s.allowed(Some(b_per), i_per));
        assert!(!s.allowed(Some(b_per), i_org));
        assert!(!s.allowed(None, i_per));
        assert!(!s.allowed(Some(0), i_per));
    }

    #[test]
    fn viterbi_prefers_legal_sequence() {
        // Two tokens; token 1 alone prefers I-ORG but token 0 prefers B-PER.
        let s = Scheme::Bio;
        let mut decoder = Decoder::new(s);
        let t = s.n_tags();
        let mut emit = vec![0.0; 2 * t];
        emit[s.tag(Part::Begin, 0)] = 5.0;
        emit[t + s.tag(Part::Inside, 1)] = 3.0;
        emit[t + s.tag(Part::Inside, 0)] = 2.0;
        let mut out = Vec::new();
        decoder.decode(&emit, 2, &mut out);
        assert_eq!(s.decode(&out), vec![(0, 2, 0)]);
    }

    #[test]
    fn decode_active_matches_forcing_outside() {
        // Pseudo-random scores; decoding with tokens 2 and 5 inactive must equal
        // decoding with their non-O scores at -inf.
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let t = scheme.n_tags();
            let n = 8;
            let mut x = 12345u64;
            let mut rnd = || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 1000) as f32 / 100.0 - 5.0
            };
            let mut emit: Vec<f32> = (0..n * t).map(|_| rnd()).collect();
            let trans: Vec<f32> = (0..(t + 1) * t).map(|_| rnd()).collect();
            let mut decoder = Decoder::new(scheme);
            decoder.set_transitions(&trans);
            let active: Vec<bool> = (0..n).map(|i| i != 2 && i != 5).collect();
            let mut fast = Vec::new();
            decoder.decode_active(&emit, n, Some(&active), &mut fast);
            for i in [2, 5] {
                emit[i * t + 1..(i + 1) * t].fill(f32::NEG_INFINITY);
            }
            let mut full = Vec::new();
            decoder.decode(&emit, n, &mut full);
            assert_eq!(fast, full, "{scheme:?}");
        }
    }

    #[test]
    fn viterbi_closes_bilou_spans() {
        let s = Scheme::Bilou;
        let mut decoder = Decoder::new(s);
        let t = s.n_tags();
        let mut emit = vec![0.0; t];
        emit[s.tag(Part::Begin, 2)] = 4.0;
        emit[s.tag(Part::Unit, 2)] = 1.0;
        let mut out = Vec::new();
        decoder.decode(&emit, 1, &mut out);
        assert_eq!(s.decode(&out), vec![(0, 1, 2)]);
        assert_eq!(out, vec![s.tag(Part::Unit, 2)]);
    }
}
