//! Training and scoring for the named-entity tagger (used by `lede-train`):
//! reads CoNLL-2003 files, learns an averaged structured perceptron, and
//! scores predictions per entity type the way conlleval does.

use super::decode::{Decoder, N_TYPES, RawSpan, Scheme};
use super::features::{FeatureHook, IdMap, Lexicon, document_features};
use super::model::Model;

/// One sentence with its gold spans `(start, end_exclusive, type)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub spans: Vec<RawSpan>,
}

/// A document: its sentences in order.
pub type Document = Vec<Sentence>;

/// CoNLL type names in tag-type order.
pub const TYPE_NAMES: [&str; N_TYPES] = ["PER", "ORG", "LOC", "MISC"];

fn type_index(name: &str) -> Option<usize> {
    TYPE_NAMES.iter().position(|&t| t == name)
}

/// Chunks one sentence's CoNLL tags (IOB1, IOB2 or IOBES) into spans, with
/// conlleval's rules: a chunk begins at `B-`/`S-`, or at `I-` whose type
/// differs from the open chunk's; it ends before `O` or a new beginning, or at `E-`/`S-`.
pub fn chunk_tags(tags: &[&str]) -> Vec<RawSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) => (p, type_index(t)),
            None => ("O", None),
        };
        let begins = ty.is_some() && (matches!(prefix, "B" | "S") || open.map(|o| o.1) != ty);
        if let Some((s, t)) = open
            && (ty.is_none() || begins)
        {
            spans.push((s, i, t));
            open = None;
        }
        if begins {
            open = ty.map(|t| (i, t));
        }
        if matches!(prefix, "E" | "S")
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

/// Reads a CoNLL-2003 file: `TOKEN ... TAG` per line, blank lines between
/// sentences, `-DOCSTART-` between documents.
pub fn read_conll(text: &str) -> Vec<Document> {
    let mut docs: Vec<Document> = vec![Vec::new()];
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    let flush = |docs: &mut Vec<Document>, tokens: &mut Vec<String>, tags: &mut Vec<&str>| {
        if !tokens.is_empty() {
            let spans = chunk_tags(tags);
            if let Some(d) = docs.last_mut() {
                d.push(Sentence {
                    tokens: std::mem::take(tokens),
                    spans,
                });
            }
            tags.clear();
        }
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut tokens, &mut tags);
            docs.push(Vec::new());
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else {
            flush(&mut docs, &mut tokens, &mut tags);
            continue;
        };
        tokens.push(word.to_string());
        tags.push(parts.last().unwrap_or("O"));
    }
    flush(&mut docs, &mut tokens, &mut tags);
    docs.retain(|d| !d.is_empty());
    docs
}

/// Entity-level counts for one type: correct, predicted, gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub found: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, o: Counts) {
        self.correct += o.correct;
        self.found += o.found;
        self.gold += o.gold;
    }
}

/// conlleval-style scores: exact span and type match.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub per_type: [Counts; N_TYPES],
}

impl Scores {
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        self.per_type.iter().for_each(|&t| c.add(t));
        c
    }

    /// Overall without the MISC type (the "F1 without MISC").
    pub fn without_misc(&self) -> Counts {
        let mut c = Counts::default();
        self.per_type[..3].iter().for_each(|&t| c.add(t));
        c
    }

    /// One line: overall and per-type figures.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "f1={:.4} f1_no_misc={:.4} p={:.4} r={:.4}",
            self.overall().f1(),
            self.without_misc().f1(),
            self.overall().precision(),
            self.overall().recall()
        );
        for (name, c) in TYPE_NAMES.iter().zip(&self.per_type) {
            s.push_str(&format!(" {name}={:.4}", c.f1()));
        }
        s
    }
}

/// Scores predicted spans against gold, sentence by sentence.
pub fn score(gold: &[Document], predicted: &[Vec<Vec<RawSpan>>]) -> Scores {
    let mut scores = Scores::default();
    for (doc, pdoc) in gold.iter().zip(predicted) {
        for (sent, pred) in doc.iter().zip(pdoc) {
            for &(_, _, t) in &sent.spans {
                scores.per_type[t].gold += 1;
            }
            for p in pred {
                scores.per_type[p.2].found += 1;
                if sent.spans.contains(p) {
                    scores.per_type[p.2].correct += 1;
                }
            }
        }
    }
    scores
}

