//! The `pipeline` check: arbitrary bytes through the whole program, as a
//! file would go: loader → analysis → app → every pane rendered. Shared by the
//! fuzz target (`fuzz_targets/pipeline.rs`) and the regression test that
//! replays every input the fuzzer once failed on (`src/tests/fuzz_regressions.rs`).
//!
//! Input layout: byte 0 picks the file name (and so the format), bytes 1 and 2
//! the screen size, byte 3 how many of the following bytes are actions; the
//! rest is the file. A failure is a panic, a broken span promise
//! ([`lede::analysis::invariants::check`]) or a forbidden character in a cell.

use lede::action::Action;
use lede::app::App;
use lede::sanitize::is_forbidden;
use lede::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// File names the first byte chooses from: every format, sniffing, a gzip
/// name, and hostile names (a file name reaches the screen too).
///
/// Append only: the inputs in `assets/fixtures/fuzz/` keep their meaning as
/// long as each label keeps its index (their first byte is that index, below
/// the list's length, so a longer list maps it the same way).
const LABELS: &[&str] = &[
    "a.txt",
    "a.md",
    "a.json",
    "a.jsonl",
    "a.ndjson",
    "noext",
    "a.json.gz",
    "a.txt.gz",
    "evil\x1b]0;pwn\x07.txt",
    "bidi\u{202e}txt.json",
    "-",
    "a.html",
    // Feeds, OPML lists and web pages (12 onwards).
    "a.xml",
    "a.rss",
    "a.atom",
    "a.rdf",
    "a.opml",
    "a.html.gz",
    "a.xhtml",
    "a.htm",
    "a.xml.gz",
];

/// Actions the key bytes choose from: all but quitting, sorting and those
/// that ask the world for something.
fn actions() -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| {
            !matches!(
                a,
                Action::Quit
                    | Action::CycleSort
                    | Action::OpenLink
                    | Action::Reload
                    | Action::FetchFullArticle
            )
        })
        .collect()
}

/// Runs `data` through the pipeline; panics on a broken promise.
pub fn run(data: &[u8]) {
    let [label, width, height, count, rest @ ..] = data else {
        return;
    };
    let label = LABELS[usize::from(*label) % LABELS.len()];
    let width = u16::from(*width % 160) + 1;
    let height = u16::from(*height % 60) + 1;
    let count = usize::from(*count % 16).min(rest.len());
    let (keys, bytes) = rest.split_at(count);

    // An OPML list is read in the loader's input step, not by `parse_file`:
    // an outline's title names the feed's articles on screen.
    if let Some(inputs) = lede::loader::inputs::subscription_list(label, bytes, None) {
        for input in inputs {
            if let lede::loader::inputs::Input::Web(source) = input
                && let Some(title) = &source.title
            {
                assert!(!title.chars().any(is_forbidden), "OPML title {title:?}");
            }
        }
    }

    let (articles, mut skipped, warnings) = match lede::loader::parse_file(label, bytes) {
        Ok((articles, warnings)) => (articles, Vec::new(), warnings),
        Err(error) => (Vec::new(), vec![error], Vec::new()),
    };
    for error in skipped.iter().chain(&warnings) {
        let text = error.to_string();
        assert!(!text.chars().any(is_forbidden), "load error {text:?}");
    }
    if articles.is_empty() {
        // The app needs an article; show the reasons over a harmless one, as
        // the skipped-files overlay would.
        skipped.push(lede::loader::LoadError::new(label, "no article"));
    }
    let analyses = lede::analysis::analyse_collection(&articles);
    for (article, analysis) in articles.iter().zip(&analyses) {
        let strings = [&article.title, &article.id, &article.source_path]
            .into_iter()
            .chain(&article.paragraphs)
            .chain(&article.removed)
            .chain(article.source.as_ref())
            .chain(article.author.as_ref())
            .chain(article.url.as_ref())
            .chain(article.date.as_ref());
        for s in strings {
            assert!(!s.chars().any(is_forbidden), "article string {s:?}");
        }
        if let Err(problem) = lede::analysis::invariants::check(article, analysis) {
            panic!("{problem}\n{article:#?}\n{analysis:#?}");
        }
        check_dump(article, analysis);
    }

    let to_strings =
        |v: &[lede::loader::LoadError]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    let mut app = App::new(
        articles,
        analyses,
        to_strings(&skipped),
        to_strings(&warnings),
    );
    app.resize(width, height);
    let theme = Theme::colored();
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    lede::ui::render(&app, &theme, &mut buf);
    check_cells(&buf);
    let actions = actions();
    for key in keys {
        app.apply(actions[usize::from(*key) % actions.len()]);
        buf.reset();
        lede::ui::render(&app, &theme, &mut buf);
        check_cells(&buf);
    }
}

/// The dump line parses back, and each span's offsets slice its text out of
/// the dumped paragraphs.
fn check_dump(article: &lede::model::Article, analysis: &lede::model::Analysis) {
    let line = lede::dump::record_json(article, analysis);
    let record: serde_json::Value = serde_json::from_str(&line).expect("the dump is JSON");
    let paragraphs = record["paragraphs"].as_array().expect("paragraphs");
    let spans = record["quotes"].as_array().expect("quotes").iter().chain(
        record["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .flat_map(|e| e["mentions"].as_array().expect("mentions")),
    );
    for span in spans {
        let at = |key: &str| {
            let n = span[key].as_u64().expect("an offset");
            usize::try_from(n).expect("fits")
        };
        let paragraph = paragraphs[at("paragraph")].as_str().expect("a string");
        assert_eq!(
            paragraph.get(at("start")..at("end")),
            span["text"].as_str(),
            "{span}"
        );
    }
}

/// No cell may hold a character the sanitiser forbids.
fn check_cells(buf: &Buffer) {
    for cell in &buf.content {
        assert!(
            !cell.symbol().chars().any(is_forbidden),
            "cell holds {:?}",
            cell.symbol()
        );
    }
}
