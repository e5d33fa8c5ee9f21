//! Web addresses through the loader, against a server on the loopback
//! address started by each test: feeds and pages by address, every HTTP
//! failure named with its address, the cached copy first for the reader,
//! OPML lists, copies of one story, and full articles. No outside network.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use super::inputs::{Input, Web, WebSource, load_inputs, with_full_text};
use super::{LoadError, Loaded};
use crate::fetch::test_server::{Reply, TempDir, TestServer};
use crate::fetch::{Cache, FetchOptions, Fetcher};
use std::io::Write;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const FEED: &[u8] = include_bytes!("../../assets/fixtures/net/feed.rss");
const ARTICLE: &[u8] = include_bytes!("../../assets/fixtures/net/article.html");
const PAGE: &[u8] = include_bytes!("../../assets/fixtures/html/harbour.html");

/// Small limits, so that failures are quick.
fn options() -> FetchOptions {
    crate::fetch::test_server::quick_options()
}

/// Loads `inputs`, collecting every part; `cached_first` as the reader does.
fn load(inputs: &[Input], fetcher: &Fetcher, cached_first: bool) -> Loaded {
    let mut all = Loaded::default();
    let web = Web {
        fetcher,
        cached_first,
        progress: None,
    };
    load_inputs(inputs, Some(&web), &mut |part| {
        all.append(part);
        ControlFlow::Continue(())
    });
    all
}

fn web(url: String) -> Input {
    Input::Web(WebSource::new(&url))
}

fn messages(errors: &[LoadError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_feed_and_a_page_load_by_address() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/feed" => Reply::new(200, FEED).header("Content-Type", "application/rss+xml"),
        "/story" => Reply::new(200, PAGE).header("Content-Type", "text/html; charset=utf-8"),
        _ => Reply::new(404, ""),
    });
    let loaded = load(
        &[web(server.url("/feed")), web(server.url("/story"))],
        &Fetcher::new(options(), None),
        false,
    );
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    let titles: Vec<&str> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Ferry timetable changes for the winter",
            "Library opens a reading room by the quay",
            "Harbour reopens after the storm"
        ]
    );
    let item = &loaded.articles[0];
    assert_eq!(item.source.as_deref(), Some("Harbour Town Gazette"));
    assert_eq!(item.source_path, server.url("/feed"));
    assert!(item.id.starts_with(&server.url("/feed")));
    assert_eq!(item.date.as_deref(), Some("2024-11-04T08:00:00+00:00"));
    assert_eq!(
        loaded.articles[2].source.as_deref(),
        Some("The Coastal Ledger")
    );
}

#[test]
fn every_http_failure_is_named_with_its_address_and_the_rest_loads() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/missing" => Reply::new(404, "no"),
        "/broken" => Reply::new(500, "oops"),
        "/slow" => Reply::new(200, FEED).delay(Duration::from_millis(1500)),
        "/huge" => Reply::new(200, vec![b'a'; 100 * 1024]),
        "/moved" => Reply::redirect(301, "/feed.gz"),
        "/feed.gz" => Reply::new(200, gzip(FEED)).header("Content-Encoding", "gzip"),
        "/elsewhere" => Reply::redirect(302, "file:///etc/passwd"),
        "/nothing" => Reply::new(200, "<html><body><nav>Home</nav></body></html>"),
        _ => Reply::new(404, ""),
    });
    let inputs: Vec<Input> = [
        "/missing",
        "/broken",
        "/slow",
        "/huge",
        "/elsewhere",
        "/nothing",
        "/moved",
    ]
    .iter()
    .map(|path| web(server.url(path)))
    .collect();
    let loaded = load(&inputs, &Fetcher::new(options(), None), false);
    let skipped = messages(&loaded.skipped);
    let expect = [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/slow", "timed out"),
        ("/huge", "larger than"),
        ("/elsewhere", "not an http:// or https:// URL"),
        ("/nothing", "no article text found"),
    ];
    assert_eq!(skipped.len(), expect.len(), "{skipped:?}");
    for ((path, reason), message) in expect.iter().zip(&skipped) {
        assert!(
            message.starts_with(&format!("{}: ", server.url(path))) && message.contains(reason),
            "{message} should name {path} and say {reason}"
        );
    }
    // The redirected, compressed feed still loads.
    assert_eq!(loaded.articles.len(), 2);
}

