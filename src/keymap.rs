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

    /// The key as a config file writes it, which [`Key::parse`] reads back
    /// (`j`, `ctrl-d`, `space`, `down`).
    pub fn name(self) -> String {
        let code = match self.code {
            KeyCode::Char(' ') => "space",
            KeyCode::Char(c) => return format!("{}{c}", if self.ctrl { "ctrl-" } else { "" }),
            KeyCode::Enter => "enter",
            KeyCode::Esc => "esc",
            KeyCode::Tab => "tab",
            KeyCode::BackTab => "backtab",
            KeyCode::Up => "up",
            KeyCode::Down => "down",
            KeyCode::Left => "left",
            KeyCode::Right => "right",
            KeyCode::Home => "home",
            KeyCode::End => "end",
            KeyCode::PageUp => "pgup",
            KeyCode::PageDown => "pgdn",
            KeyCode::Backspace => "backspace",
            KeyCode::Delete => "delete",
        };
        code.to_string()
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
    /// Every context, as the config file's `[keys.<context>]` tables name them.
    pub const ALL: &[Context] = &[Always, Move, ArticleList, Sidebar, Reader, Overlay, Prompt];

    /// The context's name in the config file (`[keys.overlay]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Always => "always",
            Context::Move => "move",
            Context::ArticleList => "list",
            Context::Sidebar => "sidebar",
            Context::Reader => "reader",
            Context::Overlay => "overlay",
            Context::Prompt => "prompt",
        }
    }

    /// The context a config file names, if any.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// Whether the two contexts are ever live at once, so that one key in
    /// both would be looked up in the one found first.
    pub fn live_with(self, other: Context) -> bool {
        let panes = [ArticleList, Move, Sidebar];
        let both = |live: &[Context]| live.contains(&self) && live.contains(&other);
        both(&PROMPT_CONTEXTS)
            || [false, true].into_iter().any(|overlay| {
                panes
                    .iter()
                    .any(|&pane| both(&live_contexts(overlay, pane)))
            })
    }

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
    bind(&[Key::ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)", Always, ""),
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
        "list only articles mentioning the selected entity; with a second, both (again: take it off)",
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
    bind(&[Key::char('r')], Action::ToggleRead, "mark the article read or unread (in the list: the one under the cursor)", Reader, ""),
    bind(&[Key::char('S')], Action::ToggleStar, "star the article, or take the star away", Reader, ""),
    bind(&[Key::char('u')], Action::NextUnread, "open the next unread article (going round from the top)", Reader, ""),
    bind(&[Key::char('U')], Action::ToggleHideRead, "hide read articles from the list (again: show them)", Reader, ""),
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
        "go to article number N (also: N then G), or search the collection: words, \"phrases\", AND/OR/NOT, title: entity: speaker: date:",
        Reader,
        "",
    ),
    bind(
        &[Key::char('"')],
        Action::ShowQuotes,
        "quotes: what the selected entity said everywhere, else this article's by speaker",
        Reader,
        "quotes",
    ),
    bind(&[Key::char('}')], Action::NextGroup, "next group (people, organizations, places, other)", Sidebar, "group"),
    bind(&[Key::char('{')], Action::PreviousGroup, "previous group", Sidebar, "group"),
    bind(&[Key::char('x')], Action::HideEntity, "hide this entity everywhere (kept in entities.toml)", Sidebar, ""),
    bind(&[Key::char('c')], Action::CycleKind, "change its kind: person, organization, place, other (kept)", Sidebar, ""),
    bind(&[Key::char('m')], Action::MarkEntity, "mark this entity to merge (again: unmark)", Sidebar, ""),
    bind(&[Key::char('M')], Action::MergeMarked, "merge the marked entity into this one (kept)", Sidebar, ""),
    bind(&[Key::char('X')], Action::UndoCorrection, "undo the last correction", Sidebar, ""),
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
        &[Key::plain(K::Esc), Key::char('q'), Key::char('?')],
        Action::Back,
        "close the overlay",
        Overlay,
        "close",
    ),
    bind(&[Key::plain(K::Enter)], Action::GoToQuote, "quotes view: go to the quote in its article", Overlay, ""),
    bind(&[Key::char('y')], Action::CopyQuote, "quotes view: copy the quote (if clipboard is on)", Overlay, ""),
    bind(
        &[Key::char('"')],
        Action::ShowQuotes,
        "quotes view: switch between the entity's quotes and this article's",
        Overlay,
        "",
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

/// One row of a [`Keymap`]: a [`Binding`] whose keys a config file may have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
    pub context: Context,
    pub hint: &'static str,
}

