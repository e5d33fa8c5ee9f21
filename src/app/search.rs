//! The reader's searches and its prompt. `/` opens the prompt for the focused
//! pane: in the body it searches the open article (every match highlighted,
//! n/N walk them and go on through the list's articles that match, Esc clears
//! it); in the list it filters by title and source as typed (`filters`); in
//! the sidebar it narrows the names as typed. `:` opens it for an article
//! number, and a count typed before `G` (`12G`) does the same. While the
//! prompt is open it gets every key: printable ones are typed.

use super::body_lines::MatchMark;
use super::prompt::{History, Outcome, Prompt};
use super::query::Query;
use super::{App, Focus, count};
use crate::action::{Action, Edit};
use crate::keymap::{Key, KeyCode};
use crate::store::StoredArticle;

/// What the open prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` in the body: search the open article.
    Body,
    /// `/` in the list: filter it by title and source, as typed.
    List,
    /// `/` in the sidebar: narrow it to the names holding the text, as typed.
    Sidebar,
    /// `:`: go to article number N, or search the collection (anything else).
    GoTo,
}

impl PromptKind {
    /// The character the prompt shows before the line.
    pub fn sigil(self) -> char {
        match self {
            PromptKind::GoTo => ':',
            _ => '/',
        }
    }

    /// What the prompt does, for the status line.
    pub fn purpose(self) -> &'static str {
        match self {
            PromptKind::Body => "search the article",
            PromptKind::List => "filter titles and sources",
            PromptKind::Sidebar => "narrow the names",
            PromptKind::GoTo => "article number, or search the collection",
        }
    }
}

/// The open prompt, as the ui draws it.
#[derive(Debug, Clone, Copy)]
pub struct PromptView<'a> {
    pub kind: PromptKind,
    pub text: &'a str,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
}

/// The search's state.
#[derive(Debug, Clone, Default)]
pub(super) struct Search {
    prompt: Option<(PromptKind, Prompt)>,
    /// The list's or sidebar's filter when the prompt opened, for Esc.
    undo: String,
    /// The body search and the body's top when the prompt opened: the
    /// search is shown as it is typed, and Esc comes back to these.
    before: Option<(Option<Query>, usize)>,
    /// Earlier searches and filters.
    history: History,
    /// Earlier article numbers.
    numbers: History,
    /// The body search.
    query: Option<Query>,
    /// The words of the search across the collection, highlighted in the
    /// open article when there is no body search (see `collection_search`).
    pub(super) words: Vec<Query>,
    /// Where each match is: `None` for the title, else its paragraph
    /// (ascending, with `marks` in the same order).
    places: Vec<Option<usize>>,
    /// The open article's matches, in reading order.
    marks: Vec<MatchMark>,
    /// The current match.
    current: Option<usize>,
    /// A count typed before a key (`12G`).
    count: Option<usize>,
}

impl Search {
    fn history(&self, kind: PromptKind) -> &History {
        if kind == PromptKind::GoTo {
            &self.numbers
        } else {
            &self.history
        }
    }

    /// The matches of one place (`None`: the title).
    fn marks_in(&self, place: Option<usize>) -> &[MatchMark] {
        let start = self.places.partition_point(|&p| p < place);
        let end = self.places.partition_point(|&p| p <= place);
        self.marks.get(start..end).unwrap_or(&[])
    }
}

impl App {
    // ----- keys -----

