//! Attributes each quote to its speaker: the last per-article analysis step,
//! run after [`super::quotes`] found the quotes and [`super::aliases`] merged
//! the entities. A speaker is always one of the article's entities.

mod clause;
mod context;
mod gender;
mod lookback;
mod nominal;
mod nouns;
mod patterns;
mod subject;
mod trailing;
mod vocabulary;

use super::quotes::QuoteSpan;
use super::tokens::{self, Tokenized};
use crate::model::{Entity, EntityKind};
use clause::{Local, Para};
use context::{Mention, Mentions, Salience, kind_rank};
use gender::genders;
use lookback::{Lookback, ends_like_verb, is_subject};
use std::ops::Range;
use vocabulary::{
    AFFILIATIONS, BE, BETWEEN_SUBJECT_AND_VERB, DETERMINERS, NOT_A_PREDICATE, PREPOSITIONS,
    Pronoun, is_manner_adverb, is_one_of, pronoun, speech_verb,
};

/// How far after a closing mark a trailing attribution's verb may be (`"…," X, a spokesman for Y, said`).
const TRAILING_WINDOW: usize = 16;
/// How many tokens before a quote are searched for its attribution (keeps long
/// sentences with many quotes linear).
const LEADING_WINDOW: usize = 80;
/// How many tokens after an inverted verb the speaker may be (`said the city's mayor, Jane Holt`).
const INVERTED_WINDOW: usize = 8;
/// How many speech verbs before a quote are tried, nearest first (keeps a
/// sentence of many verbs linear).
const LEADING_VERBS: usize = 4;
/// A following sentence at most this long may be a bare attribution (`"…." Holt said.`).
const BARE_SENTENCE: usize = 7;
/// A sentence's subject starts within its first few tokens (`The new mayor, Holt`).
const SUBJECT_START: usize = 3;
/// How long an appositive after a subject may be (`Holt, who chairs the board, said`).
const APPOSITIVE_BYTES: usize = 160;
/// Recent subjects remembered for pronouns.
const RECENT: usize = 8;

/// Whether the name at `start..end` of `text` speaks there: the subject of a
/// verb of saying right after it ("Holt said", "Holt also told", "Holt
/// angrily denied"; after a form of "be" only "Holt was saying", since
/// "Holt was told" is spoken to), or named right after an invertible verb
/// that follows a quote's close and ends the clause (`"…," said Holt.`).
/// Read by the entity step, which has no quotes yet ([`super::speaking`]).
pub(crate) fn speaks_at(text: &str, start: usize, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    let mut words = after
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut passive = false;
    for _ in 0..3 {
        let Some(word) = words.next() else {
            break;
        };
        // "Holt said." and "Holt said:" end their word with a mark.
        let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        if speech_verb(bare).is_some() {
            return !passive || bare.ends_with("ing");
        }
        if !(is_one_of(word, BETWEEN_SUBJECT_AND_VERB) || is_manner_adverb(word)) {
            break;
        }
        passive |= is_one_of(word, BE);
    }
    let before = text.get(..start).unwrap_or("").trim_end();
    let (rest, verb) = before
        .rsplit_once(char::is_whitespace)
        .unwrap_or(("", before));
    let after_quote = rest
        .trim_end()
        .ends_with([',', '"', '\u{201d}', '\'', '\u{2019}']);
    let ends_clause = after.starts_with(['.', ',', ';']) || after.trim().is_empty();
    speech_verb(verb) == Some(true) && after_quote && ends_clause
}

/// The byte range a quote occupies in its paragraph, marks included.
fn quote_range(text: &str, q: &QuoteSpan) -> Range<usize> {
    let start = q.open_mark.unwrap_or(q.span.start).min(q.span.start);
    let end = q
        .close_mark
        .map_or(q.span.end, |c| {
            c + text
                .get(c..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8)
        })
        .max(q.span.end);
    patterns::widen_over_doubled_marks(text, start..end)
}

/// Any quotation mark (a mention right after one starts a clause: `"…," Holt said`).
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{2018}'..='\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2039}' | '\u{203a}'
    )
}

