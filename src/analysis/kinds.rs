//! Kinds from evidence: what the words around a name say it is. The tagger
//! reads one sentence; "Chelsea beat Arsenal 2-1" or "shares in Yukos" say
//! more than its guess. Each article counts cues per entity
//! ([`evidence`]); an article applies its own ([`apply`]), and the
//! collection step adds them up per name ([`decide`], called by
//! [`super::index::Unifier`]) so that a name has the kind its contexts
//! across the collection show, not its one sentence.
//!
//! Cues, each counted per mention:
//! - person: a personal title or a role before it ("Mr X", "striker X"),
//!   an age after it ("X, 45,"), family after it ("X's wife"), "X himself";
//! - organization: an organisation noun before it ("the regulator X",
//!   "shares in X"), a role or a business word after it ("X chief
//!   executive", "X's shareholders"), a score next to it ("X 2-1");
//! - other (works, products, events, seasons): a work's noun before it ("the
//!   film X"), "X star", "X console", "an X", a title in quotes, "this X";
//! - a team or company in parentheses after a name ("J Lewsey (Wasps)") and a
//!   score next to it count once for an organisation;
//! - a fixture ("Chelsea v Birmingham") and a plural verb after a name that
//!   opens a clause ("Franz Ferdinand were", "Chelsea have") count for an
//!   organisation: a person is neither a side in a fixture nor plural;
//! - and from the name itself once per article: an organisation word at its
//!   end ("Harlow Mills"); an award's, a contest's or an event's ("Academy
//!   Awards", "World Cup", "Cannes Film Festival") and a law's or a treaty's
//!   ("Finance Bill", "the Bill", "Kyoto Treaty") for other; a first name
//!   with a surname or an initial with a surname ("J Hayes") for a person.

use super::gazetteer;
use super::names::{
    is_acronym, is_camel_case, is_event_word, is_law_word, is_lower_camel, is_place_word,
    lone_initial, opens_as_place,
};
use crate::model::{Entity, EntityKind, KindEvidence};
use foldhash::HashSet;

const PERSON: usize = 0;
const ORG: usize = 1;
const PLACE: usize = 2;
const OTHER: usize = 3;

/// Whether `word` (lower case) names a person by a title, a role, a trade
/// or a tie ("mr", "striker", "actress", "chairman", "wife"): a name after
/// it is a person's, and "the Sale player" stands for one.
pub fn is_person_noun(word: &str) -> bool {
    person_before(word)
}

/// Words before a name that make it a person: titles and roles.
fn person_before(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "sir"
            | "dame"
            | "lady"
            | "lord"
            | "prof"
            | "professor"
            | "senator"
            | "sen"
            | "rep"
            | "judge"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "archbishop"
            | "bishop"
            | "rev"
            | "reverend"
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "keeper"
            | "player"
            | "winger"
            | "fly-half"
            | "scrum-half"
            | "flanker"
            | "full-back"
            | "batsman"
            | "bowler"
            | "actor"
            | "actress"
            | "singer"
            | "rapper"
            | "star"
            | "superstar"
            | "frontman"
            | "guitarist"
            | "drummer"
            | "bassist"
            | "vocalist"
            | "songwriter"
            | "pianist"
            | "director"
            | "manager"
            | "boss"
            | "coach"
            | "captain"
            | "skipper"
            | "comedian"
            | "novelist"
            | "author"
            | "presenter"
            | "chairman"
            | "chairwoman"
            | "spokesman"
            | "spokeswoman"
            | "colleague"
            | "husband"
            | "wife"
            | "son"
            | "daughter"
            | "brother"
            | "sister"
            | "father"
            | "mother"
            | "team-mate"
            | "teammate"
            | "counterpart"
    )
}

/// Nouns before a name that make it an organisation: "the regulator X", "shares in X".
fn org_before(w: &str) -> bool {
    matches!(
        w,
        "company"
            | "firm"
            | "giant"
            | "retailer"
            | "lender"
            | "insurer"
            | "carrier"
            | "airline"
            | "operator"
            | "maker"
            | "manufacturer"
            | "regulator"
            | "watchdog"
            | "broadcaster"
            | "conglomerate"
            | "supermarket"
            | "brewer"
            | "publisher"
            | "club"
            | "side"
            | "champions"
            | "band"
            | "label"
            | "newspaper"
            | "tabloid"
            | "website"
            | "charity"
            | "outfit"
            | "rivals"
    )
}

/// Nouns right before a name that make it an organisation ("internet
/// provider AOL", "film studio Pixar"), but after a comma name a place as
/// often ("back in the studio, X asked").
fn org_before_directly(w: &str) -> bool {
    matches!(
        w,
        "engine" | "network" | "provider" | "agency" | "studio" | "chain" | "bank" | "portal"
    )
}

/// Words after a name that make it an organisation: "X chief executive", "X shares".
fn org_after(w: &str) -> bool {
    matches!(
        w,
        "boss"
            | "bosses"
            | "executive"
            | "executives"
            | "shares"
            | "shareholders"
            | "profits"
            | "revenues"
            | "subscribers"
            | "customers"
            | "headquarters"
            | "employees"
            | "manager"
            | "coach"
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "winger"
            | "fly-half"
            | "players"
            | "squad"
            | "founder"
            | "co-founder"
            | "ceo"
            | "chairman"
            | "chairwoman"
            | "quarterback"
            | "linebacker"
            | "unit"
            | "subsidiary"
    )
}

/// Nouns before "of X" that make X an organisation: "the sale of X", "the
/// chief executive of X". Not "head of" or "leader of", which a country has.
fn org_of(w: &str) -> bool {
    matches!(
        w,
        "sale"
            | "auction"
            | "takeover"
            | "acquisition"
            | "purchase"
            | "merger"
            | "owner"
            | "owners"
            | "founder"
            | "executive"
            | "chairman"
            | "shareholders"
            | "customers"
            | "employees"
            | "subscribers"
    )
}

/// Nouns before "of X" that make X a place: "the town of X", "north of X".
fn place_of(w: &str) -> bool {
    matches!(
        w,
        "town"
            | "city"
            | "village"
            | "county"
            | "province"
            | "region"
            | "district"
            | "island"
            | "suburb"
            | "suburbs"
            | "outskirts"
            | "borough"
            | "constituency"
            | "streets"
    ) || is_compass_point(w)
}

/// Words before "in X" that make X a place: "born in X", "the vote in X"
/// (not "shares in X", nor "a role in X", which firms and films have).
fn place_in(w: &str) -> bool {
    matches!(
        w,
        "born"
            | "based"
            | "lives"
            | "living"
            | "raised"
            | "stationed"
            | "headquartered"
            | "arrived"
            | "vote"
            | "voters"
            | "residents"
            | "holiday"
    )
}

/// Words before "for X" that make X a place: a constituency's member ("the
/// MP for X").
fn member_for(w: &str) -> bool {
    matches!(w, "mp" | "mep" | "msp" | "congressman" | "congresswoman")
}

/// Words after a name that people have too ("Clinton spokesman"): they make
/// an organisation of a name only where it is all of it, never a surname.
fn staff_after(w: &str) -> bool {
    matches!(
        w,
        "spokesman" | "spokeswoman" | "spokesperson" | "staff" | "aides"
    )
}

/// Words after a possessive that make the owner an organisation: "X's shareholders".
fn org_after_possessive(w: &str) -> bool {
    matches!(
        w,
        "shares"
            | "shareholders"
            | "profits"
            | "profit"
            | "revenues"
            | "subscribers"
            | "customers"
            | "headquarters"
            | "employees"
            | "board"
            | "players"
            | "squad"
            | "manager"
            | "coach"
            | "chief"
            | "software"
            | "products"
            | "services"
            | "website"
            | "stores"
            | "brand"
            | "takeover"
            | "results"
            | "ceo"
            | "founder"
            | "founders"
            | "chairman"
            | "listing"
            | "ipo"
            | "stock"
            | "initial"
    )
}

/// Words after a possessive that make the owner a person: "X's wife".
fn person_after_possessive(w: &str) -> bool {
    matches!(
        w,
        "wife"
            | "husband"
            | "son"
            | "daughter"
            | "mother"
            | "father"
            | "brother"
            | "sister"
            | "girlfriend"
            | "boyfriend"
            | "widow"
            | "parents"
            | "funeral"
            | "birthday"
    )
}

