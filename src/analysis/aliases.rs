//! Merges the mentions [`super::entities`] found in one article into entities:
//! the second half of entity analysis. "Khamenei" joins "Ali Khamenei", "IRGC"
//! joins "Revolutionary Guard", "the Islamic Republic" joins "Iran".
//!
//! Canonical names follow one rule: a name the gazetteer gives (an epithet's
//! entity) wins; a person is named by the longest form of their name; anything
//! else by its most used form, ties going to the longer form (so "IRGC" used
//! twice beats "Revolutionary Guard" used once, and "UAE" stays "UAE").

use super::entities::RawMention;
use super::gazetteer;
use super::names::{
    firm_head, initials, is_bare_acronym, is_camel_case, is_subsequence, is_surname_particle,
    lone_initial, normalise, surname_forms,
};
use crate::model::{Entity, EntityKind, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Union-find over mention indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// The groups of `members`, stopping at the second distinct one: enough to
    /// tell "all in one group" (one root) from "not" (two). Members after the
    /// first that share its group are dropped from the list on the way. Groups
    /// only ever merge, so those members stay redundant for every later call,
    /// and a list asked about once per mention (thousands of "(BB)" after
    /// "Big Bank") costs its length once in all, not once per mention.
    fn two_roots(&mut self, members: &mut Vec<usize>) -> Vec<usize> {
        let Some(&first) = members.first() else {
            return Vec::new();
        };
        let root = self.find(first);
        while let Some(&next) = members.get(1) {
            let other = self.find(next);
            if other != root {
                return vec![root, other];
            }
            members.swap_remove(1);
        }
        vec![root]
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The earlier mention stays the root, so groups keep text order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// Names as paths of words, read from the last word back: which endings of a
/// long name are names of their own.
struct WordTrie<'a> {
    edges: HashMap<(usize, &'a str), usize>,
    /// Whether a name ends at each node; node 0 is the root.
    ends: Vec<bool>,
}

impl<'a> WordTrie<'a> {
    const ROOT: usize = 0;

    fn new() -> Self {
        WordTrie {
            edges: HashMap::new(),
            ends: vec![false],
        }
    }

    /// Adds the name with these words (last word first); returns its node.
    fn insert(&mut self, words: impl Iterator<Item = &'a str>) -> usize {
        let mut node = Self::ROOT;
        for word in words {
            let fresh = self.ends.len();
            node = *self.edges.entry((node, word)).or_insert(fresh);
            if node == fresh {
                self.ends.push(false);
            }
        }
        self.ends[node] = true;
        node
    }

    fn child(&self, node: usize, word: &str) -> Option<usize> {
        self.edges.get(&(node, word)).copied()
    }

    fn ends_name(&self, node: usize) -> bool {
        self.ends.get(node).copied().unwrap_or(false)
    }
}

/// Names of more words than this get an index of their words' positions.
const SCANNED_NAME_WORDS: usize = 8;

/// A person's full name split into words, for the short-form test.
struct FullName<'a> {
    words: Vec<&'a str>,
    /// Where each word stands, for a long name (empty for a short one): a
    /// short form is then matched with a binary search per word instead of a
    /// scan of the whole name.
    positions: HashMap<&'a str, Vec<usize>>,
}

impl<'a> FullName<'a> {
    fn new(name: &'a str) -> Self {
        let words: Vec<&str> = name.split(' ').collect();
        let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
        if words.len() > SCANNED_NAME_WORDS {
            for (at, &word) in words.iter().enumerate() {
                positions.entry(word).or_default().push(at);
            }
        }
        FullName { words, positions }
    }

    /// [`is_word_subsequence`] of `small` in this name: each word matched at
    /// its first place after the previous word's.
    fn contains_in_order(&self, small: &[&str]) -> bool {
        if self.positions.is_empty() {
            return is_word_subsequence(small, &self.words);
        }
        let mut from = 0;
        small.iter().all(|word| {
            let Some(at) = self.positions.get(word) else {
                return false;
            };
            let next = at.partition_point(|&p| p < from);
            at.get(next).is_some_and(|&p| {
                from = p + 1;
                true
            })
        })
    }
}

/// Groups mentions into entities, sorted by kind, mention count (most first), name.
///
/// # Algorithm
/// 1. Mentions with the same key join: the canonical name a mention carries,
///    else for a known place the gazetteer's canonical place, else the
///    normalised surface.
/// 2. A person's short form joins the one full name it fits: a single word
///    that is the full name's surname (or its first name, when the gazetteer
///    knows it as one), or words that are a subsequence of it
///    with the same first and last word. Ambiguous short forms stay apart.
///    An organisation's name joins the one longer organisation name that ends
///    in it ("Department of Justice" and "US Department of Justice").
/// 3. An acronym joins the name whose initials spell it, or the name it follows
///    in parentheses when one of the two letter strings is a subsequence of the
///    other ("Revolutionary Guard (IRGC)", "US Securities Exchange Commission (SEC)").
/// 4. Each group is named and typed by the rule in the module documentation.
pub fn merge(paragraphs: &[String], mut mentions: Vec<RawMention>) -> Vec<Entity> {
    let surfaces: Vec<&str> = mentions
        .iter()
        .map(|m| m.text(paragraphs).unwrap_or(""))
        .collect();
    let norms: Vec<String> = surfaces.iter().map(|s| normalise(s)).collect();
    let mut groups = Groups::new(mentions.len());

    // 1. Same key.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let key = match (&m.canonical, m.kind) {
            (Some(c), _) => c.clone(),
            (None, EntityKind::Place) => gazetteer::place(&norms[i])
                .map_or_else(|| norms[i].clone(), |p| p.canonical.to_string()),
            (None, _) => norms[i].clone(),
        };
        match by_key.get(&key) {
            Some(&j) => groups.union(i, j),
            None => {
                by_key.insert(key, i);
            }
        }
    }

    // 1b. One name written with and without its spaces: "TimeWarner" and "Time
    // Warner", "PlayStation" and "Play Station", a handle "MattBevin" and "Matt
    // Bevin". Only a joined form with a capital inside it, and only the exact
    // words run together, so that "Newcastle" and "New Castle" stay apart.
    // The joined forms first: few articles have any, and only those read
    // their names' words run together.
    let mut spellings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, norm) in norms.iter().enumerate() {
        if mentions[i].canonical.is_none() && !norm.contains(' ') && is_camel_case(norm) {
            spellings.entry(norm.as_str()).or_default().push(i);
        }
    }
    if !spellings.is_empty() {
        for (i, norm) in norms.iter().enumerate() {
            if mentions[i].canonical.is_none() && norm.contains(' ') {
                let run_together = norm.replace(' ', "");
                if let Some(list) = spellings.get_mut(run_together.as_str()) {
                    list.push(i);
                }
            }
        }
        // Both spellings are one entity and take the kind most of their
        // mentions have: the tagger reads "Time Warner" as a person's name,
        // the seven "TimeWarner" around it say a firm. The joined spelling
        // counts half as much again (a tie goes to it): a spelling run
        // together is a firm's more often.
        for (joined, idx) in &spellings {
            if idx.iter().all(|&i| norms[i] == *joined) {
                continue;
            }
            let mut votes = [0usize; 4];
            for &i in idx {
                groups.union(i, idx[0]);
                votes[kind_index(mentions[i].kind)] += 2 + usize::from(norms[i] == *joined);
            }
            let best = (0..4)
                .max_by_key(|&k| (votes[k], std::cmp::Reverse(k)))
                .unwrap_or(3);
            for &i in idx {
                mentions[i].kind = EntityKind::ALL[best];
            }
        }
    }

    // Names each group could be called by: surfaces and carried canonical names.
    let mut full_people: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != EntityKind::Person {
            continue;
        }
        let root = groups.find(i);
        for name in [Some(&norms[i]), m.canonical.as_ref()]
            .into_iter()
            .flatten()
        {
            if name.contains(' ') {
                let names = full_people.entry(root).or_default();
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
    }

    // 2. Short forms of people. The full names are indexed by the words a short
    // form must share with them, so each short form tests a few candidates, not
    // every person (a long text names thousands): a one-word form by that word (a
    // surname or first name), a longer form by its first and last word and, from
    // three words on, by its rarest inner word, which every full name it fits has
    // among its own inner words ("Ali Reza Smith" fits only names "Ali … Reza … Smith").
    // Each list holds groups in ascending order, once.
    let full_words: HashMap<usize, Vec<FullName>> = full_people
        .iter()
        .map(|(&root, names)| (root, names.iter().map(|n| FullName::new(n)).collect()))
        .collect();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_ends: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_inner: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (&root, names) in &full_words {
        for FullName { words, .. } in names {
            let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
                continue;
            };
            for key in surname_forms(last).into_iter().chain([first]) {
                by_word.entry(key).or_default().push(root);
            }
            by_ends.entry((first, last)).or_default().push(root);
            for &inner in words.get(1..words.len() - 1).unwrap_or_default() {
                by_inner.entry((first, last, inner)).or_default().push(root);
            }
        }
    }
    let lists = by_word.values_mut();
    for list in lists
        .chain(by_ends.values_mut())
        .chain(by_inner.values_mut())
    {
        list.sort_unstable();
        list.dedup();
    }
    let mut fitting_by_form: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if !matches!(m.kind, EntityKind::Person | EntityKind::Other) || m.canonical.is_some() {
            continue;
        }
        let short = &norms[i];
        let short_words: Vec<&str> = short.split(' ').collect();
        // "R O'Gara" in a team sheet, "Ronan O'Gara" in the report.
        let initial = match short_words[..] {
            [first, _] => lone_initial(first),
            _ => None,
        };
        // "Van Nistelrooy" opening a sentence or a headline, "van Nistelrooy"
        // in "Ruud van Nistelrooy": a surname with its particle, whatever
        // the particle's case.
        // "Lord Kinnock", "Baroness Thatcher": a peer is styled by a title and
        // the surname, and is the one person of the article with that surname
        // and a first name of the title's gender ("Neil Kinnock"), unless many
        // people have that surname ("Lord Roberts" and "Sion Aubrey Roberts").
        let peer = match short_words[..] {
            [title @ ("Lord" | "Lady" | "Baroness"), surname]
                if !gazetteer::is_common_surname(surname) =>
            {
                gazetteer::title_gender(title)
            }
            _ => None,
        };
        // And "von der Leyen" in "Ursula von der Leyen": the particles
        // before the surname, however many.
        let particles = match short_words[..] {
            [ref lead @ .., _]
                if !lead.is_empty()
                    && lead
                        .iter()
                        .all(|word| is_surname_particle(&word.to_lowercase())) =>
            {
                Some(lead.len())
            }
            _ => None,
        };
        let fits = |full: &FullName| {
            let full_words = &full.words;
            let with_particle = particles.is_some_and(|n| {
                full_words.len() > n + 1
                    && full_words.last() == short_words.last()
                    && full_words[full_words.len() - 1 - n..full_words.len() - 1]
                        .iter()
                        .zip(&short_words)
                        .all(|(full, short)| full.eq_ignore_ascii_case(short))
            });
            let styled_peer = peer.is_some_and(|gender| {
                full_words.len() >= 2
                    && full_words.last() == short_words.last()
                    && full_words.first().is_some_and(|first| {
                        gazetteer::title(first).is_none()
                            && gazetteer::first_name_gender(first).is_none_or(|g| g == gender)
                    })
            });
            with_particle
                || styled_peer
                || if let Some(letter) = initial {
                    full_words.len() >= 2
                        && full_words.last() == short_words.last()
                        && full_words.first().is_some_and(|first| {
                            lone_initial(first).is_none() && first.starts_with(letter)
                        })
                } else if short_words.len() == 1 {
                    full_words.last().is_some_and(|last| surname_forms(last).contains(&short.as_str()))
                    // A first name alone ("Cristiano" for Cristiano Ronaldo).
                    || (full_words.first() == Some(&short.as_str()) && gazetteer::is_first_name(short))
                } else {
                    short_words.len() < full_words.len()
                        && short_words.first() == full_words.first()
                        && short_words.last() == full_words.last()
                        && full.contains_in_order(&short_words)
                }
        };
        // The full names a short form fits depend on its words only: worked out
        // once per form. Three or more make it ambiguous whatever its own group,
        // so the search stops at the third (the lowest three, as lists ascend).
        let fitting = fitting_by_form.entry(short.as_str()).or_insert_with(|| {
            let candidates = match short_words[..] {
                [word] => slice(by_word.get(word)),
                [.., last] if particles.is_some() => slice(by_word.get(last)),
                [_, last] if initial.is_some() || peer.is_some() => slice(by_word.get(last)),
                [first, last] => slice(by_ends.get(&(first, last))),
                [first, ref inner @ .., last] => inner
                    .iter()
                    .map(|&w| slice(by_inner.get(&(first, last, w))))
                    .min_by_key(|l| l.len())
                    .unwrap_or_default(),
                [] => &[],
            };
            candidates
                .iter()
                .copied()
                .filter(|root| full_words[root].iter().any(&fits))
                .take(3)
                .collect()
        });
        let own = groups.find(i);
        // Full names merged since are one group ("R O'Gara", "Ronan O'Gara").
        let mut targets: Vec<usize> = fitting
            .iter()
            .map(|&root| groups.find(root))
            .filter(|root| *root != own)
            .collect();
        targets.sort_unstable();
        targets.dedup();
        if let [target] = targets[..]
            && full_words.get(&own).is_none_or(|names| {
                names.iter().all(|n| {
                    fits(n)
                        || ((initial.is_some() || peer.is_some() || particles.is_some())
                            && n.words == short_words)
                })
            })
        {
            groups.union(i, target);
        }
    }

    // 2b. Organisations named with and without a qualifier in front: "Department of
    // Justice" and "US Department of Justice", "Cyber Security Division" and "National
    // Cyber Security Division". The short form joins the one longer name ending in it.
    let orgs: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            mentions[i].kind == EntityKind::Organization && mentions[i].canonical.is_none()
        })
        .collect();
    // Acronyms and places have rules of their own ("UK" is no short form of "Young UK").
    let shorts: Vec<usize> = orgs
        .iter()
        .copied()
        .filter(|&i| !is_bare_acronym(&norms[i]) && gazetteer::place(&norms[i]).is_none())
        .collect();
    // Each organisation under every short name it ends in after a space. The short
    // names are a trie of words read from the last word back, which each name walks
    // from its own last word: a name of n words costs at most n steps, not the sum
    // of its endings' lengths (a run of 100,000 capitalised words is one name).
    let mut endings = WordTrie::new();
    let short_nodes: Vec<usize> = shorts
        .iter()
        .map(|&short| endings.insert(norms[short].rsplit(' ')))
        .collect();
    let mut by_ending: HashMap<usize, Vec<usize>> = HashMap::new();
    for &long in &orgs {
        let words = norms[long].split(' ').count();
        let mut node = WordTrie::ROOT;
        // Endings only: at least the first word stays in front.
        for word in norms[long].rsplit(' ').take(words - 1) {
            let Some(next) = endings.child(node, word) else {
                break;
            };
            node = next;
            if endings.ends_name(node) {
                by_ending.entry(node).or_default().push(long);
            }
        }
    }
    for (&short, node) in shorts.iter().zip(short_nodes) {
        let roots = by_ending
            .get_mut(&node)
            .map(|longs| groups.two_roots(longs))
            .unwrap_or_default();
        if let [root] = roots[..] {
            groups.union(short, root);
        }
    }

    // 2c. A firm named again without its suffix: "Cairn" joins the one "Cairn
    // Energy" (`names::firm_head`).
    let mut by_head: HashMap<&str, Vec<usize>> = HashMap::new();
    for &long in &orgs {
        if let Some(head) = firm_head(&norms[long]) {
            by_head.entry(head).or_default().push(long);
        }
    }
    // Whatever the tagger made of the short form ("Later Zentrix said" read
    // as a person): it is the firm's name; unless it is the surname of a
    // person the article names in full ("James Dyson" of "Dyson Holdings").
    let surnames: HashSet<&str> = (0..mentions.len())
        .filter(|&i| mentions[i].kind == EntityKind::Person)
        .filter_map(|i| norms[i].rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let heads: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            // Nor a work named after the place its firm is named for ("Abbey
            // Road", the album, and "Abbey Road Studios").
            !matches!(mentions[i].kind, EntityKind::Place | EntityKind::Other)
                && mentions[i].canonical.is_none()
                && !is_bare_acronym(&norms[i])
                && !surnames.contains(norms[i].as_str())
                && by_head.contains_key(norms[i].as_str())
        })
        .collect();
    for short in heads {
        let roots = by_head
            .get_mut(norms[short].as_str())
            .map(|longs| groups.two_roots(longs))
            .unwrap_or_default();
        if let [root] = roots[..] {
            groups.union(short, root);
            mentions[short].kind = EntityKind::Organization;
        }
    }

    // 3. Acronyms. Names are indexed by their initials, and by where they end, to
    // find the one an acronym follows in parentheses.
    let initials_of: Vec<Option<String>> = mentions
        .iter()
        .zip(&norms)
        .map(|(m, norm)| {
            (m.kind != EntityKind::Person)
                .then(|| initials(norm))
                .flatten()
        })
        .collect();
    // Keyed also by whether the name is a place: a place's acronym ("US") is
    // spelled by places only, not by "Universal Studios" or the "US Senate".
    let placeish =
        |i: usize| mentions[i].kind == EntityKind::Place || gazetteer::place(&norms[i]).is_some();
    let mut by_initials: HashMap<(&str, bool), Vec<usize>> = HashMap::new();
    let mut by_end: Vec<(usize, usize, usize)> = Vec::new();
    for (i, init) in initials_of.iter().enumerate() {
        if let Some(init) = init {
            let place = placeish(i);
            by_initials
                .entry((init.as_str(), place))
                .or_default()
                .push(i);
            by_end.push((mentions[i].span.paragraph, mentions[i].span.end, i));
        }
    }
    by_end.sort_unstable();
    for a in (0..mentions.len()).filter(|&a| is_bare_acronym(&norms[a])) {
        let acronym = norms[a].as_str();
        let at = &mentions[a].span;
        // Names ending just before the acronym: only " (" may stand between.
        let near = (at.paragraph, at.start.saturating_sub(16), 0)..(at.paragraph, at.start + 1, 0);
        let from = by_end.partition_point(|e| *e < near.start);
        let to = by_end.partition_point(|e| *e < near.end);
        let defined_before = by_end[from..to].iter().map(|e| e.2).filter(|&i| {
            let m = &mentions[i].span;
            let loosely = initials_of[i]
                .as_deref()
                .is_some_and(|init| is_subsequence(init, acronym) || is_subsequence(acronym, init));
            loosely
                && paragraphs[m.paragraph]
                    .get(m.end..at.start)
                    .is_some_and(|between| between.trim() == "(")
        });
        // One group must stand behind the acronym: two spelled groups already make two.
        let place = placeish(a);
        let mut roots = by_initials
            .get_mut(&(acronym, place))
            .map(|spelled| groups.two_roots(spelled))
            .unwrap_or_default();
        for i in defined_before {
            let root = groups.find(i);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        if let [root] = roots[..] {
            groups.union(a, root);
        }
    }

    // 4. Build the entities.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..mentions.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut entities: Vec<Entity> = members
        .into_values()
        .map(|idx| build_entity(&idx, &mentions, &surfaces, &norms))
        .collect();
    entities.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then_with(|| a.name.cmp(&b.name))
    });
    entities
}

