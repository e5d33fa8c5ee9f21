//! `lede-train`: trains the named-entity tagger on a CoNLL-2003 file and writes
//! the model that `lede` embeds (assets/model/ner.bin). Deterministic: a fixed
//! seed orders the training documents, so the same data gives the same file.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use lede::analysis::tagger::clusters::{Clusters, InduceConfig, induce, word_key};
use lede::analysis::tagger::decode::Scheme;
use lede::analysis::tagger::features::{Lexicon, TokenInfo};
use lede::analysis::tagger::lists::Lists;
use lede::analysis::tagger::model::Model;
use lede::analysis::tagger::train::{
    Config, TYPE_NAMES, conll_sentences, predict, predict_retokenized, read_conll, score,
    text_sentences, tokenizer_differences, train,
};

/// Train the named-entity tagger.
#[derive(Parser, Debug)]
#[command(name = "lede-train")]
struct Args {
    /// Training data in CoNLL-2003 format (IOB1 or IOB2).
    #[arg(required_unless_present_any = ["show", "dump"], default_value = "")]
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
    /// Independent trainings (seeds `--seed`, `--seed` + 2, ...) whose
    /// weights are averaged into the one model written. With --dev, each
    /// run's own model is scored after each of its epochs, numbered on
    /// across the runs.
    #[arg(long, default_value_t = Config::default().runs)]
    runs: usize,
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
    /// Write the dev predictions here, conlleval style: `token gold predicted` (IOB2) per line.
    #[arg(long)]
    predictions: Option<String>,
    /// Unlabelled text for learning word classes: files or directories; `.json`
    /// files are arrays of articles whose `title` and `body` are read.
    #[arg(long, num_args = 1..)]
    unlabeled: Vec<String>,
    /// Take the word classes from this model file instead of learning them.
    #[arg(long)]
    clusters_from: Option<String>,
    /// Word classes made elsewhere (for instance from word vectors, see
    /// `assets/model/make_word_classes.py`): files of `word<TAB>class` lines,
    /// one clustering each, added after the classes learned or taken above.
    #[arg(long, num_args = 1..)]
    word_classes: Vec<String>,
    /// Number of word classes for each clustering learned (e.g. `--classes 64 512`).
    #[arg(long, num_args = 1.., default_values_t = [64, 512])]
    classes: Vec<usize>,
    /// Passes of the clustering.
    #[arg(long, default_value_t = 12)]
    cluster_iterations: usize,
    /// Name lists for list features, as NAME=FILE or NAME=FILE@MIN: a file of
    /// phrases, one a line (the first tab-separated column; `#` lines
    /// skipped); with @MIN only rows whose second column is a number of at
    /// least MIN. Stored in the model.
    #[arg(long = "list", value_name = "NAME=FILE")]
    lists: Vec<String>,
    /// Instead of training, tag every `.txt` file in this directory with the
    /// shipped (embedded) model and print JSON Lines in the `lede dump` schema
    /// (entities only: one entity per mention, no quotes), for
    /// `ner_eval.py --cmd 'lede-train --dump {dir}'`. The first line of a file
    /// is its title; paragraphs are separated by blank lines.
    #[arg(long)]
    dump: Option<String>,
    /// With --dump: use this model file instead of the embedded one.
    #[arg(long)]
    model: Option<String>,
    /// Instead of training, tag these plain-text files (one paragraph per
    /// non-blank line) with the model at --out and print the names found.
    #[arg(long, num_args = 1..)]
    show: Vec<String>,
    /// Drop features whose averaged weights are all at most this in absolute value.
    #[arg(long, default_value_t = Config::default().prune)]
    prune: f32,
}

/// Reads a `word<TAB>class` file into a clustering keyed like the learned ones
/// (lower-cased, digit-folded word hash); of two words with one key, the
/// lower class wins.
fn read_word_classes(path: &str) -> Result<Clusters> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (word, class) = line
            .split_once('\t')
            .with_context(|| format!("{path}:{}: want word<TAB>class", n + 1))?;
        let class: u16 = class
            .trim()
            .parse()
            .with_context(|| format!("{path}:{}: bad class {class:?}", n + 1))?;
        entries.push((word_key(TokenInfo::new(word).lower), class));
    }
    Ok(Clusters::new(entries))
}

