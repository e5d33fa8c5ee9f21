//! Tests of [`super::Fetcher`] against the local [`super::test_server`]:
//! statuses, redirects, timeouts, compression, the size limit, conditional
//! requests, offline fallback and damaged cache entries. No outside network.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use super::test_server::{Reply, TempDir, TestServer};
use super::*;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const FEED: &[u8] = include_bytes!("../../assets/fixtures/net/feed.rss");
const ARTICLE: &[u8] = include_bytes!("../../assets/fixtures/net/article.html");

/// Small limits, so that failures are quick.
fn options() -> FetchOptions {
    super::test_server::quick_options()
}

fn fetcher() -> Fetcher {
    Fetcher::new(options(), None)
}

/// A fetcher with a cache in a new folder, which lives as long as the guard.
fn cached_fetcher(name: &str) -> (Fetcher, TempDir) {
    let dir = TempDir::new(name);
    (Fetcher::new(options(), Some(Cache::new(dir.path()))), dir)
}

fn reason(result: Result<Fetched, FetchError>) -> String {
    result.unwrap_err().reason
}

#[test]
fn fetch_returns_the_body_its_type_and_charset() {
    let server = TestServer::start(|_| {
        Reply::new(200, FEED).header("Content-Type", "Text/XML; Charset=\"windows-1251\"")
    });
    let url = server.url("/feed.rss");
    let fetched = fetcher().fetch(&url).unwrap();
    assert_eq!(fetched.body, FEED);
    assert_eq!(fetched.url, url);
    assert_eq!(fetched.final_url, url);
    assert_eq!(fetched.content_type.as_deref(), Some("text/xml"));
    assert_eq!(fetched.charset.as_deref(), Some("windows-1251"));
    assert_eq!(fetched.origin, Origin::Network);
    let request = &server.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/feed.rss");
    assert_eq!(
        request.header("user-agent"),
        Some(concat!(
            "lede/",
            env!("CARGO_PKG_VERSION"),
            " (+terminal news reader)"
        ))
    );
    assert_eq!(request.header("accept-encoding"), Some("gzip, deflate"));
}

#[test]
fn fetch_follows_a_redirect_chain_to_the_final_url() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/a" => Reply::redirect(301, "/b"),
        "/b" => Reply::redirect(302, "c?x=1"),
        "/c?x=1" => Reply::redirect(307, "../news/article.html"),
        "/news/article.html" => Reply::redirect(308, "?page=2"),
        "/news/article.html?page=2" => Reply::new(200, ARTICLE).header("Content-Type", "text/html"),
        _ => Reply::new(404, ""),
    });
    let fetched = fetcher().fetch(&server.url("/a")).unwrap();
    assert_eq!(fetched.final_url, server.url("/news/article.html?page=2"));
    assert_eq!(fetched.url, server.url("/a"));
    assert_eq!(fetched.body, ARTICLE);
    assert_eq!(server.requests().len(), 5);
}

#[test]
fn fetch_refuses_more_than_five_redirects() {
    // `/N/i` redirects to `/N/i+1` until i reaches N: N redirects in all.
    let server = TestServer::start(|request| {
        let (hops, i) = request.path[1..].split_once('/').unwrap();
        let (hops, i): (u32, u32) = (hops.parse().unwrap(), i.parse().unwrap());
        if i < hops {
            Reply::redirect(302, &format!("/{hops}/{}", i + 1))
        } else {
            Reply::new(200, FEED)
        }
    });
    let five = fetcher().fetch(&server.url("/5/0")).unwrap();
    assert_eq!(five.final_url, server.url("/5/5"));
    let url = server.url("/6/0");
    let error = fetcher().fetch(&url).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{url}: too many redirects (more than 5)")
    );
    // Six for the five-hop chain, six for the other: the first request and
    // five redirects, no more.
    assert_eq!(server.requests().len(), 12);
}

