//! HTML → plain paragraphs: the one place markup becomes article text. Feed
//! item bodies, HTML found in JSON exports and the content an extractor keeps
//! from a web page all pass through here before [`super::finish_article`]
//! sanitises them.
//!
//! The rules, as a reader of the text would want them:
//! - block elements (`p`, `div`, headings, list items, quotations, table
//!   rows, captions …) end a paragraph, and so do two `<br>` in a row; one
//!   `<br>` is a space;
//! - scripts, styles, frames, forms, media and other things that are not
//!   text are dropped with everything inside them;
//! - links keep their text; in a fragment (a feed body), an image keeps its
//!   alt text, as a paragraph of its own, only when that text reads as a
//!   caption (several words, not a file name). A web page's visible caption
//!   is its `<figcaption>`, so there alt text, written for screen readers
//!   and mostly repeating the caption, is left out;
//! - white space is collapsed as a browser would; entities are decoded by the
//!   parser, and C0 controls they decode to (the Reuters `&#3;`) are dropped,
//!   except ESC, which is left for the sanitiser to show.
//!
//! The tree is walked with an explicit stack, so deeply nested markup cannot
//! overflow the call stack.

use dom_query::{Document, NodeRef};
use std::borrow::Cow;

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "video", "audio", "source", "track", "map", "form",
    "button", "select", "option", "textarea", "input", "head", "title", "meta", "link", "base",
    "nav", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "hr",
    "center",
    "details",
    "summary",
    "body",
    "html",
    "fieldset",
    "legend",
    "menu",
];

/// Table cells: inline, but their text is kept apart by a space.
const CELLS: &[&str] = &["td", "th"];

/// Whether `text` holds HTML markup (a tag, a comment) or an HTML character
/// reference, so that it should be decoded rather than read as plain text.
pub fn looks_like_html(text: &str) -> bool {
    has_tags(text) || has_entities(text)
}

/// Whether `text` holds something that parses as a tag or comment: `<` then
/// a letter, `/` or `!`.
pub fn has_tags(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// Whether `text` holds a character reference that decodes to something
/// (`&amp;`, `&#3;`, `&#x27;`; not the `&D;` of "R&D; costs").
fn has_entities(text: &str) -> bool {
    text.match_indices('&')
        .any(|(i, _)| reference_at(&text[i..]).is_some())
}

/// The character reference `text` starts with (`&name;`, `&#N;`, `&#xH;`):
/// its length in bytes and what it decodes to.
fn reference_at(text: &str) -> Option<(usize, Cow<'_, str>)> {
    let rest = text.strip_prefix('&')?;
    let name_len = reference_name_len(rest)?;
    let name = &rest[..name_len];
    let length = name_len + 2;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // As HTML does: no NUL, no surrogates, nothing past Unicode.
        let decoded = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((length, Cow::Owned(decoded.to_string())));
    }
    let decoded = html_escape::decode_html_entities(&text[..length]);
    (decoded.len() != length).then_some((length, decoded))
}

/// The length of the reference name `after_ampersand` starts with
/// (`amp` in `&amp;`, `#3` in `&#3;`): up to 32 letters, digits and `#`,
/// then `;`. `None` when the `&` starts no reference.
pub fn reference_name_len(after_ampersand: &str) -> Option<usize> {
    let name_len = after_ampersand
        .bytes()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'#')
        .count();
    (name_len > 0 && after_ampersand.as_bytes().get(name_len) == Some(&b';')).then_some(name_len)
}

