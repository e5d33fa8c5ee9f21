//! Tests of attribution: fixtures in each news style, and the patterns one by one.

use super::vocabulary::{self, SPEECH_VERBS};
use super::*;
use crate::analysis::quotes::find_quotes;
use crate::model::Span;

/// Builds entities by hand: every word-bounded occurrence of each surface
/// form (longest forms first, no overlaps), sorted as the real pipeline sorts.
fn entities_for(paragraphs: &[String], specs: &[(&str, EntityKind, &[&str])]) -> Vec<Entity> {
    let mut forms: Vec<(usize, &str)> = specs
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, f))| f.iter().map(move |f| (i, *f)))
        .collect();
    forms.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
    let mut taken: Vec<Span> = Vec::new();
    let mut mentions: Vec<Vec<Span>> = vec![Vec::new(); specs.len()];
    for (i, form) in forms {
        for (p, text) in paragraphs.iter().enumerate() {
            for (start, _) in text.match_indices(form) {
                let end = start + form.len();
                let bounded = !text[..start].ends_with(char::is_alphanumeric)
                    && !text[end..].starts_with(char::is_alphanumeric);
                let free = !taken
                    .iter()
                    .any(|t| t.paragraph == p && t.start < end && start < t.end);
                if bounded && free {
                    taken.push(Span::new(p, start, end));
                    mentions[i].push(Span::new(p, start, end));
                }
            }
        }
    }
    let mut entities: Vec<Entity> = specs
        .iter()
        .zip(mentions)
        .map(|((name, kind, forms), mut mentions)| {
            mentions.sort();
            Entity {
                name: (*name).to_string(),
                kind: *kind,
                aliases: forms.iter().map(|f| (*f).to_string()).collect(),
                mentions,
            }
        })
        .filter(|e| !e.mentions.is_empty())
        .collect();
    entities.sort_by(|a, b| a.sidebar_order(b));
    entities
}

/// Splits a text on blank lines into paragraphs, joining lines.
fn paragraphs_of(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Each quote's text and speaker name, found by the real quote finder.
fn attributed(
    paragraphs: &[String],
    specs: &[(&str, EntityKind, &[&str])],
) -> Vec<(String, Option<String>)> {
    let entities = entities_for(paragraphs, specs);
    let quotes = find_quotes(paragraphs);
    let speakers = attribute(paragraphs, &quotes, &entities);
    quotes
        .iter()
        .zip(speakers)
        .map(|(q, s)| {
            (
                paragraphs[q.span.paragraph][q.span.range()].to_string(),
                s.map(|s| entities[s].name.clone()),
            )
        })
        .collect()
}

fn speakers_of(text: &str, specs: &[(&str, EntityKind, &[&str])]) -> Vec<Option<String>> {
    attributed(&paragraphs_of(text), specs)
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}

use EntityKind::{Organization as Org, Person, Place};

fn seed_specs() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
    vec![
        ("Ali Khamenei", Person, &["Khamenei", "Supreme Leader"]),
        ("Bashar al-Assad", Person, &["Bashar al-Assad", "Assad"]),
        ("Ebrahim Raisi", Person, &["Ebrahim Raisi", "Raisi"]),
        (
            "Ghasem Soleimani",
            Person,
            &["Ghasem Soleimani", "Soleimani"],
        ),
        (
            "Hossein Amir-Abdollahian",
            Person,
            &["Hossein Amir-Abdollahian"],
        ),
        ("Ali Shamkhani", Person, &["Ali Shamkhani"]),
        ("Hassan Rouhani", Person, &["Hassan Rouhani", "Rouhani"]),
        ("Mohammad-Javad Zarif", Person, &["Mohammad-Javad Zarif"]),
        ("IRGC", Org, &["Revolutionary Guard", "IRGC"]),
        ("Qods Force", Org, &["Qods Force"]),
        ("Nour News", Org, &["Nour News"]),
        (
            "Supreme National Security Council",
            Org,
            &["Supreme National Security Council"],
        ),
        ("Iran", Place, &["Iran", "Islamic Republic"]),
        ("Syria", Place, &["Syria"]),
        ("Tehran", Place, &["Tehran"]),
        ("Damascus", Place, &["Damascus"]),
        ("Israel", Place, &["Israel"]),
        ("UAE", Place, &["UAE"]),
        ("Russia", Place, &["Russia"]),
        ("Ukraine", Place, &["Ukraine"]),
        ("Iraq", Place, &["Iraq"]),
        ("Baghdad", Place, &["Baghdad"]),
        ("Moscow", Place, &["Moscow"]),
    ]
}

#[test]
fn attribute_finds_every_seed_speaker() {
    let mut paragraphs = paragraphs_of(include_str!("../../../assets/sample/iran-syria.txt"));
    paragraphs.truncate(paragraphs.len() - 3); // site navigation
    let found = attributed(&paragraphs, &seed_specs());
    let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
    let k = Some("Ali Khamenei");
    let a = Some("Bashar al-Assad");
    assert_eq!(speakers, [k, k, k, k, k, k, a, a], "{found:#?}");
}