#[test]
fn fetch_refuses_redirects_to_other_schemes() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/file" => Reply::redirect(302, "file:///etc/passwd"),
        "/ftp" => Reply::redirect(301, "FTP://files.example.test/feed"),
        _ => Reply::redirect(302, "/file"),
    });
    assert_eq!(
        reason(fetcher().fetch(&server.url("/hop"))),
        "refused a redirect to file:///etc/passwd: not an http:// or https:// URL"
    );
    assert_eq!(
        reason(fetcher().fetch(&server.url("/ftp"))),
        "refused a redirect to FTP://files.example.test/feed: not an http:// or https:// URL"
    );
    assert_eq!(
        reason(fetcher().fetch("file:///etc/passwd")),
        "not an http:// or https:// URL"
    );
}

#[test]
fn fetch_reports_error_statuses_with_their_reason() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/gone" => Reply::new(404, "nothing here"),
        "/odd" => Reply::new(599, ""),
        "/moved" => Reply::new(301, ""),
        _ => Reply::new(500, "oops"),
    });
    let url = server.url("/gone");
    assert_eq!(
        fetcher().fetch(&url).unwrap_err().to_string(),
        format!("{url}: HTTP 404 Not Found")
    );
    assert_eq!(
        reason(fetcher().fetch(&server.url("/boom"))),
        "HTTP 500 Internal Server Error"
    );
    assert_eq!(reason(fetcher().fetch(&server.url("/odd"))), "HTTP 599");
    assert_eq!(
        reason(fetcher().fetch(&server.url("/moved"))),
        "HTTP 301 Moved Permanently"
    );
}

#[test]
fn fetch_times_out_on_a_slow_server() {
    let server = TestServer::start(|_| Reply::new(200, FEED).delay(Duration::from_millis(1500)));
    let started = Instant::now();
    let error = fetcher().fetch(&server.url("/slow")).unwrap_err();
    assert_eq!(error.reason, "timed out after 700 ms");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn fetch_decodes_gzip_and_deflate_bodies() {
    let gzip = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(FEED).unwrap();
        encoder.finish().unwrap()
    };
    let zlib = {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(ARTICLE).unwrap();
        encoder.finish().unwrap()
    };
    let raw_deflate = {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(ARTICLE).unwrap();
        encoder.finish().unwrap()
    };
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/gzip" => Reply::new(200, gzip.clone()).header("Content-Encoding", "gzip"),
        "/zlib" => Reply::new(200, zlib.clone()).header("Content-Encoding", "deflate"),
        _ => Reply::new(200, raw_deflate.clone()).header("Content-Encoding", "deflate"),
    });
    assert_eq!(fetcher().fetch(&server.url("/gzip")).unwrap().body, FEED);
    assert_eq!(fetcher().fetch(&server.url("/zlib")).unwrap().body, ARTICLE);
    assert_eq!(fetcher().fetch(&server.url("/raw")).unwrap().body, ARTICLE);
}

#[test]
fn fetch_refuses_a_body_over_the_limit() {
    let big = vec![b'x'; 64 * 1024 + 1];
    let bomb = {
        // Compresses to a few hundred bytes: the limit is on what it becomes.
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![b' '; 1024 * 1024]).unwrap();
        encoder.finish().unwrap()
    };
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/length" => Reply::new(200, big.clone()),
        "/stream" => Reply::new(200, big.clone()).without_length(),
        "/bomb" => Reply::new(200, bomb.clone()).header("Content-Encoding", "gzip"),
        _ => Reply::new(200, vec![b'x'; 64 * 1024]).without_length(),
    });
    for path in ["/length", "/stream", "/bomb"] {
        assert_eq!(
            reason(fetcher().fetch(&server.url(path))),
            "response larger than 64 KiB",
            "{path}"
        );
    }
    // Exactly the limit is fine.
    assert_eq!(
        fetcher().fetch(&server.url("/exact")).unwrap().body.len(),
        64 * 1024
    );
}

