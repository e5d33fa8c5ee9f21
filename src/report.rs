//! `lede entities` and `lede quotes`: what a whole collection says, as rows
//! printed as an aligned table, tab-separated values or JSON Lines. The
//! collection is read through the streaming pipeline
//! ([`crate::pipeline::analyse_in_order`]) and its names unified exactly as
//! the reader's sidebar unifies them in collection scope (a [`Unifier`] over
//! every article, then [`CollectionIndex::rename`]). No terminal here: the
//! caller says how wide the table may be.
//!
//! | module | role |
//! | --- | --- |
//! | [`entities`] | one row per entity: name, kind, articles, mentions, aliases |
//! | [`quotes`] | one row per quote: speaker, words, article title, date |
//! | [`table`] | cells laid out in columns, fitted to a width |

pub mod entities;
pub mod quotes;
pub mod search;
pub mod table;

use crate::analysis::index::{CollectionIndex, Unifier};
use crate::corrections::Corrections;
use crate::loader::LoadError;
use crate::model::{Analysis, Article};
use crate::pipeline::{self, DumpSummary, Source};
use foldhash::HashMap;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::ops::ControlFlow;
use table::{Column, Table};

/// The articles of a collection as the reports need them, names unified.
#[derive(Debug, Default)]
pub struct Collection {
    /// Every entity, as the reader's sidebar has it in collection scope.
    pub index: CollectionIndex,
    /// Collection name → the other names and surface forms seen for it.
    aliases: HashMap<String, BTreeSet<String>>,
    /// The articles that hold a quote, for the quotes' titles and dates.
    articles: Vec<ArticleMeta>,
    /// Every quote, in load order, speakers by collection name.
    quotes: Vec<quotes::Said>,
}

/// What a quote row shows of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ArticleMeta {
    id: String,
    title: String,
    date: Option<String>,
    url: Option<String>,
}

/// What one article gives the reports, made on the pipeline's workers.
pub struct Gleaned {
    analysis: Analysis,
    meta: ArticleMeta,
    quotes: Vec<quotes::Said>,
    /// How often each of the corrections' phrases occurs (see [`Corrections::phrases`]).
    hits: Vec<usize>,
}

impl Gleaned {
    /// Keeps what the reports need of `article` (its quotes' words only when
    /// `with_quotes`, how often each of `phrases` occurs), dropping its text.
    pub fn new(
        article: &Article,
        mut analysis: Analysis,
        with_quotes: bool,
        phrases: &[&str],
    ) -> Gleaned {
        let hits = phrases
            .iter()
            .map(|p| crate::corrections::apply::count_phrase(&article.paragraphs, p))
            .collect();
        let quotes = if with_quotes {
            quotes::said(article, &analysis)
        } else {
            Vec::new()
        };
        analysis.quotes = Vec::new();
        Gleaned {
            analysis,
            meta: ArticleMeta {
                id: article.id.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                url: article.url.clone(),
            },
            quotes,
            hits,
        }
    }
}

/// Builds a [`Collection`] one article at a time, in load order.
#[derive(Debug, Default)]
pub struct Gatherer {
    index: CollectionIndex,
    unifier: Unifier,
    /// Each article's own name → the surface forms seen for it.
    aliases: HashMap<String, BTreeSet<String>>,
    articles: Vec<ArticleMeta>,
    quotes: Vec<quotes::Said>,
    count: usize,
    /// The reader's corrections, applied once names are unified.
    corrections: Corrections,
    /// For each of the corrections' phrases, the articles holding it and how often.
    hits: Vec<Vec<(usize, usize)>>,
}

impl Gatherer {
    /// A gatherer that applies `corrections` once names are unified.
    pub fn corrected(corrections: Corrections) -> Gatherer {
        Gatherer {
            corrections,
            ..Gatherer::default()
        }
    }

    /// Adds the next article.
    pub fn add(&mut self, gleaned: Gleaned) {
        let Gleaned {
            analysis,
            meta,
            quotes,
            hits,
        } = gleaned;
        self.hits.resize_with(hits.len(), Vec::new);
        for (list, n) in self.hits.iter_mut().zip(hits) {
            if n > 0 {
                list.push((self.count, n));
            }
        }
        self.index.add(self.count, &analysis);
        self.unifier.add(&analysis);
        self.count += 1;
        for entity in analysis.entities {
            self.aliases
                .entry(entity.name)
                .or_default()
                .extend(entity.aliases);
        }
        if !quotes.is_empty() {
            let article = self.articles.len();
            self.articles.push(meta);
            self.quotes.extend(
                quotes
                    .into_iter()
                    .map(|said| quotes::Said { article, ..said }),
            );
        }
    }

    /// Unifies the names across everything added, as the reader does once
    /// the last article is in.
    pub fn finish(self) -> Collection {
        let Gatherer {
            mut index,
            unifier,
            aliases: own,
            articles,
            mut quotes,
            corrections,
            hits,
            ..
        } = self;
        let renames = unifier.renames();
        index.rename(&renames);
        index.sort();
        let phrases = corrections.phrases();
        let hits_of = |phrase: &str| {
            phrases
                .iter()
                .position(|p| *p == phrase)
                .and_then(|i| hits.get(i).cloned())
                .unwrap_or_default()
        };
        corrections.apply_to_index(&mut index, &hits_of);
        let mut aliases: HashMap<String, BTreeSet<String>> = HashMap::default();
        for (name, forms) in own {
            let collection = renames.name(&name).to_string();
            let set = aliases.entry(collection.clone()).or_default();
            set.extend(forms);
            if collection != name {
                set.insert(name);
            }
        }
        corrections.correct_aliases(&mut aliases);
        for (name, set) in &mut aliases {
            set.remove(name);
        }
        for said in &mut quotes {
            if let Some(speaker) = &mut said.speaker
                && let Some(collection) = renames.names.get(speaker.as_str())
            {
                speaker.clone_from(collection);
            }
            let corrected = said
                .speaker
                .as_deref()
                .map(|s| corrections.name(s).to_string());
            said.speaker = corrected.filter(|s| !corrections.hidden.contains(s));
        }
        Collection {
            index,
            aliases,
            articles,
            quotes,
        }
    }
}