#[test]
fn speech_verbs_are_sorted_and_unique() {
    assert!(SPEECH_VERBS.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(speech_verb("Said"), Some(true));
    assert_eq!(speech_verb("told"), Some(false));
    assert_eq!(speech_verb("state"), None);
    assert!(
        vocabulary::infinitive_speech_verb("claim") && !vocabulary::infinitive_speech_verb("say")
    );
}

#[test]
fn a_verb_that_is_also_a_noun_speaks_after_to() {
    let text = "Ian Varro was angry. He went on to claim that \"one side was refereed\". \
        His claim that \"nobody cared\" was denied.";
    let specs: &[(&str, EntityKind, &[&str])] = &[("Ian Varro", Person, &["Ian Varro"])];
    let got = speakers_of(text, specs);
    assert_eq!(got[0], Some("Ian Varro".to_string()));
}

fn fixture_specs() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
    vec![
        ("Jane Holt", Person, &["Jane Holt", "Holt"]),
        ("Tom Brandt", Person, &["Tom Brandt", "Brandt"]),
        ("Amira Sole", Person, &["Amira Sole", "Sole"]),
        ("Kofi Marsh", Person, &["Kofi Marsh"]),
        ("Calder Flood Agency", Org, &["Calder Flood Agency"]),
        (
            "Eastmere Readers Society",
            Org,
            &["Eastmere Readers Society"],
        ),
        ("Eastmere Harbour Trust", Org, &["Eastmere Harbour Trust"]),
        ("Calder Ferries", Org, &["Calder Ferries"]),
        ("BBC", Org, &["BBC"]),
        ("Eastmere", Place, &["Eastmere"]),
    ]
}

/// Expected quote beginnings and speakers, in order.
type Expected<'a> = &'a [(&'a str, Option<&'a str>)];

