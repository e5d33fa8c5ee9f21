//! JSON and JSON Lines articles: records → [`Article`]s. Called by
//! [`crate::loader::parse_file`] on decoded text.
//!
//! A `.json` file holds one article object or an array of them; a `.jsonl` /
//! `.ndjson` file holds one object per line. Recognised keys (the first
//! present one wins): `title`/`headline`; `body`/`text`/`content` (a string,
//! or an array of paragraph strings); `source`/`publisher`; `date`/`published`;
//! `url`/`link`; `author`/`byline` (a string or an array of names). Other keys
//! are ignored. Malformed JSON stops the file with its line and column; a bad
//! record in a collection becomes a warning and the others load.

use super::markup;
use super::{LoadError, finish_article, normalize_newlines};
use crate::model::Article;
use serde_json::{Map, Value};

const TITLE_KEYS: &[&str] = &["title", "headline"];
const BODY_KEYS: &[&str] = &["body", "text", "content"];
const SOURCE_KEYS: &[&str] = &["source", "publisher"];
const DATE_KEYS: &[&str] = &["date", "published"];
const URL_KEYS: &[&str] = &["url", "link"];
const AUTHOR_KEYS: &[&str] = &["author", "byline"];

/// Parses a `.json` file: one article object, or an array of them.
///
/// # Algorithm
/// An array is read element by element with a `serde_json` stream positioned
/// at each element, so that every element's line and column are known: a
/// syntax error anywhere stops the file (the rest cannot be trusted), while an
/// element that is valid JSON but not a usable article becomes a warning at
/// its position. Nesting deeper than `serde_json`'s limit of 128 is a clean
/// error, never a stack overflow.
pub fn parse_json(label: &str, text: &str) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    let start = skip_whitespace(text, 0);
    if text.as_bytes().get(start) == Some(&b'[') {
        return parse_array(label, text, start + 1);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|error| syntax_error(label, text, 0, 0, &error))?;
    let mut warnings = Vec::new();
    let Value::Object(object) = value else {
        return Err(LoadError::new(
            label,
            format!(
                "expected an article object or an array of them, found {}",
                kind(&value)
            ),
        ));
    };
    let at = Located {
        label,
        text,
        offset: start,
        record: None,
        line_base: 0,
    };
    match article_from_object(&object, label, &at, &mut warnings) {
        Some(article) => Ok((vec![article], warnings)),
        // The file is skipped, so what was wrong with its fields goes in the reason.
        None => Err(LoadError::new(label, no_article_reason(&warnings))),
    }
}

/// Why an object gave no article, with the field problems found on the way.
fn no_article_reason(warnings: &[LoadError]) -> String {
    let mut reason = format!(
        "no title or body (looked for {} and {})",
        TITLE_KEYS.join("/"),
        BODY_KEYS.join("/")
    );
    for warning in warnings {
        reason.push_str("; ");
        reason.push_str(&warning.reason);
    }
    reason
}

/// Parses the elements of a JSON array whose `[` ends just before `pos`.
fn parse_array(
    label: &str,
    text: &str,
    mut pos: usize,
) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    let bytes = text.as_bytes();
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    let mut index = 0;
    loop {
        pos = skip_whitespace(text, pos);
        match bytes.get(pos) {
            Some(b']') if index == 0 => {
                pos += 1;
                break;
            }
            None => return Err(error_at(label, text, pos, "EOF while parsing a list")),
            Some(_) => {}
        }
        let element_start = pos;
        let rest = text.get(pos..).unwrap_or("");
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let value = match stream.next() {
            Some(Ok(value)) => value,
            Some(Err(error)) => return Err(syntax_error(label, text, pos, 0, &error)),
            None => return Err(error_at(label, text, pos, "EOF while parsing a list")),
        };
        pos += stream.byte_offset();
        let at = Located {
            label,
            text,
            offset: element_start,
            record: Some(index),
            line_base: 0,
        };
        if let Some(article) = article_from_value(&value, &at, &mut warnings) {
            articles.push(article);
        }
        pos = skip_whitespace(text, pos);
        match bytes.get(pos) {
            Some(b',') => {
                pos += 1;
                index += 1;
            }
            Some(b']') => {
                pos += 1;
                break;
            }
            Some(_) => return Err(error_at(label, text, pos, "expected `,` or `]`")),
            None => return Err(error_at(label, text, pos, "EOF while parsing a list")),
        }
    }
    let end = skip_whitespace(text, pos);
    if end < text.len() {
        return Err(error_at(label, text, end, "trailing characters"));
    }
    Ok((articles, warnings))
}

