//! The selected entity, which the panes share: Enter in the sidebar selects
//! it, n/N walk its mentions in the body and on through the articles that
//! mention it, Esc lets it go (f, filtering the list by it, is in `filters`).

use super::{App, Focus, SidebarRow, count};

impl App {
    /// Esc: close what is open, innermost first: the search, the sidebar's
    /// narrowing (in the sidebar), a list filter, the selected entity.
    pub(super) fn back(&mut self) {
        if self.clear_search() {
            return;
        }
        if self.focus == Focus::Sidebar && self.sidebar.narrowed().is_some() {
            self.narrow_sidebar("");
            self.status = Some("Sidebar: every name again.".to_string());
        } else if !self.pop_filter()
            && let Some(name) = self.selected.take()
        {
            self.body.clear_mention();
            self.status = Some(format!("{name}: selection cleared"));
        }
    }

    /// Enter in the sidebar: select the entity under the cursor (or clear it if
    /// it is already selected) and go to its first mention here.
    pub(super) fn select_entity(&mut self) {
        let Some(SidebarRow::Entity { name, .. }) = self
            .sidebar_cursor_row()
            .and_then(|row| self.sidebar_row(row))
        else {
            return;
        };
        self.body.clear_mention();
        if self.selected.as_deref() == Some(name.as_str()) {
            self.selected = None;
            self.status = Some(format!("{name}: selection cleared"));
            return;
        }
        self.selected = Some(name.clone());
        let articles = self.index().get(&name).map_or(0, |e| e.articles.len());
        if self.selected_in_open().is_some() {
            self.body.go_to_mention(Some(&name), 0, &self.geometry);
            let here = self.mention_position().map_or(0, |p| p.here);
            self.status = Some(format!(
                "{name}: {} here, {} in all. n/N: next/previous.",
                count(here, "mention"),
                count(articles, "article")
            ));
        } else {
            self.status = Some(format!(
                "{name} is not in this article but in {}. n: go there.",
                count(articles, "other article")
            ));
        }
    }

    /// n / N: the next (previous) mention of the selected entity; past the last
    /// (first) one here, on to the next (previous) article in the list that
    /// mentions it, wrapping around the collection.
    pub(super) fn step_mention(&mut self, forward: bool) {
        let Some(name) = self.selected.clone() else {
            self.status = Some("Select an entity first (Enter in the sidebar).".to_string());
            return;
        };
        if !self.body.step_mention(&name, forward, &self.geometry) {
            self.jump_to_article_mentioning(&name, forward);
        }
    }

    /// Opens the next (previous) article mentioning `name`, wrapping around, at
    /// its first (last) mention.
    pub(super) fn jump_to_article_mentioning(&mut self, name: &str, forward: bool) {
        // Looked up in the index's list, not copied: a binary search in load
        // order, one pass when the list is sorted.
        let (target, wrapped, only_one) = {
            let index = self.index();
            let articles = index.get(name).map_or(&[][..], |e| e.articles.as_slice());
            // In list order, which the sort may have changed.
            let near = self.list.around(articles, self.body.index());
            let (next, wrap_to) = if forward {
                (near.after, near.first)
            } else {
                (near.before, near.last)
            };
            let (target, wrapped) = match next {
                Some(a) => (Some(a), false),
                None => (wrap_to, true),
            };
            (target, wrapped, articles.len() == 1)
        };
        let Some(target) = target else {
            self.status = Some(format!("No article mentions {name}."));
            return;
        };
        let stays = target == self.body.index();
        if !stays {
            self.open_article(target);
        }
        if self.body.is_analysed() {
            let selected = self.selected.as_deref();
            self.body
                .go_to_first_or_last_mention(selected, forward, &self.geometry);
        } else {
            // Its analysis is on the way: go there when it arrives.
            self.body.jump_when_analysed(forward);
        }
        let title = self.articles.get(target).map_or("", |a| a.title());
        let arrow = if forward { "→ next" } else { "← previous" };
        let wrap_note = if wrapped { " (wrapped around)" } else { "" };
        // "Only this article" is true only when the one article is the open one.
        self.status = Some(if only_one && stays {
            format!(
                "Only this article mentions {name}; back to its {} mention.",
                if forward { "first" } else { "last" }
            )
        } else {
            format!("{arrow} article mentioning {name}{wrap_note}: {title}")
        });
    }
}
