//! The `lede` command: parses the command line and hands over to the library.

use clap::{Parser, Subcommand};
use lede::app::App;
use lede::cache;
use lede::config::{self, Config};
use lede::corrections::{self, Corrections};
use lede::loader::LoadError;
use lede::pipeline::{self, Reader, Source};
use lede::report::{self, Collection, Format};
use lede::sanitize::sanitize;
use lede::state;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// A terminal reader for news articles: quotes attributed to their speakers,
/// people, organizations and places merged and linked across articles.
#[derive(Parser)]
#[command(
    name = "lede",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  lede                                 your subscriptions (~/.config/lede/urls), else the sample
  lede ~/news/ today.jsonl             files and folders (walked recursively)
  lede https://example.org/rss.xml     a feed by its address
  curl -s https://example.org/feed | lede -
  lede dump ~/news/ > analysis.jsonl   the analysis for scripts
  lede entities ~/news/ | head         who and what the articles name most
  lede quotes ~/news/ --speaker Khamenei

In the reader, ? lists the keys. Ctrl-Z suspends it (fg brings it back).

Exit status: 0 done; 1 nothing could be loaded, or the terminal or the output failed;
2 a usage error; after SIGTERM, SIGHUP or SIGINT, lede restores the terminal and dies
of the signal (status 128 + its number: 143, 129, 130)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print the default config file (every key, its default and what it
    /// does) for `$XDG_CONFIG_HOME/lede/config.toml`, and exit.
    #[arg(long)]
    print_config: bool,
    /// Files, directories, web addresses (http, https) or OPML lists to read
    /// (`-` for standard input). Without any, the feeds of
    /// `$XDG_CONFIG_HOME/lede/urls` open, else the bundled sample collection.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of every article as JSON Lines (one object per article).
    #[command(
        after_help = "Each line: id, source_path, title, source, date, url, paragraphs,
quotes (paragraph, start, end, text, speaker), entities (name, kind, aliases,
mentions), removed. Offsets are UTF-8 byte offsets into the paragraph. Load
problems go to standard error.

Examples:
  lede dump ~/news/ > analysis.jsonl
  lede dump https://example.org/rss.xml | jq -r '.quotes[].speaker'
  lede dump | jq '{title, people: [.entities[] | select(.kind == \"person\") | .name]}'

Exit status: 0 done; 1 nothing could be loaded, or writing failed; 2 a usage error."
    )]
    Dump {
        /// Files, directories, web addresses or OPML lists to read (`-` for standard
        /// input); the subscription file's feeds, else the sample, without any.
        paths: Vec<PathBuf>,
    },
    /// List the entities: name, kind, articles, mentions, aliases
    ///
    /// Every person, organization, place and other name of the articles, the
    /// one named in most articles first.
    #[command(
        after_help = "On a terminal: a table fitted to its width (long cells cut with …).
