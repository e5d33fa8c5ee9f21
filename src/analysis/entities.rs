//! Finds mentions of people, organizations, places and other names in an
//! article's paragraphs: the first half of entity analysis (the second,
//! [`super::aliases`], merges the mentions into entities).
//!
//! The method is rules over capitalised token runs plus the [`gazetteer`]:
//! titles, organisation words, first names, place names, demonyms and
//! epithets split and classify each run, and a document-level pass lets the
//! surest reading of a name decide its other occurrences in the article.

use super::aliases::surname_forms;
use super::gazetteer::{self, PlaceClass, TitleRole};
use super::tokens::{self, Token, TokenKind, Tokenized};
use crate::model::{EntityKind, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

/// One mention before aliases are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMention {
    pub span: Span,
    pub kind: EntityKind,
    /// Canonical name when known already (a gazetteer alias such as "Supreme Leader").
    pub canonical: Option<String>,
}

/// How sure the rules are of a candidate's kind. The consistency pass lets the
/// surest reading of a name decide its weaker occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Confidence {
    /// No evidence beyond capitalisation.
    Guess,
    /// Context only: "X said", "in X".
    Cue,
    /// A naming rule: a title before it, an organisation word, a first name.
    Rule,
    /// The gazetteer knows the name.
    Known,
}

/// A mention found by the rules, before the document-level pass.
#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    kind: EntityKind,
    canonical: Option<String>,
    confidence: Confidence,
    /// The words of the name joined by single spaces (without a skipped parenthesis).
    text: String,
}

/// A capitalised word left out as an ordinary sentence-initial word; revived when
/// the article uses the same word as a name elsewhere ("Brown said" after "Gordon Brown").
#[derive(Debug, Clone)]
struct Dropped {
    span: Span,
    text: String,
}

/// Lower-case words that sit inside names: "Bashar al Assad", "Ludwig van Beethoven".
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "den", "van", "von", "da",
    "das", "dos", "du", "di", "la", "le", "y",
];

/// Lower-case prefixes of one-token names: "al-Assad", "el-Sisi".
const PARTICLE_PREFIXES: &[&str] = &[
    "al-", "el-", "ad-", "ash-", "as-", "at-", "ar-", "bin-", "ibn-", "abu-",
];

/// Last words that make a name an event, a law or a prize: kind Other.
const EVENT_WORDS: &[&str] = &[
    "Day",
    "Days",
    "War",
    "Cup",
    "Games",
    "Olympics",
    "Festival",
    "Awards",
    "Award",
    "Prize",
    "Championship",
    "Championships",
    "Open",
    "Act",
    "Treaty",
    "Accord",
    "Accords",
    "Summit",
    "Revolution",
    "Crisis",
    "Show",
    "Week",
    "Slam",
    "Bill",
    "Expo",
    "Marathon",
    "Trophy",
    "Tour",
];

/// Last words that make a name a place: "Guantanamo Bay", "Downing Street".
const PLACE_WORDS: &[&str] = &[
    "Bay",
    "Island",
    "Islands",
    "Isle",
    "River",
    "Mountain",
    "Mountains",
    "Mount",
    "Lake",
    "Sea",
    "Ocean",
    "Valley",
    "Coast",
    "Gulf",
    "Strait",
    "Peninsula",
    "Province",
    "Region",
    "Street",
    "Road",
    "Avenue",
    "Square",
    "Park",
    "Airport",
    "Bridge",
    "Hill",
    "Hills",
    "Desert",
    "Canal",
    "Beach",
    "Heights",
    "Stadium",
    "Arena",
];

/// Words after a name that show a person is meant: "Khamenei said", "Rouhani who".
const PERSON_CUES_AFTER: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "claimed",
    "stressed",
    "insisted",
    "argued",
    "explained",
    "warned",
    "admitted",
    "denied",
    "noted",
    "wrote",
    "replied",
    "urged",
    "asked",
    "who",
    "whose",
    "believes",
    "thinks",
    "resigned",
];

/// Prepositions before a one-word name that suggest a place: "in X". ("at" and
/// "from" are left out: "at Google", "from Sony" name companies as often.)
const PLACE_CUES_BEFORE: &[&str] = &["in", "near", "outside", "inside", "across"];

/// Finds every name mention in the paragraphs, in text order.
///
/// # Algorithm
/// Each paragraph is tokenised and split into sentences. Runs of capitalised
/// tokens (with name particles, `&`, "and" and "of (the)"/"for" after organisation
/// word) are cut into mentions by [`Scanner::classify`]. Then
/// [`make_consistent`] gives each name the kind of its surest occurrence,
/// marks single words that are the surname of a named person as that person,
/// and revives dropped sentence-initial words that the article uses as names.
pub fn find_mentions(paragraphs: &[String]) -> Vec<RawMention> {
    find_mentions_in(paragraphs, &tokens::split_paragraphs(paragraphs))
}

/// [`find_mentions`] over paragraphs already split by [`tokens::split_paragraphs`]
/// (`split[i]` is paragraph `i`), so that the caller can share the split.
pub fn find_mentions_in(paragraphs: &[String], split: &[Tokenized]) -> Vec<RawMention> {
    let rules = rule_mentions(paragraphs, split);
    let tagged = tagged_mentions(paragraphs, split);
    combine(paragraphs, tagged, rules)
}

