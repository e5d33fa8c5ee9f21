//! Known names and name-forming words shipped in `assets/gazetteer/`, used by the
//! entity rules (and usable as tagger features). The files are embedded with
//! `include_str!` and parsed once, on first use, into hash maps.
//!
//! Where each file comes from is written in its header and in
//! `assets/gazetteer/make_gazetteer.py`, which regenerates all of them except the
//! hand-curated `epithets.tsv`.

use crate::model::EntityKind;
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

/// What sort of place a gazetteer place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceClass {
    Country,
    City,
    /// A US state or a province.
    State,
    /// A continent or a region (Middle East, Balkans).
    Region,
}

/// A known place: the canonical name of the place a surface form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub canonical: &'static str,
    pub class: PlaceClass,
}

/// A phrase that names one well-known entity without naming it ("Supreme Leader").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epithet {
    pub kind: EntityKind,
    pub canonical: &'static str,
    /// True for an office ("US President", "Supreme Leader"): its holder changes
    /// over time, so the phrase names the listed person only in an article that
    /// also names them (see `entities::find_mentions`).
    pub office: bool,
}

/// How a title word behaves before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleRole {
    /// Can stand right before a name: President, Minister, Mr, Dr.
    Head,
    /// Only precedes a head: Foreign (Minister), Prime (Minister), Supreme (Leader).
    Modifier,
}

struct Gazetteer {
    places: HashMap<&'static str, Place>,
    demonyms: HashMap<&'static str, &'static str>,
    titles: HashMap<&'static str, TitleRole>,
    org_words: HashSet<&'static str>,
    /// In lower case: a firm is written "eBay", "Ebay" and "EBay".
    companies: HashSet<String>,
    /// In lower case: firms', services' and products' names (`brands.tsv`).
    brands: HashMap<String, Brand>,
    /// Brands that are ordinary words too ("Twitter", "Zoom"), as written:
    /// only that spelling is the brand ("JUKE" is one, "Juke" a car).
    ordinary_brands: HashMap<&'static str, Brand>,
    first_names: HashSet<&'static str>,
    us_first_names: HashSet<&'static str>,
    /// Each first name's usual gender, from both first-name files.
    first_name_genders: HashMap<&'static str, Gender>,
    /// In lower case: "McDonald" is listed "Mcdonald".
    common_surnames: HashSet<String>,
    common: HashMap<&'static str, u8>,
    plain_acronyms: HashSet<&'static str>,
    epithets: HashMap<&'static str, Epithet>,
    /// Words in the longest place, demonym or epithet.
    longest_entry_words: usize,
}

/// Most fields a row keeps: no gazetteer file has more.
const MAX_FIELDS: usize = 4;

/// One data line of a gazetteer file, split on tabs (read like a slice of
/// fields). Kept on the stack: the files have 70,000 lines, and a vector for
/// each made loading them a good part of the first article's analysis.
struct Row {
    fields: [&'static str; MAX_FIELDS],
    len: usize,
}

impl std::ops::Deref for Row {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        &self.fields[..self.len]
    }
}

/// Data lines of a gazetteer file: comments (`#`) and blank lines skipped, split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Row> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut row = Row {
                fields: [""; MAX_FIELDS],
                len: 0,
            };
            for (slot, field) in row.fields.iter_mut().zip(l.split('\t')) {
                *slot = field;
                row.len += 1;
            }
            row
        })
}

