//! The cache's tests: files recognised unchanged, changes and removals picked
//! up, a damaged, locked or unwritable cache never stopping lede, and search.

use super::indexing::{Summary, update};
use super::query;
use super::store::{ANALYSIS_REVISION, ArticleStore, article_key};
use crate::fetch::test_server::TempDir;
use crate::loader::Input;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A small collection of articles written for these tests.
fn write_collection(dir: &Path) {
    fs::create_dir_all(dir.join("world")).unwrap();
    fs::write(
        dir.join("world/harbour.txt"),
        "Harbour council votes to close the old pier\n\n\
         Mayor Jon Hale said on Monday that the Eastport Harbour Council had voted to close the pier.\n\n\
         \"It is no longer safe,\" Hale said. The Coastal Trust called the decision a \"sad day\".\n",
    )
    .unwrap();
    fs::write(
        dir.join("world/rail.txt"),
        "Rail strike ends after talks\n\n\
         The Union of Rail Workers ended its strike in Westford after talks with the Transport Board.\n\n\
         \"We have a fair deal,\" said Maria Lund, the union's leader.\n",
    )
    .unwrap();
    fs::write(
        dir.join("briefs.jsonl"),
        concat!(
            r#"{"title": "Pier repairs begin", "date": "2024-05-02", "source": "Eastport Post", "body": "Work on the Eastport pier began on Thursday, Jon Hale said."}"#,
            "\n",
            r#"{"title": "Budget talks stall", "date": "2023-11-20", "source": "Westford Times", "body": "Talks on the Westford budget stalled again, officials said."}"#,
            "\n"
        ),
    )
    .unwrap();
}

fn inputs(dir: &Path) -> Vec<Input> {
    vec![Input::Path(dir.to_path_buf())]
}

fn open(cache: &Path) -> ArticleStore {
    let (store, problem) = ArticleStore::open(&cache.join("articles"), true);
    assert_eq!(problem, None);
    store.expect("a store")
}

fn index(store: &mut ArticleStore, dir: &Path) -> Summary {
    update(&inputs(dir), store, 2, true, &|_| {}, &mut |_, _| {}).expect("indexed")
}

/// Titles of the articles `text` finds, best first.
fn found(store: &ArticleStore, text: &str) -> Vec<String> {
    let parsed = query::parse(store, text).expect("a query");
    let (hits, count) = store.search(parsed.as_ref(), 100);
    assert_eq!(count, hits.len());
    hits.iter()
        .map(|hit| store.article(hit).expect("stored").0.title)
        .collect()
}

fn sorted(mut titles: Vec<String>) -> Vec<String> {
    titles.sort();
    titles
}

