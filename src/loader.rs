//! First step of the pipeline: files, directories and standard input become
//! [`Article`]s. This module walks paths, reads bytes, decodes them and picks a
//! format; [`text`] and [`json`] parse the formats, [`boilerplate`] drops site
//! navigation around plain-text articles, [`parts`] cuts huge articles into
//! parts, and [`crate::sanitize`] cleans every
//! string that leaves. A file that cannot be loaded becomes a [`LoadError`] in
//! [`Loaded::skipped`]; it never stops the others.

#[cfg(test)]
mod bad_files_tests;
pub mod boilerplate;
pub mod decode;
pub mod dedup;
pub mod feed;
pub mod html;
pub mod inputs;
#[cfg(test)]
mod inputs_tests;
pub mod json;
pub mod markup;
pub mod parts;
pub mod text;
mod walk;
use walk::{Walk, walk_dir};

use crate::model::Article;
pub use dedup::Duplicate;
pub use inputs::{Input, Web, WebSource, load_inputs};
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped: no news article is this big, and
/// reading one would only stall the reader.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How much of a file is looked at for NUL bytes to decide it is binary
/// (the same heuristic as git and grep).
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// The path label of standard input.
pub const STDIN_LABEL: &str = "-";

/// A file (or article) that could not be loaded, or loaded with a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, followed by `:line:column` when the problem has a position
    /// (`feed.json:3:17`), so that `Display` reads like a compiler message.
    pub path: String,
    /// What is wrong, for a reader (`expected `,` or `]``, `empty file` ...).
    pub reason: String,
}

impl LoadError {
    /// A load error for `path` (a file name, perhaps with `:line:column`).
    /// Both parts are sanitised: a file name can hold escape sequences as
    /// easily as a file can, and these messages reach the terminal (the
    /// skipped-files overlay, standard error).
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        LoadError {
            path: crate::sanitize::sanitize(&path.into()),
            reason: crate::sanitize::sanitize(&reason.into()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for LoadError {}

/// Everything one load produced: the articles in load order, the files that
/// gave no article, and problems with files that did load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub articles: Vec<Article>,
    /// Files (or arguments) that produced no article, each with the reason.
    pub skipped: Vec<LoadError>,
    /// Problems that did not stop a file: a bad element in a collection,
    /// invalid UTF-8 replaced, a field of the wrong type ignored.
    pub warnings: Vec<LoadError>,
    /// Articles that arrived again (same guid, web address or text) and
    /// were dropped, each pointing at the copy that was kept.
    pub duplicates: Vec<Duplicate>,
    /// Subscription lists (OPML) found, by label, with the feeds they name:
    /// [`load_inputs`] reads those next.
    pub lists: Vec<(String, Vec<Input>)>,
}

impl Loaded {
    /// Whether nothing was loaded or reported.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.skipped.is_empty()
            && self.warnings.is_empty()
            && self.duplicates.is_empty()
            && self.lists.is_empty()
    }

    /// Whether an article, a skipped file or a subscription list is here:
    /// something that says what became of a file.
    fn gives_something(&self) -> bool {
        !self.articles.is_empty() || !self.skipped.is_empty() || !self.lists.is_empty()
    }

    /// Moves everything from `other` to the end of this one.
    pub fn append(&mut self, mut other: Loaded) {
        self.articles.append(&mut other.articles);
        self.skipped.append(&mut other.skipped);
        self.warnings.append(&mut other.warnings);
        self.duplicates.append(&mut other.duplicates);
        self.lists.append(&mut other.lists);
    }

    /// Adds the outcome of parsing one file.
    fn push(&mut self, label: &str, outcome: Result<(Vec<Article>, Vec<LoadError>), LoadError>) {
        match outcome {
            Ok((articles, warnings)) => {
                if articles.is_empty() {
                    let reason = if warnings.is_empty() {
                        "no articles in file".to_string()
                    } else {
                        format!(
                            "no usable article ({} problems, reported as warnings)",
                            warnings.len()
                        )
                    };
                    self.skipped.push(LoadError::new(label, reason));
                }
                self.articles.extend(articles);
                self.warnings.extend(warnings);
            }
            Err(error) => self.skipped.push(error),
        }
    }
}

/// The sample collection shipped inside the binary, so `lede` alone works from
/// any directory: (path label, bytes). The seed article comes first.
const SAMPLE: &[(&str, &[u8])] = &[
    (
        "sample/iran-syria.txt",
        include_bytes!("../assets/sample/iran-syria.txt"),
    ),
    (
        "sample/briefings.json",
        include_bytes!("../assets/sample/briefings.json"),
    ),
    (
        "sample/fiction.jsonl",
        include_bytes!("../assets/sample/fiction.jsonl"),
    ),
];

/// Loads the sample collection embedded in the binary.
pub fn load_sample() -> Loaded {
    let mut loaded = Loaded::default();
    for (label, bytes) in SAMPLE {
        loaded.push(label, parse_file(label, bytes));
    }
    loaded
}

/// Loads every article under `paths`, in order.
///
/// A directory is walked recursively in path order, skipping hidden entries
/// (names starting with `.`), files of formats lede does not read, and
/// anything that is not a regular file; each directory is visited once even
/// through symbolic-link loops. A file named explicitly is always tried, and
/// reported if it cannot be read. `-` reads standard input.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut all = Loaded::default();
    load_paths_with(paths, &mut |part| {
        all.append(part);
        ControlFlow::Continue(())
    });
    all
}

/// Loads like [`load_paths`], handing over what was loaded as it goes: `emit`
/// gets each file's articles and problems (a big JSON Lines file in several
/// parts) in load order, so a reader can show the first articles while the
/// rest are still being read, and nothing has to hold the whole collection.
/// Loading stops early when `emit` returns [`ControlFlow::Break`].
pub fn load_paths_with(paths: &[PathBuf], emit: &mut Emit<'_>) {
    let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
    load_inputs(&inputs, None, emit);
}

