//! Attributes each quote to its speaker: the last per-article analysis step,
//! run after [`super::quotes`] found the quotes and [`super::aliases`] merged
//! the entities. A speaker is always one of the article's entities.

mod gender;
mod lookback;
mod nominal;
mod nouns;
mod patterns;
mod subject;
mod trailing;

use super::quotes::QuoteSpan;
use super::tokens::{self, Token, Tokenized};
use crate::model::{Entity, EntityKind};
use gender::{Gender, genders};
use lookback::{Lookback, ends_like_verb, is_subject};
use std::ops::Range;

/// Verbs that report speech, sorted for binary search, each with whether it may
/// come before its subject (`"…," said Holt`); verbs whose object is a person
/// (`told`, `urged`) may not. Nouns that share a verb's spelling (`claim`,
/// `warning`, `state`) are left out: the nearest "verb" before a quote must be one.
#[rustfmt::skip]
const SPEECH_VERBS: &[(&str, bool)] = &[
    ("accused", false), ("accusing", false), ("acknowledged", true), ("add", true), ("added", true),
    ("adding", true), ("adds", true), ("admits", true), ("admitted", true), ("admitting", true),
    ("agreed", true), ("alleged", true), ("announced", true), ("announcing", true), ("answered", true),
    ("argue", true), ("argued", true), ("argues", true), ("arguing", true), ("ask", true), ("asked", true),
    ("asking", true), ("asks", true), ("asserted", true), ("boasted", true), ("branded", false),
    ("called", false), ("calling", false), ("cautioned", true), ("claimed", true), ("claiming", true),
    ("claims", true), ("commented", true), ("commenting", true), ("complained", true), ("complaining", true),
    ("conceded", true), ("concluded", true), ("condemned", false), ("confirmed", true), ("confirming", true),
    ("contended", true), ("continued", true), ("countered", true), ("criticised", false),
    ("criticising", false), ("criticized", false), ("criticizing", false), ("declared", true),
    ("declaring", true), ("demanded", true), ("denied", true), ("denies", true), ("denying", true),
    ("described", false), ("describes", false), ("describing", false), ("dismissed", false),
    ("dubbed", false), ("emphasised", true), ("emphasising", true), ("emphasized", true),
    ("emphasizing", true), ("exclaimed", true), ("explain", true), ("explained", true), ("explaining", true),
    ("explains", true), ("hailed", false), ("insist", true), ("insisted", true), ("insisting", true),
    ("insists", true), ("joked", true), ("labeled", false), ("labelled", false), ("laughed", true),
    ("maintained", true),
    ("maintains", true), ("noted", true), ("noting", true), ("observed", true), ("pledged", true),
    ("pointed", true), ("praised", false), ("predicted", true), ("predicting", true), ("promised", true),
    ("quipped", true), ("recalled", true), ("recalling", true), ("recounted", true), ("reiterated", true),
    ("remarked", true), ("replied", true), ("replying", true), ("reported", true), ("responded", true),
    ("retorted", true), ("revealed", true), ("said", true), ("say", true), ("saying", true), ("says", true),
    ("shouted", true), ("stated", true), ("stressed", true), ("stresses", true), ("stressing", true),
    ("suggested", true), ("suggesting", true), ("suggests", true), ("tell", false), ("telling", false),
    ("tells", false), ("testified", true), ("told", false), ("tweeted", true), ("underlined", true),
    ("urged", false), ("urges", false), ("urging", false), ("vowed", true), ("vowing", true), ("warn", true),
    ("warned", true), ("warns", true), ("welcomed", false), ("whispered", true), ("writes", true),
    ("wrote", true), ("yelled", true),
];

/// Words that may stand between a subject and its speech verb (`Holt also said`,
/// `Holt on Monday said`, `Holt has repeatedly said`).
#[rustfmt::skip]
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "'s", "\u{2019}s", "again", "already", "also", "are", "been", "could", "earlier", "even", "friday", "further", "had", "has", "have",
    "is", "just", "last", "later", "may", "might", "monday", "night", "on", "once", "often", "previously",
    "privately", "publicly", "recently", "repeatedly", "reportedly", "saturday", "separately", "subsequently",
    "sunday", "then", "thursday", "today", "tonight", "too", "tuesday", "was", "wednesday", "week", "were",
    "will", "would", "yesterday",
];

/// Prepositions: a name after one is not a subject (`of Holt claims`).
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "about", "against", "among", "at", "by", "for", "from", "in", "of", "on", "to", "with",
];

/// Words that open a participle clause whose subject is the main clause's (`before asking`).
#[rustfmt::skip]
const SUBORDINATORS: &[&str] = &[
    "after", "before", "by", "in", "since", "when", "while", "without",
];

/// Words that can begin the subject of a trailing attribution (`"…," the mayor said`).
const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "one", "our", "the", "their",
];

/// Words after a name that show it is not the subject of a clause (`Holt, who`, `Holt of`).
#[rustfmt::skip]
const NOT_A_PREDICATE: &[&str] = &[
    "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "than", "that", "the",
    "to", "which", "who", "whom", "whose", "with",
];

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

/// Looks `word` up in [`SPEECH_VERBS`], ignoring ASCII case; `Some(invertible)` if it is one.
fn speech_verb(word: &str) -> Option<bool> {
    let mut buf = [0u8; 16];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    SPEECH_VERBS
        .binary_search_by(|(v, _)| v.cmp(&lower))
        .ok()
        .map(|i| SPEECH_VERBS[i].1)
}

/// A lower-case adverb of manner, which may stand between a subject and its
/// verb (`Holt forcefully told`, `Holt angrily denied`).
fn is_manner_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_ascii_lowercase())
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A third-person pronoun that can stand for a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    They,
    It,
    /// `I`, `we`, `you`: the speaker is not named here.
    Other,
}

fn pronoun(word: &str) -> Option<Pronoun> {
    const PRONOUNS: &[(&str, Pronoun)] = &[
        ("he", Pronoun::He),
        ("she", Pronoun::She),
        ("they", Pronoun::They),
        ("it", Pronoun::It),
        ("i", Pronoun::Other),
        ("we", Pronoun::Other),
        ("you", Pronoun::Other),
    ];
    PRONOUNS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, p)| p)
}