/// For each quote, the index into `entities` of its speaker.
///
/// # Algorithm
/// One pass over the paragraphs in order, keeping the recently named subjects
/// and speakers (for pronouns). Quote paragraphs are tokenized; every other
/// paragraph only has its mentions checked for being clause subjects. For each
/// quote, in order of preference:
/// 0. **A transcript label** opening the quote (`"HOLT: …`, `patterns.rs`) names
///    the speaker of that piece and the pieces after it.
/// 1. **Its own sentence.** A trailing attribution right after the closing mark
///    (`trailing.rs`: `"…," Holt said`, `"…," said Mr Holt`, `"…," she claimed`,
///    `"…," Holt, a spokeswoman for X, one of Y, said`, `"…" ― Holt`, `"…" to
///    save money, she said`); else, before the opening mark, a name set off by a
///    dash (`including Holt -- "…"`), a speech noun's owner (`Holt's claim
///    that "…"`, `nouns.rs`), the speech verb nearest before the opening mark
///    whose subject speaks (`Holt said: "…"`, `Holt told the BBC: "…"`, `Holt
///    said Lee had a "…"` gives Holt, not Lee; a verb whose subject names no one
///    gives way to the one before it; passives and nouns of a verb's spelling
///    are not verbs), `according to X`, after a colon a name opening the
///    sentence (`Holt's answer was short: "…"`), and last the clause subject of
///    a partial quote of several words (`subject.rs`: `Holt likened it to
///    "…"`). Subjects are the mention just before the verb (past adverbs like
///    `also`, a parenthesis), or the first person of an appositive (`Holt, a
///    spokeswoman for X,`), or a nominal standing for an organisation the
///    article named (`the watchdog said`, `nominal.rs`), or a pronoun resolved to
///    the clause's subject or the latest subject or speaker of the fitting kind
///    and gender (`gender.rs`). Quoted words are never searched.
/// 2. **Neighbouring sentences**, for quotes that open their sentence: a short
///    attribution sentence right after (`"…." Holt said.`) or a dash signature
///    opening it, then reported speech in the sentence before (`She said
///    mothers were … "…"`), then the previous quote's speaker if it spoke in
///    this or the previous paragraph (only this one when the quote's sentence
///    goes on after it).
///
/// Pieces of one quotation over several paragraphs share the first speaker any
/// piece finds. An attribution that names no entity (`the mayor said`) gives
/// `None` rather than a guess.
pub fn attribute(
    paragraphs: &[String],
    quotes: &[QuoteSpan],
    entities: &[Entity],
) -> Vec<Option<usize>> {
    attribute_in(
        paragraphs,
        &tokens::split_paragraphs(paragraphs),
        quotes,
        entities,
    )
}