/// Files read before, recognised without reading them again: the cache
/// ([`crate::cache`]) answers for the files it holds.
pub trait KnownFiles {
    /// What reading the regular file at `path` (named `label`, with metadata
    /// `meta` now) gave last time, if that still holds; `None` to read it.
    /// Called just before a file is read, after everything read before it
    /// has been handed over.
    fn recall(&mut self, path: &Path, label: &str, meta: &fs::Metadata) -> Option<Loaded>;
}

/// Knows no file: every file is read.
pub struct ReadEverything;

impl KnownFiles for ReadEverything {
    fn recall(&mut self, _: &Path, _: &str, _: &fs::Metadata) -> Option<Loaded> {
        None
    }
}

/// Loads one path (a file, a folder walked in path order, or `-`), handing
/// over what was loaded as it goes. Subscription lists met on the way are
/// handed over in [`Loaded::lists`], not followed.
fn load_path(path: &Path, emit: &mut Emit<'_>) -> ControlFlow<()> {
    load_path_known(path, &mut ReadEverything, emit)
}

/// [`load_path`], taking what `known` recalls of a file instead of reading it.
fn load_path_known(
    path: &Path,
    known: &mut dyn KnownFiles,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let mut loaded = Loaded::default();
    let flow = if path.as_os_str() == STDIN_LABEL {
        load_stdin(&mut loaded);
        ControlFlow::Continue(())
    } else {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut walk = Walk::default();
                let mut produced = false;
                let mut counting = |part: Loaded| {
                    produced |= part.gives_something();
                    emit(part)
                };
                walk_dir(path, &mut loaded, &mut walk, known, &mut counting)?;
                if !produced && !loaded.gives_something() {
                    // The reason below says it better than the walk's note.
                    let label = label_of(path);
                    loaded
                        .warnings
                        .retain(|w| !(w.path == label && w.reason == "empty directory"));
                    loaded
                        .skipped
                        .push(LoadError::new(label_of(path), walk.why_nothing()));
                }
                ControlFlow::Continue(())
            }
            Ok(meta) => recall_or_read(path, &meta, known, &mut loaded, emit),
            Err(error) => {
                loaded
                    .skipped
                    .push(LoadError::new(label_of(path), io_reason(&error)));
                ControlFlow::Continue(())
            }
        }
    };
    flow?;
    flush(&mut loaded, emit)
}

/// The file at `path`: what `known` recalls of it, else read.
fn recall_or_read(
    path: &Path,
    meta: &fs::Metadata,
    known: &mut dyn KnownFiles,
    loaded: &mut Loaded,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    match known.recall(path, &label_of(path), meta) {
        Some(recalled) => {
            loaded.append(recalled);
            ControlFlow::Continue(())
        }
        None => load_file_streaming(path, meta, loaded, emit),
    }
}

/// Receives what was loaded, part by part; [`ControlFlow::Break`] stops loading.
pub type Emit<'a> = dyn FnMut(Loaded) -> ControlFlow<()> + 'a;

/// Hands over what has been loaded since the last flush.
fn flush(loaded: &mut Loaded, emit: &mut Emit<'_>) -> ControlFlow<()> {
    if loaded.is_empty() {
        ControlFlow::Continue(())
    } else {
        emit(std::mem::take(loaded))
    }
}

/// JSON Lines files bigger than this are read a chunk of lines at a time (see
/// `stream_json_lines`) instead of whole, and are not limited by
/// [`MAX_FILE_BYTES`] (each line is).
pub const STREAM_JSON_LINES_ABOVE: u64 = 4 * 1024 * 1024;

/// Bytes of whole lines parsed at a time from a streamed JSON Lines file.
const JSON_LINES_CHUNK: usize = 1024 * 1024;

/// The first chunk is smaller, so that a reader shows the first articles sooner.
const FIRST_JSON_LINES_CHUNK: usize = 64 * 1024;

/// Loads one file, streaming a big JSON Lines file.
fn load_file_streaming(
    path: &Path,
    meta: &fs::Metadata,
    loaded: &mut Loaded,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let label = label_of(path);
    if meta.is_file()
        && meta.len() > STREAM_JSON_LINES_ABOVE
        && Format::from_label(&label) == Ok(Format::JsonLines)
    {
        match fs::File::open(path) {
            Ok(file) => {
                if let Some(flow) = stream_json_lines(&label, file, JSON_LINES_CHUNK, loaded, emit)
                {
                    return flow;
                }
            }
            Err(error) => {
                loaded
                    .skipped
                    .push(LoadError::new(&label, io_reason(&error)));
                return ControlFlow::Continue(());
            }
        }
    }
    load_file(path, loaded);
    ControlFlow::Continue(())
}

