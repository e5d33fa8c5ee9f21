//! Tests of the corrections file: reading every kind of correction, bad lines
//! reported with their place and skipped, each correction applied to an
//! analysis and to a collection index, and the keys' edits keeping comments.

use super::write::Edit;
use super::*;
use crate::analysis::index::CollectionIndex;
use crate::model::{Analysis, Entity, EntityKind, Quote, Span};

const EXAMPLE: &str = r#"# my fixes
["Tony Blair"]
merge = ["Blair"]          # Mr Blair is the prime minister

["Ali Khamenei"]
kind = "person"
aliases = ["the Supreme Leader"]

[Chelsea]
kind = "organization"

[REUTER]
hide = true

[US]
split = { "Universal Studio" = "organization" }
"#;

#[test]
fn parse_reads_every_kind_of_correction() {
    let (c, problems) = parse::parse(EXAMPLE, "entities.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        c.merges.get("Blair").map(String::as_str),
        Some("Tony Blair")
    );
    assert_eq!(c.kinds.get("Chelsea"), Some(&EntityKind::Organization));
    assert_eq!(c.kinds.get("Ali Khamenei"), Some(&EntityKind::Person));
    assert!(c.hidden.contains("REUTER"));
    assert_eq!(
        c.aliases,
        [("the Supreme Leader".to_string(), "Ali Khamenei".to_string())]
    );
    assert_eq!(
        c.splits,
        [Split {
            from: "US".into(),
            alias: "Universal Studio".into(),
            kind: EntityKind::Organization
        }]
    );
}

#[test]
fn merge_chains_end_at_their_last_entity() {
    let text = "[\"Mr Blair\"]\nmerge = \"Blair\"\n[\"Tony Blair\"]\nmerge = [\"Mr Blair\"]\n";
    let (c, problems) = parse::parse(text, "f");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(c.name("Blair"), "Tony Blair");
    assert_eq!(c.name("Mr Blair"), "Tony Blair");
    assert_eq!(c.name("Tony Blair"), "Tony Blair");
}

#[test]
fn bad_lines_are_reported_with_their_place_and_skipped() {
    let text = r#"Stray = 3
[Chelsea]
kind = "club"
[Oscar]
kind = "other"
colour = "red"
[REUTER]
hide = "yes"
[Blair]
merge = ["Blair"]
[A]
merge = ["B"]
[B]
merge = ["A"]
[US]
split = { "Universal Studio" = "studio" }
"#;
    let (c, problems) = parse::parse(text, "entities.toml");
    let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        places,
        [(1, 9), (3, 8), (6, 1), (8, 8), (10, 10), (14, 10), (16, 32)],
        "{problems:#?}"
    );
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(messages[0].contains("expected a table"), "{messages:?}");
    assert!(
        messages[1].starts_with("entities.toml:3:8: unknown kind \"club\""),
        "{messages:?}"
    );
    assert!(messages[2].contains("unknown key"), "{messages:?}");
    assert!(
        messages[3].contains("expected true or false"),
        "{messages:?}"
    );
    assert!(
        messages[4].contains("cannot merge into itself"),
        "{messages:?}"
    );
    assert!(
        messages[5].contains("merge cycle (A → B → A)"),
        "{messages:?}"
    );
    assert!(
        messages[6].contains("unknown kind \"studio\""),
        "{messages:?}"
    );
    // The good lines still apply.
    assert_eq!(c.kinds.get("Oscar"), Some(&EntityKind::Other));
    assert_eq!(c.name("B"), "A");
    assert!(!c.kinds.contains_key("Chelsea") && c.hidden.is_empty() && c.splits.is_empty());
}

#[test]
fn a_damaged_file_applies_nothing_and_says_where() {
    let (c, problems) = parse::parse("[Chelsea\nkind = \"organization\"\n", "entities.toml");
    assert!(c.is_empty());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 1);
    assert!(
        problems[0].message.contains("not valid TOML"),
        "{problems:?}"
    );
}

#[test]
fn load_without_a_file_is_no_correction_and_no_problem() {
    let dir = std::env::temp_dir().join(format!("lede-corr-none-{}", std::process::id()));
    let (c, problems) = load(&dir.join("entities.toml"));
    assert!(c.is_empty() && problems.is_empty());
}

