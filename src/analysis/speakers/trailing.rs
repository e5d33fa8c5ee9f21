//! Attributions after a quote: `"…," Holt said`, `"…," said Mr Holt`, `"…,"
//! she claimed`, `"…," Holt, a spokeswoman for X, said` (past a long
//! appositive too), `"…," according to X`, a dash signature, and an
//! attribution further on in the sentence (`"…" to save money, she said`).

use super::patterns::is_dash;
use super::vocabulary::{SUBORDINATORS, is_thought_verb};
use super::{
    BETWEEN_SUBJECT_AND_VERB, DETERMINERS, INVERTED_WINDOW, Local, PREPOSITIONS, Para, Salience,
    TRAILING_WINDOW, ends_like_verb, is_one_of, is_quote_char, kind_rank, pronoun, speech_verb,
};
use crate::analysis::gazetteer;
use crate::model::EntityKind;

/// How many title words (`Mr.`, `Sen.`) may stand before a name further on.
const TITLE_WORDS: usize = 3;
/// How many role words (`panel chairman Rep.`) may stand before a trailing speaker's name.
const ROLE_WORDS: usize = 4;

/// A nationality's word for one person: "Spaniard", "Frenchman", "Scot",
/// "Brazilian". Not those that name a people as a whole ("the French", "the
/// Dutch", "the Chinese", "the Swiss", "Americans").
fn is_nationality_noun(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && !["s", "sh", "ch", "ese"].iter().any(|end| word.ends_with(end))
        // Listed, or its plural is ("Spaniards").
        && (gazetteer::demonym(word).is_some() || gazetteer::demonym(&format!("{word}s")).is_some())
}