/// Reads a JSON Lines file about `chunk_bytes` of whole lines at a time, handing each
/// chunk's articles to `emit`. Returns `None`, having read nothing, for
/// content that needs the whole-file path (UTF-16, gzip, binary).
///
/// Invalid UTF-8 is replaced as in [`parse_file`], with one warning for the
/// file; a line longer than [`MAX_FILE_BYTES`] is skipped with a warning.
fn stream_json_lines(
    label: &str,
    file: impl Read,
    chunk_bytes: usize,
    loaded: &mut Loaded,
    emit: &mut Emit<'_>,
) -> Option<ControlFlow<()>> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::with_capacity(chunk_bytes.max(BINARY_SNIFF_BYTES), file);
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(error) => {
            loaded
                .skipped
                .push(LoadError::new(label, io_reason(&error)));
            return Some(ControlFlow::Continue(()));
        }
    };
    let sniffed = &head[..head.len().min(BINARY_SNIFF_BYTES)];
    if head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.starts_with(&[0x1F, 0x8B])
        || sniffed.contains(&0)
    {
        return None;
    }
    // With a UTF-8 byte-order mark the whole file is UTF-8 (as in `decode`);
    // without one, a chunk that is not valid UTF-8 is decoded like a file.
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    if bom {
        reader.consume(3);
    }
    let mut reasons: HashSet<String> = HashSet::new();
    let mut position = json::LinesRead::default();
    let mut chunk: Vec<u8> = Vec::with_capacity(chunk_bytes + 64 * 1024);
    let (mut articles, mut problems) = (0usize, 0usize);
    let (mut invalid, mut first_invalid, mut bytes_before) = (0usize, None, 0usize);
    // A small first chunk, so that the first articles come quickly.
    let mut target = chunk_bytes.min(FIRST_JSON_LINES_CHUNK);
    loop {
        chunk.clear();
        while chunk.len() < target {
            let before = chunk.len();
            let read = (&mut reader)
                .take(MAX_FILE_BYTES + 1)
                .read_until(b'\n', &mut chunk);
            match read {
                Ok(0) => break,
                Ok(n) if n as u64 > MAX_FILE_BYTES => {
                    chunk.truncate(before);
                    let line = position.lines + chunk.iter().filter(|&&b| b == b'\n').count() + 1;
                    loaded.warnings.push(LoadError::new(
                        format!("{label}:{line}"),
                        format!(
                            "line longer than {} MiB; skipped",
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                    ));
                    problems += 1;
                    skip_line(&mut reader);
                    // The skipped line still counts for the lines after it.
                    chunk.push(b'\n');
                }
                Ok(_) => {}
                Err(error) => {
                    loaded
                        .warnings
                        .push(LoadError::new(label, io_reason(&error)));
                    problems += 1;
                    break;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let text: std::borrow::Cow<'_, str> = match std::str::from_utf8(&chunk) {
            Ok(text) => text.into(),
            Err(error) => match (bom, decode::decode(label, &chunk, true)) {
                (false, Ok((text, warnings))) => {
                    for w in warnings {
                        if reasons.insert(w.reason.clone()) {
                            problems += 1;
                            loaded.warnings.push(w);
                        }
                    }
                    text.into()
                }
                _ => {
                    invalid += chunk
                        .utf8_chunks()
                        .filter(|c| !c.invalid().is_empty())
                        .count();
                    first_invalid.get_or_insert(bytes_before + error.valid_up_to());
                    String::from_utf8_lossy(&chunk)
                }
            },
        };
        bytes_before += chunk.len();
        let (parsed, warnings, after) = json::parse_json_lines_from(label, &text, position);
        position = after;
        articles += parsed.len();
        problems += warnings.len();
        loaded.articles.extend(parsed);
        loaded.warnings.extend(warnings);
        if flush(loaded, emit).is_break() {
            return Some(ControlFlow::Break(()));
        }
        target = chunk_bytes;
    }
    if invalid > 0 {
        let reason = if bom {
            "malformed UTF-8 shown as \u{FFFD}".to_string()
        } else {
            format!(
                "invalid UTF-8 ({invalid} sequence{}, the first at byte {}) shown as \u{FFFD}",
                if invalid == 1 { "" } else { "s" },
                first_invalid.unwrap_or(0)
            )
        };
        loaded.warnings.push(LoadError::new(label, reason));
    }
    if articles == 0 {
        let reason = if problems == 0 {
            "no articles in file".to_string()
        } else {
            format!("no usable article ({problems} problems, reported as warnings)")
        };
        loaded.skipped.push(LoadError::new(label, reason));
    }
    Some(ControlFlow::Continue(()))
}

/// Reads past the rest of the current line, however long.
fn skip_line(reader: &mut impl std::io::BufRead) {
    loop {
        let (done, used) = match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            },
        };
        reader.consume(used);
        if done {
            return;
        }
    }
}

/// Files that describe a collection rather than belong to it (`README.txt`,
/// `LICENSE`, `PROVENANCE.md` ...): corpora ship them beside the articles, and a
/// reader walking the folder does not want them in the list. Named explicitly,
/// they still load.
fn is_collection_notes(path: &Path) -> bool {
    const NOTES: &[&str] = &[
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "PROVENANCE",
        "CHANGELOG",
        "CHANGES",
        "AUTHORS",
        "NOTICE",
        "CONTRIBUTING",
        "INSTALL",
    ];
    path.file_stem()
        .map(|stem| stem.to_string_lossy().to_ascii_uppercase())
        .is_some_and(|stem| NOTES.contains(&stem.as_str()))
}

/// Hidden files and directories, by the Unix convention of a leading dot.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Reads and parses one file, recording the outcome.
fn load_file(path: &Path, loaded: &mut Loaded) {
    let label = label_of(path);
    if let Err(error) = Format::from_label(&label) {
        loaded.skipped.push(error);
        return;
    }
    // Pipes and devices report no useful length; `read_limited` guards them.
    if let Ok(meta) = fs::metadata(path)
        && meta.is_file()
        && meta.len() > MAX_FILE_BYTES
    {
        loaded
            .skipped
            .push(LoadError::new(&label, too_large_reason(meta.len())));
        return;
    }
    match fs::File::open(path) {
        Ok(file) => load_reader(&label, file, loaded),
        Err(error) => loaded
            .skipped
            .push(LoadError::new(&label, io_reason(&error))),
    }
}

/// Reads standard input as one file labelled `-`.
fn load_stdin(loaded: &mut Loaded) {
    load_reader(STDIN_LABEL, std::io::stdin().lock(), loaded);
}

/// Reads one file's bytes from `reader` (up to the size limit) and parses
/// them, recording the outcome under `label`.
fn load_reader(label: &str, reader: impl Read, loaded: &mut Loaded) {
    match read_limited(reader) {
        Ok(Some(bytes)) => {
            let base = Path::new(label).parent();
            match inputs::subscription_list(label, &bytes, base) {
                Some(feeds) => loaded.lists.push((label.to_string(), feeds)),
                None => loaded.push(label, parse_file(label, &bytes)),
            }
        }
        Ok(None) => loaded
            .skipped
            .push(LoadError::new(label, too_large_reason(MAX_FILE_BYTES + 1))),
        Err(error) => loaded
            .skipped
            .push(LoadError::new(label, io_reason(&error))),
    }
}

