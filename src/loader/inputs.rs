//! What the loader is asked to read, and the order it reads it in: paths
//! (files, folders, `-`), web addresses, and the feeds an OPML subscription
//! list names. Every article passes [`Dedup`] on its way out, so a story
//! that arrives twice is handed over once.
//!
//! Web addresses are read in one of two ways ([`Web::cached_first`]):
//! - `lede dump` fetches each in turn (a conditional request when a copy is
//!   cached) and reads the answer, or the cached copy when the network fails;
//! - the reader first hands over every cached copy, in order with the paths,
//!   so its first frame never waits for the network, then fetches all the
//!   addresses on several connections at once and hands over what is new.

use super::dedup::Dedup;
use super::{Emit, LoadError, Loaded, Markup, html, markup, parse_as, sniff_markup};
use crate::fetch::{Fetched, Fetcher, Outcome};
use crate::model::Article;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, a folder, or `-` for standard input.
    Path(PathBuf),
    /// An `http://` or `https://` address.
    Web(WebSource),
}

impl Input {
    /// A command-line argument: a web address if it looks like one, else a path.
    pub fn from_arg(arg: PathBuf) -> Input {
        match arg.to_str() {
            Some(text) if crate::fetch::is_web_url(text) => Input::Web(WebSource::new(text)),
            _ => Input::Path(arg),
        }
    }
}

/// A web address to read, with what a subscription list says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSource {
    pub url: String,
    /// The name to show as the articles' source instead of the feed's own
    /// title (a `~Title` tag in the urls file, an OPML outline's title).
    pub title: Option<String>,
    /// Fetch each item's web page and read its full text in place of the
    /// feed's summary (`!full` in the urls file).
    pub full_article: bool,
}

impl WebSource {
    /// An address with nothing more said about it.
    pub fn new(url: &str) -> WebSource {
        WebSource {
            url: url.trim().to_string(),
            title: None,
            full_article: false,
        }
    }
}

/// How web addresses are read.
pub struct Web<'a> {
    pub fetcher: &'a Fetcher,
    /// Hand over cached copies first and fetch afterwards, in the
    /// background (the reader); otherwise fetch each in turn (`lede dump`).
    pub cached_first: bool,
    /// Told (addresses fetched, addresses to fetch) as the background
    /// fetches go, for the reader's status line.
    pub progress: Option<&'a Progress>,
}

/// Receives how far the background fetches have got: (done, of).
pub type Progress = dyn Fn(usize, usize) + Sync;

/// Connections open at once while the reader fetches its feeds.
pub const FETCH_CONNECTIONS: usize = 4;

/// Loads every input in order, handing over each part as [`super::load_paths_with`]
/// does. Without `web`, a web address is reported as not read.
pub fn load_inputs(inputs: &[Input], web: Option<&Web<'_>>, emit: &mut Emit<'_>) {
    let _ = load_inputs_with(inputs, web, &mut Dedup::default(), emit);
}

/// [`load_inputs`], telling copies by what `dedup` has seen (and adding to it),
/// so that a later [`refetch`] with the same `dedup` hands over only what is new.
/// Returns the web addresses fetched in the background (those given and
/// those subscription lists named), for a reload.
pub fn load_inputs_with(
    inputs: &[Input],
    web: Option<&Web<'_>>,
    dedup: &mut Dedup,
    emit: &mut Emit<'_>,
) -> Vec<WebSource> {
    load_inputs_known(inputs, web, dedup, &mut super::ReadEverything, emit)
}

/// [`load_inputs_with`], taking what `known` recalls of a file (the cache)
/// instead of reading it.
pub fn load_inputs_known(
    inputs: &[Input],
    web: Option<&Web<'_>>,
    dedup: &mut Dedup,
    known: &mut dyn super::KnownFiles,
    emit: &mut Emit<'_>,
) -> Vec<WebSource> {
    let mut unique = |part: Loaded| unique(dedup, part, emit);
    let mut fetch_later = Vec::new();
    if load_in_order(inputs, web, known, &mut fetch_later, &mut unique).is_break() {
        return fetch_later;
    }
    if let Some(web) = web {
        let _ = fetch_all(&fetch_later, web.fetcher, web.progress, 0, &mut unique);
    }
    fetch_later
}