/// Checks one fixture: each quote's beginning and its speaker, in order.
fn check_fixture(name: &str, text: &str, expected: Expected) {
    let found = attributed(&paragraphs_of(text), &fixture_specs());
    let got: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|(q, s)| (q.as_str(), s.as_deref()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
    for (g, e) in got.iter().zip(expected) {
        assert!(
            g.0.starts_with(e.0) && g.1 == e.1,
            "{name}: expected {e:?}, got {g:?}"
        );
    }
}

const HOLT: Option<&str> = Some("Jane Holt");
const BRANDT: Option<&str> = Some("Tom Brandt");
const SOLE: Option<&str> = Some("Amira Sole");

#[test]
fn attribute_handles_each_news_style_fixture() {
    let fixtures: &[(&str, &str, Expected)] = &[
        (
            "bbc-style",
            include_str!("../../../assets/fixtures/quotes/bbc-style.txt"),
            &[
                ("We cannot keep every building open", HOLT),
                (
                    "Closing libraries is the easiest cut and the worst one.",
                    BRANDT,
                ),
                ("We will fight this in the chamber,", BRANDT),
                (
                    "Nobody came into politics to close libraries. But the numbers are the numbers.",
                    HOLT,
                ),
                ("short-sighted", Some("Eastmere Readers Society")),
            ],
        ),
        (
            "told-the-bbc",
            include_str!("../../../assets/fixtures/quotes/told-the-bbc.txt"),
            &[
                ("The river has risen", SOLE),
                (
                    "Residents should move valuables upstairs tonight,",
                    Some("Kofi Marsh"),
                ),
                ("The defences will hold,", SOLE),
                ("We have sandbags for everyone who asks,", None),
                ("Stay away from the riverbank,", Some("Calder Flood Agency")),
            ],
        ),
        (
            "multi-paragraph",
            include_str!("../../../assets/fixtures/quotes/multi-paragraph.txt"),
            &[
                ("The harbour was the reason this town exists,", HOLT),
                ("For a century it fed us.", HOLT),
                ("Then the fleet left", HOLT),
                ("Now we want to give it back", HOLT),
                ("We have heard plans like this before.", BRANDT),
                ("Each one ended with a report and no boats,", BRANDT),
            ],
        ),
        (
            "lost-breaks",
            include_str!("../../../assets/fixtures/quotes/lost-breaks.txt"),
            &[
                (
                    "We have already doubled the opening hours, they were 20 hours a week when we started.",
                    HOLT,
                ),
                ("We are going to double them again by next spring.", HOLT),
                ("We have made a promise. We will keep it.", HOLT),
            ],
        ),
        (
            "headlines",
            include_str!("../../../assets/fixtures/quotes/headlines.txt"),
            &[
                ("We will not close the harbour", HOLT),
                ("to stand again", BRANDT),
                ("harbour for all", None),
                ("a good day for the town", BRANDT),
            ],
        ),
        (
            "guillemets",
            include_str!("../../../assets/fixtures/quotes/guillemets.txt"),
            &[
                ("The market will reopen in May", HOLT),
                ("We were never consulted", BRANDT),
                ("The stalls are too expensive", SOLE),
                ("a fresh start", None),
            ],
        ),
        (
            "partial",
            include_str!("../../../assets/fixtures/quotes/partial.txt"),
            &[
                ("real devotion to the harbour", HOLT),
                ("entirely committed to the harbour", HOLT),
                ("careful work of the committee", HOLT),
                ("falling into ruin.", HOLT),
                ("the most ambitious in a generation", SOLE),
            ],
        ),
        (
            "nested",
            include_str!("../../../assets/fixtures/quotes/nested.txt"),
            &[
                (
                    "Some people say the \"Harbour Plan\" is a dream, but dreams built this town,",
                    HOLT,
                ),
                ("They called it \"madness\",", BRANDT),
                (
                    "When I asked him, he said 'never again' and walked out,",
                    SOLE,
                ),
                ("My father called it “the old quay” all his life", BRANDT),
            ],
        ),
        (
            "apostrophes",
            include_str!("../../../assets/fixtures/quotes/apostrophes.txt"),
            &[
                ("It's the town's heart, and it's everyone's,", HOLT),
                ("We'll see 'bout that.", BRANDT),
            ],
        ),
        (
            "pronouns",
            include_str!("../../../assets/fixtures/quotes/pronouns.txt"),
            &[
                ("This is a good day for Eastmere,", HOLT),
                ("It is a start,", BRANDT),
                ("I hope she means it,", BRANDT),
                ("We are delighted,", Some("Eastmere Harbour Trust")),
                ("It is good news for passengers,", Some("Calder Ferries")),
            ],
        ),
        (
            "wire-style",
            include_str!("../../../assets/fixtures/quotes/wire-style.txt"),
            &[
                ("It is a tax on the fleet,", BRANDT),
                ("We will vote against it.", BRANDT),
                ("I have sympathy for the fishermen", HOLT),
                ("But the harbour needs money.", HOLT),
                ("The levy is fair,", SOLE),
                ("Nobody likes a levy,", Some("Kofi Marsh")),
                ("You ignored the warnings", BRANDT),
            ],
        ),
        (
            "signatures",
            include_str!("../../../assets/fixtures/quotes/signatures.txt"),
            &[
                ("A market, every day of the week.", SOLE),
                ("Keep the boats, nothing else.", BRANDT),
                ("A museum for the fleet.", Some("Kofi Marsh")),
                ("Let the sea have it,", HOLT),
                ("It was never ours.", HOLT),
            ],
        ),
        (
            "transcript",
            include_str!("../../../assets/fixtures/quotes/transcript.txt"),
            &[
                ("HOLT: The levy pays for the dredging.", HOLT),
                ("BRANDT: Then the council should pay", BRANDT),
                ("HOST: We have to leave it there.", None),
            ],
        ),
        (
            "clauses",
            include_str!("../../../assets/fixtures/quotes/clauses.txt"),
            &[
                ("a toll on the tide", HOLT),
                ("rushed", BRANDT),
                ("put off", BRANDT),
                ("every boat a week's catch", BRANDT),
                ("a lifeline", SOLE),
                ("a tax by another name", BRANDT),
                ("where the money goes", HOLT),
                ("a fair price", HOLT),
                ("a waste of money", BRANDT),
                ("It went well,", SOLE),
            ],
        ),
    ];
    for (name, text, expected) in fixtures {
        check_fixture(name, text, expected);
    }
}

fn people() -> Vec<(&'static str, EntityKind, &'static [&'static str])> {
    vec![
        ("Jane Holt", Person, &["Jane Holt", "Holt"]),
        ("Tom Brandt", Person, &["Tom Brandt", "Brandt"]),
    ]
}

#[test]
fn attribute_gives_reported_speech_to_the_subject_of_its_verb() {
    assert_eq!(
        speakers_of(
            r#"Holt said Brandt harbored a "deep love for trains" for years."#,
            &people()
        ),
        [HOLT.map(String::from)]
    );
    assert_eq!(
        speakers_of(r#"Holt was quoted as saying "it is over"."#, &people()),
        [HOLT.map(String::from)]
    );
    assert_eq!(
        speakers_of(
            r#"Holt left the room with Brandt, saying "it is over"."#,
            &people()
        ),
        [HOLT.map(String::from)]
    );
    assert_eq!(
        speakers_of(r#"Holt on Monday said: "We won.""#, &people()),
        [HOLT.map(String::from)]
    );
}

#[test]
fn attribute_sees_subjects_behind_role_nouns_and_in_appositives() {
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Dara Lind", Person, &["Dara Lind"]),
        ("Rana Aziz", Person, &["Rana Aziz"]),
    ];
    let got = speakers_of(
        "At the market, retired teacher Dara Lind reads three papers.\n\n\"Prices rise,\" he said.\n\nHis neighbour, the tailor Rana Aziz, said trade was slow. \"We wait,\" she said.",
        specs,
    );
    assert_eq!(
        got,
        [Some("Dara Lind".to_string()), Some("Rana Aziz".to_string())]
    );
}

#[test]
fn attribute_never_takes_a_speaker_from_quoted_words() {
    assert_eq!(
        speakers_of(r#""Brandt said no," Holt said."#, &people()),
        [HOLT.map(String::from)]
    );
    assert_eq!(
        speakers_of("Holt spoke first.\n\n\"Ask Brandt,\" she said.", &people()),
        [HOLT.map(String::from)]
    );
}

#[test]
fn attribute_leaves_unattributed_quotes_without_speaker() {
    assert_eq!(
        speakers_of(r#"The plan was called "bold" by the papers."#, &people()),
        [None]
    );
    assert_eq!(
        speakers_of(r#"The harbour plan is "bold"."#, &people()),
        [None]
    );
    assert_eq!(
        speakers_of(r#""Go home," he said."#, &people()),
        [None],
        "no one to refer to"
    );
}

#[test]
fn attribute_gives_no_speaker_to_passives_and_verbs_used_as_nouns() {
    assert_eq!(
        speakers_of(
            r#"Brandt was told by the council that the levy is "final"."#,
            &people()
        ),
        [None]
    );
    assert_eq!(
        speakers_of(
            r#"A review of Brandt claims found them "mostly false"."#,
            &people()
        ),
        [None]
    );
    assert_eq!(
        speakers_of(
            r#"Holt was kind to Brandt -- "a fine man" -- and left."#,
            &people()
        ),
        [HOLT.map(String::from)],
        "a name after a preposition does not sign the quote after its dash"
    );
}

#[test]
fn attribute_gives_a_nominal_subject_the_organisation_it_stands_for() {
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Calder Ferries", Org, &["Calder Ferries"]),
        ("Eastmere Harbour Trust", Org, &["Eastmere Harbour Trust"]),
        ("Jane Holt", Person, &["Jane Holt"]),
    ];
    let text = "The Eastmere Harbour Trust met. Calder Ferries cut two sailings.\n\n\
        \"We regret the cuts,\" the ferry firm said. The trust said the cuts were \"short-sighted\".\n\n\
        A spokesman for the trust, Jane Holt, said the cuts were \"a blow\".";
    let ferries = Some("Calder Ferries".to_string());
    let trust = Some("Eastmere Harbour Trust".to_string());
    assert_eq!(
        speakers_of(text, specs),
        [ferries, trust, Some("Jane Holt".to_string())]
    );
}

#[test]
fn the_author_of_a_statement_speaks_in_its_sentence() {
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Calder Ferries", Org, &["Calder Ferries"]),
        ("Tolham Survey", Org, &["Tolham Survey"]),
        ("Eastmere Council", Org, &["Eastmere Council"]),
    ];
    // The firm last the subject is not the one whose statement it is.
    let text = "Monitoring firm Tolham Survey found the sailings late.\n\n\
        In a statement from Calder Ferries announcing the cuts, the company denied it. \
        \"Nothing suggests we caused the delays,\" it said.";
    let ferries = || Some("Calder Ferries".to_string());
    assert_eq!(speakers_of(text, specs), [ferries()]);
    // The object of someone else's verb is no author speaking.
    let text = "Calder Ferries spoke first.\n\n\
        Eastmere Council criticised the statement from Tolham Survey. \
        \"Nothing has changed,\" it said.";
    let council = || Some("Eastmere Council".to_string());
    assert_eq!(speakers_of(text, specs), [council()]);
    let text = "Calder Ferries rejected a report by Tolham Survey on Monday. \
        \"We were on time every day,\" it said.";
    assert_eq!(speakers_of(text, specs), [ferries()]);
    // A word before the author's noun is not the author (`a report by the
    // Eastmere Council transport panel` is the panel's).
    let text = "Monitoring firm Tolham Survey found the sailings late.\n\n\
        A report by the Eastmere Council transport panel came out. \
        \"The sailings are late,\" it said.";
    assert_eq!(
        speakers_of(text, specs),
        [Some("Tolham Survey".to_string())]
    );
    // Nor is a name that owns someone (`a statement from X's lawyer`).
    let text = "Calder Ferries spoke first.\n\n\
        In a statement from Eastmere Council's lawyer, the firm was named. \
        \"We will go to court,\" it said.";
    assert_ne!(speakers_of(text, specs), [council()]);
}

#[test]
fn a_verb_of_opinion_attributes_only_right_after_a_quote_closed_on_a_comma() {
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Adam Curry", Person, &["Curry"]),
        ("Tim Dams", Person, &["Tim Dams"]),
        ("Michael Moore", Person, &["Moore"]),
    ];
    let curry = Some("Adam Curry".to_string());
    let text = "\"It will kill the business model of radio,\" thinks Curry. \
        \"Every brand wants in,\" Curry believes.";
    assert_eq!(speakers_of(text, specs), [curry.clone(), curry]);
    // Further on it reports a belief: `he thought` is Dams's, not the name before it.
    let text = "Tim Dams spoke. While he said the panel were not \"snubbing\" Moore's \
        film, he thought it was unlikely to win.";
    assert_eq!(speakers_of(text, specs), [Some("Tim Dams".to_string())]);
    // Not without the comma, nor before the rest of a sentence.
    let text = "Tim Dams spoke.\n\n\"Radio will die\" Curry thinks.";
    assert_ne!(speakers_of(text, specs), [Some("Adam Curry".to_string())]);
    let text = "Tim Dams spoke.\n\n\"Radio will die,\" Curry thinks the panel is wrong.";
    assert_ne!(speakers_of(text, specs), [Some("Adam Curry".to_string())]);
    // A participle's phrase after a title is not an attribution.
    let text = "Tim Dams spoke. The painting, known as \"The Lost Garden\", thought to be by \
        Michael Moore, sold.";
    assert_ne!(
        speakers_of(text, specs),
        [Some("Michael Moore".to_string())]
    );
}

#[test]
fn attribute_reads_the_sentence_before_a_whole_sentence_quote() {
    let text = "Brandt left early. Holt said the vote was close. \"We won.\" Then she left.";
    assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
    let text = "Holt said the vote was close.\n\n\"We won.\"";
    assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
}

#[test]
fn attribute_follows_participles_and_infinitives_to_the_main_subject() {
    let text = "Holt spoke. Brandt, who was late, met her. \
        He said Holt had spoken with \"such care\", adding: \"She listened.\" He went on to say: \"We agree.\"";
    let brandt = BRANDT.map(String::from);
    assert_eq!(
        speakers_of(text, &people()),
        [brandt.clone(), brandt.clone(), brandt]
    );
    let text = r#"Holt "totally condemned" the plan."#;
    assert_eq!(speakers_of(text, &people()), [HOLT.map(String::from)]);
}

proptest::proptest! {
    #[test]
    fn attribute_never_panics_and_points_into_entities(
        text in "[A-Za-z .,:'\"“”‘’«»\n-]{0,120}",
        spans in proptest::collection::vec((0usize..4, 0usize..130, 0usize..20), 0..12),
    ) {
        let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
        // Random (often invalid) mentions: the attribution must cope.
        let entities: Vec<Entity> = spans
            .iter()
            .enumerate()
            .map(|(i, &(p, start, len))| Entity {
                name: format!("E{i}"),
                kind: if i % 2 == 0 { Person } else { Org },
                aliases: Vec::new(),
                mentions: vec![Span::new(p, start, start + len)],
            })
            .collect();
        let quotes = find_quotes(&paragraphs);
        let speakers = attribute(&paragraphs, &quotes, &entities);
        proptest::prop_assert_eq!(speakers.len(), quotes.len());
        proptest::prop_assert!(speakers.iter().flatten().all(|&s| s < entities.len()));
    }
}

#[test]
fn attribute_in_reads_long_runs_without_white_space_once() {
    // Every name in a run without white space used to read the run back to
    // its start, twice; every quote after a long paragraph read it again.
    let run = "Holt/said/\"yes\"/".repeat(5_000);
    let words = "Holt said the talks went on. ".repeat(2_000);
    let quotes = "\"Yes\" ".repeat(2_000);
    let text = format!("{run}\n\nMs Holt arrived.\n\n{words}\n\n{quotes}");
    let found = attributed(
        &paragraphs_of(&text),
        &[("Holt", EntityKind::Person, &["Holt"])],
    );
    let mut counts: std::collections::BTreeMap<(&str, Option<&str>), usize> = Default::default();
    for (quote, speaker) in &found {
        *counts
            .entry((quote.as_str(), speaker.as_deref()))
            .or_default() += 1;
    }
    let expected = [(("Yes", Some("Holt")), 2_000), (("yes", None), 5_000)];
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn attribute_follows_spokespeople_roles_and_relatives_back_to_who_speaks() {
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Calder Harbour Trust", Org, &["Calder Harbour Trust"]),
        ("Eastmere Bank", Org, &["Eastmere Bank"]),
        ("Calder Airlines", Org, &["Calder Airlines"]),
        ("Jane Holt", Person, &["Jane Holt", "Holt"]),
        ("Tom Brandt", Person, &["Tom Brandt", "Brandt"]),
        ("Owen Pask", Person, &["Owen Pask", "Pask"]),
    ];
    let cases: &[(&str, &[Option<&str>])] = &[
        // `he` after an unnamed spokesman is the body he speaks for.
        (
            "A spokesman for the Calder Harbour Trust said the pier would open. \"We are ready,\" he said.",
            &[Some("Calder Harbour Trust")],
        ),
        // `the spokeswoman` is the one who spoke before as a spokeswoman.
        (
            "\"We found clues,\" an Eastmere Bank spokeswoman said. \"It is now a criminal case,\" the spokeswoman said.",
            &[Some("Eastmere Bank"), Some("Eastmere Bank")],
        ),
        // A spokesperson in apposition to a name is that person.
        (
            "Jane Holt, a spokeswoman for the Calder Harbour Trust, said the pier would open. \"We are ready,\" she said.",
            &[Some("Jane Holt")],
        ),
        // A relative pronoun stands for the phrase before its comma.
        (
            "The claim was denied by an Eastmere Bank spokesman, who said: \"It is empty.\"",
            &[Some("Eastmere Bank")],
        ),
        // A role the article wrote before a name.
        (
            "Harbour master Tom Brandt met Mayor Jane Holt. \"The pier is safe,\" the harbour master told reporters. \"We will win,\" said the mayor.",
            &[Some("Tom Brandt"), Some("Jane Holt")],
        ),
        // `he` is the one who reports, not the subject of what he reports.
        (
            "Tom Brandt joked that, among the sailors, Owen Pask ranks fourth. \"I have been insulted,\" he told them.",
            &[Some("Tom Brandt")],
        ),
        // A new clause after the reported speech has a subject of its own.
        (
            "Before Eastmere Bank said the pier was sold, Tom Brandt insisted he would stay. \"I stay,\" he said.",
            &[Some("Tom Brandt")],
        ),
        // Someone introduced with a role in apposition is whom `he` then means.
        (
            "Tom Brandt spoke first. The plan worries Owen Pask, director of the Calder Harbour Trust. \"It is too late,\" he said.",
            &[Some("Owen Pask")],
        ),
        (
            "Tom Brandt spoke first. He thanked Owen Pask, for his help. \"It is too late,\" he said.",
            &[Some("Tom Brandt")],
        ),
        // A plural in the name (`the airline` of Calder Airlines), and a name in
        // parentheses before an attribution further on.
        (
            "Shares in Calder Airlines fell after the airline warned of \"a hard year\". Growth is weak but \"reform is needed\", the Calder Harbour Trust (CHT) has said.",
            &[Some("Calder Airlines"), Some("Calder Harbour Trust")],
        ),
        // A document the article gave to a body speaks for it.
        (
            "An Eastmere Bank report was out. \"Costs are falling,\" said the report. \"Fast,\" the report said.",
            &[Some("Eastmere Bank"), Some("Eastmere Bank")],
        ),
        // A spokesperson for a body that opens a long subject.
        (
            "A spokesman for the Calder Harbour Trust, which meets this week in Eastport, told the BBC: \"We are ready.\"",
            &[Some("Calder Harbour Trust")],
        ),
    ];
    for (text, want) in cases {
        let got = speakers_of(text, specs);
        let want: Vec<Option<String>> = want.iter().map(|w| w.map(str::to_string)).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn a_nationality_after_the_speech_verb_is_the_person_named_before() {
    let text = "Mara Quell beat Ivo Tarrant 6-2 6-3.\n\n\
        Tarrant was left frustrated. \"It's just tough,\" said the American. \
        \"They were better,\" said the American coach, Len Oduya.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Mara Quell", Person, &["Mara Quell"]),
        ("Ivo Tarrant", Person, &["Ivo Tarrant", "Tarrant"]),
        ("Len Oduya", Person, &["Len Oduya"]),
        ("American", EntityKind::Other, &["American"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Ivo Tarrant".to_string()),
            Some("Len Oduya".to_string())
        ]
    );
}

#[test]
fn a_relative_clause_after_the_subject_names_others_not_the_speaker() {
    let text = "Film star Ian Varro held a dinner in Tolham.\n\n\
        The Oscar-nominated actor, whose films include Ada Quell and Lost Harbour, said: \
        \"The theatre gave me my start.\"";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Tolham", Place, &["Tolham"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string())]
    );
}

#[test]
fn a_persons_noun_no_one_was_called_is_the_person_the_story_is_about() {
    let text = "Ian Varro held a dinner in Tolham.\n\n\
        The Ballymena-born actor said that the theatre was in a \"very poor state\". \
        \"It must be saved,\" the ad's narrator says.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Tolham", Place, &["Tolham"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string()), None]
    );
}

#[test]
fn a_person_of_an_organisation_is_the_subject_not_the_organisation() {
    let text = "Laura Quell of Save the Harbour said there were grave concerns.\n\n\
        \"There should be proper assessments,\" she said. \
        Ian Varro from Tolham Council said: \"We agree.\"";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Laura Quell", Person, &["Laura Quell"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Save the Harbour", Org, &["Save the Harbour"]),
        ("Tolham Council", Org, &["Tolham Council"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Laura Quell".to_string()),
            Some("Ian Varro".to_string())
        ]
    );
}

#[test]
fn a_name_closing_an_appositive_before_its_verb_is_the_subject() {
    let text = "Ada Quell of Tolham spoke first. Head of the division, Ian Varro, spoke \
        about new channels. \"We can push it to the limit,\" he said.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Tolham", Place, &["Tolham"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string())]
    );
}