/// Decodes character references in plain text, keeping everything else
/// (line breaks included) as it is: for text that is escaped but not marked
/// up, like the Reuters bodies. Drops the C0 controls the references decode to.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !has_entities(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices('&') {
        if i < last {
            continue;
        }
        if let Some((length, decoded)) = reference_at(&text[i..]) {
            out.push_str(&text[last..i]);
            out.extend(decoded.chars().filter(|&c| !is_dropped_control(c)));
            last = i + length;
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The text of an HTML fragment on one line: for titles, names and other
/// short fields. Tags are removed, references decoded, white space collapsed.
pub fn inline_text(html: &str) -> String {
    if !has_tags(html) {
        let decoded = decode_entities(html);
        let mut out = String::with_capacity(decoded.len());
        push_collapsed(&mut out, &decoded);
        return out.trim().to_string();
    }
    html_to_paragraphs(html).join(" ")
}

/// The paragraphs of an HTML fragment or document, following the module's
/// rules. Paragraphs are trimmed and never empty; they are not yet sanitised.
pub fn html_to_paragraphs(html: &str) -> Vec<String> {
    let document = fragment(html);
    walk(&document.root(), true)
}

/// `html` parsed as a fragment, its tags nested deeper than
/// [`super::html::MAX_NESTING`] dropped first (their text kept): the parser
/// takes time that grows with the square of the depth (100,000 nested `<div>`s
/// in a feed item took minutes), and a real body nests a few levels.
fn fragment(html: &str) -> Document {
    Document::fragment(super::html::flatten(html, super::html::MAX_NESTING).as_ref())
}

/// The paragraphs of a web page's main content (as an extractor keeps it):
/// the rules of [`html_to_paragraphs`], without image alt text.
pub fn page_paragraphs(html: &str) -> Vec<String> {
    let document = fragment(html);
    walk(&document.root(), false)
}

/// The paragraphs under one node of a parsed page (the node itself
/// included), as [`page_paragraphs`] makes them.
pub fn node_paragraphs(root: &NodeRef<'_>) -> Vec<String> {
    walk(root, false)
}

/// Walks the tree under `root`; `image_alt` keeps alt text that reads as a
/// caption.
fn walk(root: &NodeRef<'_>, image_alt: bool) -> Vec<String> {
    let mut out = Paragraphs::default();
    // (node, leaving): a block is visited twice, on the way in and out.
    let mut stack: Vec<(NodeRef<'_>, bool)> = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            out.end_paragraph();
            continue;
        }
        if node.is_text() {
            out.text(&node.text());
            continue;
        }
        if !node.is_element() {
            // The document or fragment root: walk its children; comments,
            // doctypes and processing instructions hold no text.
            if node.is_document() || node.is_fragment() {
                push_children(&mut stack, &node);
            }
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIPPED.contains(&name) || is_hidden(&node) {
            continue;
        }
        match name {
            "br" => out.line_break(),
            "img" if image_alt => {
                if let Some(alt) = node.attr("alt")
                    && reads_as_caption(&alt)
                {
                    out.end_paragraph();
                    out.text(&alt);
                    out.end_paragraph();
                }
            }
            "img" => {}
            _ if BLOCKS.contains(&name) => {
                out.end_paragraph();
                stack.push((node, true));
                push_children(&mut stack, &node);
            }
            _ if CELLS.contains(&name) => {
                out.text(" ");
                push_children(&mut stack, &node);
            }
            _ => push_children(&mut stack, &node),
        }
    }
    out.end_paragraph();
    out.paragraphs
}

/// Pushes `node`'s children so that they pop in document order.
fn push_children<'a>(stack: &mut Vec<(NodeRef<'a>, bool)>, node: &NodeRef<'a>) {
    let start = stack.len();
    stack.extend(node.children_it(false).map(|child| (child, false)));
    stack[start..].reverse();
}

/// Elements the page hides from readers (`hidden`, `aria-hidden`, inline
/// `display:none`).
fn is_hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || node.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.to_ascii_lowercase().contains("display:none")
        })
}

/// Whether an image's alt text reads as a caption worth keeping: at least
/// three words, and not a file name, a URL or a placeholder.
fn reads_as_caption(alt: &str) -> bool {
    let alt = alt.trim();
    let words = alt.split_whitespace().count();
    let lower = alt.to_ascii_lowercase();
    let file_like = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower.starts_with("http")
        || lower.contains('/');
    words >= 3 && !file_like
}

/// C0 controls that character references decode to, which carry nothing a
/// reader needs (the Reuters `&#3;` ends every body). ESC and BEL are kept,
/// so that the sanitiser sees a whole escape sequence (BEL ends some) and
/// shows where it was; white space is kept.
fn is_dropped_control(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\x07'))
        || c == '\u{7f}'
}

/// Appends `text` to `out`, each run of white space as one space and the
/// dropped controls removed.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_dropped_control(c) {
            out.push(c);
        }
    }
}

/// Paragraphs being built.
#[derive(Default)]
struct Paragraphs {
    paragraphs: Vec<String>,
    current: String,
    /// A `<br>` was the last thing seen (white space aside): a second one
    /// ends the paragraph.
    after_break: bool,
}

impl Paragraphs {
    fn text(&mut self, text: &str) {
        if !text.trim().is_empty() {
            self.after_break = false;
        } else if self.current.is_empty() {
            return;
        }
        if self.current.is_empty() {
            push_collapsed(&mut self.current, text.trim_start());
        } else {
            push_collapsed(&mut self.current, text);
        }
    }

