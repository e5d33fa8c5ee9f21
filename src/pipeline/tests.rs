//! The streaming pipeline against the plain, one-thread path: same articles,
//! same order, same analysis; asked-for articles first; a closed pipe ends the
//! dump without hanging.

use super::*;
use crate::analysis::index::{self, CollectionIndex};
use std::fs;
use std::path::Path;

/// A scratch folder of generated articles, removed on drop.
struct Corpus(PathBuf);

impl Corpus {
    /// `n` articles in two sub-folders, of varied lengths (so that workers
    /// finish out of order), sharing a few names across articles.
    fn new(name: &str, n: usize) -> Corpus {
        let dir = std::env::temp_dir().join(format!("lede-pipeline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for i in 0..n {
            let folder = dir.join(if i % 2 == 0 { "even" } else { "odd" });
            fs::create_dir_all(&folder).expect("folder");
            let mut body = format!(
                "Story {i} from Eastport\n\nMara Voss of the Harbor Council spoke in Eastport on day {i}.\n\n"
            );
            for j in 0..(i * 7) % 13 {
                body.push_str(&format!(
                    "\"We will build pier {j},\" Voss said. The United Arab Emirates and the UAE were mentioned.\n\n"
                ));
            }
            fs::write(folder.join(format!("{i:04}.txt")), body).expect("write");
        }
        Corpus(dir)
    }

    fn source(&self) -> Source {
        Source::Paths(vec![self.0.clone()])
    }
}

impl Drop for Corpus {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The dump as a one-thread path makes it: load everything, analyse each,
/// settle names on the articles up to `naming_bytes` of text, rename all.
fn sequential_dump(dir: &Path, naming_bytes: usize) -> String {
    let loaded = crate::loader::load_paths(&[dir.to_path_buf()]);
    let mut analyses: Vec<Analysis> = loaded
        .articles
        .iter()
        .map(crate::analysis::analyse)
        .collect();
    let mut unifier = index::Unifier::default();
    let mut bytes = 0;
    for (article, analysis) in loaded.articles.iter().zip(&analyses) {
        unifier.add(analysis);
        bytes += article.paragraphs.iter().map(String::len).sum::<usize>();
        if bytes >= naming_bytes {
            break;
        }
    }
    let renames = unifier.renames();
    for analysis in &mut analyses {
        index::apply_renames(analysis, &renames);
    }
    loaded
        .articles
        .iter()
        .zip(&analyses)
        .map(|(a, analysis)| crate::dump::record_json(a, analysis) + "\n")
        .collect()
}

#[test]
fn dump_writes_every_article_in_load_order_on_any_number_of_workers() {
    let corpus = Corpus::new("dump", 60);
    let expected = sequential_dump(&corpus.0, usize::MAX);
    assert_eq!(expected.lines().count(), 60);
    // Within the naming window, the dump is the whole collection unified.
    let loaded = crate::loader::load_paths(std::slice::from_ref(&corpus.0));
    let unified: String = loaded
        .articles
        .iter()
        .zip(crate::analysis::analyse_collection(&loaded.articles))
        .map(|(a, analysis)| crate::dump::record_json(a, &analysis) + "\n")
        .collect();
    assert_eq!(expected, unified);
    for workers in [1, 2, 3] {
        let mut out = Vec::new();
        let summary = dump(&corpus.source(), &mut out, workers, |_, _| {}).expect("dump");
        assert_eq!(summary.articles, 60);
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            expected,
            "{workers} workers"
        );
    }
}

#[test]
fn dump_settles_names_on_the_first_articles_and_renames_the_rest() {
    let corpus = Corpus::new("naming", 30);
    for naming_bytes in [1, 500, 3_000] {
        let expected = sequential_dump(&corpus.0, naming_bytes);
        let mut out = Vec::new();
        dump_with(
            &corpus.source(),
            &mut out,
            2,
            naming_bytes,
            &Corrections::default(),
            |_, _| {},
        )
        .expect("dump");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            expected,
            "{naming_bytes} bytes"
        );
    }
    // The corpus says "United Arab Emirates" and "UAE": one name for both.
    let expected = sequential_dump(&corpus.0, 3_000);
    assert!(
        expected.contains("\"name\":\"UAE\"")
            || expected.contains("\"name\":\"United Arab Emirates\"")
    );
    assert!(
        !(expected.contains("\"name\":\"UAE\"")
            && expected.contains("\"name\":\"United Arab Emirates\"")),
        "both names survived"
    );
}