impl Para<'_> {
    /// A trailing attribution right after a closing mark: `"…," Holt said`,
    /// `"…," said Holt`, `"…," he claimed`, `"…," Holt, a spokeswoman for X,
    /// said`, `"…," according to X`. `toks` are the unquoted tokens from the
    /// closing mark to the sentence end. `None` when the words there are not an
    /// attribution (`"desperate", while the others said …`).
    pub(super) fn trailing(&self, toks: &[usize], salience: &Salience) -> Option<Local> {
        if let Some((entity, _)) = self.dash_signature(toks) {
            return Some(Local::Found(entity));
        }
        let skip = toks
            .iter()
            .take_while(|&&t| matches!(self.word(t), "," | "-" | "\u{2013}" | "\u{2014}"))
            .count();
        // `"…," Curry thinks.`: the quote closed on a comma, inside its marks or after them.
        let comma_close = toks[..skip].iter().any(|&t| self.word(t) == ",")
            || toks.first().is_some_and(|&t| {
                let mut chars = self.chars_before(t);
                chars.next().is_some_and(is_quote_char) && chars.next() == Some(',')
            });
        let toks = &toks[skip..];
        let &first = toks.first()?;
        let word = self.word(first);
        if speech_verb(word) == Some(true) || comma_close && self.inverted_thought(toks) {
            // `"…", adding: "…"` continues the main clause: not an attribution.
            return (!word.ends_with("ing")).then(|| self.inverted(&toks[1..], salience));
        }
        if word.eq_ignore_ascii_case("according")
            && toks.get(1).is_some_and(|&t| self.word(t) == "to")
        {
            return Some(Local::from(
                self.first_mention(&toks[2..toks.len().min(2 + INVERTED_WINDOW)], true),
            ));
        }
        let subject_like = pronoun(word).is_some()
            || self.mention(first).is_some()
            || word.starts_with(char::is_uppercase)
            || is_one_of(word, DETERMINERS)
            || self.named_after_role_words(toks);
        if !subject_like {
            return self.further_on(toks, salience);
        }
        let verb = toks
            .iter()
            .take(TRAILING_WINDOW)
            .position(|&t| speech_verb(self.word(t)).is_some())
            .or_else(|| self.thought_closing(toks, comma_close))
            .or_else(|| self.document_reads(toks))
            .or_else(|| self.verb_after_appositive(toks))?;
        if verb == 0 {
            return None;
        }
        if let Some(p) = pronoun(word) {
            return Some(Local::from(salience.resolve(p)));
        }
        // `is "standing by" his remarks, had accused …`: a quote without its
        // own punctuation runs into a noun phrase, then a new clause comes;
        // no subject of the verb (unlike `"…," the play's organiser, Ann
        // Holt, told`).
        if is_one_of(word, DETERMINERS)
            && self.quote_runs_on(first)
            && let Some(comma) = toks[..verb].iter().rposition(|&t| self.word(t) == ",")
            && comma + 1 < verb
        {
            // `…, Prof Holt said` after it still names the speaker.
            let next = self.word(toks[comma + 1]);
            if next.starts_with(char::is_lowercase)
                && pronoun(next).is_none()
                && !is_one_of(next, DETERMINERS)
            {
                return None;
            }
        }
        let mut subject = verb;
        while subject > 0 && is_one_of(self.word(toks[subject - 1]), BETWEEN_SUBJECT_AND_VERB) {
            subject -= 1;
        }
        // `"…," the Spaniard added`: a person called by nationality, the
        // person last the subject (not an entity "Spaniard").
        if let [the, noun] = toks[..subject]
            && self.word(the).eq_ignore_ascii_case("the")
            && is_nationality_noun(self.word(noun))
        {
            return Some(Local::from(salience.last_person()));
        }
        // `"…," the Arsenal coach said`: one of the team, not the team.
        if self.member_of_named_group(&toks[..subject]) {
            return Some(Local::from(self.group_member(&toks[..subject], salience)));
        }
        Some(Local::from(self.head_of(&toks[..verb]).or_else(|| {
            self.nominal_speaker(&toks[..subject], salience)
        })))
    }

    /// Whether `toks` open with a verb of opinion before its subject (`"…,"
    /// thinks Curry`): in the present, and not a participle's phrase (`"The
    /// Lost Garden", thought to be by van Gogh`, `believed by police to`).
    fn inverted_thought(&self, toks: &[usize]) -> bool {
        let (Some(&verb), next) = (toks.first(), toks.get(1)) else {
            return false;
        };
        is_thought_verb(self.word(verb))
            && self.word(verb).ends_with('s')
            && next.is_some_and(|&t| !is_one_of(self.word(t), &["to", "by", "that"]))
    }

    /// Where a verb of opinion closes a short attribution after a quote that
    /// closed on a comma (`"…," Curry thinks.`, `"…," he believes`): within
    /// the first few words, and the sentence's last word.
    fn thought_closing(&self, toks: &[usize], comma_close: bool) -> Option<usize> {
        if !comma_close {
            return None;
        }
        let verb = toks
            .iter()
            .take(4)
            .position(|&t| is_thought_verb(self.word(t)))?;
        toks.get(verb + 1)
            .is_none_or(|&t| matches!(self.word(t), "." | "!" | "?"))
            .then_some(verb)
    }

    /// The characters before token `t`, white space skipped, nearest first:
    /// how the quote before it closed.
    fn chars_before(&self, t: usize) -> impl Iterator<Item = char> + '_ {
        let before = self.text.get(..self.tokens[t].start).unwrap_or("");
        before.trim_end().chars().rev()
    }

    /// Whether the quote that ends right before token `first` ends in a
    /// word, not in punctuation of its own (`is "standing by" his`): it runs
    /// on into its sentence.
    fn quote_runs_on(&self, first: usize) -> bool {
        let mut chars = self.chars_before(first);
        chars
            .next()
            .is_some_and(|c| matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\''))
            && chars.next().is_some_and(char::is_alphanumeric)
    }

    /// A person named within the first few tokens after lower-case role words
    /// (`"…," panel chairman Rep. Jane Holt said`, `retired general Holt said`),
    /// or an organisation right after its noun (`investment bank Calder
    /// Lynch said`; not `where some senior Tories argued`).
    fn named_after_role_words(&self, toks: &[usize]) -> bool {
        for (i, &t) in toks.iter().take(ROLE_WORDS + 1).enumerate() {
            if let Some(m) = self.mention(t)
                && self.tokens[t].start == m.start
                && (m.kind == EntityKind::Person
                    || m.kind == EntityKind::Organization
                        && i > 0
                        && super::nominal::organisation_noun(self.word(toks[i - 1])).is_some())
            {
                return true;
            }
            let word = self.word(t);
            // Letters, or an age ("19-year-old Holt revealed").
            let role = word
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
                && word.chars().any(char::is_alphabetic)
                && !ends_like_verb(word);
            if !role {
                return false;
            }
        }
        false
    }

    /// Where `read` follows a document's noun and its author is named
    /// (`"…," Holt's message read`, `a BBC statement read`): the document
    /// speaks for the author. (`the letter reads` names no one: a letter is
    /// as often a group's of people unnamed.)
    fn document_reads(&self, toks: &[usize]) -> Option<usize> {
        let window = &toks[..toks.len().min(TRAILING_WINDOW)];
        (1..window.len()).find(|&v| {
            is_one_of(self.word(window[v]), &["read", "reads"])
                && super::nominal::is_document_noun(self.word(window[v - 1]))
                && window[..v - 1].iter().any(|&t| {
                    self.mention(t).is_some_and(|m| {
                        matches!(m.kind, EntityKind::Person | EntityKind::Organization)
                    })
                })
        })
    }

    /// The speech verb closing a long appositive after a named subject:
    /// `"…," Holt, the chair of X, one of the groups suing Y, said`. The name
    /// comes first and a comma right before the verb closes the appositive.
    fn verb_after_appositive(&self, toks: &[usize]) -> Option<usize> {
        let m = self.mention(*toks.first()?)?;
        if m.kind != EntityKind::Person {
            return None;
        }
        let after_name = toks.iter().position(|&t| self.tokens[t].start >= m.end)?;
        if self.word(toks[after_name]) != "," {
            return None;
        }
        (after_name + 2..toks.len()).find(|&v| {
            speech_verb(self.word(toks[v])) == Some(true) && self.word(toks[v - 1]) == ","
        })
    }

    /// The subject before a trailing verb: in its head (up to a comma or a
    /// dash) the last person named, so that a premodifier does not speak
    /// (`Holt campaign spokesman Tom Brandt said` is Brandt); else the first
    /// person or organization anywhere (`the mayor, Jane Holt, said`).
    fn head_of(&self, toks: &[usize]) -> Option<usize> {
        let head = toks
            .iter()
            .position(|&t| matches!(self.word(t), "," | "(") || is_dash(self.word(t)))
            .unwrap_or(toks.len());
        toks[..head]
            .iter()
            .rev()
            .find_map(|&t| self.mention(t).filter(|m| m.kind == EntityKind::Person))
            .map(|m| m.entity)
            .or_else(|| self.first_mention(toks, true))
    }

    /// An attribution further on in the sentence, after a comma: `"…" to save
    /// money, she said`, `A sailor who "stole a rope" is punished, Holt said`,
    /// `"…" for the fleet, said Holt`. Only a subject right before its verb
    /// (or an inverted verb right after the comma) counts.
    fn further_on(&self, toks: &[usize], salience: &Salience) -> Option<Local> {
        let window = &toks[..toks.len().min(2 * TRAILING_WINDOW)];
        for c in (1..window.len()).filter(|&c| self.word(window[c]) == ",") {
            let rest = &window[c + 1..];
            let &first = rest.first()?;
            let word = self.word(first);
            if speech_verb(word) == Some(true) && !word.ends_with("ing") {
                return Some(self.inverted(&rest[1..], salience));
            }
            // Past titles (`Mr. Holt said`, `the Calder Trust has said`).
            let named = rest
                .iter()
                .skip(usize::from(self.word(first).eq_ignore_ascii_case("the")))
                .take(TITLE_WORDS + 1)
                .take_while(|&&t| {
                    self.mention(t).is_some()
                        || self.word(t) == "."
                        || self.word(t).starts_with(char::is_uppercase)
                })
                .find_map(|&t| self.mention(t))
                .filter(|m| kind_rank(m.kind) <= 1);
            let subject_end = if pronoun(word).is_some() {
                1
            } else if let Some(m) = named {
                rest.iter()
                    .position(|&t| self.tokens[t].start >= m.end)
                    .unwrap_or(rest.len())
            } else {
                continue;
            };
            let mut v = subject_end;
            if rest.get(v).is_some_and(|&t| self.word(t) == "(") {
                // `the International Monetary Fund (IMF) has said`
                v = rest[v..]
                    .iter()
                    .take(TITLE_WORDS + 2)
                    .position(|&t| self.word(t) == ")")
                    .map_or(v, |close| v + close + 1);
            }
            while rest
                .get(v)
                .is_some_and(|&t| is_one_of(self.word(t), BETWEEN_SUBJECT_AND_VERB))
            {
                v += 1;
            }
            if rest
                .get(v)
                .is_some_and(|&t| speech_verb(self.word(t)).is_some())
            {
                return Some(match pronoun(word) {
                    Some(p) => Local::from(salience.resolve(p)),
                    None => Local::from(named.map(|m| m.entity)),
                });
            }
        }
        None
    }

    /// The speaker after an inverted verb (`said Mr Holt`, `said he`).
    pub(super) fn inverted(&self, after: &[usize], salience: &Salience) -> Local {
        let window = &after[..after.len().min(INVERTED_WINDOW)];
        if let Some(p) = window.first().and_then(|&t| pronoun(self.word(t))) {
            return Local::from(salience.resolve(p));
        }
        // Unless a person is named there too (`said the American, Len Oduya`).
        let person_named = window.iter().any(|&t| {
            self.mention(t)
                .is_some_and(|m| m.kind == EntityKind::Person)
        });
        if !person_named && self.the_demonym(window) {
            // `said the American`, `said the Frenchman`: someone named before,
            // not the nationality the tagger found.
            return Local::from(salience.last_person());
        }
        // `said the coach`, `said the spokeswoman`: the noun phrase up to its punctuation.
        let phrase = window
            .iter()
            .position(|&t| !self.word(t).starts_with(char::is_alphanumeric))
            .unwrap_or(window.len());
        // `said the Gloucester fly-half`: his team is named, not the speaker
        // (`said the Chelsea manager, Jose Mourinho` names him).
        if !person_named && self.member_of_named_group(&window[..phrase]) {
            return Local::from(self.group_member(&window[..phrase], salience));
        }
        if let Some(e) = self.person_after_role(&window[..phrase]) {
            return Local::Found(e);
        }
        if let Some(e) = self.first_mention(window, true) {
            return Local::Found(e);
        }
        Local::from(self.nominal_speaker(&window[..phrase], salience))
    }

    /// A person named right after a role's noun, past names that only modify
    /// the role (`said Richard and Judy executive producer Amanda Ross`,
    /// `said Holt campaign spokesman Tom Brandt`): the role's holder speaks.
    /// Only within the speaker's noun phrase: names, `and`, and lower-case
    /// modifiers before the role (not `said Wenger after captain Vieira was
    /// sent off`, nor `said Ian Varro and his son Tom`).
    fn person_after_role(&self, phrase: &[usize]) -> Option<usize> {
        let in_phrase = |t: usize| {
            let word = self.word(t);
            self.mention(t).is_some()
                || word.starts_with(char::is_uppercase)
                || is_one_of(word, &["and", "&"])
                || word.starts_with(char::is_lowercase)
                    && !ends_like_verb(word)
                    && !is_one_of(word, PREPOSITIONS)
                    && !is_one_of(word, SUBORDINATORS)
                    && !is_one_of(word, DETERMINERS)
                    && pronoun(word).is_none()
        };
        let phrase = &phrase[..phrase
            .iter()
            .position(|&t| !in_phrase(t))
            .unwrap_or(phrase.len())];
        (1..phrase.len()).find_map(|i| {
            let role = self.word(phrase[i - 1]);
            let m = self.mention(phrase[i])?;
            let starts_here = self.tokens[phrase[i]].start == m.start;
            (m.kind == EntityKind::Person
                && starts_here
                && role.starts_with(char::is_lowercase)
                && (crate::analysis::kinds::is_person_noun(role)
                    || super::nominal::spokesperson(role).is_some()
                    || gazetteer::title(role) == Some(gazetteer::TitleRole::Head)))
            .then_some(m.entity)
        })
    }

    /// Whether `toks` are `the` and a nationality standing alone for a person
    /// (`the American,`, `the Scot.`), not a modifier of a noun or a name
    /// (`the American coach`, `the American Bar Association`).
    fn the_demonym(&self, toks: &[usize]) -> bool {
        let [the, nation, rest @ ..] = toks else {
            return false;
        };
        is_one_of(self.word(*the), &["the"])
            && gazetteer::demonym(self.word(*nation)).is_some_and(|country| !country.is_empty())
            && rest
                .first()
                .is_none_or(|&t| !self.word(t).starts_with(char::is_alphanumeric))
    }
}