/// Nouns before a name that make it a work, a product or an event: "the film X".
fn other_before(w: &str) -> bool {
    matches!(
        w,
        "film"
            | "movie"
            | "album"
            | "single"
            | "song"
            | "book"
            | "novel"
            | "musical"
            | "sitcom"
            | "drama"
            | "documentary"
            | "console"
            | "handset"
            | "browser"
            | "programme"
            | "opera"
            | "blockbuster"
            | "sequel"
            | "comedy"
            | "thriller"
            | "game"
            | "biopic"
            | "cartoon"
            | "a"
            | "an"
            | "this"
            | "next"
    )
}

/// Words after a name that make it a work, a product or an award: "X star",
/// "X console", "X awards".
fn other_after(w: &str) -> bool {
    matches!(
        w,
        "star"
            | "stars"
            | "console"
            | "consoles"
            | "handset"
            | "sequel"
            | "soundtrack"
            | "nomination"
            | "nominations"
            | "nominee"
            | "nominees"
            | "ceremony"
            | "premiere"
            | "award"
            | "awards"
            | "prize"
            // A competition's: "the Premiership title", "the Six Nations
            // table", "Heineken Cup holders".
            | "title"
            | "table"
            | "champions"
            | "crown"
            | "standings"
            | "holders"
            | "opener"
            | "trophy"
    )
}

/// "the 2005 Six Nations", "England's 1966 World Cup", "this year's Ryder
/// Cup", "last season's Premiership": a year before a name, or a year's or a
/// season's, makes it an edition of an event.
fn edition_before(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(last), second) = (words.next(), words.next()) else {
        return false;
    };
    let is_year = last.len() == 4
        && last.chars().all(|c| c.is_ascii_digit())
        && (last.starts_with("19") || last.starts_with("20"));
    if is_year {
        let owner = second.unwrap_or("");
        let owner_cue = cue(owner);
        return matches!(
            owner_cue.as_str(),
            "the" | "this" | "last" | "next" | "its" | "their" | "his" | "her"
        ) || owner.ends_with("'s")
            || owner.ends_with("\u{2019}s");
    }
    let of_time = |w: &str| matches!(cue(w).as_str(), "year" | "season" | "week" | "weekend");
    // "year's", "year’s", and tokenised "year 's".
    if matches!(last, "'s" | "\u{2019}s") {
        return second.is_some_and(of_time);
    }
    last.strip_suffix("'s")
        .or_else(|| last.strip_suffix("\u{2019}s"))
        .is_some_and(of_time)
}

/// The word as a cue: lower case, without surrounding punctuation.
fn cue(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

fn is_all_caps(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

/// Items of a list walked back over to find its "such as": "services such
/// as iTunes, OD2 and Napster".
const LIST_ITEMS: usize = 6;

/// The kind of which the name after `before` is given as an example:
/// "NOUN such as", "NOUN like", "NOUN including" (a comma allowed before the
/// link word), where the noun, in the singular or the plural, is one that
/// names a person, a body, a place or a work ("broadcasters such as",
/// "countries like", "a game such as"); also for a later item of the list
/// ("networks such as Vodafone, O2 and Orange").
fn example_of(before: &str, after: &str) -> Option<usize> {
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
    let singular = (link != "including").then(|| noun.clone());
    let plurals = [
        noun.strip_suffix("ies").map(|stem| format!("{stem}y")),
        noun.strip_suffix('s').map(str::to_string),
    ];
    [singular]
        .into_iter()
        .chain(plurals)
        .flatten()
        .find_map(|one| example_kind(&one))
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
fn org_cue_before(prev_raw: &str, apposed: &str, after: &str) -> bool {
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
    word.strip_suffix("ies")
        .is_some_and(|stem| test(&format!("{stem}y")))
        || word.strip_suffix('s').is_some_and(test)
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
    let noun = compound_head(word)?;
    [
        noun.strip_suffix("ies").map(|stem| format!("{stem}y")),
        noun.strip_suffix('s').map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .find_map(|one| example_kind(&one))
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
            "title" | "product" | "gadget" | "device" | "flop" | "hit"
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

/// A point of the compass as a word before a place, in lower case: "south",
/// "north-east", "northern", "central".
fn is_compass_point(word: &str) -> bool {
    matches!(
        word,
        "north"
            | "south"
            | "east"
            | "west"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "north-eastern"
            | "north-western"
            | "south-eastern"
            | "south-western"
            | "central"
    )
}

/// A nation's or a region's adjective: a listed demonym, or one word shaped
/// like one ("Transylvanian", "Zairean", "Sudanese", "Cornish").
fn nationality_shaped(name: &str) -> bool {
    gazetteer::demonym(name).is_some()
        || (!name.contains(' ')
            && ["ian", "ean", "ese", "ish"]
                .iter()
                .any(|suffix| name.ends_with(suffix)))
}

/// A score such as "2-1" or "20-13".
fn is_score(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    w.split_once('-').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.len() <= 2
            && b.len() <= 2
            && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    })
}

/// The cues of one mention, `para[start..end]`.
///
/// `whole` tells that the mention is the entity's whole name (not "Clinton"
/// for Hillary Clinton).
fn mention_cues(para: &str, start: usize, end: usize, whole: bool, counts: &mut [u16; 4]) {
    // Cues are a few words either side: only so much is read, so that a
    // text without spaces ("Holt/said/Holt/said/…") costs no more per mention.
    const REACH: usize = 200;
    if para.get(start..end).is_none() {
        return;
    }
    let (_, before, after) = super::names::around(para, start, end, REACH);
    let mut add = |k: usize, n: u16| counts[k] = counts[k].saturating_add(n);
    let prev_raw = before.split_whitespace().next_back().unwrap_or("");
    let prev = cue(prev_raw);
    // "the regulator, Ofcom": an apposition's comma, also tokenised
    // ("regulator , Ofcom"). Not for works: "In the first game, X" opens a sentence.
    let mut words_before = before.split_whitespace().rev();
    let apposed = match words_before.next() {
        Some(",") => cue(words_before.next().unwrap_or("")),
        _ => prev.clone(),
    };
    // "Mr X", "striker X", "the regulator X", "the film X".
    // Not a word before a comma: "Media Player, Windows Messenger" is a
    // list; and an apposition after a role names a person less often than
    // it seems ("his wife, Democratic nominee X", "husband, Chicago Cubs
    // shortstop X": the name after the comma modifies the next role; in the
    // BBC collection and PolNeAR dev every change the comma made was wrong).
    if person_before(prev.trim_end_matches('.')) && !prev_raw.ends_with(',') {
        add(PERSON, 2);
    } else if org_cue_before(prev_raw, &apposed, after) {
        add(ORG, 2);
    } else if other_before(&prev)
        // "A Troncon" in a team sheet is an initial, not the article.
        && !(prev == "a" && prev_raw != "a")
        // The article is another's: the owner's thing's ("a McDonald's libel
        // action"), an acronym's, or the noun's that two joined names share.
        && !(matches!(prev.as_str(), "a" | "an")
            && (after.starts_with("'s")
                || after.starts_with("\u{2019}s")
                || is_all_caps(&para[start..end])
                || joins_another_name(after)))
        && !(matches!(prev.as_str(), "a" | "an" | "this" | "next") && modifies_next(after))
    {
        // "an Oscar" is a thing; "an IAAF official" is an organisation's
        // member and "an Apple iPod" its product: there the article is the
        // next word's.
        add(OTHER, 2);
    } else if matches!(prev.as_str(), "in" | "of" | "for") {
        // "shares in X", "stake in X", "the sale of X"; "born in X", "the
        // town of X", "the MP for X".
        let mut words = before.split_whitespace().rev();
        words.next();
        let raw = words
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '"', '\u{201c}']);
        let w = cue(raw);
        match prev.as_str() {
            "in" if matches!(w.as_str(), "shares" | "stake" | "stakes" | "shareholding") => {
                add(ORG, 2)
            }
            // "investors in Google", but "investors in London".
            "in" if matches!(
                w.as_str(),
                "investor" | "investors" | "shareholder" | "shareholders"
            ) && gazetteer::place(&para[start..end]).is_none() =>
            {
                add(ORG, 2)
            }
            "of" if org_of(&w) => add(ORG, 2),
            // Only the whole name: "based in Sakhnin" says nothing of the
            // club Bnei Sakhnin named for it. And "the town of X", not "City
            // of Plymouth AC", a name itself.
            "in" if whole && place_in(&w) => add(PLACE, 2),
            "of" if whole && place_of(&w) && raw.starts_with(char::is_lowercase) => add(PLACE, 2),
            "for" if whole && member_for(&w) => add(PLACE, 2),
            _ => {}
        }
    }
    // "broadcasters such as Sky", "a game such as Painkiller", "networks
    // like Orange": the kind of thing it is an example of (Hearst, 1992).
    if let Some(kind) = example_of(before, after) {
        add(kind, 2);
    }
    // "south Devon", "northern Iraq", "central London": a point of the
    // compass in lower case before a name places it; no one is "south X".
    // Not a people's adjective ("eastern Zairean", "southern Sudanese").
    if whole && is_compass_point(prev_raw) && !nationality_shaped(&para[start..end]) {
        add(PLACE, 2);
    }
    if is_score(prev_raw) {
        add(ORG, 1);
    }
    if edition_before(before) && !modifies_next(after) {
        add(OTHER, 2);
    }
    // A side in a fixture counts twice a noun's cue: enough for a city
    // named for its club ([`apply`]).
    if is_versus(prev_raw) {
        add(ORG, 4);
    }
    // Punctuation read as written ("X's", "X, 45,") or as in tokenised
    // copy, a space before each mark ("X 's", "X , 45 ,").
    let (before_mark, after_mark) = (before.trim_end_matches(' '), after.trim_start_matches(' '));
    // "J Lewsey (Wasps)": a team or a company in parentheses after a name.
    if let Some(owner) = before_mark.strip_suffix('(')
        && owner.ends_with(' ')
        && after_mark.starts_with(')')
        && owner
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        add(ORG, 1);
    }
    // A title in quotes: “Meet the Parents”.
    let opened = before_mark.ends_with(['"', '\u{201c}', '\u{2018}']);
    let closed = after_mark.starts_with(['"', '\u{201d}', '\u{2019}'])
        && !after_mark.starts_with("\u{2019}s ");
    if opened && closed {
        add(OTHER, 2);
    }
    // "X's wife", "X's shareholders".
    if let Some(rest) = after_mark
        .strip_prefix("'s ")
        .or_else(|| after_mark.strip_prefix("\u{2019}s "))
    {
        let mut after_owner = rest.split_whitespace();
        let next_raw = after_owner.next().unwrap_or("");
        let next = cue(next_raw);
        // "Oxfam's Barbara Stocking", "eBay's David Stern": a body's person,
        // named in full (a person's would be their wife, "Beckham's Victoria").
        let named_in_full = gazetteer::is_first_name(next_raw)
            && gazetteer::lowercase_share(next_raw).is_none_or(|share| share < 50)
            && after_owner
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
        if person_after_possessive(&next) {
            add(PERSON, 2);
        } else if org_after_possessive(&next) || named_in_full {
            add(ORG, 2);
        }
        return;
    }
    // "X, 45,", "X (45)".
    let age = after_mark
        .strip_prefix(',')
        .or_else(|| {
            after_mark
                .strip_prefix('(')
                .filter(|_| after_mark.len() < after.len())
        })
        .and_then(|rest| rest.split([',', ')']).next())
        .map(str::trim)
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()));
    if age {
        add(PERSON, 2);
        return;
    }
    // "Zentrix, which", "Zentrix made its call": a thing, not a person.
    if its_after(after) {
        add(ORG, 2);
    } else if is_which(after_mark) {
        // Weaker: "a son of President X, which plans" may say it of the firm before.
        add(ORG, 1);
    }
    let mut words = after.split_whitespace();
    let next_raw = words.next().unwrap_or("");
    let next = cue(next_raw);
    if next_raw.starts_with(|c: char| c.is_alphabetic()) && next_raw.len() == next.len() {
        if org_after(&next) {
            add(ORG, 2);
        } else if whole && staff_after(&next) {
            // "Conservative spokesman" speaks for a party; "Clinton aides"
            // are as often a candidate's, where the article calls her by
            // her surname alone, as US political copy does: half a cue.
            add(ORG, if next.starts_with("spokes") { 2 } else { 1 });
        } else if other_after(&next) {
            add(OTHER, 2);
        } else if matches!(next.as_str(), "himself" | "herself") {
            add(PERSON, 2);
        } else if next == "chief" && words.next().is_some_and(|w| cue(w) == "executive") {
            add(ORG, 2);
        }
    }
    if is_score(next_raw) {
        add(ORG, 1);
    }
    if is_versus(next_raw) || (!is_versus(prev_raw) && is_fixture_line(para)) {
        add(ORG, 4);
    } else if opens_clause(before) && takes_plural_verb(&para[start..end], next_raw) {
        add(ORG, 2);
    }
}