#[test]
fn fetch_revalidates_with_the_etag_and_takes_a_changed_body() {
    // The resource: its version and body, changed by the test.
    let version = Arc::new(Mutex::new(("\"A\"", FEED.to_vec())));
    let server = {
        let version = Arc::clone(&version);
        TestServer::start(move |request| {
            let (etag, body) = version.lock().unwrap().clone();
            if request.header("if-none-match") == Some(etag) {
                Reply::new(304, "").header("ETag", etag)
            } else {
                Reply::new(200, body)
                    .header("ETag", etag)
                    .header("Content-Type", "application/rss+xml")
            }
        })
    };
    let (fetcher, _dir) = cached_fetcher("etag");
    let url = server.url("/feed.rss");
    let first = fetcher.fetch(&url).unwrap();
    assert_eq!(
        (first.origin, first.body.as_slice()),
        (Origin::Network, FEED)
    );

    let second = fetcher.fetch(&url).unwrap();
    assert_eq!(second.origin, Origin::NotModified);
    assert_eq!(second.body, FEED);
    assert_eq!(second.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(server.requests()[1].header("if-none-match"), Some("\"A\""));

    *version.lock().unwrap() = ("\"B\"", ARTICLE.to_vec());
    let third = fetcher.fetch(&url).unwrap();
    assert_eq!(
        (third.origin, third.body.as_slice()),
        (Origin::Network, ARTICLE)
    );
    assert_eq!(server.requests()[2].header("if-none-match"), Some("\"A\""));
    let fourth = fetcher.fetch(&url).unwrap();
    assert_eq!(
        (fourth.origin, fourth.body.as_slice()),
        (Origin::NotModified, ARTICLE)
    );
    assert_eq!(server.requests()[3].header("if-none-match"), Some("\"B\""));
}

#[test]
fn fetch_sends_if_modified_since_to_the_final_url_only() {
    const DATE: &str = "Mon, 04 Nov 2024 08:00:00 GMT";
    let server = TestServer::start(|request| match request.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        _ if request.header("if-modified-since") == Some(DATE) => Reply::new(304, ""),
        _ => Reply::new(200, FEED).header("Last-Modified", DATE),
    });
    let (fetcher, _dir) = cached_fetcher("last-modified");
    let url = server.url("/old");
    assert_eq!(fetcher.fetch(&url).unwrap().origin, Origin::Network);
    let again = fetcher.fetch(&url).unwrap();
    assert_eq!(again.origin, Origin::NotModified);
    assert_eq!(again.final_url, server.url("/new"));
    let requests = server.requests();
    assert_eq!(requests[2].header("if-modified-since"), None);
    assert_eq!(requests[3].header("if-modified-since"), Some(DATE));
}

#[test]
fn fetch_or_cached_returns_the_cached_copy_and_the_error_when_offline() {
    let server = TestServer::start(|_| {
        Reply::new(200, FEED).header("Content-Type", "text/xml; charset=windows-1251")
    });
    let url = server.url("/feed.rss");
    let (fetcher, _dir) = cached_fetcher("offline");
    assert!(matches!(fetcher.fetch_or_cached(&url), Outcome::Fresh(_)));
    drop(server);

    let Outcome::Stale { cached, error } = fetcher.fetch_or_cached(&url) else {
        panic!("expected the cached copy");
    };
    assert_eq!(error.to_string(), format!("{url}: connection refused"));
    assert_eq!(cached.origin, Origin::CacheOnly);
    assert_eq!(cached.body, FEED);
    assert_eq!(cached.charset.as_deref(), Some("windows-1251"));
    // `fetch` itself does not fall back.
    assert_eq!(reason(fetcher.fetch(&url)), "connection refused");
    // Nothing cached: just the error.
    let other = url.replace("/feed.rss", "/other");
    assert!(
        matches!(fetcher.fetch_or_cached(&other), Outcome::Failed(e) if e.reason == "connection refused")
    );
}

