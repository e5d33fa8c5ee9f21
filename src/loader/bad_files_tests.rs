//! Loads the bad-files corpus (`assets/fixtures/bad/`, described in its
//! README) as one folder, plus the cases made at run time, and checks every
//! file's outcome: each problem names its file and says what is wrong, and
//! everything loadable loads.

use super::*;
use crate::sanitize::sanitize;
use std::io::Write;
use std::time::{Duration, Instant};

/// What loading the folder must do with one entry.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// This many articles, and a warning containing the text, if any.
    Loads(usize, Option<&'static str>),
    /// No article; a skipped-file message containing the text.
    Skipped(&'static str),
    /// Not a file lede reads: silently passed over in a folder.
    PassedOver,
    /// A directory (or link) that gives a warning containing the text.
    Warns(&'static str),
}

use Outcome::{Loads, PassedOver, Skipped, Warns};

/// The committed corpus: file name → outcome.
const CORPUS: &[(&str, Outcome)] = &[
    ("README.md", PassedOver),
    (
        "array-one-bad.json",
        Loads(2, Some("expected an article object, found a number")),
    ),
    ("bare-ampersand.rss", Loads(2, Some("a bare `&`"))),
    ("binary.txt", Skipped("binary file (NUL byte at offset 8)")),
    ("corrupt.txt.gz", Skipped("gzip data is corrupt")),
    (
        "cut-off-feed.xml",
        Loads(2, Some("the feed is cut off after item 2")),
    ),
    (
        "declared-koi8r.json",
        Loads(1, Some("read as KOI8-R, as the file declares")),
    ),
    ("empty.txt", Skipped("empty file")),
    ("good.txt", Loads(1, None)),
    ("gzip-under-plain-name.txt", Loads(1, None)),
    ("hostile-feed.xml", Loads(1, None)),
    ("hostile.txt", Loads(1, None)),
    ("image.png", PassedOver),
    (
        "invalid-utf8.txt",
        Loads(1, Some("invalid UTF-8 (2 sequences")),
    ),
    ("latin1.txt", Loads(1, Some("read as Windows-1252"))),
    ("lines-one-bad.jsonl", Loads(2, Some("expected value"))),
    ("not-a-feed.xml", Skipped("not a feed or a web page")),
    ("not-an-article.json", Skipped("no title or body")),
    ("packed.json.gz", Loads(2, None)),
    ("page-no-text.html", Skipped("no article text found")),
    ("truncated.json", Skipped("EOF while parsing")),
    (
        "undeclared-koi8r.xml",
        Loads(1, Some("guessed from the bytes")),
    ),
    ("utf16-bom.txt", Loads(1, None)),
    ("utf16-no-bom.json", Loads(1, None)),
    ("whitespace.txt", Skipped("no text (only white space)")),
];

/// A scratch copy of the corpus, removed on drop.
struct Corpus(PathBuf);

impl Drop for Corpus {
    fn drop(&mut self) {
        // Undo the permission cases so the copy can be removed.
        for name in ["unreadable.txt", "unreadable-dir"] {
            let _ = set_mode(&self.0.join(name), 0o755);
        }
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Copies the corpus and adds the run-time cases, returning their outcomes.
fn build_corpus() -> (Corpus, Vec<(String, Outcome)>) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fixtures/bad");
    let dir = Corpus(std::env::temp_dir().join(format!("lede-bad-files-{}", std::process::id())));
    let _ = fs::remove_dir_all(&dir.0);
    fs::create_dir_all(&dir.0).unwrap();
    let mut expected: Vec<(String, Outcome)> = Vec::new();
    let mut committed: Vec<String> = fs::read_dir(&source)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let listed: Vec<&str> = CORPUS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        committed, listed,
        "every corpus file needs an expected outcome"
    );
    for (name, outcome) in CORPUS {
        fs::copy(source.join(name), dir.0.join(name)).unwrap();
        expected.push(((*name).to_string(), *outcome));
    }
    let mut add = |name: &str, bytes: &[u8], outcome: Outcome| {
        fs::write(dir.0.join(name), bytes).unwrap();
        expected.push((name.to_string(), outcome));
    };

    // A 50 MB paragraph on one line: loads, in parts, cut at sentence ends.
    let sentence = b"Ferries ran again on Tuesday, the harbour master said. ";
    let line = sentence.repeat(50_000_000 / sentence.len());
    let parts = line
        .len()
        .div_ceil(super::parts::PART_BYTES - sentence.len());
    add(
        "long-line.txt",
        &line,
        Loads(parts, Some("parts of at most 256 KiB")),
    );
    // Nesting far past serde_json's limit: an error, not a stack overflow.
    add(
        "deep.json",
        &b"[".repeat(200_000),
        Skipped("recursion limit exceeded"),
    );
    // A web page nested 20,000 deep (every extractor takes seconds on one):
    // flattened before extraction, its text kept.
    let depth = 20_000;
    let mut page = b"<html><head><title>Deep</title></head><body>".to_vec();
    page.extend(b"<div>".repeat(depth));
    page.extend(
        b"<p>The harbour reopened on Sunday after the storm, two days later than \
          planned, and the first ferry left at seven with forty passengers.</p>"
            .as_slice(),
    );
    page.extend(b"</div>".repeat(depth));
    page.extend(b"</body></html>");
    add(
        "deep-page.html",
        &page,
        Loads(1, Some("nested deeper than 256 levels")),
    );
    // A page bigger than the extractor is given.
    let mut huge = b"<html><body><p>".to_vec();
    huge.extend(b"word ".repeat(4 * 1024 * 1024));
    huge.extend(b"</p></body></html>");
    add(
        "huge-page.html",
        &huge,
        Skipped("web page larger than 16 MiB"),
    );
    // A gzip bomb: 64 KiB that would become more than the size limit.
    let spaces = std::io::repeat(b' ').take(MAX_FILE_BYTES + 1);
    let mut bomb = Vec::new();
    flate2::read::GzEncoder::new(spaces, flate2::Compression::best())
        .read_to_end(&mut bomb)
        .unwrap();
    add(
        "bomb.txt.gz",
        &bomb,
        Skipped("decompresses to more than 64 MiB"),
    );
    // A name that tries to set the window title.
    add(
        "evil\x1b]0;pwn\x07.txt",
        b"Evil name\n\nThe body is harmless.",
        Loads(1, None),
    );
    // Over the size limit: sparse, so nothing is written, and never read.
    let big = fs::File::create(dir.0.join("oversize.txt")).unwrap();
    big.set_len(MAX_FILE_BYTES + 1).unwrap();
    expected.push(("oversize.txt".to_string(), Skipped("larger than 64 MiB")));
    fs::create_dir(dir.0.join("empty-dir")).unwrap();
    expected.push(("empty-dir".to_string(), Warns("empty directory")));

    // Permissions: tests usually run as root here, and root reads anything,
    // so the expected outcome is whatever the file system allows.
    let unreadable = dir.0.join("unreadable.txt");
    let mut file = fs::File::create(&unreadable).unwrap();
    file.write_all(b"Locked\n\nA locked body.").unwrap();
    set_mode(&unreadable, 0o000).unwrap();
    let denied = fs::read(&unreadable).is_err();
    expected.push((
        "unreadable.txt".to_string(),
        if denied {
            Skipped("permission denied")
        } else {
            Loads(1, None)
        },
    ));
    let locked_dir = dir.0.join("unreadable-dir");
    fs::create_dir(&locked_dir).unwrap();
    fs::write(locked_dir.join("inside.txt"), b"Inside\n\nInside body.").unwrap();
    set_mode(&locked_dir, 0o000).unwrap();
    expected.push((
        "unreadable-dir".to_string(),
        if fs::read_dir(&locked_dir).is_err() {
            Skipped("permission denied")
        } else {
            Loads(1, None)
        },
    ));
    if !denied {
        eprintln!("note: running with permission to read mode-000 files (root): they load");
    }

    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        // A directory link back up: the walk visits the folder once.
        symlink(&dir.0, dir.0.join("loop")).unwrap();
        expected.push(("loop".to_string(), Warns("already loaded")));
        // A link to itself.
        symlink("self-loop.txt", dir.0.join("self-loop.txt")).unwrap();
        expected.push((
            "self-loop.txt".to_string(),
            Skipped("too many levels of symbolic links"),
        ));
        // A file every read of which fails (even for root).
        #[cfg(target_os = "linux")]
        {
            symlink("/proc/self/mem", dir.0.join("io-error.txt")).unwrap();
            expected.push(("io-error.txt".to_string(), Skipped("input/output error")));
        }
        // A named pipe must be passed over, never opened (that would block).
        let fifo = dir.0.join("pipe.txt");
        if Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            expected.push(("pipe.txt".to_string(), PassedOver));
        }
    }
    (dir, expected)
}