/// "X, which" (also tokenised, "X , which"): people are "who".
fn is_which(after_mark: &str) -> bool {
    after_mark
        .strip_prefix(',')
        .map(str::trim_start)
        .is_some_and(|rest| rest.starts_with("which "))
}

/// "X made its call", "X has cut its prices": the name is the subject of a
/// verb whose object is its own. Not after a verb of saying or thinking
/// ("Holt said its shares fell" is another's "its").
fn its_after(after: &str) -> bool {
    let mut words = after.split_whitespace();
    for _ in 0..3 {
        let Some(word) = words.next() else {
            return false;
        };
        if word == "its" {
            return true;
        }
        if !word.chars().all(|c| c.is_ascii_lowercase()) || parts_from_its(word) {
            return false;
        }
    }
    false
}

/// Words after which "its" is not the name's own: verbs of saying and
/// thinking ("Holt said its shares fell"), being ("Holt is its chairman",
/// "Holt became its head"), and words that end the name's clause ("Holt of
/// its plans").
fn parts_from_its(word: &str) -> bool {
    matches!(
        word,
        "is" | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "became"
            | "becomes"
            | "remains"
            | "remained"
            | "joined"
            | "joins"
            | "runs"
            | "ran"
            | "leads"
            | "led"
            | "heads"
            | "headed"
            | "chairs"
            | "chaired"
            | "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "believes"
            | "believed"
            | "thinks"
            | "thought"
            | "hopes"
            | "claimed"
            | "claims"
            | "argued"
            | "argues"
            | "insisted"
            | "warned"
            | "explained"
            | "noted"
            | "wrote"
            | "admitted"
            | "denied"
            | "knows"
            | "feels"
            | "expects"
            | "suggested"
            | "that"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "on"
            | "for"
            | "to"
            | "with"
            | "at"
            | "by"
            | "from"
            | "about"
            | "into"
            | "over"
            | "under"
            | "as"
    )
}

/// "a BBC World Service and WGBH co-production", "a Ford or Toyota
/// dealer": a name joined to another under one article shares the noun
/// after them, as "a Labour MP" does; the article is not the name's. ("an
/// Oscar and Golden Globe for it" ends its phrase: no noun after them.)
fn joins_another_name(after: &str) -> bool {
    let Some(rest) = ["and ", "or ", "& "]
        .iter()
        .find_map(|joint| after.trim_start().strip_prefix(joint))
    else {
        return false;
    };
    let mut words = rest.split_whitespace();
    if !words
        .clone()
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        return false;
    }
    // Past the other name's capitalised words, to the word after them.
    words
        .find(|w| !w.starts_with(char::is_uppercase))
        .is_some_and(|next| modifies_next(&format!(" {next}")))
}

/// Whether a name before `after` modifies the word after it ("an Apple
/// iPod", "an IAAF official"), rather than ends its noun phrase ("an Oscar
/// for", "an Oscar.").
fn modifies_next(after: &str) -> bool {
    let Some(next) = after
        .strip_prefix(' ')
        .and_then(|a| a.split_whitespace().next())
    else {
        return false;
    };
    let word = cue(next);
    next.starts_with(char::is_alphabetic)
        && !matches!(
            word.as_str(),
            "of" | "in"
                | "at"
                | "on"
                | "for"
                | "to"
                | "from"
                | "with"
                | "by"
                | "as"
                | "and"
                | "or"
                | "but"
                | "than"
                | "that"
                | "which"
                | "who"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "had"
                | "will"
                | "would"
                | "could"
                | "can"
                | "this"
                | "last"
                | "next"
        )
}

/// "v", "vs", "vs.": the word between two sides of a fixture.
fn is_versus(word: &str) -> bool {
    matches!(word, "v" | "v." | "vs" | "vs.")
}

/// "Reading or Swansea v Leicester or Blackpool": a short paragraph with a
/// "v" in it lists fixtures, so every name in it is a side.
fn is_fixture_line(para: &str) -> bool {
    // Asked at every mention: a long paragraph is refused by its length.
    if para.len() > 160 {
        return false;
    }
    let mut words = para.split_whitespace();
    words.clone().count() <= 12 && words.any(is_versus)
}

