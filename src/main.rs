//! The `lede` command: parses the command line and hands over to the library.

use clap::{Parser, Subcommand};
use lede::loader::{self, Loaded};
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for news articles: quotes attributed to their speakers,
/// people, organizations and places merged and linked across articles.
#[derive(Parser)]
#[command(name = "lede", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or directories to read (`-` for standard input). Without any, the
    /// bundled sample collection opens.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of every article as JSON Lines (one object per article).
    Dump {
        /// Files or directories to read (`-` for standard input); the sample collection without any.
        paths: Vec<PathBuf>,
    },
}

fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        loader::load_sample()
    } else {
        loader::load_paths(paths)
    }
}

/// Prints why nothing could be loaded; the caller exits non-zero.
fn report_nothing_loaded(loaded: &Loaded) {
    eprintln!("lede: no article could be loaded");
    for e in &loaded.skipped {
        eprintln!("  {e}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (paths, dump) = match cli.command {
        Some(Command::Dump { paths }) => (paths, true),
        None => (cli.paths, false),
    };
    let loaded = load(&paths);
    if loaded.articles.is_empty() {
        report_nothing_loaded(&loaded);
        return ExitCode::FAILURE;
    }
    let analyses = lede::analysis::analyse_collection(&loaded.articles);
    if dump {
        for problem in loaded.skipped.iter().chain(&loaded.warnings) {
            eprintln!("lede: {problem}");
        }
        return match lede::dump::write_all(std::io::stdout().lock(), &loaded.articles, &analyses) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("lede: writing the dump failed: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let to_strings = |v: &[loader::LoadError]| v.iter().map(ToString::to_string).collect();
    let app = lede::app::App::new(
        loaded.articles,
        analyses,
        to_strings(&loaded.skipped),
        to_strings(&loaded.warnings),
    );
    match lede::tui::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lede: {e}");
            ExitCode::FAILURE
        }
    }
}
