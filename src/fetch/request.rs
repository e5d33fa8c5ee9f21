//! One HTTP exchange for [`super::Fetcher`]: the only code that knows the
//! HTTP client (ureq). It sends a GET, sorts the answer into a redirect, a
//! 304 or a body, reads the body within the size limit, and turns the
//! client's errors into short reasons a reader understands.

use super::FetchOptions;
use super::cache::Validators;
use std::io::Read;
use std::time::{Duration, Instant};
use ureq::http::{Response, StatusCode, header};

/// The `User-Agent` lede sends, so that site owners can tell what asks.
pub(super) const USER_AGENT: &str = concat!(
    "lede/",
    env!("CARGO_PKG_VERSION"),
    " (+terminal news reader)"
);

/// The agent every fetch shares (its connection pool too).
pub(super) fn agent(options: &FetchOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(USER_AGENT)
        // ureq decodes gzip; deflate is decoded here (`read_body`).
        .accept_encoding("gzip, deflate")
        // Statuses are answers to sort, not errors: a 304 is good news and
        // an error status is reported with its reason phrase.
        .http_status_as_error(false)
        // Redirects are followed by `Fetcher`, which checks each target.
        .max_redirects(0)
        .timeout_connect(Some(options.connect_timeout))
        .build()
        .new_agent()
}

/// Sends a GET for `url`, conditional on `validators`, with what is left
/// until `deadline` as its whole budget (headers and body).
pub(super) fn get(
    agent: &ureq::Agent,
    options: &FetchOptions,
    url: &str,
    validators: Option<&Validators>,
    deadline: Instant,
) -> Result<Response<ureq::Body>, String> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(timed_out(options, false));
    }
    let mut builder = agent.get(url);
    if let Some(validators) = validators {
        if let Some(etag) = &validators.etag {
            builder = builder.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = &validators.last_modified {
            builder = builder.header(header::IF_MODIFIED_SINCE, date);
        }
    }
    builder
        .config()
        .timeout_global(Some(left))
        .build()
        .call()
        .map_err(|error| describe(error, options))
}

/// A body and what the headers said about it.
pub(super) struct Body {
    pub(super) bytes: Vec<u8>,
    pub(super) content_type: Option<String>,
    pub(super) charset: Option<String>,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
}

/// How a server answered.
pub(super) enum Answer {
    /// Go on to this absolute URL (not yet checked for its scheme).
    Redirect(String),
    /// 304: the cached copy is current.
    NotModified,
    /// 2xx with its body.
    Body(Body),
}

/// Sorts a response for `url`: redirect, 304, or a body read within the
/// limit; error statuses become `HTTP 404 Not Found`.
pub(super) fn classify(
    url: &str,
    response: Response<ureq::Body>,
    options: &FetchOptions,
) -> Result<Answer, String> {
    let status = response.status();
    let text = |name| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_string)
    };
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Answer::NotModified);
    }
    if status.is_redirection()
        && let Some(location) = text(header::LOCATION)
    {
        return resolve_location(url, &location)
            .map(Answer::Redirect)
            .ok_or_else(|| format!("{} with a bad Location: {location}", status_text(status)));
    }
    if !status.is_success() {
        return Err(status_text(status));
    }
    let (content_type, charset) = text(header::CONTENT_TYPE)
        .map(|value| split_content_type(&value))
        .unwrap_or_default();
    let etag = text(header::ETAG);
    let last_modified = text(header::LAST_MODIFIED);
    let deflate =
        text(header::CONTENT_ENCODING).is_some_and(|coding| coding.eq_ignore_ascii_case("deflate"));
    if let Some(length) = text(header::CONTENT_LENGTH).and_then(|n| n.parse::<u64>().ok())
        && length > options.max_bytes
    {
        return Err(too_large(options.max_bytes));
    }
    let bytes = read_body(response.into_body(), deflate, options)?;
    Ok(Answer::Body(Body {
        bytes,
        content_type,
        charset,
        etag,
        last_modified,
    }))
}

/// Reads the body, decompressed, refusing more than `max_bytes`.
fn read_body(body: ureq::Body, deflate: bool, options: &FetchOptions) -> Result<Vec<u8>, String> {
    let limit = options.max_bytes;
    let raw = read_capped(body.into_reader(), limit)
        .map_err(|error| describe(ureq::Error::from(error), options))?
        .ok_or_else(|| too_large(limit))?;
    if !deflate {
        return Ok(raw);
    }
    // HTTP's "deflate" is zlib-wrapped (RFC 9110), but some servers send
    // raw deflate data, as browsers also accept.
    let zlib = read_capped(flate2::read::ZlibDecoder::new(&raw[..]), limit);
    let decoded = match zlib {
        Ok(bytes) => bytes,
        Err(_) => read_capped(flate2::read::DeflateDecoder::new(&raw[..]), limit)
            .map_err(|error| format!("could not decompress the body (deflate): {error}"))?,
    };
    decoded.ok_or_else(|| too_large(limit))
}

