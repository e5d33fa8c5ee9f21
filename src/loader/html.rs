//! Web pages → one article: the title, byline, date and main text of a saved
//! or fetched page, without its navigation, ads, share buttons, related links,
//! comments and cookie banners.
//!
//! The main text is found by `dom_smoothie` (a port of Firefox's
//! Readability), chosen by measurement on the 60 pages of the public
//! article-extraction benchmark: F1 0.962 at about 2.3 ms a page, against
//! 0.961–0.968 for the other candidates at up to 14 ms (see the README,
//! "Web pages"). Its content HTML becomes paragraphs through
//! [`super::markup`], like a feed body.
//!
//! Hostile pages: every extractor measured slows down with nesting depth
//! (10,000 nested `<div>`s took 3–40 s), so tags nested deeper than
//! [`MAX_NESTING`] are dropped (their text kept) by a cheap scan before
//! parsing, pages over [`MAX_PAGE_BYTES`] are refused, and the extraction runs
//! on a thread of its own with a generous stack, whose panic becomes "no
//! article text found" for that page.

use super::{LoadError, finish_article, markup};
use crate::model::Article;
use dom_query::Document;
use std::borrow::Cow;

/// Tags nested deeper than this are dropped before parsing. Real pages nest
/// about 30 levels (31 at most in the benchmark's 60 pages).
pub const MAX_NESTING: usize = 256;

/// Bigger pages are not extracted: the biggest news pages measured are about
/// 1.5 MB, and the extractor's time grows with the page.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// The extraction thread's name: its panics become a "no article text
/// found" for the page, and the reader's panic hook knows to leave them be.
pub const EXTRACT_THREAD: &str = "lede-extract";

/// Stack of the extraction thread: html5ever and the extractor recurse on
/// some inputs, and a page must never take the program down.
const EXTRACT_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Fewer letters than this in the extracted text is not an article (a
/// placeholder page, an error page, a page of links); the shortest news
/// brief in the extraction benchmark has about 300. Letters, not words:
/// Chinese and Japanese put no spaces between words.
const MIN_LETTERS: usize = 100;

/// Longest byline kept: longer ones are sentences or form labels picked up
/// by mistake.
const MAX_BYLINE_CHARS: usize = 100;

/// Extracts the article from a page's (decoded) HTML.
///
/// # Errors
///
/// "no article text found" when the page has no main text (or the extractor
/// failed on it), and a page over [`MAX_PAGE_BYTES`].
pub fn parse(label: &str, content: &str) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    if content.len() > MAX_PAGE_BYTES {
        return Err(LoadError::new(
            label,
            format!(
                "web page larger than {} MiB; not extracted",
                MAX_PAGE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let mut warnings = Vec::new();
    let html = flatten(content, MAX_NESTING);
    if matches!(html, Cow::Owned(_)) {
        warnings.push(LoadError::new(
            label,
            format!("tags nested deeper than {MAX_NESTING} levels dropped before extraction"),
        ));
    }
    let extracted = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name(EXTRACT_THREAD.to_string())
            .stack_size(EXTRACT_STACK_BYTES)
            .spawn_scoped(scope, || extract(&html))
            .ok()
            .and_then(|thread| thread.join().ok())
    });
    let Some(page) = extracted else {
        return Err(LoadError::new(
            label,
            "no article text found (the extractor failed on this page)",
        ));
    };
    let letters: usize = page
        .paragraphs
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < MIN_LETTERS {
        return Err(LoadError::new(
            label,
            format!("no article text found in this page (only {letters} letters)"),
        ));
    }
    let article = finish_article(Article {
        id: label.to_string(),
        source_path: label.to_string(),
        title: page.title,
        source: page.site_name,
        date: page.published,
        url: page.url,
        author: page.byline,
        paragraphs: page.paragraphs,
        removed: Vec::new(),
        guid: None,
    });
    match article {
        Some(article) => Ok((vec![article], warnings)),
        None => Err(LoadError::new(label, "no article text found in this page")),
    }
}

/// What a page gave.
struct Page {
    title: String,
    byline: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    paragraphs: Vec<String>,
}

/// Runs the extractor; on its failure, falls back to the page's
/// `itemprop=articleBody` or `<article>` element.
fn extract(html: &str) -> Page {
    // The page is parsed once: its address is read before the extractor
    // takes the document; the fallback, rarely needed, parses it again.
    let document = Document::from(html);
    let url = canonical_url(&document);
    let fallback = || article_element_paragraphs(&Document::from(html));
    let parsed = dom_smoothie::Readability::with_document(document, url.as_deref(), None)
        .and_then(|mut readability| readability.parse());
    match parsed {
        Ok(article) => {
            let paragraphs = markup::page_paragraphs(&article.content);
            let paragraphs = if paragraphs.is_empty() {
                fallback()
            } else {
                paragraphs
            };
            Page {
                title: markup::inline_text(&article.title),
                byline: article.byline.as_deref().and_then(byline),
                published: article
                    .published_time
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
                site_name: article
                    .site_name
                    .map(|s| markup::inline_text(&s))
                    .filter(|s| !s.is_empty()),
                url,
                paragraphs,
            }
        }
        Err(_) => {
            let document = Document::from(html);
            Page {
                title: document
                    .select("title")
                    .nodes()
                    .first()
                    .map(|t| markup::inline_text(&t.text()))
                    .unwrap_or_default(),
                byline: None,
                published: None,
                site_name: None,
                url,
                paragraphs: article_element_paragraphs(&document),
            }
        }
    }
}

/// A byline worth showing: short, with a letter in it, not a sentence.
fn byline(text: &str) -> Option<String> {
    let text = markup::inline_text(text);
    let text = text
        .trim()
        .trim_start_matches(|c: char| c.is_whitespace() || c == '|')
        .trim();
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(text)
        .trim();
    let fits = !text.is_empty()
        && text.chars().count() <= MAX_BYLINE_CHARS
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with([':', '.', '?', '!']);
    fits.then(|| text.to_string())
}

/// The page's own address: `<link rel=canonical>`, else `og:url`, when it is
/// an absolute http(s) URL.
fn canonical_url(document: &Document) -> Option<String> {
    let candidates = [
        ("link[rel=canonical]", "href"),
        ("meta[property='og:url']", "content"),
    ];
    candidates.iter().find_map(|(selector, attribute)| {
        let node = *document.select(selector).nodes().first()?;
        let href = node.attr(attribute)?.trim().to_string();
        let parsed = url::Url::parse(&href).ok()?;
        matches!(parsed.scheme(), "http" | "https").then_some(href)
    })
}

/// Paragraphs of the `itemprop=articleBody` element with the most words, else
/// of the largest `<article>`.
fn article_element_paragraphs(document: &Document) -> Vec<String> {
    for selector in ["[itemprop=articleBody]", "article"] {
        let best = document
            .select(selector)
            .nodes()
            .iter()
            .map(markup::node_paragraphs)
            .max_by_key(|paragraphs| {
                paragraphs
                    .iter()
                    .map(|p| p.split_whitespace().count())
                    .sum::<usize>()
            });
        if let Some(paragraphs) = best
            && !paragraphs.is_empty()
        {
            return paragraphs;
        }
    }
    Vec::new()
}

/// Void elements: never opened, so never nested.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame",
];

/// Elements whose content is raw text, not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements that close an open `<p>` (HTML's implied end tags).
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "blockquote",
    "pre",
    "form",
    "figure",
    "figcaption",
    "hr",
    "address",
    "fieldset",
    "details",
    "menu",
    "center",
];

