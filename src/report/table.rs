//! Cells laid out in columns: an aligned table fitted to a terminal's width
//! (long cells cut at a word with `…`), or tab-separated lines for scripts.
//! Every cell passes the sanitiser on the way in. Widths are display columns
//! (unicode-width), so wide characters line up.

use crate::sanitize::sanitize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub align: Align,
    /// Narrowest it gets when the table is too wide; `None` for a column that
    /// never gives up width (numbers, kinds, dates).
    pub shrink_to: Option<usize>,
    /// Widest it gets, whatever the width.
    pub at_most: usize,
}

impl Column {
    /// A column that keeps its width (short words, numbers).
    pub const fn fixed(header: &'static str, align: Align) -> Column {
        Column {
            header,
            align,
            shrink_to: None,
            at_most: usize::MAX,
        }
    }

    /// A text column that gives up width down to `min`, and is at most `max` wide.
    pub const fn text(header: &'static str, min: usize, max: usize) -> Column {
        Column {
            header,
            align: Align::Left,
            shrink_to: Some(min),
            at_most: max,
        }
    }
}

/// Columns and rows of sanitised cells.
#[derive(Debug, Clone)]
pub struct Table {
    columns: &'static [Column],
    rows: Vec<Vec<String>>,
}

/// Space between two columns.
const GAP: usize = 2;

impl Table {
    pub fn new(columns: &'static [Column]) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra ones dropped).
    pub fn push(&mut self, cells: Vec<String>) {
        let mut row: Vec<String> = cells.iter().map(|cell| sanitize(cell)).collect();
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    /// The widths the columns take within `width` display columns: each as
    /// wide as its widest cell (header included) up to its limit; when they
    /// do not fit, the widest shrinkable column gives up a column at a time
    /// until they do or none can give more.
    pub fn widths(&self, width: usize) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let widest = self
                    .rows
                    .iter()
                    .map(|row| row[i].width())
                    .chain([column.header.width()])
                    .max()
                    .unwrap_or(0);
                widest.min(column.at_most.max(column.header.width()))
            })
            .collect();
        let gaps = GAP * self.columns.len().saturating_sub(1);
        let mut total: usize = widths.iter().sum::<usize>() + gaps;
        while total > width {
            let widest = (0..widths.len())
                .filter(|&i| {
                    self.columns[i]
                        .shrink_to
                        .is_some_and(|min| widths[i] > min.max(self.columns[i].header.width()))
                })
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            let Some(i) = widest else {
                break;
            };
            widths[i] -= 1;
            total -= 1;
        }
        widths
    }

    /// The table with a header line, fitted to `width` display columns.
    pub fn render(&self, width: usize) -> String {
        let widths = self.widths(width);
        let header: Vec<String> = self.columns.iter().map(|c| c.header.to_string()).collect();
        let mut out = String::new();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (i, (cell, column)) in row.iter().zip(self.columns).enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(GAP));
                }
                let cell = fit(cell, widths[i]);
                let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
                match column.align {
                    Align::Left => {
                        line.push_str(&cell);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(&cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Every row on a line, cells whole and separated by tabs, no header
    /// (sanitised text holds no tab or line break).
    pub fn tsv(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        out
    }
}

/// `cell` cut to at most `width` display columns: at the last word break that
/// keeps half the room (else mid-word), ending in `…`.
pub fn fit(cell: &str, width: usize) -> String {
    if cell.width() <= width {
        return cell.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut end = 0;
    let mut used = 0;
    for (at, c) in cell.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    let head = &cell[..end];
    let at_break = cell[end..].starts_with(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    let cut = match head.rfind(' ') {
        Some(space) if !at_break && head[..space].width() * 2 >= room => &head[..space],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::text("NAME", 4, 20),
        Column::fixed("N", Align::Right),
        Column::text("NOTES", 5, usize::MAX),
    ];

    fn table() -> Table {
        let mut table = Table::new(COLUMNS);
        table.push(vec![
            "Ali Khamenei".into(),
            "8".into(),
            "the Supreme Leader, Khamenei".into(),
        ]);
        table.push(vec![
            "IRGC".into(),
            "12".into(),
            "Revolutionary Guard".into(),
        ]);
        table
    }

    #[test]
    fn a_table_that_fits_is_aligned_with_numbers_to_the_right() {
        let text = table().render(80);
        assert_eq!(
            text,
            "NAME           N  NOTES\n\
             Ali Khamenei   8  the Supreme Leader, Khamenei\n\
             IRGC          12  Revolutionary Guard\n"
        );
    }

    #[test]
    fn a_narrow_table_shrinks_the_widest_text_column_and_cuts_at_a_word() {
        let text = table().render(37);
        assert!(text.lines().all(|l| l.width() <= 37), "{text}");
        assert_eq!(
            text.lines().nth(1),
            Some("Ali Khamenei   8  the Supreme Leader…")
        );
        let text = table().render(36);
        assert_eq!(text.lines().nth(1), Some("Ali Khamenei   8  the Supreme…"));
        // Narrower still: both text columns give up width, never below their minimum.
        let widths = table().widths(10);
        assert_eq!(widths, [4, 2, 5]);
    }

    #[test]
    fn fit_counts_display_columns_and_cuts_mid_word_when_no_break_is_near() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("Supercalifragilistic", 8), "Superca…");
        assert_eq!(fit("东京都知事選挙", 7), "东京都…");
        assert_eq!(fit("东京都知事選挙", 7).width(), 7);
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("a, bcdefghij", 6), "a, bc…");
    }

    #[test]
    fn cells_are_sanitised_and_tsv_keeps_them_whole() {
        let mut table = Table::new(COLUMNS);
        table.push(vec!["Evil\u{1b}]0;x\u{7}Name".into(), "1".into()]);
        let tsv = table.tsv();
        assert_eq!(tsv, "Evil␛Name\t1\t\n");
        let text = table.render(80);
        assert!(
            text.lines()
                .all(|l| !l.chars().any(crate::sanitize::is_forbidden)),
            "{text:?}"
        );
    }
}