/// Gold and predicted tags side by side, one token per line, blank line between
/// sentences: the input format of conlleval.
fn conlleval_lines(
    dev: &[lede::analysis::tagger::train::Document],
    pred: &[Vec<Vec<lede::analysis::tagger::decode::RawSpan>>],
) -> String {
    let tags = |n: usize, spans: &[lede::analysis::tagger::decode::RawSpan]| {
        let mut t = vec!["O".to_string(); n];
        for &(s, e, ty) in spans {
            for (i, tag) in t.iter_mut().enumerate().take(e).skip(s) {
                let p = if i == s { "B" } else { "I" };
                *tag = format!("{p}-{}", TYPE_NAMES[ty]);
            }
        }
        t
    };
    let mut out = String::new();
    for (doc, pdoc) in dev.iter().zip(pred) {
        for (sent, p) in doc.iter().zip(pdoc) {
            let g = tags(sent.tokens.len(), &sent.spans);
            let p = tags(sent.tokens.len(), p);
            for ((w, g), p) in sent.tokens.iter().zip(g).zip(p) {
                out.push_str(&format!("{w} {g} {p}\n"));
            }
            out.push('\n');
        }
    }
    out
}

/// Reads unlabelled text from files and directories (recursively, in name order).
fn read_unlabeled(paths: &[String], out: &mut Vec<Vec<u32>>) -> Result<usize> {
    let mut files = 0;
    for path in paths {
        let p = std::path::Path::new(path);
        if p.is_dir() {
            let mut entries: Vec<String> = std::fs::read_dir(p)
                .with_context(|| format!("listing {path}"))?
                .filter_map(|e| e.ok())
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            entries.sort();
            files += read_unlabeled(&entries, out)?;
            continue;
        }
        let raw = std::fs::read(p).with_context(|| format!("reading {path}"))?;
        let text = String::from_utf8_lossy(&raw);
        if path.ends_with(".json") {
            let articles: Vec<serde_json::Value> =
                serde_json::from_str(&text).with_context(|| format!("parsing {path}"))?;
            for a in &articles {
                for field in ["title", "body"] {
                    if let Some(t) = a.get(field).and_then(|v| v.as_str()) {
                        out.extend(text_sentences(&t.replace('\n', " ")));
                    }
                }
            }
        } else {
            out.extend(text_sentences(&text));
        }
        files += 1;
    }
    Ok(files)
}

/// CPU time of this thread so far (Linux), so that speed is measured fairly on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tags plain-text files the way `lede` will (its tokenizer, one document per
/// file) and prints each name with its kind, for reading the tagger's output.
fn show(model_path: &str, files: &[String]) -> Result<()> {
    use lede::analysis::tagger::{model::Model, tag_document_with};
    let bytes = std::fs::read(model_path).with_context(|| format!("reading {model_path}"))?;
    let model = Model::from_bytes(&bytes)?;
    for file in files {
        let raw = std::fs::read(file).with_context(|| format!("reading {file}"))?;
        let text = String::from_utf8_lossy(&raw);
        let paragraphs: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let (words, _) = lede::analysis::tagger::sentences_of(&paragraphs);
        println!("== {file}");
        let mut names: Vec<String> = Vec::new();
        for (sent, spans) in words.iter().zip(tag_document_with(&model, &words, &[])) {
            for sp in spans {
                names.push(format!(
                    "{} [{}]",
                    sent[sp.start_token..sp.end_token].join(" "),
                    sp.kind.as_str()
                ));
            }
        }
        println!("{}", names.join(", "));
    }
    Ok(())
}

