//! The quotes view: everything one entity said across the collection, newest
//! first, or every quote of the open article grouped by speaker. It sits over
//! the panes like the other overlays; its cursor moves by quote, Enter goes to
//! the quote in its article and `y` asks for it to be copied to the clipboard.
//!
//! The quotes of an entity come from the collection index (which keeps, for
//! each speaker, the article and span of every quote), so the view works for
//! any article, analysed recently or not; the words are read from the store.

use super::geometry::Geometry;
use super::{App, Focus, Handled, Overlay, count, movement, step};
use crate::action::Action;
use crate::model::Span;
use std::collections::HashMap;

/// Most lines of one quote the view shows; a longer one ends in "…".
const MOST_LINES: usize = 6;

/// What the view lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotesOf {
    /// Everything this entity (canonical name) said, across the collection.
    Speaker(String),
    /// Every quote of this article, by speaker.
    Article(usize),
}

/// One quote in the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteItem {
    pub article: usize,
    pub span: Span,
    /// Canonical name of who said it, if known.
    pub speaker: Option<String>,
}

/// One line of the view as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteLine {
    /// A speaker's name over their quotes (article view).
    Heading(String),
    /// A line of quote `item`'s words.
    Words {
        item: usize,
        text: String,
    },
    /// Who said quote `item` and where: speaker, article title, date.
    Source {
        item: usize,
        text: String,
    },
    Blank,
}

impl QuoteLine {
    /// The quote this line belongs to, if any.
    pub fn item(&self) -> Option<usize> {
        match self {
            QuoteLine::Words { item, .. } | QuoteLine::Source { item, .. } => Some(*item),
            QuoteLine::Heading(_) | QuoteLine::Blank => None,
        }
    }
}

/// The view's state.
#[derive(Debug, Clone, Default)]
pub(super) struct QuotesView {
    of: Option<QuotesOf>,
    /// The entity to come back to when switching from the article's quotes.
    entity: Option<String>,
    items: Vec<QuoteItem>,
    /// Laid out at the overlay's width.
    lines: Vec<QuoteLine>,
    /// First line of each item.
    starts: Vec<usize>,
    /// Selected item.
    cursor: usize,
    /// First line showing.
    top: usize,
}

impl QuotesView {
    pub(super) fn lines(&self) -> &[QuoteLine] {
        &self.lines
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    pub(super) fn cursor(&self) -> Option<usize> {
        (!self.items.is_empty()).then_some(self.cursor)
    }

    pub(super) fn of(&self) -> Option<&QuotesOf> {
        self.of.as_ref()
    }

    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    /// Moves the cursor by `delta` quotes and scrolls so that the whole quote
    /// shows when it fits.
    fn move_by(&mut self, delta: isize, geometry: &Geometry) {
        self.cursor = step(self.cursor, delta, self.items.len().saturating_sub(1));
        self.keep_cursor_visible(geometry);
    }

    /// Puts the cursor on quote `item` (clamped) and scrolls to it.
    pub(super) fn move_to(&mut self, item: usize, geometry: &Geometry) {
        self.cursor = item.min(self.items.len().saturating_sub(1));
        self.keep_cursor_visible(geometry);
    }

    fn keep_cursor_visible(&mut self, geometry: &Geometry) {
        let rows = geometry.overlay_rows().max(1);
        let max_top = self.lines.len().saturating_sub(rows);
        let Some(&start) = self.starts.get(self.cursor) else {
            self.top = self.top.min(max_top);
            return;
        };
        let end = self
            .starts
            .get(self.cursor + 1)
            .map_or(self.lines.len(), |&next| next);
        // A heading just above the first quote of a speaker shows with it.
        let start = match start.checked_sub(1).and_then(|l| self.lines.get(l)) {
            Some(QuoteLine::Heading(_)) => start - 1,
            _ => start,
        };
        if start < self.top {
            self.top = start;
        } else if end > self.top + rows {
            self.top = end.saturating_sub(rows).min(start);
        }
        self.top = self.top.min(max_top);
    }
}

impl App {
    /// `"`: opens the quotes of the entity under the sidebar cursor (when the
    /// sidebar has the focus) or of the selected entity; with neither, the
    /// open article's quotes by speaker.
    pub(super) fn show_quotes(&mut self) {
        let entity = match self.focus {
            Focus::Sidebar => self.sidebar_cursor_entity(),
            _ => None,
        }
        .or_else(|| self.selected.clone());
        let of = match entity {
            Some(name) => QuotesOf::Speaker(name),
            None if self.body.article_data().is_some() => QuotesOf::Article(self.body.index()),
            None => {
                self.status = Some("No article is open.".to_string());
                return;
            }
        };
        self.quotes.entity = match &of {
            QuotesOf::Speaker(name) => Some(name.clone()),
            QuotesOf::Article(_) => None,
        };
        self.open_quotes(of);
        self.overlays.show(Overlay::Quotes);
    }

