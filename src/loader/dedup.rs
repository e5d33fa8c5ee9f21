//! The same article arriving twice is one article: a story that comes through
//! two feeds, a feed saved and also fetched, a corpus holding a file twice
//! (the BBC corpus has 98 such files). A later copy is dropped and reported
//! as a [`Duplicate`] of the first, so the reader can list every source the
//! story came from.
//!
//! Copies are told by any of: the same feed guid, the same web address (its
//! scheme and host in any case, without fragment, trailing slash or `utm_`
//! tracking parameters), or byte-identical title and text. Only 64-bit hashes
//! are kept, so a collection of 100,000 articles costs about 7 MiB here.

use crate::model::Article;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// An article that arrived again: dropped, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Load position (0 for the first article handed over) of the copy kept.
    pub original: usize,
    /// Where the dropped copy came from: its feed's title or its file.
    pub source: String,
}

/// Remembers every article handed over and recognises copies.
#[derive(Default)]
pub struct Dedup {
    /// Key hash → load position of the first article with that key.
    seen: HashMap<u64, u32>,
    /// Per load position: hashes of where the article came from and of its
    /// id (kept apart from the keys, so each key costs 12 bytes).
    firsts: Vec<Seen>,
    /// One fixed hasher: keys are compared between articles of one run only.
    hasher: foldhash::fast::FixedState,
}

/// The first article seen with a key.
#[derive(Clone, Copy)]
struct Seen {
    origin: u64,
    id: u64,
}

/// What a key is made of, so that a title never matches a URL.
#[derive(Clone, Copy)]
enum KeyKind {
    Guid = 1,
    Url = 2,
    Text = 3,
    Id = 5,
    /// Not a key: where an article came from.
    Origin = 4,
}

impl Dedup {
    /// Removes from `articles` those seen before (in this call or an earlier
    /// one), returning them as duplicates. The others keep their order and
    /// take the next load positions.
    pub fn filter(&mut self, articles: &mut Vec<Article>) -> Vec<Duplicate> {
        let mut duplicates = Vec::new();
        articles.retain(|article| {
            let keys = self.keys(article);
            let origin = self.hash(KeyKind::Origin, &[&article.source_path]);
            // The id key, which is always first.
            let id = keys[0];
            // Within one file or feed, items are distinct by its word: a
            // blog's items often share a link (the day's page), and some
            // feeds even repeat a guid for different posts. The same item
            // read again (a feed fetched after its cached copy was shown)
            // is a copy, but not news of another source.
            let first = keys.iter().find_map(|key| {
                let position = *self.seen.get(key)? as usize;
                let seen = self.firsts.get(position)?;
                (seen.origin != origin || seen.id == id).then_some((position, seen.origin))
            });
            if let Some((position, seen_origin)) = first {
                if seen_origin != origin {
                    duplicates.push(Duplicate {
                        original: position,
                        source: source_of(article),
                    });
                }
                return false;
            }
            let position = u32::try_from(self.firsts.len()).unwrap_or(u32::MAX);
            for key in keys {
                self.seen.entry(key).or_insert(position);
            }
            self.firsts.push(Seen { origin, id });
            true
        });
        duplicates
    }

    /// The hashed keys of one article, its id's first.
    fn keys(&self, article: &Article) -> Vec<u64> {
        // First the id: the same article read again (a reload) has the same
        // id, whatever its text has become.
        let mut keys = Vec::with_capacity(4);
        keys.push(self.hash(KeyKind::Id, &[&article.id]));
        if let Some(guid) = article.guid.as_deref().filter(|g| !g.is_empty()) {
            keys.push(self.hash(KeyKind::Guid, &[guid]));
        }
        if let Some(url) = article.url.as_deref().and_then(normalised_url) {
            keys.push(self.hash(KeyKind::Url, &[&url]));
        }
        if !article.paragraphs.is_empty() {
            let mut parts: Vec<&str> = vec![&article.title];
            parts.extend(article.paragraphs.iter().map(String::as_str));
            keys.push(self.hash(KeyKind::Text, &parts));
        }
        keys
    }