/// True when nothing but a sentence's start stands before a mention: the
/// paragraph's start, or a sentence's end or an opening quote before it.
/// ("Smith and Jones were" has "and" before "Jones": two people.)
fn opens_clause(before: &str) -> bool {
    let before = before.trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '\u{201c}', ':'])
}

/// "Franz Ferdinand were", "Chelsea have": a singular name with a plural
/// verb is a group (a band, a side, a firm in British usage), never a person.
fn takes_plural_verb(name: &str, next: &str) -> bool {
    !name.ends_with('s') && matches!(next, "were" | "are" | "have")
}

/// The cues in an entity's name itself (its words, not the words around
/// it): part of every article's evidence for it ([`evidence`]), and the same
/// in each, so the collection counts them apart ([`crate::analysis::index`]).
pub fn name_evidence(entity: &Entity) -> [u16; 4] {
    let mut counts = [0u16; 4];
    name_cues(entity, &mut counts);
    counts
}

/// Cues in the entity's name itself, counted once per article.
fn name_cues(entity: &Entity, counts: &mut [u16; 4]) {
    // "CES", named by its acronym, is what its expansion says it is (the
    // "Consumer Electronics Show"); but a league known by its initials is the
    // body that runs it ("the NFL said").
    let name = if is_acronym(&entity.name) {
        entity
            .aliases
            .iter()
            .max_by_key(|alias| alias.split(' ').count())
            .filter(|alias| alias.contains(' ') && !alias.ends_with(" League"))
            .unwrap_or(&entity.name)
    } else {
        &entity.name
    };
    let words: Vec<&str> = name.split(' ').collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return;
    };
    // "Netflix", "Tokyo Electron": a listed company's name. A city so named
    // ("Hartford", "Toyota") goes by its other cues (see `keeps_place`): its
    // name says nothing; a region's ("Amazon") is the firm's in the news.
    let city =
        gazetteer::place(&entity.name).is_some_and(|p| p.class == gazetteer::PlaceClass::City);
    if gazetteer::is_company(&entity.name) && !city {
        counts[ORG] += 2;
    } else if super::products::is_product(&entity.name) {
        // "Nintendo DS", "Apple Watch": a maker's name and its product's
        // words; a firm so named shows it by its cues ("Vivendi Universal said").
        counts[OTHER] += 2;
    }
    if words.len() < 2 {
        // "Parliament", "Congress": a lone organisation word. "WeWork",
        // "TimeWarner", "SoFi": a capital inside one word is a company's
        // spelling, not a person's ("McCain", "DiCaprio" aside); one after a
        // lower-case prefix ("iPod", "eBay") is as often a product's.
        if gazetteer::is_org_word(first) || is_camel_case(first) && !is_lower_camel(first) {
            counts[ORG] += 2;
        } else if is_law_word(first) {
            // "the Bill" of the Commons is a law, not a man called Bill.
            counts[OTHER] += 2;
        }
        return;
    }
    // "Bank of England", "Commission for Racial Equality": an organisation's
    // word and what it is of or for.
    let org_of =
        words.len() >= 3 && gazetteer::is_org_word(first) && matches!(words[1], "of" | "for");
    // "Academy Awards", "World Cup", "Champions League": an award, a contest
    // or an event is named by its last word, as an organisation is, and that
    // word wins over an organisation's ("League", "Conference", "Academy")
    // unless the name is an organisation's of something ("Organisation of the
    // Islamic Conference").
    // "Finance Bill", "Patriot Act", "Kyoto Treaty": a law or a treaty, likewise.
    // Such a last word outweighs one weak cue of an organisation around it
    // ("the Consumer Electronics Show (CES)"); but a league is as often the
    // body that runs the contest ("the National Football League said"; CoNLL-2003
    // labels names ending in League other 42 times in 48, in Cup or Prix always).
    if (is_event_word(last) && !org_of) || is_law_word(last) {
        counts[OTHER] += if *last == "League" { 2 } else { 3 };
        return;
    }
    if gazetteer::is_org_word(last) || org_of {
        counts[ORG] += 2;
        return;
    }
    // "River Lagan", "Upper Afan Valley", "Glens of Antrim": a place
    // named by what it is; unless found as a work's title ("Cold
    // Mountain", "How Green Was My Valley") or a person's name ("Wayne
    // Bridge", "W Bridge"; not "Ethel Barrymore Theatre", named for one).
    let personal = (has_person_shape(&words) && words.len() == 2) || lone_initial(first).is_some();
    if (is_place_word(last) || opens_as_place(&words))
        && !personal
        && entity.kind != EntityKind::Other
    {
        counts[PLACE] += 2;
        return;
    }
    // "MacBook Air", "Switch Lite", "Radeon Pro": a model's variant ends a
    // product's name; not a person's ("Carlos Slim", and "Fatboy Slim" as
    // the tagger read it), nor after initials ("PC Pro", a magazine).
    if super::models::ends_product_name(last)
        && !personal
        && entity.kind != EntityKind::Person
        && !is_acronym(first)
    {
        counts[OTHER] += 2;
        return;
    }
    if has_person_shape(&words) {
        // "J Hayes" is a team-sheet or scorecard name, hardly ever a firm's;
        // but "S. Korea" may be a place the gazetteer spells otherwise, and
        // a headline in capitals hides which.
        let sure = lone_initial(first).is_some()
            && entity.kind != EntityKind::Place
            && last.chars().any(char::is_lowercase);
        counts[PERSON] += if sure { 2 } else { 1 };
    } else if lone_initial(first).is_none()
        && gazetteer::lowercase_share(first).is_some_and(|p| p >= 90)
    {
        // "Finding Neverland", "Meet the Fockers": a title opened by a common word.
        counts[OTHER] += 1;
    }
}

/// "J Hayes", "Hillary Clinton": an initial or a first name before a surname.
fn has_person_shape(words: &[&str]) -> bool {
    let [first, .., last] = words else {
        return false;
    };
    // "N. Korean": a compass point before a nationality is no initial. (A
    // place's name may be a surname: "B Douglas".)
    let initial =
        lone_initial(first).is_some() && words.len() == 2 && gazetteer::demonym(last).is_none();
    let first_name =
        gazetteer::is_first_name(first) && gazetteer::lowercase_share(first).is_none_or(|p| p < 50);
    // "Jesse Owens Awards", "Stanley Cup": named for a person, but an event.
    (initial || first_name)
        && !gazetteer::is_org_word(last)
        && !is_event_word(last)
        && !is_law_word(last)
}

/// True for a name shaped like a person's: a first name or an initial
/// before a surname.
pub fn is_person_name(name: &str) -> bool {
    has_person_shape(&name.split(' ').collect::<Vec<_>>())
}

/// The cues of each entity in an article, parallel to `entities`.
pub fn evidence(paragraphs: &[String], entities: &[Entity]) -> Vec<KindEvidence> {
    // Names of the article that are no place, for a firm's regional arm.
    let unplaced: HashSet<&str> = entities
        .iter()
        .filter(|o| o.kind != EntityKind::Place)
        .map(|o| o.name.as_str())
        .collect();
    entities
        .iter()
        .map(|e| {
            let mut counts = [0u16; 4];
            let determined = may_take_article(e, entities);
            for m in &e.mentions {
                if let Some(para) = paragraphs.get(m.paragraph) {
                    let whole = para.get(m.range()) == Some(e.name.as_str());
                    mention_cues(para, m.start, m.end, whole, &mut counts);
                    if determined && whole && after_the(para, m.start, m.end, &e.name) {
                        counts[ORG] = counts[ORG].saturating_add(2);
                    }
                }
            }
            let own = name_evidence(e);
            for (n, own) in counts.iter_mut().zip(own) {
                *n = n.saturating_add(own);
            }
            if is_regional_arm(e, &unplaced) {
                counts[ORG] = counts[ORG].saturating_add(2);
            }
            KindEvidence { cues: counts, own }
        })
        .collect()
}

/// "Lycos Europe", "Sony UK": a firm's arm in a region, named by the firm,
/// which the article also names alone (`unplaced`: its names that are no
/// place), and a place. Not a region ("Central
/// Europe"), nor a person ("Jack London"), nor a place's place.
fn is_regional_arm(e: &Entity, unplaced: &HashSet<&str>) -> bool {
    let Some((first, last)) = e.name.split_once(' ') else {
        return false;
    };
    gazetteer::place(last).is_some()
        && gazetteer::place(first).is_none()
        && gazetteer::demonym(first).is_none()
        && !gazetteer::is_first_name(first)
        && gazetteer::lowercase_share(first).is_none_or(|share| share < 50)
        && unplaced.contains(first)
}

