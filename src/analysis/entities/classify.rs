//! Classifies one capitalised run: splits it at dates, titles, demonyms and
//! organisation words, and guesses the kind of each name left from word cues.

use crate::analysis::gazetteer::{self, TitleRole};
use crate::analysis::names::{
    is_acronym, is_event_word, is_law_word, is_lower_camel, is_plain_plural,
};
use crate::model::{EntityKind, Span};

use super::rules::Scanner;
use super::{Confidence, Dropped};

/// Last words besides events' and laws' ([`is_event_word`], [`is_law_word`])
/// that make a name other: "Qods Day", "Gulf War", "Orange Revolution".
const OTHER_WORDS: &[&str] = &["Day", "Days", "War", "Revolution", "Crisis", "Week"];

/// Last words that make a name a place: "Guantanamo Bay", "Downing Street".
pub(super) const PLACE_WORDS: &[&str] = &[
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
pub(super) const PERSON_CUES_AFTER: &[&str] = &[
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
pub(super) const PLACE_CUES_BEFORE: &[&str] = &["in", "near", "outside", "inside", "across"];

impl Scanner<'_> {
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
    pub(super) fn classify(&mut self, idx: &[usize], initial: bool) {
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
        // One buffer for the phrase each step looks up.
        let mut buf = String::new();
        while i < end {
            let rest = &idx[i..end];
            let w0 = self.word(rest[0]);
            // A phrase longer than every gazetteer entry is none of them.
            let phrase = if rest.len() <= gazetteer::longest_entry_words() {
                self.phrase_into(rest, &mut buf);
                Some(buf.as_str())
            } else {
                None
            };
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
        // "Bank of England", "Commission for Racial Equality".
        let org_of =
            n >= 3 && gazetteer::is_org_word(first) && matches!(self.word(idx[1]), "of" | "for");
        // An event's word wins over an organisation's ("Champions League").
        let event = is_event_word(last) || is_law_word(last) || OTHER_WORDS.contains(&last);
        if n >= 2 && event && !org_of {
            return Some((EntityKind::Other, Confidence::Rule));
        }
        if (n >= 2 && org_word) || org_of {
            return Some((EntityKind::Organization, Confidence::Rule));
        }
        if n >= 2 && PLACE_WORDS.contains(&last) {
            return Some((EntityKind::Place, Confidence::Rule));
        }
        if n == 1 && is_plain_plural(first) {
            return None;
        }
        // "iPod", "iTunes": a product's spelling, unless its cues show the firm.
        if n == 1 && is_lower_camel(first) {
            return Some((EntityKind::Other, Confidence::Cue));
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
pub(super) struct RunIndex {
    /// One slot per word and one past the end, where every search ends.
    at: Vec<RunSlot>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RunSlot {
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
    pub(super) fn new<'w>(n: usize, word: impl Fn(usize) -> &'w str) -> RunIndex {
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
    pub(super) fn title_len(&self, from: usize, to: usize) -> Option<usize> {
        let titles_end = self.at[from].title_run_end.min(to);
        let head_end = self.at[titles_end].head_before;
        (head_end > from).then(|| head_end - from)
    }

    /// For the words `from..to`, the first `k` from 1, with a word after it, at
    /// which an organisation word is followed by a first name or a title.
    pub(super) fn org_split(&self, from: usize, to: usize) -> Option<usize> {
        let p = self.at[from + 1].org_split;
        (p + 1 < to).then(|| p - from)
    }

    /// For the words `from..to`, the first `k` from 1, with a word after it, at
    /// which a first name follows only titles and ordinary words.
    pub(super) fn first_name_after_ordinary(&self, from: usize, to: usize) -> Option<usize> {
        let p = self.at[from + 1].first_name;
        (p + 1 < to && p <= self.at[from].unordinary).then(|| p - from)
    }
}