#[test]
fn cached_reads_the_cache_without_the_network() {
    let hits = Arc::new(AtomicUsize::new(0));
    let server = {
        let hits = Arc::clone(&hits);
        TestServer::start(move |_| {
            hits.fetch_add(1, Ordering::Relaxed);
            Reply::new(200, ARTICLE)
        })
    };
    let (fetcher, _dir) = cached_fetcher("cached");
    let url = server.url("/article.html");
    assert_eq!(fetcher.cached(&url), None);
    fetcher.fetch(&url).unwrap();
    let cached = fetcher.cached(&url).unwrap();
    assert_eq!(
        (cached.origin, cached.body.as_slice()),
        (Origin::CacheOnly, ARTICLE)
    );
    assert_eq!(hits.load(Ordering::Relaxed), 1);
    assert_eq!(Fetcher::new(options(), None).cached(&url), None);
}

#[test]
fn fetch_sets_a_damaged_cache_entry_aside() {
    let server = TestServer::start(|_| Reply::new(200, FEED).header("ETag", "\"A\""));
    let (fetcher, _dir) = cached_fetcher("damaged");
    let cache = fetcher.cache().unwrap().clone();
    let url = server.url("/feed.rss");
    let path = cache.path_for(&url);
    std::fs::write(&path, b"lede-cache 1\n{\"url\": tru\nbody").unwrap();

    let fetched = fetcher.fetch(&url).unwrap();
    assert_eq!(fetched.origin, Origin::Network);
    let problem = fetched.cache_problem.unwrap();
    assert!(problem.contains("was damaged (bad metadata"), "{problem}");
    assert!(problem.contains("moved aside as"), "{problem}");
    // Not conditional: the damaged entry was treated as absent.
    assert_eq!(server.requests()[0].header("if-none-match"), None);
    let names: Vec<String> = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|name| name.contains(".corrupt-")));
    // The new entry is good.
    assert_eq!(fetcher.cached(&url).unwrap().body, FEED);
}

#[test]
fn fetcher_is_shared_by_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Fetcher>();
    let server = TestServer::start(|request| Reply::new(200, request.path.clone()));
    let (fetcher, _dir) = cached_fetcher("threads");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let fetcher = fetcher.clone();
            let url = server.url(&format!("/{i}"));
            std::thread::spawn(move || fetcher.fetch(&url).unwrap().body)
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        assert_eq!(handle.join().unwrap(), format!("/{i}").into_bytes());
    }
}

#[test]
fn fetch_error_is_sanitised() {
    let error = FetchError::new("http://a.test/\u{1b}]0;title\u{7}", "bad\u{1b}[2J\u{202e}");
    let text = error.to_string();
    assert!(!text.chars().any(crate::sanitize::is_forbidden), "{text:?}");
    assert_eq!(text, "http://a.test/␛: bad␛⇄");
}

#[test]
fn is_web_url_takes_http_and_https_in_any_case() {
    for yes in [
        "http://a.test",
        "https://a.test/x",
        "HTTPS://A.TEST",
        "hTtP://x",
    ] {
        assert!(is_web_url(yes), "{yes}");
    }
    for no in [
        "",
        "http:/a",
        "ftp://a",
        "file:///etc/passwd",
        "/tmp/http://",
        "httpsx://a",
        "é",
    ] {
        assert!(!is_web_url(no), "{no}");
    }
}

#[test]
fn xdg_dir_uses_an_absolute_variable_else_home() {
    let home = Some(PathBuf::from("/home/r"));
    assert_eq!(
        xdg_dir(Some("/x/cache".into()), home.clone(), ".cache"),
        Some(PathBuf::from("/x/cache/lede"))
    );
    assert_eq!(
        xdg_dir(Some("relative".into()), home.clone(), ".cache"),
        Some(PathBuf::from("/home/r/.cache/lede"))
    );
    assert_eq!(
        xdg_dir(None, home, ".config"),
        Some(PathBuf::from("/home/r/.config/lede"))
    );
    assert_eq!(xdg_dir(None, None, ".config"), None);
}

