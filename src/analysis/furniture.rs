//! Source furniture: the parts of a story about its delivery, not its news.
//! Datelines' dates and agencies ("LONDON, March 3 (Reuters) -"), agency
//! sign-offs ("REUTER"), bylines ("By Jane Smith") and photo credits
//! ("Photo: Getty Images", "(Reuters/Jane Doe)") never become entities; nor
//! do the web's markup in copied posts (handles "@jdoe", hashtags, links) and
//! the party-and-state labels of US reporting ("Rep. Jane Doe (R-VA)").
//!
//! The place of a dateline stays a place mention (it says where the news
//! happened); only its date and agency are furniture, and a date the tagger
//! glued to a name ("New York Dec") is cut off the name. A byline is
//! furniture as a whole: its person wrote the story and is not in it, and
//! an author named in every story they write would crowd the sidebar.

use super::entities::RawMention;
use super::gazetteer;
use super::tokens::{Token, TokenKind, Tokenized};
use crate::model::EntityKind;
use std::ops::Range;

/// News agencies as they sign their copy (compared without case).
const AGENCIES: &[&str] = &[
    "reuter",
    "reuters",
    "ap",
    "afp",
    "upi",
    "dpa",
    "pa",
    "ani",
    "pti",
    "ians",
    "xinhua",
    "tass",
    "itar-tass",
    "efe",
    "ansa",
    "kyodo",
    "aap",
    "bernama",
    "yonhap",
    "apa",
];

/// Words that open a photo or video credit: "Photo: Getty Images".
const CREDIT_WORDS: &[&str] = &[
    "Photo",
    "Photos",
    "Photograph",
    "Photographs",
    "Picture",
    "Pictures",
    "Image",
    "Images",
    "Credit",
    "Video",
];

/// Words that open an agency's credit for its staff, before "by":
/// "(Reporting by Jane Doe; Editing by John Roe)", "Additional reporting by".
const STAFF_CREDITS: &[&str] = &[
    "Reporting",
    "reporting",
    "Writing",
    "writing",
    "Editing",
    "editing",
    "Compiled",
    "compiled",
    "Additional",
    "additional",
    "Research",
    "research",
    "Graphics",
    "graphics",
];

/// Lower-case words a byline may hold besides names: "By Jane Smith and John Doe in Paris".
const BYLINE_SMALL_WORDS: &[&str] = &["and", "in", "at", "of", "the", "for", "de", "van", "von"];