#[test]
fn dump_reports_problems_and_counts_skipped_files() {
    let corpus = Corpus::new("problems", 3);
    fs::write(corpus.0.join("empty.txt"), b"").expect("write");
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let summary = dump(&corpus.source(), &mut out, 2, |p, skipped| {
        problems.push((p.to_string(), skipped));
    })
    .expect("dump");
    assert_eq!(
        summary,
        DumpSummary {
            articles: 3,
            skipped: 1
        }
    );
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].0.ends_with("empty.txt: empty file"),
        "{problems:?}"
    );
    assert!(problems[0].1);
}

/// A pipe that closes after `left` bytes.
struct ClosingPipe {
    left: usize,
}

impl Write for ClosingPipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn dump_ends_quietly_when_the_pipe_closes_without_reading_everything() {
    // More articles than the window, so that the loader would block if the
    // workers did not drain its queue.
    let corpus = Corpus::new("pipe", DUMP_WINDOW + 150);
    let summary = dump_with(
        &corpus.source(),
        ClosingPipe { left: 200_000 },
        2,
        1,
        &Corrections::default(),
        |_, _| {},
    )
    .expect("a closed pipe is not an error");
    assert!(summary.articles > 0);
    assert!(summary.articles < DUMP_WINDOW + 150, "{summary:?}");
}

#[test]
fn work_queue_hands_out_asked_for_articles_first() {
    let work = Work::default();
    let stored = |i: usize| {
        Arc::new(StoredArticle::new(
            Article {
                id: format!("{i}"),
                source_path: format!("{i}"),
                ..Article::default()
            },
            None,
        ))
    };
    {
        let mut queue = work.lock();
        for i in 0..5 {
            queue.pending.insert(i, stored(i));
        }
        let asked = queue.pending.remove(&3).map(|a| (3, a));
        queue.urgent.extend(asked);
    }
    let order: Vec<(usize, bool)> = (0..5)
        .filter_map(|_| work.take().map(|(i, _, asked)| (i, asked)))
        .collect();
    assert_eq!(
        order,
        [(3, true), (0, false), (1, false), (2, false), (4, false)]
    );
    work.stop();
    assert!(work.take().is_none());
}

/// The articles under `dir` and their analyses, names unified across them,
/// as a one-thread path makes them.
fn unified_analyses(dir: &Path) -> (Vec<Article>, Vec<Analysis>) {
    let articles = crate::loader::load_paths(&[dir.to_path_buf()]).articles;
    let mut analyses: Vec<Analysis> = articles.iter().map(crate::analysis::analyse).collect();
    index::unify(&mut analyses);
    (articles, analyses)
}

/// Feeds `app` until the background is done (or 30 s pass).
fn run_to_the_end(reader: &Reader, app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !app.progress().done {
        assert!(Instant::now() < deadline, "the reader never finished");
        reader.deliver(app, Duration::from_millis(20));
    }
}

#[test]
fn reader_streams_articles_in_load_order_and_ends_with_the_unified_index() {
    let corpus = Corpus::new("reader", 40);
    let reader = Reader::with_workers(corpus.source(), 2);
    let mut app = App::loading(reader.index());
    run_to_the_end(&reader, &mut app);
    let (loaded, analyses) = unified_analyses(&corpus.0);
    let titles: Vec<&str> = (0..app.article_count())
        .filter_map(|i| app.stored(i).map(|a| a.title()))
        .collect();
    let expected: Vec<&str> = loaded.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, expected);

    let built = CollectionIndex::build(&analyses);
    let shared = reader.index();
    let streamed = shared.read();
    // Every field of every entity, in sidebar order.
    let rows = |index: &CollectionIndex| index.sorted().cloned().collect::<Vec<_>>();
    assert_eq!(rows(&streamed), rows(&built));
    assert!(built.get("Mara Voss").is_some());
    // The open article came with its analysis, renamed like the rest.
    let (_, analysis) = app.open_article_data().expect("open");
    assert_eq!(analysis, &analyses[0]);
}

#[test]
fn reader_analyses_an_asked_for_article_before_the_rest() {
    const N: usize = 400;
    let corpus = Corpus::new("priority", N);
    let reader = Reader::with_workers(corpus.source(), 1);
    let mut app = App::loading(reader.index());
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.article_count() < N {
        assert!(Instant::now() < deadline);
        reader.deliver(&mut app, Duration::from_millis(5));
    }
    let target = N - 10;
    let stored = Arc::clone(app.stored(target).expect("loaded"));
    reader.request(target, &stored);
    let indexed_before = loop {
        assert!(
            Instant::now() < deadline,
            "the asked-for analysis never came"
        );
        match reader.events().recv_timeout(Duration::from_millis(50)) {
            Ok(Event::Analysed {
                article,
                asked: true,
                ..
            }) if article == target => {
                break reader.index().read().article_count();
            }
            _ => {}
        }
    };
    assert!(
        indexed_before < N - 10,
        "{indexed_before} articles were indexed before the asked-for one"
    );
}

