//! The one key table: which keys do which [`Action`] where. The event loop looks
//! keys up here, and the help overlay and status-bar hints are generated from
//! the same table, so they never drift apart. Keys are lede's own small type; the
//! terminal layer ([`crate::tui`]) translates its events into them.

use crate::action::{Action, Edit};
use std::fmt;

/// A key without modifiers, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A printable character; upper case stands for Shift + letter.
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
}

/// A key press: a key code, possibly with Ctrl held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// A key without Ctrl.
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// A printable character key.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl plus a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Parses one key as written in tests and docs: a single character, a name
    /// (`enter`, `esc`, `tab`, `backtab`, `space`, `up`, `down`, `left`, `right`,
    /// `home`, `end`, `pgup`, `pgdn`), or `ctrl-x` / `C-x`.
    pub fn parse(text: &str) -> Option<Key> {
        if let Some(rest) = text
            .strip_prefix("ctrl-")
            .or_else(|| text.strip_prefix("C-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key::ctrl(c)),
                _ => None,
            };
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Key::char(c));
        }
        let code = match text.to_ascii_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "s-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "backspace" | "bs" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            _ => return None,
        };
        Some(Key::plain(code))
    }
}

impl fmt::Display for Key {
    /// The key as the help overlay and status bar show it (`j`, `Ctrl-d`, `Space`, `↓`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Always, even with an overlay open.
    Always,
    /// In the focused pane, and in an open overlay (movement keys).
    Move,
    /// In the article list.
    ArticleList,
    /// In the entity sidebar.
    Sidebar,
    /// In any pane while no overlay is open.
    Reader,
    /// While an overlay (help, skipped files) is open.
    Overlay,
    /// While the prompt (`/`, `:`) is open; printable keys not bound here are typed.
    Prompt,
}

impl Context {
    /// Heading for this context's part of the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Always => "Always",
            Context::Move => "Moving (focused pane or overlay)",
            Context::ArticleList => "Article list",
            Context::Sidebar => "Entity sidebar",
            Context::Reader => "Reading",
            Context::Overlay => "Overlays",
            Context::Prompt => "Prompt (/ and :)",
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help overlay says the keys do.
    pub description: &'static str,
    pub context: Context,
    /// A word or two for the status bar, or "" to leave the binding out of the
    /// hints. Neighbouring bindings with the same hint are shown together (`n/N mention`).
    pub hint: &'static str,
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    context: Context,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        description,
        context,
        hint,
    }
}

use Context::{Always, ArticleList, Move, Overlay, Prompt, Reader, Sidebar};
use KeyCode as K;