/// [`attribute`] over paragraphs already split by [`tokens::split_paragraphs`]
/// (`split[i]` is paragraph `i`), so that the caller can share the split.
pub fn attribute_in(
    paragraphs: &[String],
    split: &[Tokenized],
    quotes: &[QuoteSpan],
    entities: &[Entity],
) -> Vec<Option<usize>> {
    let mentions = Mentions::new(paragraphs, entities);
    let mut salience = Salience {
        entities,
        genders: genders(paragraphs, split, &mentions, entities),
        recent: Vec::new(),
        last_speaker: None,
        voiced: vec![false; entities.len()],
        roles: nominal::roles(paragraphs, &mentions),
    };
    let mut out = vec![None; quotes.len()];
    let mut by_paragraph: Vec<Vec<usize>> = vec![Vec::new(); paragraphs.len()];
    for (i, q) in quotes.iter().enumerate() {
        let valid = paragraphs
            .get(q.span.paragraph)
            .is_some_and(|t| t.get(q.span.range()).is_some());
        if valid && let Some(list) = by_paragraph.get_mut(q.span.paragraph) {
            list.push(i);
        }
    }
    // The quotation being read: its pieces and what each said locally.
    let mut chain: Vec<(usize, Local)> = Vec::new();
    let mut prev_ranges: Vec<Range<usize>> = Vec::new();
    for (p, text) in paragraphs.iter().enumerate() {
        let ranges: Vec<Range<usize>> = by_paragraph[p]
            .iter()
            .map(|&i| quote_range(text, &quotes[i]))
            .collect();
        let para_mentions = mentions.of(p);
        let lookback = Lookback::new(text);
        let mut subjects = para_mentions.iter().filter(|m| {
            matches!(m.kind, EntityKind::Person | EntityKind::Organization)
                && ranges
                    .get(ranges.partition_point(|r| r.end <= m.start))
                    .is_none_or(|r| r.start > m.start)
                && (is_subject(&lookback, m)
                    && !in_reported_speech(text, para_mentions, m)
                    // `… concerns Henry Crespo, president of X.`: introduced as a source.
                    || m.kind == EntityKind::Person && introduced_with_role(text, m)
                    // `a spokesman for X said`: X speaks, through someone.
                    || m.kind == EntityKind::Organization
                        && nominal::named_with_spokesperson(text, m.start..m.end)
                    // `In a statement from X, the company denied`: X speaks.
                    || nominal::named_as_author(text, m.start..m.end))
        });
        let mut pending = subjects.next();
        let para = (!ranges.is_empty()).then(|| Para::new(text, &split[p], &ranges, para_mentions));
        // The previous paragraph, read once for all quotes here that may need it.
        let mut before: Option<Para> = None;
        for (j, &i) in by_paragraph[p].iter().enumerate() {
            let Some(para) = &para else { break };
            while let Some(m) = pending.filter(|m| m.start < ranges[j].start) {
                note_subject(&mut salience, text, m);
                pending = subjects.next();
            }
            let q = &quotes[i];
            let (mut local, sentence) =
                para.local(ranges[j].start, q.span.start, q.close_mark, &salience);
            if let Local::Missing {
                whole_start: true,
                prev: prev @ None,
                ..
            } = &mut local
                && sentence == 0
                && !q.continued
                && p > 0
            {
                // Reported speech at the end of the previous paragraph.
                let before = before.get_or_insert_with(|| {
                    Para::new(
                        &paragraphs[p - 1],
                        &split[p - 1],
                        &prev_ranges,
                        mentions.of(p - 1),
                    )
                });
                *prev = before
                    .sentences
                    .len()
                    .checked_sub(1)
                    .and_then(|s| before.reported_speaker(s, &salience));
            }
            if let Local::Found(e) = local
                && para_mentions.iter().any(|m| {
                    m.entity == e && nominal::named_with_spokesperson(text, m.start..m.end)
                })
            {
                // `"…," a BaFin spokeswoman said`: BaFin speaks through her.
                salience.note_voice(e);
            }
            if let Some(label) = patterns::transcript_label(&text[q.span.range()]) {
                local = Local::Labelled(patterns::entity_for_label(entities, label));
            }
            if !q.continued {
                finish_chain(&mut chain, quotes, &mut salience, &mut out);
            }
            chain.push((i, local));
            if quotes.get(i + 1).is_none_or(|n| !n.continued) {
                finish_chain(&mut chain, quotes, &mut salience, &mut out);
            }
        }
        while let Some(m) = pending {
            note_subject(&mut salience, text, m);
            pending = subjects.next();
        }
        prev_ranges = ranges;
    }
    finish_chain(&mut chain, quotes, &mut salience, &mut out);
    out
}

/// How far back in its sentence a mention looks for the speaker reporting it.
const REPORTED_WINDOW: usize = 160;