#[test]
fn unchanged_files_are_recalled_without_reading_and_changes_are_picked_up() {
    let temp = TempDir::new("cache-incremental");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    let first = index(&mut store, &dir);
    assert_eq!((first.read, first.unchanged, first.analysed), (3, 0, 4));
    assert_eq!(store.article_count(), 4);

    let again = index(&mut store, &dir);
    assert_eq!((again.read, again.unchanged, again.articles), (0, 3, 4));
    assert_eq!(
        again.keys, first.keys,
        "the same articles, by the same numbers"
    );

    // One file changed, one gone, one new: only those are read.
    let old = SystemTime::now() - Duration::from_secs(60);
    fs::write(
        dir.join("world/rail.txt"),
        "Rail strike goes on\n\nThe strike in Westford goes on, Maria Lund said.\n",
    )
    .unwrap();
    fs::remove_file(dir.join("world/harbour.txt")).unwrap();
    fs::write(
        dir.join("new.txt"),
        "A new story\n\nSomething happened in Eastport.\n",
    )
    .unwrap();
    fs::File::options()
        .write(true)
        .open(dir.join("briefs.jsonl"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let after = index(&mut store, &dir);
    // The briefs' time changed (not their bytes): read again, to be sure.
    assert_eq!((after.read, after.unchanged, after.forgotten), (3, 0, 1));
    assert_eq!(store.article_count(), 4);
    assert_eq!(found(&store, "strike"), vec!["Rail strike goes on"]);
    assert!(
        found(&store, "pier council").is_empty(),
        "the harbour file is gone"
    );
}

#[test]
fn compacting_rewrites_segments_left_with_many_deleted_documents() {
    let temp = TempDir::new("cache-compact");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    index(&mut store, &dir);
    assert_eq!(store.compact(), Ok(false), "nothing deleted yet");
    // The documents of a file read again or forgotten are deleted, not gone.
    fs::write(
        dir.join("world/rail.txt"),
        "Rail strike goes on\n\nThe strike in Westford goes on, Maria Lund said.\n",
    )
    .unwrap();
    fs::remove_file(dir.join("world/harbour.txt")).unwrap();
    index(&mut store, &dir);
    assert_eq!(store.compact(), Ok(true));
    assert_eq!(store.compact(), Ok(false), "once");
    assert_eq!(store.article_count(), 3);
    assert_eq!(found(&store, "strike"), vec!["Rail strike goes on"]);
    let again = index(&mut store, &dir);
    assert_eq!((again.unchanged, again.read), (2, 0), "still recognised");
}

#[test]
fn a_file_put_again_keeps_only_its_last_reading_before_or_after_a_commit() {
    use super::store::NewFile;
    use crate::model::Article;
    let temp = TempDir::new("cache-put-again");
    let cache = temp.path().join("cache");
    let stamp_file = temp.path().join("stamp");
    fs::write(&stamp_file, "x").unwrap();
    let meta = fs::metadata(&stamp_file).unwrap();
    let mut store = open(&cache);
    let put = |store: &mut ArticleStore, path: &str, title: &str| {
        let article = Article {
            id: path.to_string(),
            title: title.to_string(),
            paragraphs: vec![format!("{title} in Eastport.")],
            ..Article::default()
        };
        let analysis = crate::analysis::analyse(&article);
        let file = NewFile::start(&stamp_file, path.to_string(), path, &meta);
        store.put(&file.reading(&[(article, analysis)])).unwrap();
    };
    // A file the index never had (nothing to delete), then the same file
    // again before the commit: the second reading replaces the first.
    put(&mut store, "/news/a.txt", "Storm warning");
    put(&mut store, "/news/b.txt", "Ferry timetable");
    put(&mut store, "/news/a.txt", "Storm passes");
    store.commit().unwrap();
    assert_eq!(store.article_count(), 2);
    assert_eq!(found(&store, "storm"), vec!["Storm passes"]);
    // And once more after the commit.
    put(&mut store, "/news/a.txt", "Storm damage counted");
    store.commit().unwrap();
    assert_eq!(store.article_count(), 2);
    assert_eq!(found(&store, "storm"), vec!["Storm damage counted"]);
    assert_eq!(found(&store, "ferry"), vec!["Ferry timetable"]);
}

#[test]
fn a_change_within_the_clock_resolution_is_seen_by_the_bytes() {
    let temp = TempDir::new("cache-racy");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    index(&mut store, &dir);
    // Same size, same modification time, other bytes: a file rewritten in
    // the same instant it was read.
    let path = dir.join("world/rail.txt");
    let meta = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap().replace("Rail", "Bus ");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(meta.modified().unwrap())
        .unwrap();
    let again = index(&mut store, &dir);
    assert_eq!((again.read, again.unchanged), (1, 2));
    assert_eq!(
        found(&store, "title:strike"),
        vec!["Bus  strike ends after talks"]
    );
}

#[test]
fn another_collection_naming_the_same_files_takes_them_relabelled() {
    let temp = TempDir::new("cache-shared");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    index(&mut store, &dir);
    // The sub-folder alone, and by another route to it.
    let other = dir.join("world/../world");
    let summary = update(
        &inputs(&other),
        &mut store,
        1,
        true,
        &|_| {},
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!((summary.read, summary.unchanged), (0, 2));
    let meta = fs::metadata(other.join("rail.txt")).unwrap();
    let full = fs::canonicalize(dir.join("world/rail.txt")).unwrap();
    let label = other.join("rail.txt").to_string_lossy().into_owned();
    let recalled = store
        .recall(&full.to_string_lossy(), &label, &meta)
        .expect("known");
    assert!(recalled.current);
    assert_eq!(recalled.articles[0].0.id, label);
    assert_eq!(recalled.articles[0].0.source_path, label);
    assert_eq!(recalled.articles[0].0.title, "Rail strike ends after talks");
    // The analysis comes back whole, speakers and kind evidence included.
    let analysis = &recalled.articles[0].1;
    assert_eq!(analysis, &crate::analysis::analyse(&recalled.articles[0].0));
    assert_eq!(
        analysis.evidence,
        crate::analysis::analyse(&recalled.articles[0].0).evidence
    );
    assert!(
        summary
            .keys
            .contains(&article_key(&full.to_string_lossy(), 0))
    );
}

#[test]
fn a_damaged_index_is_set_aside_and_built_anew() {
    let temp = TempDir::new("cache-damaged");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    index(&mut open(&cache), &dir);
    fs::write(cache.join("articles/meta.json"), b"{ not json").unwrap();
    let (store, problem) = ArticleStore::open(&cache.join("articles"), true);
    let problem = problem.expect("said once").0;
    assert!(problem.contains("set aside as"), "{problem}");
    let mut store = store.expect("built anew");
    assert_eq!(store.article_count(), 0);
    let aside: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("articles.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "kept for a look");
    assert_eq!(index(&mut store, &dir).read, 3);
}

#[test]
fn a_second_lede_only_reads_and_an_unwritable_cache_is_not_fatal() {
    let temp = TempDir::new("cache-locked");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut first = open(&cache);
    index(&mut first, &dir);
    let (second, problem) = ArticleStore::open(&cache.join("articles"), true);
    let mut second = second.expect("readable");
    assert!(!second.writable());
    assert!(
        problem
            .expect("said")
            .0
            .contains("another lede is writing it")
    );
    // It reads what the first one committed, and its own reading keeps nothing.
    let summary = index(&mut second, &dir);
    assert_eq!((summary.unchanged, summary.articles), (3, 4));
    drop(first);

    // A cache folder that cannot be made: no store, one message.
    let blocked = temp.path().join("file-not-folder");
    fs::write(&blocked, b"x").unwrap();
    let (store, problem) = ArticleStore::open(&blocked.join("articles"), true);
    assert!(store.is_none());
    assert!(problem.expect("said").0.starts_with("cache: cannot make"));
}

#[test]
fn work_not_committed_is_lost_whole_and_the_cache_still_opens() {
    let temp = TempDir::new("cache-uncommitted");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    {
        let mut store = open(&cache);
        index(&mut store, &dir);
        fs::write(
            dir.join("late.txt"),
            "Late story\n\nA late story from Westford.\n",
        )
        .unwrap();
        let file = fs::canonicalize(dir.join("late.txt")).unwrap();
        let article = crate::model::Article {
            id: "late".into(),
            title: "Late story".into(),
            paragraphs: vec!["A late story from Westford.".into()],
            ..Default::default()
        };
        let analysis = crate::analysis::analyse(&article);
        let reading = super::store::Reading {
            path: &file.to_string_lossy(),
            label: "late.txt",
            stamp: super::store::Stamp::of(&fs::metadata(&file).unwrap()),
            content_hash: 0,
            articles: &[(article, analysis)],
            skipped: &[],
            warnings: &[],
        };
        store.put(&reading).unwrap();
        // Dropped here without a commit, as when lede is killed.
    }
    let mut store = open(&cache);
    assert_eq!(store.article_count(), 4, "the last commit, whole");
    let summary = index(&mut store, &dir);
    assert_eq!((summary.read, summary.unchanged), (1, 3));
}

#[test]
fn queries_find_words_phrases_fields_dates_and_say_what_is_wrong() {
    let temp = TempDir::new("cache-search");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    index(&mut store, &dir);
    let pier = "Harbour council votes to close the old pier";
    assert_eq!(
        sorted(found(&store, "pier")),
        vec![pier.to_string(), "Pier repairs begin".to_string()]
    );
    // Every word must occur; a phrase in order.
    assert_eq!(found(&store, "pier mayor"), vec![pier]);
    assert_eq!(found(&store, "\"close the pier\""), vec![pier]);
    assert!(found(&store, "\"pier the close\"").is_empty());
    // Two words: the term of their pair, the same articles as the phrase.
    assert_eq!(found(&store, "\"the pier\""), vec![pier]);
    assert_eq!(found(&store, "body:\"THE PIER\""), vec![pier]);
    assert!(found(&store, "\"pier the\"").is_empty());
    assert_eq!(
        found(&store, "\"eastport pier\""),
        vec!["Pier repairs begin"]
    );
    assert_eq!(found(&store, "pier -\"eastport pier\""), vec![pier]);
    assert_eq!(
        found(&store, "pier AND NOT mayor"),
        vec!["Pier repairs begin"]
    );
    assert_eq!(found(&store, "pier -mayor"), vec!["Pier repairs begin"]);
    assert_eq!(
        sorted(found(&store, "strike OR budget")),
        vec!["Budget talks stall", "Rail strike ends after talks"]
    );
    // Fields: the title, the source, the names found, their kinds, speakers.
    assert_eq!(found(&store, "title:pier"), found(&store, "title:PIER"));
    assert_eq!(
        found(&store, "source:\"eastport post\""),
        vec!["Pier repairs begin"]
    );
    assert_eq!(
        found(&store, "speaker:lund"),
        vec!["Rail strike ends after talks"]
    );
    assert_eq!(found(&store, "speaker:hale"), vec![pier]);
    assert!(found(&store, "entity:\"jon hale\"").contains(&pier.to_string()));
    assert!(found(&store, "entity:\"hale jon\"").is_empty());
    // A title's two words, as the title's pair and as the phrase without a field.
    assert_eq!(
        found(&store, "title:\"Repairs Begin\""),
        vec!["Pier repairs begin"]
    );
    assert_eq!(
        found(&store, "\"repairs begin\""),
        vec!["Pier repairs begin"]
    );
    assert!(found(&store, "title:\"begin repairs\"").is_empty());
    assert!(found(&store, "kind:person").len() >= 2);
    // Dates: a year, a month, a range open on one side.
    assert_eq!(found(&store, "date:2024"), vec!["Pier repairs begin"]);
    assert_eq!(found(&store, "date:2023-11"), vec!["Budget talks stall"]);
    assert_eq!(found(&store, "date:..2023-12"), vec!["Budget talks stall"]);
    assert_eq!(
        sorted(found(&store, "date:2023..")),
        vec!["Budget talks stall", "Pier repairs begin"]
    );
    assert!(found(&store, "date:2024-05-03").is_empty());
    // Errors are said, never a panic.
    for (bad, says) in [
        ("\"unclosed", "does not read"),
        ("writer:smith", "no field writer"),
        ("kind:animal", "kinds are"),
        ("date:May", "write a year"),
        ("NOT pier", "only NOT"),
        ("   ", "empty"),
    ] {
        let error = query::parse(&store, bad)
            .err()
            .unwrap_or_else(|| panic!("{bad} parsed"));
        assert!(error.0.contains(says), "{bad}: {error}");
    }
}

/// The analysis of articles written for the tests, hashed. When the analysis
/// gives other output, cached analyses are out of date: raise
/// [`ANALYSIS_REVISION`] and put the new hash here.
#[test]
fn analysis_revision_is_raised_when_the_analysis_changes() {
    const OUTPUT_OF_REVISION: (u64, u64) = (94, 3_294_198_838_089_993_152);
    let temp = TempDir::new("cache-revision");
    write_collection(temp.path());
    let mut articles = crate::loader::load_sample().articles;
    articles.extend(crate::loader::load_paths(&[temp.path().to_path_buf()]).articles);
    let output: Vec<String> = articles
        .iter()
        .map(|article| {
            let analysis = crate::analysis::analyse(article);
            format!(
                "{}{:?}",
                serde_json::to_string(&analysis).unwrap(),
                analysis.evidence
            )
        })
        .collect();
    let hash = super::store::fnv1a_64(output.concat().as_bytes());
    assert_eq!(
        (ANALYSIS_REVISION, hash),
        OUTPUT_OF_REVISION,
        "the analysis output changed: raise ANALYSIS_REVISION and set this hash"
    );
}

#[test]
fn matches_scored_in_slices_are_those_scored_whole() {
    let temp = TempDir::new("cache-slices");
    let (dir, cache) = (temp.path().join("news"), temp.path().join("cache"));
    write_collection(&dir);
    let mut store = open(&cache);
    index(&mut store, &dir);
    let committed = store.committed();
    // Every article of the index is one of the collection's, numbered by key.
    let mut keys: Vec<u64> = Vec::new();
    let segments = committed.segment_keys();
    for (_, documents, column) in &segments {
        keys.extend((0..*documents).filter_map(|doc| column.first(doc)));
    }
    keys.sort_unstable();
    let articles: super::SegmentArticles = segments
        .iter()
        .map(|(segment, documents, column)| {
            let numbers = (0..*documents)
                .map(|doc| {
                    column
                        .first(doc)
                        .and_then(|key| keys.binary_search(&key).ok())
                        .map_or(u32::MAX, |n| n as u32)
                })
                .collect();
            (*segment, numbers)
        })
        .collect();
    for text in ["pier OR strike OR budget", "\"the pier\"", "talks -budget"] {
        let parsed = query::parse(&store, text).expect("a query");
        let whole = committed.matches_in_slices(parsed.as_ref(), &articles, u32::MAX);
        assert!(!whole.is_empty(), "{text}");
        for slice in [1, 2, 3] {
            let sliced = committed.matches_in_slices(parsed.as_ref(), &articles, slice);
            assert_eq!(sliced, whole, "{text}, slices of {slice}");
        }
    }
}
