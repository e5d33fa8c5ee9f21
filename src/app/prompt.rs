//! The prompt's line editor: the text typed after `/` or `:`, its cursor, and
//! the history of earlier lines recalled with ↑/↓. Pure: it knows [`Edit`]s,
//! not keys or what the line is for, so every prompt of the reader shares it.

use crate::action::Edit;

/// Lines the history keeps (the oldest go first).
pub const HISTORY: usize = 50;

/// Earlier lines, oldest first, each once; kept for the session.
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<String>,
}

impl History {
    /// Remembers `line` as the newest entry (an empty line is not kept; a line
    /// already there moves to the end).
    pub fn push(&mut self, line: &str) {
        if line.is_empty() {
            return;
        }
        self.entries.retain(|e| e != line);
        self.entries.push(line.to_string());
        if self.entries.len() > HISTORY {
            self.entries.remove(0);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.entries.get(i).map(String::as_str)
    }
}

/// What an edit did, for the one who opened the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The line changed (typed, deleted or recalled).
    Changed,
    /// Only the cursor moved, or nothing happened.
    Same,
    /// Enter: the line as typed.
    Accepted(String),
    /// Esc.
    Cancelled,
}

/// The line being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    /// Byte offset of the cursor, always on a char boundary.
    cursor: usize,
    /// The history entry shown (`None`: the line being typed).
    recalled: Option<usize>,
    /// The line being typed, kept while history entries are shown.
    draft: String,
}

impl Prompt {
    /// A prompt holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> Prompt {
        Prompt {
            text: text.to_string(),
            cursor: text.len(),
            ..Prompt::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the cursor in [`Prompt::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Carries out `edit`, recalling lines from `history`.
    pub fn edit(&mut self, edit: Edit, history: &History) -> Outcome {
        let before = self.text.len();
        let was = self.text.clone();
        match edit {
            Edit::Insert(c) if !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Edit::Insert(_) => {}
            Edit::Left => self.cursor = self.previous_boundary(),
            Edit::Right => self.cursor = self.next_boundary(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = before,
            Edit::Backspace => {
                let start = self.previous_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::DeleteWord => {
                // Spaces before the cursor, then the word before them (as readline's Ctrl-W).
                let head = &self.text[..self.cursor];
                let word_end = head.trim_end().len();
                let start = head[..word_end].rfind(char::is_whitespace).map_or(0, |i| {
                    i + head[i..].chars().next().map_or(1, char::len_utf8)
                });
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::Older => self.recall(history, true),
            Edit::Newer => self.recall(history, false),
            Edit::Accept => return Outcome::Accepted(self.text.clone()),
            Edit::Cancel => return Outcome::Cancelled,
        }
        if self.text == was {
            Outcome::Same
        } else {
            Outcome::Changed
        }
    }

    /// ↑ (`older`) or ↓: shows the entry before (after) the one shown; past
    /// the newest, the line that was being typed.
    fn recall(&mut self, history: &History, older: bool) {
        let target = match (self.recalled, older) {
            (None, true) => history.len().checked_sub(1),
            (Some(i), true) => Some(i.saturating_sub(1)),
            (None, false) => return,
            (Some(i), false) => Some(i + 1).filter(|&j| j < history.len()),
        };
        if self.recalled.is_none() {
            self.draft = self.text.clone();
        }
        self.text = match target.and_then(|i| history.get(i)) {
            Some(line) => line.to_string(),
            None if older => return,
            None => std::mem::take(&mut self.draft),
        };
        self.recalled = target;
        self.cursor = self.text.len();
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `text` and then carries out `edits`; the line with `|` at the cursor.
    fn after(text: &str, edits: &[Edit], history: &History) -> String {
        let mut prompt = Prompt::default();
        for c in text.chars() {
            prompt.edit(Edit::Insert(c), history);
        }
        for &edit in edits {
            prompt.edit(edit, history);
        }
        let mut shown = prompt.text().to_string();
        shown.insert(prompt.cursor(), '|');
        shown
    }

    #[test]
    fn each_editing_key_does_what_readline_does() {
        let none = History::default();
        let cases: &[(&str, &[Edit], &str)] = &[
            ("pier", &[], "pier|"),
            ("pier", &[Edit::Left], "pie|r"),
            ("pier", &[Edit::Left, Edit::Right, Edit::Right], "pier|"),
            ("pier", &[Edit::Home], "|pier"),
            ("pier", &[Edit::Home, Edit::End], "pier|"),
            ("pier", &[Edit::Backspace], "pie|"),
            ("pier", &[Edit::Home, Edit::Backspace], "|pier"),
            ("pier", &[Edit::Home, Edit::Delete], "|ier"),
            ("pier", &[Edit::Delete], "pier|"),
            (
                "the pier",
                &[Edit::Left, Edit::Left, Edit::DeleteToStart],
                "|er",
            ),
            ("the old pier", &[Edit::DeleteWord], "the old |"),
            ("the old pier  ", &[Edit::DeleteWord], "the old |"),
            (
                "the old pier",
                &[Edit::DeleteWord, Edit::DeleteWord],
                "the |",
            ),
            ("pier", &[Edit::DeleteWord], "|"),
            ("pier", &[Edit::Home, Edit::Insert('a')], "a|pier"),
            ("pier", &[Edit::Insert('\u{1b}')], "pier|"),
        ];
        for (typed, edits, want) in cases {
            assert_eq!(after(typed, edits, &none), *want, "{typed:?} {edits:?}");
        }
    }

    #[test]
    fn the_cursor_moves_over_whole_characters() {
        let none = History::default();
        assert_eq!(after("Zürich", &[Edit::Left; 4], &none), "Zü|rich");
        assert_eq!(after("Zürich", &[Edit::Left; 5], &none), "Z|ürich");
        let deleted = [
            Edit::Left,
            Edit::Left,
            Edit::Left,
            Edit::Left,
            Edit::Backspace,
        ];
        assert_eq!(after("Zürich", &deleted, &none), "Z|rich");
        assert_eq!(
            after("İstanbul straße", &[Edit::DeleteWord], &none),
            "İstanbul |"
        );
        assert_eq!(
            after("日本 語", &[Edit::DeleteWord, Edit::Backspace], &none),
            "日本|"
        );
    }

    #[test]
    fn history_recalls_older_lines_then_the_draft() {
        let mut history = History::default();
        for line in ["pier", "council", "pier", ""] {
            history.push(line);
        }
        assert_eq!(history.len(), 2, "each line once, no empty line");
        let mut prompt = Prompt::default();
        prompt.edit(Edit::Insert('x'), &history);
        let mut shown = Vec::new();
        for edit in [
            Edit::Older,
            Edit::Older,
            Edit::Older,
            Edit::Newer,
            Edit::Newer,
            Edit::Newer,
        ] {
            prompt.edit(edit, &history);
            shown.push(prompt.text().to_string());
        }
        assert_eq!(shown, ["pier", "council", "council", "pier", "x", "x"]);
        for i in 0..HISTORY + 5 {
            history.push(&i.to_string());
        }
        assert_eq!(history.len(), HISTORY);
    }

    #[test]
    fn enter_and_esc_end_the_prompt() {
        let none = History::default();
        let mut prompt = Prompt::with_text("pier");
        assert_eq!(prompt.edit(Edit::Backspace, &none), Outcome::Changed);
        assert_eq!(prompt.edit(Edit::Left, &none), Outcome::Same);
        assert_eq!(
            prompt.edit(Edit::Accept, &none),
            Outcome::Accepted("pie".into())
        );
        assert_eq!(prompt.edit(Edit::Cancel, &none), Outcome::Cancelled);
    }
}
