//! What the reader has read and starred, and where it was: the in-memory
//! side of [`crate::state`]. An article becomes read when it has been shown
//! in the body for [`READ_AFTER`] after the reader opened it, or when a key
//! scrolls its last line into view; never because the list cursor passed
//! over it, it opened by itself at start, or the mouse wheel scrolled it
//! (newsboat #567). The app has no clock: time comes in through
//! [`App::tick`], so every rule is tested with made-up times.
//!
//! Marks are kept per article index, and by article id for saving: the
//! saved marks are given to articles as they stream in, and the last open
//! article is opened again, at its place, once it has arrived.

use super::body::Anchor;
use super::{App, Focus};
use crate::action::Action;
use crate::state::{Changes, LastOpen, Saved};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// How long an article the reader opened must show before it counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(2);

/// The reading state.
#[derive(Debug, Clone, Default)]
pub(super) struct Reading {
    read: Vec<bool>,
    starred: Vec<bool>,
    read_count: usize,
    /// Ids the state file has read and starred, for articles yet to arrive.
    saved_read: HashSet<String>,
    saved_starred: HashSet<String>,
    /// The article to open again when it arrives, and its place.
    restore: Option<LastOpen>,
    /// The place of the reopened article, to go back to when its analysis
    /// arrives (quote attributions add lines, and the place may have been
    /// past the end of the bare text).
    place: Option<(usize, Anchor)>,
    /// Marks changed since the last [`App::take_reading_changes`].
    changes: Changes,
    /// The place last handed over for saving.
    last_taken: Option<LastOpen>,
    /// The reader has done something (more than looking): its place is worth saving.
    acted: bool,
    /// The reader has opened an article or gone into one: the saved place,
    /// if it comes late, is not reopened under them.
    chose: bool,
    dwell: Dwell,
    /// The list hides read articles (all but the open one).
    hide_read: bool,
}

/// How long the open article has been read.
#[derive(Debug, Clone, Copy, Default)]
struct Dwell {
    article: usize,
    /// The reader opened this article or went into it (an article that
    /// opened by itself, at start, is only being looked at).
    engaged: bool,
    /// Marked by hand, or by reading already: nothing more to decide until
    /// it is opened again.
    settled: bool,
    /// Since when it has been showing, engaged.
    since: Option<Instant>,
}

/// The state of the list and body before an action, to tell what it did.
#[derive(Debug, Clone, Copy)]
pub(super) struct Before {
    open: Option<usize>,
    top: usize,
    read_count: usize,
}

/// Articles in the list, for its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCounts {
    /// Articles the list shows.
    pub shown: usize,
    /// Articles it would show with read ones not hidden.
    pub of: usize,
    /// Unread articles among those.
    pub unread: usize,
    /// Whether read articles are hidden.
    pub hiding_read: bool,
}

impl Reading {
    fn flag(flags: &[bool], article: usize) -> bool {
        flags.get(article).copied().unwrap_or(false)
    }

    pub(super) fn is_read(&self, article: usize) -> bool {
        Self::flag(&self.read, article)
    }

    pub(super) fn is_starred(&self, article: usize) -> bool {
        Self::flag(&self.starred, article)
    }

    /// The read articles, in load order. (A block of 64 flags with none set
    /// is passed over at once: few articles of a big collection are read.)
    fn read_articles(&self) -> impl Iterator<Item = usize> + '_ {
        self.read
            .chunks(64)
            .enumerate()
            .filter(|(_, block)| block.contains(&true))
            .flat_map(|(b, block)| {
                let on = block.iter().enumerate().filter(|(_, read)| **read);
                on.map(move |(i, _)| b * 64 + i)
            })
    }

    /// Marks `article` (whose id is `id`) read or not; `true` if it changed.
    fn set_read(&mut self, article: usize, id: String, on: bool) -> bool {
        let Some(flag) = self.read.get_mut(article) else {
            return false;
        };
        if *flag == on {
            return false;
        }
        *flag = on;
        if on {
            self.read_count += 1;
        } else {
            self.read_count -= 1;
        }
        self.changes.read.insert(id, on);
        true
    }

    fn set_starred(&mut self, article: usize, id: String, on: bool) {
        if let Some(flag) = self.starred.get_mut(article) {
            *flag = on;
            self.changes.starred.insert(id, on);
        }
    }

    /// Whether arriving articles' ids are needed: saved marks or a place to
    /// restore (without any, ids are never made, at no cost).
    fn wants_ids(&self) -> bool {
        !self.saved_read.is_empty() || !self.saved_starred.is_empty() || self.restore.is_some()
    }
}

