//! Tests of the mention finder: rules, tagger join and document pass.

use super::classify::RunIndex;
use super::*;
use crate::analysis::gazetteer::{self, TitleRole};
use crate::analysis::names::{breaks_name, is_prefixed_adjective};

#[test]
fn rule_mentions_resolve_an_office_only_when_its_holder_is_named() {
    let alone = vec!["The talks were hosted by the US President in 2005.".to_string()];
    let m = rule_mentions(&alone, &tokens::split_paragraphs(&alone));
    let office: Vec<_> = m.iter().filter(|m| m.kind == EntityKind::Person).collect();
    assert_eq!(office.len(), 1, "{m:?}");
    assert_eq!(
        office[0].canonical, None,
        "a dated office is not resolved blindly"
    );

    let named = vec![
        "The talks were hosted by the US President.".to_string(),
        "Biden spoke first.".to_string(),
    ];
    let m = rule_mentions(&named, &tokens::split_paragraphs(&named));
    assert!(m.iter().any(|m| m.canonical.is_some()), "{m:?}");
}

/// (surface, kind, canonical) of every mention in `text` (paragraphs split on blank lines).
fn mention(paragraph: usize, start: usize, end: usize, kind: EntityKind) -> RawMention {
    RawMention {
        span: Span::new(paragraph, start, end),
        kind,
        canonical: None,
    }
}

fn candidate(
    span: Span,
    kind: EntityKind,
    canonical: Option<&str>,
    confidence: Confidence,
    text: &str,
) -> Candidate {
    Candidate {
        span,
        kind,
        canonical: canonical.map(str::to_string),
        confidence,
        text: text.to_string(),
    }
}

#[test]
fn combine_keeps_tagged_spans_and_adds_epithets_and_defined_acronyms() {
    let p = vec![
        "The Supreme Leader met the Revolutionary Guard (RG) and Smith Jones in Paris.".to_string(),
    ];
    let at = |s: &str| p[0].find(s).unwrap_or(0);
    let guard = at("Revolutionary Guard");
    let smith = at("Smith Jones");
    let tagged = vec![
        mention(
            0,
            guard,
            guard + "Revolutionary Guard".len(),
            EntityKind::Organization,
        ),
        mention(0, smith, smith + "Smith Jones".len(), EntityKind::Other),
    ];
    let leader = at("Supreme Leader");
    let rg = at("RG)");
    let paris = at("Paris");
    let rules = vec![
        candidate(
            Span::new(0, leader, leader + 14),
            EntityKind::Person,
            Some("Someone Known"),
            Confidence::Known,
            "Supreme Leader",
        ),
        candidate(
            Span::new(0, rg, rg + 2),
            EntityKind::Organization,
            None,
            Confidence::Rule,
            "RG",
        ),
        candidate(
            Span::new(0, smith, smith + 11),
            EntityKind::Person,
            None,
            Confidence::Rule,
            "Smith Jones",
        ),
        candidate(
            Span::new(0, paris, paris + 5),
            EntityKind::Place,
            None,
            Confidence::Known,
            "Paris",
        ),
    ];
    let got: Vec<(&str, EntityKind, Option<String>)> = combine(&p, tagged, rules)
        .into_iter()
        .map(|m| (&p[0][m.span.range()], m.kind, m.canonical))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Supreme Leader",
                EntityKind::Person,
                Some("Someone Known".to_string())
            ),
            ("Revolutionary Guard", EntityKind::Organization, None),
            ("RG", EntityKind::Organization, None),
            // A naming rule corrects the tagger's "other".
            ("Smith Jones", EntityKind::Person, None),
        ],
        "a rule-only place without a canonical name is left to the tagger"
    );
}

