//! Everything the reader can do, as one enum. Keys become an [`Action`] through
//! the key table in [`crate::keymap`]; [`crate::app::App::apply`] carries it out.
//! Nothing here knows about keys or the terminal.

/// One thing the reader asked for. Movement actions act on the focused pane (or
/// the open overlay); the rest act on the reader's place in the collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Give the terminal back to the shell and stop until `fg` (Ctrl-Z);
    /// carried out by the terminal layer, the state does not change.
    Suspend,
    /// Move the cursor (or scroll the body) one line down.
    MoveDown,
    /// Move the cursor (or scroll the body) one line up.
    MoveUp,
    /// Go to the first line of the focused pane.
    MoveTop,
    /// Go to the last line of the focused pane.
    MoveBottom,
    /// Scroll down one screen.
    PageDown,
    /// Scroll up one screen.
    PageUp,
    /// Scroll down half a screen.
    HalfPageDown,
    /// Scroll up half a screen.
    HalfPageUp,
    /// Focus the next pane (list → body → sidebar → list).
    FocusNext,
    /// Focus the previous pane (list ← body ← sidebar ← list).
    FocusPrevious,
    /// Focus the pane to the left, stopping at the article list.
    FocusLeft,
    /// Focus the pane to the right, stopping at the sidebar.
    FocusRight,
    /// Open the article under the list cursor in the body.
    OpenArticle,
    /// Select the entity under the sidebar cursor: highlight its mentions and
    /// scroll the body to the first (selecting it again clears the selection).
    SelectEntity,
    /// Go to the selected entity's next mention, on to the next article that
    /// mentions it after the last one here.
    NextMention,
    /// Go to the selected entity's previous mention, back to the previous article
    /// that mentions it before the first one here.
    PreviousMention,
    /// Open the next article in the list.
    NextArticle,
    /// Open the previous article in the list.
    PreviousArticle,
    /// Scroll to the next quote in the open article.
    NextQuote,
    /// Scroll to the previous quote in the open article.
    PreviousQuote,
    /// Show only the articles that mention the selected entity, or all again.
    ToggleFilter,
    /// Switch the sidebar between the open article's and the whole collection's entities.
    ToggleScope,
    /// Show the files that were skipped and the loader's warnings.
    ShowSkipped,
    /// Show the key table.
    ShowHelp,
    /// Close the overlay; otherwise clear the list filter; otherwise clear the selected entity.
    Back,
    /// Order the article list next way: load order → date → source → load order.
    CycleSort,
    /// Open the open article's `http(s)://` link with the browser.
    OpenLink,
    /// Load every source again (files, feeds, pages).
    Reload,
    /// Fetch the full text behind the open article's link (a feed often
    /// carries only a summary).
    FetchFullArticle,
    /// Open the quotes view: what the selected entity said across the
    /// collection, else every quote of the open article by speaker; in the
    /// view, switch between the two.
    ShowQuotes,
    /// In the quotes view: go to the quote under the cursor in its article.
    GoToQuote,
    /// In the quotes view: copy the quote under the cursor to the clipboard.
    CopyQuote,
    /// Mark the article read, or unread again (in the list: the one under
    /// the cursor; elsewhere: the open one).
    ToggleRead,
    /// Star the article, or take its star away (as for [`Action::ToggleRead`]).
    ToggleStar,
    /// Open the next unread article in the list, going round from the top.
    NextUnread,
    /// Hide read articles from the list, or show them again.
    ToggleHideRead,
    /// Open the search prompt: in the body it searches the open article (and
    /// n/N go on through the list), in the list it filters by title and
    /// source, in the sidebar it narrows the names.
    Search,
    /// Open the prompt for an article number to jump to (its place in the list).
    GoToPrompt,
    /// Move the sidebar cursor to the first entity of the next group.
    NextGroup,
    /// Move the sidebar cursor to the start of its group, or of the group before.
    PreviousGroup,
    /// Hide the entity under the sidebar cursor everywhere (written to the
    /// corrections file).
    HideEntity,
    /// Give the entity under the sidebar cursor the next kind (person →
    /// organization → place → other; written to the corrections file).
    CycleKind,
    /// Mark the entity under the sidebar cursor for [`Action::MergeMarked`].
    MarkEntity,
    /// Merge the marked entity into the one under the sidebar cursor
    /// (written to the corrections file).
    MergeMarked,
    /// Undo the last correction a key wrote.
    UndoCorrection,
    /// An editing key for the open prompt.
    Edit(Edit),
}

/// What a key does in the open prompt (a line editor, see `app::prompt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Type a character at the cursor (printable keys, never in the key table).
    Insert(char),
    /// Move the cursor one character left.
    Left,
    /// Move the cursor one character right.
    Right,
    /// Move the cursor to the start of the line.
    Home,
    /// Move the cursor to the end of the line.
    End,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete everything before the cursor.
    DeleteToStart,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Recall the previous (older) entry of the history.
    Older,
    /// Recall the next (newer) entry of the history, then the line being typed.
    Newer,
    /// Accept the line.
    Accept,
    /// Close the prompt, undoing what it did.
    Cancel,
}