    /// Carries out what `key` does here: typed into the open prompt, a digit
    /// of a count (`12G`), or the key table's action. Returns the action
    /// carried out, if any.
    pub fn press(&mut self, key: Key) -> Option<Action> {
        let action = self.action_for(key);
        if self.search.prompt.is_some() {
            let action = action.or(match key.code {
                KeyCode::Char(c) if !key.ctrl => Some(Action::Edit(Edit::Insert(c))),
                _ => None,
            })?;
            self.apply(action);
            return Some(action);
        }
        if let (None, KeyCode::Char(c @ '0'..='9'), false) = (action, key.code, key.ctrl)
            && self.overlays.shown().is_none()
            && (c != '0' || self.search.count.is_some())
        {
            let digit = c as usize - '0' as usize;
            let n = self.search.count.unwrap_or(0).saturating_mul(10) + digit;
            self.search.count = Some(n.min(99_999_999));
            self.status = Some(format!("{n} (G: go to article {n})"));
            return None;
        }
        let Some(action) = action else {
            self.search.count = None;
            self.key_not_bound(&key.to_string());
            return None;
        };
        match self.search.count.take() {
            Some(n) if action == Action::MoveBottom => {
                self.status = None;
                // Opened as by Enter: its reading time starts.
                let before = self.reading_before();
                self.go_to_article(n);
                self.reading_after(Action::OpenArticle, before);
            }
            _ => self.apply(action),
        }
        Some(action)
    }

    // ----- the prompt -----

    /// `/`: opens the prompt for the focused pane's search.
    pub(super) fn open_search(&mut self) {
        let (kind, undo) = match self.focus {
            Focus::Body => (PromptKind::Body, None),
            Focus::ArticleList => (PromptKind::List, self.list.text()),
            Focus::Sidebar => (PromptKind::Sidebar, self.sidebar.narrowed()),
        };
        let undo = undo.unwrap_or_default().to_string();
        // The list and sidebar filters are edited where they stand.
        self.search.prompt = Some((kind, Prompt::with_text(&undo)));
        self.search.undo = undo;
        self.search.before = Some((self.search.query.clone(), self.body.top()));
    }

    /// `:`: opens the prompt for an article number.
    pub(super) fn open_go_to(&mut self) {
        self.search.prompt = Some((PromptKind::GoTo, Prompt::default()));
    }

    /// An editing key for the open prompt.
    pub(super) fn edit_prompt(&mut self, edit: Edit) {
        let Some((kind, mut prompt)) = self.search.prompt.take() else {
            return;
        };
        let outcome = prompt.edit(edit, self.search.history(kind));
        let typed = prompt.text().to_string();
        match outcome {
            Outcome::Same => self.search.prompt = Some((kind, prompt)),
            Outcome::Changed => {
                self.search.prompt = Some((kind, prompt));
                self.follow_typing(kind, &typed);
            }
            Outcome::Cancelled => {
                let undo = std::mem::take(&mut self.search.undo);
                self.follow_typing(kind, &undo);
                if kind == PromptKind::Body {
                    self.restore_search();
                }
            }
            Outcome::Accepted(line) => {
                let history = match kind {
                    PromptKind::GoTo => &mut self.search.numbers,
                    _ => &mut self.search.history,
                };
                history.push(&line);
                self.accept(kind, &line);
            }
        }
    }

    /// The list, the sidebar and the body follow the prompt as it is typed.
    fn follow_typing(&mut self, kind: PromptKind, text: &str) {
        match kind {
            PromptKind::List => self.filter_list_by_text(text),
            PromptKind::Sidebar => self.narrow_sidebar(text),
            PromptKind::Body => self.preview_search(text),
            PromptKind::GoTo => {}
        }
    }

    /// The body search as typed (as vim's incsearch): this article's matches
    /// highlighted, the first from where the prompt opened showing; no other
    /// article is looked at until Enter.
    fn preview_search(&mut self, text: &str) {
        let top = self.search.before.as_ref().map_or(0, |(_, top)| *top);
        self.body.set_top(top, &self.geometry);
        self.search.query = Query::new(text);
        self.find_in_open();
        if let Some(first) = self.first_match_from(top) {
            self.go_to_match(first);
        }
    }

    /// The first match at or below line `top`, else the first of all.
    fn first_match_from(&self, top: usize) -> Option<usize> {
        let lines = self.match_lines();
        lines
            .iter()
            .position(|&l| l >= top)
            .or_else(|| lines.first().map(|_| 0))
    }