/// Whether mention `m` is the subject of speech reported by someone named just
/// before it in its sentence (`Scott joked that Trump ranks fourth`, `Holt
/// said Brandt would go`): a `he said` after the sentence is then the
/// reporter's, not this subject's.
fn in_reported_speech(text: &str, mentions: &[Mention], m: &Mention) -> bool {
    let mut from = m.start.saturating_sub(REPORTED_WINDOW);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let sentence = text[from..m.start]
        .rfind(['.', '!', '?', '"', '\u{201c}', '\u{201d}'])
        .map_or(from, |i| from + i + 1);
    let first = mentions.partition_point(|o| o.start < sentence);
    mentions[first..]
        .iter()
        .take_while(|o| o.end <= m.start)
        .filter(|o| {
            o.entity != m.entity && matches!(o.kind, EntityKind::Person | EntityKind::Organization)
        })
        .any(|o| {
            let between = &text[o.end..m.start];
            let mut words = between.split_whitespace();
            let Some(verb) = words
                .by_ref()
                .take(3)
                .position(|w| speech_verb(w.trim_matches(|c: char| !c.is_alphabetic())).is_some())
            else {
                return false;
            };
            let rest: Vec<&str> = between.split_whitespace().skip(verb + 1).collect();
            // `X, says Holt`: the inverted verb's own subject. `X said it would
            // go, Holt insisted`: a new clause after the comma, unless `that`
            // opened the reported speech (`X joked that, among Y, Holt ranks`).
            !rest.is_empty()
                && (rest[0].eq_ignore_ascii_case("that")
                    || rest[0].eq_ignore_ascii_case("that,")
                    || !rest.iter().any(|w| w.ends_with(',')))
        })
}

/// Whether person `m` is introduced by an apposition giving their role (`Henry
/// Crespo, president of the Black Caucus`, `Jane Holt, a lecturer at X`):
/// how news introduces a source whose words follow.
fn introduced_with_role(text: &str, m: &Mention) -> bool {
    let Some(rest) = text.get(m.end..).and_then(|r| r.strip_prefix(", ")) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    for i in 0..4 {
        let Some(word) = words.next() else {
            return false;
        };
        // A role word first (`president of`), not a phrase of the verb (`thanked X, for …`).
        if is_one_of(word, &["of", "at", "for"]) {
            return i > 0;
        }
        if !word.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
    }
    false
}

/// Notes a clause subject for pronouns: an organisation as one that speaks
/// through someone when the subject is its spokesperson (`a spokesman for X`).
fn note_subject(salience: &mut Salience, text: &str, m: &Mention) {
    salience.note(m.entity);
    if nominal::named_with_spokesperson(text, m.start..m.end) {
        salience.note_voice(m.entity);
    }
}

/// Gives every piece of the quotation in `chain` its speaker, and empties it.
fn finish_chain(
    chain: &mut Vec<(usize, Local)>,
    quotes: &[QuoteSpan],
    salience: &mut Salience,
    out: &mut [Option<usize>],
) {
    let Some(&(last, _)) = chain.last() else {
        return;
    };
    let mut speaker = chain_speaker(chain, salience, quotes);
    for &(k, local) in chain.iter() {
        if let Local::Labelled(labelled) = local {
            speaker = labelled;
        }
        out[k] = speaker;
    }
    if let Some(s) = speaker {
        salience.note_speaker(s, quotes[last].span.paragraph);
    }
    chain.clear();
}

/// The speaker of a whole quotation (one or more pieces).
fn chain_speaker(
    chain: &[(usize, Local)],
    salience: &Salience,
    quotes: &[QuoteSpan],
) -> Option<usize> {
    if let Some(found) = chain.iter().find_map(|(_, l)| {
        if let Local::Found(e) = l {
            Some(*e)
        } else {
            None
        }
    }) {
        return Some(found);
    }
    let (&(first_index, first), &(_, last)) = (chain.first()?, chain.last()?);
    let (
        Local::Missing {
            whole_start: true,
            prev,
            ..
        },
        Local::Missing {
            whole_end, next, ..
        },
    ) = (first, last)
    else {
        return None;
    };
    let paragraph = quotes[first_index].span.paragraph;
    if !whole_end {
        // `"…," Holt said. "…" for the town.`: a quote opening its sentence
        // goes on with the speaker of this paragraph's quote before it.
        return salience
            .last_speaker
            .filter(|&(_, at)| at == paragraph)
            .map(|(e, _)| e);
    }
    next.or(prev).or_else(|| {
        salience
            .last_speaker
            .filter(|&(_, at)| at + 1 >= paragraph)
            .map(|(e, _)| e)
    })
}

#[cfg(test)]
mod tests;
