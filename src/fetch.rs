//! Web input, before the loader: `http://` and `https://` URLs become bytes.
//! [`Fetcher`] asks the network (through `request`, the only code that
//! knows the HTTP client), keeps each answer in an on-disk [`Cache`] so that
//! the next fetch is a conditional request and an offline reader still has
//! the last good copy, and [`urls`] reads the subscription list. No terminal
//! here: every error is sanitised text, for the reader to show.

pub mod cache;
mod request;
#[cfg(test)]
pub(crate) mod test_server;
#[cfg(test)]
mod tests;
pub mod urls;

pub use cache::Cache;

use crate::sanitize::sanitize;
use cache::{Entry, Validators};
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

/// Limits for one fetch. The defaults suit a reader; tests shrink them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// How long to wait for a connection to open (TLS handshake included).
    pub connect_timeout: Duration,
    /// How long the whole fetch may take: every redirect and the body.
    pub total_timeout: Duration,
    /// The largest body accepted, counted after decompression.
    pub max_bytes: u64,
    /// How many redirects are followed before giving up.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    /// 10 s to connect, 30 s in all, the loader's file size limit, 5 redirects.
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_bytes: crate::loader::MAX_FILE_BYTES,
            max_redirects: 5,
        }
    }
}

/// Where a [`Fetched`] body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A fresh copy from the server.
    Network,
    /// The server answered 304 Not Modified: the cached copy is current.
    NotModified,
    /// The cache alone: read with [`Fetcher::cached`], or kept while the
    /// network failed ([`Outcome::Stale`]).
    CacheOnly,
}

/// A fetched (or cached) resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL that was asked for.
    pub url: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    /// The body, decompressed (gzip, deflate), not decoded: the loader
    /// decodes text, with [`Fetched::charset`] as a hint.
    pub body: Vec<u8>,
    /// The media type of `Content-Type`, lower case, without parameters
    /// (`text/xml`).
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, as the server wrote it
    /// (`windows-1251`).
    pub charset: Option<String>,
    /// When the body was downloaded (for a 304, when it was first).
    pub fetched_at: SystemTime,
    /// Network, not modified, or cache only.
    pub origin: Origin,
    /// A cache problem that did not stop the fetch (the entry could not be
    /// written; a damaged entry was moved aside), sanitised. Worth telling
    /// the reader once: the next start may be slower or offline reading
    /// may find nothing.
    pub cache_problem: Option<String>,
}

/// A URL that could not be fetched, and why, both sanitised (they reach the
/// terminal). `Display` reads `URL: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The URL that was asked for.
    pub url: String,
    /// What went wrong, short and human (`HTTP 404 Not Found`, `connection
    /// refused`, `timed out after 30 s`).
    pub reason: String,
}

impl FetchError {
    /// An error for `url`; both parts are sanitised.
    pub fn new(url: &str, reason: impl AsRef<str>) -> Self {
        FetchError {
            url: sanitize(url),
            reason: sanitize(reason.as_ref()),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

impl std::error::Error for FetchError {}

/// What [`Fetcher::fetch_or_cached`] ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered: a new body, or 304 and the cached one.
    Fresh(Fetched),
    /// The fetch failed but a cached copy exists: read it, and report the
    /// error (its origin is [`Origin::CacheOnly`]).
    Stale {
        /// The last good copy.
        cached: Fetched,
        /// Why it could not be refreshed.
        error: FetchError,
    },
    /// The fetch failed and nothing is cached.
    Failed(FetchError),
}

impl Outcome {
    /// The body to show, if any, and the error to report, if any.
    pub fn into_parts(self) -> (Option<Fetched>, Option<FetchError>) {
        match self {
            Outcome::Fresh(fetched) => (Some(fetched), None),
            Outcome::Stale { cached, error } => (Some(cached), Some(error)),
            Outcome::Failed(error) => (None, Some(error)),
        }
    }
}

/// Fetches URLs over HTTP(S), through a cache when it has one. Cheap to
/// clone (connections are pooled and shared), and `Send + Sync`, so that
/// several threads can fetch at once.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    cache: Option<Cache>,
}

impl Fetcher {
    /// A fetcher with these limits; `cache` `None` fetches without one
    /// (no conditional requests, no offline copies).
    pub fn new(options: FetchOptions, cache: Option<Cache>) -> Self {
        Fetcher {
            agent: request::agent(&options),
            options,
            cache,
        }
    }

    /// The limits this fetcher uses.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// The cache, if there is one.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Fetches `url` from the network. With a cached copy the request is
    /// conditional (`If-None-Match`, `If-Modified-Since`), and a 304 answer
    /// returns that copy ([`Origin::NotModified`]); a new body replaces it.
    ///
    /// # Errors
    /// Anything that kept a body from arriving: the URL is not http(s), the
    /// network failed or timed out, an HTTP error status, too many
    /// redirects or one to another scheme, a body over
    /// [`FetchOptions::max_bytes`]. Never falls back to the cache: see
    /// [`Fetcher::fetch_or_cached`].
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        match self.fetch_or_cached(url) {
            Outcome::Fresh(fetched) => Ok(fetched),
            Outcome::Stale { error, .. } | Outcome::Failed(error) => Err(error),
        }
    }

