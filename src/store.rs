//! Compact storage of loaded articles for the reader. A [`StoredArticle`]
//! holds what the list and the body need in a few allocations: the body as one
//! string with paragraph end offsets instead of one `String` per paragraph,
//! and the file path shared by every article of a collection file. The open
//! article is turned back into a full [`Article`] when it is shown.
//!
//! Lines the loader removed as boilerplate are not kept: only `lede dump`
//! reports them, and it does not go through this store.

mod text_file;

pub(crate) use text_file::read_exact_at;
pub use text_file::{TextFile, TextsWriter};

use crate::model::Article;
use std::borrow::Cow;
use std::sync::Arc;

/// How an article's id relates to its file, so that ids cost no memory in the
/// common cases (`path` and `path#N`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum StoredId {
    /// The id is the source path.
    Path,
    /// The id is `source_path#N`.
    Record(u32),
    /// Any other id, kept as it is.
    Other(Box<str>),
}

/// One article, stored compactly. Immutable once made, so it is shared
/// (`Arc`) between the reader and the analysis workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    source_path: Arc<str>,
    id: StoredId,
    title: Box<str>,
    source: Option<Box<str>>,
    date: Option<Box<str>>,
    url: Option<Box<str>>,
    author: Option<Box<str>>,
    /// Every paragraph, one after the other.
    body: Body,
    /// End of each paragraph in `body` (a paragraph starts where the one
    /// before it ends). `u32` is enough: no file over 64 MiB is read.
    ends: Box<[u32]>,
}

/// Where an article's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    /// In memory.
    Here(Box<str>),
    /// In a file of texts (a collection's snapshot,
    /// [`crate::cache::snapshot`]), read each time it is asked for: a
    /// collection reopened from its snapshot keeps no text in memory.
    OnDisk {
        file: Arc<TextFile>,
        at: u64,
        len: u32,
    },
}

/// The text at `at` of `file`, sanitised again (it was when it was written,
/// but the file may have been damaged since); empty when it cannot be read.
fn read_text(file: &TextFile, at: u64, len: u32) -> String {
    let mut text = into_text(file.read_bytes(at, len));
    crate::sanitize::sanitize_in_place(&mut text);
    text
}

/// Bytes read back as text (a damaged file's bad sequences replaced).
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// An article's text, in memory or just read: its paragraphs.
pub struct ArticleText<'a> {
    body: Cow<'a, str>,
    ends: &'a [u32],
}

impl ArticleText<'_> {
    /// Every paragraph, one after the other (without separators).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The paragraphs in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let end = end as usize;
            let text = self.body.get(start..end).unwrap_or("");
            start = end;
            text
        })
    }
}

fn boxed(s: Option<String>) -> Option<Box<str>> {
    s.map(String::into_boxed_str)
}

impl StoredArticle {
    /// Stores `article`. Pass the previous article's path as `shared_path` so
    /// that articles from one file share a single copy of it.
    pub fn new(article: Article, shared_path: Option<&Arc<str>>) -> StoredArticle {
        let source_path = match shared_path {
            Some(path) if **path == *article.source_path => Arc::clone(path),
            _ => Arc::from(article.source_path.as_str()),
        };
        let id = if article.id == *source_path {
            StoredId::Path
        } else {
            article
                .id
                .strip_prefix(&*source_path)
                .and_then(|rest| rest.strip_prefix('#'))
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| article.id == format!("{source_path}#{n}"))
                .map_or_else(|| StoredId::Other(article.id.into()), StoredId::Record)
        };
        let mut body = String::with_capacity(article.paragraphs.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(article.paragraphs.len());
        for p in &article.paragraphs {
            body.push_str(p);
            ends.push(u32::try_from(body.len()).unwrap_or(u32::MAX));
        }
        StoredArticle {
            source_path,
            id,
            title: article.title.into_boxed_str(),
            source: boxed(article.source),
            date: boxed(article.date),
            url: boxed(article.url),
            author: boxed(article.author),
            body: Body::Here(body.into_boxed_str()),
            ends: ends.into_boxed_slice(),
        }
    }

    /// The article with its text in `file`, `len` bytes at `at`, its
    /// paragraphs ending at `ends`, instead of in memory.
    pub fn with_text_in(mut self, file: &Arc<TextFile>, at: u64, len: u32, ends: Vec<u32>) -> Self {
        self.body = Body::OnDisk {
            file: Arc::clone(file),
            at,
            len,
        };
        self.ends = ends.into_boxed_slice();
        self
    }

    /// The article's text when it is kept in memory.
    pub fn text_in_memory(&self) -> Option<&str> {
        match &self.body {
            Body::Here(body) => Some(body),
            Body::OnDisk { .. } => None,
        }
    }

    /// Where the article's text is in the file of texts `file`, if it is
    /// there: (at, length).
    pub fn text_place_in(&self, file: &Arc<TextFile>) -> Option<(u64, u32)> {
        match &self.body {
            Body::OnDisk { file: its, at, len } if Arc::ptr_eq(its, file) => Some((*at, *len)),
            _ => None,
        }
    }

