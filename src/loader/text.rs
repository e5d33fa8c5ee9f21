//! Plain text and Markdown articles: lines → title, paragraphs and removed
//! boilerplate. Called by [`crate::loader::parse_file`] on decoded text.
//!
//! Two layouts are recognised. The BBC layout starts with a short headline
//! line followed by a blank line; that line is the title. Anything else (a
//! page copied from a site, like the sample article) takes its title from the
//! first sentence and keeps every paragraph. Paragraphs are separated by blank
//! lines; the lines inside one are joined with a space.

use super::boilerplate;
use super::markup;
use super::{LoadError, finish_article, normalize_newlines};
use crate::model::Article;
use crate::sanitize::sanitized;
use std::borrow::Cow;

/// Longest line, in characters, taken as a headline in the BBC layout.
pub const MAX_HEADLINE_CHARS: usize = 100;

/// Parses a plain-text (or, with `markdown`, a Markdown) file into its one
/// article.
///
/// # Algorithm
/// Work on lines before anything is joined, because boilerplate comes in lines:
/// 1. decode line ends and character references (`&#233;`), sanitise and
///    trim every line, runs of blank lines kept as one;
/// 2. drop menu lines at the top (`Home | World | Sport`);
/// 3. take the title: a Markdown `#` heading, or a headline-like first line
///    followed by a blank line and more text;
/// 4. drop menu lines under the title and navigation lines at the end
///    ([`boilerplate`]), keeping at least one line;
/// 5. group the rest into paragraphs at blank lines.
pub fn parse(
    label: &str,
    text: &str,
    markdown: bool,
) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    let normalized = normalize_newlines(text);
    // Lines borrow from the text unless the sanitiser had to change them: a
    // file of millions of short lines then costs a slice per line, not a string.
    // Sized once: doubling a vector of millions of lines would briefly hold twice as much.
    let line_count = normalized.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut lines: Vec<Cow<'_, str>> = Vec::with_capacity(line_count);
    for line in normalized.split('\n') {
        // One blank line separates as well as many; keeping only one makes
        // a file of millions of empty lines cost next to nothing.
        let after_blank = lines.last().is_some_and(|l| l.is_empty());
        if after_blank && line.trim().is_empty() {
            continue;
        }
        // Character references in a text file are what a page it was copied
        // from escaped ("Pascal Pap&#233;" in the BBC files): decoded, then
        // sanitised, as what they decode to may be a control character.
        let line = match markup::decode_entities(line) {
            Cow::Borrowed(raw) => match sanitized(raw) {
                Cow::Borrowed(safe) => Cow::Borrowed(safe.trim()),
                Cow::Owned(changed) => Cow::Owned(changed.trim().to_string()),
            },
            Cow::Owned(decoded) => Cow::Owned(sanitized(&decoded).trim().to_string()),
        };
        if !(after_blank && line.is_empty()) {
            lines.push(line);
        }
    }
    let mut removed = Vec::new();

    let mut start = boilerplate::leading_menu(&lines);
    removed.extend(non_blank(&lines[..start]));

    let mut title = String::new();
    if let Some(first) = lines[start..].iter().position(|l| !l.is_empty()) {
        let first = start + first;
        let has_more = |after: usize| lines[after..].iter().any(|l| !l.is_empty());
        if let Some(heading) = markdown.then(|| markdown_heading(&lines[first])).flatten() {
            title = heading.to_string();
            start = first + 1;
        } else if is_headline(&lines[first])
            && lines.get(first + 1).is_some_and(|l| l.is_empty())
            && has_more(first + 1)
        {
            title = lines[first].to_string();
            start = first + 1;
        }
    }

    let body = &lines[start..];
    let begin = boilerplate::leading_menu(body);
    removed.extend(non_blank(&body[..begin]));
    let body = &body[begin..];
    let end = boilerplate::trailing_navigation(body);
    let trailing: Vec<String> = non_blank(&body[end..]).collect();

    let mut article = Article {
        id: label.to_string(),
        source_path: label.to_string(),
        title,
        paragraphs: paragraphs(&body[..end]),
        removed: removed.into_iter().chain(trailing).collect(),
        ..Article::default()
    };
    if markdown {
        // A heading inside the body is its own paragraph; show it without `#`.
        for paragraph in &mut article.paragraphs {
            if let Some(heading) = markdown_heading(paragraph) {
                *paragraph = heading.to_string();
            }
        }
    }
    match finish_article(article) {
        Some(article) => Ok((vec![article], Vec::new())),
        None => Err(LoadError::new(label, "no text")),
    }
}

fn non_blank<'a>(lines: &'a [Cow<'_, str>]) -> impl Iterator<Item = String> + 'a {
    lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.to_string())
}

/// Groups trimmed lines into paragraphs at blank lines, joining with a space.
fn paragraphs(lines: &[Cow<'_, str>]) -> Vec<String> {
    lines
        .split(|l| l.is_empty())
        .filter(|group| !group.is_empty())
        .map(|group| group.join(" "))
        .collect()
}

/// A line that reads as a headline rather than a first paragraph: short, and
/// not ending as a sentence or clause does (an ellipsis is fine: headlines
/// trail off, sentences end in a full stop).
fn is_headline(line: &str) -> bool {
    // Look through closing quotes and brackets: `He said: "It is over."`.
    let core = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']']);
    let ends_as_prose =
        (core.ends_with('.') && !core.ends_with("...")) || core.ends_with([',', ';']);
    !line.is_empty() && line.chars().count() <= MAX_HEADLINE_CHARS && !ends_as_prose
}