Otherwise: one line per entity, tab-separated, no header, cells whole:
name, kind, articles, mentions, aliases (joined by \", \").
With --json: JSON Lines, one object per entity:
{\"name\", \"kind\", \"articles\", \"mentions\", \"aliases\": [...]}.
Names are unified across the articles as in the reader's sidebar (a).

Examples:
  lede entities ~/news/
  lede entities ~/news/ | awk -F'\\t' '$2 == \"organization\"' | head
  lede entities --json ~/news/ | jq -r 'select(.articles > 10) | .name'

Exit status: 0 done; 1 nothing could be loaded, or writing failed; 2 a usage error."
    )]
    Entities {
        /// Files, directories, web addresses or OPML lists to read (`-` for standard
        /// input); the subscription file's feeds, else the sample, without any.
        paths: Vec<PathBuf>,
        /// Print JSON Lines (one object per entity) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the quotes: speaker, words, article title, date
    ///
    /// Every quote of the articles, from the newest article to the oldest
    /// (undated ones last, in the order they were read).
    #[command(
        after_help = "On a terminal: a table fitted to its width (long cells cut with …).
Otherwise: one line per quote, tab-separated, no header, cells whole:
speaker (empty if unknown), quote, article title, date (2026-11-30 08:00).
With --json: JSON Lines, one object per quote:
{\"speaker\" (or null), \"text\", \"title\", \"date\" (as written, or null),
\"id\" (as in the dump), \"url\" (or null)}.
A quotation that runs over several paragraphs is one quote.

Examples:
  lede quotes ~/news/
  lede quotes ~/news/ --speaker khamenei      by name or alias, any case
  lede quotes --json --speaker \"Ofcom\" ~/news/ | jq -r .text

Exit status: 0 done (also when no one has that name); 1 nothing could be
loaded, or writing failed; 2 a usage error."
    )]
    Quotes {
        /// Files, directories, web addresses or OPML lists to read (`-` for standard
        /// input); the subscription file's feeds, else the sample, without any.
        paths: Vec<PathBuf>,
        /// Only this speaker's quotes: a name as the entities list gives it, or
        /// any of its aliases, in any case.
        #[arg(long, value_name = "NAME", value_parser = clap::builder::NonEmptyStringValueParser::new())]
        speaker: Option<String>,
        /// Print JSON Lines (one object per quote) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Bring the cache up to date with files and folders, without the reader
    ///
    /// New and changed files are read and analysed, unchanged ones passed
    /// over, files gone from a folder forgotten; the reader and `lede search`
    /// then find them ready.
    #[command(
        after_help = "A progress bar on a terminal; otherwise quiet but for problems and the summary.
The cache is in $XDG_CACHE_HOME/lede (else ~/.cache/lede); `lede cache` shows it.

Examples:
  lede index ~/news/
  lede index ~/news/ ~/archive/2024.jsonl

Exit status: 0 done; 1 the cache could not be written; 2 a usage error."
    )]
    Index {
        /// Files and folders to keep in the cache.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only write the collection's snapshot (what `lede index` runs in a
        /// process of its own once the article index is written).
        #[arg(long, hide = true)]
        snapshot_only: bool,
    },
    /// Find articles: words, "exact phrases", AND/OR/NOT, fields, dates
    #[command(
        after_help = "Words must all occur; \"an exact phrase\"; AND, OR, NOT (or -word) and
parentheses; fields title:, body:, source:, url:, entity:, speaker:, kind: (person,
organization, place, other); dates date:2024, date:2024-05, date:2024-05-03 and
ranges date:2024-01..2024-06 (either end may be left out).

With paths, they are brought into the cache first (as `lede index`) and only their
articles are searched; without, every article in the cache.

On a terminal: a table (title, source, date, id), best match first. Otherwise: one
line per article, tab-separated. With --json: JSON Lines, one object per article:
{\"title\", \"source\", \"date\", \"id\", \"url\", \"score\"}.

Examples:
  lede search 'khamenei \"supreme leader\"' ~/news/
  lede search 'speaker:blair date:2005-01..2005-03'
  lede search --json 'entity:ofcom AND kind:organization' | jq -r .id

Exit status: 0 done (also when nothing matches); 1 the query does not read or the
cache cannot be opened; 2 a usage error."
    )]
    Search {
        /// The query.
        query: String,
        /// Files and folders to search (brought into the cache first); every cached article without any.
        paths: Vec<PathBuf>,
        /// Print JSON Lines instead of a table.
        #[arg(long)]
        json: bool,
        /// Print at most this many articles.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
    },
    /// Show where the cache is and how big; --clear empties it
    #[command(
        after_help = "The cache holds web pages and feeds as fetched, and the article index
(every file read, its articles and their analyses). Clearing it loses nothing
but time: files are read and analysed again, feeds fetched again.

Exit status: 0 done; 1 the cache could not be read or cleared."
    )]
    Cache {
        /// Remove everything in the cache.
        #[arg(long)]
        clear: bool,
    },
}

/// How long the reader waits, after the first article has arrived, for its
/// analysis before drawing the first frame (so that it rarely appears bare).
const FIRST_ANALYSIS_WAIT: Duration = Duration::from_millis(30);

/// How long the reader waits for the first fetches when nothing else has
/// loaded, before it opens with an empty list and the fetching's progress
/// (a quick failure is still printed, as for files).
const SLOW_FETCH: Duration = Duration::from_millis(400);

