//! The `lede` command: parses the command line and hands over to the library.

use clap::{Parser, Subcommand};
use lede::app::App;
use lede::loader::LoadError;
use lede::pipeline::{self, Reader, Source};
use lede::state::{self, Collection};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// A terminal reader for news articles: quotes attributed to their speakers,
/// people, organizations and places merged and linked across articles.
#[derive(Parser)]
#[command(name = "lede", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files, directories, web addresses (http, https) or OPML lists to read
    /// (`-` for standard input). Without any, the feeds of
    /// `$XDG_CONFIG_HOME/lede/urls` open, else the bundled sample collection.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of every article as JSON Lines (one object per article).
    Dump {
        /// Files, directories, web addresses or OPML lists to read (`-` for standard
        /// input); the subscription file's feeds, else the sample, without any.
        paths: Vec<PathBuf>,
    },
}

/// How long the reader waits, after the first article has arrived, for its
/// analysis before drawing the first frame (so that it rarely appears bare).
const FIRST_ANALYSIS_WAIT: Duration = Duration::from_millis(30);

/// How long the reader waits for the first fetches when nothing else has
/// loaded, before it opens with an empty list and the fetching's progress
/// (a quick failure is still printed, as for files).
const SLOW_FETCH: Duration = Duration::from_millis(400);

/// Streams the analysis to standard output; fails when nothing loaded.
fn dump(source: &Source) -> ExitCode {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let result = pipeline::dump(source, std::io::stdout().lock(), workers, |problem, _| {
        eprintln!("lede: {problem}");
    });
    match result {
        Ok(summary) if summary.articles == 0 => {
            eprintln!("lede: no article could be loaded");
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: writing the dump failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Starts loading in the background and opens the reader as soon as the first
/// article is in; fails, printing the reasons, when no article loads at all.
fn read(source: Source, problems: Vec<LoadError>, collection: Option<Collection>) -> ExitCode {
    let reader = Reader::start(source);
    let mut app = App::loading(reader.index());
    // The subscription file's problems, listed with the rest (`e`).
    app.add_problems(
        Vec::new(),
        problems.iter().map(ToString::to_string).collect(),
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
        Ok(()) => ExitCode::SUCCESS,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Dump { paths }) => {
            let (source, problems) = source_of(paths);
            for problem in problems {
                eprintln!("lede: {problem}");
            }
            dump(&source)
        }
        None => {
            let config = lede::fetch::default_config_dir();
            let collection = Collection::of_command_line(&cli.paths, config.as_deref());
            let (source, problems) = source_of(cli.paths);
            read(source, problems, collection)
        }
    }
}