/// An article and its analysis, as the analysis would give them.
fn article() -> (Vec<String>, Analysis) {
    let p = vec![
        "Mr Blair met the Supreme Leader in Tehran. REUTER".to_string(),
        "\"We talked,\" Blair said. Tony Blair flew to the US and saw Universal Studio."
            .to_string(),
    ];
    let span = |para: usize, text: &str| {
        let start = p[para].find(text).expect("in the text");
        Span::new(para, start, start + text.len())
    };
    let entity = |name: &str, kind, mentions: Vec<Span>| Entity {
        name: name.into(),
        kind,
        aliases: vec![name.into()],
        mentions,
    };
    let analysis = Analysis {
        evidence: Vec::new(),
        entities: vec![
            entity(
                "Blair",
                EntityKind::Person,
                vec![span(0, "Blair"), span(1, "Blair said")],
            ),
            entity(
                "Tony Blair",
                EntityKind::Person,
                vec![span(1, "Tony Blair")],
            ),
            entity("REUTER", EntityKind::Person, vec![span(0, "REUTER")]),
            entity(
                "Supreme Leader",
                EntityKind::Person,
                vec![span(0, "Supreme Leader")],
            ),
            entity("Tehran", EntityKind::Place, vec![span(0, "Tehran")]),
            entity(
                "US",
                EntityKind::Place,
                vec![span(1, "US"), span(1, "Universal Studio")],
            ),
        ],
        quotes: vec![Quote {
            span: span(1, "We talked,"),
            speaker: Some(0),
        }],
    };
    // "Blair said": only the name.
    let mut analysis = analysis;
    analysis.entities[0].mentions[1].end = analysis.entities[0].mentions[1].start + 5;
    (p, analysis)
}

fn names(a: &Analysis) -> Vec<(&str, EntityKind, usize)> {
    a.entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind, e.mentions.len()))
        .collect()
}

#[test]
fn apply_merges_aliases_kinds_hides_and_splits_an_analysis() {
    let (p, mut a) = article();
    let (c, _) = parse::parse(EXAMPLE, "f");
    c.apply(&p, &mut a);
    let got = names(&a);
    assert!(
        got.contains(&("Tony Blair", EntityKind::Person, 3)),
        "{got:?}"
    );
    assert!(
        got.contains(&("Ali Khamenei", EntityKind::Person, 1)),
        "{got:?}"
    );
    assert!(got.contains(&("US", EntityKind::Place, 1)), "{got:?}");
    assert!(
        got.contains(&("Universal Studio", EntityKind::Organization, 1)),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(n, ..)| ["Blair", "REUTER", "Supreme Leader"].contains(n)),
        "{got:?}"
    );
    // The quote's speaker followed the merge.
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Tony Blair"));
    // The phrase took the place of the shorter mention inside it.
    let khamenei = a
        .entities
        .iter()
        .find(|e| e.name == "Ali Khamenei")
        .expect("added");
    let m = khamenei.mentions[0];
    assert_eq!(&p[m.paragraph][m.range()], "the Supreme Leader");
    // Sorted as the analysis sorts: kind, then mentions.
    assert_eq!(a.entities[0].name, "Tony Blair");
    // Applying again changes nothing.
    let once = a.clone();
    c.apply(&p, &mut a);
    assert_eq!(a, once);
}

#[test]
fn an_alias_inside_a_longer_mention_or_part_of_a_word_is_not_marked() {
    let p = vec!["Supreme Leaders met. The Supreme Leader Ali spoke.".to_string()];
    let long = "The Supreme Leader Ali";
    let start = p[0].find(long).expect("there");
    let mut a = Analysis {
        evidence: Vec::new(),
        entities: vec![Entity {
            name: "Ali".into(),
            kind: EntityKind::Person,
            aliases: vec![long.into()],
            mentions: vec![Span::new(0, start, start + long.len())],
        }],
        quotes: Vec::new(),
    };
    let (c, _) = parse::parse("[Khamenei]\naliases = [\"Supreme Leader\"]\n", "f");
    c.apply(&p, &mut a);
    assert_eq!(names(&a), [("Ali", EntityKind::Person, 1)]);
}

#[test]
fn a_hidden_speaker_leaves_its_quotes_without_one() {
    let (p, mut a) = article();
    let (c, _) = parse::parse("[Blair]\nhide = true\n", "f");
    c.apply(&p, &mut a);
    assert_eq!(a.quotes[0].speaker, None);
}

