//! The promises every [`Analysis`] keeps about its spans, as one checkable
//! function. Not part of the pipeline: the property tests and the fuzz target
//! (`src/fuzz/`) call [`check`] on whatever the analysis produced, so a broken
//! promise shows up as a failing case rather than a slice panic in the UI.

use crate::model::{Analysis, Article, Span};

/// Checks `analysis` against `article`: every mention and quote lies inside
/// its paragraph, on character boundaries; mentions are non-empty; each
/// entity's mentions are in text order without overlapping; quotes are in
/// text order without overlapping; speakers point at existing entities.
/// Returns the first broken promise, described for a test failure.
///
/// # Errors
///
/// A description of the first span that breaks a promise.
pub fn check(article: &Article, analysis: &Analysis) -> Result<(), String> {
    for (e, entity) in analysis.entities.iter().enumerate() {
        let what = |i: usize| format!("entity {e} ({:?}) mention {i}", entity.name);
        check_sequence(article, &entity.mentions, true, what)?;
    }
    let spans: Vec<Span> = analysis.quotes.iter().map(|q| q.span).collect();
    check_sequence(article, &spans, false, |i| format!("quote {i}"))?;
    for (i, quote) in analysis.quotes.iter().enumerate() {
        if let Some(speaker) = quote.speaker
            && speaker >= analysis.entities.len()
        {
            return Err(format!(
                "quote {i} has speaker {speaker}, but there are {} entities",
                analysis.entities.len()
            ));
        }
    }
    Ok(())
}