/// Tags a directory of plain-text articles the way `lede dump` would with the
/// tagger alone, and prints the dump schema's JSON Lines.
fn dump(dir: &str, model_path: Option<&str>) -> Result<()> {
    use lede::analysis::tagger::{shipped_model, tag_document_with};
    use std::io::Write;
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {dir}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let loaded;
    let model = match model_path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            loaded = Model::from_bytes(&bytes)?;
            &loaded
        }
        None => shipped_model().map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in files {
        let raw = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let text = String::from_utf8_lossy(&raw);
        let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
        let title = blocks.next().unwrap_or_default().to_string();
        let paragraphs: Vec<String> = blocks.map(|b| b.replace('\n', " ")).collect();
        // Sentences of the whole article, remembering each token's paragraph and bytes.
        let (words, places) = lede::analysis::tagger::sentences_of(&paragraphs);
        let mut entities = Vec::new();
        for ((pi, offs), spans) in places.iter().zip(tag_document_with(model, &words, &[])) {
            for sp in spans {
                let (start, end) = (offs[sp.start_token].0, offs[sp.end_token - 1].1);
                let surface = &paragraphs[*pi][start..end];
                entities.push(serde_json::json!({
                    "name": surface, "kind": sp.kind.as_str(), "aliases": [surface],
                    "mentions": [{"paragraph": pi, "start": start, "end": end, "text": surface}],
                }));
            }
        }
        let id = path.to_string_lossy().into_owned();
        let record = serde_json::json!({
            "id": id, "source_path": id, "title": title, "source": null, "date": null, "url": null,
            "paragraphs": paragraphs, "quotes": [], "entities": entities, "removed": [],
        });
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(dir) = &args.dump {
        return dump(dir, args.model.as_deref());
    }
    if !args.show.is_empty() {
        return show(&args.out, &args.show);
    }
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
        runs: args.runs,
    };
    let mut clusters: Vec<Clusters> = if let Some(path) = &args.clusters_from {
        let bytes = std::fs::read(path).with_context(|| format!("reading {path}"))?;
        Model::from_bytes(&bytes)?.lexicon.clusters
    } else if args.unlabeled.is_empty() {
        Vec::new()
    } else {
        let mut sents = conll_sentences(&docs);
        let files = read_unlabeled(&args.unlabeled, &mut sents)?;
        let tokens: usize = sents.iter().map(Vec::len).sum();
        eprintln!(
            "learning word classes from the training data and {files} files: {} sentences, {tokens} tokens",
            sents.len()
        );
        args.classes
            .iter()
            .map(|&classes| {
                let t = Instant::now();
                let c = induce(
                    &sents,
                    &InduceConfig { classes, min_count: 3, iterations: args.cluster_iterations },
                    |it, ll| eprintln!("  {classes} classes, pass {it}: log-likelihood per token {ll:.4} ({:.0}s)", t.elapsed().as_secs_f64()),
                );
                eprintln!("  {classes} classes: {} words", c.len());
                c
            })
            .collect()
    };
    for path in &args.word_classes {
        let c = read_word_classes(path)?;
        eprintln!("word classes from {path}: {} words", c.len());
        clusters.push(c);
    }
    let mut named = Vec::new();
    for spec in &args.lists {
        let (name, file) = spec
            .split_once('=')
            .with_context(|| format!("--list wants NAME=FILE, got {spec:?}"))?;
        let (path, min) = match file.rsplit_once('@') {
            Some((p, m)) => (
                p,
                Some(
                    m.parse::<f64>()
                        .with_context(|| format!("bad @MIN in {spec:?}"))?,
                ),
            ),
            None => (file, None),
        };
        let text = read(path)?;
        let phrases: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter(|l| {
                min.is_none_or(|m| {
                    l.split('\t')
                        .nth(1)
                        .and_then(|v| v.trim().parse::<f64>().ok())
                        .is_some_and(|v| v >= m)
                })
            })
            .filter_map(|l| l.split('\t').next())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        eprintln!("list {name}: {} phrases from {path}", phrases.len());
        named.push((name.to_string(), phrases));
    }
    let lexicon = Lexicon::new(clusters, Lists::build(&named));
    eprintln!("training on {} documents, {config:?}", docs.len());
    let t0 = Instant::now();
    let model = train(
        &docs,
        &config,
        &lexicon,
        &[],
        dev.as_deref(),
        |epoch, scores| {
            let elapsed = t0.elapsed().as_secs_f64();
            match scores {
                Some(s) => println!("epoch {epoch:2} {:6.1}s dev {}", elapsed, s.summary()),
                None => println!("epoch {epoch:2} {elapsed:6.1}s"),
            }
        },
    );
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out))?;
    let t_load = Instant::now();
    Model::from_bytes(&bytes)?;
    println!(
        "model parses in {:.1} ms",
        t_load.elapsed().as_secs_f64() * 1e3
    );
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
        if let Some(path) = &args.predictions {
            std::fs::write(path, conlleval_lines(&dev, &pred))
                .with_context(|| format!("writing {path}"))?;
        }
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
