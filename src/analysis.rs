//! The analysis step: from an [`Article`]'s paragraphs to its quotes (with
//! speakers) and entities (with aliases merged). Pure functions, no IO.
//!
//! Per article: [`quotes`] finds quoted speech, [`entities`] finds name
//! mentions (rules plus the [`gazetteer`]; [`initials`] joins "J" to "Hayes",
//! [`works`] keeps "Hide and Seek" one title, [`lineups`] reads a team
//! sheet's names as people, [`premodifiers`] cuts "Holders" off "Holders
//! Manchester United"), [`nested`] splits "A of the B"
//! into two organisations where the article shows B alone, [`coordinated`]
//! splits two works joined by "and" where one is named alone, [`repeats`] finds the article's
//! names again where they were missed, [`terms`] drops acronyms the article
//! spells out in ordinary words ("digital rights management (DRM)"), [`aliases`] merges mentions of the
//! same thing into one [`Entity`], and [`speakers`] attributes each quote.
//! Across the collection, [`index`] unifies canonical names and records which
//! articles mention each entity.

pub mod aliases;
pub mod coordinated;
pub mod entities;
pub mod furniture;
pub mod gazetteer;
pub mod index;
pub mod initials;
pub mod invariants;
pub mod kinds;
pub mod language;
pub mod laws;
pub mod lineups;
pub mod lone_surnames;
pub mod merges;
pub mod models;
pub mod names;
pub mod nested;
pub mod particles;
pub mod premodifiers;
pub mod products;
pub mod quotes;
pub mod repeats;
pub mod speakers;
pub mod speaking;
pub mod stage_names;
pub mod tagger;
pub mod terms;
pub mod tokens;
pub mod works;

use crate::model::{Analysis, Article, Quote};

/// Analyses one article: entities first (speakers are chosen among them), then quotes.
pub fn analyse(article: &Article) -> Analysis {
    let paragraphs = &article.paragraphs;
    let quote_spans = quotes::find_quotes(paragraphs);
    let (entities, evidence, speakers) = if language::reads_as_english(paragraphs) {
        // Tokenised once, read by the entity finder and the speaker finder.
        let split = tokens::split_paragraphs(paragraphs);
        let (entities, evidence) = find_entities(paragraphs, &split);
        let speakers = speakers::attribute_in(paragraphs, &split, &quote_spans, &entities);
        (entities, evidence, speakers)
    } else {
        // Another language's text keeps its quotes, unattributed: the tagger
        // and the speech patterns read English only.
        (Vec::new(), Vec::new(), vec![None; quote_spans.len()])
    };
    let quotes = quote_spans
        .iter()
        .zip(speakers)
        .map(|(q, speaker)| Quote {
            span: q.span,
            speaker,
        })
        .collect();
    Analysis {
        entities,
        quotes,
        evidence,
    }
}

/// The entities of one article's paragraphs, with the kind cues each has:
/// mentions found, split where one name holds two, found again where missed,
/// merged, then given the kind the article's own evidence clearly shows.
pub fn find_entities(
    paragraphs: &[String],
    split: &[tokens::Tokenized],
) -> (Vec<crate::model::Entity>, Vec<crate::model::KindEvidence>) {
    let mut mentions = entities::find_mentions_in(paragraphs, split);
    nested::join_purposes(paragraphs, &mut mentions);
    nested::extend_over_and(paragraphs, &mut mentions);
    nested::split_nested(paragraphs, &mut mentions);
    coordinated::split_coordinated(paragraphs, &mut mentions);
    nested::join_named_whole(paragraphs, &mut mentions);
    repeats::add_repeats(paragraphs, split, &mut mentions);
    terms::drop_spelled_out_terms(paragraphs, split, &mut mentions);
    speaking::speaking_places_are_people(paragraphs, &mut mentions);
    particles::keep_particles(paragraphs, &mut mentions);
    let mut entities = aliases::merge(paragraphs, mentions);
    let mut evidence = kinds::evidence(paragraphs, &entities);
    kinds::apply(&mut entities, &mut evidence);
    lone_surnames::join_to_people(&mut entities, &mut evidence);
    (entities, evidence)
}

/// Analyses every article, spread over the available cores, keeping article
/// order, then unifies entity names across the collection ([`index::unify`]).
pub fn analyse_collection(articles: &[Article]) -> Vec<Analysis> {
    let mut analyses = analyse_each(articles);
    index::unify(&mut analyses);
    analyses
}

