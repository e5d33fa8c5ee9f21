//! Collection-wide merges of names that are one thing, for
//! [`super::index::Unifier`]: a bare surname goes to the collection's
//! dominant person of that surname ("Mr Blair" is Tony Blair where he fills
//! the collection, though Cherie Blair is named too), and an organisation's
//! or a work's plural and abbreviated forms go to its main name ("Liberal
//! Democrat" → "Liberal Democrats", "Oscars" → "Oscar", "Man Utd" →
//! "Manchester United"), found by the shape of the words, not by a table.

use super::names::{is_dotted_initials, surname_forms};
use crate::model::EntityKind;
use foldhash::{HashMap, HashMapExt};

/// Share of a surname's articles (in per cent) its dominant full name needs.
const DOMINANT_SHARE: u32 = 80;

/// The full person names each surname form belongs to, with the number of
/// articles that name each.
///
/// Made when the renames are decided, from the names the collection already
/// keeps ([`SurnameOwners::new`]), so nothing is held per name while the
/// articles come in; it borrows every string and holds one sorted entry per
/// (surname form, full name).
#[derive(Debug, Clone, Default)]
pub struct SurnameOwners<'a> {
    /// Sorted by surname form, then full name; each pair once.
    owners: Vec<Owner<'a>>,
}

/// A full name under one of its surname forms, which ends it ("Assad" and
/// "al-Assad" end "Bashar al-Assad"), so only its length is kept: 24 bytes
/// an entry where a second `&str` made 40, as `lede index` makes one for
/// each person's name of the collection (about half a million at a million
/// articles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner<'a> {
    full: &'a str,
    /// Articles that name it as a person.
    articles: u32,
    /// The surname form's length in bytes, at the end of `full`.
    form_len: u32,
}

impl<'a> Owner<'a> {
    fn form(&self) -> &'a str {
        let start = self.full.len().saturating_sub(self.form_len as usize);
        self.full.get(start..).unwrap_or_default()
    }

    fn key(&self) -> (&'a str, &'a str) {
        (self.form(), self.full)
    }
}

impl<'a> SurnameOwners<'a> {
    /// The owners of the surname forms of `people`: full names with the
    /// number of articles that name each as a person (read twice: counted,
    /// then gathered into a list of its exact length).
    pub fn new(
        people: impl IntoIterator<Item = (&'a str, u32), IntoIter: Clone>,
    ) -> SurnameOwners<'a> {
        let people = people.into_iter();
        let count = people
            .clone()
            .map(|(full, _)| surname_forms(full).len())
            .sum();
        let mut owners: Vec<Owner<'a>> = Vec::with_capacity(count);
        for (full, articles) in people {
            for form in surname_forms(full) {
                owners.push(Owner {
                    full,
                    articles,
                    form_len: u32::try_from(form.len()).unwrap_or(0),
                });
            }
        }
        owners.sort_unstable_by(|a, b| a.key().cmp(&b.key()).then(a.articles.cmp(&b.articles)));
        // A form a name has twice counts twice.
        owners.dedup_by(|later, kept| {
            let same = later.key() == kept.key();
            if same {
                kept.articles += later.articles;
            }
            same
        });
        SurnameOwners { owners }
    }

    /// The full names of `surname`, with their articles.
    fn of(&self, surname: &str) -> &[Owner<'a>] {
        let from = self.owners.partition_point(|o| o.form() < surname);
        let to = self.owners.partition_point(|o| o.form() <= surname);
        &self.owners[from..to]
    }

    /// The only full name of a surname.
    pub fn only(&self, surname: &str) -> Option<&'a str> {
        match self.of(surname) {
            [owner] => Some(owner.full),
            _ => None,
        }
    }

    /// The full name a bare surname stands for: the only one, or one named in
    /// at least [`DOMINANT_SHARE`] per cent of the articles naming any of them.
    pub fn dominant(&self, surname: &str) -> Option<&'a str> {
        let list = self.of(surname);
        let total: u32 = list.iter().map(|o| o.articles).sum();
        let top = list
            .iter()
            .max_by_key(|o| (o.articles, std::cmp::Reverse(o.full)))?;
        (list.len() == 1 || top.articles * 100 >= total * DOMINANT_SHARE).then_some(top.full)
    }
}