fn is_agency(word: &str) -> bool {
    AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// The byte ranges of each paragraph that are furniture, by paragraph.
pub fn find(paragraphs: &[String], split: &[Tokenized]) -> Vec<Vec<Range<usize>>> {
    let last = paragraphs.len().saturating_sub(1);
    paragraphs
        .iter()
        .zip(split)
        .enumerate()
        .map(|(pi, (para, tok))| {
            let toks = &tok.tokens;
            if is_sign_off(para)
                || is_byline(para, toks)
                || is_credit_line(para, toks)
                || staff_credit_at(para, toks, 0).is_some()
            {
                return std::iter::once(0..para.len()).collect();
            }
            let mut out = Vec::new();
            if let Some(r) = dateline(para, toks) {
                out.push(r);
            }
            let dated_to = out.first().map_or(0, |r| r.end);
            out.extend(parenthesised_credits(para, toks).filter(|r| r.start >= dated_to));
            if pi == last
                && let Some(r) = trailing_sign_off(para, toks)
            {
                out.push(r);
            }
            out
        })
        .collect()
}

/// Drops the mentions inside furniture, cuts furniture off the end of the
/// others ("New York Dec" → "New York"), and cuts month and weekday names
/// glued to the end of any name.
pub fn strip(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    let furniture = find(paragraphs, split);
    mentions.retain_mut(|m| {
        let Some(para) = paragraphs.get(m.span.paragraph) else {
            return true;
        };
        if in_markup(para, m.span.start, m.span.end) {
            return false;
        }
        let mut end = m.span.end;
        for r in furniture.get(m.span.paragraph).into_iter().flatten() {
            if r.start <= m.span.start && m.span.start < r.end {
                return false;
            }
            if m.span.start < r.start && r.start < end {
                end = r.start;
            }
        }
        end = without_trailing_dates(para, m.span.start, end);
        if end == m.span.end {
            return true;
        }
        let trimmed = para[m.span.start..end].trim_end_matches([' ', ',', '(', '-']);
        if trimmed.is_empty() {
            return false;
        }
        m.span.end = m.span.start + trimmed.len();
        if gazetteer::place(trimmed).is_some() {
            m.kind = EntityKind::Place;
        }
        true
    });
}

/// True when `para[start..end]` sits in a handle, a hashtag or a link
/// ("@jdoe", "#Vote2019", "https://t.co/Ab1", "pic.twitter.com/Ab1"), or is
/// a party-and-state label in parentheses ("(R-VA)", "(D-Calif.)").
pub(crate) fn in_markup(para: &str, start: usize, end: usize) -> bool {
    // Handles and links are short: only so much either side is read, so that
    // a text without spaces ("Holt/said/Holt/said/…") costs no more per name.
    const REACH: usize = 256;
    if para.get(start..end).is_none() {
        return false;
    }
    let (lo, before, after) = super::names::around(para, start, end, REACH);
    // The whitespace-delimited chunk holding the mention.
    let from = lo + before.trim_end_matches(|c: char| !c.is_whitespace()).len();
    let to = end + after.find(char::is_whitespace).unwrap_or(after.len());
    let chunk = para[from..to].trim_start_matches(['(', '[', '"', '\u{201c}', '\'', '\u{2018}']);
    if chunk.starts_with(['@', '#']) || chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    if chunk.contains(".com/") || chunk.starts_with("pic.") {
        return true;
    }
    party_label(&para[start..end]) && before.trim_end().ends_with('(')
}

/// "R-VA", "D-Calif.", "I-Vt.": a party's letter and a state's abbreviation.
fn party_label(text: &str) -> bool {
    let Some((party, state)) = text.split_once('-') else {
        return false;
    };
    let letters = state.trim_end_matches('.');
    matches!(party, "R" | "D" | "I")
        && (2..=5).contains(&letters.len())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// Where a name in `para[start..end]` ends once month and weekday names at
/// its end are cut off ("New York Dec", "Tehran Sunday"); a month after a
/// first name is a surname ("Theresa May") and stays.
fn without_trailing_dates(para: &str, start: usize, mut end: usize) -> usize {
    loop {
        let text = &para[start..end];
        let Some((head, last)) = text.rsplit_once(' ') else {
            return end;
        };
        let last = last.trim_end_matches('.');
        let before = head.rsplit(' ').next().unwrap_or("");
        let after_first_name = gazetteer::is_first_name(before)
            && gazetteer::lowercase_share(before).is_none_or(|p| p < 50);
        if !gazetteer::is_weekday_or_month(last) || after_first_name {
            return end;
        }
        end = start + head.trim_end().len();
    }
}

/// Words of a line, split at anything that is not a letter.
fn letter_words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty())
}

/// A line that only signs the copy off: "REUTER", "Reuters", "REUTER11:43/VB", "MORE".
fn is_sign_off(para: &str) -> bool {
    let mut words = letter_words(para);
    let Some(first) = words.next() else {
        return false;
    };
    (is_agency(first) || first.eq_ignore_ascii_case("more"))
        && para.len() <= 40
        && words
            .all(|w| is_agency(w) || w.eq_ignore_ascii_case("more") || (w.len() <= 3 && is_caps(w)))
}

fn is_caps(word: &str) -> bool {
    word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// A sign-off after the last sentence of the story: "... he said. REUTER",
/// "... 47 cts. Reuter".
fn trailing_sign_off(para: &str, toks: &[Token]) -> Option<Range<usize>> {
    let words: Vec<&Token> = toks.iter().filter(|t| t.kind == TokenKind::Word).collect();
    let last = words.last()?;
    let text = last.text(para);
    let at = toks.iter().position(|t| t.start == last.start)?;
    let after_sentence = at > 0 && matches!(toks[at - 1].text(para), "." | "!" | "?" | "\"" | "”");
    let agency_tail = letter_words(text).next().is_some_and(is_agency);
    // A bare agency name ending the story, after a sentence or a table
    // without its own full stop: "... 5.05 3.12 Reuter".
    let bare_end = is_agency(text) && at + 1 == toks.len();
    (agency_tail && ((after_sentence && is_caps(text)) || bare_end))
        .then_some(last.start..para.len())
}

/// "By Jane Smith", "By Jane Smith and John Doe, BBC News": a short line of
/// "By" and names.
fn is_byline(para: &str, toks: &[Token]) -> bool {
    let mut words = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(para));
    // Most paragraphs fail at the first word: nothing is gathered for them.
    if words.next() != Some("By") {
        return false;
    }
    // Two to nine words after "By" (one more means the line is too long).
    let rest: Vec<&str> = words.take(10).collect();
    (2..=9).contains(&rest.len())
        && rest[0].chars().next().is_some_and(char::is_uppercase)
        && rest.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || BYLINE_SMALL_WORDS.contains(w)
        })
}