    /// The canonical name of the entity under the sidebar cursor.
    fn sidebar_cursor_entity(&self) -> Option<String> {
        let row = self.sidebar_row(self.sidebar_cursor_row()?)?;
        match row {
            super::SidebarRow::Entity { name, .. } => Some(name),
            super::SidebarRow::Heading { .. } => None,
        }
    }

    /// Fills the view with `of`'s quotes, cursor on the first.
    fn open_quotes(&mut self, of: QuotesOf) {
        let items = match &of {
            QuotesOf::Speaker(name) => self.quotes_said_by(name),
            QuotesOf::Article(article) => self.quotes_in_open_article(*article),
        };
        self.quotes.items = items;
        self.quotes.of = Some(of);
        self.quotes.cursor = 0;
        self.quotes.top = 0;
        self.lay_out_quotes();
    }

    /// What `name` said across the collection: newest article first (undated
    /// ones last, later-loaded first), in text order within an article.
    fn quotes_said_by(&self, name: &str) -> Vec<QuoteItem> {
        let mut refs = self.index().quotes_of(name).to_vec();
        let date = |article: u32| self.dates.get(article as usize).copied().flatten();
        refs.sort_by(|a, b| {
            (date(b.article).is_some().cmp(&date(a.article).is_some()))
                .then(date(b.article).cmp(&date(a.article)))
                .then(b.article.cmp(&a.article))
                .then(a.cmp(b))
        });
        refs.dedup();
        refs.into_iter()
            .filter(|q| (q.article as usize) < self.articles.len())
            .map(|q| QuoteItem {
                article: q.article as usize,
                span: q.span(),
                speaker: Some(name.to_string()),
            })
            .collect()
    }

    /// The open article's quotes grouped by speaker: those who said most
    /// first (ties: who spoke first), unattributed quotes last; text order
    /// within a speaker.
    fn quotes_in_open_article(&self, article: usize) -> Vec<QuoteItem> {
        let Some((_, analysis)) = self.body.article_data() else {
            return Vec::new();
        };
        let mut said: HashMap<Option<&str>, (usize, usize)> = HashMap::new();
        for (position, quote) in analysis.quotes.iter().enumerate() {
            let entry = said
                .entry(analysis.speaker_name(quote))
                .or_insert((0, position));
            entry.0 += 1;
        }
        let mut items: Vec<(usize, QuoteItem)> = analysis
            .quotes
            .iter()
            .enumerate()
            .map(|(position, quote)| {
                let speaker = analysis.speaker_name(quote);
                let item = QuoteItem {
                    article,
                    span: quote.span,
                    speaker: speaker.map(str::to_string),
                };
                (position, item)
            })
            .collect();
        items.sort_by_key(|(position, item)| {
            let speaker = item.speaker.as_deref();
            let (quotes, first) = said.get(&speaker).copied().unwrap_or((0, 0));
            (
                speaker.is_none(),
                std::cmp::Reverse(quotes),
                first,
                *position,
            )
        });
        items.into_iter().map(|(_, item)| item).collect()
    }

    /// Lays the view's quotes out at the overlay's width.
    pub(super) fn lay_out_quotes(&mut self) {
        let width = usize::from(self.geometry.overlay.inner().width)
            .saturating_sub(4)
            .max(8);
        let by_speaker = matches!(self.quotes.of, Some(QuotesOf::Article(_)));
        let mut lines = Vec::new();
        let mut starts = Vec::with_capacity(self.quotes.items.len());
        let mut last_speaker: Option<Option<&str>> = None;
        for (item, quote) in self.quotes.items.iter().enumerate() {
            let speaker = quote.speaker.as_deref();
            if by_speaker && last_speaker != Some(speaker) {
                if last_speaker.is_some() {
                    lines.push(QuoteLine::Blank);
                }
                let heading = speaker.unwrap_or("Speaker unknown").to_string();
                lines.push(QuoteLine::Heading(heading));
                last_speaker = Some(speaker);
            } else if item > 0 {
                lines.push(QuoteLine::Blank);
            }
            starts.push(lines.len());
            let words = self.quote_words(quote);
            let ranges = crate::reflow::wrap(&words, width);
            let cut = ranges.len() > MOST_LINES;
            for (n, range) in ranges.iter().take(MOST_LINES).enumerate() {
                let mut text = words.get(range.clone()).unwrap_or("").to_string();
                if cut && n + 1 == MOST_LINES {
                    text.push('…');
                }
                lines.push(QuoteLine::Words { item, text });
            }
            let text = self.quote_source(quote, !by_speaker);
            lines.push(QuoteLine::Source { item, text });
        }
        self.quotes.lines = lines;
        self.quotes.starts = starts;
        self.quotes.keep_cursor_visible(&self.geometry);
    }