/// Renames among people's full names (name → fuller name): a name that lacks
/// only the middle initials of another ("George Bush", "George W Bush") or
/// writes them with dots ("George W. Bush") is that person, when the
/// collection has one fuller name of that first name and surname; the
/// fuller name more articles use is the main one. With two ("George H W
/// Bush" too) the short name could be either and stays.
pub fn middle_initials(people: &[(&str, u32)]) -> Vec<(String, String)> {
    // (first name, surname) → the names with middle initials.
    let mut fuller: HashMap<(&str, &str), Vec<FullerName>> = HashMap::new();
    for &(name, articles) in people {
        let words: Vec<&str> = name.split(' ').collect();
        if let [first, middle @ .., last] = &words[..]
            && !middle.is_empty()
            && middle.iter().all(|w| is_dotted_initials(w))
            && !is_dotted_initials(first)
        {
            fuller.entry((first, last)).or_default().push(FullerName {
                name,
                plain: name.replace('.', ""),
                articles,
            });
        }
    }
    // The main name of each (first name, surname) with one fuller name, however written.
    let main: HashMap<(&str, &str), &str> = fuller
        .iter()
        .filter(|(_, group)| group.iter().all(|f| f.plain == group[0].plain))
        .filter_map(|(&key, group)| {
            let top = group
                .iter()
                .max_by_key(|f| (f.articles, std::cmp::Reverse(f.name)))?;
            Some((key, top.name))
        })
        .collect();
    let mut out = Vec::new();
    for &(name, _) in people {
        let words: Vec<&str> = name.split(' ').collect();
        let key = match &words[..] {
            [first, .., last] => (*first, *last),
            _ => continue,
        };
        // The short form ("George Bush") and the other spellings ("George W. Bush").
        let short = words.len() == 2;
        let spelling = fuller
            .get(&key)
            .is_some_and(|group| group.iter().any(|f| f.name == name));
        if let Some(&to) = main.get(&key)
            && to != name
            && (short || spelling)
        {
            out.push((name.to_string(), to.to_string()));
        }
    }
    out
}

/// A person's name with middle initials, as [`middle_initials`] groups them.
struct FullerName<'a> {
    name: &'a str,
    /// Without dots: "George W. Bush" is "George W Bush".
    plain: String,
    articles: u32,
}

/// One name as the merges see it: its kind by most articles, and how many
/// articles use it.
#[derive(Debug, Clone, Copy)]
pub struct NameUse<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub articles: u32,
}

/// Renames (short or plural form → main name) among organisations and other
/// named things: a name with an "s" more or less ("Oscar", "Oscars") and a
/// name whose words are abbreviations of another's words, one by one ("Man
/// Utd", "Manchester United"). The form more articles use is the main one;
/// an abbreviation joins its long form only when just one fits.
pub fn short_forms(names: &[NameUse]) -> Vec<(String, String)> {
    // "Americans" and "American" are people and an adjective: demonyms stay apart.
    let eligible = |n: &NameUse| {
        matches!(n.kind, EntityKind::Organization | EntityKind::Other)
            && super::gazetteer::demonym(n.name).is_none()
            && n.name
                .strip_suffix('s')
                .is_none_or(|one| super::gazetteer::demonym(one).is_none())
    };
    let by_name: HashMap<&str, &NameUse> = names
        .iter()
        .filter(|n| eligible(n))
        .map(|n| (n.name, n))
        .collect();
    let mut out = Vec::new();
    // Plurals: "Liberal Democrats" and "Liberal Democrat". A one-word plural
    // the tagger took for a person's name ("the Grammys") joins a singular
    // that is a thing's or a body's in at least as many articles ("a
    // Grammy"): a surname that is a plural ("Williams") has a person's
    // name for its singular, when it has one at all.
    let person_plural = |n: &NameUse| {
        n.kind == EntityKind::Person
            && !n.name.contains(' ')
            && n.name.strip_suffix('s').is_some_and(|one| {
                by_name
                    .get(one)
                    .is_some_and(|other| other.articles >= n.articles)
            })
    };
    for n in names.iter().filter(|n| eligible(n) || person_plural(n)) {
        let Some(singular) = n.name.strip_suffix('s') else {
            continue;
        };
        // "Time" and "Times", "Door" and "Doors": a common word and its
        // plural name different things.
        let common = !singular.contains(' ')
            && super::gazetteer::lowercase_share(singular).is_some_and(|p| p >= 50);
        // Of either eligible kind: the tagger calls "the Oscars" an
        // organisation and "an Oscar" a thing; the collection's votes then
        // give the pair one kind.
        if let Some(other) = by_name.get(singular)
            && !singular.ends_with(['s', ' '])
            && !common
        {
            // A plural taken for a person always joins its singular.
            let (from, to) =
                if person_plural(n) || (other.articles, other.name) > (n.articles, n.name) {
                    (n.name, other.name)
                } else {
                    (other.name, n.name)
                };
            out.push((from.to_string(), to.to_string()));
        }
    }
    // Abbreviations, found among the names of the same initials and length.
    // A short form may be of any kind but a person's name (the tagger reads
    // "Man Utd" as a place); the caller leaves out the places it knows.
    let short_eligible = |n: &NameUse| eligible(n) || !super::kinds::is_person_name(n.name);
    let mut by_initials: HashMap<String, Vec<&NameUse>> = HashMap::new();
    for n in names
        .iter()
        .filter(|n| short_eligible(n) && n.name.contains(' '))
    {
        let initials: String = n.name.split(' ').filter_map(|w| w.chars().next()).collect();
        by_initials.entry(initials).or_default().push(n);
    }
    for group in by_initials.values().filter(|g| g.len() >= 2) {
        for short in group {
            let fitting: Vec<&&NameUse> = group
                .iter()
                .filter(|long| {
                    eligible(long)
                        && long.articles >= short.articles
                        && abbreviates(short.name, long.name)
                })
                .collect();
            // "Man Utd" fits "Man United" and "Manchester United": the longest
            // form, which the others abbreviate too, is meant.
            let longs: Vec<&&NameUse> = fitting
                .iter()
                .filter(|l| !fitting.iter().any(|o| abbreviates(l.name, o.name)))
                .copied()
                .collect();
            if let [long] = longs[..] {
                out.push((short.name.to_string(), long.name.to_string()));
            }
        }
    }
    // A plural is also an abbreviation of sorts: each pair once.
    out.sort_unstable();
    out.dedup();
    out
}