#[test]
fn a_changed_etag_brings_the_new_items_and_an_unchanged_one_the_cached_copy() {
    let version = Arc::new(AtomicUsize::new(1));
    let served = Arc::clone(&version);
    let server = TestServer::start(move |request| {
        let etag = format!("\"v{}\"", served.load(Ordering::SeqCst));
        if request.header("if-none-match") == Some(etag.as_str()) {
            return Reply::new(304, "");
        }
        let feed = String::from_utf8_lossy(FEED).into_owned();
        let feed = if served.load(Ordering::SeqCst) == 2 {
            feed.replacen(
                "<item>",
                "<item><title>Storm closes the quay</title><link>http://gazette.example.test/storm</link>\
                 <description>The quay closed.</description></item><item>",
                1,
            )
        } else {
            feed
        };
        Reply::new(200, feed).header("ETag", &etag)
    });
    let dir = TempDir::new("loader-etag");
    let fetcher = Fetcher::new(options(), Some(Cache::new(dir.path())));
    let inputs = [web(server.url("/feed"))];
    assert_eq!(load(&inputs, &fetcher, false).articles.len(), 2);
    // Unchanged: a 304, and the same two items from the cache.
    assert_eq!(load(&inputs, &fetcher, false).articles.len(), 2);
    assert_eq!(server.requests()[1].header("if-none-match"), Some("\"v1\""));
    version.store(2, Ordering::SeqCst);
    let loaded = load(&inputs, &fetcher, false);
    assert_eq!(loaded.articles.len(), 3);
    assert_eq!(loaded.articles[0].title, "Storm closes the quay");
}

#[test]
fn the_reader_gets_the_cached_copy_first_then_only_what_is_new() {
    let fresh = Arc::new(AtomicUsize::new(0));
    let served = Arc::clone(&fresh);
    let server = TestServer::start(move |_| {
        let feed = String::from_utf8_lossy(FEED).into_owned();
        if served.load(Ordering::SeqCst) == 1 {
            Reply::new(
                200,
                feed.replacen(
                    "<item>",
                    "<item><title>New today</title><link>http://gazette.example.test/new</link>\
                     <description>Fresh.</description></item><item>",
                    1,
                ),
            )
        } else {
            Reply::new(200, feed)
        }
    });
    let dir = TempDir::new("loader-cached-first");
    let fetcher = Fetcher::new(options(), Some(Cache::new(dir.path())));
    let inputs = [web(server.url("/feed"))];
    // Nothing cached yet: the items come from the fetch.
    assert_eq!(load(&inputs, &fetcher, true).articles.len(), 2);
    fresh.store(1, Ordering::SeqCst);
    let mut parts = Vec::new();
    load_inputs(
        &inputs,
        Some(&Web {
            fetcher: &fetcher,
            cached_first: true,
            progress: Some(&|done, of| assert!(done <= of && of == 1)),
        }),
        &mut |part| {
            parts.push(part);
            ControlFlow::Continue(())
        },
    );
    // First the two cached items, then the fetch: only the new item, and no
    // "also in" for the two it shares with the cached copy of itself.
    assert_eq!(parts[0].articles.len(), 2);
    let later: Vec<&str> = parts[1..]
        .iter()
        .flat_map(|p| p.articles.iter().map(|a| a.title.as_str()))
        .collect();
    assert_eq!(later, ["New today"]);
    assert!(parts.iter().all(|p| p.duplicates.is_empty()));
}

#[test]
fn offline_the_cached_copy_is_read_with_a_warning() {
    let dir = TempDir::new("loader-offline");
    let fetcher = Fetcher::new(options(), Some(Cache::new(dir.path())));
    let url = {
        let server = TestServer::start(|_| Reply::new(200, FEED));
        let url = server.url("/feed");
        assert_eq!(load(&[web(url.clone())], &fetcher, false).articles.len(), 2);
        url
    };
    let loaded = load(&[web(url.clone())], &fetcher, false);
    assert_eq!(loaded.articles.len(), 2);
    let warning = loaded.warnings[0].to_string();
    assert!(warning.starts_with(&format!("{url}: ")), "{warning}");
    assert!(warning.contains("showing the copy saved"), "{warning}");
}