/// The entries of an index list, none when there is no list.
fn slice(list: Option<&Vec<usize>>) -> &[usize] {
    list.map_or(&[], Vec::as_slice)
}

/// True when `small` is `big` with some words left out.
fn is_word_subsequence(small: &[&str], big: &[&str]) -> bool {
    let mut it = big.iter();
    small.iter().all(|w| it.any(|b| b == w))
}

/// One entity from the mentions of a group (indices in text order).
fn build_entity(
    idx: &[usize],
    mentions: &[RawMention],
    surfaces: &[&str],
    norms: &[String],
) -> Entity {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in idx {
        *counts.entry(norms[i].as_str()).or_default() += 1;
    }
    let canonical = idx.iter().find_map(|&i| {
        mentions[i]
            .canonical
            .as_deref()
            .map(|c| (c, mentions[i].kind))
    });
    let longest = idx
        .iter()
        .copied()
        .max_by_key(|&i| {
            (
                norms[i].split(' ').count(),
                norms[i].len(),
                std::cmp::Reverse(i),
            )
        })
        .unwrap_or(idx[0]);
    let kind = if let Some((_, kind)) = canonical {
        kind
    } else if mentions[longest].kind == EntityKind::Person {
        EntityKind::Person
    } else {
        majority_kind(idx, mentions)
    };
    // "United" after "Dundee United" is the club's short form, not its name:
    // the collection has many Uniteds, and would file the short form under one.
    // The last words of the entity's longer forms, gathered once: an entity
    // of thousands of mentions would otherwise compare every pair.
    let last_words: HashSet<&str> = idx
        .iter()
        .filter_map(|&j| norms[j].rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let is_tail = |i: usize| {
        let word = norms[i].as_str();
        !word.contains(' ') && !is_bare_acronym(word) && last_words.contains(word)
    };
    let name = match canonical {
        Some((c, _)) => c.to_string(),
        None if kind == EntityKind::Person => norms[longest].clone(),
        None => idx
            .iter()
            .copied()
            .filter(|&i| !is_tail(i))
            .max_by_key(|&i| {
                (
                    counts[norms[i].as_str()],
                    norms[i].len(),
                    std::cmp::Reverse(i),
                )
            })
            .map_or_else(String::new, |i| norms[i].clone()),
    };
    // Each surface once, in text order; a set keeps an entity with thousands of
    // spellings (merged through one acronym) linear.
    let mut seen: HashSet<&str> = HashSet::with_capacity(idx.len());
    let aliases: Vec<String> = idx
        .iter()
        .filter(|&&i| seen.insert(surfaces[i]))
        .map(|&i| surfaces[i].to_string())
        .collect();
    let mut spans: Vec<Span> = idx.iter().map(|&i| mentions[i].span).collect();
    spans.sort();
    spans.dedup();
    Entity {
        name,
        kind,
        aliases,
        mentions: spans,
    }
}

/// The kind most mentions have; ties go to the earlier kind in sidebar order.
fn majority_kind(idx: &[usize], mentions: &[RawMention]) -> EntityKind {
    let mut votes = [0usize; 4];
    for &i in idx {
        votes[kind_index(mentions[i].kind)] += 1;
    }
    let best = (0..4)
        .max_by_key(|&k| (votes[k], std::cmp::Reverse(k)))
        .unwrap_or(3);
    EntityKind::ALL[best]
}

fn kind_index(kind: EntityKind) -> usize {
    EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(text: &str) -> Vec<Entity> {
        let paragraphs: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).collect();
        let split = crate::analysis::tokens::split_paragraphs(&paragraphs);
        crate::analysis::find_entities(&paragraphs, &split).0
    }

    fn entity<'a>(entities: &'a [Entity], name: &str) -> &'a Entity {
        entities.iter().find(|e| e.name == name).unwrap_or_else(|| {
            panic!(
                "no entity {name} in {:?}",
                entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn merge_joins_surnames_to_the_full_name() {
        let e = analyse(include_str!("../../assets/fixtures/entities/surnames.txt"));
        let v = entity(&e, "Marta Delacroix-Ruiz");
        assert_eq!(v.kind, EntityKind::Person);
        assert_eq!(v.mentions.len(), 3);
        let h = entity(&e, "Karim al-Haddad");
        assert_eq!(h.aliases, ["Karim al-Haddad", "Haddad"]);
        assert!(
            !e.iter()
                .any(|x| x.name == "Haddad" || x.name == "Delacroix-Ruiz")
        );
    }

    #[test]
    fn an_organisation_is_named_by_its_full_name_not_its_short_tail() {
        let ps: Vec<String> = [
            "Tolham United beat Brimley.",
            "United led early. United scored twice. United won.",
        ]
        .map(String::from)
        .to_vec();
        let org = EntityKind::Organization;
        let mut mentions = vec![RawMention::first_in(&ps, 0, "Tolham United", org)];
        let mut from = 0;
        for _ in 0..3 {
            let at = from + ps[1][from..].find("United").unwrap_or(0);
            mentions.push(RawMention {
                span: Span::new(1, at, at + 6),
                kind: org,
                canonical: None,
            });
            from = at + 6;
        }
        let e = merge(&ps, mentions);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "Tolham United");
        assert_eq!(e[0].mentions.len(), 4);
    }

    #[test]
    fn a_peer_and_a_surname_with_its_particle_join_the_full_name() {
        let ps: Vec<String> = [
            "Neil Kinnock spoke. Lord Kinnock said so.",
            "Ruud van Nistelrooy scored. Van Nistelrooy was fit.",
            "Sion Aubrey Roberts and Lord Roberts differ.",
            "Mary Qarlowe met Lord Qarlowe.",
            "Ursula von der Leyen spoke; later von der Leyen left.",
        ]
        .map(String::from)
        .to_vec();
        let person = EntityKind::Person;
        let names = [
            (0, "Neil Kinnock"),
            (0, "Lord Kinnock"),
            (1, "Ruud van Nistelrooy"),
            (1, "Van Nistelrooy"),
            (2, "Sion Aubrey Roberts"),
            (2, "Lord Roberts"),
            (3, "Mary Qarlowe"),
            (3, "Lord Qarlowe"),
            (4, "Ursula von der Leyen"),
            (4, "von der Leyen left"),
        ];
        let mut mentions: Vec<RawMention> = names
            .iter()
            .map(|&(p, name)| RawMention::first_in(&ps, p, name, person))
            .collect();
        // "von der Leyen" (the later one, without "left").
        if let Some(m) = mentions.last_mut() {
            m.span.end -= " left".len();
        }
        let e = merge(&ps, mentions);
        assert_eq!(
            entity(&e, "Ursula von der Leyen").aliases,
            ["Ursula von der Leyen", "von der Leyen"]
        );
        assert_eq!(
            entity(&e, "Neil Kinnock").aliases,
            ["Neil Kinnock", "Lord Kinnock"]
        );
        assert_eq!(
            entity(&e, "Ruud van Nistelrooy").aliases,
            ["Ruud van Nistelrooy", "Van Nistelrooy"]
        );
        // Many people are called Roberts; a Lord is not a Mary.
        assert_eq!(entity(&e, "Lord Roberts").mentions.len(), 1);
        assert_eq!(entity(&e, "Lord Qarlowe").mentions.len(), 1);
        assert_eq!(e.len(), 7, "{e:?}");
    }

    #[test]
    fn an_initial_and_surname_joins_the_one_full_name_it_fits_in_the_article() {
        let ps: Vec<String> = [
            "Tolham: R Quaid, M Varro, P Lune; K Osk.",
            "Ronan Quaid kicked two goals. Quaid was calm. Mark Varro and Miles Varro ran.",
        ]
        .map(String::from)
        .to_vec();
        let person = EntityKind::Person;
        let names = [
            (0, "R Quaid"),
            (0, "M Varro"),
            (1, "Ronan Quaid"),
            (1, "Mark Varro"),
            (1, "Miles Varro"),
        ];
        let mut mentions: Vec<RawMention> = names
            .iter()
            .map(|&(p, name)| RawMention::first_in(&ps, p, name, person))
            .collect();
        let at = ps[1].find("Quaid was").unwrap_or(0);
        mentions.push(RawMention {
            span: Span::new(1, at, at + 5),
            kind: person,
            canonical: None,
        });
        mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
        let e = merge(&ps, mentions);
        // "R Quaid" is Ronan Quaid's, and so the bare surname has one owner.
        let quaid = entity(&e, "Ronan Quaid");
        assert_eq!(quaid.aliases, ["R Quaid", "Ronan Quaid", "Quaid"]);
        // Two full names fit "M Varro": it stays apart.
        assert!(e.iter().any(|x| x.name == "M Varro"), "{e:?}");
        assert_eq!(e.len(), 4, "{e:?}");
    }

    #[test]
    fn merge_keeps_ambiguous_surnames_apart() {
        let e = analyse("Anna Berg met Lars Berg.\n\nBerg said no.");
        assert!(e.iter().any(|x| x.name == "Berg"), "{e:?}");
    }

    #[test]
    fn merge_joins_acronyms_and_names_by_use() {
        let e = analyse(include_str!("../../assets/fixtures/entities/acronyms.txt"));
        let cps = entity(&e, "CPS");
        assert_eq!(cps.kind, EntityKind::Organization);
        assert_eq!(cps.aliases, ["Coastal Patrol Service", "CPS"]);
        let wb = entity(&e, "World Bank");
        assert!(wb.aliases.contains(&"WB".to_string()));
        let dl = entity(&e, "Desert Lancers");
        assert_eq!(dl.aliases, ["Desert Lancers", "DLR"]);
    }

    #[test]
    fn merge_spells_a_place_acronym_only_by_places() {
        let e = analyse(
            "The US Senate met. Universal Studios said the US would act. \
             The United States and the US agreed.",
        );
        let us = e.iter().find(|e| e.aliases.iter().any(|a| a == "US"));
        let aliases = us.map(|e| e.aliases.clone()).unwrap_or_default();
        assert!(aliases.contains(&"United States".to_string()), "{e:?}");
        for other in ["US Senate", "Senate", "Universal Studios"] {
            assert!(!aliases.contains(&other.to_string()), "{other}: {e:?}");
        }
    }

    #[test]
    fn merge_uses_gazetteer_aliases_and_normalises_forms() {
        let e = analyse(include_str!(
            "../../assets/fixtures/entities/gazetteer_aliases.txt"
        ));
        let iran = entity(&e, "Iran");
        assert_eq!(iran.kind, EntityKind::Place);
        assert!(iran.aliases.contains(&"Islamic Republic".to_string()));
        let us = entity(&e, "US");
        assert_eq!(us.aliases, ["US", "U.S.", "United States"]);
        // An office whose holder the article does not name stays the office.
        let pope = entity(&e, "Pope");
        assert_eq!(pope.kind, EntityKind::Person);
    }

    #[test]
    fn a_name_run_together_is_the_name_with_its_spaces() {
        let e = analyse(
            "Quarterly profits at media giant TimeWarner rose. TimeWarner said sales rose. \
             Time Warner said on Friday that it owns 8% of Google. Newcastle beat New Castle.",
        );
        let firm = entity(&e, "TimeWarner");
        assert_eq!(firm.mentions.len(), 3);
        assert!(firm.aliases.iter().any(|a| a == "Time Warner"));
        assert!(!e.iter().any(|x| x.name == "Time Warner"));
        // A tie goes to the joined spelling; a surname's prefix is no join.
        let tie = analyse("Shares in TimeWarner rose on Monday. Time Warner said sales rose.");
        let firm = tie
            .iter()
            .find(|x| x.aliases.iter().any(|a| a == "TimeWarner"));
        assert_eq!(firm.map(|x| x.kind), Some(EntityKind::Organization));
        let actor = analyse("Leonardo DiCaprio starred. DiCaprio said Di Caprio was his name.");
        assert!(
            !actor
                .iter()
                .any(|x| x.name == "Di Caprio" && x.mentions.len() > 1)
        );
        // Only a capital inside the joined form: "Newcastle" is not "New Castle".
        assert!(
            !entity(&e, "Newcastle")
                .aliases
                .iter()
                .any(|a| a == "New Castle")
        );
    }

    #[test]
    fn a_firm_named_without_its_suffix_is_the_firm() {
        let e =
            analyse("Zentrix Holdings said profits fell. Later Zentrix said it would cut jobs.");
        let firm = entity(&e, "Zentrix Holdings");
        assert_eq!(firm.mentions.len(), 2);
        assert!(firm.aliases.iter().any(|a| a == "Zentrix"));
    }

    #[test]
    fn merge_sorts_by_kind_then_count_then_name() {
        let e = analyse("Lima and Quito. Quito again. Ana Souza met Bruno Lima Costa in Lima.");
        let order: Vec<(EntityKind, &str)> = e.iter().map(|x| (x.kind, x.name.as_str())).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|&(k, _)| k);
        assert_eq!(
            order.iter().map(|x| x.0).collect::<Vec<_>>(),
            sorted.iter().map(|x| x.0).collect::<Vec<_>>()
        );
        assert_eq!(order[0].0, EntityKind::Person);
        let places: Vec<&str> = order
            .iter()
            .filter(|x| x.0 == EntityKind::Place)
            .map(|x| x.1)
            .collect();
        assert_eq!(places, ["Lima", "Quito"]);
    }

    #[test]
    fn merge_joins_an_organisation_with_its_qualified_name() {
        let e = analyse(
            "Staff at the Chilean Ministry of Mines agreed. The Ministry of Mines said so. \
             Newcastle United and Leeds United met; United lost.",
        );
        let m = entity(&e, "Chilean Ministry of Mines");
        assert_eq!(
            m.aliases,
            ["Chilean Ministry of Mines", "Ministry of Mines"]
        );
        // Two clubs end in "United": the short form stays apart.
        assert!(e.iter().any(|x| x.name == "United"));
    }

    #[test]
    fn normalise_drops_dots_of_initials_and_extra_space() {
        assert_eq!(normalise("U.S."), "US");
        assert_eq!(normalise("New  York"), "New York");
        assert_eq!(normalise("O’Brien"), "O'Brien");
    }

    /// The seed article, through the whole method: every listed entity is one entry, and no junk.
    #[test]
    fn merge_gives_the_seed_entities_as_single_entries() {
        let text = include_str!("../../assets/sample/iran-syria.txt");
        let mut paragraphs: Vec<String> =
            text.split("\n\n").map(|p| p.trim().to_string()).collect();
        paragraphs.truncate(paragraphs.len() - 3); // site navigation, removed by the loader
        let split = crate::analysis::tokens::split_paragraphs(&paragraphs);
        let (entities, _) = crate::analysis::find_entities(&paragraphs, &split);
        let expected = [
            (
                EntityKind::Person,
                &[
                    "Ali Khamenei",
                    "Bashar al-Assad",
                    "Ebrahim Raisi",
                    "Ghasem Soleimani",
                    "Hossein Amir-Abdollahian",
                    "Ali Shamkhani",
                    "Hassan Rouhani",
                    "Mohammad-Javad Zarif",
                ][..],
            ),
            (
                EntityKind::Organization,
                &[
                    "IRGC",
                    "Qods Force",
                    "Nour News",
                    "Supreme National Security Council",
                ][..],
            ),
            (
                EntityKind::Place,
                &[
                    "Iran", "Syria", "Tehran", "Damascus", "Israel", "UAE", "Russia", "Ukraine",
                    "Iraq", "Baghdad", "Moscow",
                ][..],
            ),
        ];
        for (kind, names) in expected {
            for name in names {
                let matching: Vec<&Entity> = entities.iter().filter(|e| e.name == *name).collect();
                assert_eq!(matching.len(), 1, "{name}: {entities:#?}");
                assert_eq!(matching[0].kind, kind, "{name}");
            }
        }
        // Short forms are merged, never separate entries.
        for short in [
            "Khamenei",
            "Assad",
            "Raisi",
            "Soleimani",
            "Rouhani",
            "Revolutionary Guard",
            "Supreme Leader",
            "Islamic Republic",
        ] {
            assert!(
                !entities.iter().any(|e| e.name == short),
                "{short} is split off"
            );
        }
        let khamenei = entity(&entities, "Ali Khamenei");
        assert!(
            khamenei.aliases.contains(&"Supreme Leader".to_string())
                && khamenei.aliases.contains(&"Khamenei".to_string())
        );
        assert!(
            entity(&entities, "IRGC")
                .aliases
                .contains(&"Revolutionary Guard".to_string())
        );
        assert!(
            entity(&entities, "Iran")
                .aliases
                .contains(&"Islamic Republic".to_string())
        );
        for junk in [
            "Some",
            "Today",
            "However",
            "Sunday",
            "March",
            "January",
            "February",
            "Since",
            "According",
            "Referring",
            "In",
            "The",
            "President",
            "TV",
            "Sports News",
            "Tehran Sunday",
        ] {
            assert!(
                !entities
                    .iter()
                    .any(|e| e.name == junk || e.aliases.iter().any(|a| a == junk)),
                "junk {junk}"
            );
        }
    }

    #[test]
    fn merge_joins_forms_repeated_hundreds_of_times() {
        // Each short form and acronym looks its long names up once per mention:
        // the lists it reads are forgotten as they prove to be one group.
        let text = "The National Defence Ministry spoke. The Defence Ministry agreed. \
                    The Northern Farmers Bank (NFB) paid the NFB.\n\n"
            .repeat(200);
        let e = analyse(&text);
        assert_eq!(e.len(), 2, "{e:?}");
        let nfb = entity(&e, "NFB");
        assert_eq!(nfb.aliases, ["Northern Farmers Bank", "NFB"]);
        assert_eq!(nfb.mentions.len(), 600);
        let ministry = entity(&e, "National Defence Ministry");
        assert_eq!(
            ministry.aliases,
            ["National Defence Ministry", "Defence Ministry"]
        );
        assert_eq!(ministry.mentions.len(), 400);
    }

    #[test]
    fn groups_two_roots_stop_at_the_second_group_and_forget_repeats() {
        let mut groups = Groups::new(6);
        groups.union(0, 1);
        groups.union(0, 2);
        let mut members = vec![2, 1, 0, 4, 1];
        assert_eq!(groups.two_roots(&mut members), [0, 4]);
        // Members of the first group before the second are gone for later calls.
        assert_eq!(members.len(), 3, "{members:?}");
        groups.union(0, 4);
        assert_eq!(groups.two_roots(&mut members), [0]);
        assert!(groups.two_roots(&mut Vec::new()).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn full_name_matches_words_in_order_like_a_scan(
            name in proptest::collection::vec(0usize..5, 1..20),
            small in proptest::collection::vec(0usize..5, 0..6),
        ) {
            const WORDS: [&str; 5] = ["Ali", "Reza", "al-Assad", "Smith", "Bin"];
            let name = name.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let small: Vec<&str> = small.iter().map(|&w| WORDS[w]).collect();
            let full = FullName::new(&name);
            proptest::prop_assert_eq!(
                full.contains_in_order(&small),
                is_word_subsequence(&small, &full.words)
            );
        }
    }
}