/// A status-bar hint: keys such as `n/N`, a word, and whether it must stay
/// when the line is short (help, quit and closing an overlay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub hint: &'static str,
    pub essential: bool,
}

/// A config file's keys for one action: in one context, or (`context: None`)
/// wherever the action is bound outside `always` and `overlay`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebinding {
    pub context: Option<Context>,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// The key table the reader looks keys up in: [`BINDINGS`] with a config
/// file's [`Rebinding`]s applied. Help, status hints and the README's table
/// are drawn from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Row>,
}

impl Default for Keymap {
    fn default() -> Self {
        let rows = BINDINGS
            .iter()
            .map(|b| Row {
                keys: b.keys.to_vec(),
                action: b.action,
                description: b.description,
                context: b.context,
                hint: b.hint,
            })
            .collect();
        Keymap { rows }
    }
}

/// The default table, built once for the free functions below.
fn default_keymap() -> &'static Keymap {
    static DEFAULT: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(Keymap::default);
    &DEFAULT
}

impl Keymap {
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The default table with `rebindings` applied. A key the config gives an
    /// action leaves every default binding of the contexts live with that one;
    /// a key given to two actions that are live together is a problem, and the
    /// later one loses it. Returns the problems with the index of the
    /// rebinding each is about.
    pub fn rebound(rebindings: &[Rebinding]) -> (Keymap, Vec<(usize, String)>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        // (row, rebinding) for every row a rebinding set.
        let mut set: Vec<(usize, usize)> = Vec::new();
        for (r, rebinding) in rebindings.iter().enumerate() {
            let mut keys = rebinding.keys.clone();
            // A key given to another action live here, earlier in the file, stays there.
            keys.retain(|key| {
                let clash = set.iter().find(|&&(row, _)| {
                    let other = &map.rows[row];
                    other.action != rebinding.action
                        && other.keys.contains(key)
                        && map
                            .targets(rebinding)
                            .iter()
                            .any(|&t| map.rows[t].context.live_with(other.context))
                });
                if let Some(&(row, _)) = clash {
                    problems.push((
                        r,
                        format!(
                            "key \"{}\" is already bound to {} in {}",
                            key.name(),
                            map.rows[row].action.name(),
                            map.rows[row].context.name()
                        ),
                    ));
                }
                clash.is_none()
            });
            let mut targets = map.targets(rebinding);
            if targets.is_empty() {
                // No such binding yet: a new row, described as the action's other rows.
                let model = map.rows.iter().find(|row| row.action == rebinding.action);
                map.rows.push(Row {
                    keys: Vec::new(),
                    action: rebinding.action,
                    description: model.map_or(rebinding.action.name(), |m| m.description),
                    context: rebinding.context.unwrap_or(Reader),
                    hint: model.map_or("", |m| m.hint),
                });
                targets.push(map.rows.len() - 1);
            }
            for &t in &targets {
                map.rows[t].keys.clone_from(&keys);
                set.retain(|&(row, _)| row != t);
                set.push((t, r));
            }
        }
        // Keys the config gave leave the default rows live alongside.
        let given: Vec<(Context, Key)> = set
            .iter()
            .flat_map(|&(row, _)| {
                let row = &map.rows[row];
                row.keys.iter().map(move |&k| (row.context, k))
            })
            .collect();
        for (i, row) in map.rows.iter_mut().enumerate() {
            if set.iter().any(|&(r, _)| r == i) {
                continue;
            }
            row.keys.retain(|key| {
                !given
                    .iter()
                    .any(|&(context, k)| k == *key && context.live_with(row.context))
            });
        }
        (map, problems)
    }

    /// The rows a rebinding sets.
    fn targets(&self, rebinding: &Rebinding) -> Vec<usize> {
        let of_action = |row: &Row| row.action == rebinding.action;
        let rows: Vec<usize> = match rebinding.context {
            Some(context) => (0..self.rows.len())
                .filter(|&i| of_action(&self.rows[i]) && self.rows[i].context == context)
                .collect(),
            None => (0..self.rows.len())
                .filter(|&i| {
                    of_action(&self.rows[i]) && !matches!(self.rows[i].context, Always | Overlay)
                })
                .collect(),
        };
        if rows.is_empty() && rebinding.context.is_none() {
            // An action bound only in `always` or `overlay`.
            return (0..self.rows.len())
                .filter(|&i| of_action(&self.rows[i]))
                .collect();
        }
        rows
    }