/// Every key binding of lede, in the order help shows them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[Key::ctrl('c')], Action::Quit, "quit", Always, ""),
    bind(&[Key::char('j'), Key::plain(K::Down)], Action::MoveDown, "move down one line", Move, "move"),
    bind(&[Key::char('k'), Key::plain(K::Up)], Action::MoveUp, "move up one line", Move, "move"),
    bind(&[Key::char('g'), Key::plain(K::Home)], Action::MoveTop, "go to the top", Move, ""),
    bind(&[Key::char('G'), Key::plain(K::End)], Action::MoveBottom, "go to the bottom", Move, ""),
    bind(&[Key::char(' '), Key::plain(K::PageDown)], Action::PageDown, "page down", Move, "page"),
    bind(&[Key::char('b'), Key::plain(K::PageUp)], Action::PageUp, "page up", Move, "page"),
    bind(&[Key::ctrl('d')], Action::HalfPageDown, "half a page down", Move, ""),
    bind(&[Key::ctrl('u')], Action::HalfPageUp, "half a page up", Move, ""),
    bind(&[Key::plain(K::Enter)], Action::OpenArticle, "open the article", ArticleList, "open"),
    bind(
        &[Key::plain(K::Enter)],
        Action::SelectEntity,
        "select the entity and highlight its mentions (again: clear)",
        Sidebar,
        "select",
    ),
    bind(&[Key::plain(K::Tab)], Action::FocusNext, "next pane", Reader, "pane"),
    bind(&[Key::plain(K::BackTab)], Action::FocusPrevious, "previous pane", Reader, "pane"),
    bind(&[Key::char('h'), Key::plain(K::Left)], Action::FocusLeft, "pane to the left", Reader, ""),
    bind(&[Key::char('l'), Key::plain(K::Right)], Action::FocusRight, "pane to the right", Reader, ""),
    bind(
        &[Key::char('n'), Key::char('*')],
        Action::NextMention,
        "next search match, else next mention of the selected entity; on to the next article",
        Reader,
        "mention",
    ),
    bind(
        &[Key::char('N'), Key::char('#')],
        Action::PreviousMention,
        "previous search match, else previous mention; back to the previous article",
        Reader,
        "mention",
    ),
    bind(&[Key::char('J')], Action::NextArticle, "open the next article", Reader, "article"),
    bind(&[Key::char('K')], Action::PreviousArticle, "open the previous article", Reader, "article"),
    bind(&[Key::char(']')], Action::NextQuote, "next quote", Reader, "quote"),
    bind(&[Key::char('[')], Action::PreviousQuote, "previous quote", Reader, "quote"),
    bind(
        &[Key::char('f')],
        Action::ToggleFilter,
        "list only articles mentioning the selected entity (again: all)",
        Reader,
        "filter",
    ),
    bind(
        &[Key::char('a')],
        Action::ToggleScope,
        "sidebar: this article's entities or the whole collection's",
        Reader,
        "scope",
    ),
    bind(
        &[Key::char('s')],
        Action::CycleSort,
        "sort the list: by date (newest first), by source, as loaded",
        Reader,
        "sort",
    ),
    bind(&[Key::char('o')], Action::OpenLink, "open the article's link in the browser", Reader, "link"),
    bind(&[Key::char('R')], Action::Reload, "fetch every feed again, read new files", Reader, ""),
    bind(
        &[Key::char('F')],
        Action::FetchFullArticle,
        "fetch the full article from its link (feeds often carry a summary)",
        Reader,
        "",
    ),
    bind(
        &[Key::char('e'), Key::char('w')],
        Action::ShowSkipped,
        "show skipped files and warnings",
        Reader,
        "",
    ),
    bind(&[Key::char('}')], Action::NextGroup, "next group (people, organizations, places, other)", Sidebar, "group"),
    bind(&[Key::char('{')], Action::PreviousGroup, "previous group", Sidebar, "group"),
    bind(&[Key::char('?')], Action::ShowHelp, "show this help", Reader, "help"),
    bind(
        &[Key::plain(K::Esc)],
        Action::Back,
        "clear the search, then a list filter (the last first), then the selected entity",
        Reader,
        "",
    ),
    bind(&[Key::char('q')], Action::Quit, "quit", Reader, "quit"),
    bind(
        &[Key::char('/')],
        Action::Search,
        "search: the article's text (body), titles and sources (list), names (sidebar)",
        Reader,
        "search",
    ),
    bind(
        &[Key::char(':')],
        Action::GoToPrompt,
        "go to article number N in the list (also: N then G)",
        Reader,
        "",
    ),
    bind(
        &[Key::plain(K::Esc), Key::char('q'), Key::char('?')],
        Action::Back,
        "close the overlay",
        Overlay,
        "close",
    ),
    bind(&[Key::plain(K::Enter)], Action::Edit(Edit::Accept), "accept", Prompt, "accept"),
    bind(&[Key::plain(K::Esc)], Action::Edit(Edit::Cancel), "cancel (a list or sidebar filter is undone)", Prompt, "cancel"),
    bind(&[Key::plain(K::Left), Key::ctrl('b')], Action::Edit(Edit::Left), "cursor left", Prompt, ""),
    bind(&[Key::plain(K::Right), Key::ctrl('f')], Action::Edit(Edit::Right), "cursor right", Prompt, ""),
    bind(&[Key::plain(K::Home), Key::ctrl('a')], Action::Edit(Edit::Home), "cursor to the start", Prompt, ""),
    bind(&[Key::plain(K::End), Key::ctrl('e')], Action::Edit(Edit::End), "cursor to the end", Prompt, ""),
    bind(&[Key::plain(K::Backspace), Key::ctrl('h')], Action::Edit(Edit::Backspace), "delete the character before the cursor", Prompt, ""),
    bind(&[Key::plain(K::Delete), Key::ctrl('d')], Action::Edit(Edit::Delete), "delete the character under the cursor", Prompt, ""),
    bind(&[Key::ctrl('u')], Action::Edit(Edit::DeleteToStart), "delete to the start", Prompt, ""),
    bind(&[Key::ctrl('w')], Action::Edit(Edit::DeleteWord), "delete the word before the cursor", Prompt, ""),
    bind(&[Key::plain(K::Up), Key::ctrl('p')], Action::Edit(Edit::Older), "earlier search (history)", Prompt, "history"),
    bind(&[Key::plain(K::Down), Key::ctrl('n')], Action::Edit(Edit::Newer), "later search (history)", Prompt, "history"),
];

/// The contexts live while the prompt is open: every other key is typed.
pub const PROMPT_CONTEXTS: [Context; 2] = [Always, Prompt];

/// Which contexts are live, in lookup order: the first binding found wins.
pub fn live_contexts(overlay_open: bool, pane: Context) -> Vec<Context> {
    if overlay_open {
        vec![Always, Overlay, Move]
    } else {
        // The body has no bindings of its own: its pane context is `Move`, listed once.
        let mut contexts = vec![Always, pane, Move, Reader];
        contexts.dedup();
        contexts
    }
}

/// The action `key` triggers when `contexts` are live (see [`live_contexts`]).
pub fn lookup(key: Key, contexts: &[Context]) -> Option<Action> {
    contexts.iter().find_map(|&context| {
        BINDINGS
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action)
    })
}