/// Tags documents with `model` (document pass included) as spans per sentence.
pub fn predict(
    model: &Model,
    docs: &[Document],
    hooks: &[&dyn FeatureHook],
) -> Vec<Vec<Vec<RawSpan>>> {
    docs.iter()
        .map(|doc| {
            let sents: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            super::tag_spans(model, &sents, hooks)
        })
        .collect()
}

/// Like [`predict`], but the way `lede` sees the text: each sentence is
/// joined with spaces into a paragraph, split again by [`tokens`](crate::analysis::tokens)
/// (tokens and sentences), tagged as one document, and the spans are mapped
/// back onto the CoNLL tokens they overlap. Measures what tokenisation costs.
pub fn predict_retokenized(model: &Model, docs: &[Document]) -> Vec<Vec<Vec<RawSpan>>> {
    docs.iter()
        .map(|doc| {
            let paragraphs: Vec<String> = doc.iter().map(|s| s.tokens.join(" ")).collect();
            // (paragraph, byte start, byte end) of every tagger sentence's tokens.
            let (words, places) = super::sentences_of(&paragraphs);
            let tagged = super::tag_document_with(model, &words, &[]);
            let mut out: Vec<Vec<RawSpan>> = vec![Vec::new(); doc.len()];
            for ((pi, offs), spans) in places.iter().zip(tagged) {
                // CoNLL token byte ranges in the paragraph.
                let mut starts = Vec::new();
                let mut at = 0;
                for t in &doc[*pi].tokens {
                    starts.push((at, at + t.len()));
                    at += t.len() + 1;
                }
                for sp in spans {
                    let (a, b) = (offs[sp.start_token].0, offs[sp.end_token - 1].1);
                    let first = starts.iter().position(|&(s, e)| e > a && s < b);
                    let last = starts.iter().rposition(|&(s, e)| e > a && s < b);
                    if let (Some(f), Some(l)) = (first, last) {
                        let ty = match sp.kind {
                            crate::model::EntityKind::Person => 0,
                            crate::model::EntityKind::Organization => 1,
                            crate::model::EntityKind::Place => 2,
                            crate::model::EntityKind::Other => 3,
                        };
                        out[*pi].push((f, l + 1, ty));
                    }
                }
            }
            out
        })
        .collect()
}

/// Where `lede`'s tokenizer splits a CoNLL sentence differently from CoNLL:
/// `(CoNLL tokens, lede tokens, count)` for each differing stretch, most
/// frequent first. Sentence splits inside a CoNLL sentence are not counted.
pub fn tokenizer_differences(docs: &[Document]) -> Vec<(String, String, usize)> {
    use crate::analysis::tokens::tokenize;
    let mut diffs: std::collections::HashMap<(String, String), usize> = Default::default();
    for sent in docs.iter().flatten() {
        let text = sent.tokens.join(" ");
        let ours: Vec<(usize, usize)> = tokenize(&text).iter().map(|t| (t.start, t.end)).collect();
        let mut theirs = Vec::new();
        let mut at = 0;
        for t in &sent.tokens {
            theirs.push((at, at + t.len()));
            at += t.len() + 1;
        }
        // Walk both lists; a stretch ends where both agree on a boundary.
        let (mut i, mut j) = (0, 0);
        while i < theirs.len() && j < ours.len() {
            if theirs[i] == ours[j] {
                i += 1;
                j += 1;
                continue;
            }
            let (si, sj) = (i, j);
            let (mut ei, mut ej) = (theirs[i].1, ours[j].1);
            i += 1;
            j += 1;
            while ei != ej {
                if ei < ej && i < theirs.len() {
                    ei = theirs[i].1;
                    i += 1;
                } else if j < ours.len() {
                    ej = ours[j].1;
                    j += 1;
                } else {
                    break;
                }
            }
            let show = |v: &[(usize, usize)]| {
                v.iter()
                    .map(|&(a, b)| &text[a..b])
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            *diffs
                .entry((show(&theirs[si..i]), show(&ours[sj..j])))
                .or_default() += 1;
        }
    }
    let mut v: Vec<(String, String, usize)> =
        diffs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Word keys of the sentences of plain text, split by `lede`'s tokenizer, for
/// learning word classes ([`super::clusters::induce`]).
pub fn text_sentences(text: &str) -> Vec<Vec<u32>> {
    use super::clusters::word_key;
    use super::features::TokenInfo;
    use crate::analysis::tokens::{sentences, tokenize};
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let toks = tokenize(para);
        for r in sentences(para, &toks) {
            out.push(
                toks[r]
                    .iter()
                    .map(|t| word_key(TokenInfo::new(t.text(para)).lower))
                    .collect(),
            );
        }
    }
    out
}

/// Word keys of the sentences of CoNLL documents.
pub fn conll_sentences(docs: &[Document]) -> Vec<Vec<u32>> {
    use super::clusters::word_key;
    use super::features::TokenInfo;
    docs.iter()
        .flatten()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| word_key(TokenInfo::new(t).lower))
                .collect()
        })
        .collect()
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub epochs: usize,
    pub seed: u64,
    pub scheme: Scheme,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Features whose averaged weights are all below this (absolute) are dropped from the saved model.
    pub prune: f32,
    /// Independent trainings, each with its own order of documents (seeds
    /// `seed`, `seed + 2`, ...), whose averaged weights are averaged again:
    /// summing the runs' scores is what decoding with the mean weights does,
    /// an ensemble at the cost of one model.
    pub runs: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            epochs: 15,
            seed: 0x1ede,
            scheme: Scheme::Bio,
            min_count: 2,
            prune: 0.0,
            runs: 1,
        }
    }
}

