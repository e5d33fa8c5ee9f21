//! Shared helpers about the words of names: their shape (capitals,
//! acronyms, particles), comparison keys, surnames and initials. Used by the
//! mention finder, the alias merger and the collection index alike.

use super::gazetteer;

/// Words left out of an organisation's initials ("Bank of England" → BE).
const INITIALS_SKIP: &[&str] = &["of", "the", "and", "for", "&", "de", "la", "du"];

/// Lower-case name particles that may start a surname ("al-Assad" → "Assad").
const SURNAME_PREFIXES: &[&str] = &[
    "al-", "el-", "Al-", "El-", "ad-", "as-", "ash-", "at-", "ar-",
];

/// Lower-case words that sit inside names: "Bashar al Assad", "Ludwig van Beethoven".
pub(crate) const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "den", "van", "von", "da",
    "das", "dos", "du", "di", "la", "le", "y",
];

/// Lower-case prefixes of one-token names: "al-Assad", "el-Sisi".
pub(crate) const PARTICLE_PREFIXES: &[&str] = &[
    "al-", "el-", "ad-", "ash-", "as-", "at-", "ar-", "bin-", "ibn-", "abu-",
];

/// A lower-case word that is not one of the small words names are built with
/// ("Bank of England", "Ludwig van Beethoven", "Procter & Gamble").
pub(crate) fn breaks_name(word: &str) -> bool {
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

/// Where `words` stand in `text` as whole words (no letter or digit right
/// before or after), in order.
pub(crate) fn whole_word_matches<'a>(
    text: &'a str,
    words: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(words)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !text[..at].ends_with(char::is_alphanumeric)
                && !text[at + words.len()..].starts_with(char::is_alphanumeric)
        })
}

