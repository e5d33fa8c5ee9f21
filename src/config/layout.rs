//! The `[layout]` section: pane widths, the reading width and centring of
//! the body, which scope the sidebar opens in, and the list's detail lines.
//! [`crate::app::geometry`] turns it into rectangles.

use super::Reader;
use crate::app::Scope;
use toml::de::{DeTable, DeValue};

/// How wide a side pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// This many columns.
    Columns(u16),
    /// This share of the screen, in percent.
    Percent(u16),
}

impl Width {
    /// Columns on a screen `screen` columns wide (a share is at least 18 columns).
    pub fn columns(self, screen: u16) -> u16 {
        match self {
            Width::Columns(c) => c,
            Width::Percent(p) => {
                let share = u32::from(screen) * u32::from(p) / 100;
                u16::try_from(share).unwrap_or(u16::MAX).max(18)
            }
        }
    }

    /// As the config file writes it: `40` or `"25%"`.
    fn toml(self) -> String {
        match self {
            Width::Columns(c) => c.to_string(),
            Width::Percent(p) => format!("\"{p}%\""),
        }
    }

    fn parse(value: &DeValue<'_>) -> Option<Width> {
        let width = match value {
            DeValue::Integer(i) => Width::Columns(i.as_str().parse().ok()?),
            DeValue::String(s) => match s.trim().strip_suffix('%') {
                Some(p) => Width::Percent(p.trim().parse().ok()?),
                None => Width::Columns(s.trim().parse().ok()?),
            },
            _ => return None,
        };
        match width {
            Width::Columns(c) if (8..=500).contains(&c) => Some(width),
            Width::Percent(p) if (5..=60).contains(&p) => Some(width),
            _ => None,
        }
    }
}

/// Where the panes go and how the body reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub list_width: Width,
    pub sidebar_width: Width,
    /// Longest body line in columns; 0 for the whole pane.
    pub reading_width: u16,
    /// Centre the body text in a pane wider than `reading_width`.
    pub center_body: bool,
    /// What the sidebar lists when the reader opens.
    pub sidebar_scope: Scope,
    /// Source and date under each title in the list (two rows an article).
    pub list_details: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            list_width: Width::Percent(25),
            sidebar_width: Width::Percent(22),
            reading_width: 100,
            center_body: true,
            sidebar_scope: Scope::Article,
            list_details: true,
        }
    }
}

const KEYS: &[&str] = &[
    "list_width",
    "sidebar_width",
    "reading_width",
    "center_body",
    "sidebar_scope",
    "list_details",
];

const WIDTH_CHOICES: &str =
    "columns from 8 to 500 (40) or a share of the screen from 5% to 60% (\"25%\")";

/// Reads `[layout]` into `layout`, key by key.
pub(super) fn read(reader: &mut Reader<'_>, table: &DeTable<'_>, layout: &mut Layout) {
    for (key, value) in table {
        match key.get_ref().as_ref() {
            name @ ("list_width" | "sidebar_width") => match Width::parse(value.get_ref()) {
                Some(width) if name == "list_width" => layout.list_width = width,
                Some(width) => layout.sidebar_width = width,
                None => reader.expected(key, value, WIDTH_CHOICES),
            },
            "reading_width" => {
                let width = value
                    .get_ref()
                    .as_integer()
                    .and_then(|i| i.as_str().parse::<u16>().ok())
                    .filter(|&w| w == 0 || (20..=1000).contains(&w));
                match width {
                    Some(w) => layout.reading_width = w,
                    None => {
                        reader.expected(key, value, "0 (the whole pane) or columns from 20 to 1000")
                    }
                }
            }
            "center_body" => reader.boolean(key, value, &mut layout.center_body),
            "list_details" => reader.boolean(key, value, &mut layout.list_details),
            "sidebar_scope" => match value.get_ref().as_str() {
                Some("article") => layout.sidebar_scope = Scope::Article,
                Some("collection") => layout.sidebar_scope = Scope::Collection,
                _ => reader.expected(key, value, "\"article\" or \"collection\""),
            },
            _ => reader.unknown(key, "key in [layout]", KEYS),
        }
    }
}

/// Writes `[layout]` with `layout`'s values and a comment for each key.
pub(super) fn print(out: &mut String, layout: &Layout) {
    let scope = match layout.sidebar_scope {
        Scope::Article => "article",
        Scope::Collection => "collection",
    };
    let lines = [
        (
            format!("Width of the article list: {WIDTH_CHOICES}."),
            format!("list_width = {}", layout.list_width.toml()),
        ),
        (
            format!("Width of the entity sidebar: {WIDTH_CHOICES}."),
            format!("sidebar_width = {}", layout.sidebar_width.toml()),
        ),
        (
            "Longest line of article text, in columns (20 to 1000); 0 wraps at the pane's width.".to_string(),
            format!("reading_width = {}", layout.reading_width),
        ),
        (
            "Centre the text in the body pane when the pane is wider than reading_width. true or false.".to_string(),
            format!("center_body = {}", layout.center_body),
        ),
        (
            "What the sidebar lists when lede opens: \"article\" (its entities) or \"collection\" (all).".to_string(),
            format!("sidebar_scope = \"{scope}\""),
        ),
        (
            "Show each article's source and date under its title in the list. true or false.".to_string(),
            format!("list_details = {}", layout.list_details),
        ),
    ];
    out.push_str("[layout]\n");
    for (comment, line) in lines {
        out.push_str(&format!("# {comment}\n{line}\n"));
    }
}