/// Reads at most [`MAX_FILE_BYTES`]; `None` when there was more.
fn read_limited(reader: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

fn too_large_reason(len: u64) -> String {
    format!(
        "file is larger than {} MiB ({len} bytes or more); not read",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// An I/O error as a short reason, without Rust's `(os error 2)` suffix.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let reason = match text.find(" (os error") {
        Some(cut) => &text[..cut],
        None => &text,
    };
    reason.to_lowercase()
}

/// The label a path is known by in ids, messages and the UI.
fn label_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The input formats, chosen by file extension; markup and unknown files are
/// then told apart by their content ([`sniff_markup`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    /// JSON: an article, an array of articles, or a JSON Feed.
    Json,
    JsonLines,
    /// XML or HTML (`.xml`, `.rss`, `.atom`, `.html` …): a feed, an OPML
    /// subscription list or a web page, whatever the extension says.
    Markup,
    /// No extension (or standard input): markup, JSON or text, by content.
    Sniff,
}

/// The extensions of [`Format::Markup`]: what the name promises is often
/// wrong (`.xml` is usually a feed, `.rss` is sometimes a web page).
const MARKUP_EXTENSIONS: &[&str] = &[
    "xml", "rss", "atom", "rdf", "feed", "opml", "html", "htm", "xhtml", "shtml",
];

impl Format {
    /// The format for a path label, or why lede does not read it.
    fn from_label(label: &str) -> Result<Format, LoadError> {
        if label == STDIN_LABEL {
            return Ok(Format::Sniff);
        }
        let mut path = Path::new(label);
        // `feed.jsonl.gz` is a JSON Lines file, compressed (`decode::gunzip`).
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
            && let Some(stem) = path.file_stem()
        {
            path = Path::new(stem);
        }
        let Some(extension) = path.extension() else {
            return Ok(Format::Sniff);
        };
        match extension.to_string_lossy().to_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Text),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" => Ok(Format::JsonLines),
            other if MARKUP_EXTENSIONS.contains(&other) => Ok(Format::Markup),
            other => Err(LoadError::new(
                label,
                format!(
                    "unsupported file type `.{other}` (lede reads .txt, .md, .json, .jsonl, .ndjson, \
                     feeds (.xml, .rss, .atom, .rdf), .opml and web pages (.html, .htm, .xhtml), each also .gz)"
                ),
            )),
        }
    }
}

/// What a text starts with, for telling markup formats apart by content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup {
    /// The name of the first element, after any byte-order mark, white space,
    /// comments, processing instructions and doctype (`html` for an HTML
    /// doctype). Lower-cased, prefix kept (`rdf:rdf`).
    Element(String),
    /// `{` or `[`: JSON.
    Json,
    /// Anything else.
    Other,
}

/// Looks at the start of `content` to tell XML and HTML documents (by their
/// first element) and JSON apart. Reads at most a few KiB of prolog.
pub fn sniff_markup(content: &str) -> Markup {
    let mut rest = content.trim_start_matches('\u{feff}').trim_start();
    // Comments and processing instructions may come first (some feeds put a
    // comment before the XML declaration); a long prolog is not a document.
    for _ in 0..64 {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return Markup::Other,
            }
        } else if rest.starts_with("<?") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return Markup::Other,
            }
        } else if rest
            .get(..9)
            .is_some_and(|head| head.eq_ignore_ascii_case("<!doctype"))
        {
            let end = rest.find('>').unwrap_or(rest.len());
            let doctype = rest[9..end].trim_start().to_ascii_lowercase();
            if doctype.starts_with("html") {
                return Markup::Element("html".to_string());
            }
            rest = rest.get(end + 1..).unwrap_or("").trim_start();
        } else {
            break;
        }
    }
    if rest.starts_with(['{', '[']) {
        return Markup::Json;
    }
    let Some(after) = rest.strip_prefix('<') else {
        return Markup::Other;
    };
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .take(64)
        .collect();
    if name.is_empty() {
        Markup::Other
    } else {
        Markup::Element(name.to_ascii_lowercase())
    }
}

/// Elements that start an HTML page or fragment worth extracting as one.
fn is_html_element(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "head"
            | "body"
            | "meta"
            | "title"
            | "link"
            | "script"
            | "style"
            | "div"
            | "article"
            | "main"
            | "header"
            | "p"
            | "table"
            | "section"
    )
}

/// Parses one file's bytes into articles, choosing the format by the label's
/// extension (and by content when there is none). Returns the articles with
/// any warnings, or why the file gave nothing. Never panics.
///
/// Ids: the label for a single article, `label#N` (N from 0, the element's
/// position in the file) for articles of a JSON array or JSON Lines file.
pub fn parse_file(
    path_label: &str,
    bytes: &[u8],
) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    let format = Format::from_label(path_label)?;
    parse_as(path_label, bytes, format, None)
}

/// Parses bytes in a known format; `charset` is what a web server said the
/// bytes are in, if anything.
fn parse_as(
    path_label: &str,
    bytes: &[u8],
    format: Format,
    charset: Option<&str>,
) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::new(path_label, "empty file"));
    }
    let bytes = decode::gunzip(path_label, bytes)?;
    if bytes.is_empty() {
        return Err(LoadError::new(path_label, "empty file (once decompressed)"));
    }
    let json = matches!(format, Format::Json | Format::JsonLines | Format::Sniff);
    let (content, mut warnings) = decode::decode_hinted(path_label, &bytes, json, charset)?;
    if content.trim().is_empty() {
        return Err(LoadError::new(path_label, "no text (only white space)"));
    }
    let (articles, more) = match format {
        Format::Text => text::parse(path_label, &content, false)?,
        Format::Markdown => text::parse(path_label, &content, true)?,
        Format::Json if feed::is_feed(&content) => feed::parse(path_label, &content)?,
        Format::Json => json::parse_json(path_label, &content)?,
        Format::JsonLines => json::parse_json_lines(path_label, &content),
        Format::Markup => parse_markup(path_label, &content)?,
        Format::Sniff => sniff(path_label, &content)?,
    };
    warnings.extend(more);
    let (articles, more) = parts::split_long_articles(path_label, articles);
    warnings.extend(more);
    Ok((articles, warnings))
}