#[test]
fn apply_to_index_follows_the_file() {
    let (p, a) = article();
    let other = Analysis {
        evidence: Vec::new(),
        entities: vec![Entity {
            name: "Blair".into(),
            kind: EntityKind::Person,
            aliases: vec!["Blair".into()],
            mentions: vec![Span::new(0, 0, 5)],
        }],
        quotes: Vec::new(),
    };
    let texts = [p, vec!["Blair spoke.".to_string()]];
    let mut index = CollectionIndex::build(&[a, other]);
    let (c, _) = parse::parse(EXAMPLE, "f");
    let hits = |phrase: &str| {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i, apply::count_phrase(t, phrase)))
            .filter(|&(_, n)| n > 0)
            .collect()
    };
    c.apply_to_index(&mut index, &hits);
    let blair = index.get("Tony Blair").expect("merged");
    assert_eq!(blair.articles, [0, 1]);
    assert!(index.get("Blair").is_none() && index.get("REUTER").is_none());
    assert_eq!(
        index.get("Ali Khamenei").map(|e| e.kind),
        Some(EntityKind::Person)
    );
    let studio = index.get("Universal Studio").expect("split");
    assert_eq!(
        (studio.kind, studio.mentions),
        (EntityKind::Organization, 1)
    );
    assert_eq!(index.get("US").map(|e| e.mentions), Some(1));
    let sorted: Vec<&str> = index.sorted().map(|e| e.name.as_str()).collect();
    assert_eq!(sorted.first(), Some(&"Tony Blair"), "{sorted:?}");
    assert!(!sorted.contains(&"REUTER"), "{sorted:?}");
    // The names again (after a reload) change nothing more.
    let before: Vec<_> = index.sorted().cloned().collect();
    c.apply_names_to_index(&mut index);
    assert_eq!(index.sorted().cloned().collect::<Vec<_>>(), before);
}

#[test]
fn edits_keep_comments_and_order() {
    let text = "# mine\n[Chelsea] # the club\nkind = \"person\"\n\n[\"Tony Blair\"]\nmerge = \"Mr Blair\"\n";
    let text = Edit::Kind("Chelsea".into(), EntityKind::Organization)
        .apply_to(text)
        .expect("edits");
    let text = Edit::Merge {
        from: "Blair".into(),
        into: "Tony Blair".into(),
    }
    .apply_to(&text)
    .expect("edits");
    let text = Edit::Hide("REUTER".into()).apply_to(&text).expect("edits");
    assert_eq!(
        text,
        "# mine\n[Chelsea] # the club\nkind = \"organization\"\n\n[\"Tony Blair\"]\nmerge = [\"Mr Blair\", \"Blair\"]\n\n[REUTER]\nhide = true\n"
    );
    let (c, problems) = parse::parse(&text, "f");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(c.name("Blair"), "Tony Blair");
    assert!(Edit::Hide("X".into()).apply_to("[broken").is_err());
}

#[test]
fn edit_file_writes_atomically_and_restores() {
    let dir = std::env::temp_dir().join(format!("lede-corr-edit-{}", std::process::id()));
    let path = dir.join("lede").join("entities.toml");
    let before = write::edit_file(&path, &Edit::Hide("REUTER".into())).expect("written");
    assert_eq!(before, None);
    let (c, problems) = load(&path);
    assert!(problems.is_empty() && c.hidden.contains("REUTER"));
    write::restore_file(&path, before.as_deref()).expect("restored");
    assert!(!path.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_entity_named_by_an_alias_phrase_joins_its_entity_in_the_index() {
    let p = vec!["The Supreme Leader spoke.".to_string()];
    let a = Analysis {
        evidence: Vec::new(),
        entities: vec![Entity {
            name: "Supreme Leader".into(),
            kind: EntityKind::Person,
            aliases: vec!["Supreme Leader".into()],
            mentions: vec![Span::new(0, 4, 18)],
        }],
        quotes: Vec::new(),
    };
    let (c, _) = parse::parse("[\"Ali Khamenei\"]\naliases = [\"Supreme Leader\"]\n", "f");
    let mut index = CollectionIndex::build(std::slice::from_ref(&a));
    let hits = |phrase: &str| vec![(0, apply::count_phrase(&p, phrase))];
    c.apply_to_index(&mut index, &hits);
    assert!(index.get("Supreme Leader").is_none());
    let khamenei = index.get("Ali Khamenei").expect("joined");
    assert_eq!(
        (khamenei.kind, khamenei.articles.as_slice()),
        (EntityKind::Person, &[0][..])
    );
    let mut a = a;
    c.apply(&p, &mut a);
    assert_eq!(names(&a), [("Ali Khamenei", EntityKind::Person, 1)]);
}