#[test]
fn reader_reports_files_that_give_nothing() {
    let dir = std::env::temp_dir().join(format!("lede-pipeline-empty-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("dir");
    fs::write(dir.join("empty.txt"), b"").expect("write");
    let reader = Reader::start(Source::Paths(vec![dir.clone()]));
    let mut app = App::loading(reader.index());
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.progress().loading {
        assert!(Instant::now() < deadline);
        reader.deliver(&mut app, Duration::from_millis(20));
    }
    assert_eq!(app.article_count(), 0);
    assert_eq!(app.skipped().len(), 1, "{:?}", app.skipped());
    let _ = fs::remove_dir_all(&dir);
}

/// A fetcher with short limits and no cache, for the loopback tests.
fn quick_fetcher() -> Arc<Fetcher> {
    Arc::new(Fetcher::new(
        crate::fetch::test_server::quick_options(),
        None,
    ))
}

const NET_FEED: &[u8] = include_bytes!("../../assets/fixtures/net/feed.rss");
const NET_ARTICLE: &[u8] = include_bytes!("../../assets/fixtures/net/article.html");

#[test]
fn dump_reads_web_addresses_and_names_each_failure() {
    use crate::fetch::test_server::{Reply, TestServer};
    let server = TestServer::start(|request| match request.path.as_str() {
        "/feed.rss" => Reply::new(200, NET_FEED).header("Content-Type", "application/rss+xml"),
        "/story" => Reply::new(200, NET_ARTICLE).header("Content-Type", "text/html"),
        "/down" => Reply::new(500, "down"),
        _ => Reply::new(404, ""),
    });
    let source = Source::Inputs {
        inputs: ["/feed.rss", "/down", "/story"]
            .iter()
            .map(|p| Input::from_arg(PathBuf::from(server.url(p))))
            .collect(),
        fetcher: quick_fetcher(),
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let summary = dump(&source, &mut out, 2, |problem, skipped| {
        problems.push((problem.to_string(), skipped));
    })
    .expect("dump");
    assert_eq!(summary.articles, 3);
    let records: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(records[0]["source"], "Harbour Town Gazette");
    assert_eq!(
        records[2]["title"],
        "Library opens a reading room by the quay"
    );
    assert_eq!(records[2]["source_path"], server.url("/story"));
    // The quote in the page is attributed, as in any article.
    let quotes = records[2]["quotes"].as_array().expect("quotes");
    assert_eq!(quotes[0]["speaker"], "Ada Brightwater");
    assert_eq!(
        problems,
        [(
            format!("{}: HTTP 500 Internal Server Error", server.url("/down")),
            true
        )]
    );
}

#[test]
fn the_reader_reloads_and_fetches_a_full_article_in_the_background() {
    use crate::fetch::test_server::{Reply, TestServer};
    let base = Arc::new(Mutex::new(String::new()));
    let served = Arc::clone(&base);
    let calls = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&calls);
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/feed.rss" => {
            let feed = String::from_utf8_lossy(NET_FEED)
                .replace("http://gazette.example.test", &served.lock().expect("lock"));
            // From the second fetch on, one more item.
            let feed = if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                feed
            } else {
                feed.replacen(
                    "<item>",
                    "<item><title>Storm closes the quay</title><link>http://gazette.example.test/storm</link>\
                     <description>The quay closed.</description></item><item>",
                    1,
                )
            };
            Reply::new(200, feed)
        }
        "/2024/reading-room" => Reply::new(200, NET_ARTICLE).header("Content-Type", "text/html"),
        _ => Reply::new(404, ""),
    });
    *base.lock().expect("lock") = server.url("").trim_end_matches('/').to_string();
    let source = Source::Inputs {
        inputs: vec![Input::from_arg(PathBuf::from(server.url("/feed.rss")))],
        fetcher: quick_fetcher(),
    };
    let reader = Reader::with_workers(source, 1);
    let mut stored: Vec<Arc<StoredArticle>> = Vec::new();
    let wait = |until: &mut dyn FnMut(&Event) -> bool, stored: &mut Vec<Arc<StoredArticle>>| loop {
        let event = reader
            .events()
            .recv_timeout(Duration::from_secs(5))
            .expect("an event in time");
        if let Event::Articles(batch) = &event {
            stored.extend(batch.iter().cloned());
        }
        if until(&event) {
            return event;
        }
    };
    wait(&mut |e| matches!(e, Event::Loaded), &mut stored);
    assert_eq!(stored.len(), 2);
    reader.reload();
    let event = wait(&mut |e| matches!(e, Event::Reloaded { .. }), &mut stored);
    assert!(matches!(event, Event::Reloaded { added: 1 }), "{event:?}");
    assert_eq!(stored[2].title(), "Storm closes the quay");
    // The second item links to a page: its full text replaces the summary.
    reader.fetch_full(1, &stored[1]);
    let event = wait(&mut |e| matches!(e, Event::Replaced { .. }), &mut stored);
    let Event::Replaced {
        article,
        stored: page,
    } = event
    else {
        unreachable!("waited for a replacement")
    };
    assert_eq!(article, 1);
    assert_eq!(page.id(), stored[1].id());
    assert_eq!(page.text().paragraphs().count(), 3);
    assert!(
        page.text()
            .paragraphs()
            .any(|p| p.contains("paid for the stove"))
    );
}