/// Parses content of unknown format: JSON (or JSON Lines) when it starts like
/// JSON and parses as it, plain text otherwise.
fn sniff(label: &str, content: &str) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    if matches!(sniff_markup(content), Markup::Element(_)) || feed::is_feed(content) {
        return parse_markup(label, content);
    }
    let first = content.trim_start().chars().next();
    if !matches!(first, Some('{' | '[')) {
        return text::parse(label, content, false);
    }
    let json_error = match json::parse_json(label, content) {
        Ok(parsed) => return Ok(parsed),
        Err(error) => error,
    };
    if first == Some('{') {
        let (articles, warnings) = json::parse_json_lines(label, content);
        if !articles.is_empty() {
            return Ok((articles, warnings));
        }
    }
    let (articles, mut warnings) = text::parse(label, content, false)?;
    warnings.insert(
        0,
        LoadError::new(
            json_error.path,
            format!(
                "{}; looks like JSON but is not, read as plain text",
                json_error.reason
            ),
        ),
    );
    Ok((articles, warnings))
}

/// Parses markup by what it is: a feed, an OPML list or a web page.
fn parse_markup(label: &str, content: &str) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    match sniff_markup(content) {
        _ if feed::is_feed(content) => feed::parse(label, content),
        Markup::Element(name) if name == "opml" => Err(LoadError::new(
            label,
            "an OPML subscription list, which is read only as a file or web address of its own",
        )),
        Markup::Element(name) if is_html_element(&name) => html::parse(label, content),
        Markup::Element(name) => Err(LoadError::new(
            label,
            format!("not a feed or a web page (the document is <{name}>)"),
        )),
        Markup::Json | Markup::Other => Err(LoadError::new(
            label,
            "not a feed or a web page (no XML or HTML element at the start)",
        )),
    }
}

/// Replaces CRLF and lone CR line ends with LF.
pub(crate) fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A title made from body text: its first sentence, shortened at a word
/// boundary to about [`TITLE_MAX_CHARS`] with `…`, without a final full stop.
pub fn title_from_text(paragraph: &str) -> String {
    use crate::analysis::tokens::{sentences, tokenize};
    // The title is short: only the start of a long paragraph can matter, and
    // tokenising all of a 50 MB one-line file would take seconds.
    let head_end = paragraph
        .char_indices()
        .nth(TITLE_SCAN_CHARS)
        .map_or(paragraph.len(), |(i, _)| i);
    let paragraph = &paragraph[..head_end];
    let tokens = tokenize(paragraph);
    let first = sentences(paragraph, &tokens)
        .into_iter()
        .next()
        .and_then(|range| {
            let start = tokens.get(range.start)?.start;
            let end = tokens.get(range.end.checked_sub(1)?)?.end;
            paragraph.get(start..end)
        })
        .unwrap_or(paragraph);
    shorten(first.trim(), TITLE_MAX_CHARS)
}

/// Longest title made from body text, in characters (the `…` included).
pub const TITLE_MAX_CHARS: usize = 80;

/// How much of a paragraph [`title_from_text`] reads to find its first
/// sentence: far more than a title, enough for the sentence rules' look-ahead.
const TITLE_SCAN_CHARS: usize = 2000;

/// Cuts `text` to at most `max` characters at a word boundary, adding `…`;
/// drops one final full stop from text that fits.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        // A headline has no final full stop, but keeps an ellipsis.
        return match text.strip_suffix('.') {
            Some(rest) if !rest.ends_with('.') => rest.to_string(),
            _ => text.to_string(),
        };
    }
    // Byte index of the character that would be the `max`-th: room for `…`.
    let limit = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let cut = match head.rfind(char::is_whitespace) {
        // Only cut at a space if it keeps most of the text.
        Some(space) if space > limit / 2 => &head[..space],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '"' | '“')
    });
    format!("{cut}…")
}

/// `text` sanitised and trimmed, without a copy when it already is (most
/// paragraphs, which are most of the text).
fn clean(text: String) -> String {
    let unchanged = match crate::sanitize::sanitized(&text) {
        std::borrow::Cow::Borrowed(safe) => safe.trim().len() == text.len(),
        std::borrow::Cow::Owned(changed) => return changed.trim().to_string(),
    };
    if unchanged {
        text
    } else {
        text.trim().to_string()
    }
}