#[test]
fn an_opml_list_loads_its_feeds_from_the_web_and_from_files() {
    let server = TestServer::start(|_| Reply::new(200, FEED));
    let dir = TempDir::new("loader-opml");
    std::fs::write(
        dir.path().join("local.xml"),
        "<rss version=\"2.0\"><channel><title>Local</title><item><title>Quay notes</title>\
         <description>Local text.</description></item></channel></rss>",
    )
    .unwrap();
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>\
         <outline text=\"News\"><outline text=\"Gazette\" title=\"The Gazette\" type=\"rss\" xmlUrl=\"{}\"/>\
         <outline text=\"Local\" xmlUrl=\"local.xml\"/></outline></body></opml>",
        server.url("/feed")
    );
    let list = dir.path().join("subscriptions.opml");
    std::fs::write(&list, opml).unwrap();
    let loaded = load(&[Input::Path(list)], &Fetcher::new(options(), None), false);
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    let sources: Vec<&str> = loaded
        .articles
        .iter()
        .map(|a| a.source.as_deref().unwrap_or(""))
        .collect();
    // The outline's title names the feed.
    assert_eq!(sources, ["The Gazette", "The Gazette", "Local"]);
}

#[test]
fn a_story_from_a_saved_feed_and_from_the_web_is_one_article() {
    let server = TestServer::start(|_| Reply::new(200, FEED));
    let dir = TempDir::new("loader-copies");
    let saved = dir.path().join("gazette.xml");
    std::fs::write(&saved, FEED).unwrap();
    let loaded = load(
        &[Input::Path(saved), web(server.url("/feed"))],
        &Fetcher::new(options(), None),
        false,
    );
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(loaded.duplicates.len(), 2);
    assert_eq!(loaded.duplicates[0].original, 0);
    assert_eq!(loaded.duplicates[0].source, "Harbour Town Gazette");
}

#[test]
fn a_full_article_replaces_the_summary_with_the_page_text() {
    let base = Arc::new(std::sync::Mutex::new(String::new()));
    let own = Arc::clone(&base);
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/feed" => {
            let base = own.lock().unwrap().clone();
            let feed = String::from_utf8_lossy(FEED).replace("http://gazette.example.test", &base);
            Reply::new(200, feed)
        }
        "/2024/reading-room" => Reply::new(200, ARTICLE).header("Content-Type", "text/html"),
        _ => Reply::new(404, ""),
    });
    *base.lock().unwrap() = server.url("").trim_end_matches('/').to_string();
    let fetcher = Fetcher::new(options(), None);
    let mut article = crate::model::Article {
        id: "x".into(),
        url: Some(server.url("/2024/reading-room")),
        paragraphs: vec!["A summary.".into()],
        ..Default::default()
    };
    with_full_text(&mut article, &fetcher, false).unwrap();
    assert_eq!(article.paragraphs.len(), 3, "{:?}", article.paragraphs);
    assert!(article.paragraphs[1].contains("Ada Brightwater"));
    let mut no_page = crate::model::Article {
        url: Some(server.url("/gone")),
        ..article.clone()
    };
    let error = with_full_text(&mut no_page, &fetcher, false).unwrap_err();
    assert!(error.reason.contains("404"), "{error}");
    // `!full` in a subscription: each item's page in place of its summary,
    // the summary kept where the page cannot be had.
    let source = WebSource {
        full_article: true,
        ..WebSource::new(&server.url("/feed"))
    };
    let loaded = load(&[Input::Web(source)], &fetcher, false);
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(loaded.articles[0].paragraphs.len(), 1);
    assert_eq!(loaded.articles[1].paragraphs.len(), 3);
    assert!(loaded.articles[1].paragraphs[2].contains("paid for the stove"));
}

#[test]
fn an_opml_title_is_sanitised_before_it_names_a_source() {
    // Found while extending the fuzz target: a reference in an outline's title
    // decoded to ESC, and the title replaces the (sanitised) feed title.
    let opml = b"<opml><body><outline title=\"&#27;]0;pwn&#7;  News\" \
                 xmlUrl=\"https://example.com/feed\"/></body></opml>";
    let inputs = super::inputs::subscription_list("a.opml", opml, None).unwrap();
    let [Input::Web(source)] = inputs.as_slice() else {
        panic!("{inputs:?}");
    };
    let title = source.title.as_deref().unwrap();
    assert!(
        !title.chars().any(crate::sanitize::is_forbidden),
        "{title:?}"
    );
    assert!(title.ends_with("News"), "{title:?}");
}