    /// The quoted words, in typographic quotation marks, without the comma
    /// that joins a quote to "he said" (as `lede quotes` prints them).
    fn quote_words(&self, quote: &QuoteItem) -> String {
        let text = self.articles.get(quote.article).map(|a| a.text());
        let paragraph = (text.as_ref())
            .and_then(|t| t.paragraphs().nth(quote.span.paragraph))
            .unwrap_or("");
        let words = paragraph.get(quote.span.range()).unwrap_or("").trim();
        let words = words.trim_end_matches(',');
        format!("“{words}”")
    }

    /// "— Speaker, Title · 3 Dec" (the speaker left out when the view is
    /// grouped by speaker).
    fn quote_source(&self, quote: &QuoteItem, with_speaker: bool) -> String {
        let Some(article) = self.articles.get(quote.article) else {
            return String::new();
        };
        let mut text = String::from("— ");
        if with_speaker {
            text.push_str(quote.speaker.as_deref().unwrap_or("speaker unknown"));
            text.push_str(", ");
        }
        text.push_str(article.title());
        if let Some(date) = article.date() {
            text.push_str(" · ");
            text.push_str(&crate::date::short(date));
        }
        text
    }

    /// Carries out `action` while the quotes view is open; movement moves its
    /// cursor, Enter goes to the quote, `"` switches between the entity's and
    /// the article's quotes, `y` copies, Esc closes. Quit is left to the app.
    pub(super) fn apply_in_quotes(&mut self, action: Action) -> Handled {
        if self.overlays.shown() != Some(Overlay::Quotes) || action == Action::Quit {
            return Handled::Ignored;
        }
        let page = self.geometry.overlay_rows().max(1) / 3;
        if let Some(delta) = movement(action, page.max(1)) {
            self.quotes.move_by(delta, &self.geometry);
            return Handled::Consumed;
        }
        match action {
            Action::GoToQuote => {
                // Opened as by Enter: its reading time starts.
                let before = self.reading_before();
                self.go_to_listed_quote();
                self.reading_after(Action::OpenArticle, before);
            }
            Action::CopyQuote => self.copy_listed_quote(),
            Action::ShowQuotes => self.switch_quotes(),
            Action::Back | Action::ShowHelp | Action::ShowSkipped => self.overlays.close(),
            _ => {}
        }
        Handled::Consumed
    }

    /// `"` in the view: from an entity's quotes to the open article's, and back.
    fn switch_quotes(&mut self) {
        let next = match (&self.quotes.of, &self.quotes.entity) {
            (Some(QuotesOf::Speaker(_)), _) if self.body.article_data().is_some() => {
                QuotesOf::Article(self.body.index())
            }
            (Some(QuotesOf::Article(_)), Some(name)) => QuotesOf::Speaker(name.clone()),
            _ => {
                self.status = Some("No other quotes to switch to.".to_string());
                return;
            }
        };
        self.open_quotes(next);
    }

    /// Enter: closes the view, opens the quote's article and goes to the quote.
    fn go_to_listed_quote(&mut self) {
        let Some(quote) = self.quotes.items.get(self.quotes.cursor).cloned() else {
            return;
        };
        self.overlays.close();
        if quote.article != self.body.index() || self.body.article_data().is_none() {
            self.open_article(quote.article);
        }
        self.focus = Focus::Body;
        let speaker = quote.speaker.as_deref().unwrap_or("speaker unknown");
        let note = self.body.go_to_quote_span(quote.span, &self.geometry);
        self.status = Some(note.unwrap_or_else(|| format!("Quote — {speaker}")));
    }

    /// y: asks for the quote under the cursor, with who said it and where, to
    /// be copied to the clipboard (by the terminal loop, through the terminal).
    fn copy_listed_quote(&mut self) {
        let Some(quote) = self.quotes.items.get(self.quotes.cursor) else {
            return;
        };
        if !self.config.clipboard {
            self.status =
                Some("Copying is off (clipboard = false in the config file).".to_string());
            return;
        }
        let mut text = format!(
            "{} — {}",
            self.quote_words(quote),
            quote.speaker.as_deref().unwrap_or("speaker unknown")
        );
        if let Some(article) = self.articles.get(quote.article) {
            text.push_str(&format!("\n{}", article.title()));
            if let Some(url) = article.url() {
                text.push_str(&format!("\n{url}"));
            }
        }
        self.requests.copy = Some(text);
        self.status = Some("Quote copied to the clipboard.".to_string());
    }

    /// The title of the quotes view.
    pub fn quotes_title(&self) -> String {
        let n = count(self.quotes.len(), "quote");
        match self.quotes.of() {
            Some(QuotesOf::Speaker(name)) => format!("{name}: {n}, newest first"),
            Some(QuotesOf::Article(_)) => format!("This article: {n} by speaker"),
            None => String::new(),
        }
    }

    /// The quotes view's lines.
    pub fn quote_lines(&self) -> &[QuoteLine] {
        self.quotes.lines()
    }

    /// First line of the quotes view showing.
    pub fn quotes_top(&self) -> usize {
        self.quotes.top()
    }

    /// The quote under the view's cursor.
    pub fn quotes_cursor(&self) -> Option<usize> {
        self.quotes.cursor()
    }
}
