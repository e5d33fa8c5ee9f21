//! The same article arriving twice is one article: a story that comes through
//! two feeds, a feed saved and also fetched, a corpus holding a file twice
//! (the BBC corpus has 98 such files). A later copy is dropped and reported
//! as a [`Duplicate`] of the first, so the reader can list every source the
//! story came from.
//!
//! Copies are told by any of: the same feed guid, the same web address (its
//! scheme and host in any case, without fragment, trailing slash or `utm_`
//! tracking parameters), or byte-identical title and text. Only 64-bit hashes
//! are kept, so a collection of 100,000 articles costs about 7 MiB here; for
//! `lede dump` and `lede index` they go to disk past a limit ([`Dedup::spilling`]),
//! so that their memory stays flat.

mod seen_keys;

use crate::model::Article;
use seen_keys::SeenKeys;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;

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
    /// Key hash → the first article with that key.
    seen: SeenKeys,
    /// One fixed hasher: keys are compared between articles of one run only.
    hasher: foldhash::fast::FixedState,
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
    /// A check that keeps its keys on disk once they are many (see
    /// [`seen_keys`]), in `folder` (else the system's temporary folder): for
    /// `lede dump` and `lede index`, whose memory is to stay flat; the reader
    /// keeps its collection in memory anyway.
    pub fn spilling(folder: Option<PathBuf>) -> Self {
        Dedup {
            seen: SeenKeys::spilling(seen_keys::SPILL_AT, folder),
            ..Dedup::default()
        }
    }

    /// [`Self::spilling`] at `keys` keys in memory (tests).
    #[cfg(test)]
    fn spilling_at(keys: usize) -> Self {
        Dedup {
            seen: SeenKeys::spilling(keys, None),
            ..Dedup::default()
        }
    }

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
            // Keys are asked in order until one shows a copy; a key seen
            // before that shows none keeps its first article.
            let mut unseen = Vec::with_capacity(keys.len());
            for &key in &keys {
                match self.seen.get(key) {
                    None => unseen.push(key),
                    Some(seen) if seen.origin != origin => {
                        duplicates.push(Duplicate {
                            original: seen.position as usize,
                            source: source_of(article),
                        });
                        return false;
                    }
                    Some(seen) if seen.id == id => return false,
                    Some(_) => {}
                }
            }
            self.seen.insert(unseen, origin, id);
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

    /// The check as the reader has it, and keeping as few as one or two
    /// keys in memory (the rest on disk): each test runs on all three.
    fn every_dedup() -> [Dedup; 3] {
        [
            Dedup::default(),
            Dedup::spilling_at(1),
            Dedup::spilling_at(2),
        ]
    }

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
        for mut dedup in every_dedup() {
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
    }

    #[test]
    fn items_of_one_feed_stay_apart_even_sharing_a_link_a_text_or_a_guid() {
        for mut dedup in every_dedup() {
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
    }

    #[test]
    fn keys_on_disk_tell_the_same_copies_as_keys_in_memory() {
        // Articles from four feeds, many of them copies of earlier ones by
        // text, link or guid, handed over in batches: the check keeping 64
        // keys in memory (the rest in runs on disk, merged as they pile up)
        // drops the same copies, pointing at the same first articles.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let articles: Vec<Article> = (0..3_000)
            .map(|i| {
                let feed = next(4);
                let story = next(1_500);
                Article {
                    source_path: format!("feed{feed}.xml"),
                    ..article(
                        &format!("feed{feed}.xml#{i}"),
                        (next(3) == 0)
                            .then(|| format!("https://news.example/{}", next(900)))
                            .as_deref(),
                        &format!("story {story}"),
                        (next(4) == 0).then(|| format!("g{}", next(700))).as_deref(),
                    )
                }
            })
            .collect();
        let outcome = |mut dedup: Dedup| {
            let mut kept = Vec::new();
            let mut duplicates = Vec::new();
            for batch in articles.chunks(37) {
                let mut batch = batch.to_vec();
                duplicates.extend(dedup.filter(&mut batch));
                kept.extend(batch.into_iter().map(|a| a.id));
            }
            (kept, duplicates, dedup.seen.runs())
        };
        let (kept, duplicates, _) = outcome(Dedup::default());
        let (kept_on_disk, duplicates_on_disk, runs) = outcome(Dedup::spilling_at(64));
        assert!(duplicates.len() > 1_000 && kept.len() > 1_000);
        assert!(runs >= 1, "the keys went to disk");
        assert_eq!(kept, kept_on_disk);
        assert_eq!(duplicates, duplicates_on_disk);
    }

    #[test]
    fn different_texts_and_query_strings_stay_apart() {
        for mut dedup in every_dedup() {
            let mut articles = vec![
                article("a", Some("https://x.example/p?id=1"), "one", None),
                article("b", Some("https://x.example/p?id=2"), "two", None),
                article("c", None, "one two", None),
            ];
            assert!(dedup.filter(&mut articles).is_empty());
            assert_eq!(articles.len(), 3);
        }
    }
}