    /// Esc on the body's prompt: the search and scroll from before it opened.
    fn restore_search(&mut self) {
        if let Some((query, top)) = self.search.before.take() {
            self.search.query = query;
            self.find_in_open();
            self.body.set_top(top, &self.geometry);
        }
    }

    fn accept(&mut self, kind: PromptKind, line: &str) {
        match kind {
            PromptKind::Body => {
                // From where the prompt opened, not where the preview scrolled;
                // an empty line searches again for the last search (as vim's `/` Enter).
                let before = self.search.before.take();
                if let Some((_, top)) = &before {
                    self.body.set_top(*top, &self.geometry);
                }
                let last = before.and_then(|(query, _)| query);
                match (line.is_empty(), &last) {
                    (true, Some(last)) => self.search_body(last.text()),
                    _ => self.search_body(line),
                }
            }
            PromptKind::List => {
                self.filter_list_by_text(line);
                self.status = Some(if line.is_empty() {
                    self.listing_note()
                } else if self.list.len() == 0 {
                    format!("No title or source holds “{line}” (Esc: all).")
                } else {
                    format!("{} (Esc: all).", count(self.list.len(), "article"))
                });
            }
            PromptKind::Sidebar => self.narrow_sidebar(line),
            PromptKind::GoTo => match line.trim().parse::<usize>() {
                Ok(n) => self.go_to_article(n),
                Err(_) if line.trim().is_empty() => {}
                Err(_) => self.search_collection(line.trim()),
            },
        }
    }

    /// `/` in the sidebar, as typed: only names holding `text` (all for "").
    pub(super) fn narrow_sidebar(&mut self, text: &str) {
        let index = self.index.clone();
        let index = index.read();
        let collection = (self.sidebar.scope() == super::Scope::Collection).then_some(&*index);
        self.sidebar
            .narrow(Query::new(text), collection, &self.geometry);
    }

    // ----- going to article N -----

    /// `:N` or `NG`: opens the article at place `n` (from 1) of the list.
    pub(super) fn go_to_article(&mut self, n: usize) {
        let len = self.list.len();
        match n.checked_sub(1).and_then(|p| self.list.at(p)) {
            Some(article) => {
                self.open_article(article);
                self.status = Some(format!("Article {n} of {len} in the list."));
            }
            None => {
                self.status = Some(format!(
                    "No article {n}: the list has {}.",
                    count(len, "article")
                ));
            }
        }
    }

    // ----- the body search -----

    /// Searches the open article for `text` (an empty one clears the search)
    /// and goes to the first match at or after the top of the screen, or on to
    /// the next article that matches when this one has none.
    fn search_body(&mut self, text: &str) {
        self.search.query = Query::new(text);
        self.find_in_open();
        if self.search.query.is_none() {
            return;
        }
        match self.first_match_from(self.body.top()) {
            Some(first) => {
                self.go_to_match(first);
                self.status = Some(format!(
                    "“{text}”: {} here. n/N: next/previous, Esc: clear.",
                    count(self.search.marks.len(), "match")
                ));
            }
            None => self.jump_to_article_matching(true),
        }
    }

    /// The open article was opened or changed: finds the search's matches in it.
    pub(super) fn find_in_open(&mut self) {
        let search = &mut self.search;
        search.places.clear();
        search.marks.clear();
        search.current = None;
        let queries: Vec<&Query> = match &search.query {
            Some(query) => vec![query],
            None => search.words.iter().collect(),
        };
        let Some((article, _)) = self.body.article_data().filter(|_| !queries.is_empty()) else {
            return;
        };
        let title = self
            .body
            .shows_title()
            .then_some((None, article.title.as_str()));
        let paragraphs =
            (article.paragraphs.iter().enumerate()).map(|(p, t)| (Some(p), t.as_str()));
        for (place, text) in title.into_iter().chain(paragraphs) {
            let mut ranges: Vec<_> = queries.iter().flat_map(|q| q.find_all(text)).collect();
            if queries.len() > 1 {
                // Several words: in reading order, a word inside another's match dropped.
                ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
                let mut end = 0;
                ranges.retain(|r| {
                    let keep = r.start >= end;
                    end = end.max(r.end);
                    keep
                });
            }
            for range in ranges {
                let index = search.marks.len();
                search.places.push(place);
                search.marks.push(MatchMark { range, index });
            }
        }
    }