/// Rank of a kind when choosing among mentions: people speak first, then organizations.
fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

/// One entity mention, flattened for lookups by byte position.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    entity: usize,
    kind: EntityKind,
}

/// Every paragraph's mentions, sorted by start.
struct Mentions(Vec<Vec<Mention>>);

impl Mentions {
    /// Indexes the mentions, leaving out any that do not slice its paragraph.
    fn new(paragraphs: &[String], entities: &[Entity]) -> Self {
        let mut by_paragraph = vec![Vec::new(); paragraphs.len()];
        for (entity, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let valid = paragraphs
                    .get(m.paragraph)
                    .is_some_and(|t| m.start < m.end && t.get(m.range()).is_some());
                if valid && let Some(list) = by_paragraph.get_mut(m.paragraph) {
                    list.push(Mention {
                        start: m.start,
                        end: m.end,
                        entity,
                        kind: e.kind,
                    });
                }
            }
        }
        for list in &mut by_paragraph {
            list.sort_by_key(|m| (m.start, kind_rank(m.kind)));
        }
        Mentions(by_paragraph)
    }

    fn of(&self, paragraph: usize) -> &[Mention] {
        self.0.get(paragraph).map_or(&[], Vec::as_slice)
    }
}

/// The best mention overlapping `range` in a sorted list: a person before an organization.
fn covering(mentions: &[Mention], range: Range<usize>) -> Option<Mention> {
    let upto = mentions.partition_point(|m| m.start < range.end);
    mentions[..upto]
        .iter()
        .rev()
        .take(8) // mentions barely overlap; a few steps back reach every candidate
        .filter(|m| m.end > range.start)
        .min_by_key(|m| kind_rank(m.kind))
        .copied()
}

/// Who was most recently named as a subject or speaker: what pronouns refer to.
struct Salience<'a> {
    entities: &'a [Entity],
    genders: Vec<Option<Gender>>,
    /// Most recent last; each entity at most once.
    recent: Vec<usize>,
    /// The last quote's speaker and its paragraph.
    last_speaker: Option<(usize, usize)>,
}

impl Salience<'_> {
    fn note(&mut self, entity: usize) {
        self.recent.retain(|&e| e != entity);
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push(entity);
    }

    fn note_speaker(&mut self, entity: usize, paragraph: usize) {
        self.note(entity);
        self.last_speaker = Some((entity, paragraph));
    }

    fn resolve(&self, pronoun: Pronoun) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&e| self.fits(pronoun, e))
    }

    /// Whether `pronoun` can stand for entity `e` (kind, and gender when known).
    fn fits(&self, pronoun: Pronoun, e: usize) -> bool {
        let kind = |e: usize| self.entities[e].kind;
        match pronoun {
            Pronoun::He => kind(e) == EntityKind::Person && self.genders[e] != Some(Gender::Female),
            Pronoun::She => kind(e) == EntityKind::Person && self.genders[e] != Some(Gender::Male),
            Pronoun::They => matches!(kind(e), EntityKind::Person | EntityKind::Organization),
            Pronoun::It => kind(e) == EntityKind::Organization,
            Pronoun::Other => false,
        }
    }
}

/// What one quote's own context says about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Local {
    /// An attribution names this entity.
    Found(usize),
    /// An attribution is there but names no known entity (`the mayor said`).
    Unnamed,
    /// A transcript label opens the quote (`"HOLT: …`): this piece and the
    /// pieces after it in the same quotation are that speaker's, if known.
    Labelled(Option<usize>),
    /// No attribution in the quote's sentence.
    Missing {
        /// Nothing but the quote from its sentence start (so it may be attributed by the sentence before).
        whole_start: bool,
        /// Nothing but the quote up to its sentence end.
        whole_end: bool,
        /// The speaker of a short attribution sentence right after (`"…." Holt said.`).
        next: Option<usize>,
        /// The speaker of reported speech in the sentence right before.
        prev: Option<usize>,
    },
}

impl Local {
    fn from(found: Option<usize>) -> Self {
        found.map_or(Local::Unnamed, Local::Found)
    }
}

/// One paragraph, tokenized, with which tokens lie inside quotes.
struct Para<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Sentence index of each token.
    sentence_of: Vec<usize>,
    sentences: &'a [Range<usize>],
    /// Whether each token lies inside a quote (marks included).
    quoted: Vec<bool>,
    mentions: &'a [Mention],
}