#[test]
fn a_name_the_gazetteer_knows_whole_takes_the_place_of_the_tagged_part_inside_it() {
    let p = vec!["The Lib Dems and the Wide Party agreed.".to_string()];
    let at = |s: &str| p[0].find(s).unwrap_or(0);
    let (dems, wide) = (at("Dems"), at("Wide Party"));
    let tagged = vec![
        mention(0, dems, dems + 4, EntityKind::Other),
        mention(0, wide, wide + 4, EntityKind::Organization),
        mention(0, wide + 5, wide + 10, EntityKind::Organization),
    ];
    let lib = at("Lib Dems");
    let rules = vec![
        candidate(
            Span::new(0, lib, lib + 8),
            EntityKind::Organization,
            Some("Liberal Democrats"),
            Confidence::Known,
            "Lib Dems",
        ),
        // Two tagged names inside: which would it replace? Neither.
        candidate(
            Span::new(0, wide, wide + 10),
            EntityKind::Organization,
            Some("Wide Party Known"),
            Confidence::Known,
            "Wide Party",
        ),
    ];
    let got: Vec<(&str, Option<String>)> = combine(&p, tagged, rules)
        .into_iter()
        .map(|m| (&p[0][m.span.range()], m.canonical))
        .collect();
    assert_eq!(
        got,
        [
            ("Lib Dems", Some("Liberal Democrats".to_string())),
            ("Wide", None),
            ("Party", None),
        ]
    );
}

#[test]
fn find_mentions_takes_titles_off_tagged_people() {
    let p = vec!["Mr Blair and President Jacques Chirac met in Paris on Monday.".to_string()];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[0][m.span.range()])
        .collect();
    assert!(
        got.contains(&"Blair") && got.contains(&"Jacques Chirac"),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|m| m.starts_with("Mr") || m.starts_with("President")),
        "{got:?}"
    );
}

#[test]
fn find_mentions_leaves_out_abbreviations_of_ordinary_things() {
    let p = vec![
        "David Blunkett has apologised to MPs after the Home Office report.".to_string(),
        "Shadow minister Ann Lowe told MPs and the TV crews in Leeds that a committee of MSPs had met."
            .to_string(),
    ];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[m.span.paragraph][m.span.range()])
        .collect();
    assert!(
        got.contains(&"David Blunkett") && got.contains(&"Leeds"),
        "{got:?}"
    );
    for plain in ["MPs", "TV", "MSPs"] {
        assert!(!got.contains(&plain), "{plain} in {got:?}");
    }
}

#[test]
fn find_mentions_leaves_out_capitalised_sentence_openers() {
    let p = vec![
        "All 28 people were held in Surrey.".to_string(),
        "(Rural affairs minister) Alun Michael met farmers in Leeds.".to_string(),
    ];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[m.span.paragraph][m.span.range()])
        .collect();
    assert!(!got.contains(&"All") && !got.contains(&"Rural"), "{got:?}");
    assert!(got.contains(&"Surrey") && got.contains(&"Leeds"), "{got:?}");
}

#[test]
fn find_mentions_leaves_out_a_role_that_opens_the_sentence() {
    let p = vec![
        "Rapper 50 Cent has sold more albums than anyone this year.".to_string(),
        "Fly-half Jonny Wilkinson kicked the goals for England at Twickenham.".to_string(),
    ];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[m.span.paragraph][m.span.range()])
        .collect();
    assert!(
        !got.contains(&"Rapper") && !got.contains(&"Fly-half"),
        "{got:?}"
    );
    assert!(got.contains(&"Twickenham"), "{got:?}");
}

#[test]
fn breaks_name_keeps_the_small_words_of_names() {
    for word in ["of", "van", "al", "&", "de"] {
        assert!(!breaks_name(word), "{word}");
    }
    for word in ["is", "said", "was"] {
        assert!(breaks_name(word), "{word}");
    }
    assert!(!breaks_name("al-Assad") && !breaks_name("McDonald"));
}

