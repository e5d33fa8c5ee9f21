//! The rules' mentions: capitalised runs of each sentence, extended over name
//! particles, "&", "and" and "of" inside organisation names, cut and
//! classified by [`super::classify`].

use crate::analysis::gazetteer::{self, PlaceClass};
use crate::analysis::names::{
    PARTICLES, is_acronym, is_contraction, is_lower_camel, is_prefixed_name, is_respelling,
    starts_upper,
};
use crate::analysis::tokens::{Token, TokenKind, Tokenized};
use crate::model::{EntityKind, Span};
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use super::consistency::make_consistent;
use super::{Candidate, Confidence, Dropped};

/// The rules' mentions: capitalised runs classified by titles, organisation
/// words, first names and the gazetteer (see [`super::find_mentions`]'s algorithm).
pub(super) fn rule_mentions(paragraphs: &[String], split: &[Tokenized]) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let mut dropped = Vec::new();
    for (pi, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        let toks = &tok.tokens;
        if is_shouting(para, toks) {
            continue;
        }
        for sentence in &tok.sentences {
            let first_word = sentence
                .clone()
                .find(|&k| toks[k].kind != TokenKind::Punct)
                .unwrap_or(sentence.end);
            let mut scanner = Scanner {
                para,
                paragraph: pi,
                toks,
                sentence: sentence.clone(),
                first_word,
                out: &mut candidates,
                dropped: &mut dropped,
            };
            scanner.scan();
        }
    }
    make_consistent(&mut candidates, dropped);
    unresolve_absent_office_holders(paragraphs, &mut candidates);
    candidates
}

/// An office epithet ("US President") names the holder the gazetteer lists only
/// when the article also names that person (by surname): the gazetteer is
/// dated, the article may not be. Otherwise the mention stays a person known by
/// the office's name.
pub(super) fn unresolve_absent_office_holders(paragraphs: &[String], candidates: &mut [Candidate]) {
    let mut named_in_article: HashMap<String, bool> = HashMap::new();
    for c in candidates.iter_mut() {
        let Some(canonical) = c.canonical.as_deref() else {
            continue;
        };
        let Some(surname) = canonical.split_whitespace().last() else {
            continue;
        };
        let office = gazetteer::epithet(&c.text).is_some_and(|e| e.office);
        // Searched only for offices, once per surname: it reads the whole article.
        let mut named = || {
            *named_in_article
                .entry(surname.to_string())
                .or_insert_with(|| {
                    paragraphs.iter().any(|p| {
                        p.split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
                            .any(|word| word == surname)
                    })
                })
        };
        if office && !named() {
            c.canonical = None;
        }
    }
}

/// True for a paragraph written in capitals (a headline or a shouted line),
/// where capitalisation tells nothing.
pub(super) fn is_shouting(para: &str, toks: &[Token]) -> bool {
    let mut words = 0;
    for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(para);
        if w.chars().nth(1).is_none() {
            continue;
        }
        if w.chars().any(char::is_lowercase) {
            return false;
        }
        words += 1;
    }
    words >= 4
}

/// Walks one sentence and turns its capitalised runs into candidates.
pub(super) struct Scanner<'a> {
    pub(super) para: &'a str,
    pub(super) paragraph: usize,
    pub(super) toks: &'a [Token],
    pub(super) sentence: Range<usize>,
    /// The sentence's first token that is not punctuation (its end if none):
    /// a word up to there starts the sentence.
    pub(super) first_word: usize,
    pub(super) out: &'a mut Vec<Candidate>,
    pub(super) dropped: &'a mut Vec<Dropped>,
}

