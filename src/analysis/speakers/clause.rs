//! One quote's own context: the paragraph tokenised, with which tokens are
//! quoted, and the attribution read before and after the quote in its sentence
//! (the leading verb's subject, appositives, passives) or its absence.

use super::context::covering;
use super::vocabulary::{BE, PERCEIVED, SUBORDINATORS};
use super::{
    AFFILIATIONS, BARE_SENTENCE, BETWEEN_SUBJECT_AND_VERB, DETERMINERS, INVERTED_WINDOW,
    LEADING_VERBS, LEADING_WINDOW, Lookback, Mention, PREPOSITIONS, SUBJECT_START, Salience,
    TRAILING_WINDOW, is_manner_adverb, is_one_of, is_subject, kind_rank, nominal, nouns, patterns,
    pronoun, speech_verb,
};
use crate::analysis::tokens::{Token, Tokenized};
use crate::model::EntityKind;
use std::ops::Range;

/// What one quote's own context says about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Local {
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
    pub(super) fn from(found: Option<usize>) -> Self {
        found.map_or(Local::Unnamed, Local::Found)
    }
}

/// One paragraph, tokenized, with which tokens lie inside quotes.
pub(super) struct Para<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    /// Sentence index of each token.
    pub(super) sentence_of: Vec<usize>,
    pub(super) sentences: &'a [Range<usize>],
    /// Whether each token lies inside a quote (marks included).
    pub(super) quoted: Vec<bool>,
    pub(super) mentions: &'a [Mention],
}