/// A training sentence: feature rows per token and gold tags.
struct Example {
    rows: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

/// xorshift64*: a tiny fixed-seed generator so that training is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Perceptron weights with the running sums needed for averaging.
///
/// # Algorithm
/// Averaging uses the "lazy" trick: alongside each weight `w` keep
/// `u = Σ c · Δw` over updates made at step `c`; the average over all steps
/// is then `w − u / c` and no per-step copy is needed.
struct Weights {
    t: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    step: f32,
}

impl Weights {
    fn bump(&mut self, row: usize, tag: usize, by: f32) {
        let i = row * self.t + tag;
        self.w[i] += by;
        self.u[i] += self.step * by;
    }

    fn bump_trans(&mut self, prev: Option<usize>, cur: usize, by: f32) {
        let i = prev.map_or(0, |p| p + 1) * self.t + cur;
        self.tw[i] += by;
        self.tu[i] += self.step * by;
    }

    fn averaged(&self, i: usize, trans: bool) -> f32 {
        let (w, u) = if trans {
            (&self.tw, &self.tu)
        } else {
            (&self.w, &self.u)
        };
        w[i] - u[i] / self.step
    }
}

/// Trains a model. After each epoch, if `dev` is given, the averaged model so
/// far is scored on it and `report(epoch, scores)` is called.
pub fn train(
    docs: &[Document],
    config: &Config,
    lexicon: &Lexicon,
    hooks: &[&dyn FeatureHook],
    dev: Option<&[Document]>,
    mut report: impl FnMut(usize, Option<Scores>),
) -> Model {
    let scheme = config.scheme;
    let t = scheme.n_tags();
    let mut decoder = Decoder::new(scheme);

    // Extract features once; keep those seen often enough.
    let mut doc_feats = Vec::with_capacity(docs.len());
    let mut counts: IdMap<u32, u32> = IdMap::default();
    for doc in docs {
        let sents: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let f = document_features(&sents, lexicon, hooks);
        for sf in &f {
            for &k in &sf.keys {
                *counts.entry(k).or_default() += 1;
            }
        }
        doc_feats.push(f);
    }
    let mut keys: Vec<u32> = counts
        .iter()
        .filter(|&(_, &c)| c >= config.min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let row_of: IdMap<u32, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let mut examples: Vec<Vec<Example>> = Vec::with_capacity(docs.len());
    for (doc, feats) in docs.iter().zip(doc_feats) {
        examples.push(
            doc.iter()
                .zip(feats)
                .map(|(sent, sf)| {
                    let mut rows = Vec::with_capacity(sf.keys.len());
                    let mut offsets = vec![0];
                    for i in 0..sf.len() {
                        rows.extend(sf.token(i).iter().filter_map(|k| row_of.get(k).copied()));
                        offsets.push(rows.len());
                    }
                    Example {
                        rows,
                        offsets,
                        gold: scheme.encode(sent.tokens.len(), &sent.spans),
                    }
                })
                .collect(),
        );
    }

    let runs = config.runs.max(1);
    let mut mean = Averaged {
        w: vec![0.0; keys.len() * t],
        trans: vec![0.0; (t + 1) * t],
    };
    for run in 0..runs {
        // Two apart: the generator sets the lowest bit, so `seed` and
        // `seed + 1` may start it alike.
        let seed = config.seed.wrapping_add(2 * run as u64);
        let wts = train_run(
            &examples,
            t,
            keys.len(),
            &mut decoder,
            seed,
            config.epochs,
            |epoch, wts| {
                // Per epoch of each run (numbered on from the run before): that
                // run's own averaged model so far.
                let global = run * config.epochs + epoch;
                match dev {
                    Some(d) => {
                        let m = build_model(&Averaged::of(wts), &keys, config, lexicon, hooks);
                        report(global, Some(score(d, &predict(&m, d, hooks))));
                    }
                    None => report(global, None),
                }
            },
        );
        let this = Averaged::of(&wts);
        for (total, x) in mean.w.iter_mut().zip(&this.w) {
            *total += x;
        }
        for (total, x) in mean.trans.iter_mut().zip(&this.trans) {
            *total += x;
        }
    }
    if runs > 1 {
        let n = runs as f32;
        mean.w
            .iter_mut()
            .chain(&mut mean.trans)
            .for_each(|x| *x /= n);
    }
    build_model(&mean, &keys, config, lexicon, hooks)
}

/// One run of the structured perceptron over `examples` in an order drawn
/// from `seed`; `on_epoch(epoch, weights)` after each pass.
fn train_run(
    examples: &[Vec<Example>],
    t: usize,
    rows: usize,
    decoder: &mut Decoder,
    seed: u64,
    epochs: usize,
    mut on_epoch: impl FnMut(usize, &Weights),
) -> Weights {
    let mut wts = Weights {
        t,
        w: vec![0.0; rows * t],
        u: vec![0.0; rows * t],
        tw: vec![0.0; (t + 1) * t],
        tu: vec![0.0; (t + 1) * t],
        step: 1.0,
    };
    let mut rng = Rng(seed | 1);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut emit = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            for ex in &examples[d] {
                let n = ex.gold.len();
                emit.clear();
                emit.resize(n * t, 0.0f32);
                for i in 0..n {
                    for &r in &ex.rows[ex.offsets[i]..ex.offsets[i + 1]] {
                        let w = &wts.w[r as usize * t..(r as usize + 1) * t];
                        for (e, &x) in emit[i * t..(i + 1) * t].iter_mut().zip(w) {
                            *e += x;
                        }
                    }
                }
                decoder.set_transitions(&wts.tw);
                decoder.decode(&emit, n, &mut pred);
                if pred != ex.gold {
                    for i in 0..n {
                        let (g, p) = (ex.gold[i], pred[i]);
                        if g != p {
                            for &r in &ex.rows[ex.offsets[i]..ex.offsets[i + 1]] {
                                wts.bump(r as usize, g, 1.0);
                                wts.bump(r as usize, p, -1.0);
                            }
                        }
                        let (gp, pp) = if i == 0 {
                            (None, None)
                        } else {
                            (Some(ex.gold[i - 1]), Some(pred[i - 1]))
                        };
                        if (gp, g) != (pp, p) {
                            wts.bump_trans(gp, g, 1.0);
                            wts.bump_trans(pp, p, -1.0);
                        }
                    }
                }
                wts.step += 1.0;
            }
        }
        on_epoch(epoch, &wts);
    }
    wts
}