    /// The action `key` triggers when `contexts` are live (see [`live_contexts`]).
    pub fn lookup(&self, key: Key, contexts: &[Context]) -> Option<Action> {
        contexts.iter().find_map(|&context| {
            self.rows
                .iter()
                .find(|b| b.context == context && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// The first key of `action` among the live `contexts`, for messages
    /// that name it ("? for help").
    pub fn key_for(&self, action: Action, contexts: &[Context]) -> Option<Key> {
        contexts.iter().find_map(|&context| {
            self.rows
                .iter()
                .find(|b| b.context == context && b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }

    /// Status-bar hints for the live contexts, built from the table's `hint`
    /// column: neighbouring rows with the same hint show together (`n/N mention`).
    pub fn hints(&self, contexts: &[Context]) -> Vec<Hint> {
        let mut hints: Vec<Hint> = Vec::new();
        let mut last_hint = "";
        for &context in contexts {
            for row in self.rows.iter().filter(|b| b.context == context) {
                let Some(first) = row.keys.first() else {
                    continue;
                };
                if row.hint.is_empty() {
                    last_hint = "";
                    continue;
                }
                match hints.last_mut() {
                    Some(hint) if hint.hint == row.hint && last_hint == row.hint => {
                        hint.keys.push('/');
                        hint.keys.push_str(&first.to_string());
                    }
                    _ => hints.push(Hint {
                        keys: first.to_string(),
                        hint: row.hint,
                        essential: matches!(row.action, Action::Quit | Action::ShowHelp)
                            || row.context == Overlay,
                    }),
                }
                last_hint = row.hint;
            }
        }
        hints
    }

    /// The help overlay's rows: for each context, its heading and `(keys, description)`
    /// rows, keys joined by spaces (`j ↓`). A row whose keys were all taken is left out.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let order = [ArticleList, Sidebar, Move, Reader, Prompt, Overlay, Always];
        order
            .iter()
            .map(|&context| {
                let rows = self
                    .rows
                    .iter()
                    .filter(|b| b.context == context && !b.keys.is_empty())
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
    /// carries exactly this text for the default table (a test keeps the two the same).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| where | keys | what they do |\n| --- | --- | --- |\n");
        for (heading, rows) in self.help_sections() {
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
}

/// The action `key` triggers in the default table when `contexts` are live.
pub fn lookup(key: Key, contexts: &[Context]) -> Option<Action> {
    default_keymap().lookup(key, contexts)
}

/// The default table's status-bar hints as `(keys, hint)` pairs such as `("n/N", "mention")`.
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    default_keymap()
        .hints(contexts)
        .into_iter()
        .map(|h| (h.keys, h.hint))
        .collect()
}

/// The default table's help overlay rows (see [`Keymap::help_sections`]).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    default_keymap().help_sections()
}

/// The default table as the README's Markdown table.
pub fn markdown_table() -> String {
    default_keymap().markdown_table()
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

#[cfg(test)]
mod keymap_tests {
    use super::*;

    #[test]
    fn contexts_live_together_as_lookup_sees_them() {
        assert!(Reader.live_with(Move) && Reader.live_with(ArticleList));
        assert!(Always.live_with(Overlay) && Move.live_with(Overlay));
        assert!(!Reader.live_with(Overlay));
        assert!(!ArticleList.live_with(Sidebar));
        for &context in Context::ALL {
            assert_eq!(Context::from_name(context.name()), Some(context));
        }
    }

    #[test]
    fn help_quit_and_close_hints_are_essential() {
        let keymap = Keymap::default();
        let essential: Vec<String> = keymap
            .hints(&live_contexts(false, ArticleList))
            .into_iter()
            .filter(|h| h.essential)
            .map(|h| format!("{} {}", h.keys, h.hint))
            .collect();
        assert_eq!(essential, ["? help", "q quit"]);
        let overlay = keymap.hints(&live_contexts(true, ArticleList));
        assert!(overlay.iter().any(|h| h.essential && h.hint == "close"));
    }

    #[test]
    fn key_names_read_back() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert_eq!(Key::parse(&key.name()), Some(*key), "{key}");
            }
        }
    }

    #[test]
    fn a_rebound_key_leaves_the_default_rows_live_with_it_only() {
        let (map, problems) = Keymap::rebound(&[Rebinding {
            context: None,
            action: Action::ToggleFilter,
            keys: vec![Key::char('j')],
        }]);
        assert!(problems.is_empty());
        let list = live_contexts(false, ArticleList);
        assert_eq!(
            map.lookup(Key::char('j'), &list),
            Some(Action::ToggleFilter)
        );
        // `j` left moving down (Move is live with Reader), `↓` stays.
        assert_eq!(
            map.lookup(Key::plain(KeyCode::Down), &list),
            Some(Action::MoveDown)
        );
        assert_eq!(
            map.lookup(Key::char('j'), &live_contexts(true, ArticleList)),
            None
        );
    }
}