/// `html` without the tags nested deeper than `limit` (their text kept);
/// borrowed as it is when nothing is that deep. A scan of the tags, without
/// building a tree: it follows comments, raw-text elements, void and
/// self-closing tags, end tags that close several elements, and the common
/// implied end tags, so its depth agrees with the parser's on real pages.
pub fn flatten(html: &str, limit: usize) -> Cow<'_, str> {
    let (depth, too_deep) = scan_depth(html, limit);
    if depth <= limit {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for tag in too_deep {
        out.push_str(&html[last..tag.start]);
        last = tag.end;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// The deepest nesting in `html`, and the byte ranges of the tags that lie
/// deeper than `limit`.
fn scan_depth(html: &str, limit: usize) -> (usize, Vec<std::ops::Range<usize>>) {
    let bytes = html.as_bytes();
    let is =
        |name: &[u8], set: &[&str]| set.iter().any(|s| name.eq_ignore_ascii_case(s.as_bytes()));
    let mut open: Vec<&[u8]> = Vec::with_capacity(64);
    let (mut deepest, mut too_deep) = (0, Vec::new());
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let lt = i + offset;
        i = lt + 1;
        let Some(&next) = bytes.get(i) else { break };
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if next == b'!' || next == b'?' {
            i = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |end| i + end + 1);
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 1 } else { i };
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
                .count();
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue; // a bare `<` in text
        }
        let name = &bytes[name_start..name_end];
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut j = name_end;
        let mut quote = 0u8;
        while j < bytes.len() {
            let b = bytes[j];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'"' || b == b'\'' {
                quote = b;
            } else if b == b'>' {
                break;
            }
            j += 1;
        }
        let end = (j + 1).min(bytes.len());
        let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
        i = end;
        if closing {
            // Closes the nearest open element of that name (a stray end tag
            // closes nothing); looking a bounded way up keeps this linear.
            let low = open.len().saturating_sub(256);
            if let Some(at) = open[low..]
                .iter()
                .rposition(|n| n.eq_ignore_ascii_case(name))
            {
                if low + at >= limit {
                    too_deep.push(lt..end);
                }
                open.truncate(low + at);
            }
            continue;
        }
        if let Some(&top) = open.last() {
            let implied_end = (top.eq_ignore_ascii_case(b"p") && is(name, CLOSES_P))
                || (is(top, &["li"]) && is(name, &["li"]))
                || (is(top, &["dt", "dd"]) && is(name, &["dt", "dd"]))
                || (is(top, &["td", "th"]) && is(name, &["td", "th", "tr"]))
                || (is(top, &["tr"]) && is(name, &["tr"]))
                || (is(top, &["option"]) && is(name, &["option"]));
            if implied_end {
                open.pop();
            }
        }
        if is(name, VOID) || self_closing {
            deepest = deepest.max(open.len() + 1);
            continue;
        }
        if is(name, RAW_TEXT) {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(name);
            i = find(bytes, end, &end_tag).unwrap_or(bytes.len());
            deepest = deepest.max(open.len() + 1);
            continue;
        }
        if open.len() >= limit {
            too_deep.push(lt..end);
        }
        open.push(name);
        deepest = deepest.max(open.len());
    }
    (deepest, too_deep)
}