#[test]
fn a_sentence_that_is_only_the_speakers_name_line_gives_the_person() {
    let text =
        "The show moves to Sundays. Tolham Two controller Ian Varro: \"It's an exciting new era.\"";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Tolham Two", Org, &["Tolham Two"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string())]
    );
}

#[test]
fn an_organisations_person_and_its_report_speak_for_it() {
    let text = "Aid is low, Qarlow says in a report. \"This must stop,\" Qarlow's Ada Quell said.\n\n\
        \"2005 offers a chance,\" the charity's director added. The report said: \"Aid is owed.\"";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Qarlow", Org, &["Qarlow"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Ada Quell".to_string()),
            Some("Ada Quell".to_string()),
            Some("Qarlow".to_string())
        ]
    );
}

#[test]
fn the_colon_line_and_the_nationality_give_way_to_the_person_named() {
    let text = "Ada Quell thanked Ian Varro: \"You saved us.\"\n\n\
        Ian Varro lost. \"It was tough,\" said the American, Len Oduya.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Len Oduya", Person, &["Len Oduya"]),
        ("American", EntityKind::Other, &["American"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ada Quell".to_string()), Some("Len Oduya".to_string())]
    );
}

#[test]
fn an_unattributed_quote_after_a_person_introduced_as_subject_is_theirs() {
    let text = "\"What a way to finish,\" said Ian Varro afterwards. US coach Len Oduya wants \
        his team to play more on clay. \"It will help these guys.\"";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Len Oduya", Person, &["Len Oduya"]),
        ("US", Place, &["US"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string()), Some("Len Oduya".to_string())]
    );
}

