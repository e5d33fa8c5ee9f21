//! Cuts an article with more text than anyone reads in one go (a 50 MB
//! one-line export, a log file loaded by mistake) into parts of at most
//! [`PART_BYTES`]. Everything after the loader works per article: analysis
//! memory and time, the body's wrapped lines, the re-wrap on a resize. With
//! parts, each of those has a ceiling, whatever the file holds, and the parts
//! still sit next to each other in the list, linked by the collection index.

use super::LoadError;
use crate::model::Article;

/// The most text (bytes of paragraphs) one article or part holds: about
/// 40,000 words, twice the longest long-form pieces. Opening a part this size
/// (wrapping, marking) takes about 10 ms, and analysing it a fraction of a second.
pub const PART_BYTES: usize = 256 * 1024;

/// How far back from the size limit a cut looks for the end of a sentence,
/// then for a space, before it cuts between two characters.
const CUT_WINDOW: usize = 16 * 1024;

/// Splits every article with more than [`PART_BYTES`] of text into parts,
/// with a warning naming the file. Other articles pass through untouched.
pub fn split_long_articles(label: &str, articles: Vec<Article>) -> (Vec<Article>, Vec<LoadError>) {
    let mut out = Vec::with_capacity(articles.len());
    let mut warnings = Vec::new();
    for article in articles {
        let bytes: usize = article.paragraphs.iter().map(String::len).sum();
        if bytes <= PART_BYTES {
            out.push(article);
            continue;
        }
        let parts = into_parts(article);
        warnings.push(LoadError::new(
            label,
            format!(
                "{:.1} MiB of text in one article: shown as {} parts of at most {} KiB",
                bytes as f64 / (1024.0 * 1024.0),
                parts.len(),
                PART_BYTES / 1024
            ),
        ));
        out.extend(parts);
    }
    (out, warnings)
}

/// The parts of one long article: paragraphs longer than a part cut at
/// sentence ends, then paragraphs gathered greedily up to [`PART_BYTES`].
fn into_parts(mut article: Article) -> Vec<Article> {
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    let mut filled = 0;
    for paragraph in std::mem::take(&mut article.paragraphs) {
        for piece in cut_paragraph(paragraph) {
            if filled + piece.len() > PART_BYTES && filled > 0 {
                groups.push(Vec::new());
                filled = 0;
            }
            filled += piece.len();
            if let Some(group) = groups.last_mut() {
                group.push(piece);
            }
        }
    }
    let count = groups.len();
    let removed = std::mem::take(&mut article.removed);
    groups
        .into_iter()
        .enumerate()
        .map(|(k, paragraphs)| Article {
            id: format!("{}#part{}", article.id, k + 1),
            // The part first: a narrow list cuts titles at the end.
            title: format!("Part {}/{count}: {}", k + 1, article.title),
            paragraphs,
            // The lines dropped as boilerplate came from the end of the article.
            removed: if k + 1 == count {
                removed.clone()
            } else {
                Vec::new()
            },
            ..article.clone()
        })
        .collect()
}

/// A paragraph as pieces of at most [`PART_BYTES`], each cut after a sentence
/// end or at a space when one is near the limit.
fn cut_paragraph(paragraph: String) -> Vec<String> {
    if paragraph.len() <= PART_BYTES {
        return vec![paragraph];
    }
    let mut pieces = Vec::new();
    let mut rest = paragraph.as_str();
    while rest.len() > PART_BYTES {
        let at = cut_point(rest);
        let piece = rest[..at].trim_end();
        if !piece.is_empty() {
            pieces.push(piece.to_string());
        }
        rest = rest[at..].trim_start();
    }
    let rest = rest.trim_end();
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

/// Where to cut `text` (longer than a part): after the last sentence end in
/// the window before the limit, else at its last space, else at the last
/// character boundary. Always inside `1..=PART_BYTES`.
fn cut_point(text: &str) -> usize {
    let mut limit = PART_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut window_start = limit.saturating_sub(CUT_WINDOW);
    while !text.is_char_boundary(window_start) {
        window_start -= 1;
    }
    let window = &text[window_start..limit];
    let sentence_end = ['.', '?', '!']
        .iter()
        .filter_map(|mark| window.rfind(&format!("{mark} ")))
        .max()
        .map(|at| window_start + at + 1);
    let space = window.rfind(' ').map(|at| window_start + at);
    sentence_end.or(space).filter(|&at| at > 0).unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: Vec<String>) -> Article {
        Article {
            id: "big.txt".into(),
            title: "Big".into(),
            source: Some("Wire".into()),
            paragraphs,
            removed: vec!["Share this".into()],
            ..Article::default()
        }
    }

    #[test]
    fn split_long_articles_passes_ordinary_articles_through() {
        let a = article(vec!["Short text.".into()]);
        let (out, warnings) = split_long_articles("big.txt", vec![a.clone()]);
        assert_eq!(out, vec![a]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn split_long_articles_cuts_one_huge_paragraph_at_sentence_ends() {
        let sentence = "The minister spoke again today. ";
        let text = sentence.repeat(3 * PART_BYTES / sentence.len());
        let (out, warnings) = split_long_articles("big.txt", vec![article(vec![text.clone()])]);
        assert_eq!(
            out.len(),
            3,
            "{:?}",
            out.iter().map(|a| &a.id).collect::<Vec<_>>()
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].reason.contains("3 parts"), "{}", warnings[0]);
        for (k, part) in out.iter().enumerate() {
            assert_eq!(part.id, format!("big.txt#part{}", k + 1));
            assert_eq!(part.title, format!("Part {}/3: Big", k + 1));
            assert_eq!(part.source.as_deref(), Some("Wire"));
            let bytes: usize = part.paragraphs.iter().map(String::len).sum();
            assert!(bytes <= PART_BYTES);
            for p in &part.paragraphs {
                assert!(
                    p.starts_with("The minister") && p.ends_with("today."),
                    "cut mid-sentence"
                );
            }
        }
        assert_eq!(out[2].removed, vec!["Share this".to_string()]);
        assert!(out[0].removed.is_empty());
        // Nothing lost but the spaces at the cuts.
        let joined: String = out
            .iter()
            .flat_map(|a| a.paragraphs.iter())
            .map(|p| format!("{p} "))
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn split_long_articles_gathers_many_small_paragraphs_into_parts() {
        let paragraphs: Vec<String> = (0..300_000).map(|i| format!("Line {i}.")).collect();
        let total: usize = paragraphs.iter().map(String::len).sum();
        let (out, _) = split_long_articles("big.txt", vec![article(paragraphs.clone())]);
        assert_eq!(out.len(), total.div_ceil(PART_BYTES));
        let back: Vec<String> = out.into_iter().flat_map(|a| a.paragraphs).collect();
        assert_eq!(back, paragraphs, "paragraphs kept whole and in order");
    }

    #[test]
    fn cut_point_falls_back_to_a_char_boundary_without_spaces() {
        // Three-byte characters: the limit is not a boundary, the cut must be.
        let text = "語".repeat(PART_BYTES / 2);
        let at = cut_point(&text);
        assert!(text.is_char_boundary(at) && at <= PART_BYTES && at > PART_BYTES - 3);
        let pieces = cut_paragraph(text.clone());
        assert_eq!(pieces.concat(), text);
    }
}
