//! Statistical named-entity tagger: given the word tokens of a document (split
//! by [`super::tokens`]), finds the spans that name people, organizations,
//! places and other things. The entity finder builds its mentions on these spans.
//!
//! The model is a structured averaged perceptron over hashed features
//! ([`features`]) with Viterbi decoding over entity tags ([`decode`]), trained
//! on CoNLL-2003 English by `lede-train` ([`train`]); the weights ship in
//! `assets/model/ner.bin` and are loaded on first use.
//!
//! After tagging, a document-level pass makes each name keep one type within
//! the document (see [`harmonise`]), which also fixes all-caps headlines.

pub mod clusters;
pub mod decode;
pub mod features;
pub mod model;
pub mod train;

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::EntityKind;
use decode::{N_TYPES, RawSpan};
use features::{DocumentFeatures, FeatureHook, SentenceFeatures};
use model::{Model, ModelError};

/// One name found by the tagger: tokens `start_token..end_token` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagSpan {
    pub start_token: usize,
    /// Exclusive.
    pub end_token: usize,
    pub kind: EntityKind,
}

/// The shipped model, parsed on first use.
static MODEL: LazyLock<Result<Model, ModelError>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("../../assets/model/ner.bin")));

/// The shipped model, or why it could not be read.
pub fn shipped_model() -> Result<&'static Model, &'static ModelError> {
    MODEL.as_ref()
}

/// Entity kind of a tag type number (the CoNLL order PER, ORG, LOC, MISC).
pub fn kind_of_type(ty: usize) -> EntityKind {
    match ty {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        2 => EntityKind::Place,
        _ => EntityKind::Other,
    }
}

/// Tags one sentence on its own (no document context).
pub fn tag(tokens: &[&str]) -> Vec<TagSpan> {
    tag_document(&[tokens.to_vec()]).pop().unwrap_or_default()
}

/// Tags every sentence of one document with the shipped model. Returns one
/// list of spans per sentence, in token order. If the shipped model cannot be
/// read (a build error the tests catch) nothing is tagged.
pub fn tag_document(sentences: &[Vec<&str>]) -> Vec<Vec<TagSpan>> {
    match shipped_model() {
        Ok(model) => tag_document_with(model, sentences, &[]),
        Err(_) => vec![Vec::new(); sentences.len()],
    }
}

/// Tags a document with `model`, whose feature hooks must be `hooks` (in order).
pub fn tag_document_with(
    model: &Model,
    sentences: &[Vec<&str>],
    hooks: &[&dyn FeatureHook],
) -> Vec<Vec<TagSpan>> {
    let raw = tag_raw(model, sentences, hooks);
    harmonise(sentences, raw)
        .into_iter()
        .map(|spans| {
            spans
                .into_iter()
                .map(|(s, e, ty)| TagSpan {
                    start_token: s,
                    end_token: e,
                    kind: kind_of_type(ty),
                })
                .collect()
        })
        .collect()
}

/// Viterbi-decoded spans `(start, end, type)` per sentence, before the document pass.
pub fn tag_raw(
    model: &Model,
    sentences: &[Vec<&str>],
    hooks: &[&dyn FeatureHook],
) -> Vec<Vec<RawSpan>> {
    let mut doc = DocumentFeatures::new(sentences, &model.clusters, hooks).skipping_unlikely();
    let t = model.n_tags();
    let mut feats = SentenceFeatures::default();
    let mut emit = Vec::new();
    let mut tags = Vec::new();
    let mut decoder = model.decoder();
    (0..sentences.len())
        .map(|si| {
            doc.sentence(si, &mut feats);
            let n = feats.len();
            emit.clear();
            emit.resize(n * t, 0.0);
            for i in 0..n {
                if feats.candidate[i] {
                    model.emissions(feats.token(i), &mut emit[i * t..(i + 1) * t]);
                }
            }
            // Tokens neither capitalised nor near capitals are outside any name.
            decoder.decode_active(&emit, n, Some(&feats.candidate), &mut tags);
            model.scheme.decode(&tags)
        })
        .collect()
}

/// Makes every mention of the same name in a document share one type.
///
/// # Algorithm
/// Each tagged span votes for its type under its lower-cased text; a name's
/// type is the one with most votes (ties: the first seen). Every span of that
/// name is then relabelled. Votes from all-caps lines count less, since the
/// tagger is least sure there.
pub fn harmonise(sentences: &[Vec<&str>], spans: Vec<Vec<RawSpan>>) -> Vec<Vec<RawSpan>> {
    let name = |si: usize, s: usize, e: usize| -> String {
        sentences[si][s..e]
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut votes: HashMap<String, [u32; N_TYPES]> = HashMap::new();
    for (si, sent) in spans.iter().enumerate() {
        for &(s, e, ty) in sent {
            votes.entry(name(si, s, e)).or_default()[ty] += 1;
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(si, sent)| {
            sent.into_iter()
                .map(|(s, e, ty)| {
                    let v = votes.get(&name(si, s, e)).copied().unwrap_or_default();
                    let best = (0..N_TYPES).fold(ty, |b, k| if v[k] > v[b] { k } else { b });
                    (s, e, best)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads_quickly() {
        let t0 = std::time::Instant::now();
        let m = Model::from_bytes(include_bytes!("../../assets/model/ner.bin")).expect("loads");
        let took = t0.elapsed();
        assert!(m.n_features() > 10_000);
        assert!(
            m.hooks.is_empty(),
            "the shipped model is used without hooks"
        );
        // Debug builds are slower; release loads in a few milliseconds.
        assert!(took.as_millis() < 500, "{took:?}");
    }

    #[test]
    fn tag_finds_people_places_and_organizations() {
        let words = [
            "Officials",
            "in",
            "Paris",
            "said",
            "Acme",
            "Corp",
            "hired",
            "John",
            "Smith",
            ".",
        ];
        let spans = tag(&words);
        let found: Vec<(String, EntityKind)> = spans
            .iter()
            .map(|s| (words[s.start_token..s.end_token].join(" "), s.kind))
            .collect();
        let expected = [
            ("Paris", EntityKind::Place),
            ("Acme Corp", EntityKind::Organization),
            ("John Smith", EntityKind::Person),
        ]
        .map(|(n, k)| (n.to_string(), k));
        assert_eq!(found, expected);
    }

    #[test]
    fn harmonise_gives_a_name_its_majority_type() {
        let doc = vec![
            vec!["Jordan", "said", "."],
            vec!["Jordan", "scored", "."],
            vec!["Jordan", "left", "."],
        ];
        let spans = vec![vec![(0, 1, 2)], vec![(0, 1, 0)], vec![(0, 1, 0)]];
        let out = harmonise(&doc, spans);
        assert!(out.iter().all(|s| s == &vec![(0, 1, 0)]));
    }
}
