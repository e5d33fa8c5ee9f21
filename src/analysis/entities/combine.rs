//! Joins the tagger's mentions with the rules' mentions, and the acronyms a
//! name defines in parentheses ("Revolutionary Guard (IRGC)").

use crate::analysis::names::{is_acronym, is_lower_camel, is_prefixed_name};
use crate::model::{EntityKind, Span};
use foldhash::HashMap;

use super::{Candidate, Confidence, RawMention};

/// Joins the tagger's mentions with the rules' mentions.
///
/// # Algorithm
/// The tagger decides boundaries and, mostly, kinds: it was trained on
/// labelled news and generalises better than rules. The rules add what a
/// tagger trained on 1990s wire copy cannot know:
/// 1. a rule mention that overlaps no tagged mention is added when the
///    gazetteer names what it stands for (an epithet such as "Supreme Leader",
///    "the Islamic Republic") or when it is an acronym defined in parentheses
///    ("Revolutionary Guard (IRGC)"), or a brand spelled "iPod" or "eBay", which
///    1990s copy never shows; other rule-only mentions are left out, because on
///    CoNLL-2003 dev they cost more precision than they add recall;
/// 2. a name the gazetteer knows whole that holds one tagged mention takes
///    its place ("Lib Dems", where the tagger found "Dems");
/// 3. a rule mention with exactly a tagged mention's span lends it its
///    canonical name (an epithet, a gazetteer alias), and its kind when the
///    tagger could only say "other" but a naming rule or the gazetteer knows
///    better ("Nour News" ends with an organisation word).
pub(super) fn combine(
    paragraphs: &[String],
    mut tagged: Vec<RawMention>,
    rules: Vec<Candidate>,
) -> Vec<RawMention> {
    // Tagged mentions do not overlap one another, so sorted by position their
    // ends are sorted too: the two lookups below are binary searches, which keeps
    // a paragraph with thousands of names linear (it was rules × tagged).
    tagged.sort_by_key(|m| (m.span.paragraph, m.span.start));
    let position = |s: &Span| (s.paragraph, s.start);
    // "Revolutionary Guard (IRGC)": the acronym a name defines is a mention too.
    // Only the nearest tagged mentions before the acronym can be its name.
    let defined_acronym = |c: &Candidate| {
        let before = tagged.partition_point(|t| position(&t.span) < position(&c.span));
        paragraphs.get(c.span.paragraph).is_some_and(|p| {
            tagged[before.saturating_sub(2)..before]
                .iter()
                .any(|name| defines_acronym(p, &name.span, &c.span))
        })
    };
    // A name the tagger missed that defines the acronym after it ("Desert
    // Lancers (DLR)") is as sure as one it found.
    let defining: Vec<bool> = (0..rules.len())
        .map(|i| {
            rules.get(i + 1).is_some_and(|acronym| {
                paragraphs
                    .get(rules[i].span.paragraph)
                    .is_some_and(|p| defines_acronym(p, &rules[i].span, &acronym.span))
            })
        })
        .collect();
    let defined: Vec<bool> = rules
        .iter()
        .enumerate()
        .map(|(i, c)| defined_acronym(c) || (i > 0 && defining[i - 1]))
        .collect();
    // An office named without its holder ("the Pope sent a letter") is a
    // person known by the office's name.
    let office = |c: &Candidate| {
        c.kind == EntityKind::Person
            && crate::analysis::gazetteer::epithet(&c.text).is_some_and(|e| e.office)
    };
    let mut added = Vec::new();
    for ((rule, defined), defining) in rules.into_iter().zip(defined).zip(defining) {
        // The first tagged mention that ends after the rule's start is the only
        // one that can overlap it.
        let first_after =
            tagged.partition_point(|t| (t.span.paragraph, t.span.end) <= position(&rule.span));
        // The one tagged mention inside a longer name the gazetteer knows
        // whole: "Lib Dems" where the tagger found "Dems".
        let alone_inside = tagged.get(first_after + 1).is_none_or(|next| {
            next.span.paragraph != rule.span.paragraph || next.span.start >= rule.span.end
        });
        // Where the first tagged mention inside the rule's run starts, if it is a person.
        let person_start = tagged
            .get(first_after)
            .filter(|t| {
                t.span.paragraph == rule.span.paragraph
                    && t.span.start < rule.span.end
                    && t.kind == EntityKind::Person
            })
            .map(|t| t.span.start);
        let overlapping = tagged
            .get_mut(first_after)
            .filter(|t| t.span.paragraph == rule.span.paragraph && t.span.start < rule.span.end);
        // "Qods (Quds) Day": a name written around a parenthesis, which the
        // tagger, reading word by word, cuts at it ("Qods").
        let around_parenthesis = rule.canonical.as_deref() == Some(rule.text.as_str())
            && paragraphs
                .get(rule.span.paragraph)
                .and_then(|p| p.get(rule.span.range()))
                .is_some_and(|written| written.contains('(') && !rule.text.contains('('));
        match overlapping {
            Some(t)
                if rule.canonical.is_some()
                    && (rule.confidence == Confidence::Known || around_parenthesis)
                    && alone_inside
                    && t.span != rule.span
                    && rule.span.start <= t.span.start
                    && t.span.end <= rule.span.end =>
            {
                *t = RawMention {
                    span: rule.span,
                    kind: rule.kind,
                    canonical: rule.canonical,
                };
            }
            None if rule.canonical.is_some()
                || defined
                || defining
                || office(&rule)
                || is_lower_camel(&rule.text) =>
            {
                added.push(RawMention {
                    span: rule.span,
                    kind: rule.kind,
                    canonical: rule.canonical,
                })
            }
            // "al-Qaeda", "al-Tanf": a name behind an Arabic article, which the
            // tagger reads as a lower-case word (in 1996 copy it was rare).
            // A place when the gazetteer knows the name behind the article,
            // else a body's (a movement's, a paper's), which its cues may
            // change; a surname of someone named in full joins that person
            // later (`repeats.rs`, `lone_surnames.rs`).
            None if !rule.text.contains(' ') && is_prefixed_name(&rule.text) => {
                let bare = rule.text.split_once('-').map_or("", |(_, rest)| rest);
                let kind = if crate::analysis::gazetteer::place(bare).is_some() {
                    EntityKind::Place
                } else {
                    EntityKind::Organization
                };
                added.push(RawMention {
                    span: rule.span,
                    kind,
                    canonical: rule.canonical,
                })
            }
            // "Spotify shares fell", "Uber and Lyft drivers": a listed company or a
            // brand, which 1996 wire copy could not teach the tagger, is a
            // firm's name unless its cues show its product (`kinds.rs`).
            None if is_listed_firm_or_brand(&rule.text) => added.push(RawMention {
                span: rule.span,
                kind: EntityKind::Organization,
                canonical: rule.canonical,
            }),
            Some(t) if t.span == rule.span => {
                let surer = rule.confidence >= Confidence::Rule && t.kind == EntityKind::Other;
                if rule.canonical.is_some() || surer {
                    t.kind = rule.kind;
                }
                if t.canonical.is_none() {
                    t.canonical = rule.canonical;
                }
            }
            // "Tesla Chief Executive Elon Musk": the tagger found the person
            // and missed the listed firm that opens the run before them.
            _ => {
                if let Some(firm) = person_start
                    .filter(|&start| start > rule.span.start)
                    .and_then(|start| leading_firm(paragraphs, rule.span, start))
                {
                    added.push(RawMention {
                        span: firm,
                        kind: EntityKind::Organization,
                        canonical: None,
                    });
                }
            }
        }
    }
    tagged.extend(added);
    tagged.sort_by_key(|m| (m.span.paragraph, m.span.start));
    align_defined_acronyms(paragraphs, &mut tagged);
    join_split_spellings(paragraphs, &mut tagged);
    tagged
}