fn parse_kind(s: &str) -> EntityKind {
    match s {
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        "place" => EntityKind::Place,
        _ => EntityKind::Other,
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let places: HashMap<&str, Place> = rows(include_str!("../../assets/gazetteer/places.tsv"))
        .filter_map(|r| {
            let class = match *r.get(2)? {
                "country" => PlaceClass::Country,
                "city" => PlaceClass::City,
                "state" => PlaceClass::State,
                _ => PlaceClass::Region,
            };
            Some((
                r[0],
                Place {
                    canonical: r[1],
                    class,
                },
            ))
        })
        .collect();
    let demonyms: HashMap<&str, &str> = rows(include_str!("../../assets/gazetteer/demonyms.tsv"))
        .map(|r| (r[0], r.get(1).copied().unwrap_or("")))
        .collect();
    let titles = rows(include_str!("../../assets/gazetteer/titles.tsv"))
        .map(|r| {
            let role = if r.get(1) == Some(&"m") {
                TitleRole::Modifier
            } else {
                TitleRole::Head
            };
            (r[0], role)
        })
        .collect();
    let org_words = rows(include_str!("../../assets/gazetteer/org_words.tsv"))
        .map(|r| r[0])
        .collect();
    let companies = rows(include_str!("../../assets/gazetteer/companies.tsv"))
        .map(|r| r[0].to_lowercase())
        .collect();
    let mut brands = HashMap::default();
    let mut ordinary_brands = HashMap::default();
    for r in rows(include_str!("../../assets/gazetteer/brands.tsv")) {
        let brand = Brand {
            surname: r.get(2) == Some(&"1"),
        };
        if r.get(1) == Some(&"1") {
            ordinary_brands.insert(r[0], brand);
        } else {
            brands.insert(r[0].to_lowercase(), brand);
        }
    }
    let first_names = rows(include_str!("../../assets/gazetteer/first_names.tsv"))
        .map(|r| r[0])
        .collect();
    let us_first_names = rows(include_str!("../../assets/gazetteer/us_first_names.tsv"))
        .map(|r| r[0])
        .collect();
    let first_name_genders = rows(include_str!(
        "../../assets/gazetteer/first_name_genders.tsv"
    ))
    .chain(rows(include_str!(
        "../../assets/gazetteer/us_first_names.tsv"
    )))
    .filter_map(|r| {
        let gender = match *r.get(1)? {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => return None,
        };
        Some((r[0], gender))
    })
    .collect();
    let common_surnames = rows(include_str!("../../assets/gazetteer/common_surnames.tsv"))
        .map(|r| r[0].to_lowercase())
        .collect();
    let common = rows(include_str!("../../assets/gazetteer/common_words.tsv"))
        .filter_map(|r| Some((r[0], r.get(1)?.parse().ok()?)))
        .collect();
    let plain_acronyms = rows(include_str!("../../assets/gazetteer/plain_acronyms.tsv"))
        .map(|r| r[0])
        .collect();
    let epithets: HashMap<&str, Epithet> =
        rows(include_str!("../../assets/gazetteer/epithets.tsv"))
            .filter_map(|r| {
                Some((
                    r[0],
                    Epithet {
                        kind: parse_kind(r.get(1)?),
                        canonical: r.get(2)?,
                        office: r.get(3).is_some_and(|note| note.contains("since")),
                    },
                ))
            })
            .collect();
    let longest_entry_words = places
        .keys()
        .chain(demonyms.keys())
        .chain(epithets.keys())
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(0);
    Gazetteer {
        longest_entry_words,
        places,
        demonyms,
        titles,
        org_words,
        companies,
        brands,
        ordinary_brands,
        first_names,
        us_first_names,
        first_name_genders,
        common_surnames,
        common,
        plain_acronyms,
        epithets,
    }
});

/// `word` in lower case, borrowed when it already is.
fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Calls `f` with `word` in lower case, like [`lower`], but without
/// allocating for a short ASCII word (nearly every word looked up).
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        if let Ok(lowered) = std::str::from_utf8(bytes) {
            return f(lowered);
        }
    }
    f(lower(word).as_ref())
}

/// The place a name names ("UAE" → United Arab Emirates). Tries the name as
/// written, then, for an all-caps headline word, in title case ("TEHRAN").
pub fn place(name: &str) -> Option<Place> {
    let g = &*GAZETTEER;
    if let Some(p) = g.places.get(name) {
        return Some(*p);
    }
    if name.chars().count() > 3 && name.chars().all(|c| !c.is_lowercase()) {
        let titled: String = name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map_or_else(String::new, |f| f.to_string() + &cs.as_str().to_lowercase())
            })
            .collect::<Vec<_>>()
            .join(" ");
        return g.places.get(titled.as_str()).copied();
    }
    None
}

/// The country a demonym or group adjective belongs to: `Some("Syria")` for
/// "Syrian", `Some("")` for a group that is no country ("Arab"), `None` otherwise.
pub fn demonym(word: &str) -> Option<&'static str> {
    GAZETTEER.demonyms.get(word).copied()
}

/// The role of a person title word, case-insensitive, a final dot ignored ("Sen.").
pub fn title(word: &str) -> Option<TitleRole> {
    let w = word.strip_suffix('.').unwrap_or(word);
    with_lower(w, |w| GAZETTEER.titles.get(w).copied())
}

/// True for a word that ends organisation names: Council, Bank, Party, Inc.
pub fn is_org_word(word: &str) -> bool {
    GAZETTEER.org_words.contains(word)
}

/// True for the name of a company of a stock index, in any case ("Tokyo
/// Electron", "Netflix", "Apple Inc.", "Ebay"; `companies.tsv`).
pub fn is_company(name: &str) -> bool {
    with_lower(name, |lowered| GAZETTEER.companies.contains(lowered))
}