/// [`clean`] for each string of a list, dropping those left empty.
fn clean_all(texts: Vec<String>) -> Vec<String> {
    texts
        .into_iter()
        .map(clean)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Builds the article for one parsed record: sanitised fields, a title from the
/// body when there is none. `None` when there is neither title nor body.
pub(crate) fn finish_article(mut article: Article) -> Option<Article> {
    use crate::sanitize::sanitize;
    let clean_opt = |s: Option<String>| s.map(clean).filter(|s| !s.is_empty());
    // Ids and paths come from file names, which are as untrusted as contents.
    article.id = sanitize(&article.id);
    article.source_path = sanitize(&article.source_path);
    article.title = clean(std::mem::take(&mut article.title));
    article.source = clean_opt(article.source);
    article.date = clean_opt(article.date);
    article.url = clean_opt(article.url);
    article.author = clean_opt(article.author);
    article.paragraphs = clean_all(std::mem::take(&mut article.paragraphs));
    article.removed = clean_all(std::mem::take(&mut article.removed));
    if article.title.is_empty() {
        article.title = article
            .paragraphs
            .first()
            .map(|p| title_from_text(p))
            .unwrap_or_default();
    }
    (!article.title.is_empty() || !article.paragraphs.is_empty()).then_some(article)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../assets/sample/iran-syria.txt");

    /// A fresh scratch directory under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("lede-loader-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn file_names(loaded: &Loaded) -> Vec<String> {
        loaded
            .articles
            .iter()
            .map(|a| {
                Path::new(&a.source_path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn load_error_displays_path_then_reason() {
        let error = LoadError::new("feed.json:3:17", "expected `,` or `]`");
        assert_eq!(error.to_string(), "feed.json:3:17: expected `,` or `]`");
    }

    #[test]
    fn load_sample_loads_the_seed_and_the_collections() {
        let loaded = load_sample();
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.articles[0].id, "sample/iran-syria.txt");
        assert!(loaded.articles.len() >= 6, "{}", loaded.articles.len());
        assert!(
            loaded
                .articles
                .iter()
                .any(|a| a.id == "sample/briefings.json#0")
        );
        assert!(
            loaded
                .articles
                .iter()
                .any(|a| a.id == "sample/fiction.jsonl#0")
        );
        for article in &loaded.articles {
            assert!(
                !article.title.is_empty() && !article.paragraphs.is_empty(),
                "{}",
                article.id
            );
        }
    }

    #[test]
    fn parse_file_reads_the_seed_with_boilerplate_removed() {
        let (articles, warnings) = parse_file("iran-syria.txt", SEED.as_bytes()).unwrap();
        assert!(warnings.is_empty());
        let seed = &articles[0];
        assert_eq!(seed.id, "iran-syria.txt");
        assert_eq!(
            seed.removed,
            [
                "Sports News",
                "News (43')",
                "Economics Daily",
                "Share your story",
                "Send your Videos and Photos to us"
            ]
        );
        assert_eq!(seed.paragraphs.len(), 15);
        assert!(seed.paragraphs[0].starts_with("Syrian President Bashar al-Assad paid"));
        assert!(seed.paragraphs[14].ends_with("should remain in his post."));
        assert_eq!(
            seed.title,
            "Syrian President Bashar al-Assad paid a quick visit to Tehran Sunday to meet…"
        );
        assert!(seed.title.chars().count() <= TITLE_MAX_CHARS);
    }

    #[test]
    fn parse_file_rejects_empty_binary_and_unknown_files() {
        let reason = |label: &str, bytes: &[u8]| parse_file(label, bytes).unwrap_err().reason;
        assert_eq!(reason("a.txt", b""), "empty file");
        assert_eq!(reason("a.txt", b" \n\t\n"), "no text (only white space)");
        assert!(
            reason("a.txt", b"GIF89a\0\0\x01").starts_with("binary file (NUL byte at offset 6)")
        );
        assert!(reason("scan.pdf", b"%PDF-1.4").starts_with("unsupported file type `.pdf`"));
        assert_eq!(
            reason("page.html", b"<html>"),
            "no article text found in this page (only 0 letters)"
        );
        assert_eq!(
            reason("feed.xml", b"<svg></svg>"),
            "not a feed or a web page (the document is <svg>)"
        );
    }

    #[test]
    fn parse_file_strips_a_utf8_bom() {
        let bytes = include_bytes!("../assets/fixtures/loader/bom.txt");
        let (articles, warnings) = parse_file("bom.txt", bytes).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(articles[0].title, "Harbour reopens");
    }

    #[test]
    fn parse_file_reads_a_latin1_file_as_windows_1252_with_a_warning() {
        let bytes = include_bytes!("../assets/fixtures/loader/invalid-utf8.txt");
        let (articles, warnings) = parse_file("latin1.txt", bytes).unwrap();
        assert_eq!(
            articles[0].paragraphs,
            ["The price of fish rose to £5 a kilo, traders said."]
        );
        assert_eq!(
            warnings[0].to_string(),
            "latin1.txt: not UTF-8 and no encoding declared; read as Windows-1252 (Latin-1)"
        );
    }

    #[test]
    fn parse_file_decodes_mostly_utf8_lossily_with_a_warning() {
        let bytes = b"Fish \xe2\x80\x94 prices\n\nThe price rose to \xa35 a kilo.";
        let (articles, warnings) = parse_file("mixed.txt", bytes).unwrap();
        assert_eq!(
            articles[0].paragraphs,
            ["The price rose to \u{FFFD}5 a kilo."]
        );
        assert_eq!(
            warnings[0].to_string(),
            "mixed.txt: invalid UTF-8 (1 sequence, the first at byte 35) shown as \u{FFFD}"
        );
    }

    #[test]
    fn parse_file_decompresses_gzip_by_name_or_by_content() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(br#"[{"title": "Packed", "body": "Body."}]"#)
            .unwrap();
        let packed = encoder.finish().unwrap();
        let (articles, warnings) = parse_file("feed.json.gz", &packed).unwrap();
        assert_eq!((articles[0].title.as_str(), warnings.len()), ("Packed", 0));
        assert_eq!(articles[0].id, "feed.json.gz#0");
        // gzip bytes under a plain name are decompressed too.
        let (articles, _) = parse_file("feed.json", &packed).unwrap();
        assert_eq!(articles[0].title, "Packed");
        assert_eq!(
            Format::from_label("a.TXT.GZ").unwrap(),
            Format::Text,
            "case-insensitive"
        );
        assert_eq!(Format::from_label("a.gz").unwrap(), Format::Sniff);
        assert!(Format::from_label("a.tar.gz").is_err());
    }

    #[test]
    fn parse_file_decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Title\n\nBody text here.".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (articles, _) = parse_file("a.txt", &bytes).unwrap();
        assert_eq!(articles[0].title, "Title");
        assert_eq!(articles[0].paragraphs, ["Body text here."]);
    }

    #[test]
    fn parse_file_sniffs_json_without_extension() {
        let (articles, _) = parse_file("-", br#"{"title": "T", "body": "B"}"#).unwrap();
        assert_eq!(
            (articles[0].title.as_str(), articles[0].id.as_str()),
            ("T", "-")
        );
        let (articles, _) = parse_file("-", b"{\"title\": \"A\"}\n{\"title\": \"B\"}\n").unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].id, "-#1");
        // Starts like JSON but is prose: read as text, with a warning.
        let (articles, warnings) = parse_file("notes", b"[Updated] Tehran talks\n\nBody.").unwrap();
        assert_eq!(articles[0].title, "[Updated] Tehran talks");
        assert!(
            warnings[0].reason.contains("looks like JSON"),
            "{warnings:?}"
        );
    }

    #[test]
    fn title_from_text_shortens_at_a_word_boundary() {
        assert_eq!(title_from_text("Short one. Second sentence."), "Short one");
        assert_eq!(
            title_from_text("Rivals of the Apple..."),
            "Rivals of the Apple..."
        );
        let long = "word ".repeat(40);
        let title = title_from_text(&long);
        assert!(title.ends_with("word…"), "{title}");
        assert!(title.chars().count() <= TITLE_MAX_CHARS);
        let unbroken = "x".repeat(200);
        assert_eq!(title_from_text(&unbroken).chars().count(), TITLE_MAX_CHARS);
    }

    #[test]
    fn load_paths_walks_directories_sorted_and_skips_hidden_and_unknown() {
        let dir = Scratch::new("walk");
        dir.write("b.txt", b"B title\n\nBody b.");
        dir.write("a/z.json", br#"{"title": "Z", "body": "Body z."}"#);
        dir.write("a/y.md", b"# Y\n\nBody y.");
        dir.write(".hidden.txt", b"Hidden\n\nBody.");
        dir.write(".git/c.txt", b"Hidden\n\nBody.");
        dir.write("scan.pdf", b"%PDF-1.4");
        let loaded = load_paths(std::slice::from_ref(&dir.0));
        assert_eq!(file_names(&loaded), ["y.md", "z.json", "b.txt"]);
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    }

    #[test]
    fn load_paths_passes_over_collection_notes_unless_named() {
        let dir = Scratch::new("notes");
        dir.write("001.txt", b"Title\n\nBody.");
        let readme = dir.write("README.TXT", b"About this corpus\n\nIt has articles.");
        dir.write("PROVENANCE.md", b"# Where it came from\n\nSomewhere.");
        let loaded = load_paths(std::slice::from_ref(&dir.0));
        assert_eq!(file_names(&loaded), ["001.txt"]);
        let loaded = load_paths(&[readme]);
        assert_eq!(file_names(&loaded), ["README.TXT"]);
    }

    #[test]
    fn load_paths_reports_explicit_problems_and_keeps_going() {
        let dir = Scratch::new("explicit");
        let good = dir.write("good.txt", b"Good\n\nBody.");
        let html = dir.write("scan.pdf", b"%PDF-1.4");
        let empty = dir.write("empty.txt", b"");
        let binary = dir.write("blob", b"\x7fELF\0\0");
        let missing = dir.0.join("missing.txt");
        let loaded = load_paths(&[html, missing, empty, binary, good]);
        assert_eq!(file_names(&loaded), ["good.txt"]);
        let reasons: Vec<&str> = loaded.skipped.iter().map(|e| e.reason.as_str()).collect();
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert!(reasons[0].starts_with("unsupported file type"));
        assert_eq!(reasons[1], "no such file or directory");
        assert_eq!(reasons[2], "empty file");
        assert!(reasons[3].starts_with("binary file"));
    }

    #[test]
    fn load_paths_skips_a_collection_without_good_articles_and_keeps_its_warnings() {
        let dir = Scratch::new("nogood");
        let path = dir.write("bad.json", b"[1, \"two\"]");
        let loaded = load_paths(&[path]);
        assert!(loaded.articles.is_empty());
        assert_eq!(loaded.skipped.len(), 1);
        assert!(
            loaded.skipped[0]
                .reason
                .starts_with("no usable article (2 problems")
        );
        assert_eq!(loaded.warnings.len(), 2);
        assert!(
            loaded.warnings[0].path.ends_with("bad.json:1:2"),
            "{:?}",
            loaded.warnings
        );
    }

    #[cfg(unix)]
    #[test]
    fn load_paths_survives_symlink_loops_and_dangling_links() {
        let dir = Scratch::new("loop");
        dir.write("sub/a.txt", b"A\n\nBody a.");
        std::os::unix::fs::symlink(&dir.0, dir.0.join("sub/back")).unwrap();
        std::os::unix::fs::symlink(dir.0.join("nowhere.pdf"), dir.0.join("dangling.pdf")).unwrap();
        std::os::unix::fs::symlink(dir.0.join("nowhere.txt"), dir.0.join("dangling.txt")).unwrap();
        let loaded = load_paths(std::slice::from_ref(&dir.0));
        assert_eq!(file_names(&loaded), ["a.txt"]);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].reason.contains("already loaded"));
        // A dangling link is reported only when it names a readable format.
        assert_eq!(loaded.skipped.len(), 1, "{:?}", loaded.skipped);
        assert!(loaded.skipped[0].path.ends_with("dangling.txt"));
    }

    #[test]
    fn load_reader_reads_standard_input_as_text_or_json() {
        let mut loaded = Loaded::default();
        load_reader(
            STDIN_LABEL,
            &b"Piped headline\n\nPiped body."[..],
            &mut loaded,
        );
        load_reader(
            STDIN_LABEL,
            &b"[{\"title\": \"Piped JSON\"}]"[..],
            &mut loaded,
        );
        load_reader(STDIN_LABEL, &b""[..], &mut loaded);
        let ids: Vec<(&str, &str)> = loaded
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str()))
            .collect();
        assert_eq!(ids, [("-", "Piped headline"), ("-#0", "Piped JSON")]);
        assert_eq!(loaded.skipped, [LoadError::new("-", "empty file")]);
    }

    #[test]
    fn read_limited_refuses_more_than_the_limit() {
        let small = read_limited(&b"abc"[..]).unwrap();
        assert_eq!(small.as_deref(), Some(&b"abc"[..]));
        let huge = std::io::repeat(b'a').take(MAX_FILE_BYTES + 1);
        assert_eq!(read_limited(huge).unwrap(), None);
    }

    proptest! {
        #[test]
        fn parse_file_never_panics(
            bytes in proptest::collection::vec(any::<u8>(), 0..512),
            extension in prop::sample::select(vec!["txt", "md", "json", "jsonl", "ndjson", "", "html"]),
        ) {
            let label = if extension.is_empty() { "input".to_string() } else { format!("input.{extension}") };
            if let Ok((articles, _)) = parse_file(&label, &bytes) {
                for article in articles {
                    let strings = article.paragraphs.iter().chain(&article.removed).chain([&article.title]);
                    for s in strings {
                        prop_assert!(!s.chars().any(crate::sanitize::is_forbidden), "{:?}", s);
                    }
                }
            }
        }

        #[test]
        fn parse_file_never_panics_on_json_like_input(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "[", "]", "{", "}", ",", ":", "\"title\"", "\"body\"", "\"author\"", "\"x\\u001b[31m\"",
                    "\"\\ud800\"", "null", "1e999", "-0", "true", "\n", "\r\n", " ", "\"\u{202e}\"", "\"\"",
                ]),
                0..60,
            ),
            extension in prop::sample::select(vec!["json", "jsonl", "txt", ""]),
        ) {
            let label = if extension.is_empty() { "input".to_string() } else { format!("input.{extension}") };
            let _ = parse_file(&label, pieces.concat().as_bytes());
        }
    }

    /// Streams `bytes` as a JSON Lines file in chunks of `chunk` bytes.
    fn streamed(bytes: &[u8], chunk: usize) -> (Loaded, usize) {
        let mut all = Loaded::default();
        let mut parts = 0;
        let mut loaded = Loaded::default();
        let streamed = stream_json_lines("big.jsonl", bytes, chunk, &mut loaded, &mut |part| {
            parts += 1;
            all.append(part);
            ControlFlow::Continue(())
        });
        assert_eq!(streamed, Some(ControlFlow::Continue(())));
        all.append(loaded);
        (all, parts)
    }

    #[test]
    fn stream_json_lines_matches_reading_the_whole_file() {
        for bom in [true, false] {
            stream_matches_whole(bom);
        }
    }

    /// A JSON Lines file with bad lines and one Latin-1 byte, with or without a
    /// UTF-8 byte-order mark, read whole and streamed in chunks of many sizes.
    fn stream_matches_whole(bom: bool) {
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        for i in 0..40 {
            match i {
                7 => bytes.extend_from_slice(b"{\"title\": broken\n"),
                11 => bytes.extend_from_slice(b"\n"),
                13 => bytes.extend_from_slice(b"[1, 2]\r\n"),
                17 => bytes.extend_from_slice(b"{\"title\": \"Caf\xE9\", \"body\": \"Prices rose.\"}\n"),
                _ => bytes.extend_from_slice(
                    format!("{{\"title\": \"Story {i}\", \"body\": [\"Mara Voss spoke.\", \"Line {i}.\"]}}\n")
                        .as_bytes(),
                ),
            }
        }
        let whole = {
            let mut loaded = Loaded::default();
            loaded.push("big.jsonl", parse_file("big.jsonl", &bytes));
            loaded
        };
        for chunk in [1, 64, 500, 1 << 20] {
            let (streamed, parts) = streamed(&bytes, chunk);
            assert_eq!(
                streamed.articles, whole.articles,
                "chunk {chunk}, bom {bom}"
            );
            let mut got = streamed.warnings.clone();
            let mut want = whole.warnings.clone();
            got.sort_by(|a, b| a.path.cmp(&b.path));
            want.sort_by(|a, b| a.path.cmp(&b.path));
            // Byte positions of invalid UTF-8 are counted after the BOM when streaming.
            let strip = |v: Vec<LoadError>| -> Vec<String> {
                v.into_iter()
                    .map(|e| e.to_string())
                    .map(|s| s.split(", the first").next().unwrap().to_string())
                    .collect()
            };
            assert_eq!(strip(got), strip(want), "chunk {chunk}, bom {bom}");
            assert!(parts >= 1);
            if chunk == 64 {
                assert!(parts > 5, "{parts} parts");
            }
        }
        assert_eq!(whole.articles.len(), 37);
        assert_eq!(whole.articles[36].id, "big.jsonl#38");
    }

    #[test]
    fn stream_json_lines_leaves_gzip_and_utf16_to_the_whole_file_path() {
        for head in [
            &[0x1F, 0x8B, 8, 0][..],
            &[0xFF, 0xFE, b'{', 0][..],
            b"{\"a\":\0}",
        ] {
            let mut loaded = Loaded::default();
            let streamed = stream_json_lines("x.jsonl", head, 64, &mut loaded, &mut |_| {
                ControlFlow::Continue(())
            });
            assert_eq!(streamed, None);
            assert!(loaded.is_empty());
        }
    }

    #[test]
    fn stream_json_lines_reports_a_file_without_articles() {
        let (loaded, _) = streamed(b"\n[1]\n\n", 4);
        assert!(loaded.articles.is_empty());
        assert_eq!(loaded.skipped.len(), 1, "{:?}", loaded.skipped);
        assert!(loaded.skipped[0].reason.contains("no usable article"));
    }

    #[test]
    fn load_paths_with_emits_file_by_file_in_order() {
        let dir = Scratch::new("emit");
        dir.write("b/2.txt", b"Second\n\nBody two.");
        dir.write("a.txt", b"First\n\nBody one.");
        dir.write("c.json", b"{broken");
        let mut parts: Vec<Loaded> = Vec::new();
        load_paths_with(std::slice::from_ref(&dir.0), &mut |part| {
            parts.push(part);
            ControlFlow::Continue(())
        });
        let titles: Vec<Vec<String>> = parts
            .iter()
            .map(|p| p.articles.iter().map(|a| a.title.clone()).collect())
            .collect();
        assert_eq!(titles, [vec!["First"], vec!["Second"], vec![]]);
        assert_eq!(parts[2].skipped.len(), 1);
        assert_eq!(load_paths(std::slice::from_ref(&dir.0)).articles.len(), 2);
        let mut first = Vec::new();
        load_paths_with(std::slice::from_ref(&dir.0), &mut |part| {
            first.push(part);
            ControlFlow::Break(())
        });
        assert_eq!(first.len(), 1, "Break stops loading");
    }
}