#[test]
fn a_partial_quote_in_a_relative_clause_is_its_antecedents() {
    let text = "The Vexlo Commission faces two challenges, one from the Qarlow Air \
        Association (QAA), which has attacked the package as a \"bad piece of law\".\n\n\
        Ada Quell spoke of Ian Varro as Count Drax, which she calls \"good fun\".\n\n\
        The Oradi Order, which means \"Work of God\", met.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Vexlo Commission", Org, &["Vexlo Commission"]),
        (
            "Qarlow Air Association",
            Org,
            &["Qarlow Air Association", "QAA"],
        ),
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Count Drax", Person, &["Count Drax"]),
        ("Oradi Order", Org, &["Oradi Order"]),
    ];
    let speakers = speakers_of(text, specs);
    assert_eq!(speakers[0].as_deref(), Some("Qarlow Air Association"));
    // The relative is the object there: the clause's own subject speaks.
    assert_ne!(speakers[1].as_deref(), Some("Count Drax"));
    // A translation is no one's words.
    assert_eq!(speakers[2], None);
}

#[test]
fn a_quote_running_on_into_its_clause_and_one_heard_asked_keep_their_speaker() {
    let text = "Ken Holt spoke.\n\n\
        Labour's Mr Holt, who says he is \"standing by\" his remarks, had accused a reporter.\n\n\
        On tape Mr Holt, who once worked for the paper, is heard asking Ian Varro if he is a \
        \"German war criminal\".\n\n\
        Women were not prepared to \"put up with\" the attitudes they met, Prof Ada Quell said.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ken Holt", Person, &["Ken Holt", "Holt"]),
        ("Labour", Org, &["Labour"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Ada Quell", Person, &["Ada Quell"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Ken Holt".to_string()),
            Some("Ken Holt".to_string()),
            Some("Ada Quell".to_string())
        ]
    );
}

