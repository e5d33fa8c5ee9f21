//! The open article laid out as lines for the body pane: title, metadata, and
//! each paragraph wrapped by [`crate::reflow`] into byte ranges, with a
//! `— Speaker` line after each paragraph with attributed quotes (one per
//! speaker, naming the quotes by their opening words when the paragraph also
//! holds quotes by someone else or by no one). Also the marks (quotes and mentions) per
//! paragraph and the sweep that cuts a line into segments by meaning. No styles
//! here: the ui turns a segment's meaning into a style with its theme.

use crate::date;
use crate::model::{Analysis, Article};
use crate::reflow;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// One line of the body pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyLine {
    /// A line of the article's title: a byte range over `Article::title`.
    Title(Range<usize>),
    /// A line of metadata (source, date, author, url), already composed.
    Meta(String),
    /// Space between blocks.
    Blank,
    /// A wrapped line of a paragraph: a byte range over that paragraph.
    Text {
        paragraph: usize,
        range: Range<usize>,
    },
    /// Who spoke quotes of the paragraph above.
    Attribution(Attribution),
}

/// A `— Speaker` line: one speaker and, when the paragraph also holds quotes
/// that speaker did not say, the opening words of the quotes that are theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The opening words of this speaker's quotes (`“Some leaders…”`), empty
    /// when every quote of the paragraph is theirs.
    pub openings: Vec<String>,
    /// The speaker's name.
    pub speaker: String,
    /// Index of the speaker into the open article's `Analysis::entities`.
    pub entity: usize,
}

impl Attribution {
    /// The line as plain text: `“Some leaders…” — Ali Khamenei`.
    pub fn text(&self) -> String {
        let mut text = self.openings.join(", ");
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str("— ");
        text.push_str(&self.speaker);
        text
    }
}

/// A mention of an entity inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionMark {
    pub range: Range<usize>,
    /// Index into the open article's `Analysis::entities`.
    pub entity: usize,
    /// Index into that entity's `mentions`.
    pub index: usize,
}

/// A quote (its words, without the marks) inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMark {
    pub range: Range<usize>,
    /// Index into the open article's `Analysis::quotes`.
    pub quote: usize,
}

/// Everything marked in one paragraph, each list sorted by start and free of
/// overlaps (an analysis bug must not become a drawing bug).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphMarks {
    pub mentions: Vec<MentionMark>,
    pub quotes: Vec<QuoteMark>,
}

/// A match of the body search inside a paragraph (or the title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchMark {
    pub range: Range<usize>,
    /// Its place among the open article's matches, in reading order.
    pub index: usize,
}

/// A stretch of one line with a single meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    /// The quote this stretch is inside, if any.
    pub quote: Option<usize>,
    /// The mention this stretch is part of, if any.
    pub mention: Option<MentionMark>,
    /// The search match this stretch is part of, if any.
    pub matched: Option<usize>,
}

/// Collects the marks of every paragraph of `article`, dropping spans that are
/// out of range, not on char boundaries, or overlap an earlier one.
pub fn marks(article: &Article, analysis: &Analysis) -> Vec<ParagraphMarks> {
    let mut marks = vec![ParagraphMarks::default(); article.paragraphs.len()];
    let valid = |paragraph: usize, range: &Range<usize>| {
        article
            .paragraphs
            .get(paragraph)
            .is_some_and(|text| range.start < range.end && text.get(range.clone()).is_some())
    };
    for (entity, e) in analysis.entities.iter().enumerate() {
        for (index, span) in e.mentions.iter().enumerate() {
            if valid(span.paragraph, &span.range()) {
                marks[span.paragraph].mentions.push(MentionMark {
                    range: span.range(),
                    entity,
                    index,
                });
            }
        }
    }
    for (quote, q) in analysis.quotes.iter().enumerate() {
        if valid(q.span.paragraph, &q.span.range()) {
            marks[q.span.paragraph].quotes.push(QuoteMark {
                range: q.span.range(),
                quote,
            });
        }
    }
    for m in &mut marks {
        // Longest first among equal starts, so an overlap keeps the wider span.
        m.mentions
            .sort_by_key(|x| (x.range.start, std::cmp::Reverse(x.range.end)));
        m.mentions = drop_overlaps(std::mem::take(&mut m.mentions), |x| &x.range);
        m.quotes
            .sort_by_key(|x| (x.range.start, std::cmp::Reverse(x.range.end)));
        m.quotes = drop_overlaps(std::mem::take(&mut m.quotes), |x| &x.range);
    }
    marks
}