impl App {
    /// Starts from the state file's contents: marks for the articles (those
    /// here and those to come), and the article to open again with its place
    /// (unless the reader has already chosen one).
    pub fn restore_reading(&mut self, saved: Saved) {
        let reading = &mut self.reading;
        reading.saved_read = saved.read.into_iter().collect();
        reading.saved_starred = saved.starred.into_iter().collect();
        reading.last_taken.clone_from(&saved.last);
        reading.restore = saved.last.filter(|_| !reading.chose);
        self.reading_arrived(0, self.articles.len());
    }

    /// Articles `from..to` have arrived: they take their saved marks, and
    /// the last open article opens at its place.
    pub(super) fn reading_arrived(&mut self, from: usize, to: usize) {
        let reading = &mut self.reading;
        reading.read.resize(to, false);
        reading.starred.resize(to, false);
        if reading.wants_ids() {
            self.take_saved_marks(from, to);
        }
        self.refresh_hidden();
    }

    /// Gives articles `from..to` their saved marks, and opens the last open
    /// article at its place if it is among them.
    fn take_saved_marks(&mut self, from: usize, to: usize) {
        let reading = &mut self.reading;
        let mut restore_at = None;
        for (index, article) in self.articles.iter().enumerate().take(to).skip(from) {
            let id = article.id();
            if reading.saved_read.contains(&id) && !reading.read[index] {
                reading.read[index] = true;
                reading.read_count += 1;
            }
            if reading.saved_starred.contains(&id) {
                reading.starred[index] = true;
            }
            if reading.restore.as_ref().is_some_and(|r| r.article == id) {
                restore_at = Some(index);
            }
        }
        if let Some(index) = restore_at
            && let Some(last) = self.reading.restore.take()
        {
            self.open_article(index);
            let anchor = Anchor {
                paragraph: last.paragraph,
                offset: last.offset,
                above: last.above,
            };
            self.body.restore(anchor, &self.geometry);
            if !self.body.is_analysed() {
                self.reading.place = Some((index, anchor));
            }
        }
    }

    /// The open article's analysis has arrived: a reopened article goes back
    /// to its place, laid out in full now.
    pub(super) fn reading_analysed(&mut self) {
        if let Some((article, anchor)) = self.reading.place.take()
            && article == self.body.index()
        {
            self.body.restore(anchor, &self.geometry);
        }
    }

    /// The id of article `index` (made on demand: the store keeps it compact).
    fn article_id(&self, index: usize) -> Option<String> {
        self.articles.get(index).map(|a| a.id())
    }

    // ----- time -----

    /// Whether the open article's reading time runs now: the reader opened
    /// it, it is unread and not marked by hand, and the body shows.
    fn dwell_counts(&self) -> bool {
        let dwell = &self.reading.dwell;
        let shown =
            self.overlays.shown().is_none() && (!self.geometry.narrow || self.focus == Focus::Body);
        self.body.article_data().is_some()
            && dwell.article == self.body.index()
            && dwell.engaged
            && !dwell.settled
            && shown
            && !self.reading.is_read(dwell.article)
    }