impl Scanner<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.para))
    }

    /// A one-token name with a lower-case particle prefix ("al-Assad").
    fn is_prefixed_name(&self, i: usize) -> bool {
        is_prefixed_name(self.word(i))
    }

    /// A hyphenated word whose last part is lower case ("Iran-backed").
    fn is_compound(&self, i: usize) -> bool {
        let w = self.word(i);
        w.contains('-') && w.rsplit('-').next().is_some_and(|last| !starts_upper(last))
    }

    /// A token that can be part of a name run.
    fn is_cap(&self, i: usize) -> bool {
        i < self.sentence.end
            && self.toks[i].kind == TokenKind::Word
            && (starts_upper(self.word(i))
                || self.is_prefixed_name(i)
                || is_lower_camel(self.word(i)))
            && !self.is_compound(i)
            && !self.word(i).starts_with(['\'', '\u{2019}'])
            && !is_contraction(self.word(i))
    }

    /// True when token `i` starts a sentence or a quotation: only opening
    /// punctuation stands before it in the sentence, or an opening quote mark.
    fn is_initial(&self, i: usize) -> bool {
        if i <= self.first_word {
            return true;
        }
        let prev = &self.toks[i - 1];
        match prev.text(self.para) {
            "\u{201c}" | "\u{2018}" | "\u{ab}" => true,
            "\"" | "'" => {
                // A straight quote that opens: glued to the word, with space (or nothing) before it.
                prev.end == self.toks[i].start
                    && self.para[..prev.start]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
            }
            _ => false,
        }
    }

    fn scan(&mut self) {
        let mut i = self.sentence.start;
        // The tokens of the current run, reused from run to run.
        let mut idx = Vec::new();
        while i < self.sentence.end {
            if self.toks[i].kind == TokenKind::Word
                && self.is_compound(i)
                && starts_upper(self.word(i))
            {
                self.compound(i);
                i += 1;
                continue;
            }
            if !self.is_cap(i) {
                i += 1;
                continue;
            }
            let start = i;
            idx.clear();
            idx.push(i);
            let mut end = self.extend_run(i + 1, &mut idx);
            // "Qods (Quds) Day": an alternative spelling in parentheses inside a name.
            let mut alt_spelling = None;
            if self.word(end) == "("
                && self.is_cap(end + 1)
                && !is_acronym(self.word(end + 1))
                && self.word(end + 2) == ")"
            {
                // Another spelling shares the first letter; "S Bennett (Kent)" is no spelling.
                let same_initial = is_respelling(self.word(idx[idx.len() - 1]), self.word(end + 1));
                if same_initial && self.is_cap(end + 3) {
                    idx.push(end + 3);
                    end = self.extend_run(end + 4, &mut idx);
                } else if same_initial {
                    alt_spelling = Some(end + 1);
                }
            }
            let before = self.out.len();
            self.classify(&idx, self.is_initial(start));
            end = self.parenthesised_alias(end, alt_spelling, before);
            i = end;
        }
    }

    /// Extends a run from token `i`, pushing its tokens onto `idx`; returns the end.
    fn extend_run(&self, mut i: usize, idx: &mut Vec<usize>) -> usize {
        // "The Bank of England": an ordinary sentence-initial word does not count as part of the name.
        let skip = usize::from(
            idx.len() == 1
                && self.is_initial(idx[0])
                && gazetteer::lowercase_share(self.word(idx[0])).is_some_and(|p| p >= 90),
        );
        loop {
            if self.is_cap(i) {
                idx.push(i);
                i += 1;
                continue;
            }
            // Particles between capitalised words: "Ludwig van Beethoven".
            let mut k = i;
            while k < self.sentence.end && PARTICLES.contains(&self.word(k)) && k - i < 2 {
                k += 1;
            }
            if k > i && self.is_cap(k) {
                idx.extend(i..=k);
                i = k + 1;
                continue;
            }
            // "Channel 4", "Radio 5": a small number after an organisation word.
            if self
                .toks
                .get(i)
                .is_some_and(|t| t.kind == TokenKind::Number && t.end - t.start <= 2)
                && i < self.sentence.end
                && idx
                    .last()
                    .is_some_and(|&l| gazetteer::is_org_word(self.word(l)))
            {
                idx.push(i);
                i += 1;
                continue;
            }
            // "Marks & Spencer".
            if self.word(i) == "&" && self.is_cap(i + 1) {
                idx.extend([i, i + 1]);
                i += 2;
                continue;
            }
            // "and" inside an organisation name: "Scottish Exhibition and Conference Centre".
            let org_head = idx.len() == 1 && gazetteer::is_org_word(self.word(idx[0]));
            // A name already ending in an organisation word is complete: "Newcastle United and Leeds United".
            let open_name = idx.len() >= 2
                && !idx
                    .last()
                    .is_some_and(|&l| gazetteer::is_org_word(self.word(l)));
            if self.word(i) == "and" && (open_name || org_head) && self.is_cap(i + 1) {
                let mut k = i + 1;
                while self.is_cap(k) {
                    k += 1;
                }
                if gazetteer::is_org_word(self.word(k - 1)) && k - i <= 4 {
                    idx.extend(i..k);
                    i = k;
                    continue;
                }
            }
            // "of (the)" or "for" after a lone organisation word: "Ministry of Defence",
            // "Bank of England", "Department for Education".
            // Also after a country: "US Department of Justice".
            let nation = idx.len() == 2 && {
                let w = self.word(idx[0]);
                gazetteer::place(w).is_some_and(|p| p.class == PlaceClass::Country)
                    || gazetteer::demonym(w).is_some_and(|c| !c.is_empty())
            };
            if (idx.len() == 1 + skip || nation)
                && matches!(self.word(i), "of" | "for")
                && idx
                    .last()
                    .is_some_and(|&l| gazetteer::is_org_word(self.word(l)))
            {
                let k = if self.word(i + 1) == "the" {
                    i + 2
                } else {
                    i + 1
                };
                if self.is_cap(k) {
                    idx.extend(i..=k);
                    i = k + 1;
                    continue;
                }
            }
            return i;
        }
    }

    /// After a run at `end`: "(IRGC)" defines an acronym of the name just found,
    /// and "Kyiv (Kiev)" gives another spelling of it. Returns where scanning goes on.
    fn parenthesised_alias(
        &mut self,
        end: usize,
        alt_spelling: Option<usize>,
        before: usize,
    ) -> usize {
        let prev_ends_here = self.out.len() > before
            && self
                .out
                .last()
                .is_some_and(|c| c.span.end == self.toks[end - 1].end);
        if !prev_ends_here {
            return end;
        }
        let target = alt_spelling.or_else(|| {
            // A place in parentheses after a name is where it is, not its acronym: "Young (UK)".
            (self.word(end) == "("
                && is_acronym(self.word(end + 1))
                && self.word(end + 2) == ")"
                && gazetteer::place(self.word(end + 1)).is_none())
            .then_some(end + 1)
        });
        let Some(t) = target else { return end };
        let Some(prev) = self.out.last_mut() else {
            return end;
        };
        if alt_spelling.is_none() && prev.confidence < Confidence::Rule {
            // Only organisations (and some places) define acronyms: an unsure name becomes one.
            prev.kind = EntityKind::Organization;
            prev.confidence = Confidence::Rule;
        }
        let canonical = if alt_spelling.is_some() {
            Some(prev.canonical.clone().unwrap_or_else(|| prev.text.clone()))
        } else {
            None
        };
        let (kind, confidence) = (prev.kind, prev.confidence);
        let tok = &self.toks[t];
        self.out.push(Candidate {
            span: Span::new(self.paragraph, tok.start, tok.end),
            kind,
            canonical,
            confidence,
            text: tok.text(self.para).to_string(),
        });
        end + 3
    }

    /// "Iran-backed": the capitalised part names a known place.
    fn compound(&mut self, i: usize) {
        let tok = &self.toks[i];
        let w = tok.text(self.para);
        let Some(head) = w.split('-').next() else {
            return;
        };
        let kind = if gazetteer::place(head).is_some() {
            EntityKind::Place
        } else if gazetteer::demonym(head).is_some() {
            EntityKind::Other
        } else {
            return;
        };
        self.out.push(Candidate {
            span: Span::new(self.paragraph, tok.start, tok.start + head.len()),
            kind,
            canonical: None,
            confidence: Confidence::Known,
            text: head.to_string(),
        });
    }

    pub(super) fn push(
        &mut self,
        idx: &[usize],
        kind: EntityKind,
        canonical: Option<String>,
        confidence: Confidence,
    ) {
        let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else {
            return;
        };
        let text = self.phrase(idx);
        // A name written around a parenthesis ("Qods (Quds) Day") is called by its words alone.
        let gapped = last - first + 1 != idx.len()
            && idx
                .iter()
                .any(|&i| self.word(i) == "(" || self.word(i + 1) == "(");
        let canonical = canonical.or_else(|| gapped.then(|| text.clone()));
        self.out.push(Candidate {
            span: Span::new(self.paragraph, self.toks[first].start, self.toks[last].end),
            kind,
            canonical,
            confidence,
            text,
        });
    }

    /// The words of `idx` joined by single spaces.
    pub(super) fn phrase(&self, idx: &[usize]) -> String {
        let mut s = String::new();
        self.phrase_into(idx, &mut s);
        s
    }

    /// [`Scanner::phrase`] written into `s` (cleared first), so that a loop
    /// asking for one phrase per step reuses one buffer.
    pub(super) fn phrase_into(&self, idx: &[usize], s: &mut String) {
        s.clear();
        for (n, &i) in idx.iter().enumerate() {
            if n > 0 {
                s.push(' ');
            }
            s.push_str(self.word(i));
        }
    }
}