impl<'a> Para<'a> {
    fn new(
        text: &'a str,
        split: &'a Tokenized,
        quote_ranges: &[Range<usize>],
        mentions: &'a [Mention],
    ) -> Self {
        let (tokens, sentences) = (&split.tokens[..], &split.sentences[..]);
        let mut sentence_of = vec![0; tokens.len()];
        for (s, range) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[range.clone()] {
                *slot = s;
            }
        }
        let mut quoted = vec![false; tokens.len()];
        let mut r = 0;
        for (t, token) in tokens.iter().enumerate() {
            while r < quote_ranges.len() && quote_ranges[r].end <= token.start {
                r += 1;
            }
            quoted[t] = quote_ranges.get(r).is_some_and(|q| q.start <= token.start);
        }
        Para {
            text,
            tokens,
            sentence_of,
            sentences,
            quoted,
            mentions,
        }
    }

    fn word(&self, t: usize) -> &'a str {
        self.tokens[t].text(self.text)
    }

    /// Index of the first token starting at or after byte `pos`.
    fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    fn mention(&self, t: usize) -> Option<Mention> {
        covering(self.mentions, self.tokens[t].range())
    }

    /// Unquoted tokens of sentence `s` within `range` of token indices.
    fn unquoted(&self, range: Range<usize>) -> Vec<usize> {
        range.filter(|&t| !self.quoted[t]).collect()
    }

    /// The entity of the first mention among `toks`, a person before an
    /// organization before anything else; places only when `any_kind`.
    fn first_mention(&self, toks: &[usize], any_kind: bool) -> Option<usize> {
        let mut best: Option<Mention> = None;
        for &t in toks {
            if let Some(m) = self.mention(t)
                && best.is_none_or(|b| kind_rank(m.kind) < kind_rank(b.kind))
            {
                best = Some(m);
            }
        }
        best.filter(|m| any_kind || kind_rank(m.kind) <= 1)
            .map(|m| m.entity)
    }

    /// An attribution before the opening mark in the same sentence: the subject
    /// of the speech verb nearest before the quote (`Holt said: "…"`, `Holt
    /// told the BBC: "…"`, `Holt said X harbored a "…"`), or `according to X`,
    /// or a name opening a sentence that ends in a colon.
    /// `several_words` is false for a one-word quote, which without a speech
    /// verb is more often a term the writer quotes (`a "fiery" queen`) than
    /// the subject's words.
    fn leading(&self, toks: &[usize], salience: &Salience, several_words: bool) -> Option<Local> {
        // The verb nearest the quote, unless its subject names no one (`Holt
        // said it would tell "…"`): then the verb of the clause around it.
        // `… including Jane Holt -- "…"`: a name set before the quote by a dash.
        let dashes = toks
            .iter()
            .rev()
            .take(2)
            .take_while(|&&t| patterns::is_dash(self.word(t)))
            .count();
        if dashes > 0
            && let Some(m) = toks
                .len()
                .checked_sub(dashes + 1)
                .and_then(|n| self.mention(toks[n]))
                .filter(|m| m.kind == EntityKind::Person)
            && !self.after_preposition(toks, m, true)
        {
            return Some(Local::Found(m.entity));
        }
        if let Some(local) = self.noun_owner(toks, salience) {
            return Some(local);
        }
        let mut nearest = None;
        let verbs = (0..toks.len())
            .rev()
            .filter(|&v| speech_verb(self.word(toks[v])).is_some())
            .take(LEADING_VERBS);
        for v in verbs {
            if self.used_as_noun(toks, v) {
                continue;
            }
            let local = self.subject_of(toks, v, salience);
            if matches!(local, Local::Found(_)) {
                return Some(local);
            }
            nearest.get_or_insert((v, local));
        }
        if let Some((v, local)) = nearest {
            // `Holt sent tweets saying "…"`: a participle speaks for the clause's subject.
            if self.word(toks[v]).ends_with("ing")
                && let Some(subject) = self.clause_subject(&toks[..v], salience)
            {
                return Some(subject);
            }
            return Some(local);
        }
        if let Some(according) = toks.windows(2).position(|w| {
            self.word(w[0]).eq_ignore_ascii_case("according") && self.word(w[1]) == "to"
        }) {
            let after = &toks[according + 2..];
            return Some(Local::from(
                self.first_mention(&after[..after.len().min(INVERTED_WINDOW)], true),
            ));
        }
        // `Holt "totally condemned" the plan`: the quote is the named person's predicate.
        if let Some(m) = toks
            .last()
            .and_then(|&t| self.mention(t))
            .filter(|m| kind_rank(m.kind) <= 1)
        {
            return Some(Local::Found(m.entity));
        }
        // `Holt's answer was short: "…"`: a colon announces speech by the sentence's subject.
        if toks.last().is_some_and(|&t| self.word(t) == ":")
            && let Some(e) = self.first_mention(&toks[..toks.len().min(SUBJECT_START)], false)
        {
            return Some(Local::Found(e));
        }
        several_words
            .then(|| self.clause_subject(toks, salience))
            .flatten()
    }

    /// Whether the "verb" at `toks[v]` is a noun of the same spelling, after a
    /// determiner or a name in a prepositional phrase (`of Republican claims`).
    fn used_as_noun(&self, toks: &[usize], v: usize) -> bool {
        let verb = self.word(toks[v]);
        let Some(prev) = v.checked_sub(1).filter(|_| nouns::is_speech_noun(verb)) else {
            return false;
        };
        let word = self.word(toks[prev]);
        if is_one_of(word, DETERMINERS) || is_one_of(word, &["of", "these", "those", "such"]) {
            return true;
        }
        self.mention(toks[prev])
            .is_some_and(|m| self.after_preposition(&toks[..prev], m, false))
    }

    /// Whether the word before mention `m` among `toks` is a preposition
    /// (`supportive of Mr Holt`): the name is not a subject then.
    /// With `past_titles`, capitalised words between are skipped (`of Mr. Holt`;
    /// an office such as `Secretary of State Holt` then reads as after `of`).
    fn after_preposition(&self, toks: &[usize], m: Mention, past_titles: bool) -> bool {
        let Some(mut i) = toks.iter().rposition(|&t| self.tokens[t].end <= m.start) else {
            return false;
        };
        for _ in 0..if past_titles { 3 } else { 0 } {
            let w = self.word(toks[i]);
            if !(w == "." || w.starts_with(char::is_uppercase)) || i == 0 {
                break;
            }
            i -= 1;
        }
        is_one_of(self.word(toks[i]), PREPOSITIONS)
    }

    /// The subject of the speech verb at `toks[v]`.
    /// The subject of the last speech verb in `before` (the tokens before a
    /// coordinated or subordinate verb, a prefix of `toks`), else of the
    /// clause they make.
    fn main_clause_subject(
        &self,
        before: &[usize],
        toks: &[usize],
        salience: &Salience,
    ) -> Option<Local> {
        match before
            .iter()
            .rposition(|&t| speech_verb(self.word(t)).is_some())
        {
            Some(main) => Some(self.subject_of(toks, main, salience)),
            None => self.clause_subject(before, salience),
        }
    }

    fn subject_of(&self, toks: &[usize], v: usize, salience: &Salience) -> Local {
        let skip_between = |mut k: usize| {
            while k > 0 && {
                let w = self.word(toks[k - 1]);
                is_one_of(w, BETWEEN_SUBJECT_AND_VERB) || is_manner_adverb(w)
            } {
                k -= 1;
            }
            k
        };
        let is = |k: usize, word: &str| self.word(toks[k]).eq_ignore_ascii_case(word);
        let mut k = skip_between(v);
        // `he was formally called to`, `Holt was told`, `the body is said to`: a
        // passive names no speaker.
        let verb = self.word(toks[v]);
        if (verb.ends_with("ed") || is_one_of(verb, &["told", "said"]))
            && toks[k..v]
                .iter()
                .any(|&t| is_one_of(self.word(t), &["was", "were", "is", "are", "been", "be"]))
        {
            return Local::Unnamed;
        }
        if k >= 1 && self.word(toks[k - 1]) == ")" {
            // `Holt (D-Calder) said`: past the parenthesis.
            if let Some(open) = toks[..k - 1].iter().rposition(|&t| self.word(t) == "(") {
                k = skip_between(open);
            }
        }
        if k >= 1 && is_one_of(self.word(toks[k - 1]), &["and", "but", "or"]) {
            // `Holt called it "…" and called for "…"`: the first verb's subject.
            if let Some(local) = self.main_clause_subject(&toks[..k - 1], toks, salience) {
                return local;
            }
        }
        if k >= 2 && is(k - 1, "as") && is(k - 2, "quoted") {
            // `Holt was quoted as saying "…"`
            k = skip_between(k - 2);
        } else if k >= 1 && is(k - 1, "to") {
            // `Holt went on to say: "…"`, `Holt wanted to tell them "…"`: past the governing verb.
            k -= 1;
            let mut words = 0;
            while k > 0
                && words < 3
                && self.word(toks[k - 1]).starts_with(char::is_lowercase)
                && pronoun(self.word(toks[k - 1])).is_none()
            {
                k -= 1;
                words += 1;
            }
        }
        let gerund = self.word(toks[v]).ends_with("ing");
        if k == 0 && !gerund {
            // `Said Holt: "…"`
            return self.inverted(&toks[v + 1..], salience);
        }
        if gerund && k > 0 && is_one_of(self.word(toks[k - 1]), SUBORDINATORS) {
            // `Holt sang to Brandt before asking her, "…"`: the main clause's subject.
            if let Some(local) = self.main_clause_subject(&toks[..k - 1], toks, salience) {
                return local;
            }
        }
        if k == 0 || (gerund && self.word(toks[k - 1]) == ",") {
            // `Holt said it was "…", adding: "…"`, `Holt left, saying "…"`: the
            // participle has no subject of its own; the main clause's speaks.
            if let Some(main) = toks[..k]
                .iter()
                .rposition(|&t| speech_verb(self.word(t)).is_some())
            {
                return self.subject_of(toks, main, salience);
            }
            if let Some(p) = toks.first().and_then(|&t| pronoun(self.word(t))) {
                return Local::from(salience.resolve(p));
            }
            return Local::from(self.first_mention(&toks[..k], false));
        }
        let before = toks[k - 1];
        if let Some(m) = self.mention(before) {
            return Local::Found(m.entity);
        }
        let word = self.word(before);
        if let Some(p) = pronoun(word) {
            // `Holt condemned what she called "…"`: the clause's subject, if it fits.
            if let Some(Local::Found(e)) = self.clause_subject(&toks[..k - 1], salience)
                && salience.fits(p, e)
            {
                return Local::Found(e);
            }
            return Local::from(salience.resolve(p));
        }
        if word == "," || patterns::is_dash(word) {
            return self.appositive_subject(&toks[..k - 1]);
        }
        // A common-noun subject (`the IRGC spokesman said`): a person or
        // organization named inside the noun phrase, never a place.
        let phrase_start = toks[..k]
            .iter()
            .rposition(|&t| {
                let w = self.word(t);
                is_one_of(w, DETERMINERS)
                    || !w.starts_with(char::is_alphanumeric) && w != "'s" && w != "’s"
            })
            .map_or(0, |i| i + 1);
        let phrase = &toks[phrase_start.max(k.saturating_sub(4))..k];
        Local::from(
            self.first_mention(phrase, false)
                .or_else(|| self.nominal_organisation(&toks[..k], salience)),
        )
    }

    /// `Holt, a spokeswoman for X, said`: `toks` ends just before the second comma.
    fn appositive_subject(&self, toks: &[usize]) -> Local {
        // The subject is the first person before a comma in this clause, however
        // long the appositive (`Holt, the mayor of X, a town of Y, said`).
        let clause = toks
            .iter()
            .rposition(|&t| speech_verb(self.word(t)).is_some())
            .map_or(1, |v| v + 2);
        if let Some(m) = (clause..toks.len())
            .filter(|&c| self.word(toks[c]) == "," || patterns::is_dash(self.word(toks[c])))
            .find_map(|c| {
                // `Holt (D-Calder), the mayor, said`: past the parenthesis.
                let mut before = c - 1;
                if self.word(toks[before]) == ")" {
                    before = toks[..before]
                        .iter()
                        .rposition(|&t| self.word(t) == "(")?
                        .checked_sub(1)?;
                }
                self.mention(toks[before])
                    .filter(|m| m.kind == EntityKind::Person)
            })
        {
            return Local::Found(m.entity);
        }
        let Some(open) = toks.iter().rposition(|&t| self.word(t) == ",") else {
            return Local::from(self.first_mention(toks, false));
        };
        let head = open.checked_sub(1).and_then(|i| self.mention(toks[i]));
        if let Some(h) = head.filter(|h| h.kind == EntityKind::Person) {
            return Local::Found(h.entity);
        }
        let inside = &toks[open + 1..];
        if let Some(p) = self
            .first_mention(inside, false)
            .filter(|&e| self.is_person(inside, e))
        {
            return Local::Found(p);
        }
        Local::from(
            head.map(|h| h.entity)
                .or_else(|| self.first_mention(inside, false)),
        )
    }

    fn is_person(&self, toks: &[usize], entity: usize) -> bool {
        toks.iter().any(|&t| {
            self.mention(t)
                .is_some_and(|m| m.entity == entity && m.kind == EntityKind::Person)
        })
    }

    /// The speaker of reported speech in sentence `s` (`She said new mothers were …`).
    fn reported_speaker(&self, s: usize, salience: &Salience) -> Option<usize> {
        let sentence = self.sentences.get(s)?;
        let toks = self.unquoted(
            sentence
                .start
                .max(sentence.end.saturating_sub(LEADING_WINDOW))..sentence.end,
        );
        let v = toks
            .iter()
            .rposition(|&t| speech_verb(self.word(t)).is_some())?;
        match self.subject_of(&toks, v, salience) {
            Local::Found(e) => Some(e),
            _ => None,
        }
    }

    /// What the quote from byte `open` (the opening mark or the start of the
    /// words) to `close` (the closing mark, if any) says about its speaker;
    /// also the index of the sentence its words start in.
    fn local(
        &self,
        open: usize,
        words: usize,
        close: Option<usize>,
        salience: &Salience,
    ) -> (Local, usize) {
        let open_tok = self.token_at(open);
        // The sentence is the one of the first quoted word: a sentence splitter may
        // attach an opening mark to the sentence before (`He left. "Go…`).
        let first_sentence = self
            .sentence_of
            .get(self.token_at(words))
            .copied()
            .unwrap_or(self.sentences.len());
        let sentence_start = self
            .sentences
            .get(first_sentence)
            .map_or(self.tokens.len(), |r| r.start);
        let open_tok = open_tok.min(self.tokens.len());
        let mut before =
            self.unquoted(sentence_start.max(open_tok.saturating_sub(LEADING_WINDOW))..open_tok);
        // The signature of the quote before (`“…” ― Holt “…”`) is not this one's.
        if let Some((_, taken)) = self.dash_signature(&before) {
            before.drain(..taken);
        }
        let (after, last_sentence) = match close {
            Some(close) => {
                let close_tok = self.token_at(close);
                let s = self
                    .sentence_of
                    .get(close_tok)
                    .copied()
                    .unwrap_or(self.sentences.len());
                let end = self.sentences.get(s).map_or(close_tok, |r| r.end);
                (
                    self.unquoted(close_tok.min(end)..end.min(close_tok + 2 * TRAILING_WINDOW)),
                    s,
                )
            }
            None => (Vec::new(), self.sentences.len()),
        };
        // The quote's own sentence: the trailing attribution, then the leading one.
        if let Some(local) = self.trailing(&after, salience) {
            return (local, first_sentence);
        }
        let quoted_words = self.text.get(words..close.unwrap_or(self.text.len()));
        let several_words = quoted_words.is_some_and(|w| w.trim().contains(char::is_whitespace));
        if let Some(local) = self.leading(&before, salience, several_words) {
            return (local, first_sentence);
        }
        let whole_start = before.is_empty();
        let whole_end = after.is_empty();
        let next = if whole_end && close.is_some() {
            self.sentences.get(last_sentence + 1).and_then(|r| {
                let toks = self.unquoted(r.clone());
                // A signature opening the next sentence, however long (`― Holt "…"`).
                if let Some((e, _)) = self.dash_signature(&toks) {
                    return Some(e);
                }
                match self.trailing(&toks, salience) {
                    Some(Local::Found(e)) if r.len() <= BARE_SENTENCE => Some(e),
                    _ => None,
                }
            })
        } else {
            None
        };
        let prev = if whole_start && first_sentence > 0 {
            self.reported_speaker(first_sentence - 1, salience)
        } else {
            None
        };
        (
            Local::Missing {
                whole_start,
                whole_end,
                next,
                prev,
            },
            first_sentence,
        )
    }
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
                && is_subject(&lookback, m)
        });
        let mut pending = subjects.next();
        let para = (!ranges.is_empty()).then(|| Para::new(text, &split[p], &ranges, para_mentions));
        // The previous paragraph, read once for all quotes here that may need it.
        let mut before: Option<Para> = None;
        for (j, &i) in by_paragraph[p].iter().enumerate() {
            let Some(para) = &para else { break };
            while let Some(m) = pending.filter(|m| m.start < ranges[j].start) {
                salience.note(m.entity);
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
            salience.note(m.entity);
            pending = subjects.next();
        }
        prev_ranges = ranges;
    }
    finish_chain(&mut chain, quotes, &mut salience, &mut out);
    out
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
mod tests {
    use super::*;
    use crate::analysis::quotes::find_quotes;
    use crate::model::Span;

