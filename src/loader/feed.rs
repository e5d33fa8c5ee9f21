//! RSS 0.9x/1.0/2.0, Atom and JSON Feed → articles, one per item, with the
//! `feed-rs` parser. Item bodies are HTML (or plain text when the feed says
//! so) and become paragraphs through [`super::markup`].
//!
//! Feeds in the wild are often broken, and a reader should show what can be
//! read: the text reaches this module already decoded to UTF-8 (so the XML
//! declaration's encoding is dropped before parsing), a bare `&` is escaped
//! and the feed parsed again, and a feed cut off mid-document is closed after
//! its last whole item. Each repair is reported as a warning naming the file.

use super::{LoadError, finish_article, markup};
use crate::model::Article;
use feed_rs::model::{Entry, Feed, Text};
use std::borrow::Cow;

/// Parses a feed file's text into articles.
///
/// Ids are `label#guid` (the item's guid or Atom id, else one `feed-rs`
/// derives from its link and title), so an item keeps its id when the feed
/// gains new items above it.
///
/// # Errors
///
/// Text that is not a feed, or a feed with nothing readable even after the
/// repairs, with the parser's reason.
pub fn parse(label: &str, content: &str) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    let mut warnings = Vec::new();
    let text = without_encoding_declaration(content);
    let text = with_plain_rss_root(&text);
    let feed = match parse_feed(&text) {
        Ok(feed) => feed,
        Err(first_error) => repaired(label, &text, &first_error, &mut warnings)?,
    };
    let source = feed
        .title
        .as_ref()
        .map(text_of)
        .filter(|title| !title.is_empty());
    // Relative item links (Atom feeds often have them) are resolved against
    // the address the feed came from, else the site the feed names.
    let base = url::Url::parse(label)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .or_else(|| {
            feed.links
                .iter()
                .find_map(|l| url::Url::parse(&l.href).ok())
        });
    let mut articles = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        // Ids must be unique in a file even when a feed repeats a guid.
        let id = if seen_ids.insert(entry.id.clone()) {
            format!("{label}#{}", entry.id)
        } else {
            format!("{label}#{}#{index}", entry.id)
        };
        match article_of(label, id, entry, source.as_deref(), base.as_ref()) {
            Some(article) => articles.push(article),
            None => warnings.push(LoadError::new(
                format!("{label}: item {}", index + 1),
                "no title, link or text; skipped",
            )),
        }
    }
    if articles.is_empty() && warnings.is_empty() {
        return Err(LoadError::new(label, "a feed with no items"));
    }
    Ok((articles, warnings))
}

/// Whether the text is a feed: an XML document whose root is `rss`, `RDF`
/// (RSS 1.0) or `feed` (Atom), or a JSON Feed object.
pub fn is_feed(content: &str) -> bool {
    match super::sniff_markup(content) {
        super::Markup::Element(name) => {
            let local = name
                .rsplit(':')
                .next()
                .unwrap_or(&name)
                .to_ascii_lowercase();
            matches!(local.as_str(), "rss" | "rdf" | "feed" | "channel")
        }
        super::Markup::Json => {
            let head: String = content.chars().take(2048).collect();
            head.contains("jsonfeed.org/version")
        }
        _ => false,
    }
}

fn parse_feed(text: &str) -> Result<Feed, feed_rs::parser::ParseFeedError> {
    feed_rs::parser::Builder::new()
        .id_generator(stable_id)
        .build()
        .parse(text.as_bytes())
}

/// An id for an item without a guid, the same on every run (the parser's
/// own is random when an item has no link): a hash of its link and title,
/// so reading state and copies keep finding the item.
fn stable_id(links: &[feed_rs::model::Link], title: &Option<Text>, _base: Option<&str>) -> String {
    // FNV-1a: tiny, and fixed for good, unlike the standard hashers.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let link = links.first().map_or("", |l| l.href.as_str());
    let title = title.as_ref().map_or("", |t| t.content.as_str());
    for byte in link.bytes().chain([0]).chain(title.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{GENERATED_ID}{hash:016x}")
}

/// Starts the ids [`stable_id`] makes, which are not the feed's guids.
const GENERATED_ID: &str = "lede:";

/// Tries the repairs for the common breakages, in turn; the error names the
/// file and the parser's first complaint when none helps.
fn repaired(
    label: &str,
    text: &str,
    first_error: &feed_rs::parser::ParseFeedError,
    warnings: &mut Vec<LoadError>,
) -> Result<Feed, LoadError> {
    let escaped = escape_bare_ampersands(text);
    if let Cow::Owned(escaped) = &escaped
        && let Ok(feed) = parse_feed(escaped)
    {
        warnings.push(LoadError::new(
            label,
            "not well-formed XML (a bare `&`); read with it escaped",
        ));
        return Ok(feed);
    }
    if let Some(closed) = closed_at_the_end(&escaped)
        && let Ok(feed) = parse_feed(&closed)
    {
        if feed.entries.is_empty() {
            return Err(LoadError::new(
                label,
                format!(
                    "the feed is cut off before its first item ({})",
                    short_reason(first_error)
                ),
            ));
        }
        warnings.push(LoadError::new(
            label,
            format!(
                "the feed is cut off after item {} ({}); read up to there",
                feed.entries.len(),
                short_reason(first_error)
            ),
        ));
        return Ok(feed);
    }
    Err(LoadError::new(
        label,
        format!("not a readable feed: {}", short_reason(first_error)),
    ))
}

/// The parser's error in a few words.
fn short_reason(error: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "no <rss>, <feed> or <rdf:RDF> root element".to_string()
        }
        other => {
            let text = other.to_string();
            let text = text.strip_prefix("unable to parse XML: ").unwrap_or(&text);
            text.strip_prefix("Parser error: ")
                .unwrap_or(text)
                .to_string()
        }
    }
}