    /// The body line of each match.
    fn match_lines(&self) -> Vec<usize> {
        (self.search.places.iter().zip(&self.search.marks))
            .map(|(place, mark)| {
                let line = match *place {
                    None => self.body.title_line_of(mark.range.start),
                    Some(p) => self.body.line_of(p, mark.range.start),
                };
                line.unwrap_or(0)
            })
            .collect()
    }

    /// Matches in the open article.
    pub(super) fn search_mark_count(&self) -> usize {
        self.search.marks.len()
    }

    /// Makes match `index` current and scrolls to it.
    pub(super) fn go_to_match(&mut self, index: usize) {
        if let Some(&line) = self.match_lines().get(index) {
            self.search.current = Some(index);
            self.body.scroll_to_line(line, &self.geometry);
        }
    }

    /// n / N while searching: the next (previous) match; past the last
    /// (first) here, on to the next (previous) article in the list that matches.
    pub(super) fn step_match(&mut self, forward: bool) {
        let lines = self.match_lines();
        let target = self
            .body
            .next_on_screen(&lines, self.search.current, forward, &self.geometry);
        match target {
            Some(index) => self.go_to_match(index),
            None => self.jump_to_article_matching(forward),
        }
    }

    /// Opens the next (previous) article of the list holding the search,
    /// wrapping around, at its first (last) match.
    fn jump_to_article_matching(&mut self, forward: bool) {
        let Some(query) = self.search.query.clone() else {
            self.next_search_result(forward);
            return;
        };
        let open = self.body.index();
        let len = self.list.len();
        let start = self.list.position(open).unwrap_or(self.list.cursor());
        // The k-th article from the open one, going `forward` (wrapping).
        let step = |k: usize| {
            let (position, wrapped) = if forward {
                ((start + k) % len, start + k >= len)
            } else {
                ((start + len - k) % len, k > start)
            };
            Some((self.list.at(position)?, wrapped))
        };
        let holding = |k: usize, buffer: &mut String| {
            let (article, wrapped) = step(k)?;
            let stored = self.articles.get(article)?;
            holds(stored, &query, buffer).then_some((article, wrapped))
        };
        let found = first_in_order(1..len + 1, holding);
        let text = query.text();
        let Some((article, wrapped)) = found else {
            self.status = Some(format!(
                "“{text}” is in none of the {} listed.",
                count(len, "article")
            ));
            return;
        };
        let stays = article == open;
        if !stays {
            self.open_article(article);
        }
        let last = self.search.marks.len().saturating_sub(1);
        self.go_to_match(if forward { 0 } else { last });
        let title = self.articles.get(article).map_or("", |a| a.title());
        self.status = Some(if stays {
            format!(
                "Only this article holds “{text}”; back to its {} match.",
                if forward { "first" } else { "last" }
            )
        } else {
            let arrow = if forward { "→ next" } else { "← previous" };
            let wrap_note = if wrapped { " (wrapped around)" } else { "" };
            format!("{arrow} article with “{text}”{wrap_note}: {title}")
        });
    }

    /// Esc: clears the body search; `false` when there was none.
    pub(super) fn clear_search(&mut self) -> bool {
        let Some(query) = self.search.query.take() else {
            return false;
        };
        self.find_in_open();
        self.status = Some(format!("“{}”: search cleared.", query.text()));
        true
    }

    /// Whether a body search, or a collection search's highlight, is on
    /// (n/N walk its matches, not mentions).
    pub(super) fn is_searching(&self) -> bool {
        self.search.query.is_some() || !self.search.words.is_empty()
    }

