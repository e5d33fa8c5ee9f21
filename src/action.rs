//! Everything the reader can do, as one enum. Keys become an [`Action`] through
//! the key table in [`crate::keymap`]; [`crate::app::App::apply`] carries it out.
//! Nothing here knows about keys or the terminal.

/// One thing the reader asked for. Movement actions act on the focused pane (or
/// the open overlay); the rest act on the reader's place in the collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
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