/// The statistical tagger's mentions ([`super::tagger`]), as byte spans, with
/// leading titles taken off people ("Mr Blair" is Blair).
fn tagged_mentions(paragraphs: &[String], split: &[Tokenized]) -> Vec<RawMention> {
    // One document: every sentence of every paragraph, remembering where each token is.
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut places: Vec<(usize, &[Token])> = Vec::new();
    for (pi, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        for sentence in &tok.sentences {
            let toks = &tok.tokens[sentence.clone()];
            sentences.push(toks.iter().map(|t| t.text(para)).collect());
            places.push((pi, toks));
        }
    }
    let tagged = super::tagger::tag_document(&sentences);
    // Capitalised words seen inside sentences: names, whatever their dictionary use.
    let inner_caps: HashSet<&str> = sentences
        .iter()
        .flat_map(|words| {
            words
                .iter()
                .enumerate()
                .filter(|&(k, w)| !opens_sentence(words, k) && starts_upper(w))
                .map(|(_, w)| *w)
        })
        .collect();
    let mut out = Vec::new();
    for ((spans, words), (pi, ranges)) in tagged.iter().zip(&sentences).zip(&places) {
        for span in spans {
            let mut first = span.start_token;
            // A lone ordinary word that is capitalised only because it starts the
            // sentence ("All 28 people", "(Rural affairs minister)") is not a name.
            if opens_sentence(words, first)
                && span.end_token == first + 1
                && !inner_caps.contains(words[first])
                && gazetteer::lowercase_share(words[first]).is_some_and(|share| share >= 90)
            {
                continue;
            }
            if span.kind == EntityKind::Person {
                while first + 1 < span.end_token
                    && gazetteer::title(words[first]) == Some(TitleRole::Head)
                {
                    first += 1;
                }
            }
            if span.end_token - first == 1 && is_prefixed_adjective(words[first]) {
                continue;
            }
            // A lower-case word that cannot sit inside a name ("Jet Airways is India")
            // ends one name; what follows it may start another.
            let mut piece_start = first;
            for k in first..=span.end_token {
                let ends = k == span.end_token || breaks_name(words[k]);
                if !ends {
                    continue;
                }
                if k > piece_start
                    && starts_upper(words[piece_start])
                    && let (Some(start), Some(end)) = (ranges.get(piece_start), ranges.get(k - 1))
                {
                    // A "person" of two words or more ending in an organisation
                    // word ("Nour News", "Harbour Police") is an organisation.
                    let org_named = span.kind == EntityKind::Person
                        && k - piece_start >= 2
                        && gazetteer::is_org_word(words[k - 1]);
                    out.push(RawMention {
                        span: Span::new(*pi, start.start, end.end),
                        kind: if org_named {
                            EntityKind::Organization
                        } else {
                            span.kind
                        },
                        canonical: None,
                    });
                }
                piece_start = k + 1;
            }
        }
    }
    out
}

