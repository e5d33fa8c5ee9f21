//! Reflow: wraps one paragraph to a width and returns each line as a byte range
//! over the paragraph's own string. The app caches these ranges per width and the
//! body pane slices the paragraph with them, so offsets from the analysis (quotes,
//! mentions) line up with what is drawn without any copying or re-measuring.

use std::ops::Range;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `paragraph` to lines of at most `width` columns (at least one column is
/// assumed), returning the byte range of each line inside `paragraph`.
///
/// Lines break at spaces and around wide (CJK) characters; a word wider than the
/// line is broken at character boundaries. The spaces where a line breaks belong
/// to no range. An empty paragraph is one empty line, so every paragraph has at
/// least one line.
///
/// # Algorithm
///
/// textwrap does the work on borrowed words: `find_words` cuts the paragraph
/// into `Word`s that are sub-slices of it, [`break_words`] splits words wider than
/// the line, and [`wrap_first_fit`] packs them greedily into lines. Every word is a
/// slice of `paragraph`, so its byte offset is the distance between the two
/// pointers; a line runs from its first word's start to its last word's end.
pub fn wrap(paragraph: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let words = break_words(find_words(paragraph), width);
    if words.is_empty() {
        return std::iter::once(0..0).collect();
    }
    // Line widths are whole columns; f64 is what textwrap's algorithm takes.
    let widths = [f64::from(u32::try_from(width).unwrap_or(u32::MAX))];
    wrap_first_fit(&words, &widths)
        .into_iter()
        .filter_map(|line| {
            let first = line.first()?;
            let last = line.last()?;
            let start = offset_in(paragraph, first.word);
            let end = offset_in(paragraph, last.word) + last.word.len();
            Some(start..end)
        })
        .collect()
}

/// Display width of `text` in terminal columns (what a wrapped line must fit in).
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Byte offset of `part` inside `whole`; `part` must be a sub-slice of `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Splits a paragraph into words that are sub-slices of it: runs of non-space
/// text with their trailing spaces, further cut around wide characters so that
/// CJK text (written without spaces) can break between ideographs.
fn find_words(paragraph: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    for word in WordSeparator::AsciiSpace.find_words(paragraph) {
        let text = word.word;
        let mut piece_start = 0;
        let mut prev_wide = false;
        for (i, ch) in text.char_indices() {
            let w = ch.width().unwrap_or(0);
            // Break before a wide char or after one, but never before a
            // zero-width char (a combining mark stays with its base).
            if i > piece_start && w > 0 && (prev_wide || w > 1) {
                words.push(piece(&text[piece_start..i], ""));
                piece_start = i;
            }
            if w > 0 {
                prev_wide = w > 1;
            }
        }
        words.push(piece(&text[piece_start..], word.whitespace));
    }
    words
}

/// A textwrap word over `text`, followed by `whitespace` (spaces only).
fn piece<'a>(text: &'a str, whitespace: &'a str) -> Word<'a> {
    Word {
        word: text,
        whitespace,
        penalty: "",
        width: display_width(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each wrapped line.
    fn lines(paragraph: &str, width: usize) -> Vec<&str> {
        wrap(paragraph, width)
            .into_iter()
            .map(|r| &paragraph[r])
            .collect()
    }

    #[test]
    fn wrap_splits_on_spaces_table() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("", 10, &[""]),
            ("one", 10, &["one"]),
            ("one two three", 7, &["one two", "three"]),
            ("one two three", 13, &["one two three"]),
            ("one  two", 3, &["one", "two"]),
            ("a b c d", 1, &["a", "b", "c", "d"]),
            // curly quotes and apostrophes are ordinary characters
            (
                "“Iran’s ally,” he said",
                13,
                &["“Iran’s", "ally,” he", "said"],
            ),
        ];
        for (text, width, want) in cases {
            assert_eq!(lines(text, *width), *want, "{text:?} at {width}");
        }
    }

    #[test]
    fn wrap_breaks_long_words() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("x abcdefghij y", 4), ["x", "abcd", "efgh", "ij y"]);
    }

    #[test]
    fn wrap_measures_cjk_as_two_columns() {
        // Six ideographs are twelve columns; breaks fall between them.
        assert_eq!(lines("伊朗与叙利亚", 4), ["伊朗", "与叙", "利亚"]);
        assert_eq!(lines("伊朗与叙利亚", 5), ["伊朗", "与叙", "利亚"]);
        assert_eq!(lines("Iran 伊朗与叙利亚", 8), ["Iran 伊", "朗与叙利", "亚"]);
        // A wide character never fits in one column, but is still placed.
        assert_eq!(lines("伊朗", 1), ["伊", "朗"]);
    }

    #[test]
    fn wrap_keeps_combining_marks_with_their_base() {
        // "e" + U+0301 is one column; the mark never starts a line.
        let text = "cafe\u{301} cafe\u{301}";
        assert_eq!(lines(text, 4), ["cafe\u{301}", "cafe\u{301}"]);
        let long = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(long, 2), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn wrap_ranges_are_exact_char_boundaries_and_fit() {
        let texts = [
            "The Supreme Leader said \"Syria is the front line\" on Sunday.",
            "Ali Khamenei—Bashar al-Assad  talks; 伊朗 and Syria’s ties, naïve café…",
            "   leading spaces and trailing   ",
            "supercalifragilisticexpialidocious word",
        ];
        for text in texts {
            for width in 1..40 {
                let mut previous_end = 0;
                for range in wrap(text, width) {
                    assert!(text.is_char_boundary(range.start), "{text:?} {width}");
                    assert!(text.is_char_boundary(range.end), "{text:?} {width}");
                    assert!(range.start >= previous_end, "lines are in order");
                    let line = &text[range.clone()];
                    let fits = display_width(line) <= width || line.chars().count() == 1;
                    assert!(fits, "{line:?} wider than {width}");
                    // Only spaces are dropped between lines.
                    assert!(text[previous_end..range.start].chars().all(|c| c == ' '));
                    previous_end = range.end;
                }
                assert!(text[previous_end..].chars().all(|c| c == ' '));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn wrap_ranges_hold_for_any_text(
            text in "[a-z \u{e9}\u{301}\u{4f0a}\u{6717}\u{201c}\u{201d}]{0,80}",
            width in 1usize..30,
        ) {
            let mut previous_end = 0;
            for range in wrap(&text, width) {
                proptest::prop_assert!(text.is_char_boundary(range.start));
                proptest::prop_assert!(text.is_char_boundary(range.end));
                proptest::prop_assert!(range.start >= previous_end);
                let line = &text[range.clone()];
                proptest::prop_assert!(display_width(line) <= width.max(2), "{:?}", line);
                proptest::prop_assert!(text[previous_end..range.start].chars().all(|c| c == ' '));
                previous_end = range.end;
            }
            proptest::prop_assert!(text[previous_end..].chars().all(|c| c == ' '));
        }
    }

    #[test]
    fn wrap_treats_zero_width_as_one() {
        assert_eq!(lines("ab", 0), ["a", "b"]);
    }
}