    /// Builds entities by hand: every word-bounded occurrence of each surface
    /// form (longest forms first, no overlaps), sorted as the real pipeline sorts.
    fn entities_for(paragraphs: &[String], specs: &[(&str, EntityKind, &[&str])]) -> Vec<Entity> {
        let mut forms: Vec<(usize, &str)> = specs
            .iter()
            .enumerate()
            .flat_map(|(i, (_, _, f))| f.iter().map(move |f| (i, *f)))
            .collect();
        forms.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
        let mut taken: Vec<Span> = Vec::new();
        let mut mentions: Vec<Vec<Span>> = vec![Vec::new(); specs.len()];
        for (i, form) in forms {
            for (p, text) in paragraphs.iter().enumerate() {
                for (start, _) in text.match_indices(form) {
                    let end = start + form.len();
                    let bounded = !text[..start].ends_with(char::is_alphanumeric)
                        && !text[end..].starts_with(char::is_alphanumeric);
                    let free = !taken
                        .iter()
                        .any(|t| t.paragraph == p && t.start < end && start < t.end);
                    if bounded && free {
                        taken.push(Span::new(p, start, end));
                        mentions[i].push(Span::new(p, start, end));
                    }
                }
            }
        }
        let mut entities: Vec<Entity> = specs
            .iter()
            .zip(mentions)
            .map(|((name, kind, forms), mut mentions)| {
                mentions.sort();
                Entity {
                    name: (*name).to_string(),
                    kind: *kind,
                    aliases: forms.iter().map(|f| (*f).to_string()).collect(),
                    mentions,
                }
            })
            .filter(|e| !e.mentions.is_empty())
            .collect();
        entities.sort_by(|a, b| {
            (a.kind, std::cmp::Reverse(a.mentions.len()), &a.name).cmp(&(
                b.kind,
                std::cmp::Reverse(b.mentions.len()),
                &b.name,
            ))
        });
        entities
    }