#[test]
fn find_mentions_leaves_out_prefixed_adjectives() {
    let p = vec!["The anti-Assad rebels and pro-Kremlin media met in Geneva.".to_string()];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[0][m.span.range()])
        .collect();
    assert!(!got.iter().any(|m| m.contains('-')), "{got:?}");
    assert!(is_prefixed_adjective("anti-Assad") && !is_prefixed_adjective("al-Assad"));
}

/// What the rule layer finds (the tagger is tested in its own module).
fn found(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
    let paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    rule_mentions(&paragraphs, &tokens::split_paragraphs(&paragraphs))
        .into_iter()
        .map(|m| {
            (
                paragraphs[m.span.paragraph][m.span.range()].to_string(),
                m.kind,
                m.canonical,
            )
        })
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _, _)| s).collect()
}

fn kind_of(text: &str, surface: &str) -> Option<EntityKind> {
    found(text)
        .into_iter()
        .find(|(s, _, _)| s == surface)
        .map(|(_, k, _)| k)
}

#[test]
fn rule_mentions_strips_demonym_and_title_before_a_person() {
    let f = found("Chilean President Gabriela Montoya arrived in Lima on Monday.");
    assert_eq!(
        f,
        vec![
            ("Chilean".into(), EntityKind::Other, None),
            ("Gabriela Montoya".into(), EntityKind::Person, None),
            ("Lima".into(), EntityKind::Place, None),
        ]
    );
    assert_eq!(
        surfaces("Foreign Minister Tomas Vargenholt resigned."),
        ["Tomas Vargenholt"]
    );
    assert_eq!(
        kind_of(
            "Foreign Minister Tomas Vargenholt resigned.",
            "Tomas Vargenholt"
        ),
        Some(EntityKind::Person)
    );
}

#[test]
fn rule_mentions_splits_after_an_organisation_word() {
    let f = found("A spokesman for the Northern Fisheries Council Maria Delgado spoke.");
    assert_eq!(
        f[0],
        (
            "Northern Fisheries Council".into(),
            EntityKind::Organization,
            None
        )
    );
    assert_eq!(f[1], ("Maria Delgado".into(), EntityKind::Person, None));
}

#[test]
fn rule_mentions_defines_acronyms_in_parentheses() {
    let f = found("Officers of the Coastal Patrol Service (CPS) met. The CPS declined.");
    assert_eq!(
        f[0],
        (
            "Coastal Patrol Service".into(),
            EntityKind::Organization,
            None
        )
    );
    assert_eq!(f[1], ("CPS".into(), EntityKind::Organization, None));
    assert_eq!(f[2].0, "CPS");
}

#[test]
fn rule_mentions_keeps_alternate_spellings_out_of_junk() {
    let f = found("Crowds marked Nowruz (Norooz) Day in the capital.");
    assert_eq!(
        f,
        vec![(
            "Nowruz (Norooz) Day".into(),
            EntityKind::Other,
            Some("Nowruz Day".into())
        )]
    );
    let f = found("He flew to Kyiv (Kiev) yesterday.");
    assert_eq!(f[0].0, "Kyiv");
    assert_eq!(
        f[1],
        ("Kiev".into(), EntityKind::Place, Some("Kyiv".into()))
    );
    // A parenthesis that is no other spelling stays apart: "S Bennett (Kent)".
    assert!(
        found("Referee: S Bennett (Kent). R Williams (Wales) scored.")
            .iter()
            .all(|(_, _, c)| c.is_none())
    );
}

#[test]
fn rule_mentions_splits_a_demonym_before_a_name() {
    assert_eq!(
        surfaces("Chilean Rosa Quintero won."),
        ["Chilean", "Rosa Quintero"]
    );
    assert_eq!(
        surfaces("It told the US Department of Justice."),
        ["US Department of Justice"]
    );
}

#[test]
fn rule_mentions_joins_numbers_after_org_words() {
    assert_eq!(
        surfaces("It aired on Channel 4 and on 3 channels."),
        ["Channel 4"]
    );
}