/// The text without its XML declarations: the text is UTF-8 by now,
/// whatever the file's bytes were, and the parser would otherwise decode it a
/// second time. A declaration must come first in a document, but each one is
/// dropped wherever it is (some feeds put a comment before it; a feed glued
/// together from pieces has one in the middle, and the parser panics on an
/// `encoding` there).
fn without_encoding_declaration(content: &str) -> Cow<'_, str> {
    if matches!(super::sniff_markup(content), super::Markup::Json) {
        return Cow::Borrowed(content);
    }
    let mut text = String::new();
    let mut rest = content;
    let mut copied = 0;
    while let Some(at) = rest.find("<?xml") {
        let after = &rest[at + "<?xml".len()..];
        // `<?xml-stylesheet …?>` and the like are other instructions.
        let is_declaration = after.starts_with(['?', ' ', '\t', '\r', '\n']);
        let Some(length) = after.find("?>").filter(|_| is_declaration) else {
            rest = after;
            continue;
        };
        let start = content.len() - rest.len() + at;
        text.push_str(&content[copied..start]);
        rest = &after[length + 2..];
        copied = content.len() - rest.len();
    }
    if copied == 0 {
        return Cow::Borrowed(content);
    }
    text.push_str(&content[copied..]);
    Cow::Owned(text)
}

/// The text with its `<rss>` root tag made plain RSS 2.0 when it is not: a
/// missing or unknown `version` (the parser knows only 0.91, 0.92 and 2.0)
/// becomes `2.0`, and a default namespace (UserLand's old
/// `xmlns="http://backend.userland.com/rss2"`) is dropped, since RSS
/// elements have none and the parser would not find the items.
fn with_plain_rss_root(text: &str) -> Cow<'_, str> {
    let Some(start) = text.find("<rss") else {
        return Cow::Borrowed(text);
    };
    let Some(length) = text[start..].find('>') else {
        return Cow::Borrowed(text);
    };
    let tag = &text[start..start + length];
    if !tag[4..].starts_with(|c: char| c.is_whitespace()) && tag.len() > 4 {
        return Cow::Borrowed(text);
    }
    let attributes = attributes_of(&tag[4..]);
    let version = attributes.iter().find(|(name, _)| *name == "version");
    let known_version = version.is_some_and(|(_, v)| matches!(*v, "0.91" | "0.92" | "2.0"));
    let default_namespace = attributes.iter().any(|(name, _)| *name == "xmlns");
    if known_version && !default_namespace {
        return Cow::Borrowed(text);
    }
    let mut root = String::from("<rss");
    for (name, value) in &attributes {
        if *name != "xmlns" && *name != "version" {
            root.push_str(&format!(" {name}=\"{value}\""));
        }
    }
    let version = version
        .map(|(_, v)| *v)
        .filter(|_| known_version)
        .unwrap_or("2.0");
    root.push_str(&format!(" version=\"{version}\""));
    let tag_end = if tag.ends_with('/') { "/" } else { "" };
    Cow::Owned(format!(
        "{}{root}{tag_end}{}",
        &text[..start],
        &text[start + length..]
    ))
}

/// The `name="value"` pairs of a start tag's attribute text (either quote).
fn attributes_of(text: &str) -> Vec<(&str, &str)> {
    let mut attributes = Vec::new();
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            break;
        };
        let Some(end) = after[1..].find(quote) else {
            break;
        };
        attributes.push((name, &after[1..1 + end]));
        rest = &after[end + 2..];
    }
    attributes
}