/// Parses a JSON Lines file: one article object per line, blank lines
/// skipped. A bad line becomes a warning naming its line and column.
pub fn parse_json_lines(label: &str, text: &str) -> (Vec<Article>, Vec<LoadError>) {
    let (articles, warnings, _) = parse_json_lines_from(label, text, LinesRead::default());
    (articles, warnings)
}

/// How far into a JSON Lines file a reader is: lines and records (non-blank
/// lines) already read. Lets a big file be parsed in chunks of whole lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinesRead {
    pub lines: usize,
    pub records: usize,
}

/// Parses one chunk of whole lines of a JSON Lines file that starts after
/// `before`, numbering ids and messages as in the whole file. Returns the
/// articles, the warnings and the position after the chunk.
pub fn parse_json_lines_from(
    label: &str,
    text: &str,
    before: LinesRead,
) -> (Vec<Article>, Vec<LoadError>, LinesRead) {
    let text = normalize_newlines(text);
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    let mut offset = 0;
    let mut index = before.records;
    let mut lines = 0;
    for line in text.split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        lines += 1;
        if line.trim().is_empty() {
            continue;
        }
        let at = Located {
            label,
            text: &text,
            offset: line_start,
            record: Some(index),
            line_base: before.lines,
        };
        index += 1;
        match serde_json::from_str::<Value>(line) {
            Ok(value) => {
                if let Some(article) = article_from_value(&value, &at, &mut warnings) {
                    articles.push(article);
                }
            }
            Err(error) => {
                warnings.push(syntax_error(label, &text, line_start, before.lines, &error))
            }
        }
    }
    // A chunk that ends with its line break has one empty "line" after it.
    if text.ends_with('\n') {
        lines -= 1;
    }
    let after = LinesRead {
        lines: before.lines + lines,
        records: index,
    };
    (articles, warnings, after)
}

/// Where a record sits, for ids and messages.
struct Located<'a> {
    label: &'a str,
    /// The whole file, to turn `offset` into a line and column.
    text: &'a str,
    /// Byte offset of the record's first character.
    offset: usize,
    /// Position in a collection; `None` for a file that is one article.
    record: Option<usize>,
    /// Lines of the file before `text` (when `text` is one chunk of a file read in parts).
    line_base: usize,
}

impl Located<'_> {
    fn id(&self) -> String {
        match self.record {
            Some(index) => format!("{}#{index}", self.label),
            None => self.label.to_string(),
        }
    }

    fn warning(&self, reason: String) -> LoadError {
        let (line, column) = line_column(self.text, self.offset);
        let line = line + self.line_base;
        let reason = match self.record {
            Some(index) => format!("article #{index}: {reason}"),
            None => reason,
        };
        LoadError::new(format!("{}:{line}:{column}", self.label), reason)
    }
}

/// Builds an article from one record of a collection, or warns why not.
fn article_from_value(
    value: &Value,
    at: &Located<'_>,
    warnings: &mut Vec<LoadError>,
) -> Option<Article> {
    let Value::Object(object) = value else {
        warnings.push(at.warning(format!("expected an article object, found {}", kind(value))));
        return None;
    };
    let article = article_from_object(object, &at.id(), at, warnings);
    if article.is_none() {
        warnings.push(at.warning(format!("{}; skipped", no_article_reason(&[]))));
    }
    article
}