/// Reads the paths among `inputs` again (the reader's reload), handing over
/// only the articles not seen before: new files in a folder, new items in a
/// saved feed. The files' problems were reported the first time and are
/// not again. Subscription lists are not followed again here: their web
/// feeds are among those [`refetch`] fetches.
pub fn reread_paths(inputs: &[Input], dedup: &mut Dedup, emit: &mut Emit<'_>) {
    for input in inputs {
        if let Input::Path(path) = input {
            let reread = super::load_path(path, &mut |mut part: Loaded| {
                part.lists.clear();
                part.skipped.clear();
                part.warnings.clear();
                unique(dedup, part, emit)
            });
            if reread.is_break() {
                return;
            }
        }
    }
}

/// Fetches `sources` again (the reader's reload), on several connections at
/// once, handing over what is new to `dedup`.
pub fn refetch(
    sources: &[WebSource],
    fetcher: &Fetcher,
    progress: Option<&Progress>,
    dedup: &mut Dedup,
    emit: &mut Emit<'_>,
) {
    let _ = fetch_all(sources, fetcher, progress, 0, &mut |part: Loaded| {
        unique(dedup, part, emit)
    });
}

/// Hands over `part` without the copies of articles handed over before.
fn unique(dedup: &mut Dedup, mut part: Loaded, emit: &mut Emit<'_>) -> ControlFlow<()> {
    part.duplicates = dedup.filter(&mut part.articles);
    if part.is_empty() {
        ControlFlow::Continue(())
    } else {
        emit(part)
    }
}

/// Reads the inputs in order, and the feeds of any subscription list among
/// them right after it; web addresses to fetch later are collected.
fn load_in_order(
    inputs: &[Input],
    web: Option<&Web<'_>>,
    known: &mut dyn super::KnownFiles,
    fetch_later: &mut Vec<WebSource>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    for input in inputs {
        match input {
            Input::Path(path) => {
                for (label, outlines) in load_path_keeping_lists(path, known, emit)? {
                    follow_list(&label, &outlines, web, fetch_later, emit)?;
                }
            }
            Input::Web(source) => match web {
                None => emit(skipped(&source.url, "web addresses are not read here"))?,
                Some(web) if web.cached_first => {
                    if let Some(cached) = web.fetcher.cached(&source.url) {
                        match subscription_list(&source.url, &cached.body, None) {
                            // A list read from the cache: its feeds join the
                            // ones to show cached and fetch; the list itself
                            // is fetched again too, for feeds added since.
                            Some(outlines) => {
                                follow_list(&source.url, &outlines, Some(web), fetch_later, emit)?;
                            }
                            None => emit(read_fetched(source, &cached, web.fetcher, true))?,
                        }
                    }
                    fetch_later.push(source.clone());
                }
                Some(web) => {
                    let part = fetch_one(source, web.fetcher);
                    let lists = part.1;
                    emit(part.0)?;
                    for (label, outlines) in lists {
                        follow_list(&label, &outlines, Some(web), fetch_later, emit)?;
                    }
                }
            },
        }
    }
    ControlFlow::Continue(())
}

/// Loads one path, handing over its articles and problems, and returns the
/// subscription lists found there for the caller to follow (or not).
fn load_path_keeping_lists(
    path: &Path,
    known: &mut dyn super::KnownFiles,
    emit: &mut Emit<'_>,
) -> ControlFlow<(), Vec<(String, Vec<Input>)>> {
    let mut lists = Vec::new();
    super::load_path_known(path, known, &mut |mut part: Loaded| {
        lists.append(&mut part.lists);
        emit(part)
    })?;
    ControlFlow::Continue(lists)
}

/// Reads the feeds a subscription list names. A list inside a list is not
/// followed (it would allow loops).
fn follow_list(
    label: &str,
    outlines: &[Input],
    web: Option<&Web<'_>>,
    fetch_later: &mut Vec<WebSource>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    if outlines.is_empty() {
        return emit(skipped(label, "a subscription list with no feeds in it"));
    }
    for input in outlines {
        match input {
            Input::Path(path) => {
                for (nested_label, _) in
                    load_path_keeping_lists(path, &mut super::ReadEverything, emit)?
                {
                    emit(skipped(
                        &nested_label,
                        &format!("a subscription list inside {label}; not followed"),
                    ))?;
                }
            }
            Input::Web(_) => load_in_order(
                std::slice::from_ref(input),
                web,
                &mut super::ReadEverything,
                fetch_later,
                emit,
            )?,
        }
    }
    ControlFlow::Continue(())
}

