//! Test fixtures: articles with hand-made analyses, so the app and ui can be
//! tested without the analysis step. Entities find their mentions by whole-word
//! substring search of their surface forms; quotes are given by their text.
//! The people and places are fictional.

use crate::app::App;
use crate::model::{Analysis, Article, Entity, EntityKind, Quote, Span};

/// Builds one article and its analysis.
pub struct ArticleBuilder {
    article: Article,
    entities: Vec<(String, EntityKind, Vec<String>)>,
    quotes: Vec<(String, Option<String>)>,
}

/// Starts an article with a title and paragraphs.
pub fn article(title: &str, paragraphs: &[&str]) -> ArticleBuilder {
    ArticleBuilder {
        article: Article {
            id: format!("{title}.txt"),
            source_path: format!("{}.txt", title.to_lowercase().replace(' ', "-")),
            title: title.to_string(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        },
        entities: Vec::new(),
        quotes: Vec::new(),
    }
}

impl ArticleBuilder {
    /// Sets the source and date.
    pub fn meta(mut self, source: Option<&str>, date: Option<&str>) -> Self {
        self.article.source = source.map(str::to_string);
        self.article.date = date.map(str::to_string);
        self
    }

    /// Sets the link.
    pub fn url(mut self, url: &str) -> Self {
        self.article.url = Some(url.to_string());
        self
    }

    /// Adds an entity; its mentions are the whole-word occurrences of `forms`.
    pub fn entity(mut self, name: &str, kind: EntityKind, forms: &[&str]) -> Self {
        let forms = forms.iter().map(|f| f.to_string()).collect();
        self.entities.push((name.to_string(), kind, forms));
        self
    }

    /// Adds a quote: the first occurrence of `text`, said by the entity `speaker`.
    pub fn quote(mut self, text: &str, speaker: Option<&str>) -> Self {
        self.quotes
            .push((text.to_string(), speaker.map(str::to_string)));
        self
    }

    pub fn build(self) -> (Article, Analysis) {
        let paragraphs = &self.article.paragraphs;
        let mut entities: Vec<Entity> = self
            .entities
            .iter()
            .map(|(name, kind, forms)| {
                let mut mentions: Vec<Span> = forms
                    .iter()
                    .flat_map(|form| find_words(paragraphs, form))
                    .collect();
                // Longest first at equal starts; drop "Voss" inside "Mara Voss".
                mentions.sort_by_key(|s| (s.paragraph, s.start, std::cmp::Reverse(s.end)));
                let mut kept: Vec<Span> = Vec::new();
                for span in mentions {
                    if kept.last().is_none_or(|last| {
                        last.paragraph != span.paragraph || last.end <= span.start
                    }) {
                        kept.push(span);
                    }
                }
                let mentions = kept;
                Entity {
                    name: name.clone(),
                    kind: *kind,
                    aliases: forms.clone(),
                    mentions,
                }
            })
            .filter(|e| !e.mentions.is_empty())
            .collect();
        entities.sort_by(|a, b| a.sidebar_order(b));
        let mut quotes: Vec<Quote> = self
            .quotes
            .iter()
            .map(|(text, speaker)| {
                let span = paragraphs
                    .iter()
                    .enumerate()
                    .find_map(|(i, p)| {
                        p.find(text.as_str())
                            .map(|s| Span::new(i, s, s + text.len()))
                    })
                    .unwrap_or_else(|| panic!("quote {text:?} not in the article"));
                let speaker = speaker.as_ref().map(|name| {
                    entities
                        .iter()
                        .position(|e| &e.name == name)
                        .expect("speaker")
                });
                Quote { span, speaker }
            })
            .collect();
        quotes.sort_by_key(|q| q.span);
        (
            self.article,
            Analysis {
                entities,
                quotes,
                evidence: Vec::new(),
            },
        )
    }
}

/// Whole-word occurrences of `form` in every paragraph.
fn find_words(paragraphs: &[String], form: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        for (start, _) in p.match_indices(form) {
            let end = start + form.len();
            let before = p[..start].chars().next_back();
            let after = p[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                spans.push(Span::new(i, start, end));
            }
        }
    }
    spans
}

/// Three short fictional articles sharing entities: the Harbor Council and
/// Mara Voss (articles 0 and 2), Eastport (0 and 1), Northwind (0 and 1).
pub fn collection() -> (Vec<Article>, Vec<Analysis>) {
    let people = |b: ArticleBuilder| {
        b.entity("Mara Voss", EntityKind::Person, &["Mara Voss", "Voss"])
            .entity("Jon Hale", EntityKind::Person, &["Jon Hale", "Hale"])
            .entity(
                "Harbor Council",
                EntityKind::Organization,
                &["Harbor Council"],
            )
            .entity("Eastport", EntityKind::Place, &["Eastport"])
            .entity("Northwind", EntityKind::Place, &["Northwind"])
    };
    let built = [
        people(article(
            "Harbor Council votes on the new pier",
            &[
                "The Harbor Council met on Monday in Eastport. Council chair Mara Voss opened the session with a long report on the state of the old docks, the ferry timetable and the money left in the budget.",
                "\"We will build the pier before winter,\" Voss said, adding that Eastport could not wait another year for a safe landing.",
                "Critics in Northwind called the plan \"a costly mistake\" and asked the Harbor Council to wait for the spring survey.",
                "Voss said the survey would not change the case for the pier.",
            ],
        ))
        .meta(Some("Eastport Gazette"), Some("2024-03-01"))
        .quote("We will build the pier before winter,", Some("Mara Voss"))
        .quote("a costly mistake", None)
        .build(),
        people(article(
            "Northwind ferry resumes service",
            &[
                "Ferries between Northwind and Eastport ran again on Tuesday after a week of storms.",
                "\"The crossing is safe,\" said Jon Hale, the harbour master.",
            ],
        ))
        .meta(Some("Coastal Wire"), None)
        .quote("The crossing is safe,", Some("Jon Hale"))
        .build(),
        people(article(
            "Budget talks stall",
            &[
                "Mara Voss told reporters the Harbor Council would meet again next week.",
                "\"No decision today,\" Voss said.",
            ],
        ))
        .meta(None, Some("2024-03-05"))
        .quote("No decision today,", Some("Mara Voss"))
        .build(),
    ];
    built.into_iter().unzip()
}

/// The fixture collection in an app at `width` × `height`.
pub fn app(width: u16, height: u16) -> App {
    let (articles, analyses) = collection();
    let mut app = App::new(articles, analyses, Vec::new(), Vec::new());
    app.resize(width, height);
    app
}
