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

mod classes;
#[cfg(test)]
mod tests;
mod words;

use super::gazetteer;
use super::names::{
    is_acronym, is_acronym_joined, is_camel_case, is_event_word, is_law_word, is_lower_camel,
    is_place_word, is_web_domain, lone_initial, opens_as_place,
};
use crate::model::{Entity, EntityKind, KindEvidence};
use classes::{apposed_after, example_of, org_cue_before};
use foldhash::HashSet;
pub use words::is_person_noun;
use words::*;

const PERSON: usize = 0;
const ORG: usize = 1;
const PLACE: usize = 2;
const OTHER: usize = 3;

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
        // "the sixth book in the series. Rowling revealed": not across a sentence's end.
        && !prev_raw.ends_with(['.', '!', '?', ':', ';'])
        // "A Troncon" in a team sheet is an initial, not the article.
        && !(prev == "a" && prev_raw != "a")
        // The article is another's: the owner's thing's ("a McDonald's libel
        // action"), an acronym's, or the noun's that two joined names share.
        && !(matches!(prev.as_ref(), "a" | "an")
            && (after.starts_with("'s")
                || after.starts_with("\u{2019}s")
                || is_all_caps(&para[start..end])
                || joins_another_name(after)))
        && !(matches!(prev.as_ref(), "a" | "an" | "this" | "next") && modifies_next(after))
    {
        // "an Oscar" is a thing; "an IAAF official" is an organisation's
        // member and "an Apple iPod" its product: there the article is the
        // next word's.
        add(OTHER, 2);
    } else if matches!(prev.as_ref(), "in" | "of" | "for" | "at") {
        // "shares in X", "stake in X", "the sale of X"; "born in X", "the
        // town of X", "the MP for X"; "an analyst at X".
        let mut words = before.split_whitespace().rev();
        words.next();
        let raw = words
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '"', '\u{201c}']);
        let w = cue(raw);
        match prev.as_ref() {
            "in" if matches!(w.as_ref(), "shares" | "stake" | "stakes" | "shareholding") => {
                add(ORG, 2)
            }
            // "investors in Google", but "investors in London".
            "in" if matches!(
                w.as_ref(),
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
            // "an economist at X", "a striker at X": where one works is a
            // firm, a club or a school (CoNLL-2003: 16 of 21 such names are
            // organisations, most others hospitals, which their own words
            // place). Not a person's name ("an analyst at Raymond James").
            "at" if works_at(&w) && !is_person_name(&para[start..end]) => add(ORG, 2),
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
    // "Microsoft's Xbox", "Sony's PlayStation": what a listed maker owns is
    // mostly its product (a weak cue: "Alphabet's Google" is its firm).
    // Written so, or tokenised ("Microsoft 's Xbox").
    let mut earlier = before.split_whitespace().rev().skip(1);
    let owner = match prev_raw
        .strip_suffix("'s")
        .or_else(|| prev_raw.strip_suffix("\u{2019}s"))
    {
        Some("") => earlier.next(),
        owner => owner,
    };
    // The word before the owner: "BBC" of "BBC Two's".
    let before_owner = earlier.next().unwrap_or("");
    if let Some(owner) = owner
        && gazetteer::is_company(owner)
        && !is_person_name(&para[start..end])
    {
        add(OTHER, 1);
    }
    // "BBC Two's Newsnight", "Channel 4's Supernanny": what a broadcaster
    // has is a programme, unless it is a person's name ("the BBC's Nick
    // Robinson") or shaped as one of its people's: two words, the last no
    // common word ("NBC's Lester Holt", "the BBC's Zubair Ahmed in Mumbai";
    // "holt" is a rare one), whose first name the lists may lack.
    if let Some(owner) = owner {
        let name = &para[start..end];
        let reporter_shaped = name.split_whitespace().count() == 2
            && name
                .rsplit(' ')
                .next()
                .and_then(gazetteer::lowercase_share)
                .is_none_or(|share| share <= gazetteer::RARE_ORDINARY);
        if is_broadcaster(owner, before_owner) && !is_person_name(name) && !reporter_shaped {
            add(OTHER, 2);
        }
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
    // "against Leicester", "beat Gloucester", "play Leicester": a city is
    // its club where it is played against, among the words of a match (a
    // score, "replay", "tie" …: "sanctions against Moscow" and "London beat
    // Paris to the Games" are none). Only a city: "a campaign against
    // Saddam" says nothing of a person, and a country's side is the country.
    // "losing 1-0 at Preston", "lost 2-1 to Leicester", "at home to
    // Leicester": the side a result was against.
    // Read only after a word a side follows (most mentions have none).
    if (plays_against(&prev) || matches!(prev.as_ref(), "at" | "to" | "over"))
        && is_city(&para[start..end])
    {
        let mut back = before.split_whitespace().rev().skip(1);
        let (before_prev, two_back) = (back.next().unwrap_or(""), back.next().unwrap_or(""));
        let match_talk = || is_match_talk(before, after);
        let home_to = prev == "to" && before_prev == "home" && (two_back == "at" || match_talk());
        let result_against =
            matches!(prev.as_ref(), "at" | "to" | "against" | "over") && is_score(before_prev);
        let played = plays_against(&prev) && match_talk();
        if played || result_against || home_to {
            add(ORG, 2);
        }
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
    // "Wolf Brother, a fantasy set …", "Ofcom, the regulator": what the
    // apposition after the name calls it.
    // A name shaped as a person's keeps to people ("Jo Flaherty, a senior
    // broadcaster": her job, not a firm).
    if let Some(kind) = apposed_after(after_mark)
        && (kind == PERSON || !is_person_name(&para[start..end]))
    {
        add(kind, 2);
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
        if org_after(&next)
            || team_role_before_name(&next)
                && words
                    .clone()
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
                && !is_event_word(para[start..end].rsplit(' ').next().unwrap_or(""))
        {
            add(ORG, 2);
        } else if whole && staff_after(&next) {
            // "Conservative spokesman" speaks for a party; "Clinton aides"
            // are as often a candidate's, where the article calls her by
            // her surname alone, as US political copy does: half a cue.
            add(ORG, if next.starts_with("spokes") { 2 } else { 1 });
        } else if other_after(&next) {
            add(OTHER, 2);
        } else if matches!(next.as_ref(), "himself" | "herself") {
            add(PERSON, 2);
        } else if next == "chief" && words.next().is_some_and(|w| cue(w) == "executive") {
            add(ORG, 2);
        } else if matches!(next.as_ref(), "deputy" | "acting" | "interim" | "joint") {
            // "Ryanair deputy chief executive Michael Cawley": the office's
            // holder is the firm's, past the modifier.
            let office = cue(words.next().unwrap_or(""));
            let chief_executive =
                office == "chief" && words.next().is_some_and(|w| cue(w) == "executive");
            if chief_executive || office != "chief" && org_after(&office) {
                add(ORG, 2);
            }
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
            word.as_ref(),
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

/// Words before a side that is played against: "against", "beat",
/// "play" and their forms.
fn plays_against(word: &str) -> bool {
    matches!(
        word,
        "against" | "beat" | "beats" | "beating" | "play" | "plays" | "playing"
    )
}

/// Words around a mention that speak of a match: a score, or a word only
/// sport uses so ("replay", "fixture", "kick-off" …).
fn is_match_talk(before: &str, after: &str) -> bool {
    before
        .split_whitespace()
        .chain(after.split_whitespace())
        .any(|w| {
            is_score(w)
                || matches!(
                    cue(w).as_ref(),
                    "match"
                        | "matches"
                        | "fixture"
                        | "fixtures"
                        | "replay"
                        | "tie"
                        | "goal"
                        | "goals"
                        | "tries"
                        | "kick-off"
                        | "semi-final"
                        | "semi-finals"
                        | "quarter-final"
                        | "quarter-finals"
                        | "league"
                        | "cup"
                )
        })
}

/// A city the gazetteer knows (not a country, state or region).
fn is_city(name: &str) -> bool {
    gazetteer::place(name).is_some_and(|p| p.class == gazetteer::PlaceClass::City)
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
    let mut words: Vec<&str> = name.split(' ').collect();
    // "Guardian First Book Award 2004", "World Cup 2006": an edition's year
    // after the name says nothing of what it is; the word before it does.
    // Not a name that is a word and a year ("Euro 2004", "Windows 95").
    if words.len() > 2 && words.last().is_some_and(|w| super::names::is_year(w)) {
        words.pop();
    }
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return;
    };
    // "Nasdaq-listed", "US-based", "Saudi-led": a name made an adjective is
    // a thing, as CoNLL-2003 labels such words (63 of its 70 are other),
    // whatever the name it holds.
    if last
        .rsplit_once('-')
        .is_some_and(|(head, suffix)| !head.is_empty() && is_made_adjective(suffix))
    {
        counts[OTHER] += 4;
        return;
    }
    // "Netflix", "Tokyo Electron": a listed company's name. A city so named
    // ("Hartford", "Toyota") goes by its other cues (see `keeps_place`): its
    // name says nothing; a region's ("Amazon") is the firm's in the news.
    let city = is_city(&entity.name);
    if is_group_of_nations(&entity.name) {
        // "the G8", "G20 finance ministers": a group of governments, an
        // organisation (its summit is an event of its own).
        counts[ORG] += 2;
    } else if is_market_index(&entity.name) {
        // "the Nasdaq", "the FTSE 100": a market's index, a thing (CoNLL-2003
        // labels "Nasdaq" other all seven times, "Dow Jones" and "Nikkei"
        // too), though a firm of the name runs it and is listed.
        counts[OTHER] += 2;
    } else if gazetteer::is_company(&entity.name) && !city {
        counts[ORG] += 2;
    } else if super::products::is_product(&entity.name) || is_faith(&entity.name) {
        // "Nintendo DS", "Apple Watch": a maker's name and its product's
        // words; a firm so named shows it by its cues ("Vivendi Universal said").
        // A faith is a thing too, as its followers' words are ("Muslim").
        counts[OTHER] += 2;
    }
    if words.len() < 2 {
        // "Parliament", "Congress": a lone organisation word. "WeWork",
        // "TimeWarner", "SoFi": a capital inside one word is a company's
        // spelling, not a person's ("McCain", "DiCaprio" aside); one after a
        // lower-case prefix ("iPod", "eBay") is as often a product's.
        // "Jolt.co.uk", "Amazon.com": a site's address is the firm behind
        // it; "RIPMobile", an acronym joined to a word, a firm's spelling.
        if gazetteer::is_org_word(first)
            || is_camel_case(first) && !is_lower_camel(first)
            || is_web_domain(first)
            || is_acronym_joined(first)
        {
            counts[ORG] += 2;
        } else if is_law_word(first)
            || matches!(
                *first,
                "Championship" | "Championships" | "Premiership" | "Olympics" | "Paralympics"
            )
        {
            // "the Bill" of the Commons is a law, not a man called Bill;
            // "the Championship", "the Premiership": a contest alone. Not
            // every contest's word alone: "Marathon" is as often a firm.
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
    // "Air Deccan", "Air France": an airline (CoNLL-2003 labels every name
    // opened by "Air" an organisation: "Air Force", "Air Express International").
    // A thing so named stays one ("Air Force One", the president's plane).
    // Nor a rank of an air force ("Air Marshal Peach", "Air Commodore Smith").
    let airline = *first == "Air"
        && words[1].starts_with(char::is_uppercase)
        && !matches!(
            words[1],
            "Marshal" | "Commodore" | "Chief" | "Vice" | "Vice-Marshal" | "Vice-Marshall"
        )
        && entity.kind != EntityKind::Other;
    // "Wolong Nature Reserve", "Kruger National Park": land kept as it is
    // is a place, though "Reserve" alone ends a bank's name ("Federal
    // Reserve"); not a work's title the tagger found as one.
    if let [.., kept, _] = &words[..]
        && matches!(
            *kept,
            "Nature" | "Game" | "Wildlife" | "National" | "Safari"
        )
        && matches!(*last, "Reserve" | "Park" | "Sanctuary" | "Forest")
        && entity.kind != EntityKind::Other
    {
        counts[PLACE] += 2;
        return;
    }
    // "Six Nations", "Tri-Nations", "Home Nations": nations counted or
    // gathered are a contest between them, not a body ("United Nations").
    if words.len() == 2
        && *last == "Nations"
        && matches!(
            *first,
            "Two" | "Three" | "Four" | "Five" | "Six" | "Seven" | "Eight" | "Tri" | "Home"
        )
    {
        counts[OTHER] += 3;
        return;
    }
    if gazetteer::is_org_word(last) || org_of || airline {
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
    // A name the epithets list gives the kind it has ("White House", a
    // place by its name however its last word reads) is a curated fact.
    let listed = gazetteer::epithet(name).is_some_and(|e| e.kind == current);
    (!(named_person || listed)
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
        // "Instagram", "Lyft" taken for people, "Postmates" for a place: a
        // brand is a firm or its product, not a place (the list leaves places
        // out) and not a person, unless the brand is a surname too ("Müller
        // scored twice") or a cue around it says person. Which of a firm or a
        // thing it is, the tagger and the cues tell: one taken for a thing
        // ("Linux") stays one.
        let brand = matches!(e.kind, EntityKind::Person | EntityKind::Place)
            .then(|| gazetteer::brand(&e.name))
            .flatten();
        if let Some(brand) = brand
            && (e.kind == EntityKind::Place || cues[PERSON] == 0 && !brand.surname)
        {
            e.kind = EntityKind::Organization;
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
