//! The config file, `$XDG_CONFIG_HOME/lede/config.toml`: keys, colours,
//! layout and a few switches, every one optional. A file that has a bad key
//! still counts for its good ones: it is read as a TOML table with spans and
//! key by key, so every problem names its line and column and the valid
//! choices, and the key in question keeps its default. Plain data, no
//! terminal: `ui::theme` turns [`Colours`] into styles, the app takes the
//! [`Keymap`] and [`Layout`].

mod colours;
mod keys;
mod layout;

pub use colours::{Colour, Colours, Modifiers, StyleSpec};
pub use layout::{Layout, Width};

use crate::keymap::Keymap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Everything the config file can set; [`Config::default`] is lede without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The key table, with the file's `[keys]` applied.
    pub keymap: Keymap,
    pub colours: Colours,
    pub layout: Layout,
    /// Whether the reader captures the mouse (`[reader] mouse`).
    pub mouse: bool,
    /// Whether a quote may be copied to the clipboard through the terminal
    /// (OSC 52; `[reader] clipboard`).
    pub clipboard: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            colours: Colours::default(),
            layout: Layout::default(),
            mouse: true,
            clipboard: true,
        }
    }
}

/// Something wrong in the config file, where it is and what would be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the file as a whole is the problem (unreadable).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Where lede looks for its config file (`None` without a home directory).
pub fn path() -> Option<PathBuf> {
    crate::fetch::default_config_dir().map(|dir| dir.join("config.toml"))
}

/// Reads the config file at `path`: no file is no problem, the defaults;
/// a file that cannot be read is one problem, and the defaults.
pub fn load(path: &Path) -> (Config, Vec<Problem>) {
    match read_user_file(path, "using the defaults") {
        Ok(Some(text)) => parse(&text, &path.display().to_string()),
        Ok(None) => (Config::default(), Vec::new()),
        Err(problem) => (Config::default(), vec![problem]),
    }
}

/// Reads a file the user may keep or not (the config, the corrections):
/// `Ok(None)` when there is none, else its text, or one problem naming it
/// when it cannot be read, saying what lede does instead (`instead`).
pub fn read_user_file(path: &Path, instead: &str) -> Result<Option<String>, Problem> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Problem {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read it ({e}); {instead}"),
        }),
    }
}

/// Reads config text; `file` names it in the problems.
pub fn parse(text: &str, file: &str) -> (Config, Vec<Problem>) {
    let mut reader = Reader {
        text,
        file,
        problems: Vec::new(),
    };
    let mut config = Config::default();
    match DeTable::parse(text) {
        Ok(document) => reader.document(document.get_ref(), &mut config),
        Err(error) => reader.not_toml(&error, "using the defaults for everything"),
    }
    let mut problems = reader.problems;
    problems.sort_by_key(|p| (p.line, p.column));
    (config, problems)
}

/// The sections of the file, for the problem that names an unknown one.
const SECTIONS: &[&str] = &["reader", "layout", "colours", "keys"];