/// A run's weights averaged over its steps (or several runs' mean of those):
/// emission weights row by row, then the transitions.
struct Averaged {
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Averaged {
    fn of(wts: &Weights) -> Averaged {
        Averaged {
            w: (0..wts.w.len()).map(|i| wts.averaged(i, false)).collect(),
            trans: (0..wts.tw.len()).map(|i| wts.averaged(i, true)).collect(),
        }
    }
}

/// The averaged, pruned and quantised model.
fn build_model(
    weights: &Averaged,
    keys: &[u32],
    config: &Config,
    lexicon: &Lexicon,
    hooks: &[&dyn FeatureHook],
) -> Model {
    let t = config.scheme.n_tags();
    let mut kept: Vec<(u32, &[f32])> = Vec::new();
    for (row, &k) in keys.iter().enumerate() {
        let w = &weights.w[row * t..(row + 1) * t];
        if w.iter().any(|x| x.abs() > config.prune) {
            kept.push((k, w));
        }
    }
    Model::from_weights(
        config.scheme,
        hooks.iter().map(|h| h.name().to_string()).collect(),
        lexicon.clone(),
        weights.trans.clone(),
        &kept,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_tags_follows_conlleval_for_iob1() {
        let tags = [
            "I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG", "O",
        ];
        assert_eq!(
            chunk_tags(&tags),
            vec![(0, 2, 0), (2, 3, 0), (4, 5, 2), (5, 7, 1)]
        );
        assert_eq!(chunk_tags(&["B-MISC", "I-MISC"]), vec![(0, 2, 3)]);
    }

    #[test]
    fn read_conll_splits_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nJohn NNP I-NP I-PER\nran VBD I-VP O\n\nIn IN I-PP O\nRome NNP I-NP I-LOC\n\n-DOCSTART- -X- O O\n\nHi UH O O\n";
        let docs = read_conll(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][1].tokens, ["In", "Rome"]);
        assert_eq!(docs[0][1].spans, vec![(1, 2, 2)]);
        assert_eq!(docs[1][0].spans, vec![]);
    }