/// Reads the recognised keys of one article object.
fn article_from_object(
    object: &Map<String, Value>,
    id: &str,
    at: &Located<'_>,
    warnings: &mut Vec<LoadError>,
) -> Option<Article> {
    // CMS exports often carry HTML, or text escaped as HTML (the Reuters
    // titles hold `&lt;`): decoded like a feed's.
    let mut field = |keys: &[&str]| {
        string_field(object, keys, at, warnings).map(|text| {
            if markup::looks_like_html(&text) {
                markup::inline_text(&text)
            } else {
                text
            }
        })
    };
    let title = field(TITLE_KEYS).unwrap_or_default();
    let source = field(SOURCE_KEYS);
    let date = field(DATE_KEYS);
    let url = field(URL_KEYS);
    let author = author_field(object, at, warnings).map(|name| markup::inline_text(&name));
    let paragraphs = body_field(object, at, warnings);
    finish_article(Article {
        id: id.to_string(),
        source_path: at.label.to_string(),
        title,
        source,
        date,
        url,
        author,
        paragraphs,
        removed: Vec::new(),
        guid: None,
    })
}

/// The first of `keys` holding text. Numbers and booleans are taken as their
/// text; arrays and objects are ignored with a warning.
fn string_field(
    object: &Map<String, Value>,
    keys: &[&str],
    at: &Located<'_>,
    warnings: &mut Vec<LoadError>,
) -> Option<String> {
    for key in keys {
        match object.get(*key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {}
            Some(Value::String(s)) => return Some(s.clone()),
            Some(value @ (Value::Number(_) | Value::Bool(_))) => return Some(value.to_string()),
            Some(value) => warnings.push(at.warning(format!(
                "`{key}` should be a string, found {}; ignored",
                kind(value)
            ))),
        }
    }
    None
}

/// The author: a string, an array of names (strings, or objects with a
/// `name`), or one such object; several names are joined with ", ".
fn author_field(
    object: &Map<String, Value>,
    at: &Located<'_>,
    warnings: &mut Vec<LoadError>,
) -> Option<String> {
    fn name(value: &Value) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Object(o) => o.get("name").and_then(name),
            _ => None,
        }
    }
    for key in AUTHOR_KEYS {
        let names: Vec<String> = match object.get(*key) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(items)) => items.iter().filter_map(name).collect(),
            Some(value) => name(value).into_iter().collect(),
        };
        if !names.is_empty() {
            return Some(names.join(", "));
        }
        if let Some(value) = object
            .get(*key)
            .filter(|v| !matches!(v, Value::String(_) | Value::Array(_)))
        {
            warnings.push(at.warning(format!(
                "`{key}` should be a name or a list of names, found {}; ignored",
                kind(value)
            )));
        }
    }
    None
}

/// The body as paragraphs: a string split by [`split_paragraphs`], or an
/// array whose strings are paragraphs (other elements ignored with a warning).
fn body_field(
    object: &Map<String, Value>,
    at: &Located<'_>,
    warnings: &mut Vec<LoadError>,
) -> Vec<String> {
    for key in BODY_KEYS {
        let paragraphs = match object.get(*key) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => body_paragraphs(s),
            Some(Value::Array(items)) => {
                let mut paragraphs = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => paragraphs.extend(body_paragraphs(s)),
                        Value::Null => {}
                        other => warnings.push(at.warning(format!(
                            "`{key}`[{i}] should be a string, found {}; ignored",
                            kind(other)
                        ))),
                    }
                }
                paragraphs
            }
            Some(other) => {
                warnings.push(at.warning(format!(
                    "`{key}` should be a string or an array of strings, found {}; ignored",
                    kind(other)
                )));
                continue;
            }
        };
        if !paragraphs.is_empty() {
            return paragraphs;
        }
    }
    Vec::new()
}

/// The paragraphs of a body string: HTML markup becomes paragraphs as a
/// feed body does; text that is only escaped (`&lt;`, `&#3;`) is decoded and
/// split like plain text, keeping its line structure.
fn body_paragraphs(body: &str) -> Vec<String> {
    if markup::has_tags(body) {
        markup::html_to_paragraphs(body)
    } else {
        split_paragraphs(&markup::decode_entities(body))
    }
}

