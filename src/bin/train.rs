//! `lede-train`: trains the named-entity tagger on a CoNLL-2003 file and writes
//! the model that `lede` embeds (assets/model/ner.bin). Deterministic: a fixed
//! seed orders the training documents, so the same data gives the same file.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use lede::analysis::tagger::decode::Scheme;
use lede::analysis::tagger::train::{
    Config, TYPE_NAMES, predict, predict_retokenized, read_conll, score, tokenizer_differences,
    train,
};

/// Train the named-entity tagger.
#[derive(Parser, Debug)]
#[command(name = "lede-train")]
struct Args {
    /// Training data in CoNLL-2003 format (IOB1 or IOB2).
    train: String,
    /// Where to write the model.
    #[arg(long, default_value = "assets/model/ner.bin")]
    out: String,
    /// Passes over the training data.
    #[arg(long, default_value_t = Config::default().epochs)]
    epochs: usize,
    /// Development data: scored after every epoch.
    #[arg(long)]
    dev: Option<String>,
    /// Seed for the order of training documents.
    #[arg(long, default_value_t = Config::default().seed)]
    seed: u64,
    /// Tag scheme: bio or bilou.
    #[arg(long, default_value = "bio")]
    scheme: String,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = Config::default().min_count)]
    min_count: u32,
    /// How many times to tag the dev data when measuring speed (the average counts).
    #[arg(long, default_value_t = 20)]
    speed_runs: usize,
    /// Only list where lede's tokenizer splits the dev (or train) data differently, then exit.
    #[arg(long)]
    tokenizer_report: bool,
    /// Drop features whose averaged weights are all at most this in absolute value.
    #[arg(long, default_value_t = Config::default().prune)]
    prune: f32,
}

/// CPU time of this thread so far (Linux), so that speed is measured fairly on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<()> {
    let args = Args::parse();
    let read = |p: &str| std::fs::read_to_string(p).with_context(|| format!("reading {p}"));
    let docs = read_conll(&read(&args.train)?);
    let dev = args
        .dev
        .as_deref()
        .map(read)
        .transpose()?
        .map(|t| read_conll(&t));
    if args.tokenizer_report {
        let diffs = tokenizer_differences(dev.as_deref().unwrap_or(&docs));
        let total: usize = diffs.iter().map(|d| d.2).sum();
        println!(
            "{total} differing stretches, {} distinct; most frequent:",
            diffs.len()
        );
        for (conll, ours, n) in diffs.iter().take(40) {
            println!("{n:6}  conll: {conll}    lede: {ours}");
        }
        return Ok(());
    }
    let scheme = match args.scheme.as_str() {
        "bio" => Scheme::Bio,
        "bilou" => Scheme::Bilou,
        other => anyhow::bail!("unknown scheme {other:?} (bio or bilou)"),
    };
    let config = Config {
        epochs: args.epochs,
        seed: args.seed,
        scheme,
        min_count: args.min_count,
        prune: args.prune,
    };
    eprintln!("training on {} documents, {config:?}", docs.len());
    let t0 = Instant::now();
    let model = train(&docs, &config, &[], dev.as_deref(), |epoch, scores| {
        let elapsed = t0.elapsed().as_secs_f64();
        match scores {
            Some(s) => println!("epoch {epoch:2} {:6.1}s dev {}", elapsed, s.summary()),
            None => println!("epoch {epoch:2} {elapsed:6.1}s"),
        }
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out))?;
    println!(
        "wrote {} ({} features, {} bytes)",
        args.out,
        model.n_features(),
        bytes.len()
    );
    if let Some(dev) = dev {
        // Final figures and tagging speed through the shipping path.
        let text_bytes: usize = dev
            .iter()
            .flat_map(|d| d.iter())
            .map(|s| s.tokens.iter().map(|t| t.len() + 1).sum::<usize>())
            .sum();
        // Average over several runs, in CPU time where the system reports it
        // (the machine is shared; CPU time is counted in scheduler ticks, hence many runs).
        let runs = args.speed_runs.max(1);
        let (t1, c1) = (Instant::now(), cpu_seconds());
        let mut pred = Vec::new();
        for _ in 0..runs {
            pred = predict(&model, &dev, &[]);
        }
        let secs = match (c1, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => t1.elapsed().as_secs_f64(),
        } / runs as f64;
        let s = score(&dev, &pred);
        for (name, c) in TYPE_NAMES.iter().zip(&s.per_type) {
            println!(
                "{name:5} p={:.4} r={:.4} f1={:.4} (gold {}, found {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.found
            );
        }
        println!("dev {}", s.summary());
        let retok = score(&dev, &predict_retokenized(&model, &dev));
        println!("dev through lede's tokenizer {}", retok.summary());
        println!(
            "speed {:.2} MB/s ({text_bytes} bytes in {secs:.3}s)",
            text_bytes as f64 / secs / 1e6
        );
    }
    Ok(())
}