    /// Splits a text on blank lines into paragraphs, joining lines.
    fn paragraphs_of(text: &str) -> Vec<String> {
        text.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// Each quote's text and speaker name, found by the real quote finder.
    fn attributed(
        paragraphs: &[String],
        specs: &[(&str, EntityKind, &[&str])],
    ) -> Vec<(String, Option<String>)> {
        let entities = entities_for(paragraphs, specs);
        let quotes = find_quotes(paragraphs);
        let speakers = attribute(paragraphs, &quotes, &entities);
        quotes
            .iter()
            .zip(speakers)
            .map(|(q, s)| {
                (
                    paragraphs[q.span.paragraph][q.span.range()].to_string(),
                    s.map(|s| entities[s].name.clone()),
                )
            })
            .collect()
    }

    fn speakers_of(text: &str, specs: &[(&str, EntityKind, &[&str])]) -> Vec<Option<String>> {
        attributed(&paragraphs_of(text), specs)
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    }

    use EntityKind::{Organization as Org, Person, Place};

    fn seed_specs() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
        vec![
            ("Ali Khamenei", Person, &["Khamenei", "Supreme Leader"]),
            ("Bashar al-Assad", Person, &["Bashar al-Assad", "Assad"]),
            ("Ebrahim Raisi", Person, &["Ebrahim Raisi", "Raisi"]),
            (
                "Ghasem Soleimani",
                Person,
                &["Ghasem Soleimani", "Soleimani"],
            ),
            (
                "Hossein Amir-Abdollahian",
                Person,
                &["Hossein Amir-Abdollahian"],
            ),
            ("Ali Shamkhani", Person, &["Ali Shamkhani"]),
            ("Hassan Rouhani", Person, &["Hassan Rouhani", "Rouhani"]),
            ("Mohammad-Javad Zarif", Person, &["Mohammad-Javad Zarif"]),
            ("IRGC", Org, &["Revolutionary Guard", "IRGC"]),
            ("Qods Force", Org, &["Qods Force"]),
            ("Nour News", Org, &["Nour News"]),
            (
                "Supreme National Security Council",
                Org,
                &["Supreme National Security Council"],
            ),
            ("Iran", Place, &["Iran", "Islamic Republic"]),
            ("Syria", Place, &["Syria"]),
            ("Tehran", Place, &["Tehran"]),
            ("Damascus", Place, &["Damascus"]),
            ("Israel", Place, &["Israel"]),
            ("UAE", Place, &["UAE"]),
            ("Russia", Place, &["Russia"]),
            ("Ukraine", Place, &["Ukraine"]),
            ("Iraq", Place, &["Iraq"]),
            ("Baghdad", Place, &["Baghdad"]),
            ("Moscow", Place, &["Moscow"]),
        ]
    }