/// Checks that `spans` each slice their paragraph (non-empty when
/// `non_empty`) and follow one another in text order without overlap.
fn check_sequence(
    article: &Article,
    spans: &[Span],
    non_empty: bool,
    what: impl Fn(usize) -> String,
) -> Result<(), String> {
    let mut previous: Option<Span> = None;
    for (i, span) in spans.iter().enumerate() {
        let Some(paragraph) = article.paragraphs.get(span.paragraph) else {
            return Err(format!(
                "{}: {span:?} names paragraph {} of {}",
                what(i),
                span.paragraph,
                article.paragraphs.len()
            ));
        };
        if span.start > span.end || (non_empty && span.start == span.end) {
            return Err(format!("{}: {span:?} is empty or reversed", what(i)));
        }
        if paragraph.get(span.range()).is_none() {
            return Err(format!(
                "{}: {span:?} does not slice a paragraph of {} bytes on char boundaries",
                what(i),
                paragraph.len()
            ));
        }
        if let Some(before) = previous
            && (before.paragraph, before.end) > (span.paragraph, span.start)
        {
            return Err(format!(
                "{}: {span:?} starts before the previous span {before:?} ends",
                what(i)
            ));
        }
        previous = Some(*span);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Quote};
    use proptest::prelude::*;

    /// Pieces that exercise the analysis: names, titles, acronyms, speech
    /// verbs, every quotation mark and apostrophe, and non-Latin text.
    const PIECES: &[&str] = &[
        "Mara",
        "Voss",
        "Jon Hale",
        "President",
        "Ada Quill",
        "the Harbor Council",
        "IRGC",
        "(IRGC)",
        "Revolutionary Guard",
        "Tehran",
        "Iran's",
        "Syria",
        "al-Assad",
        "bin",
        "van",
        "said",
        "told",
        "the BBC",
        "according to",
        "he",
        "she",
        "claimed",
        "Monday",
        "The",
        "However",
        "\"",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "‹",
        "›",
        "„",
        "'90s",
        "players’",
        ",",
        ".",
        ":",
        ";",
        "?",
        "!",
        "…",
        "-",
        "—",
        "(",
        ")",
        "[",
        "]",
        "é",
        "Café",
        "中文",
        "北京",
        "🙂",
        "e\u{301}",
        "Zoë",
        "ΑΘΗΝΑ",
        "Москва",
        "١٢٣",
        " ",
        " ",
        "  ",
        "\u{a0}",
        "x",
        "a.",
        "Mr.",
        "U.S.",
        "Dr",
        "St",
        "1980-1988",
    ];

    /// Paragraphs of 0–40 pieces, joined by nothing or spaces at random.
    fn paragraphs() -> impl Strategy<Value = Vec<String>> {
        let piece = prop::sample::select(PIECES);
        let paragraph = prop::collection::vec((piece, any::<bool>()), 0..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(p, spaced)| {
                    if spaced {
                        format!("{p} ")
                    } else {
                        p.to_string()
                    }
                })
                .collect::<String>()
        });
        prop::collection::vec(paragraph, 1..5)
    }

    fn article_of(paragraphs: Vec<String>) -> Article {
        Article {
            paragraphs,
            ..Article::default()
        }
    }

    #[test]
    fn analyse_survives_wide_white_space_before_a_name() {
        // Found by the property tests below: a speaker rule stepped one byte
        // past a multi-byte space (U+00A0, U+2000) and sliced inside it.
        for text in [
            "MaraMara\u{a0}……Ada Quill",
            "\u{a0})Jon Hale",
            "\u{2000}{BF",
        ] {
            let article = article_of(vec![text.to_string()]);
            let analysis = crate::analysis::analyse(&article);
            assert_eq!(check(&article, &analysis), Ok(()), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn analyse_keeps_every_span_promise_on_newsy_text(paragraphs in paragraphs()) {
            let article = article_of(paragraphs);
            let analysis = crate::analysis::analyse(&article);
            prop_assert_eq!(check(&article, &analysis), Ok(()));
        }

        #[test]
        fn analyse_collection_keeps_every_span_promise_after_unifying(
            texts in prop::collection::vec(paragraphs(), 1..4),
        ) {
            let articles: Vec<Article> = texts.into_iter().map(article_of).collect();
            let analyses = crate::analysis::analyse_collection(&articles);
            prop_assert_eq!(analyses.len(), articles.len());
            for (article, analysis) in articles.iter().zip(&analyses) {
                prop_assert_eq!(check(article, analysis), Ok(()));
            }
        }

        #[test]
        fn analyse_keeps_every_span_promise_on_any_text(
            paragraphs in prop::collection::vec(any::<String>(), 1..4),
        ) {
            let article = article_of(paragraphs);
            let analysis = crate::analysis::analyse(&article);
            prop_assert_eq!(check(&article, &analysis), Ok(()));
        }
    }

    fn article() -> Article {
        Article {
            paragraphs: vec!["Café Voss said so.".to_string(), "Again.".to_string()],
            ..Article::default()
        }
    }

    fn with_mentions(mentions: Vec<Span>) -> Analysis {
        Analysis {
            entities: vec![Entity {
                name: "Voss".to_string(),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                mentions,
            }],
            quotes: Vec::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn check_accepts_ordered_spans_inside_paragraphs() {
        let analysis = Analysis {
            quotes: vec![Quote {
                span: Span::new(1, 0, 5),
                speaker: Some(0),
            }],
            ..with_mentions(vec![Span::new(0, 6, 10), Span::new(1, 0, 5)])
        };
        assert_eq!(check(&article(), &analysis), Ok(()));
    }

    #[test]
    fn check_reports_each_broken_promise() {
        let cases = [
            ("outside", vec![Span::new(0, 6, 99)], "does not slice"),
            ("mid-character", vec![Span::new(0, 4, 6)], "char boundaries"),
            (
                "no paragraph",
                vec![Span::new(2, 0, 1)],
                "names paragraph 2",
            ),
            ("empty", vec![Span::new(0, 6, 6)], "empty or reversed"),
            (
                "overlap",
                vec![Span::new(0, 6, 10), Span::new(0, 8, 12)],
                "starts before",
            ),
            (
                "order",
                vec![Span::new(1, 0, 5), Span::new(0, 6, 10)],
                "starts before",
            ),
        ];
        for (name, mentions, expected) in cases {
            let error = check(&article(), &with_mentions(mentions)).unwrap_err();
            assert!(error.contains(expected), "{name}: {error}");
        }
        let bad_speaker = Analysis {
            quotes: vec![Quote {
                span: Span::new(1, 0, 5),
                speaker: Some(3),
            }],
            ..Analysis::default()
        };
        let error = check(&article(), &bad_speaker).unwrap_err();
        assert!(error.contains("speaker 3"), "{error}");
    }
}