/// Reads a parsed document into a config, collecting problems.
pub(crate) struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    /// A reader of `text`, naming `file` in its problems.
    pub(crate) fn new(text: &'a str, file: &'a str) -> Self {
        Reader {
            text,
            file,
            problems: Vec::new(),
        }
    }

    /// The problems found, in file order.
    pub(crate) fn into_problems(self) -> Vec<Problem> {
        let mut problems = self.problems;
        problems.sort_by_key(|p| (p.line, p.column));
        problems
    }

    fn document(&mut self, document: &DeTable<'_>, config: &mut Config) {
        for (key, value) in document {
            let name = key.get_ref().as_ref();
            match name {
                "reader" => {
                    if let Some(table) = self.table(key, value) {
                        self.reader_section(table, config);
                    }
                }
                "layout" => {
                    if let Some(table) = self.table(key, value) {
                        layout::read(self, table, &mut config.layout);
                    }
                }
                "colours" => {
                    if let Some(table) = self.table(key, value) {
                        colours::read(self, table, &mut config.colours);
                    }
                }
                "keys" => {
                    if let Some(table) = self.table(key, value) {
                        let mut rebindings = keys::read(self, table);
                        rebindings.sort_by_key(|(_, span)| span.start);
                        let (keymap, problems) = Keymap::rebound(
                            &rebindings
                                .iter()
                                .map(|(r, _)| r.clone())
                                .collect::<Vec<_>>(),
                        );
                        for (index, message) in problems {
                            self.problem(rebindings[index].1.clone(), message);
                        }
                        config.keymap = keymap;
                    }
                }
                _ => self.unknown(key, "section", SECTIONS),
            }
        }
    }

    fn reader_section(&mut self, table: &DeTable<'_>, config: &mut Config) {
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "mouse" => self.boolean(key, value, &mut config.mouse),
                "clipboard" => self.boolean(key, value, &mut config.clipboard),
                _ => self.unknown(key, "key in [reader]", &["mouse", "clipboard"]),
            }
        }
    }

    /// The file is not TOML: one problem where the parser stopped, saying
    /// what lede does `then`.
    pub(crate) fn not_toml(&mut self, error: &toml::de::Error, then: &str) {
        let span = error.span().unwrap_or(0..0);
        let first = error.message().lines().next().unwrap_or("").trim();
        self.problem(span, format!("not valid TOML ({first}); {then}"));
    }

    /// Records a problem at byte range `span` of the file.
    pub(crate) fn problem(&mut self, span: Range<usize>, message: String) {
        let before = self.text.get(..span.start).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            message,
        });
    }

    /// An unknown `key`: says which `what` would be valid.
    pub(crate) fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        what: &str,
        valid: &[&str],
    ) {
        self.problem(
            key.span(),
            format!(
                "unknown {what} `{}` (valid: {}); ignored",
                key.get_ref(),
                valid.join(", ")
            ),
        );
    }

    /// `value` as a table, or a problem.
    pub(crate) fn table<'t, 'i>(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &'t Spanned<DeValue<'i>>,
    ) -> Option<&'t DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.expected(key, value, &format!("a table ([{}])", key.get_ref()));
        }
        table
    }

    /// Sets `slot` from a boolean `value`, or records a problem.
    pub(crate) fn boolean(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        slot: &mut bool,
    ) {
        match value.get_ref().as_bool() {
            Some(b) => *slot = b,
            None => self.expected(key, value, "true or false"),
        }
    }

    /// "`key`: expected X, found a string; using the default".
    pub(crate) fn expected(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        expected: &str,
    ) {
        let found = match value.get_ref() {
            DeValue::String(s) => format!("\"{s}\""),
            DeValue::Integer(i) => i.as_str().to_string(),
            DeValue::Boolean(b) => b.to_string(),
            other => format!("a {}", other.type_str()),
        };
        self.problem(
            value.span(),
            format!(
                "`{}`: expected {expected}, found {found}; using the default",
                key.get_ref()
            ),
        );
    }
}

/// The defaults as a config file, every key with a comment: what
/// `lede --print-config` prints, and what the README shows.
pub fn default_text() -> String {
    let config = Config::default();
    let mut out = String::from(
        "# lede's configuration: $XDG_CONFIG_HOME/lede/config.toml (else ~/.config/lede/config.toml).\n\
         # Every key is optional; these are the defaults. A bad key is reported (status line, `e`)\n\
         # and keeps its default; the others still count.\n\n",
    );
    out.push_str("[reader]\n");
    out.push_str("# Capture the mouse (wheel, clicks); false leaves selection to the terminal. true or false.\n");
    out.push_str(&format!("mouse = {}\n", config.mouse));
    out.push_str(
        "# Let the quotes view copy a quote to the clipboard through the terminal (OSC 52). true or false.\n",
    );
    out.push_str(&format!("clipboard = {}\n\n", config.clipboard));
    layout::print(&mut out, &config.layout);
    out.push('\n');
    colours::print(&mut out, &config.colours);
    out.push('\n');
    keys::print(&mut out, &config.keymap);
    out
}

#[cfg(test)]
mod tests;