    #[test]
    fn attribute_finds_every_seed_speaker() {
        let mut paragraphs = paragraphs_of(include_str!("../../assets/sample/iran-syria.txt"));
        paragraphs.truncate(paragraphs.len() - 3); // site navigation
        let found = attributed(&paragraphs, &seed_specs());
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        let k = Some("Ali Khamenei");
        let a = Some("Bashar al-Assad");
        assert_eq!(speakers, [k, k, k, k, k, k, a, a], "{found:#?}");
    }

    #[test]
    fn speech_verbs_are_sorted_and_unique() {
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(speech_verb("Said"), Some(true));
        assert_eq!(speech_verb("told"), Some(false));
        assert_eq!(speech_verb("state"), None);
    }

    fn fixture_specs() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
        vec![
            ("Jane Holt", Person, &["Jane Holt", "Holt"]),
            ("Tom Brandt", Person, &["Tom Brandt", "Brandt"]),
            ("Amira Sole", Person, &["Amira Sole", "Sole"]),
            ("Kofi Marsh", Person, &["Kofi Marsh"]),
            ("Calder Flood Agency", Org, &["Calder Flood Agency"]),
            (
                "Eastmere Readers Society",
                Org,
                &["Eastmere Readers Society"],
            ),
            ("Eastmere Harbour Trust", Org, &["Eastmere Harbour Trust"]),
            ("Calder Ferries", Org, &["Calder Ferries"]),
            ("BBC", Org, &["BBC"]),
            ("Eastmere", Place, &["Eastmere"]),
        ]
    }

    /// Expected quote beginnings and speakers, in order.
    type Expected<'a> = &'a [(&'a str, Option<&'a str>)];

    /// Checks one fixture: each quote's beginning and its speaker, in order.
    fn check_fixture(name: &str, text: &str, expected: Expected) {
        let found = attributed(&paragraphs_of(text), &fixture_specs());
        let got: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|(q, s)| (q.as_str(), s.as_deref()))
            .collect();
        assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        for (g, e) in got.iter().zip(expected) {
            assert!(
                g.0.starts_with(e.0) && g.1 == e.1,
                "{name}: expected {e:?}, got {g:?}"
            );
        }
    }

    const HOLT: Option<&str> = Some("Jane Holt");
    const BRANDT: Option<&str> = Some("Tom Brandt");
    const SOLE: Option<&str> = Some("Amira Sole");

    #[test]
    fn attribute_handles_each_news_style_fixture() {
        let fixtures: &[(&str, &str, Expected)] = &[
            (
                "bbc-style",
                include_str!("../../assets/fixtures/quotes/bbc-style.txt"),
                &[
                    ("We cannot keep every building open", HOLT),
                    (
                        "Closing libraries is the easiest cut and the worst one.",
                        BRANDT,
                    ),
                    ("We will fight this in the chamber,", BRANDT),
                    (
                        "Nobody came into politics to close libraries. But the numbers are the numbers.",
                        HOLT,
                    ),
                    ("short-sighted", Some("Eastmere Readers Society")),
                ],
            ),
            (
                "told-the-bbc",
                include_str!("../../assets/fixtures/quotes/told-the-bbc.txt"),
                &[
                    ("The river has risen", SOLE),
                    (
                        "Residents should move valuables upstairs tonight,",
                        Some("Kofi Marsh"),
                    ),
                    ("The defences will hold,", SOLE),
                    ("We have sandbags for everyone who asks,", None),
                    ("Stay away from the riverbank,", Some("Calder Flood Agency")),
                ],
            ),
            (
                "multi-paragraph",
                include_str!("../../assets/fixtures/quotes/multi-paragraph.txt"),
                &[
                    ("The harbour was the reason this town exists,", HOLT),
                    ("For a century it fed us.", HOLT),
                    ("Then the fleet left", HOLT),
                    ("Now we want to give it back", HOLT),
                    ("We have heard plans like this before.", BRANDT),
                    ("Each one ended with a report and no boats,", BRANDT),
                ],
            ),
            (
                "lost-breaks",
                include_str!("../../assets/fixtures/quotes/lost-breaks.txt"),
                &[
                    (
                        "We have already doubled the opening hours, they were 20 hours a week when we started.",
                        HOLT,
                    ),
                    ("We are going to double them again by next spring.", HOLT),
                    ("We have made a promise. We will keep it.", HOLT),
                ],
            ),
            (
                "headlines",
                include_str!("../../assets/fixtures/quotes/headlines.txt"),
                &[
                    ("We will not close the harbour", HOLT),
                    ("to stand again", BRANDT),
                    ("harbour for all", None),
                    ("a good day for the town", BRANDT),
                ],
            ),
            (
                "guillemets",
                include_str!("../../assets/fixtures/quotes/guillemets.txt"),
                &[
                    ("The market will reopen in May", HOLT),
                    ("We were never consulted", BRANDT),
                    ("The stalls are too expensive", SOLE),
                    ("a fresh start", None),
                ],
            ),
            (
                "partial",
                include_str!("../../assets/fixtures/quotes/partial.txt"),
                &[
                    ("real devotion to the harbour", HOLT),
                    ("entirely committed to the harbour", HOLT),
                    ("careful work of the committee", HOLT),
                    ("falling into ruin.", HOLT),
                    ("the most ambitious in a generation", SOLE),
                ],
            ),
            (
                "nested",
                include_str!("../../assets/fixtures/quotes/nested.txt"),
                &[
                    (
                        "Some people say the \"Harbour Plan\" is a dream, but dreams built this town,",
                        HOLT,
                    ),
                    ("They called it \"madness\",", BRANDT),
                    (
                        "When I asked him, he said 'never again' and walked out,",
                        SOLE,
                    ),
                    ("My father called it “the old quay” all his life", BRANDT),
                ],
            ),
            (
                "apostrophes",
                include_str!("../../assets/fixtures/quotes/apostrophes.txt"),
                &[
                    ("It's the town's heart, and it's everyone's,", HOLT),
                    ("We'll see 'bout that.", BRANDT),
                ],
            ),
            (
                "pronouns",
                include_str!("../../assets/fixtures/quotes/pronouns.txt"),
                &[
                    ("This is a good day for Eastmere,", HOLT),
                    ("It is a start,", BRANDT),
                    ("I hope she means it,", BRANDT),
                    ("We are delighted,", Some("Eastmere Harbour Trust")),
                    ("It is good news for passengers,", Some("Calder Ferries")),
                ],
            ),
            (
                "wire-style",
                include_str!("../../assets/fixtures/quotes/wire-style.txt"),
                &[
                    ("It is a tax on the fleet,", BRANDT),
                    ("We will vote against it.", BRANDT),
                    ("I have sympathy for the fishermen", HOLT),
                    ("But the harbour needs money.", HOLT),
                    ("The levy is fair,", SOLE),
                    ("Nobody likes a levy,", Some("Kofi Marsh")),
                    ("You ignored the warnings", BRANDT),
                ],
            ),
            (
                "signatures",
                include_str!("../../assets/fixtures/quotes/signatures.txt"),
                &[
                    ("A market, every day of the week.", SOLE),
                    ("Keep the boats, nothing else.", BRANDT),
                    ("A museum for the fleet.", Some("Kofi Marsh")),
                    ("Let the sea have it,", HOLT),
                    ("It was never ours.", HOLT),
                ],
            ),
            (
                "transcript",
                include_str!("../../assets/fixtures/quotes/transcript.txt"),
                &[
                    ("HOLT: The levy pays for the dredging.", HOLT),
                    ("BRANDT: Then the council should pay", BRANDT),
                    ("HOST: We have to leave it there.", None),
                ],
            ),
            (
                "clauses",
                include_str!("../../assets/fixtures/quotes/clauses.txt"),
                &[
                    ("a toll on the tide", HOLT),
                    ("rushed", BRANDT),
                    ("put off", BRANDT),
                    ("every boat a week's catch", BRANDT),
                    ("a lifeline", SOLE),
                    ("a tax by another name", BRANDT),
                    ("where the money goes", HOLT),
                    ("a fair price", HOLT),
                    ("a waste of money", BRANDT),
                    ("It went well,", SOLE),
                ],
            ),
        ];
        for (name, text, expected) in fixtures {
            check_fixture(name, text, expected);
        }
    }

    fn people() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
        vec![
            ("Jane Holt", Person, &["Jane Holt", "Holt"]),
            ("Tom Brandt", Person, &["Tom Brandt", "Brandt"]),
        ]
    }

    #[test]
    fn attribute_gives_reported_speech_to_the_subject_of_its_verb() {
        assert_eq!(
            speakers_of(
                r#"Holt said Brandt harbored a "deep love for trains" for years."#,
                &people()
            ),
            [HOLT.map(String::from)]
        );
        assert_eq!(
            speakers_of(r#"Holt was quoted as saying "it is over"."#, &people()),
            [HOLT.map(String::from)]
        );
        assert_eq!(
            speakers_of(
                r#"Holt left the room with Brandt, saying "it is over"."#,
                &people()
            ),
            [HOLT.map(String::from)]
        );
        assert_eq!(
            speakers_of(r#"Holt on Monday said: "We won.""#, &people()),
            [HOLT.map(String::from)]
        );
    }

    #[test]
    fn attribute_sees_subjects_behind_role_nouns_and_in_appositives() {
        let specs: &[(&str, EntityKind, &[&str])] = &[
            ("Dara Lind", Person, &["Dara Lind"]),
            ("Rana Aziz", Person, &["Rana Aziz"]),
        ];
        let got = speakers_of(
            "At the market, retired teacher Dara Lind reads three papers.\n\n\"Prices rise,\" he said.\n\nHis neighbour, the tailor Rana Aziz, said trade was slow. \"We wait,\" she said.",
            specs,
        );
        assert_eq!(
            got,
            [Some("Dara Lind".to_string()), Some("Rana Aziz".to_string())]
        );
    }

    #[test]
    fn attribute_never_takes_a_speaker_from_quoted_words() {
        assert_eq!(
            speakers_of(r#""Brandt said no," Holt said."#, &people()),
            [HOLT.map(String::from)]
        );
        assert_eq!(
            speakers_of("Holt spoke first.\n\n\"Ask Brandt,\" she said.", &people()),
            [HOLT.map(String::from)]
        );
    }

    #[test]
    fn attribute_leaves_unattributed_quotes_without_speaker() {
        assert_eq!(
            speakers_of(r#"The plan was called "bold" by the papers."#, &people()),
            [None]
        );
        assert_eq!(
            speakers_of(r#"The harbour plan is "bold"."#, &people()),
            [None]
        );
        assert_eq!(
            speakers_of(r#""Go home," he said."#, &people()),
            [None],
            "no one to refer to"
        );
    }

    #[test]
    fn attribute_gives_no_speaker_to_passives_and_verbs_used_as_nouns() {
        assert_eq!(
            speakers_of(
                r#"Brandt was told by the council that the levy is "final"."#,
                &people()
            ),
            [None]
        );
        assert_eq!(
            speakers_of(
                r#"A review of Brandt claims found them "mostly false"."#,
                &people()
            ),
            [None]
        );
        assert_eq!(
            speakers_of(
                r#"Holt was kind to Brandt -- "a fine man" -- and left."#,
                &people()
            ),
            [HOLT.map(String::from)],
            "a name after a preposition does not sign the quote after its dash"
        );
    }

    #[test]
    fn attribute_gives_a_nominal_subject_the_organisation_it_stands_for() {
        let specs: &[(&str, EntityKind, &[&str])] = &[
            ("Calder Ferries", Org, &["Calder Ferries"]),
            ("Eastmere Harbour Trust", Org, &["Eastmere Harbour Trust"]),
            ("Jane Holt", Person, &["Jane Holt"]),
        ];
        let text = "The Eastmere Harbour Trust met. Calder Ferries cut two sailings.\n\n\
            \"We regret the cuts,\" the ferry firm said. The trust said the cuts were \"short-sighted\".\n\n\
            A spokesman for the trust, Jane Holt, said the cuts were \"a blow\".";
        let ferries = Some("Calder Ferries".to_string());
        let trust = Some("Eastmere Harbour Trust".to_string());
        assert_eq!(
            speakers_of(text, specs),
            [ferries, trust, Some("Jane Holt".to_string())]
        );
    }

    #[test]
    fn attribute_reads_the_sentence_before_a_whole_sentence_quote() {
        let text = "Brandt left early. Holt said the vote was close. \"We won.\" Then she left.";
        assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
        let text = "Holt said the vote was close.\n\n\"We won.\"";
        assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
    }

    #[test]
    fn attribute_follows_participles_and_infinitives_to_the_main_subject() {
        let text = "Holt spoke. Brandt, who was late, met her. \
            He said Holt had spoken with \"such care\", adding: \"She listened.\" He went on to say: \"We agree.\"";
        let brandt = BRANDT.map(String::from);
        assert_eq!(
            speakers_of(text, &people()),
            [brandt.clone(), brandt.clone(), brandt]
        );
        let text = r#"Holt "totally condemned" the plan."#;
        assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
    }

    proptest::proptest! {
        #[test]
        fn attribute_never_panics_and_points_into_entities(
            text in "[A-Za-z .,:'\"“”‘’«»\n-]{0,120}",
            spans in proptest::collection::vec((0usize..4, 0usize..130, 0usize..20), 0..12),
        ) {
            let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
            // Random (often invalid) mentions: the attribution must cope.
            let entities: Vec<Entity> = spans
                .iter()
                .enumerate()
                .map(|(i, &(p, start, len))| Entity {
                    name: format!("E{i}"),
                    kind: if i % 2 == 0 { Person } else { Org },
                    aliases: Vec::new(),
                    mentions: vec![Span::new(p, start, start + len)],
                })
                .collect();
            let quotes = find_quotes(&paragraphs);
            let speakers = attribute(&paragraphs, &quotes, &entities);
            proptest::prop_assert_eq!(speakers.len(), quotes.len());
            proptest::prop_assert!(speakers.iter().flatten().all(|&s| s < entities.len()));
        }
    }

    #[test]
    fn attribute_in_reads_long_runs_without_white_space_once() {
        // Every name in a run without white space used to read the run back to
        // its start, twice; every quote after a long paragraph read it again.
        let run = "Holt/said/\"yes\"/".repeat(5_000);
        let words = "Holt said the talks went on. ".repeat(2_000);
        let quotes = "\"Yes\" ".repeat(2_000);
        let text = format!("{run}\n\nMs Holt arrived.\n\n{words}\n\n{quotes}");
        let found = attributed(
            &paragraphs_of(&text),
            &[("Holt", EntityKind::Person, &["Holt"])],
        );
        let mut counts: std::collections::BTreeMap<(&str, Option<&str>), usize> =
            Default::default();
        for (quote, speaker) in &found {
            *counts
                .entry((quote.as_str(), speaker.as_deref()))
                .or_default() += 1;
        }
        let expected = [(("Yes", Some("Holt")), 2_000), (("yes", None), 5_000)];
        assert_eq!(counts.into_iter().collect::<Vec<_>>(), expected);
    }
}