/// Keeps the items (sorted by start) that do not overlap the last kept one.
fn drop_overlaps<T>(items: Vec<T>, range: impl Fn(&T) -> &Range<usize>) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if kept
            .last()
            .is_none_or(|last| range(last).end <= range(&item).start)
        {
            kept.push(item);
        }
    }
    kept
}

/// True when the title was made from the first sentence (plain text without a
/// headline): the body's first paragraph already says it, so it is not shown twice.
fn title_opens_the_body(article: &Article) -> bool {
    let title = article.title.trim_end_matches('…').trim_end();
    !title.is_empty()
        && article
            .paragraphs
            .first()
            .is_some_and(|first| first.starts_with(title) && first.len() > title.len())
}

/// Lays the article out for a text column `width` wide; `also_in` are the
/// other sources the article also came from.
pub fn layout(
    article: &Article,
    analysis: &Analysis,
    also_in: &[String],
    width: usize,
) -> Vec<BodyLine> {
    let mut lines: Vec<BodyLine> = if title_opens_the_body(article) {
        Vec::new()
    } else {
        reflow::wrap(&article.title, width)
            .into_iter()
            .map(BodyLine::Title)
            .collect()
    };
    let date = article.date.as_deref().map(date::full);
    let about: Vec<&str> = [article.source.as_deref(), date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let mut meta = about.join(" · ");
    if let Some(author) = &article.author {
        if !meta.is_empty() {
            meta.push_str(" · ");
        }
        meta.push_str("by ");
        meta.push_str(author);
    }
    let also_in = (!also_in.is_empty()).then(|| format!("also in: {}", also_in.join(", ")));
    let meta = (!meta.is_empty()).then_some(meta);
    for text in [meta, also_in].into_iter().flatten() {
        lines.extend(
            reflow::wrap(&text, width)
                .into_iter()
                .filter_map(|r| text.get(r))
                .map(|s| BodyLine::Meta(s.to_string())),
        );
    }
    // A url is one line, cut with `…` when too long: its pieces would mean nothing.
    if let Some(url) = article.url.as_deref().filter(|u| !u.is_empty()) {
        let pieces = reflow::wrap(url, width);
        if let Some(first) = pieces.first().and_then(|r| url.get(r.clone())) {
            let mut line = first.to_string();
            if pieces.len() > 1 {
                line.pop();
                line.push('…');
            }
            lines.push(BodyLine::Meta(line));
        }
    }
    for (paragraph, text) in article.paragraphs.iter().enumerate() {
        // A blank line between paragraphs, and after the title, not above the first line.
        if !lines.is_empty() {
            lines.push(BodyLine::Blank);
        }
        lines.extend(
            reflow::wrap(text, width)
                .into_iter()
                .map(|range| BodyLine::Text { paragraph, range }),
        );
        // Speakers go after the paragraph rather than after the quote's own
        // line, so the sentence is not cut in two.
        lines.extend(
            attributions(article, analysis, paragraph, width)
                .into_iter()
                .map(BodyLine::Attribution),
        );
    }
    lines
}

/// The `— Speaker` lines of `paragraph`: one per speaker, in the order they
/// first speak. Every attributed quote shows its own speaker, also each piece
/// of a quotation that runs over several paragraphs; when the paragraph holds
/// quotes of more than one speaker, or quotes no one was found to say, each
/// line names its quotes by their opening words, so that no quote sits under
/// a line that is not its speaker's.
fn attributions(
    article: &Article,
    analysis: &Analysis,
    paragraph: usize,
    width: usize,
) -> Vec<Attribution> {
    let Some(text) = article.paragraphs.get(paragraph) else {
        return Vec::new();
    };
    let quotes: Vec<&crate::model::Quote> = analysis
        .quotes
        .iter()
        .filter(|q| q.span.paragraph == paragraph && text.get(q.span.range()).is_some())
        .collect();
    // (speaker, opening words of each of its quotes)
    let mut speakers: Vec<(usize, Vec<&str>)> = Vec::new();
    for q in &quotes {
        let Some(entity) = q.speaker.filter(|&e| e < analysis.entities.len()) else {
            continue;
        };
        let words = text.get(q.span.range()).unwrap_or("");
        match speakers.iter_mut().find(|(e, _)| *e == entity) {
            Some((_, openings)) => openings.push(words),
            None => speakers.push((entity, vec![words])),
        }
    }
    let one_voice = speakers.len() == 1 && quotes.iter().all(|q| q.speaker.is_some());
    speakers
        .into_iter()
        .map(|(entity, words)| {
            let speaker = analysis.entities[entity].name.clone();
            let openings = if one_voice {
                Vec::new()
            } else {
                // What is left of the width for the openings, each with its
                // marks, `…` and separator.
                let room = width.saturating_sub(UnicodeWidthStr::width(speaker.as_str()) + 3);
                let each = (room / words.len()).saturating_sub(4).min(OPENING_WIDTH);
                words.iter().map(|w| opening(w, each)).collect()
            };
            Attribution {
                openings,
                speaker,
                entity,
            }
        })
        .collect()
}

/// The most a quote's opening words take on a `— Speaker` line.
const OPENING_WIDTH: usize = 24;

/// A quote's first words, at most `width` columns, in curly marks, with `…`
/// when cut: `“Some leaders of…”`. Cut at a word boundary where there is one.
fn opening(words: &str, width: usize) -> String {
    let words = words.trim();
    let mut end = 0;
    let mut used = 0;
    for (i, c) in words.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        end = i + c.len_utf8();
    }
    let whole = end == words.len();
    let mut cut = &words[..end];
    if !whole {
        if let Some(space) = cut.rfind(char::is_whitespace).filter(|&s| s > 0) {
            cut = &cut[..space];
        }
        cut = cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    }
    let tail = if whole { "" } else { "…" };
    format!("“{cut}{tail}”")
}