impl Collection {
    /// The other names and surface forms of the entity called `name`, sorted.
    pub fn aliases(&self, name: &str) -> impl Iterator<Item = &str> {
        self.aliases
            .get(name)
            .into_iter()
            .flat_map(|set| set.iter().map(String::as_str))
    }
}

/// Reads `source` and gathers its collection, analysing on `workers`
/// threads; `problem` gets each load problem as it is found, with whether the
/// file was skipped. Quotes are kept only `with_quotes`.
///
/// # Errors
/// None in practice: nothing is written while gathering.
pub fn gather(
    source: &Source,
    workers: usize,
    with_quotes: bool,
    problem: impl FnMut(&LoadError, bool) + Send,
) -> io::Result<(Collection, DumpSummary)> {
    gather_corrected(
        source,
        workers,
        with_quotes,
        Corrections::default(),
        problem,
    )
}

/// [`gather`] with the reader's `corrections` applied once names are unified.
///
/// # Errors
/// None in practice: nothing is written while gathering.
pub fn gather_corrected(
    source: &Source,
    workers: usize,
    with_quotes: bool,
    corrections: Corrections,
    problem: impl FnMut(&LoadError, bool) + Send,
) -> io::Result<(Collection, DumpSummary)> {
    let phrases: Vec<String> = corrections
        .phrases()
        .iter()
        .map(|p| (*p).to_string())
        .collect();
    let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
    let mut gatherer = Gatherer::corrected(corrections);
    let summary = pipeline::analyse_in_order(
        source,
        workers,
        problem,
        |article, analysis| Gleaned::new(&article, analysis, with_quotes, &phrases),
        |gleaned| {
            gatherer.add(gleaned);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    Ok((gatherer.finish(), summary))
}

/// How to print rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table with a header, fitted to this many columns (a terminal).
    Table(usize),
    /// One line per row, cells separated by tabs, no header (a pipe or a file).
    Tsv,
    /// One JSON object per row, one per line.
    JsonLines,
}

/// A report's row: its JSON form, and its cells under [`Row::COLUMNS`].
pub trait Row: Serialize {
    const COLUMNS: &'static [Column];

    /// The cells, one per column, as the table shows them.
    fn cells(&self) -> Vec<String>;
}

/// Prints `rows` to `out` in `format`. A closed pipe is not an error.
///
/// # Errors
/// When writing fails.
pub fn write<R: Row>(rows: &[R], format: Format, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let result = match format {
        Format::JsonLines => rows.iter().try_for_each(|row| {
            serde_json::to_writer(&mut out, row).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }),
        Format::Tsv | Format::Table(_) => {
            let mut table = Table::new(R::COLUMNS);
            for row in rows {
                table.push(row.cells());
            }
            let text = match format {
                Format::Table(width) if !rows.is_empty() => table.render(width),
                Format::Table(_) => String::new(),
                _ => table.tsv(),
            };
            out.write_all(text.as_bytes())
        }
    };
    result
        .and_then(|()| out.flush())
        .or_else(crate::dump::quiet_broken_pipe)
}

/// The bundled sample: its articles and their own analyses.
#[cfg(test)]
fn sample() -> (Vec<Article>, Vec<Analysis>) {
    let articles = crate::loader::load_sample().articles;
    let analyses = articles.iter().map(crate::analysis::analyse).collect();
    (articles, analyses)
}

/// The bundled sample gathered through the pipeline, as the commands do.
#[cfg(test)]
fn test_collection() -> Collection {
    let (collection, summary) =
        gather(&Source::Sample, 2, true, |problem, _| panic!("{problem}")).expect("gathered");
    assert_eq!(summary.articles, sample().0.len());
    collection
}

#[cfg(test)]
mod tests {
    use super::*;
    use entities::EntityRow;

    fn printed(rows: &[EntityRow], format: Format) -> String {
        let mut out = Vec::new();
        write(rows, format, &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn rows_print_as_a_table_tab_separated_or_json_lines() {
        let rows = entities::rows(&test_collection());
        let table = printed(&rows, Format::Table(80));
        let mut lines = table.lines();
        assert_eq!(
            lines
                .next()
                .map(|l| l.split_whitespace().collect::<Vec<_>>()),
            Some(vec!["NAME", "KIND", "ARTICLES", "MENTIONS", "ALIASES"])
        );
        assert!(
            table
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
        );
        assert_eq!(table.lines().count(), rows.len() + 1);

        let tsv = printed(&rows, Format::Tsv);
        let first: Vec<&str> = tsv.lines().next().expect("a line").split('\t').collect();
        assert_eq!(first.len(), 5, "{first:?}");
        assert_eq!(first[0], rows[0].name);
        assert_eq!(first[2], rows[0].articles.to_string());

        let json = printed(&rows, Format::JsonLines);
        let objects: Vec<serde_json::Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).expect("one object a line"))
            .collect();
        assert_eq!(objects.len(), rows.len());
        assert_eq!(objects[0]["name"], rows[0].name.as_str());
        assert_eq!(objects[0]["kind"], rows[0].kind.as_str());
        assert!(objects[0]["aliases"].is_array());
        assert_eq!(printed(&[], Format::Table(80)), "");
    }
}
