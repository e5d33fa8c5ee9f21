//! The words around a name that tell its kind: titles and roles before a
//! person ("Mr X", "striker X"), nouns before and after a body ("the
//! regulator X", "X shares"), a place's prepositions ("born in X", "the
//! town of X"), a work's nouns ("the film X", "X star"), and the small
//! tests on single words (a compass point, a score) that [`super`] asks of
//! every mention; and the closed classes a name's own words may belong to
//! (faiths, groups of nations, markets' indices).

use super::super::{gazetteer, names};

/// Whether `word` (lower case) names a person by a title, a role, a trade
/// or a tie ("mr", "striker", "actress", "chairman", "wife"): a name after
/// it is a person's, and "the Sale player" stands for one.
pub fn is_person_noun(word: &str) -> bool {
    person_before(word)
}

/// Words before a name that make it a person: titles and roles.
pub(super) fn person_before(w: &str) -> bool {
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

/// What a name joined by a hyphen to it makes an adjective of: "-based",
/// "-listed", "-led", "-backed" ("Nasdaq-listed", "Saudi-led").
pub(super) fn is_made_adjective(suffix: &str) -> bool {
    matches!(
        suffix,
        "based"
            | "listed"
            | "led"
            | "backed"
            | "born"
            | "owned"
            | "made"
            | "run"
            | "controlled"
            | "funded"
            | "registered"
            | "headquartered"
            | "bred"
    )
}

/// Jobs held at an organisation: "an economist at X", "a striker at X", "the
/// manager at X". Not ranks or titles ("the Queen at Balmoral"), nor jobs
/// done at a place as often ("officials at Heathrow", "the keeper at Anfield").
pub(super) fn works_at(w: &str) -> bool {
    matches!(
        w,
        "striker"
            | "midfielder"
            | "defender"
            | "winger"
            | "player"
            | "manager"
            | "boss"
            | "coach"
            | "captain"
            | "director"
            | "chairman"
            | "chairwoman"
            | "president"
            | "vice-president"
            | "executive"
            | "executives"
            | "chief"
            | "spokesman"
            | "spokeswoman"
            | "analyst"
            | "analysts"
            | "economist"
            | "economists"
            | "strategist"
            | "strategists"
            | "researcher"
            | "researchers"
            | "scientist"
            | "scientists"
            | "professor"
            | "lecturer"
            | "fellow"
            | "partner"
            | "trader"
            | "traders"
            | "dealer"
            | "dealers"
            | "engineer"
            | "engineers"
            | "lawyer"
            | "lawyers"
            | "editor"
            | "correspondent"
            | "adviser"
            | "advisor"
            | "consultant"
            | "specialist"
            | "expert"
            | "experts"
    )
}

/// Nouns before a name that make it an organisation: "the regulator X", "shares in X".
pub(super) fn org_before(w: &str) -> bool {
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
pub(super) fn org_before_directly(w: &str) -> bool {
    matches!(
        w,
        "engine" | "network" | "provider" | "agency" | "studio" | "chain" | "bank" | "portal"
    )
}

/// Words after a name that make it an organisation: "X chief executive", "X shares".
pub(super) fn org_after(w: &str) -> bool {
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
            // A team's players by position: "the Leicester flanker",
            // "Arsenal keeper" (see also `team_role_before_name`).
            | "keeper"
            | "full-back"
            | "right-back"
            | "left-back"
            | "centre-back"
            | "centre-half"
            | "scrum-half"
            | "flanker"
            | "tight-head"
            | "loose-head"
            | "unit"
            | "subsidiary"
            // A band's members: "Franz Ferdinand frontman Alex Kapranos".
            | "frontman"
            | "guitarist"
            | "drummer"
            | "bassist"
            | "keyboardist"
            | "bandmates"
    )
}

/// Words after a name that make it a team only before a player's name:
/// "Leicester lock Ben Kay", "Leicester duo Ollie Smith and Andy Goode",
/// "Chelsea captain John Terry"; not "Blair and Chirac lock horns",
/// "take Glasgow forward", "the Glasgow duo were jailed".
pub(super) fn team_role_before_name(w: &str) -> bool {
    matches!(
        w,
        "lock" | "prop" | "hooker" | "forward" | "captain" | "skipper" | "duo" | "trio"
    )
}

/// Nouns before "of X" that make X an organisation: "the sale of X", "the
/// chief executive of X". Not "head of" or "leader of", which a country has.
pub(super) fn org_of(w: &str) -> bool {
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
pub(super) fn place_of(w: &str) -> bool {
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
pub(super) fn place_in(w: &str) -> bool {
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
            // Where troops are and fighting is: "the base in X", "forces
            // in X", "clashes in X", "refugees in X".
            | "base"
            | "bases"
            | "garrison"
            | "troops"
            | "forces"
            | "fighting"
            | "clashes"
            | "refugees"
    )
}

/// Words before "for X" that make X a place: a constituency's member ("the
/// MP for X").
pub(super) fn member_for(w: &str) -> bool {
    matches!(w, "mp" | "mep" | "msp" | "congressman" | "congresswoman")
}

/// Words after a name that people have too ("Clinton spokesman"): they make
/// an organisation of a name only where it is all of it, never a surname.
pub(super) fn staff_after(w: &str) -> bool {
    matches!(
        w,
        "spokesman" | "spokeswoman" | "spokesperson" | "staff" | "aides"
    )
}

/// Words after a possessive that make the owner an organisation: "X's shareholders".
pub(super) fn org_after_possessive(w: &str) -> bool {
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
pub(super) fn person_after_possessive(w: &str) -> bool {
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
pub(super) fn other_before(w: &str) -> bool {
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
            | "soap"
            | "series"
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
pub(super) fn other_after(w: &str) -> bool {
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
pub(super) fn edition_before(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(last), second) = (words.next(), words.next()) else {
        return false;
    };
    if names::is_year(last) {
        let owner = second.unwrap_or("");
        let owner_cue = cue(owner);
        return matches!(
            owner_cue.as_ref(),
            "the" | "this" | "last" | "next" | "its" | "their" | "his" | "her"
        ) || owner.ends_with("'s")
            || owner.ends_with("\u{2019}s");
    }
    let of_time = |w: &str| matches!(cue(w).as_ref(), "year" | "season" | "week" | "weekend");
    // "year's", "year’s", and tokenised "year 's".
    if matches!(last, "'s" | "\u{2019}s") {
        return second.is_some_and(of_time);
    }
    last.strip_suffix("'s")
        .or_else(|| last.strip_suffix("\u{2019}s"))
        .is_some_and(of_time)
}

/// The word as a cue: lower case, without surrounding punctuation. Asked of
/// words around every mention, most already in lower case: those are
/// borrowed, not copied.
pub(super) fn cue(word: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if trimmed.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(trimmed.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(trimmed)
    }
}

pub(super) fn is_all_caps(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

/// A point of the compass as a word before a place, in lower case: "south",
/// "north-east", "northern", "central".
pub(super) fn is_compass_point(word: &str) -> bool {
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
pub(super) fn nationality_shaped(name: &str) -> bool {
    gazetteer::demonym(name).is_some()
        || (!name.contains(' ')
            && ["ian", "ean", "ese", "ish"]
                .iter()
                .any(|suffix| name.ends_with(suffix)))
}

/// A score such as "2-1" or "20-13".
pub(super) fn is_score(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    w.split_once('-').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.len() <= 2
            && b.len() <= 2
            && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    })
}

/// The great faiths by name: "Islam", "Christianity" (CoNLL's MISC, as
/// "Muslim" and "Christian" are). A closed class, listed here rather than
/// with the demonyms, which are one of the tagger's inputs.
pub(super) fn is_faith(name: &str) -> bool {
    matches!(
        name,
        "Islam"
            | "Christianity"
            | "Judaism"
            | "Hinduism"
            | "Buddhism"
            | "Sikhism"
            | "Catholicism"
            | "Protestantism"
            | "Taoism"
            | "Shinto"
            | "Jainism"
            | "Zoroastrianism"
    )
}

/// "G8", "G-7", "G20": a group of nations named by its number of members.
pub(super) fn is_group_of_nations(name: &str) -> bool {
    name.strip_prefix('G')
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The stock markets' indices by name: "Nasdaq", "Dow Jones Industrial
/// Average", "FTSE 100", "Nikkei 225". A closed class, as the faiths are.
pub(super) fn is_market_index(name: &str) -> bool {
    // "FTSE 100", "CAC 40", "Russell 2000": the index's name and its size.
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    matches!(
        base,
        "Nasdaq"
            | "Nasdaq Composite"
            | "Dow"
            | "Dow Jones"
            | "Dow Jones Industrial Average"
            | "Dow Jones Industrials"
            | "FTSE"
            | "FTSE All-Share"
            | "Nikkei"
            | "Nikkei Average"
            | "Topix"
            | "Hang Seng"
            | "Hang Seng Index"
            | "DAX"
            | "CAC"
            | "Stoxx"
            | "STOXX"
            | "Euro Stoxx"
            | "Euro STOXX"
            | "Kospi"
            | "Sensex"
            | "Shanghai Composite"
            | "IBEX"
            | "S&P/ASX"
    ) || (
        // A name, an exchange or a firm alone; an index with its size
        // ("Russell 2000", "ASX 200", "S&P 500", "Nifty 50").
        matches!(base, "S&P" | "Russell" | "ASX" | "Nifty") && base.len() < name.len()
    )
}

/// Whether the words before a possessive name a broadcaster: "BBC2's",
/// "BBC Two's", "the BBC's", "Channel 4's", "Radio 4's", "ITV1's", "CNN's".
/// What a broadcaster has is mostly a programme ("BBC Two's Newsnight").
/// `owner` is the word before the possessive, `before_owner` the one before it.
pub(super) fn is_broadcaster(owner: &str, before_owner: &str) -> bool {
    let network = |w: &str| {
        matches!(
            w,
            "BBC"
                | "ITV"
                | "CNN"
                | "NBC"
                | "CBS"
                | "ABC"
                | "PBS"
                | "NPR"
                | "HBO"
                | "MTV"
                | "Sky"
                | "C4"
                | "E4"
                | "S4C"
                | "RTE"
                | "UKTV"
        )
    };
    // "BBC2", "ITV1": a network and its channel's number run together.
    let numbered = |w: &str| {
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        letters.len() < w.len() && network(letters)
    };
    let channel = matches!(
        owner,
        "One" | "Two" | "Three" | "Four" | "1" | "2" | "3" | "4" | "5" | "Five"
    ) && (network(before_owner) || matches!(before_owner, "Channel" | "Radio"));
    network(owner) || numbered(owner) || channel
}