#[test]
fn resolve_location_handles_absolute_and_relative_targets() {
    let base = "http://h.test:8080/a/b/c?q=1#f";
    let cases = [
        ("https://other.test/x", "https://other.test/x"),
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("//cdn.test/y", "http://cdn.test/y"),
        ("/root", "http://h.test:8080/root"),
        ("?p=2", "http://h.test:8080/a/b/c?p=2"),
        ("d", "http://h.test:8080/a/b/d"),
        ("#top", "http://h.test:8080/a/b/c?q=1"),
        ("../x/./y?z=../w", "http://h.test:8080/a/x/y?z=../w"),
        ("../../../up", "http://h.test:8080/up"),
        ("/p/q/..", "http://h.test:8080/p/"),
        ("./", "http://h.test:8080/a/b/"),
    ];
    for (location, expected) in cases {
        assert_eq!(
            request::resolve_location(base, location).as_deref(),
            Some(expected),
            "{location}"
        );
    }
    assert_eq!(
        request::resolve_location("http://h.test", "x").as_deref(),
        Some("http://h.test/x")
    );
}

#[test]
fn split_content_type_finds_the_charset() {
    let cases = [
        ("text/html", (Some("text/html"), None)),
        (
            "TEXT/XML; charset=windows-1251",
            (Some("text/xml"), Some("windows-1251")),
        ),
        (
            "text/xml;foo=bar; CHARSET = \"UTF-8\" ",
            (Some("text/xml"), Some("UTF-8")),
        ),
        ("; charset=", (None, None)),
    ];
    for (value, (media, charset)) in cases {
        let (m, c) = request::split_content_type(value);
        assert_eq!((m.as_deref(), c.as_deref()), (media, charset), "{value}");
    }
}

#[test]
fn describe_names_network_errors_shortly() {
    let options = options();
    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    let cases = [
        (ureq::Error::HostNotFound, "could not resolve host"),
        (ureq::Error::Io(refused), "connection refused"),
        (
            ureq::Error::Timeout(ureq::Timeout::Connect),
            "could not connect within 500 ms",
        ),
        (
            ureq::Error::Timeout(ureq::Timeout::RecvBody),
            "timed out after 700 ms",
        ),
        (ureq::Error::BadUri("x".into()), "not a valid URL"),
    ];
    for (error, expected) in cases {
        assert_eq!(request::describe(error, &options), expected);
    }
}

#[test]
fn fetch_or_cached_keeps_the_copy_after_an_unasked_304() {
    // The cached copy came from `/new`; the server now answers `/feed` with
    // a 304 nobody asked for: an error, and the copy still stands.
    let moved = Arc::new(Mutex::new(true));
    let server = {
        let moved = Arc::clone(&moved);
        TestServer::start(
            move |request| match (request.path.as_str(), *moved.lock().unwrap()) {
                ("/feed", true) => Reply::redirect(301, "/new"),
                ("/feed", false) => Reply::new(304, ""),
                _ => Reply::new(200, FEED).header("ETag", "\"A\""),
            },
        )
    };
    let (fetcher, _dir) = cached_fetcher("unasked-304");
    let url = server.url("/feed");
    fetcher.fetch(&url).unwrap();
    *moved.lock().unwrap() = false;
    let Outcome::Stale { cached, error } = fetcher.fetch_or_cached(&url) else {
        panic!("expected the cached copy");
    };
    assert_eq!(cached.body, FEED);
    assert_eq!(
        error.reason,
        "HTTP 304 Not Modified to a request that was not conditional"
    );
}

#[test]
fn fetch_or_cached_reports_a_damaged_entry_with_the_error() {
    let server = TestServer::start(|_| Reply::new(200, FEED));
    let url = server.url("/feed");
    drop(server);
    let (fetcher, _dir) = cached_fetcher("damaged-offline");
    std::fs::write(fetcher.cache().unwrap().path_for(&url), b"garbage").unwrap();
    let Outcome::Failed(error) = fetcher.fetch_or_cached(&url) else {
        panic!("nothing usable is cached");
    };
    assert!(
        error.reason.starts_with("connection refused; cache entry "),
        "{}",
        error.reason
    );
    assert!(
        error
            .reason
            .contains("was damaged (not a lede cache file of this version)")
    );
}