/// An agency's credit for its staff starting at token `i`: "Reporting by
/// Jane Doe in Kyiv; Editing by John Roe", "Additional reporting by …": a
/// credit word and "by" (within two words), then names and small words up
/// to a closing parenthesis (included) or the paragraph's end. Returns its bytes.
fn staff_credit_at(para: &str, toks: &[Token], i: usize) -> Option<Range<usize>> {
    let first = toks.get(i)?;
    if !STAFF_CREDITS.contains(&first.text(para)) {
        return None;
    }
    let by = toks[i..]
        .iter()
        .take(3)
        .position(|t| t.text(para) == "by")?;
    let rest = &toks[i + by + 1..];
    let end = rest
        .iter()
        .position(|t| t.text(para) == ")")
        .unwrap_or(rest.len());
    // Names, places, the credit words again, "and", ";": a credit, not a
    // sentence that begins "Reporting by phone is …".
    let credit = rest[..end].iter().all(|t| {
        let word = t.text(para);
        word.starts_with(char::is_uppercase)
            || matches!(word, ";" | "," | "." | "and" | "in" | "by" | "&" | "/")
            || STAFF_CREDITS.contains(&word)
            || BYLINE_SMALL_WORDS.contains(&word)
    }) && (1..=60).contains(&end);
    credit.then(|| first.start..rest.get(end).unwrap_or(&rest[end - 1]).end)
}

/// "Photo: Getty Images", "Picture: AP": a credit word and a colon open a short line.
fn is_credit_line(para: &str, toks: &[Token]) -> bool {
    toks.len() >= 3
        && toks.len() <= 16
        && CREDIT_WORDS.contains(&toks[0].text(para))
        && toks[1].text(para) == ":"
}

/// "(Reuters/Jane Doe)", "(AP Photo/Jane Doe)", "(Photo: Getty)", "(Reporting
/// by Jane Doe)": a credit in parentheses.
fn parenthesised_credits<'a>(
    para: &'a str,
    toks: &'a [Token],
) -> impl Iterator<Item = Range<usize>> + 'a {
    toks.iter().enumerate().filter_map(move |(i, t)| {
        if t.text(para) != "(" {
            return None;
        }
        // "… said. (Reporting by Jane Doe; Editing by John Roe)", however long.
        if let Some(staff) = staff_credit_at(para, toks, i + 1) {
            return Some(t.start..staff.end);
        }
        let first = toks.get(i + 1)?.text(para);
        let close = toks[i + 1..]
            .iter()
            .take(8)
            .position(|t| t.text(para) == ")")?
            + i
            + 1;
        let inside = &toks[i + 1..close];
        let slash = inside.iter().any(|t| t.text(para) == "/");
        let colon = inside.get(1).is_some_and(|t| t.text(para) == ":");
        // A lone "(PA)" after a name is its acronym, not a credit.
        let credit =
            (is_agency(first) && slash) || (CREDIT_WORDS.contains(&first) && (slash || colon));
        credit.then(|| t.start..toks[close].end)
    })
}