#[test]
fn rule_mentions_joins_of_only_after_a_lone_org_word() {
    assert_eq!(
        surfaces("The Bank of England raised rates."),
        ["Bank of England"]
    );
    assert_eq!(
        kind_of("The Ministry of Defence said so.", "Ministry of Defence"),
        Some(EntityKind::Organization)
    );
    assert_eq!(
        surfaces("He praised the Harbour Guard of the Vestmark."),
        ["Harbour Guard", "Vestmark"]
    );
}

#[test]
fn rule_mentions_drops_sentence_initial_ordinary_words() {
    assert!(
        surfaces("However, the plan failed. Some said so. Today's news. According to them.")
            .is_empty()
    );
    assert!(surfaces("\u{201c}Since then we have waited,\u{201d} he said.").is_empty());
    assert_eq!(
        surfaces("In Lima, officials met. The Andean Trade Commission agreed."),
        ["Lima", "Andean Trade Commission"]
    );
}

#[test]
fn rule_mentions_ignores_days_months_and_lone_titles() {
    assert!(surfaces("On Sunday in March the President spoke to the Prime Minister.").is_empty());
}

#[test]
fn rule_mentions_excludes_possessives_and_stray_apostrophes() {
    assert_eq!(
        surfaces("Peru's economy and Chile' state media and Bolivia’s mines."),
        ["Peru", "Chile", "Bolivia"]
    );
}

#[test]
fn rule_mentions_uses_gazetteer_places_demonyms_and_epithets() {
    let f =
        found("The United Arab Emirates and the Islamic Republic signed. Some Iranians cheered.");
    assert_eq!(
        f[0],
        ("United Arab Emirates".into(), EntityKind::Place, None)
    );
    assert_eq!(
        f[1],
        (
            "Islamic Republic".into(),
            EntityKind::Place,
            Some("Iran".into())
        )
    );
    assert_eq!(f[2], ("Iranians".into(), EntityKind::Other, None));
    assert_eq!(
        found("Peru-backed talks")[0],
        ("Peru".into(), EntityKind::Place, None)
    );
}

#[test]
fn rule_mentions_reads_person_cues() {
    assert_eq!(
        kind_of("Later, Okonkwo said the vote was fair.", "Okonkwo"),
        Some(EntityKind::Person)
    );
    assert_eq!(
        kind_of("The deal pleased Okonkwo, who smiled.", "Okonkwo"),
        Some(EntityKind::Person)
    );
    assert_eq!(
        kind_of("The ship docked in Varnholt yesterday.", "Varnholt"),
        Some(EntityKind::Place)
    );
}

#[test]
fn rule_mentions_keeps_names_with_particles_and_hyphens() {
    assert_eq!(
        surfaces("Yesterday Rafael de la Vega met Omar al-Tamimi."),
        ["Rafael de la Vega", "Omar al-Tamimi"]
    );
}

#[test]
fn rule_mentions_gives_a_name_its_surest_kind_everywhere() {
    // "Okonkwo" alone has no cue; the full name with a first name makes it a person.
    let text = "Okonkwo criticised the plan.\n\nLater, Grace Okonkwo left.";
    assert_eq!(kind_of(text, "Okonkwo"), Some(EntityKind::Person));
    // A sentence-initial word that is a surname in the article comes back.
    let text = "Mr Gordon Brown spoke.\n\nBrown left early.";
    assert_eq!(surfaces(text), ["Gordon Brown", "Brown"]);
}

#[test]
fn rule_mentions_skips_headlines_in_capitals() {
    assert!(surfaces("SOCCER - LEADING RESULTS FROM SUNDAY").is_empty());
}