/// The text of a Markdown ATX heading (`# Title`, up to `######`).
fn markdown_heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    let text = rest.strip_prefix(' ')?.trim().trim_end_matches('#').trim();
    ((1..=6).contains(&level) && !text.is_empty()).then_some(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        parse("t.txt", text, false).unwrap().0.remove(0)
    }

    #[test]
    fn character_references_a_copied_page_left_are_decoded_then_sanitised() {
        let a = article(
            "Pap&#233; returns\n\nPascal Pap&#233; scored. Fish &amp; chips cost &#163;5; \
             R&D; costs rose at AT&T. A title &#27;]0;pwn&#7; here.",
        );
        assert_eq!(a.title, "Papé returns");
        let text = &a.paragraphs[0];
        assert!(
            text.starts_with("Pascal Papé scored. Fish & chips cost £5; R&D; costs rose at AT&T."),
            "{text}"
        );
        // What a reference decodes to passes the sanitiser: no escape reaches the terminal.
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }

    #[test]
    fn parse_takes_a_bbc_headline_as_title() {
        let a = article(include_str!("../../assets/fixtures/loader/bbc-layout.txt"));
        assert_eq!(a.title, "Harbour reopens after winter storm");
        assert_eq!(a.paragraphs.len(), 3);
        assert!(a.paragraphs[0].starts_with("The harbour authority in Portmere"));
        assert!(a.removed.is_empty(), "{:?}", a.removed);
    }

    #[test]
    fn parse_takes_the_first_sentence_when_there_is_no_headline() {
        let a = article(include_str!("../../assets/fixtures/loader/seed-like.txt"));
        assert_eq!(
            a.title,
            "The harbour authority in the northern port reopened two berths on Monday after…"
        );
        // The first paragraph stays in the body.
        assert!(a.paragraphs[0].starts_with("The harbour authority"));
        assert_eq!(a.paragraphs.len(), 3);
        assert_eq!(
            a.removed,
            [
                "Weather Today",
                "Local Sport (12)",
                "Share this page",
                "Follow us  14  203"
            ]
        );
    }

    #[test]
    fn parse_joins_lines_and_normalises_line_ends() {
        let a = article("Title\r\n\r\nOne line\r\nwrapped here.\rSecond\r\rThird para.\n");
        assert_eq!(a.title, "Title");
        assert_eq!(
            a.paragraphs,
            ["One line wrapped here. Second", "Third para."]
        );
        let crlf = article(include_str!("../../assets/fixtures/loader/crlf.txt"));
        assert_eq!(crlf.title, "Harbour reopens");
        assert_eq!(
            crlf.paragraphs,
            [
                "Two berths reopened on Monday, officials said.",
                "Ships queued outside the harbour for a week."
            ]
        );
    }

    #[test]
    fn parse_markdown_strips_heading_marks() {
        let (mut articles, _) = parse(
            "t.md",
            "# Harbour reopens.\nTwo berths reopened.\n\n## Later\n\nMore.",
            true,
        )
        .unwrap();
        let a = articles.remove(0);
        assert_eq!(a.title, "Harbour reopens.");
        assert_eq!(a.paragraphs, ["Two berths reopened.", "Later", "More."]);
        // In a .txt file a `#` line is just text.
        assert_eq!(article("# Not a heading\n\nBody.").title, "# Not a heading");
    }

    #[test]
    fn parse_needs_a_blank_line_and_more_text_for_a_headline() {
        let one = article("Only a short line");
        assert_eq!(
            (one.title.as_str(), one.paragraphs.len()),
            ("Only a short line", 1)
        );
        let sentence = article("This first line is a sentence.\n\nAnd a second paragraph.");
        assert_eq!(sentence.title, "This first line is a sentence");
        assert_eq!(sentence.paragraphs.len(), 2);
        let quoted = article("He said: \"It is over.\"\n\nThen he left.");
        assert_eq!(quoted.paragraphs.len(), 2);
        let headline_quote = article("EU rules 'won't stop UK spending'\n\nThe chancellor spoke.");
        assert_eq!(headline_quote.title, "EU rules 'won't stop UK spending'");
        let trailing_off = article("Rivals of the £400 Apple...\n\nBody text follows here.");
        assert_eq!(trailing_off.title, "Rivals of the £400 Apple...");
    }

    #[test]
    fn parse_drops_a_menu_above_the_headline() {
        let a = article(
            "Home | World | Business | Sport\n\nHarbour reopens\n\nTwo berths reopened on Monday, officials said.",
        );
        assert_eq!(a.title, "Harbour reopens");
        assert_eq!(a.removed, ["Home | World | Business | Sport"]);
        assert_eq!(a.paragraphs.len(), 1);
    }

    #[test]
    fn parse_sanitises_lines() {
        let a = article("Ti\x1b]0;x\x07tle\n\nBody\x1b[31m red\u{202E}.\t end.");
        assert_eq!(a.title, "Ti␛tle");
        assert_eq!(a.paragraphs, ["Body␛ red⇄.  end."]);
    }

    #[test]
    fn parse_reports_a_file_without_text() {
        let error = parse("t.txt", "\u{200B}\n\u{FEFF}\n", false).unwrap_err();
        assert_eq!(error.to_string(), "t.txt: no text");
    }
}