    fn line_break(&mut self) {
        if self.after_break {
            self.end_paragraph();
        } else {
            self.after_break = true;
            if !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
        }
    }

    fn end_paragraph(&mut self) {
        self.after_break = false;
        let paragraph = self.current.trim();
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph.to_string());
        }
        self.current.clear();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn a_body_nested_a_hundred_thousand_deep_is_read_at_once() {
        // Found by a hand-made fuzz input: a feed item whose description
        // opens 100,000 `<div>`s kept the parser busy for minutes.
        let html = format!("{}Words at the bottom.", "<div>".repeat(100_000));
        assert_eq!(html_to_paragraphs(&html), ["Words at the bottom."]);
    }

    #[test]
    fn blocks_become_paragraphs_and_inline_text_joins() {
        let html = "<p>The <b>harbour</b> <a href='x'>reopened</a> today.</p>\
                    <div>Second<p>nested</p>tail</div><ul><li>one</li><li>two</li></ul>";
        assert_eq!(
            html_to_paragraphs(html),
            [
                "The harbour reopened today.",
                "Second",
                "nested",
                "tail",
                "one",
                "two"
            ]
        );
    }

    #[test]
    fn two_line_breaks_end_a_paragraph_and_one_is_a_space() {
        let html = "First line<br>same paragraph<br/>\n <br>New paragraph";
        assert_eq!(
            html_to_paragraphs(html),
            ["First line same paragraph", "New paragraph"]
        );
    }

    #[test]
    fn scripts_styles_frames_and_hidden_elements_are_dropped() {
        let html = "<p>Kept</p><script>alert(1)</script><style>p{}</style>\
                    <iframe src='x'>frame text</iframe><p hidden>secret</p>\
                    <p style='display: none'>also secret</p><noscript>enable js</noscript><p>End</p>";
        assert_eq!(html_to_paragraphs(html), ["Kept", "End"]);
    }

    #[test]
    fn image_alt_text_is_kept_only_when_it_reads_as_a_caption() {
        let html = "<p>Text</p><img alt='Rescue crews at the flooded harbour'>\
                    <img alt='photo'><img alt='IMG_2041.jpg'><img src='x'>";
        assert_eq!(
            html_to_paragraphs(html),
            ["Text", "Rescue crews at the flooded harbour"]
        );
    }

    #[test]
    fn entities_are_decoded_and_controls_they_hide_are_dropped_except_escape() {
        assert_eq!(
            html_to_paragraphs("<p>Fish &amp; chips &#8212; &lt;cheap&gt;&#3;</p>"),
            ["Fish & chips \u{2014} <cheap>"]
        );
        // ESC survives for the sanitiser to show.
        assert_eq!(html_to_paragraphs("<p>a&#27;[31mb</p>"), ["a\u{1b}[31mb"]);
    }

    #[test]
    fn decode_entities_keeps_line_breaks_and_plain_text() {
        assert_eq!(decode_entities("a &lt;b&gt;\nc&#3;"), "a <b>\nc");
        assert!(matches!(
            decode_entities("plain & simple"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn inline_text_flattens_markup_for_titles() {
        assert_eq!(inline_text("  Fish &amp;\n chips "), "Fish & chips");
        assert_eq!(inline_text("<b>Bold</b> <i>claim</i>"), "Bold claim");
        assert_eq!(inline_text("<p>One</p><p>Two</p>"), "One Two");
    }

    #[test]
    fn looks_like_html_needs_a_tag_or_a_reference() {
        assert!(looks_like_html("<p>x</p>"));
        assert!(looks_like_html("AT&amp;T"));
        assert!(looks_like_html("end&#3;"));
        assert!(!looks_like_html("a < b & c > d"));
        assert!(!looks_like_html("R&D; costs"));
    }

    #[test]
    fn table_cells_are_kept_apart_and_rows_are_paragraphs() {
        let html =
            "<table><tr><td>Team</td><td>Points</td></tr><tr><td>A</td><td>3</td></tr></table>";
        assert_eq!(html_to_paragraphs(html), ["Team Points", "A 3"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 20_000;
        let html = format!("{}deep{}", "<span>".repeat(depth), "</span>".repeat(depth));
        assert_eq!(html_to_paragraphs(&html), ["deep"]);
    }
}