/// Cuts the line `line` of a paragraph into segments by meaning.
///
/// # Algorithm
///
/// One sweep from the line's start to its end with a cursor into each sorted,
/// non-overlapping mark list (quotes, mentions and search `matches`). At each position we skip
/// marks that ended at or before it, note whether the next quote and next
/// mention cover the position, and step to the nearest boundary: the end of
/// the covering mark(s), the start of the next mark, or the line's end. Each
/// step is one segment, so segments tile the line exactly and their text
/// concatenates back to it. Linear in line length plus marks.
pub fn segments(marks: &ParagraphMarks, matches: &[MatchMark], line: Range<usize>) -> Vec<Segment> {
    let mut out = Vec::new();
    let (mut qi, mut mi, mut si) = (0, 0, 0);
    let mut at = line.start;
    while at < line.end {
        while marks.quotes.get(qi).is_some_and(|q| q.range.end <= at) {
            qi += 1;
        }
        while marks.mentions.get(mi).is_some_and(|m| m.range.end <= at) {
            mi += 1;
        }
        while matches.get(si).is_some_and(|m| m.range.end <= at) {
            si += 1;
        }
        let quote = marks.quotes.get(qi);
        let mention = marks.mentions.get(mi);
        let matched = matches.get(si);
        let mut next = line.end;
        let ranges = [
            quote.map(|q| &q.range),
            mention.map(|m| &m.range),
            matched.map(|m| &m.range),
        ];
        for range in ranges.into_iter().flatten() {
            next = next.min(if range.start <= at {
                range.end
            } else {
                range.start
            });
        }
        out.push(Segment {
            range: at..next,
            quote: quote.filter(|q| q.range.start <= at).map(|q| q.quote),
            mention: mention.filter(|m| m.range.start <= at).cloned(),
            matched: matched.filter(|m| m.range.start <= at).map(|m| m.index),
        });
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture;
    use crate::model::EntityKind;

    fn marks_of(mentions: &[(usize, usize)], quotes: &[(usize, usize)]) -> ParagraphMarks {
        ParagraphMarks {
            mentions: mentions
                .iter()
                .enumerate()
                .map(|(index, &(s, e))| MentionMark {
                    range: s..e,
                    entity: 0,
                    index,
                })
                .collect(),
            quotes: quotes
                .iter()
                .enumerate()
                .map(|(quote, &(s, e))| QuoteMark { range: s..e, quote })
                .collect(),
        }
    }

    #[test]
    fn segments_tile_the_line_table() {
        // (mentions, quotes, line, expected (range, in quote, in mention))
        type Case = (
            &'static [(usize, usize)],
            &'static [(usize, usize)],
            Range<usize>,
            &'static [(usize, usize, bool, bool)],
        );
        let cases: &[Case] = &[
            (&[], &[], 0..10, &[(0, 10, false, false)]),
            (
                &[(2, 4)],
                &[],
                0..10,
                &[
                    (0, 2, false, false),
                    (2, 4, false, true),
                    (4, 10, false, false),
                ],
            ),
            // a mention inside a quote
            (
                &[(3, 5)],
                &[(1, 8)],
                0..10,
                &[
                    (0, 1, false, false),
                    (1, 3, true, false),
                    (3, 5, true, true),
                    (5, 8, true, false),
                    (8, 10, false, false),
                ],
            ),
            // marks cut by the line's edges
            (
                &[(0, 6)],
                &[(4, 20)],
                5..12,
                &[(5, 6, true, true), (6, 12, true, false)],
            ),
            // marks entirely before or after the line
            (
                &[(0, 2), (20, 22)],
                &[(0, 3)],
                5..12,
                &[(5, 12, false, false)],
            ),
            (&[], &[], 4..4, &[]),
        ];
        for (mentions, quotes, line, want) in cases {
            let got: Vec<(usize, usize, bool, bool)> =
                segments(&marks_of(mentions, quotes), &[], line.clone())
                    .into_iter()
                    .map(|s| {
                        (
                            s.range.start,
                            s.range.end,
                            s.quote.is_some(),
                            s.mention.is_some(),
                        )
                    })
                    .collect();
            assert_eq!(&got, want, "line {line:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn segments_tile_any_line(
            cuts in proptest::collection::vec(0usize..60, 0..12),
            start in 0usize..60,
            len in 0usize..60,
        ) {
            // Sorted cut points paired up: non-overlapping marks, alternately
            // given to mentions and quotes (which may then overlap each other).
            let mut cuts = cuts;
            cuts.sort_unstable();
            let pairs: Vec<(usize, usize)> = cuts
                .chunks_exact(2)
                .map(|c| (c[0], c[1]))
                .filter(|(s, e)| s < e)
                .collect();
            let mentions: Vec<(usize, usize)> = pairs.iter().copied().step_by(2).collect();
            let quotes: Vec<(usize, usize)> = pairs.iter().copied().skip(1).step_by(2).collect();
            // Search matches may overlap both.
            let found: Vec<(usize, usize)> = pairs.iter().copied().step_by(3).collect();
            let matches: Vec<MatchMark> = found
                .iter()
                .enumerate()
                .map(|(index, &(s, e))| MatchMark { range: s..e, index })
                .collect();
            let marks = marks_of(&mentions, &quotes);
            let line = start..start + len;
            let mut at = line.start;
            for segment in segments(&marks, &matches, line.clone()) {
                proptest::prop_assert_eq!(segment.range.start, at);
                proptest::prop_assert!(segment.range.end > at);
                let inside = |(s, e): &(usize, usize)| *s <= at && at < *e;
                proptest::prop_assert_eq!(segment.mention.is_some(), mentions.iter().any(inside));
                proptest::prop_assert_eq!(segment.quote.is_some(), quotes.iter().any(inside));
                proptest::prop_assert_eq!(segment.matched.is_some(), found.iter().any(inside));
                at = segment.range.end;
            }
            proptest::prop_assert_eq!(at, line.end);
        }
    }

    #[test]
    fn marks_drop_invalid_and_overlapping_spans() {
        let (article, mut analysis) = fixture::article("T", &["héllo world"])
            .entity("World", EntityKind::Place, &["world"])
            .build();
        let bad = crate::model::Span::new(0, 2, 3); // inside the two-byte 'é'
        let overlapping = crate::model::Span::new(0, 8, 12);
        let out_of_range = crate::model::Span::new(5, 0, 1);
        analysis.entities[0]
            .mentions
            .extend([bad, overlapping, out_of_range]);
        let m = marks(&article, &analysis);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].mentions.len(), 1);
        assert_eq!(m[0].mentions[0].range, 7..12);
    }

    #[test]
    fn layout_shows_a_title_made_from_the_first_sentence_once() {
        let (article, analysis) = fixture::article(
            "The harbor council voted to rebuild the pier on…",
            &["The harbor council voted to rebuild the pier on Monday after a long night."],
        )
        .build();
        let lines = layout(&article, &analysis, &[], 30);
        assert!(!lines.iter().any(|l| matches!(l, BodyLine::Title(_))));
        let (article, analysis) =
            fixture::article("Pier vote", &["The harbor council voted."]).build();
        let lines = layout(&article, &analysis, &[], 30);
        assert!(matches!(lines.first(), Some(BodyLine::Title(_))));
    }

    #[test]
    fn layout_wraps_paragraphs_and_attributes_quotes() {
        let (article, analysis) = fixture::article(
            "Harbor Council votes today",
            &[
                "\"We will build the pier,\" Voss said.",
                "Second paragraph.",
            ],
        )
        .meta(Some("Gazette"), Some("2024-03-01"))
        .entity("Mara Voss", EntityKind::Person, &["Voss"])
        .quote("We will build the pier,", Some("Mara Voss"))
        .build();
        let lines = layout(&article, &analysis, &[], 20);
        let shown: Vec<String> = lines
            .iter()
            .map(|line| match line {
                BodyLine::Title(r) => format!("T {}", &article.title[r.clone()]),
                BodyLine::Meta(s) => format!("M {s}"),
                BodyLine::Blank => String::new(),
                BodyLine::Text { paragraph, range } => {
                    format!(
                        "{paragraph} {}",
                        &article.paragraphs[*paragraph][range.clone()]
                    )
                }
                BodyLine::Attribution(a) => format!("A {}", a.text()),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "T Harbor Council votes",
                "T today",
                "M Gazette · 2024-03-01",
                "",
                "0 \"We will build the",
                "0 pier,\" Voss said.",
                "A — Mara Voss",
                "",
                "1 Second paragraph.",
            ]
        );
    }

    /// The text of the attribution lines of `lines`, each after the paragraph it follows.
    fn attribution_lines(lines: &[BodyLine]) -> Vec<(usize, String)> {
        let mut paragraph = 0;
        let mut out = Vec::new();
        for line in lines {
            match line {
                BodyLine::Text { paragraph: p, .. } => paragraph = *p,
                BodyLine::Attribution(a) => out.push((paragraph, a.text())),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn layout_attributes_every_piece_of_a_continued_quote() {
        let (article, analysis) = fixture::article(
            "T",
            &["Voss said: \"First part.", "\"Second part.\"", "Done."],
        )
        .entity("Mara Voss", EntityKind::Person, &["Voss"])
        .quote("First part.", Some("Mara Voss"))
        .quote("Second part.", Some("Mara Voss"))
        .build();
        let lines = layout(&article, &analysis, &[], 40);
        assert_eq!(
            attribution_lines(&lines),
            [
                (0, "— Mara Voss".to_string()),
                (1, "— Mara Voss".to_string())
            ]
        );
    }

    #[test]
    fn layout_names_each_quote_of_a_paragraph_with_several_speakers() {
        let (article, analysis) = fixture::article(
            "T",
            &[
                "\"The pier will be ready by winter,\" Voss said, but Hale called it \"a fantasy\".",
                "\"Same again,\" Voss said. \"And again.\"",
            ],
        )
        .entity("Mara Voss", EntityKind::Person, &["Voss"])
        .entity("Jon Hale", EntityKind::Person, &["Hale"])
        .quote("The pier will be ready by winter,", Some("Mara Voss"))
        .quote("a fantasy", Some("Jon Hale"))
        .quote("Same again,", Some("Mara Voss"))
        .quote("And again.", Some("Mara Voss"))
        .build();
        let lines = layout(&article, &analysis, &[], 60);
        assert_eq!(
            attribution_lines(&lines),
            [
                (0, "“The pier will be ready…” — Mara Voss".to_string()),
                (0, "“a fantasy” — Jon Hale".to_string()),
                // One speaker for the whole paragraph: the name alone, once.
                (1, "— Mara Voss".to_string()),
            ]
        );
    }

    #[test]
    fn layout_never_puts_an_unattributed_quote_under_a_speaker() {
        let (article, analysis) = fixture::article(
            "T",
            &[
                "Signs read \"Save the docks\" as Voss said the pier was \"overdue\".",
                "A banner said \"No pier\".",
            ],
        )
        .entity("Mara Voss", EntityKind::Person, &["Voss"])
        .quote("Save the docks", None)
        .quote("overdue", Some("Mara Voss"))
        .quote("No pier", None)
        .build();
        let lines = layout(&article, &analysis, &[], 60);
        assert_eq!(
            attribution_lines(&lines),
            [(0, "“overdue” — Mara Voss".to_string())]
        );
    }

    #[test]
    fn openings_fit_the_width_and_cut_at_words() {
        let cases = [
            ("a fantasy", 24, "“a fantasy”"),
            (
                "The pier will be ready by winter,",
                24,
                "“The pier will be ready…”",
            ),
            ("Unbreakable", 5, "“Unbre…”"),
            ("  spaced,  ", 24, "“spaced,”"),
            ("Ça va très bien, merci", 12, "“Ça va très…”"),
        ];
        for (words, width, want) in cases {
            assert_eq!(opening(words, width), want, "{words:?} in {width}");
        }
        // A narrow pane: the whole line still fits.
        let (article, analysis) = fixture::article(
            "T",
            &["\"The pier will be ready by winter,\" Voss said, but Hale called it \"a fantasy\"."],
        )
        .entity("Mara Voss", EntityKind::Person, &["Voss"])
        .entity("Jon Hale", EntityKind::Person, &["Hale"])
        .quote("The pier will be ready by winter,", Some("Mara Voss"))
        .quote("a fantasy", Some("Jon Hale"))
        .build();
        for width in [20, 30, 45] {
            for (_, text) in attribution_lines(&layout(&article, &analysis, &[], width)) {
                assert!(
                    UnicodeWidthStr::width(text.as_str()) <= width,
                    "{text:?} in {width}"
                );
            }
        }
    }
}
