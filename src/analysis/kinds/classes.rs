//! The class a noun puts the names after it in: an apposition ("the
//! regulator Ofcom", "one of the most influential labels, Def Jam"), an
//! example ("broadcasters such as Sky"; Hearst, 1992) and a list after a
//! plural ("box-office flops Alexander and Catwoman"). Each gives the kind
//! of its class's noun, read from [`super::words`].

use super::words::{cue, org_before, org_before_directly, other_before, person_before};
use super::{ORG, OTHER, PERSON, PLACE};

/// Items of a list walked back over to find its "such as": "services such
/// as iTunes, OD2 and Napster".
const LIST_ITEMS: usize = 6;

/// The kind of which the name after `before` is given as an example:
/// "NOUN such as", "NOUN like", "NOUN including" (a comma allowed before the
/// link word), where the noun, in the singular or the plural, is one that
/// names a person, a body, a place or a work ("broadcasters such as",
/// "countries like", "a game such as"); also for a later item of the list
/// ("networks such as Vodafone, O2 and Orange").
pub(super) fn example_of(before: &str, after: &str) -> Option<usize> {
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // Asked of every mention: most have no link word, list or name before them.
    let last = before.split_whitespace().next_back()?;
    let may_link = matches!(last, "as" | "like" | "including" | "and" | "or" | ",")
        || last.ends_with(',')
        || capitalised(last)
        || plural_class(last).is_some();
    if !may_link {
        return None;
    }
    let words: Vec<&str> = before.split_whitespace().rev().take(32).collect();
    let mut i = 0;
    // Whether a list's connector lies between the name and the link: a
    // plural's list needs two items.
    let mut crossed = false;
    for _ in 0..=LIST_ITEMS {
        if let Some(kind) = example_link(&words[i..]) {
            // A plural's list has two items at least: "wedding bands Ozzy
            // gave her" is no list of bands.
            let plural = !matches!(words[i], "as" | "like" | "including");
            return (!plural || crossed || list_follows(after)).then_some(kind);
        }
        // Back over the connector and the item before it: "Vodafone, O2 and".
        if matches!(words.get(i), Some(&("and" | "or" | ","))) {
            i += 1;
            crossed = true;
        }
        if words.get(i) == Some(&",") {
            i += 1;
            crossed = true;
        }
        let item = i;
        while let Some(w) = words.get(i) {
            // "iTunes," ends the item before, with its comma.
            let ends_earlier = i > item && w.ends_with(',');
            // "companies such as Microsoft. Bill Gates said": a list ends
            // with its sentence.
            let sentence_end = w.ends_with(['.', '!', '?', ':', ';']);
            if ends_earlier || sentence_end || !capitalised(w) {
                break;
            }
            // "Knots Landing, Falcon Crest": an item's own comma is a connector.
            crossed |= i == item && w.ends_with(',');
            i += 1;
        }
        if i == item || i >= words.len() {
            return None;
        }
    }
    None
}

/// True when `after` a name goes on with another item of a list: "and
/// Catwoman", ", Dustin Hoffman".
fn list_follows(after: &str) -> bool {
    let rest = after.trim_start();
    let rest = rest
        .strip_prefix(',')
        .or_else(|| rest.strip_prefix("and "))
        .or_else(|| rest.strip_prefix("or "));
    rest.is_some_and(|r| r.trim_start().starts_with(char::is_uppercase))
}

/// The kind named by the link words at the start of `words` (read
/// backwards): "such as", "like" or "including" after a class's noun.
fn example_link(words: &[&str]) -> Option<usize> {
    let mut words = words.iter().copied();
    let link = words.next()?;
    match link {
        "as" if words.next() == Some("such") => {}
        "like" | "including" => {}
        _ => return plural_class(link),
    }
    let mut noun = words.next()?;
    if noun == "," {
        noun = words.next()?;
    }
    let noun = cue(noun);
    // "a team including Beckham" names a member, not an example: after
    // "including", only a plural ("countries including Iraq").
    if link != "including"
        && let Some(kind) = example_kind(&noun)
    {
        return Some(kind);
    }
    of_singular(&noun, example_kind)
}

/// What `test` says of the singular of a plural `word` ("companies" is
/// "company", "labels" "label"), made without allocating: it is asked of
/// many words.
fn of_singular<T>(word: &str, test: impl Fn(&str) -> Option<T>) -> Option<T> {
    if let Some(stem) = word.strip_suffix("ies") {
        let mut buffer = [0u8; 32];
        if stem.len() < buffer.len() {
            buffer[..stem.len()].copy_from_slice(stem.as_bytes());
            buffer[stem.len()] = b'y';
            let found = std::str::from_utf8(&buffer[..=stem.len()])
                .ok()
                .and_then(&test);
            if found.is_some() {
                return found;
            }
        }
    }
    word.strip_suffix('s').and_then(test)
}

/// The noun a compound names things by ("engine" of "search-engine"), none
/// for a maker ("film-maker" is a person, "car-maker" a firm).
fn compound_head(word: &str) -> Option<&str> {
    let head = word.rsplit('-').next().unwrap_or(word);
    (!head.starts_with("maker") || head == word).then_some(head)
}

