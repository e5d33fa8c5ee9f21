//! Analysis per MB: quotes, speakers, entities and aliases of the sample and
//! the prose fixtures (about 14 KB), reported as throughput; time per MB is
//! its inverse. And one article of about 1 MiB (the most one article holds
//! once the loader cuts long ones into parts) made of the text shapes that
//! once took quadratic time, to keep the analysis linear whatever the text.
//!
//! And the parsing of the embedded tagger model, which the first article pays.
//!
//! `cargo bench --bench analysis` (`-- adversarial` for the second only,
//! `-- model_load` for the model)

#[path = "common.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lede::model::Article;
use std::hint::black_box;

fn analysis(c: &mut Criterion) {
    let articles = common::templates();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(common::body_bytes(&articles)));
    group.bench_function("per_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(lede::analysis::analyse(a));
            }
        });
    });
    group.finish();

    let article = adversarial_article(&articles, 1_040_000);
    let mut group = c.benchmark_group("analysis");
    // A quarter of a second per run: ten samples are plenty.
    group.sample_size(10);
    group.throughput(Throughput::Bytes(common::body_bytes(std::slice::from_ref(
        &article,
    ))));
    group.bench_function("adversarial_1mib", |b| {
        b.iter(|| black_box(lede::analysis::analyse(&article)));
    });
    group.finish();

    let mut group = c.benchmark_group("analysis");
    group.sample_size(20);
    group.bench_function("model_load", |b| {
        b.iter(|| black_box(lede::analysis::tagger::load_shipped_model()));
    });
    group.finish();
}

/// A deterministic stream of pseudo-random numbers (xorshift64), so that the
/// article is the same on every run without a dependency.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// About `bytes` of text from the words of `templates` (the sample and the
/// prose fixtures), through the real loader: each shape that once took
/// quadratic time, once and big enough that it would again cost more than the
/// whole rest (a chain of initials, a run of full stops, a long run of
/// capitalised words ending in titles and abbreviations, names glued by
/// slashes, a long paragraph before a paragraph of quotes, thousands of names
/// sharing a first and last word, acronyms repeated and spelled by many names,
/// organisation names sharing an ending, a sentence opening with brackets,
/// works named again and lists of examples),
/// then ordinary prose, quotes of every kind, pronouns and short paragraphs.
fn adversarial_article(templates: &[Article], bytes: usize) -> Article {
    let text: Vec<&str> = templates
        .iter()
        .flat_map(|a| &a.paragraphs)
        .flat_map(|p| p.split_whitespace())
        .collect();
    let names: Vec<&str> = text
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() > 2 && w.chars().all(char::is_alphabetic))
        .filter(|w| w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase))
        .collect();
    // Names by their initial, for names that share initials.
    let initial =
        |c: char| -> Vec<&str> { names.iter().copied().filter(|w| w.starts_with(c)).collect() };
    let (firsts, seconds) = (initial('S'), initial('M'));
    let mut dice = Dice(0x5eed_1ede);
    let words = |dice: &mut Dice, n: usize| -> String {
        (0..n)
            .map(|_| dice.pick(&text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Sentences of one shape, twenty to a paragraph.
    let paragraphs = |n: usize, sentence: &mut dyn FnMut() -> String| -> String {
        let sentences: Vec<String> = (0..n).map(|_| sentence()).collect();
        sentences
            .chunks(20)
            .map(|c| c.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let mut blocks = vec![
        format!("{} said.", "A.".repeat(40_000)),
        format!("The talks{} went on.", ".".repeat(50_000)),
        format!(
            "Then {} MPs{} spoke.",
            (0..10_000)
                .map(|_| dice.pick(&names))
                .collect::<Vec<_>>()
                .join(" "),
            " MPs".repeat(1_000)
        ),
        format!("{}/said/\"yes\"/", dice.pick(&names)).repeat(4_000),
        format!(
            "{}.\n\n{}",
            words(&mut dice, 10_000),
            "\"Yes\" ".repeat(3_000)
        ),
        format!(
            "Talks. {}{}",
            "( ".repeat(30_000),
            format!("{} ( ", dice.pick(&names)).repeat(2_000)
        ),
    ];
    let (ali, smith) = (dice.pick(&names), dice.pick(&names));
    blocks.push(paragraphs(3_000, &mut || {
        let (a, b, c) = (dice.pick(&names), dice.pick(&names), dice.pick(&names));
        format!("{ali} {a} {smith} met {ali} {b} {c} {smith}.")
    }));
    let (a, b) = (dice.pick(&names), dice.pick(&names));
    let acronym: String = [a, b, "Bank"]
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    blocks.push(paragraphs(1_500, &mut || {
        format!("The {a} {b} Bank ({acronym}) paid the {acronym}.")
    }));
    blocks.push(paragraphs(1_500, &mut || {
        let (s, m) = (dice.pick(&firsts), dice.pick(&seconds));
        format!("The {s} {m} (SMX) and the SM met.")
    }));
    blocks.push(paragraphs(2_000, &mut || {
        let place = dice.pick(&names);
        format!("The {place} Defence Ministry and the Defence Ministry met.")
    }));
    // Acronyms spelled out over many small words, products with codes and
    // variants, a lone capital's dot before a name (`terms.rs`, `models.rs`,
    // `products.rs`, `tokens.rs`).
    blocks.push(paragraphs(1_500, &mut || {
        let (n, m) = (dice.pick(&names), dice.pick(&names));
        format!(
            "The {} (TAAAAA) and digital rights management (DRM) met. {n} Series X. {m} sold \
             Apple AirPods 2, a Boeing 737-800 Max and the {m} 787-9.",
            "a ".repeat(12)
        )
    }));
    // Works a cue names, written again thousands of times, and lists of
    // examples after "such as" (`works.rs`, `kinds.rs`).
    blocks.push(paragraphs(2_000, &mut || {
        let (n, m) = (dice.pick(&names), dice.pick(&names));
        format!(
            "The film {n} of {m} opened. In {n} of {m}, broadcasters such as {n}, {m}, {n} \
             and {m} met."
        )
    }));
    let mut out = String::from("An article of every shape\n\n");
    for block in blocks {
        out.push_str(&block);
        out.push_str("\n\n");
    }
    while out.len() < bytes {
        let name = format!("{} {}", dice.pick(&names), dice.pick(&names));
        let paragraph = match dice.below(6) {
            0..=2 => {
                let n = 40 + dice.below(160);
                format!("{}.", words(&mut dice, n))
            }
            3 => format!(
                "\"{}\" {name} said. “{} ‘{}’ {}” she said. \"{} 'twas {}",
                words(&mut dice, 12),
                words(&mut dice, 8),
                words(&mut dice, 3),
                words(&mut dice, 5),
                words(&mut dice, 6),
                words(&mut dice, 10),
            ),
            4 => format!("\"Yes,\" he said. \"No,\" {name} told the BBC. She agreed."),
            _ => "Hi.\n\nHe left.\n\n".repeat(5),
        };
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    // Parsed as plain text without the loader's cut into 256 KiB parts: the
    // analysis itself must be linear, and a bigger article shows it better.
    let (mut articles, _) = lede::loader::text::parse("adversarial.txt", &out, false)
        .unwrap_or_else(|e| panic!("the generated article loads: {e:?}"));
    assert_eq!(articles.len(), 1, "one article");
    articles.remove(0)
}

criterion_group!(benches, analysis);
criterion_main!(benches);