/// Analyses every article on its own, in parallel.
fn analyse_each(articles: &[Article]) -> Vec<Analysis> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, articles.len().max(1));
    let chunk = articles.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = articles
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(analyse).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    /// The seed article through the real loader and the whole analysis.
    fn seed() -> (Article, Analysis) {
        let bytes = include_bytes!("../assets/sample/iran-syria.txt");
        let (mut articles, _) =
            crate::loader::parse_file("iran-syria.txt", bytes).expect("the seed loads");
        let article = articles.remove(0);
        let analysis = analyse_collection(std::slice::from_ref(&article)).remove(0);
        (article, analysis)
    }

    #[test]
    fn seed_article_gives_every_expected_entity_once() {
        let (_, analysis) = seed();
        let expected = [
            (EntityKind::Person, "Ali Khamenei"),
            (EntityKind::Person, "Bashar al-Assad"),
            (EntityKind::Person, "Ebrahim Raisi"),
            (EntityKind::Person, "Ghasem Soleimani"),
            (EntityKind::Person, "Hossein Amir-Abdollahian"),
            (EntityKind::Person, "Ali Shamkhani"),
            (EntityKind::Person, "Hassan Rouhani"),
            (EntityKind::Person, "Mohammad-Javad Zarif"),
            (EntityKind::Organization, "IRGC"),
            (EntityKind::Organization, "Qods Force"),
            (EntityKind::Organization, "Nour News"),
            (
                EntityKind::Organization,
                "Supreme National Security Council",
            ),
            (EntityKind::Place, "Iran"),
            (EntityKind::Place, "Syria"),
            (EntityKind::Place, "Tehran"),
            (EntityKind::Place, "Damascus"),
            (EntityKind::Place, "Israel"),
            (EntityKind::Place, "UAE"),
            (EntityKind::Place, "Russia"),
            (EntityKind::Place, "Ukraine"),
            (EntityKind::Place, "Iraq"),
            (EntityKind::Place, "Baghdad"),
            (EntityKind::Place, "Moscow"),
            // Written around a parenthesis, "Qods (Quds) Day": one name, not the place "Qods".
            (EntityKind::Other, "Qods Day"),
        ];
        for (kind, name) in expected {
            let found: Vec<_> = analysis
                .entities
                .iter()
                .filter(|e| e.name == name)
                .collect();
            assert_eq!(found.len(), 1, "{name} should be one entry");
            assert_eq!(found[0].kind, kind, "{name}");
        }
        let khamenei = analysis.entities.iter().find(|e| e.name == "Ali Khamenei");
        let aliases = khamenei.map(|e| e.aliases.clone()).unwrap_or_default();
        assert!(
            aliases.contains(&"Supreme Leader".to_string()),
            "{aliases:?}"
        );
        assert!(aliases.contains(&"Khamenei".to_string()), "{aliases:?}");
        let irgc = analysis.entities.iter().find(|e| e.name == "IRGC");
        assert!(irgc.is_some_and(|e| e.aliases.contains(&"Revolutionary Guard".to_string())));
        let iran = analysis.entities.iter().find(|e| e.name == "Iran");
        assert!(iran.is_some_and(|e| e.aliases.contains(&"Islamic Republic".to_string())));
        // No junk: sentence-initial words, days, months, titles, boilerplate.
        for e in &analysis.entities {
            for junk in [
                "Some",
                "Today",
                "However",
                "Sunday",
                "Sports",
                "News",
                "President",
                "March",
                "January",
                "February",
                "Since",
                "According",
                "Referring",
            ] {
                assert!(
                    !e.aliases
                        .iter()
                        .any(|a| a == junk || a.starts_with("Sports")),
                    "junk entity {e:?}"
                );
            }
        }
    }

    #[test]
    fn seed_article_gives_all_eight_quotes_with_speakers() {
        let (article, analysis) = seed();
        let quotes: Vec<(&str, Option<&str>)> = analysis
            .quotes
            .iter()
            .map(|q| (q.span.text(&article), analysis.speaker_name(q)))
            .collect();
        let expected = [
            ("Today's Syria", "Ali Khamenei"),
            ("Some leaders of countries", "Ali Khamenei"),
            ("However, people of the same countries", "Ali Khamenei"),
            ("special zeal for Syria", "Ali Khamenei"),
            ("very serious about the issue of Syria", "Ali Khamenei"),
            (
                "Some believe that Iran's support for the \"Resistance Axis\"",
                "Ali Khamenei",
            ),
            (
                "strategic relations between Iran and Syria",
                "Bashar al-Assad",
            ),
            ("dominating the entire region", "Bashar al-Assad"),
        ];
        assert_eq!(quotes.len(), expected.len(), "{quotes:#?}");
        for ((text, speaker), (start, who)) in quotes.iter().zip(expected) {
            assert!(
                text.starts_with(start),
                "{text:?} should start with {start:?}"
            );
            assert_eq!(*speaker, Some(who), "speaker of {text:?}");
        }
    }

    #[test]
    fn an_article_in_another_language_keeps_its_quotes_and_gets_no_entities() {
        let text = "Crisis en el gobierno\n\n\u{ab}No vamos a ceder\u{bb}, dijo el ministro de \
            Econom\u{ed}a, Alberto Fern\u{e1}ndez, en Buenos Aires. Adem\u{e1}s, los mercados \
            cayeron por la incertidumbre en el sector de la energ\u{ed}a y del petr\u{f3}leo para \
            las empresas que no tienen una estrategia clara con el gobierno de la naci\u{f3}n.\n";
        let (mut articles, _) =
            crate::loader::parse_file("crisis.txt", text.as_bytes()).expect("loads");
        let analysis = analyse(&articles.remove(0));
        assert!(analysis.entities.is_empty(), "{:?}", analysis.entities);
        assert_eq!(analysis.quotes.len(), 1);
        assert_eq!(analysis.quotes[0].speaker, None);
    }
}