/// Threads for the analysis: every core.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Prints a load problem of a command on standard error.
fn print_problem(problem: &LoadError, _skipped: bool) {
    eprintln!("lede: {problem}");
}

/// Says that nothing loaded: the commands' exit status 1.
fn nothing_loaded() -> ExitCode {
    eprintln!("lede: no article could be loaded");
    ExitCode::FAILURE
}

/// Streams the analysis to standard output; fails when nothing loaded.
fn dump(source: &Source) -> ExitCode {
    let corrections = command_corrections();
    let result = pipeline::dump_corrected(
        source,
        std::io::stdout().lock(),
        workers(),
        &corrections,
        print_problem,
    );
    match result {
        Ok(summary) if summary.articles == 0 => nothing_loaded(),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: writing the dump failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The config file's settings and its problems.
fn config() -> (Config, Vec<config::Problem>) {
    config::path().map_or_else(
        || (Config::default(), Vec::new()),
        |path| config::load(&path),
    )
}

/// Reads the collection, then prints what `print` makes of it in a table
/// fitted to the terminal, tab-separated lines when standard output is not a
/// terminal, or JSON Lines (`json`); fails when nothing loaded.
fn report(
    source: &Source,
    json: bool,
    with_quotes: bool,
    print: impl FnOnce(&Collection, Format) -> std::io::Result<()>,
) -> ExitCode {
    let corrections = command_corrections();
    let gathered =
        report::gather_corrected(source, workers(), with_quotes, corrections, print_problem);
    let (collection, summary) = match gathered {
        Ok(gathered) => gathered,
        Err(e) => {
            eprintln!("lede: {e}");
            return ExitCode::FAILURE;
        }
    };
    if summary.articles == 0 {
        return nothing_loaded();
    }
    let format = if json {
        Format::JsonLines
    } else {
        lede::tui::stdout_width().map_or(Format::Tsv, Format::Table)
    };
    match print(&collection, format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: writing failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `lede quotes`: every quote, or those of the speaker called `speaker`.
fn print_quotes(
    collection: &Collection,
    format: Format,
    speaker: Option<&str>,
) -> std::io::Result<()> {
    let wanted = speaker.map(|name| report::quotes::called(collection, name));
    let rows = report::quotes::rows(collection, wanted.as_ref());
    if let (Some(name), Some(wanted)) = (speaker, &wanted) {
        let name = sanitize(name);
        if wanted.is_empty() {
            eprintln!("lede: no one in these articles is called {name}");
        } else if rows.is_empty() {
            eprintln!("lede: {name} is named but never quoted");
        }
    }
    report::write(&rows, format, std::io::stdout().lock())
}

/// Starts loading in the background and opens the reader as soon as the first
/// article is in; fails, printing the reasons, when no article loads at all.
fn read(
    source: Source,
    problems: Vec<LoadError>,
    collection: Option<state::Collection>,
) -> ExitCode {
    let reader = Reader::start_cached(source, cache::default_dir().as_deref());
    let mut app = App::loading(reader.index());
    let (config, mut config_problems) = config();
    app.configure(config);
    // The corrections file's problems are listed and shown as the config's are.
    let (fixes, fix_problems) = corrections();
    app.set_corrections(fixes, corrections::path());
    let first_file = if config_problems.is_empty() {
        "entities.toml"
    } else {
        "config.toml"
    };
    config_problems.extend(fix_problems);
    // The config's and the subscription file's problems, listed with the rest
    // (`e`); the config's first one in the status line too.
    // (Sanitized: they quote the file.)
    if let Some(first) = config_problems.first() {
        // The file's name will do here; the list names its whole path.
        let short = config::Problem {
            file: first_file.to_string(),
            ..first.clone()
        };
        let more = match config_problems.len() - 1 {
            0 => String::new(),
            n => format!(" (+{n} more)"),
        };
        app.set_status(sanitize(&format!("{short}{more} — e to list")));
    }
    app.add_problems(
        Vec::new(),
        config_problems
            .iter()
            .map(|p| sanitize(&p.to_string()))
            .chain(problems.iter().map(ToString::to_string))
            .collect(),
    );
    // Read in the background; the reader takes it in as soon as it is there.
    let saver = collection
        .zip(state::default_data_dir())
        .map(|(collection, data_dir)| state::open(&collection, &data_dir));
    let mut first_seen: Option<Instant> = None;
    let mut fetching_seen: Option<Instant> = None;
    loop {
        reader.deliver(&mut app, Duration::from_millis(5));
        if app.article_count() > 0 {
            let seen = *first_seen.get_or_insert_with(Instant::now);
            if app.open_is_analysed() || seen.elapsed() >= FIRST_ANALYSIS_WAIT {
                break;
            }
        } else if app.progress().fetching.is_some() {
            // Nothing on disk or in the cache yet: if the web is slow, the
            // reader opens and shows how the fetching goes.
            let since = *fetching_seen.get_or_insert_with(Instant::now);
            if since.elapsed() >= SLOW_FETCH {
                break;
            }
        } else if !app.progress().loading {
            eprintln!("lede: no article could be loaded");
            for problem in app.skipped().iter().chain(app.warnings()) {
                eprintln!("  {problem}");
            }
            return ExitCode::FAILURE;
        }
    }
    match lede::tui::run(app, Some(reader), saver) {
        Ok(lede::tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(lede::tui::Exit::Signal(signal)) => lede::tui::die_of(signal),
        Err(e) => {
            eprintln!("lede: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What to read: the arguments; without any, the feeds of the subscription
/// file in the config folder, else the bundled sample. Also the problems
/// found reading the subscription file.
fn source_of(paths: Vec<PathBuf>) -> (Source, Vec<LoadError>) {
    if !paths.is_empty() {
        return (Source::from_args(paths), Vec::new());
    }
    lede::fetch::default_config_dir()
        .and_then(|config| Source::subscriptions(&config))
        .unwrap_or((Source::Sample, Vec::new()))
}

/// The reader's corrections (`entities.toml`), and the problems found in them.
fn corrections() -> (Corrections, Vec<config::Problem>) {
    corrections::path().map_or_else(
        || (Corrections::default(), Vec::new()),
        |path| corrections::load(&path),
    )
}

/// [`corrections`] for a command: the problems printed on standard error.
fn command_corrections() -> Corrections {
    let (corrections, problems) = corrections();
    for problem in problems {
        eprintln!("lede: {}", sanitize(&problem.to_string()));
    }
    corrections
}

/// [`source_of`] for a command: the config file's and the subscription
/// file's problems printed.
fn command_source(paths: Vec<PathBuf>) -> Source {
    for problem in config().1 {
        eprintln!("lede: {}", sanitize(&problem.to_string()));
    }
    let (source, problems) = source_of(paths);
    for problem in &problems {
        print_problem(problem, false);
    }
    source
}

/// The cache's article index, or why there is none (printed).
fn open_store(write: bool) -> Option<cache::ArticleStore> {
    let Some(dir) = cache::default_dir() else {
        eprintln!("lede: no cache folder (set XDG_CACHE_HOME or HOME)");
        return None;
    };
    let (store, problem) = cache::ArticleStore::open(&cache::articles_dir(&dir), write);
    if let Some(problem) = problem {
        eprintln!("lede: {}", sanitize(&problem.to_string()));
    }
    store
}

/// A spinner with the time spent and a message, on a terminal only (quiet
/// output otherwise): `lede index`'s progress.
fn spinner() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    })
}

/// Brings the cache up to date with `paths`, with a progress bar on a
/// terminal; the summary after (with the collection's article keys when
/// `gather_keys`, for a search narrowed to it).
fn update_cache(
    paths: &[PathBuf],
    store: &mut cache::ArticleStore,
    gather_keys: bool,
) -> Result<cache::indexing::Summary, cache::CacheProblem> {
    let inputs: Vec<lede::loader::Input> = paths
        .iter()
        .cloned()
        .map(lede::loader::Input::from_arg)
        .collect();
    let bar = spinner();
    let progress = |summary: &cache::indexing::Summary| {
        if let Some(bar) = &bar {
            bar.set_message(format!(
                "{} files unchanged, {} read, {} articles analysed",
                summary.unchanged, summary.read, summary.analysed
            ));
        }
    };
    let mut problem = |error: &LoadError, skipped: bool| match &bar {
        Some(bar) => bar.suspend(|| print_problem(error, skipped)),
        None => print_problem(error, skipped),
    };
    let result = cache::indexing::update(
        &inputs,
        store,
        workers(),
        gather_keys,
        &progress,
        &mut problem,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// `lede index`.
fn index(paths: &[PathBuf]) -> ExitCode {
    let Some(mut store) = open_store(true) else {
        return ExitCode::FAILURE;
    };
    if !store.writable() {
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    match update_cache(paths, &mut store, false) {
        Ok(summary) => {
            // Deleted documents slow every search: rewritten without them;
            // and the merges under way are let finish.
            if let Err(problem) = store.compact().and_then(|_| store.finish_merges()) {
                eprintln!("lede: {}", sanitize(&problem.to_string()));
            }
            eprintln!(
                "lede: {} articles: {} files unchanged, {} read ({} articles analysed), {} gone; {:.1} s",
                summary.articles,
                summary.unchanged,
                summary.read,
                summary.analysed,
                summary.forgotten,
                started.elapsed().as_secs_f64()
            );
            // The reader's lock on the article index is its own.
            drop(store);
            snapshot(paths, summary.walk);
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("lede: {}", sanitize(&problem.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// After `lede index`: the collection's snapshot, made as the reader makes
/// it, so that the reader reopens the collection at once. Only for files
/// and folders (web addresses are not snapshotted, and would be fetched again).
///
/// Unless the snapshot holds what the walk just met, it is made by a fresh
/// `lede index --snapshot-only` that this process becomes (on Unix; a child
/// elsewhere), which starts with nothing in memory: in this one the
/// allocator keeps much of what the article index's threads freed (286 MB
/// anonymous at the end of a million articles' first build), and the
/// snapshot's load came on top of it.
fn snapshot(paths: &[PathBuf], walk: cache::snapshot::WalkDigest) {
    let source = Source::from_args(paths.to_vec());
    let Some(dir) = cache::default_dir().filter(|_| source.files_only()) else {
        return;
    };
    let started = Instant::now();
    if Reader::snapshot_is_current(&source, &dir, walk) {
        eprintln!(
            "lede: the collection's snapshot: up to date; {:.1} s",
            started.elapsed().as_secs_f64()
        );
        return;
    }
    if let Ok(lede) = std::env::current_exe() {
        let mut command = std::process::Command::new(lede);
        command
            .arg("index")
            .arg("--snapshot-only")
            .arg("--")
            .args(paths);
        // This process becomes the snapshot's (its memory given back whole);
        // `exec` returns only when it could not.
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let _cannot = command.exec();
        }
        #[cfg(not(unix))]
        match command.status() {
            Ok(status) if status.success() => return,
            Ok(status) => {
                eprintln!("lede: the collection's snapshot: not made ({status})");
                return;
            }
            Err(_) => {}
        }
    }
    // No second program: made in this process (found not current above).
    write_snapshot(paths);
}

/// The collection's snapshot made and written (see [`snapshot`]).
fn write_snapshot(paths: &[PathBuf]) {
    // Standard input (`-`) cannot be read twice, nor the web snapshotted.
    let source = Source::from_args(paths.to_vec());
    let Some(dir) = cache::default_dir().filter(|_| source.files_only()) else {
        return;
    };
    let started = Instant::now();
    let bar = spinner();
    let mut progress = |state: Option<(usize, usize)>| {
        if let Some(bar) = &bar {
            bar.set_message(match state {
                Some((loaded, indexed)) => format!(
                    "the collection's snapshot: {loaded} articles loaded, {indexed} in its entity index"
                ),
                None => "the collection's snapshot: writing".to_string(),
            });
        }
    };
    let outcome = Reader::snapshot_collection(source, &dir, &mut progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let said = match outcome {
        lede::pipeline::SnapshotOutcome::Written => "written",
        lede::pipeline::SnapshotOutcome::Current => "up to date",
        lede::pipeline::SnapshotOutcome::NotMade => {
            "not made (an article not in the article index, or it could not be written): the reader reads the collection from the article index"
        }
    };
    eprintln!(
        "lede: the collection's snapshot: {said}; {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// `lede search`.
fn search(query: &str, paths: &[PathBuf], json: bool, limit: usize) -> ExitCode {
    let Some(mut store) = open_store(!paths.is_empty()) else {
        return ExitCode::FAILURE;
    };
    let within = if paths.is_empty() {
        None
    } else {
        match update_cache(paths, &mut store, true) {
            Ok(summary) => Some(summary.keys),
            Err(problem) => {
                eprintln!("lede: {}", sanitize(&problem.to_string()));
                return ExitCode::FAILURE;
            }
        }
    };
    let parsed = match cache::query::parse(&store, query) {
        Ok(parsed) => parsed,
        Err(error) => {
            eprintln!("lede: {}", sanitize(&error.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let (found, total) = match &within {
        // Narrowed to the collection: every match is looked at.
        Some(keys) => {
            let (hits, _) = store.search(parsed.as_ref(), usize::MAX);
            let found: Vec<_> = hits.into_iter().filter(|h| keys.contains(&h.key)).collect();
            let total = found.len();
            (found, total)
        }
        None => store.search(parsed.as_ref(), limit),
    };
    let rows: Vec<report::search::SearchRow> = found
        .iter()
        .take(limit)
        .filter_map(|hit| {
            let (article, _) = store.article(hit)?;
            Some(report::search::SearchRow::new(&article, hit.score))
        })
        .collect();
    let format = if json {
        Format::JsonLines
    } else {
        lede::tui::stdout_width().map_or(Format::Tsv, Format::Table)
    };
    if let Err(e) = report::write(&rows, format, std::io::stdout().lock()) {
        eprintln!("lede: writing failed: {e}");
        return ExitCode::FAILURE;
    }
    if total > rows.len() {
        eprintln!(
            "lede: {} of {total} matching articles (--limit N for more)",
            rows.len()
        );
    } else if total == 0 {
        eprintln!("lede: no article matches");
    }
    ExitCode::SUCCESS
}

/// `lede cache`.
fn cache(clear: bool) -> ExitCode {
    let Some(dir) = cache::default_dir() else {
        eprintln!("lede: no cache folder (set XDG_CACHE_HOME or HOME)");
        return ExitCode::FAILURE;
    };
    let shown = sanitize(&dir.to_string_lossy());
    let result = if clear {
        cache::clear(&dir).map(|(files, bytes)| {
            println!(
                "{shown}: cleared ({files} files, {})",
                cache::human_bytes(bytes)
            );
        })
    } else {
        cache::usage(&dir).map(|(files, bytes)| {
            let articles = open_store(false).map_or(0, |store| store.article_count());
            println!(
                "{shown}: {} in {files} files; {articles} articles indexed",
                cache::human_bytes(bytes)
            );
        })
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: {shown}: {}", e);
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_config {
        print!("{}", config::default_text());
        return ExitCode::SUCCESS;
    }
    match cli.command {
        Some(Command::Dump { paths }) => dump(&command_source(paths)),
        Some(Command::Entities { paths, json }) => {
            report(&command_source(paths), json, false, |collection, format| {
                let rows = report::entities::rows(collection);
                report::write(&rows, format, std::io::stdout().lock())
            })
        }
        Some(Command::Quotes {
            paths,
            speaker,
            json,
        }) => report(&command_source(paths), json, true, |collection, format| {
            print_quotes(collection, format, speaker.as_deref())
        }),
        Some(Command::Index {
            paths,
            snapshot_only,
        }) => {
            if snapshot_only {
                write_snapshot(&paths);
                ExitCode::SUCCESS
            } else {
                index(&paths)
            }
        }
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
        }) => search(&query, &paths, json, limit),
        Some(Command::Cache { clear }) => cache(clear),
        None => {
            let config = lede::fetch::default_config_dir();
            let collection = state::Collection::of_command_line(&cli.paths, config.as_deref());
            let (source, problems) = source_of(cli.paths);
            read(source, problems, collection)
        }
    }
}
