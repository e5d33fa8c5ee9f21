//! `lede-corpus`: benchmark tooling that writes a scale corpus. It replicates
//! the bundled sample and the prose fixtures into N articles, varying the
//! people's names, the numbers and which paragraphs go together, and writes
//! them as plain-text files in nested folders and/or as one JSON Lines file.
//!
//! ```sh
//! cargo run --release --bin lede-corpus -- --articles 100000 \
//!     --files /tmp/lede-100k --jsonl /tmp/lede-100k.jsonl
//! ```
//!
//! The output is deterministic for a given `--seed`. Never commit it.

use clap::Parser;
use lede::model::{Article, EntityKind};
use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes a synthetic scale corpus made from lede's own sample and fixtures.
#[derive(Parser)]
#[command(name = "lede-corpus", about)]
struct Cli {
    /// Number of articles to write.
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// Folder to write one `.txt` file per article into, in nested folders
    /// (`section/batch/000123.txt`, 1,000 files per batch folder).
    #[arg(long)]
    files: Option<PathBuf>,
    /// File to write every article into as JSON Lines.
    #[arg(long)]
    jsonl: Option<PathBuf>,
    /// Seed of the pseudo-random choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Mean article body size in bytes.
    #[arg(long, default_value_t = 2_200)]
    mean_bytes: usize,
}

/// One paragraph of a template article, with the people it names.
struct PoolParagraph {
    text: String,
    /// Byte ranges of person mentions and the words of the canonical name they belong to.
    people: Vec<(std::ops::Range<usize>, Vec<String>)>,
}