use std::process::Command;

#[test]
fn bad_files_each_give_their_outcome_and_the_rest_load() {
    let (dir, expected) = build_corpus();
    let started = Instant::now();
    let loaded = load_paths(std::slice::from_ref(&dir.0));
    let took = started.elapsed();
    // Linear work over ~115 MB of input (50 MB line, 64 MiB bomb) in a debug
    // build: seconds. Anything quadratic would take hours.
    assert!(took < Duration::from_secs(60), "loading took {took:?}");

    let label = |name: &str| sanitize(&label_of(&dir.0.join(name)));
    let belongs = |path: &str, name: &str| {
        let label = label(name);
        path == label
            || path.starts_with(&format!("{label}:"))
            || path.starts_with(&format!("{label}#"))
            || path.starts_with(&format!("{label}/"))
    };
    for (name, outcome) in &expected {
        let articles = loaded
            .articles
            .iter()
            .filter(|a| belongs(&a.source_path, name))
            .count();
        let skipped: Vec<&LoadError> = loaded
            .skipped
            .iter()
            .filter(|e| belongs(&e.path, name))
            .collect();
        let warnings: Vec<&LoadError> = loaded
            .warnings
            .iter()
            .filter(|e| belongs(&e.path, name))
            .collect();
        let what =
            format!("{name}: {articles} articles, skipped {skipped:?}, warnings {warnings:?}");
        match *outcome {
            Loads(n, warning) => {
                assert_eq!(articles, n, "{what}");
                assert!(skipped.is_empty(), "{what}");
                match warning {
                    Some(text) => assert!(
                        warnings.iter().any(|w| w.reason.contains(text)),
                        "{what}: expected a warning with {text:?}"
                    ),
                    None => assert!(warnings.is_empty(), "{what}"),
                }
            }
            Skipped(text) => {
                assert_eq!(articles, 0, "{what}");
                assert!(
                    skipped.iter().any(|e| e.reason.contains(text)),
                    "{what}: expected a reason with {text:?}"
                );
            }
            PassedOver => {
                assert_eq!(articles, 0, "{what}");
                assert!(skipped.is_empty() && warnings.is_empty(), "{what}");
            }
            Warns(text) => {
                assert!(
                    warnings.iter().any(|w| w.reason.contains(text)),
                    "{what}: expected a warning with {text:?}"
                );
            }
        }
    }
    // Every message belongs to one of the expected entries, and names it.
    for message in loaded.skipped.iter().chain(&loaded.warnings) {
        assert!(
            expected
                .iter()
                .any(|(name, _)| belongs(&message.path, name)),
            "unexpected message {message}"
        );
        assert!(
            !message
                .to_string()
                .chars()
                .any(crate::sanitize::is_forbidden)
        );
    }

    // Spot checks of what loaded.
    let by_path = |name: &str| {
        loaded
            .articles
            .iter()
            .find(|a| belongs(&a.source_path, name))
            .unwrap()
    };
    let long = by_path("long-line.txt");
    assert_eq!(long.paragraphs.len(), 1);
    assert!(long.paragraphs[0].len() > super::parts::PART_BYTES - 100);
    assert!(long.paragraphs[0].ends_with("said."));
    assert!(long.title.chars().count() <= TITLE_MAX_CHARS + "Part 1/200: ".len());
    assert_eq!(by_path("latin1.txt").title, "Café owners protest");
    assert!(
        by_path("latin1.txt").paragraphs[0].ends_with("£5,000 a month. “We cannot pay,” one said.")
    );
    assert_eq!(by_path("declared-koi8r.json").title, "Новости порта");
    assert_eq!(by_path("utf16-bom.txt").title, "Tide tables");
    assert_eq!(by_path("utf16-no-bom.json").title, "Pier vote");
    assert_eq!(by_path("gzip-under-plain-name.txt").title, "Hidden gzip");
    let hostile = by_path("hostile.txt");
    assert_eq!(hostile.title, "Hostile ␛headline");
    assert!(hostile.paragraphs[0].contains("␛red␛"));
    assert!(hostile.paragraphs[0].contains("⇄flipped⇄"));
    assert_eq!(
        by_path("evil\x1b]0;pwn\x07.txt").source_path,
        label("evil\x1b]0;pwn\x07.txt")
    );
    assert!(label("evil\x1b]0;pwn\x07.txt").ends_with("evil␛.txt"));
}
