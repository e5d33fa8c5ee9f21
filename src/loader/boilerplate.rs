//! Site boilerplate around a plain-text article: the menus, section links and
//! share prompts that come along when a page is copied as text. Used by
//! [`super::text`] on lines, before lines are joined into paragraphs; every
//! line dropped here is kept in the article's `removed` list.
//!
//! The rule is about the *shape* of a line, never its words: navigation is a
//! short label (`Most Read`, `Share this page`, `Comments (12)`), prose is a
//! sentence. Only a block of labels at the very end, right after a paragraph
//! that ends a sentence, is dropped; at the start only menu lines
//! (`Home | World | Sport`) are, because the short lines under a headline are
//! usually part of the story (a standfirst, a dateline, a match's venue and
//! kick-off time). Checked against the 2,225 BBC articles, whose fact boxes
//! and lists (fixtures, seedings, referees) look much like labels.

/// Longest navigation line, in characters (trailing counters included).
pub const MAX_NAV_CHARS: usize = 60;
/// Most words (tokens with a letter) in a navigation line.
pub const MAX_NAV_WORDS: usize = 8;
/// A run of this many lower-case words in a row is running prose.
pub const PROSE_LOWERCASE_RUN: usize = 4;
/// Most words in one item of a menu line (`Middle East | Business`).
pub const MAX_MENU_ITEM_WORDS: usize = 4;

/// Longest line, in bytes, looked at as a possible menu.
const MAX_MENU_BYTES: usize = 1000;

/// Standalone tokens that separate the items of a menu line.
const MENU_SEPARATORS: &[&str] = &["|", "»", "›", ">", "•", "·", "/", "::"];

/// Whether a line reads as a navigation label rather than prose.
///
/// A navigation line is short (at most [`MAX_NAV_CHARS`] characters and
/// [`MAX_NAV_WORDS`] words, numbers not counted), starts with a capital
/// letter, does not end as a sentence or quotation does (`.`, `!`, `?`, `…`,
/// a closing quote, `,` or `;`), has no comma (a list or a dateline), no words
/// in brackets (`Jo Smith (Kent)` is data; a counter like `(43)` is fine), and
/// no run of [`PROSE_LOWERCASE_RUN`] lower-case words. Markdown headings are
/// never navigation.
pub fn is_navigation(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with(char::is_alphabetic) || line.chars().nth(MAX_NAV_CHARS).is_some() {
        return false;
    }
    if line.contains(',') || has_words_in_brackets(line) {
        return false;
    }
    let core = line.trim_end_matches([')', ']']);
    if core.ends_with(['.', '!', '?', '…'])
        || line.ends_with(['"', '\'', '\u{201D}', '\u{2019}', ',', ';'])
    {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|token| token.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() || words.len() > MAX_NAV_WORDS {
        return false;
    }
    let starts_lower = |word: &str| {
        word.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    };
    if starts_lower(words[0]) {
        return false;
    }
    let mut run = 0;
    for word in &words {
        run = if starts_lower(word) { run + 1 } else { 0 };
        if run >= PROSE_LOWERCASE_RUN {
            return false;
        }
    }
    true
}

/// Whether any bracketed part of `line` contains a letter.
fn has_words_in_brackets(line: &str) -> bool {
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth > 0 && c.is_alphabetic() => return true,
            _ => {}
        }
    }
    false
}