/// Reads at most `limit` bytes; `None` when there was more.
fn read_capped(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// `response larger than 64 MiB`.
fn too_large(limit: u64) -> String {
    format!("response larger than {}", size_text(limit))
}

/// A byte count in the largest binary unit that divides it (`64 MiB`).
fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// `HTTP 404 Not Found`.
fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// The media type, lower case, and the `charset` parameter, unquoted, of a
/// `Content-Type` value.
pub(super) fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|media| media.trim().to_ascii_lowercase())
        .filter(|media| !media.is_empty());
    let charset = parts
        .filter_map(|param| param.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, value)| value.trim().trim_matches('"').trim().to_string())
        .filter(|charset| !charset.is_empty());
    (media, charset)
}

/// The absolute URL a `Location` header points to from `base`: an absolute
/// URL as it is, `//host/…` with the base's scheme, `/path` and `?query` on
/// the base's host, a relative path beside the base's last segment. `None`
/// when the base is not `scheme://authority…`.
pub(super) fn resolve_location(base: &str, location: &str) -> Option<String> {
    if has_scheme(location) {
        return Some(location.to_string());
    }
    let scheme_end = base.find("://")?;
    let scheme = &base[..scheme_end];
    if let Some(rest) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    let after_scheme = scheme_end + 3;
    let authority_end = base[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| after_scheme + i);
    let origin = &base[..authority_end];
    let path_and_query = base[authority_end..].split('#').next().unwrap_or_default();
    let path = path_and_query.split('?').next().unwrap_or_default();
    let target = match location.chars().next() {
        Some('/') => location.to_string(),
        Some('?') => format!("{path}{location}"),
        None | Some('#') => path_and_query.to_string(),
        Some(_) => {
            let directory = path.rfind('/').map_or("/", |slash| &path[..=slash]);
            format!("{directory}{location}")
        }
    };
    Some(format!("{origin}{}", remove_dot_segments(&target)))
}

/// `/a/b/../c/./d` → `/a/c/d` in the path of `/path?query#fragment`
/// (RFC 3986, 5.2.4), so that `../x` goes where a browser would.
fn remove_dot_segments(target: &str) -> String {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let (path, rest) = target.split_at(end);
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    kept.pop();
                }
                // A trailing dot segment still names a directory.
                if last {
                    kept.push("");
                }
            }
            segment => kept.push(segment),
        }
    }
    format!("/{}{rest}", kept.join("/"))
}

/// Whether `text` starts with a URL scheme and `:` (RFC 3986: a letter, then
/// letters, digits, `+`, `-`, `.`).
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A client error as a short reason: `connection refused`, `could not
/// resolve host`, `timed out after 30 s`.
pub(super) fn describe(error: ureq::Error, options: &FetchOptions) -> String {
    use std::io::ErrorKind;
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect) => timed_out(options, true),
        ureq::Error::Timeout(_) => timed_out(options, false),
        ureq::Error::HostNotFound => "could not resolve host".to_string(),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => "connection refused".to_string(),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
                "connection reset by the server".to_string()
            }
            ErrorKind::UnexpectedEof => "the server closed the connection early".to_string(),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => timed_out(options, false),
            _ => crate::loader::io_reason(&io),
        },
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => "not a valid URL".to_string(),
        ureq::Error::Protocol(error) => format!("bad HTTP response: {error}"),
        ureq::Error::Tls(reason) => format!("TLS error: {reason}"),
        ureq::Error::Rustls(error) => format!("TLS error: {error}"),
        ureq::Error::Decompress(coding, error) => {
            format!("could not decompress the body ({coding}): {error}")
        }
        ureq::Error::LargeResponseHeader(..) => "response headers too large".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        other => other.to_string(),
    }
}

/// `timed out after 30 s`, or for the connection `could not connect within 10 s`.
fn timed_out(options: &FetchOptions, connecting: bool) -> String {
    if connecting {
        format!(
            "could not connect within {}",
            duration_text(options.connect_timeout)
        )
    } else {
        format!("timed out after {}", duration_text(options.total_timeout))
    }
}

/// `30 s`, `1.5 s`, `200 ms`.
fn duration_text(duration: Duration) -> String {
    if duration.subsec_millis() == 0 && duration.as_secs() > 0 {
        format!("{} s", duration.as_secs())
    } else if duration >= Duration::from_secs(1) {
        format!("{:.1} s", duration.as_secs_f64())
    } else {
        format!("{} ms", duration.as_millis())
    }
}