/// Splits a body string into paragraphs.
///
/// Blank lines separate paragraphs when there are any (the lines inside one
/// are joined with a space). Otherwise an indented line starts a paragraph,
/// as in hard-wrapped wire copy (`\n    The dry period ...`). Otherwise every
/// line is a paragraph.
pub fn split_paragraphs(body: &str) -> Vec<String> {
    let body = normalize_newlines(body);
    let lines: Vec<&str> = body.split('\n').collect();
    let is_blank = |l: &&str| l.trim().is_empty();
    let first_text = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let last_text = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(0, |i| i + 1);
    let inner = lines.get(first_text..last_text).unwrap_or(&[]);
    let join = |group: &[&str]| group.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    let paragraphs: Vec<String> = if inner.iter().any(is_blank) {
        inner
            .split(is_blank)
            .filter(|g| !g.is_empty())
            .map(join)
            .collect()
    } else if inner.iter().skip(1).any(|l| l.starts_with([' ', '\t'])) {
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for line in inner {
            match groups.last_mut() {
                Some(group) if !line.starts_with([' ', '\t']) => group.push(line),
                _ => groups.push(vec![line]),
            }
        }
        groups.iter().map(|g| join(g)).collect()
    } else {
        inner.iter().map(|l| l.trim().to_string()).collect()
    };
    paragraphs.into_iter().filter(|p| !p.is_empty()).collect()
}

/// A JSON value's kind, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn skip_whitespace(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while bytes
        .get(pos)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        pos += 1;
    }
    pos
}

/// One-based line and column (in bytes, as `serde_json` counts) of `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

fn error_at(label: &str, text: &str, offset: usize, reason: &str) -> LoadError {
    let (line, column) = line_column(text, offset);
    LoadError::new(format!("{label}:{line}:{column}"), reason)
}

