//! Tests of the kind cues, the article's kinds and the collection's decisions.
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
fn a_faith_is_a_thing_by_its_name() {
    assert_eq!(own_cues("Islam", EntityKind::Organization)[OTHER], 2);
    assert_eq!(own_cues("Christianity", EntityKind::Person)[OTHER], 2);
    assert_eq!(own_cues("Islamabad", EntityKind::Place), [0; 4]);
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
    for name in ["Qerwash Nature Reserve", "Qerwash National Park"] {
        assert_eq!(place(name, EntityKind::Organization), 2, "{name}");
    }
    assert_eq!(
        place("Qerwash Federal Reserve", EntityKind::Organization),
        0
    );
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
    let (e, _) =
        analysed("Chelsea host Birmingham in the cup.\n\nChelsea v Birmingham\n\nFrance v Spain");
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
fn where_troops_are_and_fighting_is_is_a_place() {
    assert_eq!(
        cues("its military base in al-Tanf after", "al-Tanf")[PLACE],
        2
    );
    assert_eq!(cues("Clashes in Qarlow went on.", "Qarlow")[PLACE], 2);
    assert_eq!(cues("US forces in Qarlow", "Qarlow")[PLACE], 2);
    // What is held in a firm is no place.
    assert_eq!(cues("shares in Qarlow", "Qarlow")[PLACE], 0);
}

#[test]
fn a_city_played_against_or_with_players_is_its_club() {
    // Played against among a match's words, or the side a result was against.
    assert_eq!(
        cues("They beat Leicester in the replay.", "Leicester")[ORG],
        2
    );
    assert_eq!(cues("a home tie against Leicester", "Leicester")[ORG], 2);
    assert_eq!(cues("and losing 1-0 at Preston.", "Preston")[ORG], 2);
    assert_eq!(cues("victory at home to Leicester", "Leicester")[ORG], 2);
    // Not a city, not a match, or not played: nothing.
    assert_eq!(cues("a campaign against Qarlow", "Qarlow")[ORG], 0);
    assert_eq!(cues("new sanctions against Moscow", "Moscow")[ORG], 0);
    assert_eq!(cues("London beat Paris to the Games.", "Paris")[ORG], 0);
    assert_eq!(cues("They beat France in the replay.", "France")[ORG], 0);
    assert_eq!(cues("He flew home to Belfast.", "Belfast")[ORG], 0);
    assert_eq!(
        cues("home to Leicester in the quarter-finals", "Leicester")[ORG],
        2
    );
    assert_eq!(cues("the road to Leicester", "Leicester")[ORG], 0);
    assert_eq!(cues("He arrived at Preston.", "Preston")[ORG], 0);
    // A team's players by their positions; some words only before a player.
    assert_eq!(
        cues("the Leicester flanker will return", "Leicester")[ORG],
        2
    );
    assert_eq!(cues("Leicester lock Ben Kay", "Leicester")[ORG], 2);
    assert_eq!(
        cues("Leicester duo Ollie Smith and Andy Goode", "Leicester")[ORG],
        2
    );
    assert_eq!(cues("Blair and Chirac lock horns", "Chirac")[ORG], 0);
    assert_eq!(cues("The Glasgow duo were jailed.", "Glasgow")[ORG], 0);
    assert_eq!(cues("to take Glasgow forward", "Glasgow")[ORG], 0);
    assert_eq!(cues("Ryder Cup captain Ian Woosnam", "Ryder Cup")[ORG], 0);
    let (e, _) = analysed(
        "Leicester lock Ben Kay is fit. The Leicester flanker Lewis Moody is not.\n\n\
         Wasps play Leicester in the replay.",
    );
    assert_eq!(
        kind_of(&e, "Leicester"),
        Some(EntityKind::Organization),
        "{e:?}"
    );
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
    // Nations counted are a contest; united, a body.
    assert_eq!(counts("Six Nations")[OTHER], 3);
    assert_eq!(counts("Home Nations")[OTHER], 3);
    assert_eq!(counts("United Nations")[OTHER], 0);
    // An edition's year after an event's word.
    assert_eq!(counts("Guardian First Book Award 2004")[OTHER], 3);
    assert_eq!(counts("Harlow Bank 2004")[ORG], 2);
    // A contest by its one word: "the Championship", "the Premiership".
    assert_eq!(counts("Championship")[OTHER], 2);
    assert_eq!(counts("Premiership")[OTHER], 2);
    assert_eq!(counts("Marathon")[OTHER], 0, "as often a firm");
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

#[test]
fn a_seat_of_power_by_its_building_is_a_place_and_a_partys_members_are_other() {
    // "House" ends many a firm's name ("Random House"), and a spokesman is
    // an organisation's; but the epithets list says what the White House is.
    let (entities, _) = analysed(
        "The White House said on Monday that talks would go on. A White House spokesman declined to comment.\n\n\
         Trump returned to the White House after the rally, and the Kremlin denied the report.\n\n\
         Republicans in the Senate blocked the bill; the Democrats called it a disgrace.",
    );
    assert_eq!(kind_of(&entities, "White House"), Some(EntityKind::Place));
    assert_eq!(kind_of(&entities, "Kremlin"), Some(EntityKind::Place));
    assert_eq!(kind_of(&entities, "Republicans"), Some(EntityKind::Other));
    assert_eq!(kind_of(&entities, "Democrats"), Some(EntityKind::Other));
    // The institution's own name stays an organisation.
    let (entities, _) = analysed("The Pentagon said the base would stay.");
    assert_eq!(
        kind_of(&entities, "Pentagon"),
        Some(EntityKind::Organization)
    );
}

#[test]
fn an_airline_a_web_address_and_an_acronym_joined_to_a_word_are_organisations() {
    for word in ["Jolt.co.uk", "Polygraph.info", "Amazon.com", "bbc.co.uk"] {
        assert!(is_web_domain(word), "{word}");
    }
    for word in ["U.S.", "St.", "Mr.Smith", "a.com", "example.uk", "co.uk"] {
        assert!(!is_web_domain(word), "{word}");
    }
    for word in ["RIPMobile", "BTOpenworld", "GMIPoll"] {
        assert!(is_acronym_joined(word), "{word}");
    }
    for word in [
        "McCain", "DeShawn", "IRGC", "BBC", "TVs", "PCs", "MEPs", "NGOs",
    ] {
        assert!(!is_acronym_joined(word), "{word}");
    }
    let own = |name: &str, kind: EntityKind| name_evidence(&named(name, kind));
    assert_eq!(own("Air Deccan", EntityKind::Person)[ORG], 2);
    assert_eq!(own("Jolt.co.uk", EntityKind::Person)[ORG], 2);
    assert_eq!(own("RIPMobile", EntityKind::Person)[ORG], 2);
    // A thing the tagger read as one keeps its reading; a rank is a person's.
    assert_eq!(own("Air Force One", EntityKind::Other)[ORG], 0);
    assert_eq!(own("Air Marshal Peach", EntityKind::Person)[ORG], 0);
    assert_eq!(own("Air Commodore John Smith", EntityKind::Person)[ORG], 0);
}

#[test]
fn a_market_index_is_a_thing_though_a_listed_firm_runs_it() {
    for name in [
        "Nasdaq",
        "FTSE 100",
        "Dow Jones Industrial Average",
        "S&P 500",
        "CAC 40",
    ] {
        assert_eq!(
            name_evidence(&named(name, EntityKind::Organization)),
            [0, 0, 0, 2],
            "{name}"
        );
    }
    // The rating agency is a firm, and a name alone no index ("Russell
    // said", the exchange "ASX").
    for name in ["S&P", "Russell", "ASX", "Nifty"] {
        assert_eq!(
            name_evidence(&named(name, EntityKind::Organization))[OTHER],
            0,
            "{name}"
        );
    }
    assert_eq!(
        name_evidence(&named("Russell 2000", EntityKind::Organization))[OTHER],
        2
    );
    let (entities, _) = analysed("Shares of Tesla rose 3% on the Nasdaq on Monday.");
    assert_eq!(kind_of(&entities, "Nasdaq"), Some(EntityKind::Other));
}

#[test]
fn a_group_of_nations_and_a_firms_deputy_chief_make_organisations() {
    for name in ["G8", "G-7", "G20"] {
        assert_eq!(
            name_evidence(&named(name, EntityKind::Other))[ORG],
            2,
            "{name}"
        );
    }
    for name in ["G", "G123", "GB", "G8 summit"] {
        assert_eq!(
            name_evidence(&named(name, EntityKind::Other))[ORG],
            0,
            "{name}"
        );
    }
    assert_eq!(
        cues(
            "Tolhair deputy chief executive Ian Varro said so.",
            "Tolhair"
        )[ORG],
        2
    );
    assert_eq!(
        cues("Tolhair acting chairman Ian Varro.", "Tolhair")[ORG],
        2
    );
    // A deputy of no firm's office.
    assert_eq!(cues("Varro deputy chief of staff.", "Varro")[ORG], 0);
}

#[test]
fn an_apposition_after_a_name_says_what_it_is() {
    assert_eq!(
        cues(
            "The Chorus, a film about a schoolteacher, won.",
            "The Chorus"
        )[OTHER],
        2
    );
    assert_eq!(
        cues("Pointsec, the security firm, said so.", "Pointsec")[ORG],
        2
    );
    assert_eq!(cues("Holt, a former striker, said so.", "Holt")[PERSON], 2);
    // A clause after an opening phrase, a job as often as a firm, a name
    // or a possessive before the noun: no apposition.
    assert_eq!(
        cues("At Gatwick, the company has written to homes.", "Gatwick"),
        [0, 0, 0, 0]
    );
    assert_eq!(
        cues("Set in Tolham, the film is about a mother.", "Tolham"),
        [0, 0, 0, 0]
    );
    assert_eq!(
        cues(
            "says Jo Flaherty, a senior broadcaster with CBS.",
            "Jo Flaherty"
        ),
        [0, 0, 0, 0]
    );
    assert_eq!(
        cues("Holt, a former England striker, scored.", "Holt"),
        [0, 0, 0, 0]
    );
}

#[test]
fn where_one_works_is_an_organisation() {
    assert_eq!(
        cues("said Ann Loy, chief strategist at Zentrix.", "Zentrix")[ORG],
        2
    );
    assert_eq!(cues("a striker at Tolham until May", "Tolham")[ORG], 2);
    // Being somewhere is no job, nor a rank; a person's name keeps to people.
    assert_eq!(cues("Workers at Tolham voted.", "Tolham"), [0; 4]);
    assert_eq!(cues("the Queen at Tolham Castle", "Tolham Castle"), [0; 4]);
    assert_eq!(cues("He met them at Tolham.", "Tolham"), [0; 4]);
    assert_eq!(
        cues("an analyst at Raymond Qarlow said.", "Raymond Qarlow")[ORG],
        0
    );
}

#[test]
fn what_a_listed_maker_owns_is_mostly_its_product() {
    assert_eq!(cues("Sony's Qarbox sold well.", "Qarbox")[OTHER], 1);
    assert_eq!(cues("Sony 's Qarbox sold well.", "Qarbox")[OTHER], 1);
    // Not a person of the firm, nor what an unlisted owner has.
    assert_eq!(cues("Sony's Ann Loy said.", "Ann Loy")[OTHER], 0);
    assert_eq!(cues("Zentrix's Qarbox sold well.", "Qarbox")[OTHER], 0);
}

#[test]
fn a_name_made_an_adjective_is_a_thing() {
    for name in ["Nasdaq-listed", "US-based", "Saudi-led", "New York-listed"] {
        assert_eq!(own_cues(name, EntityKind::Organization)[OTHER], 4, "{name}");
    }
    // Names with a hyphen of their own are not.
    for name in ["Hewlett-Packard", "Coca-Cola", "Amir-Abdollahian"] {
        assert_eq!(own_cues(name, EntityKind::Organization)[OTHER], 0, "{name}");
    }
}

#[test]
fn a_bands_member_after_its_name_makes_it_a_body() {
    for text in [
        "Qarlow Ferdinand frontman Alex Loy sang.",
        "Qarlow Ferdinand guitarist Ann Loy left.",
        "Qarlow Ferdinand drummer Ann Loy left.",
    ] {
        assert_eq!(cues(text, "Qarlow Ferdinand")[ORG], 2, "{text}");
    }
    // A singer alone is a role of many kinds ("Motown singer", "pop singer").
    assert_eq!(
        cues("Qarlow Ferdinand singer Ann Loy left.", "Qarlow Ferdinand")[ORG],
        0
    );
}

#[test]
fn what_a_broadcaster_has_is_a_programme() {
    for (text, name) in [
        ("He told BBC Two's Qarnight that he agreed.", "Qarnight"),
        ("He told BBC2's Qarnight that he agreed.", "Qarnight"),
        ("Viewers of Channel 4's Qarnanny wrote in.", "Qarnanny"),
        ("He told BBC Radio 4's Qarlow Hour so.", "Qarlow Hour"),
        ("He told BBC Two 's Qarnight so.", "Qarnight"),
        (
            "Speaking to the BBC's Westminster Hour, he said so.",
            "Westminster Hour",
        ),
    ] {
        assert_eq!(cues(text, name)[OTHER], 2, "{text}");
    }
    // Two words ending in no ordinary word may be one of its people.
    assert_eq!(
        cues(
            "The BBC's Zubair Qarlow in Mumbai says so.",
            "Zubair Qarlow"
        )[OTHER],
        0
    );
    assert_eq!(
        cues("It chose NBC's Lester Qarlow to ask.", "Lester Qarlow")[OTHER],
        0
    );
    // A person's name, or an owner that is no broadcaster, is not.
    assert_eq!(
        cues("The BBC's Nick Qarlow said so.", "Nick Qarlow")[OTHER],
        0
    );
    assert_eq!(cues("Tolham's Qarnight was sold.", "Qarnight")[OTHER], 0);
    assert!(is_broadcaster("ITV1", "on"));
    assert!(is_broadcaster("4", "Channel"));
    assert!(!is_broadcaster("4", "Route"));
    assert!(!is_broadcaster("Two", "Tolham"));
}

#[test]
fn a_works_noun_ending_a_sentence_says_nothing_of_the_next() {
    assert_eq!(
        cues(
            "It is the sixth book in the series. Qarlow revealed it.",
            "Qarlow"
        )[OTHER],
        0
    );
    assert_eq!(
        cues("The long-running soap Qarenders won.", "Qarenders")[OTHER],
        2
    );
    assert_eq!(cues("The new series Qarenders won.", "Qarenders")[OTHER], 2);
}

#[test]
fn a_brand_taken_for_a_person_or_a_place_is_a_firm_and_one_taken_for_a_thing_stays_one() {
    let (entities, _) = analysed(
        "Follow the team on Instagram for updates.\n\nUber and Lyft drivers will be treated as employees.",
    );
    assert_eq!(
        kind_of(&entities, "Lyft"),
        Some(EntityKind::Organization),
        "{entities:?}"
    );
    assert_eq!(
        kind_of(&entities, "Instagram"),
        Some(EntityKind::Organization),
        "{entities:?}"
    );
    // A brand that is a surname too stays the person the article makes it.
    let (entities, _) = analysed("Müller scored twice as the champions won 3-0.");
    assert_eq!(
        kind_of(&entities, "Müller"),
        Some(EntityKind::Person),
        "{entities:?}"
    );
    // Whatever the votes, a brand is no person and no place; a thing stays one.
    let mut entities = vec![
        named("Postmates", EntityKind::Place),
        named("Lyft", EntityKind::Person),
        named("Linux", EntityKind::Other),
        named("Lyon", EntityKind::Place),
    ];
    let mut evidence = vec![KindEvidence::default(); entities.len()];
    apply(&mut entities, &mut evidence);
    assert_eq!(
        kind_of(&entities, "Postmates"),
        Some(EntityKind::Organization)
    );
    assert_eq!(kind_of(&entities, "Lyft"), Some(EntityKind::Organization));
    assert_eq!(kind_of(&entities, "Linux"), Some(EntityKind::Other));
    assert_eq!(kind_of(&entities, "Lyon"), Some(EntityKind::Place));
}