    /// Fetches `url` like [`Fetcher::fetch`]; when that fails and a copy is
    /// cached, returns the copy with the error, so that the reader shows the
    /// articles while it reports the failure. Any failure falls back, an HTTP
    /// error status included (the copy is all there is to read).
    pub fn fetch_or_cached(&self, url: &str) -> Outcome {
        let (mut cached, problem) = self.load_cached(url);
        match self.fetch_from_network(url, &mut cached) {
            Ok(mut fetched) => {
                if fetched.cache_problem.is_none() {
                    fetched.cache_problem = problem;
                }
                Outcome::Fresh(fetched)
            }
            Err(error) => match cached {
                Some(entry) => Outcome::Stale {
                    cached: entry.into_fetched(url, Origin::CacheOnly, problem),
                    error,
                },
                // No copy to carry the cache problem: the error does.
                None => Outcome::Failed(match problem {
                    Some(problem) => FetchError::new(url, format!("{}; {problem}", error.reason)),
                    None => error,
                }),
            },
        }
    }

    /// The cached copy of `url`, without touching the network (for an
    /// instant first frame); `None` when nothing usable is cached.
    pub fn cached(&self, url: &str) -> Option<Fetched> {
        let (entry, problem) = self.load_cached(url);
        entry.map(|entry| entry.into_fetched(url, Origin::CacheOnly, problem))
    }

    /// The cache entry for `url` and any problem reading it (a damaged entry
    /// is moved aside and reads as absent).
    fn load_cached(&self, url: &str) -> (Option<Entry>, Option<String>) {
        match &self.cache {
            Some(cache) => cache.load(url),
            None => (None, None),
        }
    }

    /// Follows redirects by hand, so that each target's scheme is checked
    /// before anything connects to it, the conditional headers go only to
    /// the URL the cached copy came from, and one deadline covers every hop.
    /// A 304 takes the body out of `cached`; on an error it is left there
    /// for the caller's fallback.
    fn fetch_from_network(
        &self,
        url: &str,
        cached: &mut Option<Entry>,
    ) -> Result<Fetched, FetchError> {
        if !is_web_url(url) {
            return Err(FetchError::new(url, "not an http:// or https:// URL"));
        }
        let fail = |reason: String| FetchError::new(url, reason);
        let deadline = Instant::now() + self.options.total_timeout;
        let mut current = url.to_string();
        let mut redirects = 0;
        loop {
            let validators = cached
                .as_ref()
                .filter(|entry| entry.meta.final_url == current)
                .map(Entry::validators)
                .filter(Validators::any);
            let asked_conditionally = validators.is_some();
            let response = request::get(
                &self.agent,
                &self.options,
                &current,
                validators.as_ref(),
                deadline,
            )
            .map_err(fail)?;
            match request::classify(&current, response, &self.options).map_err(fail)? {
                request::Answer::Redirect(target) => {
                    if !is_web_url(&target) {
                        return Err(fail(format!(
                            "refused a redirect to {target}: not an http:// or https:// URL"
                        )));
                    }
                    if redirects == self.options.max_redirects {
                        return Err(fail(format!(
                            "too many redirects (more than {})",
                            self.options.max_redirects
                        )));
                    }
                    redirects += 1;
                    current = target;
                }
                request::Answer::NotModified => {
                    // Taken only when used: an error leaves it for the fallback.
                    if asked_conditionally && let Some(entry) = cached.take() {
                        return Ok(entry.into_fetched(url, Origin::NotModified, None));
                    }
                    return Err(fail(
                        "HTTP 304 Not Modified to a request that was not conditional".to_string(),
                    ));
                }
                request::Answer::Body(body) => {
                    let entry = Entry::new(url, &current, body);
                    let problem = self
                        .cache
                        .as_ref()
                        .and_then(|cache| cache.store(&entry).err());
                    return Ok(entry.into_fetched(url, Origin::Network, problem));
                }
            }
        }
    }
}

/// Whether a command-line argument is a web URL: it starts with `http://` or
/// `https://`, the scheme in any case.
pub fn is_web_url(arg: &str) -> bool {
    let bytes = arg.as_bytes();
    ["http://", "https://"].iter().any(|scheme| {
        bytes.len() >= scheme.len() && bytes[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
    })
}

/// `$XDG_CACHE_HOME/lede`, else `~/.cache/lede`; `None` without a home.
pub fn default_cache_dir() -> Option<PathBuf> {
    xdg_dir(std::env::var_os("XDG_CACHE_HOME"), home_dir(), ".cache")
}

/// `$XDG_CONFIG_HOME/lede`, else `~/.config/lede`; `None` without a home.
pub fn default_config_dir() -> Option<PathBuf> {
    xdg_dir(std::env::var_os("XDG_CONFIG_HOME"), home_dir(), ".config")
}

/// `$XDG_DATA_HOME/lede`, else `~/.local/share/lede`; `None` without a home.
pub fn default_data_dir() -> Option<PathBuf> {
    xdg_dir(
        std::env::var_os("XDG_DATA_HOME"),
        home_dir(),
        ".local/share",
    )
}

/// The home directory, from `$HOME`.
pub(crate) fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
}

/// lede's folder under an XDG base directory. The XDG spec says a relative
/// value is invalid and must be ignored, so it falls back to `home/fallback`.
fn xdg_dir(
    value: Option<std::ffi::OsString>,
    home: Option<PathBuf>,
    fallback: &str,
) -> Option<PathBuf> {
    let base = value
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| home.map(|home| home.join(fallback)))?;
    Some(base.join("lede"))
}