/// True for a one-word "person" that the article could call "the X" only if
/// it were no person: not a title or an office ("the Queen", "the Pope"), and
/// not the plural of a person's surname ("the Clintons").
fn may_take_article(e: &Entity, entities: &[Entity]) -> bool {
    if e.kind != EntityKind::Person || e.name.contains(' ') || gazetteer::title(&e.name).is_some() {
        return false;
    }
    let family = e.name.strip_suffix('s').is_some_and(|stem| {
        entities
            .iter()
            .any(|p| p.kind == EntityKind::Person && p.name.rsplit(' ').next() == Some(stem))
    });
    !family && gazetteer::epithet(&e.name).is_none()
}

/// "the Steelers", "The Hill's request": a name after the definite article.
/// People take no article; a name that does is a team, a firm, a paper, a
/// gallery. "the Trump administration" is a person's name used as a
/// modifier, so a singular name before a lower-case word does not count.
fn after_the(para: &str, start: usize, end: usize, name: &str) -> bool {
    let (Some(before), Some(after)) = (para.get(..start), para.get(end..)) else {
        return false;
    };
    let article = before
        .strip_suffix(' ')
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let modifier = after
        .strip_prefix(' ')
        .and_then(|a| a.chars().next())
        .is_some_and(char::is_lowercase);
    article && (!modifier || name.ends_with('s'))
}

/// The kind the evidence shows for a name now of kind `current`, when it
/// shows another clearly: at least `min` cues for one kind, more than twice
/// those of any other. A place the gazetteer knows keeps its kind (a city's
/// name used for its team is a different thing in that article), unless it
/// is a listed company's name too ("Amazon"); a place's own cues ("born in
/// X") may make a place of another name.
pub fn decide(name: &str, current: EntityKind, evidence: [u32; 4], min: u32) -> Option<EntityKind> {
    decide_keeping(name, current, evidence, min, keeps_place)
}

/// [`decide`], with `keeps` telling which places keep their kind.
fn decide_keeping(
    name: &str,
    current: EntityKind,
    evidence: [u32; 4],
    min: u32,
    keeps: fn(&str) -> bool,
) -> Option<EntityKind> {
    let kind = clear_kind(evidence, min)?;
    let top = evidence.iter().copied().max().unwrap_or(0);
    // "Irish captain X" says nothing of "Irish": a demonym keeps its kind.
    // A person named by first name and surname stays one: "Clinton
    // spokesman" is hers, not an organisation's; unless nothing at all says
    // person and three times the cues say otherwise ("Laura Ashley, which
    // floated in 1995", "Franz Ferdinand were").
    let named_person = current == EntityKind::Person
        && has_person_shape(&name.split(' ').collect::<Vec<_>>())
        && !(evidence[PERSON] == 0 && top >= 3 * min);
    (!named_person
        && kind != current
        && !(current == EntityKind::Place && keeps(name))
        && gazetteer::demonym(name).is_none())
    .then_some(kind)
}

/// The kind `evidence` clearly shows: at least `min` cues for it, more than
/// twice those of any other kind.
pub fn clear_kind(evidence: [u32; 4], min: u32) -> Option<EntityKind> {
    let (best, &top) = evidence.iter().enumerate().max_by_key(|&(_, n)| n)?;
    let second = evidence
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &n)| n)
        .max()
        .unwrap_or(0);
    (top >= min && top > 2 * second).then_some(EntityKind::ALL[best])
}

/// True when a place name keeps its kind whatever the votes: the gazetteer
/// knows it, and it is no listed company's name ("Amazon", "Toyota").
pub fn keeps_place(name: &str) -> bool {
    gazetteer::place(name).is_some() && !gazetteer::is_company(name)
}

/// True when a place keeps its kind whatever one article's words say: a
/// country, a state or a region the gazetteer knows. A city may be its club
/// in one article ("Chelsea v Birmingham", "Birmingham manager Steve
/// Bruce"); a country's side is the country, as CoNLL-2003 tags it.
fn keeps_place_in_article(name: &str) -> bool {
    gazetteer::place(name).is_some_and(|p| p.class != gazetteer::PlaceClass::City)
        && !gazetteer::is_company(name)
}

/// Gives each entity of one article the kind its own evidence clearly shows,
/// keeping the entities (and their evidence) in sidebar order.
pub fn apply(entities: &mut Vec<Entity>, evidence: &mut Vec<KindEvidence>) {
    let mut changed = false;
    for (e, ev) in entities.iter_mut().zip(evidence.iter()) {
        let cues = ev.cues.map(u32::from);
        // A city needs twice the cues: "Delhi's chief minister" is one
        // possessive, not a club.
        let city = e.kind == EntityKind::Place && gazetteer::place(&e.name).is_some();
        let min = if city { 4 } else { 2 };
        if let Some(kind) = decide_keeping(&e.name, e.kind, cues, min, keeps_place_in_article) {
            e.kind = kind;
            changed = true;
        }
    }
    if changed {
        sort_for_sidebar(entities, evidence, |_| true);
    }
}