#[test]
fn the_reader_hears_of_every_copy_after_the_article_it_copies() {
    let dir = std::env::temp_dir().join(format!("lede-pipeline-copies-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("dir");
    let story = |n: usize| format!("Story {n}\n\nThe harbour at Port Wren reopened on day {n}.\n");
    // Every third file is a copy of the one before it.
    for i in 0..60 {
        let text = if i % 3 == 2 { story(i - 1) } else { story(i) };
        fs::write(dir.join(format!("{i:03}.txt")), text).expect("write");
    }
    let reader = Reader::with_workers(Source::Paths(vec![dir.clone()]), 1);
    let mut app = App::loading(reader.index());
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.progress().loading {
        assert!(Instant::now() < deadline, "loading never finished");
        reader.deliver(&mut app, Duration::from_millis(20));
    }
    assert_eq!(app.article_count(), 40);
    let with_copies = (0..40).filter(|&i| !app.also_in(i).is_empty()).count();
    assert_eq!(with_copies, 20);
    drop(reader);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_reload_reads_new_files_of_a_folder_and_not_the_old_ones_again() {
    let dir = std::env::temp_dir().join(format!("lede-pipeline-reload-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("dir");
    fs::write(dir.join("a.txt"), "First\n\nThe first story.\n").expect("write");
    let source = Source::from_args(vec![dir.clone()]);
    let reader = Reader::with_workers(source, 1);
    let next = |until: &dyn Fn(&Event) -> bool| loop {
        let event = reader
            .events()
            .recv_timeout(Duration::from_secs(5))
            .expect("an event in time");
        if until(&event) {
            return event;
        }
    };
    next(&|e| matches!(e, Event::Loaded));
    // The old file changed, a new one came.
    fs::write(dir.join("a.txt"), "First\n\nThe first story, edited.\n").expect("write");
    fs::write(dir.join("b.txt"), "Second\n\nThe second story.\n").expect("write");
    reader.reload();
    let event = next(&|e| matches!(e, Event::Reloaded { .. }));
    assert!(matches!(event, Event::Reloaded { added: 1 }), "{event:?}");
    drop(reader);
    let _ = fs::remove_dir_all(&dir);
}

/// The cache in `cache_dir`, open for writing: the reader's threads let it
/// go a moment after the reader goes.
fn open_cache_when_free(cache_dir: &Path) -> Option<Arc<ReaderCache>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match ReaderCache::open(cache_dir) {
            (cache, None) => return cache,
            (_, Some(problem)) => {
                assert!(Instant::now() < deadline, "{problem}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// Every entity of the reader's index, in sidebar order.
fn index_rows(reader: &Reader) -> Vec<crate::analysis::index::CollectionEntity> {
    let shared = reader.index();
    let index = shared.read();
    index.sorted().cloned().collect()
}

/// The titles of the app's list, in load order.
fn list_titles(app: &App) -> Vec<String> {
    (0..app.article_count())
        .filter_map(|i| app.stored(i).map(|a| a.title().to_string()))
        .collect()
}

#[test]
fn a_cached_reader_keeps_what_it_read_and_reopens_from_it_with_the_same_index() {
    let corpus = Corpus::new("cached", 30);
    let cache_dir = corpus.0.with_extension("cache");
    let _ = fs::remove_dir_all(&cache_dir);
    let open_cache = || open_cache_when_free(&cache_dir);
    let rows = index_rows;
    let titles = list_titles;

    // First: everything read and analysed, then kept.
    let first = Reader::with_cache(corpus.source(), 2, open_cache());
    let mut app = App::loading(first.index());
    run_to_the_end(&first, &mut app);
    let (first_rows, first_titles) = (rows(&first), titles(&app));
    drop(first);

    // Again: the same list and index, from the cache.
    let cache = open_cache();
    let (kept, _) = crate::cache::ArticleStore::open(&cache_dir.join("articles"), false);
    assert_eq!(
        kept.map_or(0, |s| s.article_count()),
        30,
        "every article kept"
    );
    let second = Reader::with_cache(corpus.source(), 2, cache);
    let mut app = App::loading(second.index());
    run_to_the_end(&second, &mut app);
    assert_eq!(titles(&app), first_titles);
    assert_eq!(rows(&second), first_rows);
    assert!(first_rows.iter().any(|e| e.name == "Mara Voss"));
    // The open article's analysis is what a fresh analysis of the whole
    // collection gives it, names unified.
    let (_, analyses) = unified_analyses(&corpus.0);
    let (_, analysis) = app.open_article_data().expect("open");
    assert_eq!(analysis, &analyses[0]);
    drop(second);
    let _ = fs::remove_dir_all(&cache_dir);
}

/// Feeds `app` until the background is done and the open article analysed
/// (as [`Reader::deliver`] does), counting the analyses the
/// background offered on its own (not asked for): a collection reopened from
/// its snapshot offers none, as it analyses and recalls none.
fn run_counting_offers(reader: &Reader, app: &mut App) -> usize {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut offered = 0;
    while !(app.progress().done && app.open_is_analysed()) {
        assert!(Instant::now() < deadline, "the reader never finished");
        if let Ok(event) = reader.events().recv_timeout(Duration::from_millis(20)) {
            offered += usize::from(matches!(event, Event::Analysed { asked: false, .. }));
            super::apply(app, event);
        }
        for article in app.take_requests() {
            if let Some(stored) = app.stored(article) {
                reader.request(article, stored);
            }
        }
    }
    offered
}

/// Sets every file under `dir` modified an hour ago, plus `seconds`: files
/// written just now are racy (they may change again within their time's
/// resolution), and no snapshot is trusted for them.
fn age_files(dir: &Path, seconds: u64) {
    for file in walk(dir) {
        age(&file, seconds);
    }
}

/// [`age_files`] for one file.
fn age(file: &Path, seconds: u64) {
    let when =
        std::time::SystemTime::now() - Duration::from_secs(3600) + Duration::from_secs(seconds);
    let file = fs::OpenOptions::new().write(true).open(file).expect("open");
    file.set_modified(when).expect("set modified");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Each speaker's quotes in the reader's index, in article order.
fn speakers_quotes(reader: &Reader) -> Vec<(String, Vec<index::QuoteRef>)> {
    let shared = reader.index();
    let index = shared.read();
    index
        .sorted()
        .map(|e| {
            let mut quotes = index.quotes_of(&e.name).to_vec();
            quotes.sort();
            (e.name.clone(), quotes)
        })
        .filter(|(_, quotes)| !quotes.is_empty())
        .collect()
}

#[test]
fn a_snapshot_made_with_no_reader_reopens_as_a_reader_without_a_cache_shows_it() {
    // `lede index`'s way: the index's lists and the duplicate check's keys
    // go to temporary files in the cache's folder, and nothing is left there.
    let corpus = Corpus::new("snapshot-alone", 40);
    age_files(&corpus.0, 0);
    let cache_dir = corpus.0.with_extension("cache");
    let _ = fs::remove_dir_all(&cache_dir);
    // First every article in the article index, then the snapshot.
    let (store, problem) = crate::cache::ArticleStore::open(&cache_dir.join("articles"), true);
    assert_eq!(problem, None);
    let mut store = store.expect("a store");
    let inputs = [crate::loader::Input::Path(corpus.0.clone())];
    crate::cache::indexing::update(&inputs, &mut store, 2, false, &|_| {}, &mut |_, _| {})
        .expect("indexed");
    drop(store);
    let outcome = Reader::snapshot_collection(corpus.source(), &cache_dir, &mut |_| {});
    assert_eq!(outcome, SnapshotOutcome::Written);
    let mut left: Vec<String> = fs::read_dir(&cache_dir)
        .expect("cache folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["articles", "collections"], "no temporary file left");

    let reader = Reader::with_cache(corpus.source(), 2, open_cache_when_free(&cache_dir));
    let mut app = App::loading(reader.index());
    assert_eq!(run_counting_offers(&reader, &mut app), 0, "whole from it");
    let fresh = Reader::with_workers(corpus.source(), 2);
    let mut fresh_app = App::loading(fresh.index());
    run_to_the_end(&fresh, &mut fresh_app);
    assert_eq!(list_titles(&app), list_titles(&fresh_app));
    let rows = index_rows(&reader);
    assert_eq!(rows, index_rows(&fresh));
    assert!(
        rows.iter()
            .any(|e| e.name == "Mara Voss" && e.articles.len() == 40)
    );
    let quotes = speakers_quotes(&reader);
    assert_eq!(quotes, speakers_quotes(&fresh));
    assert!(quotes.iter().any(|(name, _)| name == "Mara Voss"));
    drop(reader);
    let _ = fs::remove_dir_all(&cache_dir);
}

#[test]
fn an_unchanged_collection_reopens_whole_from_its_snapshot_and_a_changed_one_as_before() {
    // 60 articles: a twentieth (3; 2 of 59) may come from changed or added files
    // before the collection is loaded whole again.
    let corpus = Corpus::new("snapshot", 60);
    age_files(&corpus.0, 0);
    let cache_dir = corpus.0.with_extension("cache");
    let _ = fs::remove_dir_all(&cache_dir);
    let full = fs::canonicalize(&corpus.0).expect("full path");
    let snapshot =
        crate::cache::snapshot::path_for(&cache_dir, &[full.to_string_lossy().into_owned()]);
    let rows = index_rows;
    let titles = list_titles;
    // Opens the collection; what it shows, and how many analyses came unasked.
    let open = |source: Source| {
        let reader = Reader::with_cache(source, 2, open_cache_when_free(&cache_dir));
        let mut app = App::loading(reader.index());
        let offered = run_counting_offers(&reader, &mut app);
        reader.settle(Duration::from_secs(10));
        let seen = (
            titles(&app),
            rows(&reader),
            app.open_article_data().map(|(_, a)| a.clone()),
        );
        // Whether a read or recalled article still holds its text in memory:
        // each went to the next snapshot's file of texts as it came.
        let in_memory = (0..seen.0.len())
            .filter(|&i| app.stored(i).is_some_and(|s| s.text_in_memory().is_some()))
            .count();
        assert_eq!(in_memory, 0, "texts in memory");
        drop(reader);
        (seen, offered)
    };
    // The snapshot's files of texts: one, the snapshot's own.
    let texts_files = || {
        fs::read_dir(snapshot.parent().expect("folder"))
            .expect("cache folder")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".text"))
            .count()
    };
    // What a fresh reader without any cache shows.
    let fresh = || {
        let reader = Reader::with_workers(corpus.source(), 2);
        let mut app = App::loading(reader.index());
        run_to_the_end(&reader, &mut app);
        (titles(&app), rows(&reader))
    };

    // The first start reads and analyses everything, then writes the snapshot.
    let (first, offered) = open(corpus.source());
    assert!(offered > 0, "the first start analyses the articles");
    assert!(snapshot.exists(), "the snapshot is written once all is in");
    assert_eq!(texts_files(), 1);
    assert!(first.1.iter().any(|e| e.name == "Mara Voss"));

    // The second comes whole from it: the same list, index and open
    // article, and not one analysis recalled or made but the open article's.
    let (second, offered) = open(corpus.source());
    assert_eq!(offered, 0, "nothing analysed or recalled");
    assert_eq!(second, first);
    let (_, analyses) = unified_analyses(&corpus.0);
    assert_eq!(second.2.as_ref(), Some(&analyses[0]));

    // A file changed in place, and one added after the last: the snapshot's
    // index takes out what the old file gave, the two are read and analysed,
    // and the reader shows what a fresh start shows.
    let changed = corpus.0.join("odd").join("0005.txt");
    let story = "Story 5 again\n\nLena Brook of the Quay Trust spoke in Westhaven.\n";
    fs::write(&changed, story).expect("write");
    let appended = corpus.0.join("odd").join("0099.txt");
    fs::write(&appended, "Story 99\n\nOla Rind of the Quay Trust spoke.\n").expect("write");
    age(&changed, 1);
    age(&appended, 1);
    let (third, offered) = open(corpus.source());
    assert_eq!(offered, 2, "only the two files read are analysed");
    assert_eq!((third.0.clone(), third.1.clone()), fresh());
    assert!(third.1.iter().any(|e| e.name == "Lena Brook"));
    assert!(third.1.iter().any(|e| e.name == "Ola Rind"));
    // ... and a new snapshot has them.
    let (fourth, offered) = open(corpus.source());
    assert_eq!(offered, 0);
    assert_eq!(fourth, third);
    assert_eq!(texts_files(), 1, "the old snapshot's texts are gone");

    // A file changed that the article index has as it is now (another
    // collection, the file alone, read it since): made again all the same
    // once the snapshot's index is in.
    fs::write(
        &changed,
        "Story 5 once more\n\nPia Moss spoke in Westhaven.\n",
    )
    .expect("write");
    age(&changed, 3);
    let _ = open(Source::Paths(vec![changed.clone()]));
    let (again, offered) = open(corpus.source());
    assert_eq!(offered, 1, "the changed file's article only");
    assert_eq!((again.0.clone(), again.1.clone()), fresh());
    assert!(again.1.iter().any(|e| e.name == "Pia Moss"));
    assert!(!again.1.iter().any(|e| e.name == "Lena Brook"));

    // A file added before the last renumbers those after it: the snapshot
    // is given up, and the collection loads as without it.
    let inserted = corpus.0.join("even").join("0098.txt");
    fs::write(&inserted, "Story 98\n\nIda Lund spoke.\n").expect("write");
    age(&inserted, 2);
    let (added, offered) = open(corpus.source());
    assert!(offered > 0);
    assert_eq!((added.0.clone(), added.1.clone()), fresh());
    fs::remove_file(&inserted).expect("remove");
    fs::remove_file(&appended).expect("remove");

    // A file removed (the last) is gone from the list and the index.
    fs::remove_file(corpus.0.join("odd").join("0059.txt")).expect("remove");
    let (fifth, _) = open(corpus.source());
    assert_eq!((fifth.0.clone(), fifth.1.clone()), fresh());
    assert_eq!(fifth.0.len(), 59);

    // Changed files past a twentieth of the collection since it was loaded
    // whole: loaded whole again (their names unified with the rest).
    for n in [1, 3] {
        let file = corpus.0.join("odd").join(format!("{n:04}.txt"));
        fs::write(&file, format!("Story {n} revised\n\nMara Voss spoke.\n")).expect("write");
        age(&file, 4);
    }
    let (_, offered) = open(corpus.source());
    assert_eq!(offered, 2, "two files changed: read and analysed");
    let file = corpus.0.join("odd").join("0009.txt");
    fs::write(&file, "Story 9 revised\n\nMara Voss spoke.\n").expect("write");
    age(&file, 4);
    let (whole, offered) = open(corpus.source());
    assert!(offered > 1, "the snapshot given up: {offered}");
    assert_eq!((whole.0.clone(), whole.1.clone()), fresh());

    // A file that gives no article, in the snapshot, then touched: its new
    // stamp goes into a new snapshot, so that the start after comes whole
    // from it (its old stamp is gone from the article index by then).
    let blank = corpus.0.join("odd").join("0004a.txt");
    fs::write(&blank, "").expect("write");
    age(&blank, 5);
    let _ = open(corpus.source());
    age(&blank, 6);
    let (_, offered) = open(corpus.source());
    assert_eq!(offered, 0, "only a file without articles changed");
    let (_, offered) = open(corpus.source());
    assert_eq!(offered, 0, "whole from the new snapshot");
    fs::remove_file(&blank).expect("remove");
    let _ = open(corpus.source());
    let (fifth, _) = open(corpus.source());

    // A tail that does not read back (the index garbled in place, the rest
    // whole): the files are met from the snapshot, then it is given up and
    // the collection loads as before.
    let mut bytes = fs::read(&snapshot).expect("snapshot");
    let header_at = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let header_at = usize::try_from(header_at).expect("in memory");
    bytes[header_at - 64..header_at].fill(0xff);
    fs::write(&snapshot, &bytes).expect("garble");
    let (garbled, offered) = open(corpus.source());
    assert!(offered > 0);
    assert_eq!(garbled, fifth);

    // A damaged snapshot is no snapshot: the collection loads as before.
    let bytes = fs::read(&snapshot).expect("snapshot");
    fs::write(&snapshot, &bytes[..bytes.len() / 2]).expect("cut");
    let (sixth, offered) = open(corpus.source());
    assert!(offered > 0);
    assert_eq!(sixth, fifth);

    // So is one whose texts were cut short; and the texts a killed write
    // left behind (its process gone) are removed by the next write.
    let folder = snapshot.parent().expect("collections");
    let stem = snapshot
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let texts_of = || -> Vec<PathBuf> {
        walk(folder)
            .into_iter()
            .filter(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.starts_with(&stem) && name.ends_with(".text")
            })
            .collect()
    };
    let texts = texts_of();
    assert_eq!(texts.len(), 1, "{texts:?}");
    let bytes = fs::read(&texts[0]).expect("texts");
    fs::write(&texts[0], &bytes[..bytes.len() - 1]).expect("cut");
    let orphan = folder.join(format!("{stem}-1-4294967295.text"));
    fs::write(&orphan, "left by a killed write").expect("orphan");
    let (seventh, offered) = open(corpus.source());
    assert!(offered > 0);
    assert_eq!(seventh, fifth);
    if cfg!(target_os = "linux") {
        assert!(!orphan.exists(), "the orphan is removed");
    }
    assert_eq!(texts_of().len(), 1);
    let _ = fs::remove_dir_all(&cache_dir);
}

/// What the reader's search for `query` finds: the titles best first, or the error.
fn search_titles(reader: &Reader, app: &App, query: &str) -> Result<Vec<String>, String> {
    assert!(reader.search(query));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match reader.events().recv_timeout(left) {
            Ok(Event::Found(found)) => {
                assert_eq!(found.query, query);
                return found.articles.map(|articles| {
                    articles
                        .iter()
                        .filter_map(|&a| app.stored(a as usize).map(|s| s.title().to_string()))
                        .collect()
                });
            }
            Ok(_) => {}
            Err(_) => panic!("no answer to the search {query}"),
        }
    }
}

#[test]
fn the_reader_searches_its_own_collection_in_the_cache_or_in_memory() {
    let corpus = Corpus::new("search", 20);
    let other = Corpus::new("search-other", 6);
    let cache_dir = corpus.0.with_extension("cache");
    let _ = fs::remove_dir_all(&cache_dir);
    let open_cache = || open_cache_when_free(&cache_dir);
    // Articles with a pier: those whose number i has (i * 7) % 13 > 0.
    let mut with_pier: Vec<String> = (0..20)
        .filter(|i| (i * 7) % 13 > 0)
        .map(|i| format!("Story {i} from Eastport"))
        .collect();
    with_pier.sort();
    let check = |reader: &Reader, app: &App, how: &str| {
        let mut found = search_titles(reader, app, "pier").expect("pier");
        found.sort();
        assert_eq!(found, with_pier, "{how}");
        assert_eq!(
            search_titles(reader, app, "title:\"story 7\"").expect("title"),
            ["Story 7 from Eastport"],
            "{how}"
        );
        assert_eq!(
            search_titles(reader, app, "entity:voss NOT pier")
                .expect("not")
                .len(),
            20 - with_pier.len(),
            "{how}"
        );
        let error = search_titles(reader, app, "title:(").expect_err("unclosed");
        assert!(error.contains("does not read"), "{how}: {error}");
    };

    // Another collection in the same cache first: its articles are not ours.
    let reader = Reader::with_cache(other.source(), 1, open_cache());
    let mut app = App::loading(reader.index());
    run_to_the_end(&reader, &mut app);
    drop(reader);
    for how in ["read and kept in the cache", "recalled from the cache"] {
        let reader = Reader::with_cache(corpus.source(), 2, open_cache());
        let mut app = App::loading(reader.index());
        run_to_the_end(&reader, &mut app);
        check(&reader, &app, how);
    }
    // Story 1 edited to say no pier: read again, its old document deleted
    // (not yet merged away) and no longer a match.
    let edited = corpus.0.join("odd").join("0001.txt");
    let before = fs::read(&edited).expect("story 1");
    fs::write(
        &edited,
        "Story 1 from Eastport\n\nMara Voss spoke of the harbour.\n\n",
    )
    .expect("edit");
    let reader = Reader::with_cache(corpus.source(), 2, open_cache());
    let mut app = App::loading(reader.index());
    run_to_the_end(&reader, &mut app);
    let mut found = search_titles(&reader, &app, "pier").expect("pier");
    found.sort();
    let without_1: Vec<&String> = with_pier
        .iter()
        .filter(|t| !t.starts_with("Story 1 "))
        .collect();
    assert_eq!(
        found.iter().collect::<Vec<_>>(),
        without_1,
        "after the edit"
    );
    assert_eq!(
        search_titles(&reader, &app, "harbour").expect("new word"),
        ["Story 1 from Eastport"]
    );
    drop(reader);
    fs::write(&edited, before).expect("as it was");
    // Without a cache every article is searched in memory.
    let reader = Reader::with_cache(corpus.source(), 2, None);
    let mut app = App::loading(reader.index());
    run_to_the_end(&reader, &mut app);
    check(&reader, &app, "in memory");
    drop(reader);
    let _ = fs::remove_dir_all(&cache_dir);
}