/// A template article: its title and paragraphs.
struct Template {
    title: String,
    source: Option<String>,
    paragraphs: Vec<PoolParagraph>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.files.is_none() && cli.jsonl.is_none() {
        eprintln!("lede-corpus: give --files DIR and/or --jsonl FILE");
        return ExitCode::FAILURE;
    }
    let templates = templates();
    if templates.is_empty() {
        eprintln!("lede-corpus: no template article could be loaded");
        return ExitCode::FAILURE;
    }
    match write_corpus(&cli, &templates) {
        Ok((count, bytes)) => {
            eprintln!(
                "lede-corpus: wrote {count} articles, {:.1} MB of text per copy",
                bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lede-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The bundled sample plus the prose fixtures, analysed once to find the
/// person mentions whose names are varied.
fn templates() -> Vec<Template> {
    let mut articles = lede::loader::load_sample().articles;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fixtures");
    let folders = ["quotes", "entities"].map(|f| fixtures.join(f));
    articles.extend(lede::loader::load_paths(&folders).articles);
    articles.iter().map(template).collect()
}

fn template(article: &Article) -> Template {
    let analysis = lede::analysis::analyse(article);
    let mut paragraphs: Vec<PoolParagraph> = article
        .paragraphs
        .iter()
        .map(|p| PoolParagraph {
            text: p.clone(),
            people: Vec::new(),
        })
        .collect();
    for entity in analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
    {
        let words: Vec<String> = entity.name.split(' ').map(str::to_string).collect();
        for span in &entity.mentions {
            if let Some(p) = paragraphs.get_mut(span.paragraph) {
                p.people.push((span.range(), words.clone()));
            }
        }
    }
    for p in &mut paragraphs {
        p.people.sort_by_key(|(range, _)| range.start);
    }
    Template {
        title: article.title.clone(),
        source: article.source.clone(),
        paragraphs,
    }
}

/// SplitMix64: small, fast and good enough to vary text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irene", "James", "Karin",
    "Leon", "Maria", "Nadia", "Oscar", "Paula", "Rafael", "Sara", "Tomas", "Ursula", "Victor",
    "Wendy", "Yusuf", "Zara", "Amir", "Beatriz", "Chen", "Dmitri", "Esther", "Felix", "Giulia",
    "Hassan", "Ingrid", "Jonas", "Kofi", "Lucia", "Marek", "Nina", "Omar", "Priya",
];

const SYLLABLES: &[&str] = &[
    "bar", "cor", "dan", "fel", "gar", "hol", "kin", "lan", "mer", "nor", "pel", "quin", "ros",
    "sal", "tor", "ven", "wil", "yar", "zel", "ash", "bel", "dor", "est", "mont",
];

/// A surname made of two or three syllables, capitalised ("Korvenmont").
fn surname(rng: &mut Rng) -> String {
    let parts = 2 + rng.below(2);
    let mut name: String = (0..parts)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = name.get(..1) {
        name = first.to_uppercase() + &name[1..];
    }
    name
}

/// Generates one article from the templates.
struct Generated {
    title: String,
    source: Option<String>,
    date: String,
    paragraphs: Vec<String>,
}

fn generate(k: usize, templates: &[Template], mean_bytes: usize, rng: &mut Rng) -> Generated {
    let lead = &templates[rng.below(templates.len())];
    // Body size between half and one and a half times the mean.
    let target = mean_bytes / 2 + rng.below(mean_bytes.max(1));
    let mut chosen: Vec<&PoolParagraph> = lead.paragraphs.iter().collect();
    let mut size: usize = chosen.iter().map(|p| p.text.len()).sum();
    while size < target {
        let other = &templates[rng.below(templates.len())];
        let start = rng.below(other.paragraphs.len().max(1));
        for p in other.paragraphs.iter().skip(start).take(3) {
            size += p.text.len();
            chosen.push(p);
        }
    }
    // Cut a long lead down to about the target, keeping at least two paragraphs.
    while chosen.len() > 2 && size > target + target / 2 {
        if let Some(p) = chosen.pop() {
            size -= p.text.len();
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    let paragraphs = chosen
        .iter()
        .map(|p| vary(&rename_people(p, &mut names, rng), k, rng))
        .collect();
    let mut title = lead.title.clone();
    for (old, new) in &names {
        title = title.replace(old.as_str(), new);
    }
    Generated {
        title: vary(&title, k, rng),
        source: lead.source.clone(),
        date: format!(
            "20{:02}-{:02}-{:02}",
            5 + rng.below(20),
            1 + rng.below(12),
            1 + rng.below(28)
        ),
        paragraphs,
    }
}

/// Replaces the words of every person mention with this article's new name
/// for them (one new word per old word, kept for the whole article).
fn rename_people(p: &PoolParagraph, names: &mut HashMap<String, String>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(p.text.len() + 16);
    let mut at = 0;
    for (range, words) in &p.people {
        let (Some(before), Some(mention)) =
            (p.text.get(at..range.start), p.text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        let mut mention = mention.to_string();
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let new = names
                .entry(word.clone())
                .or_insert_with(|| {
                    if last {
                        surname(rng)
                    } else {
                        FIRST_NAMES[rng.below(FIRST_NAMES.len())].to_string()
                    }
                })
                .clone();
            mention = mention.replace(word.as_str(), &new);
        }
        out.push_str(&mention);
        at = range.end;
    }
    out.push_str(p.text.get(at..).unwrap_or(""));
    out
}

/// Varies the numbers: every run of digits becomes another run of the same length.
fn vary(text: &str, k: usize, rng: &mut Rng) -> String {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            // Keep a leading digit non-zero so "2022" stays a four-digit number.
            let d = if digits == 0 {
                1 + (rng.below(9) + k) % 9
            } else {
                rng.below(10)
            };
            out.push(char::from(b'0' + d as u8));
            digits += 1;
        } else {
            digits = 0;
            out.push(c);
        }
    }
    out
}

/// Writes the corpus; returns the article count and the bytes of text per copy.
fn write_corpus(cli: &Cli, templates: &[Template]) -> std::io::Result<(usize, u64)> {
    const SECTIONS: [&str; 5] = ["business", "culture", "politics", "sport", "world"];
    let mut rng = Rng(cli.seed);
    let mut jsonl = match &cli.jsonl {
        Some(path) => Some(BufWriter::new(fs::File::create(path)?)),
        None => None,
    };
    let mut bytes = 0u64;
    for k in 0..cli.articles {
        let article = generate(k, templates, cli.mean_bytes, &mut rng);
        let body = article.paragraphs.join("\n\n");
        bytes += (article.title.len() + 2 + body.len() + 1) as u64;
        if let Some(root) = &cli.files {
            let section = SECTIONS[k % SECTIONS.len()];
            let dir = root.join(section).join(format!("{:03}", k / 1000));
            if k % 1000 < SECTIONS.len() {
                fs::create_dir_all(&dir)?;
            }
            let text = format!("{}\n\n{body}\n", article.title);
            fs::write(dir.join(format!("{k:06}.txt")), text)?;
        }
        if let Some(out) = &mut jsonl {
            let record = serde_json::json!({
                "title": article.title,
                "source": article.source,
                "date": article.date,
                "url": format!("https://example.org/news/{k:06}"),
                "body": article.paragraphs,
            });
            writeln!(out, "{record}")?;
        }
    }
    if let Some(mut out) = jsonl {
        out.flush()?;
    }
    Ok((cli.articles, bytes))
}