/// Escapes each `&` that does not start a character or entity reference.
fn escape_bare_ampersands(text: &str) -> Cow<'_, str> {
    let bare: Vec<usize> = text
        .match_indices('&')
        .filter(|(i, _)| markup::reference_name_len(&text[i + 1..]).is_none())
        .map(|(i, _)| i)
        .collect();
    if bare.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + bare.len() * 4);
    let mut last = 0;
    for i in bare {
        out.push_str(&text[last..i]);
        out.push_str("&amp;");
        last = i + 1;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// A document cut off part way (a download that stopped, a server that
/// failed mid-answer), closed again: an unfinished tag, comment or CDATA
/// section at the end is dropped, and every element still open is closed.
/// `None` when nothing was open.
fn closed_at_the_end(text: &str) -> Option<String> {
    fn name_of(tag: &str) -> &str {
        tag.split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("")
    }
    let bytes = text.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut cut = text.len();
    while let Some(offset) = text[i..].find('<') {
        let lt = i + offset;
        let rest = &text[lt..];
        let (end_marker, skip) = if rest.starts_with("<!--") {
            ("-->", true)
        } else if rest.starts_with("<![CDATA[") {
            ("]]>", true)
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            (">", true)
        } else {
            (">", false)
        };
        let Some(length) = rest.find(end_marker) else {
            cut = lt;
            break;
        };
        let end = lt + length + end_marker.len();
        i = end;
        if skip || bytes.get(end.wrapping_sub(2)) == Some(&b'/') {
            continue;
        }
        let tag = &text[lt + 1..end - 1];
        if let Some(closing) = tag.strip_prefix('/') {
            let name = name_of(closing);
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else {
            let name = name_of(tag);
            if !name.is_empty() {
                open.push(name);
            }
        }
    }
    if open.is_empty() && cut == text.len() {
        return None;
    }
    let mut closed = text[..cut].to_string();
    for name in open.iter().rev() {
        closed.push_str("</");
        closed.push_str(name);
        closed.push('>');
    }
    Some(closed)
}

/// One feed item as an article; `None` when it has nothing to show.
fn article_of(
    label: &str,
    id: String,
    entry: &Entry,
    source: Option<&str>,
    base: Option<&url::Url>,
) -> Option<Article> {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|href| !href.is_empty())
        .map(|href| match (url::Url::parse(&href), base) {
            (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
                base.join(&href).map_or(href, String::from)
            }
            _ => href,
        });
    let date = entry
        .published
        .or(entry.updated)
        .map(|date| date.to_rfc3339());
    let names: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref())
        .map(markup::inline_text)
        .filter(|n| !n.is_empty())
        .collect();
    let author = (!names.is_empty()).then(|| names.join(", "));
    let paragraphs = body_of(entry);
    if title.is_empty() && paragraphs.is_empty() && url.is_none() {
        return None;
    }
    // An item with only a link still deserves a line in the list.
    let title = if title.is_empty() && paragraphs.is_empty() {
        url.clone().unwrap_or_default()
    } else {
        title
    };
    finish_article(Article {
        id,
        source_path: label.to_string(),
        title,
        source: source.map(str::to_string),
        date,
        url,
        author,
        paragraphs,
        removed: Vec::new(),
        // An id lede made up is no guid: two feeds' items without guid, link
        // or title would share it.
        guid: Some(entry.id.clone())
            .filter(|g| !g.trim().is_empty() && !g.starts_with(GENERATED_ID)),
    })
}

/// The richest body the item has: its full content (`content:encoded`, Atom
/// `content`) before its summary (`description`, Atom `summary`), before a
/// media description (YouTube, podcasts).
fn body_of(entry: &Entry) -> Vec<String> {
    if let Some(content) = &entry.content
        && let Some(body) = &content.body
    {
        let plain = content.content_type.essence().to_string() == "text/plain";
        let paragraphs = paragraphs_of(body, plain);
        if !paragraphs.is_empty() {
            return paragraphs;
        }
    }
    if let Some(summary) = &entry.summary {
        let paragraphs = paragraphs_of(&summary.content, is_plain(summary));
        if !paragraphs.is_empty() {
            return paragraphs;
        }
    }
    entry
        .media
        .iter()
        .filter_map(|m| m.description.as_ref())
        .map(|d| paragraphs_of(&d.content, is_plain(d)))
        .find(|p| !p.is_empty())
        .unwrap_or_default()
}

/// Whether a feed text is plain text (Atom `type="text"`). RSS has no types:
/// its text is HTML by custom, which plain text survives too.
fn is_plain(text: &Text) -> bool {
    text.content_type.essence().to_string() == "text/plain" && !markup::has_tags(&text.content)
}