/// Puts the entities back in sidebar order ([`Entity::sidebar_order`]),
/// each with its evidence, keeping only those `keep` allows (by position).
pub(crate) fn sort_for_sidebar(
    entities: &mut Vec<Entity>,
    evidence: &mut Vec<KindEvidence>,
    keep: impl Fn(usize) -> bool,
) {
    if entities.len() != evidence.len() {
        return;
    }
    let mut both: Vec<(Entity, KindEvidence)> = std::mem::take(entities)
        .into_iter()
        .zip(evidence.drain(..))
        .enumerate()
        .filter_map(|(i, pair)| keep(i).then_some(pair))
        .collect();
    both.sort_by(|(x, _), (y, _)| x.sidebar_order(y));
    (*entities, *evidence) = both.into_iter().unzip();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities of `text` (paragraphs split on blank lines) with their own evidence applied.
    fn analysed(text: &str) -> (Vec<Entity>, Vec<KindEvidence>) {
        let ps: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).collect();
        crate::analysis::find_entities(&ps, &crate::analysis::tokens::split_paragraphs(&ps))
    }

    /// An entity of the name and kind, with no mentions.
    fn named(name: &str, kind: EntityKind) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            mentions: vec![],
        }
    }

    fn kind_of(entities: &[Entity], name: &str) -> Option<EntityKind> {
        entities.iter().find(|e| e.name == name).map(|e| e.kind)
    }

    fn cues(text: &str, name: &str) -> [u16; 4] {
        let start = text.find(name).unwrap_or(0);
        let mut counts = [0; 4];
        mention_cues(text, start, start + name.len(), true, &mut counts);
        counts
    }

    #[test]
    fn a_capital_inside_one_word_is_a_company_spelling_not_a_surname_prefix() {
        for word in ["WeWork", "TimeWarner", "SoFi", "eBay", "PlayStation"] {
            assert!(is_camel_case(word), "{word}");
        }
        for word in [
            "McCain",
            "MacArthur",
            "DiCaprio",
            "LeBron",
            "VanDyke",
            "Paris",
            "IRGC",
            "al-Assad",
        ] {
            assert!(!is_camel_case(word), "{word}");
        }
    }

    #[test]
    fn a_year_or_a_competitions_noun_makes_an_edition_of_an_event() {
        // A year, or a year's or a season's, before the name.
        assert_eq!(
            cues("Ireland won the 2005 Varenna Cup.", "Varenna Cup")[OTHER],
            2
        );
        assert_eq!(cues("England's 1966 Varenna Cup.", "Varenna Cup")[OTHER], 2);
        assert_eq!(cues("In this year's Varenna Cup.", "Varenna Cup")[OTHER], 2);
        assert_eq!(
            cues("In this year\u{2019}s Varenna Cup.", "Varenna Cup")[OTHER],
            2
        );
        assert_eq!(
            cues("In last season 's Varenna Cup .", "Varenna Cup")[OTHER],
            2
        );
        assert_eq!(
            cues("She drove the 2020 Qarlow Sentra.", "Qarlow Sentra")[OTHER],
            2
        );
        // Not a year that only dates a clause, nor a name that modifies a noun.
        assert_eq!(cues("In 2005 Zentrix grew.", "Zentrix")[OTHER], 0);
        assert_eq!(cues("At the 2005 Qarlow conference.", "Qarlow")[OTHER], 0);
        assert_eq!(cues("In this year's Qarlow manifesto.", "Qarlow")[OTHER], 0);
        // A competition's title, table and holders.
        assert_eq!(
            cues("They top the Varenna table again.", "Varenna")[OTHER],
            2
        );
        assert_eq!(cues("The Varenna title race.", "Varenna")[OTHER], 2);
        assert_eq!(cues("Varenna holders Wasps lost.", "Varenna")[OTHER], 2);
    }

    #[test]
    fn an_article_counts_for_the_name_only_where_the_name_ends_its_phrase() {
        assert_eq!(cues("He won an Oscar for it.", "Oscar")[OTHER], 2);
        assert_eq!(cues("He won an Oscar.", "Oscar")[OTHER], 2);
        // The article is the product's, or the official's.
        assert_eq!(cues("She bought an Apricot iPod.", "Apricot")[OTHER], 0);
        assert_eq!(cues("It was an Apricot laptop.", "Apricot")[OTHER], 0);
        assert_eq!(cues("Talks with an IAAF official.", "IAAF")[OTHER], 0);
        assert_eq!(cues("This Zentrix deal fell through.", "Zentrix")[OTHER], 0);
        // "a" likewise, when it is the article: not a team sheet's initial,
        // nor the owner's in "a Zentrix's".
        assert_eq!(
            cues("She won a Golden Varo for it.", "Golden Varo")[OTHER],
            2
        );
        assert_eq!(
            cues("He is a Qarlow Democrat.", "Qarlow Democrat")[OTHER],
            2
        );
        assert_eq!(cues("He is a Qarlow MP.", "Qarlow")[OTHER], 0);
        assert_eq!(cues("Italy: A Troncon, B Varro.", "Troncon")[OTHER], 0);
        assert_eq!(
            cues("They fought a Zentrix's libel action.", "Zentrix")[OTHER],
            0
        );
    }

    #[test]
    fn an_event_named_for_a_person_has_no_persons_shape() {
        assert!(is_person_name("Jesse Owens"));
        for name in [
            "Jesse Owens Awards",
            "Stanley Cup",
            "Colin McRae Rally",
            "Edward Bill",
        ] {
            assert!(!is_person_name(name), "{name}");
        }
    }

    #[test]
    fn a_star_a_band_member_and_a_sides_boss_are_people() {
        for text in [
            "US hip-hop star Qarlo West won.",
            "Frontman Qarlo West sang.",
            "Chelsea boss Qarlo West said so.",
            "England captain Qarlo West scored.",
        ] {
            assert_eq!(cues(text, "Qarlo West")[PERSON], 2, "{text}");
        }
    }

    #[test]
    fn a_spokesman_speaks_for_a_body_and_aides_half_so() {
        assert_eq!(cues("A Qarlow spokesman said so.", "Qarlow")[ORG], 2);
        assert_eq!(cues("Qarlow aides were coy.", "Qarlow")[ORG], 1);
        // A one-word person so cued keeps the tagger's kind.
        let (entities, _) = analysed("Qarlow aides were coy. Qarlow said it was fine.");
        assert_ne!(kind_of(&entities, "Qarlow"), Some(EntityKind::Organization));
    }

    #[test]
    fn a_listed_companys_name_counts_for_an_organisation_and_keeps_no_place() {
        for name in ["Moderna", "Tokyo Electron", "Amazon"] {
            let mut counts = [0; 4];
            name_cues(&named(name, EntityKind::Person), &mut counts);
            assert_eq!(counts[ORG], 2, "{name}");
        }
        let mut counts = [0; 4];
        name_cues(&named("Tokyo", EntityKind::Place), &mut counts);
        assert_eq!(counts, [0; 4]);
        // A place that is also a firm's name goes by its cues.
        assert!(!keeps_place("Amazon"));
        assert!(keeps_place("Paris"));
    }

    /// The cues in the name of an entity of `name` and `kind`.
    fn own_cues(name: &str, kind: EntityKind) -> [u16; 4] {
        let mut counts = [0; 4];
        name_cues(&named(name, kind), &mut counts);
        counts
    }

    #[test]
    fn a_river_a_reserve_and_a_theatre_are_places_by_their_names() {
        let place = |name: &str, kind: EntityKind| own_cues(name, kind)[PLACE];
        for name in [
            "River Qerwash",
            "Upper Qerwash Valley",
            "Qerwash Theatre",
            "Glens of Qerwash",
            "Mount Qerwash",
        ] {
            assert_eq!(place(name, EntityKind::Organization), 2, "{name}");
        }
        // A work's title keeps its kind; "Gulf" and "Bay" open a place only before "of".
        assert_eq!(place("Cold Qerwash Mountain", EntityKind::Other), 0);
        assert_eq!(place("Gulf War", EntityKind::Organization), 0);
        assert_eq!(
            place("Bay Area Qerwash Cooperative", EntityKind::Organization),
            0
        );
        assert_eq!(place("River Qerwash Holdings", EntityKind::Organization), 0);
        // A person's name: a first name or an initial and a surname; but a
        // place named for one is a place.
        assert_eq!(place("Wayne Bridge", EntityKind::Organization), 0);
        assert_eq!(place("W Bridge", EntityKind::Person), 0);
        assert_eq!(place("Ethel Qerwash Theatre", EntityKind::Person), 2);
    }

    #[test]
    fn an_example_takes_the_kind_of_its_class() {
        // "NOUN such as", "NOUN like", "NOUN including", singular or plural.
        let text = "Broadcasters such as Qerwash and networks like Tolby grew.";
        assert_eq!(cues(text, "Qerwash")[ORG], 2);
        assert_eq!(cues(text, "Tolby")[ORG], 2);
        assert_eq!(cues("A game such as Qerwash is new.", "Qerwash")[OTHER], 2);
        assert_eq!(
            cues("Countries, including Qerwash, agreed.", "Qerwash")[PLACE],
            2
        );
        assert_eq!(cues("Singers like Qerwash came.", "Qerwash")[PERSON], 2);
        // A later item of the list, its commas attached or apart.
        let list = "Retailers such as Tolby, Brimley Store and Qerwash grew.";
        assert_eq!(cues(list, "Qerwash")[ORG], 2);
        assert_eq!(
            cues("films like Tolby , Brimley and Qerwash", "Qerwash")[OTHER],
            2
        );
        // A noun that says who, not what; a list broken by a lower-case word.
        assert_eq!(cues("Rivals such as Qerwash lost.", "Qerwash"), [0; 4]);
        assert_eq!(cues("People like Qerwash lost.", "Qerwash"), [0; 4]);
        // A member, not an example; a list that ended with its sentence.
        assert_eq!(cues("A team including Qerwash won.", "Qerwash"), [0; 4]);
        assert_eq!(cues("Teams including Qerwash won.", "Qerwash")[ORG], 2);
        assert_eq!(
            cues("Firms such as Tolby. Ann Qerwash said", "Ann Qerwash"),
            [0; 4]
        );
        assert_eq!(
            cues("Firms such as Tolby, which grew, and Qerwash", "Qerwash"),
            [0; 4]
        );
    }

    #[test]
    fn a_plural_class_before_a_list_gives_its_items_its_kind() {
        let text = "helped by box-office flops Qerwash and Tolby, a contrast.";
        assert_eq!(cues(text, "Qerwash")[OTHER], 2);
        assert_eq!(cues(text, "Tolby")[OTHER], 2);
        assert_eq!(
            cues("with actors Qerwash, Tolby and Ann", "Qerwash")[PERSON],
            2
        );
        // One name after a plural is no list ("wedding bands Ozzy gave her"),
        // and a plural that is mostly a verb says nothing ("Top Gun stars X").
        assert_eq!(
            cues("two wedding bands Qerwash gave her", "Qerwash"),
            [0; 4]
        );
        assert_eq!(cues("Top Gun stars Qerwash and Tolby.", "Qerwash"), [0; 4]);
        assert_eq!(
            cues("The wave hits Qerwash and Tolby hard.", "Qerwash"),
            [0; 4]
        );
        assert_eq!(
            cues("points behind leaders Qerwash and Tolby", "Qerwash"),
            [0; 4]
        );
        assert_eq!(
            cues("two wedding bands Mr Qerwash gave her", "Qerwash")[ORG],
            0
        );
        assert_eq!(
            cues("film-makers Qerwash, Tolby and Ann", "Qerwash"),
            [0; 4]
        );
        // An item's own comma joins the list: "operas Knots Landing, Falcon Crest".
        assert_eq!(
            cues("soap operas Tolby Landing, Qerwash plus", "Qerwash")[OTHER],
            2
        );
    }

    #[test]
    fn an_organisation_noun_names_within_its_sentence_only() {
        assert_eq!(cues("owned by search-engine Qerwash.", "Qerwash")[ORG], 2);
        assert_eq!(
            cues("one of the biggest investors in Qerwash", "Qerwash")[ORG],
            2
        );
        assert_eq!(
            cues("the most influential labels, Qerwash.", "Qerwash")[ORG],
            2
        );
        // A film-maker is a person; a noun ending the sentence before is not
        // in apposition.
        assert_eq!(cues("Film-maker Qerwash says", "Qerwash")[ORG], 0);
        assert_eq!(cues("on the South Bank. Qerwash began", "Qerwash")[ORG], 0);
        assert_eq!(cues("a good club,\" Qerwash told", "Qerwash")[ORG], 0);
        assert_eq!(cues("institutional investors in London", "London")[ORG], 0);
        assert_eq!(cues("Outside the bank, Qerwash said", "Qerwash")[ORG], 0);
        assert_eq!(
            cues("foreign companies, Qerwash's ministry said", "Qerwash")[ORG],
            0
        );
        assert_eq!(cues("internet provider Qerwash grew", "Qerwash")[ORG], 2);
    }

    #[test]
    fn a_point_of_the_compass_before_a_name_places_it() {
        assert_eq!(cues("A village in east Qerwash.", "Qerwash")[PLACE], 2);
        assert_eq!(cues("Fighting in northern Qerwash.", "Qerwash")[PLACE], 2);
        // Not a people's adjective, and not a capital's part of a name.
        assert_eq!(cues("The eastern Qerwashian army.", "Qerwashian"), [0; 4]);
        assert_eq!(cues("He met North Qerwash.", "Qerwash"), [0; 4]);
    }

    #[test]
    fn a_variants_word_ends_a_products_name() {
        let other = |name: &str, kind: EntityKind| own_cues(name, kind)[OTHER];
        for name in ["QerBook Air", "Qerwash Lite", "Qerwash Pro"] {
            assert_eq!(other(name, EntityKind::Organization), 2, "{name}");
        }
        assert_eq!(other("Carlos Slim", EntityKind::Organization), 0);
        assert_eq!(other("Qerwash Slim", EntityKind::Person), 0);
        assert_eq!(other("QR Pro", EntityKind::Organization), 0);
    }

    #[test]
    fn a_constituency_a_birthplace_and_a_town_are_places_by_their_words() {
        assert_eq!(
            cues("He is the MP for Qerwash and Tolby.", "Qerwash")[PLACE],
            2
        );
        assert_eq!(cues("She was born in Qerwash.", "Qerwash")[PLACE], 2);
        assert_eq!(cues("The vote in Qerwash fell.", "Qerwash")[PLACE], 2);
        assert_eq!(cues("Near the town of Qerwash.", "Qerwash")[PLACE], 2);
        // "City of" opens a name; shares are a firm's; a part of a name says nothing.
        assert_eq!(cues("K Endo (City of Qerwash AC).", "Qerwash AC")[PLACE], 0);
        assert_eq!(cues("Shares in Qerwash fell.", "Qerwash")[PLACE], 0);
        assert_eq!(cues("Shares in Qerwash fell.", "Qerwash")[ORG], 2);
        let mut counts = [0; 4];
        let text = "The club is based in Qerwash.";
        let start = text.find("Qerwash").unwrap_or(0);
        mention_cues(text, start, start + 7, false, &mut counts);
        assert_eq!(counts[PLACE], 0);
        // The tagger's "person" of one article becomes the place its words show.
        let (entities, _) = analysed(
            "Labour won the vote in Qerwash last June. Until 1997, Qerwash had been held by the Tories.",
        );
        assert_eq!(
            kind_of(&entities, "Qerwash"),
            Some(EntityKind::Place),
            "{entities:?}"
        );
    }

    #[test]
    fn mention_cues_read_titles_roles_nouns_and_scores() {
        assert_eq!(cues("He met Mr Qarlow there.", "Qarlow")[PERSON], 2);
        // Not across a comma: a list's, or an apposition's whose name modifies
        // another role.
        assert_eq!(
            cues(
                "with her husband, Qarlow Cubs shortstop Tom Ley",
                "Qarlow Cubs"
            )[PERSON],
            0
        );
        assert_eq!(
            cues(
                "A hole in Media Player, Qarlow Messenger.",
                "Qarlow Messenger"
            )[PERSON],
            0
        );
        assert_eq!(cues("Talks with Qarlow, 45, ended.", "Qarlow")[PERSON], 2);
        // Tokenised copy puts a space before each mark.
        assert_eq!(cues("Talks with Qarlow , 45 , ended.", "Qarlow")[PERSON], 2);
        assert_eq!(cues("Talks with Qarlow ( 45 ) ended.", "Qarlow")[PERSON], 2);
        assert_eq!(cues("Zentrix 's shareholders met.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Subs: J Orley ( Tolham ), K Pym.", "Tolham")[ORG], 1);
        assert_eq!(
            cues(
                "It sang \u{201c} Paper Moons \u{201d} twice.",
                "Paper Moons"
            )[OTHER],
            2
        );
        assert_eq!(cues("The regulator Ofqar said no.", "Ofqar")[ORG], 2);
        assert_eq!(cues("The regulator , Ofqar , said no.", "Ofqar")[ORG], 2);
        assert_eq!(
            cues("It fought the sale of Zentrix in May.", "Zentrix")[ORG],
            2
        );
        assert_eq!(cues("Its Zentrix unit was sold.", "Zentrix")[ORG], 2);
        assert_eq!(cues("He is the head of Zentrix now.", "Zentrix"), [0; 4]);
        // People are "who", and have no "its".
        assert_eq!(
            cues("Ann Loy , which floated in 1995 , fell.", "Ann Loy")[ORG],
            1
        );
        assert_eq!(cues("Zentrix made its call on Monday.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Zentrix's David Qarlow spoke.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Qarlow's wife Ann spoke.", "Qarlow")[ORG], 0);
        assert_eq!(cues("Qarlow's Victoria spoke.", "Qarlow")[ORG], 0);
        // "The" is in the list of first names too; a common word names no one.
        assert_eq!(cues("Qarlow's The Passion won.", "Qarlow")[ORG], 0);
        assert_eq!(cues("Ian Qarlow is its chairman.", "Ian Qarlow")[ORG], 0);
        assert_eq!(cues("Zentrix has cut its prices.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Qarlow said its shares fell.", "Qarlow"), [0; 4]);
        assert_eq!(cues("Tell Qarlow of its plans.", "Qarlow"), [0; 4]);
        assert_eq!(
            cues("In the first game , Ann Loy scored.", "Ann Loy"),
            [0; 4]
        );
        assert_eq!(
            cues("He sold shares in Zentrix last year.", "Zentrix")[ORG],
            2
        );
        assert_eq!(
            cues("Zentrix chief executive Ann Loy said.", "Zentrix")[ORG],
            2
        );
        assert_eq!(
            cues("Brimley beat Tolham 2-1 on Saturday.", "Tolham")[ORG],
            1
        );
        assert_eq!(cues("Subs: J Orley (Tolham), K Pym.", "Tolham")[ORG], 1);
        assert_eq!(
            cues("He starred in the film Glass Harbour.", "Glass Harbour")[OTHER],
            2
        );
        assert_eq!(
            cues("Glass Harbour star Ann Loy wept.", "Glass Harbour")[OTHER],
            2
        );
        assert_eq!(cues("She won an Orrin for it.", "Orrin")[OTHER], 2);
        assert_eq!(cues("She won an Orrin and a Tasker.", "Orrin")[OTHER], 2);
        assert_eq!(
            cues("She won an Orrin and Tasker Prize for it.", "Orrin")[OTHER],
            2
        );
        // Two names under one article share the noun after them.
        assert_eq!(
            cues("It is a Varno Radio and Kell co-production.", "Varno Radio")[OTHER],
            0
        );
        assert_eq!(cues("at this year's Qarla awards", "Qarla")[OTHER], 2);
        assert_eq!(
            cues("It sang \u{201c}Paper Moons\u{201d} twice.", "Paper Moons")[OTHER],
            2
        );
        assert_eq!(cues("Qarlow's wife spoke.", "Qarlow")[PERSON], 2);
        assert_eq!(cues("A Zentrix spokesman said.", "Zentrix")[ORG], 2);
        let mut surname = [0; 4];
        mention_cues("A Qarlow spokesman said.", 2, 8, false, &mut surname);
        assert_eq!(surname, [0; 4], "people have spokesmen too");
        assert_eq!(cues("Zentrix's shareholders met.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Zentrix's software spread.", "Zentrix")[ORG], 2);
        assert_eq!(cues("Qarlow said it was over.", "Qarlow"), [0; 4]);
    }

    #[test]
    fn fixtures_and_plural_verbs_show_a_side_not_a_person() {
        assert_eq!(cues("Tolham v Brimley", "Brimley")[ORG], 4);
        assert_eq!(cues("Tolham v Brimley", "Tolham")[ORG], 4);
        assert_eq!(
            cues("The Tolham v Brimley match was close.", "Tolham")[ORG],
            4
        );
        assert_eq!(
            cues("Tolham or Quarry v Brimley or Ness", "Quarry")[ORG],
            4,
            "a short line of fixtures"
        );
        assert_eq!(
            cues("Glass Harbour were the only band to win.", "Glass Harbour")[ORG],
            2
        );
        assert_eq!(cues("It is late. Tolham have won again.", "Tolham")[ORG], 2);
        // Two people, or a plural name: nothing.
        assert_eq!(cues("Ann Loy and Qarlow were there.", "Qarlow"), [0; 4]);
        assert_eq!(cues("The Qarlows were there.", "Qarlows"), [0; 4]);
        assert_eq!(cues("Qarlow was there.", "Qarlow"), [0; 4]);
    }

    #[test]
    fn a_city_in_fixtures_is_its_club_in_that_article_but_a_country_stays() {
        let (e, _) = analysed(
            "Chelsea host Birmingham in the cup.\n\nChelsea v Birmingham\n\nFrance v Spain",
        );
        assert_eq!(
            kind_of(&e, "Birmingham"),
            Some(EntityKind::Organization),
            "{e:?}"
        );
        assert_eq!(kind_of(&e, "France"), Some(EntityKind::Place), "{e:?}");
        // One possessive cue does not make a city a club.
        let (e, _) = analysed("Birmingham's chief planner spoke. Birmingham has grown.");
        assert_eq!(kind_of(&e, "Birmingham"), Some(EntityKind::Place), "{e:?}");
    }

    #[test]
    fn decide_needs_clear_evidence_and_leaves_known_places() {
        let org = [0, 4, 0, 0];
        assert_eq!(
            decide("Tolham", EntityKind::Person, org, 2),
            Some(EntityKind::Organization)
        );
        assert_eq!(decide("Tolham", EntityKind::Person, [2, 4, 0, 0], 2), None);
        assert_eq!(decide("Tolham", EntityKind::Person, [0, 1, 0, 0], 2), None);
        // A first name and a surname stay a person unless nothing says person
        // and three times the cues say otherwise.
        assert_eq!(
            decide("Ian Qarlow", EntityKind::Person, [0, 4, 0, 0], 2),
            None
        );
        assert_eq!(
            decide("Ian Qarlow", EntityKind::Person, [1, 6, 0, 0], 2),
            None
        );
        assert_eq!(
            decide("Ian Qarlow", EntityKind::Person, [0, 6, 0, 0], 2),
            Some(EntityKind::Organization)
        );
        assert_eq!(decide("Tolham", EntityKind::Organization, org, 2), None);
        // A known place stays a place; an unknown one may turn out to be a season.
        assert_eq!(decide("London", EntityKind::Place, org, 2), None);
        assert_eq!(
            decide("Yuletide", EntityKind::Place, [0, 0, 0, 4], 2),
            Some(EntityKind::Other)
        );
    }

    #[test]
    fn an_article_gives_its_names_the_kinds_its_words_show() {
        let (e, _) = analysed(
            "Zentrix chief executive Ann Loy said shares in Zentrix would rise.\n\n\
             Mr Qarlow, 52, disagreed.",
        );
        assert_eq!(
            kind_of(&e, "Zentrix"),
            Some(EntityKind::Organization),
            "{e:?}"
        );
        assert_eq!(kind_of(&e, "Qarlow"), Some(EntityKind::Person), "{e:?}");
        assert_eq!(kind_of(&e, "Ann Loy"), Some(EntityKind::Person), "{e:?}");
    }

    #[test]
    fn a_firms_arm_in_a_region_is_the_firms_not_a_place() {
        let names = |list: &[&'static str]| list.iter().copied().collect::<HashSet<&str>>();
        let arm = named("Zentrix Europe", EntityKind::Place);
        assert!(is_regional_arm(&arm, &names(&["Zentrix"])));
        // Not without the firm named alone, nor for a region or a person.
        assert!(!is_regional_arm(&arm, &names(&[])));
        let central = named("Central Europe", EntityKind::Place);
        assert!(!is_regional_arm(&central, &names(&["Central"])));
        let jack = named("Jack London", EntityKind::Person);
        assert!(!is_regional_arm(&jack, &names(&["Jack", "Jack London"])));
    }

    #[test]
    fn a_name_after_the_definite_article_is_no_person() {
        let at = |text: &str, name: &str| {
            let start = text.find(name).unwrap_or(0);
            after_the(text, start, start + name.len(), name)
        };
        assert!(at("He joined the Tolhams in May.", "Tolhams"));
        assert!(at("The Tolhams spent Monday at home.", "Tolhams"));
        assert!(at("A request by The Brimley's editor.", "Brimley"));
        // A surname as a modifier: "the Qarlow administration".
        assert!(!at("He met the Qarlow administration.", "Qarlow"));
        assert!(!at("He met Qarlow at the club.", "Qarlow"));
        let person = |name: &str| named(name, EntityKind::Person);
        let all = [
            person("Bill Qarlow"),
            person("Qarlows"),
            person("Queen"),
            person("Tolhams"),
        ];
        // Family plurals and titles may take "the"; other one-word "people" may not.
        assert!(!may_take_article(&all[1], &all));
        assert!(!may_take_article(&all[2], &all));
        assert!(may_take_article(&all[3], &all));
        assert!(!may_take_article(&all[0], &all));
    }

    #[test]
    fn an_article_turns_a_person_that_takes_the_into_an_organisation() {
        let (e, _) = analysed(
            "Fans cheered as the Tolhams beat Brimley.\n\n\
             The Tolhams said the win mattered, and Ann Loy agreed.",
        );
        assert_ne!(kind_of(&e, "Tolhams"), Some(EntityKind::Person), "{e:?}");
        assert_eq!(kind_of(&e, "Ann Loy"), Some(EntityKind::Person), "{e:?}");
    }

    #[test]
    fn name_cues_read_organisation_and_event_words_first_names_and_initials() {
        let counts = |name: &str| {
            let mut c = [0; 4];
            name_cues(&named(name, EntityKind::Other), &mut c);
            c
        };
        assert_eq!(counts("Harlow Bank")[ORG], 2);
        // An organisation's word and what it is for; an event's word wins
        // over an organisation's first word.
        assert_eq!(counts("Commission for Racial Equality")[ORG], 2);
        assert_eq!(counts("Academy Awards")[OTHER], 3);
        assert_eq!(counts("J Qarlow")[PERSON], 2);
        // A surname that is also a place's name; a letter that is also a word.
        assert_eq!(counts("B Douglas"), [2, 0, 0, 0]);
        assert_eq!(counts("A Qarlow"), [2, 0, 0, 0]);
        assert_eq!(counts("John Qarlow")[PERSON], 1);
        assert_eq!(counts("Qarlow"), [0; 4]);
        // Awards, contests and events: "other", as CoNLL-2003 labels them.
        for name in [
            "Qarlow Film Festival",
            "Zentrix Awards",
            "Westford Open",
            "Harlow Cup",
        ] {
            assert_eq!(counts(name), [0, 0, 0, 3], "{name}");
        }
        // Laws and treaties likewise, and "the Bill" of a parliament alone.
        for name in ["Qarlow Finance Bill", "Zentrix Act", "Harlow Treaty"] {
            assert_eq!(counts(name), [0, 0, 0, 3], "{name}");
        }
        assert_eq!(counts("Bill"), [0, 0, 0, 2]);
        // An entity named by its acronym reads the name it stands for.
        let mut show = named("QES", EntityKind::Organization);
        show.aliases = vec!["QES".into(), "Qarlow Electronics Show".into()];
        let mut c = [0; 4];
        name_cues(&show, &mut c);
        assert_eq!(c, [0, 0, 0, 3]);
        let mut league = named("QFL", EntityKind::Organization);
        league.aliases = vec!["QFL".into(), "Qarlow Football League".into()];
        let mut c = [0; 4];
        name_cues(&league, &mut c);
        assert_eq!(c, [0; 4]);
    }
}
