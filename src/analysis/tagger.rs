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
pub mod lists;
pub mod model;
pub mod train;

use foldhash::{HashMap, HashMapExt};
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
static MODEL: LazyLock<Result<Model, ModelError>> = LazyLock::new(load_shipped_model);

/// Parses the embedded model (what the first tagging pays once; `cargo bench
/// --bench analysis -- model_load` measures it).
pub fn load_shipped_model() -> Result<Model, ModelError> {
    Model::from_static(include_bytes!("../../assets/model/ner.bin"))
}

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

/// Where each tagger sentence's words sit: the paragraph and each word's byte range.
pub type SentencePlace = (usize, Vec<(usize, usize)>);

/// Splits paragraphs the way `lede` does (its tokenizer and sentence splitter)
/// into the tagger's sentences of words, with where each word is.
pub fn sentences_of<S: AsRef<str>>(paragraphs: &[S]) -> (Vec<Vec<&str>>, Vec<SentencePlace>) {
    use crate::analysis::tokens::{sentences, tokenize};
    let mut words: Vec<Vec<&str>> = Vec::new();
    let mut places: Vec<SentencePlace> = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let p = p.as_ref();
        let toks = tokenize(p);
        for r in sentences(p, &toks) {
            words.push(toks[r.clone()].iter().map(|t| t.text(p)).collect());
            places.push((pi, toks[r].iter().map(|t| (t.start, t.end)).collect()));
        }
    }
    (words, places)
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
    tag_spans(model, sentences, hooks)
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

/// The whole tagging of a document as type numbers: Viterbi per sentence,
/// names cut at commas ([`split_at_commas`]) and mended where cut after a
/// joining word ([`mend_cut_names`]), the document pass ([`harmonise`]) and
/// [`balance_brackets`].
pub fn tag_spans(
    model: &Model,
    sentences: &[Vec<&str>],
    hooks: &[&dyn FeatureHook],
) -> Vec<Vec<RawSpan>> {
    let raw = tag_raw(model, sentences, hooks)
        .into_iter()
        .zip(sentences)
        .map(|(spans, words)| {
            let spans = mend_cut_names(words, split_at_commas(words, spans));
            join_plural_possessives(words, spans)
        })
        .collect();
    harmonise(sentences, raw)
        .into_iter()
        .zip(sentences)
        .map(|(spans, words)| balance_brackets(words, spans))
        .collect()
}