/// Fetches one address now (or takes its cached copy when the network
/// fails) and reads it; a subscription list comes back to be followed.
fn fetch_one(source: &WebSource, fetcher: &Fetcher) -> (Loaded, Vec<(String, Vec<Input>)>) {
    let (fetched, error) = fetcher.fetch_or_cached(&source.url).into_parts();
    let mut lists = Vec::new();
    let mut part = match &fetched {
        Some(fetched) => match subscription_list(&source.url, &fetched.body, None) {
            Some(outlines) => {
                lists.push((source.url.clone(), outlines));
                Loaded::default()
            }
            None => read_fetched(source, fetched, fetcher, false),
        },
        None => Loaded::default(),
    };
    match (error, &fetched) {
        (Some(error), Some(cached)) => part.warnings.push(LoadError::new(
            &source.url,
            format!(
                "{}; showing the copy saved {}",
                error.reason,
                age(cached.fetched_at)
            ),
        )),
        (Some(error), None) => part.skipped.push(LoadError::new(&source.url, error.reason)),
        (None, _) => {}
    }
    (part, lists)
}

/// Fetches every source on [`FETCH_CONNECTIONS`] connections and hands over
/// what each gives as it arrives. A subscription list among them is followed
/// afterwards: its local feeds read, its web feeds not fetched yet fetched the
/// same way (`depth` 1; a list found there is reported, not followed).
fn fetch_all(
    sources: &[WebSource],
    fetcher: &Fetcher,
    progress: Option<&Progress>,
    depth: usize,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    if sources.is_empty() {
        return ControlFlow::Continue(());
    }
    let tell = |done: usize| {
        if let Some(progress) = progress {
            progress(done, sources.len());
        }
    };
    tell(0);
    let (results, arrived) = mpsc::channel();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut lists = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..FETCH_CONNECTIONS.min(sources.len()) {
            let results = results.clone();
            let next = &next;
            let spawned = std::thread::Builder::new()
                .name("lede-fetch".to_string())
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(source) = sources.get(i) else { break };
                        if results.send(fetch_one(source, fetcher)).is_err() {
                            break;
                        }
                    }
                });
            // When a thread cannot start, the others take its share.
            drop(spawned);
        }
        drop(results);
        for (done, (part, found)) in arrived.into_iter().enumerate() {
            tell(done + 1);
            emit(part)?;
            lists.extend(found);
        }
        ControlFlow::Continue(())
    })?;
    for (label, outlines) in lists {
        if depth > 0 {
            emit(skipped(
                &label,
                "a subscription list inside a subscription list; not followed",
            ))?;
            continue;
        }
        let mut to_fetch = Vec::new();
        for input in &outlines {
            match input {
                Input::Path(path) => super::load_path(path, emit)?,
                Input::Web(feed) if !sources.iter().any(|s| s.url == feed.url) => {
                    to_fetch.push(feed.clone());
                }
                Input::Web(_) => {}
            }
        }
        fetch_all(&to_fetch, fetcher, progress, depth + 1, emit)?;
    }
    ControlFlow::Continue(())
}

/// The articles of a fetched (or cached) answer that is not a subscription
/// list, with the source's title in place of the feed's, and each item's full
/// page when the source asks. `cache_only` takes item pages from the cache
/// alone.
fn read_fetched(
    source: &WebSource,
    fetched: &Fetched,
    fetcher: &Fetcher,
    cache_only: bool,
) -> Loaded {
    let mut part = Loaded::default();
    if let Some(problem) = &fetched.cache_problem {
        part.warnings.push(LoadError::new(&source.url, problem));
    }
    match parse_fetched(&source.url, fetched) {
        Ok((mut articles, warnings)) => {
            part.warnings.extend(warnings);
            for article in &mut articles {
                if let Some(title) = &source.title {
                    article.source = Some(crate::sanitize::sanitize(title));
                }
                // A page that names no address of its own has the one it
                // was fetched from (for `o` and `F`).
                if article.url.is_none() && article.id == source.url {
                    article.url = Some(crate::sanitize::sanitize(&fetched.final_url));
                }
                if source.full_article {
                    let _ = with_full_text(article, fetcher, cache_only);
                }
            }
            part.articles = articles;
        }
        Err(error) => part.skipped.push(error),
    }
    part
}

/// Parses a fetched answer by its media type, else by its address, else by
/// its content, with the server's charset as a hint.
pub fn parse_fetched(
    label: &str,
    fetched: &Fetched,
) -> Result<(Vec<Article>, Vec<LoadError>), LoadError> {
    use super::Format;
    let by_type = match fetched.content_type.as_deref() {
        Some(t) if t.contains("json") => Some(Format::Json),
        Some(t)
            if t.contains("xml")
                || t.contains("html")
                || t.contains("rss")
                || t.contains("atom") =>
        {
            Some(Format::Markup)
        }
        _ => None,
    };
    let by_address = url::Url::parse(&fetched.final_url)
        .ok()
        .and_then(|u| Format::from_label(u.path()).ok());
    let format = by_type.or(by_address).unwrap_or(Format::Sniff);
    parse_as(label, &fetched.body, format, fetched.charset.as_deref())
}