#[test]
fn a_subject_named_after_its_office_and_a_small_title_says_a_partial_quote() {
    let text = "But Vexlo Office minister Ada Quell defended the move saying it would give \
        officers \"just that little bit of edge\".\n\n\
        Qarlow Party leader Ian Varro meanwhile is on a tour aimed at persuading voters his \
        is the \"real opposition\".";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Vexlo Office", Org, &["Vexlo Office"]),
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Qarlow Party", Org, &["Qarlow Party"]),
        ("Ian Varro", Person, &["Ian Varro"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ada Quell".to_string()), Some("Ian Varro".to_string())]
    );
}

#[test]
fn the_player_of_a_named_team_is_a_person_not_the_team() {
    // A team the tagger missed (`Sale`) or found (`Tolham`), then a person's
    // noun: the person the article was about, or the one called so.
    let text = "Ian Varro was puzzled by the decision. \"I was behind the ball,\" said the \
        Sale player. \"We rehearse it.\"\n\n\
        Tolham coach Ada Quell was pleased. Ian Varro spoke later. \"We were poor,\" said the \
        Tolham coach.\n\n\
        \"It was good,\" said the Tolham club.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Tolham", Org, &["Tolham"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Ian Varro".to_string()),
            Some("Ian Varro".to_string()),
            Some("Ada Quell".to_string()),
            // Not a person's noun: the club speaks.
            Some("Tolham".to_string()),
        ]
    );
}