/// Position of `byte` in `haystack`.
fn memchr(byte: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == byte)
}

/// Position of `needle` (ASCII, any case) in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr(needle[0], haystack.get(at..)?) {
        let start = at + offset;
        let candidate = haystack.get(start..start + needle.len())?;
        if candidate.eq_ignore_ascii_case(needle) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    const PAGE: &str = include_str!("../../assets/fixtures/html/harbour.html");

    #[test]
    fn a_page_gives_its_title_byline_date_and_main_text_only() {
        let (articles, warnings) = parse("harbour.html", PAGE).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let a = &articles[0];
        assert_eq!(a.title, "Harbour reopens after the storm");
        assert_eq!(a.author.as_deref(), Some("Mara Quill"));
        assert_eq!(a.date.as_deref(), Some("2026-11-30T08:00:00Z"));
        assert_eq!(a.source.as_deref(), Some("The Coastal Ledger"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://ledger.example/harbour-reopens")
        );
        let body = a.paragraphs.join("\n");
        assert!(body.contains("The harbour at Port Wren reopened"), "{body}");
        assert!(body.contains("\u{201c}We lost two days"), "{body}");
        for junk in [
            "Subscribe",
            "Accept cookies",
            "Share on",
            "Related stories",
            "Comments",
        ] {
            assert!(!body.contains(junk), "{junk} kept: {body}");
        }
    }

    #[test]
    fn a_page_without_article_text_is_reported() {
        let error = parse(
            "empty.html",
            "<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "empty.html: no article text found in this page (only 0 letters)"
        );
    }

    #[test]
    fn a_short_page_in_a_script_without_spaces_is_still_an_article() {
        let text = "東京の港で新しい図書館が開館した。".repeat(8);
        let html = format!(
            "<html><head><title>港</title></head><body><article><p>{text}</p></article></body></html>"
        );
        let (articles, _) = parse("ja.html", &html).unwrap();
        assert_eq!(articles[0].paragraphs[0], text);
    }

    #[test]
    fn deep_nesting_is_flattened_before_extraction() {
        let depth = 20_000;
        let html = format!(
            "<html><body>{}<p>Deep text survives the flattening of this page, which nests \
             its one paragraph far deeper than any real page would ever need to.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let (depth_found, _) = scan_depth(&html, usize::MAX);
        assert_eq!(depth_found, depth + 3);
        let flat = flatten(&html, MAX_NESTING);
        assert!(matches!(flat, Cow::Owned(_)));
        assert!(scan_depth(&flat, usize::MAX).0 <= MAX_NESTING);
        let (articles, warnings) = parse("deep.html", &html).unwrap();
        assert!(articles[0].paragraphs[0].contains("Deep text survives"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn the_depth_scan_follows_implied_end_tags_comments_and_raw_text() {
        let html =
            "<ul><li>a<li>b<li><p>c<p>d</ul><!-- <div><div> --><script>if (a<b) {}</script><br>";
        assert_eq!(scan_depth(html, usize::MAX).0, 3);
        assert!(matches!(flatten(html, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn bylines_that_are_sentences_or_labels_are_dropped() {
        assert_eq!(byline("By Mara Quill").as_deref(), Some("Mara Quill"));
        assert_eq!(byline("Leave a reply:"), None);
        assert_eq!(byline("   "), None);
        assert_eq!(byline(&"word ".repeat(40)), None);
    }
}