/// Joins the tagger's mentions with the rules' mentions.
///
/// # Algorithm
/// The tagger decides boundaries and, mostly, kinds: it was trained on
/// labelled news and generalises better than rules. The rules add what a
/// tagger trained on 1990s wire copy cannot know:
/// 1. a rule mention that overlaps no tagged mention is added when the
///    gazetteer names what it stands for (an epithet such as "Supreme Leader",
///    "the Islamic Republic") or when it is an acronym defined in parentheses
///    ("Revolutionary Guard (IRGC)"); other rule-only mentions are left out, because on
///    CoNLL-2003 dev they cost more precision than they add recall;
/// 2. a rule mention with exactly a tagged mention's span lends it its
///    canonical name (an epithet, a gazetteer alias), and its kind when the
///    tagger could only say "other" but a naming rule or the gazetteer knows
///    better ("Nour News" ends with an organisation word).
fn combine(
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
    let defined: Vec<bool> = rules.iter().map(defined_acronym).collect();
    let mut added = Vec::new();
    for (rule, defined) in rules.into_iter().zip(defined) {
        // The first tagged mention that ends after the rule's start is the only
        // one that can overlap it.
        let first_after =
            tagged.partition_point(|t| (t.span.paragraph, t.span.end) <= position(&rule.span));
        let overlapping = tagged
            .get_mut(first_after)
            .filter(|t| t.span.paragraph == rule.span.paragraph && t.span.start < rule.span.end);
        match overlapping {
            None if rule.canonical.is_some() || defined => added.push(RawMention {
                span: rule.span,
                kind: rule.kind,
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
            _ => {}
        }
    }
    tagged.extend(added);
    tagged.sort_by_key(|m| (m.span.paragraph, m.span.start));
    align_defined_acronyms(paragraphs, &mut tagged);
    tagged
}

/// True when `acronym` stands in parentheses right after `name` and the
/// initials of the name's capitalised words appear, in order, among its letters
/// ("Revolutionary Guard (IRGC)", "Desert Lancers (DLR)"; not "Jan Ullrich (GER)").
fn defines_acronym(para: &str, name: &Span, acronym: &Span) -> bool {
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
fn align_defined_acronyms(paragraphs: &[String], mentions: &mut [RawMention]) {
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

/// True for the first word of a sentence, also after an opening bracket or quote.
fn opens_sentence(words: &[&str], k: usize) -> bool {
    k == 0 || (k == 1 && matches!(words[0], "(" | "\"" | "“" | "'" | "‘"))
}

/// A lower-case word that is not one of the small words names are built with
/// ("Bank of England", "Ludwig van Beethoven", "Procter & Gamble").
fn breaks_name(word: &str) -> bool {
    const INSIDE_NAMES: &[&str] = &[
        "of", "and", "the", "for", "on", "upon", "in", "at", "de", "del", "della", "der", "den",
        "des", "di", "da", "do", "dos", "das", "du", "la", "le", "les", "van", "von", "y", "e",
        "al", "el", "bin", "ibn", "ben", "bint", "abu", "st", "&", "'s", "’s", "'", "’", "-", "a",
        "an", "to", "with", "by", "du",
    ];
    word.chars().next().is_some_and(char::is_lowercase)
        && !word.chars().any(char::is_uppercase)
        && !INSIDE_NAMES.contains(&word)
}

/// English prefixes that make an adjective of a name: "anti-Assad", "pro-Kremlin",
/// "post-Soviet". Such a word describes a stance, not a name a reader looks up.
fn is_prefixed_adjective(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "anti", "pro", "ex", "non", "post", "pre", "neo", "pan", "mid", "un", "semi", "multi",
        "trans", "inter", "intra", "sub", "super", "ultra", "counter", "former",
    ];
    word.split_once('-').is_some_and(|(prefix, rest)| {
        PREFIXES.contains(&prefix) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// The rules' mentions: capitalised runs classified by titles, organisation
/// words, first names and the gazetteer (see [`find_mentions`]'s algorithm).
fn rule_mentions(paragraphs: &[String], split: &[Tokenized]) -> Vec<Candidate> {
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
fn unresolve_absent_office_holders(paragraphs: &[String], candidates: &mut [Candidate]) {
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
fn is_shouting(para: &str, toks: &[Token]) -> bool {
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

/// First letter upper case.
fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `alt` looks like another spelling of `word` ("Qods"/"Quds",
/// "Kyiv"/"Kiev"): same first letter, nearly the same length, and not a known
/// place unless `word` is one too ("R Williams (Wales)" is no spelling).
fn is_respelling(word: &str, alt: &str) -> bool {
    let (a, b) = (word.chars().count(), alt.chars().count());
    word.chars().next() == alt.chars().next()
        && a >= 3
        && a.abs_diff(b) <= 2
        && (gazetteer::place(alt).is_none() || gazetteer::place(word).is_some())
}

/// An all-caps abbreviation of an ordinary thing, also in the plural ("TVs").
fn is_plain_plural(word: &str) -> bool {
    gazetteer::is_plain_acronym(word)
        || word
            .strip_suffix('s')
            .is_some_and(|stem| is_acronym(stem) && gazetteer::is_plain_acronym(stem))
}

/// "I'm", "We've", "They're": a pronoun with a verb, no name.
fn is_contraction(word: &str) -> bool {
    word.rsplit(['\'', '\u{2019}']).next().is_some_and(|tail| {
        tail.len() < word.len() && matches!(tail, "m" | "ve" | "re" | "ll" | "d" | "t")
    })
}

/// All letters upper case, at least two of them: an acronym such as "IRGC".
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// Walks one sentence and turns its capitalised runs into candidates.
struct Scanner<'a> {
    para: &'a str,
    paragraph: usize,
    toks: &'a [Token],
    sentence: Range<usize>,
    /// The sentence's first token that is not punctuation (its end if none):
    /// a word up to there starts the sentence.
    first_word: usize,
    out: &'a mut Vec<Candidate>,
    dropped: &'a mut Vec<Dropped>,
}

impl Scanner<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.para))
    }

    /// A one-token name with a lower-case particle prefix ("al-Assad").
    fn is_prefixed_name(&self, i: usize) -> bool {
        let w = self.word(i);
        // Every prefix ends with a hyphen: most words need no list search.
        w.contains('-')
            && PARTICLE_PREFIXES
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(starts_upper))
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
            && (starts_upper(self.word(i)) || self.is_prefixed_name(i))
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

    fn push(
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
    fn phrase(&self, idx: &[usize]) -> String {
        let mut s = String::new();
        for (n, &i) in idx.iter().enumerate() {
            if n > 0 {
                s.push(' ');
            }
            s.push_str(self.word(i));
        }
        s
    }

    /// Cuts one run (token indices) into candidates and classifies them.
    ///
    /// # Algorithm
    /// Day and month names split the run first. Then, left to right, at each position: take the
    /// whole rest as an epithet or a known place if it is one; split off a
    /// demonym or place before a title ("Syrian | President ..."); strip a
    /// title and remember that a person follows; drop an ordinary
    /// sentence-initial word; split after an organisation word followed by a
    /// person ("... Council | Ali ..."); drop ordinary words before a first
    /// name; split a demonym off another group word; what remains is one name,
    /// classified by [`Scanner::guess_kind`].
    fn classify(&mut self, idx: &[usize], initial: bool) {
        // Day and month names split a run ("Tehran Sunday"), except a month after a
        // first name, which is a surname ("Theresa May").
        let mut from = 0;
        for k in 0..idx.len() {
            let after_first_name = k > 0 && {
                let prev = self.word(idx[k - 1]);
                gazetteer::is_first_name(prev)
                    && gazetteer::lowercase_share(prev).is_none_or(|p| p < 50)
            };
            if gazetteer::is_weekday_or_month(self.word(idx[k])) && !after_first_name {
                if k > from {
                    self.classify_part(&idx[from..k], initial && from == 0);
                }
                from = k + 1;
            }
        }
        if from < idx.len() {
            self.classify_part(&idx[from..], initial && from == 0);
        }
    }

    /// [`Scanner::classify`] for a run without day or month names.
    ///
    /// Each step looks at the rest of the run (`idx[i..end]`) and either ends,
    /// or moves `i` on, or drops the last word (`end`), so a run of n words
    /// takes at most n steps; the questions about the rest that would read all
    /// of it ("where does a title run end?", "is there an organisation word
    /// before a name?") are answered by a [`RunIndex`] built once per run, so
    /// each step costs the same however long the run is.
    fn classify_part(&mut self, idx: &[usize], initial: bool) {
        let run = RunIndex::new(idx.len(), |p| self.word(idx[p]));
        let mut i = 0;
        let mut end = idx.len();
        let mut initial = initial;
        let mut titled = false;
        while i < end {
            let rest = &idx[i..end];
            let w0 = self.word(rest[0]);
            // A phrase longer than every gazetteer entry is none of them.
            let phrase =
                (rest.len() <= gazetteer::longest_entry_words()).then(|| self.phrase(rest));
            let phrase = phrase.as_deref();
            if let Some(e) = phrase.and_then(gazetteer::epithet) {
                self.push(
                    rest,
                    e.kind,
                    Some(e.canonical.to_string()),
                    Confidence::Known,
                );
                return;
            }
            if phrase.and_then(gazetteer::place).is_some() {
                let ordinary = initial
                    && rest.len() == 1
                    && gazetteer::lowercase_share(w0).is_some_and(|p| p >= 90);
                if !ordinary {
                    self.push(rest, EntityKind::Place, None, Confidence::Known);
                }
                return;
            }
            if rest.len() >= 2 {
                let next = self.word(rest[1]);
                let title_follows = run.title_len(i + 1, end).is_some();
                if gazetteer::demonym(w0).is_some()
                    && (title_follows
                        || gazetteer::demonym(next).is_some()
                        || (gazetteer::is_first_name(next) && rest.len() >= 3))
                {
                    self.push(&rest[..1], EntityKind::Other, None, Confidence::Known);
                    i += 1;
                    initial = false;
                    continue;
                }
                // A place or an unknown name before a title and a name: "East Midlands | MEP
                // Robert ...", "Labour | MP Fraser Kemp" (most often a party or employer).
                if let Some(j) = (1..rest.len().min(4)).rev().find(|&j| {
                    j + 1 < rest.len()
                        && run
                            .title_len(i + j, end)
                            .is_some_and(|h| j + h < rest.len())
                        && rest[..j]
                            .iter()
                            .all(|&t| gazetteer::title(self.word(t)).is_none())
                }) {
                    let prefix = &rest[..j];
                    let plain = prefix.iter().all(|&t| {
                        gazetteer::lowercase_share(self.word(t)).is_some_and(|p| p >= 90)
                    });
                    if !plain || !initial {
                        if gazetteer::place(&self.phrase(prefix)).is_some() {
                            self.push(prefix, EntityKind::Place, None, Confidence::Known);
                        } else if !plain {
                            self.push(prefix, EntityKind::Organization, None, Confidence::Guess);
                        }
                        i += j;
                        initial = false;
                        continue;
                    }
                }
            }
            if phrase.and_then(gazetteer::demonym).is_some() {
                self.push(rest, EntityKind::Other, None, Confidence::Known);
                return; // "South African"
            }
            if let Some(h) = run.title_len(i, end) {
                if h == rest.len() {
                    return; // a lone title names no one
                }
                let named = &rest[h..];
                let org_like = gazetteer::is_org_word(self.word(named[named.len() - 1]));
                if !org_like {
                    i += h;
                    titled = true;
                    initial = false;
                    continue;
                }
            }
            if initial && i == 0 {
                let share = gazetteer::lowercase_share(w0).unwrap_or(0);
                if rest.len() == 1 {
                    if share >= 50 || w0.chars().count() == 1 {
                        let t = &self.toks[rest[0]];
                        self.dropped.push(Dropped {
                            span: Span::new(self.paragraph, t.start, t.end),
                            text: w0.to_string(),
                        });
                        return;
                    }
                } else if share >= 90 || w0.chars().count() == 1 {
                    i += 1;
                    initial = false;
                    continue;
                }
            }
            initial = false;
            // "The East Midlands MEP, who ...", "Labour MPs", "US TV": a title or a plain
            // abbreviation at the end names no one; the words before it may, looked at
            // afresh.
            let tail = self.word(rest[rest.len() - 1]);
            if rest.len() >= 2
                && (gazetteer::title(tail) == Some(TitleRole::Head) || is_plain_plural(tail))
                && run.title_len(i, end).is_none()
            {
                end -= 1;
                titled = false;
                continue;
            }
            // An organisation word before a first name or title: "... Council | Ali ...".
            if let Some(k) = run.org_split(i, end) {
                self.push(
                    &rest[..=k],
                    EntityKind::Organization,
                    None,
                    Confidence::Rule,
                );
                i += k + 1;
                continue;
            }
            // Ordinary words and titles before a first name.
            if let Some(k) = run.first_name_after_ordinary(i, end) {
                i += k;
                titled |= rest[..k]
                    .iter()
                    .any(|&t| gazetteer::title(self.word(t)).is_some());
                continue;
            }
            if rest.len() == 1 && w0.chars().count() == 1 {
                return; // "I", "A": no names
            }
            if let Some((kind, confidence)) = self.guess_kind(rest, titled) {
                self.push(rest, kind, None, confidence);
            } else if rest.len() == 1 {
                let t = &self.toks[rest[0]];
                self.dropped.push(Dropped {
                    span: Span::new(self.paragraph, t.start, t.end),
                    text: w0.to_string(),
                });
            }
            return;
        }
    }

    /// The kind of a name no gazetteer entry or split rule decided, from word
    /// cues and context; `None` when it is no name after all.
    fn guess_kind(&self, idx: &[usize], titled: bool) -> Option<(EntityKind, Confidence)> {
        let n = idx.len();
        let first = self.word(idx[0]);
        let last = self.word(idx[n - 1]);
        let org_word = gazetteer::is_org_word(last);
        if titled {
            return Some(if org_word && n >= 2 {
                (EntityKind::Organization, Confidence::Rule)
            } else {
                (EntityKind::Person, Confidence::Rule)
            });
        }
        let org_of = n >= 3 && gazetteer::is_org_word(first) && self.word(idx[1]) == "of";
        if (n >= 2 && org_word) || org_of {
            return Some((EntityKind::Organization, Confidence::Rule));
        }
        if n >= 2 && EVENT_WORDS.contains(&last) {
            return Some((EntityKind::Other, Confidence::Rule));
        }
        if n >= 2 && PLACE_WORDS.contains(&last) {
            return Some((EntityKind::Place, Confidence::Rule));
        }
        if n == 1 && is_plain_plural(first) {
            return None;
        }
        if let Some(country) = gazetteer::demonym(first) {
            // "Swiss", or a name led by a nation: "Scottish Executive", "British Airways"
            // (a group word such as "Christian" can be a first name).
            if n == 1 {
                return Some((EntityKind::Other, Confidence::Known));
            }
            if !country.is_empty() {
                return Some((EntityKind::Organization, Confidence::Rule));
            }
        }
        // "The Little Mermaid": "The" capitalised inside a sentence starts a title of a work.
        if first == "The" && n >= 2 {
            return Some((EntityKind::Other, Confidence::Cue));
        }
        if n == 1 && is_acronym(first) {
            if gazetteer::is_plain_acronym(first) {
                return None;
            }
            return Some((EntityKind::Organization, Confidence::Cue));
        }
        if n == 1 && org_word {
            // A lone organisation word is a name only where it is usually capitalised (Parliament).
            return (gazetteer::lowercase_share(first).unwrap_or(0) < 20)
                .then_some((EntityKind::Organization, Confidence::Cue));
        }
        if (2..=4).contains(&n)
            && gazetteer::is_first_name(first)
            && gazetteer::lowercase_share(first).unwrap_or(0) < 90
        {
            return Some((EntityKind::Person, Confidence::Rule));
        }
        let end = idx[n - 1] + 1;
        let after = self.word(end);
        let after2 = self.word(end + 1);
        // An ordinary word, unless it is also a first name of middling commonness
        // ("polly", "toby" are in dictionaries; Polly and Toby are names).
        let ordinary = |w: &str| {
            let share = gazetteer::lowercase_share(w).unwrap_or(0);
            share >= 90 || (share >= 50 && !gazetteer::is_first_name(w))
        };
        // Words in title case ("Subs Not Used") are no name, unless an acronym is defined for them.
        let defines_acronym = self.word(end) == "(" && is_acronym(self.word(end + 1));
        if n >= 2
            && !defines_acronym
            && idx
                .iter()
                .all(|&i| ordinary(self.word(i)) || self.word(i).chars().count() == 1)
        {
            return None;
        }
        // People's names are made of name words: a cue does not make "Warner Bros" or
        // "AOL Europe" a person.
        let name_words = idx.iter().all(|&i| {
            let w = self.word(i);
            !ordinary(w) && (n == 1 || (!is_acronym(w) && gazetteer::place(w).is_none()))
        });
        // "TimeWarner", "NetRatings": capitals inside a word mark a brand.
        if n == 1
            && first.chars().skip(1).any(char::is_uppercase)
            && first.chars().any(char::is_lowercase)
        {
            return Some((EntityKind::Organization, Confidence::Cue));
        }
        if (PERSON_CUES_AFTER.contains(&after)
            || (after == "," && matches!(after2, "who" | "whose")))
            && (n == 1 || name_words)
        {
            return Some((EntityKind::Person, Confidence::Cue));
        }
        let before = if idx[0] > self.sentence.start {
            self.word(idx[0] - 1)
        } else {
            ""
        };
        if n == 1 && PLACE_CUES_BEFORE.contains(&before) {
            return Some((EntityKind::Place, Confidence::Cue));
        }
        if n == 1 {
            return (!ordinary(first)).then_some((EntityKind::Other, Confidence::Guess));
        }
        if name_words && n <= 3 {
            Some((EntityKind::Person, Confidence::Guess))
        } else {
            Some((EntityKind::Organization, Confidence::Guess))
        }
    }
}

/// Where, from each word of a run, the next word with a given gazetteer fact
/// stands: the questions [`Scanner::classify_part`] asks about the rest of a
/// run, each answered in constant time. Positions are indices into the run.
struct RunIndex {
    /// One slot per word and one past the end, where every search ends.
    at: Vec<RunSlot>,
}

#[derive(Debug, Clone, Copy)]
struct RunSlot {
    /// The word is a head title ("President", "Mr").
    head: bool,
    /// One past the last head title before this position; 0 for none.
    head_before: usize,
    /// The first position from here that is not a title word.
    title_run_end: usize,
    /// The first position from here of an organisation word followed by a
    /// first name or a title ("Council | Ali").
    org_split: usize,
    /// The first position from here of a first name.
    first_name: usize,
    /// The first position from here of a word that is neither a title nor an
    /// ordinary word.
    unordinary: usize,
}

impl RunIndex {
    /// Indexes the `n` words of a run, `word(p)` being the one at position `p`.
    fn new<'w>(n: usize, word: impl Fn(usize) -> &'w str) -> RunIndex {
        let end = RunSlot {
            head: false,
            head_before: 0,
            title_run_end: n,
            org_split: n,
            first_name: n,
            unordinary: n,
        };
        let mut at = vec![end; n + 1];
        // Backwards: each slot from the one after it.
        let (mut next_first, mut next_titled) = (false, false);
        for p in (0..n).rev() {
            let w = word(p);
            let title = gazetteer::title(w);
            let first = gazetteer::is_first_name(w);
            let share = gazetteer::lowercase_share(w).unwrap_or(0);
            let ordinary = title.is_some() || share >= 90 || (share >= 50 && !first);
            let splits = p + 1 < n && gazetteer::is_org_word(w) && (next_first || next_titled);
            let after = at[p + 1];
            at[p] = RunSlot {
                head: title == Some(TitleRole::Head),
                head_before: 0,
                title_run_end: if title.is_some() {
                    after.title_run_end
                } else {
                    p
                },
                org_split: if splits { p } else { after.org_split },
                first_name: if first { p } else { after.first_name },
                unordinary: if ordinary { after.unordinary } else { p },
            };
            (next_first, next_titled) = (first, title.is_some());
        }
        // Forwards: the last head title so far.
        let mut head_before = 0;
        for (p, slot) in at.iter_mut().enumerate() {
            slot.head_before = head_before;
            if slot.head {
                head_before = p + 1;
            }
        }
        RunIndex { at }
    }

    /// Length of a title at the start of the words `from..to` that ends in a
    /// head title ("Foreign Minister" → 2), when one does.
    fn title_len(&self, from: usize, to: usize) -> Option<usize> {
        let titles_end = self.at[from].title_run_end.min(to);
        let head_end = self.at[titles_end].head_before;
        (head_end > from).then(|| head_end - from)
    }

    /// For the words `from..to`, the first `k` from 1, with a word after it, at
    /// which an organisation word is followed by a first name or a title.
    fn org_split(&self, from: usize, to: usize) -> Option<usize> {
        let p = self.at[from + 1].org_split;
        (p + 1 < to).then(|| p - from)
    }

    /// For the words `from..to`, the first `k` from 1, with a word after it, at
    /// which a first name follows only titles and ordinary words.
    fn first_name_after_ordinary(&self, from: usize, to: usize) -> Option<usize> {
        let p = self.at[from + 1].first_name;
        (p + 1 < to && p <= self.at[from].unordinary).then(|| p - from)
    }
}

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
fn make_consistent(cands: &mut Vec<Candidate>, dropped: Vec<Dropped>) {
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

#[cfg(test)]
mod tests {

    #[test]
    fn rule_mentions_resolve_an_office_only_when_its_holder_is_named() {
        let alone = vec!["The talks were hosted by the US President in 2005.".to_string()];
        let m = rule_mentions(&alone, &tokens::split_paragraphs(&alone));
        let office: Vec<_> = m.iter().filter(|m| m.kind == EntityKind::Person).collect();
        assert_eq!(office.len(), 1, "{m:?}");
        assert_eq!(
            office[0].canonical, None,
            "a dated office is not resolved blindly"
        );

        let named = vec![
            "The talks were hosted by the US President.".to_string(),
            "Biden spoke first.".to_string(),
        ];
        let m = rule_mentions(&named, &tokens::split_paragraphs(&named));
        assert!(m.iter().any(|m| m.canonical.is_some()), "{m:?}");
    }
    use super::*;

    /// (surface, kind, canonical) of every mention in `text` (paragraphs split on blank lines).
    fn mention(paragraph: usize, start: usize, end: usize, kind: EntityKind) -> RawMention {
        RawMention {
            span: Span::new(paragraph, start, end),
            kind,
            canonical: None,
        }
    }

    fn candidate(
        span: Span,
        kind: EntityKind,
        canonical: Option<&str>,
        confidence: Confidence,
        text: &str,
    ) -> Candidate {
        Candidate {
            span,
            kind,
            canonical: canonical.map(str::to_string),
            confidence,
            text: text.to_string(),
        }
    }

    #[test]
    fn combine_keeps_tagged_spans_and_adds_epithets_and_defined_acronyms() {
        let p = vec![
            "The Supreme Leader met the Revolutionary Guard (RG) and Smith Jones in Paris."
                .to_string(),
        ];
        let at = |s: &str| p[0].find(s).unwrap_or(0);
        let guard = at("Revolutionary Guard");
        let smith = at("Smith Jones");
        let tagged = vec![
            mention(
                0,
                guard,
                guard + "Revolutionary Guard".len(),
                EntityKind::Organization,
            ),
            mention(0, smith, smith + "Smith Jones".len(), EntityKind::Other),
        ];
        let leader = at("Supreme Leader");
        let rg = at("RG)");
        let paris = at("Paris");
        let rules = vec![
            candidate(
                Span::new(0, leader, leader + 14),
                EntityKind::Person,
                Some("Someone Known"),
                Confidence::Known,
                "Supreme Leader",
            ),
            candidate(
                Span::new(0, rg, rg + 2),
                EntityKind::Organization,
                None,
                Confidence::Rule,
                "RG",
            ),
            candidate(
                Span::new(0, smith, smith + 11),
                EntityKind::Person,
                None,
                Confidence::Rule,
                "Smith Jones",
            ),
            candidate(
                Span::new(0, paris, paris + 5),
                EntityKind::Place,
                None,
                Confidence::Known,
                "Paris",
            ),
        ];
        let got: Vec<(&str, EntityKind, Option<String>)> = combine(&p, tagged, rules)
            .into_iter()
            .map(|m| (&p[0][m.span.range()], m.kind, m.canonical))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Supreme Leader",
                    EntityKind::Person,
                    Some("Someone Known".to_string())
                ),
                ("Revolutionary Guard", EntityKind::Organization, None),
                ("RG", EntityKind::Organization, None),
                // A naming rule corrects the tagger's "other".
                ("Smith Jones", EntityKind::Person, None),
            ],
            "a rule-only place without a canonical name is left to the tagger"
        );
    }

    #[test]
    fn find_mentions_takes_titles_off_tagged_people() {
        let p = vec!["Mr Blair and President Jacques Chirac met in Paris on Monday.".to_string()];
        let got: Vec<&str> = find_mentions(&p)
            .iter()
            .map(|m| &p[0][m.span.range()])
            .collect();
        assert!(
            got.contains(&"Blair") && got.contains(&"Jacques Chirac"),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|m| m.starts_with("Mr") || m.starts_with("President")),
            "{got:?}"
        );
    }

    #[test]
    fn find_mentions_leaves_out_capitalised_sentence_openers() {
        let p = vec![
            "All 28 people were held in Surrey.".to_string(),
            "(Rural affairs minister) Alun Michael met farmers in Leeds.".to_string(),
        ];
        let got: Vec<&str> = find_mentions(&p)
            .iter()
            .map(|m| &p[m.span.paragraph][m.span.range()])
            .collect();
        assert!(!got.contains(&"All") && !got.contains(&"Rural"), "{got:?}");
        assert!(got.contains(&"Surrey") && got.contains(&"Leeds"), "{got:?}");
    }

    #[test]
    fn breaks_name_keeps_the_small_words_of_names() {
        for word in ["of", "van", "al", "&", "de"] {
            assert!(!breaks_name(word), "{word}");
        }
        for word in ["is", "said", "was"] {
            assert!(breaks_name(word), "{word}");
        }
        assert!(!breaks_name("al-Assad") && !breaks_name("McDonald"));
    }

    #[test]
    fn find_mentions_leaves_out_prefixed_adjectives() {
        let p = vec!["The anti-Assad rebels and pro-Kremlin media met in Geneva.".to_string()];
        let got: Vec<&str> = find_mentions(&p)
            .iter()
            .map(|m| &p[0][m.span.range()])
            .collect();
        assert!(!got.iter().any(|m| m.contains('-')), "{got:?}");
        assert!(is_prefixed_adjective("anti-Assad") && !is_prefixed_adjective("al-Assad"));
    }

    /// What the rule layer finds (the tagger is tested in its own module).
    fn found(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
        let paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        rule_mentions(&paragraphs, &tokens::split_paragraphs(&paragraphs))
            .into_iter()
            .map(|m| {
                (
                    paragraphs[m.span.paragraph][m.span.range()].to_string(),
                    m.kind,
                    m.canonical,
                )
            })
            .collect()
    }

    fn surfaces(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _, _)| s).collect()
    }

    fn kind_of(text: &str, surface: &str) -> Option<EntityKind> {
        found(text)
            .into_iter()
            .find(|(s, _, _)| s == surface)
            .map(|(_, k, _)| k)
    }

    #[test]
    fn rule_mentions_strips_demonym_and_title_before_a_person() {
        let f = found("Chilean President Gabriela Montoya arrived in Lima on Monday.");
        assert_eq!(
            f,
            vec![
                ("Chilean".into(), EntityKind::Other, None),
                ("Gabriela Montoya".into(), EntityKind::Person, None),
                ("Lima".into(), EntityKind::Place, None),
            ]
        );
        assert_eq!(
            surfaces("Foreign Minister Tomas Vargenholt resigned."),
            ["Tomas Vargenholt"]
        );
        assert_eq!(
            kind_of(
                "Foreign Minister Tomas Vargenholt resigned.",
                "Tomas Vargenholt"
            ),
            Some(EntityKind::Person)
        );
    }

    #[test]
    fn rule_mentions_splits_after_an_organisation_word() {
        let f = found("A spokesman for the Northern Fisheries Council Maria Delgado spoke.");
        assert_eq!(
            f[0],
            (
                "Northern Fisheries Council".into(),
                EntityKind::Organization,
                None
            )
        );
        assert_eq!(f[1], ("Maria Delgado".into(), EntityKind::Person, None));
    }

    #[test]
    fn rule_mentions_defines_acronyms_in_parentheses() {
        let f = found("Officers of the Coastal Patrol Service (CPS) met. The CPS declined.");
        assert_eq!(
            f[0],
            (
                "Coastal Patrol Service".into(),
                EntityKind::Organization,
                None
            )
        );
        assert_eq!(f[1], ("CPS".into(), EntityKind::Organization, None));
        assert_eq!(f[2].0, "CPS");
    }

    #[test]
    fn rule_mentions_keeps_alternate_spellings_out_of_junk() {
        let f = found("Crowds marked Nowruz (Norooz) Day in the capital.");
        assert_eq!(
            f,
            vec![(
                "Nowruz (Norooz) Day".into(),
                EntityKind::Other,
                Some("Nowruz Day".into())
            )]
        );
        let f = found("He flew to Kyiv (Kiev) yesterday.");
        assert_eq!(f[0].0, "Kyiv");
        assert_eq!(
            f[1],
            ("Kiev".into(), EntityKind::Place, Some("Kyiv".into()))
        );
        // A parenthesis that is no other spelling stays apart: "S Bennett (Kent)".
        assert!(
            found("Referee: S Bennett (Kent). R Williams (Wales) scored.")
                .iter()
                .all(|(_, _, c)| c.is_none())
        );
    }

    #[test]
    fn rule_mentions_splits_a_demonym_before_a_name() {
        assert_eq!(
            surfaces("Chilean Rosa Quintero won."),
            ["Chilean", "Rosa Quintero"]
        );
        assert_eq!(
            surfaces("It told the US Department of Justice."),
            ["US Department of Justice"]
        );
    }

    #[test]
    fn rule_mentions_joins_numbers_after_org_words() {
        assert_eq!(
            surfaces("It aired on Channel 4 and on 3 channels."),
            ["Channel 4"]
        );
    }

    #[test]
    fn rule_mentions_joins_of_only_after_a_lone_org_word() {
        assert_eq!(
            surfaces("The Bank of England raised rates."),
            ["Bank of England"]
        );
        assert_eq!(
            kind_of("The Ministry of Defence said so.", "Ministry of Defence"),
            Some(EntityKind::Organization)
        );
        assert_eq!(
            surfaces("He praised the Harbour Guard of the Vestmark."),
            ["Harbour Guard", "Vestmark"]
        );
    }

    #[test]
    fn rule_mentions_drops_sentence_initial_ordinary_words() {
        assert!(
            surfaces("However, the plan failed. Some said so. Today's news. According to them.")
                .is_empty()
        );
        assert!(surfaces("\u{201c}Since then we have waited,\u{201d} he said.").is_empty());
        assert_eq!(
            surfaces("In Lima, officials met. The Andean Trade Commission agreed."),
            ["Lima", "Andean Trade Commission"]
        );
    }

    #[test]
    fn rule_mentions_ignores_days_months_and_lone_titles() {
        assert!(
            surfaces("On Sunday in March the President spoke to the Prime Minister.").is_empty()
        );
    }

    #[test]
    fn rule_mentions_excludes_possessives_and_stray_apostrophes() {
        assert_eq!(
            surfaces("Peru's economy and Chile' state media and Bolivia’s mines."),
            ["Peru", "Chile", "Bolivia"]
        );
    }

    #[test]
    fn rule_mentions_uses_gazetteer_places_demonyms_and_epithets() {
        let f = found(
            "The United Arab Emirates and the Islamic Republic signed. Some Iranians cheered.",
        );
        assert_eq!(
            f[0],
            ("United Arab Emirates".into(), EntityKind::Place, None)
        );
        assert_eq!(
            f[1],
            (
                "Islamic Republic".into(),
                EntityKind::Place,
                Some("Iran".into())
            )
        );
        assert_eq!(f[2], ("Iranians".into(), EntityKind::Other, None));
        assert_eq!(
            found("Peru-backed talks")[0],
            ("Peru".into(), EntityKind::Place, None)
        );
    }

    #[test]
    fn rule_mentions_reads_person_cues() {
        assert_eq!(
            kind_of("Later, Okonkwo said the vote was fair.", "Okonkwo"),
            Some(EntityKind::Person)
        );
        assert_eq!(
            kind_of("The deal pleased Okonkwo, who smiled.", "Okonkwo"),
            Some(EntityKind::Person)
        );
        assert_eq!(
            kind_of("The ship docked in Varnholt yesterday.", "Varnholt"),
            Some(EntityKind::Place)
        );
    }

    #[test]
    fn rule_mentions_keeps_names_with_particles_and_hyphens() {
        assert_eq!(
            surfaces("Yesterday Rafael de la Vega met Omar al-Tamimi."),
            ["Rafael de la Vega", "Omar al-Tamimi"]
        );
    }

    #[test]
    fn rule_mentions_gives_a_name_its_surest_kind_everywhere() {
        // "Okonkwo" alone has no cue; the full name with a first name makes it a person.
        let text = "Okonkwo criticised the plan.\n\nLater, Grace Okonkwo left.";
        assert_eq!(kind_of(text, "Okonkwo"), Some(EntityKind::Person));
        // A sentence-initial word that is a surname in the article comes back.
        let text = "Mr Gordon Brown spoke.\n\nBrown left early.";
        assert_eq!(surfaces(text), ["Gordon Brown", "Brown"]);
    }

    #[test]
    fn rule_mentions_skips_headlines_in_capitals() {
        assert!(surfaces("SOCCER - LEADING RESULTS FROM SUNDAY").is_empty());
    }

    #[test]
    fn rule_mentions_reads_long_runs_of_capitalised_words_in_one_pass() {
        // Each word of a run used to cost a scan of the rest of the run, and a
        // trailing title or abbreviation a recursive call each: 50,000 of them
        // overflowed the stack.
        let texts = |paragraph: String| {
            let paragraphs = vec![paragraph];
            let found = rule_mentions(&paragraphs, &tokens::split_paragraphs(&paragraphs));
            found.into_iter().map(|c| c.text).collect::<Vec<_>>()
        };
        for word in ["MPs", "President"] {
            let run = format!("{word} ").repeat(50_000);
            assert_eq!(
                texts(format!("The talks ended. Smith {run}spoke.")),
                ["Smith"]
            );
        }
        let demonyms = texts("Syrian Iranian ".repeat(50_000));
        assert_eq!(demonyms.len(), 100_000);
        // Words after a long run of opening brackets still start the sentence.
        let names = texts(format!(
            "Talks. {}{}",
            "( ".repeat(50_000),
            "Bob ( ".repeat(1_000)
        ));
        assert_eq!(names.len(), 1_000);
    }

    /// The scans [`RunIndex`] stands in for, as `classify_part` wrote them.
    fn scanned_title_len(words: &[&str]) -> Option<usize> {
        let mut last_head = None;
        for (k, w) in words.iter().enumerate() {
            match gazetteer::title(w) {
                Some(TitleRole::Head) => last_head = Some(k + 1),
                Some(TitleRole::Modifier) => {}
                None => break,
            }
        }
        last_head
    }

    fn scanned_org_split(rest: &[&str]) -> Option<usize> {
        (1..rest.len().saturating_sub(1)).find(|&k| {
            gazetteer::is_org_word(rest[k])
                && (gazetteer::is_first_name(rest[k + 1])
                    || gazetteer::title(rest[k + 1]).is_some())
        })
    }

    fn scanned_first_name(rest: &[&str]) -> Option<usize> {
        (1..rest.len().saturating_sub(1)).find(|&k| {
            gazetteer::is_first_name(rest[k])
                && rest[..k].iter().all(|w| {
                    let share = gazetteer::lowercase_share(w).unwrap_or(0);
                    gazetteer::title(w).is_some()
                        || share >= 90
                        || (share >= 50 && !gazetteer::is_first_name(w))
                })
        })
    }

    proptest::proptest! {
        #[test]
        fn run_index_answers_like_a_scan_of_the_rest(
            picks in proptest::collection::vec(0usize..16, 0..14)
        ) {
            const WORDS: [&str; 16] = [
                "President", "Mr", "Foreign", "Minister", "Council", "Bank", "Ali", "John",
                "The", "House", "Smith", "MPs", "Syrian", "Prime", "Party", "New",
            ];
            let words: Vec<&str> = picks.iter().map(|&p| WORDS[p]).collect();
            let run = RunIndex::new(words.len(), |p| words[p]);
            for from in 0..words.len() {
                for to in from + 1..=words.len() {
                    let rest = &words[from..to];
                    proptest::prop_assert_eq!(run.title_len(from, to), scanned_title_len(rest));
                    proptest::prop_assert_eq!(run.org_split(from, to), scanned_org_split(rest));
                    proptest::prop_assert_eq!(
                        run.first_name_after_ordinary(from, to),
                        scanned_first_name(rest)
                    );
                }
            }
        }
    }
}