impl<'a> Para<'a> {
    pub(super) fn new(
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

    pub(super) fn word(&self, t: usize) -> &'a str {
        self.tokens[t].text(self.text)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub(super) fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    pub(super) fn mention(&self, t: usize) -> Option<Mention> {
        covering(self.mentions, self.tokens[t].range())
    }

    /// Unquoted tokens of sentence `s` within `range` of token indices.
    pub(super) fn unquoted(&self, range: Range<usize>) -> Vec<usize> {
        range.filter(|&t| !self.quoted[t]).collect()
    }

    /// The entity of the first mention among `toks`, a person before an
    /// organization before anything else; places only when `any_kind`.
    pub(super) fn first_mention(&self, toks: &[usize], any_kind: bool) -> Option<usize> {
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

    /// The longest sentence, colon included, read as a speaker's name line
    /// before a quote (`BBC Two controller Roly Keating:`).
    const SPEAKER_LINE: usize = 8;

    /// An attribution before the opening mark in the same sentence: the subject
    /// of the speech verb nearest before the quote (`Holt said: "…"`, `Holt
    /// told the BBC: "…"`, `Holt said X harbored a "…"`), or `according to X`,
    /// or a name opening a sentence that ends in a colon.
    /// `several_words` is false for a one-word quote, which without a speech
    /// verb is more often a term the writer quotes (`a "fiery" queen`) than
    /// the subject's words.
    pub(super) fn leading(
        &self,
        toks: &[usize],
        salience: &Salience,
        several_words: bool,
    ) -> Option<Local> {
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
            .filter(|&v| {
                speech_verb(self.word(toks[v])).is_some()
                    || v > 0
                        && self.word(toks[v - 1]) == "to"
                        && super::vocabulary::infinitive_speech_verb(self.word(toks[v]))
            })
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
        if toks.last().is_some_and(|&t| self.word(t) == ":") {
            // `BBC Two controller Roly Keating: "…"`: a sentence that is only
            // its speaker, named after the organisation and role.
            let named = toks.len() <= Self::SPEAKER_LINE
                && !toks.iter().any(|&t| speech_verb(self.word(t)).is_some());
            // The name must end right before the colon: `Ada Quell thanked
            // Ian Varro: "…"` is Ada's.
            if named
                && let [.., name, _colon] = toks
                && let Some(m) = self.mention(*name).filter(|m| m.kind == EntityKind::Person)
                && toks.iter().all(|&t| {
                    self.mention(t)
                        .is_none_or(|o| o.kind != EntityKind::Person || o.entity == m.entity)
                })
            {
                return Some(Local::Found(m.entity));
            }
            if let Some(e) = self.first_mention(&toks[..toks.len().min(SUBJECT_START)], false) {
                return Some(Local::Found(e));
            }
        }
        if several_words && let Some(e) = self.relative_antecedent(toks) {
            return Some(Local::Found(e));
        }
        several_words
            .then(|| self.clause_subject(toks, salience))
            .flatten()
    }

    /// Verbs that name or translate rather than say: `Yang, who remains the
    /// firm's "Chief Yahoo"`, `Opus Dei, which means "Work of God"`.
    const NOT_SAYING: &'static [&'static str] = &[
        "are",
        "became",
        "becomes",
        "is",
        "means",
        "meant",
        "remain",
        "remained",
        "remains",
        "translates",
        "was",
        "were",
    ];

    /// `… and the IATA, which has attacked the package as a "…"`: a partial
    /// quote in a relative clause that runs up to it is the antecedent's (a
    /// person or an organisation named right before the comma, or before a
    /// parenthesis there), not the sentence subject's.
    fn relative_antecedent(&self, toks: &[usize]) -> Option<usize> {
        let relative = toks
            .iter()
            .rposition(|&t| is_one_of(self.word(t), &["who", "which"]))?;
        if relative < 2 || self.word(toks[relative - 1]) != "," {
            return None;
        }
        // The relative is the clause's subject (`which has attacked`), not
        // its object (`which he calls "…"`), and the clause says something
        // (`which means "…"` translates).
        let verb = toks.get(relative + 1).map(|&t| self.word(t))?;
        if !verb.starts_with(char::is_lowercase)
            || pronoun(verb).is_some()
            || is_one_of(verb, DETERMINERS)
            || is_one_of(verb, Self::NOT_SAYING)
        {
            return None;
        }
        let runs_to_quote = toks[relative + 1..].iter().all(|&t| {
            let w = self.word(t);
            !matches!(w, "," | ";" | ":") && !patterns::is_dash(w)
        });
        if !runs_to_quote {
            return None;
        }
        let m = self.mention(self.before_parenthesis(toks, relative - 2)?)?;
        (kind_rank(m.kind) <= 1).then_some(m.entity)
    }

    /// `toks[i]`, or the token before the parenthesis `toks[i]` closes
    /// (`the International Air Transport Association (IATA)`).
    fn before_parenthesis(&self, toks: &[usize], i: usize) -> Option<usize> {
        if self.word(toks[i]) != ")" {
            return Some(toks[i]);
        }
        let open = toks[..i].iter().rposition(|&t| self.word(t) == "(")?;
        toks.get(open.checked_sub(1)?).copied()
    }

    /// Whether the "verb" at `toks[v]` is a noun of the same spelling, after a
    /// determiner or a name in a prepositional phrase (`of Republican claims`).
    pub(super) fn used_as_noun(&self, toks: &[usize], v: usize) -> bool {
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
    pub(super) fn after_preposition(&self, toks: &[usize], m: Mention, past_titles: bool) -> bool {
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
    pub(super) fn main_clause_subject(
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

    pub(super) fn subject_of(&self, toks: &[usize], v: usize, salience: &Salience) -> Local {
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
            // Not past the subject's own noun (`the coach went on to claim`).
            while k > 0
                && words < 3
                && self.word(toks[k - 1]).starts_with(char::is_lowercase)
                && pronoun(self.word(toks[k - 1])).is_none()
                && !crate::analysis::kinds::is_person_noun(self.word(toks[k - 1]))
                && super::nominal::spokesperson(self.word(toks[k - 1])).is_none()
            {
                k -= 1;
                words += 1;
            }
        }
        let gerund = self.word(toks[v]).ends_with("ing");
        // `Holt, who …, is heard asking "…"`: seen or heard doing it, the
        // subject did it.
        if gerund
            && k >= 2
            && is_one_of(self.word(toks[k - 1]), PERCEIVED)
            && is_one_of(self.word(toks[k - 2]), BE)
        {
            k = skip_between(k - 2);
        }
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
        if k >= 3
            && is_one_of(self.word(toks[k - 1]), &["who", "which"])
            && self.word(toks[k - 2]) == ","
            && !toks[v..].iter().any(|&t| self.word(t) == "that")
        {
            // `… UKIP spokesman, who said: "…"`: the relative stands for the
            // phrase before it; not in reported speech (`X said Y, who told
            // him that it could "…"` is X's, as the sentence reports it).
            k -= 2;
        }
        let before = toks[k - 1];
        if let Some(m) = self.mention(before) {
            // `Holt of Save the Children said`: Holt speaks, from the organisation.
            if m.kind == EntityKind::Organization
                && let Some(person) = self.affiliated_person(&toks[..k], m)
            {
                return Local::Found(person);
            }
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
            return self.appositive_subject(&toks[..k - 1], salience);
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
        // `the Tolham coach said`: one of the team, not the team (not `a
        // friend of the Tolham coach said`).
        let after_preposition =
            phrase_start >= 2 && is_one_of(self.word(toks[phrase_start - 2]), PREPOSITIONS);
        if phrase_start > 0
            && !after_preposition
            && self.member_of_named_group(&toks[phrase_start - 1..k])
        {
            return Local::from(self.group_member(&toks[phrase_start - 1..k], salience));
        }
        Local::from(
            self.first_mention(phrase, false)
                .or_else(|| self.nominal_speaker(&toks[..k], salience)),
        )
    }

    /// The person named right before `of`, `from` or `at` and the
    /// organisation `org` that ends `toks` (`Laura Holt of Save the Children`).
    fn affiliated_person(&self, toks: &[usize], org: Mention) -> Option<usize> {
        let at = toks
            .iter()
            .rposition(|&t| self.tokens[t].end <= org.start)?;
        if !is_one_of(self.word(toks[at]), AFFILIATIONS) {
            return None;
        }
        let person = self.mention(toks[at.checked_sub(1)?])?;
        (person.kind == EntityKind::Person).then_some(person.entity)
    }

    /// `Holt, a spokeswoman for X, said`: `toks` ends just before the second comma.
    pub(super) fn appositive_subject(&self, toks: &[usize], salience: &Salience) -> Local {
        // The subject is the first person before a comma in this clause, however
        // long the appositive (`Holt, the mayor of X, a town of Y, said`).
        let clause = toks
            .iter()
            .rposition(|&t| speech_verb(self.word(t)).is_some())
            .map_or(1, |v| v + 2);
        // `The actor, whose films include X, Y and Z, said`: a relative clause
        // names others; the subject is the phrase before it.
        if let Some(comma) = (clause..toks.len()).find(|&c| self.word(toks[c]) == ",")
            && toks
                .get(comma + 1)
                .is_some_and(|&t| is_one_of(self.word(t), &["whose", "who", "which"]))
        {
            let subject = &toks[clause - 1..comma];
            return match subject.last().and_then(|&t| self.mention(t)) {
                Some(m) if kind_rank(m.kind) <= 1 => Local::Found(m.entity),
                _ => Local::from(self.nominal_speaker(subject, salience)),
            };
        }
        if let Some(m) = (clause..toks.len())
            .filter(|&c| self.word(toks[c]) == "," || patterns::is_dash(self.word(toks[c])))
            .find_map(|c| {
                // `Holt (D-Calder), the mayor, said`: past the parenthesis.
                self.mention(self.before_parenthesis(toks, c - 1)?)
                    .filter(|m| m.kind == EntityKind::Person)
            })
        {
            return Local::Found(m.entity);
        }
        // `A spokesman for X, which meets in Y, told the BBC`: the organisation
        // the spokesperson opening the clause speaks for.
        let start = clause - 1;
        if let Some(comma) = (clause..toks.len()).find(|&c| self.word(toks[c]) == ",")
            && toks[start..comma]
                .iter()
                .any(|&t| nominal::spokesperson(self.word(t)).is_some())
            && let Some(e) = self.first_mention(&toks[start..comma], false)
        {
            return Local::Found(e);
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

    pub(super) fn is_person(&self, toks: &[usize], entity: usize) -> bool {
        toks.iter().any(|&t| {
            self.mention(t)
                .is_some_and(|m| m.entity == entity && m.kind == EntityKind::Person)
        })
    }

    /// The speaker of reported speech in sentence `s` (`She said new mothers were …`).
    pub(super) fn reported_speaker(&self, s: usize, salience: &Salience) -> Option<usize> {
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

    /// `US coach Patrick McEnroe wants his team to play on clay. "…"`: the
    /// person a sentence without quotes opens with as its subject, for the
    /// unattributed quote right after it (before the last speaker).
    fn introduced_before(&self, s: usize) -> Option<usize> {
        let sentence = self.sentences.get(s)?;
        let toks = self.unquoted(sentence.clone());
        if toks.len() < sentence.len() {
            return None;
        }
        // The first person among its first words, and the subject of its verb.
        let lookback = Lookback::new(self.text);
        let m = toks
            .iter()
            .take(SUBJECT_START + 3)
            .find_map(|&t| self.mention(t).filter(|m| m.kind == EntityKind::Person))?;
        is_subject(&lookback, &m).then_some(m.entity)
    }

    /// What the quote from byte `open` (the opening mark or the start of the
    /// words) to `close` (the closing mark, if any) says about its speaker;
    /// also the index of the sentence its words start in.
    pub(super) fn local(
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
                .or_else(|| self.introduced_before(first_sentence - 1))
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