/// What `brands.tsv` says of a brand ([`brand`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brand {
    /// A surname too ("Jameson", "Müller", "Dell"): alone, it may name a
    /// person as well as the brand.
    pub surname: bool,
}

/// The brand a name is: a firm's, a service's or a product's ("Spotify",
/// "PlayStation", "Twitter"; `brands.tsv`, which leaves out first names,
/// common surnames, places and listed companies). In any case, but a brand
/// that is an ordinary word too only as the brand writes it ("Twitter", not
/// "twitter" nor "TWITTER"). Which of a firm or a thing it is, its cues tell.
pub fn brand(name: &str) -> Option<Brand> {
    GAZETTEER
        .ordinary_brands
        .get(name)
        .or_else(|| with_lower(name, |lowered| GAZETTEER.brands.get(lowered)))
        .copied()
}

/// True for a known first name (as written, capitalised).
pub fn is_first_name(word: &str) -> bool {
    GAZETTEER.first_names.contains(word)
}

/// True for an American first name that [`is_first_name`] lacks ("Hillary",
/// `us_first_names.tsv`). Kept apart: many are firms' and songs' words too
/// ("Merrill Lynch", "Candy Shop"), so they only join a surname the tagger
/// found alone (`initials.rs`) and tell a gender, never make a name a person's.
pub fn is_us_first_name(word: &str) -> bool {
    GAZETTEER.us_first_names.contains(word)
}

/// What is known about a person's gender (for `he` and `she`, and for
/// telling two people of one surname apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Personal titles that tell a person's gender.
pub const MALE_TITLES: &[&str] = &["Father", "King", "Lord", "Mr", "Prince", "Sir"];
pub const FEMALE_TITLES: &[&str] = &[
    "Dame", "Lady", "Madam", "Miss", "Mme", "Mrs", "Ms", "Princess", "Queen", "Sister", "Baroness",
];