/// "Time Warner said" where the article also writes "TimeWarner": the tagger
/// took the sentence's first word for an ordinary one and "Warner" for a
/// person. A one-word mention whose previous word, written together with it,
/// is a one-word name of the article becomes that name.
fn join_split_spellings(paragraphs: &[String], mentions: &mut [RawMention]) {
    let text = |m: &RawMention| m.text(paragraphs).unwrap_or("");
    // Names written in one word with a capital inside: "TimeWarner", "PlayStation".
    let joined: HashMap<String, EntityKind> = mentions
        .iter()
        .filter(|m| {
            let t = text(m);
            !t.contains(' ')
                && t.chars().skip(1).any(char::is_uppercase)
                && t.chars().any(char::is_lowercase)
        })
        .map(|m| (text(m).to_string(), m.kind))
        .collect();
    if joined.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let Some(para) = paragraphs.get(m.span.paragraph) else {
            continue;
        };
        let word = text(m);
        let Some(before) = para.get(..m.span.start).and_then(|b| b.strip_suffix(' ')) else {
            continue;
        };
        let prev = before
            .rsplit([' ', '"', '\u{201c}', '('])
            .next()
            .unwrap_or("");
        if prev.is_empty() || word.contains(' ') || !prev.starts_with(char::is_uppercase) {
            continue;
        }
        let together = format!("{prev}{word}");
        if let Some(&kind) = joined.get(&together) {
            m.span.start -= prev.len() + 1;
            m.kind = kind;
            m.canonical = Some(together);
        }
    }
}