/// Whether a line is a menu: short items split by separators such as `|`
/// or `»` (`Home | World | Middle East`).
pub fn is_menu(line: &str) -> bool {
    // A menu fits on a screen line; don't split a huge line into words to find out.
    if line.len() > MAX_MENU_BYTES {
        return false;
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let separators = tokens
        .iter()
        .filter(|t| MENU_SEPARATORS.contains(t))
        .count();
    if separators == 0 || line.trim_end().ends_with(['.', '!', '?', ',', ';']) {
        return false;
    }
    tokens
        .split(|t| MENU_SEPARATORS.contains(t))
        .all(|item| item.len() <= MAX_MENU_ITEM_WORDS)
}

/// Number of lines at the top that are menus or blank, to drop before
/// looking for a title (and again before the body). Never all of the text.
pub fn leading_menu<S: AsRef<str>>(lines: &[S]) -> usize {
    let count = lines
        .iter()
        .map(AsRef::as_ref)
        .take_while(|l| l.trim().is_empty() || is_menu(l))
        .count();
    let text_remains = lines[count..].iter().any(|l| !l.as_ref().trim().is_empty());
    if text_remains { count } else { 0 }
}

/// Index where the trailing navigation (and blank lines) begins: the body
/// ends there. Never all of the text.
///
/// # Algorithm
/// From the end, collect the block of navigation lines (blank lines between
/// them allowed), then accept it only if
/// - the first line above it ends a sentence: labels after a finished
///   paragraph are the page's, while a label after a line that trails off
///   (`... the last line of which is` / `Short End`) ends a wrapped sentence,
///   and one after a data line (`8,661` / `K Clark`) belongs to a fact box;
/// - it is not a list: in a block of three or more lines, a word that every
///   line shares (`Derby v Watford`, `Chelsea v Birmingham`, ...) marks rows
///   of data, while site labels are a mixed bag.
pub fn trailing_navigation<S: AsRef<str>>(lines: &[S]) -> usize {
    let line = |i: usize| lines[i].as_ref();
    let count = (0..lines.len())
        .rev()
        .take_while(|&i| line(i).trim().is_empty() || is_navigation(line(i)))
        .count();
    let start = lines.len() - count;
    let above = (0..start).rev().map(line).find(|l| !l.trim().is_empty());
    let block: Vec<&str> = (start..lines.len())
        .map(|i| line(i).trim())
        .filter(|l| !l.is_empty())
        .collect();
    if block.is_empty() || !above.is_some_and(ends_sentence) || is_list(&block) {
        return lines.len();
    }
    start
}

/// Whether the block is a list or a table, not labels: three or more lines
/// share a word, or most lines hold a number of their own (results, scores).
fn is_list(block: &[&str]) -> bool {
    let Some((first, rest)) = block.split_first() else {
        return false;
    };
    let shares_a_word = first.split_whitespace().any(|word| {
        rest.iter()
            .all(|line| line.split_whitespace().any(|w| w == word))
    });
    let has_number = |line: &&&str| {
        line.split_whitespace()
            .any(|w| w.chars().all(|c| c.is_ascii_digit() || c == '-'))
    };
    let numbered = block.iter().filter(has_number).count();
    block.len() >= 3 && (shares_a_word || numbered * 2 > block.len())
}

/// Whether a line ends as a sentence does (closing quotes and brackets allowed
/// after the stop).
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn is_navigation_accepts_labels_and_counters() {
        for label in [
            "Sports News",
            "News (43')",
            "Economics Daily",
            "Share your story",
            "Send your Videos and Photos to us",
            "Send your Videos and Photos to us  36  579 3660",
            "Most Read",
            "Comments (12)",
            "Related: Iran",
        ] {
            assert!(is_navigation(label), "{label}");
        }
    }

    #[test]
    fn is_navigation_rejects_prose_and_data() {
        for line in [
            "The resignation was not accepted by Rouhani.",
            "\"We will win,\" he said.",
            "He told the BBC: \"It is over\"",
            "and the talks went on into the night",
            "Shares rose in early trading on the news",
            "The visit was a surprise (officials said.)",
            "Sunday,",
            "Tuesday, 1 March",
            "2000 GMT",
            "32 Jo Bloggs (Ruritania)",
            "Jo Bloggs (Kent)",
            ": J Smith",
            "",
            "# Section heading",
            "A very long line that goes on and on and on and on and well past any plausible label",
        ] {
            assert!(!is_navigation(line), "{line}");
        }
    }

    #[test]
    fn is_menu_needs_separators_and_short_items() {
        assert!(is_menu("Home | World | Middle East"));
        assert!(is_menu("News » World » Asia"));
        assert!(!is_menu("Iran and Syria"));
        assert!(!is_menu(
            "Prices rose 5% / year, the bank said in its report today"
        ));
    }

    #[test]
    fn trailing_navigation_drops_labels_after_a_finished_paragraph() {
        let text = lines(
            "Prose one.\n\nShort Label\n\nProse two ends here.\nSports News\n\nShare your story\n",
        );
        assert_eq!(trailing_navigation(&text), 5);
        let quoted = lines("\"It is over,\" he said.\n\nMost Read\nMore Stories");
        assert_eq!(trailing_navigation(&quoted), 1);
    }

    #[test]
    fn trailing_navigation_keeps_wrapped_sentences_and_fact_boxes() {
        let wrapped = lines("Some prose that is\nwrapped and the last line of which is\nShort End");
        assert_eq!(trailing_navigation(&wrapped), wrapped.len());
        let fact_box = lines("Prose ends here.\n\n8,661\n\nK Clark");
        assert_eq!(trailing_navigation(&fact_box), fact_box.len());
    }

    #[test]
    fn trailing_navigation_keeps_result_tables() {
        let text = "The league ended on Saturday.\nDivision two\nAyr 6 Berwick 0\nClyde 0 Hamilton 2\nDumbarton 1 Brechin 1";
        assert_eq!(trailing_navigation(&lines(text)), 5);
    }

    #[test]
    fn trailing_navigation_keeps_lists() {
        let fixtures = lines(
            "The draw was made on Monday.\n\nDerby v Watford\n\nChelsea v Birmingham\n\nOldham v Bolton",
        );
        assert_eq!(trailing_navigation(&fixtures), fixtures.len());
    }

    #[test]
    fn boilerplate_scans_never_drop_everything() {
        let all_labels = lines("Most Read\n\nShare your story");
        assert_eq!(trailing_navigation(&all_labels), all_labels.len());
        assert_eq!(leading_menu(&lines("Home | World")), 0);
        assert_eq!(leading_menu(&lines("Home | World\n\nText.")), 2);
    }
}