/// Status-bar hints for the live contexts: `(keys, hint)` pairs such as
/// `("n/N", "mention")`, built from the table's `hint` column.
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let mut hints: Vec<(String, &'static str)> = Vec::new();
    let mut last_hint = "";
    for &context in contexts {
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let Some(first) = binding.keys.first() else {
                continue;
            };
            if binding.hint.is_empty() {
                last_hint = "";
                continue;
            }
            match hints.last_mut() {
                Some((keys, hint)) if *hint == binding.hint && last_hint == binding.hint => {
                    keys.push('/');
                    keys.push_str(&first.to_string());
                }
                _ => hints.push((first.to_string(), binding.hint)),
            }
            last_hint = binding.hint;
        }
    }
    hints
}

/// The help overlay's rows: for each context, its heading and `(keys, description)`
/// rows, keys joined by spaces (`j ↓`).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let order = [ArticleList, Sidebar, Move, Reader, Prompt, Overlay, Always];
    order
        .iter()
        .map(|&context| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .map(|b| {
                    let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
                    (keys.join(" "), b.description)
                })
                .collect();
            (context.heading(), rows)
        })
        .collect()
}

/// The key table as a Markdown table, grouped as in the help overlay: the README
/// carries exactly this text (a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what they do |\n| --- | --- | --- |\n");
    for (heading, rows) in help_sections() {
        for (keys, description) in rows {
            let keys: Vec<String> = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {heading} | {} | {description} |\n",
                keys.join(" ")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn live_contexts_list_each_context_once() {
        let contexts = live_contexts(false, Move);
        assert_eq!(contexts, [Always, Move, Reader]);
        let hints = hints(&contexts);
        let move_hints = hints.iter().filter(|(_, h)| *h == "move").count();
        assert_eq!(move_hints, 1, "{hints:?}");
    }

    #[test]
    fn readme_keys_table_matches_the_key_table() {
        let readme = include_str!("../README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's keys table is out of date; it should read:\n{table}"
        );
    }
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn parse_reads_names_chars_and_ctrl() {
        let cases = [
            ("j", Key::char('j')),
            ("J", Key::char('J')),
            ("#", Key::char('#')),
            ("space", Key::char(' ')),
            ("enter", Key::plain(KeyCode::Enter)),
            ("backtab", Key::plain(KeyCode::BackTab)),
            ("pgdn", Key::plain(KeyCode::PageDown)),
            ("ctrl-d", Key::ctrl('d')),
            ("C-u", Key::ctrl('u')),
        ];
        for (text, key) in cases {
            assert_eq!(Key::parse(text), Some(key), "{text}");
        }
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::parse("ctrl-xy"), None);
    }

    #[test]
    fn bindings_have_no_duplicate_key_in_one_context() {
        let mut seen = HashSet::new();
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(
                    seen.insert((binding.context, *key)),
                    "{key} bound twice in {:?}",
                    binding.context
                );
            }
        }
    }

    #[test]
    fn lookup_prefers_the_focused_pane_then_reader_keys() {
        let list = live_contexts(false, ArticleList);
        let sidebar = live_contexts(false, Sidebar);
        let enter = Key::plain(KeyCode::Enter);
        assert_eq!(lookup(enter, &list), Some(Action::OpenArticle));
        assert_eq!(lookup(enter, &sidebar), Some(Action::SelectEntity));
        assert_eq!(lookup(Key::char('n'), &list), Some(Action::NextMention));
        assert_eq!(lookup(Key::char('#'), &list), Some(Action::PreviousMention));
        assert_eq!(lookup(Key::char('q'), &list), Some(Action::Quit));
        assert_eq!(lookup(Key::ctrl('c'), &list), Some(Action::Quit));
        assert_eq!(lookup(Key::char('x'), &list), None);
    }

    #[test]
    fn lookup_in_an_overlay_closes_with_q_and_still_scrolls() {
        let overlay = live_contexts(true, ArticleList);
        assert_eq!(lookup(Key::char('q'), &overlay), Some(Action::Back));
        assert_eq!(lookup(Key::char('j'), &overlay), Some(Action::MoveDown));
        assert_eq!(lookup(Key::char('n'), &overlay), None);
        assert_eq!(lookup(Key::ctrl('c'), &overlay), Some(Action::Quit));
    }

    #[test]
    fn hints_merge_neighbouring_pairs() {
        let hints = hints(&live_contexts(false, Sidebar));
        let shown: Vec<String> = hints.iter().map(|(k, h)| format!("{k} {h}")).collect();
        assert!(shown.contains(&"j/k move".to_string()), "{shown:?}");
        assert!(shown.contains(&"Enter select".to_string()), "{shown:?}");
        assert!(shown.contains(&"n/N mention".to_string()), "{shown:?}");
        assert!(shown.contains(&"]/[ quote".to_string()), "{shown:?}");
        assert!(!shown.iter().any(|s| s.contains("open")), "{shown:?}");
    }

    #[test]
    fn help_sections_cover_every_binding() {
        let rows: usize = help_sections().iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(rows, BINDINGS.len());
    }
}