#[test]
fn an_opml_list_nested_fifty_thousand_deep_is_read_at_once() {
    // Found by a hand-made fuzz input: `<outline><div>` opened 50,000 times
    // kept the HTML parser busy for minutes.
    let opml = format!(
        "<opml><body>{}<outline title=\"Deep\" xmlUrl=\"https://example.com/feed\"/></body></opml>",
        "<outline text=\"a\"><div>".repeat(50_000)
    );
    let inputs = super::inputs::subscription_list("a.opml", opml.as_bytes(), None).unwrap();
    // The outline lies deeper than any list nests, so it is dropped with the
    // tags around it; what matters is that the list is read at once.
    assert!(inputs.len() <= 1, "{inputs:?}");
}

#[test]
fn an_opml_list_by_web_address_is_followed_by_the_dump_and_by_the_reader() {
    let base = Arc::new(std::sync::Mutex::new(String::new()));
    let own = Arc::clone(&base);
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/list.opml" => {
            let base = own.lock().unwrap().clone();
            Reply::new(
                200,
                format!(
                    "<opml version=\"2.0\"><body><outline text=\"G\" xmlUrl=\"{base}/feed\"/></body></opml>"
                ),
            )
            .header("Content-Type", "text/x-opml")
        }
        "/feed" => Reply::new(200, FEED),
        _ => Reply::new(404, ""),
    });
    *base.lock().unwrap() = server.url("").trim_end_matches('/').to_string();
    let dir = TempDir::new("loader-opml-web");
    let fetcher = Fetcher::new(options(), Some(Cache::new(dir.path())));
    let inputs = [web(server.url("/list.opml"))];
    for cached_first in [false, true, true] {
        let loaded = load(&inputs, &fetcher, cached_first);
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        assert_eq!(loaded.articles.len(), 2, "cached first: {cached_first}");
        assert_eq!(loaded.articles[0].source.as_deref(), Some("G"));
    }
}

#[test]
fn a_list_from_the_web_names_web_feeds_only_and_its_titles_are_sanitised() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/list.opml" => Reply::new(
            200,
            "<opml version=\"2.0\"><body>\
             <outline title=\"Evil &#27;]0;pwn&#7; name\" xmlUrl=\"/etc/hostname\"/>\
             <outline title=\"Evil &#27;[41m red\" xmlUrl=\"local.xml\"/></body></opml>",
        ),
        _ => Reply::new(404, ""),
    });
    let loaded = load(
        &[web(server.url("/list.opml"))],
        &Fetcher::new(options(), None),
        false,
    );
    assert!(loaded.articles.is_empty());
    assert_eq!(
        messages(&loaded.skipped),
        [format!(
            "{}: a subscription list with no feeds in it",
            server.url("/list.opml")
        )]
    );
    let dir = TempDir::new("loader-opml-titles");
    std::fs::write(dir.path().join("feed.xml"), FEED).unwrap();
    let list = dir.path().join("list.opml");
    std::fs::write(
        &list,
        "<opml><body><outline title=\"Evil &#27;]0;pwn&#7; name\" xmlUrl=\"feed.xml\"/></body></opml>",
    )
    .unwrap();
    let inputs = super::inputs::subscription_list(
        &list.to_string_lossy(),
        &std::fs::read(&list).unwrap(),
        Some(dir.path()),
    )
    .unwrap();
    assert_eq!(inputs, [Input::Path(dir.path().join("feed.xml"))]);
    // A web outline's title becomes the articles' source, sanitised.
    let list = format!(
        "<opml><body><outline title=\"Evil &#27;]0;pwn&#7; name\" xmlUrl=\"{}\"/></body></opml>",
        server.url("/feed")
    );
    let inputs = super::inputs::subscription_list("list.opml", list.as_bytes(), None).unwrap();
    let Input::Web(source) = &inputs[0] else {
        panic!("a web outline: {inputs:?}")
    };
    assert_eq!(source.title.as_deref(), Some("Evil \u{241b} name"));
}