/// True when `acronym` stands in parentheses right after `name` and the
/// initials of the name's capitalised words appear, in order, among its letters
/// ("Revolutionary Guard (IRGC)", "Desert Lancers (DLR)"; not "Jan Ullrich (GER)").
pub(super) fn defines_acronym(para: &str, name: &Span, acronym: &Span) -> bool {
    // Cheapest tests first: only " (" may stand between the two.
    if name.paragraph != acronym.paragraph
        || name.end > acronym.start
        || acronym.start - name.end > 8
    {
        return false;
    }
    let (Some(between), Some(name_text), Some(letters)) = (
        para.get(name.end..acronym.start),
        para.get(name.range()),
        para.get(acronym.range()),
    ) else {
        return false;
    };
    if between.trim() != "(" || !is_acronym(letters) {
        return false;
    }
    let initials = || {
        name_text
            .split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
    };
    let mut rest = letters.chars();
    initials().nth(1).is_some() && initials().all(|i| rest.any(|c| c == i))
}

/// A name followed by an acronym in parentheses ("Desert Lancers (DLR)") is one
/// thing with two names, and people do not have acronyms: both get the kind of
/// the name, an organization where the tagger took the name for a person.
pub(super) fn align_defined_acronyms(paragraphs: &[String], mentions: &mut [RawMention]) {
    for i in 1..mentions.len() {
        let (name, acronym) = (&mentions[i - 1], &mentions[i]);
        let defines = paragraphs
            .get(acronym.span.paragraph)
            .is_some_and(|p| defines_acronym(p, &name.span, &acronym.span));
        if defines {
            let kind = match name.kind {
                EntityKind::Person => EntityKind::Organization,
                kind => kind,
            };
            mentions[i - 1].kind = kind;
            mentions[i].kind = kind;
        }
    }
}

/// The longest run of whole words opening `run` and ending before `before`
/// that names a listed company or a brand ("Tesla" of "Tesla Chief Executive";
/// not "Planet" of "Planet Earth presenter", an ordinary word).
fn leading_firm(paragraphs: &[String], run: Span, before: usize) -> Option<Span> {
    let para = paragraphs.get(run.paragraph)?;
    let text = para.get(run.start..before)?;
    let ends = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .chain([text.trim_end().len()]);
    let mut best = None;
    for end in ends {
        if end > 0 && is_listed_firm_or_brand(&text[..end]) {
            best = Some(Span::new(run.paragraph, run.start, run.start + end));
        }
    }
    best
}

/// True for a listed company's or a brand's name ("Uber", "Spotify"), but
/// not one that is an ordinary word too ("Ghost Writer Tom Jones", "the
/// Maze": a capital there says nothing of the brand), nor a brand that is a
/// surname too ("Jameson"), nor a company that is a first name or a common
/// surname ("Pearson", "Fox": the brands leave those out already).
fn is_listed_firm_or_brand(text: &str) -> bool {
    use crate::analysis::gazetteer;
    (gazetteer::brand(text).is_some_and(|b| !b.surname) || gazetteer::is_company(text))
        && gazetteer::lowercase_share(text).is_none()
        && !gazetteer::is_first_name(text)
        && !gazetteer::is_common_surname(text)
}
