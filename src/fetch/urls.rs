//! The subscription list, in newsboat's `urls` format, so that an existing
//! list works as it is. Finds the list in the config folder and parses it
//! into [`Subscription`]s; OPML lists are found here but parsed by the
//! loader.
//!
//! # Format
//! One feed a line: a URL, then optional tags separated by white space.
//! Blank lines and lines starting with `#` are ignored. A tag may be
//! double-quoted to hold spaces (`"world news"`; `\"` and `\\` inside
//! quotes). Two kinds of tag mean something:
//! - `~Title` (newsboat's convention) sets the feed's display title:
//!   `"~Morning briefing"`.
//! - `!full` (lede's own) asks for the full article behind each item, not
//!   just the feed's summary. Newsboat gives tags that start with `!` a
//!   meaning of its own, so a list shared with newsboat may show the tag
//!   differently there.
//!
//! A URL is `http://` or `https://`, or a local file: an absolute path or
//! one under `~/`. Other lines (newsboat's `query:`, `exec:`, `filter:`
//! feeds, typos) are skipped with a warning naming `file:line`.

use super::is_web_url;
use crate::loader::LoadError;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// An http(s) URL, or an absolute local path (`~/` already expanded).
    pub url: String,
    /// The plain tags, in the order written (without the `~title` and
    /// `!full` tags).
    pub tags: Vec<String>,
    /// The display title from a `~Title` tag.
    pub title: Option<String>,
    /// Whether the `!full` tag asks for each item's full article.
    pub full_article: bool,
}

/// A parsed list: the subscriptions in file order and the lines skipped or
/// read with a problem (`urls:7`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    /// The usable lines.
    pub subscriptions: Vec<Subscription>,
    /// One per line that was skipped or had a problem.
    pub warnings: Vec<LoadError>,
}

/// The two kinds of subscription list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionFormat {
    /// newsboat's `urls` file, parsed by [`parse_urls`].
    Urls,
    /// An OPML outline, parsed by the loader.
    Opml,
}

/// A subscription list found in the config folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionFile {
    /// Where it is.
    pub path: PathBuf,
    /// How to read it.
    pub format: SubscriptionFormat,
}

/// The subscription list in `config_dir` (see
/// [`super::default_config_dir`]): `urls`, else `subscriptions.opml`;
/// `None` when there is neither.
pub fn subscription_file(config_dir: &Path) -> Option<SubscriptionFile> {
    [
        ("urls", SubscriptionFormat::Urls),
        ("subscriptions.opml", SubscriptionFormat::Opml),
    ]
    .into_iter()
    .map(|(name, format)| SubscriptionFile {
        path: config_dir.join(name),
        format,
    })
    .find(|file| file.path.is_file())
}

/// Reads and parses a `urls` file, expanding `~/` with `$HOME`.
///
/// # Errors
/// The file cannot be read; bad lines are warnings, not errors.
pub fn read_urls(path: &Path) -> Result<Subscriptions, LoadError> {
    let label = path.to_string_lossy();
    let bytes = fs::read(path)
        .map_err(|error| LoadError::new(&*label, crate::loader::io_reason(&error)))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut parsed = parse_urls(&text, &label, super::home_dir().as_deref());
    if let std::borrow::Cow::Owned(_) = text {
        parsed.warnings.insert(
            0,
            LoadError::new(&*label, "not valid UTF-8; bad bytes shown as �"),
        );
    }
    Ok(parsed)
}

/// Parses the text of a `urls` file; `label` names it in warnings
/// (`label:line`), `home` expands `~/`.
pub fn parse_urls(text: &str, label: &str, home: Option<&Path>) -> Subscriptions {
    let mut parsed = Subscriptions::default();
    // URL → the line it was first on, to report repeats.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let warn = |reason: String| LoadError::new(format!("{label}:{number}"), reason);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (tokens, unterminated) = tokenize(line);
        if unterminated {
            parsed.warnings.push(warn(
                "a quote is not closed; read to the end of the line".into(),
            ));
        }
        let mut tokens = tokens.into_iter();
        let Some(raw_url) = tokens.next() else {
            continue;
        };
        let Some(url) = locate(&raw_url, home) else {
            parsed.warnings.push(warn(format!(
                "{raw_url} is not an http(s) URL or a local path (absolute or ~/); skipped"
            )));
            continue;
        };
        if let Some(first) = first_line.get(&url) {
            parsed.warnings.push(warn(format!(
                "{url} is listed again (first on line {first}); skipped"
            )));
            continue;
        }
        first_line.insert(url.clone(), number);
        let mut subscription = Subscription {
            url,
            tags: Vec::new(),
            title: None,
            full_article: false,
        };
        for tag in tokens {
            if let Some(title) = tag.strip_prefix('~') {
                subscription.title = Some(crate::sanitize::sanitize(title));
            } else if tag == "!full" {
                subscription.full_article = true;
            } else if !tag.is_empty() {
                subscription.tags.push(crate::sanitize::sanitize(&tag));
            }
        }
        parsed.subscriptions.push(subscription);
    }
    parsed
}