/// Paragraphs of an item body.
fn paragraphs_of(body: &str, plain: bool) -> Vec<String> {
    if plain {
        super::json::split_paragraphs(body)
    } else {
        markup::html_to_paragraphs(body)
    }
}

/// A title or name: markup removed, references decoded, on one line.
fn text_of(text: &Text) -> String {
    markup::inline_text(&text.content)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn bare_ampersands_are_escaped_and_references_kept() {
        assert_eq!(
            escape_bare_ampersands("a & b &amp; c &#38; d&e"),
            "a &amp; b &amp; c &#38; d&amp;e"
        );
        assert!(matches!(
            escape_bare_ampersands("a &amp; b"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_encoding_declaration_is_dropped_from_decoded_text() {
        let text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss/>";
        assert_eq!(without_encoding_declaration(text), "\n<rss/>");
        assert_eq!(without_encoding_declaration("<rss/>"), "<rss/>");
        let text = "<?xml-stylesheet href=\"a.xsl\"?><rss/><?xml?>";
        assert_eq!(
            without_encoding_declaration(text),
            "<?xml-stylesheet href=\"a.xsl\"?><rss/>"
        );
    }

    #[test]
    fn a_declaration_in_the_middle_of_a_feed_is_dropped_too() {
        // Found by the fuzzer: the parser panics on a second declaration
        // with an encoding ("set_encoding() called after prefix buffer was
        // drained").
        let text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>\
                    <title>Cod</title><link>https://example.com/<?xml version=\"1.0\" \
                    encoding=\"windows-1252\"?>a</link></item></channel></rss>";
        let (articles, _) = parse("a.rss", text).unwrap();
        assert_eq!(articles[0].title, "Cod");
        assert_eq!(articles[0].url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn references_that_decode_to_escape_sequences_are_sanitised_after_decoding() {
        let bytes = include_bytes!("../../assets/fixtures/bad/hostile-feed.xml");
        let (articles, _) = crate::loader::parse_file("hostile-feed.xml", bytes).unwrap();
        let a = &articles[0];
        let texts = [
            &a.title,
            a.source.as_ref().unwrap(),
            a.author.as_ref().unwrap(),
        ]
        .into_iter()
        .chain(&a.paragraphs);
        for text in texts {
            assert!(!text.chars().any(crate::sanitize::is_forbidden), "{text:?}");
            assert!(!text.contains("alert"), "script kept: {text:?}");
        }
        assert_eq!(a.title, "Colour \u{241b}red\u{241b} title");
        assert_eq!(a.source.as_deref(), Some("Evil\u{241b} Feed"));
    }

    #[test]
    fn items_without_a_guid_keep_their_id_from_run_to_run() {
        let feed = "<rss version=\"2.0\"><channel><item><title>No guid</title></item>\
                    <item><title>Other</title></item></channel></rss>";
        let ids = || -> Vec<String> {
            parse("f.xml", feed)
                .unwrap()
                .0
                .into_iter()
                .map(|a| a.id)
                .collect()
        };
        let first = ids();
        assert_eq!(first, ids());
        assert_ne!(first[0], first[1]);
        // 16 hex digits from the title, not a random UUID.
        assert_eq!(first[0].len(), "f.xml#lede:".len() + 16, "{first:?}");
    }

    #[test]
    fn relative_item_links_are_resolved_against_the_feed_address_or_site() {
        let feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
                    <link rel=\"alternate\" href=\"https://site.example/\"/>\
                    <entry><id>1</id><title>A</title><link href=\"/news/a\"/></entry></feed>";
        let url = |label| parse(label, feed).unwrap().0[0].url.clone().unwrap();
        assert_eq!(url("saved.atom"), "https://site.example/news/a");
        assert_eq!(
            url("https://feeds.example/x/atom.xml"),
            "https://feeds.example/news/a"
        );
    }

    #[test]
    fn a_cut_off_feed_is_closed_where_it_stops() {
        let text = "<rss><channel><item><title>A</title></item><item><title><![CD";
        assert_eq!(
            closed_at_the_end(text).unwrap(),
            "<rss><channel><item><title>A</title></item><item><title></title></item></channel></rss>"
        );
        assert_eq!(closed_at_the_end("<rss><channel/></rss>"), None);
        let (articles, warnings) = parse(
            "cut.xml",
            "<rss version=\"2.0\"><channel><title>F</title><item><title>One</title>\
             <description>Text one.</description></item><item><title>Two</title><descr",
        )
        .unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].title, "Two");
        assert!(
            warnings[0]
                .reason
                .starts_with("the feed is cut off after item 2")
        );
    }
}