/// Replaces an article's paragraphs with the text of the web page it links
/// to: the full article a feed gave only a summary of. The page is fetched
/// (or taken from the cache alone when `cache_only`).
///
/// # Errors
///
/// The article has no web address, the page could not be fetched, or it has
/// no article text.
pub fn with_full_text(
    article: &mut Article,
    fetcher: &Fetcher,
    cache_only: bool,
) -> Result<(), LoadError> {
    let url = article
        .url
        .clone()
        .filter(|u| crate::fetch::is_web_url(u))
        .ok_or_else(|| {
            LoadError::new(&article.id, "no web address to fetch the full article from")
        })?;
    let fetched = if cache_only {
        fetcher
            .cached(&url)
            .ok_or_else(|| LoadError::new(&url, "not fetched yet"))?
    } else {
        match fetcher.fetch_or_cached(&url) {
            Outcome::Fresh(fetched)
            | Outcome::Stale {
                cached: fetched, ..
            } => fetched,
            Outcome::Failed(error) => return Err(LoadError::new(&url, error.reason)),
        }
    };
    let (content, _) =
        super::decode::decode_hinted(&url, &fetched.body, false, fetched.charset.as_deref())?;
    let (pages, _) = html::parse(&url, &content)?;
    let page = pages
        .into_iter()
        .next()
        .ok_or_else(|| LoadError::new(&url, "no article text found in this page"))?;
    article.paragraphs = page.paragraphs;
    if article.author.is_none() {
        article.author = page.author;
    }
    Ok(())
}

/// The feeds an OPML subscription list names, or `None` when the bytes are
/// not one. Local paths in it are taken relative to `base` (the list's
/// folder).
pub fn subscription_list(label: &str, bytes: &[u8], base: Option<&Path>) -> Option<Vec<Input>> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    if sniff_markup(&head) != Markup::Element("opml".to_string()) {
        return None;
    }
    let (text, _) = super::decode::decode(label, bytes, false).ok()?;
    // A list from the web names web feeds only: it may not make lede read
    // the files of the machine it runs on.
    let local_allowed = !crate::fetch::is_web_url(label);
    Some(opml_outlines(&text, base, local_allowed))
}

/// Every `<outline xmlUrl=…>` of an OPML document, in order, with its title
/// (sanitised: it is shown as the articles' source); local paths only when
/// `local_allowed`.
fn opml_outlines(text: &str, base: Option<&Path>, local_allowed: bool) -> Vec<Input> {
    // An HTML parser reads OPML well enough for its outlines, and forgives
    // the broken files subscription exports often are; it lower-cases names.
    // Tags nested absurdly deep are dropped first, as for a web page: the
    // parser's time grows with the square of the depth.
    let document =
        dom_query::Document::from(super::html::flatten(text, super::html::MAX_NESTING).as_ref());
    let mut inputs = Vec::new();
    for node in document.select("outline[xmlurl]").nodes() {
        let Some(address) = node.attr("xmlurl").map(|a| a.trim().to_string()) else {
            continue;
        };
        let title = node
            .attr("title")
            .or_else(|| node.attr("text"))
            .map(|t| crate::sanitize::sanitize(&markup::inline_text(&t)))
            .filter(|t| !t.is_empty());
        if crate::fetch::is_web_url(&address) {
            inputs.push(Input::Web(WebSource {
                url: address,
                title,
                full_article: false,
            }));
        } else if local_allowed && !address.is_empty() && !address.contains("://") {
            let path = Path::new(&address);
            let path = match base {
                Some(base) if path.is_relative() => base.join(path),
                _ => path.to_path_buf(),
            };
            inputs.push(Input::Path(path));
        }
    }
    inputs
}

/// A part holding one skipped input.
fn skipped(label: &str, reason: &str) -> Loaded {
    Loaded {
        skipped: vec![LoadError::new(label, reason)],
        ..Loaded::default()
    }
}

/// How long ago `time` was, for a reader ("3 hours ago").
fn age(time: std::time::SystemTime) -> String {
    let seconds = time.elapsed().map_or(0, |d| d.as_secs());
    match seconds {
        0..=89 => "just now".to_string(),
        90..=5399 => format!("{} minutes ago", (seconds + 30) / 60),
        5400..=129_599 => format!("{} hours ago", (seconds + 1800) / 3600),
        _ => format!("{} days ago", (seconds + 43_200) / 86_400),
    }
}
