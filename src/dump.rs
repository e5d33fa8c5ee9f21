//! `lede dump`: the analysis of each article as one JSON object per line, in the
//! schema the evaluation scripts read (documented in the README). Offsets are
//! UTF-8 byte offsets into `paragraphs[paragraph]`, end exclusive; quote spans
//! exclude the quotation marks.

use crate::model::{Analysis, Article, Span};
use serde::Serialize;
use std::io;

/// One line of the dump: borrowed views of the article and its analysis.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    source_path: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    paragraphs: &'a [String],
    quotes: Vec<QuoteRecord<'a>>,
    entities: Vec<EntityRecord<'a>>,
    removed: &'a [String],
}

#[derive(Serialize)]
struct QuoteRecord<'a> {
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityRecord<'a> {
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    mentions: Vec<MentionRecord<'a>>,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> MentionRecord<'a> {
    fn new(article: &'a Article, span: &Span) -> Self {
        MentionRecord {
            paragraph: span.paragraph,
            start: span.start,
            end: span.end,
            text: span.text(article),
        }
    }
}

/// Serialises one article and its analysis as a single JSON line (without the newline).
pub fn record_json(article: &Article, analysis: &Analysis) -> String {
    let record = Record {
        id: &article.id,
        source_path: &article.source_path,
        title: &article.title,
        source: article.source.as_deref(),
        date: article.date.as_deref(),
        url: article.url.as_deref(),
        paragraphs: &article.paragraphs,
        quotes: analysis
            .quotes
            .iter()
            .map(|q| {
                let m = MentionRecord::new(article, &q.span);
                QuoteRecord {
                    paragraph: m.paragraph,
                    start: m.start,
                    end: m.end,
                    text: m.text,
                    speaker: analysis.speaker_name(q),
                }
            })
            .collect(),
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityRecord {
                name: &e.name,
                kind: e.kind.as_str(),
                aliases: &e.aliases,
                mentions: e
                    .mentions
                    .iter()
                    .map(|s| MentionRecord::new(article, s))
                    .collect(),
            })
            .collect(),
        removed: &article.removed,
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

/// Treats a closed pipe (`lede dump | head`) as a normal end.
pub(crate) fn quiet_broken_pipe(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Quote};

    fn sample() -> (Article, Analysis) {
        let article = Article {
            id: "a.txt".into(),
            source_path: "a.txt".into(),
            title: "Mayor speaks".into(),
            paragraphs: vec!["\"We will build it,\" Mayor Jane Holt said in Tórshavn.".into()],
            removed: vec!["Share this".into()],
            ..Article::default()
        };
        let p = &article.paragraphs[0];
        let holt = p.find("Jane Holt").unwrap_or(0);
        let town = p.find("Tórshavn").unwrap_or(0);
        let analysis = Analysis {
            entities: vec![
                Entity {
                    name: "Jane Holt".into(),
                    kind: EntityKind::Person,
                    aliases: vec!["Jane Holt".into()],
                    mentions: vec![Span::new(0, holt, holt + "Jane Holt".len())],
                },
                Entity {
                    name: "Tórshavn".into(),
                    kind: EntityKind::Place,
                    aliases: vec!["Tórshavn".into()],
                    mentions: vec![Span::new(0, town, town + "Tórshavn".len())],
                },
            ],
            quotes: vec![Quote {
                span: Span::new(0, 1, 18),
                speaker: Some(0),
            }],
            evidence: Vec::new(),
        };
        (article, analysis)
    }

    #[test]
    fn record_json_follows_the_schema() {
        let (article, analysis) = sample();
        let v: serde_json::Value =
            serde_json::from_str(&record_json(&article, &analysis)).expect("valid JSON");
        let keys: Vec<&str> = v
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = [
            "id",
            "source_path",
            "title",
            "source",
            "date",
            "url",
            "paragraphs",
            "quotes",
            "entities",
            "removed",
        ];
        expected.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, expected);
        assert_eq!(v["source"], serde_json::Value::Null);
        assert_eq!(v["quotes"][0]["text"], "We will build it,");
        assert_eq!(v["quotes"][0]["speaker"], "Jane Holt");
        assert_eq!(v["entities"][1]["kind"], "place");
        assert_eq!(v["entities"][1]["mentions"][0]["text"], "Tórshavn");
        assert_eq!(v["removed"][0], "Share this");
    }

    #[test]
    fn mention_offsets_are_utf8_bytes_into_the_paragraph() {
        let (article, analysis) = sample();
        let v: serde_json::Value =
            serde_json::from_str(&record_json(&article, &analysis)).expect("valid JSON");
        let m = &v["entities"][1]["mentions"][0];
        let (s, e) = (
            m["start"].as_u64().unwrap_or(0) as usize,
            m["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            &article.paragraphs[0].as_bytes()[s..e],
            "Tórshavn".as_bytes()
        );
    }

    #[test]
    fn record_json_is_one_line_of_valid_json() {
        let (article, analysis) = sample();
        let line = record_json(&article, &analysis);
        assert!(!line.contains('\n'), "one record, one line");
        let value: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(value["id"], serde_json::Value::from(article.id.as_str()));
    }

    #[test]
    fn record_json_offsets_slice_the_sanitised_paragraphs() {
        // Markers wider than what they replace, tabs that expand, soft hyphens
        // and zero-width characters that vanish: all before names and quotes,
        // so every offset after them depends on the sanitised text.
        let text = "\x1b[31m\u{202e}Mara\u{ad} Vo\u{200b}ss\tsaid:\t\"We\x07 will \u{9b}1m build,\" \
                    as the Harbor Council met in East\u{ad}port.\n\n\
                    \x1b]0;x\x07\"No decision\u{2066} today,\" Voss told\tthe Gazette\x08 in Eastport.";
        let bytes = format!("Hostile headline\n\n{text}");
        let (articles, _) =
            crate::loader::parse_file("hostile.txt", bytes.as_bytes()).expect("loads");
        let analyses = crate::analysis::analyse_collection(&articles);
        let v: serde_json::Value =
            serde_json::from_str(&record_json(&articles[0], &analyses[0])).expect("valid JSON");
        let paragraphs: Vec<&str> = v["paragraphs"]
            .as_array()
            .expect("paragraphs")
            .iter()
            .map(|p| p.as_str().expect("a string"))
            .collect();
        assert!(
            paragraphs[0].starts_with("␛⇄Mara Voss said:   \"We␇ will ␛ build,\""),
            "{:?}",
            paragraphs[0]
        );
        assert!(paragraphs[0].ends_with("in Eastport."));
        for p in &paragraphs {
            assert!(!p.chars().any(crate::sanitize::is_forbidden), "{p:?}");
        }
        let spans = v["quotes"].as_array().expect("quotes").iter().chain(
            v["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .flat_map(|e| e["mentions"].as_array().expect("mentions")),
        );
        let mut seen = Vec::new();
        for span in spans {
            let at = |key: &str| span[key].as_u64().expect("a number") as usize;
            let paragraph = paragraphs[at("paragraph")];
            let sliced = paragraph
                .get(at("start")..at("end"))
                .expect("on char boundaries");
            assert_eq!(sliced, span["text"].as_str().expect("text"));
            seen.push(sliced.to_string());
        }
        for expected in [
            "Mara Voss",
            "Harbor Council",
            "Eastport",
            "We␇ will ␛ build,",
            "No decision⇄ today,",
        ] {
            assert!(
                seen.iter().any(|s| s == expected),
                "{expected:?} not in {seen:?}"
            );
        }
    }
}