/// Whether the noun before a name makes it an organisation: "the regulator
/// Ofcom", "search-engine Google" (a compound's head), "one of the most
/// influential labels, Def Jam" (a plural in apposition, the name closing
/// it). `prev_raw` is the word right before the name as written, `apposed`
/// the noun (before a comma written apart). Never across a sentence's or a
/// quote's end ("the South Bank. Little Britain", `a good club," Pearce
/// said`), and the nouns that name a place as often ("in the studio, X
/// asked") only right before the name.
pub(super) fn org_cue_before(prev_raw: &str, apposed: &str, after: &str) -> bool {
    let bare = prev_raw.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    if bare.ends_with(['.', '!', '?']) || (bare.len() < prev_raw.len() && bare.ends_with(',')) {
        return false;
    }
    let comma = prev_raw.ends_with(',');
    let noun = |w: &str| org_before(w) || (!comma && org_before_directly(w));
    if noun(apposed) || compound_head(apposed).is_some_and(|head| head != apposed && noun(head)) {
        return true;
    }
    // A plural in apposition ends with the name.
    comma && after.trim_start().starts_with([',', '.', ';', ')']) && plural_of(apposed, org_before)
}

/// True when `word` is the plural of a noun `test` accepts ("labels",
/// "companies").
fn plural_of(word: &str, test: impl Fn(&str) -> bool) -> bool {
    of_singular(word, |one| test(one).then_some(())).is_some()
}

/// The kind of a list whose items follow a plural class noun right before
/// the first: "box-office flops Alexander and Catwoman", "actors Ben
/// Stiller and Dustin Hoffman", "rivals" aside. Not a plural that is more
/// often a verb before a name ("Top Gun stars Tom Cruise").
fn plural_class(word: &str) -> Option<usize> {
    if !word.ends_with('s')
        || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        || matches!(
            word,
            "stars" | "labels" | "sides" | "books" | "firms" | "leads" | "heads" | "hits"
            // League leaders are a team, a party's leaders people.
            | "leaders"
        )
    {
        return None;
    }
    of_singular(compound_head(word)?, example_kind)
}

/// The kind an apposition after a name gives it: "Wolf Brother, a fantasy
/// set 6,000 years ago", "Ofcom, the regulator,", "Holt, a lawyer": "a",
/// "an" or "the", up to three lower-case modifiers, and a class noun
/// ([`example_kind`]). Nothing when a name, a possessive or punctuation
/// comes first ("Holt, a former England striker", "X, the club's owner").
pub(super) fn apposed_after(after_mark: &str) -> Option<usize> {
    let rest = after_mark.strip_prefix(',')?.trim_start();
    let mut words = rest.split_whitespace();
    if !matches!(words.next()?, "a" | "an" | "the") {
        return None;
    }
    for _ in 0..4 {
        let word = words.next()?;
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if bare.is_empty() || !bare.chars().all(|c| c.is_lowercase() || c == '-') {
            return None;
        }
        // A job as often as a firm ("Jo Flaherty, a senior broadcaster").
        if matches!(bare, "broadcaster" | "publisher" | "operator" | "maker") {
            return None;
        }
        if let Some(kind) = example_kind(bare) {
            // "At Gatwick, the company has written …", "Set in South Wales,
            // the film is about …": a clause's subject after an opening
            // phrase, not an apposition.
            let verb_follows = bare.len() == word.len()
                && words.next().is_some_and(|next| {
                    matches!(
                        next,
                        "is" | "was"
                            | "are"
                            | "were"
                            | "has"
                            | "had"
                            | "have"
                            | "will"
                            | "would"
                            | "can"
                            | "could"
                            | "may"
                            | "said"
                            | "says"
                    )
                });
            return (!verb_follows).then_some(kind);
        }
        if bare.len() != word.len() {
            return None;
        }
    }
    None
}

/// The kind a noun names things of, when it is an example's class.
fn example_kind(noun: &str) -> Option<usize> {
    // Not the nouns that say who, not what ("rivals like", "people like
    // GCHQ"), nor the articles other_before holds.
    if matches!(
        noun,
        "a" | "an" | "this" | "next" | "rival" | "rivals" | "champion" | "champions" | "side"
    ) {
        None
    } else if person_before(noun)
        || matches!(
            noun,
            "artist" | "musician" | "politician" | "celebrity" | "leader"
        )
    {
        Some(PERSON)
    } else if org_before(noun)
        || matches!(
            noun,
            "network"
                | "provider"
                | "bank"
                | "group"
                | "team"
                | "organisation"
                | "organization"
                | "agency"
                | "party"
                | "union"
                | "site"
                | "store"
                | "chain"
                | "studio"
                | "portal"
                | "broadcaster"
        )
    {
        Some(ORG)
    } else if other_before(noun)
        || matches!(
            noun,
            "title" | "product" | "gadget" | "device" | "flop" | "hit" | "fantasy" | "memoir"
        )
    {
        Some(OTHER)
    } else if matches!(
        noun,
        "country" | "nation" | "city" | "town" | "region" | "destination"
    ) {
        Some(PLACE)
    } else {
        None
    }
}