#[test]
fn rule_mentions_reads_long_runs_of_capitalised_words_in_one_pass() {
    // Each word of a run used to cost a scan of the rest of the run, and a
    // trailing title or abbreviation a recursive call each: 50,000 of them
    // overflowed the stack.
    let texts = |paragraph: String| {
        let paragraphs = vec![paragraph];
        let found = rule_mentions(&paragraphs, &tokens::split_paragraphs(&paragraphs));
        found.into_iter().map(|c| c.text).collect::<Vec<_>>()
    };
    for word in ["MPs", "President"] {
        let run = format!("{word} ").repeat(50_000);
        assert_eq!(
            texts(format!("The talks ended. Smith {run}spoke.")),
            ["Smith"]
        );
    }
    let demonyms = texts("Syrian Iranian ".repeat(50_000));
    assert_eq!(demonyms.len(), 100_000);
    // Words after a long run of opening brackets still start the sentence.
    let names = texts(format!(
        "Talks. {}{}",
        "( ".repeat(50_000),
        "Bob ( ".repeat(1_000)
    ));
    assert_eq!(names.len(), 1_000);
}

/// The scans [`RunIndex`] stands in for, as `classify_part` wrote them.
fn scanned_title_len(words: &[&str]) -> Option<usize> {
    let mut last_head = None;
    for (k, w) in words.iter().enumerate() {
        match gazetteer::title(w) {
            Some(TitleRole::Head) => last_head = Some(k + 1),
            Some(TitleRole::Modifier) => {}
            None => break,
        }
    }
    last_head
}

fn scanned_org_split(rest: &[&str]) -> Option<usize> {
    (1..rest.len().saturating_sub(1)).find(|&k| {
        gazetteer::is_org_word(rest[k])
            && (gazetteer::is_first_name(rest[k + 1]) || gazetteer::title(rest[k + 1]).is_some())
    })
}

fn scanned_first_name(rest: &[&str]) -> Option<usize> {
    (1..rest.len().saturating_sub(1)).find(|&k| {
        gazetteer::is_first_name(rest[k])
            && rest[..k].iter().all(|w| {
                let share = gazetteer::lowercase_share(w).unwrap_or(0);
                gazetteer::title(w).is_some()
                    || share >= 90
                    || (share >= 50 && !gazetteer::is_first_name(w))
            })
    })
}

proptest::proptest! {
    #[test]
    fn run_index_answers_like_a_scan_of_the_rest(
        picks in proptest::collection::vec(0usize..16, 0..14)
    ) {
        const WORDS: [&str; 16] = [
            "President", "Mr", "Foreign", "Minister", "Council", "Bank", "Ali", "John",
            "The", "House", "Smith", "MPs", "Syrian", "Prime", "Party", "New",
        ];
        let words: Vec<&str> = picks.iter().map(|&p| WORDS[p]).collect();
        let run = RunIndex::new(words.len(), |p| words[p]);
        for from in 0..words.len() {
            for to in from + 1..=words.len() {
                let rest = &words[from..to];
                proptest::prop_assert_eq!(run.title_len(from, to), scanned_title_len(rest));
                proptest::prop_assert_eq!(run.org_split(from, to), scanned_org_split(rest));
                proptest::prop_assert_eq!(
                    run.first_name_after_ordinary(from, to),
                    scanned_first_name(rest)
                );
            }
        }
    }
}

#[test]
fn a_name_split_at_a_sentence_start_joins_its_one_word_spelling() {
    let text = "Profits at media group QuillStone rose.\n\nQuill Stone said on Friday it would grow. \
                QuillStone shares rose.";
    let ps: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    let found = find_mentions(&ps);
    let split: Vec<&RawMention> = found
        .iter()
        .filter(|m| ps[m.span.paragraph][m.span.range()].ends_with("Stone"))
        .collect();
    for m in &split {
        let text = &ps[m.span.paragraph][m.span.range()];
        assert!(
            text == "Quill Stone" || text == "QuillStone",
            "{text}: {found:?}"
        );
        assert_ne!(m.kind, EntityKind::Person, "{found:?}");
    }
}