/// The gender a title tells (`Mr`, `Mrs.`), a final dot ignored.
pub fn title_gender(word: &str) -> Option<Gender> {
    let word = word.trim_end_matches('.');
    if MALE_TITLES.contains(&word) {
        Some(Gender::Male)
    } else if FEMALE_TITLES.contains(&word) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// A first name's usual gender (`first_name_genders.tsv`, `us_first_names.tsv`).
pub fn first_name_gender(word: &str) -> Option<Gender> {
    GAZETTEER.first_name_genders.get(word).copied()
}

/// True for a surname many people share ("Roberts", "McDonald"; any case;
/// `common_surnames.tsv`): alone, it may be any of them.
pub fn is_common_surname(word: &str) -> bool {
    with_lower(word, |lowered| GAZETTEER.common_surnames.contains(lowered))
}

/// The share [`lowercase_share`] gives a word that is ordinary but rare
/// ("cairn", "holt", "twitter"): `make_gazetteer.py` scores every word it
/// adds from a word list so, having no counts of its case. Such a word is as
/// often a name.
pub const RARE_ORDINARY: u8 = 60;

/// How often an ordinary English word is written in lower case mid-sentence, in
/// percent; `None` for words that are not common (names, rare words).
pub fn lowercase_share(word: &str) -> Option<u8> {
    with_lower(word, |w| GAZETTEER.common.get(w).copied())
}

/// True for an all-caps abbreviation of an ordinary thing (TV, GDP, CEO).
pub fn is_plain_acronym(word: &str) -> bool {
    GAZETTEER.plain_acronyms.contains(word)
}

/// The entity a whole phrase stands for ("Islamic Republic" → Iran).
pub fn epithet(phrase: &str) -> Option<Epithet> {
    GAZETTEER.epithets.get(phrase).copied()
}

/// Words (separated by spaces) in the longest phrase [`place`], [`demonym`] or
/// [`epithet`] knows: a longer phrase is none of them, whatever its words.
pub fn longest_entry_words() -> usize {
    GAZETTEER.longest_entry_words
}

/// Day and month names (and their usual abbreviations): capitalised, never entities.
pub fn is_weekday_or_month(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    if is_day_or_month_name(w) {
        return true;
    }
    // In capitals ("MONDAY", "SEPT"): the name is the word capitalised. A
    // match compares lengths first; this runs for every capitalised word.
    const LONGEST: usize = "September".len();
    if w.len() <= 3 || w.len() > LONGEST || !w.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut buffer = [0u8; LONGEST];
    let name = &mut buffer[..w.len()];
    name.copy_from_slice(w.as_bytes());
    name[1..].make_ascii_lowercase();
    std::str::from_utf8(name).is_ok_and(is_day_or_month_name)
}

/// A day's or month's name or usual abbreviation, as written in running text.
fn is_day_or_month_name(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thur"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_company_is_known_in_any_case_and_nothing_else_is() {
        for name in [
            "eBay",
            "Ebay",
            "EBay",
            "EBAY",
            "Netflix",
            "Hewlett Packard Enterprise",
        ] {
            assert!(is_company(name), "{name}");
        }
        for name in ["Tehran", "Ebays", "Hewlett", "Ali Khamenei"] {
            assert!(!is_company(name), "{name}");
        }
    }

    #[test]
    fn place_knows_countries_short_forms_and_cities() {
        assert_eq!(
            place("UAE").map(|p| p.canonical),
            Some("United Arab Emirates")
        );
        assert_eq!(
            place("United Arab Emirates").map(|p| p.class),
            Some(PlaceClass::Country)
        );
        assert_eq!(place("US").map(|p| p.canonical), Some("United States"));
        assert_eq!(place("Damascus").map(|p| p.class), Some(PlaceClass::City));
        assert_eq!(place("TEHRAN").map(|p| p.canonical), Some("Tehran"));
        assert_eq!(place("Some"), None);
    }

    #[test]
    fn demonym_maps_adjectives_and_plurals_to_countries() {
        assert_eq!(demonym("Syrian"), Some("Syria"));
        assert_eq!(demonym("Iranians"), Some("Iran"));
        assert_eq!(demonym("American"), Some("United States"));
        assert_eq!(demonym("Arab"), Some(""));
        assert_eq!(demonym("Tehran"), None);
    }

    #[test]
    fn title_tells_heads_from_modifiers() {
        assert_eq!(title("President"), Some(TitleRole::Head));
        assert_eq!(title("Sen."), Some(TitleRole::Head));
        assert_eq!(title("Foreign"), Some(TitleRole::Modifier));
        assert_eq!(title("Supreme"), Some(TitleRole::Modifier));
        assert_eq!(title("Council"), None);
    }

    #[test]
    fn word_lists_answer_membership() {
        assert!(is_org_word("Council") && is_org_word("News") && !is_org_word("Syria"));
        assert!(is_first_name("Ali") && is_first_name("Hossein") && !is_first_name("Tehran"));
        assert!(lowercase_share("However").is_some_and(|p| p >= 90));
        assert!(lowercase_share("Some").is_some_and(|p| p >= 90));
        assert!(lowercase_share("Tehran").is_none());
        assert!(is_plain_acronym("TV") && !is_plain_acronym("IRGC"));
        assert!(
            is_weekday_or_month("Sunday")
                && is_weekday_or_month("March")
                && !is_weekday_or_month("Syria")
        );
        // Abbreviated with a dot, and in capitals from four letters on.
        assert!(is_weekday_or_month("Sept.") && is_weekday_or_month("Dec"));
        assert!(is_weekday_or_month("SEPTEMBER") && is_weekday_or_month("THURS."));
        assert!(!is_weekday_or_month("MAY") && !is_weekday_or_month("SEPTEMBERS"));
        assert!(!is_weekday_or_month("MArch") && !is_weekday_or_month("march"));
    }

    #[test]
    fn brands_leave_out_people_places_and_ordinary_words_but_keep_their_own_spelling() {
        for name in [
            "Spotify",
            "spotify",
            "Instagram",
            "Twitter",
            "Zoom",
            "PlayStation",
        ] {
            assert!(brand(name).is_some(), "{name}");
        }
        // Ordinary words are the brand only as the brand writes them; people's
        // names, places and listed companies are not in the list.
        for other in [
            "twitter",
            "TWITTER",
            "Juke",
            "Red",
            "Ford",
            "Norwegian",
            "Hal",
            "Tesla",
            "Paris",
            "Premier League",
        ] {
            assert_eq!(brand(other), None, "{other}");
        }
        // A brand that is a surname too may be a person.
        let surname = |name| brand(name).is_some_and(|b| b.surname);
        assert!(surname("Müller") && surname("Jameson"));
        assert!(!surname("Spotify") && !surname("Smith"));
    }

    #[test]
    fn epithet_names_the_entity_behind_a_phrase() {
        let e = epithet("Islamic Republic").expect("listed");
        assert_eq!((e.kind, e.canonical), (EntityKind::Place, "Iran"));
        assert_eq!(epithet("Kremlin").map(|e| e.kind), Some(EntityKind::Place));
        assert_eq!(
            epithet("Pentagon").map(|e| e.kind),
            Some(EntityKind::Organization)
        );
        assert_eq!(epithet("President"), None);
    }
}
