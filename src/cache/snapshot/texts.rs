//! The file of texts of a snapshot being made ([`TextsOut`]): a collection
//! loaded the long way puts each article's text in it as the load meets the
//! article, and keeps the article with its text there instead of in memory,
//! so that neither the reader nor `lede index` holds the collection's texts
//! while they wait for its names to be unified; the snapshot then names the
//! file. A file of texts that no snapshot came to name is removed. The file's
//! format, compressed in blocks, is [`crate::store::TextFile`]'s.

use crate::cache::store::now_nanos;
use crate::store::{StoredArticle, TextFile, TextsWriter};
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file of texts being written, and read as it grows.
pub struct TextsOut {
    path: PathBuf,
    /// Its file name, as the snapshot's header names it.
    name: String,
    out: TextsWriter,
    /// A snapshot names it: it stays when this goes.
    kept: bool,
}

impl TextsOut {
    /// A new, empty file of texts for the snapshot at `snapshot`, beside it,
    /// named `<stem>-<time>-<pid>.text` (so that one a process left behind
    /// is known by its process, see `remove_abandoned`).
    ///
    /// # Errors
    ///
    /// When the file cannot be made.
    pub fn create(snapshot: &Path) -> io::Result<TextsOut> {
        let dir = snapshot.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let stem = snapshot.file_stem().unwrap_or_default().to_string_lossy();
        let name = format!("{stem}-{:x}-{}.text", now_nanos(), std::process::id());
        let path = dir.join(&name);
        let out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let read = match File::open(&path) {
            Ok(read) => read,
            Err(error) => {
                let _ = std::fs::remove_file(&path);
                return Err(error);
            }
        };
        Ok(TextsOut {
            path,
            name,
            out: TextsWriter::new(out, TextFile::writing(read)),
            kept: false,
        })
    }

    /// The file, for reading what was put in.
    pub fn file(&self) -> &Arc<TextFile> {
        self.out.file()
    }

    /// Whether nothing more can go in.
    pub fn broken(&self) -> bool {
        self.out.broken()
    }

    /// Puts `text` in, readable at once, and says where it is: (at, length).
    ///
    /// # Errors
    ///
    /// When the file is broken or the text is over 4 GiB.
    pub fn put(&mut self, text: &str) -> io::Result<(u64, u32)> {
        self.out.put(text.as_bytes())
    }

    /// `article` with its text in this file instead of in memory; as it
    /// was when its text is not in memory or cannot be put in.
    pub fn take_text(&mut self, article: StoredArticle) -> StoredArticle {
        let Some(body) = article.text_in_memory() else {
            return article;
        };
        match self.out.put(body.as_bytes()) {
            Ok((at, len)) => {
                let ends = article.paragraph_ends().to_vec();
                let file = Arc::clone(self.out.file());
                article.with_text_in(&file, at, len, ends)
            }
            Err(_) => article,
        }
    }

    /// Writes what is pending and the table of blocks and makes the file
    /// durable: returns the file's name and length, for the snapshot's
    /// header.
    ///
    /// # Errors
    ///
    /// When a write failed.
    pub fn finish(&mut self) -> io::Result<(String, u64)> {
        let len = self.out.finish()?;
        Ok((self.name.clone(), len))
    }

    /// A snapshot names the file now: it stays.
    pub fn keep(mut self) -> PathBuf {
        self.kept = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for TextsOut {
    fn drop(&mut self) {
        if !self.kept {
            // An article still holding it reads on (Unix keeps it until closed).
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn article(paragraphs: &[&str]) -> StoredArticle {
        StoredArticle::new(
            Article {
                id: "a.txt".into(),
                source_path: "a.txt".into(),
                title: "A".into(),
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
                ..Article::default()
            },
            None,
        )
    }

    #[test]
    fn a_text_taken_is_read_back_from_the_file_and_the_file_goes_unless_kept() {
        let dir = crate::fetch::test_server::TempDir::new("texts-out");
        let snapshot = dir.path().join("c.snap");
        let mut out = TextsOut::create(&snapshot).unwrap();
        let first = out.take_text(article(&["One.", "Two."]));
        let second = out.take_text(article(&["Three."]));
        assert!(first.text_in_memory().is_none());
        assert_eq!(first.text_place_in(out.file()), Some((0, 8)));
        assert_eq!(second.text_place_in(out.file()), Some((8, 6)));
        let paragraphs: Vec<_> = first.text().paragraphs().map(str::to_string).collect();
        assert_eq!(paragraphs, ["One.", "Two."]);
        assert_eq!(second.text().body(), "Three.");
        assert_eq!(
            first
                .text_to_match_unless(|_| false)
                .map(|t| t.body().to_string()),
            Some("One.Two.".to_string())
        );
        assert!(
            first
                .text_to_match_unless(|b| b.starts_with(b"One"))
                .is_none()
        );
        // Already in the file: left as it is.
        let again = out.take_text(first.clone());
        assert_eq!(again, first);
        let path = out.path.clone();
        drop(out);
        assert!(!path.exists());
        // Read on from the open file after it is gone.
        assert_eq!(second.text().body(), "Three.");

        let mut out = TextsOut::create(&snapshot).unwrap();
        let (at, n) = out.put("pending").unwrap();
        let (name, len) = out.finish().unwrap();
        let kept = out.keep();
        assert_eq!(kept.file_name().unwrap().to_string_lossy(), name);
        assert_eq!(std::fs::metadata(&kept).unwrap().len(), len);
        let file = TextFile::open(File::open(kept).unwrap()).unwrap();
        assert_eq!(file.read_bytes(at, n), b"pending");
    }
}