#[test]
fn a_role_after_its_modifiers_a_firm_after_its_noun_and_a_named_document_speak() {
    let text = "\"Costs are high,\" investment bank Calder Lynch said of the firm.\n\n\
        \"It was hard,\" said Varno and Quell executive producer Ada Holt.\n\n\
        Ian Varro was there. \"She was swept away,\" Varro's message read.\n\n\
        Ian Varro was angry. The Tolham coach went on to say that \"one side was refereed\".\n\n\
        The decision follows a \"tough meeting\" where some senior Tolham Council members argued.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ada Holt", Person, &["Ada Holt"]),
        ("Ian Varro", Person, &["Ian Varro", "Varro"]),
        ("Quell", Person, &["Quell"]),
        ("Calder Lynch", Org, &["Calder Lynch"]),
        ("Tolham Council", Org, &["Tolham Council"]),
        ("Tolham", Org, &["Tolham"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Calder Lynch".to_string()),
            // Not the name in the role's premodifier.
            Some("Ada Holt".to_string()),
            Some("Ian Varro".to_string()),
            Some("Ian Varro".to_string()),
            // A council after `some senior`, not after its noun, is no speaker.
            None,
        ]
    );
}

#[test]
fn a_role_or_a_team_in_the_speakers_phrase_only() {
    let text = "Wales coach Ian Varro was angry. England coach Ada Quell was calm.\n\n\
        \"We were poor,\" said Tom Holt after captain Ben Lark was sent off.\n\n\
        \"It was hard,\" said Tom Holt and his son Ben Lark.\n\n\
        \"We lost,\" said the Tolham manager, Ben Lark.\n\n\
        \"They cheated,\" said the Wales coach.\n\n\
        \"We won,\" the England coach said.\n\n\
        Prices were \"under control\" where the Council of Varno argued for a rise.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Ada Quell", Person, &["Ada Quell"]),
        ("Tom Holt", Person, &["Tom Holt"]),
        ("Ben Lark", Person, &["Ben Lark"]),
        ("Tolham", Org, &["Tolham"]),
        ("Council of Varno", Org, &["Council of Varno"]),
        ("Wales", Place, &["Wales"]),
        ("England", Place, &["England"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            // Not a person named past the speaker's phrase.
            Some("Tom Holt".to_string()),
            Some("Tom Holt".to_string()),
            // The person named after the team's role.
            Some("Ben Lark".to_string()),
            // The coach of that team, not the last one named.
            Some("Ian Varro".to_string()),
            Some("Ada Quell".to_string()),
            // An organisation inside whose name a noun stands is no speaker here.
            None,
        ]
    );
}