/// English prefixes that make an adjective of a name: "anti-Assad", "pro-Kremlin",
/// "post-Soviet". Such a word describes a stance, not a name a reader looks up.
pub(crate) fn is_prefixed_adjective(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "anti", "pro", "ex", "non", "post", "pre", "neo", "pan", "mid", "un", "semi", "multi",
        "trans", "inter", "intra", "sub", "super", "ultra", "counter", "former",
    ];
    word.split_once('-').is_some_and(|(prefix, rest)| {
        PREFIXES.contains(&prefix) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A one-token name with a lower-case particle prefix: "al-Assad",
/// "al-Qaeda", "el-Sisi".
pub(crate) fn is_prefixed_name(word: &str) -> bool {
    // Every prefix ends with a hyphen: most words need no list search.
    word.contains('-')
        && PARTICLE_PREFIXES
            .iter()
            .any(|p| word.strip_prefix(p).is_some_and(starts_upper))
}

/// First letter upper case.
pub(crate) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A brand spelled with a lower-case prefix before a capital: "iPod",
/// "iTunes", "eBay" (not "mRNA" or "iOS": a capital word follows there).
pub(crate) fn is_lower_camel(word: &str) -> bool {
    let prefix = word.chars().take_while(char::is_ascii_lowercase).count();
    let mut rest = word.chars().skip(prefix);
    (1..=2).contains(&prefix)
        && word.len() >= 4
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && rest.next().is_some_and(|c| c.is_ascii_uppercase())
        && rest.next().is_some_and(|c| c.is_ascii_lowercase())
}

/// True when `alt` looks like another spelling of `word` ("Qods"/"Quds",
/// "Kyiv"/"Kiev", "Nowruz"/"Norooz"): same first letter, at most half the
/// letters (two in a short word) changed, added or dropped, and not a known place unless `word` is one too ("R Williams
/// (Wales)" is no spelling, nor is "J Bonnaire (Bourgoin)" with his club).
pub(crate) fn is_respelling(word: &str, alt: &str) -> bool {
    let (a, b) = (word.chars().count(), alt.chars().count());
    word.chars().next() == alt.chars().next()
        && a >= 3
        && a.abs_diff(b) <= 2
        && edit_distance(word, alt) <= (a / 2).max(2)
        && (gazetteer::place(alt).is_none() || gazetteer::place(word).is_some())
}

/// Letters to change, add or drop to turn `a` into `b` (Levenshtein), for
/// the short words [`is_respelling`] compares.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// An all-caps abbreviation of an ordinary thing ("TV"), or any abbreviation
/// in the plural ("TVs", "CSOs", "NGOs"): a class of things, not a name.
pub(crate) fn is_plain_plural(word: &str) -> bool {
    gazetteer::is_plain_acronym(word)
        || word
            .strip_suffix('s')
            .is_some_and(|stem| stem.chars().count() >= 2 && is_acronym(stem))
}

/// "I'm", "We've", "They're": a pronoun with a verb, no name.
pub(crate) fn is_contraction(word: &str) -> bool {
    word.rsplit(['\'', '\u{2019}']).next().is_some_and(|tail| {
        tail.len() < word.len() && matches!(tail, "m" | "ve" | "re" | "ll" | "d" | "t")
    })
}

/// All letters upper case, at least two of them: an acronym such as "IRGC".
pub(crate) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// A surface form as a comparison key: single spaces, curly apostrophes made
/// straight, dots dropped from initials ("U.S." → "US").
pub(crate) fn normalise(surface: &str) -> String {
    // Words joined by single spaces, curly apostrophes straightened, in one buffer.
    let mut s = String::with_capacity(surface.len());
    for (k, word) in surface.split_whitespace().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        if word.contains('\u{2019}') {
            s.extend(word.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
        } else {
            s.push_str(word);
        }
    }
    if s.contains('.') && s.chars().all(|c| c == '.' || c.is_uppercase()) {
        s.retain(|c| c != '.');
    }
    s
}

/// The surnames a full name can be shortened to: its last word, and that word
/// without a particle prefix ("Bashar al-Assad" → "al-Assad", "Assad").
/// Each ends `full` ([`super::merges::SurnameOwners`] keeps only its length).
pub(crate) fn surname_forms(full: &str) -> Vec<&str> {
    let Some(last) = full.split(' ').next_back() else {
        return Vec::new();
    };
    let mut forms = vec![last];
    for p in SURNAME_PREFIXES {
        if let Some(rest) = last.strip_prefix(p) {
            forms.push(rest);
        }
    }
    forms
}

/// The letter of a lone initial ("J", "J."), the stand-in for a first name.
pub(crate) fn lone_initial(word: &str) -> Option<&str> {
    let letter = word.trim_end_matches('.');
    (letter.chars().count() == 1 && letter.starts_with(char::is_uppercase)).then_some(letter)
}

/// An initial or two joined by a hyphen, a dot after each allowed: "J",
/// "J.", "J-P" (a team sheet's "J-P Smith").
pub(crate) fn is_initials(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    !word.is_empty()
        && word.split('-').count() <= 2
        && word.split('-').all(|part| lone_initial(part).is_some())
}

/// Initials written as a dotted chain: "H.W.", "J.R.R." (and "J.", "J").
pub(crate) fn is_dotted_initials(word: &str) -> bool {
    let letters = word.trim_end_matches('.');
    !letters.is_empty()
        && letters
            .split('.')
            .all(|part| lone_initial(part) == Some(part))
}

/// Initial letters of a multi-word name, skipping small words; `None` for one
/// word, and for a name holding an acronym ("US Senate" is no "US").
pub(crate) fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(' ')
        .filter(|w| !INITIALS_SKIP.contains(w))
        .collect();
    (words.len() >= 2 && !words.iter().any(|w| is_bare_acronym(w)))
        .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// True for an acronym name: 2-8 capitals, nothing else.
pub(crate) fn is_bare_acronym(name: &str) -> bool {
    (2..=8).contains(&name.chars().count()) && name.chars().all(|c| c.is_uppercase())
}

/// The text within `reach` bytes before `start` and after `end` in `para`
/// (to char boundaries), and where the first begins: what a check of a
/// mention's surroundings reads, so that a text without spaces costs it no
/// more per mention than any other.
pub(crate) fn around(para: &str, start: usize, end: usize, reach: usize) -> (usize, &str, &str) {
    let mut lo = start.saturating_sub(reach).min(para.len());
    while !para.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = end.saturating_add(reach).min(para.len());
    while !para.is_char_boundary(hi) {
        hi += 1;
    }
    let before = para.get(lo..start).unwrap_or("");
    let after = para.get(end..hi).unwrap_or("");
    (lo, before, after)
}

/// True for one word that joins an acronym to a word: "RIPMobile",
/// "BTOpenworld", "ITVDigital" (three capitals at least, then a lower-case
/// letter, and more than a plural's "s"). No one's name is spelled so.
pub(crate) fn is_acronym_joined(word: &str) -> bool {
    let capitals = word.chars().take_while(char::is_ascii_uppercase).count();
    // An acronym's plural ("MEPs", "NGOs") is no joined word.
    capitals >= 3
        && word
            .chars()
            .nth(capitals)
            .is_some_and(|c| c.is_ascii_lowercase())
        && word.len() > capitals + 1
}

/// True for a web address used as a name: "Jolt.co.uk", "Polygraph.info",
/// "Amazon.com" (a site, and the firm behind it). Its last part is a generic
/// domain ("com", "org", "info" ...) or a country's after "co", "com", "org"
/// or "ac" ("co.uk", "com.au"); every part is a word. Not initials ("U.S.")
/// nor a word ending a sentence.
pub(crate) fn is_web_domain(word: &str) -> bool {
    // Asked of every one-word name: most have no dot, and cost no more.
    if !word.contains('.') {
        return false;
    }
    let parts: Vec<&str> = word.split('.').collect();
    let [site, .., last] = parts.as_slice() else {
        return false;
    };
    let national = parts.len() >= 3
        && last.len() == 2
        && last.bytes().all(|b| b.is_ascii_lowercase())
        && is_second_level_domain(parts[parts.len() - 2]);
    (is_generic_domain(last) || national)
        && site.chars().count() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// A generic top-level domain that names a site: "com", "org", "info" ...
pub(crate) fn is_generic_domain(label: &str) -> bool {
    matches!(
        label,
        "com" | "net" | "org" | "info" | "io" | "biz" | "gov" | "edu" | "tv"
    )
}

/// A label before a country's two letters: "co" of "co.uk", "com" of "com.au".
pub(crate) fn is_second_level_domain(label: &str) -> bool {
    matches!(label, "co" | "com" | "org" | "ac")
}

/// True for one word with a capital after a lower-case letter ("WeWork",
/// "YouTube", "eBay"), unless the capital follows a surname prefix such as
/// Mc, Mac, Di, De, Da, Du, Le, La, Van or Von ("McCain", "DiCaprio", "LeBron").
pub(crate) fn is_camel_case(word: &str) -> bool {
    const SURNAME_PREFIXES: &[&str] = &[
        "Mc", "Mac", "Di", "De", "Da", "Du", "Le", "La", "Van", "Von",
    ];
    // Read without allocating: asked of every one-word name of an article.
    let mut letters = word.char_indices().zip(word.chars().skip(1));
    let inner = letters.find(|((_, a), b)| a.is_lowercase() && b.is_uppercase());
    let Some(((at, before), _)) = inner else {
        return false;
    };
    let head = &word[..at + before.len_utf8()];
    word.chars().all(char::is_alphabetic) && !SURNAME_PREFIXES.contains(&head)
}

/// A year of the last two centuries or this one, written in full: "2003".
pub(crate) fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

/// Whether the text between byte `end` of one word or name and byte `start`
/// of the next is one space, no more: two pieces side by side.
pub(crate) fn one_space_between(text: &str, end: usize, start: usize) -> bool {
    start == end + 1 && text.as_bytes().get(end) == Some(&b' ')
}

/// True when the letters of `small` appear in `big` in order.
pub(crate) fn is_subsequence(small: &str, big: &str) -> bool {
    let mut it = big.chars();
    small.chars().all(|c| it.any(|b| b == c))
}

/// Last words that name an event, a contest, a league or a prize, as
/// CoNLL-2003 labels them (other): "Academy Awards", "World Cup", "Champions
/// League", "PGA Tour", "Consumer Electronics Show", "Belgian Grand Prix".
/// (Measured on CoNLL-2003's training names: names ending in League are other
/// 42 times in 48, Series 13 of 13, Tour 12 of 12, Prix 14 of 14.)
pub(crate) fn is_event_word(word: &str) -> bool {
    matches!(
        word,
        "Award"
            | "Awards"
            | "Prize"
            | "Prizes"
            | "Cup"
            | "Open"
            | "Championship"
            | "Championships"
            | "Games"
            | "Olympics"
            | "Festival"
            | "Trophy"
            | "Marathon"
            | "Tournament"
            | "Summit"
            | "Show"
            | "Expo"
            | "Tour"
            | "Slam"
            | "League"
            | "Series"
            | "Rally"
            | "Classic"
            | "Prix"
            | "Convention"
            | "Conference"
            | "Stakes"
            | "Masters"
            | "Final"
            | "Finals"
            | "Premiership"
    )
}

/// Last words that name a place by what it is: a feature of the land or
/// water, a street, a building or grounds ("River Lagan", "Upper Afan
/// Valley", "Lyric Theatre", "Baker Street"). CoNLL-2003 labels such names
/// places: of its training names with two or more words, those ending in
/// Street are places 13 times in 14, Bridge 8 in 9, Island(s) 10 in 11,
/// Ocean, Sea, Gulf, Reef and Strip every time. Not "House", "Hospital" or
/// "Centre", as often a firm's, a trust's or a research body's name; and the
/// organisation words come first ("Federal Reserve", "Crystal Palace").
pub(crate) fn is_place_word(word: &str) -> bool {
    matches!(
        word,
        "River"
            | "Lake"
            | "Loch"
            | "Ocean"
            | "Sea"
            | "Gulf"
            | "Bay"
            | "Reef"
            | "Strip"
            | "Island"
            | "Islands"
            | "Isles"
            | "Mountains"
            | "Mountain"
            | "Valley"
            | "Glen"
            | "Glens"
            | "Desert"
            | "Canal"
            | "Street"
            | "Road"
            | "Avenue"
            | "Square"
            | "Bridge"
            | "Airport"
            | "Stadium"
            | "Arena"
            | "Theatre"
            | "Theater"
            | "Castle"
            | "Cathedral"
            | "Abbey"
    )
}

/// A name that a place's first word shows is one: "River Lagan", "Lake
/// Victoria", "Mount Everest" (that word and one more), "Glens of Antrim",
/// "Gulf of Mexico", "Isle of Man" (that word, "of" and one more); not "Gulf
/// War" or "Bay Area Laboratory Cooperative".
pub(crate) fn opens_as_place(words: &[&str]) -> bool {
    match words {
        [first, _] => matches!(*first, "River" | "Lake" | "Loch" | "Mount" | "Cape"),
        [first, "of", _] => matches!(*first, "Glens" | "Gulf" | "Bay" | "Isle" | "Lake"),
        _ => false,
    }
}

/// Last words that name a law or a treaty: "Finance Bill", "Patriot Act",
/// "Kyoto Treaty" (other).
pub(crate) fn is_law_word(word: &str) -> bool {
    matches!(word, "Bill" | "Act" | "Treaty" | "Accord" | "Accords")
}

/// The name a firm goes by without its suffix ("Cairn" of "Cairn Energy"),
/// unless what is left is a title, a place or a nation ("General" of
/// "General Motors", "British" of "British Airways"); a site named by its web
/// address goes by its first part ("Amazon" of "Amazon.com" and of
/// "Amazon.com Inc").
pub(crate) fn firm_head(name: &str) -> Option<&str> {
    let Some((head, last)) = name.rsplit_once(' ') else {
        return site_name(name);
    };
    let first = head.split(' ').next()?;
    (is_firm_suffix(last)
        && gazetteer::title(first).is_none()
        && gazetteer::place(head).is_none()
        && gazetteer::demonym(first).is_none())
    .then(|| site_name(head).unwrap_or(head))
}

/// The name in a capitalised web address: "Amazon" of "Amazon.com"; not a
/// country's or a nation's ("Ireland.com", "China.com" are no "Ireland").
fn site_name(word: &str) -> Option<&str> {
    let site = word.split('.').next()?;
    let nation = gazetteer::place(site).is_some_and(|p| p.class == gazetteer::PlaceClass::Country)
        || gazetteer::demonym(site).is_some();
    (site.starts_with(char::is_uppercase) && is_web_domain(word) && !nation).then_some(site)
}

/// A lower-case particle of a surname ("von", "der", "bin", "da"; not the
/// one-letter "y", which joins two surnames): `PARTICLES` as a surname's
/// short form keeps them.
pub(crate) fn is_surname_particle(word: &str) -> bool {
    word.len() > 1 && PARTICLES.contains(&word)
}

/// Words that end a firm's full name and that it drops when named again:
/// "Cairn Energy" is "Cairn", "Zentrix Holdings plc" is "Zentrix Holdings".
fn is_firm_suffix(word: &str) -> bool {
    matches!(
        word,
        "AG" | "Airlines"
            | "Airways"
            | "Bancorp"
            | "Bros"
            | "Bros."
            | "Brothers"
            | "Co"
            | "Co."
            | "Communications"
            | "Corp"
            | "Corp."
            | "Corporation"
            | "Energy"
            | "Enterprises"
            | "Entertainment"
            | "GmbH"
            | "Group"
            | "Holdings"
            | "Inc"
            | "Inc."
            | "Industries"
            | "Investments"
            | "LLC"
            | "Ltd"
            | "Ltd."
            | "Motors"
            | "NV"
            | "Petroleum"
            | "Pharmaceuticals"
            | "Plc"
            | "plc"
            | "Records"
            | "SA"
            | "SE"
            | "Studios"
            | "Technologies"
            | "Telecom"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn every_surname_form_ends_the_full_name(full in "[A-Za-z' -]{0,24}") {
            for form in surname_forms(&full) {
                proptest::prop_assert!(full.ends_with(form));
            }
        }
    }

    #[test]
    fn surname_forms_are_the_last_word_with_and_without_its_particle() {
        assert_eq!(surname_forms("Bashar al-Assad"), ["al-Assad", "Assad"]);
        assert_eq!(surname_forms("Tony Blair"), ["Blair"]);
    }

    #[test]
    fn a_firm_goes_by_its_name_without_its_suffix_or_its_web_address() {
        assert_eq!(firm_head("Cairn Energy"), Some("Cairn"));
        assert_eq!(firm_head("BioNTech SE"), Some("BioNTech"));
        assert_eq!(firm_head("Amazon.com"), Some("Amazon"));
        assert_eq!(firm_head("Amazon.com Inc"), Some("Amazon"));
        assert_eq!(firm_head("Jolt.co.uk"), Some("Jolt"));
        // Not a title, a nation or a lower-case address.
        assert_eq!(firm_head("General Motors"), None);
        assert_eq!(firm_head("British Airways"), None);
        assert_eq!(firm_head("bbc.co.uk"), None);
        assert_eq!(firm_head("Ireland.com"), None);
        assert_eq!(firm_head("China.com Inc"), Some("China.com"));
        assert_eq!(firm_head("Cairn"), None);
    }

    #[test]
    fn a_respelling_changes_few_letters() {
        assert_eq!(edit_distance("Qods", "Quds"), 1);
        assert_eq!(edit_distance("Kyiv", "Kiev"), 2);
        assert_eq!(edit_distance("Holt", "Holte"), 1);
        assert!(is_respelling("Qods", "Quds"));
        assert!(is_respelling("Kyiv", "Kiev"));
        assert!(is_respelling("Nowruz", "Norooz"));
        // A player and his club share a first letter and a length, no more.
        assert!(!is_respelling("Brisaire", "Bortevin"));
    }

    #[test]
    fn abbreviations_in_the_plural_are_classes_of_things() {
        for word in ["CSOs", "NGOs", "TVs", "MPs"] {
            assert!(is_plain_plural(word), "{word}");
        }
        for word in ["IRGC", "Oscars", "Lib", "As", "NHS"] {
            assert!(!is_plain_plural(word), "{word}");
        }
    }

    #[test]
    fn initials_are_single_capitals_hyphened_or_dotted() {
        for word in ["J", "J.", "J-P", "Ł."] {
            assert!(is_initials(word), "{word}");
        }
        for word in ["Jo", "J-P-K", "H.W.", "j", ""] {
            assert!(!is_initials(word), "{word}");
        }
        for word in ["W", "W.", "H.W.", "J.R.R."] {
            assert!(is_dotted_initials(word), "{word}");
        }
        for word in ["J-P", "HW.", "Jo.", ""] {
            assert!(!is_dotted_initials(word), "{word}");
        }
    }

    #[test]
    fn brands_spelled_with_a_lower_case_prefix() {
        for word in ["iPod", "iPods", "iTunes", "eBay"] {
            assert!(is_lower_camel(word), "{word}");
        }
        for word in ["mRNA", "iOS", "oOo-----", "ebay", "eB", "McCain"] {
            assert!(!is_lower_camel(word), "{word}");
        }
    }
}