    /// Time has come to `now`: the open article becomes read once it has
    /// shown for [`READ_AFTER`]. Call it after every action and whenever
    /// [`App::tick_due_in`] says; `true` when something on screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let open = self.body.index();
        if self.reading.dwell.article != open {
            // Opened without the reader (streaming in): only looked at.
            self.reading.dwell = Dwell {
                article: open,
                ..Dwell::default()
            };
        }
        if !self.dwell_counts() {
            self.reading.dwell.since = None;
            return false;
        }
        let since = *self.reading.dwell.since.get_or_insert(now);
        if now.saturating_duration_since(since) < READ_AFTER {
            return false;
        }
        self.reading.dwell.settled = true;
        self.mark_read_by_reading(open)
    }

    /// lede was away (suspended to the shell): the open article's reading
    /// time starts again, so time spent stopped never marks it read.
    pub fn reading_paused(&mut self) {
        self.reading.dwell.since = None;
    }

    /// How long until [`App::tick`] may mark the open article read; `None`
    /// when nothing is waiting for time.
    pub fn tick_due_in(&self, now: Instant) -> Option<Duration> {
        if !self.dwell_counts() {
            return None;
        }
        let since = self.reading.dwell.since.unwrap_or(now);
        Some(READ_AFTER.saturating_sub(now.saturating_duration_since(since)))
    }

    fn mark_read_by_reading(&mut self, article: usize) -> bool {
        let Some(id) = self.article_id(article) else {
            return false;
        };
        let changed = self.reading.set_read(article, id, true);
        self.refresh_hidden();
        changed
    }

    // ----- around every action -----

    /// What the list and body are before an action.
    pub(super) fn reading_before(&self) -> Before {
        Before {
            open: self.body.article_data().map(|_| self.body.index()),
            top: self.body.top(),
            read_count: self.reading.read_count,
        }
    }

    /// After `action`: an article the reader opened (or went into) starts
    /// its reading time, and one a key scrolled to its end is read.
    pub(super) fn reading_after(&mut self, action: Action, before: Before) {
        if self.body.article_data().is_none() {
            return;
        }
        if action != Action::Quit {
            self.reading.acted = true;
        }
        let open = self.body.index();
        let opened = before.open != Some(open) || action == Action::OpenArticle;
        if opened {
            self.reading.dwell = Dwell {
                article: open,
                engaged: true,
                ..Dwell::default()
            };
        } else if self.focus == Focus::Body {
            self.reading.dwell.engaged = true;
        }
        if opened || self.focus == Focus::Body {
            // The reader has chosen what to read: no reopening under them.
            self.reading.chose = true;
            self.reading.restore = None;
            self.reading.place = None;
        }
        let scrolled_down = self.focus == Focus::Body
            && matches!(
                action,
                Action::MoveDown | Action::PageDown | Action::HalfPageDown | Action::MoveBottom
            );
        if !opened && (scrolled_down || self.body.top() != before.top) {
            self.scrolled_by_key();
        }
        // Hidden again only when what is hidden may have changed (a walk
        // over the whole list): another article open, marks changed, or the
        // list rebuilt (which shows every article until narrowed again).
        if opened || self.reading.read_count != before.read_count || !self.list.is_narrowed() {
            self.refresh_hidden();
        }
    }

    /// The body was scrolled by a key: read, if its end shows.
    fn scrolled_by_key(&mut self) {
        let open = self.body.index();
        if self.body.end_visible(&self.geometry) && !self.reading.dwell.settled {
            self.reading.dwell.settled = true;
            self.mark_read_by_reading(open);
        }
    }

    /// Scrolls the body by `delta` lines. A scroll `by_mouse` never marks
    /// the article read (the wheel passes over text without reading it);
    /// one by key does when it shows the end.
    pub fn scroll_body_by(&mut self, delta: isize, by_mouse: bool) {
        self.body.scroll_by(delta, &self.geometry);
        if !by_mouse {
            self.scrolled_by_key();
        }
    }

    // ----- keys -----

    /// The article `r` and `S` act on, and its id: the one under the list
    /// cursor in the list, else the open one.
    fn marked_article(&self) -> Option<(usize, String)> {
        let article = if self.focus == Focus::ArticleList {
            self.list.at(self.list.cursor())
        } else {
            self.body.article_data().map(|_| self.body.index())
        }?;
        Some((article, self.article_id(article)?))
    }

    /// r: marks the article read, or unread again.
    pub(super) fn toggle_read(&mut self) {
        let Some((article, id)) = self.marked_article() else {
            return;
        };
        let on = !self.reading.is_read(article);
        self.reading.set_read(article, id, on);
        if article == self.body.index() {
            // Marked by hand: reading on does not change it back.
            self.reading.dwell.settled = true;
        }
        self.status = Some(if on { "marked read" } else { "marked unread" }.to_string());
    }

    /// S: stars the article, or takes the star away.
    pub(super) fn toggle_star(&mut self) {
        let Some((article, id)) = self.marked_article() else {
            return;
        };
        let on = !self.reading.is_starred(article);
        self.reading.set_starred(article, id, on);
        self.status = Some(if on { "starred" } else { "star removed" }.to_string());
    }

    /// u: opens the next unread article in the list after the current one
    /// (the one under the cursor in the list, else the open one), going
    /// round from the top.
    pub(super) fn next_unread(&mut self) {
        let len = self.list.len();
        let open = self.body.article_data().map(|_| self.body.index());
        let from = match self.focus {
            Focus::ArticleList => Some(self.list.cursor()),
            _ => open.and_then(|a| self.list.position(a)),
        }
        .unwrap_or(self.list.cursor());
        let found = (1..=len).find_map(|step| {
            let article = self.list.at((from + step) % len.max(1))?;
            (Some(article) != open && !self.reading.is_read(article))
                .then_some((article, from + step >= len))
        });
        match found {
            Some((article, wrapped)) => {
                self.open_article(article);
                if wrapped {
                    self.status = Some("→ next unread article, from the top".to_string());
                }
            }
            None => {
                let here = if self.list.is_filtered() {
                    " in this list (Esc: all articles)"
                } else {
                    ""
                };
                self.status = Some(format!("No unread articles left{here}."));
            }
        }
    }

    /// U: hides read articles from the list, or shows them again.
    pub(super) fn toggle_hide_read(&mut self) {
        self.reading.hide_read = !self.reading.hide_read;
        if self.reading.hide_read {
            self.refresh_hidden();
            self.status = Some("unread articles only (U: all)".to_string());
        } else {
            let anchor = self.list.at(self.list.cursor());
            self.list.widen(anchor, &self.geometry);
            self.status = Some("all articles, read ones too".to_string());
        }
    }

    /// While read articles are hidden, hides them again (the list or the
    /// marks changed); the open article stays, and the cursor on its article.
    pub(super) fn refresh_hidden(&mut self) {
        if !self.reading.hide_read {
            return;
        }
        let anchor = self.list.at(self.list.cursor());
        let open = self.body.article_data().map(|_| self.body.index());
        let reading = &self.reading;
        self.list.narrow(
            |a| Some(a) == open || !reading.is_read(a),
            anchor,
            &self.geometry,
        );
    }

    // ----- saving -----

    /// The open article and its place, once the reader has done something
    /// and the last one has been reopened (or will not be: loading is over).
    fn last_open(&mut self) -> Option<LastOpen> {
        if self.reading.restore.is_some() && !self.progress.loading {
            // Gone from the collection: the place is the reader's from now on.
            self.reading.restore = None;
        }
        if !self.reading.acted || self.reading.restore.is_some() {
            return None;
        }
        let article = self.article_id(self.body.index())?;
        self.body.article_data()?;
        let anchor = self.body.anchor();
        Some(LastOpen {
            article,
            paragraph: anchor.map_or(0, |a| a.paragraph),
            offset: anchor.map_or(0, |a| a.offset),
            above: anchor.map_or(0, |a| a.above),
        })
    }

    /// What changed since the last call, for [`crate::state::Saver`]: marks,
    /// and the open article's place when it moved.
    pub fn take_reading_changes(&mut self) -> Changes {
        let mut changes = std::mem::take(&mut self.reading.changes);
        if let Some(last) = self.last_open()
            && self.reading.last_taken.as_ref() != Some(&last)
        {
            self.reading.last_taken = Some(last.clone());
            changes.last = Some(last);
        }
        changes
    }

    // ----- for the ui -----

    pub fn is_read(&self, article: usize) -> bool {
        self.reading.is_read(article)
    }

    pub fn is_starred(&self, article: usize) -> bool {
        self.reading.is_starred(article)
    }

    /// How many articles the list shows, of how many, and how many unread.
    pub fn list_counts(&self) -> ListCounts {
        let shown = self.list.len();
        let of = self.list.base_len();
        let hiding_read = self.reading.hide_read;
        let unread = if hiding_read {
            let open = self.body.index();
            let open_read = self.reading.is_read(open) && self.list.position(open).is_some();
            shown - usize::from(open_read && shown > 0)
        } else if !self.list.is_filtered() || self.reading.read_count == 0 {
            of.saturating_sub(self.reading.read_count)
        } else {
            // The read articles the list shows, rather than every article
            // shown (drawn each frame, and a search may show a million).
            let read_shown = self
                .reading
                .read_articles()
                .filter(|&a| self.list.position(a).is_some())
                .count();
            of.saturating_sub(read_shown)
        };
        ListCounts {
            shown,
            of,
            unread,
            hiding_read,
        }
    }
}