    // ----- what the ui reads -----

    /// The open prompt.
    pub fn prompt(&self) -> Option<PromptView<'_>> {
        let (kind, prompt) = self.search.prompt.as_ref()?;
        Some(PromptView {
            kind: *kind,
            text: prompt.text(),
            cursor: prompt.cursor(),
        })
    }

    /// The body search's text, while one is on.
    pub fn search_text(&self) -> Option<&str> {
        self.search.query.as_ref().map(Query::text)
    }

    /// The open article's matches in paragraph `paragraph` (`None`: the title).
    pub fn search_marks(&self, paragraph: Option<usize>) -> &[MatchMark] {
        self.search.marks_in(paragraph)
    }

    /// The body search's place: (current match, matches here), while one is on.
    pub fn match_position(&self) -> Option<(Option<usize>, usize)> {
        self.search.query.as_ref()?;
        Some((self.search.current, self.search.marks.len()))
    }

    /// The current match (its place in reading order).
    pub fn current_match(&self) -> Option<usize> {
        self.search.current
    }

    /// The count typed so far (`12` of `12G`).
    pub fn pending_count(&self) -> Option<usize> {
        self.search.count
    }
}

/// Articles a scan hands each of its two threads at a time.
const SCAN_CHUNK: usize = 2048;

/// The first `k` of `range`, in order, for which `find` finds something: the
/// scan over the articles for the next one holding a search. Chunks of the
/// range are split between this thread and a second one (a scan reads, and
/// may decompress, every article's text: on two cores it takes half the
/// time), the first half's answer winning.
fn first_in_order<T: Send>(
    range: std::ops::Range<usize>,
    find: impl Fn(usize, &mut String) -> Option<T> + Sync,
) -> Option<T> {
    let mut from = range.start;
    let (mut here, mut there) = (String::new(), String::new());
    while from < range.end {
        let to = range.end.min(from + 2 * SCAN_CHUNK);
        let middle = to.min(from + SCAN_CHUNK);
        if middle == to {
            // Too few for a second thread.
            return (from..to).find_map(|k| find(k, &mut here));
        }
        let find = &find;
        let there = &mut there;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(move || (middle..to).find_map(|k| find(k, there)));
            let first = (from..middle).find_map(|k| find(k, &mut here));
            (first, second.join().ok().flatten())
        });
        if let Some(found) = first.or(second) {
            return Some(found);
        }
        from = to;
    }
    None
}

/// Whether the title or a paragraph of `stored` holds `query`. The whole
/// text is searched at once (fast, for the scan over every article), and
/// only then paragraph by paragraph: a match must not run from one into the next.
fn holds(stored: &StoredArticle, query: &Query, buffer: &mut String) -> bool {
    if query.is_in(stored.title(), buffer) {
        return true;
    }
    let Some(text) = stored.text_to_match_unless(|bytes| query.surely_not_in(bytes)) else {
        return false;
    };
    query.is_in(text.body(), buffer) && text.paragraphs().any(|p| query.is_in(p, buffer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_on_two_threads_finds_the_first_in_order() {
        let n = 5 * SCAN_CHUNK + 17;
        // Matches in both halves of a chunk: the first half's wins.
        let hits = [SCAN_CHUNK + 5, 2 * SCAN_CHUNK + 3, 3 * SCAN_CHUNK + 1];
        let find = |k: usize, _: &mut String| hits.contains(&k).then_some(k);
        assert_eq!(first_in_order(0..n, find), Some(SCAN_CHUNK + 5));
        assert_eq!(
            first_in_order(2 * SCAN_CHUNK + 4..n, find),
            Some(3 * SCAN_CHUNK + 1)
        );
        assert_eq!(first_in_order(0..SCAN_CHUNK, find), None);
        assert_eq!(first_in_order(1..1, find), None);
        // A few: found without a second thread.
        assert_eq!(first_in_order(0..7, |k, _| (k == 6).then_some(k)), Some(6));
    }
}
