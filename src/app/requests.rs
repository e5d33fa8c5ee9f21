//! What the reader asks of the world outside its state: open the article's
//! link in a browser (`o`), load every source again (`R`), fetch an article's
//! full text (`F`), search the collection (`:` and a query). The app only records a request and says so in the status
//! line; the terminal loop ([`crate::tui`]) takes the link and runs the
//! browser, and hands the rest to the background ([`crate::pipeline::Reader::serve`]).

use super::App;
use crate::opener;

/// Work the reader asks the background for, taken with
/// [`App::take_background_requests`] and served by the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackgroundRequests {
    /// Load every source again (files, feeds, pages).
    pub reload: bool,
    /// Fetch the full text behind these articles' links, as (article index,
    /// `http(s)://` link); the result comes back through
    /// [`App::replace_article`].
    pub full_articles: Vec<(usize, String)>,
    /// Search the collection for this query (`:`); the matches come back
    /// through [`App::found`].
    pub search: Option<String>,
}

impl BackgroundRequests {
    /// Whether nothing is asked for.
    pub fn is_empty(&self) -> bool {
        !self.reload && self.full_articles.is_empty() && self.search.is_none()
    }
}

/// The requests not yet taken.
#[derive(Debug, Clone, Default)]
pub(super) struct Requests {
    /// A link to open in the browser.
    open: Option<String>,
    /// Text to copy to the clipboard (the quotes view's `y`).
    pub(super) copy: Option<String>,
    background: BackgroundRequests,
    /// The query of the last search asked for, until its answer comes (an
    /// earlier search's answer is dropped).
    pub(super) search_sent: Option<String>,
    /// The answer came and has not been drawn: drawn at once, as a key's frame is.
    pub(super) search_answered: bool,
}

impl App {
    /// The open article's link, if it is an `http(s)://` one; else the status
    /// line says why not.
    fn web_link(&mut self) -> Option<String> {
        let url = self
            .body
            .article_data()
            .and_then(|(article, _)| article.url.clone());
        if let Some(why) = opener::refusal(url.as_deref()) {
            self.status = Some(why);
            return None;
        }
        url.map(|u| u.trim().to_string())
    }

    /// o: asks for the open article's link to be opened in the browser.
    pub(super) fn open_link(&mut self) {
        if let Some(url) = self.web_link() {
            self.status = Some(format!("opening {url}"));
            self.requests.open = Some(url);
        }
    }

    /// R: asks the background to load every source again.
    pub(super) fn reload(&mut self) {
        self.requests.background.reload = true;
        self.status = Some("reloading…".to_string());
    }

    /// F: asks the background for the open article's full text.
    pub(super) fn fetch_full_article(&mut self) {
        let index = self.body.index();
        if let Some(url) = self.web_link() {
            let full = &mut self.requests.background.full_articles;
            if !full.iter().any(|(i, _)| *i == index) {
                full.push((index, url));
            }
            self.status = Some("fetching the full article…".to_string());
        }
    }

    /// `:` and a query: asks the background for the matching articles
    /// (they come back through [`App::found`]).
    pub(super) fn search_collection(&mut self, query: &str) {
        self.requests.background.search = Some(query.to_string());
        self.requests.search_sent = Some(query.to_string());
        self.status = Some(format!("searching the collection for “{query}”…"));
    }

    /// The search asked for could not be passed on (the background is
    /// gone): no answer is awaited.
    pub fn search_not_sent(&mut self) {
        self.requests.search_sent = None;
    }

    /// Whether the answer to a search across the collection is awaited (the
    /// terminal loop then looks for it often).
    pub fn waiting_for_search(&self) -> bool {
        self.requests.search_sent.is_some()
    }

    /// Whether a search's answer came since the last call: the list it
    /// narrowed is drawn at once, like a key's frame (the background's other
    /// news wait for the next redraw).
    pub fn take_search_answered(&mut self) -> bool {
        std::mem::take(&mut self.requests.search_answered)
    }

    /// The link `o` asked to open, once; the caller runs the browser
    /// ([`crate::opener::command`]) and reports a failure with
    /// [`App::set_status`].
    pub fn take_open_request(&mut self) -> Option<String> {
        self.requests.open.take()
    }

    /// The text `y` asked to copy to the clipboard, once; the caller writes
    /// it through the terminal (OSC 52).
    pub fn take_copy_request(&mut self) -> Option<String> {
        self.requests.copy.take()
    }

    /// What `R` and `F` asked of the background since the last call, once.
    pub fn take_background_requests(&mut self) -> BackgroundRequests {
        std::mem::take(&mut self.requests.background)
    }

    /// Shows `message` in the status line until the next action (for what
    /// happens outside the app, such as a browser that would not start).
    pub fn set_status(&mut self, message: String) {
        self.status = Some(message);
    }
}