#[test]
fn find_mentions_leaves_a_possessive_that_opens_the_sentence_out_of_a_name() {
    let p = vec![
        "Elvis Presley fans gathered in Memphis on Saturday.".to_string(),
        "His Graceland home drew 600,000 visitors last year.".to_string(),
    ];
    let got: Vec<&str> = find_mentions(&p)
        .iter()
        .map(|m| &p[m.span.paragraph][m.span.range()])
        .collect();
    assert!(got.contains(&"Graceland"), "{got:?}");
    assert!(!got.iter().any(|m| m.starts_with("His")), "{got:?}");
}

#[test]
fn find_mentions_takes_a_nationality_for_no_person() {
    let p = vec!["Scot Chris Hoy won gold. The Scot said he was thrilled.".to_string()];
    let scot: Vec<EntityKind> = find_mentions(&p)
        .iter()
        .filter(|m| &p[0][m.span.range()] == "Scot")
        .map(|m| m.kind)
        .collect();
    assert!(!scot.is_empty(), "no mention of Scot");
    assert!(scot.iter().all(|&k| k != EntityKind::Person), "{scot:?}");
}

#[test]
fn a_name_behind_an_arabic_article_is_found_without_the_tagger() {
    // Through the tagger and the rules: a body's name by default, a place's
    // when the gazetteer knows the name behind the article.
    let mentions = |text: &str| -> Vec<(String, EntityKind)> {
        let paragraphs = vec![text.to_string()];
        find_mentions(&paragraphs)
            .into_iter()
            .map(|m| (paragraphs[0][m.span.range()].to_string(), m.kind))
            .collect()
    };
    let names = mentions("Fighters loyal to al-Qaeda left al-Mosul on Monday.");
    assert!(
        names.contains(&("al-Qaeda".to_string(), EntityKind::Organization)),
        "{names:?}"
    );
    assert!(
        names.contains(&("al-Mosul".to_string(), EntityKind::Place)),
        "{names:?}"
    );
    // Lower-case words with a hyphen are no names.
    assert!(mentions("The al-fresco dinner was an all-out success.").is_empty());
}

#[test]
fn a_listed_firm_or_a_brand_the_tagger_missed_is_an_organisation_but_not_an_ordinary_word() {
    let ps = vec![
        "Spotify shares fell on Monday.".to_string(),
        "Uber said it would appeal.".to_string(),
        "Conservative Shadow chancellor Oliver Letwin said the plan was costly.".to_string(),
        "He met the Ghost Writer Tom Jones there.".to_string(),
    ];
    let found = find_mentions_in(&ps, &tokens::split_paragraphs(&ps));
    let text = |m: &RawMention| &ps[m.span.paragraph][m.span.range()];
    for firm in ["Spotify", "Uber"] {
        assert!(
            found
                .iter()
                .any(|m| text(m) == firm && m.kind == EntityKind::Organization),
            "{firm}: {found:?}"
        );
    }
    // "Shadow" and "Ghost" are brands too, and ordinary words: a capital says
    // nothing of them.
    assert!(
        !found.iter().any(|m| matches!(text(m), "Shadow" | "Ghost")),
        "{found:?}"
    );
}

#[test]
fn a_listed_firm_opening_a_run_before_the_person_the_tagger_found_is_kept() {
    let ps = vec![
        "Tesla Chief Executive Elon Musk tweeted that the carmaker would build a factory."
            .to_string(),
        "Planet Earth presenter David Attenborough returned.".to_string(),
    ];
    let found = find_mentions_in(&ps, &tokens::split_paragraphs(&ps));
    let text = |m: &RawMention| &ps[m.span.paragraph][m.span.range()];
    assert!(
        found
            .iter()
            .any(|m| text(m) == "Tesla" && m.kind == EntityKind::Organization),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| text(m) == "Elon Musk" && m.kind == EntityKind::Person),
        "{found:?}"
    );
    // Not an ordinary word before a place ("Planet" of "Planet Earth").
    assert!(!found.iter().any(|m| text(m) == "Planet"), "{found:?}");
}