/// The URL or absolute path a list entry names, `~/` expanded; `None` when
/// it is neither (or `~/` without a home).
fn locate(raw: &str, home: Option<&Path>) -> Option<String> {
    if is_web_url(raw) && raw.len() > raw.find("://")? + 3 {
        return Some(raw.to_string());
    }
    if raw.starts_with('/') {
        return Some(raw.to_string());
    }
    let rest = raw.strip_prefix("~/")?;
    Some(home?.join(rest).to_string_lossy().into_owned())
}

/// Splits a line at white space outside double quotes; quotes group and are
/// dropped, `\` escapes the next character inside them. The flag is set when
/// a quote was left open.
fn tokenize(line: &str) -> (Vec<String>, bool) {
    let mut tokens = Vec::new();
    let mut token = String::new();
    let mut in_token = false;
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                in_token = true;
            }
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    token.push(next);
                }
            }
            c if c.is_whitespace() && !quoted => {
                if in_token {
                    tokens.push(std::mem::take(&mut token));
                    in_token = false;
                }
            }
            c => {
                token.push(c);
                in_token = true;
            }
        }
    }
    if in_token {
        tokens.push(token);
    }
    (tokens, quoted)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn sub(url: &str, tags: &[&str], title: Option<&str>, full_article: bool) -> Subscription {
        Subscription {
            url: url.to_string(),
            tags: tags.iter().map(|t| (*t).to_string()).collect(),
            title: title.map(str::to_string),
            full_article,
        }
    }

    #[test]
    fn parse_urls_reads_urls_tags_titles_and_full() {
        let text = "\
# my feeds
https://news.example.test/rss.xml world \"long reads\" \"~Morning briefing\"

HTTP://LOUD.example.test/feed !full tech
https://quiet.example.test/atom ~\"Quiet one\" \t  \"say \\\"hi\\\"\"
/srv/feeds/local.xml
~/feeds/mine.xml local
";
        let parsed = parse_urls(text, "urls", Some(Path::new("/home/reader")));
        assert_eq!(parsed.warnings, vec![]);
        assert_eq!(
            parsed.subscriptions,
            vec![
                sub(
                    "https://news.example.test/rss.xml",
                    &["world", "long reads"],
                    Some("Morning briefing"),
                    false
                ),
                sub("HTTP://LOUD.example.test/feed", &["tech"], None, true),
                sub(
                    "https://quiet.example.test/atom",
                    &["say \"hi\""],
                    Some("Quiet one"),
                    false
                ),
                sub("/srv/feeds/local.xml", &[], None, false),
                sub("/home/reader/feeds/mine.xml", &["local"], None, false),
            ]
        );
    }

    #[test]
    fn parse_urls_skips_bad_lines_with_file_and_line() {
        let text = "\
https://a.example.test/feed
\"query:unread:unread = \\\"yes\\\"\"
ftp://files.example.test/feed
relative/feed.xml
https://a.example.test/feed again
https://
~/feeds/x.xml
https://b.example.test/feed \"~Open title
";
        let parsed = parse_urls(text, "/cfg/urls", None);
        let urls: Vec<&str> = parsed
            .subscriptions
            .iter()
            .map(|s| s.url.as_str())
            .collect();
        assert_eq!(
            urls,
            ["https://a.example.test/feed", "https://b.example.test/feed"]
        );
        assert_eq!(parsed.subscriptions[1].title.as_deref(), Some("Open title"));
        let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "/cfg/urls:2: query:unread:unread = \"yes\" is not an http(s) URL or a local path (absolute or ~/); skipped",
                "/cfg/urls:3: ftp://files.example.test/feed is not an http(s) URL or a local path (absolute or ~/); skipped",
                "/cfg/urls:4: relative/feed.xml is not an http(s) URL or a local path (absolute or ~/); skipped",
                "/cfg/urls:5: https://a.example.test/feed is listed again (first on line 1); skipped",
                "/cfg/urls:6: https:// is not an http(s) URL or a local path (absolute or ~/); skipped",
                "/cfg/urls:7: ~/feeds/x.xml is not an http(s) URL or a local path (absolute or ~/); skipped",
                "/cfg/urls:8: a quote is not closed; read to the end of the line",
            ]
        );
    }

    #[test]
    fn parse_urls_sanitises_what_reaches_the_terminal() {
        let parsed = parse_urls(
            "https://a.test/f \"~Bad\u{1b}[31mTitle\"\nnope\u{7}\n",
            "u",
            None,
        );
        assert_eq!(parsed.subscriptions[0].title.as_deref(), Some("Bad␛Title"));
        assert!(parsed.warnings[0].reason.starts_with("nope␇ is not"));
    }

    #[test]
    fn subscription_file_prefers_urls_then_opml() {
        let temp = crate::fetch::test_server::TempDir::new("subscription-file");
        let dir = temp.path();
        assert_eq!(subscription_file(dir), None);
        fs::write(dir.join("subscriptions.opml"), "<opml/>").unwrap();
        assert_eq!(
            subscription_file(dir),
            Some(SubscriptionFile {
                path: dir.join("subscriptions.opml"),
                format: SubscriptionFormat::Opml
            })
        );
        fs::write(dir.join("urls"), "https://a.test/feed\n").unwrap();
        let found = subscription_file(dir).unwrap();
        assert_eq!(found.format, SubscriptionFormat::Urls);
        assert_eq!(read_urls(&found.path).unwrap().subscriptions.len(), 1);
    }
}