    fn hash(&self, kind: KeyKind, parts: &[&str]) -> u64 {
        let mut hasher = self.hasher.build_hasher();
        hasher.write_u8(kind as u8);
        for part in parts {
            hasher.write(part.as_bytes());
            // A separator, so that ["ab", "c"] and ["a", "bc"] differ.
            hasher.write_u8(0xff);
        }
        hasher.finish()
    }
}

/// Where an article came from, for the reader's "also in" line.
fn source_of(article: &Article) -> String {
    article
        .source
        .clone()
        .unwrap_or_else(|| article.source_path.clone())
}

/// A web address in the form copies share, or `None` for one that is not an
/// absolute http(s) address.
fn normalised_url(url: &str) -> Option<String> {
    let mut parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    parsed.set_fragment(None);
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(name, _)| !name.starts_with("utm_"))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    // Either scheme: the same page is often linked as both.
    let _ = parsed.set_scheme("https");
    let text = parsed.as_str();
    Some(text.strip_suffix('/').unwrap_or(text).to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn article(id: &str, url: Option<&str>, text: &str, guid: Option<&str>) -> Article {
        Article {
            id: id.into(),
            source_path: id.into(),
            title: "T".into(),
            source: Some(format!("Feed {id}")),
            url: url.map(Into::into),
            paragraphs: vec![text.into()],
            guid: guid.map(Into::into),
            ..Article::default()
        }
    }

    #[test]
    fn copies_by_guid_url_or_text_are_dropped_and_point_at_the_first() {
        let mut dedup = Dedup::default();
        let mut first = vec![
            article(
                "a",
                Some("https://news.example/story?utm_source=rss"),
                "one",
                Some("g1"),
            ),
            article("b", None, "two", None),
        ];
        assert!(dedup.filter(&mut first).is_empty());
        let mut later = vec![
            article(
                "c",
                Some("HTTP://NEWS.example/story/#top"),
                "different",
                None,
            ),
            article("d", None, "two", None),
            article("e", None, "new", Some("g1")),
            article("f", None, "fresh", None),
        ];
        let duplicates = dedup.filter(&mut later);
        assert_eq!(
            duplicates,
            [
                Duplicate {
                    original: 0,
                    source: "Feed c".into()
                },
                Duplicate {
                    original: 1,
                    source: "Feed d".into()
                },
                Duplicate {
                    original: 0,
                    source: "Feed e".into()
                },
            ]
        );
        assert_eq!(later.len(), 1);
        assert_eq!(later[0].id, "f");
        // The kept article took the next position.
        let mut again = vec![article("g", None, "fresh", None)];
        assert_eq!(dedup.filter(&mut again)[0].original, 2);
    }

    #[test]
    fn items_of_one_feed_stay_apart_even_sharing_a_link_a_text_or_a_guid() {
        let mut dedup = Dedup::default();
        let item = |guid: &str, text: &str| Article {
            source_path: "feed.xml".into(),
            ..article(
                &format!("feed.xml#{guid}-{text}"),
                Some("https://blog.example/today"),
                text,
                Some(guid),
            )
        };
        let mut items = vec![item("1", "same"), item("2", "same"), item("1", "other")];
        assert!(dedup.filter(&mut items).is_empty());
        assert_eq!(items.len(), 3);
        // The same items read again from the same feed: dropped, no news,
        // also when an item's text changed since.
        let mut reread = vec![
            item("1", "same"),
            Article {
                paragraphs: vec!["edited".into()],
                ..item("2", "same")
            },
        ];
        assert!(dedup.filter(&mut reread).is_empty());
        assert!(reread.is_empty());
        // The same feed read again from elsewhere is all copies.
        let mut again = vec![Article {
            source_path: "https://blog.example/feed".into(),
            ..item("2", "changed")
        }];
        assert_eq!(dedup.filter(&mut again)[0].original, 1);
    }

    #[test]
    fn different_texts_and_query_strings_stay_apart() {
        let mut dedup = Dedup::default();
        let mut articles = vec![
            article("a", Some("https://x.example/p?id=1"), "one", None),
            article("b", Some("https://x.example/p?id=2"), "two", None),
            article("c", None, "one two", None),
        ];
        assert!(dedup.filter(&mut articles).is_empty());
        assert_eq!(articles.len(), 3);
    }
}