impl Action {
    /// Every action, in the order the config file's `[keys]` table lists them.
    pub const ALL: &[Action] = &[
        Action::Quit,
        Action::MoveDown,
        Action::MoveUp,
        Action::MoveTop,
        Action::MoveBottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::FocusNext,
        Action::FocusPrevious,
        Action::FocusLeft,
        Action::FocusRight,
        Action::OpenArticle,
        Action::SelectEntity,
        Action::NextMention,
        Action::PreviousMention,
        Action::NextArticle,
        Action::PreviousArticle,
        Action::NextQuote,
        Action::PreviousQuote,
        Action::ToggleFilter,
        Action::ToggleScope,
        Action::ShowSkipped,
        Action::ShowHelp,
        Action::Back,
        Action::CycleSort,
        Action::OpenLink,
        Action::Reload,
        Action::FetchFullArticle,
        Action::ShowQuotes,
        Action::GoToQuote,
        Action::CopyQuote,
        Action::Suspend,
        Action::ToggleRead,
        Action::ToggleStar,
        Action::NextUnread,
        Action::ToggleHideRead,
        Action::Search,
        Action::GoToPrompt,
        Action::NextGroup,
        Action::PreviousGroup,
        Action::HideEntity,
        Action::CycleKind,
        Action::MarkEntity,
        Action::MergeMarked,
        Action::UndoCorrection,
        Action::Edit(Edit::Left),
        Action::Edit(Edit::Right),
        Action::Edit(Edit::Home),
        Action::Edit(Edit::End),
        Action::Edit(Edit::Backspace),
        Action::Edit(Edit::Delete),
        Action::Edit(Edit::DeleteToStart),
        Action::Edit(Edit::DeleteWord),
        Action::Edit(Edit::Older),
        Action::Edit(Edit::Newer),
        Action::Edit(Edit::Accept),
        Action::Edit(Edit::Cancel),
    ];

    /// The action's name in the config file (`next_mention`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::MoveDown => "move_down",
            Action::MoveUp => "move_up",
            Action::MoveTop => "move_top",
            Action::MoveBottom => "move_bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::FocusNext => "focus_next",
            Action::FocusPrevious => "focus_previous",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::OpenArticle => "open_article",
            Action::SelectEntity => "select_entity",
            Action::NextMention => "next_mention",
            Action::PreviousMention => "previous_mention",
            Action::NextArticle => "next_article",
            Action::PreviousArticle => "previous_article",
            Action::NextQuote => "next_quote",
            Action::PreviousQuote => "previous_quote",
            Action::ToggleFilter => "toggle_filter",
            Action::ToggleScope => "toggle_scope",
            Action::ShowSkipped => "show_skipped",
            Action::ShowHelp => "show_help",
            Action::Back => "back",
            Action::CycleSort => "cycle_sort",
            Action::OpenLink => "open_link",
            Action::Reload => "reload",
            Action::FetchFullArticle => "fetch_full_article",
            Action::ShowQuotes => "show_quotes",
            Action::GoToQuote => "go_to_quote",
            Action::CopyQuote => "copy_quote",
            Action::Suspend => "suspend",
            Action::ToggleRead => "toggle_read",
            Action::ToggleStar => "toggle_star",
            Action::NextUnread => "next_unread",
            Action::ToggleHideRead => "toggle_hide_read",
            Action::Search => "search",
            Action::GoToPrompt => "go_to_prompt",
            Action::NextGroup => "next_group",
            Action::PreviousGroup => "previous_group",
            Action::HideEntity => "hide_entity",
            Action::CycleKind => "cycle_kind",
            Action::MarkEntity => "mark_entity",
            Action::MergeMarked => "merge_marked",
            Action::UndoCorrection => "undo_correction",
            // Typing is not a binding: printable keys go to the prompt.
            Action::Edit(Edit::Insert(_)) => "prompt_insert",
            Action::Edit(Edit::Left) => "prompt_left",
            Action::Edit(Edit::Right) => "prompt_right",
            Action::Edit(Edit::Home) => "prompt_home",
            Action::Edit(Edit::End) => "prompt_end",
            Action::Edit(Edit::Backspace) => "prompt_backspace",
            Action::Edit(Edit::Delete) => "prompt_delete",
            Action::Edit(Edit::DeleteToStart) => "prompt_delete_to_start",
            Action::Edit(Edit::DeleteWord) => "prompt_delete_word",
            Action::Edit(Edit::Older) => "prompt_older",
            Action::Edit(Edit::Newer) => "prompt_newer",
            Action::Edit(Edit::Accept) => "prompt_accept",
            Action::Edit(Edit::Cancel) => "prompt_cancel",
        }
    }

    /// The action a config file names, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Action;
    use std::collections::HashSet;

    #[test]
    fn every_bound_action_has_one_name_that_reads_back() {
        let names: HashSet<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(names.len(), Action::ALL.len(), "two actions share a name");
        for binding in crate::keymap::BINDINGS {
            assert!(
                Action::ALL.contains(&binding.action),
                "{:?}",
                binding.action
            );
        }
        for &action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::from_name("NextMention"), None);
    }
}