    #[test]
    fn score_counts_exact_matches_only() {
        let gold = vec![vec![Sentence {
            tokens: vec!["a".into(); 5],
            spans: vec![(0, 2, 0), (3, 4, 2)],
        }]];
        let pred = vec![vec![vec![(0, 2, 0), (3, 5, 2), (4, 5, 1)]]];
        let s = score(&gold, &pred);
        assert_eq!(
            s.per_type[0],
            Counts {
                correct: 1,
                found: 1,
                gold: 1
            }
        );
        assert_eq!(
            s.per_type[2],
            Counts {
                correct: 0,
                found: 1,
                gold: 1
            }
        );
        assert_eq!(
            s.overall(),
            Counts {
                correct: 1,
                found: 3,
                gold: 2
            }
        );
        assert_eq!(s.without_misc().gold, 2);
    }

    /// A tiny synthetic corpus the perceptron must fit: capitalised words after
    /// "in" are places, after "Mr" are people.
    fn toy_corpus() -> Vec<Document> {
        let place = ["Rome", "Oslo", "Lima", "Kiev", "Bern"];
        let person = ["Brown", "Green", "White", "Black", "Grey"];
        (0..5)
            .map(|i| {
                vec![
                    Sentence {
                        tokens: ["we", "met", "in", place[i], "."]
                            .map(String::from)
                            .to_vec(),
                        spans: vec![(3, 4, 2)],
                    },
                    Sentence {
                        tokens: ["Mr", person[i], "came", "."].map(String::from).to_vec(),
                        spans: vec![(1, 2, 0)],
                    },
                ]
            })
            .collect()
    }

    #[test]
    fn train_fits_a_toy_corpus_deterministically() {
        let docs = toy_corpus();
        let config = Config {
            epochs: 5,
            min_count: 1,
            ..Config::default()
        };
        let a = train(&docs, &config, &Lexicon::default(), &[], None, |_, _| {});
        let b = train(&docs, &config, &Lexicon::default(), &[], None, |_, _| {});
        assert_eq!(a.to_bytes(), b.to_bytes());
        let s = score(&docs, &predict(&a, &docs, &[]));
        assert_eq!(s.overall().f1(), 1.0, "{}", s.summary());
        // The model generalises the context to a new name.
        let spans =
            super::super::tag_document_with(&a, &[vec!["we", "met", "in", "Bonn", "."]], &[]);
        assert_eq!(spans[0].len(), 1);
        assert_eq!(spans[0][0].kind, crate::model::EntityKind::Place);
    }

    #[test]
    fn several_runs_make_one_model_that_still_fits() {
        let docs = toy_corpus();
        let one = Config {
            epochs: 5,
            min_count: 1,
            ..Config::default()
        };
        let three = Config {
            runs: 3,
            ..one.clone()
        };
        let mut epochs = Vec::new();
        let single = train(&docs, &one, &Lexicon::default(), &[], None, |_, _| {});
        let mean = train(&docs, &three, &Lexicon::default(), &[], None, |e, _| {
            epochs.push(e);
        });
        // Each run's epochs are reported, numbered on from the run before.
        assert_eq!(epochs, (1..=15).collect::<Vec<_>>());
        // Other orders of the documents give other weights, averaged in:
        // from the second run on (the seed's lowest bit is the generator's).
        assert_ne!(single.to_bytes(), mean.to_bytes());
        let two = Config {
            runs: 2,
            ..one.clone()
        };
        let pair = train(&docs, &two, &Lexicon::default(), &[], None, |_, _| {});
        assert_ne!(single.to_bytes(), pair.to_bytes());
        let again = train(&docs, &three, &Lexicon::default(), &[], None, |_, _| {});
        assert_eq!(mean.to_bytes(), again.to_bytes());
        let s = score(&docs, &predict(&mean, &docs, &[]));
        assert_eq!(s.overall().f1(), 1.0, "{}", s.summary());
    }
}