/// Viterbi-decoded spans `(start, end, type)` per sentence, before the document pass.
pub fn tag_raw(
    model: &Model,
    sentences: &[Vec<&str>],
    hooks: &[&dyn FeatureHook],
) -> Vec<Vec<RawSpan>> {
    let mut doc = DocumentFeatures::new(sentences, &model.lexicon, hooks).skipping_unlikely();
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

/// Keeps brackets in names balanced.
///
/// A span with an unmatched closing bracket is extended over the opening
/// bracket just before it, and joined to a span of the same type that ends
/// right there: `Qods` + `Quds ) Day` → `Qods ( Quds ) Day` (and likewise
/// for an unmatched opening bracket at the end). Where there is nothing to
/// match, the span is cut at the bracket and the pieces kept.
pub fn balance_brackets(words: &[&str], spans: Vec<RawSpan>) -> Vec<RawSpan> {
    let open = |w: &str| matches!(w, "(" | "[" | "{");
    let close = |w: &str| matches!(w, ")" | "]" | "}");
    let depth_ok = |s: usize, e: usize| {
        let mut depth = 0i32;
        for w in &words[s..e] {
            if open(w) {
                depth += 1;
            } else if close(w) {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    };
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for (mut s, mut e, ty) in spans {
        if depth_ok(s, e) {
            out.push((s, e, ty));
            continue;
        }
        // Extend over a bracket just outside the span, joining a neighbour of the same type.
        if s > 0 && open(words[s - 1]) && depth_ok(s - 1, e) {
            s -= 1;
            if let Some(prev) = out.last_mut()
                && prev.1 == s
                && prev.2 == ty
            {
                prev.1 = e;
                continue;
            }
            out.push((s, e, ty));
            continue;
        }
        if e < words.len() && close(words[e]) && depth_ok(s, e + 1) {
            e += 1;
            out.push((s, e, ty));
            continue;
        }
        // Cut at every bracket, keeping the pieces between them.
        push_pieces(&mut out, (s, e, ty), |k| open(words[k]) || close(words[k]));
    }
    out
}

/// Pushes the pieces of `span` between the tokens `cuts_at` marks (which
/// belong to no piece), leaving out empty ones.
fn push_pieces(out: &mut Vec<RawSpan>, (s, e, ty): RawSpan, cuts_at: impl Fn(usize) -> bool) {
    let mut start = s;
    for k in s..e {
        if cuts_at(k) {
            if start < k {
                out.push((start, k, ty));
            }
            start = k + 1;
        }
    }
    if start < e {
        out.push((start, e, ty));
    }
}

/// Mends names the tagger cut after a word that joins a name's parts: "Bank
/// of" + "Italy" is the Bank of Italy, "National Bank of" + "Hungary" and
/// "Goodyear Tire and" + "Rubber Co" one name each (the first part's type;
/// "and" joins only two organisations' parts, as "Britain and" + "France"
/// are two places). A name never ends with such a word: one left dangling
/// with nothing after it is cut back ("Dubai Air Show at").
pub fn mend_cut_names(words: &[&str], spans: Vec<RawSpan>) -> Vec<RawSpan> {
    let org = |ty: usize| kind_of_type(ty) == EntityKind::Organization;
    let mut out: Vec<RawSpan> = Vec::with_capacity(spans.len());
    for (s, e, ty) in spans {
        if let Some(prev) = out.last_mut()
            && prev.1 == s
            && prev.1 > prev.0
        {
            let last = words[prev.1 - 1];
            let before_last = (prev.1 - prev.0 >= 2).then(|| words[prev.1 - 2]);
            let joins = matches!(last, "of" | "for" | "de" | "del" | "du" | "des")
                || (last == "the" && matches!(before_last, Some("of" | "for")))
                || (matches!(last, "and" | "&") && org(prev.2) && org(ty));
            if joins {
                prev.1 = e;
                continue;
            }
        }
        out.push((s, e, ty));
    }
    for span in &mut out {
        while span.1 > span.0 + 1 && is_dangling_joiner(words[span.1 - 1]) {
            span.1 -= 1;
        }
    }
    out
}

/// Gives an organisation's name back the plural possessive that opens it
/// ("Actors' Equity Association", "Citizens' Advice", "Farmers' Union"),
/// which the tagger leaves out as it would "the actors' union": an ordinary
/// word in capitals, in no other name, right before the name and its
/// apostrophe, not the sentence's first ("the Beatles' Apple Corps" stays
/// Apple Corps: not an ordinary word).
pub fn join_plural_possessives(words: &[&str], mut spans: Vec<RawSpan>) -> Vec<RawSpan> {
    let mut free_from = 0;
    for span in &mut spans {
        let (s, e, ty) = *span;
        // Not the sentence's first word, whose capital tells nothing
        // ("Fans' Premier League hopes").
        if s >= free_from + 2
            && s > 2
            && kind_of_type(ty) == EntityKind::Organization
            && matches!(words[s - 1], "'" | "\u{2019}")
        {
            let word = words[s - 2];
            let plural_in_capitals = word.len() >= 4
                && word.ends_with('s')
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().skip(1).all(|c| c.is_ascii_lowercase());
            if plural_in_capitals && crate::analysis::gazetteer::lowercase_share(word).is_some() {
                span.0 = s - 2;
            }
        }
        free_from = e;
    }
    spans
}

/// Cuts a name the tagger ran across a comma into its parts: "Netflix, CBS
/// All Access, Disney and others" names three firms, not "CBS All Access,
/// Disney". Kept whole: a legal form or a generation after the comma ("Acme,
/// Inc", "Davis, Jr") and a name of something "of", "for" or "on" a list
/// ("Bureau of Alcohol, Tobacco and Firearms", "Department for Culture, Media
/// and Sport", "Council on Energy, Environment and Water"), the commas
/// CoNLL-2003's names hold.
pub fn split_at_commas(words: &[&str], spans: Vec<RawSpan>) -> Vec<RawSpan> {
    let keeps_comma = |s: usize, k: usize| {
        let next = words.get(k + 1).map_or("", |w| w.trim_end_matches('.'));
        matches!(
            next,
            "Inc"
                | "Ltd"
                | "LLC"
                | "Co"
                | "Corp"
                | "Plc"
                | "plc"
                | "SA"
                | "AG"
                | "NV"
                | "LP"
                | "Jr"
                | "Sr"
        ) || words[s..k]
            .iter()
            .any(|w| matches!(*w, "of" | "for" | "on"))
    };
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, ty) in spans {
        push_pieces(&mut out, (s, e, ty), |k| {
            words[k] == "," && !keeps_comma(s, k)
        });
    }
    out
}

/// A lower-case word that joins a name's parts and cannot end one.
fn is_dangling_joiner(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "and"
            | "&"
            | "the"
            | "at"
            | "in"
            | "on"
            | "to"
            | "de"
            | "del"
            | "du"
            | "des"
    )
}

/// Makes every mention of the same name in a document share one type.
///
/// # Algorithm
/// Each tagged span votes for its type under its lower-cased text. A
/// person's multi-word name also votes "person" for its last word, so that a
/// bare surname (`Washington` after `MaliVai Washington`) is a person too.
/// Each span then takes its name's majority type (a tie keeps the tagger's
/// choice). Finally, a capitalised, untagged occurrence of a voted name (not
/// at the start of a sentence, longest name first) becomes a span of that
/// name's type: a name the tagger recognised once is recognised everywhere.
///
/// On CoNLL-2003 dev, voting adds about 0.3 F1 points, surnames 0.2 and
/// the propagation 0.1. Weighting headline votes down made it worse.
pub fn harmonise(sentences: &[Vec<&str>], spans: Vec<Vec<RawSpan>>) -> Vec<Vec<RawSpan>> {
    // Names are built in one reused buffer; only a new vote key is copied out.
    let mut buf = String::new();
    let name = |buf: &mut String, si: usize, s: usize, e: usize| {
        buf.clear();
        for (k, w) in sentences[si][s..e].iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.extend(w.chars().flat_map(char::to_lowercase));
        }
    };
    let mut votes: HashMap<String, [u32; N_TYPES]> = HashMap::new();
    let mut vote = |key: &String, ty: usize, weight: u32| match votes.get_mut(key.as_str()) {
        Some(v) => v[ty] += weight,
        None => {
            let mut v = [0; N_TYPES];
            v[ty] += weight;
            votes.insert(key.clone(), v);
        }
    };
    for (si, sent) in spans.iter().enumerate() {
        for &(s, e, ty) in sent {
            name(&mut buf, si, s, e);
            vote(&buf, ty, 2);
            if ty == 0 && e - s >= 2 {
                // Counts 1.5: a full name outweighs one contrary guess on its surname.
                name(&mut buf, si, e - 1, e);
                vote(&buf, 0, 3);
            }
        }
    }
    let majority = |key: &str, own: usize| -> usize {
        let v = votes.get(key).copied().unwrap_or_default();
        (0..N_TYPES).fold(own, |b, k| if v[k] > v[b] { k } else { b })
    };
    let mut out: Vec<Vec<RawSpan>> = spans
        .into_iter()
        .enumerate()
        .map(|(si, sent)| {
            sent.into_iter()
                .map(|(s, e, ty)| {
                    name(&mut buf, si, s, e);
                    (s, e, majority(&buf, ty))
                })
                .collect()
        })
        .collect();
    // Longest voted name, in words (bounded: propagation tries each length).
    let longest = votes
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(0)
        .min(6);
    for (si, sent) in out.iter_mut().enumerate() {
        let words = &sentences[si];
        let mut covered = vec![false; words.len()];
        for &(s, e, _) in sent.iter() {
            covered[s..e].iter_mut().for_each(|c| *c = true);
        }
        let capital = |i: usize| {
            words
                .get(i)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        };
        let mut added = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if covered[i] || !capital(i) || i == 0 || capital(i - 1) && !covered[i - 1] {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=longest.min(words.len() - i)).rev() {
                // The match must not cut a run of capitalised words (`Washington Post`).
                if covered[i..i + len].iter().any(|&c| c) || capital(i + len) && !covered[i + len] {
                    continue;
                }
                name(&mut buf, si, i, i + len);
                if let Some(v) = votes.get(buf.as_str()) {
                    let best = (0..N_TYPES).fold(0, |b, k| if v[k] > v[b] { k } else { b });
                    found = Some((i, i + len, best));
                    break;
                }
            }
            match found {
                Some(sp) => {
                    added.push(sp);
                    i = sp.1;
                }
                None => i += 1,
            }
        }
        if !added.is_empty() {
            sent.extend(added);
            sent.sort_unstable();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads_with_its_classes_and_lists() {
        // How long loading takes is measured, not asserted (README, "Performance").
        let m = Model::from_bytes(include_bytes!("../../assets/model/ner.bin")).expect("loads");
        assert!(m.n_features() > 10_000);
        assert!(
            m.hooks.is_empty(),
            "the shipped model is used without hooks"
        );
        assert_eq!(
            m.lexicon.clusters.len(),
            4,
            "Reuters and modern word classes"
        );
        assert!(m.lexicon.clusters.iter().all(|c| c.len() > 10_000));
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
    fn tag_document_copes_with_empty_and_odd_input() {
        assert!(tag_document(&[]).is_empty());
        assert_eq!(tag_document(&[vec![], vec!["Paris"]]).len(), 2);
        let odd = vec![
            "É́cole", "北京", "🙂", "", " ", "(", ")", "]", "Zürich", "Ünal", "'s",
        ];
        for spans in tag_document(&[odd.clone(), odd]) {
            for s in spans {
                assert!(s.start_token < s.end_token && s.end_token <= 11);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tag_spans_are_ordered_and_in_bounds(
            doc in proptest::collection::vec(
                proptest::collection::vec("[A-Za-z()]{1,6}|[.,'-]|[0-9]{1,4}", 0..12), 0..4)
        ) {
            let sentences: Vec<Vec<&str>> =
                doc.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
            let tagged = tag_document(&sentences);
            proptest::prop_assert_eq!(tagged.len(), sentences.len());
            for (spans, words) in tagged.iter().zip(&sentences) {
                let mut end = 0;
                for s in spans {
                    proptest::prop_assert!(s.start_token >= end && s.start_token < s.end_token);
                    proptest::prop_assert!(s.end_token <= words.len());
                    end = s.end_token;
                }
            }
        }
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

    #[test]
    fn a_name_cut_after_a_joining_word_is_mended_and_a_dangling_one_cut_back() {
        // "Bank of" (organisation) + "Italy" (place): one organisation.
        let w = ["from", "the", "Bank", "of", "Italy", "show"];
        assert_eq!(
            mend_cut_names(&w, vec![(2, 4, 1), (4, 5, 2)]),
            vec![(2, 5, 1)]
        );
        let w = ["Office", "of", "the", "Deputy", "Prime", "Minister"];
        assert_eq!(
            mend_cut_names(&w, vec![(0, 3, 1), (3, 6, 1)]),
            vec![(0, 6, 1)]
        );
        // "and" joins two organisations' parts, not two places.
        let w = ["Goodyear", "Tire", "and", "Rubber", "Co", "said"];
        assert_eq!(
            mend_cut_names(&w, vec![(0, 3, 1), (3, 5, 1)]),
            vec![(0, 5, 1)]
        );
        let w = ["Britain", "and", "France", "agreed"];
        assert_eq!(
            mend_cut_names(&w, vec![(0, 2, 2), (2, 3, 2)]),
            vec![(0, 1, 2), (2, 3, 2)]
        );
        // Nothing after it: the joining word is cut off.
        let w = ["the", "Dubai", "Air", "Show", "at", "DWC"];
        assert_eq!(mend_cut_names(&w, vec![(1, 5, 3)]), vec![(1, 4, 3)]);
    }

    #[test]
    fn an_organisation_gets_back_the_plural_possessive_that_opens_it() {
        let org = 1;
        assert_eq!(kind_of_type(org), EntityKind::Organization);
        let w = ["The", "Actors", "'", "Equity", "Association", "said"];
        assert_eq!(
            join_plural_possessives(&w, vec![(3, 5, org)]),
            vec![(1, 5, org)]
        );
        let w = ["the", "Citizens", "\u{2019}", "Advice", "Bureau"];
        assert_eq!(
            join_plural_possessives(&w, vec![(3, 5, org)]),
            vec![(1, 5, org)]
        );
        // Not a band's name (no ordinary word), not a person, not a word
        // of another name, not without the apostrophe.
        let w = ["the", "Beatles", "'", "Apple", "Corps"];
        assert_eq!(
            join_plural_possessives(&w, vec![(3, 5, org)]),
            vec![(3, 5, org)]
        );
        let w = ["the", "Actors", "'", "John", "Smith"];
        assert_eq!(
            join_plural_possessives(&w, vec![(3, 5, 0)]),
            vec![(3, 5, 0)]
        );
        let w = ["the", "Workers", "'", "Party"];
        assert_eq!(
            join_plural_possessives(&w, vec![(1, 2, org), (3, 4, org)]),
            vec![(1, 2, org), (3, 4, org)]
        );
        // At the sentence's start a capital tells nothing.
        let w = ["Fans", "'", "Premier", "League", "hopes"];
        assert_eq!(
            join_plural_possessives(&w, vec![(2, 4, org)]),
            vec![(2, 4, org)]
        );
        let w = ["the", "Actors", "Equity", "Association"];
        assert_eq!(
            join_plural_possessives(&w, vec![(2, 4, org)]),
            vec![(2, 4, org)]
        );
    }

    #[test]
    fn a_name_run_across_a_comma_is_cut_unless_a_legal_form_or_an_of_list_follows() {
        let w = [
            "with", "Netflix", ",", "CBS", "All", "Access", ",", "Disney", "and",
        ];
        assert_eq!(
            split_at_commas(&w, vec![(1, 2, 1), (3, 8, 1)]),
            vec![(1, 2, 1), (3, 6, 1), (7, 8, 1)]
        );
        let w = ["Acme", ",", "Inc.", "said"];
        assert_eq!(split_at_commas(&w, vec![(0, 3, 1)]), vec![(0, 3, 1)]);
        let w = ["Bureau", "of", "Alcohol", ",", "Tobacco", "and", "Firearms"];
        assert_eq!(split_at_commas(&w, vec![(0, 7, 1)]), vec![(0, 7, 1)]);
        let w = [
            "Council",
            "on",
            "Energy",
            ",",
            "Environment",
            "and",
            "Water",
        ];
        assert_eq!(split_at_commas(&w, vec![(0, 7, 1)]), vec![(0, 7, 1)]);
    }

    #[test]
    fn balance_brackets_joins_or_cuts() {
        let w = ["on", "Qods", "(", "Quds", ")", "Day", "."];
        assert_eq!(
            balance_brackets(&w, vec![(1, 2, 3), (3, 6, 3)]),
            vec![(1, 6, 3)]
        );
        let w = ["like", "(", "Zinedine", ")", "Zidane", "did"];
        assert_eq!(balance_brackets(&w, vec![(2, 5, 0)]), vec![(1, 5, 0)]);
        let w = ["Acme", ")", "Corp", "said"];
        assert_eq!(
            balance_brackets(&w, vec![(0, 3, 1)]),
            vec![(0, 1, 1), (2, 3, 1)]
        );
        let w = ["Mladost", "(", "L", ")", "won"];
        assert_eq!(balance_brackets(&w, vec![(0, 4, 1)]), vec![(0, 4, 1)]);
    }

    #[test]
    fn harmonise_makes_bare_surnames_people() {
        let doc = vec![
            vec!["MaliVai", "Washington", "won", "."],
            vec!["Later", "Washington", "lost", "."],
        ];
        let spans = vec![vec![(0, 2, 0)], vec![(1, 2, 2)]];
        assert_eq!(
            harmonise(&doc, spans),
            vec![vec![(0, 2, 0)], vec![(1, 2, 0)]]
        );
    }

    #[test]
    fn harmonise_tags_untagged_repeats_of_a_name() {
        let doc = vec![
            vec!["Shares", "in", "Pirelli", "rose", "."],
            vec![
                "Analysts", "said", "Pirelli", "and", "Pirelli", "Tyres", "gained", ".",
            ],
            vec!["Pirelli", "fell", "."],
        ];
        let spans = vec![vec![(2, 3, 1)], vec![], vec![]];
        let out = harmonise(&doc, spans);
        // The second sentence's "Pirelli Tyres" is a longer run: left alone.
        // Sentence-initial words are left alone too.
        assert_eq!(out, vec![vec![(2, 3, 1)], vec![(2, 3, 1)], vec![]]);
    }
}