    /// The shared path string, to pass as `shared_path` for the next article.
    pub fn shared_path(&self) -> &Arc<str> {
        &self.source_path
    }

    pub fn id(&self) -> String {
        match &self.id {
            StoredId::Path => self.source_path.to_string(),
            StoredId::Record(n) => format!("{}#{n}", self.source_path),
            StoredId::Other(id) => id.to_string(),
        }
    }

    pub fn source_path(&self) -> &str {
        &self.source_path
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    pub fn paragraph_count(&self) -> usize {
        self.ends.len()
    }

    /// The text: at hand, or read from its file.
    pub fn text(&self) -> ArticleText<'_> {
        let body = match &self.body {
            Body::Here(body) => Cow::Borrowed(&**body),
            Body::OnDisk { file, at, len } => Cow::Owned(read_text(file, *at, *len)),
        };
        ArticleText {
            body,
            ends: &self.ends,
        }
    }

    /// The text to match a search against, never to show, unless
    /// `passed_over` says from its bytes (before they are read as text)
    /// that it is of no use. One read from its file is not sanitised a
    /// second time (it was when it was written), as a search over every
    /// article reads every text. What is shown comes from
    /// [`StoredArticle::text`].
    pub fn text_to_match_unless(
        &self,
        passed_over: impl Fn(&[u8]) -> bool,
    ) -> Option<ArticleText<'_>> {
        let body = match &self.body {
            Body::Here(body) if passed_over(body.as_bytes()) => return None,
            Body::Here(body) => Cow::Borrowed(&**body),
            Body::OnDisk { file, at, len } => {
                let bytes = file.read_bytes(*at, *len);
                if passed_over(&bytes) {
                    return None;
                }
                Cow::Owned(into_text(bytes))
            }
        };
        Some(ArticleText {
            body,
            ends: &self.ends,
        })
    }

    /// Where each paragraph ends in the text.
    pub fn paragraph_ends(&self) -> &[u32] {
        &self.ends
    }

    /// Body bytes (all paragraphs).
    pub fn body_len(&self) -> usize {
        self.ends.last().map_or(0, |&end| end as usize)
    }

    /// The full article again (without the removed boilerplate lines).
    pub fn to_article(&self) -> Article {
        Article {
            id: self.id(),
            source_path: self.source_path.to_string(),
            title: self.title.to_string(),
            source: self.source.as_deref().map(str::to_string),
            date: self.date.as_deref().map(str::to_string),
            url: self.url.as_deref().map(str::to_string),
            author: self.author.as_deref().map(str::to_string),
            paragraphs: self.text().paragraphs().map(str::to_string).collect(),
            removed: Vec::new(),
            // Duplicates are told apart while loading; the reader does not need it.
            guid: None,
        }
    }
}

/// Stores a batch of articles, sharing the path among consecutive articles of one file.
pub fn store_all(articles: Vec<Article>) -> Vec<Arc<StoredArticle>> {
    let mut path: Option<Arc<str>> = None;
    articles
        .into_iter()
        .map(|article| {
            let stored = StoredArticle::new(article, path.as_ref());
            path = Some(Arc::clone(stored.shared_path()));
            Arc::new(stored)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, path: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            source_path: path.into(),
            title: "Tórshavn talks".into(),
            source: Some("Wire".into()),
            date: None,
            url: Some("https://example.org/a".into()),
            author: Some("A. Writer".into()),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            removed: vec!["Share this".into()],
            guid: None,
        }
    }

    #[test]
    fn stored_article_gives_back_the_article_without_removed_lines() {
        for id in ["news/a.txt", "news/a.txt#12", "custom id"] {
            let original = article(id, "news/a.txt", &["First „one“.", "", "Third ü."]);
            let stored = StoredArticle::new(original.clone(), None);
            let back = stored.to_article();
            assert_eq!(back.removed, Vec::<String>::new());
            assert_eq!(
                back,
                Article {
                    removed: Vec::new(),
                    ..original
                }
            );
            assert_eq!(stored.paragraph_count(), 3);
        }
    }

    #[test]
    fn store_all_shares_the_path_of_one_file() {
        let stored = store_all(vec![
            article("f.jsonl#0", "f.jsonl", &["a"]),
            article("f.jsonl#1", "f.jsonl", &["b"]),
            article("g.txt", "g.txt", &["c"]),
        ]);
        assert!(Arc::ptr_eq(
            stored[0].shared_path(),
            stored[1].shared_path()
        ));
        assert_eq!(stored[1].id(), "f.jsonl#1");
        assert_eq!(stored[2].id(), "g.txt");
        assert_eq!(stored[2].text().paragraphs().collect::<Vec<_>>(), ["c"]);
    }

    #[test]
    fn stored_id_keeps_odd_record_numbers_verbatim() {
        let stored = StoredArticle::new(article("f.jsonl#007", "f.jsonl", &["a"]), None);
        assert_eq!(stored.id(), "f.jsonl#007");
    }
}