/// True when `short` has as many words as `long`, each the same word or an
/// abbreviation of the other's word, with the same first letter: its start
/// ("Man" for "Manchester"), a contraction that keeps its last letter and
/// leaves out a third or more ("Utd" for "United", "Nottm" for
/// "Nottingham"), or all its letters but one ("Lloyds"); for a common word
/// only its start ("Man" for "Manchester", not "Man" for "Maiden").
/// At least one word is shortened; an acronym ("LG") shortens none (it is
/// not "Liggett"), nor does a word shorten its own compound ("Cup-winning").
fn abbreviates(short: &str, long: &str) -> bool {
    let common = |w: &str| super::gazetteer::lowercase_share(w).is_some_and(|p| p >= 50);
    let (s, l): (Vec<&str>, Vec<&str>) = (short.split(' ').collect(), long.split(' ').collect());
    let pairs = || s.iter().zip(&l).filter(|(a, b)| a != b);
    let shortened = |(a, b): (&&str, &&str)| {
        let mut letters = b.chars();
        a.len() < b.len()
            && b.get(a.len()..).is_some_and(|rest| !rest.starts_with('-'))
            && a.chars().any(char::is_lowercase)
            && a.chars().next() == b.chars().next()
            && if common(a) {
                a.len() >= 3 && b.starts_with(*a)
            } else {
                // Its start ("Man"), its letters with the last kept and at
                // least a third left out ("Utd", "Govt"), or all but one
                // ("Lloyds", "Einhoven"): "Le Matin" is not "Lockheed Martin".
                let same_last = match (a.chars().last(), b.chars().last()) {
                    (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y),
                    _ => false,
                };
                let contracted = same_last && 3 * a.chars().count() <= 2 * b.chars().count();
                let one_left_out = a.chars().count() + 1 == b.chars().count();
                (b.starts_with(*a) || contracted || one_left_out)
                    && a.chars()
                        .all(|c| letters.any(|d| d.eq_ignore_ascii_case(&c)))
            }
    };
    s.len() == l.len() && pairs().next().is_some() && pairs().all(shortened)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(name: &str, kind: EntityKind, articles: u32) -> NameUse<'_> {
        NameUse {
            name,
            kind,
            articles,
        }
    }

    #[test]
    fn a_bare_surname_goes_to_the_dominant_full_name() {
        let owners = SurnameOwners::new([
            ("Ann Qarlow", 9),
            ("Ben Qarlow", 1),
            // Two of about the same weight: neither.
            ("Cal Pym", 5),
            ("Dee Pym", 5),
            ("Eve Orley", 1),
            // Both forms of a prefixed surname: "al-Vasir" and "Vasir".
            ("Omar al-Vasir", 3),
        ]);
        assert_eq!(owners.dominant("Qarlow"), Some("Ann Qarlow"));
        assert_eq!(owners.dominant("Pym"), None);
        assert_eq!(owners.dominant("Orley"), Some("Eve Orley"));
        assert_eq!(owners.only("Vasir"), Some("Omar al-Vasir"));
        assert_eq!(owners.only("al-Vasir"), Some("Omar al-Vasir"));
        assert_eq!(owners.only("Orley"), Some("Eve Orley"));
        assert_eq!(owners.only("Qarlow"), None);
        assert_eq!(owners.dominant("Nobody"), None);
    }

    #[test]
    fn a_full_name_given_twice_counts_its_articles_together() {
        // Two spellings made one fuller name ("George Bush" → "George W Bush").
        let owners = SurnameOwners::new([("Ann Qarlow", 2), ("Ann Qarlow", 3), ("Ben Qarlow", 1)]);
        assert_eq!(owners.owners.len(), 2, "one entry a name");
        assert_eq!(owners.owners[0].articles, 5);
        // 5 of 6: dominant; 3 of 4 alone would not be.
        assert_eq!(owners.dominant("Qarlow"), Some("Ann Qarlow"));
    }

    #[test]
    fn a_name_without_its_middle_initial_joins_the_one_fuller_name() {
        let mut renames = middle_initials(&[
            ("Ann K Qarlow", 20),
            ("Ann Qarlow", 5),
            ("Ann K. Qarlow", 1),
            ("Ben Qarlow", 2),
            // Two fuller names: the short one could be either.
            ("Cal Pym", 4),
            ("Cal J Pym", 3),
            ("Cal T Pym", 3),
        ]);
        renames.sort();
        let got: Vec<(&str, &str)> = renames
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ann K. Qarlow", "Ann K Qarlow"),
                ("Ann Qarlow", "Ann K Qarlow")
            ]
        );
    }

    #[test]
    fn plurals_and_abbreviations_join_the_main_name() {
        use EntityKind::{Organization as O, Other as X, Person as P};
        let names = [
            name("Brimley Democrats", O, 10),
            name("Brimley Democrat", O, 4),
            name("Orrin", X, 6),
            name("Orrins", X, 3),
            // One kind each, as the tagger read "an Ulvar" and "the Ulvars".
            name("Ulvar", X, 5),
            name("Ulvars", O, 4),
            name("Tolham United", O, 20),
            name("Tol Utd", P, 2),
            name("Tol United", O, 3),
            name("Tolham Unity", O, 1),
            // People and places are left alone.
            name("Ann Qarlow", P, 5),
            name("Ann Qarlows", P, 1),
            // A one-word plural taken for a person joins a thing's singular
            // used in as many articles, not one used in fewer.
            name("Brammy", X, 10),
            name("Brammys", P, 8),
            // Also in as many articles.
            name("Zoldy", X, 4),
            name("Zoldys", P, 4),
            name("Qeld", O, 1),
            name("Qelds", P, 3),
        ];
        let mut renames = short_forms(&names);
        renames.sort();
        let expect = [
            ("Brammys", "Brammy"),
            ("Brimley Democrat", "Brimley Democrats"),
            ("Orrins", "Orrin"),
            ("Tol United", "Tolham United"),
            ("Tol Utd", "Tolham United"),
            ("Ulvars", "Ulvar"),
            ("Zoldys", "Zoldy"),
        ];
        let got: Vec<(&str, &str)> = renames
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn abbreviates_needs_every_word_to_fit() {
        assert!(abbreviates("Man Utd", "Manchester United"));
        assert!(abbreviates("Tol Utd", "Tolham United"));
        assert!(!abbreviates("Man Utd", "Manchester City"));
        assert!(!abbreviates("Tolham United", "Tolham United"));
        assert!(!abbreviates("Utd", "United Kingdom"));
        // "LG" is an acronym, not a shortened "Liggett".
        assert!(!abbreviates("LG Group", "Liggett Group"));
        // A common word shortens only as the start of the long one.
        assert!(!abbreviates("Iron Man", "Iron Maiden"));
        assert!(!abbreviates("Challenge Cup", "Challenge Cup-winning"));
        // Letters of the long name in order are not enough.
        assert!(!abbreviates("Le Matin", "Lockheed Martin"));
        assert!(abbreviates("Tolham Govt", "Tolham Government"));
    }
}