#[test]
fn an_appositive_with_commas_inside_ends_where_a_finite_verb_follows() {
    // The relative clause holds a name in apposition; the subject's verb
    // comes after the second comma. A later sentence's commas are not the
    // appositive's ("…, who died. Tolhamers, he said, …").
    let text = "Ian Varro won the coaching award. \"Ada's rise has meant a lot,\" said Varro. \
        Quell, who will captain Tolham in the opening tournament, the Harrow Sevens, was \
        delighted. \"This is a genuine honour,\" said the Tolham fly-half.\n\n\
        \"We float,\" Varro said of Ada Quell, who left in May. Tolhamers, he said, can \"rock\".";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro", "Varro"]),
        ("Ada Quell", Person, &["Ada Quell", "Quell", "Ada"]),
        ("Tolham", Org, &["Tolham"]),
        ("Harrow Sevens", EntityKind::Other, &["Harrow Sevens"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![
            Some("Ian Varro".to_string()),
            Some("Ada Quell".to_string()),
            Some("Ian Varro".to_string()),
            Some("Ian Varro".to_string()),
        ]
    );
}

#[test]
fn a_name_after_the_closing_an_appositive_is_the_subject_of_the_verb_after_it() {
    // "the organisation said" is the body last the subject: "the Council
    // of X, agrees" made it one (its acronym in front is a place here, as
    // the tagger may read one).
    let text = "Tolham Pay could be faked, said Ian Varro. TCR, the Council of Tolham Registries, \
        agrees. \"A rush is overly zealous,\" the organisation said in a statement.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Tolham Pay", Org, &["Tolham Pay"]),
        ("TCR", Place, &["TCR"]),
        (
            "Council of Tolham Registries",
            Org,
            &["Council of Tolham Registries"],
        ),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Council of Tolham Registries".to_string())]
    );
}

#[test]
fn an_age_before_a_trailing_speakers_name_is_a_modifier() {
    let text = "Varro admitted he was \"devastated\" to hear of it. \"This has been a difficult \
        decision,\" 19-year-old Quell revealed.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ian Varro", Person, &["Varro"]),
        ("Ada Quell", Person, &["Quell"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Ian Varro".to_string()), Some("Ada Quell".to_string())]
    );
}

#[test]
fn an_appositives_decimal_abbreviation_or_list_does_not_move_its_subject() {
    // "£2.5m" and "U.S." end no sentence; a list's plural nouns are no verbs.
    for text in [
        "Ann Holt met Jane Brandt on Monday. Brandt, who paid \u{a3}2.5m for the house in 2019, \
         said she was delighted. \"It is lovely,\" she added.",
        "Ann Holt met Jane Brandt on Monday. Brandt, who moved to the U.S. in 1990, told \
         reporters she was delighted. \"It is lovely,\" she added.",
    ] {
        let specs: &[(&str, EntityKind, &[&str])] = &[
            ("Ann Holt", Person, &["Ann Holt"]),
            ("Jane Brandt", Person, &["Jane Brandt", "Brandt"]),
        ];
        assert_eq!(
            speakers_of(text, specs),
            vec![Some("Jane Brandt".to_string())],
            "{text}"
        );
    }
    let text = "Ann Holt spoke on Monday. Her guests were Tom Reed, Jane Brandt, and Sara Cole, \
        who grows apples, pears, plums and figs near the town. \"We need rain,\" she said.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Ann Holt", Person, &["Ann Holt"]),
        ("Tom Reed", Person, &["Tom Reed"]),
        ("Jane Brandt", Person, &["Jane Brandt"]),
        ("Sara Cole", Person, &["Sara Cole"]),
    ];
    assert_eq!(speakers_of(text, specs), vec![Some("Ann Holt".to_string())]);
    let text = "Tolham Council opened the park on Monday. Guests included Ian Varro, the Harrow \
        Trust, parents and teachers. \"We are delighted,\" the organisation said.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Tolham Council", Org, &["Tolham Council"]),
        ("Ian Varro", Person, &["Ian Varro"]),
        ("Harrow Trust", Org, &["Harrow Trust"]),
    ];
    assert_eq!(
        speakers_of(text, specs),
        vec![Some("Tolham Council".to_string())]
    );
}

#[test]
fn a_nationality_for_one_person_is_the_person_last_the_subject() {
    let text = "Tolham manager Piet Varro said his side had \"deserved more\".\n\n\
        \"We created chances,\" the Spaniard added.\n\n\
        \"It was hard,\" the Dutchman said.\n\n\
        \"We will vote no,\" the Swiss said.";
    let specs: &[(&str, EntityKind, &[&str])] = &[
        ("Piet Varro", Person, &["Piet Varro"]),
        ("Spaniard", EntityKind::Other, &["Spaniard"]),
        ("Tolham", Org, &["Tolham"]),
    ];
    let varro = Some("Piet Varro".to_string());
    // "the Swiss", "the French": a people, not one person.
    assert_eq!(
        speakers_of(text, specs),
        [varro.clone(), varro.clone(), varro, None]
    );
}