/// A `serde_json` error from parsing `text[base..]`, placed in the whole file.
/// `line_base` lines of the file come before `text`.
fn syntax_error(
    label: &str,
    text: &str,
    base: usize,
    line_base: usize,
    error: &serde_json::Error,
) -> LoadError {
    let (base_line, base_column) = line_column(text, base);
    let base_line = base_line + line_base;
    let (line, column) = if error.line() <= 1 {
        (base_line, base_column + error.column().saturating_sub(1))
    } else {
        (base_line + error.line() - 1, error.column())
    };
    // serde_json appends " at line L column C"; we give the position up front.
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let reason = message.strip_suffix(&suffix).unwrap_or(&message);
    LoadError::new(format!("{label}:{line}:{column}"), reason)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    const OBJECT: &str = include_str!("../../assets/fixtures/loader/article.json");
    const ARRAY_WITH_BAD: &str = include_str!("../../assets/fixtures/loader/array-one-bad.json");
    const TRUNCATED: &str = include_str!("../../assets/fixtures/loader/truncated.json");
    const LINES_WITH_BAD: &str = include_str!("../../assets/fixtures/loader/lines-one-bad.jsonl");

    #[test]
    fn parse_json_reads_one_article_object() {
        let (articles, warnings) = parse_json("a.json", OBJECT).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let a = &articles[0];
        assert_eq!(a.id, "a.json");
        assert_eq!(a.title, "Harbour reopens after storm");
        assert_eq!(a.source.as_deref(), Some("Coastal Gazette"));
        assert_eq!(a.date.as_deref(), Some("2024-03-04"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/harbour"));
        assert_eq!(a.author.as_deref(), Some("A. Writer, B. Editor"));
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn parse_json_warns_about_a_bad_element_and_keeps_the_rest() {
        let (articles, warnings) = parse_json("c.json", ARRAY_WITH_BAD).unwrap();
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c.json#0", "c.json#2", "c.json#3"]);
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "c.json:7:3: article #1: expected an article object, found a number",
                "c.json:8:3: article #2: `title` should be a string, found an object; ignored",
                "c.json:9:3: article #3: `content`[1] should be a string, found an array; ignored",
                "c.json:10:3: article #4: no title or body (looked for title/headline and body/text/content); skipped",
            ]
        );
        // A number where a string is expected is taken as text.
        assert_eq!(articles[1].date.as_deref(), Some("20240304"));
        assert_eq!(articles[1].title, "Fallback body");
    }

    #[test]
    fn parse_json_reports_malformed_files_with_line_and_column() {
        let error = parse_json("t.json", TRUNCATED).unwrap_err();
        assert_eq!(error.to_string(), "t.json:3:22: EOF while parsing a string");
        let error =
            parse_json("t.json", "[\n  {\"title\": \"A\"}\n  {\"title\": \"B\"}\n]").unwrap_err();
        assert_eq!(error.to_string(), "t.json:3:3: expected `,` or `]`");
        let error = parse_json("t.json", "[{\"title\": \"A\",}]").unwrap_err();
        assert_eq!(error.path, "t.json:1:16");
        let error = parse_json("t.json", "[] x").unwrap_err();
        assert_eq!(error.to_string(), "t.json:1:4: trailing characters");
        let error = parse_json("t.json", "\"just a string\"").unwrap_err();
        assert!(error.reason.contains("found a string"), "{error}");
    }

    #[test]
    fn parse_json_survives_deep_nesting() {
        for open in ["[", "{\"a\":"] {
            let deep = open.repeat(10_000);
            let error = parse_json("deep.json", &deep).unwrap_err();
            assert!(error.reason.contains("recursion limit"), "{error}");
        }
        let fixture = include_str!("../../assets/fixtures/loader/deep.json");
        let error = parse_json("deep.json", fixture).unwrap_err();
        assert!(error.reason.contains("recursion limit"), "{error}");
    }

    #[test]
    fn parse_json_explains_an_object_without_article_fields() {
        let error =
            parse_json("feed.json", r#"{"title": {"type": "text"}, "entries": []}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "feed.json: no title or body (looked for title/headline and body/text/content); \
             `title` should be a string, found an object; ignored"
        );
    }

    #[test]
    fn parse_json_accepts_an_empty_array() {
        assert_eq!(
            parse_json("e.json", " [ ] ").unwrap(),
            (Vec::new(), Vec::new())
        );
    }

    #[test]
    fn parse_json_lines_warns_about_a_bad_line_and_keeps_the_rest() {
        let (articles, warnings) = parse_json_lines("l.jsonl", LINES_WITH_BAD);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["l.jsonl#0", "l.jsonl#2"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].to_string(), "l.jsonl:3:49: expected value");
        assert_eq!(articles[1].author.as_deref(), Some("Third Writer"));
    }

    #[test]
    fn split_paragraphs_follows_blank_lines_then_indentation_then_lines() {
        assert_eq!(
            split_paragraphs("One\nwrapped.\n\nTwo.\r\n\r\n"),
            ["One wrapped.", "Two."]
        );
        assert_eq!(
            split_paragraphs(
                "Showers continued\nthroughout the week.\n    The dry period\nmeans a delay.\n"
            ),
            [
                "Showers continued throughout the week.",
                "The dry period means a delay."
            ]
        );
        assert_eq!(split_paragraphs("First.\nSecond.\n"), ["First.", "Second."]);
        assert!(split_paragraphs("  \n ").is_empty());
    }

    #[test]
    fn article_fields_accept_alternative_keys() {
        let (articles, _) = parse_json(
            "k.json",
            r#"{"headline": "H", "text": "T", "publisher": "P", "published": "D", "link": "L", "byline": {"name": "N"}}"#,
        )
        .unwrap();
        let a = &articles[0];
        assert_eq!(
            (
                a.title.as_str(),
                a.source.as_deref(),
                a.date.as_deref(),
                a.url.as_deref(),
                a.author.as_deref()
            ),
            ("H", Some("P"), Some("D"), Some("L"), Some("N"))
        );
        assert_eq!(a.paragraphs, ["T"]);
    }

    #[test]
    fn article_fields_are_sanitised() {
        let (articles, _) =
            parse_json("s.json", r#"{"title": "A\u001b]0;x\u0007B", "body": ["\u202eevil", "ok\u00ad"], "source": "\u009b31mS"}"#)
                .unwrap();
        let a = &articles[0];
        assert_eq!(a.title, "A␛B");
        assert_eq!(a.paragraphs, ["⇄evil", "ok"]);
        assert_eq!(a.source.as_deref(), Some("␛S"));
    }
}