/// The date and agency of a dateline at the start of a paragraph: after a
/// place of up to four capitalised words ("LONDON", "New York",
/// "SPRINGFIELD, Ill."), an optional date ("March 3", "Dec 3", "1996-08-30")
/// and an optional agency in parentheses, up to a dash. A dateline with
/// neither a date nor an agency is an ordinary sentence ("Paris - the city").
fn dateline(para: &str, toks: &[Token]) -> Option<Range<usize>> {
    let word = |i: usize| toks.get(i).map_or("", |t| t.text(para));
    let starts_upper = |i: usize| {
        toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
            && word(i).chars().next().is_some_and(char::is_uppercase)
    };
    // The place.
    let mut i = 0;
    while i < 4 && starts_upper(i) && !gazetteer::is_weekday_or_month(word(i)) {
        i += 1;
    }
    // "(Reuters) - ...": an agency alone, where the page dropped the place.
    if i == 0 {
        let dash = matches!(word(3), "-" | "\u{2014}" | "\u{2013}" | "--");
        return (word(0) == "(" && is_agency(word(1)) && word(2) == ")" && dash)
            .then(|| toks[0].start..toks[3].end);
    }
    // "SPRINGFIELD, Ill.": a state after a comma.
    if word(i) == "," && starts_upper(i + 1) && !gazetteer::is_weekday_or_month(word(i + 1)) {
        i += 2;
        if word(i) == "." {
            i += 1;
        }
    }
    let place_end = toks[i - 1].end;
    if word(i) == "," {
        i += 1;
    }
    let from = i;
    // The date: a month or weekday with a day, or a number date.
    let mut dated = false;
    if gazetteer::is_weekday_or_month(word(i).trim_end_matches('.')) {
        dated = true;
        i += 1;
        if word(i) == "." {
            i += 1;
        }
        if toks.get(i).is_some_and(|t| t.kind == TokenKind::Number) {
            i += 1;
        }
    } else if toks.get(i).is_some_and(|t| t.kind == TokenKind::Number)
        && word(i).chars().any(|c| matches!(c, '-' | '/'))
    {
        dated = true;
        i += 1;
    }
    // The agency.
    let mut agency = false;
    if word(i) == "(" && is_agency(word(i + 1)) && word(i + 2) == ")" {
        agency = true;
        i += 3;
    }
    let dash = matches!(word(i), "-" | "\u{2014}" | "\u{2013}" | "--");
    let whole = i == toks.len();
    if !(dated || agency) || !(dash || whole) {
        return None;
    }
    let end = if dash { toks[i].end } else { para.len() };
    let start = toks.get(from).map_or(place_end, |t| t.start);
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{aliases, entities, tokens};
    use crate::model::Entity;

    fn paragraphs(text: &str) -> Vec<String> {
        text.split("\n\n").map(|p| p.trim().to_string()).collect()
    }

    fn furniture_texts(text: &str) -> Vec<String> {
        let ps = paragraphs(text);
        let split = tokens::split_paragraphs(&ps);
        find(&ps, &split)
            .iter()
            .enumerate()
            .flat_map(|(pi, rs)| {
                rs.iter()
                    .map(|r| ps[pi][r.clone()].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn entities(text: &str) -> Vec<Entity> {
        let ps = paragraphs(text);
        aliases::merge(&ps, entities::find_mentions(&ps))
    }

    #[test]
    fn datelines_lose_their_date_and_agency_but_keep_the_place() {
        assert_eq!(
            furniture_texts("LONDON, March 3 (Reuters) - Harlow Mills said it would close."),
            ["March 3 (Reuters) -"]
        );
        assert_eq!(
            furniture_texts("WASHINGTON (AP) \u{2014} The senate met on Monday."),
            ["(AP) \u{2014}"]
        );
        assert_eq!(furniture_texts("KESTON 2031-04-09"), ["2031-04-09"]);
        assert_eq!(
            furniture_texts("(Reuters) - Harlow Mills said it would close."),
            ["(Reuters) -"]
        );
        // An acronym in parentheses is no credit, even when an agency has it.
        assert!(furniture_texts("The Pell Authority (PA) met on Monday.").is_empty());
        assert_eq!(
            furniture_texts("SPRINGFIELD, Ill., Dec 3 - Corn rose."),
            ["Dec 3 -"]
        );
        assert_eq!(
            furniture_texts("HOLTBY, N.J. (AP) \u{2014} Jurors met."),
            ["(AP) \u{2014}"]
        );
        // No date and no agency: an ordinary sentence.
        assert!(furniture_texts("Paris - the city of light - was quiet.").is_empty());
        let e = entities("WASHINGTON (AP) \u{2014} Senator Jane Holt of the Brimley Group said.");
        assert!(
            e.iter()
                .any(|e| e.name == "WASHINGTON" && e.kind == EntityKind::Place),
            "{e:?}"
        );
        assert!(!e.iter().any(|e| e.name.contains("AP")), "{e:?}");
    }

    #[test]
    fn sign_offs_bylines_and_credits_are_furniture_whole() {
        let text = "By Mara Quill and Tobias Fenn\n\nPhoto: Harbour Images\n\nThe Brimley Group said \
                    profits rose (Reuters/Ana Velt) last year.\n\nREUTER";
        assert_eq!(
            furniture_texts(text),
            [
                "By Mara Quill and Tobias Fenn",
                "Photo: Harbour Images",
                "(Reuters/Ana Velt)",
                "REUTER"
            ]
        );
        let names: Vec<String> = entities(text).into_iter().map(|e| e.name).collect();
        for absent in [
            "Mara Quill",
            "Tobias Fenn",
            "Harbour Images",
            "Ana Velt",
            "REUTER",
        ] {
            assert!(!names.iter().any(|n| n == absent), "{absent}: {names:?}");
        }
        assert!(furniture_texts("Profits rose, he said. REUTER").contains(&"REUTER".to_string()));
        assert!(
            furniture_texts("Net excludes a gain of 47 cts. Reuter")
                .contains(&"Reuter".to_string())
        );
        assert!(furniture_texts("Tex Gulf 1.73 1.48 Reuter").contains(&"Reuter".to_string()));
        assert!(furniture_texts("A Reuter survey found it.").is_empty());
        assert!(furniture_texts("Reuter11:43/VB").len() == 1);
        // A sentence that starts with "By" is no byline.
        assert!(furniture_texts("By Friday the Brimley Group had sold its mills.").is_empty());
        // An agency's staff credit, in parentheses or on a line of its own.
        let text = "The Brimley Group said profits rose. (Reporting by Mara Quill in Tolham; \
                    additional reporting by Ana Velt; Editing by Tobias Fenn)\n\n\
                    Writing by Ana Velt; editing by Mara Quill";
        assert_eq!(
            furniture_texts(text),
            [
                "(Reporting by Mara Quill in Tolham; additional reporting by Ana Velt; Editing by Tobias Fenn)",
                "Writing by Ana Velt; editing by Mara Quill"
            ]
        );
        let names: Vec<String> = entities(text).into_iter().map(|e| e.name).collect();
        assert!(names.iter().any(|n| n == "Brimley Group"), "{names:?}");
        for absent in ["Mara Quill", "Ana Velt", "Tobias Fenn", "Tolham"] {
            assert!(!names.iter().any(|n| n == absent), "{absent}: {names:?}");
        }
        // A sentence about reporting is no credit.
        assert!(furniture_texts("Reporting by phone is harder, Mara Quill said.").is_empty());
    }

    #[test]
    fn handles_hashtags_links_and_party_labels_are_no_names() {
        for (text, name) in [
            ("Thanks to @JaneHolt for the tip.", "JaneHolt"),
            ("Tonight on #Brimley we talk.", "Brimley"),
            ("Read it at https://t.co/QxBrimley now.", "QxBrimley"),
            ("Watch pic.twitter.com/BrimleyVid today.", "BrimleyVid"),
            ("Rep. Jane Holt (R-VA) said no.", "R-VA"),
            ("Sen. Tom Pell (D-Calif.) said yes.", "D-Calif."),
            ("Sen. Tom Pell ( I-Vt. ) said yes.", "I-Vt."),
        ] {
            let at = text.find(name).unwrap_or(0);
            assert!(in_markup(text, at, at + name.len()), "{text}");
        }
        for (text, name) in [
            ("Jane Holt (Brimley) said no.", "Brimley"),
            ("The D-Day landings began.", "D-Day"),
            ("Jane Holt wrote to @ the council.", "Jane Holt"),
            ("Met\u{a0}Jane Holt\u{a0}today.", "Jane Holt"),
        ] {
            let at = text.find(name).unwrap_or(0);
            assert!(!in_markup(text, at, at + name.len()), "{text}");
        }
        let names: Vec<String> = entities("Governor @JaneHolt thanked Tom Pell (R-VA) on Monday.")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains("JaneHolt") || n.contains("R-VA")),
            "{names:?}"
        );
    }

    #[test]
    fn month_names_glued_to_a_name_are_cut_off() {
        let p = "Prices were quoted at 1.25 times New York Dec and Mayor Theresa May agreed.";
        let ny = p.find("New York").unwrap_or(0);
        assert_eq!(
            without_trailing_dates(p, ny, ny + "New York Dec".len()),
            ny + 8
        );
        let may = p.find("Theresa").unwrap_or(0);
        assert_eq!(without_trailing_dates(p, may, may + 11), may + 11);
    }
}
