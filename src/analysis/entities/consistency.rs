//! The document-level pass over one article's rule candidates: the surest
//! reading of a name decides its weaker occurrences.

use crate::analysis::gazetteer::{self, PlaceClass};
use crate::analysis::names::surname_forms;
use crate::model::EntityKind;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::{Candidate, Confidence, Dropped};

/// The document-level pass over all candidates of one article.
///
/// # Algorithm
/// 1. For every surface text, the surest kind seen for it wins for its weaker
///    occurrences (a name tagged confidently once keeps its type).
/// 2. A single word that is the surname of a person named in full (or of a
///    person an epithet stands for) is that person, unless the gazetteer knows
///    the word as something else.
/// 3. Sentence-initial words dropped as ordinary come back when the article
///    uses the same word as a name with some confidence elsewhere.
pub(super) fn make_consistent(cands: &mut Vec<Candidate>, dropped: Vec<Dropped>) {
    let mut best: HashMap<&str, (Confidence, EntityKind)> = HashMap::new();
    for c in cands.iter() {
        let e = best
            .entry(c.text.as_str())
            .or_insert((c.confidence, c.kind));
        if c.confidence > e.0 {
            *e = (c.confidence, c.kind);
        }
    }
    let best: HashMap<String, (Confidence, EntityKind)> =
        best.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let mut surnames: HashSet<String> = HashSet::new();
    for c in cands
        .iter()
        .filter(|c| c.kind == EntityKind::Person && c.confidence >= Confidence::Cue)
    {
        for name in [Some(&c.text), c.canonical.as_ref()].into_iter().flatten() {
            if name.contains(' ') {
                surnames.extend(surname_forms(name).into_iter().map(str::to_string));
            }
        }
    }
    for c in cands.iter_mut() {
        // A town that is also the surname of someone named in the article ("Bush", "Kennedy")
        // is that person; countries and regions stay places.
        let town = c.kind == EntityKind::Place
            && c.canonical.is_none()
            && gazetteer::place(&c.text)
                .is_some_and(|p| matches!(p.class, PlaceClass::City | PlaceClass::State));
        if c.confidence >= Confidence::Rule && !town {
            continue;
        }
        if !c.text.contains(' ') && surnames.contains(&c.text) {
            c.kind = EntityKind::Person;
            c.confidence = Confidence::Rule;
        } else if let Some(&(conf, kind)) = best.get(&c.text)
            && conf > c.confidence
        {
            c.kind = kind;
            c.confidence = conf;
        }
    }
    for d in dropped {
        let revived = if surnames.contains(&d.text) {
            Some((Confidence::Rule, EntityKind::Person))
        } else {
            best.get(&d.text)
                .copied()
                .filter(|&(conf, _)| conf >= Confidence::Rule)
        };
        if let Some((confidence, kind)) = revived {
            cands.push(Candidate {
                span: d.span,
                kind,
                canonical: None,
                confidence,
                text: d.text,
            });
        }
    }
    cands.sort_by_key(|c| (c.span.paragraph, c.span.start));
}
